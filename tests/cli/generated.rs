//! `completions/` and `man/` are generated from the clap definition and
//! committed; these tests fail when they are stale.
//! Regenerate with: `OAUTHCTL_REGENERATE=1 cargo test --test cli generated`.

use crate::support::{TestEnv, assert_ok};
use std::path::{Path, PathBuf};

const SHELLS: &[(&str, &str)] = &[
    ("bash", "oauthctl.bash"),
    ("zsh", "_oauthctl"),
    ("fish", "oauthctl.fish"),
    ("powershell", "_oauthctl.ps1"),
    ("elvish", "oauthctl.elv"),
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn regenerate() -> bool {
    std::env::var_os("OAUTHCTL_REGENERATE").is_some()
}

#[track_caller]
fn check_fresh(committed: &Path, generated: &[u8]) {
    if regenerate() {
        std::fs::create_dir_all(committed.parent().unwrap()).unwrap();
        std::fs::write(committed, generated).unwrap();
        return;
    }
    let current = std::fs::read(committed).unwrap_or_default();
    assert!(
        current == generated,
        "{} is stale: run `OAUTHCTL_REGENERATE=1 cargo test --test cli generated` and commit the result",
        committed.display()
    );
}

#[test]
fn completions_are_fresh() {
    let env = TestEnv::new();
    for (shell, file) in SHELLS {
        let out = env.run(&["generate", "completions", shell]);
        assert_ok(&out);
        assert!(!out.stdout.is_empty(), "{shell} completion is empty");
        check_fresh(&repo().join("completions").join(file), &out.stdout);
    }
}

/// The committed bash completion, run by bash: `oauthctl token -p <TAB>` and
/// `oauthctl curl --profile w<TAB>` offer the config file's profile names.
#[test]
fn bash_completes_profile_names() {
    let env = TestEnv::new();
    let config = env.write_config(
        "[profiles.work]\nissuer = \"https://id.example.com\"\n[profiles.ci]\ntoken_url = \"https://id.example.com/t\"\n",
    );
    let script = repo().join("completions").join("oauthctl.bash");
    let bin_dir = std::path::Path::new(crate::support::BIN).parent().unwrap();
    let complete = |words: &[&str]| -> Vec<String> {
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let cword = words.len() - 1;
        let line = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={cword}; _oauthctl oauthctl '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            quoted.join(" "),
            words[cword],
            words[cword - 1],
        );
        let mut cmd = std::process::Command::new("bash");
        cmd.env_clear()
            .args(["--norc", "--noprofile", "-c", &line])
            .env(
                "PATH",
                format!(
                    "{}:{}",
                    bin_dir.display(),
                    std::env::var("PATH").unwrap_or_default()
                ),
            )
            .env("HOME", env.path().join("home"))
            .env("OAUTHCTL_CONFIG", &config);
        let out = crate::support::bounded(cmd).output().unwrap();
        assert!(out.status.success(), "{}", crate::support::stderr(&out));
        crate::support::stdout(&out)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(complete(&["oauthctl", "token", "-p", ""]), ["ci", "work"]);
    assert_eq!(complete(&["oauthctl", "curl", "--profile", "w"]), ["work"]);
    assert_eq!(complete(&["oauthctl", "-p", "c"]), ["ci"]);
}

#[test]
fn zsh_and_fish_completions_offer_profile_names_for_p() {
    let zsh = std::fs::read_to_string(repo().join("completions").join("_oauthctl")).unwrap();
    assert!(
        zsh.contains("_oauthctl_profiles() {"),
        "zsh: no profile function"
    );
    assert!(
        !zsh.contains("'-p+[Profile")
            || !zsh
                .lines()
                .any(|l| l.starts_with("'-p+[") && l.ends_with(":NAME:_default' \\")),
        "zsh: -p still completes files"
    );
    let fish = std::fs::read_to_string(repo().join("completions").join("oauthctl.fish")).unwrap();
    let profile_lines: Vec<&str> = fish
        .lines()
        .filter(|l| l.contains(" -s p -l profile "))
        .collect();
    assert!(!profile_lines.is_empty());
    for line in profile_lines {
        assert!(line.contains("profile list --names"), "fish: {line}");
    }
}

#[test]
fn man_pages_are_fresh() {
    let env = TestEnv::new();
    let dir = env.path().join("man");
    assert_ok(&env.run(&["generate", "man", dir.to_str().unwrap()]));
    let mut generated: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    generated.sort();
    assert!(generated.contains(&"oauthctl.1".to_owned()));
    assert!(generated.contains(&"oauthctl-token.1".to_owned()));
    for name in &generated {
        check_fresh(
            &repo().join("man").join(name),
            &std::fs::read(dir.join(name)).unwrap(),
        );
    }
    // A page for a removed subcommand is stale too.
    if !regenerate() {
        for entry in std::fs::read_dir(repo().join("man")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                generated.contains(&name),
                "man/{name} is no longer generated: delete it"
            );
        }
    }
}

#[test]
fn every_man_page_has_exit_codes_and_names_only_pages_that_exist() {
    let dir = repo().join("man");
    let pages: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        pages.contains(&"oauthctl-profile-add.1".to_owned()),
        "{pages:?}"
    );
    for page in &pages {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        assert!(
            text.contains(".SH \"EXIT STATUS\"") && text.contains("login required"),
            "{page} has no exit codes"
        );
        // roff spells a reference `name(1)`, the name maybe in bold.
        for (at, _) in text.match_indices("(1)") {
            let before = &text[..at];
            let name: String = before
                .trim_end_matches("\\fR")
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if name.starts_with("oauthctl") {
                assert!(
                    pages.contains(&format!("{name}.1")),
                    "{page} refers to {name}(1), which is not generated"
                );
            }
        }
    }
}

#[test]
fn man_page_documents_exit_codes() {
    let page = std::fs::read_to_string(repo().join("man").join("oauthctl.1")).unwrap();
    assert!(
        page.contains("login required"),
        "exit codes missing from oauthctl.1"
    );
}

/// `--help` of every command, snapshotted: a help change is a reviewed diff.
#[test]
fn help_snapshots_are_fresh() {
    let env = TestEnv::new();
    let commands: &[&[&str]] = &[
        &[],
        &["login"],
        &["token"],
        &["refresh"],
        &["client-credentials"],
        &["curl"],
        &["logout"],
        &["status"],
        &["inspect"],
        &["profile"],
        &["profile", "add"],
        &["demo"],
    ];
    for command in commands {
        let mut args: Vec<&str> = command.to_vec();
        args.push("--help");
        let out = env.run(&args);
        assert_ok(&out);
        let name = if command.is_empty() {
            "oauthctl".to_owned()
        } else {
            command.join("-")
        };
        check_fresh(
            &repo()
                .join("tests/cli/snapshots/help")
                .join(format!("{name}.txt")),
            &out.stdout,
        );
    }
}
