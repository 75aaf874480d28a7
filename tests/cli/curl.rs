//! `oauthctl curl` against the real provider's protected resource, and a local
//! echo API that shows exactly what curl sent.

use crate::support::oidc::{OidcProvider, http_client};
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

/// A profile for the public client, logged in through the real pages.
fn logged_in(op: &OidcProvider) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.default]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n",
        op.issuer()
    ));
    let refresh_token =
        op.obtain_refresh_token("cli-public", None, "openid offline_access api:read");
    assert_ok(&env.run_with_stdin(&["login", "--with-refresh-token", "-"], &refresh_token));
    op.reset_stats();
    env
}

fn stored_token(env: &TestEnv) -> String {
    let out = env.run(&["token"]);
    assert_ok(&out);
    stdout(&out).trim().to_owned()
}

/// A `curl` on PATH that records its argv, then runs the real one.
fn argv_recording_curl(env: &TestEnv) -> (String, PathBuf) {
    let bin = env.path().join("wrapper-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = env.path().join("curl-argv.log");
    let real = which_curl();
    let script = bin.join("curl");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '{}'; done\nfor a in \"$@\"; do if [ -p \"$a\" ]; then echo \"PIPE $a\"; elif [ -f \"$a\" ]; then cat \"$a\"; fi; done >> '{}.files'\nexec '{}' \"$@\"\n",
            log.display(),
            log.display(),
            real.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (path, log)
}

fn which_curl() -> PathBuf {
    std::env::split_paths(&std::env::var_os("PATH").unwrap())
        .map(|d| d.join("curl"))
        .find(|p| p.is_file())
        .expect("curl on PATH")
}

#[test]
fn curl_sends_the_token_and_the_resource_accepts_it() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    let out = env.run(&["curl", "--", "-sS", &op.api_url()]);
    assert_ok(&out);
    let body: serde_json::Value = serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|_| panic!("not JSON: {}", stdout(&out)));
    assert_eq!(body["client_id"], "cli-public", "{body}");
    // Without oauthctl the same request is refused.
    let status = http_client()
        .get(op.api_url())
        .send()
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(status, 401);
}

#[test]
fn the_token_never_appears_in_curls_argv() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    let token = stored_token(&env);
    let (path, log) = argv_recording_curl(&env);
    // The plain form the recogniser reads, one it leaves to clap (a
    // provider option), and the supervised retry mode.
    for extra in [&[][..], &["--body", "form"][..], &["--retry-rejected"][..]] {
        let _ = std::fs::remove_file(&log);
        let _ = std::fs::remove_file(format!("{}.files", log.display()));
        let out = env
            .cmd()
            .env("PATH", &path)
            .arg("curl")
            .args(extra)
            .args([
                "--",
                "-sS",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                &op.api_url(),
            ])
            .output()
            .unwrap();
        assert_ok(&out);
        assert_eq!(stdout(&out), "200", "{extra:?}");
        let argv = std::fs::read_to_string(&log).expect("the wrapper ran");
        assert!(argv.contains(&op.api_url()), "{argv}");
        assert!(
            !argv.contains(&token),
            "{extra:?}: the token is in curl's argv:\n{argv}"
        );
        // curl read its config from a pipe: the token was in no file curl
        // was given, and the API's 200 shows it did reach curl.
        let config = argv
            .lines()
            .skip_while(|a| *a != "-K")
            .nth(1)
            .expect("-K CONFIG in argv");
        assert!(config.starts_with("/dev/fd/"), "-K {config}");
        let seen = std::fs::read_to_string(format!("{}.files", log.display())).unwrap_or_default();
        assert!(
            seen.contains(&format!("PIPE {config}")),
            "{extra:?}: the config was not a pipe:\n{seen}"
        );
        assert!(
            !seen.contains(&token),
            "{extra:?}: the token was in a file given to curl:\n{seen}"
        );
    }
}

#[test]
fn query_mode_appends_access_token_without_argv_exposure() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    let token = stored_token(&env);
    let (path, log) = argv_recording_curl(&env);
    let out = env
        .cmd()
        .env("PATH", &path)
        .args(["curl", "--token-in", "query", "--", "-sS", &op.api_url()])
        .output()
        .unwrap();
    assert_ok(&out);
    assert!(stdout(&out).contains("cli-public"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("logs"),
        "no warning about tokens in URLs: {}",
        stderr(&out)
    );
    let argv = std::fs::read_to_string(&log).unwrap();
    assert!(!argv.contains(&token), "{argv}");
    assert!(
        !argv.contains(&op.api_url()),
        "the URL should have moved into the config: {argv}"
    );
}

#[test]
fn an_unknown_option_before_the_double_dash_is_oauthctls_error() {
    let env = TestEnv::new();
    let out = env.run(&["curl", "--scpoe", "x", "--", "https://api.example.com/"]);
    assert_code(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("--scpoe") && err.contains("--scope"), "{err}");
}

#[test]
fn curls_exit_code_passes_through() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    // 22: --fail on an HTTP error; 7: connection refused.
    let out = env.run(&[
        "curl",
        "--",
        "-sS",
        "--fail",
        &format!("{}/no-such-page", op.issuer()),
    ]);
    assert_code(&out, 22);
    let out = env.run(&["curl", "--", "-sS", "http://127.0.0.1:9/"]);
    assert_code(&out, 7);
}

/// A one-request API that echoes the Authorization header and the body.
fn echo_api() -> (String, mpsc::Receiver<(Option<String>, String)>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!(
        "http://127.0.0.1:{}/echo",
        server.server_addr().to_ip().unwrap().port()
    );
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        if let Ok(Some(mut request)) = server.recv_timeout(Duration::from_secs(30)) {
            let auth = request
                .headers()
                .iter()
                .find(|h| h.field.equiv("Authorization"))
                .map(|h| h.value.to_string());
            let mut body = String::new();
            let _ = request.as_reader().read_to_string(&mut body);
            let _ = request.respond(tiny_http::Response::from_string(format!("echo:{body}")));
            let _ = tx.send((auth, body));
        }
    });
    (url, rx)
}

#[test]
fn stdin_and_stdout_pass_through() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    let token = stored_token(&env);
    let (url, rx) = echo_api();
    let out = env
        .cmd()
        .args(["curl", "--", "-sS", "--data-binary", "@-", &url])
        .stdin_text("{\"item\": 42}")
        .output()
        .unwrap();
    assert_ok(&out);
    assert_eq!(stdout(&out), "echo:{\"item\": 42}");
    let (auth, body) = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the API got a request");
    assert_eq!(auth.as_deref(), Some(format!("Bearer {token}").as_str()));
    assert_eq!(body, "{\"item\": 42}");
}

/// Swaps the stored access token for `value`, leaving its expiry: a token
/// that looks fresh but that the API refuses (revoked or rotated elsewhere).
fn replace_stored_access_token(env: &TestEnv, value: &str) {
    let dir = env.data_dir().join("tokens");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut stored: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    stored["access_token"] = serde_json::json!(value);
    std::fs::write(&file, serde_json::to_vec(&stored).unwrap()).unwrap();
}

#[test]
fn a_rejected_token_is_refreshed_once_and_the_request_retried() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    // A stored token that looks fresh but that the API refuses (revoked or
    // rotated elsewhere). Revoking at oidc-provider would end the whole grant,
    // so the test swaps in a token the provider never issued.
    replace_stored_access_token(&env, "not-a-token-the-provider-issued");

    let out = env.run(&["curl", "--retry-rejected", "--", "-sS", &op.api_url()]);
    assert_ok(&out);
    assert!(
        stdout(&out).contains("cli-public"),
        "stdout: {}",
        stdout(&out)
    );
    assert!(
        !stdout(&out).contains("invalid_token"),
        "the 401 body leaked into stdout: {}",
        stdout(&out)
    );
    assert!(stderr(&out).contains("refreshing"), "{}", stderr(&out));
    assert_eq!(op.grant_count("refresh_token"), 1, "{}", op.stats());
    assert_ne!(stored_token(&env), "not-a-token-the-provider-issued");
}

/// The refresh after a rejection fails (the refresh token is gone too): the
/// rejected token is marked expired, so `token` never hands it out later.
#[test]
fn a_rejected_token_whose_refresh_fails_is_never_handed_out_again() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    replace_stored_access_token(&env, "rejected-by-the-api");
    let file = std::fs::read_dir(env.data_dir().join("tokens"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut stored: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    stored["refresh_token"] = serde_json::json!("revoked-refresh-token");
    std::fs::write(&file, serde_json::to_vec(&stored).unwrap()).unwrap();

    let out = env.run(&["curl", "--retry-rejected", "--", "-sS", &op.api_url()]);
    assert_code(&out, 4);
    let out = env.run(&["token"]);
    assert_code(&out, 4);
    assert!(
        !stdout(&out).contains("rejected-by-the-api"),
        "the rejected token was handed out: {}",
        stdout(&out)
    );
}

#[test]
fn without_retry_rejected_curl_answers_with_the_401_itself() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    replace_stored_access_token(&env, "not-a-token-the-provider-issued");

    let out = env.run(&["curl", "--", "-sS", "-w", "%{http_code}", &op.api_url()]);
    assert_ok(&out);
    assert!(stdout(&out).ends_with("401"), "stdout: {}", stdout(&out));
    assert_eq!(op.grant_count("refresh_token"), 0, "{}", op.stats());

    // The profile key turns the retry on, as the flag does.
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    std::fs::write(
        env.config_path(),
        config.replacen(
            "[profiles.default]",
            "[profiles.default]\nretry_rejected = true",
            1,
        ),
    )
    .unwrap();
    let out = env.run(&["curl", "--", "-sS", "-w", "%{http_code}", &op.api_url()]);
    assert_ok(&out);
    assert!(stdout(&out).ends_with("200"), "stdout: {}", stdout(&out));
    assert_eq!(op.grant_count("refresh_token"), 1, "{}", op.stats());
}

#[test]
fn a_request_with_a_stdin_body_is_not_replayed() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    replace_stored_access_token(&env, "not-a-token-the-provider-issued");

    let out = env
        .cmd()
        .args([
            "curl",
            "--retry-rejected",
            "--",
            "-sS",
            "-G",
            "--data-urlencode",
            "q@-",
            &op.api_url(),
        ])
        .stdin_text("x")
        .output()
        .unwrap();
    assert_ok(&out);
    assert!(
        stdout(&out).contains("invalid_token"),
        "the 401 must reach stdout untouched: {}",
        stdout(&out)
    );
    assert_eq!(op.grant_count("refresh_token"), 0, "{}", op.stats());
}

#[test]
fn missing_curl_is_a_clear_error() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    let empty = env.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let out = env
        .cmd()
        .env("PATH", &empty)
        .args(["curl", "--", "-sS", &op.api_url()])
        .output()
        .unwrap();
    assert_code(&out, 1);
    assert!(
        stderr(&out).contains("curl is not installed"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"));
}
