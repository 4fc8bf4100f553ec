//! The last copy of each view a person was shown (an issue, the first page of a site's
//! "assigned to you" list), kept in this instance's memory for a few hours, so that a site whose
//! rate-limit allowance is spent still shows what the person saw last, marked with when, and a
//! site is spared a repeat of the dashboard's lists for a few minutes (longer near its limit).
//!
//! Copies are keyed by the sign-in's connection id: one person's copy is never shown to another,
//! and signing out (or signing in anew) forgets them.

use crate::{
    clock::Clock,
    i18n::Lang,
    models::{Adf, AsOf, AssignedPage, IssueView},
};
use moka::sync::Cache;
use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
    time::Duration,
};
use uuid::Uuid;

/// How long a copy is kept after the last view it was fetched for: longer than a rate-limit
/// window.
const KEPT_FOR: Duration = Duration::from_secs(3 * 3600);
/// How many bytes of copies an instance keeps, estimated as three times their JSON (their
/// strings and vectors take more in memory than as text; documents are kept as their text).
const KEPT_BYTES: u64 = 64 * 1024 * 1024;
/// How old (seconds) a person's dashboard list on a site may be and still be shown instead of
/// asked for again, given the site's quota window: a sixth of it (ten minutes of an hour), so
/// that going back and forth between the dashboard and issues, and checking in again soon, cost
/// the site nothing; half of it (thirty minutes) when the app `spare`s the allowance (it is
/// nearly spent, or spent ahead of the app's pace).
pub fn list_reuse_secs(window_secs: u64, spare: bool) -> u64 {
    if spare {
        window_secs / 2
    } else {
        window_secs / 6
    }
}

/// A view and when it was fetched (Unix seconds).
#[derive(Debug)]
pub struct Kept<T> {
    /// The view.
    pub view: T,
    /// When it was fetched (last fetched, when the views fetched since were the same).
    at: AtomicU64,
    /// The language of its words (its dates are written again when shown).
    pub lang: Lang,
    /// What it is counted as against the shelf's bytes, weighed once.
    weight: u32,
}

impl<T> Kept<T> {
    /// When it was fetched (Unix seconds).
    pub fn at(&self) -> u64 {
        self.at.load(Ordering::Relaxed)
    }
}

/// One person's view of one thing: the sign-in's connection id, the site, and the issue key (or
/// `None`, for the first page of the site's list). Copies and flights are keyed by it.
pub type ViewKey = (Arc<str>, Uuid, Option<String>);

/// The key of `connection`'s view of `issue` (or the list) on `cloud_id`.
pub fn view_key(connection: &str, cloud_id: Uuid, issue: Option<&str>) -> ViewKey {
    (
        Arc::from(connection),
        cloud_id,
        issue.map(str::to_ascii_uppercase),
    )
}

/// A view that can be kept as a copy and shown marked as one.
pub trait Copyable: Clone + PartialEq + serde::Serialize + Send + Sync + 'static {
    /// Marks the view as the copy from `as_of` (or, `None`, as fresh).
    fn set_as_of(&mut self, as_of: Option<AsOf>);

    /// Lets go of what the view can make again from what it keeps (for a copy kept for hours).
    fn lighten(&mut self) {}

    /// Writes its dates again as `clock` reads them (a copy is shown later, perhaps in another
    /// language, than it was read: "5 minutes ago" is wrong an hour on).
    fn restate(&mut self, clock: &Clock);
}

impl Copyable for IssueView {
    fn set_as_of(&mut self, as_of: Option<AsOf>) {
        self.as_of = as_of;
    }

    fn restate(&mut self, clock: &Clock) {
        let comments = self.comments.comments.iter_mut().map(|c| &mut c.created);
        let files = self.attachments.iter_mut().map(|file| &mut file.created);
        [&mut self.created, &mut self.updated, &mut self.resolved]
            .into_iter()
            .chain(comments)
            .chain(files)
            .flatten()
            .for_each(|moment| clock.restate(moment));
    }

    /// Keeps its documents as their text: a parsed tree takes many times that.
    fn lighten(&mut self) {
        self.description = self.description.as_ref().map(Adf::without_tree);
        for comment in &mut self.comments.comments {
            comment.body = comment.body.as_ref().map(Adf::without_tree);
        }
    }
}

impl Copyable for AssignedPage {
    fn set_as_of(&mut self, as_of: Option<AsOf>) {
        self.as_of = as_of;
    }

    fn restate(&mut self, clock: &Clock) {
        for moment in self
            .issues
            .iter_mut()
            .filter_map(|issue| issue.updated.as_mut())
        {
            clock.restate(moment);
        }
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

/// The copies of one kind of view.
#[derive(Clone)]
pub struct Shelf<T> {
    cache: Cache<ViewKey, Arc<Kept<T>>>,
}

impl<T: Copyable> Shelf<T> {
    fn new(bytes: u64) -> Self {
        Self {
            cache: Cache::builder()
                .support_invalidation_closures()
                .max_capacity(bytes)
                .time_to_live(KEPT_FOR)
                .weigher(|_, kept: &Arc<Kept<T>>| kept.weight)
                .build(),
        }
    }

    /// Keeps `view` (its words in `lang`) as `key`'s copy, from now. When the kept copy is the
    /// same view, it is kept again as it is, marked as fetched now: a view shown again unchanged
    /// is neither copied nor weighed again (weighing serialises it; the two were 3 % of a rich
    /// issue page).
    pub fn keep(&self, key: ViewKey, view: &T, lang: Lang) {
        let now = crate::clock::now();
        let same = self
            .cache
            .get(&key)
            .filter(|kept| kept.lang == lang && kept.view == *view);
        let kept = match same {
            Some(kept) => {
                kept.at.store(now, Ordering::Relaxed);
                kept
            }
            None => {
                let mut view = view.clone();
                view.set_as_of(None);
                view.lighten();
                let weight = json_size(&view);
                let at = AtomicU64::new(now);
                Arc::new(Kept {
                    view,
                    at,
                    lang,
                    weight,
                })
            }
        };
        self.cache.insert(key, kept);
    }

    /// `key`'s last copy.
    pub fn get(&self, key: &ViewKey) -> Option<Arc<Kept<T>>> {
        self.cache.get(key)
    }

    fn forget(&self, connection: &Arc<str>) {
        let connection = connection.clone();
        let _ = self
            .cache
            .invalidate_entries_if(move |(owner, _, _), _| *owner == connection);
    }
}

/// The copies of one instance.
#[derive(Clone)]
pub struct Copies {
    /// Issue pages.
    pub issues: Shelf<IssueView>,
    /// First pages of the dashboard's lists.
    pub lists: Shelf<AssignedPage>,
}

impl Default for Copies {
    fn default() -> Self {
        Self::new()
    }
}

impl Copies {
    /// Empty, bounded by [`KEPT_BYTES`] and [`KEPT_FOR`].
    pub fn new() -> Self {
        Self {
            issues: Shelf::new(KEPT_BYTES * 3 / 4),
            lists: Shelf::new(KEPT_BYTES / 4),
        }
    }

    /// Forgets every copy of `connection` (signed out, or replaced by a new sign-in).
    pub fn forget(&self, connection: &str) {
        let connection: Arc<str> = Arc::from(connection);
        self.issues.forget(&connection);
        self.lists.forget(&connection);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(token: &str) -> AssignedPage {
        AssignedPage {
            issues: Vec::new(),
            next_page_token: Some(token.to_owned()),
            as_of: None,
        }
    }

    #[test]
    fn a_view_shown_again_unchanged_is_marked_fetched_now_and_a_changed_one_kept_anew() {
        let shelf = Shelf::<AssignedPage>::new(1024 * 1024);
        let key = view_key("connection", Uuid::nil(), None);
        shelf.keep(key.clone(), &list("a"), Lang::En);
        let first = shelf.get(&key).unwrap();
        first.at.store(first.at() - 600, Ordering::Relaxed);
        shelf.keep(key.clone(), &list("a"), Lang::En);
        let again = shelf.get(&key).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "the same copy, not a new one");
        assert!(
            again.at() + 5 >= crate::clock::now(),
            "marked as fetched now"
        );
        for (view, lang) in [(list("b"), Lang::En), (list("b"), Lang::De)] {
            shelf.keep(key.clone(), &view, lang);
            let kept = shelf.get(&key).unwrap();
            assert_eq!((kept.view.clone(), kept.lang), (view, lang));
        }
    }
}
