//! oauthctl against a real authorization server: panva's oidc-provider
//! (`tests/provider/server.mjs`, see `support::oidc`). Every test starts its own
//! server (about half a second), so the request counts it asserts are its own.

use std::collections::HashSet;
use std::process::Output;

use crate::support::oidc::{self, CI_POST_SECRET, OidcProvider, SPECIAL_SECRET, WEB_POST_SECRET};
use crate::support::printed_token;
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};

/// Runs `oauthctl client-credentials` against the provider's token endpoint
/// as `ci-basic`, with the special-character secret from a file.
fn ci_basic(env: &TestEnv, op: &OidcProvider, extra: &[&str]) -> Output {
    let secret_file = env.write_file("ci-basic.secret", SPECIAL_SECRET);
    let token_url = op.token_url();
    let mut args = vec![
        "client-credentials",
        "--token-url",
        &token_url,
        "--client-id",
        "ci-basic",
        "--client-secret-file",
        secret_file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

/// A config whose default profile is the public CLI client on this provider.
fn write_public_profile(env: &TestEnv, op: &OidcProvider) {
    env.write_config(&format!(
        r#"
[profiles.default]
issuer = "{}"
client_id = "cli-public"
scopes = ["openid", "offline_access", "api:read"]
"#,
        op.issuer()
    ));
}

/// Logs a user in through the real login pages, hands the refresh token to
/// `oauthctl login --with-refresh-token -`, and resets the provider's counts.
fn login_public_client(env: &TestEnv, op: &OidcProvider) {
    write_public_profile(env, op);
    let refresh_token =
        op.obtain_refresh_token("cli-public", None, "openid offline_access api:read");
    let out = env.run_with_stdin(
        &["login", "--with-refresh-token", "-"],
        &format!("{refresh_token}\n"),
    );
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        "",
        "login prints nothing on stdout by default"
    );
    assert!(
        !stderr(&out).contains(&refresh_token),
        "the refresh token leaked to stderr:\n{}",
        stderr(&out)
    );
    assert_eq!(
        op.grant_count("refresh_token"),
        1,
        "login --with-refresh-token redeems the refresh token once: {}",
        op.stats()
    );
    op.reset_stats();
}

// ---------------------------------------------------------------------------
// The provider itself: these pin the behaviour the oauthctl tests rely on, so a
// change in oidc-provider or server.mjs shows up here first.

#[test]
fn provider_rotates_public_refresh_tokens_and_revokes_on_reuse() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let tokens = op.login_with_code("cli-public", None, "openid offline_access api:read");
    let rt0 = tokens["refresh_token"]
        .as_str()
        .expect("refresh token")
        .to_owned();
    assert_eq!(tokens["expires_in"], oidc::ACCESS_TOKEN_TTL);
    let me = op.assert_token_accepted(tokens["access_token"].as_str().unwrap());
    assert_eq!(me["sub"], "test-user");
    assert_eq!(me["client_id"], "cli-public");

    let refreshed = op.token_request(
        "cli-public",
        None,
        &[("grant_type", "refresh_token"), ("refresh_token", &rt0)],
    );
    let rt1 = refreshed["refresh_token"]
        .as_str()
        .expect("rotated refresh token");
    assert_ne!(
        rt1, rt0,
        "a public client gets a new refresh token on refresh"
    );

    let (status, body) = op.raw_token_request(
        "cli-public",
        None,
        &[("grant_type", "refresh_token"), ("refresh_token", &rt0)],
    );
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "{body}"
    );
    // ... and the reuse revoked the whole grant, the new refresh token too.
    let (status, body) = op.raw_token_request(
        "cli-public",
        None,
        &[("grant_type", "refresh_token"), ("refresh_token", rt1)],
    );
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "{body}"
    );
    assert_eq!(op.grant_count("refresh_token"), 3, "{}", op.stats());
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());
}

#[test]
fn provider_confidential_clients_log_in_with_basic_and_post() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let basic = op.obtain_refresh_token("web-basic", Some(SPECIAL_SECRET), "openid api:read");
    let post = op.obtain_refresh_token("web-post", Some(WEB_POST_SECRET), "openid offline_access");
    assert_ne!(basic, post);
    // The Basic header must be RFC 6749 §2.3.1-encoded: the raw secret is refused.
    let raw = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        format!("web-basic:{SPECIAL_SECRET}"),
    );
    let resp = oidc::http_client()
        .post(op.token_url())
        .header("Authorization", format!("Basic {raw}"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    // The server is strict about the registered method (oidc-provider alone
    // would take either): a post client's secret in a Basic header fails.
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "client_credentials")
        .append_pair("client_id", "web-basic")
        .append_pair("client_secret", SPECIAL_SECRET)
        .finish();
    let resp = oidc::http_client()
        .post(op.token_url())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let resp = oidc::http_client()
        .post(op.token_url())
        .header(
            "Authorization",
            oidc::basic_auth("web-post", WEB_POST_SECRET),
        )
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
}

#[test]
fn provider_device_flow_and_protected_resource() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let resp = oidc::http_client()
        .post(op.device_url())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("client_id=cli-public&scope=openid%20offline_access")
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let device: serde_json::Value = serde_json::from_str(&resp.text().unwrap()).unwrap();
    let complete = device["verification_uri_complete"]
        .as_str()
        .expect("verification_uri_complete");
    let page = oidc::approve_device_in_test_browser(complete);
    assert!(page.contains("Sign-in Success"), "{page}");
    let tokens = op.token_request(
        "cli-public",
        None,
        &[
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("device_code", device["device_code"].as_str().unwrap()),
        ],
    );
    assert!(tokens["refresh_token"].is_string(), "{tokens}");
    let access = tokens["access_token"].as_str().unwrap();
    op.assert_token_accepted(access);

    let (status, _) = op.api_me("not-a-token");
    assert_eq!(status, 401);
    let resp = oidc::http_client().get(op.api_url()).send().unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let challenge = resp.headers()["www-authenticate"].to_str().unwrap();
    assert!(
        challenge.contains(r#"error="invalid_token""#),
        "{challenge}"
    );
    let resp = oidc::http_client()
        .get(format!("{}?access_token={access}", op.api_url()))
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200, "token as a query parameter");
}

// ---------------------------------------------------------------------------
// Client credentials.

#[test]
fn client_credentials_basic_with_special_character_secret_file() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let out = ci_basic(&env, &op, &["--scope", "api:read"]);
    let token = printed_token(&out);
    let me = op.assert_token_accepted(&token);
    assert_eq!(me["client_id"], "ci-basic");
    assert_eq!(me["scope"], "api:read");
    assert_eq!(op.grant_count("client_credentials"), 1, "{}", op.stats());
    assert!(
        !stderr(&out).contains(SPECIAL_SECRET),
        "the secret leaked to stderr:\n{}",
        stderr(&out)
    );
}

#[test]
fn client_credentials_post_with_secret_from_env_and_discovery() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "client-credentials",
            "--issuer",
            op.issuer(),
            "--client-id",
            "ci-post",
            "--client-auth",
            "post",
            "--scope",
            "api:read api:write",
        ])
        .env("OAUTHCTL_CLIENT_SECRET", CI_POST_SECRET)
        .output()
        .unwrap();
    let token = printed_token(&out);
    let me = op.assert_token_accepted(&token);
    assert_eq!(me["client_id"], "ci-post");
    assert_eq!(me["scope"], "api:read api:write");
    assert_eq!(op.grant_count("client_credentials"), 1, "{}", op.stats());
}

#[test]
fn client_credentials_are_cached_per_scope_and_force_mints_anew() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let first = printed_token(&ci_basic(&env, &op, &["--scope", "api:read"]));
    let second = printed_token(&ci_basic(&env, &op, &["--scope", "api:read"]));
    assert_eq!(second, first, "a fresh cached token is reused");
    assert_eq!(op.grant_count("client_credentials"), 1, "{}", op.stats());

    let other_scope = printed_token(&ci_basic(&env, &op, &["--scope", "api:write"]));
    assert_ne!(other_scope, first, "the scope is part of the cache key");
    assert_eq!(op.grant_count("client_credentials"), 2, "{}", op.stats());

    let forced = printed_token(&ci_basic(&env, &op, &["--scope", "api:read", "--force"]));
    assert_ne!(forced, first, "--force mints a new token");
    assert_eq!(op.grant_count("client_credentials"), 3, "{}", op.stats());
    op.assert_token_accepted(&forced);

    let after = printed_token(&ci_basic(&env, &op, &["--scope", "api:read"]));
    assert_eq!(after, forced, "the forced token replaced the cached one");
    assert_eq!(op.grant_count("client_credentials"), 3, "{}", op.stats());
}

#[test]
fn client_credentials_output_formats() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();

    let out = ci_basic(&env, &op, &["--scope", "api:read", "-o", "json"]);
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("-o json is not JSON ({e}): {:?}", stdout(&out)));
    let keys: HashSet<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        HashSet::from([
            "access_token",
            "token_type",
            "expires_at",
            "expires_in",
            "scope"
        ]),
        "{json}"
    );
    assert_eq!(json["token_type"], "Bearer");
    assert_eq!(json["scope"], "api:read");
    let expires_in = json["expires_in"]
        .as_i64()
        .expect("expires_in is an integer");
    assert!(
        (1..=oidc::ACCESS_TOKEN_TTL as i64).contains(&expires_in),
        "expires_in {expires_in}"
    );
    let expires_at = json["expires_at"].as_str().expect("expires_at is a string");
    assert!(
        expires_at.len() >= 20 && expires_at.as_bytes()[10] == b'T',
        "expires_at is not RFC 3339: {expires_at}"
    );
    let token = json["access_token"].as_str().unwrap().to_owned();
    op.assert_token_accepted(&token);

    let out = ci_basic(&env, &op, &["--scope", "api:read", "-o", "header"]);
    assert_ok(&out);
    assert_eq!(stdout(&out), format!("Authorization: Bearer {token}\n"));

    let out = ci_basic(&env, &op, &["--scope", "api:read", "-o", "env"]);
    assert_ok(&out);
    let line = stdout(&out)
        .lines()
        .find_map(|l| {
            l.strip_prefix("export OAUTHCTL_ACCESS_TOKEN=")
                .map(str::to_owned)
        })
        .unwrap_or_else(|| panic!("no OAUTHCTL_ACCESS_TOKEN export in {:?}", stdout(&out)));
    assert_eq!(line.trim_matches(|c| c == '\'' || c == '"'), token);

    // All three came from the cache; none printed a secret.
    assert_eq!(op.grant_count("client_credentials"), 1, "{}", op.stats());
}

#[test]
fn wrong_client_secret_is_invalid_client_exit_3() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let secret_file = env.write_file("wrong.secret", "wrong-secret-value");
    let out = env.run(&[
        "client-credentials",
        "--token-url",
        &op.token_url(),
        "--client-id",
        "ci-basic",
        "--client-secret-file",
        secret_file.to_str().unwrap(),
    ]);
    assert_code(&out, 3);
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("wrong-secret-value"),
        "the secret leaked to stderr:\n{}",
        stderr(&out)
    );
    assert_eq!(
        op.grant_count("client_credentials"),
        1,
        "OAuth errors are not retried: {}",
        op.stats()
    );
}

#[test]
fn client_auth_defaults_to_basic_which_a_post_client_refuses() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "client-credentials",
            "--token-url",
            &op.token_url(),
            "--client-id",
            "ci-post",
        ])
        .env("OAUTHCTL_CLIENT_SECRET", CI_POST_SECRET)
        .output()
        .unwrap();
    assert_code(&out, 3);
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
    assert!(!stderr(&out).contains(CI_POST_SECRET), "{}", stderr(&out));
}

#[test]
fn disallowed_scope_is_invalid_scope_exit_3() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let out = ci_basic(&env, &op, &["--scope", "profile"]);
    assert_code(&out, 3);
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("invalid_scope"), "{}", stderr(&out));
}

#[test]
fn resource_indicator_is_sent_and_an_unknown_one_is_invalid_target() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let api = format!("{}/api", op.issuer());
    let out = ci_basic(&env, &op, &["--scope", "api:write", "--resource", &api]);
    let token = printed_token(&out);
    assert_eq!(op.assert_token_accepted(&token)["scope"], "api:write");

    let out = ci_basic(&env, &op, &["--resource", "https://other.example/"]);
    assert_code(&out, 3);
    assert!(stderr(&out).contains("invalid_target"), "{}", stderr(&out));
    assert_eq!(
        op.grant_count("client_credentials"),
        2,
        "a 400 is not retried: {}",
        op.stats()
    );
}

// ---------------------------------------------------------------------------
// A user's refresh token: login, token, refresh with rotation, locking.

#[test]
fn login_with_refresh_token_then_token_is_accepted() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op);
    let out = env.run(&["token"]);
    assert_code(&out, 4);
    assert_eq!(stdout(&out), "");

    login_public_client(&env, &op);
    let token = printed_token(&env.run(&["token"]));
    let me = op.assert_token_accepted(&token);
    assert_eq!(me["sub"], "test-user");
    assert_eq!(me["client_id"], "cli-public");
    assert_eq!(
        op.stats()["token_requests"],
        0,
        "a fresh stored token is printed without a request: {}",
        op.stats()
    );
}

#[test]
fn browser_login_through_the_real_login_and_consent_pages() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op);
    op.log_in_through_pages(&env, &[]);
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());

    let token = printed_token(&env.run(&["token"]));
    let me = op.assert_token_accepted(&token);
    assert_eq!(me["sub"], "test-user");
    // A refresh token came with it.
    let refreshed = printed_token(&env.run(&["token", "--min-ttl", "100000"]));
    op.assert_token_accepted(&refreshed);
    assert_eq!(op.grant_count("refresh_token"), 1, "{}", op.stats());
}

#[test]
fn min_ttl_forces_a_refresh_and_the_rotated_refresh_token_is_stored() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    login_public_client(&env, &op);
    let t1 = printed_token(&env.run(&["token"]));

    let t2 = printed_token(&env.run(&["token", "--min-ttl", "100000"]));
    assert_ne!(t2, t1, "--min-ttl above the lifetime refreshes");
    assert_eq!(op.grant_count("refresh_token"), 1, "{}", op.stats());
    op.assert_token_accepted(&t2);

    let again = printed_token(&env.run(&["token"]));
    assert_eq!(again, t2, "the refreshed token was stored");
    assert_eq!(op.grant_count("refresh_token"), 1, "{}", op.stats());

    // The provider rotated the refresh token; had oauthctl kept the old one,
    // this refresh would reuse it, get invalid_grant and lose the grant.
    let t3 = printed_token(&env.run(&["token", "--min-ttl", "100000"]));
    assert_ne!(t3, t2);
    op.assert_token_accepted(&t3);

    let t4 = printed_token(&env.run(&["refresh"]));
    assert_ne!(t4, t3, "refresh always refreshes");
    op.assert_token_accepted(&t4);
    assert_eq!(op.grant_count("refresh_token"), 3, "{}", op.stats());
}

#[test]
fn revoked_grant_makes_token_exit_4() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op);
    let rt0 = op.obtain_refresh_token("cli-public", None, "openid offline_access api:read");
    assert_ok(&env.run_with_stdin(&["login", "--with-refresh-token", "-"], &rt0));
    // oauthctl redeemed rt0 and stored its successor. Reusing rt0 now makes the
    // provider revoke the whole grant (refresh token reuse detection).
    let (status, body) = op.raw_token_request(
        "cli-public",
        None,
        &[("grant_type", "refresh_token"), ("refresh_token", &rt0)],
    );
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "{body}"
    );

    let out = env.run(&["token", "--min-ttl", "100000"]);
    assert_code(&out, 4);
    assert_eq!(stdout(&out), "");
    assert!(!stderr(&out).is_empty(), "a reason is given on stderr");
}

#[test]
fn concurrent_refreshes_are_serialised_and_never_lose_the_grant() {
    const PROCESSES: usize = 20;
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    login_public_client(&env, &op);

    // Every process wants a refresh (--min-ttl exceeds the 300 s lifetime).
    // One refreshes; those that waited for it meanwhile use its token as it
    // is; one that starts after it refreshes again, with the refresh token
    // the previous one stored. A process reading a refresh token that another
    // already rotated would get invalid_grant and the provider would revoke
    // the grant for everyone. (That exactly one refresh serves all waiters is
    // shown deterministically in hostile.rs.)
    let outputs = env.run_parallel(PROCESSES, &["token", "--min-ttl", "100000"]);

    let mut tokens = HashSet::new();
    for out in &outputs {
        let token = printed_token(out);
        op.assert_token_accepted(&token);
        tokens.insert(token);
    }
    let refreshes = op.grant_count("refresh_token");
    assert!(refreshes >= 1, "{}", op.stats());
    assert_eq!(
        tokens.len() as u64,
        refreshes,
        "every refresh's token was handed out, and nothing else: {}",
        op.stats()
    );

    // The grant survived: the last stored refresh token still works.
    let last = printed_token(&env.run(&["token", "--min-ttl", "100000"]));
    op.assert_token_accepted(&last);
    assert_eq!(
        op.grant_count("refresh_token"),
        refreshes + 1,
        "{}",
        op.stats()
    );
}

/// Marks every stored token set as long expired, by editing the file store.
fn expire_stored_tokens(env: &TestEnv) {
    let dir = env.data_dir().join("tokens");
    let mut edited = 0;
    for entry in std::fs::read_dir(&dir).expect("token dir") {
        let path = entry.unwrap().path();
        let mut value: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        value["expires_at"] = serde_json::json!(1);
        std::fs::write(&path, serde_json::to_vec(&value).unwrap()).unwrap();
        edited += 1;
    }
    assert_eq!(
        edited,
        1,
        "expected one stored token set in {}",
        dir.display()
    );
}

#[test]
fn twenty_concurrent_token_calls_on_an_expired_token_refresh_exactly_once() {
    const PROCESSES: usize = 20;
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    login_public_client(&env, &op);
    expire_stored_tokens(&env);

    // The default --min-ttl (60 s) is far below the refreshed token's 300 s,
    // so whoever takes the lock second finds a fresh token and must not refresh.
    let outputs = env.run_parallel(PROCESSES, &["token"]);

    let mut tokens = HashSet::new();
    for out in &outputs {
        tokens.insert(printed_token(out));
    }
    assert_eq!(
        op.grant_count("refresh_token"),
        1,
        "exactly one refresh for {PROCESSES} processes: {}",
        op.stats()
    );
    assert_eq!(
        tokens.len(),
        1,
        "all processes print the one refreshed token"
    );
    op.assert_token_accepted(tokens.iter().next().unwrap());
}
