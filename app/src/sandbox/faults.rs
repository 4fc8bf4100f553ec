//! Fault injection for tests and benchmarks: latency, rate limiting with Jira's headers and an
//! HTML body (as Jira sends it), server errors, dropped connections and endless bodies, on the API
//! routes whose path contains a given text (a cloud id, say) or on all of them.

use super::Sandbox;
use axum::{
    body::{Body, Bytes},
    extract::{Request, State},
    http::{header, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;
use std::time::Duration;

/// What to do to matching API requests.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Delay before answering, in milliseconds.
    pub latency_ms: u64,
    /// Delay before the authorization server's token endpoint answers, in milliseconds (a slow
    /// refresh); the other faults leave that endpoint alone.
    pub token_latency_ms: u64,
    /// Answer with this status instead (429, 500, 502, 503, 504).
    pub status: Option<u16>,
    /// `Retry-After` for a 429 or 503, in seconds.
    pub retry_after: Option<u64>,
    /// Close the connection without a complete response.
    pub drop: bool,
    /// Answer 200 with a JSON body this many bytes long, streamed, without a Content-Length
    /// (a lying or broken upstream).
    pub oversize_bytes: Option<u64>,
    /// Answer `303 See Other` to this URL (an upstream sending the app somewhere else).
    pub redirect_to: Option<String>,
    /// Only requests whose path contains this text.
    pub path_contains: Option<String>,
}

/// Applies the configured faults to a request of the API host.
pub async fn inject(State(sandbox): State<Sandbox>, request: Request, next: Next) -> Response {
    let faults = sandbox.faults();
    let path = request.uri().path();
    if path.starts_with("/api/") {
        sandbox.count_api_request();
    }
    if path.ends_with("/oauth/token") && faults.token_latency_ms > 0 {
        sandbox
            .delay(Duration::from_millis(faults.token_latency_ms))
            .await;
    }
    let applies = path.starts_with("/api/")
        && faults
            .path_contains
            .as_deref()
            .is_none_or(|text| path.contains(text));
    if !applies {
        return next.run(request).await;
    }
    if faults.latency_ms > 0 {
        sandbox
            .delay(Duration::from_millis(faults.latency_ms))
            .await;
    }
    if faults.drop {
        let broken = futures::stream::once(async {
            Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped by the sandbox"))
        });
        return (StatusCode::OK, Body::from_stream(broken)).into_response();
    }
    if let Some(location) = faults.redirect_to {
        return (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    }
    if let Some(size) = faults.oversize_bytes {
        const CHUNK: usize = 64 * 1024;
        let chunks = size.div_ceil(CHUNK as u64);
        let padding = futures::stream::iter((0..chunks).map(move |index| {
            let left = size - index * CHUNK as u64;
            let length = usize::try_from(left).map_or(CHUNK, |left| left.min(CHUNK));
            Ok::<Bytes, std::io::Error>(Bytes::from(vec![b' '; length]))
        }));
        return (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/json")],
            Body::from_stream(padding),
        )
            .into_response();
    }
    match faults.status.and_then(|s| StatusCode::from_u16(s).ok()) {
        Some(StatusCode::TOO_MANY_REQUESTS) => {
            let retry_after = faults.retry_after.unwrap_or(10).to_string();
            (
                StatusCode::TOO_MANY_REQUESTS,
                [
                    (header::CONTENT_TYPE, "text/html;charset=UTF-8".to_owned()),
                    (header::RETRY_AFTER, retry_after),
                    (header::HeaderName::from_static("x-ratelimit-limit"), "350".to_owned()),
                    (header::HeaderName::from_static("x-ratelimit-remaining"), "0".to_owned()),
                    (header::HeaderName::from_static("x-ratelimit-nearlimit"), "true".to_owned()),
                    (header::HeaderName::from_static("ratelimit-reason"), "jira-burst-based".to_owned()),
                ],
                "<html><head><title>Rate limited</title></head><body><h1>Too many requests</h1></body></html>",
            )
                .into_response()
        }
        Some(status) => {
            let mut response = (
                status,
                [(header::CONTENT_TYPE, "text/html;charset=UTF-8")],
                "<html><body><h1>Something went wrong</h1></body></html>",
            )
                .into_response();
            if let Some(seconds) = faults.retry_after {
                if let Ok(value) = seconds.to_string().parse() {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
            }
            response
        }
        None => next.run(request).await,
    }
}

/// `PUT /control/faults` (JSON `Faults`) sets them; `DELETE /control/faults` clears them.
pub async fn set(State(sandbox): State<Sandbox>, Json(faults): Json<Faults>) -> StatusCode {
    sandbox.set_faults(faults);
    StatusCode::NO_CONTENT
}

/// `DELETE /control/faults`.
pub async fn clear(State(sandbox): State<Sandbox>) -> StatusCode {
    sandbox.set_faults(Faults::default());
    StatusCode::NO_CONTENT
}
