//! `oauthctl docker-credential`, driven as docker's credential-helper client
//! drives a helper: `docker-credential-oauthctl OPERATION` found by name,
//! the server URL on stdin without a newline, JSON or the "not found" text on
//! stdout.

use crate::support::oidc::OidcProvider;
use crate::support::{BIN, TestEnv, assert_ok, stdout};
use std::path::PathBuf;
use std::process::Output;

fn logged_in(op: &OidcProvider, extra: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\ndocker_registries = [\"registry.example.com\", \"127.0.0.1:5000\"]\n{extra}",
        op.issuer()
    ));
    env.log_in(op, "work");
    env
}

/// `docker-credential-oauthctl`, a symlink to the binary, as docker finds it on PATH.
fn helper(env: &TestEnv) -> PathBuf {
    let dir = env.path().join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join("docker-credential-oauthctl");
    if !link.exists() {
        std::os::unix::fs::symlink(BIN, &link).unwrap();
    }
    link
}

/// What docker's client does: the helper, one operation, `input` on stdin.
fn docker_asks(env: &TestEnv, operation: &str, input: &str) -> Output {
    env.command(helper(env))
        .arg(operation)
        .stdin_text(input)
        .output()
        .unwrap()
}

fn stored_token(env: &TestEnv) -> String {
    stdout(&env.run(&["token", "-p", "work"])).trim().to_owned()
}

#[test]
fn get_answers_with_a_working_access_token_for_a_listed_registry() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op, "");
    let out = docker_asks(&env, "get", "https://registry.example.com");
    assert_ok(&out);
    let answer: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(answer["ServerURL"], "https://registry.example.com");
    assert_eq!(answer["Username"], "oauth2accesstoken");
    let secret = answer["Secret"].as_str().unwrap().to_owned();
    assert_eq!(secret, stored_token(&env));
    op.assert_token_accepted(&secret);
    // docker's other spellings of the same registry, and the subcommand form.
    for server in ["registry.example.com", "https://registry.example.com/v2/"] {
        let out = docker_asks(&env, "get", server);
        assert_ok(&out);
        assert!(stdout(&out).contains(&secret), "{server}");
    }
    let out = env.run_with_stdin(&["docker-credential", "get"], "127.0.0.1:5000");
    assert_ok(&out);
    assert!(stdout(&out).contains(&secret));
}

#[test]
fn an_unlisted_registry_is_not_found_so_docker_goes_on_without() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op, "");
    for server in [
        "https://index.docker.io/v1/",
        "http://registry.example.com",
        "",
    ] {
        let out = docker_asks(&env, "get", server);
        assert_eq!(out.status.code(), Some(1), "{server}");
        assert_eq!(
            stdout(&out).trim(),
            "credentials not found in native keychain",
            "{server}"
        );
    }
    assert_eq!(op.stats()["token_requests"], 0);
}

#[test]
fn erase_renews_the_next_token_and_store_list_version_answer() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op, "docker_username = \"robot\"\n");
    let before = stored_token(&env);
    assert_ok(&docker_asks(&env, "erase", "registry.example.com"));
    let out = docker_asks(&env, "get", "registry.example.com");
    assert_ok(&out);
    let answer: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(answer["Username"], "robot");
    assert_ne!(
        answer["Secret"],
        before.as_str(),
        "erase did not drop the token"
    );
    assert_eq!(op.grant_count("refresh_token"), 1, "{}", op.stats());

    let out = docker_asks(
        &env,
        "store",
        r#"{"ServerURL":"registry.example.com","Username":"x","Secret":"y"}"#,
    );
    assert_ok(&out);
    assert_eq!(stdout(&out), "");
    assert!(
        !std::fs::read_to_string(env.config_path())
            .unwrap()
            .contains("\"y\"")
    );

    let out = docker_asks(&env, "list", "");
    assert_ok(&out);
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        list,
        serde_json::json!({"https://registry.example.com": "robot", "https://127.0.0.1:5000": "robot"})
    );
    let out = docker_asks(&env, "version", "");
    assert_ok(&out);
    assert!(stdout(&out).starts_with("oauthctl "));
}

#[test]
fn not_logged_in_is_said_where_docker_reads_it() {
    let env = TestEnv::new();
    env.write_config(
        "[profiles.work]\nissuer = \"https://id.example.com\"\nclient_id = \"x\"\ndocker_registries = [\"registry.example.com\"]\n",
    );
    let out = docker_asks(&env, "get", "registry.example.com");
    assert_eq!(out.status.code(), Some(4));
    assert!(stdout(&out).contains("not logged in"), "{}", stdout(&out));
}
