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
    let default = ctx
        .globals
        .profile
        .clone()
        .or(file.default_profile.clone())
        .unwrap_or_else(|| "default".to_owned());
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
                    is_default: *name == default,
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
            is_default: *name == default,
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
            if file.profiles.is_empty() {
                ctx.note("No profiles in the config file yet: add one with `oauthctl profile add NAME --issuer URL --client-id ID`");
            }
            output::print(&text)
        }
    }
}

struct Row {
    name: String,
    is_default: bool,
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
        let marker = if self.is_default { "*" } else { " " };
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
            }
        }
        if let Some(grant) = &self.grant {
            line.push_str(&format!(", grant: {grant}"));
        }
        line.push_str(&format!(", store: {}", self.store));
        line
    }

    fn json(&self) -> serde_json::Value {
        let set = self.set.as_ref();
        json!({
            "profile": self.name,
            "default": self.is_default,
            "logged_in": set.is_some(),
            "subject": self.subject(),
            "expires_at": set.and_then(|s| s.expires_at).map(output::rfc3339),
            "expires_in": set.and_then(|s| s.seconds_left()),
            "scope": set.and_then(|s| s.scope.clone()),
            "refreshable": set.is_some_and(|s| {
                s.refresh_token.is_some() && !s.refresh_rejected && !s.refresh_expired()
            }),
            "refresh_expires_at": set.and_then(|s| s.refresh_expires_at).map(output::rfc3339),
            "refresh_expires_in": set.and_then(|s| s.refresh_seconds_left()),
            "refresh_rejected": set.is_some_and(|s| s.refresh_rejected),
            "grant": self.grant,
            "store": self.store,
            "error": self.problem,
        })
    }
}
