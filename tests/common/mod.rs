//! A running app in sandbox mode on a loopback port, and a browser-like client for it.

#![allow(dead_code)]

use app::{config::Config, router::router, state::AppState};
use leptos::config::LeptosOptions;
use reqwest::{header, redirect::Policy, Client, Response, StatusCode};
use url::Url;

pub const ALICE: &str = "5b10a2844c20165700ede21g";
pub const BOB: &str = "5d53f3cbc6b9320d9ea5bdc2";
pub const CAROL: &str = "712020:0e4b2c8a-5c1f-4f5e-9a51-7d3c2b1a0f9e";
pub const ACME: &str = "11111111-2222-4333-8444-555555555555";
pub const GLOBEX: &str = "22222222-3333-4444-8555-666666666666";

/// The app under test, serving on `base`.
pub struct TestApp {
    pub base: String,
    pub state: AppState,
}

/// Starts the app with its in-process sandbox on a free loopback port.
pub async fn spawn() -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app_url = base.clone();
    let config = Config::from_lookup(move |name| match name {
        "APP_URL" => Some(app_url.clone()),
        _ => None,
    })
    .unwrap();
    let options = LeptosOptions::builder()
        .output_name("jira-sso-auth")
        .site_root("target/site")
        .build();
    let state = AppState::new(options, config).unwrap();
    let app = router(state.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    TestApp { base, state }
}

/// A client that keeps cookies and does not follow redirects, so every hop can be checked.
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .expect("a Location header")
        .to_str()
        .unwrap()
        .to_owned()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn token_requests(&self) -> u64 {
        self.state.sandbox.as_ref().unwrap().token_requests()
    }

    /// GET as a browser navigation would (Accept: text/html).
    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client
            .get(self.url(path))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .unwrap()
    }

    /// Follows `/initiate-oauth` to the sandbox's consent screen; returns the authorize URL.
    pub async fn start_sign_in(&self, client: &Client, initiate_path: &str) -> Url {
        let response = self.get(client, initiate_path).await;
        assert_eq!(response.status(), StatusCode::FOUND);
        let authorize = Url::parse(&location(&response)).unwrap();
        let consent = client.get(authorize.clone()).send().await.unwrap();
        assert_eq!(consent.status(), StatusCode::OK, "consent screen");
        authorize
    }

    /// Answers the consent screen; returns the callback URL the sandbox redirects to.
    pub async fn decide(
        &self,
        client: &Client,
        authorize: &Url,
        account_id: &str,
        decision: &str,
    ) -> String {
        let mut form: Vec<(String, String)> = authorize.query_pairs().into_owned().collect();
        form.push(("account_id".into(), account_id.into()));
        form.push(("decision".into(), decision.into()));
        let mut action = authorize.clone();
        action.set_query(None);
        let response = client.post(action).form(&form).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FOUND);
        location(&response)
    }

    /// The whole sign-in as `account_id`; returns where the callback sends the browser.
    pub async fn sign_in_with(
        &self,
        client: &Client,
        account_id: &str,
        initiate_path: &str,
    ) -> String {
        let authorize = self.start_sign_in(client, initiate_path).await;
        let callback = self.decide(client, &authorize, account_id, "accept").await;
        let response = client.get(callback).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "callback");
        location(&response)
    }

    pub async fn sign_in(&self, client: &Client, account_id: &str) {
        assert_eq!(
            self.sign_in_with(client, account_id, "/initiate-oauth")
                .await,
            "/dashboard"
        );
    }
}
