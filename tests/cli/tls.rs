//! The provider on https, with a certificate from the tests' own CA:
//! refused until the client is told to trust that CA (`--cacert`).

use crate::support::oidc::{OidcProvider, SPECIAL_SECRET};
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};

#[test]
fn a_provider_with_a_private_ca_is_trusted_only_with_cacert() {
    let Some((op, tls)) = OidcProvider::start_tls() else {
        return;
    };
    let ca = tls.ca;
    assert!(
        op.issuer().starts_with("https://127.0.0.1:"),
        "{}",
        op.issuer()
    );
    let env = TestEnv::new();
    let secret = env.write_file("secret", SPECIAL_SECRET);
    let cc = |extra: &[&str]| {
        let mut args = vec![
            "cc",
            "--store",
            "none",
            "--issuer",
            op.issuer(),
            "--client-id",
            "ci-basic",
            "--client-secret-file",
            secret.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    let out = cc(&[]);
    assert_code(&out, 5);
    let err = stderr(&out);
    assert!(err.to_lowercase().contains("certificate"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    let out = cc(&["--cacert", ca.to_str().unwrap()]);
    assert_ok(&out);
    assert!(!stdout(&out).trim().is_empty());

    // The profile key, relative to the config file; introspection (another
    // endpoint, the same client) trusts it too.
    env.write_config(&format!(
        "[profiles.ci]\nissuer = \"{}\"\nclient_id = \"ci-basic\"\nclient_secret_file = \"{}\"\ngrant = \"client_credentials\"\ncacert = \"company-ca.pem\"\n",
        op.issuer(),
        secret.display()
    ));
    std::fs::copy(
        &ca,
        env.config_path().parent().unwrap().join("company-ca.pem"),
    )
    .unwrap();
    std::fs::copy(
        &ca,
        env.config_path().parent().unwrap().join("company-ca.pem"),
    )
    .unwrap();
    assert_ok(&env.run(&["token", "-p", "ci"]));
    let out = env.run(&["introspect", "-p", "ci"]);
    assert_ok(&out);
    assert!(stdout(&out).starts_with("active: true"), "{}", stdout(&out));

    let bad = env.write_file("not-a-ca.pem", "hello");
    let out = cc(&["--cacert", bad.to_str().unwrap()]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("not-a-ca.pem"), "{}", stderr(&out));
}

/// RFC 8705 §2.2: a self-signed certificate that the provider knows from
/// the client's registered JWKS (self_signed_tls_client_auth) is the same
/// `--client-auth tls` for oauthctl, and its token is bound to it too.
#[test]
fn self_signed_tls_client_auth_and_its_bound_token() {
    let Some((op, tls)) = OidcProvider::start_tls() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.self]\nissuer = \"{}\"\nclient_id = \"ci-mtls-self\"\nclient_auth = \"tls\"\ngrant = \"client_credentials\"\ncacert = \"{}\"\nclient_cert = \"{}\"\nclient_cert_key = \"{}\"\n",
        op.issuer(),
        tls.ca.display(),
        tls.self_signed_cert.display(),
        tls.self_signed_key.display()
    ));
    let api = format!("{}/api/me", op.issuer());
    let ca = tls.ca.to_str().unwrap();
    let out = env.run(&["curl", "-p", "self", "--", "-sS", "--cacert", ca, &api]);
    assert_ok(&out);
    let me: serde_json::Value = serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|_| panic!("not JSON: {}\n{}", stdout(&out), stderr(&out)));
    assert_eq!(me["client_id"], "ci-mtls-self", "{me}");
    // The CA-issued certificate is not the one this client registered.
    let out = env.run(&[
        "cc",
        "--store",
        "none",
        "-p",
        "self",
        "--client-cert",
        tls.client_cert.to_str().unwrap(),
        "--client-cert-key",
        tls.client_key.to_str().unwrap(),
    ]);
    assert_code(&out, 3);
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
}

/// RFC 8705: the client authenticates with its certificate (tls_client_auth),
/// the token it gets is bound to that certificate, and `oauthctl curl`
/// presents the certificate with it; without the certificate the token is
/// worth nothing.
#[test]
fn mtls_client_auth_and_certificate_bound_tokens_through_curl() {
    let Some((op, tls)) = OidcProvider::start_tls() else {
        return;
    };
    let env = TestEnv::new();
    std::fs::set_permissions(
        &tls.client_key,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    env.write_config(&format!(
        "[profiles.mtls]\nissuer = \"{}\"\nclient_id = \"ci-mtls\"\nclient_auth = \"tls\"\ngrant = \"client_credentials\"\ncacert = \"{}\"\nclient_cert = \"{}\"\nclient_cert_key = \"{}\"\n",
        op.issuer(),
        tls.ca.display(),
        tls.client_cert.display(),
        tls.client_key.display()
    ));
    let out = env.run(&["token", "-p", "mtls"]);
    assert_ok(&out);
    let token = stdout(&out).trim().to_owned();
    assert_eq!(stderr(&out), "", "a 0600 key draws no warning");

    let api = format!("{}/api/me", op.issuer());
    let ca = tls.ca.to_str().unwrap();
    let out = env.run(&["curl", "-p", "mtls", "--", "-sS", "--cacert", ca, &api]);
    assert_ok(&out);
    let me: serde_json::Value = serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|_| panic!("not JSON: {}", stdout(&out)));
    assert_eq!(me["client_id"], "ci-mtls", "{me}");
    // The same token without the certificate: refused.
    let out = env
        .command("curl")
        .args([
            "-sS",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "--cacert",
            ca,
        ])
        .args(["-H", &format!("Authorization: Bearer {token}"), &api])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "401",
        "a bound token worked without its certificate"
    );

    // tls without a certificate is a usage error, before any request.
    let out = env.run(&[
        "cc",
        "--store",
        "none",
        "--issuer",
        op.issuer(),
        "--cacert",
        ca,
        "--client-id",
        "ci-mtls",
        "--client-auth",
        "tls",
    ]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("--client-cert"), "{}", stderr(&out));
    // A key others can read is said, as ssh says it.
    std::fs::set_permissions(
        &tls.client_key,
        std::os::unix::fs::PermissionsExt::from_mode(0o644),
    )
    .unwrap();
    let out = env.run(&["cc", "-p", "mtls", "--force"]);
    assert_ok(&out);
    assert!(
        stderr(&out).contains("readable by other users"),
        "{}",
        stderr(&out)
    );
}

/// RFC 8705 §5: with a client certificate, the endpoints the server lists
/// under `mtls_endpoint_aliases` are the ones used.
#[test]
fn a_client_with_a_certificate_uses_the_mtls_endpoint_aliases() {
    use crate::support::fake::{FakeProvider, Reply, State};
    use std::sync::{Arc, Mutex};
    let env = TestEnv::new();
    let Some(ca) = crate::support::tls::TestCa::create(env.path()) else {
        return;
    };
    let (cert, key) = ca.client_cert("aliased");
    let base = Arc::new(Mutex::new(String::new()));
    let provider = {
        let base = Arc::clone(&base);
        FakeProvider::start(State::default(), move |req, _| {
            let base = base.lock().unwrap().clone();
            match req.path.as_str() {
                "/.well-known/openid-configuration" => Reply::json(
                    200,
                    &serde_json::json!({
                        "issuer": base,
                        "token_endpoint": format!("{base}/token"),
                        "mtls_endpoint_aliases": {"token_endpoint": format!("{base}/mtls/token")},
                    }),
                ),
                "/mtls/token" | "/token" => Reply::json(
                    200,
                    &serde_json::json!({"access_token": req.path.replace('/', "_"), "token_type": "Bearer", "expires_in": 60}),
                ),
                _ => Reply::not_found(),
            }
        })
    };
    *base.lock().unwrap() = provider.base();
    let issuer = provider.base();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "cc",
            "--store",
            "none",
            "--issuer",
            &issuer,
            "--client-id",
            "x",
            "--client-auth",
            "none",
        ];
        args.extend_from_slice(extra);
        let out = env.run(&args);
        assert_ok(&out);
        stdout(&out)
    };
    assert_eq!(
        run(&[]),
        "_token\n",
        "without a certificate: the plain endpoint"
    );
    let with_cert = [
        "--client-cert",
        cert.to_str().unwrap(),
        "--client-cert-key",
        key.to_str().unwrap(),
    ];
    assert_eq!(run(&with_cert), "_mtls_token\n");
}

/// Entra ID finds a certificate credential by its thumbprint: with
/// `--client-cert` beside `--client-key`, every assertion's header carries
/// `x5t` and `x5t#S256` of that certificate.
#[test]
fn private_key_jwt_with_a_certificate_names_it_by_thumbprint() {
    use crate::support::fake::{FakeProvider, Reply, State};
    use base64::Engine;
    let env = TestEnv::new();
    let Some(ca) = crate::support::tls::TestCa::create(env.path()) else {
        return;
    };
    let (cert, key) = ca.client_cert("entra-app");
    let der = oauthctl::oauth::jws::first_certificate(&std::fs::read(&cert).unwrap()).unwrap();
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let expected = (
        b64(ring::digest::digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY, &der).as_ref()),
        b64(ring::digest::digest(&ring::digest::SHA256, &der).as_ref()),
    );
    let provider = FakeProvider::start(State::default(), move |req, _| {
        let assertion = req.param("client_assertion").unwrap_or_default();
        let header = assertion.split('.').next().unwrap_or_default();
        let header: serde_json::Value = serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(header)
                .unwrap_or_default(),
        )
        .unwrap_or_default();
        if header["x5t"] != expected.0.as_str() || header["x5t#S256"] != expected.1.as_str() {
            return Reply::oauth_error(401, "invalid_client", "AADSTS700027: no such certificate");
        }
        Reply::json(
            200,
            &serde_json::json!({"access_token": "entra-token", "token_type": "Bearer", "expires_in": 3599}),
        )
    });
    let out = env.run(&[
        "cc",
        "--store",
        "none",
        "--token-url",
        &provider.url("/oauth2/v2.0/token"),
        "--client-id",
        "app",
        "--client-auth",
        "private-key-jwt",
        "--client-key",
        key.to_str().unwrap(),
        "--client-cert",
        cert.to_str().unwrap(),
    ]);
    assert_ok(&out);
    assert_eq!(stdout(&out), "entra-token\n");
}
