//! Quirks of real servers other than the seed providers, reproduced by fakes
//! that answer as those servers were seen to answer.

use crate::support::fake::{FakeProvider, Reply, State};
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};
use serde_json::json;

const SECRET: &str = "s3cr+t$:x";

/// glewlwyd does not form-decode HTTP Basic credentials: an encoded secret
/// is a wrong one, answered `403 unauthorized_client`.
fn glewlwyd() -> FakeProvider {
    FakeProvider::start(State::default(), |req, st| {
        if req.method != "POST" || req.path != "/token" {
            return Reply::not_found();
        }
        // glewlwyd compares the raw `id:secret` of the header: the RFC 6749
        // form-encoded one is a wrong secret to it.
        let raw = req
            .header("authorization")
            .and_then(|h| h.strip_prefix("Basic "))
            .map(|b| {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD
                    .decode(b)
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        if raw != format!("cli:{SECRET}").as_bytes() {
            return Reply::oauth_error(403, "unauthorized_client", "Invalid client");
        }
        match req.param("grant_type").as_deref() {
            Some("client_credentials") => {
                st.hits += 1;
                Reply::json(
                    200,
                    &json!({"access_token": format!("g-{}", st.hits), "token_type": "bearer", "expires_in": 600}),
                )
            }
            // A refresh token it no longer takes: a bare 400.
            Some("refresh_token") => Reply::new(400, "text/plain", String::new()),
            _ => Reply::oauth_error(400, "unsupported_grant_type", ""),
        }
    })
}

#[test]
fn glewlwyds_403_to_encoded_basic_credentials_brings_the_raw_retry() {
    let provider = glewlwyd();
    let env = TestEnv::new();
    let out = env.run(&[
        "cc",
        "--store",
        "none",
        "--token-url",
        &provider.url("/token"),
        "--client-id",
        "cli",
        "--client-secret-file",
        env.write_file("secret", SECRET).to_str().unwrap(),
    ]);
    assert_ok(&out);
    assert_eq!(stdout(&out), "g-1\n");
    assert_eq!(provider.requests_to("/token").len(), 2, "encoded, then raw");
}

#[test]
fn glewlwyds_bare_400_to_a_refresh_means_log_in_again() {
    let provider = glewlwyd();
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.g]\ntoken_url = \"{}\"\nauth_url = \"{}\"\nclient_id = \"cli\"\nclient_auth = \"basic-raw\"\nclient_secret = \"{SECRET}\"\n",
        provider.url("/token"),
        provider.url("/auth"),
    ));
    let out = env.run_with_stdin(&["login", "-p", "g", "--with-refresh-token", "-"], "old-rt");
    assert_code(&out, 4);
    let err = stderr(&out);
    assert!(
        err.contains("bare 400") && err.contains("oauthctl login -p g"),
        "{err}"
    );
}
