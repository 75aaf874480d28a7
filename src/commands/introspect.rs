//! `oauthctl introspect`: the provider's view of the stored token (RFC 7662).
//! Exit 0 when it is active, 1 when not, as `test` would: scripts can ask
//! "is this token still good?" before a long job.

use super::Ctx;
use super::engine;
use crate::cli::{IntrospectArgs, IntrospectFormat};
use crate::oauth::introspect::introspect;
use crate::oauth::response::one_line;
use crate::output;
use crate::settings::Profile;
use anyhow::Result;
use serde_json::Value;

const NOT_ACTIVE: u8 = 1;

pub fn run(ctx: &Ctx, args: &IntrospectArgs) -> Result<u8> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    let set = engine::stored(ctx, &profile)?;
    let (token, hint) = if args.refresh_token {
        let token = set.refresh_token.clone().ok_or_else(|| {
            anyhow::anyhow!("profile {} has no refresh token to ask about", profile.name)
        })?;
        (token, "refresh_token")
    } else {
        (set.access_token.clone(), "access_token")
    };
    let url = engine::endpoint(ctx, &profile, engine::Endpoint::Introspection)?;
    let client = engine::client(ctx, &profile)?;
    let answer = introspect(ctx.http_for(&profile)?, &url, &client, &token, hint)?;
    let text = match args.output {
        // serde_json escapes every control character: safe for a terminal.
        IntrospectFormat::Json => format!("{:#}\n", Value::Object(answer.members.clone())),
        IntrospectFormat::Text => text(&answer.members),
    };
    output::print(&text)?;
    Ok(if answer.active { 0 } else { NOT_ACTIVE })
}

/// `active` first, then each member on a line; times also in RFC 3339.
fn text(members: &serde_json::Map<String, Value>) -> String {
    let mut lines = vec![format!(
        "active: {}",
        members
            .get("active")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    )];
    for (name, value) in members.iter().filter(|(name, _)| *name != "active") {
        let shown = match value {
            Value::String(s) => one_line(s, 500),
            Value::Number(n) if matches!(name.as_str(), "exp" | "iat" | "nbf") => {
                match n.as_u64() {
                    Some(unix) => format!("{unix} ({})", output::rfc3339(unix)),
                    None => n.to_string(),
                }
            }
            Value::Array(items) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => one_line(s, 200),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" "),
            other => one_line(&other.to_string(), 500),
        };
        lines.push(format!("{}: {shown}", one_line(name, 100)));
    }
    lines.join("\n") + "\n"
}
