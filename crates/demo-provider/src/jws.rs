//! HS256 JWTs for the demo server: signed with a key that lives only as long
//! as the server, and checked again by the demo API.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

/// Longer tokens are refused before any decoding.
const MAX_TOKEN_LEN: usize = 8192;

pub struct Signer {
    key: [u8; 32],
}

impl Signer {
    pub fn new(key: [u8; 32]) -> Signer {
        Signer { key }
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes a key of any length; 32 bytes can never be refused.
        <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("HMAC accepts any key length")
    }

    /// `typ` is `at+jwt` for access tokens (RFC 9068), `JWT` for id_tokens.
    pub fn sign(&self, typ: &str, claims: &Value) -> String {
        let header = serde_json::json!({ "alg": "HS256", "typ": typ });
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut mac = self.mac();
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    /// The claims of a token this signer made with this `typ`, or `None`.
    /// Expiry and audience are the caller's business.
    pub fn verify(&self, typ: &str, token: &str) -> Option<Value> {
        if token.len() > MAX_TOKEN_LEN {
            return None;
        }
        let (signing_input, signature) = token.rsplit_once('.')?;
        let (header, claims) = signing_input.split_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        let mut mac = self.mac();
        mac.update(signing_input.as_bytes());
        // Constant time.
        mac.verify_slice(&signature).ok()?;
        let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
        if header.get("alg")?.as_str()? != "HS256" || header.get("typ")?.as_str()? != typ {
            return None;
        }
        let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).ok()?).ok()?;
        claims.is_object().then_some(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_test_case_2() {
        // HMAC-SHA256 with key "Jefe": the signer's MAC is plain HMAC.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn round_trip_and_tampering() {
        let signer = Signer::new([7; 32]);
        let token = signer.sign("at+jwt", &serde_json::json!({ "sub": "demo-user" }));
        let claims = signer.verify("at+jwt", &token).unwrap();
        assert_eq!(claims["sub"], "demo-user");
        // Readable by oauthctl's own (unverified) decoder.
        assert_eq!(
            crate::decode_jwt(&token).unwrap().0["alg"],
            serde_json::json!("HS256")
        );
        assert!(signer.verify("JWT", &token).is_none(), "typ is checked");
        assert!(Signer::new([8; 32]).verify("at+jwt", &token).is_none());
        let (head, _) = token.split_once('.').unwrap();
        let forged = format!(
            "{head}.{}.{}",
            URL_SAFE_NO_PAD.encode(r#"{"sub":"admin"}"#),
            token.rsplit('.').next().unwrap()
        );
        assert!(signer.verify("at+jwt", &forged).is_none());
        for garbage in ["", ".", "..", "a.b.c", "ä.ö.ü", &"x".repeat(10_000)] {
            assert!(signer.verify("at+jwt", garbage).is_none(), "{garbage}");
        }
    }
}
