//! The Content-Security-Policy values: one for a page whose scripts carry a nonce, one for a page
//! that runs no script at all.

/// The Content-Security-Policy of a server-rendered page whose scripts carry `nonce`. Under
/// `cargo leptos watch` (`live_reload`: its websocket's port) the page may also connect to the
/// live-reload websocket; nothing else ever sets it.
pub fn page_csp(nonce: &str, live_reload: Option<u32>) -> String {
    let reload = live_reload
        .map(|port| format!(" ws://127.0.0.1:{port} ws://localhost:{port}"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: https:; connect-src 'self'{reload}; \
         font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The Content-Security-Policy of a page without any script.
pub const SCRIPTLESS_CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; \
     img-src 'self' data: https:; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";
