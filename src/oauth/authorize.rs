//! The authorization request URL (RFC 6749 §4.1.1 + PKCE + state + nonce).

use super::Error;

pub struct AuthorizationRequest<'a> {
    pub auth_url: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub scope: Option<&'a str>,
    pub state: &'a str,
    pub code_challenge: &'a str,
    pub nonce: Option<&'a str>,
    pub extra: &'a [(String, String)],
}

impl AuthorizationRequest<'_> {
    pub fn url(&self) -> Result<String, Error> {
        let mut url = super::http::check_url(self.auth_url)?;
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", self.client_id)
                .append_pair("redirect_uri", self.redirect_uri)
                .append_pair("state", self.state)
                .append_pair("code_challenge", self.code_challenge)
                .append_pair("code_challenge_method", "S256");
            if let Some(scope) = self.scope {
                query.append_pair("scope", scope);
            }
            if let Some(nonce) = self.nonce {
                query.append_pair("nonce", nonce);
            }
            for (k, v) in self.extra {
                query.append_pair(k, v);
            }
        }
        Ok(url.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_existing_query_and_adds_pkce() {
        let extra = vec![("prompt".to_owned(), "consent".to_owned())];
        let url = AuthorizationRequest {
            auth_url: "https://id.example.com/authorize?tenant=a",
            client_id: "cli",
            redirect_uri: "http://127.0.0.1:5000/callback",
            scope: Some("openid email"),
            state: "st",
            code_challenge: "ch",
            nonce: Some("n"),
            extra: &extra,
        }
        .url()
        .unwrap();
        assert!(url.starts_with("https://id.example.com/authorize?tenant=a&response_type=code"));
        assert!(url.contains("code_challenge_method=S256"));
        assert!(url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A5000%2Fcallback"));
        assert!(url.contains("scope=openid+email") && url.contains("prompt=consent"));
    }
}
