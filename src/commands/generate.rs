//! `oauthctl generate`: what `completions/` and `man/` hold, from the clap definition.

use crate::cli::{Cli, GenerateCommand};
use anyhow::{Context, Result};
use clap::CommandFactory;
use std::path::Path;

pub fn run(command: &GenerateCommand) -> Result<()> {
    match command {
        GenerateCommand::Completions { shell } => {
            let mut out = Vec::new();
            completions(*shell, &mut out);
            crate::output::print(&String::from_utf8_lossy(&out))
        }
        GenerateCommand::Man { dir } => man_pages(dir),
    }
}

pub fn completions(shell: clap_complete::Shell, out: &mut Vec<u8>) {
    clap_complete::generate(shell, &mut Cli::command(), "oauthctl", out);
}

/// oauthctl.1 plus oauthctl-SUBCOMMAND.1 for each visible subcommand.
pub fn man_pages(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let command = Cli::command();
    write_page(dir, "oauthctl", command.clone())?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("oauthctl-{}", sub.get_name());
        write_page(dir, &name, sub.clone().name(name.clone()))?;
    }
    Ok(())
}

fn write_page(dir: &Path, name: &str, command: clap::Command) -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))
}
