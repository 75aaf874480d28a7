//! `oauthctl profile add|list|show|remove`: edit the config file without
//! hand-writing TOML. toml_edit keeps the user's comments and layout.

use super::Ctx;
use crate::cli::{ProfileAddArgs, ProfileCommand};
use crate::config::ConfigFile;
use crate::error::usage;
use crate::options::{CommandLineOptions, ProviderOptions};
use crate::output;
use crate::presets::Preset;
use anyhow::{Context, Result};
use std::path::Path;
use toml_edit::{Array, DocumentMut, Item, Table, value};

pub fn run(ctx: &Ctx, command: &ProfileCommand) -> Result<()> {
    let path = &ctx.globals.config_path;
    match command {
        ProfileCommand::Add(args) => add(ctx, path, args),
        ProfileCommand::List { names } => list(ctx, path, *names),
        ProfileCommand::Show { name } => show(ctx, path, name.as_deref()),
        ProfileCommand::Remove { name } => remove(ctx, path, name),
    }
}

fn load(path: &Path) -> Result<DocumentMut> {
    let text = match crate::config::read_text(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err).with_context(|| format!("cannot read {}", path.display())),
    };
    // The strict parser gives the one-line, line-numbered error.
    ConfigFile::parse(&text).map_err(|message| crate::config::ConfigError {
        path: path.display().to_string(),
        message,
    })?;
    text.parse::<DocumentMut>()
        .with_context(|| format!("cannot parse {}", path.display()))
}

fn save(path: &Path, doc: &DocumentMut) -> Result<()> {
    let text = doc.to_string();
    ConfigFile::parse(&text)
        .map_err(|message| anyhow::anyhow!("the edited config would be invalid: {message}"))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn profiles_table(doc: &mut DocumentMut) -> Result<&mut Table> {
    let profiles = doc
        .entry("profiles")
        .or_insert_with(|| {
            let mut table = Table::new();
            table.set_implicit(true);
            Item::Table(table)
        })
        .as_table_mut()
        .ok_or_else(|| usage("`profiles` in the config file is not a table"))?;
    Ok(profiles)
}

fn add(ctx: &Ctx, path: &Path, args: &ProfileAddArgs) -> Result<()> {
    if args.provider.client_secret.is_some() {
        return Err(usage(
            "profile add never writes a secret into the config file: use --client-secret-env VAR, --client-secret-file PATH or --client-secret-cmd CMD",
        ));
    }
    let options = new_profile(ctx, args)?;
    let mut doc = load(path)?;
    let existed;
    {
        let profiles = profiles_table(&mut doc)?;
        existed = profiles.contains_key(&args.name);
        let table = profiles
            .entry(&args.name)
            .or_insert_with(|| Item::Table(Table::new()))
            .as_table_mut()
            .ok_or_else(|| usage(format!("profiles.{} is not a table", args.name)))?;
        for (key, item) in profile_keys(&options)? {
            table.insert(&key, item);
        }
    }
    if args.default {
        doc.insert("default_profile", value(args.name.clone()));
    }
    save(path, &doc)?;
    ctx.note(&format!(
        "{} profile {} in {}",
        if existed { "Updated" } else { "Added" },
        args.name,
        path.display()
    ));
    if let Some((preset, _)) = preset(args)? {
        for line in preset.advice(&args.name, &options) {
            ctx.note(&line);
        }
    }
    Ok(())
}

/// The row `--preset` names, and the `--url` its alias stands for.
fn preset(args: &ProfileAddArgs) -> Result<Option<(&'static Preset, Option<&'static str>)>> {
    args.preset
        .as_deref()
        .map(|name| {
            crate::presets::find(name).ok_or_else(|| {
                usage(format!(
                    "no preset {name}: see `oauthctl profile add --help`"
                ))
            })
        })
        .transpose()
}

/// The profile `profile add` writes: its provider options, the keys only it
/// takes, `--store` when given on its command line, the scopes one per
/// entry and every path absolute. Refused before anything is written when a
/// URL is no URL or a credential file is not there.
fn new_profile(ctx: &Ctx, args: &ProfileAddArgs) -> Result<ProviderOptions> {
    let mut options = args.provider.options().into_owned();
    if ctx.globals.store_on_command_line {
        options.store = ctx.globals.store;
    }
    if let Some((preset, alias_url)) = preset(args)? {
        let place = crate::presets::Place {
            tenant: args.tenant.clone(),
            domain: args.domain.clone(),
            url: args.url.clone(),
            realm: args.realm.clone(),
        };
        options = preset.apply(alias_url, &place, options)?;
    }
    options.scopes = options
        .scopes
        .iter()
        .flat_map(|s| s.split_whitespace())
        .map(str::to_owned)
        .collect();
    options.check_urls()?;
    for (flag, file) in options.credential_files() {
        if let Some(file) = file.filter(|f| !f.exists()) {
            return Err(usage(format!(
                "{flag} {}: no such file (give the path of a file that exists; a relative one is relative to the current directory)",
                file.display()
            )));
        }
    }
    for file in options.paths_mut().into_iter().flatten() {
        *file = std::path::absolute(&*file).unwrap_or_else(|_| file.clone());
    }
    Ok(options)
}

/// `options` as profile keys, in declaration order: what serde writes,
/// without the unset (empty lists, false switches), and tables inline.
fn profile_keys(options: &ProviderOptions) -> Result<Vec<(String, Item)>> {
    let text = toml::to_string(options).context("cannot write the profile as TOML")?;
    let written: DocumentMut = text
        .parse()
        .context("cannot read back the profile's TOML")?;
    let mut keys = Vec::new();
    for (key, item) in written.iter() {
        let item = match item.clone() {
            Item::Table(table) if table.is_empty() => continue,
            Item::Table(table) => {
                Item::Value(toml_edit::Value::InlineTable(table.into_inline_table()))
            }
            Item::Value(toml_edit::Value::Array(list)) if list.is_empty() => continue,
            Item::Value(toml_edit::Value::Boolean(flag)) if !*flag.value() => continue,
            other => other,
        };
        keys.push((key.to_owned(), item));
    }
    Ok(keys)
}

/// Adds `items` to the list `key` of profile `name`, which must exist, once
/// each, keeping the file's comments and order.
pub fn add_to_list(path: &Path, name: &str, key: &str, items: &[String]) -> Result<()> {
    let mut doc = load(path)?;
    {
        let table = profiles_table(&mut doc)?
            .get_mut(name)
            .and_then(Item::as_table_mut)
            .ok_or_else(|| {
                usage(format!(
                    "profile {name} is not in {}: add it first (`oauthctl profile add {name} …`)",
                    path.display()
                ))
            })?;
        let list = table
            .entry(key)
            .or_insert_with(|| value(Array::new()))
            .as_array_mut()
            .ok_or_else(|| usage(format!("profiles.{name}.{key} is not a list")))?;
        for item in items {
            if !list.iter().any(|v| v.as_str() == Some(item)) {
                list.push(item.as_str());
            }
        }
    }
    save(path, &doc)
}

/// Writes what a login found out (a discovered issuer, a registered client
/// id) into profile `name`, keeping the file's comments and order.
pub fn save_found(
    path: &Path,
    name: &str,
    keys: &[(&str, String)],
    scopes: &[String],
) -> Result<()> {
    let mut doc = load(path)?;
    {
        let profiles = profiles_table(&mut doc)?;
        let table = profiles
            .entry(name)
            .or_insert_with(|| Item::Table(Table::new()))
            .as_table_mut()
            .ok_or_else(|| usage(format!("profiles.{name} is not a table")))?;
        for (key, found) in keys {
            table.insert(key, value(found.clone()));
        }
        if !scopes.is_empty() && !table.contains_key("scopes") {
            let list: Array = scopes.iter().collect();
            table.insert("scopes", value(list));
        }
    }
    save(path, &doc)
}

fn list(ctx: &Ctx, path: &Path, names_only: bool) -> Result<()> {
    let file = ConfigFile::load(path, ctx.globals.config_explicit)?;
    if names_only {
        let names: String = file.profiles.keys().map(|n| format!("{n}\n")).collect();
        return output::print(&names);
    }
    let default = file
        .default_profile
        .clone()
        .unwrap_or_else(|| "default".to_owned());
    let mut text = String::new();
    for name in file.profiles.keys() {
        let marker = if *name == default { "* " } else { "  " };
        text.push_str(&format!("{marker}{name}\n"));
    }
    if file.profiles.is_empty() {
        ctx.note(
            "No profiles yet: add one with `oauthctl profile add NAME --issuer URL --client-id ID`",
        );
    }
    output::print(&text)
}

fn show(ctx: &Ctx, path: &Path, name: Option<&str>) -> Result<()> {
    let doc = load(path)?;
    let file = ConfigFile::load(path, ctx.globals.config_explicit)?;
    let name = name
        .map(str::to_owned)
        .or_else(|| ctx.globals.profile.clone())
        .or(file.default_profile)
        .unwrap_or_else(|| "default".to_owned());
    let table = doc
        .get("profiles")
        .and_then(|p| p.get(&name))
        .and_then(Item::as_table)
        .ok_or_else(|| usage(format!("no profile {name} in {}", path.display())))?;
    let mut shown = table.clone();
    if shown.contains_key("client_secret") {
        shown.insert("client_secret", value("<redacted>"));
    }
    // A password in a URL (refused when used, but it may be in the file)
    // is not printed either.
    for (key, item) in table.iter() {
        if let Some(raw) = item.as_str()
            && let Ok(url) = url::Url::parse(raw)
            && (url.password().is_some() || !url.username().is_empty())
        {
            let mut clean = url.clone();
            let _ = clean.set_username("");
            let _ = clean.set_password(None);
            shown.insert(
                key,
                value(format!("{clean} (credentials in the URL redacted)")),
            );
        }
    }
    let mut out = DocumentMut::new();
    let mut profiles = Table::new();
    profiles.set_implicit(true);
    profiles.insert(&name, Item::Table(shown));
    out.insert("profiles", Item::Table(profiles));
    output::print(&out.to_string())
}

fn remove(ctx: &Ctx, path: &Path, name: &str) -> Result<()> {
    let mut doc = load(path)?;
    let removed = doc
        .get_mut("profiles")
        .and_then(Item::as_table_mut)
        .and_then(|t| t.remove(name))
        .is_some();
    if !removed {
        return Err(usage(format!("no profile {name} in {}", path.display())));
    }
    if doc.get("default_profile").and_then(Item::as_str) == Some(name) {
        doc.remove("default_profile");
    }
    save(path, &doc)?;
    ctx.note(&format!(
        "Removed profile {name}; its tokens stay stored until `oauthctl logout -p {name}`"
    ));
    Ok(())
}
