//! The one integration-test binary: every test runs the real `oauthctl` binary
//! in a scrubbed environment (see `support`).

mod support;

mod commands;
mod curl;
mod demo;
mod faults;
mod generated;
mod hostile;
mod keyring;
mod login;
mod oidc_provider;
mod properties;
mod seed_logins;
mod seeds;
