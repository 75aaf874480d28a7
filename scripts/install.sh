#!/bin/sh
# Installs oauthctl from a GitHub release, checksum checked:
#
#   curl -fsSL https://github.com/oauthctl/oauthctl/releases/latest/download/install.sh | sh
#   sh install.sh [--version X.Y.Z] [--prefix DIR] [--target TRIPLE]
#
# It picks the archive for this machine (uname -s, uname -m: Linux and macOS,
# x86_64 and aarch64/arm64; on Linux the static musl build, else the glibc
# one), downloads it and SHA256SUMS with curl or wget, refuses an archive
# whose checksum does not match, and installs
#   PREFIX/bin/oauthctl (and docker-credential-oauthctl, a link to it)
#   PREFIX/share/man/man1/*.1
#   PREFIX/share/bash-completion/completions/oauthctl
#   PREFIX/share/zsh/site-functions/_oauthctl
#   PREFIX/share/fish/vendor_completions.d/oauthctl.fish
# PREFIX is ~/.local unless --prefix says otherwise. Nothing is installed
# unless every check passed; an installed oauthctl is replaced at once.
#
# Environment:
#   OAUTHCTL_VERSION           as --version (default: the latest release)
#   OAUTHCTL_INSTALL_PREFIX    as --prefix
#   OAUTHCTL_INSTALL_BASE_URL  where the releases are (default
#                              https://github.com/oauthctl/oauthctl/releases):
#                              files come from BASE/download/vVERSION/FILE, or
#                              BASE/latest/download/FILE
# POSIX sh: it runs under dash, busybox sh and bash alike.
set -eu

REPO=oauthctl/oauthctl
base_url=${OAUTHCTL_INSTALL_BASE_URL:-https://github.com/$REPO/releases}
version=${OAUTHCTL_VERSION:-}
prefix=${OAUTHCTL_INSTALL_PREFIX:-}
target=

say() { printf 'oauthctl install: %s\n' "$*" >&2; }
die() { printf 'oauthctl install: error: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<'EOF'
Usage: install.sh [--version X.Y.Z] [--prefix DIR] [--target TRIPLE]

Installs oauthctl into PREFIX/bin (default ~/.local/bin), with its man pages
and shell completions under PREFIX/share.

  --version X.Y.Z   a release (default: the latest)
  --prefix DIR      where to install (default: ~/.local)
  --target TRIPLE   the archive to take, e.g. x86_64-unknown-linux-gnu
                    (default: the one for this machine)
EOF
}

while [ $# -gt 0 ]; do
  case $1 in
    --version) [ $# -ge 2 ] || die "--version needs a value"; version=$2; shift 2 ;;
    --version=*) version=${1#*=}; shift ;;
    --prefix) [ $# -ge 2 ] || die "--prefix needs a directory"; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --target) [ $# -ge 2 ] || die "--target needs a target triple"; target=$2; shift 2 ;;
    --target=*) target=${1#*=}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
version=${version#v}

if [ -z "$prefix" ]; then
  [ -n "${HOME:-}" ] || die "HOME is not set: say where to install with --prefix DIR"
  prefix=$HOME/.local
fi

# --- The archives this machine can run, best first --------------------------
# The same triples as the release matrix (.github/workflows/release.yml) and
# the binstall metadata (Cargo.toml); tests/cli/packaging.rs checks they agree.
platform_targets() {
  os=$(uname -s)
  arch=$(uname -m)
  case $arch in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
  esac
  case $os in
    Linux)
      case $arch in
        x86_64 | aarch64) echo "$arch-unknown-linux-musl $arch-unknown-linux-gnu" ;;
      esac
      ;;
    Darwin)
      # A shell under Rosetta says x86_64 on an Apple-silicon Mac: take the
      # native build.
      if [ "$arch" = x86_64 ] && [ "$(sysctl -n sysctl.proc_translated 2>/dev/null || true)" = 1 ]; then
        arch=aarch64
      fi
      case $arch in
        x86_64 | aarch64) echo "$arch-apple-darwin" ;;
      esac
      ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT)
      die "this installer is for Linux and macOS; on Windows take the .zip from $base_url (or: scoop install oauthctl)"
      ;;
  esac
}

if [ -n "$target" ]; then
  candidates=$target
else
  candidates=$(platform_targets)
  [ -n "$candidates" ] || die "no oauthctl release is built for $(uname -s) $(uname -m) (there are archives for Linux and macOS on x86_64 and aarch64); build from source: cargo install --locked oauthctl"
fi

# --- Downloads --------------------------------------------------------------
if command -v curl >/dev/null 2>&1; then
  fetch() { curl --proto '=https,http' -fsSL --retry 3 -o "$2" "$1"; }
elif command -v wget >/dev/null 2>&1; then
  fetch() { wget -q -O "$2" "$1"; }
else
  die "neither curl nor wget is installed: install one of them and run this again"
fi

if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum "$1" | cut -d ' ' -f 1; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 "$1" | cut -d ' ' -f 1; }
else
  die "neither sha256sum nor shasum is installed: the archive cannot be checked"
fi

if [ -n "$version" ]; then
  release=$base_url/download/v$version
else
  release=$base_url/latest/download
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/oauthctl-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "fetching $release/SHA256SUMS"
fetch "$release/SHA256SUMS" "$work/SHA256SUMS" ||
  die "cannot download $release/SHA256SUMS${version:+ (is there a release v$version?)}"

# The first candidate the release has an archive for.
archive=
expected=
for candidate in $candidates; do
  line=$(grep -E "^[0-9a-f]{64}  oauthctl-[^ ]+-$candidate\\.tar\\.gz\$" "$work/SHA256SUMS" | head -n 1 || true)
  if [ -n "$line" ]; then
    expected=${line%% *}
    archive=${line#*  }
    break
  fi
done
[ -n "$archive" ] ||
  die "the release at $release has no archive for $candidates (its SHA256SUMS lists: $(sed 's/.*  //' "$work/SHA256SUMS" | tr '\n' ' '))"

say "fetching $release/$archive"
fetch "$release/$archive" "$work/$archive" || die "cannot download $release/$archive"
actual=$(sha256 "$work/$archive")
[ "$actual" = "$expected" ] ||
  die "checksum mismatch for $archive: SHA256SUMS says $expected, the download is $actual. Nothing was installed; try again, and report it if it persists"

mkdir "$work/unpacked"
(cd "$work/unpacked" && gzip -dc "../$archive" | tar -xf -) || die "cannot unpack $archive"
dir=$work/unpacked/${archive%.tar.gz}
[ -f "$dir/oauthctl" ] || die "$archive holds no ${archive%.tar.gz}/oauthctl"
chmod 755 "$dir/oauthctl"
"$dir/oauthctl" --version >/dev/null 2>&1 ||
  die "the oauthctl in $archive does not run on this machine ($(uname -s) $(uname -m)); nothing was installed"

# --- Install ----------------------------------------------------------------
bin=$prefix/bin
share=$prefix/share
mkdir -p "$bin" "$share/man/man1" "$share/bash-completion/completions" \
  "$share/zsh/site-functions" "$share/fish/vendor_completions.d" ||
  die "cannot create the directories under $prefix: choose another with --prefix DIR"

# Beside the old one, then renamed over it: a running oauthctl keeps its
# file, and no one sees half a binary.
cp "$dir/oauthctl" "$bin/.oauthctl.new.$$"
chmod 755 "$bin/.oauthctl.new.$$"
mv -f "$bin/.oauthctl.new.$$" "$bin/oauthctl"
ln -sf oauthctl "$bin/docker-credential-oauthctl"
for page in "$dir"/man/*.1; do
  cp "$page" "$share/man/man1/"
done
cp "$dir/completions/oauthctl.bash" "$share/bash-completion/completions/oauthctl"
cp "$dir/completions/_oauthctl" "$share/zsh/site-functions/_oauthctl"
cp "$dir/completions/oauthctl.fish" "$share/fish/vendor_completions.d/oauthctl.fish"

say "installed $("$bin/oauthctl" -V) into $bin/oauthctl"
case ":${PATH:-}:" in
  *":$bin:"*) ;;
  *)
    say "$bin is not on your PATH. Add it, e.g. in ~/.profile (or your shell's rc file):"
    say "  export PATH=\"$bin:\$PATH\""
    ;;
esac
