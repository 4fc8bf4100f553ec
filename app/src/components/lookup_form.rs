//! The issue lookup form: a site and one box for a key or a pasted browse link.
//!
//! A plain GET form to `/lookup`, so it works without JavaScript; an island, so that once hydrated
//! it checks the input first with the same rules as the server and explains a problem in place.

use crate::{
    components::SuggestInput,
    issue_key::{resolve_lookup, IssueReference, ALL_SITES},
    models::Site,
};
use leptos::{either::Either, html, prelude::*};

/// The lookup form for `sites`, optionally prefilled (after a failed lookup the server sends the
/// person back here with what they typed, and the form shows why it failed).
#[island]
pub fn LookupForm(
    /// The person's Jira sites.
    sites: Vec<Site>,
    /// Preselected cloud id.
    site: Option<String>,
    /// What was typed before.
    key: Option<String>,
    /// After an all-sites search found nothing: `all` (every site answered) or `some` (some
    /// sites could not be asked).
    missing: Option<String>,
) -> impl IntoView {
    let sites: Vec<Site> = sites.into_iter().filter(Site::is_jira).collect();
    if sites.is_empty() {
        return Either::Left(view! {
            <section class="panel" aria-labelledby="lookup-title">
                <h2 id="lookup-title">"Open an issue"</h2>
                <p>"None of your granted sites has Jira, so there is nothing to look up yet."</p>
            </section>
        });
    }
    let selected = site.unwrap_or_else(|| sites[0].cloud_id.to_string());
    let initial_error = key.as_deref().and_then(|key| {
        resolve_lookup(&sites, &selected, key)
            .err()
            .or_else(|| missing_message(missing.as_deref()?, key))
    });
    let several = sites.len() > 1;
    let error = RwSignal::new(initial_error);
    let pending = RwSignal::new(false);
    let key_input = NodeRef::<html::Input>::new();
    let site_select = NodeRef::<html::Select>::new();
    let known_sites = StoredValue::new(sites.clone());
    let chosen_site = RwSignal::new(selected.clone());

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        let (Some(input), Some(select)) = (key_input.get(), site_select.get()) else {
            return;
        };
        let problem = known_sites
            .with_value(|sites| resolve_lookup(sites, &select.value(), &input.value()).err());
        match problem {
            Some(problem) => {
                event.prevent_default();
                error.set(Some(problem));
                let _ = input.focus();
            }
            None => {
                error.set(None);
                pending.set(true);
            }
        }
    };

    Either::Right(view! {
        <section class="panel lookup" aria-labelledby="lookup-title">
            <h2 id="lookup-title">"Open an issue"</h2>
            <form method="get" action="/lookup" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="lookup-site">"Site"</label>
                    <select
                        id="lookup-site"
                        name="site"
                        node_ref=site_select
                        on:change=move |event| chosen_site.set(event_target_value(&event))
                    >
                        {sites
                            .into_iter()
                            .map(|site| {
                                let is_selected = site.cloud_id.to_string() == selected;
                                view! {
                                    <option value=site.cloud_id.to_string() selected=is_selected>
                                        {site.name}
                                    </option>
                                }
                            })
                            .collect_view()}
                        {several
                            .then(|| {
                                view! {
                                    <option value=ALL_SITES selected=selected == ALL_SITES>
                                        "All my sites"
                                    </option>
                                }
                            })}
                    </select>
                </div>
                <div class="field field--grow">
                    <label for="lookup-key">"Issue key or link"</label>
                    <SuggestInput
                        id="lookup-key"
                        name="key"
                        value=key.unwrap_or_default()
                        site=chosen_site
                        placeholder="ABC-123"
                        described_by="lookup-hint lookup-error"
                        node_ref=key_input
                        problem=error
                        required=true
                    />
                    <p id="lookup-hint" class="hint">
                        "A key like ABC-123, words of its summary to pick from suggestions, or paste a link such as https://your-site.atlassian.net/browse/ABC-123"
                    </p>
                    <p id="lookup-error" class="field-error" role="alert">
                        {move || error.get()}
                    </p>
                </div>
                <button type="submit" class="button button--primary" aria-busy=move || pending.get().to_string()>
                    {move || if pending.get() { "Opening…" } else { "Open issue" }}
                </button>
            </form>
        </section>
    })
}

/// What the form says after an all-sites search for `input` came back empty.
fn missing_message(missing: &str, input: &str) -> Option<String> {
    let key = IssueReference::parse(input)?.key;
    match missing {
        "all" => Some(format!(
            "{key} is on none of your sites, or you don't have access to it."
        )),
        "some" => Some(format!(
            "{key} was not found on the sites that answered, and some did not answer. Try again in a moment."
        )),
        _ => None,
    }
}
