//! Signing JWTs for client authentication (RFC 7515 compact JWS, RFC 7518
//! algorithms) with ring: private keys read from PEM (PKCS#8, PKCS#1, SEC1)
//! or a JWK, and HMAC with a client secret. Nothing here reads files or
//! knows the command line: it gets bytes and says what is wrong with them
//! without quoting them.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use der::asn1::{AnyRef, ObjectIdentifier, UintRef};
use der::{Decode, Encode, Reader as _, SliceReader, Tag, Tagged};
use ring::signature::{self, EcdsaKeyPair, Ed25519KeyPair, KeyPair, RsaKeyPair};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A JWS algorithm oauthctl signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JwsAlg {
    HS256,
    HS384,
    HS512,
    RS256,
    RS384,
    RS512,
    PS256,
    PS384,
    PS512,
    ES256,
    ES384,
    EdDSA,
}

impl JwsAlg {
    /// Each algorithm with its JOSE name (RFC 7518 §3.1), in the order of
    /// the enum, which is the order the help lists them: [`JwsAlg::name`]
    /// indexes it by discriminant.
    const NAMED: [(JwsAlg, &'static str); 12] = [
        (JwsAlg::HS256, "HS256"),
        (JwsAlg::HS384, "HS384"),
        (JwsAlg::HS512, "HS512"),
        (JwsAlg::RS256, "RS256"),
        (JwsAlg::RS384, "RS384"),
        (JwsAlg::RS512, "RS512"),
        (JwsAlg::PS256, "PS256"),
        (JwsAlg::PS384, "PS384"),
        (JwsAlg::PS512, "PS512"),
        (JwsAlg::ES256, "ES256"),
        (JwsAlg::ES384, "ES384"),
        (JwsAlg::EdDSA, "EdDSA"),
    ];

    /// Every algorithm, from [`JwsAlg::NAMED`].
    pub const ALL: [JwsAlg; 12] = {
        let mut all = [JwsAlg::HS256; 12];
        let mut i = 0;
        while i < all.len() {
            all[i] = JwsAlg::NAMED[i].0;
            i += 1;
        }
        all
    };

    pub fn name(self) -> &'static str {
        JwsAlg::NAMED[self as usize].1
    }

    pub fn is_hmac(self) -> bool {
        matches!(self, JwsAlg::HS256 | JwsAlg::HS384 | JwsAlg::HS512)
    }
}

impl fmt::Display for JwsAlg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What kind of private key a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    Rsa,
    P256,
    P384,
    Ed25519,
}

impl KeyKind {
    pub fn name(self) -> &'static str {
        match self {
            KeyKind::Rsa => "RSA",
            KeyKind::P256 => "EC P-256",
            KeyKind::P384 => "EC P-384",
            KeyKind::Ed25519 => "Ed25519",
        }
    }

    /// The algorithms this kind of key signs with, the default first.
    pub fn algs(self) -> &'static [JwsAlg] {
        match self {
            KeyKind::Rsa => &[
                JwsAlg::RS256,
                JwsAlg::RS384,
                JwsAlg::RS512,
                JwsAlg::PS256,
                JwsAlg::PS384,
                JwsAlg::PS512,
            ],
            KeyKind::P256 => &[JwsAlg::ES256],
            KeyKind::P384 => &[JwsAlg::ES384],
            KeyKind::Ed25519 => &[JwsAlg::EdDSA],
        }
    }

    /// "RS256, RS384 or PS512": the algorithms, for a message.
    pub fn alg_names(self) -> String {
        let names: Vec<&str> = self.algs().iter().map(|a| a.name()).collect();
        match names.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    fn field_len(self) -> usize {
        match self {
            KeyKind::P384 => 48,
            _ => 32,
        }
    }

    fn ecdsa(self) -> &'static signature::EcdsaSigningAlgorithm {
        match self {
            KeyKind::P384 => &signature::ECDSA_P384_SHA384_FIXED_SIGNING,
            _ => &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
        }
    }
}

/// What is wrong with a key, in words that never quote it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("{0}")]
    Invalid(String),
    /// The algorithm asked for cannot sign with this key.
    #[error("{alg} does not fit an {} key (use {})", .kind.name(), .kind.alg_names())]
    AlgMismatch { alg: JwsAlg, kind: KeyKind },
    #[error("signing failed")]
    Signing,
}

fn invalid(message: impl Into<String>) -> KeyError {
    KeyError::Invalid(message.into())
}

enum Pair {
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
    Ed25519(Ed25519KeyPair),
}

/// A private key as read from a file, before an algorithm is chosen.
pub struct PrivateKey {
    kind: KeyKind,
    pair: Pair,
    /// A JWK's `kid` and `alg`, when it had them.
    kid: Option<String>,
    alg: Option<JwsAlg>,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("kind", &self.kind)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl PrivateKey {
    /// A PEM file (PKCS#8, PKCS#1 `RSA PRIVATE KEY`, SEC1 `EC PRIVATE KEY`) or
    /// a JWK (one private key, or a JWKS holding one; with several, the one
    /// whose `kid` is `kid`).
    pub fn parse(bytes: &[u8], kid: Option<&str>) -> Result<PrivateKey, KeyError> {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            invalid("not a PEM or JWK file (binary DER is not read: convert it to PEM)")
        })?;
        if text.trim_start().starts_with('{') {
            parse_jwk_text(text, kid)
        } else {
            parse_pem(text)
        }
    }

    pub fn kind(&self) -> KeyKind {
        self.kind
    }

    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The public key, as ring gives it (RSAPublicKey DER, an uncompressed
    /// EC point, or the Ed25519 key).
    pub fn public_key(&self) -> &[u8] {
        match &self.pair {
            Pair::Rsa(pair) => pair.public_key().as_ref(),
            Pair::Ec(pair) => pair.public_key().as_ref(),
            Pair::Ed25519(pair) => pair.public_key().as_ref(),
        }
    }
}

/// A key with its algorithm and key id: ready to sign assertions.
pub struct SigningKey {
    key: PrivateKey,
    alg: JwsAlg,
    kid: Option<String>,
    /// `x5t` and `x5t#S256` (RFC 7515 §4.1.7–8): the key's certificate's
    /// SHA-1 and SHA-256 thumbprints, by which Entra ID finds it.
    thumbprints: Option<(String, String)>,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("kind", &self.key.kind)
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// `alg` defaults to the JWK's `alg`, else the key's usual one (RS256,
    /// ES256, ES384, EdDSA); `kid` to the JWK's.
    pub fn new(
        key: PrivateKey,
        kid: Option<String>,
        alg: Option<JwsAlg>,
    ) -> Result<SigningKey, KeyError> {
        let alg = alg.or(key.alg).unwrap_or(key.kind.algs()[0]);
        if !key.kind.algs().contains(&alg) {
            return Err(KeyError::AlgMismatch {
                alg,
                kind: key.kind,
            });
        }
        let kid = kid.or_else(|| key.kid.clone());
        Ok(SigningKey {
            key,
            alg,
            kid,
            thumbprints: None,
        })
    }

    /// Names `certificate` (DER) in every assertion's header, for servers
    /// that find the key by its certificate (Entra ID).
    pub fn with_certificate(mut self, certificate: &[u8]) -> SigningKey {
        let digest = |alg| URL_SAFE_NO_PAD.encode(ring::digest::digest(alg, certificate).as_ref());
        self.thumbprints = Some((
            digest(&ring::digest::SHA1_FOR_LEGACY_USE_ONLY),
            digest(&ring::digest::SHA256),
        ));
        self
    }

    /// The header members that name the key: `kid`, `x5t`, `x5t#S256`.
    pub fn header_members(&self) -> Vec<(&'static str, String)> {
        let mut members = Vec::new();
        if let Some(kid) = &self.kid {
            members.push(("kid", kid.clone()));
        }
        if let Some((sha1, sha256)) = &self.thumbprints {
            members.push(("x5t", sha1.clone()));
            members.push(("x5t#S256", sha256.clone()));
        }
        members
    }

    pub fn alg(&self) -> JwsAlg {
        self.alg
    }

    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    pub fn kind(&self) -> KeyKind {
        self.key.kind
    }

    pub fn public_key(&self) -> &[u8] {
        self.key.public_key()
    }

    /// The JWS signature of `message` (raw `r || s` for ECDSA).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let rng = ring::rand::SystemRandom::new();
        match &self.key.pair {
            Pair::Rsa(pair) => {
                let padding: &'static dyn signature::RsaEncoding = match self.alg {
                    JwsAlg::RS384 => &signature::RSA_PKCS1_SHA384,
                    JwsAlg::RS512 => &signature::RSA_PKCS1_SHA512,
                    JwsAlg::PS256 => &signature::RSA_PSS_SHA256,
                    JwsAlg::PS384 => &signature::RSA_PSS_SHA384,
                    JwsAlg::PS512 => &signature::RSA_PSS_SHA512,
                    _ => &signature::RSA_PKCS1_SHA256,
                };
                let mut sig = vec![0; pair.public().modulus_len()];
                pair.sign(padding, &rng, message, &mut sig)
                    .map_err(|_| KeyError::Signing)?;
                Ok(sig)
            }
            Pair::Ec(pair) => pair
                .sign(&rng, message)
                .map(|sig| sig.as_ref().to_vec())
                .map_err(|_| KeyError::Signing),
            Pair::Ed25519(pair) => Ok(pair.sign(message).as_ref().to_vec()),
        }
    }
}

/// The HMAC of `message` keyed with `secret` (HS256, HS384 or HS512).
pub fn hmac(alg: JwsAlg, secret: &[u8], message: &[u8]) -> Vec<u8> {
    let algorithm = match alg {
        JwsAlg::HS384 => ring::hmac::HMAC_SHA384,
        JwsAlg::HS512 => ring::hmac::HMAC_SHA512,
        _ => ring::hmac::HMAC_SHA256,
    };
    let key = ring::hmac::Key::new(algorithm, secret);
    ring::hmac::sign(&key, message).as_ref().to_vec()
}

/// `header.claims.signature`, each base64url (RFC 7515 §7.1).
pub fn compact(
    header: &serde_json::Value,
    claims: &serde_json::Value,
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, KeyError>,
) -> Result<String, KeyError> {
    let mut token = URL_SAFE_NO_PAD.encode(header.to_string());
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(claims.to_string()));
    let signature = sign(token.as_bytes())?;
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(signature));
    Ok(token)
}

// ---- PEM

fn parse_pem(text: &str) -> Result<PrivateKey, KeyError> {
    use rustls_pki_types::PrivateKeyDer;
    use rustls_pki_types::pem::{self, PemObject};
    if text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") {
        return Err(invalid(
            "the key is encrypted: decrypt it first (openssl pkcs8 -in KEY -out KEY.pem -nocrypt)",
        ));
    }
    if text.contains("-----BEGIN OPENSSH PRIVATE KEY-----") {
        return Err(invalid(
            "an OpenSSH key: convert it to PKCS#8 PEM (ssh-keygen -p -m PKCS8 -f KEY)",
        ));
    }
    let key = PrivateKeyDer::from_pem_slice(text.as_bytes()).map_err(|err| match err {
        pem::Error::NoItemsFound if text.contains("-----BEGIN") => invalid(
            "no private key in it (PEM sections PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)",
        ),
        pem::Error::NoItemsFound => invalid("not a PEM or JWK file"),
        _ => invalid("not valid PEM"),
    })?;
    match key {
        PrivateKeyDer::Pkcs8(der) => parse_pkcs8(der.secret_pkcs8_der()),
        PrivateKeyDer::Pkcs1(der) => rsa_from_pkcs1(der.secret_pkcs1_der()),
        PrivateKeyDer::Sec1(der) => parse_sec1(der.secret_sec1_der(), None),
        _ => Err(invalid("an unsupported kind of private key")),
    }
}

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");

fn malformed<E>(what: &'static str) -> impl Fn(E) -> KeyError {
    move |_| invalid(format!("malformed {what}"))
}

/// The version INTEGER that opens a key's SEQUENCE, read ahead of the
/// crates: they refuse a version they do not know as merely malformed.
fn leading_version(key: &[u8]) -> der::Result<u8> {
    let outer: AnyRef<'_> = SliceReader::new(key)?.decode()?;
    outer.tag().assert_eq(Tag::Sequence)?;
    u8::decode(&mut SliceReader::new(outer.value())?)
}

/// The two curves ring signs with; the error names P-521, the likely one.
fn named_curve(oid: Option<ObjectIdentifier>) -> Result<KeyKind, KeyError> {
    match oid {
        Some(OID_P256) => Ok(KeyKind::P256),
        Some(OID_P384) => Ok(KeyKind::P384),
        Some(OID_P521) => Err(invalid(
            "an EC P-521 key: P-256 (ES256) and P-384 (ES384) are supported",
        )),
        _ => Err(invalid("an EC key on an unsupported curve")),
    }
}

/// PKCS#8 `PrivateKeyInfo`: read its algorithm, then hand it to ring (EC
/// keys go through their SEC1 contents, for a clear error when the public
/// key is missing).
fn parse_pkcs8(pkcs8: &[u8]) -> Result<PrivateKey, KeyError> {
    let version = leading_version(pkcs8).map_err(malformed("PKCS#8 key"))?;
    if version > 1 {
        return Err(invalid(format!(
            "PKCS#8 version {version} is not supported"
        )));
    }
    let info = pkcs8::PrivateKeyInfoRef::try_from(pkcs8).map_err(malformed("PKCS#8 key"))?;
    let rejected = |kind: &str, err: ring::error::KeyRejected| {
        invalid(format!("the {kind} key was rejected ({err})"))
    };
    match info.algorithm.oid {
        OID_RSA => Ok(rsa(RsaKeyPair::from_pkcs8(pkcs8).map_err(rsa_rejected)?)),
        OID_RSA_PSS => Err(invalid(
            "an RSASSA-PSS-only key: convert it to a plain RSA key (openssl pkey -in KEY -traditional), PS256 works with that",
        )),
        OID_EC => {
            // Absent or NULL parameters name no curve.
            let curve = named_curve(info.algorithm.parameters_oid().ok())?;
            parse_sec1(info.private_key.as_bytes(), Some(curve))
        }
        OID_ED25519 => Ed25519KeyPair::from_pkcs8_maybe_unchecked(pkcs8)
            .map(|pair| PrivateKey {
                kind: KeyKind::Ed25519,
                pair: Pair::Ed25519(pair),
                kid: None,
                alg: None,
            })
            .map_err(|err| rejected("Ed25519", err)),
        _ => Err(invalid(
            "an unsupported key type: RSA, EC P-256, EC P-384 and Ed25519 are supported",
        )),
    }
}

fn rsa_rejected(err: ring::error::KeyRejected) -> KeyError {
    let hint = match err.to_string().as_str() {
        "TooSmall" => " (RSA keys need at least 2048 bits)",
        "TooLarge" => " (RSA keys may have at most 8192 bits)",
        _ => "",
    };
    invalid(format!("the RSA key was rejected ({err}){hint}"))
}

fn rsa(pair: RsaKeyPair) -> PrivateKey {
    PrivateKey {
        kind: KeyKind::Rsa,
        pair: Pair::Rsa(pair),
        kid: None,
        alg: None,
    }
}

fn rsa_from_pkcs1(der: &[u8]) -> Result<PrivateKey, KeyError> {
    RsaKeyPair::from_der(der).map(rsa).map_err(rsa_rejected)
}

/// SEC1 `ECPrivateKey` (RFC 5915): version 1, the private key, `[0]` the
/// curve, `[1]` the public key. ring needs the public key; the curve comes
/// from `[0]` or, inside PKCS#8, from `curve`.
fn parse_sec1(sec1: &[u8], curve: Option<KeyKind>) -> Result<PrivateKey, KeyError> {
    if leading_version(sec1).map_err(malformed("EC private key"))? != 1 {
        return Err(invalid("an EC private key of an unknown version"));
    }
    let key = sec1::EcPrivateKey::try_from(sec1).map_err(malformed("EC private key"))?;
    let named = key
        .parameters
        .map(|sec1::EcParameters::NamedCurve(oid)| named_curve(Some(oid)))
        .transpose()?;
    let kind = match (named, curve) {
        (Some(a), Some(b)) if a != b => {
            return Err(invalid("the EC key names two different curves"));
        }
        (Some(kind), _) | (None, Some(kind)) => kind,
        (None, None) => return Err(invalid("the EC key does not say its curve")),
    };
    let Some(public) = key.public_key else {
        return Err(invalid(
            "the EC private key does not include its public key, which signing needs: re-export it with the public key (openssl ec -in KEY -out KEY.pem)",
        ));
    };
    ec_pair(kind, key.private_key, public)
}

fn ec_pair(kind: KeyKind, private: &[u8], public: &[u8]) -> Result<PrivateKey, KeyError> {
    let private = left_pad(private, kind.field_len()).ok_or_else(|| {
        invalid(format!(
            "the {} private key has the wrong size",
            kind.name()
        ))
    })?;
    let rng = ring::rand::SystemRandom::new();
    EcdsaKeyPair::from_private_key_and_public_key(kind.ecdsa(), &private, public, &rng)
        .map(|pair| PrivateKey {
            kind,
            pair: Pair::Ec(pair),
            kid: None,
            alg: None,
        })
        .map_err(|err| {
            invalid(format!(
                "the {} key was rejected ({err}): do its private and public parts match?",
                kind.name()
            ))
        })
}

/// `bytes` as exactly `len` bytes, zeros added in front (some encoders drop
/// leading zeros); `None` when it is longer.
fn left_pad(bytes: &[u8], len: usize) -> Option<Vec<u8>> {
    let skip = bytes.iter().take_while(|b| **b == 0).count();
    let digits = &bytes[skip..];
    (digits.len() <= len).then(|| {
        let mut out = vec![0; len - digits.len()];
        out.extend_from_slice(digits);
        out
    })
}

// ---- JWK (RFC 7517, RFC 7518 §6, RFC 8037)

fn parse_jwk_text(text: &str, kid: Option<&str>) -> Result<PrivateKey, KeyError> {
    let json: serde_json::Value =
        serde_json::from_str(text).map_err(|err| invalid(format!("invalid JSON ({err})")))?;
    let jwk = match json.get("keys") {
        Some(serde_json::Value::Array(keys)) => match (keys.as_slice(), kid) {
            ([], _) => return Err(invalid("the JWKS holds no key")),
            ([only], _) => only,
            (many, Some(kid)) => many
                .iter()
                .find(|k| k.get("kid").and_then(|v| v.as_str()) == Some(kid))
                .ok_or_else(|| {
                    invalid(format!(
                        "the JWKS holds {} keys, none with kid {kid}",
                        many.len()
                    ))
                })?,
            (many, None) => {
                return Err(invalid(format!(
                    "the JWKS holds {} keys: keep only the signing key, or name it by its kid",
                    many.len()
                )));
            }
        },
        Some(_) => return Err(invalid("`keys` is not an array")),
        None => &json,
    };
    parse_jwk(jwk)
}

fn parse_jwk(jwk: &serde_json::Value) -> Result<PrivateKey, KeyError> {
    let text = |name: &str| jwk.get(name).and_then(|v| v.as_str());
    let kty = text("kty").ok_or_else(|| invalid("the JWK has no `kty`"))?;
    if jwk.get("d").is_none() {
        return Err(invalid(
            "a public JWK: the private key (with `d`) is needed to sign",
        ));
    }
    let mut key = match kty {
        "RSA" => rsa_jwk(jwk)?,
        "EC" => ec_jwk(jwk)?,
        "OKP" => okp_jwk(jwk)?,
        other => {
            return Err(invalid(format!(
                "a JWK of kty {other}: RSA, EC and OKP are supported"
            )));
        }
    };
    key.kid = text("kid").map(str::to_owned);
    key.alg = match jwk.get("alg") {
        None => None,
        Some(alg) => Some(JwsAlg::deserialize(alg).map_err(|_| {
            invalid(format!(
                "the JWK's alg {alg} is not one oauthctl signs with"
            ))
        })?),
    };
    Ok(key)
}

/// A JWK member's base64url bytes.
fn jwk_bytes(jwk: &serde_json::Value, name: &str) -> Result<Vec<u8>, KeyError> {
    let value = jwk
        .get(name)
        .and_then(|v| v.as_str())
        .ok_or_else(|| invalid(format!("the JWK has no `{name}`")))?;
    URL_SAFE_NO_PAD
        .decode(value.trim_end_matches('='))
        .map_err(|_| invalid(format!("the JWK's `{name}` is not base64url")))
}

/// An RSA JWK, as the PKCS#1 structure ring reads.
fn rsa_jwk(jwk: &serde_json::Value) -> Result<PrivateKey, KeyError> {
    if jwk.get("oth").is_some() {
        return Err(invalid("multi-prime RSA JWKs (`oth`) are not supported"));
    }
    if ["p", "q", "dp", "dq", "qi"]
        .iter()
        .any(|name| jwk.get(name).is_none())
    {
        return Err(invalid(
            "the RSA JWK lacks its CRT parameters (p, q, dp, dq, qi), which signing needs",
        ));
    }
    let values = ["n", "e", "d", "p", "q", "dp", "dq", "qi"]
        .into_iter()
        .map(|name| jwk_bytes(jwk, name))
        .collect::<Result<Vec<_>, _>>()?;
    // Only a length past what DER can say (256 MiB) fails here.
    let pkcs1 = pkcs1_der(&values).map_err(|_| invalid("the RSA JWK is too large"))?;
    rsa_from_pkcs1(&pkcs1)
}

/// A two-prime PKCS#1 `RSAPrivateKey` of n, e, d, p, q, dp, dq, qi.
fn pkcs1_der(values: &[Vec<u8>]) -> der::Result<Vec<u8>> {
    let uint = |i: usize| UintRef::new(&values[i]);
    pkcs1::RsaPrivateKey {
        modulus: uint(0)?,
        public_exponent: uint(1)?,
        private_exponent: uint(2)?,
        prime1: uint(3)?,
        prime2: uint(4)?,
        exponent1: uint(5)?,
        exponent2: uint(6)?,
        coefficient: uint(7)?,
        other_prime_infos: None,
    }
    .to_der()
}

fn ec_jwk(jwk: &serde_json::Value) -> Result<PrivateKey, KeyError> {
    let kind = match jwk.get("crv").and_then(|v| v.as_str()) {
        Some("P-256") => KeyKind::P256,
        Some("P-384") => KeyKind::P384,
        Some(other) => {
            return Err(invalid(format!(
                "an EC JWK on {other}: P-256 (ES256) and P-384 (ES384) are supported"
            )));
        }
        None => return Err(invalid("the EC JWK has no `crv`")),
    };
    let coordinate = |name: &'static str| -> Result<Vec<u8>, KeyError> {
        left_pad(&jwk_bytes(jwk, name)?, kind.field_len())
            .ok_or_else(|| invalid(format!("the JWK's `{name}` has the wrong size")))
    };
    let mut public = vec![0x04];
    public.extend(coordinate("x")?);
    public.extend(coordinate("y")?);
    ec_pair(kind, &jwk_bytes(jwk, "d")?, &public)
}

fn okp_jwk(jwk: &serde_json::Value) -> Result<PrivateKey, KeyError> {
    match jwk.get("crv").and_then(|v| v.as_str()) {
        Some("Ed25519") => {
            Ed25519KeyPair::from_seed_and_public_key(&jwk_bytes(jwk, "d")?, &jwk_bytes(jwk, "x")?)
                .map(|pair| PrivateKey {
                    kind: KeyKind::Ed25519,
                    pair: Pair::Ed25519(pair),
                    kid: None,
                    alg: None,
                })
                .map_err(|err| {
                    invalid(format!(
                        "the Ed25519 key was rejected ({err}): do `d` and `x` match?"
                    ))
                })
        }
        other => Err(invalid(format!(
            "an OKP JWK on {}: Ed25519 is supported",
            other.unwrap_or("no curve")
        ))),
    }
}

#[cfg(test)]
mod tests;

/// The DER of the first certificate in PEM text.
pub fn first_certificate(pem: &[u8]) -> Option<Vec<u8>> {
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(pem)
        .next()?
        .ok()
        .map(|der| der.as_ref().to_vec())
}
