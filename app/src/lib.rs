//! jira-sso-auth: "Sign in with Atlassian" and a Jira issue viewer as one Leptos application.
//!
//! Shared between the server (`ssr`) and the browser (`hydrate`): pages, components, server-function
//! declarations and the types that cross the wire. Everything that holds secrets or talks to
//! Atlassian lives in modules compiled only with `ssr`.
//!
//! The parts, low to high: the core at this root (errors, view models, configuration, the shared
//! domain), then the Atlassian client (`atlassian`) and its stand-in (`sandbox`), which use only
//! the core; sign-in (`auth`); server functions (`server`); the interface (`components`,
//! `routes`) and the HTTP surface (`web`). A part uses only parts below it, and `state` wires them
//! together. `scripts/check-layers` checks this and that no two files import each other.

// The views' types nest deeper than rustc's default limit of 128 allows for the largest pages.
#![recursion_limit = "256"]

// Shared by the server and the browser: the core types and the interface.
pub mod adf;
pub mod components;
pub mod error;
pub mod i18n;
pub mod issue_key;
pub mod models;
pub mod return_to;
pub mod routes;
pub mod search_form;
pub mod server;

// Server only: the core's server half, then one gate per wing.
#[cfg(feature = "ssr")]
pub mod clock;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod fragments;
#[cfg(feature = "ssr")]
pub mod highlight;
#[cfg(feature = "ssr")]
pub mod state;

#[cfg(feature = "ssr")]
pub mod atlassian;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod sandbox;
#[cfg(feature = "ssr")]
pub mod web;

pub use error::AppError;
#[cfg(feature = "ssr")]
pub use routes::shell;
pub use routes::App;
