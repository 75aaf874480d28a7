//! One file per subcommand. Each takes the context and its resolved args.

pub mod client_credentials;
pub mod client_metadata;
pub mod curl;
mod curl_request;
#[cfg(feature = "demo")]
pub mod demo;
pub mod docker_credential;
pub mod engine;
pub mod exchange;
pub mod exec;
pub mod generate;
pub mod git_credential;
pub mod inspect;
pub mod introspect;
pub mod lifetime;
pub mod login;
pub mod logout;
pub mod on_demand;
pub mod profile;
pub mod refresh;
pub mod setup;
pub mod setup_docker;
pub mod setup_git;
pub mod status;
pub mod token;
pub mod tool;

use crate::oauth::discovery::Metadata;
use crate::oauth::http::Http;
use crate::settings::Globals;
use crate::store::StoreKey;
use crate::store::lock::KeyLock;
use crate::store::{StoreKind, TokenStore};
use anyhow::Result;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// A profile's TLS settings: what makes its HTTP client differ.
#[derive(Debug, Clone, PartialEq, Eq)]
struct TlsSettings {
    cacert: Option<PathBuf>,
    client_cert: Option<(PathBuf, PathBuf)>,
}

/// What every command gets: global settings, and the HTTP client and store,
/// each built on first use (the fast path of `token` builds no HTTP client).
pub struct Ctx {
    pub globals: Globals,
    pub quiet: bool,
    http: OnceCell<Http>,
    http_with_tls: RefCell<Vec<(TlsSettings, &'static Http)>>,
    /// One per kind: profiles may keep their tokens in different stores.
    stores: [OnceCell<Box<dyn TokenStore>>; StoreKind::ALL.len()],
    /// Discovery documents already read in this process, by issuer: a login
    /// needs them several times, and a cache that cannot be written must not
    /// mean fetching twice.
    discovered: RefCell<BTreeMap<String, Metadata>>,
    /// Added to every lock wait: a process that may log in on demand may
    /// queue behind another's login, which waits on a person.
    lock_patience: std::cell::Cell<Duration>,
}

impl Ctx {
    pub fn new(globals: Globals, quiet: bool) -> Ctx {
        Ctx {
            globals,
            quiet,
            http: OnceCell::new(),
            http_with_tls: RefCell::new(Vec::new()),
            stores: Default::default(),
            discovered: RefCell::new(BTreeMap::new()),
            lock_patience: std::cell::Cell::new(Duration::ZERO),
        }
    }

    pub fn http(&self) -> &Http {
        self.http
            .get_or_init(|| Http::new(self.globals.http_timeout))
    }

    /// The HTTP client for `profile`'s provider: with its `--cacert` roots
    /// beside the system's, and its `--client-cert`, when it names them.
    pub fn http_for(&self, profile: &crate::settings::Profile) -> Result<&Http> {
        let tls = TlsSettings {
            cacert: profile.cacert.clone(),
            client_cert: profile
                .client_cert
                .clone()
                .zip(profile.client_cert_key.clone()),
        };
        if tls.cacert.is_none() && tls.client_cert.is_none() {
            return Ok(self.http());
        }
        if let Some((_, http)) = self.http_with_tls.borrow().iter().find(|(t, _)| *t == tls) {
            return Ok(http);
        }
        let roots = match &tls.cacert {
            Some(path) => Http::read_roots(path)?,
            None => Vec::new(),
        };
        let identity = match &tls.client_cert {
            Some((cert, key)) => {
                crate::settings::warn_if_readable_by_others("the client certificate's key", key);
                Some(Http::read_identity(cert, key).map_err(|err| {
                    anyhow::Error::from(err).context("--client-cert and --client-cert-key (profile keys client_cert, client_cert_key)")
                })?)
            }
            None => None,
        };
        // One per setting per process, kept for the process's life: a
        // command talks to one provider, `logout --all` to a few.
        let http: &'static Http = Box::leak(Box::new(
            Http::with_roots(self.globals.http_timeout, roots).with_identity(identity),
        ));
        self.http_with_tls.borrow_mut().push((tls, http));
        Ok(http)
    }

    /// The store of `--store`/`$OAUTHCTL_STORE` (else auto), for what concerns
    /// no one profile.
    pub fn store(&self) -> Result<&dyn TokenStore> {
        self.store_of(self.globals.store.unwrap_or(StoreKind::Auto))
    }

    /// The store `profile`'s tokens live in (its `store` key, unless the
    /// command line or environment names another).
    pub fn store_for(&self, profile: &crate::settings::Profile) -> Result<&dyn TokenStore> {
        self.store_of(profile.store_kind())
    }

    pub fn store_of(&self, kind: StoreKind) -> Result<&dyn TokenStore> {
        let cell = &self.stores[kind as usize];
        if let Some(store) = cell.get() {
            return Ok(store.as_ref());
        }
        let store = crate::store::open(kind, &self.globals.data_dir, self.rescue_dirs())?;
        Ok(cell.get_or_init(|| store).as_ref())
    }

    /// Where a token set goes when its store cannot take it: beside the
    /// store first (a dead keychain), then places on other file systems (a
    /// full disk), each 0700 and this user's own.
    fn rescue_dirs(&self) -> Vec<PathBuf> {
        let mut dirs = vec![self.globals.data_dir.join("rescue")];
        match &self.globals.runtime_dir {
            Some(runtime) => dirs.push(runtime.join("oauthctl").join("rescue")),
            // Without a runtime dir (cron, CI), the temp dir in a directory
            // of this user's own.
            #[cfg(unix)]
            None => dirs.push(
                std::env::temp_dir()
                    .join(format!("oauthctl-{}", rustix::process::geteuid().as_raw()))
                    .join("rescue"),
            ),
            #[cfg(not(unix))]
            None => {}
        }
        dirs.push(self.globals.cache_dir.join("rescue"));
        dirs.dedup();
        dirs
    }

    /// Bounded by the worst case of the refresh it waits for: three attempts
    /// at the HTTP timeout, plus slack.
    pub fn lock(&self, key: &StoreKey) -> Result<KeyLock> {
        let timeout =
            self.globals.http_timeout * 4 + Duration::from_secs(10) + self.lock_patience.get();
        KeyLock::acquire(&self.globals.data_dir, key, timeout)
    }

    /// Lock waits from now on also allow for another process's login.
    pub fn wait_longer_for_locks(&self, login: Duration) {
        self.lock_patience.set(login);
    }

    /// Discovery documents (see `Globals::cache_dir`).
    pub fn cache_dir(&self) -> PathBuf {
        self.globals.cache_dir.clone()
    }

    /// A progress or confirmation line on stderr, silenced by `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            crate::diag::say!("{message}");
        }
    }

    /// `--store auto` found no keychain and writes files: said on the first
    /// command that writes tokens so, and never again (a marker in the data
    /// dir), because on a headless box it is the normal case, not news.
    pub fn note_file_store_fallback(&self) {
        let marker = self.globals.data_dir.join(".file-store-noted");
        if marker.exists() {
            return;
        }
        log::warn!(
            "no OS keychain is available here, so tokens are kept in files under {} that only you can read (0600); choose with --store keyring|file, $OAUTHCTL_STORE or a profile's `store` key (said once)",
            self.globals.data_dir.join("tokens").display()
        );
        let _ = std::fs::write(&marker, b"");
    }
}
