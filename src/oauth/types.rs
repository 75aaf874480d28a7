//! The protocol's vocabulary: how a client authenticates, how a request body
//! is encoded, which grant produced a token set, which error came back.
//! Method names derive clap's `ValueEnum` and serde's `Deserialize`, so that
//! a flag and a profile key spell them the same way, but nothing here knows
//! about the command line itself.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How the client proves who it is at the token endpoint, with whatever
/// that method needs (a key or a certificate, for the methods to come).
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

/// A client authentication method by name, as `--client-auth` and the
/// profile key `client_auth` spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
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
    /// A TLS client certificate (RFC 8705 tls_client_auth, self_signed_tls_client_auth): --client-cert
    Tls,
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
        }
    }
}

impl From<ClientAuthMethod> for ClientAuth {
    fn from(method: ClientAuthMethod) -> ClientAuth {
        match method {
            ClientAuthMethod::Basic => ClientAuth::Basic,
            ClientAuthMethod::BasicRaw => ClientAuth::BasicRaw,
            ClientAuthMethod::Post => ClientAuth::Post,
            ClientAuthMethod::None => ClientAuth::None,
            ClientAuthMethod::Tls => ClientAuth::Tls,
        }
    }
}

/// How request bodies are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Deserialize)]
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
    /// Any other `grant_type` (`login --grant-type`).
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
            GrantKind::Extension(other) => other,
        }
    }

    /// Grants whose parameters work once: sent twice, the second may fail,
    /// or (refresh-token rotation with reuse detection) revoke the grant.
    pub fn is_single_use(&self) -> bool {
        matches!(
            self,
            GrantKind::AuthorizationCode | GrantKind::RefreshToken | GrantKind::DeviceCode
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
