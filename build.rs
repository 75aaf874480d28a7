//! Link-time tuning for `oauthctl token`'s start-up, which is mostly the
//! dynamic loader's work (bench/RESULTS.md).
//!
//! On Linux with GNU ld and glibc 2.36 or newer, relative relocations are
//! packed (DT_RELR, `-z pack-relative-relocs`): ~12 000 of them shrink from
//! 24 bytes each to a bitmap, so the loader reads about 180 KiB less on every
//! start and applies them faster. Nothing about RELRO changes. Older
//! toolchains, whose linker or C library do not know DT_RELR, link as before.
//!
//! The functions of the fast path were once laid out together for rust-lld
//! from a list of mangled names; that list matched one compiler and one
//! Cargo.lock and silently stopped helping with any other, for resident
//! memory only (bench/RESULTS.md, issue 22), so it is gone.

// Cargo reads its instructions from the build script's stdout.
#![allow(clippy::print_stdout)]

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    version_facts();
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    // Only for a native build: the host's linker and C library are the ones asked.
    let native = std::env::var("HOST") == std::env::var("TARGET");
    if linux_gnu && native && linker_packs_relocations() && glibc_has_relr() {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// What `oauthctl --version` says besides the version: the target triple
/// and the commit (`git rev-parse --short HEAD` when this is a git checkout
/// and git is there; "unknown" in a crates.io download or a tarball).
/// `OAUTHCTL_BUILD_COMMIT` set at build time wins (a packager who builds from
/// a tarball knows the commit).
fn version_facts() {
    println!(
        "cargo:rustc-env=OAUTHCTL_BUILD_TARGET={}",
        std::env::var("TARGET").unwrap_or_default()
    );
    println!("cargo:rerun-if-env-changed=OAUTHCTL_BUILD_COMMIT");
    let commit = std::env::var("OAUTHCTL_BUILD_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| {
            // Only this package's own checkout: a crates.io download unpacked
            // inside some other repository is not that repository's commit.
            let top = git(&["rev-parse", "--show-toplevel"])?;
            let here = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).ok()?;
            if std::fs::canonicalize(top).ok()? != here {
                return None;
            }
            // HEAD moves on a commit or a checkout, the branch's ref on a
            // commit: rebuild then. In a worktree both live outside ./.git,
            // and a packed ref lives in packed-refs.
            let head = git(&["rev-parse", "--git-path", "HEAD"])?;
            println!("cargo:rerun-if-changed={head}");
            if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
                for path in [branch.as_str(), "packed-refs"] {
                    if let Some(file) = git(&["rev-parse", "--git-path", path]) {
                        println!("cargo:rerun-if-changed={file}");
                    }
                }
            }
            git(&["rev-parse", "--short", "HEAD"])
        })
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=OAUTHCTL_BUILD_COMMIT={commit}");
}

/// One line that git printed, or `None` (no git, not a checkout).
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let line = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !line.is_empty()).then_some(line)
}

fn linker_packs_relocations() -> bool {
    Command::new("ld")
        .arg("--help")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("pack-relative-relocs"))
}

/// `getconf GNU_LIBC_VERSION` says e.g. "glibc 2.36"; DT_RELR needs 2.36.
fn glibc_has_relr() -> bool {
    let Ok(out) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(version) = text.split_whitespace().nth(1) else {
        return false;
    };
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (major, minor) >= (2, 36)
}
