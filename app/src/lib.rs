//! jira-sso-auth: "Sign in with Atlassian" and a Jira issue viewer as one Leptos application.
//!
//! Shared between the server (`ssr`) and the browser (`hydrate`): pages, components, server-function
//! declarations and the types that cross the wire. Everything that holds secrets or talks to
//! Atlassian lives in modules compiled only with `ssr`.

// The views' types nest deeper than rustc's default limit of 128 allows for the largest pages.
#![recursion_limit = "256"]

pub mod adf;
pub mod components;
pub mod error;
pub mod issue_key;
pub mod models;
pub mod return_to;
pub mod routes;
pub mod server;

#[cfg(feature = "ssr")]
pub mod atlassian;
#[cfg(feature = "ssr")]
pub mod bundle;
#[cfg(feature = "ssr")]
pub mod callback;
#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod handlers;
#[cfg(feature = "ssr")]
pub mod http;
#[cfg(feature = "ssr")]
pub mod logging;
#[cfg(feature = "ssr")]
pub mod router;
#[cfg(feature = "ssr")]
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod tokens;
#[cfg(feature = "ssr")]
pub mod vault;

pub use error::AppError;
#[cfg(feature = "ssr")]
pub use routes::shell;
pub use routes::App;
