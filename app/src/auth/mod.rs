//! Sign-in and who is signed in (server only): the OAuth callback's query, the typed session,
//! the Atlassian grant sealed at rest and refreshed once across instances, and the store that
//! keeps sessions, grants and locks (in memory, or in the Redis every instance shares).

pub mod callback;
pub mod cookies;
pub mod memory;
pub mod pending;
pub mod redis;
pub mod session;
pub mod store;
pub mod tokens;
pub mod vault;
