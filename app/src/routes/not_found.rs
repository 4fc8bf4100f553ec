//! The page for an address that is not one of ours.

use crate::{components::ErrorPanel, error::AppError, i18n::use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// 404 page.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text=AppError::PageNotFound.heading(&use_i18n()) />
        <ErrorPanel error=AppError::PageNotFound />
    }
}
