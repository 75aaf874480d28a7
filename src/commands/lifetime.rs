//! Refresh-token lifetimes. GitHub's, Entra's and Keycloak's refresh tokens
//! end on a date the provider names; past it, the next renewal is a login.
//! `status` shows the date, and every command that hands out a user token
//! warns, once a day, in the last week, so that the login comes when the
//! person chooses rather than in the middle of a `git push`.

use super::Ctx;
use super::engine::Slot;
use crate::output::short_duration;
use crate::settings::Profile;
use crate::store::TokenSet;
use std::path::Path;

/// Warned when fewer than this many seconds are left.
const WARN_WITHIN: i64 = 7 * 24 * 3600;

/// At most one warning per profile in this long: scripts call `token` in
/// loops, and one line a day is news, a line per call is noise.
const WARN_EVERY: u64 = 24 * 3600;

/// Warns when `set`'s refresh token ends within a week (or has ended, while
/// its access token still works), unless that was said in the last day.
/// Pure arithmetic on the set at hand until then: the fast path reads no
/// file for a refresh token with weeks left, or with no known end.
pub fn warn_if_ending(ctx: &Ctx, profile: &Profile, slot: &Slot, set: &TokenSet) {
    let Some(left) = set.refresh_seconds_left() else {
        return;
    };
    // A rejected refresh token has its own line in `status`; a quiet run
    // must not use up the day's warning.
    if left >= WARN_WITHIN || set.refresh_rejected || !log::log_enabled!(log::Level::Warn) {
        return;
    }
    let marker = ctx
        .globals
        .data_dir
        .join(format!(".refresh-warned-{}", slot.key.file_stem()));
    let now = crate::store::now();
    if warned_since(&marker, now) {
        return;
    }
    let name = &profile.name;
    if left > 0 {
        log::warn!(
            "the refresh token of profile {name} expires in {} ({}); after that, the next renewal needs a login: run `oauthctl login -p {name}` before then to choose when (said once a day)",
            short_duration(left.unsigned_abs()),
            set.refresh_expires_at
                .map(crate::output::rfc3339)
                .unwrap_or_default()
        );
    } else {
        log::warn!(
            "the refresh token of profile {name} expired {} ago; the access token still works, but the next renewal needs a login: run `oauthctl login -p {name}` (said once a day)",
            short_duration(left.unsigned_abs())
        );
    }
    if let Err(err) = std::fs::write(&marker, now.to_string()) {
        log::debug!("could not note the warning in {}: {err}", marker.display());
    }
}

/// The marker holds when the last warning was given. A time ahead of the
/// clock (the clock was set back) does not silence the warning.
fn warned_since(marker: &Path, now: u64) -> bool {
    std::fs::read_to_string(marker)
        .ok()
        .and_then(|text| text.trim().parse::<u64>().ok())
        .is_some_and(|last| last <= now && now - last < WARN_EVERY)
}

/// For `status`: "log in again within 5d 3h", or "refresh token expired
/// 2h ago"; `None` when the refresh token's end is unknown.
pub fn describe(set: &TokenSet) -> Option<String> {
    let left = set.refresh_seconds_left()?;
    Some(if left > 0 {
        format!(
            "log in again within {}",
            short_duration(left.unsigned_abs())
        )
    } else {
        format!(
            "refresh token expired {} ago",
            short_duration(left.unsigned_abs())
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_silences_for_a_day_only() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("m");
        assert!(!warned_since(&marker, 1_000_000));
        std::fs::write(&marker, "1000000").unwrap();
        assert!(warned_since(&marker, 1_000_000));
        assert!(warned_since(&marker, 1_000_000 + WARN_EVERY - 1));
        assert!(!warned_since(&marker, 1_000_000 + WARN_EVERY));
        // The clock went back: warn again rather than never.
        assert!(!warned_since(&marker, 999_999));
        std::fs::write(&marker, "garbage").unwrap();
        assert!(!warned_since(&marker, 1_000_000));
    }
}
