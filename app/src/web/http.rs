//! Response policy for every route: cross-site writes refused, security headers, cache
//! lifetimes, and one log line per request (method, path without its query, status, latency, Cloud Trace id). The query is never
//! logged: on `/oauth/callback` it carries the authorization code and state.

use super::problem::problem_page;
use crate::{config::SANDBOX_MOUNT, error::AppError, state::AppState};
use axum::{
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method},
    middleware::Next,
    response::Response,
};
use std::time::Instant;

/// Long-lived cache for assets whose names carry a content hash.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Short cache for other static files (favicon, images).
const STATIC: &str = "public, max-age=3600";
/// Pages are personal: never stored.
const NO_STORE: &str = "no-store";

/// Refuses a state-changing request (any method but GET, HEAD and OPTIONS) that a browser sent
/// from another origin: `Sec-Fetch-Site` other than `same-origin`/`none`, or else an `Origin`
/// that is neither `APP_URL`'s nor the `Host` asked for. Requests with neither header (curl,
/// server-to-server) pass: they carry no ambient cookies of a victim. `SameSite=Lax` already
/// keeps the session cookie off cross-site POSTs; this is the second, explicit line (OWASP's
/// Fetch Metadata and Origin checks). The sandbox stands for other hosts and is not guarded.
pub async fn refuse_cross_site_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe
        || request.uri().path().starts_with(SANDBOX_MOUNT)
        || is_same_origin(request.headers(), state.config.app_url.origin())
    {
        return next.run(request).await;
    }
    tracing::warn!(
        method = %request.method(),
        path = request.uri().path(),
        "cross-site write refused"
    );
    problem_page(&state, AppError::CrossSiteRequest)
}

/// Whether the browser's own headers place the request on this origin (or say nothing).
fn is_same_origin(headers: &HeaderMap, app_origin: url::Origin) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = text(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = url::Url::parse(origin) else {
        return false;
    };
    origin.origin() == app_origin
        || text(header::HOST).is_some_and(|host| {
            origin.host_str().is_some_and(|h| {
                let with_port = origin
                    .port()
                    .map_or_else(|| h.to_owned(), |port| format!("{h}:{port}"));
                with_port.eq_ignore_ascii_case(host)
            })
        })
}

/// Adds security headers and cache lifetimes to every response.
pub async fn response_policy(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let forwarded_https = request
        .headers()
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|proto| proto.eq_ignore_ascii_case("https"));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    set_default(headers, "x-content-type-options", "nosniff");
    set_default(
        headers,
        "referrer-policy",
        "strict-origin-when-cross-origin",
    );
    set_default(headers, "x-frame-options", "DENY");
    set_default(headers, "content-security-policy", "frame-ancestors 'none'");
    if state.config.is_https() && forwarded_https {
        set_default(
            headers,
            "strict-transport-security",
            "max-age=63072000; includeSubDomains",
        );
    }
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let cache = if path.starts_with(&format!("/{}/", state.leptos_options.site_pkg_dir)) {
        // Only a file that is there may be kept for a year: during a rollout an instance of the
        // old version answers 404 for the new version's file names.
        if state.leptos_options.hash_files && response.status().is_success() {
            IMMUTABLE
        } else {
            "no-cache"
        }
    } else if is_html {
        NO_STORE
    } else if response.status().is_success() && !path.starts_with("/api/") && path.contains('.') {
        STATIC
    } else {
        NO_STORE
    };
    set_default(response.headers_mut(), "cache-control", cache);
    response
}

fn set_default(headers: &mut HeaderMap, name: &'static str, value: &'static str) {
    if !headers.contains_key(name) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// Logs one line per request. On Cloud Run the JSON formatter turns these fields into Cloud
/// Logging's `httpRequest` and `logging.googleapis.com/trace`.
pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let trace = request
        .headers()
        .get("x-cloud-trace-context")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split('/').next())
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_hexdigit()))
        .map(str::to_owned);
    let user_agent = request
        .headers()
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.chars().take(200).collect::<String>());
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        target: "request",
        method,
        path,
        status,
        latency_ms,
        trace = trace.as_deref(),
        user_agent = user_agent.as_deref(),
        "{method} {path} {status} {latency_ms:.1}ms"
    );
    response
}
