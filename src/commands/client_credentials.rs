use super::Ctx;
use super::engine::{self, Slot, Want};
use crate::cli::ClientCredentialsArgs;
use crate::output;
use crate::settings::Profile;
use anyhow::Result;

pub fn run(ctx: &Ctx, args: &ClientCredentialsArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    let slot = Slot::client_credentials(&profile);
    let want = if args.force {
        Want::MintedAnew
    } else {
        Want::Fresh {
            min_ttl: profile.min_ttl(),
        }
    };
    let set = engine::obtain(ctx, &profile, &slot, want)?;
    output::print(&output::render(
        &set,
        args.output.output.unwrap_or_default(),
    )?)
}
