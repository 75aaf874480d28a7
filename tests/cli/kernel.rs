//! `--store kernel` and `--store kernel+file` against the REAL kernel keyring
//! of the machine the tests run on, with the real oidc-provider (and a fake
//! where a provider must send what none does: tokens too large for a key).
//!
//! - Where the kernel refuses keyutils (a container's seccomp profile: EPERM
//!   or ENOSYS) the tests skip with a `SKIPPED` line, or FAIL when
//!   OAUTHCTL_REQUIRE_KERNEL_KEYRING=1 (as scripts/test.sh sets).
//! - The test process reads the entries itself, through linux-keyutils as
//!   oauthctl does: `user` keys in the user keyring, described
//!   `oauthctl:DIR:KEY`, DIR the first 12 hex digits of the SHA-256 of the
//!   data directory. Every test has a data directory of its own, so tests
//!   never share an entry although they share root's user keyring; each
//!   removes what it left there when it ends (even on failure).
//! - The quota test runs oauthctl as a uid of its own (so it needs root):
//!   a user's quota (`kernel.keys.maxbytes`, 20000 bytes by default) is what
//!   it fills, root's being 25 MB.

use std::collections::HashMap;
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use linux_keyutils::{Key, KeyError, KeyRing, KeyRingIdentifier, KeySerialId};
use sha2::{Digest, Sha256};

use crate::keyring::assert_on_no_disk;
use crate::support::fake::{FakeProvider, Reply, State};
use crate::support::oidc::{OidcProvider, SPECIAL_SECRET};
use crate::support::{
    BIN, Run, TestEnv, assert_code, assert_ok, bounded, printed_token, skip, stderr, stdout,
};

const SWITCHES: &[&str] = &["OAUTHCTL_REQUIRE_KERNEL_KEYRING"];
const PUBLIC_SCOPES: &str = "openid offline_access api:read";
/// The permissions oauthctl gives its keys: possessor all, user view.
const PERMS: u32 = 0x3f01_0000;

// ---------------------------------------------------------------------------
// The kernel keyring, as the test sees it

/// Whether this process may use the kernel keyring: a probe key written and
/// invalidated. Without: a `SKIPPED` line, or a failure under the switch.
fn kernel_keyring() -> bool {
    static PROBES: AtomicUsize = AtomicUsize::new(0);
    let probe = || -> Result<(), KeyError> {
        let ring = KeyRing::from_special_id(KeyRingIdentifier::User, true)?;
        let name = format!(
            "oauthctl-test-probe:{}:{}",
            std::process::id(),
            PROBES.fetch_add(1, Ordering::Relaxed)
        );
        ring.add_key(&name, b"x")?.invalidate()
    };
    match probe() {
        Ok(()) => true,
        Err(err) => {
            skip(
                &format!(
                    "the kernel refuses keyutils' system calls here ({err:?}; a container's seccomp profile?)"
                ),
                SWITCHES,
            );
            false
        }
    }
}

/// The kernel keyring entries of one test's data directory; dropping it
/// invalidates whatever of them is left.
struct Entries {
    prefix: String,
}

impl Entries {
    fn of(env: &TestEnv) -> Entries {
        Entries {
            prefix: prefix_of(&env.data_dir()),
        }
    }

    /// The token set stored under the store key `key`, read from @u.
    fn get(&self, key: &str) -> Option<serde_json::Value> {
        let ring = KeyRing::from_special_id(KeyRingIdentifier::User, true).unwrap();
        let key = match ring.search(&format!("{}{key}", self.prefix)) {
            Ok(key) => key,
            Err(KeyError::KeyDoesNotExist | KeyError::KeyRevoked) => return None,
            Err(err) => panic!("searching the user keyring: {err:?}"),
        };
        let bytes = key.read_to_vec().expect("read the entry");
        Some(serde_json::from_slice(&bytes).expect("a JSON token set"))
    }

    /// The live entries /proc/keys lists for this data dir: (serial, store key).
    fn listed(&self) -> Vec<(i32, String)> {
        listed(
            &std::fs::read_to_string("/proc/keys").unwrap(),
            &self.prefix,
        )
    }

    /// The one entry there is: its store key and token set.
    #[track_caller]
    fn only(&self) -> (String, serde_json::Value) {
        let listed = self.listed();
        assert_eq!(listed.len(), 1, "one kernel keyring entry: {listed:?}");
        let (serial, key) = listed[0].clone();
        let meta = Key::from_id(KeySerialId::new(serial)).metadata().unwrap();
        assert_eq!(meta.get_perms().bits(), PERMS, "possessor-only: {key}");
        let set = self.get(&key).expect("the listed entry reads back");
        (key, set)
    }

    fn refresh_token(&self, key: &str) -> String {
        self.get(key).expect("an entry")["refresh_token"]
            .as_str()
            .expect("a refresh token in the entry")
            .to_owned()
    }

    /// What a reboot does to the entry.
    fn forget(&self, key: &str) {
        let ring = KeyRing::from_special_id(KeyRingIdentifier::User, true).unwrap();
        ring.search(&format!("{}{key}", self.prefix))
            .unwrap()
            .invalidate()
            .unwrap();
    }
}

impl Drop for Entries {
    fn drop(&mut self) {
        for (serial, _) in self.listed() {
            let _ = Key::from_id(KeySerialId::new(serial)).invalidate();
        }
    }
}

fn prefix_of(data_dir: &std::path::Path) -> String {
    let digest: String = Sha256::digest(data_dir.to_string_lossy().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("oauthctl:{}:", &digest[..12])
}

/// Live `user` keys of a /proc/keys listing whose description starts with
/// `prefix`: their serials and the rest of the description.
fn listed(listing: &str, prefix: &str) -> Vec<(i32, String)> {
    listing
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (id, flags, kind, description) = (fields[0], fields[1], fields[7], fields[8]);
            let rest = description.strip_prefix(prefix)?;
            let key = rest.strip_suffix(':').unwrap_or(rest);
            (kind == "user" && !flags.contains(['i', 'R', 'D']))
                .then(|| (i32::from_str_radix(id, 16).unwrap(), key.to_owned()))
        })
        .collect()
}

/// The payload size /proc/keys gives an entry (`DESCRIPTION: SIZE`).
fn listed_size(listing: &str, prefix: &str, key: &str) -> Option<usize> {
    let description = format!("{prefix}{key}:");
    listing.lines().find_map(|line| {
        let fields: Vec<&str> = line.split_whitespace().collect();
        (fields.get(8) == Some(&description.as_str()) && !fields[1].contains('i'))
            .then(|| fields[9].parse().unwrap())
    })
}

// ---------------------------------------------------------------------------
// Profiles and runs

/// `oauthctl` in the test's scrubbed environment with `OAUTHCTL_STORE=store`.
fn cmd(env: &TestEnv, store: &str) -> Run {
    let mut cmd = env.cmd();
    cmd.env("OAUTHCTL_STORE", store);
    cmd
}

fn run(env: &TestEnv, store: &str, args: &[&str]) -> Output {
    cmd(env, store).args(args).output().expect("run oauthctl")
}

/// `ci`: client credentials of `ci-basic`; `user`: the public client.
fn write_profiles(env: &TestEnv, op: &OidcProvider) {
    let secret_file = env.write_file("ci-basic.secret", SPECIAL_SECRET);
    env.write_config(&format!(
        r#"
[profiles.ci]
token_url = "{token_url}"
client_id = "ci-basic"
client_secret_file = "{secret}"
grant = "client_credentials"

[profiles.user]
issuer = "{issuer}"
client_id = "cli-public"
scopes = ["openid", "offline_access", "api:read"]
"#,
        token_url = op.token_url(),
        secret = secret_file.display(),
        issuer = op.issuer(),
    ));
}

/// A real login of `user`, handed to `login --with-refresh-token -` under
/// `store`; returns the refresh token given (redeemed and rotated since).
fn log_in(env: &TestEnv, op: &OidcProvider, store: &str) -> String {
    let rt0 = op.obtain_refresh_token("cli-public", None, PUBLIC_SCOPES);
    let out = cmd(env, store)
        .args(["login", "-p", "user", "--with-refresh-token", "-"])
        .stdin_text(&format!("{rt0}\n"))
        .output()
        .unwrap();
    assert_ok(&out);
    assert!(
        stderr(&out).contains(&format!("stored in {store}")),
        "login says where the tokens went: {}",
        stderr(&out)
    );
    op.reset_stats();
    rt0
}

fn token_files(env: &TestEnv) -> Vec<std::path::PathBuf> {
    crate::keyring::files_under(&env.data_dir())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect()
}

/// The line of `status` for `profile`, and the whole text.
fn status_line(env: &TestEnv, store: &str, profile: &str) -> (String, String) {
    let out = run(env, store, &["status"]);
    assert_ok(&out);
    let text = stdout(&out);
    let line = text
        .lines()
        .find(|l| l.split_whitespace().any(|w| w == profile))
        .unwrap_or_else(|| panic!("no status line for {profile}: {text}"))
        .to_owned();
    (line, text)
}

// ---------------------------------------------------------------------------
// The tests

#[test]
fn kernel_store_round_trip_a_second_process_reads_the_kernel_keyring() {
    if !kernel_keyring() {
        return;
    }
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let entries = Entries::of(&env);
    write_profiles(&env, &op);

    // First process: nothing stored, so `token` mints and stores.
    let minted = printed_token(&run(&env, "kernel", &["token", "-p", "ci"]));
    op.assert_token_accepted(&minted);
    assert_eq!(op.grant_count("client_credentials"), 1, "{}", op.stats());
    let (key, set) = entries.only();
    assert!(key.starts_with("client-credentials:"), "{key}");
    assert_eq!(set["access_token"], minted.as_str());
    assert_eq!(set["grant"], "client_credentials");
    assert!(token_files(&env).is_empty(), "{:?}", token_files(&env));
    assert_on_no_disk(&env, &minted, "access token");

    // A second process reads it from the kernel: no request.
    let again = printed_token(&run(&env, "kernel", &["token", "-p", "ci"]));
    assert_eq!(again, minted);
    assert_eq!(op.stats()["token_requests"], 1, "{}", op.stats());
    // And with the provider gone, a third still does (clap's path too).
    drop(op);
    let out = run(
        &env,
        "kernel",
        &["--store", "kernel", "token", "-p", "ci", "-v"],
    );
    assert_eq!(printed_token(&out), minted);

    let (line, text) = status_line(&env, "kernel", "ci");
    assert!(
        line.contains("logged in") && line.ends_with("store: kernel"),
        "{line}"
    );
    assert!(
        text.contains("store kernel: in kernel memory, never on disk")
            && text.contains("gone at reboot"),
        "status says what the store protects against: {text}"
    );

    assert_ok(&run(&env, "kernel", &["logout", "-p", "ci"]));
    assert!(entries.get(&key).is_none(), "logout removed the entry");
    assert!(entries.listed().is_empty(), "{:?}", entries.listed());
}

#[test]
fn refresh_token_rotation_is_saved_in_the_kernel_keyring_and_never_on_disk() {
    if !kernel_keyring() {
        return;
    }
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let entries = Entries::of(&env);
    write_profiles(&env, &op);
    let rt0 = log_in(&env, &op, "kernel");
    let rt1 = entries.refresh_token("profile:user");
    assert_ne!(rt1, rt0, "the provider rotated the refresh token at login");
    let stored = entries.get("profile:user").unwrap();
    let (t1, id_token) = (
        stored["access_token"].as_str().unwrap().to_owned(),
        stored["id_token"].as_str().expect("an id_token").to_owned(),
    );
    assert_eq!(
        printed_token(&run(&env, "kernel", &["token", "-p", "user"])),
        t1
    );
    assert_eq!(op.stats()["token_requests"], 0, "{}", op.stats());

    let t2 = printed_token(&run(&env, "kernel", &["refresh", "-p", "user"]));
    assert_ne!(t2, t1);
    op.assert_token_accepted(&t2);
    let rt2 = entries.refresh_token("profile:user");
    assert_ne!(rt2, rt1, "the rotated refresh token replaced the old one");
    assert_eq!(
        printed_token(&run(&env, "kernel", &["token", "-p", "user"])),
        t2
    );
    // Had the old refresh token been kept, the provider would see its reuse
    // and end the grant (exit 4).
    let t3 = printed_token(&run(&env, "kernel", &["refresh", "-p", "user"]));
    op.assert_token_accepted(&t3);
    assert_ne!(entries.refresh_token("profile:user"), rt2);
    assert_eq!(op.grant_count("refresh_token"), 2, "{}", op.stats());

    for (secret, what) in [
        (&rt0, "refresh token given to login"),
        (&rt1, "first refresh token"),
        (&rt2, "rotated refresh token"),
        (&t1, "access token"),
        (&t3, "renewed access token"),
        (&id_token, "id_token"),
    ] {
        assert_on_no_disk(&env, secret, what);
    }
    assert!(token_files(&env).is_empty(), "{:?}", token_files(&env));
}

#[test]
fn kernel_plus_file_keeps_a_copy_that_comes_back_after_a_reboot() {
    if !kernel_keyring() {
        return;
    }
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let entries = Entries::of(&env);
    write_profiles(&env, &op);
    log_in(&env, &op, "kernel+file");
    let rt1 = entries.refresh_token("profile:user");
    assert_eq!(env.stored_set()["refresh_token"], rt1.as_str(), "the copy");
    let access = env.stored_set()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();

    // A reboot empties the kernel keyring: the copy serves, without a
    // request, and goes back into memory.
    entries.forget("profile:user");
    assert!(entries.get("profile:user").is_none());
    assert_eq!(
        printed_token(&run(&env, "kernel+file", &["token", "-p", "user"])),
        access
    );
    assert_eq!(op.stats()["token_requests"], 0, "{}", op.stats());
    assert_eq!(entries.refresh_token("profile:user"), rt1, "restored");

    // A renewal writes both.
    let t2 = printed_token(&run(&env, "kernel+file", &["refresh", "-p", "user"]));
    op.assert_token_accepted(&t2);
    let rt2 = entries.refresh_token("profile:user");
    assert_ne!(rt2, rt1);
    assert_eq!(env.stored_set()["refresh_token"], rt2.as_str());

    let (line, text) = status_line(&env, "kernel+file", "user");
    assert!(line.ends_with("store: kernel+file"), "{line}");
    assert!(
        text.contains("store kernel+file: in kernel memory, plus a 0600 file copy"),
        "{text}"
    );

    // `kernel` alone keeps nothing on disk: its first save drops the copy.
    let t3 = printed_token(&run(&env, "kernel", &["refresh", "-p", "user"]));
    op.assert_token_accepted(&t3);
    assert!(token_files(&env).is_empty(), "{:?}", token_files(&env));
    assert_on_no_disk(&env, &rt2, "refresh token of the copy");

    assert_ok(&run(&env, "kernel+file", &["logout", "-p", "user"]));
    assert!(entries.listed().is_empty(), "{:?}", entries.listed());
    assert!(token_files(&env).is_empty());
}

/// Client credentials at a fake whose `n`th token comes from `token(n)`.
fn minting_fake(token: fn(u32) -> String) -> FakeProvider {
    FakeProvider::start(State::default(), move |req, st| {
        if req.method != "POST" {
            return Reply::not_found();
        }
        st.hits += 1;
        Reply::json(
            200,
            &serde_json::json!({"access_token": token(st.hits), "token_type": "Bearer", "expires_in": 3600}),
        )
    })
}

fn write_minting_profiles(env: &TestEnv, fake: &FakeProvider, names: &[&str]) {
    let mut config = String::new();
    for name in names {
        config.push_str(&format!(
            "[profiles.{name}]\ntoken_url = \"{}\"\nclient_id = \"{name}\"\nclient_auth = \"none\"\ngrant = \"client_credentials\"\n\n",
            fake.url("/token")
        ));
    }
    env.write_config(&config);
}

#[test]
fn a_token_set_too_large_for_a_kernel_key_leaves_the_old_one_and_is_not_lost() {
    if !kernel_keyring() {
        return;
    }
    let fake = minting_fake(|n| match n {
        1 => "small-1".to_owned(),
        n => format!("{n}-{}", "x".repeat(40_000)),
    });
    let env = TestEnv::new();
    let entries = Entries::of(&env);
    write_minting_profiles(&env, &fake, &["big"]);
    assert_eq!(
        printed_token(&run(&env, "kernel", &["token", "-p", "big"])),
        "small-1"
    );
    let (key, _) = entries.only();

    // Minted anew: 40 kB, more than a key holds. The old entry stays, the
    // new set is kept in a rescue file, and the warning says both.
    let out = run(&env, "kernel", &["cc", "-p", "big", "--force"]);
    let big = printed_token(&out);
    assert!(big.starts_with("2-"), "{}", &big[..10]);
    let warning = stderr(&out);
    assert!(
        warning.contains("more than the 32767 a kernel keyring entry holds")
            && warning.contains("kept them in"),
        "{warning}"
    );
    assert_eq!(warning.lines().count(), 1, "one line: {warning}");
    assert_eq!(entries.get(&key).unwrap()["access_token"], "small-1");
    // The rescued set is the newest: served, with no request.
    assert_eq!(
        printed_token(&run(&env, "kernel", &["token", "-p", "big"])),
        big
    );
    assert_eq!(fake.count(), 2);

    assert_ok(&run(&env, "kernel", &["logout", "-p", "big"]));
    assert!(entries.listed().is_empty());
    assert!(token_files(&env).is_empty(), "{:?}", token_files(&env));
}

/// A uid no account and no other test has: 2^31 + this process's id.
fn own_uid() -> u32 {
    (1 << 31) + std::process::id()
}

/// `args` as `uid`, with `cat` for /proc/keys as that user.
fn as_user(env: &TestEnv, uid: u32, args: &[&str]) -> Output {
    cmd(env, "kernel").user(uid).args(args).output().unwrap()
}

fn proc_keys_as(uid: u32) -> String {
    let out = bounded(std::process::Command::new("cat"))
        .arg("/proc/keys")
        .user(uid)
        .output()
        .unwrap();
    assert_ok(&out);
    stdout(&out)
}

fn chown_tree(dir: &std::path::Path, uid: u32) {
    std::os::unix::fs::chown(dir, Some(uid), Some(uid)).unwrap();
    if dir.is_dir() {
        for entry in std::fs::read_dir(dir).unwrap() {
            chown_tree(&entry.unwrap().path(), uid);
        }
    }
}

#[test]
fn a_full_key_quota_is_one_clear_error_before_anything_is_requested() {
    if !kernel_keyring() {
        return;
    }
    if rustix::process::geteuid().as_raw() != 0 {
        skip(
            "only root can run oauthctl as a user of its own, whose key quota (kernel.keys.maxbytes) the test fills",
            SWITCHES,
        );
        return;
    }
    let maxbytes: usize = std::fs::read_to_string("/proc/sys/kernel/keys/maxbytes")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // `a` takes most of the quota; `b` would need a new entry.
    let fake = minting_fake(|n| {
        let maxbytes: usize = std::fs::read_to_string("/proc/sys/kernel/keys/maxbytes")
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        match n {
            1 => format!("1-{}", "a".repeat(maxbytes * 4 / 5)),
            n => format!("{n}-{}", "a".repeat(maxbytes * 21 / 20)),
        }
    });
    let env = TestEnv::new();
    write_minting_profiles(&env, &fake, &["a", "b"]);
    let uid = own_uid();
    chown_tree(env.path(), uid);
    let prefix = prefix_of(&env.data_dir());
    struct LogOut<'a>(&'a TestEnv, u32);
    impl Drop for LogOut<'_> {
        fn drop(&mut self) {
            let _ = as_user(self.0, self.1, &["logout", "--all"]);
        }
    }
    let _logout = LogOut(&env, uid);

    let first = printed_token(&as_user(&env, uid, &["token", "-p", "a"]));
    assert!(first.starts_with("1-"));
    let requests = fake.count();

    // No room for another entry: one line, exit 1, and no request.
    let out = as_user(&env, uid, &["token", "-p", "b"]);
    assert_code(&out, 1);
    assert_eq!(stdout(&out), "");
    let error = stderr(&out);
    assert_eq!(error.lines().count(), 1, "one line: {error}");
    assert!(
        error.contains("the kernel keyring is full: your keys use")
            && error.contains(&format!("of the {maxbytes} bytes (kernel.keys.maxbytes)"))
            && error.contains("nothing was requested")
            && error.contains("oauthctl logout -p NAME"),
        "{error}"
    );
    assert_eq!(fake.count(), requests, "nothing was requested");

    // A renewal whose set outgrows the quota: the old entry stays as it
    // was, and the new set is kept (in a rescue file), not lost.
    let out = as_user(&env, uid, &["cc", "-p", "a", "--force"]);
    let second = printed_token(&out);
    assert!(second.starts_with("2-"));
    assert!(
        stderr(&out).contains("the kernel keyring is full")
            && stderr(&out).contains("kept them in"),
        "{}",
        stderr(&out)
    );
    let keys = proc_keys_as(uid);
    let entries: HashMap<i32, String> = listed(&keys, &prefix).into_iter().collect();
    assert_eq!(entries.len(), 1, "{keys}");
    let key = entries.values().next().unwrap();
    let size = listed_size(&keys, &prefix, key).unwrap();
    assert!(
        size < maxbytes,
        "the old entry ({size} bytes) stayed: {keys}"
    );
    assert_eq!(
        printed_token(&as_user(&env, uid, &["token", "-p", "a"])),
        second
    );

    assert_ok(&as_user(&env, uid, &["logout", "--all"]));
    assert!(
        listed(&proc_keys_as(uid), &prefix).is_empty(),
        "{}",
        proc_keys_as(uid)
    );
}

/// Starts a program in a new session keyring that does not reach the user
/// keyring, as systemd's `KeyringMode=private` does (python's ctypes calls
/// keyctl(KEYCTL_JOIN_SESSION_KEYRING, NULL), then execs the program).
const DETACHED: &str = r#"
import ctypes, os, sys
numbers = {"x86_64": 250, "aarch64": 219}
libc = ctypes.CDLL(None, use_errno=True)
if libc.syscall(ctypes.c_long(numbers[os.uname().machine]), ctypes.c_long(1), ctypes.c_long(0)) < 0:
    sys.exit("keyctl: errno %d" % ctypes.get_errno())
os.execv(sys.argv[1], sys.argv[1:])
"#;

#[test]
fn a_session_keyring_that_does_not_reach_the_user_keyring_still_works() {
    if !kernel_keyring() {
        return;
    }
    if !cfg!(any(target_arch = "x86_64", target_arch = "aarch64")) {
        skip(
            "the detached-session helper knows keyctl's number on x86_64 and aarch64 only",
            &[],
        );
        return;
    }
    let Some(op) = OidcProvider::start() else {
        return;
    };
    let env = TestEnv::new();
    let entries = Entries::of(&env);
    write_profiles(&env, &op);
    let detached = |args: &[&str]| {
        let out = env
            .command("python3")
            .env("OAUTHCTL_STORE", "kernel")
            .args(["-c", DETACHED, BIN])
            .args(args)
            .output()
            .expect("run python3");
        if let Some(why) = stderr(&out).lines().find(|l| l.starts_with("keyctl:")) {
            panic!("cannot start a detached session: {why}");
        }
        out
    };

    // Logged in from a normal session, the entry is possessor-only: the
    // detached process reaches it through its own process keyring.
    log_in(&env, &op, "kernel");
    let access = entries.get("profile:user").unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(printed_token(&detached(&["token", "-p", "user"])), access);
    assert_eq!(op.stats()["token_requests"], 0, "{}", op.stats());

    // It renews and saves from there, and a normal session reads that.
    let renewed = printed_token(&detached(&["refresh", "-p", "user"]));
    op.assert_token_accepted(&renewed);
    assert_eq!(
        entries.get("profile:user").unwrap()["access_token"],
        renewed.as_str()
    );
    let minted = printed_token(&detached(&["token", "-p", "ci"]));
    assert_eq!(
        printed_token(&run(&env, "kernel", &["token", "-p", "ci"])),
        minted
    );
    assert_eq!(entries.listed().len(), 2, "{:?}", entries.listed());

    assert_ok(&detached(&["logout", "--all"]));
    assert!(entries.listed().is_empty(), "{:?}", entries.listed());
}
