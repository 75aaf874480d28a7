//! Link-time tuning for `oauthctl token`'s start-up, which is mostly the
//! dynamic loader's work (bench/RESULTS.md).
//!
//! On Linux with GNU ld and glibc 2.36 or newer, relative relocations are
//! packed (DT_RELR, `-z pack-relative-relocs`): ~12 000 of them shrink from
//! 24 bytes each to a bitmap, so the loader reads about 180 KiB less on every
//! start and applies them faster. Nothing about RELRO changes. Older
//! toolchains, whose linker or C library do not know DT_RELR, link as before.

// Cargo reads its instructions from the build script's stdout.
#![allow(clippy::print_stdout)]

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    // Only for a native build: the host's linker and C library are the ones asked.
    let native = std::env::var("HOST") == std::env::var("TARGET");
    if linux_gnu && native && linker_packs_relocations() && glibc_has_relr() {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
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
