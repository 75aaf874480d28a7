//! Token revocation (RFC 7009).

use super::Error;
use super::client::{Client, Replay, failure, post_authenticated};
use super::grant::Param;
use super::http::Http;
use super::types::BodyFormat;
use crate::secret::Secret;

/// Revokes one token. RFC 7009 §2.2: 200 means revoked or already invalid.
pub fn revoke(
    http: &Http,
    url: &str,
    client: &Client,
    token: &Secret,
    hint: &str,
) -> Result<(), Error> {
    let body = vec![
        Param::secret("token", token.clone()),
        Param::plain("token_type_hint", hint),
    ];
    let endpoint = "revocation endpoint";
    let response = post_authenticated(
        http,
        endpoint,
        url,
        client,
        &body,
        BodyFormat::Form,
        Replay::Safe,
    )?;
    if (200..300).contains(&response.status) {
        return Ok(());
    }
    Err(failure(endpoint, &response, "check --revocation-url"))
}
