//! Trust, round 2 (issue 17): each test is named after what it guards.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::json;

use crate::support::fake::{FakeProvider, Recorded, Reply, State};
use crate::support::{
    TestEnv, assert_code, assert_ok, bounded, printed_token, skip, stderr, stdout,
};

const TOKEN_PATH: &str = "/token";

fn euid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// A provider that rotates refresh tokens (`refresh-N`) and grants only
/// `api:read` whatever was asked: a response that brings a warning.
fn narrowing_provider() -> FakeProvider {
    let provider = FakeProvider::start(State::default(), |req: &Recorded, st| {
        if req.method != "POST" || req.path != TOKEN_PATH {
            return Reply::not_found();
        }
        let presented = req.param("refresh_token").unwrap_or_default();
        if !st.refresh_tokens.remove(&presented) {
            return Reply::oauth_error(400, "invalid_grant", "unknown refresh token");
        }
        st.hits += 1;
        let n = st.hits;
        st.refresh_tokens.insert(format!("refresh-{n}"));
        Reply::json(
            200,
            &json!({
                "access_token": format!("access-{n}"),
                "refresh_token": format!("refresh-{n}"),
                "token_type": "Bearer",
                "expires_in": 3600,
                "scope": "api:read",
            }),
        )
    });
    provider.state().refresh_tokens.insert("refresh-0".into());
    provider
}

/// A `work` profile at `provider`, logged in with `refresh-0`.
fn logged_in(provider: &FakeProvider) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\ntoken_url = \"{}\"\nclient_id = \"c\"\nscopes = [\"api:read\", \"api:write\"]\n",
        provider.url(TOKEN_PATH)
    ));
    assert_ok(&env.run_with_stdin(
        &["login", "-p", "work", "--with-refresh-token", "-"],
        "refresh-0\n",
    ));
    env
}

/// `oauthctl ARGS` with its stderr on /dev/full: every write to it fails.
fn run_with_full_stderr(env: &TestEnv, args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    env.cmd()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(full)
        .output()
        .unwrap()
}

#[test]
fn a_failing_stderr_never_loses_the_rotated_refresh_token() {
    let provider = narrowing_provider();
    let env = logged_in(&provider);
    // The refresh brings a warning (api:write was not granted), which
    // cannot be written: the new tokens are saved all the same.
    let out = run_with_full_stderr(&env, &["refresh", "-p", "work"]);
    assert_code(&out, 0);
    assert_eq!(stdout(&out), "access-2\n");
    assert_eq!(env.stored_set()["refresh_token"], "refresh-2");
    // And the provider accepts what was stored: nothing was lost.
    assert_eq!(
        printed_token(&env.run(&["refresh", "-p", "work"])),
        "access-3"
    );
}

#[test]
fn warnings_about_a_response_come_after_its_save() {
    let provider = narrowing_provider();
    let env = logged_in(&provider);
    // stderr is a pipe already full, that nobody reads: the first write to
    // it blocks. The refresh's warning is oauthctl's first line, so the
    // rotated tokens reach the store while it waits to say it, or never.
    let (reader, writer) = std::io::pipe().unwrap();
    fill(&writer);
    let mut refresh = env
        .cmd()
        .args(["refresh", "-p", "work"])
        .stdout(std::process::Stdio::null())
        .stderr(writer)
        .spawn()
        .unwrap();
    crate::support::wait_until(
        "the rotated tokens saved while the warning waits",
        std::time::Duration::from_secs(30),
        || std::fs::read_to_string(token_file(&env)).is_ok_and(|t| t.contains("refresh-2")),
    );
    let drained = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(&mut { reader }, &mut text);
        String::from_utf8_lossy(&text).into_owned()
    });
    assert!(refresh.wait().unwrap().success());
    assert!(drained.join().unwrap().contains("did not grant api:write"));
}

/// Writes to `pipe` until it is full, then makes it block again.
fn fill(pipe: &std::io::PipeWriter) {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    let flags = fcntl_getfl(pipe).unwrap();
    fcntl_setfl(pipe, flags | OFlags::NONBLOCK).unwrap();
    let chunk = [b'.'; 4096];
    while rustix::io::write(pipe, &chunk).is_ok() {}
    fcntl_setfl(pipe, flags).unwrap();
}

fn token_file(env: &TestEnv) -> PathBuf {
    env.data_dir()
        .join("tokens")
        .join(format!("{}.json", stem("work")))
}

#[test]
fn demo_whose_output_goes_away_cleans_up_after_itself() {
    if !cfg!(feature = "demo") {
        return;
    }
    for pipeline in [
        "\"$0\" demo --auto-approve 2>&1 | head -c 1 >/dev/null",
        "\"$0\" demo --auto-approve | head -n 1 >/dev/null",
    ] {
        let env = TestEnv::new();
        let tmp = env.path().join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        let out = env
            .command("sh")
            .args(["-c", pipeline, crate::support::BIN])
            .env("TMPDIR", &tmp)
            .output()
            .unwrap();
        assert_ok(&out);
        let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
        assert!(left.is_empty(), "{pipeline}: the demo left {left:?} behind");
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    }
}

/// The file stem the file store and rescue dirs use for profile `name`.
fn stem(name: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("profile:{name}").as_bytes());
    digest
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()[..40]
        .to_owned()
}

/// A `work` profile with the token `real` in the file store, and what runs
/// as a cron job would: no $XDG_RUNTIME_DIR, so rescued sets are looked for
/// in $TMPDIR/oauthctl-UID/rescue.
struct Cron {
    env: TestEnv,
    tmp: PathBuf,
}

impl Cron {
    fn new() -> Cron {
        let env = TestEnv::new();
        env.write_config(
            "[profiles.work]\ntoken_url = \"http://127.0.0.1:9/token\"\nclient_id = \"c\"\n",
        );
        let tokens = env.data_dir().join("tokens");
        std::fs::create_dir_all(&tokens).unwrap();
        set_mode(&env.data_dir(), 0o700);
        set_mode(&tokens, 0o700);
        let real = tokens.join(format!("{}.json", stem("work")));
        write_set(&real, "real", 1_000);
        let tmp = env.path().join("tmp");
        std::fs::create_dir_all(&tmp).unwrap();
        set_mode(&tmp, 0o1777);
        Cron { env, tmp }
    }

    fn rescue_dir(&self) -> PathBuf {
        self.tmp.join(format!("oauthctl-{}", euid())).join("rescue")
    }

    /// A newer set in the rescue dir: what oauthctl would use, were it read.
    fn plant(&self, access_token: &str) -> PathBuf {
        let dir = self.rescue_dir();
        std::fs::create_dir_all(&dir).unwrap();
        set_mode(dir.parent().unwrap(), 0o700);
        set_mode(&dir, 0o700);
        let file = dir.join(format!("{}.json", stem("work")));
        write_set(&file, access_token, 2_000);
        file
    }

    fn token(&self) -> Output {
        self.env
            .cmd()
            .args(["token", "-p", "work"])
            .env_remove("XDG_RUNTIME_DIR")
            .env("TMPDIR", &self.tmp)
            .output()
            .unwrap()
    }
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn write_set(path: &Path, access_token: &str, obtained_at: u64) {
    let set = json!({
        "key": "profile:work",
        "access_token": access_token,
        "refresh_token": format!("{access_token}-refresh"),
        "expires_at": 4_000_000_000u64,
        "obtained_at": obtained_at,
    });
    std::fs::write(path, set.to_string()).unwrap();
    set_mode(path, 0o600);
}

#[test]
fn a_private_rescued_set_of_ones_own_is_still_used() {
    // The control for the tests below: the same set, private and one's
    // own, is served (it is newer than the stored one).
    let cron = Cron::new();
    cron.plant("rescued");
    assert_eq!(printed_token(&cron.token()), "rescued");
}

#[test]
fn a_rescued_set_in_a_directory_others_can_write_is_never_read() {
    let cron = Cron::new();
    cron.plant("planted");
    set_mode(&cron.rescue_dir(), 0o777);
    let out = cron.token();
    assert_eq!(printed_token(&out), "real");
    assert!(
        stderr(&out).contains("ignoring a rescued token set"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_rescued_set_under_a_parent_others_can_write_is_never_read() {
    let cron = Cron::new();
    cron.plant("planted");
    set_mode(cron.rescue_dir().parent().unwrap(), 0o733);
    assert_eq!(printed_token(&cron.token()), "real");
}

#[test]
fn a_rescued_file_others_can_read_is_never_read() {
    let cron = Cron::new();
    let file = cron.plant("planted");
    set_mode(&file, 0o644);
    assert_eq!(printed_token(&cron.token()), "real");
}

#[test]
fn a_rescued_file_that_is_a_symlink_is_never_followed() {
    let cron = Cron::new();
    let file = cron.plant("planted");
    let elsewhere = cron.env.path().join("elsewhere.json");
    std::fs::rename(&file, &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &file).unwrap();
    assert_eq!(printed_token(&cron.token()), "real");
}

#[test]
fn a_rescued_set_planted_by_another_user_is_never_read_nor_redeemed() {
    if euid() != 0 {
        return skip(
            "giving a file to another user needs root",
            &["OAUTHCTL_REQUIRE_TMPFS"],
        );
    }
    let cron = Cron::new();
    let file = cron.plant("planted");
    let nobody = 65534;
    for path in [
        &file,
        &cron.rescue_dir(),
        &cron.rescue_dir().parent().unwrap().to_owned(),
    ] {
        std::os::unix::fs::chown(path, Some(nobody), Some(nobody)).unwrap();
    }
    let out = cron.token();
    assert_eq!(printed_token(&out), "real");
    assert!(stderr(&out).contains("another user"), "{}", stderr(&out));
    // `status` does not name it as the holder, and the store keeps its own.
    let status = cron
        .env
        .cmd()
        .args(["status", "-p", "work"])
        .env_remove("XDG_RUNTIME_DIR")
        .env("TMPDIR", &cron.tmp)
        .output()
        .unwrap();
    assert!(
        !stdout(&status).contains("rescue file"),
        "{}",
        stdout(&status)
    );
    assert_eq!(cron.env.stored_set()["access_token"], "real");
}

#[test]
fn an_xdg_runtime_dir_others_can_write_is_passed_over() {
    let cron = Cron::new();
    let runtime = cron.env.path().join("runtime");
    let rescue = runtime.join("oauthctl").join("rescue");
    std::fs::create_dir_all(&rescue).unwrap();
    set_mode(&runtime.join("oauthctl"), 0o700);
    set_mode(&rescue, 0o700);
    write_set(
        &rescue.join(format!("{}.json", stem("work"))),
        "planted",
        2_000,
    );
    set_mode(&runtime, 0o777);
    let out = cron
        .env
        .cmd()
        .args(["token", "-p", "work"])
        .env("XDG_RUNTIME_DIR", &runtime)
        .output()
        .unwrap();
    assert_eq!(printed_token(&out), "real");
    assert!(
        stderr(&out).contains("ignoring $XDG_RUNTIME_DIR"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn core_dumps_are_off_in_oauthctl_and_on_for_what_it_runs() {
    // `exec` replaces oauthctl with the program, which inherits the limits:
    // the soft core limit is 0, the hard one untouched.
    let provider = narrowing_provider();
    let env = logged_in(&provider);
    let out = env.run(&[
        "exec",
        "-p",
        "work",
        "--",
        "sh",
        "-c",
        "ulimit -c; ulimit -H -c",
    ]);
    assert_ok(&out);
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("0"), "{text}");
    let hard = bounded(std::process::Command::new("sh"))
        .args(["-c", "ulimit -H -c"])
        .output()
        .unwrap();
    assert_eq!(lines.next(), Some(stdout(&hard).trim()), "{text}");
}

#[test]
fn exec_does_not_hand_oauthctls_secrets_to_the_program() {
    let provider = narrowing_provider();
    let env = logged_in(&provider);
    let out = env
        .cmd()
        .args(["exec", "-p", "work", "--", "env"])
        .env("OAUTHCTL_CLIENT_SECRET", "s3cret-value")
        .env("OAUTHCTL_PASSWORD", "pa55word")
        .output()
        .unwrap();
    assert_ok(&out);
    let text = stdout(&out);
    assert!(text.contains("OAUTHCTL_ACCESS_TOKEN="), "{text}");
    assert!(
        !text.contains("s3cret-value") && !text.contains("pa55word"),
        "{text}"
    );
}

/// A client-credentials provider that issues `token-N` and records who asked.
fn minting_provider() -> FakeProvider {
    FakeProvider::start(State::default(), |req: &Recorded, st| {
        if req.path != TOKEN_PATH {
            return Reply::not_found();
        }
        st.hits += 1;
        Reply::json(
            200,
            &json!({"access_token": format!("token-{}", st.hits), "token_type": "Bearer", "expires_in": 3600}),
        )
    })
}

#[test]
fn cached_client_credentials_tokens_are_never_shared_across_credentials_or_params() {
    let provider = minting_provider();
    let env = TestEnv::new();
    let url = provider.url(TOKEN_PATH);
    env.write_config(&format!(
        r#"
[profiles.a]
token_url = "{url}"
client_id = "app"
client_secret_env = "SECRET_A"
grant = "client_credentials"
params = {{ tenant = "a" }}

[profiles.b]
token_url = "{url}"
client_id = "app"
client_secret_env = "SECRET_B"
grant = "client_credentials"
params = {{ tenant = "b" }}

[profiles.d]
token_url = "{url}"
client_id = "app"
client_secret_env = "SECRET_D"
grant = "client_credentials"
params = {{ tenant = "a" }}

[profiles.c]
token_url = "{url}"
client_id = "app"
client_secret_env = "SECRET_A"
client_auth = "post"
grant = "client_credentials"
params = {{ tenant = "a" }}
"#
    ));
    let token = |profile: &str| {
        env.cmd()
            .args(["token", "-p", profile])
            .env("SECRET_A", "secret-a")
            .env("SECRET_B", "secret-b")
            .output()
            .unwrap()
    };
    assert_eq!(printed_token(&token("a")), "token-1");
    assert_eq!(printed_token(&token("a")), "token-1", "a's own cache");
    assert_eq!(printed_token(&token("b")), "token-2", "b got a's token");
    assert_eq!(printed_token(&token("c")), "token-3", "c got a's token");
    assert_eq!(provider.requests_to(TOKEN_PATH).len(), 3);
    // D is A but for its secret's variable, which is not set: it never
    // gets A's cached token, and sends no request without a secret.
    let out = env.cmd().args(["token", "-p", "d"]).output().unwrap();
    assert_code(&out, 2);
    assert!(stdout(&out).is_empty());
    assert_eq!(provider.requests_to(TOKEN_PATH).len(), 3);
}

#[test]
fn commands_in_a_config_others_can_write_are_not_run() {
    let provider = minting_provider();
    let env = TestEnv::new();
    let marker = env.path().join("ran");
    let config = env.write_config(&format!(
        "[profiles.ci]\ntoken_url = \"{}\"\nclient_id = \"app\"\nclient_secret_cmd = \"touch {} && echo s\"\ngrant = \"client_credentials\"\n",
        provider.url(TOKEN_PATH),
        marker.display()
    ));
    set_mode(&config, 0o666);
    let out = env.run(&["token", "-p", "ci"]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("not running client_secret_cmd"),
        "{}",
        stderr(&out)
    );
    assert!(!marker.exists(), "the command ran");
    assert!(provider.requests_to(TOKEN_PATH).is_empty());
    // The same file, private again, runs it.
    set_mode(&config, 0o600);
    assert_eq!(printed_token(&env.run(&["token", "-p", "ci"])), "token-1");
    assert!(marker.exists());
}

#[test]
fn a_failing_client_assertion_cmd_is_named_as_itself() {
    let provider = minting_provider();
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.ci]\ntoken_url = \"{}\"\nclient_id = \"app\"\nclient_assertion_cmd = \"exit 3\"\ngrant = \"client_credentials\"\n",
        provider.url(TOKEN_PATH)
    ));
    let out = env.run(&["token", "-p", "ci"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("client_assertion_cmd"), "{err}");
    assert!(!err.contains("client_secret_cmd"), "{err}");
}

/// A resource at `/mcp` whose metadata names `servers` (raw strings) and
/// `scopes`; the authorization server at `/` answers discovery and
/// registration, recording what it was sent.
fn resource(servers: impl Fn(&str) -> serde_json::Value + Send + 'static) -> FakeProvider {
    use std::sync::{Arc, Mutex};
    let base = Arc::new(Mutex::new(String::new()));
    let provider = {
        let base = Arc::clone(&base);
        FakeProvider::start(State::default(), move |req: &Recorded, _| {
            let base = base.lock().unwrap().clone();
            match req.path.as_str() {
                "/mcp" => Reply::json(401, &json!({})).header(
                    "WWW-Authenticate",
                    &format!("Bearer resource_metadata=\"{base}/meta\""),
                ),
                "/meta" => Reply::json(200, &servers(&base)),
                "/.well-known/openid-configuration" => Reply::json(
                    200,
                    &json!({
                        "issuer": base,
                        "authorization_endpoint": format!("{base}/authorize"),
                        "token_endpoint": format!("{base}/token"),
                        "registration_endpoint": format!("{base}/register"),
                        "code_challenge_methods_supported": ["S256"],
                    }),
                ),
                "/register" => Reply::json(201, &json!({"client_id": "registered-here"})),
                _ => Reply::not_found(),
            }
        })
    };
    *base.lock().unwrap() = provider.base();
    provider
}

fn login_from(env: &TestEnv, provider: &FakeProvider, extra: &[&str]) -> Output {
    let mcp = provider.url("/mcp");
    let mut args = vec![
        "login",
        "-p",
        "mcp",
        "--resource-url",
        &mcp,
        "--no-browser",
        "--timeout",
        "2",
    ];
    args.extend_from_slice(extra);
    env.cmd().args(&args).output().unwrap()
}

#[test]
fn a_server_the_resource_named_gets_no_configured_secret() {
    let provider = resource(
        |base| json!({"resource": format!("{base}/mcp"), "authorization_servers": [base]}),
    );
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "login",
            "-p",
            "mcp",
            "--resource-url",
            &provider.url("/mcp"),
            "--no-browser",
            "--timeout",
            "2",
        ])
        .env("OAUTHCTL_CLIENT_SECRET", "the-real-secret")
        .output()
        .unwrap();
    assert_code(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("a client secret") && err.contains("--issuer"),
        "{err}"
    );
    for req in provider.requests() {
        assert!(
            !format!("{req:?}").contains("the-real-secret"),
            "sent: {req:?}"
        );
    }
    assert!(provider.requests_to("/register").is_empty());
    assert!(
        !env.config_path().exists(),
        "the server was saved in a profile"
    );

    // A client id given for another server is not sent there either.
    let out = login_from(&env, &provider, &["--client-id", "meant-for-elsewhere"]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("client id meant-for-elsewhere"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_server_a_resource_names_is_shown_by_its_origin_before_the_browser_opens() {
    let provider = resource(
        |base| json!({"resource": format!("{base}/mcp"), "authorization_servers": [base]}),
    );
    let env = TestEnv::new();
    let out = login_from(&env, &provider, &[]);
    let err = stderr(&out);
    let shown = err
        .find(&format!("You will sign in at {}", provider.base()))
        .expect(&err);
    let url = err.find("/authorize?").expect(&err);
    assert!(shown < url, "{err}");
}

#[test]
fn a_resource_naming_a_server_with_escape_sequences_is_refused_and_nothing_saved() {
    let provider = resource(
        |base| json!({"resource": format!("{base}/mcp"), "authorization_servers": [format!("{base}\u{1b}[1A\r")]}),
    );
    let env = TestEnv::new();
    let out = login_from(&env, &provider, &[]);
    assert_code(&out, 3);
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}') && !err.contains('\r'), "{err:?}");
    assert!(!env.config_path().exists());
}

#[test]
fn a_resource_offering_scopes_that_are_not_nqchar_is_refused() {
    let provider = resource(
        |base| json!({"resource": format!("{base}/mcp"), "authorization_servers": [base], "scopes_supported": ["api\u{1b}]0;x\u{7}"]}),
    );
    let env = TestEnv::new();
    let out = login_from(&env, &provider, &[]);
    assert_code(&out, 3);
    assert!(!stderr(&out).contains('\u{1b}'), "{:?}", stderr(&out));
    assert!(!env.config_path().exists());
}

#[test]
fn resource_metadata_must_name_the_resource_exactly() {
    let provider = resource(
        |base| json!({"resource": format!("{base}/mcp/"), "authorization_servers": [base]}),
    );
    let env = TestEnv::new();
    assert_code(&login_from(&env, &provider, &[]), 3);
    assert!(provider.requests_to("/register").is_empty());
}

#[test]
fn discovery_that_names_no_issuer_is_refused() {
    let provider = FakeProvider::start(State::default(), |req: &Recorded, _| {
        match req.path.as_str() {
            "/.well-known/openid-configuration" => {
                Reply::json(200, &json!({"token_endpoint": "http://127.0.0.1:9/token"}))
            }
            _ => Reply::not_found(),
        }
    });
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cc", "--issuer", &provider.base(), "--client-id", "a"])
        .env("OAUTHCTL_CLIENT_SECRET", "s")
        .output()
        .unwrap();
    assert_code(&out, 2);
    assert!(stderr(&out).contains("names no issuer"), "{}", stderr(&out));
}

#[test]
fn unverified_claims_reach_the_terminal_as_one_visible_line() {
    use base64::Engine;
    let b64 = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let jwt = format!(
        "{}.{}.sig",
        b64(json!({"alg": "none"})),
        b64(
            json!({"preferred_username": "mallory\u{1b}]0;pwned\u{7}\r\u{202e}", "exp": 4_000_000_000u64})
        )
    );
    let provider = FakeProvider::start(State::default(), move |req: &Recorded, _| {
        if req.path != TOKEN_PATH {
            return Reply::not_found();
        }
        Reply::json(
            200,
            &json!({"access_token": jwt, "token_type": "Bearer", "expires_in": 3600, "refresh_token": "r"}),
        )
    });
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\ntoken_url = \"{}\"\nclient_id = \"c\"\n",
        provider.url(TOKEN_PATH)
    ));
    let login = env.run_with_stdin(
        &["login", "-p", "work", "--with-refresh-token", "-"],
        "r0\n",
    );
    assert_ok(&login);
    let status = env.run(&["status", "-p", "work"]);
    assert_ok(&status);
    for text in [stderr(&login), stdout(&status)] {
        assert!(text.contains("mallory]0;pwned"), "{text:?}");
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\r', '\u{202e}']),
            "{text:?}"
        );
    }
}

#[test]
fn setup_git_names_a_credential_helper_that_would_still_get_the_token() {
    let env = TestEnv::new();
    env.write_config(
        "[profiles.work]\ntoken_url = \"https://id.example.com/token\"\nclient_id = \"c\"\n",
    );
    let repo = env.path().join("repo");
    let git = |args: &[&str], dir: &Path| {
        let out = env
            .command("git")
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert_ok(&out);
    };
    std::fs::create_dir_all(&repo).unwrap();
    git(&["init", "-q"], &repo);
    git(&["config", "credential.helper", "store"], &repo);
    let out = env
        .cmd()
        .args(["setup-git", "--host", "git.example.com", "-p", "work"])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert_ok(&out);
    let err = stderr(&out);
    assert!(
        err.contains("credential helper `store`") && err.contains(".git/config"),
        "{err}"
    );
    // Outside that repository nothing comes after oauthctl's helper.
    let out = env.run(&["setup-git", "--host", "git.example.com", "-p", "work"]);
    assert_ok(&out);
    assert!(
        !stderr(&out).contains("credential helper"),
        "{}",
        stderr(&out)
    );
}
