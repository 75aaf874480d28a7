//! Unverified JWT decoding: `jwt::decode` and `jwt::subject`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthctl::jwt::{decode, subject};

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    let Some(jwt) = decode(&token) else {
        return;
    };
    // Exactly three parts: header, claims, signature.
    assert!(
        token.split('.').count() == 3,
        "decoded {token:?}, which is not three parts"
    );
    assert!(jwt.header.is_object(), "a header that is not an object");
    assert!(jwt.claims.is_object(), "claims that are not an object");
    for value in [&jwt.claims, &jwt.header] {
        if let Some(who) = subject(value) {
            let known = ["preferred_username", "email", "upn", "name", "sub"];
            assert!(
                known
                    .iter()
                    .any(|k| value.get(k).and_then(|v| v.as_str()) == Some(who.as_str())),
                "subject {who:?} is none of the claims"
            );
        }
    }
});
