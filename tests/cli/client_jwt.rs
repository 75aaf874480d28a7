//! Signed-JWT client authentication (RFC 7523 §2.2, OIDC Core §9): every key
//! format oauthctl reads, against the real oidc-provider, which checks the
//! signature, the claims and that no assertion is used twice.

use crate::support::fake::{FakeProvider, Reply, State};
use crate::support::oidc::{CLIENT_SECRET_JWT_SECRET, OidcProvider};
use crate::support::{TestEnv, assert_code, assert_ok, printed_token, stderr};
use base64::Engine as _;
use std::path::Path;

/// `cc` for `client_id` with a private key, nothing stored.
fn cc_with_key(op: &OidcProvider, client_id: &str, key: &Path, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "cc",
        "--store",
        "none",
        "--issuer",
        op.issuer(),
        "--client-id",
        client_id,
        "--client-auth",
        "private-key-jwt",
        "--client-key",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(key.display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn run(env: &TestEnv, args: &[String]) -> std::process::Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run(&args)
}

/// The lines of stderr, for "one clean line" checks.
fn lines(out: &std::process::Output) -> Vec<String> {
    stderr(out).lines().map(str::to_owned).collect()
}

#[test]
fn every_key_format_mints_a_token_the_api_accepts() {
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let env = TestEnv::new();
    // (file, --client-key-id, --client-key-alg): JWKs name their own kid.
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        ("rsa.pkcs8.pem", Some("rsa"), None),
        ("rsa.pkcs1.pem", Some("rsa"), None),
        ("rsa.jwk.json", None, None),
        ("rsa.pkcs8.pem", Some("rsa"), Some("PS256")),
        ("rsa.jwk.json", None, Some("RS512")),
        ("rsa.pkcs1.pem", Some("rsa"), Some("ps384")),
        ("p256.pkcs8.pem", Some("p256"), None),
        ("p256.sec1.pem", Some("p256"), None),
        ("p256.jwk.json", None, None),
        ("p384.pkcs8.pem", Some("p384"), None),
        ("p384.sec1.pem", Some("p384"), Some("ES384")),
        ("ed25519.pkcs8.pem", Some("ed25519"), None),
        ("ed25519.jwk.json", None, None),
    ];
    for (file, kid, alg) in cases {
        let mut extra = Vec::new();
        if let Some(kid) = kid {
            extra.extend(["--client-key-id", kid]);
        }
        if let Some(alg) = alg {
            extra.extend(["--client-key-alg", alg]);
        }
        let out = run(
            &env,
            &cc_with_key(&op, "ci-key", &op.key_path(file), &extra),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{file} {alg:?}: {}\n--- server\n{}",
            stderr(&out),
            op.server_stderr()
        );
        assert_eq!(stderr(&out), "", "{file}: nothing to say");
        let me = op.assert_token_accepted(&printed_token(&out));
        assert_eq!(me["client_id"], "ci-key", "{file}");
    }
    assert_eq!(op.grant_count("client_credentials"), cases.len() as u64);
}

#[test]
fn client_secret_jwt_mints_with_the_secret() {
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let env = TestEnv::new();
    let secret = env.write_file("secret", CLIENT_SECRET_JWT_SECRET);
    let args = |secret: &Path, alg: Option<&str>| {
        let mut args = vec![
            "cc".to_owned(),
            "--store".into(),
            "none".into(),
            "--issuer".into(),
            op.issuer().into(),
            "--client-id".into(),
            "ci-secret-jwt".into(),
            "--client-auth".into(),
            "client-secret-jwt".into(),
            "--client-secret-file".into(),
            secret.display().to_string(),
        ];
        if let Some(alg) = alg {
            args.extend(["--client-key-alg".into(), alg.into()]);
        }
        args
    };
    for alg in [None, Some("HS384")] {
        let out = run(&env, &args(&secret, alg));
        let me = op.assert_token_accepted(&printed_token(&out));
        assert_eq!(me["client_id"], "ci-secret-jwt");
    }

    let wrong = env.write_file("wrong", &"x".repeat(48));
    let out = run(&env, &args(&wrong, None));
    assert_code(&out, 3);
    assert_eq!(lines(&out).len(), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("eyJ"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("client secret the HS256 assertion is keyed with"),
        "{}",
        stderr(&out)
    );

    // An asymmetric alg cannot be keyed with a secret.
    let out = run(&env, &args(&secret, Some("RS256")));
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("--client-key-alg RS256 does not fit client-secret-jwt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_unregistered_key_is_invalid_client_in_one_line() {
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let env = TestEnv::new();
    let out = run(
        &env,
        &cc_with_key(
            &op,
            "ci-key",
            &op.key_path("other.pkcs8.pem"),
            &["--client-key-id", "p256"],
        ),
    );
    assert_code(&out, 3);
    let lines = lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("invalid_client"), "{lines:?}");
    assert!(!lines[0].contains("eyJ"), "no assertion in {lines:?}");
    // The advice fits a key: which key, kid, alg and aud, not a secret.
    let other = op.key_path("other.pkcs8.pem");
    for part in [
        format!("public key of {}", other.display()),
        "kid p256".to_owned(),
        "ES256".to_owned(),
        format!("`aud` {}", op.token_url()),
    ] {
        assert!(lines[0].contains(&part), "no {part:?} in {lines:?}");
    }
    assert!(!lines[0].contains("--client-secret"), "{lines:?}");
}

#[cfg(unix)]
#[test]
fn a_key_other_users_can_read_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let env = TestEnv::new();
    let key = env.path().join("shared.pem");
    std::fs::copy(op.key_path("p256.pkcs8.pem"), &key).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(
        &env,
        &cc_with_key(&op, "ci-key", &key, &["--client-key-id", "p256"]),
    );
    op.assert_token_accepted(&printed_token(&out));
    let lines = lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("is readable by other users (mode 0644): chmod 600 it")
            && lines[0].contains("shared.pem"),
        "{lines:?}"
    );
}

#[test]
fn a_key_that_cannot_be_used_is_a_usage_error_naming_the_file() {
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let env = TestEnv::new();
    let rsa = op.key_path("rsa.pkcs8.pem");
    let out = run(
        &env,
        &cc_with_key(&op, "ci-key", &rsa, &["--client-key-alg", "ES256"]),
    );
    assert_code(&out, 2);
    assert_eq!(
        lines(&out),
        [format!(
            "oauthctl: error: --client-key-alg ES256 does not fit the RSA key in {} (use RS256, RS384, RS512, PS256, PS384 or PS512)",
            rsa.display()
        )]
    );

    let missing = env.path().join("missing.pem");
    let out = run(&env, &cc_with_key(&op, "ci-key", &missing, &[]));
    assert_code(&out, 2);
    assert_eq!(lines(&out).len(), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("cannot read the client key {}", missing.display())),
        "{}",
        stderr(&out)
    );

    let garbage = env.write_file(
        "garbage.pem",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    );
    let out = run(&env, &cc_with_key(&op, "ci-key", &garbage, &[]));
    assert_code(&out, 2);
    assert_eq!(lines(&out).len(), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("client key {}: no private key", garbage.display())),
        "{}",
        stderr(&out)
    );
    assert_eq!(op.grant_count("client_credentials"), 0, "nothing was sent");
}

#[test]
fn assertions_are_fresh_for_each_request_and_never_logged() {
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let env = TestEnv::new();
    let key = op.key_path("ed25519.jwk.json");
    let mut first = cc_with_key(&op, "ci-key", &key, &["-vv"]);
    first[2] = "file".into();
    let out = run(&env, &first);
    let token1 = printed_token(&out);
    let log = stderr(&out);
    assert!(log.contains("client_assertion=<redacted>"), "{log}");
    assert!(
        log.contains(
            "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        ),
        "{log}"
    );
    assert!(!log.contains("eyJ"), "an assertion was logged: {log}");
    // oidc-provider refuses an assertion it has seen: a second mint works
    // only with a new jti.
    let mut again = first.clone();
    again.push("--force".into());
    let out = run(&env, &again);
    let token2 = printed_token(&out);
    assert_ne!(token1, token2);
    assert!(!stderr(&out).contains("eyJ"));
    op.assert_token_accepted(&token2);
    assert_eq!(op.grant_count("client_credentials"), 2);
}

#[test]
fn a_profile_with_a_relative_key_and_the_issuer_as_audience() {
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let env = TestEnv::new();
    let config = env.write_config(&format!(
        "[profiles.ci]\nissuer = \"{}\"\nclient_id = \"ci-key-issuer\"\nclient_auth = \"private_key_jwt\"\nclient_key = \"keys/p384.jwk.json\"\nclient_assertion_aud = \"issuer\"\ngrant = \"client_credentials\"\n",
        op.issuer()
    ));
    let keys = config.parent().unwrap().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    std::fs::copy(op.key_path("p384.jwk.json"), keys.join("p384.jwk.json")).unwrap();
    let out = env.run(&["-p", "ci", "token"]);
    let me = op.assert_token_accepted(&printed_token(&out));
    assert_eq!(me["client_id"], "ci-key-issuer");

    // This client wants the issuer: the token endpoint as aud is refused.
    let out = env.run(&[
        "-p",
        "ci",
        "cc",
        "--force",
        "--client-assertion-aud",
        "token-endpoint",
    ]);
    assert_code(&out, 3);
    // And --client-key alone means private-key-jwt.
    let out = run(&env, &{
        let mut args = cc_with_key(&op, "ci-key", &op.key_path("p256.jwk.json"), &[]);
        args.drain(7..9);
        args
    });
    op.assert_token_accepted(&printed_token(&out));
}

/// A retried request carries a new assertion: the first may have been seen.
#[test]
fn a_retry_signs_a_new_assertion() {
    let provider = FakeProvider::start(State::default(), |req, state| {
        if req.path != "/token" {
            return Reply::not_found();
        }
        state.hits += 1;
        if state.hits == 1 {
            return Reply::json(
                503,
                &serde_json::json!({"error": "temporarily_unavailable"}),
            )
            .header("Retry-After", "0");
        }
        Reply::json(
            200,
            &serde_json::json!({"access_token": "minted", "token_type": "Bearer", "expires_in": 600}),
        )
    });
    let env = TestEnv::new();
    let key = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/oauth/jws/testdata/rsa.jwk.json");
    let token_url = provider.url("/token");
    let out = env.run(&[
        "cc",
        "--store",
        "none",
        "--token-url",
        &token_url,
        "--client-id",
        "svc",
        "--client-key",
        key.to_str().unwrap(),
    ]);
    assert_eq!(printed_token(&out), "minted");
    let requests = provider.requests_to("/token");
    assert_eq!(requests.len(), 2);
    let claims: Vec<serde_json::Value> = requests
        .iter()
        .map(|req| {
            assert_eq!(req.param("client_id").as_deref(), Some("svc"));
            assert_eq!(
                req.param("client_assertion_type").as_deref(),
                Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            );
            assert!(req.header("authorization").is_none());
            let jwt = req.param("client_assertion").expect("client_assertion");
            let parts: Vec<&str> = jwt.split('.').collect();
            let decode = |part: &str| -> serde_json::Value {
                let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(part)
                    .unwrap();
                serde_json::from_slice(&bytes).unwrap()
            };
            assert_eq!(
                decode(parts[0]),
                serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": "rsa-kid"})
            );
            decode(parts[1])
        })
        .collect();
    for c in &claims {
        assert_eq!(c["iss"], "svc");
        assert_eq!(c["sub"], "svc");
        assert_eq!(c["aud"], token_url.as_str());
        assert_eq!(c["exp"].as_u64().unwrap() - c["iat"].as_u64().unwrap(), 60);
    }
    assert_ne!(claims[0]["jti"], claims[1]["jti"]);
    assert_ok(&out);
}
