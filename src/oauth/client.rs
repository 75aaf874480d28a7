//! The token endpoint: client authentication, body encoding, error mapping.

use super::Error;
use super::http::{Http, Replay};
use super::response::{self, ErrorResponse, Parsed, TokenResponse};
use crate::cli::{BodyFormat, ClientAuth};
use crate::secret::Secret;
use base64::Engine;

/// Parameters whose values may be logged; everything else is a secret or may be.
const LOGGABLE_PARAMS: &[&str] = &[
    "grant_type",
    "scope",
    "client_id",
    "audience",
    "resource",
    "redirect_uri",
    "assertion_type",
    "username",
    "requested_token_type",
];

#[derive(Debug, Clone)]
pub struct Client {
    pub id: Option<String>,
    pub secret: Option<Secret>,
    pub auth: ClientAuth,
    pub body: BodyFormat,
}

impl Client {
    /// `basic` when there is a secret, `none` without, unless told otherwise.
    pub fn new(
        id: Option<String>,
        secret: Option<Secret>,
        auth: Option<ClientAuth>,
        body: BodyFormat,
    ) -> Client {
        let auth = auth.unwrap_or(if secret.is_some() {
            ClientAuth::Basic
        } else {
            ClientAuth::None
        });
        Client {
            id,
            secret,
            auth,
            body,
        }
    }

    /// RFC 6749 §2.3.1: id and secret are form-encoded before the Basic base64.
    pub fn basic_header(id: &str, secret: &str) -> String {
        let encode = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
        let raw = format!("{}:{}", encode(id), encode(secret));
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }
}

/// How the id and secret go into a Basic header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BasicEncoding {
    /// RFC 6749 §2.3.1: form-encoded, then base64.
    FormEncoded,
    /// The raw `id:secret`, as many servers (and curl -u) do.
    Raw,
}

impl Client {
    /// Puts the client's credentials where its auth method says: the body
    /// for post/none, or the returned Authorization header for Basic.
    fn authenticate(
        &self,
        body: &mut Vec<(String, String)>,
        encoding: BasicEncoding,
    ) -> Result<Option<String>, Error> {
        match self.auth {
            ClientAuth::Basic | ClientAuth::BasicRaw => {
                let (Some(id), Some(secret)) = (&self.id, &self.secret) else {
                    return Err(Error::Misconfigured(
                        "Basic client authentication needs --client-id and a client secret"
                            .to_owned(),
                    ));
                };
                Ok(Some(match encoding {
                    BasicEncoding::FormEncoded => Client::basic_header(id, secret.expose()),
                    BasicEncoding::Raw => Client::raw_basic_header(id, secret.expose()),
                }))
            }
            ClientAuth::Post | ClientAuth::None => {
                if let Some(id) = &self.id {
                    body.push(("client_id".into(), id.clone()));
                }
                if let (ClientAuth::Post, Some(secret)) = (self.auth, &self.secret) {
                    body.push(("client_secret".into(), secret.expose().to_owned()));
                }
                Ok(None)
            }
        }
    }

    pub fn raw_basic_header(id: &str, secret: &str) -> String {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"))
        )
    }

    /// True when RFC encoding changes the credentials, so a server that does
    /// not form-decode them would see the wrong secret.
    fn encoding_matters(&self) -> bool {
        let (Some(id), Some(secret)) = (&self.id, &self.secret) else {
            return false;
        };
        Client::basic_header(id, secret.expose()) != Client::raw_basic_header(id, secret.expose())
    }
}

/// POSTs `params` with client authentication. With `basic`, a server that
/// refuses the RFC-encoded credentials gets one more try with the raw ones
/// (Metapack's documented header), when the two differ.
pub fn post_authenticated(
    http: &Http,
    endpoint: &'static str,
    url: &str,
    client: &Client,
    params: &[(String, String)],
    format: BodyFormat,
) -> Result<super::http::Response, Error> {
    let replay = if params
        .iter()
        .any(|(k, v)| k == "grant_type" && is_single_use(v))
    {
        Replay::SingleUse
    } else {
        Replay::Safe
    };
    let first = if client.auth == ClientAuth::BasicRaw {
        BasicEncoding::Raw
    } else {
        BasicEncoding::FormEncoded
    };
    let response = post_once(http, endpoint, url, client, params, format, first, replay)?;
    if client.auth == ClientAuth::Basic && client.encoding_matters() && refused_client(&response) {
        log::info!(
            "{endpoint} refused the RFC 6749 form-encoded Basic credentials; retrying with them raw (set --client-auth basic-raw to skip this)"
        );
        return post_once(
            http,
            endpoint,
            url,
            client,
            params,
            format,
            BasicEncoding::Raw,
            replay,
        );
    }
    Ok(response)
}

/// Grants whose parameters work once: sent twice, the second may fail, or
/// (refresh-token rotation with reuse detection) revoke the whole grant.
fn is_single_use(grant_type: &str) -> bool {
    matches!(
        grant_type,
        "refresh_token" | "authorization_code" | "urn:ietf:params:oauth:grant-type:device_code"
    )
}

#[allow(clippy::too_many_arguments)]
fn post_once(
    http: &Http,
    endpoint: &'static str,
    url: &str,
    client: &Client,
    params: &[(String, String)],
    format: BodyFormat,
    encoding: BasicEncoding,
    replay: Replay,
) -> Result<super::http::Response, Error> {
    let mut body = params.to_vec();
    let authorization = client.authenticate(&mut body, encoding)?;
    log::debug!(
        "{endpoint}: POST {} ({}, client auth {:?}) {}",
        super::http::redact_url(url),
        match format {
            BodyFormat::Form => "form",
            BodyFormat::Json => "json",
        },
        client.auth,
        describe_params(&body)
    );
    let encoded = encode_body(format, &body);
    let content_type = match format {
        BodyFormat::Form => "application/x-www-form-urlencoded",
        BodyFormat::Json => "application/json",
    };
    let mut response = http.send(endpoint, url, replay, |c| {
        let mut request = c
            .post(url)
            .header("Accept", "application/json")
            .header("Content-Type", content_type)
            .body(encoded.clone());
        if let Some(value) = &authorization {
            request = request.header("Authorization", value);
        }
        request
    })?;
    response.secrets = sent_secrets(&body, authorization.as_deref(), client);
    Ok(response)
}

/// Every value this request carried that is or may be secret, in the forms
/// a server might echo it in: as sent, form-encoded, and inside Basic.
fn sent_secrets(
    body: &[(String, String)],
    authorization: Option<&str>,
    client: &Client,
) -> Vec<String> {
    let mut secrets: Vec<String> = body
        .iter()
        .filter(|(k, _)| !LOGGABLE_PARAMS.contains(&k.as_str()))
        .map(|(_, v)| v.clone())
        .collect();
    if let Some(secret) = &client.secret {
        secrets.push(secret.expose().to_owned());
    }
    if let Some(header) = authorization {
        secrets.push(header.to_owned());
        if let Some((_, credentials)) = header.split_once(' ') {
            secrets.push(credentials.to_owned());
        }
    }
    let encoded: Vec<String> = secrets
        .iter()
        .map(|s| form_urlencoded::byte_serialize(s.as_bytes()).collect())
        .collect();
    secrets.extend(encoded);
    // Longest first, so that a secret containing another is replaced whole;
    // very short values would only garble the message.
    secrets.retain(|s| s.len() >= 4);
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    secrets.dedup();
    secrets
}

fn refused_client(response: &super::http::Response) -> bool {
    response.status == 401
        || response::parse_error(&response.content_type, &response.body)
            .is_some_and(|e| e.error == "invalid_client")
}

pub struct TokenEndpoint<'a> {
    pub http: &'a Http,
    pub url: &'a str,
    pub client: &'a Client,
}

impl TokenEndpoint<'_> {
    /// POSTs a grant and returns the parsed token response.
    pub fn request(&self, params: &[(String, String)]) -> Result<TokenResponse, Error> {
        let response = post_authenticated(
            self.http,
            "token endpoint",
            self.url,
            self.client,
            params,
            self.client.body,
        )?;
        interpret("token endpoint", &response)
    }
}

fn encode_body(format: BodyFormat, params: &[(String, String)]) -> String {
    match format {
        BodyFormat::Form => form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params)
            .finish(),
        BodyFormat::Json => {
            let map: serde_json::Map<String, serde_json::Value> = params
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            serde_json::Value::Object(map).to_string()
        }
    }
}

fn describe_params(params: &[(String, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| {
            if LOGGABLE_PARAMS.contains(&k.as_str()) {
                format!("{k}={v}")
            } else {
                format!("{k}=<redacted>")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Maps a token-endpoint response to a token or a one-line error.
pub fn interpret(
    endpoint: &'static str,
    response: &super::http::Response,
) -> Result<TokenResponse, Error> {
    let status = response.status;
    let parsed = response::parse(&response.content_type, &response.body);
    if let Parsed::Token(token) = parsed
        && (200..300).contains(&status)
    {
        return Ok(token);
    }
    // From here on the body only feeds an error message: read it with every
    // secret the request carried blanked out, so none can be echoed back.
    let body = redacted_body(response);
    let parsed = response::parse(&response.content_type, &body);
    match parsed {
        Parsed::Token(_) => Err(Error::Http {
            endpoint,
            status,
            excerpt: None,
            hint: http_hint(status).to_owned(),
        }),
        Parsed::Error(error) => Err(oauth_error(endpoint, status, error)),
        Parsed::Invalid(what) if (200..300).contains(&status) => {
            Err(Error::Untrustworthy { endpoint, what })
        }
        _ if (300..400).contains(&status) => Err(Error::Http {
            endpoint,
            status,
            excerpt: None,
            hint: "the endpoint redirects: configure the final URL".to_owned(),
        }),
        _ if status == 401 && response.www_authenticate.is_some() => Err(oauth_error(
            endpoint,
            status,
            ErrorResponse {
                error: "invalid_client".into(),
                description: None,
                uri: None,
            },
        )),
        Parsed::Unreadable(what) if (200..300).contains(&status) => Err(Error::Malformed {
            endpoint,
            status,
            what,
        }),
        Parsed::NoToken if (200..300).contains(&status) => Err(Error::Malformed {
            endpoint,
            status,
            what: "a response without access_token".into(),
        }),
        _ => Err(Error::Http {
            endpoint,
            status,
            excerpt: response::excerpt(&body, 80),
            hint: http_hint(status).to_owned(),
        }),
    }
}

/// The body with each of `response.secrets` replaced by `[redacted]` (no
/// angle brackets: the excerpt of an HTML page drops those as tags).
fn redacted_body(response: &super::http::Response) -> Vec<u8> {
    if response.secrets.is_empty() {
        return response.body.clone();
    }
    let mut text = String::from_utf8_lossy(&response.body).into_owned();
    for secret in &response.secrets {
        if text.contains(secret.as_str()) {
            text = text.replace(secret.as_str(), "[redacted]");
        }
    }
    text.into_bytes()
}

fn http_hint(status: u16) -> &'static str {
    match status {
        404 | 405 => "check the endpoint URL",
        401 | 403 => "check the client id and secret",
        429 => "the provider is rate limiting: retry later",
        500..=599 => "the provider is failing: try again later",
        _ => "check the endpoint URL and the client settings",
    }
}

/// The error for a failed response: the OAuth error in its body, else the
/// status with a short excerpt and `hint`.
pub fn failure(endpoint: &'static str, response: &super::http::Response, hint: &str) -> Error {
    let body = redacted_body(response);
    match response::parse_error(&response.content_type, &body) {
        Some(error) => oauth_error(endpoint, response.status, error),
        None => Error::Http {
            endpoint,
            status: response.status,
            excerpt: response::excerpt(&body, 80),
            hint: hint.to_owned(),
        },
    }
}

pub fn oauth_error(endpoint: &'static str, status: u16, error: ErrorResponse) -> Error {
    let hint = match error.error.as_str() {
        "invalid_client" => "check --client-id and --client-secret, or try another --client-auth",
        "invalid_scope" => "check --scope against what the client may request",
        "invalid_grant" => "the code, password or token was rejected or has expired",
        "unauthorized_client" => {
            "the client is not allowed this grant: check its settings at the provider"
        }
        "unsupported_grant_type" => "the provider does not support this grant",
        "invalid_request" => "check the parameters (--param, --audience, --resource)",
        "invalid_target" => "check --resource and --audience",
        "access_denied" => "the request was denied",
        "temporarily_unavailable" | "server_error" => "the provider is failing: try again later",
        _ => "see the provider's documentation",
    };
    let hint = match &error.uri {
        Some(uri) => format!("{hint} (see {uri})"),
        None => hint.to_owned(),
    };
    Error::OAuth {
        endpoint,
        status,
        code: error.error,
        description: error.description,
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_header_form_encodes_per_rfc6749() {
        let header = Client::basic_header("client id", "p@ss:w/rd+&=%~ x");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(header.strip_prefix("Basic ").unwrap())
            .unwrap();
        assert_eq!(
            String::from_utf8(decoded).unwrap(),
            "client+id:p%40ss%3Aw%2Frd%2B%26%3D%25%7E+x"
        );
    }

    #[test]
    fn seed_apigee_basic_example() {
        assert_eq!(
            Client::basic_header("123abc", "456def"),
            "Basic MTIzYWJjOjQ1NmRlZg=="
        );
    }

    #[test]
    fn logged_params_hide_secrets() {
        let line = describe_params(&[
            ("grant_type".into(), "refresh_token".into()),
            ("refresh_token".into(), "rt-secret".into()),
            ("client_secret".into(), "cs".into()),
        ]);
        assert!(line.contains("grant_type=refresh_token"));
        assert!(!line.contains("rt-secret") && !line.contains("=cs"));
    }

    #[test]
    fn json_body_encoding() {
        let body = encode_body(BodyFormat::Json, &[("code".into(), "a&b".into())]);
        assert_eq!(body, r#"{"code":"a&b"}"#);
        let body = encode_body(BodyFormat::Form, &[("code".into(), "a&b c".into())]);
        assert_eq!(body, "code=a%26b+c");
    }
}
