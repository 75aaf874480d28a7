//! Refresh-token lifetimes (issue 20.4): GitHub's and Entra's
//! `refresh_token_expires_in`, Keycloak's `refresh_expires_in` (0 for an
//! offline token: no expiry) and a JWT refresh token's `exp` are stored;
//! `status` says when to log in again; `token` and the helpers warn once a
//! day in the last week; one past its end is exit 4 without a request.
//! (The login that follows on a terminal is in `on_demand`.)

use crate::support::fake::{FakeProvider, Reply, State};
use crate::support::jwt::now;
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

const DAY: u64 = 24 * 3600;

/// A token endpoint that answers the n-th request with `answers[n-1]` (the
/// last one again after that), plus a new access token `at-N` for an hour.
fn provider(answers: Vec<Value>) -> FakeProvider {
    FakeProvider::start(State::default(), move |req, st| {
        if req.method != "POST" || req.path != "/token" {
            return Reply::not_found();
        }
        st.hits += 1;
        let n = st.hits as usize;
        let mut body = answers[(n - 1).min(answers.len() - 1)].clone();
        body["access_token"] = json!(format!("at-{n}"));
        body["token_type"] = json!("Bearer");
        body["expires_in"] = json!(3600);
        Reply::json(200, &body)
    })
}

/// A profile for `op`, logged in with the refresh token `rt-0` (a refresh
/// grant: the provider's first answer is what is stored).
fn logged_in(op: &FakeProvider) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\ntoken_url = \"{}\"\nclient_id = \"cli\"\n",
        op.url("/token")
    ));
    assert_ok(&env.run_with_stdin(
        &["login", "-p", "work", "--with-refresh-token", "-"],
        "rt-0",
    ));
    env
}

/// An unsigned JWT with `claims`, as Keycloak's refresh tokens look.
fn jwt(claims: &Value) -> String {
    let part = |v: &Value| URL_SAFE_NO_PAD.encode(v.to_string());
    format!("{}.{}.c2ln", part(&json!({"alg": "HS256"})), part(claims))
}

/// `refresh_expires_at` of the stored set, which must have one.
#[track_caller]
fn stored_expiry(env: &TestEnv) -> u64 {
    let set = env.stored_set();
    set["refresh_expires_at"]
        .as_u64()
        .unwrap_or_else(|| panic!("no refresh_expires_at in {set}"))
}

fn token_requests(op: &FakeProvider) -> usize {
    op.requests_to("/token").len()
}

/// The warning marker files in the data dir.
fn markers(env: &TestEnv) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(env.data_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(".refresh-warned-"))
        })
        .collect()
}

/// GitHub's `refresh_token_expires_in`: stored, shown by `status` (text and
/// JSON), and warned about by `token` once, not on every call; a quiet
/// call does not use up the day's warning, and a day later it comes again,
/// from `exec` too. The warning is on stderr, never in what is printed.
#[test]
fn github_lifetime_is_stored_shown_and_warned_once_a_day() {
    // 5 days and half an hour: `status` says "5d 0h" however slow the run.
    let lifetime = 5 * DAY + 1800;
    let op = provider(vec![json!({
        "refresh_token": "ghr-1",
        "refresh_token_expires_in": lifetime,
    })]);
    let before = now();
    let env = logged_in(&op);
    let at = stored_expiry(&env);
    assert!((before + lifetime..=now() + lifetime).contains(&at), "{at}");

    let status = env.run(&["status"]);
    assert_ok(&status);
    assert!(
        stdout(&status).contains("refreshable, log in again within 5d 0h"),
        "{}",
        stdout(&status)
    );
    let json: Value = serde_json::from_str(&stdout(&env.run(&["status", "-o", "json"]))).unwrap();
    let left = json[0]["refresh_expires_in"].as_i64().unwrap();
    assert!(
        (lifetime as i64 - 60..=lifetime as i64).contains(&left),
        "{json}"
    );
    assert!(json[0]["refresh_expires_at"].is_string(), "{json}");
    assert_eq!(json[0]["refreshable"], true, "{json}");

    let quiet = env.run(&["token", "-p", "work", "-q"]);
    assert_eq!(stdout(&quiet), "at-1\n");
    assert_eq!(stderr(&quiet), "");
    assert!(markers(&env).is_empty(), "a quiet run used up the warning");

    let first = env.run(&["token", "-p", "work"]);
    assert_eq!(stdout(&first), "at-1\n");
    let warning = stderr(&first);
    assert!(
        warning.contains("the refresh token of profile work expires in 5d 0h")
            && warning.contains("oauthctl login -p work")
            && warning.contains("said once a day"),
        "{warning}"
    );
    assert_eq!(warning.lines().count(), 1, "{warning}");
    let again = env.run(&["token", "-p", "work"]);
    assert_eq!(stdout(&again), "at-1\n");
    assert_eq!(stderr(&again), "", "warned twice in a day");

    // A day later (the marker says when it warned): once more, from exec.
    let [marker] = &markers(&env)[..] else {
        panic!("one marker: {:?}", markers(&env));
    };
    std::fs::write(marker, (now() - DAY - 1).to_string()).unwrap();
    let exec = env.run(&[
        "exec",
        "-p",
        "work",
        "--",
        "printenv",
        "OAUTHCTL_ACCESS_TOKEN",
    ]);
    assert_eq!(stdout(&exec), "at-1\n");
    assert!(
        stderr(&exec).contains("expires in 5d 0h"),
        "{}",
        stderr(&exec)
    );
    assert_eq!(token_requests(&op), 1, "only the login asked the provider");
}

/// A refresh token with weeks left, or with no known end, is not warned
/// about, and no marker is written.
#[test]
fn a_refresh_token_with_weeks_left_is_not_warned_about() {
    let op = provider(vec![json!({
        "refresh_token": "ghr-1",
        "refresh_token_expires_in": 8 * DAY,
    })]);
    let env = logged_in(&op);
    let out = env.run(&["token", "-p", "work"]);
    assert_eq!(stdout(&out), "at-1\n");
    assert_eq!(stderr(&out), "");
    assert!(markers(&env).is_empty());
}

/// Keycloak's `refresh_expires_in`, through rotation: a response without a
/// new refresh token keeps the old one and its end; a new refresh token
/// brings its own; an offline token's `refresh_expires_in: 0` is no expiry,
/// not "expired".
#[test]
fn keycloak_lifetimes_follow_rotation_and_zero_is_no_expiry() {
    let op = provider(vec![
        json!({"refresh_token": "kc-1", "refresh_expires_in": 1800}),
        json!({}),
        json!({"refresh_token": "kc-2", "refresh_expires_in": "36000"}),
        json!({"refresh_token": "kc-3", "refresh_expires_in": 0}),
    ]);
    let before = now();
    let env = logged_in(&op);
    let first = stored_expiry(&env);
    assert!((before + 1800..=now() + 1800).contains(&first), "{first}");

    // No refresh token in the answer: the old one, with its end.
    assert_ok(&env.run(&["refresh", "-p", "work"]));
    assert_eq!(op.last().param("refresh_token").as_deref(), Some("kc-1"));
    assert_eq!(env.stored_set()["refresh_token"], "kc-1");
    assert_eq!(stored_expiry(&env), first);

    // A new one brings its own.
    let before = now();
    assert_ok(&env.run(&["refresh", "-p", "work"]));
    assert_eq!(op.last().param("refresh_token").as_deref(), Some("kc-1"));
    assert_eq!(env.stored_set()["refresh_token"], "kc-2");
    let second = stored_expiry(&env);
    assert!(
        (before + 36000..=now() + 36000).contains(&second),
        "{second}"
    );

    // An offline token: no end known, so none stored and none shown.
    assert_ok(&env.run(&["refresh", "-p", "work"]));
    let set = env.stored_set();
    assert_eq!(set["refresh_token"], "kc-3");
    assert!(set.get("refresh_expires_at").is_none(), "{set}");
    let status = stdout(&env.run(&["status"]));
    assert!(status.contains("refreshable,"), "{status}");
    assert!(!status.contains("log in again"), "{status}");
    let out = env.run(&["token", "-p", "work"]);
    assert_code(&out, 0);
    assert_eq!(stderr(&out), "");
}

/// A JWT refresh token without a lifetime field: its `exp` is the end. A
/// Keycloak offline token (`exp` 0, `refresh_expires_in` 0) has none.
#[test]
fn a_jwt_refresh_tokens_exp_is_its_end() {
    let exp = now() + 3 * DAY + 1800;
    let op = provider(vec![
        json!({"refresh_token": jwt(&json!({"typ": "Refresh", "exp": exp}))}),
        json!({
            "refresh_token": jwt(&json!({"typ": "Offline", "exp": 0})),
            "refresh_expires_in": 0,
        }),
    ]);
    let env = logged_in(&op);
    assert_eq!(stored_expiry(&env), exp);
    let status = stdout(&env.run(&["status"]));
    assert!(status.contains("log in again within 3d 0h"), "{status}");

    assert_ok(&env.run(&["refresh", "-p", "work"]));
    let set = env.stored_set();
    assert!(set.get("refresh_expires_at").is_none(), "{set}");
}

/// Past its end by the clock, the refresh token is not sent: `token` and
/// `refresh` exit 4 saying why, with no request to the provider, and
/// `status` says to log in. While the access token still works it is
/// handed out, with a warning.
#[test]
fn an_expired_refresh_token_is_exit_4_without_a_request() {
    let op = provider(vec![json!({
        "refresh_token": "ghr-1",
        "refresh_token_expires_in": DAY,
    })]);
    let env = logged_in(&op);
    env.edit_stored_set(|set| {
        set["refresh_expires_at"] = json!(now() - 120);
        set["expires_at"] = json!(now() - 10);
    });
    for args in [
        &["token", "-p", "work", "--no-login"][..],
        &["token", "-p", "work"],
        &["refresh", "-p", "work"],
        &[
            "curl",
            "-p",
            "work",
            "--no-login",
            "--",
            "http://127.0.0.1:9/",
        ],
    ] {
        let out = env.run(args);
        assert_code(&out, 4);
        let err = stderr(&out);
        assert!(
            err.contains("the refresh token of profile work expired on")
                && err.contains("nothing was requested")
                && err.contains("oauthctl login -p work"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(token_requests(&op), 1, "only the login asked the provider");
    let status = stdout(&env.run(&["status"]));
    assert!(
        status.contains("refresh token expired 2m ago: run `oauthctl login -p work`"),
        "{status}"
    );
    assert!(!status.contains("refreshable"), "{status}");
    let json: Value = serde_json::from_str(&stdout(&env.run(&["status", "-o", "json"]))).unwrap();
    assert_eq!(json[0]["refreshable"], false, "{json}");

    // The access token still works: handed out, with a warning.
    env.edit_stored_set(|set| set["expires_at"] = json!(now() + 3600));
    let out = env.run(&["token", "-p", "work"]);
    assert_code(&out, 0);
    assert_eq!(stdout(&out), "at-1\n");
    assert!(
        stderr(&out).contains("the refresh token of profile work expired 2m ago"),
        "{}",
        stderr(&out)
    );
    assert_eq!(token_requests(&op), 1);
}
