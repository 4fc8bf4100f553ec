//! The person's language: from the Atlassian profile once signed in, else the browser's
//! `Accept-Language`, else English; the language control (a cookie of its own) overrides both; the
//! page's `lang` and `dir` follow, and so do its words and dates.

use crate::common::*;
use reqwest::{header, StatusCode};

const EMIL: &str = "64a1b2c3d4e5f60718293a4b";
const LAYLA: &str = "65b2c3d4e5f6071829304a5c";

/// The `<html …>` start tag of a page.
fn html_tag(page: &str) -> &str {
    let start = page.find("<html").expect("an html element");
    &page[start..start + page[start..].find('>').unwrap()]
}

/// The language control's form, posted as the browser would from one of the app's pages.
async fn choose(
    app: &TestApp,
    client: &reqwest::Client,
    lang: &str,
    return_to: &str,
) -> reqwest::Response {
    client
        .post(app.url("/language"))
        .header(header::ORIGIN, app.url(""))
        .form(&[("lang", lang), ("return_to", return_to)])
        .send()
        .await
        .unwrap()
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str, accept: &str) -> String {
    let response = client
        .get(app.url(path))
        .header(header::ACCEPT, "text/html")
        .header(header::ACCEPT_LANGUAGE, accept)
        .send()
        .await
        .unwrap();
    response.text().await.unwrap()
}

#[tokio::test]
async fn signed_out_pages_follow_the_browser_then_english() {
    let app = spawn().await;
    let client = browser();
    for (accept, lang, dir, heading) in [
        (
            "de-DE,de;q=0.9,en;q=0.5",
            "de",
            "ltr",
            "Ihr Jira – nur eine Anmeldung entfernt",
        ),
        ("ja", "ja", "ltr", "あなたの Jira へ、サインインひとつで"),
        (
            "ar-EG, en;q=0.1",
            "ar",
            "rtl",
            "Jira الخاص بك على بُعد تسجيل دخول واحد",
        ),
        (
            "fr-FR, es;q=0.8",
            "en",
            "ltr",
            "Your Jira, one sign-in away",
        ),
        ("", "en", "ltr", "Your Jira, one sign-in away"),
    ] {
        let html = page(&app, &client, "/", accept).await;
        assert_eq!(
            html_tag(&html),
            format!("<html lang=\"{lang}\" dir=\"{dir}\""),
            "{accept}"
        );
        assert!(html.contains(heading), "{accept}: {heading}");
    }
}

#[tokio::test]
async fn signed_in_pages_follow_the_atlassian_profile_over_the_browser() {
    let app = spawn().await;
    for (person, lang, dir, nav) in [
        (EMIL, "de", "ltr", ">Suche<"),
        (LAYLA, "ar", "rtl", ">البحث<"),
        (CAROL, "ja", "ltr", ">検索<"),
        (ALICE, "en", "ltr", ">Search<"),
    ] {
        let client = browser();
        app.sign_in(&client, person).await;
        // The browser asks for French: the profile's locale wins from the first page on.
        let html = page(&app, &client, "/dashboard", "fr").await;
        assert_eq!(
            html_tag(&html),
            format!("<html lang=\"{lang}\" dir=\"{dir}\""),
            "{person}"
        );
        assert!(html.contains(nav), "{person}: {nav}");
    }
}

#[tokio::test]
async fn the_language_control_overrides_profile_and_browser_without_javascript() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, EMIL).await;
    let chosen = choose(&app, &client, "ja", "/search?q=login").await;
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&chosen), "/search?q=login");
    let html = page(&app, &client, "/dashboard", "de").await;
    assert!(html_tag(&html).starts_with("<html lang=\"ja\""));
    assert!(
        html.contains("<option value=\"ja\" lang=\"ja\" selected"),
        "the control shows the choice"
    );

    let long = format!("/search?q={}", "x".repeat(3000));
    for (lang, return_to, expected) in [
        ("de", "https://evil.example/", "/"),
        ("de", "//evil.example/", "/"),
        ("de", long.as_str(), "/search"),
        ("ar", "", "/"),
    ] {
        let answer = choose(&app, &client, lang, return_to).await;
        assert_eq!(answer.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            location(&answer),
            expected,
            "{return_to}: never off this site"
        );
    }
    let refused = choose(&app, &client, "xx", "/").await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let html = page(&app, &client, "/dashboard", "de").await;
    assert!(
        html_tag(&html).starts_with("<html lang=\"ar\" dir=\"rtl\""),
        "an unknown language changes nothing"
    );
}

#[tokio::test]
async fn choosing_a_language_stores_nothing_on_the_server_and_outlives_sign_out() {
    let app = spawn().await;
    let client = browser();
    let chosen = choose(&app, &client, "de", "/").await;
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);
    let cookies: Vec<&str> = chosen
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .collect();
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    assert!(cookies[0].starts_with("jsa-lang=de;"), "{cookies:?}");
    assert!(cookies[0].contains("HttpOnly") && cookies[0].contains("SameSite=Lax"));
    // No session: an anonymous client choosing languages in a loop grows nothing.
    let html = page(&app, &client, "/", "ja").await;
    assert!(
        html_tag(&html).starts_with("<html lang=\"de\""),
        "the choice over the browser"
    );

    app.sign_in(&client, ALICE).await;
    assert!(
        html_tag(&page(&app, &client, "/dashboard", "en").await).starts_with("<html lang=\"de\"")
    );
    let out = client.post(app.url("/logout")).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert!(
        html_tag(&page(&app, &client, "/", "en").await).starts_with("<html lang=\"de\""),
        "after sign-out too"
    );

    for form in [&[("lang", "")][..], &[("return_to", "/")][..]] {
        let refused = client
            .post(app.url("/language"))
            .form(form)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{form:?}");
    }
    let not_a_form = client
        .post(app.url("/language"))
        .body("lang=de")
        .send()
        .await
        .unwrap();
    assert_eq!(
        not_a_form.status(),
        StatusCode::BAD_REQUEST,
        "no form content type"
    );
}

#[tokio::test]
async fn a_cross_site_language_change_is_refused_in_the_browser_s_language() {
    let app = spawn().await;
    let client = browser();
    let refused = client
        .post(app.url("/language"))
        .header(header::ORIGIN, "https://evil.example")
        .header(header::ACCEPT_LANGUAGE, "de")
        .form(&[("lang", "ar"), ("return_to", "/")])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let html = refused.text().await.unwrap();
    assert!(html_tag(&html).starts_with("<html lang=\"de\""));
    assert!(
        html.contains("Anfrage abgelehnt"),
        "the problem page speaks German"
    );
}

#[tokio::test]
async fn dates_follow_the_language_and_the_zone() {
    let app = spawn().await;
    let path = format!("/sites/{ACME}/issues/ACME-1");
    for (person, ago) in [(EMIL, "vor "), (LAYLA, "قبل "), (ALICE, " ago")] {
        let client = browser();
        app.sign_in(&client, person).await;
        let html = app.get(&client, &path).await.text().await.unwrap();
        assert!(
            html.contains(ago),
            "{person}: relative times in their language"
        );
    }
}

#[tokio::test]
async fn a_list_shown_again_within_minutes_is_reused_only_in_its_own_language() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let assigned = |cookie: String| {
        let request = app.server_fn(
            &cookie,
            "assigned",
            format!("cloud_id={ACME}&refresh=false"),
        );
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            response.json::<serde_json::Value>().await.unwrap()
        }
    };
    let first = assigned(cookie.clone()).await;
    assert!(first["as_of"].is_null(), "{first}");
    let again = assigned(cookie.clone()).await;
    assert!(
        !again["as_of"].is_null(),
        "the copy from a moment ago: {again}"
    );
    let german = assigned(format!("{cookie}; jsa-lang=de")).await;
    assert!(german["as_of"].is_null(), "read anew in German: {german}");
    let updated = german["issues"][0]["updated"]["relative"].as_str().unwrap();
    assert!(updated.starts_with("vor "), "{updated}");
}

/// A copy shown because the site's allowance is spent writes its dates as the page around it
/// does: in the language the person reads now, and relative to now, not to when it was read.
#[tokio::test]
async fn a_copy_writes_its_dates_in_the_language_read_now() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    let path = format!("/sites/{ACME}/issues/ACME-2");
    let english = app.get(&client, &path).await.text().await.unwrap();
    assert!(english.contains(" ago<"), "relative times in English");

    app.sandbox.set_remaining(Some(ACME.parse().unwrap()), 0);
    let chosen = choose(&app, &client, "de", "/").await;
    assert_eq!(chosen.status(), StatusCode::SEE_OTHER);
    let copy = app.get(&client, &path).await.text().await.unwrap();
    assert!(copy.contains("data-testid=\"as-of\""), "the copy is shown");
    assert!(copy.contains(" · vor "), "relative times in German: {copy}");
    assert!(!copy.contains(" ago<"), "no English date left");
}
