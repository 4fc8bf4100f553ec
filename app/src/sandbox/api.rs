//! The sandbox's API gateway: identity, accessible resources and Jira issues, behind bearer tokens.

use super::{data, grants::GrantRecord, Sandbox};
use crate::session::now;
use axum::{
    extract::{FromRequestParts, Path, Query, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// The gateway's 401 body.
fn unauthorized(message: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        Json(json!({ "code": 401, "message": message })),
    )
        .into_response()
}

/// Jira's ErrorCollection.
fn jira_error(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "errorMessages": [message], "errors": {} })),
    )
        .into_response()
}

/// Anything the sandbox does not serve.
pub async fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "code": 404, "message": "Not Found" })),
    )
        .into_response()
}

/// Who a bearer token belongs to; extracting it answers the gateway's 401 for a bad token.
pub struct Caller {
    account_id: String,
    scopes: Vec<String>,
}

impl Caller {
    fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// The gateway's refusal of a request's credentials.
pub struct Unauthorized;

impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        unauthorized("Unauthorized")
    }
}

impl FromRequestParts<Sandbox> for Caller {
    type Rejection = Unauthorized;

    async fn from_request_parts(
        parts: &mut Parts,
        sandbox: &Sandbox,
    ) -> Result<Self, Unauthorized> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(Unauthorized)?;
        let grants = sandbox.grants();
        let GrantRecord {
            account_id, scopes, ..
        } = grants.grant_for_access(token, now()).ok_or(Unauthorized)?;
        Ok(Self {
            account_id: account_id.clone(),
            scopes: scopes.clone(),
        })
    }
}

/// The product scopes a grant holds for a Jira site.
fn jira_scopes(caller: &Caller) -> Vec<&str> {
    caller
        .scopes
        .iter()
        .map(String::as_str)
        .filter(|s| s.contains("jira"))
        .collect()
}

/// `GET /me`.
pub async fn me(State(sandbox): State<Sandbox>, caller: Caller) -> Response {
    if !caller.has_scope("read:me") {
        return unauthorized("Unauthorized; scope does not match");
    }
    let Some(user) = data::user(&caller.account_id) else {
        return unauthorized("Unauthorized");
    };
    let mut body = json!({
        "account_type": "atlassian",
        "account_id": user.account_id,
        "name": user.name,
        "picture": sandbox.avatar_url(user.nickname),
        "account_status": "active",
        "nickname": user.nickname,
        "zoneinfo": user.zoneinfo,
        "locale": user.locale,
        "extended_profile": {},
    });
    if let Some(email) = user.email {
        body["email"] = json!(email);
    }
    Json(body).into_response()
}

/// `GET /oauth/token/accessible-resources`.
pub async fn accessible_resources(State(sandbox): State<Sandbox>, caller: Caller) -> Response {
    let scopes = jira_scopes(&caller);
    let sites: Vec<Value> = data::user(&caller.account_id)
        .map(|user| user.sites)
        .unwrap_or_default()
        .iter()
        .filter(|_| !scopes.is_empty())
        .filter_map(|id| data::site(id))
        .map(|site| {
            json!({
                "id": site.id,
                "name": site.name,
                "url": site.url,
                "scopes": scopes,
                "avatarUrl": sandbox.avatar_url(site.name),
            })
        })
        .collect();
    Json(sites).into_response()
}

/// `GET /avatars/{seed}.svg`: a coloured square with the seed's first two letters.
pub async fn avatar(Path(seed): Path<String>) -> Response {
    let seed = seed.trim_end_matches(".svg");
    let initials: String = seed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(2)
        .collect::<String>()
        .to_uppercase();
    let hue = seed
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)))
        % 360;
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 48 48\"><rect width=\"48\" height=\"48\" fill=\"hsl({hue} 55% 42%)\"/><text x=\"24\" y=\"31\" font-family=\"sans-serif\" font-size=\"20\" font-weight=\"700\" text-anchor=\"middle\" fill=\"#fff\">{initials}</text></svg>"
    );
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    )
        .into_response()
}

/// A Jira user object as issue fields embed it.
fn jira_user(sandbox: &Sandbox, base: &str, account_id: &str) -> Value {
    let Some(user) = data::user(account_id) else {
        return Value::Null;
    };
    let avatar = sandbox.avatar_url(user.nickname);
    let mut value = json!({
        "self": format!("{base}/rest/api/3/user?accountId={}", user.account_id),
        "accountId": user.account_id,
        "avatarUrls": { "48x48": avatar, "24x24": avatar, "16x16": avatar, "32x32": avatar },
        "displayName": user.name,
        "active": true,
        "timeZone": user.zoneinfo,
        "accountType": "atlassian",
    });
    if let Some(email) = user.email {
        value["emailAddress"] = json!(email);
    }
    value
}

fn adf(paragraphs: &[&str]) -> Value {
    if paragraphs.is_empty() {
        return Value::Null;
    }
    let content: Vec<Value> = paragraphs
        .iter()
        .map(|text| json!({ "type": "paragraph", "content": [{ "type": "text", "text": text }] }))
        .collect();
    json!({ "version": 1, "type": "doc", "content": content })
}

/// `GET /ex/jira/{cloudid}/rest/api/3/issue/{key}`, honouring `fields`.
pub async fn issue(
    State(sandbox): State<Sandbox>,
    Path((cloud_id, key)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    caller: Caller,
) -> Response {
    let granted =
        data::user(&caller.account_id).is_some_and(|u| u.sites.contains(&cloud_id.as_str()));
    if !granted || jira_scopes(&caller).is_empty() {
        return unauthorized("Unauthorized");
    }
    if !caller.has_scope("read:jira-work") {
        return unauthorized("Unauthorized; scope does not match");
    }
    let Some(issue) = data::issue(&cloud_id, &key) else {
        return jira_error(
            StatusCode::NOT_FOUND,
            "Issue does not exist or you do not have permission to see it.",
        );
    };
    let base = format!("https://api.atlassian.com/ex/jira/{cloud_id}");
    let status = issue.status;
    let all_fields: Vec<(&str, Value)> = vec![
        ("summary", json!(issue.summary)),
        (
            "issuetype",
            json!({ "self": format!("{base}/rest/api/3/issuetype/1"), "id": "1", "name": issue.issue_type, "subtask": false,
                    "iconUrl": format!("{base}/images/icons/issuetypes/{}.svg", issue.issue_type.to_lowercase()) }),
        ),
        (
            "status",
            json!({
                "self": format!("{base}/rest/api/3/status/{}", status.id),
                "description": "",
                "iconUrl": format!("{base}/"),
                "name": status.name,
                "id": status.id,
                "statusCategory": {
                    "self": format!("{base}/rest/api/3/statuscategory/{}", status.category_id),
                    "id": status.category_id,
                    "key": status.category_key,
                    "colorName": status.category_color,
                    "name": status.category_name,
                },
            }),
        ),
        (
            "priority",
            json!({ "self": format!("{base}/rest/api/3/priority/3"), "name": issue.priority, "id": "3",
                    "iconUrl": format!("{base}/images/icons/priorities/{}.svg", issue.priority.to_lowercase()) }),
        ),
        (
            "assignee",
            issue
                .assignee
                .map_or(Value::Null, |a| jira_user(&sandbox, &base, a)),
        ),
        ("reporter", jira_user(&sandbox, &base, issue.reporter)),
        ("description", adf(issue.description)),
        ("created", json!(issue.created)),
        ("updated", json!(issue.updated)),
    ];
    let wanted: Vec<String> = query
        .get("fields")
        .map(|f| f.split(',').map(|s| s.trim().to_owned()).collect())
        .unwrap_or_else(|| vec!["*all".to_owned()]);
    let include = |name: &str| {
        !wanted.iter().any(|w| w.strip_prefix('-') == Some(name))
            && wanted
                .iter()
                .any(|w| w == name || w == "*all" || w == "*navigable")
    };
    let fields: Map<String, Value> = all_fields
        .into_iter()
        .filter(|(name, _)| include(name))
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    Json(json!({
        "expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
        "id": issue.id.to_string(),
        "self": format!("{base}/rest/api/3/issue/{}", issue.id),
        "key": issue.key,
        "fields": fields,
    }))
    .into_response()
}
