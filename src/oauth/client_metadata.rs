//! Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document):
//! the client id is an https URL, and the document found there describes
//! the client, so an authorization server that supports it needs no
//! registration. oauthctl is a native public client: loopback redirect,
//! PKCE, no secret.

use super::Error;
use super::http::{Http, Replay};

/// What the document's `redirect_uris` start with: RFC 8252 §7.3 has the
/// server accept any port on a loopback redirect URI registered without
/// one, and the listener builds `http://127.0.0.1:PORT/callback`.
pub const LOOPBACK_REDIRECT: &str = "http://127.0.0.1/callback";

/// The draft's §3 rules for a client id URL: https, a path, no dot
/// segments, no fragment, no user name or password. A query is allowed
/// (and discouraged), so it is kept.
pub fn check_url(raw: &str) -> Result<url::Url, Error> {
    let refuse = |why: &str| {
        Error::Misconfigured(format!(
            "`{}` cannot be a client id metadata document's URL: {why}",
            super::http::redact_url(raw)
        ))
    };
    let url = url::Url::parse(raw).map_err(|_| refuse("it is not a URL"))?;
    if url.scheme() != "https" {
        return Err(refuse("it must be https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse("it carries a user name or password"));
    }
    if url.fragment().is_some() {
        return Err(refuse("it has a fragment (#...)"));
    }
    if url.path() == "/" {
        return Err(refuse("it needs a path, such as /oauthctl/client.json"));
    }
    // The server compares the client id with the document's `client_id` as
    // strings: a URL the parser rewrites (dot segments, case, escapes) would
    // never match what the server fetched.
    if url.as_str() != raw {
        return Err(refuse(&format!(
            "it is not written as a URL is (that would be {url}), and the server compares it as a string"
        )));
    }
    Ok(url)
}

/// The document to host: a struct, so that its members keep this order
/// (`client_id` first) when printed.
#[derive(Debug, serde::Serialize)]
pub struct Document<'a> {
    pub client_id: &'a str,
    pub client_name: &'static str,
    pub application_type: &'static str,
    pub redirect_uris: &'a [String],
    pub grant_types: [&'static str; 2],
    pub response_types: [&'static str; 1],
    pub token_endpoint_auth_method: &'static str,
}

/// The document to host at `url`, which becomes its `client_id`.
pub fn document<'a>(url: &'a str, redirect_uris: &'a [String]) -> Document<'a> {
    Document {
        client_id: url,
        client_name: "oauthctl",
        application_type: "native",
        redirect_uris,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "none",
    }
}

/// The document as it is hosted: what a login needs of it.
#[derive(Debug)]
pub struct Hosted {
    /// As the document has it: show it through `one_line`.
    pub client_id: String,
    pub redirect_uris: Vec<String>,
}

/// Fetches the document at `url`, as the authorization server will.
pub fn fetch(http: &Http, url: &str) -> Result<Hosted, Error> {
    let endpoint = "client metadata document";
    let response = http.send(endpoint, url, Replay::Safe, |c| {
        c.get(url).header("Accept", "application/json")
    })?;
    if response.status != 200 {
        return Err(Error::Http {
            endpoint,
            status: response.status,
            excerpt: None,
            hint: format!("{url} must answer 200 with the document (a redirect is not followed)"),
            remedy: None,
        });
    }
    let json = response.json(endpoint)?;
    let client_id = json["client_id"].as_str().unwrap_or_default();
    let redirect_uris = json["redirect_uris"]
        .as_array()
        .map(|uris| {
            uris.iter()
                .filter_map(|uri| uri.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    Ok(Hosted {
        client_id: client_id.to_owned(),
        redirect_uris,
    })
}

/// Whether `listed` admits the redirect URI `wanted`: the same string, or,
/// for a loopback IP literal, the same but for the port (RFC 8252 §7.3).
pub fn admits(listed: &[String], wanted: &str) -> bool {
    let without_port = |raw: &str| {
        let mut url = url::Url::parse(raw).ok()?;
        let loopback = match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            _ => false,
        };
        if !loopback || url.scheme() != "http" {
            return None;
        }
        url.set_port(None).ok()?;
        Some(url.to_string())
    };
    listed.iter().any(|uri| {
        uri == wanted || (without_port(uri).is_some() && without_port(uri) == without_port(wanted))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_id_url_is_https_with_a_path_and_no_fragment() {
        assert!(check_url("https://example.github.io/oauthctl/client.json").is_ok());
        assert!(check_url("https://127.0.0.1:8443/c.json?v=2").is_ok());
        for bad in [
            "http://example.com/client.json",
            "https://example.com",
            "https://example.com/",
            "https://example.com/client.json#x",
            "https://me:pw@example.com/client.json",
            "https://example.com/a/../client.json",
            "https://EXAMPLE.com/client.json",
            "client.json",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
        let err = check_url("https://me:pw@example.com/c.json").unwrap_err();
        assert!(!err.to_string().contains("pw"), "{err}");
    }

    #[test]
    fn the_document_names_its_url_and_a_native_public_client() {
        let url = "https://example.github.io/oauthctl/client.json";
        let uris = [LOOPBACK_REDIRECT.to_owned()];
        let doc = serde_json::to_value(document(url, &uris)).unwrap();
        assert_eq!(doc["client_id"], url);
        assert_eq!(doc["redirect_uris"][0], "http://127.0.0.1/callback");
        assert_eq!(doc["token_endpoint_auth_method"], "none");
        assert_eq!(doc["application_type"], "native");
    }

    #[test]
    fn a_loopback_redirect_matches_any_port() {
        let listed = vec![LOOPBACK_REDIRECT.to_owned()];
        assert!(admits(&listed, "http://127.0.0.1:49152/callback"));
        assert!(admits(&listed, "http://127.0.0.1/callback"));
        assert!(!admits(&listed, "http://127.0.0.1:49152/other"));
        assert!(!admits(&listed, "http://localhost:49152/callback"));
        let fixed = vec!["https://app.example/cb".to_owned()];
        assert!(admits(&fixed, "https://app.example/cb"));
        assert!(!admits(&fixed, "https://app.example:444/cb"));
    }
}
