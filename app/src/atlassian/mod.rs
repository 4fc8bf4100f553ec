//! The client for Atlassian's authorization server and API gateway (server only).
//!
//! One `reqwest::Client` for the whole process: connection pooling, redirects disabled (a redirect
//! from an API must never carry a bearer token elsewhere), bounded connect and total time.

pub mod answers;
pub mod models;
pub mod oauth;
pub mod quota;
pub mod rest;

use crate::{config::Config, error::AppError};
use std::{sync::Arc, time::Duration};
use url::Url;

/// How long to wait for a TCP/TLS connection to Atlassian.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a whole request to Atlassian may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);
/// The most of one answer from Atlassian the server reads. The largest the app asks for (an
/// issue with rendered fields and its first page of comments, a page of search results) is a
/// small fraction of it; past it the answer is dropped and the person told, rather than one
/// lying or broken upstream growing the process.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// How long a whole attachment download from Atlassian may take: it goes at the pace of the
/// browser it is passed on to.
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(300);
/// The largest attachment passed on to a browser; larger ones are opened in Jira.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// How many attachments' Media Services file ids are kept (about 100 bytes each).
const MEDIA_IDS_KEPT: u64 = 100_000;
/// How many linked issues are kept, and for how long (a status may change meanwhile).
const LINKED_ISSUES_KEPT: u64 = 50_000;
const LINKED_ISSUES_FOR: Duration = Duration::from_secs(300);
/// Atlassian's media host, where attachment downloads are redirected.
pub const MEDIA_HOST: &str = "api.media.atlassian.com";

/// Talks to `ATLASSIAN_AUTH_URL` and `ATLASSIAN_API_URL`. Cheap to clone.
#[derive(Clone)]
pub struct AtlassianClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// Attachment (site, id) → Media Services file id: both never change, so they are kept.
    media_ids: moka::sync::Cache<(uuid::Uuid, u64), Option<uuid::Uuid>>,
    /// Issues linked from pages, as one token holder was shown them (keyed by a hash of the
    /// token, so one person's answer never serves another), for a few minutes; `None`: gone or
    /// not visible to them.
    linked_issues: moka::sync::Cache<(u64, uuid::Uuid, String), Option<models::IssueRef>>,
    /// Issue answers read before, kept parsed.
    issues: answers::KeptIssues,
    /// What each site's answers said of the app's quota there.
    quotas: quota::Quotas,
    /// Whether calls live within the quota (off only for a benchmark's baseline).
    respect_limits: bool,
    /// Where instances tell each other of spent quotas (Redis), once wired.
    shared_spent: std::sync::OnceLock<Arc<dyn quota::SharedSpent>>,
    /// Hashes tokens for `linked_issues` (keys random per process).
    token_hasher: std::collections::hash_map::RandomState,
    auth_url: Url,
    api_url: Url,
    client_id: String,
    client_secret: String,
    callback_url: String,
    scopes: Vec<String>,
}

/// Why a call to Atlassian failed, before it is turned into words for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpstreamError {
    /// 401: the token is missing, expired or revoked.
    Unauthorized,
    /// 401 "scope does not match": the grant lacks a scope the call needs; a refresh won't help.
    ScopeMismatch,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 429, with `Retry-After` in seconds.
    RateLimited(u64),
    /// The app's quota on a site is spent until a Unix time: Jira refused a call for it, or the
    /// call was not sent.
    QuotaSpent {
        /// The site.
        cloud_id: uuid::Uuid,
        /// When it resets.
        until: u64,
    },
    /// An OAuth error body from the token endpoint.
    OAuth {
        /// `error`.
        error: String,
        /// `error_description`.
        description: Option<String>,
    },
    /// 400: Jira refused the request itself (a JQL naming an issue that is not there, say),
    /// with what its error body says (`errorMessages`, then the `errors` values).
    BadRequest(Vec<String>),
    /// 5xx, an unexpected status, or a body we could not read.
    Failed(String),
    /// An answer longer than [`MAX_BODY_BYTES`].
    TooLarge,
    /// No connection.
    Unreachable,
    /// No answer in time.
    Timeout,
}

impl From<reqwest::Error> for UpstreamError {
    fn from(error: reqwest::Error) -> Self {
        if error.is_timeout() {
            Self::Timeout
        } else if error.is_connect() {
            Self::Unreachable
        } else {
            Self::Failed(error.without_url().to_string())
        }
    }
}

impl From<UpstreamError> for AppError {
    fn from(error: UpstreamError) -> Self {
        match error {
            UpstreamError::Unauthorized => AppError::ConnectionExpired,
            UpstreamError::ScopeMismatch => AppError::MissingScopes(Vec::new()),
            UpstreamError::Forbidden => AppError::Forbidden,
            UpstreamError::NotFound => AppError::PageNotFound,
            UpstreamError::RateLimited(seconds) => AppError::RateLimited {
                retry_after_secs: seconds,
            },
            UpstreamError::QuotaSpent { until, .. } => AppError::QuotaSpent {
                site: crate::t!(crate::i18n::use_i18n(), "error-this-site"),
                resets_at: crate::clock::Clock::new(None, crate::i18n::use_i18n().formats())
                    .time_of_day(until),
            },
            UpstreamError::OAuth { .. }
            | UpstreamError::BadRequest(_)
            | UpstreamError::Failed(_) => AppError::UpstreamFailed,
            UpstreamError::TooLarge => AppError::UpstreamTooLarge,
            UpstreamError::Unreachable => AppError::UpstreamUnavailable,
            UpstreamError::Timeout => AppError::UpstreamTimeout,
        }
    }
}

impl AtlassianClient {
    /// What is known of each site's quota (for the status endpoint).
    pub fn quotas(&self) -> Vec<(uuid::Uuid, quota::SiteQuota)> {
        self.inner.quotas.snapshot()
    }

    /// Shares spent quotas with the other instances through `store` (set once, at start-up).
    pub fn share_spent_quotas(&self, store: Arc<dyn quota::SharedSpent>) {
        let _ = self.inner.shared_spent.set(store);
    }

    /// Whether Jira said the app's quota on `cloud_id` is nearly spent.
    pub fn near_limit(&self, cloud_id: uuid::Uuid) -> bool {
        self.inner.quotas.near_limit(cloud_id, crate::clock::now())
    }

    /// Whether the app should spare its quota on `cloud_id`: nearly spent, or spent faster than
    /// the pace that keeps half of it in reserve.
    pub fn spare(&self, cloud_id: uuid::Uuid) -> bool {
        self.inner.respect_limits && self.inner.quotas.spare(cloud_id, crate::clock::now())
    }

    /// Whether the client lives within Atlassian's rate limits (always, but in a benchmark's
    /// baseline).
    pub fn respects_limits(&self) -> bool {
        self.inner.respect_limits
    }

    /// The length in seconds of the app's quota window on `cloud_id` (an hour, unless Jira's
    /// policy header says otherwise).
    pub fn window_secs(&self, cloud_id: uuid::Uuid) -> u64 {
        self.inner.quotas.window(cloud_id)
    }

    /// Whether the app's quota on `cloud_id` is spent, as this instance knows.
    pub fn quota_spent(&self, cloud_id: uuid::Uuid) -> bool {
        self.inner.quotas.spent(cloud_id, crate::clock::now())
    }

    /// Builds the client for the configured hosts.
    pub fn new(config: &Config) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .user_agent(concat!("jira-sso-auth/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self {
            inner: Arc::new(Inner {
                http,
                media_ids: moka::sync::Cache::new(MEDIA_IDS_KEPT),
                linked_issues: moka::sync::Cache::builder()
                    .max_capacity(LINKED_ISSUES_KEPT)
                    .time_to_live(LINKED_ISSUES_FOR)
                    .build(),
                issues: answers::KeptIssues::default(),
                token_hasher: std::collections::hash_map::RandomState::new(),
                quotas: quota::Quotas::default(),
                respect_limits: config.respect_rate_limits,
                shared_spent: std::sync::OnceLock::new(),
                auth_url: config.auth_url.clone(),
                api_url: config.api_url.clone(),
                client_id: config.credentials.client_id.clone(),
                client_secret: config.credentials.client_secret.clone(),
                callback_url: config.callback_url(),
                scopes: config.scopes.clone(),
            }),
        })
    }
}

/// A response's body, read up to [`MAX_BODY_BYTES`]: refused at once when its `Content-Length`
/// says more, and as soon as more arrives when it does not say.
async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, UpstreamError> {
    let too_large = || {
        tracing::warn!(
            limit = MAX_BODY_BYTES,
            "an answer from Atlassian was too large; dropped"
        );
        UpstreamError::TooLarge
    };
    let length = response.content_length().unwrap_or(0);
    if length > MAX_BODY_BYTES as u64 {
        return Err(too_large());
    }
    // Room for what the answer says it holds (a rich issue is ~100 KB), so that it is not
    // copied as it grows; no more than a megabyte before it arrives.
    let room = usize::try_from(length).map_or(0, |length| length.min(1024 * 1024));
    let mut body = Vec::with_capacity(room);
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// `base` with more path segments appended, each percent-encoded as a segment.
fn endpoint<'a>(base: &Url, segments: impl IntoIterator<Item = &'a str>) -> Url {
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_encodes_each_segment() {
        let base = Url::parse("https://api.atlassian.com/").unwrap();
        let url = endpoint(&base, ["ex", "jira", "a/b?c", "rest"]);
        assert_eq!(
            url.as_str(),
            "https://api.atlassian.com/ex/jira/a%2Fb%3Fc/rest"
        );
        let prefixed = Url::parse("http://127.0.0.1:3000/sandbox/api").unwrap();
        assert_eq!(
            endpoint(&prefixed, ["me"]).as_str(),
            "http://127.0.0.1:3000/sandbox/api/me"
        );
    }
}
