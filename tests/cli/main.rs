//! The one integration-test binary: every test runs the real `oauthctl` binary
//! in a scrubbed environment (see `support`).
//!
//! Unix only: the tests drive curl, sh and bash, signals, process groups,
//! file modes and a pseudo-terminal. On Windows this binary is empty; the
//! unit tests (`cargo test --lib`) and clippy are what runs there (README,
//! "Platforms").
#![cfg(unix)]

mod support;

mod accounts;
mod assertion;
mod cimd;
mod client_jwt;
mod commands;
mod curl;
// `oauthctl demo`, and the generated docs and help that list it, exist only
// with the default `demo` feature.
#[cfg(feature = "demo")]
mod demo;
mod docker;
mod dpop;
mod exchange;
mod exec;
mod faults;
#[cfg(feature = "demo")]
mod generated;
mod git;
mod hostile;
mod interop;
mod jwt_bearer;
// The kernel keyring (keyutils) is Linux's.
#[cfg(target_os = "linux")]
mod kernel;
mod keycloak;
mod keyring;
mod kube;
mod lifetime;
mod login;
mod mcp;
mod newcomer;
mod oidc_provider;
mod on_demand;
mod packaging;
mod presets;
mod properties;
mod readme;
mod seed_logins;
mod seeds;
mod tls;
#[cfg(unix)]
mod trust;
