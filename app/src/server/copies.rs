//! The last copy of each view a person was shown (an issue, the first page of a site's
//! "assigned to you" list), kept in this instance's memory for a few hours, so that a site whose
//! rate-limit allowance is spent still shows what the person saw last, marked with when, and a
//! site near its limit is spared a repeat of the dashboard's lists.
//!
//! Copies are keyed by the sign-in's connection id: one person's copy is never shown to another,
//! and signing out (or signing in anew) forgets them.

use crate::models::{AssignedPage, IssueView};
use moka::sync::Cache;
use std::{sync::Arc, time::Duration};
use uuid::Uuid;

/// How long a copy is kept: longer than a rate-limit window.
const KEPT_FOR: Duration = Duration::from_secs(3 * 3600);
/// How many bytes of copies an instance keeps, estimated as three times their JSON (the trees
/// of values in memory take more than their text).
const KEPT_BYTES: u64 = 64 * 1024 * 1024;
/// Near a site's limit, a dashboard list younger than this is shown instead of asked for again.
pub const NEAR_LIMIT_REUSE_SECS: u64 = 15 * 60;

/// A view and when it was fetched (Unix seconds).
#[derive(Debug)]
pub struct Kept<T> {
    /// The view.
    pub view: T,
    /// When it was fetched.
    pub at: u64,
}

/// What identifies a copy: connection id, site, and the issue key (or none, for the list).
type Key = (Arc<str>, Uuid, Option<String>);

/// The copies of one instance.
#[derive(Clone)]
pub struct Copies {
    issues: Cache<Key, Arc<Kept<IssueView>>>,
    lists: Cache<Key, Arc<Kept<AssignedPage>>>,
}

impl Default for Copies {
    fn default() -> Self {
        Self::new()
    }
}

/// The size of a value as JSON, counted without building it.
fn json_size<T: serde::Serialize>(value: &T) -> u32 {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, value);
    u32::try_from(count.0.saturating_mul(3)).unwrap_or(u32::MAX)
}

impl Copies {
    /// Empty, bounded by [`KEPT_BYTES`] and [`KEPT_FOR`].
    pub fn new() -> Self {
        Self {
            issues: Cache::builder()
                .support_invalidation_closures()
                .max_capacity(KEPT_BYTES * 3 / 4)
                .time_to_live(KEPT_FOR)
                .weigher(|_, kept: &Arc<Kept<IssueView>>| json_size(&kept.view))
                .build(),
            lists: Cache::builder()
                .support_invalidation_closures()
                .max_capacity(KEPT_BYTES / 4)
                .time_to_live(KEPT_FOR)
                .weigher(|_, kept: &Arc<Kept<AssignedPage>>| json_size(&kept.view))
                .build(),
        }
    }

    fn key(connection: &str, cloud_id: Uuid, issue: Option<&str>) -> Key {
        (
            Arc::from(connection),
            cloud_id,
            issue.map(str::to_ascii_uppercase),
        )
    }

    /// Keeps the issue `key` as `connection` was shown it.
    pub fn keep_issue(&self, connection: &str, cloud_id: Uuid, key: &str, view: &IssueView) {
        let mut view = view.clone();
        view.as_of = None;
        self.issues.insert(
            Self::key(connection, cloud_id, Some(key)),
            Arc::new(Kept {
                view,
                at: crate::clock::now(),
            }),
        );
    }

    /// The last copy of issue `key` that `connection` was shown.
    pub fn issue(
        &self,
        connection: &str,
        cloud_id: Uuid,
        key: &str,
    ) -> Option<Arc<Kept<IssueView>>> {
        self.issues.get(&Self::key(connection, cloud_id, Some(key)))
    }

    /// Keeps the first page of the list of site `cloud_id` as `connection` was shown it.
    pub fn keep_list(&self, connection: &str, cloud_id: Uuid, page: &AssignedPage) {
        let mut view = page.clone();
        view.as_of = None;
        self.lists.insert(
            Self::key(connection, cloud_id, None),
            Arc::new(Kept {
                view,
                at: crate::clock::now(),
            }),
        );
    }

    /// Forgets every copy of `connection` (signed out, or replaced by a new sign-in).
    pub fn forget(&self, connection: &str) {
        let connection: Arc<str> = Arc::from(connection);
        let issues = connection.clone();
        let _ = self
            .issues
            .invalidate_entries_if(move |(owner, _, _), _| *owner == issues);
        let _ = self
            .lists
            .invalidate_entries_if(move |(owner, _, _), _| *owner == connection);
    }

    /// The last copy of the first page of the list of site `cloud_id` that `connection` was shown.
    pub fn list(&self, connection: &str, cloud_id: Uuid) -> Option<Arc<Kept<AssignedPage>>> {
        self.lists.get(&Self::key(connection, cloud_id, None))
    }
}
