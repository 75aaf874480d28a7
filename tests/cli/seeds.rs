//! The five seed providers' quirks, end to end through the real binary against
//! the fake provider of `support::fake`.

use std::process::Output;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use crate::support::fake::{
    self, ClientAuth, FakeProvider, apigee, bime, estimote, geoloqi, metapack,
};
use crate::support::{TestEnv, assert_code, assert_ok, bounded, skip, stderr, stdout};

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

fn a(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

fn run(env: &TestEnv, args: &[String]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run(&args)
}

fn run_stdin(env: &TestEnv, args: &[String], stdin: &str) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run_with_stdin(&args, stdin)
}

#[track_caller]
fn json_out(out: &Output) -> Value {
    let text = stdout(out);
    serde_json::from_str(text.trim()).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e})\n--- stdout\n{text}\n--- stderr\n{}",
            stderr(out)
        )
    })
}

/// `-o json`: the fixed key set, the normalised type, and no refresh token.
#[track_caller]
fn assert_json_shape(v: &Value, access_token: &str) {
    let obj = v.as_object().expect("-o json prints an object");
    for key in [
        "access_token",
        "token_type",
        "expires_at",
        "expires_in",
        "scope",
    ] {
        assert!(obj.contains_key(key), "-o json lacks {key:?}: {v}");
    }
    assert_eq!(v["access_token"], access_token, "{v}");
    assert_eq!(v["token_type"], "Bearer", "token_type is normalised: {v}");
    assert!(
        !obj.contains_key("refresh_token"),
        "refresh tokens are never printed: {v}"
    );
}

#[track_caller]
fn assert_expires_in(v: &Value, low: i64, high: i64) {
    let n = v["expires_in"]
        .as_i64()
        .unwrap_or_else(|| panic!("expires_in is an integer: {v}"));
    assert!(
        (low..=high).contains(&n),
        "expires_in {n} not in {low}..={high}: {v}"
    );
    let at = v["expires_at"]
        .as_str()
        .unwrap_or_else(|| panic!("expires_at is an RFC 3339 string: {v}"));
    assert!(
        at.len() >= 20 && at.as_bytes()[4] == b'-' && at.contains('T'),
        "expires_at is not RFC 3339: {at:?}"
    );
}

#[track_caller]
fn assert_stdout_line(out: &Output, expected: &str) {
    assert_ok(out);
    assert_eq!(
        stdout(out).trim_end_matches('\n'),
        expected,
        "stderr: {}",
        stderr(out)
    );
}

#[track_caller]
fn assert_param(req: &fake::Recorded, name: &str, expected: &str) {
    assert_eq!(
        req.param(name).as_deref(),
        Some(expected),
        "parameter {name:?} in {} {}: body {:?}",
        req.method,
        req.path,
        req.body
    );
}

// ---------------------------------------------------------------------------
// Seed 000: Estimote
// ---------------------------------------------------------------------------

fn estimote_flags(fake: &FakeProvider, env: &TestEnv) -> Vec<String> {
    let secret = env.write_file("estimote.secret", estimote::CLIENT_SECRET);
    a(&[
        "--token-url",
        &fake.url(estimote::PATH),
        "--client-id",
        estimote::CLIENT_ID,
        "--client-secret-file",
        secret.to_str().unwrap(),
    ])
}

fn estimote_code_args(code: &str) -> Vec<String> {
    a(&[
        "login",
        "--grant-type",
        "authorization_code",
        "--param",
        &format!("code={code}"),
        "--param",
        &format!("redirect_uri={}", estimote::REDIRECT_URI),
    ])
}

#[test]
fn estimote_code_redeemed_with_credentials_in_form_body() {
    let fake = FakeProvider::estimote();
    let env = TestEnv::new();
    let flags = estimote_flags(&fake, &env);

    let out = run(
        &env,
        &[
            estimote_code_args(estimote::CODES[0]),
            a(&["--client-auth", "post", "-o", "json"]),
            flags.clone(),
        ]
        .concat(),
    );
    assert_ok(&out);
    let token = fake.issued()[0].clone();
    let v = json_out(&out);
    assert_json_shape(&v, &token);
    // Only {"access_token"} came back: no expiry, no scope.
    assert!(v["expires_at"].is_null(), "no expiry was given: {v}");
    assert!(v["expires_in"].is_null(), "no expiry was given: {v}");
    assert!(v["scope"].is_null(), "no scope was given: {v}");

    let reqs = fake.requests();
    assert_eq!(reqs.len(), 1, "{reqs:#?}");
    let req = &reqs[0];
    assert_eq!(req.method, "POST");
    assert_eq!(req.content_type(), "application/x-www-form-urlencoded");
    assert!(
        req.header("authorization").is_none(),
        "post auth sends no Authorization header"
    );
    assert_param(req, "grant_type", "authorization_code");
    assert_param(req, "code", estimote::CODES[0]);
    assert_param(req, "redirect_uri", estimote::REDIRECT_URI);
    assert_param(req, "client_id", estimote::CLIENT_ID);
    assert_param(req, "client_secret", estimote::CLIENT_SECRET);

    // The token is stored; with no expiry and no refresh token it is served as is.
    let out = run(
        &env,
        &[a(&["token", "--client-auth", "post"]), flags].concat(),
    );
    assert_stdout_line(&out, &token);
    assert_eq!(fake.count(), 1, "token must not call the provider");
}

#[test]
fn estimote_accepts_a_json_request_body() {
    let fake = FakeProvider::estimote();
    let env = TestEnv::new();
    let flags = estimote_flags(&fake, &env);

    let out = run(
        &env,
        &[
            estimote_code_args(estimote::CODES[1]),
            a(&["--client-auth", "post", "--body", "json", "-o", "raw"]),
            flags,
        ]
        .concat(),
    );
    assert_stdout_line(&out, &fake.issued()[0]);

    let req = fake.last();
    assert_eq!(
        req.content_type(),
        "application/json",
        "--body json sets Content-Type"
    );
    let body: Value = serde_json::from_str(&req.body)
        .unwrap_or_else(|e| panic!("--body json sends JSON ({e}): {:?}", req.body));
    assert_eq!(body["grant_type"], "authorization_code", "{body}");
    assert_eq!(body["code"], estimote::CODES[1], "{body}");
    assert_eq!(body["client_id"], estimote::CLIENT_ID, "{body}");
    assert_eq!(body["client_secret"], estimote::CLIENT_SECRET, "{body}");
    assert!(req.header("authorization").is_none());
}

#[test]
fn estimote_code_redeems_only_once_and_the_failure_keeps_the_stored_token() {
    let fake = FakeProvider::estimote();
    let env = TestEnv::new();
    let mut flags = estimote_flags(&fake, &env);
    flags.extend(a(&["--client-auth", "post"]));

    let out = run(
        &env,
        &[estimote_code_args(estimote::CODES[0]), flags.clone()].concat(),
    );
    assert_ok(&out);
    assert!(
        stdout(&out).is_empty(),
        "login prints nothing on stdout by default: {:?}",
        stdout(&out)
    );
    let first = fake.issued()[0].clone();

    let out = run(
        &env,
        &[estimote_code_args(estimote::CODES[0]), flags.clone()].concat(),
    );
    // An OAuth error answer (invalid_grant) to a code: 3. Exit 4 is for a
    // rejected *refresh* token (login required), which this is not.
    assert_code(&out, 3);
    assert!(
        stderr(&out).contains("invalid_grant"),
        "stderr: {}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
    assert_eq!(fake.count(), 2);

    let out = run(&env, &[a(&["token"]), flags].concat());
    assert_stdout_line(&out, &first);
}

#[test]
fn estimote_refuses_basic_auth_which_is_the_default_with_a_secret() {
    let fake = FakeProvider::estimote();
    let env = TestEnv::new();
    let flags = estimote_flags(&fake, &env);

    let out = run(
        &env,
        &[estimote_code_args(estimote::CODES[0]), flags.clone()].concat(),
    );
    assert_code(&out, 3);
    assert!(
        stderr(&out).contains("invalid_client"),
        "stderr: {}",
        stderr(&out)
    );

    let req = fake.last();
    assert_eq!(
        req.client_auth(),
        ClientAuth::Basic(estimote::CLIENT_ID.into(), estimote::CLIENT_SECRET.into()),
        "the default client auth with a secret is basic"
    );
    assert!(
        req.param("client_secret").is_none(),
        "basic must not also post the secret"
    );

    let out = run(&env, &[a(&["token"]), flags].concat());
    assert_code(&out, 4);
}

// ---------------------------------------------------------------------------
// Seed 001: Geoloqi
// ---------------------------------------------------------------------------

/// `login --with-refresh-token -` with the refresh token Geoloqi knows from the start.
fn login_with_seed_refresh_token(env: &TestEnv, flags: &[String]) {
    let out = run_stdin(
        env,
        &[a(&["login", "--with-refresh-token", "-"]), flags.to_vec()].concat(),
        geoloqi::SEED_REFRESH,
    );
    assert_ok(&out);
}

fn geoloqi_flags(fake: &FakeProvider, env: &TestEnv) -> Vec<String> {
    let secret = env.write_file("geoloqi.secret", geoloqi::CLIENT_SECRET);
    a(&[
        "--token-url",
        &fake.url(geoloqi::PATH),
        "--client-id",
        geoloqi::CLIENT_ID,
        "--client-secret-file",
        secret.to_str().unwrap(),
    ])
}

#[test]
fn geoloqi_assertion_grant_with_basic_auth_and_only_an_access_token() {
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let flags = geoloqi_flags(&fake, &env);

    let out = run(
        &env,
        &[
            a(&[
                "login",
                "--grant-type",
                "assertion",
                "--param",
                "assertion_type=user_id",
                "--param",
                "assertion=42",
                "-o",
                "json",
            ]),
            flags.clone(),
        ]
        .concat(),
    );
    assert_ok(&out);
    let token = fake.issued()[0].clone();
    let v = json_out(&out);
    assert_json_shape(&v, &token);
    assert!(
        v["expires_at"].is_null() && v["expires_in"].is_null(),
        "{v}"
    );

    let req = fake.last();
    assert_eq!(
        req.client_auth(),
        ClientAuth::Basic(geoloqi::CLIENT_ID.into(), geoloqi::CLIENT_SECRET.into())
    );
    assert_param(&req, "grant_type", "assertion");
    assert_param(&req, "assertion_type", "user_id");
    assert_param(&req, "assertion", "42");

    let out = run(&env, &[a(&["token", "-o", "header"]), flags].concat());
    assert_stdout_line(&out, &format!("Authorization: Bearer {token}"));
    assert_eq!(fake.count(), 1);
}

#[test]
fn geoloqi_password_grant_with_credentials_in_the_body() {
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let mut flags = geoloqi_flags(&fake, &env);
    flags.extend(a(&["--client-auth", "post"]));

    let out = run_stdin(
        &env,
        &[
            a(&[
                "login",
                "--password-grant",
                "--username",
                geoloqi::USERNAME,
                "--password-stdin",
            ]),
            flags.clone(),
        ]
        .concat(),
        &format!("{}\n", geoloqi::PASSWORD),
    );
    assert_ok(&out);
    assert!(
        stdout(&out).is_empty(),
        "login prints nothing on stdout: {:?}",
        stdout(&out)
    );

    let req = fake.last();
    assert!(
        req.header("authorization").is_none(),
        "post auth: no Authorization header"
    );
    assert_eq!(req.content_type(), "application/x-www-form-urlencoded");
    assert_param(&req, "grant_type", "password");
    assert_param(&req, "username", geoloqi::USERNAME);
    assert_param(&req, "password", geoloqi::PASSWORD);
    assert_param(&req, "client_id", geoloqi::CLIENT_ID);
    assert_param(&req, "client_secret", geoloqi::CLIENT_SECRET);

    let out = run(&env, &[a(&["token"]), flags].concat());
    assert_stdout_line(&out, &fake.state().issued_access()[0]);
}

#[test]
fn geoloqi_rotated_refresh_token_replaces_the_old_one() {
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let flags = geoloqi_flags(&fake, &env);

    let out = run_stdin(
        &env,
        &[a(&["login", "--with-refresh-token", "-"]), flags.clone()].concat(),
        &format!("{}\n", geoloqi::SEED_REFRESH),
    );
    assert_ok(&out);
    let req = fake.last();
    assert_param(&req, "grant_type", "refresh_token");
    assert_param(&req, "refresh_token", geoloqi::SEED_REFRESH);
    // issued: [at1, rt1]
    let rt1 = fake.issued()[1].clone();
    assert!(!fake.state().refresh_tokens.contains(geoloqi::SEED_REFRESH));

    let out = run(&env, &[a(&["refresh"]), flags.clone()].concat());
    let issued = fake.issued();
    assert_stdout_line(&out, &issued[2]);
    assert_param(&fake.last(), "refresh_token", &rt1);
    let rt2 = issued[3].clone();

    let out = run(
        &env,
        &[a(&["refresh", "-o", "json"]), flags.clone()].concat(),
    );
    assert_ok(&out);
    assert_param(&fake.last(), "refresh_token", &rt2);
    let v = json_out(&out);
    assert_json_shape(&v, &fake.issued()[4]);
    assert_expires_in(&v, 3500, 3600);

    let out = run(&env, &[a(&["token"]), flags].concat());
    assert_stdout_line(&out, &fake.issued()[4]);
    assert_eq!(fake.count(), 3);
}

#[test]
fn geoloqi_concurrent_refreshes_never_reuse_a_rotated_refresh_token() {
    // Each refresh rotates the refresh token and rejects the old one, so two
    // processes refreshing with the same stored token would lose the race
    // (invalid_grant): the store's lock must serialise read-refresh-write.
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let flags = geoloqi_flags(&fake, &env);
    login_with_seed_refresh_token(&env, &flags);

    const N: usize = 4;
    let outs: Vec<Output> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..N)
            .map(|_| {
                let args = [a(&["refresh"]), flags.clone()].concat();
                let env = &env;
                scope.spawn(move || run(env, &args))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for out in &outs {
        assert_ok(out);
    }
    let refreshes = fake.requests();
    assert_eq!(refreshes.len(), 1 + N, "one refresh per process");
    // Every refresh sent the refresh token issued by the one before it.
    let issued = fake.issued();
    for (i, req) in refreshes.iter().enumerate().skip(1) {
        let expected = &issued[2 * i - 1];
        assert_eq!(
            req.param("refresh_token").as_deref(),
            Some(expected.as_str()),
            "refresh #{i} reused a rotated refresh token"
        );
    }
    // And each process printed a distinct, issued access token.
    let mut printed: Vec<String> = outs.iter().map(|o| stdout(o).trim().to_string()).collect();
    printed.sort();
    printed.dedup();
    assert_eq!(printed.len(), N, "{printed:?}");
}

#[test]
fn geoloqi_refresh_without_a_new_refresh_token_keeps_the_old_one() {
    let fake = FakeProvider::geoloqi(false);
    let env = TestEnv::new();
    let flags = geoloqi_flags(&fake, &env);

    login_with_seed_refresh_token(&env, &flags);

    for i in 0..2 {
        let out = run(&env, &[a(&["refresh"]), flags.clone()].concat());
        assert_stdout_line(&out, fake.issued().last().unwrap());
        let req = fake.last();
        assert_param(&req, "grant_type", "refresh_token");
        assert_param(&req, "refresh_token", geoloqi::SEED_REFRESH);
        assert_eq!(fake.count(), 2 + i);
    }

    // The forced-refresh path of `token` keeps it too.
    let out = run(
        &env,
        &[a(&["token", "--min-ttl", "100000"]), flags].concat(),
    );
    assert_stdout_line(&out, fake.issued().last().unwrap());
    assert_eq!(fake.count(), 4);
    assert_param(&fake.last(), "refresh_token", geoloqi::SEED_REFRESH);
}

#[test]
fn geoloqi_rejected_refresh_token_means_login_required() {
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let flags = geoloqi_flags(&fake, &env);

    login_with_seed_refresh_token(&env, &flags);
    // The provider revokes everything.
    fake.state().refresh_tokens.clear();

    let out = run(&env, &[a(&["refresh"]), flags].concat());
    assert_code(&out, 4);
    assert!(stdout(&out).is_empty());
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

#[test]
fn geoloqi_client_credentials_and_a_described_error() {
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let flags = geoloqi_flags(&fake, &env);

    let out = run(
        &env,
        &[a(&["client-credentials", "-o", "json"]), flags].concat(),
    );
    assert_ok(&out);
    let v = json_out(&out);
    assert_json_shape(&v, &fake.issued()[0]);
    assert_expires_in(&v, 3500, 3600);
    assert_param(&fake.last(), "grant_type", "client_credentials");

    // A wrong secret: {"error","error_description"} reaches the user.
    let wrong = env.write_file("wrong.secret", "not-the-secret");
    let out = run(
        &env,
        &a(&[
            "client-credentials",
            "--force",
            "--token-url",
            &fake.url(geoloqi::PATH),
            "--client-id",
            geoloqi::CLIENT_ID,
            "--client-secret-file",
            wrong.to_str().unwrap(),
        ]),
    );
    assert_code(&out, 3);
    let err = stderr(&out);
    assert!(err.contains("invalid_client"), "stderr: {err}");
    assert!(
        err.contains("The client_id or client_secret is invalid"),
        "the error_description is shown: {err}"
    );
    assert!(stdout(&out).is_empty());
}

// ---------------------------------------------------------------------------
// Seed 002: Apigee-hosted API
// ---------------------------------------------------------------------------

fn apigee_flags(fake: &FakeProvider, env: &TestEnv) -> Vec<String> {
    let secret = env.write_file("apigee.secret", apigee::CLIENT_SECRET);
    a(&[
        "--token-url",
        &fake.url(apigee::PATH),
        "--client-id",
        apigee::CLIENT_ID,
        "--client-secret-file",
        secret.to_str().unwrap(),
    ])
}

#[test]
fn apigee_numbers_as_strings_and_bearertoken() {
    let fake = FakeProvider::apigee();
    let env = TestEnv::new();
    let flags = apigee_flags(&fake, &env);

    let out = run(
        &env,
        &[a(&["client-credentials", "-o", "json"]), flags].concat(),
    );
    assert_ok(&out);
    let v = json_out(&out);
    assert_json_shape(&v, &fake.issued()[0]);
    // "expires_in": "3599" is a string on the wire.
    assert_expires_in(&v, 3500, 3599);
    assert_eq!(v["scope"], "user", "{v}");

    let req = fake.last();
    assert_eq!(req.path, apigee::PATH);
    assert_eq!(
        req.client_auth(),
        ClientAuth::Basic(apigee::CLIENT_ID.into(), apigee::CLIENT_SECRET.into())
    );
    assert_eq!(req.content_type(), "application/x-www-form-urlencoded");
    assert_param(&req, "grant_type", "client_credentials");
}

#[test]
fn apigee_header_output_and_the_client_credentials_cache() {
    let fake = FakeProvider::apigee();
    let env = TestEnv::new();
    // A secret file as `echo secret > file` writes it: the newline is not part of it.
    let secret = env.write_file("apigee-nl.secret", &format!("{}\n", apigee::CLIENT_SECRET));
    let flags = a(&[
        "--token-url",
        &fake.url(apigee::PATH),
        "--client-id",
        apigee::CLIENT_ID,
        "--client-secret-file",
        secret.to_str().unwrap(),
    ]);

    let out = run(
        &env,
        &[a(&["client-credentials", "-o", "header"]), flags.clone()].concat(),
    );
    assert_ok(&out);
    let first = fake.issued()[0].clone();
    assert_stdout_line(&out, &format!("Authorization: Bearer {first}"));

    // Fresh: served from the cache.
    let out = run(&env, &[a(&["client-credentials"]), flags.clone()].concat());
    assert_stdout_line(&out, &first);
    assert_eq!(fake.count(), 1, "a fresh cached token is reused");

    let out = run(
        &env,
        &[a(&["client-credentials", "--force"]), flags].concat(),
    );
    let issued = fake.issued();
    assert_eq!(issued.len(), 2);
    assert_stdout_line(&out, &issued[1]);
    assert_ne!(issued[0], issued[1]);
}

#[test]
fn apigee_requires_basic_and_a_failure_caches_nothing() {
    let fake = FakeProvider::apigee();
    let env = TestEnv::new();
    let flags = apigee_flags(&fake, &env);

    let out = run(
        &env,
        &[
            a(&["client-credentials", "--client-auth", "post"]),
            flags.clone(),
        ]
        .concat(),
    );
    assert_code(&out, 3);
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
    let req = fake.last();
    assert_eq!(
        req.client_auth(),
        ClientAuth::Post(apigee::CLIENT_ID.into(), Some(apigee::CLIENT_SECRET.into()))
    );

    let out = run(&env, &[a(&["client-credentials"]), flags].concat());
    assert_stdout_line(&out, &fake.issued()[0]);
    assert_eq!(fake.count(), 2);
}

// ---------------------------------------------------------------------------
// Seed 003: Bime
// ---------------------------------------------------------------------------

fn bime_login_args() -> Vec<String> {
    a(&[
        "login",
        "--grant-type",
        "authorization_code",
        "--param",
        &format!("code={}", bime::CODES[0]),
        "--param",
        &format!("redirect_uri={}", bime::REDIRECT_URI),
    ])
}

#[test]
fn bime_code_then_refresh_with_two_hour_tokens_and_no_token_type() {
    let fake = FakeProvider::bime();
    let env = TestEnv::new();
    let secret = env.write_file("bime.secret", bime::CLIENT_SECRET);
    let flags = a(&[
        "--auth-url",
        &fake.url(bime::AUTHORIZE_PATH),
        "--token-url",
        &fake.url(bime::TOKEN_PATH),
        "--client-id",
        bime::CLIENT_ID,
        "--client-secret-file",
        secret.to_str().unwrap(),
    ]);

    let out = run(&env, &[bime_login_args(), flags.clone()].concat());
    assert_ok(&out);
    // issued: [at1, rt1]
    let (at1, rt1) = (fake.issued()[0].clone(), fake.issued()[1].clone());
    assert_param(&fake.last(), "code", bime::CODES[0]);

    let out = run(&env, &[a(&["token", "-o", "json"]), flags.clone()].concat());
    assert_ok(&out);
    let v = json_out(&out);
    assert_json_shape(&v, &at1);
    assert_expires_in(&v, 7100, 7200);
    assert_eq!(fake.count(), 1);

    // Less than --min-ttl left: refreshed first.
    let out = run(
        &env,
        &[a(&["token", "--min-ttl", "100000"]), flags.clone()].concat(),
    );
    let at2 = fake.issued()[2].clone();
    assert_stdout_line(&out, &at2);
    assert_ne!(at1, at2);
    let req = fake.last();
    assert_param(&req, "grant_type", "refresh_token");
    assert_param(&req, "refresh_token", &rt1);

    let out = run(&env, &[a(&["token"]), flags].concat());
    assert_stdout_line(&out, &at2);
    assert_eq!(fake.count(), 2);
}

fn have_curl() -> bool {
    bounded(std::process::Command::new("curl"))
        .arg("--version")
        .limit(std::time::Duration::from_secs(30))
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn bime_profile_curl_passes_the_token_in_the_query_or_a_header() {
    if !have_curl() {
        skip("no curl on this machine", &[]);
        return;
    }
    let fake = FakeProvider::bime();
    let env = TestEnv::new();
    env.write_config(&format!(
        r#"
[profiles.bime]
auth_url = "{}"
token_url = "{}"
client_id = "{}"
client_secret_env = "BIME_SECRET"
token_in = "query"
"#,
        fake.url(bime::AUTHORIZE_PATH),
        fake.url(bime::TOKEN_PATH),
        bime::CLIENT_ID
    ));
    let bime_cmd = |args: &[String]| {
        let mut cmd = env.cmd();
        cmd.env("BIME_SECRET", bime::CLIENT_SECRET)
            .arg("-p")
            .arg("bime")
            .args(args);
        cmd.output().expect("run oauthctl")
    };

    let out = bime_cmd(&bime_login_args());
    assert_ok(&out);
    let at1 = fake.issued()[0].clone();
    let api = fake.url(bime::API_PATH);

    let out = bime_cmd(&a(&["curl", "--", "-sS", &api]));
    assert_ok(&out);
    assert!(
        stdout(&out).contains(r#""token_via":"query""#),
        "stdout: {}",
        stdout(&out)
    );
    let req = fake
        .requests_to(bime::API_PATH)
        .pop()
        .expect("curl reached the API");
    assert_eq!(
        req.query_param("access_token").as_deref(),
        Some(at1.as_str())
    );
    assert!(req.header("authorization").is_none());

    let out = bime_cmd(&a(&["curl", "--token-in", "header", "--", "-sS", &api]));
    assert_ok(&out);
    assert!(
        stdout(&out).contains(r#""token_via":"header""#),
        "stdout: {}",
        stdout(&out)
    );
    let req = fake.requests_to(bime::API_PATH).pop().unwrap();
    assert_eq!(req.bearer(), Some(at1.as_str()));
    assert!(req.query_param("access_token").is_none());
    assert_eq!(fake.requests_to(bime::TOKEN_PATH).len(), 1);
}

// ---------------------------------------------------------------------------
// Seed 004: Metapack
// ---------------------------------------------------------------------------

#[track_caller]
fn assert_metapack_request(req: &fake::Recorded) {
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, metapack::PATH);
    // Exactly the header the seed documents: base64 of the raw `id:secret`.
    assert_eq!(req.header("authorization"), Some(metapack::SEED_BASIC));
    assert_eq!(req.content_type(), "application/x-www-form-urlencoded");
    assert_param(req, "grant_type", "client_credentials");
}

#[track_caller]
fn assert_metapack_jwt(token: &str) {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "a JWT: {token}");
    let claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).expect("base64url claims"))
            .expect("JSON claims");
    assert_eq!(claims["scope"], metapack::SCOPE);
}

#[test]
fn metapack_client_credentials_from_an_api_key_properties_file() {
    let fake = FakeProvider::metapack();
    let env = TestEnv::new();
    let props = env.write_file("apiKey.properties", &metapack::properties());

    let out = run(
        &env,
        &a(&[
            "client-credentials",
            "--token-url",
            &fake.url(metapack::PATH),
            "--credentials-file",
            props.to_str().unwrap(),
            "-o",
            "json",
        ]),
    );
    assert_ok(&out);
    let token = fake.issued()[0].clone();
    assert_metapack_jwt(&token);
    let v = json_out(&out);
    assert_json_shape(&v, &token);
    assert_expires_in(&v, 3500, 3600);
    let scope = v["scope"].as_str().unwrap_or_else(|| panic!("scope: {v}"));
    assert_eq!(
        scope.split_whitespace().collect::<Vec<_>>(),
        metapack::SCOPE.split_whitespace().collect::<Vec<_>>(),
        "{v}"
    );

    // The default `basic` sends RFC 6749 §2.3.1-encoded credentials first
    // (`$` and `+` change); Metapack refuses them, so oauthctl retries once
    // with the raw ones, which is what the seed documents.
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert_eq!(
        reqs[0].basic(),
        Some((metapack::API_KEY_ID.into(), metapack::API_KEY_SECRET.into())),
        "the first try is RFC-encoded"
    );
    assert_ne!(reqs[0].header("authorization"), Some(metapack::SEED_BASIC));
    assert_metapack_request(&reqs[1]);
}

#[test]
fn metapack_ci_profile_mints_when_nothing_is_stored_then_caches() {
    let fake = FakeProvider::metapack();
    let env = TestEnv::new();
    let props = env.write_file("apiKey.properties", &metapack::properties());
    env.write_config(&format!(
        r#"
[profiles.ci]
token_url = "{}"
credentials_file = '{}'
client_auth = "basic-raw"
grant = "client_credentials"
"#,
        fake.url(metapack::PATH),
        props.display()
    ));

    let out = env.run(&["-p", "ci", "token"]);
    assert_ok(&out);
    assert_eq!(fake.count(), 1, "nothing stored: token mints");
    let token = fake.issued()[0].clone();
    assert_metapack_jwt(&token);
    assert_stdout_line(&out, &token);
    assert_metapack_request(&fake.last());

    let out = env.run(&["-p", "ci", "token", "-o", "header"]);
    assert_stdout_line(&out, &format!("Authorization: Bearer {token}"));
    assert_eq!(fake.count(), 1, "the second call is served from the cache");

    // The profile from the environment, too.
    let out = env
        .cmd()
        .env("OAUTHCTL_PROFILE", "ci")
        .arg("token")
        .output()
        .unwrap();
    assert_stdout_line(&out, &token);
    assert_eq!(fake.count(), 1);
}

// ---------------------------------------------------------------------------
// RFC 6749 §2.3.1: Basic encodes form-URL-encoded id and secret
// ---------------------------------------------------------------------------

#[test]
fn basic_auth_form_url_encodes_id_and_secret() {
    const ID: &str = "cli:ent id+1";
    const SECRET: &str = "p@ss:w/rd+&=%~ x";
    let fake = FakeProvider::strict_basic(ID, SECRET);
    let env = TestEnv::new();
    let secret = env.write_file("odd.secret", SECRET);

    let out = run(
        &env,
        &a(&[
            "client-credentials",
            "--token-url",
            &fake.url("/token"),
            "--client-id",
            ID,
            "--client-secret-file",
            secret.to_str().unwrap(),
            "--client-auth",
            "basic",
        ]),
    );
    let req = fake.last();
    assert_eq!(
        req.basic(),
        Some((ID.to_string(), SECRET.to_string())),
        "Authorization {:?} decodes (base64, split at the first ':') to {:?}; expected {:?}",
        req.header("authorization"),
        req.basic_raw(),
        fake::basic_header(ID, SECRET)
    );
    assert_stdout_line(&out, &fake.issued()[0]);

    // The secret from the environment goes the same way.
    let out = env
        .cmd()
        .env("OAUTHCTL_CLIENT_SECRET", SECRET)
        .args([
            "client-credentials",
            "--force",
            "--token-url",
            &fake.url("/token"),
            "--client-id",
            ID,
        ])
        .output()
        .unwrap();
    assert_ok(&out);
    assert_eq!(
        fake.last().basic(),
        Some((ID.to_string(), SECRET.to_string()))
    );
}

#[test]
fn client_secret_from_stdin() {
    let fake = FakeProvider::apigee();
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "client-credentials",
            "--token-url",
            &fake.url(apigee::PATH),
            "--client-id",
            apigee::CLIENT_ID,
            "--client-secret",
            "-",
        ])
        .stdin_text(&format!("{}\n", apigee::CLIENT_SECRET))
        .output()
        .unwrap();
    assert_stdout_line(&out, &fake.issued()[0]);
}
