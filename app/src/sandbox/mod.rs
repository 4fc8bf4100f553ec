//! The Atlassian sandbox: a stand-in for auth.atlassian.com and api.atlassian.com that answers with
//! Atlassian's documented shapes, statuses and error bodies (server only).
//!
//! It shares no code or types with `crate::atlassian`: a field misspelled in a shared struct would
//! round-trip through both and pass every test. Responses are written from its own data.
//!
//! Routes, relative to where it is mounted: `/auth/authorize` (consent screen), `/auth/oauth/token`,
//! `/api/me`, `/api/oauth/token/accessible-resources`, and under `/api/ex/jira/{cloudid}/rest/api/3/`
//! `myself`, `issue/{key}`, `issue/{key}/comment`, `search/jql` (GET and POST; JQL subset), the
//! removed `search` (410) and `attachment/{id}`, `attachment/content/{id}`, `attachment/thumbnail/{id}`
//! (redirecting to `/media/file/{uuid}/…`, the media host's stand-in), every Jira call under
//! Atlassian's 2026 rate limits (`quota`: points per site per hour, burst per endpoint, their
//! headers and 429s; `GET`/`PUT`/`DELETE /control/quota`); `PUT`/`DELETE /control/faults` inject latency, 429s, 5xx, drops;
//! and `/avatars/{seed}.svg` (generated images, so no page depends on an outside host); for
//! tests, `POST /control/expire-access-tokens?account_id=…` and `POST /control/revoke-grants?account_id=…`
//! (one person's tokens, so parallel tests don't disturb each other). The sandbox is
//! only mounted in sandbox mode, which never runs against real Atlassian credentials.

mod api;
mod attachments;
mod auth;
mod consent;
mod control;
mod data;
mod documents;
pub mod faults;
mod files;
mod grants;
mod jql;
mod pages;
mod payloads;
mod picker;
pub mod quota;
mod text;
mod timer;
mod world;

use crate::config::{Config, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_MOUNT};
use axum::{
    middleware,
    routing::{get, post, put},
    Router,
};
use faults::Faults;
use grants::Grants;
use std::{
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, Mutex, OnceLock,
    },
    time::Duration,
};
use timer::Timer;
use world::World;
pub use world::MAX_BULK_ISSUES;

/// An OAuth 2.0 (3LO) app registered in the sandbox's developer console.
#[derive(Debug, Clone)]
pub struct RegisteredApp {
    /// Name shown on the consent screen.
    pub name: String,
    /// Client id.
    pub client_id: String,
    /// Client secret.
    pub client_secret: String,
    /// Callback URLs; `redirect_uri` must equal one of them exactly.
    pub callback_urls: Vec<String>,
}

/// Keeps `value` at the end of `list`, which holds at most the last 1,000.
fn remember(list: &Mutex<Vec<String>>, value: &str) {
    let mut list = list
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if list.len() >= 1_000 {
        list.remove(0);
    }
    list.push(value.to_owned());
}

/// What [`remember`] kept in `list`, oldest first.
fn recalled(list: &Mutex<Vec<String>>) -> Vec<String> {
    list.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

/// Lifetimes the sandbox enforces.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    /// Access-token lifetime in seconds (Atlassian: 3600).
    pub access_token_secs: u64,
    /// Authorization-code lifetime in seconds (RFC 6749: at most 600).
    pub code_secs: u64,
    /// Refresh-token reuse leeway in seconds (Atlassian: 600); reuse this long after a rotation
    /// revokes the grant.
    pub reuse_leeway_secs: u64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Self {
            access_token_secs: 3600,
            code_secs: 600,
            reuse_leeway_secs: 600,
        }
    }
}

/// The running sandbox. Cheap to clone; clones share state.
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

struct Inner {
    app: RegisteredApp,
    public_url: String,
    lifetimes: Mutex<Lifetimes>,
    grants: Mutex<Grants>,
    world: World,
    media_key: [u8; 64],
    faults: Mutex<Faults>,
    /// Atlassian's rate limits and each site's spending.
    quotas: Mutex<quota::Quotas>,
    /// The injected latency's timer, started on first use (`None`: it could not start).
    timer: OnceLock<Option<Timer>>,
    token_requests: AtomicU64,
    api_requests: AtomicU64,
    refresh_requests: AtomicU64,
    invalid_grants: AtomicU64,
    bearer_at_media: AtomicU64,
    /// The media URLs' tokens handed out, newest last (the last 1,000), for leak tests.
    media_tokens: Mutex<Vec<String>>,
    /// The PKCE verifiers the token endpoint received (the last 1,000), for leak tests.
    code_verifiers: Mutex<Vec<String>>,
    /// The issues each person viewed per site, most recent first (the picker's history).
    history: Mutex<picker::History>,
}

impl Sandbox {
    /// A sandbox with one registered app, reachable by browsers at `public_url` (where its
    /// routes are mounted; avatar URLs point there).
    pub fn new(app: RegisteredApp, public_url: &str, lifetimes: Lifetimes) -> Self {
        Self::with_bulk_issues(app, public_url, lifetimes, 0)
    }

    /// [`Sandbox::new`], with `bulk` issues on the ACME site as rich as ACME-1 and each its own
    /// (ACME-101 onwards), for load runs across many distinct pages.
    pub fn with_bulk_issues(
        app: RegisteredApp,
        public_url: &str,
        lifetimes: Lifetimes,
        bulk: usize,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                app,
                public_url: public_url.trim_end_matches('/').to_owned(),
                lifetimes: Mutex::new(lifetimes),
                grants: Mutex::new(Grants::default()),
                world: World::generate(crate::clock::now(), bulk),
                media_key: rand::random(),
                faults: Mutex::new(Faults::default()),
                quotas: Mutex::new(quota::Quotas::starting_now()),
                timer: OnceLock::new(),
                token_requests: AtomicU64::new(0),
                api_requests: AtomicU64::new(0),
                refresh_requests: AtomicU64::new(0),
                invalid_grants: AtomicU64::new(0),
                bearer_at_media: AtomicU64::new(0),
                media_tokens: Mutex::default(),
                code_verifiers: Mutex::default(),
                history: Mutex::default(),
            }),
        }
    }

    /// The sandbox that sandbox mode serves: the app registered with the sandbox credentials and
    /// the app's own callback URL.
    pub fn for_app(config: &Config) -> Self {
        Self::new(
            RegisteredApp {
                name: "jira-sso-auth (sandbox)".to_owned(),
                client_id: SANDBOX_CLIENT_ID.to_owned(),
                client_secret: SANDBOX_CLIENT_SECRET.to_owned(),
                callback_urls: vec![config.callback_url()],
            },
            &format!(
                "{}{SANDBOX_MOUNT}",
                config.app_url.as_str().trim_end_matches('/')
            ),
            Lifetimes::default(),
        )
    }

    /// The sandbox's routes (`/auth/...` and `/api/...`), ready to mount anywhere; with
    /// `controls`, the `/control/...` levers for tests and benchmarks too.
    pub fn router(&self, controls: bool) -> Router {
        let mut router = Router::new()
            .route("/auth/authorize", get(auth::authorize).post(auth::decide))
            .route("/auth/oauth/token", post(auth::token))
            .route("/api/me", get(api::me))
            .route(
                "/api/oauth/token/accessible-resources",
                get(api::accessible_resources),
            )
            .route(
                "/api/ex/jira/{cloud_id}/rest/api/3/myself",
                get(api::myself),
            )
            .route(
                "/api/ex/jira/{cloud_id}/rest/api/3/issue/{key}",
                get(api::issue),
            )
            .route(
                "/api/ex/jira/{cloud_id}/rest/api/3/issue/picker",
                get(picker::picker),
            )
            .route(
                "/api/ex/jira/{cloud_id}/rest/api/3/issue/{key}/comment",
                get(api::comments),
            )
            .route(
                "/api/ex/jira/{cloud_id}/rest/api/3/search/jql",
                get(api::search_get).post(api::search_post),
            )
            .route(
                "/api/ex/jira/{cloud_id}/rest/api/{version}/search",
                get(api::search_removed).post(api::search_removed),
            )
            .route(
                "/api/ex/jira/{cloud_id}/rest/api/3/attachment/{id}",
                get(files::metadata),
            )
            .route(
                "/api/ex/jira/{cloud_id}/rest/api/3/attachment/content/{id}",
                get(files::content),
            )
            .route(
                "/api/ex/jira/{cloud_id}/rest/api/3/attachment/thumbnail/{id}",
                get(files::thumbnail),
            )
            .route("/media/file/{file_id}/{kind}", get(files::media))
            .route("/avatars/{seed}", get(api::avatar));
        if controls {
            router = router
                .route("/control/faults", put(faults::set).delete(faults::clear))
                .route(
                    "/control/expire-access-tokens",
                    post(control::expire_access_tokens),
                )
                .route("/control/revoke-grants", post(control::revoke_grants))
                .route("/control/stats", get(control::stats))
                .route(
                    "/control/quota",
                    get(quota::quota)
                        .put(quota::set_quota)
                        .delete(quota::reset_quota),
                );
        }
        router
            .fallback(api::not_found)
            .layer(middleware::from_fn_with_state(self.clone(), quota::apply))
            .layer(middleware::from_fn_with_state(self.clone(), faults::inject))
            .with_state(self.clone())
    }

    /// How many requests reached the media host carrying an `Authorization` header (the
    /// gateway's bearer token belongs to the gateway alone).
    pub fn bearer_at_media(&self) -> u64 {
        self.inner.bearer_at_media.load(Ordering::SeqCst)
    }

    /// The tokens of the media URLs the gateway redirected to (the last 1,000).
    pub fn media_tokens(&self) -> Vec<String> {
        recalled(&self.inner.media_tokens)
    }

    pub(crate) fn remember_media_token(&self, token: &str) {
        remember(&self.inner.media_tokens, token);
    }

    /// The PKCE verifiers the token endpoint received (the last 1,000).
    pub fn code_verifiers(&self) -> Vec<String> {
        recalled(&self.inner.code_verifiers)
    }

    pub(crate) fn remember_code_verifier(&self, verifier: &str) {
        remember(&self.inner.code_verifiers, verifier);
    }

    pub(crate) fn count_bearer_at_media(&self) {
        self.inner.bearer_at_media.fetch_add(1, Ordering::SeqCst);
    }

    /// How many requests reached the API gateway (`/api/...`), any outcome.
    pub fn api_requests(&self) -> u64 {
        self.inner.api_requests.load(Ordering::SeqCst)
    }

    pub(crate) fn count_api_request(&self) {
        self.inner.api_requests.fetch_add(1, Ordering::SeqCst);
    }

    /// How many requests reached the token endpoint (any grant type, any outcome).
    pub fn token_requests(&self) -> u64 {
        self.inner.token_requests.load(Ordering::SeqCst)
    }

    /// The lifetimes in force.
    pub fn lifetimes(&self) -> Lifetimes {
        *self
            .inner
            .lifetimes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Changes the lifetimes of tokens and codes issued from now on.
    pub fn set_lifetimes(&self, lifetimes: Lifetimes) {
        *self
            .inner
            .lifetimes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = lifetimes;
    }

    /// How many of them were `grant_type=refresh_token`.
    pub fn refresh_requests(&self) -> u64 {
        self.inner.refresh_requests.load(Ordering::SeqCst)
    }

    /// How many refresh requests were refused with `invalid_grant` (unknown, or reused after
    /// the leeway).
    pub fn invalid_grants(&self) -> u64 {
        self.inner.invalid_grants.load(Ordering::SeqCst)
    }

    /// Makes every access token expired now, as if an hour had passed; clients that don't
    /// know it yet get 401s.
    pub fn expire_access_tokens(&self) {
        self.grants().expire_access_tokens(None);
    }

    /// Revokes every grant, as when people remove the app from their connected apps.
    pub fn revoke_grants(&self) {
        self.grants().revoke_account(None);
    }

    /// Every access and refresh token the sandbox has issued and not yet revoked, for tests that
    /// look for them where they must not be.
    pub fn live_tokens(&self) -> Vec<String> {
        let grants = self.grants();
        grants
            .access
            .keys()
            .chain(grants.refresh.keys())
            .cloned()
            .collect()
    }

    /// The URL of a generated avatar image for `seed`.
    fn avatar_url(&self, seed: &str) -> String {
        format!("{}/avatars/{seed}.svg", self.inner.public_url)
    }

    /// Waits `latency` to within the operating system's timer slack, on the sandbox's timer
    /// thread (tokio's timer, which rounds up to 1 ms, if the thread cannot start).
    pub async fn delay(&self, latency: Duration) {
        match self.inner.timer.get_or_init(|| Timer::start().ok()) {
            Some(timer) => timer.sleep(latency).await,
            None => tokio::time::sleep(latency).await,
        }
    }

    /// The faults in force.
    pub fn faults(&self) -> Faults {
        self.inner
            .faults
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Replaces the faults in force.
    pub fn set_faults(&self, faults: Faults) {
        *self
            .inner
            .faults
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = faults;
    }

    /// Runs `f` on the rate limits and spending (one lock; `f` must not wait).
    fn with_quotas<T>(&self, f: impl FnOnce(&mut quota::Quotas) -> T) -> T {
        f(&mut self
            .inner
            .quotas
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Runs `f` on the people's viewing history (one lock; `f` must not wait).
    fn with_history<T>(&self, f: impl FnOnce(&mut picker::History) -> T) -> T {
        f(&mut self
            .inner
            .history
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    fn world(&self) -> &World {
        &self.inner.world
    }

    /// Where browsers (and the app) reach the sandbox.
    fn public_url(&self) -> &str {
        &self.inner.public_url
    }

    /// The registered app's client id (media URLs name it).
    fn client_id(&self) -> &str {
        &self.inner.app.client_id
    }

    /// The key that signs media URLs' tokens (one SHA-256 block), random per sandbox.
    fn media_key(&self) -> &[u8; 64] {
        &self.inner.media_key
    }

    fn grants(&self) -> std::sync::MutexGuard<'_, Grants> {
        self.inner
            .grants
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
