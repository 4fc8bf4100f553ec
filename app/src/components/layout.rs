//! The frame of every page: skip link, sandbox banner, header with sign-out, main, and a footer
//! with the language control.

use crate::{
    i18n::{use_i18n, I18n, Lang, LanguageWords},
    models::Viewer,
    t,
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The "Sandbox" notice shown on every page in sandbox mode.
#[component]
pub fn SandboxBanner() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="sandbox-banner" role="note">
            <strong>{t!(i18n, "sandbox-notice-label")}</strong>
            " "
            {t!(i18n, "sandbox-notice")}
        </div>
    }
}

/// The page frame around `children`.
#[component]
pub fn Layout(
    /// The page content.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let viewer = use_context::<Resource<Result<Viewer, crate::AppError>>>();
    let header = {
        let i18n = i18n.clone();
        move || {
            let i18n = i18n.clone();
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
                                            <nav class="site-nav" aria-label=t!(i18n, "nav-label")>
                                                <a href="/dashboard">{t!(i18n, "nav-dashboard")}</a>
                                                <a href="/search">{t!(i18n, "nav-search")}</a>
                                            </nav>
                                            <SignOut words={i18n.kept::<SignOutWords>()} />
                                        }
                                    })}
                            </div>
                        </header>
                    }
                })
            })
        }
    };
    view! {
        <a class="skip-link" href="#main">
            {t!(i18n, "skip-to-content")}
        </a>
        <Suspense fallback=|| view! { <header><div class="site-header"></div></header> }>{header}</Suspense>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t!(i18n, "footer-note")}</p>
            <LanguageControl />
        </footer>
    }
}

/// The language control: a plain form that posts the choice to `/language` (kept in a cookie of
/// its own) and comes back to this page, so it works without JavaScript.
#[component]
pub fn LanguageControl() -> impl IntoView {
    let i18n = use_i18n();
    let current = i18n.lang();
    let location = use_location();
    let here = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location
            .search
            .with_untracked(|search| if search.is_empty() {
                String::new()
            } else {
                format!("?{search}")
            })
    );
    view! {
        <form class="language-control" method="post" action="/language">
            <label for="language">{t!(i18n, "language-label")}</label>
            <select id="language" name="lang">
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.tag() lang=lang.tag() selected=lang == current>
                                {lang.endonym()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <input type="hidden" name="return_to" value=here />
            <button type="submit" class="button button--small">
                {t!(i18n, "language-apply")}
            </button>
        </form>
    }
}

crate::island_words! {
    /// The words of the sign-out button.
    pub struct SignOutWords {
        /// The button.
        idle,
        /// The button once pressed.
        busy,
    }
}

impl LanguageWords for SignOutWords {
    fn make(i18n: &I18n) -> Self {
        Self {
            idle: t!(i18n, "sign-out"),
            busy: t!(i18n, "signing-out"),
        }
    }
}

/// The sign-out form (a real POST, so it works without JavaScript); an island for its pending
/// state.
#[island]
pub fn SignOut(
    /// Its words, in the person's language.
    words: SignOutWords,
) -> impl IntoView {
    let pending = RwSignal::new(false);
    let SignOutWords { idle, busy } = words;
    view! {
        <form method="post" action="/logout" on:submit=move |_| pending.set(true)>
            <button type="submit" class="button button--quiet" aria-busy=move || pending.get().to_string()>
                {move || if pending.get() { busy.clone() } else { idle.clone() }}
            </button>
        </form>
    }
}
