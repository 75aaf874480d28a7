//! Opening the authorization URL. The URL is always printed on stderr first,
//! so a launcher that fails (or a machine without one) still leaves a way in.
//! Launchers never get our stdout: it carries only what was asked for.

use std::process::{Command, Stdio};

pub enum Opened {
    Yes,
    No(String),
}

/// Opens `url` with `configured` (a profile's `browser` argv, or
/// `--browser`), else `$BROWSER`, else the system's way.
pub fn open(url: &str, configured: Option<&[String]>) -> Opened {
    if let Some(argv) = configured {
        return match spawn_argv(argv, url) {
            Ok(()) => Opened::Yes,
            Err(err) => Opened::No(format!("the browser `{}`: {err}", argv.join(" "))),
        };
    }
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
    if !has_display() {
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

/// Whether a browser that a person sees can open where this process runs,
/// so that a login may start without being asked for.
pub fn can_open_here(configured: Option<&[String]>) -> bool {
    configured.is_some()
        || std::env::var_os("BROWSER").is_some_and(|b| !b.is_empty())
        || (cfg!(target_os = "linux") && is_wsl())
        || has_display()
}

/// X11 or Wayland on Linux and the BSDs; macOS and Windows have one unless
/// this is an SSH session, whose browser would open on the far screen.
fn has_display() -> bool {
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        std::env::var_os("SSH_CONNECTION").is_none() && std::env::var_os("SSH_TTY").is_none()
    } else {
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
    }
}

/// `--browser CMD`: words as a POSIX shell splits them, so that a quoted
/// path with spaces stays one word.
pub fn parse_command(command: &str) -> Result<Vec<String>, String> {
    match shlex::split(command) {
        Some(words) if !words.is_empty() => Ok(words),
        Some(_) => Err("the browser command is empty".to_owned()),
        None => Err(format!("`{command}` has an unclosed quote")),
    }
}

fn spawn_browser(candidate: &str, url: &str) -> std::io::Result<()> {
    let words: Vec<String> = candidate.split_whitespace().map(str::to_owned).collect();
    spawn_argv(&words, url)
}

/// Runs `argv` with the URL in place of `%s`, else after the rest.
fn spawn_argv(argv: &[String], url: &str) -> std::io::Result<()> {
    let (program, words) = argv
        .split_first()
        .ok_or_else(|| std::io::Error::other("empty command"))?;
    let mut args: Vec<String> = words.iter().map(|w| w.replace("%s", url)).collect();
    if !words.iter().any(|w| w.contains("%s")) {
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
