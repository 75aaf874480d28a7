//! The provider options: one struct that is both the flags (clap) and a
//! profile table in the config file (serde), merged flag > environment >
//! profile by [`Combine`]. A profile key is declared once, as a field here:
//! its doc comment is the help, `#[arg]` its flag, `#[serde]` its TOML
//! spelling, and `#[key]` what `ProfileKeys` derives from it (the merge, the
//! path and URL lists, the flag groups of the commands that take it as
//! their own flag). Then its use.

use crate::oauth::jws::JwsAlg;
use crate::oauth::types::{AssertionAudienceKind, BodyFormat, ClientAuthMethod, GrantKind};
use crate::secret::Secret;
use clap::{Args, ValueEnum};
use profile_keys::ProfileKeys;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Default, Clone, Args, Serialize, Deserialize, ProfileKeys)]
#[command(next_help_heading = "Provider and client")]
#[serde(default, deny_unknown_fields)]
pub struct ProviderOptions {
    /// Discover endpoints from this issuer (OIDC discovery, then RFC 8414)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_ISSUER",
        value_name = "URL"
    )]
    #[key(url, provider)]
    pub issuer: Option<String>,

    /// Authorization endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_AUTH_URL",
        value_name = "URL"
    )]
    #[key(url, provider)]
    pub auth_url: Option<String>,

    /// Token endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_TOKEN_URL",
        value_name = "URL"
    )]
    #[key(url, provider)]
    pub token_url: Option<String>,

    /// Device authorization endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_DEVICE_URL",
        value_name = "URL"
    )]
    #[key(url, provider)]
    pub device_url: Option<String>,

    /// Token revocation endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_REVOCATION_URL",
        value_name = "URL"
    )]
    #[key(url)]
    pub revocation_url: Option<String>,

    /// Token introspection endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_INTROSPECTION_URL",
        value_name = "URL"
    )]
    #[key(url)]
    pub introspection_url: Option<String>,

    /// Client id
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_CLIENT_ID",
        value_name = "ID"
    )]
    #[key(ad_hoc)]
    pub client_id: Option<String>,

    /// Client secret; `-` reads it from stdin. A value here is visible to other
    /// users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET
    #[arg(hide_short_help = true, long, value_name = "SECRET", value_parser = secret_arg)]
    #[serde(skip_serializing)]
    pub client_secret: Option<Secret>,

    /// Read the client secret from this file (first line)
    #[arg(hide_short_help = true, long, value_name = "PATH")]
    #[key(must_exist)]
    pub client_secret_file: Option<PathBuf>,

    /// Start from a protected resource: its metadata (RFC 9728) names the
    /// authorization server; a client is registered there (RFC 7591) when
    /// none is configured, and saved in the profile
    #[arg(hide_short_help = true, long, value_name = "URL")]
    #[key(url, provider)]
    pub resource_url: Option<String>,

    /// Push the authorization request first (RFC 9126 PAR); automatic when
    /// the provider requires it
    #[arg(hide_short_help = true, long)]
    #[serde(default)]
    pub par: bool,

    /// Bind the tokens to a key of this login's (RFC 9449 DPoP): every
    /// request carries a fresh proof, made by oauthctl
    #[arg(hide_short_help = true, long)]
    #[serde(default)]
    pub dpop: bool,

    /// Also trust the CA certificates in this PEM file for the provider's endpoints
    #[arg(hide_short_help = true, long, value_name = "FILE")]
    #[key(must_exist)]
    pub cacert: Option<PathBuf>,

    /// A client certificate (PEM): with --client-cert-key, presented to the
    /// provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound
    /// tokens); with --client-key, named in assertions by thumbprint (Entra ID)
    #[arg(hide_short_help = true, long, value_name = "FILE")]
    #[key(must_exist)]
    pub client_cert: Option<PathBuf>,

    /// The private key (PEM) of --client-cert
    #[arg(
        hide_short_help = true,
        long,
        value_name = "FILE",
        requires = "client_cert"
    )]
    #[key(must_exist)]
    pub client_cert_key: Option<PathBuf>,

    /// Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON
    /// {"client_id", "client_secret"} file
    #[arg(hide_short_help = true, long, value_name = "PATH")]
    #[key(must_exist, provider)]
    pub credentials_file: Option<PathBuf>,

    /// How the client authenticates [default: basic with a secret, else none]
    #[arg(hide_short_help = true, long, value_enum)]
    pub client_auth: Option<ClientAuthMethod>,

    /// The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK
    /// (or a JWKS with one key). Given alone, it implies private-key-jwt
    #[arg(hide_short_help = true, long, value_name = "FILE")]
    #[key(must_exist)]
    pub client_key: Option<PathBuf>,

    /// The key id (`kid`) in signed client assertions [default: the JWK's kid, if any]
    #[arg(hide_short_help = true, long, value_name = "KID")]
    pub client_key_id: Option<String>,

    /// The algorithm of signed client assertions [default: RS256 for RSA, ES256 for P-256, ES384
    /// for P-384, EdDSA for Ed25519, HS256 for client-secret-jwt]
    #[arg(
        hide_short_help = true,
        long,
        value_name = "ALG",
        value_enum,
        ignore_case = true
    )]
    pub client_key_alg: Option<JwsAlg>,

    /// The `aud` of signed client assertions [default: token-endpoint]
    #[arg(hide_short_help = true, long, value_enum, value_name = "AUD")]
    pub client_assertion_aud: Option<AssertionAudienceKind>,

    /// The JWT bearer grant's assertion, ready-made in FILE (else signed with --client-key)
    #[arg(hide_short_help = true, long, value_name = "FILE")]
    #[key(path)]
    pub assertion_file: Option<PathBuf>,

    /// A ready-made client assertion in FILE, read again for every request
    #[arg(hide_short_help = true, long, value_name = "FILE")]
    #[key(path)]
    pub client_assertion_file: Option<PathBuf>,

    /// A ready-made client assertion in the environment variable VAR
    #[arg(hide_short_help = true, long, value_name = "VAR")]
    pub client_assertion_env: Option<String>,

    /// Run CMD for a fresh client assertion before every request (its first line)
    #[arg(hide_short_help = true, long, value_name = "CMD")]
    pub client_assertion_cmd: Option<String>,

    /// A CI runner's own OIDC token as the client assertion: github-actions[=AUDIENCE]
    /// (from ACTIONS_ID_TOKEN_REQUEST_URL) or gitlab-ci=VAR (a GitLab id_tokens variable)
    #[arg(hide_short_help = true, long, value_name = "SOURCE")]
    pub client_assertion: Option<String>,

    /// Encoding of token requests [default: form]
    #[arg(hide_short_help = true, long, value_enum)]
    pub body: Option<BodyFormat>,

    /// Scope to request (repeat, or separate with spaces)
    #[arg(hide_short_help = true, long = "scope", value_name = "SCOPE")]
    #[serde(alias = "scope", deserialize_with = "one_or_many")]
    pub scopes: Vec<String>,

    /// Audience to request
    #[arg(hide_short_help = true, long, value_name = "AUDIENCE")]
    pub audience: Option<String>,

    /// Resource indicator to request (RFC 8707)
    #[arg(hide_short_help = true, long, value_name = "URI")]
    pub resource: Option<String>,

    /// Extra token-request parameter (repeat)
    #[arg(hide_short_help = true, long = "param", value_name = "K=V", value_parser = key_value)]
    #[serde(
        alias = "param",
        deserialize_with = "table",
        serialize_with = "as_table"
    )]
    pub params: Vec<(String, String)>,

    /// Extra authorization-request parameter (repeat)
    #[arg(hide_short_help = true, long = "auth-param", value_name = "K=V", value_parser = key_value)]
    #[serde(
        alias = "auth_param",
        deserialize_with = "table",
        serialize_with = "as_table"
    )]
    pub auth_params: Vec<(String, String)>,

    // Profile keys that only some commands take as flags: `#[arg(skip)]`
    // here, their flag in the groups `#[key(flags(...))]` names.
    /// Read the client secret from this environment variable at run time
    #[arg(skip)]
    #[key(flags(ProfileAddFlags), arg(long, value_name = "VAR"))]
    pub client_secret_env: Option<String>,
    /// Run this command to get the client secret at run time (e.g. a password manager)
    #[arg(skip)]
    #[key(flags(ProfileAddFlags), arg(long, value_name = "CMD"))]
    pub client_secret_cmd: Option<String>,
    /// What `token`, `curl` and `exec` mint with when nothing is stored
    /// (client_credentials), so that CI needs no login and no profile
    #[arg(hide_short_help = true, long, value_name = "GRANT", value_parser = grant_arg)]
    #[serde(serialize_with = "grant_name")]
    pub grant: Option<GrantKind>,
    /// Where `oauthctl curl` puts the token [default: the profile's token_in, else header]
    #[arg(skip)]
    #[key(flags(CurlFlags, ProfileAddFlags), arg(long, value_enum))]
    pub token_in: Option<TokenIn>,
    /// When the API answers 401 invalid_token, refresh and send the request
    /// once more. oauthctl then stays the parent of curl and holds the first
    /// response back in a private temp dir [default: the profile's
    /// retry_rejected, else off: curl replaces oauthctl]
    #[arg(skip)]
    #[key(flags(CurlFlags), switch, arg(long))]
    pub retry_rejected: Option<bool>,
    /// The issuer the client id was registered at, by oauthctl (RFC 7591):
    /// the client id is never sent to another server
    #[arg(skip)]
    pub client_issuer: Option<String>,
    /// Fixed loopback redirect URI for `login`, for providers that match it
    /// exactly [default: http://127.0.0.1:PORT/callback with a port the OS picks]
    #[arg(skip)]
    #[key(
        flags(LoginFlags, ProfileAddFlags),
        arg(long, value_name = "URI", conflicts_with = "port")
    )]
    pub redirect_uri: Option<String>,
    /// With no client id configured: the https URL of a client metadata document (`oauthctl
    /// client-metadata`), the client id where the server takes one, before registering a
    /// client
    #[arg(hide_short_help = true, long, value_name = "URL")]
    pub client_metadata_url: Option<String>,
    /// Fixed port for `login`'s loopback redirect (http://127.0.0.1:PORT/callback)
    #[arg(skip)]
    #[key(flags(LoginFlags, ProfileAddFlags), arg(long, value_name = "N"))]
    pub port: Option<u16>,
    /// Renew first when fewer than this many seconds are left [default: the
    /// profile's min_ttl, else 60]
    #[arg(skip)]
    #[key(
        flags(RenewFlags, CurlFlags, ProfileAddFlags),
        arg(long, value_name = "SECS")
    )]
    pub min_ttl: Option<u64>,
    /// The account to offer at the provider's login page (OIDC `login_hint`):
    /// with several accounts there, the one this profile is for
    #[arg(skip)]
    #[key(
        flags(LoginFlags, ProfileAddFlags),
        arg(long, value_name = "ACCOUNT", hide_short_help = true)
    )]
    pub login_hint: Option<String>,
    /// The user name for --password-grant
    #[arg(skip)]
    #[key(flags(LoginFlags, ProfileAddFlags), arg(long, value_name = "USER"))]
    pub username: Option<String>,
    /// A host (`HOST`, `HOST:PORT`, `HOST/PATH/`) `git-credential` answers
    /// for with this profile, without -p (repeat)
    #[arg(skip)]
    #[key(flags(ProfileAddFlags), arg(long = "git-host", value_name = "HOST"))]
    #[serde(deserialize_with = "one_or_many")]
    pub git_hosts: Vec<String>,
    /// The user name `git-credential` gives git [default: oauth2]
    #[arg(skip)]
    pub git_username: Option<String>,
    /// Where this profile's tokens live, unless --store or $OAUTHCTL_STORE says otherwise
    #[arg(skip)]
    pub store: Option<crate::store::StoreKind>,
    /// A registry (`HOST`, `HOST:PORT`) `docker-credential` answers for with
    /// this profile (repeat)
    #[arg(skip)]
    #[key(
        flags(ProfileAddFlags),
        arg(long = "docker-registry", value_name = "HOST")
    )]
    #[serde(deserialize_with = "one_or_many")]
    pub docker_registries: Vec<String>,
    /// The user name `docker-credential` gives docker [default: oauth2accesstoken]
    #[arg(skip)]
    pub docker_username: Option<String>,
    /// Whether `token`, `curl`, `exec` and the helpers may run a login
    /// themselves when no usable token is left [default: auto]
    #[arg(skip)]
    pub login: Option<LoginOnDemand>,
    /// The browser for this profile's logins, as an argv (the URL is added
    /// last, or replaces a `%s`) [default: $BROWSER, else the system's]
    #[arg(skip)]
    pub browser: Option<Vec<String>>,
}

/// A command's provider options: the flags every such command has, and the
/// group of profile keys this one also takes as its own flags (`--min-ttl`,
/// …). Both are one command line, merged into one [`ProviderOptions`] by
/// [`Combine`] before the environment and the profile fill in.
#[derive(Debug, Clone, Args)]
pub struct WithFlags<Own: Args + Clone + Into<ProviderOptions>> {
    #[command(flatten)]
    pub own: Own,

    #[command(flatten)]
    pub shared: ProviderOptions,
}

impl<Own: Args + Clone + Into<ProviderOptions>> std::ops::Deref for WithFlags<Own> {
    type Target = ProviderOptions;

    fn deref(&self) -> &ProviderOptions {
        &self.shared
    }
}

/// What a command line says of the provider, as one set of options.
pub trait CommandLineOptions {
    fn options(&self) -> Cow<'_, ProviderOptions>;
}

impl CommandLineOptions for ProviderOptions {
    fn options(&self) -> Cow<'_, ProviderOptions> {
        Cow::Borrowed(self)
    }
}

impl<Own: Args + Clone + Into<ProviderOptions>> CommandLineOptions for WithFlags<Own> {
    fn options(&self) -> Cow<'_, ProviderOptions> {
        Cow::Owned(self.own.clone().into().combine(self.shared.clone()))
    }
}

/// Layered settings: `self` wins, `other` fills in (uv's `Combine`).
pub trait Combine {
    #[must_use]
    fn combine(self, other: Self) -> Self;
}

impl<T> Combine for Option<T> {
    fn combine(self, other: Option<T>) -> Option<T> {
        self.or(other)
    }
}

/// A list given on the command line replaces the profile's.
impl Combine for Vec<String> {
    fn combine(self, other: Vec<String>) -> Vec<String> {
        if self.is_empty() { other } else { self }
    }
}

/// A switch given anywhere is on.
impl Combine for bool {
    fn combine(self, other: bool) -> bool {
        self || other
    }
}

/// Parameters merge: the profile's, with those given again replaced.
impl Combine for Vec<(String, String)> {
    fn combine(self, other: Vec<(String, String)>) -> Vec<(String, String)> {
        let mut merged: Vec<(String, String)> = other
            .into_iter()
            .filter(|(k, _)| !self.iter().any(|(mine, _)| mine == k))
            .collect();
        merged.extend(self);
        merged
    }
}

/// Where `oauthctl curl` puts the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenIn {
    /// `Authorization: Bearer TOKEN`
    Header,
    /// `access_token=TOKEN` appended to the URL (tokens in URLs end up in logs)
    Query,
}

impl TokenIn {
    pub fn name(self) -> &'static str {
        match self {
            TokenIn::Header => "header",
            TokenIn::Query => "query",
        }
    }
}

/// The profile key `login`: may a command that needs a token log in itself?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginOnDemand {
    /// Never: exit 4 and say which login to run, as in CI.
    Never,
    /// When a person can answer: a terminal or a display is there.
    Auto,
}

/// The grants that mint without a user: the rest need `login`.
fn grant_arg(value: &str) -> Result<GrantKind, String> {
    match value {
        "client_credentials" | "client-credentials" => Ok(GrantKind::ClientCredentials),
        "jwt_bearer" | "jwt-bearer" => Ok(GrantKind::JwtBearer),
        other => Err(format!(
            "`{other}` cannot mint without a login: the grants here are client_credentials and jwt_bearer (other grants: `oauthctl login --grant-type {other}`)"
        )),
    }
}

fn secret_arg(value: &str) -> Result<Secret, String> {
    Ok(Secret::new(value))
}

/// `K=V`, as `--param` and `--auth-param` take it.
pub fn key_value(raw: &str) -> Result<(String, String), String> {
    match raw.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
        _ => Err(format!("`{raw}` is not K=V")),
    }
}

/// `scopes = ["a", "b"]` or `scope = "a b"`.
fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(s) => s.split_whitespace().map(str::to_owned).collect(),
        OneOrMany::Many(v) => v,
    })
}

/// `[profiles.NAME.params]` tables, in key order.
fn table<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<(String, String)>, D::Error> {
    Ok(BTreeMap::<String, String>::deserialize(deserializer)?
        .into_iter()
        .collect())
}

/// The other way: `params = { k = "v" }`.
fn as_table<S: Serializer>(pairs: &[(String, String)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

/// A grant as a profile spells it: `jwt_bearer`, not the URN.
fn grant_name<S: Serializer>(grant: &Option<GrantKind>, serializer: S) -> Result<S::Ok, S::Error> {
    match grant {
        Some(GrantKind::JwtBearer) => serializer.serialize_some("jwt_bearer"),
        Some(other) => serializer.serialize_some(other.as_str()),
        None => serializer.serialize_none(),
    }
}

impl ProviderOptions {
    /// Every endpoint and server URL checked (https, or http to loopback;
    /// no credentials in it), the error naming its key and flag.
    pub fn check_urls(&self) -> anyhow::Result<()> {
        for (flag, url) in self.urls() {
            if let Some(url) = url {
                crate::oauth::http::check_url(url).map_err(|err| {
                    let key = flag.trim_start_matches('-').replace('-', "_");
                    crate::error::usage(format!("{key} ({flag}): {err}"))
                })?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_and_parameters_merge() {
        let flags = ProviderOptions {
            client_id: Some("from-flag".into()),
            params: vec![("a".into(), "flag".into())],
            ..ProviderOptions::default()
        };
        let profile = ProviderOptions {
            client_id: Some("from-profile".into()),
            audience: Some("api".into()),
            scopes: vec!["read".into()],
            params: vec![
                ("a".into(), "profile".into()),
                ("b".into(), "profile".into()),
            ],
            ..ProviderOptions::default()
        };
        let merged = flags.combine(profile);
        assert_eq!(merged.client_id.as_deref(), Some("from-flag"));
        assert_eq!(merged.audience.as_deref(), Some("api"));
        assert_eq!(merged.scopes, vec!["read"]);
        assert_eq!(
            merged.params,
            vec![("b".into(), "profile".into()), ("a".into(), "flag".into())]
        );
    }

    #[test]
    fn pairs_need_an_equals_sign() {
        assert_eq!(key_value("a=b=c").unwrap(), ("a".into(), "b=c".into()));
        assert!(key_value("=x").is_err());
        assert!(key_value("novalue").is_err());
    }
}
