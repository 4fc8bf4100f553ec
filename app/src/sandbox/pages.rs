//! The sandbox's own HTML: Atlassian's consent screen and its error page, rendered once on the
//! server (no hydration, no script).

use super::{
    consent::{AuthorizeRequest, KNOWN_SCOPES},
    data, RegisteredApp,
};
use leptos::prelude::*;

const STYLE: &str = "
:root{color-scheme:light dark;font-family:system-ui,sans-serif;--accent:#0c66e4;--line:#8590a2}
body{margin:0;background:Canvas;color:CanvasText}
main{max-width:32rem;margin:3rem auto;padding:2rem;border:1px solid var(--line);border-radius:12px}
.tag{display:inline-block;font-size:.75rem;font-weight:700;letter-spacing:.05em;text-transform:uppercase;
  background:#fff0b3;color:#172b4d;padding:.2rem .5rem;border-radius:4px}
fieldset{border:1px solid var(--line);border-radius:8px;margin:1rem 0}
label{display:block;padding:.3rem 0}
.actions{display:flex;gap:.75rem;justify-content:flex-end;margin-top:1.5rem}
button{font:inherit;padding:.6rem 1.2rem;border-radius:6px;border:1px solid var(--line);background:Canvas;color:CanvasText;cursor:pointer}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
button:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
";

fn document(title: &str, body: impl IntoView + 'static) -> String {
    let title = title.to_owned();
    let html = Owner::new().with(move || {
        view! {
            <html lang="en">
                <head>
                    <meta charset="utf-8" />
                    <meta name="viewport" content="width=device-width, initial-scale=1" />
                    <title>{title}</title>
                    <link rel="icon" href="data:," />
                    <style>{STYLE}</style>
                </head>
                <body>
                    <main>
                        <p>
                            <span class="tag">"Atlassian sandbox"</span>
                        </p>
                        {body}
                    </main>
                </body>
            </html>
        }
        .to_html()
    });
    format!("<!DOCTYPE html>{html}")
}

/// The page for an authorization request the sandbox refuses.
pub fn error_page(message: &str) -> String {
    let message = message.to_owned();
    document(
        "Something went wrong",
        view! {
            <h1>"Something went wrong"</h1>
            <p>{message}</p>
        },
    )
}

/// The consent screen: which app, which scopes, which account, Accept or Decline.
pub fn consent_page(app: &RegisteredApp, request: &AuthorizeRequest, client_id: &str) -> String {
    let scopes: Vec<(String, String)> = request
        .scopes
        .iter()
        .map(|scope| {
            let words = KNOWN_SCOPES
                .iter()
                .find(|(known, _)| known == scope)
                .map_or("", |(_, words)| words);
            (scope.clone(), words.to_owned())
        })
        .collect();
    let pkce = request.code_challenge.iter().flat_map(|challenge| {
        [
            ("code_challenge", challenge.clone()),
            ("code_challenge_method", "S256".to_owned()),
        ]
    });
    let hidden = [
        ("audience", "api.atlassian.com".to_owned()),
        ("client_id", client_id.to_owned()),
        ("scope", request.scopes.join(" ")),
        ("redirect_uri", request.redirect_uri.clone()),
        ("state", request.state.clone()),
        ("response_type", "code".to_owned()),
        ("prompt", "consent".to_owned()),
    ]
    .into_iter()
    .chain(pkce)
    .collect::<Vec<_>>();
    let app_name = app.name.clone();
    let heading = format!("{app_name} is requesting access to your Atlassian account");
    document(
        "Authorize app",
        view! {
            <h1>{heading}</h1>
            <form method="post">
                {hidden
                    .into_iter()
                    .map(|(name, value)| view! { <input type="hidden" name=name value=value /> })
                    .collect_view()}
                <fieldset>
                    <legend>"Sign in as"</legend>
                    {data::USERS
                        .iter()
                        .enumerate()
                        .map(|(index, user)| {
                            let sites = data::SITES
                                .iter()
                                .filter(|s| user.sites.contains(&s.id))
                                .map(|s| s.name)
                                .collect::<Vec<_>>();
                            let sites = if sites.is_empty() {
                                "no sites".to_owned()
                            } else {
                                sites.join(", ")
                            };
                            view! {
                                <label>
                                    <input
                                        type="radio"
                                        name="account_id"
                                        value=user.account_id
                                        checked=index == 0
                                    />
                                    {format!(" {} — {}", user.name, sites)}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <h2>"It wants to"</h2>
                <ul>
                    {scopes
                        .into_iter()
                        .map(|(scope, words)| view! { <li>{words} " (" <code>{scope}</code> ")"</li> })
                        .collect_view()}
                </ul>
                <p>"Access is granted to all the sites of the account you choose."</p>
                <div class="actions">
                    <button type="submit" name="decision" value="decline">
                        "Decline"
                    </button>
                    <button type="submit" name="decision" value="accept" class="primary">
                        "Accept"
                    </button>
                </div>
            </form>
        },
    )
}
