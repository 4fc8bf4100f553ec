//! No secret leaves the server: a crawl through every page, flow and server function, with
//! sandbox tokens of known values, finds no access token, refresh token, authorization code,
//! PKCE verifier, media URL token, client secret or `SESSION_SECRET` in any response header or
//! body (hydration data included;
//! the session id cookie aside) or in any log line, logged at `debug` (production logs `info`).

use crate::common::{
    browser, location, logs, query_value, spawn_with, TestApp, ACME, ALICE, GLOBEX,
};
use reqwest::{header, Client, Response, StatusCode};
use url::Url;

const SESSION_SECRET: &str = "leak-test-session-secret-0123456789-abcdefghijklmnop";
const CLIENT_SECRET: &str = "sandbox-client-secret";

/// What the browser saw: every response's headers (the session cookie's value masked) and body.
#[derive(Default)]
struct Seen {
    responses: Vec<(String, String)>,
}

impl Seen {
    async fn keep(&mut self, what: &str, response: Response) -> StatusCode {
        let status = response.status();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let value = value.to_str().unwrap_or("<binary>");
                if name == header::SET_COOKIE && value.starts_with("jsa-session=") {
                    format!(
                        "{name}: jsa-session=<id>; {}",
                        value.split_once(';').map_or("", |(_, rest)| rest)
                    )
                } else {
                    format!("{name}: {value}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let body = response.text().await.unwrap_or_default();
        self.responses
            .push((what.to_owned(), format!("{status}\n{headers}\n\n{body}")));
        status
    }
}

async fn page(seen: &mut Seen, app: &TestApp, client: &Client, path: &str) -> StatusCode {
    let response = app.get(client, path).await;
    seen.keep(&format!("GET {path}"), response).await
}

async fn call(seen: &mut Seen, app: &TestApp, client: &Client, function: &str, body: String) {
    let response = client
        .post(app.url(&format!("/api/{function}")))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    seen.keep(&format!("POST /api/{function}"), response).await;
}

/// Every page and server function a signed-in person can reach, with their variants.
async fn crawl(seen: &mut Seen, app: &TestApp, client: &Client) {
    for path in [
        "/".to_owned(),
        "/dashboard".to_owned(),
        "/dashboard?refresh=1".to_owned(),
        format!("/sites/{ACME}/issues/ACME-1"),
        format!("/sites/{ACME}/issues/ACME-1?comments=oldest&start=10"),
        format!("/sites/{GLOBEX}/issues/GLX-2"),
        format!("/sites/{ACME}/issues/ACME-999"),
        "/sites/not-granted/issues/ACME-1".to_owned(),
        format!("/lookup?site={ACME}&key=acme-3"),
        "/lookup?site=all&key=GLX-4".to_owned(),
        format!("/lookup?site={ACME}&key=not+a+key"),
        "/no/such/page".to_owned(),
        "/health-check".to_owned(),
        "/favicon.svg".to_owned(),
        format!("/sites/{ACME}/attachments/50000"),
        format!("/sites/{ACME}/attachments/50000/thumbnail"),
        format!("/sites/{ACME}/attachments/50006"),
        format!("/sites/{ACME}/attachments/50008"),
        format!("/sites/{GLOBEX}/attachments/50000"),
    ] {
        page(seen, app, client, &path).await;
    }
    for (function, body) in [
        ("viewer", String::new()),
        ("dashboard", "refresh=false".to_owned()),
        ("dashboard", "refresh=true".to_owned()),
        ("default_site", format!("cloud_id={GLOBEX}")),
        ("issue", format!("cloud_id={ACME}&key=ACME-1")),
        (
            "comments",
            format!("cloud_id={ACME}&key=ACME-1&start_at=0&newest_first=false"),
        ),
        ("assigned", format!("cloud_id={GLOBEX}")),
        ("issue", format!("cloud_id={ACME}&key=NOPE-1")),
    ] {
        call(seen, app, client, function, body).await;
    }
}

#[tokio::test]
async fn no_secret_appears_in_any_response_or_log_line() {
    let logs = logs();
    let app = spawn_with(&[("SESSION_SECRET", SESSION_SECRET)]).await;
    let client = browser();
    let mut seen = Seen::default();
    let mut secrets = vec![
        SESSION_SECRET.to_owned(),
        CLIENT_SECRET.to_owned(),
        "sbx_at_".to_owned(),
        "sbx_rt_".to_owned(),
    ];

    page(&mut seen, &app, &client, "/").await;
    let initiate = app
        .get(&client, "/initiate-oauth?return_to=%2Fdashboard")
        .await;
    let authorize = Url::parse(&location(&initiate)).unwrap();
    seen.keep("GET /initiate-oauth", initiate).await;
    let consent = client.get(authorize.clone()).send().await.unwrap();
    seen.keep("GET consent screen", consent).await;
    let callback = app.decide(&client, &authorize, ALICE, "accept").await;
    let code = query_value(&callback, "code");
    secrets.push(code);
    let signed_in = client.get(&callback).send().await.unwrap();
    assert_eq!(
        seen.keep("GET /oauth/callback", signed_in).await,
        StatusCode::SEE_OTHER
    );

    crawl(&mut seen, &app, &client).await;
    secrets.extend(app.sandbox.live_tokens());

    // A refresh on the way (the access token expired), then again with the rotated tokens.
    app.sandbox.expire_access_tokens();
    crawl(&mut seen, &app, &client).await;
    assert!(app.sandbox.refresh_requests() >= 1, "a refresh happened");
    secrets.extend(app.sandbox.live_tokens());
    let verifiers = app.sandbox.code_verifiers();
    assert!(!verifiers.is_empty(), "the sign-in sent a PKCE verifier");
    secrets.extend(verifiers);
    let media_tokens = app.sandbox.media_tokens();
    assert!(
        !media_tokens.is_empty(),
        "attachments were redirected to the media host"
    );
    secrets.extend(media_tokens);

    // Jira failing, and a revoked grant: error pages and their logged causes.
    app.sandbox.set_faults(app::sandbox::faults::Faults {
        status: Some(500),
        path_contains: Some("/issue/".to_owned()),
        ..Default::default()
    });
    page(
        &mut seen,
        &app,
        &client,
        &format!("/sites/{ACME}/issues/ACME-2"),
    )
    .await;
    app.sandbox.set_faults(Default::default());
    app.sandbox.revoke_grants();
    let revoked = page(
        &mut seen,
        &app,
        &client,
        &format!("/sites/{ACME}/issues/ACME-2"),
    )
    .await;
    assert_eq!(
        revoked,
        StatusCode::FOUND,
        "the revoked grant sends the person to sign in"
    );
    let logout = client.post(app.url("/logout")).send().await.unwrap();
    seen.keep("POST /logout", logout).await;
    crawl(&mut seen, &app, &client).await;

    let logged = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(
        logged.contains("GET /dashboard 200") && logged.contains("POST /api/issue 200"),
        "the logs were captured"
    );
    assert!(
        seen.responses.len() > 50,
        "{} responses",
        seen.responses.len()
    );
    assert!(secrets.len() > 6, "tokens were issued: {}", secrets.len());
    for secret in &secrets {
        for (what, response) in &seen.responses {
            assert!(
                !response.contains(secret.as_str()),
                "{what} shows {secret}:\n{response}"
            );
        }
        assert!(
            !logged.contains(secret.as_str()),
            "a log line shows {secret}"
        );
    }
}
