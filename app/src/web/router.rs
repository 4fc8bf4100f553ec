//! The whole HTTP surface in one `Router`, built apart from `main` so tests can drive it without a
//! socket.

use super::{files, handlers, http};
use crate::{
    auth::session::SESSION_IDLE_SECS, config::SANDBOX_MOUNT, i18n::Locale, shell, state::AppState,
    App,
};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::middleware;
use axum::{
    routing::{get, post},
    Router,
};
use leptos::prelude::{provide_context, use_context};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use time::Duration;
use tower_http::{
    compression::{
        predicate::{NotForContentType, Predicate},
        CompressionLayer, DefaultPredicate,
    },
    services::ServeDir,
    set_header::SetResponseHeader,
};
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

/// Idle time after which a session ends.
const SESSION_IDLE: Duration = Duration::seconds(SESSION_IDLE_SECS as i64);

/// The app's routes, listed once per process. Listing renders `App` with Leptos's process-wide
/// "suppress resource loading" flag set (leptos_server 0.8), and a page any thread renders
/// meanwhile waits for data that never loads: the one static here keeps a second router in one
/// process (the tests build dozens) from hanging another's pages.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The locale the `language` middleware decided for the request being rendered.
fn request_language() -> Locale {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<Locale>().copied())
        .unwrap_or_default()
}

/// Every route of the app (and the sandbox in sandbox mode) with the session layer.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let https = state.config.is_https();
    // `__Host-` binds the cookie to this origin (Secure, Path=/, no Domain); browsers only accept
    // it over https. SameSite=Lax, not Strict: the callback is a cross-site top-level navigation
    // from Atlassian and must carry the cookie.
    let sessions = SessionManagerLayer::new(state.backend.sessions())
        .with_name(if https {
            "__Host-jsa-session"
        } else {
            "jsa-session"
        })
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(SESSION_IDLE));

    // The JS, WASM and CSS bundle: brotli or gzip files written beside each one at build time
    // (tools/precompress.mjs, at the highest levels) are sent as they are; without them the
    // compression layer compresses on the fly at its faster default level. Either way the answer
    // depends on Accept-Encoding, and caches are told so.
    let options = &state.leptos_options;
    let bundle = SetResponseHeader::if_not_present(
        ServeDir::new(format!("{}/{}", options.site_root, options.site_pkg_dir))
            .precompressed_br()
            .precompressed_gzip(),
        header::VARY,
        HeaderValue::from_static("accept-encoding"),
    );
    let mut router = Router::new()
        .route("/health-check", get(handlers::health_check))
        .route("/status/rate-limits", get(handlers::rate_limits))
        .route("/initiate-oauth", get(handlers::initiate_oauth))
        .route("/oauth/callback", get(handlers::oauth_callback))
        .route("/logout", post(handlers::logout))
        .route("/language", post(handlers::choose_language))
        .route("/lookup", get(handlers::lookup))
        .route("/sites/{cloud_id}/attachments/{id}", get(files::content))
        .route(
            "/sites/{cloud_id}/attachments/{id}/thumbnail",
            get(files::thumbnail),
        )
        .nest_service(&format!("/{}", options.site_pkg_dir), bundle)
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let (highlighter, fragments) = (state.highlighter.clone(), state.fragments.clone());
                let catalogue = state.catalogue.clone();
                move || {
                    provide_context(highlighter.for_request());
                    provide_context(fragments.clone());
                    provide_context(catalogue.words(request_language()));
                }
            },
            {
                let (options, bundle) = (state.leptos_options.clone(), state.bundle.clone());
                move || shell(options.clone(), bundle.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>({
            let (bundle, catalogue) = (state.bundle.clone(), state.catalogue.clone());
            move |options| {
                provide_context(catalogue.words(request_language()));
                shell(options, bundle.clone())
            }
        }));
    if let Some(sandbox) = &state.sandbox {
        router = router.nest_service(SANDBOX_MOUNT, sandbox.router(state.config.sandbox_controls));
    }
    router
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::language,
        ))
        .layer(sessions)
        .layer(middleware::from_fn(http::server_function_status))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::refuse_cross_site_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            http::response_policy,
        ))
        // Downloads are opaque bytes, often already compressed, and may be asked for by range.
        .layer(CompressionLayer::new().br(true).gzip(true).compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("application/octet-stream")),
        ))
        .layer(middleware::from_fn(http::trace_request))
        .with_state(state)
}
