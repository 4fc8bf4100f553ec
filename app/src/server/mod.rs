//! Server functions: what pages ask the server for. Each runs on the server (directly during
//! server rendering, over HTTP from the browser afterwards) and returns view models or an `AppError`.

pub mod dashboard;
pub mod issues;
pub mod viewer;

#[cfg(feature = "ssr")]
pub mod connection;
#[cfg(feature = "ssr")]
pub mod search;
