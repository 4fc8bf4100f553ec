//! Atlassian's wire format, as documented: only the fields the app reads, each optional where
//! Atlassian may leave it out. Kept apart from the view models so a change upstream is one edit.

use serde::Deserialize;

/// `POST /oauth/token` success body. `token_type` is not in Atlassian's examples, so it is not read.
#[derive(Debug, Deserialize)]
pub struct TokenResponse {
    /// Bearer token for api.atlassian.com.
    pub access_token: String,
    /// Lifetime in seconds.
    pub expires_in: u64,
    /// Space-separated granted scopes.
    #[serde(default)]
    pub scope: String,
    /// Present when `offline_access` was granted; single use (rotating).
    pub refresh_token: Option<String>,
}

/// An OAuth error body (`{"error": ..., "error_description": ...}`).
#[derive(Debug, Deserialize)]
pub struct OAuthErrorBody {
    /// Machine-readable code such as `invalid_grant`.
    pub error: String,
    /// Human-readable text.
    #[serde(default)]
    pub error_description: Option<String>,
}

/// `GET /me` (User Identity API).
#[derive(Debug, Deserialize)]
pub struct Me {
    /// Account id.
    pub account_id: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Nickname, used when `name` is hidden.
    #[serde(default)]
    pub nickname: Option<String>,
    /// E-mail, hidden by some privacy settings.
    #[serde(default)]
    pub email: Option<String>,
    /// Avatar URL.
    #[serde(default)]
    pub picture: Option<String>,
    /// `active`, `inactive` or `closed`.
    #[serde(default)]
    pub account_status: Option<String>,
    /// IANA time zone, such as `Europe/Berlin`.
    #[serde(default)]
    pub zoneinfo: Option<String>,
    /// Locale, such as `en-GB`.
    #[serde(default)]
    pub locale: Option<String>,
}

/// One entry of `GET /oauth/token/accessible-resources`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessibleResource {
    /// Cloud id.
    pub id: String,
    /// Site name.
    pub name: String,
    /// Site URL.
    pub url: String,
    /// Scopes granted for the site.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Site avatar.
    #[serde(default)]
    pub avatar_url: Option<String>,
}

/// `GET /rest/api/3/issue/{key}` (IssueBean), with the fields the viewer asks for.
#[derive(Debug, Clone, Deserialize)]
pub struct Issue {
    /// Issue key (after a move, the new key).
    pub key: String,
    /// Requested fields.
    pub fields: IssueFields,
}

impl Issue {
    /// A copy whose documents (description, comments) share their text but not a tree parsed
    /// from it: a copy kept for later never keeps what one view parsed (a tree takes many times
    /// its text), and a view of it never parses into what is kept.
    pub fn unshared(&self) -> Self {
        let mut copy = self.clone();
        let fields = &mut copy.fields;
        let comments = fields
            .comment
            .iter_mut()
            .flat_map(|page| &mut page.comments);
        let documents = fields
            .description
            .iter_mut()
            .chain(comments.filter_map(|comment| comment.body.as_mut()));
        for document in documents {
            *document = document.without_tree();
        }
        copy
    }
}

/// The `fields` object of an issue.
#[derive(Debug, Clone, Deserialize)]
pub struct IssueFields {
    /// Summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<Status>,
    /// Issue type.
    #[serde(default)]
    pub issuetype: Option<Named>,
    /// Priority.
    #[serde(default)]
    pub priority: Option<Named>,
    /// Assignee (null when unassigned).
    #[serde(default)]
    pub assignee: Option<User>,
    /// Reporter.
    #[serde(default)]
    pub reporter: Option<User>,
    /// Description as an Atlassian Document Format document.
    #[serde(default)]
    pub description: Option<crate::models::Adf>,
    /// Labels.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Components.
    #[serde(default)]
    pub components: Vec<Named>,
    /// Fix versions.
    #[serde(default, rename = "fixVersions")]
    pub fix_versions: Vec<Named>,
    /// The parent issue (epic or parent of a sub-task).
    #[serde(default)]
    pub parent: Option<IssueRef>,
    /// Sub-tasks.
    #[serde(default)]
    pub subtasks: Vec<IssueRef>,
    /// Links to other issues.
    #[serde(default)]
    pub issuelinks: Vec<IssueLink>,
    /// Attachments' metadata.
    #[serde(default)]
    pub attachment: Vec<Attachment>,
    /// Creation time (`2026-10-02T09:14:03.512+0000`).
    #[serde(default)]
    pub created: Option<String>,
    /// Last update time.
    #[serde(default)]
    pub updated: Option<String>,
    /// Resolution time.
    #[serde(default)]
    pub resolutiondate: Option<String>,
    /// The comments, oldest first, as the `comment` field embeds them (a PageOfComments).
    #[serde(default)]
    pub comment: Option<CommentPage>,
}

/// Another issue as Jira embeds it (parent, sub-task, link target).
#[derive(Debug, Clone, Deserialize)]
pub struct IssueRef {
    /// Key.
    pub key: String,
    /// The few fields Jira includes.
    #[serde(default)]
    pub fields: Option<IssueRefFields>,
}

/// Fields of an embedded issue.
#[derive(Debug, Clone, Deserialize)]
pub struct IssueRefFields {
    /// Summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Status.
    #[serde(default)]
    pub status: Option<Status>,
}

/// A link between issues; exactly one of the two ends is present.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueLink {
    /// The link type with its two phrasings.
    #[serde(rename = "type")]
    pub link_type: LinkType,
    /// The other issue, when this one is the outward end's subject ("blocks").
    #[serde(default)]
    pub outward_issue: Option<IssueRef>,
    /// The other issue, when this one is the inward end's subject ("is blocked by").
    #[serde(default)]
    pub inward_issue: Option<IssueRef>,
}

/// A link type.
#[derive(Debug, Clone, Deserialize)]
pub struct LinkType {
    /// "is blocked by".
    #[serde(default)]
    pub inward: String,
    /// "blocks".
    #[serde(default)]
    pub outward: String,
}

/// An attachment's metadata.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// The attachment id (digits, as a string).
    #[serde(default)]
    pub id: String,
    /// File name.
    pub filename: String,
    /// Who attached it.
    #[serde(default)]
    pub author: Option<User>,
    /// When (Jira's timestamp).
    #[serde(default)]
    pub created: Option<String>,
    /// Whether Jira offers a thumbnail (images).
    #[serde(default)]
    pub thumbnail: Option<String>,
    /// Size in bytes.
    #[serde(default)]
    pub size: u64,
    /// MIME type.
    #[serde(default)]
    pub mime_type: Option<String>,
}

/// A status with its category.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    /// Status name.
    pub name: String,
    /// Status category.
    #[serde(default)]
    pub status_category: Option<StatusCategory>,
}

/// A status category (`new`, `indeterminate`, `done`).
#[derive(Debug, Clone, Deserialize)]
pub struct StatusCategory {
    /// Category key.
    pub key: String,
}

/// Anything with a name (issue type, priority).
#[derive(Debug, Clone, Deserialize)]
pub struct Named {
    /// Name.
    pub name: String,
}

/// A Jira user as embedded in issue fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// The avatar's URL in the size shown.
    #[serde(default)]
    pub avatar_urls: Option<AvatarUrls>,
}

/// A user's `avatarUrls`: the one size shown (Jira also sends `16x16`, `24x24` and `32x32`,
/// skipped unread).
#[derive(Debug, Clone, Deserialize)]
pub struct AvatarUrls {
    /// The 48×48 picture.
    #[serde(rename = "48x48", default)]
    pub large: Option<String>,
}

/// Jira's ErrorCollection.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorCollection {
    /// General messages.
    #[serde(default)]
    pub error_messages: Vec<String>,
}

/// `GET /rest/api/3/issue/{key}/comment` (PageOfComments).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommentPage {
    /// Index of the first comment returned.
    #[serde(default)]
    pub start_at: u64,
    /// Comments on the issue in all.
    #[serde(default)]
    pub total: u64,
    /// This page.
    #[serde(default)]
    pub comments: Vec<Comment>,
}

/// One comment.
#[derive(Debug, Clone, Deserialize)]
pub struct Comment {
    /// Comment id.
    pub id: String,
    /// Author (absent for deleted users).
    #[serde(default)]
    pub author: Option<User>,
    /// Body as ADF.
    #[serde(default)]
    pub body: Option<crate::models::Adf>,
    /// Creation time.
    #[serde(default)]
    pub created: Option<String>,
}

/// A page of `GET /rest/api/3/search/jql` (enhanced search: token paging, no total).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchPage {
    /// The issues, with the fields asked for.
    #[serde(default)]
    pub issues: Vec<Issue>,
    /// Where the next page starts; absent on the last page.
    #[serde(default)]
    pub next_page_token: Option<String>,
}

/// The answer of `GET /rest/api/3/issue/picker`.
#[derive(Debug, Deserialize)]
pub struct PickerSuggestions {
    /// "History Search" (`hs`), then "Current Search" (`cs`).
    #[serde(default)]
    pub sections: Vec<PickerSection>,
}

/// One section of the issue picker's answer (`hs`, then `cs`).
#[derive(Debug, Deserialize)]
pub struct PickerSection {
    /// The suggested issues.
    #[serde(default)]
    pub issues: Vec<SuggestedIssue>,
}

/// An issue the picker suggests (`summary` is HTML; the plain text is `summaryText`).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuggestedIssue {
    /// The key.
    pub key: String,
    /// The summary as plain text.
    #[serde(default)]
    pub summary_text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_keeps_the_48_pixel_avatar_of_those_jira_sends() {
        let user: User = serde_json::from_str(
            r#"{"displayName": "Alice", "avatarUrls": {"16x16": "https://a/16",
                "24x24": "https://a/24", "32x32": "https://a/32", "48x48": "https://a/48"}}"#,
        )
        .unwrap();
        assert_eq!(
            user.avatar_urls.and_then(|urls| urls.large).as_deref(),
            Some("https://a/48")
        );
        let without: User =
            serde_json::from_str(r#"{"avatarUrls": {"16x16": "https://a/16"}}"#).unwrap();
        assert!(without.avatar_urls.unwrap().large.is_none());
    }
}
