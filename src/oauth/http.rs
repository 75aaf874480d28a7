//! The HTTP client: built only when a request is really sent (the fast path of
//! `oauthctl token` never pays for TLS setup), with timeouts and bounded retries.

use super::Error;
use std::time::{Duration, Instant};

/// Retries after the first attempt, for 429 and 5xx only.
const MAX_RETRIES: u32 = 2;
/// A `Retry-After` longer than this fails at once instead of stalling a script.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);

pub struct Http {
    client: reqwest::blocking::Client,
    timeout: Duration,
}

pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub www_authenticate: Option<String>,
    pub body: Vec<u8>,
}

impl Http {
    pub fn new(timeout: Duration) -> anyhow::Result<Http> {
        // reqwest is built without a crypto provider so that only ring is linked.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::blocking::Client::builder()
            .user_agent(concat!("oauthctl/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .timeout(timeout)
            // A token POST must never be replayed as a GET somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| anyhow::anyhow!("cannot set up the HTTP client: {err}"))?;
        Ok(Http { client, timeout })
    }

    /// Sends the request built by `build`, retrying 429 and 5xx with backoff.
    pub fn send(
        &self,
        endpoint: &'static str,
        url: &str,
        build: impl Fn(&reqwest::blocking::Client) -> reqwest::blocking::RequestBuilder,
    ) -> Result<Response, Error> {
        check_url(url)?;
        let mut attempt = 0;
        loop {
            let started = Instant::now();
            let result = build(&self.client).send();
            let response = match result {
                Ok(response) => response,
                Err(err) => {
                    log::debug!("{endpoint}: {url} failed after {:?}", started.elapsed());
                    return Err(Error::Unreachable {
                        endpoint,
                        url: redact_url(url),
                        reason: describe_transport_error(&err, self.timeout),
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
            let retryable = status == 429 || (500..600).contains(&status);
            if retryable && attempt < MAX_RETRIES {
                let backoff = Duration::from_millis(250 << attempt);
                let wait = retry_after.unwrap_or(backoff);
                if wait <= MAX_RETRY_AFTER {
                    attempt += 1;
                    log::info!(
                        "{endpoint} answered {status}; retrying in {} ms (attempt {} of {})",
                        wait.as_millis(),
                        attempt + 1,
                        MAX_RETRIES + 1
                    );
                    drop(response);
                    std::thread::sleep(wait);
                    continue;
                }
            }
            let content_type = header(&response, "content-type").unwrap_or_default();
            let www_authenticate = header(&response, "www-authenticate");
            let body = response
                .bytes()
                .map_err(|err| Error::Unreachable {
                    endpoint,
                    url: redact_url(url),
                    reason: describe_transport_error(&err, self.timeout),
                })?
                .to_vec();
            if status == 429 {
                let when = retry_after
                    .map(|d| format!("retry in {} s", d.as_secs()))
                    .unwrap_or_else(|| "retry later".to_owned());
                return Err(Error::Http {
                    endpoint,
                    status,
                    excerpt: None,
                    hint: format!("the provider is rate limiting: {when}"),
                });
            }
            return Ok(Response {
                status,
                content_type,
                www_authenticate,
                body,
            });
        }
    }
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
            "no answer within {} s: check the URL and network, or raise --http-timeout",
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
pub fn check_url(raw: &str) -> Result<url::Url, Error> {
    let url = url::Url::parse(raw)
        .map_err(|err| Error::Misconfigured(format!("`{raw}` is not a URL: {err}")))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&url) => Ok(url),
        "http" => Err(Error::Misconfigured(format!(
            "refusing plain http to {}: use https (http is allowed only for 127.0.0.1, [::1] and localhost)",
            url.host_str().unwrap_or("")
        ))),
        other => Err(Error::Misconfigured(format!(
            "`{raw}` has scheme {other}: use an https URL"
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
    fn redacts_queries_and_userinfo() {
        let redacted = redact_url("https://user:pw@x.example/a?access_token=abc");
        assert!(
            !redacted.contains("abc") && !redacted.contains("pw"),
            "{redacted}"
        );
    }
}
