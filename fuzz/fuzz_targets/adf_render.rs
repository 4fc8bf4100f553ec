//! Any JSON as an ADF document: rendering never panics and never turns text into markup, with
//! code blocks highlighted as the server does.
#![no_main]

use app::{adf::AdfDocument, highlight::Highlighter};
use leptos::prelude::*;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(document) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let highlighter = HIGHLIGHTER.get_or_init(Highlighter::new).clone();
    let html = Owner::new().with(|| {
        provide_context(highlighter);
        view! { <AdfDocument document /> }.to_html()
    });
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.contains("href=\"javascript:"));
});
