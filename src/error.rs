//! Errors that carry an exit code. Everything else in the chain is plain
//! `anyhow` context; `lib::run` walks the chain to pick the code.

use crate::exit::Exit;
use crate::loopback::CallbackError;
use crate::oauth::types::ErrorCode;
use crate::oauth::{Error as OAuthError, Remedy};

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

/// Nothing configured at all: the one command that gets a newcomer going
/// (exit 2), never a `login -p default` that would only send them on.
pub fn nothing_configured(config: &std::path::Path) -> anyhow::Error {
    let demo = if cfg!(feature = "demo") {
        ", or see oauthctl work first with `oauthctl demo`"
    } else {
        ""
    };
    usage(format!(
        "no provider is configured ({} has no profile for this): add one with `oauthctl profile add NAME --issuer URL --client-id ID --default`{demo}",
        config.display()
    ))
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
        if let Some(oauth) = cause.downcast_ref::<OAuthError>() {
            return match oauth {
                OAuthError::OAuth { .. } | OAuthError::Untrustworthy { .. } => Exit::Provider,
                OAuthError::Unreachable { .. } => Exit::Network,
                OAuthError::Http { status, .. } if *status == 429 || *status >= 500 => {
                    Exit::Network
                }
                OAuthError::Http { .. } | OAuthError::Malformed { .. } => Exit::Failure,
                OAuthError::Misconfigured(_) | OAuthError::Needs { .. } => Exit::Usage,
            };
        }
        if let Some(callback) = cause.downcast_ref::<CallbackError>() {
            return match callback {
                CallbackError::Denied(_) => Exit::Provider,
                _ => Exit::Failure,
            };
        }
        if cause.is::<crate::loopback::BadRedirect>() {
            return Exit::Usage;
        }
        if cause.is::<crate::config::ConfigError>() {
            return Exit::Usage;
        }
        if let Some(kernel) = cause.downcast_ref::<crate::store::KernelError>()
            && kernel.why == crate::store::KernelWhy::LinuxOnly
        {
            return Exit::Usage;
        }
    }
    Exit::Failure
}

/// What to do next, in oauthctl's own terms (flags, commands), for an error
/// whose message is about the protocol: `main` puts it after the message.
/// Returned with its separator (`: …`, or `, or …` where the message
/// already says what to check).
pub fn advice(err: &anyhow::Error) -> Option<String> {
    for cause in err.chain() {
        if cause.is::<crate::store::keyring::KeyringUnavailable>() {
            return Some(KEYCHAIN_ADVICE.to_owned());
        }
        if let Some(kernel) = cause.downcast_ref::<crate::store::KernelError>() {
            return kernel_advice(kernel.why).map(str::to_owned);
        }
        if cause.is::<crate::store::Damaged>() {
            return Some(": run `oauthctl logout`, then log in again".to_owned());
        }
        if let Some(oauth) = cause.downcast_ref::<OAuthError>() {
            return match oauth {
                OAuthError::Unreachable {
                    timed_out: true, ..
                } => Some(", or raise --http-timeout".to_owned()),
                OAuthError::Needs { remedy, .. }
                | OAuthError::Http {
                    remedy: Some(remedy),
                    ..
                } => Some(format!(" ({})", remedy_flags(*remedy))),
                _ => oauth_advice(oauth).map(|advice| format!(": {advice}")),
            };
        }
        if let Some(callback) = cause.downcast_ref::<CallbackError>() {
            return match callback {
                CallbackError::Timeout { .. } => {
                    Some(": run login again (raise --timeout if you need longer)".to_owned())
                }
                CallbackError::Denied(why) => setting_advice(why).map(|a| format!(": {a}")),
                _ => Some(": run login again".to_owned()),
            };
        }
    }
    None
}

/// The flags that give what `remedy` names, as the protocol layer's own
/// wording of the fix reads them: "give a client id (--client-id)".
fn remedy_flags(remedy: Remedy) -> &'static str {
    match remedy {
        Remedy::ClientId => "--client-id",
        Remedy::IssuerOrTokenEndpoint => "--issuer, --token-url",
        Remedy::Endpoints => "--token-url, --auth-url",
        Remedy::Issuer => "--issuer",
        Remedy::RevocationEndpoint => "--revocation-url",
        Remedy::IntrospectionEndpoint => "--introspection-url",
        Remedy::DeviceEndpoint => "--device-url",
        Remedy::TrustAnchors => "--cacert",
    }
}

/// For `--store keyring` (or a profile's `store`) with no keychain to use.
#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
const KEYCHAIN_ADVICE: &str = ": start one (gnome-keyring-daemon, KeePassXC's Secret Service), or keep tokens in files with --store file (-v shows why it failed)";
#[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
const KEYCHAIN_ADVICE: &str =
    ": unlock it, or keep tokens in files with --store file (-v shows why it failed)";

/// For `--store kernel` and `kernel+file`.
fn kernel_advice(why: crate::store::KernelWhy) -> Option<&'static str> {
    use crate::store::KernelWhy;
    match why {
        KernelWhy::LinuxOnly => Some("; use --store keyring or file"),
        KernelWhy::Unavailable => {
            Some(": keep tokens in files with --store file (or in a keychain with --store keyring)")
        }
        KernelWhy::Full => Some(
            ": log out of profiles you no longer use (`oauthctl logout -p NAME`), have root raise that limit, or keep tokens in files with --store file",
        ),
        KernelWhy::TooLarge => Some(": keep this profile's tokens in files with --store file"),
        KernelWhy::Failed => None,
    }
}

/// A refusal whose description names a setting the client lacks (as
/// Keycloak words them): the flag that supplies it.
fn setting_advice(description: &str) -> Option<&'static str> {
    let lower = description.to_ascii_lowercase();
    if lower.contains("pushed authorization request") {
        Some(
            "this client must push its authorization requests: add --par (`par = true` in the profile)",
        )
    } else if lower.contains("dpop proof") && lower.contains("missing") {
        Some("this client's tokens must be DPoP-bound: add --dpop (`dpop = true` in the profile)")
    } else {
        None
    }
}

/// How the client of this process's requests authenticates, said by the
/// command that built it, so that advice on a refused client fits the
/// method: a key-based client has no secret to check.
#[derive(Debug, Clone)]
pub enum ClientHint {
    /// A private key signs the assertion (private_key_jwt).
    Key {
        source: String,
        kid: Option<String>,
        alg: String,
        aud: String,
    },
    /// The client secret keys an HMAC (client_secret_jwt).
    SecretJwt { alg: String, aud: String },
    /// A TLS client certificate (RFC 8705).
    Certificate { cert: String },
    /// An assertion made elsewhere (a file, a CI runner).
    Assertion { source: String },
}

static CLIENT_HINT: std::sync::Mutex<Option<ClientHint>> = std::sync::Mutex::new(None);

/// Remembers how the client authenticates, for [`advice`].
pub fn describe_client(hint: Option<ClientHint>) {
    if let Ok(mut slot) = CLIENT_HINT.lock() {
        *slot = hint;
    }
}

/// What to check when the provider refused a key-based client.
fn client_advice() -> Option<String> {
    let hint = CLIENT_HINT.lock().ok()?.clone()?;
    Some(match hint {
        ClientHint::Key {
            source,
            kid,
            alg,
            aud,
        } => format!(
            "check that the provider holds the public key of {source} for this client ({}, {alg}), and that it takes `aud` {aud} (--client-assertion-aud token-endpoint or issuer)",
            kid.map(|k| format!("kid {k}"))
                .unwrap_or_else(|| "no kid".to_owned())
        ),
        ClientHint::SecretJwt { alg, aud } => format!(
            "check --client-id and the client secret the {alg} assertion is keyed with, and that the provider takes `aud` {aud} (--client-assertion-aud token-endpoint or issuer)"
        ),
        ClientHint::Certificate { cert } => format!(
            "check that the provider has {cert} registered for this client (its subject for tls_client_auth, the certificate itself for self_signed_tls_client_auth) and that its key matches --client-cert-key"
        ),
        ClientHint::Assertion { source } => format!(
            "check the assertion from {source}: its `iss` and `sub` must be what the provider registered for this client, its `aud` what the provider expects, and it must not have expired"
        ),
    })
}

fn oauth_advice(err: &OAuthError) -> Option<String> {
    if let OAuthError::OAuth {
        description: Some(description),
        ..
    } = err
        && let Some(advice) = setting_advice(description)
    {
        return Some(advice.to_owned());
    }
    if let OAuthError::OAuth {
        code: ErrorCode::InvalidClient | ErrorCode::UnauthorizedClient,
        ..
    } = err
        && let Some(advice) = client_advice()
    {
        return Some(advice);
    }
    match err {
        OAuthError::OAuth { code, .. } => Some(match code {
            ErrorCode::InvalidClient => {
                "check --client-id and --client-secret, or try --client-auth basic-raw or post (some servers do not form-decode Basic credentials)"
            }
            ErrorCode::InvalidScope => "check --scope against what the client may request",
            ErrorCode::InvalidGrant => "the code, password or token was rejected or has expired",
            ErrorCode::UnauthorizedClient => {
                "the client is not allowed this grant: check its settings at the provider, or, for a server that refuses form-encoded Basic credentials so, --client-auth basic-raw or post"
            }
            ErrorCode::UnsupportedGrantType => "the provider does not support this grant",
            ErrorCode::InvalidRequest => "check the parameters (--param, --audience, --resource)",
            ErrorCode::InvalidTarget => "check --resource and --audience",
            ErrorCode::AccessDenied => "the request was denied",
            ErrorCode::ExpiredToken => "run `oauthctl login --device` again",
            ErrorCode::TemporarilyUnavailable | ErrorCode::ServerError => {
                "the provider is failing: try again later"
            }
            _ => "see the provider's documentation",
        }
        .to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_flags(command: &clap::Command, into: &mut Vec<String>) {
        for arg in command.get_arguments() {
            if let Some(long) = arg.get_long() {
                into.push(format!("--{long}"));
            }
        }
        for sub in command.get_subcommands() {
            long_flags(sub, into);
        }
    }

    /// A renamed flag must not leave the advice naming the old one.
    #[test]
    fn every_remedy_names_flags_the_cli_has() {
        let mut flags = Vec::new();
        long_flags(
            &<crate::cli::Cli as clap::CommandFactory>::command(),
            &mut flags,
        );
        for remedy in [
            Remedy::ClientId,
            Remedy::IssuerOrTokenEndpoint,
            Remedy::Endpoints,
            Remedy::Issuer,
            Remedy::RevocationEndpoint,
            Remedy::IntrospectionEndpoint,
            Remedy::DeviceEndpoint,
            Remedy::TrustAnchors,
        ] {
            for flag in remedy_flags(remedy).split(", ") {
                assert!(flags.iter().any(|f| f == flag), "{remedy:?}: no {flag}");
            }
        }
    }

    #[test]
    fn a_remedy_becomes_its_flag_after_the_protocol_wording() {
        let err: anyhow::Error = OAuthError::Http {
            endpoint: "revocation endpoint",
            status: 404,
            excerpt: None,
            hint: "check the endpoint URL".to_owned(),
            remedy: Some(Remedy::RevocationEndpoint),
        }
        .into();
        assert_eq!(
            format!("{err:#}{}", advice(&err).unwrap_or_default()),
            "revocation endpoint returned 404: check the endpoint URL (--revocation-url)"
        );
        let err: anyhow::Error = OAuthError::Needs {
            what:
                "no discovery document for issuer X: check the issuer, or give the token endpoint"
                    .to_owned(),
            remedy: Remedy::IssuerOrTokenEndpoint,
        }
        .into();
        assert_eq!(advice(&err).as_deref(), Some(" (--issuer, --token-url)"));
        assert_eq!(exit_code_for(&err), Exit::Usage);
    }

    /// The layers below the commands speak the protocol: a flag, a command
    /// line or clap there would tie them to one front end (issue 22).
    #[test]
    fn the_protocol_and_the_stores_name_no_flag_or_command() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        for dir in ["oauth", "oauth/jws", "store"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "rs") && path.ends_with("tests.rs") {
                    continue;
                }
                if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 20, "found only {files:?}");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests may drive the whole program, advice included.
            let product = text.split("#[cfg(test)]\nmod tests").next().unwrap();
            for (number, line) in product.lines().enumerate() {
                let flag = line
                    .match_indices("--")
                    .any(|(at, _)| line[at + 2..].starts_with(|c: char| c.is_ascii_lowercase()));
                let command = ["oauthctl login", "oauthctl logout", "give --", "clap::"]
                    .iter()
                    .any(|word| line.contains(word));
                assert!(
                    !flag && !command,
                    "{}:{}: {line}",
                    path.display(),
                    number + 1
                );
            }
        }
    }
}
