//! `oauthctl demo` (being written).
use super::Ctx;
use crate::cli::DemoArgs;
use anyhow::Result;

pub fn run(_ctx: &Ctx, _args: &DemoArgs) -> Result<()> {
    anyhow::bail!("the demo is being written")
}
