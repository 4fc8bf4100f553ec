//! Attachments and their bytes, as Jira Cloud serves them.
//!
//! What Atlassian documents and what clients observe (see the Jira REST v3 "Issue attachments"
//! group, and the notes in `../shared/atlassian.md` §14):
//! - An issue's `fields.attachment[]` lists `{self, id, filename, author, created, size,
//!   mimeType, content, thumbnail}`; `GET /rest/api/3/attachment/{id}` gives the same metadata.
//! - `GET /rest/api/3/attachment/content/{id}` answers `303 See Other` to the Media Services
//!   host (`https://api.media.atlassian.com/file/{uuid}/binary?token=…&client=…`), whose URL
//!   carries its own short-lived token; with `redirect=false` it answers the bytes itself. A
//!   `Range` header may be sent. `…/attachment/thumbnail/{id}` does the same for a preview
//!   (`width`, `height`, `redirect`, `fallbackToDefault`). Both need `read:jira-work`, and the
//!   caller must be able to see the issue.
//! - An ADF `media` node names a Media Services file (`id`, a UUID, and a `collection`), not
//!   the REST attachment id; the only exact link between the two that clients have found is the
//!   UUID in the content redirect's `Location`. Rendered HTML (`expand=renderedFields`) refers to
//!   `/rest/api/3/attachment/content/{id}`.
//!
//! The sandbox models all of it: every attachment has a Media Services file id, the gateway
//! redirects to this sandbox's own `/media/file/{uuid}/…` (standing in for the media host) with
//! a token that expires, and the media host honours `Range`. The files are small images (PNG,
//! JPEG, GIF, WebP), a PDF, a text log, an SVG and an HTML page that both carry a script (they
//! must download, never render) and a 20 MB file for size caps, made as it is sent.

use super::{
    api::Caller,
    attachments::{attachment_json, Attachment},
    world::{Issue, World, PROJECTS},
    Sandbox,
};
use crate::clock::now;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use hmac::{digest::KeyInit, Hmac, Mac};
use serde_json::json;
use sha2::Sha256;
use std::collections::HashMap;
use uuid::Uuid;

/// How long a media URL's token is good for (Atlassian's are short-lived).
const MEDIA_TOKEN_SECS: u64 = 600;
/// Why an attachment is not served.
enum Unseen {
    /// The gateway's refusal (token, scope, site).
    Refused(super::api::Refusal),
    /// No such attachment, or on an issue the caller cannot see.
    Missing(String),
}

impl IntoResponse for Unseen {
    fn into_response(self) -> Response {
        match self {
            Self::Refused(refusal) => refusal.into_response(),
            Self::Missing(id) => super::api::jira_error(
                StatusCode::NOT_FOUND,
                &format!("The attachment with id '{id}' does not exist"),
            ),
        }
    }
}

/// The attachment `id` on `cloud_id` if `caller` may see its issue.
fn visible<'a>(
    sandbox: &'a Sandbox,
    caller: &Caller,
    cloud_id: &str,
    id: &str,
) -> Result<(&'a Issue, &'a Attachment), Unseen> {
    let site = caller
        .check_jira(cloud_id, "read:jira-work")
        .map_err(Unseen::Refused)?;
    sandbox
        .world()
        .attachment(site, id)
        .filter(|(issue, _)| World::can_see(&caller.account_id, PROJECTS[issue.project].site))
        .ok_or_else(|| Unseen::Missing(id.to_owned()))
}

/// `GET /ex/jira/{cloudid}/rest/api/3/attachment/{id}`.
pub async fn metadata(
    State(sandbox): State<Sandbox>,
    Path((cloud_id, id)): Path<(String, String)>,
    caller: Caller,
) -> Response {
    match visible(&sandbox, &caller, &cloud_id, &id) {
        Ok((issue, attachment)) => {
            let base = format!("https://api.atlassian.com/ex/jira/{cloud_id}");
            let author = super::api::jira_user(&sandbox, &base, issue.reporter);
            let created = super::api::jira_time(issue.created);
            Json(attachment_json(&base, author, &created, attachment)).into_response()
        }
        Err(unseen) => unseen.into_response(),
    }
}

/// `GET /ex/jira/{cloudid}/rest/api/3/attachment/content/{id}`: a redirect to the media host,
/// or with `redirect=false` the bytes.
pub async fn content(
    State(sandbox): State<Sandbox>,
    Path((cloud_id, id)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    caller: Caller,
) -> Response {
    serve(
        &sandbox,
        &caller,
        (&cloud_id, &id),
        &query,
        &headers,
        "binary",
    )
}

/// `GET /ex/jira/{cloudid}/rest/api/3/attachment/thumbnail/{id}`: images only here (Jira would
/// fall back to a generic icon for other files).
pub async fn thumbnail(
    State(sandbox): State<Sandbox>,
    Path((cloud_id, id)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    caller: Caller,
) -> Response {
    serve(
        &sandbox,
        &caller,
        (&cloud_id, &id),
        &query,
        &headers,
        "image",
    )
}

/// An attachment's content (`binary`) or thumbnail (`image`), as the gateway answers for it.
fn serve(
    sandbox: &Sandbox,
    caller: &Caller,
    (cloud_id, id): (&str, &str),
    query: &HashMap<String, String>,
    headers: &HeaderMap,
    kind: &str,
) -> Response {
    let attachment = match visible(sandbox, caller, cloud_id, id) {
        Ok((_, attachment)) => attachment,
        Err(unseen) => return unseen.into_response(),
    };
    if kind == "image" && !attachment.is_image() {
        return super::api::jira_error(StatusCode::NOT_FOUND, "The thumbnail could not be found.");
    }
    if query.get("redirect").map(String::as_str) == Some("false") {
        return bytes(attachment, headers);
    }
    redirect_to_media(sandbox, attachment, kind)
}

fn redirect_to_media(sandbox: &Sandbox, attachment: &Attachment, kind: &str) -> Response {
    let expires = now() + MEDIA_TOKEN_SECS;
    let token = media_token(sandbox, attachment.file_id, expires);
    sandbox.remember_media_token(&token);
    let location = format!(
        "{}/media/file/{}/{kind}?token={token}&client={}&dl=true&name={}",
        sandbox.public_url(),
        attachment.file_id,
        sandbox.client_id(),
        percent_encoding::utf8_percent_encode(
            &attachment.filename,
            percent_encoding::NON_ALPHANUMERIC
        ),
    );
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

/// `{expires}.{HMAC(file id, expires)}` under the sandbox's own key.
fn media_token(sandbox: &Sandbox, file_id: Uuid, expires: u64) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new(sandbox.media_key().into());
    mac.update(file_id.as_bytes());
    mac.update(&expires.to_be_bytes());
    format!(
        "{expires}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

/// `GET /media/file/{uuid}/binary` and `/image`: the media host, behind the URL's token.
pub async fn media(
    State(sandbox): State<Sandbox>,
    Path((file_id, _kind)): Path<(Uuid, String)>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if headers.contains_key(header::AUTHORIZATION) {
        sandbox.count_bearer_at_media();
    }
    let valid = query.get("token").is_some_and(|token| {
        token
            .split_once('.')
            .and_then(|(expires, _)| expires.parse::<u64>().ok())
            .is_some_and(|expires| {
                expires > now() && *token == media_token(&sandbox, file_id, expires)
            })
    });
    if !valid {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "Unauthorized" })),
        )
            .into_response();
    }
    match sandbox.world().file(file_id) {
        Some(attachment) => bytes(attachment, &headers),
        None => (StatusCode::NOT_FOUND, Json(json!({ "error": "Not Found" }))).into_response(),
    }
}

/// The attachment's bytes, or the one range asked for (`Range: bytes=a-b`).
fn bytes(attachment: &Attachment, headers: &HeaderMap) -> Response {
    let size = attachment.size();
    let range = headers
        .get(header::RANGE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("bytes="))
        .and_then(|range| range.split_once('-'))
        .and_then(|(from, to)| {
            let from: u64 = from.parse().ok()?;
            let to: u64 = if to.is_empty() {
                size.checked_sub(1)?
            } else {
                to.parse().ok()?
            };
            (from <= to && from < size).then_some((from, to.min(size - 1)))
        });
    let disposition = format!(
        "attachment; filename=\"{}\"",
        attachment.filename.replace(['"', '\\'], "_")
    );
    let common = [
        (header::CONTENT_TYPE, attachment.mime_type.to_owned()),
        (header::ACCEPT_RANGES, "bytes".to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
    ];
    match range {
        Some((from, to)) => (
            StatusCode::PARTIAL_CONTENT,
            common,
            [
                (header::CONTENT_RANGE, format!("bytes {from}-{to}/{size}")),
                (header::CONTENT_LENGTH, (to - from + 1).to_string()),
            ],
            attachment.content.slice(from, to + 1),
        )
            .into_response(),
        None => (
            StatusCode::OK,
            common,
            [(header::CONTENT_LENGTH, size.to_string())],
            attachment.content.slice(0, size),
        )
            .into_response(),
    }
}
