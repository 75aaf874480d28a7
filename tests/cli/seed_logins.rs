//! The seed providers' browser flows: `oauthctl login` with the authorization
//! code grant against the quirky fakes, the "browser" played by the test.

use crate::support::fake::{FakeProvider, bime, estimote, geoloqi};
use crate::support::oidc::http_client;
use crate::support::{TestEnv, assert_ok, stdout};
use std::process::Output;
use std::time::Duration;

/// A port that was free a moment ago, for providers that match the redirect
/// URI exactly (`--redirect-uri`).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs `oauthctl login --no-browser ARGS`, plays the browser (follows the
/// printed URL to the provider and its redirect to oauthctl's listener), and
/// returns the finished login's output.
fn browser_login(env: &TestEnv, args: &[&str]) -> Output {
    browser_login_with_env(env, &[], args)
}

fn browser_login_with_env(env: &TestEnv, vars: &[(&str, &str)], args: &[&str]) -> Output {
    let mut login = env
        .cmd()
        .envs(vars.iter().copied())
        .args(["login", "--no-browser", "--timeout", "60"])
        .args(args)
        .follow();
    let url = login.find_line("login URL", Duration::from_secs(30), |line| {
        line.trim()
            .starts_with("http")
            .then(|| line.trim().to_owned())
    });
    let http = http_client();
    let response = http.get(&url).send().expect("GET the authorization URL");
    assert_eq!(
        response.status().as_u16(),
        302,
        "the provider redirects back"
    );
    let callback = response.headers()["location"].to_str().unwrap().to_owned();
    let page = http.get(&callback).send().expect("deliver the callback");
    let page_status = page.status().as_u16();
    let page_text = page.text().unwrap_or_default();
    let done = login.finish(Duration::from_secs(60));
    assert!(!done.stderr.contains("panicked"), "{}", done.stderr);
    // The listener's page agrees with the exit status.
    if done.status.success() {
        assert_eq!(page_status, 200, "{page_text}");
        assert!(page_text.contains("close this tab"), "{page_text}");
    } else {
        assert_eq!(page_status, 400, "{page_text}");
    }
    Output {
        status: done.status,
        stdout: done.stdout.into_bytes(),
        stderr: done.stderr.into_bytes(),
    }
}

#[test]
fn estimote_browser_login_with_form_and_json_bodies() {
    for body in ["form", "json"] {
        let redirect = format!("http://127.0.0.1:{}/estimote/callback", free_port());
        let fake = FakeProvider::estimote().with_authorization(
            "/v1/oauth2/authorize",
            estimote::CLIENT_ID,
            &redirect,
        );
        let env = TestEnv::new();
        let secret = env.write_file("estimote.secret", estimote::CLIENT_SECRET);
        let out = browser_login(
            &env,
            &[
                "--auth-url",
                &fake.url("/v1/oauth2/authorize"),
                "--token-url",
                &fake.url(estimote::PATH),
                "--client-id",
                estimote::CLIENT_ID,
                "--client-secret-file",
                secret.to_str().unwrap(),
                "--client-auth",
                "post",
                "--body",
                body,
                "--redirect-uri",
                &redirect,
                "-o",
                "json",
            ],
        );
        assert_ok(&out);
        let json: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
        let token = fake.issued()[0].clone();
        assert_eq!(json["access_token"], token.as_str());
        assert_eq!(
            json["token_type"], "Bearer",
            "no token_type from Estimote: Bearer"
        );
        assert!(
            json["expires_at"].is_null(),
            "Estimote gives no expiry: {json}"
        );

        let exchange = fake.requests_to(estimote::PATH);
        assert_eq!(exchange.len(), 1);
        let expected_type = if body == "json" {
            "application/json"
        } else {
            "application/x-www-form-urlencoded"
        };
        assert_eq!(exchange[0].content_type(), expected_type);
        assert_eq!(
            exchange[0].param("redirect_uri").as_deref(),
            Some(redirect.as_str())
        );
        assert!(
            exchange[0].param("code_verifier").is_some(),
            "PKCE on every login"
        );

        // The stored token is served without another request.
        let token_out = env.run(&[
            "token",
            "--token-url",
            &fake.url(estimote::PATH),
            "--client-id",
            estimote::CLIENT_ID,
        ]);
        assert_ok(&token_out);
        assert_eq!(stdout(&token_out).trim(), token);
        assert_eq!(fake.requests_to(estimote::PATH).len(), 1);
    }
}

#[test]
fn bime_browser_login_then_refresh_and_query_token_curl() {
    let redirect = format!("http://127.0.0.1:{}/bime/callback", free_port());
    let fake =
        FakeProvider::bime().with_authorization(bime::AUTHORIZE_PATH, bime::CLIENT_ID, &redirect);
    let env = TestEnv::new();
    let secret = env.write_file("bime.secret", bime::CLIENT_SECRET);
    env.write_config(&format!(
        "[profiles.bime]\nauth_url = \"{}\"\ntoken_url = \"{}\"\nclient_id = \"{}\"\nclient_secret_file = '{}'\nclient_auth = \"post\"\nredirect_uri = \"{redirect}\"\ntoken_in = \"query\"\n",
        fake.url(bime::AUTHORIZE_PATH),
        fake.url(bime::TOKEN_PATH),
        bime::CLIENT_ID,
        secret.display(),
    ));
    let out = browser_login(&env, &["-p", "bime"]);
    assert_ok(&out);
    assert!(
        crate::support::stderr(&out).contains("Logged in to bime"),
        "{}",
        crate::support::stderr(&out)
    );
    let first = fake.state().issued_access()[0].clone();

    let out = env.run(&["-p", "bime", "refresh"]);
    assert_ok(&out);
    let refreshed = stdout(&out).trim().to_owned();
    assert_ne!(refreshed, first);
    assert_eq!(
        fake.last().param("grant_type").as_deref(),
        Some("refresh_token")
    );

    let out = env.run(&["-p", "bime", "curl", "--", "-sS", &fake.url(bime::API_PATH)]);
    assert_ok(&out);
    assert!(
        stdout(&out).contains("\"token_via\":\"query\""),
        "{}",
        stdout(&out)
    );
    let api = fake.requests_to(bime::API_PATH);
    assert_eq!(
        api[0].query_param("access_token").as_deref(),
        Some(refreshed.as_str())
    );
}

#[test]
fn geoloqi_browser_login_with_basic() {
    let redirect = format!("http://127.0.0.1:{}/geoloqi/callback", free_port());
    let fake = FakeProvider::geoloqi(true).with_authorization(
        "/oauth/authorize",
        geoloqi::CLIENT_ID,
        &redirect,
    );
    let env = TestEnv::new();
    // The secret from the environment; Basic is the default with a secret.
    let out = browser_login_with_env(
        &env,
        &[("OAUTHCTL_CLIENT_SECRET", geoloqi::CLIENT_SECRET)],
        &[
            "--auth-url",
            &fake.url("/oauth/authorize"),
            "--token-url",
            &fake.url(geoloqi::PATH),
            "--client-id",
            geoloqi::CLIENT_ID,
            "--redirect-uri",
            &redirect,
        ],
    );
    assert_ok(&out);
    let exchange = fake.requests_to(geoloqi::PATH).pop().unwrap();
    assert_eq!(
        exchange.basic(),
        Some((geoloqi::CLIENT_ID.into(), geoloqi::CLIENT_SECRET.into()))
    );
    assert_eq!(
        exchange.param("grant_type").as_deref(),
        Some("authorization_code")
    );
}

#[test]
fn a_denied_consent_exits_3_and_stores_nothing() {
    let redirect = format!("http://127.0.0.1:{}/bime/callback", free_port());
    let fake =
        FakeProvider::bime().with_authorization(bime::AUTHORIZE_PATH, bime::CLIENT_ID, &redirect);
    fake.state().authorization.as_mut().unwrap().approve = false;
    let env = TestEnv::new();
    let secret = env.write_file("bime.secret", bime::CLIENT_SECRET);
    let args = [
        "--auth-url".to_owned(),
        fake.url(bime::AUTHORIZE_PATH),
        "--token-url".to_owned(),
        fake.url(bime::TOKEN_PATH),
        "--client-id".to_owned(),
        bime::CLIENT_ID.to_owned(),
        "--client-secret-file".to_owned(),
        secret.display().to_string(),
        "--redirect-uri".to_owned(),
        redirect.clone(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = browser_login(&env, &args);
    crate::support::assert_code(&out, 3);
    let err = crate::support::stderr(&out);
    assert!(
        err.contains("access_denied") && err.contains("The user said no"),
        "{err}"
    );
    assert!(
        fake.requests_to(bime::TOKEN_PATH).is_empty(),
        "no code exchange after a denial"
    );
    let token_args: Vec<&str> = [&["token"], &args[..6]].concat();
    crate::support::assert_code(&env.run(&token_args), 4);
}
