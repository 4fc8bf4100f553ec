//! `/search`: one box (or JQL) and filters over every site the person granted. A GET form whose
//! URL can be bookmarked and shared; the results are server-rendered and streamed in order, one
//! group per site in the order the sites answer, so the page works without JavaScript and a slow
//! site holds nobody up. A key or a pasted browse link goes straight to the issue.

use super::sign_in_redirect;
use crate::{
    components::{ErrorPanel, IssueTypeIcon, RedirectTo, SearchBox},
    error::AppError,
    issue_key::ALL_SITES,
    models::{SearchHit, SearchStart, Site, SiteResults},
    search_form::{Choice, SearchForm},
    server::find::begin_search,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let form = query.with_untracked(|q| {
        SearchForm::from_pairs(q.latest_values().map(|(k, v)| (k.as_ref(), v)))
    });
    let only_words = form.words_alone();
    let words = form.words.clone();
    let start = Resource::new_blocking(
        move || (words.clone(), only_words),
        |(words, only_words)| begin_search(words, only_words),
    );
    let here = format!("/search?{}", form.to_query(true));
    let content = move || {
        let (form, here) = (form.clone(), here.clone());
        Suspend::new(async move {
            match start.await {
                Ok(start) => search_view(form, start).into_any(),
                Err(error) => sign_in_redirect(&error, &here)
                    .unwrap_or_else(|| view! { <ErrorPanel error return_to=here /> }.into_any()),
            }
        })
    };
    view! {
        <Title text="Search" />
        <Suspense fallback=|| ()>{content}</Suspense>
    }
}

/// The form and, when something was asked, the results.
fn search_view(form: SearchForm, start: SearchStart) -> impl IntoView {
    let SearchStart {
        sites,
        open,
        no_issue,
        unanswered,
    } = start;
    if let Some(path) = open {
        return view! { <RedirectTo path /> }.into_any();
    }
    if sites.is_empty() {
        return view! {
            <h1>"Search"</h1>
            <p class="panel">"None of your granted sites has Jira, so there is nothing to search yet."</p>
        }
        .into_any();
    }
    let searched: Vec<Site> = match form.site {
        Some(one) => sites
            .iter()
            .filter(|s| s.cloud_id == one)
            .cloned()
            .collect(),
        None => sites.clone(),
    };
    let jql = form.to_jql();
    let asked = !form.is_blank();
    let run = Run::new(
        searched.clone(),
        jql.clone().ok().filter(|_| asked),
        form.next.clone().filter(|_| form.site.is_some()),
    );
    let problem = match (&jql, asked) {
        (Err(problem), true) => Some(problem.to_string()),
        _ => None,
    };
    let one_site = form
        .site
        .and_then(|id| sites.iter().find(|s| s.cloud_id == id))
        .map(|s| s.name.clone());
    view! {
        <h1>"Search"</h1>
        <SearchFormView form=form.clone() sites=sites.clone() problem run=run.clone() />
        {no_issue
            .map(|key| {
                view! {
                    <p class="notice">
                        {if unanswered {
                            format!(
                                "{key} was not found on the sites that answered, and some did not answer, so these are the issues that mention it."
                            )
                        } else {
                            format!(
                                "{key} is on none of your sites, or you don't have access to it, so these are the issues that mention it."
                            )
                        }}
                    </p>
                }
            })}
        {form
            .site
            .map(|_| {
                let back = format!("/search?{}", form.to_query(false));
                let said = match one_site {
                    Some(name) => format!("More results from {name}."),
                    None => AppError::SiteNotGranted.to_string(),
                };
                view! {
                    <p class="muted">{said} " " <a href=back>"Back to all your sites"</a></p>
                }
            })}
        {(asked && jql.is_ok() && searched.len() > 1).then(|| order_switch(&form))}
        {(asked && jql.is_ok())
            .then(|| {
                if form.merged && searched.len() > 1 {
                    merged(&form, searched.len(), run).into_any()
                } else {
                    groups(&form, searched.len(), run).into_any()
                }
            })}
    }
    .into_any()
}

/// The switch between results grouped by site as each answers and merged newest first.
fn order_switch(form: &SearchForm) -> impl IntoView {
    let other = SearchForm {
        merged: !form.merged,
        ..form.clone()
    };
    let href = format!("/search?{}", other.to_query(false));
    let (now, switch) = if form.merged {
        (
            "Newest first across your sites, once all have answered.",
            "Group by site, as each answers",
        )
    } else {
        (
            "Grouped by site, as each answers.",
            "Newest first across your sites",
        )
    };
    view! {
        <p class="muted small">{now} " " <a href=href>{switch}</a></p>
    }
}

/// The form: the words and filters, or the JQL box in advanced mode.
#[component]
fn SearchFormView(
    form: SearchForm,
    sites: Vec<Site>,
    problem: Option<String>,
    run: Run,
) -> impl IntoView {
    let switch = if form.advanced {
        let basic = SearchForm {
            advanced: false,
            ..SearchForm::default()
        };
        view! { <a href=format!("/search?{}", basic.to_query(false))>"Basic search"</a> }
    } else {
        let jql = form.to_jql().unwrap_or_default();
        let advanced = SearchForm {
            advanced: true,
            jql,
            ..SearchForm::default()
        };
        view! { <a href=format!("/search?{}", advanced.to_query(false))>"Advanced search (JQL)"</a> }
    };
    let refusal = form.advanced.then(|| {
        let several = sites.len() > 1 && form.site.is_none();
        let refusal = move || {
            let run = run.clone();
            Suspend::new(async move {
                run.first_refusal().await.map(|(site, error)| {
                    if several {
                        format!("On {site}: {error}")
                    } else {
                        error.to_string()
                    }
                })
            })
        };
        view! {
            <p id="search-refusal" class="field-error" role="alert">
                <Suspense fallback=|| ()>{refusal}</Suspense>
            </p>
        }
    });
    let fields = if form.advanced {
        view! {
            <input type="hidden" name="mode" value="jql" />
            <div class="field field--grow">
                <label for="search-jql">"JQL"</label>
                <textarea
                    id="search-jql"
                    name="jql"
                    rows="3"
                    spellcheck="false"
                    aria-describedby="search-jql-hint search-error search-refusal"
                >
                    {form.jql.clone()}
                </textarea>
                <p id="search-jql-hint" class="hint">
                    "For example: project = ABC AND statusCategory != Done ORDER BY updated DESC"
                </p>
                <p id="search-error" class="field-error" role="alert">{problem}</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="field field--grow">
                <SearchBox site=suggest_from(&sites) value=form.words.clone() />
                <p id="search-error" class="field-error" role="alert">{problem}</p>
            </div>
            <fieldset class="filters">
                <legend>"Filters"</legend>
                <div class="field">
                    <label for="search-project">"Project"</label>
                    <input
                        id="search-project"
                        name="project"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="Key or name"
                        value=form.project.clone()
                    />
                </div>
                <ChoiceField id="search-status" name="status" label="Status" chosen=form.category />
                <ChoiceField id="search-who" name="who" label="People" chosen=form.who />
                <ChoiceField id="search-updated" name="updated" label="Updated" chosen=form.updated />
            </fieldset>
        }
        .into_any()
    };
    view! {
        <form method="get" action="/search" role="search" class="panel search-form" aria-label="Search your sites">
            {form.merged.then(|| view! { <input type="hidden" name="order" value="updated" /> })}
            {fields}
            <div class="search-form__actions">
                <button type="submit" class="button button--primary">"Search"</button>
                {switch}
            </div>
        </form>
        {refusal}
    }
}

/// Where the box's suggestions come from: the one site, or all of them.
fn suggest_from(sites: &[Site]) -> String {
    match sites {
        [one] => one.cloud_id.to_string(),
        _ => ALL_SITES.to_owned(),
    }
}

/// A `<select>` of one filter's choices, "Any" first.
#[component]
fn ChoiceField<C: Choice + Send + Sync>(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    chosen: Option<C>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="" selected=chosen.is_none()>"Any"</option>
                {C::ALL
                    .iter()
                    .map(|choice| {
                        view! {
                            <option value=choice.value() selected=chosen == Some(*choice)>
                                {choice.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// One result: the issue's type, key and summary (a link to it), status, assignee, site and
/// when it was updated.
fn result_row(site: &Site, hit: SearchHit) -> impl IntoView {
    let href = format!("/sites/{}/issues/{}", site.cloud_id, hit.key);
    view! {
        <li class="result-row">
            <a href=href class="result-link">
                {hit.issue_type.map(|name| view! { <IssueTypeIcon name /> })}
                <span class="mono">{hit.key}</span>
                " "
                <span dir="auto">{hit.summary}</span>
            </a>
            <span class=hit.status_category.css_class()>{hit.status}</span>
            <span class="muted small">{hit.assignee.unwrap_or_else(|| "Unassigned".to_owned())}</span>
            <span class="muted small result-site">{site.name.clone()}</span>
            {hit
                .updated
                .map(|moment| {
                    view! {
                        <time class="muted small" datetime=moment.iso title=moment.text>
                            "Updated " {moment.relative}
                        </time>
                    }
                })}
        </li>
    }
}

/// "More from {site}": the site's next page, from Jira's token.
fn more_link(form: &SearchForm, site: &Site, token: String) -> impl IntoView {
    let page = SearchForm {
        site: Some(site.cloud_id),
        next: Some(token),
        ..form.clone()
    };
    view! {
        <a class="button" href=format!("/search?{}", page.to_query(true))>
            {format!("More from {}", site.name)}
        </a>
    }
}

/// Every site's results in one list, newest updated first, once all sites answered; then what
/// went wrong on any of them, and where each has more.
fn merged(form: &SearchForm, count: usize, run: Run) -> impl IntoView {
    let form = form.clone();
    let all = move || {
        let (form, run) = (form.clone(), run.clone());
        Suspend::new(async move {
            let mut answers = Vec::new();
            for n in 0..count {
                answers.extend(run.arrival(n).await);
            }
            let refusal = if form.advanced {
                run.first_refusal().await.map(|(_, error)| error)
            } else {
                None
            };
            merged_view(&form, answers, refusal.as_ref())
        })
    };
    view! { <Suspense fallback=|| ()>{all}</Suspense> }
}

fn merged_view(
    form: &SearchForm,
    answers: Vec<SiteResults>,
    first_refusal: Option<&AppError>,
) -> impl IntoView {
    let mut rows: Vec<(Site, SearchHit)> = Vec::new();
    let mut failures = Vec::new();
    let mut more = Vec::new();
    for SiteResults { site, result } in answers {
        match result {
            Ok(hits) => {
                rows.extend(hits.hits.into_iter().map(|hit| (site.clone(), hit)));
                if let Some(token) = hits.next_page_token {
                    more.push(more_link(form, &site, token));
                }
            }
            Err(error) => failures.push(refusal_line(form, &site, &error, first_refusal)),
        }
    }
    rows.sort_by_key(|(_, hit)| std::cmp::Reverse(hit.updated_secs));
    let count = match rows.len() {
        0 => "No results".to_owned(),
        1 => "1 result".to_owned(),
        n => format!("{n} results"),
    };
    let list = (!rows.is_empty()).then(|| {
        let rows = rows
            .into_iter()
            .map(|(site, hit)| result_row(&site, hit))
            .collect_view();
        view! { <ol class="result-list" role="list">{rows}</ol> }
    });
    view! {
        <section class="result-group" aria-labelledby="results-all">
            <h2 id="results-all">"All your sites " <span class="count">{count}</span></h2>
            {list}
            {failures}
            <p class="search-form__actions">{more}</p>
        </section>
    }
}

/// Why `site` shows no results: the JQL refusal already shown by the box, a refusal of the
/// basic form (a project the site does not have) as a plain line, anything else as an alert.
fn refusal_line(
    form: &SearchForm,
    site: &Site,
    error: &AppError,
    first_refusal: Option<&AppError>,
) -> AnyView {
    if first_refusal == Some(error) {
        view! {
            <p class="notice">{format!("Jira could not run this query on {} (see above).", site.name)}</p>
        }
        .into_any()
    } else if matches!(error, AppError::SearchRefused(_)) && !form.advanced {
        view! { <p class="muted">{format!("{}: {error}", site.name)}</p> }.into_any()
    } else {
        view! { <p class="notice" role="alert">{format!("{}: {error}", site.name)}</p> }.into_any()
    }
}

/// One site's group of results.
fn site_group(
    form: &SearchForm,
    answer: SiteResults,
    first_refusal: Option<&AppError>,
) -> impl IntoView {
    let SiteResults { site, result } = answer;
    let heading_id = format!("results-{}", site.cloud_id);
    let count = match &result {
        Ok(hits) if hits.hits.is_empty() => "No results".to_owned(),
        Ok(hits) if hits.next_page_token.is_some() => {
            format!("{} shown, more available", hits.hits.len())
        }
        Ok(hits) if hits.hits.len() == 1 => "1 result".to_owned(),
        Ok(hits) => format!("{} results", hits.hits.len()),
        Err(_) => "Not searched".to_owned(),
    };
    let body = match result {
        Ok(hits) if hits.hits.is_empty() => view! {
            <p class="muted">{format!("Nothing on {} matches this search.", site.name)}</p>
        }
        .into_any(),
        Ok(hits) => {
            let more = hits
                .next_page_token
                .map(|token| more_link(form, &site, token));
            let rows = hits
                .hits
                .into_iter()
                .map(|hit| result_row(&site, hit))
                .collect_view();
            view! {
                <ol class="result-list" role="list">{rows}</ol>
                {more}
            }
            .into_any()
        }
        Err(error) => refusal_line(form, &site, &error, first_refusal),
    };
    let labelled_by = heading_id.clone();
    view! {
        <section class="result-group" aria-labelledby=labelled_by>
            <h2 id=heading_id>
                {site.name.clone()} " " <span class="count">{count}</span>
            </h2>
            {body}
        </section>
    }
}

/// A search under way on the server while the page streams, shared by the places on the page
/// that show its answers. The page is never hydrated (only its islands are), so the browser
/// build has nothing to run here.
#[derive(Clone)]
pub struct Run {
    #[cfg(feature = "ssr")]
    inner: std::sync::Arc<RunInner>,
}

#[cfg(feature = "ssr")]
struct RunInner {
    started: tokio::sync::OnceCell<Result<crate::server::find::SearchRun, AppError>>,
    sites: Vec<Site>,
    jql: Option<String>,
    next: Option<String>,
}

impl Run {
    /// A search of `sites` for `jql`, started when its first answer is awaited.
    #[cfg_attr(not(feature = "ssr"), allow(unused_variables))]
    fn new(sites: Vec<Site>, jql: Option<String>, next: Option<String>) -> Self {
        Self {
            #[cfg(feature = "ssr")]
            inner: std::sync::Arc::new(RunInner {
                started: tokio::sync::OnceCell::new(),
                sites,
                jql,
                next,
            }),
        }
    }

    /// The `n`-th site to answer (from 0); `None` when fewer sites were asked.
    #[cfg_attr(not(feature = "ssr"), allow(unused_variables, clippy::unused_async))]
    async fn arrival(&self, n: usize) -> Option<SiteResults> {
        #[cfg(feature = "ssr")]
        {
            use crate::server::find::SearchRun;
            let inner = &self.inner;
            let jql = inner.jql.as_ref()?;
            let started = inner
                .started
                .get_or_init(|| {
                    SearchRun::start(inner.sites.clone(), jql.clone(), inner.next.clone())
                })
                .await;
            match started {
                Ok(run) => run.arrival(n).await,
                Err(error) => inner.sites.get(n).map(|site| SiteResults {
                    site: site.clone(),
                    result: Err(error.clone()),
                }),
            }
        }
        #[cfg(not(feature = "ssr"))]
        None
    }

    /// Jira's refusal of the query, with the site's name, when the first site Jira answered for
    /// refused it (a site whose allowance is spent answers at once, without Jira, and is passed
    /// over).
    async fn first_refusal(&self) -> Option<(String, AppError)> {
        let mut n = 0;
        loop {
            let answer = self.arrival(n).await?;
            match answer.result {
                Err(AppError::QuotaSpent { .. }) => n += 1,
                Err(error @ AppError::SearchRefused(_)) => return Some((answer.site.name, error)),
                _ => return None,
            }
        }
    }
}

/// Where the answers of `count` sites appear, each as its site answers.
fn groups(form: &SearchForm, count: usize, run: Run) -> impl IntoView {
    (0..count)
        .map(|n| {
            let (form, run) = (form.clone(), run.clone());
            let group = move || {
                let (form, run) = (form.clone(), run.clone());
                Suspend::new(async move {
                    let answer = run.arrival(n).await?;
                    let refusal = if form.advanced {
                        run.first_refusal().await.map(|(_, error)| error)
                    } else {
                        None
                    };
                    Some(site_group(&form, answer, refusal.as_ref()))
                })
            };
            view! { <Suspense fallback=|| ()>{group}</Suspense> }
        })
        .collect_view()
}
