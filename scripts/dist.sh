#!/usr/bin/env bash
# The release archive for one target: bash scripts/dist.sh TARGET
#
# Builds oauthctl for TARGET (a Rust target triple) and packs
#   oauthctl-VERSION-TARGET/{oauthctl[.exe], completions/*, man/*.1,
#                            README.md, CHANGELOG.md, LICENSE-MIT, LICENSE-APACHE}
# into OUT/oauthctl-VERSION-TARGET.tar.gz (.zip for a Windows target), and
# records its checksum in OUT/SHA256SUMS (`sha256sum -c` format; the line of
# an earlier build of the same archive is replaced, others are kept, so
# several targets can share one OUT).
#
# Environment:
#   OAUTHCTL_DIST_PROFILE  the cargo profile (default: release, what releases
#                          ship). The tests use `package-test`, a build
#                          without optimization that takes a fraction of the
#                          time (Cargo.toml).
#   OAUTHCTL_DIST_DIR      OUT (default: target/dist)
#   OAUTHCTL_DIST_SIGN     a program run on the binary before it is packed
#                          (the release sets scripts/sign-macos.sh on macOS)
#   CARGO_TARGET_DIR       honoured as by cargo
# For the host's own triple no --target is passed, so the build shares
# target/PROFILE with a plain `cargo build --profile PROFILE`.
set -euo pipefail

cd "$(dirname "$0")/.."

die() { printf 'dist.sh: %s\n' "$*" >&2; exit 1; }
log() { printf '==> %s\n' "$*" >&2; }

if [ $# -ne 1 ] || [ -z "$1" ]; then
  die "usage: bash scripts/dist.sh TARGET (a Rust target triple, e.g. x86_64-unknown-linux-gnu)"
fi
target=$1
profile=${OAUTHCTL_DIST_PROFILE:-release}
out=${OAUTHCTL_DIST_DIR:-target/dist}

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
[ -n "$version" ] || die "no version = \"...\" line in Cargo.toml"
host=$(rustc -vV | sed -n 's/^host: //p')

case "$target" in
  *-windows-*) exe=oauthctl.exe; format=zip ;;
  *) exe=oauthctl; format=tar.gz ;;
esac

target_dir=${CARGO_TARGET_DIR:-target}
case "$profile" in
  dev | test) profile_dir=debug ;;
  bench) profile_dir=release ;;
  *) profile_dir=$profile ;;
esac
build=(cargo build --locked --profile "$profile" --bin oauthctl)
if [ "$target" = "$host" ]; then
  bin=$target_dir/$profile_dir/$exe
else
  build+=(--target "$target")
  bin=$target_dir/$target/$profile_dir/$exe
fi
log "${build[*]}"
"${build[@]}"
[ -x "$bin" ] || die "cargo built no $bin"

name=oauthctl-$version-$target
archive=$name.$format
mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d "${TMPDIR:-/tmp}/oauthctl-dist.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/completions" "$stage/$name/man"
cp "$bin" "$stage/$name/$exe"
cp README.md CHANGELOG.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
cp completions/* "$stage/$name/completions/"
cp man/*.1 "$stage/$name/man/"
chmod 755 "$stage/$name/$exe"
if [ -n "${OAUTHCTL_DIST_SIGN:-}" ]; then
  log "$OAUTHCTL_DIST_SIGN $stage/$name/$exe"
  "$OAUTHCTL_DIST_SIGN" "$stage/$name/$exe" || die "$OAUTHCTL_DIST_SIGN failed on $exe: nothing was packed"
fi
chmod 644 "$stage/$name"/*.md "$stage/$name"/LICENSE-* "$stage/$name"/completions/* "$stage/$name"/man/*

rm -f "$out/$archive"
log "packing $out/$archive"
if [ "$format" = zip ]; then
  if command -v zip >/dev/null; then
    (cd "$stage" && zip -qr "$out/$archive" "$name")
  elif command -v 7z >/dev/null; then
    (cd "$stage" && 7z a -tzip -bso0 "$out/$archive" "$name")
  else
    die "neither zip nor 7z is installed, and a Windows archive is a .zip"
  fi
else
  # GNU tar: no user names of the build machine in the archive.
  owner=()
  if tar --version 2>/dev/null | grep -q 'GNU tar'; then
    owner=(--owner=0 --group=0 --numeric-owner --sort=name)
  fi
  (cd "$stage" && tar "${owner[@]}" -cf - "$name" | gzip -9n > "$out/$archive")
fi

if command -v sha256sum >/dev/null; then
  sum=$(cd "$out" && sha256sum "$archive")
else
  sum=$(cd "$out" && shasum -a 256 "$archive")
fi
sums=$out/SHA256SUMS
touch "$sums"
{ grep -v "  $archive\$" "$sums" || true; printf '%s\n' "$sum"; } | sort -k 2 > "$sums.new"
mv "$sums.new" "$sums"
log "$out/$archive"
printf '%s\n' "$out/$archive"
