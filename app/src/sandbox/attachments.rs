//! The sandbox's attachments: what each issue carries (images, a PDF, a log, an SVG and an HTML
//! page with scripts, a 20 MB file) and the metadata Jira lists for one. `files` serves their
//! bytes.

use axum::body::Body;
use serde_json::{json, Value};
use uuid::Uuid;

/// The size of the large file, past any sensible cap for showing a file inline.
pub const LARGE_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// What an attachment holds.
#[derive(Debug, Clone)]
pub enum Content {
    /// Fixed bytes (the images).
    Bytes(&'static [u8]),
    /// Text made when the world was.
    Text(String),
    /// `n` bytes of filler, made as they are sent.
    Filler(u64),
}

impl Content {
    /// Its length in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Self::Bytes(bytes) => bytes.len() as u64,
            Self::Text(text) => text.len() as u64,
            Self::Filler(n) => *n,
        }
    }

    /// The bytes `start..end`.
    pub fn slice(&self, start: u64, end: u64) -> Body {
        let (start, end) = (start as usize, end as usize);
        match self {
            Self::Bytes(bytes) => Body::from(&bytes[start..end]),
            Self::Text(text) => Body::from(text.as_bytes()[start..end].to_vec()),
            Self::Filler(_) => {
                let chunk = 64 * 1024;
                let stream = futures::stream::iter((start..end).step_by(chunk).map(move |from| {
                    let to = (from + chunk).min(end);
                    Ok::<_, std::io::Error>(axum::body::Bytes::from(
                        (from..to)
                            .map(|i| b"0123456789abcdef\n"[i % 17])
                            .collect::<Vec<u8>>(),
                    ))
                }));
                Body::from_stream(stream)
            }
        }
    }
}

/// One attachment of an issue.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The REST attachment id.
    pub id: u32,
    /// The Media Services file id (what ADF `media` nodes name).
    pub file_id: Uuid,
    /// The file name.
    pub filename: String,
    /// Its MIME type as Jira reports it.
    pub mime_type: &'static str,
    /// Its bytes.
    pub content: Content,
}

impl Attachment {
    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        self.content.len()
    }

    /// Whether Jira makes a thumbnail of it.
    pub fn is_image(&self) -> bool {
        matches!(
            self.mime_type,
            "image/png" | "image/jpeg" | "image/gif" | "image/webp"
        )
    }
}

/// The files an issue carries: the richest (`seed` 0) one of each kind, every fifth a
/// screenshot and a log. Ids count from `first_id`.
pub fn attachments_for(seed: usize, project_key: &str, first_id: u32) -> Vec<Attachment> {
    let project = project_key.to_lowercase();
    let log = Content::Text(
        (1..=40)
            .map(|n| {
                format!(
                    "2026-11-20T09:{:02}:00Z INFO {project} worker {n}: request handled\n",
                    n % 60
                )
            })
            .collect(),
    );
    let mut files: Vec<(String, &'static str, Content)> = match seed {
        0 => vec![
            (
                "screenshot.png".into(),
                "image/png",
                Content::Bytes(include_bytes!("media/screenshot.png")),
            ),
            (
                "photo.jpg".into(),
                "image/jpeg",
                Content::Bytes(include_bytes!("media/photo.jpg")),
            ),
            (
                "diagram.gif".into(),
                "image/gif",
                Content::Bytes(include_bytes!("media/diagram.gif")),
            ),
            (
                "chart.webp".into(),
                "image/webp",
                Content::Bytes(include_bytes!("media/chart.webp")),
            ),
            (
                "specification.pdf".into(),
                "application/pdf",
                Content::Text(pdf()),
            ),
            ("server.log".into(), "text/plain", log),
            (
                "logo.svg".into(),
                "image/svg+xml",
                Content::Text(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\
                     <script>alert('svg')</script><rect width=\"10\" height=\"10\"/></svg>"
                        .into(),
                ),
            ),
            (
                "report.html".into(),
                "text/html",
                Content::Text(
                    "<!doctype html><title>report</title><script>alert('html')</script>".into(),
                ),
            ),
            (
                "database-dump.bin".into(),
                "application/octet-stream",
                Content::Filler(LARGE_FILE_BYTES),
            ),
        ],
        _ if seed.is_multiple_of(5) => vec![
            (
                format!("{project}-screenshot.png"),
                "image/png",
                Content::Bytes(include_bytes!("media/screenshot.png")),
            ),
            ("server.log".into(), "text/plain", log),
        ],
        _ => Vec::new(),
    };
    files
        .drain(..)
        .zip(first_id..)
        .map(|((filename, mime_type, content), id)| Attachment {
            id,
            file_id: file_id(id),
            filename,
            mime_type,
            content,
        })
        .collect()
}

/// The Media Services file id of attachment `id` (what ADF `media` nodes name).
pub fn file_id(id: u32) -> Uuid {
    Uuid::from_u128(0x5eed_f11e_0000_4000_8000_0000_0000_0000 | u128::from(id))
}

/// The id of ACME-1's first attachment (the issue whose description names them).
pub const RICHEST_FIRST_ID: u32 = 50_000;

/// A one-page PDF that says what it is.
fn pdf() -> String {
    let stream = "BT /F1 18 Tf 72 720 Td (Specification, from the sandbox) Tj ET";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", n + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out
}

/// The metadata Jira lists for `attachment` (`base`: the site's REST base).
pub fn attachment_json(base: &str, author: Value, created: &str, attachment: &Attachment) -> Value {
    let mut json = json!({
        "self": format!("{base}/rest/api/3/attachment/{}", attachment.id),
        "id": attachment.id.to_string(),
        "filename": attachment.filename,
        "author": author,
        "created": created,
        "size": attachment.size(),
        "mimeType": attachment.mime_type,
        "content": format!("{base}/rest/api/3/attachment/content/{}", attachment.id),
    });
    if attachment.is_image() {
        json["thumbnail"] = json!(format!(
            "{base}/rest/api/3/attachment/thumbnail/{}",
            attachment.id
        ));
    }
    json
}
