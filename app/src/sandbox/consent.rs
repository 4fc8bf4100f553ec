//! What an authorization request asks for: the scopes the sandbox knows, with the words
//! Atlassian's consent screen uses for them, and a request that passed validation.

/// Scopes the sandbox knows, with the words Atlassian's consent screen uses for them.
pub const KNOWN_SCOPES: &[(&str, &str)] = &[
    ("read:me", "View your profile information"),
    ("read:account", "View your account information"),
    ("read:jira-user", "View user profiles in Jira"),
    ("read:jira-work", "View Jira issue data"),
    ("write:jira-work", "Create and manage issues"),
    ("manage:jira-project", "Manage project settings"),
    ("manage:jira-configuration", "Manage Jira global settings"),
    ("manage:jira-webhook", "Manage Jira webhooks"),
    (
        "manage:jira-data-provider",
        "Manage development and release information",
    ),
    (
        "offline_access",
        "Keep access to what you've shared (refresh tokens)",
    ),
];

/// A validated authorization request.
pub struct AuthorizeRequest {
    /// The scopes asked for, each known.
    pub scopes: Vec<String>,
    /// The registered callback the code goes to.
    pub redirect_uri: String,
    /// The client's `state`, returned unchanged.
    pub state: String,
    /// The PKCE (RFC 7636) S256 challenge, when the client sent one.
    pub code_challenge: Option<String>,
}
