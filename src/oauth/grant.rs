//! What a token request asks for. Codes, verifiers, refresh tokens and
//! passwords stay `Secret` until the body is encoded, so logging and error
//! redaction know what is secret from the type, not from a list of names.

use super::types::GrantKind;
use crate::secret::Secret;

/// Parameters whose values may be shown in debug logs when the user adds
/// them to a request; any other user parameter is treated as a secret.
const PLAIN_USER_PARAMS: &[&str] = &[
    "scope",
    "audience",
    "resource",
    "assertion_type",
    "username",
    "requested_token_type",
    "subject_token_type",
    "actor_token_type",
    "prompt",
    "acr_values",
];

/// One request parameter.
#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub value: ParamValue,
}

#[derive(Debug, Clone)]
pub enum ParamValue {
    Plain(String),
    Secret(Secret),
}

impl Param {
    pub fn plain(name: impl Into<String>, value: impl Into<String>) -> Param {
        Param {
            name: name.into(),
            value: ParamValue::Plain(value.into()),
        }
    }

    pub fn secret(name: impl Into<String>, value: Secret) -> Param {
        Param {
            name: name.into(),
            value: ParamValue::Secret(value),
        }
    }

    /// A parameter from the user: secret unless its name is known not
    /// to be (a `client_assertion` must not reach a log).
    pub fn from_user(name: &str, value: &str) -> Param {
        if PLAIN_USER_PARAMS.contains(&name) {
            Param::plain(name, value)
        } else {
            Param::secret(name, Secret::new(value))
        }
    }

    /// The value as it goes on the wire.
    pub fn expose(&self) -> &str {
        match &self.value {
            ParamValue::Plain(value) => value,
            ParamValue::Secret(secret) => secret.expose(),
        }
    }

    pub fn is_secret(&self) -> bool {
        matches!(self.value, ParamValue::Secret(_))
    }
}

/// A grant, with what it sends.
#[derive(Debug, Clone)]
pub enum Grant {
    AuthorizationCode {
        code: Secret,
        verifier: Secret,
        redirect_uri: String,
    },
    RefreshToken(Secret),
    ClientCredentials,
    Password {
        username: String,
        password: Secret,
    },
    DeviceCode(Secret),
    /// RFC 8693 token exchange.
    TokenExchange(TokenExchange),
    /// RFC 7523 §2.1: a signed JWT is the grant.
    JwtBearer(Secret),
    /// Any other `grant_type`; its parameters come from the user.
    Extension {
        grant_type: String,
    },
}

/// RFC 8693 §2.1: a token (and maybe an actor's) traded for another.
#[derive(Debug, Clone)]
pub struct TokenExchange {
    pub subject_token: Secret,
    pub subject_token_type: String,
    pub actor: Option<(Secret, String)>,
    pub requested_token_type: Option<String>,
}

pub const TOKEN_EXCHANGE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";

impl Grant {
    pub fn kind(&self) -> GrantKind {
        match self {
            Grant::AuthorizationCode { .. } => GrantKind::AuthorizationCode,
            Grant::RefreshToken(_) => GrantKind::RefreshToken,
            Grant::ClientCredentials => GrantKind::ClientCredentials,
            Grant::Password { .. } => GrantKind::Password,
            Grant::DeviceCode(_) => GrantKind::DeviceCode,
            Grant::TokenExchange(_) => GrantKind::from(TOKEN_EXCHANGE),
            Grant::JwtBearer(_) => GrantKind::JwtBearer,
            Grant::Extension { grant_type } => GrantKind::from(grant_type.as_str()),
        }
    }

    /// `grant_type` and the grant's own parameters, in the order sent.
    pub fn params(&self) -> Vec<Param> {
        let mut params = vec![Param::plain("grant_type", self.kind().as_str())];
        match self {
            Grant::AuthorizationCode {
                code,
                verifier,
                redirect_uri,
            } => {
                params.push(Param::secret("code", code.clone()));
                params.push(Param::plain("redirect_uri", redirect_uri.clone()));
                params.push(Param::secret("code_verifier", verifier.clone()));
            }
            Grant::RefreshToken(token) => {
                params.push(Param::secret("refresh_token", token.clone()));
            }
            Grant::Password { username, password } => {
                params.push(Param::plain("username", username.clone()));
                params.push(Param::secret("password", password.clone()));
            }
            Grant::DeviceCode(code) => params.push(Param::secret("device_code", code.clone())),
            Grant::JwtBearer(assertion) => {
                params.push(Param::secret("assertion", assertion.clone()));
            }
            Grant::TokenExchange(exchange) => {
                params.push(Param::secret(
                    "subject_token",
                    exchange.subject_token.clone(),
                ));
                params.push(Param::plain(
                    "subject_token_type",
                    exchange.subject_token_type.clone(),
                ));
                if let Some((token, token_type)) = &exchange.actor {
                    params.push(Param::secret("actor_token", token.clone()));
                    params.push(Param::plain("actor_token_type", token_type.clone()));
                }
                if let Some(requested) = &exchange.requested_token_type {
                    params.push(Param::plain("requested_token_type", requested.clone()));
                }
            }
            Grant::ClientCredentials | Grant::Extension { .. } => {}
        }
        params
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grant_secrets_stay_secret_until_exposed() {
        let grant = Grant::AuthorizationCode {
            code: Secret::new("the-code"),
            verifier: Secret::new("the-verifier"),
            redirect_uri: "http://127.0.0.1:1/callback".into(),
        };
        let params = grant.params();
        let debug = format!("{params:?}");
        assert!(
            !debug.contains("the-code") && !debug.contains("the-verifier"),
            "{debug}"
        );
        let names: Vec<_> = params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["grant_type", "code", "redirect_uri", "code_verifier"]
        );
        assert_eq!(params[1].expose(), "the-code");
        assert!(Param::from_user("client_assertion", "x").is_secret());
        assert!(!Param::from_user("audience", "x").is_secret());
    }
}
