//! Errors that carry an exit code. Everything else in the chain is plain
//! `anyhow` context; `lib::run` walks the chain to pick the code.

use crate::exit::Exit;

/// A usage or configuration mistake: exit 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Nothing usable is stored: exit 4.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LoginRequired(pub String);

pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

pub fn login_required(profile: &str, why: &str) -> anyhow::Error {
    LoginRequired(format!("{why}: run `oauthctl login -p {profile}`")).into()
}

pub fn exit_code_for(err: &anyhow::Error) -> Exit {
    for cause in err.chain() {
        if cause.is::<UsageError>() {
            return Exit::Usage;
        }
        if cause.is::<LoginRequired>() {
            return Exit::LoginRequired;
        }
        if cause.is::<crate::oauth::id_token::Invalid>() {
            return Exit::Provider;
        }
        if let Some(oauth) = cause.downcast_ref::<crate::oauth::Error>() {
            return oauth.exit_code();
        }
        if let Some(callback) = cause.downcast_ref::<crate::loopback::CallbackError>() {
            return match callback {
                crate::loopback::CallbackError::Denied(_) => Exit::Provider,
                _ => Exit::Failure,
            };
        }
        if cause.is::<crate::config::ConfigError>() {
            return Exit::Usage;
        }
    }
    Exit::Failure
}
