//! Flags > `OAUTHCTL_*` env > profile file, merged once into a `Profile`.
//! Commands read the profile and never look at argv or the environment again.
//!
//! Secrets and discovery are resolved lazily: `oauthctl token` on a fresh
//! token must not run `client_secret_cmd`, read stdin or touch the network.

use crate::cli::GlobalArgs;
use crate::config::{self, ConfigFile};
use crate::error::usage;
use crate::oauth::jws::{JwsAlg, KeyError, PrivateKey, SigningKey};
use crate::oauth::types::GrantKind;
use crate::options::{Combine, CommandLineOptions, ProviderOptions};
use crate::secret::Secret;
use crate::store::StoreKey;
use crate::store::StoreKind;
use anyhow::{Context, Result};
use std::cell::OnceCell;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

mod credential_files;
mod federation;
mod keys;
mod secrets;

pub use credential_files::{
    Credentials, ServiceAccount, parse_credentials, read_credentials, warn_if_readable_by_others,
};
pub use secrets::SecretSource;
use secrets::{read_secret, run_secret_command, secret_source_from_flags};

/// The variables that carry oauthctl's own secrets: no program it starts
/// (curl, `exec`'s command) inherits them.
pub const SECRET_ENV: &[&str] = &["OAUTHCTL_CLIENT_SECRET", "OAUTHCTL_PASSWORD"];

/// Takes [`SECRET_ENV`] out of what `command` inherits.
pub fn without_secrets(command: &mut std::process::Command) -> &mut std::process::Command {
    for name in SECRET_ENV {
        command.env_remove(name);
    }
    command
}

/// Process-wide settings, from the global flags.
#[derive(Debug, Clone)]
pub struct Globals {
    pub config_path: PathBuf,
    pub config_explicit: bool,
    pub profile: Option<String>,
    /// `-p` was on the command line (not from $OAUTHCTL_PROFILE).
    pub profile_on_command_line: bool,
    /// `--store` or `$OAUTHCTL_STORE`: wins over a profile's `store` key.
    pub store: Option<StoreKind>,
    /// `--store` was on the command line (`profile add` writes it then).
    pub store_on_command_line: bool,
    /// A provider or client named on the command line: ad hoc, no default.
    pub provider_on_command_line: bool,
    pub data_dir: PathBuf,
    /// Discovery documents: under the data dir when `$OAUTHCTL_DATA_DIR`
    /// moves everything oauthctl writes (the demo relies on it).
    pub cache_dir: PathBuf,
    /// `$XDG_RUNTIME_DIR`, when it names a directory: private tmpfs for
    /// curl's work files and rescued token sets.
    pub runtime_dir: Option<PathBuf>,
    pub http_timeout: Duration,
}

impl Globals {
    /// `$OAUTHCTL_PASSWORD`, for `login --password-grant`: read when asked,
    /// not on every start.
    pub fn password(&self) -> Option<Secret> {
        std::env::var("OAUTHCTL_PASSWORD")
            .ok()
            .filter(|v| !v.is_empty())
            .map(Secret::new)
    }

    /// The same settings, for another profile (`--all` loops).
    pub fn with_profile(&self, name: &str) -> Globals {
        Globals {
            profile: Some(name.to_owned()),
            ..self.clone()
        }
    }

    pub fn from_args(args: &GlobalArgs) -> Result<Globals> {
        let store = args.store;
        let http_timeout = match args.http_timeout {
            Some(0) => return Err(usage("--http-timeout must be at least 1 second")),
            Some(secs) if secs > 3600 => {
                return Err(usage(
                    "--http-timeout must be at most 3600 seconds (an hour)",
                ));
            }
            Some(secs) => Duration::from_secs(secs),
            None => Duration::from_secs(30),
        };
        let data_dir = config::data_dir();
        Ok(Globals {
            config_explicit: args.config.is_some(),
            config_path: args
                .config
                .clone()
                .unwrap_or_else(config::default_config_path),
            profile: args.profile.clone().filter(|p| !p.is_empty()),
            profile_on_command_line: args.profile_on_command_line
                && args.profile.as_ref().is_some_and(|p| !p.is_empty()),
            store,
            store_on_command_line: args.store_on_command_line && store.is_some(),
            provider_on_command_line: args.provider_on_command_line,
            cache_dir: config::cache_dir(&data_dir),
            data_dir,
            runtime_dir: std::env::var_os("XDG_RUNTIME_DIR")
                .map(PathBuf::from)
                .filter(|dir| usable_runtime_dir(dir)),
            http_timeout,
        })
    }
}

/// `$XDG_RUNTIME_DIR` is for this user's private files (curl's work files,
/// rescued token sets): one that others may write to, or that is not this
/// user's, is passed over, with a warning, as if it were not set.
fn usable_runtime_dir(dir: &Path) -> bool {
    if !dir.is_absolute() {
        return false;
    }
    let Ok(meta) = std::fs::metadata(dir) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let mode = meta.permissions().mode() & 0o777;
        let why = if meta.uid() != rustix::process::geteuid().as_raw() {
            format!("belongs to another user (uid {})", meta.uid())
        } else if mode & 0o022 != 0 {
            format!("is writable by other users (mode {mode:o})")
        } else {
            return true;
        };
        log::warn!(
            "ignoring $XDG_RUNTIME_DIR: {} {why}, so other users could plant or swap files there",
            dir.display()
        );
        false
    }
    #[cfg(not(unix))]
    true
}

/// One provider, resolved: flags over environment over the profile table,
/// normalised. Its options read as fields (`profile.issuer`) through `Deref`.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    /// True when the profile exists in the config file or was named with -p.
    pub named: bool,
    /// Nothing says which provider to use: no profile in the file, none
    /// named, no provider flags. Commands then say how to configure one.
    pub unconfigured: bool,
    /// The merged options. The client secret is not among them: it is read
    /// from `secret_source` on first use.
    pub options: ProviderOptions,
    secret_source: Option<SecretSource>,
    secret: OnceCell<Option<Secret>>,
    signing_key: OnceCell<Arc<SigningKey>>,
    /// The key of a Google service-account credentials file, if that is
    /// what `credentials_file` names.
    service_account: Option<ServiceAccount>,
    /// Set when the config file names a command to run but others could
    /// have written it: the command is refused.
    untrusted_commands: Option<UntrustedConfig>,
    /// What chose this profile (`status` says).
    pub chosen_by: ChosenBy,
}

/// What chose the profile a command uses, strongest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChosenBy {
    /// `-p` on the command line.
    CommandLine,
    /// `$OAUTHCTL_PROFILE`.
    Environment,
    /// A `[[match]]` rule for the current directory: its `dir`.
    Directory(String),
    /// The file's `default_profile`.
    DefaultProfile,
    /// None of those: the profile named `default`.
    Fallback,
}

impl ChosenBy {
    pub fn describe(&self) -> String {
        match self {
            ChosenBy::CommandLine => "-p".to_owned(),
            ChosenBy::Environment => "$OAUTHCTL_PROFILE".to_owned(),
            ChosenBy::Directory(dir) => format!("[[match]] dir = {dir:?}"),
            ChosenBy::DefaultProfile => "default_profile".to_owned(),
            ChosenBy::Fallback => "the name `default`".to_owned(),
        }
    }
}

/// The profile a command without `-p` uses here, and why: `-p` or
/// `$OAUTHCTL_PROFILE`, else the first `[[match]]` rule for the current
/// directory, else `default_profile`, else `default`. Ad hoc (provider
/// flags without `-p`), no rule or default applies.
pub fn choose_profile(
    globals: &Globals,
    file: &ConfigFile,
    ad_hoc: bool,
) -> Result<(String, ChosenBy)> {
    if let Some(name) = &globals.profile {
        let by = if globals.profile_on_command_line {
            ChosenBy::CommandLine
        } else {
            ChosenBy::Environment
        };
        return Ok((name.clone(), by));
    }
    if ad_hoc {
        return Ok(("default".to_owned(), ChosenBy::Fallback));
    }
    if let Some(rule) = directory_rule(globals, file)? {
        return Ok((rule.profile.clone(), ChosenBy::Directory(rule.dir.clone())));
    }
    Ok(match &file.default_profile {
        Some(name) => (name.clone(), ChosenBy::DefaultProfile),
        None => ("default".to_owned(), ChosenBy::Fallback),
    })
}

/// The `[[match]]` rule for the current directory, checked: a rule that
/// names no profile of the file is an error, not a silent miss.
fn directory_rule<'a>(
    globals: &Globals,
    file: &'a ConfigFile,
) -> Result<Option<&'a config::DirectoryRule>> {
    if file.matches.is_empty() {
        return Ok(None);
    }
    let Ok(cwd) = std::env::current_dir() else {
        return Ok(None);
    };
    let config_error = |message: String| config::ConfigError {
        path: globals.config_path.display().to_string(),
        message,
    };
    let rule = file
        .rule_for(&cwd, dirs::home_dir().as_deref())
        .map_err(config_error)?;
    if let Some(rule) = rule
        && !file.profiles.contains_key(&rule.profile)
    {
        return Err(config_error(format!(
            "[[match]] dir = {:?} names profile {}, which has no [profiles.{}] table",
            rule.dir, rule.profile, rule.profile
        ))
        .into());
    }
    Ok(rule)
}

#[derive(Debug, Clone)]
struct UntrustedConfig {
    path: PathBuf,
    why: String,
    assertion_cmd_from_file: bool,
}

impl UntrustedConfig {
    fn refuse(&self, key: &str) -> anyhow::Error {
        usage(format!(
            "not running {key} from {}: {}, so someone else could have put that command there; make it yours and private (chmod go-w), as ssh asks of its config",
            self.path.display(),
            self.why
        ))
    }
}

impl std::ops::Deref for Profile {
    type Target = ProviderOptions;
    fn deref(&self) -> &ProviderOptions {
        &self.options
    }
}

/// Renew tokens with less than this many seconds left, unless told otherwise.
pub const DEFAULT_MIN_TTL: u64 = 60;

impl Profile {
    /// Merges flags over the profile named by `-p` (or the file's default).
    pub fn resolve(globals: &Globals, command_line: &impl CommandLineOptions) -> Result<Profile> {
        let flags = &*command_line.options();
        let mut file = ConfigFile::load(&globals.config_path, globals.config_explicit)?;
        let explicit_name = globals.profile.clone();
        // Ad hoc: with no -p, flags that name a provider or a client are
        // the whole story. The default profile's client id, scopes or key
        // would otherwise ride along to a server they were never meant for.
        let ad_hoc = explicit_name.is_none() && globals.provider_on_command_line;
        let (name, chosen_by) = choose_profile(globals, &file, ad_hoc)?;
        let from_file = if ad_hoc {
            None
        } else {
            file.profiles.remove(&name)
        };
        // A mistyped name must not become an empty ad-hoc profile ("not
        // logged in", "no authorization endpoint", a phantom in `status`);
        // a name with its provider given as flags is one on purpose.
        if from_file.is_none() && explicit_name.is_some() && !flags.names_a_provider() {
            let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
            let config = globals.config_path.display();
            return Err(usage(if known.is_empty() {
                format!(
                    "no profile \"{name}\" in {config} (it has none): add it with `oauthctl profile add {name} --issuer URL --client-id ID`, or give the provider as flags"
                )
            } else {
                format!(
                    "no profile \"{name}\" in {config} (profiles: {})",
                    known.join(", ")
                )
            }));
        }
        if from_file.is_none() && !ad_hoc && file.default_profile.as_deref() == Some(name.as_str())
        {
            return Err(usage(format!(
                "config file {}: default_profile `{name}` has no [profiles.{name}] table",
                globals.config_path.display()
            )));
        }
        let named = from_file.is_some() || explicit_name.is_some();
        let unconfigured = !named && !flags.names_a_provider() && flags.client_id.is_none();
        let config_dir = globals
            .config_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let file_profile = from_file.unwrap_or_default();
        let secret_cmd_from_file = file_profile.client_secret_cmd.is_some();
        let assertion_cmd_from_file =
            flags.client_assertion_cmd.is_none() && file_profile.client_assertion_cmd.is_some();
        let mut profile = Self::merge(name, named, flags, file_profile, &config_dir)?;
        profile.unconfigured = unconfigured;
        profile.chosen_by = chosen_by;
        profile.options.store = globals.store.or(profile.options.store);
        // One stat or two, and only for a profile that names a command.
        if secret_cmd_from_file || assertion_cmd_from_file {
            profile.untrusted_commands =
                config::untrusted(&globals.config_path).map(|why| UntrustedConfig {
                    path: globals.config_path.clone(),
                    why,
                    assertion_cmd_from_file,
                });
        }
        Ok(profile)
    }

    /// The store this profile's tokens live in.
    pub fn store_kind(&self) -> StoreKind {
        self.options.store.unwrap_or(StoreKind::Auto)
    }

    fn merge(
        name: String,
        named: bool,
        flags: &ProviderOptions,
        mut file: ProviderOptions,
        config_dir: &Path,
    ) -> Result<Profile> {
        // Relative paths in the config file are relative to the file.
        let relative = |p: PathBuf| {
            if p.is_relative() {
                config_dir.join(p)
            } else {
                p
            }
        };
        for path in file.paths_mut() {
            *path = path.take().map(relative);
        }

        // The secret's source keeps the layers' order: a flag (or
        // $OAUTHCTL_CLIENT_SECRET), a credentials file, then the profile.
        let mut client_id = flags.client_id.clone().or(file.client_id.clone());
        let mut secret_source = secret_source_from_flags(flags)?;
        let mut service_account = None;
        if let Some(path) = flags
            .credentials_file
            .as_ref()
            .or(file.credentials_file.as_ref())
        {
            match read_credentials(path)? {
                // Google's service-account key: it mints with a JWT bearer
                // assertion it signs itself, as `oauth2l fetch` does.
                Credentials::ServiceAccount(account) => {
                    client_id = client_id.or(Some(account.client_email.clone()));
                    file.token_url = file.token_url.or(Some(account.token_uri.clone()));
                    file.grant = file.grant.or(Some(GrantKind::JwtBearer));
                    service_account = Some(account);
                }
                Credentials::Client(id, secret) => {
                    client_id = client_id.or(Some(id));
                    if secret_source.is_none() {
                        secret_source = Some(SecretSource::Value(secret));
                    }
                }
            }
        }
        if secret_source.is_none() {
            secret_source = if let Some(value) = file.client_secret.clone() {
                Some(SecretSource::Value(value))
            } else if let Some(var) = file.client_secret_env.clone() {
                Some(SecretSource::Env(var))
            } else if let Some(path) = file.client_secret_file.clone() {
                Some(SecretSource::File(path))
            } else {
                file.client_secret_cmd.clone().map(SecretSource::Command)
            };
        }

        let mut options = flags.clone().combine(file);
        options.client_id = client_id;
        options.client_secret = None;
        let mut scopes: Vec<String> = options
            .scopes
            .iter()
            .flat_map(|s| s.split_whitespace())
            .map(str::to_owned)
            .collect();
        scopes.dedup();
        options.scopes = scopes;

        // Every URL once, here: a typo in `revocation_url` is said at once,
        // not when `logout --revoke` first needs it.
        options.check_urls()?;
        if let Some(url) = &options.client_metadata_url {
            crate::oauth::client_metadata::check_url(url)
                .map_err(|e| usage(format!("client_metadata_url (--client-metadata-url): {e}")))?;
        }
        Ok(Profile {
            name,
            named,
            unconfigured: false,
            options,
            secret_source,
            secret: OnceCell::new(),
            signing_key: OnceCell::new(),
            service_account,
            untrusted_commands: None,
            chosen_by: ChosenBy::Fallback,
        })
    }

    /// `--min-ttl`, else the profile's `min_ttl`, else [`DEFAULT_MIN_TTL`].
    pub fn min_ttl(&self) -> u64 {
        self.options.min_ttl.unwrap_or(DEFAULT_MIN_TTL)
    }

    pub fn has_client_secret(&self) -> bool {
        self.secret_source.is_some()
    }

    /// The client credential configured for this profile, by its kind, if
    /// any: a secret, a signing key, a ready-made assertion or a TLS client
    /// certificate. Nothing is read.
    pub fn configured_credential(&self) -> Option<&'static str> {
        if self.has_client_secret() {
            Some("a client secret")
        } else if self.client_key.is_some() || self.service_account.is_some() {
            Some("a client signing key")
        } else if self.client_assertion_file.is_some()
            || self.client_assertion_env.is_some()
            || self.client_assertion_cmd.is_some()
            || self.client_assertion.is_some()
        {
            Some("a client assertion")
        } else if self.client_cert.is_some() {
            Some("a TLS client certificate")
        } else {
            None
        }
    }

    /// Reads the client secret on first use.
    pub fn client_secret(&self) -> Result<Option<Secret>> {
        if let Some(secret) = self.secret.get() {
            return Ok(secret.clone());
        }
        if let (Some(SecretSource::Command(_)), Some(untrusted)) =
            (&self.secret_source, &self.untrusted_commands)
        {
            return Err(untrusted.refuse("client_secret_cmd"));
        }
        let secret = match &self.secret_source {
            None => None,
            Some(source) => Some(read_secret(source)?),
        };
        let _ = self.secret.set(secret.clone());
        Ok(secret)
    }

    pub fn scope_string(&self) -> Option<String> {
        (!self.scopes.is_empty()).then(|| self.scopes.join(" "))
    }

    /// The profile mints its tokens without a user: client credentials or
    /// a JWT bearer assertion (a Google service account).
    pub fn is_client_credentials(&self) -> bool {
        matches!(
            self.grant,
            Some(GrantKind::ClientCredentials | GrantKind::JwtBearer)
        )
    }

    /// What identifies the authorization server without resolving discovery.
    fn server_identity(&self) -> String {
        self.token_url
            .clone()
            .or_else(|| self.issuer.clone())
            .unwrap_or_default()
    }

    /// The store key for user tokens: the profile, or for ad-hoc use the server,
    /// client, scopes and audience.
    pub fn user_key(&self) -> StoreKey {
        if self.named {
            StoreKey::new(format!("profile:{}", self.name))
        } else {
            StoreKey::new(format!("adhoc:{}", self.tuple_hash()))
        }
    }

    /// The store key for client-credentials tokens, shared by
    /// `client-credentials` and `token` on a `grant = "client_credentials"` profile.
    /// Everything that can change what the server issues is in it: the
    /// endpoint, client, scopes, audience, resource and DPoP of
    /// [`Self::tuple_hash`], and the grant, the authentication method, the
    /// credential (a digest of a secret given as a value, else where it
    /// comes from) and the extra parameters. Two profiles that differ in any
    /// of these never share a cached token.
    pub fn client_credentials_key(&self) -> StoreKey {
        let mut params: Vec<String> = self
            .params
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        params.sort();
        let parts = [
            self.tuple_hash(),
            format!("grant:{:?}", self.grant),
            format!("auth:{:?}", self.client_auth),
            format!("aud:{:?}", self.client_assertion_aud),
            self.credential_identity(),
            format!("params:{}", params.join("&")),
        ];
        StoreKey::new(format!(
            "client-credentials:{}",
            &crate::digest::hex_sha256(&parts.join("\n"))[..32]
        ))
    }

    /// What identifies the client's credential without reading it: a
    /// secret given as a value by its digest, any other by its source.
    fn credential_identity(&self) -> String {
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
        let secret = self.secret_source.as_ref().map(|source| match source {
            SecretSource::Value(secret) => {
                format!("value:{}", crate::digest::hex_sha256(secret.expose()))
            }
            SecretSource::Stdin => "stdin".to_owned(),
            SecretSource::File(path) => format!("file:{}", path.display()),
            SecretSource::Env(name) => format!("env:{name}"),
            SecretSource::Command(command) => format!("cmd:{command}"),
        });
        let service_account = self
            .service_account
            .as_ref()
            .map(|a| format!("{}:{:?}", a.client_email, a.private_key_id));
        [
            ("secret", secret),
            ("key", path(&self.client_key)),
            ("kid", self.client_key_id.clone()),
            ("alg", self.client_key_alg.map(|a| a.to_string())),
            ("service-account", service_account),
            ("assertion-file", path(&self.client_assertion_file)),
            ("assertion-env", self.client_assertion_env.clone()),
            ("assertion-cmd", self.client_assertion_cmd.clone()),
            ("assertion", self.client_assertion.clone()),
            ("grant-assertion", path(&self.assertion_file)),
            ("cert", path(&self.client_cert)),
            ("cert-key", path(&self.client_cert_key)),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={v}")))
        .collect::<Vec<_>>()
        .join(";")
    }

    fn tuple_hash(&self) -> String {
        let mut scopes = self.scopes.clone();
        scopes.sort();
        let mut parts = vec![
            self.server_identity(),
            self.client_id.clone().unwrap_or_default(),
            scopes.join(" "),
            self.audience.clone().unwrap_or_default(),
            self.resource.clone().unwrap_or_default(),
        ];
        // A Bearer token cached before is no answer to a DPoP request.
        if self.dpop {
            parts.push("dpop".to_owned());
        }
        crate::digest::hex_sha256(&parts.join("\n"))[..32].to_owned()
    }
}
