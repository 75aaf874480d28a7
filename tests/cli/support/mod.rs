//! Shared test support: every test gets a clean environment in a temp dir, so a
//! developer's real config, keychain or tokens can never leak into a test.

#![allow(dead_code)]

pub mod fake;
pub mod jwt;
pub mod keycloak;
pub mod oidc;
#[cfg(unix)]
pub mod pty;
mod run;
pub mod tls;
pub mod webdriver;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

// The whole API, whether or not every test module names every item.
#[allow(unused_imports)]
pub use run::{Finished, Following, RUN_LIMIT, Run, Running, bounded};

pub const BIN: &str = env!("CARGO_BIN_EXE_oauthctl");

pub struct TestEnv {
    pub dir: tempfile::TempDir,
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

impl TestEnv {
    pub fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("oauthctl-test-")
            .tempdir()
            .expect("create temp dir");
        for sub in ["home", "config", "data", "cache", "state", "runtime"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        TestEnv { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.path().join("data").join("oauthctl")
    }

    pub fn config_path(&self) -> PathBuf {
        self.path()
            .join("config")
            .join("oauthctl")
            .join("config.toml")
    }

    /// Writes the default config file (`$XDG_CONFIG_HOME/oauthctl/config.toml`).
    pub fn write_config(&self, toml: &str) -> PathBuf {
        let path = self.config_path();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, toml).unwrap();
        path
    }

    /// Writes an arbitrary file inside the test dir and returns its path.
    pub fn write_file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// oauthctl with a scrubbed environment, as a bounded [`Run`]: only PATH
    /// survives, every directory oauthctl could touch points into the temp
    /// dir, and stdin is closed. The file store is the default; keychain tests
    /// opt in with `OAUTHCTL_STORE`.
    pub fn cmd(&self) -> Run {
        self.command(BIN)
    }

    /// Any program (git, python, a shell) with the same scrubbed environment
    /// as [`TestEnv::cmd`], so an oauthctl it starts sees the test's config,
    /// tokens and store.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Run {
        let mut cmd = Command::new(program);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path().join("home"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("XDG_RUNTIME_DIR", self.path().join("runtime"))
            .env("OAUTHCTL_STORE", "file")
            .env("NO_COLOR", "1");
        bounded(cmd)
    }

    /// Stores the tokens of a real login of `cli-public` at `op` (scopes
    /// openid, offline_access, api:read) for `profile`, which the config
    /// must already name, then zeroes the provider's counts.
    pub fn log_in(&self, op: &oidc::OidcProvider, profile: &str) {
        let refresh_token =
            op.obtain_refresh_token("cli-public", None, "openid offline_access api:read");
        assert_ok(&self.run_with_stdin(
            &["login", "-p", profile, "--with-refresh-token", "-"],
            &refresh_token,
        ));
        op.reset_stats();
    }

    /// The one token set in the test's file store, as JSON.
    #[track_caller]
    pub fn stored_set(&self) -> serde_json::Value {
        let dir = self.data_dir().join("tokens");
        let files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        assert_eq!(
            files.len(),
            1,
            "one stored token set in {}: {files:?}",
            dir.display()
        );
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).expect("a JSON token set")
    }

    /// Changes the one token set in the test's file store: what a set
    /// stored long ago, or by another version, would hold.
    #[track_caller]
    pub fn edit_stored_set(&self, edit: impl FnOnce(&mut serde_json::Value)) {
        let mut set = self.stored_set();
        edit(&mut set);
        let dir = self.data_dir().join("tokens");
        let file = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "json"))
            .unwrap();
        std::fs::write(&file, serde_json::to_vec(&set).unwrap()).unwrap();
    }

    /// `n` copies of `oauthctl ARGS` started at once (each bounded); their
    /// outputs, in start order.
    pub fn run_parallel(&self, n: usize, args: &[&str]) -> Vec<Output> {
        let children: Vec<_> = (0..n)
            .map(|_| {
                self.cmd()
                    .args(args)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("spawn oauthctl")
            })
            .collect();
        children
            .into_iter()
            .map(|child| child.wait_with_output().expect("collect output"))
            .collect()
    }

    /// `oauthctl ARGS` to completion (bounded), stdin closed.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run oauthctl")
    }

    /// `oauthctl ARGS` to completion (bounded), `stdin` written to it.
    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        self.cmd()
            .args(args)
            .stdin_text(stdin)
            .output()
            .expect("run oauthctl")
    }
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts the exit code, printing both streams when it is wrong.
#[track_caller]
pub fn assert_code(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
        stdout(out),
        stderr(out)
    );
}

#[track_caller]
pub fn assert_ok(out: &Output) {
    assert_code(out, 0);
}

/// The access token oauthctl printed (raw output: the token and a newline).
#[track_caller]
pub fn printed_token(out: &Output) -> String {
    assert_ok(out);
    let text = stdout(out);
    let token = text.strip_suffix('\n').unwrap_or(&text);
    assert!(
        !token.is_empty() && !token.contains(char::is_whitespace),
        "expected one token on stdout, got {text:?}\n--- stderr\n{}",
        stderr(out)
    );
    token.to_owned()
}

/// Polls `done` until it holds, failing the test after `limit`.
#[track_caller]
pub fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The running test's name (libtest names each test's thread after it).
pub fn test_name() -> String {
    std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_owned()
}

/// Whether the switch (an `OAUTHCTL_REQUIRE_*` variable) is set to 1.
pub fn required(switch: &str) -> bool {
    std::env::var(switch).is_ok_and(|v| v == "1")
}

/// The running test skips because `why`: one `SKIPPED <test>: <why>` line on
/// the real stderr (past libtest's capture, so a plain `cargo test` shows it).
/// When any of `switches` (`OAUTHCTL_REQUIRE_*`) is set to 1, the test fails
/// instead: `scripts/test.sh` sets them, so CI cannot skip.
#[track_caller]
pub fn skip(why: &str, switches: &[&str]) {
    let test = test_name();
    if let Some(switch) = switches.iter().find(|s| required(s)) {
        panic!("{test}: {why}, and {switch}=1 makes that a failure");
    }
    let hint = match switches {
        [] => String::new(),
        [switch, ..] => format!(" ({switch}=1 makes this a failure)"),
    };
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {why}{hint}");
}
