//! One site's "assigned to you" list on the dashboard, an island. Each site's list loads on its own
//! once the island is hydrated, so a slow or failing site holds up neither the page nor the other
//! sites; a failure is said in place, with a way to try again, and "More" pages through Jira's
//! tokens. A list that is the person's last copy (Jira's allowance for the app on the site is
//! spent, or nearly) says from when, with a way to refresh it.

use crate::{
    components::IssueTypeIcon,
    models::{AsOf, AssignedIssue},
    server::issues::get_assigned,
};
use leptos::{either::EitherOf4, prelude::*};
use uuid::Uuid;

/// Where a list stands.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Load {
    Loading,
    Ready,
    Failed(String),
}

/// The open issues assigned to the person on site `cloud_id`, latest first, ten at a time.
#[island]
pub fn AssignedIssues(
    /// The site's cloud id.
    cloud_id: Uuid,
    /// The site's name, to tell this list's landmark from the other sites'.
    site_name: String,
) -> impl IntoView {
    let issues = RwSignal::new(Vec::<AssignedIssue>::new());
    let next = RwSignal::new(None::<String>);
    let state = RwSignal::new(Load::Loading);
    let busy = RwSignal::new(true);
    let as_of = RwSignal::new(None::<AsOf>);
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
                    state.try_set(Load::Failed(error.to_string()));
                }
            }
            busy.try_set(false);
        });
    };
    Effect::new(move |_| load(None, false));

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
                            <span>{issue.summary}</span>
                        </a>
                        <span class=issue.status_category.css_class()>{issue.status}</span>
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
            aria-label=format!("Assigned to you on {site_name}")
            aria-busy=move || busy.get().to_string()>
            <h4>"Assigned to you"</h4>
            {move || match state.get() {
                Load::Loading => {
                    EitherOf4::A(view! {
                        <p class="loading small" role="status">"Loading the issues assigned to you…"</p>
                        <noscript>
                            <p class="muted small">"Turn on JavaScript to see the issues assigned to you here."</p>
                        </noscript>
                    })
                }
                Load::Ready if issues.with(Vec::is_empty) => {
                    EitherOf4::B(view! { <p class="muted small">"Nothing open is assigned to you here."</p> })
                }
                Load::Ready => EitherOf4::C(view! { <ul class="assigned-list" role="list">{rows}</ul> }),
                Load::Failed(message) => {
                    EitherOf4::D(view! {
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
                            "Try again"
                        </button>
                    })
                }
            }}
            {move || {
                as_of
                    .get()
                    .map(|AsOf { at, why }| {
                        view! {
                            <p class="notice small" role="status">
                                {why} " Showing your copy from " {at} "."
                            </p>
                            <button
                                type="button"
                                class="button"
                                disabled=move || busy.get()
                                on:click=move |_| load(None, true)
                            >
                                "Refresh"
                            </button>
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
                                on:click=move |_| load(next.get_untracked(), false)
                            >
                                {move || if busy.get() { "Loading…" } else { "More" }}
                            </button>
                        }
                    })
            }}
        </section>
    }
}
