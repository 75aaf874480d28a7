//! Provider faults through the real binary: exit codes, clean one-line
//! errors, bounded retries, Retry-After, nothing stored after a failure, a
//! failed refresh that keeps the refresh token, secrets kept out of `-vvv`
//! logs, and the file store's modes.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use crate::support::fake::{self, FAULT_PATH, FORM_TOKEN, FakeProvider, Fault, geoloqi};
use crate::support::{Run, TestEnv, assert_code, assert_ok, stderr, stdout};

const CLIENT_ID: &str = "fault-client";
const CLIENT_SECRET: &str = "fault-secret-Zq7+/x";

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

/// `oauthctl [global...] client-credentials [extra...]` against `url`, the
/// secret in the environment.
fn cc(env: &TestEnv, url: &str, global: &[&str], extra: &[&str]) -> Output {
    let mut cmd = env.cmd();
    cmd.env("OAUTHCTL_CLIENT_SECRET", CLIENT_SECRET)
        .args(global)
        .args([
            "client-credentials",
            "--token-url",
            url,
            "--client-id",
            CLIENT_ID,
        ])
        .args(extra);
    cmd.output().unwrap()
}

/// A failure is reported on stderr in a line or two: no panic, no HTML or
/// body dump, nothing on stdout.
#[track_caller]
fn assert_clean_error(out: &Output) {
    let err = stderr(out);
    let lower = err.to_ascii_lowercase();
    assert!(!err.contains("panicked"), "panic:\n{err}");
    assert!(!err.trim().is_empty(), "a failure must say why on stderr");
    assert!(
        !lower.contains("<html") && !lower.contains("<!doctype") && !lower.contains("traceback"),
        "the response body is dumped on stderr:\n{err}"
    );
    assert!(
        err.trim().lines().count() <= 3 && err.len() <= 600,
        "stderr is not short ({} lines, {} bytes):\n{err}",
        err.trim().lines().count(),
        err.len()
    );
    assert!(
        stdout(out).is_empty(),
        "nothing on stdout on failure: {:?}",
        stdout(out)
    );
}

/// Everything under the test dir's HOME/XDG dirs, concatenated (for
/// "nothing stored" checks).
fn stored_text(env: &TestEnv) -> String {
    fn walk(p: &Path, acc: &mut String) {
        let Ok(entries) = std::fs::read_dir(p) else {
            return;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                walk(&path, acc);
            } else if let Ok(bytes) = std::fs::read(&path) {
                acc.push_str(&String::from_utf8_lossy(&bytes));
                acc.push('\n');
            }
        }
    }
    let mut acc = String::new();
    for sub in ["home", "config", "data", "cache", "state", "runtime"] {
        walk(&env.path().join(sub), &mut acc);
    }
    acc
}

fn files_under(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut dirs = vec![dir.to_path_buf()];
    let mut files = Vec::new();
    let mut i = 0;
    while i < dirs.len() {
        let d = dirs[i].clone();
        for e in std::fs::read_dir(&d).expect("read store dir").flatten() {
            let ft = e.file_type().unwrap();
            if ft.is_dir() {
                dirs.push(e.path());
            } else {
                files.push(e.path());
            }
        }
        i += 1;
    }
    (dirs, files)
}

#[cfg(unix)]
#[track_caller]
fn assert_private_store(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    assert!(dir.is_dir(), "the file store dir {} exists", dir.display());
    let (dirs, files) = files_under(dir);
    assert!(
        !files.is_empty(),
        "the file store {} holds a file",
        dir.display()
    );
    for d in dirs {
        let mode = std::fs::metadata(&d).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "dir {} has mode {mode:o}", d.display());
    }
    for f in files {
        let mode = std::fs::symlink_metadata(&f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "file {} has mode {mode:o}", f.display());
    }
}

fn geoloqi_cmd(env: &TestEnv, fake: &FakeProvider, global: &[&str], args: &[&str]) -> Run {
    let secret = env.write_file("geoloqi.secret", geoloqi::CLIENT_SECRET);
    let mut cmd = env.cmd();
    cmd.args(global).args(args).args([
        "--token-url",
        &fake.url(geoloqi::PATH),
        "--client-id",
        geoloqi::CLIENT_ID,
        "--client-secret-file",
        secret.to_str().unwrap(),
    ]);
    cmd
}

fn geoloqi_run(env: &TestEnv, fake: &FakeProvider, global: &[&str], args: &[&str]) -> Output {
    geoloqi_cmd(env, fake, global, args).output().unwrap()
}

fn geoloqi_run_stdin(
    env: &TestEnv,
    fake: &FakeProvider,
    global: &[&str],
    args: &[&str],
    stdin: &str,
) -> Output {
    geoloqi_cmd(env, fake, global, args)
        .stdin_text(stdin)
        .output()
        .unwrap()
}

// ---------------------------------------------------------------------------
// retries
// ---------------------------------------------------------------------------

#[test]
fn a_503_is_retried_then_succeeds() {
    let fake = FakeProvider::fault(Fault::Unavailable503ThenOk);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &[]);
    assert_ok(&out);
    assert_eq!(stdout(&out).trim_end(), fake.issued()[0]);
    assert_eq!(fake.count(), 2, "one 503, one retry");
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn a_429_retry_after_is_honoured() {
    let fake = FakeProvider::fault(Fault::RateLimitedThenOk { retry_after: 1 });
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &[]);
    assert_ok(&out);
    assert_eq!(stdout(&out).trim_end(), fake.issued()[0]);
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 2, "one 429, one retry");
    let gap = reqs[1].at.duration_since(reqs[0].at);
    // A lower bound only: Retry-After: 1 means wait at least a second.
    assert!(
        gap >= Duration::from_millis(950),
        "the retry came {gap:?} after the 429 with Retry-After: 1"
    );
}

#[test]
fn a_retry_after_beyond_30s_fails_at_once_saying_when() {
    let fake = FakeProvider::fault(Fault::RateLimitedThenOk { retry_after: 120 });
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &[]);
    assert!(
        !matches!(out.status.code(), Some(0) | Some(2) | None),
        "must fail (not as a usage error): {:?}\n{}",
        out.status,
        stderr(&out)
    );
    assert_clean_error(&out);
    assert_eq!(fake.count(), 1, "no retry when Retry-After > 30 s");
    let err = stderr(&out).to_ascii_lowercase();
    assert!(err.contains("retry in 120 s"), "says when to retry: {err}");
}

#[test]
fn a_provider_down_is_retried_a_bounded_number_of_times_and_nothing_is_cached() {
    let fake = FakeProvider::fault(Fault::Healthy);
    fake.set_down(true);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &[]);
    assert!(
        out.status.code() == Some(5),
        "503 after retries: exit 5, got {:?}\n{}",
        out.status,
        stderr(&out)
    );
    assert_clean_error(&out);
    let n = fake.count();
    assert!((1..=3).contains(&n), "at most 2 retries, {n} requests");

    // Back up: the next call mints (nothing was cached by the failure).
    fake.set_down(false);
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &[]);
    assert_ok(&out);
    assert_eq!(fake.count(), n + 1);
}

#[test]
fn a_400_invalid_client_is_not_retried() {
    let fake = FakeProvider::fault(Fault::InvalidClient400);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &["--client-auth", "post"]);
    assert_code(&out, 3);
    assert_clean_error(&out);
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
    assert_eq!(fake.count(), 1, "a 4xx OAuth error is never retried");
}

#[test]
fn refused_basic_credentials_are_tried_raw_exactly_once() {
    // The secret has characters RFC 6749 §2.3.1 form-encodes, so a server that
    // does not decode them gets one more try with the raw id:secret; then stop.
    let fake = FakeProvider::fault(Fault::InvalidClient400);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &[]);
    assert_code(&out, 3);
    assert_clean_error(&out);
    let reqs = fake.requests();
    assert_eq!(reqs.len(), 2, "RFC-encoded, then raw, then give up");
    assert_eq!(
        reqs[0].basic(),
        Some((CLIENT_ID.into(), CLIENT_SECRET.into()))
    );
    assert_eq!(
        reqs[1].basic_raw(),
        Some((CLIENT_ID.into(), CLIENT_SECRET.into()))
    );
}

// ---------------------------------------------------------------------------
// network
// ---------------------------------------------------------------------------

#[test]
fn a_hanging_endpoint_times_out_with_exit_5() {
    let fake = FakeProvider::fault(Fault::Hang);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &["--http-timeout", "1"], &[]);
    assert_code(&out, 5);
    assert_clean_error(&out);
    let n = fake.count();
    assert!((1..=3).contains(&n), "{n} requests");
    // The fake issued a token it never got to deliver: not stored anywhere.
    let issued = fake.issued();
    assert_eq!(issued.len(), n, "one undelivered token per request");
    let stored = stored_text(&env);
    for t in &issued {
        assert!(
            !stored.contains(t.as_str()),
            "an undelivered token was stored"
        );
    }
}

#[test]
fn an_unreachable_provider_is_exit_5() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let env = TestEnv::new();
    let out = cc(
        &env,
        &format!("http://127.0.0.1:{port}/oauth/token"),
        &[],
        &[],
    );
    assert_code(&out, 5);
    assert_clean_error(&out);
}

// ---------------------------------------------------------------------------
// odd answers
// ---------------------------------------------------------------------------

#[test]
fn an_html_500_page_is_a_short_error_not_a_dump() {
    let fake = FakeProvider::fault(Fault::Html500);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &[]);
    // A 5xx after the retries: 1 ("other") by CLI.md's wording, or 5 if a
    // failing provider counts as unreachable (the binary's choice for 5xx and
    // 429). The point here is the HTML: never dumped.
    assert!(
        out.status.code() == Some(5),
        "500 after retries: exit 5, got {:?}\n{}",
        out.status,
        stderr(&out)
    );
    assert_clean_error(&out);
    let n = fake.count();
    assert!((1..=3).contains(&n), "{n} requests");
}

#[test]
fn an_html_200_page_is_a_short_error() {
    let fake = FakeProvider::fault(Fault::Html200);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &[]);
    assert_code(&out, 1);
    assert_clean_error(&out);
    assert_eq!(fake.count(), 1, "a 200 is not retried");
}

#[test]
fn malformed_json_is_a_short_error_and_nothing_is_stored() {
    let fake = FakeProvider::fault(Fault::MalformedJson200);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &[]);
    assert_code(&out, 1);
    assert_clean_error(&out);
    assert_eq!(fake.count(), 1);
    assert!(!stored_text(&env).contains("half-a-token"));
}

#[test]
fn an_error_field_in_a_200_is_an_oauth_error() {
    let fake = FakeProvider::fault(Fault::ErrorIn200);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &["-o", "json"]);
    assert_code(&out, 3);
    assert_clean_error(&out);
    assert!(stderr(&out).contains("invalid_scope"), "{}", stderr(&out));
    assert_eq!(fake.count(), 1);
}

#[test]
fn a_form_encoded_success_body_is_accepted() {
    let fake = FakeProvider::fault(Fault::FormEncodedSuccess);
    let env = TestEnv::new();
    let out = cc(&env, &fake.url(FAULT_PATH), &[], &["-o", "json"]);
    assert_ok(&out);
    let v: Value = serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|e| panic!("-o json ({e}): {}", stdout(&out)));
    assert_eq!(v["access_token"], FORM_TOKEN, "{v}");
    assert_eq!(v["token_type"], "Bearer", "{v}");
    assert!(v["expires_in"].is_null(), "{v}");
    assert!(
        v["scope"]
            .as_str()
            .is_some_and(|s| s.contains("repo") && s.contains("gist")),
        "{v}"
    );

    let out = cc(&env, &fake.url(FAULT_PATH), &[], &["-o", "header"]);
    assert_ok(&out);
    assert_eq!(
        stdout(&out).trim_end(),
        format!("Authorization: Bearer {FORM_TOKEN}")
    );
}

// ---------------------------------------------------------------------------
// state after failures
// ---------------------------------------------------------------------------

#[test]
fn a_failed_refresh_token_login_stores_nothing() {
    let fake = FakeProvider::geoloqi(true);
    fake.set_down(true);
    let env = TestEnv::new();
    let out = geoloqi_run_stdin(
        &env,
        &fake,
        &[],
        &["login", "--with-refresh-token", "-"],
        geoloqi::SEED_REFRESH,
    );
    assert!(
        out.status.code() == Some(5),
        "{:?}\n{}",
        out.status,
        stderr(&out)
    );
    assert_clean_error(&out);
    fake.set_down(false);
    let before = fake.count();
    let out = geoloqi_run(&env, &fake, &[], &["token"]);
    assert_code(&out, 4);
    assert_eq!(fake.count(), before, "nothing stored: no refresh attempted");
}

#[test]
fn a_failed_refresh_never_loses_the_refresh_token() {
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let out = geoloqi_run_stdin(
        &env,
        &fake,
        &[],
        &["login", "--with-refresh-token", "-"],
        geoloqi::SEED_REFRESH,
    );
    assert_ok(&out);
    // issued: [at1, rt1]
    let rt1 = fake.issued()[1].clone();

    fake.set_down(true);
    let before = fake.count();
    let out = geoloqi_run(&env, &fake, &[], &["refresh"]);
    assert_ne!(
        out.status.code(),
        Some(0),
        "a refresh against a dead provider fails"
    );
    assert_clean_error(&out);
    let n = fake.count() - before;
    assert!((1..=3).contains(&n), "{n} refresh attempts");
    // `token` still hands out the stored access token, which has not expired:
    // a provider outage must not break scripts.
    let at1 = fake.issued()[0].clone();
    let out = geoloqi_run(&env, &fake, &[], &["token", "--min-ttl", "100000"]);
    assert_ok(&out);
    assert_eq!(stdout(&out).trim_end(), at1);
    assert!(stderr(&out).contains("still works"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));

    fake.set_down(false);
    let out = geoloqi_run(&env, &fake, &[], &["refresh"]);
    assert_ok(&out);
    let req = fake.last();
    assert_eq!(req.param("grant_type").as_deref(), Some("refresh_token"));
    assert_eq!(req.param("refresh_token").as_deref(), Some(rt1.as_str()));
    assert_eq!(stdout(&out).trim_end(), fake.issued()[2]);
}

// ---------------------------------------------------------------------------
// security
// ---------------------------------------------------------------------------

#[test]
fn verbose_logs_never_show_secrets_or_tokens() {
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let vvv = ["-vvv"];
    let mut logs = Vec::new();
    let mut push = |out: Output, what: &str| {
        assert_ok(&out);
        logs.push((what.to_string(), stderr(&out)));
    };

    push(
        geoloqi_run_stdin(
            &env,
            &fake,
            &vvv,
            &[
                "login",
                "--password-grant",
                "--username",
                geoloqi::USERNAME,
                "--password-stdin",
                "--client-auth",
                "post",
            ],
            geoloqi::PASSWORD,
        ),
        "login --password-grant (post)",
    );
    push(geoloqi_run(&env, &fake, &vvv, &["refresh"]), "refresh");
    push(
        geoloqi_run(&env, &fake, &vvv, &["token", "--min-ttl", "100000"]),
        "token --min-ttl",
    );
    push(
        geoloqi_run(&env, &fake, &vvv, &["token", "-o", "json"]),
        "token -o json",
    );
    push(
        geoloqi_run_stdin(
            &env,
            &fake,
            &vvv,
            &["login", "--with-refresh-token", "-"],
            geoloqi::SEED_REFRESH,
        ),
        "login --with-refresh-token",
    );
    push(
        geoloqi_run(&env, &fake, &vvv, &["client-credentials"]),
        "client-credentials",
    );

    let basic_rfc = fake::basic_header(geoloqi::CLIENT_ID, geoloqi::CLIENT_SECRET);
    let basic_raw = STANDARD.encode(format!("{}:{}", geoloqi::CLIENT_ID, geoloqi::CLIENT_SECRET));
    let mut secrets: Vec<String> = vec![
        geoloqi::CLIENT_SECRET.into(),
        geoloqi::PASSWORD.into(),
        geoloqi::SEED_REFRESH.into(),
        basic_rfc.trim_start_matches("Basic ").into(),
        basic_raw,
    ];
    secrets.extend(fake.issued());
    assert!(fake.issued().len() >= 8, "{:?}", fake.issued());
    let encoded: Vec<String> = secrets.iter().map(|s| fake::form_encode(s)).collect();
    secrets.extend(encoded);

    let all: String = logs.iter().map(|(_, l)| l.as_str()).collect();
    assert!(
        all.contains(geoloqi::PATH),
        "-vvv logs the requests (method, URL, status):\n{all}"
    );
    for (what, log) in &logs {
        for s in &secrets {
            assert!(
                !log.contains(s.as_str()),
                "`{what}` -vvv leaks {s:?} on stderr:\n{log}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn the_file_store_is_private_in_the_default_data_dir() {
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let out = geoloqi_run_stdin(
        &env,
        &fake,
        &[],
        &["login", "--with-refresh-token", "-"],
        geoloqi::SEED_REFRESH,
    );
    assert_ok(&out);
    // $XDG_DATA_HOME/oauthctl
    assert_private_store(&env.data_dir());
}

#[cfg(unix)]
#[test]
fn the_file_store_honours_oauthctl_data_dir_and_is_private() {
    let fake = FakeProvider::geoloqi(true);
    let env = TestEnv::new();
    let custom = env.path().join("elsewhere").join("store");
    let mut cmd = geoloqi_cmd(&env, &fake, &[], &["login", "--with-refresh-token", "-"]);
    cmd.env("OAUTHCTL_DATA_DIR", &custom);
    let out = cmd.stdin_text(geoloqi::SEED_REFRESH).output().unwrap();
    assert_ok(&out);
    assert_private_store(&custom);
    let default = env.data_dir();
    assert!(
        !default.exists() || files_under(&default).1.is_empty(),
        "nothing written to the default data dir when OAUTHCTL_DATA_DIR is set"
    );

    let mut cmd = geoloqi_cmd(&env, &fake, &[], &["token"]);
    cmd.env("OAUTHCTL_DATA_DIR", &custom);
    let out = cmd.output().unwrap();
    assert_ok(&out);
    assert_eq!(stdout(&out).trim_end(), fake.issued()[0]);

    // Without it, the default store is empty: login required.
    let out = geoloqi_run(&env, &fake, &[], &["token"]);
    assert_code(&out, 4);
}
