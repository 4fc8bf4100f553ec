//! OAuth and session attacks (RFC 9700, OWASP ASVS V3/V51): what an attacker can send, and what
//! they get back. Each test checks the refusal and that nothing behind it happened (no code
//! exchanged, no upstream call, no session adopted). The tamper, replay and other-browser state
//! cases are in oauth_flow.rs.

use crate::common::{
    browser, cookie_pair_of, get_with, one_instance_with_redis, query_value, server_functions,
    set_cookie, spawn, Started, ALICE, BOB, GLOBEX, MALLORY, REQUEST_TIMEOUT,
};
use reqwest::{header, redirect::Policy, Client, StatusCode};
use url::Url;

fn plain_client() -> Client {
    Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn cross_site_posts_to_logout_and_every_server_function_are_refused() {
    let app = spawn().await;
    let mut registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let mut listed: Vec<String> = server_functions()
        .into_iter()
        .map(|(name, _)| name.to_owned())
        .collect();
    registered.sort();
    listed.sort();
    assert_eq!(
        listed, registered,
        "every server function is in the attack lists"
    );
    let cookie = app.signed_in_cookie(ALICE).await;
    let client = plain_client();
    let calls_before = app.sandbox.api_requests();
    let forged: [&[(&str, &str)]; 4] = [
        &[("origin", "https://evil.example")],
        &[("origin", "null")],
        &[("sec-fetch-site", "cross-site")],
        &[("sec-fetch-site", "same-site"), ("origin", &app.base)],
    ];
    for headers in forged {
        for (function, body) in server_functions() {
            let mut request = app.server_fn(&cookie, function, body);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let response = request.send().await.unwrap();
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{function} with {headers:?}"
            );
            assert!(response
                .text()
                .await
                .unwrap()
                .contains("came from another website"));
        }
        let mut logout = client
            .post(app.url("/logout"))
            .header(header::COOKIE, &cookie);
        for (name, value) in headers {
            logout = logout.header(*name, *value);
        }
        assert_eq!(
            logout.send().await.unwrap().status(),
            StatusCode::FORBIDDEN,
            "logout with {headers:?}"
        );
    }
    assert_eq!(
        app.sandbox.api_requests(),
        calls_before,
        "no refused request reached Atlassian"
    );
    let dashboard = app.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(dashboard.status(), StatusCode::OK, "still signed in");
    let saved = dashboard.text().await.unwrap();
    assert!(
        !saved.contains("Default site"),
        "the forged default-site change did not happen"
    );

    for (function, body) in server_functions() {
        let response = app
            .server_fn(&cookie, function, body)
            .header("origin", &app.base)
            .header("sec-fetch-site", "same-origin")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "same-origin {function}");
    }
    let logout = client
        .post(app.url("/logout"))
        .header(header::COOKIE, &cookie)
        .header("origin", &app.base)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.get_with_cookie(&cookie, "/dashboard").await.status(),
        StatusCode::FOUND,
        "signed out"
    );
}

#[tokio::test]
async fn a_callback_with_both_error_and_code_exchanges_nothing() {
    let app = spawn().await;
    let client = browser();
    let (authorize, callback) = app.consent(&client, ALICE).await;
    let code = query_value(&callback, "code");
    let both = app
        .get(
            &client,
            &format!(
                "/oauth/callback?code={code}&state={}&error=access_denied",
                query_value(authorize.as_str(), "state")
            ),
        )
        .await;
    assert_eq!(both.status(), StatusCode::FORBIDDEN);
    assert!(both.text().await.unwrap().contains("Access not granted"));
    assert_eq!(app.token_requests(), 0, "the code was not exchanged");
    assert_eq!(
        app.get(&client, "/dashboard").await.status(),
        StatusCode::FOUND,
        "not signed in"
    );
}

#[tokio::test]
async fn an_error_callback_without_this_browsers_state_shows_none_of_its_text() {
    let app = spawn().await;
    let client = browser();
    app.start_sign_in(&client, "/initiate-oauth").await;
    for query in [
        "error=server_error&error_description=Call%20%2B1-555-0100%20to%20restore%20your%20account",
        "error=server_error&error_description=Call%20%2B1-555-0100&state=forged",
        "error=Call%20%2B1-555-0100",
    ] {
        let response = app.get(&client, &format!("/oauth/callback?{query}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let html = response.text().await.unwrap();
        assert!(!html.contains("555-0100"), "attacker text shown: {query}");
        assert!(html.contains("not valid for this browser"), "{html}");
    }
    assert_eq!(app.token_requests(), 0);
}

#[tokio::test]
async fn an_authorization_code_works_once_and_only_with_its_redirect_uri() {
    let app = spawn().await;
    let client = browser();
    let (_, callback) = app.consent(&client, ALICE).await;
    let code = query_value(&callback, "code");
    assert_eq!(
        client.get(&callback).send().await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    let token_url = format!("{}/auth/oauth/token", app.url("/sandbox"));
    let exchange = |code: String, redirect_uri: String| {
        let body = serde_json::json!({
            "grant_type": "authorization_code",
            "client_id": "sandbox-client-id",
            "client_secret": "sandbox-client-secret",
            "code": code,
            "redirect_uri": redirect_uri,
        });
        plain_client().post(&token_url).json(&body).send()
    };
    let replay = exchange(code, app.url("/oauth/callback")).await.unwrap();
    assert_eq!(replay.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = replay.json().await.unwrap();
    assert_eq!(body["error_description"], "authorization_code is invalid");

    let (_, callback) = app.consent(&client, ALICE).await;
    let fresh = query_value(&callback, "code");
    let elsewhere = exchange(fresh, "https://evil.example/oauth/callback".to_owned())
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn return_to_never_leaves_the_site_in_any_spelling() {
    let app = spawn().await;
    for hostile in [
        "//evil.example",
        "///evil.example",
        "////evil.example/x",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "/%2F/evil.example",
        "/%5Cevil.example",
        "https://evil.example",
        "https:evil.example",
        "HTTPS://evil.example",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "evil.example",
        "@evil.example",
        " //evil.example",
        "/..//evil.example",
        "/\u{3002}/evil.example",
        "/\r\nLocation: https://evil.example",
    ] {
        let encoded: String = url::form_urlencoded::byte_serialize(hostile.as_bytes()).collect();
        let back = app
            .sign_in_with(
                &browser(),
                ALICE,
                &format!("/initiate-oauth?return_to={encoded}"),
            )
            .await;
        let resolved = Url::parse(&app.base).unwrap().join(&back).unwrap();
        assert_eq!(
            resolved.origin(),
            Url::parse(&app.base).unwrap().origin(),
            "{hostile:?} sent the browser to {back:?}"
        );
        assert!(
            !back.contains('\r') && !back.contains('\n'),
            "{hostile:?} split the header"
        );
    }
}

#[tokio::test]
async fn a_site_that_was_not_granted_is_never_asked() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(BOB).await;
    let before = app.sandbox.api_requests();
    let page = app
        .get_with_cookie(&cookie, &format!("/sites/{GLOBEX}/issues/GLX-1"))
        .await;
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("not one of the sites you granted"));
    for (function, body) in server_functions()
        .into_iter()
        .filter(|(name, _)| !matches!(*name, "viewer" | "dashboard" | "begin_search"))
    {
        let response = app.server_fn(&cookie, function, body).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{function}");
    }
    let issue_calls = app.sandbox.api_requests() - before;
    assert!(
        issue_calls <= 2,
        "only /me and accessible-resources were asked, not the site: {issue_calls}"
    );
}

#[tokio::test]
async fn a_session_id_planted_before_sign_in_is_not_adopted() {
    let app = spawn().await;
    // The attacker's own session id (a sign-in is the only way to get one), planted in the
    // victim's browser before the victim signs in.
    let planted = app.signed_in_cookie(MALLORY).await;
    let victim = plain_client();
    let started = app.start(&victim).await;
    let callback = app
        .decide(&victim, &started.authorize, ALICE, "accept")
        .await;
    let cookies = format!("{planted}; {}", started.cookie);
    let signed_in = get_with(&victim, &callback, &cookies).await;
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let issued = cookie_pair_of(&signed_in, "jsa-session").expect("a session cookie");
    assert_ne!(issued, planted, "a new id at sign-in");
    assert_eq!(
        app.get_with_cookie(&planted, "/dashboard").await.status(),
        StatusCode::FOUND,
        "the planted id opens nothing"
    );
    assert_eq!(
        app.get_with_cookie(&issued, "/dashboard").await.status(),
        StatusCode::OK
    );

    let made_up = "jsa-session=AAAAAAAAAAAAAAAAAAAAAA";
    let fresh = app.get_with_cookie(made_up, "/initiate-oauth").await;
    let set = fresh
        .headers()
        .get(header::SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        !set.starts_with(made_up),
        "an id the server never issued is not taken up: {set}"
    );
}

#[tokio::test]
async fn after_sign_out_the_cookie_is_cleared_and_the_grant_is_gone() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let logout = plain_client()
        .post(app.url("/logout"))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::SEE_OTHER);
    let cleared = logout
        .headers()
        .get(header::SET_COOKIE)
        .expect("the cookie is cleared")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cleared.contains("Max-Age=0") || cleared.contains("expires=Thu, 01 Jan 1970"),
        "{cleared}"
    );
    assert_eq!(
        logout.headers()["clear-site-data"],
        "\"cache\", \"storage\"",
        "the browser forgets the origin's cache and storage too, and no other app's cookies"
    );
    let before = app.sandbox.api_requests();
    for (function, body) in server_functions() {
        let response = app.server_fn(&cookie, function, body).send().await.unwrap();
        if function == "viewer" {
            assert_eq!(response.status(), StatusCode::OK);
            assert!(response
                .text()
                .await
                .unwrap()
                .contains(r#""signed_in":false"#));
        } else {
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{function}");
        }
    }
    assert_eq!(app.sandbox.api_requests(), before, "no upstream call");
}

#[tokio::test]
async fn anonymous_sign_in_starts_write_nothing_on_the_server() {
    let (redis, _upstream, app) = one_instance_with_redis().await;
    // The largest return_to that is kept: 170 two-byte characters, 1 KB once percent-encoded.
    let return_to = format!("/{}", "é".repeat(170));
    let path = format!(
        "/initiate-oauth?return_to={}",
        app::return_to::encode_query_value(&return_to)
    );
    for _ in 0..50 {
        let response = plain_client().get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FOUND);
        assert_eq!(
            cookie_pair_of(&response, "jsa-session"),
            None,
            "no session for a visitor who has not signed in"
        );
        let pending = set_cookie(&response, "jsa-signin-").expect("the sign-in's own cookie");
        assert!(
            pending.len() < 1700,
            "a small cookie: {} bytes",
            pending.len()
        );
        assert!(pending.contains("Max-Age=600"), "{pending}");
    }
    assert_eq!(redis.dump(), Vec::<String>::new(), "nothing stored");
}

#[tokio::test]
async fn a_leaked_code_injected_into_another_browsers_sign_in_is_refused() {
    let app = spawn().await;
    // The victim consents; the code in the redirect leaks (a log, a referrer, a proxy).
    let victim = plain_client();
    let (_, victims_callback) = app.consent(&victim, ALICE).await;
    let leaked_code = query_value(&victims_callback, "code");
    // The attacker starts a sign-in of their own and swaps the victim's code into its callback.
    let attacker = plain_client();
    let Started { cookie, state, .. } = app.start(&attacker).await;
    let before = app.token_requests();
    let swapped = app.url(&format!("/oauth/callback?code={leaked_code}&state={state}"));
    let injected = get_with(&attacker, &swapped, &cookie).await;
    assert_eq!(injected.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        app.token_requests(),
        before + 1,
        "the exchange was tried and refused"
    );
    assert_eq!(
        cookie_pair_of(&injected, "jsa-session"),
        None,
        "the attacker is not signed in as the victim"
    );
    assert!(injected.text().await.unwrap().contains("Sign-in didn"));
}

#[tokio::test]
async fn two_callbacks_racing_with_one_state_exchange_the_code_once() {
    let app = spawn().await;
    let client = plain_client();
    let started = app.start(&client).await;
    let callback = app
        .decide(&client, &started.authorize, ALICE, "accept")
        .await;
    let before = app.token_requests();
    let send = || get_with(&client, &callback, &started.cookie);
    let (first, second) = tokio::join!(send(), send());
    let mut statuses = [first.status(), second.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::BAD_REQUEST]);
    assert_eq!(app.token_requests(), before + 1, "one exchange");
}

#[tokio::test]
async fn a_state_is_used_up_even_when_the_exchange_fails() {
    let app = spawn().await;
    let client = plain_client();
    let started = app.start(&client).await;
    // A code Atlassian never issued: the exchange fails.
    let made_up = app.url(&format!(
        "/oauth/callback?code=not-a-code&state={}",
        started.state
    ));
    let failed = get_with(&client, &made_up, &started.cookie).await;
    assert_eq!(failed.status(), StatusCode::BAD_REQUEST);
    assert!(
        set_cookie(&failed, "jsa-signin-").is_some_and(|c| c.contains("Max-Age=0")),
        "the pending sign-in's cookie is removed"
    );
    // Its state, replayed with the cookie kept, finds nothing to finish.
    let callback = app
        .decide(&client, &started.authorize, ALICE, "accept")
        .await;
    let before = app.token_requests();
    let replayed = get_with(&client, &callback, &started.cookie).await;
    assert_eq!(replayed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.token_requests(), before, "no second exchange");
}
