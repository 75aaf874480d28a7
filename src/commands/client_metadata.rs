//! `oauthctl client-metadata`: the Client ID Metadata Document a team hosts
//! (draft-ietf-oauth-client-id-metadata-document), and the login's use of
//! its URL as the client id at servers that take one.

use super::Ctx;
use crate::cli::ClientMetadataArgs;
use crate::error::usage;
use crate::oauth::client_metadata::{self, LOOPBACK_REDIRECT};
use crate::oauth::discovery::Metadata;
use crate::options::ProviderOptions;
use crate::settings::Profile;
use anyhow::Result;

pub fn run(ctx: &Ctx, args: &ClientMetadataArgs) -> Result<()> {
    let profile = Profile::resolve(&ctx.globals, &ProviderOptions::default())?;
    let url = match &args.url {
        Some(url) => {
            client_metadata::check_url(url).map_err(|e| usage(format!("--url: {e}")))?;
            url.clone()
        }
        None => profile.client_metadata_url.clone().ok_or_else(|| {
            usage(format!(
                "client-metadata needs the URL the document will be hosted at: give --url https://HOST/PATH/client.json (or set client_metadata_url in profile {})",
                profile.name
            ))
        })?,
    };
    let redirect_uris = redirect_uris(&profile);
    let document = client_metadata::document(&url, &redirect_uris);
    crate::output::print(&format!("{}\n", serde_json::to_string_pretty(&document)?))
}

/// The loopback redirect (any port), and the profile's fixed one or fixed
/// port, for servers that match those exactly.
fn redirect_uris(profile: &Profile) -> Vec<String> {
    let mut uris = vec![LOOPBACK_REDIRECT.to_owned()];
    if let Some(port) = profile.port {
        uris.push(format!("http://127.0.0.1:{port}/callback"));
    }
    if let Some(fixed) = &profile.redirect_uri {
        uris.push(fixed.clone());
    }
    uris.dedup();
    uris
}

/// The redirect URI the login's listener will use, as far as the profile
/// says before it binds.
fn wanted_redirect(profile: &Profile) -> String {
    match (&profile.redirect_uri, profile.port) {
        (Some(fixed), _) => fixed.clone(),
        (None, Some(port)) => format!("http://127.0.0.1:{port}/callback"),
        (None, None) => LOOPBACK_REDIRECT.to_owned(),
    }
}

/// The client id for a login at `issuer` with none configured: the
/// profile's metadata document URL, when the server takes one and the
/// document is one it will accept. `None`: the server takes none (said),
/// or no URL is configured; registration comes next.
pub fn client_for(
    ctx: &Ctx,
    profile: &Profile,
    issuer: &str,
    metadata: Option<&Metadata>,
) -> Result<Option<String>> {
    let Some(url) = profile.client_metadata_url.clone() else {
        return Ok(None);
    };
    if !metadata.is_some_and(|m| m.client_id_metadata_document_supported) {
        ctx.note(&format!(
            "{issuer} takes no client metadata document as client id (its metadata has no client_id_metadata_document_supported), so {url} is not used there"
        ));
        return Ok(None);
    }
    // What the server will check, checked first: a document it refuses
    // would only show as an error page in the browser.
    let hosted = client_metadata::fetch(ctx.http_for(profile)?, &url)?;
    let fix = format!("host the output of `oauthctl client-metadata --url {url}` there");
    if hosted.client_id != url {
        return Err(usage(format!(
            "the client metadata document at {url} says client_id `{}`, not its own URL, so {issuer} would refuse it: {fix}",
            crate::text::one_line(&hosted.client_id, 200)
        )));
    }
    let wanted = wanted_redirect(profile);
    if !client_metadata::admits(&hosted.redirect_uris, &wanted) {
        return Err(usage(format!(
            "the client metadata document at {url} lists no redirect URI for {wanted} in redirect_uris, so {issuer} would refuse the login: {fix}"
        )));
    }
    ctx.note(&format!(
        "Using the client metadata document {url} as the client id at {issuer}"
    ));
    Ok(Some(url))
}
