//! `oauthctl login`: get a token set with some grant and store it. The
//! default is the browser flow; `--device`, `--password-grant`, `--grant-type`
//! and `--with-refresh-token` cover machines and providers without one.

use super::Ctx;
use super::engine::{self, Slot, request_params};
use crate::browser::{self, Opened};
use crate::cli::LoginArgs;
use crate::error::usage;
use crate::jwt;
use crate::loopback::{IssuerCheck, Listener};
use crate::oauth::authorize::AuthorizationRequest;
use crate::oauth::client::TokenEndpoint;
use crate::oauth::device;
use crate::oauth::grant::Grant;
use crate::oauth::pkce::{Pkce, random_token};
use crate::oauth::types::GrantKind;
use crate::output;
use crate::secret::Secret;
use crate::settings::Profile;
use crate::store::TokenSet;
use anyhow::{Context, Result};
use std::io::{IsTerminal, Read};
use std::time::Duration;

/// The exit code of a login ended by Ctrl-C, as a shell reports SIGINT.
const CANCELLED: i32 = 130;

pub fn run(ctx: &Ctx, args: &LoginArgs) -> Result<()> {
    // A login waits on a person (browser, device code, prompt): Ctrl-C is an
    // answer, not a crash. Nothing is half-written by leaving here: a save is
    // a rename, and what was stored before stays.
    let _ = ctrlc::set_handler(|| {
        crate::diag::write_now(format_args!("oauthctl: login cancelled"));
        std::process::exit(CANCELLED);
    });
    let profile = from_resource(ctx, Profile::resolve(&ctx.globals, &args.provider)?)?;
    let profile = with_document_client(ctx, profile)?;
    if profile.unconfigured {
        return Err(crate::error::nothing_configured(&ctx.globals.config_path));
    }
    if args.provider.client_secret.as_ref().map(|s| s.expose()) == Some("-")
        && (args.with_refresh_token.as_deref() == Some("-") || args.password_stdin)
    {
        return Err(usage(
            "stdin can carry only one secret: use --client-secret-file or $OAUTHCTL_CLIENT_SECRET for the client secret",
        ));
    }
    let slot = Slot::for_profile(&profile);
    // A store that cannot be used must fail before a grant is spent: a
    // redeemed (and rotated) refresh token that cannot be stored is lost.
    let store = ctx.store_for(&profile)?;
    if let Err(err) = store.load(&slot.key) {
        if err.downcast_ref::<crate::store::Damaged>().is_none() {
            return Err(err.context("the token store cannot be used, so nothing was requested"));
        }
        log::warn!("{err:#}; this login replaces it");
    }
    engine::check_writable(ctx, &profile, &slot.key)?;
    let (mut set, nonce) = if let Some(source) = &args.with_refresh_token {
        let refresh_token = read_refresh_token(source)?;
        let seed = TokenSet {
            refresh_token: Some(refresh_token.clone()),
            expires_at: Some(0),
            ..TokenSet::default()
        };
        (
            engine::refresh_with(ctx, &profile, &seed, &refresh_token)?,
            None,
        )
    } else if args.password_grant {
        (password_grant(ctx, &profile, args)?, None)
    } else if let Some(grant_type) = &args.grant_type {
        // jwt-bearer is a grant oauthctl makes the assertion for (signed with
        // --client-key, or read from --assertion-file); any other comes with
        // its parameters from --param.
        let grant = match GrantKind::from(grant_type.as_str()) {
            GrantKind::JwtBearer => Grant::JwtBearer(engine::jwt_bearer_assertion(ctx, &profile)?),
            _ => Grant::Extension {
                grant_type: grant_type.clone(),
            },
        };
        let client = engine::grant_client(ctx, &profile, &grant)?;
        let response = engine::exchange(ctx, &profile, &client, &grant, request_params(&profile))?;
        (TokenSet::from_response(response, None, grant.kind()), None)
    } else if args.device {
        let timeout = args.timeout.map(|secs| Duration::from_secs(secs.max(1)));
        (device_login(ctx, &profile, timeout)?, None)
    } else {
        browser_login(ctx, &profile, Interaction::from_args(args, &profile)?)?
    };
    if args.with_refresh_token.is_none() {
        set.requested_scope = profile.scope_string();
    }
    // Only the browser flow sends a nonce; every id_token is checked.
    check_id_token(ctx, &profile, &set, nonce.as_deref())?;
    save_and_report(ctx, &profile, &slot, &set, args.output.output)
}

/// OpenID Connect Core §3.1.3.7 on whatever id_token the login produced,
/// before anything is stored. `nonce` is the one the browser flow sent.
pub fn check_id_token(
    ctx: &Ctx,
    profile: &Profile,
    set: &TokenSet,
    nonce: Option<&str>,
) -> Result<()> {
    let Some(id_token) = &set.id_token else {
        return Ok(());
    };
    let Some(client_id) = profile.client_id.as_deref() else {
        log::debug!("no client id to check the id_token's audience against");
        return Ok(());
    };
    let discovered = engine::metadata(ctx, profile)
        .ok()
        .flatten()
        .and_then(|m| m.issuer);
    let issuer = discovered.as_deref().or(profile.issuer.as_deref());
    crate::oauth::id_token::validate(
        id_token.expose(),
        &crate::oauth::id_token::Expected {
            issuer,
            client_id,
            nonce,
            now: crate::store::now(),
        },
    )?;
    Ok(())
}

fn client_id(profile: &Profile) -> Result<String> {
    profile.client_id.clone().ok_or_else(|| {
        usage("login needs a client: give --client-id (or set client_id in the profile), or --client-metadata-url URL where the server takes client metadata documents")
    })
}

/// How a login meets the person: what `login`'s flags say, or what a login
/// run on demand finds there.
pub struct Interaction {
    /// Print the URL, and open no browser.
    pub no_browser: bool,
    /// The browser argv (`--browser`, the profile's `browser`), else $BROWSER.
    pub browser: Option<Vec<String>>,
    /// Where the address a browser ended on may be pasted.
    pub paste: Paste,
    pub redirect_uri: Option<String>,
    pub port: Option<u16>,
    /// Bounds the wait for the browser, and the device code's life.
    pub timeout: Option<Duration>,
}

/// Where a pasted redirect is read from.
pub enum Paste {
    Nowhere,
    Stdin,
    /// The terminal of a login run on demand: stdin is a helper protocol's.
    Terminal(std::fs::File),
}

impl Interaction {
    fn from_args(args: &LoginArgs, profile: &Profile) -> Result<Interaction> {
        let browser = match &args.browser {
            Some(command) => Some(
                browser::parse_command(command)
                    .map_err(|err| usage(format!("--browser: {err}")))?,
            ),
            None => profile.browser.clone(),
        };
        Ok(Interaction {
            no_browser: args.no_browser,
            browser,
            // The browser used may be on another machine (or none opened
            // here), where the redirect to this machine's 127.0.0.1 fails.
            // Its address bar still holds the answer, so on a terminal it
            // can always be pasted (the listener stays up too): a launcher
            // that claims success may still have opened nothing anyone sees.
            paste: if args.paste || std::io::stdin().is_terminal() {
                Paste::Stdin
            } else {
                Paste::Nowhere
            },
            redirect_uri: profile.redirect_uri.clone(),
            port: profile.port,
            timeout: args.timeout.map(|secs| Duration::from_secs(secs.max(1))),
        })
    }
}

/// The wait for a browser login, unless `--timeout` says otherwise.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(300);

/// An authorization request ready to send the browser to.
struct Authorization {
    url: String,
    state: String,
    pkce: Pkce,
    nonce: Option<String>,
    client: crate::oauth::client::Client,
    expected_issuer: Option<IssuerCheck>,
    has_device_flow: bool,
}

/// Authorization code + PKCE S256 + state (+ nonce for OpenID) through the
/// browser and a loopback listener.
/// Also returns the nonce it sent, for the id_token check.
pub fn browser_login(
    ctx: &Ctx,
    profile: &Profile,
    interaction: Interaction,
) -> Result<(TokenSet, Option<String>)> {
    let listener = Listener::bind(interaction.redirect_uri.as_deref(), interaction.port)?;
    let authorization = authorize(ctx, profile, listener.redirect_uri())?;
    let pasted = show(
        ctx,
        profile,
        &authorization,
        interaction.no_browser,
        interaction.browser.as_deref(),
        interaction.paste,
    );
    ctx.note("Waiting for the browser to finish the login (Ctrl-C to cancel)...");
    let callback = listener.wait(
        &authorization.state,
        authorization.expected_issuer.as_ref(),
        interaction.timeout.unwrap_or(BROWSER_TIMEOUT),
        pasted.as_ref(),
    )?;
    let redirect_uri = listener.redirect_uri().to_owned();
    drop(listener);
    let grant = Grant::AuthorizationCode {
        code: callback.code,
        verifier: authorization.pkce.verifier,
        redirect_uri,
    };
    let response = engine::exchange(ctx, profile, &authorization.client, &grant, Vec::new())?;
    let mut set = TokenSet::from_response(response, None, grant.kind());
    set.requested_scope = profile.scope_string();
    Ok((set, authorization.nonce))
}

/// Builds (and with PAR, pushes) the authorization request for
/// `redirect_uri`, after checking everything the code exchange needs, so
/// that no one spends time in a browser for a login that cannot finish.
fn authorize(ctx: &Ctx, profile: &Profile, redirect_uri: &str) -> Result<Authorization> {
    let metadata = engine::metadata(ctx, profile)?;
    let auth_url = profile
        .auth_url
        .clone()
        .or_else(|| metadata.as_ref().and_then(|m| m.authorization_endpoint.clone()))
        .ok_or_else(|| {
            usage("no authorization endpoint: give --auth-url or --issuer, or use --device or --password-grant")
        })?;
    check_pkce(profile, metadata.as_ref())?;
    let client_id = client_id(profile)?;
    engine::token_url(ctx, profile)?;
    profile.client_secret()?;
    let pkce = Pkce::new()?;
    let state = random_token()?;
    let nonce = profile
        .scopes
        .iter()
        .any(|s| s == "openid")
        .then(random_token)
        .transpose()?;
    let client = engine::token_client(ctx, profile, None)?;
    let extra = authorization_extras(profile, &client);
    let scope = profile.scope_string();
    let request = AuthorizationRequest {
        auth_url: &auth_url,
        client_id: &client_id,
        redirect_uri,
        scope: scope.as_deref(),
        state: &state,
        code_challenge: &pkce.challenge,
        nonce: nonce.as_deref(),
        extra: &extra,
    };
    let required = metadata
        .as_ref()
        .is_some_and(|m| m.require_pushed_authorization_requests);
    let url = if profile.par || required {
        let endpoint = metadata
            .as_ref()
            .and_then(|m| m.pushed_authorization_request_endpoint.clone())
            .ok_or_else(|| {
                usage("--par: the provider's discovery document names no pushed_authorization_request_endpoint")
            })?;
        let request_uri = crate::oauth::par::push(
            ctx.http_for(profile)?,
            &endpoint,
            &client,
            &request.params(),
        )?;
        request.pushed_url(&request_uri)?
    } else {
        request.url()?
    };
    let expected_issuer = metadata
        .as_ref()
        .and_then(|m| m.issuer.clone())
        .or_else(|| profile.issuer.clone())
        .map(|issuer| IssuerCheck {
            issuer,
            required: metadata
                .as_ref()
                .is_some_and(|m| m.authorization_response_iss_parameter_supported),
        });
    let has_device_flow = profile.device_url.is_some()
        || metadata
            .as_ref()
            .is_some_and(|m| m.device_authorization_endpoint.is_some());
    Ok(Authorization {
        url,
        state,
        pkce,
        nonce,
        client,
        expected_issuer,
        has_device_flow,
    })
}

/// The authorization request's parameters beyond RFC 6749's own.
fn authorization_extras(
    profile: &Profile,
    client: &crate::oauth::client::Client,
) -> Vec<(String, String)> {
    // Auth0 wants the audience, RFC 8707 the resource, on the authorization request too.
    let mut extra = Vec::new();
    if let Some(audience) = &profile.audience {
        extra.push(("audience".to_owned(), audience.clone()));
    }
    if let Some(resource) = &profile.resource {
        extra.push(("resource".to_owned(), resource.clone()));
    }
    if let Some(hint) = &profile.login_hint {
        extra.push(("login_hint".to_owned(), hint.clone()));
    }
    // The code is bound to this login's DPoP key (RFC 9449 §10), so a code
    // caught on the way is worth nothing without it.
    if let Some(dpop) = &client.dpop {
        extra.push(("dpop_jkt".to_owned(), dpop.thumbprint()));
    }
    for (k, v) in &profile.auth_params {
        extra.retain(|(existing, _)| existing != k);
        extra.push((k.clone(), v.clone()));
    }
    extra
}

/// Sends the person to the authorization URL: the browser, and the URL
/// itself to copy. Returns the pasted lines to watch, when a paste can come.
fn show(
    ctx: &Ctx,
    profile: &Profile,
    authorization: &Authorization,
    no_browser: bool,
    configured: Option<&[String]>,
    paste: Paste,
) -> Option<std::sync::mpsc::Receiver<String>> {
    let url = &authorization.url;
    let opened = if no_browser {
        ctx.note(&format!(
            "Open this URL in a browser to log in to {}:\n\n    {url}\n",
            profile.name
        ));
        false
    } else {
        ctx.note(&format!(
            "Opening the browser to log in to {}. If it does not open, visit:\n\n    {url}\n",
            profile.name
        ));
        match browser::open(url, configured) {
            Opened::Yes => true,
            Opened::No(why) => {
                ctx.note(&format!("Could not open a browser here ({why})."));
                false
            }
        }
    };
    let pasted = match paste {
        Paste::Nowhere => None,
        Paste::Stdin => Some(lines_from(std::io::stdin())),
        Paste::Terminal(terminal) => Some(lines_from(terminal)),
    };
    if pasted.is_some() {
        ctx.note(
            "If the browser is on another machine, its last page will not load: copy the address it ended on (http://127.0.0.1…) and paste it here, then press Enter.",
        );
    }
    if (!opened || pasted.is_some()) && authorization.has_device_flow {
        ctx.note(&format!(
            "This provider also has a device flow, which needs no redirect: `oauthctl login -p {} --device`.",
            profile.name
        ));
    }
    pasted
}

/// `--resource-url` with no server configured: the resource names its
/// authorization server (RFC 9728), where oauthctl registers itself when it
/// has no client id (RFC 7591); both are saved in the profile, so the next
/// `token` or `curl` needs nothing more. Tokens are asked for that resource
/// (RFC 8707), with the scope its challenge asks for, else the scopes it
/// lists, when none are configured. A profile saved so is asked again at
/// each login: the resource may have moved to another server.
fn from_resource(ctx: &Ctx, mut profile: Profile) -> Result<Profile> {
    let Some(resource_url) = profile.resource_url.clone() else {
        return Ok(profile);
    };
    if profile.auth_url.is_some() || profile.token_url.is_some() {
        return Ok(profile);
    }
    match (&profile.issuer, &profile.client_issuer) {
        (None, _) => {}
        (Some(issuer), Some(bound)) if issuer == bound => {}
        // The user named the server: it is trusted with their client, but
        // not with one oauthctl registered elsewhere.
        (Some(issuer), bound) => {
            let issuer = issuer.clone();
            if bound.is_some() {
                let metadata = engine::metadata(ctx, &profile)?;
                let chosen =
                    client_for_server(ctx, &mut profile, &resource_url, &issuer, metadata, false)?;
                save_found(ctx, &profile, &resource_url, &issuer, chosen, &[])?;
            }
            return Ok(profile);
        }
    }
    let found = crate::oauth::resource::discover(ctx.http_for(&profile)?, &resource_url)?;
    let issuer = found.authorization_servers[0].clone();
    ctx.note(&format!(
        "{resource_url} is protected by {issuer}\n\n    You will sign in at {}\n",
        origin(&issuer)
    ));
    profile.options.issuer = Some(issuer.clone());
    if profile.resource.is_none() {
        profile.options.resource = Some(found.resource.clone());
    }
    let new_scopes = profile.scopes.is_empty();
    if new_scopes {
        // MCP 2025-11-25: what the challenge asks for, else what the
        // resource lists, else no scope at all.
        profile.options.scopes = if found.challenge_scopes.is_empty() {
            found.scopes_supported.clone()
        } else {
            found.challenge_scopes.clone()
        };
    }
    let metadata = engine::metadata(ctx, &profile)?;
    check_pkce(&profile, metadata.as_ref())?;
    let chosen = client_for_server(ctx, &mut profile, &resource_url, &issuer, metadata, true)?;
    let found_scopes = if new_scopes {
        profile.scopes.clone()
    } else {
        Vec::new()
    };
    save_found(ctx, &profile, &resource_url, &issuer, chosen, &found_scopes)?;
    Ok(profile)
}

/// Saves what discovery found, and the client registered, in the profile.
fn save_found(
    ctx: &Ctx,
    profile: &Profile,
    resource_url: &str,
    issuer: &str,
    chosen: ClientChoice,
    found_scopes: &[String],
) -> Result<()> {
    let mut keys = vec![
        ("resource_url", resource_url.to_owned()),
        ("issuer", issuer.to_owned()),
        ("resource", profile.resource.clone().unwrap_or_default()),
    ];
    if let ClientChoice::Registered(id) = chosen {
        keys.push(("client_id", id));
        keys.push(("client_issuer", issuer.to_owned()));
    }
    super::profile::save_found(&ctx.globals.config_path, &profile.name, &keys, found_scopes)?;
    ctx.note(&format!(
        "Saved the issuer and client of profile {} in {}",
        profile.name,
        ctx.globals.config_path.display()
    ));
    Ok(())
}

/// Which client a login at `issuer` uses.
pub enum ClientChoice {
    /// The profile's own: configured for this server, or registered there before.
    Kept,
    /// One registered now: saved, bound to `issuer`.
    Registered(String),
}

/// Which client logs in at `issuer`, first that fits: a client id that
/// belongs there (configured for it, or registered there before), then
/// one registered now (RFC 7591), else the user is asked to register one.
/// A client id belongs to the server that issued it (RFC 6749 §2.2; MCP
/// 2026-07-28): one registered elsewhere is never sent. `named_by_resource`:
/// the server came from the resource, not the user.
fn client_for_server(
    ctx: &Ctx,
    profile: &mut Profile,
    resource_url: &str,
    issuer: &str,
    metadata: Option<crate::oauth::discovery::Metadata>,
    named_by_resource: bool,
) -> Result<ClientChoice> {
    match profile.client_issuer.clone() {
        Some(bound) if bound == issuer && profile.client_id.is_some() => {
            return Ok(ClientChoice::Kept);
        }
        Some(bound) => {
            if let Some(old) = profile.options.client_id.take() {
                ctx.note(&format!(
                    "Client {old} was registered at {bound}, not at {issuer}: it is not sent there, and oauthctl registers a new client at {issuer}"
                ));
            }
            profile.options.client_issuer = None;
        }
        None if named_by_resource => {
            refuse_credentials_for_named_server(profile, resource_url, issuer)?
        }
        None if profile.client_id.is_some() => return Ok(ClientChoice::Kept),
        None => {}
    }
    // A client metadata document (MCP 2025-11-25) before registration.
    if let Some(url) = super::client_metadata::client_for(ctx, profile, issuer, metadata.as_ref())?
    {
        profile.options.client_id = Some(url.clone());
        profile.options.client_issuer = Some(issuer.to_owned());
        return Ok(ClientChoice::Registered(url));
    }
    let takes_documents = metadata
        .as_ref()
        .is_some_and(|m| m.client_id_metadata_document_supported);
    let endpoint = metadata
        .and_then(|m| m.registration_endpoint)
        .ok_or_else(|| {
            let or_document = if takes_documents {
                " (or, as it takes client metadata documents, host the output of `oauthctl client-metadata --url URL` at an https URL and give --client-metadata-url URL)"
            } else {
                ""
            };
            usage(format!(
                "{issuer} offers no client registration (RFC 7591): register a client there and give --client-id{or_document}"
            ))
        })?;
    let id = crate::oauth::registration::register_native_client(ctx.http_for(profile)?, &endpoint)?;
    ctx.note(&format!("Registered oauthctl at {issuer} as client {id}"));
    profile.options.client_id = Some(id.clone());
    profile.options.client_issuer = Some(issuer.to_owned());
    Ok(ClientChoice::Registered(id))
}

/// PKCE with S256 protects the code on its way back. The MCP authorization
/// spec (2025-11-25) has a client refuse a server whose metadata does not
/// list it, and oauthctl does so for a server found from a resource. A
/// server named with `--issuer` is only warned about when it lists
/// methods without S256: Entra ID and others leave the list out yet do
/// PKCE, and refusing them would break working logins with no way around.
/// Endpoints given by hand are not checked.
fn check_pkce(
    profile: &Profile,
    metadata: Option<&crate::oauth::discovery::Metadata>,
) -> Result<()> {
    let Some(metadata) = metadata else {
        return Ok(());
    };
    let methods = &metadata.code_challenge_methods_supported;
    if profile.auth_url.is_some() || methods.iter().any(|m| m == "S256") {
        return Ok(());
    }
    let issuer = profile
        .issuer
        .as_deref()
        .unwrap_or("the authorization server");
    let listed = if methods.is_empty() {
        "lists no code_challenge_methods_supported".to_owned()
    } else {
        format!(
            "lists code_challenge_methods_supported {}",
            crate::oauth::response::one_line(&methods.join(" "), 100)
        )
    };
    if profile.resource_url.is_some() {
        return Err(usage(format!(
            "{issuer} does not say it supports PKCE with S256 (its metadata {listed}), which the MCP authorization spec requires of a server a resource names: oauthctl does not log in there; ask its operators to enable S256"
        )));
    }
    if !methods.is_empty() {
        log::warn!(
            "{issuer} {listed}, without S256: oauthctl sends a PKCE S256 challenge all the same, which such a server may ignore"
        );
    }
    Ok(())
}

/// An issuer the user named, with no client id: the client metadata
/// document's URL where that server takes one (a resource's server got its
/// client in `from_resource`). A named profile keeps it as its client.
fn with_document_client(ctx: &Ctx, mut profile: Profile) -> Result<Profile> {
    let Some(issuer) = profile.issuer.clone() else {
        return Ok(profile);
    };
    if profile.client_id.is_some() || profile.client_metadata_url.is_none() {
        return Ok(profile);
    }
    let metadata = engine::metadata(ctx, &profile)?;
    let Some(url) = super::client_metadata::client_for(ctx, &profile, &issuer, metadata.as_ref())?
    else {
        return Ok(profile);
    };
    profile.options.client_id = Some(url.clone());
    if profile.named {
        let keys = [("issuer", issuer), ("client_id", url)];
        super::profile::save_found(&ctx.globals.config_path, &profile.name, &keys, &[])?;
    }
    Ok(profile)
}

/// An authorization server that a resource named, not the user, gets no
/// credential configured before it was known: a hostile resource could
/// name its own server and collect the secret, key or assertion (or have
/// a client id meant for another server sent to it). Only a client
/// registered there in this run is used, or one the user ties to that
/// server with `--issuer`.
fn refuse_credentials_for_named_server(
    profile: &Profile,
    resource_url: &str,
    issuer: &str,
) -> Result<()> {
    let configured = match (profile.configured_credential(), &profile.client_id) {
        (Some(credential), _) => credential.to_owned(),
        (None, Some(client_id)) => format!("client id {client_id}"),
        (None, None) => return Ok(()),
    };
    Err(usage(format!(
        "profile {} has {configured}, but its authorization server {issuer} was named by {resource_url}, not by you, so oauthctl sends it nothing configured before: if {issuer} is where that client is registered, say so with --issuer {issuer}; else leave out the client options, and oauthctl registers a client of its own there",
        profile.name
    )))
}

/// `https://id.example.com` of an issuer URL: who the user signs in with.
fn origin(issuer: &str) -> String {
    url::Url::parse(issuer)
        .map(|url| url.origin().ascii_serialization())
        .unwrap_or_else(|_| issuer.to_owned())
}

/// Lines from `input` (stdin, or the terminal), read on a thread of their
/// own while the listener waits; the thread ends with its input (or the
/// process). A paste is a few hundred bytes: longer lines are cut, not
/// buffered without end.
fn lines_from(input: impl Read + Send + 'static) -> std::sync::mpsc::Receiver<String> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut input = std::io::BufReader::new(input);
        loop {
            let mut line = Vec::new();
            match std::io::BufRead::read_until(
                &mut Read::by_ref(&mut input).take(PASTE_LIMIT),
                b'\n',
                &mut line,
            ) {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    let text = String::from_utf8_lossy(&line).into_owned();
                    if sender.send(text).is_err() {
                        return;
                    }
                }
            }
        }
    });
    receiver
}

const PASTE_LIMIT: u64 = 16 * 1024;

/// RFC 8628: show a code, poll until the user approves it elsewhere.
pub fn device_login(ctx: &Ctx, profile: &Profile, timeout: Option<Duration>) -> Result<TokenSet> {
    let metadata = engine::metadata(ctx, profile)?;
    let device_url = profile
        .device_url
        .clone()
        .or_else(|| {
            metadata
                .as_ref()
                .and_then(|m| m.device_authorization_endpoint.clone())
        })
        .ok_or_else(|| {
            usage("no device authorization endpoint: give --device-url or an --issuer that has one")
        })?;
    client_id(profile)?;
    let token_url = engine::token_url(ctx, profile)?;
    let http = ctx.http_for(profile)?;
    let mut authorization = device::start(
        http,
        &device_url,
        &engine::client(ctx, profile)?,
        &request_params(profile),
    )?;
    if let Some(limit) = timeout {
        authorization.expires_in = authorization.expires_in.min(limit);
    }
    let mut message = format!(
        "To log in to {}, open {} and enter the code:\n\n    {}\n",
        profile.name, authorization.verification_uri, authorization.user_code
    );
    if let Some(complete) = &authorization.verification_uri_complete {
        message.push_str(&format!(
            "\nOr open this link, which carries the code:\n\n    {complete}\n"
        ));
    }
    // A phone can scan the link off the terminal; pointless in a log file.
    if crate::diag::on_a_terminal() {
        let link = authorization
            .verification_uri_complete
            .as_ref()
            .unwrap_or(&authorization.verification_uri);
        if let Some(qr) = qr_code(link) {
            message.push_str(&format!("\n{qr}"));
        }
    }
    message.push_str(&format!(
        "\nWaiting for approval (the code expires in {})...",
        output::short_duration(authorization.expires_in.as_secs())
    ));
    ctx.note(&message);
    let client = engine::token_client(ctx, profile, None)?;
    let endpoint = TokenEndpoint {
        http,
        url: &token_url,
        client: &client,
    };
    crate::diag::hold();
    let response = device::poll(&endpoint, &authorization, &engine::user_params(profile))?;
    let mut set = TokenSet::from_response(response, None, GrantKind::DeviceCode);
    set.requested_scope = profile.scope_string();
    Ok(set)
}

/// The link as a QR code drawn with Unicode half blocks; the colours are
/// inverted so it scans on the usual dark terminal, quiet zone included.
fn qr_code(link: &str) -> Option<String> {
    let code = qrcode::QrCode::new(link.as_bytes()).ok()?;
    Some(
        code.render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .build(),
    )
}

/// Who logged in, asked of the userinfo endpoint when the tokens do not say.
fn userinfo_subject(ctx: &Ctx, profile: &Profile, set: &TokenSet) -> Option<String> {
    if ctx.quiet {
        return None;
    }
    let url = engine::metadata(ctx, profile).ok()??.userinfo_endpoint?;
    crate::oauth::userinfo::subject(ctx.http_for(profile).ok()?, &url, &set.access_token)
}

/// Who logged in: the id_token's claims, else a JWT access token's.
fn subject(set: &TokenSet) -> Option<String> {
    [set.id_token.as_ref(), Some(&set.access_token)]
        .into_iter()
        .flatten()
        .find_map(|token| jwt::decode(token.expose()).and_then(|jwt| jwt::subject(&jwt.claims)))
}

/// Stores the set under the profile's lock and confirms on stderr.
pub fn save_and_report(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    set: &TokenSet,
    format: Option<crate::cli::OutputFormat>,
) -> Result<()> {
    {
        let _said_after_save = crate::diag::ReleaseOnDrop;
        let _lock = ctx.lock(&slot.key)?;
        ctx.store_for(profile)?.save(&slot.key, set)?;
    }
    let who = subject(set)
        .or_else(|| userinfo_subject(ctx, profile, set))
        .map(|s| format!(" as {s}"))
        .unwrap_or_default();
    ctx.note(&format!(
        "Logged in to {}{who} ({}; stored in {})",
        profile.name,
        output::describe_expiry(set),
        ctx.store_for(profile)?.kind()
    ));
    match format {
        Some(format) => output::print(&output::render(set, format)?),
        None => Ok(()),
    }
}

fn read_refresh_token(source: &str) -> Result<Secret> {
    let value = if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the refresh token from stdin")?;
        text.trim().to_owned()
    } else {
        log::warn!(
            "a refresh token on the command line is visible to other users in `ps`: use `--with-refresh-token -`"
        );
        source.to_owned()
    };
    if value.is_empty() {
        return Err(usage("the refresh token is empty"));
    }
    Ok(Secret::new(value))
}

fn password_grant(ctx: &Ctx, profile: &Profile, args: &LoginArgs) -> Result<TokenSet> {
    let username = profile
        .username
        .clone()
        .ok_or_else(|| usage("--password-grant needs --username"))?;
    let password = read_password(
        &username,
        args.password_stdin,
        ctx.globals.password().as_ref(),
    )?;
    let grant = Grant::Password { username, password };
    let client = engine::token_client(ctx, profile, None)?;
    let response = engine::exchange(ctx, profile, &client, &grant, request_params(profile))?;
    Ok(TokenSet::from_response(response, None, grant.kind()))
}

fn read_password(
    username: &str,
    from_stdin: bool,
    password_env: Option<&Secret>,
) -> Result<Secret> {
    let password = if from_stdin {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("cannot read the password from stdin")?;
        text.lines().next().unwrap_or("").to_owned()
    } else if let Some(value) = password_env {
        value.expose().to_owned()
    } else {
        rpassword::prompt_password(format!("Password for {username}: ")).map_err(|err| {
            usage(format!(
                "cannot prompt for the password ({err}): use --password-stdin or $OAUTHCTL_PASSWORD"
            ))
        })?
    };
    if password.is_empty() {
        return Err(usage("the password is empty"));
    }
    Ok(Secret::new(password))
}
