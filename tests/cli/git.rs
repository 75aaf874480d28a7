//! `oauthctl git-credential` and `setup-git` with the real git: `git
//! credential fill`, and `git clone` over smart HTTP from a local server
//! that checks the Basic password at the real provider's API, then runs
//! `git http-backend`. HOME is the test's own, so the global git config is
//! private; every git and backend run is bounded.

use crate::support::fake::{FakeProvider, Reply, State};
use crate::support::oidc::{OidcProvider, http_client};
use crate::support::{Run, TestEnv, assert_code, assert_ok, bounded, skip, stderr, stdout};
use base64::Engine as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// git with the test's environment (the one oauthctl gets from `env.cmd()`,
/// so the helper git starts finds the test's config and tokens), no system
/// config, and no prompt: a credential no helper gives is a failure.
fn git(env: &TestEnv) -> Run {
    let mut run = env.command("git");
    run.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .current_dir(env.path())
        .limit(Duration::from_secs(60));
    run
}

/// Whether git (and its http-backend) can run here; else a `SKIPPED` line.
fn git_available() -> bool {
    match http_backend() {
        Some(_) => true,
        None => {
            skip("git (with git-http-backend) is not installed", &[]);
            false
        }
    }
}

fn http_backend() -> Option<PathBuf> {
    let out = bounded(Command::new("git"))
        .arg("--exec-path")
        .output()
        .ok()?;
    let dir = String::from_utf8(out.stdout).ok()?;
    let backend = Path::new(dir.trim()).join("git-http-backend");
    backend.is_file().then_some(backend)
}

/// A `work` profile for the public client, logged in through the real
/// provider, answering git for `hosts`.
fn logged_in(op: &OidcProvider, hosts: &[&str]) -> TestEnv {
    let env = TestEnv::new();
    let hosts: Vec<String> = hosts.iter().map(|h| format!("\"{h}\"")).collect();
    env.write_config(&format!(
        "[profiles.work]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\ngit_hosts = [{}]\n",
        op.issuer(),
        hosts.join(", ")
    ));
    env.log_in(op, "work");
    env
}

fn helper(env: &TestEnv, args: &[&str], input: &str) -> Output {
    env.cmd()
        .arg("git-credential")
        .args(args)
        .stdin_text(input)
        .output()
        .unwrap()
}

/// The `key=value` lines of a helper's (or `git credential fill`'s) answer.
fn answer(out: &Output) -> Vec<(String, String)> {
    stdout(out)
        .lines()
        .map(|line| {
            let (k, v) = line.split_once('=').expect("key=value");
            (k.to_owned(), v.to_owned())
        })
        .collect()
}

fn value(out: &Output, key: &str) -> Option<String> {
    answer(out)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

// ---- a smart-HTTP git server that wants a token the provider accepts ----

/// What the server saw: (method, path, status answered).
type Hits = Arc<Mutex<Vec<(String, String, u16)>>>;
/// Tokens the server refuses though the provider still accepts them (as a
/// resource does with a token revoked before its expiry; revoking at this
/// provider would end the whole grant, refresh token included).
type Refused = Arc<Mutex<Vec<String>>>;

struct GitServer {
    server: Arc<tiny_http::Server>,
    port: u16,
    hits: Hits,
    refused: Refused,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl GitServer {
    /// Serves the bare repositories under `root`; a request passes when its
    /// Basic password is an access token `api_url` (the provider's
    /// protected resource) accepts.
    fn start(root: PathBuf, api_url: String) -> GitServer {
        let backend = http_backend().expect("git-http-backend");
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let hits: Hits = Arc::default();
        let refused: Refused = Arc::default();
        let thread = {
            let (server, hits, refused) =
                (Arc::clone(&server), Arc::clone(&hits), Arc::clone(&refused));
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    serve(request, &root, &backend, &api_url, &hits, &refused);
                }
            })
        };
        GitServer {
            server,
            port,
            hits,
            refused,
            thread: Some(thread),
        }
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn url(&self, repo: &str) -> String {
        format!("http://{}/{repo}", self.host())
    }

    fn statuses(&self) -> Vec<u16> {
        self.hits.lock().unwrap().iter().map(|h| h.2).collect()
    }
}

impl Drop for GitServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn header(request: &tiny_http::Request, name: &str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.to_string().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_owned())
}

/// The user and password of a Basic header.
fn basic(request: &tiny_http::Request) -> Option<(String, String)> {
    let value = header(request, "Authorization")?;
    let encoded = value.strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

fn serve(
    mut request: tiny_http::Request,
    root: &Path,
    backend: &Path,
    api_url: &str,
    hits: &Hits,
    refused: &Refused,
) {
    let method = request.method().as_str().to_owned();
    let (path, query) = match request.url().split_once('?') {
        Some((p, q)) => (p.to_owned(), q.to_owned()),
        None => (request.url().to_owned(), String::new()),
    };
    let accepted = basic(&request).filter(|(_, password)| {
        !refused.lock().unwrap().contains(password)
            && http_client()
                .get(api_url)
                .bearer_auth(password)
                .send()
                .is_ok_and(|r| r.status().as_u16() == 200)
    });
    let Some((user, _)) = accepted else {
        hits.lock().unwrap().push((method, path, 401));
        let response = tiny_http::Response::from_string("token required\n")
            .with_status_code(401)
            .with_header(
                tiny_http::Header::from_bytes("WWW-Authenticate", "Basic realm=\"git\"").unwrap(),
            );
        let _ = request.respond(response);
        return;
    };
    let mut body = Vec::new();
    request.as_reader().read_to_end(&mut body).unwrap();
    let mut cgi = bounded(Command::new(backend));
    cgi.env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", root)
        .env("GIT_PROJECT_ROOT", root)
        .env("GIT_HTTP_EXPORT_ALL", "1")
        .env("PATH_INFO", &path)
        .env("QUERY_STRING", &query)
        .env("REQUEST_METHOD", &method)
        .env("CONTENT_LENGTH", body.len().to_string())
        .env("REMOTE_USER", &user)
        .env("REMOTE_ADDR", "127.0.0.1")
        .limit(Duration::from_secs(60))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (var, name) in [
        ("CONTENT_TYPE", "Content-Type"),
        ("HTTP_CONTENT_ENCODING", "Content-Encoding"),
        ("GIT_PROTOCOL", "Git-Protocol"),
    ] {
        if let Some(value) = header(&request, name) {
            cgi.env(var, value);
        }
    }
    let mut running = cgi.spawn().expect("start git-http-backend");
    let mut stdin = running.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&body);
    });
    let out = running.wait_with_output().expect("git-http-backend");
    let _ = writer.join();
    let (head, body) = split_cgi(&out.stdout);
    let mut status = 200;
    let mut response = tiny_http::Response::from_data(body.to_vec());
    for line in head.lines() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("Status") {
            status = value[..3].parse().unwrap();
        } else {
            response.add_header(tiny_http::Header::from_bytes(name, value).unwrap());
        }
    }
    hits.lock().unwrap().push((method, path, status));
    let _ = request.respond(response.with_status_code(status));
}

/// A CGI answer: its header lines, and the body after the blank line.
fn split_cgi(out: &[u8]) -> (String, &[u8]) {
    for (i, window) in out.windows(2).enumerate() {
        if window == b"\n\n" {
            return (
                String::from_utf8_lossy(&out[..i]).into_owned(),
                &out[i + 2..],
            );
        }
        if out[i..].starts_with(b"\r\n\r\n") {
            return (
                String::from_utf8_lossy(&out[..i]).into_owned(),
                &out[i + 4..],
            );
        }
    }
    (String::from_utf8_lossy(out).into_owned(), &[])
}

/// `root/repo.git`, a bare repository with one commit holding README.
fn bare_repo(env: &TestEnv, root: &Path) {
    let work = env.path().join("seed");
    let ok = |out: Output| assert_ok(&out);
    ok(git(env)
        .args(["init", "-q", "-b", "main"])
        .arg(&work)
        .output()
        .unwrap());
    std::fs::write(work.join("README"), "hello from the git server\n").unwrap();
    ok(git(env)
        .current_dir(&work)
        .args(["add", "README"])
        .output()
        .unwrap());
    ok(git(env)
        .current_dir(&work)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "commit",
            "-qm",
            "seed",
        ])
        .output()
        .unwrap());
    ok(git(env)
        .args(["clone", "-q", "--bare"])
        .arg(&work)
        .arg(root.join("repo.git"))
        .output()
        .unwrap());
}

fn clone(env: &TestEnv, url: &str, dest: &str) -> Output {
    let _ = std::fs::remove_dir_all(env.path().join(dest));
    git(env).args(["clone", "-q", url, dest]).output().unwrap()
}

// ---- the tests ----

#[test]
fn git_clone_over_smart_http_gets_the_token_from_the_helper() {
    if !git_available() {
        return;
    }
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let root = tempfile::tempdir().unwrap();
    let server = GitServer::start(root.path().to_owned(), op.api_url());
    let env = logged_in(&op, &[]);
    bare_repo(&env, root.path());

    // Without the helper git has no credential, and may not prompt.
    let out = clone(&env, &server.url("repo.git"), "before");
    assert_ne!(out.status.code(), Some(0), "cloned without a token");
    assert!(server.statuses().contains(&401), "{:?}", server.statuses());

    let base = format!("http://{}", server.host());
    let out = env.run(&["setup-git", "--host", &base, "-p", "work"]);
    assert_ok(&out);
    assert!(stderr(&out).contains(&base), "{}", stderr(&out));
    let out = clone(&env, &server.url("repo.git"), "cloned");
    assert_ok(&out);
    let readme = std::fs::read_to_string(env.path().join("cloned/README")).unwrap();
    assert_eq!(readme, "hello from the git server\n");
    assert_eq!(
        op.grant_count("refresh_token"),
        0,
        "the stored token was fresh"
    );

    // The server refuses the token before its expiry: git says `erase`,
    // and that clone fails; the next one gets a renewed token.
    let token = stdout(&env.run(&["token", "-p", "work"])).trim().to_owned();
    server.refused.lock().unwrap().push(token.clone());
    let out = clone(&env, &server.url("repo.git"), "refused");
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("Authentication failed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(op.grant_count("refresh_token"), 0, "erase must not renew");
    let out = clone(&env, &server.url("repo.git"), "again");
    assert_ok(&out);
    assert_eq!(op.grant_count("refresh_token"), 1);
    let renewed = stdout(&env.run(&["token", "-p", "work"])).trim().to_owned();
    assert_ne!(renewed, token);
    op.assert_token_accepted(&renewed);
}

#[test]
fn setup_git_then_credential_fill_answers_with_a_fresh_token() {
    if !git_available() {
        return;
    }
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op, &[]);
    // Run twice: the second run replaces the first, nothing piles up.
    for _ in 0..2 {
        assert_ok(&env.run(&["setup-git", "--host", "git.example.com", "-p", "work"]));
    }
    let gitconfig = std::fs::read_to_string(env.path().join("home/.gitconfig")).unwrap();
    assert!(
        gitconfig.contains("[credential \"https://git.example.com\"]"),
        "{gitconfig}"
    );
    assert_eq!(gitconfig.matches("helper =").count(), 2, "{gitconfig}");
    assert!(
        gitconfig.contains("git-credential -p 'work'"),
        "{gitconfig}"
    );
    let out = git(&env)
        .args([
            "config",
            "--global",
            "--get-all",
            "credential.https://git.example.com.helper",
        ])
        .output()
        .unwrap();
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        format!("\n!'{}' git-credential -p 'work'\n", crate::support::BIN)
    );

    let out = git(&env)
        .args(["credential", "fill"])
        .stdin_text("protocol=https\nhost=git.example.com\npath=org/repo.git\n\n")
        .output()
        .unwrap();
    assert_ok(&out);
    assert_eq!(value(&out, "username").as_deref(), Some("oauth2"));
    let token = value(&out, "password").expect("a password");
    op.assert_token_accepted(&token);

    // git asks only for the host it was set up for.
    let out = git(&env)
        .args(["credential", "fill"])
        .stdin_text("protocol=https\nhost=other.example.com\n\n")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(!stdout(&out).contains(&token));

    // --dry-run prints the commands and changes nothing.
    let out = env.run(&[
        "setup-git",
        "--host",
        "b.example.com",
        "-p",
        "work",
        "--dry-run",
    ]);
    assert_ok(&out);
    assert!(
        stdout(&out).starts_with(
            "git 'config' '--global' '--replace-all' 'credential.https://b.example.com.helper' ''\n"
        ),
        "{}",
        stdout(&out)
    );
    let after = std::fs::read_to_string(env.path().join("home/.gitconfig")).unwrap();
    assert_eq!(after, gitconfig);
    // Nonsense is refused before git runs.
    for args in [
        &["setup-git", "--host", "git.example.com"][..],
        &["setup-git", "--host", "git.example.com", "-p", "nosuch"][..],
        &[
            "setup-git",
            "--host",
            "http://git.example.com",
            "-p",
            "work",
        ][..],
        &["setup-git", "--host", "git.example.com/org", "-p", "work"][..],
    ] {
        assert_code(&env.run(args), 2);
    }
}

#[test]
fn get_answers_with_expiry_and_erase_makes_the_next_get_refresh() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op, &["git.example.com"]);
    let request = "protocol=https\nhost=git.example.com\n\n";
    let out = helper(&env, &["get"], request);
    assert_ok(&out);
    let keys: Vec<String> = answer(&out).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["username", "password", "password_expiry_utc"]);
    let token = value(&out, "password").unwrap();
    let expiry: u64 = value(&out, "password_expiry_utc").unwrap().parse().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(expiry > now && expiry <= now + 400, "{expiry} vs {now}");

    // `store` keeps nothing; `erase` of another token changes nothing.
    assert_ok(&helper(
        &env,
        &["store"],
        &format!("protocol=https\nhost=git.example.com\nusername=oauth2\npassword={token}\n"),
    ));
    let out = helper(
        &env,
        &["erase"],
        "protocol=https\nhost=git.example.com\nusername=oauth2\npassword=someone-elses\n",
    );
    assert_ok(&out);
    assert_eq!(
        value(&helper(&env, &["get"], request), "password"),
        Some(token.clone())
    );
    assert_eq!(op.grant_count("refresh_token"), 0);

    // Erasing our token: the next get refreshes, once, and the refresh
    // token survived (a second round refreshes again).
    let mut previous = token;
    for round in 1..=2 {
        let out = helper(
            &env,
            &["erase"],
            &format!(
                "protocol=https\nhost=git.example.com\nusername=oauth2\npassword={previous}\n"
            ),
        );
        assert_ok(&out);
        assert!(stdout(&out).is_empty());
        assert_eq!(op.grant_count("refresh_token"), round - 1, "erase renewed");
        let out = helper(&env, &["get"], request);
        assert_ok(&out);
        let renewed = value(&out, "password").unwrap();
        assert_ne!(renewed, previous);
        assert_eq!(op.grant_count("refresh_token"), round);
        op.assert_token_accepted(&renewed);
        previous = renewed;
    }
    // And the next get uses the renewed token as it is.
    assert_eq!(
        value(&helper(&env, &["get"], request), "password"),
        Some(previous)
    );
    assert_eq!(op.grant_count("refresh_token"), 2);
}

const CLIENT_ID: &str = "git-ci";

/// A client-credentials provider answering `access_token` (no Node needed),
/// and a profile `ci` for it that answers git for git.example.com.
fn minting(access_token: &str) -> (FakeProvider, TestEnv) {
    let body = serde_json::json!({"access_token": access_token, "token_type": "Bearer", "expires_in": 3600});
    let provider = FakeProvider::start(State::default(), move |req, _| {
        if req.method == "POST" && req.path == "/token" {
            Reply::json(200, &body)
        } else {
            Reply::not_found()
        }
    });
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.ci]\ntoken_url = \"{}\"\nclient_id = \"{CLIENT_ID}\"\nclient_secret_env = \"GIT_CI_SECRET\"\ngrant = \"client_credentials\"\ngit_hosts = [\"git.example.com\", \"git.example.com:8443\"]\ngit_username = \"x-access-token\"\n",
        provider.url("/token")
    ));
    (provider, env)
}

fn ci_helper(env: &TestEnv, args: &[&str], input: &str) -> Output {
    env.cmd()
        .env("GIT_CI_SECRET", "s3cret")
        .arg("git-credential")
        .args(args)
        .stdin_text(input)
        .output()
        .unwrap()
}

#[test]
fn hosts_in_no_profile_get_nothing_and_exit_0() {
    let (provider, env) = minting("ci-token");
    let out = ci_helper(&env, &["get"], "protocol=https\nhost=GIT.example.com\n\n");
    assert_ok(&out);
    assert_eq!(value(&out, "username").as_deref(), Some("x-access-token"));
    assert_eq!(value(&out, "password").as_deref(), Some("ci-token"));
    let minted = provider.requests_to("/token").len();
    for input in [
        "protocol=https\nhost=other.example.com\n\n",
        "protocol=https\nhost=git.example.com:9999\n\n",
        // Never a token over plain http to a remote host, or over ssh.
        "protocol=http\nhost=git.example.com\n\n",
        "protocol=ssh\nhost=git.example.com\n\n",
        "host=git.example.com\n\n",
        "",
    ] {
        let out = ci_helper(&env, &["get"], input);
        assert_ok(&out);
        assert!(stdout(&out).is_empty(), "{input:?}: {}", stdout(&out));
        assert!(stderr(&out).is_empty(), "{input:?}: {}", stderr(&out));
    }
    // $OAUTHCTL_PROFILE is no reason to hand a token to any host...
    let out = env
        .cmd()
        .env("GIT_CI_SECRET", "s3cret")
        .env("OAUTHCTL_PROFILE", "ci")
        .args(["git-credential", "get"])
        .stdin_text("protocol=https\nhost=other.example.com\n\n")
        .output()
        .unwrap();
    assert_ok(&out);
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    // ...but -p is: the helper was configured for that host by hand.
    let out = ci_helper(
        &env,
        &["-p", "ci", "get"],
        "protocol=https\nhost=other.example.com\n\n",
    );
    assert_ok(&out);
    assert_eq!(value(&out, "password").as_deref(), Some("ci-token"));
    assert_eq!(
        provider.requests_to("/token").len(),
        minted,
        "the cached token was reused"
    );
    // Operations git may add later are ignored.
    assert_ok(&ci_helper(
        &env,
        &["frobnicate"],
        "protocol=https\nhost=git.example.com\n\n",
    ));
}

#[test]
fn hostile_input_and_hostile_stored_tokens_never_reach_git() {
    let (_provider, env) = minting("good-token");
    let request = "protocol=https\nhost=git.example.com\n\n";
    assert_eq!(
        value(&ci_helper(&env, &["get"], request), "password").as_deref(),
        Some("good-token")
    );
    // Input git never sends is refused, with nothing on stdout.
    let flood = format!(
        "protocol=https\nhost=git.example.com\npath={}\n\n",
        "a".repeat(70_000)
    );
    for input in [
        "protocol=https\nhost=git.example.com\0evil\n\n",
        "protocol=https\nhost git.example.com\n\n",
        flood.as_str(),
    ] {
        let out = ci_helper(&env, &["get"], input);
        assert_code(&out, 1);
        assert!(stdout(&out).is_empty());
        assert!(
            stderr(&out).contains("refusing the input"),
            "{}",
            stderr(&out)
        );
    }
    // A stored token with a newline (an older version, a hand edit) would
    // add lines of its own to the answer: it is refused, never written.
    let tokens = env.data_dir().join("tokens");
    let [file] = std::fs::read_dir(&tokens)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect::<Vec<_>>()
        .try_into()
        .expect("one token file");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("good-token", "good\\nhost=evil.example.com"),
    )
    .unwrap();
    let out = ci_helper(&env, &["get"], request);
    assert_code(&out, 1);
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(stderr(&out).contains("refusing"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("evil"), "{}", stderr(&out));
}

#[test]
fn not_logged_in_is_one_line_on_stderr_and_exit_4() {
    let env = TestEnv::new();
    env.write_config(
        "[profiles.work]\ntoken_url = \"http://127.0.0.1:9/token\"\nclient_id = \"cli\"\ngit_hosts = \"git.example.com\"\n",
    );
    let out = helper(&env, &["get"], "protocol=https\nhost=git.example.com\n\n");
    assert_code(&out, 4);
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("oauthctl login -p work"), "{err}");
    // erase with nothing stored is no error: there is nothing to drop.
    assert_ok(&helper(
        &env,
        &["erase"],
        "protocol=https\nhost=git.example.com\n\n",
    ));
}
