//! The frame of every page: skip link, sandbox banner, header with sign-out, main, footer.

use crate::models::Viewer;
use leptos::prelude::*;

/// The "Sandbox" notice shown on every page in sandbox mode.
#[component]
pub fn SandboxBanner() -> impl IntoView {
    view! {
        <div class="sandbox-banner" role="note">
            <strong>"Sandbox"</strong>
            " — this app talks to a built-in stand-in for Atlassian, not to Atlassian."
        </div>
    }
}

/// The page frame around `children`.
#[component]
pub fn Layout(
    /// The page content.
    children: Children,
) -> impl IntoView {
    let viewer = use_context::<Resource<Result<Viewer, crate::AppError>>>();
    let header = move || {
        viewer.map(|viewer| {
            Suspend::new(async move {
                let viewer = viewer.await.ok();
                let sandbox = viewer.as_ref().is_some_and(|v| v.sandbox);
                let signed_in = viewer.as_ref().is_some_and(|v| v.signed_in);
                view! {
                    <header>
                        {sandbox.then(|| view! { <SandboxBanner /> })}
                        <div class="site-header">
                            <a class="brand" href=if signed_in { "/dashboard" } else { "/" }>
                                <span class="brand-mark" aria-hidden="true"></span>
                                "Jira SSO"
                            </a>
                            {signed_in
                                .then(|| {
                                    view! {
                                        <nav class="site-nav" aria-label="Main">
                                            <a href="/dashboard">"Dashboard"</a>
                                            <a href="/search">"Search"</a>
                                        </nav>
                                        <SignOut />
                                    }
                                })}
                        </div>
                    </header>
                }
            })
        })
    };
    view! {
        <a class="skip-link" href="#main">
            "Skip to content"
        </a>
        <Suspense fallback=|| view! { <header><div class="site-header"></div></header> }>{header}</Suspense>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>"Read-only access to Jira through Atlassian's official API."</p>
        </footer>
    }
}

/// The sign-out form (a real POST, so it works without JavaScript); an island for its pending
/// state.
#[island]
pub fn SignOut() -> impl IntoView {
    let pending = RwSignal::new(false);
    view! {
        <form method="post" action="/logout" on:submit=move |_| pending.set(true)>
            <button type="submit" class="button button--quiet" aria-busy=move || pending.get().to_string()>
                {move || if pending.get() { "Signing out…" } else { "Sign out" }}
            </button>
        </form>
    }
}
