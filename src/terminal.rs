//! The person's terminal, apart from stdin and stdout: a helper's stdin and
//! stdout carry git's, docker's or kubectl's protocol, so a login run on
//! demand asks and reads there instead. The one platform branch for it.

use std::fs::File;

/// A terminal to write prompts to and read answers from.
pub struct Terminal {
    pub input: File,
    pub output: File,
}

impl Terminal {
    /// The controlling terminal, when this process has one.
    pub fn open() -> Option<Terminal> {
        #[cfg(unix)]
        let (input, output) = {
            let tty = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")
                .ok()?;
            (tty.try_clone().ok()?, tty)
        };
        #[cfg(windows)]
        let (input, output) = {
            let open = |name: &str| {
                std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open(name)
                    .ok()
            };
            (open("CONIN$")?, open("CONOUT$")?)
        };
        Some(Terminal { input, output })
    }
}
