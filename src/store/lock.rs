//! A per-key lock file, separate from the data file because an atomic write
//! (temp file + rename) replaces the data file (kubelogin learnt this on Windows).

use crate::store::StoreKey;
use anyhow::{Context, Result};
use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

pub struct KeyLock {
    // Held for its Drop: closing the file releases the flock.
    _file: File,
}

impl KeyLock {
    /// Waits at most `timeout` for other oauthctl processes working on the same key.
    pub fn acquire(data_dir: &Path, key: &StoreKey, timeout: Duration) -> Result<KeyLock> {
        let dir = data_dir.join("locks");
        super::file::create_private_dir(&dir)?;
        let path = dir.join(format!("{}.lock", key.file_stem()));
        let mut options = File::options();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = super::file::open_no_follow(&path, &mut options)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        let deadline = Instant::now()
            .checked_add(timeout)
            .unwrap_or_else(Instant::now);
        let mut announced = false;
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(KeyLock { _file: file }),
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(err)) => {
                    return Err(err).with_context(|| format!("cannot lock {}", path.display()));
                }
            }
            if Instant::now() >= deadline {
                anyhow::bail!(
                    "another oauthctl process has held {} for more than {} s: wait for it or end it",
                    path.display(),
                    timeout.as_secs()
                );
            }
            if !announced {
                log::debug!(
                    "waiting for another oauthctl process refreshing {}",
                    key.as_str()
                );
                announced = true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
