//! Just enough DER (X.690) for private keys: a reader for the few
//! structures ring does not parse itself (SEC1 `ECPrivateKey`, the algorithm
//! of a PKCS#8 `PrivateKeyInfo`), and a writer for the PKCS#1
//! `RSAPrivateKey` an RSA JWK becomes.

pub const SEQUENCE: u8 = 0x30;
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const OID: u8 = 0x06;
/// `[0]` and `[1]`, constructed (EXPLICIT tags).
pub const CONTEXT_0: u8 = 0xa0;
pub const CONTEXT_1: u8 = 0xa1;

/// A malformed structure; the caller says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

/// Reads TLVs off the front of a byte slice.
pub struct Reader<'a> {
    input: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(input: &'a [u8]) -> Reader<'a> {
        Reader { input }
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.input.is_empty()
    }

    pub fn peek_tag(&self) -> Option<u8> {
        self.input.first().copied()
    }

    /// The next element: its tag and contents.
    pub fn any(&mut self) -> Result<(u8, &'a [u8]), Malformed> {
        let (&tag, rest) = self.input.split_first().ok_or(Malformed)?;
        let (&first, mut rest) = rest.split_first().ok_or(Malformed)?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            // Long form: 1 to 4 length bytes, minimal (DER), never indefinite.
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 || rest.len() < count {
                return Err(Malformed);
            }
            let (bytes, after) = rest.split_at(count);
            rest = after;
            if bytes[0] == 0 {
                return Err(Malformed);
            }
            let len = bytes.iter().fold(0usize, |n, b| (n << 8) | usize::from(*b));
            if len < 0x80 {
                return Err(Malformed);
            }
            len
        };
        if rest.len() < len {
            return Err(Malformed);
        }
        let (value, after) = rest.split_at(len);
        self.input = after;
        Ok((tag, value))
    }

    /// The next element, which must have `tag`.
    pub fn expect(&mut self, tag: u8) -> Result<&'a [u8], Malformed> {
        match self.any()? {
            (found, value) if found == tag => Ok(value),
            _ => Err(Malformed),
        }
    }

    /// The next element when it has `tag`, else nothing is consumed.
    pub fn optional(&mut self, tag: u8) -> Result<Option<&'a [u8]>, Malformed> {
        if self.peek_tag() == Some(tag) {
            self.expect(tag).map(Some)
        } else {
            Ok(None)
        }
    }

    /// A small non-negative INTEGER (a version number).
    pub fn small_integer(&mut self) -> Result<u8, Malformed> {
        match self.expect(INTEGER)? {
            [n] if *n < 0x80 => Ok(*n),
            _ => Err(Malformed),
        }
    }
}

/// A DER element: tag, minimal length, contents.
pub fn element(tag: u8, contents: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let len = contents.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(contents);
    out
}

/// An unsigned big-endian number as a DER INTEGER: leading zeros dropped,
/// one added back when the top bit is set (so it stays positive).
pub fn unsigned_integer(magnitude: &[u8]) -> Vec<u8> {
    let skip = magnitude.iter().take_while(|b| **b == 0).count();
    let digits = &magnitude[skip..];
    let mut contents = Vec::with_capacity(digits.len() + 1);
    if digits.first().is_none_or(|b| b & 0x80 != 0) {
        contents.push(0);
    }
    contents.extend_from_slice(digits);
    element(INTEGER, &contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_minimal_and_positive() {
        assert_eq!(unsigned_integer(&[0, 0, 1]), [INTEGER, 1, 1]);
        assert_eq!(unsigned_integer(&[0x80]), [INTEGER, 2, 0, 0x80]);
        assert_eq!(unsigned_integer(&[]), [INTEGER, 1, 0]);
        assert_eq!(unsigned_integer(&[0, 0]), [INTEGER, 1, 0]);
    }

    #[test]
    fn long_lengths_round_trip() {
        let long = vec![7u8; 300];
        let encoded = element(OCTET_STRING, &long);
        assert_eq!(&encoded[..4], &[OCTET_STRING, 0x82, 0x01, 0x2c]);
        let mut reader = Reader::new(&encoded);
        assert_eq!(reader.expect(OCTET_STRING).unwrap(), &long[..]);
        assert!(reader.is_empty());
    }

    #[test]
    fn malformed_lengths_are_refused() {
        for bad in [
            &[SEQUENCE][..],
            &[SEQUENCE, 5, 0],
            &[SEQUENCE, 0x80],
            &[SEQUENCE, 0x81, 0x05, 0, 0, 0, 0, 0],
            &[SEQUENCE, 0x82, 0x00, 0x90],
        ] {
            assert_eq!(Reader::new(bad).any(), Err(Malformed), "{bad:?}");
        }
    }
}
