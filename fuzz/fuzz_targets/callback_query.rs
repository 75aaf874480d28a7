//! The loopback redirect's query: `loopback::check_callback` with state "s".
//!
//! Input: the first byte picks the issuer expectation, the rest is the query.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthctl::loopback::{CallbackError, IssuerCheck, check_callback};

const ISSUER: &str = "https://id.example.com";

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let query = String::from_utf8_lossy(rest);
    let issuer = match selector % 4 {
        0 => None,
        1 => Some(IssuerCheck {
            issuer: ISSUER.to_owned(),
            required: false,
        }),
        2 => Some(IssuerCheck {
            issuer: ISSUER.to_owned(),
            required: true,
        }),
        _ => Some(IssuerCheck {
            issuer: format!("{ISSUER}/"),
            required: selector & 0x80 != 0,
        }),
    };

    // Our own reading of the query, independent of check_callback's.
    let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let first = |key: &str| {
        params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let state_ok = first("state") == Some("s");

    let result = check_callback(&query, "s", issuer.as_ref());
    match &result {
        Ok(callback) => {
            assert!(state_ok, "accepted {query:?} without state=s");
            let code = first("code").expect("accepted a callback without a code");
            assert!(!code.is_empty(), "accepted an empty code");
            assert_eq!(callback.code.expose(), code, "the code changed on the way");
            assert!(
                first("error").is_none(),
                "accepted a callback with an error"
            );
            if let Some(check) = &issuer {
                match first("iss") {
                    Some(iss) => assert_eq!(
                        iss.trim_end_matches('/'),
                        check.issuer.trim_end_matches('/'),
                        "accepted a foreign issuer"
                    ),
                    None => assert!(!check.required, "accepted a missing required iss"),
                }
            }
        }
        Err(CallbackError::StateMismatch) => {
            assert!(!state_ok, "refused {query:?} for its state, which is s");
        }
        Err(other) => {
            assert!(
                state_ok,
                "a {other:?} verdict before the state check on {query:?}"
            );
            // The message reaches the terminal and the browser page.
            let message = other.to_string();
            assert!(
                !message.chars().any(char::is_control),
                "error message {message:?} has a control char"
            );
        }
    }
});
