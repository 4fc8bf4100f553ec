//! `/search`: one box (or JQL) and filters over every site the person granted. A GET form whose
//! URL can be bookmarked and shared; the results are server-rendered and streamed in order, one
//! group per site in the order the sites answer, so the page works without JavaScript and a slow
//! site holds nobody up. A key or a pasted browse link goes straight to the issue.

use super::sign_in_redirect;
use crate::{
    components::{suggest::SearchBoxWords, ErrorPanel, IssueTypeIcon, RedirectTo, SearchBox},
    error::AppError,
    i18n::{use_i18n, I18n},
    issue_key::ALL_SITES,
    models::{SearchHit, SearchStart, Site, SiteResults},
    search_form::{Category, Choice, FormProblem, SearchForm, Who, Within, MAX_INPUT},
    server::find::begin_search,
    t,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
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
    let title = t!(i18n, "search-title");
    let content = move || {
        let (form, here, i18n) = (form.clone(), here.clone(), i18n.clone());
        Suspend::new(async move {
            match start.await {
                Ok(start) => search_view(&i18n, form, start).into_any(),
                Err(error) => sign_in_redirect(&error, &here)
                    .unwrap_or_else(|| view! { <ErrorPanel error return_to=here /> }.into_any()),
            }
        })
    };
    view! {
        <Title text=title />
        <Suspense fallback=|| ()>{content}</Suspense>
    }
}

/// The form and, when something was asked, the results.
fn search_view(i18n: &I18n, form: SearchForm, start: SearchStart) -> impl IntoView {
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
            <h1>{t!(i18n, "search-title")}</h1>
            <p class="panel">{t!(i18n, "search-no-jira")}</p>
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
        (Err(problem), true) => Some(problem_text(i18n, problem)),
        _ => None,
    };
    let one_site = form
        .site
        .and_then(|id| sites.iter().find(|s| s.cloud_id == id))
        .map(|s| s.name.clone());
    view! {
        <h1>{t!(i18n, "search-title")}</h1>
        <SearchFormView
            i18n=i18n.clone()
            form=form.clone()
            sites=sites.clone()
            problem
            run=run.clone()
        />
        {no_issue
            .map(|key| {
                view! {
                    <p class="notice">
                        {if unanswered {
                            t!(i18n, "search-key-missing-unanswered", key = &key)
                        } else {
                            t!(i18n, "search-key-missing", key = &key)
                        }}
                    </p>
                }
            })}
        {form
            .site
            .map(|_| {
                let back = format!("/search?{}", form.to_query(false));
                let said = match one_site {
                    Some(name) => t!(i18n, "search-more-results-from", site = &name),
                    None => AppError::SiteNotGranted.message(i18n),
                };
                view! {
                    <p class="muted">
                        {said} " " <a href=back>{t!(i18n, "search-back-to-all")}</a>
                    </p>
                }
            })}
        {(asked && jql.is_ok() && searched.len() > 1).then(|| order_switch(i18n, &form))}
        {(asked && jql.is_ok())
            .then(|| {
                if form.merged && searched.len() > 1 {
                    merged(i18n, &form, searched.len(), run).into_any()
                } else {
                    groups(i18n, &form, searched.len(), run).into_any()
                }
            })}
    }
    .into_any()
}

/// The switch between results grouped by site as each answers and merged newest first.
fn order_switch(i18n: &I18n, form: &SearchForm) -> impl IntoView {
    let other = SearchForm {
        merged: !form.merged,
        ..form.clone()
    };
    let href = format!("/search?{}", other.to_query(false));
    let (now, switch) = if form.merged {
        (
            t!(i18n, "search-order-merged"),
            t!(i18n, "search-order-to-grouped"),
        )
    } else {
        (
            t!(i18n, "search-order-grouped"),
            t!(i18n, "search-order-to-merged"),
        )
    };
    view! {
        <p class="muted small">{now} " " <a href=href>{switch}</a></p>
    }
}

/// The form: the words and filters, or the JQL box in advanced mode.
#[component]
fn SearchFormView(
    i18n: I18n,
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
        let href = format!("/search?{}", basic.to_query(false));
        view! { <a href=href>{t!(i18n, "search-basic")}</a> }
    } else {
        let jql = form.to_jql().unwrap_or_default();
        let advanced = SearchForm {
            advanced: true,
            jql,
            ..SearchForm::default()
        };
        let href = format!("/search?{}", advanced.to_query(false));
        view! { <a href=href>{t!(i18n, "search-advanced")}</a> }
    };
    let refusal = form.advanced.then(|| {
        let several = sites.len() > 1 && form.site.is_none();
        let i18n = i18n.clone();
        let refusal = move || {
            let (run, i18n) = (run.clone(), i18n.clone());
            Suspend::new(async move {
                run.first_refusal().await.map(|(site, error)| {
                    if several {
                        t!(
                            i18n,
                            "search-refused-on",
                            site = &site,
                            error = &error.message(&i18n)
                        )
                    } else {
                        error.message(&i18n)
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
                <label for="search-jql">{t!(i18n, "search-jql-label")}</label>
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
                    {t!(i18n, "search-jql-hint", example = JQL_EXAMPLE)}
                </p>
                <p id="search-error" class="field-error" role="alert">{problem}</p>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="field field--grow">
                <SearchBox
                    site=suggest_from(&sites)
                    value=form.words.clone()
                    words={i18n.kept::<SearchBoxWords>()}
                />
                <p id="search-error" class="field-error" role="alert">{problem}</p>
            </div>
            <fieldset class="filters">
                <legend>{t!(i18n, "search-filters")}</legend>
                <div class="field">
                    <label for="search-project">{t!(i18n, "search-project")}</label>
                    <input
                        id="search-project"
                        name="project"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder=t!(i18n, "search-project-placeholder")
                        value=form.project.clone()
                    />
                </div>
                <ChoiceField
                    id="search-status"
                    name="status"
                    label=t!(i18n, "search-status")
                    i18n=i18n.clone()
                    chosen=form.category
                />
                <ChoiceField
                    id="search-who"
                    name="who"
                    label=t!(i18n, "search-people")
                    i18n=i18n.clone()
                    chosen=form.who
                />
                <ChoiceField
                    id="search-updated"
                    name="updated"
                    label=t!(i18n, "search-updated")
                    i18n=i18n.clone()
                    chosen=form.updated
                />
            </fieldset>
        }
        .into_any()
    };
    view! {
        <form
            method="get"
            action="/search"
            role="search"
            class="panel search-form"
            aria-label=t!(i18n, "search-form-label")
        >
            {form.merged.then(|| view! { <input type="hidden" name="order" value="updated" /> })}
            {fields}
            <div class="search-form__actions">
                <button type="submit" class="button button--primary">
                    {t!(i18n, "search-submit")}
                </button>
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

/// The JQL the advanced box's hint shows as an example.
const JQL_EXAMPLE: &str = "project = ABC AND statusCategory != Done ORDER BY updated DESC";

/// Why the form cannot be searched, in the person's words.
fn problem_text(i18n: &I18n, problem: &FormProblem) -> String {
    match problem {
        FormProblem::Empty => t!(i18n, "search-problem-empty"),
        FormProblem::TooLong => t!(i18n, "search-problem-too-long", max = MAX_INPUT),
    }
}

/// A filter choice as the form names it.
trait Named: Choice {
    /// Its name in the person's words.
    fn name(self, i18n: &I18n) -> String;
}

impl Named for Category {
    fn name(self, i18n: &I18n) -> String {
        match self {
            Self::ToDo => t!(i18n, "search-status-todo"),
            Self::InProgress => t!(i18n, "search-status-progress"),
            Self::Done => t!(i18n, "search-status-done"),
        }
    }
}

impl Named for Who {
    fn name(self, i18n: &I18n) -> String {
        match self {
            Self::AssignedToMe => t!(i18n, "search-who-me"),
            Self::ReportedByMe => t!(i18n, "search-who-reporter"),
            Self::Unassigned => t!(i18n, "search-who-unassigned"),
        }
    }
}

impl Named for Within {
    fn name(self, i18n: &I18n) -> String {
        match self {
            Self::Day => t!(i18n, "search-within-day"),
            Self::Week => t!(i18n, "search-within-week"),
            Self::Month => t!(i18n, "search-within-month"),
        }
    }
}

/// A `<select>` of one filter's choices, "Any" first.
#[component]
fn ChoiceField<C: Named + Send + Sync>(
    id: &'static str,
    name: &'static str,
    label: String,
    i18n: I18n,
    chosen: Option<C>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                <option value="" selected=chosen.is_none()>
                    {t!(i18n, "search-any")}
                </option>
                {C::ALL
                    .iter()
                    .map(|choice| {
                        view! {
                            <option value=choice.value() selected=chosen == Some(*choice)>
                                {choice.name(&i18n)}
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
fn result_row(i18n: &I18n, site: &Site, hit: SearchHit) -> impl IntoView {
    let href = format!("/sites/{}/issues/{}", site.cloud_id, hit.key);
    view! {
        <li class="result-row">
            <a href=href class="result-link">
                {hit.issue_type.map(|name| view! { <IssueTypeIcon name /> })}
                <span class="mono">{hit.key}</span>
                " "
                <span dir="auto">{hit.summary}</span>
            </a>
            <span class=hit.status_category.css_class() dir="auto">
                {hit.status}
            </span>
            <span class="muted small" dir="auto">
                {hit.assignee.unwrap_or_else(|| t!(i18n, "search-unassigned"))}
            </span>
            <span class="muted small result-site" dir="auto">
                {site.name.clone()}
            </span>
            {hit
                .updated
                .map(|moment| {
                    view! {
                        <time class="muted small" datetime=moment.iso title=moment.text>
                            {t!(i18n, "search-updated-when", when = &moment.relative)}
                        </time>
                    }
                })}
        </li>
    }
}

/// "More from {site}": the site's next page, from Jira's token.
fn more_link(i18n: &I18n, form: &SearchForm, site: &Site, token: String) -> impl IntoView {
    let page = SearchForm {
        site: Some(site.cloud_id),
        next: Some(token),
        ..form.clone()
    };
    view! {
        <a class="button" href=format!("/search?{}", page.to_query(true))>
            {t!(i18n, "search-more-from", site = &site.name)}
        </a>
    }
}

/// Every site's results in one list, newest updated first, once all sites answered; then what
/// went wrong on any of them, and where each has more.
fn merged(i18n: &I18n, form: &SearchForm, count: usize, run: Run) -> impl IntoView {
    let (form, i18n) = (form.clone(), i18n.clone());
    let all = move || {
        let (form, run, i18n) = (form.clone(), run.clone(), i18n.clone());
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
            merged_view(&i18n, &form, answers, refusal.as_ref())
        })
    };
    view! { <Suspense fallback=|| ()>{all}</Suspense> }
}

fn merged_view(
    i18n: &I18n,
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
                    more.push(more_link(i18n, form, &site, token));
                }
            }
            Err(error) => failures.push(refusal_line(i18n, form, &site, &error, first_refusal)),
        }
    }
    rows.sort_by_key(|(_, hit)| std::cmp::Reverse(hit.updated_secs));
    let count = t!(i18n, "search-results-count", count = rows.len());
    let list = (!rows.is_empty()).then(|| {
        let rows = rows
            .into_iter()
            .map(|(site, hit)| result_row(i18n, &site, hit))
            .collect_view();
        view! { <ol class="result-list" role="list">{rows}</ol> }
    });
    view! {
        <section class="result-group" aria-labelledby="results-all">
            <h2 id="results-all">
                {t!(i18n, "search-all-sites")} " " <span class="count">{count}</span>
            </h2>
            {list}
            {failures}
            <p class="search-form__actions">{more}</p>
        </section>
    }
}

/// Why `site` shows no results: the JQL refusal already shown by the box, a refusal of the
/// basic form (a project the site does not have) as a plain line, anything else as an alert.
fn refusal_line(
    i18n: &I18n,
    form: &SearchForm,
    site: &Site,
    error: &AppError,
    first_refusal: Option<&AppError>,
) -> AnyView {
    if first_refusal == Some(error) {
        view! {
            <p class="notice">{t!(i18n, "search-refused-see-above", site = &site.name)}</p>
        }
        .into_any()
    } else if matches!(error, AppError::SearchRefused(_)) && !form.advanced {
        view! { <p class="muted">{site_error(i18n, site, error)}</p> }.into_any()
    } else {
        view! { <p class="notice" role="alert">{site_error(i18n, site, error)}</p> }.into_any()
    }
}

/// What went wrong on `site`.
fn site_error(i18n: &I18n, site: &Site, error: &AppError) -> String {
    t!(
        i18n,
        "search-site-error",
        site = &site.name,
        error = &error.message(i18n)
    )
}

/// One site's group of results.
fn site_group(
    i18n: &I18n,
    form: &SearchForm,
    answer: SiteResults,
    first_refusal: Option<&AppError>,
) -> impl IntoView {
    let SiteResults { site, result } = answer;
    let heading_id = format!("results-{}", site.cloud_id);
    let count = match &result {
        Ok(hits) if hits.next_page_token.is_some() && !hits.hits.is_empty() => {
            t!(i18n, "search-results-shown-more", count = hits.hits.len())
        }
        Ok(hits) => t!(i18n, "search-results-count", count = hits.hits.len()),
        Err(_) => t!(i18n, "search-not-searched"),
    };
    let body = match result {
        Ok(hits) if hits.hits.is_empty() => view! {
            <p class="muted">{t!(i18n, "search-nothing-on", site = &site.name)}</p>
        }
        .into_any(),
        Ok(hits) => {
            let more = hits
                .next_page_token
                .map(|token| more_link(i18n, form, &site, token));
            let rows = hits
                .hits
                .into_iter()
                .map(|hit| result_row(i18n, &site, hit))
                .collect_view();
            view! {
                <ol class="result-list" role="list">{rows}</ol>
                {more}
            }
            .into_any()
        }
        Err(error) => refusal_line(i18n, form, &site, &error, first_refusal),
    };
    let labelled_by = heading_id.clone();
    view! {
        <section class="result-group" aria-labelledby=labelled_by>
            <h2 id=heading_id>
                <span dir="auto">{site.name.clone()}</span>
                " "
                <span class="count">{count}</span>
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
fn groups(i18n: &I18n, form: &SearchForm, count: usize, run: Run) -> impl IntoView {
    (0..count)
        .map(|n| {
            let (form, run, i18n) = (form.clone(), run.clone(), i18n.clone());
            let group = move || {
                let (form, run, i18n) = (form.clone(), run.clone(), i18n.clone());
                Suspend::new(async move {
                    let answer = run.arrival(n).await?;
                    let refusal = if form.advanced {
                        run.first_refusal().await.map(|(_, error)| error)
                    } else {
                        None
                    };
                    Some(site_group(&i18n, &form, answer, refusal.as_ref()))
                })
            };
            view! { <Suspense fallback=|| ()>{group}</Suspense> }
        })
        .collect_view()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::{Catalogue, Lang};
    use std::sync::Arc;

    fn words(lang: Lang) -> I18n {
        Arc::new(Catalogue::load().unwrap()).words(lang)
    }

    #[test]
    fn counts_and_problems_read_as_before_in_english() {
        let english = words(Lang::En);
        let count = |n: usize| t!(english, "search-results-count", count = n);
        assert_eq!(
            [count(0), count(1), count(2)],
            ["No results", "1 result", "2 results"]
        );
        assert_eq!(
            problem_text(&english, &FormProblem::TooLong),
            "That is longer than a search can be (1,000 characters)."
        );
        assert_eq!(
            t!(words(Lang::De), "search-results-count", count = 0),
            "Keine Ergebnisse"
        );
        assert_eq!(
            t!(words(Lang::Ar), "search-results-count", count = 2),
            "نتيجتان"
        );
    }
}
