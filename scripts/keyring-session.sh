#!/usr/bin/env bash
# bash scripts/keyring-session.sh COMMAND [ARGS...]
#
# Runs COMMAND against a private, real Secret Service: a D-Bus session bus of
# its own (no service auto-activation) with an unlocked gnome-keyring on it,
# in a temp dir. COMMAND sees DBUS_SESSION_BUS_ADDRESS; nothing of the
# caller's own session is used or touched. Afterwards both daemons are
# stopped, reaped, and the temp dir removed.
#
# The exit status is COMMAND's, except that a keyring that died or locked
# while COMMAND ran fails the run (status 1), even if COMMAND succeeded: a
# crashed keyring must not pass silently.
#
# Needs dbus-daemon, dbus-send and gnome-keyring-daemon (Debian packages
# dbus-daemon, dbus-bin, gnome-keyring); scripts/test.sh installs them.
set -euo pipefail

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

[ "$#" -gt 0 ] || die "usage: $0 COMMAND [ARGS...]"
for cmd in dbus-daemon dbus-send gnome-keyring-daemon; do
  command -v "$cmd" >/dev/null ||
    die "$cmd not found (Debian packages: dbus-daemon dbus-bin gnome-keyring)"
done

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

status=0
"$@" || status=$?

# A keyring that crashed mid-run must fail the run, even if COMMAND passed.
if ! kill -0 "$DBUS_PID" 2>/dev/null; then
  cat "$KEYRING_TMP/dbus.log" >&2
  die "the private dbus-daemon died during: $*"
fi
if ! kill -0 "$KEYRING_PID" 2>/dev/null || ! keyring_unlocked; then
  cat "$KEYRING_TMP/keyring.log" >&2
  die "gnome-keyring-daemon died or locked during: $*"
fi
exit "$status"
