use super::Ctx;
use super::engine::{self, Slot, Want};
use crate::cli::TokenArgs;
use crate::output;
use crate::settings::Profile;
use anyhow::Result;

pub fn run(ctx: &Ctx, args: &TokenArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    let min_ttl = profile.min_ttl(args.min_ttl);
    let set = engine::obtain(
        ctx,
        &profile,
        &Slot::for_profile(&profile),
        Want::Fresh { min_ttl },
    )?;
    output::print(&output::render(
        &set,
        args.output.output.unwrap_or_default(),
    )?)
}
