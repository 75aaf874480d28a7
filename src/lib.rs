//! oauthctl: OAuth 2.0 tokens for the command line.

// No product function over 80 lines (clippy.toml sets the bound; CI denies warnings).
#![warn(clippy::too_many_lines)]

pub mod browser;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod digest;
pub mod error;
pub mod exit;
pub mod fast;
pub mod jwt;
pub mod loopback;
pub mod oauth;
pub mod options;
pub mod output;
pub mod presets;
pub mod secret;
pub mod settings;
pub mod signals;
pub mod store;
pub mod terminal;
pub mod text;

use clap::CommandFactory;
use exit::Exit;

/// The whole program; the value is the process's exit code.
pub fn main() -> u8 {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Run as `docker-credential-oauthctl` (a symlink docker finds on PATH
    // through `credHelpers`), it is `oauthctl docker-credential`.
    if args.first().is_some_and(|arg0| {
        std::path::Path::new(arg0)
            .file_stem()
            .is_some_and(|name| name == "docker-credential-oauthctl")
    }) {
        args[0] = "oauthctl".into();
        args.insert(1, "docker-credential".into());
    }
    // The plain forms of `token` and `curl`, which scripts call in loops,
    // without building clap's command tree; anything else is clap's.
    let recognised = fast::recognise(&args, &|name| std::env::var_os(name));
    let cli = match recognised {
        Some(cli) => cli,
        None => match cli::Cli::parse_with(&mut cli::Cli::command(), args) {
            Ok(cli) => cli,
            Err(err) => {
                let code = if err.use_stderr() {
                    Exit::Usage
                } else {
                    Exit::Ok
                };
                let _ = err.print();
                return code as u8;
            }
        },
    };
    init_logging(cli.global.verbose, cli.global.quiet);
    finish(run(cli))
}

/// A command's result as its exit code, the error said on stderr: one line,
/// `{:#}` putting the whole context chain on it, the advice (in oauthctl's
/// own terms) after it.
fn finish(result: anyhow::Result<u8>) -> u8 {
    // What waited for a save comes before the error that may have stopped it.
    diag::release();
    match result {
        Ok(code) => code,
        Err(err) => {
            let advice = error::advice(&err).unwrap_or_default();
            diag::say!("oauthctl: error: {err:#}{advice}");
            error::exit_code_for(&err) as u8
        }
    }
}

/// What Rust's runtime does before `main` and oauthctl still needs, for
/// the binary's own entry point (see main.rs): file descriptors 0, 1 and 2
/// are open, if only on /dev/null, so that no file oauthctl opens (a token
/// file) can become its stdout.
#[cfg(unix)]
pub fn sanitize_standard_fds() {
    use std::os::fd::{AsFd, BorrowedFd, IntoRawFd};
    fn closed(fd: BorrowedFd<'_>) -> bool {
        rustix::io::fcntl_getfd(fd) == Err(rustix::io::Errno::BADF)
    }
    // In order: /dev/null opens as the lowest free descriptor, the one missing.
    let missing = [
        closed(std::io::stdin().as_fd()),
        closed(std::io::stdout().as_fd()),
        closed(std::io::stderr().as_fd()),
    ];
    for _ in missing.iter().filter(|&&m| m) {
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/null")
        {
            Ok(null) => {
                let _ = null.into_raw_fd();
            }
            // Nowhere to say why; Rust's runtime aborts too.
            Err(_) => std::process::abort(),
        }
    }
}

/// No core file of oauthctl, ever: it would hold the tokens and secrets in
/// its memory, in a file anyone who finds it can read. The soft limit goes
/// to zero (the hard one stays, so curl or git keep theirs), and on Linux
/// the process is also made undumpable, which keeps other processes of the
/// same user from reading its memory through ptrace or /proc.
pub fn forbid_core_dumps() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let hard = getrlimit(Resource::Core).maximum;
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: hard,
            },
        );
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
}

/// Runs the command; the value is the exit code (curl passes its own through).
pub fn run(cli: cli::Cli) -> anyhow::Result<u8> {
    use cli::Command;
    let globals = settings::Globals::from_args(&cli.global)?;
    let ctx = commands::Ctx::new(globals, cli.global.quiet);
    match &cli.command {
        Command::Login(args) => commands::login::run(&ctx, args),
        Command::Token(args) => commands::token::run(&ctx, args),
        Command::Refresh(args) => commands::refresh::run(&ctx, args),
        Command::ClientCredentials(args) => commands::client_credentials::run(&ctx, args),
        Command::Curl(args) => return commands::curl::run(&ctx, args).map(|exit| exit.0),
        Command::Exec(args) => return commands::exec::run(&ctx, args),
        Command::DockerCredential(args) => return commands::docker_credential::run(&ctx, args),
        Command::Logout(args) => commands::logout::run(&ctx, args),
        Command::Status(args) => commands::status::run(&ctx, args),
        Command::Inspect(args) => commands::inspect::run(&ctx, args),
        Command::Introspect(args) => return commands::introspect::run(&ctx, args),
        Command::Exchange(args) => commands::exchange::run(&ctx, args),
        Command::GitCredential(args) => commands::git_credential::run(&ctx, args),
        Command::SetupGit(args) => commands::setup_git::run(&ctx, args),
        Command::Profile(command) => commands::profile::run(&ctx, command),
        Command::Setup(command) => commands::setup::run(&ctx, command),
        Command::ClientMetadata(args) => commands::client_metadata::run(&ctx, args),
        #[cfg(feature = "demo")]
        Command::Demo(args) => commands::demo::run(&ctx, args),
        Command::Generate(command) => commands::generate::run(command),
    }?;
    Ok(Exit::Ok as u8)
}

/// Diagnostics go to stderr only. The default shows warnings; `-v` progress,
/// `-vv` requests, `-vvv` everything, always with secrets redacted at the source.
pub(crate) fn init_logging(verbose: u8, quiet: bool) {
    let level = match (quiet, verbose) {
        (true, _) => log::LevelFilter::Error,
        (false, 0) => log::LevelFilter::Warn,
        (false, 1) => log::LevelFilter::Info,
        (false, 2) => log::LevelFilter::Debug,
        (false, _) => log::LevelFilter::Trace,
    };
    log::set_max_level(level);
    let _ = log::set_logger(&StderrLogger);
}

struct StderrLogger;

impl log::Log for StderrLogger {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        // Only our own diagnostics, which redact at the source: a dependency's
        // trace output could carry headers or bodies.
        metadata.target().starts_with("oauthctl") || metadata.target().starts_with("demo_provider")
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) || record.level() > log::max_level() {
            return;
        }
        let label = match record.level() {
            log::Level::Error => "error",
            log::Level::Warn => "warning",
            log::Level::Info => "info",
            log::Level::Debug => "debug",
            log::Level::Trace => "trace",
        };
        crate::diag::say!("oauthctl: {label}: {}", record.args());
    }

    fn flush(&self) {}
}
