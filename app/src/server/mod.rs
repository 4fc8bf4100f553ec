//! Server functions: what pages ask the server for. Each runs on the server (directly during
//! server rendering, over HTTP from the browser afterwards) and returns view models or an `AppError`.

pub mod dashboard;
pub mod find;
pub mod issues;
pub mod viewer;

#[cfg(feature = "ssr")]
pub mod connection;
#[cfg(feature = "ssr")]
pub mod copies;
#[cfg(feature = "ssr")]
pub mod flights;
#[cfg(feature = "ssr")]
pub mod limits;
#[cfg(feature = "ssr")]
pub mod search;

/// A server function's answer over HTTP carries the error's status (a 429 is a 429, not a 500)
/// and its sentence in the person's language (the islands that asked have no catalogue); called
/// directly during server rendering it leaves the page's status and the error alone.
#[cfg(feature = "ssr")]
pub(crate) fn answer<T>(result: Result<T, crate::AppError>) -> Result<T, crate::AppError> {
    use leptos::prelude::use_context;
    let over_http = use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| parts.uri.path().starts_with("/api/"));
    match result {
        Err(error) if over_http => {
            if let (Some(response), Ok(status)) = (
                use_context::<leptos_axum::ResponseOptions>(),
                axum::http::StatusCode::from_u16(error.status()),
            ) {
                response.set_status(status);
            }
            Err(error.said(&crate::i18n::use_i18n()))
        }
        other => other,
    }
}

/// `(site, key)` pairs grouped by site, in the order the sites first appear, each key once
/// (ignoring case): one batched Jira search per site.
#[cfg(feature = "ssr")]
pub(crate) fn keys_by_site(
    pairs: impl IntoIterator<Item = (uuid::Uuid, String)>,
) -> Vec<(uuid::Uuid, Vec<String>)> {
    let mut per_site: Vec<(uuid::Uuid, Vec<String>)> = Vec::new();
    for (site, key) in pairs {
        match per_site.iter_mut().find(|(id, _)| *id == site) {
            Some((_, keys)) => {
                if !keys.iter().any(|known| known.eq_ignore_ascii_case(&key)) {
                    keys.push(key);
                }
            }
            None => per_site.push((site, vec![key])),
        }
    }
    per_site
}
