//! The OS keychain (Secret Service, macOS Keychain, Windows Credential
//! Manager) through keyring-core, with the store picked per target OS.
//!
//! Every call runs on a worker thread with a deadline: a frozen keychain
//! daemon must never hang oauthctl. The keychain costs ~10 ms per process, so
//! the access token alone (never the refresh token) is also kept in a 0600
//! cache file that `peek` reads; see README "Storage".

use super::file::{read_json, remove_if_present, write_private_json};
use super::{TokenSet, TokenStore};
use crate::store::StoreKey;
use anyhow::Result;
use keyring_core::{CredentialStore, Entry};
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

const SERVICE: &str = "oauthctl";
const DEADLINE: Duration = Duration::from_secs(3);
const CHUNK_MARKER: &str = "oauthctl-chunked:";
/// More chunks than this is a damaged entry, not a token.
const MAX_CHUNKS: usize = 64;

/// The keychain could not be used at all; `auto` falls back to files on this.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct KeyringUnavailable(pub String);

pub struct KeyringStore {
    cache_dir: PathBuf,
    store: OnceCell<Result<Arc<CredentialStore>, String>>,
}

impl KeyringStore {
    /// Connects lazily: `peek` never talks to the keychain.
    pub fn new(data_dir: &Path) -> KeyringStore {
        KeyringStore {
            cache_dir: data_dir.join("access-cache"),
            store: OnceCell::new(),
        }
    }

    fn cache_path(&self, key: &StoreKey) -> PathBuf {
        self.cache_dir.join(format!("{}.json", key.file_stem()))
    }

    fn store(&self) -> Result<Arc<CredentialStore>, KeyringUnavailable> {
        self.store
            .get_or_init(|| with_deadline("connect", connect).map_err(|e| e.0))
            .clone()
            .map_err(KeyringUnavailable)
    }

    fn entry(&self, account: String) -> Result<Entry, KeyringUnavailable> {
        let store = self.store()?;
        Entry::new_in_store(&store, SERVICE, &account)
            .map_err(|err| KeyringUnavailable(format!("keychain entry: {err}")))
    }

    fn get(&self, account: String) -> Result<Option<String>, KeyringUnavailable> {
        let entry = self.entry(account)?;
        with_deadline("read", move || match entry.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(err) => Err(err),
        })
    }

    fn set(&self, account: String, value: String) -> Result<(), KeyringUnavailable> {
        let entry = self.entry(account)?;
        with_deadline("write", move || entry.set_password(&value))
    }

    fn remove(&self, account: String) -> Result<(), KeyringUnavailable> {
        let entry = self.entry(account)?;
        with_deadline("delete", move || match entry.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(err) => Err(err),
        })
    }

    /// Reads a value written by `write_value`, joining chunks.
    fn read_value(&self, account: &str) -> Result<Option<String>> {
        let Some(head) = self.get(account.to_owned())? else {
            return Ok(None);
        };
        let Some(count) = chunk_count(&head) else {
            return Ok(Some(head));
        };
        let mut value = String::new();
        for index in 1..=count {
            match self.get(chunk_account(account, index))? {
                Some(part) => value.push_str(&part),
                // The keychain answered: the entry is damaged, not unavailable.
                None => {
                    return Err(super::Damaged(format!(
                        "the keychain entry {SERVICE}/{account} is missing chunk {index} of {count}"
                    ))
                    .into());
                }
            }
        }
        Ok(Some(value))
    }

    /// Values longer than the platform allows are split across entries.
    fn write_value(&self, account: &str, value: &str) -> Result<(), KeyringUnavailable> {
        let old_chunks = self.get(account.to_owned())?.and_then(|h| chunk_count(&h));
        let limit = chunk_limit();
        let chunks: Vec<String> = if value.chars().count() <= limit {
            Vec::new()
        } else {
            let chars: Vec<char> = value.chars().collect();
            chars.chunks(limit).map(|c| c.iter().collect()).collect()
        };
        if chunks.len() > MAX_CHUNKS {
            // Written, it could never be read back: refuse before touching anything.
            return Err(KeyringUnavailable(format!(
                "the token set needs {} keychain entries of {limit} characters, more than the {MAX_CHUNKS} oauthctl reads back",
                chunks.len()
            )));
        }
        // Chunks first, head last: a reader never sees a head without its chunks.
        for (i, chunk) in chunks.iter().enumerate() {
            self.set(chunk_account(account, i + 1), chunk.clone())?;
        }
        if chunks.is_empty() {
            self.set(account.to_owned(), value.to_owned())?;
        } else {
            self.set(
                account.to_owned(),
                format!("{CHUNK_MARKER}{}", chunks.len()),
            )?;
        }
        if let Some(old) = old_chunks {
            for index in chunks.len() + 1..=old {
                self.remove(chunk_account(account, index))?;
            }
        }
        Ok(())
    }

    fn delete_value(&self, account: &str) -> Result<(), KeyringUnavailable> {
        if let Some(count) = self.get(account.to_owned())?.and_then(|h| chunk_count(&h)) {
            for index in 1..=count {
                self.remove(chunk_account(account, index))?;
            }
        }
        self.remove(account.to_owned())
    }
}

impl TokenStore for KeyringStore {
    fn kind(&self) -> &'static str {
        "keyring"
    }

    fn peek(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        // A damaged cache is only a cache: fall through to the keychain.
        Ok(read_json::<TokenSet>(&self.cache_path(key)).unwrap_or(None))
    }

    fn load(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        let cache = self.cache_path(key);
        let Some(value) = self.read_value(key.as_str())? else {
            // Deleted from the keychain by hand: the cache must not outlive it.
            remove_if_present(&cache)?;
            return Ok(None);
        };
        let set: TokenSet = serde_json::from_str(&value).map_err(|err| {
            super::Damaged(format!(
                "the keychain entry {SERVICE}/{} is damaged ({err})",
                key.as_str()
            ))
        })?;
        // Rebuild a missing cache, or every later `token` pays for the keychain.
        if !cache.exists()
            && let Err(err) = write_private_json(&cache, &set.access_only())
        {
            log::debug!("access cache {} not written: {err:#}", cache.display());
        }
        Ok(Some(set))
    }

    fn save(&self, key: &StoreKey, set: &TokenSet) -> Result<()> {
        let value = serde_json::to_string(set)?;
        self.write_value(key.as_str(), &value)?;
        // The keychain has the set: a cache that cannot be written (a full
        // disk) must only cost speed, and never serve the previous token.
        let cache = self.cache_path(key);
        if let Err(err) = write_private_json(&cache, &set.access_only()) {
            log::debug!("access cache {} not written: {err:#}", cache.display());
            remove_if_present(&cache)?;
        }
        Ok(())
    }

    /// A write, read-back and delete of a probe entry beside the real one.
    fn check_writable(&self, key: &StoreKey) -> Result<()> {
        let probe = format!("probe:{}", key.as_str());
        self.set(probe.clone(), "oauthctl write check".to_owned())?;
        let read = self.get(probe.clone())?;
        self.remove(probe)?;
        if read.as_deref() != Some("oauthctl write check") {
            return Err(KeyringUnavailable(
                "the keychain did not give back what was written to it".to_owned(),
            )
            .into());
        }
        Ok(())
    }

    fn delete(&self, key: &StoreKey) -> Result<()> {
        remove_if_present(&self.cache_path(key))?;
        self.delete_value(key.as_str())?;
        Ok(())
    }

    /// The keychain cannot be enumerated portably: only the access cache goes.
    fn purge(&self) -> Result<usize> {
        super::file::purge_json_files(&self.cache_dir).map(|_| 0)
    }
}

/// The `auto` store: the keychain, or files when no keychain answers. Tokens
/// saved to files during an earlier fallback are still found.
pub struct AutoStore {
    keyring: KeyringStore,
    file: super::file::FileStore,
    fallen_back: std::cell::Cell<bool>,
    /// What the keychain said when it failed, for "not logged in" messages.
    why: std::cell::RefCell<Option<String>>,
}

impl AutoStore {
    pub fn new(data_dir: &Path) -> AutoStore {
        AutoStore {
            keyring: KeyringStore::new(data_dir),
            file: super::file::FileStore::new(data_dir),
            fallen_back: std::cell::Cell::new(false),
            why: std::cell::RefCell::new(None),
        }
    }

    fn fall_back(&self, err: &anyhow::Error) -> bool {
        if self.fallen_back.get() {
            return true;
        }
        let Some(unavailable) = err.downcast_ref::<KeyringUnavailable>() else {
            return false;
        };
        // The commands that write tokens say this once, in plain words; the
        // D-Bus details are for -vv.
        log::debug!("no keychain answered ({err}); using the file store");
        *self.why.borrow_mut() = Some(unavailable.0.clone());
        self.fallen_back.set(true);
        true
    }
}

impl TokenStore for AutoStore {
    fn kind(&self) -> &'static str {
        if self.fallen_back.get() {
            "file"
        } else {
            "keyring"
        }
    }

    fn peek(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        match self.keyring.peek(key)? {
            Some(set) => Ok(Some(set)),
            None => self.file.peek(key),
        }
    }

    fn load(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        if !self.fallen_back.get() {
            match self.keyring.load(key) {
                Ok(Some(set)) => return Ok(Some(set)),
                Ok(None) => {}
                Err(err) if self.fall_back(&err) => {}
                Err(err) => return Err(err),
            }
        }
        self.file.load(key)
    }

    fn save(&self, key: &StoreKey, set: &TokenSet) -> Result<()> {
        if !self.fallen_back.get() {
            match self.keyring.save(key, set) {
                // One home per token set: a stale file copy must not resurface.
                Ok(()) => return self.file.delete(key),
                Err(err) if self.fall_back(&err) => {}
                Err(err) => return Err(err),
            }
        }
        self.file.save(key, set)
    }

    fn delete(&self, key: &StoreKey) -> Result<()> {
        if !self.fallen_back.get()
            && let Err(err) = self.keyring.delete(key)
            && !self.fall_back(&err)
        {
            return Err(err);
        }
        self.file.delete(key)
    }

    fn purge(&self) -> Result<usize> {
        Ok(self.keyring.purge()? + self.file.purge()?)
    }

    fn check_writable(&self, key: &StoreKey) -> Result<()> {
        if !self.fallen_back.get() {
            match self.keyring.check_writable(key) {
                Ok(()) => return Ok(()),
                Err(err) if self.fall_back(&err) => {}
                Err(err) => return Err(err),
            }
        }
        self.file.check_writable(key)
    }

    fn unavailable(&self) -> Option<String> {
        self.why.borrow().clone()
    }

    fn holder(&self, key: &StoreKey) -> &'static str {
        if !self.fallen_back.get() && matches!(self.keyring.peek(key), Ok(Some(_))) {
            "keyring"
        } else {
            "file"
        }
    }
}

fn chunk_account(account: &str, index: usize) -> String {
    format!("{account}#{index}")
}

fn chunk_count(head: &str) -> Option<usize> {
    head.strip_prefix(CHUNK_MARKER)
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=MAX_CHUNKS).contains(n))
}

/// Windows Credential Manager holds 2560 bytes (~1280 UTF-16 characters) per
/// credential. `OAUTHCTL_KEYRING_CHUNK_SIZE` overrides, so tests can exercise
/// splitting on any platform.
fn chunk_limit() -> usize {
    if let Some(size) = std::env::var("OAUTHCTL_KEYRING_CHUNK_SIZE")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| *n >= 16)
    {
        return size;
    }
    if cfg!(windows) { 1000 } else { usize::MAX }
}

fn with_deadline<T: Send + 'static>(
    what: &'static str,
    op: impl FnOnce() -> keyring_core::Result<T> + Send + 'static,
) -> Result<T, KeyringUnavailable> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("keychain".into())
        .spawn(move || {
            let _ = tx.send(op());
        })
        .map_err(|err| KeyringUnavailable(format!("cannot start the keychain worker: {err}")))?;
    match rx.recv_timeout(DEADLINE) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => {
            // The platform's own words (D-Bus errors and the like) are for -v.
            log::info!("keychain {what} failed: {}", one_line(&err));
            Err(KeyringUnavailable(match err {
                keyring_core::Error::PlatformFailure(_) if what == "connect" => {
                    NO_KEYCHAIN.to_owned()
                }
                keyring_core::Error::NoStorageAccess(_) => {
                    "the keychain is locked, or refused oauthctl".to_owned()
                }
                other => format!("keychain {what} failed: {}", one_line(&other)),
            }))
        }
        Err(_) => Err(KeyringUnavailable(format!(
            "the keychain did not answer a {what} within {} s",
            DEADLINE.as_secs()
        ))),
    }
}

fn one_line(err: &keyring_core::Error) -> String {
    err.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A connection that failed, in plain words.
#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
const NO_KEYCHAIN: &str = "no keychain (Secret Service) is running in this session";
#[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
const NO_KEYCHAIN: &str = "the system keychain could not be opened";

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn connect() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = dbus_secret_service_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn connect() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "windows")]
fn connect() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "macos",
    target_os = "windows"
)))]
fn connect() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore(
        "no keychain support on this platform".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_markers() {
        assert_eq!(chunk_count("oauthctl-chunked:3"), Some(3));
        assert_eq!(chunk_count("oauthctl-chunked:0"), None);
        assert_eq!(chunk_count("oauthctl-chunked:999"), None);
        assert_eq!(chunk_count("{\"access_token\":\"x\"}"), None);
    }
}
