//! The signed-in context of a request: application state, the session, and its Atlassian tokens.
//! Used by server functions and by the plain axum handlers alike.

use crate::{
    atlassian::models::AccessibleResource, error::AppError, models::Site, session::Tokens,
    session::UserSession, state::AppState,
};
use tower_sessions::Session;

/// The application state and session of the current server-function call or page render.
pub async fn request_context() -> Result<(AppState, UserSession), AppError> {
    let state = leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        AppError::Internal
    })?;
    let session: Session = leptos_axum::extract().await.map_err(|error| {
        tracing::error!(%error, "no session on the request");
        AppError::Internal
    })?;
    Ok((state, UserSession::new(session)))
}

/// A session with a usable Atlassian access token.
pub struct Connection {
    /// Application state.
    pub state: AppState,
    /// The session the tokens came from.
    pub session: UserSession,
    tokens: Tokens,
}

impl Connection {
    /// The connection of this session, or why there is none.
    pub async fn open(state: AppState, session: UserSession) -> Result<Self, AppError> {
        let tokens = session.tokens().await?.ok_or(AppError::NotSignedIn)?;
        if tokens.is_expired() {
            return Err(AppError::ConnectionExpired);
        }
        Ok(Self {
            state,
            session,
            tokens,
        })
    }

    /// The connection of the current server-function call or page render.
    pub async fn current() -> Result<Self, AppError> {
        let (state, session) = request_context().await?;
        Self::open(state, session).await
    }

    /// The bearer token for api.atlassian.com.
    pub fn access_token(&self) -> &str {
        &self.tokens.access_token
    }

    /// Every accessible site, ordered by name; reused from the session for a few minutes.
    pub async fn sites(&self) -> Result<Vec<Site>, AppError> {
        if let Some(sites) = self.session.cached_sites().await? {
            return Ok(sites);
        }
        let resources = self
            .state
            .atlassian
            .accessible_resources(self.access_token())
            .await?;
        let sites = sites_from(resources);
        self.session.cache_sites(&sites).await?;
        Ok(sites)
    }
}

/// Turns accessible resources into sites, ordered by name then id (Atlassian's order is unspecified).
pub fn sites_from(resources: Vec<AccessibleResource>) -> Vec<Site> {
    let mut sites: Vec<Site> = resources
        .into_iter()
        .map(|r| Site {
            cloud_id: r.id,
            name: r.name,
            url: r.url,
            avatar_url: r.avatar_url,
            scopes: r.scopes,
        })
        .collect();
    sites.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.cloud_id.cmp(&b.cloud_id))
    });
    sites
}
