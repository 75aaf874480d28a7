//! A real Keycloak 26 for the tests of `keycloak.rs`: started once per test
//! run by `scripts/keycloak.sh` (which `scripts/test.sh` runs the suite in),
//! with the realm `tests/keycloak/realm-oauthctl.json` imported. The tests
//! find it at `$OAUTHCTL_TEST_KEYCLOAK` (`http://127.0.0.1:PORT`); without it
//! they skip with a `SKIPPED` line, unless `OAUTHCTL_REQUIRE_KEYCLOAK=1` makes
//! that a failure.
//!
//! Every test shares the one server, so a test that changes state (logs a
//! user in, rotates a refresh token, revokes a session) does it as a user of
//! its own; see the realm file for who is for what. The realm in short:
//! - users `alice`, `dave`, `paula`, … (password [`PASSWORD`], each with an
//!   e-mail and names, so Keycloak asks nothing more at login);
//! - `cli-public`: public, PKCE S256 required, loopback redirect, password
//!   grant; its access tokens have `tx-backend` in their audience;
//! - `cli-device`: public, the device flow (with a PKCE method set on the
//!   client, Keycloak would want PKCE on device requests too);
//! - `cli-par`: public, must push its authorization requests (RFC 9126);
//! - `ci-basic` (client_secret_basic or _post), `ci-key` (private_key_jwt,
//!   `tests/keycloak/test-only-ci-key.key.pem`), `ci-secret-jwt`
//!   (client_secret_jwt): client credentials;
//! - `web-basic`: confidential, password grant (introspect, logout);
//! - `cli-key`: confidential with `ci-key`'s key (private_key_jwt), the
//!   password grant and the device flow, for revocation and device
//!   requests with client assertions (user `kate`);
//! - `tx-backend`: standard token exchange (V2) to the audience `tx-api`;
//! - `cli-dpop`, `ci-dpop`: DPoP-bound tokens (for the DPoP tests to come);
//! - `test-admin`: reads events and users through the admin API;
//! - refresh tokens rotate (`revokeRefreshToken`, max reuse 0), access tokens
//!   live 300 s, events are stored;
//! - anonymous client registration (RFC 7591) is allowed from 127.0.0.1 for
//!   loopback redirect URIs, with Keycloak's default consent requirement.

use super::oidc::http_client;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;

use super::webdriver::{Browser, Element, Session};

/// The switch that makes a missing Keycloak a failure (`scripts/test.sh`).
pub const SWITCHES: &[&str] = &["OAUTHCTL_REQUIRE_KEYCLOAK"];
/// Every user's password.
pub const PASSWORD: &str = "test-password";
/// `ci-basic`'s secret: characters a Basic header must form-encode.
pub const CI_BASIC_SECRET: &str = "p@ss:w/rd+&=%~ x";
pub const WEB_BASIC_SECRET: &str = "web-basic-secret-123";
pub const CLIENT_SECRET_JWT_SECRET: &str = "client-secret-jwt-0123456789-abcdefghijklmnopqrs";
pub const TX_BACKEND_SECRET: &str = "tx-backend-secret-123";
/// `ci-dpop`'s secret (client credentials, DPoP-bound tokens).
pub const CI_DPOP_SECRET: &str = "ci-dpop-secret-123";
const TEST_ADMIN_SECRET: &str = "test-admin-secret-123";
/// The realm's access token lifetime.
pub const ACCESS_TOKEN_TTL: u64 = 300;

const HTTP_TIMEOUT: Duration = Duration::from_secs(30);
/// One page step in Chromium; Keycloak's pages are slow on two busy cores.
pub const PAGE_WAIT: Duration = Duration::from_secs(60);

/// The running Keycloak.
pub struct Keycloak {
    base: String,
}

impl Keycloak {
    /// The Keycloak of this test run, or `None` (a `SKIPPED` line, or a
    /// failure under `OAUTHCTL_REQUIRE_KEYCLOAK=1`) when none was started.
    pub fn get() -> Option<&'static Keycloak> {
        static KEYCLOAK: OnceLock<Option<Keycloak>> = OnceLock::new();
        let keycloak = KEYCLOAK
            .get_or_init(|| {
                let base = std::env::var("OAUTHCTL_TEST_KEYCLOAK").ok()?;
                let keycloak = Keycloak {
                    base: base.trim_end_matches('/').to_owned(),
                };
                let discovery = format!("{}/.well-known/openid-configuration", keycloak.issuer());
                let status = http_client()
                    .get(&discovery)
                    .send()
                    .map(|r| r.status().as_u16())
                    .unwrap_or_else(|e| {
                        panic!("OAUTHCTL_TEST_KEYCLOAK is set, but {discovery}: {e}")
                    });
                assert_eq!(
                    status, 200,
                    "OAUTHCTL_TEST_KEYCLOAK is set, but {discovery} answered {status}"
                );
                Some(keycloak)
            })
            .as_ref();
        if keycloak.is_none() {
            super::skip(
                "OAUTHCTL_TEST_KEYCLOAK is not set (run the tests inside `bash scripts/keycloak.sh`; scripts/test.sh does)",
                SWITCHES,
            );
        }
        keycloak
    }

    /// `http://127.0.0.1:PORT`
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `http://127.0.0.1:PORT/realms/oauthctl`
    pub fn issuer(&self) -> String {
        format!("{}/realms/oauthctl", self.base)
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}/protocol/openid-connect/{path}", self.issuer())
    }

    pub fn auth_url(&self) -> String {
        self.endpoint("auth")
    }

    pub fn token_url(&self) -> String {
        self.endpoint("token")
    }

    pub fn userinfo_url(&self) -> String {
        self.endpoint("userinfo")
    }

    pub fn introspection_url(&self) -> String {
        self.endpoint("token/introspect")
    }

    /// A config whose profile `name` is `client_id` on this realm, by
    /// discovery, with `extra` TOML lines.
    pub fn profile(&self, name: &str, client_id: &str, scopes: &[&str], extra: &str) -> String {
        let scopes: Vec<String> = scopes.iter().map(|s| format!("{s:?}")).collect();
        format!(
            "[profiles.{name}]\nissuer = \"{}\"\nclient_id = \"{client_id}\"\nscopes = [{}]\n{extra}\n",
            self.issuer(),
            scopes.join(", ")
        )
    }

    /// Calls userinfo with the token: the status and the JSON body.
    pub fn userinfo(&self, access_token: &str) -> (u16, Value) {
        let resp = http_client()
            .get(self.userinfo_url())
            .bearer_auth(access_token)
            .send()
            .expect("GET userinfo");
        let status = resp.status().as_u16();
        (status, json_body(resp))
    }

    /// Userinfo must accept the token; returns its claims.
    #[track_caller]
    pub fn assert_token_accepted(&self, access_token: &str) -> Value {
        let (status, body) = self.userinfo(access_token);
        assert_eq!(status, 200, "Keycloak's userinfo refused the token: {body}");
        body
    }

    /// Introspects a token as `ci-basic` (RFC 7662): Keycloak's answer.
    pub fn introspect(&self, token: &str, hint: &str) -> Value {
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("token", token)
            .append_pair("token_type_hint", hint)
            .finish();
        let resp = http_client()
            .post(self.introspection_url())
            .header(
                "Authorization",
                super::fake::basic_header("ci-basic", CI_BASIC_SECRET),
            )
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .expect("POST introspection");
        assert_eq!(resp.status().as_u16(), 200, "introspection");
        json_body(resp)
    }

    /// A token request as `client_id` (with `secret` in a Basic header, or
    /// none for a public client): status and JSON body.
    pub fn raw_token_request(
        &self,
        client_id: &str,
        secret: Option<&str>,
        params: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for (k, v) in params {
            form.append_pair(k, v);
        }
        if secret.is_none() {
            form.append_pair("client_id", client_id);
        }
        let mut req = http_client()
            .post(self.token_url())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(form.finish());
        if let Some(secret) = secret {
            req = req.header(
                "Authorization",
                super::fake::basic_header(client_id, secret),
            );
        }
        let resp = req.send().expect("POST token");
        let status = resp.status().as_u16();
        (status, json_body(resp))
    }

    /// An admin API token (the `test-admin` service account).
    fn admin_token(&self) -> String {
        let (status, body) = self.raw_token_request(
            "test-admin",
            Some(TEST_ADMIN_SECRET),
            &[("grant_type", "client_credentials")],
        );
        assert_eq!(status, 200, "test-admin's token: {body}");
        body["access_token"].as_str().unwrap().to_owned()
    }

    /// GET on the realm's admin API (`/admin/realms/oauthctl/PATH`).
    pub fn admin_get(&self, path: &str) -> Value {
        let url = format!("{}/admin/realms/oauthctl/{path}", self.base);
        let resp = http_client()
            .get(&url)
            .bearer_auth(self.admin_token())
            .send()
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let status = resp.status().as_u16();
        let body = json_body(resp);
        assert_eq!(status, 200, "GET {url}: {body}");
        body
    }

    /// POST (no body) on the realm's admin API: the status.
    pub fn admin_post(&self, path: &str) -> u16 {
        let url = format!("{}/admin/realms/oauthctl/{path}", self.base);
        http_client()
            .post(&url)
            .bearer_auth(self.admin_token())
            .send()
            .unwrap_or_else(|e| panic!("POST {url}: {e}"))
            .status()
            .as_u16()
    }

    /// A user's id (the `sub` of their tokens).
    pub fn user_id(&self, username: &str) -> String {
        let users = self.admin_get(&format!("users?exact=true&username={username}"));
        users[0]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no user {username}: {users}"))
            .to_owned()
    }

    /// The stored events of `event_type` (e.g. `REFRESH_TOKEN`) for a user,
    /// newest first.
    pub fn user_events(&self, username: &str, event_type: &str) -> Vec<Value> {
        let id = self.user_id(username);
        let events = self.admin_get(&format!("events?user={id}&type={event_type}&max=1000"));
        events.as_array().cloned().unwrap_or_default()
    }

    /// The stored events of `event_type` (e.g. `CLIENT_LOGIN_ERROR`) for a
    /// client.
    pub fn client_events(&self, client_id: &str, event_type: &str) -> Vec<Value> {
        let events = self.admin_get(&format!(
            "events?client={client_id}&type={event_type}&max=1000"
        ));
        events.as_array().cloned().unwrap_or_default()
    }

    /// Ends every session of the user (their refresh tokens die with them).
    pub fn log_out_everywhere(&self, username: &str) {
        let id = self.user_id(username);
        let status = self.admin_post(&format!("users/{id}/logout"));
        assert_eq!(status, 204, "logging {username} out");
    }
}

/// The test-only private key of `ci-key` (its certificate is in the realm),
/// copied to `dir` with mode 0600 (git keeps no modes, and oauthctl warns of
/// a key others can read).
pub fn ci_key(dir: &Path) -> PathBuf {
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/keycloak/test-only-ci-key.key.pem");
    let path = dir.join("ci-key.pem");
    std::fs::copy(&source, &path).unwrap_or_else(|e| panic!("copy {}: {e}", source.display()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    path
}

/// The claims of a JWT (not verified: Keycloak made it, the tests read it).
#[track_caller]
pub fn jwt_claims(jwt: &str) -> Value {
    let payload = jwt
        .split('.')
        .nth(1)
        .unwrap_or_else(|| panic!("not a JWT: {jwt:.40}…"));
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .expect("a base64url JWT payload");
    serde_json::from_slice(&bytes).expect("JSON JWT claims")
}

fn json_body(resp: reqwest::blocking::Response) -> Value {
    let text = resp.text().unwrap_or_default();
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

// ---------------------------------------------------------------------------
// Keycloak's real pages in headless Chromium.

/// Where screenshots of stuck pages go: `target/tmp/test-output/keycloak/`.
fn output_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-output/keycloak")
}

/// Walks Keycloak's pages in Chromium as `username` would, until `done`
/// gives something: signs in on the login form (`#username`, `#password`,
/// `#kc-login`), then accepts whatever Keycloak asks next (the consent page's
/// Yes, the device page's confirmation: the page's `#kc-login` or its one
/// submit button). Fails with the page's text and a screenshot when no step
/// is possible or `done` never holds.
pub fn sign_in<T>(
    browser: &Browser,
    username: &str,
    mut done: impl FnMut(&Session) -> Option<T>,
) -> T {
    const MAX_STEPS: usize = 8;
    let mut steps = Vec::new();
    for _ in 0..MAX_STEPS {
        let next = browser.wait_until(PAGE_WAIT, |s| {
            if let Some(found) = done(s) {
                return Some(Ok(found));
            }
            next_step(s).map(Err)
        });
        let element = match next {
            Some(Ok(found)) => return found,
            Some(Err(step)) => step,
            None => break,
        };
        match element {
            Step::LogIn(form) => {
                browser.send_keys(&form.username, username).unwrap();
                browser.send_keys(&form.password, PASSWORD).unwrap();
                steps.push(format!("logged in as {username} at {}", url(browser)));
                browser.click(&form.submit).unwrap();
                wait_gone(browser, &form.submit);
            }
            Step::Accept(button) => {
                steps.push(format!("accepted at {}", url(browser)));
                browser.click(&button).unwrap();
                wait_gone(browser, &button);
            }
        }
    }
    let shot = browser.save_screenshot(&output_dir().join(format!("{}.png", super::test_name())));
    panic!(
        "Keycloak's pages led nowhere after {steps:?}; at {} ({shot:?}):\n{}",
        url(browser),
        browser.body_text().unwrap_or_default()
    );
}

struct LoginForm {
    username: Element,
    password: Element,
    submit: Element,
}

enum Step {
    LogIn(LoginForm),
    Accept(Element),
}

/// What can be done on the page shown: fill the login form, or press its
/// button (`#kc-login`, else the only submit button).
fn next_step(s: &Session) -> Option<Step> {
    if let (Ok(username), Ok(password), Ok(submit)) = (
        s.find("#username"),
        s.find("#password"),
        s.find("#kc-login"),
    ) {
        return Some(Step::LogIn(LoginForm {
            username,
            password,
            submit,
        }));
    }
    s.find("#kc-login")
        .or_else(|_| s.find("form input[type=submit], form button[type=submit]"))
        .ok()
        .map(Step::Accept)
}

/// Waits (bounded) until the page that had `element` has gone.
fn wait_gone(browser: &Browser, element: &Element) {
    let gone = browser.wait_until(PAGE_WAIT, |s| s.text(element).is_err().then_some(()));
    if gone.is_none() {
        panic!(
            "Keycloak's page at {} stayed after the click:\n{}",
            url(browser),
            browser.body_text().unwrap_or_default()
        );
    }
}

fn url(browser: &Browser) -> String {
    browser.current_url().unwrap_or_default()
}

/// For [`sign_in`]: oauthctl's own page on the loopback `port` (by its
/// title), with its rendered text.
pub fn listener_page(port: u16) -> impl FnMut(&Session) -> Option<String> {
    let prefix = format!("http://127.0.0.1:{port}/");
    move |s: &Session| {
        let url = s.current_url().ok()?;
        let title = s.title().ok()?;
        (url.starts_with(&prefix) && title.starts_with("oauthctl:"))
            .then(|| s.body_text().ok())
            .flatten()
    }
}
