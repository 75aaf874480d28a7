//! Endpoint discovery, in the order of the MCP authorization spec
//! (2025-11-25): RFC 8414 `/.well-known/oauth-authorization-server` and
//! OIDC `/.well-known/openid-configuration`, each inserted before the
//! issuer's path, then OIDC appended to it (where Keycloak serves it);
//! cached per issuer on disk.

use super::http::{Http, MAX_BODY, Replay};
use super::{Error, Remedy};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Long enough that `token` never waits on discovery, short enough to follow
/// a provider moving its endpoints.
const CACHE_TTL: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Metadata {
    pub issuer: Option<String>,
    pub authorization_endpoint: Option<String>,
    pub token_endpoint: Option<String>,
    pub device_authorization_endpoint: Option<String>,
    pub revocation_endpoint: Option<String>,
    pub introspection_endpoint: Option<String>,
    pub userinfo_endpoint: Option<String>,
    #[serde(default)]
    pub code_challenge_methods_supported: Vec<String>,
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
    /// RFC 7591 §3.
    pub registration_endpoint: Option<String>,
    /// RFC 9126 §5.
    pub pushed_authorization_request_endpoint: Option<String>,
    #[serde(default)]
    pub require_pushed_authorization_requests: bool,
    /// draft-ietf-oauth-client-id-metadata-document §4: an https URL of a
    /// client metadata document is taken as a client id.
    #[serde(default)]
    pub client_id_metadata_document_supported: bool,
    /// RFC 8705 §5: where a client presenting a certificate should go.
    #[serde(default)]
    pub mtls_endpoint_aliases: Option<MtlsAliases>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct MtlsAliases {
    pub token_endpoint: Option<String>,
    pub revocation_endpoint: Option<String>,
    pub introspection_endpoint: Option<String>,
    pub device_authorization_endpoint: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct CacheEntry {
    fetched_at: u64,
    metadata: Metadata,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn cache_file(cache_dir: &Path, issuer: &str) -> PathBuf {
    cache_dir
        .join("discovery")
        .join(format!("{}.json", &crate::digest::hex_sha256(issuer)[..32]))
}

/// A cached document younger than the TTL, if any.
pub fn cached(cache_dir: &Path, issuer: &str) -> Option<Metadata> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // The cache names the token endpoint: a symlink planted in its place is
    // not followed, and a file larger than any document is not read.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    let file = options.open(cache_file(cache_dir, issuer)).ok()?;
    let mut text = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, MAX_BODY + 1), &mut text).ok()?;
    if text.len() as u64 > MAX_BODY {
        return None;
    }
    let entry: CacheEntry = serde_json::from_slice(&text).ok()?;
    (now().saturating_sub(entry.fetched_at) < CACHE_TTL.as_secs()).then_some(entry.metadata)
}

/// Best effort: a cache that cannot be written only costs a fetch next time.
pub fn save(cache_dir: &Path, issuer: &str, metadata: &Metadata) {
    let path = cache_file(cache_dir, issuer);
    let entry = CacheEntry {
        fetched_at: now(),
        metadata: metadata.clone(),
    };
    let result = (|| -> std::io::Result<()> {
        let dir = path.parent().expect("cache file has a parent");
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        std::io::Write::write_all(&mut tmp, &serde_json::to_vec(&entry)?)?;
        tmp.persist(&path).map_err(|e| e.error)?;
        Ok(())
    })();
    if let Err(err) = result {
        log::debug!("discovery cache {} not written: {err}", path.display());
    }
}

/// The issuer's metadata: the first document of [`candidate_urls`] that
/// answers and names this issuer. When it lacks an optional endpoint a
/// command may need (revocation, introspection, device, userinfo), the
/// later documents are read too and fill it in: some servers
/// (django-oauth-toolkit) list them in only one.
pub fn fetch(http: &Http, issuer: &str) -> Result<Metadata, Error> {
    let trimmed = issuer.trim_end_matches('/');
    let mut failures = Vec::new();
    // Why the first document that answered could not be used: said when
    // no other one can be either.
    let mut refused: Option<Error> = None;
    let mut found: Option<Metadata> = None;
    for url in candidate_urls(trimmed)? {
        if let Some(metadata) = &found
            && !metadata.lacks_optional_endpoints()
        {
            break;
        }
        log::debug!("discovery: GET {url}");
        let response = http.send("discovery endpoint", &url, Replay::Safe, |c| {
            c.get(&url).header("Accept", "application/json")
        })?;
        if !(200..300).contains(&response.status) {
            failures.push(format!("{url} -> {}", response.status));
            continue;
        }
        match document(&response.body, response.status, &url, issuer, trimmed) {
            Ok(metadata) => match &mut found {
                None => found = Some(metadata),
                Some(first) => first.fill_from(metadata),
            },
            // A host that answers every path (a web app's catch-all page)
            // must not hide the document at a later address.
            Err(err) => {
                log::debug!("discovery: {url}: {err}");
                failures.push(format!("{url} -> not this issuer's metadata"));
                refused.get_or_insert(err);
            }
        }
    }
    match (found, refused) {
        (Some(metadata), _) => Ok(metadata),
        (None, Some(err)) => Err(err),
        (None, None) => Err(Error::Needs {
            what: format!(
                "no discovery document for issuer {issuer} ({}): check the issuer, or give the token endpoint",
                failures.join(", ")
            ),
            remedy: Remedy::IssuerOrTokenEndpoint,
        }),
    }
}

/// One document, parsed and checked: RFC 8414 §3.3 and OIDC Discovery
/// §4.3 say it names the issuer it describes, and it is the one asked
/// for. One that names none could describe anyone's endpoints.
fn document(
    body: &[u8],
    status: u16,
    url: &str,
    issuer: &str,
    trimmed: &str,
) -> Result<Metadata, Error> {
    let metadata: Metadata = serde_json::from_slice(body).map_err(|_| Error::Malformed {
        endpoint: "discovery endpoint",
        status,
        what: format!("a document at {url} that is not discovery metadata"),
    })?;
    match &metadata.issuer {
        Some(named) if named.trim_end_matches('/') == trimmed => Ok(metadata),
        Some(named) => Err(Error::Misconfigured(format!(
            "discovery at {url} names issuer {}, not {issuer}: use the exact issuer URL",
            super::response::one_line(named, 200)
        ))),
        None => Err(Error::Needs {
            what: format!(
                "discovery at {url} names no issuer, so it cannot be told apart from another server's: give the token and authorization endpoints instead"
            ),
            remedy: Remedy::Endpoints,
        }),
    }
}

impl Metadata {
    /// The metadata as a client presenting a certificate sees it: the
    /// `mtls_endpoint_aliases` in place of the endpoints they alias.
    pub fn with_mtls_aliases(mut self) -> Metadata {
        if let Some(aliases) = self.mtls_endpoint_aliases.take() {
            let pick = |alias: Option<String>, plain: &mut Option<String>| {
                if alias.is_some() {
                    *plain = alias;
                }
            };
            pick(aliases.token_endpoint, &mut self.token_endpoint);
            pick(aliases.revocation_endpoint, &mut self.revocation_endpoint);
            pick(
                aliases.introspection_endpoint,
                &mut self.introspection_endpoint,
            );
            pick(
                aliases.device_authorization_endpoint,
                &mut self.device_authorization_endpoint,
            );
        }
        self
    }

    /// Whether a later document may add an endpoint: the RFC 8414 one,
    /// read first, often leaves out the OpenID userinfo endpoint.
    fn lacks_optional_endpoints(&self) -> bool {
        self.revocation_endpoint.is_none()
            || self.introspection_endpoint.is_none()
            || self.device_authorization_endpoint.is_none()
            || self.userinfo_endpoint.is_none()
    }

    fn fill_from(&mut self, other: Metadata) {
        let fill = |mine: &mut Option<String>, theirs: Option<String>| {
            if mine.is_none() {
                *mine = theirs;
            }
        };
        fill(&mut self.revocation_endpoint, other.revocation_endpoint);
        fill(
            &mut self.introspection_endpoint,
            other.introspection_endpoint,
        );
        fill(
            &mut self.device_authorization_endpoint,
            other.device_authorization_endpoint,
        );
        fill(&mut self.userinfo_endpoint, other.userinfo_endpoint);
        fill(&mut self.registration_endpoint, other.registration_endpoint);
    }
}

/// Where the issuer's metadata may be, in the order of the MCP
/// authorization spec (2025-11-25): RFC 8414 §3.1 and OIDC with the
/// well-known segment inserted before the issuer's path, then OIDC
/// Discovery §4 appended to it. An issuer without a path has two.
fn candidate_urls(issuer: &str) -> Result<Vec<String>, Error> {
    let url = super::http::check_url(issuer)?;
    let path = url.path().trim_end_matches('/');
    if path.is_empty() {
        return Ok(vec![
            format!("{issuer}/.well-known/oauth-authorization-server"),
            format!("{issuer}/.well-known/openid-configuration"),
        ]);
    }
    let origin = url.origin().ascii_serialization();
    Ok(vec![
        format!("{origin}/.well-known/oauth-authorization-server{path}"),
        format!("{origin}/.well-known/openid-configuration{path}"),
        format!("{issuer}/.well-known/openid-configuration"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mcp_order_inserts_before_the_path_then_appends_oidc() {
        assert_eq!(
            candidate_urls("https://id.example.com/tenant1").unwrap(),
            [
                "https://id.example.com/.well-known/oauth-authorization-server/tenant1",
                "https://id.example.com/.well-known/openid-configuration/tenant1",
                "https://id.example.com/tenant1/.well-known/openid-configuration",
            ]
        );
        assert_eq!(
            candidate_urls("https://id.example.com").unwrap(),
            [
                "https://id.example.com/.well-known/oauth-authorization-server",
                "https://id.example.com/.well-known/openid-configuration",
            ]
        );
    }

    #[test]
    fn cache_round_trip_and_expiry() {
        let dir = tempfile::tempdir().unwrap();
        assert!(cached(dir.path(), "https://a.example").is_none());
        let metadata = Metadata {
            token_endpoint: Some("https://a.example/token".into()),
            ..Default::default()
        };
        save(dir.path(), "https://a.example", &metadata);
        let back = cached(dir.path(), "https://a.example").unwrap();
        assert_eq!(
            back.token_endpoint.as_deref(),
            Some("https://a.example/token")
        );
        assert!(cached(dir.path(), "https://b.example").is_none());
    }
}
