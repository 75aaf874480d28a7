//! `oauthctl exec`: any program with a fresh token in its environment.

use crate::support::fake::{FakeProvider, Reply, State};
use crate::support::{TestEnv, assert_code, assert_ok, bounded, stderr, stdout};
use std::process::Stdio;
use std::time::Duration;

fn minting() -> FakeProvider {
    FakeProvider::start(State::default(), |req, st| {
        if req.method != "POST" || req.param("grant_type").as_deref() != Some("client_credentials")
        {
            return Reply::not_found();
        }
        st.hits += 1;
        Reply::json(
            200,
            &serde_json::json!({"access_token": format!("exec-token-{}", st.hits), "token_type": "Bearer", "expires_in": 3600}),
        )
    })
}

/// An ad-hoc client-credentials profile: nothing but flags.
fn env_for(provider: &FakeProvider) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.ci]\ntoken_url = \"{}\"\nclient_id = \"ci\"\nclient_secret = \"s\"\ngrant = \"client_credentials\"\n",
        provider.url("/token")
    ));
    env
}

#[test]
fn the_program_gets_the_token_in_its_environment_not_its_argv() {
    let provider = minting();
    let env = env_for(&provider);
    let script = r#"printf '%s|%s' "$OAUTHCTL_ACCESS_TOKEN" "$(tr '\0' ' ' < /proc/$$/cmdline)""#;
    let out = env.run(&["exec", "-p", "ci", "--", "sh", "-c", script]);
    assert_ok(&out);
    let (token, argv) = stdout(&out)
        .split_once('|')
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .unwrap();
    assert_eq!(token, "exec-token-1");
    assert!(!argv.contains("exec-token"), "the token is in argv: {argv}");
    // Another name, and the same token again (cached, not minted anew).
    let out = env.run(&[
        "exec",
        "-p",
        "ci",
        "--env",
        "API_TOKEN",
        "--",
        "sh",
        "-c",
        "printf %s \"$API_TOKEN\"",
    ]);
    assert_eq!(stdout(&out), "exec-token-1", "{}", stderr(&out));
    assert_eq!(provider.requests_to("/token").len(), 1);
}

#[test]
fn the_programs_exit_code_is_oauthctls() {
    let provider = minting();
    let env = env_for(&provider);
    assert_code(
        &env.run(&["exec", "-p", "ci", "--", "sh", "-c", "exit 7"]),
        7,
    );
    let out = env.run(&["exec", "-p", "ci", "--", "no-such-program-anywhere"]);
    assert_code(&out, 127);
    assert!(
        stderr(&out).contains("no-such-program-anywhere"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["exec", "-p", "ci", "--env", "1BAD", "--", "true"]);
    assert_code(&out, 2);
    // Options before `--` are oauthctl's: an unknown one is a usage error.
    assert_code(
        &env.run(&["exec", "-p", "ci", "--scpoe", "x", "--", "true"]),
        2,
    );
}

#[test]
fn a_signal_to_oauthctl_reaches_the_program() {
    let provider = minting();
    let env = env_for(&provider);
    let ready = env.path().join("ready");
    let script = format!("touch '{}'; sleep 30", ready.display());
    let mut child = env
        .cmd()
        .args(["exec", "-p", "ci", "--", "sh", "-c", &script])
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while !ready.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the program never started"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent = bounded(std::process::Command::new("kill"))
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child
        .wait_timeout(Duration::from_secs(20))
        .unwrap()
        .expect("the program ended on SIGTERM");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(15), "{status}");
}
