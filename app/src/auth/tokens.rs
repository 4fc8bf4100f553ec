//! The Atlassian grant of a signed-in session: sealed at rest in the shared store, and refreshed
//! exactly once when it runs out, however many requests and instances notice at the same time.
//!
//! Atlassian's refresh tokens rotate: each refresh disables the one used, and reusing a disabled
//! one after a 10-minute leeway revokes the whole grant. So a refresh takes a lock shared by every
//! instance, re-reads the stored grant (another instance may have refreshed it meanwhile), and only
//! then spends the refresh token, storing the new pair before the lock is released.

use super::{
    session::SESSION_IDLE_SECS,
    store::{Backend, LockGuard, StoreError, STORE_TIMEOUT},
    vault::Vault,
};
use crate::{
    atlassian::{AtlassianClient, UpstreamError},
    clock::now,
    error::AppError,
};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use std::{sync::Arc, time::Duration};

/// Refresh when the access token has less than this left.
pub const REFRESH_MARGIN_SECS: u64 = 60;
/// Atlassian's absolute grant lifetime: 365 days from first consent.
pub const GRANT_ABSOLUTE_SECS: u64 = 365 * 24 * 3600;
/// Atlassian's refresh-token inactivity expiry: 90 days.
pub const GRANT_IDLE_SECS: u64 = 90 * 24 * 3600;
/// The most a refresh can take while it holds the lock: the store read, Atlassian's token call
/// at its whole timeout, the fenced write.
const LOCKED_WORK: Duration =
    Duration::from_secs(crate::atlassian::REQUEST_TIMEOUT.as_secs() + 2 * STORE_TIMEOUT.as_secs());
/// How long a refresh lock outlives a crashed holder: three times the most the work can take,
/// so a slow but live refresh never loses its lock to another.
const LOCK_TTL: Duration = Duration::from_secs(3 * LOCKED_WORK.as_secs());
/// How long a request waits for another's refresh: past the lease, so that a crashed holder's
/// lock has expired and the waiter takes it rather than giving up.
const LOCK_WAIT: Duration = Duration::from_secs(LOCK_TTL.as_secs() + 5);
// Checked when compiling, should anyone change one of them.
const _: () = assert!(
    LOCK_TTL.as_secs() >= 3 * LOCKED_WORK.as_secs() && LOCK_WAIT.as_secs() > LOCK_TTL.as_secs()
);

/// What Atlassian granted one signed-in session. Tokens never print.
#[derive(Clone)]
pub struct Grant {
    /// Bearer token for api.atlassian.com.
    pub access_token: SecretString,
    /// Rotating refresh token (with `offline_access`).
    pub refresh_token: Option<SecretString>,
    /// Unix time at which the access token expires.
    pub expires_at: u64,
    /// Space-separated scopes granted.
    pub scope: String,
    /// Unix time of the consent.
    pub consented_at: u64,
    /// Unix time of the last refresh, if any.
    pub refreshed_at: Option<u64>,
}

impl std::fmt::Debug for Grant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Grant")
            .field("expires_at", &self.expires_at)
            .field("scope", &self.scope)
            .field("consented_at", &self.consented_at)
            .field("refreshed_at", &self.refreshed_at)
            .finish_non_exhaustive()
    }
}

impl Grant {
    /// Whether the access token should be replaced before use.
    fn is_due(&self) -> bool {
        now() + REFRESH_MARGIN_SECS >= self.expires_at
    }

    /// The scopes in `required` that this grant lacks.
    pub fn missing_scopes(&self, required: &[String]) -> Vec<String> {
        let granted: Vec<&str> = self.scope.split_whitespace().collect();
        required
            .iter()
            .filter(|scope| !granted.contains(&scope.as_str()))
            .cloned()
            .collect()
    }

    /// When a new consent will be needed: 365 days after consent, or 90 days without a refresh.
    pub fn reconnect_by(&self) -> u64 {
        let last_use = self.refreshed_at.unwrap_or(self.consented_at);
        (self.consented_at + GRANT_ABSOLUTE_SECS).min(last_use + GRANT_IDLE_SECS)
    }
}

/// The sealed form; plain strings exist only between `open` and `seal`.
#[derive(Serialize, Deserialize)]
struct Plain {
    access_token: String,
    refresh_token: Option<String>,
    expires_at: u64,
    scope: String,
    consented_at: u64,
    refreshed_at: Option<u64>,
}

/// Stores grants and refreshes them.
#[derive(Clone)]
pub struct TokenStore {
    backend: Backend,
    vault: Arc<Vault>,
    atlassian: AtlassianClient,
}

fn grant_key(connection: &str) -> String {
    format!("jsa:grant:{connection}")
}

fn unavailable(error: StoreError) -> AppError {
    match error {
        StoreError::LockTimeout(_) => {
            tracing::warn!("gave up waiting for another request's token refresh");
            AppError::RenewalPending
        }
        StoreError::Unavailable(detail) => {
            tracing::error!(%detail, "token store unavailable");
            AppError::SessionUnavailable
        }
    }
}

impl TokenStore {
    /// A token store over `backend`, sealing with `vault`, refreshing through `atlassian`.
    pub fn new(backend: Backend, vault: Arc<Vault>, atlassian: AtlassianClient) -> Self {
        Self {
            backend,
            vault,
            atlassian,
        }
    }

    /// Seals and stores the grant of `connection`.
    pub async fn save(&self, connection: &str, grant: &Grant) -> Result<(), AppError> {
        self.backend
            .put(
                &grant_key(connection),
                &self.seal(grant)?,
                Self::time_to_live(grant),
            )
            .await
            .map_err(unavailable)
    }

    /// How long a grant stays in the store from its last save (sign-in or refresh): until
    /// Atlassian would want a new consent, and never past the session's idle window. A person
    /// who keeps using the app refreshes at least hourly, and each refresh saves it again, so it
    /// never outlives the session, which ends after the same idle window.
    fn time_to_live(grant: &Grant) -> Duration {
        let until_reconnect = grant.reconnect_by().saturating_sub(now());
        Duration::from_secs(until_reconnect.clamp(1, SESSION_IDLE_SECS))
    }

    fn seal(&self, grant: &Grant) -> Result<String, AppError> {
        let plain = Plain {
            access_token: grant.access_token.expose_secret().to_owned(),
            refresh_token: grant
                .refresh_token
                .as_ref()
                .map(|t| t.expose_secret().to_owned()),
            expires_at: grant.expires_at,
            scope: grant.scope.clone(),
            consented_at: grant.consented_at,
            refreshed_at: grant.refreshed_at,
        };
        let bytes = serde_json::to_vec(&plain).map_err(|_| AppError::Internal)?;
        Ok(self.vault.seal(&bytes))
    }

    /// The stored grant; `None` when there is none or it can no longer be opened (for instance
    /// after `SESSION_SECRET` was replaced without keeping the old one as previous).
    pub async fn load(&self, connection: &str) -> Result<Option<Grant>, AppError> {
        let Some(sealed) = self
            .backend
            .get(&grant_key(connection))
            .await
            .map_err(unavailable)?
        else {
            return Ok(None);
        };
        let plain = self
            .vault
            .open(&sealed)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Plain>(&bytes).ok());
        if plain.is_none() {
            tracing::warn!("a stored grant could not be opened; the person must sign in again");
        }
        Ok(plain.map(|p| Grant {
            access_token: p.access_token.into(),
            refresh_token: p.refresh_token.map(Into::into),
            expires_at: p.expires_at,
            scope: p.scope,
            consented_at: p.consented_at,
            refreshed_at: p.refreshed_at,
        }))
    }

    /// Forgets the grant of `connection`.
    pub async fn purge(&self, connection: &str) -> Result<(), AppError> {
        self.backend
            .delete(&grant_key(connection))
            .await
            .map_err(unavailable)
    }

    /// A grant whose access token is usable: the stored one, or a refreshed one. `rejected` is
    /// an access token the API just answered 401 to; it is replaced even if not yet expired.
    pub async fn fresh(&self, connection: &str, rejected: Option<&str>) -> Result<Grant, AppError> {
        let needs_refresh =
            |grant: &Grant| grant.is_due() || rejected == Some(grant.access_token.expose_secret());
        let grant = self.load(connection).await?.ok_or(AppError::NotSignedIn)?;
        if !needs_refresh(&grant) {
            return Ok(grant);
        }
        let lock = self
            .backend
            .lock(
                &format!("jsa:refresh-lock:{connection}"),
                LOCK_TTL,
                LOCK_WAIT,
            )
            .await
            .map_err(unavailable)?;
        let result = self.refresh_locked(connection, needs_refresh, &lock).await;
        lock.release().await;
        result
    }

    async fn refresh_locked(
        &self,
        connection: &str,
        needs_refresh: impl Fn(&Grant) -> bool,
        lock: &LockGuard,
    ) -> Result<Grant, AppError> {
        // Another request or instance may have refreshed while this one waited for the lock.
        let grant = self.load(connection).await?.ok_or(AppError::NotSignedIn)?;
        if !needs_refresh(&grant) {
            return Ok(grant);
        }
        let Some(refresh_token) = grant.refresh_token.clone() else {
            self.purge(connection).await?;
            return Err(AppError::ConnectionExpired);
        };
        let response = match self.atlassian.refresh(refresh_token.expose_secret()).await {
            Ok(response) => response,
            Err(UpstreamError::OAuth { error, .. })
                if matches!(error.as_str(), "invalid_grant" | "unauthorized_client") =>
            {
                tracing::info!(%error, "refresh token refused; the person must consent again");
                self.purge(connection).await?;
                return Err(AppError::ConnectionExpired);
            }
            Err(error) => {
                tracing::warn!(?error, "token refresh failed");
                return Err(error.into());
            }
        };
        let now = now();
        let refreshed = Grant {
            access_token: response.access_token.into(),
            // Atlassian always rotates, but keep the old one if a response ever omits it.
            refresh_token: response
                .refresh_token
                .map(Into::into)
                .or(Some(refresh_token)),
            expires_at: now + response.expires_in,
            scope: if response.scope.is_empty() {
                grant.scope
            } else {
                response.scope
            },
            consented_at: grant.consented_at,
            refreshed_at: Some(now),
        };
        // Fenced: written only over a grant that is still there, while this lock is still ours.
        // A sign-out during the refresh deleted the grant, and it stays deleted.
        let saved = self
            .backend
            .put_fenced(
                &grant_key(connection),
                &self.seal(&refreshed)?,
                Self::time_to_live(&refreshed),
                lock,
            )
            .await
            .map_err(unavailable)?;
        if !saved {
            tracing::info!("a refresh finished after its grant was gone; not stored");
            return Err(AppError::NotSignedIn);
        }
        Ok(refreshed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grant(scope: &str) -> Grant {
        Grant {
            access_token: "at".to_owned().into(),
            refresh_token: None,
            expires_at: 0,
            scope: scope.to_owned(),
            consented_at: 1_000,
            refreshed_at: None,
        }
    }

    #[test]
    fn a_waiter_that_gives_up_blames_no_one() {
        let gave_up = unavailable(StoreError::LockTimeout("jsa:refresh-lock:x".into()));
        assert_eq!(gave_up, AppError::RenewalPending);
        assert_eq!(gave_up.status(), 503);
        assert!(!gave_up.to_string().contains("Atlassian took"), "{gave_up}");
    }

    #[test]
    fn a_grant_is_kept_no_longer_than_an_idle_session() {
        let mut g = grant("");
        g.consented_at = now();
        assert_eq!(TokenStore::time_to_live(&g).as_secs(), SESSION_IDLE_SECS);
        g.consented_at = now() - GRANT_ABSOLUTE_SECS + 60;
        g.refreshed_at = Some(now());
        assert!(TokenStore::time_to_live(&g).as_secs() <= 60);
    }

    #[test]
    fn missing_scopes_are_named() {
        let required: Vec<String> = ["read:me", "read:jira-work"].map(String::from).to_vec();
        assert!(grant("read:jira-work read:me")
            .missing_scopes(&required)
            .is_empty());
        assert_eq!(
            grant("read:me").missing_scopes(&required),
            ["read:jira-work"]
        );
    }

    #[test]
    fn reconnect_is_due_at_the_first_of_the_two_limits() {
        let mut g = grant("");
        assert_eq!(g.reconnect_by(), 1_000 + GRANT_IDLE_SECS);
        g.refreshed_at = Some(1_000 + 300 * 24 * 3600);
        assert_eq!(g.reconnect_by(), 1_000 + GRANT_ABSOLUTE_SECS);
    }

    #[test]
    fn debug_never_shows_tokens() {
        let mut g = grant("read:me");
        g.access_token = "sbx_at_SECRET".to_owned().into();
        g.refresh_token = Some("sbx_rt_SECRET".to_owned().into());
        assert!(!format!("{g:?}").contains("SECRET"));
    }
}
