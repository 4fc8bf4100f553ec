//! `/`: the login page. A signed-in person goes straight on to the dashboard (or `return_to`).

use crate::{
    components::RedirectTo,
    error::AppError,
    i18n::{use_i18n, I18n, LanguageWords},
    models::Viewer,
    return_to::{encode_query_value, safe_return_to},
    t,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The login page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
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

    let loading = t!(i18n, "loading");
    view! {
        <Title text=t!(i18n, "login-title") />
        <Suspense fallback=move || view! { <p class="loading">{loading.clone()}</p> }>{content}</Suspense>
    }
}

#[component]
fn SignInCard(href: String, expired: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="hero">
            {expired
                .then(|| {
                    view! {
                        <p class="notice" role="status">
                            {AppError::ConnectionExpired.message(&i18n)}
                        </p>
                    }
                })}
            <h1>{t!(i18n, "login-heading")}</h1>
            <p class="lede">{t!(i18n, "login-lede")}</p>
            <SignInButton href words={i18n.kept::<SignInWords>()} />
            <ul class="facts">
                <li>{t!(i18n, "login-fact-tokens")}</li>
                <li>{t!(i18n, "login-fact-sites")}</li>
                <li>{t!(i18n, "login-fact-sign-out")}</li>
            </ul>
        </section>
    }
}

crate::island_words! {
    /// The words of the sign-in button.
    pub struct SignInWords {
        /// The button.
        idle,
        /// The button once pressed.
        busy,
    }
}

impl LanguageWords for SignInWords {
    fn make(i18n: &I18n) -> Self {
        Self {
            idle: t!(i18n, "sign-in-with-atlassian"),
            busy: t!(i18n, "redirecting-to-atlassian"),
        }
    }
}

/// "Sign in with Atlassian": a link to `href` (so it works without JavaScript), an island for
/// its pending state while the browser leaves for Atlassian.
#[island]
fn SignInButton(href: String, words: SignInWords) -> impl IntoView {
    let pending = RwSignal::new(false);
    let SignInWords { idle, busy } = words;
    view! {
        <a
            class="button button--primary button--large"
            href=href
            rel="external"
            on:click=move |_| pending.set(true)
            aria-busy=move || pending.get().to_string()
        >
            {move || if pending.get() { busy.clone() } else { idle.clone() }}
        </a>
    }
}
