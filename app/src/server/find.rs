//! Finding issues on every site the person granted: the search page's results, one group per
//! site in the order the sites answer (so a slow site holds nobody up), and suggestions from
//! Jira's issue picker as the person types.

use crate::{
    error::AppError,
    models::{SearchStart, Suggestion},
};
use leptos::prelude::*;

/// Results shown per site and page.
pub const RESULTS_PER_SITE: u32 = 10;
/// The most suggestions offered at once.
pub const MAX_SUGGESTIONS: usize = 8;
/// The fewest characters suggestions are asked for.
pub const MIN_SUGGEST_CHARS: usize = 2;
/// The most characters suggestions are asked for.
pub const MAX_SUGGEST_CHARS: usize = 200;

/// The person's Jira sites, where a search looks. When `words` alone (`only_words`) are a key or
/// a browse link, the issue's page if a site has it (every site asked at once, as the lookup
/// form's "All my sites"), else the key, so that the words are searched as text instead.
#[server(endpoint = "begin_search")]
pub async fn begin_search(words: String, only_words: bool) -> Result<SearchStart, AppError> {
    super::answer(ssr::start(words, only_words).await)
}

/// Issues on `site` (a cloud id, or `all` for every Jira site) whose key or summary words start
/// with the words of `query`, from Jira's issue picker: the ones the person viewed first, no
/// issue twice, the sites taking turns. Nothing is asked for fewer than two characters, nor of
/// a site whose allowance the app is sparing.
#[server(endpoint = "suggest")]
pub async fn suggest_issues(site: String, query: String) -> Result<Vec<Suggestion>, AppError> {
    super::answer(ssr::suggest(site, query).await)
}

#[cfg(feature = "ssr")]
pub use ssr::SearchRun;

#[cfg(feature = "ssr")]
mod ssr {
    use super::super::connection::Connection;
    use crate::{
        atlassian::UpstreamError,
        clock::Clock,
        error::AppError,
        issue_key::{resolve_lookup, IssueKey, IssueReference, ALL_SITES},
        models::{SearchHit, SearchStart, Site, SiteHits, SiteResults, Suggestion},
        server::search::{find_on_sites, SiteSearch, SITES_AT_ONCE},
    };
    use futures::{stream::BoxStream, StreamExt};
    use std::sync::Arc;

    /// How long words that look like a key wait for the sites to say whether they have it,
    /// before they are searched as words.
    const KEY_LOOKUP_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

    /// The body of [`super::begin_search`].
    pub async fn start(words: String, only_words: bool) -> Result<SearchStart, AppError> {
        let connection = Connection::current().await?;
        let sites: Vec<Site> = connection
            .sites()
            .await?
            .into_iter()
            .filter(Site::is_jira)
            .collect();
        let mut start = SearchStart {
            sites,
            open: None,
            no_issue: None,
            unanswered: false,
        };
        if !only_words || IssueReference::parse(&words).is_none() {
            return Ok(start);
        }
        let page = |cloud_id, key: &IssueKey| format!("/sites/{cloud_id}/issues/{key}");
        match resolve_lookup(&start.sites, ALL_SITES, &words) {
            Ok((Some(cloud_id), key)) => start.open = Some(page(cloud_id, &key)),
            Ok((None, key)) => {
                let lookup = find_on_sites(&connection, &start.sites, &key);
                match tokio::time::timeout(KEY_LOOKUP_WAIT, lookup).await {
                    Ok(found) => match found? {
                        SiteSearch::Found(cloud_id) => start.open = Some(page(cloud_id, &key)),
                        SiteSearch::Missing { unanswered } => {
                            start.no_issue = Some(key.to_string());
                            start.unanswered = unanswered > 0;
                        }
                    },
                    Err(_) => {
                        start.no_issue = Some(key.to_string());
                        start.unanswered = true;
                    }
                }
            }
            Err(_) => {}
        }
        Ok(start)
    }

    /// A search of several sites under way: the sites' answers, in the order they arrive. The
    /// caller waiting for the next answer drives every site's search (at most
    /// [`SITES_AT_ONCE`] at a time) until it comes; the others wait their turn.
    pub struct SearchRun {
        state: tokio::sync::Mutex<State>,
    }

    struct State {
        pending: BoxStream<'static, SiteResults>,
        arrived: Vec<SiteResults>,
    }

    impl SearchRun {
        /// Starts searching `sites` for `jql` (from `next_page_token` when there is one site).
        /// Nothing is asked until an answer is awaited.
        pub async fn start(
            sites: Vec<Site>,
            jql: String,
            next_page_token: Option<String>,
        ) -> Result<Self, AppError> {
            let connection = Arc::new(Connection::current().await?);
            let clock = Arc::new(connection.clock().await?);
            let jql: Arc<str> = jql.into();
            let searches: Vec<_> = sites
                .into_iter()
                .map(|site| {
                    let (connection, clock, jql) = (
                        Arc::clone(&connection),
                        Arc::clone(&clock),
                        Arc::clone(&jql),
                    );
                    let next = next_page_token.clone();
                    async move {
                        let result =
                            search_site(&connection, &clock, &site, &jql, next.as_deref()).await;
                        SiteResults { site, result }
                    }
                })
                .collect();
            Ok(Self {
                state: tokio::sync::Mutex::new(State {
                    pending: futures::stream::iter(searches)
                        .buffer_unordered(SITES_AT_ONCE)
                        .boxed(),
                    arrived: Vec::new(),
                }),
            })
        }

        /// The `n`-th site to answer (from 0), once it has; `None` when fewer sites were asked.
        pub async fn arrival(&self, n: usize) -> Option<SiteResults> {
            let mut state = self.state.lock().await;
            while state.arrived.len() <= n {
                let answer = state.pending.next().await?;
                state.arrived.push(answer);
            }
            state.arrived.get(n).cloned()
        }
    }

    /// One page of what `jql` finds on `site`; Jira's refusal of the query in its own words.
    async fn search_site(
        connection: &Connection,
        clock: &Clock,
        site: &Site,
        jql: &str,
        next_page_token: Option<&str>,
    ) -> Result<SiteHits, AppError> {
        let atlassian = &connection.state.atlassian;
        let cloud_id = site.cloud_id;
        let page = connection
            .call(|token| async move {
                match atlassian
                    .search(
                        &token,
                        cloud_id,
                        jql,
                        next_page_token,
                        super::RESULTS_PER_SITE,
                    )
                    .await
                {
                    Ok(page) => Ok(Ok(page)),
                    Err(UpstreamError::BadRequest(messages)) => Ok(Err(messages)),
                    Err(other) => Err(other),
                }
            })
            .await;
        let page = page?.map_err(AppError::SearchRefused)?;
        Ok(SiteHits {
            hits: page
                .issues
                .into_iter()
                .filter(|issue| IssueKey::parse(&issue.key).is_some())
                .map(|issue| {
                    let fields = issue.fields;
                    let (status, status_category) =
                        super::super::issues::ssr::status_of(fields.status);
                    SearchHit {
                        key: issue.key,
                        summary: fields.summary.unwrap_or_default(),
                        status,
                        status_category,
                        issue_type: fields.issuetype.map(|t| t.name),
                        assignee: fields.assignee.and_then(|a| a.display_name),
                        updated: fields.updated.as_deref().and_then(|t| clock.jira(t)),
                        updated_secs: fields
                            .updated
                            .as_deref()
                            .and_then(crate::clock::Clock::jira_secs),
                    }
                })
                .collect(),
            next_page_token: page.next_page_token,
        })
    }

    /// The body of [`super::suggest_issues`].
    pub async fn suggest(site: String, query: String) -> Result<Vec<Suggestion>, AppError> {
        let connection = Connection::current().await?;
        let query = query.trim();
        let length = query.chars().count();
        if !(super::MIN_SUGGEST_CHARS..=super::MAX_SUGGEST_CHARS).contains(&length) {
            return Ok(Vec::new());
        }
        connection.state.limits.suggestion(connection.id())?;
        let sites: Vec<Site> = connection
            .sites()
            .await?
            .into_iter()
            .filter(|s| s.is_jira() && (site == ALL_SITES || s.cloud_id.to_string() == site))
            .collect();
        if sites.is_empty() {
            return Err(AppError::SiteNotGranted);
        }
        let atlassian = &connection.state.atlassian;
        let connection = &connection;
        let asks: Vec<_> = sites
            .into_iter()
            .filter(|site| !atlassian.spare(site.cloud_id))
            .map(|site| async move {
                let cloud_id = site.cloud_id;
                let found = connection
                    .call(|token| async move { atlassian.picker(&token, cloud_id, query).await })
                    .await;
                (site, found)
            })
            .collect();
        let answers: Vec<_> = futures::stream::iter(asks)
            .buffer_unordered(SITES_AT_ONCE)
            .collect()
            .await;
        let mut lists = Vec::new();
        let mut failure = None;
        for (site, found) in answers {
            match found {
                Ok(found) => {
                    let mut list: Vec<Suggestion> = Vec::new();
                    for issue in found.sections.into_iter().flat_map(|s| s.issues) {
                        let known = list.iter().any(|known| known.key == issue.key);
                        if !known && IssueKey::parse(&issue.key).is_some() {
                            list.push(Suggestion {
                                cloud_id: site.cloud_id,
                                site_name: site.name.clone(),
                                key: issue.key,
                                summary: issue.summary_text,
                            });
                        }
                    }
                    lists.push(list.into_iter());
                }
                Err(error) => {
                    tracing::info!(%error, cloud_id = %site.cloud_id, "no suggestions from a site");
                    failure.get_or_insert(error);
                }
            }
        }
        if let (true, Some(error)) = (lists.is_empty(), failure) {
            return Err(error);
        }
        let mut suggestions = Vec::new();
        while suggestions.len() < super::MAX_SUGGESTIONS {
            let before = suggestions.len();
            for list in &mut lists {
                suggestions.extend(list.next());
            }
            if suggestions.len() == before {
                break;
            }
        }
        suggestions.truncate(super::MAX_SUGGESTIONS);
        Ok(suggestions)
    }
}
