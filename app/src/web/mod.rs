//! The HTTP surface (server only): the router, the plain handlers the browser is redirected
//! through, the response policy every answer passes, the bundle's tags and the log format.

pub mod bundle;
pub mod csp;
pub mod files;
pub mod handlers;
pub mod http;
pub mod logging;
pub mod problem;
pub mod router;
