//! `oauthctl setup kubectl`: the kubeconfig user entry that runs
//! `oauthctl token -o exec-credential` as kubectl's exec credential plugin.
//!
//! There is no YAML library in the tree, and none is needed to write: the
//! entry is a fixed shape whose every string is double-quoted with YAML's
//! escapes. Merging into a kubeconfig that already has content is left to
//! `kubectl config set-credentials`, which owns that format (and its lock
//! file); oauthctl only ever creates a kubeconfig from nothing.

use super::Ctx;
use crate::cli::{SetupCommand, SetupKubectlArgs};
use crate::error::usage;
use crate::options::ProviderOptions;
use crate::output;
use crate::settings::Profile;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// The ExecCredential version the entry asks for.
pub const EXEC_API_VERSION: &str = "client.authentication.k8s.io/v1";

/// `kubectl config set-credentials` only edits a file: it never needs long.
const KUBECTL_LIMIT: Duration = Duration::from_secs(30);

pub fn run(ctx: &Ctx, command: &SetupCommand) -> Result<()> {
    match command {
        SetupCommand::Kubectl(args) => kubectl(ctx, args),
        SetupCommand::Git(args) => super::setup_git::run(ctx, args),
        SetupCommand::Docker(args) => super::setup_docker::run(ctx, args),
    }
}

/// What the exec plugin entry says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecEntry {
    pub user: String,
    pub command: String,
    pub args: Vec<String>,
}

fn kubectl(ctx: &Ctx, args: &SetupKubectlArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &ProviderOptions::default())?;
    if profile.issuer.is_none() && profile.token_url.is_none() {
        log::warn!(
            "profile {} has no issuer or token_url in {}: kubectl will run `oauthctl token -p {}`, which needs one",
            profile.name,
            ctx.globals.config_path.display(),
            profile.name
        );
    }
    let entry = entry(ctx, &profile.name, args)?;
    match &args.kubeconfig {
        None => {
            output::print(&users_item(&entry))?;
            ctx.note(&format!(
                "Paste this under `users:` in your kubeconfig (or run again with --kubeconfig FILE), then: kubectl --user {} get pods",
                entry.user
            ));
            Ok(())
        }
        Some(file) => {
            let how = write_kubeconfig(file, &entry)?;
            ctx.note(&format!(
                "{how} user {} in {}: kubectl --kubeconfig {} --user {} get pods",
                entry.user,
                file.display(),
                file.display(),
                entry.user
            ));
            Ok(())
        }
    }
}

fn entry(ctx: &Ctx, profile: &str, args: &SetupKubectlArgs) -> Result<ExecEntry> {
    let exe = std::env::current_exe().context("cannot find the path of the running oauthctl")?;
    let command = utf8(&exe, "the path of the running oauthctl")?;
    let mut plugin_args: Vec<String> = vec!["token".into(), "-p".into(), profile.to_owned()];
    // A config file named on this command line must be the plugin's too.
    if ctx.globals.config_explicit {
        let config = std::path::absolute(&ctx.globals.config_path)
            .unwrap_or_else(|_| ctx.globals.config_path.clone());
        plugin_args.push("--config".into());
        plugin_args.push(utf8(&config, "the config file's path")?);
    }
    plugin_args.extend(["-o".into(), "exec-credential".into()]);
    if args.id_token {
        plugin_args.push("--id-token".into());
    }
    let user = args
        .user
        .clone()
        .unwrap_or_else(|| format!("oauthctl-{profile}"));
    if user.is_empty() {
        return Err(usage("--user must not be empty"));
    }
    Ok(ExecEntry {
        user,
        command,
        args: plugin_args,
    })
}

fn utf8(path: &Path, what: &str) -> Result<String> {
    path.to_str().map(str::to_owned).ok_or_else(|| {
        anyhow::anyhow!(
            "{what} ({}) is not UTF-8, so no kubeconfig can name it",
            path.display()
        )
    })
}

/// One item of a kubeconfig's `users:` list, at the list's indentation.
pub fn users_item(entry: &ExecEntry) -> String {
    let mut out = format!(
        "- name: {}\n  user:\n    exec:\n      apiVersion: {}\n      command: {}\n      args:\n",
        quote(&entry.user),
        quote(EXEC_API_VERSION),
        quote(&entry.command)
    );
    for arg in &entry.args {
        out.push_str(&format!("      - {}\n", quote(arg)));
    }
    out.push_str("      interactiveMode: IfAvailable\n      provideClusterInfo: false\n");
    out
}

/// A whole kubeconfig holding only this user.
pub fn new_kubeconfig(entry: &ExecEntry) -> String {
    format!(
        "apiVersion: v1\nkind: Config\npreferences: {{}}\nclusters: []\ncontexts: []\ncurrent-context: \"\"\nusers:\n{}",
        users_item(entry)
    )
}

/// A YAML double-quoted scalar. Everything outside printable ASCII is
/// escaped (`\uXXXX`, `\UXXXXXXXX`), so no byte of it can end the line,
/// start a comment, or be a character YAML forbids.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if u32::from(c) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// Creates `file` holding the entry when it is missing or empty; else has
/// kubectl merge the entry in. Returns what was done, for the message.
fn write_kubeconfig(file: &Path, entry: &ExecEntry) -> Result<&'static str> {
    let existing = match std::fs::read(file) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(anyhow::anyhow!("cannot read {}: {err}", file.display())),
    };
    match existing {
        Some(bytes) if !bytes.iter().all(u8::is_ascii_whitespace) => {
            let kubectl = find_kubectl().ok_or_else(|| {
                usage(format!(
                    "{} already has content, and merging into it needs kubectl on PATH (oauthctl does not rewrite YAML it did not write): install kubectl, or paste what `oauthctl setup kubectl` prints under `users:`",
                    file.display()
                ))
            })?;
            set_credentials(&kubectl, file, entry)?;
            Ok("Set")
        }
        _ => {
            create_private(file, &new_kubeconfig(entry), existing.is_some())?;
            Ok("Wrote")
        }
    }
}

/// Writes a new 0600 file atomically; `replace` only an empty one that is there.
fn create_private(file: &Path, text: &str, replace: bool) -> Result<()> {
    let dir = match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create directory {}", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".oauthctl-kubeconfig-")
        .tempfile_in(&dir)
        .with_context(|| format!("cannot create a file in {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    let persisted = if replace {
        tmp.persist(file).map(drop)
    } else {
        // Someone else's kubeconfig appearing meanwhile is not overwritten.
        tmp.persist_noclobber(file).map(drop)
    };
    persisted.map_err(|err| anyhow::anyhow!("cannot write {}: {}", file.display(), err.error))
}

fn find_kubectl() -> Option<PathBuf> {
    let name = if cfg!(windows) {
        "kubectl.exe"
    } else {
        "kubectl"
    };
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

/// The `kubectl config set-credentials` arguments that write `entry`.
pub fn set_credentials_args(file: &Path, entry: &ExecEntry) -> Vec<std::ffi::OsString> {
    let mut args: Vec<std::ffi::OsString> = vec![
        "config".into(),
        "set-credentials".into(),
        entry.user.clone().into(),
    ];
    let mut kubeconfig = std::ffi::OsString::from("--kubeconfig=");
    kubeconfig.push(file);
    args.push(kubeconfig);
    args.push(format!("--exec-command={}", entry.command).into());
    args.push(format!("--exec-api-version={EXEC_API_VERSION}").into());
    // kubectl replaces the argument list with the --exec-arg values given.
    for arg in &entry.args {
        args.push(format!("--exec-arg={arg}").into());
    }
    args.push("--exec-interactive-mode=IfAvailable".into());
    args.push("--exec-provide-cluster-info=false".into());
    args
}

fn set_credentials(kubectl: &Path, file: &Path, entry: &ExecEntry) -> Result<()> {
    // kubectl splits --exec-arg values at commas.
    if let Some(arg) = entry.args.iter().find(|arg| arg.contains(',')) {
        return Err(usage(format!(
            "kubectl would split the plugin argument {arg:?} at its comma: paste what `oauthctl setup kubectl` prints under `users:` instead"
        )));
    }
    let mut command = Command::new(kubectl);
    command.args(set_credentials_args(file, entry));
    match super::tool::run(command, KUBECTL_LIMIT) {
        Ok(done) if done.status.success() => {}
        Ok(done) => anyhow::bail!(
            "`kubectl config set-credentials` failed ({}): {}",
            done.status,
            done.stderr
        ),
        Err(super::tool::Failed::Start(err)) => {
            return Err(err).with_context(|| format!("cannot run {}", kubectl.display()));
        }
        Err(super::tool::Failed::TimedOut) => anyhow::bail!(
            "`kubectl config set-credentials` did not finish within {}s; {} is unchanged unless kubectl wrote it",
            KUBECTL_LIMIT.as_secs(),
            file.display()
        ),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ExecEntry {
        ExecEntry {
            user: "oauthctl-work".into(),
            command: "/usr/local/bin/oauthctl".into(),
            args: ["token", "-p", "work", "-o", "exec-credential", "--id-token"]
                .map(String::from)
                .to_vec(),
        }
    }

    #[test]
    fn the_users_item_is_the_documented_yaml() {
        assert_eq!(
            users_item(&sample()),
            "- name: \"oauthctl-work\"
  user:
    exec:
      apiVersion: \"client.authentication.k8s.io/v1\"
      command: \"/usr/local/bin/oauthctl\"
      args:
      - \"token\"
      - \"-p\"
      - \"work\"
      - \"-o\"
      - \"exec-credential\"
      - \"--id-token\"
      interactiveMode: IfAvailable
      provideClusterInfo: false
"
        );
    }

    #[test]
    fn quoting_escapes_everything_that_could_break_the_yaml() {
        assert_eq!(quote("a b:#c"), "\"a b:#c\"");
        assert_eq!(quote("x\"y\\z"), "\"x\\\"y\\\\z\"");
        assert_eq!(quote("l1\nl2\t"), "\"l1\\u000Al2\\u0009\"");
        assert_eq!(quote("é\u{2028}😀"), "\"\\u00E9\\u2028\\U0001F600\"");
        assert!(!quote("\u{85}\r").contains(|c: char| c.is_control()));
    }

    #[test]
    fn set_credentials_names_every_field() {
        let args: Vec<String> = set_credentials_args(Path::new("/k/config"), &sample())
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect();
        assert_eq!(
            args[..4],
            [
                "config",
                "set-credentials",
                "oauthctl-work",
                "--kubeconfig=/k/config"
            ]
        );
        assert!(args.contains(&"--exec-arg=-p".to_owned()));
        assert!(args.contains(&"--exec-arg=--id-token".to_owned()));
        assert!(args.contains(&"--exec-interactive-mode=IfAvailable".to_owned()));
    }
}
