//! Any `/oauth/callback` query: reading it never panics, a code is only ever handed over with a
//! matching state and no error, and without a matching state nothing of the query is shown.
#![no_main]

use app::{auth::callback::CallbackQuery, AppError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    let Ok(parsed) = CallbackQuery::parse(query) else {
        return;
    };
    assert_eq!(
        parsed.clone().code_to_exchange(false),
        Err(AppError::InvalidState)
    );
    match parsed.clone().code_to_exchange(true) {
        Ok(code) => {
            assert!(parsed.error.is_none());
            assert_eq!(parsed.code.as_deref(), Some(code.as_str()));
            assert!(!code.is_empty());
        }
        Err(AppError::AccessDenied) => assert_eq!(parsed.error.as_deref(), Some("access_denied")),
        Err(AppError::AuthorizationFailed(_)) => assert!(parsed.error.is_some()),
        Err(AppError::MissingCode) => assert!(parsed.error.is_none()),
        Err(other) => panic!("unexpected {other:?}"),
    }
});
