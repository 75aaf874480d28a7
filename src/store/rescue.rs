//! A renewed token set whose save failed (a disk that filled up during the
//! request, a keychain that died meanwhile) is the only copy there is: the
//! provider has already rotated the refresh token it replaced. `Rescuing`
//! keeps such a set in a 0600 file in the first rescue directory that takes
//! it, serves it from there, and moves it back into the store under the next
//! lock. A successful save removes any rescued copy.

use super::file::FileStore;
use super::{TokenSet, TokenStore};
use crate::store::StoreKey;
use anyhow::Result;
use std::path::PathBuf;

pub struct Rescuing {
    inner: Box<dyn TokenStore>,
    dirs: Vec<FileStore>,
}

impl Rescuing {
    /// `dirs` in order of preference; best on other file systems than the
    /// store (a full disk takes nothing).
    pub fn new(inner: Box<dyn TokenStore>, dirs: Vec<PathBuf>) -> Rescuing {
        Rescuing {
            inner,
            dirs: dirs.into_iter().map(FileStore::in_dir).collect(),
        }
    }

    /// The newest rescued set for `key`, if any. Costs one `lstat` per rescue
    /// directory when there is none, which is the usual case.
    fn rescued(&self, key: &StoreKey) -> Option<TokenSet> {
        self.dirs
            .iter()
            .filter(|dir| dir.holds(key))
            .filter_map(|dir| match dir.load_untrusted(key) {
                Ok(set) => set,
                Err(err) => {
                    // Once per process: `status` and `settle` ask again.
                    static SAID: std::sync::Once = std::sync::Once::new();
                    SAID.call_once(|| {
                        log::warn!(
                            "ignoring a rescued token set, which only a private file of your own could be: {err:#}"
                        );
                    });
                    None
                }
            })
            .max_by_key(|set| set.obtained_at)
    }

    fn clear(&self, key: &StoreKey) {
        for dir in &self.dirs {
            if dir.holds(key)
                && dir.check_private_dirs().is_ok()
                && let Err(err) = dir.delete(key)
            {
                log::warn!("cannot remove the rescued copy: {err:#}");
            }
        }
    }

    /// The rescued set when it is newer than what `read` finds in the store.
    fn newest(
        &self,
        key: &StoreKey,
        read: impl FnOnce() -> Result<Option<TokenSet>>,
    ) -> Result<Option<TokenSet>> {
        let Some(rescued) = self.rescued(key) else {
            return read();
        };
        match read() {
            Ok(Some(stored)) if stored.obtained_at > rescued.obtained_at => Ok(Some(stored)),
            // The store may be the very thing that is broken: the rescued
            // copy is what there is.
            Ok(_) | Err(_) => Ok(Some(rescued)),
        }
    }
}

impl TokenStore for Rescuing {
    fn kind(&self) -> &'static str {
        self.inner.kind()
    }

    fn holder(&self, key: &StoreKey) -> &'static str {
        if self.rescued(key).is_some() {
            "rescue file"
        } else {
            self.inner.holder(key)
        }
    }

    fn peek(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        self.newest(key, || self.inner.peek(key))
    }

    fn load(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        self.newest(key, || self.inner.load(key))
    }

    fn save(&self, key: &StoreKey, set: &TokenSet) -> Result<()> {
        let err = match self.inner.save(key, set) {
            Ok(()) => {
                self.clear(key);
                return Ok(());
            }
            Err(err) => err,
        };
        for dir in &self.dirs {
            match dir.save(key, set) {
                Ok(()) => {
                    log::warn!(
                        "the new tokens could not be saved to the {} store ({err:#}); kept them in {} (0600) instead, where oauthctl finds them and moves them back once the store works",
                        self.inner.kind(),
                        dir.path(key).display()
                    );
                    return Ok(());
                }
                Err(rescue_err) => log::debug!("rescue directory refused: {rescue_err:#}"),
            }
        }
        Err(err.context(
            "the new tokens could not be saved, nor kept in any rescue directory: free some space (or start the keychain) and log in again",
        ))
    }

    fn delete(&self, key: &StoreKey) -> Result<()> {
        self.clear(key);
        self.inner.delete(key)
    }

    fn purge(&self) -> Result<usize> {
        let mut purged = self.inner.purge()?;
        // Another user's directory is not this user's to empty.
        for dir in self.dirs.iter().filter(|d| d.check_private_dirs().is_ok()) {
            purged += super::file::purge_json_files(dir.dir())?;
        }
        Ok(purged)
    }

    fn check_writable(&self, key: &StoreKey) -> Result<()> {
        self.inner.check_writable(key)
    }

    fn settle(&self, key: &StoreKey) -> Result<()> {
        let Some(rescued) = self.rescued(key) else {
            return Ok(());
        };
        if let Ok(Some(stored)) = self.inner.load(key)
            && stored.obtained_at > rescued.obtained_at
        {
            self.clear(key);
            return Ok(());
        }
        match self.inner.save(key, &rescued) {
            Ok(()) => {
                self.clear(key);
                log::info!(
                    "moved the rescued token set back into the {} store",
                    self.inner.kind()
                );
            }
            Err(err) => log::debug!("the rescued token set stays where it is: {err:#}"),
        }
        Ok(())
    }

    fn unavailable(&self) -> Option<String> {
        self.inner.unavailable()
    }
}
