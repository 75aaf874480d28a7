//! Exit codes are part of the contract with scripts (README, man page).

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Failure = 1,
    Usage = 2,
    Provider = 3,
    LoginRequired = 4,
    Network = 5,
}

impl Exit {
    pub const TABLE: &'static [(u8, &'static str)] = &[
        (0, "ok"),
        (1, "any other failure"),
        (2, "usage or configuration error"),
        (
            3,
            "the provider answered with an OAuth error (invalid_client, invalid_scope, ...)",
        ),
        (
            4,
            "login required: nothing is stored, or the refresh token was rejected",
        ),
        (
            5,
            "the provider could not be reached: network, TLS or timeout",
        ),
    ];
}

/// "Exit codes:" and one line per code, for `--help` and the man pages.
pub fn help() -> String {
    let mut text = String::from("Exit codes:");
    for (code, meaning) in Exit::TABLE {
        text.push_str(&format!("\n  {code}  {meaning}"));
    }
    text
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}
