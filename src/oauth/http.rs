//! The HTTP client: built only when a request is really sent (the fast path of
//! `oauthctl token` never pays for TLS setup), with timeouts and bounded retries.

use super::Error;
use std::time::{Duration, Instant};

/// Retries after the first attempt.
const MAX_RETRIES: u32 = 2;
/// All the waiting one request may do between its attempts, `Retry-After`
/// included: a server cannot stall a script for longer.
const MAX_RETRY_WAIT: Duration = Duration::from_secs(30);
/// Token, discovery and device responses are a few KiB: a body larger than
/// this ends the request with an error instead of filling memory.
pub const MAX_BODY: u64 = 1024 * 1024;

/// Whether a request may be sent again after an answer that may mean it was
/// processed. A refresh token or a code is single-use: sending it twice can
/// spend it (and, with rotation, revoke the whole grant).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replay {
    /// Idempotent or harmless to repeat: GETs, client credentials, revocation.
    Safe,
    /// Retried only when the server cannot have acted on it: 429, 503 with
    /// `Retry-After`, and connections that failed before anything was sent.
    SingleUse,
}

/// Two clients, each built on its first request: loading the system's
/// trust anchors is most of what building a TLS client costs (a few ms,
/// every certificate in `SSL_CERT_DIR` read and parsed), and a renewal
/// against a loopback `http://` endpoint (tests, local servers, the demo)
/// has no use for them.
pub struct Http {
    tls: std::cell::OnceCell<reqwest::blocking::Client>,
    plain: std::cell::OnceCell<reqwest::blocking::Client>,
    timeout: Duration,
    /// Trusted beside the system's anchors (a private CA).
    extra_roots: Vec<reqwest::Certificate>,
    /// Presented to the servers that ask (RFC 8705).
    identity: Option<reqwest::Identity>,
}

pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub www_authenticate: Option<String>,
    /// A `DPoP-Nonce` (RFC 9449 §8) the server wants in the next proof,
    /// when it is one that can go into a proof.
    pub dpop_nonce: Option<String>,
    /// `dpop_nonce` is one the client had not used yet.
    pub fresh_dpop_nonce: bool,
    pub body: Vec<u8>,
    /// What the request carried that must never be echoed back in an error
    /// message (set by the token-endpoint client).
    pub secrets: Vec<String>,
}

impl Response {
    /// The body as JSON, for the endpoints that answer nothing else.
    pub fn json(&self, endpoint: &'static str) -> Result<serde_json::Value, Error> {
        serde_json::from_slice(&self.body).map_err(|_| Error::Malformed {
            endpoint,
            status: self.status,
            what: "a body that is not JSON".to_owned(),
        })
    }

    /// A string member that goes on into a URL, a header or a file: one
    /// word of visible ASCII, at most `max` bytes; else refused, naming it.
    pub fn word(
        json: &serde_json::Value,
        endpoint: &'static str,
        member: &str,
        max: usize,
    ) -> Result<String, Error> {
        match json[member].as_str() {
            Some(word)
                if !word.is_empty()
                    && word.len() <= max
                    && word.bytes().all(|b| b.is_ascii_graphic()) =>
            {
                Ok(word.to_owned())
            }
            _ => Err(Error::Untrustworthy {
                endpoint,
                what: format!("no usable {member}"),
            }),
        }
    }
}

impl Http {
    pub fn new(timeout: Duration) -> Http {
        Http::with_roots(timeout, Vec::new())
    }

    pub fn with_roots(timeout: Duration, extra_roots: Vec<reqwest::Certificate>) -> Http {
        Http {
            tls: std::cell::OnceCell::new(),
            plain: std::cell::OnceCell::new(),
            timeout,
            extra_roots,
            identity: None,
        }
    }

    /// The same, presenting `identity` as the TLS client certificate.
    pub fn with_identity(mut self, identity: Option<reqwest::Identity>) -> Http {
        self.identity = identity;
        self
    }

    /// A client certificate and its key, both PEM, for [`Http::with_identity`].
    pub fn read_identity(
        cert: &std::path::Path,
        key: &std::path::Path,
    ) -> Result<reqwest::Identity, Error> {
        let read = |path: &std::path::Path, what: &str| {
            let mut pem = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| {
                    std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_BODY), &mut pem)
                })
                .map(|_| pem)
                .map_err(|err| {
                    Error::Misconfigured(format!(
                        "{what} {}: cannot read it: {err}",
                        path.display()
                    ))
                })
        };
        let mut pem = read(key, "the client certificate's key")?;
        pem.push(b'\n');
        pem.extend(read(cert, "the client certificate")?);
        reqwest::Identity::from_pem(&pem).map_err(|err| {
            Error::Misconfigured(format!(
                "the client certificate {} with the key {}: not a PEM certificate and private key: {err}",
                cert.display(),
                key.display()
            ))
        })
    }

    /// The CA certificates of a PEM file, for [`Http::with_roots`].
    pub fn read_roots(path: &std::path::Path) -> Result<Vec<reqwest::Certificate>, Error> {
        let mut pem = Vec::new();
        std::fs::File::open(path)
            .and_then(|f| {
                std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_BODY), &mut pem)
            })
            .map_err(|err| {
                trust_anchors(format!(
                    "cannot read the CA certificates in {}: {err}",
                    path.display()
                ))
            })?;
        let roots = reqwest::Certificate::from_pem_bundle(&pem).map_err(|err| {
            trust_anchors(format!(
                "{} holds no PEM certificates: {err}",
                path.display()
            ))
        })?;
        if roots.is_empty() {
            return Err(trust_anchors(format!(
                "{} holds no CA certificate",
                path.display()
            )));
        }
        Ok(roots)
    }

    /// The client for `url`, whose scheme `check_url` has vetted: plain
    /// http only to loopback, and that client trusts no certificate at all,
    /// so it could not even complete an https handshake.
    fn client(&self, url: &url::Url) -> Result<&reqwest::blocking::Client, Error> {
        let plain = url.scheme() == "http";
        let cell = if plain { &self.plain } else { &self.tls };
        if let Some(client) = cell.get() {
            return Ok(client);
        }
        // reqwest is built without a crypto provider so that only ring is linked.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = reqwest::blocking::Client::builder()
            .user_agent(concat!("oauthctl/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(self.timeout.min(Duration::from_secs(10)))
            .timeout(self.timeout)
            // A token POST must never be replayed as a GET somewhere else.
            .redirect(reqwest::redirect::Policy::none());
        if plain {
            builder = builder.tls_certs_only([]);
        } else {
            if !self.extra_roots.is_empty() {
                builder = builder.tls_certs_merge(self.extra_roots.iter().cloned());
            }
            if let Some(identity) = &self.identity {
                builder = builder.identity(identity.clone());
            }
        }
        let client = builder
            .build()
            .map_err(|err| {
                Error::Misconfigured(format!(
                    "cannot set up the HTTP client: {err} (are the system's CA certificates installed? SSL_CERT_FILE can name a bundle)"
                ))
            })?;
        Ok(cell.get_or_init(|| client))
    }

    /// Sends the request built by `build`, retrying with backoff what
    /// `replay` allows, within [`MAX_RETRY_WAIT`] in all.
    pub fn send(
        &self,
        endpoint: &'static str,
        url: &str,
        replay: Replay,
        build: impl Fn(&reqwest::blocking::Client) -> reqwest::blocking::RequestBuilder,
    ) -> Result<Response, Error> {
        self.send_built(endpoint, url, replay, |client| Ok(build(client)))
    }

    /// [`Http::send`] with a request built anew for each attempt, by a
    /// builder that may fail: a signed client assertion works once, so a
    /// retry needs a fresh one.
    pub fn send_built(
        &self,
        endpoint: &'static str,
        url: &str,
        replay: Replay,
        mut build: impl FnMut(
            &reqwest::blocking::Client,
        ) -> Result<reqwest::blocking::RequestBuilder, Error>,
    ) -> Result<Response, Error> {
        let client = self.client(&check_url(url)?)?;
        let mut retries = Retries::default();
        loop {
            let started = Instant::now();
            let result = build(client)?.send();
            let backoff = retries.backoff();
            let response = match result {
                Ok(response) => response,
                Err(err) => {
                    log::debug!("{endpoint}: {url} failed after {:?}", started.elapsed());
                    // A refused or unresolvable connection sent nothing.
                    if err.is_connect()
                        && !err.is_timeout()
                        && retries.take(backoff, || format!("{endpoint} could not be reached"))
                    {
                        std::thread::sleep(backoff);
                        continue;
                    }
                    return Err(Error::Unreachable {
                        endpoint,
                        url: redact_url(url),
                        reason: describe_transport_error(&err, self.timeout),
                        timed_out: err.is_timeout(),
                    });
                }
            };
            let status = response.status().as_u16();
            log::debug!(
                "{endpoint}: {} -> {status} in {} ms",
                redact_url(url),
                started.elapsed().as_millis()
            );
            let retry_after = header(&response, "retry-after").and_then(|v| parse_retry_after(&v));
            let retryable = match replay {
                Replay::Safe => status == 429 || (500..600).contains(&status),
                Replay::SingleUse => status == 429 || (status == 503 && retry_after.is_some()),
            };
            if retryable {
                let wait = retry_after.unwrap_or(backoff);
                if retries.take(wait, || format!("{endpoint} answered {status}")) {
                    drop(response);
                    std::thread::sleep(wait);
                    continue;
                }
            }
            let content_type = header(&response, "content-type").unwrap_or_default();
            let www_authenticate = header(&response, "www-authenticate");
            let dpop_nonce =
                header(&response, "dpop-nonce").filter(|nonce| super::dpop::valid_nonce(nonce));
            let body = read_capped(response, status, endpoint, url, self.timeout)?;
            if status == 429 {
                let when = retry_after
                    .map(|d| format!("retry in {} s", d.as_secs()))
                    .unwrap_or_else(|| "retry later".to_owned());
                return Err(Error::Http {
                    endpoint,
                    status,
                    excerpt: None,
                    hint: format!("the provider is rate limiting: {when}"),
                    remedy: None,
                });
            }
            if replay == Replay::SingleUse && (500..600).contains(&status) {
                // It may have been processed: a retry could spend the grant twice.
                return Err(Error::Http {
                    endpoint,
                    status,
                    excerpt: None,
                    hint: "the provider failed, perhaps after acting on the request, so oauthctl did not send the single-use grant again: run the command again".to_owned(),
                    remedy: None,
                });
            }
            return Ok(Response {
                status,
                content_type,
                www_authenticate,
                dpop_nonce,
                fresh_dpop_nonce: false,
                body,
                secrets: Vec::new(),
            });
        }
    }
}

/// The retries one request has left: at most [`MAX_RETRIES`], and all their
/// waits together within [`MAX_RETRY_WAIT`].
#[derive(Default)]
struct Retries {
    taken: u32,
    waited: Duration,
}

impl Retries {
    /// 250 ms, then 500 ms: for answers that name no `Retry-After`.
    fn backoff(&self) -> Duration {
        Duration::from_millis(250 << self.taken)
    }

    /// Counts a try after `wait`, and says so, when the budget allows one;
    /// the caller then waits.
    fn take(&mut self, wait: Duration, why: impl FnOnce() -> String) -> bool {
        if self.taken >= MAX_RETRIES || self.waited + wait > MAX_RETRY_WAIT {
            return false;
        }
        self.taken += 1;
        self.waited += wait;
        log::info!(
            "{}; retrying in {} ms (attempt {} of {})",
            why(),
            wait.as_millis(),
            self.taken + 1,
            MAX_RETRIES + 1
        );
        true
    }
}

/// The body, or an error once it passes [`MAX_BODY`], which is never read
/// beyond that.
fn trust_anchors(what: String) -> Error {
    Error::Needs {
        what,
        remedy: super::Remedy::TrustAnchors,
    }
}

fn read_capped(
    response: reqwest::blocking::Response,
    status: u16,
    endpoint: &'static str,
    url: &str,
    timeout: Duration,
) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let too_large = || Error::Malformed {
        endpoint,
        status,
        what: format!("a body over {} KiB", MAX_BODY / 1024),
    };
    if response.content_length().is_some_and(|len| len > MAX_BODY) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    response
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .map_err(|err| Error::Unreachable {
            endpoint,
            url: redact_url(url),
            timed_out: err.kind() == std::io::ErrorKind::TimedOut,
            reason: if err.kind() == std::io::ErrorKind::TimedOut {
                format!("no complete answer within {} s", timeout.as_secs())
            } else {
                format!("the answer broke off: {err}")
            },
        })?;
    if body.len() as u64 > MAX_BODY {
        return Err(too_large());
    }
    Ok(body)
}

fn header(response: &reqwest::blocking::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

/// Seconds only: an HTTP date is rare on token endpoints, and treating it as
/// "no hint" falls back to the normal backoff.
fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn describe_transport_error(err: &reqwest::Error, timeout: Duration) -> String {
    if err.is_timeout() {
        return format!(
            "no answer within {} s: check the URL and network",
            timeout.as_secs()
        );
    }
    // The innermost cause is the useful part ("connection refused", a TLS error).
    let mut source: &dyn std::error::Error = err;
    while let Some(next) = source.source() {
        source = next;
    }
    let reason = source.to_string();
    if err.is_connect() {
        format!("{reason}: check the URL and that the server is up")
    } else {
        reason
    }
}

/// Plain http is allowed only for loopback hosts; everything else needs TLS.
/// Credentials in a URL are refused: they would end up in logs and errors.
pub fn check_url(raw: &str) -> Result<url::Url, Error> {
    let url = url::Url::parse(raw).map_err(|err| {
        Error::Misconfigured(match err {
            // `id.example.com`: the scheme is what is missing.
            url::ParseError::RelativeUrlWithoutBase => {
                // No query or user part shown: they are where secrets go.
                let shown = raw.split(['?', '#']).next().unwrap_or_default();
                let shown = shown.rsplit('@').next().unwrap_or_default();
                format!(
                    "`{shown}` is not a URL, for want of its scheme: write https://{}",
                    shown.trim_start_matches('/')
                )
            }
            other => format!("`{}` is not a URL: {other}", redact_url(raw)),
        })
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Misconfigured(format!(
            "`{}` carries a user name or password: client credentials go in the client id and secret settings, never in a URL",
            redact_url(raw)
        )));
    }
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Error::Misconfigured(format!(
            "refusing plain http to {}: use https (http is allowed only for 127.0.0.1, [::1] and localhost)",
            url.host_str().unwrap_or("")
        ))),
        other => Err(Error::Misconfigured(format!(
            "`{}` has scheme {other}: use an https URL",
            redact_url(raw)
        ))),
    }
}

pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Drops query and userinfo, where providers and users put secrets.
pub fn redact_url(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            if url.query().is_some() {
                url.set_query(Some("…"));
            }
            url.to_string()
        }
        Err(_) => "<unparseable URL>".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_for_loopback() {
        assert!(check_url("http://127.0.0.1:8080/token").is_ok());
        assert!(check_url("http://[::1]:8080/token").is_ok());
        assert!(check_url("http://localhost/token").is_ok());
        assert!(check_url("https://id.example.com/token").is_ok());
        assert!(check_url("http://id.example.com/token").is_err());
        assert!(check_url("http://127.0.0.1.example.com/token").is_err());
        assert!(check_url("ftp://127.0.0.1/token").is_err());
    }

    #[test]
    fn credentials_in_urls_are_refused_without_echoing_them() {
        for url in [
            "https://user:pw-s3cret@id.example/token",
            "https://user@id.example/token",
            "http://a:pw-s3cret@127.0.0.1/token",
        ] {
            let err = check_url(url).unwrap_err().to_string();
            assert!(err.contains("user name or password"), "{err}");
            assert!(!err.contains("pw-s3cret"), "{err}");
        }
    }

    #[test]
    fn redacts_queries_and_userinfo() {
        let redacted = redact_url("https://user:pw@x.example/a?access_token=abc");
        assert!(
            !redacted.contains("abc") && !redacted.contains("pw"),
            "{redacted}"
        );
    }
}
