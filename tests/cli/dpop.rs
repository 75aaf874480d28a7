//! DPoP (RFC 9449) against the real test provider: oidc-provider binds the
//! tokens of `cli-dpop` and `ci-dpop` to the key of the proof that came with
//! the token request, and wants its nonce in every proof; its `/api/me`
//! takes such a token only as `Authorization: DPoP` with a proof that fits
//! the request (method, URL, token hash, key, a jti never seen), and
//! `/api/nonce/me` also wants the API's own nonce (server.mjs).

use crate::support::oidc::{self, OidcProvider};
use crate::support::{TestEnv, assert_code, assert_ok, printed_token, stderr, stdout};

fn write_dpop_profiles(env: &TestEnv, op: &OidcProvider) {
    env.write_file("ci-dpop.secret", "ci-dpop-secret\n");
    env.write_config(&format!(
        r#"
[profiles.default]
issuer = "{issuer}"
client_id = "cli-dpop"
scopes = ["openid", "offline_access", "api:read"]
dpop = true

[profiles.ci]
issuer = "{issuer}"
client_id = "ci-dpop"
client_secret_file = "{secret}"
grant = "client_credentials"
dpop = true
"#,
        issuer = op.issuer(),
        secret = env.path().join("ci-dpop.secret").display(),
    ));
}

/// A browser login of `cli-dpop`, through the provider's own pages.
fn log_in_with_dpop(env: &TestEnv, op: &OidcProvider, extra: &[&str]) {
    let auth_url = op.log_in_through_pages(env, extra);
    // Pushed, the request's parameters went with the PAR request's proof.
    assert!(
        auth_url.contains("dpop_jkt=") || auth_url.contains("request_uri="),
        "the authorization request binds the code to the key: {auth_url}"
    );
}

fn stat(op: &OidcProvider, name: &str) -> u64 {
    op.stats()[name]
        .as_u64()
        .unwrap_or_else(|| panic!("no {name} in {}", op.stats()))
}

#[test]
fn a_dpop_login_binds_the_tokens_and_curl_proves_possession_on_every_request() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_dpop_profiles(&env, &op);
    log_in_with_dpop(&env, &op, &[]);
    // The token endpoint wanted its nonce: the code went twice, the first
    // proof refused for want of it, as RFC 9449 §8 has it.
    assert_eq!(op.grant_count("authorization_code"), 2, "{}", op.stats());
    assert_eq!(stat(&op, "dpop_proofs_at_token_endpoint"), 2);

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&env.run(&["token", "-o", "json"]))).unwrap();
    assert_eq!(json["token_type"], "DPoP", "{json}");
    let token = json["access_token"].as_str().unwrap().to_owned();
    let stored = env.stored_set();
    let key = stored["dpop_key"]
        .as_str()
        .expect("the key is stored with the tokens");

    // As a Bearer token it is worth nothing, and oauthctl does not offer it so.
    assert_eq!(op.api_me(&token).0, 401);
    let header = env.run(&["token", "-o", "header"]);
    assert_code(&header, 2);
    assert!(
        stderr(&header).contains("--htm METHOD --htu URL"),
        "{}",
        stderr(&header)
    );

    // curl: a proof for each request, for its method and URL.
    let api = op.api_url();
    for (args, method) in [
        (vec!["-sS", api.as_str()], "GET"),
        (vec!["-sS", "-d", "x=1", api.as_str()], "POST"),
        (vec!["-sS", "-X", "DELETE", api.as_str()], "DELETE"),
    ] {
        let mut argv = vec!["curl", "--"];
        argv.extend(args);
        let out = env.run(&argv);
        assert_ok(&out);
        let me: serde_json::Value = serde_json::from_str(&stdout(&out))
            .unwrap_or_else(|_| panic!("{}\n{}", stdout(&out), op.server_stderr()));
        assert_eq!(me["token_kind"], "dpop", "{me}");
        assert_eq!(me["method"], method, "{me}");
    }
    // The API's own nonce: asked for with a 401, sent on the second try.
    let nonce_api = format!("{}/api/nonce/me", op.issuer());
    let out = env.run(&["curl", "--", "-sS", &nonce_api]);
    assert_ok(&out);
    assert!(
        stdout(&out).contains(r#""token_kind":"dpop""#),
        "{}",
        stdout(&out)
    );
    assert_eq!(stat(&op, "dpop_nonce_challenges"), 1);
    // One proof per URL: several are refused before anything is sent.
    let before = stat(&op, "dpop_api_requests");
    let out = env.run(&["curl", "--", "-sS", &api, &nonce_api]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("one URL"), "{}", stderr(&out));
    assert_eq!(stat(&op, "dpop_api_requests"), before);

    // The two header lines for another HTTP client, for one request.
    let out = env.run(&["token", "-o", "header", "--htm", "GET", "--htu", &api]);
    assert_ok(&out);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0], format!("Authorization: DPoP {token}"));
    let proof = lines[1].strip_prefix("DPoP: ").expect("a DPoP line");
    let send = |url: &str| {
        oidc::http_client()
            .get(url)
            .header("Authorization", format!("DPoP {token}"))
            .header("DPoP", proof)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(
        send(&format!("{}/api", op.issuer())),
        401,
        "a proof names its URL"
    );
    assert_eq!(send(&api), 200);
    assert_eq!(send(&api), 401, "a proof works once");

    // The same as a header map (`headersHelper`): a fresh proof that works.
    let out = env.run(&["token", "-o", "headers-json", "--htm", "GET", "--htu", &api]);
    assert_ok(&out);
    let headers: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    let headers = headers.as_object().expect("a map");
    assert_eq!(headers.len(), 2, "{headers:?}");
    assert_eq!(headers["Authorization"], format!("DPoP {token}"));
    let status = oidc::http_client()
        .get(&api)
        .header("Authorization", format!("DPoP {token}"))
        .header("DPoP", headers["DPoP"].as_str().expect("a DPoP proof"))
        .send()
        .unwrap()
        .status()
        .as_u16();
    assert_eq!(status, 200, "the map's proof is accepted");
    // Without --htm/--htu a bound token has no map to give.
    assert_code(&env.run(&["token", "-o", "headers-json"]), 2);

    // A refresh proves the same key; the new token is bound to it too.
    let refreshed = printed_token(&env.run(&["token", "--min-ttl", "100000"]));
    assert_ne!(refreshed, token);
    assert_eq!(env.stored_set()["dpop_key"].as_str(), Some(key));
    let out = env.run(&["curl", "--", "-sS", &api]);
    assert!(
        stdout(&out).contains(r#""token_kind":"dpop""#),
        "{}",
        stdout(&out)
    );

    // The private key never leaves the store.
    for args in [
        vec!["token", "-o", "json"],
        vec!["status"],
        vec!["-vv", "refresh"],
        vec!["-vv", "curl", "--", "-sS", api.as_str()],
    ] {
        let out = env.run(&args);
        assert!(
            !stdout(&out).contains(key) && !stderr(&out).contains(key),
            "{args:?} showed the DPoP key"
        );
    }
}

#[test]
fn a_pushed_dpop_login_proves_the_key_at_the_par_endpoint_too() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_dpop_profiles(&env, &op);
    log_in_with_dpop(&env, &op, &["--par"]);
    // RFC 9449 §10.1: the PAR request carries a proof (the nonce asked for
    // there too), which binds the code as dpop_jkt would.
    assert_eq!(stat(&op, "par_requests"), 2, "{}", op.stats());
    assert_eq!(stat(&op, "dpop_proofs_at_par_endpoint"), 2);
    let out = env.run(&["curl", "--", "-sS", &op.api_url()]);
    assert!(
        stdout(&out).contains(r#""token_kind":"dpop""#),
        "{}",
        stdout(&out)
    );
}

#[test]
fn client_credentials_with_dpop_are_bound_and_cached_apart_from_bearer_ones() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_dpop_profiles(&env, &op);
    let out = env.run(&["client-credentials", "-p", "ci", "-o", "json"]);
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["token_type"], "DPoP", "{json}");
    let out = env.run(&["curl", "-p", "ci", "--", "-sS", &op.api_url()]);
    assert_ok(&out);
    let me: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(me["client_id"], "ci-dpop");
    assert_eq!(me["token_kind"], "dpop");
    // Cached: the next curl needs no token request.
    let minted = op.grant_count("client_credentials");
    assert_ok(&env.run(&["curl", "-p", "ci", "--", "-sS", &op.api_url()]));
    assert_eq!(op.grant_count("client_credentials"), minted);
    // Kubernetes and git cannot make proofs: refused, with the way out.
    for args in [
        vec!["token", "-p", "ci", "-o", "exec-credential"],
        vec!["token", "-p", "ci", "-o", "header"],
    ] {
        let out = env.run(&args);
        assert_code(&out, 2);
        assert!(stderr(&out).contains("DPoP-bound"), "{}", stderr(&out));
    }
}

#[test]
fn without_dpop_no_proof_is_sent_and_with_it_the_token_is_cached_apart() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_file("ci.secret", "ci-post-secret\n");
    env.write_config(&format!(
        r#"
[profiles.ci]
issuer = "{}"
client_id = "ci-post"
client_secret_file = "{}"
client_auth = "post"
grant = "client_credentials"
"#,
        op.issuer(),
        env.path().join("ci.secret").display()
    ));
    let token_json = |args: &[&str]| -> serde_json::Value {
        let out = env.run(args);
        assert_ok(&out);
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let bearer = token_json(&["client-credentials", "-p", "ci", "-o", "json"]);
    assert_eq!(bearer["token_type"], "Bearer");
    assert_eq!(stat(&op, "dpop_proofs_at_token_endpoint"), 0);
    // The cached Bearer token is no answer to --dpop: a bound one is minted.
    let bound = token_json(&["client-credentials", "-p", "ci", "--dpop", "-o", "json"]);
    assert_eq!(bound["token_type"], "DPoP", "{bound}");
    assert_ne!(bound["access_token"], bearer["access_token"]);
    assert!(stat(&op, "dpop_proofs_at_token_endpoint") >= 1);
    // Each stays cached under its own key.
    let minted = op.grant_count("client_credentials");
    assert_eq!(
        token_json(&["client-credentials", "-p", "ci", "-o", "json"])["access_token"],
        bearer["access_token"]
    );
    assert_eq!(
        token_json(&["client-credentials", "-p", "ci", "--dpop", "-o", "json"])["access_token"],
        bound["access_token"]
    );
    assert_eq!(op.grant_count("client_credentials"), minted);
}

#[test]
fn a_server_that_ignores_the_proof_gets_its_bearer_token_used_as_such() {
    use crate::support::fake::{FakeProvider, Reply, State};
    let provider = FakeProvider::start(State::default(), |req, _| {
        assert!(
            req.header("dpop").is_some(),
            "a proof came with the request"
        );
        Reply::json(
            200,
            &serde_json::json!({"access_token": "plain-bearer", "token_type": "Bearer", "expires_in": 600}),
        )
    });
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "client-credentials",
            "--token-url",
            &provider.url("/token"),
            "--client-id",
            "c",
            "--client-auth",
            "none",
            "--dpop",
            "-o",
            "header",
        ])
        .output()
        .unwrap();
    assert_ok(&out);
    assert_eq!(stdout(&out), "Authorization: Bearer plain-bearer\n");
    assert!(
        stderr(&out).contains("not a DPoP-bound one"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_damaged_stored_dpop_key_is_exit_4_and_nothing_is_sent() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    write_dpop_profiles(&env, &op);
    assert_ok(&env.run(&["client-credentials", "-p", "ci"]));
    let dir = env.data_dir().join("tokens");
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut set: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    set["dpop_key"] = "bm90LWEta2V5".into();
    std::fs::write(&file, set.to_string()).unwrap();
    let before = stat(&op, "dpop_api_requests");
    let out = env.run(&["curl", "-p", "ci", "--", "-sS", &op.api_url()]);
    assert_code(&out, 4);
    assert!(stderr(&out).contains("DPoP key"), "{}", stderr(&out));
    assert_eq!(
        stat(&op, "dpop_api_requests"),
        before,
        "nothing reached the API"
    );
}
