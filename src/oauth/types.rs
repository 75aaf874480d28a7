//! The protocol's vocabulary: how a client authenticates, how a request body
//! is encoded, which grant produced a token set, which error came back.
//! Method names derive serde's `Deserialize` for the profile keys; cli.rs
//! makes them clap values with the same spellings. Nothing here knows the
//! command line.

use super::jws::{JwsAlg, SigningKey};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// How the client proves who it is at the token endpoint, with whatever
/// that method needs (a key, or the audience of its assertions).
#[derive(Debug, Clone)]
pub enum ClientAuth {
    /// HTTP Basic, the id and secret form-encoded first (RFC 6749 §2.3.1).
    Basic,
    /// HTTP Basic with the raw `id:secret`.
    BasicRaw,
    /// `client_id` and `client_secret` in the body.
    Post,
    /// `client_id` in the body, no secret: a public client.
    None,
    /// `client_id` in the body; the TLS client certificate proves it (RFC 8705).
    Tls,
    /// A JWT signed with the client's private key, made afresh for each
    /// request (RFC 7523 §2.2, OIDC Core §9 `private_key_jwt`).
    PrivateKeyJwt {
        key: Arc<SigningKey>,
        audience: AssertionAudience,
    },
    /// The same JWT, HMAC'd with the client secret (`client_secret_jwt`).
    ClientSecretJwt {
        alg: JwsAlg,
        audience: AssertionAudience,
    },
    /// A client assertion made elsewhere (a file, a CI runner's OIDC token),
    /// fetched afresh for every request: assertions are single-use.
    ReadyAssertion(AssertionSource),
}

/// Where a ready-made client assertion comes from: called once per request.
#[derive(Clone)]
pub struct AssertionSource {
    /// Where the assertion is read (a file, a CI runner), for messages.
    pub name: String,
    pub fetch: Arc<dyn Fn() -> Result<crate::secret::Secret, String> + Send + Sync>,
}

impl std::fmt::Debug for AssertionSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AssertionSource({})", self.name)
    }
}

impl ClientAuth {
    /// The method's name, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            ClientAuth::Basic => "basic",
            ClientAuth::BasicRaw => "basic-raw",
            ClientAuth::Post => "post",
            ClientAuth::None => "none",
            ClientAuth::Tls => "tls",
            ClientAuth::PrivateKeyJwt { .. } => "private_key_jwt",
            ClientAuth::ClientSecretJwt { .. } => "client_secret_jwt",
            ClientAuth::ReadyAssertion(_) => "client_assertion",
        }
    }
}

/// The `aud` of a self-signed client assertion, the same whichever endpoint
/// is called: the token endpoint (what Entra ID and Okta require, and
/// Keycloak accepts everywhere), or the issuer where a server wants that
/// (the RFC 7523 update's choice). The URL of the endpoint called
/// (revocation, device authorization) is what Keycloak 26 refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssertionAudience(pub String);

/// A client authentication method by name, as a config file spells it
/// (`client_auth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuthMethod {
    /// HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1); retried raw
    /// once when the server refuses them and the encoding changed them
    Basic,
    /// HTTP Basic with the raw `id:secret`, for servers that do not form-decode
    #[serde(rename = "basic-raw", alias = "basic_raw")]
    BasicRaw,
    /// client_id and client_secret in the request body
    Post,
    /// client_id in the body, no secret (public clients)
    None,
    /// A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth)
    Tls,
    /// a JWT signed with the client's private key, fresh for each request (RFC 7523 §2.2)
    #[serde(alias = "private-key-jwt")]
    PrivateKeyJwt,
    /// a JWT signed with the client secret (HS256, HS384 or HS512)
    #[serde(alias = "client-secret-jwt")]
    ClientSecretJwt,
}

impl ClientAuthMethod {
    /// The name as written in a config file.
    pub fn name(self) -> &'static str {
        match self {
            ClientAuthMethod::Basic => "basic",
            ClientAuthMethod::BasicRaw => "basic-raw",
            ClientAuthMethod::Post => "post",
            ClientAuthMethod::None => "none",
            ClientAuthMethod::Tls => "tls",
            ClientAuthMethod::PrivateKeyJwt => "private_key_jwt",
            ClientAuthMethod::ClientSecretJwt => "client_secret_jwt",
        }
    }

    /// The method, for those that need nothing more than the client id and
    /// secret; `None` for the JWT methods, which need a key or an audience.
    pub fn simple(self) -> Option<ClientAuth> {
        match self {
            ClientAuthMethod::Basic => Some(ClientAuth::Basic),
            ClientAuthMethod::BasicRaw => Some(ClientAuth::BasicRaw),
            ClientAuthMethod::Post => Some(ClientAuth::Post),
            ClientAuthMethod::None => Some(ClientAuth::None),
            ClientAuthMethod::Tls => Some(ClientAuth::Tls),
            ClientAuthMethod::PrivateKeyJwt | ClientAuthMethod::ClientSecretJwt => Option::None,
        }
    }
}

/// What self-signed client assertions name as `aud`,
/// for every endpoint. Unset: the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssertionAudienceKind {
    /// the token endpoint's URL, for every endpoint (the default)
    #[serde(alias = "token-endpoint")]
    TokenEndpoint,
    /// the issuer
    Issuer,
}

impl AssertionAudienceKind {
    pub fn name(self) -> &'static str {
        match self {
            AssertionAudienceKind::TokenEndpoint => "token-endpoint",
            AssertionAudienceKind::Issuer => "issuer",
        }
    }
}

/// How request bodies are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyFormat {
    /// application/x-www-form-urlencoded
    #[default]
    Form,
    /// application/json, for providers that want it
    Json,
}

impl BodyFormat {
    pub fn name(self) -> &'static str {
        match self {
            BodyFormat::Form => "form",
            BodyFormat::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            BodyFormat::Form => "application/x-www-form-urlencoded",
            BodyFormat::Json => "application/json",
        }
    }
}

/// The grant a token set came from. Stored as its `grant_type` string, so
/// sets written by earlier versions read back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum GrantKind {
    AuthorizationCode,
    RefreshToken,
    ClientCredentials,
    Password,
    DeviceCode,
    /// RFC 7523 §2.1: a JWT as the grant (Google service accounts).
    JwtBearer,
    /// Any other `grant_type`, with the user's parameters.
    Extension(String),
}

impl GrantKind {
    pub fn as_str(&self) -> &str {
        match self {
            GrantKind::AuthorizationCode => "authorization_code",
            GrantKind::RefreshToken => "refresh_token",
            GrantKind::ClientCredentials => "client_credentials",
            GrantKind::Password => "password",
            GrantKind::DeviceCode => "urn:ietf:params:oauth:grant-type:device_code",
            GrantKind::JwtBearer => "urn:ietf:params:oauth:grant-type:jwt-bearer",
            GrantKind::Extension(other) => other,
        }
    }

    /// Grants whose parameters work once: sent twice, the second may fail,
    /// or (refresh-token rotation with reuse detection) revoke the grant.
    pub fn is_single_use(&self) -> bool {
        matches!(
            self,
            GrantKind::AuthorizationCode
                | GrantKind::RefreshToken
                | GrantKind::DeviceCode
                | GrantKind::JwtBearer
        )
    }
}

impl From<&str> for GrantKind {
    fn from(grant_type: &str) -> GrantKind {
        match grant_type {
            "authorization_code" => GrantKind::AuthorizationCode,
            "refresh_token" => GrantKind::RefreshToken,
            "client_credentials" => GrantKind::ClientCredentials,
            "password" => GrantKind::Password,
            "urn:ietf:params:oauth:grant-type:device_code" => GrantKind::DeviceCode,
            "urn:ietf:params:oauth:grant-type:jwt-bearer" | "jwt_bearer" | "jwt-bearer" => {
                GrantKind::JwtBearer
            }
            other => GrantKind::Extension(other.to_owned()),
        }
    }
}

impl From<String> for GrantKind {
    fn from(grant_type: String) -> GrantKind {
        GrantKind::from(grant_type.as_str())
    }
}

impl From<GrantKind> for String {
    fn from(kind: GrantKind) -> String {
        kind.as_str().to_owned()
    }
}

impl fmt::Display for GrantKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An OAuth error code (RFC 6749 §5.2, RFC 8628 §3.5, RFC 6750 §3.1), with
/// an escape hatch for the codes providers invent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidRequest,
    InvalidClient,
    InvalidGrant,
    UnauthorizedClient,
    UnsupportedGrantType,
    InvalidScope,
    InvalidTarget,
    AccessDenied,
    ServerError,
    TemporarilyUnavailable,
    AuthorizationPending,
    SlowDown,
    ExpiredToken,
    Extension(String),
}

impl ErrorCode {
    pub fn as_str(&self) -> &str {
        match self {
            ErrorCode::InvalidRequest => "invalid_request",
            ErrorCode::InvalidClient => "invalid_client",
            ErrorCode::InvalidGrant => "invalid_grant",
            ErrorCode::UnauthorizedClient => "unauthorized_client",
            ErrorCode::UnsupportedGrantType => "unsupported_grant_type",
            ErrorCode::InvalidScope => "invalid_scope",
            ErrorCode::InvalidTarget => "invalid_target",
            ErrorCode::AccessDenied => "access_denied",
            ErrorCode::ServerError => "server_error",
            ErrorCode::TemporarilyUnavailable => "temporarily_unavailable",
            ErrorCode::AuthorizationPending => "authorization_pending",
            ErrorCode::SlowDown => "slow_down",
            ErrorCode::ExpiredToken => "expired_token",
            ErrorCode::Extension(other) => other,
        }
    }
}

impl From<&str> for ErrorCode {
    fn from(code: &str) -> ErrorCode {
        match code {
            "invalid_request" => ErrorCode::InvalidRequest,
            "invalid_client" => ErrorCode::InvalidClient,
            "invalid_grant" => ErrorCode::InvalidGrant,
            "unauthorized_client" => ErrorCode::UnauthorizedClient,
            "unsupported_grant_type" => ErrorCode::UnsupportedGrantType,
            "invalid_scope" => ErrorCode::InvalidScope,
            "invalid_target" => ErrorCode::InvalidTarget,
            "access_denied" => ErrorCode::AccessDenied,
            "server_error" => ErrorCode::ServerError,
            "temporarily_unavailable" => ErrorCode::TemporarilyUnavailable,
            "authorization_pending" => ErrorCode::AuthorizationPending,
            "slow_down" => ErrorCode::SlowDown,
            "expired_token" => ErrorCode::ExpiredToken,
            other => ErrorCode::Extension(other.to_owned()),
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grant_kinds_round_trip_through_their_wire_names() {
        for name in [
            "authorization_code",
            "refresh_token",
            "client_credentials",
            "password",
            "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:jwt-bearer",
        ] {
            assert_eq!(GrantKind::from(name).as_str(), name);
            let json = serde_json::to_string(&GrantKind::from(name)).unwrap();
            assert_eq!(json, format!("\"{name}\""));
        }
        assert!(GrantKind::RefreshToken.is_single_use());
        assert!(!GrantKind::ClientCredentials.is_single_use());
    }

    #[test]
    fn error_codes_keep_unknown_ones() {
        assert_eq!(ErrorCode::from("invalid_grant"), ErrorCode::InvalidGrant);
        assert_eq!(
            ErrorCode::from("bad_verification_code").as_str(),
            "bad_verification_code"
        );
    }
}
