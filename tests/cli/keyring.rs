//! `--store keyring` and `--store auto` against a REAL Secret Service: the
//! private gnome-keyring that scripts/test.sh starts through
//! scripts/keyring-session.sh (which exports DBUS_SESSION_BUS_ADDRESS).
//!
//! - Without DBUS_SESSION_BUS_ADDRESS the keychain tests skip (a `SKIPPED` line), or
//!   FAIL when OAUTHCTL_REQUIRE_KEYRING=1 (as scripts/test.sh sets), so CI can
//!   never go green without testing the keychain.
//! - They are serialised by [`KEYCHAIN`]: gnome-keyring 42 crashed when several
//!   processes used it at once.
//! - The keychain is shared by every test, so each test uses profile names of
//!   its own, and removes the items it created when it ends (even on failure).
//! - Items are inspected with `secret-tool` (libsecret-tools). keyring-core's
//!   dbus store files an entry under the attributes `service` (`oauthctl`)
//!   and `username` (the store key: `profile:NAME`,
//!   `client-credentials:HASH`; chunks are `KEY#1`, `KEY#2`, …).
//! - The dead-bus tests need no keychain and run wherever Node does.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::support::fake::{FakeProvider, Reply, State};
use crate::support::oidc::{OidcProvider, SPECIAL_SECRET};
use crate::support::printed_token;
use crate::support::{Run, TestEnv, assert_code, assert_ok, bounded, skip, stderr, stdout};

/// Serialises every test that touches the real keychain. `pub(crate)` so
/// another test module that needs the keychain can take the same lock.
pub(crate) static KEYCHAIN: Mutex<()> = Mutex::new(());

const SERVICE: &str = "oauthctl";
const PUBLIC_SCOPES: &str = "openid offline_access api:read";

// ---------------------------------------------------------------------------
// The keychain session and secret-tool

/// The right to use the real keychain for one test: holds [`KEYCHAIN`], and on
/// drop deletes every `service=oauthctl` item that appeared during the test.
struct Keychain {
    bus: String,
    before: HashSet<String>,
    _serial: MutexGuard<'static, ()>,
}

/// `Some` when a Secret Service is there to test against. Without one: a
/// `SKIPPED` line and `None`, or a failure when `OAUTHCTL_REQUIRE_KEYRING=1`.
fn keychain() -> Option<Keychain> {
    let unavailable = |why: String| -> Option<Keychain> {
        skip(
            &format!(
                "{why} (`bash scripts/keyring-session.sh cargo test` starts a private gnome-keyring)"
            ),
            &["OAUTHCTL_REQUIRE_KEYRING"],
        );
        None
    };
    let Some(bus) = std::env::var("DBUS_SESSION_BUS_ADDRESS")
        .ok()
        .filter(|b| !b.is_empty())
    else {
        return unavailable("DBUS_SESSION_BUS_ADDRESS is not set".into());
    };
    let serial = KEYCHAIN.lock().unwrap_or_else(PoisonError::into_inner);
    let probe = match secret_tool(&bus, &["search", "--all", "service", SERVICE]) {
        Ok(out) if out.status.success() => out,
        Ok(out) => {
            return unavailable(format!(
                "no Secret Service answers on {bus}: secret-tool says {}",
                stderr(&out).trim()
            ));
        }
        Err(err) => {
            return unavailable(format!(
                "secret-tool (Debian package libsecret-tools) cannot run: {err}"
            ));
        }
    };
    let before = parse_items(&probe)
        .into_iter()
        .map(|item| item.username)
        .collect();
    Some(Keychain {
        bus,
        before,
        _serial: serial,
    })
}

impl Keychain {
    /// `oauthctl` in the test's scrubbed environment, plus the session bus and
    /// `OAUTHCTL_STORE=keyring` (`cmd()` clears everything else).
    fn cmd(&self, env: &TestEnv) -> Run {
        keyring_cmd(env, &self.bus)
    }

    fn run(&self, env: &TestEnv, args: &[&str]) -> Output {
        self.cmd(env).args(args).output().expect("run oauthctl")
    }

    fn run_with_stdin(&self, env: &TestEnv, args: &[&str], stdin: &str) -> Output {
        self.cmd(env)
            .args(args)
            .stdin_text(stdin)
            .output()
            .expect("run oauthctl")
    }

    /// Every `service=oauthctl` item in the Secret Service.
    fn items(&self) -> Vec<Item> {
        let out = secret_tool(&self.bus, &["search", "--all", "service", SERVICE])
            .expect("run secret-tool");
        assert!(
            out.status.success(),
            "secret-tool search failed: {}",
            stderr(&out)
        );
        parse_items(&out)
    }

    /// The items of one store key: the entry itself and its chunks.
    fn items_of(&self, key: &str) -> Vec<Item> {
        let chunk_prefix = format!("{key}#");
        self.items()
            .into_iter()
            .filter(|i| i.username == key || i.username.starts_with(&chunk_prefix))
            .collect()
    }

    /// The one item with this username, if any.
    fn item(&self, username: &str) -> Option<Item> {
        self.items().into_iter().find(|i| i.username == username)
    }

    /// The store key of the one item created during this test whose value
    /// mentions `needle` (e.g. a client-credentials key, which is a hash).
    fn key_holding(&self, needle: &str) -> String {
        let found: Vec<Item> = self
            .items()
            .into_iter()
            .filter(|i| !self.before.contains(&i.username) && i.secret.contains(needle))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "expected exactly one new keychain item holding the token, found {:?}",
            found.iter().map(|i| &i.username).collect::<Vec<_>>()
        );
        found[0].username.clone()
    }

    /// Deletes an item by hand, like a user with Seahorse or secret-tool.
    fn clear(&self, username: &str) {
        let out = secret_tool(
            &self.bus,
            &["clear", "service", SERVICE, "username", username],
        )
        .expect("run secret-tool");
        assert!(
            out.status.success(),
            "secret-tool clear failed: {}",
            stderr(&out)
        );
    }
}

impl Drop for Keychain {
    /// Leaves the keychain as it was found (no panics here: this also runs
    /// while a failed test unwinds).
    fn drop(&mut self) {
        let Ok(out) = secret_tool(&self.bus, &["search", "--all", "service", SERVICE]) else {
            return;
        };
        for item in parse_items(&out) {
            if !self.before.contains(&item.username) {
                let _ = secret_tool(
                    &self.bus,
                    &["clear", "service", SERVICE, "username", &item.username],
                );
            }
        }
    }
}

/// `oauthctl` with the test's scrubbed environment, the given session bus,
/// and `OAUTHCTL_STORE=keyring`.
fn keyring_cmd(env: &TestEnv, bus: &str) -> Run {
    let mut cmd = env.cmd();
    cmd.env("DBUS_SESSION_BUS_ADDRESS", bus)
        .env("OAUTHCTL_STORE", "keyring");
    cmd
}

fn secret_tool(bus: &str, args: &[&str]) -> std::io::Result<Output> {
    bounded(Command::new("secret-tool"))
        .args(args)
        .env("DBUS_SESSION_BUS_ADDRESS", bus)
        .limit(Duration::from_secs(60))
        .output()
}

#[derive(Debug)]
struct Item {
    username: String,
    secret: String,
}

/// `secret-tool search --all` prints each item's `[path]`, `label` and `secret`
/// on stdout, and its `attribute.*` lines on stderr, items in the same order
/// on both.
fn parse_items(out: &Output) -> Vec<Item> {
    let mut secrets = Vec::new();
    for line in stdout(out).lines() {
        if line.starts_with('[') {
            secrets.push(String::new());
        } else if let Some(secret) = line.strip_prefix("secret = ")
            && let Some(last) = secrets.last_mut()
        {
            *last = secret.to_owned();
        }
    }
    let usernames: Vec<String> = stderr(out)
        .lines()
        .filter_map(|l| l.strip_prefix("attribute.username = "))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        secrets.len(),
        usernames.len(),
        "cannot pair secret-tool's items with their usernames:\n--- stdout\n{}\n--- stderr\n{}",
        stdout(out),
        stderr(out)
    );
    usernames
        .into_iter()
        .zip(secrets)
        .map(|(username, secret)| Item { username, secret })
        .collect()
}

// ---------------------------------------------------------------------------
// Profiles, tokens and files

/// A profile name no other test (or earlier run) uses in the shared keychain.
fn unique(prefix: &str) -> String {
    format!(
        "kr-{prefix}-{}",
        crate::support::oidc::random_urlsafe(6).to_ascii_lowercase()
    )
}

/// A `grant = "client_credentials"` profile for `ci-basic` (the
/// special-character secret, from a file) and a public-client profile.
fn write_profiles(env: &TestEnv, op: &OidcProvider, cc: &str, user: &str) {
    let secret_file = env.write_file("ci-basic.secret", SPECIAL_SECRET);
    env.write_config(&format!(
        r#"
[profiles.{cc}]
token_url = "{token_url}"
client_id = "ci-basic"
client_secret_file = "{secret}"
grant = "client_credentials"

[profiles.{user}]
issuer = "{issuer}"
client_id = "cli-public"
scopes = ["openid", "offline_access", "api:read"]
"#,
        token_url = op.token_url(),
        secret = secret_file.display(),
        issuer = op.issuer(),
    ));
}

/// Logs the public client in through the provider's real pages and hands the
/// refresh token to `oauthctl login --with-refresh-token -` under the
/// keychain store. Returns the refresh token oauthctl was given (already
/// redeemed and rotated by the provider).
fn login_public(kc: &Keychain, env: &TestEnv, op: &OidcProvider, profile: &str) -> String {
    let rt0 = op.obtain_refresh_token("cli-public", None, PUBLIC_SCOPES);
    let out = kc.run_with_stdin(
        env,
        &["login", "-p", profile, "--with-refresh-token", "-"],
        &format!("{rt0}\n"),
    );
    assert_ok(&out);
    assert!(
        stderr(&out).contains("keyring"),
        "login says where the tokens went: {}",
        stderr(&out)
    );
    op.reset_stats();
    rt0
}

/// The token set as the keychain holds it (chunks joined), as JSON.
fn stored_set(kc: &Keychain, key: &str) -> serde_json::Value {
    let head = kc
        .item(key)
        .unwrap_or_else(|| panic!("no keychain item {SERVICE}/{key}"));
    let value = match head.secret.strip_prefix("oauthctl-chunked:") {
        None => head.secret,
        Some(count) => {
            let count: usize = count.parse().expect("chunk count");
            (1..=count)
                .map(|i| {
                    kc.item(&format!("{key}#{i}"))
                        .unwrap_or_else(|| panic!("chunk {i} of {key} is missing"))
                        .secret
                })
                .collect()
        }
    };
    serde_json::from_str(&value)
        .unwrap_or_else(|e| panic!("the keychain item {key} is not JSON ({e}): {value}"))
}

fn stored_refresh_token(kc: &Keychain, key: &str) -> String {
    stored_set(kc, key)["refresh_token"]
        .as_str()
        .unwrap_or_else(|| panic!("no refresh_token in the keychain item {key}"))
        .to_owned()
}

/// Every regular file under `dir`, recursively (bounded depth).
pub(crate) fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        assert!(depth < 16, "directory tree too deep at {}", dir.display());
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                walk(&path, depth + 1, out);
            } else if meta.is_file() {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, 0, &mut out);
    out
}

fn json_files_in(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect()
}

fn access_cache_files(env: &TestEnv) -> Vec<PathBuf> {
    json_files_in(&env.data_dir().join("access-cache"))
}

fn token_files(env: &TestEnv) -> Vec<PathBuf> {
    json_files_in(&env.data_dir().join("tokens"))
}

/// Asserts no file under the test's whole temp dir (data, config, cache,
/// state, home) contains `secret`.
#[track_caller]
pub(crate) fn assert_on_no_disk(env: &TestEnv, secret: &str, what: &str) {
    for path in files_under(env.path()) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(secret),
            "the {what} was written to {}",
            path.display()
        );
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// ---------------------------------------------------------------------------
// The tests

#[test]
fn keyring_round_trip_a_second_process_reads_the_secret_service() {
    let Some(kc) = keychain() else {
        return;
    };
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);

    // First process: nothing stored, so `token` mints and stores.
    let minted = printed_token(&kc.run(&env, &["--store", "keyring", "token", "-p", &cc]));
    op.assert_token_accepted(&minted);
    assert_eq!(op.grant_count("client_credentials"), 1, "{}", op.stats());

    // The entry really lives in the Secret Service, not in a file.
    let key = kc.key_holding(&minted);
    assert!(key.starts_with("client-credentials:"), "{key}");
    let stored = stored_set(&kc, &key);
    assert_eq!(stored["access_token"], minted.as_str());
    assert_eq!(stored["grant"], "client_credentials");
    let out = secret_tool(&kc.bus, &["search", "service", SERVICE, "username", &key]).unwrap();
    assert!(
        stdout(&out).contains(&minted),
        "secret-tool search service oauthctl: {}",
        stdout(&out)
    );
    assert!(
        token_files(&env).is_empty(),
        "--store keyring wrote the file store: {:?}",
        token_files(&env)
    );

    // A second process: the cached access token, no request.
    let again = printed_token(&kc.run(&env, &["--store", "keyring", "token", "-p", &cc]));
    assert_eq!(again, minted);

    // A third process with the access cache gone: a real keychain read, and
    // still no request at the provider.
    assert_eq!(access_cache_files(&env).len(), 1);
    for path in access_cache_files(&env) {
        std::fs::remove_file(path).unwrap();
    }
    let from_keychain = printed_token(&kc.run(&env, &["--store", "keyring", "token", "-p", &cc]));
    assert_eq!(from_keychain, minted);
    assert_eq!(
        op.stats()["token_requests"],
        1,
        "later processes read the stored token instead of minting: {}",
        op.stats()
    );

    // `logout` removes the keychain entry and the cache.
    assert_ok(&kc.run(&env, &["--store", "keyring", "logout", "-p", &cc]));
    assert!(kc.items_of(&key).is_empty(), "{:?}", kc.items_of(&key));
    assert!(access_cache_files(&env).is_empty());
}

#[test]
fn refresh_token_never_touches_the_disk() {
    let Some(kc) = keychain() else {
        return;
    };
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);
    let rt0 = login_public(&kc, &env, &op, &user);

    let key = format!("profile:{user}");
    let rt1 = stored_refresh_token(&kc, &key);
    assert_ne!(rt1, rt0, "the provider rotated the refresh token at login");
    let access = stored_set(&kc, &key)["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let id_token = stored_set(&kc, &key)["id_token"]
        .as_str()
        .expect("an id_token (scope openid)")
        .to_owned();

    let token = printed_token(&kc.run(&env, &["token", "-p", &user]));
    assert_eq!(token, access);
    op.assert_token_accepted(&token);

    // The access-token cache: there, private, and only the access token.
    let cache = access_cache_files(&env);
    assert_eq!(cache.len(), 1, "one access-cache file: {cache:?}");
    #[cfg(unix)]
    {
        assert_eq!(mode(&cache[0]), 0o600, "{}", cache[0].display());
        assert_eq!(mode(cache[0].parent().unwrap()), 0o700);
    }
    let cached: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cache[0]).unwrap()).unwrap();
    assert_eq!(cached["access_token"], access.as_str());
    assert!(cached.get("refresh_token").is_none(), "{cached}");
    assert!(cached.get("id_token").is_none(), "{cached}");

    assert_on_no_disk(&env, &rt0, "refresh token given to login");
    assert_on_no_disk(&env, &rt1, "stored refresh token");
    assert_on_no_disk(&env, &id_token, "id_token");
    assert!(token_files(&env).is_empty(), "{:?}", token_files(&env));
}

#[test]
fn a_dpop_key_lives_in_the_keychain_and_never_in_the_access_cache() {
    let Some(kc) = keychain() else {
        return;
    };
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let cc = unique("dpop");
    let secret_file = env.write_file("ci-dpop.secret", "ci-dpop-secret");
    env.write_config(&format!(
        r#"
[profiles.{cc}]
issuer = "{issuer}"
client_id = "ci-dpop"
client_secret_file = "{secret}"
grant = "client_credentials"
dpop = true
"#,
        issuer = op.issuer(),
        secret = secret_file.display(),
    ));
    assert_ok(&kc.run(&env, &["client-credentials", "-p", &cc]));
    let key = kc.key_holding("dpop_key");
    let stored = stored_set(&kc, &key);
    assert_eq!(stored["token_type"], "DPoP", "{stored}");
    let dpop_key = stored["dpop_key"].as_str().unwrap().to_owned();
    let cache = access_cache_files(&env);
    assert_eq!(cache.len(), 1, "{cache:?}");
    let cached: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cache[0]).unwrap()).unwrap();
    assert!(cached.get("dpop_key").is_none(), "{cached}");
    assert_on_no_disk(&env, &dpop_key, "DPoP private key");
    // curl needs the key: it reads it from the keychain, the token from the cache.
    let out = kc.run(&env, &["curl", "-p", &cc, "--", "-sS", &op.api_url()]);
    assert_ok(&out);
    assert!(
        stdout(&out).contains(r#""token_kind":"dpop""#),
        "{}",
        stdout(&out)
    );
}

#[test]
fn forced_refresh_rotates_the_refresh_token_in_the_keychain() {
    let Some(kc) = keychain() else {
        return;
    };
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);
    login_public(&kc, &env, &op, &user);
    let key = format!("profile:{user}");
    let rt1 = stored_refresh_token(&kc, &key);
    let t1 = printed_token(&kc.run(&env, &["token", "-p", &user]));

    let t2 = printed_token(&kc.run(&env, &["refresh", "-p", &user]));
    assert_ne!(t2, t1);
    op.assert_token_accepted(&t2);
    let rt2 = stored_refresh_token(&kc, &key);
    assert_ne!(rt2, rt1, "the rotated refresh token replaced the old one");
    // The cache follows: `token` prints the new access token without a request.
    assert_eq!(printed_token(&kc.run(&env, &["token", "-p", &user])), t2);
    assert_eq!(op.grant_count("refresh_token"), 1, "{}", op.stats());

    // Had the old refresh token been kept, the provider would see its reuse,
    // answer invalid_grant and revoke the grant (exit 4).
    let t3 = printed_token(&kc.run(&env, &["refresh", "-p", &user]));
    assert_ne!(t3, t2);
    op.assert_token_accepted(&t3);
    assert_ne!(stored_refresh_token(&kc, &key), rt2);
    assert_eq!(op.grant_count("refresh_token"), 2, "{}", op.stats());
    assert_on_no_disk(&env, &rt2, "refresh token");
}

#[test]
fn large_values_are_split_across_keychain_entries() {
    let Some(kc) = keychain() else {
        return;
    };
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);
    let chunked = |args: &[&str]| {
        kc.cmd(&env)
            .env("OAUTHCTL_KEYRING_CHUNK_SIZE", "64")
            .args(args)
            .output()
            .expect("run oauthctl")
    };

    let rt0 = op.obtain_refresh_token("cli-public", None, PUBLIC_SCOPES);
    let out = kc
        .cmd(&env)
        .env("OAUTHCTL_KEYRING_CHUNK_SIZE", "64")
        .args(["login", "-p", &user, "--with-refresh-token", "-"])
        .stdin_text(&rt0)
        .output()
        .unwrap();
    assert_ok(&out);
    op.reset_stats();
    let key = format!("profile:{user}");
    let items = kc.items_of(&key);
    let head = kc.item(&key).expect("the head entry");
    let count: usize = head
        .secret
        .strip_prefix("oauthctl-chunked:")
        .unwrap_or_else(|| panic!("the head is a chunk marker, not {:?}", head.secret))
        .parse()
        .unwrap();
    assert!(
        count >= 3,
        "a token set with an id_token needs several 64-char chunks"
    );
    assert_eq!(items.len(), count + 1, "head + chunks: {items:?}");
    for item in items.iter().filter(|i| i.username != key) {
        assert!(item.secret.chars().count() <= 64, "{item:?}");
    }
    let set = stored_set(&kc, &key);
    let access = set["access_token"].as_str().unwrap().to_owned();

    // A second process without the access cache joins the chunks.
    for path in access_cache_files(&env) {
        std::fs::remove_file(path).unwrap();
    }
    let token = printed_token(&chunked(&["token", "-p", &user]));
    assert_eq!(token, access);
    assert_eq!(op.stats()["token_requests"], 0, "{}", op.stats());

    // A refresh rewrites every chunk; the result reads back whole.
    let refreshed = printed_token(&chunked(&["refresh", "-p", &user]));
    op.assert_token_accepted(&refreshed);
    assert_eq!(stored_set(&kc, &key)["access_token"], refreshed.as_str());
    for path in access_cache_files(&env) {
        std::fs::remove_file(path).unwrap();
    }
    assert_eq!(printed_token(&chunked(&["token", "-p", &user])), refreshed);

    // Unsplit again (no chunk size): the stale chunks go.
    let unsplit = printed_token(&kc.run(&env, &["refresh", "-p", &user]));
    let items = kc.items_of(&key);
    assert_eq!(items.len(), 1, "only the head is left: {items:?}");
    assert_eq!(stored_set(&kc, &key)["access_token"], unsplit.as_str());

    // And logout removes every entry of a split value.
    assert_ok(&chunked(&["refresh", "-p", &user]));
    assert!(kc.items_of(&key).len() > 1);
    assert_ok(&chunked(&["logout", "-p", &user]));
    assert!(kc.items_of(&key).is_empty(), "{:?}", kc.items_of(&key));
}

#[test]
fn entry_deleted_by_hand_means_login_required_not_stale_data() {
    let Some(kc) = keychain() else {
        return;
    };
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);
    let key = format!("profile:{user}");

    // With the access cache removed: `token` reads the keychain, finds
    // nothing, and says "log in" (exit 4) without asking the provider.
    login_public(&kc, &env, &op, &user);
    printed_token(&kc.run(&env, &["token", "-p", &user]));
    kc.clear(&key);
    assert!(kc.item(&key).is_none());
    for path in access_cache_files(&env) {
        std::fs::remove_file(path).unwrap();
    }
    let out = kc.run(&env, &["token", "-p", &user]);
    assert_code(&out, 4);
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("not logged in"), "{}", stderr(&out));
    assert_eq!(op.stats()["token_requests"], 0, "{}", op.stats());

    // With the cache still there but a load forced (--min-ttl above the
    // token's lifetime): exit 4, and the orphaned cache is removed, so a later
    // plain `token` does not serve it either.
    login_public(&kc, &env, &op, &user);
    assert_eq!(access_cache_files(&env).len(), 1);
    kc.clear(&key);
    let out = kc.run(&env, &["token", "-p", &user, "--min-ttl", "100000"]);
    assert_code(&out, 4);
    assert_eq!(stdout(&out), "");
    assert!(
        access_cache_files(&env).is_empty(),
        "the cache outlived its keychain entry: {:?}",
        access_cache_files(&env)
    );
    assert_code(&kc.run(&env, &["token", "-p", &user]), 4);
    assert_eq!(op.stats()["token_requests"], 0, "{}", op.stats());
    assert!(kc.item(&key).is_none(), "nothing was stored");

    // A client-credentials profile re-mints instead.
    let minted = printed_token(&kc.run(&env, &["token", "-p", &cc]));
    let cc_key = kc.key_holding(&minted);
    kc.clear(&cc_key);
    for path in access_cache_files(&env) {
        std::fs::remove_file(path).unwrap();
    }
    let reminted = printed_token(&kc.run(&env, &["token", "-p", &cc]));
    assert_ne!(reminted, minted);
    op.assert_token_accepted(&reminted);
    assert_eq!(op.grant_count("client_credentials"), 2, "{}", op.stats());
    assert_eq!(stored_set(&kc, &cc_key)["access_token"], reminted.as_str());
}

#[test]
fn a_missing_chunk_is_a_clear_error_not_a_panic() {
    let Some(kc) = keychain() else {
        return;
    };
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);
    let rt0 = op.obtain_refresh_token("cli-public", None, PUBLIC_SCOPES);
    assert_ok(
        &kc.cmd(&env)
            .env("OAUTHCTL_KEYRING_CHUNK_SIZE", "64")
            .args(["login", "-p", &user, "--with-refresh-token", "-"])
            .stdin_text(&rt0)
            .output()
            .unwrap(),
    );
    let key = format!("profile:{user}");
    kc.clear(&format!("{key}#2"));
    for path in access_cache_files(&env) {
        std::fs::remove_file(path).unwrap();
    }
    let out = kc.run(&env, &["token", "-p", &user]);
    assert_code(&out, 1);
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains("missing chunk 2") && err.contains("log in again"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

// ---------------------------------------------------------------------------
// A dead session bus: no keychain needed, so these always run.

/// A `unix:path=` bus address where nothing listens.
fn dead_bus(env: &TestEnv) -> String {
    format!("unix:path={}", env.path().join("no-such-bus").display())
}

#[test]
fn auto_store_with_a_dead_bus_falls_back_to_files_with_one_warning() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);
    let bus = dead_bus(&env);

    let out = keyring_cmd(&env, &bus)
        .args(["--store", "auto", "token", "-p", &cc])
        .output()
        .unwrap();
    let token = printed_token(&out);
    op.assert_token_accepted(&token);
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "exactly one line on stderr:\n{err}");
    assert!(
        err.starts_with("oauthctl: warning:")
            && err.contains("no OS keychain")
            && err.contains(&env.data_dir().join("tokens").display().to_string())
            && err.contains("--store"),
        "{err}"
    );
    // Plain words: the D-Bus details are for -vv.
    assert!(!err.contains("D-Bus") && !err.contains("dbus"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // Said once: the next command that writes tokens, and `status`, are quiet,
    // and `status` names the store the tokens are really in.
    let out = keyring_cmd(&env, &bus)
        .args([
            "--store",
            "auto",
            "client-credentials",
            "-p",
            &cc,
            "--force",
        ])
        .output()
        .unwrap();
    let token = printed_token(&out);
    assert_eq!(stderr(&out), "", "said twice");
    let out = keyring_cmd(&env, &bus)
        .args(["--store", "auto", "status"])
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "");
    let line = stdout(&out)
        .lines()
        .find(|l| l.contains(&cc))
        .unwrap_or_default()
        .to_owned();
    assert!(
        line.contains("logged in") && line.ends_with("store: file"),
        "{}",
        stdout(&out)
    );

    // The token landed in the file store (and not in an access cache).
    let files = token_files(&env);
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(std::fs::read_to_string(&files[0]).unwrap().contains(&token));
    #[cfg(unix)]
    assert_eq!(mode(&files[0]), 0o600);
    assert!(access_cache_files(&env).is_empty());

    // The next run finds it there: no request.
    let out = keyring_cmd(&env, &bus)
        .args(["--store", "auto", "token", "-p", &cc])
        .output()
        .unwrap();
    assert_eq!(printed_token(&out), token);
    assert_eq!(op.grant_count("client_credentials"), 2, "{}", op.stats());
}

#[test]
fn keyring_store_with_a_dead_bus_fails_cleanly_and_writes_nothing() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);
    let bus = dead_bus(&env);

    for args in [
        vec!["--store", "keyring", "token", "-p", cc.as_str()],
        vec![
            "--store",
            "keyring",
            "client-credentials",
            "-p",
            cc.as_str(),
        ],
    ] {
        let out = keyring_cmd(&env, &bus).args(&args).output().unwrap();
        assert_code(&out, 1);
        assert_eq!(stdout(&out), "");
        let err = stderr(&out);
        assert_eq!(
            err.lines().count(),
            1,
            "one clear line for {args:?}:\n{err}"
        );
        assert!(
            err.starts_with("oauthctl: error:") && err.contains("keychain"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(token_files(&env).is_empty(), "{:?}", token_files(&env));
    assert!(
        access_cache_files(&env).is_empty(),
        "{:?}",
        access_cache_files(&env)
    );
    assert_eq!(
        op.stats()["token_requests"],
        0,
        "nothing was minted only to be lost: {}",
        op.stats()
    );
}

// ---------------------------------------------------------------------------
// Bugs found while writing the tests above, now fixed: each test states the
// behaviour that holds.

#[test]
fn auto_store_reports_a_damaged_entry_instead_of_falling_back_to_files() {
    let Some(kc) = keychain() else {
        return;
    };
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);
    let minted = printed_token(
        &kc.cmd(&env)
            .env("OAUTHCTL_KEYRING_CHUNK_SIZE", "16")
            .args(["--store", "auto", "token", "-p", &cc])
            .output()
            .unwrap(),
    );
    let key = kc.key_holding("oauthctl-chunked:");
    assert_eq!(stored_set(&kc, &key)["access_token"], minted.as_str());
    kc.clear(&format!("{key}#2"));
    for path in access_cache_files(&env) {
        std::fs::remove_file(path).unwrap();
    }
    let out = kc.run(&env, &["--store", "auto", "token", "-p", &cc]);
    assert_code(&out, 1);
    assert!(
        stderr(&out).contains("missing chunk 2"),
        "the damage is named: {}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("no OS keychain"),
        "a keychain that answered was called absent: {}",
        stderr(&out)
    );
    assert!(
        token_files(&env).is_empty(),
        "the token moved to the file store: {:?}",
        token_files(&env)
    );
}

#[test]
fn a_value_too_large_to_read_back_is_not_written() {
    let Some(kc) = keychain() else {
        return;
    };
    // A 1500-character access token: about 100 chunks of 16 characters.
    let fake = FakeProvider::start(State::default(), |_, _| {
        Reply::json(
            200,
            &serde_json::json!({
                "access_token": "a".repeat(1500),
                "token_type": "Bearer",
                "expires_in": 3600,
            }),
        )
    });
    let env = TestEnv::new();
    let secret = env.write_file("secret", "s");
    let token_url = fake.url("/token");
    let args = [
        "--token-url",
        token_url.as_str(),
        "--client-id",
        "big",
        "--client-secret-file",
        secret.to_str().unwrap(),
    ];
    let out = kc
        .cmd(&env)
        .env("OAUTHCTL_KEYRING_CHUNK_SIZE", "16")
        .arg("client-credentials")
        .args(args)
        .output()
        .unwrap();
    // The keychain could take it but oauthctl could not read it back: the set
    // goes to a rescue file instead, which serves it, and which logout removes.
    assert_ok(&out);
    assert!(
        stderr(&out).contains("more than the 64 oauthctl reads back")
            && stderr(&out).contains("kept them in"),
        "{}",
        stderr(&out)
    );
    let new: Vec<String> = kc
        .items()
        .into_iter()
        .map(|i| i.username)
        .filter(|u| !kc.before.contains(u))
        .collect();
    assert!(new.is_empty(), "keychain entries were written: {new:?}");
    let rescue = env.data_dir().join("rescue");
    assert_eq!(std::fs::read_dir(&rescue).unwrap().count(), 1);
    let again = kc
        .cmd(&env)
        .arg("client-credentials")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(printed_token(&again), "a".repeat(1500));
    assert_eq!(
        fake.requests_to("/token").len(),
        1,
        "read back, not re-minted"
    );
    assert_ok(&kc.cmd(&env).arg("logout").args(args).output().unwrap());
    assert_eq!(std::fs::read_dir(&rescue).unwrap().count(), 0);
}

#[test]
fn login_checks_the_keychain_before_redeeming_a_refresh_token() {
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let (cc, user) = (unique("cc"), unique("user"));
    write_profiles(&env, &op, &cc, &user);
    let rt0 = op.obtain_refresh_token("cli-public", None, PUBLIC_SCOPES);
    op.reset_stats();
    let out = keyring_cmd(&env, &dead_bus(&env))
        .args(["login", "-p", &user, "--with-refresh-token", "-"])
        .stdin_text(&rt0)
        .output()
        .unwrap();
    assert_code(&out, 1);
    assert_eq!(
        op.stats()["token_requests"],
        0,
        "the provider rotated the refresh token, and its successor was lost: {}",
        op.stats()
    );
}
