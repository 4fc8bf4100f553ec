//! The page that explains an error to a person when a plain handler or the response policy
//! refuses a request before any Leptos route is involved.

use super::csp::SCRIPTLESS_CSP;
use crate::{
    components::{ErrorPanel, SandboxBanner},
    error::AppError,
    i18n::Locale,
    models::RequestId,
    state::AppState,
};
use axum::{
    http::{header, StatusCode},
    response::{Html, IntoResponse, Response},
};
use leptos::prelude::*;
use leptos_meta::HashedStylesheet;

/// A full page explaining `error`, with the status it maps to. Rendered without hydration: these
/// handlers answer before any Leptos route is involved. `request_id` is shown for reports.
pub fn problem_page(
    state: &AppState,
    request_id: RequestId,
    locale: Locale,
    error: AppError,
) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let sandbox = state.config.sandbox;
    let options = state.leptos_options.clone();
    let i18n = state.catalogue.words(locale);
    let title = format!("{} · Jira SSO", error.heading(&i18n));
    let html = Owner::new().with(move || {
        provide_context(request_id);
        provide_context(i18n);
        view! {
            <html lang=locale.lang.tag() dir=locale.lang.dir()>
                <head>
                    <meta charset="utf-8" />
                    <meta name="viewport" content="width=device-width, initial-scale=1" />
                    <meta name="color-scheme" content="light dark" />
                    <title>{title}</title>
                    <HashedStylesheet options />
                    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                </head>
                <body>
                    <header>
                        {sandbox.then(|| view! { <SandboxBanner /> })}
                        <div class="site-header">
                            <a class="brand" href="/">
                                <span class="brand-mark" aria-hidden="true"></span>
                                "Jira SSO"
                            </a>
                        </div>
                    </header>
                    <main id="main">
                        <ErrorPanel error />
                    </main>
                </body>
            </html>
        }
        .to_html()
    });
    (
        status,
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::CONTENT_SECURITY_POLICY, SCRIPTLESS_CSP),
        ],
        Html(format!("<!DOCTYPE html>{html}")),
    )
        .into_response()
}
