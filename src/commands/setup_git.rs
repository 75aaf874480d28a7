//! `oauthctl setup git --host HOST -p PROFILE` (once `setup-git`): makes git ask oauthctl for
//! HOST's credentials, through `git config --global` (run, not edited by
//! hand, so git's own quoting and locking apply).

use super::Ctx;
use crate::cli::SetupGitArgs;
use crate::config::ConfigFile;
use crate::error::usage;
use crate::output::shell_quote;
use anyhow::{Context, Result, anyhow};
use std::process::Command;
use std::time::Duration;

/// `git config` takes milliseconds; a git that hangs (a locked config on a
/// dead network share) is stopped after this.
const GIT_TIME_LIMIT: Duration = Duration::from_secs(30);

pub fn run(ctx: &Ctx, args: &SetupGitArgs) -> Result<()> {
    let Some(name) = ctx.globals.profile.as_deref() else {
        return Err(usage(
            "setup git needs the profile whose tokens git gets: give -p PROFILE",
        ));
    };
    let file = ConfigFile::load(&ctx.globals.config_path, ctx.globals.config_explicit)?;
    if !file.profiles.contains_key(name) {
        return Err(usage(format!(
            "profile {name} is not in {}: add it first (`oauthctl profile add {name} …`)",
            ctx.globals.config_path.display()
        )));
    }
    let (host, prefix) = split_prefix(&args.host);
    let origin = origin(host)?;
    let key = format!("credential.{origin}.helper");
    let mut commands = Vec::new();
    // Accounts told apart by path: git must send the repository's path
    // (it does only when asked to), and the helper, run without -p, picks
    // the profile by `git_hosts`, the longest match winning.
    let by_path = prefix.is_some() || routes_by_path(&file, &origin);
    let helper = if by_path {
        check_listed(ctx, &file, name, &origin, prefix.unwrap_or(""))?;
        commands.push(config_args(&[
            "--replace-all",
            &format!("credential.{origin}.useHttpPath"),
            "true",
        ]));
        helper_command(ctx, None)?
    } else {
        helper_command(ctx, Some(name))?
    };
    // One empty value in place of every earlier one: no other helper
    // (a `store` that would write the token to ~/.git-credentials, say)
    // is asked for this host.
    commands.push(config_args(&["--replace-all", &key, ""]));
    commands.push(config_args(&["--add", &key, &helper]));
    if args.dry_run {
        let mut text = String::new();
        for command in &commands {
            let line: Vec<String> = command.iter().map(|a| shell_quote(a)).collect();
            text.push_str(&format!("git {}\n", line.join(" ")));
        }
        return crate::output::print(&text);
    }
    for command in &commands {
        run_git(command)?;
    }
    warn_of_later_helpers(&origin, &helper);
    let whose = match (by_path, prefix) {
        (false, _) => format!("profile {name}"),
        (true, Some(prefix)) => format!(
            "profile {name} under {origin}/{prefix}, other paths by their git_hosts, the longest match winning"
        ),
        (true, None) => format!(
            "profile {name}, and the profiles listing a path of it by their git_hosts, the longest match winning"
        ),
    };
    ctx.note(&format!(
        "git now asks oauthctl ({whose}) for the credentials of {origin}, and no other helper: \
         set {key} in the global git config to `{helper}`"
    ));
    Ok(())
}

/// `github.com/acme/` → (`github.com`, `acme/`); a URL's `https://` stays
/// with the host.
fn split_prefix(host: &str) -> (&str, Option<&str>) {
    let host = host.trim();
    let start = host.find("://").map_or(0, |i| i + 3);
    match host[start..].find('/') {
        Some(slash) => {
            let (host_part, rest) = host.split_at(start + slash);
            let prefix = rest.trim_matches('/');
            (host_part, (!prefix.is_empty()).then_some(prefix))
        }
        None => (host, None),
    }
}

/// Whether a profile lists a path of `origin` (`HOST/ORG/`) in its
/// `git_hosts`: then the host's helper must pick profiles by path.
fn routes_by_path(file: &ConfigFile, origin: &str) -> bool {
    let Ok(request) = url::Url::parse(origin) else {
        return false;
    };
    file.profiles.values().any(|options| {
        options.git_hosts.iter().any(|entry| {
            let (host, prefix) = super::git_credential::split_entry(entry);
            !prefix.is_empty() && super::git_credential::host_matches(host, &request)
        })
    })
}

/// With profiles chosen by `git_hosts`, the profile must list the host
/// (`prefix` empty) or the path prefix itself: else git would get another
/// account's token, or none.
fn check_listed(
    ctx: &Ctx,
    file: &ConfigFile,
    name: &str,
    origin: &str,
    prefix: &str,
) -> Result<()> {
    let request = url::Url::parse(origin).map_err(|err| anyhow!("{origin}: {err}"))?;
    let wanted = prefix.split('/').filter(|c| !c.is_empty()).count();
    let path = format!("{prefix}/");
    let listed = file.profiles.get(name).is_some_and(|options| {
        options.git_hosts.iter().any(|entry| {
            super::git_credential::entry_fits(entry, &request, Some(&path)) == Some(wanted)
        })
    });
    if listed {
        return Ok(());
    }
    let host = request.host_str().unwrap_or_default();
    let entry = if prefix.is_empty() {
        host.to_owned()
    } else {
        format!("{host}/{prefix}/")
    };
    Err(usage(format!(
        "profile {name} does not list {entry} in its git_hosts, which is how the helper picks profiles for {host} by path: add `git_hosts = [\"{entry}\"]` to [profiles.{name}] in {}, then run this again",
        ctx.globals.config_path.display()
    )))
}

fn config_args(rest: &[&str]) -> Vec<String> {
    ["config", "--global"]
        .iter()
        .chain(rest)
        .map(|s| (*s).to_owned())
        .collect()
}

/// `!'/abs/path/oauthctl' git-credential -p 'PROFILE'`: git runs a helper
/// that starts with `!` through its shell, with the operation appended.
fn helper_command(ctx: &Ctx, profile: Option<&str>) -> Result<String> {
    let exe = std::env::current_exe().context("cannot find the path of the oauthctl binary")?;
    let exe = exe
        .to_str()
        .ok_or_else(|| usage("the path of the oauthctl binary is not UTF-8"))?;
    let mut helper = format!("!{} git-credential", shell_quote(exe));
    if ctx.globals.config_explicit {
        let config = std::path::absolute(&ctx.globals.config_path)
            .unwrap_or_else(|_| ctx.globals.config_path.clone());
        let config = config
            .to_str()
            .ok_or_else(|| usage("the config file's path is not UTF-8"))?;
        helper.push_str(&format!(" --config {}", shell_quote(config)));
    }
    if let Some(profile) = profile {
        helper.push_str(&format!(" -p {}", shell_quote(profile)));
    }
    Ok(helper)
}

/// `HOST`, `HOST:PORT` (https), or a URL `https://HOST[:PORT]` (`http://`
/// only for a loopback host), as git matches credential URLs:
/// `https://HOST[:PORT]`, the default port left out.
pub fn origin(host: &str) -> Result<String> {
    let host = host.trim().trim_end_matches('/');
    let bad = |why: &str| usage(format!("--host {host}: {why}"));
    let text = if host.contains("://") {
        host.to_owned()
    } else {
        format!("https://{host}")
    };
    let url = url::Url::parse(&text).map_err(|err| bad(&err.to_string()))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host name"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("give the host only, without a user name or password"));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(bad("give the host only, without a path"));
    }
    match url.scheme() {
        "https" => {}
        "http" if crate::oauth::http::is_loopback(&url) => {}
        "http" => return Err(bad("tokens go to remote hosts over https only")),
        other => return Err(bad(&format!("git's {other} URLs take no OAuth token"))),
    }
    Ok(url.origin().ascii_serialization())
}

/// git asks every helper configured for a URL to `store` a credential that
/// worked, and an empty value forgets only the helpers read before it: one
/// configured after oauthctl's (later in the file, or in a repository's own
/// config) still receives the token, and `store` writes it to
/// ~/.git-credentials in plain text. Said, since only the user can choose.
fn warn_of_later_helpers(origin: &str, ours: &str) {
    let args = config_listing();
    let mut command = Command::new("git");
    command.args(&args);
    let Ok(done) = super::tool::run(command, GIT_TIME_LIMIT) else {
        return;
    };
    for (place, helper) in helpers_after(&done.stdout, origin, ours) {
        log::warn!(
            "git also gives {origin}'s token to the credential helper `{helper}` ({place}), configured after oauthctl's: remove it, or move it before oauthctl's, or it may store the token (`store` writes it to ~/.git-credentials in plain text)"
        );
    }
}

fn config_listing() -> Vec<String> {
    [
        "config",
        "--show-origin",
        "--null",
        "--get-regexp",
        r"^credential\..*helper$",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// The helpers git would ask for `origin` after the last `ours`, from
/// `git config --show-origin --null --get-regexp` output (origin NUL
/// key LF value NUL, in the order git reads them).
fn helpers_after(listing: &str, origin: &str, ours: &str) -> Vec<(String, String)> {
    let mut fields = listing.split('\0');
    let mut entries = Vec::new();
    while let (Some(place), Some(entry)) = (fields.next(), fields.next()) {
        let (key, value) = entry.split_once('\n').unwrap_or((entry, ""));
        if applies_to(key, origin) {
            entries.push((place.to_owned(), value.to_owned()));
        }
    }
    let Some(last_ours) = entries.iter().rposition(|(_, value)| value == ours) else {
        return Vec::new();
    };
    let after = entries.split_off(last_ours + 1);
    // A reset after ours forgets ours too: git would not ask oauthctl.
    if after.iter().any(|(_, value)| value.is_empty()) {
        return Vec::new();
    }
    after
}

/// `credential.helper`, or `credential.URL.helper` for a URL that matches
/// `origin` (the same scheme and host; git also matches by path prefix).
fn applies_to(key: &str, origin: &str) -> bool {
    let key = key.to_ascii_lowercase();
    let Some(middle) = key
        .strip_prefix("credential.")
        .and_then(|k| k.strip_suffix("helper"))
    else {
        return false;
    };
    match middle.strip_suffix('.') {
        None => middle.is_empty(),
        Some(url) => {
            let url = url.trim_end_matches('/');
            url == origin
                || url
                    .strip_prefix(origin)
                    .is_some_and(|rest| rest.starts_with('/'))
                || (!url.contains("://") && origin.split("://").nth(1) == Some(url))
        }
    }
}

/// Runs `git ARGS` within [`GIT_TIME_LIMIT`]; its stderr is in the error.
fn run_git(args: &[String]) -> Result<()> {
    let shown = || format!("git {}", args.join(" "));
    let mut command = Command::new("git");
    command.args(args);
    match super::tool::run(command, GIT_TIME_LIMIT) {
        Ok(done) if done.status.success() => Ok(()),
        Ok(done) => Err(anyhow!(
            "`{}` failed ({}): {}",
            shown(),
            done.status,
            done.stderr
        )),
        Err(super::tool::Failed::Start(err)) => Err(anyhow!(
            "cannot run git: {err}; is git installed and on PATH?"
        )),
        Err(super::tool::Failed::TimedOut) => Err(anyhow!(
            "`{}` did not finish within {}s",
            shown(),
            GIT_TIME_LIMIT.as_secs()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_helper_configured_after_oauthctls_is_found() {
        let ours = "!oauthctl git-credential -p work";
        let origin = "https://git.example.com";
        let listing = format!(
            "file:/home/u/.gitconfig\0credential.helper\nstore\0\
             file:/home/u/.gitconfig\0credential.https://git.example.com.helper\n\0\
             file:/home/u/.gitconfig\0credential.https://git.example.com.helper\n{ours}\0\
             file:.git/config\0credential.helper\ncache\0\
             file:.git/config\0credential.https://other.example.com.helper\nstore\0"
        );
        assert_eq!(
            helpers_after(&listing, origin, ours),
            vec![("file:.git/config".to_owned(), "cache".to_owned())]
        );
        // A reset after ours forgets ours too: nothing to say then.
        let reset = format!("{listing}file:.git/config\0credential.helper\n\0");
        assert!(helpers_after(&reset, origin, ours).is_empty());
        let before_only = "file:g\0credential.helper\nstore\0file:g\0credential.https://git.example.com.helper\n\0";
        assert!(
            helpers_after(
                &format!(
                    "{before_only}file:g\0credential.https://git.example.com.helper\n{ours}\0"
                ),
                origin,
                ours
            )
            .is_empty()
        );
    }

    #[test]
    fn origins_are_what_git_matches() {
        assert_eq!(
            origin("github.example.com").unwrap(),
            "https://github.example.com"
        );
        assert_eq!(
            origin("Git.Example.com:8443").unwrap(),
            "https://git.example.com:8443"
        );
        assert_eq!(
            origin("https://git.example.com:443/").unwrap(),
            "https://git.example.com"
        );
        assert_eq!(
            origin("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        for bad in [
            "",
            "http://git.example.com",
            "ssh://git.example.com",
            "git.example.com/org/repo",
            "alice@git.example.com",
            "https://git.example.com/?x",
        ] {
            assert!(origin(bad).is_err(), "{bad}");
        }
    }
}
