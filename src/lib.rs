//! The browser entry point: makes the server-rendered page's islands interactive.

// Each island's hydration function is a WASM export of the `app` crate: naming the crate here is
// what links it (and them) into this module.
#[cfg(feature = "hydrate")]
use app as _;

/// Called by the loader once the WASM module has loaded; the loader then hydrates each
/// `<leptos-island>` on the page through the function the island exports.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
