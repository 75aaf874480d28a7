//! What the fake providers check in a JWT they receive (a client assertion,
//! a JWT bearer grant's assertion, a CI runner's token): its parts decoded,
//! its signature verified by a party other than oauthctl (openssl, or ring
//! with a key the test holds), and the claims RFC 7523 §3 asks for.

use super::bounded;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use std::collections::HashSet;
use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// A compact JWS, decoded but not yet trusted.
pub struct Jwt {
    pub header: Value,
    pub claims: Value,
    /// `BASE64URL(header).BASE64URL(claims)`: what the signature covers.
    pub signed: String,
    pub signature: Vec<u8>,
}

impl Jwt {
    pub fn decode(jwt: &str) -> Result<Jwt, String> {
        let parts: Vec<&str> = jwt.split('.').collect();
        let [header, claims, signature] = parts[..] else {
            return Err("not a compact JWS".to_owned());
        };
        let json = |part: &str| -> Result<Value, String> {
            let bytes = URL_SAFE_NO_PAD
                .decode(part)
                .map_err(|_| "not base64url".to_owned())?;
            serde_json::from_slice(&bytes).map_err(|_| "not JSON".to_owned())
        };
        Ok(Jwt {
            header: json(header)?,
            claims: json(claims)?,
            signed: format!("{header}.{claims}"),
            signature: URL_SAFE_NO_PAD
                .decode(signature)
                .map_err(|_| "the signature is not base64url".to_owned())?,
        })
    }

    /// Whether `openssl dgst` verifies the RS256 or PS256 signature with the
    /// public key in `public_pem`, or the certificate's key when it is a
    /// certificate. Other algorithms are not verified: `false`.
    pub fn openssl_verifies(&self, public_pem: &Path) -> bool {
        let dir = tempfile::tempdir().expect("temp dir for openssl");
        let pem = std::fs::read_to_string(public_pem).unwrap_or_default();
        let key = if pem.contains("BEGIN CERTIFICATE") {
            let out = openssl()
                .args(["x509", "-noout", "-pubkey", "-in"])
                .arg(public_pem)
                .output()
                .expect("run openssl x509");
            let key = dir.path().join("public.pem");
            std::fs::write(&key, out.stdout).unwrap();
            key
        } else {
            public_pem.to_owned()
        };
        let signature = dir.path().join("signature");
        std::fs::write(&signature, &self.signature).unwrap();
        let mut verify = openssl();
        verify
            .args(["dgst", "-sha256", "-verify"])
            .arg(&key)
            .arg("-signature")
            .arg(&signature);
        match self.header["alg"].as_str() {
            Some("RS256") => {}
            Some("PS256") => {
                verify.args([
                    "-sigopt",
                    "rsa_padding_mode:pss",
                    "-sigopt",
                    "rsa_pss_saltlen:-1",
                ]);
            }
            _ => return false,
        }
        verify
            .stdin_text(&self.signed)
            .output()
            .expect("run openssl dgst")
            .status
            .success()
    }

    /// Whether ring verifies the signature with `public_key` (an Ed25519
    /// public key, or an RSA public key's PKCS#1 DER for RS256).
    pub fn ring_verifies(&self, public_key: &[u8]) -> bool {
        let alg: &dyn ring::signature::VerificationAlgorithm = match self.header["alg"].as_str() {
            Some("EdDSA") => &ring::signature::ED25519,
            Some("RS256") => &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            _ => return false,
        };
        ring::signature::UnparsedPublicKey::new(alg, public_key)
            .verify(self.signed.as_bytes(), &self.signature)
            .is_ok()
    }

    /// What RFC 7523 §3 asks of a client assertion, as a provider checks it:
    /// `iss` and `sub` the client, `aud` the token endpoint, an `exp` to come
    /// (within `max_life` seconds), a `jti` not seen before (added to `seen`).
    pub fn client_assertion_problem(
        &self,
        client_id: &str,
        aud: &str,
        max_life: u64,
        seen: &mut HashSet<String>,
    ) -> Option<String> {
        let c = &self.claims;
        let now = now();
        let exp = c["exp"].as_u64().unwrap_or(0);
        if c["iss"] != client_id || c["sub"] != client_id {
            Some(format!("iss and sub must be {client_id}: {c}"))
        } else if c["aud"] != aud {
            Some(format!("aud must be {aud}: {c}"))
        } else if exp <= now || exp > now + max_life {
            Some(format!("exp must come within {max_life} s: {c}"))
        } else if c["nbf"].as_u64().is_some_and(|nbf| nbf > now + 60) {
            Some(format!("not valid yet: {c}"))
        } else if !c["jti"]
            .as_str()
            .is_some_and(|jti| seen.insert(jti.to_owned()))
        {
            Some(format!("a jti, never seen before: {c}"))
        } else {
            None
        }
    }
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A compact JWS signed with an Ed25519 key: what an identity provider the
/// test plays (a CI runner) issues.
pub fn sign_ed25519(key: &ring::signature::Ed25519KeyPair, kid: &str, claims: &Value) -> String {
    let header = serde_json::json!({"alg": "EdDSA", "typ": "JWT", "kid": kid});
    let signed = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = key.sign(signed.as_bytes());
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature.as_ref()))
}

/// A fresh Ed25519 key pair.
pub fn ed25519_key() -> ring::signature::Ed25519KeyPair {
    let rng = ring::rand::SystemRandom::new();
    let pkcs8 = ring::signature::Ed25519KeyPair::generate_pkcs8(&rng).unwrap();
    ring::signature::Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap()
}

fn openssl() -> super::Run {
    bounded(Command::new("openssl"))
}
