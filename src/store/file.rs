//! Token sets as JSON files: 0600 files in a 0700 directory, written atomically.

use super::{TokenSet, TokenStore};
use crate::settings::StoreKey;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct FileStore {
    dir: PathBuf,
}

/// The file's content: the key is kept so `status` can list what is stored.
#[derive(Serialize, Deserialize)]
struct Stored {
    key: String,
    #[serde(flatten)]
    set: TokenSet,
}

impl FileStore {
    pub fn new(data_dir: &Path) -> FileStore {
        FileStore {
            dir: data_dir.join("tokens"),
        }
    }

    fn path(&self, key: &StoreKey) -> PathBuf {
        self.dir.join(format!("{}.json", key.file_stem()))
    }
}

impl TokenStore for FileStore {
    fn kind(&self) -> &'static str {
        "file"
    }

    fn load(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        read_json::<Stored>(&self.path(key)).map(|stored| stored.map(|s| s.set))
    }

    fn save(&self, key: &StoreKey, set: &TokenSet) -> Result<()> {
        let stored = Stored {
            key: key.as_str().to_owned(),
            set: set.clone(),
        };
        write_private_json(&self.path(key), &stored)
    }

    fn delete(&self, key: &StoreKey) -> Result<()> {
        remove_if_present(&self.path(key))
    }

    fn purge(&self) -> Result<usize> {
        purge_json_files(&self.dir)
    }
}

/// Removes every `*.json` in `dir`; a missing dir holds nothing.
pub fn purge_json_files(dir: &Path) -> Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(err) => return Err(err).with_context(|| format!("cannot list {}", dir.display())),
    };
    let mut removed = 0;
    for entry in entries {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            remove_if_present(&path)?;
            removed += 1;
        }
    }
    Ok(removed)
}

pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            return Err(err).with_context(|| format!("cannot read {}", path.display()));
        }
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|err| {
        super::Damaged(format!(
            "{} is damaged ({err}): run `oauthctl logout`, then log in again",
            path.display()
        ))
        .into()
    })
}

pub fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err).with_context(|| format!("cannot delete {}", path.display())),
    }
}

/// Creates `dir` (and parents) and makes sure it is 0700.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if !dir.is_dir() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let mode = std::fs::metadata(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .with_context(|| format!("cannot make {} private (0700)", dir.display()))?;
        }
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(())
}

/// Temp file in the same directory (0600 from birth), fsync, rename: readers
/// see the old file or the new one, never half of one.
pub fn write_private_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let dir = path.parent().context("a store path has a parent")?;
    create_private_dir(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temp file in {}", dir.display()))?;
    serde_json::to_writer(&mut tmp, value)?;
    tmp.write_all(b"\n")?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn round_trip_with_private_modes() {
        let tmp = tempfile::tempdir().unwrap();
        let store = FileStore::new(&tmp.path().join("oauthctl"));
        let key = StoreKey::new("profile:test".into());
        assert!(store.load(&key).unwrap().is_none());
        let set = TokenSet {
            access_token: Secret::new("at"),
            token_type: None,
            refresh_token: Some(Secret::new("rt")),
            id_token: None,
            expires_at: Some(1),
            scope: None,
            obtained_at: 0,
            grant: None,
        };
        store.save(&key, &set).unwrap();
        let back = store.load(&key).unwrap().unwrap();
        assert_eq!(back.refresh_token.unwrap().expose(), "rt");
        let file_mode = std::fs::metadata(store.path(&key))
            .unwrap()
            .permissions()
            .mode();
        let dir_mode = std::fs::metadata(&store.dir).unwrap().permissions().mode();
        assert_eq!(file_mode & 0o777, 0o600);
        assert_eq!(dir_mode & 0o777, 0o700);
        store.delete(&key).unwrap();
        assert!(store.load(&key).unwrap().is_none());
    }
}
