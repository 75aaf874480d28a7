//! `oauthctl exchange`: RFC 8693 token exchange. The subject token comes
//! from a file, a variable, stdin or another profile (so a chain of
//! exchanges needs no shell glue), never argv. Results are cached like client
//! credentials, under a key that hashes the subject token and every
//! parameter: the same exchange within the result's lifetime is not sent again.

use super::Ctx;
use super::engine::{self, Renewal, Slot, Want};
use crate::cli::ExchangeArgs;
use crate::error::usage;
use crate::oauth::grant::{Grant, TokenExchange};
use crate::options::ProviderOptions;
use crate::output;
use crate::secret::Secret;
use crate::settings::Profile;
use crate::store::{StoreKey, TokenSet};
use anyhow::{Context, Result};
use std::io::Read;

/// RFC 8693 §3's token type identifiers, by their short names.
const TOKEN_TYPES: &[(&str, &str)] = &[
    (
        "access_token",
        "urn:ietf:params:oauth:token-type:access_token",
    ),
    (
        "refresh_token",
        "urn:ietf:params:oauth:token-type:refresh_token",
    ),
    ("id_token", "urn:ietf:params:oauth:token-type:id_token"),
    ("jwt", "urn:ietf:params:oauth:token-type:jwt"),
    ("saml1", "urn:ietf:params:oauth:token-type:saml1"),
    ("saml2", "urn:ietf:params:oauth:token-type:saml2"),
];

/// A subject token is a token, not a document.
const MAX_TOKEN: u64 = 64 * 1024;

pub fn run(ctx: &Ctx, args: &ExchangeArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    if profile.client_id.is_none() {
        return Err(usage(
            "token exchange needs a client: give --client-id and its credentials (or a profile that has them)",
        ));
    }
    let subject = subject_token(ctx, args)?;
    let grant = TokenExchange {
        subject_token: subject,
        subject_token_type: token_type(
            args.subject_token_type.as_deref().unwrap_or("access_token"),
        )?,
        actor: match (&args.actor_token_file, &args.actor_token_type) {
            (Some(file), Some(kind)) => Some((read_token_file(file, "actor")?, token_type(kind)?)),
            _ => None,
        },
        requested_token_type: args
            .requested_token_type
            .as_deref()
            .map(token_type)
            .transpose()?,
    };
    let slot = Slot {
        key: cache_key(&profile, &grant),
        renewal: Renewal::Mint,
    };
    let want = if args.force {
        Want::MintedAnew
    } else {
        Want::Fresh {
            min_ttl: profile.min_ttl(),
        }
    };
    let grant = Grant::TokenExchange(grant);
    let mint = || {
        let client = engine::token_client(ctx, &profile, None)?;
        let response = engine::exchange(
            ctx,
            &profile,
            &client,
            &grant,
            engine::request_params(&profile),
        )?;
        Ok(TokenSet::from_response(response, None, grant.kind()))
    };
    let set = engine::obtain_minting(ctx, &profile, &slot, want, Some(&mint))?;
    output::print(&output::render(
        &set,
        args.output.output.unwrap_or_default(),
    )?)
}

fn subject_token(ctx: &Ctx, args: &ExchangeArgs) -> Result<Secret> {
    if let Some(file) = &args.subject_token_file {
        return read_token_file(file, "subject");
    }
    if let Some(var) = &args.subject_token_env {
        let value = std::env::var(var)
            .with_context(|| format!("--subject-token-env: ${var} is not set (or not UTF-8)"))?;
        return checked("subject", &format!("${var}"), value);
    }
    if let Some(source) = &args.subject_token {
        if source != "-" {
            return Err(usage(
                "--subject-token takes only `-` (stdin): a token in argv is visible to every user; use --subject-token-file or --subject-token-env",
            ));
        }
        let mut value = String::new();
        std::io::stdin()
            .lock()
            .take(MAX_TOKEN + 1)
            .read_to_string(&mut value)
            .context("cannot read the subject token from stdin")?;
        return checked("subject", "stdin", value);
    }
    let name = args
        .subject_profile
        .as_deref()
        .context("no subject token: give --subject-token-file, --subject-token-env, --subject-token - or --subject-profile")?;
    let other = Profile::resolve(&ctx.globals.with_profile(name), &ProviderOptions::default())?;
    let set = engine::obtain(
        ctx,
        &other,
        &Slot::for_profile(&other),
        Want::Fresh {
            min_ttl: other.min_ttl(),
        },
    )?;
    Ok(set.access_token)
}

fn read_token_file(path: &std::path::Path, which: &str) -> Result<Secret> {
    let value = crate::config::read_prefix(path, MAX_TOKEN + 1)
        .with_context(|| format!("cannot read the {which} token from {}", path.display()))?;
    checked(which, &path.display().to_string(), value)
}

/// One token, trimmed: a file or variable with a trailing newline is the
/// common case; anything with whitespace inside is not a token.
fn checked(which: &str, from: &str, value: String) -> Result<Secret> {
    let token = value.trim();
    if value.len() as u64 > MAX_TOKEN {
        return Err(usage(format!(
            "the {which} token in {from} is larger than 64 KiB"
        )));
    }
    if token.is_empty() || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(usage(format!(
            "the {which} token in {from} is empty or not one token"
        )));
    }
    Ok(Secret::new(token))
}

fn token_type(name: &str) -> Result<String> {
    if name.starts_with("urn:") {
        return Ok(name.to_owned());
    }
    TOKEN_TYPES
        .iter()
        .find(|(short, _)| *short == name)
        .map(|(_, urn)| (*urn).to_owned())
        .ok_or_else(|| {
            let names: Vec<&str> = TOKEN_TYPES.iter().map(|(short, _)| *short).collect();
            usage(format!(
                "`{name}` is not a token type: give a URN or one of {}",
                names.join(", ")
            ))
        })
}

/// The subject (hashed: the key names no token) and every parameter that
/// shapes the result.
fn cache_key(profile: &Profile, exchange: &TokenExchange) -> StoreKey {
    let actor = exchange
        .actor
        .as_ref()
        .map(|(token, kind)| format!("{}:{kind}", crate::digest::hex_sha256(token.expose())))
        .unwrap_or_default();
    let parts = [
        profile.client_credentials_key().as_str().to_owned(),
        crate::digest::hex_sha256(exchange.subject_token.expose()),
        exchange.subject_token_type.clone(),
        actor,
        exchange.requested_token_type.clone().unwrap_or_default(),
    ];
    StoreKey::new(format!(
        "token-exchange:{}",
        &crate::digest::hex_sha256(&parts.join("\n"))[..32]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_token_type_names_become_urns() {
        assert_eq!(
            token_type("access_token").unwrap(),
            "urn:ietf:params:oauth:token-type:access_token"
        );
        assert_eq!(token_type("urn:x:custom").unwrap(), "urn:x:custom");
        assert!(token_type("bogus").is_err());
    }

    #[test]
    fn a_token_is_one_word() {
        assert_eq!(
            checked("subject", "f", "abc\n".into()).unwrap().expose(),
            "abc"
        );
        assert!(checked("subject", "f", "a b".into()).is_err());
        assert!(checked("subject", "f", "\n".into()).is_err());
    }
}
