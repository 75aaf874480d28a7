//! Provider presets (issue 20 item 3): `profile add NAME --preset P` writes
//! the row of `src/presets.rs`, and the profile it wrote logs in at the real
//! test provider once the preset's origin is rewritten to it.

use crate::support::oidc::{self, OidcProvider, SPECIAL_SECRET, WEB_POST_SECRET};
use crate::support::{TestEnv, assert_code, assert_ok, printed_token, stderr};
use std::time::Duration;

/// `profile add NAME --preset …`, asserted to succeed.
#[track_caller]
fn add(env: &TestEnv, name: &str, args: &[&str]) -> String {
    let out = env
        .cmd()
        .args(["profile", "add", name])
        .args(args)
        .output()
        .unwrap();
    assert_ok(&out);
    stderr(&out)
}

/// The profile's table as written, compared whole with `expected` (TOML).
#[track_caller]
fn assert_written(env: &TestEnv, name: &str, expected: &str) {
    let text = std::fs::read_to_string(env.config_path()).unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap();
    let written = &file["profiles"][name];
    let expected: toml::Value = toml::from_str::<toml::Table>(expected).unwrap().into();
    assert_eq!(written, &expected, "profile {name} in\n{text}");
}

/// Replaces each preset URL in the config file by the test provider's.
#[track_caller]
fn rewrite(env: &TestEnv, pairs: &[(&str, &str)]) {
    for (from, to) in pairs {
        rewrite_text(env, &format!("\"{from}\""), &format!("\"{to}\""));
    }
}

#[track_caller]
fn rewrite_text(env: &TestEnv, from: &str, to: &str) {
    let path = env.config_path();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} is not in\n{text}");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

/// A browser login with the profile on the provider's pages, then a token
/// its API accepts, minted for `client_id`; returns the authorization URL.
#[track_caller]
fn log_in_and_use(env: &TestEnv, op: &OidcProvider, name: &str, client_id: &str) -> String {
    let auth_url = op.log_in_through_pages(env, &["-p", name]);
    assert_token(env, op, name, client_id);
    auth_url
}

#[track_caller]
fn assert_token(env: &TestEnv, op: &OidcProvider, name: &str, client_id: &str) {
    let token = printed_token(&env.run(&["token", "-p", name]));
    let me = op.assert_token_accepted(&token);
    assert_eq!(me["client_id"], client_id, "{me}");
    assert_eq!(me["sub"], "test-user", "{me}");
}

fn query(url: &str, key: &str) -> Option<String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// GitHub's endpoints, rewritten to the provider's; then the device flow,
/// which GitHub's public clients use: no secret is sent.
fn github(env: &TestEnv, op: &OidcProvider) {
    add(
        env,
        "gh",
        &["--preset", "github", "--client-id", "cli-public"],
    );
    assert_written(
        env,
        "gh",
        r#"
        auth_url = "https://github.com/login/oauth/authorize"
        token_url = "https://github.com/login/oauth/access_token"
        device_url = "https://github.com/login/device/code"
        client_id = "cli-public"
        client_auth = "post"
        scopes = ["repo", "workflow"]
        git_hosts = ["github.com"]
        "#,
    );
    rewrite(
        env,
        &[
            ("https://github.com/login/oauth/authorize", &op.auth_url()),
            (
                "https://github.com/login/oauth/access_token",
                &op.token_url(),
            ),
            ("https://github.com/login/device/code", &op.device_url()),
        ],
    );
    // The provider knows none of GitHub's scopes, and grants nothing
    // without one it knows: api:read stands beside them.
    rewrite_text(
        env,
        r#"scopes = ["repo", "workflow"]"#,
        r#"scopes = ["repo", "workflow", "api:read"]"#,
    );
    let mut login = env
        .cmd()
        .args(["login", "-p", "gh", "--device", "--timeout", "120"])
        .follow();
    let complete = login.find_line("verification_uri_complete", Duration::from_secs(30), |l| {
        l.split_whitespace()
            .find(|w| w.starts_with("http") && w.contains("user_code="))
            .map(str::to_owned)
    });
    let page = oidc::approve_device_in_test_browser(&complete);
    assert!(page.contains("Sign-in Success"), "{page}");
    let done = login.finish(Duration::from_secs(60));
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    assert_token(env, op, "gh", "cli-public");
    assert_eq!(op.stats()["device_authorization_requests"], 1);
}

#[test]
fn each_preset_logs_in_at_the_test_provider_with_its_origin_rewritten() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let issuer = op.issuer().to_owned();
    let host = issuer.trim_start_matches("http://").to_owned();
    let basic_secret = env.write_file("basic-secret", SPECIAL_SECRET);
    let basic_secret = basic_secret.to_str().unwrap();
    let post_secret = env.write_file("post-secret", WEB_POST_SECRET);
    let post_secret = post_secret.to_str().unwrap();

    github(&env, &op);

    // Self-hosted GitLab at the provider itself: nothing to rewrite.
    let base = format!("{issuer}/");
    add(
        &env,
        "gl",
        &[
            "--preset",
            "gitlab",
            "--url",
            &base,
            "--client-id",
            "cli-public",
        ],
    );
    assert_written(
        &env,
        "gl",
        &format!(
            r#"
            issuer = "{issuer}"
            device_url = "{issuer}/oauth/authorize_device"
            client_id = "cli-public"
            scopes = ["openid", "read_repository", "write_repository"]
            git_hosts = ["{host}"]
            "#
        ),
    );
    log_in_and_use(&env, &op, "gl", "cli-public");

    // Bitbucket's consumers are confidential: Basic, with the secret file.
    let out = add(
        &env,
        "bb",
        &[
            "--preset",
            "bitbucket",
            "--client-id",
            "web-basic",
            "--client-secret-file",
            basic_secret,
        ],
    );
    assert!(!out.contains("needs the consumer's secret"), "{out}");
    assert_written(
        &env,
        "bb",
        &format!(
            r#"
            auth_url = "https://bitbucket.org/site/oauth2/authorize"
            token_url = "https://bitbucket.org/site/oauth2/access_token"
            client_id = "web-basic"
            client_secret_file = "{basic_secret}"
            scopes = ["repository", "repository:write"]
            git_hosts = ["bitbucket.org"]
            git_username = "x-token-auth"
            "#
        ),
    );
    rewrite(
        &env,
        &[
            (
                "https://bitbucket.org/site/oauth2/authorize",
                &op.auth_url(),
            ),
            (
                "https://bitbucket.org/site/oauth2/access_token",
                &op.token_url(),
            ),
        ],
    );
    rewrite_text(
        &env,
        r#"scopes = ["repository", "repository:write"]"#,
        r#"scopes = ["repository", "repository:write", "api:read"]"#,
    );
    log_in_and_use(&env, &op, "bb", "web-basic");

    // Forgejo (an alias of gitea) at the provider itself.
    add(
        &env,
        "fj",
        &[
            "--preset",
            "forgejo",
            "--url",
            &issuer,
            "--client-id",
            "cli-public",
        ],
    );
    assert_written(
        &env,
        "fj",
        &format!(
            r#"
            issuer = "{issuer}"
            client_id = "cli-public"
            scopes = ["openid", "profile"]
            git_hosts = ["{host}"]
            "#
        ),
    );
    log_in_and_use(&env, &op, "fj", "cli-public");

    // Google: a secret-holding client, and the offline-access parameters
    // on the authorization request. A flag beside the preset is kept.
    add(
        &env,
        "goog",
        &[
            "--preset",
            "google",
            "--client-id",
            "web-post",
            "--client-secret-file",
            post_secret,
            "--client-auth",
            "post",
        ],
    );
    assert_written(
        &env,
        "goog",
        &format!(
            r#"
            issuer = "https://accounts.google.com"
            client_id = "web-post"
            client_secret_file = "{post_secret}"
            client_auth = "post"
            scopes = ["openid", "email", "profile"]
            auth_params = {{ access_type = "offline", prompt = "consent" }}
            "#
        ),
    );
    rewrite(&env, &[("https://accounts.google.com", &issuer)]);
    let auth_url = log_in_and_use(&env, &op, "goog", "web-post");
    assert_eq!(query(&auth_url, "access_type").as_deref(), Some("offline"));
    assert_eq!(query(&auth_url, "prompt").as_deref(), Some("consent"));

    // Entra ID, a tenant of one's own: its v2 issuer, offline_access asked.
    add(
        &env,
        "ms",
        &[
            "--preset",
            "entra",
            "--tenant",
            "contoso.onmicrosoft.com",
            "--client-id",
            "cli-public",
        ],
    );
    assert_written(
        &env,
        "ms",
        r#"
        issuer = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0"
        client_id = "cli-public"
        scopes = ["openid", "profile", "offline_access"]
        "#,
    );
    rewrite(
        &env,
        &[(
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
            &issuer,
        )],
    );
    let auth_url = log_in_and_use(&env, &op, "ms", "cli-public");
    assert_eq!(
        query(&auth_url, "scope").as_deref(),
        Some("openid profile offline_access")
    );

    // Entra ID's shared tenants name a template issuer in their discovery
    // document: explicit endpoints instead, and offline_access stays when
    // --scope replaces the usual scopes.
    add(
        &env,
        "ms-org",
        &[
            "--preset",
            "entra",
            "--tenant",
            "organizations",
            "--client-id",
            "cli-public",
            "--scope",
            "openid api:read",
        ],
    );
    let ms = "https://login.microsoftonline.com/organizations/oauth2/v2.0";
    assert_written(
        &env,
        "ms-org",
        &format!(
            r#"
            auth_url = "{ms}/authorize"
            token_url = "{ms}/token"
            device_url = "{ms}/devicecode"
            client_id = "cli-public"
            scopes = ["openid", "api:read", "offline_access"]
            "#
        ),
    );
    rewrite(
        &env,
        &[
            (&format!("{ms}/authorize"), &op.auth_url()),
            (&format!("{ms}/token"), &op.token_url()),
            (&format!("{ms}/devicecode"), &op.device_url()),
        ],
    );
    let auth_url = log_in_and_use(&env, &op, "ms-org", "cli-public");
    assert_eq!(
        query(&auth_url, "scope").as_deref(),
        Some("openid api:read offline_access")
    );

    // Okta's org server, Auth0 (whose issuer ends in a slash) and Keycloak.
    let issuer_slash = format!("{issuer}/");
    for (name, args, written, rewritten) in [
        (
            "okta",
            vec!["--preset", "okta", "--domain", "dev-123.okta.com"],
            "https://dev-123.okta.com",
            issuer.as_str(),
        ),
        (
            "a0",
            vec!["--preset", "auth0", "--domain", "example.us.auth0.com"],
            "https://example.us.auth0.com/",
            issuer_slash.as_str(),
        ),
        (
            "kc",
            vec![
                "--preset",
                "keycloak",
                "--url",
                "https://sso.example.com/",
                "--realm",
                "main",
            ],
            "https://sso.example.com/realms/main",
            issuer.as_str(),
        ),
    ] {
        add(
            &env,
            name,
            &[args.as_slice(), &["--client-id", "cli-public"]].concat(),
        );
        assert_written(
            &env,
            name,
            &format!(
                r#"
                issuer = "{written}"
                client_id = "cli-public"
                scopes = ["openid", "profile", "offline_access"]
                "#
            ),
        );
        rewrite(&env, &[(written, rewritten)]);
        log_in_and_use(&env, &op, name, "cli-public");
    }
}

#[test]
fn the_public_forges_and_their_quirks_are_written_without_a_url() {
    let env = TestEnv::new();
    add(&env, "gl", &["--preset", "gitlab", "--client-id", "app-id"]);
    assert_written(
        &env,
        "gl",
        r#"
        issuer = "https://gitlab.com"
        device_url = "https://gitlab.com/oauth/authorize_device"
        client_id = "app-id"
        scopes = ["openid", "read_repository", "write_repository"]
        git_hosts = ["gitlab.com"]
        "#,
    );
    add(
        &env,
        "cb",
        &["--preset", "codeberg", "--client-id", "app-id"],
    );
    assert_written(
        &env,
        "cb",
        r#"
        issuer = "https://codeberg.org"
        client_id = "app-id"
        scopes = ["openid", "profile"]
        git_hosts = ["codeberg.org"]
        "#,
    );
    // GitHub Enterprise Server; --git-host given replaces the preset's.
    add(
        &env,
        "ghe",
        &[
            "--preset",
            "github",
            "--url",
            "https://ghe.example.com",
            "--client-id",
            "app-id",
            "--git-host",
            "git.example.com",
        ],
    );
    assert_written(
        &env,
        "ghe",
        r#"
        auth_url = "https://ghe.example.com/login/oauth/authorize"
        token_url = "https://ghe.example.com/login/oauth/access_token"
        device_url = "https://ghe.example.com/login/device/code"
        client_id = "app-id"
        client_auth = "post"
        scopes = ["repo", "workflow"]
        git_hosts = ["git.example.com"]
        "#,
    );
    // An explicit flag wins over the preset's issuer (Okta's default
    // custom authorization server instead of the org's).
    add(
        &env,
        "okta",
        &[
            "--preset",
            "okta",
            "--domain",
            "dev-1.okta.com",
            "--issuer",
            "https://dev-1.okta.com/oauth2/default",
            "--client-id",
            "0oa1",
        ],
    );
    assert_written(
        &env,
        "okta",
        r#"
        issuer = "https://dev-1.okta.com/oauth2/default"
        client_id = "0oa1"
        scopes = ["openid", "profile", "offline_access"]
        "#,
    );
    // A secret the provider needs is asked for, by the profile's name.
    let said = add(&env, "gh", &["--preset", "github", "--client-id", "Iv1.x"]);
    assert!(said.contains("expiring user tokens"), "{said}");
    assert!(
        said.contains("oauthctl profile add gh --client-secret-env VAR"),
        "{said}"
    );
}

/// A refusal: exit 2, one line, and no config file written.
#[track_caller]
fn refused(args: &[&str]) -> String {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["profile", "add", "p"])
        .args(args)
        .output()
        .unwrap();
    assert_code(&out, 2);
    assert!(!env.config_path().exists(), "written for {args:?}");
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    err
}

#[test]
fn a_preset_never_invents_a_client_id_and_refuses_odd_places() {
    for (args, console) in [
        (
            &["--preset", "github"][..],
            "https://github.com/settings/developers",
        ),
        (
            &["--preset", "gitlab", "--url", "https://git.example.com"],
            "https://git.example.com/-/user_settings/applications",
        ),
        (
            &[
                "--preset",
                "keycloak",
                "--url",
                "https://sso.example.com",
                "--realm",
                "main",
            ],
            "https://sso.example.com/admin/master/console/#/main/clients",
        ),
        (
            &["--preset", "google"],
            "https://console.cloud.google.com/apis/credentials",
        ),
        (
            &["--preset", "okta", "--domain", "dev-9.okta.com"],
            "https://dev-9.okta.com/admin/apps/active",
        ),
    ] {
        let err = refused(args);
        assert!(
            err.contains(console) && err.contains("--client-id"),
            "{err}"
        );
    }
    let id = ["--client-id", "x"];
    let with_id = |args: &[&'static str]| [args, &id].concat();
    let err = refused(&with_id(&["--preset", "entra"]));
    assert!(err.contains("needs --tenant"), "{err}");
    let err = refused(&with_id(&[
        "--preset",
        "keycloak",
        "--url",
        "https://sso.example.com",
    ]));
    assert!(err.contains("needs --realm"), "{err}");
    let err = refused(&with_id(&["--preset", "forgejo"]));
    assert!(err.contains("needs --url"), "{err}");
    for domain in [
        "evil.example/x?",
        "a b.com",
        "dev-1",
        "https://x.okta.com/path",
    ] {
        let err = refused(&with_id(&["--preset", "okta", "--domain", domain]));
        assert!(err.contains("--domain"), "{err}");
    }
    for tenant in ["a/b", "x y", "../common"] {
        let err = refused(&with_id(&["--preset", "entra", "--tenant", tenant]));
        assert!(err.contains("--tenant"), "{err}");
    }
    let err = refused(&with_id(&[
        "--preset",
        "keycloak",
        "--url",
        "https://sso.example.com",
        "--realm",
        "a/b",
    ]));
    assert!(err.contains("--realm"), "{err}");
    let err = refused(&with_id(&[
        "--preset",
        "gitea",
        "--url",
        "http://git.example.com",
    ]));
    assert!(err.contains("https"), "{err}");
    let err = refused(&with_id(&["--preset", "github", "--tenant", "t"]));
    assert!(err.contains("does not take --tenant"), "{err}");

    // clap's own refusals: a place flag without --preset, an unknown preset.
    let env = TestEnv::new();
    for args in [
        &["profile", "add", "p", "--tenant", "t", "--client-id", "x"][..],
        &[
            "profile",
            "add",
            "p",
            "--preset",
            "nope",
            "--client-id",
            "x",
        ],
    ] {
        assert_code(&env.run(args), 2);
    }
    assert!(!env.config_path().exists());
}

#[test]
fn help_names_each_preset_and_its_console_page() {
    let env = TestEnv::new();
    let out = env.run(&["profile", "add", "--help"]);
    assert_ok(&out);
    let help = crate::support::stdout(&out);
    for (preset, console) in [
        ("github", "https://github.com/settings/developers"),
        ("gitlab", "https://gitlab.com/-/user_settings/applications"),
        (
            "bitbucket",
            "https://bitbucket.org/WORKSPACE/workspace/settings/api",
        ),
        ("gitea", "URL/user/settings/applications"),
        (
            "google",
            "https://console.cloud.google.com/apis/credentials",
        ),
        ("entra", "https://entra.microsoft.com/"),
        ("okta", "https://DOMAIN/admin/apps/active"),
        ("auth0", "https://manage.auth0.com/dashboard"),
        ("keycloak", "URL/admin/master/console/#/REALM/clients"),
    ] {
        let line = help
            .lines()
            .position(|l| l.trim_start().starts_with(&format!("- {preset}:")))
            .unwrap_or_else(|| panic!("no {preset} in\n{help}"));
        let entry = help.lines().skip(line).take(2).collect::<String>();
        assert!(entry.contains(console), "{preset}: {entry}");
    }
}
