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
    /// The request's parameters, in the order they are sent.
    pub fn params(&self) -> Vec<(String, String)> {
        let mut params: Vec<(String, String)> = [
            ("response_type", "code"),
            ("client_id", self.client_id),
            ("redirect_uri", self.redirect_uri),
            ("state", self.state),
            ("code_challenge", self.code_challenge),
            ("code_challenge_method", "S256"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        if let Some(scope) = self.scope {
            params.push(("scope".into(), scope.into()));
        }
        if let Some(nonce) = self.nonce {
            params.push(("nonce".into(), nonce.into()));
        }
        params.extend(self.extra.iter().cloned());
        params
    }

    /// The URL with every parameter in its query (the classic request).
    pub fn url(&self) -> Result<String, Error> {
        with_query(self.auth_url, &self.params())
    }

    /// The URL after a pushed authorization request (RFC 9126 §4): only
    /// `client_id` and the `request_uri` the server gave for the rest.
    pub fn pushed_url(&self, request_uri: &str) -> Result<String, Error> {
        with_query(
            self.auth_url,
            &[
                ("client_id".to_owned(), self.client_id.to_owned()),
                ("request_uri".to_owned(), request_uri.to_owned()),
            ],
        )
    }
}

fn with_query(base: &str, params: &[(String, String)]) -> Result<String, Error> {
    let mut url = super::http::check_url(base)?;
    url.query_pairs_mut().extend_pairs(params);
    Ok(url.to_string())
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
