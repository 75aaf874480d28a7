//! `oauthctl demo`'s own authorization server and API: a strict, standard
//! OAuth 2.0 / OpenID provider that lives on 127.0.0.1 for as long as its
//! `DemoServer` does, so oauthctl can be tried with no account anywhere.
//! A library that never prints: diagnostics go through `log`; oauthctl's
//! `commands::demo` drives the tour.

// No product function over 80 lines (clippy.toml sets the bound; CI denies warnings).
#![warn(clippy::too_many_lines)]

mod authz;
mod jws;
mod pages;
pub mod server;

pub use authz::{ACCESS_TOKEN_LIFETIME, CLIENT_ID, USER};
pub use server::DemoServer;

/// Unix seconds now.
pub(crate) fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// PKCE (RFC 7636), S256 only: the challenge for a verifier, and random
/// values for codes and tokens.
pub(crate) mod pkce {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use sha2::{Digest, Sha256};

    pub fn challenge(verifier: &str) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
    }

    pub fn random_token() -> Result<String, getrandom::Error> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)?;
        Ok(URL_SAFE_NO_PAD.encode(bytes))
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn rfc7636_appendix_b_vector() {
            assert_eq!(
                super::challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
            );
        }
    }
}

/// Reads a JWT's header and claims, unverified: for the tests.
#[cfg(test)]
pub(crate) fn decode_jwt(token: &str) -> Option<(serde_json::Value, serde_json::Value)> {
    use base64::Engine;
    let mut parts = token.split('.');
    let mut part = || -> Option<serde_json::Value> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(parts.next()?)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    };
    Some((part()?, part()?))
}
