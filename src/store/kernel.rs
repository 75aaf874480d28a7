//! The `kernel` store: token sets in the Linux kernel keyring (keyutils), in
//! kernel memory and never on disk; `kernel+file` adds a file-store copy
//! that outlives a reboot. README "The kernel keyring" says why each choice.
//!
//! - Each set is one `user` key in the user keyring (@u), described
//!   `oauthctl:DIR:KEY` (DIR: a digest of the data directory, as the file
//!   store keeps one set of tokens per data directory). Every process of
//!   this uid reaches @u whatever its session keyring, so a login in one SSH
//!   session serves the next one, tmux and cron. The session keyring would
//!   not (a new login gets a new one), and the persistent keyring expires
//!   after days of disuse and is missing from some kernels.
//! - Keys are possessor-only (user: view): the kernel's own default, set
//!   explicitly. A process whose session keyring does not reach @u (systemd
//!   `KeyringMode=private`) does not possess them; it links @u into its own
//!   process keyring (which no child inherits) and tries once more.
//! - A write that the kernel refuses (the quota, the size) changes nothing:
//!   `add_key` replaces a payload atomically or not at all.
//! - keyutils calls are system calls: no daemon, so no deadline, and no
//!   access-token cache file either.

use super::file::FileStore;
use super::{KernelError, KernelWhy, StoreKey, TokenSet, TokenStore};
use crate::digest::hex_sha256;
use anyhow::Result;
use linux_keyutils::{
    Key, KeyError, KeyPermissionsBuilder, KeyRing, KeyRingIdentifier, KeySerialId, Permission,
};
use std::cell::{Cell, OnceCell};
use std::path::Path;

/// The kernel's limit on a `user` key's payload.
pub const MAX_PAYLOAD: usize = 32767;
/// Room a first save needs besides its description: token sets are 1-8 KiB.
const NEW_ENTRY_ROOM: u64 = 4096;
/// Room a renewal needs: an update is charged only what it adds.
const GROWTH_ROOM: u64 = 1024;
const PROBE_VALUE: &[u8] = b"oauthctl write check";

pub struct KernelStore {
    /// `oauthctl:DIR:`, which every description of this data dir starts with.
    prefix: String,
    files: FileStore,
    with_file_copy: bool,
    ring: OnceCell<KeyRing>,
    /// @u is linked into this process's keyring already.
    linked: Cell<bool>,
}

impl KernelStore {
    pub fn new(data_dir: &Path, with_file_copy: bool) -> KernelStore {
        KernelStore {
            prefix: prefix(data_dir),
            files: FileStore::new(data_dir),
            with_file_copy,
            ring: OnceCell::new(),
            linked: Cell::new(false),
        }
    }

    fn description(&self, key: &StoreKey) -> String {
        format!("{}{}", self.prefix, key.as_str())
    }

    fn ring(&self) -> Result<KeyRing, KeyError> {
        if let Some(ring) = self.ring.get() {
            return Ok(*ring);
        }
        let ring = KeyRing::from_special_id(KeyRingIdentifier::User, true)?;
        Ok(*self.ring.get_or_init(|| ring))
    }

    /// Runs `op`; when the kernel says EACCES because this process does not
    /// possess @u, links @u into the process keyring and runs it once more.
    fn possessing<T>(&self, op: impl Fn(KeyRing) -> Result<T, KeyError>) -> Result<T, KeyError> {
        let ring = self.ring()?;
        match op(ring) {
            Err(KeyError::AccessDenied) if !self.linked.get() => {
                self.linked.set(true);
                KeyRing::from_special_id(KeyRingIdentifier::Process, true)?
                    .link_keyring_id(KeyRingIdentifier::User)?;
                log::debug!("linked the user keyring into this process's keyring");
                op(ring)
            }
            other => other,
        }
    }

    fn read(&self, description: &str) -> Result<Option<Vec<u8>>, KernelError> {
        self.possessing(|ring| match ring.search(description) {
            Ok(key) => key.read_to_vec().map(Some),
            Err(err) if gone(err) => Ok(None),
            Err(err) => Err(err),
        })
        .or_else(|err| if gone(err) { Ok(None) } else { Err(err) })
        .map_err(|err| failure("read", err))
    }

    /// Creates the key or replaces its payload, possessor-only.
    fn write(&self, description: &str, value: &[u8]) -> Result<(), KernelError> {
        if value.len() > MAX_PAYLOAD {
            return Err(too_large(value.len()));
        }
        let perms = KeyPermissionsBuilder::builder()
            .posessor(Permission::ALL)
            .user(Permission::VIEW)
            .build();
        self.possessing(|ring| ring.add_key(description, value)?.set_perms(perms))
            .map_err(|err| match err {
                KeyError::InvalidArguments => too_large(value.len()),
                err => failure("write", err),
            })
    }

    fn remove(&self, description: &str) -> Result<(), KernelError> {
        self.possessing(|ring| match ring.search(description) {
            Ok(key) => key.invalidate(),
            Err(err) if gone(err) => Ok(()),
            Err(err) => Err(err),
        })
        .or_else(|err| if gone(err) { Ok(()) } else { Err(err) })
        .map_err(|err| failure("delete", err))
    }

    fn parse(&self, description: &str, bytes: &[u8]) -> Result<TokenSet> {
        serde_json::from_slice(bytes).map_err(|err| {
            super::Damaged(format!(
                "the kernel keyring entry {description} is damaged ({err})"
            ))
            .into()
        })
    }

    /// After a reboot: the file copy goes back into memory. Should a save
    /// have changed the copy meanwhile (saves write the copy first), what
    /// was put in memory may be older than it, and goes again.
    fn restore(&self, key: &StoreKey, description: &str, set: &TokenSet) {
        let restored = serde_json::to_vec(set)
            .map_err(|err| err.to_string())
            .and_then(|bytes| {
                self.write(description, &bytes)
                    .map_err(|err| err.to_string())
            });
        if let Err(err) = restored {
            log::debug!("the file copy stays out of the kernel keyring: {err}");
            return;
        }
        let unchanged = matches!(self.files.load(key), Ok(Some(now))
            if now.obtained_at == set.obtained_at
                && now.access_token.expose() == set.access_token.expose());
        if !unchanged && let Err(err) = self.remove(description) {
            log::debug!("cannot drop the restored copy: {err}");
        }
    }

    /// Room in the per-user quota for the set about to be written, when
    /// /proc/key-users says (else the write itself will tell).
    fn check_room(&self, existing: Option<usize>, description: &str) -> Result<(), KernelError> {
        let Some(quota) = Quota::read() else {
            return Ok(());
        };
        let (bytes, keys) = match existing {
            Some(_) => (GROWTH_ROOM, 0),
            None => (NEW_ENTRY_ROOM + description.len() as u64, 1),
        };
        // The write check's probe takes a key of its own for a moment.
        if quota.bytes + bytes > quota.max_bytes || quota.keys + keys + 1 > quota.max_keys {
            return Err(KernelError::new(KernelWhy::Full, quota.full(bytes)));
        }
        Ok(())
    }
}

impl TokenStore for KernelStore {
    fn kind(&self) -> &'static str {
        if self.with_file_copy {
            "kernel+file"
        } else {
            "kernel"
        }
    }

    fn load(&self, key: &StoreKey) -> Result<Option<TokenSet>> {
        let description = self.description(key);
        if let Some(bytes) = self.read(&description)? {
            return self.parse(&description, &bytes).map(Some);
        }
        if !self.with_file_copy {
            return Ok(None);
        }
        let Some(set) = self.files.load(key)? else {
            return Ok(None);
        };
        self.restore(key, &description, &set);
        Ok(Some(set))
    }

    fn save(&self, key: &StoreKey, set: &TokenSet) -> Result<()> {
        let description = self.description(key);
        let bytes = serde_json::to_vec(set)?;
        if !self.with_file_copy {
            self.write(&description, &bytes)?;
            // One home per token set: `kernel` keeps nothing on disk, so a
            // copy left by `kernel+file` (older by now) goes.
            if let Err(err) = self.files.delete(key) {
                log::debug!("a file-store copy stays: {err:#}");
            }
            return Ok(());
        }
        // The copy first: a restore that races this save then sees the
        // copy change, and drops what it put in memory.
        self.files.save(key, set)?;
        if let Err(err) = self.write(&description, &bytes) {
            // Memory must not keep serving the set this one replaces.
            self.remove(&description)?;
            log::warn!(
                "the kernel keyring did not take the new tokens ({err}); they are in the file copy, which is read until it does"
            );
        }
        Ok(())
    }

    fn delete(&self, key: &StoreKey) -> Result<()> {
        let removed = self.remove(&self.description(key));
        // A `kernel+file` copy goes with a `kernel` logout too.
        self.files.delete(key)?;
        Ok(removed?)
    }

    /// Every entry of this data dir, listed by /proc/keys.
    fn purge(&self) -> Result<usize> {
        let listing = match std::fs::read_to_string("/proc/keys") {
            Ok(listing) => listing,
            Err(err) => {
                log::debug!("cannot list the kernel keys: /proc/keys: {err}");
                String::new()
            }
        };
        let mut purged = 0;
        for id in listed(&listing, &self.prefix) {
            let key = Key::from_id(KeySerialId::new(id));
            let ours = key
                .metadata()
                .is_ok_and(|m| m.get_description().starts_with(&self.prefix));
            if ours {
                self.possessing(|_| key.invalidate())
                    .map_err(|err| failure("delete", err))?;
                purged += 1;
            }
        }
        if self.with_file_copy {
            purged += self.files.purge()?;
        }
        Ok(purged)
    }

    /// The quota has room, and a probe entry is written, read back and
    /// deleted: a kernel that refuses keyutils fails here, before a grant.
    fn check_writable(&self, key: &StoreKey) -> Result<()> {
        let description = self.description(key);
        let existing = self.read(&description)?;
        self.check_room(existing.as_ref().map(Vec::len), &description)?;
        let probe = format!("{}probe:{}", self.prefix, key.as_str());
        self.write(&probe, PROBE_VALUE)?;
        let back = self.read(&probe)?;
        self.remove(&probe)?;
        if back.as_deref() != Some(PROBE_VALUE) {
            return Err(KernelError::new(
                KernelWhy::Failed,
                "the kernel keyring did not give back what was written to it",
            )
            .into());
        }
        if self.with_file_copy {
            self.files.check_writable(key)?;
        }
        Ok(())
    }
}

/// `oauthctl:DIR:`, DIR the first 12 hex digits of the data dir's digest.
fn prefix(data_dir: &Path) -> String {
    let digest = hex_sha256(&data_dir.to_string_lossy());
    format!("oauthctl:{}:", &digest[..12])
}

/// The key is not there, or went while it was read.
fn gone(err: KeyError) -> bool {
    matches!(
        err,
        KeyError::KeyDoesNotExist | KeyError::KeyRevoked | KeyError::KeyExpired
    )
}

fn too_large(bytes: usize) -> KernelError {
    KernelError::new(
        KernelWhy::TooLarge,
        format!(
            "the token set is {bytes} bytes, more than the {MAX_PAYLOAD} a kernel keyring entry holds"
        ),
    )
}

fn failure(what: &str, err: KeyError) -> KernelError {
    let errno = errno_name(err);
    match err {
        KeyError::PermissionDenied
        | KeyError::OperationNotSupported
        | KeyError::Unknown(libc::ENOSYS) => KernelError::new(
            KernelWhy::Unavailable,
            format!(
                "this system does not let programs use the kernel keyring (a keyring {what} got {errno}; a container's seccomp profile often refuses keyutils' system calls)"
            ),
        ),
        KeyError::QuotaExceeded => KernelError::new(
            KernelWhy::Full,
            Quota::read().map_or_else(
                || "the kernel keyring is full: your keys use all the room the kernel allows you (EDQUOT)".to_owned(),
                |quota| quota.full(0),
            ),
        ),
        KeyError::AccessDenied => KernelError::new(
            KernelWhy::Failed,
            format!(
                "the kernel keyring refused a {what} of oauthctl's entry (EACCES): your user keyring is out of this process's reach"
            ),
        ),
        _ => KernelError::new(
            KernelWhy::Failed,
            format!("a kernel keyring {what} failed ({errno})"),
        ),
    }
}

fn errno_name(err: KeyError) -> String {
    match err {
        KeyError::AccessDenied => "EACCES".into(),
        KeyError::PermissionDenied => "EPERM".into(),
        KeyError::QuotaExceeded => "EDQUOT".into(),
        KeyError::InvalidArguments => "EINVAL".into(),
        KeyError::OutOfMemory => "ENOMEM".into(),
        KeyError::OperationNotSupported => "EOPNOTSUPP".into(),
        KeyError::KeyDoesNotExist => "ENOKEY".into(),
        KeyError::Unknown(libc::ENOSYS) => "ENOSYS".into(),
        KeyError::Unknown(errno) => format!("errno {errno}"),
        other => format!("{other:?}"),
    }
}

/// This user's line of /proc/key-users: keys and bytes used, and allowed.
#[derive(Debug, PartialEq, Eq)]
struct Quota {
    keys: u64,
    max_keys: u64,
    bytes: u64,
    max_bytes: u64,
    root: bool,
}

impl Quota {
    fn read() -> Option<Quota> {
        let uid = rustix::process::geteuid().as_raw();
        let listing = std::fs::read_to_string("/proc/key-users").ok()?;
        Quota::parse(&listing, uid)
    }

    /// `  UID:  USAGE NKEYS/NIKEYS QNKEYS/MAXKEYS QNBYTES/MAXBYTES` lines.
    fn parse(listing: &str, uid: u32) -> Option<Quota> {
        let wanted = format!("{uid}:");
        let line = listing
            .lines()
            .find(|line| line.split_whitespace().next() == Some(wanted.as_str()))?;
        let mut pairs = line.split_whitespace().skip(3).map(|pair| {
            let (used, max) = pair.split_once('/')?;
            Some((used.parse().ok()?, max.parse().ok()?))
        });
        let (keys, max_keys) = pairs.next()??;
        let (bytes, max_bytes) = pairs.next()??;
        Some(Quota {
            keys,
            max_keys,
            bytes,
            max_bytes,
            root: uid == 0,
        })
    }

    fn full(&self, needed: u64) -> String {
        let sysctl = if self.root {
            "kernel.keys.root_maxbytes"
        } else {
            "kernel.keys.maxbytes"
        };
        let need = if needed > 0 {
            format!(", and a token set needs about {needed} more")
        } else {
            String::new()
        };
        format!(
            "the kernel keyring is full: your keys use {} of the {} bytes ({sysctl}) and {} of the {} keys the kernel allows you{need}",
            self.bytes, self.max_bytes, self.keys, self.max_keys
        )
    }
}

/// The serials of the live `user` keys in a /proc/keys listing whose
/// description starts with `prefix`.
fn listed(listing: &str, prefix: &str) -> Vec<i32> {
    listing
        .lines()
        .filter_map(|line| {
            // ID FLAGS USAGE TIMEOUT PERM UID GID TYPE DESCRIPTION: SUMMARY
            let mut fields = line.split_whitespace();
            let id = i32::from_str_radix(fields.next()?, 16).ok()?;
            // Invalidated, revoked or dead: going already.
            if fields.next()?.contains(['i', 'R', 'D']) {
                return None;
            }
            let kind = fields.nth(5)?;
            let description = fields.next()?;
            (kind == "user" && description.starts_with(prefix)).then_some(id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_names_the_data_dir() {
        let a = prefix(Path::new("/home/a/.local/share/oauthctl"));
        assert!(a.starts_with("oauthctl:") && a.ends_with(':'), "{a}");
        assert_eq!(a.len(), "oauthctl:".len() + 13);
        assert_ne!(a, prefix(Path::new("/home/b/.local/share/oauthctl")));
    }

    #[test]
    fn proc_key_users_is_read_for_one_uid() {
        let listing = "    0:     9 8/8 3/1000000 52/25000000\n 1000:     4 4/4 4/200 1810/20000\n";
        assert_eq!(
            Quota::parse(listing, 1000),
            Some(Quota {
                keys: 4,
                max_keys: 200,
                bytes: 1810,
                max_bytes: 20000,
                root: false
            })
        );
        assert_eq!(
            Quota::parse(listing, 0).map(|q| q.max_bytes),
            Some(25000000)
        );
        assert_eq!(Quota::parse(listing, 100), None);
        assert_eq!(Quota::parse("garbage", 0), None);
    }

    #[test]
    fn proc_keys_lists_only_live_entries_of_the_prefix() {
        let listing = "\
0b8a437b I--Q---     1 perm 0c030000     0 65534 keyring   .user_reg: 2
33ba131f I--Q---     1 perm 3f010000     0     0 user      oauthctl:abc:profile:a b: 612
33ba1320 I--Q--i     1 perm 3f010000     0     0 user      oauthctl:abc:profile:gone: 6
33ba1321 I--Q---     1 perm 3f010000     0     0 user      oauthctl:def:profile:other: 6
33ba1322 I--Q---     1 perm 3f010000     0     0 logon     oauthctl:abc:profile:x: 6
";
        assert_eq!(listed(listing, "oauthctl:abc:"), vec![0x33ba131f]);
    }
}
