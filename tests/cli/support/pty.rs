//! A real pseudo-terminal, for what oauthctl does when stdin is a terminal,
//! or when its controlling terminal (`/dev/tty`) is one.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    master: File,
    slave_path: std::path::PathBuf,
    /// Held open for the pty's life: without any open terminal end, the
    /// master reads EIO (a hangup) between one program and the next.
    _held: File,
    /// What programs wrote to the terminal, once [`Pty::screen`] reads it.
    written: Option<Arc<Mutex<Vec<u8>>>>,
}

impl Pty {
    pub fn open() -> Pty {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        let master: OwnedFd = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let slave_path = std::path::PathBuf::from(name.to_str().expect("a UTF-8 pty name"));
        let held = rustix::fs::open(
            &slave_path,
            rustix::fs::OFlags::RDWR | rustix::fs::OFlags::NOCTTY | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )
        .expect("open the pty's terminal end");
        Pty {
            master: File::from(master),
            slave_path,
            _held: File::from(held),
            written: None,
        }
    }

    /// The terminal end, for a child's stdin or controlling terminal.
    pub fn terminal(&self) -> File {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&self.slave_path)
            .expect("open the pty's terminal end")
    }

    /// Types `line` and Enter, as a user pasting would.
    pub fn type_line(&mut self, line: &str) {
        self.master
            .write_all(format!("{line}\n").as_bytes())
            .expect("write to the pty");
    }

    /// Starts reading what programs write to the terminal (a thread reads
    /// the master end until it closes), so that none blocks on a full one.
    pub fn screen(&mut self) {
        let written = Arc::new(Mutex::new(Vec::new()));
        let mut master = self.master.try_clone().expect("clone the pty master");
        let shared = Arc::clone(&written);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = master.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                shared
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend_from_slice(&chunk[..n]);
            }
        });
        self.written = Some(written);
    }

    /// Everything written to the terminal so far.
    pub fn shown(&self) -> String {
        let written = self.written.as_ref().expect("call Pty::screen first");
        String::from_utf8_lossy(&written.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }

    /// The first word on the terminal that starts with `prefix`, waiting up
    /// to `timeout` for it while `running` runs; the test fails with the
    /// screen and the program's stderr when none comes.
    pub fn wait_for_word(
        &self,
        prefix: &str,
        timeout: Duration,
        running: &mut super::Running,
    ) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let shown = self.shown();
            if let Some(word) = shown.split_whitespace().find(|w| w.starts_with(prefix)) {
                return word.to_owned();
            }
            let ended = running.try_wait().ok().flatten();
            if ended.is_some() || Instant::now() >= deadline {
                let _ = running.kill();
                let mut stderr = String::new();
                if let Some(pipe) = running.stderr.as_mut() {
                    let _ = pipe.read_to_string(&mut stderr);
                }
                panic!(
                    "nothing starting with {prefix} on the terminal ({ended:?}, {timeout:?} at most):\n{shown}\nstderr:\n{stderr}"
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
