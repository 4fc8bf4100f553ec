//! One site's "assigned to you" list on the dashboard, an island. Each site's list loads on its own
//! once the island is hydrated, so a slow or failing site holds up neither the page nor the other
//! sites; a failure is said in place, with a way to try again, and "More" pages through Jira's
//! tokens. A list that is the person's copy (from the last few minutes, or the last one when
//! Jira's allowance for the app on the site is spent or nearly) says from when, with a way to
//! refresh it; while the app spares the site's allowance, a list that is not the default site's
//! loads only when asked.

use crate::{
    components::IssueTypeIcon,
    i18n::I18n,
    models::{AsOf, AssignedIssue},
    server::issues::get_assigned,
    t,
};
use leptos::{
    either::{Either, EitherOf5},
    prelude::*,
};
use uuid::Uuid;

crate::island_words! {
    /// The words of [`AssignedIssues`], in the person's language, the site's name already in them.
    pub struct AssignedIssuesWords {
        /// The list's landmark: "Assigned to you on {site}".
        label,
        /// The heading: "Assigned to you".
        title,
        /// Said when scripts are off.
        no_script,
        /// Why the list waits to be asked for.
        on_request,
        /// The button that loads a list that waits.
        show,
        /// That button's accessible name.
        show_label,
        /// While the list loads.
        loading,
        /// An empty list.
        none,
        /// The button after a failure.
        try_again,
        /// The refresh button.
        refresh,
        /// The refresh button's accessible name.
        refresh_label,
        /// From when a recent copy is, `{at}` the time.
        as_of,
        /// From when a copy shown to spare Jira is, `{at}` the time.
        copy_from,
        /// The button for the next page.
        more,
        /// That button while the next page loads.
        loading_more,
        /// Said when the server could not be reached.
        unreachable,
    }
}

impl AssignedIssuesWords {
    /// The words for the site named `site`.
    pub fn new(i18n: &I18n, site: &str) -> Self {
        Self {
            label: t!(i18n, "assigned-on", site = site),
            title: t!(i18n, "dashboard-assigned-title"),
            no_script: t!(i18n, "dashboard-assigned-no-script"),
            on_request: t!(i18n, "dashboard-assigned-on-request", site = site),
            show: t!(i18n, "dashboard-assigned-show"),
            show_label: t!(i18n, "dashboard-assigned-show-label", site = site),
            loading: t!(i18n, "dashboard-assigned-loading"),
            none: t!(i18n, "dashboard-assigned-none"),
            try_again: t!(i18n, "dashboard-assigned-try-again"),
            refresh: t!(i18n, "dashboard-refresh"),
            refresh_label: t!(i18n, "dashboard-assigned-refresh-label", site = site),
            as_of: t!(i18n, "dashboard-assigned-as-of", at = "{at}"),
            copy_from: t!(i18n, "dashboard-assigned-copy-from", at = "{at}"),
            more: t!(i18n, "dashboard-assigned-more"),
            loading_more: t!(i18n, "dashboard-assigned-loading-more"),
            unreachable: t!(i18n, "error-server-fn"),
        }
    }
}

/// Where a list stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Load {
    OnRequest,
    Loading,
    Ready,
    Failed(String),
}

/// The open issues assigned to the person on site `cloud_id`, latest first, ten at a time.
#[island]
pub fn AssignedIssues(
    /// The site's cloud id.
    cloud_id: Uuid,
    /// The words it shows, the site's name in those that tell this list from the other sites'.
    words: AssignedIssuesWords,
    /// Ask Jira rather than show a copy from the last few minutes.
    refresh: bool,
    /// Load only when asked: the app spares its allowance on the site.
    on_request: bool,
) -> impl IntoView {
    let issues = RwSignal::new(Vec::<AssignedIssue>::new());
    let next = RwSignal::new(None::<String>);
    let state = RwSignal::new(if on_request {
        Load::OnRequest
    } else {
        Load::Loading
    });
    let busy = RwSignal::new(!on_request);
    let as_of = RwSignal::new(None::<AsOf>);
    let words = StoredValue::new(words);
    let word =
        move |pick: fn(&AssignedIssuesWords) -> &String| words.with_value(|w| pick(w).clone());
    let without_script = move || {
        view! {
            <noscript>
                <p class="muted small">{word(|w| &w.no_script)}</p>
            </noscript>
        }
    };
    let site = StoredValue::new(cloud_id);

    // The answer can arrive after the person left the page: writes to disposed signals are
    // dropped (try_*), not panics.
    let load = move |token: Option<String>, refresh: bool| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let first = token.is_none();
            match get_assigned(site.get_value(), token, refresh).await {
                Ok(page) => {
                    if first {
                        issues.try_set(page.issues);
                        as_of.try_set(page.as_of);
                    } else {
                        issues.try_update(|list| list.extend(page.issues));
                    }
                    next.try_set(page.next_page_token);
                    state.try_set(Load::Ready);
                }
                Err(error) => {
                    state.try_set(Load::Failed(error.said_or(&word(|w| &w.unreachable))));
                }
            }
            busy.try_set(false);
        });
    };
    if !on_request {
        Effect::new(move |_| load(None, refresh));
    }

    let rows = move || {
        issues
            .get()
            .into_iter()
            .map(|issue| {
                let href = format!("/sites/{}/issues/{}", site.get_value(), issue.key);
                view! {
                    <li class="assigned-row">
                        <a href=href class="assigned-link">
                            {issue.issue_type.map(|name| view! { <IssueTypeIcon name /> })}
                            <span class="mono">{issue.key.clone()}</span>
                            " "
                            <span dir="auto">{issue.summary}</span>
                        </a>
                        <span class=issue.status_category.css_class() dir="auto">{issue.status}</span>
                        {issue
                            .updated
                            .map(|moment| {
                                view! {
                                    <time class="muted small" datetime=moment.iso title=moment.text>
                                        {moment.relative}
                                    </time>
                                }
                            })}
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <section
            class="assigned"
            aria-label=word(|w| &w.label)
            aria-busy=move || busy.get().to_string()>
            <h4>{word(|w| &w.title)}</h4>
            {move || match state.get() {
                Load::OnRequest => {
                    EitherOf5::E(view! {
                        <p class="muted small">{word(|w| &w.on_request)}</p>
                        <button
                            type="button"
                            class="button button--small"
                            aria-label=word(|w| &w.show_label)
                            on:click=move |_| {
                                state.set(Load::Loading);
                                load(None, refresh);
                            }
                        >
                            {word(|w| &w.show)}
                        </button>
                        {without_script()}
                    })
                }
                Load::Loading => {
                    EitherOf5::A(view! {
                        <p class="loading small" role="status">{word(|w| &w.loading)}</p>
                        {without_script()}
                    })
                }
                Load::Ready if issues.with(Vec::is_empty) => {
                    EitherOf5::B(view! { <p class="muted small">{word(|w| &w.none)}</p> })
                }
                Load::Ready => EitherOf5::C(view! { <ul class="assigned-list" role="list">{rows}</ul> }),
                Load::Failed(message) => {
                    EitherOf5::D(view! {
                        <ul class="assigned-list" role="list">{rows}</ul>
                        <p class="notice small" role="alert">{message}</p>
                        <button
                            type="button"
                            class="button"
                            on:click=move |_| {
                                state.set(Load::Loading);
                                load(next.get_untracked(), false);
                            }
                        >
                            {word(|w| &w.try_again)}
                        </button>
                    })
                }
            }}
            {move || {
                as_of
                    .get()
                    .map(|AsOf { at, why }| {
                        let refresh_label = word(|w| &w.refresh_label);
                        let refresh = move || {
                            view! {
                                <button
                                    type="button"
                                    class="button button--small"
                                    aria-label=refresh_label.clone()
                                    disabled=move || busy.get()
                                    on:click=move |_| load(None, true)
                                >
                                    {word(|w| &w.refresh)}
                                </button>
                            }
                        };
                        if why.is_empty() {
                            Either::Left(view! {
                                <p class="muted small as-of">
                                    {word(|w| &w.as_of).replace("{at}", &at)} " " {refresh()}
                                </p>
                            })
                        } else {
                            Either::Right(view! {
                                <p class="notice small" role="status">
                                    {why} " " {word(|w| &w.copy_from).replace("{at}", &at)}
                                </p>
                                {refresh()}
                            })
                        }
                    })
            }}
            {move || {
                (state.get() == Load::Ready && next.with(Option::is_some))
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button"
                                disabled=move || busy.get()
                                on:click=move |_| {
                                    // A copy's next page would be of another moment (and its token
                                    // perhaps expired): the list is asked for anew first.
                                    if as_of.with_untracked(Option::is_some) {
                                        load(None, true);
                                    } else {
                                        load(next.get_untracked(), false);
                                    }
                                }
                            >
                                {move || {
                                    if busy.get() { word(|w| &w.loading_more) } else { word(|w| &w.more) }
                                }}
                            </button>
                        }
                    })
            }}
        </section>
    }
}
