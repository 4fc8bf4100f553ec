//! Atlassian Document Format rendered as Leptos views, on the server and in the browser alike.
//!
//! Escaping comes from the framework: nothing from a document ever becomes markup, links are
//! rendered only for http, https and mailto, and colours map to a fixed palette of classes (the
//! CSP allows no inline style). Every node and mark of the ADF schema has a rendering; an unknown
//! node keeps its text behind a quiet "unsupported content" marker, and a document nested deeper
//! than [`MAX_DEPTH`] is cut off there instead of overflowing the stack.
//!
//! The few words the renderer adds itself (panel labels, placeholders, file sizes) are in the
//! reader's language, from [`AdfWords`]; Jira's text is shown as it is, in elements that take
//! their direction from it.

use crate::{
    i18n::{use_i18n, Arg, I18n},
    models::{Adf, AttachmentInfo, IssueCards, MediaFiles},
    t,
};
use leptos::prelude::*;
use serde_json::Value;

/// Nesting beyond this renders as plain text.
pub const MAX_DEPTH: usize = 48;

/// The words the renderer writes itself, in the reader's language, and the dates it writes in the
/// region's formats: a rendering depends on them, and so on the locale.
#[derive(Clone)]
pub struct AdfWords {
    i18n: I18n,
    #[cfg(feature = "ssr")]
    formats: std::sync::Arc<crate::i18n::Formats>,
    panel_info: String,
    panel_note: String,
    panel_tip: String,
    panel_warning: String,
    panel_error: String,
    panel_success: String,
    panel_custom: String,
    expand: String,
    task_done: String,
    task_to_do: String,
    decision: String,
    someone: String,
    synced: String,
    unsupported: String,
    unsupported_mark: String,
    external_image: String,
    attachment_unnamed: String,
}

impl AdfWords {
    /// The words of `i18n`'s language.
    pub fn new(i18n: &I18n) -> Self {
        Self {
            i18n: i18n.clone(),
            #[cfg(feature = "ssr")]
            formats: i18n.formats(),
            panel_info: t!(i18n, "issue-adf-panel-info"),
            panel_note: t!(i18n, "issue-adf-panel-note"),
            panel_tip: t!(i18n, "issue-adf-panel-tip"),
            panel_warning: t!(i18n, "issue-adf-panel-warning"),
            panel_error: t!(i18n, "issue-adf-panel-error"),
            panel_success: t!(i18n, "issue-adf-panel-success"),
            panel_custom: t!(i18n, "issue-adf-panel-custom"),
            expand: t!(i18n, "issue-adf-expand"),
            task_done: format!("{} ", t!(i18n, "issue-adf-task-done")),
            task_to_do: format!("{} ", t!(i18n, "issue-adf-task-to-do")),
            decision: format!("{} ", t!(i18n, "issue-adf-decision")),
            someone: t!(i18n, "issue-adf-mention-someone"),
            synced: t!(i18n, "issue-adf-synced"),
            unsupported: format!(" {}", t!(i18n, "issue-adf-unsupported")),
            unsupported_mark: t!(i18n, "issue-adf-unsupported-mark"),
            external_image: t!(i18n, "issue-adf-external-image"),
            attachment_unnamed: t!(i18n, "issue-adf-attachment-unnamed"),
        }
    }

    /// The UTC day of Unix time `secs` (an ADF `date` node): `YYYY-MM-DD` and as the locale
    /// writes it. Documents are rendered on the server only: the browser's build has no
    /// calendar and writes nothing.
    fn day(&self, secs: u64) -> (String, String) {
        #[cfg(feature = "ssr")]
        return crate::clock::utc_day(secs, &self.formats);
        #[cfg(not(feature = "ssr"))]
        {
            let _ = secs;
            (String::new(), String::new())
        }
    }

    /// The label of a panel of type `panel` (`info`, `note`, … or `custom`).
    fn panel(&self, panel: &str) -> &str {
        match panel {
            "info" => &self.panel_info,
            "note" => &self.panel_note,
            "tip" => &self.panel_tip,
            "warning" => &self.panel_warning,
            "error" => &self.panel_error,
            "success" => &self.panel_success,
            _ => &self.panel_custom,
        }
    }
}

/// `1.4 MB`, `47 KB`, `937 B`, with the language's digits: whole bytes and kilobytes, megabytes
/// to a tenth (`20.0 MB`).
pub fn file_size(i18n: &I18n, bytes: u64) -> String {
    let size = bytes as f64;
    match bytes {
        0..=1023 => t!(i18n, "issue-file-size-bytes", size = bytes),
        1024..=1_048_575 => t!(
            i18n,
            "issue-file-size-kb",
            size = (size / 1024.0).round_ties_even()
        ),
        _ => i18n.text(
            "issue-file-size-mb",
            &[("size", Arg::Tenths(size / 1_048_576.0))],
        ),
    }
}

/// `PNG · 1.4 MB`: a file's type (its name's extension, else the language's word for a file)
/// and size.
pub fn file_details(i18n: &I18n, file: &AttachmentInfo) -> String {
    let kind = file
        .kind()
        .unwrap_or_else(|| t!(i18n, "issue-file-kind-unknown"));
    format!("{kind} · {}", file_size(i18n, file.size))
}

/// Renders an ADF document (or any ADF node).
#[component]
pub fn AdfDocument(
    /// The document.
    #[prop(into)]
    document: Adf,
) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(fragments) = use_context::<crate::fragments::Fragments>() {
        let files = use_context::<MediaFiles>().unwrap_or_default();
        let cards = use_context::<IssueCards>().unwrap_or_default();
        let html = fragments.rendered(&document, &files, &cards, i18n.locale(), || {
            let html = rendered(&document, &AdfWords::new(&i18n)).to_html();
            let cut_short = use_context::<crate::highlight::Highlighter>()
                .is_some_and(|highlighter| highlighter.cut_short());
            (html, !cut_short)
        });
        return view! { <div class="adf" dir="auto" inner_html=html></div> }.into_any();
    }
    let words = AdfWords::new(&i18n);
    view! { <div class="adf" dir="auto">{rendered(&document, &words)}</div> }.into_any()
}

/// The document's nodes, its headings ranked.
fn rendered(document: &Adf, words: &AdfWords) -> AnyView {
    let ranked = rank_headings(document.tree());
    render(ranked.as_ref().unwrap_or(document.tree()), 0, words)
}

/// Renumbers heading levels by rank among the levels the document uses (a document with only
/// level-2 and level-4 headings gets 1 and 2), never more than one deeper than the heading
/// before, so its outline continues the page's without skipping a level (screen-reader users
/// navigate by it). `None` when every heading already has its level: most documents are
/// rendered as they are, without a copy.
fn rank_headings(document: &Value) -> Option<Value> {
    fn levels(node: &Value, found: &mut Vec<u64>) {
        if kind(node) == "heading" {
            found.push(attr_u64(node, "level").unwrap_or(1));
        }
        for child in node
            .get("content")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            levels(child, found);
        }
    }
    fn renumber(node: &mut Value, ranks: &mut impl Iterator<Item = u64>) {
        if kind(node) == "heading" {
            let rank = ranks.next().unwrap_or(1);
            if let Some(attrs) = node.get_mut("attrs").and_then(Value::as_object_mut) {
                attrs.insert("level".to_owned(), Value::from(rank));
            }
        }
        if let Some(content) = node.get_mut("content").and_then(Value::as_array_mut) {
            for child in content {
                renumber(child, ranks);
            }
        }
    }
    let mut found = Vec::new();
    levels(document, &mut found);
    let mut used = found.clone();
    used.sort_unstable();
    used.dedup();
    let mut previous = 0;
    let ranks: Vec<u64> = found
        .iter()
        .map(|level| {
            let rank = used.iter().position(|l| l == level).unwrap_or(0) as u64 + 1;
            previous = rank.min(previous + 1);
            previous
        })
        .collect();
    if ranks == found {
        return None;
    }
    let mut document = document.clone();
    renumber(&mut document, &mut ranks.into_iter());
    Some(document)
}

fn attr<'a>(node: &'a Value, name: &str) -> Option<&'a Value> {
    node.get("attrs").and_then(|attrs| attrs.get(name))
}

fn attr_str<'a>(node: &'a Value, name: &str) -> Option<&'a str> {
    attr(node, name).and_then(Value::as_str)
}

fn attr_u64(node: &Value, name: &str) -> Option<u64> {
    attr(node, name).and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
}

fn kind(node: &Value) -> &str {
    node.get("type").and_then(Value::as_str).unwrap_or_default()
}

fn children(node: &Value, depth: usize, words: &AdfWords) -> AnyView {
    node.get("content")
        .and_then(Value::as_array)
        .map(|content| {
            content
                .iter()
                .map(|child| render(child, depth + 1, words))
                .collect_view()
                .into_any()
        })
        .unwrap_or_else(|| ().into_any())
}

/// All the text below a node, for placeholders and the depth limit.
pub fn plain_text(node: &Value) -> String {
    let mut out = String::new();
    fn walk(node: &Value, out: &mut String, depth: usize) {
        if depth > 4 * MAX_DEPTH {
            return;
        }
        if let Some(text) = node.get("text").and_then(Value::as_str) {
            out.push_str(text);
        }
        for child in node
            .get("content")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            walk(child, out, depth + 1);
        }
    }
    walk(node, &mut out, 0);
    out
}

/// A code block's text, highlighted when the page provides a [`Highlighter`] context (on the
/// server) and it knows the language: runs of escaped text in `hl-` classed spans.
///
/// [`Highlighter`]: crate::highlight::Highlighter
fn code_view(language: Option<&str>, code: String) -> AnyView {
    #[cfg(feature = "ssr")]
    if let Some(highlighted) = use_context::<crate::highlight::Highlighter>()
        .and_then(|highlighter| highlighter.highlight(language, &code))
    {
        return highlighted
            .runs
            .iter()
            .map(|(token, text)| match token {
                Some(token) => view! { <span class=token.class()>{text.clone()}</span> }.into_any(),
                None => text.clone().into_any(),
            })
            .collect_view()
            .into_any();
    }
    #[cfg(not(feature = "ssr"))]
    let _ = language;
    code.into_any()
}

/// A link target that may be rendered: http, https or mailto.
fn link_target(href: &str) -> Option<String> {
    let lower = href.trim_start().to_ascii_lowercase();
    ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        .then(|| href.trim().to_owned())
}

/// Maps a colour to one of a few palette classes by hue (the CSP forbids inline styles).
fn palette(color: &str) -> &'static str {
    let named = match color.to_ascii_lowercase().as_str() {
        "red" => Some("red"),
        "yellow" => Some("yellow"),
        "green" => Some("green"),
        "blue" => Some("blue"),
        "purple" => Some("purple"),
        "neutral" | "grey" | "gray" => Some("gray"),
        _ => None,
    };
    if let Some(named) = named {
        return match named {
            "red" => "red",
            "yellow" => "yellow",
            "green" => "green",
            "blue" => "blue",
            "purple" => "purple",
            _ => "gray",
        };
    }
    let hex = color.trim_start_matches('#');
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
    };
    let (Some(r), Some(g), Some(b)) = (channel(0), channel(2), channel(4)) else {
        return "gray";
    };
    let (r, g, b) = (f32::from(r), f32::from(g), f32::from(b));
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    if max - min < 24.0 {
        return "gray";
    }
    let hue = if max == r {
        60.0 * ((g - b) / (max - min)).rem_euclid(6.0)
    } else if max == g {
        60.0 * ((b - r) / (max - min) + 2.0)
    } else {
        60.0 * ((r - g) / (max - min) + 4.0)
    };
    match hue as u32 {
        0..=20 | 331..=360 => "red",
        21..=45 => "orange",
        46..=70 => "yellow",
        71..=165 => "green",
        166..=200 => "teal",
        201..=260 => "blue",
        _ => "purple",
    }
}

fn text_view(node: &Value, words: &AdfWords) -> AnyView {
    let text = node
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let marks = node
        .get("marks")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut view = text.into_any();
    for mark in marks.iter().rev() {
        view = match kind(mark) {
            "strong" => view! { <strong>{view}</strong> }.into_any(),
            "em" => view! { <em>{view}</em> }.into_any(),
            "underline" => view! { <u>{view}</u> }.into_any(),
            "strike" => view! { <s>{view}</s> }.into_any(),
            "code" => view! { <code class="adf-code">{view}</code> }.into_any(),
            "subsup" if attr_str(mark, "type") == Some("sup") => view! { <sup>{view}</sup> }.into_any(),
            "subsup" => view! { <sub>{view}</sub> }.into_any(),
            "link" => match attr_str(mark, "href").and_then(link_target) {
                Some(href) => view! {
                    <a href=href rel="external noopener noreferrer nofollow">{view}</a>
                }
                .into_any(),
                None => view,
            },
            "textColor" => {
                let class = format!("adf-text-{}", palette(attr_str(mark, "color").unwrap_or_default()));
                view! { <span class=class>{view}</span> }.into_any()
            }
            "backgroundColor" => {
                let class = format!("adf-bg-{}", palette(attr_str(mark, "color").unwrap_or_default()));
                view! { <span class=class>{view}</span> }.into_any()
            }
            "annotation" | "fragment" | "dataConsumer" | "fontSize" => view,
            _ => view! {
                <span class="adf-unsupported-mark" title=words.unsupported_mark.clone()>{view}</span>
            }
            .into_any(),
        };
    }
    view
}

/// Classes from block marks (alignment, indentation, border, breakout, fontSize).
fn block_classes(node: &Value, base: &str) -> String {
    let mut classes = vec![base.to_owned()];
    for mark in node
        .get("marks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match kind(mark) {
            "alignment" => match attr_str(mark, "align") {
                Some("center") => classes.push("adf-align-center".into()),
                Some("end") | Some("right") => classes.push("adf-align-end".into()),
                _ => {}
            },
            "indentation" => {
                let level = attr_u64(mark, "level").unwrap_or(1).clamp(1, 6);
                classes.push(format!("adf-indent-{level}"));
            }
            "border" => classes.push("adf-border".into()),
            "breakout" => classes.push("adf-breakout".into()),
            "fontSize" if attr_str(mark, "fontSize") == Some("small") => {
                classes.push("adf-small".into())
            }
            _ => {}
        }
    }
    classes.join(" ")
}

/// A `media` or `mediaInline` node: an attachment of the issue shown as an image (PNG, JPEG,
/// GIF, WebP, through the server, in a box of its own size) or as a file to open; an external
/// image as a link to it (no request to another host from the page); anything else by name.
fn media(node: &Value, words: &AdfWords) -> AnyView {
    let alt = attr_str(node, "alt").filter(|alt| !alt.is_empty());
    if attr_str(node, "type") == Some("external") {
        let url = attr_str(node, "url").unwrap_or_default();
        // The host named is the one a browser would open: a URL with credentials, a backslash
        // (which browsers read as a slash) or a non-ASCII host is not shown as a link at all.
        let authority = url
            .strip_prefix("https://")
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .filter(|authority| {
                !authority.is_empty()
                    && authority.is_ascii()
                    && !authority.contains(['@', '\\'])
                    && !url.contains('\\')
            });
        return match link_target(url).zip(authority) {
            Some((href, authority)) => {
                let name = alt.unwrap_or(words.external_image.as_str());
                let label = t!(
                    words.i18n,
                    "issue-adf-external-image-from",
                    name = name,
                    host = authority
                );
                let label = format!("🖼 {label}");
                view! {
                    <a class="adf-external-media" href=href.to_owned() rel="external noopener noreferrer nofollow">
                        {label}
                    </a>
                }
                .into_any()
            }
            None => placeholder(format!(
                "🖼 {}",
                alt.unwrap_or(words.external_image.as_str())
            )),
        };
    }
    let found = with_context::<MediaFiles, _>(|files| {
        files
            .find(attr_str(node, "id"), alt)
            .map(|(file, href)| (file.clone(), href))
    });
    let Some((file, href)) = found.flatten() else {
        let label = match alt {
            Some(name) => t!(words.i18n, "issue-adf-attachment", name = name),
            None => words.attachment_unnamed.clone(),
        };
        return placeholder(format!("📎 {label}"));
    };
    if file.previewable && kind(node) == "media" {
        let (width, height) = (attr_u64(node, "width"), attr_u64(node, "height"));
        let description = alt.unwrap_or(&file.filename).to_owned();
        let src = href.clone();
        return view! {
            <a class="adf-image-link" href=href>
                <img
                    class="adf-image"
                    src=src
                    alt=description
                    width=width
                    height=height
                    loading="lazy"
                    decoding="async"
                />
            </a>
        }
        .into_any();
    }
    let details = file_details(&words.i18n, &file);
    view! {
        <a class="adf-file" href=href>
            "📎 " <span class="adf-file__name" dir="auto">{file.filename.clone()}</span> " "
            <span class="adf-file__details">{details}</span>
        </a>
    }
    .into_any()
}

fn placeholder(label: String) -> AnyView {
    view! { <span class="adf-placeholder">{label}</span> }.into_any()
}

fn unsupported(node: &Value, words: &AdfWords) -> AnyView {
    let text = plain_text(node);
    view! {
        <span class="adf-unsupported">
            {text} <span class="adf-unsupported__marker">{words.unsupported.clone()}</span>
        </span>
    }
    .into_any()
}

/// Renders one node at nesting `depth`, with `words` for what the renderer writes itself.
pub fn render(node: &Value, depth: usize, words: &AdfWords) -> AnyView {
    if depth > MAX_DEPTH {
        return plain_text(node).into_any();
    }
    match kind(node) {
        "doc" => children(node, depth, words),
        "text" => text_view(node, words),
        "paragraph" => {
            let class = block_classes(node, "adf-p");
            view! { <p class=class>{children(node, depth, words)}</p> }.into_any()
        }
        "heading" => {
            let class = block_classes(node, "adf-heading");
            let content = children(node, depth, words);
            // The page has its own h1 and h2; a document's headings sit below them.
            match attr_u64(node, "level").unwrap_or(1) {
                0 | 1 => view! { <h3 class=class>{content}</h3> }.into_any(),
                2 => view! { <h4 class=class>{content}</h4> }.into_any(),
                3 => view! { <h5 class=class>{content}</h5> }.into_any(),
                _ => view! { <h6 class=class>{content}</h6> }.into_any(),
            }
        }
        "bulletList" => view! { <ul>{children(node, depth, words)}</ul> }.into_any(),
        "orderedList" => {
            let start = attr_u64(node, "order")
                .unwrap_or(1)
                .min(u64::from(u32::MAX)) as u32;
            view! { <ol start=start>{children(node, depth, words)}</ol> }.into_any()
        }
        "listItem" => view! { <li>{children(node, depth, words)}</li> }.into_any(),
        "codeBlock" => {
            let language = attr_str(node, "language").map(str::to_owned);
            let code = code_view(language.as_deref(), plain_text(node));
            view! {
                <figure class="adf-code-block">
                    {language.map(|l| view! { <figcaption class="adf-code-language">{l}</figcaption> })}
                    <pre><code>{code}</code></pre>
                </figure>
            }
            .into_any()
        }
        "blockquote" => {
            view! { <blockquote>{children(node, depth, words)}</blockquote> }.into_any()
        }
        "panel" => panel(node, depth, words),
        "rule" | "bodiedRule" => view! { <hr /> }.into_any(),
        "hardBreak" => view! { <br /> }.into_any(),
        "table" => view! {
            <div class="adf-table-wrap">
                <table class="adf-table">
                    <tbody>{children(node, depth, words)}</tbody>
                </table>
            </div>
        }
        .into_any(),
        "tableRow" => view! { <tr>{children(node, depth, words)}</tr> }.into_any(),
        "tableHeader" | "tableCell" => {
            let colspan = attr_u64(node, "colspan").unwrap_or(1).clamp(1, 1000) as u32;
            let rowspan = attr_u64(node, "rowspan").unwrap_or(1).clamp(1, 1000) as u32;
            let content = children(node, depth, words);
            if kind(node) == "tableHeader" {
                view! { <th scope="col" colspan=colspan rowspan=rowspan>{content}</th> }.into_any()
            } else {
                view! { <td colspan=colspan rowspan=rowspan>{content}</td> }.into_any()
            }
        }
        "expand" | "nestedExpand" => {
            let title = attr_str(node, "title")
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(words.expand.as_str())
                .to_owned();
            view! {
                <details class="adf-expand">
                    <summary>{title}</summary>
                    {children(node, depth, words)}
                </details>
            }
            .into_any()
        }
        "taskList" => {
            view! { <ul class="adf-tasks">{children(node, depth, words)}</ul> }.into_any()
        }
        "taskItem" | "blockTaskItem" => task_item(node, depth, words),
        "decisionList" => {
            view! { <ul class="adf-decisions">{children(node, depth, words)}</ul> }.into_any()
        }
        "decisionItem" => view! {
            <li class="adf-decision">
                <span class="adf-decision__label">{words.decision.clone()}</span>
                {children(node, depth, words)}
            </li>
        }
        .into_any(),
        "mention" => {
            let text = attr_str(node, "text")
                .unwrap_or(words.someone.as_str())
                .to_owned();
            let text = if text.starts_with('@') {
                text
            } else {
                format!("@{text}")
            };
            view! { <span class="adf-mention" dir="auto">{text}</span> }.into_any()
        }
        "emoji" => {
            let text = attr_str(node, "text")
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .or_else(|| attr_str(node, "id").and_then(emoji_from_code_points))
                .or_else(|| attr_str(node, "shortName").map(emoji_for))
                .unwrap_or_default();
            let label = attr_str(node, "shortName").unwrap_or_default().to_owned();
            view! { <span class="adf-emoji" role="img" aria-label=label>{text}</span> }.into_any()
        }
        "status" => {
            let text = attr_str(node, "text").unwrap_or_default().to_owned();
            let class = format!(
                "lozenge adf-status adf-status--{}",
                palette(attr_str(node, "color").unwrap_or("neutral"))
            );
            view! { <span class=class dir="auto">{text}</span> }.into_any()
        }
        "date" => {
            let millis = attr_u64(node, "timestamp").unwrap_or_default();
            // Documented as milliseconds; the docs' own example looks like seconds.
            let seconds = if millis > 100_000_000_000 {
                millis / 1000
            } else {
                millis
            };
            let (datetime, date) = words.day(seconds);
            view! { <time datetime=datetime class="adf-date">{date}</time> }.into_any()
        }
        "inlineCard" | "blockCard" | "embedCard" => card(node),
        "media" | "mediaInline" => media(node, words),
        "mediaSingle" => {
            let layout = match attr_str(node, "layout") {
                Some("wide") => "adf-media adf-media--wide",
                Some("full-width") => "adf-media adf-media--full",
                Some("wrap-left" | "align-start") => "adf-media adf-media--start",
                Some("wrap-right" | "align-end") => "adf-media adf-media--end",
                _ => "adf-media",
            };
            view! { <figure class=layout>{children(node, depth, words)}</figure> }.into_any()
        }
        "mediaGroup" => {
            view! { <div class="adf-media-group">{children(node, depth, words)}</div> }.into_any()
        }
        "caption" => view! { <figcaption>{children(node, depth, words)}</figcaption> }.into_any(),
        "layoutSection" => {
            let class = block_classes(node, "adf-layout");
            view! { <div class=class>{children(node, depth, words)}</div> }.into_any()
        }
        "layoutColumn" => {
            view! { <div class="adf-layout__column">{children(node, depth, words)}</div> }
                .into_any()
        }
        "extension" | "inlineExtension" => placeholder(match attr_str(node, "extensionKey") {
            Some(key) => t!(words.i18n, "issue-adf-extension", key = key),
            None => t!(words.i18n, "issue-adf-extension-unnamed"),
        }),
        "bodiedExtension" | "multiBodiedExtension" | "bodiedSyncBlock" => view! {
            <div class="adf-extension">{children(node, depth, words)}</div>
        }
        .into_any(),
        "extensionFrame" => {
            view! { <div class="adf-extension__frame">{children(node, depth, words)}</div> }
                .into_any()
        }
        "syncBlock" => placeholder(words.synced.clone()),
        "placeholder" => {
            let text = attr_str(node, "text").unwrap_or_default().to_owned();
            view! { <span class="adf-placeholder muted">{text}</span> }.into_any()
        }
        _ => unsupported(node, words),
    }
}

/// A panel: its label in the reader's language, then its content.
fn panel(node: &Value, depth: usize, words: &AdfWords) -> AnyView {
    let panel = attr_str(node, "panelType")
        .filter(|kind| {
            matches!(
                *kind,
                "info" | "note" | "tip" | "warning" | "error" | "success"
            )
        })
        .unwrap_or("custom");
    let label = words.panel(panel);
    let class = format!("adf-panel adf-panel--{panel}");
    view! {
        <aside class=class aria-label=label.to_owned()>
            <span class="adf-panel__label">{label.to_owned()}</span>
            {children(node, depth, words)}
        </aside>
    }
    .into_any()
}

/// A task: whether it is done, for sight (a box) and for screen readers (words), then the task.
fn task_item(node: &Value, depth: usize, words: &AdfWords) -> AnyView {
    let done = attr_str(node, "state") == Some("DONE");
    let label = if done {
        words.task_done.clone()
    } else {
        words.task_to_do.clone()
    };
    view! {
        <li class="adf-task" class:adf-task--done=done>
            <span class="adf-task__box" aria-hidden="true">{if done { "☑" } else { "☐" }}</span>
            <span class="visually-hidden">{label}</span>
            {children(node, depth, words)}
        </li>
    }
    .into_any()
}

/// A link card: an issue of the page's sites with its summary and status, else the link.
fn card(node: &Value) -> AnyView {
    let url = attr_str(node, "url").unwrap_or_default().to_owned();
    let card = with_context::<IssueCards, _>(|cards| cards.find(&url).cloned()).flatten();
    if let Some(card) = card.filter(|_| kind(node) != "embedCard") {
        let href = format!("/sites/{}/issues/{}", card.cloud_id, card.key);
        let status_class = card.status_category.css_class();
        let issue = view! {
            <a class="adf-issue-card" href=href>
                <span class="adf-issue-card__key">{card.key.clone()}</span>
                " "
                <span class="adf-issue-card__summary" dir="auto">{card.summary.clone()}</span>
                " "
                <span class=status_class dir="auto">{card.status.clone()}</span>
            </a>
        };
        return if kind(node) == "blockCard" {
            view! { <p class="adf-card">{issue}</p> }.into_any()
        } else {
            issue.into_any()
        };
    }
    let block = kind(node) != "inlineCard";
    let link = match link_target(&url) {
        Some(href) => {
            view! { <a href=href rel="external noopener noreferrer nofollow">{url}</a> }.into_any()
        }
        None => url.into_any(),
    };
    if block {
        view! { <p class="adf-card">{link}</p> }.into_any()
    } else {
        link
    }
}

/// The character for a few common `:shortName:` emoji; the short name otherwise.
/// The emoji an `id` such as `1f604` or `1f468-200d-1f4bb` spells in hex code points; `None`
/// for Atlassian's own emoji (`atlassian-…`) and anything that is not a sequence of emoji
/// characters.
fn emoji_from_code_points(id: &str) -> Option<String> {
    let text: String = id
        .split('-')
        .map(|hex| {
            u32::from_str_radix(hex, 16)
                .ok()
                .filter(|_| (2..=6).contains(&hex.len()))
                .and_then(char::from_u32)
        })
        .collect::<Option<String>>()?;
    // Emoji live above U+00A9; a plain letter or digit is not one.
    text.chars()
        .any(|c| u32::from(c) >= 0xA9 && !c.is_alphanumeric())
        .then_some(text)
}

fn emoji_for(short_name: &str) -> String {
    let known = [
        (":smile:", "😄"),
        (":slight_smile:", "🙂"),
        (":grinning:", "😀"),
        (":thumbsup:", "👍"),
        (":+1:", "👍"),
        (":thumbsdown:", "👎"),
        (":heart:", "❤️"),
        (":tada:", "🎉"),
        (":rocket:", "🚀"),
        (":warning:", "⚠️"),
        (":white_check_mark:", "✅"),
        (":x:", "❌"),
        (":fire:", "🔥"),
        (":eyes:", "👀"),
        (":bulb:", "💡"),
        (":question:", "❓"),
    ];
    known
        .iter()
        .find(|(name, _)| *name == short_name)
        .map_or_else(|| short_name.to_owned(), |(_, emoji)| (*emoji).to_owned())
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::{negotiate, Lang, Locale};
    use serde_json::json;

    /// The words of `lang`, from the catalogue (loaded once for every test).
    fn words(lang: impl Into<Locale>) -> I18n {
        static CATALOGUE: std::sync::OnceLock<std::sync::Arc<crate::i18n::Catalogue>> =
            std::sync::OnceLock::new();
        CATALOGUE
            .get_or_init(|| std::sync::Arc::new(crate::i18n::Catalogue::load().unwrap()))
            .words(lang)
    }

    fn html_in(lang: impl Into<Locale>, document: Value) -> String {
        Owner::new().with(|| {
            provide_context(crate::highlight::shared_for_tests());
            provide_context(words(lang));
            view! { <AdfDocument document /> }.to_html()
        })
    }

    fn html(document: Value) -> String {
        html_in(Lang::En, document)
    }

    #[test]
    fn file_sizes_read_as_they_always_have_in_english() {
        let before = |bytes: u64| match bytes {
            0..=1023 => format!("{bytes} B"),
            1024..=1_048_575 => format!("{:.0} KB", bytes as f64 / 1024.0),
            _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
        };
        let english = words(Lang::En);
        for bytes in (0..1000).chain((1024..1_000_000).step_by(97)).chain([
            2560,
            3584,
            1_482_113,
            20 * 1_048_576,
            2_139_095,
            1_048_576,
            999 * 1_048_576,
        ]) {
            assert_eq!(file_size(&english, bytes), before(bytes), "{bytes} bytes");
        }
        assert_eq!(file_size(&english, 20 * 1_048_576), "20.0 MB");
    }

    #[test]
    fn file_sizes_and_the_renderers_words_follow_the_language() {
        assert_eq!(file_size(&words(Lang::De), 1_482_113), "1,4 MB");
        assert_eq!(file_size(&words(Lang::De), 20 * 1_048_576), "20,0 MB");
        let out = html_in(
            Lang::De,
            json!({"type":"panel","attrs":{"panelType":"warning"},"content":[]}),
        );
        assert!(out.contains("aria-label=\"Warnung\""), "{out}");
    }

    #[test]
    fn date_nodes_are_written_as_the_locale_writes_dates() {
        let date = json!({"type":"paragraph","content":[
            {"type":"date","attrs":{"timestamp":"1798675200000"}}
        ]});
        let shown = |lang: Lang| {
            let out = html_in(lang, date.clone());
            assert!(out.contains("<time datetime=\"2026-12-31\""), "{out}");
            out
        };
        assert!(shown(Lang::En).contains(">Dec 31, 2026</time>"));
        assert!(shown(Lang::De).contains(">31.12.2026</time>"));
        assert!(shown(Lang::Ja).contains(">2026/12/31</time>"));
        let british = html_in(negotiate(None, Some("en-GB"), None), date.clone());
        assert!(british.contains(">31 Dec 2026</time>"), "{british}");
    }

    #[test]
    fn kept_renderings_follow_the_pages_files_and_links() {
        use crate::fragments::Fragments;
        use crate::models::{AttachmentInfo, IssueCard, StatusCategory};
        use uuid::Uuid;
        let document = json!({"type":"doc","content":[
            {"type":"paragraph","content":[{"type":"inlineCard","attrs":{"url":"https://acme.atlassian.net/browse/ACME-2"}}]},
            {"type":"mediaSingle","content":[{"type":"media","attrs":{"type":"file","id":Uuid::from_u128(1).to_string(),"collection":"","alt":"shot.png"}}]},
        ]});
        let cards = |summary: &str| {
            IssueCards(
                vec![IssueCard {
                    url: "https://acme.atlassian.net/browse/ACME-2".into(),
                    cloud_id: Uuid::from_u128(7),
                    key: "ACME-2".into(),
                    summary: summary.into(),
                    status: "Done".into(),
                    status_category: StatusCategory::Done,
                }]
                .into(),
            )
        };
        let files = |site: u128| {
            let file = AttachmentInfo {
                id: Some(10),
                file_id: Some(Uuid::from_u128(1)),
                filename: "shot.png".into(),
                size: 2048,
                mime_type: None,
                previewable: true,
                author: None,
                created: None,
            };
            MediaFiles::new(Uuid::from_u128(site), vec![file])
        };
        let render = |files: MediaFiles, cards: IssueCards, kept: Option<&Fragments>| {
            let document = document.clone();
            Owner::new().with(|| {
                provide_context(files);
                provide_context(cards);
                if let Some(kept) = kept {
                    provide_context(kept.clone());
                }
                view! { <AdfDocument document /> }.to_html()
            })
        };
        let fragments = Fragments::new();
        for (site, summary) in [(7, "First"), (7, "Renamed"), (8, "Renamed"), (7, "First")] {
            let direct = render(files(site), cards(summary), None);
            let href = format!("/sites/{}/attachments/10", Uuid::from_u128(site));
            assert!(
                direct.contains(summary) && direct.contains(&href),
                "{direct}"
            );
            assert_eq!(
                render(files(site), cards(summary), Some(&fragments)),
                direct
            );
        }
    }

    #[test]
    fn a_rendering_made_when_the_highlighting_time_ran_out_is_not_kept() {
        use crate::{fragments::Fragments, highlight::Highlighter};
        use std::time::Duration;
        let document = json!({"type":"doc","content":[
            {"type":"codeBlock","attrs":{"language":"rust"},"content":[{"type":"text","text":"fn kept() -> bool { false }"}]},
        ]});
        let fragments = Fragments::new();
        let render = |highlighter: Highlighter| {
            let document = document.clone();
            Owner::new().with(|| {
                provide_context(highlighter);
                provide_context(fragments.clone());
                view! { <AdfDocument document /> }.to_html()
            })
        };
        let out_of_time = Highlighter::with_limits(Duration::from_secs(60), Duration::ZERO);
        assert!(!render(out_of_time.for_request()).contains("hl-"));
        assert!(render(crate::highlight::shared_for_tests().for_request()).contains("hl-keyword"));
    }

    fn with_files(document: Value) -> String {
        use crate::models::AttachmentInfo;
        let file = |id: u64, file_id: u128, filename: &str, previewable: bool| AttachmentInfo {
            id: Some(id),
            file_id: Some(uuid::Uuid::from_u128(file_id)),
            filename: filename.to_owned(),
            size: 2048,
            mime_type: None,
            previewable,
            author: None,
            created: None,
        };
        let files = MediaFiles::new(
            uuid::Uuid::from_u128(7),
            vec![
                file(10, 1, "shot.png", true),
                file(11, 2, "logo.svg", false),
                file(12, 3, "dup.txt", false),
                file(13, 4, "dup.txt", false),
            ],
        );
        Owner::new().with(|| {
            provide_context(files);
            provide_context(words(Lang::En));
            view! { <AdfDocument document /> }.to_html()
        })
    }

    #[test]
    fn media_nodes_show_the_issues_files_and_never_load_another_host() {
        let site = uuid::Uuid::from_u128(7);
        let media = |attrs: Value| json!({"type":"media","attrs":attrs});
        let out = with_files(json!({"type":"doc","version":1,"content":[
            {"type":"mediaSingle","attrs":{"layout":"wide"},"content":[media(json!({"type":"file","id":uuid::Uuid::from_u128(1).to_string(),"collection":"","alt":"A \"shot\"","width":320,"height":180}))]},
            {"type":"mediaGroup","content":[
                media(json!({"type":"file","id":uuid::Uuid::from_u128(2).to_string(),"collection":""})),
                media(json!({"type":"file","id":"not-a-uuid","collection":"","alt":"shot.png"})),
                media(json!({"type":"file","id":"gone","collection":"","alt":"dup.txt"})),
                media(json!({"type":"external","url":"https://images.example.com/a.png","alt":"diagram"})),
                media(json!({"type":"external","url":"http://images.example.com/b.png"})),
                media(json!({"type":"external","url":"https://evil.example\\@images.example.com/c.png","alt":"spoof"})),
                media(json!({"type":"external","url":"https://user@images.example.com/d.png","alt":"creds"})),
            ]},
        ]}));
        for expected in [
            "<figure class=\"adf-media adf-media--wide\">",
            &format!("<a href=\"/sites/{site}/attachments/10\" class=\"adf-image-link\"><img src=\"/sites/{site}/attachments/10\" alt=\"A &quot;shot&quot;\" width=\"320\" height=\"180\" loading=\"lazy\""),
            &format!("<a href=\"/sites/{site}/attachments/11\" class=\"adf-file\">"),
            "logo.svg",
            "SVG · 2 KB",
            "📎 Attachment: dup.txt",
            "🖼 diagram (images.example.com)",
            "🖼 External image",
        ] {
            assert!(out.contains(expected), "{expected} in {out}");
        }
        assert_eq!(
            out.matches("<img").count(),
            2,
            "the PNG twice (by id, by unique name): {out}"
        );
        assert!(
            !out.contains("src=\"http"),
            "no image from another host: {out}"
        );
        assert!(!out.contains("href=\"http://"), "{out}");
        assert!(
            out.contains("🖼 spoof<") && out.contains("🖼 creds<"),
            "not links: {out}"
        );
        assert!(!out.contains("evil.example"), "{out}");
    }

    #[test]
    fn emoji_come_from_their_text_then_their_code_points_then_their_name() {
        let emoji = |attrs: Value| html(json!({"type":"emoji","attrs":attrs}));
        assert!(emoji(json!({"shortName":":smile:","id":"1f604","text":"😄"})).contains(">😄<"));
        assert!(
            emoji(json!({"shortName":":grinning_face_with_sweat:","id":"1f605"})).contains(">😅<")
        );
        assert!(
            emoji(json!({"shortName":":technologist:","id":"1f9d1-200d-1f4bb"}))
                .contains(">🧑\u{200d}💻<")
        );
        assert!(
            emoji(json!({"shortName":":thumbsup:","id":"atlassian-thumbsup"})).contains(">👍<")
        );
        assert!(emoji(json!({"shortName":":custom:","id":"41"})).contains(">:custom:<"));
        assert!(
            emoji(json!({"shortName":":x:","id":"d800"})).contains(">❌<"),
            "no lone surrogate"
        );
    }

    #[test]
    fn headings_continue_the_page_outline_without_skipping() {
        let heading = |level: u64, text: &str| json!({"type":"heading","attrs":{"level":level},"content":[{"type":"text","text":text}]});
        let out = html(json!({"type":"doc","version":1,"content":[
            heading(2, "a"), heading(4, "b"), heading(2, "c"), heading(6, "d")
        ]}));
        let tags: Vec<&str> = out
            .match_indices("<h")
            .map(|(i, _)| &out[i..i + 3])
            .collect();
        assert_eq!(tags, ["<h3", "<h4", "<h3", "<h4"]);
    }

    #[test]
    fn nodes_become_their_elements() {
        let out = html(json!({"type":"doc","version":1,"content":[
            {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"Title"}]},
            {"type":"orderedList","attrs":{"order":3},"content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"three"}]}]}]},
            {"type":"codeBlock","attrs":{"language":"rust"},"content":[{"type":"text","text":"fn main() {}"}]},
            {"type":"panel","attrs":{"panelType":"warning"},"content":[{"type":"paragraph","content":[{"type":"text","text":"careful"}]}]},
            {"type":"table","content":[{"type":"tableRow","content":[{"type":"tableHeader","attrs":{"colspan":2},"content":[{"type":"paragraph","content":[{"type":"text","text":"h"}]}]}]}]},
            {"type":"expand","attrs":{"title":"More"},"content":[{"type":"paragraph","content":[{"type":"text","text":"hidden"}]}]},
            {"type":"taskList","content":[{"type":"taskItem","attrs":{"state":"DONE"},"content":[{"type":"text","text":"done it"}]}]},
            {"type":"paragraph","content":[{"type":"date","attrs":{"timestamp":"1798675200000"}},{"type":"status","attrs":{"text":"BLOCKED","color":"red"}},
                {"type":"emoji","attrs":{"shortName":":thumbsup:"}},{"type":"mention","attrs":{"text":"@Alice"}}]}
        ]}));
        for expected in [
            "<h3 class=\"adf-heading\">Title",
            "<th scope=\"col\"",
            "<ol start=\"3\"",
            "<li>",
            "adf-code-language\">rust<",
            "<pre><code><span class=\"hl-keyword\">fn</span> <span class=\"hl-function\">main</span>() {}<!></code></pre>",
            "adf-panel--warning",
            "aria-label=\"Warning\"",
            "<th scope=\"col\" colspan=\"2\"",
            "<details",
            "<summary>More</summary>",
            "adf-task--done",
            "<time datetime=\"2026-12-31\"",
            "adf-status--red",
            "👍",
            "@Alice",
        ] {
            assert!(out.contains(expected), "{expected} in {out}");
        }
    }

    #[test]
    fn marks_wrap_text_and_only_safe_links_are_links() {
        let out = html(json!({"type":"paragraph","content":[
            {"type":"text","text":"bold","marks":[{"type":"strong"},{"type":"em"}]},
            {"type":"text","text":"ok","marks":[{"type":"link","attrs":{"href":"https://example.com/a?b=1&c=2"}}]},
            {"type":"text","text":"mail","marks":[{"type":"link","attrs":{"href":"mailto:a@example.com"}}]},
            {"type":"text","text":"evil","marks":[{"type":"link","attrs":{"href":"javascript:alert(1)"}}]},
            {"type":"text","text":"red","marks":[{"type":"textColor","attrs":{"color":"#bf2600"}}]},
            {"type":"text","text":"x2","marks":[{"type":"subsup","attrs":{"type":"sup"}}]}
        ]}));
        assert!(out.contains("<strong><em>bold</em></strong>"), "{out}");
        assert!(
            out.contains("href=\"https://example.com/a?b=1&amp;c=2\""),
            "{out}"
        );
        assert!(out.contains("href=\"mailto:a@example.com\""));
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("evil"));
        assert!(out.contains("adf-text-red"));
        assert!(out.contains("<sup>x2</sup>"));
        assert!(!out.contains("style="), "no inline style under the CSP");
    }

    #[test]
    fn hostile_text_and_attributes_stay_text() {
        let out = html(json!({"type":"doc","content":[
            {"type":"paragraph","content":[{"type":"text","text":"<script>alert(1)</script>"}]},
            {"type":"codeBlock","attrs":{"language":"\"><img src=x onerror=alert(1)>"},"content":[{"type":"text","text":"</code><script>"}]},
            {"type":"codeBlock","attrs":{"language":"html"},"content":[{"type":"text","text":"</code><script>alert(1)</script><img src=x onerror=alert(1)>"}]},
            {"type":"mention","attrs":{"text":"<b>x</b>"}},
            {"type":"blockCard","attrs":{"url":"javascript:alert(1)"}}
        ]}));
        assert!(
            !out.contains("<script>") && !out.contains("<img") && !out.contains("<b>"),
            "{out}"
        );
        assert!(out.contains("&lt;script&gt;"));
        assert!(!out.contains("href=\"javascript:"));
        assert!(
            out.contains("<span class=\"hl-tag\">script</span>"),
            "the HTML block is highlighted, its text still text: {out}"
        );
    }

    #[test]
    fn unknown_nodes_keep_their_text_and_say_so() {
        let out = html(
            json!({"type":"doc","content":[{"type":"futureBlock","content":[{"type":"paragraph","content":[{"type":"text","text":"still here"}]}]}]}),
        );
        assert!(
            out.contains("still here") && out.contains("unsupported content"),
            "{out}"
        );
        let out = html(
            json!({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"t","marks":[{"type":"sparkle"}]}]}]}),
        );
        assert!(out.contains("adf-unsupported-mark"), "{out}");
    }

    #[test]
    fn invalid_and_deep_documents_never_panic_and_keep_text() {
        for document in [
            json!(null),
            json!("text"),
            json!(42),
            json!({"type":"doc","content":"not a list"}),
            json!({"type":"heading","attrs":{"level":"x"}}),
            json!({"type":"orderedList","attrs":{"order":-4}}),
        ] {
            html(document);
        }
        let mut deep = json!({"type":"text","text":"bottom"});
        for _ in 0..200 {
            deep = json!({"type":"blockquote","content":[deep]});
        }
        assert!(html(deep).contains("bottom"));
    }
}

#[cfg(all(test, feature = "ssr"))]
mod properties {
    //! Property tests: documents built from every node kind and mark, with hostile text and
    //! attribute values, never panic, never produce markup from their strings, never link
    //! anywhere but http, https and mailto, and never drop the text of a non-atom node.

    use super::AdfDocument;
    use leptos::prelude::*;
    use proptest::prelude::*;
    use serde_json::{json, Value};

    const CONTAINERS: &[&str] = &[
        "doc",
        "paragraph",
        "heading",
        "bulletList",
        "orderedList",
        "listItem",
        "blockquote",
        "panel",
        "table",
        "tableRow",
        "tableCell",
        "tableHeader",
        "expand",
        "nestedExpand",
        "taskList",
        "taskItem",
        "decisionList",
        "decisionItem",
        "layoutSection",
        "layoutColumn",
        "mediaSingle",
        "mediaGroup",
        "bodiedExtension",
        "caption",
        "somethingNew",
    ];
    const ATOMS: &[&str] = &[
        "mention",
        "emoji",
        "status",
        "date",
        "inlineCard",
        "blockCard",
        "embedCard",
        "hardBreak",
        "media",
        "extension",
        "inlineExtension",
        "rule",
    ];
    const MARKS: &[&str] = &[
        "strong",
        "em",
        "underline",
        "strike",
        "code",
        "link",
        "subsup",
        "textColor",
        "backgroundColor",
        "alignment",
        "indentation",
        "border",
        "glitter",
    ];

    /// Strings a hostile document might carry.
    fn hostile() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Z0-9 ]{0,12}",
            Just("<script>alert(1)</script>".to_owned()),
            Just("\"><img src=x onerror=alert(1)>".to_owned()),
            Just("javascript:alert(1)".to_owned()),
            Just(" JaVaScRiPt:alert(1)".to_owned()),
            Just("data:text/html,<script>alert(1)</script>".to_owned()),
            Just("https://example.com/?q=\"'<>".to_owned()),
            Just("mailto:a@example.com".to_owned()),
            Just("#ff0000\" style=\"x".to_owned()),
            Just("rust".to_owned()),
            Just("html".to_owned()),
            ".{0,16}",
        ]
    }

    fn attrs() -> impl Strategy<Value = Value> {
        (hostile(), hostile(), any::<i64>(), 0u64..12).prop_map(|(text, url, number, level)| {
            json!({
                "text": text, "url": url, "href": url, "shortName": text, "title": text,
                "alt": text, "language": text, "color": text, "panelType": text,
                "timestamp": number.to_string(), "level": level, "order": number,
                "colspan": level, "rowspan": number, "state": text, "localId": url,
                "extensionKey": text, "layout": text,
            })
        })
    }

    fn mark() -> impl Strategy<Value = Value> {
        (prop::sample::select(MARKS), attrs())
            .prop_map(|(kind, attrs)| json!({"type": kind, "attrs": attrs}))
    }

    /// A text leaf, tagged with a marker word so the property can look for it.
    fn text() -> impl Strategy<Value = Value> {
        (0u32..1_000_000, hostile(), prop::collection::vec(mark(), 0..3)).prop_map(
            |(marker, tail, marks)| json!({"type": "text", "text": format!("m{marker}m {tail}"), "marks": marks}),
        )
    }

    fn node() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            4 => text(),
            1 => (prop::sample::select(ATOMS), attrs(), prop::collection::vec(text(), 0..2))
                .prop_map(|(kind, attrs, content)| json!({"type": kind, "attrs": attrs, "content": content})),
            1 => prop_oneof![Just(json!(null)), Just(json!(7)), Just(json!("bare")), Just(json!({"content": "x"}))],
        ];
        leaf.prop_recursive(6, 64, 5, |inner| {
            (prop::sample::select(CONTAINERS), attrs(), prop::collection::vec(inner, 0..5))
                .prop_map(|(kind, attrs, content)| json!({"type": kind, "attrs": attrs, "content": content}))
        })
    }

    /// The document rendered as the page renders it: through the instance's kept renderings
    /// (rendered, then kept), which must be exactly what rendering it directly gives.
    fn html(document: Value) -> String {
        let document = crate::models::Adf::from(document);
        let render = |fragments: Option<&crate::fragments::Fragments>| {
            let document = document.clone();
            Owner::new().with(|| {
                provide_context(crate::highlight::shared_for_tests());
                if let Some(fragments) = fragments {
                    provide_context(fragments.clone());
                }
                view! { <AdfDocument document /> }.to_html()
            })
        };
        let fragments = crate::fragments::Fragments::new();
        let direct = render(None);
        assert_eq!(
            render(Some(&fragments)),
            direct,
            "rendered through the cache"
        );
        assert_eq!(render(Some(&fragments)), direct, "kept");
        direct
    }

    /// Every element the renderer writes; anything else in the output came from a document.
    const ELEMENTS: &[&str] = &[
        "a",
        "aside",
        "blockquote",
        "br",
        "code",
        "details",
        "div",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "time",
        "tr",
        "u",
        "ul",
    ];

    /// The opening tags of `html`: element name and attribute names. Text is escaped by the
    /// framework, so every `<` left in the output starts real markup.
    fn tags(html: &str) -> Vec<(String, Vec<String>)> {
        let mut found = Vec::new();
        let mut rest = html;
        while let Some(start) = rest.find('<') {
            rest = &rest[start + 1..];
            if rest.starts_with('/') || rest.starts_with('!') {
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            let mut attributes = Vec::new();
            let mut chars = rest[name.len()..].char_indices().peekable();
            let mut end = rest.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '>' => {
                        end = name.len() + i;
                        break;
                    }
                    '"' => {
                        for (_, c) in chars.by_ref() {
                            if c == '"' {
                                break;
                            }
                        }
                    }
                    c if c.is_ascii_alphabetic() => {
                        let mut attribute = String::from(c);
                        while let Some((_, c)) =
                            chars.next_if(|(_, c)| c.is_ascii_alphanumeric() || *c == '-')
                        {
                            attribute.push(c);
                        }
                        attributes.push(attribute.to_ascii_lowercase());
                    }
                    _ => {}
                }
            }
            found.push((name.to_ascii_lowercase(), attributes));
            rest = &rest[end.min(rest.len())..];
        }
        found
    }

    #[test]
    fn the_tag_scanner_sees_injected_markup() {
        let injected =
            tags(r#"<p class="a">x</p><img src=x onerror=alert(1)><a href="h" onclick="y">"#);
        assert_eq!(injected[0], ("p".to_owned(), vec!["class".to_owned()]));
        assert_eq!(injected[1].0, "img");
        assert!(injected[1].1.contains(&"onerror".to_owned()));
        assert!(injected[2].1.contains(&"onclick".to_owned()));
    }

    /// The marker words of text leaves that are not inside an atom node (atoms show their
    /// attributes, as Jira does, not any content).
    fn visible_markers(node: &Value, out: &mut Vec<String>) {
        let kind = node.get("type").and_then(Value::as_str).unwrap_or_default();
        if kind == "text" {
            if let Some(text) = node.get("text").and_then(Value::as_str) {
                out.extend(text.split(' ').next().map(str::to_owned));
            }
            return;
        }
        if ATOMS.contains(&kind) {
            return;
        }
        if let Some(children) = node.get("content").and_then(Value::as_array) {
            for child in children {
                visible_markers(child, out);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn documents_render_safely_and_keep_their_text(document in node()) {
            let out = html(document.clone());
            for (tag, attributes) in tags(&out) {
                prop_assert!(ELEMENTS.contains(&tag.as_str()), "<{}> from {}", tag, out);
                for name in attributes {
                    prop_assert!(
                        !name.starts_with("on") && name != "style" && name != "src",
                        "attribute {} on <{}> in {}", name, tag, out
                    );
                }
            }
            for href in out.split("href=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
                let lower = href.to_ascii_lowercase();
                prop_assert!(
                    ["http://", "https://", "mailto:"].iter().any(|scheme| lower.starts_with(scheme)),
                    "link to {}", href
                );
            }
            let mut markers = Vec::new();
            visible_markers(&document, &mut markers);
            for marker in markers {
                prop_assert!(out.contains(&marker), "{} lost from {}", marker, out);
            }
        }
    }
}
