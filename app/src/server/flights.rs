//! Single flight: identical reads one person makes at the same moment (two tabs, a reload while
//! the first load runs, a double click) go to Jira once, and every caller gets that answer,
//! error included, when they are in the same locale (an answer carries words and dates in the
//! locale it was read in). A flight ends with its answer; the next read asks again.

use super::copies::ViewKey;
use crate::{
    error::AppError,
    i18n::Locale,
    models::{AssignedPage, IssueView},
};
use moka::future::Cache;
use std::{future::Future, time::Duration};

/// How long a flight's answer stays joinable after it arrives, should its first caller go away
/// before ending the flight (a browser that disconnected): a second, not a cache.
const ANSWER_KEPT: Duration = Duration::from_secs(1);

/// The reads in flight, of one kind of answer.
#[derive(Clone)]
pub struct Flights<V> {
    cache: Cache<(ViewKey, Locale), V>,
}

impl<V: Clone + Send + Sync + 'static> Default for Flights<V> {
    fn default() -> Self {
        Self {
            cache: Cache::builder()
                .max_capacity(100_000)
                .time_to_live(ANSWER_KEPT)
                .build(),
        }
    }
}

impl<V: Clone + Send + Sync + 'static> Flights<V> {
    /// `read`'s answer, or that of the identical read in `locale` already in flight.
    pub async fn join(&self, flight: ViewKey, locale: Locale, read: impl Future<Output = V>) -> V {
        let flight = (flight, locale);
        let answer = self.cache.get_with_by_ref(&flight, read).await;
        self.cache.invalidate(&flight).await;
        answer
    }
}

/// The reads of views in flight.
#[derive(Clone, Default)]
pub struct ViewFlights {
    /// Issue pages.
    pub issues: Flights<Result<IssueView, AppError>>,
    /// First pages of the dashboard's lists.
    pub lists: Flights<Result<AssignedPage, AppError>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::server::copies::view_key as flight;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use uuid::Uuid;

    #[tokio::test]
    async fn identical_reads_at_once_are_made_once_and_later_ones_again() {
        let flights: Flights<u32> = Flights::default();
        let reads = AtomicUsize::new(0);
        let read = || async {
            reads.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            7
        };
        let key = || flight("c", Uuid::nil(), Some("acme-1"));
        let (a, b, c) = tokio::join!(
            flights.join(key(), Lang::En.into(), read()),
            flights.join(key(), Lang::En.into(), read()),
            flights.join(
                flight("other", Uuid::nil(), Some("ACME-1")),
                Lang::En.into(),
                read()
            ),
        );
        assert_eq!((a, b, c), (7, 7, 7));
        assert_eq!(reads.load(Ordering::SeqCst), 2, "one per person");
        flights.join(key(), Lang::En.into(), read()).await;
        assert_eq!(
            reads.load(Ordering::SeqCst),
            3,
            "a flight ends with its answer"
        );
        let (_, _) = tokio::join!(
            flights.join(key(), Lang::En.into(), read()),
            flights.join(key(), Lang::De.into(), read()),
        );
        assert_eq!(
            reads.load(Ordering::SeqCst),
            5,
            "another language is another read"
        );
    }
}
