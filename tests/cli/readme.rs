//! The README's recipes, run as written. Each recipe block is marked
//! `<!-- recipe: NAME -->` on the line before its code fence; a test takes
//! the block's text from the README itself, points its example.com URLs at a
//! local fake, and runs it in bash with `oauthctl` on PATH. So a recipe that
//! stops working, or is edited into one that does not, fails here.

use crate::support::fake::{FakeProvider, Recorded, Reply, State};
use crate::support::{BIN, TestEnv, stderr, stdout};
use serde_json::json;
use std::path::Path;
use std::process::Output;

const CLIENT_SECRET: &str = "ci-bot-secret";

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

/// The code block after `<!-- recipe: NAME -->`.
fn recipe(name: &str) -> String {
    let text = readme();
    let marker = format!("<!-- recipe: {name} -->\n");
    let start = text
        .find(&marker)
        .unwrap_or_else(|| panic!("README has no recipe {name}"))
        + marker.len();
    let block = &text[start..];
    assert!(
        block.starts_with("```"),
        "recipe {name}: no code block after the marker"
    );
    let body = &block[block.find('\n').unwrap() + 1..];
    body[..body.find("\n```").expect("a closing fence")].to_owned()
}

/// The shell lines of a CI job: GitHub's `run: |` block, or GitLab's
/// `script:` list items, dedented.
fn ci_script(yaml: &str) -> String {
    let mut lines = Vec::new();
    let mut in_run = false;
    for line in yaml.lines() {
        let trimmed = line.trim_start();
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .filter(|_| !in_run && line.starts_with("    "))
        {
            lines.push(item.to_owned());
        } else if trimmed.starts_with("run: |") {
            in_run = true;
        } else if in_run && line.starts_with("    ") {
            lines.push(line[4..].to_owned());
        }
    }
    lines.join("\n")
}

fn basic_auth(req: &Recorded) -> Option<String> {
    use base64::Engine;
    let encoded = req.header("authorization")?.strip_prefix("Basic ")?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    String::from_utf8(bytes).ok()
}

/// A client-credentials token endpoint for `ci-bot` and an API that wants
/// its token: what id.example.com and api.example.com stand for.
fn ci_provider() -> FakeProvider {
    FakeProvider::start(State::default(), |req: &Recorded, st: &mut State| {
        match (req.method.as_str(), req.path.as_str()) {
            ("POST", "/token") => {
                if req.param("grant_type").as_deref() != Some("client_credentials")
                    || basic_auth(req) != Some(format!("ci-bot:{CLIENT_SECRET}"))
                {
                    return Reply::oauth_error(401, "invalid_client", "who are you");
                }
                let token = format!("ci-token-{}", st.issued.len() + 1);
                st.issued.push(token.clone());
                st.access_tokens.insert(token.clone());
                Reply::json(
                    200,
                    &json!({"access_token": token, "token_type": "Bearer", "expires_in": 300}),
                )
            }
            (_, "/deploy") => {
                let bearer = req
                    .header("authorization")
                    .and_then(|h| h.strip_prefix("Bearer "))
                    .unwrap_or_default();
                if !st.access_tokens.contains(bearer) {
                    return Reply::json(401, &json!({"error": "invalid_token"}));
                }
                Reply::json(200, &json!({"deployed": req.body}))
            }
            _ => Reply::not_found(),
        }
    })
}

/// `script` in bash (-eu, pipefail), in `env`'s directories, with the
/// example.com hosts replaced by `provider` and the built oauthctl first on PATH.
fn run_script(env: &TestEnv, provider: &FakeProvider, script: &str) -> Output {
    let script = script
        .replace("https://id.example.com", &provider.url(""))
        .replace("https://api.example.com", &provider.url(""));
    let bin_dir = Path::new(BIN).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    env.command("bash")
        .args(["-euo", "pipefail", "-c", &script])
        .current_dir(env.path())
        .env("PATH", path)
        .env_remove("OAUTHCTL_STORE")
        .output()
        .unwrap()
}

#[test]
fn the_github_actions_recipe_mints_and_calls_the_api() {
    let provider = ci_provider();
    let env = TestEnv::new();
    std::fs::write(env.path().join("deploy.json"), r#"{"version":"1.2.3"}"#).unwrap();
    let script = format!(
        "export OAUTHCTL_CLIENT_SECRET={CLIENT_SECRET}\n{}",
        ci_script(&recipe("github-actions"))
    );
    let out = run_script(&env, &provider, &script);
    assert!(out.status.success(), "{script}\n{}", stderr(&out));
    let printed = stdout(&out);
    assert!(printed.starts_with("::add-mask::ci-token-1\n"), "{printed}");
    assert!(
        printed.contains("1.2.3"),
        "the API did not get the body: {printed}"
    );
    assert_eq!(provider.requests_to("/deploy").len(), 1);
    // --store none: nothing was kept on the runner.
    assert!(!env.data_dir().join("tokens").exists());
}

#[test]
fn the_gitlab_ci_recipe_mints_and_calls_the_api() {
    let provider = ci_provider();
    let env = TestEnv::new();
    let script = ci_script(&recipe("gitlab-ci")).replace("$API_CLIENT_SECRET", CLIENT_SECRET);
    let out = run_script(&env, &provider, &script);
    assert!(out.status.success(), "{script}\n{}", stderr(&out));
    assert_eq!(provider.requests_to("/deploy").len(), 1);
}

#[test]
fn the_exit_code_recipe_tells_a_logged_out_user_to_log_in() {
    let provider = ci_provider();
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\nissuer = \"{}\"\nclient_id = \"cli\"\n",
        provider.url("")
    ));
    let script = format!(
        "export OAUTHCTL_CONFIG='{}' OAUTHCTL_STORE=file\n{}",
        env.config_path().display(),
        recipe("exit-codes")
    );
    let out = run_script(&env, &provider, &script);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("run: oauthctl login -p work"),
        "{}",
        stderr(&out)
    );
}
