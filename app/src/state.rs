//! The application state handed to `leptos_routes`: every route, handler and server function reads
//! configuration, the Atlassian client and the stores from here. It is the composition root, the
//! one root module that builds parts of the wings (client, sandbox, stores, bundle) together.

use crate::{
    atlassian::AtlassianClient,
    auth::{
        store::{Backend, StoreError},
        tokens::TokenStore,
        vault::{KeyedHash, Purpose, Vault},
    },
    config::Config,
    fragments::Fragments,
    highlight::Highlighter,
    i18n::Catalogue,
    sandbox::Sandbox,
    server::{copies::Copies, flights::ViewFlights, limits::PersonLimits},
    web::bundle::{Bundle, BundleError},
};
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use secrecy::ExposeSecret;
use std::sync::Arc;

/// Shared state of one running instance: one `Arc`, so that the clone every request and
/// server function makes is one atomic increment (its parts hold strings and many `Arc`s).
#[derive(Clone)]
pub struct AppState(Arc<StateParts>);

impl std::ops::Deref for AppState {
    type Target = StateParts;

    fn deref(&self) -> &StateParts {
        &self.0
    }
}

/// What leptos_axum extracts from the state for each page.
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The parts of [`AppState`].
pub struct StateParts {
    /// Leptos' own options (site root, output name, address).
    pub leptos_options: LeptosOptions,
    /// The configuration loaded at start-up.
    pub config: Arc<Config>,
    /// The bundle's file names, read once.
    pub bundle: Arc<Bundle>,
    /// The client for Atlassian (or the sandbox standing in for it).
    pub atlassian: AtlassianClient,
    /// Sessions, sealed tokens and locks: memory or Redis.
    pub backend: Backend,
    /// The grants of signed-in sessions.
    pub tokens: TokenStore,
    /// Seals the pending sign-ins browsers keep in their cookies (the grants have their own).
    pub sign_in_vault: Arc<Vault>,
    /// The in-process sandbox, in sandbox mode.
    pub sandbox: Option<Sandbox>,
    /// Highlights code blocks; pages read it from the Leptos context.
    pub highlighter: Highlighter,
    /// Rendered ADF documents, by content; pages read them from the Leptos context.
    pub fragments: Fragments,
    /// The last copy of each view people were shown, for when Jira's allowance runs out.
    pub copies: Copies,
    /// Identical reads of a view in flight, made once.
    pub flights: ViewFlights,
    /// What each person may ask for in a short time (suggestions).
    pub limits: PersonLimits,
    /// Every language's messages; pages read one request's words from the Leptos context.
    pub catalogue: Arc<Catalogue>,
}

/// Why the state could not be built.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The HTTP client could not be built.
    #[error("HTTP client: {0}")]
    Http(#[from] reqwest::Error),
    /// The bundle's hash file could not be read.
    #[error("LEPTOS_HASH_FILES: {0}")]
    Bundle(#[from] BundleError),
    /// The Redis client could not be built.
    #[error("REDIS_URL: {0}")]
    Store(#[from] StoreError),
    /// A translation catalogue does not parse.
    #[error("catalogue {0}")]
    Catalogue(String),
}

impl AppState {
    /// Builds the state for a configuration; in sandbox mode the sandbox is created here too.
    pub fn new(leptos_options: LeptosOptions, config: Config) -> Result<Self, StateError> {
        let sandbox = config.sandbox.then(|| Sandbox::for_app(&config));
        Self::with_sandbox(leptos_options, config, sandbox)
    }

    /// Builds the state with a given sandbox (tests tune its lifetimes and faults).
    pub fn with_sandbox(
        leptos_options: LeptosOptions,
        config: Config,
        sandbox: Option<Sandbox>,
    ) -> Result<Self, StateError> {
        let bundle = Arc::new(Bundle::new(&leptos_options)?);
        let catalogue = Arc::new(Catalogue::load().map_err(StateError::Catalogue)?);
        let atlassian = AtlassianClient::new(&config)?;
        let secret = config.session_secret.expose_secret();
        let previous = config
            .session_secret_previous
            .as_ref()
            .map(|previous| previous.expose_secret());
        let vault = |purpose| Vault::for_purpose(secret, previous, purpose);
        let backend = Backend::connect(
            config.redis.as_ref(),
            KeyedHash::for_purpose(secret, previous, Purpose::SessionIds),
            vault(Purpose::SessionRecords),
        )?;
        if let Some(shared) = backend.shared_spent() {
            atlassian.share_spent_quotas(shared);
        }
        let sign_in_vault = Arc::new(vault(Purpose::PendingSignIn));
        let tokens = TokenStore::new(
            backend.clone(),
            Arc::new(vault(Purpose::TokensAtRest)),
            atlassian.clone(),
        );
        Ok(Self(Arc::new(StateParts {
            leptos_options,
            bundle,
            config: Arc::new(config),
            atlassian,
            backend,
            sign_in_vault,
            tokens,
            sandbox,
            highlighter: Highlighter::new(),
            fragments: Fragments::new(),
            copies: Copies::new(),
            flights: ViewFlights::default(),
            limits: PersonLimits::default(),
            catalogue,
        })))
    }
}
