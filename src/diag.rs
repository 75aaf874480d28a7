//! Everything oauthctl says on stderr goes through here.
//!
//! Two rules hold for it. A failed write to stderr (`2>/dev/full`, a closed
//! pipe, a full log disk) is ignored: `eprintln!` would panic, and with
//! `panic = "abort"` the process would die wherever it stood, perhaps
//! between a token response and its save. And what is said about a token
//! response waits until that response is saved ([`hold`], [`release`]): a
//! rotated refresh token must be on disk before anything else can go wrong.

use std::io::Write;
use std::sync::Mutex;

/// Lines said while a token response was unsaved; `None` when not holding.
static HELD: Mutex<Option<Vec<String>>> = Mutex::new(None);

/// Where a login run on demand talks to the person, instead of a stderr
/// that the helper's caller may swallow (docker keeps it to itself).
static TERMINAL: Mutex<Option<std::fs::File>> = Mutex::new(None);

/// Writes `line` and a newline to stderr, now or (while a response is
/// unsaved) after its save. Never fails, never panics.
pub fn line(line: std::fmt::Arguments<'_>) {
    if let Ok(mut held) = HELD.lock()
        && let Some(lines) = held.as_mut()
    {
        lines.push(line.to_string());
        return;
    }
    write_now(line);
}

/// For what must appear at once whatever is held: a prompt, a code to enter.
pub fn write_now(line: std::fmt::Arguments<'_>) {
    if let Ok(mut terminal) = TERMINAL.lock()
        && let Some(terminal) = terminal.as_mut()
    {
        let _ = terminal
            .write_fmt(line)
            .and_then(|()| terminal.write_all(b"\n"));
        return;
    }
    let mut stderr = std::io::stderr().lock();
    let _ = stderr
        .write_fmt(line)
        .and_then(|()| stderr.write_all(b"\n"));
}

/// From now until [`release`], diagnostics wait: called before a token
/// request, whose response may bring warnings (a narrower scope, an absurd
/// lifetime) before it is saved.
pub fn hold() {
    if let Ok(mut held) = HELD.lock()
        && held.is_none()
    {
        *held = Some(Vec::new());
    }
}

/// Says what was held, in order: called once the response is saved, or has
/// failed, and by every way out of the process.
pub fn release() {
    let lines = match HELD.lock() {
        Ok(mut held) => held.take(),
        Err(_) => None,
    };
    for held in lines.into_iter().flatten() {
        write_now(format_args!("{held}"));
    }
}

/// Releases on drop: a scope that saves a token response ends with what
/// waited for the save said, however it ends.
pub struct ReleaseOnDrop;

impl Drop for ReleaseOnDrop {
    fn drop(&mut self) {
        release();
    }
}

/// Everything said goes to `terminal` until the guard is dropped.
pub fn to_terminal(terminal: std::fs::File) -> ToTerminal {
    if let Ok(mut slot) = TERMINAL.lock() {
        *slot = Some(terminal);
    }
    ToTerminal
}

/// Whether what is said reaches a terminal, where a QR code can be read.
pub fn on_a_terminal() -> bool {
    TERMINAL.lock().is_ok_and(|terminal| terminal.is_some())
        || std::io::IsTerminal::is_terminal(&std::io::stderr())
}

/// Says on stderr again when dropped.
pub struct ToTerminal;

impl Drop for ToTerminal {
    fn drop(&mut self) {
        if let Ok(mut slot) = TERMINAL.lock() {
            *slot = None;
        }
    }
}

/// `eprintln!` that neither panics nor reorders around a held response.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::diag::line(format_args!($($arg)*))
    };
}
pub(crate) use say;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_lines_wait_for_the_release_and_keep_their_order() {
        hold();
        line(format_args!("first"));
        line(format_args!("second"));
        let held = HELD.lock().unwrap().clone();
        assert_eq!(held, Some(vec!["first".to_owned(), "second".to_owned()]));
        release();
        assert_eq!(*HELD.lock().unwrap(), None);
    }
}
