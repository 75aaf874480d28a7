//! What goes to stdout: the token in the format asked for, and nothing else.

use crate::cli::OutputFormat;
use crate::oauth::response::{check_access_token, normalize_token_type};
use crate::store::TokenSet;
use std::io::Write;

/// The stored token and its (normalised) type, fit for a header line. Every
/// way a token leaves oauthctl (stdout, curl's config) goes through here: a
/// stored token that could break out of its line (written by an older
/// version, or a damaged store) is refused, not used.
pub fn checked_token(set: &TokenSet) -> anyhow::Result<(String, &str)> {
    let token = set.access_token.expose();
    let token_type = normalize_token_type(set.token_type.as_deref());
    check_access_token(&token_type, token).map_err(|what| {
        anyhow::anyhow!(
            "the stored token set holds {what}: refusing to use it; run `oauthctl logout`, then log in again"
        )
    })?;
    Ok((token_type, token))
}

/// `Authorization: TYPE TOKEN`, without the line end.
pub fn authorization_header(set: &TokenSet) -> anyhow::Result<String> {
    let (token_type, token) = checked_token(set)?;
    Ok(header_line(&token_type, token))
}

fn header_line(token_type: &str, token: &str) -> String {
    format!("Authorization: {token_type} {token}")
}

/// The token as asked for.
pub fn render(set: &TokenSet, format: OutputFormat) -> anyhow::Result<String> {
    let (token_type, token) = checked_token(set)?;
    Ok(match format {
        OutputFormat::Raw => format!("{token}\n"),
        OutputFormat::Header => format!("{}\n", header_line(&token_type, token)),
        OutputFormat::Json => {
            let expires_at = set.expires_at.map(rfc3339);
            let value = serde_json::json!({
                "access_token": token,
                "token_type": token_type,
                "expires_at": expires_at,
                "expires_in": set.seconds_left().map(|s| s.max(0)),
                "scope": set.scope,
            });
            format!("{value:#}\n")
        }
        OutputFormat::Env => {
            let mut out = format!(
                "export OAUTHCTL_ACCESS_TOKEN={}\nexport OAUTHCTL_TOKEN_TYPE={}\n",
                shell_quote(token),
                shell_quote(&token_type)
            );
            if let Some(at) = set.expires_at {
                out.push_str(&format!(
                    "export OAUTHCTL_EXPIRES_AT={}\n",
                    shell_quote(&rfc3339(at))
                ));
            }
            out
        }
    })
}

/// Writes to stdout; a closed pipe (`oauthctl token | head -c0`) is not an error.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(anyhow::anyhow!("cannot write to stdout: {err}")),
    }
}

/// The last second RFC 3339 can write (9999-12-31T23:59:59Z).
const LAST_RFC3339_SECOND: u64 = 253_402_300_799;

/// Times past year 9999 (a hostile `exp`) are shown as the last one there is.
pub fn rfc3339(unix: u64) -> String {
    let unix = unix.min(LAST_RFC3339_SECOND);
    humantime::format_rfc3339_seconds(std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix))
        .to_string()
}

/// "in 59m", "in 2h 0m", "expired 3m ago", for stderr messages.
pub fn describe_expiry(set: &TokenSet) -> String {
    match set.seconds_left() {
        None => "no expiry given".to_owned(),
        Some(left) if left >= 0 => format!("expires in {}", short_duration(left as u64)),
        Some(left) => format!("expired {} ago", short_duration(left.unsigned_abs())),
    }
}

pub fn short_duration(secs: u64) -> String {
    match secs {
        0..=59 => format!("{secs}s"),
        60..=3599 => format!("{}m", secs / 60),
        3600..=86399 => format!("{}h {}m", secs / 3600, secs % 3600 / 60),
        _ => format!("{}d {}h", secs / 86400, secs % 86400 / 3600),
    }
}

/// `value` in single quotes, for a POSIX shell.
pub fn shell_quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn set(token_type: Option<&str>) -> TokenSet {
        TokenSet {
            access_token: Secret::new("tok+en/="),
            token_type: token_type.map(str::to_owned),
            refresh_token: Some(Secret::new("never-printed")),
            id_token: None,
            expires_at: None,
            scope: Some("a b".into()),
            obtained_at: 0,
            grant: None,
        }
    }

    #[test]
    fn header_normalises_token_type() {
        for t in [None, Some("bearer"), Some("BearerToken")] {
            assert_eq!(
                render(&set(t), OutputFormat::Header).unwrap(),
                "Authorization: Bearer tok+en/=\n"
            );
        }
    }

    #[test]
    fn json_never_has_the_refresh_token() {
        let json = render(&set(None), OutputFormat::Json).unwrap();
        assert!(!json.contains("never-printed"));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["token_type"], "Bearer");
        assert!(value["expires_at"].is_null());
    }

    #[test]
    fn stored_tokens_that_break_lines_are_not_printed() {
        let mut hostile = set(None);
        hostile.access_token = Secret::new("a\nexport EVIL=1");
        for format in [OutputFormat::Raw, OutputFormat::Header, OutputFormat::Env] {
            assert!(render(&hostile, format).is_err());
        }
        let mut hostile = set(Some("Bearer\r\nX-Evil: 1"));
        hostile.access_token = Secret::new("fine");
        assert!(render(&hostile, OutputFormat::Header).is_err());
    }

    #[test]
    fn times_past_year_9999_do_not_panic() {
        assert_eq!(rfc3339(u64::MAX), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn env_is_shell_quoted() {
        let env = render(&set(None), OutputFormat::Env).unwrap();
        assert!(
            env.starts_with("export OAUTHCTL_ACCESS_TOKEN='tok+en/='\n"),
            "{env}"
        );
    }
}
