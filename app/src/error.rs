//! The one error type of the application: returned by server functions, shown by pages, mapped to
//! an HTTP status. Its messages are written for the person using the app, never for a log.

use crate::i18n::{Arg, I18n};
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// Everything that can go wrong, in the words a person should read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No Atlassian connection in this session.
    #[error("You are not signed in.")]
    NotSignedIn,
    /// The refresh token is gone or was rejected: the person has to consent again.
    #[error("Your Atlassian connection has expired — sign in again.")]
    ConnectionExpired,
    /// The grant lacks scopes the app needs (empty when Atlassian did not say which).
    #[error("{}", missing_scopes_message(.0))]
    MissingScopes(Vec<String>),
    /// The OAuth `state` was missing, did not match this browser's sign-in, or was already used.
    #[error("This sign-in link is not valid for this browser, or it was already used. Start again from the sign-in page.")]
    InvalidState,
    /// The callback carried neither a code nor an error.
    #[error(
        "Atlassian sent us back without an authorization code. Start again from the sign-in page."
    )]
    MissingCode,
    /// The person declined on Atlassian's consent screen.
    #[error("Access was not granted, so we can't show your Jira sites. You can try again whenever you like.")]
    AccessDenied,
    /// Atlassian refused the authorization (any `error` other than `access_denied`, or a failed exchange).
    /// Atlassian's reason, empty when it gave none.
    #[error(
        "Atlassian could not complete the sign-in: {}",
        if .0.is_empty() { "it gave no reason." } else { .0 }
    )]
    AuthorizationFailed(String),
    /// Atlassian did not accept the authorization code (it may have expired).
    #[error("Atlassian could not complete the sign-in: the authorization code was not accepted (it may have expired). Please sign in again.")]
    CodeNotAccepted,
    /// The text is not an issue key.
    #[error("“{0}” is not an issue key. Issue keys look like ABC-123.")]
    InvalidIssueKey(String),
    /// The cloud id is not among the sites this person granted.
    #[error("That site is not one of the sites you granted access to.")]
    SiteNotGranted,
    /// Jira answered 404: the issue does not exist or is hidden from this person (Jira can't say which).
    #[error("{0} was not found, or you don't have access to it.")]
    IssueNotFound(String),
    /// Jira answered 403.
    #[error("Jira says you don't have permission to see this.")]
    Forbidden,
    /// Jira answered 429.
    #[error("Jira is limiting requests right now. Try again in {retry_after_secs} s.")]
    RateLimited {
        /// Seconds from `Retry-After`.
        retry_after_secs: u64,
    },
    /// The app's hourly allowance of Jira calls on a site is spent (Atlassian's rate limits):
    /// nothing is asked of that site until it resets.
    #[error(
        "Jira's hourly allowance for this app on {site} is used up; it resets at {resets_at}."
    )]
    QuotaSpent {
        /// The site's name.
        site: String,
        /// When it resets, as the person reads the time (`14:00 CET`).
        resets_at: String,
    },
    /// Atlassian answered with a server error or something we could not read.
    #[error("Atlassian answered with an error. Try again in a moment.")]
    UpstreamFailed,
    /// Atlassian could not be reached.
    #[error("Atlassian can't be reached right now. Try again in a moment.")]
    UpstreamUnavailable,
    /// Atlassian did not answer in time.
    #[error("Atlassian took too long to answer. Try again in a moment.")]
    UpstreamTimeout,
    /// The session store is down.
    #[error("Sign-in is temporarily unavailable. Try again in a moment.")]
    SessionUnavailable,
    /// A state-changing request a browser sent from another site (cross-site request forgery).
    #[error("This request came from another website, so it was refused. Open this app and try again from here.")]
    CrossSiteRequest,
    /// A page that does not exist.
    #[error("There is no page at this address.")]
    PageNotFound,
    /// A bug or an unexpected condition on our side; the detail is in the server log.
    #[error("Something went wrong on our side. Try again, and tell us if it keeps happening.")]
    Internal,
    /// Another request has been renewing this person's Atlassian connection for longer than a
    /// request waits (it is slow, or its instance died mid-way); nothing is known to be wrong.
    #[error("Your connection to Atlassian is being renewed by another request, which is taking a while. Try again in a moment.")]
    RenewalPending,
    /// Atlassian answered with more than the server reads from one answer.
    #[error("Atlassian's answer was larger than this app accepts, so it was not shown. Try again; if it keeps happening, tell us.")]
    UpstreamTooLarge,
    /// An attachment larger than the app passes on.
    #[error(
        "This file is {size_mb} MB; files up to {limit_mb} MB open here. Open it in Jira instead."
    )]
    FileTooLarge {
        /// The file's size, in MB (rounded up).
        size_mb: u64,
        /// The most the app passes on, in MB.
        limit_mb: u64,
    },
    /// Jira refused to run a search, in its own words (a JQL error, an unbounded query).
    #[error("{}", search_refused_message(.0))]
    SearchRefused(Vec<String>),
    /// A server function was called with arguments that are missing or cannot be read (a
    /// cloud id that is not a UUID, say): the caller's mistake, not the network's.
    #[error("This request is missing something or has a value that can't be read.")]
    InvalidRequest,
    /// The server function call itself failed (network, encoding).
    #[error("We couldn't reach the server. Check your connection and try again.")]
    ServerFn(ServerFnErrorErr),
    /// An error as a server function told it to the browser: the error, and its sentence in the
    /// person's language, which islands (which carry no catalogue) show as it is.
    #[error("{message}")]
    Said {
        /// The error.
        error: Box<AppError>,
        /// Its sentence in the person's language.
        message: String,
    },
}

fn search_refused_message(messages: &[String]) -> String {
    if messages.is_empty() {
        "Jira could not run this search.".to_owned()
    } else {
        format!("Jira could not run this search: {}", messages.join(" "))
    }
}

fn missing_scopes_message(scopes: &[String]) -> String {
    if scopes.is_empty() {
        "Atlassian says this app lacks a permission it needs. Connect again to grant it.".to_owned()
    } else {
        format!(
            "This app needs a permission you haven't granted: {}. Connect again to grant it.",
            scopes.join(", ")
        )
    }
}

impl AppError {
    /// The error itself, whether or not it was told in words.
    pub fn kind(&self) -> &AppError {
        match self {
            Self::Said { error, .. } => error.kind(),
            other => other,
        }
    }

    /// The error with its sentence in the person's language, for the browser.
    pub fn said(self, i18n: &I18n) -> Self {
        let error = Box::new(self.kind().clone());
        let message = error.message(i18n);
        Self::Said { error, message }
    }

    /// What an island shows for an error: the sentence the server said in the person's language,
    /// or `unreachable` (the island's word for it) for one the browser made itself (the server
    /// was not reached, or its answer could not be read).
    pub fn said_or(&self, unreachable: &str) -> String {
        match self {
            Self::Said { message, .. } => message.clone(),
            _ => unreachable.to_owned(),
        }
    }

    /// The HTTP status a page or response showing this error answers with.
    pub fn status(&self) -> u16 {
        match self.kind() {
            Self::NotSignedIn | Self::ConnectionExpired => 401,
            Self::InvalidState
            | Self::MissingCode
            | Self::AuthorizationFailed(_)
            | Self::CodeNotAccepted
            | Self::InvalidIssueKey(_)
            | Self::SearchRefused(_)
            | Self::InvalidRequest => 400,
            Self::AccessDenied
            | Self::Forbidden
            | Self::MissingScopes(_)
            | Self::CrossSiteRequest => 403,
            Self::SiteNotGranted | Self::IssueNotFound(_) | Self::PageNotFound => 404,
            Self::RateLimited { .. } | Self::QuotaSpent { .. } => 429,
            Self::UpstreamFailed
            | Self::UpstreamTooLarge
            | Self::FileTooLarge { .. }
            | Self::ServerFn(_) => 502,
            Self::UpstreamUnavailable | Self::SessionUnavailable | Self::RenewalPending => 503,
            Self::UpstreamTimeout => 504,
            Self::Internal => 500,
            Self::Said { error, .. } => error.status(),
        }
    }

    /// The name of this error's messages in the catalogue: `error-<name>` is the sentence,
    /// `error-<name>-title` the heading.
    pub fn message_name(&self) -> &'static str {
        match self.kind() {
            Self::NotSignedIn => "not-signed-in",
            Self::ConnectionExpired => "connection-expired",
            Self::MissingScopes(_) => "missing-scopes",
            Self::InvalidState => "invalid-state",
            Self::MissingCode => "missing-code",
            Self::AccessDenied => "access-denied",
            Self::AuthorizationFailed(detail) if detail.is_empty() => {
                "authorization-failed-no-reason"
            }
            Self::AuthorizationFailed(_) => "authorization-failed",
            Self::CodeNotAccepted => "code-not-accepted",
            Self::InvalidIssueKey(_) => "invalid-issue-key",
            Self::SiteNotGranted => "site-not-granted",
            Self::IssueNotFound(_) => "issue-not-found",
            Self::Forbidden => "forbidden",
            Self::RateLimited { .. } => "rate-limited",
            Self::QuotaSpent { .. } => "quota-spent",
            Self::UpstreamFailed => "upstream-failed",
            Self::UpstreamUnavailable => "upstream-unavailable",
            Self::UpstreamTimeout => "upstream-timeout",
            Self::SessionUnavailable => "session-unavailable",
            Self::CrossSiteRequest => "cross-site-request",
            Self::PageNotFound => "page-not-found",
            Self::Internal => "internal",
            Self::RenewalPending => "renewal-pending",
            Self::UpstreamTooLarge => "upstream-too-large",
            Self::FileTooLarge { .. } => "file-too-large",
            Self::SearchRefused(_) => "search-refused",
            Self::InvalidRequest => "invalid-request",
            Self::ServerFn(_) | Self::Said { .. } => "server-fn",
        }
    }

    /// The heading for an error page, in the person's language.
    pub fn heading(&self, i18n: &I18n) -> String {
        i18n.text(&format!("error-{}-title", self.message_name()), &[])
    }

    /// The sentence that explains the error, in the person's language.
    pub fn message(&self, i18n: &I18n) -> String {
        let id = format!("error-{}", self.message_name());
        match self {
            Self::Said { message, .. } => message.clone(),
            Self::MissingScopes(scopes) => {
                let listed = scopes.join(", ");
                i18n.text(
                    &id,
                    &[
                        ("count", Arg::from(scopes.len())),
                        ("scopes", Arg::from(&listed)),
                    ],
                )
            }
            Self::AuthorizationFailed(detail) => i18n.text(&id, &[("detail", Arg::from(detail))]),
            Self::InvalidIssueKey(text) => i18n.text(&id, &[("text", Arg::from(text))]),
            Self::IssueNotFound(key) => i18n.text(&id, &[("key", Arg::from(key))]),
            Self::RateLimited { retry_after_secs } => {
                i18n.text(&id, &[("seconds", Arg::from(*retry_after_secs))])
            }
            Self::QuotaSpent { site, resets_at } => i18n.text(
                &id,
                &[("site", Arg::from(site)), ("time", Arg::from(resets_at))],
            ),
            Self::FileTooLarge { size_mb, limit_mb } => i18n.text(
                &id,
                &[
                    ("size", Arg::from(*size_mb)),
                    ("limit", Arg::from(*limit_mb)),
                ],
            ),
            Self::SearchRefused(messages) => {
                let details = messages.join(" ");
                i18n.text(
                    &id,
                    &[
                        ("count", Arg::from(messages.len())),
                        ("details", Arg::from(&details)),
                    ],
                )
            }
            _ => i18n.text(&id, &[]),
        }
    }

    /// Whether trying the same thing again later can succeed.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind(),
            Self::RateLimited { .. }
                | Self::QuotaSpent { .. }
                | Self::UpstreamFailed
                | Self::UpstreamUnavailable
                | Self::UpstreamTimeout
                | Self::SessionUnavailable
                | Self::RenewalPending
                | Self::ServerFn(_)
        )
    }

    /// Whether the way forward is to sign in (again).
    pub fn needs_sign_in(&self) -> bool {
        matches!(
            self.kind(),
            Self::NotSignedIn
                | Self::ConnectionExpired
                | Self::MissingScopes(_)
                | Self::InvalidState
                | Self::MissingCode
                | Self::AccessDenied
                | Self::AuthorizationFailed(_)
                | Self::CodeNotAccepted
        )
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // Raised on the server while decoding a call's arguments.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => Self::InvalidRequest,
            other => Self::ServerFn(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_the_contract() {
        assert_eq!(AppError::InvalidIssueKey("x".into()).status(), 400);
        assert_eq!(AppError::InvalidState.status(), 400);
        assert_eq!(
            AppError::from_server_fn_error(ServerFnErrorErr::Args("cloud_id".into())).status(),
            400
        );
        assert_eq!(AppError::IssueNotFound("A-1".into()).status(), 404);
        assert_eq!(AppError::SiteNotGranted.status(), 404);
        assert_eq!(
            AppError::RateLimited {
                retry_after_secs: 3
            }
            .status(),
            429
        );
        assert_eq!(AppError::UpstreamFailed.status(), 502);
        assert_eq!(AppError::UpstreamUnavailable.status(), 503);
        assert_eq!(AppError::UpstreamTimeout.status(), 504);
    }

    #[test]
    fn round_trips_through_the_wire_encoding() {
        let error = AppError::RateLimited {
            retry_after_secs: 7,
        };
        let bytes = error.ser();
        assert_eq!(AppError::de(bytes), error);
    }

    /// One of each kind of error.
    #[cfg(feature = "ssr")]
    fn every_kind() -> Vec<AppError> {
        vec![
            AppError::NotSignedIn,
            AppError::ConnectionExpired,
            AppError::MissingScopes(vec!["read:jira-work".into()]),
            AppError::MissingScopes(Vec::new()),
            AppError::InvalidState,
            AppError::MissingCode,
            AppError::AccessDenied,
            AppError::AuthorizationFailed("invalid_grant".into()),
            AppError::AuthorizationFailed(String::new()),
            AppError::CodeNotAccepted,
            AppError::InvalidIssueKey("x y".into()),
            AppError::SiteNotGranted,
            AppError::IssueNotFound("ACME-9".into()),
            AppError::Forbidden,
            AppError::RateLimited {
                retry_after_secs: 1200,
            },
            AppError::QuotaSpent {
                site: "Acme".into(),
                resets_at: "14:00".into(),
            },
            AppError::UpstreamFailed,
            AppError::UpstreamUnavailable,
            AppError::UpstreamTimeout,
            AppError::SessionUnavailable,
            AppError::CrossSiteRequest,
            AppError::PageNotFound,
            AppError::Internal,
            AppError::RenewalPending,
            AppError::UpstreamTooLarge,
            AppError::FileTooLarge {
                size_mb: 1500,
                limit_mb: 100,
            },
            AppError::SearchRefused(vec!["Field 'x' does not exist.".into()]),
            AppError::SearchRefused(Vec::new()),
            AppError::InvalidRequest,
            AppError::ServerFn(ServerFnErrorErr::Request("offline".into())),
        ]
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn every_error_reads_in_every_language_and_english_matches_its_display() {
        use crate::i18n::{Catalogue, Lang};
        let catalogue = std::sync::Arc::new(Catalogue::load().unwrap());
        for lang in Lang::ALL {
            let i18n = catalogue.words(lang);
            for error in every_kind() {
                let (heading, message) = (error.heading(&i18n), error.message(&i18n));
                for text in [&heading, &message] {
                    assert!(
                        !text.starts_with("error-") && !text.contains('{') && !text.is_empty(),
                        "{lang:?} {error:?}: {text}"
                    );
                }
                if lang == Lang::En {
                    let message = message.replace("1,200", "1200").replace("1,500", "1500");
                    assert_eq!(
                        message,
                        error.to_string(),
                        "Display is the English sentence"
                    );
                }
            }
        }
        let said = AppError::IssueNotFound("ACME-9".into()).said(&catalogue.words(Lang::De));
        assert_eq!(
            said.to_string(),
            "ACME-9 wurde nicht gefunden, oder Sie haben keinen Zugriff darauf."
        );
        assert_eq!(said.status(), 404);
        assert_eq!(AppError::de(said.ser()), said, "the words cross the wire");
    }

    #[test]
    fn messages_are_plain_words() {
        let message = AppError::RateLimited {
            retry_after_secs: 12,
        }
        .to_string();
        assert_eq!(
            message,
            "Jira is limiting requests right now. Try again in 12 s."
        );
    }
}
