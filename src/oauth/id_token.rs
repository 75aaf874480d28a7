//! ID Token validation for logins, per OpenID Connect Core 1.0 §3.1.3.7.
//!
//! The signature is not checked: the id_token comes straight from the token
//! endpoint over TLS (plain http only to loopback), which §3.1.3.7 item 6
//! allows "in lieu of checking the token signature". Everything else that
//! section asks of a client is checked: `iss`, `aud`, `azp`, `exp` and the
//! `nonce` this login sent.

use crate::jwt;
use serde_json::Value;

/// Clocks disagree; a token that expired this long ago is still taken.
const CLOCK_SKEW_SECS: i64 = 300;

/// What this login expects of its id_token.
pub struct Expected<'a> {
    /// The issuer from discovery (or the profile); `None` when the provider
    /// was configured by endpoints alone, so nothing is known to compare with.
    pub issuer: Option<&'a str>,
    pub client_id: &'a str,
    /// The nonce sent on the authorization request, if one was.
    pub nonce: Option<&'a str>,
    pub now: u64,
}

/// Why an id_token was refused: one line, quoting nothing of the token
/// beyond short, sanitised claim values.
#[derive(Debug, thiserror::Error)]
#[error("the id_token {0}: refused the login and stored nothing")]
pub struct Invalid(pub String);

/// Checks `id_token` against `expected`; returns its claims.
pub fn validate(id_token: &str, expected: &Expected) -> Result<Value, Invalid> {
    let decoded = jwt::decode(id_token).ok_or_else(|| Invalid("is not a JWT".to_owned()))?;
    let claims = decoded.claims;
    let text = |key: &str| claims.get(key).and_then(Value::as_str);
    let shown = |value: &str| super::response::one_line(value, 80);

    if let Some(issuer) = expected.issuer {
        match text("iss") {
            Some(iss) if same_issuer(iss, issuer) => {}
            Some(iss) => {
                return Err(Invalid(format!(
                    "was issued by {}, not {}",
                    shown(iss),
                    shown(issuer)
                )));
            }
            None => return Err(Invalid("has no iss claim".to_owned())),
        }
    }

    let audiences: Vec<&str> = match claims.get("aud") {
        Some(Value::String(aud)) => vec![aud.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => return Err(Invalid("has no aud claim".to_owned())),
    };
    if !audiences.contains(&expected.client_id) {
        return Err(Invalid(format!(
            "is meant for {}, not this client ({})",
            shown(&audiences.join(" ")),
            shown(expected.client_id)
        )));
    }
    match text("azp") {
        Some(azp) if azp != expected.client_id => {
            return Err(Invalid(format!(
                "was issued to {} (azp), not this client",
                shown(azp)
            )));
        }
        None if audiences.len() > 1 => {
            return Err(Invalid(
                "names several audiences but no azp (authorized party)".to_owned(),
            ));
        }
        _ => {}
    }

    let exp = claims
        .get("exp")
        .and_then(Value::as_f64)
        .filter(|exp| exp.is_finite())
        .ok_or_else(|| Invalid("has no usable exp claim".to_owned()))?;
    // f64 comparison: a hostile `exp` of 1e300 must not overflow anything.
    if exp + CLOCK_SKEW_SECS as f64 <= expected.now as f64 {
        return Err(Invalid(format!(
            "expired {} s ago",
            (expected.now as f64 - exp).max(0.0) as u64
        )));
    }

    if let Some(nonce) = expected.nonce
        && text("nonce") != Some(nonce)
    {
        return Err(Invalid(
            "does not carry this login's nonce (a replayed or injected token)".to_owned(),
        ));
    }
    Ok(claims)
}

/// Issuers are compared exactly, but for one trailing slash, which users
/// and discovery documents disagree on.
fn same_issuer(a: &str, b: &str) -> bool {
    a.strip_suffix('/').unwrap_or(a) == b.strip_suffix('/').unwrap_or(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use serde_json::json;

    const NOW: u64 = 1_700_000_000;

    fn token(claims: Value) -> String {
        let encode = |v: &Value| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string().as_bytes())
        };
        format!(
            "{}.{}.sig",
            encode(&json!({"alg": "RS256"})),
            encode(&claims)
        )
    }

    fn good() -> Value {
        json!({
            "iss": "https://id.example",
            "aud": "cli",
            "exp": NOW + 300,
            "nonce": "n-1",
            "sub": "alice",
        })
    }

    fn check(claims: Value) -> Result<Value, Invalid> {
        validate(
            &token(claims),
            &Expected {
                issuer: Some("https://id.example/"),
                client_id: "cli",
                nonce: Some("n-1"),
                now: NOW,
            },
        )
    }

    fn with(key: &str, value: Value) -> Value {
        let mut claims = good();
        claims[key] = value;
        claims
    }

    fn without(key: &str) -> Value {
        let mut claims = good();
        claims.as_object_mut().unwrap().remove(key);
        claims
    }

    #[test]
    fn a_good_id_token_passes() {
        assert_eq!(check(good()).unwrap()["sub"], "alice");
        assert!(check(with("aud", json!(["cli"]))).is_ok());
        assert!(check(with("aud", json!(["cli", "api"])).clone()).is_err());
        let mut both = with("aud", json!(["cli", "api"]));
        both["azp"] = json!("cli");
        assert!(check(both).is_ok());
        // Within the clock skew.
        assert!(check(with("exp", json!(NOW - 60))).is_ok());
    }

    #[test]
    fn each_mismatch_is_refused() {
        for (claims, says) in [
            (with("iss", json!("https://evil.example")), "issued by"),
            (without("iss"), "no iss"),
            (with("aud", json!("other-client")), "meant for"),
            (with("aud", json!(["a", "b"])), "meant for"),
            (without("aud"), "no aud"),
            (with("azp", json!("other-client")), "azp"),
            (with("exp", json!(NOW - 3600)), "expired"),
            (with("exp", json!("tomorrow")), "exp"),
            (without("exp"), "exp"),
            (with("nonce", json!("n-2")), "nonce"),
            (without("nonce"), "nonce"),
        ] {
            let err = check(claims.clone()).expect_err(&claims.to_string());
            assert!(err.to_string().contains(says), "{err} for {claims}");
        }
        assert!(
            validate(
                "opaque",
                &Expected {
                    issuer: None,
                    client_id: "cli",
                    nonce: None,
                    now: NOW
                }
            )
            .is_err()
        );
    }

    #[test]
    fn hostile_claims_neither_panic_nor_reach_the_terminal_raw() {
        let err = check(with("iss", json!("x\u{1b}[2J\nfake line"))).unwrap_err();
        assert!(!err.to_string().chars().any(char::is_control), "{err}");
        assert!(check(with("exp", json!(1e308))).is_ok());
        assert!(check(with("exp", json!(-1e308))).is_err());
    }
}
