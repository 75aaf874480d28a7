//! A minimal blocking W3C WebDriver client, for tests that need a REAL
//! browser: headless Chromium driven through ChromeDriver.
//!
//! [`Browser::launch`] starts `chromedriver` on a free 127.0.0.1 port and opens
//! one session with a throwaway profile. Chromium is told not to reach the
//! internet (the machine's network is closed, and a test must not depend on
//! it): no background networking, no component updates, no sync, no QUIC, no
//! proxy, and every host name but 127.0.0.1 fails to resolve at once (the
//! oidc-provider pages `@import` a web font).
//!
//! When Chromium or ChromeDriver is missing, `launch` returns `None` and the
//! test skips with a `SKIPPED` line, unless `OAUTHCTL_REQUIRE_BROWSER=1` (set by
//! `scripts/test.sh`), which makes it fail instead.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// W3C WebDriver's key for an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(20);
/// One WebDriver command; a new session (Chromium's start) is the slowest.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);
const PAGE_LOAD_TIMEOUT_MS: u64 = 30_000;
const POLL: Duration = Duration::from_millis(100);

/// `OAUTHCTL_TEST_CHROMIUM`, else `/usr/bin/chromium`.
pub fn chromium_path() -> PathBuf {
    std::env::var_os("OAUTHCTL_TEST_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMIUM))
}

/// `OAUTHCTL_TEST_CHROMEDRIVER`, else `/usr/bin/chromedriver`.
pub fn chromedriver_path() -> PathBuf {
    std::env::var_os("OAUTHCTL_TEST_CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(CHROMEDRIVER))
}

/// An error answer from the WebDriver server.
#[derive(Debug)]
pub struct WebDriverError {
    pub status: u16,
    /// The W3C error code, e.g. `no such element`.
    pub error: String,
    pub message: String,
}

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.error, self.status, self.message)
    }
}

/// A running `chromedriver`, killed and reaped on drop.
pub struct ChromeDriver {
    child: Child,
    url: String,
    log_path: PathBuf,
    dir: tempfile::TempDir,
}

impl ChromeDriver {
    /// Starts chromedriver on a free 127.0.0.1 port and waits (bounded) until
    /// `/status` says it is ready. Panics with its log otherwise.
    pub fn start(driver: &Path) -> ChromeDriver {
        let dir = tempfile::Builder::new()
            .prefix("oauthctl-chromedriver-")
            .tempdir()
            .expect("temp dir for chromedriver");
        for sub in ["home", "config", "cache"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let log_path = dir.path().join("chromedriver.log");
        let mut last_failure = String::new();
        // The port is free when picked but could be taken before chromedriver
        // binds it: a few attempts, each bounded.
        for _ in 0..3 {
            let port = free_port();
            let mut child = Command::new(driver)
                .arg(format!("--port={port}"))
                .arg(format!("--log-path={}", log_path.display()))
                .env("HOME", dir.path().join("home"))
                .env("XDG_CONFIG_HOME", dir.path().join("config"))
                .env("XDG_CACHE_HOME", dir.path().join("cache"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", driver.display()));
            let url = format!("http://127.0.0.1:{port}");
            let client = http_client(Duration::from_secs(5));
            let deadline = Instant::now() + DRIVER_START_TIMEOUT;
            loop {
                if let Ok(Some(status)) = child.try_wait() {
                    last_failure = format!("chromedriver exited with {status}");
                    break;
                }
                let ready = client
                    .get(format!("{url}/status"))
                    .send()
                    .ok()
                    .and_then(|r| r.text().ok())
                    .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                    .is_some_and(|v| v["value"]["ready"] == json!(true));
                if ready {
                    return ChromeDriver {
                        child,
                        url,
                        log_path,
                        dir,
                    };
                }
                if Instant::now() > deadline {
                    let _ = child.kill();
                    let _ = child.wait();
                    last_failure =
                        format!("chromedriver was not ready within {DRIVER_START_TIMEOUT:?}");
                    break;
                }
                std::thread::sleep(POLL);
            }
        }
        panic!(
            "{last_failure}\n--- chromedriver log\n{}",
            std::fs::read_to_string(&log_path).unwrap_or_default()
        );
    }

    /// The tail of chromedriver's log, for failure messages.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log_path).unwrap_or_default();
        let start = log.len().saturating_sub(4000);
        let start = (start..log.len())
            .find(|&i| log.is_char_boundary(i))
            .unwrap_or(log.len());
        log[start..].to_owned()
    }

    /// Opens a session of headless Chromium with a fresh profile.
    pub fn new_session(&self, chromium: &Path) -> Result<Session, WebDriverError> {
        static SESSIONS: AtomicUsize = AtomicUsize::new(0);
        let n = SESSIONS.fetch_add(1, Ordering::Relaxed);
        let profile = self.dir.path().join(format!("profile-{n}"));
        std::fs::create_dir_all(&profile).unwrap();
        let args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            format!("--user-data-dir={}", profile.display()),
            // Beyond the list above: nothing but loopback resolves, no proxy,
            // no keyring (a password form is submitted), a fixed window size
            // for the screenshots.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1".to_owned(),
            "--no-proxy-server".to_owned(),
            "--password-store=basic".to_owned(),
            "--no-default-browser-check".to_owned(),
            "--disable-default-apps".to_owned(),
            "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication".to_owned(),
            "--window-size=1024,768".to_owned(),
        ];
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "pageLoadStrategy": "normal",
                    "goog:chromeOptions": {
                        "binary": chromium.to_string_lossy(),
                        "args": args,
                    },
                },
            },
        });
        let http = http_client(COMMAND_TIMEOUT);
        let value = command(
            &http,
            reqwest::Method::POST,
            &format!("{}/session", self.url),
            Some(capabilities),
        )?;
        let id = value["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no sessionId in the new session answer: {value}"))
            .to_owned();
        let session = Session {
            http,
            base: format!("{}/session/{id}", self.url),
            deleted: false,
        };
        session.post(
            "timeouts",
            json!({"implicit": 0, "pageLoad": PAGE_LOAD_TIMEOUT_MS, "script": 10_000}),
        )?;
        Ok(session)
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One WebDriver session (one Chromium). Deleted on drop, best effort.
pub struct Session {
    http: reqwest::blocking::Client,
    /// `http://127.0.0.1:PORT/session/ID`
    base: String,
    deleted: bool,
}

/// A reference to an element of the current page.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Session {
    fn post(&self, path: &str, body: Value) -> Result<Value, WebDriverError> {
        command(
            &self.http,
            reqwest::Method::POST,
            &format!("{}/{path}", self.base),
            Some(body),
        )
    }

    fn get(&self, path: &str) -> Result<Value, WebDriverError> {
        command(
            &self.http,
            reqwest::Method::GET,
            &format!("{}/{path}", self.base),
            None,
        )
    }

    /// Navigates and waits for the page load (bounded by the session's
    /// page-load timeout).
    pub fn navigate(&self, url: &str) -> Result<(), WebDriverError> {
        self.post("url", json!({ "url": url })).map(|_| ())
    }

    pub fn current_url(&self) -> Result<String, WebDriverError> {
        Ok(self.get("url")?.as_str().unwrap_or_default().to_owned())
    }

    pub fn title(&self) -> Result<String, WebDriverError> {
        Ok(self.get("title")?.as_str().unwrap_or_default().to_owned())
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> Result<Element, WebDriverError> {
        let value = self.post("element", json!({"using": "css selector", "value": css}))?;
        value[ELEMENT_KEY]
            .as_str()
            .map(|id| Element(id.to_owned()))
            .ok_or_else(|| WebDriverError {
                status: 200,
                error: "malformed answer".into(),
                message: format!("no element reference in {value}"),
            })
    }

    /// Polls for an element, bounded.
    pub fn wait_for(&self, css: &str, timeout: Duration) -> Result<Element, WebDriverError> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.find(css) {
                Ok(element) => return Ok(element),
                Err(err) if err.error == "no such element" && Instant::now() < deadline => {
                    std::thread::sleep(POLL)
                }
                Err(err) => return Err(err),
            }
        }
    }

    /// Polls `check` until it gives a value, bounded; `None` on timeout.
    pub fn wait_until<T>(
        &self,
        timeout: Duration,
        mut check: impl FnMut(&Session) -> Option<T>,
    ) -> Option<T> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(value) = check(self) {
                return Some(value);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(POLL);
        }
    }

    pub fn send_keys(&self, element: &Element, text: &str) -> Result<(), WebDriverError> {
        self.post(
            &format!("element/{}/value", element.0),
            json!({ "text": text }),
        )
        .map(|_| ())
    }

    pub fn click(&self, element: &Element) -> Result<(), WebDriverError> {
        self.post(&format!("element/{}/click", element.0), json!({}))
            .map(|_| ())
    }

    /// The rendered (visible) text of an element.
    pub fn text(&self, element: &Element) -> Result<String, WebDriverError> {
        Ok(self
            .get(&format!("element/{}/text", element.0))?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    /// The rendered text of the page's `<body>`.
    pub fn body_text(&self) -> Result<String, WebDriverError> {
        let body = self.find("body")?;
        self.text(&body)
    }

    /// The current DOM, serialised.
    pub fn source(&self) -> Result<String, WebDriverError> {
        Ok(self.get("source")?.as_str().unwrap_or_default().to_owned())
    }

    /// A PNG of the viewport.
    pub fn screenshot_png(&self) -> Result<Vec<u8>, WebDriverError> {
        let value = self.get("screenshot")?;
        let encoded = value.as_str().unwrap_or_default();
        base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|e| WebDriverError {
                status: 200,
                error: "malformed answer".into(),
                message: format!("the screenshot is not base64: {e}"),
            })
    }

    /// Saves a PNG of the viewport, creating the directory; returns the path.
    pub fn save_screenshot(&self, path: &Path) -> Result<PathBuf, WebDriverError> {
        let png = self.screenshot_png()?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the screenshot directory");
        }
        std::fs::write(path, &png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        Ok(path.to_owned())
    }

    /// Ends the session (closes Chromium).
    pub fn delete(mut self) -> Result<(), WebDriverError> {
        self.deleted = true;
        command(&self.http, reqwest::Method::DELETE, &self.base, None).map(|_| ())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.deleted {
            let _ = command(&self.http, reqwest::Method::DELETE, &self.base, None);
        }
    }
}

/// ChromeDriver and one session. The session is declared first, so it is
/// deleted before the driver is killed.
pub struct Browser {
    pub session: Session,
    pub driver: ChromeDriver,
}

impl Browser {
    /// Chromium through ChromeDriver, or `None` (with a `SKIPPED` line on
    /// stderr) when either is missing and `OAUTHCTL_REQUIRE_BROWSER=1` is not
    /// set.
    pub fn launch() -> Option<Browser> {
        let chromium = chromium_path();
        let driver = chromedriver_path();
        let missing: Vec<String> = [&chromium, &driver]
            .into_iter()
            .filter(|p| !p.is_file())
            .map(|p| p.display().to_string())
            .collect();
        if !missing.is_empty() {
            super::skip(
                &format!(
                    "{} missing (Debian: apt-get install chromium chromium-driver; scripts/test.sh does)",
                    missing.join(" and ")
                ),
                &["OAUTHCTL_REQUIRE_BROWSER"],
            );
            return None;
        }
        let driver = ChromeDriver::start(&driver);
        let session = driver.new_session(&chromium).unwrap_or_else(|e| {
            panic!(
                "cannot start a Chromium session: {e}\n--- chromedriver log (tail)\n{}",
                driver.log_tail()
            )
        });
        Some(Browser { session, driver })
    }
}

impl std::ops::Deref for Browser {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.session
    }
}

/// Sends one WebDriver command: the answer's `value`, or its error.
fn command(
    http: &reqwest::blocking::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> Result<Value, WebDriverError> {
    let mut request = http.request(method.clone(), url);
    if let Some(body) = body {
        request = request
            .header("Content-Type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().map_err(|e| WebDriverError {
        status: 0,
        error: "transport".into(),
        message: format!("{method} {url}: {e}"),
    })?;
    let status = response.status().as_u16();
    let text = response.text().unwrap_or_default();
    let mut answer: Value = serde_json::from_str(&text).map_err(|e| WebDriverError {
        status,
        error: "malformed answer".into(),
        message: format!("{method} {url}: not JSON ({e}): {text}"),
    })?;
    let value = answer["value"].take();
    if (200..300).contains(&status) {
        Ok(value)
    } else {
        Err(WebDriverError {
            status,
            error: value["error"]
                .as_str()
                .unwrap_or("unknown error")
                .to_owned(),
            message: value["message"]
                .as_str()
                .unwrap_or_default()
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
        })
    }
}

/// A blocking client for the driver on 127.0.0.1: no proxy, no redirects.
fn http_client(timeout: Duration) -> reqwest::blocking::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(timeout)
        .connect_timeout(Duration::from_secs(5))
        .build()
        .expect("build the WebDriver HTTP client")
}

/// A port nobody listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("pick a free port")
}
