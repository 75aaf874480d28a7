//! The token endpoint: client authentication, body encoding, error mapping.

use super::Error;
use super::grant::{Grant, Param, ParamValue};
use super::http::Http;
pub use super::http::Replay;
use super::response::{self, ErrorResponse, Parsed, TokenResponse};
use super::types::{BodyFormat, ClientAuth, ErrorCode};
use crate::secret::Secret;
use base64::Engine;

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
        body: &mut Vec<Param>,
        encoding: BasicEncoding,
    ) -> Result<Option<Secret>, Error> {
        match &self.auth {
            ClientAuth::Basic | ClientAuth::BasicRaw => {
                let (Some(id), Some(secret)) = (&self.id, &self.secret) else {
                    return Err(Error::Misconfigured(
                        "Basic client authentication needs a client id and a client secret"
                            .to_owned(),
                    ));
                };
                Ok(Some(Secret::new(match encoding {
                    BasicEncoding::FormEncoded => Client::basic_header(id, secret.expose()),
                    BasicEncoding::Raw => Client::raw_basic_header(id, secret.expose()),
                })))
            }
            ClientAuth::Post | ClientAuth::None | ClientAuth::Tls => {
                if let Some(id) = &self.id {
                    body.push(Param::plain("client_id", id.clone()));
                }
                if let (ClientAuth::Post, Some(secret)) = (&self.auth, &self.secret) {
                    body.push(Param::secret("client_secret", secret.clone()));
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
    params: &[Param],
    format: BodyFormat,
    replay: Replay,
) -> Result<super::http::Response, Error> {
    let first = if client.auth == ClientAuth::BasicRaw {
        BasicEncoding::Raw
    } else {
        BasicEncoding::FormEncoded
    };
    let response = post_once(http, endpoint, url, client, params, format, first, replay)?;
    if client.auth == ClientAuth::Basic && client.encoding_matters() && refused_client(&response) {
        log::info!(
            "{endpoint} refused the RFC 6749 form-encoded Basic credentials; retrying with them raw (the basic-raw method skips this first try)"
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

/// POSTs a `token` and its `token_type_hint`, as revocation (RFC 7009) and
/// introspection (RFC 7662) both take them, with client authentication.
pub fn post_token_about(
    http: &Http,
    endpoint: &'static str,
    url: &str,
    client: &Client,
    token: &Secret,
    hint: &str,
) -> Result<super::http::Response, Error> {
    let body = vec![
        Param::secret("token", token.clone()),
        Param::plain("token_type_hint", hint),
    ];
    post_authenticated(
        http,
        endpoint,
        url,
        client,
        &body,
        BodyFormat::Form,
        Replay::Safe,
    )
}

#[allow(clippy::too_many_arguments)]
fn post_once(
    http: &Http,
    endpoint: &'static str,
    url: &str,
    client: &Client,
    params: &[Param],
    format: BodyFormat,
    encoding: BasicEncoding,
    replay: Replay,
) -> Result<super::http::Response, Error> {
    let mut body = params.to_vec();
    let authorization = client.authenticate(&mut body, encoding)?;
    log::debug!(
        "{endpoint}: POST {} ({}, client auth {:?}) {}",
        super::http::redact_url(url),
        format.name(),
        client.auth,
        describe_params(&body)
    );
    let encoded = encode_body(format, &body);
    let mut response = http.send(endpoint, url, replay, |c| {
        let mut request = c
            .post(url)
            .header("Accept", "application/json")
            .header("Content-Type", format.content_type())
            .body(encoded.clone());
        if let Some(value) = &authorization {
            request = request.header("Authorization", value.expose());
        }
        request
    })?;
    response.secrets = sent_secrets(&body, authorization.as_ref(), client);
    Ok(response)
}

/// Every value this request carried that is secret, in the forms a server
/// might echo it in: as sent, form-encoded, and inside Basic.
fn sent_secrets(body: &[Param], authorization: Option<&Secret>, client: &Client) -> Vec<String> {
    let mut secrets: Vec<String> = body
        .iter()
        .filter(|p| p.is_secret())
        .map(|p| p.expose().to_owned())
        .collect();
    // Inside a Basic header the secret is not a parameter, but a server may
    // still quote it.
    if let Some(secret) = &client.secret {
        secrets.push(secret.expose().to_owned());
    }
    if let Some(header) = authorization {
        secrets.push(header.expose().to_owned());
        if let Some((_, credentials)) = header.expose().split_once(' ') {
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

/// A refusal of the client's credentials: 401, `invalid_client` with any
/// status (some servers answer 400), or glewlwyd's `403 unauthorized_client`
/// for Basic credentials it did not form-decode.
fn refused_client(response: &super::http::Response) -> bool {
    let code = response::parse_error(&response.content_type, &response.body)
        .map(|e| ErrorCode::from(e.error.as_str()));
    response.status == 401
        || code == Some(ErrorCode::InvalidClient)
        || (response.status == 403 && code == Some(ErrorCode::UnauthorizedClient))
}

pub struct TokenEndpoint<'a> {
    pub http: &'a Http,
    pub url: &'a str,
    pub client: &'a Client,
}

impl TokenEndpoint<'_> {
    /// POSTs `grant` (with `extra` parameters it does not set itself) and
    /// returns the parsed token response.
    pub fn request(&self, grant: &Grant, extra: &[Param]) -> Result<TokenResponse, Error> {
        let mut params = grant.params();
        for param in extra {
            if !params.iter().any(|p| p.name == param.name) {
                params.push(param.clone());
            }
        }
        // A code or refresh token works once: sent twice, it may be spent
        // (or, with reuse detection, end the grant).
        let replay = if grant.kind().is_single_use() {
            Replay::SingleUse
        } else {
            Replay::Safe
        };
        let response = post_authenticated(
            self.http,
            "token endpoint",
            self.url,
            self.client,
            &params,
            self.client.body,
            replay,
        )?;
        interpret("token endpoint", &response)
    }
}

/// Secrets are exposed here, and only here, on their way into the body.
fn encode_body(format: BodyFormat, params: &[Param]) -> String {
    match format {
        BodyFormat::Form => form_urlencoded::Serializer::new(String::new())
            .extend_pairs(params.iter().map(|p| (p.name.as_str(), p.expose())))
            .finish(),
        BodyFormat::Json => {
            let map: serde_json::Map<String, serde_json::Value> = params
                .iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        serde_json::Value::String(p.expose().to_owned()),
                    )
                })
                .collect();
            serde_json::Value::Object(map).to_string()
        }
    }
}

fn describe_params(params: &[Param]) -> String {
    params
        .iter()
        .map(|p| match &p.value {
            ParamValue::Plain(value) => format!("{}={value}", p.name),
            ParamValue::Secret(_) => format!("{}=<redacted>", p.name),
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
    Error::OAuth {
        endpoint,
        status,
        code: ErrorCode::from(error.error.as_str()),
        description: error.description,
        uri: error.uri,
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
            Param::plain("grant_type", "refresh_token"),
            Param::secret("refresh_token", Secret::new("rt-secret")),
            Param::secret("client_secret", Secret::new("cs")),
        ]);
        assert!(line.contains("grant_type=refresh_token"));
        assert!(!line.contains("rt-secret") && !line.contains("=cs"));
    }

    #[test]
    fn json_body_encoding() {
        let body = encode_body(
            BodyFormat::Json,
            &[Param::secret("code", Secret::new("a&b"))],
        );
        assert_eq!(body, r#"{"code":"a&b"}"#);
        let body = encode_body(BodyFormat::Form, &[Param::plain("code", "a&b c")]);
        assert_eq!(body, "code=a%26b+c");
    }
}
