//! `oauthctl token` and `oauthctl curl` without building clap's command
//! tree: scripts call them in loops, and building the tree costs more than
//! the rest of a fresh-token `token` (issue 9).
//!
//! [`recognise`] reads the plain forms of those two commands into the same
//! [`Cli`] clap makes of them, and `lib::main` runs that through the same
//! `run` as any other command line: what a command does, prints and exits
//! with cannot differ between the two paths. Whatever the recogniser is not
//! sure clap reads the same way (another command, an option it does not
//! know, an option given twice, a value that could be an option, an empty
//! value, a spelling it does not take, anything clap would refuse) it leaves
//! to clap, having printed nothing (issues 17 and 22).
//!
//! Its options are [`FLAGS`], which a unit test checks against
//! `Cli::command()`: renaming, adding or removing a flag in cli.rs without
//! the table fails it. A differential property test (the unit tests) and
//! the `fast_path` fuzz target feed the same argv and environment to both
//! and compare what comes out.
use crate::cli::{
    Cli, Command, CurlArgs, GlobalArgs, OnDemandArgs, OutputArgs, OutputFormat, TokenArgs,
};
use crate::options::{CurlFlags, ProviderOptions, RenewFlags, WithFlags};
use crate::store::StoreKind;
use clap::ValueEnum;
use std::ffi::OsString;
use std::path::PathBuf;

#[cfg(test)]
mod tests;

/// The provider options that clap fills from the environment. With one of
/// them set the profile changes (and so the store key): clap's to read. A
/// test checks the list against the clap definition.
pub const PROVIDER_ENV: &[&str] = &[
    "OAUTHCTL_ISSUER",
    "OAUTHCTL_AUTH_URL",
    "OAUTHCTL_TOKEN_URL",
    "OAUTHCTL_DEVICE_URL",
    "OAUTHCTL_REVOCATION_URL",
    "OAUTHCTL_INTROSPECTION_URL",
    "OAUTHCTL_CLIENT_ID",
];

/// The commands the recogniser reads.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verb {
    Token,
    Curl,
}

impl Verb {
    const ALL: [Verb; 2] = [Verb::Token, Verb::Curl];

    /// The subcommand's name in cli.rs.
    fn name(self) -> &'static str {
        match self {
            Verb::Token => "token",
            Verb::Curl => "curl",
        }
    }

    fn named(word: &str) -> Option<Verb> {
        Verb::ALL.into_iter().find(|verb| verb.name() == word)
    }
}

/// The type of an option's field, which decides how clap parses its value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// `bool`, `ArgAction::SetTrue`: no value.
    Switch,
    Text,
    Path,
    Store,
    Output,
    /// `u64`, taken here in digits only.
    Secs,
}

/// Where an option may stand: anywhere (clap's `global`), or after one of
/// these commands.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scope {
    Global,
    After(&'static [Verb]),
}

/// An option as clap defines it in cli.rs.
#[derive(Debug)]
struct Flag {
    /// clap's id: the field's name, by which the test finds it in cli.rs.
    #[cfg_attr(not(test), allow(dead_code))]
    id: &'static str,
    long: &'static str,
    short: Option<char>,
    env: Option<&'static str>,
    kind: Kind,
    scope: Scope,
}

impl Flag {
    fn may_follow(&self, verb: Option<Verb>) -> bool {
        match self.scope {
            Scope::Global => true,
            Scope::After(verbs) => verb.is_some_and(|verb| verbs.contains(&verb)),
        }
    }
}

// Indexes into FLAGS (a test checks them), for building the typed args.
const PROFILE: usize = 0;
const CONFIG: usize = 1;
const STORE: usize = 2;
const HTTP_TIMEOUT: usize = 3;
const QUIET: usize = 4;
const OUTPUT: usize = 5;
const MIN_TTL: usize = 6;
const NO_LOGIN: usize = 7;

/// Every option the recogniser takes. Any other (`-v`, `--id-token`, a
/// provider option, `--help`) sends the command line to clap.
const FLAGS: [Flag; 8] = [
    Flag {
        id: "profile",
        long: "profile",
        short: Some('p'),
        env: Some("OAUTHCTL_PROFILE"),
        kind: Kind::Text,
        scope: Scope::Global,
    },
    Flag {
        id: "config",
        long: "config",
        short: None,
        env: Some("OAUTHCTL_CONFIG"),
        kind: Kind::Path,
        scope: Scope::Global,
    },
    Flag {
        id: "store",
        long: "store",
        short: None,
        env: Some("OAUTHCTL_STORE"),
        kind: Kind::Store,
        scope: Scope::Global,
    },
    Flag {
        id: "http_timeout",
        long: "http-timeout",
        short: None,
        env: Some("OAUTHCTL_HTTP_TIMEOUT"),
        kind: Kind::Secs,
        scope: Scope::Global,
    },
    Flag {
        id: "quiet",
        long: "quiet",
        short: Some('q'),
        env: None,
        kind: Kind::Switch,
        scope: Scope::Global,
    },
    Flag {
        id: "output",
        long: "output",
        short: Some('o'),
        env: None,
        kind: Kind::Output,
        scope: Scope::After(&[Verb::Token]),
    },
    Flag {
        id: "min_ttl",
        long: "min-ttl",
        short: None,
        env: None,
        kind: Kind::Secs,
        scope: Scope::After(&[Verb::Token, Verb::Curl]),
    },
    Flag {
        id: "no_login",
        long: "no-login",
        short: None,
        env: None,
        kind: Kind::Switch,
        scope: Scope::After(&[Verb::Token, Verb::Curl]),
    },
];

/// The command line as read: the command, each option's value in argv
/// (`""` for a switch), and `curl`'s arguments after its `--`.
struct Line<'a> {
    verb: Verb,
    given: [Option<&'a str>; FLAGS.len()],
    curl_args: &'a [&'a str],
}

/// An option's value, from argv or from its environment variable.
struct Value {
    text: String,
    on_command_line: bool,
}

/// What clap makes of `args` (argv, program name first) with the
/// environment `env`, when the recogniser is sure of it; `None` leaves the
/// command line to clap. It prints nothing and touches no file.
pub fn recognise(args: &[OsString], env: &dyn Fn(&str) -> Option<OsString>) -> Option<Cli> {
    if PROVIDER_ENV.iter().any(|name| env(name).is_some()) {
        return None;
    }
    // clap refuses what is not UTF-8 in all these fields but --config.
    let words: Vec<&str> = args
        .get(1..)?
        .iter()
        .map(|word| word.to_str())
        .collect::<Option<_>>()?;
    let line = read(&words)?;
    let values = with_environment(&line, env)?;
    let global = GlobalArgs {
        profile: text(&values, PROFILE),
        config: path(&values, CONFIG),
        store: store(&values, STORE)?,
        http_timeout: secs(&values, HTTP_TIMEOUT)?,
        verbose: 0,
        quiet: switch(&values, QUIET),
        profile_on_command_line: on_command_line(&values, PROFILE),
        store_on_command_line: on_command_line(&values, STORE),
        // Any provider option sends the call to clap.
        provider_on_command_line: false,
    };
    let command = match line.verb {
        Verb::Token => Command::Token(TokenArgs {
            provider: WithFlags {
                own: RenewFlags {
                    min_ttl: secs(&values, MIN_TTL)?,
                },
                shared: ProviderOptions::default(),
            },
            output: OutputArgs {
                output: output(&values, OUTPUT)?,
            },
            on_demand: OnDemandArgs {
                no_login: switch(&values, NO_LOGIN),
            },
            id_token: false,
            htm: None,
            htu: None,
        }),
        Verb::Curl => Command::Curl(CurlArgs {
            provider: WithFlags {
                own: CurlFlags {
                    token_in: None,
                    retry_rejected: false,
                    min_ttl: secs(&values, MIN_TTL)?,
                },
                shared: ProviderOptions::default(),
            },
            on_demand: OnDemandArgs {
                no_login: switch(&values, NO_LOGIN),
            },
            args: line.curl_args.iter().map(|&arg| arg.to_owned()).collect(),
        }),
    };
    Some(Cli { global, command })
}

/// `[OPTION...] token [OPTION...]` or `[OPTION...] curl [OPTION...] --
/// CURL_ARG...`, each option at most once, in the spellings `--name VALUE`,
/// `--name=VALUE`, `-x VALUE` and `-xVALUE`.
fn read<'a>(words: &'a [&'a str]) -> Option<Line<'a>> {
    let mut verb = None;
    let mut given = [None; FLAGS.len()];
    let mut rest = words.iter();
    while let Some(&word) = rest.next() {
        if verb.is_none()
            && let Some(named) = Verb::named(word)
        {
            verb = Some(named);
            continue;
        }
        if word == "--" {
            let curl_args = rest.as_slice();
            // `token --`, or `curl --` with nothing after it: clap's.
            return (verb == Some(Verb::Curl) && !curl_args.is_empty()).then_some(Line {
                verb: Verb::Curl,
                given,
                curl_args,
            });
        }
        let (index, inline) = option(word, verb)?;
        let value = match (FLAGS[index].kind, inline) {
            (Kind::Switch, None) => "",
            (Kind::Switch, Some(_)) => return None,
            (_, Some(value)) => value,
            (_, None) => rest.next()?,
        };
        // clap may read a value like `-q` as an option, or refuse it empty.
        if FLAGS[index].kind != Kind::Switch && (value.is_empty() || value.starts_with('-')) {
            return None;
        }
        // Given twice: clap refuses it, or (before and after the command)
        // takes the second; either way it is clap's to say.
        if given[index].replace(value).is_some() {
            return None;
        }
    }
    // `curl` without `--`, or no command at all.
    (verb == Some(Verb::Token)).then_some(Line {
        verb: Verb::Token,
        given,
        curl_args: &[],
    })
}

/// The option `word` names, as an index into [`FLAGS`], when it may stand
/// after `verb` (the command read so far), and the value it carries.
/// Clusters (`-qo json`) and `-x=VALUE` are clap's.
fn option(word: &str, verb: Option<Verb>) -> Option<(usize, Option<&str>)> {
    let (index, inline) = match word.strip_prefix("--") {
        Some(long) => {
            let (name, inline) = match long.split_once('=') {
                Some((name, value)) => (name, Some(value)),
                None => (long, None),
            };
            (FLAGS.iter().position(|flag| flag.long == name)?, inline)
        }
        None => {
            let short = word.strip_prefix('-')?;
            let letter = short.chars().next()?;
            let rest = &short[letter.len_utf8()..];
            if rest.starts_with('=') {
                return None;
            }
            let index = FLAGS.iter().position(|flag| flag.short == Some(letter))?;
            (index, (!rest.is_empty()).then_some(rest))
        }
    };
    FLAGS[index].may_follow(verb).then_some((index, inline))
}

/// Each option's value: from argv, else from its environment variable, as
/// clap takes it. clap parses a variable that is set even when argv gives
/// the option (for the level of the command line that lacks it), so one
/// that is empty, not UTF-8 or not a valid value sends the call to clap.
fn with_environment(line: &Line, env: &dyn Fn(&str) -> Option<OsString>) -> Option<Values> {
    let mut values: Values = Default::default();
    for (index, flag) in FLAGS.iter().enumerate() {
        let from_env = match flag.env.filter(|_| flag.may_follow(Some(line.verb))) {
            Some(name) => match env(name) {
                Some(text) => {
                    let text = text.into_string().ok()?;
                    if text.is_empty() || !valid(flag.kind, &text) {
                        return None;
                    }
                    Some(text)
                }
                None => None,
            },
            None => None,
        };
        values[index] = match (line.given[index], from_env) {
            (Some(text), _) => Some(Value {
                text: text.to_owned(),
                on_command_line: true,
            }),
            (None, Some(text)) => Some(Value {
                text,
                on_command_line: false,
            }),
            (None, None) => None,
        };
    }
    Some(values)
}

/// Whether the typed field can be made of `text` (what [`recognise`]
/// then does).
fn valid(kind: Kind, text: &str) -> bool {
    match kind {
        Kind::Switch => false,
        Kind::Text | Kind::Path => true,
        Kind::Store => StoreKind::from_str(text, false).is_ok(),
        Kind::Output => OutputFormat::from_str(text, false).is_ok(),
        Kind::Secs => digits(text).is_some(),
    }
}

/// Digits only: clap's `u64` parser also takes `+5`, which is left to it.
fn digits(text: &str) -> Option<u64> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

type Values = [Option<Value>; FLAGS.len()];

fn on_command_line(values: &Values, index: usize) -> bool {
    values[index]
        .as_ref()
        .is_some_and(|value| value.on_command_line)
}

fn text(values: &Values, index: usize) -> Option<String> {
    debug_assert_eq!(FLAGS[index].kind, Kind::Text);
    values[index].as_ref().map(|value| value.text.clone())
}

fn path(values: &Values, index: usize) -> Option<PathBuf> {
    debug_assert_eq!(FLAGS[index].kind, Kind::Path);
    values[index]
        .as_ref()
        .map(|value| PathBuf::from(&value.text))
}

fn switch(values: &Values, index: usize) -> bool {
    debug_assert_eq!(FLAGS[index].kind, Kind::Switch);
    values[index].is_some()
}

/// The outer `None`: a value clap refuses (or might); the inner: none given.
fn store(values: &Values, index: usize) -> Option<Option<StoreKind>> {
    debug_assert_eq!(FLAGS[index].kind, Kind::Store);
    value_enum(values[index].as_ref())
}

fn output(values: &Values, index: usize) -> Option<Option<OutputFormat>> {
    debug_assert_eq!(FLAGS[index].kind, Kind::Output);
    value_enum(values[index].as_ref())
}

/// clap's `EnumValueParser`, case-sensitive, as cli.rs declares them.
fn value_enum<E: ValueEnum>(value: Option<&Value>) -> Option<Option<E>> {
    match value {
        Some(value) => E::from_str(&value.text, false).ok().map(Some),
        None => Some(None),
    }
}

fn secs(values: &Values, index: usize) -> Option<Option<u64>> {
    debug_assert_eq!(FLAGS[index].kind, Kind::Secs);
    match &values[index] {
        Some(value) => digits(&value.text).map(Some),
        None => Some(None),
    }
}
