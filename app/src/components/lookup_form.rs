//! The issue lookup form: a site and one box for a key or a pasted browse link.
//!
//! A plain GET form to `/lookup`, so it works without JavaScript; an island, so that once hydrated
//! it checks the input first with the same rules as the server and explains a problem in place.

use crate::{
    components::{suggest::SuggestWords, SuggestInput},
    i18n::{I18n, LanguageWords},
    issue_key::{resolve_lookup, IssueReference, LookupProblem, ALL_SITES},
    models::Site,
    t,
};
use leptos::{either::Either, html, prelude::*};

crate::island_words! {
    /// The words of [`LookupForm`], in the person's language. Problems with what was typed are
    /// templates: `{input}`, `{host}` or `{key}` stand where the form puts the text.
    pub struct LookupFormWords {
        /// The heading, "Open an issue".
        title,
        /// Said instead of the form when no granted site has Jira.
        no_jira,
        /// The site list's label.
        site,
        /// The site list's choice of every site.
        all_sites,
        /// The box's label.
        key,
        /// The hint under the box.
        hint,
        /// The button.
        submit,
        /// The button while the issue opens.
        opening,
        /// The box is empty.
        empty,
        /// What was typed (`{input}`) is not a key.
        not_a_key,
        /// A pasted link's host (`{host}`) is none of the person's sites.
        site_not_granted,
        /// The chosen site is none of the person's.
        choose_site,
        /// `{key}` is on none of the sites.
        missing_all,
        /// `{key}` is on none of the sites that answered.
        missing_some
        ;
        /// The suggestions' words.
        suggest: SuggestWords
    }
}

impl LanguageWords for LookupFormWords {
    fn make(i18n: &I18n) -> Self {
        Self {
            title: t!(i18n, "lookup-title"),
            no_jira: t!(i18n, "lookup-no-jira"),
            site: t!(i18n, "lookup-site"),
            all_sites: t!(i18n, "lookup-all-sites"),
            key: t!(i18n, "lookup-key"),
            hint: t!(i18n, "lookup-hint"),
            submit: t!(i18n, "lookup-submit"),
            opening: t!(i18n, "lookup-opening"),
            empty: t!(i18n, "lookup-empty"),
            not_a_key: t!(i18n, "lookup-not-a-key", input = "{input}"),
            site_not_granted: t!(i18n, "lookup-site-not-granted", host = "{host}"),
            choose_site: t!(i18n, "lookup-choose-site"),
            missing_all: t!(i18n, "lookup-missing-all", key = "{key}"),
            missing_some: t!(i18n, "lookup-missing-some", key = "{key}"),
            suggest: SuggestWords::new(i18n),
        }
    }
}

impl LookupFormWords {
    /// What the form says about `problem`.
    fn problem(&self, problem: &LookupProblem) -> String {
        match problem {
            LookupProblem::Empty => self.empty.clone(),
            LookupProblem::NotAKey(input) => self.not_a_key.replace("{input}", input),
            LookupProblem::SiteNotGranted(host) => self.site_not_granted.replace("{host}", host),
            LookupProblem::NoSite => self.choose_site.clone(),
        }
    }

    /// What the form says after an all-sites search for `input` came back empty.
    fn missing(&self, missing: &str, input: &str) -> Option<String> {
        let key = IssueReference::parse(input)?.key;
        let template = match missing {
            "all" => &self.missing_all,
            "some" => &self.missing_some,
            _ => return None,
        };
        Some(template.replace("{key}", key.as_str()))
    }
}

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
    /// Its words.
    words: LookupFormWords,
) -> impl IntoView {
    let sites: Vec<Site> = sites.into_iter().filter(Site::is_jira).collect();
    if sites.is_empty() {
        return Either::Left(view! {
            <section class="panel" aria-labelledby="lookup-title">
                <h2 id="lookup-title">{words.title}</h2>
                <p>{words.no_jira}</p>
            </section>
        });
    }
    let selected = site.unwrap_or_else(|| sites[0].cloud_id.to_string());
    let initial_error = key.as_deref().and_then(|key| {
        resolve_lookup(&sites, &selected, key)
            .err()
            .map(|problem| words.problem(&problem))
            .or_else(|| words.missing(missing.as_deref()?, key))
    });
    let several = sites.len() > 1;
    let error = RwSignal::new(initial_error);
    let pending = RwSignal::new(false);
    let key_input = NodeRef::<html::Input>::new();
    let site_select = NodeRef::<html::Select>::new();
    let known_sites = StoredValue::new(sites.clone());
    let chosen_site = RwSignal::new(selected.clone());
    let LookupFormWords {
        title,
        site: site_label,
        all_sites,
        key: key_label,
        hint,
        submit,
        opening,
        suggest,
        ..
    } = words.clone();
    let words = StoredValue::new(words);

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        let (Some(input), Some(select)) = (key_input.get(), site_select.get()) else {
            return;
        };
        let problem = known_sites
            .with_value(|sites| resolve_lookup(sites, &select.value(), &input.value()).err())
            .map(|problem| words.with_value(|words| words.problem(&problem)));
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
            <h2 id="lookup-title">{title}</h2>
            <form method="get" action="/lookup" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="lookup-site">{site_label}</label>
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
                                    <option
                                        value=site.cloud_id.to_string()
                                        selected=is_selected
                                        dir="auto"
                                    >
                                        {site.name}
                                    </option>
                                }
                            })
                            .collect_view()}
                        {several
                            .then(|| {
                                view! {
                                    <option value=ALL_SITES selected=selected == ALL_SITES>
                                        {all_sites.clone()}
                                    </option>
                                }
                            })}
                    </select>
                </div>
                <div class="field field--grow">
                    <label for="lookup-key">{key_label}</label>
                    <SuggestInput
                        id="lookup-key"
                        name="key"
                        value=key.unwrap_or_default()
                        site=chosen_site
                        placeholder="ABC-123".to_owned()
                        words=suggest
                        described_by="lookup-hint lookup-error"
                        node_ref=key_input
                        problem=error
                        required=true
                    />
                    <p id="lookup-hint" class="hint">
                        {hint}
                    </p>
                    <p id="lookup-error" class="field-error" role="alert">
                        {move || error.get()}
                    </p>
                </div>
                <button type="submit" class="button button--primary" aria-busy=move || pending.get().to_string()>
                    {move || if pending.get() { opening.clone() } else { submit.clone() }}
                </button>
            </form>
        </section>
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::{Catalogue, Lang};
    use std::sync::Arc;

    fn words(lang: Lang) -> LookupFormWords {
        LookupFormWords::make(&Arc::new(Catalogue::load().unwrap()).words(lang))
    }

    #[test]
    fn problems_are_sentences_in_the_person_s_words() {
        let english = words(Lang::En);
        assert_eq!(
            english.problem(&LookupProblem::NotAKey("ACME 1".to_owned())),
            "“ACME 1” is not an issue key. Issue keys look like ABC-123."
        );
        assert_eq!(
            english.problem(&LookupProblem::SiteNotGranted(
                "other.atlassian.net".to_owned()
            )),
            "other.atlassian.net is not one of the sites you granted access to."
        );
        assert_eq!(
            english.problem(&LookupProblem::NoSite),
            "Choose one of your sites."
        );
        assert_eq!(
            english.missing("all", " acme-1 ").as_deref(),
            Some("ACME-1 is on none of your sites, or you don't have access to it.")
        );
        assert_eq!(english.missing("other", "ACME-1"), None);
        let german = words(Lang::De);
        assert_eq!(
            german.problem(&LookupProblem::NotAKey("x".to_owned())),
            "„x“ ist kein Vorgangsschlüssel. Vorgangsschlüssel sehen so aus: ABC-123."
        );
    }
}
