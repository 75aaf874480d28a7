//! `oauthctl token` and `oauthctl curl` without building the command-line
//! parser: scripts call them in loops, so they should cost about what
//! starting a process costs, and clap building its whole command tree is
//! most of the rest (issue 9).
//!
//! It understands only the plain forms: `token` with `-p`, `-o`,
//! `--min-ttl`, `--config`, `--store`, `-q`, and `curl` with the same but
//! `-o`, its curl arguments after `--`. Anything else (another command, any
//! other option, `--help`, a provider option in the environment, nothing
//! stored, a profile whose curl takes the token in the query or retries, a
//! DPoP-bound token, any error before the store is read) returns `None`
//! before anything is printed, and the full parser takes over. A stored
//! token that needs renewing is handed to the `token` or `curl` command
//! itself, as the parser would have called it: behaviour and messages stay
//! those of the full path, which runs the same resolution code.
use crate::cli::{GlobalArgs, OutputFormat};
use crate::commands::Ctx;
use crate::commands::engine::Slot;
use crate::options::ProviderOptions;
use crate::settings::{Globals, Profile};
use crate::store::StoreKind;
use clap::ValueEnum;
use std::ffi::OsString;
use std::path::PathBuf;

/// The provider options that clap fills from the environment. With one of
/// them set, the full parser must see it (it changes the profile, and so the
/// store key); a test checks this list against the clap definition.
pub const PROVIDER_ENV: &[&str] = &[
    "OAUTHCTL_ISSUER",
    "OAUTHCTL_AUTH_URL",
    "OAUTHCTL_TOKEN_URL",
    "OAUTHCTL_DEVICE_URL",
    "OAUTHCTL_REVOCATION_URL",
    "OAUTHCTL_INTROSPECTION_URL",
    "OAUTHCTL_CLIENT_ID",
];

#[derive(Default)]
struct Request {
    profile: Option<String>,
    config: Option<PathBuf>,
    store: Option<StoreKind>,
    quiet: bool,
    command: Option<Verb>,
    output: Option<OutputFormat>,
    min_ttl: Option<u64>,
    /// `curl`'s arguments, everything after its `--`.
    curl_args: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Verb {
    Token,
    Curl,
}

/// The exit code when the call was served here; `None` to parse it fully.
/// A `curl` served here does not return: curl replaces oauthctl.
pub fn serve(args: &[OsString]) -> Option<u8> {
    let request = parse(args)?;
    let env = |name: &str| match std::env::var(name) {
        Ok(value) if !value.is_empty() => Some(Some(value)),
        Ok(_) => None,
        Err(std::env::VarError::NotPresent) => Some(None),
        Err(std::env::VarError::NotUnicode(_)) => None,
    };
    if PROVIDER_ENV
        .iter()
        .any(|name| std::env::var_os(name).is_some())
    {
        return None;
    }
    // A flag wins over its variable, which is then not even read.
    let profile_on_command_line = request.profile.is_some();
    let global = GlobalArgs {
        profile: match request.profile {
            Some(profile) => Some(profile),
            None => env("OAUTHCTL_PROFILE")?,
        },
        config: match request.config {
            Some(config) => Some(config),
            None => env("OAUTHCTL_CONFIG")?.map(PathBuf::from),
        },
        store: match request.store {
            Some(store) => Some(store),
            None => match env("OAUTHCTL_STORE")? {
                Some(value) => Some(StoreKind::from_str(&value, false).ok()?),
                None => None,
            },
        },
        http_timeout: match env("OAUTHCTL_HTTP_TIMEOUT")? {
            Some(value) => Some(value.parse().ok()?),
            None => None,
        },
        verbose: 0,
        quiet: request.quiet,
        profile_on_command_line,
        store_on_command_line: false,
        provider_on_command_line: false,
    };
    crate::init_logging(0, request.quiet);
    let globals = Globals::from_args(&global).ok()?;
    let ctx = Ctx::new(globals, request.quiet);
    let profile = Profile::resolve(&ctx.globals, &ProviderOptions::default()).ok()?;
    let slot = Slot::for_profile(&profile);
    let set = ctx.store_for(&profile).ok()?.peek(&slot.key).ok()??;
    if !set.is_fresh(profile.min_ttl(request.min_ttl)) {
        // A renewal, or a wait for another process's: the command itself,
        // just without clap (with 50 callers on an expiring token, the
        // parser would be most of their cost). From here on this call is
        // served, errors included: nothing is tried twice.
        return Some(renew(
            &ctx,
            request.command,
            request.output,
            request.min_ttl,
            request.curl_args,
        ));
    }
    if request.command == Some(Verb::Curl) {
        return curl(&profile, &set, &request.curl_args);
    }
    let text = crate::output::render(&set, request.output.unwrap_or_default()).ok()?;
    Some(match crate::output::print(&text) {
        Ok(()) => crate::exit::Exit::Ok as u8,
        Err(err) => {
            crate::diag::say!("oauthctl: error: {err:#}");
            crate::exit::Exit::Failure as u8
        }
    })
}

/// `token` or `curl` as the full parser would have run them: every option
/// the fast parse accepts has its field here, the rest their defaults.
fn renew(
    ctx: &Ctx,
    command: Option<Verb>,
    output: Option<OutputFormat>,
    min_ttl: Option<u64>,
    curl_args: Vec<String>,
) -> u8 {
    let output = crate::cli::OutputArgs { output };
    let result = match command {
        Some(Verb::Curl) => crate::commands::curl::run(
            ctx,
            &crate::cli::CurlArgs {
                provider: ProviderOptions::default(),
                min_ttl,
                token_in: None,
                retry_rejected: false,
                args: curl_args,
            },
        )
        .map(|exit| exit.0),
        _ => crate::commands::token::run(
            ctx,
            &crate::cli::TokenArgs {
                provider: ProviderOptions::default(),
                output,
                min_ttl,
                id_token: false,
                htm: None,
                htu: None,
            },
        )
        .map(|()| 0),
    };
    crate::finish(result)
}

/// Header mode without the retry: what the full path would exec too.
#[cfg(unix)]
fn curl(profile: &Profile, set: &crate::store::TokenSet, args: &[String]) -> Option<u8> {
    use crate::commands::curl;
    use crate::options::TokenIn;
    if profile.token_in.is_some_and(|t| t != TokenIn::Header)
        || profile.retry_rejected == Some(true)
        || set.is_dpop_bound()
    {
        return None;
    }
    let program = curl::find_curl().ok()?;
    // Back here only when curl could not be started: the full path says why.
    let curl::TooLargeForPipe = curl::exec(
        &program,
        args,
        set,
        TokenIn::Header,
        curl::client_cert(profile),
        None,
    )
    .ok()?;
    None
}

#[cfg(not(unix))]
fn curl(_: &Profile, _: &crate::store::TokenSet, _: &[String]) -> Option<u8> {
    None
}

/// `[GLOBAL...] token [OPTION...]` or `[GLOBAL...] curl [OPTION...] --
/// CURL_ARG...`, in any of clap's spellings of the options it knows
/// (`-p X`, `-pX`, `--profile X`, `--profile=X`).
fn parse(args: &[OsString]) -> Option<Request> {
    let mut request = Request::default();
    let mut words = args.iter().skip(1).map(|a| a.to_str());
    while let Some(word) = words.next() {
        let word = word?;
        if request.command.is_none() {
            let verb = match word {
                "token" => Some(Verb::Token),
                "curl" => Some(Verb::Curl),
                _ => None,
            };
            if verb.is_some() {
                request.command = verb;
                continue;
            }
        }
        if word == "--" && request.command == Some(Verb::Curl) {
            request.curl_args = words.map(|w| w.map(str::to_owned)).collect::<Option<_>>()?;
            if request.curl_args.is_empty() {
                return None;
            }
            return Some(request);
        }
        let seen_command = request.command.is_some();
        let is_token = request.command == Some(Verb::Token);
        let (flag, inline) = split_option(word)?;
        let mut value = || match &inline {
            Some(value) => Some(value.clone()),
            None => words.next()?.map(str::to_owned),
        };
        match flag {
            "-p" | "--profile" => request.profile = Some(value()?),
            "--config" => request.config = Some(PathBuf::from(value()?)),
            "--store" => request.store = Some(StoreKind::from_str(&value()?, false).ok()?),
            "-q" | "--quiet" if inline.is_none() => request.quiet = true,
            "-o" | "--output" if is_token => {
                request.output = Some(OutputFormat::from_str(&value()?, false).ok()?);
            }
            "--min-ttl" if seen_command => request.min_ttl = Some(value()?.parse().ok()?),
            _ => return None,
        }
        // A value that looks like an option is clap's to judge.
        if request
            .profile
            .as_deref()
            .is_some_and(|p| p.starts_with('-') || p.is_empty())
        {
            return None;
        }
    }
    // `curl` without `--` is the full parser's to judge.
    (request.command == Some(Verb::Token)).then_some(request)
}

/// `--name=value` → (`--name`, value); `-pX` → (`-p`, `X`); a plain word
/// (not an option) → `None`.
fn split_option(word: &str) -> Option<(&str, Option<String>)> {
    if let Some(long) = word.strip_prefix("--") {
        if long.is_empty() {
            return None;
        }
        return Some(match word.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (word, None),
        });
    }
    let short = word.strip_prefix('-')?;
    let mut chars = short.chars();
    let letter = chars.next()?;
    let rest = chars.as_str();
    let flag = &word[..1 + letter.len_utf8()];
    Some((
        flag,
        (!rest.is_empty()).then(|| rest.strip_prefix('=').unwrap_or(rest).to_owned()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(line: &str) -> Option<Request> {
        let args: Vec<OsString> = std::iter::once("oauthctl")
            .chain(line.split_whitespace())
            .map(OsString::from)
            .collect();
        parse(&args)
    }

    #[test]
    fn the_plain_forms_are_understood() {
        for line in [
            "token",
            "token -p work",
            "-p work token",
            "token --profile=work -o header",
            "token -pwork -oheader --min-ttl 30",
            "--store file --config /x/c.toml token -q",
            "token -p work -o exec-credential",
        ] {
            assert!(parsed(line).is_some(), "{line}");
        }
        let r = parsed("-p a token -o json --min-ttl=5").unwrap();
        assert_eq!(r.profile.as_deref(), Some("a"));
        assert_eq!(r.output, Some(OutputFormat::Json));
        assert_eq!(r.min_ttl, Some(5));
    }

    #[test]
    fn curl_is_understood_up_to_its_double_dash() {
        let r = parsed("-p a curl --min-ttl 30 -- -sS -p x https://api").unwrap();
        assert_eq!(r.command, Some(Verb::Curl));
        assert_eq!(r.profile.as_deref(), Some("a"));
        assert_eq!(r.min_ttl, Some(30));
        assert_eq!(r.curl_args, ["-sS", "-p", "x", "https://api"]);
        for line in [
            "curl",
            "curl --",
            "curl https://api",
            "curl -sS https://api",
            "curl -o json -- https://api",
            "curl --token-in query -- https://api",
            "curl --retry-rejected -- https://api",
            "curl --scope x -- https://api",
            "token -- https://api",
            "-- curl https://api",
        ] {
            assert!(parsed(line).is_none(), "{line}");
        }
    }

    #[test]
    fn every_environment_variable_of_tokens_options_is_known() {
        use clap::CommandFactory;
        let cli = crate::cli::Cli::command();
        let token = cli.find_subcommand("token").expect("a token command");
        let mut from_clap: Vec<String> = token
            .get_arguments()
            .chain(cli.get_arguments())
            .filter_map(|arg| arg.get_env())
            .map(|name| name.to_string_lossy().into_owned())
            .collect();
        from_clap.sort();
        let mut known: Vec<String> = PROVIDER_ENV
            .iter()
            .chain(
                [
                    "OAUTHCTL_PROFILE",
                    "OAUTHCTL_CONFIG",
                    "OAUTHCTL_STORE",
                    "OAUTHCTL_HTTP_TIMEOUT",
                ]
                .iter(),
            )
            .map(|s| s.to_string())
            .collect();
        known.sort();
        assert_eq!(
            from_clap, known,
            "fast::PROVIDER_ENV is out of step with the clap definition"
        );
    }

    #[test]
    fn everything_else_goes_to_the_full_parser() {
        for line in [
            "",
            "refresh",
            "token --help",
            "token -h",
            "token --token-url https://x",
            "token -o yaml",
            "token --min-ttl soon",
            "token token",
            "token -p",
            "token -p --min-ttl",
            "-o raw token",
            "token -v",
            "token extra",
            "token --",
            "--store nowhere token",
            // The id_token's freshness is the full path's to judge.
            "token --id-token",
            "token -o exec-credential --id-token",
        ] {
            assert!(parsed(line).is_none(), "{line}");
        }
    }
}
