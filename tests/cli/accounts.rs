//! Several accounts on one machine (issue 20.2): `[[match]]` rules choose
//! the profile by the current directory (`-p` wins, `status` says which
//! rule chose), and `git_hosts` entries with a path prefix choose the
//! account per repository, the longest match winning, with real git and
//! the real provider's tokens.

use crate::support::oidc::OidcProvider;
use crate::support::{BIN, TestEnv, assert_code, assert_ok, stderr, stdout};
use std::path::Path;

fn profiles(op: &OidcProvider, work_extra: &str, acme_extra: &str, rules: &str) -> String {
    let issuer = op.issuer();
    format!(
        "default_profile = \"work\"\n\n{rules}\n[profiles.work]\nissuer = \"{issuer}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n{work_extra}\n[profiles.acme]\nissuer = \"{issuer}\"\nclient_id = \"cli-public\"\nscopes = [\"openid\", \"offline_access\", \"api:read\"]\n{acme_extra}"
    )
}

fn mkdir(path: std::path::PathBuf) -> std::path::PathBuf {
    std::fs::create_dir_all(&path).unwrap();
    path
}

fn token_in(env: &TestEnv, dir: &Path, args: &[&str]) -> std::process::Output {
    env.cmd()
        .arg("token")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// In `~/src/acme-*` (and below) commands use profile acme, elsewhere the
/// default; `-p` wins over the rule; `status` names the rule.
#[test]
fn match_rules_choose_the_profile_by_directory() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&profiles(
        &op,
        "",
        "",
        "[[match]]\ndir = \"~/src/acme-*\"\nprofile = \"acme\"\n\n[[match]]\ndir = \"~/src\"\nprofile = \"work\"\n",
    ));
    env.log_in(&op, "acme");
    let home = env.path().join("home");
    let inside = mkdir(home.join("src/acme-api/deep/er"));
    let beside = mkdir(home.join("src/acme/other"));
    let elsewhere = mkdir(home.join("notes"));

    let out = token_in(&env, &inside, &[]);
    assert_code(&out, 0);
    op.assert_token_accepted(stdout(&out).trim());
    // `*` stays within a component: ~/src/acme is the second rule's (work).
    for dir in [&beside, &elsewhere] {
        let out = token_in(&env, dir, &["--no-login"]);
        assert_code(&out, 4);
        assert!(stderr(&out).contains("profile work"), "{}", stderr(&out));
    }
    // -p wins over the rule.
    let out = token_in(&env, &inside, &["-p", "work", "--no-login"]);
    assert_code(&out, 4);
    assert!(stderr(&out).contains("profile work"), "{}", stderr(&out));

    let status = env
        .cmd()
        .arg("status")
        .current_dir(&inside)
        .output()
        .unwrap();
    assert_ok(&status);
    let text = stdout(&status);
    let acme = text
        .lines()
        .find(|l| l.contains(" acme "))
        .unwrap_or_default();
    assert!(acme.starts_with('*'), "{text}");
    assert!(
        acme.contains(r#"chosen by [[match]] dir = "~/src/acme-*""#),
        "{text}"
    );
    let status = env
        .cmd()
        .args(["status", "-o", "json"])
        .current_dir(&elsewhere)
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_str(&stdout(&status)).unwrap();
    let chosen: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["chosen_by"].is_string())
        .collect();
    assert_eq!(chosen.len(), 1, "{rows:#}");
    assert_eq!(chosen[0]["profile"], "work");
    assert_eq!(chosen[0]["chosen_by"], "default_profile");
}

/// A rule naming a profile the file lacks, or a relative directory, is a
/// configuration error (exit 2) naming the rule, not a silent miss.
#[test]
fn a_broken_match_rule_is_a_configuration_error() {
    let env = TestEnv::new();
    for (rule, says) in [
        (
            "[[match]]\ndir = \"~\"\nprofile = \"nope\"\n",
            "names profile nope",
        ),
        (
            "[[match]]\ndir = \"src/*\"\nprofile = \"work\"\n",
            "absolute directory",
        ),
        (
            "[[match]]\ndir = \"~/[\"\nprofile = \"work\"\n",
            "dir = \"~/[\"",
        ),
    ] {
        env.write_config(&format!(
            "{rule}\n[profiles.work]\ntoken_url = \"https://id.example.com/token\"\nclient_id = \"c\"\n"
        ));
        let out = token_in(&env, &env.path().join("home"), &[]);
        assert_code(&out, 2);
        assert!(stderr(&out).contains(says), "{rule}: {}", stderr(&out));
    }
}

fn helper_get(env: &TestEnv, request: &str) -> std::process::Output {
    env.cmd()
        .args(["git-credential", "get"])
        .stdin_text(request)
        .output()
        .unwrap()
}

fn password(out: &std::process::Output) -> Option<String> {
    stdout(out)
        .lines()
        .find_map(|line| line.strip_prefix("password=").map(str::to_owned))
}

/// `work` has the host, `acme` the path `acme/` on it: the helper picks by
/// the path git sends, the longest match winning, and `setup git` for the
/// prefix makes real git send it.
#[test]
fn a_path_prefix_in_git_hosts_picks_the_account() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&profiles(
        &op,
        "git_hosts = [\"git.example.com\"]\n",
        "git_hosts = [\"git.example.com/acme/\"]\n",
        "",
    ));
    env.log_in(&op, "work");
    let work_token = stdout(&env.run(&["token", "-p", "work"])).trim().to_owned();
    env.log_in(&op, "acme");
    let acme_token = stdout(&env.run(&["token", "-p", "acme"])).trim().to_owned();
    assert_ne!(work_token, acme_token);

    let ask = |path: Option<&str>| {
        let mut request = "protocol=https\nhost=git.example.com\n".to_owned();
        if let Some(path) = path {
            request.push_str(&format!("path={path}\n"));
        }
        password(&helper_get(&env, &format!("{request}\n")))
    };
    assert_eq!(ask(Some("acme/api.git")), Some(acme_token.clone()));
    assert_eq!(ask(Some("acme/sub/api.git")), Some(acme_token.clone()));
    assert_eq!(ask(Some("acme-corp/api.git")), Some(work_token.clone()));
    assert_eq!(ask(Some("other/api.git")), Some(work_token.clone()));
    // No path (git without useHttpPath): only the host entry can fit.
    assert_eq!(ask(None), Some(work_token.clone()));

    // A prefix the profile does not list is refused, with what to add.
    let out = env.run(&[
        "setup",
        "git",
        "--host",
        "git.example.com/other/",
        "-p",
        "acme",
    ]);
    assert_code(&out, 2);
    assert!(
        stderr(&out).contains(r#"git_hosts = ["git.example.com/other/"]"#),
        "{}",
        stderr(&out)
    );
    let out = env
        .command(BIN)
        .args([
            "setup",
            "git",
            "--host",
            "git.example.com/acme/",
            "-p",
            "acme",
        ])
        .output()
        .unwrap();
    assert_ok(&out);
    let gitconfig = std::fs::read_to_string(env.path().join("home/.gitconfig")).unwrap();
    assert!(gitconfig.contains("useHttpPath = true"), "{gitconfig}");
    assert!(!gitconfig.contains("-p 'acme'"), "{gitconfig}");
    // Real git, with that config, sends the path and gets acme's token.
    let fill = |url: &str| {
        let out = env
            .command("git")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_TERMINAL_PROMPT", "0")
            .current_dir(env.path())
            .args(["credential", "fill"])
            .stdin_text(&format!("url={url}\n\n"))
            .output()
            .unwrap();
        assert_ok(&out);
        password(&out)
    };
    assert_eq!(
        fill("https://git.example.com/acme/api.git"),
        Some(acme_token)
    );
    assert_eq!(
        fill("https://git.example.com/else/api.git"),
        Some(work_token)
    );
}
