//! Shared test support: every test gets a clean environment in a temp dir, so a
//! developer's real config, keychain or tokens can never leak into a test.

#![allow(dead_code)]

pub mod fake;
pub mod oidc;
pub mod webdriver;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// No single oauthctl run in a test may take longer than this.
pub const RUN_LIMIT: Duration = Duration::from_secs(90);

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

    /// A command with a scrubbed environment: only PATH survives, and every
    /// directory oauthctl could touch points into the temp dir. The file store
    /// is the default; keychain tests opt in with `keyring_env`.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path().join("home"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("XDG_RUNTIME_DIR", self.path().join("runtime"))
            .env("OAUTHCTL_STORE", "file")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run oauthctl")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Output {
        run_with_stdin(self.cmd().args(args), stdin)
    }
}

pub fn run_with_stdin(cmd: &mut Command, stdin: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn oauthctl");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("wait for oauthctl")
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

/// Runs `cmd` to completion with stdin closed, killing it (and failing the
/// test) when it is still running after [`RUN_LIMIT`].
pub fn run_bounded(cmd: &mut Command) -> Output {
    run_bounded_with_stdin(cmd, None)
}

/// [`run_bounded`], writing `input` (if any) to stdin and closing it.
pub fn run_bounded_with_stdin(cmd: &mut Command, input: Option<&str>) -> Output {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn oauthctl");
    if let Some(input) = input {
        let mut stdin = child.stdin.take().unwrap();
        let input = input.to_owned();
        // A child that never reads must not block the test on a full pipe.
        std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
    }
    let collect = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = collect(Box::new(child.stdout.take().unwrap()));
    let err = collect(Box::new(child.stderr.take().unwrap()));
    let status = wait_bounded(&mut child, RUN_LIMIT)
        .unwrap_or_else(|| panic!("oauthctl still running after {RUN_LIMIT:?}: killed"));
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Waits at most `limit` for `child`; kills it and returns `None` after that.
pub fn wait_bounded(
    child: &mut std::process::Child,
    limit: Duration,
) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("wait for a child") {
            return Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
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
