//! Running another tool (git, kubectl) for a `setup` command: stdin
//! closed, stdout kept for what was asked of it, stderr for the error
//! message, and a time limit, so a tool that hangs (a credential prompt, a
//! lock) cannot hang oauthctl.

use std::io::Read;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub struct Finished {
    pub status: ExitStatus,
    /// At most 1 MiB of its stdout.
    pub stdout: String,
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
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(Failed::Start)?;
    // Read on threads: the tool cannot block on a full pipe meanwhile.
    let read = |pipe: Option<Box<dyn Read + Send>>, limit: u64| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(pipe) = pipe {
                let _ = pipe.take(limit).read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        1 << 20,
    );
    let reader = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
        64 * 1024,
    );
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
        stdout: stdout.join().unwrap_or_default(),
        stderr: crate::oauth::response::one_line(stderr.trim(), 400),
    })
}
