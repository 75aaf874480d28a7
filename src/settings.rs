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

/// Where the client secret comes from; read only when a request needs it.
#[derive(Debug, Clone)]
pub enum SecretSource {
    Value(Secret),
    Stdin,
    File(PathBuf),
    Env(String),
    Command(String),
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

        for url in [&options.issuer, &options.token_url, &options.auth_url]
            .into_iter()
            .flatten()
        {
            crate::oauth::http::check_url(url).map_err(|e| usage(e.to_string()))?;
        }
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

    /// The `--client-key`, read and parsed on first use (once per process),
    /// with its key id and algorithm.
    pub fn signing_key(&self) -> Result<Arc<SigningKey>> {
        if let Some(key) = self.signing_key.get() {
            return Ok(key.clone());
        }
        if self.client_key.is_none()
            && let Some(account) = &self.service_account
        {
            let key = PrivateKey::parse(
                account.private_key.expose().as_bytes(),
                account.private_key_id.as_deref(),
            )
            .map_err(|err| usage(format!("the service account's private_key: {err}")))?;
            let key = SigningKey::new(key, account.private_key_id.clone(), Some(JwsAlg::RS256))
                .map_err(|err| usage(format!("the service account's private_key: {err:?}")))?;
            let key = Arc::new(key);
            let _ = self.signing_key.set(key.clone());
            return Ok(key);
        }
        let Some(path) = &self.client_key else {
            return Err(usage(
                "--client-auth private-key-jwt needs --client-key FILE (a PEM or JWK private key)",
            ));
        };
        let mut key = read_signing_key(path, self.client_key_id.clone(), self.client_key_alg)?;
        // With the key's certificate, assertions name it by thumbprint
        // (Entra ID's certificate credentials).
        if let Some(cert) = &self.client_cert {
            let pem = std::fs::read(cert).map_err(|err| {
                usage(format!(
                    "cannot read the client certificate {}: {err}",
                    cert.display()
                ))
            })?;
            let der = crate::oauth::jws::first_certificate(&pem)
                .ok_or_else(|| usage(format!("{} holds no PEM certificate", cert.display())))?;
            key = key.with_certificate(&der);
        }
        let key = Arc::new(key);
        let _ = self.signing_key.set(key.clone());
        Ok(key)
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

fn secret_source_from_flags(flags: &ProviderOptions) -> Result<Option<SecretSource>> {
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

fn read_secret(source: &SecretSource) -> Result<Secret> {
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

fn first_line(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\r')
        .to_owned()
}

/// Runs the `key` (client_secret_cmd, client_assertion_cmd) command; its
/// first line is the value. Errors name the key, never the output.
fn run_secret_command(key: &str, cmd: &str) -> Result<String> {
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

/// The private key in `path`, never quoted in an error. Like ssh, warns
/// when other users may read it.
fn read_signing_key(path: &Path, kid: Option<String>, alg: Option<JwsAlg>) -> Result<SigningKey> {
    let bytes = std::fs::read(path).map_err(|err| {
        usage(format!(
            "cannot read the client key {}: {err}",
            path.display()
        ))
    })?;
    let key = PrivateKey::parse(&bytes, kid.as_deref())
        .map_err(|err| usage(format!("client key {}: {err}", path.display())))?;
    // Only for a file that holds a key: anything else is refused anyway.
    warn_if_readable_by_others("the client key", path);
    SigningKey::new(key, kid, alg).map_err(|err| match err {
        KeyError::AlgMismatch { alg: wrong, kind } => usage(format!(
            "{} {wrong} does not fit the {} key in {} (use {})",
            if alg.is_some() {
                "--client-key-alg"
            } else {
                "the JWK's alg"
            },
            kind.name(),
            path.display(),
            kind.alg_names()
        )),
        other => usage(format!("client key {}: {other}", path.display())),
    })
}

/// A Java-properties `apiKey.properties` (apiKey.id / apiKey.secret) or a JSON
/// `{"client_id", "client_secret"}` file.
/// A Google service-account key file (`"type": "service_account"`).
#[derive(Debug, Clone)]
pub struct ServiceAccount {
    pub client_email: String,
    pub private_key: Secret,
    pub private_key_id: Option<String>,
    pub token_uri: String,
}

/// What a credentials file holds.
pub enum Credentials {
    /// A client id and secret (apiKey.properties, JSON, Google's client files).
    Client(String, Secret),
    /// A Google service-account key.
    ServiceAccount(ServiceAccount),
}

/// Reads a credentials file once and tells what it is.
pub fn read_credentials(path: &Path) -> Result<Credentials> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        usage(format!(
            "cannot read the credentials file {}: {err}",
            path.display()
        ))
    })?;
    if let Some(account) = service_account(path, &text)? {
        return Ok(Credentials::ServiceAccount(account));
    }
    let (id, secret) = parse_credentials(&text).map_err(|what| {
        usage(format!(
            "credentials file {}: {what}; expected apiKey.id and apiKey.secret, or JSON client_id and client_secret",
            path.display()
        ))
    })?;
    Ok(Credentials::Client(id, secret))
}

/// `None` for any text but a service-account key's.
fn service_account(path: &Path, text: &str) -> Result<Option<ServiceAccount>> {
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return Ok(None);
    };
    if json["type"] != "service_account" {
        return Ok(None);
    }
    warn_if_readable_by_others("the service-account key file", path);
    let field = |name: &str| {
        json[name].as_str().map(str::to_owned).ok_or_else(|| {
            usage(format!(
                "service-account file {}: no `{name}`",
                path.display()
            ))
        })
    };
    Ok(Some(ServiceAccount {
        client_email: field("client_email")?,
        private_key: Secret::new(field("private_key")?),
        private_key_id: json["private_key_id"].as_str().map(str::to_owned),
        token_uri: json["token_uri"]
            .as_str()
            .unwrap_or("https://oauth2.googleapis.com/token")
            .to_owned(),
    }))
}

/// The client id and secret in a credentials file's text; the error says
/// what was wrong without quoting the content.
pub fn parse_credentials(text: &str) -> std::result::Result<(String, Secret), String> {
    if text.trim_start().starts_with('{') {
        let json: serde_json::Value =
            serde_json::from_str(text).map_err(|err| format!("invalid JSON ({err})"))?;
        // Google-style files nest the client under "installed" or "web".
        let client = ["installed", "web"]
            .iter()
            .find_map(|k| json.get(k))
            .unwrap_or(&json);
        let id = client.get("client_id").and_then(|v| v.as_str());
        let secret = client.get("client_secret").and_then(|v| v.as_str());
        return match (id, secret) {
            (Some(id), Some(secret)) => Ok((id.to_owned(), Secret::new(secret))),
            _ => Err("client_id or client_secret missing".to_owned()),
        };
    }
    let props = parse_properties(text);
    let get = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| props.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone()))
    };
    match (
        get(&["apiKey.id", "client_id"]),
        get(&["apiKey.secret", "client_secret"]),
    ) {
        (Some(id), Some(secret)) if !id.is_empty() && !secret.is_empty() => {
            Ok((id, Secret::new(secret)))
        }
        _ => Err("apiKey.id or apiKey.secret missing".to_owned()),
    }
}

/// The subset of Java properties that credentials files use: `key = value`
/// or `key: value`, `#`/`!` comments, backslash line continuations and escapes.
fn parse_properties(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut logical = String::new();
    for raw in text.lines() {
        let line = raw.trim_start();
        if logical.is_empty() && (line.is_empty() || line.starts_with('#') || line.starts_with('!'))
        {
            continue;
        }
        let trailing_backslashes = line.chars().rev().take_while(|c| *c == '\\').count();
        if trailing_backslashes % 2 == 1 {
            logical.push_str(&line[..line.len() - 1]);
            continue;
        }
        logical.push_str(line);
        let entry = std::mem::take(&mut logical);
        let split = entry
            .char_indices()
            .scan(false, |escaped, (i, c)| {
                let this_escaped = *escaped;
                *escaped = c == '\\' && !this_escaped;
                Some((i, c, this_escaped))
            })
            .find(|(_, c, escaped)| !escaped && (*c == '=' || *c == ':' || c.is_whitespace()));
        let (key, value) = match split {
            Some((i, _, _)) => {
                let rest = entry[i..].trim_start();
                let rest = rest
                    .strip_prefix('=')
                    .or_else(|| rest.strip_prefix(':'))
                    .unwrap_or(rest);
                (&entry[..i], rest.trim_start())
            }
            None => (entry.as_str(), ""),
        };
        out.push((unescape(key), unescape(value.trim_end())));
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A private key others can read is a key others may have: said as ssh
/// says it, and used all the same (refusing would break a shared CI box).
pub fn warn_if_readable_by_others(what: &str, path: &Path) {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            log::warn!(
                "{what} {} is readable by other users (mode {mode:04o}): chmod 600 it",
                path.display()
            );
        }
    }
    #[cfg(not(unix))]
    let _ = (what, path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_file_like_metapack() {
        let props = parse_properties(
            "# comment\napiKey.id = 1DR3434KDFJLR32L53L4235J6\napiKey.secret = wqe34tyyh7679jokkDa$7df46bbbbjui+b7-sdfsdfY\n",
        );
        assert_eq!(
            props[0],
            ("apiKey.id".into(), "1DR3434KDFJLR32L53L4235J6".into())
        );
        assert_eq!(
            props[1].1,
            "wqe34tyyh7679jokkDa$7df46bbbbjui+b7-sdfsdfY".to_owned()
        );
    }

    #[test]
    fn properties_colon_escapes_and_continuations() {
        let props = parse_properties("a:b\nkey\\ with\\ space = x\\\n  y\nc=d=e\n");
        assert_eq!(props[0], ("a".into(), "b".into()));
        assert_eq!(props[1], ("key with space".into(), "xy".into()));
        assert_eq!(props[2], ("c".into(), "d=e".into()));
    }
}
