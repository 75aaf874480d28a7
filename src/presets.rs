//! Provider presets: the endpoints, discovery quirks and usual scopes of
//! well-known providers, as one table. `profile add --preset` fills a
//! profile from a row, and flags given beside it win.
//!
//! A preset never names a client id: every user registers their own, at the
//! console page the row names. Templates in a row take `{tenant}`,
//! `{domain}`, `{url}`, `{realm}` and `{host}` (the host and port of
//! `{url}`), each checked before it is spliced in.
//!
//! Quirks that need no row: GitHub answers form-encoded unless asked for
//! JSON, and every token and device request oauthctl sends carries
//! `Accept: application/json` (form answers parse too).

use crate::error::usage;
use crate::oauth::types::ClientAuthMethod;
use crate::options::{Combine, ProviderOptions};
use anyhow::Result;

/// One provider's row.
#[derive(Debug)]
pub struct Preset {
    pub name: &'static str,
    /// Other names, each with the `--url` it stands for, if any.
    pub aliases: &'static [Alias],
    /// What the help calls it.
    pub title: &'static str,
    pub needs: Needs,
    /// Written when the provider's discovery document is right.
    pub issuer: Option<&'static str>,
    /// Written always: for providers without discovery, or an endpoint
    /// their discovery document leaves out.
    pub endpoints: Endpoints,
    /// Values of `{tenant}` whose discovery document names a template
    /// issuer (Entra's `{tenantid}`), which no issuer check can match:
    /// these get `shared_endpoints` and no issuer.
    pub shared_tenants: &'static [&'static str],
    pub shared_endpoints: Endpoints,
    pub scopes: &'static [&'static str],
    /// The scope without which the provider issues no refresh token: kept
    /// even when `--scope` replaces the usual ones.
    pub refresh_scope: Option<&'static str>,
    pub auth_params: &'static [(&'static str, &'static str)],
    pub client_auth: Option<ClientAuthMethod>,
    /// Why a client secret is needed, said when none is configured.
    pub secret: Option<&'static str>,
    pub git_hosts: &'static [&'static str],
    pub git_username: Option<&'static str>,
    /// Where the user makes their client id.
    pub console: &'static str,
    /// Said after the profile is written: what the provider does differently.
    pub note: &'static str,
}

#[derive(Debug)]
pub struct Alias {
    pub name: &'static str,
    pub url: Option<&'static str>,
}

/// What the user must give beside `--preset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Nothing,
    Tenant,
    Domain,
    /// `--url`, with this default when there is one.
    Url(Option<&'static str>),
    UrlAndRealm,
}

#[derive(Debug)]
pub struct Endpoints {
    pub auth: Option<&'static str>,
    pub token: Option<&'static str>,
    pub device: Option<&'static str>,
}

const NO_ENDPOINTS: Endpoints = Endpoints {
    auth: None,
    token: None,
    device: None,
};

/// A row with nothing in it, for `..BLANK`.
const BLANK: Preset = Preset {
    name: "",
    aliases: &[],
    title: "",
    needs: Needs::Nothing,
    issuer: None,
    endpoints: NO_ENDPOINTS,
    shared_tenants: &[],
    shared_endpoints: NO_ENDPOINTS,
    scopes: &[],
    refresh_scope: None,
    auth_params: &[],
    client_auth: None,
    secret: None,
    git_hosts: &[],
    git_username: None,
    console: "",
    note: "",
};

pub const PRESETS: &[Preset] = &[
    Preset {
        name: "github",
        title: "GitHub (--url for Enterprise Server)",
        needs: Needs::Url(Some("https://github.com")),
        // No discovery document; the device flow needs no client secret.
        endpoints: Endpoints {
            auth: Some("{url}/login/oauth/authorize"),
            token: Some("{url}/login/oauth/access_token"),
            device: Some("{url}/login/device/code"),
        },
        scopes: &["repo", "workflow"],
        // GitHub reads the secret from the body only.
        client_auth: Some(ClientAuthMethod::Post),
        secret: Some("GitHub's browser flow needs the client secret (`login --device` does not)"),
        git_hosts: &["{host}"],
        console: "{url}/settings/developers",
        note: "GitHub: `login --device` needs no client secret; a refresh token comes only from a GitHub App with expiring user tokens on (an OAuth app's token never expires); GitHub Apps ignore scopes",
        ..BLANK
    },
    Preset {
        name: "gitlab",
        title: "GitLab (--url for a self-hosted one)",
        needs: Needs::Url(Some("https://gitlab.com")),
        issuer: Some("{url}"),
        // GitLab 17.1+ has the device grant; its discovery may not say so.
        endpoints: Endpoints {
            device: Some("{url}/oauth/authorize_device"),
            ..NO_ENDPOINTS
        },
        scopes: &["openid", "read_repository", "write_repository"],
        git_hosts: &["{host}"],
        console: "{url}/-/user_settings/applications",
        note: "GitLab: make the application non-confidential with redirect URI http://127.0.0.1/callback and the scopes openid, read_repository and write_repository",
        ..BLANK
    },
    Preset {
        name: "bitbucket",
        title: "Bitbucket Cloud",
        endpoints: Endpoints {
            auth: Some("https://bitbucket.org/site/oauth2/authorize"),
            token: Some("https://bitbucket.org/site/oauth2/access_token"),
            device: None,
        },
        scopes: &["repository", "repository:write"],
        secret: Some("Bitbucket's token endpoint needs the consumer's secret"),
        git_hosts: &["bitbucket.org"],
        // What Bitbucket wants as the user name beside an OAuth token.
        git_username: Some("x-token-auth"),
        console: "https://bitbucket.org/WORKSPACE/workspace/settings/api (OAuth consumers)",
        note: "Bitbucket: the consumer's permissions are what the token gets; its callback URL must be the start of the redirect (http://127.0.0.1)",
        ..BLANK
    },
    Preset {
        name: "gitea",
        aliases: &[
            Alias {
                name: "forgejo",
                url: None,
            },
            Alias {
                name: "codeberg",
                url: Some("https://codeberg.org"),
            },
        ],
        title: "Gitea or Forgejo at --url (codeberg: https://codeberg.org)",
        needs: Needs::Url(None),
        issuer: Some("{url}"),
        scopes: &["openid", "profile"],
        git_hosts: &["{host}"],
        console: "{url}/user/settings/applications",
        note: "Gitea/Forgejo: make the OAuth2 application non-confidential with redirect URI http://127.0.0.1/callback; a token without a Gitea scope (write:repository, …) has all of the user's access",
        ..BLANK
    },
    Preset {
        name: "google",
        title: "Google",
        issuer: Some("https://accounts.google.com"),
        scopes: &["openid", "email", "profile"],
        // Google issues a refresh token only when asked for offline access,
        // and again on a later login only after a fresh consent.
        auth_params: &[("access_type", "offline"), ("prompt", "consent")],
        secret: Some(
            "Google's token endpoint needs the client secret of a Desktop app client (or its downloaded JSON, with --credentials-file)",
        ),
        console: "https://console.cloud.google.com/apis/credentials",
        note: "Google: make an OAuth client of type Desktop app; add the API scopes you need with --scope",
        ..BLANK
    },
    Preset {
        name: "entra",
        title: "Microsoft Entra ID (--tenant)",
        needs: Needs::Tenant,
        issuer: Some("https://login.microsoftonline.com/{tenant}/v2.0"),
        shared_tenants: &["common", "organizations", "consumers"],
        shared_endpoints: Endpoints {
            auth: Some("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/authorize"),
            token: Some("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token"),
            device: Some("https://login.microsoftonline.com/{tenant}/oauth2/v2.0/devicecode"),
        },
        scopes: &["openid", "profile", "offline_access"],
        // The v2 endpoint gives a refresh token only for offline_access.
        refresh_scope: Some("offline_access"),
        console: "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade",
        note: "Entra ID: register the platform Mobile and desktop applications with redirect http://127.0.0.1/callback, and allow public client flows for `login --device`; offline_access stays in the scopes, for the refresh token",
        ..BLANK
    },
    Preset {
        name: "okta",
        title: "Okta (--domain)",
        needs: Needs::Domain,
        // The org authorization server, which every Okta org has.
        issuer: Some("https://{domain}"),
        scopes: &["openid", "profile", "offline_access"],
        refresh_scope: Some("offline_access"),
        console: "https://{domain}/admin/apps/active (Create App Integration: OIDC, Native Application)",
        note: "Okta: this is the org authorization server; for tokens your own APIs accept, give --issuer https://DOMAIN/oauth2/default (or another custom server); allow the Refresh Token grant in the app",
        ..BLANK
    },
    Preset {
        name: "auth0",
        title: "Auth0 (--domain)",
        needs: Needs::Domain,
        // Auth0's issuer ends in a slash.
        issuer: Some("https://{domain}/"),
        scopes: &["openid", "profile", "offline_access"],
        refresh_scope: Some("offline_access"),
        console: "https://manage.auth0.com/dashboard (Applications: Create Application, Native)",
        note: "Auth0: give --audience API for an access token your API accepts; the API must allow offline access for the refresh token",
        ..BLANK
    },
    Preset {
        name: "keycloak",
        title: "Keycloak (--url and --realm)",
        needs: Needs::UrlAndRealm,
        issuer: Some("{url}/realms/{realm}"),
        // offline_access: a refresh token that outlives the SSO session.
        scopes: &["openid", "profile", "offline_access"],
        console: "{url}/admin/master/console/#/{realm}/clients",
        note: "Keycloak: make a public OpenID Connect client with redirect URI http://127.0.0.1/callback (Keycloak before 17 needs /auth at the end of --url)",
        ..BLANK
    },
];

/// The preset named `name` (or one of its aliases), and the `--url` the
/// alias stands for.
pub fn find(name: &str) -> Option<(&'static Preset, Option<&'static str>)> {
    PRESETS.iter().find_map(|preset| {
        if preset.name == name {
            return Some((preset, None));
        }
        preset
            .aliases
            .iter()
            .find(|alias| alias.name == name)
            .map(|alias| (preset, alias.url))
    })
}

/// What the user gave beside `--preset`.
#[derive(Debug, Default, Clone)]
pub struct Place {
    pub tenant: Option<String>,
    pub domain: Option<String>,
    pub url: Option<String>,
    pub realm: Option<String>,
}

/// The checked values the templates take.
#[derive(Debug, Default)]
struct Vars {
    tenant: String,
    domain: String,
    url: String,
    realm: String,
    host: String,
}

impl Vars {
    fn fill(&self, template: &str) -> String {
        template
            .replace("{tenant}", &self.tenant)
            .replace("{domain}", &self.domain)
            .replace("{url}", &self.url)
            .replace("{realm}", &self.realm)
            .replace("{host}", &self.host)
    }
}

impl Preset {
    /// The line `--help` shows for it: what to give, and where the client
    /// id is made.
    pub fn help(&self) -> String {
        let shown = Vars {
            tenant: "TENANT".into(),
            domain: "DOMAIN".into(),
            url: match self.needs {
                Needs::Url(Some(default)) => default.into(),
                _ => "URL".into(),
            },
            realm: "REALM".into(),
            host: "HOST".into(),
        };
        format!(
            "{}; client id from {}",
            self.title,
            shown.fill(self.console)
        )
    }

    /// `given` (the flags, which win) filled in from this row at `place`.
    /// Refused when the row's place is missing or odd, or no client id is
    /// given: a preset never invents one.
    pub fn apply(
        &self,
        alias_url: Option<&str>,
        place: &Place,
        given: ProviderOptions,
    ) -> Result<ProviderOptions> {
        let vars = self.vars(alias_url, place)?;
        let mut options = given.combine(self.options(&vars));
        if let Some(scope) = self.refresh_scope {
            let scopes: Vec<String> = options
                .scopes
                .iter()
                .flat_map(|s| s.split_whitespace())
                .map(str::to_owned)
                .collect();
            if !scopes.iter().any(|s| s == scope) {
                options.scopes.push(scope.to_owned());
            }
        }
        if options.client_id.is_none() && options.credentials_file.is_none() {
            return Err(usage(format!(
                "--preset {} needs your own client id: make one at {}, then give --client-id ID",
                self.name,
                vars.fill(self.console)
            )));
        }
        Ok(options)
    }

    /// What to say once the profile is written: the row's note, and what
    /// to add when the provider needs a secret and none is configured.
    pub fn advice(&self, profile: &str, options: &ProviderOptions) -> Vec<String> {
        let mut lines = vec![self.note.to_owned()];
        let has_secret = options.client_secret_env.is_some()
            || options.client_secret_file.is_some()
            || options.client_secret_cmd.is_some()
            || options.credentials_file.is_some();
        if let (Some(why), false) = (self.secret, has_secret) {
            lines.push(format!(
                "{why}: add it with `oauthctl profile add {profile} --client-secret-env VAR` (or --client-secret-file, --client-secret-cmd)"
            ));
        }
        lines
    }

    /// The row's keys, filled in.
    fn options(&self, vars: &Vars) -> ProviderOptions {
        let shared = self.shared_tenants.contains(&vars.tenant.as_str());
        let endpoints = if shared {
            &self.shared_endpoints
        } else {
            &self.endpoints
        };
        let fill = |t: Option<&str>| t.map(|t| vars.fill(t));
        ProviderOptions {
            issuer: if shared { None } else { fill(self.issuer) },
            auth_url: fill(endpoints.auth),
            token_url: fill(endpoints.token),
            device_url: fill(endpoints.device),
            scopes: self.scopes.iter().map(|s| (*s).to_owned()).collect(),
            auth_params: self
                .auth_params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            client_auth: self.client_auth,
            git_hosts: self.git_hosts.iter().map(|h| vars.fill(h)).collect(),
            git_username: self.git_username.map(str::to_owned),
            ..ProviderOptions::default()
        }
    }

    /// The checked values of the place flags this row takes; a flag it
    /// does not take is refused rather than ignored.
    fn vars(&self, alias_url: Option<&str>, place: &Place) -> Result<Vars> {
        let takes = |flag: &str| {
            matches!(
                (self.needs, flag),
                (Needs::Tenant, "--tenant")
                    | (Needs::Domain, "--domain")
                    | (Needs::Url(_), "--url")
                    | (Needs::UrlAndRealm, "--url" | "--realm")
            )
        };
        for (flag, value) in [
            ("--tenant", &place.tenant),
            ("--domain", &place.domain),
            ("--url", &place.url),
            ("--realm", &place.realm),
        ] {
            if value.is_some() && !takes(flag) {
                return Err(usage(format!(
                    "--preset {} does not take {flag}: {}",
                    self.name,
                    self.wants()
                )));
            }
        }
        let missing = |flag: &str| {
            usage(format!(
                "--preset {} needs {flag}: {}",
                self.name,
                self.wants()
            ))
        };
        let mut vars = Vars::default();
        match self.needs {
            Needs::Nothing => {}
            Needs::Tenant => {
                vars.tenant = tenant(place.tenant.as_deref().ok_or_else(|| missing("--tenant"))?)?;
            }
            Needs::Domain => {
                vars.domain = domain(place.domain.as_deref().ok_or_else(|| missing("--domain"))?)?;
            }
            Needs::Url(default) => {
                let url = place.url.as_deref().or(alias_url).or(default);
                (vars.url, vars.host) = base_url(url.ok_or_else(|| missing("--url"))?)?;
            }
            Needs::UrlAndRealm => {
                let url = place.url.as_deref().ok_or_else(|| missing("--url"))?;
                (vars.url, vars.host) = base_url(url)?;
                vars.realm = realm(place.realm.as_deref().ok_or_else(|| missing("--realm"))?)?;
            }
        }
        Ok(vars)
    }

    /// What the row takes, for the refusals.
    fn wants(&self) -> &'static str {
        match self.needs {
            Needs::Nothing => "it takes no place flag",
            Needs::Tenant => {
                "give --tenant with the directory's id or domain (or organizations, common, consumers)"
            }
            Needs::Domain => "give --domain with the org's host name (e.g. dev-123.okta.com)",
            Needs::Url(Some(_)) => {
                "give --url with the server's address, or nothing for the public one"
            }
            Needs::Url(None) => {
                "give --url with the server's address (e.g. https://git.example.com)"
            }
            Needs::UrlAndRealm => {
                "give --url with the server's address and --realm with the realm's name"
            }
        }
    }
}

/// An Entra tenant: a GUID, a domain, or a shared tenant's name.
fn tenant(raw: &str) -> Result<String> {
    let ok = !raw.is_empty()
        && raw.len() <= 128
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !raw.starts_with(['.', '-']);
    if !ok {
        return Err(usage(format!(
            "--tenant `{}`: give the tenant's id (a GUID) or domain (contoso.onmicrosoft.com), or organizations, common or consumers",
            shown(raw)
        )));
    }
    Ok(raw.to_ascii_lowercase())
}

/// A host name, as `--domain` takes it (`https://` and a trailing `/` are
/// forgiven).
fn domain(raw: &str) -> Result<String> {
    let host = raw.strip_prefix("https://").unwrap_or(raw);
    let host = host.strip_suffix('/').unwrap_or(host);
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let labels: Vec<&str> = host.split('.').collect();
    if host.len() > 253 || labels.len() < 2 || !labels.iter().all(|l| label_ok(l)) {
        return Err(usage(format!(
            "--domain `{}`: give a host name alone, e.g. dev-123.okta.com or example.us.auth0.com",
            shown(raw)
        )));
    }
    Ok(host.to_ascii_lowercase())
}

/// A Keycloak realm: one path segment of plain characters.
fn realm(raw: &str) -> Result<String> {
    let ok = !raw.is_empty()
        && raw.len() <= 128
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && raw != "."
        && raw != "..";
    if !ok {
        return Err(usage(format!(
            "--realm `{}`: give the realm's name (letters, digits, `-`, `_` and `.`)",
            shown(raw)
        )));
    }
    Ok(raw.to_owned())
}

/// A server's address as `--url` takes it: https (http only on loopback),
/// no credentials, query or fragment; without its trailing `/`. Also its
/// `HOST[:PORT]`, for `git_hosts`.
fn base_url(raw: &str) -> Result<(String, String)> {
    let url = crate::oauth::http::check_url(raw).map_err(|err| usage(format!("--url: {err}")))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(usage(format!(
            "--url `{}`: give the server's address without a query or fragment",
            crate::oauth::http::redact_url(raw)
        )));
    }
    let host = url.host_str().unwrap_or_default();
    let host = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    let base = format!(
        "{}{}",
        url.origin().ascii_serialization(),
        url.path().trim_end_matches('/')
    );
    Ok((base, host))
}

/// A value in a message: one short line.
fn shown(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(80)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(name: &str, place: Place, given: ProviderOptions) -> Result<ProviderOptions> {
        let (preset, alias_url) = find(name).unwrap();
        preset.apply(alias_url, &place, given)
    }

    fn with_id() -> ProviderOptions {
        ProviderOptions {
            client_id: Some("my-id".into()),
            ..ProviderOptions::default()
        }
    }

    #[test]
    fn every_row_has_a_console_and_a_distinct_name() {
        let mut names: Vec<&str> = PRESETS
            .iter()
            .flat_map(|p| std::iter::once(p.name).chain(p.aliases.iter().map(|a| a.name)))
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all);
        for preset in PRESETS {
            assert!(preset.console.contains("https://") || preset.console.contains("{url}"));
            assert!(!preset.note.is_empty() && !preset.note.contains('\n'));
            assert!(preset.issuer.is_some() || preset.endpoints.token.is_some());
        }
    }

    #[test]
    fn entra_shared_tenants_get_endpoints_and_no_issuer() {
        let place = |t: &str| Place {
            tenant: Some(t.into()),
            ..Place::default()
        };
        let own = add("entra", place("Contoso.onmicrosoft.com"), with_id()).unwrap();
        assert_eq!(
            own.issuer.as_deref(),
            Some("https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0")
        );
        assert_eq!(own.token_url, None);
        let shared = add("entra", place("organizations"), with_id()).unwrap();
        assert_eq!(shared.issuer, None);
        assert_eq!(
            shared.token_url.as_deref(),
            Some("https://login.microsoftonline.com/organizations/oauth2/v2.0/token")
        );
    }

    #[test]
    fn flags_win_but_the_refresh_scope_stays() {
        let given = ProviderOptions {
            issuer: Some("https://dev-1.okta.com/oauth2/default".into()),
            scopes: vec!["openid api:read".into()],
            ..with_id()
        };
        let place = Place {
            domain: Some("https://dev-1.okta.com/".into()),
            ..Place::default()
        };
        let options = add("okta", place, given).unwrap();
        assert_eq!(
            options.issuer.as_deref(),
            Some("https://dev-1.okta.com/oauth2/default")
        );
        assert_eq!(options.scopes, vec!["openid api:read", "offline_access"]);
    }

    #[test]
    fn an_alias_brings_its_url() {
        let options = add("codeberg", Place::default(), with_id()).unwrap();
        assert_eq!(options.issuer.as_deref(), Some("https://codeberg.org"));
        assert_eq!(options.git_hosts, vec!["codeberg.org"]);
        assert!(add("forgejo", Place::default(), with_id()).is_err());
    }

    #[test]
    fn odd_places_are_refused() {
        for bad in [
            "a/b",
            "a b",
            "evil.com/x?",
            "-x.com",
            "x",
            "a..b",
            "x.com:443",
        ] {
            let place = Place {
                domain: Some(bad.into()),
                ..Place::default()
            };
            assert!(add("auth0", place, with_id()).is_err(), "{bad}");
        }
        for bad in ["a/b", "a b", "..", "r%2F"] {
            let place = Place {
                url: Some("https://sso.example.com".into()),
                realm: Some(bad.into()),
                ..Place::default()
            };
            assert!(add("keycloak", place, with_id()).is_err(), "{bad}");
        }
        for bad in ["a/b", "a b", "?x", ""] {
            let place = Place {
                tenant: Some(bad.into()),
                ..Place::default()
            };
            assert!(add("entra", place, with_id()).is_err(), "{bad}");
        }
        let place = Place {
            url: Some("https://git.example.com/?x=1".into()),
            ..Place::default()
        };
        assert!(add("gitea", place, with_id()).is_err());
        let place = Place {
            url: Some("http://git.example.com".into()),
            ..Place::default()
        };
        assert!(add("gitea", place, with_id()).is_err());
    }

    #[test]
    fn no_client_id_names_the_console() {
        let err = add("github", Place::default(), ProviderOptions::default()).unwrap_err();
        assert!(
            err.to_string()
                .contains("https://github.com/settings/developers"),
            "{err}"
        );
        let place = Place {
            url: Some("https://sso.example.com/".into()),
            realm: Some("main".into()),
            ..Place::default()
        };
        let err = add("keycloak", place, ProviderOptions::default()).unwrap_err();
        assert!(
            err.to_string()
                .contains("https://sso.example.com/admin/master/console/#/main/clients"),
            "{err}"
        );
    }
}
