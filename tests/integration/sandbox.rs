//! The sandbox against Atlassian's documented behaviour (shared/atlassian.md): authorize
//! validation, the token endpoint's bodies and errors, rotation with its leeway, and the API's
//! shapes — accessible resources, me, myself, issue fields, comments, enhanced search, the removed
//! search — plus fault injection. Raw HTTP only: nothing of the app's client is used.

use crate::common::*;
use app::sandbox::{faults::Faults, Lifetimes};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use url::Url;

const CALLBACK_COUNT: usize = 1;

struct Fixture {
    upstream: Upstream,
    callback: String,
    http: Client,
}

async fn fixture() -> Fixture {
    let (upstream, listeners) = upstream_for(CALLBACK_COUNT).await;
    let callback = format!(
        "http://{}/oauth/callback",
        listeners[0].local_addr().unwrap()
    );
    let http = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Fixture {
        upstream,
        callback,
        http,
    }
}

impl Fixture {
    fn authorize_url(&self, scope: &str) -> Url {
        let mut url = Url::parse(&format!("{}/auth/authorize", self.upstream.base)).unwrap();
        url.query_pairs_mut()
            .append_pair("audience", "api.atlassian.com")
            .append_pair("client_id", "test-client")
            .append_pair("scope", scope)
            .append_pair("redirect_uri", &self.callback)
            .append_pair("state", "s1")
            .append_pair("response_type", "code")
            .append_pair("prompt", "consent");
        url
    }

    async fn code(&self, account: &str, scope: &str) -> String {
        self.code_with(account, scope, &[]).await
    }

    /// A code for `account`, from an authorization request with `extra` parameters.
    async fn code_with(&self, account: &str, scope: &str, extra: &[(&str, &str)]) -> String {
        let mut authorize = self.authorize_url(scope);
        authorize.query_pairs_mut().extend_pairs(extra);
        let mut form: Vec<(String, String)> = authorize.query_pairs().into_owned().collect();
        form.push(("account_id".into(), account.into()));
        form.push(("decision".into(), "accept".into()));
        let response = self
            .http
            .post(format!("{}/auth/authorize", self.upstream.base))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FOUND);
        let location = Url::parse(&location(&response)).unwrap();
        location
            .query_pairs()
            .find(|(k, _)| k == "code")
            .unwrap()
            .1
            .into_owned()
    }

    async fn token(&self, body: Value) -> (StatusCode, Value) {
        let response = self
            .http
            .post(format!("{}/auth/oauth/token", self.upstream.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        (response.status(), response.json().await.unwrap())
    }

    async fn tokens(&self, account: &str, scope: &str) -> Value {
        let code = self.code(account, scope).await;
        let (status, body) = self
            .token(json!({ "grant_type": "authorization_code", "client_id": "test-client",
                           "client_secret": "test-secret", "code": code, "redirect_uri": self.callback }))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    async fn api(&self, token: &str, path: &str) -> (StatusCode, Value) {
        let response = self.api_response(token, path).await;
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// An access token for `account` with every scope the app asks for.
    async fn access_token(&self, account: &str) -> String {
        self.tokens(account, FULL).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The gateway's answer to `GET {path}` with `token`, headers and all.
    async fn api_response(&self, token: &str, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}/api{path}", self.upstream.base))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }
}

const FULL: &str = "read:me read:jira-user read:jira-work offline_access";

#[tokio::test]
async fn authorize_refuses_what_atlassian_refuses_with_a_400_page_never_a_redirect() {
    let f = fixture().await;
    let cases: [(&str, &str); 6] = [
        ("audience", "example.com"),
        ("client_id", "someone-else"),
        ("redirect_uri", "https://evil.example/oauth/callback"),
        ("response_type", "token"),
        ("scope", "read:me,read:jira-work"),
        ("scope", "read:everything"),
    ];
    for (name, value) in cases {
        let mut url = f.authorize_url(FULL);
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    if k == name {
                        value.to_owned()
                    } else {
                        v.into_owned()
                    },
                )
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
        let response = f.http.get(url).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{name}={value}");
        assert!(response.headers().get("location").is_none());
    }
    let consent = f.http.get(f.authorize_url(FULL)).send().await.unwrap();
    assert_eq!(consent.status(), StatusCode::OK);
    let html = consent.text().await.unwrap();
    for text in [
        "Accept",
        "Decline",
        "read:jira-work",
        "Alice Adams",
        "acme, globex, initech",
    ] {
        assert!(html.contains(text), "consent screen shows {text}");
    }
}

#[tokio::test]
async fn the_token_endpoint_answers_like_atlassian() {
    let f = fixture().await;
    let body = f.tokens(ALICE, FULL).await;
    assert!(body["access_token"].is_string() && body["refresh_token"].is_string());
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], FULL);
    assert!(
        body.get("token_type").is_none(),
        "not in Atlassian's examples"
    );

    let code = f.code(ALICE, FULL).await;
    let form = f
        .http
        .post(format!("{}/auth/oauth/token", f.upstream.base))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", "test-client"),
            ("client_secret", "test-secret"),
            ("code", &code),
            ("redirect_uri", &f.callback),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::OK, "form bodies work too");
    let (status, body) = f
        .token(
            json!({ "grant_type": "authorization_code", "client_id": "test-client",
                       "client_secret": "test-secret", "code": code, "redirect_uri": f.callback }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "codes are single use");
    assert_eq!(
        body,
        json!({ "error": "invalid_request", "error_description": "authorization_code is invalid" })
    );

    let (status, body) = f
        .token(
            json!({ "grant_type": "authorization_code", "client_id": "test-client",
                       "client_secret": "wrong", "code": "x", "redirect_uri": f.callback }),
        )
        .await;
    assert_eq!(
        (status, body),
        (
            StatusCode::UNAUTHORIZED,
            json!({ "error": "access_denied", "error_description": "Unauthorized" })
        )
    );

    let no_offline = f.tokens(BOB, "read:me read:jira-work").await;
    assert!(
        no_offline.get("refresh_token").is_none(),
        "refresh tokens only with offline_access"
    );
}

#[tokio::test]
async fn refresh_tokens_rotate_and_reuse_after_the_leeway_revokes_the_grant() {
    let f = fixture().await;
    f.upstream.sandbox.set_lifetimes(Lifetimes {
        reuse_leeway_secs: 0,
        ..Lifetimes::default()
    });
    let first = f.tokens(ALICE, FULL).await;
    let refresh = |token: &Value| {
        json!({ "grant_type": "refresh_token", "client_id": "test-client",
                                           "client_secret": "test-secret", "refresh_token": token })
    };
    let (status, second) = f.token(refresh(&first["refresh_token"])).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(second["refresh_token"], first["refresh_token"], "rotated");

    let (status, body) = f.token(refresh(&first["refresh_token"])).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        json!({ "error": "invalid_grant", "error_description": "Unknown or invalid refresh token." })
    );
    let (status, _) = f.token(refresh(&second["refresh_token"])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the whole grant is revoked");
    let (status, body) = f.api(second["access_token"].as_str().unwrap(), "/me").await;
    assert_eq!(
        (status, body),
        (
            StatusCode::UNAUTHORIZED,
            json!({ "code": 401, "message": "Unauthorized" })
        )
    );
}

#[tokio::test]
async fn identity_and_sites_have_the_documented_shapes() {
    let f = fixture().await;
    let token = f.access_token(ALICE).await;
    let (status, me) = f.api(&token, "/me").await;
    assert_eq!(status, StatusCode::OK);
    for field in [
        "account_type",
        "account_id",
        "email",
        "name",
        "picture",
        "account_status",
        "nickname",
        "zoneinfo",
        "locale",
        "extended_profile",
    ] {
        assert!(me.get(field).is_some(), "/me has {field}");
    }
    let (_, sites) = f.api(&token, "/oauth/token/accessible-resources").await;
    let sites = sites.as_array().unwrap();
    assert_eq!(sites.len(), 3);
    for site in sites {
        for field in ["id", "name", "url", "scopes", "avatarUrl"] {
            assert!(site.get(field).is_some(), "a site has {field}");
        }
    }
    let (status, myself) = f
        .api(&token, &format!("/ex/jira/{ACME}/rest/api/3/myself"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(myself["accountId"], ALICE);
    assert!(myself["avatarUrls"]["48x48"].is_string());

    let (status, _) = f.api("not-a-token", "/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let bob = f.access_token(BOB).await;
    let (status, _) = f
        .api(&bob, &format!("/ex/jira/{GLOBEX}/rest/api/3/issue/GLX-1"))
        .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a token works only for its sites"
    );
}

#[tokio::test]
async fn issues_comments_and_search_have_jiras_shapes() {
    let f = fixture().await;
    let token = f.access_token(ALICE).await;
    let (status, issue) = f
        .api(
            &token,
            &format!("/ex/jira/{ACME}/rest/api/3/issue/acme-1?expand=renderedFields,names"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(issue["key"], "ACME-1", "keys are case-insensitive");
    for field in [
        "summary",
        "issuetype",
        "status",
        "priority",
        "assignee",
        "reporter",
        "labels",
        "components",
        "fixVersions",
        "subtasks",
        "issuelinks",
        "attachment",
        "description",
        "comment",
        "created",
        "updated",
        "project",
    ] {
        assert!(issue["fields"].get(field).is_some(), "issue has {field}");
    }
    assert_eq!(issue["fields"]["status"]["statusCategory"]["key"], "new");
    assert!(issue["renderedFields"]["description"].is_string());
    assert_eq!(issue["names"]["issuetype"], "Issue Type");
    let (_, narrow) = f
        .api(
            &token,
            &format!("/ex/jira/{ACME}/rest/api/3/issue/ACME-1?fields=summary,status"),
        )
        .await;
    assert_eq!(narrow["fields"].as_object().unwrap().len(), 2);
    let (status, missing) = f
        .api(
            &token,
            &format!("/ex/jira/{ACME}/rest/api/3/issue/ACME-999"),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing,
        json!({ "errorMessages": ["Issue does not exist or you do not have permission to see it."], "errors": {} })
    );

    let (_, page) = f.api(&token, &format!("/ex/jira/{ACME}/rest/api/3/issue/ACME-1/comment?maxResults=10&startAt=20&orderBy=-created")).await;
    assert_eq!(
        (page["total"].as_u64(), page["startAt"].as_u64()),
        (Some(25), Some(20))
    );
    assert_eq!(page["comments"].as_array().unwrap().len(), 5);
    let (status, _) = f
        .api(
            &token,
            &format!("/ex/jira/{ACME}/rest/api/3/issue/ACME-1/comment?orderBy=author"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let jql = "assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC";
    let url = |token_param: &str| {
        format!(
            "/ex/jira/{ACME}/rest/api/3/search/jql?jql={}&maxResults=1{token_param}",
            urlencode(jql)
        )
    };
    let (status, first) = f.api(&token, &url("")).await;
    assert_eq!(status, StatusCode::OK);
    let ids = first["issues"].as_array().unwrap();
    assert_eq!(ids.len(), 1);
    assert_eq!(
        ids[0].as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id"],
        "fields default to id only"
    );
    assert_eq!(first["isLast"], false);
    let next = first["nextPageToken"].as_str().unwrap();
    let (_, second) = f
        .api(
            &token,
            &url(&format!("&nextPageToken={next}&fields=summary,assignee")),
        )
        .await;
    assert!(second["issues"][0]["fields"]["summary"].is_string());

    let post = f
        .http
        .post(format!(
            "{}/api/ex/jira/{ACME}/rest/api/3/search/jql",
            f.upstream.base
        ))
        .bearer_auth(&token)
        .json(&json!({ "jql": "project = ACME AND text ~ \"checkout\"", "fields": ["summary"] }))
        .send()
        .await
        .unwrap();
    let found: Value = post.json().await.unwrap();
    assert!(found["issues"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["key"] == "ACME-1"));

    for (jql, message) in [
        ("order by key desc", "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."),
        ("nosuch = 1", "Error in the JQL Query: Field 'nosuch' does not exist or you do not have permission to view it."),
    ] {
        let (status, body) = f.api(&token, &format!("/ex/jira/{ACME}/rest/api/3/search/jql?jql={}", urlencode(jql))).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["errorMessages"][0], message);
    }
    let (status, gone) = f
        .api(
            &token,
            &format!("/ex/jira/{ACME}/rest/api/3/search?jql=project%3DACME"),
        )
        .await;
    assert_eq!(status, StatusCode::GONE);
    assert!(gone["errorMessages"][0]
        .as_str()
        .unwrap()
        .contains("CHANGE-2046"));
}

#[tokio::test]
async fn text_search_follows_jiras_rules_and_the_picker_has_its_shape() {
    let f = fixture().await;
    let token = f.access_token(ALICE).await;
    let keys = |body: &Value| -> Vec<String> {
        body["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["key"].as_str().unwrap().to_owned())
            .collect()
    };
    let search = |jql: &str| {
        format!(
            "/ex/jira/{ACME}/rest/api/3/search/jql?fields=summary&jql={}",
            urlencode(jql)
        )
    };
    // Whole words, any case, stemmed; stop words ignored; the description and comments count.
    let (status, body) = f.api(&token, &search(r#"text ~ "CHECKOUT times""#)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(keys(&body).contains(&"ACME-1".to_owned()), "{body}");
    let (_, by_word) = f.api(&token, &search(r#"summary ~ "checkou""#)).await;
    assert!(keys(&by_word).is_empty(), "parts of words do not match");
    let (_, by_prefix) = f.api(&token, &search(r#"summary ~ "checkou*""#)).await;
    assert!(keys(&by_prefix).contains(&"ACME-1".to_owned()));
    let (_, phrase) = f
        .api(&token, &search(r#"summary ~ "\"times page\"""#))
        .await;
    assert!(keys(&phrase).is_empty(), "a phrase keeps its order");
    // A quote-injection attempt is one harmless phrase, or Jira's 400: never a wider query.
    let (status, body) = f
        .api(&token, &search(r#"text ~ "x") OR project = WEB""#))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = f.api(&token, &search(r#"summary ~ "\[x\]""#)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["errorMessages"][0]
        .as_str()
        .unwrap()
        .contains("illegal JQL escape sequence"));

    // The picker: history first (after viewing), then the current search; Jira's shapes.
    f.api(&token, &format!("/ex/jira/{ACME}/rest/api/3/issue/ACME-2"))
        .await;
    let picker = |query: &str| {
        format!(
            "/ex/jira/{ACME}/rest/api/3/issue/picker?query={}&currentJQL={}&showSubTasks=true",
            urlencode(query),
            urlencode("order by updated DESC")
        )
    };
    let (status, body) = f.api(&token, &picker("dark mo")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let sections = body["sections"].as_array().unwrap();
    assert_eq!(sections[0]["id"], "hs");
    assert_eq!(sections[0]["label"], "History Search");
    assert_eq!(sections[0]["issues"][0]["key"], "ACME-2");
    assert_eq!(sections[1]["id"], "cs");
    let issue = &sections[1]["issues"][0];
    assert_eq!(issue["key"], "ACME-2");
    assert!(issue["id"].is_u64(), "the picker's id is a number");
    assert_eq!(issue["summaryText"], "Add dark mode to the customer portal");
    assert_eq!(
        issue["summary"],
        "Add <b>dark</b> <b>mo</b>de to the customer portal"
    );
    assert!(sections[1]["sub"]
        .as_str()
        .unwrap()
        .starts_with("Showing 1 of 1"));
    let (_, empty) = f.api(&token, &picker("")).await;
    assert_eq!(
        empty["sections"].as_array().unwrap().len(),
        1,
        "no query: history only"
    );
    let (_, many) = f.api(&token, &picker("a")).await;
    let rows: usize = many["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| 1 + s["issues"].as_array().unwrap().len().max(1))
        .sum();
    assert!(rows <= 20, "twenty rows at most, headings included: {rows}");
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

#[tokio::test]
async fn there_are_fifty_issues_and_the_kitchen_sink_uses_every_adf_node() {
    let f = fixture().await;
    let token = f.access_token(ALICE).await;
    let mut total = 0;
    for site in [ACME, GLOBEX, "33333333-4444-4555-8666-777777777777"] {
        let (_, found) = f.api(&token, &format!("/ex/jira/{site}/rest/api/3/search/jql?jql=created%20%3E%3D%20-365d&maxResults=5000")).await;
        total += found["issues"].as_array().unwrap().len();
    }
    assert!(total >= 50, "{total} issues");
    let (_, issue) = f
        .api(
            &token,
            &format!("/ex/jira/{ACME}/rest/api/3/issue/ACME-1?fields=description"),
        )
        .await;
    let text = issue["fields"]["description"].to_string();
    for node in [
        "blockquote",
        "bulletList",
        "codeBlock",
        "expand",
        "heading",
        "mediaGroup",
        "mediaSingle",
        "orderedList",
        "panel",
        "paragraph",
        "rule",
        "table",
        "tableRow",
        "tableHeader",
        "tableCell",
        "nestedExpand",
        "listItem",
        "media",
        "date",
        "emoji",
        "hardBreak",
        "inlineCard",
        "mention",
        "status",
        "mediaInline",
        "taskList",
        "taskItem",
        "decisionList",
        "decisionItem",
        "blockCard",
        "embedCard",
        "layoutSection",
        "layoutColumn",
        "extension",
        "inlineExtension",
        "bodiedExtension",
        "placeholder",
        "caption",
        "strong",
        "em",
        "underline",
        "strike",
        "code",
        "link",
        "subsup",
        "textColor",
        "backgroundColor",
        "alignment",
        "indentation",
        "border",
        "breakout",
        "annotation",
    ] {
        assert!(
            text.contains(&format!("\"type\":\"{node}\"")),
            "ACME-1 uses {node}"
        );
    }
}

#[tokio::test]
async fn faults_are_injected_on_request() {
    let f = fixture().await;
    let token = f.access_token(ALICE).await;
    f.upstream.sandbox.set_faults(Faults {
        status: Some(429),
        retry_after: Some(7),
        path_contains: Some(GLOBEX.into()),
        ..Faults::default()
    });
    let limited = f
        .http
        .get(format!(
            "{}/api/ex/jira/{GLOBEX}/rest/api/3/issue/GLX-1",
            f.upstream.base
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.headers()["retry-after"], "7");
    assert_eq!(limited.headers()["x-ratelimit-remaining"], "0");
    assert!(
        limited.text().await.unwrap().starts_with("<html>"),
        "an HTML body, as Jira sends"
    );
    let (status, _) = f
        .api(&token, &format!("/ex/jira/{ACME}/rest/api/3/issue/ACME-1"))
        .await;
    assert_eq!(status, StatusCode::OK, "other sites are untouched");

    f.upstream.sandbox.set_faults(Faults {
        drop: true,
        ..Faults::default()
    });
    let dropped = f
        .http
        .get(format!("{}/api/me", f.upstream.base))
        .bearer_auth(&token)
        .send()
        .await;
    let failed = match dropped {
        Err(_) => true,
        Ok(response) => response.bytes().await.is_err(),
    };
    assert!(failed, "the connection breaks");
    f.upstream.sandbox.set_faults(Faults::default());
    assert_eq!(f.api(&token, "/me").await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_sandbox_runs_standalone_as_an_upstream() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let callback = "http://127.0.0.1:3999/oauth/callback";
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jira-sso-auth"))
        .args([
            "sandbox",
            "--port",
            &port.to_string(),
            "--callback",
            callback,
        ])
        .env("RUST_LOG", "warn")
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let mut up = false;
    for _ in 0..100 {
        if let Ok(response) = reqwest::get(format!("{base}/api/me")).await {
            assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
            assert_eq!(
                response.json::<Value>().await.unwrap(),
                json!({ "code": 401, "message": "Unauthorized" })
            );
            up = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(up, "the standalone sandbox answers");
    let mut authorize = Url::parse(&format!("{base}/auth/authorize")).unwrap();
    authorize
        .query_pairs_mut()
        .append_pair("audience", "api.atlassian.com")
        .append_pair("client_id", "sandbox-client-id")
        .append_pair("scope", FULL)
        .append_pair("redirect_uri", callback)
        .append_pair("state", "s")
        .append_pair("response_type", "code")
        .append_pair("prompt", "consent");
    assert_eq!(
        reqwest::get(authorize).await.unwrap().status(),
        StatusCode::OK
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[tokio::test]
async fn stats_count_api_and_token_requests_for_benchmarks() {
    let f = fixture().await;
    let stats = |f: &Fixture| {
        let url = format!("{}/control/stats", f.upstream.base);
        let http = f.http.clone();
        async move {
            http.get(url)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        stats(&f).await,
        json!({"api_requests": 0, "token_requests": 0, "refresh_requests": 0, "invalid_grants": 0})
    );
    let tokens = f.tokens(ALICE, "read:me offline_access").await;
    let access = tokens["access_token"].as_str().unwrap();
    f.api(access, "/me").await;
    f.api(access, "/oauth/token/accessible-resources").await;
    assert_eq!(
        stats(&f).await,
        json!({"api_requests": 2, "token_requests": 1, "refresh_requests": 0, "invalid_grants": 0})
    );
    let (status, _) = f
        .token(
            json!({ "grant_type": "refresh_token", "client_id": "test-client",
                       "client_secret": "test-secret", "refresh_token": "sbx_rt_unknown" }),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        stats(&f).await,
        json!({"api_requests": 2, "token_requests": 2, "refresh_requests": 1, "invalid_grants": 1})
    );
}

#[tokio::test]
async fn pkce_codes_are_exchanged_only_with_their_verifier() {
    let f = fixture().await;
    // challenge = BASE64URL(SHA256(verifier)), worked out with Python's hashlib.
    let verifier = "dBjftJeZ4CVP-mJ92K9r2VsKz5szKjhTmWZpYk8_F5YM";
    let challenge = "wUNwIT9ElR7CUw93AyuxrRQpkPbcwRmka9Q7aYxof1I";
    let fixture = &f;
    let code_for = |challenge: &'static str, method: &'static str| async move {
        let pkce = [
            ("code_challenge", challenge),
            ("code_challenge_method", method),
        ];
        fixture.code_with(ALICE, FULL, &pkce).await
    };
    let exchange = |code: String, verifier: Option<&'static str>| {
        let mut body = json!({ "grant_type": "authorization_code", "client_id": "test-client",
            "client_secret": "test-secret", "code": code, "redirect_uri": f.callback });
        if let Some(verifier) = verifier {
            body["code_verifier"] = json!(verifier);
        }
        f.token(body)
    };

    let code = code_for(challenge, "S256").await;
    let (status, body) = exchange(code.clone(), None).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    let (status, _) = exchange(code, Some(verifier)).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the failed attempt used the code up"
    );

    let code = code_for(challenge, "S256").await;
    let wrong = "aBjftJeZ4CVP-mJ92K9r2VsKz5szKjhTmWZpYk8_F5YM";
    let (status, body) = exchange(code, Some(wrong)).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );

    let code = code_for(challenge, "S256").await;
    let (status, body) = exchange(code, Some(verifier)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let mut plain = f.authorize_url(FULL);
    plain
        .query_pairs_mut()
        .append_pair("code_challenge", verifier)
        .append_pair("code_challenge_method", "plain");
    let refused = f.http.get(plain).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "only S256");
}

/// Puts `/control/quota`.
async fn set_quota(f: &Fixture, body: Value) {
    let response = f
        .http
        .put(format!("{}/control/quota", f.upstream.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// `r=` of a `Beta-RateLimit` header.
fn remaining(response: &reqwest::Response) -> u64 {
    let value = header(response, "beta-ratelimit").unwrap();
    value
        .split(';')
        .find_map(|part| part.strip_prefix("r="))
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn jira_calls_cost_points_per_object_and_say_so_in_every_answer() {
    let f = fixture().await;
    let token = f.access_token(ALICE).await;
    set_quota(&f, json!({ "points": 1000, "remaining": 1000 })).await;
    let get = |path: String| {
        f.http
            .get(format!(
                "{}/api/ex/jira/{ACME}/rest/api/3/{path}",
                f.upstream.base
            ))
            .bearer_auth(&token)
            .send()
    };
    let issue = get("issue/ACME-1".into()).await.unwrap();
    assert_eq!(issue.status(), StatusCode::OK);
    assert_eq!(
        header(&issue, "beta-ratelimit-policy"),
        Some("\"tenant-app-quota\";q=1000;w=3600")
    );
    assert_eq!(remaining(&issue), 998, "an issue: 1 + 1 object");
    assert_eq!(header(&issue, "x-ratelimit-limit"), Some("1000"));
    assert_eq!(header(&issue, "x-ratelimit-remaining"), Some("998"));
    let t: u64 = header(&issue, "beta-ratelimit")
        .unwrap()
        .split(';')
        .find_map(|part| part.strip_prefix("t="))
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (3590..=3600).contains(&t),
        "the window starts when the control sets the limits: {t}"
    );
    assert_eq!(header(&issue, "x-beta-ratelimit-nearlimit"), None);

    let search = get("search/jql?jql=project%3DACME&maxResults=5&fields=summary".into())
        .await
        .unwrap();
    assert_eq!(remaining(&search), 992, "a search page of 5: 1 + 5");
    let comments = get("issue/ACME-1/comment?maxResults=10".into())
        .await
        .unwrap();
    assert_eq!(remaining(&comments), 981, "10 comments: 1 + 10");
    let missing = get("issue/ACME-999".into()).await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        remaining(&missing),
        980,
        "a call Jira answers with an error (404) costs the base"
    );

    set_quota(&f, json!({ "remaining": 150, "cloud_id": ACME })).await;
    let near = get("myself".into()).await.unwrap();
    assert_eq!(header(&near, "x-beta-ratelimit-nearlimit"), Some("true"));

    set_quota(&f, json!({ "remaining": 0, "cloud_id": ACME })).await;
    let spent = get("issue/ACME-1".into()).await.unwrap();
    assert_eq!(spent.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        header(&spent, "ratelimit-reason"),
        Some("jira-quota-tenant-based")
    );
    assert_eq!(
        header(&spent, "x-beta-ratelimit-reason"),
        Some("jira-quota-tenant-based")
    );
    let retry_after: u64 = header(&spent, "retry-after").unwrap().parse().unwrap();
    assert!((1..=3600).contains(&retry_after));
    let reset = header(&spent, "x-ratelimit-reset").unwrap();
    assert!(
        reset.len() == 17 && reset.ends_with('Z') && reset.as_bytes()[10] == b'T',
        "yyyy-MM-ddTHH:mmZ: {reset}"
    );
    assert_eq!(
        header(&spent, "beta-ratelimit-policy"),
        None,
        "missing once spent, as apps report"
    );
    let body: Value = spent.json().await.unwrap();
    assert_eq!(
        body,
        json!({"errorMessages":["The request has been rate-limited. Please try again later."],"errors":{},"status":429})
    );
    let other = f
        .api(&token, &format!("/ex/jira/{GLOBEX}/rest/api/3/issue/GLX-1"))
        .await;
    assert_eq!(other.0, StatusCode::OK, "each site has its own quota");
    assert_eq!(
        f.api(&token, "/me").await.0,
        StatusCode::OK,
        "identity is not Jira's"
    );

    set_quota(&f, json!({ "remaining": 1000, "burst_per_second": 2 })).await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let answer = get("myself".into()).await.unwrap();
        if answer.status() == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(
                header(&answer, "ratelimit-reason"),
                Some("jira-burst-based")
            );
            assert_eq!(header(&answer, "retry-after"), Some("1"));
        }
        statuses.push(answer.status());
    }
    assert!(
        statuses.contains(&StatusCode::TOO_MANY_REQUESTS),
        "more than 2 a second to one endpoint: {statuses:?}"
    );
    let comments = get("issue/ACME-2/comment".into()).await.unwrap();
    assert_eq!(
        comments.status(),
        StatusCode::OK,
        "another endpoint has its own burst"
    );
}

#[tokio::test]
async fn a_spent_quota_comes_back_when_its_window_ends() {
    let f = fixture().await;
    let token = f.access_token(ALICE).await;
    set_quota(
        &f,
        json!({ "points": 100, "window_secs": 2, "remaining": 0 }),
    )
    .await;
    let path = format!("/ex/jira/{ACME}/rest/api/3/myself");
    assert_eq!(f.api(&token, &path).await.0, StatusCode::TOO_MANY_REQUESTS);
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(f.api(&token, &path).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_window_starts_when_the_control_sets_the_limits() {
    let f = fixture().await;
    let token = f.access_token(ALICE).await;
    // Just before a multiple of two seconds since the epoch: a window counted from the epoch
    // would end a moment after the control sets it.
    let since_epoch = std::time::UNIX_EPOCH.elapsed().unwrap().as_millis();
    let wait = (1_900 + 2_000 - since_epoch % 2_000) % 2_000;
    tokio::time::sleep(std::time::Duration::from_millis(wait as u64)).await;
    set_quota(
        &f,
        json!({ "points": 100, "window_secs": 2, "remaining": 0 }),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let path = format!("/ex/jira/{ACME}/rest/api/3/myself");
    let refused = f.api_response(&token, &path).await;
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(
        matches!(header(&refused, "retry-after"), Some("1" | "2")),
        "the window's rest: {:?}",
        header(&refused, "retry-after")
    );
}
