//! Plain axum handlers for the addresses the browser is redirected through: starting and finishing
//! the OAuth dance, signing out, the no-JavaScript lookup form, and the health check.

use super::{
    http::{in_language, language_cookie},
    problem::problem_page,
};
use crate::{
    auth::{
        callback::CallbackQuery,
        pending::{PendingCookies, PendingSignIn},
        session::UserSession,
        tokens::Grant,
    },
    clock::now,
    error::AppError,
    i18n::{Lang, Locale},
    issue_key::{resolve_lookup, IssueKey},
    models::RequestId,
    return_to::{encode_query_value, safe_return_to},
    server::{
        connection::Connection,
        dashboard::remember_profile,
        search::{find_on_sites, SiteSearch},
    },
    state::AppState,
};
use axum::{
    extract::{rejection::FormRejection, Form, Query, RawQuery, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension, Json,
};
use secrecy::ExposeSecret;
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;
use uuid::Uuid;

/// `GET /health-check`: cheap, touches neither the session store nor Atlassian.
pub async fn health_check() -> Json<serde_json::Value> {
    Json(json!({ "status": "The application is running!" }))
}

/// `GET /status/rate-limits`: how the app stands with Atlassian's rate limits on the sites this
/// instance has called, for operators and monitoring. Counts only: no site, person or token, and
/// no session needed.
pub async fn rate_limits(State(state): State<AppState>) -> Json<serde_json::Value> {
    let now = crate::clock::now();
    let sites = state.atlassian.quotas();
    let spent: Vec<u64> = sites
        .iter()
        .filter_map(|(_, quota)| quota.spent_until.filter(|until| *until > now))
        .map(|until| until - now)
        .collect();
    let near = sites.iter().filter(|(_, quota)| quota.near_limit).count();
    let respecting = state.atlassian.respects_limits();
    let sparing = sites
        .iter()
        .filter(|(_, quota)| respecting && quota.spare(now))
        .count();
    let lowest = sites
        .iter()
        .filter_map(|(_, quota)| Some((quota.remaining?, quota.limit?)))
        .map(|(remaining, limit)| remaining.saturating_mul(100) / limit.max(1))
        .min();
    Json(json!({
        "sites": sites.len(),
        "near_limit": near,
        "sparing": sparing,
        "respecting_limits": respecting,
        "spent": spent.len(),
        "next_reset_in_secs": spent.iter().min(),
        "lowest_remaining_percent": lowest,
    }))
}

/// A redirect that no cache keeps.
pub(super) fn redirect(status: StatusCode, location: &str) -> Response {
    let Ok(location) = HeaderValue::from_str(location) else {
        tracing::error!("a redirect target is not a valid header value");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    (
        status,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response()
}

/// Query of `/initiate-oauth`.
#[derive(Debug, Deserialize)]
pub struct InitiateQuery {
    return_to: Option<String>,
}

/// `GET /initiate-oauth`: starts a sign-in (a fresh `state`, a PKCE verifier and a safe
/// `return_to`, sealed in this browser's cookie; nothing is written on the server) and sends the
/// browser to Atlassian's consent screen.
pub async fn initiate_oauth(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<InitiateQuery>,
) -> Response {
    let return_to = query.return_to.as_deref().and_then(safe_return_to);
    let pending = PendingSignIn::new(return_to);
    let cookies = PendingCookies::new(&state.sign_in_vault, state.config.is_https())
        .start(&pending, &headers);
    let location = state
        .atlassian
        .authorize_url(&pending.state, &pending.challenge());
    with_cookies(redirect(StatusCode::FOUND, &location), cookies)
}

/// `GET /oauth/callback`: checks `state` against this browser's pending sign-in, exchanges the
/// code with its PKCE verifier, keeps the tokens in the session and sends the browser on. Every
/// failure is a page that says what happened; the pending sign-in's cookie goes either way.
pub async fn oauth_callback(
    State(state): State<AppState>,
    Extension(request_id): Extension<RequestId>,
    locale: Locale,
    session: Session,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let query = CallbackQuery::parse(query.as_deref().unwrap_or_default());
    let (pending, cleared) = match query.as_ref().ok().and_then(|q| q.state.as_deref()) {
        Some(presented) => PendingCookies::new(&state.sign_in_vault, state.config.is_https())
            .finish(presented, &headers),
        None => (None, None),
    };
    let signed_in = complete_sign_in(&state, UserSession::new(session), query, pending);
    let response = match in_language(&state, locale, signed_in).await {
        Ok(return_to) => redirect(StatusCode::SEE_OTHER, &return_to),
        Err(error) => problem_page(&state, request_id, locale, error),
    };
    with_cookies(response, cleared)
}

/// How far apart two instances' clocks may be, for marks that must outlive what they guard.
const CLOCK_SKEW_SECS: u64 = 120;

/// Adds `Set-Cookie` headers to a response.
fn with_cookies(
    mut response: Response,
    cookies: impl IntoIterator<Item = HeaderValue>,
) -> Response {
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

async fn complete_sign_in(
    state: &AppState,
    session: UserSession,
    query: Result<CallbackQuery, AppError>,
    pending: Option<PendingSignIn>,
) -> Result<String, AppError> {
    let code = query?.code_to_exchange(pending.is_some())?;
    let pending = pending.ok_or(AppError::InvalidState)?;
    // A `state` is used up by its first callback with a code, whatever happens next, across every
    // instance: two callbacks racing with the same one exchange the code once. The mark outlives
    // the sign-in by a margin for clocks that disagree between instances.
    let key = format!("jsa:signin-used:{}", pending.state);
    let ttl = std::time::Duration::from_secs(pending.seconds_left() + CLOCK_SKEW_SECS);
    let first = state.backend.claim(&key, ttl).await.map_err(|error| {
        tracing::error!(%error, "could not mark a sign-in as used");
        AppError::SessionUnavailable
    })?;
    if !first {
        return Err(AppError::InvalidState);
    }
    let tokens = state
        .atlassian
        .exchange_code(&code, &pending.verifier)
        .await
        .map_err(|error| {
            tracing::warn!(?error, "authorization code exchange failed");
            match error {
                crate::atlassian::UpstreamError::OAuth { .. } => AppError::CodeNotAccepted,
                other => other.into(),
            }
        })?;
    let (connection, previous) = session.sign_in().await?;
    let now = now();
    let grant = Grant {
        access_token: tokens.access_token.into(),
        refresh_token: tokens.refresh_token.map(Into::into),
        expires_at: now + tokens.expires_in,
        scope: tokens.scope,
        consented_at: now,
        refreshed_at: None,
    };
    state.tokens.save(&connection, &grant).await?;
    // The profile is read now, so the first page after signing in is already in the person's
    // language and time zone; the dashboard reuses it. Pages still work should this fail.
    let me = state.atlassian.me(grant.access_token.expose_secret()).await;
    if let Err(error) = match me {
        Ok(me) => remember_profile(&session, me).await.map(drop),
        Err(error) => Err(error.into()),
    } {
        tracing::warn!(%error, "no profile at sign-in; the dashboard will ask again");
    }
    // Signing in again ends the previous grant, once the new one is stored; should that fail,
    // its time to live still ends it within the session's idle window.
    if let Some(previous) = previous {
        state.copies.forget(&previous);
        if let Err(error) = state.tokens.purge(&previous).await {
            tracing::warn!(%error, "could not purge the grant a new sign-in replaced");
        }
    }
    Ok(pending.return_to.unwrap_or_else(|| "/dashboard".to_owned()))
}

/// `POST /logout`: deletes the grant and the session on the server, back to the login page.
pub async fn logout(
    State(state): State<AppState>,
    Extension(request_id): Extension<RequestId>,
    locale: Locale,
    session: Session,
) -> Response {
    let session = UserSession::new(session);
    let ended = async {
        if let Some(connection) = session.connection().await? {
            state.copies.forget(&connection.id);
            state.tokens.purge(&connection.id).await?;
        }
        session.end().await
    };
    match ended.await {
        // The browser forgets this origin's storage and HTTP cache too (attachments it kept),
        // as browsers honour it over https and on localhost. Not "cookies": that clears every
        // cookie of the registrable domain, so signing out of jira.example.com would sign people
        // out of example.com's other apps; the session cookie is cleared by name.
        Ok(()) => {
            let mut response = redirect(StatusCode::SEE_OTHER, "/");
            response.headers_mut().insert(
                HeaderName::from_static("clear-site-data"),
                HeaderValue::from_static("\"cache\", \"storage\""),
            );
            response
        }
        Err(error) => problem_page(&state, request_id, locale, error),
    }
}

/// The language control's form.
#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    /// The chosen language's tag (`de`).
    lang: String,
    /// The page to go back to.
    #[serde(default)]
    return_to: String,
}

/// `POST /language`: the language the person chose, kept in a cookie of its own (nothing is
/// stored on the server), then back to the page they were on (a path on this site only: the
/// whole address, else its path, else `/`). A plain form, so it works without JavaScript.
pub async fn choose_language(
    State(state): State<AppState>,
    Extension(request_id): Extension<RequestId>,
    locale: Locale,
    form: Result<Form<LanguageForm>, FormRejection>,
) -> Response {
    let Some(chosen) = form
        .as_ref()
        .ok()
        .and_then(|Form(form)| Lang::from_tag(&form.lang))
    else {
        return problem_page(&state, request_id, locale, AppError::InvalidRequest);
    };
    let back = form
        .ok()
        .and_then(|Form(form)| {
            let path = form.return_to.split('?').next().unwrap_or_default();
            safe_return_to(&form.return_to).or_else(|| safe_return_to(path))
        })
        .unwrap_or_else(|| "/".to_owned());
    with_cookies(
        redirect(StatusCode::SEE_OTHER, &back),
        language_cookie(chosen, state.config.is_https()),
    )
}

/// Query of `/lookup`, the lookup form's GET target.
#[derive(Debug, Deserialize)]
pub struct LookupQuery {
    #[serde(default)]
    site: String,
    #[serde(default)]
    key: String,
}

/// `GET /lookup`: the lookup form without JavaScript. A valid lookup goes to the issue page; a
/// problem goes back to the dashboard with the input, where the form explains it.
pub async fn lookup(
    State(state): State<AppState>,
    Extension(request_id): Extension<RequestId>,
    locale: Locale,
    session: Session,
    Query(query): Query<LookupQuery>,
) -> Response {
    let looked_up = look_up(&state, request_id, locale, session, query);
    in_language(&state, locale, looked_up).await
}

async fn look_up(
    state: &AppState,
    request_id: RequestId,
    locale: Locale,
    session: Session,
    query: LookupQuery,
) -> Response {
    let connection = match Connection::open(state.clone(), UserSession::new(session)).await {
        Ok(connection) => connection,
        Err(AppError::NotSignedIn | AppError::ConnectionExpired) => {
            return redirect(StatusCode::SEE_OTHER, "/?return_to=%2Fdashboard")
        }
        Err(error) => return problem_page(state, request_id, locale, error),
    };
    let sites = match connection.sites().await {
        Ok(sites) => sites,
        Err(error) => return problem_page(state, request_id, locale, error),
    };
    let back_to_form = |missing: Option<&str>| {
        format!(
            "/dashboard?site={}&key={}{}#lookup-key",
            encode_query_value(&query.site),
            encode_query_value(&query.key),
            missing.map(|m| format!("&missing={m}")).unwrap_or_default()
        )
    };
    let issue_page = |cloud_id: Uuid, key: &IssueKey| format!("/sites/{cloud_id}/issues/{key}");
    let location = match resolve_lookup(&sites, &query.site, &query.key) {
        Ok((Some(cloud_id), key)) => issue_page(cloud_id, &key),
        Ok((None, key)) => match find_on_sites(&connection, &sites, &key).await {
            Ok(SiteSearch::Found(cloud_id)) => issue_page(cloud_id, &key),
            Ok(SiteSearch::Missing { unanswered: 0 }) => back_to_form(Some("all")),
            Ok(SiteSearch::Missing { .. }) => back_to_form(Some("some")),
            Err(AppError::ConnectionExpired) => {
                return redirect(
                    StatusCode::SEE_OTHER,
                    "/?notice=expired&return_to=%2Fdashboard",
                )
            }
            Err(error) => return problem_page(state, request_id, locale, error),
        },
        Err(_) => back_to_form(None),
    };
    redirect(StatusCode::SEE_OTHER, &location)
}
