//! `/sites/{cloud_id}/issues/{key}`: one issue, read through Atlassian's API gateway.

use super::sign_in_redirect;
use crate::{
    adf::{file_details, AdfDocument},
    components::{Avatar, ErrorPanel, IssueTypeIcon, When},
    error::AppError,
    i18n::use_i18n,
    models::CommentPageView,
    models::{safe_link, AsOf, IssueCards, IssueView, MediaFiles, Moment, Person},
    return_to::encode_query_value,
    server::issues::{get_comments, get_issue},
    t,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};
use uuid::Uuid;

/// The issue page. Both resources are created here, above the `Suspense` that reads them:
/// re-rendering the issue never creates a new resource (on the server that would keep the
/// `Suspense` from ever resolving). The issue brings its first page of comments, newest first;
/// the comments resource only fetches the other pages and orders (`None`: the issue's page).
#[component]
pub fn IssuePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let location = use_location();
    let target = move || {
        params.with(|p| {
            (
                p.get("cloud_id").and_then(|id| id.parse::<Uuid>().ok()),
                p.get("key").unwrap_or_default(),
            )
        })
    };
    let position = Memo::new(move |_| {
        query.with(|q| CommentPosition {
            newest_first: q.get("comments").as_deref() != Some("oldest"),
            start: q
                .get("start")
                .and_then(|s| s.parse::<u64>().ok())
                .unwrap_or(0),
        })
    });
    // A cloud id is a UUID: any other segment is a page that does not exist, answered before
    // the session or Atlassian is asked anything.
    let issue = Resource::new_blocking(target, |(cloud_id, key)| async move {
        get_issue(cloud_id.ok_or(AppError::PageNotFound)?, key).await
    });
    let comments = Resource::new_blocking(
        move || (target(), position.get()),
        |((cloud_id, key), position)| async move {
            if position == CommentPosition::FIRST {
                return Ok(None);
            }
            let cloud_id = cloud_id.ok_or(AppError::PageNotFound)?;
            get_comments(cloud_id, key, position.start, position.newest_first)
                .await
                .map(Some)
        },
    );

    let content = move || {
        let here = location.pathname.get_untracked();
        Suspend::new(async move {
            match issue.await {
                Ok(issue) => view! { <IssueDetails issue comments position /> }.into_any(),
                Err(error) => sign_in_redirect(&error, &here).unwrap_or_else(|| {
                    view! {
                        <Title text=error.heading(&use_i18n()) />
                        <ErrorPanel error return_to=here />
                    }
                    .into_any()
                }),
            }
        })
    };

    let loading = t!(i18n, "issue-loading");
    view! {
        <Suspense fallback=move || {
            view! {
                <p class="loading" role="status">
                    {loading.clone()}
                </p>
            }
        }>{content}</Suspense>
    }
}

#[component]
fn PersonField(label: String, person: Option<Person>) -> impl IntoView {
    let unassigned = person.is_none().then(|| t!(use_i18n(), "issue-unassigned"));
    view! {
        <div class="meta-item">
            <dt>{label}</dt>
            <dd>
                {match person {
                    Some(person) => {
                        view! {
                            <span class="person" dir="auto">
                                <Avatar url=person.avatar_url name=person.name.clone() size=24 />
                                {person.name}
                            </span>
                        }
                            .into_any()
                    }
                    None => view! { <span class="muted">{unassigned}</span> }.into_any(),
                }}
            </dd>
        </div>
    }
}

#[component]
fn ListField(label: String, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        let separator = t!(use_i18n(), "issue-list-separator");
        let items = items.join(separator.as_str());
        view! {
            <div class="meta-item">
                <dt>{label}</dt>
                <dd dir="auto">{items}</dd>
            </div>
        }
    })
}

#[component]
fn DateField(label: String, date: Option<Moment>) -> impl IntoView {
    date.map(|moment| {
        view! {
            <div class="meta-item">
                <dt>{label}</dt>
                <dd>
                    <When moment />
                </dd>
            </div>
        }
    })
}

#[component]
fn IssueDetails(
    issue: IssueView,
    comments: Resource<Result<Option<CommentPageView>, AppError>>,
    position: Memo<CommentPosition>,
) -> impl IntoView {
    let IssueView {
        key,
        summary,
        status,
        status_category,
        issue_type,
        priority,
        assignee,
        reporter,
        description,
        labels,
        components,
        fix_versions,
        related,
        attachments,
        created,
        updated,
        resolved,
        site,
        browse_url,
        comments: first_page,
        cards,
        as_of,
    } = issue;
    provide_context(MediaFiles::new(site.cloud_id, attachments.clone()));
    provide_context(IssueCards(cards.into()));
    let i18n = use_i18n();
    let cloud_id = site.cloud_id;
    let title = t!(i18n, "issue-title", key = &key, summary = &summary);
    view! {
        <Title text=title />
        <article class="issue" aria-labelledby="issue-summary">
            <nav class="breadcrumbs" aria-label=t!(i18n, "issue-breadcrumb")>
                <a href="/dashboard">{t!(i18n, "issue-breadcrumb-dashboard")}</a>
                " / "
                <span dir="auto">{site.name.clone()}</span>
                " / "
                <span aria-current="page">{key.clone()}</span>
            </nav>
            {as_of
                .map(|AsOf { at, why }| {
                    let here = format!("/sites/{cloud_id}/issues/{key}");
                    let copy_from = t!(i18n, "issue-as-of", at = &at);
                    view! {
                        <p class="notice" role="status" data-testid="as-of">
                            {why} " " {copy_from} " " <a href=here>{t!(i18n, "issue-refresh")}</a>
                        </p>
                    }
                })}
            <header class="issue-header">
                <p class="issue-key">
                    {issue_type
                        .map(|t| {
                            view! {
                                <span class="issue-type" dir="auto">
                                    <IssueTypeIcon name=t.clone() />
                                    {t}
                                </span>
                            }
                        })}
                    <span class="mono">{key.clone()}</span>
                </p>
                <h1 id="issue-summary" dir="auto">{summary}</h1>
                <p>
                    <span class=status_category.css_class() data-testid="issue-status" dir="auto">
                        {status}
                    </span>
                </p>
            </header>
            <dl class="meta">
                <PersonField label=t!(i18n, "issue-assignee") person=assignee />
                <PersonField label=t!(i18n, "issue-reporter") person=reporter />
                <div class="meta-item">
                    <dt>{t!(i18n, "issue-priority")}</dt>
                    <dd dir="auto">{priority.unwrap_or_else(|| t!(i18n, "issue-priority-none"))}</dd>
                </div>
                <div class="meta-item">
                    <dt>{t!(i18n, "issue-site")}</dt>
                    <dd dir="auto">{site.name}</dd>
                </div>
                <ListField label=t!(i18n, "issue-labels") items=labels />
                <ListField label=t!(i18n, "issue-components") items=components />
                <ListField label=t!(i18n, "issue-fix-versions") items=fix_versions />
                <DateField label=t!(i18n, "issue-created") date=created />
                <DateField label=t!(i18n, "issue-updated") date=updated />
                <DateField label=t!(i18n, "issue-resolved") date=resolved />
            </dl>
            <section class="description" aria-labelledby="description-title">
                <h2 id="description-title">{t!(i18n, "issue-description")}</h2>
                {match description {
                    Some(document) => view! { <AdfDocument document /> }.into_any(),
                    None => {
                        view! { <p class="muted">{t!(i18n, "issue-no-description")}</p> }
                            .into_any()
                    }
                }}
            </section>
            {(!related.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="related-title">
                            <h2 id="related-title">{t!(i18n, "issue-related")}</h2>
                            <ul class="related" role="list">
                                {related
                                    .into_iter()
                                    .map(|r| {
                                        let href = format!(
                                            "/sites/{}/issues/{}",
                                            cloud_id,
                                            encode_query_value(&r.key),
                                        );
                                        view! {
                                            <li>
                                                <span class="muted" dir="auto">{r.relation}</span>
                                                " "
                                                <a href=href>{r.key}</a>
                                                " "
                                                <span dir="auto">{r.summary}</span>
                                                " "
                                                <span class=r.status_category.css_class() dir="auto">
                                                    {r.status}
                                                </span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
            {(!attachments.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="attachments-title">
                            <h2 id="attachments-title">{t!(i18n, "issue-attachments")}</h2>
                            <ul class="attachments" role="list">
                                {attachments
                                    .into_iter()
                                    .map(|a| {
                                        let details = file_details(&i18n, &a);
                                        let by = match (&a.author, &a.created) {
                                            (Some(author), Some(when)) => {
                                                t!(i18n, "issue-attachment-by", author = author, date = &when.date)
                                            }
                                            (Some(author), None) => author.clone(),
                                            (None, Some(when)) => when.date.clone(),
                                            (None, None) => String::new(),
                                        };
                                        let href = a.href(cloud_id);
                                        let preview = href
                                            .clone()
                                            .filter(|_| a.previewable)
                                            .map(|href| {
                                                view! {
                                                    <img
                                                        class="attachment-thumbnail"
                                                        src=format!("{href}/thumbnail")
                                                        alt=""
                                                        width="64"
                                                        height="64"
                                                        loading="lazy"
                                                        decoding="async"
                                                    />
                                                }
                                            });
                                        let name = match href {
                                            Some(href) => {
                                                view! {
                                                    <a class="attachment-name" href=href dir="auto">
                                                        {a.filename.clone()}
                                                    </a>
                                                }
                                                    .into_any()
                                            }
                                            None => {
                                                view! { <span class="attachment-name" dir="auto">{a.filename.clone()}</span> }
                                                    .into_any()
                                            }
                                        };
                                        view! {
                                            <li class="attachment">
                                                {preview}
                                                <span class="attachment-text">
                                                    {name}
                                                    <span class="muted small">{details}</span>
                                                    <span class="muted small">{by}</span>
                                                </span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
            <Comments first_page comments position />
            {safe_link(&browse_url)
                .map(|url| {
                    view! {
                        <p>
                            <a
                                class="button button--primary"
                                href=url.to_owned()
                                rel="external noopener noreferrer"
                            >
                                {t!(i18n, "issue-open-in-jira")}
                            </a>
                        </p>
                    }
                })}
        </article>
    }
}

/// Where the reader is in the comments: the order, and the first comment shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct CommentPosition {
    newest_first: bool,
    start: u64,
}

impl CommentPosition {
    /// Where the page opens: the newest comments.
    const FIRST: Self = Self {
        newest_first: true,
        start: 0,
    };
}

/// The comments of an issue: newest or oldest first, a page at a time, starting from
/// `first_page`, which came with the issue. Plain links carry the order and position in the
/// query: each page of comments is a page the server renders.
#[component]
fn Comments(
    first_page: CommentPageView,
    comments: Resource<Result<Option<CommentPageView>, AppError>>,
    position: Memo<CommentPosition>,
) -> impl IntoView {
    let i18n = use_i18n();
    let failed = i18n.clone();
    let page = move || {
        let first_page = first_page.clone();
        let i18n = failed.clone();
        Suspend::new(async move {
            match comments.await {
                Ok(page) => {
                    let page = page.unwrap_or(first_page);
                    let newest_first = position.get_untracked().newest_first;
                    view! { <CommentList page newest_first /> }.into_any()
                }
                Err(error) => {
                    let error = error.message(&i18n);
                    view! {
                        <p class="notice" role="status">
                            {t!(i18n, "issue-comments-failed", error = &error)}
                        </p>
                    }
                    .into_any()
                }
            }
        })
    };
    let loading = t!(i18n, "issue-comments-loading");
    let fallback = move || view! { <p class="loading" role="status">{loading.clone()}</p> };
    view! {
        <section class="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{t!(i18n, "issue-comments")}</h2>
            <Suspense fallback>{page}</Suspense>
        </section>
    }
}

#[component]
fn CommentList(page: CommentPageView, newest_first: bool) -> impl IntoView {
    let CommentPageView {
        comments,
        start_at,
        total,
        page_size,
        cards,
    } = page;
    if !cards.is_empty() {
        let known = use_context::<IssueCards>().unwrap_or_default();
        provide_context(IssueCards(known.0.iter().cloned().chain(cards).collect()));
    }
    let i18n = use_i18n();
    if total == 0 {
        return view! { <p class="muted">{t!(i18n, "issue-comments-none")}</p> }.into_any();
    }
    let order = if newest_first { "newest" } else { "oldest" };
    let link = move |order: &str, start: u64| format!("?comments={order}&start={start}");
    let first = start_at + 1;
    let last = (start_at + comments.len() as u64).min(total);
    let earlier = (start_at > 0).then(|| link(order, start_at.saturating_sub(page_size)));
    let later = (start_at + page_size < total).then(|| link(order, start_at + page_size));
    let range = t!(
        i18n,
        "issue-comments-range",
        first = first,
        last = last,
        total = total
    );
    let (earlier_text, later_text) = if newest_first {
        (
            t!(i18n, "issue-comments-newer"),
            t!(i18n, "issue-comments-older"),
        )
    } else {
        (
            t!(i18n, "issue-comments-earlier"),
            t!(i18n, "issue-comments-later"),
        )
    };
    view! {
        <nav class="comment-controls" aria-label=t!(i18n, "issue-comments-order")>
            <a href=link("newest", 0) aria-current=newest_first.then_some("true")>
                {t!(i18n, "issue-comments-newest-first")}
            </a>
            " · "
            <a href=link("oldest", 0) aria-current=(!newest_first).then_some("true")>
                {t!(i18n, "issue-comments-oldest-first")}
            </a>
            <span class="muted small">{format!(" — {range}")}</span>
        </nav>
        <ol class="comment-list" role="list">
            {comments
                .into_iter()
                .map(|comment| {
                    view! {
                        <li class="comment" id=format!("comment-{}", comment.id)>
                            <p class="comment__meta">
                                <span class="person">
                                    <Avatar url=comment.author.avatar_url.clone() name=comment.author.name.clone() size=24 />
                                    <strong dir="auto">{comment.author.name.clone()}</strong>
                                </span>
                                " "
                                <span class="small">{comment.created.map(|moment| view! { <When moment /> })}</span>
                            </p>
                            {comment.body.map(|document| view! { <AdfDocument document /> })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <nav class="comment-controls" aria-label=t!(i18n, "issue-comments-pages")>
            {earlier.map(|href| view! { <a href=href>{earlier_text}</a> })}
            {later.map(|href| view! { <a href=href>{later_text}</a> })}
        </nav>
    }
    .into_any()
}
