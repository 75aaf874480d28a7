//! The demo authorization server's protocol logic, kept apart from the HTTP
//! plumbing: a request goes in, a reply comes out, and every table is bounded.
//!
//! One public client (`demo-cli`, no secret), one user (`demo-user`):
//! authorization code + PKCE S256 (required) with a consent page, refresh
//! tokens that rotate (and revoke their grant when an old one is replayed),
//! the device grant (RFC 8628), revocation (RFC 7009), a userinfo endpoint and
//! one protected API, `/api/hello`.

use super::jws::Signer;
use super::pages;
use crate::pkce;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::{Duration, Instant};

pub const CLIENT_ID: &str = "demo-cli";
pub const USER: &str = "demo-user";
const SCOPES_SUPPORTED: &[&str] = &["openid", "profile", "email", "offline_access", "api"];
/// Granted when a request names no scope (RFC 6749 §3.3 allows a default).
const DEFAULT_SCOPE: &str = "api";
pub const ACCESS_TOKEN_LIFETIME: u64 = 3600;
const CODE_LIFETIME: Duration = Duration::from_secs(120);
const CONSENT_LIFETIME: Duration = Duration::from_secs(600);
const DEVICE_LIFETIME: Duration = Duration::from_secs(600);
const DEVICE_INTERVAL: Duration = Duration::from_secs(1);
/// Pending consents, codes, devices and grants each.
const MAX_ENTRIES: usize = 1000;
/// Access tokens and refresh tokens (old ones are kept to spot replays).
const MAX_TOKENS: usize = 10_000;
const MAX_PARAMS: usize = 64;
const MAX_VALUE: usize = 4096;
/// state and nonce are echoed back; keep them reasonable.
const MAX_ECHOED: usize = 512;
/// RFC 8628 §6.1: no vowels, no look-alikes.
const USER_CODE_ALPHABET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Other,
}

/// An HTTP request, as far as the server cares.
pub struct Request<'a> {
    pub method: Method,
    pub path: &'a str,
    pub query: &'a str,
    pub content_type: Option<&'a str>,
    pub authorization: Option<&'a str>,
    pub body: &'a [u8],
}

#[derive(Debug)]
pub enum Reply {
    Json {
        status: u16,
        body: Value,
        www_authenticate: Option<String>,
    },
    Html {
        status: u16,
        body: String,
    },
    Redirect {
        status: u16,
        location: String,
    },
    Empty {
        status: u16,
    },
}

impl Reply {
    pub fn status(&self) -> u16 {
        match self {
            Reply::Json { status, .. }
            | Reply::Html { status, .. }
            | Reply::Redirect { status, .. }
            | Reply::Empty { status } => *status,
        }
    }
}

/// An RFC 6749 §5.2 error body.
pub fn oauth_error(status: u16, error: &str, description: impl Into<String>) -> Reply {
    Reply::Json {
        status,
        body: json!({ "error": error, "error_description": description.into() }),
        www_authenticate: None,
    }
}

fn html(status: u16, body: String) -> Reply {
    Reply::Html { status, body }
}

fn page_error(text: &str) -> Reply {
    html(
        400,
        pages::message("This request cannot be used", text, false),
    )
}

fn server_error() -> Reply {
    oauth_error(
        500,
        "server_error",
        "the demo server could not get random bytes from the OS",
    )
}

fn busy() -> Reply {
    oauth_error(
        503,
        "temporarily_unavailable",
        "the demo server holds too many requests: restart `oauthctl demo`",
    )
}

/// What the user agreed to, and what the token request must match.
#[derive(Clone)]
struct Authorization {
    redirect_uri: String,
    scopes: Vec<String>,
    code_challenge: String,
    nonce: Option<String>,
    state: String,
}

struct Pending {
    authorization: Authorization,
    expires: Instant,
}

struct Code {
    authorization: Authorization,
    expires: Instant,
    /// The grant the code was redeemed for: a second redemption revokes it.
    redeemed: Option<String>,
}

struct Grant {
    scopes: Vec<String>,
    revoked: bool,
}

struct RefreshEntry {
    grant: String,
    /// False once used (rotation) or revoked.
    active: bool,
}

struct AccessEntry {
    grant: String,
    exp: u64,
    revoked: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DeviceStatus {
    Pending,
    Approved,
    Denied,
    Redeemed,
}

struct Device {
    user_code: String,
    scopes: Vec<String>,
    status: DeviceStatus,
    expires: Instant,
    last_poll: Option<Instant>,
}

pub struct State {
    issuer: String,
    auto_approve: bool,
    signer: Signer,
    pending: HashMap<String, Pending>,
    codes: HashMap<String, Code>,
    grants: HashMap<String, Grant>,
    refresh_tokens: HashMap<String, RefreshEntry>,
    access_tokens: HashMap<String, AccessEntry>,
    devices: HashMap<String, Device>,
}

/// Request parameters: a repeated one is an error (RFC 6749 §3.1), and an
/// empty one counts as absent.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(bytes: &[u8]) -> Result<Params, String> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (k, v) in form_urlencoded::parse(bytes) {
            if pairs.len() >= MAX_PARAMS {
                return Err(format!("more than {MAX_PARAMS} parameters"));
            }
            if v.len() > MAX_VALUE || k.len() > MAX_VALUE {
                return Err(format!("parameter `{}` is too long", clip(&k)));
            }
            if pairs.iter().any(|(existing, _)| *existing == k) {
                return Err(format!("parameter `{}` is repeated", clip(&k)));
            }
            pairs.push((k.into_owned(), v.into_owned()));
        }
        Ok(Params(pairs))
    }

    /// A JSON object of strings, for clients that send `--body json`.
    fn parse_json(bytes: &[u8]) -> Result<Params, String> {
        let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(bytes) else {
            return Err("the body is not a JSON object".to_owned());
        };
        if map.len() > MAX_PARAMS {
            return Err(format!("more than {MAX_PARAMS} parameters"));
        }
        let mut pairs = Vec::new();
        for (k, v) in map {
            let v = match v {
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                _ => return Err(format!("parameter `{}` is not a string", clip(&k))),
            };
            if v.len() > MAX_VALUE {
                return Err(format!("parameter `{}` is too long", clip(&k)));
            }
            pairs.push((k, v));
        }
        Ok(Params(pairs))
    }

    fn body(request: &Request) -> Result<Params, String> {
        let media = request
            .content_type
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match media.as_str() {
            "application/json" => Params::parse_json(request.body),
            "application/x-www-form-urlencoded" | "" => Params::parse(request.body),
            other => Err(format!(
                "unsupported Content-Type {}: send application/x-www-form-urlencoded",
                clip(other)
            )),
        }
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

/// Keeps error messages short whatever the client sent.
fn clip(text: &str) -> String {
    let clipped: String = text.chars().take(40).collect();
    if clipped.len() < text.len() {
        format!("{clipped}…")
    } else {
        clipped
    }
}

fn random() -> Option<String> {
    pkce::random_token().ok()
}

fn parse_scopes(raw: Option<&str>) -> Result<Vec<String>, String> {
    let mut scopes: Vec<String> = Vec::new();
    for scope in raw.unwrap_or(DEFAULT_SCOPE).split_whitespace() {
        if !SCOPES_SUPPORTED.contains(&scope) {
            return Err(format!(
                "unknown scope `{}`: this server knows {}",
                clip(scope),
                SCOPES_SUPPORTED.join(", ")
            ));
        }
        if !scopes.iter().any(|s| s == scope) {
            scopes.push(scope.to_owned());
        }
    }
    if scopes.is_empty() {
        scopes.push(DEFAULT_SCOPE.to_owned());
    }
    Ok(scopes)
}

/// RFC 8252 §7.3: a loopback IP literal with any port; the path is /callback.
pub fn valid_redirect_uri(raw: &str) -> bool {
    let Ok(url) = url::Url::parse(raw) else {
        return false;
    };
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip == std::net::Ipv4Addr::LOCALHOST,
        Some(url::Host::Ipv6(ip)) => ip == std::net::Ipv6Addr::LOCALHOST,
        _ => false,
    };
    url.scheme() == "http"
        && loopback
        && url.path() == "/callback"
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none()
}

/// RFC 7636 §4.1/§4.2: 43 to 128 unreserved characters.
fn valid_pkce_value(value: &str) -> bool {
    (43..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

fn normalize_user_code(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(32)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn new_user_code() -> Option<String> {
    let mut letters = Vec::with_capacity(8);
    // Rejection sampling keeps the letters uniform; a few rounds always suffice.
    for _ in 0..8 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).ok()?;
        for b in bytes {
            // 240 = 12 * 20: no modulo bias.
            if b < 240 && letters.len() < 8 {
                letters.push(USER_CODE_ALPHABET[usize::from(b) % USER_CODE_ALPHABET.len()]);
            }
        }
        if letters.len() == 8 {
            let text = String::from_utf8(letters).ok()?;
            return Some(format!("{}-{}", &text[..4], &text[4..]));
        }
    }
    None
}

impl State {
    pub fn new(issuer: String, auto_approve: bool) -> anyhow::Result<State> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key)
            .map_err(|err| anyhow::anyhow!("the OS random number generator failed: {err}"))?;
        Ok(State {
            issuer,
            auto_approve,
            signer: Signer::new(key),
            pending: HashMap::new(),
            codes: HashMap::new(),
            grants: HashMap::new(),
            refresh_tokens: HashMap::new(),
            access_tokens: HashMap::new(),
            devices: HashMap::new(),
        })
    }

    fn api_audience(&self) -> String {
        format!("{}/api", self.issuer)
    }

    pub fn handle(&mut self, request: &Request) -> Reply {
        self.prune();
        use Method::{Get, Post};
        match (request.method, request.path) {
            (
                Get,
                "/.well-known/openid-configuration" | "/.well-known/oauth-authorization-server",
            ) => self.discovery(),
            (Get, "/") => html(200, pages::index(&self.issuer)),
            (Get, "/authorize") => self.authorize(request),
            (Post, "/authorize/decision") => self.decision(request),
            (Post, "/token") => self.token(request),
            (Post, "/device_authorization") => self.device_authorization(request),
            (Get, "/device") => self.device_page(request),
            (Post, "/device") => self.device_decision(request),
            (Post, "/revoke") => self.revoke(request),
            (Get | Post, "/userinfo") => self.userinfo(request),
            (Get, "/api/hello") => self.hello(request),
            (
                _,
                "/.well-known/openid-configuration"
                | "/.well-known/oauth-authorization-server"
                | "/"
                | "/authorize"
                | "/authorize/decision"
                | "/token"
                | "/device_authorization"
                | "/device"
                | "/revoke"
                | "/userinfo"
                | "/api/hello",
            ) => oauth_error(
                405,
                "invalid_request",
                "method not allowed on this endpoint",
            ),
            _ => oauth_error(404, "not_found", "the demo server has nothing here"),
        }
    }

    /// Drops what has expired, so that every table stays small.
    fn prune(&mut self) {
        let now = Instant::now();
        let unix = crate::now();
        self.pending.retain(|_, p| p.expires > now);
        self.codes.retain(|_, c| c.expires > now);
        self.devices.retain(|_, d| d.expires > now);
        self.access_tokens.retain(|_, a| a.exp > unix);
        if self.refresh_tokens.len() >= MAX_TOKENS {
            // Used ones are kept only to spot replays; drop them first.
            self.refresh_tokens.retain(|_, r| r.active);
        }
        if self.grants.len() >= MAX_ENTRIES {
            self.grants.retain(|_, g| !g.revoked);
        }
    }

    fn discovery(&self) -> Reply {
        let base = &self.issuer;
        Reply::Json {
            status: 200,
            body: json!({
                "issuer": base,
                "authorization_endpoint": format!("{base}/authorize"),
                "token_endpoint": format!("{base}/token"),
                "device_authorization_endpoint": format!("{base}/device_authorization"),
                "revocation_endpoint": format!("{base}/revoke"),
                "userinfo_endpoint": format!("{base}/userinfo"),
                "scopes_supported": SCOPES_SUPPORTED,
                "response_types_supported": ["code"],
                "response_modes_supported": ["query"],
                "grant_types_supported": [
                    "authorization_code",
                    "refresh_token",
                    "urn:ietf:params:oauth:grant-type:device_code"
                ],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["none"],
                "revocation_endpoint_auth_methods_supported": ["none"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["HS256"],
                "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nonce", "name", "preferred_username"],
                "authorization_response_iss_parameter_supported": true,
            }),
            www_authenticate: None,
        }
    }

    // -- authorization endpoint ---------------------------------------------

    fn authorize(&mut self, request: &Request) -> Reply {
        let params = match Params::parse(request.query.as_bytes()) {
            Ok(params) => params,
            Err(err) => return page_error(&format!("The login request is malformed: {err}.")),
        };
        let redirect_uri = match trusted_redirect_uri(&params) {
            Ok(uri) => uri,
            Err(page) => return page,
        };
        let state = params.get("state").filter(|s| s.len() <= MAX_ECHOED);
        let fail = |error: &str, description: &str| {
            self.error_redirect(redirect_uri, state, error, description)
        };
        let Some(state) = state else {
            return fail(
                "invalid_request",
                "state is required (at most 512 characters)",
            );
        };
        match params.get("response_type") {
            Some("code") => {}
            Some(_) => {
                return fail(
                    "unsupported_response_type",
                    "only response_type=code is supported",
                );
            }
            None => return fail("invalid_request", "response_type is missing"),
        }
        let code_challenge = match pkce_challenge(&params) {
            Ok(challenge) => challenge,
            Err(description) => return fail("invalid_request", description),
        };
        let scopes = match parse_scopes(params.get("scope")) {
            Ok(scopes) => scopes,
            Err(err) => return fail("invalid_scope", &err),
        };
        let nonce = params.get("nonce");
        if nonce.is_some_and(|n| n.len() > MAX_ECHOED) {
            return fail("invalid_request", "nonce is longer than 512 characters");
        }
        if scopes.iter().any(|s| s == "openid") && nonce.is_none() {
            return fail(
                "invalid_request",
                "nonce is required with the openid scope (it ties the id_token to this login)",
            );
        }
        let authorization = Authorization {
            redirect_uri: redirect_uri.to_owned(),
            scopes,
            code_challenge: code_challenge.to_owned(),
            nonce: nonce.map(str::to_owned),
            state: state.to_owned(),
        };
        if self.auto_approve {
            return self.approve(authorization, 302);
        }
        if self.pending.len() >= MAX_ENTRIES {
            return busy();
        }
        let Some(request_id) = random() else {
            return server_error();
        };
        let body = pages::consent(&pages::Consent {
            request_id: &request_id,
            client_id: CLIENT_ID,
            scopes: &authorization.scopes,
            redirect_uri: &authorization.redirect_uri,
        });
        self.pending.insert(
            request_id,
            Pending {
                authorization,
                expires: Instant::now() + CONSENT_LIFETIME,
            },
        );
        html(200, body)
    }

    fn error_redirect(
        &self,
        redirect_uri: &str,
        state: Option<&str>,
        error: &str,
        description: &str,
    ) -> Reply {
        let mut pairs = vec![("error", error), ("error_description", description)];
        if let Some(state) = state {
            pairs.push(("state", state));
        }
        pairs.push(("iss", &self.issuer));
        redirect(redirect_uri, &pairs, 302)
    }

    /// Issues a code and sends the browser back to the client (RFC 9207 `iss` included).
    fn approve(&mut self, authorization: Authorization, status: u16) -> Reply {
        if self.codes.len() >= MAX_ENTRIES {
            return busy();
        }
        let Some(code) = random() else {
            return server_error();
        };
        let reply = redirect(
            &authorization.redirect_uri,
            &[
                ("code", &code),
                ("state", &authorization.state),
                ("iss", &self.issuer),
            ],
            status,
        );
        self.codes.insert(
            code,
            Code {
                authorization,
                expires: Instant::now() + CODE_LIFETIME,
                redeemed: None,
            },
        );
        reply
    }

    fn decision(&mut self, request: &Request) -> Reply {
        let params = match Params::body(request) {
            Ok(params) => params,
            Err(err) => return page_error(&format!("The form is malformed: {err}.")),
        };
        let pending = params
            .get("request_id")
            .and_then(|id| self.pending.remove(id));
        let Some(pending) = pending else {
            return page_error(
                "This login request is unknown, expired or already answered. \
                 Start the login again from the terminal.",
            );
        };
        let authorization = pending.authorization;
        match params.get("decision") {
            Some("approve") => self.approve(authorization, 303),
            Some("deny") => redirect(
                &authorization.redirect_uri,
                &[
                    ("error", "access_denied"),
                    (
                        "error_description",
                        "the user pressed Deny on the consent page",
                    ),
                    ("state", &authorization.state),
                    ("iss", &self.issuer),
                ],
                303,
            ),
            _ => page_error("The form carries no decision: use the Approve or Deny button."),
        }
    }

    // -- token endpoint -------------------------------------------------------

    /// The client: `demo-cli` in the body, and no secret anywhere.
    fn authenticate(request: &Request, params: &Params) -> Result<(), Reply> {
        if let Some(header) = request.authorization
            && header.len() >= 6
            && header[..6].eq_ignore_ascii_case("basic ")
        {
            return Err(Reply::Json {
                status: 401,
                body: json!({
                    "error": "invalid_client",
                    "error_description": format!("{CLIENT_ID} is a public client without a secret: send client_id in the body, no Authorization header"),
                }),
                www_authenticate: Some("Basic realm=\"oauthctl-demo\"".to_owned()),
            });
        }
        if params.get("client_secret").is_some() {
            return Err(oauth_error(
                401,
                "invalid_client",
                format!("{CLIENT_ID} is a public client: it has no secret to send"),
            ));
        }
        match params.get("client_id") {
            Some(CLIENT_ID) => Ok(()),
            Some(other) => Err(oauth_error(
                401,
                "invalid_client",
                format!(
                    "unknown client `{}`: this server knows only `{CLIENT_ID}`",
                    clip(other)
                ),
            )),
            None => Err(oauth_error(401, "invalid_client", "client_id is missing")),
        }
    }

    fn token(&mut self, request: &Request) -> Reply {
        let params = match Params::body(request) {
            Ok(params) => params,
            Err(err) => return oauth_error(400, "invalid_request", err),
        };
        if let Err(reply) = Self::authenticate(request, &params) {
            return reply;
        }
        match params.get("grant_type") {
            Some("authorization_code") => self.redeem_code(&params),
            Some("refresh_token") => self.redeem_refresh_token(&params),
            Some("urn:ietf:params:oauth:grant-type:device_code") => {
                self.redeem_device_code(&params)
            }
            Some(other) => oauth_error(
                400,
                "unsupported_grant_type",
                format!(
                    "grant_type `{}` is not supported: use authorization_code, refresh_token or the device code grant",
                    clip(other)
                ),
            ),
            None => oauth_error(400, "invalid_request", "grant_type is missing"),
        }
    }

    fn redeem_code(&mut self, params: &Params) -> Reply {
        let Some(code) = params.get("code") else {
            return oauth_error(400, "invalid_request", "code is missing");
        };
        let Some(redirect_uri) = params.get("redirect_uri") else {
            return oauth_error(400, "invalid_request", "redirect_uri is missing");
        };
        let Some(verifier) = params.get("code_verifier") else {
            return oauth_error(
                400,
                "invalid_request",
                "code_verifier is missing: this server requires PKCE",
            );
        };
        let Some(entry) = self.codes.get(code) else {
            return oauth_error(400, "invalid_grant", "unknown or expired code");
        };
        if let Some(grant) = entry.redeemed.clone() {
            // RFC 6749 §4.1.2: a replayed code revokes what it bought.
            self.revoke_grant(&grant);
            return oauth_error(
                400,
                "invalid_grant",
                "the code was already used: the tokens issued for it are now revoked too",
            );
        }
        let authorization = entry.authorization.clone();
        if authorization.redirect_uri != redirect_uri {
            self.codes.remove(code);
            return oauth_error(
                400,
                "invalid_grant",
                "redirect_uri does not match the authorization request",
            );
        }
        if !valid_pkce_value(verifier) || pkce::challenge(verifier) != authorization.code_challenge
        {
            self.codes.remove(code);
            return oauth_error(
                400,
                "invalid_grant",
                "code_verifier does not match the code_challenge (PKCE)",
            );
        }
        let Some(grant) = self.new_grant(&authorization.scopes) else {
            return busy();
        };
        if let Some(entry) = self.codes.get_mut(code) {
            entry.redeemed = Some(grant.clone());
        }
        self.token_response(&grant, authorization.nonce.as_deref(), true)
    }

    fn redeem_refresh_token(&mut self, params: &Params) -> Reply {
        let Some(token) = params.get("refresh_token") else {
            return oauth_error(400, "invalid_request", "refresh_token is missing");
        };
        let Some(entry) = self.refresh_tokens.get(token) else {
            return oauth_error(400, "invalid_grant", "unknown refresh token");
        };
        let grant_id = entry.grant.clone();
        let active = entry.active;
        let Some(grant) = self.grants.get(&grant_id).filter(|g| !g.revoked) else {
            return oauth_error(400, "invalid_grant", "the refresh token was revoked");
        };
        if !active {
            self.revoke_grant(&grant_id);
            return oauth_error(
                400,
                "invalid_grant",
                "this refresh token was already used (they rotate on every use): the whole grant is now revoked; log in again",
            );
        }
        if let Some(scope) = params.get("scope") {
            let granted = &grant.scopes;
            if let Some(extra) = scope
                .split_whitespace()
                .find(|s| !granted.iter().any(|g| g == s))
            {
                return oauth_error(
                    400,
                    "invalid_scope",
                    format!("scope `{}` was not granted", clip(extra)),
                );
            }
        }
        if let Some(entry) = self.refresh_tokens.get_mut(token) {
            entry.active = false;
        }
        self.token_response(&grant_id, None, false)
    }

    fn redeem_device_code(&mut self, params: &Params) -> Reply {
        let Some(device_code) = params.get("device_code") else {
            return oauth_error(400, "invalid_request", "device_code is missing");
        };
        let Some(device) = self.devices.get_mut(device_code) else {
            return oauth_error(400, "expired_token", "unknown or expired device_code");
        };
        let now = Instant::now();
        let too_fast = device
            .last_poll
            .is_some_and(|last| now.duration_since(last) < DEVICE_INTERVAL / 2);
        device.last_poll = Some(now);
        match device.status {
            DeviceStatus::Pending if too_fast => {
                oauth_error(400, "slow_down", "polling faster than the interval")
            }
            DeviceStatus::Pending => oauth_error(
                400,
                "authorization_pending",
                "the user has not answered yet",
            ),
            DeviceStatus::Denied => {
                self.devices.remove(device_code);
                oauth_error(
                    400,
                    "access_denied",
                    "the user pressed Deny on the device page",
                )
            }
            DeviceStatus::Redeemed => {
                oauth_error(400, "invalid_grant", "the device_code was already used")
            }
            DeviceStatus::Approved => {
                device.status = DeviceStatus::Redeemed;
                let scopes = device.scopes.clone();
                match self.new_grant(&scopes) {
                    Some(grant) => self.token_response(&grant, None, true),
                    None => busy(),
                }
            }
        }
    }

    fn new_grant(&mut self, scopes: &[String]) -> Option<String> {
        if self.grants.len() >= MAX_ENTRIES {
            return None;
        }
        let id = random()?;
        self.grants.insert(
            id.clone(),
            Grant {
                scopes: scopes.to_vec(),
                revoked: false,
            },
        );
        Some(id)
    }

    /// An access token (JWT), plus a rotated refresh token with
    /// `offline_access`, plus an id_token with `openid` on a fresh login.
    fn token_response(&mut self, grant_id: &str, nonce: Option<&str>, login: bool) -> Reply {
        let Some(scopes) = self.grants.get(grant_id).map(|g| g.scopes.clone()) else {
            return oauth_error(400, "invalid_grant", "the grant is gone");
        };
        if self.access_tokens.len() >= MAX_TOKENS || self.refresh_tokens.len() >= MAX_TOKENS {
            return busy();
        }
        let (Some(jti), Some(refresh)) = (random(), random()) else {
            return server_error();
        };
        let now = crate::now();
        let exp = now + ACCESS_TOKEN_LIFETIME;
        let scope = scopes.join(" ");
        let access_token = self.signer.sign(
            "at+jwt",
            &json!({
                "iss": self.issuer,
                "sub": USER,
                "aud": self.api_audience(),
                "client_id": CLIENT_ID,
                "scope": scope,
                "jti": jti,
                "iat": now,
                "exp": exp,
            }),
        );
        self.access_tokens.insert(
            jti,
            AccessEntry {
                grant: grant_id.to_owned(),
                exp,
                revoked: false,
            },
        );
        let mut body = json!({
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": ACCESS_TOKEN_LIFETIME,
            "scope": scope,
        });
        if scopes.iter().any(|s| s == "offline_access") {
            self.refresh_tokens.insert(
                refresh.clone(),
                RefreshEntry {
                    grant: grant_id.to_owned(),
                    active: true,
                },
            );
            body["refresh_token"] = json!(refresh);
        }
        if login && scopes.iter().any(|s| s == "openid") {
            let mut claims = json!({
                "iss": self.issuer,
                "sub": USER,
                "aud": CLIENT_ID,
                "iat": now,
                "auth_time": now,
                "exp": exp,
                "name": "Demo User",
                "preferred_username": USER,
            });
            if let Some(nonce) = nonce {
                claims["nonce"] = json!(nonce);
            }
            body["id_token"] = json!(self.signer.sign("JWT", &claims));
        }
        Reply::Json {
            status: 200,
            body,
            www_authenticate: None,
        }
    }

    fn revoke_grant(&mut self, grant_id: &str) {
        if let Some(grant) = self.grants.get_mut(grant_id) {
            grant.revoked = true;
        }
        for entry in self.refresh_tokens.values_mut() {
            if entry.grant == grant_id {
                entry.active = false;
            }
        }
        for entry in self.access_tokens.values_mut() {
            if entry.grant == grant_id {
                entry.revoked = true;
            }
        }
    }

    // -- device flow (RFC 8628) ------------------------------------------------

    fn device_authorization(&mut self, request: &Request) -> Reply {
        let params = match Params::body(request) {
            Ok(params) => params,
            Err(err) => return oauth_error(400, "invalid_request", err),
        };
        if let Err(reply) = Self::authenticate(request, &params) {
            return reply;
        }
        let scopes = match parse_scopes(params.get("scope")) {
            Ok(scopes) => scopes,
            Err(err) => return oauth_error(400, "invalid_scope", err),
        };
        if self.devices.len() >= MAX_ENTRIES {
            return busy();
        }
        let Some(device_code) = random() else {
            return server_error();
        };
        let mut user_code = None;
        for _ in 0..5 {
            let candidate = new_user_code();
            if let Some(code) = &candidate
                && !self.devices.values().any(|d| &d.user_code == code)
            {
                user_code = candidate;
                break;
            }
        }
        let Some(user_code) = user_code else {
            return server_error();
        };
        let status = if self.auto_approve {
            DeviceStatus::Approved
        } else {
            DeviceStatus::Pending
        };
        let verification_uri = format!("{}/device", self.issuer);
        let complete = redirect_url(&verification_uri, &[("user_code", &user_code)]);
        self.devices.insert(
            device_code.clone(),
            Device {
                user_code: user_code.clone(),
                scopes,
                status,
                expires: Instant::now() + DEVICE_LIFETIME,
                last_poll: None,
            },
        );
        Reply::Json {
            status: 200,
            body: json!({
                "device_code": device_code,
                "user_code": user_code,
                "verification_uri": verification_uri,
                "verification_uri_complete": complete,
                "expires_in": DEVICE_LIFETIME.as_secs(),
                "interval": DEVICE_INTERVAL.as_secs(),
            }),
            www_authenticate: None,
        }
    }

    fn device_page(&self, request: &Request) -> Reply {
        let code: String = Params::parse(request.query.as_bytes())
            .ok()
            .and_then(|p| p.get("user_code").map(|c| c.chars().take(16).collect()))
            .unwrap_or_default();
        html(200, pages::device(&code, None))
    }

    fn device_decision(&mut self, request: &Request) -> Reply {
        let params = match Params::body(request) {
            Ok(params) => params,
            Err(err) => return page_error(&format!("The form is malformed: {err}.")),
        };
        let typed = params.get("user_code").unwrap_or("");
        let wanted = normalize_user_code(typed);
        let shown: String = typed.chars().take(16).collect();
        let device = self
            .devices
            .values_mut()
            .find(|d| normalize_user_code(&d.user_code) == wanted && !wanted.is_empty());
        let Some(device) = device else {
            return html(
                400,
                pages::device(
                    &shown,
                    Some("That code is unknown or has expired: check the terminal and try again."),
                ),
            );
        };
        if device.status != DeviceStatus::Pending {
            return page_error("This code was already answered. Return to your terminal.");
        }
        match params.get("decision") {
            Some("approve") => {
                device.status = DeviceStatus::Approved;
                html(
                    200,
                    pages::message(
                        "Device connected",
                        "You approved the login. Return to your terminal: it has its tokens within a second or two.",
                        true,
                    ),
                )
            }
            Some("deny") => {
                device.status = DeviceStatus::Denied;
                html(
                    200,
                    pages::message(
                        "Login denied",
                        "You denied the login. The terminal will say so.",
                        false,
                    ),
                )
            }
            _ => page_error("The form carries no decision: use the Approve or Deny button."),
        }
    }

    // -- revocation (RFC 7009) -------------------------------------------------

    fn revoke(&mut self, request: &Request) -> Reply {
        let params = match Params::body(request) {
            Ok(params) => params,
            Err(err) => return oauth_error(400, "invalid_request", err),
        };
        if let Err(reply) = Self::authenticate(request, &params) {
            return reply;
        }
        let Some(token) = params.get("token") else {
            return oauth_error(400, "invalid_request", "token is missing");
        };
        if let Some(grant) = self.refresh_tokens.get(token).map(|e| e.grant.clone()) {
            // RFC 7009 §2.1: revoking a refresh token ends its whole grant.
            self.revoke_grant(&grant);
        } else if let Some(claims) = self.signer.verify("at+jwt", token)
            && let Some(jti) = claims.get("jti").and_then(Value::as_str)
            && let Some(entry) = self.access_tokens.get_mut(jti)
        {
            entry.revoked = true;
        }
        // §2.2: 200 whether or not the token was known.
        Reply::Empty { status: 200 }
    }

    // -- resource server ---------------------------------------------------------

    /// The claims of a valid, unrevoked access token, or why not.
    fn check_access_token(&self, token: &str) -> Result<Value, &'static str> {
        let claims = self
            .signer
            .verify("at+jwt", token)
            .ok_or("the token is not one this server signed")?;
        let str_claim = |k: &str| claims.get(k).and_then(Value::as_str);
        if str_claim("iss") != Some(self.issuer.as_str())
            || str_claim("aud") != Some(self.api_audience().as_str())
        {
            return Err("the token is for another issuer or audience");
        }
        let exp = claims.get("exp").and_then(Value::as_u64).unwrap_or(0);
        if exp <= crate::now() {
            return Err("the token has expired");
        }
        let entry = str_claim("jti")
            .and_then(|jti| self.access_tokens.get(jti))
            .ok_or("the token is unknown")?;
        let grant_revoked = self.grants.get(&entry.grant).is_none_or(|g| g.revoked);
        if entry.revoked || grant_revoked {
            return Err("the token was revoked");
        }
        Ok(claims)
    }

    /// RFC 6750: from `Authorization: Bearer` or `?access_token=`, never both.
    fn bearer(&self, request: &Request) -> Result<Value, Reply> {
        let header = request.authorization.and_then(|h| {
            let (scheme, token) = h.trim().split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_owned())
        });
        let query = Params::parse(request.query.as_bytes())
            .ok()
            .and_then(|p| p.get("access_token").map(str::to_owned));
        let token = match (header, query) {
            (Some(_), Some(_)) => {
                return Err(oauth_error(
                    400,
                    "invalid_request",
                    "send the token once: in the Authorization header or in the query, not both",
                ));
            }
            (Some(token), None) | (None, Some(token)) => token,
            (None, None) => {
                // §3.1: no error code when the request carries no credentials.
                return Err(Reply::Json {
                    status: 401,
                    body: json!({
                        "message": "this API needs an access token: send `Authorization: Bearer TOKEN`",
                    }),
                    www_authenticate: Some("Bearer realm=\"oauthctl-demo\"".to_owned()),
                });
            }
        };
        self.check_access_token(&token).map_err(|why| Reply::Json {
            status: 401,
            body: json!({ "error": "invalid_token", "error_description": why }),
            www_authenticate: Some(format!(
                "Bearer realm=\"oauthctl-demo\", error=\"invalid_token\", error_description=\"{why}\""
            )),
        })
    }

    fn hello(&self, request: &Request) -> Reply {
        match self.bearer(request) {
            Ok(claims) => Reply::Json {
                status: 200,
                body: json!({
                    "message": format!("Hello, {}!", claims.get("sub").and_then(Value::as_str).unwrap_or(USER)),
                    "scope": claims.get("scope").cloned().unwrap_or(Value::Null),
                }),
                www_authenticate: None,
            },
            Err(reply) => reply,
        }
    }

    fn userinfo(&self, request: &Request) -> Reply {
        let claims = match self.bearer(request) {
            Ok(claims) => claims,
            Err(reply) => return reply,
        };
        let has_openid = claims
            .get("scope")
            .and_then(Value::as_str)
            .is_some_and(|s| s.split_whitespace().any(|s| s == "openid"));
        if !has_openid {
            return Reply::Json {
                status: 403,
                body: json!({ "error": "insufficient_scope", "error_description": "userinfo needs the openid scope" }),
                www_authenticate: Some(
                    "Bearer realm=\"oauthctl-demo\", error=\"insufficient_scope\", scope=\"openid\""
                        .to_owned(),
                ),
            };
        }
        Reply::Json {
            status: 200,
            body: json!({ "sub": USER, "preferred_username": USER, "name": "Demo User" }),
            www_authenticate: None,
        }
    }
}

/// `base` with the pairs appended to its query.
fn redirect_url(base: &str, pairs: &[(&str, &str)]) -> String {
    match url::Url::parse(base) {
        Ok(mut url) => {
            url.query_pairs_mut().extend_pairs(pairs);
            url.to_string()
        }
        Err(_) => base.to_owned(),
    }
}

fn redirect(base: &str, pairs: &[(&str, &str)], status: u16) -> Reply {
    Reply::Redirect {
        status,
        location: redirect_url(base, pairs),
    }
}

/// RFC 6749 §4.1.2.1: the redirect URI of the one trusted client, or the
/// page that says why there is none (never a redirect then).
fn trusted_redirect_uri(params: &Params) -> Result<&str, Reply> {
    match params.get("client_id") {
        Some(CLIENT_ID) => {}
        Some(other) => {
            return Err(page_error(&format!(
                "Unknown client `{}`: this demo server knows only `{CLIENT_ID}`.",
                clip(other)
            )));
        }
        None => return Err(page_error("The login request has no client_id.")),
    }
    let Some(redirect_uri) = params.get("redirect_uri") else {
        return Err(page_error("The login request has no redirect_uri."));
    };
    if !valid_redirect_uri(redirect_uri) {
        return Err(page_error(&format!(
            "The redirect_uri `{}` is not registered: `{CLIENT_ID}` may only use \
         http://127.0.0.1:PORT/callback (any port, RFC 8252).",
            clip(redirect_uri)
        )));
    }
    Ok(redirect_uri)
}

/// RFC 7636 with S256 only: the code challenge, or what is wrong with it.
fn pkce_challenge(params: &Params) -> Result<&str, &'static str> {
    let code_challenge = params
        .get("code_challenge")
        .ok_or("PKCE is required: send code_challenge and code_challenge_method=S256")?;
    if params.get("code_challenge_method") != Some("S256") {
        return Err("code_challenge_method must be S256 (plain is not allowed)");
    }
    if code_challenge.len() != 43 || !valid_pkce_value(code_challenge) {
        return Err("code_challenge must be a base64url SHA-256 (43 characters)");
    }
    Ok(code_challenge)
}

#[cfg(test)]
mod tests {
    use super::*;

    const REDIRECT: &str = "http://127.0.0.1:4567/callback";
    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    fn state(auto: bool) -> State {
        State::new("http://127.0.0.1:9".to_owned(), auto).unwrap()
    }

    fn get(state: &mut State, path: &str, query: &str) -> Reply {
        state.handle(&Request {
            method: Method::Get,
            path,
            query,
            content_type: None,
            authorization: None,
            body: b"",
        })
    }

    fn post(state: &mut State, path: &str, body: &str) -> Reply {
        state.handle(&Request {
            method: Method::Post,
            path,
            query: "",
            content_type: Some("application/x-www-form-urlencoded"),
            authorization: None,
            body: body.as_bytes(),
        })
    }

    fn json_of(reply: &Reply) -> &Value {
        match reply {
            Reply::Json { body, .. } => body,
            other => panic!("not JSON: {other:?}"),
        }
    }

    fn location(reply: &Reply) -> url::Url {
        match reply {
            Reply::Redirect { location, .. } => url::Url::parse(location).unwrap(),
            other => panic!("not a redirect: {other:?}"),
        }
    }

    fn query_value(url: &url::Url, key: &str) -> Option<String> {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    }

    fn authorize_query(scope: &str) -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("response_type", "code")
            .append_pair("client_id", CLIENT_ID)
            .append_pair("redirect_uri", REDIRECT)
            .append_pair("state", "st")
            .append_pair("nonce", "nn")
            .append_pair("scope", scope)
            .append_pair("code_challenge", &pkce::challenge(VERIFIER))
            .append_pair("code_challenge_method", "S256")
            .finish()
    }

    fn code_for(state: &mut State, scope: &str) -> String {
        let reply = get(state, "/authorize", &authorize_query(scope));
        let url = location(&reply);
        assert_eq!(query_value(&url, "state").as_deref(), Some("st"));
        assert_eq!(
            query_value(&url, "iss").as_deref(),
            Some("http://127.0.0.1:9")
        );
        query_value(&url, "code").unwrap()
    }

    fn redeem(state: &mut State, code: &str) -> Reply {
        post(
            state,
            "/token",
            &format!(
                "grant_type=authorization_code&client_id=demo-cli&code={code}&redirect_uri={}&code_verifier={VERIFIER}",
                form_urlencoded::byte_serialize(REDIRECT.as_bytes()).collect::<String>()
            ),
        )
    }

    fn hello_with(state: &mut State, token: &str) -> Reply {
        state.handle(&Request {
            method: Method::Get,
            path: "/api/hello",
            query: "",
            content_type: None,
            authorization: Some(&format!("Bearer {token}")),
            body: b"",
        })
    }

    #[test]
    fn the_whole_code_flow() {
        let mut s = state(true);
        let code = code_for(&mut s, "openid offline_access");
        let reply = redeem(&mut s, &code);
        let body = json_of(&reply).clone();
        assert_eq!(reply.status(), 200, "{body}");
        assert_eq!(body["expires_in"], 3600);
        let id_token = crate::decode_jwt(body["id_token"].as_str().unwrap()).unwrap();
        assert_eq!(id_token.1["nonce"], "nn");
        let access = body["access_token"].as_str().unwrap();
        let claims = crate::decode_jwt(access).unwrap().1;
        assert_eq!(claims["sub"], USER);
        assert_eq!(claims["scope"], "openid offline_access");

        let hello = hello_with(&mut s, access);
        assert_eq!(hello.status(), 200);
        assert_eq!(json_of(&hello)["message"], "Hello, demo-user!");

        // Rotation: the new refresh token works, the old one revokes everything.
        let old_rt = body["refresh_token"].as_str().unwrap().to_owned();
        let refreshed = post(
            &mut s,
            "/token",
            &format!("grant_type=refresh_token&client_id=demo-cli&refresh_token={old_rt}"),
        );
        assert_eq!(refreshed.status(), 200);
        let new_access = json_of(&refreshed)["access_token"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_ne!(
            json_of(&refreshed)["refresh_token"].as_str().unwrap(),
            old_rt
        );
        let replay = post(
            &mut s,
            "/token",
            &format!("grant_type=refresh_token&client_id=demo-cli&refresh_token={old_rt}"),
        );
        assert_eq!(json_of(&replay)["error"], "invalid_grant");
        assert_eq!(hello_with(&mut s, &new_access).status(), 401);
    }

    #[test]
    fn pkce_is_required() {
        let mut s = state(true);
        let query = authorize_query("openid")
            .replace("code_challenge_method=S256", "code_challenge_method=plain");
        let url = location(&get(&mut s, "/authorize", &query));
        assert_eq!(
            query_value(&url, "error").as_deref(),
            Some("invalid_request")
        );
        assert_eq!(query_value(&url, "state").as_deref(), Some("st"));

        let code = code_for(&mut s, "openid");
        let wrong = post(
            &mut s,
            "/token",
            &format!(
                "grant_type=authorization_code&client_id=demo-cli&code={code}&redirect_uri={REDIRECT}&code_verifier={}",
                "a".repeat(43)
            ),
        );
        assert_eq!(json_of(&wrong)["error"], "invalid_grant");
        // A failed attempt burns the code.
        assert_eq!(json_of(&redeem(&mut s, &code))["error"], "invalid_grant");
    }

    #[test]
    fn untrusted_clients_and_redirects_get_a_page_not_a_redirect() {
        let mut s = state(true);
        for query in [
            authorize_query("openid").replace("demo-cli", "evil"),
            authorize_query("openid").replace("127.0.0.1", "evil.example"),
            authorize_query("openid").replace("callback", "elsewhere"),
            String::new(),
            "%%%&&&==".to_owned(),
        ] {
            let reply = get(&mut s, "/authorize", &query);
            assert!(
                matches!(reply, Reply::Html { status: 400, .. }),
                "{reply:?}"
            );
        }
        assert!(valid_redirect_uri("http://127.0.0.1:1/callback"));
        assert!(valid_redirect_uri("http://[::1]:65535/callback"));
        assert!(!valid_redirect_uri("http://localhost:1/callback"));
        assert!(!valid_redirect_uri("http://127.0.0.1:1/callback?x=1"));
        assert!(!valid_redirect_uri("https://127.0.0.1:1/callback"));
    }

    #[test]
    fn consent_then_deny() {
        let mut s = state(false);
        let reply = get(&mut s, "/authorize", &authorize_query("openid"));
        let Reply::Html { status: 200, body } = reply else {
            panic!("{reply:?}")
        };
        let id = body
            .split("name=\"request_id\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap()
            .to_owned();
        let denied = post(
            &mut s,
            "/authorize/decision",
            &format!("request_id={id}&decision=deny"),
        );
        let url = location(&denied);
        assert_eq!(query_value(&url, "error").as_deref(), Some("access_denied"));
        // Answered once only.
        let again = post(
            &mut s,
            "/authorize/decision",
            &format!("request_id={id}&decision=approve"),
        );
        assert_eq!(again.status(), 400);
    }

    #[test]
    fn device_flow() {
        let mut s = state(false);
        let reply = post(
            &mut s,
            "/device_authorization",
            "client_id=demo-cli&scope=openid",
        );
        let body = json_of(&reply).clone();
        assert_eq!(body["interval"], 1);
        let device_code = body["device_code"].as_str().unwrap();
        let user_code = body["user_code"].as_str().unwrap();
        let poll = format!(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=demo-cli&device_code={device_code}"
        );
        assert_eq!(
            json_of(&post(&mut s, "/token", &poll))["error"],
            "authorization_pending"
        );
        assert_eq!(
            json_of(&post(&mut s, "/token", &poll))["error"],
            "slow_down"
        );
        let typed = user_code.to_lowercase().replace('-', " ");
        let approved = post(
            &mut s,
            "/device",
            &format!("user_code={typed}&decision=approve"),
        );
        assert_eq!(approved.status(), 200);
        let tokens = post(&mut s, "/token", &poll);
        assert_eq!(tokens.status(), 200, "{:?}", json_of(&tokens));
        assert_eq!(
            json_of(&post(&mut s, "/token", &poll))["error"],
            "invalid_grant"
        );
    }

    #[test]
    fn revocation_ends_access() {
        let mut s = state(true);
        let code = code_for(&mut s, "openid");
        let body = json_of(&redeem(&mut s, &code)).clone();
        assert!(body.get("refresh_token").is_none(), "no offline_access");
        let access = body["access_token"].as_str().unwrap();
        let revoked = post(
            &mut s,
            "/revoke",
            &format!("client_id=demo-cli&token={access}&token_type_hint=access_token"),
        );
        assert_eq!(revoked.status(), 200);
        let reply = hello_with(&mut s, access);
        let Reply::Json {
            status: 401,
            www_authenticate: Some(challenge),
            ..
        } = &reply
        else {
            panic!("{reply:?}")
        };
        assert!(challenge.contains("error=\"invalid_token\""));
        // Unknown tokens are fine to revoke (RFC 7009 §2.2).
        assert_eq!(
            post(&mut s, "/revoke", "client_id=demo-cli&token=nope").status(),
            200
        );
    }

    #[test]
    fn garbage_never_panics() {
        let mut s = state(false);
        let long = "a".repeat(100_000);
        let bodies = [
            "",
            "%",
            "=&=&",
            "grant_type=authorization_code&grant_type=refresh_token",
            "\u{0}\u{ff}",
            long.as_str(),
        ];
        for path in [
            "/token",
            "/revoke",
            "/device",
            "/device_authorization",
            "/authorize/decision",
            "/authorize",
            "/api/hello",
            "/userinfo",
            "/nope",
        ] {
            for body in bodies {
                for content_type in [None, Some("application/json"), Some("text/plain")] {
                    for method in [Method::Get, Method::Post, Method::Other] {
                        let reply = s.handle(&Request {
                            method,
                            path,
                            query: body,
                            content_type,
                            authorization: Some(body),
                            body: body.as_bytes(),
                        });
                        let page = method == Method::Get && path == "/device";
                        assert!(page || reply.status() >= 400, "{path} {body:.20} {reply:?}");
                    }
                }
            }
        }
        let reply = post(
            &mut s,
            "/token",
            "grant_type=refresh_token&client_id=demo-cli",
        );
        assert_eq!(json_of(&reply)["error"], "invalid_request");
        let reply = post(&mut s, "/token", "grant_type=password&client_id=demo-cli");
        assert_eq!(json_of(&reply)["error"], "unsupported_grant_type");
        let reply = post(&mut s, "/token", "grant_type=refresh_token&client_id=other");
        assert_eq!(reply.status(), 401);
    }
}
