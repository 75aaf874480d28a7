//! `oauthctl login`: get a token set with some grant and store it.

use super::Ctx;
use super::engine::{self, Slot, request_params};
use crate::cli::LoginArgs;
use crate::error::usage;
use crate::output;
use crate::secret::Secret;
use crate::settings::Profile;
use crate::store::TokenSet;
use anyhow::{Context, Result};
use std::io::Read;

pub fn run(ctx: &Ctx, args: &LoginArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    if args.provider.client_secret.as_deref() == Some("-")
        && (args.with_refresh_token.as_deref() == Some("-") || args.password_stdin)
    {
        return Err(usage(
            "stdin can carry only one secret: use --client-secret-file or $OAUTHCTL_CLIENT_SECRET for the client secret",
        ));
    }
    let slot = Slot::for_profile(&profile);
    let set = if let Some(source) = &args.with_refresh_token {
        let refresh_token = read_refresh_token(source)?;
        let seed = TokenSet {
            access_token: Secret::new(""),
            token_type: None,
            refresh_token: Some(refresh_token.clone()),
            id_token: None,
            expires_at: Some(0),
            scope: None,
            obtained_at: 0,
            grant: None,
        };
        engine::refresh_with(ctx, &profile, &seed, &refresh_token)?
    } else if args.password_grant {
        password_grant(ctx, &profile, args)?
    } else if let Some(grant_type) = &args.grant_type {
        let mut params = vec![("grant_type".to_owned(), grant_type.clone())];
        params.extend(request_params(&profile));
        let response = engine::exchange(ctx, &profile, params)?;
        TokenSet::from_response(response, None, grant_type)
    } else {
        return Err(usage(
            "choose how to log in: --with-refresh-token -, --password-grant or --grant-type",
        ));
    };
    save_and_report(ctx, &profile, &slot, &set, args.output.output)
}

/// Stores the set under the profile's lock and confirms on stderr.
pub fn save_and_report(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    set: &TokenSet,
    format: Option<crate::cli::OutputFormat>,
) -> Result<()> {
    {
        let _lock = ctx.lock(&slot.key)?;
        ctx.store()?.save(&slot.key, set)?;
    }
    ctx.note(&format!(
        "Logged in to {} ({}; stored in {})",
        profile.name,
        output::describe_expiry(set),
        ctx.store()?.kind()
    ));
    match format {
        Some(format) => output::print(&output::render(set, format)),
        None => Ok(()),
    }
}

fn read_refresh_token(source: &str) -> Result<Secret> {
    let value = if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the refresh token from stdin")?;
        text.trim().to_owned()
    } else {
        log::warn!(
            "a refresh token on the command line is visible to other users in `ps`: use `--with-refresh-token -`"
        );
        source.to_owned()
    };
    if value.is_empty() {
        return Err(usage("the refresh token is empty"));
    }
    Ok(Secret::new(value))
}

fn password_grant(ctx: &Ctx, profile: &Profile, args: &LoginArgs) -> Result<TokenSet> {
    let username = args
        .username
        .clone()
        .or_else(|| profile.username.clone())
        .ok_or_else(|| usage("--password-grant needs --username"))?;
    let password = read_password(&username, args.password_stdin)?;
    let mut params = vec![
        ("grant_type".to_owned(), "password".to_owned()),
        ("username".to_owned(), username),
        ("password".to_owned(), password.expose().to_owned()),
    ];
    params.extend(request_params(profile));
    let response = engine::exchange(ctx, profile, params)?;
    Ok(TokenSet::from_response(response, None, "password"))
}

fn read_password(username: &str, from_stdin: bool) -> Result<Secret> {
    let password = if from_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the password from stdin")?;
        text.lines().next().unwrap_or("").to_owned()
    } else if let Some(value) = std::env::var("OAUTHCTL_PASSWORD")
        .ok()
        .filter(|v| !v.is_empty())
    {
        value
    } else {
        rpassword::prompt_password(format!("Password for {username}: ")).map_err(|err| {
            usage(format!(
                "cannot prompt for the password ({err}): use --password-stdin or $OAUTHCTL_PASSWORD"
            ))
        })?
    };
    if password.is_empty() {
        return Err(usage("the password is empty"));
    }
    Ok(Secret::new(password))
}
