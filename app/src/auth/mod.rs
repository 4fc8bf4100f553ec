//! Sign-in and who is signed in (server only): the OAuth callback's query, the typed session,
//! the Atlassian grant sealed at rest and refreshed once across instances, and the store that
//! keeps sessions, grants and locks.

pub mod callback;
pub mod memory;
pub mod pending;
pub mod session;
pub mod store;
pub mod tokens;
pub mod vault;
