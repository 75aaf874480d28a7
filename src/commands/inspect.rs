//! `oauthctl inspect`: the stored token's JWT header and claims, unverified.

use super::Ctx;
use super::engine;
use crate::cli::InspectArgs;
use crate::jwt;
use crate::output;
use crate::settings::Profile;
use anyhow::Result;
use serde_json::{Map, Value};

/// Claims that hold Unix times, shown human-readable as well.
const TIME_CLAIMS: &[&str] = &["exp", "iat", "nbf", "auth_time", "updated_at"];

pub fn run(ctx: &Ctx, args: &InspectArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    let set = engine::stored(ctx, &profile)?;
    let (which, token) = if args.id_token {
        let id_token = set.id_token.as_ref().ok_or_else(|| {
            anyhow::anyhow!(
                "no id_token stored for profile {}: log in with the `openid` scope to get one",
                profile.name
            )
        })?;
        ("id_token", id_token)
    } else {
        ("access_token", &set.access_token)
    };
    let Some(decoded) = jwt::decode(token.expose()) else {
        anyhow::bail!(
            "the {which} of profile {} is opaque (not a JWT), so there is nothing to decode: `oauthctl introspect` asks the provider about it",
            profile.name
        );
    };
    ctx.note("The signature is NOT verified: these claims are for reading, not for trusting.");
    let mut times = Map::new();
    for claim in TIME_CLAIMS {
        if let Some(secs) = decoded.claims.get(*claim).and_then(Value::as_u64) {
            times.insert((*claim).to_owned(), Value::String(describe_time(secs)));
        }
    }
    let report = serde_json::json!({
        "token": which,
        "verified": false,
        "header": decoded.header,
        "claims": decoded.claims,
        "times": times,
    });
    output::print(&format!("{report:#}\n"))
}

fn describe_time(unix: u64) -> String {
    let now = crate::store::now();
    let relative = match unix.cmp(&now) {
        std::cmp::Ordering::Greater => format!("in {}", output::short_duration(unix - now)),
        std::cmp::Ordering::Equal => "now".to_owned(),
        std::cmp::Ordering::Less => format!("{} ago", output::short_duration(now - unix)),
    };
    format!("{} ({relative})", output::rfc3339(unix))
}
