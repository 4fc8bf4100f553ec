//! The issue viewer's data: one issue on one of the person's sites.

use crate::{error::AppError, models::IssueView};
use leptos::prelude::*;
use uuid::Uuid;

/// Reads issue `key` from site `cloud_id`, with its first page of comments (newest first); the
/// site must be one the person granted. One upstream call: the comments come embedded in the
/// issue, unless Jira sent only some of them.
#[server(endpoint = "issue")]
pub async fn get_issue(cloud_id: Uuid, key: String) -> Result<IssueView, AppError> {
    super::answer(
        Box::pin(async move {
            use super::copies::view_key;
            let (connection, key, site) = ssr::open_issue(cloud_id, key).await?;
            let view = view_key(connection.id(), cloud_id, Some(key.as_str()));
            let read = async {
                let fresh = ssr::fresh_issue(&connection, &key, site).await;
                let copies = &connection.state.copies.issues;
                ssr::or_last_copy(&connection, copies, Some(view.clone()), fresh).await
            };
            let issue = connection
                .state
                .flights
                .issues
                .join(view.clone(), crate::i18n::use_i18n().locale(), read)
                .await?;
            let recent = crate::models::RecentIssue {
                cloud_id,
                site_name: issue.site.name.clone(),
                key: issue.key.clone(),
                summary: issue.summary.clone(),
                status: issue.status.clone(),
                status_category: issue.status_category,
            };
            if let Err(error) = connection.session.viewed(recent).await {
                tracing::warn!(%error, "the issue was not added to the recently viewed");
            }
            Ok(issue)
        })
        .await,
    )
}

/// Comments shown per page.
pub const COMMENTS_PER_PAGE: u64 = 10;

/// One page of the comments of issue `key` on site `cloud_id`, newest or oldest first.
#[server(endpoint = "comments")]
pub async fn get_comments(
    cloud_id: Uuid,
    key: String,
    start_at: u64,
    newest_first: bool,
) -> Result<crate::models::CommentPageView, AppError> {
    super::answer(
        Box::pin(async move {
            let (connection, key, site) = ssr::open_issue(cloud_id, key).await?;
            let atlassian = &connection.state.atlassian;
            let (cloud_id, key_text) = (site.cloud_id, key.as_str());
            let (page, clock) = tokio::join!(
                connection.call(|token| async move {
                    atlassian
                        .comments(
                            &token,
                            cloud_id,
                            key_text,
                            start_at,
                            COMMENTS_PER_PAGE,
                            newest_first,
                        )
                        .await
                }),
                connection.clock()
            );
            let page = page.map_err(ssr::not_found_as(&key))?;
            let mut card_urls = Vec::new();
            for comment in &page.comments {
                if let Some(body) = &comment.body {
                    ssr::add_urls(&mut card_urls, &ssr::facts(&connection, body).card_urls);
                }
            }
            let mut view = ssr::comment_page_view(page, &clock?);
            view.cards = ssr::resolve_cards(&connection, card_urls).await;
            Ok(view)
        })
        .await,
    )
}

/// Issues per page of the dashboard's "assigned to you" lists.
pub const ASSIGNED_PER_PAGE: u32 = 10;

/// One page of the open issues assigned to the person on site `cloud_id`, most recently updated
/// first; `next_page_token` continues a previous page. The first page is the person's copy from
/// the last few minutes (longer while the app spares its allowance on the site; the reason given
/// when it is nearly spent) unless `refresh`; once the allowance is spent, their last copy, if
/// any.
#[server(endpoint = "assigned")]
pub async fn get_assigned(
    cloud_id: Uuid,
    next_page_token: Option<String>,
    #[server(default)] refresh: bool,
) -> Result<crate::models::AssignedPage, AppError> {
    super::answer(ssr::assigned(cloud_id, next_page_token, refresh).await)
}

#[cfg(feature = "ssr")]
pub(super) mod ssr {
    use super::super::{
        connection::Connection,
        copies::{view_key, Copyable, Kept, Shelf, ViewKey},
    };
    use crate::{
        atlassian::models::{CommentPage, Issue, IssueRef, Status, User},
        models::{
            AttachmentInfo, CommentPageView, IssueCard, IssueView, Person, RelatedIssue, Site,
            StatusCategory,
        },
    };
    use crate::{clock::Clock, error::AppError, i18n::use_i18n, issue_key::IssueKey};
    use uuid::Uuid;

    /// The most issue links one page resolves.
    const MAX_CARDS: usize = 50;
    /// The most of them asked for one by one when Jira refuses the batch (a key in it that does
    /// not exist, or is not visible).
    const MAX_CARDS_ONE_BY_ONE: usize = 10;

    /// Adds the URLs of the `inlineCard` and `blockCard` nodes in an ADF tree to `out`.
    pub fn card_urls(node: &serde_json::Value, out: &mut Vec<String>) {
        if matches!(
            node.get("type").and_then(serde_json::Value::as_str),
            Some("inlineCard" | "blockCard")
        ) {
            if let Some(url) = node
                .pointer("/attrs/url")
                .and_then(serde_json::Value::as_str)
            {
                if !out.iter().any(|known| known == url) {
                    out.push(url.to_owned());
                }
            }
        }
        for child in node
            .get("content")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
        {
            card_urls(child, out);
        }
    }

    /// The issue a link names when it is exactly `https://{site}/browse/{KEY}` to one of `sites`
    /// (the lookup form's parser, which also takes what people paste, with a query or a slash).
    fn browse_target(url: &str, sites: &[Site]) -> Option<(Uuid, IssueKey)> {
        if !url.starts_with("https://") || url.contains(['?', '#']) || url.ends_with('/') {
            return None;
        }
        let reference = crate::issue_key::IssueReference::parse(url)?;
        let site = crate::issue_key::site_at(sites, reference.host.as_deref()?)?;
        Some((site.cloud_id, reference.key))
    }

    /// Resolves links to issues on the person's sites: one enhanced search per site for all of
    /// a page's links to it; if Jira refuses it (a key that is gone), the first few one by one.
    /// A link that cannot be resolved stays a plain link.
    pub async fn resolve_cards(connection: &Connection, urls: Vec<String>) -> Vec<IssueCard> {
        if urls.is_empty() {
            return Vec::new();
        }
        let Ok(sites) = connection.sites().await else {
            return Vec::new();
        };
        let targets: Vec<(String, Uuid, IssueKey)> = urls
            .into_iter()
            .filter_map(|url| browse_target(&url, &sites).map(|(site, key)| (url, site, key)))
            .take(MAX_CARDS)
            .collect();
        let per_site = super::super::keys_by_site(
            targets
                .iter()
                .map(|(_, site, key)| (*site, key.as_str().to_owned())),
        );
        let atlassian = &connection.state.atlassian;
        let answers =
            futures::future::join_all(per_site.into_iter().map(|(site, keys)| async move {
                let found = connection
                    .call(|token| {
                        let keys = &keys;
                        async move {
                            atlassian
                                .linked_issues(&token, site, keys, MAX_CARDS_ONE_BY_ONE)
                                .await
                        }
                    })
                    .await
                    .unwrap_or_else(|error| {
                        tracing::warn!(%error, "issue links left unresolved");
                        Vec::new()
                    });
                let found: Vec<(String, String, (String, StatusCategory))> = found
                    .into_iter()
                    .map(|issue| {
                        let (summary, status) = match issue.fields {
                            Some(fields) => (fields.summary.unwrap_or_default(), fields.status),
                            None => (String::new(), None),
                        };
                        (issue.key, summary, status_of(status))
                    })
                    .collect();
                (site, found)
            }))
            .await;
        targets
            .into_iter()
            .filter_map(|(url, site, key)| {
                let (_, found) = answers.iter().find(|(id, _)| *id == site)?;
                let (found_key, summary, (status, status_category)) = found
                    .iter()
                    .find(|(found_key, _, _)| found_key.eq_ignore_ascii_case(key.as_str()))?;
                Some(IssueCard {
                    url,
                    cloud_id: site,
                    key: found_key.clone(),
                    summary: summary.clone(),
                    status: status.clone(),
                    status_category: *status_category,
                })
            })
            .collect()
    }

    /// What the page needs to know of a document (its cards' URLs, whether it names files),
    /// read from its tree once per instance ([`crate::fragments::Fragments::facts`]).
    pub fn facts(
        connection: &Connection,
        document: &crate::models::Adf,
    ) -> std::sync::Arc<crate::fragments::Facts> {
        connection.state.fragments.facts(document, |tree| {
            let mut card_urls = Vec::new();
            self::card_urls(tree, &mut card_urls);
            crate::fragments::Facts {
                card_urls,
                names_files: names_files(tree),
            }
        })
    }

    /// Adds `urls` to `out`, each once.
    pub fn add_urls(out: &mut Vec<String>, urls: &[String]) {
        for url in urls {
            if !out.contains(url) {
                out.push(url.clone());
            }
        }
    }

    /// Whether an ADF tree has a `media` node that names a file (not an external image).
    pub fn names_files(node: &serde_json::Value) -> bool {
        let is_file = matches!(
            node.get("type").and_then(serde_json::Value::as_str),
            Some("media" | "mediaInline")
        ) && node
            .pointer("/attrs/type")
            .and_then(serde_json::Value::as_str)
            != Some("external");
        is_file
            || node
                .get("content")
                .and_then(serde_json::Value::as_array)
                .is_some_and(|children| children.iter().any(names_files))
    }

    /// Issue `key` on `site` as Jira shows it now, with its first page of comments, media ids
    /// and resolved cards.
    pub async fn fresh_issue(
        connection: &Connection,
        key: &IssueKey,
        site: Site,
    ) -> Result<IssueView, AppError> {
        let atlassian = &connection.state.atlassian;
        let (cloud_id, key_text) = (site.cloud_id, key.as_str());
        let (issue, clock) = tokio::join!(
            connection
                .call(|token| async move { atlassian.issue(&token, cloud_id, key_text).await }),
            connection.clock()
        );
        let (mut issue, clock) = (issue.map_err(not_found_as(key))?, clock?);
        let first_page = match newest_page(issue.fields.comment.take()) {
            Some(page) => page,
            None => connection
                .call(|token| async move {
                    atlassian
                        .comments(
                            &token,
                            cloud_id,
                            key_text,
                            0,
                            super::COMMENTS_PER_PAGE,
                            true,
                        )
                        .await
                })
                .await
                .map_err(not_found_as(key))?,
        };
        let documents = issue
            .fields
            .description
            .iter()
            .chain(first_page.comments.iter().filter_map(|c| c.body.as_ref()));
        let mut links = Vec::new();
        let mut media_named = false;
        for document in documents {
            let read = facts(connection, document);
            add_urls(&mut links, &read.card_urls);
            media_named |= read.names_files;
        }
        let comments = comment_page_view(first_page, &clock);
        let mut view = issue_view(issue, site, comments, &clock);
        let files = async {
            if media_named {
                look_up_files(connection, cloud_id, &mut view.attachments).await;
            }
        };
        let (_, cards) = tokio::join!(files, resolve_cards(connection, links));
        view.cards = cards;
        Ok(view)
    }

    /// `fresh`, kept as `view`'s copy (when there is a `view` to keep it under); or, when Jira's
    /// allowance for the app on the site is spent, the person's last copy, marked.
    pub async fn or_last_copy<T: Copyable>(
        connection: &Connection,
        copies: &Shelf<T>,
        view: Option<ViewKey>,
        fresh: Result<T, AppError>,
    ) -> Result<T, AppError> {
        match fresh {
            Ok(fresh) => {
                if let Some(view) = view {
                    copies.keep(view, &fresh, use_i18n().lang());
                }
                Ok(fresh)
            }
            Err(spent @ AppError::QuotaSpent { .. }) => {
                match view.and_then(|view| copies.get(&view)) {
                    Some(kept) => {
                        let why = spent.message(&use_i18n());
                        marked(connection, &kept, why).await
                    }
                    None => Err(spent),
                }
            }
            Err(other) => Err(other),
        }
    }

    /// A copy marked with why it is shown (in the person's language) and from when, its dates
    /// written as the person reads them now.
    pub async fn marked<T: Copyable>(
        connection: &Connection,
        kept: &Kept<T>,
        why: String,
    ) -> Result<T, AppError> {
        let clock = connection.clock().await?;
        let mut view = kept.view.clone();
        view.restate(&clock);
        view.set_as_of(Some(crate::models::AsOf {
            at: clock.time_of_day(kept.at()),
            why,
        }));
        Ok(view)
    }

    /// The most attachments whose media ids one issue view looks up, and how many at once.
    const MAX_FILE_LOOKUPS: usize = 50;
    const FILE_LOOKUPS_AT_ONCE: usize = 6;

    /// Finds the Media Services file id of each attachment (a few at a time, each answer kept),
    /// so that `media` nodes show the right file. One that cannot be found is left without; the
    /// page falls back to the file name.
    pub async fn look_up_files(
        connection: &Connection,
        cloud_id: Uuid,
        attachments: &mut [crate::models::AttachmentInfo],
    ) {
        use futures::StreamExt;
        let atlassian = &connection.state.atlassian;
        let ids: Vec<Option<u64>> = attachments
            .iter()
            .take(MAX_FILE_LOOKUPS)
            .map(|attachment| attachment.id)
            .collect();
        let lookups = ids.into_iter().map(|id| async move {
            let id = id?;
            connection
                .call(
                    |token| async move { atlassian.attachment_file_id(&token, cloud_id, id).await },
                )
                .await
                .inspect_err(|error| tracing::warn!(%error, "no media id for an attachment"))
                .ok()
                .flatten()
        });
        let found: Vec<Option<Uuid>> = futures::stream::iter(lookups)
            .buffered(FILE_LOOKUPS_AT_ONCE)
            .collect()
            .await;
        for (attachment, file_id) in attachments.iter_mut().zip(found) {
            attachment.file_id = file_id;
        }
    }

    /// How every issue server function starts: the signed-in connection, the key parsed (400
    /// otherwise) and the site, which must be one the person granted (404 otherwise).
    pub async fn open_issue(
        cloud_id: Uuid,
        key: String,
    ) -> Result<(Connection, IssueKey, Site), AppError> {
        let connection = Connection::current().await?;
        let key = IssueKey::parse(&key).ok_or(AppError::InvalidIssueKey(key))?;
        let site = connection
            .sites()
            .await?
            .into_iter()
            .find(|site| site.cloud_id == cloud_id)
            .ok_or(AppError::SiteNotGranted)?;
        Ok((connection, key, site))
    }

    /// The body of [`super::get_assigned`].
    pub async fn assigned(
        cloud_id: Uuid,
        next_page_token: Option<String>,
        refresh: bool,
    ) -> Result<crate::models::AssignedPage, AppError> {
        use super::super::copies::list_reuse_secs;

        let connection = Connection::current().await?;
        let site = connection
            .sites()
            .await?
            .into_iter()
            .find(|site| site.cloud_id == cloud_id && site.is_jira())
            .ok_or(AppError::SiteNotGranted)?;
        let copies = &connection.state.copies.lists;
        let first = next_page_token
            .is_none()
            .then(|| view_key(connection.id(), cloud_id, None));
        let kept = first.as_ref().and_then(|view| copies.get(view));
        let atlassian = &connection.state.atlassian;
        let spare = atlassian.spare(cloud_id);
        let reuse_for = list_reuse_secs(atlassian.window_secs(cloud_id), spare);
        // Reused only in the language it was read in (its dates are written again when shown);
        // once the allowance is spent, a copy in another is still better than none.
        let lang = use_i18n().lang();
        if let Some(kept) = kept.filter(|kept| {
            !refresh
                && kept.lang == lang
                && atlassian.respects_limits()
                && !atlassian.quota_spent(cloud_id)
                && crate::clock::now() < kept.at().saturating_add(reuse_for)
        }) {
            let i18n = use_i18n();
            let (unit, count) = if reuse_for >= 120 {
                ("minutes", reuse_for / 60)
            } else {
                ("seconds", reuse_for)
            };
            let duration = crate::t!(i18n, "dashboard-spare-duration", unit = unit, count = count);
            let why = if !spare {
                String::new()
            } else if atlassian.near_limit(cloud_id) {
                crate::t!(
                    i18n,
                    "dashboard-spare-near-limit",
                    site = &site.name,
                    duration = &duration
                )
            } else {
                crate::t!(
                    i18n,
                    "dashboard-spare-busy",
                    site = &site.name,
                    duration = &duration
                )
            };
            return marked(&connection, &kept, why).await;
        }
        match first {
            Some(view) => {
                let read = async {
                    let fresh = fresh_assigned(&connection, &site, None).await;
                    or_last_copy(&connection, copies, Some(view.clone()), fresh).await
                };
                connection
                    .state
                    .flights
                    .lists
                    .join(view.clone(), use_i18n().locale(), read)
                    .await
            }
            None => fresh_assigned(&connection, &site, next_page_token).await,
        }
    }

    /// One page of the list of `site` as Jira shows it now.
    async fn fresh_assigned(
        connection: &Connection,
        site: &Site,
        next_page_token: Option<String>,
    ) -> Result<crate::models::AssignedPage, AppError> {
        use crate::models::{AssignedIssue, AssignedPage};

        let atlassian = &connection.state.atlassian;
        let (cloud_id, token) = (site.cloud_id, next_page_token.as_deref());
        let (page, clock) = tokio::join!(
            connection.call(|access| async move {
                atlassian
                    .assigned_to_me(&access, cloud_id, token, super::ASSIGNED_PER_PAGE)
                    .await
            }),
            connection.clock()
        );
        let (page, clock) = (page?, clock?);
        Ok(AssignedPage {
            issues: page
                .issues
                .into_iter()
                .map(|issue| {
                    let fields = issue.fields;
                    let (status, status_category) = status_of(fields.status);
                    AssignedIssue {
                        key: issue.key,
                        summary: fields.summary.unwrap_or_default(),
                        status,
                        status_category,
                        issue_type: fields.issuetype.map(|t| t.name),
                        priority: fields.priority.map(|p| p.name),
                        updated: fields.updated.as_deref().and_then(|t| clock.jira(t)),
                    }
                })
                .collect(),
            next_page_token: page.next_page_token,
            as_of: None,
        })
    }

    /// Jira's 404 for this issue: not found, or hidden from the person (Jira can't say which).
    pub fn not_found_as(key: &IssueKey) -> impl Fn(AppError) -> AppError + '_ {
        move |error| match error {
            AppError::PageNotFound => AppError::IssueNotFound(key.to_string()),
            other => other,
        }
    }

    /// A status's name and category ("Unknown", in the person's language, when Jira sent none).
    pub fn status_of(status: Option<Status>) -> (String, StatusCategory) {
        let unknown = || {
            (
                crate::t!(use_i18n(), "issue-status-unknown"),
                StatusCategory::Other,
            )
        };
        status.map_or_else(unknown, |s| {
            let category = s
                .status_category
                .map_or(StatusCategory::Other, |c| StatusCategory::from_key(&c.key));
            (s.name, category)
        })
    }

    fn related(relation: &str, issue: IssueRef) -> RelatedIssue {
        let fields = issue.fields;
        let (summary, status) = match fields {
            Some(f) => (f.summary.unwrap_or_default(), f.status),
            None => (String::new(), None),
        };
        let (status, status_category) = status_of(status);
        RelatedIssue {
            relation: relation.to_owned(),
            key: issue.key,
            summary,
            status,
            status_category,
        }
    }

    fn person(user: User) -> Person {
        Person {
            name: user
                .display_name
                .unwrap_or_else(|| crate::t!(use_i18n(), "issue-person-unknown")),
            avatar_url: user.avatar_urls.and_then(|urls| urls.large),
        }
    }

    /// The first page, newest first, of the comments Jira embedded in an issue (oldest first);
    /// `None` when it sent only some of them, or none at all.
    pub fn newest_page(embedded: Option<CommentPage>) -> Option<CommentPage> {
        let mut page = embedded?;
        if page.start_at != 0 || page.comments.len() as u64 != page.total {
            return None;
        }
        page.comments.reverse();
        page.comments.truncate(super::COMMENTS_PER_PAGE as usize);
        Some(page)
    }

    /// Maps a page of Jira comments to what the page shows.
    pub fn comment_page_view(page: CommentPage, clock: &Clock) -> CommentPageView {
        CommentPageView {
            start_at: page.start_at,
            total: page.total,
            page_size: super::COMMENTS_PER_PAGE,
            comments: page
                .comments
                .into_iter()
                .map(|comment| comment_view(comment, clock))
                .collect(),
            cards: Vec::new(),
        }
    }

    /// Maps a Jira comment to what the page shows.
    fn comment_view(
        comment: crate::atlassian::models::Comment,
        clock: &Clock,
    ) -> crate::models::CommentView {
        crate::models::CommentView {
            id: comment.id,
            author: comment.author.map_or_else(
                || Person {
                    name: crate::t!(use_i18n(), "issue-person-former"),
                    avatar_url: None,
                },
                person,
            ),
            created: comment.created.as_deref().and_then(|t| clock.jira(t)),
            body: comment.body.filter(|b| !b.is_null()),
        }
    }

    /// Maps Jira's issue to what the page shows.
    pub fn issue_view(
        issue: Issue,
        site: Site,
        comments: CommentPageView,
        clock: &Clock,
    ) -> IssueView {
        let fields = issue.fields;
        let (status, status_category) = status_of(fields.status);
        let i18n = use_i18n();
        let mut related_issues: Vec<RelatedIssue> = fields
            .parent
            .map(|parent| related(&crate::t!(i18n, "issue-relation-parent"), parent))
            .into_iter()
            .collect();
        let subtask = crate::t!(i18n, "issue-relation-subtask");
        related_issues.extend(fields.subtasks.into_iter().map(|s| related(&subtask, s)));
        for link in fields.issuelinks {
            if let Some(other) = link.outward_issue {
                related_issues.push(related(&link.link_type.outward, other));
            }
            if let Some(other) = link.inward_issue {
                related_issues.push(related(&link.link_type.inward, other));
            }
        }
        let browse_url = format!("{}/browse/{}", site.url.trim_end_matches('/'), issue.key);
        IssueView {
            key: issue.key,
            summary: fields.summary.unwrap_or_default(),
            status,
            status_category,
            issue_type: fields.issuetype.map(|t| t.name),
            priority: fields.priority.map(|p| p.name),
            assignee: fields.assignee.map(person),
            reporter: fields.reporter.map(person),
            description: fields.description.filter(|d| !d.is_null()),
            labels: fields.labels,
            components: fields.components.into_iter().map(|c| c.name).collect(),
            fix_versions: fields.fix_versions.into_iter().map(|v| v.name).collect(),
            related: related_issues,
            cards: Vec::new(),
            attachments: fields
                .attachment
                .into_iter()
                .map(|a| AttachmentInfo {
                    id: a.id.parse().ok(),
                    file_id: None,
                    previewable: a.thumbnail.is_some()
                        && a.mime_type.as_deref().is_some_and(|kind| {
                            matches!(
                                kind,
                                "image/png" | "image/jpeg" | "image/gif" | "image/webp"
                            )
                        }),
                    author: a.author.map(|author| person(author).name),
                    created: a.created.as_deref().and_then(|t| clock.jira(t)),
                    filename: a.filename,
                    size: a.size,
                    mime_type: a.mime_type,
                })
                .collect(),
            created: fields.created.as_deref().and_then(|t| clock.jira(t)),
            updated: fields.updated.as_deref().and_then(|t| clock.jira(t)),
            resolved: fields.resolutiondate.as_deref().and_then(|t| clock.jira(t)),
            site,
            browse_url,
            comments,
            as_of: None,
        }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::ssr::newest_page;
    use crate::atlassian::models::CommentPage;
    use serde_json::json;

    fn embedded(ids: std::ops::Range<u64>, total: u64) -> CommentPage {
        let comments: Vec<_> = ids.map(|id| json!({ "id": id.to_string() })).collect();
        serde_json::from_value(json!({ "comments": comments, "startAt": 0, "total": total }))
            .unwrap()
    }

    fn ids(page: &CommentPage) -> Vec<&str> {
        page.comments.iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn the_newest_ten_of_all_embedded_comments_come_first() {
        let page = newest_page(Some(embedded(1..26, 25))).unwrap();
        assert_eq!(
            ids(&page),
            ["25", "24", "23", "22", "21", "20", "19", "18", "17", "16"]
        );
        assert_eq!((page.start_at, page.total), (0, 25));
        assert_eq!(
            ids(&newest_page(Some(embedded(1..3, 2))).unwrap()),
            ["2", "1"]
        );
        assert!(newest_page(Some(embedded(0..0, 0)))
            .unwrap()
            .comments
            .is_empty());
    }

    #[test]
    fn some_or_no_embedded_comments_mean_asking_for_the_page() {
        assert!(newest_page(Some(embedded(1..21, 48))).is_none());
        assert!(newest_page(None).is_none());
    }
}
