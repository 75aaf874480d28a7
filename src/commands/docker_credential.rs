//! `oauthctl docker-credential get|store|erase|list|version`: the protocol of
//! docker-credential-helpers, which docker (and podman, buildah, crane…)
//! speak to `docker-credential-NAME` for the registries named in the
//! `credHelpers` of `~/.docker/config.json`. The binary answers the same way
//! when it is invoked under that name (a symlink `docker-credential-oauthctl`).
//!
//! `get` reads a server URL on stdin and prints `{"ServerURL", "Username",
//! "Secret"}` with a fresh access token as the secret; a registry no profile
//! lists gets the protocol's "credentials not found" answer, so docker goes on
//! without credentials. `erase` (a `docker logout`) drops the cached access
//! token, keeping the refresh token; `store` takes nothing, since the
//! credentials are oauthctl's to mint; `list` names the registries profiles
//! list.

use super::Ctx;
use super::engine::{self, Slot, Want};
use super::git_credential::{host_matches, profile_for_host};
use super::on_demand::{self, Consent};
use crate::cli::{DockerCredentialArgs, DockerOperation};
use crate::config::ConfigFile;
use crate::output;
use anyhow::{Context, Result};
use std::io::Read;

/// docker recognises exactly this text as "no credentials" (and then pulls
/// anonymously) rather than as a failure of the helper.
pub const NOT_FOUND: &str = "credentials not found in native keychain";
/// A server URL or a stored credential is a few hundred bytes.
const MAX_INPUT: u64 = 64 * 1024;
pub const DEFAULT_USERNAME: &str = "oauth2accesstoken";

/// The exit code: 0, or 1 with the reason on stdout, where docker reads it.
pub fn run(ctx: &Ctx, args: &DockerCredentialArgs) -> Result<u8> {
    match args.operation {
        DockerOperation::Version => {
            output::print(concat!("oauthctl ", env!("CARGO_PKG_VERSION"), "\n"))?;
            Ok(0)
        }
        DockerOperation::Store => {
            // Read to the end so docker's write never fails on a closed pipe.
            let _ = std::io::copy(
                &mut std::io::stdin().lock().take(MAX_INPUT),
                &mut std::io::sink(),
            );
            Ok(0)
        }
        DockerOperation::List => list(ctx),
        DockerOperation::Get | DockerOperation::Erase => {
            let server = read_server_url()?;
            let Some(origin) = registry_origin(&server) else {
                return not_found();
            };
            let Some(profile) =
                profile_for_host(ctx, &args.provider, "docker_registries", |options| {
                    options
                        .docker_registries
                        .iter()
                        .any(|registry| host_matches(registry, &origin))
                        .then_some(0)
                })?
            else {
                return not_found();
            };
            let slot = Slot::for_profile(&profile);
            if args.operation == DockerOperation::Erase {
                engine::expire_access_token(ctx, &profile, &slot, None)?;
                return Ok(0);
            }
            let username = profile
                .docker_username
                .as_deref()
                .unwrap_or(DEFAULT_USERNAME);
            let min_ttl = profile.min_ttl();
            let consent = Consent::of(args.on_demand.no_login, &profile);
            let set =
                match on_demand::obtain(ctx, &profile, &slot, Want::Fresh { min_ttl }, consent) {
                    Ok(set) => set,
                    Err(err) => {
                        // docker shows the helper's stdout; oauthctl's own line
                        // goes to stderr as always.
                        let _ = output::print(&format!("{}\n", one_line(&format!("{err:#}"))));
                        return Err(err);
                    }
                };
            let (_, token) = output::token_without_proof(&set, "handing it to docker")?;
            let answer = serde_json::json!({
                "ServerURL": server,
                "Username": username,
                "Secret": token,
            });
            output::print(&format!("{answer}\n"))?;
            Ok(0)
        }
    }
}

fn not_found() -> Result<u8> {
    output::print(&format!("{NOT_FOUND}\n"))?;
    Ok(1)
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn read_server_url() -> Result<String> {
    read_server_url_from(std::io::stdin().lock())
}

/// The server URL docker writes on the helper's stdin: UTF-8, at most
/// 64 KiB, without the whitespace around it.
pub fn read_server_url_from(input: impl Read) -> Result<String> {
    let mut text = String::new();
    input
        .take(MAX_INPUT + 1)
        .read_to_string(&mut text)
        .context("docker-credential: cannot read the server URL on stdin")?;
    if text.len() as u64 > MAX_INPUT {
        anyhow::bail!("docker-credential: more than 64 KiB on stdin, which docker never sends");
    }
    Ok(text.trim().to_owned())
}

/// `https://HOST[:PORT]/` of a server URL as docker sends it: with or
/// without a scheme (`registry.example.com`, `https://index.docker.io/v1/`).
/// Plain http only to a loopback registry: a token never goes out in clear.
pub fn registry_origin(server: &str) -> Option<url::Url> {
    if server.is_empty() || server.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let with_scheme = if server.contains("://") {
        server.to_owned()
    } else {
        format!("https://{server}")
    };
    let url = url::Url::parse(&with_scheme).ok()?;
    if url.host_str().is_none() || !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    let origin = url::Url::parse(&format!("{}://{}/", url.scheme(), host_port(&url))).ok()?;
    match origin.scheme() {
        "https" => Some(origin),
        "http" if crate::oauth::http::is_loopback(&origin) => Some(origin),
        _ => None,
    }
}

/// `HOST` or `HOST:PORT`, as docker names a registry.
pub fn host_port(url: &url::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    }
}

/// `{"https://REGISTRY": "USERNAME", …}` for every registry a profile lists.
fn list(ctx: &Ctx) -> Result<u8> {
    let file = ConfigFile::load(&ctx.globals.config_path, ctx.globals.config_explicit)?;
    let mut servers = serde_json::Map::new();
    for options in file.profiles.values() {
        let username = options
            .docker_username
            .clone()
            .unwrap_or_else(|| DEFAULT_USERNAME.to_owned());
        for registry in &options.docker_registries {
            if let Some(origin) = registry_origin(registry) {
                let server = origin.as_str().trim_end_matches('/').to_owned();
                servers.insert(server, serde_json::Value::String(username.clone()));
            }
        }
    }
    output::print(&format!("{}\n", serde_json::Value::Object(servers)))?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls_in_dockers_spellings() {
        let origin = |s: &str| registry_origin(s).map(|u| u.to_string());
        assert_eq!(
            origin("registry.example.com").as_deref(),
            Some("https://registry.example.com/")
        );
        assert_eq!(
            origin("https://index.docker.io/v1/").as_deref(),
            Some("https://index.docker.io/")
        );
        assert_eq!(
            origin("registry.example.com:5000").as_deref(),
            Some("https://registry.example.com:5000/")
        );
        assert_eq!(
            origin("http://127.0.0.1:5000").as_deref(),
            Some("http://127.0.0.1:5000/")
        );
        for refused in [
            "",
            "http://registry.example.com",
            "https://user:pw@registry.example.com",
            "registry example.com",
            "ftp://registry.example.com",
        ] {
            assert_eq!(origin(refused), None, "{refused}");
        }
    }
}
