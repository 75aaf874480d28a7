//! The binary. On Linux with glibc it has its own C `main` instead of Rust's runtime
//! start (`#![no_main]`): that start probes the main thread's stack guard
//! through `pthread_getattr_np`, which parses /proc/self/maps with sscanf,
//! about 100,000 instructions, a sixth of a whole `oauthctl token` (issue 9),
//! for a message on stack overflow. Of what it does, oauthctl keeps the
//! rest: file descriptors 0–2 made valid, SIGPIPE ignored (writes to a
//! closed pipe fail with EPIPE, and curl's supervisor cleans up), stdout
//! flushed at the end. Arguments still come through std, which glibc hands
//! them to before `main` (elsewhere std learns them only from its own start,
//! so other targets keep it).
#![cfg_attr(all(target_os = "linux", target_env = "gnu"), no_main)]

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
extern "C" fn main(
    _argc: std::ffi::c_int,
    _argv: *const *const std::ffi::c_char,
) -> std::ffi::c_int {
    oauthctl::sanitize_standard_fds();
    oauthctl::forbid_core_dumps();
    // SAFETY: nothing else runs yet; ignoring SIGPIPE is what Rust's
    // runtime does, and std's Command restores the default in children.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
    let code = oauthctl::main();
    let _ = std::io::Write::flush(&mut std::io::stdout());
    code.into()
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn main() -> std::process::ExitCode {
    oauthctl::forbid_core_dumps();
    oauthctl::main().into()
}
