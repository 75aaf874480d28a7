//! docker's credential-helper input: `docker_credential::read_server_url_from`,
//! then `registry_origin` and `git_credential::host_matches` (which matches
//! `docker_registries` entries too).
//!
//! Input: what docker writes on the helper's stdin for `get` or `erase`.
//!
//! A registry a token may go to is https, or http to a loopback host, and
//! nothing but scheme, host and port; the form `list` prints it in (no
//! trailing slash) names the same registry when docker sends it back, and
//! an entry of its own host and port matches it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthctl::commands::docker_credential::{read_server_url_from, registry_origin};
use oauthctl::commands::git_credential::host_matches;
use oauthctl::oauth::http::is_loopback;

fuzz_target!(|data: &[u8]| {
    let read = read_server_url_from(data);
    assert_eq!(
        read.is_ok(),
        std::str::from_utf8(data).is_ok(),
        "{data:?}: {read:?}"
    );
    let Ok(server) = read else {
        return;
    };
    assert_eq!(server, server.trim(), "whitespace kept around {server:?}");
    let Some(origin) = registry_origin(&server) else {
        return;
    };
    match origin.scheme() {
        "https" => {}
        "http" => assert!(is_loopback(&origin), "plain http to {origin}"),
        other => panic!("a token for scheme {other}: {origin}"),
    }
    let host = origin.host_str().expect("an origin without a host");
    let host_port = match origin.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    assert_eq!(
        origin.as_str(),
        format!("{}://{host_port}/", origin.scheme()),
        "more than an origin from {server:?}"
    );
    let listed = origin.as_str().trim_end_matches('/');
    assert_eq!(
        registry_origin(listed).as_ref(),
        Some(&origin),
        "`list` names {origin} as {listed:?}, which is another registry"
    );
    assert!(
        host_matches(&host_port, &origin),
        "docker_registries = [{host_port:?}] does not match {origin}"
    );
});
