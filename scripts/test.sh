#!/usr/bin/env bash
# The project's test command: bash scripts/test.sh [extra `cargo test` args]
#
# On a fresh Debian 12 machine it installs what is missing (a Secret Service,
# Chromium for browser tests, the npm packages of the test authorization
# server), starts a private D-Bus session bus with an unlocked gnome-keyring on
# it, then runs rustfmt, clippy and the whole test suite with
# OAUTHCTL_REQUIRE_KEYRING=1, so keychain tests fail instead of skipping.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- System packages (only the missing ones) --------------------------------
APT_PACKAGES=(gnome-keyring dbus-daemon dbus-bin libsecret-tools chromium chromium-driver)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
  [ "${status:0:2}" = "ii" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
for cmd in dbus-daemon dbus-send gnome-keyring-daemon secret-tool chromium chromedriver; do
  command -v "$cmd" >/dev/null || die "$cmd not found after installing ${APT_PACKAGES[*]}"
done

# --- Node.js and the test authorization server (tests/provider) ------------
# oidc-provider 9 needs Node >= 20.19; Debian 12's own nodejs (18) is too old,
# so this is not installed from apt.
command -v node >/dev/null && command -v npm >/dev/null ||
  die "Node.js >= 20.19 and npm are needed for tests/provider (oidc-provider)"
node -e 'const [a, b] = process.versions.node.split(".").map(Number);
         process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  die "Node.js >= 20.19 is needed for tests/provider, found $(node --version)"
if [ ! -f tests/provider/node_modules/.package-lock.json ] ||
   [ tests/provider/package-lock.json -nt tests/provider/node_modules/.package-lock.json ]; then
  log "npm ci in tests/provider"
  (cd tests/provider && npm ci --no-audit --no-fund --loglevel=error)
fi

# --- A private session bus with an unlocked gnome-keyring -------------------
KEYRING_TMP=$(mktemp -d "${TMPDIR:-/tmp}/oauthctl-keyring.XXXXXX")
DBUS_PID=
KEYRING_PID=
cleanup() {
  local pid
  for pid in "$KEYRING_PID" "$DBUS_PID"; do
    if [ -n "$pid" ]; then
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$KEYRING_TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$KEYRING_TMP/data" "$KEYRING_TMP/run"
chmod 700 "$KEYRING_TMP/run"
cat >"$KEYRING_TMP/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$KEYRING_TMP/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

# No service auto-activation: a crashed keyring gives a clear error, not a
# fresh locked daemon.
dbus-daemon --config-file="$KEYRING_TMP/bus.conf" --nofork --nopidfile \
  >"$KEYRING_TMP/dbus.log" 2>&1 &
DBUS_PID=$!
export DBUS_SESSION_BUS_ADDRESS="unix:path=$KEYRING_TMP/bus"
for _ in $(seq 100); do
  [ -S "$KEYRING_TMP/bus" ] && break
  kill -0 "$DBUS_PID" 2>/dev/null || break
  sleep 0.05
done
[ -S "$KEYRING_TMP/bus" ] || { cat "$KEYRING_TMP/dbus.log" >&2; die "dbus-daemon did not start"; }

keyring_password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s' "$keyring_password" |
  XDG_DATA_HOME="$KEYRING_TMP/data" XDG_RUNTIME_DIR="$KEYRING_TMP/run" \
    gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$KEYRING_TMP/keyring.log" 2>&1 &
KEYRING_PID=$!
unset keyring_password

keyring_unlocked() {
  dbus-send --session --print-reply --dest=org.freedesktop.secrets \
    /org/freedesktop/secrets/aliases/default \
    org.freedesktop.DBus.Properties.Get \
    string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null |
    grep -q 'boolean false'
}
unlocked=
for _ in $(seq 100); do
  if keyring_unlocked; then unlocked=1; break; fi
  kill -0 "$KEYRING_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$unlocked" ] || { cat "$KEYRING_TMP/keyring.log" >&2; die "gnome-keyring did not come up unlocked"; }
log "gnome-keyring unlocked on $DBUS_SESSION_BUS_ADDRESS"
export OAUTHCTL_REQUIRE_KEYRING=1

# --- Lints and tests --------------------------------------------------------
log "cargo fmt --check"
cargo fmt --check
log "cargo clippy"
cargo clippy --locked --all-targets -- -D warnings
log "cargo test"
status=0
cargo test --locked "$@" || status=$?

# A keyring that crashed mid-run must fail the run, even if tests passed.
if ! kill -0 "$KEYRING_PID" 2>/dev/null || ! keyring_unlocked; then
  cat "$KEYRING_TMP/keyring.log" >&2
  die "gnome-keyring-daemon died or locked during the tests"
fi
exit "$status"
