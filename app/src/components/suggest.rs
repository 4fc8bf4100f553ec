//! Issue suggestions as the person types: a text box that is an accessible combobox (the ARIA 1.2
//! pattern with a list box), asking Jira's issue picker after a pause in typing, never per
//! keystroke. Arrow keys move through the suggestions, Enter opens one, Escape closes the list; a
//! status line tells screen readers how many there are. Without JavaScript it is a plain text box
//! of its form.

use crate::{
    models::Suggestion,
    server::find::{suggest_issues, MIN_SUGGEST_CHARS},
};
use leptos::{html, prelude::*};
use std::time::Duration;

/// The pause in typing after which suggestions are asked for.
const PAUSE: Duration = Duration::from_millis(300);

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
    placeholder: &'static str,
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
    let announcement = move || {
        let count = suggestions.with(Vec::len);
        let text = asked_for.get();
        match (open.get(), count) {
            (false, _) | (true, 0) => String::new(),
            (true, 1) => format!("1 suggestion for “{text}”. Use the down arrow to choose it."),
            (true, n) => {
                format!("{n} suggestions for “{text}”. Use the up and down arrows to choose one.")
            }
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
                        <span class="muted small">" · " {choice.site_name.clone()}</span>
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
            <ul id=list_id role="listbox" class="suggestions" aria-label="Suggested issues" hidden=move || !open.get()>
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

/// The search page's box: words for every site, with suggestions.
#[island]
pub fn SearchBox(
    /// Where suggestions come from: a cloud id, or `all`.
    site: String,
    /// The words searched for.
    value: String,
) -> impl IntoView {
    view! {
        <label for="search-q">"Words, an issue key or a link"</label>
        <SuggestInput
            id="search-q"
            name="q"
            value
            site=RwSignal::new(site)
            placeholder="checkout timeout"
            described_by="search-q-hint search-error"
        />
        <p id="search-q-hint" class="hint">
            "Searches summaries, descriptions and comments on all your sites. Put \"exact phrases\" in quotes; end a word with * to match its beginning."
        </p>
    }
}
