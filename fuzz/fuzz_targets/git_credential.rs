//! git's credential-helper input: `git_credential::Request::read`, then
//! `Request::origin` and `host_matches`.
//!
//! Input: what git writes on the helper's stdin. Whatever follows its first
//! blank line (which ends the request) is also tried as a `git_hosts` entry.
//!
//! `read` is checked against a reading of the protocol written here
//! (gitcredentials(7): `key=value` lines up to a blank line or EOF, a later
//! key replacing an earlier one); an origin a token may go to is https, or
//! http to a loopback host, and nothing but scheme, host and port.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthctl::commands::git_credential::{Request, host_matches};
use oauthctl::oauth::http::is_loopback;

#[derive(Debug, Default, PartialEq)]
struct Model {
    protocol: Option<String>,
    host: Option<String>,
    username: Option<String>,
    password: Option<String>,
}

/// `None`: the input must be refused.
fn model(data: &[u8]) -> Option<Model> {
    let mut model = Model::default();
    for line in data.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if line.contains(&0) {
            return None;
        }
        let eq = line.iter().position(|&b| b == b'=')?;
        let (key, value) = (&line[..eq], &line[eq + 1..]);
        let slot = match key {
            b"protocol" => &mut model.protocol,
            b"host" => &mut model.host,
            b"username" => &mut model.username,
            b"password" => &mut model.password,
            _ => continue,
        };
        *slot = Some(String::from_utf8(value.to_vec()).ok()?);
    }
    Some(model)
}

fn entry_after_the_request(data: &[u8]) -> Option<String> {
    let at = data.windows(2).position(|pair| pair == b"\n\n")?;
    Some(String::from_utf8_lossy(&data[at + 2..]).into_owned())
}

fn check_origin(request: &Request, entry: Option<&str>) {
    let Some(origin) = request.origin() else {
        return;
    };
    match origin.scheme() {
        "https" => {}
        "http" => assert!(is_loopback(&origin), "plain http to {origin}"),
        other => panic!("a token for scheme {other}: {origin}"),
    }
    let host = origin.host_str().expect("an origin without a host");
    let bare = match origin.port() {
        Some(port) => format!("{}://{host}:{port}/", origin.scheme()),
        None => format!("{}://{host}/", origin.scheme()),
    };
    assert_eq!(
        origin.as_str(),
        bare,
        "more than an origin from {request:?}"
    );
    let asked = request
        .host
        .as_deref()
        .expect("an origin without a host line");
    assert!(
        host_matches(asked, &origin),
        "git_hosts = [{asked:?}] does not match its own request's {origin}"
    );
    if let Some(entry) = entry
        && host_matches(entry, &origin)
    {
        // What the entry names, read the same way, is that very origin.
        let named = url::Url::parse(&format!("{}://{}/", origin.scheme(), entry.trim()))
            .expect("a matching entry that is no host");
        assert_eq!(named.host(), origin.host(), "{entry:?} matched {origin}");
        assert_eq!(
            named.port_or_known_default(),
            origin.port_or_known_default()
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let read = Request::read(data);
    match (&read, model(data)) {
        (Ok(request), Some(model)) => {
            let got = Model {
                protocol: request.protocol.clone(),
                host: request.host.clone(),
                username: request.username.clone(),
                password: request.password.as_ref().map(|p| p.expose().to_owned()),
            };
            assert_eq!(
                got, model,
                "read {data:?} otherwise than the protocol has it"
            );
        }
        (Err(_), None) => {}
        (read, model) => panic!("{data:?}: read {read:?}, the protocol {model:?}"),
    }
    if let Ok(request) = &read {
        check_origin(request, entry_after_the_request(data).as_deref());
    }
});
