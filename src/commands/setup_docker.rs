//! `oauthctl setup docker --registry HOST -p PROFILE`: docker (and podman,
//! buildah, crane, which read the same file) asks `docker-credential-oauthctl`
//! for HOST's credentials, through `credHelpers` in its config file. The
//! file is docker's: every other key stays, a backup of it is kept beside
//! it, and it is replaced atomically with its mode.

use super::Ctx;
use super::docker_credential::{host_port, registry_origin};
use crate::cli::SetupDockerArgs;
use crate::error::usage;
use anyhow::{Context, Result};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// The helper name docker turns into `docker-credential-oauthctl`.
const HELPER: &str = "oauthctl";

pub fn run(ctx: &Ctx, args: &SetupDockerArgs) -> Result<()> {
    let Some(profile) = ctx.globals.profile.as_deref() else {
        return Err(usage(
            "setup docker needs the profile whose tokens docker gets: give -p PROFILE",
        ));
    };
    let registries = args
        .registry
        .iter()
        .map(|r| registry_host(r))
        .collect::<Result<Vec<_>>>()?;
    // The profile first: docker runs the helper without -p, and it finds
    // the profile by its `docker_registries`.
    super::profile::add_to_list(
        &ctx.globals.config_path,
        profile,
        "docker_registries",
        &registries,
    )?;
    let path = match &args.docker_config {
        Some(path) => path.clone(),
        None => default_config()?,
    };
    let backup = write_helpers(&path, &registries)?;
    ctx.note(&format!(
        "docker now asks oauthctl (profile {profile}) for the credentials of {}: credHelpers in {}{}",
        registries.join(", "),
        path.display(),
        backup
            .map(|b| format!(" (the previous file is {})", b.display()))
            .unwrap_or_default()
    ));
    if !helper_on_path() {
        log::warn!(
            "docker runs `docker-credential-oauthctl`, which is not on PATH: link it next to oauthctl, e.g. ln -s \"$(command -v oauthctl)\" ~/.local/bin/docker-credential-oauthctl"
        );
    }
    Ok(())
}

/// `HOST` or `HOST:PORT`, as docker names a registry in `credHelpers`.
fn registry_host(registry: &str) -> Result<String> {
    let origin = registry_origin(registry).ok_or_else(|| {
        usage(format!(
            "--registry {registry}: give a registry host (HOST or HOST:PORT), reached over https"
        ))
    })?;
    Ok(host_port(&origin))
}

/// `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`.
fn default_config() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("DOCKER_CONFIG").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir).join("config.json"));
    }
    let home = dirs::home_dir().context("no home directory: give --docker-config FILE")?;
    Ok(home.join(".docker").join("config.json"))
}

/// Sets `credHelpers[REGISTRY] = "oauthctl"` for each registry, keeping the
/// rest; returns the backup's path when there was a file to back up.
fn write_helpers(path: &Path, registries: &[String]) -> Result<Option<PathBuf>> {
    let existing = match std::fs::read(path) {
        Ok(bytes) => Some(bytes),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    let mut config: Map<String, Value> = match &existing {
        Some(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => Map::new(),
        Some(bytes) => serde_json::from_slice(bytes).map_err(|err| {
            usage(format!(
                "{} is not JSON docker reads ({err}): fix it, or give another with --docker-config",
                path.display()
            ))
        })?,
        None => Map::new(),
    };
    let helpers = config
        .entry("credHelpers")
        .or_insert_with(|| Value::Object(Map::new()))
        .as_object_mut()
        .ok_or_else(|| {
            usage(format!(
                "credHelpers in {} is not an object",
                path.display()
            ))
        })?;
    for registry in registries {
        helpers.insert(registry.clone(), Value::String(HELPER.to_owned()));
    }
    let mut text = serde_json::to_vec_pretty(&Value::Object(config))?;
    text.push(b'\n');
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let backup = match existing {
        Some(bytes) => {
            let backup = path.with_extension("json.bak");
            std::fs::write(&backup, bytes)
                .with_context(|| format!("cannot write the backup {}", backup.display()))?;
            keep_mode(path, &backup);
            Some(backup)
        }
        None => None,
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("cannot create a temp file in {}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, &text)
        .with_context(|| format!("cannot write {}", path.display()))?;
    // A new file is 0600 (tempfile's), an existing one keeps its mode.
    keep_mode(path, tmp.path());
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(backup)
}

/// Gives `to` the permissions of `from`, when `from` exists.
fn keep_mode(from: &Path, to: &Path) {
    if let Ok(meta) = std::fs::metadata(from) {
        let _ = std::fs::set_permissions(to, meta.permissions());
    }
}

fn helper_on_path() -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            [
                "docker-credential-oauthctl",
                "docker-credential-oauthctl.exe",
            ]
            .iter()
            .any(|name| dir.join(name).is_file())
        })
    })
}
