//! One site's "assigned to you" list on the dashboard, an island. Each site's list loads on its own
//! once the island is hydrated, so a slow or failing site holds up neither the page nor the other
//! sites; a failure is said in place, with a way to try again, and "More" pages through Jira's
//! tokens. A list that is the person's copy (from the last few minutes, or the last one when
//! Jira's allowance for the app on the site is spent or nearly) says from when, with a way to
//! refresh it; while the app spares the site's allowance, a list that is not the default site's
//! loads only when asked.

use crate::{
    components::IssueTypeIcon,
    models::{AsOf, AssignedIssue},
    server::issues::get_assigned,
};
use leptos::{
    either::{Either, EitherOf5},
    prelude::*,
};
use uuid::Uuid;

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
    /// The site's name, to tell this list's landmark from the other sites'.
    site_name: String,
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
    let name = StoredValue::new(site_name);
    let without_script = || {
        view! {
            <noscript>
                <p class="muted small">"Turn on JavaScript to see the issues assigned to you here."</p>
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
                    state.try_set(Load::Failed(error.to_string()));
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
            aria-label=format!("Assigned to you on {}", name.get_value())
            aria-busy=move || busy.get().to_string()>
            <h4>"Assigned to you"</h4>
            {move || match state.get() {
                Load::OnRequest => {
                    EitherOf5::E(view! {
                        <p class="muted small">
                            "To spare Jira's hourly allowance for this app on " {name.get_value()}
                            ", this list loads when you ask."
                        </p>
                        <button
                            type="button"
                            class="button button--small"
                            aria-label=format!("Show them, the issues assigned to you on {}", name.get_value())
                            on:click=move |_| {
                                state.set(Load::Loading);
                                load(None, refresh);
                            }
                        >
                            "Show them"
                        </button>
                        {without_script()}
                    })
                }
                Load::Loading => {
                    EitherOf5::A(view! {
                        <p class="loading small" role="status">"Loading the issues assigned to you…"</p>
                        {without_script()}
                    })
                }
                Load::Ready if issues.with(Vec::is_empty) => {
                    EitherOf5::B(view! { <p class="muted small">"Nothing open is assigned to you here."</p> })
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
                            "Try again"
                        </button>
                    })
                }
            }}
            {move || {
                as_of
                    .get()
                    .map(|AsOf { at, why }| {
                        let refresh_label = format!(
                            "Refresh the issues assigned to you on {}",
                            name.get_value()
                        );
                        let refresh = move || {
                            view! {
                                <button
                                    type="button"
                                    class="button button--small"
                                    aria-label=refresh_label.clone()
                                    disabled=move || busy.get()
                                    on:click=move |_| load(None, true)
                                >
                                    "Refresh"
                                </button>
                            }
                        };
                        if why.is_empty() {
                            Either::Left(view! {
                                <p class="muted small as-of">"As of " {at} ". " {refresh()}</p>
                            })
                        } else {
                            Either::Right(view! {
                                <p class="notice small" role="status">
                                    {why} " Showing your copy from " {at} "."
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
                                {move || if busy.get() { "Loading…" } else { "More" }}
                            </button>
                        }
                    })
            }}
        </section>
    }
}
