//! Any JSON as an ADF document, read as the app reads Jira's (its text kept, parsed when
//! rendered): rendering never panics and never turns text into markup, with code blocks
//! highlighted and the rendering kept as the server does, and the kept rendering is the same.
#![no_main]

use app::{adf::AdfDocument, fragments::Fragments, highlight::Highlighter, models::Adf};
use leptos::prelude::*;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();
static FRAGMENTS: OnceLock<Fragments> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(document) = serde_json::from_slice::<Adf>(data) else {
        return;
    };
    let highlighter = HIGHLIGHTER.get_or_init(Highlighter::new).clone();
    let fragments = FRAGMENTS.get_or_init(Fragments::new).clone();
    let render = || {
        let document = document.clone();
        Owner::new().with(|| {
            provide_context(highlighter.clone());
            provide_context(fragments.clone());
            view! { <AdfDocument document /> }.to_html()
        })
    };
    let html = render();
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.contains("href=\"javascript:"));
    assert_eq!(render(), html);
});
