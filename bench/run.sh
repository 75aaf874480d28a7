#!/usr/bin/env bash
# bash bench/run.sh — how long `oauthctl token` takes on a fresh stored token.
#
# Measures, with hyperfine and the release build:
#   1. the file store;
#   2. the keychain store, answered from the access-token cache (no D-Bus);
#   3. the keychain store with the cache removed before every run, so every
#      run reads the real Secret Service;
#   4. `oauthctl --version`, for reference: process start-up alone;
#   5. side by side in the same run: `/bin/true`, a Rust "hello world" built
#      here (release, stripped), plain `curl -H` against `oauthctl curl` on the
#      same request, oidc-agent's `oidc-token ACCOUNT` answered by a warm
#      agent that already holds a valid access token (its equivalent of a
#      fresh stored token), and 50 parallel `token` calls on a fresh token
#      against 50 on an expiring one (which must cause exactly one renewal).
# Then, for `token`, `oidc-token` and the references: instructions with
# `valgrind --tool=callgrind` (repeatable on a noisy machine), peak RSS with
# `/usr/bin/time -v`, and the binary's size. One table of ratios at the end.
#
# Nothing leaves the machine: the token comes from a tiny fake token endpoint
# on 127.0.0.1 (python3), which also serves the OpenID discovery document
# oidc-agent needs; the keychain is a private gnome-keyring on a private D-Bus
# (scripts/keyring-session.sh), and oidc-agent is a private agent on its own
# socket with an account that is never saved (`oidc-gen --no-save`), so neither
# the user's tokens, their keychain nor their agent are touched. If oidc-agent
# cannot be set up, the script says why and leaves its rows out. hyperfine's
# table is printed at the end; it and the JSON export (results.md,
# results.json) are kept in $OAUTHCTL_BENCH_OUT when that is set.
# bench/RESULTS.md holds the numbers of record.
#
# Environment: OAUTHCTL_BENCH_RUNS (default 100), OAUTHCTL_BENCH_WARMUP (5).
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

RUNS=${OAUTHCTL_BENCH_RUNS:-100}
WARMUP=${OAUTHCTL_BENCH_WARMUP:-5}

if [ "${OAUTHCTL_BENCH_STAGE:-}" != inside ]; then
  # --- Outside the keyring session: packages and the release build ---------
  # oidc-agent-cli: oidc-agent, oidc-gen and oidc-token, for the comparison.
  APT_PACKAGES=(hyperfine gnome-keyring dbus-daemon dbus-bin valgrind time curl oidc-agent-cli)
  # Any python3 will do (the fake token endpoint); Debian's only when none is there.
  command -v python3 >/dev/null || APT_PACKAGES+=(python3)
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
  for cmd in hyperfine dbus-daemon dbus-send gnome-keyring-daemon python3 valgrind curl; do
    command -v "$cmd" >/dev/null || die "$cmd not found after installing ${APT_PACKAGES[*]}"
  done
  log "cargo build --release"
  cargo build --release --locked --bin oauthctl
  exec env OAUTHCTL_BENCH_STAGE=inside bash scripts/keyring-session.sh bash bench/run.sh "$@"
fi

# --- Inside the keyring session ---------------------------------------------
unset OAUTHCTL_BENCH_STAGE
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || die "no session bus: run bench/run.sh itself"
BIN="$PWD/target/release/oauthctl"
[ -x "$BIN" ] || die "$BIN is missing: cargo build --release"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/oauthctl-bench.XXXXXX")
OUT=${OAUTHCTL_BENCH_OUT:-$WORK/out}
mkdir -p "$OUT"
SERVER_PID=
AGENT_PID=
cleanup() {
  if [ -n "$AGENT_PID" ]; then
    # oidc-agent -d runs as two processes (the agent forks its daemon half):
    # the child first, by id, then the one started here.
    for pid in $(ps -o pid= --ppid "$AGENT_PID" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    kill "$AGENT_PID" 2>/dev/null || true
    wait "$AGENT_PID" 2>/dev/null || true
  fi
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A token endpoint: every POST gets a new token that lives an hour (a
# client-credentials one, or for oidc-agent's refresh grant one with a refresh
# token); GET /.well-known/openid-configuration is the discovery document
# oidc-agent reads; GET /count says how many tokens were minted and how often
# the discovery document was read.
cat >"$WORK/token_endpoint.py" <<'PY'
import http.server, json, os, secrets, sys, urllib.parse

minted = 0
discovery = 0

class Handler(http.server.BaseHTTPRequestHandler):
    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        global minted
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, 1 << 20))
        minted += 1
        form = urllib.parse.parse_qs(body.decode(errors="replace"))
        # The flag file asks for one token that is about to expire (a
        # parameter would not do: it is part of the cache key).
        flag = sys.argv[1] + ".expiring"
        expiring = os.path.exists(flag)
        if expiring:
            os.remove(flag)
        token = {
            "access_token": "bench-" + secrets.token_urlsafe(600),
            "token_type": "Bearer",
            "expires_in": 30 if expiring else 3600,
            "scope": "bench",
        }
        if form.get("grant_type") == ["refresh_token"]:
            token["refresh_token"] = form["refresh_token"][0]
            token["scope"] = form.get("scope", ["openid"])[0]
        self.reply(200, token)

    def do_GET(self):
        global discovery
        issuer = f"http://127.0.0.1:{self.server.server_address[1]}"
        if self.path.startswith("/api"):
            self.reply(200, {"hello": "bench"})
        elif self.path == "/.well-known/openid-configuration":
            discovery += 1
            self.reply(200, {
                "issuer": issuer,
                "authorization_endpoint": issuer + "/authorize",
                "token_endpoint": issuer + "/token",
                "jwks_uri": issuer + "/jwks",
                "scopes_supported": ["openid", "offline_access"],
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "grant_types_supported": ["authorization_code", "refresh_token"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            })
        elif self.path == "/jwks":
            self.reply(200, {"keys": []})
        else:
            self.reply(200, {"minted": minted, "discovery": discovery})

    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
PY
python3 "$WORK/token_endpoint.py" "$WORK/port.tmp" 2>"$WORK/token_endpoint.log" &
SERVER_PID=$!
for _ in $(seq 100); do
  [ -s "$WORK/port.tmp" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.05
done
[ -s "$WORK/port.tmp" ] || { cat "$WORK/token_endpoint.log" >&2; die "the fake token endpoint did not start"; }
PORT=$(cat "$WORK/port.tmp")
# minted: tokens minted; requests: that plus discovery reads.
minted() {
  python3 -c 'import json, sys, urllib.request
print(json.load(urllib.request.urlopen(sys.argv[1], timeout=5))["minted"])' \
    "http://127.0.0.1:$PORT/count"
}
requests() {
  python3 -c 'import json, sys, urllib.request
c = json.load(urllib.request.urlopen(sys.argv[1], timeout=5)); print(c["minted"] + c["discovery"])' \
    "http://127.0.0.1:$PORT/count"
}

# cargo (for the hello world) still needs the real toolchain homes.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
# oauthctl sees only the bench's own directories and config.
mkdir -p "$WORK/home" "$WORK/config" "$WORK/data" "$WORK/cache"
printf 'bench-secret' >"$WORK/client.secret"
cat >"$WORK/config.toml" <<TOML
[profiles.bench]
token_url = "http://127.0.0.1:$PORT/token"
client_id = "bench-client"
client_secret_file = "$WORK/client.secret"
grant = "client_credentials"
TOML
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" \
  XDG_CACHE_HOME="$WORK/cache" OAUTHCTL_CONFIG="$WORK/config.toml" \
  OAUTHCTL_DATA_DIR="$WORK/data/oauthctl" NO_COLOR=1
unset OAUTHCTL_STORE OAUTHCTL_PROFILE
CACHE_DIR="$OAUTHCTL_DATA_DIR/access-cache"

# --- Seed both stores with a fresh token ------------------------------------
file_token=$("$BIN" --store file client-credentials -p bench)
keyring_token=$("$BIN" --store keyring client-credentials -p bench)
[ "$(minted)" = 2 ] || die "seeding minted $(minted) tokens, not 2"
ls "$CACHE_DIR"/*.json >/dev/null 2>&1 || die "no access-token cache after a keychain login"
log "seeded: file store and keychain, ${#keyring_token}-character tokens"

# Every benchmarked command must print the seeded token without a request.
[ "$("$BIN" --store file token -p bench)" = "$file_token" ] || die "file store: wrong token"
[ "$("$BIN" --store keyring token -p bench)" = "$keyring_token" ] || die "keychain (cache): wrong token"
rm -f "$CACHE_DIR"/*.json
[ "$("$BIN" --store keyring token -p bench)" = "$keyring_token" ] || die "keychain (no cache): wrong token"
if ls "$CACHE_DIR"/*.json >/dev/null 2>&1; then
  log "a keychain read rewrote the access-token cache"
else
  log "note: a keychain read does NOT rewrite the access-token cache: without it, every token call reads the keychain until the next renewal"
fi
"$BIN" --store keyring client-credentials -p bench --force >/dev/null
keyring_token=$("$BIN" --store keyring token -p bench)
before=$(minted)

# --- Benchmark ----------------------------------------------------------------
log "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)"
# -N: no shell in between (these take ~1 ms, below what hyperfine can correct
# a shell's start-up for). One --prepare per command; only the third removes
# the cache. hyperfine fails on any non-zero exit.
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" \
  --export-markdown "$OUT/results.md" --export-json "$OUT/results.json" \
  --prepare 'true' -n 'token, file store' \
  "$BIN --store file token -p bench" \
  --prepare 'true' -n 'token, keyring store (access-token cache)' \
  "$BIN --store keyring token -p bench" \
  --prepare "sh -c 'rm -f $CACHE_DIR/*.json'" -n 'token, keyring store, cache removed (keychain read)' \
  "$BIN --store keyring token -p bench" \
  --prepare 'true' -n 'oauthctl --version' \
  "$BIN --version"

after=$(minted)
[ "$after" = "$before" ] || die "the benchmark minted $((after - before)) tokens: it measured the network, not the store"
[ "$("$BIN" --store keyring token -p bench)" = "$keyring_token" ] || die "keychain: the token changed during the benchmark"

# --- References built and run here --------------------------------------------
log "building a Rust hello world (release, stripped) for reference"
mkdir -p "$WORK/hello/src"
cat >"$WORK/hello/Cargo.toml" <<'TOML'
[package]
name = "hello"
version = "0.1.0"
edition = "2024"
[profile.release]
strip = true
TOML
printf 'fn main() {\n    println!("hello world");\n}\n' >"$WORK/hello/src/main.rs"
(cd "$WORK/hello" && CARGO_TARGET_DIR="$WORK/hello/target" cargo build --release --quiet)
HELLO="$WORK/hello/target/release/hello"
TRUE=$(command -v true)
API="http://127.0.0.1:$PORT/api"

# --- oidc-agent, for comparison -----------------------------------------------
# A private agent on its own socket (OIDC_SOCK, under $WORK), and an account
# `bench` made without a prompt: oidc-gen's refresh flow (--rt) with a client
# registered beforehand (--client-id/--client-secret, so no dynamic
# registration), against the fake endpoint as issuer (oidc-agent 4.2.6 takes a
# plain-http issuer on 127.0.0.1). --no-save: no account file, so no encryption
# password; the account lives in the agent only. oidc-gen's one refresh mints
# an access token with an hour left, which the agent keeps: every
# `oidc-token bench` after that is answered from the agent's memory, without a
# request, like `oauthctl token` on a fresh stored token. Its wall time
# includes the agent's work (a second process, on the same CPUs); its
# instructions and peak RSS are oidc-token's process alone.
OIDC_TOKEN=
oidc_skip=
setup_oidc_agent() {
  local cmd before_gen
  for cmd in oidc-agent oidc-gen oidc-token; do
    command -v "$cmd" >/dev/null || { oidc_skip="$cmd not found (Debian package oidc-agent-cli)"; return 1; }
  done
  mkdir -p "$WORK/oidc-agent"
  export OIDC_SOCK="$WORK/oidc-agent/agent.sock"
  # -d: in the foreground, so $! is the agent; --no-autoload: an unknown
  # account is an error, not a prompt.
  oidc-agent -d --quiet --no-autoload --socket-path="$OIDC_SOCK" >"$WORK/oidc-agent/agent.log" 2>&1 &
  AGENT_PID=$!
  for _ in $(seq 100); do
    [ -S "$OIDC_SOCK" ] && break
    kill -0 "$AGENT_PID" 2>/dev/null || break
    sleep 0.05
  done
  [ -S "$OIDC_SOCK" ] || { oidc_skip="oidc-agent did not start: $(tail -3 "$WORK/oidc-agent/agent.log")"; return 1; }
  before_gen=$(minted)
  timeout 60 oidc-gen bench --iss="http://127.0.0.1:$PORT" \
      --client-id=bench-client --client-secret=bench-secret --scope=openid \
      --rt=bench-refresh-token --redirect-uri=http://localhost:4242 \
      --no-save --confirm-default --no-url-call </dev/null >"$WORK/oidc-agent/gen.log" 2>&1 ||
    { oidc_skip="oidc-gen failed: $(tail -3 "$WORK/oidc-agent/gen.log")"; return 1; }
  oidc_token=$(oidc-token bench 2>"$WORK/oidc-agent/token.log") ||
    { oidc_skip="oidc-token failed: $(tail -3 "$WORK/oidc-agent/token.log")"; return 1; }
  [ "$(minted)" = $((before_gen + 1)) ] ||
    { oidc_skip="oidc-gen and a first oidc-token minted $(( $(minted) - before_gen )) tokens, not 1"; return 1; }
  [ "$(oidc-token bench)" = "$oidc_token" ] || { oidc_skip="oidc-token printed another token the second time"; return 1; }
  [ "${#oidc_token}" = "${#file_token}" ] ||
    { oidc_skip="oidc-token printed a ${#oidc_token}-character token, not the ${#file_token} of oauthctl's"; return 1; }
  OIDC_TOKEN=$(command -v oidc-token)
}
if setup_oidc_agent; then
  log "oidc-agent: $(oidc-agent --version | head -1), account bench, a ${#oidc_token}-character token held by the agent"
else
  log "skipping oidc-agent's oidc-token, no such rows below: $oidc_skip"
fi

side_by_side=(
  -n '/bin/true' "$TRUE"
  -n 'Rust hello world' "$HELLO"
  -n 'oauthctl token (file store)' "$BIN --store file token -p bench"
)
if [ -n "$OIDC_TOKEN" ]; then
  side_by_side+=(-n 'oidc-token (warm oidc-agent)' "$OIDC_TOKEN bench")
fi
side_by_side+=(
  -n 'curl -H (token given)' "curl -sS -o /dev/null -H 'Authorization: Bearer $file_token' $API"
  # The least any program that execs curl can cost: env(1) starts and execs.
  -n 'env curl -H (token given)' "env curl -sS -o /dev/null -H 'Authorization: Bearer $file_token' $API"
  -n 'oauthctl curl' "$BIN --store file curl -p bench -- -sS -o /dev/null $API"
)
before_side=$(requests)
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" \
  --export-markdown "$OUT/side-by-side.md" --export-json "$OUT/side-by-side.json" \
  "${side_by_side[@]}"
after_side=$(requests)
[ "$after_side" = "$before_side" ] ||
  die "the side-by-side run made $((after_side - before_side)) token or discovery requests: it measured the network, not a cache"
if [ -n "$OIDC_TOKEN" ]; then
  [ "$(oidc-token bench)" = "$oidc_token" ] || die "oidc-agent: the token changed during the benchmark"
fi

# 50 parallel calls, each in its own process, on a fresh token and on one
# with 30 s left (inside the default --min-ttl of 60): the second must renew
# exactly once, through the lock, and cost about the first plus one renewal.
cat >"$WORK/parallel50.sh" <<SH
#!/usr/bin/env bash
for i in \$(seq 50); do "$BIN" --store file token -p bench "\$@" >/dev/null & done
wait
SH
chmod +x "$WORK/parallel50.sh"
before_parallel=$(minted)
hyperfine --warmup 1 --runs 10 \
  --export-markdown "$OUT/parallel.md" --export-json "$OUT/parallel.json" \
  --prepare 'true' -n '50 parallel token, fresh' "$WORK/parallel50.sh" \
  --prepare "touch '$WORK/port.tmp.expiring' && $BIN --store file client-credentials -p bench --force" \
  -n '50 parallel token, expiring (one renewal each run)' "$WORK/parallel50.sh"
renewals=$(( $(minted) - before_parallel ))
# One --force per prepared run (warmup included); the rest are renewals.
renewals=$(( renewals - 11 ))
log "the expiring runs renewed $renewals times in 11 runs of 50 callers (1 per run is the goal)"
# One refresh round trip as oauthctl makes it, alone: process start, the
# lock, the store's free-space probe, the HTTP client, the POST to the fake
# endpoint, the fsynced save. The goal for the expiring run is the fresh run
# plus two of these.
hyperfine -N --warmup "$WARMUP" --runs 50 \
  --export-markdown "$OUT/renewal.md" --export-json "$OUT/renewal.json" \
  -n 'one renewal (client-credentials --force)' "$BIN --store file client-credentials -p bench --force"

# Instructions (callgrind, whole process: loader included) and peak RSS.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : //p' | tr -d ' '
}
peak_rss_kb() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
}
i_true=$(instructions "$TRUE")
i_hello=$(instructions "$HELLO")
i_file=$(instructions "$BIN" --store file token -p bench)
i_keyring=$(instructions "$BIN" --store keyring token -p bench)
i_version=$(instructions "$BIN" --version)
rss_file=$(peak_rss_kb "$BIN" --store file token -p bench)
rss_hello=$(peak_rss_kb "$HELLO")
size=$(stat -c %s "$BIN")
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
# A median from the side-by-side run, in ms.
median_ms() {
  python3 -c 'import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"{r[sys.argv[2]] * 1000:.3f}")' "$OUT/side-by-side.json" "$1"
}
if [ -n "$OIDC_TOKEN" ]; then
  t_token=$(median_ms 'oauthctl token (file store)')
  t_oidc=$(median_ms 'oidc-token (warm oidc-agent)')
  i_oidc=$(instructions "$OIDC_TOKEN" bench)
  rss_oidc=$(peak_rss_kb "$OIDC_TOKEN" bench)
  # The agent's own high-water mark, both its processes, after all the calls.
  rss_agent=0
  for pid in "$AGENT_PID" $(ps -o pid= --ppid "$AGENT_PID"); do
    rss_agent=$(( rss_agent + $(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status") ))
  done
fi
mean_ms() {
  python3 -c 'import json, sys
r = {x["command"]: x["mean"] for x in json.load(open(sys.argv[1]))["results"]}
print(f"{r[sys.argv[2]] * 1000:.3f}")' "$OUT/$1.json" "$2"
}
t_curl=$(median_ms 'curl -H (token given)')
t_env_curl=$(median_ms 'env curl -H (token given)')
t_oauthctl_curl=$(median_ms 'oauthctl curl')
t_fresh50=$(mean_ms parallel '50 parallel token, fresh')
t_expiring50=$(mean_ms parallel '50 parallel token, expiring (one renewal each run)')
t_renewal=$(mean_ms renewal 'one renewal (client-credentials --force)')
t_budget=$(python3 -c "import sys; print(f'{float(sys.argv[1]) + 2 * float(sys.argv[2]):.3f}')" "$t_fresh50" "$t_renewal")
{
  printf '\n| measure | oauthctl | reference | ratio | goal |\n|---|---:|---:|---:|---|\n'
  printf '| wall time median (ms), `oauthctl curl` vs `curl -H`, same run | %s | %s | %s | ≤ 1.1 |\n' "$t_oauthctl_curl" "$t_curl" "$(ratio "$t_oauthctl_curl" "$t_curl")"
  printf '| wall time median (ms), `env curl -H` (any exec-ing wrapper) vs `curl -H`, same run | %s | %s | %s | |\n' "$t_env_curl" "$t_curl" "$(ratio "$t_env_curl" "$t_curl")"
  printf '| wall time median (ms), `oauthctl curl` vs `env curl -H`, same run | %s | %s | %s | |\n' "$t_oauthctl_curl" "$t_env_curl" "$(ratio "$t_oauthctl_curl" "$t_env_curl")"
  printf '| wall time mean (ms), 50 parallel `token` expiring vs fresh + 2 renewals (%s + 2 × %s) | %s | %s | %s | ≤ 1 |\n' "$t_fresh50" "$t_renewal" "$t_expiring50" "$t_budget" "$(ratio "$t_expiring50" "$t_budget")"
  printf '| renewals in 11 runs of 50 parallel `token` on an expiring token | %s | 11 | | 1 per run |\n' "$renewals"
  printf '| instructions, `token` (file store) vs hello world | %s | %s | %s | ≤ 2 |\n' "$i_file" "$i_hello" "$(ratio "$i_file" "$i_hello")"
  printf '| instructions, `token` (keyring, cache) vs hello world | %s | %s | %s | ≤ 2 |\n' "$i_keyring" "$i_hello" "$(ratio "$i_keyring" "$i_hello")"
  printf '| instructions, `--version` vs hello world | %s | %s | %s | |\n' "$i_version" "$i_hello" "$(ratio "$i_version" "$i_hello")"
  printf '| instructions, `/bin/true` | | %s | | |\n' "$i_true"
  printf '| peak RSS, `token` vs hello world (KiB) | %s | %s | %s | ≤ 3072 KiB |\n' "$rss_file" "$rss_hello" "$(ratio "$rss_file" "$rss_hello")"
  printf '| release binary (bytes) | %s | | | ≤ 6 MB |\n' "$size"
  if [ -n "$OIDC_TOKEN" ]; then
    printf '| wall time median (ms), `token` (file store) vs `oidc-token` (warm oidc-agent), same run | %s | %s | %s | ≤ 0.85 |\n' "$t_token" "$t_oidc" "$(ratio "$t_token" "$t_oidc")"
    printf '| instructions, `token` (file store) vs `oidc-token` (its process; the agent not counted) | %s | %s | %s | |\n' "$i_file" "$i_oidc" "$(ratio "$i_file" "$i_oidc")"
    printf '| peak RSS (KiB), `token` vs `oidc-token` (its process; the agent not counted) | %s | %s | %s | |\n' "$rss_file" "$rss_oidc" "$(ratio "$rss_file" "$rss_oidc")"
    printf '| peak RSS (KiB), the oidc-agent daemon (its two processes) | | %s | | |\n' "$rss_agent"
  else
    printf '| wall time median, `token` vs `oidc-token` | not measured: %s | | | ≤ 0.85 |\n' "${oidc_skip//|/\\|}"
  fi
} | tee "$OUT/ratios.md"

printf '\n' >&2
cat "$OUT/results.md" "$OUT/side-by-side.md" "$OUT/parallel.md" "$OUT/renewal.md" "$OUT/ratios.md"
printf '\n%s\n' "machine: $(uname -srm); $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)); $(hyperfine --version); $("$BIN" --version); gnome-keyring $(gnome-keyring-daemon --version 2>/dev/null | awk "NR == 1 {print \$2}")${OIDC_TOKEN:+; $(oidc-agent --version | head -1)}"
[ -n "${OAUTHCTL_BENCH_OUT:-}" ] && log "results in $OUT"
exit 0
