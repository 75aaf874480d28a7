//! oauthctl against a real Keycloak 26 (issue 12): every flow end to end, the
//! real `oauthctl` binary on one side, Keycloak's own endpoints, login pages
//! (in headless Chromium) and checks on the other. Keycloak runs once for the
//! whole test run (`scripts/keycloak.sh`; see `support::keycloak` for the
//! realm), so each test that changes state does it as a user of its own, and
//! the tests run in parallel.

use std::collections::HashSet;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::fake::{FakeProvider, Reply, State};
use crate::support::keycloak::{
    self, CI_BASIC_SECRET, CLIENT_SECRET_JWT_SECRET, Keycloak, PASSWORD, TX_BACKEND_SECRET,
    WEB_BASIC_SECRET, jwt_claims,
};
use crate::support::webdriver::Browser;
use crate::support::{Following, TestEnv, assert_code, assert_ok, printed_token, stderr, stdout};

/// How long to wait for oauthctl to print the authorization URL / user code.
const PROMPT_WAIT: Duration = Duration::from_secs(30);
/// How long to wait for oauthctl to exit once the browser is done.
const EXIT_WAIT: Duration = Duration::from_secs(60);

/// The cli-public profile `kc` on this Keycloak, with `scopes`.
fn cli_profile(env: &TestEnv, kc: &Keycloak, scopes: &[&str]) {
    env.write_config(&kc.profile("kc", "cli-public", scopes, ""));
}

/// `oauthctl login -p PROFILE --password-grant` as `user` (password on stdin).
fn password_login(env: &TestEnv, profile: &str, user: &str) -> Output {
    env.run_with_stdin(
        &[
            "login",
            "-p",
            profile,
            "--password-grant",
            "--username",
            user,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    )
}

/// The URL word of a line oauthctl printed.
#[track_caller]
fn url_in(line: &str) -> String {
    line.split_whitespace()
        .find(|w| w.starts_with("http"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_owned()
}

fn query_param(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The authorization URL a `login --no-browser` printed, and its loopback
/// port.
fn auth_url(login: &mut Following) -> (url::Url, u16) {
    let line = login.wait_line("authorization URL", PROMPT_WAIT, |l| {
        l.contains("/protocol/openid-connect/auth?")
    });
    let url = url::Url::parse(&url_in(&line)).expect("an authorization URL");
    let redirect = query_param(&url, "redirect_uri")
        .map(|r| url::Url::parse(&r).expect("redirect_uri is a URL"));
    let port = match &redirect {
        Some(redirect) => {
            assert_eq!(
                (redirect.scheme(), redirect.host_str(), redirect.path()),
                ("http", Some("127.0.0.1"), "/callback"),
                "{url}"
            );
            redirect.port().expect("the redirect URI has a port")
        }
        // A pushed request: the redirect URI went in the POST; the listener
        // says where it is.
        None => 0,
    };
    (url, port)
}

/// Marks the stored token set's access token as long expired.
fn expire_stored_access_token(env: &TestEnv) {
    let dir = env.data_dir().join("tokens");
    let mut edited = 0;
    for entry in std::fs::read_dir(&dir).expect("token dir") {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let mut value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        value["expires_at"] = json!(1);
        std::fs::write(&path, serde_json::to_vec(&value).unwrap()).unwrap();
        edited += 1;
    }
    assert_eq!(edited, 1, "one stored token set in {}", dir.display());
}

/// The subject a finished login named.
#[track_caller]
fn assert_logged_in(stderr: &str, profile: &str, user: &str) {
    assert!(
        stderr.contains(&format!("Logged in to {profile} as {user}")),
        "the confirmation line:\n{stderr}"
    );
}

// ---------------------------------------------------------------------------
// Interactive logins, through Keycloak's real pages in Chromium.

#[test]
fn keycloak_browser_login_with_pkce_state_and_nonce() {
    let Some(kc) = Keycloak::get() else { return };
    let Some(browser) = Browser::launch() else {
        return;
    };
    let env = TestEnv::new();
    cli_profile(&env, kc, &["openid", "profile"]);
    let mut login = env
        .cmd()
        .args(["login", "-p", "kc", "--no-browser", "--timeout", "180"])
        .follow();
    let (auth, port) = auth_url(&mut login);
    assert!(
        auth.as_str().starts_with(&format!("{}?", kc.auth_url())),
        "the discovered authorization endpoint: {auth}"
    );
    let param = |name| query_param(&auth, name);
    assert_eq!(param("client_id").as_deref(), Some("cli-public"));
    assert_eq!(param("response_type").as_deref(), Some("code"));
    assert_eq!(param("code_challenge_method").as_deref(), Some("S256"));
    assert_eq!(param("code_challenge").map(|c| c.len()), Some(43));
    let state = param("state").expect("state");
    let nonce = param("nonce").expect("a nonce with openid");
    assert!(state.len() >= 16 && nonce.len() >= 16 && state != nonce);

    browser.navigate(auth.as_str()).unwrap();
    let page = keycloak::sign_in(&browser, "alice", keycloak::listener_page(port));
    assert!(page.contains("Logged in"), "oauthctl's page: {page}");
    let done = login.finish(EXIT_WAIT);
    assert_eq!(done.code, Some(0), "login failed:\n{}", done.stderr);
    assert_logged_in(&done.stderr, "kc", "alice");

    // The id_token Keycloak issued for this login: oauthctl checked it, and
    // keeps it.
    let id_token = printed_token(&env.run(&["token", "-p", "kc", "--id-token"]));
    let claims = jwt_claims(&id_token);
    assert_eq!(claims["nonce"], nonce.as_str(), "{claims}");
    assert_eq!(claims["iss"], kc.issuer().as_str(), "{claims}");
    assert_eq!(claims["aud"], "cli-public", "{claims}");
    assert_eq!(claims["preferred_username"], "alice", "{claims}");

    let token = printed_token(&env.run(&["token", "-p", "kc"]));
    let me = kc.assert_token_accepted(&token);
    assert_eq!(me["preferred_username"], "alice", "{me}");
    assert_eq!(me["sub"], claims["sub"], "{me}");
    // `oauthctl curl` hands the same token to curl.
    let out = env.run(&["curl", "-p", "kc", "--", "-fsS", &kc.userinfo_url()]);
    assert_ok(&out);
    let me: Value = serde_json::from_str(&stdout(&out)).expect("userinfo JSON");
    assert_eq!(me["preferred_username"], "alice", "{me}");
    // And a refresh token came with it.
    let refreshed = printed_token(&env.run(&["refresh", "-p", "kc"]));
    assert_ne!(refreshed, token);
    kc.assert_token_accepted(&refreshed);
}

#[test]
fn keycloak_device_flow_approved_in_the_browser() {
    let Some(kc) = Keycloak::get() else { return };
    let Some(browser) = Browser::launch() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&kc.profile("kc", "cli-device", &["openid"], ""));
    let mut login = env
        .cmd()
        .args(["login", "-p", "kc", "--device", "--timeout", "180"])
        .follow();
    let line = login.wait_line("verification_uri_complete", PROMPT_WAIT, |l| {
        l.contains("user_code=")
    });
    let complete = url_in(&line);
    assert!(
        complete.starts_with(&format!("{}/device?user_code=", kc.issuer())),
        "{complete}"
    );
    browser.navigate(&complete).unwrap();
    let page = keycloak::sign_in(&browser, "dave", |s| {
        let text = s.body_text().ok()?;
        text.contains("Device Login Successful").then_some(text)
    });
    assert!(!page.contains("error"), "{page}");
    let done = login.finish(EXIT_WAIT);
    assert_eq!(done.code, Some(0), "device login failed:\n{}", done.stderr);
    assert_logged_in(&done.stderr, "kc", "dave");
    let token = printed_token(&env.run(&["token", "-p", "kc"]));
    let me = kc.assert_token_accepted(&token);
    assert_eq!(me["preferred_username"], "dave", "{me}");
}

/// Keycloak makes `cli-par` push its requests; `--par` does, and the browser
/// URL carries nothing but the client id and the request URI.
#[test]
fn keycloak_pushed_authorization_request() {
    let Some(kc) = Keycloak::get() else { return };
    let Some(browser) = Browser::launch() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&kc.profile("par", "cli-par", &["openid"], ""));

    // Keycloak's discovery tells only the realm's PAR rule, not the
    // client's: without --par the login is refused, and says why.
    let mut login = env
        .cmd()
        .args(["login", "-p", "par", "--no-browser", "--timeout", "60"])
        .follow();
    let (auth, _) = auth_url(&mut login);
    let refused = crate::support::oidc::http_client()
        .get(auth.as_str())
        .send()
        .expect("GET the authorization URL");
    let location = refused.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("error=invalid_request"), "{location}");
    let (status, _) = crate::support::oidc::deliver_callback(&location);
    assert_eq!(status, 400);
    let done = login.finish(EXIT_WAIT);
    assert_eq!(done.code, Some(3), "{}", done.stderr);
    assert!(
        done.stderr
            .contains("Pushed Authorization Request is only allowed")
            && done.stderr.contains("add --par"),
        "{}",
        done.stderr
    );

    let mut login = env
        .cmd()
        .args([
            "login",
            "-p",
            "par",
            "--par",
            "--no-browser",
            "--timeout",
            "180",
        ])
        .follow();
    let (auth, _) = auth_url(&mut login);
    let names: Vec<String> = auth.query_pairs().map(|(k, _)| k.into_owned()).collect();
    assert_eq!(names, ["client_id", "request_uri"], "{auth}");
    let request_uri = query_param(&auth, "request_uri").unwrap();
    assert!(
        request_uri.starts_with("urn:ietf:params:oauth:request_uri:"),
        "{request_uri}"
    );
    browser.navigate(auth.as_str()).unwrap();
    let page = keycloak::sign_in(&browser, "petra", |s| {
        let url = s.current_url().ok()?;
        let title = s.title().ok()?;
        (url.starts_with("http://127.0.0.1:")
            && !url.starts_with(kc.base())
            && title.starts_with("oauthctl:"))
        .then(|| s.body_text().ok())
        .flatten()
    });
    assert!(page.contains("Logged in"), "oauthctl's page: {page}");
    let done = login.finish(EXIT_WAIT);
    assert_eq!(done.code, Some(0), "PAR login failed:\n{}", done.stderr);
    assert_logged_in(&done.stderr, "par", "petra");
    let token = printed_token(&env.run(&["token", "-p", "par"]));
    let me = kc.assert_token_accepted(&token);
    assert_eq!(me["preferred_username"], "petra", "{me}");
}

/// Zero-config login (RFC 9728 + RFC 7591): an API names Keycloak as its
/// authorization server; oauthctl registers a client there anonymously
/// (the realm trusts 127.0.0.1), the user logs in and consents (Keycloak
/// requires consent for such clients), and `curl` then reaches the API.
#[test]
fn keycloak_dynamic_registration_from_a_resource_url() {
    let Some(kc) = Keycloak::get() else { return };
    let Some(browser) = Browser::launch() else {
        return;
    };
    let base = Arc::new(Mutex::new(String::new()));
    let api = {
        let base = Arc::clone(&base);
        let issuer = kc.issuer();
        FakeProvider::start(State::default(), move |req, _| {
            let base = base.lock().unwrap().clone();
            let metadata = json!({
                "resource": format!("{base}/mcp"),
                "authorization_servers": [issuer],
                "scopes_supported": ["openid"],
                "bearer_methods_supported": ["header"],
            });
            match req.path.as_str() {
                "/.well-known/oauth-protected-resource/mcp" => Reply::json(200, &metadata),
                "/mcp" => {
                    let challenge = format!(
                        "Bearer resource_metadata=\"{base}/.well-known/oauth-protected-resource/mcp\""
                    );
                    let Some(token) = req.bearer() else {
                        return Reply::json(401, &json!({"error": "unauthorized"}))
                            .header("WWW-Authenticate", &challenge);
                    };
                    // The API checks the token with Keycloak.
                    let kc = Keycloak::get().expect("Keycloak");
                    let info = kc.introspect(token, "access_token");
                    if info["active"] != true {
                        return Reply::json(401, &json!({"error": "invalid_token"}))
                            .header("WWW-Authenticate", &challenge);
                    }
                    Reply::json(
                        200,
                        &json!({"user": info["preferred_username"], "client_id": info["client_id"]}),
                    )
                }
                _ => Reply::not_found(),
            }
        })
    };
    *base.lock().unwrap() = api.base();
    let resource = api.url("/mcp");

    let env = TestEnv::new();
    let mut login = env
        .cmd()
        .args([
            "login",
            "-p",
            "mcp",
            "--resource-url",
            &resource,
            "--no-browser",
            "--timeout",
            "180",
        ])
        .follow();
    let (auth, port) = auth_url(&mut login);
    let client_id = query_param(&auth, "client_id").expect("a registered client id");
    assert!(
        !client_id.is_empty() && !client_id.starts_with("cli-"),
        "{auth}"
    );
    assert_eq!(
        query_param(&auth, "resource").as_deref(),
        Some(resource.as_str())
    );
    let registered = kc.admin_get(&format!("clients?clientId={client_id}"));
    assert_eq!(registered[0]["publicClient"], true, "{registered}");
    assert_eq!(registered[0]["consentRequired"], true, "{registered}");

    browser.navigate(auth.as_str()).unwrap();
    let page = keycloak::sign_in(&browser, "rita", keycloak::listener_page(port));
    assert!(page.contains("Logged in"), "oauthctl's page: {page}");
    let done = login.finish(EXIT_WAIT);
    assert_eq!(done.code, Some(0), "login failed:\n{}", done.stderr);
    assert!(done.stderr.contains("is protected by"), "{}", done.stderr);
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        config.contains("[profiles.mcp]")
            && config.contains(&client_id)
            && config.contains(&kc.issuer()),
        "{config}"
    );

    let out = env.run(&["curl", "-p", "mcp", "--", "-fsS", &resource]);
    assert_ok(&out);
    let answer: Value = serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|_| panic!("not JSON: {}", stdout(&out)));
    assert_eq!(answer["user"], "rita", "{answer}");
    assert_eq!(answer["client_id"], client_id.as_str(), "{answer}");
}

// ---------------------------------------------------------------------------
// Logins without a browser.

#[test]
fn keycloak_password_grant() {
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    cli_profile(&env, kc, &["openid"]);

    let wrong = env.run_with_stdin(
        &[
            "login",
            "-p",
            "kc",
            "--password-grant",
            "--username",
            "paula",
            "--password-stdin",
        ],
        "not-her-password\n",
    );
    assert_code(&wrong, 3);
    assert!(
        stderr(&wrong).contains("invalid_grant"),
        "{}",
        stderr(&wrong)
    );
    assert!(
        !stderr(&wrong).contains("not-her-password"),
        "{}",
        stderr(&wrong)
    );
    assert_code(&env.run(&["token", "-p", "kc"]), 4);

    let out = password_login(&env, "kc", "paula");
    assert_ok(&out);
    assert_logged_in(&stderr(&out), "kc", "paula");
    assert!(!stderr(&out).contains(PASSWORD), "{}", stderr(&out));
    let token = printed_token(&env.run(&["token", "-p", "kc"]));
    let me = kc.assert_token_accepted(&token);
    assert_eq!(me["preferred_username"], "paula", "{me}");

    // Keycloak's `refresh_expires_in` (the SSO session's idle time) is kept,
    // and agrees with the `exp` of its JWT refresh token (issue 20.4).
    let set = env.stored_set();
    let stored = set["refresh_expires_at"]
        .as_u64()
        .unwrap_or_else(|| panic!("no refresh_expires_at: {set}"));
    let exp = jwt_claims(set["refresh_token"].as_str().unwrap())["exp"]
        .as_u64()
        .expect("an exp in Keycloak's refresh token");
    assert!(stored.abs_diff(exp) <= 5, "stored {stored}, exp {exp}");
    let status = stdout(&env.run(&["status"]));
    assert!(status.contains("log in again within"), "{status}");
}

/// The realm rotates refresh tokens and refuses any second use
/// (`revokeRefreshToken`, max reuse 0): 20 processes that find the access
/// token expired make exactly one refresh between them, counted by
/// Keycloak's own REFRESH_TOKEN events; 20 that each want a refresh
/// (`--min-ttl` above the lifetime) take turns, each with the refresh token
/// the one before stored, and the grant survives.
#[test]
fn keycloak_rotating_refresh_tokens_under_twenty_parallel_token_calls() {
    const PROCESSES: usize = 20;
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    cli_profile(&env, kc, &["openid"]);
    assert_ok(&password_login(&env, "kc", "rosa"));
    // Counted from here: a test run before this one may have used the same
    // Keycloak.
    let before = kc.user_events("rosa", "REFRESH_TOKEN").len();
    let refresh_events = || kc.user_events("rosa", "REFRESH_TOKEN").len() - before;
    let errors_before = kc.user_events("rosa", "REFRESH_TOKEN_ERROR").len();
    let rt0 = env.stored_set()["refresh_token"]
        .as_str()
        .expect("a stored refresh token")
        .to_owned();

    expire_stored_access_token(&env);
    let mut tokens = HashSet::new();
    for out in env.run_parallel(PROCESSES, &["token", "-p", "kc"]) {
        tokens.insert(printed_token(&out));
    }
    assert_eq!(
        tokens.len(),
        1,
        "every process prints the one refreshed token"
    );
    assert_eq!(
        refresh_events(),
        1,
        "exactly one refresh for {PROCESSES} processes"
    );
    let token = tokens.into_iter().next().unwrap();
    assert_eq!(
        kc.assert_token_accepted(&token)["preferred_username"],
        "rosa"
    );
    let rt1 = env.stored_set()["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(rt1, rt0, "the rotated refresh token was stored");

    let outputs = env.run_parallel(PROCESSES, &["token", "-p", "kc", "--min-ttl", "100000"]);
    let mut tokens = HashSet::new();
    for out in &outputs {
        let token = printed_token(out);
        kc.assert_token_accepted(&token);
        tokens.insert(token);
    }
    let refreshes = refresh_events() - 1;
    assert!(refreshes >= 1);
    assert_eq!(
        tokens.len(),
        refreshes,
        "every refresh's token was handed out, and nothing else"
    );
    assert_eq!(
        kc.user_events("rosa", "REFRESH_TOKEN_ERROR").len(),
        errors_before,
        "no process used a spent refresh token"
    );
    // The grant survived: the last stored refresh token still works.
    let last = printed_token(&env.run(&["refresh", "-p", "kc"]));
    kc.assert_token_accepted(&last);
    assert_eq!(refresh_events(), refreshes + 2);

    // What a lost race would have done: a second use of a spent refresh
    // token is refused, and Keycloak then revokes the grant for everyone.
    let (status, body) = kc.raw_token_request(
        "cli-public",
        None,
        &[("grant_type", "refresh_token"), ("refresh_token", &rt0)],
    );
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_grant")),
        "{body}"
    );
    let out = env.run(&["token", "-p", "kc", "--min-ttl", "100000"]);
    assert_code(&out, 4);
}

/// `offline_access`: Keycloak's refresh token is an offline one, and it
/// outlives the user's sessions.
#[test]
fn keycloak_offline_access() {
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    cli_profile(&env, kc, &["openid", "offline_access"]);
    assert_ok(&password_login(&env, "kc", "olga"));
    let stored = env.stored_set();
    let claims = jwt_claims(stored["refresh_token"].as_str().expect("a refresh token"));
    assert_eq!(claims["typ"], "Offline", "{claims}");
    assert!(
        claims["scope"]
            .as_str()
            .unwrap_or_default()
            .contains("offline_access"),
        "{claims}"
    );

    let first = printed_token(&env.run(&["token", "-p", "kc"]));
    let refreshed = printed_token(&env.run(&["refresh", "-p", "kc"]));
    assert_ne!(refreshed, first);
    assert_eq!(
        kc.assert_token_accepted(&refreshed)["preferred_username"],
        "olga"
    );
    let rotated = jwt_claims(env.stored_set()["refresh_token"].as_str().unwrap());
    assert_eq!(rotated["typ"], "Offline", "{rotated}");
    let id = kc.user_id("olga");
    let client = kc.admin_get("clients?clientId=cli-public")[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let sessions = kc.admin_get(&format!("users/{id}/offline-sessions/{client}"));
    assert!(
        sessions
            .as_array()
            .is_some_and(|all| all.iter().any(|s| s["id"] == rotated["sid"])),
        "Keycloak holds this login's offline session ({}): {sessions}",
        rotated["sid"]
    );
}

// ---------------------------------------------------------------------------
// Confidential clients.

#[test]
fn keycloak_client_credentials_with_client_secret_basic_and_post() {
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    let secret_file = env.write_file("ci-basic.secret", CI_BASIC_SECRET);
    let issuer = kc.issuer();
    let failures = || kc.client_events("ci-basic", "CLIENT_LOGIN_ERROR").len();
    let failed_before = failures();
    let basic = env.run(&[
        "client-credentials",
        "--issuer",
        &issuer,
        "--client-id",
        "ci-basic",
        "--client-secret-file",
        secret_file.to_str().unwrap(),
    ]);
    let basic = printed_token(&basic);
    let info = kc.introspect(&basic, "access_token");
    assert_eq!(info["active"], true, "{info}");
    assert_eq!(info["client_id"], "ci-basic", "{info}");

    let post = env
        .cmd()
        .args([
            "client-credentials",
            "--issuer",
            &issuer,
            "--client-id",
            "ci-basic",
            "--client-auth",
            "post",
            "--force",
            "-o",
            "json",
        ])
        .env("OAUTHCTL_CLIENT_SECRET", CI_BASIC_SECRET)
        .output()
        .unwrap();
    assert_ok(&post);
    assert!(
        !stderr(&post).contains(CI_BASIC_SECRET),
        "{}",
        stderr(&post)
    );
    let json: Value = serde_json::from_str(&stdout(&post)).expect("-o json");
    let token = json["access_token"].as_str().unwrap();
    assert_ne!(token, basic, "--force mints anew");
    assert_eq!(json["token_type"], "Bearer", "{json}");
    let expires_in = json["expires_in"].as_u64().unwrap();
    assert!(
        (1..=keycloak::ACCESS_TOKEN_TTL).contains(&expires_in),
        "{json}"
    );
    assert_eq!(kc.introspect(token, "access_token")["active"], true);
    assert_eq!(
        failures(),
        failed_before,
        "both were right the first time (no raw-Basic retry)"
    );

    let wrong = env
        .cmd()
        .args([
            "client-credentials",
            "--issuer",
            &issuer,
            "--client-id",
            "ci-basic",
            "--client-auth",
            "post",
            "--force",
        ])
        .env("OAUTHCTL_CLIENT_SECRET", "not-the-secret")
        .output()
        .unwrap();
    assert_code(&wrong, 3);
    assert!(
        failures() > failed_before,
        "Keycloak logs a failed client login"
    );
    assert!(
        stderr(&wrong).contains("unauthorized_client") || stderr(&wrong).contains("invalid_client"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn keycloak_private_key_jwt_and_client_secret_jwt() {
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    let issuer = kc.issuer();
    let key = keycloak::ci_key(env.path());
    let out = env.run(&[
        "client-credentials",
        "--issuer",
        &issuer,
        "--client-id",
        "ci-key",
        "--client-auth",
        "private-key-jwt",
        "--client-key",
        key.to_str().unwrap(),
    ]);
    let token = printed_token(&out);
    assert_eq!(stderr(&out), "", "no warning for the 0600 key");
    let info = kc.introspect(&token, "access_token");
    assert_eq!(
        (&info["active"], &info["client_id"]),
        (&json!(true), &json!("ci-key")),
        "{info}"
    );

    // A key Keycloak does not know is refused.
    let other = env.path().join("other.pem");
    let made = crate::support::bounded(std::process::Command::new("openssl"))
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
        ])
        .arg(&other)
        .output()
        .expect("run openssl");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let refused = env.run(&[
        "client-credentials",
        "--issuer",
        &issuer,
        "--client-id",
        "ci-key",
        "--client-key",
        other.to_str().unwrap(),
        "--force",
    ]);
    assert_code(&refused, 3);

    let secret = env.write_file("secret-jwt.secret", CLIENT_SECRET_JWT_SECRET);
    let out = env.run(&[
        "client-credentials",
        "--issuer",
        &issuer,
        "--client-id",
        "ci-secret-jwt",
        "--client-auth",
        "client-secret-jwt",
        "--client-secret-file",
        secret.to_str().unwrap(),
    ]);
    let token = printed_token(&out);
    let info = kc.introspect(&token, "access_token");
    assert_eq!(info["active"], true, "{info}");
    assert_eq!(info["client_id"], "ci-secret-jwt", "{info}");
}

/// A confidential client's login, introspected by oauthctl: exit 0 while
/// active, 1 once Keycloak ended the user's sessions.
#[test]
fn keycloak_introspect_active_then_inactive() {
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    let secret = env.write_file("web-basic.secret", WEB_BASIC_SECRET);
    env.write_config(&kc.profile(
        "web",
        "web-basic",
        &["openid"],
        &format!("client_secret_file = {:?}", secret.to_str().unwrap()),
    ));
    assert_ok(&password_login(&env, "web", "ivan"));
    let out = env.run(&["introspect", "-p", "web"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("active: true"), "{}", stdout(&out));
    assert!(stdout(&out).contains("username: ivan"), "{}", stdout(&out));
    let out = env.run(&["introspect", "-p", "web", "--refresh-token", "-o", "json"]);
    assert_ok(&out);
    let info: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        (&info["active"], &info["typ"]),
        (&json!(true), &json!("Refresh")),
        "{info}"
    );

    kc.log_out_everywhere("ivan");
    let out = env.run(&["introspect", "-p", "web"]);
    assert_code(&out, 1);
    assert_eq!(stdout(&out), "active: false\n");
    let out = env.run(&["introspect", "-p", "web", "--refresh-token"]);
    assert_code(&out, 1);
}

/// `logout --revoke` revokes at Keycloak (RFC 7009): the refresh token and
/// its session are gone there, not only here.
#[test]
fn keycloak_logout_revoke() {
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    cli_profile(&env, kc, &["openid"]);
    assert_ok(&password_login(&env, "kc", "luis"));
    let stored = env.stored_set();
    let refresh_token = stored["refresh_token"].as_str().unwrap().to_owned();
    let access_token = stored["access_token"].as_str().unwrap().to_owned();
    assert_eq!(
        kc.introspect(&refresh_token, "refresh_token")["active"],
        true
    );

    let out = env.run(&["logout", "-p", "kc", "--revoke"]);
    assert_ok(&out);
    let info = kc.introspect(&refresh_token, "refresh_token");
    assert_eq!(
        info["active"], false,
        "the refresh token after logout --revoke: {info}"
    );
    let info = kc.introspect(&access_token, "access_token");
    assert_eq!(info["active"], false, "its session's access token: {info}");
    let (status, _) = kc.raw_token_request(
        "cli-public",
        None,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh_token),
        ],
    );
    assert_eq!(status, 400);
    assert_code(&env.run(&["token", "-p", "kc"]), 4);
}

/// private_key_jwt beyond the token endpoint: Keycloak 26 wants the same
/// `aud` for the device authorization and revocation requests as for token
/// requests, and refuses their own URLs (`Invalid token audience`), which
/// left tokens valid at the server while `logout --revoke` deleted them here.
#[test]
fn keycloak_private_key_jwt_for_device_and_revocation_requests() {
    let Some(kc) = Keycloak::get() else { return };
    let Some(browser) = Browser::launch() else {
        return;
    };
    let env = TestEnv::new();
    let key = keycloak::ci_key(env.path());
    env.write_config(&kc.profile(
        "kc",
        "cli-key",
        &["openid"],
        &format!(
            "client_auth = \"private_key_jwt\"\nclient_key = {:?}",
            key.to_str().unwrap()
        ),
    ));
    let mut login = env
        .cmd()
        .args(["login", "-p", "kc", "--device", "--timeout", "180"])
        .follow();
    let line = login.wait_line("verification_uri_complete", PROMPT_WAIT, |l| {
        l.contains("user_code=")
    });
    browser.navigate(&url_in(&line)).unwrap();
    let page = keycloak::sign_in(&browser, "kate", |s| {
        let text = s.body_text().ok()?;
        text.contains("Device Login Successful").then_some(text)
    });
    assert!(!page.contains("error"), "{page}");
    let done = login.finish(EXIT_WAIT);
    assert_eq!(done.code, Some(0), "device login failed:\n{}", done.stderr);
    assert_logged_in(&done.stderr, "kc", "kate");

    let refresh_token = env.stored_set()["refresh_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        kc.introspect(&refresh_token, "refresh_token")["active"],
        true
    );
    let out = env.run(&["logout", "-p", "kc", "--revoke"]);
    assert_ok(&out);
    assert_eq!(
        stderr(&out).matches("warning").count(),
        0,
        "{}",
        stderr(&out)
    );
    let info = kc.introspect(&refresh_token, "refresh_token");
    assert_eq!(info["active"], false, "revoked at Keycloak too: {info}");
}

/// Keycloak's standard token exchange (V2): `tx-backend` trades the user's
/// cli-public token (whose audience names tx-backend) for one for `tx-api`.
#[test]
fn keycloak_standard_token_exchange() {
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    let secret = env.write_file("tx-backend.secret", TX_BACKEND_SECRET);
    env.write_config(&format!(
        "{}{}",
        kc.profile("kc", "cli-public", &["openid"], ""),
        kc.profile(
            "backend",
            "tx-backend",
            &[],
            &format!("client_secret_file = {:?}", secret.to_str().unwrap()),
        )
    ));
    assert_ok(&password_login(&env, "kc", "tess"));
    let subject = printed_token(&env.run(&["token", "-p", "kc"]));

    let out = env.run(&[
        "exchange",
        "-p",
        "backend",
        "--subject-profile",
        "kc",
        "--audience",
        "tx-api",
    ]);
    let exchanged = printed_token(&out);
    assert_ne!(exchanged, subject);
    let claims = jwt_claims(&exchanged);
    assert_eq!(claims["azp"], "tx-backend", "{claims}");
    assert_eq!(claims["aud"], "tx-api", "{claims}");
    assert_eq!(claims["sub"], kc.user_id("tess").as_str(), "{claims}");
    assert_eq!(kc.introspect(&exchanged, "access_token")["active"], true);
    // Cached: the same parameters give the same token.
    let again = printed_token(&env.run(&[
        "exchange",
        "-p",
        "backend",
        "--subject-profile",
        "kc",
        "--audience",
        "tx-api",
    ]));
    assert_eq!(again, exchanged);

    // An audience tx-backend may not ask for.
    let out = env.run(&[
        "exchange",
        "-p",
        "backend",
        "--subject-profile",
        "kc",
        "--audience",
        "ci-basic",
    ]);
    assert_code(&out, 3);
    assert!(stderr(&out).contains("invalid_request"), "{}", stderr(&out));
}

/// The realm's DPoP clients refuse a token request without a DPoP proof.
#[test]
fn keycloak_dpop_clients_want_a_proof() {
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "client-credentials",
            "--issuer",
            &kc.issuer(),
            "--client-id",
            "ci-dpop",
        ])
        .env("OAUTHCTL_CLIENT_SECRET", keycloak::CI_DPOP_SECRET)
        .output()
        .unwrap();
    assert_code(&out, 3);
    assert!(
        stderr(&out).contains("DPoP proof is missing") && stderr(&out).contains("add --dpop"),
        "{}",
        stderr(&out)
    );
}

/// `--dpop` with Keycloak: a browser login of `cli-dpop` (DPoP-bound
/// tokens required) through its real login form; the tokens are DPoP-bound
/// (`cnf.jkt` in the access token), `oauthctl curl` calls userinfo with a
/// proof per request, and a refresh proves the same key.
#[test]
fn keycloak_dpop_browser_login_and_curl_to_userinfo() {
    let Some(kc) = Keycloak::get() else { return };
    let Some(browser) = Browser::launch() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&kc.profile("kc", "cli-dpop", &["openid", "profile"], "dpop = true\n"));
    let mut login = env
        .cmd()
        .args(["login", "-p", "kc", "--no-browser", "--timeout", "180"])
        .follow();
    let (auth, port) = auth_url(&mut login);
    assert_eq!(
        query_param(&auth, "dpop_jkt").map(|j| j.len()),
        Some(43),
        "{auth}"
    );
    browser.navigate(auth.as_str()).unwrap();
    let page = keycloak::sign_in(&browser, "dora", keycloak::listener_page(port));
    assert!(page.contains("Logged in"), "oauthctl's page: {page}");
    let done = login.finish(EXIT_WAIT);
    assert_eq!(done.code, Some(0), "login failed:\n{}", done.stderr);

    let stored = env.stored_set();
    assert_eq!(stored["token_type"], "DPoP", "{stored}");
    let token = stored["access_token"].as_str().unwrap().to_owned();
    let jkt = jwt_claims(&token)["cnf"]["jkt"].clone();
    assert_eq!(
        jkt.as_str().map(str::len),
        Some(43),
        "the token is bound: {jkt}"
    );
    // Without a proof the token is refused.
    assert_eq!(kc.userinfo(&token).0, 401);
    for _ in 0..2 {
        let out = env.run(&["curl", "-p", "kc", "--", "-fsS", &kc.userinfo_url()]);
        assert_ok(&out);
        let me: Value = serde_json::from_str(&stdout(&out)).expect("userinfo JSON");
        assert_eq!(me["preferred_username"], "dora", "{me}");
    }
    let refreshed = printed_token(&env.run(&["refresh", "-p", "kc"]));
    assert_ne!(refreshed, token);
    assert_eq!(jwt_claims(&refreshed)["cnf"]["jkt"], jkt, "the same key");
    let out = env.run(&["curl", "-p", "kc", "--", "-fsS", &kc.userinfo_url()]);
    assert_ok(&out);
}

/// Client credentials with `--dpop` against a client whose tokens must be
/// DPoP-bound; the header lines of `token -o header --htm --htu` work with
/// another HTTP client.
#[test]
fn keycloak_dpop_client_credentials_and_header_lines() {
    let Some(kc) = Keycloak::get() else { return };
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.ci]\nissuer = \"{}\"\nclient_id = \"ci-dpop\"\ngrant = \"client_credentials\"\nscopes = [\"openid\"]\ndpop = true\n",
        kc.issuer()
    ));
    let run = |args: &[&str]| {
        env.cmd()
            .args(args)
            .env("OAUTHCTL_CLIENT_SECRET", keycloak::CI_DPOP_SECRET)
            .output()
            .unwrap()
    };
    let out = run(&["client-credentials", "-p", "ci", "-o", "json"]);
    assert_ok(&out);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["token_type"], "DPoP", "{json}");
    let out = run(&["curl", "-p", "ci", "--", "-fsS", &kc.userinfo_url()]);
    assert_ok(&out);
    let me: Value = serde_json::from_str(&stdout(&out)).expect("userinfo JSON");
    assert_eq!(me["preferred_username"], "service-account-ci-dpop", "{me}");

    let url = kc.userinfo_url();
    let out = run(&[
        "token", "-p", "ci", "-o", "header", "--htm", "GET", "--htu", &url,
    ]);
    assert_ok(&out);
    let text = stdout(&out);
    let mut request = crate::support::oidc::http_client().get(&url);
    for line in text.lines() {
        let (name, value) = line.split_once(": ").expect("a header line");
        request = request.header(name, value);
    }
    assert_eq!(request.send().unwrap().status().as_u16(), 200, "{text}");
}
