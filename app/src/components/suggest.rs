//! Issue suggestions as the person types: a text box that is an accessible combobox (the ARIA 1.2
//! pattern with a list box), asking Jira's issue picker after a pause in typing, never per
//! keystroke. Arrow keys move through the suggestions, Enter opens one, Escape closes the list; a
//! status line tells screen readers how many there are. Without JavaScript it is a plain text box
//! of its form.

use crate::{
    i18n::{I18n, LanguageWords},
    models::Suggestion,
    server::find::{suggest_issues, MAX_SUGGESTIONS, MIN_SUGGEST_CHARS},
    t,
};
use leptos::{html, prelude::*};
use std::time::Duration;

/// The pause in typing after which suggestions are asked for.
const PAUSE: Duration = Duration::from_millis(300);

crate::island_words! {
    /// The words of [`SuggestInput`], in the person's language.
    pub struct SuggestWords {
        /// The list's label, "Suggested issues".
        list_label
        ;
        /// What the status line says when `n` suggestions came for a text: entry `n - 1`, with
        /// `{text}` where the text goes.
        announcements: Vec<String>
    }
}

impl SuggestWords {
    /// The words in `i18n`'s language.
    pub fn new(i18n: &I18n) -> Self {
        Self {
            list_label: t!(i18n, "search-suggestions-label"),
            announcements: (1..=MAX_SUGGESTIONS)
                .map(|count| {
                    t!(
                        i18n,
                        "search-suggestions-count",
                        count = count,
                        text = "{text}"
                    )
                })
                .collect(),
        }
    }

    /// What the status line says when `count` suggestions came for `text`.
    fn announcement(&self, count: usize, text: &str) -> String {
        count
            .checked_sub(1)
            .and_then(|at| self.announcements.get(at).or(self.announcements.last()))
            .map(|template| template.replace("{text}", text))
            .unwrap_or_default()
    }
}

/// A text box that suggests issues on `site` (a cloud id, or `all`) as the person types.
#[component]
pub fn SuggestInput(
    /// The input's id (its label points at it).
    id: &'static str,
    /// The input's name in its form.
    name: &'static str,
    /// What it holds at first.
    value: String,
    /// Where to look: a cloud id, or `all`.
    site: RwSignal<String>,
    /// Placeholder text.
    placeholder: String,
    /// Its words.
    words: SuggestWords,
    /// Ids of the hint and error lines.
    described_by: &'static str,
    /// The input, for the form that holds it.
    #[prop(optional)]
    node_ref: Option<NodeRef<html::Input>>,
    /// Why the form finds what it holds invalid, if it does.
    #[prop(optional)]
    problem: Option<RwSignal<Option<String>>>,
    /// The form needs a value.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let asked = StoredValue::new(0_u64);
    let asked_for = RwSignal::new(String::new());
    // The box is a combobox only once it can act as one (hydrated); before, a plain text box.
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let when_hydrated = move |value: &'static str| move || hydrated.get().then_some(value);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let list_id = format!("{id}-suggestions");
    let option_id = move |n: usize| format!("{id}-suggestion-{n}");
    let node_ref = node_ref.unwrap_or_default();

    let ask = move |text: String| {
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        if text.trim().chars().count() < MIN_SUGGEST_CHARS {
            suggestions.set(Vec::new());
            open.set(false);
            return;
        }
        let site = site.get_untracked();
        leptos::task::spawn_local(async move {
            let found = suggest_issues(site, text.clone()).await.unwrap_or_default();
            if asked.try_get_value() == Some(this) {
                active.try_set(None);
                open.try_set(!found.is_empty());
                asked_for.try_set(text);
                suggestions.try_set(found);
            }
        });
    };
    // Typing, or leaving the box, ends what was suggested for the text before: an answer still
    // on its way is dropped, the arrows bring nothing back, and Enter submits the form rather
    // than open an older suggestion.
    let stop = move || {
        asked.update_value(|n| *n += 1);
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        open.set(false);
        active.set(None);
        suggestions.set(Vec::new());
    };
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        stop();
        timer.set_value(set_timeout_with_handle(move || ask(text), PAUSE).ok());
    };
    let go = move |n: usize| {
        if let Some(choice) = suggestions.with_untracked(|list| list.get(n).cloned()) {
            let _ = window().location().set_href(&href(&choice));
        }
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        let count = suggestions.with_untracked(Vec::len);
        match event.key().as_str() {
            "ArrowDown" | "ArrowUp" if count > 0 => {
                event.prevent_default();
                let down = event.key() == "ArrowDown";
                open.set(true);
                active.update(|at| {
                    *at = Some(match (*at, down) {
                        (None, true) => 0,
                        (None, false) => count - 1,
                        (Some(n), true) => (n + 1) % count,
                        (Some(n), false) => (n + count - 1) % count,
                    });
                });
            }
            "Enter" if open.get_untracked() => {
                if let Some(n) = active.get_untracked() {
                    event.prevent_default();
                    go(n);
                }
            }
            "Escape" if open.get_untracked() => {
                event.prevent_default();
                open.set(false);
                active.set(None);
            }
            _ => {}
        }
    };
    let list_label = words.list_label.clone();
    let announcement = move || {
        let count = suggestions.with(Vec::len);
        if open.get() {
            asked_for.with(|text| words.announcement(count, text))
        } else {
            String::new()
        }
    };
    let options = move || {
        suggestions
            .get()
            .into_iter()
            .enumerate()
            .map(|(n, choice)| {
                let selected = move || active.get() == Some(n);
                view! {
                    <li
                        id=option_id(n)
                        role="option"
                        class="suggestion"
                        aria-selected=move || selected().to_string()
                        on:mousedown=move |event| {
                            event.prevent_default();
                            go(n);
                        }
                    >
                        <span class="mono">{choice.key.clone()}</span>
                        " "
                        <span dir="auto">{choice.summary.clone()}</span>
                        <span class="muted small">
                            " · " <span dir="auto">{choice.site_name.clone()}</span>
                        </span>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <div class="suggest">
            <input
                id=id
                name=name
                type="text"
                autocomplete="off"
                spellcheck="false"
                placeholder=placeholder
                value=value
                node_ref=node_ref
                required=required
                role=when_hydrated("combobox")
                aria-autocomplete=when_hydrated("list")
                aria-controls={
                    let list_id = list_id.clone();
                    move || hydrated.get().then(|| list_id.clone())
                }
                aria-expanded=move || hydrated.get().then(|| open.get().to_string())
                aria-activedescendant=move || active.get().map(option_id)
                aria-describedby=described_by
                aria-invalid=move || problem.is_some_and(|p| p.with(Option::is_some)).to_string()
                on:input=on_input
                on:keydown=on_keydown
                on:blur=move |_| stop()
            />
            <ul id=list_id role="listbox" class="suggestions" aria-label=list_label hidden=move || !open.get()>
                {options}
            </ul>
            <p class="visually-hidden" role="status">{announcement}</p>
        </div>
    }
}

/// The issue page of a suggestion.
fn href(choice: &Suggestion) -> String {
    format!("/sites/{}/issues/{}", choice.cloud_id, choice.key)
}

crate::island_words! {
    /// The words of [`SearchBox`], in the person's language.
    pub struct SearchBoxWords {
        /// The box's label.
        label,
        /// The box's placeholder, example words.
        placeholder,
        /// The hint under the box.
        hint
        ;
        /// The suggestions' words.
        suggest: SuggestWords
    }
}

impl LanguageWords for SearchBoxWords {
    fn make(i18n: &I18n) -> Self {
        Self {
            label: t!(i18n, "search-box-label"),
            placeholder: t!(i18n, "search-box-placeholder"),
            hint: t!(i18n, "search-box-hint"),
            suggest: SuggestWords::new(i18n),
        }
    }
}

/// The search page's box: words for every site, with suggestions.
#[island]
pub fn SearchBox(
    /// Where suggestions come from: a cloud id, or `all`.
    site: String,
    /// The words searched for.
    value: String,
    /// Its words.
    words: SearchBoxWords,
) -> impl IntoView {
    let SearchBoxWords {
        label,
        placeholder,
        hint,
        suggest,
    } = words;
    view! {
        <label for="search-q">{label}</label>
        <SuggestInput
            id="search-q"
            name="q"
            value
            site=RwSignal::new(site)
            placeholder
            words=suggest
            described_by="search-q-hint search-error"
        />
        <p id="search-q-hint" class="hint">
            {hint}
        </p>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::{Catalogue, Lang};
    use std::sync::Arc;

    fn words(lang: Lang) -> SuggestWords {
        SuggestWords::new(&Arc::new(Catalogue::load().unwrap()).words(lang))
    }

    #[test]
    fn the_status_line_counts_the_suggestions_in_the_person_s_words() {
        let english = words(Lang::En);
        assert_eq!(english.announcement(0, "pay"), "");
        assert_eq!(
            english.announcement(1, "pay"),
            "1 suggestion for “pay”. Use the down arrow to choose it."
        );
        assert_eq!(
            english.announcement(MAX_SUGGESTIONS, "pay"),
            format!(
                "{MAX_SUGGESTIONS} suggestions for “pay”. Use the up and down arrows to choose one."
            )
        );
        let arabic = words(Lang::Ar);
        assert!(arabic.announcement(2, "pay").starts_with("اقتراحان"));
        assert!(arabic
            .announcement(3, "pay")
            .contains("\u{2068}pay\u{2069}"));
    }
}
