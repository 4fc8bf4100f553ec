//! The application state handed to `leptos_routes`: every route, handler and server function reads
//! configuration and the Atlassian client from here.

use crate::{atlassian::AtlassianClient, config::Config, sandbox::Sandbox};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// Shared, cheaply cloned state of one running instance.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Leptos' own options (site root, output name, address).
    pub leptos_options: LeptosOptions,
    /// The configuration loaded at start-up.
    pub config: Arc<Config>,
    /// The client for Atlassian (or the sandbox standing in for it).
    pub atlassian: AtlassianClient,
    /// The in-process sandbox, in sandbox mode.
    pub sandbox: Option<Sandbox>,
}

impl AppState {
    /// Builds the state for a configuration; in sandbox mode the sandbox is created here too.
    pub fn new(leptos_options: LeptosOptions, config: Config) -> Result<Self, reqwest::Error> {
        let atlassian = AtlassianClient::new(&config)?;
        let sandbox = config.sandbox.then(|| Sandbox::for_app(&config));
        Ok(Self {
            leptos_options,
            config: Arc::new(config),
            atlassian,
            sandbox,
        })
    }
}
