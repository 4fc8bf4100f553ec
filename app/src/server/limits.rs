//! What one signed-in person may ask of Jira through the app in a short time, beyond the pages
//! they open: suggestions are asked as people type, so a script could ask for them in a loop and
//! spend the app's hourly allowance on every site, which all its users share. Counted per
//! sign-in and per instance (a person mostly stays on one: session affinity).

use crate::{clock::now, error::AppError};
use moka::sync::Cache;
use std::{
    sync::{Arc, Mutex, PoisonError},
    time::Duration,
};

/// Suggestions one person may ask for in a minute: more than anyone types for.
pub const SUGGESTIONS_PER_MINUTE: u32 = 40;

/// Per-person counts of suggestion requests, each over the minute it started in.
#[derive(Clone)]
pub struct PersonLimits {
    suggestions: Cache<String, Arc<Mutex<Window>>>,
}

#[derive(Default)]
struct Window {
    started: u64,
    count: u32,
}

impl Default for PersonLimits {
    fn default() -> Self {
        Self {
            suggestions: Cache::builder()
                .max_capacity(100_000)
                .time_to_idle(Duration::from_secs(120))
                .build(),
        }
    }
}

impl PersonLimits {
    /// Counts one request for suggestions by the sign-in `connection_id`; past
    /// [`SUGGESTIONS_PER_MINUTE`] it is refused with the seconds until the minute ends.
    pub fn suggestion(&self, connection_id: &str) -> Result<(), AppError> {
        let window = self
            .suggestions
            .get_with_by_ref(connection_id, Arc::default);
        let mut window = window.lock().unwrap_or_else(PoisonError::into_inner);
        let now = now();
        if now >= window.started + 60 {
            *window = Window {
                started: now,
                count: 0,
            };
        }
        if window.count >= SUGGESTIONS_PER_MINUTE {
            return Err(AppError::RateLimited {
                retry_after_secs: (window.started + 60).saturating_sub(now).max(1),
            });
        }
        window.count += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_gets_a_minutes_worth_and_another_person_their_own() {
        let limits = PersonLimits::default();
        for _ in 0..SUGGESTIONS_PER_MINUTE {
            assert!(limits.suggestion("a").is_ok());
        }
        assert!(matches!(
            limits.suggestion("a"),
            Err(AppError::RateLimited { retry_after_secs }) if (1..=60).contains(&retry_after_secs)
        ));
        assert!(limits.suggestion("b").is_ok());
    }
}
