//! Keys in every format oauthctl reads, generated once by Node's crypto
//! (`testdata/`: test keys, never used anywhere else). Each format of one
//! key must give the same public key, and its signatures must verify.

use super::*;
use ring::signature::UnparsedPublicKey;

fn read(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/oauth/jws/testdata")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(name: &str) -> PrivateKey {
    PrivateKey::parse(&read(name), None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn error(bytes: &[u8]) -> String {
    PrivateKey::parse(bytes, None).unwrap_err().to_string()
}

fn verifier(alg: JwsAlg) -> &'static dyn signature::VerificationAlgorithm {
    match alg {
        JwsAlg::RS256 => &signature::RSA_PKCS1_2048_8192_SHA256,
        JwsAlg::RS384 => &signature::RSA_PKCS1_2048_8192_SHA384,
        JwsAlg::RS512 => &signature::RSA_PKCS1_2048_8192_SHA512,
        JwsAlg::PS256 => &signature::RSA_PSS_2048_8192_SHA256,
        JwsAlg::PS384 => &signature::RSA_PSS_2048_8192_SHA384,
        JwsAlg::PS512 => &signature::RSA_PSS_2048_8192_SHA512,
        JwsAlg::ES256 => &signature::ECDSA_P256_SHA256_FIXED,
        JwsAlg::ES384 => &signature::ECDSA_P384_SHA384_FIXED,
        JwsAlg::EdDSA => &signature::ED25519,
        other => panic!("{other} is not asymmetric"),
    }
}

#[track_caller]
fn assert_signs(key: &SigningKey) {
    let sig = key.sign(b"header.claims").unwrap();
    UnparsedPublicKey::new(verifier(key.alg()), key.public_key())
        .verify(b"header.claims", &sig)
        .unwrap_or_else(|_| panic!("{key:?}: the signature does not verify"));
}

#[test]
fn every_format_of_a_key_is_the_same_key() {
    for (files, kind, alg) in [
        (
            &["rsa.pkcs8.pem", "rsa.pkcs1.pem", "rsa.jwk.json"][..],
            KeyKind::Rsa,
            JwsAlg::RS256,
        ),
        (
            &["p256.pkcs8.pem", "p256.sec1.pem", "p256.jwk.json"],
            KeyKind::P256,
            JwsAlg::ES256,
        ),
        (
            &["p384.pkcs8.pem", "p384.sec1.pem", "p384.jwk.json"],
            KeyKind::P384,
            JwsAlg::ES384,
        ),
        (
            &["ed25519.pkcs8.pem", "ed25519.jwk.json"],
            KeyKind::Ed25519,
            JwsAlg::EdDSA,
        ),
    ] {
        let first = parse(files[0]).public_key().to_vec();
        for file in files {
            let key = parse(file);
            assert_eq!(key.kind(), kind, "{file}");
            assert_eq!(key.public_key(), first, "{file}: another key");
            let expected_kid = file
                .ends_with(".json")
                .then(|| format!("{}-kid", file.split('.').next().unwrap()));
            assert_eq!(key.kid().map(str::to_owned), expected_kid, "{file}");
            let key = SigningKey::new(key, None, None).unwrap();
            assert_eq!(key.alg(), alg, "{file}: the default alg");
            assert_signs(&key);
        }
    }
}

#[test]
fn rsa_keys_sign_with_every_rsa_alg() {
    for alg in KeyKind::Rsa.algs() {
        let key = SigningKey::new(parse("rsa.pkcs8.pem"), Some("k".into()), Some(*alg)).unwrap();
        assert_eq!(key.kid(), Some("k"));
        assert_signs(&key);
    }
}

#[test]
fn an_alg_that_does_not_fit_is_refused() {
    let err = SigningKey::new(parse("rsa.pkcs1.pem"), None, Some(JwsAlg::ES256)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ES256 does not fit an RSA key (use RS256, RS384, RS512, PS256, PS384 or PS512)"
    );
    let err = SigningKey::new(parse("p256.sec1.pem"), None, Some(JwsAlg::ES384)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "ES384 does not fit an EC P-256 key (use ES256)"
    );
    for key in ["ed25519.jwk.json", "p384.pkcs8.pem", "rsa.jwk.json"] {
        assert!(SigningKey::new(parse(key), None, Some(JwsAlg::HS256)).is_err());
    }
}

#[test]
fn a_jwk_alg_is_the_default_and_a_jwks_may_hold_one_key() {
    let mut jwk: serde_json::Value = serde_json::from_slice(&read("rsa.jwk.json")).unwrap();
    jwk["alg"] = "PS384".into();
    let key = PrivateKey::parse(jwk.to_string().as_bytes(), None).unwrap();
    assert_eq!(
        SigningKey::new(key, None, None).unwrap().alg(),
        JwsAlg::PS384
    );

    let p256: serde_json::Value = serde_json::from_slice(&read("p256.jwk.json")).unwrap();
    let one = serde_json::json!({ "keys": [p256] });
    let key = PrivateKey::parse(one.to_string().as_bytes(), None).unwrap();
    assert_eq!(key.kid(), Some("p256-kid"));

    let two = serde_json::json!({ "keys": [p256, jwk] });
    let err = PrivateKey::parse(two.to_string().as_bytes(), None).unwrap_err();
    assert!(err.to_string().contains("holds 2 keys"), "{err}");
    let key = PrivateKey::parse(two.to_string().as_bytes(), Some("rsa-kid")).unwrap();
    assert_eq!(key.kind(), KeyKind::Rsa);
    assert!(PrivateKey::parse(two.to_string().as_bytes(), Some("nope")).is_err());
}

#[test]
fn unusable_keys_say_why() {
    let p256: serde_json::Value = serde_json::from_slice(&read("p256.jwk.json")).unwrap();
    let mut public = p256.clone();
    public.as_object_mut().unwrap().remove("d");
    assert!(error(public.to_string().as_bytes()).contains("public JWK"));

    let mut rsa: serde_json::Value = serde_json::from_slice(&read("rsa.jwk.json")).unwrap();
    rsa.as_object_mut().unwrap().remove("qi");
    assert!(error(rsa.to_string().as_bytes()).contains("CRT parameters"));

    let mut mismatched = p256.clone();
    mismatched["d"] =
        serde_json::from_slice::<serde_json::Value>(&read("p384.jwk.json")).unwrap()["d"].clone();
    assert!(error(mismatched.to_string().as_bytes()).contains("wrong size"));

    assert!(error(&read("p521.pkcs8.pem")).contains("P-521"));
    assert!(error(&read("p521.sec1.pem")).contains("P-521"));
    assert!(error(&read("p521.jwk.json")).contains("P-521"));
    assert!(error(&read("rsa1024.pkcs8.pem")).contains("at least 2048 bits"));

    // SEC1 without its public key: ring cannot sign with that.
    let d = URL_SAFE_NO_PAD.decode(p256["d"].as_str().unwrap()).unwrap();
    let sec1 = sec1::EcPrivateKey {
        private_key: &d,
        parameters: Some(sec1::EcParameters::NamedCurve(OID_P256)),
        public_key: None,
    }
    .to_der()
    .unwrap();
    let pem = format!(
        "-----BEGIN EC PRIVATE KEY-----\n{}\n-----END EC PRIVATE KEY-----\n",
        base64::engine::general_purpose::STANDARD.encode(&sec1)
    );
    assert!(error(pem.as_bytes()).contains("does not include its public key"));

    assert!(
        error(
            b"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"
        )
        .contains("encrypted")
    );
    assert!(
        error(b"-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")
            .contains("OpenSSH")
    );
    assert!(
        error(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
            .contains("no private key")
    );
    assert!(error(b"hello").contains("not a PEM or JWK"));
    assert!(error(&[0x30, 0x82, 0xff]).contains("binary DER"));
    assert!(error(b"{\"kty\": \"oct\", \"k\": \"AAAA\", \"d\": \"x\"}").contains("kty oct"));
    assert!(error(b"{ not json").contains("invalid JSON"));
}

#[test]
fn errors_never_quote_the_key() {
    let text = String::from_utf8(read("p256.jwk.json")).unwrap();
    let d: serde_json::Value = serde_json::from_str(&text).unwrap();
    let d = d["d"].as_str().unwrap();
    let broken = text.replace("\"P-256\"", "\"P-999\"");
    let err = error(broken.as_bytes());
    assert!(!err.contains(d), "{err}");
    let broken = text.replacen('{', "{,", 1);
    assert!(!error(broken.as_bytes()).contains(d));
}

#[test]
fn hmac_matches_rfc_4231() {
    // RFC 4231 test case 2.
    let mac = hmac(JwsAlg::HS256, b"Jefe", b"what do ya want for nothing?");
    assert_eq!(
        mac.iter().map(|b| format!("{b:02x}")).collect::<String>(),
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    assert_eq!(hmac(JwsAlg::HS384, b"k", b"m").len(), 48);
    assert_eq!(hmac(JwsAlg::HS512, b"k", b"m").len(), 64);
}

#[test]
fn compact_serialisation() {
    let token = compact(
        &serde_json::json!({"alg": "HS256"}),
        &serde_json::json!({"a": 1}),
        |input| {
            assert_eq!(input, b"eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ");
            Ok(vec![0xff])
        },
    )
    .unwrap();
    assert_eq!(token, "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxfQ._w");
}

/// `name` indexes the table by discriminant: a variant added or moved
/// out of step with it would get another algorithm's name.
#[test]
fn every_algorithm_has_its_own_name_in_enum_order() {
    for (index, (alg, name)) in JwsAlg::NAMED.iter().enumerate() {
        assert_eq!(*alg as usize, index, "{name} out of order");
        assert_eq!(alg.name(), *name);
        assert_eq!(format!("{alg:?}"), *name, "serde reads the variant's name");
        assert_eq!(JwsAlg::ALL[index], *alg);
    }
}
