//! Lowercase hex SHA-256: store keys, file names, cache keys. Below every
//! other module, so the protocol and the stores share it.

use sha2::{Digest, Sha256};

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
    #[test]
    fn digests_are_lowercase_hex_sha256() {
        assert_eq!(
            super::hex_sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
