//! Ready-made client assertions (a file, a variable, a command, a CI
//! runner's OIDC token), fetched afresh for every request.

use super::*;

impl Profile {
    /// The ready-made client assertion this profile names, if any: read
    /// anew on every call of its `fetch`, since assertions are single-use.
    pub fn assertion_source(
        &self,
        http_timeout: std::time::Duration,
    ) -> Result<Option<crate::oauth::types::AssertionSource>> {
        use crate::oauth::types::AssertionSource;
        let sources = [
            self.client_assertion_file.is_some(),
            self.client_assertion_env.is_some(),
            self.client_assertion_cmd.is_some(),
            self.client_assertion.is_some(),
        ];
        if sources.iter().filter(|s| **s).count() > 1 {
            return Err(usage(
                "more than one client assertion source: give one of --client-assertion-file, --client-assertion-env, --client-assertion-cmd, --client-assertion",
            ));
        }
        let source =
            |name: String, fetch: Box<dyn Fn() -> Result<String, String> + Send + Sync>| {
                let shown = name.clone();
                Some(AssertionSource {
                    name,
                    fetch: std::sync::Arc::new(move || {
                        fetch().and_then(|text| one_assertion(&shown, &text))
                    }),
                })
            };
        if let Some(path) = self.client_assertion_file.clone() {
            let name = format!("--client-assertion-file {}", path.display());
            return Ok(source(
                name,
                Box::new(move || {
                    crate::config::read_prefix(&path, MAX_ASSERTION)
                        .map_err(|err| format!("cannot read it: {err}"))
                }),
            ));
        }
        if let Some(var) = self.client_assertion_env.clone() {
            return Ok(source(
                format!("--client-assertion-env {var}"),
                env_source(var),
            ));
        }
        if let Some(cmd) = self.client_assertion_cmd.clone() {
            if let Some(untrusted) = self
                .untrusted_commands
                .as_ref()
                .filter(|u| u.assertion_cmd_from_file)
            {
                return Err(untrusted.refuse("client_assertion_cmd"));
            }
            return Ok(source(
                format!("--client-assertion-cmd `{cmd}`"),
                Box::new(move || {
                    run_secret_command("client_assertion_cmd", &cmd)
                        .map_err(|err| format!("{err:#}"))
                }),
            ));
        }
        let Some(spec) = self.client_assertion.as_deref() else {
            return Ok(None);
        };
        match spec.split_once('=').unwrap_or((spec, "")) {
            ("gitlab-ci", var) if !var.is_empty() => Ok(source(
                format!("--client-assertion gitlab-ci={var}"),
                env_source(var.to_owned()),
            )),
            ("github-actions", audience) => {
                let audience = (!audience.is_empty()).then(|| audience.to_owned());
                Ok(source(
                    "--client-assertion github-actions".to_owned(),
                    Box::new(move || github_actions_token(audience.as_deref(), http_timeout)),
                ))
            }
            _ => Err(usage(format!(
                "--client-assertion `{spec}`: use github-actions[=AUDIENCE] or gitlab-ci=VARIABLE"
            ))),
        }
    }
}

/// An assertion is a JWT of a few KiB.
const MAX_ASSERTION: u64 = 64 * 1024;

fn env_source(var: String) -> Box<dyn Fn() -> Result<String, String> + Send + Sync> {
    Box::new(move || std::env::var(&var).map_err(|_| format!("${var} is not set (or not UTF-8)")))
}

/// One JWT-shaped word: anything else would break the request body or is
/// not an assertion at all.
fn one_assertion(source: &str, text: &str) -> Result<crate::secret::Secret, String> {
    let token = text.trim();
    let jwt_chars = token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'='));
    if token.is_empty() || !jwt_chars || token.len() as u64 > MAX_ASSERTION {
        return Err(format!("{source} did not give one JWT"));
    }
    Ok(crate::secret::Secret::new(token))
}

/// The runner's OIDC token (GitHub's "Requesting the JWT"): a GET of
/// `$ACTIONS_ID_TOKEN_REQUEST_URL` (with `audience=`) authorized by
/// `$ACTIONS_ID_TOKEN_REQUEST_TOKEN`; the job needs `permissions: id-token: write`.
fn github_actions_token(
    audience: Option<&str>,
    timeout: std::time::Duration,
) -> Result<String, String> {
    let (Ok(url), Ok(token)) = (
        std::env::var("ACTIONS_ID_TOKEN_REQUEST_URL"),
        std::env::var("ACTIONS_ID_TOKEN_REQUEST_TOKEN"),
    ) else {
        return Err(
            "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: run it in a GitHub Actions job with `permissions: id-token: write`".to_owned(),
        );
    };
    let mut url =
        url::Url::parse(&url).map_err(|err| format!("ACTIONS_ID_TOKEN_REQUEST_URL: {err}"))?;
    if let Some(audience) = audience {
        url.query_pairs_mut().append_pair("audience", audience);
    }
    let http = crate::oauth::http::Http::new(timeout);
    let response = http
        .send(
            "GitHub Actions OIDC endpoint",
            url.as_str(),
            crate::oauth::http::Replay::Safe,
            |client| {
                client
                    .get(url.as_str())
                    .header("Authorization", format!("bearer {token}"))
                    .header("Accept", "application/json")
            },
        )
        .map_err(|err| err.to_string())?;
    if !(200..300).contains(&response.status) {
        return Err(format!(
            "the GitHub Actions OIDC endpoint answered {}",
            response.status
        ));
    }
    let value: serde_json::Value = serde_json::from_slice(&response.body)
        .map_err(|_| "the GitHub Actions OIDC endpoint answered something not JSON".to_owned())?;
    value["value"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| "the GitHub Actions OIDC endpoint answered without `value`".to_owned())
}
