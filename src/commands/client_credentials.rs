use super::Ctx;
use super::engine::{self, Slot};
use crate::cli::ClientCredentialsArgs;
use crate::output;
use crate::settings::Profile;
use anyhow::Result;

pub fn run(ctx: &Ctx, args: &ClientCredentialsArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    let slot = Slot::client_credentials(&profile);
    let set = if args.force {
        engine::force_renew(ctx, &profile, &slot, true)?
    } else {
        let min_ttl = args.min_ttl.or(profile.min_ttl).unwrap_or(60);
        engine::fresh_token(ctx, &profile, &slot, min_ttl)?
    };
    output::print(&output::render(
        &set,
        args.output.output.unwrap_or_default(),
    )?)
}
