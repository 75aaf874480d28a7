//! `oauthctl demo`'s own authorization server and API: a provider that lives
//! on 127.0.0.1 for as long as the demo runs, so oauthctl can be tried with no
//! account anywhere. `commands::demo` drives the tour.

mod authz;
mod jws;
mod pages;
pub mod server;

pub use authz::{ACCESS_TOKEN_LIFETIME, CLIENT_ID, USER};
pub use server::DemoServer;
