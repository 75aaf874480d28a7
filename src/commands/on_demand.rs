//! Login on demand. When `token`, `curl`, `exec` or a helper finds no usable
//! token (none stored, no refresh token, one the provider refused, or one
//! past the lifetime the provider gave it) and a person is there to answer,
//! the profile's login runs right there, as kubelogin and Git Credential
//! Manager do, instead of failing a `git push` with "run oauthctl login".
//! The person is asked on the terminal itself: a helper's stdin and stdout
//! carry git's, docker's or kubectl's protocol.
//!
//! The login runs under the key's lock, so twenty callers at once open one
//! browser, and the other nineteen wait for its tokens.

use super::Ctx;
use super::engine::{self, Renewal, Slot, Want};
use super::login::{self, Interaction, Paste};
use crate::error::LoginRequired;
use crate::oauth::types::GrantKind;
use crate::options::LoginOnDemand;
use crate::settings::Profile;
use crate::store::TokenSet;
use crate::terminal::Terminal;
use anyhow::Result;
use std::time::Duration;

/// How long a login on demand waits for the person, and how long the
/// processes queued behind it wait for its tokens (beyond a refresh's wait).
const LOGIN_WAIT: Duration = Duration::from_secs(300);

/// What allows a command to log in by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// `--no-login`, `login = "never"`, kubectl's `interactiveMode: Never`.
    Refused,
    /// When a person can answer.
    IfSomeoneAnswers,
}

impl Consent {
    /// `--no-login` wins, then the profile's `login` key; kubectl says too,
    /// when it runs oauthctl as its credential plugin.
    pub fn of(no_login: bool, profile: &Profile) -> Consent {
        if no_login || profile.login == Some(LoginOnDemand::Never) {
            Consent::Refused
        } else {
            Consent::IfSomeoneAnswers
        }
    }

    /// Also refused when kubectl's `$KUBERNETES_EXEC_INFO` says the plugin
    /// may not talk to the user (`spec.interactive: false`: its
    /// `interactiveMode` is `Never`, or `IfAvailable` without a terminal).
    pub fn with_kubectl(self) -> Consent {
        match crate::output::kubectl_allows_interaction() {
            Some(false) => Consent::Refused,
            _ => self,
        }
    }
}

/// The token set `want` asks for, as [`engine::obtain`] gets it; when that
/// needs a login and `consent` allows one, after a login run here.
pub fn obtain(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    want: Want,
    consent: Consent,
) -> Result<TokenSet> {
    let may_log_in =
        consent == Consent::IfSomeoneAnswers && slot.renewal == Renewal::LoginAgain && !in_ci();
    if may_log_in {
        // Queued behind another process's login, wait as long as it may take.
        ctx.wait_longer_for_locks(LOGIN_WAIT);
    }
    let started = crate::store::now();
    let needed = match engine::obtain(ctx, profile, slot, want) {
        Err(err) if may_log_in && !profile.unconfigured && needs_login(&err) => err,
        other => return other,
    };
    let Some(person) = Person::here(profile) else {
        log::debug!("no terminal and no display: nobody to log in on demand");
        return Err(needed);
    };
    let why = format!(
        "oauthctl: profile {} needs a login (run with --no-login, or set login = \"never\" in the profile, to fail instead)",
        profile.name
    );
    match log_in(
        ctx,
        profile,
        slot,
        Needs {
            want,
            started,
            scopes: &[],
        },
        person,
        &why,
    ) {
        Ok(Some(set)) => Ok(set),
        Ok(None) => Err(needed),
        Err(err) => Err(err.context(format!(
            "the token of profile {} needed a login, which did not finish",
            profile.name
        ))),
    }
}

fn needs_login(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.is::<LoginRequired>())
}

/// `CI` set (GitHub Actions, GitLab CI and most others do): never ask.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|ci| !ci.is_empty() && ci != "false" && ci != "0")
}

/// Someone who can answer a login: at a terminal, in front of a display,
/// or both.
struct Person {
    terminal: Option<Terminal>,
    display: bool,
}

impl Person {
    fn here(profile: &Profile) -> Option<Person> {
        let terminal = Terminal::open();
        let display = crate::browser::can_open_here(profile.browser.as_deref());
        (terminal.is_some() || display).then_some(Person { terminal, display })
    }
}

/// Runs the login under the key's lock, unless another process logged in
/// while this one waited for it. `None`: the profile has no way in that a
/// person could use here.
fn log_in(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    needs: Needs,
    person: Person,
    why: &str,
) -> Result<Option<TokenSet>> {
    let store = ctx.store_for(profile)?;
    let _said_after_save = crate::diag::ReleaseOnDrop;
    let _lock = ctx.lock(&slot.key)?;
    store.settle(&slot.key)?;
    let stored = store.load(&slot.key)?;
    if let Some(set) = stored.as_ref().filter(|set| needs.met_meanwhile(set)) {
        log::debug!("another process logged in while this one waited");
        return Ok(Some(set.clone()));
    }
    let previous_grant = stored.as_ref().and_then(|set| set.grant.clone());
    let Some(way) = Way::for_profile(ctx, profile, previous_grant, &person)? else {
        return Ok(None);
    };
    engine::check_writable(ctx, profile, &slot.key)?;
    let _prompts_to_terminal = person
        .terminal
        .as_ref()
        .and_then(|terminal| terminal.output.try_clone().ok())
        .map(crate::diag::to_terminal);
    ctx.note(why);
    let (set, nonce) = way.log_in(ctx, profile, person)?;
    login::check_id_token(ctx, profile, &set, nonce.as_deref())?;
    store.save(&slot.key, &set)?;
    // Saved: what waited for the save is said now, on the terminal.
    crate::diag::release();
    ctx.note(&format!(
        "Logged in to {} ({}; stored in {})",
        profile.name,
        crate::output::describe_expiry(&set),
        store.kind()
    ));
    Ok(Some(set))
}

/// What the tokens of a login must be, and since when this process asks.
struct Needs<'a> {
    want: Want,
    started: u64,
    /// Scopes they must have been granted (a step-up).
    scopes: &'a [String],
}

impl Needs<'_> {
    /// A set saved since this process began asking is another process's
    /// login: used even when `--min-ttl` asks for more than the provider
    /// gives, for a second login would be no fresher. One whose refresh
    /// token is past its end is no new login, whenever it was saved (times
    /// are in seconds).
    fn met_meanwhile(&self, set: &TokenSet) -> bool {
        !set.refresh_rejected
            && missing_scopes(set, self.scopes).is_empty()
            && (set.is_fresh(want_min_ttl(self.want))
                || set.obtained_at >= self.started && !set.refresh_expired())
    }
}

fn want_min_ttl(want: Want) -> u64 {
    match want {
        Want::Fresh { min_ttl } | Want::FreshIdToken { min_ttl } => min_ttl,
        Want::Renewed | Want::MintedAnew => u64::MAX,
    }
}

/// How the person logs in.
enum Way {
    Browser,
    Device,
}

impl Way {
    /// The way in the person had last time, when it still fits: the device
    /// flow again after a device login, else the browser (with the paste
    /// chain on a terminal), else the device flow, which needs a terminal.
    fn for_profile(
        ctx: &Ctx,
        profile: &Profile,
        previous: Option<GrantKind>,
        person: &Person,
    ) -> Result<Option<Way>> {
        let metadata = engine::metadata(ctx, profile)?;
        let browser = profile.auth_url.is_some()
            || metadata
                .as_ref()
                .is_some_and(|m| m.authorization_endpoint.is_some());
        let device = person.terminal.is_some()
            && (profile.device_url.is_some()
                || metadata
                    .as_ref()
                    .is_some_and(|m| m.device_authorization_endpoint.is_some()));
        let device_before = previous == Some(GrantKind::DeviceCode);
        Ok(match (browser, device) {
            (_, true) if device_before || !browser => Some(Way::Device),
            (true, _) => Some(Way::Browser),
            (false, _) => None,
        })
    }

    fn log_in(
        self,
        ctx: &Ctx,
        profile: &Profile,
        person: Person,
    ) -> Result<(TokenSet, Option<String>)> {
        match self {
            Way::Device => Ok((login::device_login(ctx, profile, Some(LOGIN_WAIT))?, None)),
            Way::Browser => {
                let interaction = Interaction {
                    no_browser: !person.display,
                    browser: profile.browser.clone(),
                    paste: match person.terminal {
                        Some(terminal) => Paste::Terminal(terminal.input),
                        None => Paste::Nowhere,
                    },
                    redirect_uri: profile.redirect_uri.clone(),
                    port: profile.port,
                    timeout: Some(LOGIN_WAIT),
                };
                login::browser_login(ctx, profile, interaction)
            }
        }
    }
}

/// [`obtain`], then a step-up when the token lacks scopes the command asks
/// for (`--scope` on `token`, `curl` or `exec`).
pub fn obtain_with_scopes(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    want: Want,
    consent: Consent,
    asked: &[String],
) -> Result<TokenSet> {
    let set = obtain(ctx, profile, slot, want, consent)?;
    let missing = missing_scopes(&set, asked);
    if missing.is_empty() {
        return Ok(set);
    }
    step_up(ctx, profile, slot, &set, &missing, consent)
}

/// The scopes of `asked` that `set` was not granted. A provider that did
/// not say what it granted granted what was asked (RFC 6749 §5.1).
pub fn missing_scopes(set: &TokenSet, asked: &[String]) -> Vec<String> {
    let Some(granted) = set.scope.as_deref() else {
        return Vec::new();
    };
    engine::scopes_not_granted(
        asked,
        granted,
        set.id_token.is_some(),
        set.refresh_token.is_some(),
    )
}

/// Logs in again for the scopes `held` has and `more`, once: the MCP
/// step-up (2025-11-25) for a 403 `insufficient_scope`, or `--scope` that
/// the stored token lacks. Where nobody can answer, exit 4 names the login
/// to run. A login that still lacks them is an error, never another login.
pub fn step_up(
    ctx: &Ctx,
    profile: &Profile,
    slot: &Slot,
    held: &TokenSet,
    more: &[String],
    consent: Consent,
) -> Result<TokenSet> {
    // What the profile asks for (`offline_access`, `openid`: not in what
    // an access token says it has), what was granted, and the new ones.
    let mut scopes: Vec<String> = Vec::new();
    let configured = profile.scopes.iter().flat_map(|s| s.split_whitespace());
    let granted = held.scope.as_deref().unwrap_or_default().split_whitespace();
    for scope in configured
        .chain(granted)
        .map(str::to_owned)
        .chain(more.iter().cloned())
    {
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    let all = scopes.join(" ");
    let lacking = more.join(" ");
    let refused = || {
        anyhow::Error::from(LoginRequired(format!(
            "the token of profile {} lacks scope {lacking}: run `oauthctl login -p {} --scope '{all}'`",
            profile.name, profile.name
        )))
    };
    let mut wider = profile.clone();
    wider.options.scopes = scopes;
    if consent == Consent::Refused || slot.renewal != Renewal::LoginAgain || in_ci() {
        return Err(refused());
    }
    let Some(person) = Person::here(&wider) else {
        return Err(refused());
    };
    ctx.wait_longer_for_locks(LOGIN_WAIT);
    let why = format!(
        "oauthctl: profile {} needs scope {lacking} for this: logging in again for {all}",
        profile.name
    );
    let needs = Needs {
        want: Want::Fresh { min_ttl: 0 },
        started: crate::store::now(),
        scopes: more,
    };
    let set = log_in(ctx, &wider, slot, needs, person, &why)?.ok_or_else(refused)?;
    let still = missing_scopes(&set, more);
    if !still.is_empty() {
        return Err(anyhow::anyhow!(
            "profile {}: the provider did not grant scope {} (it granted {}): ask its administrator for it",
            profile.name,
            still.join(" "),
            set.scope.as_deref().unwrap_or("")
        ));
    }
    Ok(set)
}
