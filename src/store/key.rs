//! Which token set a command means, and the digests that name its files.

use sha2::{Digest, Sha256};

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

/// Lowercase hex SHA-256, for file names and cache keys.
pub fn hex_sha256(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(64);
    for byte in Sha256::digest(input.as_bytes()) {
        out.push(HEX[usize::from(byte >> 4)] as char);
        out.push(HEX[usize::from(byte & 0xf)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_lowercase_hex_sha256() {
        assert_eq!(
            hex_sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            StoreKey::new("abc".into()).file_stem(),
            &hex_sha256("abc")[..40]
        );
    }
}
