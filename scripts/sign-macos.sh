#!/usr/bin/env bash
# Signs and notarizes a macOS oauthctl binary: bash scripts/sign-macos.sh BINARY
# (scripts/dist.sh runs it as OAUTHCTL_DIST_SIGN in the release workflow).
#
# Why: the macOS keychain grants an item to the code signature of the program
# that created it. An unsigned (ad-hoc signed) oauthctl has a new identity
# with every build, so after each upgrade the keychain asks again, for every
# profile. Signed with one Developer ID, upgrades read their tokens silently.
# Notarization keeps Gatekeeper from refusing a downloaded binary.
#
# Environment (the release workflow takes them from the repository secrets;
# the identity must already be in a keychain on the search list):
#   APPLE_SIGNING_IDENTITY   "Developer ID Application: NAME (TEAMID)"
#   APPLE_NOTARY_APPLE_ID, APPLE_NOTARY_TEAM_ID, APPLE_NOTARY_PASSWORD
#                            an Apple ID, its team and an app-specific password
#                            for notarytool; without them the binary is signed
#                            but not notarized
set -euo pipefail
die() { printf 'sign-macos.sh: %s\n' "$*" >&2; exit 1; }

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  die "usage: bash scripts/sign-macos.sh BINARY"
fi
binary=$1
[ -n "${APPLE_SIGNING_IDENTITY:-}" ] || die "APPLE_SIGNING_IDENTITY is not set"

# Hardened runtime and a secure timestamp: both required for notarization.
codesign --force --sign "$APPLE_SIGNING_IDENTITY" --options runtime --timestamp \
  --identifier org.oauthctl.oauthctl "$binary"
codesign --verify --strict --verbose=2 "$binary"

if [ -n "${APPLE_NOTARY_APPLE_ID:-}" ] && [ -n "${APPLE_NOTARY_TEAM_ID:-}" ] && [ -n "${APPLE_NOTARY_PASSWORD:-}" ]; then
  zip=$(mktemp -d)/oauthctl.zip
  ditto -c -k --keepParent "$binary" "$zip"
  xcrun notarytool submit "$zip" --wait \
    --apple-id "$APPLE_NOTARY_APPLE_ID" --team-id "$APPLE_NOTARY_TEAM_ID" \
    --password "$APPLE_NOTARY_PASSWORD"
  # A bare binary cannot be stapled: Gatekeeper looks the ticket up online.
else
  printf 'sign-macos.sh: signed, not notarized (no APPLE_NOTARY_* secrets)\n' >&2
fi
