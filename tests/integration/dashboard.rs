//! The dashboard's "assigned to you" lists: one server function per site, paged with Jira's
//! tokens, each site's failure its own, and only sites the person granted.

use crate::common::*;
use app::sandbox::faults::Faults;
use reqwest::StatusCode;
use serde_json::Value;

/// Calls server function `name` as the hydrated browser does, with a form body.
async fn call(app: &TestApp, cookie: &str, name: &str, body: String) -> (StatusCode, Value) {
    let response = reqwest::Client::new()
        .post(app.url(&format!("/api/{name}")))
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn assigned(app: &TestApp, cookie: &str, body: String) -> (StatusCode, Value) {
    call(app, cookie, "assigned", body).await
}

#[tokio::test]
async fn each_site_lists_the_open_issues_assigned_to_the_person_latest_first() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let (status, page) = assigned(&app, &cookie, format!("cloud_id={ACME}")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let keys: Vec<&str> = page["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|issue| issue["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["ACME-7", "ACME-1"],
        "Alice's open ACME issues, latest update first"
    );
    let first = &page["issues"][0];
    assert_ne!(first["status_category"], "Done");
    let updated = first["updated"]["iso"].as_str().unwrap();
    assert!(
        updated.ends_with("+01:00") || updated.ends_with("+02:00"),
        "in Alice's zone: {updated}"
    );
    assert!(page["next_page_token"].is_null(), "one page");

    // Jira's token is passed through as given: the sandbox's encodes an offset ("offset:1").
    let (_, rest) = assigned(
        &app,
        &cookie,
        format!("cloud_id={ACME}&next_page_token=b2Zmc2V0OjE"),
    )
    .await;
    assert_eq!(rest["issues"][0]["key"], "ACME-1");

    let bob = app.signed_in_cookie(BOB).await;
    let (_, bobs) = assigned(&app, &bob, format!("cloud_id={ACME}")).await;
    for issue in bobs["issues"].as_array().unwrap() {
        assert!(
            !keys.contains(&issue["key"].as_str().unwrap()),
            "Bob sees his own list"
        );
    }
}

#[tokio::test]
async fn one_failing_site_fails_alone_and_ungranted_sites_are_refused() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    app.sandbox.set_faults(Faults {
        status: Some(429),
        retry_after: Some(9),
        path_contains: Some(format!("{GLOBEX}/rest/api/3/search/jql")),
        ..Faults::default()
    });
    let (status, failed) = assigned(&app, &cookie, format!("cloud_id={GLOBEX}")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{failed}");
    let (status, fine) = assigned(&app, &cookie, format!("cloud_id={ACME}")).await;
    assert_eq!(status, StatusCode::OK, "{fine}");
    app.sandbox.set_faults(Faults::default());

    let bob = app.signed_in_cookie(BOB).await;
    let (status, _) = assigned(&app, &bob, format!("cloud_id={GLOBEX}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "Bob did not grant globex");
}

#[tokio::test]
async fn the_profile_and_sites_are_reused_for_a_few_minutes_and_refresh_asks_again() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let first = app.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(first.status(), StatusCode::OK);
    let html = first.text().await.unwrap();
    assert!(
        html.contains("Dates in Europe/Berlin · en-GB"),
        "zone and locale shown"
    );

    let before = app.sandbox.api_requests();
    let again = app.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(
        app.sandbox.api_requests() - before,
        0,
        "/me and the sites come from the cache"
    );

    let before = app.sandbox.api_requests();
    let refreshed = app.get_with_cookie(&cookie, "/dashboard?refresh=1").await;
    assert_eq!(refreshed.status(), StatusCode::OK);
    assert_eq!(
        app.sandbox.api_requests() - before,
        2,
        "refresh asks /me and accessible-resources again"
    );
}

#[tokio::test]
async fn without_javascript_make_default_posts_the_form_and_returns_to_the_dashboard() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let html = app.html_with_cookie(&cookie, "/dashboard").await;
    assert!(
        html.contains(r#"<form method="post" action="/api/default_site""#),
        "the island's form posts to the server function"
    );
    let response = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/api/default_site"))
        .header("cookie", &cookie)
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", app.url("/dashboard"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("cloud_id={GLOBEX}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = response.headers()["location"].to_str().unwrap();
    assert!(location.starts_with(&app.url("/dashboard")), "{location}");
    let html = app.html_with_cookie(&cookie, "/dashboard").await;
    assert!(
        html.contains("Make acme my default"),
        "globex is the default now"
    );
}

#[tokio::test]
async fn a_default_site_is_remembered_and_preselected_in_the_lookup_form() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let selected = |html: &str| {
        html.split("<option")
            .find(|option| option.contains(" selected"))
            .and_then(|option| option.split("value=\"").nth(1))
            .and_then(|rest| rest.split('"').next())
            .map(str::to_owned)
    };
    let html = app.html_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(
        selected(&html).as_deref(),
        Some(ACME),
        "the first site until one is chosen"
    );
    assert!(html.contains("Make globex my default"));

    let (status, _) = call(&app, &cookie, "default_site", format!("cloud_id={GLOBEX}")).await;
    assert_eq!(status, StatusCode::OK);
    let html = app.html_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(selected(&html).as_deref(), Some(GLOBEX));
    assert!(html.contains("Default site"));

    let bob = app.signed_in_cookie(BOB).await;
    let refused = reqwest::Client::new()
        .post(app.url("/api/default_site"))
        .header("cookie", &bob)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("cloud_id={GLOBEX}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        refused.status(),
        StatusCode::NOT_FOUND,
        "not one of Bob's sites"
    );
}

#[tokio::test]
async fn the_dashboard_lists_the_issues_opened_lately_newest_first_once_each() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let html = app.html_with_cookie(&cookie, "/dashboard").await;
    assert!(!html.contains("Recently viewed"), "nothing opened yet");
    for path in [
        format!("/sites/{ACME}/issues/ACME-2"),
        format!("/sites/{GLOBEX}/issues/GLX-1"),
        format!("/sites/{ACME}/issues/acme-2"),
        format!("/sites/{ACME}/issues/ACME-404"),
    ] {
        app.html_with_cookie(&cookie, &path).await;
    }
    let html = app.html_with_cookie(&cookie, "/dashboard").await;
    let recent = &html[html
        .find("Recently viewed")
        .expect("a recently viewed list")..];
    let recent = &recent[..recent.find("</section>").unwrap()];
    let acme = recent.find("/issues/ACME-2\"").expect("ACME-2 listed");
    let globex = recent.find("/issues/GLX-1\"").expect("GLX-1 listed");
    assert!(acme < globex, "most recent first: {recent}");
    assert_eq!(recent.matches("/issues/ACME-2\"").count(), 1, "once each");
    assert!(!recent.contains("ACME-404"), "only issues that opened");
    assert!(recent.contains("Add dark mode to the customer portal"));
    assert!(recent.contains("lozenge"), "with its status");
}
