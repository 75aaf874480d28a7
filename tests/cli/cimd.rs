//! Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document,
//! the MCP authorization spec of 2025-11-25), against the real oidc-provider
//! on https (`OidcProvider::start_cimd`): it takes an https URL as client id,
//! fetches the document there trusting the tests' CA, checks that its
//! `client_id` is that URL, and accepts the loopback redirect on any port.
//! The same server hosts the document, as any static https host would.
//! The order a login picks its client in: configured, the document's URL,
//! a registered one (RFC 7591), else the user is asked.

use std::path::Path;
use std::time::Duration;

use crate::support::oidc::{self, OidcProvider};
use crate::support::{Finished, Following, TestEnv, assert_code, assert_ok, stderr, stdout};

const PROMPT_WAIT: Duration = Duration::from_secs(20);
const EXIT_WAIT: Duration = Duration::from_secs(60);

/// `oauthctl login -p mcp --resource-url API --no-browser EXTRA…`, trusting
/// the provider's CA.
fn login(env: &TestEnv, op: &OidcProvider, ca: &Path, extra: &[&str]) -> Following {
    let api = format!("{}/api", op.issuer());
    let mut cmd = env.cmd();
    cmd.args([
        "login",
        "-p",
        "mcp",
        "--resource-url",
        &api,
        "--cacert",
        ca.to_str().unwrap(),
        "--no-browser",
        "--timeout",
        "60",
    ])
    .args(extra);
    cmd.follow()
}

/// The authorization URL a login printed.
fn auth_url(login: &mut Following) -> url::Url {
    let line = login.wait_line("authorization URL", PROMPT_WAIT, |l| {
        l.contains("redirect_uri=")
    });
    let word = line
        .split_whitespace()
        .find(|w| w.starts_with("https://") && w.contains("redirect_uri="))
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    url::Url::parse(word).unwrap()
}

fn param(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The user signs in and consents; the redirect goes to oauthctl's listener.
fn approve(login: Following, auth: &url::Url, ca: &Path) -> Finished {
    let redirect = oidc::authorize_in_test_browser_trusting(auth.as_str(), ca);
    let (status, page) = oidc::deliver_callback(&redirect);
    assert_eq!(status, 200, "{page}");
    login.finish(EXIT_WAIT)
}

/// The document `oauthctl client-metadata --url URL` prints, hosted as
/// `name` on the provider; returns its URL.
fn host_document(env: &TestEnv, op: &OidcProvider, dir: &Path, name: &str) -> String {
    let url = format!("{}/clients/{name}", op.issuer());
    let out = env.run(&["client-metadata", "--url", &url]);
    assert_ok(&out);
    std::fs::write(dir.join(name), stdout(&out)).unwrap();
    url
}

#[test]
fn a_login_from_the_resource_url_uses_the_client_metadata_document() {
    let Some((op, tls, dir)) = OidcProvider::start_cimd(true) else {
        return;
    };
    let env = TestEnv::new();
    let url = host_document(&env, &op, &dir, "oauthctl.json");
    let mut running = login(&env, &op, &tls.ca, &["--client-metadata-url", &url]);
    let auth = auth_url(&mut running);
    assert_eq!(param(&auth, "client_id").as_deref(), Some(url.as_str()));
    // A port the OS picked, which the document does not name.
    let redirect = param(&auth, "redirect_uri").unwrap();
    assert!(
        redirect.starts_with("http://127.0.0.1:") && redirect.ends_with("/callback"),
        "{redirect}"
    );
    assert_eq!(
        param(&auth, "code_challenge_method").as_deref(),
        Some("S256")
    );
    let done = approve(running, &auth, &tls.ca);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    assert!(
        done.stderr.contains("Using the client metadata document"),
        "{}",
        done.stderr
    );
    let stats = op.stats();
    assert_eq!(stats["registration_requests"], 0, "{stats}");
    // oauthctl's own check, then at least the provider's fetch.
    assert!(
        stats["client_metadata_document_requests"].as_u64() >= Some(2),
        "{stats}"
    );
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        config.contains(&format!("client_id = \"{url}\"")),
        "{config}"
    );

    // The saved profile is a public client like any other: the API knows
    // the client by the URL, and a refresh needs nothing more.
    let ca = tls.ca.to_str().unwrap();
    let me = format!("{}/api/me", op.issuer());
    let out = env.run(&["curl", "-p", "mcp", "--", "-sS", "--cacert", ca, &me]);
    assert_ok(&out);
    let body: serde_json::Value = serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|_| panic!("not JSON: {}", stdout(&out)));
    assert_eq!(body["client_id"], url.as_str(), "{body}");
    assert_ok(&env.run(&["refresh", "-p", "mcp", "--cacert", ca]));
}

#[test]
fn the_profile_key_is_used_as_the_flag_is() {
    let Some((op, tls, dir)) = OidcProvider::start_cimd(false) else {
        return;
    };
    let env = TestEnv::new();
    let url = host_document(&env, &op, &dir, "team.json");
    env.write_config(&format!(
        "[profiles.mcp]\nclient_metadata_url = \"{url}\"\n"
    ));
    // `client-metadata` without --url prints the profile's document.
    let out = env.run(&["client-metadata", "-p", "mcp"]);
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        std::fs::read_to_string(dir.join("team.json")).unwrap()
    );
    let mut running = login(&env, &op, &tls.ca, &[]);
    let auth = auth_url(&mut running);
    assert_eq!(param(&auth, "client_id").as_deref(), Some(url.as_str()));
    let done = approve(running, &auth, &tls.ca);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
}

/// An issuer the user names takes the document's URL too, and the
/// profile keeps it as its client.
#[test]
fn a_login_at_a_named_issuer_uses_the_document_too() {
    let Some((op, tls, dir)) = OidcProvider::start_cimd(false) else {
        return;
    };
    let env = TestEnv::new();
    let url = host_document(&env, &op, &dir, "issuer.json");
    let ca = tls.ca.to_str().unwrap();
    let mut cmd = env.cmd();
    cmd.args([
        "login",
        "-p",
        "team",
        "--issuer",
        op.issuer(),
        "--cacert",
        ca,
        "--scope",
        "api:read",
        "--client-metadata-url",
        &url,
        "--no-browser",
        "--timeout",
        "60",
    ]);
    let mut running = cmd.follow();
    let auth = auth_url(&mut running);
    assert_eq!(param(&auth, "client_id").as_deref(), Some(url.as_str()));
    let done = approve(running, &auth, &tls.ca);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        config.contains("[profiles.team]") && config.contains(&format!("client_id = \"{url}\"")),
        "{config}"
    );
    assert_ok(&env.run(&["refresh", "-p", "team", "--cacert", ca]));

    // Without the document's URL, the user is asked for a client.
    let out = env.run(&[
        "login",
        "--issuer",
        op.issuer(),
        "--cacert",
        ca,
        "--no-browser",
    ]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("--client-id") && stderr(&out).contains("--client-metadata-url"),
        "{}",
        stderr(&out)
    );
}

/// A server that does not advertise client_id_metadata_document_supported
/// gets a registered client instead, and the login says why.
#[test]
fn without_support_for_documents_a_client_is_registered() {
    let Some((op, tls)) = OidcProvider::start_tls() else {
        return;
    };
    let env = TestEnv::new();
    let url = format!("{}/clients/never-fetched.json", op.issuer());
    let mut running = login(&env, &op, &tls.ca, &["--client-metadata-url", &url]);
    let auth = auth_url(&mut running);
    let client_id = param(&auth, "client_id").unwrap();
    assert_ne!(client_id, url);
    let done = approve(running, &auth, &tls.ca);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    assert!(
        done.stderr
            .contains("takes no client metadata document as client id"),
        "{}",
        done.stderr
    );
    assert!(
        done.stderr.contains("Registered oauthctl at"),
        "{}",
        done.stderr
    );
    assert_eq!(op.stats()["registration_requests"], 1);
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(config.contains(&client_id), "{config}");
}

/// No client configured, no document's URL, no registration: the user is
/// asked for a client, and told the server would take a document.
#[test]
fn with_neither_a_document_nor_registration_the_user_is_asked() {
    let Some((op, tls, _dir)) = OidcProvider::start_cimd(false) else {
        return;
    };
    let env = TestEnv::new();
    let done = login(&env, &op, &tls.ca, &[]).finish(EXIT_WAIT);
    assert_eq!(done.code, Some(2), "{}", done.stderr);
    let last = done.stderr.lines().last().unwrap_or_default();
    assert!(
        last.contains("offers no client registration")
            && last.contains("--client-id")
            && last.contains("--client-metadata-url"),
        "{last}"
    );
}

/// A document whose client_id is not its URL: the server refuses it, and
/// oauthctl says so before anyone opens a browser, with the fix.
#[test]
fn a_document_that_names_another_client_id_is_refused() {
    let Some((op, tls, dir)) = OidcProvider::start_cimd(true) else {
        return;
    };
    let env = TestEnv::new();
    let url = host_document(&env, &op, &dir, "moved.json");
    let elsewhere = format!("{}/clients/other.json", op.issuer());
    let text = std::fs::read_to_string(dir.join("moved.json")).unwrap();
    std::fs::write(dir.join("moved.json"), text.replace(&url, &elsewhere)).unwrap();

    // The provider itself will not have it.
    let (verifier_challenge, redirect) = (
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "http://127.0.0.1:40000/callback",
    );
    let mut auth = url::Url::parse(&format!("{}/auth", op.issuer())).unwrap();
    auth.query_pairs_mut()
        .append_pair("client_id", &url)
        .append_pair("redirect_uri", redirect)
        .append_pair("response_type", "code")
        .append_pair("scope", "api:read")
        .append_pair("code_challenge", verifier_challenge)
        .append_pair("code_challenge_method", "S256");
    let resp = oidc::http_client_trusting(&tls.ca)
        .get(auth)
        .send()
        .unwrap();
    let status = resp.status().as_u16();
    let page = resp.text().unwrap_or_default();
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("invalid_client"), "{page}");

    let done = login(&env, &op, &tls.ca, &["--client-metadata-url", &url]).finish(EXIT_WAIT);
    assert_eq!(done.code, Some(2), "{}", done.stderr);
    let last = done.stderr.lines().last().unwrap_or_default();
    assert!(
        last.contains(&format!("says client_id `{elsewhere}`, not its own URL"))
            && last.contains(&format!("oauthctl client-metadata --url {url}")),
        "{last}"
    );
    assert!(!done.stderr.contains("redirect_uri="), "{}", done.stderr);
    assert_eq!(op.stats()["registration_requests"], 0);
}

#[test]
fn client_metadata_prints_the_document_for_the_loopback_redirect() {
    let env = TestEnv::new();
    let url = "https://example.github.io/oauthctl/client.json";
    let out = env.run(&["client-metadata", "--url", url]);
    assert_ok(&out);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        doc,
        serde_json::json!({
            "client_id": url,
            "client_name": "oauthctl",
            "application_type": "native",
            "redirect_uris": ["http://127.0.0.1/callback"],
            "grant_types": ["authorization_code", "refresh_token"],
            "response_types": ["code"],
            "token_endpoint_auth_method": "none",
        })
    );
    assert!(
        stdout(&out).starts_with("{\n  \"client_id\""),
        "{}",
        stdout(&out)
    );

    // A fixed port is listed too, for servers that match it exactly.
    env.write_config(&format!(
        "[profiles.fixed]\nclient_metadata_url = \"{url}\"\nport = 8765\n"
    ));
    let out = env.run(&["client-metadata", "-p", "fixed"]);
    assert_ok(&out);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        doc["redirect_uris"],
        serde_json::json!([
            "http://127.0.0.1/callback",
            "http://127.0.0.1:8765/callback"
        ])
    );

    for bad in [
        "http://example.com/client.json",
        "https://example.com/",
        "https://example.com/client.json#top",
    ] {
        let out = env.run(&["client-metadata", "--url", bad]);
        assert_code(&out, 2);
        assert!(stderr(&out).contains("--url"), "{}", stderr(&out));
    }
    let out = env.run(&["client-metadata"]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("--url"), "{}", stderr(&out));
    // A profile key that breaks the draft's rules is refused at once.
    let out = env.run(&[
        "login",
        "--resource-url",
        "https://api.example.com/mcp",
        "--client-metadata-url",
        "https://example.com/a/../client.json",
    ]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("client_metadata_url"),
        "{}",
        stderr(&out)
    );
}
