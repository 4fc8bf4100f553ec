//! The page for an address that is not one of ours.

use crate::{components::ErrorPanel, error::AppError};
use leptos::prelude::*;
use leptos_meta::Title;

/// 404 page.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Page not found" />
        <ErrorPanel error=AppError::PageNotFound />
    }
}
