//! logout, status, inspect, profile, and the config file: through the binary.

use crate::support::fake::{FakeProvider, metapack};
use crate::support::oidc::OidcProvider;
use crate::support::{TestEnv, assert_code, assert_ok, stderr, stdout};

fn logged_in(op: &OidcProvider) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "default_profile = \"work\"\n[profiles.work]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n",
        op.issuer()
    ));
    let refresh_token =
        op.obtain_refresh_token("cli-public", None, "openid offline_access api:read");
    assert_ok(&env.run_with_stdin(&["login", "--with-refresh-token", "-"], &refresh_token));
    env
}

fn token_files(env: &TestEnv) -> usize {
    std::fs::read_dir(env.data_dir().join("tokens"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn logout_revoke_ends_the_grant_at_the_provider_and_empties_the_store() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    let token = stdout(&env.run(&["token"])).trim().to_owned();
    op.assert_token_accepted(&token);
    op.reset_stats();

    let out = env.run(&["logout", "--revoke"]);
    assert_ok(&out);
    assert!(
        stderr(&out).contains("Logged out of profile work")
            && stderr(&out)
                .contains("Revoked the refresh and access tokens of profile work at http"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        op.stats()["revocation_requests"],
        2,
        "refresh token, then access token"
    );
    assert_eq!(
        op.api_me(&token).0,
        401,
        "the access token still works after --revoke"
    );
    assert_eq!(token_files(&env), 0);
    assert_code(&env.run(&["token"]), 4);
}

#[test]
fn logout_deletes_locally_even_when_revocation_fails() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    let out = env.run(&[
        "logout",
        "--revoke",
        "--revocation-url",
        "http://127.0.0.1:9/revoke",
    ]);
    assert_code(&out, 5);
    assert!(
        stderr(&out).contains("deleted the local tokens, but revocation failed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(token_files(&env), 0);
}

#[test]
fn logout_all_clears_every_profile() {
    let fake = FakeProvider::metapack();
    let env = TestEnv::new();
    let props = env.write_file("apiKey.properties", &metapack::properties());
    env.write_config(&format!(
        "[profiles.a]\ntoken_url = \"{url}\"\ncredentials_file = '{p}'\nclient_auth = \"basic-raw\"\ngrant = \"client_credentials\"\nscopes = [\"a\"]\n\
         [profiles.b]\ntoken_url = \"{url}\"\ncredentials_file = '{p}'\nclient_auth = \"basic-raw\"\ngrant = \"client_credentials\"\nscopes = [\"b\"]\n",
        url = fake.url(metapack::PATH),
        p = props.display()
    ));
    assert_ok(&env.run(&["-p", "a", "token"]));
    assert_ok(&env.run(&["-p", "b", "token"]));
    assert_eq!(token_files(&env), 2);
    let out = env.run(&["logout", "--all"]);
    assert_ok(&out);
    assert_eq!(token_files(&env), 0);
}

#[test]
fn status_lists_profiles_without_ever_printing_a_token() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    let token = stdout(&env.run(&["token"])).trim().to_owned();
    let mut config = std::fs::read_to_string(env.config_path()).unwrap();
    config.push_str(
        "[profiles.other]\ntoken_url = \"https://id.example.com/token\"\nclient_id = \"x\"\n",
    );
    env.write_config(&config);

    let out = env.run(&["status"]);
    assert_ok(&out);
    let text = stdout(&out);
    let work = text
        .lines()
        .find(|l| l.contains("work"))
        .expect("a line for work");
    assert!(work.starts_with('*'), "work is the default: {text}");
    assert!(
        work.contains("logged in") && work.contains("expires in") && work.contains("refreshable"),
        "{work}"
    );
    assert!(work.contains("store: file"), "{work}");
    let other = text
        .lines()
        .find(|l| l.contains("other"))
        .expect("a line for other");
    assert!(other.contains("not logged in"), "{other}");
    assert!(!text.contains(&token) && !stderr(&out).contains(&token));

    let out = env.run(&["status", "-o", "json"]);
    assert_ok(&out);
    let list: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let work = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["profile"] == "work")
        .unwrap();
    assert_eq!(work["logged_in"], true);
    assert_eq!(work["refreshable"], true);
    assert!(work["expires_in"].as_i64().unwrap() > 0);
    assert!(!stdout(&out).contains(&token));
}

#[test]
fn status_says_when_the_provider_rejected_the_refresh_token() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.work]\nissuer = \"{}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n",
        op.issuer()
    ));
    let refresh_token =
        op.obtain_refresh_token("cli-public", None, "openid offline_access api:read");
    assert_ok(&env.run_with_stdin(
        &["login", "-p", "work", "--with-refresh-token", "-"],
        &refresh_token,
    ));
    assert!(stdout(&env.run(&["status"])).contains("refreshable"));
    // The grant ends at the provider (revoked elsewhere, say).
    let revoked = crate::support::oidc::http_client()
        .post(op.revocation_url())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("token={refresh_token}&client_id=cli-public"))
        .send()
        .unwrap();
    assert!(revoked.status().is_success(), "{}", revoked.status());
    assert_code(&env.run(&["refresh", "-p", "work"]), 4);
    let status = stdout(&env.run(&["status"]));
    assert!(
        status.contains("refresh token rejected") && !status.contains("refreshable"),
        "{status}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&env.run(&["status", "-o", "json"]))).unwrap();
    assert_eq!(json[0]["refresh_rejected"], true, "{json}");
    assert_eq!(json[0]["refreshable"], false, "{json}");
}

#[test]
fn a_narrower_grant_than_asked_is_warned_about() {
    use crate::support::fake::{Reply, State};
    let provider = FakeProvider::start(State::default(), |req, _| {
        if req.method != "POST" {
            return Reply::not_found();
        }
        Reply::json(
            200,
            &serde_json::json!({"access_token": "narrow", "token_type": "Bearer", "expires_in": 600, "scope": "read"}),
        )
    });
    let env = TestEnv::new();
    let args = [
        "cc",
        "--store",
        "none",
        "--token-url",
        &provider.url("/token"),
        "--client-id",
        "ci",
        "--client-auth",
        "none",
        "--scope",
    ];
    let out = env.run(&[&args[..], &["read write"]].concat());
    assert_ok(&out);
    assert!(
        stderr(&out).contains("did not grant write (granted: read)"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&[&args[..], &["read"]].concat());
    assert_eq!(stderr(&out), "", "a full grant is no news");
}

#[test]
fn introspect_asks_the_provider_and_exits_by_activity() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    op.reset_stats();
    let out = env.run(&["introspect"]);
    assert_ok(&out);
    let text = stdout(&out);
    assert!(text.starts_with("active: true\n"), "{text}");
    assert!(text.contains("client_id: cli-public"), "{text}");
    assert!(text.contains("exp: ") && text.contains("Z)"), "{text}");
    let out = env.run(&["introspect", "--refresh-token", "-o", "json"]);
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["active"], true, "{json}");
    assert_eq!(op.stats()["introspection_requests"], 2, "{}", op.stats());

    // A token the provider never issued: inactive, exit 1, nothing renewed.
    let file = std::fs::read_dir(env.data_dir().join("tokens"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut stored: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    stored["access_token"] = serde_json::json!("never-issued");
    std::fs::write(&file, serde_json::to_vec(&stored).unwrap()).unwrap();
    let out = env.run(&["introspect"]);
    assert_code(&out, 1);
    assert_eq!(stdout(&out), "active: false\n");
    assert_eq!(op.grant_count("refresh_token"), 0, "{}", op.stats());
    // `inspect` on an opaque token points here.
    let out = env.run(&["inspect"]);
    assert!(
        stderr(&out).contains("oauthctl introspect"),
        "{}",
        stderr(&out)
    );
}

/// django-oauth-toolkit lists its revocation endpoint in the RFC 8414
/// document but not in the OpenID one: `logout --revoke` with only
/// `--issuer` must still revoke.
#[test]
fn an_endpoint_missing_from_the_openid_document_is_found_in_the_oauth_one() {
    use crate::support::fake::{Reply, State};
    use std::sync::{Arc, Mutex};
    let issuer = Arc::new(Mutex::new(String::new()));
    let provider = {
        let issuer = Arc::clone(&issuer);
        FakeProvider::start(State::default(), move |req, _| {
            let issuer = issuer.lock().unwrap().clone();
            match (req.method.as_str(), req.path.as_str()) {
                ("GET", "/.well-known/openid-configuration") => Reply::json(
                    200,
                    &serde_json::json!({"issuer": issuer, "token_endpoint": format!("{issuer}/token")}),
                ),
                ("GET", "/.well-known/oauth-authorization-server") => Reply::json(
                    200,
                    &serde_json::json!({
                        "issuer": issuer,
                        "token_endpoint": format!("{issuer}/token"),
                        "revocation_endpoint": format!("{issuer}/revoke"),
                        "introspection_endpoint": format!("{issuer}/introspect"),
                    }),
                ),
                ("POST", "/token") => Reply::json(
                    200,
                    &serde_json::json!({"access_token": "dot-access", "token_type": "Bearer", "expires_in": 600, "refresh_token": "dot-refresh"}),
                ),
                ("POST", "/revoke") => Reply::json(200, &serde_json::json!({})),
                _ => Reply::not_found(),
            }
        })
    };
    *issuer.lock().unwrap() = provider.base();
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.dot]\nissuer = \"{}\"\nclient_id = \"cli\"\n",
        provider.base()
    ));
    assert_ok(&env.run_with_stdin(
        &["login", "-p", "dot", "--with-refresh-token", "-"],
        "dot-refresh",
    ));
    let out = env.run(&["logout", "-p", "dot", "--revoke"]);
    assert_ok(&out);
    let revoked: Vec<String> = provider
        .requests_to("/revoke")
        .iter()
        .filter_map(|r| r.param("token"))
        .collect();
    assert_eq!(revoked, ["dot-refresh", "dot-access"], "{}", stderr(&out));
}

#[test]
fn inspect_decodes_jwts_and_says_it_did_not_verify() {
    let fake = FakeProvider::metapack();
    let env = TestEnv::new();
    let props = env.write_file("apiKey.properties", &metapack::properties());
    env.write_config(&format!(
        "[profiles.mp]\ntoken_url = \"{}\"\ncredentials_file = '{}'\nclient_auth = \"basic-raw\"\ngrant = \"client_credentials\"\n",
        fake.url(metapack::PATH),
        props.display()
    ));
    assert_ok(&env.run(&["-p", "mp", "token"]));
    let out = env.run(&["-p", "mp", "inspect"]);
    assert_ok(&out);
    assert!(stderr(&out).contains("NOT verified"), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["header"]["alg"], "HS256");
    assert_eq!(report["claims"]["sub"], "5GZ2KCVC0WL2L3Q5QWHN08IL5");
    assert_eq!(report["verified"], false);
    let exp = report["times"]["exp"].as_str().unwrap();
    assert!(
        exp.ends_with("(in 59m)") || exp.ends_with("(in 1h 0m)"),
        "{exp}"
    );

    let out = env.run(&["-p", "mp", "inspect", "--id-token"]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("no id_token"), "{}", stderr(&out));
}

#[test]
fn inspect_handles_opaque_tokens() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = logged_in(&op);
    let out = env.run(&["inspect"]);
    assert_code(&out, 1);
    assert!(stderr(&out).contains("opaque"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"));
    // The id_token is a JWT.
    let out = env.run(&["inspect", "--id-token"]);
    assert_ok(&out);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["claims"]["aud"], "cli-public");
}

/// Every provider option `profile add` takes is written as its profile key,
/// not silently dropped.
#[test]
fn profile_add_writes_the_tls_assertion_and_par_keys() {
    let env = TestEnv::new();
    for file in ["ca.pem", "cert.pem", "key.pem"] {
        env.write_file(file, "");
    }
    let mut add = env.cmd();
    add.current_dir(env.path()).args([
        "profile",
        "add",
        "ent",
        "--token-url",
        "https://id.example.com/token",
        "--client-id",
        "app",
        "--cacert",
        "ca.pem",
        "--client-cert",
        "cert.pem",
        "--client-cert-key",
        "key.pem",
        "--client-assertion-env",
        "CI_JWT",
        "--assertion-file",
        "grant.jwt",
        "--grant",
        "jwt_bearer",
        "--par",
        "--resource-url",
        "https://api.example.com/mcp",
        "--store",
        "file",
        "--git-host",
        "git.example.com/acme/",
        "--docker-registry",
        "registry.example.com",
        "--param",
        "tenant=a",
    ]);
    let out = add.output().unwrap();
    assert_ok(&out);
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    for key in [
        "store = \"file\"",
        "git_hosts = [\"git.example.com/acme/\"]",
        "docker_registries = [\"registry.example.com\"]",
        "params = { tenant = \"a\" }",
        &format!("cacert = \"{}", env.path().display()),
        "cacert = \"/",
        "client_cert = \"/",
        "client_cert_key = \"/",
        "client_assertion_env = \"CI_JWT\"",
        "assertion_file = \"/",
        "grant = \"jwt_bearer\"",
        "par = true",
        "resource_url = \"https://api.example.com/mcp\"",
    ] {
        assert!(text.contains(key), "no {key} in:\n{text}");
    }
}

/// `profile add` refuses what would only fail later: a credential file
/// that is not there, a URL without its scheme; nothing is written then.
#[test]
fn profile_add_refuses_missing_files_and_urls_without_a_scheme() {
    let env = TestEnv::new();
    let out = env.run(&[
        "profile",
        "add",
        "ci",
        "--token-url",
        "https://id.example.com/token",
        "--credentials-file",
        "/nonexistent/apiKey.properties",
    ]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("--credentials-file /nonexistent/apiKey.properties: no such file"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&[
        "profile",
        "add",
        "work",
        "--issuer",
        "id.example.com",
        "--client-id",
        "c",
    ]);
    assert_code(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("write https://id.example.com"), "{err}");
    assert!(!err.contains("relative URL without a base"), "{err}");
    assert!(!env.config_path().exists());
}

#[test]
fn profile_add_list_show_remove() {
    let env = TestEnv::new();
    env.write_config("# my providers\n[profiles.keep]\nclient_id = \"k\" # a comment\n");
    let out = env.run(&[
        "profile",
        "add",
        "work",
        "--issuer",
        "https://id.example.com",
        "--client-id",
        "cli",
        "--scope",
        "openid api",
        "--client-secret-env",
        "WORK_SECRET",
        "--param",
        "a=b",
        "--default",
    ]);
    assert_ok(&out);
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        text.contains("# my providers") && text.contains("# a comment"),
        "comments kept:\n{text}"
    );
    assert!(text.contains("default_profile = \"work\""), "{text}");

    let out = env.run(&["profile", "list"]);
    assert_eq!(stdout(&out), "  keep\n* work\n");

    let out = env.run(&["profile", "show", "work"]);
    assert_ok(&out);
    assert!(
        stdout(&out).contains("scopes = [\"openid\", \"api\"]"),
        "{}",
        stdout(&out)
    );

    let out = env.run(&["profile", "add", "bad", "--client-secret", "s3cr3t"]);
    assert_code(&out, 2);
    assert!(
        !std::fs::read_to_string(env.config_path())
            .unwrap()
            .contains("s3cr3t")
    );

    assert_ok(&env.run(&["profile", "remove", "work"]));
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    assert!(
        !text.contains("[profiles.work]") && !text.contains("default_profile"),
        "{text}"
    );
    assert_code(&env.run(&["profile", "remove", "work"]), 2);
}

#[test]
fn profile_show_redacts_a_secret_in_the_file() {
    let env = TestEnv::new();
    env.write_config("[profiles.p]\nclient_id = \"x\"\nclient_secret = \"in-file-secret\"\n");
    let out = env.run(&["profile", "show", "p"]);
    assert_ok(&out);
    assert!(!stdout(&out).contains("in-file-secret"));
    assert!(stdout(&out).contains("<redacted>"));
}

#[test]
fn a_bad_config_file_names_the_file_and_line() {
    let env = TestEnv::new();
    let path = env.write_config("[profiles.work]\nclient_id = \"x\"\nclient_sekret = \"typo\"\n");
    let out = env.run(&["token", "-p", "work"]);
    assert_code(&out, 2);
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(&path.display().to_string())
            && err.contains("line 3")
            && err.contains("client_sekret"),
        "{err}"
    );

    env.write_config("[profiles.work\n");
    let out = env.run(&["token", "-p", "work"]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("line 1"), "{}", stderr(&out));
}

#[test]
fn a_mistyped_profile_is_a_usage_error_naming_the_real_ones() {
    let env = TestEnv::new();
    let path = env.write_config(
        "[profiles.work]\nissuer = \"https://id.example.com\"\nclient_id = \"x\"\n[profiles.ci]\ntoken_url = \"https://id.example.com/token\"\nclient_id = \"ci\"\n",
    );
    for args in [
        &["token", "-p", "wrok"][..],
        &["login", "-p", "wrok", "--no-browser"][..],
        &["status", "-p", "wrok"][..],
        &["curl", "-p", "wrok", "--", "https://api.example.com/"][..],
    ] {
        let out = env.run(args);
        assert_code(&out, 2);
        let err = stderr(&out);
        assert!(
            err.contains("no profile \"wrok\"")
                && err.contains(&path.display().to_string())
                && err.contains("profiles: ci, work"),
            "{args:?}: {err}"
        );
    }
    // A profile given whole as flags is an ad-hoc one, not a typo.
    let out = env.run(&[
        "token",
        "-p",
        "adhoc",
        "--store",
        "none",
        "--token-url",
        "http://127.0.0.1:9/token",
        "--client-id",
        "x",
    ]);
    assert!(!stderr(&out).contains("no profile"), "{}", stderr(&out));
}

#[test]
fn flags_beat_env_which_beats_the_profile_file() {
    let fake = FakeProvider::metapack();
    let env = TestEnv::new();
    let props = env.write_file("apiKey.properties", &metapack::properties());
    env.write_config(&format!(
        "[profiles.default]\ntoken_url = \"http://127.0.0.1:9/wrong\"\ncredentials_file = '{}'\nclient_auth = \"basic-raw\"\n",
        props.display()
    ));
    // env beats the file
    let out = env
        .cmd()
        .env("OAUTHCTL_TOKEN_URL", fake.url(metapack::PATH))
        .args(["client-credentials"])
        .output()
        .unwrap();
    assert_ok(&out);
    // a flag beats the env
    let out = env
        .cmd()
        .env("OAUTHCTL_TOKEN_URL", "http://127.0.0.1:9/wrong")
        .args([
            "client-credentials",
            "-p",
            "default",
            "--force",
            "--token-url",
            &fake.url(metapack::PATH),
        ])
        .output()
        .unwrap();
    assert_ok(&out);
    assert_eq!(fake.count(), 2);
}

#[test]
fn client_secret_cmd_and_env_sources() {
    let fake = FakeProvider::metapack();
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.cmd]\ntoken_url = \"{url}\"\nclient_id = \"{id}\"\nclient_secret_cmd = \"printf '%s' '{secret}'\"\nclient_auth = \"basic-raw\"\n\
         [profiles.env]\ntoken_url = \"{url}\"\nclient_id = \"{id}\"\nclient_secret_env = \"MP_SECRET\"\nclient_auth = \"basic-raw\"\n",
        url = fake.url(metapack::PATH),
        id = metapack::API_KEY_ID,
        secret = metapack::API_KEY_SECRET,
    ));
    assert_ok(&env.run(&["-p", "cmd", "client-credentials"]));
    let out = env.run(&["-p", "env", "client-credentials", "--force"]);
    assert_code(&out, 2);
    assert!(stderr(&out).contains("MP_SECRET"), "{}", stderr(&out));
    let out = env
        .cmd()
        .env("MP_SECRET", metapack::API_KEY_SECRET)
        .args(["-p", "env", "client-credentials", "--force"])
        .output()
        .unwrap();
    assert_ok(&out);
}

#[test]
fn a_secret_on_the_command_line_warns() {
    let fake = FakeProvider::metapack();
    let env = TestEnv::new();
    let out = env.run(&[
        "client-credentials",
        "--token-url",
        &fake.url(metapack::PATH),
        "--client-id",
        metapack::API_KEY_ID,
        "--client-secret",
        metapack::API_KEY_SECRET,
        "--client-auth",
        "basic-raw",
    ]);
    assert_ok(&out);
    assert!(
        stderr(&out).contains("visible to other users"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains(metapack::API_KEY_SECRET));
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let env = TestEnv::new();
    let out = env.run(&[
        "client-credentials",
        "--token-url",
        "http://id.example.com/token",
        "--client-id",
        "x",
    ]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains("refusing plain http"),
        "{}",
        stderr(&out)
    );
}

/// Every URL of a profile is checked when it is resolved, by its key: a
/// bad `revocation_url` stops `token` before any request, not only
/// `logout --revoke` later.
#[test]
fn every_url_in_a_profile_is_checked_up_front_by_its_key() {
    let provider = minting("never");
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.ci]\ntoken_url = \"{}\"\nclient_id = \"ci\"\nclient_secret = \"s\"\ngrant = \"client_credentials\"\nrevocation_url = \"http://id.example.com/revoke\"\n",
        provider.url("/token")
    ));
    let out = env.run(&["token", "-p", "ci"]);
    assert_code(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("revocation_url (--revocation-url): refusing plain http"),
        "{err}"
    );
    assert_eq!(provider.count(), 0, "a request was sent");
}

/// A client-credentials provider whose tokens name it (`NAME-1`, `NAME-2`...).
fn minting(name: &'static str) -> FakeProvider {
    use crate::support::fake::{Reply, State};
    FakeProvider::start(State::default(), move |req, st| {
        if req.method != "POST" {
            return Reply::not_found();
        }
        st.hits += 1;
        Reply::json(
            200,
            &serde_json::json!({
                "access_token": format!("{name}-{}", st.hits),
                "token_type": "bearer",
                "expires_in": 3600,
            }),
        )
    })
}

/// A profile's `store` decides where its tokens are kept; `--store` wins.
#[test]
fn a_profile_chooses_its_store_and_the_command_line_overrides_it() {
    let provider = minting("minted");
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.ci]\ntoken_url = \"{}\"\nclient_id = \"ci\"\nclient_secret = \"s\"\ngrant = \"client_credentials\"\nstore = \"none\"\n",
        provider.url("/token")
    ));
    let token = |args: &[&str]| {
        let out = env
            .cmd()
            .env_remove("OAUTHCTL_STORE")
            .args(args)
            .output()
            .unwrap();
        assert_ok(&out);
        stdout(&out)
    };
    // store = "none": nothing kept, so every call mints, on the fast path too.
    assert_eq!(token(&["token", "-p", "ci"]), "minted-1\n");
    assert_eq!(token(&["token", "-p", "ci"]), "minted-2\n");
    assert_eq!(token_files(&env), 0);
    assert!(token(&["status"]).contains("store: none"));
    // --store on the command line wins over the profile.
    assert_eq!(
        token(&["--store", "file", "token", "-p", "ci"]),
        "minted-3\n"
    );
    assert_eq!(
        token(&["--store", "file", "token", "-p", "ci"]),
        "minted-3\n"
    );
    assert_eq!(token_files(&env), 1);
}

/// `token` read by the recogniser (the plain forms) and by clap (any other
/// option) prints the same; a provider option in the environment leaves
/// the argv to clap, which sees it.
#[test]
fn token_fast_path_and_full_parser_agree() {
    let first = minting("first");
    let second = minting("second");
    let env = TestEnv::new();
    env.write_config(&format!(
        "[profiles.ci]\ntoken_url = \"{}\"\nclient_id = \"ci\"\nclient_secret = \"s\"\ngrant = \"client_credentials\"\n",
        first.url("/token")
    ));
    assert_eq!(stdout(&env.run(&["token", "-p", "ci"])), "first-1\n");
    for format in ["raw", "header", "env"] {
        let fast = env.run(&["token", "-p", "ci", "-o", format]);
        let full = env.run(&["token", "-p", "ci", "-o", format, "--body", "form"]);
        assert_ok(&fast);
        assert_ok(&full);
        assert_eq!(stdout(&fast), stdout(&full), "-o {format}");
    }
    for spelling in [
        &["token", "--profile=ci"][..],
        &["-p", "ci", "token"][..],
        &["token", "-pci", "--min-ttl=30"][..],
        &["--store", "file", "token", "-p", "ci", "-q"][..],
    ] {
        assert_eq!(stdout(&env.run(spelling)), "first-1\n", "{spelling:?}");
    }
    assert_eq!(first.count(), 1, "a fresh token was minted again");
    // The environment names another token endpoint: another cache key, so
    // clap reads the argv and the token is minted there.
    let out = env
        .cmd()
        .env("OAUTHCTL_TOKEN_URL", second.url("/token"))
        .args(["token", "-p", "ci"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "second-1\n", "{}", stderr(&out));
    // A token that needs renewing is renewed, whichever reading it took.
    let out = env.run(&["token", "-p", "ci", "--min-ttl", "999999"]);
    assert_eq!(stdout(&out), "first-2\n", "{}", stderr(&out));
}

/// Issue 17: an option given twice is a usage error (exit 2), as clap has
/// it, even in the plain forms whose fresh stored token the fast path would
/// otherwise print; and `--config -q` reads no file named `-q`.
#[test]
fn token_p_a_p_b_exits_2_like_clap_with_a_stored_token() {
    let provider = minting("stored");
    let env = TestEnv::new();
    let profile = |name: &str| {
        format!(
            "[profiles.{name}]\ntoken_url = \"{}\"\nclient_id = \"{name}\"\nclient_secret = \"s\"\ngrant = \"client_credentials\"\n",
            provider.url("/token")
        )
    };
    env.write_config(&format!("{}{}", profile("a"), profile("b")));
    assert_eq!(stdout(&env.run(&["token", "-p", "a"])), "stored-1\n");
    assert_eq!(stdout(&env.run(&["token", "-p", "b"])), "stored-2\n");
    for args in [
        &["token", "-p", "a", "-p", "b"][..],
        &["token", "-p", "a", "-p", "a"],
        &["token", "-p", "a", "-o", "raw", "-o", "json"],
        &["token", "-p", "a", "--min-ttl", "5", "--min-ttl", "5"],
        &["--store", "file", "--store", "file", "token", "-p", "a"],
        &["token", "-p", "a", "-q", "-q"],
        &["curl", "-p", "a", "-p", "b", "--", "http://127.0.0.1:9/"],
        &["token", "-p", "a", "--config", "-q"],
    ] {
        let out = env.run(args);
        assert_code(&out, 2);
        assert_eq!(stdout(&out), "", "{args:?}");
        // clap's own message, not a command's `oauthctl: error:`.
        assert!(
            stderr(&out).starts_with("error: "),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(provider.count(), 2, "a repeated option minted");
}
