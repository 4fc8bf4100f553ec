//! `/dashboard`: who the person is and every site they granted, with the issue lookup form.

use super::sign_in_redirect;
use crate::{
    components::{
        AssignedIssues, AssignedIssuesWords, Avatar, ErrorPanel, LookupForm, LookupFormWords,
    },
    error::AppError,
    i18n::{use_i18n, I18n},
    models::{safe_link, Dashboard, GrantStatus, RecentIssue, Site},
    server::dashboard::{get_dashboard, set_default_site, SetDefaultSite},
    t,
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use uuid::Uuid;

/// The dashboard page.
#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let loading = t!(i18n, "dashboard-loading-sites");
    let query = use_query_map();
    let dashboard = Resource::new_blocking(
        move || query.with(|q| q.get("refresh").is_some()),
        get_dashboard,
    );
    let (site, key, missing, refresh) = query.with_untracked(|q| {
        (
            q.get("site"),
            q.get("key"),
            q.get("missing"),
            q.get("refresh").is_some(),
        )
    });

    let content = move || {
        let (site, key, missing) = (site.clone(), key.clone(), missing.clone());
        Suspend::new(async move {
            match dashboard.await {
                Ok(dashboard) => {
                    view! { <DashboardView dashboard site key missing refresh /> }.into_any()
                }
                Err(error) => sign_in_redirect(&error, "/dashboard").unwrap_or_else(|| {
                    view! { <ErrorPanel error return_to="/dashboard" /> }.into_any()
                }),
            }
        })
    };

    view! {
        <Title text=t!(i18n, "dashboard-title") />
        <Transition fallback=move || {
            view! {
                <p class="loading" role="status">
                    {loading.clone()}
                </p>
            }
        }>{content}</Transition>
    }
}

#[component]
fn DashboardView(
    dashboard: Dashboard,
    site: Option<String>,
    key: Option<String>,
    missing: Option<String>,
    refresh: bool,
) -> impl IntoView {
    let Dashboard {
        profile,
        sites,
        grant,
        default_site,
        lists_on_request,
        recent,
    } = dashboard;
    let i18n = use_i18n();
    let site = site.or_else(|| default_site.map(|id| id.to_string()));
    let site_count = t!(i18n, "dashboard-sites-count", count = sites.len());
    let lookup = view! {
        <LookupForm sites=sites.clone() site key missing words={i18n.kept::<LookupFormWords>()} />
    };
    let about = [
        Some(t!(i18n, "dashboard-dates-in", zone = &profile.zone)),
        profile.locale.clone(),
        profile
            .account_status
            .clone()
            .filter(|status| status != "active")
            .map(|status| t!(i18n, "dashboard-account-status", status = &status)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <section class="profile" aria-labelledby="profile-name">
            <Avatar url=profile.picture.clone() name=profile.name.clone() size=64 />
            <div>
                <h1 id="profile-name" dir="auto">{profile.name.clone()}</h1>
                <p class="muted">
                    {profile
                        .email
                        .clone()
                        .unwrap_or_else(|| t!(i18n, "dashboard-email-hidden"))}
                </p>
                <p class="muted small">{about}</p>
            </div>
            <a class="button profile__refresh" href="/dashboard?refresh=1">
                {t!(i18n, "dashboard-refresh")}
            </a>
        </section>
        <GrantNotice grant />
        {lookup}
        <RecentlyViewed recent />
        <section aria-labelledby="sites-title">
            <h2 id="sites-title">
                {t!(i18n, "dashboard-your-sites")} <span class="count">{site_count}</span>
            </h2>
            {if sites.is_empty() {
                view! {
                    <p class="panel">{t!(i18n, "dashboard-no-sites")}</p>
                }
                    .into_any()
            } else {
                view! {
                    <ul class="site-grid" role="list">
                        {sites
                            .into_iter()
                            .map(|site| {
                                let is_default = default_site == Some(site.cloud_id);
                                let on_request = lists_on_request.contains(&site.cloud_id);
                                view! { <SiteCard site is_default refresh on_request /> }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// The issues the person opened here lately, across sites.
#[component]
fn RecentlyViewed(recent: Vec<RecentIssue>) -> impl IntoView {
    (!recent.is_empty()).then(|| {
        let i18n = use_i18n();
        let rows = recent
            .into_iter()
            .map(|issue| {
                let href = format!("/sites/{}/issues/{}", issue.cloud_id, issue.key);
                view! {
                    <li class="result-row">
                        <a href=href class="result-link">
                            <span class="mono">{issue.key}</span>
                            " "
                            <span dir="auto">{issue.summary}</span>
                        </a>
                        <span class=issue.status_category.css_class() dir="auto">{issue.status}</span>
                        <span class="muted small" dir="auto">{issue.site_name}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="panel recent" aria-labelledby="recent-title">
                <h2 id="recent-title">{t!(i18n, "dashboard-recently-viewed")}</h2>
                <ol class="result-list" role="list">{rows}</ol>
            </section>
        }
    })
}

/// Missing permissions, and when Atlassian will ask for a new consent.
#[component]
fn GrantNotice(grant: GrantStatus) -> impl IntoView {
    let i18n = use_i18n();
    let connect_again = t!(i18n, "dashboard-connect-again");
    let reconnect = move || {
        view! {
            <a class="button" href="/initiate-oauth?return_to=%2Fdashboard" rel="external">
                {connect_again.clone()}
            </a>
        }
    };
    let missing = (!grant.missing_scopes.is_empty()).then(|| {
        view! {
            <div class="notice notice--action" role="status">
                <p>{AppError::MissingScopes(grant.missing_scopes.clone()).message(&i18n)}</p>
                {reconnect()}
            </div>
        }
    });
    let lifetime = t!(
        i18n,
        "dashboard-grant-lifetime",
        since = &grant.consented.date,
        by = &grant.reconnect_by.date,
    );
    view! {
        {missing}
        <p class="grant-status muted small">
            {lifetime} {grant.reconnect_soon.then(reconnect)}
        </p>
    }
}

/// One site: its name, address and permissions, a way to make it the default, and (a Jira
/// site) the issues assigned to the person there, asked of Jira anew with `refresh`, or only
/// when the person asks with `on_request`.
#[component]
fn SiteCard(site: Site, is_default: bool, refresh: bool, on_request: bool) -> impl IntoView {
    let i18n = use_i18n();
    let kind = if site.is_jira() {
        "Jira".to_owned()
    } else {
        t!(i18n, "dashboard-other-product")
    };
    let scopes = site.scopes.join(", ");
    view! {
        <li class="site-card">
            <Avatar url=site.avatar_url.clone() name=site.name.clone() size=40 />
            <div class="site-card__body">
                <h3 dir="auto">{site.name.clone()}</h3>
                {match safe_link(&site.url) {
                    Some(url) => {
                        view! {
                            <a href=url.to_owned() rel="external noopener noreferrer" class="site-url">
                                {site.url.clone()}
                            </a>
                        }
                            .into_any()
                    }
                    None => view! { <span class="site-url">{site.url.clone()}</span> }.into_any(),
                }}
                <p class="muted small">{kind} " · " {scopes}</p>
                <p class="muted small mono" title=t!(i18n, "dashboard-cloud-id")>
                    {site.cloud_id.to_string()}
                </p>
                {match (site.is_jira(), is_default) {
                    (true, true) => {
                        view! { <p class="badge">{t!(i18n, "dashboard-default-site")}</p> }.into_any()
                    }
                    (true, false) => {
                        view! {
                            <MakeDefault
                                cloud_id=site.cloud_id
                                words=MakeDefaultWords::new(&i18n, &site.name)
                            />
                        }
                            .into_any()
                    }
                    (false, _) => ().into_any(),
                }}
                {site
                    .is_jira()
                    .then(|| {
                        view! {
                            <AssignedIssues
                                cloud_id=site.cloud_id
                                words=AssignedIssuesWords::new(&i18n, &site.name)
                                refresh
                                on_request
                            />
                        }
                            .into_any()
                    })}
            </div>
        </li>
    }
}

crate::island_words! {
    /// The words of [`MakeDefault`], in the person's language.
    pub struct MakeDefaultWords {
        /// The button: "Make {site} my default".
        button,
        /// Said when the server could not be reached.
        unreachable,
    }
}

impl MakeDefaultWords {
    /// The words for the site named `site`.
    pub fn new(i18n: &I18n, site: &str) -> Self {
        Self {
            button: t!(i18n, "dashboard-make-default", site = site),
            unreachable: t!(i18n, "error-server-fn"),
        }
    }
}

/// "Make {site} my default": a form that posts to the server function (without JavaScript Leptos
/// then sends the browser back to the dashboard); an island that instead calls it in place,
/// shows the pending state, reloads the dashboard once the choice is saved, and says why if it
/// was not.
#[island]
fn MakeDefault(cloud_id: Uuid, words: MakeDefaultWords) -> impl IntoView {
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let site = StoredValue::new(cloud_id);
    let MakeDefaultWords {
        button,
        unreachable,
    } = words;
    let unreachable = StoredValue::new(unreachable);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match set_default_site(site.get_value()).await {
                Ok(()) => {
                    let _ = window().location().reload();
                }
                Err(error) => {
                    problem.set(Some(unreachable.with_value(|words| error.said_or(words))));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <form method="post" action=SetDefaultSite::url() class="inline-form" on:submit=on_submit>
            <input type="hidden" name="cloud_id" value=cloud_id.to_string() />
            <button type="submit" class="button button--small" aria-busy=move || busy.get().to_string()>
                {button}
            </button>
            <p class="field-error" role="alert">{move || problem.get()}</p>
        </form>
    }
}
