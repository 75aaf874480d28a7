//! A newcomer's first hour (issue 18): what the README's quick start leaves
//! behind (a default profile), and what the commands say to someone who
//! has not configured anything yet.

use crate::support::fake::{FakeProvider, metapack};
use crate::support::{TestEnv, assert_code, assert_ok, printed_token, stderr, stdout};

/// The quick start's step 2, as written in the README.
fn quick_start(env: &TestEnv) {
    assert_ok(&env.run(&[
        "profile",
        "add",
        "work",
        "--issuer",
        "https://id.work.invalid",
        "--client-id",
        "oauthctl-cli",
        "--scope",
        "openid offline_access api",
        "--default",
    ]));
}

#[test]
fn ad_hoc_flags_use_nothing_of_the_default_profile() {
    let fake = FakeProvider::metapack();
    let env = TestEnv::new();
    quick_start(&env);
    let props = env.write_file("apiKey.properties", &metapack::properties());
    let out = env.run(&[
        "cc",
        "--token-url",
        &fake.url(metapack::PATH),
        "--credentials-file",
        props.to_str().unwrap(),
        "--client-auth",
        "basic-raw",
    ]);
    printed_token(&out);
    let sent = fake.last();
    // The key file's client, and no scope of work's.
    assert_eq!(
        sent.basic_raw().map(|(id, _)| id).as_deref(),
        Some(metapack::API_KEY_ID)
    );
    assert_eq!(sent.param("scope"), None, "work's scopes were sent");
    // With -p the profile applies again, flags over it.
    let out = env.run(&[
        "token",
        "-p",
        "work",
        "--token-url",
        &fake.url(metapack::PATH),
    ]);
    assert_code(&out, 4);
    assert!(stderr(&out).contains("work"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn no_keychain_here_is_said_in_plain_words_with_the_details_behind_v() {
    let env = TestEnv::new();
    quick_start(&env);
    // No session bus at all: D-Bus would try (and fail) to autolaunch one.
    let token = |extra: &[&str]| {
        env.cmd()
            .args(["token"])
            .args(extra)
            .env("OAUTHCTL_STORE", "auto")
            .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
            .output()
            .unwrap()
    };
    let out = token(&[]);
    assert_code(&out, 4);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("no keychain (Secret Service) is running"),
        "{err}"
    );
    assert!(err.contains("--store file"), "{err}");
    assert!(!err.to_ascii_lowercase().contains("dbus"), "{err}");
    let out = token(&["-v"]);
    assert!(
        stderr(&out).contains("D-Bus") || stderr(&out).to_ascii_lowercase().contains("dbus"),
        "{}",
        stderr(&out)
    );

    let out = env
        .cmd()
        .args(["token", "--store", "keyring"])
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("start one") && err.contains("--store file"),
        "{err}"
    );
    assert!(!err.to_ascii_lowercase().contains("dbus"), "{err}");
}

/// With nothing configured, every first command names the one command that
/// gets the user further, never another that sends them on again.
#[test]
fn nothing_configured_gives_the_command_that_configures_it() {
    let env = TestEnv::new();
    for args in [
        &["token"][..],
        &["login"],
        &["login", "--device"],
        &["curl", "--", "https://api.example.com/"],
        &["refresh"],
    ] {
        let out = env.run(args);
        assert_code(&out, 2);
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains("oauthctl profile add NAME --issuer URL --client-id ID"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("login -p default"), "{args:?}: {err}");
        if cfg!(feature = "demo") {
            assert!(err.contains("oauthctl demo"), "{args:?}: {err}");
        }
    }
    // And that command then works: the quick start's profile is found.
    quick_start(&env);
    let out = env.run(&["token"]);
    assert_code(&out, 4);
    assert!(
        stderr(&out).contains("oauthctl login -p work"),
        "{}",
        stderr(&out)
    );
}

/// Each command's help shows its own options first; the shared provider and
/// client options come after, under one heading, and `-h` fits a screen.
#[test]
fn help_shows_the_commands_own_options_first_and_short_help_fits_a_screen() {
    let env = TestEnv::new();
    for (command, own) in [
        ("token", "--output"),
        ("login", "--device"),
        ("refresh", "--output"),
        ("client-credentials", "--force"),
        ("curl", "--token-in"),
        ("exec", "--env"),
        ("logout", "--revoke"),
    ] {
        let long = stdout(&env.run(&[command, "--help"]));
        let own_at = long
            .find(own)
            .unwrap_or_else(|| panic!("{command}: no {own}"));
        let provider_at = long
            .find("\nProvider and client:\n")
            .unwrap_or_else(|| panic!("{command}: no provider heading"));
        assert!(
            own_at < provider_at,
            "{command}: {own} after the provider options"
        );
        assert!(
            long[..provider_at].lines().count() < 80,
            "{command}: {own} is far down:\n{long}"
        );
        let short = stdout(&env.run(&[command, "-h"]));
        assert!(short.contains(own), "{command} -h: no {own}");
        assert!(
            !short.contains("--issuer"),
            "{command} -h lists the provider options"
        );
        assert!(
            short.lines().count() <= 50,
            "{command} -h is {} lines",
            short.lines().count()
        );
    }
}

/// `setup docker` writes credHelpers into docker's config, keeping every
/// other key and a backup, and names the registry in the profile, so that
/// docker's helper call (which carries no -p) finds it.
#[test]
fn setup_docker_adds_cred_helpers_keeping_the_rest_and_a_backup() {
    let env = TestEnv::new();
    quick_start(&env);
    let docker = env.path().join("home/.docker");
    std::fs::create_dir_all(&docker).unwrap();
    let before = r#"{"auths": {"ghcr.io": {"auth": "eA=="}}, "credHelpers": {"gcr.io": "gcloud"}, "psFormat": "table"}"#;
    std::fs::write(docker.join("config.json"), before).unwrap();
    let out = env.run(&[
        "setup",
        "docker",
        "-p",
        "work",
        "--registry",
        "registry.example.com",
        "--registry",
        "https://other.example.com:5000",
    ]);
    assert_ok(&out);
    let after: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(docker.join("config.json")).unwrap())
            .unwrap();
    assert_eq!(after["auths"]["ghcr.io"]["auth"], "eA==");
    assert_eq!(after["psFormat"], "table");
    assert_eq!(after["credHelpers"]["gcr.io"], "gcloud");
    assert_eq!(after["credHelpers"]["registry.example.com"], "oauthctl");
    assert_eq!(after["credHelpers"]["other.example.com:5000"], "oauthctl");
    assert_eq!(
        std::fs::read_to_string(docker.join("config.json.bak")).unwrap(),
        before
    );
    let list = env.run(&["docker-credential", "list"]);
    assert_ok(&list);
    let listed: serde_json::Value = serde_json::from_str(&stdout(&list)).unwrap();
    assert!(
        listed.get("https://registry.example.com").is_some(),
        "{listed}"
    );
    // Again: nothing doubled.
    assert_ok(&env.run(&[
        "setup",
        "docker",
        "-p",
        "work",
        "--registry",
        "registry.example.com",
    ]));
    let config = std::fs::read_to_string(env.config_path()).unwrap();
    assert_eq!(
        config.matches("\"registry.example.com\"").count(),
        1,
        "{config}"
    );
    // A profile that is not there is refused before docker's file changes.
    let out = env.run(&[
        "setup",
        "docker",
        "-p",
        "nope",
        "--registry",
        "r.example.com",
    ]);
    assert_code(&out, 2);
}

#[test]
fn setup_git_is_in_the_setup_family_and_setup_git_still_works() {
    let env = TestEnv::new();
    quick_start(&env);
    for command in [&["setup", "git"][..], &["setup-git"]] {
        let out = env.run(
            &[
                command,
                &["--host", "git.example.com", "-p", "work", "--dry-run"],
            ]
            .concat(),
        );
        assert_ok(&out);
        assert!(
            stdout(&out).contains("credential.https://git.example.com.helper"),
            "{command:?}: {}",
            stdout(&out)
        );
    }
    let help = stdout(&env.run(&["--help"]));
    assert!(
        !help.contains("setup-git"),
        "the old name is hidden:\n{help}"
    );
    assert!(stdout(&env.run(&["setup", "--help"])).contains("docker"));
}
