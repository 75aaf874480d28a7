//! `oauthctl profile add|list|show|remove`: edit the config file without
//! hand-writing TOML. toml_edit keeps the user's comments and layout.

use super::Ctx;
use crate::cli::{ProfileAddArgs, ProfileCommand};
use crate::config::ConfigFile;
use crate::error::usage;
use crate::output;
use anyhow::{Context, Result};
use std::path::Path;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, value};

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
    let p = &args.provider;
    if p.client_secret.is_some() {
        return Err(usage(
            "profile add never writes a secret into the config file: use --client-secret-env VAR, --client-secret-file PATH or --client-secret-cmd CMD",
        ));
    }
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
        let mut set = |key: &str, val: Option<String>| {
            if let Some(v) = val {
                table.insert(key, value(v));
            }
        };
        set("issuer", p.issuer.clone());
        set("resource_url", p.resource_url.clone());
        set("auth_url", p.auth_url.clone());
        set("token_url", p.token_url.clone());
        set("device_url", p.device_url.clone());
        set("revocation_url", p.revocation_url.clone());
        set("introspection_url", p.introspection_url.clone());
        set("client_id", p.client_id.clone());
        set("client_secret_env", args.client_secret_env.clone());
        set("client_secret_cmd", args.client_secret_cmd.clone());
        set(
            "client_secret_file",
            p.client_secret_file.as_ref().map(|f| absolute(f)),
        );
        set(
            "credentials_file",
            p.credentials_file.as_ref().map(|f| absolute(f)),
        );
        set("client_auth", p.client_auth.map(|a| a.name().to_owned()));
        set("client_key", p.client_key.as_ref().map(|f| absolute(f)));
        set("client_key_id", p.client_key_id.clone());
        set(
            "client_key_alg",
            p.client_key_alg.map(|a| a.name().to_owned()),
        );
        set(
            "client_assertion_aud",
            p.client_assertion_aud.map(|a| a.name().to_owned()),
        );
        set("cacert", p.cacert.as_ref().map(|f| absolute(f)));
        set("client_cert", p.client_cert.as_ref().map(|f| absolute(f)));
        set(
            "client_cert_key",
            p.client_cert_key.as_ref().map(|f| absolute(f)),
        );
        set(
            "client_assertion_file",
            p.client_assertion_file.as_ref().map(|f| absolute(f)),
        );
        set("client_assertion_env", p.client_assertion_env.clone());
        set("client_assertion_cmd", p.client_assertion_cmd.clone());
        set("client_assertion", p.client_assertion.clone());
        set(
            "assertion_file",
            p.assertion_file.as_ref().map(|f| absolute(f)),
        );
        set("body", p.body.map(|b| b.name().to_owned()));
        set("audience", p.audience.clone());
        set("resource", p.resource.clone());
        set(
            "grant",
            p.grant.as_ref().map(|g| match g {
                crate::oauth::types::GrantKind::JwtBearer => "jwt_bearer".to_owned(),
                other => other.as_str().to_owned(),
            }),
        );
        set("token_in", args.token_in.map(|t| t.name().to_owned()));
        set("redirect_uri", args.redirect_uri.clone());
        if p.dpop {
            table.insert("dpop", value(true));
        }
        if p.par {
            table.insert("par", value(true));
        }
        if !p.scopes.is_empty() {
            let scopes: Array = p.scopes.iter().flat_map(|s| s.split_whitespace()).collect();
            table.insert("scopes", value(scopes));
        }
        for (key, raw) in [("params", &p.params), ("auth_params", &p.auth_params)] {
            if raw.is_empty() {
                continue;
            }
            let mut inline = InlineTable::new();
            for (k, v) in raw.iter() {
                inline.insert(k, v.as_str().into());
            }
            table.insert(key, value(inline));
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
    Ok(())
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

fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
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
