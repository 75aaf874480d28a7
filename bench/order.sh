#!/usr/bin/env bash
# Regenerates build/fast-path.order: the functions that `oauthctl token` and
# `oauthctl curl` run on a fresh stored token, which build.rs asks rust-lld
# to lay out together (see build.rs). Run it after a compiler or Cargo.lock
# update, then `bash bench/run.sh` to see the effect.
#
# Needs valgrind (Debian: valgrind) and python3. Builds the release binary
# as `cargo install` does, with rust-lld's link map (the
# binary is stripped, and Cargo hashes the profile into the symbol names, so
# only this build's own map names them), serves one token from a fake
# endpoint on 127.0.0.1, and records which of the binary's functions ran.
# Then `cargo build --release` relinks with the new order.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
command -v valgrind >/dev/null || die "valgrind is needed (apt-get install valgrind)"

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The release build itself (the link map changes nothing but the link, so
# this only relinks a built tree), into $CARGO_TARGET_DIR or target/.
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
log "release build with a link map ($TARGET_DIR)"
OAUTHCTL_LINK_MAP="$WORK/oauthctl.map" cargo build --locked --release --quiet
[ -s "$WORK/oauthctl.map" ] || die "no link map: is rust-lld the linker? (build.rs)"
BIN="$TARGET_DIR/release/oauthctl"

cat >"$WORK/token_endpoint.py" <<'PY'
import http.server, json, sys
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        body = json.dumps({"access_token": "a" * 800, "token_type": "Bearer", "expires_in": 3600}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
open(sys.argv[1], "w").write(str(server.server_address[1]))
server.serve_forever()
PY
timeout 600 python3 "$WORK/token_endpoint.py" "$WORK/port" &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
[ -s "$WORK/port" ] || die "the fake token endpoint did not start"
printf 'order-secret' >"$WORK/secret"
cat >"$WORK/config.toml" <<TOML
[profiles.order]
token_url = "http://127.0.0.1:$(cat "$WORK/port")/token"
client_id = "order-client"
client_secret_file = "$WORK/secret"
grant = "client_credentials"
TOML
export HOME="$WORK" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" \
  XDG_CACHE_HOME="$WORK/cache" OAUTHCTL_CONFIG="$WORK/config.toml" NO_COLOR=1
unset OAUTHCTL_STORE OAUTHCTL_PROFILE
"$BIN" --store file client-credentials -p order >/dev/null

# `true` stands in for curl: the fast path execs it with the token's config.
mkdir -p "$WORK/bin" && ln -s "$(type -P true)" "$WORK/bin/curl"
profile() {
  valgrind --tool=callgrind --dump-instr=yes --callgrind-out-file="$WORK/cg.$1" "${@:2}" >/dev/null 2>&1
}
profile token "$BIN" --store file token -p order
PATH="$WORK/bin:$PATH" profile curl "$BIN" --store file curl -p order -- -sS http://127.0.0.1:9/

# Every function of the binary that ran an instruction (callgrind, the
# binary having no symbols, knows only addresses), in the order first seen,
# named from the link map.
python3 - "$BIN" "$WORK/oauthctl.map" "$WORK"/cg.token "$WORK"/cg.curl \
  >build/fast-path.order <<'PY'
import bisect, re, sys
binary, link_map, profiles = sys.argv[1], sys.argv[2], sys.argv[3:]
sections = []
for line in open(link_map, errors="replace"):
    # lld: VMA LMA Size Align FILE:(SECTION) for an input section. Each
    # function has its own, `.text.` and its symbol's name as it is (lld's
    # symbol lines are demangled).
    parts = line.split()
    if len(parts) == 5 and re.fullmatch(r"[0-9a-f]+", parts[0]):
        section = re.search(r":\(\.text\.(.+)\)$", parts[4])
        if section:
            sections.append((int(parts[0], 16), int(parts[2], 16), section.group(1)))
sections.sort()
starts = [start for start, _, _ in sections]

def function_at(address):
    i = bisect.bisect_right(starts, address) - 1
    if i >= 0 and address < sections[i][0] + sections[i][1]:
        return sections[i][2]
    return None

order, seen, objects = [], set(), {}
for path in profiles:
    current, address = None, 0
    for line in open(path, errors="replace"):
        line = line.rstrip("\n")
        m = re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line)
        if m:
            if m.group(3):
                objects[m.group(2)] = m.group(3)
            if m.group(1) == "ob":
                current = objects.get(m.group(2))
            continue
        # A cost line starts with its instruction's address: absolute, or
        # relative to the one before (+N, -N), or the same (*).
        m = re.match(r"^(0x[0-9a-f]+|[+-]\d+|\*)\s", line)
        if not m:
            continue
        position = m.group(1)
        if position.startswith("0x"):
            address = int(position, 16)
        elif position != "*":
            address += int(position)
        if current == binary:
            name = function_at(address)
            if name and name not in seen:
                seen.add(name)
                order.append(name)
print("\n".join(order))
PY
[ -s build/fast-path.order ] || die "no function of the binary was found in the profile"
log "build/fast-path.order: $(wc -l <build/fast-path.order) functions"
