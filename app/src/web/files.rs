//! Attachments, streamed from Atlassian to the browser through the server (the token never
//! leaves it): `/sites/{cloud_id}/attachments/{id}` and `…/thumbnail`.
//!
//! Jira decides who sees what: the attachment's metadata is asked for with the person's token
//! first (a 404 unless they can see its issue), for a site in their session only. The bytes are
//! passed on as they arrive, never held whole, up to [`MAX_FILE_BYTES`]; `Range` goes through.
//! Only PNG, JPEG, GIF and WebP are served to be shown (an `<img>` on the issue page); anything
//! else, SVG and HTML included, is a download of opaque bytes (`application/octet-stream`,
//! `Content-Disposition: attachment`), under a CSP that runs nothing.

use super::{handlers::redirect, http::in_language, problem::problem_page};
use crate::{
    atlassian::MAX_FILE_BYTES, auth::session::UserSession, error::AppError, i18n::Locale,
    models::RequestId, return_to::encode_query_value, server::connection::Connection,
    state::AppState,
};
use axum::{
    body::Body,
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use futures::StreamExt;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use tower_sessions::Session;
use uuid::Uuid;

/// Types a browser may show inline: raster images, which run nothing.
const INLINE_TYPES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp"];
/// Upstream headers passed on as they are.
const PASSED_ON: &[header::HeaderName] = &[
    header::CONTENT_LENGTH,
    header::CONTENT_RANGE,
    header::ACCEPT_RANGES,
    header::ETAG,
    header::LAST_MODIFIED,
];
/// What a file served by us may do: nothing (no script, no plugin, no form; a sandboxed
/// document of its own if a browser ever rendered one).
const FILE_CSP: &str = "default-src 'none'; sandbox; frame-ancestors 'none'";
/// Characters left as they are in an RFC 8187 `filename*` value.
const FILENAME: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `GET /sites/{cloud_id}/attachments/{id}`: the file.
pub async fn content(
    State(state): State<AppState>,
    Extension(request_id): Extension<RequestId>,
    locale: Locale,
    session: Session,
    Path((cloud_id, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let served = serve(
        state.clone(),
        (request_id, locale),
        session,
        (cloud_id, id),
        false,
        headers,
    );
    in_language(&state, locale, served).await
}

/// `GET /sites/{cloud_id}/attachments/{id}/thumbnail`: its preview.
pub async fn thumbnail(
    State(state): State<AppState>,
    Extension(request_id): Extension<RequestId>,
    locale: Locale,
    session: Session,
    Path((cloud_id, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let served = serve(
        state.clone(),
        (request_id, locale),
        session,
        (cloud_id, id),
        true,
        headers,
    );
    in_language(&state, locale, served).await
}

async fn serve(
    state: AppState,
    (request_id, locale): (RequestId, Locale),
    session: Session,
    (cloud_id, id): (String, String),
    thumbnail: bool,
    headers: HeaderMap,
) -> Response {
    let (Ok(cloud_id), Ok(id)) = (cloud_id.parse::<Uuid>(), id.parse::<u64>()) else {
        return problem_page(&state, request_id, locale, AppError::PageNotFound);
    };
    let connection = match Connection::open(state.clone(), UserSession::new(session)).await {
        Ok(connection) => connection,
        Err(AppError::NotSignedIn | AppError::ConnectionExpired) => {
            let here = format!(
                "/sites/{cloud_id}/attachments/{id}{}",
                if thumbnail { "/thumbnail" } else { "" }
            );
            let login = format!("/?return_to={}", encode_query_value(&here));
            return redirect(StatusCode::SEE_OTHER, &login);
        }
        Err(error) => return problem_page(&state, request_id, locale, error),
    };
    match stream(
        &connection,
        cloud_id,
        id,
        thumbnail,
        headers.get(header::RANGE),
    )
    .await
    {
        Ok(response) => response,
        Err(error) => problem_page(&state, request_id, locale, error),
    }
}

/// The file's answer: Jira asked, its bytes passed on with our headers.
async fn stream(
    connection: &Connection,
    cloud_id: Uuid,
    id: u64,
    thumbnail: bool,
    range: Option<&HeaderValue>,
) -> Result<Response, AppError> {
    let granted = connection.sites().await?;
    if !granted.iter().any(|site| site.cloud_id == cloud_id) {
        return Err(AppError::SiteNotGranted);
    }
    let atlassian = &connection.state.atlassian;
    // The file's name and size; a thumbnail needs neither (Jira checks who may see it either way).
    let filename = if thumbnail {
        format!("thumbnail-{id}")
    } else {
        let metadata = connection
            .call(|token| async move { atlassian.attachment(&token, cloud_id, id).await })
            .await?;
        if metadata.size > MAX_FILE_BYTES {
            return Err(too_large(metadata.size));
        }
        metadata.filename
    };
    let upstream = connection
        .call(|token| async move {
            atlassian
                .attachment_bytes(&token, cloud_id, id, thumbnail, range)
                .await
        })
        .await?;
    if upstream
        .content_length()
        .is_some_and(|length| length > MAX_FILE_BYTES)
    {
        return Err(too_large(upstream.content_length().unwrap_or_default()));
    }

    let status = upstream.status();
    let upstream_type = upstream
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase());
    let inline = upstream_type
        .as_deref()
        .filter(|kind| INLINE_TYPES.contains(kind));
    let mut response = Response::builder().status(status.as_u16());
    let out = response.headers_mut().ok_or(AppError::Internal)?;
    for name in PASSED_ON {
        if let Some(value) = upstream.headers().get(name) {
            out.insert(name.clone(), value.clone());
        }
    }
    let name = utf8_percent_encode(&filename, FILENAME).to_string();
    let (kind, disposition) = match inline {
        Some(kind) => (kind.to_owned(), format!("inline; filename*=UTF-8''{name}")),
        None => (
            "application/octet-stream".to_owned(),
            format!("attachment; filename*=UTF-8''{name}"),
        ),
    };
    let header_value = |text: &str| HeaderValue::from_str(text).map_err(|_| AppError::Internal);
    out.insert(header::CONTENT_TYPE, header_value(&kind)?);
    out.insert(header::CONTENT_DISPOSITION, header_value(&disposition)?);
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Kept by this browser alone, briefly, and only for the session that fetched it; sign-out
    // clears the cache.
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    out.insert(header::VARY, HeaderValue::from_static("cookie"));
    out.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(FILE_CSP),
    );
    // Whatever an upstream sends beyond the cap (when it gave no length) is cut off.
    let mut sent: u64 = 0;
    let chunks = futures::stream::unfold(upstream, |mut upstream| async move {
        let next = upstream.chunk().await.transpose()?;
        Some((next, upstream))
    });
    let body = chunks.map(move |chunk| {
        let chunk = chunk.map_err(|error| std::io::Error::other(error.without_url()))?;
        sent += chunk.len() as u64;
        if sent > MAX_FILE_BYTES {
            tracing::warn!(
                limit = MAX_FILE_BYTES,
                "an attachment ran past the cap; cut off"
            );
            return Err(std::io::Error::other("past the size cap"));
        }
        Ok(chunk)
    });
    response
        .body(Body::from_stream(body))
        .map_err(|_| AppError::Internal)
        .map(IntoResponse::into_response)
}

fn too_large(size: u64) -> AppError {
    let mb = |bytes: u64| bytes.div_ceil(1024 * 1024);
    AppError::FileTooLarge {
        size_mb: mb(size),
        limit_mb: mb(MAX_FILE_BYTES),
    }
}
