//! Which token set a command means, and the digests that name its files.

use sha2::{Digest, Sha256};

/// Identifies one token set in a store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreKey(String);

impl StoreKey {
    pub fn new(key: String) -> StoreKey {
        StoreKey(key)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// A file-name-safe digest of the key.
    pub fn file_stem(&self) -> String {
        hex_sha256(&self.0)[..40].to_owned()
    }
}

/// Lowercase hex SHA-256, for file names and cache keys.
pub fn hex_sha256(input: &str) -> String {
    Sha256::digest(input.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
