//! The app's own cookies besides the session's (pending sign-ins, the chosen language): how they
//! are named, set and read. Every one is HttpOnly, `SameSite=Lax`, for the whole site, and over
//! https `Secure` with the `__Host-` prefix, which binds it to this origin.

use axum::http::{header, HeaderMap, HeaderValue};
use tower_sessions::cookie::Cookie;

/// `name` as the app calls it over http or https (`__Host-` in front).
pub fn cookie_name(name: &str, https: bool) -> String {
    if https {
        format!("__Host-{name}")
    } else {
        name.to_owned()
    }
}

/// The `Set-Cookie` header for cookie `name` (already as [`cookie_name`] gives it) holding
/// `value` for `max_age` seconds (`0` removes it); `None` when the value cannot be a header.
pub fn set_cookie(name: &str, value: &str, max_age: u64, https: bool) -> Option<HeaderValue> {
    let secure = if https { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Max-Age={max_age}; Path=/; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

/// Every cookie the request carries, in order, across all its `Cookie` headers; a line with bytes
/// beyond ASCII (another app's cookie on the same host) is read with them replaced, not dropped.
pub fn carried(headers: &HeaderMap) -> impl Iterator<Item = Cookie<'static>> + '_ {
    headers
        .get_all(header::COOKIE)
        .iter()
        .flat_map(|line| Cookie::split_parse(String::from_utf8_lossy(line.as_bytes()).into_owned()))
        .filter_map(Result::ok)
}
