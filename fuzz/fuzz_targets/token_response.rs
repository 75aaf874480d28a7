//! Token-endpoint bodies: `response::parse` and the helpers that make
//! provider-supplied text safe for a terminal line.
//!
//! Input: the first byte picks a content type, the rest is the body.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthctl::oauth::response::{
    Parsed, error_code, excerpt, normalize_token_type, one_line, parse,
};

const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "application/x-www-form-urlencoded",
    "text/html",
    "text/plain",
    "application/xml",
    "",
];

/// What `one_line` promises: no control characters (so no CR/LF/ESC/BEL),
/// whitespace folded to single spaces, at most `max` chars plus an ellipsis,
/// and idempotent while under the cap.
fn check_one_line(input: &str, max: usize) {
    let out = one_line(input, max);
    assert!(
        !out.chars().any(char::is_control),
        "one_line({input:?}) = {out:?} has a control char"
    );
    assert!(
        !out.chars().any(|c| c.is_whitespace() && c != ' '),
        "one_line({input:?}) = {out:?} has whitespace other than ' '"
    );
    assert!(
        !out.contains("  "),
        "one_line({input:?}) = {out:?} has a double space"
    );
    let count = out.chars().count();
    assert!(
        count <= max + 1,
        "one_line({input:?}, {max}) = {out:?} is too long"
    );
    if count <= max {
        assert_eq!(
            one_line(&out, max),
            out,
            "one_line is not idempotent on {input:?}"
        );
    }
}

/// What `error_code` promises: RFC 6749 NQSCHAR only, at most 64 chars, trimmed.
fn check_error_code(input: &str) {
    let out = error_code(input);
    assert!(
        out.chars()
            .all(|c| matches!(c, ' ' | '!' | '#'..='[' | ']'..='~')),
        "error_code({input:?}) = {out:?} has a char outside NQSCHAR"
    );
    assert!(
        out.chars().count() <= 64,
        "error_code({input:?}) = {out:?} is too long"
    );
    assert_eq!(out, out.trim(), "error_code({input:?}) is not trimmed");
    assert_eq!(
        error_code(&out),
        out,
        "error_code is not idempotent on {input:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let content_type = CONTENT_TYPES[selector as usize % CONTENT_TYPES.len()];

    match parse(content_type, body) {
        Parsed::Token(token) => {
            assert!(
                !token.access_token.is_empty(),
                "a Token with an empty access_token"
            );
            assert!(token.refresh_token.as_ref().is_none_or(|t| !t.is_empty()));
            assert!(token.id_token.as_ref().is_none_or(|t| !t.is_empty()));
            assert!(token.token_type.as_ref().is_none_or(|t| !t.is_empty()));
            if let Some(scope) = &token.scope {
                assert!(!scope.is_empty(), "an empty scope is reported as Some");
            }
            let normalized = normalize_token_type(token.token_type.as_deref());
            assert!(!normalized.is_empty());
        }
        Parsed::Error(error) => {
            assert!(!error.error.is_empty(), "an Error with an empty code");
            check_error_code(&error.error);
            for text in [&error.description, &error.uri].into_iter().flatten() {
                assert!(
                    !text.chars().any(char::is_control),
                    "provider text {text:?} has a control char"
                );
                assert!(text.chars().count() <= 201);
            }
        }
        Parsed::Unreadable(what) => assert!(!what.is_empty()),
        Parsed::NoToken => {}
        // Variants added later (e.g. a refused, hostile token response).
        #[allow(unreachable_patterns)]
        _ => {}
    }

    if let Some(line) = excerpt(body, 80) {
        assert!(!line.is_empty(), "excerpt returned Some(\"\")");
        assert!(
            !line.chars().any(char::is_control),
            "excerpt {line:?} has a control char"
        );
        assert!(line.chars().count() <= 81, "excerpt {line:?} is too long");
    }

    let text = String::from_utf8_lossy(body);
    // The selector doubles as the cap, so short caps are exercised too.
    check_one_line(&text, selector as usize);
    check_one_line(&text, 200);
    check_error_code(&text);
    for piece in text.split(['&', '\n', ',']).take(16) {
        check_one_line(piece, 80);
        check_error_code(piece);
        assert!(!normalize_token_type(Some(piece)).is_empty());
    }
    assert_eq!(normalize_token_type(None), "Bearer");
});
