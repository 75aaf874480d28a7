//! The protocol: discovery, the token endpoint, lenient response parsing.
//! Nothing here prints; diagnostics go through `log`, with secrets redacted.

pub mod authorize;
pub mod challenge;
pub mod client;
pub mod client_metadata;
pub mod device;
pub mod discovery;
pub mod dpop;
pub mod grant;
pub mod http;
pub mod id_token;
pub mod introspect;
pub mod jws;
pub mod par;
pub mod pkce;
pub mod registration;
pub mod resource;
pub mod response;
pub mod revoke;
pub mod types;
pub mod userinfo;

use types::ErrorCode;

/// What went wrong talking to a provider, as one line in protocol terms.
/// What to do about it (which flag, which command) is the command layer's
/// to add; see `error::advice`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The provider answered with an OAuth error (`invalid_client`, ...).
    #[error("{endpoint} returned {status} {code}{}{}", description_suffix(.description), uri_suffix(.uri))]
    OAuth {
        endpoint: &'static str,
        status: u16,
        code: ErrorCode,
        description: Option<String>,
        uri: Option<String>,
    },
    /// Network, TLS or timeout.
    #[error("could not reach the {endpoint} at {url}: {reason}")]
    Unreachable {
        endpoint: &'static str,
        url: String,
        reason: String,
        timed_out: bool,
    },
    /// A status and body that are not an OAuth answer (HTML pages, 5xx, 429...).
    #[error("{endpoint} returned {status}{}: {hint}", excerpt_suffix(.excerpt))]
    Http {
        endpoint: &'static str,
        status: u16,
        excerpt: Option<String>,
        hint: String,
        /// The setting that may be wrong, when the hint names one.
        remedy: Option<Remedy>,
    },
    /// A 2xx whose body could not be understood.
    #[error("{endpoint} returned {status} with {what}: check the endpoint URL")]
    Malformed {
        endpoint: &'static str,
        status: u16,
        what: String,
    },
    /// A 2xx token response carrying a value that could inject into a
    /// header, a curl config or a terminal: refused, nothing stored.
    #[error(
        "{endpoint} returned {what}: refused the response and stored nothing (the provider or something in between is misbehaving)"
    )]
    Untrustworthy {
        endpoint: &'static str,
        what: String,
    },
    /// A setting oauthctl cannot work with (plain http to a remote host, Basic
    /// auth without a secret, no discovery document...).
    #[error("{0}")]
    Misconfigured(String),
    /// Like `Misconfigured`, where one setting gets past it: `what` says
    /// which in protocol terms, the command layer adds its flag.
    #[error("{what}")]
    Needs { what: String, remedy: Remedy },
}

/// A setting the user can give or correct to get past an error, named as
/// the protocol names it; `error::advice` says which flag that is, so this
/// layer never spells the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// A client id: the provider registers none for us (RFC 7591).
    ClientId,
    /// The issuer, or the token endpoint to use without discovery.
    IssuerOrTokenEndpoint,
    /// The token and authorization endpoints, without discovery.
    Endpoints,
    /// The authorization server's issuer, without resource metadata.
    Issuer,
    /// The revocation endpoint (RFC 7009).
    RevocationEndpoint,
    /// The introspection endpoint (RFC 7662).
    IntrospectionEndpoint,
    /// The device authorization endpoint (RFC 8628).
    DeviceEndpoint,
    /// The PEM file of extra CA certificates.
    TrustAnchors,
}

fn description_suffix(description: &Option<String>) -> String {
    match description {
        Some(d) if !d.is_empty() => format!(" ({d})"),
        _ => String::new(),
    }
}

fn uri_suffix(uri: &Option<String>) -> String {
    match uri {
        Some(u) if !u.is_empty() => format!(" (see {u})"),
        _ => String::new(),
    }
}

fn excerpt_suffix(excerpt: &Option<String>) -> String {
    match excerpt {
        Some(e) if !e.is_empty() => format!(" \"{e}\""),
        _ => String::new(),
    }
}
