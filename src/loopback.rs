//! The redirect listener (RFC 8252 §7.3): bound to loopback on a port the OS
//! picks (or a fixed one for strict providers) before the browser opens; it
//! checks the path and `state`, answers once with a small page, and stops.

use crate::oauth::response::{error_code, one_line};
use crate::secret::Secret;
use anyhow::{Result, bail};
use std::time::{Duration, Instant};

pub struct Listener {
    server: tiny_http::Server,
    redirect_uri: String,
    path: String,
}

/// What the authorization server sent back.
#[derive(Debug)]
pub struct Callback {
    pub code: Secret,
}

/// A redirect URI the listener cannot serve (not loopback http).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadRedirect(pub String);

/// Why the callback was refused, for the terminal and the exit code.
#[derive(Debug, thiserror::Error)]
pub enum CallbackError {
    #[error("the provider refused the login: {0}")]
    Denied(String),
    #[error(
        "the callback's state did not match this login: refused it and exchanged nothing (a stale tab or a forged redirect)"
    )]
    StateMismatch,
    #[error(
        "the callback came from issuer {got}, not {expected}: refused it (RFC 9207 mix-up protection)"
    )]
    IssuerMismatch { got: String, expected: String },
    #[error("the callback carried no code")]
    NoCode,
    #[error("no callback within {secs} s{}", refused_suffix(*.refused))]
    Timeout { secs: u64, refused: u32 },
}

fn refused_suffix(refused: u32) -> String {
    match refused {
        0 => String::new(),
        1 => " (one request without this login's state was refused)".to_owned(),
        n => format!(" ({n} requests without this login's state were refused)"),
    }
}

impl Listener {
    /// Binds 127.0.0.1 on an OS-picked port, or what `redirect_uri` names.
    pub fn bind(redirect_uri: Option<&str>, port: Option<u16>) -> Result<Listener> {
        let (host, port, path) = match redirect_uri {
            Some(uri) => parse_redirect(uri)?,
            None => (
                "127.0.0.1".to_owned(),
                port.unwrap_or(0),
                "/callback".to_owned(),
            ),
        };
        let addr = format!("{host}:{port}");
        let server = tiny_http::Server::http(&addr).map_err(|err| {
            if port != 0 {
                anyhow::anyhow!(
                    "cannot listen on port {port} for the redirect ({err}): free the port or choose another with --port/--redirect-uri"
                )
            } else {
                anyhow::anyhow!("cannot listen on {host} for the redirect: {err}")
            }
        })?;
        let bound = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .unwrap_or(port);
        let redirect_uri = match redirect_uri {
            Some(uri) => uri.to_owned(),
            None => format!("http://127.0.0.1:{bound}{path}"),
        };
        Ok(Listener {
            server,
            redirect_uri,
            path,
        })
    }

    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// Waits for the one callback on our path that carries `state`. Other
    /// paths (favicon, probes) get a 404, and requests without our state a
    /// 400, and the wait goes on until `timeout`. `issuer` is checked against an `iss`
    /// parameter (RFC 9207), which must be there when the issuer promised it.
    ///
    /// `pasted` carries lines the user pasted: the address a browser on
    /// another machine ended on, whose redirect to this loopback address could
    /// not arrive. Each is checked exactly as a callback would be; one without
    /// this login's state (or not an address of this listener) is refused with
    /// a warning, and the wait goes on.
    pub fn wait(
        &self,
        state: &str,
        issuer: Option<&IssuerCheck>,
        timeout: Duration,
        pasted: Option<&std::sync::mpsc::Receiver<String>>,
    ) -> Result<Callback, CallbackError> {
        // `--timeout` is the user's number: a huge one must not overflow.
        let deadline = Instant::now()
            .checked_add(timeout)
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(366 * 24 * 3600));
        let mut refused = 0;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(CallbackError::Timeout {
                    secs: timeout.as_secs(),
                    refused,
                });
            }
            if let Some(line) = pasted.and_then(|lines| lines.try_recv().ok()) {
                let outcome = self
                    .pasted_query(&line)
                    .map(|query| check_callback(&query, state, issuer));
                match outcome {
                    Ok(Err(CallbackError::StateMismatch)) => {
                        refused += 1;
                        log::warn!(
                            "that address is not from this login (its state differs): paste the address the browser ended on for this login"
                        );
                    }
                    Ok(outcome) => return outcome,
                    Err(why) if line.trim().is_empty() => log::debug!("empty paste: {why}"),
                    Err(why) => log::warn!("{why}"),
                }
                continue;
            }
            // Polled: a pasted line should not wait long for its turn.
            let poll = if pasted.is_some() { 100 } else { 500 };
            let request = match self
                .server
                .recv_timeout(left.min(Duration::from_millis(poll)))
            {
                Ok(Some(request)) => request,
                Ok(None) => continue,
                Err(err) => {
                    log::debug!("loopback listener: {err}");
                    continue;
                }
            };
            let url = request.url().to_owned();
            let (path, query) = url.split_once('?').unwrap_or((&url, ""));
            if path != self.path {
                let _ = request.respond(page(
                    404,
                    "Not found",
                    "This is oauthctl's login listener; nothing lives here.",
                ));
                continue;
            }
            let outcome = check_callback(query, state, issuer);
            if matches!(outcome, Err(CallbackError::StateMismatch)) {
                // Anything on this machine can reach the port: only the
                // browser coming back with our state may end the login.
                refused += 1;
                log::info!("refused a callback without this login's state; still waiting");
                let _ = request.respond(page(
                    400,
                    "Not this login",
                    "This callback does not carry the state of the login oauthctl is waiting for (a stale tab, or a request from another program). The login goes on: finish it in the tab oauthctl opened.",
                ));
                continue;
            }
            let response = match &outcome {
                Ok(_) => page(
                    200,
                    "Logged in",
                    "oauthctl has your login. You can close this tab and return to the terminal.",
                ),
                Err(err) => page(
                    400,
                    "Login failed",
                    &format!("{err}. Close this tab and check the terminal."),
                ),
            };
            let _ = request.respond(response);
            return outcome;
        }
    }
}

impl Listener {
    /// The query of a pasted address: the whole address of this listener's
    /// redirect (any loopback host spelling), or just its `?code=…&state=…`.
    fn pasted_query(&self, line: &str) -> Result<String, String> {
        let text = line.trim();
        if text.starts_with("http://") || text.starts_with("https://") {
            let url = url::Url::parse(text).map_err(|err| {
                format!("the pasted address is not a URL ({err}): paste it whole")
            })?;
            let ours = url::Url::parse(&self.redirect_uri).map_err(|err| err.to_string())?;
            if url.scheme() != "http"
                || !crate::oauth::http::is_loopback(&url)
                || url.port_or_known_default() != ours.port_or_known_default()
                || url.path() != self.path
            {
                return Err(format!(
                    "the pasted address is not this login's redirect ({}): paste the address the browser ended on",
                    self.redirect_uri
                ));
            }
            return Ok(url.query().unwrap_or_default().to_owned());
        }
        let query = text.strip_prefix('?').unwrap_or(text);
        if query.contains("state=") {
            return Ok(query.to_owned());
        }
        Err("paste the whole address from the browser's address bar (it starts with http://127.0.0.1)".to_owned())
    }
}

/// The RFC 9207 expectation for a callback.
pub struct IssuerCheck {
    pub issuer: String,
    /// The discovery document's `authorization_response_iss_parameter_supported`.
    pub required: bool,
}

/// Checks a callback's query against this login; public for the fuzz targets.
pub fn check_callback(
    query: &str,
    state: &str,
    issuer: Option<&IssuerCheck>,
) -> Result<Callback, CallbackError> {
    let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| {
        params
            .iter()
            .find(|(pk, _)| pk == k)
            .map(|(_, v)| v.as_str())
    };
    if get("state") != Some(state) {
        return Err(CallbackError::StateMismatch);
    }
    if let Some(expected) = issuer {
        match get("iss") {
            Some(got) if got.trim_end_matches('/') != expected.issuer.trim_end_matches('/') => {
                return Err(CallbackError::IssuerMismatch {
                    got: one_line(got, 200),
                    expected: expected.issuer.clone(),
                });
            }
            None if expected.required => {
                return Err(CallbackError::IssuerMismatch {
                    got: "nowhere (no iss parameter)".to_owned(),
                    expected: expected.issuer.clone(),
                });
            }
            _ => {}
        }
    }
    if let Some(error) = get("error") {
        let mut message = error_code(error);
        if let Some(description) = get("error_description") {
            message.push_str(&format!(" ({})", one_line(description, 200)));
        }
        return Err(CallbackError::Denied(message));
    }
    match get("code") {
        Some(code) if !code.is_empty() => Ok(Callback {
            code: Secret::new(code),
        }),
        _ => Err(CallbackError::NoCode),
    }
}

/// Only a loopback http redirect can be served here.
fn parse_redirect(uri: &str) -> Result<(String, u16, String)> {
    let url = url::Url::parse(uri)
        .map_err(|err| anyhow::anyhow!("--redirect-uri `{uri}` is not a URL: {err}"))?;
    if url.scheme() != "http" || !crate::oauth::http::is_loopback(&url) {
        bail!(BadRedirect(format!(
            "the redirect URI must be http://127.0.0.1:PORT/PATH (or [::1], localhost), since oauthctl serves it itself: got `{uri}`"
        )));
    }
    let host = match url.host() {
        Some(url::Host::Ipv6(ip)) => format!("[{ip}]"),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        _ => "127.0.0.1".to_owned(),
    };
    let port = url.port().unwrap_or(80);
    Ok((host, port, url.path().to_owned()))
}

fn page(status: u16, title: &str, message: &str) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>oauthctl: {title}</title>\
<meta name=\"viewport\" content=\"width=device-width\">\
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:32em;margin:4em auto;padding:0 1em;color:#222}}\
h1{{font-size:1.4em}}.ok{{color:#1a7f37}}.err{{color:#b42318}}</style></head>\
<body><h1 class=\"{class}\">{title}</h1><p>{message}</p></body></html>",
        title = escape(title),
        message = escape(message),
        class = if status == 200 { "ok" } else { "err" },
    );
    tiny_http::Response::from_string(html)
        .with_status_code(status)
        .with_header(
            tiny_http::Header::from_bytes("Content-Type", "text/html; charset=utf-8")
                .expect("static header"),
        )
        .with_header(
            tiny_http::Header::from_bytes("Cache-Control", "no-store").expect("static header"),
        )
        .with_header(
            tiny_http::Header::from_bytes("Referrer-Policy", "no-referrer").expect("static header"),
        )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_is_checked_before_anything() {
        assert!(matches!(
            check_callback("code=c", "s", None),
            Err(CallbackError::StateMismatch)
        ));
        assert!(matches!(
            check_callback("code=c&state=x", "s", None),
            Err(CallbackError::StateMismatch)
        ));
        assert!(matches!(
            check_callback("error=access_denied&state=s", "s", None),
            Err(CallbackError::Denied(_))
        ));
        assert!(matches!(
            check_callback("state=s", "s", None),
            Err(CallbackError::NoCode)
        ));
        assert_eq!(
            check_callback("code=c&state=s", "s", None)
                .unwrap()
                .code
                .expose(),
            "c"
        );
    }

    #[test]
    fn issuer_mix_up_is_refused() {
        let check = |required| IssuerCheck {
            issuer: "https://good".into(),
            required,
        };
        let r = check_callback(
            "code=c&state=s&iss=https%3A%2F%2Fevil",
            "s",
            Some(&check(false)),
        );
        assert!(matches!(r, Err(CallbackError::IssuerMismatch { .. })));
        let ok = check_callback(
            "code=c&state=s&iss=https%3A%2F%2Fgood%2F",
            "s",
            Some(&check(true)),
        );
        assert!(ok.is_ok());
        assert!(check_callback("code=c&state=s", "s", Some(&check(false))).is_ok());
        let missing = check_callback("code=c&state=s", "s", Some(&check(true)));
        assert!(matches!(missing, Err(CallbackError::IssuerMismatch { .. })));
    }

    #[test]
    fn redirect_must_be_loopback_http() {
        assert_eq!(
            parse_redirect("http://127.0.0.1:8765/cb").unwrap(),
            ("127.0.0.1".into(), 8765, "/cb".into())
        );
        assert_eq!(parse_redirect("http://[::1]:8765/").unwrap().0, "[::1]");
        assert!(parse_redirect("https://app.example.com/cb").is_err());
        assert!(parse_redirect("http://example.com:8765/cb").is_err());
    }

    #[test]
    fn pages_escape_messages() {
        assert_eq!(escape("<script>&"), "&lt;script&gt;&amp;");
    }
}
