//! Client credential files (Java properties or JSON): `settings::parse_credentials`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthctl::settings::parse_credentials;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok((id, secret)) = parse_credentials(&text)
        && !text.trim_start().starts_with('{')
    {
        // The properties reader refuses empty values.
        assert!(!id.is_empty(), "an empty id from {text:?}");
        assert!(!secret.is_empty(), "an empty secret from {text:?}");
    }
});
