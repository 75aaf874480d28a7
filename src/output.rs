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

/// `Authorization: TYPE TOKEN`, without the line end. Not for a
/// DPoP-bound token, which is worth nothing without a proof.
pub fn authorization_header(set: &TokenSet) -> anyhow::Result<String> {
    let (token_type, token) = token_without_proof(set, "an Authorization header alone")?;
    Ok(header_line(&token_type, token))
}

/// [`checked_token`] for `what` (git, docker, kubectl, a header line),
/// which sends the token as it is: a DPoP-bound token is refused there,
/// since it goes out only with a proof made for its request.
pub fn token_without_proof<'a>(set: &'a TokenSet, what: &str) -> anyhow::Result<(String, &'a str)> {
    let (token_type, token) = checked_token(set)?;
    if set.is_dpop_bound() {
        return Err(crate::error::usage(format!(
            "the token is DPoP-bound (RFC 9449), so {what} is refused: every request needs its own proof. Use `oauthctl curl`, or `oauthctl token -o header --htm METHOD --htu URL` for the two header lines of one request"
        )));
    }
    Ok((token_type, token))
}

/// The two header lines of one DPoP request (RFC 9449 §7.1), without line
/// ends: `Authorization: DPoP TOKEN` and `DPoP: PROOF`.
pub fn dpop_header_lines(
    set: &TokenSet,
    proof: &crate::secret::Secret,
) -> anyhow::Result<[String; 2]> {
    let (_, token) = checked_token(set)?;
    // A JWS in compact form: base64url and dots, nothing that ends a line.
    let proof = proof.expose();
    if !proof
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        anyhow::bail!("the DPoP proof is not a compact JWS");
    }
    Ok([
        header_line(crate::oauth::dpop::TOKEN_TYPE, token),
        format!("DPoP: {proof}"),
    ])
}

/// `-o headers-json`: one JSON object, header name to value, on one line.
pub fn headers_json(headers: &[(&str, &str)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = headers
        .iter()
        .map(|(name, value)| ((*name).to_owned(), serde_json::Value::from(*value)))
        .collect();
    format!("{}\n", serde_json::Value::Object(map))
}

fn header_line(token_type: &str, token: &str) -> String {
    format!("Authorization: {token_type} {token}")
}

/// The access token as asked for.
pub fn render(set: &TokenSet, format: OutputFormat) -> anyhow::Result<String> {
    let (token_type, token) = checked_token(set)?;
    Ok(match format {
        OutputFormat::Raw => format!("{token}\n"),
        OutputFormat::Header => format!("{}\n", authorization_header(set)?),
        OutputFormat::HeadersJson => {
            let (token_type, token) = token_without_proof(set, "an Authorization header alone")?;
            headers_json(&[("Authorization", &format!("{token_type} {token}"))])
        }
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
        OutputFormat::ExecCredential => {
            let (_, token) = token_without_proof(set, "handing it to kubectl")?;
            exec_credential(exec_api_version_from_env()?, token, set.expires_at)
        }
    })
}

/// The id_token instead of the access token (`token --id-token`), with its
/// JWT `exp` as the expiry. The caller has checked that there is one.
pub fn render_id_token(set: &TokenSet, format: OutputFormat) -> anyhow::Result<String> {
    let token = set
        .id_token
        .as_ref()
        .map(|t| t.expose())
        .ok_or_else(|| anyhow::anyhow!("no id_token stored"))?;
    // A JWS in compact form is base64url parts and dots: all b64token
    // characters, so nothing that could break out of a line.
    check_access_token("Bearer", token).map_err(|_| {
        anyhow::anyhow!(
            "the stored id_token has characters no JWT has: refusing to use it; run `oauthctl logout`, then log in again"
        )
    })?;
    let expires_at = set.id_token_expires_at();
    Ok(match format {
        OutputFormat::Raw => format!("{token}\n"),
        OutputFormat::Header => format!("{}\n", header_line("Bearer", token)),
        OutputFormat::HeadersJson => headers_json(&[("Authorization", &format!("Bearer {token}"))]),
        OutputFormat::Json => {
            let value = serde_json::json!({
                "id_token": token,
                "token_type": "Bearer",
                "expires_at": expires_at.map(rfc3339),
                "expires_in": expires_at.map(|at| at.saturating_sub(crate::store::now())),
            });
            format!("{value:#}\n")
        }
        OutputFormat::Env => {
            let mut out = format!("export OAUTHCTL_ID_TOKEN={}\n", shell_quote(token));
            if let Some(at) = expires_at {
                out.push_str(&format!(
                    "export OAUTHCTL_EXPIRES_AT={}\n",
                    shell_quote(&rfc3339(at))
                ));
            }
            out
        }
        OutputFormat::ExecCredential => {
            exec_credential(exec_api_version_from_env()?, token, expires_at)
        }
    })
}

/// The ExecCredential versions oauthctl answers in; the first is the default.
pub const EXEC_API_VERSIONS: &[&str] = &[
    "client.authentication.k8s.io/v1",
    "client.authentication.k8s.io/v1beta1",
];

/// The variable kubectl (client-go) sets for an exec credential plugin.
pub const EXEC_INFO_VAR: &str = "KUBERNETES_EXEC_INFO";

/// The apiVersion `$KUBERNETES_EXEC_INFO` asks for; v1 without it.
fn exec_api_version_from_env() -> anyhow::Result<&'static str> {
    match std::env::var(EXEC_INFO_VAR) {
        Err(std::env::VarError::NotPresent) => Ok(EXEC_API_VERSIONS[0]),
        Err(std::env::VarError::NotUnicode(_)) => Err(crate::error::usage(format!(
            "${EXEC_INFO_VAR} is not UTF-8: it should be the JSON ExecCredential kubectl sets"
        ))),
        Ok(text) if text.trim().is_empty() => Ok(EXEC_API_VERSIONS[0]),
        Ok(text) => exec_api_version(&text).map_err(crate::error::usage),
    }
}

/// What kubectl says of talking to the user, in `$KUBERNETES_EXEC_INFO`'s
/// `spec.interactive`: false for `interactiveMode: Never`, and for
/// `IfAvailable` without a terminal. `None` when it does not say.
pub fn kubectl_allows_interaction() -> Option<bool> {
    let text = std::env::var(EXEC_INFO_VAR).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    value.get("spec")?.get("interactive")?.as_bool()
}

/// Reads the apiVersion out of an ExecCredential (`$KUBERNETES_EXEC_INFO`).
pub fn exec_api_version(exec_info: &str) -> Result<&'static str, String> {
    let value: serde_json::Value = serde_json::from_str(exec_info).map_err(|err| {
        format!(
            "${EXEC_INFO_VAR} is not valid JSON ({err}): it should be the ExecCredential kubectl sets; unset it to get a {} one",
            EXEC_API_VERSIONS[0]
        )
    })?;
    let asked = value
        .get("apiVersion")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| {
            format!(
                "${EXEC_INFO_VAR} has no apiVersion string: it should be the ExecCredential kubectl sets"
            )
        })?;
    EXEC_API_VERSIONS
        .iter()
        .copied()
        .find(|known| *known == asked)
        .ok_or_else(|| {
            format!(
                "${EXEC_INFO_VAR} asks for apiVersion {}, and oauthctl answers only {}: set the kubeconfig's exec apiVersion to one of them",
                crate::oauth::response::one_line(asked, 80),
                EXEC_API_VERSIONS.join(" or ")
            )
        })
}

/// A `client.authentication.k8s.io` ExecCredential with `token` in its status.
pub fn exec_credential(api_version: &str, token: &str, expires_at: Option<u64>) -> String {
    let mut status = serde_json::json!({ "token": token });
    if let Some(at) = expires_at {
        status["expirationTimestamp"] = serde_json::Value::String(rfc3339(at));
    }
    let value = serde_json::json!({
        "apiVersion": api_version,
        "kind": "ExecCredential",
        "status": status,
    });
    format!("{value:#}\n")
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
            scope: Some("a b".into()),
            ..TokenSet::default()
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
    fn exec_credential_shape() {
        let text = exec_credential(EXEC_API_VERSIONS[0], "tok", Some(0));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "apiVersion": "client.authentication.k8s.io/v1",
                "kind": "ExecCredential",
                "status": {"token": "tok", "expirationTimestamp": "1970-01-01T00:00:00Z"},
            })
        );
        let text = exec_credential(EXEC_API_VERSIONS[1], "tok", None);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["apiVersion"], "client.authentication.k8s.io/v1beta1");
        assert!(value["status"].get("expirationTimestamp").is_none());
    }

    #[test]
    fn exec_info_picks_the_version_or_says_what_is_wrong() {
        let info = |v: &str| {
            format!(
                r#"{{"kind":"ExecCredential","apiVersion":"{v}","spec":{{"interactive":false}}}}"#
            )
        };
        assert_eq!(
            exec_api_version(&info("client.authentication.k8s.io/v1beta1")),
            Ok("client.authentication.k8s.io/v1beta1")
        );
        assert_eq!(
            exec_api_version(&info("client.authentication.k8s.io/v1")),
            Ok("client.authentication.k8s.io/v1")
        );
        for (bad, says) in [
            ("{not json", "not valid JSON"),
            ("[]", "no apiVersion"),
            (r#"{"apiVersion": 1}"#, "no apiVersion"),
            (
                &info("client.authentication.k8s.io/v1alpha1"),
                "answers only",
            ),
        ] {
            let err = exec_api_version(bad).unwrap_err();
            assert!(err.contains(says), "{err} for {bad}");
            assert!(err.contains("KUBERNETES_EXEC_INFO"), "{err}");
        }
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
