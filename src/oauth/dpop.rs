//! DPoP (RFC 9449): a key pair per login, and a proof signed with it for
//! every request that uses the tokens bound to it. The key is ES256 (P-256),
//! the algorithm every DPoP server must accept; it is kept in the token
//! store as its PKCS#8 document, base64url, beside the refresh token.

use crate::secret::Secret;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::rand::SystemRandom;
use ring::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair, KeyPair};
use std::sync::Mutex;

/// The `token_type` of a DPoP-bound access token, and its auth scheme.
pub const TOKEN_TYPE: &str = "DPoP";

/// The longest server nonce taken; RFC 9449 §8.1 sets no limit, a header
/// does.
const MAX_NONCE: usize = 512;

#[derive(Debug, thiserror::Error)]
pub enum DpopError {
    #[error("the stored DPoP key is damaged (log in again to make a new one)")]
    Damaged,
    #[error("the OS random number generator failed")]
    Random,
    #[error("could not sign the DPoP proof")]
    Signing,
    #[error("`{0}` cannot be a DPoP proof's htu: it needs to be an absolute http(s) URL")]
    NotAnHttpUrl(String),
}

/// One login's key pair, with the nonce the authorization server asked for
/// last (RFC 9449 §8), which goes into every later proof to it.
pub struct Dpop {
    pair: EcdsaKeyPair,
    pkcs8: Secret,
    nonce: Mutex<Option<String>>,
}

impl std::fmt::Debug for Dpop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dpop").finish_non_exhaustive()
    }
}

/// What a proof is for: the request's method and URL, and the access token
/// it carries (the `ath` claim) when it goes to a resource server.
pub struct ProofFor<'a> {
    pub htm: &'a str,
    pub htu: &'a str,
    pub access_token: Option<&'a str>,
    pub nonce: Option<&'a str>,
}

impl Dpop {
    /// A new P-256 key pair.
    pub fn generate() -> Result<Dpop, DpopError> {
        let rng = SystemRandom::new();
        let document = EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .map_err(|_| DpopError::Random)?;
        Dpop::from_pkcs8(document.as_ref())
    }

    /// The key as the store keeps it ([`Dpop::stored`]).
    pub fn from_stored(stored: &Secret) -> Result<Dpop, DpopError> {
        let der = URL_SAFE_NO_PAD
            .decode(stored.expose())
            .map_err(|_| DpopError::Damaged)?;
        Dpop::from_pkcs8(&der)
    }

    fn from_pkcs8(der: &[u8]) -> Result<Dpop, DpopError> {
        let pair =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der, &SystemRandom::new())
                .map_err(|_| DpopError::Damaged)?;
        Ok(Dpop {
            pair,
            pkcs8: Secret::new(URL_SAFE_NO_PAD.encode(der)),
            nonce: Mutex::new(None),
        })
    }

    /// The private key, for the store.
    pub fn stored(&self) -> Secret {
        self.pkcs8.clone()
    }

    /// The public key as a JWK (RFC 7518 §6.2): exactly the required
    /// members, which is also the RFC 7638 thumbprint input.
    fn public_jwk(&self) -> serde_json::Value {
        // ring gives the uncompressed point: 0x04 || x || y.
        let point = self.pair.public_key().as_ref();
        let (x, y) = point[1..].split_at(32);
        serde_json::json!({
            "crv": "P-256",
            "kty": "EC",
            "x": URL_SAFE_NO_PAD.encode(x),
            "y": URL_SAFE_NO_PAD.encode(y),
        })
    }

    /// The JWK SHA-256 thumbprint (RFC 7638): the authorization request's
    /// `dpop_jkt` (RFC 9449 §10).
    pub fn thumbprint(&self) -> String {
        // serde_json's map is ordered by key and prints no whitespace: the
        // RFC 7638 canonical form.
        let canonical = self.public_jwk().to_string();
        URL_SAFE_NO_PAD.encode(ring::digest::digest(
            &ring::digest::SHA256,
            canonical.as_bytes(),
        ))
    }

    /// The nonce the authorization server asked for last, if any.
    pub fn nonce(&self) -> Option<String> {
        self.nonce.lock().ok().and_then(|n| n.clone())
    }

    /// Remembers a `DPoP-Nonce` the authorization server sent. Returns
    /// whether it is new, i.e. whether a request refused for want of it is
    /// worth sending again.
    pub fn remember_nonce(&self, nonce: &str) -> bool {
        let Ok(mut slot) = self.nonce.lock() else {
            return false;
        };
        if slot.as_deref() == Some(nonce) {
            return false;
        }
        *slot = Some(nonce.to_owned());
        true
    }

    /// A fresh proof (RFC 9449 §4.2): typ `dpop+jwt`, the public key in the
    /// header, a random `jti`, `htm`, `htu` (without query and fragment),
    /// `iat`, and `ath` and `nonce` when given.
    pub fn proof(&self, what: &ProofFor, now: u64) -> Result<Secret, DpopError> {
        let htu = htu(what.htu)?;
        let header = serde_json::json!({
            "typ": "dpop+jwt",
            "alg": "ES256",
            "jwk": self.public_jwk(),
        });
        let mut claims = serde_json::json!({
            "jti": super::pkce::random_token().map_err(|_| DpopError::Random)?,
            "htm": what.htm,
            "htu": htu,
            "iat": now,
        });
        if let Some(token) = what.access_token {
            claims["ath"] = access_token_hash(token).into();
        }
        if let Some(nonce) = what.nonce {
            claims["nonce"] = nonce.into();
        }
        let rng = SystemRandom::new();
        super::jws::compact(&header, &claims, |input| {
            self.pair
                .sign(&rng, input)
                .map(|sig| sig.as_ref().to_vec())
                .map_err(|_| super::jws::KeyError::Signing)
        })
        .map(Secret::new)
        .map_err(|_| DpopError::Signing)
    }
}

/// A `token_type` that names a DPoP-bound token (compared as RFC 9449 §5
/// says: case-insensitively).
pub fn is_dpop_token_type(token_type: Option<&str>) -> bool {
    token_type.is_some_and(|t| t.eq_ignore_ascii_case(TOKEN_TYPE))
}

/// An HTTP method as a proof's `htm` may name it: an RFC 9110 token.
pub fn valid_method(method: &str) -> bool {
    !method.is_empty()
        && method
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.!#$%&'*+^`|~".contains(&b))
}

/// `ath` (RFC 9449 §4.2): the access token's SHA-256, base64url.
pub fn access_token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(ring::digest::digest(
        &ring::digest::SHA256,
        token.as_bytes(),
    ))
}

/// The `htu` of a request to `url`: the URL without its query and fragment
/// (RFC 9449 §4.2), normalized as RFC 3986 §6.2.2–3 compares them (lower
/// case scheme and host, no default port).
pub fn htu(url: &str) -> Result<String, DpopError> {
    let mut parsed = url::Url::parse(url).map_err(|_| DpopError::NotAnHttpUrl(url.to_owned()))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(DpopError::NotAnHttpUrl(url.to_owned()));
    }
    parsed.set_query(None);
    parsed.set_fragment(None);
    Ok(parsed.to_string())
}

/// A `DPoP-Nonce` header value worth remembering: NQCHARs (RFC 9449 §8.1),
/// which can go into a JWT claim as they are.
pub fn valid_nonce(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= MAX_NONCE
        && value
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_part(jwt: &str, index: usize) -> serde_json::Value {
        let part = jwt.split('.').nth(index).unwrap();
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
    }

    #[test]
    fn a_proof_names_the_request_and_verifies_with_its_jwk() {
        let dpop = Dpop::generate().unwrap();
        let proof = dpop
            .proof(
                &ProofFor {
                    htm: "GET",
                    htu: "HTTPS://API.Example:443/a/b?q=1#frag",
                    access_token: Some("tok"),
                    nonce: Some("n-1"),
                },
                1_700_000_000,
            )
            .unwrap();
        let proof = proof.expose();
        let header = decode_part(proof, 0);
        let claims = decode_part(proof, 1);
        assert_eq!(header["typ"], "dpop+jwt");
        assert_eq!(header["alg"], "ES256");
        assert!(
            header["jwk"].get("d").is_none(),
            "the private key is never in a proof"
        );
        assert_eq!(claims["htm"], "GET");
        assert_eq!(claims["htu"], "https://api.example/a/b");
        assert_eq!(claims["iat"], 1_700_000_000u64);
        assert_eq!(claims["nonce"], "n-1");
        assert_eq!(claims["ath"], access_token_hash("tok"));
        assert_eq!(claims["jti"].as_str().unwrap().len(), 43);

        // The signature verifies with the public key the header carries.
        let x = URL_SAFE_NO_PAD
            .decode(header["jwk"]["x"].as_str().unwrap())
            .unwrap();
        let y = URL_SAFE_NO_PAD
            .decode(header["jwk"]["y"].as_str().unwrap())
            .unwrap();
        let mut point = vec![4u8];
        point.extend(x);
        point.extend(y);
        let (input, signature) = proof.rsplit_once('.').unwrap();
        ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_FIXED, point)
            .verify(
                input.as_bytes(),
                &URL_SAFE_NO_PAD.decode(signature).unwrap(),
            )
            .expect("the proof's signature verifies");
    }

    #[test]
    fn every_proof_has_its_own_jti() {
        let dpop = Dpop::generate().unwrap();
        let what = ProofFor {
            htm: "POST",
            htu: "https://as.example/token",
            access_token: None,
            nonce: None,
        };
        let a = decode_part(dpop.proof(&what, 1).unwrap().expose(), 1);
        let b = decode_part(dpop.proof(&what, 1).unwrap().expose(), 1);
        assert_ne!(a["jti"], b["jti"]);
        assert!(a.get("ath").is_none() && a.get("nonce").is_none());
    }

    #[test]
    fn the_stored_key_is_the_same_key() {
        let dpop = Dpop::generate().unwrap();
        let again = Dpop::from_stored(&dpop.stored()).unwrap();
        assert_eq!(dpop.thumbprint(), again.thumbprint());
        assert!(Dpop::from_stored(&Secret::new("not-a-key")).is_err());
        assert!(Dpop::from_stored(&Secret::new("!!")).is_err());
    }

    #[test]
    fn the_thumbprint_is_rfc_7638s() {
        // RFC 7638 §3.1 hashes the members in this order, with no spaces.
        let dpop = Dpop::generate().unwrap();
        let jwk = dpop.public_jwk();
        let canonical = format!(
            r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
            jwk["x"].as_str().unwrap(),
            jwk["y"].as_str().unwrap()
        );
        let expected = URL_SAFE_NO_PAD.encode(ring::digest::digest(
            &ring::digest::SHA256,
            canonical.as_bytes(),
        ));
        assert_eq!(dpop.thumbprint(), expected);
        assert_eq!(expected.len(), 43);
    }

    #[test]
    fn nonces_are_remembered_once_and_checked() {
        let dpop = Dpop::generate().unwrap();
        assert!(dpop.remember_nonce("abc"));
        assert!(!dpop.remember_nonce("abc"), "the same nonce is not news");
        assert_eq!(dpop.nonce().as_deref(), Some("abc"));
        assert!(valid_nonce("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
        for bad in ["", "a b", "a\"b", "a\\b", "a\nb", &"n".repeat(513)] {
            assert!(!valid_nonce(bad), "{bad:?}");
        }
    }

    #[test]
    fn htu_needs_an_absolute_http_url() {
        assert_eq!(
            htu("http://127.0.0.1:8080/x?y").unwrap(),
            "http://127.0.0.1:8080/x"
        );
        for bad in ["ftp://x/y", "api.example/x", "/relative", "mailto:a@b"] {
            assert!(htu(bad).is_err(), "{bad}");
        }
    }
}
