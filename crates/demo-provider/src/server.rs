//! The demo authorization server over HTTP: tiny_http on `127.0.0.1:0`,
//! served from a background thread (one short worker per request, so a slow
//! client never blocks the others) that stops when the server is dropped.

use super::authz::{Method, Reply, Request, State, oauth_error};
use anyhow::Result;
use std::io::Read;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Larger bodies are refused unread.
const MAX_BODY: u64 = 64 * 1024;
/// Longer request targets are refused.
const MAX_URL: usize = 8 * 1024;
/// Requests handled at once; more get a 503.
const MAX_WORKERS: usize = 32;
/// How often the accept loop looks at the stop flag.
const POLL: Duration = Duration::from_millis(100);

pub struct DemoServer {
    issuer: String,
    stop: Arc<AtomicBool>,
    server: Arc<tiny_http::Server>,
    thread: Option<JoinHandle<()>>,
}

impl DemoServer {
    /// Binds 127.0.0.1 on a port the OS picks and starts serving.
    /// `auto_approve` answers every login and device code as if the user
    /// had pressed Approve.
    pub fn start(auto_approve: bool) -> Result<DemoServer> {
        let server = tiny_http::Server::http("127.0.0.1:0")
            .map_err(|err| anyhow::anyhow!("cannot start the demo server on 127.0.0.1: {err}"))?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|addr| addr.port())
            .ok_or_else(|| anyhow::anyhow!("the demo server has no TCP port"))?;
        let issuer = format!("http://127.0.0.1:{port}");
        let state = Arc::new(Mutex::new(State::new(issuer.clone(), auto_approve)?));
        let server = Arc::new(server);
        let stop = Arc::new(AtomicBool::new(false));
        let thread = std::thread::Builder::new()
            .name("oauthctl-demo-server".into())
            .spawn({
                let server = Arc::clone(&server);
                let stop = Arc::clone(&stop);
                move || accept_loop(&server, &stop, &state)
            })?;
        Ok(DemoServer {
            issuer,
            stop,
            server,
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }
}

impl Drop for DemoServer {
    /// Stops within one poll interval; workers still answering finish on their own.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn accept_loop(server: &tiny_http::Server, stop: &AtomicBool, state: &Arc<Mutex<State>>) {
    let workers = Arc::new(AtomicUsize::new(0));
    while !stop.load(Ordering::SeqCst) {
        let request = match server.recv_timeout(POLL) {
            Ok(Some(request)) => request,
            Ok(None) => continue,
            Err(err) => {
                log::debug!("demo server: {err}");
                std::thread::sleep(POLL);
                continue;
            }
        };
        if workers.load(Ordering::SeqCst) >= MAX_WORKERS {
            respond(request, busy());
            continue;
        }
        workers.fetch_add(1, Ordering::SeqCst);
        let spawned = std::thread::Builder::new()
            .name("oauthctl-demo-request".into())
            .spawn({
                let state = Arc::clone(state);
                let workers = Arc::clone(&workers);
                move || {
                    serve(request, &state);
                    workers.fetch_sub(1, Ordering::SeqCst);
                }
            });
        if spawned.is_err() {
            // The request went down with the closure; the client sees a reset.
            workers.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

fn busy() -> Reply {
    oauth_error(
        503,
        "temporarily_unavailable",
        "the demo server is busy: try again",
    )
}

fn serve(mut request: tiny_http::Request, state: &Mutex<State>) {
    let reply = match read(&mut request) {
        Ok((url, content_type, authorization, body)) => {
            let (path, query) = url.split_once('?').unwrap_or((url.as_str(), ""));
            let method = match request.method() {
                tiny_http::Method::Get => Method::Get,
                tiny_http::Method::Post => Method::Post,
                _ => Method::Other,
            };
            let request_view = Request {
                method,
                path,
                query,
                content_type: content_type.as_deref(),
                authorization: authorization.as_deref(),
                body: &body,
            };
            // No unwinding to catch: oauthctl's release build aborts on a
            // panic, so the handlers answer every input with a reply instead.
            let mut state = state
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            state.handle(&request_view)
        }
        Err(reply) => reply,
    };
    log::debug!(
        "demo server: {} {} -> {}",
        request.method(),
        request.url().split('?').next().unwrap_or(""),
        reply.status()
    );
    respond(request, reply);
}

type Parts = (String, Option<String>, Option<String>, Vec<u8>);

/// The URL, Content-Type, Authorization and body, each bounded.
fn read(request: &mut tiny_http::Request) -> Result<Parts, Reply> {
    let url = request.url().to_owned();
    if url.len() > MAX_URL {
        return Err(oauth_error(
            414,
            "invalid_request",
            "the request URL is too long",
        ));
    }
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let content_type = header("Content-Type");
    let authorization = header("Authorization");
    if request
        .body_length()
        .is_some_and(|len| len as u64 > MAX_BODY)
    {
        return Err(oauth_error(
            413,
            "invalid_request",
            "the request body is too large",
        ));
    }
    let mut body = Vec::new();
    if let Err(err) = request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
    {
        return Err(oauth_error(
            400,
            "invalid_request",
            format!("cannot read the request body: {err}"),
        ));
    }
    if body.len() as u64 > MAX_BODY {
        return Err(oauth_error(
            413,
            "invalid_request",
            "the request body is too large",
        ));
    }
    Ok((url, content_type, authorization, body))
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: tiny_http::Request, reply: Reply) {
    let mut headers = vec![
        header("Cache-Control", "no-store"),
        header("Pragma", "no-cache"),
    ];
    let (status, body) = match reply {
        Reply::Json {
            status,
            body,
            www_authenticate,
        } => {
            headers.push(header("Content-Type", "application/json"));
            if let Some(challenge) = www_authenticate {
                headers.push(header("WWW-Authenticate", &challenge));
            }
            (status, body.to_string())
        }
        Reply::Html { status, body } => {
            headers.push(header("Content-Type", "text/html; charset=utf-8"));
            headers.push(header(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
            ));
            headers.push(header("X-Frame-Options", "DENY"));
            headers.push(header("Referrer-Policy", "no-referrer"));
            (status, body)
        }
        Reply::Redirect { status, location } => {
            headers.push(header("Location", &location));
            headers.push(header("Referrer-Policy", "no-referrer"));
            (status, String::new())
        }
        Reply::Empty { status } => (status, String::new()),
    };
    let mut response = tiny_http::Response::from_string(body).with_status_code(status);
    for h in headers.into_iter().flatten() {
        response = response.with_header(h);
    }
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn http_client() -> reqwest::blocking::Client {
        let _ = rustls::crypto::ring::default_provider().install_default();
        reqwest::blocking::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap()
    }

    const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const REDIRECT: &str = "http://127.0.0.1:4567/callback";

    fn authorize(server: &DemoServer, http: &reqwest::blocking::Client, pkce: bool) -> url::Url {
        let mut url = url::Url::parse(&format!("{}/authorize", server.issuer())).unwrap();
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("response_type", "code")
                .append_pair("client_id", "demo-cli")
                .append_pair("redirect_uri", REDIRECT)
                .append_pair("state", "s1")
                .append_pair("scope", "offline_access");
            if pkce {
                q.append_pair("code_challenge", &crate::pkce::challenge(VERIFIER))
                    .append_pair("code_challenge_method", "S256");
            }
        }
        let response = http.get(url).send().unwrap();
        assert_eq!(response.status().as_u16(), 302);
        let location = response.headers()["location"].to_str().unwrap();
        url::Url::parse(location).unwrap()
    }

    fn param(url: &url::Url, key: &str) -> Option<String> {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    }

    fn redeem(server: &DemoServer, http: &reqwest::blocking::Client, code: &str) -> (u16, Value) {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("grant_type", "authorization_code"),
                ("client_id", "demo-cli"),
                ("code", code),
                ("redirect_uri", REDIRECT),
                ("code_verifier", VERIFIER),
            ])
            .finish();
        let response = http
            .post(format!("{}/token", server.issuer()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .unwrap();
        let status = response.status().as_u16();
        (
            status,
            serde_json::from_slice(&response.bytes().unwrap()).unwrap(),
        )
    }

    #[test]
    fn bad_requests_over_http() {
        let server = DemoServer::start(true).unwrap();
        let http = http_client();

        // No PKCE: an error redirect, never a code.
        let denied = authorize(&server, &http, false);
        assert_eq!(param(&denied, "error").as_deref(), Some("invalid_request"));
        assert!(param(&denied, "code").is_none());
        assert_eq!(param(&denied, "iss").as_deref(), Some(server.issuer()));

        // A code works once; the replay is invalid_grant and revokes the token.
        let code = param(&authorize(&server, &http, true), "code").unwrap();
        let (status, first) = redeem(&server, &http, &code);
        assert_eq!(status, 200, "{first}");
        let (status, second) = redeem(&server, &http, &code);
        assert_eq!(status, 400);
        assert_eq!(second["error"], "invalid_grant");
        let hello = http
            .get(format!("{}/api/hello", server.issuer()))
            .bearer_auth(first["access_token"].as_str().unwrap())
            .send()
            .unwrap();
        assert_eq!(hello.status().as_u16(), 401);
        let challenge = hello.headers()["www-authenticate"].to_str().unwrap();
        assert!(challenge.contains("invalid_token"), "{challenge}");

        // Garbage, huge and odd requests get an answer, and the server lives on.
        let garbage = http
            .post(format!("{}/token", server.issuer()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(vec![0xffu8; 1000])
            .send()
            .unwrap();
        assert_eq!(garbage.status().as_u16(), 401);
        let huge = http
            .post(format!("{}/token", server.issuer()))
            .body(vec![b'a'; 200_000])
            .send();
        if let Ok(huge) = huge {
            assert_eq!(huge.status().as_u16(), 413);
        }
        let long = http
            .get(format!(
                "{}/authorize?{}",
                server.issuer(),
                "x".repeat(20_000)
            ))
            .send();
        if let Ok(long) = long {
            assert!(long.status().is_client_error());
        }
        let discovery = http
            .get(format!(
                "{}/.well-known/openid-configuration",
                server.issuer()
            ))
            .send()
            .unwrap()
            .bytes()
            .unwrap();
        let discovery: Value = serde_json::from_slice(&discovery).unwrap();
        assert_eq!(discovery["issuer"], server.issuer());
        assert_eq!(discovery["code_challenge_methods_supported"][0], "S256");
        assert_eq!(
            discovery["authorization_response_iss_parameter_supported"],
            true
        );
    }

    /// oauthctl's own device, JSON-body and revocation clients against the server.
    #[test]
    fn stops_when_dropped() {
        let server = DemoServer::start(false).unwrap();
        let issuer = server.issuer().to_owned();
        drop(server);
        let result = http_client().get(format!("{issuer}/")).send();
        assert!(result.is_err(), "still answering after drop");
    }
}
