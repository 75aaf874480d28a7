//! Bounded runs: every program a test starts goes through [`Run`], which has
//! a mandatory time limit ([`RUN_LIMIT`] unless [`Run::limit`] says
//! otherwise). A run past its limit is killed and the test fails naming the
//! command line (and, for [`Run::output`], the stderr collected so far).
//!
//! - [`Run::output`] / [`Run::status`] run to completion, like
//!   [`Command::output`] but bounded.
//! - [`Run::spawn`] gives a [`Running`]: its pipes are the test's, every wait
//!   on it is bounded, a watchdog thread kills it at the limit even if the
//!   test never waits, and dropping it kills and reaps it.
//! - [`Run::follow`] gives a [`Following`]: a [`Running`] whose stderr is read
//!   line by line as it comes (a login's URL, a demo's steps).
//!
//! `Run` deliberately does not deref to [`Command`]: a chain must not be able
//! to end in an unbounded `Command::output`.

use std::ffi::OsStr;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{
    Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Output, Stdio,
};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// No program a test starts may run longer than this, unless its [`Run`]
/// sets another [`Run::limit`].
pub const RUN_LIMIT: Duration = Duration::from_secs(120);

/// A bounded run of any program (`curl`, `kill`, `mount`, `secret-tool`,
/// ...): stdin is closed unless the test sets it.
pub fn bounded(mut cmd: Command) -> Run {
    cmd.stdin(Stdio::null());
    Run {
        cmd,
        limit: RUN_LIMIT,
        input: None,
        stdout_set: false,
        stderr_set: false,
        terminal: None,
    }
}

/// A program to run within a time limit; see the module docs.
#[must_use = "a Run does nothing until output(), status(), spawn() or follow()"]
pub struct Run {
    cmd: Command,
    limit: Duration,
    /// Written to stdin by a thread, then closed.
    input: Option<Vec<u8>>,
    stdout_set: bool,
    stderr_set: bool,
    /// The controlling terminal the program gets; none without it.
    terminal: Option<std::fs::File>,
}

impl Run {
    pub fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Run {
        self.cmd.arg(arg);
        self
    }

    pub fn args<I, S>(&mut self, args: I) -> &mut Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.cmd.args(args);
        self
    }

    pub fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Run {
        self.cmd.env(key, value);
        self
    }

    pub fn envs<I, K, V>(&mut self, vars: I) -> &mut Run
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<OsStr>,
        V: AsRef<OsStr>,
    {
        self.cmd.envs(vars);
        self
    }

    pub fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Run {
        self.cmd.env_remove(key);
        self
    }

    pub fn current_dir(&mut self, dir: impl AsRef<Path>) -> &mut Run {
        self.cmd.current_dir(dir);
        self
    }

    /// Replaces the default (closed) stdin; [`Run::stdin_text`] wins over it.
    pub fn stdin(&mut self, cfg: impl Into<Stdio>) -> &mut Run {
        self.input = None;
        self.cmd.stdin(cfg);
        self
    }

    /// For `output`/`status` the default is a pipe the run collects; for
    /// `spawn` it is inherited, as with [`Command`].
    pub fn stdout(&mut self, cfg: impl Into<Stdio>) -> &mut Run {
        self.stdout_set = true;
        self.cmd.stdout(cfg);
        self
    }

    /// As [`Run::stdout`].
    pub fn stderr(&mut self, cfg: impl Into<Stdio>) -> &mut Run {
        self.stderr_set = true;
        self.cmd.stderr(cfg);
        self
    }

    #[cfg(unix)]
    pub fn process_group(&mut self, pgroup: i32) -> &mut Run {
        use std::os::unix::process::CommandExt;
        self.cmd.process_group(pgroup);
        self
    }

    /// Makes `terminal` (a pty's terminal end) the program's controlling
    /// terminal, its `/dev/tty`, whatever its stdin is.
    pub fn controlling_terminal(&mut self, terminal: std::fs::File) -> &mut Run {
        self.terminal = Some(terminal);
        self
    }

    /// Runs the program as `uid` (group `uid`, no supplementary groups):
    /// a test running as root tries what another user gets.
    #[cfg(unix)]
    pub fn user(&mut self, uid: u32) -> &mut Run {
        use std::os::unix::process::CommandExt;
        self.cmd.uid(uid).gid(uid);
        self
    }

    /// `text` is written to stdin by a thread (so a program that never reads
    /// cannot block the test on a full pipe), then stdin is closed.
    pub fn stdin_text(&mut self, text: &str) -> &mut Run {
        self.input = Some(text.as_bytes().to_vec());
        self
    }

    /// Another time limit for this run, counted from its start.
    pub fn limit(&mut self, limit: Duration) -> &mut Run {
        self.limit = limit;
        self
    }

    /// The program and its arguments, for messages (long arguments cut).
    pub fn command_line(&self) -> String {
        command_line(&self.cmd)
    }

    /// Runs to completion within the limit, collecting stdout and stderr
    /// (unless redirected). Past the limit the program is killed and the test
    /// fails, showing the stderr collected so far.
    pub fn output(&mut self) -> io::Result<Output> {
        if !self.stdout_set {
            self.cmd.stdout(Stdio::piped());
        }
        if !self.stderr_set {
            self.cmd.stderr(Stdio::piped());
        }
        self.spawn()?.wait_with_output()
    }

    /// [`Run::output`], keeping only the exit status.
    pub fn status(&mut self) -> io::Result<ExitStatus> {
        self.output().map(|out| out.status)
    }

    /// Starts the program; see [`Running`].
    pub fn spawn(&mut self) -> io::Result<Running> {
        if self.input.is_some() {
            self.cmd.stdin(Stdio::piped());
        }
        #[cfg(unix)]
        self.new_session();
        let mut child = self.cmd.spawn()?;
        let mut stdin = child.stdin.take();
        if let Some(input) = self.input.clone()
            && let Some(mut pipe) = stdin.take()
        {
            std::thread::spawn(move || {
                let _ = pipe.write_all(&input);
            });
        }
        Ok(Running::watch(
            child,
            stdin,
            self.command_line(),
            self.limit,
        ))
    }

    /// Starts the program with stdout collected and stderr read line by line;
    /// see [`Following`]. Fails the test when it cannot start.
    pub fn follow(&mut self) -> Following {
        self.stdout(Stdio::piped()).stderr(Stdio::piped());
        let running = self
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.command_line()));
        Following::new(running)
    }
}

impl Run {
    /// Every program starts in a session of its own, so none has the
    /// terminal `cargo test` runs in: a login oauthctl would run on demand
    /// there would wait on a person. [`Run::controlling_terminal`] gives it
    /// the test's pty instead.
    #[cfg(unix)]
    fn new_session(&mut self) {
        use std::os::fd::{AsRawFd, BorrowedFd};
        use std::os::unix::process::CommandExt;
        let terminal = self.terminal.as_ref().map(AsRawFd::as_raw_fd);
        let hook = move || {
            // Fails for a process group leader (Run::process_group): those
            // keep the session they had.
            let _ = rustix::process::setsid();
            if let Some(fd) = terminal {
                // SAFETY: `self.terminal` keeps the fd open until spawn returns.
                #[allow(unsafe_code)]
                let fd = unsafe { BorrowedFd::borrow_raw(fd) };
                rustix::process::ioctl_tiocsctty(fd)?;
            }
            Ok(())
        };
        // SAFETY: the hook calls only setsid(2) and ioctl(2), which are
        // async-signal-safe, and allocates nothing.
        #[allow(unsafe_code)]
        unsafe {
            self.cmd.pre_exec(hook);
        }
    }
}

fn command_line(cmd: &Command) -> String {
    let shown = |s: &OsStr| {
        let s = s.to_string_lossy();
        if s.len() > 200 {
            let cut = (0..=200).rev().find(|&i| s.is_char_boundary(i)).unwrap();
            format!("{}…", &s[..cut])
        } else {
            s.into_owned()
        }
    };
    let mut line = shown(cmd.get_program());
    for arg in cmd.get_args() {
        line.push(' ');
        let arg = shown(arg);
        if arg.is_empty() || arg.contains(|c: char| c.is_whitespace() || "'\"\\$".contains(c)) {
            line.push_str(&format!("{arg:?}"));
        } else {
            line.push_str(&arg);
        }
    }
    line
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A test that panicked while holding it must not poison every later use.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A timeout: a test failure, except while the thread already unwinds (a
/// second panic would abort), where it is an error.
fn timed_out(message: String) -> io::Error {
    if std::thread::panicking() {
        io::Error::new(io::ErrorKind::TimedOut, message)
    } else {
        panic!("{message}")
    }
}

/// A pipe being read: what came so far, and word when it ended.
type Collected = (Arc<Mutex<Vec<u8>>>, Receiver<()>);

/// Reads a pipe to its end into a shared buffer (so what came so far can be
/// shown on a timeout); the receiver hears when it is done.
fn collect(mut pipe: impl Read + Send + 'static) -> Collected {
    let buf = Arc::new(Mutex::new(Vec::new()));
    let (done, finished) = mpsc::channel();
    let shared = Arc::clone(&buf);
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        loop {
            match pipe.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => lock(&shared).extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        let _ = done.send(());
    });
    (buf, finished)
}

/// What the watchdog and the test share.
struct Watch {
    child: Mutex<Child>,
    /// Set when the test is done with the child (reaped, killed or dropped).
    stop: Mutex<bool>,
    stopped: Condvar,
    /// Set when the watchdog killed the child at the limit.
    killed: AtomicBool,
}

/// A started program. Its pipes are the test's (`stdin` is `None` when the
/// run writes [`Run::stdin_text`] itself). Every wait is bounded by the
/// run's limit; a watchdog thread kills the program at the limit even if the
/// test never waits (only while it is unreaped, so never another process that
/// got its pid). Dropped, it is killed and reaped.
pub struct Running {
    pub stdin: Option<ChildStdin>,
    pub stdout: Option<ChildStdout>,
    pub stderr: Option<ChildStderr>,
    watch: Arc<Watch>,
    watchdog: Option<JoinHandle<()>>,
    id: u32,
    command_line: String,
    limit: Duration,
    deadline: Instant,
    /// stderr as collected by `wait_with_output`, for the timeout message.
    collected_stderr: Option<Arc<Mutex<Vec<u8>>>>,
    /// The timeout was reported (a panic or an error) already.
    reported: bool,
}

impl Running {
    fn watch(
        mut child: Child,
        stdin: Option<ChildStdin>,
        command_line: String,
        limit: Duration,
    ) -> Running {
        let deadline = Instant::now() + limit;
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let id = child.id();
        let watch = Arc::new(Watch {
            child: Mutex::new(child),
            stop: Mutex::new(false),
            stopped: Condvar::new(),
            killed: AtomicBool::new(false),
        });
        let watchdog = {
            let watch = Arc::clone(&watch);
            std::thread::Builder::new()
                .name(format!("watchdog {id}"))
                .spawn(move || {
                    let mut stop = lock(&watch.stop);
                    loop {
                        if *stop {
                            return;
                        }
                        let left = deadline.saturating_duration_since(Instant::now());
                        if left.is_zero() {
                            break;
                        }
                        stop = watch
                            .stopped
                            .wait_timeout(stop, left)
                            .unwrap_or_else(PoisonError::into_inner)
                            .0;
                    }
                    drop(stop);
                    let mut child = lock(&watch.child);
                    if let Ok(None) = child.try_wait() {
                        watch.killed.store(true, Ordering::SeqCst);
                        let _ = child.kill();
                        let _ = child.wait();
                    }
                })
                .expect("start a watchdog thread")
        };
        Running {
            stdin,
            stdout,
            stderr,
            watch,
            watchdog: Some(watchdog),
            id,
            command_line,
            limit,
            deadline,
            collected_stderr: None,
            reported: false,
        }
    }

    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn command_line(&self) -> &str {
        &self.command_line
    }

    /// The exit status if the program has ended (reaping it).
    pub fn try_wait(&mut self) -> io::Result<Option<ExitStatus>> {
        let status = lock(&self.watch.child).try_wait()?;
        self.checked(status)
    }

    /// Waits for the exit, at most until the run's limit (then the program is
    /// killed and the test fails).
    pub fn wait(&mut self) -> io::Result<ExitStatus> {
        match self.wait_until(self.deadline)? {
            Some(status) => self.checked(Some(status)).map(Option::unwrap),
            None => Err(self.time_out()),
        }
    }

    /// Waits at most `timeout`, and never past the run's limit, for the exit:
    /// `None` when the program still runs then (the caller fails the test
    /// with a message of its own; at the limit the watchdog kills it).
    pub fn wait_timeout(&mut self, timeout: Duration) -> io::Result<Option<ExitStatus>> {
        let status = self.wait_until(Instant::now() + timeout)?;
        self.checked(status)
    }

    /// Whether the watchdog killed the program at the limit.
    pub fn killed_at_limit(&self) -> bool {
        // The watchdog kills under this lock: once the kill is seen (a pipe
        // closed, say), taking it waits for the watchdog to be done.
        let _child = lock(&self.watch.child);
        self.watch.killed.load(Ordering::SeqCst)
    }

    /// Polls for the exit until `until` (at most the limit).
    fn wait_until(&mut self, until: Instant) -> io::Result<Option<ExitStatus>> {
        let until = until.min(self.deadline);
        let mut poll = Duration::from_millis(1);
        loop {
            let status = lock(&self.watch.child).try_wait()?;
            if let Some(status) = status {
                self.stop_watchdog();
                return Ok(Some(status));
            }
            let now = Instant::now();
            if now >= until {
                return Ok(None);
            }
            std::thread::sleep(poll.min(until - now));
            poll = (poll * 2).min(Duration::from_millis(10));
        }
    }

    /// An exit caused by the watchdog is a timeout, not a status.
    fn checked(&mut self, status: Option<ExitStatus>) -> io::Result<Option<ExitStatus>> {
        if status.is_some() && self.killed_at_limit() {
            return Err(self.time_out());
        }
        Ok(status)
    }

    /// Kills the program (if it still runs) and reaps it.
    pub fn kill(&mut self) -> io::Result<()> {
        {
            let mut child = lock(&self.watch.child);
            if child.try_wait()?.is_none() {
                child.kill()?;
                child.wait()?;
            }
        }
        self.stop_watchdog();
        Ok(())
    }

    /// Closes stdin, collects what is left of stdout and stderr (those the
    /// test did not take) and waits for the exit, all within the run's limit.
    pub fn wait_with_output(mut self) -> io::Result<Output> {
        drop(self.stdin.take());
        let out = self.stdout.take().map(collect);
        let err = self.stderr.take().map(collect);
        if let Some((buf, _)) = &err {
            self.collected_stderr = Some(Arc::clone(buf));
        }
        let status = self.wait()?;
        // A process it started can hold the pipes open after it exits.
        for (_, done) in out.iter().chain(err.iter()) {
            let left = self.deadline.saturating_duration_since(Instant::now());
            if let Err(RecvTimeoutError::Timeout) = done.recv_timeout(left) {
                return Err(timed_out(format!(
                    "{} exited ({status}), but its output was still open after {:?} \
                     (held by a process it started?)",
                    self.command_line, self.limit
                )));
            }
        }
        let take = |pipe: Option<Collected>| {
            pipe.map(|(buf, _)| std::mem::take(&mut *lock(&buf)))
                .unwrap_or_default()
        };
        Ok(Output {
            status,
            stdout: take(out),
            stderr: take(err),
        })
    }

    /// Kills the program and reports that it hit the limit.
    fn time_out(&mut self) -> io::Error {
        let _ = self.kill();
        self.reported = true;
        let mut message = format!(
            "{} still running after {:?}: killed",
            self.command_line, self.limit
        );
        if let Some(buf) = &self.collected_stderr {
            let err = String::from_utf8_lossy(&lock(buf)).into_owned();
            message.push_str(&format!("\n--- stderr so far\n{err}"));
        }
        timed_out(message)
    }

    fn stop_watchdog(&mut self) {
        *lock(&self.watch.stop) = true;
        self.watch.stopped.notify_all();
        if let Some(watchdog) = self.watchdog.take() {
            let _ = watchdog.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let killed_at_limit = self.killed_at_limit();
        let _ = self.kill();
        if killed_at_limit && !self.reported && !std::thread::panicking() {
            panic!(
                "{} still running after {:?}: killed",
                self.command_line, self.limit
            );
        }
    }
}

/// A [`Running`] program whose stderr is read line by line as it comes, and
/// whose stdout is collected. Killed on drop.
pub struct Following {
    running: Running,
    lines: Receiver<String>,
    seen: Vec<String>,
    stderr_done: Receiver<()>,
    stdout: Arc<Mutex<Vec<u8>>>,
    stdout_done: Receiver<()>,
}

/// How a followed program ended.
pub struct Finished {
    pub status: ExitStatus,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Following {
    fn new(mut running: Running) -> Following {
        let err = running.stderr.take().expect("stderr is piped");
        let out = running.stdout.take().expect("stdout is piped");
        let (tx, lines) = mpsc::channel();
        let (done, stderr_done) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(err);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match reader.read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        let line = String::from_utf8_lossy(&buf);
                        let _ = tx.send(line.trim_end_matches(['\r', '\n']).to_owned());
                    }
                }
            }
            let _ = done.send(());
        });
        let (stdout, stdout_done) = collect(out);
        Following {
            running,
            lines,
            seen: Vec::new(),
            stderr_done,
            stdout,
            stdout_done,
        }
    }

    pub fn id(&self) -> u32 {
        self.running.id()
    }

    /// The stderr lines read so far.
    pub fn seen(&self) -> String {
        self.seen.join("\n")
    }

    /// The first stderr line (from now on) for which `find` gives something,
    /// within `timeout`. Kills the program and fails the test, showing its
    /// stderr, when none comes.
    pub fn find_line<T>(
        &mut self,
        what: &str,
        timeout: Duration,
        find: impl Fn(&str) -> Option<T>,
    ) -> T {
        let deadline = (Instant::now() + timeout).min(self.running.deadline);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let found = find(&line);
                    self.seen.push(line);
                    if let Some(found) = found {
                        return found;
                    }
                }
                Err(why) => {
                    let at_limit = self.running.killed_at_limit();
                    let _ = self.running.kill();
                    self.running.reported = true;
                    self.drain(Duration::from_secs(5));
                    let why = match why {
                        _ if at_limit => {
                            format!("within its limit of {:?} (killed)", self.running.limit)
                        }
                        RecvTimeoutError::Timeout => format!("within {timeout:?}"),
                        RecvTimeoutError::Disconnected => "before its stderr closed".to_owned(),
                    };
                    panic!(
                        "{} printed no {what} {why}\n--- stderr\n{}",
                        self.running.command_line,
                        self.seen()
                    );
                }
            }
        }
    }

    /// [`Following::find_line`] for the first line that satisfies `pred`.
    pub fn wait_line(
        &mut self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        self.find_line(what, timeout, |line| pred(line).then(|| line.to_owned()))
    }

    /// Waits at most `timeout` (and the run's limit) for the exit, then for
    /// the rest of its output. Kills the program and fails the test, showing
    /// its stderr, when it does not end in time.
    pub fn finish(mut self, timeout: Duration) -> Finished {
        let status = match self.running.wait_until(Instant::now() + timeout) {
            Ok(Some(status)) if !self.running.killed_at_limit() => status,
            _ => {
                let _ = self.running.kill();
                self.drain(Duration::from_secs(5));
                self.running.reported = true;
                let limit = timeout.min(self.running.limit);
                panic!(
                    "{} still running after {limit:?}: killed\n--- stderr\n{}",
                    self.running.command_line,
                    self.seen()
                );
            }
        };
        let mut open = false;
        for done in [&self.stderr_done, &self.stdout_done] {
            let left = self
                .running
                .deadline
                .saturating_duration_since(Instant::now());
            open |= done.recv_timeout(left).is_err();
        }
        self.drain(Duration::ZERO);
        assert!(
            !open,
            "{} exited ({status}), but its output stayed open (held by a process it started?)\n--- stderr\n{}",
            self.running.command_line,
            self.seen()
        );
        let stdout = String::from_utf8_lossy(&lock(&self.stdout)).into_owned();
        Finished {
            status,
            code: status.code(),
            stdout,
            stderr: self.seen(),
        }
    }

    /// Kills the program (if it still runs).
    pub fn kill(&mut self) {
        let _ = self.running.kill();
    }

    /// Moves the stderr lines that arrive within `grace` into `seen`.
    fn drain(&mut self, grace: Duration) {
        let until = Instant::now() + grace;
        loop {
            match self.lines.try_recv() {
                Ok(line) => self.seen.push(line),
                Err(mpsc::TryRecvError::Disconnected) => return,
                Err(mpsc::TryRecvError::Empty) => {
                    let left = until.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return;
                    }
                    match self.lines.recv_timeout(left) {
                        Ok(line) => self.seen.push(line),
                        Err(_) => return,
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    }

    #[test]
    fn a_run_past_its_limit_is_killed_and_fails_naming_it() {
        let started = Instant::now();
        let failed = std::panic::catch_unwind(|| {
            bounded(Command::new("sh"))
                .args(["-c", "echo waiting >&2; exec sleep 30"])
                .limit(Duration::from_millis(300))
                .output()
        })
        .expect_err("a run past its limit fails the test");
        let message = panic_text(failed);
        assert!(
            message.contains("sh -c \"echo waiting >&2; exec sleep 30\"")
                && message.contains("still running after 300ms: killed")
                && message.contains("--- stderr so far"),
            "{message}"
        );
        assert!(started.elapsed() < Duration::from_secs(20));
    }

    #[test]
    fn the_watchdog_kills_a_program_nobody_waits_for() {
        let mut running = bounded(Command::new("sleep"))
            .arg("30")
            .stdout(Stdio::piped())
            .limit(Duration::from_millis(200))
            .spawn()
            .unwrap();
        // Blocks until the pipe closes: only the watchdog can end this.
        let mut out = String::new();
        running
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        assert!(running.killed_at_limit());
        let failed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(running)))
            .expect_err("a run killed at its limit fails the test, even unwaited");
        assert!(
            panic_text(failed).contains("sleep 30 still running after 200ms"),
            "the message names the command"
        );
    }

    #[test]
    fn stdin_text_is_written_then_closed() {
        let out = bounded(Command::new("cat"))
            .stdin_text("line one\nline two")
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout), "line one\nline two");
    }

    #[test]
    fn a_shorter_wait_leaves_the_program_running_for_the_caller() {
        let mut running = bounded(Command::new("sleep")).arg("30").spawn().unwrap();
        assert!(
            running
                .wait_timeout(Duration::from_millis(50))
                .unwrap()
                .is_none()
        );
        assert!(running.try_wait().unwrap().is_none(), "still running");
        running.kill().unwrap();
        assert!(running.try_wait().unwrap().is_some(), "killed and reaped");
        assert!(!running.killed_at_limit());
    }
}
