//! Ready-made client assertions (a file, a variable, a command, a CI
//! runner's OIDC token), read afresh for every request, against the real
//! provider's `ci-key` client (private_key_jwt), which trusts the keys the
//! assertions are signed with.

use crate::support::oidc::OidcProvider;
use crate::support::{Run, TestEnv, assert_code, assert_ok, stderr, stdout};
use std::sync::Arc;

/// `oauthctl cc` for `ci-key`, nothing stored, its assertion from `source`.
fn cc_command(env: &TestEnv, op: &OidcProvider, source: &[&str]) -> Run {
    let mut run = env.cmd();
    run.args([
        "cc",
        "--store",
        "none",
        "--issuer",
        op.issuer(),
        "--client-id",
        "ci-key",
    ])
    .args(source);
    run
}

fn cc(env: &TestEnv, op: &OidcProvider, source: &[&str]) -> std::process::Output {
    cc_command(env, op, source).output().unwrap()
}

#[test]
fn assertions_from_a_file_a_variable_and_a_command() {
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let env = TestEnv::new();
    let file = env.write_file(
        "assertion.jwt",
        &op.sign_assertion("p256.pkcs8.pem", "ES256", "p256", "ci-key"),
    );
    let out = cc(
        &env,
        &op,
        &["--client-assertion-file", file.to_str().unwrap()],
    );
    assert_ok(&out);
    op.assert_token_accepted(stdout(&out).trim());
    // The same file again: the provider refuses a replayed jti, so the file
    // was read again, not cached, and its owner must renew it.
    let out = cc(
        &env,
        &op,
        &["--client-assertion-file", file.to_str().unwrap()],
    );
    assert_code(&out, 3);
    std::fs::write(
        &file,
        op.sign_assertion("p256.pkcs8.pem", "ES256", "p256", "ci-key"),
    )
    .unwrap();
    assert_ok(&cc(
        &env,
        &op,
        &["--client-assertion-file", file.to_str().unwrap()],
    ));

    let out = cc_command(&env, &op, &["--client-assertion-env", "CI_ASSERTION"])
        .env(
            "CI_ASSERTION",
            op.sign_assertion("rsa.pkcs8.pem", "RS256", "rsa", "ci-key"),
        )
        .output()
        .unwrap();
    assert_ok(&out);

    // A command makes a fresh one for every request.
    let command = op.sign_assertion_command("ed25519.pkcs8.pem", "EdDSA", "ed25519", "ci-key");
    for _ in 0..2 {
        let out = cc(&env, &op, &["--client-assertion-cmd", &command]);
        assert_ok(&out);
    }
    assert!(!stderr(&out).contains("eyJ"), "an assertion reached stderr");
}

#[test]
fn an_expired_assertion_file_is_refused_and_nothing_is_stored() {
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let env = TestEnv::new();
    // Made ten minutes ago, valid for one: what a CI job's stale file holds.
    let file = env.write_file(
        "assertion.jwt",
        &op.sign_aged_assertion("p256.pkcs8.pem", "ES256", "p256", "ci-key", 600),
    );
    let out = env.run(&[
        "cc",
        "--store",
        "file",
        "--issuer",
        op.issuer(),
        "--client-id",
        "ci-key",
        "--client-assertion-file",
        file.to_str().unwrap(),
    ]);
    assert_code(&out, 3);
    assert!(stderr(&out).contains("invalid_client"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let tokens = env.data_dir().join("tokens");
    let stored = std::fs::read_dir(&tokens).map_or(0, |dir| dir.count());
    assert_eq!(stored, 0, "nothing is stored after a refused assertion");
}

#[test]
fn gitlab_and_github_runner_tokens_as_assertions() {
    let Some(op) = OidcProvider::start_with_client_keys() else {
        return;
    };
    let op = Arc::new(op);
    let env = TestEnv::new();
    // GitLab puts the id_token in a variable the job names.
    let out = cc_command(
        &env,
        &op,
        &["--client-assertion", "gitlab-ci=GITLAB_OIDC_TOKEN"],
    )
    .env(
        "GITLAB_OIDC_TOKEN",
        op.sign_assertion("p384.pkcs8.pem", "ES384", "p384", "ci-key"),
    )
    .output()
    .unwrap();
    assert_ok(&out);

    // GitHub's runner serves its token at ACTIONS_ID_TOKEN_REQUEST_URL to
    // the bearer of ACTIONS_ID_TOKEN_REQUEST_TOKEN, for the audience asked.
    let runner = {
        let op = Arc::clone(&op);
        crate::support::fake::FakeProvider::github_actions_runner(
            "runner-request-token",
            op.token_url(),
            move || op.sign_assertion("rsa.pkcs8.pem", "RS256", "rsa", "ci-key"),
        )
    };
    let audience = format!("github-actions={}", op.token_url());
    let github = |token: &str| {
        env.cmd()
            .env(
                "ACTIONS_ID_TOKEN_REQUEST_URL",
                runner.id_token_request_url(),
            )
            .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", token)
            .args([
                "cc",
                "--store",
                "none",
                "--issuer",
                op.issuer(),
                "--client-id",
                "ci-key",
            ])
            .args(["--client-assertion", &audience])
            .output()
            .unwrap()
    };
    let out = github("runner-request-token");
    assert_ok(&out);
    op.assert_token_accepted(stdout(&out).trim());
    let out = github("wrong");
    assert_code(&out, 2);
    assert!(stderr(&out).contains("401"), "{}", stderr(&out));
    // Outside a runner: said plainly.
    let out = cc(&env, &op, &["--client-assertion", "github-actions"]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("id-token: write"), "{}", stderr(&out));
}
