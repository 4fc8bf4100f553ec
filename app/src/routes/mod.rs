//! Pages and the application root: the HTML shell, the router, and one module per page.

mod dashboard;
mod issue;
mod login;
mod not_found;
mod search;

use crate::{
    components::{Layout, RedirectTo},
    error::AppError,
    models::title_text,
    return_to::encode_query_value,
    server::viewer::get_viewer,
};
use dashboard::DashboardPage;
use issue::IssuePage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    ParamSegment, SsrMode, StaticSegment,
};
use login::LoginPage;
use not_found::NotFound;
use search::SearchPage;

/// The HTML document the server renders around the app.
#[cfg(feature = "ssr")]
pub fn shell(
    options: LeptosOptions,
    bundle: std::sync::Arc<crate::web::bundle::Bundle>,
) -> impl IntoView {
    use crate::web::bundle::BundleTags;
    use leptos_meta::MetaTags;
    content_security_policy(&options);
    let lang = crate::i18n::use_i18n().lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.tag() dir=lang.dir()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <AutoReload options />
                <BundleTags bundle />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// A fresh nonce for this response's scripts, and the policy that allows only them.
#[cfg(feature = "ssr")]
fn content_security_policy(options: &LeptosOptions) {
    leptos::nonce::provide_nonce();
    // As `AutoReload` decides whether to add its script, and never in a production build.
    let live_reload = (options.env == leptos::config::Env::DEV)
        .then(|| std::env::var_os("LEPTOS_WATCH"))
        .flatten()
        .map(|_| options.reload_port);
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let policy = crate::web::csp::page_csp(&nonce.to_string(), live_reload);
        if let Ok(policy) = axum::http::HeaderValue::from_str(&policy) {
            response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, policy);
        }
    }
}

/// The application: who is viewing (for the frame), and the routes.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let viewer = Resource::new_blocking(|| (), |_| get_viewer());
    provide_context(viewer);

    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Title formatter=|page: String| format!("{} · Jira SSO", title_text(&page)) />
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=StaticSegment("") view=LoginPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("dashboard") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("search") view=SearchPage ssr=SsrMode::InOrder />
                    <Route
                        path=(
                            StaticSegment("sites"),
                            ParamSegment("cloud_id"),
                            StaticSegment("issues"),
                            ParamSegment("key"),
                        )
                        view=IssuePage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}

/// For errors whose way forward is signing in: a redirect to the login page that comes back to
/// `here` afterwards. `None` for every other error.
fn sign_in_redirect(error: &AppError, here: &str) -> Option<AnyView> {
    let notice = match error {
        AppError::NotSignedIn => "",
        AppError::ConnectionExpired => "notice=expired&",
        _ => return None,
    };
    let path = format!("/?{notice}return_to={}", encode_query_value(here));
    Some(view! { <RedirectTo path=path /> }.into_any())
}
