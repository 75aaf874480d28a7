//! `oauthctl git-credential get|store|erase`: git's credential-helper
//! protocol (gitcredentials(7), git-credential(1)). git writes `key=value`
//! lines on stdin, ended by a blank line or EOF; `get` answers with lines of
//! the same form on stdout.
//!
//! The profile is the one named by `-p` on the command line, else the one
//! whose `git_hosts` holds the request's host; with none, nothing is printed
//! and git asks its next helper. A token goes out only over https (or plain
//! http to a loopback host), and only when it cannot break out of its line.

use super::Ctx;
use super::engine::{self, Slot, Want};
use super::on_demand::{self, Consent};
use crate::cli::{GitCredentialArgs, GitOperation};
use crate::config::ConfigFile;
use crate::error::usage;
use crate::output;
use crate::secret::Secret;
use crate::settings::Profile;
use anyhow::Result;
use std::io::{BufRead, Read};

/// git sends a few hundred bytes (a `wwwauth[]` header, another helper's
/// password for `erase`); anything near this is not git.
pub const MAX_INPUT: u64 = 64 * 1024;

/// The user name git is given when the profile has no `git_username`.
pub const DEFAULT_USERNAME: &str = "oauth2";

/// What git asked about: the keys oauthctl uses. Unknown keys
/// (`wwwauth[]`, `capability[]`, …) are read and ignored.
#[derive(Debug, Default)]
pub struct Request {
    pub protocol: Option<String>,
    pub host: Option<String>,
    /// The repository's path, sent when `credential.useHttpPath` is set.
    pub path: Option<String>,
    pub username: Option<String>,
    pub password: Option<Secret>,
}

impl Request {
    /// Reads lines until a blank line or EOF, strictly: a NUL byte, a line
    /// without `=`, a used key that is not UTF-8 or more than
    /// [`MAX_INPUT`] bytes are refused.
    pub fn read(input: impl Read) -> Result<Request, String> {
        let mut input = std::io::BufReader::new(input.take(MAX_INPUT + 1));
        let mut request = Request::default();
        let mut total = 0u64;
        let mut line = Vec::new();
        for number in 1.. {
            line.clear();
            let read = input
                .read_until(b'\n', &mut line)
                .map_err(|err| format!("cannot read stdin: {err}"))?;
            total += read as u64;
            if total > MAX_INPUT {
                return Err(format!(
                    "more than {} KiB on stdin, which git never sends",
                    MAX_INPUT / 1024
                ));
            }
            if read == 0 {
                break;
            }
            let text = line.strip_suffix(b"\n").unwrap_or(&line);
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            if text.is_empty() {
                break;
            }
            if text.contains(&0) {
                return Err(format!("line {number} holds a NUL byte"));
            }
            let Some(eq) = text.iter().position(|b| *b == b'=') else {
                return Err(format!("line {number} is not key=value"));
            };
            let (key, value) = (&text[..eq], &text[eq + 1..]);
            let slot = match key {
                b"protocol" => &mut request.protocol,
                b"host" => &mut request.host,
                b"path" => {
                    // Not checked as UTF-8: only its leading components
                    // are compared, with the UTF-8 prefixes of git_hosts.
                    request.path = Some(String::from_utf8_lossy(value).into_owned());
                    continue;
                }
                b"username" => &mut request.username,
                b"password" => {
                    request.password = Some(Secret::new(utf8(value, key, number)?));
                    continue;
                }
                _ => continue,
            };
            // As git does, a key given again replaces the earlier value.
            *slot = Some(utf8(value, key, number)?);
        }
        Ok(request)
    }

    /// The host as a URL origin (`https://HOST[:PORT]/`), when the request
    /// is for a protocol a token may travel over: https, or http to a
    /// loopback host.
    pub fn origin(&self) -> Option<url::Url> {
        // Only a scheme: `https://other#` would make the URL below name
        // another host, with git's host in its fragment.
        let protocol = self
            .protocol
            .as_deref()
            .filter(|p| p.eq_ignore_ascii_case("https") || p.eq_ignore_ascii_case("http"))?;
        let host = self.host.as_deref()?;
        let url = origin(protocol, host)?;
        match url.scheme() {
            "https" => Some(url),
            "http" if crate::oauth::http::is_loopback(&url) => Some(url),
            _ => None,
        }
    }
}

fn utf8(value: &[u8], key: &[u8], number: usize) -> Result<String, String> {
    String::from_utf8(value.to_vec()).map_err(|_| {
        format!(
            "line {number}: the {} is not UTF-8",
            String::from_utf8_lossy(key)
        )
    })
}

/// `PROTOCOL://HOST/` parsed, when HOST is a host with an optional port and
/// nothing else (no user, path or query).
fn origin(protocol: &str, host: &str) -> Option<url::Url> {
    if host.is_empty() || host.contains(['/', '?', '#', '@', '\\']) {
        return None;
    }
    let url = url::Url::parse(&format!("{protocol}://{host}/")).ok()?;
    (url.host_str().is_some() && url.path() == "/").then_some(url)
}

/// True when a `git_hosts` entry (`HOST` or `HOST:PORT`) names the
/// request's origin. Host names compare without case; a missing port is
/// the protocol's default.
pub fn host_matches(entry: &str, request: &url::Url) -> bool {
    let Some(entry) = origin(request.scheme(), entry.trim()) else {
        return false;
    };
    entry.host() == request.host()
        && entry.port_or_known_default() == request.port_or_known_default()
}

/// A `git_hosts` entry's host (`HOST[:PORT]`) and the components of its
/// path prefix (none for a bare host).
pub fn split_entry(entry: &str) -> (&str, Vec<&str>) {
    let entry = entry.trim();
    match entry.split_once('/') {
        Some((host, prefix)) => (host, prefix.split('/').filter(|c| !c.is_empty()).collect()),
        None => (entry, Vec::new()),
    }
}

/// How well a `git_hosts` entry fits a request: `None` when it does not;
/// else the number of path components of its prefix (`github.com/acme/`
/// is 1, a bare host 0), so that the longest match wins. A prefix matches
/// whole components of the path git sends (with `credential.useHttpPath`),
/// and nothing when git sends none.
pub fn entry_fits(entry: &str, request: &url::Url, path: Option<&str>) -> Option<usize> {
    let (host, wanted) = split_entry(entry);
    if !host_matches(host, request) {
        return None;
    }
    if wanted.is_empty() {
        return Some(0);
    }
    let mut components = path?.split('/').filter(|c| !c.is_empty());
    // Paths compare exactly: GitHub and GitLab names are case-insensitive,
    // but a looser match could send one account's token to another's repo.
    wanted
        .iter()
        .all(|want| components.next() == Some(want))
        .then_some(wanted.len())
}

pub fn run(ctx: &Ctx, args: &GitCredentialArgs) -> Result<()> {
    let request = match args.operation {
        GitOperation::Get | GitOperation::Erase => Request::read(std::io::stdin().lock())
            .map_err(|why| anyhow::anyhow!("git-credential: refusing the input from git: {why}"))?,
        // Read (so that git never writes into a closed pipe), then ignored.
        GitOperation::Store | GitOperation::Other(_) => {
            let _ = std::io::copy(
                &mut std::io::stdin().lock().take(MAX_INPUT),
                &mut std::io::sink(),
            );
            return Ok(());
        }
    };
    let Some(origin) = request.origin() else {
        if request.protocol.as_deref() == Some("http") && ctx.globals.profile_on_command_line {
            log::warn!(
                "git-credential: not sending a token over plain http to {}: use https",
                request.host.as_deref().unwrap_or("?")
            );
        }
        return Ok(());
    };
    let Some(profile) = pick_profile(ctx, args, &origin, request.path.as_deref())? else {
        log::debug!("no profile has {origin} in its git_hosts");
        return Ok(());
    };
    let slot = Slot::for_profile(&profile);
    match args.operation {
        GitOperation::Get => get(ctx, args, &profile, &slot),
        GitOperation::Erase => {
            let refused = request.password.as_ref().map(Secret::expose);
            if engine::expire_access_token(ctx, &profile, &slot, refused)? {
                ctx.note(&format!(
                    "oauthctl: git says the token for profile {} was refused; the next one will be renewed",
                    profile.name
                ));
            }
            Ok(())
        }
        GitOperation::Store | GitOperation::Other(_) => Ok(()),
    }
}

fn get(ctx: &Ctx, args: &GitCredentialArgs, profile: &Profile, slot: &Slot) -> Result<()> {
    let username = profile.git_username.as_deref().unwrap_or(DEFAULT_USERNAME);
    if username.is_empty() || username.chars().any(char::is_control) {
        return Err(usage(format!(
            "profile {}: git_username must be a non-empty name without control characters",
            profile.name
        )));
    }
    let min_ttl = profile.min_ttl();
    let consent = Consent::of(args.on_demand.no_login, profile);
    let set = on_demand::obtain(ctx, profile, slot, Want::Fresh { min_ttl }, consent)?;
    // The checked token is visible ASCII: it cannot end its line early.
    let (_, token) = output::token_without_proof(&set, "handing it to git")?;
    let mut answer = format!("username={username}\npassword={token}\n");
    if let Some(at) = set.expires_at {
        answer.push_str(&format!("password_expiry_utc={at}\n"));
    }
    output::print(&answer)
}

/// `-p` from the command line wins (the user configured the helper for
/// this host); else the profile whose `git_hosts` entry fits the request
/// best. The environment's $OAUTHCTL_PROFILE is not enough: a helper
/// configured for every host must not hand that profile's token to all of
/// them.
fn pick_profile(
    ctx: &Ctx,
    args: &GitCredentialArgs,
    origin: &url::Url,
    path: Option<&str>,
) -> Result<Option<Profile>> {
    profile_for_host(ctx, &args.provider, "git_hosts", |options| {
        options
            .git_hosts
            .iter()
            .filter_map(|entry| entry_fits(entry, origin, path))
            .max()
    })
}

/// The profile whose `key` entries (`git_hosts`, `docker_registries`) fit
/// best, by `fit` (the longest path prefix): `-p` when given on the command
/// line; else the one best fit; among equals the one the current
/// directory's `[[match]]` rule or `default_profile` names; else none.
pub fn profile_for_host(
    ctx: &Ctx,
    provider: &crate::options::ProviderOptions,
    key: &str,
    fit: impl Fn(&crate::options::ProviderOptions) -> Option<usize>,
) -> Result<Option<Profile>> {
    if ctx.globals.profile_on_command_line {
        return Profile::resolve(&ctx.globals, provider).map(Some);
    }
    let file = ConfigFile::load(&ctx.globals.config_path, ctx.globals.config_explicit)?;
    let fits: Vec<(&String, usize)> = file
        .profiles
        .iter()
        .filter_map(|(name, options)| fit(options).map(|score| (name, score)))
        .collect();
    let Some(best) = fits.iter().map(|(_, score)| *score).max() else {
        return Ok(None);
    };
    let matching: Vec<&String> = fits
        .into_iter()
        .filter(|(_, score)| *score == best)
        .map(|(name, _)| name)
        .collect();
    let name = match matching[..] {
        [one] => one.clone(),
        _ => {
            let globals = crate::settings::Globals {
                profile: None,
                ..ctx.globals.clone()
            };
            let (here, _) = crate::settings::choose_profile(&globals, &file, false)?;
            if !matching.contains(&&here) {
                return Err(usage(format!(
                    "profiles {} all list this host in {key}: keep it in one, give a path prefix (`HOST/ORG/`), add a [[match]] rule for this directory, or give -p",
                    matching
                        .iter()
                        .map(|n| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )));
            }
            here
        }
    };
    Profile::resolve(&ctx.globals.with_profile(&name), provider).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Result<Request, String> {
        Request::read(text)
    }

    #[test]
    fn reads_until_a_blank_line_and_ignores_unknown_keys() {
        let request = read(
            b"protocol=https\nhost=git.example.com:8443\npath=a/b.git\nwwwauth[]=Basic realm=\"x\"\ncapability[]=authtype\nusername=alice\npassword=p=w\n\nhost=later\n",
        )
        .unwrap();
        assert_eq!(request.protocol.as_deref(), Some("https"));
        assert_eq!(request.host.as_deref(), Some("git.example.com:8443"));
        assert_eq!(request.username.as_deref(), Some("alice"));
        assert_eq!(request.password.unwrap().expose(), "p=w");
        let request = read(b"protocol=https\r\nhost=h\r\n").unwrap();
        assert_eq!(request.host.as_deref(), Some("h"));
    }

    #[test]
    fn refuses_nul_lines_without_equals_and_floods() {
        assert!(read(b"protocol=https\nhost=a\0b\n").is_err());
        assert!(read(b"protocol=https\nnonsense\n").is_err());
        assert!(read(b"host=\xff\n").is_err());
        // Unknown keys are ignored, even when they are not UTF-8.
        assert!(read(b"path=\xff\nhost=h\n").is_ok());
        let flood = "path=x\n".repeat(20_000);
        assert!(read(flood.as_bytes()).unwrap_err().contains("KiB"));
        assert!(read(b"").is_ok());
    }

    fn request(protocol: &str, host: &str) -> Request {
        Request {
            protocol: Some(protocol.into()),
            host: Some(host.into()),
            ..Request::default()
        }
    }

    #[test]
    fn tokens_go_only_over_https_or_loopback_http() {
        assert!(request("https", "git.example.com").origin().is_some());
        assert!(request("http", "127.0.0.1:8080").origin().is_some());
        assert!(request("http", "localhost").origin().is_some());
        assert!(request("http", "git.example.com").origin().is_none());
        assert!(request("ssh", "git.example.com").origin().is_none());
        assert!(request("https", "evil.com/x").origin().is_none());
        assert!(request("https", "user@git.example.com").origin().is_none());
        assert!(request("https", "").origin().is_none());
        assert_eq!(
            request("https://evil.example#", "git.example.com").origin(),
            None
        );
        assert_eq!(
            request("HTTPS", "git.example.com")
                .origin()
                .unwrap()
                .as_str(),
            "https://git.example.com/"
        );
        assert!(Request::default().origin().is_none());
    }

    #[test]
    fn a_path_prefix_fits_whole_components_and_longer_fits_better() {
        let origin = request("https", "git.example.com").origin().unwrap();
        assert_eq!(entry_fits("git.example.com", &origin, None), Some(0));
        assert_eq!(
            entry_fits("git.example.com", &origin, Some("a/b.git")),
            Some(0)
        );
        assert_eq!(
            entry_fits("git.example.com/acme/", &origin, Some("acme/b.git")),
            Some(1)
        );
        assert_eq!(
            entry_fits("git.example.com/acme", &origin, Some("acme/b.git")),
            Some(1)
        );
        assert_eq!(
            entry_fits(
                "git.example.com/acme/team/",
                &origin,
                Some("acme/team/b.git")
            ),
            Some(2)
        );
        assert_eq!(
            entry_fits("git.example.com/acme/", &origin, Some("acmecorp/b.git")),
            None
        );
        assert_eq!(
            entry_fits("git.example.com/acme/", &origin, Some("ACME/b.git")),
            None
        );
        assert_eq!(entry_fits("git.example.com/acme/", &origin, None), None);
        assert_eq!(
            entry_fits("other.example.com/acme/", &origin, Some("acme/b.git")),
            None
        );
    }

    #[test]
    fn hosts_match_without_case_and_with_default_ports() {
        let origin = |host: &str| request("https", host).origin().unwrap();
        assert!(host_matches("Git.Example.com", &origin("git.example.com")));
        assert!(host_matches(
            "git.example.com",
            &origin("git.example.com:443")
        ));
        assert!(host_matches(
            "git.example.com:443",
            &origin("git.example.com")
        ));
        assert!(host_matches(
            "git.example.com:8443",
            &origin("git.example.com:8443")
        ));
        assert!(!host_matches(
            "git.example.com",
            &origin("git.example.com:8443")
        ));
        assert!(!host_matches("example.com", &origin("git.example.com")));
        assert!(!host_matches(
            "git.example.com.evil",
            &origin("git.example.com")
        ));
        assert!(!host_matches("", &origin("git.example.com")));
        assert!(host_matches(
            "[::1]:8080",
            &request("http", "[::1]:8080").origin().unwrap()
        ));
    }
}
