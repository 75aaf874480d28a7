//! `oauthctl login` against the real oidc-provider (`support::oidc`): the
//! browser flow (authorization code with PKCE S256, state and nonce, through a
//! loopback listener) and the device flow of RFC 8628. The provider's login
//! and consent pages are driven by the scripted test browser, and once by real
//! headless Chromium through ChromeDriver (`support::webdriver`). Bad callbacks
//! go straight to oauthctl's listener.
//!
//! Every wait is bounded; everything talks to 127.0.0.1 only.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::oidc::{self, OidcProvider, SPECIAL_SECRET, WEB_POST_SECRET};
use crate::support::printed_token;
use crate::support::webdriver::Browser;
use crate::support::{Finished, Following, Run, TestEnv, assert_code, assert_ok, stderr, stdout};

/// How long to wait for oauthctl to print the authorization URL / user code.
const PROMPT_WAIT: Duration = Duration::from_secs(20);
/// How long to wait for oauthctl to exit once the callback is in.
const EXIT_WAIT: Duration = Duration::from_secs(60);
/// The device flow polls every 5 s (oidc-provider sends no interval).
const DEVICE_EXIT_WAIT: Duration = Duration::from_secs(90);
/// One step of a page in Chromium (a form submitted, a redirect followed).
const PAGE_WAIT: Duration = Duration::from_secs(30);

// ---------------------------------------------------------------------------
// Running `oauthctl login` in the background.

/// A running `oauthctl login` whose stderr is read line by line as it comes
/// (the URL / user code is printed before it blocks). Killed on drop.
struct Login(Following);

impl Login {
    fn spawn(mut cmd: Run) -> Login {
        Login(cmd.follow())
    }

    /// The first stderr line (from now on) matching `pred`, bounded. Kills
    /// oauthctl and panics with its stderr when none comes.
    fn wait_line(&mut self, what: &str, timeout: Duration, pred: impl Fn(&str) -> bool) -> String {
        self.0.wait_line(what, timeout, pred)
    }

    /// The authorization URL oauthctl printed: the word carrying a
    /// `redirect_uri`.
    fn auth_url(&mut self) -> AuthRequest {
        let line = self.wait_line("authorization URL", PROMPT_WAIT, |l| {
            l.contains("redirect_uri=")
        });
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http") && w.contains("redirect_uri="))
            .unwrap_or_else(|| panic!("no URL in {line:?}"));
        AuthRequest::parse(url)
    }

    /// Waits (bounded) for oauthctl to exit and collects its output.
    fn finish(self, timeout: Duration) -> Finished {
        self.0.finish(timeout)
    }
}

/// A finished login's checks.
trait LoginChecks {
    fn assert_code(&self, code: i32);
    fn assert_clean_failure(&self, code: i32) -> String;
}

impl LoginChecks for Finished {
    #[track_caller]
    fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
    }

    /// A failed login: non-zero exit, no panic, nothing on stdout, and one
    /// clean `oauthctl: error: …` line that ends stderr. Returns that line.
    #[track_caller]
    fn assert_clean_failure(&self, code: i32) -> String {
        self.assert_code(code);
        assert_no_panic(&self.stderr);
        assert_eq!(self.stdout, "", "a failed login prints nothing on stdout");
        let last = self.stderr.lines().last().unwrap_or_default().to_owned();
        assert!(
            last.starts_with("oauthctl: error: "),
            "the last stderr line is not the error:\n{}",
            self.stderr
        );
        assert_eq!(
            self.stderr.matches("oauthctl: error:").count(),
            1,
            "one error line:\n{}",
            self.stderr
        );
        assert!(
            last.len() < 600 && !last.chars().any(|c| c.is_control()),
            "the error line is not a clean short line: {last:?}"
        );
        last
    }
}

#[track_caller]
fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "oauthctl panicked:\n{stderr}"
    );
}

/// The parts of an authorization URL the tests look at.
struct AuthRequest {
    url: url::Url,
    redirect_uri: String,
    state: String,
    port: u16,
}

impl AuthRequest {
    fn parse(text: &str) -> AuthRequest {
        let url = url::Url::parse(text).unwrap_or_else(|e| panic!("{text:?} is not a URL: {e}"));
        let redirect_uri =
            query_param(&url, "redirect_uri").unwrap_or_else(|| panic!("no redirect_uri in {url}"));
        let state = query_param(&url, "state").unwrap_or_else(|| panic!("no state in {url}"));
        let redirect = url::Url::parse(&redirect_uri).expect("redirect_uri is a URL");
        assert_eq!(
            (redirect.scheme(), redirect.host_str(), redirect.path()),
            ("http", Some("127.0.0.1"), "/callback"),
            "redirect_uri {redirect_uri}"
        );
        let port = redirect.port().expect("redirect_uri has a port");
        AuthRequest {
            url,
            redirect_uri,
            state,
            port,
        }
    }

    fn param(&self, name: &str) -> Option<String> {
        query_param(&self.url, name)
    }

    fn url(&self) -> &str {
        self.url.as_str()
    }
}

fn query_param(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `url` with its `name` query parameter set to `value` (others kept in
/// order; appended when missing).
fn with_param(url: &str, name: &str, value: &str) -> String {
    let mut url = url::Url::parse(url).expect("URL");
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name { value.into() } else { v };
            (k.into_owned(), v.into_owned())
        })
        .collect();
    if !pairs.iter().any(|(k, _)| k == name) {
        pairs.push((name.to_owned(), value.to_owned()));
    }
    url.query_pairs_mut().clear().extend_pairs(pairs);
    url.into()
}

/// Sends one raw HTTP/1.1 GET for `target` (bytes, sent as they are) to
/// 127.0.0.1:port: the status (0 when the server closed without answering) and
/// the body. Bounded by socket timeouts.
fn raw_get(port: u16, target: &[u8]) -> std::io::Result<(u16, String)> {
    raw_request(port, "GET", target)
}

fn raw_request(port: u16, method: &str, target: &[u8]) -> std::io::Result<(u16, String)> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut request = format!("{method} ").into_bytes();
    request.extend_from_slice(target);
    request.extend_from_slice(
        format!(" HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    stream.write_all(&request)?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .or_else(|| text.strip_prefix("HTTP/1.0 "))
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

/// The token sets in the file store.
fn stored_token_files(env: &TestEnv) -> Vec<PathBuf> {
    match std::fs::read_dir(env.data_dir().join("tokens")) {
        Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[track_caller]
fn assert_nothing_stored(env: &TestEnv) {
    let files = stored_token_files(env);
    assert!(files.is_empty(), "a token set was stored: {files:?}");
}

fn token_requests(op: &OidcProvider) -> u64 {
    op.stats()["token_requests"].as_u64().unwrap_or(0)
}

/// A profile `name` for the public native client, by discovery.
fn write_public_profile(env: &TestEnv, op: &OidcProvider, name: &str) {
    env.write_config(&format!(
        r#"
[profiles.{name}]
issuer = "{}"
client_id = "cli-public"
scopes = ["openid", "offline_access", "api:read"]
"#,
        op.issuer()
    ));
}

/// `oauthctl login --no-browser` for the public client by explicit endpoints
/// (no discovery), as a raw-callback target.
fn spawn_explicit_login(env: &TestEnv, op: &OidcProvider, extra: &[&str]) -> Login {
    let mut cmd = env.cmd();
    cmd.args([
        "login",
        "--no-browser",
        "--auth-url",
        &op.auth_url(),
        "--token-url",
        &op.token_url(),
        "--client-id",
        "cli-public",
        "--scope",
        "openid api:read",
    ])
    .args(extra);
    Login::spawn(cmd)
}

/// Where screenshots go: `target/tmp/test-output/login/`.
fn output_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-output/login")
}

// ---------------------------------------------------------------------------
// The browser flow against oidc-provider, through its real pages.

/// A terminal, no browser here: the address a browser elsewhere ended on
/// (its redirect to 127.0.0.1 could not arrive) is pasted, checked like a
/// callback, and the login completes; a paste from another login is refused.
#[test]
fn on_a_terminal_without_a_browser_the_final_address_can_be_pasted() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "work");
    let mut pty = crate::support::pty::Pty::open();
    let mut cmd = env.cmd();
    // No DISPLAY and no $BROWSER in the test's environment: nothing opens.
    cmd.args(["login", "-p", "work", "--timeout", "60"])
        .stdin(pty.terminal());
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    login.wait_line("the paste hint", PROMPT_WAIT, |l| {
        l.contains("paste it here")
    });
    login.wait_line("the device hint", PROMPT_WAIT, |l| {
        l.contains("oauthctl login -p work --device")
    });

    pty.type_line(&format!(
        "{}?code=stolen&state=not-this-one",
        auth.redirect_uri
    ));
    login.wait_line("the refusal", PROMPT_WAIT, |l| {
        l.contains("not from this login")
    });
    pty.type_line("just some words");
    login.wait_line("the hint", PROMPT_WAIT, |l| {
        l.contains("paste the whole address")
    });

    let callback = oidc::authorize_in_test_browser(auth.url());
    pty.type_line(&callback);
    let done = login.finish(EXIT_WAIT);
    done.assert_code(0);
    assert!(done.stderr.contains("Logged in to work"), "{}", done.stderr);
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());
    let token = stdout(&env.run(&["token", "-p", "work"])).trim().to_owned();
    op.assert_token_accepted(&token);
}

/// `BROWSER=/bin/false` on a headless terminal: the launcher's failure is
/// noticed, so the paste and the device flow are offered, and a pasted
/// address finishes the login (it used to be ignored until the timeout).
#[test]
fn a_browser_launcher_that_fails_still_lets_a_terminal_finish_the_login() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "work");
    let mut pty = crate::support::pty::Pty::open();
    let mut cmd = env.cmd();
    cmd.args(["login", "-p", "work", "--timeout", "60"])
        .env("BROWSER", "/bin/false")
        .stdin(pty.terminal());
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    login.wait_line("the launcher's failure", PROMPT_WAIT, |l| {
        l.contains("Could not open a browser here") && l.contains("/bin/false")
    });
    login.wait_line("the device hint", PROMPT_WAIT, |l| {
        l.contains("oauthctl login -p work --device")
    });
    let callback = oidc::authorize_in_test_browser(auth.url());
    pty.type_line(&callback);
    let done = login.finish(EXIT_WAIT);
    done.assert_code(0);
    assert!(done.stderr.contains("Logged in to work"), "{}", done.stderr);
}

/// On WSL, with no $BROWSER, the Windows browser opens the URL: through
/// `wslview` when wslu is there, else `explorer.exe`.
#[test]
fn on_wsl_the_windows_browser_opens_the_login() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    for launchers in [&["wslview", "explorer.exe"][..], &["explorer.exe"][..]] {
        let env = TestEnv::new();
        write_public_profile(&env, &op, "work");
        let bin = env.path().join("wsl-bin");
        std::fs::create_dir_all(&bin).unwrap();
        for launcher in launchers {
            let script = bin.join(launcher);
            std::fs::write(
                &script,
                format!(
                    "#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n",
                    env.path().join(format!("{launcher}.url")).display()
                ),
            )
            .unwrap();
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let mut cmd = env.cmd();
        cmd.env("WSL_DISTRO_NAME", "Ubuntu")
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    bin.display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .args(["login", "-p", "work", "--timeout", "60"]);
        let mut login = Login::spawn(cmd);
        let auth = login.auth_url();
        let opened = env.path().join(format!("{}.url", launchers[0]));
        let deadline = std::time::Instant::now() + PROMPT_WAIT;
        // Written by the launcher: there, and not empty (it may be mid-write).
        while std::fs::read_to_string(&opened).map_or(true, |url| url.is_empty()) {
            assert!(
                std::time::Instant::now() < deadline,
                "{} was not run: {}",
                launchers[0],
                login.0.seen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(std::fs::read_to_string(&opened).unwrap(), auth.url());
        let (status, _) = oidc::deliver_callback(&oidc::authorize_in_test_browser(auth.url()));
        assert_eq!(status, 200);
        login.finish(EXIT_WAIT).assert_code(0);
    }
}

/// `--paste` without a terminal (a script, a pipe): the same check applies.
#[test]
fn paste_reads_a_piped_address_and_checks_its_state() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "work");
    let (reader, mut writer) = std::io::pipe().unwrap();
    let mut cmd = env.cmd();
    cmd.args([
        "login",
        "-p",
        "work",
        "--paste",
        "--no-browser",
        "--timeout",
        "60",
    ])
    .stdin(reader);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    let callback = oidc::deny_in_test_browser(auth.url());
    std::io::Write::write_all(&mut writer, format!("{callback}\n").as_bytes()).unwrap();
    let done = login.finish(EXIT_WAIT);
    let line = done.assert_clean_failure(3);
    assert!(line.contains("access_denied"), "{line}");
    assert_eq!(op.stats()["token_requests"], 0, "{}", op.stats());
}

/// RFC 9126: with `--par` the parameters go to the provider in an
/// authenticated POST first, and the browser URL carries only `client_id`
/// and the `request_uri` the provider gave for them.
#[test]
fn par_pushes_the_request_and_the_browser_sees_only_its_uri() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "work");
    let mut cmd = env.cmd();
    cmd.args([
        "login",
        "-p",
        "work",
        "--par",
        "--no-browser",
        "--timeout",
        "60",
    ]);
    let mut login = Login::spawn(cmd);
    let line = login.wait_line("the pushed URL", PROMPT_WAIT, |l| {
        l.contains("request_uri=")
    });
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http"))
        .unwrap()
        .to_owned();
    let parsed = url::Url::parse(&url).unwrap();
    let names: Vec<String> = parsed.query_pairs().map(|(k, _)| k.into_owned()).collect();
    assert_eq!(names, ["client_id", "request_uri"], "{url}");
    assert_eq!(op.stats()["par_requests"], 1, "{}", op.stats());
    let (status, page) = oidc::deliver_callback(&oidc::authorize_in_test_browser(&url));
    assert_eq!(status, 200, "{page}");
    login.finish(EXIT_WAIT).assert_code(0);
    let token = stdout(&env.run(&["token", "-p", "work"])).trim().to_owned();
    op.assert_token_accepted(&token);
}

/// A provider that requires PAR gets it without `--par`; a `request_uri`
/// that could break the URL or the terminal is refused (exit 3).
#[test]
fn par_is_used_when_discovery_requires_it_and_its_answer_is_checked() {
    use crate::support::fake::{FakeProvider, Reply, State};
    use std::sync::{Arc, Mutex};
    for (request_uri, hostile) in [
        ("urn:ietf:params:oauth:request_uri:abc123", false),
        ("urn:x\n\u{1b}[2Jgotcha", true),
    ] {
        let base = Arc::new(Mutex::new(String::new()));
        let provider = {
            let base = Arc::clone(&base);
            FakeProvider::start(State::default(), move |req, _| {
                let base = base.lock().unwrap().clone();
                match req.path.as_str() {
                    "/.well-known/openid-configuration" => Reply::json(
                        200,
                        &serde_json::json!({
                            "issuer": base,
                            "authorization_endpoint": format!("{base}/auth"),
                            "token_endpoint": format!("{base}/token"),
                            "pushed_authorization_request_endpoint": format!("{base}/par"),
                            "require_pushed_authorization_requests": true,
                        }),
                    ),
                    "/par" => Reply::json(
                        201,
                        &serde_json::json!({"request_uri": request_uri, "expires_in": 60}),
                    ),
                    _ => Reply::not_found(),
                }
            })
        };
        *base.lock().unwrap() = provider.base();
        let env = TestEnv::new();
        env.write_config(&format!(
            "[profiles.p]\nissuer = \"{}\"\nclient_id = \"cli\"\n",
            provider.base()
        ));
        let mut cmd = env.cmd();
        cmd.args(["login", "-p", "p", "--no-browser", "--timeout", "2"]);
        let done = Login::spawn(cmd).finish(EXIT_WAIT);
        let pushed = provider.requests_to("/par");
        assert_eq!(pushed.len(), 1);
        assert_eq!(
            pushed[0].param("code_challenge_method").as_deref(),
            Some("S256")
        );
        if hostile {
            done.assert_clean_failure(3);
            assert!(!done.stderr.contains('\u{1b}'), "{}", done.stderr);
        } else {
            assert!(
                done.stderr
                    .contains("request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc123"),
                "{}",
                done.stderr
            );
        }
    }
}

/// Zero-config login, as MCP clients do it: only the API's URL is known.
/// The API's 401 names its metadata (RFC 9728), that names the provider,
/// where oauthctl registers itself (RFC 7591); the profile keeps what was
/// found, tokens are for that resource, and `curl` then just works.
#[test]
fn a_login_from_nothing_but_the_resource_url() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let api = format!("{}/api", op.issuer());
    let mut cmd = env.cmd();
    cmd.args([
        "login",
        "-p",
        "mcp",
        "--resource-url",
        &api,
        "--no-browser",
        "--timeout",
        "60",
    ]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    assert_eq!(
        auth.param("resource").as_deref(),
        Some(api.as_str()),
        "{}",
        auth.url()
    );
    assert_eq!(auth.param("scope").as_deref(), Some("api:read"));
    let client_id = auth.param("client_id").expect("a registered client id");
    assert!(!client_id.is_empty() && client_id != "cli-public");
    let (status, page) = oidc::deliver_callback(&oidc::authorize_in_test_browser(auth.url()));
    assert_eq!(status, 200, "{page}");
    let done = login.finish(EXIT_WAIT);
    done.assert_code(0);
    assert!(done.stderr.contains("is protected by"), "{}", done.stderr);
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        config.contains("[profiles.mcp]")
            && config.contains(&client_id)
            && config.contains(op.issuer()),
        "{config}"
    );
    let out = env.run(&["curl", "-p", "mcp", "--", "-sS", &api]);
    crate::support::assert_ok(&out);
    let me: serde_json::Value = serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|_| panic!("not JSON: {}", stdout(&out)));
    assert_eq!(me["client_id"], client_id.as_str(), "{me}");
}

/// RFC 9728 §3.3: metadata that describes another resource is not used
/// (it would send this resource's users to someone else's server).
#[test]
fn resource_metadata_for_another_resource_is_refused() {
    use crate::support::fake::{FakeProvider, Reply, State};
    use std::sync::{Arc, Mutex};
    let base = Arc::new(Mutex::new(String::new()));
    let provider = {
        let base = Arc::clone(&base);
        FakeProvider::start(State::default(), move |req, _| {
            let base = base.lock().unwrap().clone();
            match req.path.as_str() {
                "/mcp" => Reply::json(401, &serde_json::json!({})).header(
                    "WWW-Authenticate",
                    &format!("Bearer resource_metadata=\"{base}/meta\""),
                ),
                "/meta" => Reply::json(
                    200,
                    &serde_json::json!({"resource": "https://elsewhere.example/mcp", "authorization_servers": [base]}),
                ),
                _ => Reply::not_found(),
            }
        })
    };
    *base.lock().unwrap() = provider.base();
    let env = TestEnv::new();
    env.run(&[
        "profile",
        "add",
        "mcp",
        "--resource-url",
        &provider.url("/mcp"),
    ]);
    let mut cmd = env.cmd();
    cmd.args(["login", "-p", "mcp", "--no-browser", "--timeout", "5"]);
    let done = Login::spawn(cmd).finish(EXIT_WAIT);
    let line = done.assert_clean_failure(3);
    assert!(line.contains("elsewhere.example"), "{line}");
    assert!(provider.requests_to("/meta").len() == 1);
}

/// MCP 2025-11-25 on the real provider: a path-scoped resource whose 401
/// names its metadata and the scope it needs. That scope is asked for
/// (before scopes_supported), the token is for that resource, and `status`
/// shows what was asked beside what was granted (mcp:admin never is).
#[test]
fn a_path_scoped_resource_gets_its_challenge_scope_and_status_shows_asked_and_granted() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let mcp = format!("{}/mcp/tenant1", op.issuer());
    let mut cmd = env.cmd();
    cmd.args([
        "login",
        "-p",
        "mcp",
        "--resource-url",
        &mcp,
        "--no-browser",
        "--timeout",
        "60",
    ]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    assert_eq!(auth.param("resource").as_deref(), Some(mcp.as_str()));
    assert_eq!(auth.param("scope").as_deref(), Some("mcp:read mcp:admin"));
    let (status, page) = oidc::deliver_callback(&oidc::authorize_in_test_browser(auth.url()));
    assert_eq!(status, 200, "{page}");
    login.finish(EXIT_WAIT).assert_code(0);
    let out = env.run(&["curl", "-p", "mcp", "--", "-sS", &mcp]);
    crate::support::assert_ok(&out);
    let me: serde_json::Value = serde_json::from_str(stdout(&out).trim())
        .unwrap_or_else(|_| panic!("not JSON: {}", stdout(&out)));
    assert_eq!(me["scope"], "mcp:read", "{me}");
    let out = env.run(&["status", "-p", "mcp"]);
    crate::support::assert_ok(&out);
    assert!(
        stdout(&out).contains("scopes: mcp:read (asked for: mcp:read mcp:admin)"),
        "{}",
        stdout(&out)
    );
}

/// A strict resource and server for the discovery order: the challenge's
/// `resource_metadata` and the path-inserted address answer 404, the root
/// document is the origin's; the server's issuer has a path and only its
/// path-inserted OpenID document exists. `pkce` is its
/// code_challenge_methods_supported (None: left out).
fn strict_mcp(pkce: Option<serde_json::Value>) -> crate::support::fake::FakeProvider {
    use crate::support::fake::{FakeProvider, Reply, State};
    use std::sync::{Arc, Mutex};
    let base = Arc::new(Mutex::new(String::new()));
    let provider = {
        let base = Arc::clone(&base);
        FakeProvider::start(State::default(), move |req, _| {
            let base = base.lock().unwrap().clone();
            let issuer = format!("{base}/tenant1");
            match req.path.as_str() {
                "/mcp/tenant1" => Reply::json(401, &serde_json::json!({})).header(
                    "WWW-Authenticate",
                    &format!("Bearer resource_metadata=\"{base}/gone\""),
                ),
                "/.well-known/oauth-protected-resource" => Reply::json(
                    200,
                    &serde_json::json!({"resource": base, "authorization_servers": [issuer]}),
                ),
                "/.well-known/openid-configuration/tenant1" => {
                    let mut doc = serde_json::json!({
                        "issuer": issuer,
                        "authorization_endpoint": format!("{issuer}/authorize"),
                        "token_endpoint": format!("{issuer}/token"),
                        "registration_endpoint": format!("{issuer}/register"),
                    });
                    if let Some(methods) = &pkce {
                        doc["code_challenge_methods_supported"] = methods.clone();
                    }
                    Reply::json(200, &doc)
                }
                "/tenant1/register" => {
                    Reply::json(201, &serde_json::json!({"client_id": "strict-client"}))
                }
                _ => Reply::not_found(),
            }
        })
    };
    *base.lock().unwrap() = provider.base();
    provider
}

#[test]
fn discovery_follows_the_mcp_order_and_sends_no_scope_when_none_is_named() {
    let provider = strict_mcp(Some(serde_json::json!(["S256"])));
    let env = TestEnv::new();
    let mut cmd = env.cmd();
    let mcp = provider.url("/mcp/tenant1");
    cmd.args([
        "login",
        "-p",
        "mcp",
        "--resource-url",
        &mcp,
        "--no-browser",
        "--timeout",
        "60",
    ]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    drop(login);
    assert_eq!(auth.param("scope"), None, "{}", auth.url());
    assert_eq!(auth.param("resource"), Some(provider.base()));
    assert_eq!(auth.param("client_id").as_deref(), Some("strict-client"));
    let paths: Vec<String> = provider
        .requests()
        .iter()
        .map(|r| r.path.clone())
        .filter(|p| p.contains(".well-known") || p == "/gone")
        .collect();
    assert_eq!(
        paths[..5],
        [
            "/gone",
            "/.well-known/oauth-protected-resource/mcp/tenant1",
            "/.well-known/oauth-protected-resource",
            "/.well-known/oauth-authorization-server/tenant1",
            "/.well-known/openid-configuration/tenant1",
        ]
    );
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        config.contains(&format!("client_issuer = \"{}/tenant1\"", provider.base())),
        "{config}"
    );
}

/// MCP 2025-11-25: a client refuses a server that does not list S256,
/// before anything is registered there.
#[test]
fn a_resource_named_server_without_s256_is_refused_before_registering() {
    for pkce in [None, Some(serde_json::json!(["plain"]))] {
        let provider = strict_mcp(pkce);
        let env = TestEnv::new();
        let mut cmd = env.cmd();
        let mcp = provider.url("/mcp/tenant1");
        cmd.args([
            "login",
            "-p",
            "mcp",
            "--resource-url",
            &mcp,
            "--no-browser",
            "--timeout",
            "5",
        ]);
        let line = Login::spawn(cmd).finish(EXIT_WAIT).assert_clean_failure(2);
        assert!(line.contains("PKCE with S256"), "{line}");
        assert!(provider.requests_to("/tenant1/register").is_empty());
    }
}

/// A client registered at one server is never sent to another (MCP
/// 2026-07-28): when the resource moves, oauthctl registers again there
/// and says so; the new pair is saved.
#[test]
fn a_client_registered_at_one_server_is_not_sent_to_the_next_one() {
    use crate::support::fake::{FakeProvider, Reply, State};
    use std::sync::{Arc, Mutex};
    let (Some(first), Some(second)) = (OidcProvider::start(), OidcProvider::start()) else {
        return;
    };
    let server = Arc::new(Mutex::new(first.issuer().to_owned()));
    let base = Arc::new(Mutex::new(String::new()));
    let resource = {
        let (server, base) = (Arc::clone(&server), Arc::clone(&base));
        FakeProvider::start(State::default(), move |req, _| {
            let base = base.lock().unwrap().clone();
            match req.path.as_str() {
                "/mcp" => Reply::json(401, &serde_json::json!({})).header(
                    "WWW-Authenticate",
                    &format!("Bearer resource_metadata=\"{base}/meta\""),
                ),
                "/meta" => Reply::json(
                    200,
                    &serde_json::json!({"resource": format!("{base}/mcp"), "authorization_servers": [*server.lock().unwrap()]}),
                ),
                _ => Reply::not_found(),
            }
        })
    };
    *base.lock().unwrap() = resource.base();
    let env = TestEnv::new();
    let mcp = resource.url("/mcp");
    let login_url = || {
        let mut cmd = env.cmd();
        cmd.args([
            "login",
            "-p",
            "mcp",
            "--resource-url",
            &mcp,
            "--no-browser",
            "--timeout",
            "60",
        ]);
        Login::spawn(cmd)
    };
    let auth = login_url().auth_url();
    let old = auth.param("client_id").unwrap();
    assert!(auth.url().starts_with(first.issuer()));
    *server.lock().unwrap() = second.issuer().to_owned();
    let mut login = login_url();
    let said = login.wait_line("the rebinding", PROMPT_WAIT, |l| {
        l.contains("is not sent there")
    });
    let auth = login.auth_url();
    drop(login);
    assert!(
        said.contains(&old) && said.contains(first.issuer()),
        "{said}"
    );
    assert!(auth.url().starts_with(second.issuer()), "{}", auth.url());
    let new = auth.param("client_id").unwrap();
    assert_ne!(new, old);
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        config.contains(&format!("client_id = \"{new}\""))
            && config.contains(&format!("client_issuer = \"{}\"", second.issuer()))
            && !config.contains(&old),
        "{config}"
    );
}

#[test]
fn ctrl_c_while_waiting_for_the_browser_cancels_the_login() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "work");
    let mut cmd = env.cmd();
    cmd.args(["login", "-p", "work", "--no-browser", "--timeout", "60"]);
    let mut login = Login::spawn(cmd);
    let _ = login.auth_url();
    let sent = crate::support::bounded(std::process::Command::new("kill"))
        .args(["-INT", &login.0.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let done = login.finish(EXIT_WAIT);
    done.assert_code(130);
    assert!(
        done.stderr
            .trim_end()
            .ends_with("oauthctl: login cancelled"),
        "{}",
        done.stderr
    );
    assert_eq!(op.stats()["token_requests"], 0, "{}", op.stats());
}

#[test]
fn public_client_login_with_pkce_state_and_nonce_then_token_and_forced_refresh() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "work");
    let mut cmd = env.cmd();
    cmd.args(["login", "-p", "work", "--no-browser", "--timeout", "60"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();

    assert!(
        auth.url().starts_with(&format!("{}?", op.auth_url())),
        "the discovered authorization endpoint: {}",
        auth.url()
    );
    assert_eq!(auth.param("response_type").as_deref(), Some("code"));
    assert_eq!(auth.param("client_id").as_deref(), Some("cli-public"));
    assert_eq!(auth.param("code_challenge_method").as_deref(), Some("S256"));
    let challenge = auth.param("code_challenge").expect("code_challenge");
    assert!(
        challenge.len() == 43
            && challenge
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "an S256 challenge is 43 base64url characters: {challenge:?}"
    );
    assert!(
        auth.state.len() >= 16,
        "state is unguessable: {:?}",
        auth.state
    );
    let nonce = auth
        .param("nonce")
        .expect("a nonce when openid is requested");
    assert!(nonce.len() >= 16 && nonce != auth.state, "nonce {nonce:?}");
    let scope = auth.param("scope").unwrap_or_default();
    assert!(scope.split(' ').any(|s| s == "openid"), "scope {scope:?}");

    let callback = oidc::authorize_in_test_browser(auth.url());
    assert!(
        callback.starts_with(&format!("{}?", auth.redirect_uri)),
        "the provider redirects to oauthctl's listener: {callback}"
    );
    let cb = url::Url::parse(&callback).unwrap();
    assert_eq!(query_param(&cb, "state"), Some(auth.state.clone()));
    let (status, page) = oidc::deliver_callback(&callback);
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains("Logged in") && page.contains("close this tab"),
        "{page}"
    );

    let done = login.finish(EXIT_WAIT);
    done.assert_code(0);
    assert_eq!(done.stdout, "", "login prints nothing on stdout by default");
    assert!(
        done.stderr.contains("Logged in to work as test-user"),
        "the confirmation line:\n{}",
        done.stderr
    );
    assert_no_panic(&done.stderr);
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());
    assert_eq!(stored_token_files(&env).len(), 1);

    // `token` prints the stored access token, without a request.
    let t1 = printed_token(&env.run(&["token", "-p", "work"]));
    let me = op.assert_token_accepted(&t1);
    assert_eq!(me["sub"], "test-user");
    assert_eq!(me["client_id"], "cli-public");
    assert_eq!(token_requests(&op), 1, "{}", op.stats());

    // A forced refresh: the provider rotates the refresh token.
    let t2 = printed_token(&env.run(&["refresh", "-p", "work"]));
    assert_ne!(t2, t1, "refresh gives a new access token");
    op.assert_token_accepted(&t2);
    assert_eq!(op.grant_count("refresh_token"), 1, "{}", op.stats());
    let again = printed_token(&env.run(&["token", "-p", "work"]));
    assert_eq!(again, t2, "the refreshed token was stored");

    // Had oauthctl kept the rotated-out refresh token, this refresh would
    // reuse it: invalid_grant, and the provider would revoke the grant.
    let t3 = printed_token(&env.run(&["refresh", "-p", "work"]));
    assert_ne!(t3, t2);
    op.assert_token_accepted(&t3);
    assert_eq!(op.grant_count("refresh_token"), 2, "{}", op.stats());
}

/// RFC 9126 §2.1: the pushed request has `client_id` in its body even when
/// the client authenticates with Basic (Spring Authorization Server, and the
/// test provider, refuse it otherwise).
#[test]
fn par_with_basic_client_authentication_sends_client_id_in_the_body() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let secret_file = env.write_file("web-basic.secret", SPECIAL_SECRET);
    let mut cmd = env.cmd();
    cmd.args(["login", "--par", "--no-browser", "--timeout", "60"])
        .args(["--issuer", op.issuer(), "--client-id", "web-basic"])
        .args(["--client-secret-file", secret_file.to_str().unwrap()])
        .args(["--scope", "openid api:read"]);
    let mut login = Login::spawn(cmd);
    let line = login.wait_line("the pushed URL", PROMPT_WAIT, |l| {
        l.contains("request_uri=")
    });
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http"))
        .unwrap()
        .to_owned();
    assert_eq!(op.stats()["par_requests"], 1, "{}", op.stats());
    let (status, page) = oidc::deliver_callback(&oidc::authorize_in_test_browser(&url));
    assert_eq!(status, 200, "{page}");
    login.finish(EXIT_WAIT).assert_code(0);
}

#[test]
fn confidential_client_with_basic_auth_and_a_special_character_secret_file() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let secret_file = env.write_file("web-basic.secret", SPECIAL_SECRET);
    let secret_path = secret_file.to_str().unwrap();
    let provider_args = [
        "--issuer",
        op.issuer(),
        "--client-id",
        "web-basic",
        "--client-secret-file",
        secret_path,
        "--scope",
        "openid api:read",
    ];
    let mut cmd = env.cmd();
    cmd.args(["login", "--no-browser", "--timeout", "60"])
        .args(provider_args);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    assert_eq!(auth.param("client_id").as_deref(), Some("web-basic"));
    assert_eq!(
        auth.param("code_challenge_method").as_deref(),
        Some("S256"),
        "PKCE for confidential clients too"
    );
    let (status, page) = oidc::deliver_callback(&oidc::authorize_in_test_browser(auth.url()));
    assert_eq!(status, 200, "{page}");
    let done = login.finish(EXIT_WAIT);
    // The server refuses web-basic's secret in the body: success proves Basic,
    // with the secret form-urlencoded first (RFC 6749 §2.3.1).
    done.assert_code(0);
    assert!(
        done.stderr.contains("Logged in to default as test-user"),
        "{}",
        done.stderr
    );
    assert!(
        !done.stderr.contains(SPECIAL_SECRET),
        "the secret leaked to stderr:\n{}",
        done.stderr
    );
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());
    assert_eq!(token_requests(&op), 1, "{}", op.stats());

    let mut args = vec!["token"];
    args.extend(provider_args);
    let token = printed_token(&env.run(&args));
    let me = op.assert_token_accepted(&token);
    assert_eq!(me["client_id"], "web-basic");
    assert_eq!(me["sub"], "test-user");
}

#[test]
fn confidential_client_with_post_auth_and_json_output() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let mut cmd = env.cmd();
    cmd.args([
        "login",
        "--no-browser",
        "--timeout",
        "60",
        "--issuer",
        op.issuer(),
        "--client-id",
        "web-post",
        "--client-auth",
        "post",
        "--scope",
        "openid api:read",
        "-o",
        "json",
    ])
    .env("OAUTHCTL_CLIENT_SECRET", WEB_POST_SECRET);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    let (status, page) = oidc::deliver_callback(&oidc::authorize_in_test_browser(auth.url()));
    assert_eq!(status, 200, "{page}");
    let done = login.finish(EXIT_WAIT);
    done.assert_code(0);
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());

    // stdout is the documented JSON object and nothing else.
    assert!(
        done.stdout.ends_with('\n'),
        "stdout ends with a newline: {:?}",
        done.stdout
    );
    let json: serde_json::Value = serde_json::from_str(&done.stdout)
        .unwrap_or_else(|e| panic!("-o json is not one JSON value ({e}): {:?}", done.stdout));
    let mut keys: Vec<&str> = json
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "access_token",
            "expires_at",
            "expires_in",
            "scope",
            "token_type"
        ],
        "{json}"
    );
    assert_eq!(json["token_type"], "Bearer");
    let expires_in = json["expires_in"].as_i64().expect("expires_in integer");
    assert!(
        (1..=oidc::ACCESS_TOKEN_TTL as i64).contains(&expires_in),
        "expires_in {expires_in}"
    );
    let expires_at = json["expires_at"].as_str().expect("expires_at string");
    assert!(
        expires_at.len() >= 20 && expires_at.as_bytes()[10] == b'T',
        "expires_at is not RFC 3339: {expires_at}"
    );
    let scope = json["scope"].as_str().unwrap_or_default();
    assert!(scope.contains("openid"), "scope {scope:?}");
    let me = op.assert_token_accepted(json["access_token"].as_str().unwrap());
    assert_eq!(me["client_id"], "web-post");

    // The confirmation still goes to stderr; no secret anywhere.
    assert!(
        done.stderr.contains("Logged in to default as test-user"),
        "{}",
        done.stderr
    );
    for text in [&done.stdout, &done.stderr] {
        assert!(!text.contains(WEB_POST_SECRET), "the secret leaked: {text}");
        assert!(
            !text.contains("refresh_token"),
            "refresh token printed: {text}"
        );
    }
}

#[test]
fn denied_consent_exits_3_with_a_clear_message_and_stores_nothing() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "default");
    let mut cmd = env.cmd();
    cmd.args(["login", "--no-browser", "--timeout", "60"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();

    let callback = oidc::deny_in_test_browser(auth.url());
    let cb = url::Url::parse(&callback).unwrap();
    assert_eq!(
        query_param(&cb, "error").as_deref(),
        Some("access_denied"),
        "{callback}"
    );
    assert_eq!(query_param(&cb, "state"), Some(auth.state.clone()));
    let (status, page) = oidc::deliver_callback(&callback);
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains("Login failed") && page.contains("access_denied"),
        "{page}"
    );

    let done = login.finish(EXIT_WAIT);
    let line = done.assert_clean_failure(3);
    assert!(
        line.contains("refused the login") && line.contains("access_denied"),
        "{line}"
    );
    assert!(
        line.contains("End-User aborted interaction"),
        "the provider's description is shown: {line}"
    );
    assert_eq!(token_requests(&op), 0, "{}", op.stats());
    assert_nothing_stored(&env);
    assert_code(&env.run(&["token"]), 4);
}

#[test]
fn callback_with_a_forged_state_is_answered_400_and_the_real_one_still_completes() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "default");
    let mut cmd = env.cmd();
    cmd.args(["login", "--no-browser", "--timeout", "60"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();

    // A real code from the real provider, with the state changed on the way.
    let callback = oidc::authorize_in_test_browser(auth.url());
    let cb = url::Url::parse(&callback).unwrap();
    assert!(query_param(&cb, "code").is_some(), "{callback}");
    let mut forged_state = auth.state.clone();
    let last = forged_state.pop().unwrap();
    forged_state.push(if last == 'A' { 'B' } else { 'A' });
    let forged = with_param(&callback, "state", &forged_state);
    let (status, page) = oidc::deliver_callback(&forged);
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("state"), "{page}");
    assert_eq!(
        token_requests(&op),
        0,
        "no token request may follow a state mismatch: {}",
        op.stats()
    );

    // Any local process can reach the port: a forged callback must not end
    // the login, so the real one still completes it.
    let (status, page) = oidc::deliver_callback(&callback);
    assert_eq!(status, 200, "{page}");
    let done = login.finish(EXIT_WAIT);
    done.assert_code(0);
    assert_no_panic(&done.stderr);
    assert_eq!(token_requests(&op), 1, "{}", op.stats());
    let token = printed_token(&env.run(&["token"]));
    op.assert_token_accepted(&token);
}

#[test]
fn callback_from_another_issuer_is_refused_before_any_token_request() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "default");
    let mut cmd = env.cmd();
    cmd.args(["login", "--no-browser", "--timeout", "60"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();

    // RFC 9207: oidc-provider names itself in `iss`; a mix-up attacker's
    // redirect carries another issuer, with the right state.
    let callback = oidc::authorize_in_test_browser(auth.url());
    let cb = url::Url::parse(&callback).unwrap();
    assert_eq!(
        query_param(&cb, "iss").as_deref(),
        Some(op.issuer()),
        "{callback}"
    );
    let mixed_up = with_param(&callback, "iss", "http://127.0.0.1:1/other-issuer");
    let (status, page) = oidc::deliver_callback(&mixed_up);
    assert_eq!(status, 400, "{page}");

    let done = login.finish(EXIT_WAIT);
    let line = done.assert_clean_failure(1);
    assert!(
        line.contains("issuer") && line.contains("other-issuer"),
        "{line}"
    );
    assert_eq!(token_requests(&op), 0, "{}", op.stats());
    assert_nothing_stored(&env);
}

/// BINARY BUG (reported): RFC 9207 §2.4 says a client MUST reject an
/// authorization response without `iss` when the server's metadata says
/// `authorization_response_iss_parameter_supported: true` (oidc-provider's
/// does). oauthctl parses that field but only compares `iss` when present, so
/// a mix-up attacker can simply drop it.
#[test]
fn callback_without_iss_is_refused_when_the_issuer_promises_one() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "default");
    let discovery = oidc::http_client()
        .get(format!("{}/.well-known/openid-configuration", op.issuer()))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let discovery: serde_json::Value = serde_json::from_str(&discovery).unwrap();
    assert_eq!(
        discovery["authorization_response_iss_parameter_supported"],
        true
    );
    let mut cmd = env.cmd();
    cmd.args(["login", "--no-browser", "--timeout", "60"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();

    let callback = oidc::authorize_in_test_browser(auth.url());
    let mut stripped = url::Url::parse(&callback).unwrap();
    let pairs: Vec<(String, String)> = stripped
        .query_pairs()
        .filter(|(k, _)| k != "iss")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert!(pairs.len() < stripped.query_pairs().count(), "{callback}");
    stripped.query_pairs_mut().clear().extend_pairs(pairs);
    let (status, page) = oidc::deliver_callback(stripped.as_str());
    let done = login.finish(EXIT_WAIT);
    assert_eq!(status, 400, "{page}");
    let line = done.assert_clean_failure(1);
    assert!(line.contains("iss"), "{line}");
    assert_eq!(token_requests(&op), 0, "{}", op.stats());
    assert_nothing_stored(&env);
}

/// Starts `login --device` and reads the verification URI, the user code and
/// the complete URI from stderr: (login, user code, complete URI).
fn start_device_login(env: &TestEnv, op: &OidcProvider) -> (Login, String, String) {
    let mut cmd = env.cmd();
    cmd.args(["login", "--device", "--timeout", "120"]);
    let mut login = Login::spawn(cmd);
    let verification = format!("{}/device", op.issuer());
    login.wait_line("verification URI", PROMPT_WAIT, |l| {
        l.contains(&verification) && l.contains("enter the code")
    });
    // The user code is on its own (indented) line after that.
    let user_code = login
        .wait_line("user code", PROMPT_WAIT, |l| !l.trim().is_empty())
        .trim()
        .to_owned();
    assert!(
        !user_code.is_empty() && !user_code.contains(' '),
        "user code {user_code:?}"
    );
    let complete_line = login.wait_line("verification_uri_complete", PROMPT_WAIT, |l| {
        l.contains("user_code=")
    });
    let complete = complete_line
        .split_whitespace()
        .find(|w| w.starts_with("http"))
        .unwrap_or_else(|| panic!("no URL in {complete_line:?}"))
        .to_owned();
    let complete_url = url::Url::parse(&complete).unwrap();
    assert_eq!(
        query_param(&complete_url, "user_code").as_deref(),
        Some(user_code.as_str()),
        "the complete URI carries the printed code"
    );
    (login, user_code, complete)
}

#[test]
fn device_flow_denied_on_the_consent_page_exits_3() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "default");
    let (login, _, complete) = start_device_login(&env, &op);
    let page = oidc::deny_device_in_test_browser(&complete);
    assert!(page.contains("interrupted"), "{page}");
    let done = login.finish(DEVICE_EXIT_WAIT);
    let line = done.assert_clean_failure(3);
    assert!(line.contains("access_denied"), "{line}");
    assert_nothing_stored(&env);
}

#[test]
fn device_flow_end_to_end() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "default");
    let (login, _, complete) = start_device_login(&env, &op);
    let page = oidc::approve_device_in_test_browser(&complete);
    assert!(page.contains("Sign-in Success"), "{page}");
    let done = login.finish(DEVICE_EXIT_WAIT);
    done.assert_code(0);
    assert_no_panic(&done.stderr);
    assert_eq!(done.stdout, "");
    assert!(
        done.stderr.contains("Logged in to default as test-user"),
        "{}",
        done.stderr
    );
    let stats = op.stats();
    assert_eq!(stats["device_authorization_requests"], 1, "{stats}");
    assert!(
        op.grant_count("urn:ietf:params:oauth:grant-type:device_code") >= 1,
        "{stats}"
    );

    let token = printed_token(&env.run(&["token"]));
    let me = op.assert_token_accepted(&token);
    assert_eq!(me["sub"], "test-user");
    assert_eq!(me["client_id"], "cli-public");
}

// ---------------------------------------------------------------------------
// Real headless Chromium through ChromeDriver.

/// Fills the login form when Chromium shows it, then waits for the consent
/// form; returns once the consent page is displayed.
fn sign_in_in_chromium(browser: &Browser, username: &str) {
    let shown = browser.wait_until(PAGE_WAIT, |s| {
        if s.find("input[name=login]").is_ok() {
            Some("login")
        } else if s.find("input[name=prompt][value=consent]").is_ok() {
            Some("consent")
        } else {
            None
        }
    });
    match shown {
        Some("login") => {
            let login = browser.find("input[name=login]").unwrap();
            browser.send_keys(&login, username).unwrap();
            let password = browser.find("input[name=password]").unwrap();
            browser.send_keys(&password, "chromium-password").unwrap();
            let submit = browser.find("button[type=submit]").unwrap();
            browser.click(&submit).unwrap();
            browser
                .wait_for("input[name=prompt][value=consent]", PAGE_WAIT)
                .unwrap_or_else(|e| {
                    panic!(
                        "no consent page after signing in: {e}\n{}",
                        browser.body_text().unwrap_or_default()
                    )
                });
        }
        Some(_) => {}
        None => panic!(
            "neither a login nor a consent page at {}:\n{}",
            browser.current_url().unwrap_or_default(),
            browser.body_text().unwrap_or_default()
        ),
    }
}

/// Waits until Chromium shows a page of oauthctl's listener (by its title),
/// and returns its rendered text.
fn wait_for_listener_page(browser: &Browser, port: u16) -> String {
    let prefix = format!("http://127.0.0.1:{port}/");
    browser
        .wait_until(PAGE_WAIT, |s| {
            let url = s.current_url().ok()?;
            let title = s.title().ok()?;
            (url.starts_with(&prefix) && title.starts_with("oauthctl:"))
                .then(|| s.body_text().ok())
                .flatten()
        })
        .unwrap_or_else(|| {
            let shot = browser.save_screenshot(&output_dir().join("chromium-stuck.png"));
            panic!(
                "Chromium never reached oauthctl's page on port {port}; at {} ({shot:?}):\n{}",
                browser.current_url().unwrap_or_default(),
                browser.body_text().unwrap_or_default()
            )
        })
}

#[test]
fn chromium_logs_in_on_the_real_pages_and_renders_oauthctl_pages() {
    let Some(browser) = Browser::launch() else {
        return;
    };
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "work");
    let shots = output_dir();
    for name in [
        "chromium-success.png",
        "chromium-denied.png",
        "chromium-wrong-state.png",
    ] {
        let _ = std::fs::remove_file(shots.join(name));
    }

    // 1. A login completed in Chromium.
    let mut cmd = env.cmd();
    cmd.args(["login", "-p", "work", "--no-browser", "--timeout", "120"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    browser.navigate(auth.url()).unwrap();
    sign_in_in_chromium(&browser, "chromium-user");
    let consent = browser.body_text().unwrap();
    assert!(consent.contains("Authorize"), "the consent page: {consent}");
    let allow = browser.find("button[type=submit]").unwrap();
    browser.click(&allow).unwrap();
    let text = wait_for_listener_page(&browser, auth.port);
    let path = browser
        .save_screenshot(&shots.join("chromium-success.png"))
        .unwrap();
    assert!(
        text.contains("Logged in") && text.contains("close this tab"),
        "the success page as rendered: {text}"
    );
    let png = std::fs::read(&path).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 1000);

    let done = login.finish(EXIT_WAIT);
    done.assert_code(0);
    assert!(
        done.stderr.contains("Logged in to work as chromium-user"),
        "the name typed in Chromium is the subject:\n{}",
        done.stderr
    );
    let token = printed_token(&env.run(&["token", "-p", "work"]));
    let me = op.assert_token_accepted(&token);
    assert_eq!(me["sub"], "chromium-user");
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());

    // 2. A second login where the user cancels on the consent page.
    let mut cmd = env.cmd();
    cmd.args(["login", "-p", "work", "--no-browser", "--timeout", "120"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    browser.navigate(auth.url()).unwrap();
    sign_in_in_chromium(&browser, "chromium-user");
    let cancel = browser.find("a[href$='/abort']").unwrap();
    browser.click(&cancel).unwrap();
    let text = wait_for_listener_page(&browser, auth.port);
    browser
        .save_screenshot(&shots.join("chromium-denied.png"))
        .unwrap();
    assert!(
        text.contains("Login failed")
            && text.contains("access_denied")
            && text.contains("check the terminal"),
        "the error page as rendered: {text}"
    );
    let done = login.finish(EXIT_WAIT);
    let line = done.assert_clean_failure(3);
    assert!(line.contains("access_denied"), "{line}");
    assert_eq!(op.grant_count("authorization_code"), 1, "{}", op.stats());
    let still = printed_token(&env.run(&["token", "-p", "work"]));
    assert_eq!(still, token, "a denied login leaves the stored login alone");

    // 3. A forged callback (wrong state) opened in Chromium.
    let mut cmd = env.cmd();
    cmd.args(["login", "-p", "work", "--no-browser", "--timeout", "120"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    let forged = format!("{}?code=forged-code&state=forged-state", auth.redirect_uri);
    browser.navigate(&forged).unwrap();
    let text = wait_for_listener_page(&browser, auth.port);
    browser
        .save_screenshot(&shots.join("chromium-wrong-state.png"))
        .unwrap();
    assert!(
        text.contains("Not this login") && text.contains("state"),
        "the error page as rendered: {text}"
    );
    // The forged callback did not end the login: one with its state does.
    let denial = format!(
        "/callback?state={}&error=access_denied&iss={}",
        auth.state,
        url::form_urlencoded::byte_serialize(op.issuer().as_bytes()).collect::<String>()
    );
    let (status, _) = raw_get(auth.port, denial.as_bytes()).expect("the login still listens");
    assert_eq!(status, 400);
    let done = login.finish(EXIT_WAIT);
    let line = done.assert_clean_failure(3);
    assert!(line.contains("access_denied"), "{line}");
    assert_eq!(
        op.grant_count("authorization_code"),
        1,
        "no exchange for a forged callback: {}",
        op.stats()
    );

    browser.session.delete().unwrap();
    for name in [
        "chromium-success.png",
        "chromium-denied.png",
        "chromium-wrong-state.png",
    ] {
        let path = shots.join(name);
        assert!(path.is_file(), "{} was not saved", path.display());
        eprintln!("screenshot: {}", path.display());
    }
}

// ---------------------------------------------------------------------------
// Bad callbacks, sent straight to oauthctl's listener.

/// One bad callback: the request target (bytes) from the state, the exit
/// code, and what the error line must say. A callback without this login's
/// state does not end it (`ends: false`): it is answered 400 and the login
/// waits on, here until a denial with the right state ends it.
struct BadCallback {
    name: &'static str,
    target: fn(&str) -> Vec<u8>,
    ends: bool,
    code: i32,
    says: &'static [&'static str],
}

#[test]
fn bad_callbacks_fail_cleanly_and_never_reach_the_token_endpoint() {
    let cases = [
        BadCallback {
            name: "no state",
            target: |_| b"/callback?code=abc".to_vec(),
            ends: false,
            code: 3,
            says: &["access_denied"],
        },
        BadCallback {
            name: "wrong state",
            target: |_| b"/callback?code=abc&state=not-the-state".to_vec(),
            ends: false,
            code: 3,
            says: &["access_denied"],
        },
        BadCallback {
            name: "no code",
            target: |state| format!("/callback?state={state}").into_bytes(),
            ends: true,
            code: 1,
            says: &["no code"],
        },
        BadCallback {
            name: "empty code",
            target: |state| format!("/callback?state={state}&code=").into_bytes(),
            ends: true,
            code: 1,
            says: &["no code"],
        },
        BadCallback {
            name: "access_denied",
            target: |state| {
                format!(
                    "/callback?error=access_denied&error_description=The+user+said+%3Cno%3E%0D%0Aon+two+lines&state={state}"
                )
                .into_bytes()
            },
            ends: true,
            code: 3,
            says: &["access_denied", "The user said <no> on two lines"],
        },
        BadCallback {
            name: "64 KiB query, wrong state",
            target: |_| {
                let mut t = b"/callback?code=abc&state=wrong&pad=".to_vec();
                t.extend(std::iter::repeat_n(b'A', 64 * 1024));
                t
            },
            ends: false,
            code: 3,
            says: &["access_denied"],
        },
        BadCallback {
            name: "64 KiB error_description, right state",
            target: |state| {
                let mut t =
                    format!("/callback?state={state}&error=access_denied&error_description=")
                        .into_bytes();
                t.extend(std::iter::repeat_n(b'x', 64 * 1024));
                t
            },
            ends: true,
            code: 3,
            says: &["access_denied"],
        },
        BadCallback {
            name: "percent-encoded non-UTF-8",
            target: |_| b"/callback?code=%FF%FE%80&state=%C3%28%FF".to_vec(),
            ends: false,
            code: 3,
            says: &["access_denied"],
        },
        BadCallback {
            name: "state twice, the first one wrong",
            target: |state| format!("/callback?code=abc&state=evil&state={state}").into_bytes(),
            ends: false,
            code: 3,
            says: &["access_denied"],
        },
    ];
    run_bad_callbacks(&cases);
}

/// Runs each case against its own `oauthctl login` (one provider for all),
/// and fails naming every case that failed.
fn run_bad_callbacks(cases: &[BadCallback]) {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let failed: Vec<&str> = cases
        .iter()
        .filter(|case| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check_bad_callback(&op, case)
            }))
            .is_err()
        })
        .map(|case| case.name)
        .collect();
    assert!(
        failed.is_empty(),
        "bad callbacks not handled cleanly: {failed:?}"
    );
}

fn check_bad_callback(op: &OidcProvider, case: &BadCallback) {
    let before = token_requests(op);
    let env = TestEnv::new();
    let mut login = spawn_explicit_login(&env, op, &["--timeout", "60"]);
    let auth = login.auth_url();
    let target = (case.target)(&auth.state);
    let (status, page) = raw_get(auth.port, &target)
        .unwrap_or_else(|e| panic!("{}: sending the callback: {e}", case.name));
    assert_eq!(status, 400, "{}: the listener's answer:\n{page}", case.name);
    let expected_page = if case.ends {
        "Login failed"
    } else {
        "Not this login"
    };
    assert!(
        page.contains(expected_page),
        "{}: the error page:\n{page}",
        case.name
    );
    if !case.ends {
        let denial = format!("/callback?state={}&error=access_denied", auth.state);
        let (status, page) = raw_get(auth.port, denial.as_bytes())
            .unwrap_or_else(|e| panic!("{}: the login stopped listening: {e}", case.name));
        assert_eq!(status, 400, "{}: the denial's answer:\n{page}", case.name);
    }
    assert!(
        !page.contains("<no>"),
        "{}: the page must escape what the callback carries:\n{page}",
        case.name
    );
    let done = login.finish(EXIT_WAIT);
    let line = done.assert_clean_failure(case.code);
    for words in case.says {
        assert!(
            line.contains(words),
            "{}: {line:?} lacks {words:?}",
            case.name
        );
    }
    assert_nothing_stored(&env);
    assert_eq!(
        token_requests(op),
        before,
        "{}: a bad callback reached the token endpoint: {}",
        case.name,
        op.stats()
    );
}

/// BINARY BUG (reported): the callback's `error` is put into the terminal
/// message as it came, and `error_description` keeps control characters: a
/// forged redirect can print fake `oauthctl:` lines and terminal escape
/// sequences, and a 64 KiB `error` makes a 64 KiB message.
#[test]
fn callback_error_fields_cannot_inject_lines_or_escapes_into_the_terminal() {
    let cases = [
        BadCallback {
            name: "control characters in error and error_description",
            target: |state| {
                format!(
                    "/callback?state={state}&error=access_denied%0D%0Aoauthctl:+fake+line%1B%5B31m&error_description=red%1B%5B0m%07bell"
                )
                .into_bytes()
            },
            ends: true,
            code: 3,
            says: &["access_denied"],
        },
        BadCallback {
            name: "64 KiB error code, right state",
            target: |state| {
                let mut t = format!("/callback?state={state}&error=").into_bytes();
                t.extend(std::iter::repeat_n(b'e', 64 * 1024));
                t
            },
            ends: true,
            code: 3,
            says: &["refused the login"],
        },
    ];
    run_bad_callbacks(&cases);
}

#[test]
fn stray_requests_are_ignored_then_a_good_callback_completes_once() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_public_profile(&env, &op, "default");
    let mut cmd = env.cmd();
    cmd.args(["login", "--no-browser", "--timeout", "60"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    let port = auth.port;

    // An idle connection that never sends a request must not block the listener.
    let idle = TcpStream::connect(("127.0.0.1", port)).expect("idle connection");
    for target in [
        "/favicon.ico",
        "/",
        "/robots.txt",
        "/callbackx?code=abc",
        "/callback/extra?code=abc",
        "/CALLBACK?code=abc",
        "/../callback/..",
    ] {
        let (status, page) = raw_get(port, target.as_bytes())
            .unwrap_or_else(|e| panic!("{target}: the listener stopped: {e}"));
        assert_eq!(status, 404, "{target}: {page}");
    }
    // The callback path itself, without this login's state, by GET or HEAD:
    // refused, and the login goes on.
    for (method, target) in [
        ("HEAD", "/callback"),
        ("HEAD", "/callback?code=abc&state=forged"),
        ("GET", "/callback?code=abc"),
        ("GET", "/callback?error=access_denied&state=forged"),
    ] {
        let (status, _) = raw_request(port, method, target.as_bytes())
            .unwrap_or_else(|e| panic!("{method} {target}: the listener stopped: {e}"));
        assert_eq!(status, 400, "{method} {target}");
    }
    // Raw non-UTF-8 bytes in the request line, and a request line that is not
    // HTTP at all: refused or dropped, never a callback.
    for target in [
        b"/callback?code=\xff\xfe&state=\x80".as_slice(),
        b"/callback?state=\xc3\x28",
    ] {
        match raw_get(port, target) {
            Ok((status, page)) => {
                eprintln!("non-UTF-8 request: HTTP status {status} (0: closed unanswered)");
                assert!(matches!(status, 0 | 400 | 404), "{status}: {page}");
            }
            Err(e) => eprintln!("non-UTF-8 request: {e}"),
        }
    }
    {
        let mut garbage = TcpStream::connect(("127.0.0.1", port)).unwrap();
        garbage
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let _ = garbage.write_all(b"HELLO THERE\r\n\r\n");
        let mut answer = Vec::new();
        let _ = garbage.read_to_end(&mut answer);
        assert!(
            !String::from_utf8_lossy(&answer).contains(" 200 "),
            "{}",
            String::from_utf8_lossy(&answer)
        );
    }
    assert_eq!(token_requests(&op), 0, "{}", op.stats());

    // The listener still waits: a real login completes.
    let callback = oidc::authorize_in_test_browser(auth.url());
    let (status, page) = oidc::deliver_callback(&callback);
    assert_eq!(status, 200, "{page}");
    // The same callback again, at once and after oauthctl exits: refused or
    // left unanswered, never a second exchange.
    match raw_get(port, callback_target(&callback).as_bytes()) {
        Ok((status, page)) => assert_ne!(status, 200, "a second callback was accepted: {page}"),
        Err(e) => eprintln!("repeated callback: {e}"),
    }
    let done = login.finish(EXIT_WAIT);
    done.assert_code(0);
    assert_no_panic(&done.stderr);
    drop(idle);
    match raw_get(port, callback_target(&callback).as_bytes()) {
        Ok((status, page)) => assert_ne!(status, 200, "a callback after exit: {page}"),
        Err(e) => eprintln!("callback after exit: {e}"),
    }
    assert_eq!(
        op.grant_count("authorization_code"),
        1,
        "one exchange: {}",
        op.stats()
    );
    assert_eq!(token_requests(&op), 1, "{}", op.stats());
    let token = printed_token(&env.run(&["token"]));
    op.assert_token_accepted(&token);
}

/// The path and query of a URL, as a request target.
fn callback_target(url: &str) -> String {
    let url = url::Url::parse(url).unwrap();
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    }
}

#[test]
fn no_callback_within_the_timeout_fails_with_a_timeout_message() {
    let env = TestEnv::new();
    // No provider is needed: nothing is requested before the callback.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let mut cmd = env.cmd();
    cmd.args([
        "login",
        "--no-browser",
        "--timeout",
        "1",
        "--auth-url",
        &format!("{base}/auth"),
        "--token-url",
        &format!("{base}/token"),
        "--client-id",
        "cli-public",
    ]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    assert_eq!(auth.param("code_challenge_method").as_deref(), Some("S256"));
    assert_eq!(auth.param("nonce"), None, "no nonce without openid");
    let done = login.finish(EXIT_WAIT);
    let line = done.assert_clean_failure(1);
    assert!(
        line.contains("no callback within 1 s") && line.contains("--timeout"),
        "{line}"
    );
    assert_nothing_stored(&env);
}

#[test]
fn a_taken_port_fails_naming_the_port() {
    let env = TestEnv::new();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = env.run(&[
        "login",
        "--no-browser",
        "--timeout",
        "5",
        "--port",
        &port.to_string(),
        "--auth-url",
        "http://127.0.0.1:9/auth",
        "--token-url",
        "http://127.0.0.1:9/token",
        "--client-id",
        "cli-public",
    ]);
    drop(taken);
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(out.status.code().is_some(), "killed by a signal: {err}");
    assert_no_panic(&err);
    assert_eq!(stdout(&out), "");
    assert!(
        err.contains(&format!("port {port}")),
        "the message names the port:\n{err}"
    );
    assert_eq!(err.lines().count(), 1, "one clean line:\n{err}");
}

// ---------------------------------------------------------------------------
// The id_token, checked per OpenID Connect Core §3.1.3.7 before anything is
// stored. A fake provider, so that each claim can be made wrong on purpose.

/// What the fake's token endpoint puts in the id_token, from its issuer and
/// the nonce the login sent.
type Claims = fn(&str, &str) -> serde_json::Value;

fn unsigned_jwt(claims: &serde_json::Value) -> String {
    use base64::Engine;
    let encode = |v: &serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string().as_bytes())
    };
    format!(
        "{}.{}.c2lnbmF0dXJl",
        encode(&serde_json::json!({"alg": "RS256", "kid": "k1"})),
        encode(claims)
    )
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Logs in through a fake OpenID provider whose id_token carries `claims`;
/// returns the finished login and the test env.
fn login_with_id_token(claims: Claims) -> (Finished, TestEnv) {
    use crate::support::fake::{FakeProvider, Reply, State};
    use std::sync::{Arc, Mutex};
    let issuer = Arc::new(Mutex::new(String::new()));
    let nonce = Arc::new(Mutex::new(String::new()));
    let provider = {
        let (issuer, nonce) = (Arc::clone(&issuer), Arc::clone(&nonce));
        FakeProvider::start(State::default(), move |req, _st| {
            let issuer = issuer.lock().unwrap().clone();
            match req.path.as_str() {
                "/.well-known/openid-configuration" => Reply::json(
                    200,
                    &serde_json::json!({
                        "issuer": issuer,
                        "authorization_endpoint": format!("{issuer}/auth"),
                        "token_endpoint": format!("{issuer}/token"),
                    }),
                ),
                "/token" => Reply::json(
                    200,
                    &serde_json::json!({
                        "access_token": "id-token-test-access",
                        "token_type": "Bearer",
                        "expires_in": 3600,
                        "id_token": unsigned_jwt(&claims(&issuer, &nonce.lock().unwrap())),
                    }),
                ),
                _ => Reply::not_found(),
            }
        })
    };
    *issuer.lock().unwrap() = provider.base();
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.default]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\"]\n",
        provider.base()
    ));
    let mut cmd = env.cmd();
    cmd.args(["login", "--no-browser", "--timeout", "60"]);
    let mut login = Login::spawn(cmd);
    let auth = login.auth_url();
    *nonce.lock().unwrap() = auth.param("nonce").expect("a nonce with openid");
    let callback = format!("/callback?code=fake-code&state={}", auth.state);
    let (status, page) = raw_get(auth.port, callback.as_bytes()).expect("the listener answers");
    assert_eq!(status, 200, "{page}");
    (login.finish(EXIT_WAIT), env)
}

fn good_claims(issuer: &str, nonce: &str) -> serde_json::Value {
    serde_json::json!({
        "iss": issuer,
        "sub": "id-token-user",
        "aud": "cli-public",
        "exp": now_secs() + 600,
        "iat": now_secs(),
        "nonce": nonce,
    })
}

#[test]
fn a_good_id_token_is_accepted() {
    let (done, env) = login_with_id_token(good_claims);
    done.assert_code(0);
    assert!(done.stderr.contains("as id-token-user"), "{}", done.stderr);
    assert_eq!(stored_token_files(&env).len(), 1);
}

#[test]
fn an_id_token_that_fails_any_check_fails_the_login_and_stores_nothing() {
    let cases: [(&str, Claims, &str); 6] = [
        (
            "another issuer",
            |issuer, nonce| {
                let mut c = good_claims(issuer, nonce);
                c["iss"] = "http://127.0.0.1:1/evil".into();
                c
            },
            "issued by",
        ),
        (
            "another client",
            |issuer, nonce| {
                let mut c = good_claims(issuer, nonce);
                c["aud"] = "someone-else".into();
                c
            },
            "meant for",
        ),
        (
            "several audiences without azp",
            |issuer, nonce| {
                let mut c = good_claims(issuer, nonce);
                c["aud"] = serde_json::json!(["cli-public", "api"]);
                c
            },
            "azp",
        ),
        (
            "expired",
            |issuer, nonce| {
                let mut c = good_claims(issuer, nonce);
                c["exp"] = (now_secs() - 3600).into();
                c
            },
            "expired",
        ),
        (
            "another login's nonce",
            |issuer, _nonce| good_claims(issuer, "replayed-nonce"),
            "nonce",
        ),
        (
            "no nonce",
            |issuer, nonce| {
                let mut c = good_claims(issuer, nonce);
                c.as_object_mut().unwrap().remove("nonce");
                c
            },
            "nonce",
        ),
    ];
    for (name, claims, says) in cases {
        let (done, env) = login_with_id_token(claims);
        let line = done.assert_clean_failure(3);
        assert!(
            line.contains("id_token") && line.contains(says),
            "{name}: {line}"
        );
        assert_nothing_stored(&env);
    }
}

/// The profile key `login_hint` (written by `profile add --login-hint`) goes
/// on the authorization request, and `login --login-hint` wins over it.
#[test]
fn login_hint_from_the_profile_or_the_flag_reaches_the_authorization_request() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    assert_ok(&env.run(&[
        "profile",
        "add",
        "work",
        "--issuer",
        op.issuer(),
        "--client-id",
        "cli-public",
        "--scope",
        "openid",
        "--login-hint",
        "me@work.example",
    ]));
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        config.contains(r#"login_hint = "me@work.example""#),
        "profile add wrote no login_hint:\n{config}"
    );
    for (extra, expected) in [
        (&[][..], "me@work.example"),
        (
            &["--login-hint", "other@work.example"][..],
            "other@work.example",
        ),
    ] {
        let mut cmd = env.cmd();
        cmd.args(["login", "-p", "work", "--no-browser", "--timeout", "60"])
            .args(extra);
        let mut login = Login::spawn(cmd);
        let auth = login.auth_url();
        assert_eq!(auth.param("login_hint").as_deref(), Some(expected));
    }
}
