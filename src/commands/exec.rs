//! `oauthctl exec -- CMD ARGS…`: any program, with a fresh token in its
//! environment. Never in its argv, which every user on the machine can read
//! (`ps`); an environment is readable only by the same user and root.
//!
//! On Unix the program *replaces* oauthctl, as with `curl`: its signals,
//! terminal and exit code are its own. Elsewhere oauthctl waits for it and
//! exits with its code.

use super::Ctx;
use super::engine::{Slot, Want};
use super::on_demand::{self, Consent};
use crate::cli::ExecArgs;
use crate::output;
use crate::settings::Profile;
use anyhow::{Context, Result};
use std::process::Command;

/// The exit codes shells use for a command that is not there (127) or that
/// cannot be run (126), so that scripts read them as they would without oauthctl.
const NOT_FOUND: u8 = 127;
const NOT_EXECUTABLE: u8 = 126;

pub fn run(ctx: &Ctx, args: &ExecArgs) -> Result<u8> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    let min_ttl = profile.min_ttl();
    let set = on_demand::obtain_with_scopes(
        ctx,
        &profile,
        &Slot::for_profile(&profile),
        Want::Fresh { min_ttl },
        Consent::of(args.on_demand.no_login, &profile),
        &args.provider.scopes,
    )?;
    // Checked on the way out, as for stdout: a token with a newline in it
    // could be read back by the program as more than one value.
    let (_, token) = output::checked_token(&set)?;
    if set.is_dpop_bound() {
        log::warn!(
            "the token is DPoP-bound: the command can use it only with DPoP proofs, which need a key only oauthctl holds (use `oauthctl curl` or `oauthctl token -o header --htm … --htu …`)"
        );
    }
    let (program, rest) = args
        .command
        .split_first()
        .context("no command given: oauthctl exec -- CMD ARGS…")?;
    let mut command = Command::new(program);
    crate::settings::without_secrets(&mut command)
        .args(rest)
        .env(&args.env_name, token);

    #[cfg(unix)]
    let err = {
        use std::os::unix::process::CommandExt;
        command.exec()
    };
    #[cfg(not(unix))]
    let err = match command.status() {
        Ok(status) => return Ok(status.code().unwrap_or(1).clamp(0, 255) as u8),
        Err(err) => err,
    };
    let name = program.to_string_lossy();
    let code = match err.kind() {
        std::io::ErrorKind::NotFound => NOT_FOUND,
        _ => NOT_EXECUTABLE,
    };
    crate::diag::say!("oauthctl: error: cannot run {name}: {err}");
    Ok(code)
}
