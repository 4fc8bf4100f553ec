//! The OAuth handlers against the in-process sandbox: the happy path, and every way a callback can
//! be wrong, checked by status, page text and what reached the token endpoint.

use crate::common::*;
use reqwest::StatusCode;
use url::Url;

#[tokio::test]
async fn health_check_answers_like_the_original_app() {
    let app = spawn().await;
    let response = reqwest::get(app.url("/health-check")).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "status": "The application is running!" })
    );
}

#[tokio::test]
async fn initiate_oauth_sends_every_parameter_percent_encoded() {
    let app = spawn().await;
    let response = app.get(&browser(), "/initiate-oauth").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let location = location(&response);
    let expected_prefix = format!(
        "{}/sandbox/auth/authorize?audience=api.atlassian.com&client_id=sandbox-client-id\
         &scope=read%3Ame%20read%3Ajira-user%20read%3Ajira-work%20offline_access\
         &redirect_uri={}%2Foauth%2Fcallback&state=",
        app.base,
        app.base.replace(':', "%3A").replace('/', "%2F")
    );
    assert!(location.starts_with(&expected_prefix), "{location}");
    let (rest, challenge) = location
        .rsplit_once("&code_challenge=")
        .expect("a PKCE challenge");
    assert!(
        rest.ends_with("&response_type=code&prompt=consent"),
        "{location}"
    );
    let challenge = challenge
        .strip_suffix("&code_challenge_method=S256")
        .expect("S256");
    assert_eq!(
        challenge.len(),
        43,
        "BASE64URL(SHA256(verifier)): {challenge}"
    );
    let state = Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    assert!(
        state.len() >= 43,
        "state carries at least 256 bits: {state}"
    );
    let other = location_of(&app, "/initiate-oauth").await;
    assert_ne!(location, other, "each sign-in gets its own state");
}

async fn location_of(app: &TestApp, path: &str) -> String {
    location(&app.get(&browser(), path).await)
}

#[tokio::test]
async fn sign_in_shows_identity_sites_and_issues_then_sign_out_ends_it() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    assert_eq!(app.token_requests(), 1);

    let dashboard = app.get(&client, "/dashboard").await;
    assert_eq!(dashboard.status(), StatusCode::OK);
    let html = dashboard.text().await.unwrap();
    for text in [
        "Alice Adams",
        "alice@example.com",
        "acme",
        "globex",
        "initech",
        "https://globex.atlassian.net",
        "Sandbox",
        "Sign out",
    ] {
        assert!(html.contains(text), "dashboard shows {text}");
    }

    let issue = app
        .get(&client, &format!("/sites/{ACME}/issues/acme-1"))
        .await;
    assert_eq!(issue.status(), StatusCode::OK);
    let html = issue.text().await.unwrap();
    for text in [
        "ACME-1",
        "Checkout page times out for carts over 100 items",
        "To Do",
        "Alice Adams",
        "Bob Brown",
        "https://acme.atlassian.net/browse/ACME-1",
        "Quoted from the customer.",
    ] {
        assert!(html.contains(text), "issue page shows {text}");
    }
    assert!(!html.contains("sbx_at_"), "no access token in the page");

    let logout = client.post(app.url("/logout")).send().await.unwrap();
    assert_eq!(logout.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&logout), "/");
    let after = app.get(&client, "/dashboard").await;
    assert_eq!(after.status(), StatusCode::FOUND);
    assert_eq!(location(&after), "/?return_to=%2Fdashboard");
}

#[tokio::test]
async fn the_session_id_changes_at_sign_in_and_is_worthless_after_sign_out() {
    let app = spawn().await;
    let session_cookie = sign_in_and_capture_cookie(&app).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let dashboard = || {
        client
            .get(app.url("/dashboard"))
            .header("cookie", session_cookie.clone())
            .header("accept", "text/html")
            .send()
    };
    assert_eq!(dashboard().await.unwrap().status(), StatusCode::OK);
    let logout = client
        .post(app.url("/logout"))
        .header("cookie", session_cookie.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::SEE_OTHER);
    assert_eq!(dashboard().await.unwrap().status(), StatusCode::FOUND);
}

/// Signs in without a cookie jar, carrying the session cookie by hand; returns `name=value`.
async fn sign_in_and_capture_cookie(app: &TestApp) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let initiate = client.get(app.url("/initiate-oauth")).send().await.unwrap();
    assert_eq!(
        cookie_pair_of(&initiate, "jsa-session"),
        None,
        "no session before the callback"
    );
    let cookie = cookie_pair(&initiate, "jsa-signin-");
    let authorize = Url::parse(&location(&initiate)).unwrap();
    let mut form: Vec<(String, String)> = authorize.query_pairs().into_owned().collect();
    form.push(("account_id".into(), ALICE.into()));
    form.push(("decision".into(), "accept".into()));
    let mut action = authorize.clone();
    action.set_query(None);
    let decided = client.post(action).form(&form).send().await.unwrap();
    let callback = client
        .get(location(&decided))
        .header("cookie", cookie.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(callback.status(), StatusCode::SEE_OTHER);
    cookie_pair(&callback, "jsa-session")
}

fn cookie_pair(response: &reqwest::Response, name: &str) -> String {
    let header = set_cookie(response, name).unwrap_or_else(|| panic!("a {name} cookie"));
    assert!(header.contains("HttpOnly"), "{header}");
    assert!(header.contains("SameSite=Lax"), "{header}");
    header.split(';').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_tampered_state_is_refused_without_exchanging_the_code() {
    let app = spawn().await;
    let client = browser();
    let (_, callback) = app.consent(&client, ALICE).await;
    let mut tampered = Url::parse(&callback).unwrap();
    let pairs: Vec<(String, String)> = tampered
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                format!("{v}x")
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    tampered.query_pairs_mut().clear().extend_pairs(pairs);

    let response = client.get(tampered).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Sign-in didn&#x27;t complete") || html.contains("Sign-in didn't complete"),
        "{html}"
    );
    assert!(html.contains("/initiate-oauth"), "offers to start again");
    assert_eq!(app.token_requests(), 0, "no code exchange for a bad state");

    // The state is single use: even the genuine callback is refused now.
    let genuine = client.get(callback).send().await.unwrap();
    assert_eq!(genuine.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.token_requests(), 0);
}

#[tokio::test]
async fn a_state_from_another_browser_is_refused() {
    let app = spawn().await;
    let victim = browser();
    let attacker = browser();
    let (_, callback) = app.consent(&attacker, ALICE).await;
    app.start_sign_in(&victim, "/initiate-oauth").await;
    let response = victim.get(callback).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.token_requests(), 0);
}

#[tokio::test]
async fn missing_state_and_missing_code_are_clear_errors() {
    let app = spawn().await;
    let client = browser();
    let no_state = app.get(&client, "/oauth/callback?code=abc").await;
    assert_eq!(no_state.status(), StatusCode::BAD_REQUEST);

    let authorize = app.start_sign_in(&client, "/initiate-oauth").await;
    let state = query_value(authorize.as_str(), "state");
    let no_code = app
        .get(&client, &format!("/oauth/callback?state={state}"))
        .await;
    assert_eq!(no_code.status(), StatusCode::BAD_REQUEST);
    let html = no_code.text().await.unwrap();
    assert!(html.contains("without an authorization code"), "{html}");
    assert_eq!(app.token_requests(), 0);
}

#[tokio::test]
async fn a_replayed_callback_is_refused() {
    let app = spawn().await;
    let client = browser();
    let (_, callback) = app.consent(&client, ALICE).await;
    let first = client.get(&callback).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let replay = client.get(&callback).send().await.unwrap();
    assert_eq!(replay.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.token_requests(), 1, "the code was exchanged once");
}

#[tokio::test]
async fn declining_consent_says_access_was_not_granted() {
    let app = spawn().await;
    let client = browser();
    let authorize = app.start_sign_in(&client, "/initiate-oauth").await;
    let callback = app.decide(&client, &authorize, ALICE, "decline").await;
    assert!(callback.contains("error=access_denied"), "{callback}");
    assert!(
        callback.contains("error_description=User%20did%20not%20authorize%20the%20request"),
        "{callback}"
    );
    let response = client.get(callback).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let html = response.text().await.unwrap();
    assert!(html.contains("Access not granted"));
    assert!(html.contains("/initiate-oauth"), "a way to try again");
    assert_eq!(app.token_requests(), 0);
}

#[tokio::test]
async fn other_authorization_errors_are_shown_escaped() {
    let app = spawn().await;
    let client = browser();
    let authorize = app.start_sign_in(&client, "/initiate-oauth").await;
    let state = query_value(authorize.as_str(), "state");
    let response = app
        .get(
            &client,
            &format!("/oauth/callback?error=server_error&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E&code=abc&state={state}"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>alert(1)"));
    assert_eq!(
        app.token_requests(),
        0,
        "an error with a code exchanges nothing"
    );
}

#[tokio::test]
async fn return_to_brings_the_person_back_and_refuses_other_origins() {
    let app = spawn().await;
    let path = format!("/sites/{ACME}/issues/ACME-2");
    let encoded = path.replace('/', "%2F");
    let back = app
        .sign_in_with(
            &browser(),
            ALICE,
            &format!("/initiate-oauth?return_to={encoded}"),
        )
        .await;
    assert_eq!(back, path);
    for hostile in [
        "%2F%2Fevil.example",
        "https%3A%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "%2F%252F%252Fevil",
    ] {
        let back = app
            .sign_in_with(
                &browser(),
                ALICE,
                &format!("/initiate-oauth?return_to={hostile}"),
            )
            .await;
        assert_eq!(back, "/dashboard", "{hostile}");
    }
}

#[tokio::test]
async fn a_signed_in_visitor_of_the_login_page_goes_to_the_dashboard() {
    let app = spawn().await;
    let client = browser();
    let login = app.get(&client, "/").await;
    assert_eq!(login.status(), StatusCode::OK);
    assert!(login
        .text()
        .await
        .unwrap()
        .contains("Sign in with Atlassian"));
    app.sign_in(&client, BOB).await;
    let again = client.get(app.url("/")).send().await.unwrap();
    assert_eq!(
        again.status(),
        StatusCode::FOUND,
        "redirects without Accept: text/html too"
    );
    assert_eq!(location(&again), "/dashboard");
}

#[tokio::test]
async fn two_tabs_signing_in_at_once_both_finish() {
    let app = spawn().await;
    let client = browser();
    let first_tab = app
        .start_sign_in(&client, "/initiate-oauth?return_to=%2Fdashboard%3Ftab%3D1")
        .await;
    let second_tab = app
        .start_sign_in(&client, "/initiate-oauth?return_to=%2Fdashboard%3Ftab%3D2")
        .await;
    let second = app.decide(&client, &second_tab, ALICE, "accept").await;
    let first = app.decide(&client, &first_tab, ALICE, "accept").await;
    for (callback, back_to) in [(first, "/dashboard?tab=1"), (second, "/dashboard?tab=2")] {
        let response = client.get(&callback).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{back_to}");
        assert_eq!(location(&response), back_to);
    }
}
