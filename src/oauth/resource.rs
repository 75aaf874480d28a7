//! Finding the authorization server of a protected resource (RFC 9728), as
//! MCP clients do: ask the resource, follow `WWW-Authenticate:
//! Bearer resource_metadata="…"` or the well-known address, and read which
//! authorization servers it trusts.

use super::http::{Http, Replay, check_url};
use super::{Error, Remedy};

/// What the resource says of itself (RFC 9728 §2).
#[derive(Debug, Clone)]
pub struct ProtectedResource {
    /// Its identifier: the RFC 8707 resource indicator to ask tokens for.
    pub resource: String,
    pub authorization_servers: Vec<String>,
    pub scopes_supported: Vec<String>,
    /// The `scope` of its 401 challenge (RFC 6750 §3): what this request
    /// needs, asked for before `scopes_supported` (MCP 2025-11-25).
    pub challenge_scopes: Vec<String>,
}

/// Finds the resource's metadata where the MCP authorization spec
/// (2025-11-25) says to look, in its order: the challenge's
/// `resource_metadata`, the well-known URI with the resource's path, then
/// the root one. An address that answers no document (a 404) passes to
/// the next; a document that is there but wrong is refused.
pub fn discover(http: &Http, resource_url: &str) -> Result<ProtectedResource, Error> {
    let url = check_url(resource_url)?;
    let probe = http.send("protected resource", url.as_str(), Replay::Safe, |c| {
        c.get(url.as_str())
    })?;
    let challenge = probe.www_authenticate.as_deref();
    let challenge_scopes = challenge_scopes(challenge)?;
    let mut candidates = Vec::new();
    if let Some(named) = challenge.and_then(|h| parameter(h, "resource_metadata")) {
        let named = named_url(&url, "protected resource", "resource_metadata", &named)?;
        candidates.push((named, resource_url.to_owned()));
    }
    candidates.extend(well_known(&url));
    let mut failures = Vec::new();
    for (metadata_url, identifier) in candidates {
        let response = http.send(
            "protected resource metadata",
            &metadata_url,
            Replay::Safe,
            |c| c.get(&metadata_url).header("Accept", "application/json"),
        )?;
        if !(200..300).contains(&response.status) {
            failures.push(format!("{metadata_url} -> {}", response.status));
            continue;
        }
        let mut found = read(&url, resource_url, &identifier, &response)?;
        found.challenge_scopes = challenge_scopes;
        return Ok(found);
    }
    Err(Error::Needs {
        what: format!(
            "{resource_url} publishes no protected resource metadata (RFC 9728): {}; give the authorization server's issuer instead",
            failures.join(", ")
        ),
        remedy: Remedy::Issuer,
    })
}

/// The metadata document at one address, checked. `identifier` is the
/// resource the address was made for: the resource URL itself, or its
/// origin for the root well-known URI.
fn read(
    url: &url::Url,
    resource_url: &str,
    identifier: &str,
    response: &super::http::Response,
) -> Result<ProtectedResource, Error> {
    let endpoint = "protected resource metadata";
    let json = response.json(endpoint)?;
    let strings = |name: &str| -> Vec<String> {
        json[name]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let resource = json["resource"].as_str().unwrap_or_default().to_owned();
    // §3.3: metadata about another resource must not be used (it could
    // send this resource's tokens to an attacker's server). The comparison
    // is exact, as the RFC says: `/mcp/` is another resource than `/mcp`.
    if resource != resource_url && resource != identifier {
        return Err(Error::Untrustworthy {
            endpoint,
            what: format!(
                "metadata for `{}`, not for {resource_url}",
                super::response::one_line(&resource, 200)
            ),
        });
    }
    let authorization_servers = strings("authorization_servers");
    if authorization_servers.is_empty() {
        return Err(Error::Needs {
            what: format!(
                "{resource_url}'s metadata names no authorization server: give its issuer instead"
            ),
            remedy: Remedy::Issuer,
        });
    }
    for server in &authorization_servers {
        named_url(url, endpoint, "authorization_servers", server)?;
    }
    let scopes_supported = strings("scopes_supported");
    check_scopes(endpoint, "scopes_supported", &scopes_supported)?;
    Ok(ProtectedResource {
        resource,
        authorization_servers,
        scopes_supported,
        challenge_scopes: Vec::new(),
    })
}

/// Scopes a resource names are saved in a profile and sent on: RFC 6749's
/// characters only.
fn check_scopes(endpoint: &'static str, member: &str, scopes: &[String]) -> Result<(), Error> {
    match scopes
        .iter()
        .find(|scope| !crate::text::is_scope_token(scope))
    {
        Some(bad) => Err(Error::Untrustworthy {
            endpoint,
            what: format!(
                "a scope in {member} that RFC 6749 does not allow (`{}`)",
                super::response::one_line(bad, 100)
            ),
        }),
        None => Ok(()),
    }
}

fn challenge_scopes(challenge: Option<&str>) -> Result<Vec<String>, Error> {
    let scopes: Vec<String> = challenge
        .and_then(|h| parameter(h, "scope"))
        .map(|s| s.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    check_scopes("protected resource", "its challenge's scope", &scopes)?;
    Ok(scopes)
}

/// A URL the resource's answers name (its metadata, its authorization
/// servers), checked before it is fetched, shown or saved in a profile: a
/// URL as the URL standard writes it, so no control character or escape
/// sequence rides along, and https when the resource itself is (an https
/// resource must not point oauthctl at plain-http services on this machine).
fn named_url(
    resource: &url::Url,
    endpoint: &'static str,
    member: &str,
    raw: &str,
) -> Result<String, Error> {
    let untrustworthy = |why: &str| Error::Untrustworthy {
        endpoint,
        what: format!(
            "{member} `{}`, {why}",
            super::response::one_line(&super::http::redact_url(raw), 200)
        ),
    };
    let url = check_url(raw).map_err(|_| untrustworthy("which is no https URL"))?;
    let serialized = url.as_str();
    let root_without_slash = url.path() == "/" && serialized.strip_suffix('/') == Some(raw);
    if serialized != raw && !root_without_slash {
        return Err(untrustworthy(
            "which is not written as a URL is (it carries characters a URL escapes)",
        ));
    }
    if resource.scheme() == "https" && url.scheme() != "https" {
        return Err(untrustworthy("plain http named by an https resource"));
    }
    Ok(raw.to_owned())
}

/// RFC 9728 §3.1: `/.well-known/oauth-protected-resource` goes between the
/// host and the path; then, for a resource with a path, the root address
/// (MCP 2025-11-25), made for the origin. Each with the resource it
/// describes.
fn well_known(url: &url::Url) -> Vec<(String, String)> {
    let mut metadata = url.clone();
    let path = url.path().trim_end_matches('/');
    metadata.set_path(&format!("/.well-known/oauth-protected-resource{path}"));
    metadata.set_query(None);
    metadata.set_fragment(None);
    let mut found = vec![(metadata.to_string(), url.to_string())];
    if !path.is_empty() {
        metadata.set_path("/.well-known/oauth-protected-resource");
        found.push((metadata.to_string(), url.origin().ascii_serialization()));
    }
    found
}

/// A parameter (`resource_metadata`, `scope`) of a `WWW-Authenticate:
/// Bearer` challenge, quoted or not, matched whole.
fn parameter(header: &str, name: &str) -> Option<String> {
    super::challenge::parameter(header, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_well_known_address_goes_between_host_and_path() {
        let url = url::Url::parse("https://api.example.com/v1/mcp?x=1").unwrap();
        let urls: Vec<String> = well_known(&url).into_iter().map(|(u, _)| u).collect();
        assert_eq!(
            urls,
            [
                "https://api.example.com/.well-known/oauth-protected-resource/v1/mcp",
                "https://api.example.com/.well-known/oauth-protected-resource",
            ]
        );
        assert_eq!(well_known(&url)[1].1, "https://api.example.com");
        let root = url::Url::parse("https://api.example.com/").unwrap();
        assert_eq!(
            well_known(&root),
            [(
                "https://api.example.com/.well-known/oauth-protected-resource".to_owned(),
                "https://api.example.com/".to_owned()
            )]
        );
    }

    #[test]
    fn an_https_resource_cannot_point_at_plain_http_on_this_machine() {
        let https = url::Url::parse("https://api.example.com/mcp").unwrap();
        let loopback = url::Url::parse("http://127.0.0.1:8080/mcp").unwrap();
        let named = |resource: &url::Url, raw: &str| named_url(resource, "m", "s", raw);
        assert!(named(&https, "http://127.0.0.1:9000/meta").is_err());
        assert!(named(&https, "http://localhost/meta").is_err());
        assert!(named(&https, "https://as.example.com").is_ok());
        assert!(named(&loopback, "http://127.0.0.1:9000").is_ok());
    }

    #[test]
    fn a_named_url_must_be_written_as_a_url_is() {
        let https = url::Url::parse("https://api.example.com/mcp").unwrap();
        let named = |raw: &str| named_url(&https, "m", "s", raw);
        assert!(named("https://as.example.com").is_ok());
        assert!(named("https://as.example.com/").is_ok());
        assert!(named("https://as.example.com/tenant").is_ok());
        for bad in [
            "https://as.example.com\x1b[1A",
            "https://as.example.com/\r\nX",
            " https://as.example.com",
            "https://AS.example.com",
            "https://as.example.com/a b",
        ] {
            assert!(named(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn reads_resource_metadata_from_a_challenge() {
        assert_eq!(
            parameter(
                r#"Bearer realm="api", resource_metadata="https://r.example/.well-known/oauth-protected-resource/api", error="invalid_token""#,
                "resource_metadata"
            )
            .as_deref(),
            Some("https://r.example/.well-known/oauth-protected-resource/api")
        );
        assert_eq!(parameter("Bearer realm=\"api\"", "resource_metadata"), None);
    }

    #[test]
    fn reads_the_scope_of_a_challenge_and_only_that_parameter() {
        let header = r#"Bearer x_scope="no", resource_metadata="https://r.example/m", scope="mcp:read mcp:tools""#;
        assert_eq!(
            challenge_scopes(Some(header)).unwrap(),
            ["mcp:read", "mcp:tools"]
        );
        assert_eq!(parameter(r#"Bearer x_scope="no""#, "scope"), None);
        assert!(challenge_scopes(Some("Bearer scope=\"a\\b\"")).is_err());
        assert!(challenge_scopes(None).unwrap().is_empty());
    }
}
