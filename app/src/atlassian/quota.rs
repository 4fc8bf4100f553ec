//! Atlassian's rate limits as the client lives within them: every Jira answer's headers read
//! (defensively: apps report them missing or inconsistent), each site's quota kept, and no call
//! sent to a site whose hourly quota is spent until it resets, except one probe a minute into it
//! (a reset time that was off, or a quota raised, is noticed; more would earn longer waits).
//!
//! The headers (developer.atlassian.com, Jira Cloud platform, "Rate limiting"): `Beta-RateLimit`
//! / `RateLimit` (`"policy";r=<remaining>;t=<seconds to reset>`), `Beta-RateLimit-Policy` /
//! `RateLimit-Policy` (`q=<points>;w=<window>`), `X-RateLimit-Limit` / `X-RateLimit-Remaining`,
//! `X-Beta-RateLimit-NearLimit` / `X-RateLimit-NearLimit`, and on a 429 `Retry-After` (seconds),
//! `X-RateLimit-Reset` (ISO 8601) and `RateLimit-Reason` / `X-Beta-RateLimit-Reason`
//! (`jira-quota-tenant-based`, `jira-quota-global-based`, `jira-burst-based`,
//! `jira-per-issue-on-write`).

use reqwest::{header::HeaderMap, StatusCode};
use std::{
    collections::HashMap,
    sync::{Mutex, PoisonError},
};
use uuid::Uuid;

/// A minute after a site's quota is found spent, one call is let through to see whether it is
/// back.
pub const PROBE_AFTER_SECS: u64 = 60;
/// How long a spent quota is assumed to last when no header says (Jira's windows are hours that
/// start at the top of the UTC hour).
const WINDOW_SECS: u64 = 3_600;
/// The shortest and longest windows believed from a policy header (a broken one must not make
/// every pace derived from it a frenzy, or a standstill).
const MIN_WINDOW_SECS: u64 = 60;
const MAX_WINDOW_SECS: u64 = 24 * 3_600;
/// A 429 without a reason asking for a longer wait than this is taken for a spent quota.
const LONGEST_BURST_SECS: u64 = 60;
/// After a probe of a spent quota is refused too, the next one waits this long.
const PROBE_AGAIN_SECS: u64 = 5 * 60;
/// A burst refusal's wait when no header says.
const DEFAULT_BURST_WAIT_SECS: u64 = 10;
/// The longest wait believed from a header: a window and a half (a lying or broken upstream
/// must not shut a site out for longer).
const MAX_WAIT_SECS: u64 = WINDOW_SECS + WINDOW_SECS / 2;

/// Why Jira refused a call with 429.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The app's hourly points on the site (or across sites) are spent: wait this long.
    Quota {
        /// Seconds until it resets.
        wait_secs: u64,
    },
    /// Too many calls a second to one endpoint, or writes to one issue: wait this long.
    Burst {
        /// Seconds to wait.
        wait_secs: u64,
    },
}

/// What one Jira answer said about the site's quota.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// Points left in the window.
    pub remaining: Option<u64>,
    /// Points in the window.
    pub limit: Option<u64>,
    /// The window's length in seconds (the policy's `w`).
    pub window: Option<u64>,
    /// Seconds until the window resets.
    pub reset_in: Option<u64>,
    /// Jira says the quota is nearly spent.
    pub near_limit: bool,
    /// A 429 and why.
    pub refusal: Option<Refusal>,
    /// Jira answered the call itself: neither a 429 nor a server error (a 404 or a 401 says the
    /// limit let it through).
    pub ok: bool,
}

fn text<'a>(headers: &'a HeaderMap, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|name| headers.get(*name)?.to_str().ok())
        .map(str::trim)
}

/// Parameter `key` (`r`, `t`, `q`) of one item of a structured header (`"a";r=5;t=10`).
fn item_parameter(item: &str, key: &str) -> Option<u64> {
    item.split(';').skip(1).find_map(|pair| {
        let (name, number) = pair.split_once('=')?;
        (name.trim() == key).then(|| number.trim().parse::<u64>().ok())?
    })
}

/// The item of a structured header (`"a";r=5;t=10, "b";r=7`) with the smallest `key`, a
/// malformed item being skipped: the policy nearest its limit.
fn tightest<'a>(value: &'a str, key: &str) -> Option<&'a str> {
    value
        .split(',')
        .filter_map(|item| Some((item_parameter(item, key)?, item)))
        .min_by_key(|(number, _)| *number)
        .map(|(_, item)| item)
}

/// Seconds from now until an `X-RateLimit-Reset` time (`2026-12-06T14:00Z`, or RFC 3339).
fn until(reset: &str, now: u64) -> Option<u64> {
    let at = jiff::fmt::strtime::parse("%Y-%m-%dT%H:%MZ", reset)
        .and_then(|parsed| parsed.to_timestamp())
        .or_else(|_| reset.parse::<jiff::Timestamp>())
        .ok()?;
    u64::try_from(at.as_second())
        .ok()
        .map(|at| at.saturating_sub(now))
}

/// Reads a Jira answer's rate-limit headers at `now` (Unix seconds).
pub fn read(status: StatusCode, headers: &HeaderMap, now: u64) -> Reading {
    let current = text(headers, &["beta-ratelimit", "ratelimit"]);
    let policy = text(headers, &["beta-ratelimit-policy", "ratelimit-policy"]);
    let number = |names: &[&str]| text(headers, names).and_then(|v| v.parse::<u64>().ok());
    let tight = current.and_then(|v| tightest(v, "r"));
    let remaining = tight
        .and_then(|item| item_parameter(item, "r"))
        .or_else(|| number(&["x-ratelimit-remaining"]));
    let tightest_policy = policy.and_then(|v| tightest(v, "q"));
    let limit = tightest_policy
        .and_then(|item| item_parameter(item, "q"))
        .or_else(|| number(&["x-ratelimit-limit"]));
    let window = tightest_policy
        .and_then(|item| item_parameter(item, "w"))
        .map(|w| w.clamp(MIN_WINDOW_SECS, MAX_WINDOW_SECS));
    let reset_in = tight
        .or(current)
        .and_then(|item| item_parameter(item, "t"))
        .map(|t| t.min(MAX_WAIT_SECS));
    let near_limit = text(
        headers,
        &["x-beta-ratelimit-nearlimit", "x-ratelimit-nearlimit"],
    )
    .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let refusal = (status == StatusCode::TOO_MANY_REQUESTS).then(|| {
        let reason = text(
            headers,
            &[
                "ratelimit-reason",
                "x-beta-ratelimit-reason",
                "x-ratelimit-reason",
            ],
        )
        .unwrap_or_default();
        let retry_after = number(&["retry-after"]);
        let reset = text(headers, &["x-ratelimit-reset", "x-beta-ratelimit-reset"])
            .and_then(|reset| until(reset, now));
        let wait = retry_after.or(reset);
        let quota = reason.starts_with("jira-quota")
            || (reason.is_empty()
                && (remaining == Some(0) || wait.is_some_and(|w| w > LONGEST_BURST_SECS)));
        if quota {
            let top_of_hour = WINDOW_SECS - now % WINDOW_SECS;
            Refusal::Quota {
                wait_secs: retry_after
                    .or(reset)
                    .or(reset_in)
                    .unwrap_or(top_of_hour)
                    .clamp(1, MAX_WAIT_SECS),
            }
        } else {
            Refusal::Burst {
                wait_secs: retry_after
                    .or(reset)
                    .unwrap_or(DEFAULT_BURST_WAIT_SECS)
                    .clamp(1, MAX_WAIT_SECS),
            }
        }
    });
    Reading {
        remaining,
        limit,
        window,
        reset_in,
        near_limit,
        refusal,
        ok: status != StatusCode::TOO_MANY_REQUESTS && !status.is_server_error(),
    }
}

/// Where instances tell each other that a site's quota is spent (Redis, across instances), so
/// that one instance's 429 keeps them all from asking.
#[async_trait::async_trait]
pub trait SharedSpent: Send + Sync {
    /// Until when another instance said `site`'s quota is spent (`Ok(None)`: it is not);
    /// `Err` when the store cannot say.
    async fn spent_until(&self, site: Uuid) -> Result<Option<u64>, ()>;
    /// Says `site`'s quota is spent until `until`, or (`None`) back.
    async fn tell(&self, site: Uuid, until: Option<u64>);
    /// Whether this instance may send the probe of `site`'s spent quota now (one instance in
    /// [`PROBE_AFTER_SECS`]); `true` when the store cannot say.
    async fn claim_probe(&self, site: Uuid) -> bool;
}

/// Whether more of a quota of `limit` points is spent (`remaining` left, `reset_in` seconds
/// before its `window` ends) than half of it for the time gone, and more than a tenth: the pace
/// the app keeps to, so that a site's allowance lasts the window with half of it in reserve (a
/// morning's first rush may spend a tenth).
fn ahead_of_pace(remaining: u64, limit: u64, reset_in: u64, window: u64) -> bool {
    if limit == 0 || window == 0 {
        return false;
    }
    let spent = limit.saturating_sub(remaining) as f64 / limit as f64;
    let gone = window.saturating_sub(reset_in) as f64 / window as f64;
    spent > (gone / 2.0).max(0.1)
}

/// Whether a call goes out as usual, or as the probe of a spent quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// As usual.
    Call,
    /// The probe: its answer says whether the quota is back.
    Probe,
}

/// A site's quota went from available to spent (or its reset moved), or back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Spent until this Unix time.
    Spent(u64),
    /// Back.
    Back,
}

/// What is known of one site's quota.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteQuota {
    /// Points left when last heard.
    pub remaining: Option<u64>,
    /// Points in the window.
    pub limit: Option<u64>,
    /// The window's length in seconds, as the policy said.
    pub window: Option<u64>,
    /// Jira said it is nearly spent.
    pub near_limit: bool,
    /// When the window of the last answer's `remaining` ends (Unix seconds).
    pub resets_at: Option<u64>,
    /// Spent until this Unix time.
    pub spent_until: Option<u64>,
    /// When the next probe of a spent quota may go out (`None`: none is due).
    probe_at: Option<u64>,
    /// A probe is out: its answer decides whether the quota is back.
    probing: bool,
    /// When the shared store was last asked about this site.
    shared_checked: Option<u64>,
    /// The spent state came from another instance (not from an answer this one heard).
    learned: bool,
}

impl SiteQuota {
    /// Nearly spent at `now`: as last heard, within the window it was heard in.
    fn near(&self, now: u64) -> bool {
        self.near_limit && self.resets_at.is_none_or(|at| at > now)
    }

    /// To be spared at `now`: nearly spent, or spent ahead of the pace the app keeps to
    /// ([`ahead_of_pace`]), reckoned from the last answer at the time of asking.
    pub fn spare(&self, now: u64) -> bool {
        self.near(now)
            || match (self.remaining, self.limit, self.resets_at) {
                (Some(remaining), Some(limit), Some(at)) if at > now => ahead_of_pace(
                    remaining,
                    limit,
                    at - now,
                    self.window.unwrap_or(WINDOW_SECS),
                ),
                _ => false,
            }
    }
}

/// The quota of every site the app has called, in this process.
#[derive(Debug, Default)]
pub struct Quotas {
    sites: Mutex<HashMap<Uuid, SiteQuota>>,
}

impl Quotas {
    fn with<T>(&self, f: impl FnOnce(&mut HashMap<Uuid, SiteQuota>) -> T) -> T {
        f(&mut self.sites.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Whether a call to `site` may go out at `now`: `Err(until)` while its quota is spent,
    /// except for one probe [`PROBE_AFTER_SECS`] into it, and one every [`PROBE_AGAIN_SECS`]
    /// after that until it is back.
    pub fn admit(&self, site: Uuid, now: u64) -> Result<Admission, u64> {
        self.with(|sites| {
            let Some(quota) = sites.get_mut(&site) else {
                return Ok(Admission::Call);
            };
            match quota.spent_until {
                Some(until) if until > now => match quota.probe_at {
                    Some(at) if at <= now => {
                        // The next probe is due in five minutes unless this one's answer comes
                        // back first: a probe lost on the way is not the last.
                        quota.probe_at = Some(now.saturating_add(PROBE_AGAIN_SECS));
                        quota.probing = true;
                        Ok(Admission::Probe)
                    }
                    _ => Err(until),
                },
                _ => Ok(Admission::Call),
            }
        })
    }

    /// Another instance sends the probe: this one's waits as if it had gone.
    pub fn probe_elsewhere(&self, site: Uuid) {
        self.with(|sites| {
            if let Some(quota) = sites.get_mut(&site) {
                quota.probing = false;
            }
        });
    }

    /// Whether the shared store is due to be asked about `site` (at most once a second); marks
    /// it asked.
    pub fn shared_check_due(&self, site: Uuid, now: u64) -> bool {
        self.with(|sites| {
            let quota = sites.entry(site).or_default();
            let due = quota.shared_checked.is_none_or(|at| at < now);
            if due {
                quota.shared_checked = Some(now);
            }
            due
        })
    }

    /// Takes in what another instance said of `site`: spent until a time, or (`None`) not.
    pub fn learn(&self, site: Uuid, spent_until: Option<u64>, now: u64) {
        self.with(|sites| {
            let quota = sites.entry(site).or_default();
            let was_spent = quota.spent_until.is_some_and(|until| until > now);
            match spent_until.filter(|until| *until > now) {
                Some(until) if !was_spent => {
                    quota.spent_until = Some(until);
                    quota.probe_at = Some(now.saturating_add(PROBE_AFTER_SECS));
                    quota.probing = false;
                    quota.learned = true;
                }
                Some(until) => {
                    quota.spent_until = quota.spent_until.max(Some(until));
                }
                // Only what it was told is forgotten: what this instance heard itself stands.
                None if was_spent && quota.learned => {
                    quota.spent_until = None;
                    quota.probe_at = None;
                    quota.probing = false;
                    quota.learned = false;
                }
                None => {}
            }
        });
    }

    /// Takes in what an answer from `site` said; logs a site going near its limit, spent, or
    /// back, and says whether it did either of the last two.
    pub fn record(&self, site: Uuid, reading: &Reading, now: u64) -> Option<Change> {
        self.with(|sites| {
            let quota = sites.entry(site).or_default();
            let was = quota.clone();
            if reading.remaining.is_some() {
                quota.remaining = reading.remaining;
            }
            if reading.limit.is_some() {
                quota.limit = reading.limit;
            }
            if reading.window.is_some() {
                quota.window = reading.window;
            }
            quota.near_limit = reading.near_limit
                || matches!((quota.remaining, quota.limit), (Some(r), Some(l)) if r.saturating_mul(5) < l);
            if reading.remaining.is_some() {
                quota.resets_at = reading.reset_in.map(|t| now.saturating_add(t));
            }
            let was_spent = was.spent_until.is_some_and(|until| until > now);
            quota.spent_until = match reading.refusal {
                Some(Refusal::Quota { wait_secs }) => Some(now.saturating_add(wait_secs)),
                Some(Refusal::Burst { .. }) => quota.spent_until,
                None if reading.remaining == Some(0) => Some(
                    now.saturating_add(
                        reading
                            .reset_in
                            .unwrap_or(WINDOW_SECS - now % WINDOW_SECS)
                            .max(1),
                    ),
                ),
                // Back only on the probe's success: an answer sent before the quota ran out, or
                // a gateway error, says nothing of it now.
                None if reading.ok && (quota.probing || !was_spent) => None,
                None => quota.spent_until,
            };
            let spent = quota.spent_until.is_some_and(|until| until > now);
            if !spent {
                quota.probe_at = None;
                quota.learned = false;
            } else if reading.refusal.is_some() || reading.remaining == Some(0) {
                quota.learned = false;
            }
            if !spent || reading.refusal.is_some() || !reading.ok {
                quota.probing = false;
            }
            let heard_spent = matches!(reading.refusal, Some(Refusal::Quota { .. }))
                || (reading.refusal.is_none() && reading.remaining == Some(0));
            let change = match (spent, was_spent) {
                (true, _) if heard_spent => quota.spent_until.map(Change::Spent),
                (false, true) => Some(Change::Back),
                _ => None,
            };
            if spent && !was_spent {
                quota.probe_at = Some(now.saturating_add(PROBE_AFTER_SECS));
                quota.probing = false;
                tracing::warn!(
                    %site,
                    resets_in_secs = quota.spent_until.map(|until| until.saturating_sub(now)),
                    limit = quota.limit,
                    "Jira's hourly quota for this app on a site is spent; no calls to it until it resets"
                );
            } else if !spent && was_spent {
                tracing::info!(%site, remaining = quota.remaining, "Jira's quota on a site is back");
            } else if quota.near_limit && !was.near_limit {
                tracing::warn!(
                    %site,
                    remaining = quota.remaining,
                    limit = quota.limit,
                    "Jira's hourly quota for this app on a site is nearly spent"
                );
            }
            change
        })
    }

    /// Whether `site`'s quota is nearly spent at `now`, as last heard (not once the window it
    /// was heard in has ended).
    pub fn near_limit(&self, site: Uuid, now: u64) -> bool {
        self.with(|sites| sites.get(&site).is_some_and(|quota| quota.near(now)))
    }

    /// Whether the app should spare `site`'s quota at `now` ([`SiteQuota::spare`]).
    pub fn spare(&self, site: Uuid, now: u64) -> bool {
        self.with(|sites| sites.get(&site).is_some_and(|quota| quota.spare(now)))
    }

    /// The length of `site`'s quota window in seconds, as its policy said, up to an hour (an
    /// hour when none did): what the app paces its reuse of views by.
    pub fn window(&self, site: Uuid) -> u64 {
        self.with(|sites| sites.get(&site).and_then(|quota| quota.window))
            .unwrap_or(WINDOW_SECS)
            .min(WINDOW_SECS)
    }

    /// Whether `site`'s quota is spent at `now`.
    pub fn spent(&self, site: Uuid, now: u64) -> bool {
        self.with(|sites| {
            sites
                .get(&site)
                .and_then(|quota| quota.spent_until)
                .is_some_and(|until| until > now)
        })
    }

    /// Every site's quota as last heard (for the status endpoint).
    pub fn snapshot(&self) -> Vec<(Uuid, SiteQuota)> {
        self.with(|sites| sites.iter().map(|(id, q)| (*id, q.clone())).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| {
                (
                    HeaderName::from_static(name),
                    HeaderValue::from_str(value).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn the_pace_is_half_the_quota_for_the_time_gone_and_at_least_a_tenth() {
        // 1,000 points an hour; 30 minutes gone: a quarter may be spent.
        assert!(!ahead_of_pace(760, 1_000, 1_800, 3_600));
        assert!(ahead_of_pace(740, 1_000, 1_800, 3_600));
        assert!(!ahead_of_pace(520, 1_000, 60, 3_600), "at the end, half");
        assert!(ahead_of_pace(490, 1_000, 60, 3_600), "at the end, half");
        assert!(!ahead_of_pace(910, 1_000, 3_600, 3_600), "a start");
        assert!(ahead_of_pace(880, 1_000, 3_590, 3_600), "a busy morning");
        assert!(!ahead_of_pace(0, 0, 10, 3_600), "no quota said");
        let quotas = Quotas::default();
        let site = Uuid::from_u128(3);
        let heard = |r: u64, t: u64| {
            read(
                StatusCode::OK,
                &headers(&[
                    (
                        "beta-ratelimit-policy",
                        "\"tenant-app-quota\";q=1000;w=3600",
                    ),
                    (
                        "beta-ratelimit",
                        &format!("\"tenant-app-quota\";r={r};t={t}"),
                    ),
                ]),
                0,
            )
        };
        quotas.record(site, &heard(990, 3_500), 0);
        assert!(!quotas.spare(site, 0));
        quotas.record(site, &heard(800, 3_500), 0);
        assert!(quotas.spare(site, 0) && !quotas.near_limit(site, 0));
        assert!(
            !quotas.spare(site, 2_900),
            "within pace later, with nothing more heard"
        );
        quotas.record(site, &heard(100, 600), 0);
        assert!(quotas.spare(site, 0) && quotas.near_limit(site, 0));
        assert!(
            !quotas.spare(site, 600) && !quotas.near_limit(site, 600),
            "a new window"
        );
    }

    #[test]
    fn a_sites_window_is_its_policys_within_bounds_else_an_hour() {
        let quotas = Quotas::default();
        let site = Uuid::from_u128(9);
        assert_eq!(quotas.window(site), 3600, "nothing heard: an hour");
        for (policy, window) in [
            ("\"tenant-app-quota\";q=900;w=1", 60),
            ("\"tenant-app-quota\";q=900;w=999999", 3600),
            ("\"tenant-app-quota\";q=900;w=7200", 3600),
            ("\"tenant-app-quota\";q=900;w=180", 180),
        ] {
            let reading = read(
                StatusCode::OK,
                &headers(&[("beta-ratelimit-policy", policy)]),
                0,
            );
            quotas.record(site, &reading, 0);
            assert_eq!(quotas.window(site), window, "{policy}");
        }
        quotas.record(site, &read(StatusCode::OK, &HeaderMap::new(), 0), 0);
        assert_eq!(
            quotas.window(site),
            180,
            "kept until a policy says otherwise"
        );
    }

    #[test]
    fn reads_the_beta_headers_and_their_fallbacks() {
        let ok = read(
            StatusCode::OK,
            &headers(&[
                (
                    "beta-ratelimit-policy",
                    "\"tenant-app-quota\";q=65000;w=3600",
                ),
                ("beta-ratelimit", "\"tenant-app-quota\";r=17842;t=2107"),
            ]),
            0,
        );
        assert_eq!(
            (
                ok.remaining,
                ok.limit,
                ok.window,
                ok.reset_in,
                ok.near_limit,
                ok.refusal
            ),
            (
                Some(17842),
                Some(65000),
                Some(3600),
                Some(2107),
                false,
                None
            )
        );
        let enforced = read(
            StatusCode::OK,
            &headers(&[
                (
                    "ratelimit",
                    "\"global-app-quota\";r=90;t=60, \"tenant-app-quota\";r=12",
                ),
                ("x-ratelimit-limit", "1000"),
                ("x-beta-ratelimit-nearlimit", "true"),
            ]),
            0,
        );
        assert_eq!(enforced.remaining, Some(12), "the policy nearest its limit");
        assert_eq!(
            enforced.reset_in, None,
            "with its own t, not another policy's"
        );
        assert_eq!(enforced.limit, Some(1000));
        assert!(enforced.near_limit);
        let garbage = read(
            StatusCode::OK,
            &headers(&[
                ("beta-ratelimit", "r=;t=-3;;x"),
                ("x-ratelimit-remaining", "n"),
            ]),
            0,
        );
        assert_eq!(
            garbage,
            Reading {
                ok: true,
                ..Reading::default()
            },
            "nothing believed from nonsense"
        );
    }

    #[test]
    fn a_429_says_whether_to_wait_for_the_hour_or_a_moment() {
        let now = 1_800_000_000; // 2027-01-15T08:00:00Z
        let quota = read(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[
                ("ratelimit-reason", "jira-quota-tenant-based"),
                ("x-ratelimit-reset", "2027-01-15T09:00Z"),
            ]),
            now,
        );
        assert_eq!(quota.refusal, Some(Refusal::Quota { wait_secs: 3_600 }));
        let burst = read(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[
                ("ratelimit-reason", "jira-burst-based"),
                ("retry-after", "2"),
            ]),
            now,
        );
        assert_eq!(burst.refusal, Some(Refusal::Burst { wait_secs: 2 }));
        let absurd = read(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[
                ("ratelimit-reason", "jira-quota-global-based"),
                ("retry-after", "18446744073709551615"),
            ]),
            now,
        );
        assert_eq!(
            absurd.refusal,
            Some(Refusal::Quota {
                wait_secs: MAX_WAIT_SECS
            }),
            "a lying upstream shuts a site out for an hour and a half at most"
        );
        let bare = read(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), now + 600);
        assert_eq!(
            bare.refusal,
            Some(Refusal::Burst {
                wait_secs: DEFAULT_BURST_WAIT_SECS
            })
        );
        let long_without_reason = read(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[("retry-after", "3000")]),
            now,
        );
        assert_eq!(
            long_without_reason.refusal,
            Some(Refusal::Quota { wait_secs: 3_000 }),
            "a wait of most of an hour is the quota's"
        );
        let spent_without_reason = read(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(&[("x-ratelimit-remaining", "0")]),
            now + 600,
        );
        assert_eq!(
            spent_without_reason.refusal,
            Some(Refusal::Quota { wait_secs: 3_000 }),
            "to the top of the hour"
        );
    }

    #[test]
    fn a_spent_site_is_left_alone_but_probed_now_and_then() {
        let quotas = Quotas::default();
        let (site, other) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let spent = Reading {
            refusal: Some(Refusal::Quota { wait_secs: 600 }),
            ..Reading::default()
        };
        assert_eq!(
            quotas.record(site, &spent, 1_000),
            Some(Change::Spent(1_600))
        );
        assert_eq!(quotas.admit(site, 1_001), Err(1_600));
        assert_eq!(
            quotas.admit(other, 1_001),
            Ok(Admission::Call),
            "others untouched"
        );
        assert_eq!(
            quotas.admit(site, 1_060),
            Ok(Admission::Probe),
            "a minute in"
        );
        assert_eq!(quotas.admit(site, 1_061), Err(1_600), "only one");
        assert_eq!(
            quotas.record(site, &spent, 1_061),
            Some(Change::Spent(1_661)),
            "a refused probe moves the reset, and says so"
        );
        assert_eq!(quotas.admit(site, 1_200), Err(1_661));
        assert_eq!(
            quotas.admit(site, 1_360),
            Ok(Admission::Probe),
            "five minutes on"
        );
        quotas.record(site, &Reading::default(), 1_362);
        assert_eq!(quotas.admit(site, 1_363), Err(1_661), "a 5xx says nothing");
        let answered_before = Reading {
            ok: true,
            remaining: Some(3),
            ..Reading::default()
        };
        assert_eq!(quotas.record(site, &answered_before, 1_364), None);
        assert_eq!(
            quotas.admit(site, 1_365),
            Err(1_661),
            "an answer to a call sent before the quota ran out does not bring it back"
        );
        assert_eq!(
            quotas.admit(site, 1_660),
            Ok(Admission::Probe),
            "a lost probe is not the last"
        );
        let back = Reading {
            ok: true,
            remaining: Some(64_000),
            ..Reading::default()
        };
        assert_eq!(
            quotas.record(site, &back, 1_660),
            Some(Change::Back),
            "the probe's success: back before the reset"
        );
        assert_eq!(quotas.admit(site, 1_660), Ok(Admission::Call));
        let empty = Reading {
            ok: true,
            remaining: Some(0),
            reset_in: Some(30),
            ..Reading::default()
        };
        quotas.record(site, &empty, 2_000);
        assert_eq!(quotas.admit(site, 2_001), Err(2_030), "0 left is spent too");
        assert_eq!(quotas.admit(site, 2_030), Ok(Admission::Call), "reset");
    }

    #[test]
    fn what_another_instance_said_is_forgotten_when_it_is_gone_but_not_what_this_one_heard() {
        let quotas = Quotas::default();
        let (told, heard) = (Uuid::from_u128(1), Uuid::from_u128(2));
        quotas.learn(told, Some(1_600), 1_000);
        assert_eq!(quotas.admit(told, 1_001), Err(1_600));
        quotas.learn(told, None, 1_002);
        assert_eq!(
            quotas.admit(told, 1_003),
            Ok(Admission::Call),
            "back elsewhere"
        );
        let spent = Reading {
            refusal: Some(Refusal::Quota { wait_secs: 600 }),
            ..Reading::default()
        };
        quotas.record(heard, &spent, 1_000);
        quotas.learn(heard, None, 1_002);
        assert_eq!(
            quotas.admit(heard, 1_003),
            Err(1_600),
            "a key missing from Redis (a failed write) does not undo a 429 heard here"
        );
    }
}
