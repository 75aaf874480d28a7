#!/usr/bin/env bash
# bash scripts/keycloak.sh COMMAND [ARGS...]
#
# Runs COMMAND with a real Keycloak beside it: the Keycloak test suite
# (tests/cli/keycloak.rs) reads its address from OAUTHCTL_TEST_KEYCLOAK.
#
#   bash scripts/keycloak.sh cargo test --test cli keycloak
#   bash scripts/keycloak.sh --prepare    # only find Java, fetch and unzip
#
# Keycloak (the Quarkus distribution from Maven Central, fetched with mvn into
# the local Maven repository when it is not there) is unzipped once under
# target/keycloak/ and reused while its version stays. Each run starts it
# fresh in dev mode on 127.0.0.1 and a free port, with an in-memory H2
# database (so no run sees another's users, sessions or events) and the realm
# tests/keycloak/realm-oauthctl.json imported, waits (bounded) until the
# realm's discovery document answers, runs COMMAND with
# OAUTHCTL_TEST_KEYCLOAK=http://127.0.0.1:PORT, then stops Keycloak and waits
# for it. Its log is target/keycloak/run/keycloak.log.
#
# Needs mvn (only when the zip is not in the Maven repository yet), unzip or
# python3, curl, and a Java 21 or newer: $OAUTHCTL_KEYCLOAK_JAVA_HOME, else
# $JAVA_HOME, else /usr/lib/jvm/temurin-*-jdk*, else the java on PATH.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

[ "$#" -gt 0 ] || die "usage: $0 COMMAND [ARGS...] | --prepare"
PREPARE_ONLY=
[ "$1" = --prepare ] && PREPARE_ONLY=1

KEYCLOAK_VERSION=26.4.7
ARTIFACT=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip
REALM_JSON=tests/keycloak/realm-oauthctl.json
# Startup takes about a minute on two busy cores.
START_LIMIT=${OAUTHCTL_KEYCLOAK_START_LIMIT:-240}
# COMMAND (the whole test suite) must end within this many seconds.
RUN_LIMIT=${OAUTHCTL_KEYCLOAK_RUN_LIMIT:-4200}

for cmd in curl timeout; do
  command -v "$cmd" >/dev/null || die "$cmd not found"
done
[ -f "$REALM_JSON" ] || die "$REALM_JSON is missing"

# --- Java 21+ -----------------------------------------------------------------
java_major() { # JAVA_BINARY -> its major version, or nothing
  "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n1
}
JAVA_BIN=
candidates=()
[ -n "${OAUTHCTL_KEYCLOAK_JAVA_HOME:-}" ] && candidates+=("$OAUTHCTL_KEYCLOAK_JAVA_HOME/bin/java")
[ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
for home in /usr/lib/jvm/temurin-*-jdk*; do
  [ -x "$home/bin/java" ] && candidates+=("$home/bin/java")
done
command -v java >/dev/null && candidates+=("$(command -v java)")
for java in "${candidates[@]}"; do
  major=$(java_major "$java" || true)
  if [ -n "$major" ] && [ "$major" -ge 21 ]; then JAVA_BIN=$java; break; fi
done
[ -n "$JAVA_BIN" ] || die "Keycloak $KEYCLOAK_VERSION needs Java 21 or newer; found none \
(tried: ${candidates[*]:-no java at all}). Install one (e.g. a Temurin JDK under /usr/lib/jvm) \
or set OAUTHCTL_KEYCLOAK_JAVA_HOME."
KC_JAVA_HOME=$(cd "$(dirname "$JAVA_BIN")/.." && pwd)
log "Keycloak runs on $("$JAVA_BIN" -version 2>&1 | head -n1) ($KC_JAVA_HOME)"

# --- The distribution ---------------------------------------------------------
M2_REPO=${OAUTHCTL_MAVEN_REPO:-$HOME/.m2/repository}
ZIP=$M2_REPO/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip
if [ ! -s "$ZIP" ]; then
  command -v mvn >/dev/null || die "mvn is needed to fetch Keycloak ($ARTIFACT)"
  log "fetching $ARTIFACT with mvn"
  timeout 900 mvn -q -B dependency:get -Dartifact="$ARTIFACT" -Dtransitive=false \
    -Dmaven.repo.local="$M2_REPO"
  [ -s "$ZIP" ] || die "mvn did not leave $ZIP"
fi

KC_ROOT=$PWD/target/keycloak
KC_HOME=$KC_ROOT/keycloak-$KEYCLOAK_VERSION
if [ ! -f "$KC_HOME/.unzipped" ]; then
  log "unzipping Keycloak $KEYCLOAK_VERSION into $KC_ROOT"
  rm -rf "$KC_HOME"
  mkdir -p "$KC_ROOT"
  if command -v unzip >/dev/null; then
    timeout 300 unzip -q "$ZIP" -d "$KC_ROOT"
  elif command -v python3 >/dev/null; then
    timeout 300 python3 -m zipfile -e "$ZIP" "$KC_ROOT"
  else
    die "unzip or python3 is needed to unpack $ZIP"
  fi
  [ -f "$KC_HOME/bin/kc.sh" ] || die "$ZIP did not hold keycloak-$KEYCLOAK_VERSION/bin/kc.sh"
  touch "$KC_HOME/.unzipped"
fi

[ -z "$PREPARE_ONLY" ] || exit 0

# --- A fresh server -------------------------------------------------------------
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
command -v python3 >/dev/null || die "python3 is needed to pick a free port"
PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
RUN_DIR=$KC_ROOT/run
# Nothing of an earlier run: the database is in memory, and the import, the
# log and the dev-mode caches are laid anew.
rm -rf "$RUN_DIR" "$KC_HOME/data"
mkdir -p "$RUN_DIR" "$KC_HOME/data/import"
cp "$REALM_JSON" "$KC_HOME/data/import/"
KC_LOG=$RUN_DIR/keycloak.log

# The features the suite uses beyond the defaults of 26.4 (standard token
# exchange, device flow, PAR and client registration are on by default):
# DPoP is named so the DPoP clients work whatever the default.
FEATURES=dpop

KC_PID=
CMD_PID=
cleanup() {
  if [ -n "$CMD_PID" ] && kill -0 "$CMD_PID" 2>/dev/null; then
    kill "$CMD_PID" 2>/dev/null || true
    wait "$CMD_PID" 2>/dev/null || true
  fi
  if [ -n "$KC_PID" ]; then
    kill "$KC_PID" 2>/dev/null || true
    # Quarkus stops within seconds on SIGTERM; a hung one is killed.
    for _ in $(seq 300); do
      kill -0 "$KC_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$KC_PID" 2>/dev/null || true
    wait "$KC_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "starting Keycloak $KEYCLOAK_VERSION on 127.0.0.1:$PORT (log: $KC_LOG)"
started=$(date +%s)
# The whole run is bounded: Keycloak cannot outlive its start, COMMAND and
# the stop by much.
JAVA_HOME=$KC_JAVA_HOME \
  JAVA_OPTS_KC_HEAP="-Xms256m -Xmx768m" \
  timeout --kill-after=30 $((START_LIMIT + RUN_LIMIT + 120)) \
  bash "$KC_HOME/bin/kc.sh" start-dev \
  --http-host=127.0.0.1 --http-port="$PORT" \
  --http-management-port="$MANAGEMENT_PORT" \
  --hostname-strict=false \
  --db=dev-mem \
  --features="$FEATURES" \
  --import-realm \
  >"$KC_LOG" 2>&1 &
KC_PID=$!

URL=http://127.0.0.1:$PORT
DISCOVERY=$URL/realms/oauthctl/.well-known/openid-configuration
deadline=$((started + START_LIMIT))
until curl -fsS --max-time 5 -o /dev/null "$DISCOVERY" 2>/dev/null; do
  if ! kill -0 "$KC_PID" 2>/dev/null; then
    tail -n 60 "$KC_LOG" >&2
    die "Keycloak exited during its start (log above, whole log: $KC_LOG)"
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    tail -n 60 "$KC_LOG" >&2
    die "Keycloak did not answer $DISCOVERY within ${START_LIMIT}s (log: $KC_LOG)"
  fi
  sleep 1
done
log "Keycloak ready at $URL after $(( $(date +%s) - started ))s"

export OAUTHCTL_TEST_KEYCLOAK=$URL
# In the background, so that a signal reaches the traps at once rather than
# after COMMAND; with this script's stdin (a background job's would be
# /dev/null), or /dev/null when there is none.
{ exec 3<&0; } 2>/dev/null || exec 3</dev/null
timeout --kill-after=30 "$RUN_LIMIT" "$@" <&3 3<&- &
CMD_PID=$!
status=0
wait "$CMD_PID" || status=$?
CMD_PID=
if ! kill -0 "$KC_PID" 2>/dev/null; then
  tail -n 60 "$KC_LOG" >&2
  die "Keycloak died during: $*"
fi
exit "$status"
