//! The device authorization grant (RFC 8628), for machines without a browser.

use super::Error;
use super::client::{Client, Replay, TokenEndpoint, failure, post_authenticated};
use super::grant::{Grant, Param};
use super::http::Http;
use super::response::{self, TokenResponse};
use super::types::{BodyFormat, ErrorCode};
use crate::secret::Secret;
use std::time::{Duration, Instant};

/// RFC 8628 §3.2: 5 s when the server names no interval.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
/// When the server names no lifetime, give the user ten minutes.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(600);
/// Never poll longer than this, whatever the server says.
const MAX_LIFETIME: Duration = Duration::from_secs(1800);

#[derive(Debug)]
pub struct DeviceAuthorization {
    pub device_code: Secret,
    pub user_code: String,
    pub verification_uri: String,
    pub verification_uri_complete: Option<String>,
    pub expires_in: Duration,
    pub interval: Duration,
}

pub fn start(
    http: &Http,
    url: &str,
    client: &Client,
    params: &[Param],
) -> Result<DeviceAuthorization, Error> {
    let response = post_authenticated(
        http,
        "device authorization endpoint",
        url,
        client,
        params,
        BodyFormat::Form,
        Replay::Safe,
    )?;
    let endpoint = "device authorization endpoint";
    let fields = response::parse_fields(&response.content_type, &response.body);
    let fields = match fields {
        Ok(fields) if (200..300).contains(&response.status) && fields.get("error").is_none() => {
            fields
        }
        _ => {
            return Err(failure(
                endpoint,
                &response,
                "check the endpoint URL",
                Some(super::Remedy::DeviceEndpoint),
            ));
        }
    };
    let text = |k: &str| fields.get(k).and_then(|v| v.as_str()).map(str::to_owned);
    let secs = |k: &str| {
        fields.get(k).and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        })
    };
    let malformed = |what: &str| Error::Malformed {
        endpoint,
        status: response.status,
        what: format!("a response without {what}"),
    };
    // What the user is shown must be what the server meant, on one line:
    // no escape sequences, no forged lines, no non-web links.
    let link = |key: &str| match text(key) {
        None => Ok(None),
        Some(raw) => match super::http::check_url(raw.trim()) {
            Ok(url) if url.as_str().chars().all(|c| c.is_ascii_graphic()) => {
                Ok(Some(url.to_string()))
            }
            _ => Err(Error::Untrustworthy {
                endpoint,
                what: format!("a {key} that is not an https URL"),
            }),
        },
    };
    let user_code = text("user_code").ok_or_else(|| malformed("user_code"))?;
    if user_code.is_empty()
        || user_code.len() > 64
        || !user_code.chars().all(|c| c.is_ascii_graphic() || c == ' ')
    {
        return Err(Error::Untrustworthy {
            endpoint,
            what: "a user_code that is not a short line of printable ASCII".to_owned(),
        });
    }
    Ok(DeviceAuthorization {
        device_code: Secret::new(text("device_code").ok_or_else(|| malformed("device_code"))?),
        user_code,
        // Google says verification_url.
        verification_uri: link("verification_uri")
            .transpose()
            .or_else(|| link("verification_url").transpose())
            .ok_or_else(|| malformed("verification_uri"))??,
        verification_uri_complete: link("verification_uri_complete")?,
        expires_in: secs("expires_in")
            .map(Duration::from_secs)
            .unwrap_or(DEFAULT_LIFETIME)
            .min(MAX_LIFETIME),
        // Capped so that a hostile interval cannot overflow the deadline
        // arithmetic: past the lifetime it simply means "expired".
        interval: secs("interval")
            .map(Duration::from_secs)
            .unwrap_or(DEFAULT_INTERVAL)
            .clamp(Duration::from_secs(1), MAX_LIFETIME),
    })
}

/// Polls the token endpoint until the user approves, denies, or the code expires.
pub fn poll(
    token: &TokenEndpoint,
    authorization: &DeviceAuthorization,
    extra: &[Param],
) -> Result<TokenResponse, Error> {
    let deadline = Instant::now() + authorization.expires_in;
    let mut interval = authorization.interval;
    let grant = Grant::DeviceCode(authorization.device_code.clone());
    loop {
        if Instant::now() + interval > deadline {
            return Err(expired());
        }
        std::thread::sleep(interval);
        match token.request(&grant, extra) {
            Ok(response) => return Ok(response),
            Err(Error::OAuth {
                code: ErrorCode::AuthorizationPending,
                ..
            }) => {}
            Err(Error::OAuth {
                code: ErrorCode::SlowDown,
                ..
            }) => {
                interval += Duration::from_secs(5);
                log::info!(
                    "the provider asked to slow down: polling every {} s",
                    interval.as_secs()
                );
            }
            Err(Error::OAuth {
                code: ErrorCode::ExpiredToken,
                ..
            }) => return Err(expired()),
            Err(Error::OAuth {
                code: code @ ErrorCode::AccessDenied,
                description,
                ..
            }) => {
                return Err(Error::OAuth {
                    endpoint: "token endpoint",
                    status: 400,
                    code,
                    description: Some(
                        description
                            .unwrap_or_else(|| "the login was denied on the device page".into()),
                    ),
                    uri: None,
                });
            }
            Err(other) => return Err(other),
        }
    }
}

fn expired() -> Error {
    Error::OAuth {
        endpoint: "token endpoint",
        status: 400,
        code: ErrorCode::ExpiredToken,
        description: Some("the device code expired before the login was approved".into()),
        uri: None,
    }
}
