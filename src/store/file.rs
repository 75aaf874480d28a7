//! Token sets as JSON files: 0600 files in a 0700 directory, written atomically.

use super::{TokenSet, TokenStore};
use crate::store::StoreKey;
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
        FileStore::in_dir(data_dir.join("tokens"))
    }

    /// Token files directly in `dir` (the rescue store uses this).
    pub fn in_dir(dir: PathBuf) -> FileStore {
        FileStore { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path(&self, key: &StoreKey) -> PathBuf {
        self.dir.join(format!("{}.json", key.file_stem()))
    }

    /// [`TokenStore::load`] for a directory someone else may have made or
    /// filled (a rescue directory in a shared temp dir): the directory, its
    /// parent and the file must all be this user's own and private.
    pub fn load_untrusted(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        self.check_private_dirs()?;
        read_private_json::<Stored>(&self.path(key)).map(|stored| stored.map(|s| s.set))
    }

    /// The directory and its parent are this user's own, 0700, no symlinks.
    pub fn check_private_dirs(&self) -> Result<()> {
        let parent = self.dir.parent().filter(|p| !p.as_os_str().is_empty());
        for dir in std::iter::once(self.dir.as_path()).chain(parent) {
            let meta = std::fs::symlink_metadata(dir)
                .with_context(|| format!("cannot read {}", dir.display()))?;
            if let Some(why) = not_private(&meta, Kind::Dir) {
                anyhow::bail!("{} {why}", dir.display());
            }
        }
        Ok(())
    }

    /// Whether anything is stored for `key`, without reading it.
    pub fn holds(&self, key: &StoreKey) -> bool {
        std::fs::symlink_metadata(self.path(key)).is_ok()
    }
}

/// Room for a token set and then some: a probe of this size must fit.
pub const PROBE_BYTES: usize = 16 * 1024;

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

    fn check_writable(&self, _key: &StoreKey) -> Result<()> {
        probe_writable(&self.dir, PROBE_BYTES)
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

/// A token set is a few KiB; anything this large is not one.
const MAX_STORED_BYTES: u64 = 1024 * 1024;

/// Reads a JSON file oauthctl wrote. A symlink in its place is refused, not
/// followed: whoever planted it could point it anywhere.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    let mut file = match open_no_follow(path, std::fs::OpenOptions::new().read(true)) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => {
            return Err(err).with_context(|| format!("cannot read {}", path.display()));
        }
    };
    // Sized up front: one allocation instead of a doubling series.
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(size.min(MAX_STORED_BYTES + 1) as usize + 1);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(&mut file, MAX_STORED_BYTES + 1),
        &mut bytes,
    )
    .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > MAX_STORED_BYTES {
        return Err(super::Damaged(format!(
            "{} is larger than any token set ({} bytes or more)",
            path.display(),
            MAX_STORED_BYTES
        ))
        .into());
    }
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|err| super::Damaged(format!("{} is damaged ({err})", path.display())).into())
}

/// [`read_json`] for a file someone else may have put there (a rescue
/// directory under a shared temp dir): only a regular file of this user's,
/// readable by no one else, is read. Anything else is an error naming why.
pub fn read_private_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Option<T>> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    if let Some(why) = not_private(&meta, Kind::File) {
        anyhow::bail!("{} {why}", path.display());
    }
    read_json(path)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
}

/// Why `meta` is not this user's own private file or directory (0600 or
/// 0700, no symlink, owned by the effective user), or `None` when it is.
/// What oauthctl writes always passes; what another user planted never does.
pub fn not_private(meta: &std::fs::Metadata, kind: Kind) -> Option<String> {
    let file_type = meta.file_type();
    if file_type.is_symlink() {
        Some("is a symlink".to_owned())
    } else if kind == Kind::Dir && !file_type.is_dir() {
        Some("is not a directory".to_owned())
    } else if kind == Kind::File && !file_type.is_file() {
        Some("is not a regular file".to_owned())
    } else {
        not_owned_privately(meta)
    }
}

#[cfg(unix)]
fn not_owned_privately(meta: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let mode = meta.permissions().mode() & 0o777;
    if meta.uid() != rustix::process::geteuid().as_raw() {
        Some(format!("belongs to another user (uid {})", meta.uid()))
    } else if mode & 0o077 != 0 {
        Some(format!("is open to other users (mode {mode:o})"))
    } else {
        None
    }
}

/// Windows keeps what is under the user's profile to that user by its ACLs;
/// there are no modes to check.
#[cfg(not(unix))]
fn not_owned_privately(_meta: &std::fs::Metadata) -> Option<String> {
    None
}

/// Opens `path` without following a symlink at its last component
/// (`O_NOFOLLOW`): a symlink there is an error naming the path.
pub fn open_no_follow(
    path: &Path,
    options: &mut std::fs::OpenOptions,
) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
        match options.open(path) {
            Err(err) if err.raw_os_error() == Some(libc::ELOOP) => {
                Err(std::io::Error::other(format!(
                    "{} is a symlink, which oauthctl does not follow: remove it",
                    path.display()
                )))
            }
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(std::io::Error::other(format!(
                "{} is a symlink, which oauthctl does not follow: remove it",
                path.display()
            )));
        }
        options.open(path)
    }
}

pub fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(err) => Err(err).with_context(|| format!("cannot delete {}", path.display())),
    }
}

/// Creates `dir` (and parents) 0700. `dir` and its parent (the data dir)
/// must be real directories, not symlinks, owned by this user: one that
/// others can write to is made private again, with a warning, since they
/// could swap the files in it.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        if std::fs::symlink_metadata(dir).is_err() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            make_private(parent)?;
        }
        make_private(dir)?;
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(())
}

#[cfg(unix)]
fn make_private(dir: &Path) -> Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let meta =
        std::fs::symlink_metadata(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    if meta.file_type().is_symlink() {
        anyhow::bail!(
            "{} is a symlink, which oauthctl does not follow for its own directories: replace it with a directory (or point $OAUTHCTL_DATA_DIR at the real one)",
            dir.display()
        );
    }
    if !meta.is_dir() {
        anyhow::bail!("{} is not a directory", dir.display());
    }
    if meta.uid() != rustix::process::geteuid().as_raw() {
        anyhow::bail!(
            "{} belongs to another user (uid {}): oauthctl keeps tokens only in a directory of its own; choose another with $OAUTHCTL_DATA_DIR",
            dir.display(),
            meta.uid()
        );
    }
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        if mode & 0o022 != 0 {
            log::warn!(
                "{} was writable by other users (mode {:o}): made it private (0700)",
                dir.display(),
                mode & 0o777
            );
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot make {} private (0700)", dir.display()))?;
    }
    Ok(())
}

/// Temp file in the same directory (0600 from birth), fsync, rename: readers
/// see the old file or the new one, never half of one. The rename replaces a
/// symlink at `path` instead of writing through it.
pub fn write_private_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let dir = path.parent().context("a store path has a parent")?;
    let mut tmp = private_temp_file(dir, ".tmp-")?;
    // Serialized whole first: serde_json on a bare file is one write(2) per token.
    let mut bytes = serde_json::to_vec(value).context("cannot serialize a token set")?;
    bytes.push(b'\n');
    let written = tmp
        .write_all(&bytes)
        .and_then(|()| tmp.as_file().sync_all());
    written.with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// A new 0600 file in the private directory `dir`, removed on drop unless
/// persisted.
fn private_temp_file(dir: &Path, prefix: &str) -> Result<tempfile::NamedTempFile> {
    create_private_dir(dir)?;
    tempfile::Builder::new()
        .prefix(prefix)
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temp file in {}", dir.display()))
}

/// Proves that `dir` takes a file of `bytes` bytes right now (created,
/// written, synced, removed), so that a grant is never spent on tokens that
/// then cannot be saved: a full disk fails here, before any request.
pub fn probe_writable(dir: &Path, bytes: usize) -> Result<()> {
    let mut tmp = private_temp_file(dir, ".probe-")?;
    // Reserving the blocks answers "is there room" at once (ENOSPC now, not
    // at a later flush) without an fsync on the renewal's path.
    #[cfg(target_os = "linux")]
    match rustix::fs::fallocate(
        tmp.as_file(),
        rustix::fs::FallocateFlags::empty(),
        0,
        bytes as u64,
    ) {
        Ok(()) => return Ok(()),
        Err(rustix::io::Errno::OPNOTSUPP | rustix::io::Errno::NOSYS) => {}
        Err(err) => {
            return Err(std::io::Error::from(err))
                .with_context(|| format!("cannot write to {}", dir.display()));
        }
    }
    tmp.write_all(&vec![b' '; bytes])
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write to {}", dir.display()))?;
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
            refresh_token: Some(Secret::new("rt")),
            expires_at: Some(1),
            ..TokenSet::default()
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
