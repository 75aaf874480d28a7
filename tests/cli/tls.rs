//! The provider on https, with a certificate from the tests' own CA:
//! refused until the client is told to trust that CA (`--cacert`).

use crate::support::oidc::{OidcProvider, SPECIAL_SECRET};
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};

#[test]
fn a_provider_with_a_private_ca_is_trusted_only_with_cacert() {
    let Some((op, ca)) = OidcProvider::start_tls() else {
        return;
    };
    assert!(
        op.issuer().starts_with("https://127.0.0.1:"),
        "{}",
        op.issuer()
    );
    let env = TestEnv::new();
    let secret = env.write_file("secret", SPECIAL_SECRET);
    let cc = |extra: &[&str]| {
        let mut args = vec![
            "cc",
            "--store",
            "none",
            "--issuer",
            op.issuer(),
            "--client-id",
            "ci-basic",
            "--client-secret-file",
            secret.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    let out = cc(&[]);
    assert_code(&out, 5);
    let err = stderr(&out);
    assert!(err.to_lowercase().contains("certificate"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    let out = cc(&["--cacert", ca.to_str().unwrap()]);
    assert_ok(&out);
    assert!(!stdout(&out).trim().is_empty());

    // The profile key, relative to the config file; introspection (another
    // endpoint, the same client) trusts it too.
    env.write_config(&format!(
        "[profiles.ci]\nissuer = \"{}\"\nclient_id = \"ci-basic\"\nclient_secret_file = \"{}\"\ngrant = \"client_credentials\"\ncacert = \"company-ca.pem\"\n",
        op.issuer(),
        secret.display()
    ));
    std::fs::copy(
        &ca,
        env.config_path().parent().unwrap().join("company-ca.pem"),
    )
    .unwrap();
    std::fs::copy(
        &ca,
        env.config_path().parent().unwrap().join("company-ca.pem"),
    )
    .unwrap();
    assert_ok(&env.run(&["token", "-p", "ci"]));
    let out = env.run(&["introspect", "-p", "ci"]);
    assert_ok(&out);
    assert!(stdout(&out).starts_with("active: true"), "{}", stdout(&out));

    let bad = env.write_file("not-a-ca.pem", "hello");
    let out = cc(&["--cacert", bad.to_str().unwrap()]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("not-a-ca.pem"), "{}", stderr(&out));
}
