//! Which token set a command means, and the digests that name its files.

use crate::digest::hex_sha256;

/// Identifies one token set in a store. The file-name digest is computed
/// once: `token`'s fast path looks for the same key in several places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreKey {
    key: String,
    stem: String,
}

impl StoreKey {
    pub fn new(key: String) -> StoreKey {
        let mut stem = hex_sha256(&key);
        stem.truncate(40);
        StoreKey { key, stem }
    }
    pub fn as_str(&self) -> &str {
        &self.key
    }
    /// A file-name-safe digest of the key.
    pub fn file_stem(&self) -> &str {
        &self.stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_stem_is_the_keys_digest() {
        assert_eq!(
            StoreKey::new("abc".into()).file_stem(),
            &hex_sha256("abc")[..40]
        );
    }
}
