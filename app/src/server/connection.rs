//! The signed-in context of a request: application state, the session, and a usable Atlassian
//! grant. Every call to Atlassian goes through [`Connection::call`], which refreshes the access
//! token when it is due or answered 401, and retries once.

use crate::{
    atlassian::{models::AccessibleResource, UpstreamError},
    auth::{session::UserSession, tokens::Grant},
    clock::Clock,
    error::AppError,
    i18n::use_i18n,
    models::Site,
    state::AppState,
};
use secrecy::ExposeSecret;
use std::{
    future::Future,
    sync::{Mutex, PoisonError},
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

/// A session with a usable Atlassian grant.
pub struct Connection {
    /// Application state.
    pub state: AppState,
    /// The session the connection belongs to.
    pub session: UserSession,
    id: String,
    grant: Mutex<Grant>,
}

impl Connection {
    /// The connection of this session, refreshed if due, or why there is none. A grant Atlassian
    /// no longer honours is forgotten, and the answer is `ConnectionExpired`.
    pub async fn open(state: AppState, session: UserSession) -> Result<Self, AppError> {
        let connection = session.connection().await?.ok_or(AppError::NotSignedIn)?;
        let grant = match state.tokens.fresh(&connection.id, None).await {
            Ok(grant) => grant,
            Err(AppError::NotSignedIn | AppError::ConnectionExpired) => {
                session.forget_connection().await?;
                return Err(AppError::ConnectionExpired);
            }
            Err(other) => return Err(other),
        };
        Ok(Self {
            state,
            session,
            id: connection.id,
            grant: Mutex::new(grant),
        })
    }

    /// The connection of the current server-function call or page render.
    pub async fn current() -> Result<Self, AppError> {
        let (state, session) = request_context().await?;
        Self::open(state, session).await
    }

    /// The sign-in's connection id (what a person's copies of views are kept under).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// A copy of the current grant.
    pub fn grant(&self) -> Grant {
        self.grant
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Runs `request` with the access token; on a 401 refreshes (once, across instances) and
    /// runs it again with the new token.
    pub async fn call<T, F, Fut>(&self, request: F) -> Result<T, AppError>
    where
        F: Fn(String) -> Fut,
        Fut: Future<Output = Result<T, UpstreamError>>,
    {
        let token = self.grant().access_token.expose_secret().to_owned();
        match request(token.clone()).await {
            Err(UpstreamError::Unauthorized) => {}
            Err(error) => return Err(self.explain(error).await),
            Ok(answer) => return Ok(answer),
        }
        let refreshed = match self.state.tokens.fresh(&self.id, Some(&token)).await {
            Ok(grant) => grant,
            Err(AppError::NotSignedIn | AppError::ConnectionExpired) => {
                self.session.forget_connection().await?;
                return Err(AppError::ConnectionExpired);
            }
            Err(other) => return Err(other),
        };
        let token = refreshed.access_token.expose_secret().to_owned();
        *self.grant.lock().unwrap_or_else(PoisonError::into_inner) = refreshed;
        match request(token).await {
            Err(error) => Err(self.explain(error).await),
            Ok(answer) => Ok(answer),
        }
    }

    /// What a failed call means for this person: missing scopes named, a spent allowance with
    /// the site's name and their time zone; the rest as the client says.
    async fn explain(&self, error: UpstreamError) -> AppError {
        match error {
            UpstreamError::ScopeMismatch => self.missing_scopes(),
            UpstreamError::QuotaSpent { cloud_id, until } => {
                self.quota_spent(cloud_id, until).await
            }
            other => other.into(),
        }
    }

    /// The site's allowance is spent: said with the site's name and the reset time in the
    /// person's time zone, from what the session already knows (nothing is asked of Atlassian).
    async fn quota_spent(&self, cloud_id: uuid::Uuid, until: u64) -> AppError {
        let site = self
            .session
            .cached_sites()
            .await
            .ok()
            .flatten()
            .and_then(|sites| sites.into_iter().find(|site| site.cloud_id == cloud_id))
            .map_or_else(
                || crate::t!(use_i18n(), "error-this-site"),
                |site| site.name,
            );
        let zone = self.session.zone().await.ok().flatten();
        AppError::QuotaSpent {
            site,
            resets_at: Clock::new(zone.as_deref(), use_i18n().formats()).time_of_day(until),
        }
    }

    fn missing_scopes(&self) -> AppError {
        AppError::MissingScopes(self.grant().missing_scopes(&self.state.config.scopes))
    }

    /// A clock in the person's time zone: the one remembered in the session, or the one `/me`
    /// gives (then remembered). Dates fall back to UTC rather than fail a page if `/me` does.
    pub async fn clock(&self) -> Result<Clock, AppError> {
        if let Some(zone) = self.session.zone().await? {
            return Ok(Clock::new(Some(&zone), use_i18n().formats()));
        }
        let atlassian = &self.state.atlassian;
        match self
            .call(|token| async move { atlassian.me(&token).await })
            .await
        {
            Ok(me) => {
                if let Some(zone) = &me.zoneinfo {
                    self.session.remember_zone(zone).await?;
                }
                if let Some(locale) = &me.locale {
                    self.session.remember_locale(locale).await?;
                }
                Ok(Clock::new(me.zoneinfo.as_deref(), use_i18n().formats()))
            }
            Err(error) => {
                tracing::warn!(%error, "no time zone from /me; dates in UTC");
                Ok(Clock::new(None, use_i18n().formats()))
            }
        }
    }

    /// Every accessible site, ordered by name; reused from the session for a few minutes.
    pub async fn sites(&self) -> Result<Vec<Site>, AppError> {
        if let Some(sites) = self.session.cached_sites().await? {
            return Ok(sites);
        }
        let atlassian = &self.state.atlassian;
        let resources = self
            .call(|token| async move { atlassian.accessible_resources(&token).await })
            .await?;
        let sites = sites_from(resources);
        self.session.cache_sites(&sites).await?;
        Ok(sites)
    }
}

/// Turns accessible resources into sites, ordered by name then id (Atlassian's order is
/// unspecified). Cloud ids are UUIDs; a resource whose id is not one is left out and logged, so
/// that no page ever builds a gateway path from it.
pub fn sites_from(resources: Vec<AccessibleResource>) -> Vec<Site> {
    let mut sites: Vec<Site> = resources
        .into_iter()
        .filter_map(|r| {
            let Ok(cloud_id) = r.id.parse() else {
                tracing::warn!(
                    name = r.name,
                    "an accessible resource's id is not a UUID; left out"
                );
                return None;
            };
            Some(Site {
                cloud_id,
                name: r.name,
                url: r.url,
                avatar_url: r.avatar_url,
                scopes: r.scopes,
            })
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
