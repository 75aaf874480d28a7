//! The one integration-test binary: every test runs the real `oauthctl` binary
//! in a scrubbed environment (see `support`).

mod support;

mod assertion;
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
mod keycloak;
mod keyring;
mod kube;
mod login;
mod newcomer;
mod oidc_provider;
// The .deb, the archive, the installer (POSIX sh) and the formula: unix.
#[cfg(unix)]
mod packaging;
mod properties;
mod readme;
mod seed_logins;
mod seeds;
mod tls;
#[cfg(unix)]
mod trust;
