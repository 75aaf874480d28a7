//! The token engine shared by the commands: endpoints, minting, refreshing,
//! and the lock-then-reread dance that keeps concurrent refreshes safe.

use super::Ctx;
use crate::error::{login_required, usage};
use crate::oauth::client::{Client, TokenEndpoint};
use crate::oauth::discovery::{self, Metadata};
use crate::oauth::response::TokenResponse;
use crate::secret::Secret;
use crate::settings::Profile;
use crate::store::StoreKey;
use crate::store::TokenSet;
use anyhow::Result;

/// Discovery metadata for the profile's issuer, from the cache when possible.
pub fn metadata(ctx: &Ctx, profile: &Profile) -> Result<Option<Metadata>> {
    let Some(issuer) = &profile.issuer else {
        return Ok(None);
    };
    if let Some(metadata) = ctx.discovered.borrow().get(issuer) {
        return Ok(Some(metadata.clone()));
    }
    let cache_dir = ctx.cache_dir();
    let metadata = match discovery::cached(&cache_dir, issuer) {
        Some(metadata) => metadata,
        None => {
            let metadata = discovery::fetch(ctx.http()?, issuer)?;
            discovery::save(&cache_dir, issuer, &metadata);
            metadata
        }
    };
    ctx.discovered
        .borrow_mut()
        .insert(issuer.clone(), metadata.clone());
    Ok(Some(metadata))
}

/// The token endpoint: explicit, else discovered.
pub fn token_url(ctx: &Ctx, profile: &Profile) -> Result<String> {
    if let Some(url) = &profile.token_url {
        return Ok(url.clone());
    }
    if let Some(url) = metadata(ctx, profile)?.and_then(|m| m.token_endpoint) {
        return Ok(url);
    }
    Err(usage(if profile.issuer.is_some() {
        "the issuer's discovery document has no token_endpoint: give --token-url"
    } else {
        "no token endpoint: give --token-url or --issuer (or set them in the profile)"
    }))
}

pub fn client(profile: &Profile) -> Result<Client> {
    Ok(Client::new(
        profile.client_id.clone(),
        profile.client_secret()?,
        profile.client_auth,
        profile.body,
    ))
}

/// POSTs a grant to the token endpoint; the profile's extra `--param`s ride along.
pub fn exchange(
    ctx: &Ctx,
    profile: &Profile,
    mut params: Vec<(String, String)>,
) -> Result<TokenResponse> {
    let url = token_url(ctx, profile)?;
    let client = client(profile)?;
    for (k, v) in &profile.params {
        if !params.iter().any(|(existing, _)| existing == k) {
            params.push((k.clone(), v.clone()));
        }
    }
    let endpoint = TokenEndpoint {
        http: ctx.http()?,
        url: &url,
        client: &client,
    };
    Ok(endpoint.request(&params)?)
}

fn pair(k: &str, v: &str) -> (String, String) {
    (k.to_owned(), v.to_owned())
}

/// scope, audience and resource, when the profile has them.
pub fn request_params(profile: &Profile) -> Vec<(String, String)> {
    let mut params = Vec::new();
    if let Some(scope) = profile.scope_string() {
        params.push(pair("scope", &scope));
    }
    if let Some(audience) = &profile.audience {
        params.push(pair("audience", audience));
    }
    if let Some(resource) = &profile.resource {
        params.push(pair("resource", resource));
    }
    params
}

pub fn mint_client_credentials(ctx: &Ctx, profile: &Profile) -> Result<TokenSet> {
    if profile.client_id.is_none() {
        return Err(usage(
            "client credentials need a client: give --client-id and a secret, or --credentials-file",
        ));
    }
    let mut params = vec![pair("grant_type", "client_credentials")];
    params.extend(request_params(profile));
    let response = exchange(ctx, profile, params)?;
    Ok(TokenSet::from_response(
        response,
        None,
        "client_credentials",
    ))
}

/// Redeems `refresh_token`. A rejected refresh token means "log in again" (exit 4).
pub fn refresh_with(
    ctx: &Ctx,
    profile: &Profile,
    previous: &TokenSet,
    refresh_token: &Secret,
) -> Result<TokenSet> {
    let params = vec![
        pair("grant_type", "refresh_token"),
        pair("refresh_token", refresh_token.expose()),
    ];
    match exchange(ctx, profile, params) {
        Ok(response) => Ok(TokenSet::from_response(
            response,
            Some(previous),
            "refresh_token",
        )),
        Err(err) => Err(grant_rejected(err, profile)),
    }
}

fn grant_rejected(err: anyhow::Error, profile: &Profile) -> anyhow::Error {
    match err.downcast::<crate::oauth::Error>() {
        Ok(crate::oauth::Error::OAuth {
            endpoint,
            code,
            description,
            ..
        }) if code == "invalid_grant" => crate::oauth::Error::GrantRejected {
            endpoint,
            code,
            description,
            profile: profile.name.clone(),
        }
        .into(),
        Ok(other) => other.into(),
        Err(err) => err,
    }
}

/// Gets a new token set for what is stored: refresh when there is a refresh
/// token, re-mint client-credentials sets, else the user must log in.
/// `mint` says the key holds client-credentials tokens, which are re-minted.
/// Called under the key's lock; the store is checked first, so that no grant
/// is spent on tokens that could not be saved.
pub fn renew(
    ctx: &Ctx,
    profile: &Profile,
    stored: Option<&TokenSet>,
    mint: bool,
    key: &StoreKey,
) -> Result<TokenSet> {
    let store = ctx.store()?;
    let refresh = match stored {
        Some(set) => match &set.refresh_token {
            Some(rt) => Some((set, rt)),
            None if mint || set.is_client_credentials() => None,
            None => {
                return Err(login_required(
                    &profile.name,
                    &format!(
                        "profile {} has no refresh token to renew its access token with",
                        profile.name
                    ),
                ));
            }
        },
        None if mint => None,
        None => {
            let why = match store.unavailable() {
                Some(keychain) => format!(
                    "not logged in to profile {} (the keychain did not answer: {keychain}; only the file store was searched)",
                    profile.name
                ),
                None => format!("not logged in to profile {}", profile.name),
            };
            return Err(login_required(&profile.name, &why));
        }
    };
    store.check_writable(key).map_err(|err| {
        err.context(format!(
            "the {} store cannot take new tokens, so nothing was requested (the stored refresh token is untouched); fix that, then run the command again",
            store.kind()
        ))
    })?;
    match refresh {
        Some((set, rt)) => refresh_with(ctx, profile, set, rt),
        None => mint_client_credentials(ctx, profile),
    }
}

/// Where a command's tokens live, and how they are renewed.
pub struct Slot {
    pub key: StoreKey,
    /// Client-credentials tokens are re-minted instead of needing a login.
    pub mint: bool,
}

impl Slot {
    /// The profile's own tokens: client credentials for a
    /// `grant = "client_credentials"` profile, else the user's.
    pub fn for_profile(profile: &Profile) -> Slot {
        if profile.is_client_credentials() {
            Slot::client_credentials(profile)
        } else {
            Slot {
                key: profile.user_key(),
                mint: false,
            }
        }
    }

    pub fn client_credentials(profile: &Profile) -> Slot {
        Slot {
            key: profile.client_credentials_key(),
            mint: true,
        }
    }
}

/// A token with more than `min_ttl` seconds left: from the store without any
/// network work when possible, else renewed under the key's lock.
pub fn fresh_token(ctx: &Ctx, profile: &Profile, slot: &Slot, min_ttl: u64) -> Result<TokenSet> {
    let store = ctx.store()?;
    let key = &slot.key;
    let peeked = store.peek(key)?;
    if let Some(set) = peeked.as_ref().filter(|set| set.is_fresh(min_ttl)) {
        return Ok(set.clone());
    }
    let _lock = ctx.lock(key)?;
    store.settle(key)?;
    let stored = store.load(key)?;
    if let Some(set) = &stored {
        if set.is_fresh(min_ttl) {
            log::debug!("the stored token is fresh after all");
            return Ok(set.clone());
        }
        // Renewed by another process while this one waited for the lock:
        // the freshest token there can be, even when `min_ttl` asks for more
        // than the provider grants. Renewing again would spend a refresh per
        // waiter, and revoke the token the others just printed on providers
        // that revoke on rotation.
        if renewed_meanwhile(peeked.as_ref(), set) {
            log::debug!("another process renewed the token while this one waited");
            return Ok(set.clone());
        }
    }
    let renewed = match renew(ctx, profile, stored.as_ref(), slot.mint, key) {
        Ok(renewed) => renewed,
        // A provider that is down must not break scripts while the stored
        // token still works: hand it out and say so.
        Err(err) if crate::error::exit_code_for(&err) == crate::exit::Exit::Network => {
            match stored.filter(|set| set.seconds_left().is_none_or(|left| left > 0)) {
                Some(set) => {
                    log::warn!(
                        "could not renew the token ({err:#}); using the stored one, which still works ({})",
                        crate::output::describe_expiry(&set)
                    );
                    return Ok(set);
                }
                None => return Err(err),
            }
        }
        Err(err) => return Err(err),
    };
    store.save(key, &renewed)?;
    log::info!("renewed the token for {}", key.as_str());
    Ok(renewed)
}

/// True when `stored` is not the set this process saw before it took the
/// lock: another process renewed it meanwhile. With nothing seen before (a
/// first call, or a keychain whose access cache was gone), a set that has
/// not expired counts as renewed.
fn renewed_meanwhile(peeked: Option<&TokenSet>, stored: &TokenSet) -> bool {
    match peeked {
        Some(before) => {
            before.access_token.expose() != stored.access_token.expose()
                || before.obtained_at != stored.obtained_at
        }
        None => stored.seconds_left().is_none_or(|left| left > 0),
    }
}

/// Renews now, whatever is left, under the lock. `mint_anew` skips the
/// refresh token and mints (client-credentials `--force`).
pub fn force_renew(ctx: &Ctx, profile: &Profile, slot: &Slot, mint_anew: bool) -> Result<TokenSet> {
    let store = ctx.store()?;
    let key = &slot.key;
    let _lock = ctx.lock(key)?;
    store.settle(key)?;
    let stored = if mint_anew { None } else { store.load(key)? };
    let renewed = renew(ctx, profile, stored.as_ref(), slot.mint, key)?;
    store.save(key, &renewed)?;
    Ok(renewed)
}
