//! The client secret's sources (a value, stdin, a file, a variable, a
//! command), read only when a request needs the secret.

use super::*;

/// Where the client secret comes from; read only when a request needs it.
#[derive(Debug, Clone)]
pub enum SecretSource {
    Value(Secret),
    Stdin,
    File(PathBuf),
    Env(String),
    Command(String),
}

pub(super) fn secret_source_from_flags(flags: &ProviderOptions) -> Result<Option<SecretSource>> {
    if flags.client_secret.is_some() && flags.client_secret_file.is_some() {
        return Err(usage(
            "--client-secret and --client-secret-file both given: use one",
        ));
    }
    if let Some(value) = &flags.client_secret {
        if value.expose() == "-" {
            return Ok(Some(SecretSource::Stdin));
        }
        log::warn!(
            "--client-secret on the command line is visible to other users in `ps`: \
             use `--client-secret -`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET"
        );
        return Ok(Some(SecretSource::Value(value.clone())));
    }
    if let Some(path) = &flags.client_secret_file {
        return Ok(Some(SecretSource::File(path.clone())));
    }
    if let Some(value) = std::env::var_os("OAUTHCTL_CLIENT_SECRET").filter(|v| !v.is_empty()) {
        let value = value
            .into_string()
            .map_err(|_| usage("$OAUTHCTL_CLIENT_SECRET is not valid UTF-8"))?;
        return Ok(Some(SecretSource::Value(Secret::new(value))));
    }
    Ok(None)
}

pub(super) fn read_secret(source: &SecretSource) -> Result<Secret> {
    let value = match source {
        SecretSource::Value(secret) => return Ok(secret.clone()),
        SecretSource::Stdin => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read the client secret from stdin")?;
            first_line(&text)
        }
        SecretSource::File(path) => {
            let text = std::fs::read_to_string(path).map_err(|err| {
                usage(format!(
                    "cannot read the client secret file {}: {err}",
                    path.display()
                ))
            })?;
            first_line(&text)
        }
        SecretSource::Env(var) => std::env::var(var).map_err(|_| {
            usage(format!(
                "client_secret_env names ${var}, which is not set: export it or change the profile"
            ))
        })?,
        SecretSource::Command(cmd) => run_secret_command("client_secret_cmd", cmd)?,
    };
    if value.is_empty() {
        return Err(usage(
            "the client secret is empty: check where it comes from",
        ));
    }
    Ok(Secret::new(value))
}

/// Runs the `key` (client_secret_cmd, client_assertion_cmd) command; its
/// first line is the value. Errors name the key, never the output.
pub(super) fn run_secret_command(key: &str, cmd: &str) -> Result<String> {
    let output = shell_command(cmd)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|err| usage(format!("{key} `{cmd}` could not start: {err}")))?;
    if !output.status.success() {
        return Err(usage(format!(
            "{key} `{cmd}` failed with {}: fix the command or the profile",
            output.status
        )));
    }
    let text = String::from_utf8(output.stdout)
        .map_err(|_| usage(format!("{key} `{cmd}` printed non-UTF-8 output")))?;
    Ok(first_line(&text))
}

fn shell_command(cmd: &str) -> std::process::Command {
    if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", cmd]);
        c
    } else {
        let mut c = std::process::Command::new("sh");
        c.args(["-c", cmd]);
        c
    }
}

fn first_line(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\r')
        .to_owned()
}
