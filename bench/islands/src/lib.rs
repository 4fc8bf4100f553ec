//! The app's interactive components, each as an island: the lookup form, one site's "assigned
//! to you" list with its paging, making a site the default, and the sign-out button's pending
//! state. Everything else (routes, the ADF renderer, the issue page) would render on the server
//! only and never reach the browser.

use app::{
    components::{assigned::AssignedIssues, layout::SignOut, lookup_form::LookupForm},
    models::Site,
    server::dashboard::SetDefaultSite,
};
use leptos::prelude::*;

/// The lookup form, with the props the dashboard passes it.
#[island]
fn LookupIsland(
    sites: Vec<Site>,
    site: Option<String>,
    key: Option<String>,
    missing: Option<String>,
) -> impl IntoView {
    view! { <LookupForm sites site key missing /> }
}

/// One site's list of assigned issues, loaded and paged in the browser.
#[island]
fn AssignedIsland(cloud_id: String, site_name: String) -> impl IntoView {
    view! { <AssignedIssues cloud_id site_name /> }
}

/// "Make default" for one site, through the server function.
#[island]
fn DefaultSiteIsland(cloud_id: String) -> impl IntoView {
    let make_default = ServerAction::<SetDefaultSite>::new();
    view! {
        <ActionForm action=make_default>
            <input type="hidden" name="cloud_id" value=cloud_id />
            <button type="submit" aria-busy=move || make_default.pending().get().to_string()>
                "Make default"
            </button>
        </ActionForm>
    }
}

/// The sign-out button and its pending state.
#[island]
fn SignOutIsland() -> impl IntoView {
    view! { <SignOut /> }
}

/// Called by the generated JavaScript: hydrates the islands on the page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
