//! The JWT bearer grant (RFC 7523 §2.1) and Google service-account key
//! files, which mint with it and need no other flag (as `oauth2l fetch`).
//! The token endpoint is a fake that checks the assertion as Google does:
//! its RS256 signature with the account's public key, `iss`, `aud`, `scope`.

use crate::support::fake::{FakeProvider, Reply, State};
use crate::support::oidc::OidcProvider;
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::sync::{Arc, Mutex};

const EMAIL: &str = "deployer@project.iam.gserviceaccount.com";
const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";

fn google(public_key: Vec<u8>, token_uri: Arc<Mutex<String>>) -> FakeProvider {
    FakeProvider::start(State::default(), move |req, st| {
        if req.param("grant_type").as_deref() != Some(JWT_BEARER) {
            return Reply::oauth_error(400, "unsupported_grant_type", "");
        }
        let assertion = req.param("assertion").unwrap_or_default();
        let parts: Vec<&str> = assertion.split('.').collect();
        let [header, claims, signature] = parts[..] else {
            return Reply::oauth_error(400, "invalid_grant", "not a JWT");
        };
        let signed = format!("{header}.{claims}");
        let verified = ring::signature::UnparsedPublicKey::new(
            &ring::signature::RSA_PKCS1_2048_8192_SHA256,
            &public_key,
        )
        .verify(
            signed.as_bytes(),
            &URL_SAFE_NO_PAD.decode(signature).unwrap_or_default(),
        );
        if verified.is_err() {
            return Reply::oauth_error(400, "invalid_grant", "Invalid JWT Signature.");
        }
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(claims).unwrap()).unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        if claims["iss"] != EMAIL
            || claims["aud"] != token_uri.lock().unwrap().as_str()
            || claims["scope"] != "https://www.googleapis.com/auth/cloud-platform"
            || claims["exp"].as_u64().unwrap_or(0) <= now
        {
            return Reply::oauth_error(400, "invalid_grant", "Invalid JWT claims.");
        }
        st.hits += 1;
        Reply::json(
            200,
            &serde_json::json!({"access_token": format!("ya29.sa-{}", st.hits), "token_type": "Bearer", "expires_in": 3599}),
        )
    })
}

#[test]
fn a_service_account_file_mints_with_no_other_flag() {
    // The provider's harness makes the RSA key (node), as Google would.
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let pem = std::fs::read_to_string(op.key_path("rsa.pkcs8.pem")).unwrap();
    let public_key = oauthctl::oauth::jws::PrivateKey::parse(pem.as_bytes(), None)
        .unwrap()
        .public_key()
        .to_vec();
    let token_uri = Arc::new(Mutex::new(String::new()));
    let fake = google(public_key, Arc::clone(&token_uri));
    *token_uri.lock().unwrap() = fake.url("/token");
    let env = TestEnv::new();
    let sa = env.write_file(
        "sa.json",
        &serde_json::json!({
            "type": "service_account",
            "project_id": "project",
            "private_key_id": "rsa",
            "private_key": pem,
            "client_email": EMAIL,
            "token_uri": fake.url("/token"),
        })
        .to_string(),
    );
    std::fs::set_permissions(&sa, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let fetch = || {
        env.run(&[
            "token",
            "--store",
            "file",
            "--credentials-file",
            sa.to_str().unwrap(),
            "--scope",
            "https://www.googleapis.com/auth/cloud-platform",
        ])
    };
    let out = fetch();
    assert_ok(&out);
    assert_eq!(stdout(&out), "ya29.sa-1\n");
    assert_eq!(stderr(&out), "");
    // Cached like client credentials.
    assert_eq!(stdout(&fetch()), "ya29.sa-1\n");
    assert_eq!(fake.requests_to("/token").len(), 1);
    // A grant = "jwt_bearer" profile with its own key works the same way.
    env.write_config(&format!(
        "[profiles.sa]\ntoken_url = \"{}\"\nclient_id = \"{EMAIL}\"\ngrant = \"jwt_bearer\"\nclient_key = \"{}\"\nscopes = [\"https://www.googleapis.com/auth/cloud-platform\"]\n",
        fake.url("/token"),
        op.key_path("rsa.pkcs8.pem").display()
    ));
    // (The same client, server and scopes: the same cache entry, so a
    // mint is asked for.)
    let out = env.run(&["token", "-p", "sa", "--min-ttl", "99999"]);
    assert_ok(&out);
    assert_eq!(stdout(&out), "ya29.sa-2\n");
    // `login --grant-type jwt-bearer` makes the same assertion and stores
    // the result; a ready-made assertion comes from --assertion-file.
    let out = env.run(&["login", "-p", "sa", "--grant-type", "jwt-bearer"]);
    assert_ok(&out);
    assert_eq!(fake.requests_to("/token").len(), 3);
    let junk = env.write_file("assertion.jwt", "not a jwt");
    let out = env.run(&[
        "login",
        "-p",
        "sa",
        "--grant-type",
        "jwt-bearer",
        "--assertion-file",
        junk.to_str().unwrap(),
    ]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("does not hold one JWT"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fake.requests_to("/token").len(), 3, "nothing sent");
    // Another key: Google's answer is the error, exit 3.
    env.write_config(&format!(
        "[profiles.sa]\ntoken_url = \"{}\"\nclient_id = \"{EMAIL}\"\ngrant = \"jwt_bearer\"\nclient_key = \"{}\"\nscopes = [\"https://www.googleapis.com/auth/cloud-platform\"]\n",
        fake.url("/token"),
        op.key_path("other.pkcs8.pem").display()
    ));
    let out = env.run(&["token", "-p", "sa", "--min-ttl", "99999"]);
    assert_code(&out, 3);
    assert!(
        stderr(&out).contains("Invalid JWT Signature"),
        "{}",
        stderr(&out)
    );
}
