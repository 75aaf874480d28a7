//! An MCP server end to end (issue 21.6): the test provider's `/mcp`, a
//! Streamable HTTP JSON-RPC endpoint under the MCP authorization spec
//! (2025-11-25), answers 401 with its RFC 9728 metadata; `login
//! --resource-url` registers and logs in; `oauthctl curl` posts JSON-RPC;
//! a `tools/call` that needs more scope gets 403 `insufficient_scope`, and
//! curl steps up on the terminal and retries once, never more.

use crate::support::oidc::{OidcProvider, http_client};
use crate::support::pty::Pty;
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};
use serde_json::{Value, json};
use std::process::Stdio;

fn rpc(method: &str, params: Value) -> String {
    json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string()
}

fn initialize() -> String {
    rpc(
        "initialize",
        json!({"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "oauthctl-test", "version": "1"}}),
    )
}

/// `oauthctl curl -p mcp` posting `body` to the MCP endpoint, as an MCP
/// client's transport does.
fn post<'a>(url: &'a str, body: &'a str) -> Vec<&'a str> {
    vec![
        "curl",
        "-p",
        "mcp",
        "--",
        "-sS",
        "-H",
        "Content-Type: application/json",
        "-H",
        "Accept: application/json, text/event-stream",
        "-d",
        body,
        url,
    ]
}

fn result(out: &std::process::Output) -> Value {
    let answer: Value = serde_json::from_str(&stdout(out))
        .unwrap_or_else(|_| panic!("not JSON-RPC: {}\n{}", stdout(out), stderr(out)));
    answer["result"].clone()
}

fn stat(op: &OidcProvider, name: &str) -> u64 {
    op.stats()[name].as_u64().unwrap_or(0)
}

#[test]
fn an_mcp_server_from_its_401_to_a_step_up() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let mcp = format!("{}/mcp", op.issuer());

    // The server's 401 names its metadata and the scope to start with.
    let resp = http_client()
        .post(&mcp)
        .header("Content-Type", "application/json")
        .body(initialize())
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let challenge = resp.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        challenge.contains("resource_metadata=") && challenge.contains(r#"scope="api:read""#),
        "{challenge}"
    );

    // Zero-config login: registration at the server the resource names.
    op.log_in_through_pages(
        &env,
        &["-p", "mcp", "--resource-url", &mcp, "--scope", "api:read"],
    );
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        config.contains(&format!("resource_url = \"{mcp}\"")),
        "{config}"
    );

    // JSON-RPC through oauthctl curl, the token never in curl's argv.
    let init = initialize();
    let out = env.run(&post(&mcp, &init));
    assert_ok(&out);
    assert_eq!(
        result(&out)["protocolVersion"],
        "2025-11-25",
        "{}",
        stdout(&out)
    );
    let status_call = rpc("tools/call", json!({"name": "status", "arguments": {}}));
    let out = env.run(&post(&mcp, &status_call));
    assert_ok(&out);
    assert!(stdout(&out).contains("status done"), "{}", stdout(&out));

    // `deploy` needs api:write. Nobody at a terminal: exit 4, naming the
    // login with the scopes to ask for; the 403 body is not printed.
    let deploy = rpc("tools/call", json!({"name": "deploy", "arguments": {}}));
    let out = env.run(&post(&mcp, &deploy));
    assert_code(&out, 4);
    assert!(
        stderr(&out).contains("oauthctl login -p mcp --scope 'api:read api:write'"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stat(&op, "mcp_insufficient_scope"), 1);
    // `token --scope` that the token lacks says the same.
    let out = env.run(&["token", "-p", "mcp", "--scope", "api:write"]);
    assert_code(&out, 4);
    assert!(
        stderr(&out).contains("lacks scope api:write"),
        "{}",
        stderr(&out)
    );

    // On a terminal: the step-up logs in for api:read api:write there,
    // and the call is sent once more, with the new token.
    let mut pty = Pty::open();
    pty.screen();
    let mut running = env
        .cmd()
        .args(post(&mcp, &deploy))
        .controlling_terminal(pty.terminal())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let url = op.answer_login_on_terminal(&pty, &mut running);
    let scope = url::Url::parse(&url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "scope")
        .map(|(_, v)| v.into_owned());
    assert_eq!(scope.as_deref(), Some("api:read api:write"), "{url}");
    let out = running.wait_with_output().unwrap();
    assert_ok(&out);
    assert!(stdout(&out).contains("deploy done"), "{}", stdout(&out));
    assert!(
        pty.shown().contains("needs scope api:write"),
        "{}",
        pty.shown()
    );
    assert_eq!(stat(&op, "mcp_insufficient_scope"), 2);
    let granted = env.stored_set()["scope"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(granted.split(' ').any(|s| s == "api:write"), "{granted}");

    // A server that asks for a step-up to what the token has gets no second
    // login: its 403 is curl's answer, once.
    let stubborn = rpc("tools/call", json!({"name": "stubborn", "arguments": {}}));
    let out = env.run(&post(&mcp, &stubborn));
    assert_code(&out, 0);
    assert!(
        stdout(&out).contains("insufficient_scope"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("not logging in again"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stat(&op, "mcp_insufficient_scope"), 3);
}
