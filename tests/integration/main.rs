//! The integration suite, one test binary: each test starts the whole app in process against a
//! sandbox of its own (and a Redis where it says so) and talks to it over HTTP like a browser.
//! One binary rather than one per file: a single link of the app instead of nine.

mod common;

mod attachments;
mod attacks;
mod concurrency;
mod dashboard;
mod languages;
mod leaks;
mod oauth_flow;
mod pages;
mod production_behaviour;
mod rate_limits;
mod sandbox;
mod search;
mod shared_store;
mod token_lifecycle;
