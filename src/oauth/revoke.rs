//! Token revocation (RFC 7009).

use super::Error;
use super::client::{Client, failure, post_token_about};
use super::http::Http;
use crate::secret::Secret;

/// Revokes one token. RFC 7009 §2.2: 200 means revoked or already invalid.
pub fn revoke(
    http: &Http,
    url: &str,
    client: &Client,
    token: &Secret,
    hint: &str,
) -> Result<(), Error> {
    let endpoint = "revocation endpoint";
    let response = post_token_about(http, endpoint, url, client, token, hint)?;
    if (200..300).contains(&response.status) {
        return Ok(());
    }
    Err(failure(
        endpoint,
        &response,
        "check the endpoint URL",
        Some(super::Remedy::RevocationEndpoint),
    ))
}
