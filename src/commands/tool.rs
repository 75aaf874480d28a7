//! Running another tool (git, kubectl) for a `setup` command: stdin and
//! stdout closed, stderr kept for the error message, and a time limit, so a
//! tool that hangs (a credential prompt, a lock) cannot hang oauthctl.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub struct Finished {
    pub status: ExitStatus,
    /// Its stderr on one line, at most 64 KiB of it read.
    pub stderr: String,
}

pub enum Failed {
    /// It could not be started (not installed, not executable).
    Start(std::io::Error),
    /// Still running at the limit: killed.
    TimedOut,
}

pub fn run(mut command: Command, limit: Duration) -> Result<Finished, Failed> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(Failed::Start)?;
    // Read on a thread: the tool cannot block on a full pipe meanwhile.
    let stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(stderr) = stderr {
            let _ = stderr.take(64 * 1024).read_to_string(&mut text);
        }
        text
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Failed::TimedOut);
            }
        }
    };
    let stderr = reader.join().unwrap_or_default();
    Ok(Finished {
        status,
        stderr: crate::oauth::response::one_line(stderr.trim(), 400),
    })
}
