//! Dynamic client registration (RFC 7591): a native public client, for a
//! login with no client id configured.

use super::Error;
use super::http::{Http, Replay, Response};

/// Registers oauthctl as a native public client (loopback redirect, no
/// secret, PKCE) and returns its `client_id`.
pub fn register_native_client(http: &Http, endpoint_url: &str) -> Result<String, Error> {
    let endpoint = "registration endpoint";
    let body = serde_json::json!({
        "client_name": "oauthctl",
        "application_type": "native",
        // RFC 8252 §7.3: any port on the loopback address.
        "redirect_uris": ["http://127.0.0.1/callback"],
        "token_endpoint_auth_method": "none",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
    })
    .to_string();
    // A second POST would register a second client: not replayed.
    let response = http.send(endpoint, endpoint_url, Replay::SingleUse, |c| {
        c.post(endpoint_url)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .body(body.clone())
    })?;
    if !(200..300).contains(&response.status) {
        return Err(super::client::failure(
            endpoint,
            &response,
            "the provider refused to register a client: give a client id",
            Some(super::Remedy::ClientId),
        ));
    }
    Response::word(&response.json(endpoint)?, endpoint, "client_id", 512)
}
