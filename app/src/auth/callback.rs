//! The OAuth callback's query and what it means (server only). Anyone can send a browser to
//! `/oauth/callback` with any query, so reading it is kept pure and fuzzed: a repeated parameter
//! is refused rather than guessed at, and nothing the query says is shown unless its `state`
//! matched this browser's sign-in.

use crate::error::AppError;

/// The parameters of a callback (RFC 6749 §4.1.2), each at most once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CallbackQuery {
    /// The authorization code.
    pub code: Option<String>,
    /// The `state` sent with the authorization request, echoed back.
    pub state: Option<String>,
    /// An OAuth error code such as `access_denied`.
    pub error: Option<String>,
    /// Atlassian's human-readable text for `error`.
    pub error_description: Option<String>,
}

impl CallbackQuery {
    /// Reads a raw query string (without `?`). Unknown parameters are ignored; a known one given
    /// twice is a malformed callback.
    pub fn parse(query: &str) -> Result<Self, AppError> {
        let mut parsed = Self::default();
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let slot = match name.as_ref() {
                "code" => &mut parsed.code,
                "state" => &mut parsed.state,
                "error" => &mut parsed.error,
                "error_description" => &mut parsed.error_description,
                _ => continue,
            };
            if slot.replace(value.into_owned()).is_some() {
                return Err(AppError::InvalidState);
            }
        }
        Ok(parsed)
    }

    /// The authorization code to exchange, given whether `state` matched this browser's pending
    /// sign-in; otherwise the error to show. An `error` wins over a `code` sent with it.
    pub fn code_to_exchange(self, state_matched: bool) -> Result<String, AppError> {
        if !state_matched {
            return Err(AppError::InvalidState);
        }
        if let Some(error) = self.error {
            return Err(match error.as_str() {
                "access_denied" => AppError::AccessDenied,
                _ => AppError::AuthorizationFailed(
                    self.error_description
                        .filter(|d| !d.trim().is_empty())
                        .or(Some(error).filter(|e| !e.trim().is_empty()))
                        .unwrap_or_default(),
                ),
            });
        }
        self.code
            .filter(|c| !c.is_empty())
            .ok_or(AppError::MissingCode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_code_or_an_error() {
        let query = CallbackQuery::parse("code=a%2Bb&state=s&extra=1").unwrap();
        assert_eq!(query.code.as_deref(), Some("a+b"));
        assert_eq!(query.clone().code_to_exchange(true).unwrap(), "a+b");
        assert_eq!(query.code_to_exchange(false), Err(AppError::InvalidState));
        let denied = CallbackQuery::parse("error=access_denied&code=c&state=s").unwrap();
        assert_eq!(denied.code_to_exchange(true), Err(AppError::AccessDenied));
    }

    #[test]
    fn an_empty_error_still_says_something() {
        let query = CallbackQuery::parse("error=&state=s").unwrap();
        assert_eq!(
            query.code_to_exchange(true).unwrap_err().to_string(),
            "Atlassian could not complete the sign-in: it gave no reason."
        );
    }

    #[test]
    fn a_repeated_parameter_is_refused() {
        for query in [
            "code=a&code=b",
            "state=a&state=a",
            "error=x&error=access_denied",
        ] {
            assert_eq!(
                CallbackQuery::parse(query),
                Err(AppError::InvalidState),
                "{query}"
            );
        }
    }

    #[test]
    fn without_a_matching_state_no_text_of_the_query_is_shown() {
        let query = CallbackQuery::parse("error=server_error&error_description=Call+us").unwrap();
        let error = query.code_to_exchange(false).unwrap_err();
        assert!(!error.to_string().contains("Call us"));
    }
}
