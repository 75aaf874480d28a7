//! The JWT bearer grant (RFC 7523 §2.1) and Google service-account key
//! files, which mint with it and need no other flag (as `oauth2l fetch`).
//! The token endpoint is a fake that checks the assertion as Google does:
//! its RS256 signature with the account's public key, `iss`, `aud`, `scope`.

use crate::support::fake::FakeProvider;
use crate::support::fake::google::EMAIL;
use crate::support::oidc::OidcProvider;
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};

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
    let fake = FakeProvider::google(public_key);
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
