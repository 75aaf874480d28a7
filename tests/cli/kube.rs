//! kubectl: `token -o exec-credential`, `token --id-token` and `setup
//! kubectl`, ending with a real Kubernetes client (the `kubernetes` Python
//! package) running oauthctl as its exec credential plugin against a fake
//! Kubernetes API server that checks the bearer token at the real provider.

use crate::support::fake::{FakeProvider, Recorded, Reply, State};
use crate::support::oidc::{OidcProvider, http_client};
use crate::support::{BIN, TestEnv, assert_code, assert_ok, bounded, skip, stderr, stdout};
use base64::Engine;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Makes a missing Python `kubernetes` package a failure: scripts/test.sh
/// installs it into a venv and sets this.
const KUBE_SWITCHES: &[&str] = &["OAUTHCTL_REQUIRE_KUBE_CLIENT"];

const V1: &str = "client.authentication.k8s.io/v1";
const V1BETA1: &str = "client.authentication.k8s.io/v1beta1";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn claims(jwt: &str) -> Value {
    let part = jwt.split('.').nth(1).expect("a JWT");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .expect("base64url claims");
    serde_json::from_slice(&bytes).expect("JSON claims")
}

fn unsigned_jwt(claims: &Value) -> String {
    let encode = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.sig",
        encode(&json!({"alg": "RS256"})),
        encode(claims)
    )
}

fn json_out(out: &Output) -> Value {
    assert_ok(out);
    serde_json::from_str(&stdout(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(out)))
}

/// The default profile for the public client, logged in through the real pages.
fn logged_in(op: &OidcProvider, scopes: &str) -> TestEnv {
    let env = TestEnv::new();
    let list: Vec<String> = scopes
        .split_whitespace()
        .map(|s| format!("\"{s}\""))
        .collect();
    env.write_config(&format!(
        "[profiles.default]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [{}]\n",
        op.issuer(),
        list.join(", ")
    ));
    let refresh_token = op.obtain_refresh_token("cli-public", None, scopes);
    assert_ok(&env.run_with_stdin(&["login", "--with-refresh-token", "-"], &refresh_token));
    op.reset_stats();
    env
}

/// A client-credentials profile `ci` on a fake token endpoint: no Node needed.
fn minted() -> (FakeProvider, TestEnv) {
    let fake = FakeProvider::start(State::default(), |req, st| {
        if req.method != "POST" {
            return Reply::not_found();
        }
        st.hits += 1;
        Reply::json(
            200,
            &json!({"access_token": format!("at-{}", st.hits), "token_type": "bearer", "expires_in": 3600}),
        )
    });
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.ci]\ntoken_url = \"{}\"\nclient_id = \"ci\"\nclient_secret = \"s\"\ngrant = \"client_credentials\"\n",
        fake.url("/token")
    ));
    (fake, env)
}

#[test]
fn kube_exec_credential_is_v1_unless_kubernetes_exec_info_asks_for_v1beta1() {
    let (_fake, env) = minted();
    // The plain form the recogniser reads, and one it leaves to clap (a
    // provider option).
    for extra in [&[][..], &["--body", "form"][..]] {
        let out = env
            .cmd()
            .args(["token", "-p", "ci", "-o", "exec-credential"])
            .args(extra)
            .output()
            .unwrap();
        let value = json_out(&out);
        assert_eq!(value["apiVersion"], V1, "{value}");
        assert_eq!(value["kind"], "ExecCredential");
        assert_eq!(value["status"]["token"], "at-1");
        let at = value["status"]["expirationTimestamp"].as_str().unwrap();
        assert!(at.ends_with('Z') && at.len() == 20, "{at}");
        assert_eq!(value.as_object().unwrap().len(), 3, "{value}");
    }
    for version in [V1BETA1, V1] {
        let info = json!({"apiVersion": version, "kind": "ExecCredential", "spec": {"interactive": false}});
        for extra in [&[][..], &["--body", "form"][..]] {
            let out = env
                .cmd()
                .env("KUBERNETES_EXEC_INFO", info.to_string())
                .args(["token", "-p", "ci", "-o", "exec-credential"])
                .args(extra)
                .output()
                .unwrap();
            assert_eq!(json_out(&out)["apiVersion"], version);
        }
    }
    // Wherever -o is accepted.
    let out = env.run(&["client-credentials", "-p", "ci", "-o", "exec-credential"]);
    assert_eq!(json_out(&out)["status"]["token"], "at-1");
    let out = env.run(&["refresh", "-p", "ci", "-o", "exec-credential"]);
    assert_eq!(json_out(&out)["status"]["token"], "at-2");
}

#[test]
fn kube_malformed_exec_info_is_a_clear_usage_error() {
    let (_fake, env) = minted();
    assert_ok(&env.run(&["token", "-p", "ci"]));
    for (info, says) in [
        ("{not json", "not valid JSON"),
        (r#"{"kind":"ExecCredential"}"#, "no apiVersion"),
        (
            r#"{"apiVersion":"client.authentication.k8s.io/v1alpha1"}"#,
            "answers only",
        ),
    ] {
        let out = env
            .cmd()
            .env("KUBERNETES_EXEC_INFO", info)
            .args(["token", "-p", "ci", "-o", "exec-credential"])
            .output()
            .unwrap();
        assert_code(&out, 2);
        assert!(stdout(&out).is_empty(), "{}", stdout(&out));
        assert!(
            stderr(&out).contains("KUBERNETES_EXEC_INFO") && stderr(&out).contains(says),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn kube_id_token_is_handed_out_and_refreshed_near_its_expiry() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op, "openid offline_access api:read");
    let out = env.run(&["token", "--id-token"]);
    let id_token = crate::support::printed_token(&out);
    let c = claims(&id_token);
    assert_eq!(c["aud"], "cli-public", "{c}");
    assert_eq!(c["iss"], op.issuer().trim_end_matches('/'), "{c}");
    assert_eq!(
        op.grant_count("refresh_token"),
        0,
        "a fresh id_token was refreshed"
    );
    // Not the access token.
    let access = crate::support::printed_token(&env.run(&["token"]));
    assert_ne!(access, id_token);

    // exec-credential with the id_token: its exp is the expiry.
    let value = json_out(&env.run(&["token", "--id-token", "-o", "exec-credential"]));
    assert_eq!(value["status"]["token"], id_token.as_str());
    let exp = c["exp"].as_u64().unwrap();
    let expected = humantime::format_rfc3339_seconds(UNIX_EPOCH + Duration::from_secs(exp));
    assert_eq!(value["status"]["expirationTimestamp"], expected.to_string());

    // The provider's id_tokens live an hour: asking for more than that left
    // makes the id_token "near expiry", so oauthctl refreshes first. (A
    // second later, so that the new id_token's iat differs.)
    std::thread::sleep(Duration::from_millis(1100));
    let out = env.run(&["token", "--id-token", "--min-ttl", "3700"]);
    let renewed = crate::support::printed_token(&out);
    assert_eq!(op.grant_count("refresh_token"), 1, "{}", stderr(&out));
    assert_ne!(renewed, id_token, "the refresh's id_token was not kept");
    assert!(claims(&renewed)["iat"].as_u64() > c["iat"].as_u64());
    assert_eq!(claims(&renewed)["aud"], "cli-public");
    // Kept in the store: without the long --min-ttl, no refresh again.
    let again = crate::support::printed_token(&env.run(&["token", "--id-token"]));
    assert_eq!(again, renewed);
    assert_eq!(op.grant_count("refresh_token"), 1);
    // -o json names it an id_token.
    let value = json_out(&env.run(&["token", "--id-token", "-o", "json"]));
    assert_eq!(value["id_token"], renewed.as_str());
    assert!(value.get("access_token").is_none(), "{value}");
}

#[test]
fn kube_id_token_without_openid_says_to_log_in_with_it() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op, "offline_access api:read");
    let out = env.run(&["token", "--id-token", "-o", "exec-credential"]);
    assert_code(&out, 4);
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("no id_token") && stderr(&out).contains("openid"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        op.grant_count("refresh_token"),
        0,
        "a refresh was spent for nothing"
    );
}

/// A provider whose first refresh brings an id_token that expired a few
/// seconds ago (still accepted by the login, within the clock skew), and
/// whose later refreshes bring none.
#[test]
fn kube_an_expired_id_token_is_never_handed_out() {
    let fake = FakeProvider::start(State::default(), |req, st| {
        if req.method != "POST" {
            return Reply::not_found();
        }
        st.hits += 1;
        let mut body = json!({
            "access_token": format!("at-{}", st.hits),
            "token_type": "Bearer",
            "expires_in": 3600,
            "refresh_token": "rt",
        });
        if st.hits == 1 {
            body["id_token"] = json!(unsigned_jwt(
                &json!({"aud": "cli", "sub": "alice", "exp": now() - 10})
            ));
        }
        Reply::json(200, &body)
    });
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.default]\ntoken_url = \"{}\"\nclient_id = \"cli\"\n",
        fake.url("/token")
    ));
    assert_ok(&env.run_with_stdin(&["login", "--with-refresh-token", "-"], "rt"));
    let out = env.run(&["token", "--id-token"]);
    assert_code(&out, 4);
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("expired") && stderr(&out).contains("no new one"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fake.state().hits, 2, "no refresh was tried first");
    // The access token is still handed out as usual.
    assert_eq!(stdout(&env.run(&["token"])), "at-2\n");
}

#[test]
fn kube_setup_prints_the_users_entry() {
    let env = TestEnv::new();
    env.write_config("[profiles.work]\nissuer = \"https://id.example.com\"\nclient_id = \"x\"\n");
    let out = env.run(&["setup", "kubectl", "-p", "work", "--id-token"]);
    assert_ok(&out);
    let exe = std::fs::canonicalize(BIN).unwrap();
    assert_eq!(
        stdout(&out),
        format!(
            "- name: \"oauthctl-work\"\n  user:\n    exec:\n      apiVersion: \"{V1}\"\n      command: \"{}\"\n      args:\n      - \"token\"\n      - \"-p\"\n      - \"work\"\n      - \"-o\"\n      - \"exec-credential\"\n      - \"--id-token\"\n      interactiveMode: IfAvailable\n      provideClusterInfo: false\n",
            exe.display()
        )
    );
    assert!(
        stderr(&out).contains("kubectl --user oauthctl-work"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["setup", "kubectl", "-p", "work", "--user", "me"]);
    assert!(
        stdout(&out).starts_with("- name: \"me\"\n"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("--id-token"));
}

// ---------------------------------------------------------------------------
// The real client
// ---------------------------------------------------------------------------

/// The Python with the `kubernetes` package: $OAUTHCTL_TEST_KUBE_PYTHON, else
/// the venv scripts/test.sh makes under target/. `None` (and a SKIPPED line,
/// or a failure under OAUTHCTL_REQUIRE_KUBE_CLIENT) when it cannot import it.
fn kube_python() -> Option<PathBuf> {
    let python = std::env::var_os("OAUTHCTL_TEST_KUBE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/kube-venv/bin/python")
        });
    let out = bounded(Command::new(&python))
        .args(["-c", "import kubernetes, yaml"])
        .limit(Duration::from_secs(60))
        .output();
    match out {
        Ok(out) if out.status.success() => Some(python),
        Ok(out) => {
            skip(
                &format!(
                    "{} cannot import kubernetes ({}); scripts/test.sh installs it",
                    python.display(),
                    String::from_utf8_lossy(&out.stderr).trim()
                ),
                KUBE_SWITCHES,
            );
            None
        }
        Err(err) => {
            skip(
                &format!(
                    "no Python with the kubernetes package at {} ({err}); scripts/test.sh installs it",
                    python.display()
                ),
                KUBE_SWITCHES,
            );
            None
        }
    }
}

/// Runs `script` with the test env's environment (so the plugin it starts
/// finds the test's config and store), bounded.
fn python(env: &TestEnv, python: &Path, script: &str, args: &[&str]) -> Output {
    let file = env.write_file("client.py", script);
    env.command(python)
        .arg(&file)
        .args(args)
        .limit(Duration::from_secs(90))
        .output()
        .expect("run python")
}

const VERSION_CLIENT: &str = r#"
import sys
from kubernetes import client, config
config.load_kube_config(config_file=sys.argv[1])
info = client.VersionApi().get_code()
print(info.git_version)
"#;

/// How the fake API server checks bearer tokens.
#[derive(Clone, Copy)]
enum Authn {
    /// As a webhook would: the provider's resource server must accept it.
    AccessToken,
    /// As Kubernetes' OIDC authenticator does (but for the signature): an
    /// unexpired id_token from the issuer, for the client id.
    IdToken,
}

/// A fake Kubernetes API server answering `GET /version` to requests whose
/// bearer token passes `authn`; every token it saw is kept.
fn api_server(op: &OidcProvider, authn: Authn) -> (FakeProvider, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let api_url = op.api_url();
    let issuer = op.issuer().trim_end_matches('/').to_owned();
    let log = Arc::clone(&seen);
    let server = FakeProvider::start(State::default(), move |req: &Recorded, _| {
        let Some(token) = req.bearer().map(str::to_owned) else {
            return Reply::json(401, &json!({"kind": "Status", "code": 401}));
        };
        log.lock().unwrap().push(token.clone());
        let ok = match authn {
            Authn::AccessToken => http_client()
                .get(&api_url)
                .bearer_auth(&token)
                .send()
                .is_ok_and(|r| r.status().as_u16() == 200),
            Authn::IdToken => {
                let c = claims(&token);
                c["iss"] == issuer.as_str()
                    && c["aud"] == "cli-public"
                    && c["exp"].as_u64().is_some_and(|exp| exp > now())
            }
        };
        if !ok {
            return Reply::json(401, &json!({"kind": "Status", "code": 401}));
        }
        if req.path.trim_end_matches('/') != "/version" {
            return Reply::not_found();
        }
        Reply::json(
            200,
            &json!({
                "major": "1", "minor": "33", "gitVersion": "v1.33.0-fake",
                "gitCommit": "0", "gitTreeState": "clean", "buildDate": "2025-01-01T00:00:00Z",
                "goVersion": "go1.24", "compiler": "gc", "platform": "linux/amd64",
            }),
        )
    });
    (server, seen)
}

/// A kubeconfig whose one context uses `users` (the lines under `users:`).
fn kubeconfig(server: &FakeProvider, users: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: {}\ncontexts:\n- name: fake\n  context:\n    cluster: fake\n    user: oauthctl-default\ncurrent-context: fake\nusers:\n{users}",
        server.base()
    )
}

#[test]
fn kube_python_client_uses_oauthctl_as_its_exec_plugin() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let Some(py) = kube_python() else {
        return;
    };
    let env = logged_in(&op, "openid offline_access api:read");
    let (server, seen) = api_server(&op, Authn::AccessToken);
    let out = env.run(&["setup", "kubectl"]);
    assert_ok(&out);
    let config = env.write_file("kubeconfig", &kubeconfig(&server, &stdout(&out)));
    let out = python(&env, &py, VERSION_CLIENT, &[config.to_str().unwrap()]);
    assert_ok(&out);
    assert_eq!(stdout(&out).trim(), "v1.33.0-fake", "{}", stderr(&out));
    let access = crate::support::printed_token(&env.run(&["token"]));
    assert_eq!(*seen.lock().unwrap(), [access]);
}

#[test]
fn kube_python_client_sends_the_id_token_with_v1beta1() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let Some(py) = kube_python() else {
        return;
    };
    let env = logged_in(&op, "openid offline_access api:read");
    let (server, seen) = api_server(&op, Authn::IdToken);
    let out = env.run(&["setup", "kubectl", "--id-token"]);
    assert_ok(&out);
    // The client asks for v1beta1 (through KUBERNETES_EXEC_INFO) and
    // refuses an answer in any other version.
    let users = stdout(&out).replace(&format!("\"{V1}\""), &format!("\"{V1BETA1}\""));
    assert!(users.contains(V1BETA1));
    let config = env.write_file("kubeconfig", &kubeconfig(&server, &users));
    let out = python(&env, &py, VERSION_CLIENT, &[config.to_str().unwrap()]);
    assert_ok(&out);
    assert_eq!(stdout(&out).trim(), "v1.33.0-fake", "{}", stderr(&out));
    let id_token = crate::support::printed_token(&env.run(&["token", "--id-token"]));
    assert_eq!(*seen.lock().unwrap(), [id_token]);
}

/// `--kubeconfig` with no file there writes a whole kubeconfig, which a
/// real YAML parser (PyYAML, as the Python client uses) reads as meant.
#[test]
fn kube_setup_writes_a_new_kubeconfig() {
    let Some(py) = kube_python() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config("[profiles.work]\nissuer = \"https://id.example.com\"\nclient_id = \"x\"\n");
    let file = env.path().join("dot kube").join("config");
    let out = env.run(&[
        "setup",
        "kubectl",
        "-p",
        "work",
        "--user",
        "we\"ird: #name",
        "--kubeconfig",
        file.to_str().unwrap(),
    ]);
    assert_ok(&out);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let out = python(
        &env,
        &py,
        "import sys, json, yaml\nprint(json.dumps(yaml.safe_load(open(sys.argv[1]))))\n",
        &[file.to_str().unwrap()],
    );
    let value = json_out(&out);
    let exe = std::fs::canonicalize(BIN).unwrap();
    assert_eq!(value["kind"], "Config");
    assert_eq!(
        value["users"],
        json!([{
            "name": "we\"ird: #name",
            "user": {"exec": {
                "apiVersion": V1,
                "command": exe.to_str().unwrap(),
                "args": ["token", "-p", "work", "-o", "exec-credential"],
                "interactiveMode": "IfAvailable",
                "provideClusterInfo": false,
            }},
        }])
    );
    // A file with content is never rewritten by oauthctl itself: without
    // kubectl on PATH that is a usage error, and the file stays as it was.
    let out = env
        .cmd()
        .env("PATH", env.path())
        .args(["setup", "kubectl", "-p", "work", "--kubeconfig"])
        .arg(&file)
        .output()
        .unwrap();
    assert_code(&out, 2);
    assert!(stderr(&out).contains("needs kubectl"), "{}", stderr(&out));
}

/// With kubectl on PATH, an existing kubeconfig is merged by
/// `kubectl config set-credentials`, and the real client then uses it.
/// kubectl is not installed by scripts/test.sh, so this one may skip.
#[test]
fn kube_setup_merges_into_an_existing_kubeconfig_with_kubectl() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let Some(py) = kube_python() else {
        return;
    };
    let has_kubectl = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .any(|dir| dir.join("kubectl").is_file());
    if !has_kubectl {
        skip("no kubectl on PATH", &[]);
        return;
    }
    let env = logged_in(&op, "openid offline_access api:read");
    let (server, seen) = api_server(&op, Authn::AccessToken);
    let config = env.write_file(
        "kubeconfig",
        &kubeconfig(&server, "- name: someone-else\n  user:\n    token: abc\n"),
    );
    for _ in 0..2 {
        let out = env
            .cmd()
            .env("HOME", env.path().join("home"))
            .args(["setup", "kubectl", "--kubeconfig"])
            .arg(&config)
            .output()
            .unwrap();
        assert_ok(&out);
    }
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.contains("someone-else"), "{text}");
    assert_eq!(text.matches("oauthctl-default").count(), 2, "{text}");
    let out = python(&env, &py, VERSION_CLIENT, &[config.to_str().unwrap()]);
    assert_ok(&out);
    assert_eq!(stdout(&out).trim(), "v1.33.0-fake", "{}", stderr(&out));
    assert_eq!(seen.lock().unwrap().len(), 1);
}

/// Not logged in, the real client runs its plugin: with its stdout on a
/// terminal it tells the plugin `interactive: true`, and oauthctl logs in
/// on that terminal (issue 20.1); with stdout piped it says `false`
/// (interactiveMode IfAvailable without a terminal), and oauthctl only
/// fails, though a terminal is there.
#[test]
fn kube_python_client_on_a_terminal_logs_in_on_demand() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let Some(py) = kube_python() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.default]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n",
        op.issuer()
    ));
    let (server, seen) = api_server(&op, Authn::AccessToken);
    let users = stdout(&env.run(&["setup", "kubectl"]));
    let config = env.write_file("kubeconfig", &kubeconfig(&server, &users));
    let script = env.write_file("client.py", VERSION_CLIENT);

    // stdout piped: interactive false, so no login, whatever the terminal.
    let mut pty = crate::support::pty::Pty::open();
    pty.screen();
    let out = env
        .command(&py)
        .arg(&script)
        .arg(&config)
        .controlling_terminal(pty.terminal())
        .limit(Duration::from_secs(90))
        .output()
        .unwrap();
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(!pty.shown().contains("needs a login"), "{}", pty.shown());
    assert_eq!(op.grant_count("authorization_code"), 0);

    // stdout on the terminal: interactive true, the login runs there.
    let mut pty = crate::support::pty::Pty::open();
    pty.screen();
    let terminal = pty.terminal();
    let mut running = env
        .command(&py)
        .arg(&script)
        .arg(&config)
        .stdout(terminal.try_clone().unwrap())
        .controlling_terminal(terminal)
        .stderr(std::process::Stdio::piped())
        .limit(Duration::from_secs(90))
        .spawn()
        .unwrap();
    op.answer_login_on_terminal(&pty, &mut running);
    let out = running.wait_with_output().unwrap();
    assert!(out.status.success(), "{}\n{}", pty.shown(), stderr(&out));
    let shown = pty.shown();
    assert!(shown.contains("v1.33.0-fake"), "{shown}");
    assert_eq!(seen.lock().unwrap().len(), 1);
    op.assert_token_accepted(&seen.lock().unwrap()[0]);
}
