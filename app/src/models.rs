//! What the server tells the browser: view models returned by server functions. They hold only what
//! a page shows — never a token — and are independent of Atlassian's wire format, which lives in
//! `atlassian::models` on the server.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Who is looking at the page, as far as every page needs to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    /// The app talks to the built-in Atlassian sandbox, not to Atlassian.
    pub sandbox: bool,
    /// This session holds an Atlassian connection.
    pub signed_in: bool,
}

/// The signed-in person, from Atlassian's `/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Atlassian account id.
    pub account_id: String,
    /// Display name.
    pub name: String,
    /// E-mail address, unless the person's privacy settings hide it.
    pub email: Option<String>,
    /// Avatar URL.
    pub picture: Option<String>,
    /// `active`, `inactive` or `closed`, when Atlassian says.
    pub account_status: Option<String>,
    /// IANA time zone used for every date on the site (UTC when Atlassian gives none).
    pub zone: String,
    /// Locale, such as `en-GB`.
    pub locale: Option<String>,
}

/// The id of one request to this app: a time-ordered UUID (v7) made when the request arrives,
/// sent back as `X-Request-Id`, carried by every log line of that request and shown on every
/// error page, so that a person's report leads straight to the server's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestId(pub Uuid);

impl std::fmt::Display for RequestId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// One Atlassian site (cloud) the person granted access to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// The cloud id used in `/ex/jira/{cloud_id}/...`.
    pub cloud_id: Uuid,
    /// Site name.
    pub name: String,
    /// Site URL, e.g. `https://acme.atlassian.net`.
    pub url: String,
    /// Site avatar URL.
    pub avatar_url: Option<String>,
    /// Scopes granted for this site.
    pub scopes: Vec<String>,
}

/// Text fit for the document title. leptos_meta writes `<title>` text unescaped during server
/// rendering, so angle brackets from upstream data become look-alike quotation marks there.
pub fn title_text(text: &str) -> String {
    text.replace('<', "‹").replace('>', "›")
}

/// `url` if it is an http(s) URL, the only kind of link the app ever renders from upstream data.
pub fn safe_link(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
}

impl Site {
    /// Whether the grant for this site lets the app read Jira issues.
    pub fn is_jira(&self) -> bool {
        self.scopes.iter().any(|scope| scope.contains("jira"))
    }
}

/// The state of the person's Atlassian grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantStatus {
    /// Scopes the app needs that the grant lacks.
    pub missing_scopes: Vec<String>,
    /// When the person consented.
    pub consented: Moment,
    /// When the person must consent again (Atlassian's 365-day / 90-day limits).
    pub reconnect_by: Moment,
    /// The reconnect date is close enough to offer it now.
    pub reconnect_soon: bool,
}

/// An instant as the person reads it, formatted on the server in their time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moment {
    /// RFC 3339 with the person's offset, for `<time datetime>`.
    pub iso: String,
    /// `20 Nov 2026`.
    pub date: String,
    /// `20 Nov 2026, 10:15 CET`.
    pub text: String,
    /// `7 days ago`, as of the page being made.
    pub relative: String,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The person.
    pub profile: Profile,
    /// Every site granted, ordered by name.
    pub sites: Vec<Site>,
    /// The grant behind the connection.
    pub grant: GrantStatus,
    /// The cloud id the person chose as their default site, if it is still granted.
    pub default_site: Option<Uuid>,
    /// Sites whose "assigned to you" list loads only when asked: the app spares its allowance
    /// there, and the site is not the one the person starts on.
    pub lists_on_request: Vec<Uuid>,
    /// The issues the person opened here lately, most recent first.
    pub recent: Vec<RecentIssue>,
}

/// An issue the person opened here lately (kept in their session).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentIssue {
    /// The site it is on.
    pub cloud_id: Uuid,
    /// The site's name.
    pub site_name: String,
    /// Its key.
    pub key: String,
    /// Its summary.
    pub summary: String,
    /// Its status.
    pub status: String,
    /// The status's category.
    pub status_category: StatusCategory,
}

/// A person as an issue shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Display name.
    pub name: String,
    /// 48×48 avatar URL.
    pub avatar_url: Option<String>,
}

/// The coarse state every Jira status belongs to; decides its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusCategory {
    /// "To Do" (`new`).
    ToDo,
    /// "In Progress" (`indeterminate`).
    InProgress,
    /// "Done" (`done`).
    Done,
    /// Anything else (`undefined`).
    Other,
}

impl StatusCategory {
    /// Maps Jira's status category key.
    pub fn from_key(key: &str) -> Self {
        match key {
            "new" => Self::ToDo,
            "indeterminate" => Self::InProgress,
            "done" => Self::Done,
            _ => Self::Other,
        }
    }

    /// CSS modifier for the status lozenge.
    pub fn css_class(self) -> &'static str {
        match self {
            Self::ToDo => "lozenge lozenge--todo",
            Self::InProgress => "lozenge lozenge--progress",
            Self::Done => "lozenge lozenge--done",
            Self::Other => "lozenge",
        }
    }
}

/// Another issue, as a row on the issue page (parent, sub-task, linked issue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedIssue {
    /// How it relates ("Parent", "Sub-task", "blocks", "is blocked by", ...).
    pub relation: String,
    /// Its key.
    pub key: String,
    /// Its summary.
    pub summary: String,
    /// Its status name.
    pub status: String,
    /// Its status category.
    pub status_category: StatusCategory,
}

/// A link in a description or comment to an issue on one of the person's sites, as Jira
/// answered for it (what a smart card shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueCard {
    /// The link as written.
    pub url: String,
    /// The site it is on.
    pub cloud_id: Uuid,
    /// Its key.
    pub key: String,
    /// Its summary.
    pub summary: String,
    /// Its status name.
    pub status: String,
    /// Its status category.
    pub status_category: StatusCategory,
}

/// The cards one issue page resolved: the renderer reads them from a Leptos context.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueCards(pub std::sync::Arc<[IssueCard]>);

impl IssueCards {
    /// The card for the link `url`, if it was resolved.
    pub fn find(&self, url: &str) -> Option<&IssueCard> {
        self.0.iter().find(|card| card.url == url)
    }
}

/// An attachment: listed on the issue page, opened through the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    /// Jira's attachment id (digits); `None` when Jira sent none that reads as one.
    pub id: Option<u64>,
    /// Its Media Services file id (what ADF `media` nodes name), when it was looked up.
    pub file_id: Option<Uuid>,
    /// File name.
    pub filename: String,
    /// Size in bytes.
    pub size: u64,
    /// MIME type.
    pub mime_type: Option<String>,
    /// Whether the browser is shown a preview of it (PNG, JPEG, GIF, WebP with a thumbnail).
    pub previewable: bool,
    /// Who attached it.
    pub author: Option<String>,
    /// When.
    pub created: Option<Moment>,
}

impl AttachmentInfo {
    /// Where the server streams it, for a site.
    pub fn href(&self, cloud_id: uuid::Uuid) -> Option<String> {
        self.id
            .map(|id| format!("/sites/{cloud_id}/attachments/{id}"))
    }

    /// A short name for its type: `PNG`, `PDF`, `LOG`; from the file name's extension, if it
    /// has a short one.
    pub fn kind(&self) -> Option<String> {
        self.filename
            .rsplit_once('.')
            .map(|(_, extension)| extension)
            .filter(|extension| !extension.is_empty() && extension.len() <= 5)
            .map(str::to_ascii_uppercase)
    }
}

/// The files that ADF `media` nodes on one issue page can name: the renderer reads them from a
/// Leptos context the page provides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediaFiles {
    cloud_id: Uuid,
    files: std::sync::Arc<[AttachmentInfo]>,
}

impl MediaFiles {
    /// The attachments of an issue on site `cloud_id`.
    pub fn new(cloud_id: Uuid, files: Vec<AttachmentInfo>) -> Self {
        Self {
            cloud_id,
            files: files.into(),
        }
    }

    /// Whether `self` and `other` render every `media` node alike: the same site and, file by
    /// file, what the renderer reads (ids, name, size, whether it is shown as a picture) and its
    /// type; not who attached it or when, which is written in the reader's own time zone.
    pub fn render_alike(&self, other: &Self) -> bool {
        self.cloud_id == other.cloud_id
            && self.files.len() == other.files.len()
            && self.files.iter().zip(other.files.iter()).all(|(a, b)| {
                (a.id, a.file_id, a.size, a.previewable) == (b.id, b.file_id, b.size, b.previewable)
                    && a.filename == b.filename
                    && a.mime_type == b.mime_type
            })
    }

    /// How many files it holds.
    #[cfg(feature = "ssr")]
    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    /// The attachment a `media` node names, and where it opens: by its Media Services `id`,
    /// else by a file name (`alt`) that exactly one attachment has.
    pub fn find(&self, id: Option<&str>, alt: Option<&str>) -> Option<(&AttachmentInfo, String)> {
        let by_id = id
            .and_then(|id| id.parse::<Uuid>().ok())
            .and_then(|id| self.files.iter().find(|f| f.file_id == Some(id)));
        let by_name = || {
            let alt = alt.filter(|alt| !alt.is_empty())?;
            let mut named = self.files.iter().filter(|f| f.filename == alt);
            let first = named.next()?;
            named.next().is_none().then_some(first)
        };
        let file = by_id.or_else(by_name)?;
        let href = file.href(self.cloud_id)?;
        Some((file, href))
    }
}

/// An Atlassian Document Format document (a description, a comment's body) as Jira sent it: its
/// JSON text, parsed into a tree only when something reads the tree (a document rendered before
/// is not: the server keeps its rendering by this text, in `fragments`). Shared: the views that
/// hold one are cloned on their way to the page, and a clone is two pointers'. On the wire it is
/// the JSON.
#[derive(Clone)]
pub struct Adf {
    json: std::sync::Arc<AdfText>,
    tree: std::sync::Arc<std::sync::OnceLock<serde_json::Value>>,
}

/// A document's JSON text, with what the server derives from the text alone, derived once for
/// every document that shares the text (the copies of one answer Jira sent, kept or shown).
pub struct AdfText {
    raw: Box<serde_json::value::RawValue>,
    #[cfg(feature = "ssr")]
    facts: std::sync::OnceLock<TextFacts>,
}

impl AdfText {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.raw.get()
    }
}

/// What the server derives from a document's text alone ([`Adf::text_facts`]): its hash under
/// a process's seed, and whether it may hold a `date` node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextFacts {
    seed: u64,
    /// The text's XXH3 hash under the seed.
    pub hash: u64,
    /// Whether the text may hold a `date` node.
    pub may_hold_dates: bool,
}

impl Adf {
    /// The JSON text.
    pub fn json(&self) -> &str {
        self.json.get()
    }

    /// The JSON text, shared (to keep it without the tree).
    pub fn shared_json(&self) -> std::sync::Arc<AdfText> {
        self.json.clone()
    }

    /// The facts of its text under `seed`: made the first time for this text, then kept with
    /// it (under a seed other than the first one's, made anew every time). It may hold a `date`
    /// node when its text as Jira sent it has `"date"`, or any escape (`\u0064` spells a `d`).
    #[cfg(feature = "ssr")]
    pub fn text_facts(&self, seed: u64) -> TextFacts {
        match self.json.facts.get() {
            Some(facts) if facts.seed == seed => *facts,
            _ => {
                let json = self.json();
                let facts = TextFacts {
                    seed,
                    hash: xxhash_rust::xxh3::xxh3_64_with_seed(json.as_bytes(), seed),
                    may_hold_dates: json.contains(r#""date""#) || json.contains(r"\u"),
                };
                let _ = self.json.facts.set(facts);
                facts
            }
        }
    }

    /// The tree, parsed on first use (JSON's `null` if the text does not parse as a tree: one
    /// nested too deep for the parser; it renders as content this app cannot show).
    pub fn tree(&self) -> &serde_json::Value {
        self.tree.get_or_init(|| {
            let tree = serde_json::from_str(self.json());
            #[cfg(feature = "ssr")]
            if let Err(error) = &tree {
                tracing::warn!(%error, "an ADF document that does not parse as a tree");
            }
            tree.unwrap_or_default()
        })
    }

    /// Whether its text is `json` (shared with it, or equal to it).
    pub fn has_text(&self, json: &std::sync::Arc<AdfText>) -> bool {
        std::sync::Arc::ptr_eq(&self.json, json) || self.json() == json.get()
    }

    /// The same text without its parsed tree, for keeping (a tree takes many times its text).
    pub fn without_tree(&self) -> Self {
        Self {
            json: self.json.clone(),
            tree: std::sync::Arc::default(),
        }
    }

    /// Whether its tree has been parsed.
    #[cfg(test)]
    pub fn has_tree(&self) -> bool {
        self.tree.get().is_some()
    }

    /// Whether it is JSON's `null` (Jira's "no description").
    pub fn is_null(&self) -> bool {
        self.json() == "null"
    }
}

impl From<Box<serde_json::value::RawValue>> for Adf {
    fn from(raw: Box<serde_json::value::RawValue>) -> Self {
        Self {
            json: std::sync::Arc::new(AdfText {
                raw,
                #[cfg(feature = "ssr")]
                facts: std::sync::OnceLock::new(),
            }),
            tree: std::sync::Arc::default(),
        }
    }
}

impl From<serde_json::Value> for Adf {
    fn from(tree: serde_json::Value) -> Self {
        let raw = serde_json::value::to_raw_value(&tree)
            .unwrap_or_else(|_| serde_json::value::RawValue::NULL.to_owned());
        Self {
            tree: std::sync::Arc::new(tree.into()),
            ..Self::from(raw)
        }
    }
}

impl PartialEq for Adf {
    fn eq(&self, other: &Self) -> bool {
        self.has_text(&other.json)
    }
}

impl Eq for Adf {}

impl std::fmt::Debug for Adf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.json())
    }
}

impl Serialize for Adf {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json.raw.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Adf {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<serde_json::value::RawValue>::deserialize(deserializer).map(Self::from)
    }
}

/// One comment as the issue page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    /// Comment id.
    pub id: String,
    /// Author.
    pub author: Person,
    /// When it was written.
    pub created: Option<Moment>,
    /// Body as ADF.
    pub body: Option<Adf>,
}

/// A page of an issue's comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPageView {
    /// Comments on this page.
    pub comments: Vec<CommentView>,
    /// Index of the first.
    pub start_at: u64,
    /// Comments in all.
    pub total: u64,
    /// Page size.
    pub page_size: u64,
    /// Links in these comments to issues on the person's sites, resolved (for a page other
    /// than the issue's first; the issue view carries the first page's).
    pub cards: Vec<IssueCard>,
}

/// One issue, as the issue page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueView {
    /// Issue key, as Jira returned it (it may differ in case or after a move).
    pub key: String,
    /// Summary line.
    pub summary: String,
    /// Status name.
    pub status: String,
    /// Status category.
    pub status_category: StatusCategory,
    /// Issue type name.
    pub issue_type: Option<String>,
    /// Priority name.
    pub priority: Option<String>,
    /// Assignee, if any.
    pub assignee: Option<Person>,
    /// Reporter, if any.
    pub reporter: Option<Person>,
    /// The description, an Atlassian Document Format tree.
    pub description: Option<Adf>,
    /// Labels.
    pub labels: Vec<String>,
    /// Component names.
    pub components: Vec<String>,
    /// Fix version names.
    pub fix_versions: Vec<String>,
    /// Parent, sub-tasks and linked issues.
    pub related: Vec<RelatedIssue>,
    /// Attachments.
    pub attachments: Vec<AttachmentInfo>,
    /// Links in the description and comments to issues on the person's sites, resolved.
    pub cards: Vec<IssueCard>,
    /// Creation.
    pub created: Option<Moment>,
    /// Last update.
    pub updated: Option<Moment>,
    /// Resolution.
    pub resolved: Option<Moment>,
    /// The site it lives on.
    pub site: Site,
    /// `{site url}/browse/{key}`.
    pub browse_url: String,
    /// The first page of comments, newest first (the page's default view of them).
    pub comments: CommentPageView,
    /// Set when this is the last copy the person was shown, not Jira's answer now.
    pub as_of: Option<AsOf>,
}

/// Why a view is the last copy the person was shown rather than fresh from Jira, and from when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsOf {
    /// When the copy was fetched, as the person reads the time (`14:02 CET`).
    pub at: String,
    /// Why it is shown (Jira's allowance for the app on the site is spent, or nearly); empty
    /// for a copy from the last few minutes, shown to spare the allowance.
    pub why: String,
}

/// One row of the dashboard's "assigned to you" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignedIssue {
    /// Issue key.
    pub key: String,
    /// Summary.
    pub summary: String,
    /// Status name.
    pub status: String,
    /// Status category, for the colour.
    pub status_category: StatusCategory,
    /// Issue type name.
    pub issue_type: Option<String>,
    /// Priority name.
    pub priority: Option<String>,
    /// Last update.
    pub updated: Option<Moment>,
}

/// A page of one site's "assigned to you" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignedPage {
    /// The issues, most recently updated first.
    pub issues: Vec<AssignedIssue>,
    /// Token for the next page, if there is one.
    pub next_page_token: Option<String>,
    /// Set when this is the last copy the person was shown, not Jira's answer now.
    pub as_of: Option<AsOf>,
}

/// One issue a search found, as its result row shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    /// Its key.
    pub key: String,
    /// Its summary.
    pub summary: String,
    /// Its status.
    pub status: String,
    /// The status's category.
    pub status_category: StatusCategory,
    /// Its type's name.
    pub issue_type: Option<String>,
    /// Who it is assigned to (`None`: nobody).
    pub assignee: Option<String>,
    /// When it was last updated.
    pub updated: Option<Moment>,
    /// The same, in Unix seconds (for merging sites' results in order).
    pub updated_secs: Option<i64>,
}

/// One page of what a search found on one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteHits {
    /// The issues, most recently updated first.
    pub hits: Vec<SearchHit>,
    /// Where the next page starts, if there is one.
    pub next_page_token: Option<String>,
}

/// What one site answered to a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteResults {
    /// The site.
    pub site: Site,
    /// Its results, or why there are none.
    pub result: Result<SiteHits, crate::AppError>,
}

/// An issue suggested while the person types.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The site it is on.
    pub cloud_id: Uuid,
    /// The site's name.
    pub site_name: String,
    /// Its key.
    pub key: String,
    /// Its summary.
    pub summary: String,
}

/// Where a search starts: the person's Jira sites, and what became of words that name an issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchStart {
    /// The person's Jira sites.
    pub sites: Vec<Site>,
    /// The page of the issue the words name (a key on one of the sites, or a browse link).
    pub open: Option<String>,
    /// A key the words name that no site has (or shows the person): searched as words instead.
    pub no_issue: Option<String>,
    /// Some sites could not say whether they have it (they failed, or took too long).
    pub unanswered: bool,
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_texts_facts_are_made_once_for_every_document_sharing_it() {
        let document = Adf::from(json!({ "type": "doc", "content": [] }));
        let copy = document.without_tree();
        assert!(document.json.facts.get().is_none());
        let facts = document.text_facts(1);
        assert_eq!(
            copy.json.facts.get(),
            Some(&facts),
            "made once for the text"
        );
        assert_eq!(copy.text_facts(1), facts);
        let under_another_seed = copy.text_facts(2);
        assert_ne!(under_another_seed.hash, facts.hash);
        assert_eq!(copy.json.facts.get(), Some(&facts), "the first seed's kept");
        let other = Adf::from(json!({ "type": "doc" }));
        assert_ne!(other.text_facts(1).hash, facts.hash);
        assert!(!facts.may_hold_dates);
        let dated = json!({ "type": "doc", "content": [{ "type": "date" }] });
        assert!(Adf::from(dated).text_facts(1).may_hold_dates);
        let escaped = r#"{"type":"\u0064ate"}"#;
        let escaped = Adf::from(serde_json::value::RawValue::from_string(escaped.into()).unwrap());
        assert!(escaped.text_facts(1).may_hold_dates);
    }
}
