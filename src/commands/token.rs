use super::Ctx;
use super::engine::{self, Slot, Want};
use super::on_demand::{self, Consent};
use crate::cli::OutputFormat;
use crate::cli::TokenArgs;
use crate::error::{login_required, usage};
use crate::oauth::dpop::ProofFor;
use crate::output;
use crate::settings::Profile;
use anyhow::Result;

pub fn run(ctx: &Ctx, args: &TokenArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &args.provider)?;
    let min_ttl = profile.min_ttl();
    let format = args.output.output.unwrap_or_default();
    let slot = Slot::for_profile(&profile);
    let mut consent = Consent::of(args.on_demand.no_login, &profile);
    if format == OutputFormat::ExecCredential {
        consent = consent.with_kubectl();
    }
    let asked = &args.provider.scopes;
    let obtain = |want| on_demand::obtain_with_scopes(ctx, &profile, &slot, want, consent, asked);
    if let Some((htm, htu)) = args.htm.as_deref().zip(args.htu.as_deref()) {
        if !matches!(format, OutputFormat::Header | OutputFormat::HeadersJson) || args.id_token {
            return Err(usage(
                "--htm and --htu make a DPoP proof for -o header or -o headers-json: add one of them (without --id-token)",
            ));
        }
        let set = obtain(Want::Fresh { min_ttl })?;
        let headers = dpop_headers(ctx, &profile, &slot, &set, htm, htu)?;
        let text = match format {
            OutputFormat::HeadersJson => {
                let pairs: Vec<(&str, &str)> = headers
                    .iter()
                    .filter_map(|line| line.split_once(": "))
                    .collect();
                output::headers_json(&pairs)
            }
            _ => headers.iter().map(|line| format!("{line}\n")).collect(),
        };
        return output::print(&text);
    }
    if !args.id_token {
        let set = obtain(Want::Fresh { min_ttl })?;
        return output::print(&output::render(&set, format)?);
    }
    let set = obtain(Want::FreshIdToken { min_ttl })?;
    check_id_token(&profile, &set)?;
    output::print(&output::render_id_token(&set, format)?)
}

/// An id_token to hand out: there is one, and it has not expired. A refresh
/// keeps the old id_token when its response has none (OIDC Core §12.2 allows
/// that), so an expired one means the provider gave no new one.
fn check_id_token(profile: &Profile, set: &crate::store::TokenSet) -> Result<()> {
    if set.id_token.is_none() {
        return Err(login_required(
            &profile.name,
            &format!(
                "no id_token stored for profile {}: the login had no `openid` scope (add it with --scope openid or the profile's scopes)",
                profile.name
            ),
        ));
    }
    match set.id_token_expires_at() {
        Some(exp) if exp <= crate::store::now() => Err(login_required(
            &profile.name,
            &format!(
                "the id_token of profile {} has expired ({}), and refreshing brought no new one",
                profile.name,
                output::rfc3339(exp)
            ),
        )),
        Some(_) => Ok(()),
        None => Err(anyhow::anyhow!(
            "the id_token of profile {} is not a JWT with an `exp` claim, so its expiry is unknown: refusing to hand it out",
            profile.name
        )),
    }
}

/// `Authorization: DPoP …` and `DPoP: …` for one request; a token that is
/// not DPoP-bound gets its plain header line, which is all it needs. Lines
/// without their ends; every one is `Name: value`.
fn dpop_headers(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    set: &crate::store::TokenSet,
    htm: &str,
    htu: &str,
) -> Result<Vec<String>> {
    if !crate::oauth::dpop::valid_method(htm) {
        return Err(usage(format!("--htm: `{htm}` is not an HTTP method")));
    }
    crate::oauth::dpop::htu(htu).map_err(|err| usage(format!("--htu: {err}")))?;
    if !set.is_dpop_bound() {
        log::debug!("the token is not DPoP-bound: --htm and --htu are not needed");
        return Ok(vec![output::authorization_header(set)?]);
    }
    let key = engine::dpop_key(ctx, profile, slot, set)?;
    let proof = key.proof(
        &ProofFor {
            htm,
            htu,
            access_token: Some(set.access_token.expose()),
            nonce: None,
        },
        crate::store::now(),
    )?;
    Ok(output::dpop_header_lines(set, &proof)?.to_vec())
}
