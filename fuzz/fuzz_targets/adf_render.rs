//! Any JSON as an ADF document: rendering never panics and never turns text into markup.
#![no_main]

use app::adf::AdfDocument;
use leptos::prelude::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(document) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let html = Owner::new().with(|| view! { <AdfDocument document /> }.to_html());
    assert!(!html.to_ascii_lowercase().contains("<script"));
    assert!(!html.contains("href=\"javascript:"));
});
