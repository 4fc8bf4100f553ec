//! The sandbox's API gateway: identity, accessible resources and Jira's REST API v3 (myself,
//! issue, comments, enhanced search and the removed search), behind bearer tokens, with the
//! statuses and error bodies Atlassian documents.

use super::{
    attachments, data,
    grants::GrantRecord,
    jql::Query,
    world::{Issue, World, PROJECTS},
    Sandbox,
};
use crate::clock::now;
use axum::{
    body::Bytes,
    extract::{FromRequestParts, Path, Query as UrlQuery, State},
    http::{header, request::Parts, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use uuid::Uuid;

/// The gateway's 401 body.
fn unauthorized(message: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        Json(json!({ "code": 401, "message": message })),
    )
        .into_response()
}

/// Jira's ErrorCollection.
pub(super) fn jira_error(status: StatusCode, message: &str) -> Response {
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
    pub(super) account_id: String,
    scopes: Vec<String>,
}

impl Caller {
    fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }

    fn jira_scopes(&self) -> Vec<&str> {
        self.scopes
            .iter()
            .map(String::as_str)
            .filter(|s| s.contains("jira"))
            .collect()
    }

    /// The gateway's checks for a Jira call on `cloud_id` needing `scope`; the site's id. A
    /// cloud id that is not a UUID names no site, like one the caller cannot see.
    pub(super) fn check_jira(&self, cloud_id: &str, scope: &str) -> Result<Uuid, Refusal> {
        let site = cloud_id.parse().map_err(|_| Refusal::Unauthorized)?;
        if !World::can_see(&self.account_id, site) || self.jira_scopes().is_empty() {
            return Err(Refusal::Unauthorized);
        }
        if !self.has_scope(scope) {
            return Err(Refusal::ScopeMismatch);
        }
        Ok(site)
    }
}

impl Caller {
    /// The issue `key` on `cloud_id`, if this caller may read it.
    pub(super) fn readable_issue<'a>(
        &self,
        sandbox: &'a Sandbox,
        cloud_id: &str,
        key: &str,
    ) -> Result<&'a Issue, Refusal> {
        let site = self.check_jira(cloud_id, "read:jira-work")?;
        sandbox
            .world()
            .find(site, key)
            .map(|(_, issue)| issue)
            .ok_or(Refusal::IssueNotFound)
    }
}

/// Why the gateway or Jira refuses a call.
pub(super) enum Refusal {
    Unauthorized,
    ScopeMismatch,
    IssueNotFound,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::Unauthorized => unauthorized("Unauthorized"),
            Self::ScopeMismatch => unauthorized("Unauthorized; scope does not match"),
            Self::IssueNotFound => jira_error(
                StatusCode::NOT_FOUND,
                "Issue does not exist or you do not have permission to see it.",
            ),
        }
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
        "picture": if user.account_id == data::MALLORY {
            format!("{}\" onerror=\"alert('picture')", sandbox.avatar_url("mallory"))
        } else {
            sandbox.avatar_url(user.nickname)
        },
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
    let scopes = caller.jira_scopes();
    let sites: Vec<Value> = data::user(&caller.account_id)
        .map(|user| user.sites)
        .unwrap_or_default()
        .iter()
        .filter(|_| !scopes.is_empty())
        .filter_map(|id| data::site(*id))
        .map(|site| {
            json!({
                "id": site.id,
                "name": site.name,
                "url": site.url,
                "scopes": scopes,
                "avatarUrl": if site.id == data::HOSTILE {
                    "javascript:alert('avatar')".to_owned()
                } else {
                    sandbox.avatar_url(site.name)
                },
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

/// `YYYY-MM-DDTHH:MM:SS.000+0000`, Jira's timestamp format.
pub(super) fn jira_time(unix: u64) -> String {
    let days = i64::try_from(unix / 86_400).unwrap_or(0) + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let secs = unix % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.000+0000",
        secs / 3_600,
        secs % 3_600 / 60,
        secs % 60
    )
}

/// A Jira user object as issue fields embed it.
pub(super) fn jira_user(sandbox: &Sandbox, base: &str, account_id: &str) -> Value {
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

fn status_json(base: &str, issue: &Issue) -> Value {
    let status = issue.status;
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
    })
}

pub(super) fn type_json(base: &str, issue: &Issue) -> Value {
    let (id, level) = match issue.issue_type {
        "Epic" => ("10000", 1),
        "Sub-task" => ("10003", -1),
        "Bug" => ("10004", 0),
        "Story" => ("10001", 0),
        _ => ("10002", 0),
    };
    json!({
        "self": format!("{base}/rest/api/3/issuetype/{id}"),
        "id": id,
        "description": "",
        "iconUrl": format!("{base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/{id}?size=medium"),
        "name": issue.issue_type,
        "subtask": level < 0,
        "hierarchyLevel": level,
    })
}

fn priority_json(base: &str, issue: &Issue) -> Value {
    let id = ["Highest", "High", "Medium", "Low", "Lowest"]
        .iter()
        .position(|p| *p == issue.priority)
        .map_or(3, |i| i + 1);
    json!({
        "self": format!("{base}/rest/api/3/priority/{id}"),
        "iconUrl": format!("{base}/images/icons/priorities/{}.svg", issue.priority.to_lowercase()),
        "name": issue.priority,
        "id": id.to_string(),
    })
}

/// The short form of an issue used in parent, subtasks and links.
fn issue_ref(base: &str, issue: &Issue) -> Value {
    json!({
        "id": issue.id.to_string(),
        "key": issue.key,
        "self": format!("{base}/rest/api/3/issue/{}", issue.id),
        "fields": {
            "summary": issue.summary,
            "status": status_json(base, issue),
            "priority": priority_json(base, issue),
            "issuetype": type_json(base, issue),
        },
    })
}

fn comment_json(sandbox: &Sandbox, base: &str, issue: &Issue, index: usize) -> Value {
    let comment = &issue.comments[index];
    let author = jira_user(sandbox, base, comment.author);
    json!({
        "self": format!("{base}/rest/api/3/issue/{}/comment/{}", issue.id, comment.id),
        "id": comment.id.to_string(),
        "author": author,
        "body": comment.body,
        "updateAuthor": author,
        "created": jira_time(comment.created),
        "updated": jira_time(comment.created),
        "jsdPublic": true,
    })
}

/// Every field of an issue, in Jira's shapes.
fn all_fields(
    sandbox: &Sandbox,
    base: &str,
    world: &World,
    issue: &Issue,
) -> Vec<(&'static str, Value)> {
    let project = world.project(issue);
    let index_of = |i: usize| &world.issues[i];
    let subtasks: Vec<Value> = world
        .issues
        .iter()
        .filter(|other| {
            other.issue_type == "Sub-task"
                && other.parent.map(index_of).is_some_and(|p| p.id == issue.id)
        })
        .map(|other| issue_ref(base, other))
        .collect();
    let links: Vec<Value> = issue
        .links
        .iter()
        .map(|link| {
            let (inward, outward) = match link.kind {
                "Blocks" => ("is blocked by", "blocks"),
                _ => ("relates to", "relates to"),
            };
            let mut value = json!({
                "id": link.id.to_string(),
                "self": format!("{base}/rest/api/3/issueLink/{}", link.id),
                "type": { "id": "1000", "name": link.kind, "inward": inward, "outward": outward,
                          "self": format!("{base}/rest/api/3/issueLinkType/1000") },
            });
            let target = issue_ref(base, index_of(link.target));
            value[if link.outward {
                "outwardIssue"
            } else {
                "inwardIssue"
            }] = target;
            value
        })
        .collect();
    let comments: Vec<Value> = (0..issue.comments.len())
        .map(|i| comment_json(sandbox, base, issue, i))
        .collect();
    vec![
        ("summary", json!(issue.summary)),
        ("issuetype", type_json(base, issue)),
        ("status", status_json(base, issue)),
        ("priority", priority_json(base, issue)),
        ("assignee", issue.assignee.map_or(Value::Null, |a| jira_user(sandbox, base, a))),
        ("reporter", jira_user(sandbox, base, issue.reporter)),
        ("creator", jira_user(sandbox, base, issue.reporter)),
        ("labels", json!(issue.labels)),
        (
            "components",
            json!(issue.components.iter().enumerate().map(|(i, name)| json!({
                "self": format!("{base}/rest/api/3/component/{}", 10_100 + i), "id": (10_100 + i).to_string(), "name": name,
            })).collect::<Vec<_>>()),
        ),
        (
            "fixVersions",
            json!(issue.fix_versions.iter().enumerate().map(|(i, name)| json!({
                "self": format!("{base}/rest/api/3/version/{}", 10_200 + i), "id": (10_200 + i).to_string(),
                "name": name, "archived": false, "released": false,
            })).collect::<Vec<_>>()),
        ),
        ("parent", issue.parent.map_or(Value::Null, |p| issue_ref(base, index_of(p)))),
        ("subtasks", json!(subtasks)),
        ("issuelinks", json!(links)),
        (
            "attachment",
            json!(issue
                .attachments
                .iter()
                .map(|a| attachments::attachment_json(
                    base,
                    jira_user(sandbox, base, issue.reporter),
                    &jira_time(issue.created),
                    a
                ))
                .collect::<Vec<_>>()),
        ),
        ("description", issue.description.clone()),
        (
            "comment",
            json!({ "comments": comments, "self": format!("{base}/rest/api/3/issue/{}/comment", issue.id),
                    "maxResults": issue.comments.len(), "total": issue.comments.len(), "startAt": 0 }),
        ),
        ("created", json!(jira_time(issue.created))),
        ("updated", json!(jira_time(issue.updated))),
        ("resolutiondate", issue.resolved.map_or(Value::Null, |r| json!(jira_time(r)))),
        (
            "resolution",
            issue.resolved.map_or(Value::Null, |_| json!({
                "self": format!("{base}/rest/api/3/resolution/10000"), "id": "10000",
                "description": "Work has been completed on this issue.", "name": "Done",
            })),
        ),
        (
            "project",
            json!({ "self": format!("{base}/rest/api/3/project/{}", project.id), "id": project.id.to_string(),
                    "key": project.key, "name": project.name, "projectTypeKey": "software", "simplified": false }),
        ),
    ]
}

/// Display names of the fields, for `expand=names`.
fn field_names() -> Value {
    json!({
        "summary": "Summary", "issuetype": "Issue Type", "status": "Status", "priority": "Priority",
        "assignee": "Assignee", "reporter": "Reporter", "creator": "Creator", "labels": "Labels",
        "components": "Components", "fixVersions": "Fix versions", "parent": "Parent",
        "subtasks": "Sub-tasks", "issuelinks": "Linked Issues", "attachment": "Attachment",
        "description": "Description", "comment": "Comment", "created": "Created", "updated": "Updated",
        "resolutiondate": "Resolved", "resolution": "Resolution", "project": "Project",
    })
}

/// The plain text of an ADF document as escaped HTML paragraphs (the sandbox's `renderedFields`).
fn rendered(document: &Value) -> Value {
    fn collect(node: &Value, out: &mut String) {
        if let Some(text) = node.get("text").and_then(Value::as_str) {
            out.push_str(text);
        }
        for child in node
            .get("content")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            collect(child, out);
        }
    }
    let Some(blocks) = document.get("content").and_then(Value::as_array) else {
        return Value::Null;
    };
    let html: String = blocks
        .iter()
        .map(|block| {
            let mut text = String::new();
            collect(block, &mut text);
            let escaped = text
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;");
            format!("<p>{escaped}</p>")
        })
        .collect();
    json!(html)
}

/// Which fields a request asked for (`*all`, `*navigable`, names, `-name`).
struct FieldFilter(Vec<String>);

impl FieldFilter {
    fn new(spec: Option<&str>, default: &str) -> Self {
        let spec = spec.filter(|s| !s.trim().is_empty()).unwrap_or(default);
        Self(spec.split(',').map(|s| s.trim().to_owned()).collect())
    }

    fn includes(&self, name: &str) -> bool {
        !self.0.iter().any(|w| w.strip_prefix('-') == Some(name))
            && self
                .0
                .iter()
                .any(|w| w == name || w == "*all" || (w == "*navigable" && name != "comment"))
    }

    fn only_id(&self) -> bool {
        self.0.iter().all(|w| w == "id" || w == "key")
    }
}

fn issue_json(
    sandbox: &Sandbox,
    cloud_id: &str,
    issue: &Issue,
    filter: &FieldFilter,
    expand: &str,
) -> Value {
    let base = format!("https://api.atlassian.com/ex/jira/{cloud_id}");
    let world = sandbox.world();
    let fields: Map<String, Value> = all_fields(sandbox, &base, world, issue)
        .into_iter()
        .filter(|(name, _)| filter.includes(name))
        .map(|(name, value)| (name.to_owned(), value))
        .collect();
    let mut body = json!({
        "expand": "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
        "id": issue.id.to_string(),
        "self": format!("{base}/rest/api/3/issue/{}", issue.id),
        "key": issue.key,
        "fields": fields,
    });
    let expand: Vec<&str> = expand.split(',').map(str::trim).collect();
    if expand.contains(&"renderedFields") {
        body["renderedFields"] = json!({ "description": rendered(&issue.description) });
    }
    if expand.contains(&"names") {
        body["names"] = field_names();
    }
    body
}

/// `GET /ex/jira/{cloudid}/rest/api/3/myself`.
pub async fn myself(
    State(sandbox): State<Sandbox>,
    Path(cloud_id): Path<String>,
    caller: Caller,
) -> Response {
    if let Err(refusal) = caller.check_jira(&cloud_id, "read:jira-user") {
        return refusal.into_response();
    }
    let base = format!("https://api.atlassian.com/ex/jira/{cloud_id}");
    let mut user = jira_user(&sandbox, &base, &caller.account_id);
    user["locale"] = json!(data::user(&caller.account_id).map_or("en_US", |u| u.locale));
    Json(user).into_response()
}

/// `GET /ex/jira/{cloudid}/rest/api/3/issue/{issueIdOrKey}`, honouring `fields` and `expand`.
pub async fn issue(
    State(sandbox): State<Sandbox>,
    Path((cloud_id, key)): Path<(String, String)>,
    UrlQuery(query): UrlQuery<HashMap<String, String>>,
    caller: Caller,
) -> Response {
    let issue = match caller.readable_issue(&sandbox, &cloud_id, &key) {
        Ok(issue) => issue,
        Err(refusal) => return refusal.into_response(),
    };
    sandbox.with_history(|history| history.viewed(&caller.account_id, issue.id));
    let filter = FieldFilter::new(query.get("fields").map(String::as_str), "*all");
    let expand = query.get("expand").map(String::as_str).unwrap_or_default();
    Json(issue_json(&sandbox, &cloud_id, issue, &filter, expand)).into_response()
}

/// `GET /ex/jira/{cloudid}/rest/api/3/issue/{issueIdOrKey}/comment`: paged, ordered.
pub async fn comments(
    State(sandbox): State<Sandbox>,
    Path((cloud_id, key)): Path<(String, String)>,
    UrlQuery(query): UrlQuery<HashMap<String, String>>,
    caller: Caller,
) -> Response {
    let issue = match caller.readable_issue(&sandbox, &cloud_id, &key) {
        Ok(issue) => issue,
        Err(refusal) => return refusal.into_response(),
    };
    let number = |name: &str, default: usize| {
        query.get(name).map_or(Ok(default), |v| {
            v.parse::<usize>().map_err(|_| name.to_owned())
        })
    };
    let (start_at, max_results) = match (number("startAt", 0), number("maxResults", 100)) {
        (Ok(start), Ok(max)) => (start, max.min(100)),
        (Err(name), _) | (_, Err(name)) => {
            return jira_error(
                StatusCode::BAD_REQUEST,
                &format!("The value of '{name}' is not a number."),
            )
        }
    };
    let mut order: Vec<usize> = (0..issue.comments.len()).collect();
    match query.get("orderBy").map(String::as_str) {
        None | Some("created") | Some("+created") => {}
        Some("-created") => order.reverse(),
        Some(other) => {
            return jira_error(
                StatusCode::BAD_REQUEST,
                &format!("The orderBy parameter '{other}' is not valid. Valid values are created, -created and +created."),
            )
        }
    }
    let base = format!("https://api.atlassian.com/ex/jira/{cloud_id}");
    let page: Vec<Value> = order
        .into_iter()
        .skip(start_at)
        .take(max_results)
        .map(|i| comment_json(&sandbox, &base, issue, i))
        .collect();
    let objects = super::quota::Objects(page.len() as u64);
    let mut response = Json(json!({
        "startAt": start_at,
        "maxResults": max_results,
        "total": issue.comments.len(),
        "comments": page,
    }))
    .into_response();
    response.extensions_mut().insert(objects);
    response
}

/// The parameters of an enhanced search, from the query string or a JSON body.
#[derive(Default)]
struct SearchRequest {
    jql: Option<String>,
    next_page_token: Option<String>,
    max_results: Option<usize>,
    fields: Option<String>,
    expand: Option<String>,
}

/// `GET /ex/jira/{cloudid}/rest/api/3/search/jql`.
pub async fn search_get(
    State(sandbox): State<Sandbox>,
    Path(cloud_id): Path<String>,
    UrlQuery(query): UrlQuery<HashMap<String, String>>,
    caller: Caller,
) -> Response {
    let max_results = match query.get("maxResults").map(|m| m.parse::<usize>()) {
        Some(Err(_)) => {
            return jira_error(
                StatusCode::BAD_REQUEST,
                "The value of 'maxResults' is not a number.",
            )
        }
        Some(Ok(m)) => Some(m),
        None => None,
    };
    let request = SearchRequest {
        jql: query.get("jql").cloned(),
        next_page_token: query.get("nextPageToken").cloned(),
        max_results,
        fields: query.get("fields").cloned(),
        expand: query.get("expand").cloned(),
    };
    search(&sandbox, &cloud_id, &caller, request)
}

/// `POST /ex/jira/{cloudid}/rest/api/3/search/jql` with a JSON body.
pub async fn search_post(
    State(sandbox): State<Sandbox>,
    Path(cloud_id): Path<String>,
    caller: Caller,
    body: Bytes,
) -> Response {
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return jira_error(
            StatusCode::BAD_REQUEST,
            "Invalid request payload. Refer to the REST API documentation and try again.",
        );
    };
    let text = |name: &str| body.get(name).and_then(Value::as_str).map(str::to_owned);
    let fields = match body.get("fields") {
        Some(Value::Array(list)) => Some(
            list.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    let request = SearchRequest {
        jql: text("jql"),
        next_page_token: text("nextPageToken"),
        max_results: body
            .get("maxResults")
            .and_then(Value::as_u64)
            .and_then(|m| usize::try_from(m).ok()),
        fields,
        expand: text("expand"),
    };
    search(&sandbox, &cloud_id, &caller, request)
}

fn search(sandbox: &Sandbox, cloud_id: &str, caller: &Caller, request: SearchRequest) -> Response {
    let site = match caller.check_jira(cloud_id, "read:jira-work") {
        Ok(site) => site,
        Err(refusal) => return refusal.into_response(),
    };
    let query = match Query::parse(request.jql.as_deref().unwrap_or_default()) {
        Ok(query) => query,
        Err(error) => return jira_error(StatusCode::BAD_REQUEST, &error.0),
    };
    let world = sandbox.world();
    if let Some(missing) = query
        .named_keys()
        .into_iter()
        .find(|key| world.find(site, key).is_none())
    {
        return jira_error(
            StatusCode::BAD_REQUEST,
            &format!("An issue with key '{missing}' does not exist for field 'key'."),
        );
    }
    if let Some(unknown) = query.named_projects().into_iter().find(|named| {
        !PROJECTS.iter().any(|project| {
            project.site == site
                && (project.key.eq_ignore_ascii_case(named)
                    || project.name.eq_ignore_ascii_case(named)
                    || project.id.to_string() == *named)
        })
    }) {
        return jira_error(
            StatusCode::BAD_REQUEST,
            &format!("The value '{unknown}' does not exist for the field 'project'."),
        );
    }
    let offset = match request.next_page_token.as_deref() {
        None => 0,
        Some(token) => match URL_SAFE_NO_PAD
            .decode(token)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| {
                text.strip_prefix("offset:")
                    .and_then(|n| n.parse::<usize>().ok())
            }) {
            Some(offset) => offset,
            None => return jira_error(StatusCode::BAD_REQUEST, "Invalid format of nextPageToken"),
        },
    };
    let filter = FieldFilter::new(request.fields.as_deref(), "id");
    let limit = if filter.only_id() { 5000 } else { 100 };
    let max_results = request.max_results.unwrap_or(50).clamp(1, limit);
    let now = now();
    let mut hits: Vec<&Issue> = world
        .issues
        .iter()
        .filter(|issue| PROJECTS[issue.project].site == site)
        .filter(|issue| query.matches(world, issue, &caller.account_id, now))
        .collect();
    query.sort(&mut hits);
    let page: Vec<Value> = hits
        .iter()
        .skip(offset)
        .take(max_results)
        .map(|issue| {
            if filter.0 == ["id"] {
                json!({ "id": issue.id.to_string() })
            } else {
                issue_json(
                    sandbox,
                    cloud_id,
                    issue,
                    &filter,
                    request.expand.as_deref().unwrap_or_default(),
                )
            }
        })
        .collect();
    let objects = super::quota::Objects(page.len() as u64);
    let is_last = offset + max_results >= hits.len();
    let mut body = json!({ "issues": page, "isLast": is_last });
    if !is_last {
        body["nextPageToken"] =
            json!(URL_SAFE_NO_PAD.encode(format!("offset:{}", offset + max_results)));
    }
    let mut response = Json(body).into_response();
    response.extensions_mut().insert(objects);
    response
}

/// The search endpoints Atlassian removed (CHANGE-2046): 410 with the real body.
pub async fn search_removed() -> Response {
    jira_error(
        StatusCode::GONE,
        "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046",
    )
}
