//! The server-side session, typed: what a browser's cookie points to. Tokens live only here, never
//! in a cookie or a page.

use crate::{error::AppError, models::Site};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{Deserialize, Serialize};
use std::time::{SystemTime, UNIX_EPOCH};
use subtle::ConstantTimeEq;
use tower_sessions::Session;

const PENDING_KEY: &str = "oauth.pending";
const TOKENS_KEY: &str = "atlassian.tokens";
const SITES_KEY: &str = "atlassian.sites";

/// How long the list of accessible sites is reused before it is fetched again.
const SITES_TTL_SECS: u64 = 300;
/// Random bytes in an OAuth `state` (256 bits).
const STATE_BYTES: usize = 32;

/// A sign-in that has been sent to Atlassian and not come back yet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingSignIn {
    /// The `state` sent with the authorization request.
    pub state: String,
    /// Where to go after signing in (a validated relative path).
    pub return_to: Option<String>,
}

/// The Atlassian tokens of a signed-in session.
#[derive(Clone, Serialize, Deserialize)]
pub struct Tokens {
    /// Bearer token for api.atlassian.com.
    pub access_token: String,
    /// Rotating refresh token, when `offline_access` was granted.
    pub refresh_token: Option<String>,
    /// Unix time (seconds) at which the access token expires.
    pub expires_at: u64,
    /// Space-separated scopes granted.
    pub scope: String,
}

impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("expires_at", &self.expires_at)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl Tokens {
    /// Whether the access token is past its expiry.
    pub fn is_expired(&self) -> bool {
        now() >= self.expires_at
    }
}

#[derive(Serialize, Deserialize)]
struct CachedSites {
    fetched_at: u64,
    sites: Vec<Site>,
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// A typed view of one browser's session.
#[derive(Clone)]
pub struct UserSession(Session);

fn unavailable(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store failed");
    AppError::SessionUnavailable
}

impl UserSession {
    /// Wraps the session of the current request.
    pub fn new(session: Session) -> Self {
        Self(session)
    }

    /// Starts a sign-in: a fresh random `state`, remembered with where to return.
    pub async fn begin_sign_in(&self, return_to: Option<String>) -> Result<String, AppError> {
        let mut bytes = [0u8; STATE_BYTES];
        rand::fill(&mut bytes);
        let state = URL_SAFE_NO_PAD.encode(bytes);
        let pending = PendingSignIn {
            state: state.clone(),
            return_to,
        };
        self.0
            .insert(PENDING_KEY, pending)
            .await
            .map_err(unavailable)?;
        Ok(state)
    }

    /// Consumes the pending sign-in if `state` matches it (constant time). Any answer, match or
    /// not, uses the pending sign-in up: a `state` works once.
    pub async fn take_pending(&self, state: &str) -> Result<Option<PendingSignIn>, AppError> {
        let pending: Option<PendingSignIn> =
            self.0.remove(PENDING_KEY).await.map_err(unavailable)?;
        Ok(pending.filter(|p| bool::from(p.state.as_bytes().ct_eq(state.as_bytes()))))
    }

    /// Stores a new connection under a new session id (no fixation).
    pub async fn sign_in(&self, tokens: Tokens) -> Result<(), AppError> {
        self.0.cycle_id().await.map_err(unavailable)?;
        self.0.remove_value(SITES_KEY).await.map_err(unavailable)?;
        self.0.insert(TOKENS_KEY, tokens).await.map_err(unavailable)
    }

    /// The tokens of this session, if signed in.
    pub async fn tokens(&self) -> Result<Option<Tokens>, AppError> {
        self.0.get(TOKENS_KEY).await.map_err(unavailable)
    }

    /// The accessible sites fetched within the last few minutes.
    pub async fn cached_sites(&self) -> Result<Option<Vec<Site>>, AppError> {
        let cached: Option<CachedSites> = self.0.get(SITES_KEY).await.map_err(unavailable)?;
        Ok(cached
            .filter(|c| now().saturating_sub(c.fetched_at) < SITES_TTL_SECS)
            .map(|c| c.sites))
    }

    /// Remembers the accessible sites for a few minutes.
    pub async fn cache_sites(&self, sites: &[Site]) -> Result<(), AppError> {
        let cached = CachedSites {
            fetched_at: now(),
            sites: sites.to_vec(),
        };
        self.0.insert(SITES_KEY, cached).await.map_err(unavailable)
    }

    /// Ends the session: the server-side record is deleted, the cookie becomes worthless.
    pub async fn end(&self) -> Result<(), AppError> {
        self.0.flush().await.map_err(unavailable)
    }
}
