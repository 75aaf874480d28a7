//! `oauthctl exchange` (RFC 8693) against the real provider's token-exchange
//! grant: a user's token traded for an API token, cached, chained.

use crate::support::oidc::OidcProvider;
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};

fn env_with_user_and_exchanger(op: &OidcProvider) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.user]\nissuer = \"{0}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n\
         [profiles.api]\nissuer = \"{0}\"\nclient_id = \"ci-exchange\"\nclient_secret = \"ci-exchange-secret\"\n",
        op.issuer()
    ));
    env.log_in(op, "user");
    env
}

fn exchange_count(op: &OidcProvider) -> u64 {
    op.grant_count("urn:ietf:params:oauth:grant-type:token-exchange")
}

#[test]
fn a_profiles_token_is_exchanged_cached_and_accepted() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = env_with_user_and_exchanger(&op);
    let out = env.run(&["exchange", "-p", "api", "--subject-profile", "user"]);
    assert_ok(&out);
    let token = stdout(&out).trim().to_owned();
    let me = op.assert_token_accepted(&token);
    assert_eq!(me["client_id"], "ci-exchange", "{me}");
    assert_eq!(op.stats()["exchanged_from"], "cli-public", "{}", op.stats());
    // The same exchange again: from the cache.
    let again = env.run(&["exchange", "-p", "api", "--subject-profile", "user"]);
    assert_eq!(stdout(&again).trim(), token);
    assert_eq!(exchange_count(&op), 1, "{}", op.stats());
    // --force exchanges anew; -o json says when it ends.
    let out = env.run(&[
        "exchange",
        "-p",
        "api",
        "--subject-profile",
        "user",
        "--force",
        "-o",
        "json",
    ]);
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_ne!(json["access_token"], token.as_str());
    assert_eq!(exchange_count(&op), 2);
}

#[test]
fn subject_tokens_come_from_a_file_a_variable_or_stdin_never_argv() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = env_with_user_and_exchanger(&op);
    let subject = stdout(&env.run(&["token", "-p", "user"])).trim().to_owned();
    let file = env.write_file("subject.token", &format!("{subject}\n"));
    let from_file = env.run(&[
        "exchange",
        "-p",
        "api",
        "--subject-token-file",
        file.to_str().unwrap(),
        "--subject-token-type",
        "access_token",
    ]);
    assert_ok(&from_file);
    let from_env = env
        .cmd()
        .env("SUBJECT", &subject)
        .args(["exchange", "-p", "api", "--subject-token-env", "SUBJECT"])
        .output()
        .unwrap();
    assert_ok(&from_env);
    // The same subject and parameters: one exchange, whatever the source.
    assert_eq!(stdout(&from_file), stdout(&from_env));
    let from_stdin =
        env.run_with_stdin(&["exchange", "-p", "api", "--subject-token", "-"], &subject);
    assert_eq!(stdout(&from_stdin), stdout(&from_file));
    assert_eq!(exchange_count(&op), 1, "{}", op.stats());
    let out = env.run(&["exchange", "-p", "api", "--subject-token", &subject]);
    assert_code(&out, 2);
    assert!(!stderr(&out).contains(&subject), "the token was echoed");
}

#[test]
fn a_subject_token_the_provider_does_not_accept_is_its_error() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = env_with_user_and_exchanger(&op);
    let file = env.write_file("subject.token", "not-a-token-of-this-server");
    let out = env.run(&[
        "exchange",
        "-p",
        "api",
        "--subject-token-file",
        file.to_str().unwrap(),
    ]);
    assert_code(&out, 3);
    let err = stderr(&out);
    assert!(err.contains("invalid_grant"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!err.contains("not-a-token-of-this-server"), "{err}");
}
