use super::Ctx;
use super::engine::{self, Slot, Want};
use crate::cli::RefreshArgs;
use crate::output;
use crate::settings::Profile;
use anyhow::Result;

pub fn run(ctx: &Ctx, args: &RefreshArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    let set = engine::obtain(ctx, &profile, &Slot::for_profile(&profile), Want::Renewed)?;
    ctx.note(&format!(
        "Refreshed the token for profile {} ({})",
        profile.name,
        output::describe_expiry(&set)
    ));
    output::print(&output::render(
        &set,
        args.output.output.unwrap_or_default(),
    )?)
}
