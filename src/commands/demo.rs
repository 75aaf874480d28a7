//! `oauthctl demo`: a guided tour with no account anywhere. It starts the
//! demo authorization server and API (the `demo-provider` crate) on 127.0.0.1, writes a
//! config file with a `demo` profile into a temp dir, and runs the real
//! commands one by one (this very binary, in a child process whose config,
//! store and caches all point into the temp dir), explaining each step.
//!
//! The walkthrough is what was asked for, so it goes to stdout (`oauthctl
//! demo | less` reads it); what a person must act on at once (the login
//! URL, a prompt) and errors go to stderr. When stdout goes away (`| head`),
//! the tour stops, and its server and temp dir go with it.

use super::Ctx;
use crate::cli::DemoArgs;
use anyhow::{Context, Result, bail};
use demo_provider::DemoServer;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const STEPS: usize = 6;
/// Bound for every step but a login a person is answering.
const STEP_TIMEOUT: Duration = Duration::from_secs(60);
/// `login`'s own default wait is 300 s; the step gives it a little more.
const MANUAL_LOGIN_TIMEOUT: Duration = Duration::from_secs(330);
/// How long an auto-approved login may take to print its URL.
const URL_TIMEOUT: Duration = Duration::from_secs(30);
/// After a child exits, how long its output may take to arrive.
const DRAIN: Duration = Duration::from_secs(2);
/// The most of a child's stdout that is kept.
const MAX_STDOUT: u64 = 1 << 20;
/// The demo's own HTTP requests (following the login URL, calling the API).
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

/// How the consent page gets answered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `login` opens the browser; the person presses Approve or Deny.
    Browser,
    /// `login --no-browser` prints the URL; the person opens it.
    NoBrowser,
    /// The server approves by itself, and the demo follows the URL.
    Auto { headless: bool },
}

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// Set when stdout is gone (a closed pipe): the tour ends at the next step.
static OUTPUT_GONE: AtomicBool = AtomicBool::new(false);

/// A line of the walkthrough on stdout. A write that fails (a closed pipe,
/// a full disk) ends the tour: nobody can read the rest.
fn narrate(ctx: &Ctx, text: &str) {
    use std::io::Write;
    if ctx.quiet || OUTPUT_GONE.load(Ordering::SeqCst) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.flush());
    if written.is_err() {
        OUTPUT_GONE.store(true, Ordering::SeqCst);
    }
}

pub fn run(ctx: &Ctx, args: &DemoArgs) -> Result<()> {
    let mode = if args.auto_approve {
        Mode::Auto { headless: false }
    } else if args.no_browser {
        Mode::NoBrowser
    } else if headless() {
        Mode::Auto { headless: true }
    } else {
        Mode::Browser
    };
    // Ctrl-C reaches the step's child process too, which ends the step; the
    // demo itself lives on to stop its server and remove its temp dir.
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));
    let server = DemoServer::start(matches!(mode, Mode::Auto { .. }))?;
    let dir = tempfile::Builder::new()
        .prefix("oauthctl-demo-")
        .tempdir()
        .context("cannot create a temp dir for the demo")?;
    let tour = Tour::new(ctx, &server, dir.path(), mode)?;
    let result = tour.run();
    drop(tour);
    drop(server);
    let dir_name = dir.path().display().to_string();
    if let Err(err) = dir.close() {
        log::warn!("could not remove {dir_name}: {err}");
    }
    if OUTPUT_GONE.load(Ordering::SeqCst) {
        // Nobody reads on: the tour stopped, and cleaned up, on purpose.
        return Ok(());
    }
    result?;
    narrate(
        ctx,
        &format!(
            "\nDone: all {STEPS} steps worked. The demo server has stopped and {dir_name} is gone.\n\n\
         To use oauthctl with a real provider, add a profile and log in:\n\n    \
         oauthctl profile add work --issuer https://id.example.com --client-id YOUR_CLIENT_ID --scope \"openid offline_access\"\n    \
         oauthctl login -p work\n    \
         oauthctl curl -p work -- -sS https://api.example.com/me\n\n\
         On a machine without a browser, `oauthctl login -p work --device` shows a code to enter elsewhere."
        ),
    );
    Ok(())
}

/// Linux without a display: no browser can open, so nobody could press Approve.
fn headless() -> bool {
    let unset = |name: &str| std::env::var_os(name).is_none_or(|v| v.is_empty());
    cfg!(target_os = "linux") && unset("DISPLAY") && unset("WAYLAND_DISPLAY") && unset("BROWSER")
}

/// What a child `oauthctl` did.
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

enum Event {
    Line(String),
    StderrDone,
    Stdout(Vec<u8>),
}

struct Tour<'a> {
    ctx: &'a Ctx,
    issuer: String,
    dir: PathBuf,
    mode: Mode,
    exe: PathBuf,
    env: Vec<(OsString, OsString)>,
    http: reqwest::blocking::Client,
}

impl<'a> Tour<'a> {
    fn new(ctx: &'a Ctx, server: &DemoServer, dir: &Path, mode: Mode) -> Result<Tour<'a>> {
        let issuer = server.issuer().to_owned();
        let config = dir.join("config.toml");
        std::fs::write(&config, profile_toml(&issuer))
            .with_context(|| format!("cannot write {}", config.display()))?;
        let runtime = dir.join("runtime");
        // Private on unix; on Windows the directory inherits the ACL of the
        // temporary directory it is in, which is the user's own.
        #[cfg(unix)]
        let builder = {
            use std::os::unix::fs::DirBuilderExt;
            let mut builder = std::fs::DirBuilder::new();
            builder.mode(0o700);
            builder
        };
        #[cfg(not(unix))]
        let builder = std::fs::DirBuilder::new();
        builder
            .create(&runtime)
            .with_context(|| format!("cannot create {}", runtime.display()))?;
        let exe = std::env::current_exe().context("cannot find the oauthctl binary to run")?;
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(HTTP_TIMEOUT)
            .build()
            .map_err(|err| anyhow::anyhow!("cannot set up the HTTP client: {err}"))?;
        Ok(Tour {
            ctx,
            issuer,
            dir: dir.to_owned(),
            mode,
            exe,
            env: child_env(dir),
            http,
        })
    }

    fn say(&self, text: &str) {
        narrate(self.ctx, text);
    }

    fn run(&self) -> Result<()> {
        self.intro();
        self.step(1, "login", || self.login())?;
        let token = self.step(2, "token", || self.token())?;
        self.step(3, "inspect", || self.inspect())?;
        self.step(4, "curl", || self.call_api())?;
        self.step(5, "logout", || self.logout())?;
        self.step(6, "check", || self.check_gone(&token))
    }

    fn intro(&self) {
        let profile = profile_toml(&self.issuer)
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| format!("    {l}\n"))
            .collect::<String>();
        self.say(&format!(
            "oauthctl demo: a tour of oauthctl with no account anywhere.\n\n\
             A throwaway OAuth provider is running at {issuer}: an authorization server with one\n\
             app (demo-cli) and one user (demo-user), and a small API that wants a token.\n\
             It stops when the tour ends.\n\n\
             The tour keeps its config file and tokens in {dir}, removed at the end;\n\
             your own config and tokens are not touched. The config file holds one profile:\n\n\
             {profile}\n\
             `openid` asks who you are; `offline_access` asks for a refresh token, so that the\n\
             login lasts longer than the one-hour access token.",
            issuer = self.issuer,
            dir = self.dir.display(),
        ));
    }

    fn header(&self, n: usize, title: &str, explanation: &str) {
        self.say(&format!("\n[{n}/{STEPS}] {title}\n{explanation}"));
    }

    /// Runs one step; its error names it.
    fn step<T>(&self, n: usize, name: &str, run: impl FnOnce() -> Result<T>) -> Result<T> {
        let result = if INTERRUPTED.load(Ordering::SeqCst) {
            Err(fail("interrupted (Ctrl-C)"))
        } else if OUTPUT_GONE.load(Ordering::SeqCst) {
            Err(fail(
                "nobody reads the tour any more (its output was closed)",
            ))
        } else {
            run()
        };
        match result {
            Err(_) if INTERRUPTED.load(Ordering::SeqCst) => Err(fail(format!(
                "the tour was interrupted at step {n} of {STEPS} ({name})"
            ))),
            other => other.with_context(|| format!("step {n} of {STEPS} ({name}) failed")),
        }
    }

    // -- the steps ---------------------------------------------------------------

    fn login(&self) -> Result<()> {
        let how = match self.mode {
            Mode::Browser => {
                "Your browser opens on the demo provider's consent page: press Approve there\n\
                 (or Deny, to see how a refusal looks)."
            }
            Mode::NoBrowser => {
                "Open the URL printed below in a browser on this machine, and press Approve on\n\
                 the consent page (or Deny, to see how a refusal looks)."
            }
            Mode::Auto { headless: true } => {
                "There is no display here, so no browser can open: the demo provider approves by\n\
                 itself, and the demo plays the browser's part (use --no-browser to click through\n\
                 the consent page yourself, from a browser on this machine)."
            }
            Mode::Auto { headless: false } => {
                "With --auto-approve the demo provider approves by itself, and the demo plays the\n\
                 browser's part."
            }
        };
        self.header(
            1,
            "Log in",
            &format!(
                "oauthctl sends your browser to the provider's login page, and listens on\n\
                 127.0.0.1 for the answer. PKCE and a random `state` make sure that only this\n\
                 oauthctl can use the one-time code that comes back.\n{how}"
            ),
        );
        let mut args = vec!["login", "-p", "demo"];
        if self.mode != Mode::Browser {
            args.push("--no-browser");
        }
        let auto = matches!(self.mode, Mode::Auto { .. });
        let authorize = format!("{}/authorize?", self.issuer);
        let followed = std::cell::Cell::new(false);
        let started = Instant::now();
        let timeout = if auto {
            STEP_TIMEOUT
        } else {
            MANUAL_LOGIN_TIMEOUT
        };
        let outcome = self.child(
            &args,
            timeout,
            !auto,
            |line| {
                if !auto || followed.get() {
                    return Ok(());
                }
                if let Some(url) = line.split_whitespace().find(|w| w.starts_with(&authorize)) {
                    followed.set(true);
                    self.follow(url)?;
                }
                Ok(())
            },
            || {
                if auto && !followed.get() && started.elapsed() > URL_TIMEOUT {
                    return Err(fail(format!(
                        "oauthctl login printed no login URL within {} s",
                        URL_TIMEOUT.as_secs()
                    )));
                }
                Ok(())
            },
        )?;
        if outcome.code != Some(0) {
            if outcome.stderr.contains("access_denied") {
                return Err(fail(
                    "the login was denied on the consent page (access_denied), so there is no token \
                     to show; run `oauthctl demo` again and press Approve",
                ));
            }
            return Err(fail(exited(&outcome)));
        }
        self.say("  The login worked: the tokens are in the demo's token store.");
        Ok(())
    }

    /// The browser's part of an auto-approved login: open the URL, follow
    /// the provider's redirect to oauthctl's loopback listener.
    fn follow(&self, url: &str) -> Result<()> {
        self.say("  The demo, as the browser:");
        let (status, location, _) = self.get(url, None, "location", "open the login URL")?;
        self.say(&format!(
            "    GET {}/authorize?…  ->  {status}",
            self.issuer
        ));
        let Some(location) = location.filter(|_| status.is_redirection()) else {
            bail!("the demo provider answered the login URL with {status}, not a redirect");
        };
        let callback = url::Url::parse(&location)
            .map_err(|err| anyhow::anyhow!("the provider redirected to a bad URL: {err}"))?;
        if let Some((_, error)) = callback.query_pairs().find(|(k, _)| k == "error") {
            bail!("the demo provider refused the login: {error}");
        }
        if !crate::oauth::http::is_loopback(&callback) || callback.scheme() != "http" {
            bail!("the provider redirected away from the loopback listener: {location}");
        }
        let shown = format!(
            "{}{}?code=…&state=…&iss=…",
            callback.origin().ascii_serialization(),
            callback.path()
        );
        let answer =
            self.http.get(callback.as_str()).send().map_err(|err| {
                anyhow::anyhow!("cannot reach oauthctl's loopback listener: {err}")
            })?;
        self.say(&format!("    GET {shown}  ->  {}", answer.status()));
        if !answer.status().is_success() {
            bail!(
                "oauthctl's loopback listener refused the callback ({})",
                answer.status()
            );
        }
        Ok(())
    }

    fn token(&self) -> Result<String> {
        self.header(
            2,
            "Get the access token",
            "This is how a script gets a token: TOKEN=$(oauthctl token -p demo). If the token\n\
             were about to expire, oauthctl would first renew it with the refresh token.",
        );
        let outcome = self.child(
            &["token", "-p", "demo"],
            STEP_TIMEOUT,
            false,
            no_line,
            no_tick,
        )?;
        let token = outcome.stdout.trim().to_owned();
        if outcome.code != Some(0) || token.is_empty() {
            return Err(fail(exited(&outcome)));
        }
        let head: String = token.chars().take(12).collect();
        self.say(&format!(
            "    {head}…\n  (shortened here: the real output is the whole {}-character token)",
            token.chars().count()
        ));
        Ok(token)
    }

    fn inspect(&self) -> Result<()> {
        self.header(
            3,
            "Look inside the token",
            "The access token is a JWT: signed JSON. `inspect` decodes it to show who it is for\n\
             (sub), for whom it was issued (aud), which scopes it carries and when it expires.\n\
             It does not check the signature: the API does that.",
        );
        let outcome = self.child(
            &["inspect", "-p", "demo"],
            STEP_TIMEOUT,
            false,
            no_line,
            no_tick,
        )?;
        self.show(&outcome.stdout);
        if outcome.code != Some(0) || !outcome.stdout.contains(demo_provider::USER) {
            return Err(fail(exited(&outcome)));
        }
        Ok(())
    }

    fn call_api(&self) -> Result<()> {
        let api = format!("{}/api/hello", self.issuer);
        let explanation = "Call the API with the token. oauthctl hands the token to curl through a pipe\n\
             (curl -K reads its config from it), so the token never shows up in `ps`. A token\n\
             the API rejects is not retried by default; with --retry-rejected (or\n\
             `retry_rejected = true` in the profile) oauthctl refreshes it and retries once.";
        if find_on_path("curl").is_none() {
            self.header(
                4,
                "Call an API",
                &format!(
                    "{explanation}\ncurl is not installed here, so the demo sends the request itself, with\n\
                     the token from `oauthctl token -p demo`."
                ),
            );
            let outcome = self.child(
                &["token", "-p", "demo"],
                STEP_TIMEOUT,
                false,
                no_line,
                no_tick,
            )?;
            let token = outcome.stdout.trim();
            if outcome.code != Some(0) || token.is_empty() {
                return Err(fail(exited(&outcome)));
            }
            let (status, _, body) = self.get_api(&api, token)?;
            self.say(&format!("  GET {api}  ->  {status}"));
            self.show(&body);
            if !status.is_success() || !body.contains("Hello, demo-user!") {
                return Err(fail(format!("the API answered {status}: {body}")));
            }
            return Ok(());
        }
        self.header(4, "Call an API", explanation);
        let outcome = self.child(
            &["curl", "-p", "demo", "--", "-sS", &api],
            STEP_TIMEOUT,
            false,
            no_line,
            no_tick,
        )?;
        self.show(&outcome.stdout);
        if outcome.code != Some(0) || !outcome.stdout.contains("Hello, demo-user!") {
            return Err(fail(format!(
                "{}; the API answered: {}",
                exited(&outcome),
                outcome.stdout.trim()
            )));
        }
        self.say("  The API checked the token's signature, expiry and revocation, and said hello.");
        Ok(())
    }

    fn logout(&self) -> Result<()> {
        self.header(
            5,
            "Log out",
            "`--revoke` first tells the provider to cancel the refresh and access tokens (RFC\n\
             7009), then oauthctl deletes them from its store. Without it, only the local copy goes.",
        );
        let outcome = self.child(
            &["logout", "-p", "demo", "--revoke"],
            STEP_TIMEOUT,
            false,
            no_line,
            no_tick,
        )?;
        if outcome.code != Some(0) {
            return Err(fail(exited(&outcome)));
        }
        Ok(())
    }

    fn check_gone(&self, old_token: &str) -> Result<()> {
        self.header(
            6,
            "Check that the login is gone",
            "`token` now exits with code 4, \"login required\", which scripts can test for:",
        );
        let outcome = self.child(
            &["token", "-p", "demo"],
            STEP_TIMEOUT,
            false,
            no_line,
            no_tick,
        )?;
        if outcome.code != Some(4) {
            return Err(fail(format!(
                "`oauthctl token` after logout should exit with 4, but {}",
                exited(&outcome)
            )));
        }
        self.say("  exit code 4, as expected.");
        let api = format!("{}/api/hello", self.issuer);
        self.say(&format!(
            "And the old access token from step 2, sent straight to the API, is refused, since the\n\
             provider revoked it (it would otherwise have been valid for another hour):\n  \
             GET {api}  (Authorization: Bearer {}…)",
            old_token.chars().take(12).collect::<String>()
        ));
        let (status, challenge, body) = self.get_api(&api, old_token)?;
        self.say(&format!("    -> {status}"));
        if let Some(challenge) = &challenge {
            self.say(&format!("    WWW-Authenticate: {challenge}"));
        }
        let refused = status == reqwest::StatusCode::UNAUTHORIZED
            && challenge
                .as_deref()
                .is_some_and(|c| c.contains("invalid_token"));
        if !refused {
            return Err(fail(format!(
                "the API should refuse the revoked token with 401, but answered {status}: {body}"
            )));
        }
        Ok(())
    }

    // -- helpers -------------------------------------------------------------------

    /// `GET url` with a bearer token: status, WWW-Authenticate, body.
    fn get_api(
        &self,
        url: &str,
        token: &str,
    ) -> Result<(reqwest::StatusCode, Option<String>, String)> {
        self.get(url, Some(token), "www-authenticate", "reach the demo API")
    }

    /// `GET url` (as `token`'s bearer when given): its status, the `header`
    /// it names, its body. `doing` says what failed when nothing answers.
    fn get(
        &self,
        url: &str,
        token: Option<&str>,
        header: &str,
        doing: &str,
    ) -> Result<(reqwest::StatusCode, Option<String>, String)> {
        let mut request = self.http.get(url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request
            .send()
            .map_err(|err| anyhow::anyhow!("cannot {doing}: {err}"))?;
        let status = response.status();
        let value = response
            .headers()
            .get(header)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body = response.text().unwrap_or_default();
        Ok((status, value, body))
    }

    /// Starts `oauthctl ARGS` in the demo's environment, with threads that
    /// send its stderr lines and (at its end) its stdout.
    fn spawn(&self, args: &[&str]) -> Result<(std::process::Child, mpsc::Receiver<Event>)> {
        let mut command = Command::new(&self.exe);
        command
            .args(args)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        if args.first() != Some(&"login") {
            // `curl`'s private temp dir goes there. Only `login` keeps the
            // session's runtime dir, which a browser may need.
            command.env("XDG_RUNTIME_DIR", self.dir.join("runtime"));
        }
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| format!("cannot run {}", self.exe.display()))?;
        let (tx, rx) = mpsc::channel();
        if let Some(stderr) = child.stderr.take() {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if tx.send(Event::Line(line)).is_err() {
                        return;
                    }
                }
                let _ = tx.send(Event::StderrDone);
            });
        }
        if let Some(stdout) = child.stdout.take() {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = stdout.take(MAX_STDOUT).read_to_end(&mut bytes);
                let _ = tx.send(Event::Stdout(bytes));
            });
        }
        Ok((child, rx))
    }

    /// A child's output, indented under its command.
    fn show(&self, text: &str) {
        for line in text.trim_end().lines() {
            self.say(&indent(line));
        }
    }

    /// Runs `oauthctl ARGS` in the demo's environment, echoing its stderr as
    /// it comes (always, with `loud`, even under --quiet) and handing each
    /// line to `on_line`; `tick` runs between lines. Bounded by `timeout`.
    fn child(
        &self,
        args: &[&str],
        timeout: Duration,
        loud: bool,
        mut on_line: impl FnMut(&str) -> Result<()>,
        mut tick: impl FnMut() -> Result<()>,
    ) -> Result<Outcome> {
        self.say(&format!("  $ oauthctl {}", args.join(" ")));
        let (mut child, rx) = self.spawn(args)?;
        let deadline = Instant::now() + timeout;
        let mut stderr = String::new();
        let mut stdout = None;
        let mut stderr_done = false;
        let mut exited: Option<(Option<i32>, Instant)> = None;
        let result = loop {
            if let Some((code, at)) = exited
                && ((stderr_done && stdout.is_some()) || at.elapsed() > DRAIN)
            {
                break Ok(code);
            }
            if Instant::now() > deadline {
                break Err(anyhow::anyhow!(
                    "`oauthctl {}` did not finish within {} s",
                    args.join(" "),
                    timeout.as_secs()
                ));
            }
            match rx.recv_timeout(Duration::from_millis(50)) {
                Ok(Event::Line(line)) => {
                    let shown = if line.is_empty() {
                        String::new()
                    } else {
                        indent(&line)
                    };
                    if loud {
                        crate::diag::say!("{shown}");
                    } else {
                        self.say(&shown);
                    }
                    stderr.push_str(&line);
                    stderr.push('\n');
                    if let Err(err) = on_line(&line) {
                        break Err(err);
                    }
                }
                Ok(Event::StderrDone) => stderr_done = true,
                Ok(Event::Stdout(bytes)) => {
                    stdout = Some(String::from_utf8_lossy(&bytes).into_owned())
                }
                Err(mpsc::RecvTimeoutError::Timeout | mpsc::RecvTimeoutError::Disconnected) => {}
            }
            if exited.is_none()
                && let Some(status) = child.try_wait()?
            {
                exited = Some((status.code(), Instant::now()));
            }
            if exited.is_none()
                && let Err(err) = tick()
            {
                break Err(err);
            }
        };
        match result {
            Ok(code) => Ok(Outcome {
                code,
                stdout: stdout.unwrap_or_default(),
                stderr,
            }),
            Err(err) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(err)
            }
        }
    }
}

fn fail(why: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{why}")
}

fn no_line(_: &str) -> Result<()> {
    Ok(())
}

fn no_tick() -> Result<()> {
    Ok(())
}

fn indent(line: &str) -> String {
    format!("    {line}")
}

fn exited(outcome: &Outcome) -> String {
    match outcome.code {
        Some(code) => format!("oauthctl exited with {code} (its messages are above)"),
        None => "oauthctl was killed by a signal".to_owned(),
    }
}

fn profile_toml(issuer: &str) -> String {
    format!(
        "# Written by `oauthctl demo`, and removed when it ends.\n\
         [profiles.demo]\n\
         issuer = \"{issuer}\"\n\
         client_id = \"{client}\"\n\
         scopes = [\"openid\", \"offline_access\"]\n",
        client = demo_provider::CLIENT_ID,
    )
}

/// The parent's environment without any `OAUTHCTL_*` variable, and with every
/// place oauthctl (or curl) could read or write pointed into `dir`.
fn child_env(dir: &Path) -> Vec<(OsString, OsString)> {
    let mut env: Vec<(OsString, OsString)> = std::env::vars_os()
        .filter(|(k, _)| {
            let name = k.to_string_lossy().to_ascii_uppercase();
            !name.starts_with("OAUTHCTL_")
                && !matches!(name.as_str(), "CURL_HOME" | "NO_PROXY" | "HOME")
        })
        .collect();
    let mut set = |k: &str, v: OsString| env.push((k.into(), v));
    set("OAUTHCTL_CONFIG", dir.join("config.toml").into());
    set("OAUTHCTL_DATA_DIR", dir.join("data").into());
    set("OAUTHCTL_STORE", "file".into());
    set("OAUTHCTL_HTTP_TIMEOUT", "15".into());
    // The discovery cache.
    set("XDG_CACHE_HOME", dir.join("cache").into());
    // No ~/.curlrc of the user's in the way.
    set("CURL_HOME", dir.into());
    // Requests to the demo server never go through a proxy.
    let no_proxy = std::env::var("NO_PROXY")
        .or_else(|_| std::env::var("no_proxy"))
        .ok()
        .filter(|v| !v.is_empty())
        .map(|v| format!("{v},127.0.0.1,localhost"))
        .unwrap_or_else(|| "127.0.0.1,localhost".to_owned());
    set("NO_PROXY", no_proxy.clone().into());
    env.retain(|(k, _)| k != "no_proxy");
    env.push(("no_proxy".into(), no_proxy.into()));
    // macOS keeps caches under $HOME/Library; the browser is launched by the
    // system there, so a private HOME is harmless. Elsewhere HOME stays.
    let home = if cfg!(target_os = "macos") {
        Some(dir.join("home").into_os_string())
    } else {
        std::env::var_os("HOME")
    };
    if let Some(home) = home {
        env.push(("HOME".into(), home));
    }
    env
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let name = if cfg!(windows) {
        format!("{program}.exe")
    } else {
        program.to_owned()
    };
    std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|dir| dir.join(&name))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_parses() {
        let config = crate::config::ConfigFile::parse(&profile_toml("http://127.0.0.1:1")).unwrap();
        let demo = &config.profiles["demo"];
        assert_eq!(demo.client_id.as_deref(), Some("demo-cli"));
        assert_eq!(demo.scopes, vec!["openid", "offline_access"]);
    }

    #[test]
    fn children_get_no_oauthctl_variables_of_ours() {
        let dir = Path::new("/tmp/x");
        let env = child_env(dir);
        let get = |k: &str| {
            env.iter()
                .filter(|(name, _)| name == k)
                .map(|(_, v)| v.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(get("OAUTHCTL_STORE"), vec![OsString::from("file")]);
        assert_eq!(get("OAUTHCTL_CONFIG").len(), 1);
        assert_eq!(get("NO_PROXY").len(), 1);
        let ours = [
            "OAUTHCTL_CONFIG",
            "OAUTHCTL_DATA_DIR",
            "OAUTHCTL_STORE",
            "OAUTHCTL_HTTP_TIMEOUT",
        ];
        for (name, _) in &env {
            let name = name.to_string_lossy();
            assert!(
                !name.starts_with("OAUTHCTL_") || ours.contains(&name.as_ref()),
                "{name}"
            );
        }
    }
}
