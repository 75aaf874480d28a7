//! A real pseudo-terminal, for what oauthctl does when stdin is a terminal.

use std::fs::File;
use std::io::Write;
use std::os::fd::OwnedFd;

pub struct Pty {
    master: File,
    slave_path: std::path::PathBuf,
}

impl Pty {
    pub fn open() -> Pty {
        use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
        let master: OwnedFd = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        Pty {
            master: File::from(master),
            slave_path: std::path::PathBuf::from(name.to_str().expect("a UTF-8 pty name")),
        }
    }

    /// The terminal end, for a child's stdin.
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
}
