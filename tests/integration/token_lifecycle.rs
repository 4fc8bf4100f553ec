//! Sign-in that holds up: refresh on expiry and on 401, exactly one refresh however many requests
//! and instances notice at once, dead grants, sessions in Redis across restarts and secret
//! rotation, Redis outages, tokens sealed at rest, and missing scopes.

use crate::common::*;
use app::sandbox::Lifetimes;
use futures::future::join_all;
use reqwest::StatusCode;

fn short_lived() -> Lifetimes {
    Lifetimes {
        access_token_secs: 30,
        ..Lifetimes::default()
    }
}

#[tokio::test]
async fn an_access_token_near_expiry_is_refreshed_once_per_page_view() {
    let app = spawn().await;
    app.sandbox.set_lifetimes(short_lived());
    let cookie = app.signed_in_cookie(ALICE).await;
    assert_eq!(app.sandbox.refresh_requests(), 0);
    app.sandbox.set_lifetimes(Lifetimes::default());
    let dashboard = app.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(dashboard.status(), StatusCode::OK);
    assert_eq!(
        app.sandbox.refresh_requests(),
        1,
        "the 30 s token was due: refreshed once, though the dashboard makes two calls"
    );
    let before = app.sandbox.refresh_requests();
    let page = app
        .get_with_cookie(&cookie, &format!("/sites/{ACME}/issues/ACME-1"))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    assert_eq!(
        app.sandbox.refresh_requests(),
        before,
        "a fresh token is not refreshed"
    );
}

#[tokio::test]
async fn a_401_from_the_api_refreshes_and_retries_without_the_person_noticing() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    assert_eq!(app.sandbox.refresh_requests(), 0);
    app.sandbox.expire_access_tokens();
    let page = app.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Alice Adams"));
    assert_eq!(
        app.sandbox.refresh_requests(),
        1,
        "two concurrent 401s, one refresh"
    );
    let again = app.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(
        app.sandbox.refresh_requests(),
        1,
        "the rotated pair was stored"
    );
}

#[tokio::test]
async fn fifty_concurrent_requests_in_one_process_cause_one_refresh() {
    let app = spawn().await;
    app.sandbox.set_lifetimes(short_lived());
    let cookie = app.signed_in_cookie(ALICE).await;
    app.sandbox.set_lifetimes(Lifetimes::default());
    app.sandbox.expire_access_tokens();
    let before = app.sandbox.refresh_requests();
    let responses = join_all((0..50).map(|_| app.get_with_cookie(&cookie, "/dashboard"))).await;
    assert!(responses.iter().all(|r| r.status() == StatusCode::OK));
    assert_eq!(app.sandbox.refresh_requests() - before, 1);
}

#[tokio::test]
async fn two_instances_sharing_redis_refresh_once_and_serve_the_same_person() {
    let redis = Redis::start();
    let (upstream, mut listeners) = upstream_for(2).await;
    let url = redis.url();
    let b = instance(&upstream, listeners.pop().unwrap(), &[("REDIS_URL", &url)]).await;
    let a = instance(&upstream, listeners.pop().unwrap(), &[("REDIS_URL", &url)]).await;
    upstream.sandbox.set_lifetimes(short_lived());
    let cookie = a.signed_in_cookie(ALICE).await;
    upstream.sandbox.set_lifetimes(Lifetimes::default());
    upstream.sandbox.expire_access_tokens();
    let before = upstream.sandbox.refresh_requests();

    let requests = (0..50).map(|i| {
        let (app, path) = if i % 2 == 0 {
            (&a, "/dashboard")
        } else {
            (
                &b,
                "/sites/11111111-2222-4333-8444-555555555555/issues/ACME-2",
            )
        };
        app.get_with_cookie(&cookie, path)
    });
    let responses = join_all(requests).await;
    let statuses: Vec<StatusCode> = responses.iter().map(|r| r.status()).collect();
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert_eq!(
        upstream.sandbox.refresh_requests() - before,
        1,
        "exactly one refresh across both instances"
    );
}

#[tokio::test]
async fn with_redis_a_session_survives_a_restart_and_tokens_are_sealed_at_rest() {
    let redis = Redis::start();
    let (upstream, mut listeners) = upstream_for(2).await;
    let url = redis.url();
    let first = instance(&upstream, listeners.remove(0), &[("REDIS_URL", &url)]).await;
    let cookie = first.signed_in_cookie(BOB).await;
    drop(first);

    let restarted = instance(&upstream, listeners.remove(0), &[("REDIS_URL", &url)]).await;
    let page = restarted.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Bob Brown"));

    let stored = redis.dump();
    assert!(!stored.is_empty());
    for value in &stored {
        assert!(
            !value.contains("sbx_at_") && !value.contains("sbx_rt_"),
            "a token in the clear: {value}"
        );
    }
}

#[tokio::test]
async fn a_rotated_session_secret_still_opens_old_grants_while_kept_as_previous() {
    let redis = Redis::start();
    let (upstream, mut listeners) = upstream_for(3).await;
    let url = redis.url();
    let old = instance(&upstream, listeners.remove(0), &[("REDIS_URL", &url)]).await;
    let cookie = old.signed_in_cookie(ALICE).await;
    drop(old);

    let new_secret = "a brand new session secret, also 32+ bytes";
    let rotating = instance(
        &upstream,
        listeners.remove(0),
        &[
            ("REDIS_URL", &url),
            ("SESSION_SECRET", new_secret),
            ("SESSION_SECRET_PREVIOUS", SECRET),
        ],
    )
    .await;
    assert_eq!(
        rotating
            .get_with_cookie(&cookie, "/dashboard")
            .await
            .status(),
        StatusCode::OK
    );
    drop(rotating);

    let forgetful = instance(
        &upstream,
        listeners.remove(0),
        &[("REDIS_URL", &url), ("SESSION_SECRET", new_secret)],
    )
    .await;
    let page = forgetful.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(
        page.status(),
        StatusCode::FOUND,
        "a grant no key opens means signing in again"
    );
}

#[tokio::test]
async fn a_revoked_grant_purges_the_tokens_and_asks_to_sign_in_again() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    app.sandbox.revoke_grants();
    app.sandbox.expire_access_tokens();
    let path = format!("/sites/{ACME}/issues/ACME-1");
    let response = app.get_with_cookie(&cookie, &path).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let login = location(&response);
    assert_eq!(
        login,
        format!("/?notice=expired&return_to=%2Fsites%2F{ACME}%2Fissues%2FACME-1")
    );
    let page = app.get_with_cookie(&cookie, &login).await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("Your Atlassian connection has expired — sign in again."));
    let refreshes = app.sandbox.refresh_requests();
    let again = app.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(again.status(), StatusCode::FOUND);
    assert_eq!(
        app.sandbox.refresh_requests(),
        refreshes,
        "purged: the dead refresh token is not tried again"
    );
}

#[tokio::test]
async fn without_offline_access_an_expired_token_means_signing_in_again() {
    let app = spawn_with(&[("ATLASSIAN_SCOPES", "read:me read:jira-user read:jira-work")]).await;
    let cookie = app.signed_in_cookie(BOB).await;
    app.sandbox.expire_access_tokens();
    let response = app.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location(&response).starts_with("/?notice=expired"));
    assert_eq!(app.sandbox.refresh_requests(), 0);
}

#[tokio::test]
async fn a_missing_scope_is_named_with_a_way_to_consent_again() {
    let redis = Redis::start();
    let (upstream, mut listeners) = upstream_for(2).await;
    let url = redis.url();
    let narrow = instance(
        &upstream,
        listeners.remove(0),
        &[
            ("REDIS_URL", &url),
            ("ATLASSIAN_SCOPES", "read:me read:jira-user offline_access"),
        ],
    )
    .await;
    let cookie = narrow.signed_in_cookie(ALICE).await;
    let full = instance(&upstream, listeners.remove(0), &[("REDIS_URL", &url)]).await;

    let dashboard = full.html_with_cookie(&cookie, "/dashboard").await;
    assert!(
        dashboard.contains("needs a permission you haven&#x27;t granted: read:jira-work")
            || dashboard.contains("needs a permission you haven't granted: read:jira-work"),
        "{dashboard}"
    );
    let issue = full
        .get_with_cookie(&cookie, &format!("/sites/{ACME}/issues/ACME-1"))
        .await;
    assert_eq!(issue.status(), StatusCode::FORBIDDEN);
    let html = issue.text().await.unwrap();
    assert!(html.contains("read:jira-work"));
    assert!(html.contains("/initiate-oauth"));
}

#[tokio::test]
async fn when_redis_is_down_pages_say_so_health_check_answers_and_it_recovers() {
    let mut redis = Redis::start();
    let (upstream, mut listeners) = upstream_for(1).await;
    let url = redis.url();
    let app = instance(&upstream, listeners.remove(0), &[("REDIS_URL", &url)]).await;
    let cookie = app.signed_in_cookie(ALICE).await;
    redis.stop();

    let health = reqwest::get(app.url("/health-check")).await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    let page = app.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("Sign-in is temporarily unavailable"));
    // Starting a sign-in needs no store; finishing one does, and says so.
    let client = browser();
    let (_, callback) = app.consent(&client, BOB).await;
    let finish = client.get(&callback).send().await.unwrap();
    assert_eq!(finish.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(finish
        .text()
        .await
        .unwrap()
        .contains("Sign-in is temporarily unavailable"));

    redis.restart();
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..50 {
        let (_, callback) = app.consent(&client, BOB).await;
        status = client.get(&callback).send().await.unwrap().status();
        if status == StatusCode::SEE_OTHER {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, StatusCode::SEE_OTHER, "recovers without a restart");
}

#[tokio::test]
async fn no_token_reaches_the_browser_in_pages_or_server_function_responses() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    app.sandbox.expire_access_tokens();
    let mut bodies = Vec::new();
    for path in [
        "/",
        "/dashboard",
        &format!("/sites/{ACME}/issues/ACME-1"),
        "/sites/x/issues/NOPE-1",
    ] {
        let page = app.get_with_cookie(&cookie, path).await;
        let headers = format!("{:?}", page.headers());
        bodies.push(headers + &page.text().await.unwrap());
    }
    for (function, body) in [
        ("viewer", String::new()),
        ("dashboard", "refresh=false".to_owned()),
        ("issue", format!("cloud_id={ACME}&key=ACME-1")),
    ] {
        let response = app.server_fn(&cookie, function, body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{function}");
        let headers = format!("{:?}", response.headers());
        bodies.push(headers + &response.text().await.unwrap());
    }
    assert!(
        app.sandbox.refresh_requests() >= 1,
        "a refresh happened along the way"
    );
    for body in &bodies {
        assert!(
            !body.contains("sbx_at_") && !body.contains("sbx_rt_"),
            "a token leaked: {body}"
        );
        assert!(
            !body.contains("sandbox-client-secret"),
            "the client secret leaked"
        );
    }
}

#[tokio::test]
async fn two_instances_sharing_redis_let_one_state_finish_once() {
    let redis = Redis::start();
    let (upstream, mut listeners) = upstream_for(2).await;
    let url = redis.url();
    let first = instance(&upstream, listeners.remove(0), &[("REDIS_URL", &url)]).await;
    // Both instances serve one APP_URL, as behind a load balancer.
    let shared = [
        ("REDIS_URL", url.as_str()),
        ("APP_URL", first.base.as_str()),
    ];
    let second = instance(&upstream, listeners.remove(0), &shared).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let started = first.start(&client).await;
    let callback = first
        .decide(&client, &started.authorize, ALICE, "accept")
        .await;
    let query = url::Url::parse(&callback)
        .unwrap()
        .query()
        .unwrap()
        .to_owned();
    let before = upstream.sandbox.token_requests();
    let (first_url, second_url) = (
        first.url(&format!("/oauth/callback?{query}")),
        second.url(&format!("/oauth/callback?{query}")),
    );
    let (a, b) = tokio::join!(
        get_with(&client, &first_url, &started.cookie),
        get_with(&client, &second_url, &started.cookie)
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::BAD_REQUEST]);
    assert_eq!(
        upstream.sandbox.token_requests(),
        before + 1,
        "one exchange"
    );
}

/// The grants Redis holds: (key, seconds to live).
fn grants_in(redis: &Redis) -> Vec<(String, i64)> {
    let cli = |args: &[&str]| {
        let output = std::process::Command::new("redis-cli")
            .args(["-p", redis.url().rsplit(':').next().unwrap()])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    cli(&["--scan", "--pattern", "jsa:grant:*"])
        .lines()
        .map(|key| (key.to_owned(), cli(&["ttl", key]).trim().parse().unwrap()))
        .collect()
}

#[tokio::test]
async fn signing_in_again_ends_the_previous_grant_and_none_outlives_an_idle_session() {
    let (redis, _upstream, app) = one_instance_with_redis().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    app.sign_in(&client, ALICE).await;
    let grants = grants_in(&redis);
    assert_eq!(grants.len(), 1, "one grant for one session: {grants:?}");
    let idle = 30 * 24 * 3600;
    assert!(
        grants[0].1 > idle - 60 && grants[0].1 <= idle,
        "kept for the session's idle window: {grants:?}"
    );
}

#[tokio::test]
async fn a_refresh_that_finishes_after_sign_out_does_not_bring_the_grant_back() {
    use app::sandbox::faults::Faults;
    let (redis, upstream, app) = one_instance_with_redis().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    upstream.sandbox.expire_access_tokens();
    upstream.sandbox.set_faults(Faults {
        token_latency_ms: 1_500,
        ..Faults::default()
    });
    let page = app.get_with_cookie(&cookie, "/dashboard");
    let sign_out = async {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(app.url("/logout"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap()
            .status()
    };
    let (page, signed_out) = tokio::join!(page, sign_out);
    assert_eq!(signed_out, StatusCode::SEE_OTHER);
    assert_ne!(
        page.status(),
        StatusCode::OK,
        "the page in flight did not get a grant"
    );
    assert_eq!(
        upstream.sandbox.refresh_requests(),
        1,
        "the refresh was under way"
    );
    assert_eq!(grants_in(&redis), Vec::new(), "and the grant stays gone");
}
