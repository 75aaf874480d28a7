//! The fast path's recogniser against clap: `fast::recognise` and
//! `Cli::parse_with` on the same argv and the same environment.
//!
//! Input: newline-separated words of argv (any bytes, so not always UTF-8);
//! a word that starts with byte 0x01 is instead a variable for both to read,
//! the next byte choosing which one, the rest its value (without NUL bytes,
//! which no environment holds).
//!
//! Wherever the recogniser answers, clap must accept the same command line
//! and make the same `Cli` of it (compared by their Debug text, which shows
//! every field). Where it declines, production runs clap itself, so the
//! answer is clap's by construction and clap is not asked here.

#![no_main]

use clap::CommandFactory;
use libfuzzer_sys::fuzz_target;
use oauthctl::cli::Cli;
use oauthctl::fast::{PROVIDER_ENV, recognise};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

/// The variables an input may set: the global options' and two provider options'.
const VARIABLES: [&str; 6] = [
    "OAUTHCTL_PROFILE",
    "OAUTHCTL_CONFIG",
    "OAUTHCTL_STORE",
    "OAUTHCTL_HTTP_TIMEOUT",
    "OAUTHCTL_CLIENT_ID",
    "OAUTHCTL_TOKEN_URL",
];

type Environment = Vec<(&'static str, OsString)>;

thread_local! {
    /// clap's command per environment (clap reads the variables when the
    /// command is built, which costs far more than a parse).
    static COMMANDS: RefCell<HashMap<Environment, clap::Command>> = RefCell::new(HashMap::new());
}

fn decode(data: &[u8]) -> (Vec<OsString>, Environment) {
    let mut args = vec![OsString::from("oauthctl")];
    let mut env = BTreeMap::new();
    if !data.is_empty() {
        for word in data.split(|&b| b == b'\n') {
            match word.split_first() {
                Some((1, rest)) => {
                    // No environment holds a NUL byte (set_var panics on one).
                    if let Some((&which, value)) = rest.split_first()
                        && !value.contains(&0)
                    {
                        let name = VARIABLES[usize::from(which) % VARIABLES.len()];
                        env.insert(name, OsString::from_vec(value.to_vec()));
                    }
                }
                _ => args.push(OsString::from_vec(word.to_vec())),
            }
        }
    }
    (args, env.into_iter().collect())
}

fn set_environment(env: &Environment) {
    for name in PROVIDER_ENV.iter().chain(VARIABLES.iter()) {
        // SAFETY: libFuzzer runs the target on one thread, and nothing
        // else in this process reads the environment meanwhile.
        unsafe { std::env::remove_var(name) };
    }
    for (name, value) in env {
        // SAFETY: as above.
        unsafe { std::env::set_var(name, value) };
    }
}

fn clap_reads(args: &[OsString], env: &Environment) -> Result<Cli, clap::Error> {
    COMMANDS.with(|commands| {
        let mut commands = commands.borrow_mut();
        if commands.len() > 256 {
            commands.clear();
        }
        let command = commands.entry(env.clone()).or_insert_with(Cli::command);
        Cli::parse_with(command, args)
    })
}

fuzz_target!(|data: &[u8]| {
    let (args, env) = decode(data);
    set_environment(&env);
    let Some(fast) = recognise(&args, &|name| std::env::var_os(name)) else {
        return;
    };
    match clap_reads(&args, &env) {
        Ok(full) => assert_eq!(
            format!("{fast:#?}"),
            format!("{full:#?}"),
            "the recogniser and clap read {args:?} with {env:?} differently"
        ),
        Err(err) => panic!("recognised {args:?} with {env:?}, which clap refuses:\n{err}"),
    }
});
