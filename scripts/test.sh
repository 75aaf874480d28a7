#!/usr/bin/env bash
# The project's test command: bash scripts/test.sh [extra `cargo test` args]
#
# On a fresh Debian 12 machine it installs what is missing (a Secret Service,
# Chromium for browser tests, the npm packages of the test authorization
# server, the `kubernetes` Python package in a venv under target/), starts a private D-Bus session bus with an unlocked gnome-keyring on
# it, then runs rustfmt, clippy and the whole test suite with
# OAUTHCTL_REQUIRE_KEYRING=1, so keychain tests fail instead of skipping.
# It also builds the release archive (scripts/dist.sh) and the .deb
# (cargo-deb), installs the .deb with dpkg and removes it, runs the installer
# against a local server, and lints the GitHub workflows with actionlint.
# The suite runs beside a real Keycloak (scripts/keycloak.sh: fetched with
# mvn on first use, run on a Java 21+), with OAUTHCTL_REQUIRE_KEYCLOAK=1.
set -euo pipefail

cd "$(dirname "$0")/.."

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Inside the keyring session: lints and tests ----------------------------
if [ "${OAUTHCTL_TEST_STAGE:-}" = checks ]; then
  unset OAUTHCTL_TEST_STAGE
  [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || die "no DBUS_SESSION_BUS_ADDRESS: run scripts/test.sh itself"
  log "cargo fmt --check"
  cargo fmt --check
  log "cargo clippy"
  cargo clippy --locked --workspace --all-targets -- -D warnings
  # Without the default `demo` feature everything but the demo must build,
  # lint clean and pass.
  log "cargo clippy --no-default-features"
  cargo clippy --locked --all-targets --no-default-features -- -D warnings
  log "cargo test --no-default-features (unit tests)"
  cargo test --locked --no-default-features --lib
  # Built first, so that Keycloak's start does not compete with the build.
  log "cargo test --no-run"
  cargo test --locked --workspace --no-run
  # The binary of the packaging tests' archive and .deb (tests/cli/packaging.rs),
  # built now rather than beside the other tests.
  log "cargo build --profile package-test"
  cargo build --locked --profile package-test --bin oauthctl
  log "cargo test, beside Keycloak (scripts/keycloak.sh)"
  exec bash scripts/keycloak.sh cargo test --locked --workspace "$@"
fi

# --- System packages (only the missing ones) --------------------------------
# What the tests start besides oauthctl: a Secret Service and its bus,
# Chromium and its driver, curl (`oauthctl curl`), kill (signal tests) and
# mount (the full-disk tests' tmpfs), Python's venv (the kubectl tests' client),
# openssl (the TLS tests' own CA), unzip (the Keycloak distribution);
# for the packaging tests (tests/cli/packaging.rs): bash-completion and
# man-db (the installed .deb's completion and man pages), dash (the
# installer under a strict POSIX sh), shellcheck (the scripts, and the
# workflows' run: steps through actionlint).
APT_PACKAGES=(gnome-keyring dbus-daemon dbus-bin libsecret-tools chromium chromium-driver curl procps mount python3 python3-venv openssl unzip bash-completion man-db dash shellcheck zsh)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$pkg" 2>/dev/null || true)
  [ "${status:0:2}" = "ii" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
for cmd in dbus-daemon dbus-send gnome-keyring-daemon secret-tool chromium chromedriver curl mount openssl unzip man dash shellcheck; do
  command -v "$cmd" >/dev/null || die "$cmd not found after installing ${APT_PACKAGES[*]}"
done

# --- Packaging: cargo-deb, and the workflows linted ------------------------
# tests/cli/packaging.rs builds the .deb with cargo-deb, pinned here.
CARGO_DEB_VERSION=3.8.0
if ! cargo deb --version 2>/dev/null | grep -qF "$CARGO_DEB_VERSION"; then
  log "cargo install cargo-deb $CARGO_DEB_VERSION"
  timeout 1200 cargo install --quiet --locked cargo-deb --version "$CARGO_DEB_VERSION"
fi
cargo deb --version >/dev/null 2>&1 || die "cargo deb does not run after cargo install cargo-deb"
# Nothing here can run the GitHub workflows: actionlint checks them (and,
# through shellcheck, their run: steps). Built from its Go module, once.
ACTIONLINT_VERSION=v1.7.12
ACTIONLINT=target/tools/actionlint-$ACTIONLINT_VERSION/actionlint
if [ ! -x "$ACTIONLINT" ]; then
  command -v go >/dev/null || die "go is needed to build actionlint (github.com/rhysd/actionlint)"
  log "go install actionlint $ACTIONLINT_VERSION"
  GOBIN="$PWD/$(dirname "$ACTIONLINT")" timeout 900 go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
log "actionlint .github/workflows/*.yml"
"$ACTIONLINT" .github/workflows/*.yml
log "shellcheck the installer and the release scripts"
shellcheck -s sh scripts/install.sh
shellcheck scripts/dist.sh scripts/sign-macos.sh

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

# --- A real Kubernetes client for the kubectl tests (tests/cli/kube.rs) -----
# The `kubernetes` Python package runs oauthctl as its exec credential plugin.
# python3-venv (APT_PACKAGES) makes the venv; pip fetches the package, pinned.
KUBE_VENV=target/kube-venv
if ! "$KUBE_VENV/bin/python" -c 'import kubernetes, yaml' 2>/dev/null; then
  log "pip install kubernetes into $KUBE_VENV"
  rm -rf "$KUBE_VENV"
  timeout 300 python3 -m venv "$KUBE_VENV"
  timeout 600 "$KUBE_VENV/bin/pip" install --quiet --disable-pip-version-check 'kubernetes==37.0.2'
  "$KUBE_VENV/bin/python" -c 'import kubernetes, yaml' || die "the kubernetes Python package did not install"
fi
export OAUTHCTL_TEST_KUBE_PYTHON="$PWD/$KUBE_VENV/bin/python"

# --- Keycloak for tests/cli/keycloak.rs ------------------------------------
# A Java 21+ and the distribution (mvn fetches it once); found or fetched
# now, so that a missing one fails before the build rather than after it.
bash scripts/keycloak.sh --prepare

# --- Lints and tests, inside a private session bus with an unlocked --------
# --- gnome-keyring (scripts/keyring-session.sh) -----------------------------
# keyring-session.sh runs this script again with OAUTHCTL_TEST_STAGE=checks,
# and fails the run if the keyring died or locked during the tests.
export OAUTHCTL_REQUIRE_KEYRING=1
export OAUTHCTL_REQUIRE_BROWSER=1
export OAUTHCTL_REQUIRE_NODE=1
export OAUTHCTL_REQUIRE_KUBE_CLIENT=1
export OAUTHCTL_REQUIRE_KEYCLOAK=1
# The kernel keyring tests (tests/cli/kernel.rs) need keyutils' system calls,
# and root for the quota test (it runs oauthctl as a uid of its own).
export OAUTHCTL_REQUIRE_KERNEL_KEYRING=1
# The full-disk tests mount a 1 MiB tmpfs (root, as CI runs).
export OAUTHCTL_REQUIRE_TMPFS=1
# The .deb (dpkg as root), the archive, the installer and the formula.
export OAUTHCTL_REQUIRE_PACKAGING=1
exec env OAUTHCTL_TEST_STAGE=checks bash scripts/keyring-session.sh bash scripts/test.sh "$@"
