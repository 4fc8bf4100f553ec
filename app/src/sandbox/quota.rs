//! Atlassian's rate limits for OAuth 2.0 (3LO) apps since March 2026, as the sandbox applies
//! them to Jira calls (`/ex/jira/{cloudid}/…`).
//!
//! From "Rate limiting" and "Build an app that respects rate limits" (developer.atlassian.com,
//! Jira Cloud platform) and what apps report receiving (community thread "2026 point-based rate
//! limits"):
//! - an hourly **points quota** per app and site: each call costs 1 point plus 1 per object it
//!   returns (an issue, each issue of a search page, each comment of a page); a call Jira
//!   answers with an error costs the base only, one a limit refuses (429) nothing. Atlassian's
//!   window resets at the top of the UTC hour; the sandbox's first window starts when the
//!   sandbox does, and another each time the control sets or resets the limits: the same
//!   lengths, and no test or simulation sees a window turn unless it waits for it.
//! - a **burst limit** per site, endpoint and method, per second.
//! - every Jira answer carries `Beta-RateLimit-Policy: "tenant-app-quota";q=…;w=…` and
//!   `Beta-RateLimit: "tenant-app-quota";r=<remaining>;t=<seconds to reset>`, with
//!   `X-RateLimit-Limit` / `X-RateLimit-Remaining`, and `X-Beta-RateLimit-NearLimit: true` under
//!   20 % left.
//! - a refused call is a 429 with Jira's JSON body, `Retry-After` (seconds), `X-RateLimit-Reset`
//!   (ISO 8601, `yyyy-MM-ddTHH:mmZ`) and `RateLimit-Reason` / `X-Beta-RateLimit-Reason`
//!   (`jira-quota-tenant-based`, `jira-burst-based`). As apps report, the policy header is
//!   missing once the quota is spent.
//!
//! Tests and benchmarks set the quota through `/control/quota`.

use super::Sandbox;
use axum::{
    extract::{MatchedPath, Request, State},
    http::{header, HeaderName, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use uuid::Uuid;

/// How many objects a handler's answer holds, for the points it costs (a response extension;
/// an answer without one holds one object).
#[derive(Debug, Clone, Copy)]
pub struct Objects(pub u64);

/// The limits in force (the same for every site).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Whether any limit applies.
    pub enabled: bool,
    /// Points per site per window.
    pub points: u64,
    /// The window, in seconds.
    pub window_secs: u64,
    /// Calls per second per site, endpoint and method.
    pub burst_per_second: u64,
}

impl Default for Limits {
    /// Atlassian's first tier: 65,000 points an hour; 100 calls a second per endpoint.
    fn default() -> Self {
        Self {
            enabled: true,
            points: 65_000,
            window_secs: 3_600,
            burst_per_second: 100,
        }
    }
}

/// One site's spending.
#[derive(Debug, Default)]
struct Usage {
    /// Which window, counted from [`Quotas::start_ms`], `used` counts.
    window: u64,
    used: u64,
    /// Points charged since the sandbox started, across windows (for benchmarks).
    charged: u64,
    /// Calls refused with 429 since the sandbox started, and of them for the quota.
    refused: u64,
    refused_quota: u64,
    /// Calls in the current second, per endpoint and method.
    burst: HashMap<(String, String), (u64, u64)>,
}

/// The limits and every site's spending.
#[derive(Debug)]
pub struct Quotas {
    limits: Limits,
    /// When the sandbox started or its limits were last set, in milliseconds since the epoch:
    /// windows are counted from there.
    start_ms: u64,
    sites: HashMap<Uuid, Usage>,
}

impl Quotas {
    /// The default limits, nothing spent, the first window starting at `start_ms`.
    pub fn starting_at(start_ms: u64) -> Self {
        Self {
            limits: Limits::default(),
            start_ms,
            sites: HashMap::new(),
        }
    }

    /// The default limits, nothing spent, the first window starting now.
    pub fn starting_now() -> Self {
        Self::starting_at(crate::clock::now_millis())
    }

    fn window_ms(&self) -> u64 {
        self.limits.window_secs.max(1).saturating_mul(1_000)
    }

    fn usage(&mut self, site: Uuid, now_ms: u64) -> &mut Usage {
        let window = now_ms.saturating_sub(self.start_ms) / self.window_ms();
        let usage = self.sites.entry(site).or_default();
        if window > usage.window {
            usage.window = window;
            usage.used = 0;
        }
        usage
    }

    /// Whole seconds (rounded up) until the window after `now_ms` starts.
    fn reset_in(&self, now_ms: u64) -> u64 {
        let window = self.window_ms();
        (window - now_ms.saturating_sub(self.start_ms) % window).div_ceil(1_000)
    }
}

/// Why a call was refused.
enum Refusal {
    Quota,
    Burst,
}

/// Applies the limits to a Jira call: refuses it (429) when the site's quota is spent or the
/// endpoint's burst limit reached, else charges its points and adds the headers.
pub async fn apply(State(sandbox): State<Sandbox>, request: Request, next: Next) -> Response {
    let Some(site) = jira_site(request.uri().path()) else {
        return next.run(request).await;
    };
    let endpoint = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let method = request.method().to_string();
    let now = crate::clock::now_millis();
    let second = now / 1_000;
    let refused = sandbox.with_quotas(|quotas| {
        if !quotas.limits.enabled {
            return None;
        }
        let (points, burst) = (quotas.limits.points, quotas.limits.burst_per_second);
        let usage = quotas.usage(site, now);
        if usage.used >= points {
            return Some(Refusal::Quota);
        }
        usage.burst.retain(|_, (at, _)| *at == second);
        let calls = usage.burst.entry((endpoint, method)).or_insert((second, 0));
        calls.1 += 1;
        (calls.1 > burst).then_some(Refusal::Burst)
    });
    if let Some(refusal) = refused {
        return sandbox.with_quotas(|quotas| refuse(quotas, site, now, refusal));
    }
    let mut response = next.run(request).await;
    // Charged in the window it ends in (a slow answer can outlast the one it started in).
    let now = crate::clock::now_millis();
    let objects = if response.status().is_success() {
        response.extensions().get::<Objects>().map_or(1, |o| o.0)
    } else {
        0
    };
    sandbox.with_quotas(|quotas| {
        if !quotas.limits.enabled {
            return;
        }
        let (points, window) = (quotas.limits.points, quotas.limits.window_secs);
        let reset_in = quotas.reset_in(now);
        let usage = quotas.usage(site, now);
        usage.used = usage.used.saturating_add(1 + objects);
        usage.charged = usage.charged.saturating_add(1 + objects);
        let remaining = points.saturating_sub(usage.used);
        let headers = response.headers_mut();
        quota_headers(headers, points, remaining, reset_in, Some(window));
        if remaining.saturating_mul(5) < points {
            set(headers, "x-beta-ratelimit-nearlimit", "true".to_owned());
        }
    });
    response
}

/// The cloud id of a Jira call's path.
fn jira_site(path: &str) -> Option<Uuid> {
    path.strip_prefix("/api/ex/jira/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}

/// The quota's headers: `Beta-RateLimit` and `X-RateLimit-Limit`/`-Remaining`, and with a
/// `window`, `Beta-RateLimit-Policy`.
fn quota_headers(
    headers: &mut axum::http::HeaderMap,
    points: u64,
    remaining: u64,
    reset_in: u64,
    window: Option<u64>,
) {
    if let Some(window) = window {
        set(
            headers,
            "beta-ratelimit-policy",
            format!("\"tenant-app-quota\";q={points};w={window}"),
        );
    }
    set(
        headers,
        "beta-ratelimit",
        format!("\"tenant-app-quota\";r={remaining};t={reset_in}"),
    );
    set(headers, "x-ratelimit-limit", points.to_string());
    set(headers, "x-ratelimit-remaining", remaining.to_string());
}

fn set(headers: &mut axum::http::HeaderMap, name: &'static str, value: String) {
    if let Ok(value) = HeaderValue::from_str(&value) {
        headers.insert(HeaderName::from_static(name), value);
    }
}

/// Jira's 429: its JSON body and the headers of the limit that refused the call.
fn refuse(quotas: &mut Quotas, site: Uuid, now_ms: u64, refusal: Refusal) -> Response {
    let points = quotas.limits.points;
    let reset_in = quotas.reset_in(now_ms);
    let usage = quotas.usage(site, now_ms);
    usage.refused += 1;
    if matches!(refusal, Refusal::Quota) {
        usage.refused_quota += 1;
    }
    let used = usage.used;
    let (reason, retry_after) = match refusal {
        Refusal::Quota => ("jira-quota-tenant-based", reset_in),
        Refusal::Burst => ("jira-burst-based", 1),
    };
    // Jira writes the minute; the sandbox's windows start at any moment, so the minute is rounded
    // up (a client waiting until then is never early).
    let reset_at = (now_ms / 1_000 + retry_after).div_ceil(60) * 60;
    let reset_at = jiff::Timestamp::from_second(i64::try_from(reset_at).unwrap_or(0))
        .map(|at| at.strftime("%Y-%m-%dT%H:%MZ").to_string())
        .unwrap_or_default();
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        Json(json!({
            "errorMessages": ["The request has been rate-limited. Please try again later."],
            "errors": {},
            "status": 429,
        })),
    )
        .into_response();
    let headers = response.headers_mut();
    set(headers, "retry-after", retry_after.to_string());
    set(headers, "x-ratelimit-reset", reset_at);
    set(headers, "ratelimit-reason", reason.to_owned());
    set(headers, "x-beta-ratelimit-reason", reason.to_owned());
    let remaining = points.saturating_sub(used);
    // As apps report, the policy header is missing once the quota is spent.
    let window = matches!(refusal, Refusal::Burst).then_some(quotas.limits.window_secs);
    quota_headers(headers, points, remaining, reset_in, window);
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    response
}

/// `PUT /control/quota`: the limits (fields left out keep their value), and with `remaining` a
/// site's (or, without `cloud_id`, every site's) points left. Every PUT starts a new window with
/// nothing spent on any site, then applies `remaining`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuotaControl {
    enabled: Option<bool>,
    points: Option<u64>,
    window_secs: Option<u64>,
    burst_per_second: Option<u64>,
    /// Points left now.
    remaining: Option<u64>,
    /// The site `remaining` applies to (every site when left out).
    cloud_id: Option<Uuid>,
}

impl Sandbox {
    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.with_quotas(|quotas| quotas.limits.clone())
    }

    /// Sets the limits and starts a window, with nothing spent.
    pub fn set_limits(&self, limits: Limits) {
        let now = crate::clock::now_millis();
        self.with_quotas(|quotas| {
            quotas.start_ms = now;
            for usage in quotas.sites.values_mut() {
                (usage.window, usage.used) = (0, 0);
            }
            quotas.limits = Limits {
                window_secs: limits.window_secs.max(1),
                ..limits
            };
        });
    }

    /// Sets the points left in the current window on `site`, or on every site.
    pub fn set_remaining(&self, site: Option<Uuid>, remaining: u64) {
        let now = crate::clock::now_millis();
        self.with_quotas(|quotas| {
            let used = quotas.limits.points.saturating_sub(remaining);
            let sites: Vec<Uuid> = match site {
                Some(site) => vec![site],
                None => super::world::PROJECTS.iter().map(|p| p.site).collect(),
            };
            for site in sites {
                quotas.usage(site, now).used = used;
            }
        });
    }
}

/// `PUT /control/quota`.
pub async fn set_quota(
    State(sandbox): State<Sandbox>,
    Json(control): Json<QuotaControl>,
) -> StatusCode {
    let limits = sandbox.limits();
    sandbox.set_limits(Limits {
        enabled: control.enabled.unwrap_or(limits.enabled),
        points: control.points.unwrap_or(limits.points),
        window_secs: control.window_secs.unwrap_or(limits.window_secs),
        burst_per_second: control.burst_per_second.unwrap_or(limits.burst_per_second),
    });
    if let Some(remaining) = control.remaining {
        sandbox.set_remaining(control.cloud_id, remaining);
    }
    StatusCode::NO_CONTENT
}

/// `DELETE /control/quota`: the default limits, nothing spent, an hour starting now.
pub async fn reset_quota(State(sandbox): State<Sandbox>) -> StatusCode {
    sandbox.with_quotas(|quotas| *quotas = Quotas::starting_now());
    StatusCode::NO_CONTENT
}

/// `GET /control/quota`: the limits, each site's points spent and left in this window, and its
/// points charged and calls refused since the sandbox started.
pub async fn quota(State(sandbox): State<Sandbox>) -> Json<serde_json::Value> {
    let now = crate::clock::now_millis();
    Json(sandbox.with_quotas(|quotas| {
        let points = quotas.limits.points;
        let reset_in = quotas.reset_in(now);
        let ids: Vec<Uuid> = quotas.sites.keys().copied().collect();
        let sites: serde_json::Map<String, serde_json::Value> = ids
            .into_iter()
            .map(|site| {
                let usage = quotas.usage(site, now);
                (
                    site.to_string(),
                    json!({
                        "used": usage.used,
                        "remaining": points.saturating_sub(usage.used),
                        "charged_total": usage.charged,
                        "refused_total": usage.refused,
                        "refused_for_quota_total": usage.refused_quota,
                    }),
                )
            })
            .collect();
        json!({ "limits": quotas.limits, "reset_in": reset_in, "sites": sites })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_reset_at_their_boundary() {
        let mut quotas = Quotas::starting_at(0);
        let site = Uuid::from_u128(1);
        quotas.usage(site, 7_199_000).used = 10;
        assert_eq!(quotas.usage(site, 7_199_999).used, 10);
        assert_eq!(quotas.reset_in(7_199_000), 1);
        assert_eq!(quotas.reset_in(7_199_999), 1, "rounded up");
        assert_eq!(quotas.usage(site, 7_200_000).used, 0, "the top of the hour");
        assert_eq!(quotas.reset_in(7_200_000), 3_600);
    }

    #[test]
    fn a_call_charged_late_never_empties_a_later_window() {
        let mut quotas = Quotas::starting_at(0);
        let site = Uuid::from_u128(1);
        quotas.usage(site, 3_600_000).used = 5;
        assert_eq!(
            quotas.usage(site, 3_599_000).used,
            5,
            "a call begun in the hour before"
        );
    }

    #[test]
    fn a_window_counts_from_its_start() {
        let mut quotas = Quotas {
            limits: Limits {
                window_secs: 2,
                ..Limits::default()
            },
            start_ms: 1_999_900,
            ..Quotas::starting_at(0)
        };
        let site = Uuid::from_u128(1);
        quotas.usage(site, 1_999_900).used = 10;
        assert_eq!(quotas.usage(site, 2_000_000).used, 10);
        assert_eq!(quotas.reset_in(2_000_000), 2);
        assert_eq!(quotas.usage(site, 2_001_899).used, 10);
        assert_eq!(quotas.usage(site, 2_001_900).used, 0);
    }

    #[test]
    fn only_jira_calls_name_a_site() {
        let site = Uuid::from_u128(9);
        assert_eq!(
            jira_site(&format!("/api/ex/jira/{site}/rest/api/3/myself")),
            Some(site)
        );
        assert_eq!(jira_site("/api/me"), None);
        assert_eq!(jira_site("/api/ex/jira/nope/rest/api/3/myself"), None);
    }
}
