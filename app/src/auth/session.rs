//! The server-side session, typed: what a browser's cookie points to, from the sign-in's callback
//! on (a sign-in under way lives in the browser: see `auth::pending`). It holds the id of the
//! person's Atlassian connection (whose tokens live sealed in the token
//! store, never in a cookie or a page), and a short-lived copy of their sites.

use crate::clock::now;
use crate::{
    error::AppError,
    models::{Profile, RecentIssue, Site},
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use tower_sessions::Session;
use uuid::Uuid;

const CONNECTION_KEY: &str = "atlassian.connection";
const SITES_KEY: &str = "atlassian.sites";
const ZONE_KEY: &str = "atlassian.zone";
const LOCALE_KEY: &str = "atlassian.locale";
const PROFILE_KEY: &str = "atlassian.profile";
const DEFAULT_SITE_KEY: &str = "dashboard.default_site";
/// The recently viewed list as JSON text ([`Packed`]).
const RECENT_KEY: &str = "dashboard.recently_viewed";
/// Where versions before it kept the list, as a tree: read when the new key is absent, removed
/// when the new one is written. Earlier versions (a rollback, a rolling deploy) keep reading and
/// writing it as they did, never meeting the text they could not read.
const RECENT_TREE_KEY: &str = "dashboard.recent";
/// Issues remembered as recently viewed.
pub const RECENT_ISSUES: usize = 10;

/// How long the list of accessible sites and the profile are reused before they are fetched again.
const CACHE_TTL_SECS: u64 = 300;
/// A session ends this long after sign-in, however active (Atlassian's grant lasts as long).
pub const SESSION_ABSOLUTE_SECS: u64 = 365 * 24 * 3600;
/// A session ends after this long without a request.
pub const SESSION_IDLE_SECS: u64 = 30 * 24 * 3600;

/// 256 random bits, base64url: OAuth `state`, connection ids, lock tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The session's link to its grant in the token store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConnectionRef {
    /// Key of the grant in the token store.
    pub id: String,
    /// Unix time of the sign-in.
    pub signed_in_at: u64,
}

/// A value fetched from Atlassian, with when.
#[derive(Serialize, Deserialize)]
struct Cached<T> {
    fetched_at: u64,
    value: T,
}

/// A value kept in the session as its JSON text: tower-sessions copies the whole record on every
/// load and save (and every read copies the value), and a string copies in one piece where a tree
/// of values copies node by node (the sites, the profile and the recently viewed list were a
/// tenth of an issue page's CPU). Reads the older form, the tree itself, too (so only for values
/// that are not themselves strings).
struct Packed<T>(T);

impl<T: Serialize> Serialize for Packed<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = serde_json::to_string(&self.0).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Packed<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => serde_json::from_str(&text),
            tree => serde_json::from_value(tree),
        };
        value.map(Self).map_err(serde::de::Error::custom)
    }
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

    /// Links a new connection under a new session id (no fixation); returns the new connection
    /// id and the one it replaces, whose grant the caller must purge.
    pub async fn sign_in(&self) -> Result<(String, Option<String>), AppError> {
        let previous = self.connection().await?.map(|c| c.id);
        self.0.cycle_id().await.map_err(unavailable)?;
        self.forget_cached().await?;
        let connection = ConnectionRef {
            id: random_token(),
            signed_in_at: now(),
        };
        let id = connection.id.clone();
        self.0
            .insert(CONNECTION_KEY, connection)
            .await
            .map_err(unavailable)?;
        self.persist().await?;
        Ok((id, previous))
    }

    /// The connection of this session, unless there is none or it outlived its absolute expiry.
    pub async fn connection(&self) -> Result<Option<ConnectionRef>, AppError> {
        let connection: Option<ConnectionRef> =
            self.0.get(CONNECTION_KEY).await.map_err(unavailable)?;
        Ok(connection.filter(|c| now() < c.signed_in_at + SESSION_ABSOLUTE_SECS))
    }

    /// Drops the connection (its grant is gone) but keeps the session.
    pub async fn forget_connection(&self) -> Result<(), AppError> {
        self.0
            .remove_value(CONNECTION_KEY)
            .await
            .map_err(unavailable)?;
        self.forget_cached().await
    }

    /// The accessible sites fetched within the last few minutes.
    pub async fn cached_sites(&self) -> Result<Option<Vec<Site>>, AppError> {
        self.recent(SITES_KEY).await
    }

    /// Remembers the accessible sites for a few minutes.
    pub async fn cache_sites(&self, sites: &[Site]) -> Result<(), AppError> {
        self.keep(SITES_KEY, sites).await
    }

    /// The profile fetched within the last few minutes.
    pub async fn cached_profile(&self) -> Result<Option<Profile>, AppError> {
        self.recent(PROFILE_KEY).await
    }

    /// Remembers the profile for a few minutes.
    pub async fn cache_profile(&self, profile: &Profile) -> Result<(), AppError> {
        self.keep(PROFILE_KEY, profile).await
    }

    /// A value kept by [`Self::keep`] less than [`CACHE_TTL_SECS`] ago. One that no longer reads
    /// (written by an older version) counts as absent, not as a store failure.
    async fn recent<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, AppError> {
        match self.0.get::<Packed<Cached<T>>>(key).await {
            Ok(cached) => Ok(cached
                .map(|Packed(c)| c)
                .filter(|c| now().saturating_sub(c.fetched_at) < CACHE_TTL_SECS)
                .map(|c| c.value)),
            Err(tower_sessions::session::Error::SerdeJson(_)) => Ok(None),
            Err(error) => Err(unavailable(error)),
        }
    }

    /// Keeps `value` at `key`, stamped with the time.
    async fn keep<T: Serialize>(&self, key: &str, value: T) -> Result<(), AppError> {
        let cached = Cached {
            fetched_at: now(),
            value,
        };
        self.0
            .insert(key, Packed(cached))
            .await
            .map_err(unavailable)
    }

    /// Drops what was copied from Atlassian (profile, sites, time zone, locale), so the next page asks
    /// again: on refresh, and whenever the connection changes or ends, so that nothing of one
    /// person's can be shown to the next who signs in with the same browser.
    pub async fn forget_cached(&self) -> Result<(), AppError> {
        for key in [PROFILE_KEY, SITES_KEY, ZONE_KEY, LOCALE_KEY] {
            self.0.remove_value(key).await.map_err(unavailable)?;
        }
        Ok(())
    }

    /// The cloud id of the site the person chose as their default.
    pub async fn default_site(&self) -> Result<Option<Uuid>, AppError> {
        self.0.get(DEFAULT_SITE_KEY).await.map_err(unavailable)
    }

    /// Remembers `cloud_id` as the person's default site.
    pub async fn set_default_site(&self, cloud_id: Uuid) -> Result<(), AppError> {
        self.0
            .insert(DEFAULT_SITE_KEY, cloud_id)
            .await
            .map_err(unavailable)
    }

    /// The issues the person opened here lately, most recent first. A list that no longer
    /// reads (written by another version) counts as empty, not as a store failure, so the next
    /// issue opened starts it anew.
    pub async fn recent_issues(&self) -> Result<Vec<RecentIssue>, AppError> {
        let read = match self.0.get::<Packed<Vec<RecentIssue>>>(RECENT_KEY).await {
            Ok(None) => {
                self.0
                    .get::<Packed<Vec<RecentIssue>>>(RECENT_TREE_KEY)
                    .await
            }
            found => found,
        };
        match read {
            Ok(recent) => Ok(recent.map(|Packed(recent)| recent).unwrap_or_default()),
            Err(tower_sessions::session::Error::SerdeJson(_)) => Ok(Vec::new()),
            Err(error) => Err(unavailable(error)),
        }
    }

    /// Notes that the person opened `issue`: first in the list, once, the list kept to
    /// [`RECENT_ISSUES`]. Written only when that changes the list (reopening the issue already
    /// first, unchanged, costs no session write).
    pub async fn viewed(&self, issue: RecentIssue) -> Result<(), AppError> {
        let mut recent = self.recent_issues().await?;
        if recent.first() == Some(&issue) {
            return Ok(());
        }
        recent.retain(|known| {
            !(known.cloud_id == issue.cloud_id && known.key.eq_ignore_ascii_case(&issue.key))
        });
        recent.insert(0, issue);
        recent.truncate(RECENT_ISSUES);
        self.keep_recent(recent).await
    }

    /// Removes issues from the recently viewed (Jira no longer shows them to the person).
    pub async fn forget_recent(&self, gone: &[(Uuid, String)]) -> Result<(), AppError> {
        let mut recent = self.recent_issues().await?;
        recent.retain(|known| {
            !gone.iter().any(|(cloud_id, key)| {
                known.cloud_id == *cloud_id && known.key.eq_ignore_ascii_case(key)
            })
        });
        self.keep_recent(recent).await
    }

    /// Writes the recently viewed list (and drops the older version's copy).
    async fn keep_recent(&self, recent: Vec<RecentIssue>) -> Result<(), AppError> {
        self.0
            .insert(RECENT_KEY, Packed(recent))
            .await
            .map_err(unavailable)?;
        self.0
            .remove_value(RECENT_TREE_KEY)
            .await
            .map_err(unavailable)
            .map(drop)
    }

    /// The person's time zone (IANA name), as `/me` last gave it.
    pub async fn zone(&self) -> Result<Option<String>, AppError> {
        self.0.get(ZONE_KEY).await.map_err(unavailable)
    }

    /// Remembers the person's time zone for the dates on every page.
    pub async fn remember_zone(&self, zone: &str) -> Result<(), AppError> {
        if self.zone().await?.as_deref() == Some(zone) {
            return Ok(());
        }
        self.0.insert(ZONE_KEY, zone).await.map_err(unavailable)
    }

    /// The person's locale (`de-DE`), as `/me` last gave it.
    pub async fn locale(&self) -> Result<Option<String>, AppError> {
        self.0.get(LOCALE_KEY).await.map_err(unavailable)
    }

    /// Remembers the person's Atlassian locale, the language of every page unless they chose
    /// another.
    pub async fn remember_locale(&self, locale: &str) -> Result<(), AppError> {
        if self.locale().await?.as_deref() == Some(locale) {
            return Ok(());
        }
        self.0.insert(LOCALE_KEY, locale).await.map_err(unavailable)
    }

    /// Writes the session to the store now, so that a store outage is a clear error before the
    /// browser is sent on (rather than a failed save after the response was decided).
    async fn persist(&self) -> Result<(), AppError> {
        self.0.save().await.map_err(unavailable)
    }

    /// Ends the session: the server-side record is deleted, the cookie becomes worthless.
    pub async fn end(&self) -> Result<(), AppError> {
        self.0.flush().await.map_err(unavailable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use tower_sessions::MemoryStore;

    fn session() -> UserSession {
        UserSession::new(Session::new(None, Arc::new(MemoryStore::default()), None))
    }

    #[tokio::test]
    async fn cached_values_come_back_until_forgotten() {
        let session = session();
        assert_eq!(session.cached_sites().await.unwrap(), None);
        session.cache_sites(&[]).await.unwrap();
        assert_eq!(session.cached_sites().await.unwrap(), Some(Vec::new()));
        session.forget_cached().await.unwrap();
        assert_eq!(session.cached_sites().await.unwrap(), None);
    }

    #[tokio::test]
    async fn lists_are_kept_as_one_string_older_trees_still_read_and_others_start_anew() {
        let session = session();
        let issue = |key: &str| RecentIssue {
            cloud_id: Uuid::nil(),
            site_name: "acme".into(),
            key: key.into(),
            summary: "Checkout".into(),
            status: "Done".into(),
            status_category: crate::models::StatusCategory::Done,
        };
        session
            .0
            .insert(RECENT_TREE_KEY, vec![issue("ACME-1")])
            .await
            .unwrap();
        assert_eq!(session.recent_issues().await.unwrap(), [issue("ACME-1")]);
        session.viewed(issue("ACME-2")).await.unwrap();
        let stored: serde_json::Value = session.0.get(RECENT_KEY).await.unwrap().unwrap();
        assert!(stored.is_string(), "{stored}");
        let older: Option<serde_json::Value> = session.0.get(RECENT_TREE_KEY).await.unwrap();
        assert_eq!(
            older, None,
            "an earlier version's reader never meets the text"
        );
        assert_eq!(
            session.recent_issues().await.unwrap(),
            [issue("ACME-2"), issue("ACME-1")]
        );
        session.0.insert(RECENT_KEY, 7).await.unwrap();
        assert_eq!(session.recent_issues().await.unwrap(), []);
        session.viewed(issue("ACME-3")).await.unwrap();
        assert_eq!(session.recent_issues().await.unwrap(), [issue("ACME-3")]);
        session.cache_sites(&[]).await.unwrap();
        let stored: serde_json::Value = session.0.get(SITES_KEY).await.unwrap().unwrap();
        assert!(stored.is_string(), "{stored}");
        session
            .0
            .insert(
                SITES_KEY,
                serde_json::json!({"fetched_at": now(), "value": []}),
            )
            .await
            .unwrap();
        assert_eq!(session.cached_sites().await.unwrap(), Some(Vec::new()));
    }

    #[tokio::test]
    async fn a_cached_value_in_an_older_shape_counts_as_absent_not_as_an_outage() {
        let session = session();
        session
            .0
            .insert(
                SITES_KEY,
                serde_json::json!({"fetched_at": now(), "sites": []}),
            )
            .await
            .unwrap();
        assert_eq!(session.cached_sites().await.unwrap(), None);
    }
}
