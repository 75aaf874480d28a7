//! Where token sets live: the OS keychain, the Linux kernel keyring, 0600
//! files, or nowhere. Nothing here prints; the one-line fallback warning
//! goes through `log`.

pub mod file;
#[cfg(target_os = "linux")]
pub mod kernel;
mod key;
pub mod keyring;
pub mod lock;
pub mod rescue;

pub use key::StoreKey;

use crate::oauth::response::TokenResponse;
use crate::oauth::types::GrantKind;
use crate::secret::Secret;
use anyhow::Result;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Everything a login or refresh produced. Stored as JSON.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenSet {
    pub access_token: Secret,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    /// Unix seconds when the refresh token stops working: as the provider
    /// said (`refresh_token_expires_in`, `refresh_expires_in`), else its JWT
    /// `exp`; `None` when nothing says. Not a secret, so the keychain's
    /// access cache keeps it too: `token` warns from it on the fast path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_expires_at: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<Secret>,
    /// Unix seconds; `None` when the provider did not say (it never expires, as
    /// far as oauthctl can know).
    #[serde(default)]
    pub expires_at: Option<u64>,
    /// The scope granted: the token response's, else (RFC 6749 §5.1) none said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The scope the login asked for, beside what was granted: a server may
    /// grant less, and `status` shows both when they differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_scope: Option<String>,
    #[serde(default)]
    pub obtained_at: u64,
    /// The grant that produced it; `client_credentials` sets are re-minted, not refreshed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<GrantKind>,
    /// The provider refused `refresh_token` (invalid_grant): the set is kept
    /// (nothing is thrown away on one answer), but `status` says a login is
    /// needed rather than "refreshable".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refresh_rejected: bool,
    /// The DPoP key (RFC 9449) the tokens are bound to, as
    /// [`crate::oauth::dpop::Dpop::stored`] gives it: as secret as the
    /// refresh token, and kept where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpop_key: Option<Secret>,
}

/// No token and nothing known about one: the start of a set built field by
/// field (a refresh token the user brings, a test's fixture).
impl Default for TokenSet {
    fn default() -> TokenSet {
        TokenSet {
            access_token: Secret::new(""),
            token_type: None,
            refresh_token: None,
            refresh_expires_at: None,
            id_token: None,
            expires_at: None,
            scope: None,
            requested_scope: None,
            obtained_at: 0,
            grant: None,
            refresh_rejected: false,
            dpop_key: None,
        }
    }
}

impl TokenSet {
    /// Builds the new set. Refresh-token rotation: a new refresh token replaces
    /// the old one; without one, the old one is kept. The same holds for the
    /// id_token and the scope.
    pub fn from_response(
        response: TokenResponse,
        previous: Option<&TokenSet>,
        grant: GrantKind,
    ) -> TokenSet {
        let now = now();
        let refresh_expires_at = refresh_expiry(&response, previous, now);
        TokenSet {
            access_token: response.access_token,
            token_type: response.token_type,
            refresh_token: response
                .refresh_token
                .or_else(|| previous.and_then(|p| p.refresh_token.clone())),
            refresh_expires_at,
            id_token: response
                .id_token
                .or_else(|| previous.and_then(|p| p.id_token.clone())),
            expires_at: response.expires_in.map(|secs| now.saturating_add(secs)),
            scope: response
                .scope
                .or_else(|| previous.and_then(|p| p.scope.clone())),
            requested_scope: previous.and_then(|p| p.requested_scope.clone()),
            obtained_at: now,
            // A refresh keeps the grant the set first came from.
            grant: Some(previous.and_then(|p| p.grant.clone()).unwrap_or(grant))
                .filter(|g| *g != GrantKind::RefreshToken),
            refresh_rejected: false,
            // A refresh keeps the key its refresh token is bound to.
            dpop_key: response
                .dpop_key
                .or_else(|| previous.and_then(|p| p.dpop_key.clone())),
        }
    }

    /// A DPoP-bound access token (`token_type` DPoP): every use needs a
    /// proof made with [`TokenSet::dpop_key`].
    pub fn is_dpop_bound(&self) -> bool {
        crate::oauth::dpop::is_dpop_token_type(self.token_type.as_deref())
    }

    /// Negative once expired. Wide arithmetic: a stored `expires_at` near
    /// `u64::MAX` (an older version, a hand-edited file) must not wrap.
    pub fn seconds_left(&self) -> Option<i64> {
        self.expires_at.map(|at| {
            let left = i128::from(at) - i128::from(now());
            left.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
        })
    }

    /// Seconds the refresh token has left (negative once expired), when its
    /// lifetime is known.
    pub fn refresh_seconds_left(&self) -> Option<i64> {
        self.refresh_expires_at.map(|at| {
            let left = i128::from(at) - i128::from(now());
            left.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
        })
    }

    /// The refresh token has outlived the lifetime the provider gave it:
    /// redeeming it would only be refused.
    pub fn refresh_expired(&self) -> bool {
        self.refresh_seconds_left().is_some_and(|left| left <= 0)
    }

    /// Fresh means more than `min_ttl` seconds left, or no known expiry.
    pub fn is_fresh(&self, min_ttl: u64) -> bool {
        self.seconds_left()
            .is_none_or(|left| i128::from(left) > i128::from(min_ttl))
    }

    /// The id_token's JWT `exp`, when there is an id_token and it has one.
    pub fn id_token_expires_at(&self) -> Option<u64> {
        crate::jwt::expires_at(self.id_token.as_ref()?.expose())
    }

    /// Minted without a user (client credentials, a JWT bearer assertion):
    /// renewed by minting again, not by a refresh token.
    pub fn is_client_credentials(&self) -> bool {
        matches!(
            self.grant,
            Some(GrantKind::ClientCredentials | GrantKind::JwtBearer)
        )
    }

    /// The part that may sit in a plain cache file: no refresh or id token,
    /// no DPoP key.
    pub fn access_only(&self) -> TokenSet {
        TokenSet {
            refresh_token: None,
            id_token: None,
            dpop_key: None,
            ..self.clone()
        }
    }
}

/// When the refresh token of the set `response` makes stops working. A
/// lifetime in the response describes the refresh token the client holds
/// after it, new or kept; without one, a new refresh token's JWT `exp`
/// says, and a kept one keeps the expiry it had.
fn refresh_expiry(response: &TokenResponse, previous: Option<&TokenSet>, now: u64) -> Option<u64> {
    let kept = previous.and_then(|p| p.refresh_token.as_ref());
    let holds = response.refresh_token.as_ref().or(kept)?;
    if let Some(secs) = response.refresh_expires_in {
        return Some(now.saturating_add(secs));
    }
    match &response.refresh_token {
        Some(new) => jwt_refresh_expiry(new, now),
        None => previous
            .and_then(|p| p.refresh_expires_at)
            .or_else(|| jwt_refresh_expiry(holds, now)),
    }
}

/// A JWT refresh token's `exp` (Keycloak's are JWTs). An `exp` of 0 is
/// Keycloak's offline token saying "none"; one absurdly far ahead is
/// clamped like any lifetime.
fn jwt_refresh_expiry(token: &Secret, now: u64) -> Option<u64> {
    let max = now.saturating_add(crate::oauth::response::MAX_LIFETIME_SECS);
    crate::jwt::expires_at(token.expose())
        .filter(|exp| *exp > 0)
        .map(|exp| exp.min(max))
}

/// A stored entry that exists but cannot be read back: only logging out
/// (or in again) mends it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Damaged(pub String);

/// Why the kernel keyring (`kernel`, `kernel+file`) could not be used: the
/// error's kind decides the advice and exit code the commands give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KernelWhy {
    /// Not Linux: there is no kernel keyring to use.
    LinuxOnly,
    /// The kernel refuses keyutils' system calls (a container's seccomp
    /// profile, a kernel without keys).
    Unavailable,
    /// The per-user quota (`kernel.keys.maxbytes`, `maxkeys`) has no room.
    Full,
    /// More than one key's payload can hold.
    TooLarge,
    /// Anything else the kernel said.
    Failed,
}

#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct KernelError {
    pub why: KernelWhy,
    pub message: String,
}

impl KernelError {
    pub fn new(why: KernelWhy, message: impl Into<String>) -> KernelError {
        KernelError {
            why,
            message: message.into(),
        }
    }
}

pub trait TokenStore {
    /// `keyring` or `file` or `none`, for messages and `status`.
    fn kind(&self) -> &'static str;
    fn load(&self, key: &StoreKey) -> Result<Option<TokenSet>>;
    /// The cheapest read that still yields a usable access token. It may lack
    /// the refresh token; anything that refreshes must `load`.
    fn peek(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        self.load(key)
    }
    fn save(&self, key: &StoreKey, set: &TokenSet) -> Result<()>;
    fn delete(&self, key: &StoreKey) -> Result<()>;
    /// Deletes whatever this store can enumerate (logging out of all); returns
    /// how many token sets went.
    fn purge(&self) -> Result<usize> {
        Ok(0)
    }
    /// Fails when a token set for `key` could not be saved right now (a full
    /// disk, a keychain that does not answer). Called before a grant is
    /// spent, so that a rotated refresh token is never lost.
    fn check_writable(&self, _key: &StoreKey) -> Result<()> {
        Ok(())
    }
    /// Called under the key's lock: moves a set kept elsewhere after a failed
    /// save back where it belongs.
    fn settle(&self, _key: &StoreKey) -> Result<()> {
        Ok(())
    }
    /// Why tokens may be missing that are really there: a keychain that did
    /// not answer, so only the fallback store was searched.
    fn unavailable(&self) -> Option<String> {
        None
    }
    /// Where the set for `key` really is, for `status`: this store's kind,
    /// or, for a store that combines others, the one holding it.
    fn holder(&self, _key: &StoreKey) -> &'static str {
        self.kind()
    }
}

/// Which store holds the tokens (a flag, an environment variable, a profile's
/// `store`). cli.rs makes it a clap value, by [`StoreKind::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StoreKind {
    /// The OS keychain, or the file store when no keychain answers.
    Auto,
    /// The OS keychain only.
    Keyring,
    /// 0600 files in a 0700 directory.
    File,
    /// The Linux kernel keyring: in memory, never on disk, gone at reboot.
    Kernel,
    /// The kernel keyring, with a file-store copy that outlives a reboot.
    #[serde(rename = "kernel+file")]
    KernelFile,
    /// Keep nothing: every call mints or fails.
    None,
}

impl StoreKind {
    pub const ALL: [StoreKind; 6] = [
        StoreKind::Auto,
        StoreKind::Keyring,
        StoreKind::File,
        StoreKind::Kernel,
        StoreKind::KernelFile,
        StoreKind::None,
    ];

    /// As the command line, the config file and `status` spell it.
    pub fn name(self) -> &'static str {
        match self {
            StoreKind::Auto => "auto",
            StoreKind::Keyring => "keyring",
            StoreKind::File => "file",
            StoreKind::Kernel => "kernel",
            StoreKind::KernelFile => "kernel+file",
            StoreKind::None => "none",
        }
    }
}

/// Keeps nothing: the `none` store, for CI runs.
pub struct NoStore;

impl TokenStore for NoStore {
    fn kind(&self) -> &'static str {
        "none"
    }
    fn load(&self, _key: &StoreKey) -> Result<Option<TokenSet>> {
        Ok(None)
    }
    fn save(&self, _key: &StoreKey, _set: &TokenSet) -> Result<()> {
        Ok(())
    }
    fn delete(&self, _key: &StoreKey) -> Result<()> {
        Ok(())
    }
}

/// Opens the store the user asked for. `auto` tries the keychain and falls back
/// to files with a one-line warning; `keyring` fails instead. Nothing is
/// contacted until a token is read or written.
/// Every store but `none` is wrapped in a [`rescue::Rescuing`] store, which
/// keeps a set whose save failed in the first of `rescue_dirs` that takes it.
pub fn open(
    kind: StoreKind,
    data_dir: &Path,
    rescue_dirs: Vec<std::path::PathBuf>,
) -> Result<Box<dyn TokenStore>> {
    let inner: Box<dyn TokenStore> = match kind {
        StoreKind::None => return Ok(Box::new(NoStore)),
        StoreKind::File => Box::new(file::FileStore::new(data_dir)),
        StoreKind::Keyring => Box::new(keyring::KeyringStore::new(data_dir)),
        StoreKind::Auto => Box::new(keyring::AutoStore::new(data_dir)),
        StoreKind::Kernel => kernel_store(data_dir, false)?,
        StoreKind::KernelFile => kernel_store(data_dir, true)?,
    };
    Ok(Box::new(rescue::Rescuing::new(inner, rescue_dirs)))
}

/// The one place that knows the kernel keyring is Linux's.
#[cfg(target_os = "linux")]
fn kernel_store(data_dir: &Path, with_file_copy: bool) -> Result<Box<dyn TokenStore>> {
    Ok(Box::new(kernel::KernelStore::new(data_dir, with_file_copy)))
}

#[cfg(not(target_os = "linux"))]
fn kernel_store(_data_dir: &Path, _with_file_copy: bool) -> Result<Box<dyn TokenStore>> {
    Err(KernelError::new(KernelWhy::LinuxOnly, "the kernel keyring is Linux-only").into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(refresh: Option<&str>) -> TokenResponse {
        TokenResponse {
            access_token: Secret::new("at"),
            token_type: None,
            expires_in: Some(100),
            refresh_token: refresh.map(Secret::new),
            refresh_expires_in: None,
            id_token: None,
            scope: None,
            dpop_key: None,
        }
    }

    fn jwt(claims: &str) -> String {
        use base64::Engine;
        let part = |json: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
        format!("{}.{}.sig", part(r#"{"alg":"HS256"}"#), part(claims))
    }

    #[test]
    fn refresh_lifetime_is_said_read_from_the_jwt_or_kept() {
        let at = now();
        let mut said = response(Some("rt1"));
        said.refresh_expires_in = Some(1000);
        let first = TokenSet::from_response(said, None, GrantKind::AuthorizationCode);
        let expiry = first.refresh_expires_at.unwrap();
        assert!((at + 1000..=now() + 1000).contains(&expiry));
        // Kept refresh token, nothing said: the old expiry stays.
        let kept = TokenSet::from_response(response(None), Some(&first), GrantKind::RefreshToken);
        assert_eq!(kept.refresh_expires_at, Some(expiry));
        // A new opaque one without a lifetime: unknown, not the old one's.
        let rotated =
            TokenSet::from_response(response(Some("rt2")), Some(&kept), GrantKind::RefreshToken);
        assert_eq!(rotated.refresh_expires_at, None);
        // A JWT refresh token: its exp; exp 0 (Keycloak offline): none.
        let exp = at + 5000;
        let jwt_rt = jwt(&format!(r#"{{"exp":{exp},"typ":"Refresh"}}"#));
        let set = TokenSet::from_response(response(Some(&jwt_rt)), None, GrantKind::Password);
        assert_eq!(set.refresh_expires_at, Some(exp));
        let offline = jwt(r#"{"exp":0,"typ":"Offline"}"#);
        let set = TokenSet::from_response(response(Some(&offline)), None, GrantKind::Password);
        assert_eq!(set.refresh_expires_at, None);
        // No refresh token at all: no refresh lifetime, whatever is said.
        let mut stray = response(None);
        stray.refresh_expires_in = Some(1000);
        let set = TokenSet::from_response(stray, None, GrantKind::Password);
        assert_eq!(set.refresh_expires_at, None);
    }

    #[test]
    fn refresh_expiry_by_the_clock() {
        let mut set = TokenSet::from_response(response(Some("rt")), None, GrantKind::Password);
        assert!(!set.refresh_expired());
        set.refresh_expires_at = Some(now() - 1);
        assert!(set.refresh_expired());
        // The keychain's access cache keeps the end: `token` warns from it.
        assert_eq!(set.access_only().refresh_expires_at, set.refresh_expires_at);
        set.refresh_expires_at = Some(u64::MAX);
        assert_eq!(set.refresh_seconds_left(), Some(i64::MAX));
        assert!(!set.refresh_expired());
    }

    #[test]
    fn old_stores_without_the_field_still_load() {
        let set: TokenSet =
            serde_json::from_str(r#"{"access_token":"a","refresh_token":"r","obtained_at":1}"#)
                .unwrap();
        assert_eq!(set.refresh_expires_at, None);
        let written = serde_json::to_string(&set).unwrap();
        assert!(!written.contains("refresh_expires_at"), "{written}");
    }

    #[test]
    fn rotation_replaces_and_absence_keeps() {
        let first =
            TokenSet::from_response(response(Some("rt1")), None, GrantKind::AuthorizationCode);
        let rotated =
            TokenSet::from_response(response(Some("rt2")), Some(&first), GrantKind::RefreshToken);
        assert_eq!(rotated.refresh_token.as_ref().unwrap().expose(), "rt2");
        let kept = TokenSet::from_response(response(None), Some(&rotated), GrantKind::RefreshToken);
        assert_eq!(kept.refresh_token.as_ref().unwrap().expose(), "rt2");
        assert_eq!(kept.grant, Some(GrantKind::AuthorizationCode));
    }

    #[test]
    fn huge_expiries_neither_wrap_nor_panic() {
        let mut set = TokenSet::from_response(response(None), None, GrantKind::Password);
        set.expires_at = Some(u64::MAX);
        assert_eq!(set.seconds_left(), Some(i64::MAX));
        assert!(set.is_fresh(1 << 40));
        set.expires_at = Some(0);
        assert!(set.seconds_left().unwrap() < 0);
        assert!(!set.is_fresh(0));
    }

    /// Run by the macOS and Windows unit tests: one line, a usage error.
    #[cfg(not(target_os = "linux"))]
    #[test]
    fn the_kernel_keyring_is_linux_only() {
        let dir = tempfile::tempdir().unwrap();
        for kind in [StoreKind::Kernel, StoreKind::KernelFile] {
            let Err(err) = open(kind, dir.path(), Vec::new()) else {
                panic!("{kind:?} opened off Linux");
            };
            let advice = crate::error::advice(&err).unwrap_or_default();
            assert_eq!(
                format!("{err:#}{advice}"),
                "the kernel keyring is Linux-only; use --store keyring or file"
            );
            assert_eq!(crate::error::exit_code_for(&err), crate::exit::Exit::Usage);
        }
    }

    #[test]
    fn freshness() {
        let mut set = TokenSet::from_response(response(None), None, GrantKind::Password);
        assert!(set.is_fresh(60));
        assert!(!set.is_fresh(100));
        set.expires_at = None;
        assert!(set.is_fresh(u64::MAX / 2));
    }
}
