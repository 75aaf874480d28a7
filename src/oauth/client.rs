//! The token endpoint: client authentication, body encoding, error mapping.

use super::Error;
use super::dpop::{Dpop, ProofFor};
use super::grant::{Grant, Param, ParamValue};
use super::http::Http;
pub use super::http::Replay;
use super::jws;
use super::response::{self, ErrorResponse, Parsed, TokenResponse};
use super::types::{BodyFormat, ClientAuth, ErrorCode};
use crate::secret::Secret;
use base64::Engine;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Client {
    pub id: Option<String>,
    pub secret: Option<Secret>,
    pub auth: ClientAuth,
    pub body: BodyFormat,
    /// The DPoP key (RFC 9449) whose proof goes with every request this
    /// client makes: set for the token and PAR endpoints of a DPoP login.
    pub dpop: Option<Arc<Dpop>>,
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
            dpop: None,
        }
    }

    /// The same client, proving possession of `dpop` on every request.
    pub fn with_dpop(mut self, dpop: Option<Arc<Dpop>>) -> Client {
        self.dpop = dpop;
        self
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

/// `client_assertion_type` for a JWT (RFC 7523 §2.2).
pub const JWT_BEARER_ASSERTION: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// How long a self-signed client assertion is valid: it is made for one
/// request, sent at once, and works once.
pub const ASSERTION_LIFETIME: u64 = 60;

impl Client {
    /// Whether [`Client::authenticate`] puts `client_id` in the body: every
    /// method but Basic, where it travels in the header.
    pub fn sends_id_in_body(&self) -> bool {
        !matches!(self.auth, ClientAuth::Basic | ClientAuth::BasicRaw)
    }

    /// Puts the client's credentials where its auth method says: the body
    /// for post/none and the JWT methods, or the returned Authorization
    /// header for Basic. A client assertion is made afresh on every call.
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
            ClientAuth::ReadyAssertion(source) => {
                let assertion = (source.fetch)()
                    .map_err(|why| Error::Misconfigured(format!("{}: {why}", source.name)))?;
                if let Some(id) = &self.id {
                    body.push(Param::plain("client_id", id.clone()));
                }
                body.push(Param::plain("client_assertion_type", JWT_BEARER_ASSERTION));
                body.push(Param::secret("client_assertion", assertion));
                Ok(None)
            }
            ClientAuth::PrivateKeyJwt { .. } | ClientAuth::ClientSecretJwt { .. } => {
                let Some(id) = &self.id else {
                    return Err(Error::Misconfigured(format!(
                        "{} client authentication needs a client id",
                        self.auth.name()
                    )));
                };
                let assertion = self.assertion(id, unix_now())?;
                body.push(Param::plain("client_id", id.clone()));
                body.push(Param::plain("client_assertion_type", JWT_BEARER_ASSERTION));
                body.push(Param::secret("client_assertion", assertion));
                Ok(None)
            }
        }
    }

    /// A fresh client assertion (RFC 7523 §3, OIDC Core §9): iss = sub =
    /// the client id, a random jti, valid [`ASSERTION_LIFETIME`] seconds
    /// from `now`.
    fn assertion(&self, id: &str, now: u64) -> Result<Secret, Error> {
        let (alg, naming, audience) = match &self.auth {
            ClientAuth::PrivateKeyJwt { key, audience } => {
                (key.alg(), key.header_members(), audience)
            }
            ClientAuth::ClientSecretJwt { alg, audience } => (*alg, Vec::new(), audience),
            _ => {
                return Err(Error::Misconfigured(format!(
                    "{} client authentication makes no assertion",
                    self.auth.name()
                )));
            }
        };
        let aud = audience.0.as_str();
        let jti =
            super::pkce::random_token().map_err(|err| Error::Misconfigured(err.to_string()))?;
        let mut header = serde_json::json!({ "alg": alg.name(), "typ": "JWT" });
        for (name, value) in naming {
            header[name] = value.into();
        }
        let claims = serde_json::json!({
            "iss": id,
            "sub": id,
            "aud": aud,
            "jti": jti,
            "iat": now,
            "exp": now + ASSERTION_LIFETIME,
        });
        let signed = match &self.auth {
            ClientAuth::PrivateKeyJwt { key, .. } => {
                jws::compact(&header, &claims, |input| key.sign(input))
            }
            _ => {
                let Some(secret) = &self.secret else {
                    return Err(Error::Misconfigured(
                        "client_secret_jwt client authentication needs a client secret".to_owned(),
                    ));
                };
                jws::compact(&header, &claims, |input| {
                    Ok(jws::hmac(alg, secret.expose().as_bytes(), input))
                })
            }
        };
        signed.map(Secret::new).map_err(|err| {
            Error::Misconfigured(format!("could not sign the client assertion: {err}"))
        })
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
    let first = if matches!(client.auth, ClientAuth::BasicRaw) {
        BasicEncoding::Raw
    } else {
        BasicEncoding::FormEncoded
    };
    let mut response = post_once(http, endpoint, url, client, params, format, first, replay)?;
    if wants_new_nonce(client, &response) {
        // RFC 9449 §8: the request was refused before it was acted on, so
        // even a single-use grant may go again, once, with the nonce.
        log::info!("{endpoint} asked for a DPoP nonce; sending the request again with it");
        response = post_once(http, endpoint, url, client, params, format, first, replay)?;
    }
    if matches!(client.auth, ClientAuth::Basic)
        && client.encoding_matters()
        && refused_client(&response)
    {
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
    post_form(http, endpoint, url, client, &body)
}

/// [`post_authenticated`] with a form body, for the endpoints where a second
/// request costs nothing (revocation, introspection, PAR).
pub fn post_form(
    http: &Http,
    endpoint: &'static str,
    url: &str,
    client: &Client,
    params: &[Param],
) -> Result<super::http::Response, Error> {
    post_authenticated(
        http,
        endpoint,
        url,
        client,
        params,
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
    // Built anew for each attempt: a client assertion must not be replayed.
    let mut sent: Option<(Vec<Param>, Option<Secret>)> = None;
    let mut response = http.send_built(endpoint, url, replay, |c| {
        let mut body = params.to_vec();
        let authorization = client.authenticate(&mut body, encoding)?;
        log::debug!(
            "{endpoint}: POST {} ({}, client auth {}) {}",
            super::http::redact_url(url),
            format.name(),
            client.auth.name(),
            describe_params(&body)
        );
        let mut request = c
            .post(url)
            .header("Accept", "application/json")
            .header("Content-Type", format.content_type())
            .body(encode_body(format, &body));
        if let Some(value) = &authorization {
            request = request.header("Authorization", value.expose());
        }
        if let Some(dpop) = &client.dpop {
            let nonce = dpop.nonce();
            let proof = dpop
                .proof(
                    &ProofFor {
                        htm: "POST",
                        htu: url,
                        access_token: None,
                        nonce: nonce.as_deref(),
                    },
                    unix_now(),
                )
                .map_err(|err| Error::Misconfigured(err.to_string()))?;
            request = request.header("DPoP", proof.expose());
        }
        sent = Some((body, authorization));
        Ok(request)
    })?;
    // A server may hand out the next nonce with any answer (RFC 9449 §8.2).
    if let (Some(dpop), Some(nonce)) = (&client.dpop, &response.dpop_nonce)
        && dpop.remember_nonce(nonce)
    {
        response.fresh_dpop_nonce = true;
    }
    if let Some((body, authorization)) = &sent {
        response.secrets = sent_secrets(body, authorization.as_ref(), client);
    }
    Ok(response)
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
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

/// The server refused the DPoP proof for want of a nonce and sent one this
/// client did not use yet (`use_dpop_nonce`, RFC 9449 §8): worth one more try.
fn wants_new_nonce(client: &Client, response: &super::http::Response) -> bool {
    client.dpop.is_some()
        && response.fresh_dpop_nonce
        && matches!(response.status, 400 | 401)
        && response::parse_error(&response.content_type, &response.body)
            .is_some_and(|e| e.error == "use_dpop_nonce")
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
        let mut token = interpret("token endpoint", &response)?;
        if let Some(dpop) = &self.client.dpop {
            if !super::dpop::is_dpop_token_type(token.token_type.as_deref()) {
                log::warn!(
                    "the token endpoint issued a {} token, not a DPoP-bound one: the provider ignores DPoP for this client, so the token is used as it is",
                    token.token_type.as_deref().unwrap_or("Bearer")
                );
            }
            token.dpop_key = Some(dpop.stored());
        }
        Ok(token)
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
            remedy: None,
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
            remedy: None,
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
            remedy: None,
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
pub fn failure(
    endpoint: &'static str,
    response: &super::http::Response,
    hint: &str,
    remedy: Option<super::Remedy>,
) -> Error {
    let body = redacted_body(response);
    match response::parse_error(&response.content_type, &body) {
        Some(error) => oauth_error(endpoint, response.status, error),
        None => Error::Http {
            endpoint,
            status: response.status,
            excerpt: response::excerpt(&body, 80),
            hint: hint.to_owned(),
            remedy,
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
    use crate::oauth::types::AssertionAudience;

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

    fn decode(part: &str) -> serde_json::Value {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    fn key_client(audience: AssertionAudience) -> (Client, std::sync::Arc<jws::SigningKey>) {
        let pem = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/oauth/jws/testdata/p256.pkcs8.pem"),
        )
        .unwrap();
        let key = jws::PrivateKey::parse(&pem, None).unwrap();
        let key = std::sync::Arc::new(jws::SigningKey::new(key, Some("k1".into()), None).unwrap());
        let client = Client::new(
            Some("my-client".into()),
            None,
            Some(ClientAuth::PrivateKeyJwt {
                key: key.clone(),
                audience,
            }),
            BodyFormat::Form,
        );
        (client, key)
    }

    #[test]
    fn private_key_jwt_sends_a_fresh_signed_assertion() {
        use ring::signature::{ECDSA_P256_SHA256_FIXED, UnparsedPublicKey};
        let url = "https://id.example.com/oauth2/token";
        let (client, key) = key_client(AssertionAudience(url.into()));
        let mut body = Vec::new();
        let header = client
            .authenticate(&mut body, BasicEncoding::FormEncoded)
            .unwrap();
        assert!(header.is_none());
        let names: Vec<&str> = body.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            ["client_id", "client_assertion_type", "client_assertion"]
        );
        assert_eq!(body[0].expose(), "my-client");
        assert_eq!(body[1].expose(), JWT_BEARER_ASSERTION);
        assert!(body[2].is_secret(), "the assertion is a secret");
        assert!(!describe_params(&body).contains(body[2].expose()));

        let jwt = body[2].expose().to_owned();
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(
            decode(parts[0]),
            serde_json::json!({"alg": "ES256", "typ": "JWT", "kid": "k1"})
        );
        let claims = decode(parts[1]);
        assert_eq!(claims["iss"], "my-client");
        assert_eq!(claims["sub"], "my-client");
        assert_eq!(claims["aud"], url);
        let iat = claims["iat"].as_u64().unwrap();
        assert!(iat.abs_diff(unix_now()) < 5);
        assert_eq!(claims["exp"].as_u64().unwrap(), iat + ASSERTION_LIFETIME);
        assert_eq!(claims["jti"].as_str().unwrap().len(), 43);
        let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(parts[2])
            .unwrap();
        let signed = format!("{}.{}", parts[0], parts[1]);
        UnparsedPublicKey::new(&ECDSA_P256_SHA256_FIXED, key.public_key())
            .verify(signed.as_bytes(), &signature)
            .expect("the signature verifies");

        let mut again = Vec::new();
        client
            .authenticate(&mut again, BasicEncoding::FormEncoded)
            .unwrap();
        let claims2 = decode(again[2].expose().split('.').nth(1).unwrap());
        assert_ne!(claims["jti"], claims2["jti"], "a new jti per request");
    }

    #[test]
    fn assertion_audience_can_be_the_issuer() {
        let (client, _) = key_client(AssertionAudience("https://id.example.com".into()));
        let jwt = client.assertion("my-client", 1000).unwrap();
        let claims = decode(jwt.expose().split('.').nth(1).unwrap());
        assert_eq!(
            claims,
            serde_json::json!({
                "iss": "my-client", "sub": "my-client", "aud": "https://id.example.com",
                "jti": claims["jti"], "iat": 1000, "exp": 1060
            })
        );
    }

    #[test]
    fn client_secret_jwt_is_hmac_with_the_secret() {
        let client = Client::new(
            Some("c".into()),
            Some(Secret::new("s".repeat(48))),
            Some(ClientAuth::ClientSecretJwt {
                alg: jws::JwsAlg::HS384,
                audience: AssertionAudience("https://as/token".into()),
            }),
            BodyFormat::Form,
        );
        let jwt = client.assertion("c", 1).unwrap();
        let jwt = jwt.expose();
        let parts: Vec<&str> = jwt.split('.').collect();
        assert_eq!(
            decode(parts[0]),
            serde_json::json!({"alg": "HS384", "typ": "JWT"})
        );
        let mac = jws::hmac(
            jws::JwsAlg::HS384,
            "s".repeat(48).as_bytes(),
            format!("{}.{}", parts[0], parts[1]).as_bytes(),
        );
        assert_eq!(
            parts[2],
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac)
        );
        let no_secret = Client {
            secret: None,
            ..client
        };
        assert!(no_secret.assertion("c", 1).is_err());
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
