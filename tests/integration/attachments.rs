//! Attachments through the server: listed on the issue page with previews, opened by streaming
//! from Jira's media host with headers that let only raster images show inline.

use crate::common::*;
use app::sandbox::faults::Faults;
use reqwest::{header, StatusCode};

/// ACME-1's files, in the order the sandbox gives them ids.
const SCREENSHOT: u64 = 50_000;
const PHOTO: u64 = 50_001;
const GIF: u64 = 50_002;
const WEBP: u64 = 50_003;
const PDF: u64 = 50_004;
const LOG: u64 = 50_005;
const SVG: u64 = 50_006;
const HTML: u64 = 50_007;
const LARGE: u64 = 50_008;

fn path(id: u64) -> String {
    format!("/sites/{ACME}/attachments/{id}")
}

async fn get(app: &TestApp, cookie: &str, path: &str, range: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()
        .unwrap()
        .get(app.url(path))
        .header(header::COOKIE, cookie);
    if let Some(range) = range {
        request = request.header(header::RANGE, range);
    }
    request.send().await.unwrap()
}

fn header_of(response: &reqwest::Response, name: header::HeaderName) -> String {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_issue_page_lists_every_file_with_a_link_and_previews_for_images() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let html = app
        .html_with_cookie(&cookie, &format!("/sites/{ACME}/issues/ACME-1"))
        .await;
    for id in [SCREENSHOT, PHOTO, GIF, WEBP, PDF, LOG, SVG, HTML, LARGE] {
        assert!(html.contains(&format!("href=\"{}\"", path(id))), "{id}");
    }
    for id in [SCREENSHOT, PHOTO, GIF, WEBP] {
        assert!(
            html.contains(&format!(
                "src=\"{}/thumbnail\" alt=\"\" width=\"64\" height=\"64\" loading=\"lazy\"",
                path(id)
            )),
            "a fixed-size lazy preview of {id}"
        );
    }
    for id in [PDF, LOG, SVG, HTML, LARGE] {
        assert!(!html.contains(&format!("{}/thumbnail", path(id))), "{id}");
    }
    assert!(
        html.contains("PNG · 937 B") || html.contains("PNG ·"),
        "type and size"
    );
    assert!(
        html.contains("20 MB") || html.contains("20.0 MB"),
        "{}",
        html.len()
    );
}

#[tokio::test]
async fn images_show_inline_and_everything_else_downloads_as_opaque_bytes() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    for (id, kind) in [
        (SCREENSHOT, "image/png"),
        (PHOTO, "image/jpeg"),
        (GIF, "image/gif"),
        (WEBP, "image/webp"),
    ] {
        let response = get(&app, &cookie, &path(id), None).await;
        assert_eq!(response.status(), StatusCode::OK, "{id}");
        assert_eq!(header_of(&response, header::CONTENT_TYPE), kind);
        assert!(header_of(&response, header::CONTENT_DISPOSITION).starts_with("inline;"));
        assert_eq!(
            header_of(&response, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff"
        );
        assert_eq!(
            header_of(&response, header::CACHE_CONTROL),
            "private, max-age=300"
        );
        assert_eq!(header_of(&response, header::VARY), "cookie");
        assert!(header_of(&response, header::CONTENT_SECURITY_POLICY).contains("sandbox"));
        let length: usize = header_of(&response, header::CONTENT_LENGTH)
            .parse()
            .unwrap();
        assert_eq!(response.bytes().await.unwrap().len(), length);
    }
    for (id, name, inside) in [
        (SVG, "logo.svg", "<script>alert('svg')</script>"),
        (HTML, "report.html", "<script>alert('html')</script>"),
        (PDF, "specification.pdf", "%PDF-1.4"),
        (LOG, "server.log", "request handled"),
    ] {
        let response = get(&app, &cookie, &path(id), None).await;
        assert_eq!(response.status(), StatusCode::OK, "{id}");
        assert_eq!(
            header_of(&response, header::CONTENT_TYPE),
            "application/octet-stream",
            "{name} is never rendered"
        );
        assert_eq!(
            header_of(&response, header::CONTENT_DISPOSITION),
            format!("attachment; filename*=UTF-8''{name}")
        );
        assert_eq!(
            header_of(&response, header::X_CONTENT_TYPE_OPTIONS),
            "nosniff"
        );
        assert!(header_of(&response, header::CONTENT_ENCODING).is_empty());
        assert!(String::from_utf8_lossy(&response.bytes().await.unwrap()).contains(inside));
    }
    assert_eq!(
        app.sandbox.bearer_at_media(),
        0,
        "the bearer token stays at the gateway"
    );
}

#[tokio::test]
async fn a_range_is_passed_through_and_a_file_past_the_cap_is_refused_before_it_is_read() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let part = get(&app, &cookie, &path(LOG), Some("bytes=0-9")).await;
    assert_eq!(part.status(), StatusCode::PARTIAL_CONTENT);
    assert!(header_of(&part, header::CONTENT_RANGE).starts_with("bytes 0-9/"));
    assert_eq!(part.bytes().await.unwrap().as_ref(), b"2026-11-20");

    let large = get(&app, &cookie, &path(LARGE), None).await;
    assert_eq!(large.status(), StatusCode::BAD_GATEWAY);
    let html = large.text().await.unwrap();
    assert!(
        html.contains("This file is 20 MB; files up to 16 MB open here. Open it in Jira instead."),
        "{html}"
    );
}

#[tokio::test]
async fn an_answer_that_runs_past_the_cap_without_saying_its_length_is_cut_off() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    app.sandbox.set_faults(Faults {
        oversize_bytes: Some(17 * 1024 * 1024),
        path_contains: Some("/attachment/content/".to_owned()),
        ..Faults::default()
    });
    for id in [SCREENSHOT, LOG] {
        let response = get(&app, &cookie, &path(id), None).await;
        assert_eq!(response.status(), StatusCode::OK, "the start streams");
        let mut received = 0usize;
        let mut stream = response;
        let ended_in_error = loop {
            match stream.chunk().await {
                Ok(Some(chunk)) => received += chunk.len(),
                Ok(None) => break false,
                Err(_) => break true,
            }
        };
        assert!(ended_in_error, "a cut, not a complete file");
        assert!(received <= 16 * 1024 * 1024, "{received} bytes passed on");
    }
}

#[tokio::test]
async fn only_the_persons_sites_and_issues_and_only_signed_in() {
    let app = spawn().await;
    let carol = app.signed_in_cookie(CAROL).await;
    let not_hers = get(&app, &carol, &path(SCREENSHOT), None).await;
    assert_eq!(not_hers.status(), StatusCode::NOT_FOUND, "no site granted");

    let alice = app.signed_in_cookie(ALICE).await;
    let other_site = get(
        &app,
        &alice,
        &format!("/sites/{GLOBEX}/attachments/{SCREENSHOT}"),
        None,
    )
    .await;
    assert_eq!(
        other_site.status(),
        StatusCode::NOT_FOUND,
        "Jira's 404 on another site"
    );
    for bad in [
        format!("/sites/not-a-uuid/attachments/{SCREENSHOT}"),
        format!("/sites/{ACME}/attachments/..%2F..%2Fme"),
        format!("/sites/{ACME}/attachments/-1"),
    ] {
        assert_eq!(
            get(&app, &alice, &bad, None).await.status(),
            StatusCode::NOT_FOUND,
            "{bad}"
        );
    }

    let signed_out = get(&app, "", &path(SCREENSHOT), None).await;
    assert_eq!(signed_out.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&signed_out),
        format!("/?return_to=%2Fsites%2F{ACME}%2Fattachments%2F{SCREENSHOT}")
    );
}

#[tokio::test]
async fn a_redirect_to_a_host_that_is_not_atlassians_is_not_followed() {
    let elsewhere = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let elsewhere_url = format!("http://{}/steal", elsewhere.local_addr().unwrap());
    let visits = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = visits.clone();
    tokio::spawn(async move {
        while let Ok((_stream, _)) = elsewhere.accept().await {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    app.sandbox.set_faults(Faults {
        redirect_to: Some(elsewhere_url),
        path_contains: Some("/attachment/content/".to_owned()),
        ..Faults::default()
    });
    let response = get(&app, &cookie, &path(SCREENSHOT), None).await;
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(visits.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn the_description_shows_its_images_and_files_and_nothing_from_another_host() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let page = format!("/sites/{ACME}/issues/ACME-1");
    let before = app.sandbox.api_requests();
    let html = app.html_with_cookie(&cookie, &page).await;
    let first_view = app.sandbox.api_requests() - before;
    for expected in [
        format!(
            "<img src=\"{}\" alt=\"screenshot.png\" width=\"320\" height=\"180\" loading=\"lazy\"",
            path(SCREENSHOT)
        ),
        format!(
            "<img src=\"{}\" alt=\"photo.jpg\" width=\"240\" height=\"135\" loading=\"lazy\"",
            path(PHOTO)
        ),
        format!("<a href=\"{}\" class=\"adf-file\">", path(PDF)),
        format!("<a href=\"{}\" class=\"adf-file\">", path(SVG)),
        format!("<a href=\"{}\" class=\"adf-file\">", path(LOG)),
        "🖼 An external diagram (images.example.com)".to_owned(),
        "adf-media--wide".to_owned(),
    ] {
        assert!(html.contains(&expected), "{expected}");
    }
    assert!(
        !html.contains(&format!("<img src=\"{}\"", path(SVG))),
        "an SVG is never an image"
    );
    assert!(
        !html.contains("src=\"https://images.example.com"),
        "no request to another host"
    );

    let before = app.sandbox.api_requests();
    app.html_with_cookie(&cookie, &page).await;
    let second_view = app.sandbox.api_requests() - before;
    assert!(
        first_view >= second_view + 9,
        "the media ids of the 9 files are looked up once: {first_view} then {second_view}"
    );
}

#[tokio::test]
async fn a_comment_shows_its_picture_and_its_issue_link() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let html = app
        .html_with_cookie(&cookie, &format!("/sites/{ACME}/issues/ACME-1"))
        .await;
    let comments = &html[html.find("Comment 25 on").expect("the newest comment")..];
    assert!(comments.contains(&format!(
        "<img src=\"{}\" alt=\"diagram.gif\" width=\"96\" height=\"96\"",
        path(GIF)
    )));
    assert!(comments.contains(&format!(
        "href=\"/sites/{ACME}/issues/ACME-4\" class=\"adf-issue-card\""
    )));
}
