//! Atlassian Document Format for the sandbox's descriptions and comments. One document, the
//! description of ACME-1, uses every node and mark of the ADF schema (full and stage-0) (and one node and one mark no
//! renderer knows); the TPS project's documents carry hostile text and attributes.

use serde_json::{json, Value};

fn doc(content: Vec<Value>) -> Value {
    json!({ "version": 1, "type": "doc", "content": content })
}

fn text(text: &str) -> Value {
    json!({ "type": "text", "text": text })
}

fn marked(text: &str, marks: Value) -> Value {
    json!({ "type": "text", "text": text, "marks": marks })
}

fn paragraph(content: Vec<Value>) -> Value {
    json!({ "type": "paragraph", "content": content })
}

/// The description of issue `n` of project `key`.
/// The Media Services file id of ACME-1's attachment number `n`, as an ADF `media` id.
fn file(n: u32) -> String {
    super::attachments::file_id(super::attachments::RICHEST_FIRST_ID + n).to_string()
}

pub fn description(key: &str, n: usize, summary: &str) -> Value {
    match (key, n) {
        ("ACME", 0) => kitchen_sink(),
        ("ACME", 2) => Value::Null,
        ("TPS" | "XSS", _) => hostile(summary),
        _ => doc(vec![
            paragraph(vec![text(&format!("{summary}."))]),
            paragraph(vec![
                text("Steps to reproduce are in the "),
                marked("linked ticket", json!([{ "type": "strong" }])),
                text("; see the attachment for details."),
            ]),
        ]),
    }
}

/// The body of comment `c` on an issue.
pub fn comment_body(summary: &str, c: usize) -> Value {
    let words = [
        "I can reproduce this on staging.",
        "Fixed in the branch, please review.",
        "これは本番環境でも発生しています。",
        "تم التحقق من الإصلاح.",
        "Works for me 👍",
    ];
    doc(vec![paragraph(vec![
        text(&format!("Comment {} on “{summary}”: ", c + 1)),
        text(words[c % words.len()]),
    ])])
}

/// The oldest comment on ACME-1: words and a link to another issue.
pub fn first_comment_with_link(summary: &str) -> Value {
    doc(vec![paragraph(vec![
        text(&format!("Comment 1 on “{summary}”: same cause as ")),
        json!({ "type": "inlineCard", "attrs": { "url": "https://acme.atlassian.net/browse/ACME-5" } }),
    ])])
}

/// The newest comment on ACME-1: words, a picture and an issue link, as people write them.
pub fn comment_with_media(summary: &str) -> Value {
    doc(vec![
        paragraph(vec![text(&format!(
            "Comment 25 on “{summary}”: the photo from the incident, see "
        ))]),
        json!({ "type": "mediaSingle", "attrs": { "layout": "center" }, "content": [
            { "type": "media", "attrs": { "id": file(2), "type": "file", "collection": "jira-10000-issue", "alt": "diagram.gif", "width": 96, "height": 96 } },
        ] }),
        paragraph(vec![
            text("Tracked in "),
            json!({ "type": "inlineCard", "attrs": { "url": "https://acme.atlassian.net/browse/ACME-4" } }),
        ]),
    ])
}

fn hostile(summary: &str) -> Value {
    doc(vec![
        json!({ "type": "heading", "attrs": { "level": 2 }, "content": [text(summary)] }),
        paragraph(vec![text(summary)]),
        paragraph(vec![
            marked(
                summary,
                json!([{ "type": "link", "attrs": { "href": summary, "title": summary } }]),
            ),
            text(" "),
            marked(summary, json!([{ "type": "code" }])),
            text(" "),
            json!({ "type": "mention", "attrs": { "id": summary, "text": summary } }),
            json!({ "type": "emoji", "attrs": { "shortName": summary, "text": summary } }),
            json!({ "type": "status", "attrs": { "text": summary, "color": summary } }),
            json!({ "type": "inlineCard", "attrs": { "url": summary } }),
            json!({ "type": "date", "attrs": { "timestamp": summary } }),
        ]),
        json!({ "type": "panel", "attrs": { "panelType": summary }, "content": [paragraph(vec![text(summary)])] }),
        json!({ "type": "expand", "attrs": { "title": summary }, "content": [paragraph(vec![text(summary)])] }),
        json!({ "type": "codeBlock", "attrs": { "language": summary }, "content": [text(summary)] }),
        json!({ "type": "codeBlock", "attrs": { "language": "html" }, "content": [text(summary)] }),
        paragraph(vec![
            marked(
                "a javascript: link",
                json!([{ "type": "link", "attrs": { "href": "javascript:alert(1)" } }]),
            ),
            text(" and "),
            marked(
                "a data: link",
                json!([{ "type": "link", "attrs": { "href": "data:text/html,<script>alert(1)</script>" } }]),
            ),
            text(" and "),
            marked(
                "<b>not bold</b>",
                json!([{ "type": "textColor", "attrs": { "color": "red;background:url(javascript:alert(1))" } }]),
            ),
        ]),
        json!({ "type": "codeBlock", "attrs": { "language": "<script>" }, "content": [text("</code><script>alert(1)</script>")] }),
        json!({ "type": "codeBlock", "attrs": { "language": "html" }, "content": [text("</code></pre><script>alert(1)</script><img src=x onerror=alert(1)>")] }),
        paragraph(vec![
            json!({ "type": "mention", "attrs": { "id": "x", "text": "@<img src=x onerror=alert(1)>" } }),
        ]),
        json!({ "type": "mediaSingle", "content": [{ "type": "media", "attrs": { "type": "file", "id": "1", "collection": "c", "alt": "\"><script>alert(1)</script>" } }] }),
    ])
}

/// Every node and mark of the ADF schema in one document.
pub fn kitchen_sink() -> Value {
    doc(vec![
        json!({ "type": "heading", "attrs": { "level": 1 }, "content": [text("Checkout timeouts")] }),
        json!({ "type": "heading", "attrs": { "level": 2 }, "content": [text("Summary")] }),
        paragraph(vec![
            text("Plain, "),
            marked("strong", json!([{ "type": "strong" }])),
            text(", "),
            marked("em", json!([{ "type": "em" }])),
            text(", "),
            marked("underline", json!([{ "type": "underline" }])),
            text(", "),
            marked("strike", json!([{ "type": "strike" }])),
            text(", "),
            marked("code", json!([{ "type": "code" }])),
            text(", H"),
            marked(
                "2",
                json!([{ "type": "subsup", "attrs": { "type": "sub" } }]),
            ),
            text("O, E=mc"),
            marked(
                "2",
                json!([{ "type": "subsup", "attrs": { "type": "sup" } }]),
            ),
            text(", "),
            marked(
                "red",
                json!([{ "type": "textColor", "attrs": { "color": "#bf2600" } }]),
            ),
            text(", "),
            marked(
                "highlighted",
                json!([{ "type": "backgroundColor", "attrs": { "color": "#fedec8" } }]),
            ),
            text(", "),
            marked(
                "a link",
                json!([{ "type": "link", "attrs": { "href": "https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/", "title": "ADF" } }]),
            ),
            text(", "),
            marked(
                "annotated",
                json!([{ "type": "annotation", "attrs": { "id": "a1", "annotationType": "inlineComment" } }]),
            ),
            text(" and "),
            marked("a future mark", json!([{ "type": "sparkle" }])),
            text("."),
            json!({ "type": "hardBreak" }),
            text("After a hard break: "),
            json!({ "type": "emoji", "attrs": { "shortName": ":smile:", "id": "1f604", "text": "😄" } }),
            text(" "),
            json!({ "type": "emoji", "attrs": { "shortName": ":thumbsup:" } }),
            text(" "),
            json!({ "type": "mention", "attrs": { "id": "5b10a2844c20165700ede21g", "text": "@Alice Adams", "accessLevel": "", "userType": "DEFAULT" } }),
            text(" "),
            json!({ "type": "status", "attrs": { "text": "In progress", "color": "blue", "localId": "s1" } }),
            text(" due "),
            json!({ "type": "date", "attrs": { "timestamp": "1798675200000" } }),
            text(" "),
            json!({ "type": "inlineCard", "attrs": { "url": "https://acme.atlassian.net/browse/ACME-2" } }),
            text(" "),
            json!({ "type": "mediaInline", "attrs": { "id": file(5), "collection": "", "type": "file", "alt": "server.log" } }),
            text(" "),
            json!({ "type": "inlineExtension", "attrs": { "extensionType": "com.atlassian.macro", "extensionKey": "jira-chart" } }),
            json!({ "type": "placeholder", "attrs": { "text": "Type something" } }),
        ]),
        json!({ "type": "paragraph", "marks": [{ "type": "alignment", "attrs": { "align": "center" } }], "content": [text("Centred paragraph.")] }),
        json!({ "type": "paragraph", "marks": [{ "type": "indentation", "attrs": { "level": 2 } }], "content": [text("Indented paragraph.")] }),
        json!({ "type": "bulletList", "content": [
            { "type": "listItem", "content": [paragraph(vec![text("First bullet")]),
                { "type": "bulletList", "content": [{ "type": "listItem", "content": [paragraph(vec![text("Nested bullet")])] }] }] },
            { "type": "listItem", "content": [paragraph(vec![text("Second bullet")])] },
        ] }),
        json!({ "type": "orderedList", "attrs": { "order": 3 }, "content": [
            { "type": "listItem", "content": [paragraph(vec![text("Third step")])] },
            { "type": "listItem", "content": [paragraph(vec![text("Fourth step")]),
                { "type": "orderedList", "content": [{ "type": "listItem", "content": [paragraph(vec![text("Nested step")])] }] }] },
        ] }),
        json!({ "type": "codeBlock", "attrs": { "language": "rust" }, "content": [text("fn main() {\n    println!(\"<checkout>\");\n}")] }),
        json!({ "type": "codeBlock", "attrs": { "language": "typescript" }, "content": [text("// Retry the payment once the gateway answers.\nexport async function retry(order: Order, attempts = 3): Promise<Receipt> {\n  const response = await gateway.charge(order.id, { timeout: 60_000 });\n  return response.ok ? response.receipt : retry(order, attempts - 1);\n}")] }),
        json!({ "type": "codeBlock", "attrs": { "language": "diff" }, "content": [text("--- a/gateway.yaml\n+++ b/gateway.yaml\n@@ -1,2 +1,2 @@\n-timeout: 30s\n+timeout: 60s\n retries: 3")] }),
        json!({ "type": "blockquote", "content": [paragraph(vec![text("Quoted from the customer.")])] }),
        json!({ "type": "panel", "attrs": { "panelType": "info" }, "content": [paragraph(vec![text("Info panel")])] }),
        json!({ "type": "panel", "attrs": { "panelType": "note" }, "content": [paragraph(vec![text("Note panel")])] }),
        json!({ "type": "panel", "attrs": { "panelType": "tip" }, "content": [paragraph(vec![text("Tip panel")])] }),
        json!({ "type": "panel", "attrs": { "panelType": "warning" }, "content": [paragraph(vec![text("Warning panel")])] }),
        json!({ "type": "panel", "attrs": { "panelType": "error" }, "content": [paragraph(vec![text("Error panel")])] }),
        json!({ "type": "panel", "attrs": { "panelType": "success" }, "content": [paragraph(vec![text("Success panel")])] }),
        json!({ "type": "panel", "attrs": { "panelType": "custom", "panelIcon": ":rocket:", "panelColor": "#eae6ff" }, "content": [paragraph(vec![text("Custom panel")])] }),
        json!({ "type": "rule" }),
        json!({ "type": "table", "attrs": { "isNumberColumnEnabled": false, "layout": "default" }, "content": [
            { "type": "tableRow", "content": [
                { "type": "tableHeader", "attrs": {}, "content": [paragraph(vec![text("Browser")])] },
                { "type": "tableHeader", "attrs": { "colspan": 2 }, "content": [paragraph(vec![text("Result")])] },
            ] },
            { "type": "tableRow", "content": [
                { "type": "tableCell", "attrs": { "rowspan": 2 }, "content": [paragraph(vec![text("Safari")])] },
                { "type": "tableCell", "attrs": {}, "content": [paragraph(vec![text("times out")])] },
                { "type": "tableCell", "attrs": { "background": "#ffebe6" }, "content": [
                    { "type": "nestedExpand", "attrs": { "title": "Details" }, "content": [paragraph(vec![text("HAR attached")])] },
                ] },
            ] },
            { "type": "tableRow", "content": [
                { "type": "tableCell", "attrs": {}, "content": [paragraph(vec![text("iOS")])] },
                { "type": "tableCell", "attrs": {}, "content": [paragraph(vec![text("ok")])] },
            ] },
        ] }),
        json!({ "type": "expand", "attrs": { "title": "Stack trace" }, "content": [
            { "type": "codeBlock", "content": [text("TimeoutError at checkout.rs:42")] },
        ] }),
        json!({ "type": "taskList", "attrs": { "localId": "t" }, "content": [
            { "type": "taskItem", "attrs": { "localId": "t1", "state": "DONE" }, "content": [text("Reproduce")] },
            { "type": "taskItem", "attrs": { "localId": "t2", "state": "TODO" }, "content": [text("Fix")] },
        ] }),
        json!({ "type": "decisionList", "attrs": { "localId": "d" }, "content": [
            { "type": "decisionItem", "attrs": { "localId": "d1", "state": "DECIDED" }, "content": [text("Raise the gateway timeout to 60 s")] },
        ] }),
        json!({ "type": "mediaSingle", "attrs": { "layout": "center" }, "content": [
            { "type": "media", "attrs": { "id": file(0), "type": "file", "collection": "jira-10000-issue", "alt": "screenshot.png", "width": 320, "height": 180 } },
            { "type": "caption", "content": [text("The spinner that never stops")] },
        ] }),
        json!({ "type": "mediaGroup", "content": [
            { "type": "media", "attrs": { "id": file(4), "type": "file", "collection": "jira-10000-issue", "alt": "specification.pdf" } },
            { "type": "media", "attrs": { "id": file(6), "type": "file", "collection": "jira-10000-issue", "alt": "logo.svg" } },
            { "type": "media", "attrs": { "id": "m3", "type": "link", "collection": "jira" } },
        ] }),
        json!({ "type": "mediaSingle", "attrs": { "layout": "wide", "width": 50, "widthType": "percentage" }, "content": [
            { "type": "media", "attrs": { "id": file(1), "type": "file", "collection": "jira-10000-issue", "alt": "", "width": 240, "height": 135 } },
        ] }),
        json!({ "type": "mediaSingle", "attrs": { "layout": "center" }, "content": [
            { "type": "media", "attrs": { "type": "external", "url": "https://images.example.com/diagram.png", "alt": "An external diagram", "width": 400, "height": 300 } },
        ] }),
        json!({ "type": "blockCard", "attrs": { "url": "https://acme.atlassian.net/browse/ACME-3" } }),
        paragraph(vec![
            text("Also seen on "),
            json!({ "type": "inlineCard", "attrs": { "url": "https://globex.atlassian.net/browse/GLX-1" } }),
            text(", and once as "),
            json!({ "type": "inlineCard", "attrs": { "url": "https://acme.atlassian.net/browse/ACME-999" } }),
            text(" (deleted since)."),
        ]),
        json!({ "type": "embedCard", "attrs": { "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "layout": "center" } }),
        json!({ "type": "layoutSection", "marks": [{ "type": "breakout", "attrs": { "mode": "wide" } }], "content": [
            { "type": "layoutColumn", "attrs": { "width": 50 }, "content": [paragraph(vec![text("Left column")])] },
            { "type": "layoutColumn", "attrs": { "width": 50 }, "content": [paragraph(vec![text("Right column")])] },
        ] }),
        json!({ "type": "extension", "attrs": { "extensionType": "com.atlassian.confluence.macro.core", "extensionKey": "toc" } }),
        json!({ "type": "bodiedExtension", "attrs": { "extensionType": "com.atlassian.macro", "extensionKey": "details" }, "content": [paragraph(vec![text("Inside a bodied extension")])] }),
        json!({ "type": "paragraph", "marks": [{ "type": "border", "attrs": { "size": 2, "color": "#091e4224" } }], "content": [text("Bordered")] }),
        json!({ "type": "paragraph", "marks": [{ "type": "fontSize", "attrs": { "fontSize": "small" } }], "content": [
            marked("Small print with a fragment", json!([{ "type": "fragment", "attrs": { "localId": "f1", "name": "terms" } }])),
            text(" and "),
            marked("consumed data", json!([{ "type": "dataConsumer", "attrs": { "sources": ["s1"] } }])),
        ] }),
        json!({ "type": "taskList", "attrs": { "localId": "bt" }, "content": [
            { "type": "blockTaskItem", "attrs": { "localId": "bt1", "state": "TODO" }, "content": [paragraph(vec![text("A block task")])] },
        ] }),
        json!({ "type": "syncBlock", "attrs": { "resourceId": "sync-1", "localId": "sb1" } }),
        json!({ "type": "bodiedSyncBlock", "attrs": { "resourceId": "sync-2", "localId": "sb2" }, "content": [paragraph(vec![text("Synced content")])] }),
        json!({ "type": "multiBodiedExtension", "attrs": { "extensionType": "com.atlassian.tabs", "extensionKey": "tabs" }, "content": [
            { "type": "extensionFrame", "content": [paragraph(vec![text("First tab")])] },
            { "type": "extensionFrame", "content": [paragraph(vec![text("Second tab")])] },
        ] }),
        json!({ "type": "bodiedRule" }),
        json!({ "type": "futureBlock", "attrs": { "x": 1 }, "content": [paragraph(vec![text("Text inside a node no renderer knows")])] }),
    ])
}

/// `document` (one of ACME-1's) as bulk issue `n` has it: its media name the bulk issue's own
/// files (numbered from `first_id`), and its first paragraph and code blocks say which issue they
/// belong to, so that no two bulk issues share a description, a comment or a code block.
pub fn bulk_variant(mut document: Value, n: usize, first_id: u32) -> Value {
    fn walk(node: &mut Value, n: usize, first_id: u32) {
        let kind = node
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        if matches!(kind.as_str(), "media" | "mediaInline") {
            if let Some(id) = node.pointer_mut("/attrs/id") {
                let richest = (0..16).find(|k| id.as_str() == Some(file(*k).as_str()));
                if let Some(k) = richest {
                    *id = Value::from(super::attachments::file_id(first_id + k).to_string());
                }
            }
        }
        if kind == "codeBlock" {
            if let Some(Value::String(code)) = node.pointer_mut("/content/0/text") {
                code.insert_str(0, &format!("// bulk issue {n}\n"));
            }
        }
        if let Some(content) = node.get_mut("content").and_then(Value::as_array_mut) {
            for child in content {
                walk(child, n, first_id);
            }
        }
    }
    walk(&mut document, n, first_id);
    if let Some(content) = document.get_mut("content").and_then(Value::as_array_mut) {
        content.insert(0, paragraph(vec![text(&format!("Bulk issue {n}."))]));
    }
    document
}
