//! Login on demand (issue 20.1): `token`, `curl`, `exec`, `git-credential`,
//! `docker-credential` and `-o exec-credential` log in themselves when no
//! usable token is left and a person can answer, asking on the terminal
//! (a real pty as the controlling terminal), never on the helper
//! protocol's stdout; CI, `--no-login`, `login = "never"` and kubectl's
//! `interactive: false` keep exit 4. Against the real oidc-provider.

use crate::support::oidc::{self, OidcProvider, http_client};
use crate::support::pty::Pty;
use crate::support::{BIN, Run, TestEnv, assert_code, stderr, stdout};
use std::process::{Output, Stdio};
use std::time::Duration;

const SCREEN_WAIT: Duration = Duration::from_secs(30);

fn profile(op: &OidcProvider, extra: &str) -> String {
    format!(
        "[profiles.work]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n{extra}",
        op.issuer()
    )
}

/// Runs `run` with `pty` as its controlling terminal, waits for the login
/// URL on that terminal, signs in through the provider's pages and sends
/// the browser's redirect to the listener; returns what the run printed.
fn answer_login_on_terminal(op: &OidcProvider, pty: &mut Pty, run: &mut Run) -> Output {
    pty.screen();
    let mut running = run
        .controlling_terminal(pty.terminal())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the command");
    op.answer_login_on_terminal(pty, &mut running);
    running.wait_with_output().expect("the command ends")
}

/// The login's prompts were on the terminal, and none of them on stdout
/// or stderr (a helper's stdout is its protocol; docker swallows stderr).
fn assert_asked_on_terminal_only(pty: &Pty, out: &Output, op: &OidcProvider) {
    let screen = pty.shown();
    assert!(screen.contains("profile work needs a login"), "{screen}");
    assert!(screen.contains("Logged in to work"), "{screen}");
    for (name, text) in [("stdout", stdout(out)), ("stderr", stderr(out))] {
        assert!(!text.contains(&op.auth_url()), "{name}: {text}");
        assert!(!text.contains("needs a login"), "{name}: {text}");
    }
}

/// `token` with nothing stored logs in on the terminal and prints only the
/// token; the next `token` uses the stored one.
#[test]
fn token_logs_in_on_the_terminal_when_nothing_is_stored() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&profile(&op, ""));
    let mut pty = Pty::open();
    let out = answer_login_on_terminal(&op, &mut pty, env.cmd().args(["token", "-p", "work"]));
    assert_code(&out, 0);
    assert_asked_on_terminal_only(&pty, &out, &op);
    let token = stdout(&out).trim().to_owned();
    op.assert_token_accepted(&token);
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());
    // Stored: the next call (no terminal now) needs no login.
    let again = env.run(&["token", "-p", "work"]);
    assert_code(&again, 0);
    assert_eq!(stdout(&again).trim(), token);
}

/// Revokes the stored refresh token at the provider, and marks the access
/// token expired, so that the next use must log in again.
fn spoil_stored_tokens(env: &TestEnv, op: &OidcProvider) {
    let set = env.stored_set();
    let refresh = set["refresh_token"].as_str().expect("a refresh token");
    let resp = http_client()
        .post(op.revocation_url())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(oidc::form_encode(&[
            ("token", refresh),
            ("token_type_hint", "refresh_token"),
            ("client_id", "cli-public"),
        ]))
        .send()
        .expect("revoke");
    assert!(resp.status().is_success(), "revocation: {}", resp.status());
    let access = set["access_token"].as_str().expect("an access token");
    let erase = env
        .cmd()
        .args(["git-credential", "-p", "work", "erase"])
        .stdin_text(&format!(
            "protocol=https\nhost=git.example.com\npassword={access}\n\n"
        ))
        .output()
        .unwrap();
    assert_code(&erase, 0);
    assert_code(&env.run(&["token", "-p", "work", "--no-login"]), 4);
}

/// Mid-`git fetch`: the refresh token was revoked, so `git credential fill`
/// (real git, the helper on a pipe) logs in on the terminal and gets the
/// new token; git's stdout carries only the credential.
#[test]
fn git_credential_logs_in_when_the_refresh_token_was_refused() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&profile(&op, "git_hosts = [\"git.example.com\"]\n"));
    env.log_in(&op, "work");
    spoil_stored_tokens(&env, &op);
    let mut pty = Pty::open();
    let mut git = env.command("git");
    git.env("GIT_CONFIG_NOSYSTEM", "1")
        .current_dir(env.path())
        .args([
            "-c",
            &format!("credential.helper=!{BIN} git-credential"),
            "credential",
            "fill",
        ])
        .stdin_text("protocol=https\nhost=git.example.com\n\n");
    let out = answer_login_on_terminal(&op, &mut pty, &mut git);
    assert_code(&out, 0);
    assert_asked_on_terminal_only(&pty, &out, &op);
    let password = stdout(&out)
        .lines()
        .find_map(|line| line.strip_prefix("password=").map(str::to_owned))
        .unwrap_or_else(|| panic!("no password in git's answer:\n{}", stdout(&out)));
    op.assert_token_accepted(&password);
    assert!(stdout(&out).contains("username=oauth2"), "{}", stdout(&out));
}

/// `docker-credential get`: the server URL on stdin, the login on the
/// terminal, the credential JSON alone on stdout.
#[test]
fn docker_credential_logs_in_on_the_terminal() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&profile(
        &op,
        "docker_registries = [\"registry.example.com\"]\n",
    ));
    let mut pty = Pty::open();
    let out = answer_login_on_terminal(
        &op,
        &mut pty,
        env.cmd()
            .args(["docker-credential", "get"])
            .stdin_text("registry.example.com"),
    );
    assert_code(&out, 0);
    assert_asked_on_terminal_only(&pty, &out, &op);
    let answer: serde_json::Value =
        serde_json::from_str(&stdout(&out)).expect("docker's answer is JSON");
    op.assert_token_accepted(answer["Secret"].as_str().expect("a Secret"));
}

/// `exec` and `curl` log in on the terminal too, then run their program.
#[test]
fn exec_and_curl_log_in_on_the_terminal() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&profile(&op, ""));
    let mut pty = Pty::open();
    let out = answer_login_on_terminal(
        &op,
        &mut pty,
        env.cmd().args([
            "exec",
            "-p",
            "work",
            "--",
            "sh",
            "-c",
            "printf %s \"$OAUTHCTL_ACCESS_TOKEN\"",
        ]),
    );
    assert_code(&out, 0);
    assert_asked_on_terminal_only(&pty, &out, &op);
    op.assert_token_accepted(&stdout(&out));

    let env = TestEnv::new();
    env.write_config(&profile(&op, ""));
    let mut pty = Pty::open();
    let api = op.api_url();
    let out = answer_login_on_terminal(
        &op,
        &mut pty,
        env.cmd().args(["curl", "-p", "work", "--", "-sS", &api]),
    );
    assert_code(&out, 0);
    assert_asked_on_terminal_only(&pty, &out, &op);
    let me: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("the API's JSON");
    assert_eq!(me["client_id"], "cli-public", "{me}");
}

/// kubectl's word wins: `spec.interactive: false` (interactiveMode Never,
/// or IfAvailable without a terminal) is exit 4 even with a terminal;
/// `true` logs in there.
#[test]
fn exec_credential_follows_kubectl_interactive_mode() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&profile(&op, ""));
    let info = |interactive: bool| {
        format!(
            r#"{{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","spec":{{"interactive":{interactive}}}}}"#
        )
    };
    let mut pty = Pty::open();
    pty.screen();
    let out = env
        .cmd()
        .args(["token", "-p", "work", "-o", "exec-credential"])
        .env("KUBERNETES_EXEC_INFO", info(false))
        .controlling_terminal(pty.terminal())
        .output()
        .unwrap();
    assert_code(&out, 4);
    assert!(
        stderr(&out).contains("oauthctl login -p work"),
        "{}",
        stderr(&out)
    );
    assert!(!pty.shown().contains("needs a login"), "{}", pty.shown());

    let mut pty = Pty::open();
    let out = answer_login_on_terminal(
        &op,
        &mut pty,
        env.cmd()
            .args(["token", "-p", "work", "-o", "exec-credential"])
            .env("KUBERNETES_EXEC_INFO", info(true)),
    );
    assert_code(&out, 0);
    assert_asked_on_terminal_only(&pty, &out, &op);
    let credential: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    op.assert_token_accepted(credential["status"]["token"].as_str().unwrap());
}

/// A terminal is there, but `--no-login`, the profile's `login = "never"`
/// or `CI=true` say not to ask: exit 4, and nothing on the terminal.
#[test]
fn no_login_never_and_ci_keep_exit_4_on_a_terminal() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    // (profile lines, flags, a variable): each says not to ask.
    type Case<'a> = (&'a str, &'a [&'a str], Option<(&'a str, &'a str)>);
    let cases: [Case; 3] = [
        ("", &["--no-login"], None),
        ("login = \"never\"\n", &[], None),
        ("", &[], Some(("CI", "true"))),
    ];
    for (extra, flags, var) in cases {
        let env = TestEnv::new();
        env.write_config(&profile(&op, extra));
        let mut pty = Pty::open();
        pty.screen();
        let mut run = env.cmd();
        run.args(["token", "-p", "work"])
            .args(flags)
            .controlling_terminal(pty.terminal());
        if let Some((name, value)) = var {
            run.env(name, value);
        }
        let out = run.output().unwrap();
        assert_code(&out, 4);
        assert!(
            stderr(&out).contains("run `oauthctl login -p work`"),
            "{extra}{flags:?}{var:?}: {}",
            stderr(&out)
        );
        assert!(
            !pty.shown().contains("needs a login"),
            "{extra}{flags:?}{var:?}: {}",
            pty.shown()
        );
    }
    assert_eq!(op.grant_count("authorization_code"), 0, "{}", op.stats());
}

/// A profile with only a device flow logs in with it on the terminal: the
/// code shown there is approved, and the token printed.
#[test]
fn a_device_only_profile_logs_in_with_the_device_flow() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\ntoken_url = \"{}\"\ndevice_url = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n",
        op.token_url(),
        op.device_url()
    ));
    let mut pty = Pty::open();
    pty.screen();
    let mut running = env
        .cmd()
        .args(["token", "-p", "work"])
        .controlling_terminal(pty.terminal())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let link = pty.wait_for_word(
        &format!("{}/device?user_code=", op.issuer()),
        SCREEN_WAIT,
        &mut running,
    );
    oidc::approve_device_in_test_browser(&link);
    let out = running.wait_with_output().unwrap();
    assert_code(&out, 0);
    assert_eq!(
        op.grant_count("urn:ietf:params:oauth:grant-type:device_code"),
        1,
        "{}",
        op.stats()
    );
    op.assert_token_accepted(stdout(&out).trim());
    assert!(!stderr(&out).contains("user_code"), "{}", stderr(&out));
}

/// Twenty scripts at once find no token, with a browser there (a fake
/// $BROWSER that records what it is asked to open): one browser opens, one
/// code is redeemed, and all twenty print the token it brought.
#[test]
fn twenty_parallel_callers_open_one_browser_and_all_get_the_token() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&profile(&op, ""));
    let opened = env.path().join("opened");
    let browser = env.write_file(
        "fake-browser",
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n",
            opened.display()
        ),
    );
    std::fs::set_permissions(
        &browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let callers: Vec<_> = (0..20)
        .map(|_| {
            env.cmd()
                .args(["token", "-p", "work"])
                .env("BROWSER", &browser)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let deadline = std::time::Instant::now() + SCREEN_WAIT;
    let url = loop {
        let lines = std::fs::read_to_string(&opened).unwrap_or_default();
        if let Some(url) = lines.lines().next() {
            break url.to_owned();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no browser opened within {SCREEN_WAIT:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let (status, page) = oidc::deliver_callback(&oidc::authorize_in_test_browser(&url));
    assert_eq!(status, 200, "{page}");
    let outs: Vec<Output> = callers
        .into_iter()
        .map(|caller| caller.wait_with_output().unwrap())
        .collect();
    for out in &outs {
        assert_code(out, 0);
    }
    let token = stdout(&outs[0]).trim().to_owned();
    assert!(outs.iter().all(|out| stdout(out).trim() == token));
    op.assert_token_accepted(&token);
    let opened = std::fs::read_to_string(&opened).unwrap();
    assert_eq!(opened.lines().count(), 1, "browsers opened:\n{opened}");
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());
}

/// A refresh token past the lifetime the provider gave it (issue 20.4) is
/// never sent: without a terminal that is exit 4 with no token request at
/// all; with one, a login on the terminal, still without a refresh.
#[test]
fn an_expired_refresh_token_logs_in_on_a_terminal_without_a_refresh() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&profile(&op, ""));
    env.log_in(&op, "work");
    let now = crate::support::jwt::now();
    // Saved, by its `obtained_at`, after the command starts: still no new
    // login, for its refresh token is past its end (times are in seconds,
    // so a set saved in the same second looks so too).
    env.edit_stored_set(|set| {
        set["refresh_expires_at"] = serde_json::json!(now - 60);
        set["expires_at"] = serde_json::json!(now - 10);
        set["obtained_at"] = serde_json::json!(now + 60);
    });
    let out = env.run(&["token", "-p", "work"]);
    assert_code(&out, 4);
    assert!(
        stderr(&out).contains("the refresh token of profile work expired on"),
        "{}",
        stderr(&out)
    );
    assert_eq!(op.stats()["token_requests"], 0, "{}", op.stats());

    let mut pty = Pty::open();
    let out = answer_login_on_terminal(&op, &mut pty, env.cmd().args(["token", "-p", "work"]));
    assert_code(&out, 0);
    assert_asked_on_terminal_only(&pty, &out, &op);
    op.assert_token_accepted(stdout(&out).trim());
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());
    assert_eq!(op.grant_count("refresh_token"), 0, "{}", op.stats());
    // The new login's set replaced the expired one's end.
    let set = env.stored_set();
    assert!(
        set["refresh_expires_at"].as_u64().is_none_or(|at| at > now),
        "{set}"
    );
}
