//! Reading JWT claims without verifying them: for display (`login`'s "as
//! SUBJECT") and nonce checks on an id_token received straight from the token
//! endpoint over TLS (OIDC Core §3.1.3.7 allows skipping the signature then).

use base64::Engine;
use serde_json::Value;

pub struct Jwt {
    pub header: Value,
    pub claims: Value,
}

/// `None` for opaque tokens.
pub fn decode(token: &str) -> Option<Jwt> {
    // A JWS in compact form is exactly three parts (RFC 7515 §7.1); a JWE
    // has five, and anything else is not a JWT.
    let mut parts = token.split('.');
    let (header, claims) = (parts.next()?, parts.next()?);
    parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    Some(Jwt {
        header: decode_part(header)?,
        claims: decode_part(claims)?,
    })
}

fn decode_part(part: &str) -> Option<Value> {
    let trimmed = part.trim_end_matches('=');
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(trimmed)
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        value @ Value::Object(_) => Some(value),
        _ => None,
    }
}

/// The `exp` claim of a JWT, in Unix seconds (fractions cut off, a
/// negative or absurd one clamped); `None` for opaque tokens or no `exp`.
pub fn expires_at(token: &str) -> Option<u64> {
    let exp = decode(token)?.claims.get("exp")?.as_f64()?;
    exp.is_finite()
        .then(|| exp.clamp(0.0, u64::MAX as f64) as u64)
}

/// Who the claims are about, in the most human form available, as one line
/// of visible text: the claims are unverified, and shown on a terminal.
pub fn subject(claims: &Value) -> Option<String> {
    ["preferred_username", "email", "upn", "name", "sub"]
        .iter()
        .filter_map(|k| claims.get(k).and_then(Value::as_str))
        .map(|s| crate::text::one_line(s, 200))
        .find(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_metapack_sample() {
        let token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI1R1oyS0NWQzBXTDJMM1E1UVdITjA4SUw1IiwiaXNzIjoiaHR0cHM6Ly9hcGkuc3Rvcm1wYXRoLmNvbS92MS9hcHBsaWNhdGlvbnMvN01ibXRzWVRhSjBQOEY0bjBseHVJOSIsImlhdCI6MTQyMTI0NjU3MSwiZXhwIjoxNDIxMjUwMTcxLCJzY29wZSI6ImNhbi1jcmVhdGUtbG9jYXRpb25zIGNhbi1kZWxldGUtb3duLWxvY2F0aW9ucyBjYW4tdXBkYXRlLW93bi1sb2NhdGlvbnMgY2FuLWNyZWF0ZS1vd24tbG9jYXRpb24tcnVsZXMgIn0.HMoDne2AHWcAQCghCWbGRVbZeXITMfVA31t8HPUP4Rw";
        let jwt = decode(token).unwrap();
        assert_eq!(jwt.header["alg"], "HS256");
        assert_eq!(
            subject(&jwt.claims).as_deref(),
            Some("5GZ2KCVC0WL2L3Q5QWHN08IL5")
        );
    }

    #[test]
    fn a_subject_with_escape_sequences_is_shown_without_them() {
        let claims = serde_json::json!({"preferred_username": "\u{1b}]0;owned\u{7}\r", "sub": "x"});
        assert_eq!(subject(&claims).as_deref(), Some("]0;owned"));
        let claims = serde_json::json!({"name": "\u{1b}", "sub": "alice"});
        assert_eq!(subject(&claims).as_deref(), Some("alice"));
    }

    #[test]
    fn opaque_tokens_are_none() {
        assert!(decode("RsT5OjbzRn430zqMAZFh+QaLgVx+Q3Ia").is_none());
        assert!(decode("a.b").is_none());
        assert!(decode("a.b.c").is_none());
        // {}.{}.null. : four parts, not a JWS.
        assert!(decode("e30.e30.bnVsbA.").is_none());
        assert!(decode("e30.e30.").is_some());
    }
}
