//! The TOML profile file: `config::ConfigFile::parse`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use oauthctl::config::ConfigFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ConfigFile::parse(text) {
        Ok(config) => {
            for profile in config.profiles.values() {
                // Only consumed, for the side effect of walking the value.
                let _ = profile.scopes.len() + profile.params.len();
            }
        }
        Err(message) => {
            assert!(!message.contains('\n'), "a multi-line error: {message:?}");
            // `line N: ...` when toml knows where; N must be a line of the text.
            if let Some(number) = message
                .strip_prefix("line ")
                .and_then(|rest| rest.split(':').next())
                .and_then(|n| n.parse::<usize>().ok())
            {
                let lines = text.bytes().filter(|b| *b == b'\n').count() + 1;
                assert!(
                    (1..=lines).contains(&number),
                    "line {number} of a {lines}-line file"
                );
            }
        }
    }
});
