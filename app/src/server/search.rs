//! "All my sites": finding which of the person's Jira sites holds an issue key, by asking every
//! site at once and taking the first that has it.

use super::connection::Connection;
use crate::{error::AppError, issue_key::IssueKey, models::Site};
use futures::StreamExt;
use uuid::Uuid;

/// What a search of every site found.
#[derive(Debug, PartialEq, Eq)]
pub enum SiteSearch {
    /// The cloud id of the first site that has the issue.
    Found(Uuid),
    /// No site has it (or lets the person see it); `unanswered` sites failed to answer at all.
    Missing {
        /// Sites that were rate limited, failed or timed out.
        unanswered: usize,
    },
}

/// The most sites one search, lookup or suggestion asks at once (the rest as those answer).
pub const SITES_AT_ONCE: usize = 6;

/// Looks `key` up on every Jira site in `sites` ([`SITES_AT_ONCE`] at a time); the first hit
/// wins and the other lookups are dropped. A connection that has expired ends the search with
/// that error.
pub async fn find_on_sites(
    connection: &Connection,
    sites: &[Site],
    key: &IssueKey,
) -> Result<SiteSearch, AppError> {
    let atlassian = &connection.state.atlassian;
    let lookups: Vec<_> = sites
        .iter()
        .filter(|site| site.is_jira())
        .map(|site| async move {
            let cloud_id = site.cloud_id;
            let found =
                connection
                    .call(|token| async move {
                        atlassian.issue_ref(&token, cloud_id, key.as_str()).await
                    })
                    .await;
            (cloud_id, found)
        })
        .collect();
    let mut lookups = futures::stream::iter(lookups).buffer_unordered(SITES_AT_ONCE);
    let mut unanswered = 0;
    while let Some((cloud_id, found)) = lookups.next().await {
        match found {
            Ok(_) => return Ok(SiteSearch::Found(cloud_id)),
            Err(AppError::PageNotFound | AppError::Forbidden) => {}
            Err(error @ (AppError::ConnectionExpired | AppError::MissingScopes(_))) => {
                return Err(error)
            }
            Err(error) => {
                tracing::info!(%error, %cloud_id, "a site did not answer the all-sites lookup");
                unanswered += 1;
            }
        }
    }
    Ok(SiteSearch::Missing { unanswered })
}
