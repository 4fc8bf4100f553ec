//! Levers for tests: make time pass for one person's access tokens, or revoke their grants.

use super::Sandbox;
use axum::{
    extract::{Query, State},
    http::StatusCode,
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
