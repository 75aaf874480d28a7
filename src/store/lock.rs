//! A per-key lock file, separate from the data file because an atomic write
//! (temp file + rename) replaces the data file (kubelogin learnt this on Windows).

use crate::store::StoreKey;
use anyhow::{Context, Result};
use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::Duration;

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
        match file.try_lock() {
            Ok(()) => return Ok(KeyLock { _file: file }),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(err)) => {
                return Err(err).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        log::debug!(
            "waiting for another oauthctl process renewing {}",
            key.as_str()
        );
        // A blocking flock wakes the moment the holder is done (no polling
        // delay for fifty waiters); it runs on a thread so that the wait
        // has a deadline. The clone shares the open file description, so
        // the lock it takes is this file's.
        let waiter = file
            .try_clone()
            .with_context(|| format!("cannot lock {}", path.display()))?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("lock".into())
            .spawn(move || {
                let _ = tx.send(waiter.lock());
            })
            .with_context(|| format!("cannot lock {}", path.display()))?;
        match rx.recv_timeout(timeout) {
            Ok(Ok(())) => Ok(KeyLock { _file: file }),
            Ok(Err(err)) => Err(err).with_context(|| format!("cannot lock {}", path.display())),
            Err(_) => anyhow::bail!(
                "another oauthctl process has held {} for more than {} s: wait for it or end it",
                path.display(),
                timeout.as_secs()
            ),
        }
    }
}
