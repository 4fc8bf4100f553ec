//! `/`: the login page. A signed-in person goes straight on to the dashboard (or `return_to`).

use crate::{
    components::RedirectTo,
    error::AppError,
    models::Viewer,
    return_to::{encode_query_value, safe_return_to},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The login page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let viewer = expect_context::<Resource<Result<Viewer, AppError>>>();
    let query = use_query_map();
    let return_to = query.with_untracked(|q| q.get("return_to").and_then(|p| safe_return_to(&p)));
    let expired = query.with_untracked(|q| q.get("notice")).as_deref() == Some("expired");

    let content = move || {
        let return_to = return_to.clone();
        Suspend::new(async move {
            let viewer = viewer.await;
            if viewer.as_ref().is_ok_and(|v| v.signed_in) {
                let path = return_to.unwrap_or_else(|| "/dashboard".to_owned());
                return view! { <RedirectTo path=path /> }.into_any();
            }
            let href = match &return_to {
                Some(path) => format!("/initiate-oauth?return_to={}", encode_query_value(path)),
                None => "/initiate-oauth".to_owned(),
            };
            view! { <SignInCard href=href expired=expired /> }.into_any()
        })
    };

    view! {
        <Title text="Sign in" />
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>{content}</Suspense>
    }
}

#[component]
fn SignInCard(href: String, expired: bool) -> impl IntoView {
    view! {
        <section class="hero">
            {expired
                .then(|| {
                    view! {
                        <p class="notice" role="status">
                            {AppError::ConnectionExpired.to_string()}
                        </p>
                    }
                })}
            <h1>"Your Jira, one sign-in away"</h1>
            <p class="lede">
                "Sign in with your Atlassian account to see every site you use and open any issue. "
                "We ask Atlassian for read access only."
            </p>
            <SignInButton href />
            <ul class="facts">
                <li>"Your tokens stay on our server; your browser only holds a session cookie."</li>
                <li>"Every site you grant is shown, not just the first."</li>
                <li>"Sign out any time; the session is deleted on the server."</li>
            </ul>
        </section>
    }
}

/// "Sign in with Atlassian": a link to `href` (so it works without JavaScript), an island for
/// its pending state while the browser leaves for Atlassian.
#[island]
fn SignInButton(href: String) -> impl IntoView {
    let pending = RwSignal::new(false);
    view! {
        <a
            class="button button--primary button--large"
            href=href
            rel="external"
            on:click=move |_| pending.set(true)
            aria-busy=move || pending.get().to_string()
        >
            {move || if pending.get() { "Redirecting to Atlassian…" } else { "Sign in with Atlassian" }}
        </a>
    }
}
