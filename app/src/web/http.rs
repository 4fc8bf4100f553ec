//! Response policy for every route: a request id, cross-site writes refused, security headers,
//! cache lifetimes, server functions' error statuses, and one log line per request (method, path
//! without its query, status, latency, request id, Cloud Trace id). The query is never logged: on
//! `/oauth/callback` it carries the authorization code and state.

use super::problem::problem_page;
use crate::{
    auth::{
        cookies::{carried, cookie_name, set_cookie},
        session::UserSession,
    },
    config::SANDBOX_MOUNT,
    error::AppError,
    i18n::{negotiate, Lang, Locale},
    models::RequestId,
    state::AppState,
};
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::Response,
    Extension,
};
use axum::{extract::FromRequestParts, http::request::Parts};
use leptos::{
    prelude::provide_context,
    reactive::{computed::ScopedFuture, owner::Owner},
};
use std::{convert::Infallible, future::Future, time::Instant};
use tower_sessions::Session;
use tracing::Instrument;
use uuid::Uuid;

/// The response header that carries the request's id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

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
    Extension(request_id): Extension<RequestId>,
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
    let locale = browser_locale(request.headers());
    problem_page(&state, request_id, locale, AppError::CrossSiteRequest)
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

/// Largest server-function error body read back to find its status; errors are a few hundred
/// bytes.
const ERROR_BODY_LIMIT: usize = 16 * 1024;

/// Gives a server function's error answer the status of its [`AppError`]. The functions set it
/// themselves (see `server::answer`), but an error the framework raises before a function runs,
/// such as an argument that cannot be decoded, always leaves as a 500; its body is the encoded
/// `AppError`, so the status is read from there.
pub async fn server_function_status(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ERROR_BODY_LIMIT).await else {
        // Not an encoded AppError (and no longer whole): the status and headers stay.
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    };
    if let Some(status) = serde_json::from_slice::<AppError>(&bytes)
        .ok()
        .and_then(|error| StatusCode::from_u16(error.status()).ok())
    {
        parts.status = status;
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The cookie that keeps the language a person chose with the language control. A cookie of its
/// own rather than the session: choosing stores nothing on the server (anyone may choose, signed
/// in or not), and the choice outlives signing out.
const LANGUAGE_COOKIE: &str = "jsa-lang";

/// How long the chosen language is kept: a year.
const LANGUAGE_KEPT_SECS: u64 = 365 * 24 * 3600;

/// The `Set-Cookie` header that keeps `lang` for a year.
pub fn language_cookie(lang: Lang, https: bool) -> Option<HeaderValue> {
    let name = cookie_name(LANGUAGE_COOKIE, https);
    set_cookie(&name, lang.tag(), LANGUAGE_KEPT_SECS, https)
}

/// The language the request's cookie says the person chose, if it names one of ours.
fn chosen_language(headers: &HeaderMap, https: bool) -> Option<Lang> {
    let name = cookie_name(LANGUAGE_COOKIE, https);
    carried(headers)
        .filter(|cookie| cookie.name() == name)
        .find_map(|cookie| Lang::from_tag(cookie.value()))
}

/// Decides every request's locale and puts it in the request's extensions, where pages, server
/// functions and handlers find it. Its language: the person's choice (its cookie), else their
/// Atlassian locale's, else `Accept-Language`'s, else English; its region, for dates, from the
/// Atlassian locale or `Accept-Language` ([`negotiate`]), kept only where CLDR writes its dates
/// its own way ([`crate::i18n::Catalogue::canonical`]). The Atlassian locale is kept in the
/// session at sign-in and read only for requests that may show words (not the bundle's or other
/// static files, not the sandbox): one read of the record the request loads anyway, none without
/// a session cookie. A session store that cannot be read leaves the browser's language, and the
/// page says what is wrong.
pub async fn language(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let bundle = path
        .strip_prefix('/')
        .and_then(|path| path.strip_prefix(state.leptos_options.site_pkg_dir.as_ref()))
        .is_some_and(|rest| rest.starts_with('/'));
    let static_file = path
        .rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'));
    let shows_words = !bundle && !static_file && !path.starts_with(SANDBOX_MOUNT);
    let chosen = chosen_language(request.headers(), state.config.is_https());
    let profile = if shows_words {
        UserSession::new(session).locale().await.ok().flatten()
    } else {
        None
    };
    let accept = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    let locale = state
        .catalogue
        .canonical(negotiate(chosen, profile.as_deref(), accept));
    request.extensions_mut().insert(locale);
    next.run(request).await
}

/// Runs `work` (a plain handler's calls into the server's parts) with the request's words in the
/// Leptos context, as pages and server functions have them, so that what it writes in words (a
/// profile's fallback name, a quota's reset time, "this site") is in the person's language.
pub async fn in_language<T>(state: &AppState, locale: Locale, work: impl Future<Output = T>) -> T {
    let owner = Owner::new();
    owner.with(|| provide_context(state.catalogue.words(locale)));
    owner.with(|| ScopedFuture::new(work)).await
}

/// The locale of the browser's `Accept-Language`, for answers made before the session is read.
fn browser_locale(headers: &HeaderMap) -> Locale {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    negotiate(None, None, accept)
}

/// A handler's locale: the one [`language`] decided (every request inside the router has one).
impl<S: Send + Sync> FromRequestParts<S> for Locale {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(parts
            .extensions
            .get::<Locale>()
            .copied()
            .unwrap_or_default())
    }
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
    // No window another site opens (or that opens one) shares a browsing context group with ours.
    set_default(headers, "cross-origin-opener-policy", "same-origin");
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

/// Gives each request its id and logs one line for it. The id is a request extension (for error
/// pages), the `X-Request-Id` of the response, and a field of the `request` span, so every line
/// logged while the request is handled carries it. An `X-Request-Id` the client sent is ignored:
/// ids are ours, never chosen by a caller. On Cloud Run the JSON formatter turns these fields into
/// Cloud Logging's `httpRequest` and `logging.googleapis.com/trace`.
pub async fn trace_request(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let request_id = RequestId(Uuid::now_v7());
    request.extensions_mut().insert(request_id);
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
    let span = tracing::info_span!("request", request_id = %request_id);
    let mut response = next.run(request).instrument(span.clone()).await;
    if let Ok(value) = HeaderValue::from_str(&request_id.to_string()) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    let status = response.status().as_u16();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let _entered = span.enter();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_cookie_is_host_bound_and_secure_over_https() {
        let cookie = language_cookie(Lang::Ar, true).unwrap();
        assert_eq!(
            cookie.to_str().unwrap(),
            "__Host-jsa-lang=ar; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax; Secure"
        );
        assert_eq!(
            language_cookie(Lang::De, false).unwrap().to_str().unwrap(),
            "jsa-lang=de; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax"
        );
    }

    #[test]
    fn the_chosen_language_is_read_over_garbage_and_other_names() {
        let headers = |lines: &[&[u8]]| {
            let mut headers = HeaderMap::new();
            for line in lines {
                headers.append(header::COOKIE, HeaderValue::from_bytes(line).unwrap());
            }
            headers
        };
        let mixed = headers(&[b"other=\xe4\xf6; jsa-lang=xx", b"jsa-lang=ja; x=1"]);
        assert_eq!(chosen_language(&mixed, false), Some(Lang::Ja));
        assert_eq!(
            chosen_language(&mixed, true),
            None,
            "only the __Host- name over https"
        );
        let https = headers(&[b"jsa-lang=de; __Host-jsa-lang=ar"]);
        assert_eq!(chosen_language(&https, true), Some(Lang::Ar));
        assert_eq!(chosen_language(&headers(&[b"jsa-lang="]), false), None);
    }
}
