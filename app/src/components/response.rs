//! What a page says at the HTTP level: its status, or a redirect. On the server they set the
//! response; in the browser a redirect navigates.

use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Sets the status of the server-rendered response; renders nothing.
#[component]
pub fn HttpStatus(
    /// The HTTP status code.
    code: u16,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// Redirects to `path`: a `302` with `Location` when server-rendered (whatever the `Accept`
/// header), a client-side navigation in the browser.
#[component]
pub fn RedirectTo(
    /// A path on this site.
    path: String,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(location)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(&path),
    ) {
        response.set_status(axum::http::StatusCode::FOUND);
        response.insert_header(axum::http::header::LOCATION, location);
    }
    view! { <Redirect path=path /> }
}
