//! What a production deployment relies on: security headers and a nonce-based CSP, caching and
//! compression, https-only cookies and HSTS behind Cloud Run's front end, `$PORT`, start-up
//! errors that name the variable, and a clean exit on SIGTERM.

use crate::common::*;
use reqwest::{header, StatusCode};
use std::{
    process::{Command, Stdio},
    time::Duration,
};

#[tokio::test]
async fn pages_carry_a_nonce_csp_that_every_script_satisfies() {
    let app = spawn().await;
    let response = app.get(&browser(), "/").await;
    let headers = response.headers().clone();
    let csp = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src")
        .to_owned();
    for directive in [
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "style-src 'self'",
    ] {
        assert!(csp.contains(directive), "{directive} in {csp}");
    }
    assert!(!csp.contains("unsafe-inline"));
    assert!(
        csp.contains("connect-src 'self';"),
        "no live-reload socket outside cargo leptos watch: {csp}"
    );
    let html = response.text().await.unwrap();
    let scripts = html.matches("<script").count();
    assert!(scripts > 0);
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        scripts,
        "every script has the nonce"
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cross-origin-opener-policy"], "same-origin");
    assert_eq!(
        headers["referrer-policy"],
        "strict-origin-when-cross-origin"
    );
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");

    let other = app.get(&browser(), "/").await;
    assert_ne!(
        other.headers()[header::CONTENT_SECURITY_POLICY],
        headers[header::CONTENT_SECURITY_POLICY],
        "a fresh nonce per response"
    );
}

#[tokio::test]
async fn problem_pages_allow_no_script_at_all() {
    let app = spawn().await;
    let response = app.get(&browser(), "/oauth/callback?code=x&state=y").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("script-src 'none'"), "{csp}");
    assert!(!response.text().await.unwrap().contains("<script"));
}

#[tokio::test]
async fn responses_are_compressed_when_the_browser_accepts_it() {
    let app = spawn().await;
    for encoding in ["br", "gzip"] {
        let response = reqwest::Client::new()
            .get(app.url("/"))
            .header(header::ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
    }
}

#[tokio::test]
async fn behind_https_cookies_are_host_bound_and_hsts_is_sent() {
    let (upstream, mut listeners) =
        upstream_with_callbacks(1, &["https://jira.example.com/oauth/callback"]).await;
    let app = instance(
        &upstream,
        listeners.remove(0),
        &[("APP_URL", "https://jira.example.com")],
    )
    .await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .get(app.url("/initiate-oauth"))
        .header("x-forwarded-proto", "https")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FOUND);
    let pending = set_cookie(&response, "jsa-signin-").expect("the pending sign-in's cookie");
    assert!(pending.starts_with("__Host-jsa-signin-"), "{pending}");

    // The callback (the sandbox knows the https callback; the browser reaches us on loopback).
    let authorize = url::Url::parse(&location(&response)).unwrap();
    let callback = app.decide(&client, &authorize, ALICE, "accept").await;
    let callback = url::Url::parse(&callback).unwrap();
    let signed_in = client
        .get(app.url(&format!("/oauth/callback?{}", callback.query().unwrap())))
        .header("x-forwarded-proto", "https")
        .header(header::COOKIE, pending.split(';').next().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let session = set_cookie(&signed_in, "jsa-session").expect("a session cookie");
    assert!(session.starts_with("__Host-jsa-session="), "{session}");
    for cookie in [&pending, &session] {
        for flag in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(cookie.contains(flag), "{flag} in {cookie}");
        }
        assert!(!cookie.contains("Domain"), "{cookie}");
    }
    assert!(response
        .headers()
        .contains_key(header::STRICT_TRANSPORT_SECURITY));

    let plain = client
        .get(app.url("/health-check"))
        .header("x-forwarded-proto", "http")
        .send()
        .await
        .unwrap();
    assert!(!plain
        .headers()
        .contains_key(header::STRICT_TRANSPORT_SECURITY));
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Runs `command` as a sandbox served beyond loopback on purpose (`$PORT`, `SANDBOX=1`, an https
/// `APP_URL`) until it answers `/health-check`, stops it with SIGTERM, and returns its log.
async fn log_of_a_short_run(mut command: Command) -> String {
    let port = free_port();
    let mut child = command
        .env("PORT", port.to_string())
        .env("SANDBOX", "1")
        .env("APP_URL", "https://demo.example.com")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/health-check");
    for _ in 0..100 {
        if reqwest::get(&url).await.is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    tokio::task::spawn_blocking(move || {
        child.wait().unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut text).unwrap();
        text
    })
    .await
    .unwrap()
}

fn server() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jira-sso-auth"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LEPTOS_OUTPUT_NAME", "jira-sso-auth")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    command
}

#[tokio::test]
async fn a_bad_variable_stops_start_up_with_one_line_naming_it() {
    let output = server().env("PORT", "eighty").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim(),
        "configuration error: PORT: not a port number: \"eighty\""
    );

    let output = server().env("K_SERVICE", "jira-sso-auth").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("ATLASSIAN_CLIENT_ID"));

    // Beyond loopback: the sandbox only on purpose, and only behind an https APP_URL.
    let output = server().env("PORT", "8080").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with(
        "configuration error: ATLASSIAN_CLIENT_ID: not set, and the app listens on 0.0.0.0:8080"
    ));
    let output = server()
        .env("PORT", "8080")
        .env("SANDBOX", "1")
        .env("APP_URL", "http://demo.example.com")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        "configuration error: APP_URL: must be an https URL when the app listens on 0.0.0.0:8080"
    );
}

#[tokio::test]
async fn it_listens_on_port_and_exits_cleanly_on_sigterm() {
    let port = free_port();
    let mut child = server()
        .env("PORT", port.to_string())
        .env("SANDBOX", "1")
        .env("APP_URL", "https://demo.example.com")
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/health-check");
    let mut healthy = false;
    for _ in 0..100 {
        if reqwest::get(&url)
            .await
            .is_ok_and(|r| r.status() == StatusCode::OK)
        {
            healthy = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(healthy, "serves /health-check on 0.0.0.0:$PORT");
    // A sandbox served beyond loopback on purpose keeps its levers to itself.
    let base = format!("http://127.0.0.1:{port}/sandbox");
    let stats = reqwest::get(format!("{base}/control/stats")).await.unwrap();
    assert_eq!(
        stats.status(),
        StatusCode::NOT_FOUND,
        "no control endpoints"
    );
    let revoke = reqwest::Client::new()
        .post(format!("{base}/control/revoke-grants?account_id={ALICE}"))
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), StatusCode::NOT_FOUND);
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::task::spawn_blocking(move || child.wait())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(status.code(), Some(0), "SIGTERM is a clean exit");
}

#[tokio::test]
async fn every_answer_has_its_own_request_id_shown_on_error_pages_and_in_the_logs() {
    logs();
    let app = spawn().await;
    let id_of = |response: &reqwest::Response| -> uuid::Uuid {
        let header = response.headers()["x-request-id"].to_str().unwrap();
        header.parse().expect("the request id is a UUID")
    };

    let health = app.get(&browser(), "/health-check").await;
    let first = id_of(&health);
    assert_eq!(first.get_version_num(), 7, "time-ordered (v7): {first}");

    // A client cannot choose its id.
    let chosen = browser()
        .get(app.url("/health-check"))
        .header("x-request-id", "chosen-by-the-client")
        .send()
        .await
        .unwrap();
    let second = id_of(&chosen);
    assert_ne!(second, first, "one id per request");
    assert!(second > first, "ids sort in the order requests came");

    // Error pages from the router and from the plain handlers quote it.
    for path in ["/no/such/page", "/oauth/callback?state=forged&code=x"] {
        let response = app.get(&browser(), path).await;
        assert!(response.status().is_client_error(), "{path}");
        let id = id_of(&response).to_string();
        let html = response.text().await.unwrap();
        assert!(
            html.contains("Quote this id if you report the problem")
                && html.contains(&format!("<code>{id}</code>")),
            "{path} shows its id {id}"
        );
    }

    // A line logged while the request was handled (not only the access line) carries it.
    let refused = browser()
        .post(app.url("/logout"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let id = id_of(&refused).to_string();
    let logs = String::from_utf8_lossy(&logs().lock().unwrap()).into_owned();
    assert!(
        logs.lines()
            .any(|line| line.contains("cross-site write refused") && line.contains(&id)),
        "the warning names request {id}"
    );
}

#[tokio::test]
async fn the_log_filter_can_come_from_the_env_file() {
    let dir = std::env::temp_dir().join(format!("jsa-dotenv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(".env"), "RUST_LOG=warn\n").unwrap();
    let mut command = server();
    command.current_dir(&dir).env_remove("RUST_LOG");
    let output = log_of_a_short_run(command).await;
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        output.contains("sandbox mode"),
        "warnings are logged: {output}"
    );
    assert!(
        !output.contains("listening on"),
        "RUST_LOG=warn from .env holds back the info lines: {output}"
    );
}

#[test]
fn env_example_names_every_configuration_variable() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let example = std::fs::read_to_string(format!("{root}/.env.example")).unwrap();
    let table = readme
        .split("## Configuration")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README's configuration section");
    let names: Vec<&str> = table
        .lines()
        .filter(|line| line.starts_with("| `"))
        .flat_map(|line| line.split('|').nth(1).unwrap_or_default().split('`'))
        .filter(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .collect();
    assert!(names.len() >= 10, "the table was read: {names:?}");
    for name in names {
        assert!(
            example.lines().any(|line| line
                .trim_start_matches("# ")
                .starts_with(&format!("{name}="))),
            ".env.example lists {name}"
        );
    }
}

#[tokio::test]
async fn on_cloud_run_without_redis_the_log_says_sessions_stay_in_one_instance() {
    let mut command = server();
    command.env("K_SERVICE", "jira-sso-auth");
    let output = log_of_a_short_run(command).await;
    let warning = output
        .lines()
        .find(|line| line.contains("REDIS_URL is not set"))
        .unwrap_or_else(|| panic!("a warning naming REDIS_URL: {output}"));
    let entry: serde_json::Value = serde_json::from_str(warning).unwrap();
    assert_eq!(entry["severity"], "WARNING");
}

/// The exit code and standard error of `command`, killed if it still runs after 20 s (it then
/// started when it should not have).
async fn exit_of(mut command: Command) -> (Option<i32>, String) {
    let child = command
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", free_port()))
        .spawn()
        .unwrap();
    let id = child.id();
    let waiting = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap());
    let output = match tokio::time::timeout(Duration::from_secs(20), waiting).await {
        Ok(output) => output.unwrap(),
        Err(_) => {
            Command::new("kill")
                .args(["-KILL", &id.to_string()])
                .status()
                .unwrap();
            panic!("still running after 20 s: it should have refused to start");
        }
    };
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).trim().to_owned(),
    )
}

#[tokio::test]
async fn a_redis_that_refuses_us_stops_start_up_with_one_line_naming_the_variable() {
    let tls = RedisTls::generate(Some("IP:127.0.0.1"));
    let password = "the-right-auth-string";
    let redis = Redis::start_tls(&tls, password);
    let ca = tls.ca();
    let with_ca = |url: String| {
        let mut command = server();
        command.env("REDIS_URL", url).env("REDIS_CA_CERT", &ca);
        command
    };
    let url = redis.url();
    let tls_port = redis.port;

    let mut system_roots = server();
    system_roots.env("REDIS_URL", &url);
    let another_ca = RedisTls::generate(Some("IP:127.0.0.1"));
    let mut wrong_ca = server();
    wrong_ca
        .env("REDIS_URL", &url)
        .env("REDIS_CA_CERT", another_ca.ca());
    let wrong_password = with_ca(url.replace(password, "a-wrong-auth-string"));
    let no_password = with_ca(format!("rediss://127.0.0.1:{tls_port}"));
    let tls_port_in_clear = {
        let mut command = server();
        command.env("REDIS_URL", format!("redis://127.0.0.1:{tls_port}"));
        command
    };
    for (command, expected) in [
        (
            wrong_ca,
            "configuration error: REDIS_CA_CERT: the TLS handshake with Redis failed \
             (invalid peer certificate: UnknownIssuer)",
        ),
        (
            system_roots,
            "configuration error: REDIS_CA_CERT: the TLS handshake with Redis failed \
             (invalid peer certificate: UnknownIssuer)",
        ),
        (
            wrong_password,
            "configuration error: REDIS_URL: Redis refused the password",
        ),
        (
            no_password,
            "configuration error: REDIS_URL: Redis refused the password",
        ),
    ] {
        let (code, stderr) = exit_of(command).await;
        assert_eq!(code, Some(2), "{stderr}");
        assert!(stderr.starts_with(expected), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            !stderr.contains("auth-string"),
            "a password printed: {stderr}"
        );
    }
    // A plain client at a TLS port is hung up on, like a Redis that is down: the app starts and
    // says so.
    let output = log_of_a_short_run(tls_port_in_clear).await;
    assert!(output.contains("Redis does not answer yet"), "{output}");
}

#[tokio::test]
async fn a_host_name_is_checked_against_the_certificate_even_with_a_ca_of_its_own() {
    let tls = RedisTls::generate(Some("DNS:redis.internal"));
    let redis = Redis::start_tls(&tls, "an-auth-string");
    let mut command = server();
    command
        .env(
            "REDIS_URL",
            format!("rediss://:an-auth-string@localhost:{}", redis.port),
        )
        .env("REDIS_CA_CERT", tls.ca());
    let (code, stderr) = exit_of(command).await;
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with(
            "configuration error: REDIS_CA_CERT: the TLS handshake with Redis failed \
             (invalid peer certificate: certificate not valid for name \"localhost\""
        ),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_redis_that_is_merely_down_lets_the_app_start_and_says_so() {
    let mut command = server();
    command.env("REDIS_URL", format!("redis://127.0.0.1:{}", free_port()));
    let output = log_of_a_short_run(command).await;
    let line = output
        .lines()
        .find(|line| line.contains("Redis does not answer yet"))
        .unwrap_or_else(|| panic!("a warning that Redis is down: {output}"));
    assert!(
        line.contains("sign-ins fail with 503 until it does"),
        "{line}"
    );
}
