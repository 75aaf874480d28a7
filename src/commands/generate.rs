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
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "oauthctl", &mut script);
    let script = String::from_utf8_lossy(&script);
    out.extend_from_slice(complete_profile_names(shell, &script).as_bytes());
}

/// What lists the profiles for completion: the config file's names, or
/// nothing when there is no oauthctl or no config (never an error shown).
const PROFILE_NAMES: &str = "oauthctl profile list --names 2>/dev/null";

/// clap's scripts complete `-p NAME` with file names; a profile name is what
/// goes there. clap_complete has no stable hook for values computed at
/// completion time, so the generated script is edited where it offers files
/// for `-p`/`--profile`, and the completions tests run the result.
fn complete_profile_names(shell: clap_complete::Shell, script: &str) -> String {
    use clap_complete::Shell;
    match shell {
        Shell::Bash => {
            let mut edited = String::with_capacity(script.len());
            let mut lines = script.lines().peekable();
            while let Some(line) = lines.next() {
                edited.push_str(line);
                edited.push('\n');
                let trimmed = line.trim();
                if (trimmed == "--profile)" || trimmed == "-p)")
                    && let Some(next) = lines.peek()
                    && next.trim() == r#"COMPREPLY=($(compgen -f "${cur}"))"#
                {
                    let indent = &next[..next.len() - next.trim_start().len()];
                    edited.push_str(&format!(
                        "{indent}COMPREPLY=($(compgen -W \"$({PROFILE_NAMES})\" -- \"${{cur}}\"))\n"
                    ));
                    lines.next();
                }
            }
            edited
        }
        Shell::Zsh => {
            let function = format!(
                "(( $+functions[_oauthctl_profiles] )) ||\n_oauthctl_profiles() {{\n    local -a profiles\n    profiles=(${{(f)\"$({PROFILE_NAMES})\"}})\n    _describe -t profiles 'profile' profiles\n}}\n\n"
            );
            let edited = script
                .lines()
                .map(|line| {
                    if (line.starts_with("'-p+[") || line.starts_with("'--profile=["))
                        && line.contains(":NAME:_default'")
                    {
                        line.replace(":NAME:_default'", ":NAME:_oauthctl_profiles'")
                    } else {
                        line.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            // After the #compdef line, before the function that uses it.
            match edited.split_once('\n') {
                Some((first, rest)) => format!("{first}\n\n{function}{rest}\n"),
                None => edited,
            }
        }
        Shell::Fish => {
            script
                .lines()
                .map(|line| {
                    if line.contains(" -s p -l profile ") && line.ends_with(" -r") {
                        format!("{line} -f -a \"({PROFILE_NAMES})\"")
                    } else {
                        line.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        }
        _ => script.to_owned(),
    }
}

/// oauthctl.1 plus oauthctl-SUB.1 for each visible subcommand, and
/// oauthctl-SUB-SUBSUB.1 below those (`profile add`, `setup kubectl`), so that
/// every page a SUBCOMMANDS section names exists.
pub fn man_pages(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // The plain version: the long one names a commit, and the pages are
    // committed.
    let mut command = Cli::command().long_version(None::<&'static str>);
    command.build();
    write_tree(dir, "oauthctl", "oauthctl", &command, None)
}

fn write_tree(
    dir: &Path,
    page: &str,
    invocation: &str,
    command: &clap::Command,
    parent: Option<&str>,
) -> Result<()> {
    let children: Vec<&clap::Command> = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .collect();
    let mut see_also: Vec<String> = parent.map(str::to_owned).into_iter().collect();
    see_also.extend(children.iter().map(|c| format!("{page}-{}", c.get_name())));
    write_page(
        dir,
        page,
        command
            .clone()
            .name(page.to_owned())
            .bin_name(invocation.to_owned()),
        &see_also,
    )?;
    for child in children {
        write_tree(
            dir,
            &format!("{page}-{}", child.get_name()),
            &format!("{invocation} {}", child.get_name()),
            child,
            Some(page),
        )?;
    }
    Ok(())
}

fn write_page(dir: &Path, name: &str, command: clap::Command, see_also: &[String]) -> Result<()> {
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    if command.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut page)?;
    }
    if command.has_subcommands() {
        man.render_subcommands_section(&mut page)?;
    }
    if command.get_after_long_help().is_some() || command.get_after_help().is_some() {
        man.render_extra_section(&mut page)?;
    }
    // Every page, not just oauthctl(1): a script's author reads the page
    // of the command the script runs.
    page.extend_from_slice(b".SH \"EXIT STATUS\"\n");
    for (code, meaning) in crate::exit::Exit::TABLE {
        page.extend_from_slice(format!(".TP\n\\fB{code}\\fR\n{}\n", roff_text(meaning)).as_bytes());
    }
    if name == "oauthctl-curl" || name == "oauthctl-exec" {
        page.extend_from_slice(b".PP\nOtherwise the exit code of the program it runs.\n");
    }
    if !see_also.is_empty() {
        page.extend_from_slice(b".SH \"SEE ALSO\"\n");
        let refs: Vec<String> = see_also.iter().map(|p| format!("\\fB{p}\\fR(1)")).collect();
        page.extend_from_slice(format!("{}\n", refs.join(", ")).as_bytes());
    }
    if command.get_version().is_some() {
        man.render_version_section(&mut page)?;
    }
    let path = dir.join(format!("{name}.1"));
    std::fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))
}

/// Text for a roff line: a backslash is an escape, and a leading `.` or `'`
/// a request.
fn roff_text(text: &str) -> String {
    let escaped = text.replace('\\', "\\e");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}
