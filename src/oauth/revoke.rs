//! Token revocation (RFC 7009).

use super::Error;
use super::client::{Client, oauth_error};
use super::http::Http;
use super::response;
use crate::cli::ClientAuth;
use crate::secret::Secret;

/// Revokes one token. RFC 7009 §2.2: 200 means revoked or already invalid.
pub fn revoke(
    http: &Http,
    url: &str,
    client: &Client,
    token: &Secret,
    hint: &str,
) -> Result<(), Error> {
    let mut body = vec![
        ("token".to_owned(), token.expose().to_owned()),
        ("token_type_hint".to_owned(), hint.to_owned()),
    ];
    let mut basic = None;
    match (client.auth, &client.id, &client.secret) {
        (ClientAuth::Basic, Some(id), Some(secret)) => {
            basic = Some(Client::basic_header(id, secret.expose()))
        }
        (ClientAuth::Post, id, secret) => {
            if let Some(id) = id {
                body.push(("client_id".into(), id.clone()));
            }
            if let Some(secret) = secret {
                body.push(("client_secret".into(), secret.expose().to_owned()));
            }
        }
        (_, Some(id), _) => body.push(("client_id".into(), id.clone())),
        _ => {}
    }
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&body)
        .finish();
    let endpoint = "revocation endpoint";
    let response = http.send(endpoint, url, |c| {
        let mut request = c
            .post(url)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(encoded.clone());
        if let Some(value) = &basic {
            request = request.header("Authorization", value);
        }
        request
    })?;
    if (200..300).contains(&response.status) {
        return Ok(());
    }
    Err(
        match response::parse_error(&response.content_type, &response.body) {
            Some(error) => oauth_error(endpoint, response.status, error),
            None => Error::Http {
                endpoint,
                status: response.status,
                excerpt: response::excerpt(&response.body, 80),
                hint: "check --revocation-url".into(),
            },
        },
    )
}
