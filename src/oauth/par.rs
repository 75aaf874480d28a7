//! Pushed authorization requests (RFC 9126): the authorization request's
//! parameters go to the server in an authenticated POST, and the browser
//! gets only a `request_uri` for them, so nothing in the URL can be read or
//! changed on the way.

use super::Error;
use super::client::{Client, failure, post_form};
use super::grant::Param;
use super::http::{Http, Response};

/// A `request_uri` fits in a URL; one larger than this is not an answer.
const MAX_REQUEST_URI: usize = 2048;

/// POSTs `params` and returns the `request_uri` to send the browser with.
pub fn push(
    http: &Http,
    url: &str,
    client: &Client,
    params: &[(String, String)],
) -> Result<String, Error> {
    let endpoint = "pushed authorization request endpoint";
    // RFC 9126 §2.1: client_id is in the body whatever the authentication
    // (Spring Authorization Server refuses a Basic-authenticated push
    // without it); the methods that put it there themselves add it once.
    let mut body: Vec<Param> = params
        .iter()
        .filter(|(k, _)| k != "client_id")
        .map(|(k, v)| Param::plain(k.clone(), v.clone()))
        .collect();
    if !client.sends_id_in_body()
        && let Some((_, id)) = params.iter().find(|(k, _)| k == "client_id")
    {
        body.push(Param::plain("client_id", id.clone()));
    }
    // Each POST makes a new request_uri: sending it again costs nothing.
    let response = post_form(http, endpoint, url, client, &body)?;
    if !(200..300).contains(&response.status) {
        return Err(failure(
            endpoint,
            &response,
            "check the client's PAR settings at the provider",
            None,
        ));
    }
    Response::word(
        &response.json(endpoint)?,
        endpoint,
        "request_uri",
        MAX_REQUEST_URI,
    )
}
