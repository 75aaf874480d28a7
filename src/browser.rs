//! Opening the authorization URL. The URL is always printed on stderr first,
//! so a launcher that fails (or a machine without one) still leaves a way in.
//! Launchers never get our stdout: it carries only what was asked for.

use std::process::{Command, Stdio};

pub enum Opened {
    Yes,
    No(String),
}

pub fn open(url: &str) -> Opened {
    if let Some(browser) = std::env::var_os("BROWSER").filter(|b| !b.is_empty()) {
        let browser = browser.to_string_lossy().into_owned();
        // $BROWSER may list several commands separated by ':'; `%s` marks the URL.
        let mut last_error = String::new();
        for candidate in browser.split(':').filter(|c| !c.trim().is_empty()) {
            match spawn_browser(candidate, url) {
                Ok(()) => return Opened::Yes,
                Err(err) => last_error = format!("$BROWSER `{candidate}`: {err}"),
            }
        }
        return Opened::No(last_error);
    }
    // WSL: the browser is Windows', reached through wslu's `wslview` or
    // `explorer.exe`, whether or not a Linux display exists.
    if cfg!(target_os = "linux") && is_wsl() {
        let mut last_error = String::new();
        for launcher in ["wslview", "explorer.exe"] {
            match spawn_browser(launcher, url) {
                Ok(()) => return Opened::Yes,
                Err(err) => last_error = format!("{launcher}: {err}"),
            }
        }
        return Opened::No(format!(
            "WSL without a Windows browser launcher ({last_error})"
        ));
    }
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        return Opened::No("no display and no $BROWSER".to_owned());
    }
    match open::that_detached(url) {
        Ok(()) => Opened::Yes,
        Err(err) => Opened::No(err.to_string()),
    }
}

/// How long a launcher may take to say it failed. `xdg-open`, `wslview`
/// and friends hand the URL on and exit at once; a browser run directly
/// keeps running, which counts as opened.
const LAUNCH_GRACE: std::time::Duration = std::time::Duration::from_millis(1500);

fn spawn_browser(candidate: &str, url: &str) -> std::io::Result<()> {
    let mut words = candidate.split_whitespace();
    let program = words
        .next()
        .ok_or_else(|| std::io::Error::other("empty command"))?;
    let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
    if !candidate.contains("%s") {
        args.push(url.to_owned());
    }
    let mut child = Command::new(program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    // A launcher that exits non-zero opened nothing (`BROWSER=/bin/false`,
    // xdg-open with no browser behind it): the login must know, so that it
    // offers the paste and the device flow instead of waiting in vain.
    let deadline = std::time::Instant::now() + LAUNCH_GRACE;
    while std::time::Instant::now() < deadline {
        match child.try_wait()? {
            Some(status) if status.success() => return Ok(()),
            Some(status) => return Err(std::io::Error::other(format!("it exited with {status}"))),
            None => std::thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
    // Still running: reaped by nobody, it stays a zombie until oauthctl
    // exits, which is soon.
    Ok(())
}

/// WSL sets these in every session it starts; the interop file says so
/// where a session scrubbed its environment.
fn is_wsl() -> bool {
    std::env::var_os("WSL_DISTRO_NAME").is_some()
        || std::env::var_os("WSL_INTEROP").is_some()
        || std::path::Path::new("/proc/sys/fs/binfmt_misc/WSLInterop").exists()
}
