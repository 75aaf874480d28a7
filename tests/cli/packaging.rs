//! The release, as a user meets it: the archive of `scripts/dist.sh` for
//! this machine (its contents and SHA256SUMS), the .deb of cargo-deb
//! installed with the real dpkg and removed again, `scripts/install.sh` run
//! by sh and dash against a local server serving those archives, the
//! Homebrew formula and Scoop manifest of `packaging/generate.py`, and the
//! release workflow's targets checked against the binstall metadata and the
//! installer's platform table.
//!
//! The archive and the .deb are built with the `package-test` profile (an
//! unoptimized build: the release profile takes six minutes on two cores);
//! `scripts/test.sh` builds it before the tests start. Without the tools
//! (cargo-deb, dpkg as root, ...) a test skips; `OAUTHCTL_REQUIRE_PACKAGING=1`
//! (set by `scripts/test.sh`) makes that a failure.

use crate::support::fake::{FakeProvider, Recorded, Reply, State};
use crate::support::{Run, bounded, required, skip, stderr, stdout};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

const SWITCH: &str = "OAUTHCTL_REQUIRE_PACKAGING";
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The target this test binary (and so the oauthctl beside it) is built for.
const HOST: &str = env!("OAUTHCTL_BUILD_TARGET");
/// A cold build of the package-test profile, on two busy cores.
const BUILD_LIMIT: Duration = Duration::from_secs(30 * 60);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: impl AsRef<Path>) -> String {
    let path = path.as_ref();
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `program ARGS` runs and succeeds.
fn runs(program: &str, args: &[&str]) -> bool {
    bounded(Command::new(program))
        .args(args)
        .limit(Duration::from_secs(30))
        .output()
        .is_ok_and(|out| out.status.success())
}

/// A program with the environment a nested cargo build must not inherit:
/// the build script's own outputs, which cargo also gives the tests, would
/// make it rerun and rebuild.
fn tool(program: impl AsRef<std::ffi::OsStr>) -> Run {
    let mut cmd = Command::new(program);
    cmd.current_dir(repo())
        .env_remove("OAUTHCTL_BUILD_COMMIT")
        .env_remove("OAUTHCTL_BUILD_TARGET");
    bounded(cmd)
}

#[track_caller]
fn ok(run: &mut Run) -> Output {
    let line = run.command_line();
    let out = run
        .output()
        .unwrap_or_else(|e| panic!("cannot run {line}: {e}"));
    assert!(
        out.status.success(),
        "{line} failed ({})\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        stdout(&out),
        stderr(&out)
    );
    out
}

fn archive_name(version: &str, target: &str) -> String {
    let ext = if target.contains("-windows-") {
        "zip"
    } else {
        "tar.gz"
    };
    format!("oauthctl-{version}-{target}.{ext}")
}

// ---------------------------------------------------------------------------
// The archive of scripts/dist.sh, built once for every test that needs it
// ---------------------------------------------------------------------------

struct Dist {
    /// The output directory: the archive and SHA256SUMS.
    dir: PathBuf,
    archive: PathBuf,
}

/// `scripts/dist.sh HOST` with the package-test profile, once per run of the
/// test binary; `None` (after a skip line) where bash, tar or gzip is
/// missing and the packaging tests are not required.
fn dist() -> Option<&'static Dist> {
    static DIST: OnceLock<Result<Dist, String>> = OnceLock::new();
    let built = DIST.get_or_init(|| {
        for tool in ["bash", "tar", "gzip"] {
            if !runs(tool, &["--version"]) {
                return Err(format!(
                    "{tool} is not installed (scripts/dist.sh needs it)"
                ));
            }
        }
        if HOST.contains("-windows-") {
            return Err("the Windows archive is a .zip made by the release workflow".into());
        }
        let dir = std::env::temp_dir().join(format!("oauthctl-dist-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let out = tool("bash")
            .arg("scripts/dist.sh")
            .arg(HOST)
            .env("OAUTHCTL_DIST_PROFILE", "package-test")
            .env("OAUTHCTL_DIST_DIR", &dir)
            .limit(BUILD_LIMIT)
            .output()
            .map_err(|e| format!("cannot run bash scripts/dist.sh: {e}"))?;
        if !out.status.success() {
            // Not a skip: the script is there to work.
            panic!(
                "bash scripts/dist.sh {HOST} failed ({})\n{}",
                out.status,
                stderr(&out)
            );
        }
        let archive = dir.join(archive_name(VERSION, HOST));
        assert_eq!(
            stdout(&out).trim(),
            archive.display().to_string(),
            "dist.sh prints the archive's path"
        );
        Ok(Dist { dir, archive })
    });
    match built {
        Ok(dist) => Some(dist),
        Err(why) => {
            skip(why, &[SWITCH]);
            None
        }
    }
}

/// The archive's entries, as `tar tzf` lists them.
fn tar_entries(archive: &Path) -> Vec<String> {
    let out = ok(bounded(Command::new("tar")).arg("tzf").arg(archive));
    stdout(&out).lines().map(str::to_owned).collect()
}

fn files_in(dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(repo().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect()
}

#[test]
fn version_names_the_commit_the_target_and_the_features() {
    let env = crate::support::TestEnv::new();
    let out = env.run(&["--version"]);
    crate::support::assert_ok(&out);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(lines[0], format!("oauthctl {VERSION}"));
    let commit = lines[1].strip_prefix("commit: ").expect("a commit line");
    let git = bounded({
        let mut git = Command::new("git");
        git.current_dir(repo())
            .args(["rev-parse", "--short", "HEAD"]);
        git
    })
    .output();
    match git {
        Ok(out) if out.status.success() => assert_eq!(commit, stdout(&out).trim(), "{text}"),
        _ => assert_eq!(commit, "unknown", "{text}"),
    }
    let target = lines[2].strip_prefix("target: ").expect("a target line");
    assert!(
        target.starts_with(std::env::consts::ARCH),
        "{target} is not for {}",
        std::env::consts::ARCH
    );
    let os = match std::env::consts::OS {
        "macos" => "apple-darwin",
        os => os,
    };
    assert!(target.contains(os), "{target} is not for {os}");
    let demo = if cfg!(feature = "demo") {
        "features: demo"
    } else {
        "features: (none: built without demo)"
    };
    assert_eq!(lines[3], demo);
    // -V stays one line, and the man pages the plain version.
    let short = env.run(&["-V"]);
    assert_eq!(stdout(&short), format!("oauthctl {VERSION}\n"));
}

#[test]
fn the_archive_holds_the_binary_completions_man_pages_docs_and_licenses() {
    let Some(dist) = dist() else { return };
    let top = format!("oauthctl-{VERSION}-{HOST}");
    let mut expected: BTreeSet<String> = [
        "oauthctl",
        "README.md",
        "CHANGELOG.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
    ]
    .iter()
    .map(|f| format!("{top}/{f}"))
    .collect();
    for file in files_in("completions") {
        expected.insert(format!("{top}/completions/{file}"));
    }
    for file in files_in("man") {
        expected.insert(format!("{top}/man/{file}"));
    }
    let files: BTreeSet<String> = tar_entries(&dist.archive)
        .into_iter()
        .filter(|e| !e.ends_with('/'))
        .collect();
    assert_eq!(files, expected, "the files in {}", dist.archive.display());

    // Unpacked: the docs are the repository's, the binary runs.
    let unpacked = tempfile::tempdir().unwrap();
    ok(bounded(Command::new("tar"))
        .arg("xzf")
        .arg(&dist.archive)
        .current_dir(unpacked.path()));
    let root = unpacked.path().join(&top);
    for doc in [
        "README.md",
        "CHANGELOG.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "completions/oauthctl.bash",
        "man/oauthctl-token.1",
    ] {
        assert_eq!(read(root.join(doc)), read(repo().join(doc)), "{doc}");
    }
    let out = ok(bounded(Command::new(root.join("oauthctl"))).arg("--version"));
    assert!(stdout(&out).starts_with(&format!("oauthctl {VERSION}\ncommit: ")));
    assert!(stdout(&out).contains(&format!("\ntarget: {HOST}\n")));

    // SHA256SUMS: one line, in sha256sum's format, right by sha256sum and
    // by this test's own digest.
    let sums = read(dist.dir.join("SHA256SUMS"));
    let name = archive_name(VERSION, HOST);
    let digest = sha256_hex(&std::fs::read(&dist.archive).unwrap());
    assert_eq!(sums, format!("{digest}  {name}\n"));
    if runs("sha256sum", &["--version"]) {
        ok(bounded(Command::new("sha256sum"))
            .args(["-c", "SHA256SUMS"])
            .current_dir(&dist.dir));
    }
}

// ---------------------------------------------------------------------------
// The .deb
// ---------------------------------------------------------------------------

/// Removes the package if the test stops between `dpkg -i` and `dpkg -r`.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        let _ = bounded(Command::new("dpkg"))
            .args(["--purge", "oauthctl"])
            .status();
    }
}

fn dpkg_status(package: &str) -> String {
    bounded(Command::new("dpkg-query"))
        .args(["-W", "-f=${db:Status-Abbrev}", package])
        .output()
        .map(|out| stdout(&out))
        .unwrap_or_default()
}

/// bash-completion's own loader finds the installed completion (as it
/// would in a login shell), and `oauthctl to<TAB>` completes to `token`.
fn bash_completes(line_words: &[&str]) -> Vec<String> {
    let words: Vec<String> = line_words.iter().map(|w| format!("'{w}'")).collect();
    let cword = line_words.len() - 1;
    let line = line_words.join(" ");
    let script = format!(
        "source /usr/share/bash-completion/bash_completion || exit 3
         __load_completion oauthctl || {{ echo 'bash-completion found no completion for oauthctl' >&2; exit 4; }}
         spec=$(complete -p oauthctl) || exit 5
         func=${{spec##*-F }}; func=${{func%% *}}
         COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}
         \"$func\" oauthctl '{cur}' '{prev}'
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words = words.join(" "),
        cur = line_words[cword],
        prev = line_words[cword - 1],
    );
    let out = ok(bounded(Command::new("bash")).args(["--norc", "--noprofile", "-c", &script]));
    stdout(&out)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_deb_installs_like_a_distribution_package_and_leaves_nothing_behind() {
    let root = bounded(Command::new("id"))
        .arg("-u")
        .output()
        .is_ok_and(|out| stdout(&out).trim() == "0");
    if !root || !runs("dpkg", &["--version"]) {
        skip("dpkg -i needs dpkg and root", &[SWITCH]);
        return;
    }
    if !tool("cargo")
        .args(["deb", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        skip(
            "cargo-deb is not installed (cargo install --locked cargo-deb)",
            &[SWITCH],
        );
        return;
    }
    for (program, package) in [("man", "man-db"), ("bash", "bash")] {
        if !runs(program, &["--version"]) {
            skip(
                &format!("{program} is not installed ({package})"),
                &[SWITCH],
            );
            return;
        }
    }
    if !Path::new("/usr/share/bash-completion/bash_completion").exists() {
        skip("the bash-completion package is not installed", &[SWITCH]);
        return;
    }
    assert!(
        !dpkg_status("oauthctl").starts_with("ii"),
        "dpkg says oauthctl is installed on this machine already: remove it (dpkg -r oauthctl) and run the test again"
    );
    // The binary dist.sh built (package-test profile) is what cargo-deb packs.
    let Some(_) = dist() else { return };
    let out_dir = tempfile::tempdir().unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    ok(tool(&cargo)
        .args([
            "deb",
            "--locked",
            "--no-build",
            "--profile",
            "package-test",
            "--fast",
            "-o",
        ])
        .arg(out_dir.path())
        .limit(Duration::from_secs(600)));
    let debs: Vec<PathBuf> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    assert_eq!(debs.len(), 1, "one .deb in {}", out_dir.path().display());
    let deb = &debs[0];

    // What the package holds, and which of its directories exist already
    // (/usr/bin, ...: dpkg leaves those).
    let listing = ok(bounded(Command::new("dpkg-deb")).arg("-c").arg(deb));
    let mut files = BTreeSet::new();
    let mut dirs = BTreeSet::new();
    for line in stdout(&listing).lines() {
        // "-rw-r--r-- 0/0 1075 2026-01-01 00:00 ./usr/share/doc/oauthctl/LICENSE-MIT"
        // or "lrwxrwxrwx ... ./usr/bin/docker-credential-oauthctl -> oauthctl"
        let path = line
            .split(" ./")
            .nth(1)
            .unwrap_or_else(|| panic!("a dpkg-deb -c line: {line}"));
        let path = format!("/{}", path.split(" -> ").next().unwrap());
        if line.starts_with('d') {
            dirs.insert(path.trim_end_matches('/').to_owned());
        } else {
            files.insert(path);
        }
    }
    let preexisting: BTreeSet<String> = dirs
        .iter()
        .filter(|d| Path::new(d).exists())
        .cloned()
        .collect();
    for page in files_in("man") {
        assert!(
            files.contains(&format!("/usr/share/man/man1/{page}.gz")),
            "the .deb has no /usr/share/man/man1/{page}.gz: {files:#?}"
        );
    }
    for file in [
        "/usr/bin/oauthctl",
        "/usr/bin/docker-credential-oauthctl",
        "/usr/share/bash-completion/completions/oauthctl",
        "/usr/share/zsh/vendor-completions/_oauthctl",
        "/usr/share/fish/vendor_completions.d/oauthctl.fish",
        "/usr/share/doc/oauthctl/copyright",
        "/usr/share/doc/oauthctl/changelog.gz",
        "/usr/share/doc/oauthctl/LICENSE-MIT",
        "/usr/share/doc/oauthctl/LICENSE-APACHE",
    ] {
        assert!(files.contains(file), "the .deb has no {file}: {files:#?}");
    }
    for file in &files {
        assert!(
            !Path::new(file).exists(),
            "{file} is on this machine before the .deb is installed: remove it, the test checks that dpkg -r removes it"
        );
    }

    let installed = Installed;
    ok(bounded(Command::new("dpkg"))
        .arg("-i")
        .arg(deb)
        .limit(Duration::from_secs(300)));
    assert!(dpkg_status("oauthctl").starts_with("ii"));

    let out = ok(bounded(Command::new("/usr/bin/oauthctl")).arg("--version"));
    assert!(
        stdout(&out).starts_with(&format!("oauthctl {VERSION}\n")),
        "{}",
        stdout(&out)
    );
    let link = std::fs::read_link("/usr/bin/docker-credential-oauthctl").unwrap();
    assert_eq!(link, Path::new("oauthctl"));
    // Called by that name, it speaks docker's protocol.
    let out = ok(bounded(Command::new("/usr/bin/docker-credential-oauthctl")).arg("version"));
    assert_eq!(stdout(&out), format!("oauthctl {VERSION}\n"));
    let out = ok(bounded(Command::new("man")).args(["-w", "oauthctl-token"]));
    assert_eq!(
        stdout(&out).trim(),
        "/usr/share/man/man1/oauthctl-token.1.gz"
    );
    assert_eq!(bash_completes(&["oauthctl", "to"]), ["token"]);
    for (installed_file, committed) in [
        (
            "/usr/share/zsh/vendor-completions/_oauthctl",
            "completions/_oauthctl",
        ),
        (
            "/usr/share/fish/vendor_completions.d/oauthctl.fish",
            "completions/oauthctl.fish",
        ),
        ("/usr/share/doc/oauthctl/LICENSE-APACHE", "LICENSE-APACHE"),
    ] {
        assert_eq!(
            read(installed_file),
            read(repo().join(committed)),
            "{installed_file}"
        );
    }

    ok(bounded(Command::new("dpkg"))
        .args(["-r", "oauthctl"])
        .limit(Duration::from_secs(300)));
    std::mem::forget(installed);
    let status = dpkg_status("oauthctl");
    assert!(
        !status.starts_with("ii") && !status.starts_with("rc"),
        "dpkg -r oauthctl: the status is {status:?}, and nothing (not even a config) should stay"
    );
    for file in &files {
        assert!(
            std::fs::symlink_metadata(file).is_err(),
            "dpkg -r oauthctl left {file} behind"
        );
    }
    for dir in dirs.difference(&preexisting) {
        assert!(
            !Path::new(dir).exists(),
            "dpkg -r oauthctl left the directory {dir} behind"
        );
    }
}

// ---------------------------------------------------------------------------
// scripts/install.sh against a local server
// ---------------------------------------------------------------------------

/// Releases served the way GitHub does: `/releases/download/vV/FILE`, and
/// the last one also as `/releases/latest/download/FILE`.
fn serve(releases: Vec<(String, BTreeMap<String, Vec<u8>>)>) -> FakeProvider {
    let mut files: HashMap<String, Vec<u8>> = HashMap::new();
    let latest = releases.last().map(|(v, _)| v.clone());
    for (version, assets) in releases {
        for (name, bytes) in assets {
            if Some(&version) == latest.as_ref() {
                files.insert(format!("/releases/latest/download/{name}"), bytes.clone());
            }
            files.insert(format!("/releases/download/v{version}/{name}"), bytes);
        }
    }
    FakeProvider::start(State::default(), move |req: &Recorded, _| {
        match files.get(&req.path) {
            Some(bytes) if req.method == "GET" => {
                Reply::new(200, "application/octet-stream", bytes.clone())
            }
            _ => Reply::not_found(),
        }
    })
}

/// The files of a release directory (an archive and SHA256SUMS).
fn assets(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            (
                p.file_name().unwrap().to_str().unwrap().to_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// A release of stand-in archives for `targets`: each `oauthctl` is a
/// shell script saying its version and target, so that a test can see
/// which archive the installer took on any machine.
fn stand_in_release(version: &str, targets: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let work = tempfile::tempdir().unwrap();
    let mut files = BTreeMap::new();
    let mut sums = String::new();
    for target in targets {
        let top = format!("oauthctl-{version}-{target}");
        let root = work.path().join(&top);
        std::fs::create_dir_all(root.join("man")).unwrap();
        std::fs::create_dir_all(root.join("completions")).unwrap();
        let exe = root.join("oauthctl");
        std::fs::write(
            &exe,
            format!("#!/bin/sh\necho 'oauthctl {version} {target}'\n"),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        for file in files_in("completions") {
            std::fs::copy(
                repo().join("completions").join(&file),
                root.join("completions").join(&file),
            )
            .unwrap();
        }
        std::fs::write(
            root.join("man/oauthctl.1"),
            format!(".TH oauthctl 1 \"{version}\"\n"),
        )
        .unwrap();
        let name = archive_name(version, target);
        ok(bounded(Command::new("tar"))
            .arg("czf")
            .arg(work.path().join(&name))
            .arg(&top)
            .current_dir(work.path()));
        let bytes = std::fs::read(work.path().join(&name)).unwrap();
        sums.push_str(&format!("{}  {name}\n", sha256_hex(&bytes)));
        files.insert(name, bytes);
    }
    files.insert("SHA256SUMS".into(), sums.into_bytes());
    files
}

/// The shells to run the installer with: sh, and dash and bash where they
/// are (dash is Debian's sh; a test that is required wants it).
fn shells() -> Vec<&'static str> {
    let mut shells = vec!["sh"];
    for shell in ["dash", "bash"] {
        if bounded(Command::new(shell))
            .args(["-c", "exit 0"])
            .output()
            .is_ok_and(|o| o.status.success())
        {
            shells.push(shell);
        } else if shell == "dash" && required(SWITCH) {
            panic!("dash is not installed, and {SWITCH}=1 wants the installer run by it");
        }
    }
    shells
}

/// `SHELL scripts/install.sh ARGS` with a scrubbed environment: HOME in
/// `home`, the base URL the local server's, PATH as given.
fn installer(shell: &str, home: &Path, server: &FakeProvider, path: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new(shell);
    cmd.env_clear()
        .env("HOME", home)
        .env("PATH", path)
        .env("TMPDIR", std::env::temp_dir())
        .env("OAUTHCTL_INSTALL_BASE_URL", server.url("/releases"))
        .arg(repo().join("scripts/install.sh"))
        .args(args);
    bounded(cmd)
        .limit(Duration::from_secs(120))
        .output()
        .expect("run scripts/install.sh")
}

fn system_path() -> String {
    std::env::var("PATH").unwrap_or_default()
}

/// A directory with a `uname` that says `os` for -s and `arch` for -m,
/// to be put first on PATH.
fn fake_uname(dir: &Path, os: &str, arch: &str) -> String {
    std::fs::create_dir_all(dir).unwrap();
    let uname = dir.join("uname");
    std::fs::write(
        &uname,
        format!("#!/bin/sh\ncase \"$1\" in -s) echo '{os}' ;; -m) echo '{arch}' ;; *) echo '{os}' ;; esac\n"),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&uname, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    format!("{}:{}", dir.display(), system_path())
}

fn installer_prerequisites() -> bool {
    if !runs("curl", &["--version"]) {
        skip(
            "curl is not installed (the installer downloads with it)",
            &[SWITCH],
        );
        return false;
    }
    true
}

#[test]
fn the_installer_installs_the_release_archive_for_this_machine() {
    if !installer_prerequisites() {
        return;
    }
    let Some(dist) = dist() else { return };
    let server = serve(vec![(VERSION.to_owned(), assets(&dist.dir))]);
    for shell in shells() {
        let work = tempfile::tempdir().unwrap();
        let home = work.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        // No --prefix: ~/.local, not on PATH.
        let out = installer(shell, &home, &server, &system_path(), &[]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let prefix = home.join(".local");
        let bin = prefix.join("bin");
        let version = ok(bounded(Command::new(bin.join("oauthctl"))).arg("--version"));
        assert!(
            stdout(&version).contains(&format!("oauthctl {VERSION}\n"))
                && stdout(&version).contains(HOST),
            "{shell}: {}",
            stdout(&version)
        );
        assert_eq!(
            std::fs::read_link(bin.join("docker-credential-oauthctl")).unwrap(),
            Path::new("oauthctl")
        );
        for page in files_in("man") {
            assert_eq!(
                read(prefix.join("share/man/man1").join(&page)),
                read(repo().join("man").join(&page)),
                "{shell}: {page}"
            );
        }
        for (installed, committed) in [
            (
                "share/bash-completion/completions/oauthctl",
                "oauthctl.bash",
            ),
            ("share/zsh/site-functions/_oauthctl", "_oauthctl"),
            (
                "share/fish/vendor_completions.d/oauthctl.fish",
                "oauthctl.fish",
            ),
        ] {
            assert_eq!(
                read(prefix.join(installed)),
                read(repo().join("completions").join(committed)),
                "{shell}: {installed}"
            );
        }
        let said = stderr(&out);
        assert!(
            said.contains(&format!("export PATH=\"{}:$PATH\"", bin.display())),
            "{shell}: no PATH advice for {}:\n{said}",
            bin.display()
        );
        // The checksum and the archive came from the latest release.
        let paths: Vec<String> = server.requests().iter().map(|r| r.path.clone()).collect();
        assert!(
            paths.contains(&"/releases/latest/download/SHA256SUMS".to_owned()),
            "{paths:?}"
        );
        assert!(
            paths.contains(&format!(
                "/releases/latest/download/{}",
                archive_name(VERSION, HOST)
            )),
            "{paths:?}"
        );

        // --prefix, already on PATH: no advice.
        let elsewhere = work.path().join("opt");
        let path = format!("{}:{}", elsewhere.join("bin").display(), system_path());
        let prefix_arg = elsewhere.to_str().unwrap();
        let out = installer(shell, &home, &server, &path, &["--prefix", prefix_arg]);
        assert!(out.status.success(), "{shell} --prefix: {}", stderr(&out));
        assert!(elsewhere.join("bin/oauthctl").is_file());
        assert!(!stderr(&out).contains("export PATH"), "{}", stderr(&out));
    }
}

#[test]
fn the_installer_refuses_a_corrupted_archive_and_installs_nothing() {
    if !installer_prerequisites() {
        return;
    }
    let Some(dist) = dist() else { return };
    let mut files = assets(&dist.dir);
    let name = archive_name(VERSION, HOST);
    let archive = files.get_mut(&name).unwrap();
    let middle = archive.len() / 2;
    archive[middle] ^= 0x55;
    let server = serve(vec![(VERSION.to_owned(), files)]);
    for shell in shells() {
        let work = tempfile::tempdir().unwrap();
        let prefix = work.path().join("prefix");
        let out = installer(
            shell,
            work.path(),
            &server,
            &system_path(),
            &["--prefix", prefix.to_str().unwrap()],
        );
        assert!(
            !out.status.success(),
            "{shell}: a corrupted archive was accepted"
        );
        let said = stderr(&out);
        assert!(
            said.contains(&format!("checksum mismatch for {name}"))
                && said.contains("Nothing was installed"),
            "{shell}: {said}"
        );
        assert!(!prefix.exists(), "{shell}: {} was made", prefix.display());
    }
}

#[test]
fn the_installer_names_a_platform_without_a_release() {
    let server = serve(vec![(
        VERSION.to_owned(),
        stand_in_release(VERSION, &[HOST]),
    )]);
    for (os, arch) in [
        ("SunOS", "sparc64"),
        ("Linux", "riscv64"),
        ("Darwin", "ppc"),
    ] {
        for shell in shells() {
            let work = tempfile::tempdir().unwrap();
            let path = fake_uname(&work.path().join("fake"), os, arch);
            let out = installer(shell, work.path(), &server, &path, &[]);
            assert!(!out.status.success(), "{shell} on {os} {arch}");
            let said = stderr(&out);
            assert!(
                said.contains(&format!("no oauthctl release is built for {os} {arch}"))
                    && said.contains("cargo install --locked oauthctl"),
                "{shell} on {os} {arch}: {said}"
            );
            assert!(!work.path().join(".local").exists());
        }
    }
    assert_eq!(
        server.count(),
        0,
        "nothing is downloaded for an unknown platform"
    );
}

/// Each `uname` of the release's platforms gets the archive the release
/// builds for it: on Linux the static one, the glibc one when there is none.
#[test]
fn the_installer_picks_the_archive_of_each_platform() {
    if !installer_prerequisites() {
        return;
    }
    let release = release_targets();
    let targets: Vec<&str> = release.keys().map(String::as_str).collect();
    let full = serve(vec![(
        "9.9.9".to_owned(),
        stand_in_release("9.9.9", &targets),
    )]);
    let gnu_only: Vec<&str> = targets
        .iter()
        .copied()
        .filter(|t| !t.ends_with("-musl"))
        .collect();
    let no_musl = serve(vec![(
        "9.9.9".to_owned(),
        stand_in_release("9.9.9", &gnu_only),
    )]);
    let cases = [
        ("Linux", "x86_64", &full, "x86_64-unknown-linux-musl"),
        ("Linux", "amd64", &full, "x86_64-unknown-linux-musl"),
        ("Linux", "aarch64", &full, "aarch64-unknown-linux-musl"),
        ("Linux", "arm64", &full, "aarch64-unknown-linux-musl"),
        ("Linux", "x86_64", &no_musl, "x86_64-unknown-linux-gnu"),
        ("Linux", "aarch64", &no_musl, "aarch64-unknown-linux-gnu"),
        ("Darwin", "arm64", &full, "aarch64-apple-darwin"),
        ("Darwin", "x86_64", &full, "x86_64-apple-darwin"),
    ];
    for (os, arch, server, expected) in cases {
        let shell = *shells().last().unwrap();
        let work = tempfile::tempdir().unwrap();
        let path = fake_uname(&work.path().join("fake"), os, arch);
        let out = installer(shell, work.path(), server, &path, &[]);
        assert!(out.status.success(), "{os} {arch}: {}", stderr(&out));
        let said = ok(bounded(Command::new(work.path().join(".local/bin/oauthctl"))).arg("-V"));
        assert_eq!(
            stdout(&said),
            format!("oauthctl 9.9.9 {expected}\n"),
            "{os} {arch}"
        );
    }
    // Git Bash on Windows: pointed at the .zip and Scoop.
    let work = tempfile::tempdir().unwrap();
    let path = fake_uname(&work.path().join("fake"), "MINGW64_NT-10.0", "x86_64");
    let out = installer("sh", work.path(), &full, &path, &[]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("on Windows take the .zip"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_installer_replaces_an_older_version() {
    if !installer_prerequisites() {
        return;
    }
    let Some(dist) = dist() else { return };
    let server = serve(vec![
        ("0.0.1".to_owned(), stand_in_release("0.0.1", &[HOST])),
        (VERSION.to_owned(), assets(&dist.dir)),
    ]);
    let work = tempfile::tempdir().unwrap();
    let prefix = work.path().join("prefix");
    let prefix_arg = prefix.to_str().unwrap();
    let bin = prefix.join("bin/oauthctl");
    let out = installer(
        "sh",
        work.path(),
        &server,
        &system_path(),
        &["--version", "0.0.1", "--prefix", prefix_arg],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = ok(bounded(Command::new(&bin)).arg("-V"));
    assert_eq!(stdout(&said), format!("oauthctl 0.0.1 {HOST}\n"));
    assert!(
        server.requests().iter().any(|r| r.path == format!("/releases/download/v0.0.1/{}", archive_name("0.0.1", HOST))),
        "--version 0.0.1 takes that release's archive"
    );

    let out = installer(
        "sh",
        work.path(),
        &server,
        &system_path(),
        &["--prefix", prefix_arg],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!(
            "installed oauthctl {VERSION} into {}",
            bin.display()
        )),
        "{}",
        stderr(&out)
    );
    let said = ok(bounded(Command::new(&bin)).arg("-V"));
    assert_eq!(stdout(&said), format!("oauthctl {VERSION}\n"));
    assert_eq!(
        read(prefix.join("share/man/man1/oauthctl.1")),
        read(repo().join("man/oauthctl.1")),
        "the old man page is replaced"
    );
    // Nothing of the installer's own is left beside the binary.
    let left: Vec<String> = std::fs::read_dir(prefix.join("bin"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        left.into_iter().collect::<BTreeSet<_>>(),
        ["docker-credential-oauthctl", "oauthctl"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    );
}

// ---------------------------------------------------------------------------
// Homebrew and Scoop
// ---------------------------------------------------------------------------

fn generate(sums: &Path, out: &Path, extra: &[&str]) -> Output {
    bounded(Command::new("python3"))
        .arg(repo().join("packaging/generate.py"))
        .arg(sums)
        .arg(out)
        .args(extra)
        .output()
        .expect("run python3 packaging/generate.py")
}

/// The `url` and `sha256` lines of the formula's OS/CPU block.
fn brew_block(formula: &str, os_block: &str, cpu_block: &str) -> Option<(String, String)> {
    let os_start = formula.find(&format!("  {os_block} do\n"))?;
    let os_text = &formula[os_start..];
    let os_text = &os_text[..os_text.find("\n  end\n")?];
    let cpu_start = os_text.find(&format!("    {cpu_block} do\n"))?;
    let cpu_text = &os_text[cpu_start..];
    let cpu_text = &cpu_text[..cpu_text.find("\n    end")?];
    let value = |key: &str| {
        cpu_text
            .lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{key} \"")))
            .map(|v| v.trim_end_matches('"').to_owned())
    };
    Some((value("url")?, value("sha256")?))
}

/// Ruby's own parser, where there is a ruby; else the `do`/`end` balance.
fn assert_well_formed_ruby(path: &Path) {
    if runs("ruby", &["--version"]) {
        ok(bounded(Command::new("ruby")).arg("-c").arg(path));
        return;
    }
    let text = read(path);
    let opens = text
        .lines()
        .filter(|l| {
            l.trim_end().ends_with(" do")
                || l.starts_with("class ")
                || l.trim_start().starts_with("def ")
        })
        .count();
    let ends = text.lines().filter(|l| l.trim() == "end").count();
    assert_eq!(
        opens,
        ends,
        "unbalanced blocks in {}:\n{text}",
        path.display()
    );
}

#[test]
fn homebrew_formula_and_scoop_manifest_come_from_sha256sums() {
    if !runs("python3", &["--version"]) {
        skip(
            "python3 is not installed (packaging/generate.py)",
            &[SWITCH],
        );
        return;
    }
    let Some(dist) = dist() else { return };
    let out_dir = tempfile::tempdir().unwrap();
    let sums = dist.dir.join("SHA256SUMS");
    let digest = sha256_hex(&std::fs::read(&dist.archive).unwrap());
    let name = archive_name(VERSION, HOST);

    // The real archive of this machine: one platform, so strict refuses.
    let strict = generate(&sums, out_dir.path(), &[]);
    assert!(!strict.status.success());
    assert!(
        stderr(&strict).contains("SHA256SUMS has no archive for on_macos/on_arm"),
        "{}",
        stderr(&strict)
    );
    assert!(
        !out_dir.path().join("oauthctl.rb").exists(),
        "nothing is written when a platform is missing"
    );
    let out = generate(
        &sums,
        out_dir.path(),
        &["--allow-missing", "--base-url", "https://example.test/r"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let formula_path = out_dir.path().join("oauthctl.rb");
    let formula = read(&formula_path);
    let cpu = if HOST.starts_with("aarch64") {
        "on_arm"
    } else {
        "on_intel"
    };
    let os = if HOST.contains("apple") {
        "on_macos"
    } else {
        "on_linux"
    };
    assert_eq!(
        brew_block(&formula, os, cpu),
        Some((
            format!("https://example.test/r/download/v{VERSION}/{name}"),
            digest.clone()
        )),
        "{formula}"
    );
    assert!(formula.contains(&format!("  version \"{VERSION}\"\n")));
    assert_well_formed_ruby(&formula_path);

    // A whole release (stand-ins beside the real archive): every block, and
    // the Scoop manifest; the .deb's line is passed over.
    let release = release_targets();
    let mut full = read(&sums);
    let mut expected = HashMap::new();
    for target in release.keys().filter(|t| *t != HOST) {
        let sha = sha256_hex(target.as_bytes());
        full.push_str(&format!("{sha}  {}\n", archive_name(VERSION, target)));
        expected.insert(target.clone(), sha);
    }
    expected.insert(HOST.to_owned(), digest.clone());
    full.push_str(&format!(
        "{}  oauthctl_{VERSION}-1_amd64.deb\n",
        "0".repeat(64)
    ));
    let full_sums = out_dir.path().join("SHA256SUMS.full");
    std::fs::write(&full_sums, full).unwrap();
    let all = out_dir.path().join("all");
    let out = generate(&full_sums, &all, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let formula = read(all.join("oauthctl.rb"));
    let base = "https://github.com/oauthctl/oauthctl/releases";
    for (os_block, cpu_block, target) in [
        ("on_macos", "on_arm", "aarch64-apple-darwin"),
        ("on_macos", "on_intel", "x86_64-apple-darwin"),
        ("on_linux", "on_arm", "aarch64-unknown-linux-musl"),
        ("on_linux", "on_intel", "x86_64-unknown-linux-musl"),
    ] {
        assert_eq!(
            brew_block(&formula, os_block, cpu_block),
            Some((
                format!(
                    "{base}/download/v{VERSION}/{}",
                    archive_name(VERSION, target)
                ),
                expected[target].clone()
            )),
            "{os_block}/{cpu_block}:\n{formula}"
        );
    }
    assert_well_formed_ruby(&all.join("oauthctl.rb"));
    let manifest: serde_json::Value =
        serde_json::from_str(&read(all.join("oauthctl.json"))).expect("oauthctl.json is JSON");
    let windows = "x86_64-pc-windows-msvc";
    let x64 = &manifest["architecture"]["64bit"];
    assert_eq!(manifest["version"], VERSION);
    assert_eq!(
        x64["url"],
        format!(
            "{base}/download/v{VERSION}/{}",
            archive_name(VERSION, windows)
        )
    );
    assert_eq!(x64["hash"], expected[windows].as_str());
    assert_eq!(x64["extract_dir"], format!("oauthctl-{VERSION}-{windows}"));
    assert_eq!(manifest["bin"][0], "oauthctl.exe");
}

// ---------------------------------------------------------------------------
// One set of targets: the release matrix, binstall, the installer
// ---------------------------------------------------------------------------

/// The release matrix's targets, each with its runner (`os:`), read from the
/// workflow's text (`- { target: T, os: O, ... }` lines).
fn release_targets() -> BTreeMap<String, String> {
    let workflow = read(repo().join(".github/workflows/release.yml"));
    let mut targets = BTreeMap::new();
    for line in workflow.lines() {
        let Some(entry) = line.trim().strip_prefix("- { target: ") else {
            continue;
        };
        let mut fields = entry.trim_end_matches('}').split(',').map(str::trim);
        let target = fields.next().unwrap().to_owned();
        let os = fields
            .find_map(|f| f.strip_prefix("os: "))
            .unwrap_or_else(|| panic!("no os: for {target}"))
            .to_owned();
        assert!(
            targets.insert(target.clone(), os).is_none(),
            "{target} twice"
        );
    }
    assert!(targets.len() >= 5, "release.yml's matrix: {targets:?}");
    targets
}

fn render(template: &str, target: &str) -> String {
    let windows = target.contains("-windows-");
    template
        .replace("{ repo }", "https://github.com/oauthctl/oauthctl")
        .replace("{ version }", VERSION)
        .replace("{ name }", "oauthctl")
        .replace("{ target }", target)
        .replace("{ bin }", "oauthctl")
        .replace("{ binary-ext }", if windows { ".exe" } else { "" })
}

#[test]
fn the_release_matrix_binstall_and_the_installer_name_the_same_targets() {
    let release = release_targets();
    for (target, os) in &release {
        let runner = if target.contains("-linux-") {
            "ubuntu"
        } else if target.contains("-apple-") {
            "macos"
        } else {
            "windows"
        };
        assert!(os.starts_with(runner), "{target} is built on {os}");
    }
    let expected: BTreeSet<&str> = [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ]
    .into_iter()
    .collect();
    assert_eq!(
        release.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        expected,
        "the issue's platforms"
    );
    let workflow = read(repo().join(".github/workflows/release.yml"));
    assert!(
        workflow.contains("run: bash scripts/dist.sh \"${{ matrix.target }}\""),
        "the release builds with dist.sh"
    );
    assert!(
        workflow.contains("gh release upload"),
        "the release uploads"
    );

    // binstall: the archive dist.sh makes for each target, and the binary's
    // place in it.
    let manifest: toml::Table = read(repo().join("Cargo.toml")).parse().unwrap();
    let package = manifest["package"].as_table().unwrap();
    assert_eq!(
        package["repository"].as_str(),
        Some("https://github.com/oauthctl/oauthctl")
    );
    let binstall = package["metadata"]["binstall"].as_table().unwrap();
    let overrides = binstall
        .get("overrides")
        .and_then(|o| o.as_table())
        .cloned()
        .unwrap_or_default();
    for target in overrides.keys() {
        assert!(
            release.contains_key(target),
            "binstall overrides {target}, which the release does not build"
        );
    }
    for target in release.keys() {
        let over = overrides.get(target).and_then(|o| o.as_table());
        let key = |k: &str| {
            over.and_then(|o| o.get(k))
                .or_else(|| binstall.get(k))
                .and_then(|v| v.as_str())
                .unwrap_or_else(|| panic!("binstall has no {k} for {target}"))
        };
        let asset = archive_name(VERSION, target);
        assert_eq!(
            render(key("pkg-url"), target),
            format!("https://github.com/oauthctl/oauthctl/releases/download/v{VERSION}/{asset}"),
            "{target}"
        );
        let exe = if target.contains("-windows-") {
            "oauthctl.exe"
        } else {
            "oauthctl"
        };
        assert_eq!(
            render(key("bin-dir"), target),
            format!("oauthctl-{VERSION}-{target}/{exe}")
        );
        let format = if asset.ends_with(".zip") {
            "zip"
        } else {
            "tgz"
        };
        assert_eq!(key("pkg-fmt"), format, "{target}");
    }

    // The installer: the triples its platform table can name, for both
    // architectures, are exactly the release's Linux and macOS ones.
    let script = read(repo().join("scripts/install.sh"));
    let mut named = BTreeSet::new();
    for line in script.lines() {
        let Some(words) = line.trim().strip_prefix("x86_64 | aarch64) echo \"") else {
            continue;
        };
        for word in words.split(['"', ' ']).filter(|w| w.starts_with("$arch-")) {
            for arch in ["x86_64", "aarch64"] {
                named.insert(word.replace("$arch", arch));
            }
        }
    }
    let unix: BTreeSet<String> = release
        .keys()
        .filter(|t| !t.contains("-windows-"))
        .cloned()
        .collect();
    assert_eq!(named, unix, "scripts/install.sh's platform table");
    assert!(
        script.contains("REPO=oauthctl/oauthctl\n"),
        "the installer's repository is Cargo.toml's"
    );
}
