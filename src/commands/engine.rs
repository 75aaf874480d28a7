//! The token engine shared by the commands: endpoints, minting, refreshing,
//! and the lock-then-reread dance that keeps concurrent refreshes safe.

use super::Ctx;
use crate::error::{login_required, usage};
use crate::oauth::client::{Client, TokenEndpoint};
use crate::oauth::discovery::{self, Metadata};
use crate::oauth::dpop::Dpop;
use crate::oauth::grant::{Grant, Param};
use crate::oauth::jws::JwsAlg;
use crate::oauth::response::TokenResponse;
use crate::oauth::types::{
    AssertionAudience, AssertionAudienceKind, ClientAuth, ClientAuthMethod, ErrorCode, GrantKind,
};
use crate::secret::Secret;
use crate::settings::Profile;
use crate::store::StoreKey;
use crate::store::TokenSet;
use anyhow::Result;
use std::sync::Arc;

/// Discovery metadata for the profile's issuer, from the cache when
/// possible. For a client that presents a certificate, the endpoints the
/// server lists under `mtls_endpoint_aliases` (RFC 8705 §5) are in place.
pub fn metadata(ctx: &Ctx, profile: &Profile) -> Result<Option<Metadata>> {
    let presents_certificate = profile.client_cert.is_some() && profile.client_cert_key.is_some();
    Ok(discovered(ctx, profile)?.map(|metadata| {
        if presents_certificate {
            metadata.with_mtls_aliases()
        } else {
            metadata
        }
    }))
}

fn discovered(ctx: &Ctx, profile: &Profile) -> Result<Option<Metadata>> {
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
            let metadata = discovery::fetch(ctx.http_for(profile)?, issuer)?;
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

/// What is stored for the profile's user tokens, as it is (no renewal):
/// for commands that look at a token rather than use it.
pub fn stored(ctx: &Ctx, profile: &Profile) -> Result<TokenSet> {
    let slot = Slot::for_profile(profile);
    ctx.store_for(profile)?.load(&slot.key)?.ok_or_else(|| {
        login_required(
            &profile.name,
            &format!("nothing stored for profile {}", profile.name),
        )
    })
}

/// The optional endpoints a command may need beside the token endpoint.
#[derive(Debug, Clone, Copy)]
pub enum Endpoint {
    Revocation,
    Introspection,
}

/// An optional endpoint: explicit, else discovered.
pub fn endpoint(ctx: &Ctx, profile: &Profile, which: Endpoint) -> Result<String> {
    let (explicit, flag, what) = match which {
        Endpoint::Revocation => (&profile.revocation_url, "--revocation-url", "revocation"),
        Endpoint::Introspection => (
            &profile.introspection_url,
            "--introspection-url",
            "introspection",
        ),
    };
    if let Some(url) = explicit {
        return Ok(url.clone());
    }
    let discovered = metadata(ctx, profile)?.and_then(|m| match which {
        Endpoint::Revocation => m.revocation_endpoint,
        Endpoint::Introspection => m.introspection_endpoint,
    });
    discovered.ok_or_else(|| {
        usage(if profile.issuer.is_some() {
            format!("the issuer's discovery documents name no {what} endpoint: give {flag}")
        } else {
            format!("no {what} endpoint: give {flag} or an --issuer that has one")
        })
    })
}

pub fn client(ctx: &Ctx, profile: &Profile) -> Result<Client> {
    client_signing(ctx, profile, profile.grant == Some(GrantKind::JwtBearer))
}

/// [`client`], where `key_signs_grant` says the client key is there to sign
/// a JWT bearer grant's assertion, not to authenticate the client.
fn client_signing(ctx: &Ctx, profile: &Profile, key_signs_grant: bool) -> Result<Client> {
    if profile.client_auth == Some(crate::oauth::types::ClientAuthMethod::Tls)
        && (profile.client_cert.is_none() || profile.client_cert_key.is_none())
    {
        return Err(usage(
            "--client-auth tls needs the certificate: give --client-cert and --client-cert-key",
        ));
    }
    let auth = client_auth(ctx, profile, key_signs_grant, ASSERTION_FETCH_TIMEOUT)?;
    crate::error::describe_client(client_hint(profile, auth.as_ref()));
    Ok(Client::new(
        profile.client_id.clone(),
        profile.client_secret()?,
        auth,
        profile.body.unwrap_or_default(),
    ))
}

/// How `auth` shows in advice, when it is not a secret's method.
fn client_hint(profile: &Profile, auth: Option<&ClientAuth>) -> Option<crate::error::ClientHint> {
    use crate::error::ClientHint;
    Some(match auth? {
        ClientAuth::PrivateKeyJwt { key, audience } => ClientHint::Key {
            source: match &profile.client_key {
                Some(path) => path.display().to_string(),
                None => "the credentials file".to_owned(),
            },
            kid: key.kid().map(str::to_owned),
            alg: key.alg().to_string(),
            aud: audience.0.clone(),
        },
        ClientAuth::ClientSecretJwt { alg, audience } => ClientHint::SecretJwt {
            alg: alg.to_string(),
            aud: audience.0.clone(),
        },
        ClientAuth::Tls => ClientHint::Certificate {
            cert: profile
                .client_cert
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        },
        ClientAuth::ReadyAssertion(source) => ClientHint::Assertion {
            source: source.name.clone(),
        },
        ClientAuth::Basic | ClientAuth::BasicRaw | ClientAuth::Post | ClientAuth::None => {
            return None;
        }
    })
}

/// How long fetching a ready-made assertion (a CI runner's OIDC endpoint)
/// may take: it is one quick GET, before the request it authenticates.
const ASSERTION_FETCH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The client for the token endpoint (and PAR), with the DPoP key of
/// `previous` (a bound refresh token works only with it), else a new key
/// when the profile asks for DPoP.
pub fn token_client(ctx: &Ctx, profile: &Profile, previous: Option<&TokenSet>) -> Result<Client> {
    let dpop = match previous.and_then(|p| p.dpop_key.as_ref()) {
        Some(stored) => Some(stored_dpop_key(profile, stored)?),
        None if profile.dpop => Some(Dpop::generate()?),
        None => None,
    };
    Ok(client(ctx, profile)?.with_dpop(dpop.map(Arc::new)))
}

/// The client that sends `grant` for a login: for a JWT bearer grant the
/// client key signs the grant, whatever the profile's `grant` says.
pub fn grant_client(ctx: &Ctx, profile: &Profile, grant: &Grant) -> Result<Client> {
    if !matches!(grant, Grant::JwtBearer(_)) {
        return token_client(ctx, profile, None);
    }
    let dpop = profile.dpop.then(Dpop::generate).transpose()?;
    Ok(client_signing(ctx, profile, true)?.with_dpop(dpop.map(Arc::new)))
}

/// The DPoP key `set` is bound to. The keychain store's access cache does
/// not hold it (only the access token may sit in a plain file), so it is
/// read from the store itself then.
pub fn dpop_key(ctx: &Ctx, profile: &Profile, slot: &Slot, set: &TokenSet) -> Result<Dpop> {
    let stored = match &set.dpop_key {
        Some(key) => key.clone(),
        None => ctx
            .store_for(profile)?
            .load(&slot.key)?
            .filter(|full| full.access_token.expose() == set.access_token.expose())
            .and_then(|full| full.dpop_key)
            .ok_or_else(|| {
                login_required(
                    &profile.name,
                    &format!(
                        "the DPoP key of profile {}'s token is not in the store",
                        profile.name
                    ),
                )
            })?,
    };
    stored_dpop_key(profile, &stored)
}

/// A stored key that does not parse leaves its tokens useless: only a new
/// login (a new key) mends that.
fn stored_dpop_key(profile: &Profile, stored: &Secret) -> Result<Dpop> {
    Dpop::from_stored(stored).map_err(|_| {
        login_required(
            &profile.name,
            &format!("the stored DPoP key of profile {} is damaged", profile.name),
        )
    })
}

/// The profile's client authentication, with the key or audience the JWT
/// methods need; `--client-key` alone means private-key-jwt, but for the
/// JWT bearer grant, whose assertion it signs: that client authenticates
/// only as `client_auth` says (Google's clients, and oidc-provider's, are
/// registered with `none`). `None`: the client's default (basic with a
/// secret, else none).
fn client_auth(
    ctx: &Ctx,
    profile: &Profile,
    key_signs_grant: bool,
    http_timeout: std::time::Duration,
) -> Result<Option<ClientAuth>> {
    if let Some(source) = profile.assertion_source(http_timeout)? {
        return Ok(Some(ClientAuth::ReadyAssertion(source)));
    }
    let method = profile
        .client_auth
        .or((profile.client_key.is_some() && !key_signs_grant)
            .then_some(ClientAuthMethod::PrivateKeyJwt));
    let Some(method) = method else {
        return Ok(None);
    };
    if let Some(simple) = method.simple() {
        return Ok(Some(simple));
    }
    let audience = AssertionAudience(match profile.client_assertion_aud {
        Some(AssertionAudienceKind::Issuer) => profile.issuer.clone().ok_or_else(|| {
            usage("--client-assertion-aud issuer needs --issuer (or the profile's issuer)")
        })?,
        Some(AssertionAudienceKind::TokenEndpoint) | None => token_url(ctx, profile)?,
    });
    Ok(Some(match method {
        ClientAuthMethod::ClientSecretJwt => {
            let alg = profile.client_key_alg.unwrap_or(JwsAlg::HS256);
            if !alg.is_hmac() {
                return Err(usage(format!(
                    "--client-key-alg {alg} does not fit client-secret-jwt (use HS256, HS384 or HS512; {alg} needs --client-auth private-key-jwt and --client-key)"
                )));
            }
            if !profile.has_client_secret() {
                return Err(usage(
                    "--client-auth client-secret-jwt needs a client secret (--client-secret-file, --client-secret - or $OAUTHCTL_CLIENT_SECRET)",
                ));
            }
            ClientAuth::ClientSecretJwt { alg, audience }
        }
        _ => ClientAuth::PrivateKeyJwt {
            key: profile.signing_key()?,
            audience,
        },
    }))
}

/// POSTs `grant` to the token endpoint with `extra` parameters; the
/// profile's own `--param`s ride along unless the grant or `extra` set them.
pub fn exchange(
    ctx: &Ctx,
    profile: &Profile,
    client: &Client,
    grant: &Grant,
    mut extra: Vec<Param>,
) -> Result<TokenResponse> {
    let url = token_url(ctx, profile)?;
    for (k, v) in &profile.params {
        if !extra.iter().any(|p| &p.name == k) {
            extra.push(Param::from_user(k, v));
        }
    }
    let endpoint = TokenEndpoint {
        http: ctx.http_for(profile)?,
        url: &url,
        client,
    };
    // Whatever is said about the response waits for its save.
    crate::diag::hold();
    let response = endpoint.request(grant, &extra)?;
    if let Some(granted) = &response.scope {
        warn_if_narrower(profile, granted, response.id_token.is_some());
    }
    Ok(response)
}

/// A provider may grant less than was asked (RFC 6749 §3.3), and say so only
/// in `scope`: the API's 403 later would not say why.
fn warn_if_narrower(profile: &Profile, granted: &str, has_id_token: bool) {
    // `offline_access` is answered by the refresh token, which a refresh
    // does not repeat: never compared here.
    let missing = scopes_not_granted(&profile.scopes, granted, has_id_token, true);
    let granted: Vec<&str> = granted.split_whitespace().collect();
    if !missing.is_empty() {
        log::warn!(
            "profile {}: the provider did not grant {} (granted: {})",
            profile.name,
            missing.join(" "),
            if granted.is_empty() {
                "nothing".to_owned()
            } else {
                granted.join(" ")
            }
        );
    }
}

/// The scopes of `asked` (each entry may hold several) that `granted` lacks,
/// once each. `openid` is answered by an id_token and `offline_access` by
/// a refresh token, not by the access token's scope: neither is looked for
/// there when its answer came.
pub fn scopes_not_granted(
    asked: &[String],
    granted: &str,
    has_id_token: bool,
    has_refresh_token: bool,
) -> Vec<String> {
    let answered_elsewhere = |scope: &str| {
        scope == "offline_access" && has_refresh_token || scope == "openid" && has_id_token
    };
    let mut missing: Vec<String> = Vec::new();
    for scope in asked.iter().flat_map(|s| s.split_whitespace()) {
        if !granted.split_whitespace().any(|g| g == scope)
            && !answered_elsewhere(scope)
            && !missing.iter().any(|m| m == scope)
        {
            missing.push(scope.to_owned());
        }
    }
    missing
}

/// The profile's `--param`s, for requests that go elsewhere (device flow).
pub fn user_params(profile: &Profile) -> Vec<Param> {
    profile
        .params
        .iter()
        .map(|(k, v)| Param::from_user(k, v))
        .collect()
}

/// scope, audience and resource, when the profile has them.
pub fn request_params(profile: &Profile) -> Vec<Param> {
    let mut params = Vec::new();
    if let Some(scope) = profile.scope_string() {
        params.push(Param::plain("scope", scope));
    }
    if let Some(audience) = &profile.audience {
        params.push(Param::plain("audience", audience.clone()));
    }
    if let Some(resource) = &profile.resource {
        params.push(Param::plain("resource", resource.clone()));
    }
    params
}

pub fn mint_client_credentials(ctx: &Ctx, profile: &Profile) -> Result<TokenSet> {
    if profile.client_id.is_none() {
        return Err(usage(
            "client credentials need a client: give --client-id and a secret, or --credentials-file",
        ));
    }
    let grant = match profile.grant {
        Some(crate::oauth::types::GrantKind::JwtBearer) => {
            Grant::JwtBearer(jwt_bearer_assertion(ctx, profile)?)
        }
        _ => Grant::ClientCredentials,
    };
    let client = token_client(ctx, profile, None)?;
    let response = exchange(ctx, profile, &client, &grant, request_params(profile))?;
    Ok(TokenSet::from_response(response, None, grant.kind()))
}

/// A JWT bearer assertion made elsewhere (`--assertion-file`), read anew
/// every time: one JWT, whitespace around it trimmed.
fn read_assertion_file(path: &std::path::Path) -> Result<crate::secret::Secret> {
    let text = crate::config::read_prefix(path, 64 * 1024).map_err(|err| {
        usage(format!(
            "cannot read the assertion file {}: {err}",
            path.display()
        ))
    })?;
    let token = text.trim();
    if crate::jwt::decode(token).is_none() || token.contains(char::is_whitespace) {
        return Err(usage(format!(
            "the assertion file {} does not hold one JWT",
            path.display()
        )));
    }
    Ok(crate::secret::Secret::new(token))
}

/// How long a JWT bearer grant's assertion is good for: Google allows an
/// hour at most; it is spent at once.
const BEARER_ASSERTION_LIFETIME: u64 = 300;

/// RFC 7523 §3: a JWT by the client about itself (a Google service account
/// about its email), for the token endpoint, signed with its key. Google
/// wants the scopes as a claim too.
pub fn jwt_bearer_assertion(ctx: &Ctx, profile: &Profile) -> Result<crate::secret::Secret> {
    if let Some(path) = &profile.assertion_file {
        return read_assertion_file(path);
    }
    let key = profile.signing_key()?;
    let id = profile.client_id.clone().ok_or_else(|| {
        usage("the JWT bearer grant needs --client-id (the assertion's issuer) or a service-account file")
    })?;
    let audience = token_url(ctx, profile)?;
    let now = crate::store::now();
    let mut header = serde_json::json!({"alg": key.alg().name(), "typ": "JWT"});
    if let Some(kid) = key.kid() {
        header["kid"] = kid.into();
    }
    let mut claims = serde_json::json!({
        "iss": id,
        "sub": id,
        "aud": audience,
        "iat": now,
        "exp": now + BEARER_ASSERTION_LIFETIME,
        "jti": crate::oauth::pkce::random_token()?,
    });
    if let Some(scope) = profile.scope_string() {
        claims["scope"] = scope.into();
    }
    let signed = crate::oauth::jws::compact(&header, &claims, |input| key.sign(input))
        .map_err(|err| anyhow::anyhow!("cannot sign the JWT bearer assertion: {err:?}"))?;
    Ok(crate::secret::Secret::new(signed))
}

/// Redeems `refresh_token`. A rejected refresh token means "log in again" (exit 4).
pub fn refresh_with(
    ctx: &Ctx,
    profile: &Profile,
    previous: &TokenSet,
    refresh_token: &Secret,
) -> Result<TokenSet> {
    let grant = Grant::RefreshToken(refresh_token.clone());
    let client = token_client(ctx, profile, Some(previous))?;
    match exchange(ctx, profile, &client, &grant, Vec::new()) {
        Ok(response) => Ok(TokenSet::from_response(
            response,
            Some(previous),
            grant.kind(),
        )),
        Err(err) => Err(grant_rejected(err, profile)),
    }
}

fn grant_rejected(err: anyhow::Error, profile: &Profile) -> anyhow::Error {
    match err.downcast_ref::<crate::oauth::Error>() {
        Some(crate::oauth::Error::OAuth { code, .. }) if *code == ErrorCode::InvalidGrant => {
            login_required(
                &profile.name,
                &format!("the provider rejected the refresh token ({err})"),
            )
        }
        // glewlwyd answers a refresh token it no longer takes with a bare
        // 400: no OAuth error, but for a refresh nothing else it can mean.
        Some(crate::oauth::Error::Http {
            status: 400,
            excerpt: None,
            ..
        }) => login_required(
            &profile.name,
            "the provider refused the refresh token with a bare 400 and gave no reason",
        ),
        _ => err,
    }
}

/// What a command wants from the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// A token with more than `min_ttl` seconds left: the stored one when it
    /// has that, else renewed (`token`, `curl`, `client-credentials`).
    Fresh { min_ttl: u64 },
    /// The same for the id_token, by its JWT `exp` (`token --id-token`). A
    /// set without an id_token counts as fresh: a refresh would not bring
    /// one, and the command says what to do.
    FreshIdToken { min_ttl: u64 },
    /// Renewed now, with the refresh token when there is one (`refresh`,
    /// `curl` after an `invalid_token`).
    Renewed,
    /// Minted anew with the client credentials, whatever is stored
    /// (`client-credentials --force`).
    MintedAnew,
}

impl Want {
    /// Whether `set` will do as it is; `None` when this want always renews.
    fn met_by(self, set: &TokenSet) -> Option<bool> {
        match self {
            Want::Fresh { min_ttl } => Some(set.is_fresh(min_ttl)),
            Want::FreshIdToken { min_ttl } => Some(match set.id_token.as_ref() {
                None => true,
                Some(_) => match set.id_token_expires_at() {
                    Some(exp) => {
                        i128::from(exp) - i128::from(crate::store::now()) > i128::from(min_ttl)
                    }
                    // An id_token without a readable `exp`: by the access token.
                    None => set.is_fresh(min_ttl),
                },
            }),
            Want::Renewed | Want::MintedAnew => None,
        }
    }

    /// Whether a stored set that could not be renewed (the provider is down)
    /// still works for what is wanted.
    fn still_works(self, set: &TokenSet) -> bool {
        match self {
            Want::FreshIdToken { .. } => set
                .id_token_expires_at()
                .is_some_and(|exp| exp > crate::store::now()),
            _ => set.seconds_left().is_none_or(|left| left > 0),
        }
    }
}

/// How the tokens of a slot are renewed when there is no refresh token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renewal {
    /// A user's tokens: without a refresh token, the user must log in.
    LoginAgain,
    /// Client-credentials tokens: minted again.
    Mint,
}

/// Where a command's tokens live, and how they are renewed.
pub struct Slot {
    pub key: StoreKey,
    pub renewal: Renewal,
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
                renewal: Renewal::LoginAgain,
            }
        }
    }

    pub fn client_credentials(profile: &Profile) -> Slot {
        Slot {
            key: profile.client_credentials_key(),
            renewal: Renewal::Mint,
        }
    }
}

/// Gets a new token set for what is stored: refresh when there is a refresh
/// token, mint again client-credentials sets, else the user must log in.
/// Called under the key's lock; the store is checked first, so that no grant
/// is spent on tokens that could not be saved.
fn renew(ctx: &Ctx, profile: &Profile, stored: Option<&TokenSet>, slot: &Slot) -> Result<TokenSet> {
    let store = ctx.store_for(profile)?;
    let mint = slot.renewal == Renewal::Mint;
    let refresh = match stored {
        Some(set) => match &set.refresh_token {
            Some(_) if set.refresh_expired() => return Err(refresh_token_expired(profile, set)),
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
        None if profile.unconfigured => {
            return Err(crate::error::nothing_configured(&ctx.globals.config_path));
        }
        None => {
            let why = match store.unavailable() {
                Some(keychain) => format!(
                    "not logged in to profile {} ({keychain}, so tokens are in the file store, which has none for it; to keep them in a keychain, start one, else choose --store file to say so)",
                    profile.name
                ),
                None => format!("not logged in to profile {}", profile.name),
            };
            return Err(login_required(&profile.name, &why));
        }
    };
    check_writable(ctx, profile, &slot.key)?;
    match refresh {
        Some((set, rt)) => refresh_with(ctx, profile, set, rt).inspect_err(|err| {
            // Remembered for `status`; the set itself stays as it was.
            if err.is::<crate::error::LoginRequired>() && !set.refresh_rejected {
                let marked = TokenSet {
                    refresh_rejected: true,
                    dpop_key: None,
                    ..set.clone()
                };
                if let Err(save) = store.save(&slot.key, &marked) {
                    log::debug!("could not note the rejected refresh token: {save:#}");
                }
            }
        }),
        None => mint_client_credentials(ctx, profile),
    }
}

/// The refresh token has outlived the lifetime the provider gave it: a
/// login, without spending a request on a certain refusal.
fn refresh_token_expired(profile: &Profile, set: &TokenSet) -> anyhow::Error {
    let at = set.refresh_expires_at.unwrap_or_default();
    login_required(
        &profile.name,
        &format!(
            "the refresh token of profile {} expired on {} (the lifetime the provider gave it), so nothing was requested",
            profile.name,
            crate::output::rfc3339(at)
        ),
    )
}

/// Fails, saying nothing was requested, when the store could not take the
/// tokens a grant would bring: called before every grant is spent.
pub fn check_writable(ctx: &Ctx, profile: &Profile, key: &StoreKey) -> Result<()> {
    let store = ctx.store_for(profile)?;
    store.check_writable(key).map_err(|err| {
        err.context(format!(
            "the {} store cannot take new tokens, so nothing was requested (anything stored is untouched); fix that, then run the command again",
            store.kind()
        ))
    })?;
    if store.unavailable().is_some() {
        ctx.note_file_store_fallback();
    }
    Ok(())
}

/// The token set a command wants for `slot`, from the store when it will do
/// (no network work then), else renewed under the key's lock and saved.
pub fn obtain(ctx: &Ctx, profile: &Profile, slot: &Slot, want: Want) -> Result<TokenSet> {
    obtain_minting(ctx, profile, slot, want, None)
}

/// [`obtain`], with `mint` in place of the profile's own way of getting a
/// new set (`exchange` trades a subject token): the same peek, lock,
/// re-read, rescue and write check around it.
pub fn obtain_minting(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    want: Want,
    mint: Option<&dyn Fn() -> Result<TokenSet>>,
) -> Result<TokenSet> {
    let set = stored_or_renewed(ctx, profile, slot, want, mint)?;
    if slot.renewal == Renewal::LoginAgain {
        super::lifetime::warn_if_ending(ctx, profile, slot, &set);
    }
    Ok(set)
}

/// [`obtain_minting`]'s set, before anything is said about its refresh token.
fn stored_or_renewed(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    want: Want,
    mint: Option<&dyn Fn() -> Result<TokenSet>>,
) -> Result<TokenSet> {
    let store = ctx.store_for(profile)?;
    let key = &slot.key;
    let peeked = match want {
        Want::Fresh { .. } | Want::FreshIdToken { .. } => {
            // A peek may lack the id_token (the keychain's access cache).
            let peeked = match want {
                Want::FreshIdToken { .. } => store.load(key)?,
                _ => store.peek(key)?,
            };
            if let Some(set) = peeked.as_ref().filter(|set| want.met_by(set) == Some(true)) {
                return Ok(set.clone());
            }
            peeked
        }
        Want::Renewed | Want::MintedAnew => None,
    };
    // Declared before the lock, so dropped after it: the renewal's
    // warnings follow its save, and come before curl replaces oauthctl.
    let _said_after_save = crate::diag::ReleaseOnDrop;
    let _lock = ctx.lock(key)?;
    store.settle(key)?;
    let stored = match want {
        Want::MintedAnew => None,
        Want::Fresh { .. } | Want::FreshIdToken { .. } | Want::Renewed => store.load(key)?,
    };
    if let (Some(fresh), Some(set)) = (stored.as_ref().and_then(|s| want.met_by(s)), &stored) {
        if fresh {
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
    let renewed = match mint {
        Some(mint) => check_writable(ctx, profile, key).and_then(|()| mint()),
        None => renew(ctx, profile, stored.as_ref(), slot),
    };
    let renewed = match renewed {
        Ok(renewed) => renewed,
        // A provider that is down must not break scripts while the stored
        // token still works: hand it out and say so (never for `refresh`,
        // which was asked to renew).
        Err(err)
            if matches!(want, Want::Fresh { .. } | Want::FreshIdToken { .. })
                && crate::error::exit_code_for(&err) == crate::exit::Exit::Network =>
        {
            match stored.filter(|set| want.still_works(set)) {
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

/// Marks the stored access token expired, so that the next [`obtain`]
/// renews it: for a token the resource refused before its expiry (git's
/// `erase`). Everything else in the set stays, the refresh token above all.
/// With `refused` given, only that token is expired: one another process
/// renewed meanwhile is left alone. Returns whether a set was changed.
pub fn expire_access_token(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    refused: Option<&str>,
) -> Result<bool> {
    let store = ctx.store_for(profile)?;
    let key = &slot.key;
    let _lock = ctx.lock(key)?;
    store.settle(key)?;
    let Some(mut set) = store.load(key)? else {
        return Ok(false);
    };
    if refused.is_some_and(|token| token != set.access_token.expose()) {
        log::debug!("the refused token is not the stored one: nothing to expire");
        return Ok(false);
    }
    let now = crate::store::now();
    if set.expires_at.is_some_and(|at| at <= now) {
        return Ok(false);
    }
    set.expires_at = Some(now);
    store.save(key, &set)?;
    log::info!("marked the access token for {} expired", key.as_str());
    Ok(true)
}
