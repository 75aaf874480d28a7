//! A quirky fake OAuth provider for the seed and fault tests.
//!
//! tiny_http on `127.0.0.1:0`, served from a background thread (plus one short
//! worker thread per request, so a hanging answer never blocks the others).
//! Every request is recorded (method, path, query, headers, body, arrival
//! time) for assertions, and answered by a handler: one constructor per seed
//! provider reproduces that provider's documented quirks, and
//! [`FakeProvider::fault`] gives the failure modes of `faults.rs`.
//!
//! Dropping the provider stops it within a bounded time: the accept loop polls
//! with `recv_timeout` and is woken by `unblock`, and a delayed ("hanging")
//! answer sleeps in small steps that end as soon as the provider is dropped.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};

/// The longest a request body is read; more is a test bug.
const MAX_BODY: u64 = 1 << 20;
/// How often the accept loop and delayed answers look at the stop flag.
const POLL: Duration = Duration::from_millis(20);
/// A hanging endpoint answers after this long at the latest.
pub const HANG: Duration = Duration::from_secs(10);

// ---------------------------------------------------------------------------
// What was received
// ---------------------------------------------------------------------------

/// One request as the fake received it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    /// The raw query string, without `?` (empty when there is none).
    pub query: String,
    /// Header names are lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// When the request arrived.
    pub at: Instant,
}

/// How the client authenticated itself on a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientAuth {
    /// An `Authorization: Basic` header, decoded per RFC 6749 §2.3.1.
    Basic(String, String),
    /// `client_id` (and maybe `client_secret`) in the request body.
    Post(String, Option<String>),
    /// Both at once (RFC 6749 says a client must not do this).
    Both,
    None,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The media type of the body, lower-cased, without parameters.
    pub fn content_type(&self) -> String {
        self.header("content-type")
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase()
    }

    pub fn is_json(&self) -> bool {
        let ct = self.content_type();
        ct == "application/json" || ct.ends_with("+json")
    }

    pub fn is_form(&self) -> bool {
        self.content_type() == "application/x-www-form-urlencoded"
    }

    /// The body parameters, read as JSON or as a form according to the
    /// Content-Type (like Estimote does). JSON numbers and booleans become
    /// their text. A body that fits neither yields nothing.
    pub fn params(&self) -> HashMap<String, String> {
        if self.is_json() {
            match serde_json::from_str::<Value>(&self.body) {
                Ok(Value::Object(map)) => map
                    .into_iter()
                    .map(|(k, v)| {
                        let v = match v {
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                        (k, v)
                    })
                    .collect(),
                _ => HashMap::new(),
            }
        } else if self.is_form() {
            form_urlencoded::parse(self.body.as_bytes())
                .into_owned()
                .collect()
        } else {
            HashMap::new()
        }
    }

    pub fn param(&self, name: &str) -> Option<String> {
        self.params().remove(name)
    }

    /// Every value of a form parameter, in order (for repeated parameters).
    pub fn form_all(&self, name: &str) -> Vec<String> {
        form_urlencoded::parse(self.body.as_bytes())
            .into_owned()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v)
            .collect()
    }

    pub fn query_params(&self) -> HashMap<String, String> {
        form_urlencoded::parse(self.query.as_bytes())
            .into_owned()
            .collect()
    }

    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query_params().remove(name)
    }

    /// The Basic credentials as sent: base64-decoded and split at the first
    /// `:`, but not form-URL-decoded.
    pub fn basic_raw(&self) -> Option<(String, String)> {
        let value = self.header("authorization")?;
        let (scheme, b64) = value.trim().split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let bytes = STANDARD.decode(b64.trim()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (id, secret) = text.split_once(':')?;
        Some((id.to_string(), secret.to_string()))
    }

    /// The Basic credentials decoded per RFC 6749 §2.3.1: each of the id and
    /// the secret is form-URL-decoded after the base64 and the split.
    pub fn basic(&self) -> Option<(String, String)> {
        let (id, secret) = self.basic_raw()?;
        Some((form_decode(&id)?, form_decode(&secret)?))
    }

    pub fn bearer(&self) -> Option<&str> {
        let value = self.header("authorization")?;
        let (scheme, token) = value.trim().split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then_some(token.trim())
    }

    pub fn client_auth(&self) -> ClientAuth {
        let params = self.params();
        let body_id = params.get("client_id").cloned();
        let body_secret = params.get("client_secret").cloned();
        let has_header = self.header("authorization").is_some();
        match (self.basic(), body_secret.is_some()) {
            (Some(_), true) => ClientAuth::Both,
            (Some((id, secret)), false) => ClientAuth::Basic(id, secret),
            (None, _) if has_header => ClientAuth::None,
            (None, _) => match body_id {
                Some(id) => ClientAuth::Post(id, body_secret),
                None => ClientAuth::None,
            },
        }
    }

    /// The client credentials wherever they are (Basic or body), for providers
    /// that take either (Geoloqi, Bime).
    pub fn any_client_credentials(&self) -> Option<(String, String)> {
        match self.client_auth() {
            ClientAuth::Basic(id, secret) => Some((id, secret)),
            ClientAuth::Post(id, Some(secret)) => Some((id, secret)),
            _ => None,
        }
    }
}

/// `application/x-www-form-urlencoded` decoding of one value: `+` is a space
/// and `%XX` a byte. A malformed escape yields `None`.
pub fn form_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// `application/x-www-form-urlencoded` encoding of one value.
pub fn form_encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The Authorization header value RFC 6749 §2.3.1 prescribes.
pub fn basic_header(id: &str, secret: &str) -> String {
    let creds = format!("{}:{}", form_encode(id), form_encode(secret));
    format!("Basic {}", STANDARD.encode(creds))
}

// ---------------------------------------------------------------------------
// What is answered
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering (a hanging endpoint).
    pub delay: Duration,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn json(status: u16, value: &Value) -> Reply {
        Reply::new(status, "application/json", value.to_string())
    }

    /// A JSON body written out literally, to keep a seed's exact shape.
    pub fn json_text(status: u16, text: impl Into<String>) -> Reply {
        Reply::new(status, "application/json;charset=UTF-8", text.into())
    }

    /// An RFC 6749 §5.2 error, `{"error","error_description"}`.
    pub fn oauth_error(status: u16, error: &str, description: &str) -> Reply {
        Reply::json(
            status,
            &json!({"error": error, "error_description": description}),
        )
    }

    pub fn not_found() -> Reply {
        Reply::new(404, "text/plain", "not found")
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

// ---------------------------------------------------------------------------
// Provider state, shared by the handler and the test
// ---------------------------------------------------------------------------

/// Mutable provider state. Tests may read and change it through
/// [`FakeProvider::state`] between two runs of the binary.
#[derive(Debug, Default)]
pub struct State {
    /// When set, every request is answered `503` (a provider that is down).
    pub down: bool,
    /// The authorization endpoint, for browser-flow tests.
    pub authorization: Option<Authorization>,
    /// Authorization codes not yet redeemed.
    pub codes: HashSet<String>,
    /// Refresh tokens the provider currently accepts.
    pub refresh_tokens: HashSet<String>,
    /// Access tokens the API endpoints accept.
    pub access_tokens: HashSet<String>,
    /// Every access or refresh token ever issued, in order (for leak checks).
    pub issued: Vec<String>,
    /// Geoloqi: a refresh answers a new refresh token that replaces the old
    /// one (`true`), or none at all, the old one staying valid (`false`).
    pub rotate_refresh: bool,
    /// Token-endpoint requests seen by a fault handler.
    pub hits: u32,
    counter: u32,
}

impl State {
    /// The redirect URI the token endpoint must see: the one registered with
    /// the authorization endpoint, else the seed's default.
    fn registered_redirect(&self, default: &str) -> String {
        self.authorization
            .as_ref()
            .map_or_else(|| default.to_owned(), |a| a.redirect_uri.clone())
    }

    fn next(&mut self) -> u32 {
        self.counter += 1;
        self.counter
    }

    fn issue_access(&mut self, token: String) -> String {
        self.access_tokens.insert(token.clone());
        self.issued.push(token.clone());
        token
    }

    fn issue_refresh(&mut self, token: String) -> String {
        self.refresh_tokens.insert(token.clone());
        self.issued.push(token.clone());
        token
    }

    /// The access tokens issued so far, in order.
    pub fn issued_access(&self) -> Vec<String> {
        self.issued
            .iter()
            .filter(|t| self.access_tokens.contains(*t))
            .cloned()
            .collect()
    }
}

pub type Handler = Box<dyn FnMut(&Recorded, &mut State) -> Reply + Send + 'static>;

// ---------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------

struct Shared {
    stop: AtomicBool,
    requests: Mutex<Vec<Recorded>>,
    state: Mutex<State>,
    handler: Mutex<Handler>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

pub struct FakeProvider {
    port: u16,
    server: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panicking test thread must not turn every later access into a panic.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl FakeProvider {
    /// Starts a provider answering with `handler`.
    pub fn start(
        state: State,
        handler: impl FnMut(&Recorded, &mut State) -> Reply + Send + 'static,
    ) -> FakeProvider {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind fake provider"));
        let port = server
            .server_addr()
            .to_ip()
            .expect("fake provider has an IP address")
            .port();
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            requests: Mutex::new(Vec::new()),
            state: Mutex::new(state),
            handler: Mutex::new(Box::new(handler)),
            workers: Mutex::new(Vec::new()),
        });
        let acceptor = {
            let server = Arc::clone(&server);
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name(format!("fake-provider-{port}"))
                .spawn(move || accept_loop(&server, &shared))
                .expect("spawn fake provider")
        };
        FakeProvider {
            port,
            server,
            shared,
            acceptor: Some(acceptor),
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT`
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// `http://127.0.0.1:PORT` + `path`
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base(), path)
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.requests).clone()
    }

    pub fn requests_to(&self, path: &str) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    pub fn count(&self) -> usize {
        lock(&self.shared.requests).len()
    }

    /// The last request received; panics when there was none.
    pub fn last(&self) -> Recorded {
        self.requests()
            .pop()
            .expect("the fake provider received no request")
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.shared.state)
    }

    /// Makes every request answer `503` (true) or go back to normal (false).
    pub fn set_down(&self, down: bool) {
        self.state().down = down;
    }

    pub fn issued(&self) -> Vec<String> {
        self.state().issued.clone()
    }
}

impl Drop for FakeProvider {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.server.unblock();
        if let Some(handle) = self.acceptor.take() {
            let _ = handle.join();
        }
        let workers: Vec<_> = lock(&self.shared.workers).drain(..).collect();
        for worker in workers {
            let _ = worker.join();
        }
    }
}

fn accept_loop(server: &tiny_http::Server, shared: &Arc<Shared>) {
    while !shared.stop.load(Ordering::SeqCst) {
        match server.recv_timeout(POLL) {
            Ok(Some(request)) => {
                let at = Instant::now();
                let shared2 = Arc::clone(shared);
                let worker = std::thread::spawn(move || serve(request, at, &shared2));
                let mut workers = lock(&shared.workers);
                workers.retain(|w| !w.is_finished());
                workers.push(worker);
            }
            Ok(None) => {}
            Err(_) => break,
        }
    }
}

fn serve(mut request: tiny_http::Request, at: Instant, shared: &Shared) {
    let mut body = Vec::new();
    let _ = request.as_reader().take(MAX_BODY).read_to_end(&mut body);
    let (path, query) = match request.url().split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (request.url().to_string(), String::new()),
    };
    let recorded = Recorded {
        method: request.method().as_str().to_ascii_uppercase(),
        path,
        query,
        headers: request
            .headers()
            .iter()
            .map(|h| {
                (
                    h.field.as_str().as_str().to_ascii_lowercase(),
                    h.value.as_str().to_string(),
                )
            })
            .collect(),
        body: String::from_utf8_lossy(&body).into_owned(),
        at,
    };
    lock(&shared.requests).push(recorded.clone());

    let reply = {
        let mut state = lock(&shared.state);
        if state.down {
            Reply::new(503, "text/plain", "service unavailable")
        } else if let Some(reply) = authorize(&recorded, &mut state) {
            reply
        } else {
            let mut handler = lock(&shared.handler);
            (*handler)(&recorded, &mut state)
        }
    };

    // A delayed answer sleeps in steps, so that dropping the provider ends it.
    let deadline = Instant::now() + reply.delay;
    while Instant::now() < deadline {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(POLL.min(deadline.saturating_duration_since(Instant::now())));
    }

    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    for (name, value) in reply.headers {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    // The client may be gone (it timed out): that is fine.
    let _ = request.respond(response);
}

/// The browser side of a seed's authorization-code flow, when enabled with
/// [`FakeProvider::with_authorization`].
#[derive(Debug, Clone)]
pub struct Authorization {
    pub path: String,
    pub client_id: String,
    /// Matched exactly, as Estimote and Apigee do.
    pub redirect_uri: String,
    /// The user's answer on the consent page.
    pub approve: bool,
}

impl FakeProvider {
    /// Serves `GET path` as an authorization endpoint that approves (or
    /// denies) at once and redirects with a fresh single-use code.
    pub fn with_authorization(
        self,
        path: &str,
        client_id: &str,
        redirect_uri: &str,
    ) -> FakeProvider {
        self.state().authorization = Some(Authorization {
            path: path.into(),
            client_id: client_id.into(),
            redirect_uri: redirect_uri.into(),
            approve: true,
        });
        self
    }
}

fn authorize(req: &Recorded, st: &mut State) -> Option<Reply> {
    let config = st.authorization.clone()?;
    if req.method != "GET" || req.path != config.path {
        return None;
    }
    let q = req.query_params();
    let get = |k: &str| q.get(k).map(String::as_str);
    if get("client_id") != Some(config.client_id.as_str())
        || get("redirect_uri") != Some(config.redirect_uri.as_str())
    {
        // Never redirect to an unregistered URI (RFC 6749 §4.1.2.1).
        return Some(Reply::new(
            400,
            "text/html",
            "<html><body>unknown client or redirect_uri</body></html>",
        ));
    }
    let state = get("state").unwrap_or("");
    let target = if get("response_type") != Some("code") {
        format!("error=unsupported_response_type&state={state}")
    } else if !config.approve {
        format!("error=access_denied&error_description=The+user+said+no&state={state}")
    } else {
        let n = st.next();
        let code = format!("authz-code-{n}");
        st.codes.insert(code.clone());
        format!("code={code}&state={}", form_encode(state))
    };
    Some(
        Reply::new(302, "text/html", "")
            .header("Location", &format!("{}?{target}", config.redirect_uri)),
    )
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn now_millis() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis()
}

fn invalid_client() -> Reply {
    Reply::oauth_error(401, "invalid_client", "Client authentication failed")
        .header("WWW-Authenticate", "Basic realm=\"oauth\"")
}

// ---------------------------------------------------------------------------
// Seed 000: Estimote
// ---------------------------------------------------------------------------

/// Estimote Cloud: authorization code only; client id and secret in the body
/// (form or JSON, by Content-Type; Basic is refused); the answer is only
/// `{"access_token"}`; each code is redeemed once.
pub mod estimote {
    pub const PATH: &str = "/v1/oauth2/access_token";
    pub const CLIENT_ID: &str = "estimote-beacon-cms";
    pub const CLIENT_SECRET: &str = "estimote-s3cret-9f2c";
    pub const REDIRECT_URI: &str = "http://127.0.0.1:8765/estimote/callback";
    pub const CODES: [&str; 2] = ["est-code-1", "est-code-2"];
}

impl FakeProvider {
    pub fn estimote() -> FakeProvider {
        let state = State {
            codes: estimote::CODES.iter().map(|c| c.to_string()).collect(),
            ..State::default()
        };
        FakeProvider::start(state, |req, st| {
            if req.method != "POST" || req.path != estimote::PATH {
                return Reply::not_found();
            }
            if req.header("authorization").is_some() {
                return Reply::oauth_error(
                    401,
                    "invalid_client",
                    "client_id and client_secret must be sent in the request body",
                );
            }
            if !req.is_json() && !req.is_form() {
                return Reply::oauth_error(400, "invalid_request", "unsupported Content-Type");
            }
            let p = req.params();
            let get = |k: &str| p.get(k).map(String::as_str);
            if get("grant_type") != Some("authorization_code") {
                return Reply::oauth_error(
                    400,
                    "unsupported_grant_type",
                    "only the authorization_code grant is supported",
                );
            }
            if get("client_id") != Some(estimote::CLIENT_ID)
                || get("client_secret") != Some(estimote::CLIENT_SECRET)
            {
                return Reply::oauth_error(401, "invalid_client", "unknown client");
            }
            let code = get("code").unwrap_or("");
            if !st.codes.remove(code) {
                return Reply::oauth_error(
                    400,
                    "invalid_grant",
                    "authorization code is invalid or was already redeemed",
                );
            }
            let n = st.next();
            let token = st.issue_access(format!("04isuvcxyeg26lhe3ac9zdg2rbf{n:05}"));
            Reply::json(200, &json!({ "access_token": token }))
        })
    }
}

// ---------------------------------------------------------------------------
// Seed 001: Geoloqi
// ---------------------------------------------------------------------------

/// Geoloqi: many grants, credentials in the body or Basic, errors as
/// `{"error","error_description"}`, an assertion answer with only an access
/// token, refresh with (rotating) or without a new refresh token.
pub mod geoloqi {
    pub const PATH: &str = "/1/oauth/token";
    pub const CLIENT_ID: &str = "geoloqi-app-7d1";
    pub const CLIENT_SECRET: &str = "geoloqi-secret-Qx81+z/w";
    pub const REDIRECT_URI: &str = "http://127.0.0.1:8765/geoloqi/callback";
    pub const CODE: &str = "geo-code-1";
    pub const USERNAME: &str = "alice@example.com";
    pub const PASSWORD: &str = "c0rrect horse+battery&staple";
    /// A refresh token the provider knows from the start.
    pub const SEED_REFRESH: &str = "geoRT+seed/0001";
}

impl FakeProvider {
    /// `rotate`: a refresh answers a new refresh token that replaces (and
    /// invalidates) the old one; otherwise it answers none and the old one
    /// stays valid.
    pub fn geoloqi(rotate: bool) -> FakeProvider {
        let state = State {
            codes: [geoloqi::CODE.to_string()].into(),
            refresh_tokens: [geoloqi::SEED_REFRESH.to_string()].into(),
            rotate_refresh: rotate,
            ..State::default()
        };
        FakeProvider::start(state, |req, st| {
            if req.method != "POST" || req.path != geoloqi::PATH {
                return Reply::not_found();
            }
            match req.any_client_credentials() {
                Some((id, secret))
                    if id == geoloqi::CLIENT_ID && secret == geoloqi::CLIENT_SECRET => {}
                Some(_) => {
                    return Reply::oauth_error(
                        401,
                        "invalid_client",
                        "The client_id or client_secret is invalid",
                    );
                }
                None => {
                    return Reply::oauth_error(
                        401,
                        "invalid_client",
                        "client_id and client_secret are required",
                    );
                }
            }
            let p = req.params();
            let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
            let new_pair = |st: &mut State| {
                let n = st.next();
                let at = st.issue_access(format!("RsT5OjbzRn430zqMAZFh+QaLgVx+Q{n:03}"));
                let rt = st.issue_refresh(format!("geoRT+{n:04}/r"));
                json!({"access_token": at, "refresh_token": rt, "expires_in": 3600})
            };
            match get("grant_type") {
                "authorization_code" => {
                    if get("redirect_uri") != st.registered_redirect(geoloqi::REDIRECT_URI)
                        || !st.codes.remove(get("code"))
                    {
                        return Reply::oauth_error(
                            400,
                            "invalid_grant",
                            "The authorization code is invalid or expired",
                        );
                    }
                    Reply::json(200, &new_pair(st))
                }
                "password" => {
                    if get("username") != geoloqi::USERNAME || get("password") != geoloqi::PASSWORD
                    {
                        return Reply::oauth_error(
                            400,
                            "invalid_grant",
                            "The username or password is incorrect",
                        );
                    }
                    Reply::json(200, &new_pair(st))
                }
                "refresh_token" => {
                    let old = get("refresh_token").to_string();
                    if !st.refresh_tokens.contains(&old) {
                        return Reply::oauth_error(
                            400,
                            "invalid_grant",
                            "The refresh token provided is invalid",
                        );
                    }
                    let n = st.next();
                    let at = st.issue_access(format!("RsT5OjbzRn430zqMAZFh+QaLgVx+Q{n:03}"));
                    if st.rotate_refresh {
                        st.refresh_tokens.remove(&old);
                        let rt = st.issue_refresh(format!("geoRT+{n:04}/r"));
                        Reply::json(
                            200,
                            &json!({"access_token": at, "refresh_token": rt, "expires_in": 3600}),
                        )
                    } else {
                        Reply::json(200, &json!({"access_token": at, "expires_in": 3600}))
                    }
                }
                "client_credentials" => {
                    let n = st.next();
                    let at = st.issue_access(format!("geoAPP{n:03}+token"));
                    Reply::json(200, &json!({"access_token": at, "expires_in": 3600}))
                }
                "assertion" => {
                    if get("assertion_type") != "user_id" || get("assertion").is_empty() {
                        return Reply::oauth_error(
                            400,
                            "invalid_request",
                            "assertion_type must be user_id and assertion a user ID",
                        );
                    }
                    let n = st.next();
                    let at = st.issue_access(format!("geoUSER{}+{n:03}", get("assertion")));
                    // "may carry only access_token": no type, no expiry.
                    Reply::json(200, &json!({ "access_token": at }))
                }
                "" => Reply::oauth_error(400, "invalid_request", "grant_type is required"),
                _ => Reply::oauth_error(
                    400,
                    "unsupported_grant_type",
                    "The grant_type is not supported",
                ),
            }
        })
    }
}

// ---------------------------------------------------------------------------
// Seed 002: an Apigee-hosted API
// ---------------------------------------------------------------------------

/// Apigee: Basic client auth required; numbers as strings; `BearerToken`;
/// extra fields and an empty key, in the seed's exact shape and order.
pub mod apigee {
    pub const PATH: &str = "/oauth/client_credential/accesstoken";
    pub const CLIENT_ID: &str = "123abc";
    pub const CLIENT_SECRET: &str = "456def-apigee-secret";
}

impl FakeProvider {
    pub fn apigee() -> FakeProvider {
        FakeProvider::start(State::default(), |req, st| {
            if req.method != "POST" || req.path != apigee::PATH {
                return Reply::not_found();
            }
            match req.client_auth() {
                ClientAuth::Basic(id, secret)
                    if id == apigee::CLIENT_ID && secret == apigee::CLIENT_SECRET => {}
                _ => return invalid_client(),
            }
            if req.param("grant_type").as_deref() != Some("client_credentials") {
                return Reply::oauth_error(
                    400,
                    "unsupported_grant_type",
                    "grant_type must be client_credentials",
                );
            }
            let n = st.next();
            let token = st.issue_access(format!("ApigeeAT{n:03}xYz"));
            let issued_at = now_millis();
            // The seed's shape, field for field and in its order.
            Reply::json_text(
                200,
                format!(
                    r#"{{ "refresh_token_expires_in": "0", "api_product_list": "[Basic Plan]", "organization_name": "connectedhome", "": "", "token_type": "BearerToken", "issued_at": "{issued_at}", "client_id": "{id}", "access_token": "{token}", "application_name": "b1bd4907-924a-4470-a641-0effeb279834", "scope": "user", "expires_in": "3599", "refresh_count": "0", "status": "approved" }}"#,
                    id = apigee::CLIENT_ID,
                ),
            )
        })
    }
}

// ---------------------------------------------------------------------------
// Seed 003: Bime
// ---------------------------------------------------------------------------

/// Bime: draft-era OAuth 2 (no `token_type` in answers), auth code + refresh,
/// tokens live 7200 s, refresh tokens returned; an API endpoint taking the
/// token as a Bearer header or as an `access_token` query parameter.
pub mod bime {
    pub const TOKEN_PATH: &str = "/oauth/token";
    pub const AUTHORIZE_PATH: &str = "/oauth/authorize";
    pub const API_PATH: &str = "/api/v1/me";
    pub const CLIENT_ID: &str = "bime-client-42";
    pub const CLIENT_SECRET: &str = "bime-secret-7a7a";
    pub const REDIRECT_URI: &str = "http://127.0.0.1:8765/bime/callback";
    pub const CODES: [&str; 2] = ["bime-code-1", "bime-code-2"];
}

impl FakeProvider {
    pub fn bime() -> FakeProvider {
        let state = State {
            codes: bime::CODES.iter().map(|c| c.to_string()).collect(),
            ..State::default()
        };
        FakeProvider::start(state, |req, st| {
            if req.path == bime::API_PATH && req.method == "GET" {
                let (token, via) = match (req.bearer(), req.query_param("access_token")) {
                    (Some(t), _) => (t.to_string(), "header"),
                    (None, Some(t)) => (t, "query"),
                    (None, None) => ("".to_string(), "none"),
                };
                if !st.access_tokens.contains(&token) {
                    return Reply::json(401, &json!({"error": "invalid_token"}))
                        .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                }
                return Reply::json(200, &json!({"name": "Bime user", "token_via": via}));
            }
            if req.method != "POST" || req.path != bime::TOKEN_PATH {
                return Reply::not_found();
            }
            match req.any_client_credentials() {
                Some((id, secret)) if id == bime::CLIENT_ID && secret == bime::CLIENT_SECRET => {}
                _ => {
                    return Reply::oauth_error(
                        401,
                        "invalid_client",
                        "Bime could not authenticate your application: check client_id and client_secret",
                    );
                }
            }
            let p = req.params();
            let get = |k: &str| p.get(k).map(String::as_str).unwrap_or("");
            match get("grant_type") {
                "authorization_code" => {
                    if get("redirect_uri") != st.registered_redirect(bime::REDIRECT_URI) {
                        return Reply::oauth_error(
                            400,
                            "redirect_uri_mismatch",
                            "The redirect_uri does not match the one registered for this application",
                        );
                    }
                    if !st.codes.remove(get("code")) {
                        return Reply::oauth_error(
                            400,
                            "invalid_grant",
                            "The verification code is invalid, expired or already used",
                        );
                    }
                }
                "refresh_token" => {
                    if !st.refresh_tokens.contains(get("refresh_token")) {
                        return Reply::oauth_error(
                            400,
                            "invalid_grant",
                            "The refresh token is invalid",
                        );
                    }
                }
                _ => {
                    return Reply::oauth_error(
                        400,
                        "unsupported_grant_type",
                        "Bime supports the webserver and useragent flows only",
                    );
                }
            }
            let n = st.next();
            let at = st.issue_access(format!("bimeAT{n:03}q9"));
            let rt = st.issue_refresh(format!("bimeRT{n:03}k4"));
            // Draft 5: no token_type.
            Reply::json(
                200,
                &json!({"access_token": at, "refresh_token": rt, "expires_in": 7200}),
            )
        })
    }
}

// ---------------------------------------------------------------------------
// Seed 004: Metapack
// ---------------------------------------------------------------------------

/// Metapack: client credentials with Basic at `/oauth`, credentials from an
/// `apiKey.properties` file, a JWT access token, a scope with a trailing
/// space, `"token_type": "bearer"`.
pub mod metapack {
    pub const PATH: &str = "/oauth";
    pub const API_KEY_ID: &str = "1DR3434KDFJLR32L53L4235J6";
    pub const API_KEY_SECRET: &str = "wqe34tyyh7679jokkDa$7df46bbbbjui+b7-sdfsdfY";
    pub const SCOPE: &str = "can-create-locations can-delete-own-locations can-update-own-locations can-create-own-location-rules ";
    /// The header the seed documents: base64 of the raw `id:secret`, which,
    /// for this secret, is NOT what RFC 6749 §2.3.1 gives (`$` and `+`).
    pub const SEED_BASIC: &str = "Basic MURSMzQzNEtERkpMUjMyTDUzTDQyMzVKNjp3cWUzNHR5eWg3Njc5am9ra0RhJDdkZjQ2YmJiYmp1aStiNy1zZGZzZGZZ";

    /// The properties file, as Metapack hands it out (spaces around `=`).
    pub fn properties() -> String {
        format!(
            "# Metapack API key\n\napiKey.id = {API_KEY_ID}\napiKey.secret = {API_KEY_SECRET}\n"
        )
    }
}

impl FakeProvider {
    pub fn metapack() -> FakeProvider {
        FakeProvider::start(State::default(), |req, st| {
            if req.method != "POST" || req.path != metapack::PATH {
                return Reply::not_found();
            }
            // As the seed documents it: base64 of the raw `id:secret`, with no
            // RFC 6749 §2.3.1 form-decoding (see metapack::SEED_BASIC).
            match req.basic_raw() {
                Some((id, secret))
                    if id == metapack::API_KEY_ID && secret == metapack::API_KEY_SECRET => {}
                _ => return invalid_client(),
            }
            if !req.is_form() || req.param("grant_type").as_deref() != Some("client_credentials") {
                return Reply::oauth_error(
                    400,
                    "unsupported_grant_type",
                    "POST grant_type=client_credentials as application/x-www-form-urlencoded",
                );
            }
            let n = st.next();
            let iat = now_secs();
            let header = URL_SAFE_NO_PAD.encode(r#"{"typ":"JWT","alg":"HS256"}"#);
            let claims = URL_SAFE_NO_PAD.encode(
                json!({
                    "sub": "5GZ2KCVC0WL2L3Q5QWHN08IL5",
                    "iss": "https://api.stormpath.com/v1/applications/7MbmtsYTaJ0P8F4n0lxuI9",
                    "iat": iat,
                    "exp": iat + 3600,
                    "jti": format!("mp-{n}"),
                    "scope": metapack::SCOPE,
                })
                .to_string(),
            );
            let sig = URL_SAFE_NO_PAD.encode(format!("fake-signature-{n}"));
            let token = st.issue_access(format!("{header}.{claims}.{sig}"));
            let body = format!(
                "{{\n    \"access_token\": \"{token}\",\n    \"expires_in\": 3600,\n    \"scope\": \"{}\",\n    \"token_type\": \"bearer\"\n}}",
                metapack::SCOPE
            );
            Reply::new(200, "application/json; charset=utf-8", body)
                .header(
                    "Access-Control-Allow-Headers",
                    "X-Requested-With,Content-Type",
                )
                .header("Access-Control-Allow-Methods", "GET,PUT,POST,DELETE")
                .header("Access-Control-Allow-Origin", "*")
                .header("X-Powered-By", "Express")
        })
    }
}

// ---------------------------------------------------------------------------
// RFC 6749 §2.3.1 Basic encoding check
// ---------------------------------------------------------------------------

impl FakeProvider {
    /// Any POST whose Basic header decodes (per RFC 6749 §2.3.1) to exactly
    /// `id` and `secret` gets a token; anything else is `invalid_client`.
    pub fn strict_basic(id: &'static str, secret: &'static str) -> FakeProvider {
        FakeProvider::start(State::default(), move |req, st| {
            if req.method != "POST" {
                return Reply::not_found();
            }
            match req.client_auth() {
                ClientAuth::Basic(i, s) if i == id && s == secret => {
                    let n = st.next();
                    let at = st.issue_access(format!("basic-ok-{n}"));
                    Reply::json(
                        200,
                        &json!({"access_token": at, "token_type": "Bearer", "expires_in": 600}),
                    )
                }
                _ => invalid_client(),
            }
        })
    }
}

// ---------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// No fault: a token every time (with [`FakeProvider::set_down`], a
    /// provider that goes down and comes back).
    Healthy,
    /// `503` on the first request, a token after.
    Unavailable503ThenOk,
    /// `429` with `Retry-After: SECS` on the first request, a token after.
    RateLimitedThenOk { retry_after: u64 },
    /// `503` on every request.
    Always503,
    /// Answers only after [`HANG`] (or when the provider is dropped).
    Hang,
    /// `500` with an HTML error page.
    Html500,
    /// `200` with an HTML page (a captive portal or a login page).
    Html200,
    /// `200`, `application/json`, and a body that is not JSON.
    MalformedJson200,
    /// `200` carrying `{"error": "invalid_scope", ...}`.
    ErrorIn200,
    /// `200` with a form-encoded success body, GitHub's classic style.
    FormEncodedSuccess,
    /// `400 {"error":"invalid_client"}`.
    InvalidClient400,
}

pub const FAULT_PATH: &str = "/oauth/token";
pub const FORM_TOKEN: &str = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

pub const HTML_PAGE: &str = "<!DOCTYPE html>\n<html>\n<head><title>500 Internal Server Error</title></head>\n<body>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request. Either the server is overloaded or there is an error in the application.</p>\n<pre>Traceback (most recent call last):\n  File \"/srv/app/oauth.py\", line 42, in token\n    raise RuntimeError('db down')\nRuntimeError: db down</pre>\n<hr><address>Apache/2.4.41 (Ubuntu) Server at 127.0.0.1 Port 80</address>\n</body>\n</html>\n";

fn ok_token(st: &mut State) -> Reply {
    let n = st.next();
    let at = st.issue_access(format!("fault-ok-token-{n:03}"));
    Reply::json(
        200,
        &json!({"access_token": at, "token_type": "Bearer", "expires_in": 3600}),
    )
}

impl FakeProvider {
    pub fn fault(fault: Fault) -> FakeProvider {
        FakeProvider::start(State::default(), move |req, st| {
            if req.method != "POST" || req.path != FAULT_PATH {
                return Reply::not_found();
            }
            st.hits += 1;
            let first = st.hits == 1;
            match fault {
                Fault::Unavailable503ThenOk if first => {
                    Reply::new(503, "text/plain", "Service Unavailable")
                }
                Fault::RateLimitedThenOk { retry_after } if first => {
                    Reply::oauth_error(429, "slow_down", "too many requests")
                        .header("Retry-After", &retry_after.to_string())
                }
                Fault::Healthy | Fault::Unavailable503ThenOk | Fault::RateLimitedThenOk { .. } => {
                    ok_token(st)
                }
                Fault::Always503 => Reply::new(503, "text/plain", "Service Unavailable"),
                Fault::Hang => ok_token(st).delayed(HANG),
                Fault::Html500 => Reply::new(500, "text/html; charset=utf-8", HTML_PAGE),
                Fault::Html200 => Reply::new(
                    200,
                    "text/html; charset=utf-8",
                    HTML_PAGE.replace("500 Internal Server Error", "Sign in to the Wi-Fi"),
                ),
                Fault::MalformedJson200 => Reply::new(
                    200,
                    "application/json",
                    r#"{"access_token": "half-a-token", "token_type": "Bearer", "expires_in": 36"#,
                ),
                Fault::ErrorIn200 => Reply::oauth_error(
                    200,
                    "invalid_scope",
                    "The requested scope is not allowed for this client",
                ),
                Fault::FormEncodedSuccess => Reply::new(
                    200,
                    "application/x-www-form-urlencoded; charset=utf-8",
                    format!("access_token={FORM_TOKEN}&token_type=bearer&scope=repo%2Cgist"),
                ),
                Fault::InvalidClient400 => Reply::oauth_error(
                    400,
                    "invalid_client",
                    "Client authentication failed (unknown client)",
                ),
            }
        })
    }
}

// ---------------------------------------------------------------------------
// Google's token endpoint, for service-account key files
// ---------------------------------------------------------------------------

/// The service account the Google fake trusts.
pub mod google {
    pub const EMAIL: &str = "deployer@project.iam.gserviceaccount.com";
    pub const SCOPE: &str = "https://www.googleapis.com/auth/cloud-platform";
    pub const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
}

impl FakeProvider {
    /// `POST /token` as Google checks a JWT bearer grant's assertion: its
    /// RS256 signature with the account's `public_key` (ring's RSAPublicKey
    /// DER), `iss` the account, `aud` this token endpoint's URL, `scope`, an
    /// `exp` to come. Tokens are `ya29.sa-N`.
    pub fn google(public_key: Vec<u8>) -> FakeProvider {
        FakeProvider::start(State::default(), move |req, st| {
            if req.method != "POST" || req.path != "/token" {
                return Reply::not_found();
            }
            if req.param("grant_type").as_deref() != Some(google::JWT_BEARER) {
                return Reply::oauth_error(400, "unsupported_grant_type", "");
            }
            // The grant's assertion is the only credential: a service
            // account is no registered client, so client authentication
            // (a second, client assertion) is refused.
            if req.param("client_assertion").is_some() || req.header("authorization").is_some() {
                return Reply::oauth_error(
                    401,
                    "invalid_client",
                    "The OAuth client was not found.",
                );
            }
            let assertion = req.param("assertion").unwrap_or_default();
            let Ok(jwt) = super::jwt::Jwt::decode(&assertion) else {
                return Reply::oauth_error(400, "invalid_grant", "not a JWT");
            };
            if jwt.header["alg"] != "RS256" || !jwt.ring_verifies(&public_key) {
                return Reply::oauth_error(400, "invalid_grant", "Invalid JWT Signature.");
            }
            let aud = format!("http://{}/token", req.header("host").unwrap_or_default());
            let claims = &jwt.claims;
            if claims["iss"] != google::EMAIL
                || claims["aud"] != aud.as_str()
                || claims["scope"] != google::SCOPE
                || claims["exp"].as_u64().unwrap_or(0) <= super::jwt::now()
            {
                return Reply::oauth_error(400, "invalid_grant", "Invalid JWT claims.");
            }
            st.hits += 1;
            let token = st.issue_access(format!("ya29.sa-{}", st.hits));
            Reply::json(
                200,
                &json!({"access_token": token, "token_type": "Bearer", "expires_in": 3599}),
            )
        })
    }
}

// ---------------------------------------------------------------------------
// A GitHub Actions runner's OIDC token endpoint
// ---------------------------------------------------------------------------

impl FakeProvider {
    /// What a job with `permissions: id-token: write` finds at
    /// `$ACTIONS_ID_TOKEN_REQUEST_URL` (this fake's `/idtoken?api-version=2.0`):
    /// for the bearer of `request_token` (`$ACTIONS_ID_TOKEN_REQUEST_TOKEN`)
    /// and the `audience` asked for, `{"count": 1, "value": mint()}`; 401 or
    /// 400 otherwise.
    pub fn github_actions_runner(
        request_token: &str,
        audience: String,
        mint: impl Fn() -> String + Send + 'static,
    ) -> FakeProvider {
        let request_token = request_token.to_owned();
        FakeProvider::start(State::default(), move |req, _| {
            if req.method != "GET" || req.path != "/idtoken" {
                return Reply::not_found();
            }
            if req.bearer() != Some(request_token.as_str()) {
                return Reply::json(401, &json!({"message": "Bad credentials"}));
            }
            if req.query_param("api-version").as_deref() != Some("2.0") {
                return Reply::json(400, &json!({"message": "api-version is missing"}));
            }
            if req.query_param("audience").as_deref() != Some(audience.as_str()) {
                return Reply::json(400, &json!({"message": "wrong audience"}));
            }
            Reply::json(200, &json!({"count": 1, "value": mint()}))
        })
    }

    /// `$ACTIONS_ID_TOKEN_REQUEST_URL` for [`FakeProvider::github_actions_runner`].
    pub fn id_token_request_url(&self) -> String {
        self.url("/idtoken?api-version=2.0")
    }
}
