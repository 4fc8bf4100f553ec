//! Any JSON as an ADF document, read as the app reads Jira's (its text kept, parsed when
//! rendered): rendering never panics and never turns text into markup, with code blocks
//! highlighted and the rendering kept as the server does, and the kept rendering is the same;
//! in each of the app's languages (the words the renderer adds are the catalogue's).
#![no_main]

use app::{
    adf::AdfDocument,
    fragments::Fragments,
    highlight::Highlighter,
    i18n::{Catalogue, Lang},
    models::Adf,
};
use leptos::prelude::*;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
static FRAGMENTS: OnceLock<Fragments> = OnceLock::new();
static CATALOGUE: OnceLock<Arc<Catalogue>> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(document) = serde_json::from_slice::<Adf>(data) else {
        return;
    };
    let highlighter = HIGHLIGHTER.get_or_init(Highlighter::new).clone();
    let fragments = FRAGMENTS.get_or_init(Fragments::new).clone();
    let catalogue = CATALOGUE.get_or_init(|| Arc::new(Catalogue::load().unwrap()));
    let words = catalogue.words(Lang::ALL[data.len() % Lang::ALL.len()]);
    let render = || {
        let document = document.clone();
        Owner::new().with(|| {
            provide_context(highlighter.clone());
            provide_context(fragments.clone());
            provide_context(words.clone());
            view! { <AdfDocument document /> }.to_html()
        })
    };
    let html = render();
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.contains("href=\"javascript:"));
    assert_eq!(render(), html);
});
