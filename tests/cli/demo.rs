//! `oauthctl demo`: the whole tour against its own local provider, once
//! auto-approved and once clicked through like a person would (Approve, then
//! Deny). Only 127.0.0.1 is ever contacted, and every wait is bounded.

use std::path::Path;
use std::time::Duration;

use crate::support::{Finished, Following, TestEnv};

/// The demo bounds its own steps; this only catches a hung test.
const DEMO_TIMEOUT: Duration = Duration::from_secs(180);
const URL_TIMEOUT: Duration = Duration::from_secs(60);

/// The running demo, its stderr (prompts, the login URL) read line by line, with its temp dir inside
/// the test's own dir, so the test can check that nothing is left anywhere.
fn demo(env: &TestEnv, args: &[&str]) -> Following {
    let tmp = env.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    env.cmd()
        .env("TMPDIR", &tmp)
        .arg("demo")
        .args(args)
        .limit(DEMO_TIMEOUT)
        .follow()
}

fn http() -> reqwest::blocking::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(Duration::from_secs(15))
        .build()
        .unwrap()
}

/// Files left under `dir` (directories alone do not count).
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

/// The login URL the demo printed (from `login --no-browser`).
fn login_url(line: &str) -> Option<String> {
    line.split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:") && w.contains("/authorize?"))
        .map(str::to_owned)
}

fn is_loopback_callback(location: &str) -> bool {
    location.starts_with("http://127.0.0.1:") && location.contains("/callback?")
}

/// Opens the consent page like a browser, checks it, and presses `decision`.
/// Returns where the provider sends the browser next.
fn answer_consent(url: &str, decision: &str) -> String {
    let http = http();
    let page = http.get(url).send().unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let content_type = page.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let html = page.text().unwrap();
    assert!(html.contains(">Approve</button>"), "{html}");
    assert!(html.contains(">Deny</button>"), "{html}");
    assert!(
        html.contains("demo-user") && html.contains("demo-cli"),
        "{html}"
    );
    // Self-contained: no scripts, no stylesheets or images from anywhere.
    for forbidden in ["<script", "src=", "<link", "url(", "href=\"http", "@import"] {
        assert!(!html.contains(forbidden), "`{forbidden}` in:\n{html}");
    }
    assert!(html.contains("action=\"/authorize/decision\""), "{html}");
    let request_id = html
        .split("name=\"request_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a request_id field")
        .to_owned();
    let origin = url.split("/authorize?").next().unwrap();
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("request_id", &request_id)
        .append_pair("decision", decision)
        .finish();
    let answer = http
        .post(format!("{origin}/authorize/decision"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .unwrap();
    assert_eq!(answer.status().as_u16(), 303);
    let location = answer.headers()["location"].to_str().unwrap().to_owned();
    assert!(is_loopback_callback(&location), "{location}");
    let iss = format!(
        "iss={}",
        form_urlencoded::byte_serialize(origin.as_bytes()).collect::<String>()
    );
    assert!(location.contains(&iss), "RFC 9207 iss in {location}");
    location
}

#[test]
fn demo_auto_approve_runs_end_to_end() {
    let env = TestEnv::new();
    let Finished {
        code,
        stdout,
        stderr,
        ..
    } = demo(&env, &["--auto-approve"]).finish(DEMO_TIMEOUT);
    assert_eq!(code, Some(0), "stderr:\n{stderr}");
    // The walkthrough was asked for: it is on stdout (`demo | less`).
    assert_eq!(stderr, "", "only errors and prompts belong on stderr");
    for marker in [
        "[1/6]",
        "$ oauthctl login -p demo",
        "[2/6]",
        "$ oauthctl token -p demo",
        "eyJ",
        "[3/6]",
        "$ oauthctl inspect -p demo",
        "\"sub\": \"demo-user\"",
        "[4/6]",
        "$ oauthctl curl -p demo -- -sS http://127.0.0.1:",
        "Hello, demo-user!",
        "[5/6]",
        "$ oauthctl logout -p demo --revoke",
        "[6/6]",
        "exit code 4, as expected",
        "401",
        "error=\"invalid_token\"",
        "all 6 steps worked",
    ] {
        assert!(
            stdout.contains(marker),
            "`{marker}` missing from:\n{stdout}"
        );
    }
    // Never the whole token: only its first characters.
    let shown = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("eyJ"))
        .unwrap();
    assert!(
        shown.trim().ends_with('…') && shown.trim().chars().count() <= 20,
        "{shown}"
    );
    // Nothing written outside its temp dir, and the temp dir is gone.
    for sub in ["home", "config", "data", "cache", "state", "runtime", "tmp"] {
        let left = files_under(&env.path().join(sub));
        assert!(left.is_empty(), "left behind in {sub}: {left:?}");
    }
}

#[test]
fn demo_consent_page_clicked_through_like_a_person() {
    let env = TestEnv::new();
    let mut demo = demo(&env, &["--no-browser"]);
    let url = demo.find_line("login URL", URL_TIMEOUT, login_url);
    let callback = answer_consent(&url, "approve");
    assert!(
        callback.contains("code=") && callback.contains("state="),
        "{callback}"
    );
    // The browser follows the redirect to oauthctl's own listener.
    let landing = http().get(&callback).send().unwrap();
    assert_eq!(landing.status().as_u16(), 200);
    assert!(landing.text().unwrap().contains("Logged in"));
    let Finished {
        code,
        stdout,
        stderr,
        ..
    } = demo.finish(DEMO_TIMEOUT);
    assert_eq!(code, Some(0), "stderr:\n{stderr}");
    assert!(stdout.contains("Hello, demo-user!"), "{stdout}");
    assert!(stdout.contains("all 6 steps worked"), "{stdout}");
    assert!(
        !stderr.contains("[2/6]"),
        "the walkthrough on stderr:\n{stderr}"
    );
}

#[test]
fn demo_deny_fails_cleanly() {
    let env = TestEnv::new();
    let mut demo = demo(&env, &["--no-browser"]);
    let url = demo.find_line("login URL", URL_TIMEOUT, login_url);
    let callback = answer_consent(&url, "deny");
    assert!(callback.contains("error=access_denied"), "{callback}");
    assert!(!callback.contains("code="), "{callback}");
    let landing = http().get(&callback).send().unwrap();
    assert_eq!(landing.status().as_u16(), 400);
    let Finished {
        code,
        stdout,
        stderr,
        ..
    } = demo.finish(DEMO_TIMEOUT);
    assert_eq!(code, Some(1), "stderr:\n{stderr}");
    assert!(stdout.contains("[1/6]"), "{stdout}");
    assert!(
        stderr.contains("step 1 of 6 (login) failed: the login was denied on the consent page"),
        "{stderr}"
    );
    assert!(
        !stdout.contains("[2/6]"),
        "no step after a failed login:\n{stdout}"
    );
    let left = files_under(&env.path().join("tmp"));
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// oauthctl's own device-flow client (the library, not the binary) against
/// the demo provider: authorize, poll, call the API, revoke.
#[test]
fn oauthctls_device_client_works_against_the_demo_provider() {
    use oauthctl::oauth::client::{Client, TokenEndpoint};
    use oauthctl::oauth::types::BodyFormat;
    use oauthctl::oauth::{device, http::Http, revoke::revoke};

    let server = demo_provider::DemoServer::start(true).unwrap();
    let http = Http::new(Duration::from_secs(10));
    let client = Client::new(Some("demo-cli".into()), None, None, BodyFormat::Json);
    let base = server.issuer();
    let scope = [oauthctl::oauth::grant::Param::plain(
        "scope",
        "openid offline_access",
    )];
    let authorization = device::start(
        &http,
        &format!("{base}/device_authorization"),
        &client,
        &scope,
    )
    .unwrap();
    assert_eq!(authorization.interval, Duration::from_secs(1));
    assert!(authorization.verification_uri.ends_with("/device"));
    let token_url = format!("{base}/token");
    let endpoint = TokenEndpoint {
        http: &http,
        url: &token_url,
        client: &client,
    };
    let response = device::poll(&endpoint, &authorization, &[]).unwrap();
    let refresh = response.refresh_token.clone().unwrap();
    let api = self::http();
    let hello = |token: &str| {
        api.get(format!("{base}/api/hello?access_token={token}"))
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(hello(response.access_token.expose()), 200);
    revoke(
        &http,
        &format!("{base}/revoke"),
        &client,
        &refresh,
        "refresh_token",
    )
    .unwrap();
    // Revoking the refresh token ends the grant, access token included.
    assert_eq!(hello(response.access_token.expose()), 401);
}
