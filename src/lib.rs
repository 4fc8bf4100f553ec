//! The browser entry point: hydrates the server-rendered page.

/// Called by the generated JavaScript once the WASM module has loaded.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
