//! The sandbox's authorization server: `/authorize` with its consent screen, and `/oauth/token`.

use super::{
    consent::{AuthorizeRequest, KNOWN_SCOPES},
    data, pages, Sandbox,
};
use crate::clock::now;
use axum::{
    body::Bytes,
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{Html, IntoResponse, Response},
    Form, Json,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Deserialize;
use serde_json::{json, Value};
use std::{collections::HashMap, sync::atomic::Ordering};

const ENCODE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The authorization request's parameters; each is checked by hand so that a bad one can be named.
#[derive(Debug, Default, Deserialize)]
pub struct AuthorizeParams {
    audience: Option<String>,
    client_id: Option<String>,
    scope: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    response_type: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

impl Sandbox {
    fn validate(&self, params: &AuthorizeParams) -> Result<AuthorizeRequest, String> {
        let app = &self.inner.app;
        if params.audience.as_deref() != Some("api.atlassian.com") {
            return Err("The audience parameter must be api.atlassian.com.".into());
        }
        if params.client_id.as_deref() != Some(app.client_id.as_str()) {
            return Err("Unknown client_id.".into());
        }
        let redirect_uri = params.redirect_uri.clone().unwrap_or_default();
        if !app.callback_urls.contains(&redirect_uri) {
            return Err("The redirect_uri does not match the app's callback URL.".into());
        }
        if params.response_type.as_deref() != Some("code") {
            return Err("Unsupported response_type: only code is supported.".into());
        }
        let scope = params.scope.clone().unwrap_or_default();
        if scope.contains(',') {
            return Err("Invalid scope: scopes are separated by spaces.".into());
        }
        let scopes: Vec<String> = scope
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if scopes.is_empty() {
            return Err("The scope parameter is required.".into());
        }
        if let Some(unknown) = scopes
            .iter()
            .find(|s| !KNOWN_SCOPES.iter().any(|(known, _)| known == s))
        {
            return Err(format!("Invalid scope: {unknown}"));
        }
        let state = params
            .state
            .clone()
            .filter(|s| !s.is_empty())
            .ok_or("The state parameter is required.")?;
        let code_challenge = match (
            params.code_challenge.as_deref(),
            params.code_challenge_method.as_deref(),
        ) {
            (None, None) => None,
            (Some(challenge), Some("S256")) if is_s256_challenge(challenge) => {
                Some(challenge.to_owned())
            }
            (Some(_), Some("S256")) => return Err("Invalid code_challenge.".into()),
            (Some(_), None | Some(_)) => {
                return Err("Unsupported code_challenge_method: only S256 is supported.".into())
            }
            (None, Some(_)) => return Err("The code_challenge parameter is required.".into()),
        };
        Ok(AuthorizeRequest {
            scopes,
            redirect_uri,
            state,
            code_challenge,
        })
    }
}

/// An S256 challenge is the unpadded base64url of a SHA-256 digest: 43 characters.
fn is_s256_challenge(challenge: &str) -> bool {
    challenge.len() == 43
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// RFC 7636 §4.6: `BASE64URL(SHA256(verifier)) == challenge`.
fn verifier_matches(verifier: &str, challenge: &str) -> bool {
    use sha2::{Digest, Sha256};
    let valid_verifier = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b));
    valid_verifier && URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == challenge
}

fn bad_request(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Html(pages::error_page(message))).into_response()
}

/// `GET /authorize`: validates the request and shows the consent screen.
pub async fn authorize(
    State(sandbox): State<Sandbox>,
    Query(params): Query<AuthorizeParams>,
) -> Response {
    match sandbox.validate(&params) {
        Ok(request) => Html(pages::consent_page(
            &sandbox.inner.app,
            &request,
            params.client_id.as_deref().unwrap_or_default(),
        ))
        .into_response(),
        Err(message) => bad_request(&message),
    }
}

/// The consent screen's answer.
#[derive(Debug, Deserialize)]
pub struct Decision {
    #[serde(flatten)]
    params: AuthorizeParams,
    account_id: Option<String>,
    decision: Option<String>,
}

/// `POST /authorize`: the person accepted or declined; back to the app's callback either way.
pub async fn decide(State(sandbox): State<Sandbox>, Form(decision): Form<Decision>) -> Response {
    let request = match sandbox.validate(&decision.params) {
        Ok(request) => request,
        Err(message) => return bad_request(&message),
    };
    let state = utf8_percent_encode(&request.state, ENCODE);
    let separator = if request.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    if decision.decision.as_deref() != Some("accept") {
        let location = format!(
            "{}{separator}error=access_denied&error_description={}&state={state}",
            request.redirect_uri,
            utf8_percent_encode("User did not authorize the request", ENCODE)
        );
        return found(&location);
    }
    let Some(user) = decision.account_id.as_deref().and_then(data::user) else {
        return bad_request("Choose the account to sign in with.");
    };
    let code = sandbox.grants().issue_code(
        user.account_id,
        request.scopes,
        &request.redirect_uri,
        request.code_challenge,
        now(),
    );
    let location = format!(
        "{}{separator}code={code}&state={state}",
        request.redirect_uri
    );
    found(&location)
}

/// A `302 Found`, as Atlassian's authorization server answers.
fn found(location: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location.to_owned())]).into_response()
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

/// Atlassian's answer to a refresh token it does not know or that was reused too late; counted.
fn refused_refresh(sandbox: &Sandbox) -> Response {
    sandbox.inner.invalid_grants.fetch_add(1, Ordering::SeqCst);
    oauth_error(
        StatusCode::FORBIDDEN,
        "invalid_grant",
        "Unknown or invalid refresh token.",
    )
}

/// `POST /oauth/token`: JSON or form body; authorization_code and refresh_token grants.
pub async fn token(State(sandbox): State<Sandbox>, headers: HeaderMap, body: Bytes) -> Response {
    sandbox.inner.token_requests.fetch_add(1, Ordering::SeqCst);
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let fields: HashMap<String, String> = if content_type.starts_with("application/json") {
        match serde_json::from_slice::<HashMap<String, Value>>(&body) {
            Ok(map) => map
                .into_iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_owned())))
                .collect(),
            Err(_) => {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "Invalid JSON body",
                )
            }
        }
    } else if content_type.starts_with("application/x-www-form-urlencoded") {
        url::form_urlencoded::parse(&body).into_owned().collect()
    } else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Unsupported content type",
        );
    };
    let field = |name: &str| fields.get(name).map(String::as_str).unwrap_or_default();

    let app = &sandbox.inner.app;
    if field("client_id") != app.client_id || field("client_secret") != app.client_secret {
        return oauth_error(StatusCode::UNAUTHORIZED, "access_denied", "Unauthorized");
    }
    let lifetimes = sandbox.lifetimes();
    let now = now();
    let mut grants = sandbox.grants();
    let grant = match field("grant_type") {
        "authorization_code" => {
            let Some(code) = grants.codes.remove(field("code")) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "authorization_code is invalid",
                );
            };
            if now.saturating_sub(code.issued_at) >= lifetimes.code_secs {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_request",
                    "authorization_code is invalid",
                );
            }
            if code.redirect_uri != field("redirect_uri") {
                return oauth_error(
                    StatusCode::FORBIDDEN,
                    "invalid_grant",
                    "Invalid redirect_uri",
                );
            }
            // PKCE: a code issued for a challenge is exchanged only with its verifier (and the
            // failed attempt uses the code up, as every other failure does).
            if !field("code_verifier").is_empty() {
                sandbox.remember_code_verifier(field("code_verifier"));
            }
            if let Some(challenge) = &code.code_challenge {
                if !verifier_matches(field("code_verifier"), challenge) {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "Invalid code_verifier",
                    );
                }
            }
            code.grant
        }
        "refresh_token" => {
            sandbox
                .inner
                .refresh_requests
                .fetch_add(1, Ordering::SeqCst);
            let presented = field("refresh_token");
            let Some(record) = grants.refresh.get_mut(presented) else {
                return refused_refresh(&sandbox);
            };
            let grant = record.grant;
            match record.rotated_at {
                Some(at) if now.saturating_sub(at) >= lifetimes.reuse_leeway_secs => {
                    grants.revoke(grant);
                    return refused_refresh(&sandbox);
                }
                Some(_) => {}
                None => record.rotated_at = Some(now),
            }
            grant
        }
        "" => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Missing required parameter: grant_type",
            )
        }
        _ => {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Unsupported grant type",
            )
        }
    };
    let scope = grants
        .grants
        .get(&grant)
        .map(|g| g.scopes.join(" "))
        .unwrap_or_default();
    let (access_token, refresh_token) =
        grants.issue_tokens(grant, now, lifetimes.access_token_secs);
    let mut body = json!({
        "access_token": access_token,
        "expires_in": lifetimes.access_token_secs,
        "scope": scope,
    });
    if let Some(refresh_token) = refresh_token {
        body["refresh_token"] = json!(refresh_token);
    }
    (
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::PRAGMA, "no-cache"),
        ],
        Json(body),
    )
        .into_response()
}
