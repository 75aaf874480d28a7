//! A real authorization server for the tests: `tests/provider/server.mjs`
//! (panva's oidc-provider, OpenID Certified) run by Node, plus a scripted
//! "test browser" that logs in through its devInteractions pages.
//!
//! The server's fixed clients, scopes and test endpoints are documented at the
//! top of `tests/provider/server.mjs`. In short:
//! - `cli-public` (public, native, code + refresh + device code),
//! - `web-basic` / `web-post` (confidential, code + refresh + client credentials),
//! - `ci-basic` / `ci-post` (client credentials only),
//! - access tokens are opaque and live 300 s; `/api/me` accepts any valid one;
//! - `/test/stats` counts token requests by grant type.
//!
//! Without Node >= 20.19 or `npm ci` in tests/provider, [`OidcProvider::start`]
//! gives `None` and the test skips with a `SKIPPED` line, unless one of
//! [`NODE_SWITCHES`] makes that a failure.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{OnceLock, mpsc};
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::Digest as _;

/// The special-character secret of `web-basic` and `ci-basic`: every
/// character RFC 6749 §2.3.1 makes a Basic client encode.
pub const SPECIAL_SECRET: &str = "p@ss:w/rd+&=%~ x";
pub const WEB_POST_SECRET: &str = "post-secret-123";
pub const CI_POST_SECRET: &str = "ci-post-secret";
/// The secret of `ci-secret-jwt` (client_secret_jwt): 48 characters.
pub const CLIENT_SECRET_JWT_SECRET: &str = "client-secret-jwt-0123456789-abcdefghijklmnopqrs";
/// The redirect URI registered for every interactive client. The clients are
/// `native`, so any port on `http://127.0.0.1/callback` is accepted (RFC 8252).
pub const REDIRECT_URI: &str = "http://127.0.0.1/callback";
/// Access token lifetime configured in the server.
pub const ACCESS_TOKEN_TTL: u64 = 300;

// A bound, not a measure: on two busy cores (a release build beside the
// tests) generating the key clients' keys alone has taken over 20 s, and
// the whole suite beside Keycloak once took over a minute.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(60);
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);
/// Upper bound on requests the test browser makes for one flow.
const MAX_BROWSER_STEPS: usize = 20;

/// One running `server.mjs`. Killed and reaped on drop.
pub struct OidcProvider {
    child: Child,
    /// Held open: the server exits when it closes (`--exit-with-stdin`), so a
    /// crashed test run cannot leave it behind.
    stdin: Option<ChildStdin>,
    issuer: String,
    stderr_path: PathBuf,
    /// Where the server wrote the private keys of its key clients, when
    /// started with [`OidcProvider::start_with_client_keys`].
    key_dir: Option<PathBuf>,
    /// The CA of an https provider's certificate, which [`OidcProvider::stats`] trusts.
    ca: Option<PathBuf>,
    _dir: tempfile::TempDir,
}

/// What makes a missing Node a failure rather than a skip: its own switch,
/// and those of the suites that log in on its pages (browser, keychain).
pub const NODE_SWITCHES: &[&str] = &[
    "OAUTHCTL_REQUIRE_NODE",
    "OAUTHCTL_REQUIRE_BROWSER",
    "OAUTHCTL_REQUIRE_KEYRING",
];

fn provider_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/provider")
}

fn node() -> std::ffi::OsString {
    std::env::var_os("OAUTHCTL_TEST_NODE").unwrap_or_else(|| "node".into())
}

/// Why the server cannot run on this machine (checked once): no Node >= 20.19,
/// or no `npm ci` in tests/provider.
fn unavailable() -> Option<&'static str> {
    static WHY: OnceLock<Option<String>> = OnceLock::new();
    WHY.get_or_init(|| {
        let modules = provider_dir().join("node_modules/oidc-provider");
        if !modules.is_dir() {
            return Some(format!(
                "{} is missing (run `npm ci` in tests/provider; scripts/test.sh does)",
                modules.display()
            ));
        }
        let node = node();
        let version = match super::bounded(Command::new(&node))
            .arg("--version")
            .limit(Duration::from_secs(30))
            .output()
        {
            Ok(out) if out.status.success() => {
                String::from_utf8_lossy(&out.stdout).trim().to_owned()
            }
            Ok(out) => return Some(format!("{node:?} --version failed ({})", out.status)),
            Err(e) => {
                return Some(format!(
                    "cannot run {node:?} (Node >= 20.19 is needed): {e}"
                ));
            }
        };
        let numbers: Vec<u32> = version
            .trim_start_matches('v')
            .split('.')
            .map_while(|n| n.parse().ok())
            .collect();
        match numbers[..] {
            [major, minor, ..] if (major, minor) >= (20, 19) => None,
            _ => Some(format!("Node >= 20.19 is needed, {node:?} is {version}")),
        }
    })
    .as_deref()
}

/// The files of a provider started with [`OidcProvider::start_tls`]: the CA
/// that signed its certificate, and a client certificate (`CN=mtls-client`)
/// from the same CA, which the `ci-mtls` client authenticates with.
pub struct TestTls {
    pub ca: PathBuf,
    pub client_cert: PathBuf,
    pub client_key: PathBuf,
    /// A self-signed certificate (`CN=self-signed-client`) that the
    /// `ci-mtls-self` client (self_signed_tls_client_auth) has in its JWKS.
    pub self_signed_cert: PathBuf,
    pub self_signed_key: PathBuf,
}

fn temp_dir(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("temp dir for the provider")
}

impl OidcProvider {
    /// Starts a fresh server on a free port and waits (bounded) for its READY
    /// line. Panics with the server's stderr if it does not come up. Without
    /// Node or its packages: `None` and a `SKIPPED` line, or a failure when
    /// one of [`NODE_SWITCHES`] is set.
    pub fn start() -> Option<Self> {
        if let Some(why) = unavailable() {
            super::skip(why, NODE_SWITCHES);
            return None;
        }
        Some(Self::start_server(temp_dir("oauthctl-oidc-"), &[], false))
    }

    /// [`OidcProvider::start`], with the key clients `ci-key`,
    /// `ci-key-issuer` and `ci-secret-jwt` registered and their private keys
    /// in [`OidcProvider::key_path`] (RSA, P-256, P-384 and Ed25519 keys are
    /// made for each start: a few hundred milliseconds more).
    pub fn start_with_client_keys() -> Option<Self> {
        if let Some(why) = unavailable() {
            super::skip(why, NODE_SWITCHES);
            return None;
        }
        Some(Self::start_server(temp_dir("oauthctl-oidc-"), &[], true))
    }

    /// A client assertion for `client_id`, signed with the provider's key
    /// file `key` (see [`OidcProvider::key_path`]), for the token endpoint:
    /// what a pre-signed assertion or a CI runner's OIDC token stands for.
    pub fn sign_assertion(&self, key: &str, alg: &str, kid: &str, client_id: &str) -> String {
        self.sign_aged_assertion(key, alg, kid, client_id, 0)
    }

    /// [`OidcProvider::sign_assertion`] made `age` seconds ago: over 60, it
    /// has expired.
    pub fn sign_aged_assertion(
        &self,
        key: &str,
        alg: &str,
        kid: &str,
        client_id: &str,
        age: u64,
    ) -> String {
        let mut cmd = Command::new(node());
        cmd.arg(provider_dir().join("sign.mjs"))
            .arg(self.key_path(key))
            .args([alg, kid, client_id, &self.token_url(), &age.to_string()])
            .current_dir(provider_dir());
        let out = super::bounded(cmd).output().expect("run node sign.mjs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    }

    /// The command line that prints a fresh assertion, as
    /// `--client-assertion-cmd` would run it.
    pub fn sign_assertion_command(
        &self,
        key: &str,
        alg: &str,
        kid: &str,
        client_id: &str,
    ) -> String {
        format!(
            "'{}' '{}' '{}' {alg} {kid} {client_id} '{}'",
            node().to_string_lossy(),
            provider_dir().join("sign.mjs").display(),
            self.key_path(key).display(),
            self.token_url()
        )
    }

    /// A private key file the server wrote: `rsa.pkcs8.pem`, `rsa.pkcs1.pem`,
    /// `rsa.jwk.json`, `p256.pkcs8.pem`, `p256.sec1.pem`, `p256.jwk.json`,
    /// `p384.pkcs8.pem`, `p384.sec1.pem`, `ed25519.pkcs8.pem`,
    /// `ed25519.jwk.json` (kids `rsa`, `p256`, `p384`, `ed25519`), or
    /// `other.pkcs8.pem` (registered nowhere). Files are mode 0600.
    #[track_caller]
    pub fn key_path(&self, name: &str) -> PathBuf {
        let dir = self
            .key_dir
            .as_ref()
            .expect("start the provider with OidcProvider::start_with_client_keys");
        let path = dir.join(name);
        assert!(path.is_file(), "the provider wrote no {}", path.display());
        path
    }

    /// The same server on https, with a certificate for 127.0.0.1 from a test
    /// CA made here with openssl; also returns the CA's PEM file, which a
    /// client must be told to trust (`--cacert`).
    pub fn start_tls() -> Option<(Self, TestTls)> {
        Self::start_tls_with(temp_dir("oauthctl-oidc-tls-"), Vec::new())
    }

    /// [`OidcProvider::start_tls`], taking an https URL as client id
    /// (Client ID Metadata Documents) and hosting, at
    /// `ISSUER/clients/NAME`, the file NAME of the directory returned, which
    /// a test writes the documents into; with `registration` false it has
    /// no RFC 7591 registration endpoint.
    pub fn start_cimd(registration: bool) -> Option<(Self, TestTls, PathBuf)> {
        let dir = temp_dir("oauthctl-oidc-cimd-");
        let clients = dir.path().join("clients");
        std::fs::create_dir(&clients).expect("create the documents' directory");
        let mut env = vec![
            ("OAUTHCTL_TEST_CIMD_DIR", clients.clone().into_os_string()),
            // The fetch of a document trusts the tests' CA.
            (
                "NODE_EXTRA_CA_CERTS",
                dir.path().join("ca.pem").into_os_string(),
            ),
        ];
        if !registration {
            env.push(("OAUTHCTL_TEST_NO_REGISTRATION", "1".into()));
        }
        let (op, tls) = Self::start_tls_with(dir, env)?;
        Some((op, tls, clients))
    }

    fn start_tls_with(
        dir: tempfile::TempDir,
        extra: Vec<(&str, std::ffi::OsString)>,
    ) -> Option<(Self, TestTls)> {
        if let Some(why) = unavailable() {
            super::skip(why, NODE_SWITCHES);
            return None;
        }
        let Some(ca) = super::tls::TestCa::create(dir.path()) else {
            super::skip(
                "openssl is not installed (the test CA is made with it)",
                NODE_SWITCHES,
            );
            return None;
        };
        let (cert, key) = ca.server_cert("127.0.0.1");
        let (client_cert, client_key) = ca.client_cert("mtls-client");
        let (self_signed_cert, self_signed_key) = ca.self_signed_cert("self-signed-client");
        let mut env = vec![
            ("OAUTHCTL_TEST_TLS_CERT", cert.into_os_string()),
            ("OAUTHCTL_TEST_TLS_KEY", key.into_os_string()),
            ("OAUTHCTL_TEST_TLS_CA", ca.cert.clone().into_os_string()),
            (
                "OAUTHCTL_TEST_SELF_SIGNED_CERT",
                self_signed_cert.clone().into_os_string(),
            ),
        ];
        env.extend(extra);
        let files = TestTls {
            ca: ca.cert.clone(),
            client_cert,
            client_key,
            self_signed_cert,
            self_signed_key,
        };
        let mut provider = Self::start_server(dir, &env, false);
        provider.ca = Some(files.ca.clone());
        Some((provider, files))
    }

    /// Node's start has been seen to stall (once in some hundred starts,
    /// inside key generation) on a loaded machine: a start that misses its
    /// bound is killed and made once more, in the same directory.
    fn start_server(
        dir: tempfile::TempDir,
        env: &[(&str, std::ffi::OsString)],
        client_keys: bool,
    ) -> Self {
        match Self::try_start_server(dir, env, client_keys) {
            Ok(provider) => provider,
            Err((dir, first)) => {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "oidc-provider did not start, starting it again: {first}"
                );
                Self::try_start_server(dir, env, client_keys)
                    .unwrap_or_else(|(_, why)| panic!("{why}"))
            }
        }
    }

    fn try_start_server(
        dir: tempfile::TempDir,
        env: &[(&str, std::ffi::OsString)],
        client_keys: bool,
    ) -> Result<Self, (tempfile::TempDir, String)> {
        let provider_dir = provider_dir();
        let stderr_path = dir.path().join("server.stderr");
        let stderr_file = std::fs::File::create(&stderr_path).expect("create stderr file");
        let key_dir = client_keys.then(|| dir.path().join("keys"));
        let node = node();
        let started = Instant::now();
        let mut command = Command::new(&node);
        if let Some(key_dir) = &key_dir {
            command.env("OAUTHCTL_TEST_KEY_DIR", key_dir);
        }
        let mut child = command
            .arg(provider_dir.join("server.mjs"))
            .arg("--exit-with-stdin")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .current_dir(&provider_dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // A file, not a pipe: nobody reads stderr while tests run, and a
            // full pipe would block the server.
            .stderr(Stdio::from(stderr_file))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {node:?} (Node >= 20.19 is needed): {e}"));

        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            // Keep draining stdout until EOF so the server never blocks on it.
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(url) = line.strip_prefix("READY ")
                    && let Some(tx) = tx.take()
                {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });

        let stdin = child.stdin.take();
        let mut provider = OidcProvider {
            child,
            stdin,
            issuer: String::new(),
            stderr_path,
            key_dir,
            ca: None,
            _dir: dir,
        };
        match rx.recv_timeout(STARTUP_TIMEOUT) {
            Ok(issuer) => provider.issuer = issuer,
            Err(_) => {
                let status = provider.child.try_wait().ok().flatten();
                provider.kill();
                let why = format!(
                    "oidc-provider did not print READY within {STARTUP_TIMEOUT:?} \
                     (exit status: {status:?})\n--- server stderr\n{}",
                    provider.server_stderr()
                );
                if let Some(keys) = &provider.key_dir {
                    let _ = std::fs::remove_dir_all(keys);
                }
                let placeholder = temp_dir("oauthctl-oidc-");
                let dir = std::mem::replace(&mut provider._dir, placeholder);
                return Err((dir, why));
            }
        }
        if std::env::var_os("OAUTHCTL_TEST_VERBOSE").is_some() {
            eprintln!(
                "oidc-provider ready at {} after {:?}",
                provider.issuer,
                started.elapsed()
            );
        }
        Ok(provider)
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    pub fn token_url(&self) -> String {
        format!("{}/token", self.issuer)
    }

    pub fn auth_url(&self) -> String {
        format!("{}/auth", self.issuer)
    }

    pub fn device_url(&self) -> String {
        format!("{}/device/auth", self.issuer)
    }

    pub fn revocation_url(&self) -> String {
        format!("{}/token/revocation", self.issuer)
    }

    pub fn introspection_url(&self) -> String {
        format!("{}/token/introspection", self.issuer)
    }

    /// The protected resource: 200 for a valid access token, else 401.
    pub fn api_url(&self) -> String {
        format!("{}/api/me", self.issuer)
    }

    /// A client for this server's own endpoints: one trusting its CA when
    /// it is on https.
    pub fn client(&self) -> reqwest::blocking::Client {
        match &self.ca {
            Some(ca) => http_client_trusting(ca),
            None => http_client(),
        }
    }

    /// Everything the server wrote on stderr so far (for failure messages).
    pub fn server_stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// Request counts since start or the last `reset_stats`:
    /// `{"grant_types": {"client_credentials": 1, ...}, "token_requests": n,
    ///   "revocation_requests": n, "introspection_requests": n,
    ///   "device_authorization_requests": n, "userinfo_requests": n}`.
    pub fn stats(&self) -> serde_json::Value {
        let resp = self
            .client()
            .get(format!("{}/test/stats", self.issuer))
            .send()
            .expect("GET /test/stats");
        assert_eq!(resp.status().as_u16(), 200, "GET /test/stats");
        serde_json::from_str(&resp.text().expect("stats body")).expect("stats JSON")
    }

    /// How many token requests with this `grant_type` the server has seen.
    pub fn grant_count(&self, grant_type: &str) -> u64 {
        self.stats()["grant_types"][grant_type]
            .as_u64()
            .unwrap_or(0)
    }

    pub fn reset_stats(&self) {
        let resp = self
            .client()
            .post(format!("{}/test/reset", self.issuer))
            .send()
            .expect("POST /test/reset");
        assert_eq!(resp.status().as_u16(), 204, "POST /test/reset");
    }

    /// `oauthctl login --no-browser EXTRA…` through this server's own login
    /// and consent pages (the test browser), to a successful end; returns
    /// the authorization URL oauthctl printed.
    pub fn log_in_through_pages(&self, env: &super::TestEnv, extra: &[&str]) -> String {
        let mut login = env
            .cmd()
            .args(["login", "--no-browser", "--timeout", "60"])
            .args(extra)
            .follow();
        // stderr is read as it comes, so the login never blocks on it.
        let auth_prefix = format!("{}?", self.auth_url());
        let auth_url = login.find_line("authorization URL", Duration::from_secs(20), |line| {
            line.split_whitespace()
                .find(|w| w.starts_with(&auth_prefix))
                .map(str::to_owned)
        });
        let callback = authorize_in_test_browser(&auth_url);
        let (status, page) = deliver_callback(&callback);
        assert_eq!(status, 200, "{page}");
        let done = login.finish(Duration::from_secs(30));
        assert_eq!(done.code, Some(0), "login failed:\n{}", done.stderr);
        auth_url
    }

    /// The login a program `running` on `pty` shows there: waits for this
    /// server's authorization URL on the terminal, signs in through its
    /// pages and sends the browser's redirect to the program's listener.
    /// Returns the URL.
    pub fn answer_login_on_terminal(
        &self,
        pty: &super::pty::Pty,
        running: &mut super::Running,
    ) -> String {
        let prefix = format!("{}?", self.auth_url());
        let url = pty.wait_for_word(&prefix, Duration::from_secs(30), running);
        let (status, page) = deliver_callback(&authorize_in_test_browser(&url));
        assert_eq!(status, 200, "{page}");
        url
    }

    /// Calls `/api/me` with the token as a Bearer header: the status and the
    /// JSON body (`{"sub","client_id","scope","token_kind"}` on 200).
    pub fn api_me(&self, access_token: &str) -> (u16, serde_json::Value) {
        let resp = http_client()
            .get(self.api_url())
            .bearer_auth(access_token)
            .send()
            .expect("GET /api/me");
        let status = resp.status().as_u16();
        let body = resp.text().unwrap_or_default();
        (
            status,
            serde_json::from_str(&body).unwrap_or(serde_json::Value::String(body)),
        )
    }

    /// Asserts the resource server accepts this access token; returns its
    /// `/api/me` answer.
    #[track_caller]
    pub fn assert_token_accepted(&self, access_token: &str) -> serde_json::Value {
        let (status, body) = self.api_me(access_token);
        assert_eq!(
            status, 200,
            "the resource server rejected access token {access_token:?}: {body}"
        );
        body
    }

    /// The authorization URL a client would send a browser to, with PKCE S256
    /// and `prompt=consent` (so `offline_access` is honoured, as OIDC requires).
    pub fn authorization_url(
        &self,
        client_id: &str,
        scopes: &str,
        state: &str,
        pkce: &Pkce,
    ) -> String {
        let mut url = url::Url::parse(&self.auth_url()).unwrap();
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("redirect_uri", REDIRECT_URI)
            .append_pair("scope", scopes)
            .append_pair("state", state)
            .append_pair("prompt", "consent")
            .append_pair("code_challenge", &pkce.challenge)
            .append_pair("code_challenge_method", "S256");
        url.into()
    }

    /// A full authorization-code + PKCE login through the login and consent
    /// pages, then the code exchange: the token response as JSON. A client
    /// whose id ends in `-post` authenticates with `client_secret_post`, any
    /// other client with a secret with `client_secret_basic`.
    pub fn login_with_code(
        &self,
        client_id: &str,
        client_secret: Option<&str>,
        scopes: &str,
    ) -> serde_json::Value {
        let pkce = Pkce::new();
        let state = random_urlsafe(16);
        let auth_url = self.authorization_url(client_id, scopes, &state, &pkce);
        let callback = authorize_in_test_browser(&auth_url);
        let callback = url::Url::parse(&callback).expect("callback URL");
        let param = |name: &str| {
            callback
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())
        };
        assert_eq!(
            param("state").as_deref(),
            Some(state.as_str()),
            "state in {callback}"
        );
        let code = param("code").unwrap_or_else(|| panic!("no code in {callback}"));
        self.token_request(
            client_id,
            client_secret,
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT_URI),
                ("code_verifier", &pkce.verifier),
            ],
        )
    }

    /// Logs in as a user through the real login and consent pages and returns
    /// the refresh token of the resulting grant.
    pub fn obtain_refresh_token(
        &self,
        client_id: &str,
        client_secret: Option<&str>,
        scopes: &str,
    ) -> String {
        let tokens = self.login_with_code(client_id, client_secret, scopes);
        tokens["refresh_token"]
            .as_str()
            .unwrap_or_else(|| panic!("no refresh_token in {tokens}"))
            .to_owned()
    }

    /// A direct token-endpoint request (not through oauthctl), asserting
    /// success: the JSON response.
    pub fn token_request(
        &self,
        client_id: &str,
        client_secret: Option<&str>,
        params: &[(&str, &str)],
    ) -> serde_json::Value {
        let (status, body) = self.raw_token_request(client_id, client_secret, params);
        assert_eq!(status, 200, "token request {params:?} failed: {body}");
        body
    }

    /// A direct token-endpoint request: the status and the JSON body.
    pub fn raw_token_request(
        &self,
        client_id: &str,
        client_secret: Option<&str>,
        params: &[(&str, &str)],
    ) -> (u16, serde_json::Value) {
        let mut form: Vec<(&str, &str)> = params.to_vec();
        let mut req = http_client().post(self.token_url());
        match client_secret {
            None => form.push(("client_id", client_id)),
            Some(secret) if client_id.ends_with("-post") => {
                form.push(("client_id", client_id));
                form.push(("client_secret", secret));
            }
            Some(secret) => req = req.header("Authorization", basic_auth(client_id, secret)),
        }
        let resp = req
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(form_encode(&form))
            .send()
            .expect("POST /token");
        let status = resp.status().as_u16();
        let body = resp.text().unwrap_or_default();
        let json = serde_json::from_str(&body)
            .unwrap_or_else(|_| panic!("token endpoint answered {status} with non-JSON: {body}"));
        (status, json)
    }

    fn kill(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A PKCE pair (RFC 7636, S256).
pub struct Pkce {
    pub verifier: String,
    pub challenge: String,
}

impl Pkce {
    pub fn new() -> Self {
        let verifier = random_urlsafe(32);
        let challenge = URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()));
        Pkce {
            verifier,
            challenge,
        }
    }
}

impl Default for Pkce {
    fn default() -> Self {
        Self::new()
    }
}

pub fn random_urlsafe(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("random bytes");
    URL_SAFE_NO_PAD.encode(buf)
}

/// RFC 6749 §2.3.1: id and secret are form-urlencoded, then Basic-encoded.
pub fn basic_auth(client_id: &str, secret: &str) -> String {
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let pair = format!("{}:{}", enc(client_id), enc(secret));
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// A blocking HTTP client for talking to 127.0.0.1: no redirects followed, no
/// proxies, bounded time.
pub fn http_client() -> reqwest::blocking::Client {
    // reqwest is built with `rustls-no-provider`: it needs a process-wide
    // crypto provider even for plain http.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(HTTP_TIMEOUT)
        .connect_timeout(HTTP_TIMEOUT)
        .build()
        .expect("build HTTP client")
}

/// [`http_client`], trusting the CA in the PEM file `ca` too.
pub fn http_client_trusting(ca: &Path) -> reqwest::blocking::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let pem = std::fs::read(ca).expect("read the test CA");
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(HTTP_TIMEOUT)
        .connect_timeout(HTTP_TIMEOUT)
        .tls_certs_merge([reqwest::Certificate::from_pem(&pem).expect("the test CA")])
        .build()
        .expect("build HTTP client")
}

/// Drives an authorization request like a user in a browser would, against
/// oidc-provider's devInteractions pages: follows redirects, signs in as
/// `test-user`, consents, and returns the URL the server finally redirects to
/// outside itself (the client's `redirect_uri` with `code` and `state`, or
/// with `error`). That URL is not requested: a caller with a listening client
/// (e.g. `oauthctl login`) delivers it with [`deliver_callback`].
pub fn authorize_in_test_browser(auth_url: &str) -> String {
    authorize_in_test_browser_with(TestBrowser::new("test-user"), auth_url)
}

/// [`authorize_in_test_browser`] on an https provider whose certificate
/// comes from the CA in the PEM file `ca`.
pub fn authorize_in_test_browser_trusting(auth_url: &str, ca: &Path) -> String {
    let mut browser = TestBrowser::new("test-user");
    browser.client = http_client_trusting(ca);
    authorize_in_test_browser_with(browser, auth_url)
}

fn authorize_in_test_browser_with(mut browser: TestBrowser, auth_url: &str) -> String {
    match browser.browse(auth_url) {
        BrowseEnd::Redirect(url) => url,
        BrowseEnd::Page { url, body } => {
            panic!("the authorization flow ended on a page at {url}, not a redirect:\n{body}")
        }
    }
}

/// Like [`authorize_in_test_browser`], but the user signs in and then DENIES
/// consent: follows the consent page's `[ Cancel ]` link (devInteractions'
/// abort). Returns the redirect to the client, which carries
/// `error=access_denied` and the `state`.
pub fn deny_in_test_browser(auth_url: &str) -> String {
    let mut browser = TestBrowser::new("test-user");
    browser.deny_consent = true;
    match browser.browse(auth_url) {
        BrowseEnd::Redirect(url) => url,
        BrowseEnd::Page { url, body } => {
            panic!("the denied authorization ended on a page at {url}, not a redirect:\n{body}")
        }
    }
}

/// Like [`approve_device_in_test_browser`], but the user DENIES consent (the
/// consent page's `[ Cancel ]` link). Returns the page shown after the abort
/// (oidc-provider's "The Sign-in request was interrupted").
pub fn deny_device_in_test_browser(verification_uri_complete: &str) -> String {
    let mut browser = TestBrowser::new("test-user");
    browser.deny_consent = true;
    match browser.browse(verification_uri_complete) {
        BrowseEnd::Page { body, .. } => body,
        BrowseEnd::Redirect(url) => {
            panic!("the device flow redirected out of the provider to {url}")
        }
    }
}

/// Approves a device authorization (RFC 8628) like a user would: opens
/// `verification_uri_complete`, confirms the code, signs in and consents.
/// Returns the final page's HTML (oidc-provider's success page).
pub fn approve_device_in_test_browser(verification_uri_complete: &str) -> String {
    match TestBrowser::new("test-user").browse(verification_uri_complete) {
        BrowseEnd::Page { body, .. } => body,
        BrowseEnd::Redirect(url) => {
            panic!("the device flow redirected out of the provider to {url}")
        }
    }
}

/// GETs a callback URL (e.g. oauthctl's loopback listener): status and body.
pub fn deliver_callback(url: &str) -> (u16, String) {
    let resp = http_client().get(url).send().expect("deliver the callback");
    let status = resp.status().as_u16();
    (status, resp.text().unwrap_or_default())
}

enum BrowseEnd {
    /// A redirect to another origin (the client's redirect URI).
    Redirect(String),
    /// A page with no form to submit.
    Page { url: String, body: String },
}

/// Just enough browser for devInteractions: path-scoped cookies, redirects,
/// and submitting the first form on each page.
struct TestBrowser {
    client: reqwest::blocking::Client,
    /// (name, path) -> value
    cookies: Vec<(String, String, String)>,
    username: String,
    /// On the consent page, follow its `[ Cancel ]` (abort) link instead of
    /// submitting the form.
    deny_consent: bool,
}

impl TestBrowser {
    fn new(username: &str) -> Self {
        TestBrowser {
            client: http_client(),
            cookies: Vec::new(),
            username: username.to_owned(),
            deny_consent: false,
        }
    }

    fn browse(&mut self, start: &str) -> BrowseEnd {
        let origin = url::Url::parse(start).expect("start URL").origin();
        let mut url = url::Url::parse(start).unwrap();
        let mut form: Option<Vec<(String, String)>> = None;
        let mut trail = Vec::new();
        // After following an abort link, the next page is the end.
        let mut aborted = false;
        for _ in 0..MAX_BROWSER_STEPS {
            trail.push(format!(
                "{} {url}",
                if form.is_some() { "POST" } else { "GET" }
            ));
            let mut req = match form.take() {
                Some(fields) => {
                    let pairs: Vec<(&str, &str)> = fields
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    self.client
                        .post(url.clone())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(form_encode(&pairs))
                }
                None => self.client.get(url.clone()),
            };
            if let Some(cookie) = self.cookie_header(&url) {
                req = req.header("Cookie", cookie);
            }
            let resp = req
                .send()
                .unwrap_or_else(|e| panic!("test browser: {url}: {e}"));
            let status = resp.status();
            for value in resp.headers().get_all("set-cookie") {
                self.store_cookie(value.to_str().unwrap_or_default(), &url);
            }
            if status.is_redirection() {
                let location = resp
                    .headers()
                    .get("location")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_else(|| panic!("test browser: {status} without Location at {url}"));
                let next = url.join(location).expect("Location URL");
                if next.origin() != origin {
                    return BrowseEnd::Redirect(next.into());
                }
                url = next;
                continue;
            }
            let body = resp.text().unwrap_or_default();
            assert!(
                status.is_success(),
                "test browser: {status} at {url}\n{}\n--- page\n{body}",
                trail.join("\n")
            );
            let page_form = match first_form(&body) {
                Some(page_form) if !aborted => page_form,
                _ => {
                    return BrowseEnd::Page {
                        url: url.into(),
                        body,
                    };
                }
            };
            if self.deny_consent
                && page_form
                    .inputs
                    .iter()
                    .any(|(name, value)| name == "prompt" && value == "consent")
            {
                let abort = abort_link(&body)
                    .unwrap_or_else(|| panic!("test browser: no abort link at {url}\n{body}"));
                url = url.join(&abort).expect("abort link URL");
                aborted = true;
                continue;
            }
            assert!(
                page_form.method.eq_ignore_ascii_case("post"),
                "test browser: only POST forms are supported, at {url}"
            );
            let fields = page_form
                .inputs
                .into_iter()
                .map(|(name, value)| {
                    let value = match name.as_str() {
                        "login" => self.username.clone(),
                        "password" => "test-password".to_owned(),
                        _ => value,
                    };
                    (name, value)
                })
                .collect();
            url = url
                .join(page_form.action.as_deref().unwrap_or(""))
                .expect("form action URL");
            form = Some(fields);
        }
        panic!(
            "test browser: no end after {MAX_BROWSER_STEPS} requests:\n{}",
            trail.join("\n")
        );
    }

    fn cookie_header(&self, url: &url::Url) -> Option<String> {
        let path = url.path();
        let cookies: Vec<String> = self
            .cookies
            .iter()
            .filter(|(_, cookie_path, _)| path_matches(path, cookie_path))
            .map(|(name, _, value)| format!("{name}={value}"))
            .collect();
        (!cookies.is_empty()).then(|| cookies.join("; "))
    }

    fn store_cookie(&mut self, header: &str, url: &url::Url) {
        let mut parts = header.split(';');
        let Some((name, value)) = parts.next().and_then(|nv| nv.split_once('=')) else {
            return;
        };
        let (name, value) = (name.trim().to_owned(), value.trim().to_owned());
        let mut path = default_cookie_path(url.path());
        let mut expired = value.is_empty();
        for attr in parts {
            let (key, val) = attr.split_once('=').unwrap_or((attr, ""));
            match key.trim().to_ascii_lowercase().as_str() {
                "path" => path = val.trim().to_owned(),
                "max-age" => expired |= val.trim().parse::<i64>().is_ok_and(|s| s <= 0),
                "expires" => expired |= val.contains("1970"),
                _ => {}
            }
        }
        self.cookies.retain(|(n, p, _)| !(n == &name && p == &path));
        if !expired {
            self.cookies.push((name, path, value));
        }
    }
}

/// RFC 6265 §5.1.4 path-match.
fn path_matches(request_path: &str, cookie_path: &str) -> bool {
    request_path == cookie_path
        || (request_path.starts_with(cookie_path)
            && (cookie_path.ends_with('/')
                || request_path.as_bytes().get(cookie_path.len()) == Some(&b'/')))
}

/// RFC 6265 §5.1.4 default-path.
fn default_cookie_path(request_path: &str) -> String {
    match request_path.rfind('/') {
        Some(0) | None => "/".to_owned(),
        Some(i) => request_path[..i].to_owned(),
    }
}

struct HtmlForm {
    action: Option<String>,
    method: String,
    /// Named `<input>`s with their values, in document order.
    inputs: Vec<(String, String)>,
}

/// The first `<form>` of a page and its named inputs (buttons excluded).
fn first_form(html: &str) -> Option<HtmlForm> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<form")?;
    let tag_end = start + lower[start..].find('>')?;
    let attrs = parse_attributes(&html[start + "<form".len()..tag_end]);
    let end = lower[tag_end..]
        .find("</form")
        .map_or(html.len(), |i| tag_end + i);
    let mut inputs = Vec::new();
    let mut pos = tag_end;
    while let Some(i) = lower[pos..end].find("<input") {
        let at = pos + i + "<input".len();
        let close = at + lower[at..end].find('>')?;
        let input = parse_attributes(&html[at..close]);
        let get = |k: &str| input.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
        if let Some(name) = get("name") {
            inputs.push((name, get("value").unwrap_or_default()));
        }
        pos = close;
    }
    let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    Some(HtmlForm {
        action: get("action"),
        method: get("method").unwrap_or_else(|| "get".to_owned()),
        inputs,
    })
}

/// The `href` of the first `<a>` whose target is an interaction's abort URL.
fn abort_link(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut pos = 0;
    while let Some(i) = lower[pos..].find("<a ") {
        let at = pos + i + "<a".len();
        let close = at + lower[at..].find('>')?;
        let attrs = parse_attributes(&html[at..close]);
        if let Some((_, href)) = attrs
            .iter()
            .find(|(name, value)| name == "href" && value.contains("/abort"))
        {
            return Some(href.clone());
        }
        pos = close;
    }
    None
}

/// `name="v"`, `name='v'`, `name=v` and bare `name` attributes, with entity
/// references in values decoded.
fn parse_attributes(s: &str) -> Vec<(String, String)> {
    let bytes = s.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !b"=/>".contains(&bytes[i]) {
            i += 1;
        }
        if i == name_start {
            i += 1;
            continue;
        }
        let name = s[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let value_start = i + 1;
                i = value_start;
                while i < bytes.len() && bytes[i] != quote {
                    i += 1;
                }
                value = s[value_start..i.min(s.len())].to_owned();
                i += 1;
            } else {
                let value_start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = s[value_start..i].to_owned();
            }
        }
        attrs.push((name, decode_entities(&value)));
    }
    attrs
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';').filter(|&j| j <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
