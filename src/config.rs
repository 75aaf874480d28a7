//! The TOML profile file and the directories oauthctl uses.

use crate::options::ProviderOptions;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, ProviderOptions>,
    /// `[[match]]` tables: the profile for a directory tree, first match wins.
    #[serde(default, rename = "match")]
    pub matches: Vec<DirectoryRule>,
}

/// `[[match]] dir = "~/work/*" profile = "work"`: in that directory, or
/// anywhere below it, commands without `-p` use that profile.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirectoryRule {
    pub dir: String,
    pub profile: String,
}

impl DirectoryRule {
    /// Whether `cwd` or one of its parents matches the glob: `*`, `?` and
    /// `[…]` stay within one path component, `**` spans several, and a
    /// leading `~` is the home directory.
    pub fn covers(&self, cwd: &Path, home: Option<&Path>) -> Result<bool, String> {
        let pattern = self.pattern(home)?;
        let options = glob::MatchOptions {
            case_sensitive: !cfg!(any(target_os = "windows", target_os = "macos")),
            require_literal_separator: true,
            require_literal_leading_dot: false,
        };
        Ok(cwd
            .ancestors()
            .any(|dir| pattern.matches_path_with(dir, options)))
    }

    fn pattern(&self, home: Option<&Path>) -> Result<glob::Pattern, String> {
        let bad = |why: String| format!("[[match]] dir = {:?}: {why}", self.dir);
        let text = self.dir.trim();
        let expanded = match text.strip_prefix('~') {
            Some(rest) if rest.is_empty() || rest.starts_with(['/', '\\']) => {
                let home = home.ok_or_else(|| bad("there is no home directory for `~`".into()))?;
                format!("{}{rest}", home.display())
            }
            Some(_) => return Err(bad("only `~/` is understood, not `~user`".into())),
            None => text.to_owned(),
        };
        // `dir = "~/work/"` means the directory, like `dir = "~/work"`.
        let trimmed = expanded.trim_end_matches(['/', '\\']);
        let expanded = if trimmed.is_empty() { "/" } else { trimmed };
        if !Path::new(expanded).is_absolute() {
            return Err(bad("give an absolute directory, or one under `~/`".into()));
        }
        glob::Pattern::new(expanded).map_err(|err| bad(err.to_string()))
    }
}

/// One `[profiles.NAME]` table: the provider options, key for flag.
pub type ProfileConfig = ProviderOptions;

/// A config file that could not be used: exit 2, one line naming the file and line.
#[derive(Debug, thiserror::Error)]
#[error("config file {path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub message: String,
}

impl ConfigFile {
    /// Loads the file; a missing default file is an empty config, a missing
    /// explicit one is an error.
    pub fn load(path: &Path, explicit: bool) -> Result<ConfigFile, ConfigError> {
        let text = match read_text(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(ConfigFile::default());
            }
            Err(err) => {
                return Err(ConfigError {
                    path: path.display().to_string(),
                    message: format!("cannot read it: {err}"),
                });
            }
        };
        Self::parse(&text).map_err(|message| ConfigError {
            path: path.display().to_string(),
            message,
        })
    }

    /// The first `[[match]]` rule whose directory holds `cwd`.
    pub fn rule_for(
        &self,
        cwd: &Path,
        home: Option<&Path>,
    ) -> Result<Option<&DirectoryRule>, String> {
        for rule in &self.matches {
            if rule.covers(cwd, home)? {
                return Ok(Some(rule));
            }
        }
        Ok(None)
    }

    pub fn parse(text: &str) -> Result<ConfigFile, String> {
        toml::from_str(text).map_err(|err| {
            let message = err.message().trim().replace('\n', " ");
            match err.span() {
                Some(span) => {
                    // Bytes, not str: a span need not fall on a char boundary.
                    let before = &text.as_bytes()[..span.start.min(text.len())];
                    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
                    format!("line {line}: {message}")
                }
                None => message,
            }
        })
    }
}

/// Why the config file at `path` may hold what someone else wrote, as ssh
/// asks of its config: the file or its directory belongs to another user
/// (root aside) or others may write to it. `None` when it is the user's
/// own. A command named in such a file is not run.
#[cfg(unix)]
pub fn untrusted(path: &Path) -> Option<String> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let me = rustix::process::geteuid().as_raw();
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    for (place, what) in std::iter::once((path, "it")).chain(dir.map(|d| (d, "its directory"))) {
        let meta = match std::fs::metadata(place) {
            Ok(meta) => meta,
            Err(err) => return Some(format!("{what} cannot be checked ({err})")),
        };
        let mode = meta.permissions().mode();
        let sticky_dir = meta.is_dir() && mode & 0o1000 != 0;
        if meta.uid() != me && meta.uid() != 0 {
            return Some(format!(
                "{what} belongs to another user (uid {})",
                meta.uid()
            ));
        }
        if mode & 0o022 != 0 && !sticky_dir {
            return Some(format!(
                "{what} is writable by other users (mode {:o})",
                mode & 0o777
            ));
        }
    }
    None
}

/// Windows has no modes: what is under the user's profile is theirs by ACL.
#[cfg(not(unix))]
pub fn untrusted(_path: &Path) -> Option<String> {
    None
}

/// A config file is a few KiB; a larger one is a mistake (or `/dev/zero`).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Reads a config file, refusing one over [`MAX_CONFIG_BYTES`] without
/// reading past that.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    // Sized up front: one allocation instead of a doubling series.
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(size.min(MAX_CONFIG_BYTES + 1) as usize + 1);
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(std::io::Error::other(format!(
            "it is larger than {} KiB, which no oauthctl config is",
            MAX_CONFIG_BYTES / 1024
        )));
    }
    String::from_utf8(bytes).map_err(|_| std::io::Error::other("it is not UTF-8 text"))
}

/// At most the first `limit` bytes of a small text file (a token, an
/// assertion), so that a huge or endless one (`/dev/zero`) costs nothing;
/// whether that much was too much is the caller's to say.
pub fn read_prefix(path: &Path, limit: u64) -> std::io::Result<String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_string(&mut text)?;
    Ok(text)
}

/// `--config`, `$OAUTHCTL_CONFIG`, else `$XDG_CONFIG_HOME/oauthctl/config.toml`.
pub fn default_config_path() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("oauthctl")
        .join("config.toml")
}

/// `$OAUTHCTL_DATA_DIR`, else the platform data dir + `oauthctl`.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("OAUTHCTL_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .or_else(|| dirs::home_dir().map(|h| h.join(".local").join("share")))
        .unwrap_or_else(std::env::temp_dir)
        .join("oauthctl")
}

/// Discovery documents. Under `$OAUTHCTL_DATA_DIR` when that is set, so
/// one variable moves everything oauthctl writes.
pub fn cache_dir(data_dir: &Path) -> PathBuf {
    if std::env::var_os("OAUTHCTL_DATA_DIR").is_some_and(|d| !d.is_empty()) {
        return data_dir.join("cache");
    }
    dirs::cache_dir()
        .map(|d| d.join("oauthctl"))
        .unwrap_or_else(|| data_dir.join("cache"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::types::ClientAuthMethod;

    #[test]
    fn parses_the_documented_example() {
        let config = ConfigFile::parse(
            r#"
default_profile = "work"
[profiles.work]
issuer = "https://id.example.com"
client_id = "oauthctl-cli"
scopes = ["openid", "offline_access", "api"]
[profiles.ci]
token_url = "https://api.example.com/oauth"
credentials_file = "apiKey.properties"
client_auth = "basic"
grant = "client_credentials"
[profiles.bime]
scope = "read write"
client_secret_env = "BIME_SECRET"
token_in = "query"
"#,
        )
        .unwrap();
        assert_eq!(config.default_profile.as_deref(), Some("work"));
        assert_eq!(config.profiles["work"].scopes.len(), 3);
        assert_eq!(
            config.profiles["ci"].client_auth,
            Some(ClientAuthMethod::Basic)
        );
        assert_eq!(config.profiles["bime"].scopes, vec!["read", "write"]);
    }

    #[test]
    fn errors_name_the_line() {
        let err = ConfigFile::parse("[profiles.a]\nclient_id = \"x\"\nbogus = 1\n").unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
        assert!(err.contains("bogus"), "{err}");
        assert!(!err.contains('\n'));
    }
}
