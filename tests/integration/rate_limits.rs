//! Atlassian's 2026 rate limits, as a person meets them: a site whose hourly quota is spent is
//! said to be so, plainly and with its reset time, and is left alone until then (other sites
//! untouched), showing the person's last copy of what they ask for, if they have one; it comes
//! back when its window resets; a dashboard list is not asked for again for a few minutes (a
//! sixth of the window; half of it near the limit, when only the first site's list loads by
//! itself); a burst refusal with a short wait is waited out instead of shown; and with
//! `RATE_LIMITS=ignore` (a benchmark's baseline) none of this happens.

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
    let seen = app
        .get(&client, &format!("/sites/{ACME}/issues/ACME-5"))
        .await;
    assert_eq!(seen.status(), StatusCode::OK);

    app.sandbox.set_remaining(Some(acme()), 0);
    let path = format!("/sites/{ACME}/issues/ACME-2");
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

    let status = browser()
        .get(app.url("/status/rate-limits"))
        .send()
        .await
        .unwrap();
    assert_eq!(status.status(), StatusCode::OK, "no session needed");
    let body = status.text().await.unwrap();
    let figures: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(figures["spent"], 1, "{figures}");
    assert_eq!(figures["sites"], 2, "{figures}");
    assert!(figures["next_reset_in_secs"].as_u64().unwrap() > 0);
    assert!(
        !body.contains(ACME) && !body.contains(GLOBEX) && !body.contains("acme"),
        "counts only: {body}"
    );
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
    let warm = app
        .get(&client, &format!("/sites/{ACME}/issues/ACME-5"))
        .await;
    assert_eq!(warm.status(), StatusCode::OK);
    app.sandbox.set_limits(Limits {
        burst_per_second: 1,
        ..Limits::default()
    });
    let before = app.sandbox.api_requests();
    let keys = ["ACME-2", "ACME-3", "ACME-4"];
    for key in keys {
        let page = app
            .get(&client, &format!("/sites/{ACME}/issues/{key}"))
            .await;
        assert_eq!(
            page.status(),
            StatusCode::OK,
            "{key}: one issue a second, each view waits for the next"
        );
    }
    assert!(
        app.sandbox.api_requests() - before > keys.len() as u64,
        "at least one view was refused for the burst and asked again"
    );
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

#[tokio::test]
async fn a_spent_site_shows_the_persons_last_copy_and_says_from_when() {
    let app = spawn().await;
    let (alice, bob) = (browser(), browser());
    app.sign_in(&alice, ALICE).await;
    app.sign_in(&bob, BOB).await;
    let path = format!("/sites/{ACME}/issues/ACME-2");
    let fresh = app.get(&alice, &path).await.text().await.unwrap();
    assert!(!fresh.contains("data-testid=\"as-of\""));

    app.sandbox.set_remaining(Some(acme()), 0);
    let copy = app.get(&alice, &path).await;
    assert_eq!(
        copy.status(),
        StatusCode::OK,
        "the copy is a page, not an error"
    );
    let html = copy.text().await.unwrap().replace("&#x27;", "'");
    let notice = html
        .split("data-testid=\"as-of\"")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .map(|(_, text)| text)
        .expect("a notice that this is a copy");
    assert!(
        notice.starts_with("Jira's hourly allowance for this app on acme is used up; it resets at"),
        "{notice}"
    );
    assert!(notice.contains("Showing your copy from "), "{notice}");
    assert!(html.contains(">Refresh</a>"));
    assert!(html.contains("Comment 1 on"), "the copy is the whole issue");

    let not_seen = app
        .get(&alice, &format!("/sites/{ACME}/issues/ACME-3"))
        .await;
    assert_eq!(
        not_seen.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "no copy, no page"
    );
    let other_person = app.get(&bob, &path).await;
    assert_eq!(
        other_person.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "Alice's copy is never Bob's"
    );
}

/// The dashboard's list of site `cloud_id`, as its island asks for it.
async fn assigned(app: &TestApp, cookie: &str, refresh: bool) -> serde_json::Value {
    let response = app
        .server_fn(
            cookie,
            "assigned",
            format!("cloud_id={ACME}&refresh={refresh}"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.unwrap()
}

#[tokio::test]
async fn near_the_limit_a_list_is_not_asked_for_again_and_once_spent_the_copy_shows() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let fresh = assigned(&app, &cookie, false).await;
    assert!(fresh["as_of"].is_null());
    assert!(!fresh["issues"].as_array().unwrap().is_empty());

    app.sandbox.set_remaining(Some(acme()), 100);
    let near = assigned(&app, &cookie, true).await;
    assert!(
        near["as_of"].is_null(),
        "the answer that said it is near: {near}"
    );
    let before = app.sandbox.api_requests();
    let reused = assigned(&app, &cookie, false).await;
    assert_eq!(app.sandbox.api_requests(), before, "not asked for again");
    assert!(
        reused["as_of"]["why"]
            .as_str()
            .unwrap()
            .contains("nearly used up"),
        "{reused}"
    );
    assert_eq!(reused["issues"], fresh["issues"]);
    let refreshed = assigned(&app, &cookie, true).await;
    assert!(refreshed["as_of"].is_null(), "Refresh asks Jira");
    assert!(app.sandbox.api_requests() > before);

    app.sandbox.set_remaining(Some(acme()), 0);
    let spent = assigned(&app, &cookie, true).await;
    assert!(
        spent["as_of"]["why"]
            .as_str()
            .unwrap()
            .contains("is used up"),
        "{spent}"
    );
    let spent = assigned(&app, &cookie, false).await;
    assert!(
        spent["as_of"]["why"]
            .as_str()
            .unwrap()
            .contains("is used up"),
        "{spent}"
    );
    assert_eq!(spent["issues"], fresh["issues"]);
}

#[tokio::test]
async fn one_instances_429_keeps_the_others_from_asking() {
    let redis = Redis::start();
    let (upstream, mut listeners) = upstream_for(2).await;
    let url = redis.url();
    let vars = [("REDIS_URL", url.as_str())];
    let first = instance(&upstream, listeners.remove(0), &vars).await;
    let second = instance(&upstream, listeners.remove(0), &vars).await;
    let cookie = first.signed_in_cookie(ALICE).await;
    for app in [&first, &second] {
        let warm = app
            .get_with_cookie(&cookie, &format!("/sites/{ACME}/issues/ACME-5"))
            .await;
        assert_eq!(warm.status(), StatusCode::OK);
    }

    upstream.sandbox.set_remaining(Some(acme()), 0);
    let spent = first
        .get_with_cookie(&cookie, &format!("/sites/{ACME}/issues/ACME-2"))
        .await;
    assert_eq!(spent.status(), StatusCode::TOO_MANY_REQUESTS);
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let before = upstream.sandbox.api_requests();
    let told = second
        .get_with_cookie(&cookie, &format!("/sites/{ACME}/issues/ACME-3"))
        .await;
    assert_eq!(told.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        upstream.sandbox.api_requests(),
        before,
        "the second instance did not ask Jira: the first told it through Redis"
    );
    assert!(
        redis
            .keys()
            .iter()
            .any(|key| key.starts_with("jsa:quota:spent:")),
        "{:?}",
        redis.keys()
    );
}

#[tokio::test]
async fn identical_reads_by_one_person_at_once_go_to_jira_once() {
    use app::sandbox::faults::Faults;
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let path = format!("/sites/{ACME}/issues/ACME-2");
    assert_eq!(
        app.get_with_cookie(&cookie, &path).await.status(),
        StatusCode::OK
    );
    app.sandbox.set_faults(Faults {
        latency_ms: 300,
        path_contains: Some("issue/ACME-2".into()),
        ..Faults::default()
    });
    let before = app.sandbox.api_requests();
    let (first, second) = tokio::join!(
        app.get_with_cookie(&cookie, &path),
        app.get_with_cookie(&cookie, &path)
    );
    assert_eq!(
        (first.status(), second.status()),
        (StatusCode::OK, StatusCode::OK)
    );
    assert_eq!(
        app.sandbox.api_requests() - before,
        1,
        "two tabs loading one issue at once: one call"
    );
    let other = app.signed_in_cookie(BOB).await;
    let warm = app
        .get_with_cookie(&other, &format!("/sites/{ACME}/issues/ACME-5"))
        .await;
    assert_eq!(warm.status(), StatusCode::OK);
    let before = app.sandbox.api_requests();
    let (mine, theirs) = tokio::join!(
        app.get_with_cookie(&cookie, &path),
        app.get_with_cookie(&other, &path)
    );
    assert_eq!(
        (mine.status(), theirs.status()),
        (StatusCode::OK, StatusCode::OK)
    );
    assert_eq!(
        app.sandbox.api_requests() - before,
        2,
        "two people are never one flight"
    );
}

#[tokio::test]
async fn a_list_shown_minutes_ago_is_shown_again_saying_from_when_and_refresh_asks_jira() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    app.sandbox.set_limits(Limits {
        window_secs: 60,
        ..Limits::default()
    });
    let first = assigned(&app, &cookie, true).await;
    assert!(first["as_of"].is_null(), "{first}");
    let before = app.sandbox.api_requests();
    let again = assigned(&app, &cookie, false).await;
    assert_eq!(app.sandbox.api_requests(), before, "not asked for again");
    assert_eq!(again["issues"], first["issues"]);
    assert_eq!(again["as_of"]["why"], "", "no alarm: {again}");
    assert!(again["as_of"]["at"].as_str().unwrap().contains(':'));

    let refreshed = assigned(&app, &cookie, true).await;
    assert!(refreshed["as_of"].is_null(), "{refreshed}");
    assert!(app.sandbox.api_requests() > before, "Refresh asks Jira");

    // A sixth of a one-minute window: ten seconds.
    tokio::time::sleep(std::time::Duration::from_millis(10_500)).await;
    let before = app.sandbox.api_requests();
    let later = assigned(&app, &cookie, false).await;
    assert!(later["as_of"].is_null(), "{later}");
    assert!(
        app.sandbox.api_requests() > before,
        "an older copy is asked for again"
    );
}

#[tokio::test]
async fn near_the_limit_only_the_first_sites_list_loads_by_itself() {
    const INITECH: &str = "33333333-4444-4555-8666-777777777777";
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let dashboard = || async {
        get_with(&browser(), &app.url("/dashboard"), &cookie)
            .await
            .text()
            .await
            .unwrap()
    };
    // The button as rendered (the island's props carry its words for every state).
    let waiting = ">Show them</button>";
    assert!(
        !dashboard().await.contains(waiting),
        "not near: every list loads"
    );
    app.sandbox.set_remaining(None, 100);
    for site in [ACME, GLOBEX, INITECH] {
        let list = app
            .server_fn(&cookie, "assigned", format!("cloud_id={site}&refresh=true"))
            .send()
            .await
            .unwrap();
        assert_eq!(list.status(), StatusCode::OK, "{site}");
    }
    let html = dashboard().await;
    assert_eq!(
        html.matches(waiting).count(),
        2,
        "acme (first by name, no default chosen) loads; globex and initech wait"
    );
    assert!(html.contains("Show them"));
}

#[tokio::test]
async fn ignoring_the_limits_asks_a_spent_site_every_time_and_shows_jiras_refusal() {
    let app = spawn_with(&[("RATE_LIMITS", "ignore")]).await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let path = app.url(&format!("/sites/{ACME}/issues/ACME-2"));
    let client = browser();
    assert_eq!(
        get_with(&client, &path, &cookie).await.status(),
        StatusCode::OK
    );
    app.sandbox.set_remaining(Some(acme()), 0);
    for _ in 0..3 {
        let before = app.sandbox.api_requests();
        let page = get_with(&client, &path, &cookie).await;
        assert_eq!(page.status(), StatusCode::TOO_MANY_REQUESTS);
        assert!(app.sandbox.api_requests() > before, "sent regardless");
        let text = page.text().await.unwrap();
        assert!(!text.contains("Showing your copy"), "no copies either");
    }
    app.sandbox.set_remaining(Some(acme()), 65_000);
    let first = assigned(&app, &cookie, false).await;
    let before = app.sandbox.api_requests();
    let again = assigned(&app, &cookie, false).await;
    assert!(app.sandbox.api_requests() > before, "every list asked for");
    assert!(again["as_of"].is_null() && first["as_of"].is_null());
    let status: serde_json::Value = client
        .get(app.url("/status/rate-limits"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["respecting_limits"], false, "{status}");
}

#[tokio::test]
async fn ahead_of_its_pace_a_site_is_spared_and_a_list_says_why() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    // Three quarters spent, a quarter left: ahead of any pace of half the quota, not yet near
    // the limit (a fifth).
    app.sandbox.set_limits(Limits {
        points: 1_000,
        ..Limits::default()
    });
    app.sandbox.set_remaining(Some(acme()), 250);
    let fresh = assigned(&app, &cookie, true).await;
    assert!(fresh["as_of"].is_null(), "{fresh}");
    let before = app.sandbox.api_requests();
    let spared = assigned(&app, &cookie, false).await;
    assert_eq!(app.sandbox.api_requests(), before, "not asked for again");
    let why = spared["as_of"]["why"].as_str().unwrap();
    assert!(
        why.contains("Many people use this app on acme this hour")
            && why.contains("shown again for up to 30 minutes"),
        "{why}"
    );
}
