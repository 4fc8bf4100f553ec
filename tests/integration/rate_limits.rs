//! Atlassian's 2026 rate limits, as a person meets them: a site whose hourly quota is spent is
//! said to be so, plainly and with its reset time, and is left alone until then (other sites
//! untouched); it comes back when its window resets; a burst refusal with a short wait is
//! waited out instead of shown.

use crate::common::*;
use app::sandbox::quota::Limits;
use reqwest::StatusCode;
use uuid::Uuid;

fn acme() -> Uuid {
    ACME.parse().unwrap()
}

#[tokio::test]
async fn a_spent_site_says_so_and_is_left_alone_while_others_answer() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    let path = format!("/sites/{ACME}/issues/ACME-2");
    assert_eq!(app.get(&client, &path).await.status(), StatusCode::OK);

    app.sandbox.set_remaining(Some(acme()), 0);
    let spent = app.get(&client, &path).await;
    assert_eq!(spent.status(), StatusCode::TOO_MANY_REQUESTS);
    let html = spent.text().await.unwrap().replace("&#x27;", "'");
    assert!(
        html.contains("Jira's hourly allowance for this app on acme is used up; it resets at"),
        "{html}"
    );

    let before = app.sandbox.api_requests();
    for key in ["ACME-2", "ACME-3"] {
        let again = app
            .get(&client, &format!("/sites/{ACME}/issues/{key}"))
            .await;
        assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    assert_eq!(
        app.sandbox.api_requests(),
        before,
        "nothing is sent to a spent site before its reset (the probe waits a minute)"
    );

    let other = app
        .get(&client, &format!("/sites/{GLOBEX}/issues/GLX-1"))
        .await;
    assert_eq!(other.status(), StatusCode::OK, "other sites are untouched");
}

#[tokio::test]
async fn a_spent_site_comes_back_when_its_window_resets() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    app.sandbox.set_limits(Limits {
        window_secs: 2,
        ..Limits::default()
    });
    app.sandbox.set_remaining(Some(acme()), 0);
    let path = format!("/sites/{ACME}/issues/ACME-2");
    assert_eq!(
        app.get(&client, &path).await.status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    tokio::time::sleep(std::time::Duration::from_millis(2_500)).await;
    assert_eq!(app.get(&client, &path).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_burst_refusal_with_a_short_wait_is_waited_out() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    app.sandbox.set_limits(Limits {
        burst_per_second: 1,
        ..Limits::default()
    });
    for key in ["ACME-2", "ACME-3", "ACME-4"] {
        let page = app
            .get(&client, &format!("/sites/{ACME}/issues/{key}"))
            .await;
        assert_eq!(
            page.status(),
            StatusCode::OK,
            "{key}: one issue a second, each view waits for the next"
        );
    }
}

#[tokio::test]
async fn a_burst_refusal_with_a_long_wait_is_shown_at_once() {
    use app::sandbox::faults::Faults;
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    let path = format!("/sites/{ACME}/issues/ACME-2");
    app.get(&client, &path).await.text().await.unwrap();
    for (retry_after, calls) in [(1, 2), (7, 1)] {
        app.sandbox.set_faults(Faults {
            status: Some(429),
            retry_after: Some(retry_after),
            path_contains: Some("issue/ACME-2".into()),
            ..Faults::default()
        });
        let before = app.sandbox.api_requests();
        let page = app.get(&client, &path).await;
        assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(
            app.sandbox.api_requests() - before,
            calls,
            "Retry-After {retry_after}: asked {calls} time(s)"
        );
    }
}
