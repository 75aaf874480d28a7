//! `oauthctl status`: what is stored for each profile. Never prints a token.

use super::Ctx;
use super::engine::Slot;
use crate::cli::{StatusArgs, StatusFormat};
use crate::config::ConfigFile;
use crate::options::ProviderOptions;
use crate::output;
use crate::settings::Profile;
use crate::store::TokenSet;
use anyhow::Result;
use serde_json::json;

pub fn run(ctx: &Ctx, args: &StatusArgs) -> Result<()> {
    let file = ConfigFile::load(&ctx.globals.config_path, ctx.globals.config_explicit)?;
    // The profile a command without -p would use here, and what chose it.
    let (default, chosen_by) = crate::settings::choose_profile(&ctx.globals, &file, false)?;
    let chosen_by = chosen_by.describe();
    let mut names: Vec<String> = file.profiles.keys().cloned().collect();
    // A profile named with -p but not in the file is a typo (usage error),
    // not a phantom line.
    if let Some(named) = &ctx.globals.profile
        && !names.contains(named)
    {
        Profile::resolve(&ctx.globals, &ProviderOptions::default())?;
        names.insert(0, named.clone());
    }
    let mut rows = Vec::new();
    for name in &names {
        let globals = ctx.globals.with_profile(name);
        let profile = match Profile::resolve(&globals, &ProviderOptions::default()) {
            Ok(profile) => profile,
            Err(err) => {
                rows.push(Row {
                    name: name.clone(),
                    chosen_by: (*name == default).then(|| chosen_by.clone()),
                    set: None,
                    grant: None,
                    problem: Some(format!("{err:#}")),
                    store: ctx.store()?.kind(),
                });
                continue;
            }
        };
        let slot = Slot::for_profile(&profile);
        let store = ctx.store_for(&profile)?;
        // Status must not fail because one entry is unreadable.
        let set = match store.load(&slot.key) {
            Ok(set) => set,
            Err(err) => {
                log::warn!("profile {name}: {err:#}");
                store.peek(&slot.key).unwrap_or(None)
            }
        };
        let store_name = if set.is_some() {
            store.holder(&slot.key)
        } else {
            store.kind()
        };
        rows.push(Row {
            name: name.clone(),
            chosen_by: (*name == default).then(|| chosen_by.clone()),
            set,
            grant: profile.grant.as_ref().map(ToString::to_string),
            problem: None,
            store: store_name,
        });
    }
    match args.output.unwrap_or_default() {
        StatusFormat::Json => {
            let list: Vec<_> = rows.iter().map(|row| row.json()).collect();
            output::print(&format!("{:#}\n", serde_json::Value::Array(list)))
        }
        StatusFormat::Text => {
            let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
            let mut text = String::new();
            for row in &rows {
                text.push_str(&row.line(width));
                text.push('\n');
            }
            text.push_str(&protections(&rows));
            if file.profiles.is_empty() {
                ctx.note("No profiles in the config file yet: add one with `oauthctl profile add NAME --issuer URL --client-id ID`");
            }
            output::print(&text)
        }
    }
}

struct Row {
    name: String,
    /// For the profile commands use here: what chose it (`-p`, a
    /// `[[match]]` rule, `default_profile`).
    chosen_by: Option<String>,
    set: Option<TokenSet>,
    grant: Option<String>,
    /// A profile that cannot be resolved is shown, not fatal.
    problem: Option<String>,
    /// Where its tokens really are (with `--store auto`, the keychain or the files).
    store: &'static str,
}

impl Row {
    fn subject(&self) -> Option<String> {
        let set = self.set.as_ref()?;
        [set.id_token.as_ref(), Some(&set.access_token)]
            .into_iter()
            .flatten()
            .find_map(|t| {
                crate::jwt::decode(t.expose()).and_then(|j| crate::jwt::subject(&j.claims))
            })
    }

    fn line(&self, width: usize) -> String {
        let marker = if self.chosen_by.is_some() { "*" } else { " " };
        let mut line = format!("{marker} {:width$}  ", self.name);
        if let Some(problem) = &self.problem {
            line.push_str(&format!("unusable: {problem}"));
            return line;
        }
        match &self.set {
            None => line.push_str("not logged in"),
            Some(set) => {
                line.push_str("logged in");
                if let Some(who) = self.subject() {
                    line.push_str(&format!(" as {who}"));
                }
                line.push_str(&format!(", {}", output::describe_expiry(set)));
                let lifetime = super::lifetime::describe(set);
                if set.refresh_rejected {
                    line.push_str(&format!(
                        ", refresh token rejected by the provider: run `oauthctl login -p {}`",
                        self.name
                    ));
                } else if set.refresh_token.is_some() && set.refresh_expired() {
                    line.push_str(&format!(
                        ", {}: run `oauthctl login -p {}`",
                        lifetime.unwrap_or_default(),
                        self.name
                    ));
                } else if set.refresh_token.is_some() {
                    line.push_str(", refreshable");
                    if let Some(lifetime) = lifetime {
                        line.push_str(&format!(", {lifetime}"));
                    }
                }
                if let Some(scope) = &set.scope {
                    line.push_str(&format!(", scopes: {scope}"));
                }
                if let Some(asked) = asked_beyond_granted(set) {
                    line.push_str(&format!(" (asked for: {asked})"));
                }
            }
        }
        if let Some(grant) = &self.grant {
            line.push_str(&format!(", grant: {grant}"));
        }
        line.push_str(&format!(", store: {}", self.store));
        if let Some(by) = &self.chosen_by {
            line.push_str(&format!(", used here (chosen by {by})"));
        }
        line
    }

    fn json(&self) -> serde_json::Value {
        let set = self.set.as_ref();
        json!({
            "profile": self.name,
            "default": self.chosen_by.is_some(),
            "chosen_by": self.chosen_by,
            "logged_in": set.is_some(),
            "subject": self.subject(),
            "expires_at": set.and_then(|s| s.expires_at).map(output::rfc3339),
            "expires_in": set.and_then(|s| s.seconds_left()),
            "scope": set.and_then(|s| s.scope.clone()),
            "requested_scope": set.and_then(|s| s.requested_scope.clone()),
            "refreshable": set.is_some_and(|s| {
                s.refresh_token.is_some() && !s.refresh_rejected && !s.refresh_expired()
            }),
            "refresh_expires_at": set.and_then(|s| s.refresh_expires_at).map(output::rfc3339),
            "refresh_expires_in": set.and_then(|s| s.refresh_seconds_left()),
            "refresh_rejected": set.is_some_and(|s| s.refresh_rejected),
            "grant": self.grant,
            "store": self.store,
            "store_protects": protection(self.store),
            "error": self.problem,
        })
    }
}

/// The scope a login asked for, when the server granted another; one that
/// says nothing granted what was asked (RFC 6749 §5.1). Order and repeats
/// are no difference.
fn asked_beyond_granted(set: &crate::store::TokenSet) -> Option<&str> {
    let asked = set.requested_scope.as_deref()?;
    fn words(s: &str) -> std::collections::BTreeSet<&str> {
        s.split_whitespace().collect()
    }
    let granted = set.scope.as_deref()?;
    (words(asked) != words(granted)).then_some(asked)
}

/// What a store keeps the tokens safe from, in plain words (README
/// "Storage" says the same). `store` is a store's kind, or where `auto`
/// found the tokens.
fn protection(store: &str) -> Option<&'static str> {
    Some(match store {
        "keyring" => {
            "encrypted on disk by the OS keychain, out of other users' reach; while it is unlocked, programs running as you can read it (macOS asks you first); the access token alone is also in a 0600 cache file"
        }
        "file" => {
            "plain JSON in 0600 files: out of other users' reach, but programs running as you can read it, and so can anyone with the disk or a backup of it"
        }
        "rescue file" => {
            "a save that failed, kept in a 0600 file (the file store's protection) until the store takes it back"
        }
        "kernel" => {
            "in kernel memory, never on disk: out of other users' reach, but programs running as you can read it; gone at reboot"
        }
        "kernel+file" => {
            "in kernel memory, plus a 0600 file copy that outlives a reboot: on disk, the file store's protection"
        }
        "none" => "nothing is kept",
        _ => return None,
    })
}

/// One line per store the rows name, after a blank line.
fn protections(rows: &[Row]) -> String {
    let mut stores: Vec<&str> = Vec::new();
    for row in rows {
        if !stores.contains(&row.store) {
            stores.push(row.store);
        }
    }
    let mut text = String::new();
    for store in stores {
        if let Some(what) = protection(store) {
            text.push_str(&format!("store {store}: {what}\n"));
        }
    }
    if text.is_empty() {
        text
    } else {
        format!("\n{text}")
    }
}
