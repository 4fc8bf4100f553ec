//! The way every page explains a failure: a heading, the sentence, and what to do next.

use crate::{
    components::HttpStatus, error::AppError, i18n::use_i18n, models::RequestId,
    return_to::encode_query_value, t,
};
use leptos::prelude::*;

/// Shows `error` in plain words, sets the page's status, and offers the way forward.
#[component]
pub fn ErrorPanel(
    /// What went wrong.
    error: AppError,
    /// Where "Sign in again" should come back to.
    #[prop(optional, into)]
    return_to: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sign_in_href = match &return_to {
        Some(path) => format!("/initiate-oauth?return_to={}", encode_query_value(path)),
        None => "/initiate-oauth".to_owned(),
    };
    let action = if error.needs_sign_in() {
        view! {
            <a class="button button--primary" href=sign_in_href rel="external">
                {t!(i18n, "sign-in-with-atlassian")}
            </a>
        }
        .into_any()
    } else if error.is_transient() {
        view! {
            <a class="button button--primary" href=return_to.unwrap_or_default() rel="external">
                {t!(i18n, "error-try-again")}
            </a>
            <a class="button" href="/dashboard">
                {t!(i18n, "error-go-to-dashboard")}
            </a>
        }
        .into_any()
    } else {
        view! {
            <a class="button" href="/dashboard">
                {t!(i18n, "error-go-to-dashboard")}
            </a>
        }
        .into_any()
    };
    let request_id = request_id().map(|id| {
        view! {
            <p class="request-id">
                {t!(i18n, "error-request-id")} " " <code>{id.to_string()}</code>
            </p>
        }
    });
    view! {
        <HttpStatus code=error.status() />
        <section class="panel panel--error" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">{error.heading(&i18n)}</h1>
            <p class="error-message">{error.message(&i18n)}</p>
            <div class="actions">{action}</div>
            {request_id}
        </section>
    }
}

/// The id of the request this page answers: provided as context by pages rendered outside the
/// router, else taken from the request itself. The panel is never rendered in the browser.
fn request_id() -> Option<RequestId> {
    let provided = use_context::<RequestId>();
    #[cfg(feature = "ssr")]
    let provided = provided.or_else(|| {
        use_context::<axum::http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<RequestId>().copied())
    });
    provided
}
