//! The OIDC userinfo endpoint, only to say who logged in.

use super::http::{Http, Replay};
use crate::secret::Secret;

/// The subject's most human name, or `None` on any failure: this is a
/// nicety for the confirmation line, never a reason to fail a login.
pub fn subject(http: &Http, url: &str, access_token: &Secret) -> Option<String> {
    let response = http
        .send("userinfo endpoint", url, Replay::Safe, |c| {
            c.get(url)
                .header("Accept", "application/json")
                .bearer_auth(access_token.expose())
        })
        .ok()?;
    if !(200..300).contains(&response.status) {
        log::debug!("userinfo endpoint answered {}", response.status);
        return None;
    }
    let claims: serde_json::Value = serde_json::from_slice(&response.body).ok()?;
    crate::jwt::subject(&claims)
}
