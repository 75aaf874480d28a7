//! `oauthctl logout`: revoke (optionally), then always delete locally.

use super::Ctx;
use super::engine::{self, Slot};
use crate::cli::LogoutArgs;
use crate::config::ConfigFile;
use crate::oauth::revoke::revoke;
use crate::settings::Profile;
use crate::store::TokenSet;
use anyhow::Result;

pub fn run(ctx: &Ctx, args: &LogoutArgs) -> Result<()> {
    let profiles = if args.all {
        let file = ConfigFile::load(&ctx.globals.config_path, ctx.globals.config_explicit)?;
        let mut profiles = Vec::new();
        for name in file.profiles.keys() {
            let globals = ctx.globals.with_profile(name);
            profiles.push(Profile::resolve(&globals, &args.provider)?);
        }
        profiles
    } else {
        vec![Profile::resolve(&ctx.globals, &args.provider)?]
    };
    let mut first_error = None;
    let mut removed = 0;
    for profile in &profiles {
        let store = ctx.store_for(profile)?;
        for slot in [
            Slot::for_profile(profile),
            Slot::client_credentials(profile),
        ] {
            let _lock = ctx.lock(&slot.key)?;
            let set = match store.load(&slot.key) {
                Ok(Some(set)) => set,
                Ok(None) => continue,
                // A damaged entry cannot be revoked, but it can still be deleted.
                Err(err) => {
                    log::warn!("profile {}: {err:#}; deleting it", profile.name);
                    store.delete(&slot.key)?;
                    removed += 1;
                    continue;
                }
            };
            if args.revoke {
                match revoke_set(ctx, profile, &set) {
                    Ok((url, what)) => ctx.note(&format!(
                        "Revoked the {what} of profile {} at {url}",
                        profile.name
                    )),
                    Err(err) => {
                        log::warn!("profile {}: {err:#}", profile.name);
                        first_error.get_or_insert(err);
                    }
                }
            }
            store.delete(&slot.key)?;
            removed += 1;
        }
    }
    if args.all {
        // Every store a profile named, and the one of --store (else auto).
        let mut kinds: Vec<crate::store::StoreKind> =
            profiles.iter().map(Profile::store_kind).collect();
        kinds.push(ctx.globals.store.unwrap_or(crate::store::StoreKind::Auto));
        kinds.dedup();
        let mut purged = Vec::new();
        for kind in kinds {
            if !purged.contains(&kind) {
                purged.push(kind);
                removed += ctx.store_of(kind)?.purge()?;
            }
        }
    }
    let scope = if args.all {
        "all profiles".to_owned()
    } else {
        format!("profile {}", profiles[0].name)
    };
    ctx.note(&match removed {
        0 => format!("Nothing stored for {scope}"),
        _ => format!("Logged out of {scope}"),
    });
    match first_error {
        Some(err) => Err(err.context("deleted the local tokens, but revocation failed")),
        None => Ok(()),
    }
}

/// The refresh token first: revoking it usually ends the whole grant.
/// Returns the endpoint and what it revoked, for the confirmation.
fn revoke_set(ctx: &Ctx, profile: &Profile, set: &TokenSet) -> Result<(String, &'static str)> {
    let url = engine::endpoint(ctx, profile, engine::Endpoint::Revocation)?;
    let client = engine::client(ctx, profile)?;
    let http = ctx.http_for(profile)?;
    let mut what = "access token";
    if let Some(refresh_token) = &set.refresh_token {
        revoke(http, &url, &client, refresh_token, "refresh_token")?;
        what = "refresh and access tokens";
    }
    revoke(http, &url, &client, &set.access_token, "access_token")?;
    Ok((crate::oauth::http::redact_url(&url), what))
}
