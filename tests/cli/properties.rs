//! Property tests of the parsers that read what other parties write: token
//! endpoint bodies, the loopback callback's query, JWTs, the config file and
//! client credential files. Unlike the rest of this binary they call the
//! library directly; `fuzz/` has coverage-guided targets for the same five
//! functions (nightly only), these run on stable with every `cargo test`.

use std::collections::HashSet;

use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use oauthctl::config::ConfigFile;
use oauthctl::jwt;
use oauthctl::loopback::{CallbackError, IssuerCheck, check_callback};
use oauthctl::oauth::response::{self, Parsed};
use oauthctl::oauth::types::ClientAuthMethod as ClientAuth;
use oauthctl::settings::parse_credentials;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, RngSeed};
use serde_json::{Map, Value, json};

/// A fixed case count and a fixed seed (`RngSeed::Fixed`, the config-side
/// twin of `PROPTEST_RNG_SEED`, so no environment variable is needed): every
/// run, on any machine, tries the same inputs, and a failure reproduces with
/// a plain `cargo test`. ChaCha is named because its output is specified,
/// unlike the default's. No failure persistence: nothing is written into the
/// source tree; a failure prints its minimal input instead.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(7),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Ten years, the longest `expires_in` generated.
const TEN_YEARS: u64 = 10 * 365 * 24 * 3600;

// ---------------------------------------------------------------------------
// strategies
// ---------------------------------------------------------------------------

/// Text a hostile or sloppy provider might send to a terminal: any char,
/// heavy on whitespace, control characters and escape sequences.
fn hostile_text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        ' ', ' ', '\t', '\n', '\r', '\u{b}', '\u{c}', '\u{1b}', '\u{7}', '\u{0}', '\u{7f}',
        '\u{85}', '\u{9b}', '\u{a0}', '\u{2028}', '\u{3000}', '\u{feff}', '\u{200b}', '…', '[',
        '"', '\\', 'a', 'Z', '0', 'é',
    ]);
    prop::collection::vec(prop_oneof![any::<char>(), special], 0..120)
        .prop_map(|chars| chars.into_iter().collect())
}

/// RFC 6750 b64token: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
fn b64token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9._~+/-]{1,64}={0,2}"
}

/// RFC 6749 §7.1 type names, with the spellings real providers use.
fn token_type() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Bearer",
            "bearer",
            "BEARER",
            "BearerToken",
            "DPoP",
            "mac"
        ])
        .prop_map(str::to_owned),
        "[A-Za-z0-9._-]{1,20}",
    ]
}

fn content_type() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "application/json",
            "application/json; charset=utf-8",
            "application/x-www-form-urlencoded",
            "text/html",
            "text/plain",
            "application/xml",
            "",
        ])
        .prop_map(str::to_owned),
        ".{0,40}",
    ]
}

/// Any JSON value, a few levels deep. No floats: a float's text form need
/// not come back bit for bit, and no parser here promises that.
fn json_value() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

fn json_object() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map(any::<String>(), json_value(), 0..8)
        .prop_map(|m| m.into_iter().collect())
}

/// A token-endpoint body that gets past the first checks often: a JSON
/// object with the keys the parser looks for and values of every type, or
/// the same as form data, or plain noise.
fn token_body() -> impl Strategy<Value = Vec<u8>> {
    let key = prop_oneof![
        prop::sample::select(vec![
            "access_token",
            "token_type",
            "expires_in",
            "refresh_token",
            "id_token",
            "scope",
            "error",
            "error_description",
            "error_uri",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
    ];
    let fields = prop::collection::btree_map(key, json_value(), 0..8);
    prop_oneof![
        fields.clone().prop_map(|f| {
            Value::Object(f.into_iter().collect())
                .to_string()
                .into_bytes()
        }),
        fields.prop_map(|f| {
            let mut form = form_urlencoded::Serializer::new(String::new());
            for (k, v) in f {
                match v {
                    Value::String(s) => form.append_pair(&k, &s),
                    other => form.append_pair(&k, &other.to_string()),
                };
            }
            form.finish().into_bytes()
        }),
        hostile_text().prop_map(String::into_bytes),
        any::<Vec<u8>>(),
    ]
}

/// A value a credentials file can hold on one line without escapes: no
/// backslashes or line breaks, no whitespace at either end, and not starting
/// with `=` or `:` (after `key ` those would be read as the separator, as in
/// Java). Anything else goes, including spaces, `#`, `=` inside and non-ASCII.
fn simple_value() -> impl Strategy<Value = String> {
    let end = any::<char>().prop_filter("whitespace, control or backslash", |c| {
        !c.is_whitespace() && !c.is_control() && *c != '\\'
    });
    let first = end
        .clone()
        .prop_filter("a separator", |c| !matches!(c, '=' | ':'));
    let inner = any::<char>().prop_filter("a line break or backslash", |c| {
        !matches!(c, '\\' | '\n' | '\r')
    });
    (
        first,
        prop::option::of((prop::collection::vec(inner, 0..30), end)),
    )
        .prop_map(|(first, rest)| {
            let mut value = String::from(first);
            if let Some((mid, last)) = rest {
                value.extend(mid);
                value.push(last);
            }
            value
        })
}

/// Escapes `text` as a TOML basic string, by hand so the test does not trust
/// the toml crate on both sides of the round trip.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// What `one_line` must keep of a text: everything but whitespace and control characters.
/// What a terminal line keeps of `text`: no whitespace, no control
/// characters, none of the invisible format characters that change how a
/// line reads (bidi controls, zero-width characters, BOM).
fn visible(text: &str) -> String {
    let invisible = |c: char| {
        matches!(c as u32,
            0xAD | 0x61C | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064
            | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB)
    };
    text.chars()
        .filter(|&c| !c.is_whitespace() && !c.is_control() && !invisible(c))
        .collect()
}

fn first_param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

const ISSUER: &str = "https://id.example.com";

// ---------------------------------------------------------------------------
// properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    // --- token responses -------------------------------------------------

    #[test]
    fn token_parser_survives_any_body_and_keeps_error_codes_clean(
        content_type in content_type(),
        body in token_body(),
    ) {
        match response::parse(&content_type, &body) {
            Parsed::Error(error) => {
                prop_assert!(!error.error.is_empty());
                prop_assert!(error.error.chars().count() <= 64, "{:?}", error.error);
                prop_assert!(
                    error.error.chars().all(|c| matches!(c, ' ' | '!' | '#'..='[' | ']'..='~')),
                    "{:?}", error.error
                );
                for text in [&error.description, &error.uri].into_iter().flatten() {
                    prop_assert!(!text.chars().any(char::is_control), "{text:?}");
                }
            }
            Parsed::Token(token) => prop_assert!(!token.access_token.is_empty()),
            _ => {}
        }
        if let Some(line) = response::excerpt(&body, 80) {
            prop_assert!(!line.is_empty());
            prop_assert!(!line.chars().any(char::is_control), "{line:?}");
            prop_assert!(line.chars().count() <= 81, "{line:?}");
        }
    }

    #[test]
    fn json_token_response_parses_back_to_its_values(
        access in b64token(),
        token_type in token_type(),
        expires_in in 0..TEN_YEARS,
        expires_as_string in any::<bool>(),
        refresh in prop::option::of(b64token()),
        extra in prop::collection::btree_map("x_[a-z_]{0,10}", json_value(), 0..3),
        content_type in prop::sample::select(vec!["application/json", "application/json; charset=utf-8", ""]),
    ) {
        let mut body = json!({
            "access_token": access,
            "token_type": token_type,
            "expires_in": if expires_as_string { json!(expires_in.to_string()) } else { json!(expires_in) },
        });
        if let Some(refresh) = &refresh {
            body["refresh_token"] = json!(refresh);
        }
        for (k, v) in extra {
            body[k] = v;
        }
        let token = match response::parse(content_type, body.to_string().as_bytes()) {
            Parsed::Token(token) => token,
            other => return Err(TestCaseError::fail(format!("{body} gave {other:?}"))),
        };
        prop_assert_eq!(token.access_token.expose(), access.as_str());
        prop_assert_eq!(token.token_type.as_deref(), Some(token_type.as_str()));
        prop_assert_eq!(token.expires_in, Some(expires_in));
        prop_assert_eq!(token.refresh_token.as_ref().map(|r| r.expose()), refresh.as_deref());
    }

    #[test]
    fn form_encoded_token_response_parses_back_to_its_values(
        access in b64token(),
        token_type in token_type(),
        expires_in in 0..TEN_YEARS,
        refresh in prop::option::of(b64token()),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
        content_type in prop::sample::select(vec![
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-8",
            "",
        ]),
    ) {
        let mut form = form_urlencoded::Serializer::new(String::new());
        for field in order {
            match field {
                0 => form.append_pair("access_token", &access),
                1 => form.append_pair("token_type", &token_type),
                2 => form.append_pair("expires_in", &expires_in.to_string()),
                _ => match &refresh {
                    Some(refresh) => form.append_pair("refresh_token", refresh),
                    None => &mut form,
                },
            };
        }
        let body = form.finish();
        let token = match response::parse(content_type, body.as_bytes()) {
            Parsed::Token(token) => token,
            other => return Err(TestCaseError::fail(format!("{body} gave {other:?}"))),
        };
        prop_assert_eq!(token.access_token.expose(), access.as_str());
        prop_assert_eq!(token.token_type.as_deref(), Some(token_type.as_str()));
        prop_assert_eq!(token.expires_in, Some(expires_in));
        prop_assert_eq!(token.refresh_token.as_ref().map(|r| r.expose()), refresh.as_deref());
    }

    #[test]
    fn one_line_yields_one_clean_idempotent_line(text in hostile_text(), max in 0usize..150) {
        let out = response::one_line(&text, max);
        prop_assert!(!out.chars().any(char::is_control), "{out:?}");
        prop_assert!(!out.contains(['\n', '\r']), "{out:?}");
        prop_assert!(!out.chars().any(|c| c.is_whitespace() && c != ' '), "{out:?}");
        prop_assert!(!out.contains("  "), "{out:?}");
        let count = out.chars().count();
        prop_assert!(count <= max + 1, "{out:?} is longer than {max}");
        if count <= max {
            // Not cut: every visible char is kept, in order, trimmed.
            prop_assert_eq!(visible(&out), visible(&text));
            prop_assert_eq!(out.trim(), out.as_str());
            prop_assert_eq!(response::one_line(&out, max), out.clone());
        } else {
            // Cut: a prefix of the visible chars, then an ellipsis.
            let kept = out.strip_suffix('…').expect("a cut line ends in an ellipsis");
            prop_assert!(visible(&text).starts_with(&visible(kept)), "{out:?}");
        }
    }

    #[test]
    fn error_code_keeps_only_a_short_nqschar_code(text in hostile_text()) {
        let code = response::error_code(&text);
        prop_assert!(code.chars().all(|c| matches!(c, ' ' | '!' | '#'..='[' | ']'..='~')), "{code:?}");
        prop_assert!(code.chars().count() <= 64, "{code:?}");
        prop_assert_eq!(code.trim(), code.as_str());
        // What is kept appears in the input in the same order.
        let mut rest = text.chars();
        prop_assert!(code.chars().all(|c| rest.any(|r| r == c)), "{code:?} is not from {text:?}");
    }

    #[test]
    fn error_code_leaves_a_valid_code_unchanged(code in "[!#-\\[\\]-~]([ !#-\\[\\]-~]{0,62}[!#-\\[\\]-~])?") {
        prop_assert_eq!(response::error_code(&code), code);
    }

    #[test]
    fn token_type_normalization_is_stable(token_type in prop::option::of(hostile_text())) {
        let normalized = response::normalize_token_type(token_type.as_deref());
        prop_assert!(!normalized.is_empty());
        prop_assert_eq!(response::normalize_token_type(Some(&normalized)), normalized.clone());
        if token_type.as_deref().is_some_and(|t| t.trim().eq_ignore_ascii_case("bearer")) {
            prop_assert_eq!(normalized, "Bearer");
        }
    }

    // --- the loopback callback -------------------------------------------

    #[test]
    fn callback_with_state_s_gives_back_exactly_the_code(
        code in any::<String>().prop_filter("empty", |c| !c.is_empty()),
        extra in prop::collection::vec(("x[a-z_]{0,8}", any::<String>()), 0..4),
        iss in prop::sample::select(vec![None, Some(ISSUER.to_owned()), Some(format!("{ISSUER}/"))]),
        required in any::<bool>(),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
    ) {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for part in order {
            match part {
                0 => { query.append_pair("state", "s"); }
                1 => { query.append_pair("code", &code); }
                2 => { if let Some(iss) = &iss { query.append_pair("iss", iss); } }
                _ => { query.extend_pairs(&extra); }
            }
        }
        let query = query.finish();
        let callback = check_callback(&query, "s", None);
        let callback = match callback {
            Ok(callback) => callback,
            Err(err) => return Err(TestCaseError::fail(format!("{query:?} refused: {err:?}"))),
        };
        prop_assert_eq!(callback.code.expose(), code.as_str());
        // With RFC 9207 expected, the same callback passes when it names the issuer.
        let check = IssuerCheck { issuer: ISSUER.to_owned(), required };
        let checked = check_callback(&query, "s", Some(&check));
        if iss.is_some() || !required {
            let checked = checked.map(|c| c.code.expose().to_owned());
            prop_assert_eq!(checked.ok(), Some(code.clone()));
        } else {
            prop_assert!(matches!(checked, Err(CallbackError::IssuerMismatch { .. })), "{checked:?}");
        }
    }

    #[test]
    fn callback_whose_state_is_not_s_is_refused(
        state in prop::option::of(any::<String>().prop_filter("is s", |s| s != "s")),
        then_s in any::<bool>(),
        others in prop::collection::vec(
            (prop::sample::select(vec!["code", "error", "error_description", "iss", "x"]), any::<String>()),
            0..5,
        ),
        issuer in prop::sample::select(vec![None, Some(false), Some(true)]),
    ) {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(&others);
        if let Some(state) = &state {
            query.append_pair("state", state);
            // A second, correct state after a wrong one does not count:
            // the first one is this callback's state.
            if then_s {
                query.append_pair("state", "s");
            }
        }
        let query = query.finish();
        let check = issuer.map(|required| IssuerCheck { issuer: ISSUER.to_owned(), required });
        let result = check_callback(&query, "s", check.as_ref());
        prop_assert!(matches!(result, Err(CallbackError::StateMismatch)), "{query:?} gave {result:?}");
    }

    #[test]
    fn callback_from_another_issuer_is_refused(
        iss in any::<String>().prop_filter("our issuer", |i| i.trim_end_matches('/') != ISSUER),
        required in any::<bool>(),
    ) {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("code", "c")
            .append_pair("state", "s")
            .append_pair("iss", &iss)
            .finish();
        let check = IssuerCheck { issuer: ISSUER.to_owned(), required };
        let result = check_callback(&query, "s", Some(&check));
        match result {
            Err(CallbackError::IssuerMismatch { got, .. }) => {
                prop_assert!(!got.chars().any(char::is_control), "{got:?}");
            }
            other => prop_assert!(false, "{query:?} gave {other:?}"),
        }
    }

    #[test]
    fn callback_accepts_a_raw_query_only_with_state_s(
        parts in prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec![
                    "state=s", "state=S", "state=s%20", "%73tate=s", "state=%73", "state", "state=",
                    "code=c", "code=", "code", "error=access_denied", "iss=https%3A%2F%2Fid.example.com",
                    "s", "=", "&", "+", "%", "%zz", "state=s+", "code=%E2%80%AE",
                ]).prop_map(str::to_owned),
                ".{0,12}",
            ],
            0..8,
        ),
        joiner in prop::sample::select(vec!["&", "", ";"]),
    ) {
        let query = parts.join(joiner);
        let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        if let Ok(callback) = check_callback(&query, "s", None) {
            prop_assert_eq!(first_param(&params, "state"), Some("s"), "{:?}", query);
            prop_assert_eq!(first_param(&params, "code"), Some(callback.code.expose()));
            prop_assert!(first_param(&params, "error").is_none());
        }
    }

    // --- JWTs -------------------------------------------------------------

    #[test]
    fn jwt_claims_round_trip(
        header in prop::collection::btree_map("[a-z]{1,5}", json_value(), 0..4)
            .prop_map(|m| m.into_iter().collect::<Map<String, Value>>()),
        claims in json_object(),
        signature in "[A-Za-z0-9_-]{0,43}",
        padded in any::<bool>(),
    ) {
        let engine = if padded { URL_SAFE } else { URL_SAFE_NO_PAD };
        let header = Value::Object(header);
        let claims = Value::Object(claims);
        let token = format!(
            "{}.{}.{signature}",
            engine.encode(header.to_string()),
            engine.encode(claims.to_string()),
        );
        let decoded = jwt::decode(&token);
        prop_assert!(decoded.is_some(), "{token} did not decode");
        let decoded = decoded.unwrap();
        prop_assert_eq!(decoded.header, header);
        prop_assert_eq!(decoded.claims, claims);
    }

    #[test]
    fn jwt_decodes_only_with_object_header_and_claims(
        parts in prop::collection::vec(json_value(), 0..6),
        signature in "[A-Za-z0-9_-]{0,8}",
    ) {
        let mut token: Vec<String> = parts
            .iter()
            .map(|p| URL_SAFE_NO_PAD.encode(p.to_string()))
            .collect();
        token.push(signature);
        let token = token.join(".");
        let decodes = jwt::decode(&token).is_some();
        // Exactly three parts (a JWS in compact form), the first two JSON objects.
        let expected = parts.len() == 2 && parts.iter().all(Value::is_object);
        prop_assert_eq!(decodes, expected, "{}", token);
    }

    #[test]
    fn jwt_decode_survives_any_text(text in prop_oneof![any::<String>(), "[A-Za-z0-9_=.+/-]{0,80}"]) {
        if let Some(decoded) = jwt::decode(&text) {
            prop_assert!(text.split('.').count() == 3, "{text:?}");
            prop_assert!(decoded.header.is_object() && decoded.claims.is_object());
        }
    }

    #[test]
    fn jwt_subject_is_the_most_human_name_present(
        values in prop::collection::vec(
            prop::option::of(prop_oneof![any::<String>().prop_map(Value::String), any::<i64>().prop_map(Value::from)]),
            5,
        ),
        extra in prop::collection::btree_map("[a-z_]{1,8}", json_value(), 0..4),
    ) {
        const KEYS: [&str; 5] = ["preferred_username", "email", "upn", "name", "sub"];
        let mut claims: Map<String, Value> = extra.into_iter().collect();
        for key in KEYS {
            claims.remove(key);
        }
        for (key, value) in KEYS.iter().zip(&values) {
            if let Some(value) = value {
                claims.insert((*key).to_owned(), value.clone());
            }
        }
        // The first that shows as something, as it shows on one line.
        let expected = values
            .iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|s| response::one_line(s, 200))
            .find(|s| !s.is_empty());
        let subject = jwt::subject(&Value::Object(claims));
        prop_assert_eq!(subject, expected);
    }

    // --- credential files -------------------------------------------------

    #[test]
    fn credentials_properties_parse_back_to_id_and_secret(
        id in simple_value(),
        secret in simple_value(),
        keys in prop::sample::select(vec![("apiKey.id", "apiKey.secret"), ("client_id", "client_secret")]),
        separator in prop::sample::select(vec![" = ", "=", ": ", ":", " ", "\t=\t"]),
        secret_first in any::<bool>(),
        comment in prop::sample::select(vec!["", "# a comment\n", "! Java style\n", "\n\n", "# apiKey.id = wrong\n"]),
        newline in prop::sample::select(vec!["\n", "\r\n"]),
    ) {
        let id_line = format!("{}{separator}{id}", keys.0);
        let secret_line = format!("{}{separator}{secret}", keys.1);
        let (a, b) = if secret_first { (secret_line, id_line) } else { (id_line, secret_line) };
        let text = format!("{comment}{a}{newline}{b}{newline}");
        match parse_credentials(&text) {
            Ok((got_id, got_secret)) => {
                prop_assert_eq!(got_id, id);
                prop_assert_eq!(got_secret.expose(), secret.as_str());
            }
            Err(err) => prop_assert!(false, "{text:?}: {err}"),
        }
    }

    #[test]
    fn credentials_json_parses_back_to_id_and_secret(
        id in any::<String>(),
        secret in any::<String>(),
        wrapper in prop::sample::select(vec![None, Some("installed"), Some("web")]),
        extra in prop::collection::btree_map("x[a-z_]{0,8}", json_value(), 0..3),
        pretty in any::<bool>(),
    ) {
        let mut client: Map<String, Value> = extra.into_iter().collect();
        client.insert("client_id".into(), json!(id));
        client.insert("client_secret".into(), json!(secret));
        let document = match wrapper {
            Some(key) => json!({ key: client }),
            None => Value::Object(client),
        };
        let text = if pretty {
            serde_json::to_string_pretty(&document).unwrap()
        } else {
            document.to_string()
        };
        match parse_credentials(&text) {
            Ok((got_id, got_secret)) => {
                prop_assert_eq!(got_id, id);
                prop_assert_eq!(got_secret.expose(), secret.as_str());
            }
            Err(err) => prop_assert!(false, "{text:?}: {err}"),
        }
    }

    #[test]
    fn credentials_parser_survives_any_text(
        text in prop_oneof![
            any::<String>(),
            hostile_text(),
            prop::collection::vec(
                prop::sample::select(vec![
                    "apiKey.id", "apiKey.secret", "client_id", "client_secret", " = ", "=", ":", " ",
                    "\\", "\\\\", "\n", "\r\n", "#", "!", "{", "}", "\"", "x", "é", "\\u", "\t",
                ]),
                0..24,
            ).prop_map(|parts| parts.concat()),
        ],
    ) {
        if let Ok((id, secret)) = parse_credentials(&text)
            && !text.trim_start().starts_with('{')
        {
            prop_assert!(!id.is_empty() && !secret.is_empty(), "{text:?}");
        }
    }

    // --- the config file --------------------------------------------------

    #[test]
    fn config_parser_survives_any_text_with_one_line_errors(
        text in prop_oneof![
            any::<String>(),
            prop::collection::vec(
                prop::sample::select(vec![
                    "[profiles.a]", "[profiles.\"é\"]", "[[profiles]]", "default_profile = \"a\"",
                    "default_profile = 1", "client_id = \"x\"", "scopes = [\"a\", 1]", "scope = \"a b\"",
                    "port = 99999", "port = -1", "min_ttl = -5", "client_auth = \"basic-raw\"",
                    "client_auth = \"nope\"", "params = { a = \"b\" }", "bogus = 1", "\"", "=", "é",
                    "token_in = \"query\"", "body = \"json\"", "[profiles.a.params]", "a = \"\\u00e9\"",
                ]),
                0..12,
            ).prop_map(|lines| lines.join("\n")),
        ],
    ) {
        if let Err(message) = ConfigFile::parse(&text) {
            prop_assert!(!message.contains('\n'), "{message:?}");
            if let Some(number) = message
                .strip_prefix("line ")
                .and_then(|rest| rest.split(':').next())
                .and_then(|n| n.parse::<usize>().ok())
            {
                let lines = text.matches('\n').count() + 1;
                prop_assert!((1..=lines).contains(&number), "{message:?} for {lines} lines");
            }
        }
    }

    #[test]
    fn config_minimal_profile_parses_back(
        name in ".{1,16}",
        issuer in any::<String>(),
        client_id in any::<String>(),
        scopes in prop::collection::vec("[!#-\\[\\]-~]{1,12}", 0..5),
        scope_key in prop::sample::select(vec!["scopes", "scope"]),
        scopes_as_string in any::<bool>(),
        port in prop::option::of(any::<u16>()),
        client_auth in prop::sample::select(vec![
            ("basic", ClientAuth::Basic),
            ("basic-raw", ClientAuth::BasicRaw),
            ("basic_raw", ClientAuth::BasicRaw),
            ("post", ClientAuth::Post),
            ("none", ClientAuth::None),
        ]),
        as_default in any::<bool>(),
    ) {
        let mut text = String::new();
        if as_default {
            text.push_str(&format!("default_profile = {}\n", toml_string(&name)));
        }
        text.push_str(&format!("[profiles.{}]\n", toml_string(&name)));
        text.push_str(&format!("issuer = {}\n", toml_string(&issuer)));
        text.push_str(&format!("client_id = {}\n", toml_string(&client_id)));
        let scope_value = if scopes_as_string {
            toml_string(&scopes.join(" "))
        } else {
            format!("[{}]", scopes.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", "))
        };
        text.push_str(&format!("{scope_key} = {scope_value}\n"));
        text.push_str(&format!("client_auth = {}\n", toml_string(client_auth.0)));
        if let Some(port) = port {
            text.push_str(&format!("port = {port}\n"));
        }
        let config = match ConfigFile::parse(&text) {
            Ok(config) => config,
            Err(err) => return Err(TestCaseError::fail(format!("{text:?}: {err}"))),
        };
        prop_assert_eq!(config.default_profile, as_default.then(|| name.clone()));
        let names: Vec<&String> = config.profiles.keys().collect();
        prop_assert_eq!(names, vec![&name]);
        let profile = &config.profiles[&name];
        prop_assert_eq!(profile.issuer.as_deref(), Some(issuer.as_str()));
        prop_assert_eq!(profile.client_id.as_deref(), Some(client_id.as_str()));
        prop_assert_eq!(&profile.scopes, &scopes);
        prop_assert_eq!(profile.client_auth, Some(client_auth.1));
        prop_assert_eq!(profile.port, port);
    }

    #[test]
    fn config_error_names_the_line_of_an_unknown_key(
        before in prop::collection::vec(
            prop::sample::select(vec!["", "# a comment", "client_id = \"x\"", "scopes = [\"a\", \"b\"]", "port = 8765"]),
            0..6,
        ),
        key in "zz_[a-z_]{0,10}",
        value in prop::sample::select(vec!["1", "\"x\"", "true", "[1, 2]"]),
    ) {
        let mut lines = vec!["[profiles.p]".to_owned()];
        let mut seen = HashSet::new();
        for line in before {
            // A key twice would be the first error, not ours.
            if let Some((k, _)) = line.split_once(" = ")
                && !seen.insert(k)
            {
                continue;
            }
            lines.push(line.to_owned());
        }
        lines.push(format!("{key} = {value}"));
        let line = lines.len();
        let text = lines.join("\n") + "\n";
        match ConfigFile::parse(&text) {
            Err(message) => {
                prop_assert!(message.starts_with(&format!("line {line}:")), "{message:?} for {text:?}");
                prop_assert!(message.contains(&key), "{message:?}");
            }
            Ok(_) => prop_assert!(false, "{text:?} parsed"),
        }
    }
}
