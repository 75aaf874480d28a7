//! The provider options: one struct that is both the flags (clap) and a
//! profile table in the config file (serde), merged flag > environment >
//! profile by [`Combine`]. Adding an option is a field here (its doc comment
//! is the help text) and a line in `Combine`; then its use.

use crate::oauth::jws::JwsAlg;
use crate::oauth::types::{AssertionAudienceKind, BodyFormat, ClientAuthMethod, GrantKind};
use crate::secret::Secret;
use clap::{Args, ValueEnum};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Default, Clone, Args, Serialize, Deserialize)]
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
    pub issuer: Option<String>,

    /// Authorization endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_AUTH_URL",
        value_name = "URL"
    )]
    pub auth_url: Option<String>,

    /// Token endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_TOKEN_URL",
        value_name = "URL"
    )]
    pub token_url: Option<String>,

    /// Device authorization endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_DEVICE_URL",
        value_name = "URL"
    )]
    pub device_url: Option<String>,

    /// Token revocation endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_REVOCATION_URL",
        value_name = "URL"
    )]
    pub revocation_url: Option<String>,

    /// Token introspection endpoint (wins over discovery)
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_INTROSPECTION_URL",
        value_name = "URL"
    )]
    pub introspection_url: Option<String>,

    /// Client id
    #[arg(
        hide_short_help = true,
        long,
        env = "OAUTHCTL_CLIENT_ID",
        value_name = "ID"
    )]
    pub client_id: Option<String>,

    /// Client secret; `-` reads it from stdin. A value here is visible to other
    /// users in `ps`: prefer `-`, --client-secret-file or $OAUTHCTL_CLIENT_SECRET
    #[arg(hide_short_help = true, long, value_name = "SECRET", value_parser = secret_arg)]
    #[serde(skip_serializing)]
    pub client_secret: Option<Secret>,

    /// Read the client secret from this file (first line)
    #[arg(hide_short_help = true, long, value_name = "PATH")]
    pub client_secret_file: Option<PathBuf>,

    /// Start from a protected resource: its metadata (RFC 9728) names the
    /// authorization server; a client is registered there (RFC 7591) when
    /// none is configured, and saved in the profile
    #[arg(hide_short_help = true, long, value_name = "URL")]
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
    pub cacert: Option<PathBuf>,

    /// A client certificate (PEM): with --client-cert-key, presented to the
    /// provider (mTLS, RFC 8705) and by `oauthctl curl` (certificate-bound
    /// tokens); with --client-key, named in assertions by thumbprint (Entra ID)
    #[arg(hide_short_help = true, long, value_name = "FILE")]
    pub client_cert: Option<PathBuf>,

    /// The private key (PEM) of --client-cert
    #[arg(
        hide_short_help = true,
        long,
        value_name = "FILE",
        requires = "client_cert"
    )]
    pub client_cert_key: Option<PathBuf>,

    /// Client credentials from an `apiKey.properties` (apiKey.id, apiKey.secret) or a JSON
    /// {"client_id", "client_secret"} file
    #[arg(hide_short_help = true, long, value_name = "PATH")]
    pub credentials_file: Option<PathBuf>,

    /// How the client authenticates [default: basic with a secret, else none]
    #[arg(hide_short_help = true, long, value_enum)]
    pub client_auth: Option<ClientAuthMethod>,

    /// The private key for --client-auth private-key-jwt: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK
    /// (or a JWKS with one key). Given alone, it implies private-key-jwt
    #[arg(hide_short_help = true, long, value_name = "FILE")]
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
    pub assertion_file: Option<PathBuf>,

    /// A ready-made client assertion in FILE, read again for every request
    #[arg(hide_short_help = true, long, value_name = "FILE")]
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

    // Profile keys without a flag of their own on every command.
    /// Read the client secret from this environment variable at run time
    #[arg(skip)]
    pub client_secret_env: Option<String>,
    /// Run this command to get the client secret at run time
    #[arg(skip)]
    pub client_secret_cmd: Option<String>,
    /// What `token`, `curl` and `exec` mint with when nothing is stored
    /// (client_credentials), so that CI needs no login and no profile
    #[arg(hide_short_help = true, long, value_name = "GRANT", value_parser = grant_arg)]
    #[serde(serialize_with = "grant_name")]
    pub grant: Option<GrantKind>,
    /// How `oauthctl curl` passes the token
    #[arg(skip)]
    pub token_in: Option<TokenIn>,
    /// `oauthctl curl` refreshes and retries once on a 401 invalid_token
    #[arg(skip)]
    pub retry_rejected: Option<bool>,
    /// The issuer the client id was registered at, by oauthctl (RFC 7591):
    /// the client id is never sent to another server
    #[arg(skip)]
    pub client_issuer: Option<String>,
    /// Fixed loopback redirect URI for `login`
    #[arg(skip)]
    pub redirect_uri: Option<String>,
    /// With no client id configured: the https URL of a client metadata document (`oauthctl
    /// client-metadata`), the client id where the server takes one, before registering a
    /// client
    #[arg(hide_short_help = true, long, value_name = "URL")]
    pub client_metadata_url: Option<String>,
    /// Fixed loopback port for `login`
    #[arg(skip)]
    pub port: Option<u16>,
    /// Renew when fewer seconds than this are left
    #[arg(skip)]
    pub min_ttl: Option<u64>,
    /// The user name for the password grant
    #[arg(skip)]
    pub username: Option<String>,
    /// Hosts (`HOST` or `HOST:PORT`) `git-credential` answers for without -p
    #[arg(skip)]
    #[serde(deserialize_with = "one_or_many")]
    pub git_hosts: Vec<String>,
    /// The user name `git-credential` gives git [default: oauth2]
    #[arg(skip)]
    pub git_username: Option<String>,
    /// Where this profile's tokens live, unless --store or $OAUTHCTL_STORE says otherwise
    #[arg(skip)]
    pub store: Option<crate::store::StoreKind>,
    /// Registries (`HOST` or `HOST:PORT`) `docker-credential` answers for
    #[arg(skip)]
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

impl ProviderOptions {
    /// Whether these options say which provider to talk to, so that a
    /// profile name without a config entry is an ad-hoc profile, not a typo.
    pub fn names_a_provider(&self) -> bool {
        self.issuer.is_some()
            || self.resource_url.is_some()
            || self.auth_url.is_some()
            || self.token_url.is_some()
            || self.device_url.is_some()
            || self.credentials_file.is_some()
    }

    /// Every key that names a file: relative in the config file means
    /// relative to the file, and `profile add` writes them absolute.
    pub fn paths_mut(&mut self) -> [&mut Option<PathBuf>; 8] {
        [
            &mut self.credentials_file,
            &mut self.client_secret_file,
            &mut self.cacert,
            &mut self.client_cert,
            &mut self.client_cert_key,
            &mut self.client_key,
            &mut self.client_assertion_file,
            &mut self.assertion_file,
        ]
    }

    /// The files that must exist when a profile names them (a ready-made
    /// assertion's file may be written later, by each CI run), by flag.
    pub fn credential_files(&self) -> [(&'static str, Option<&PathBuf>); 6] {
        [
            ("--credentials-file", self.credentials_file.as_ref()),
            ("--client-secret-file", self.client_secret_file.as_ref()),
            ("--cacert", self.cacert.as_ref()),
            ("--client-cert", self.client_cert.as_ref()),
            ("--client-cert-key", self.client_cert_key.as_ref()),
            ("--client-key", self.client_key.as_ref()),
        ]
    }

    /// Every endpoint and server URL, by flag.
    pub fn urls(&self) -> [(&'static str, Option<&String>); 7] {
        [
            ("--issuer", self.issuer.as_ref()),
            ("--auth-url", self.auth_url.as_ref()),
            ("--token-url", self.token_url.as_ref()),
            ("--device-url", self.device_url.as_ref()),
            ("--revocation-url", self.revocation_url.as_ref()),
            ("--introspection-url", self.introspection_url.as_ref()),
            ("--resource-url", self.resource_url.as_ref()),
        ]
    }

    /// The options that, given on the command line without `-p`, make a
    /// command ad hoc: it uses nothing of the default profile.
    pub const AD_HOC_KEYS: [&'static str; 7] = [
        "issuer",
        "auth_url",
        "token_url",
        "device_url",
        "credentials_file",
        "client_id",
        "resource_url",
    ];
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

impl Combine for ProviderOptions {
    fn combine(self, other: ProviderOptions) -> ProviderOptions {
        ProviderOptions {
            issuer: self.issuer.combine(other.issuer),
            auth_url: self.auth_url.combine(other.auth_url),
            token_url: self.token_url.combine(other.token_url),
            device_url: self.device_url.combine(other.device_url),
            revocation_url: self.revocation_url.combine(other.revocation_url),
            introspection_url: self.introspection_url.combine(other.introspection_url),
            client_id: self.client_id.combine(other.client_id),
            client_secret: self.client_secret.combine(other.client_secret),
            client_secret_file: self.client_secret_file.combine(other.client_secret_file),
            par: self.par || other.par,
            dpop: self.dpop || other.dpop,
            resource_url: self.resource_url.combine(other.resource_url),
            cacert: self.cacert.combine(other.cacert),
            client_cert: self.client_cert.combine(other.client_cert),
            client_cert_key: self.client_cert_key.combine(other.client_cert_key),
            credentials_file: self.credentials_file.combine(other.credentials_file),
            client_auth: self.client_auth.combine(other.client_auth),
            client_key: self.client_key.combine(other.client_key),
            client_key_id: self.client_key_id.combine(other.client_key_id),
            client_key_alg: self.client_key_alg.combine(other.client_key_alg),
            client_assertion_aud: self
                .client_assertion_aud
                .combine(other.client_assertion_aud),
            assertion_file: self.assertion_file.combine(other.assertion_file),
            client_assertion_file: self
                .client_assertion_file
                .combine(other.client_assertion_file),
            client_assertion_env: self
                .client_assertion_env
                .combine(other.client_assertion_env),
            client_assertion_cmd: self
                .client_assertion_cmd
                .combine(other.client_assertion_cmd),
            client_assertion: self.client_assertion.combine(other.client_assertion),
            body: self.body.combine(other.body),
            scopes: self.scopes.combine(other.scopes),
            audience: self.audience.combine(other.audience),
            resource: self.resource.combine(other.resource),
            params: self.params.combine(other.params),
            auth_params: self.auth_params.combine(other.auth_params),
            client_secret_env: self.client_secret_env.combine(other.client_secret_env),
            client_secret_cmd: self.client_secret_cmd.combine(other.client_secret_cmd),
            grant: self.grant.combine(other.grant),
            token_in: self.token_in.combine(other.token_in),
            retry_rejected: self.retry_rejected.combine(other.retry_rejected),
            client_issuer: self.client_issuer.combine(other.client_issuer),
            redirect_uri: self.redirect_uri.combine(other.redirect_uri),
            client_metadata_url: self.client_metadata_url.combine(other.client_metadata_url),
            port: self.port.combine(other.port),
            min_ttl: self.min_ttl.combine(other.min_ttl),
            username: self.username.combine(other.username),
            git_hosts: self.git_hosts.combine(other.git_hosts),
            git_username: self.git_username.combine(other.git_username),
            store: self.store.combine(other.store),
            docker_registries: self.docker_registries.combine(other.docker_registries),
            docker_username: self.docker_username.combine(other.docker_username),
            login: self.login.combine(other.login),
            browser: self.browser.combine(other.browser),
        }
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
