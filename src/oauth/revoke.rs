//! Token revocation (RFC 7009).

use super::Error;
use super::client::{Client, failure, post_authenticated};
use super::http::Http;
use crate::cli::BodyFormat;
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
        ("token".to_owned(), token.expose().to_owned()),
        ("token_type_hint".to_owned(), hint.to_owned()),
    ];
    let endpoint = "revocation endpoint";
    let response = post_authenticated(http, endpoint, url, client, &body, BodyFormat::Form)?;
    if (200..300).contains(&response.status) {
        return Ok(());
    }
    Err(failure(endpoint, &response, "check --revocation-url"))
}
