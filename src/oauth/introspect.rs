//! Token introspection (RFC 7662): ask the authorization server whether a
//! token is active, and what it knows of it.

use super::Error;
use super::client::{Client, failure, post_token_about};
use super::http::Http;
use crate::secret::Secret;

/// The server's answer: `active` (the one member RFC 7662 §2.2 requires)
/// and everything else it said, as it said it.
#[derive(Debug)]
pub struct Introspection {
    pub active: bool,
    pub members: serde_json::Map<String, serde_json::Value>,
}

pub fn introspect(
    http: &Http,
    url: &str,
    client: &Client,
    token: &Secret,
    hint: &str,
) -> Result<Introspection, Error> {
    let endpoint = "introspection endpoint";
    let response = post_token_about(http, endpoint, url, client, token, hint)?;
    if !(200..300).contains(&response.status) {
        return Err(failure(
            endpoint,
            &response,
            "check the endpoint URL",
            Some(super::Remedy::IntrospectionEndpoint),
        ));
    }
    parse(&response.body).map_err(|what| Error::Malformed {
        endpoint,
        status: response.status,
        what,
    })
}

fn parse(body: &[u8]) -> Result<Introspection, String> {
    let members = match serde_json::from_slice(body) {
        Ok(serde_json::Value::Object(members)) => members,
        _ => return Err("a body that is not a JSON object".to_owned()),
    };
    match members.get("active") {
        Some(serde_json::Value::Bool(active)) => Ok(Introspection {
            active: *active,
            members,
        }),
        _ => Err("no boolean `active` member (RFC 7662 §2.2)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_is_required_and_boolean() {
        assert!(
            parse(br#"{"active": true, "scope": "a b"}"#)
                .unwrap()
                .active
        );
        assert!(!parse(br#"{"active": false}"#).unwrap().active);
        for bad in [
            &br#"{"active": "true"}"#[..],
            br#"{"scope": "a"}"#,
            b"[]",
            b"<html>",
        ] {
            assert!(parse(bad).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
