//! Levers for tests: make time pass for one person's access tokens, or revoke their grants; and
//! counters for benchmarks.

use super::Sandbox;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    Json,
};
use serde::Deserialize;

/// Whose tokens to act on.
#[derive(Deserialize)]
pub struct Account {
    account_id: String,
}

/// `POST /control/expire-access-tokens?account_id=…`.
pub async fn expire_access_tokens(
    State(sandbox): State<Sandbox>,
    Query(account): Query<Account>,
) -> StatusCode {
    sandbox
        .grants()
        .expire_access_tokens(Some(&account.account_id));
    StatusCode::NO_CONTENT
}

/// `POST /control/revoke-grants?account_id=…`.
pub async fn revoke_grants(
    State(sandbox): State<Sandbox>,
    Query(account): Query<Account>,
) -> StatusCode {
    sandbox.grants().revoke_account(Some(&account.account_id));
    StatusCode::NO_CONTENT
}

/// `GET /control/stats`: requests seen so far, for counting upstream calls per page view.
pub async fn stats(State(sandbox): State<Sandbox>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "api_requests": sandbox.api_requests(),
        "token_requests": sandbox.token_requests(),
        "refresh_requests": sandbox.refresh_requests(),
        "invalid_grants": sandbox.invalid_grants(),
    }))
}
