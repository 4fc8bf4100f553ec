//! Pages after sign-in: statuses and content of the dashboard, the issue viewer and the lookup.

use crate::common::*;
use reqwest::StatusCode;

#[tokio::test]
async fn a_person_with_one_site_and_a_hidden_email() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, BOB).await;
    let html = app.get(&client, "/dashboard").await.text().await.unwrap();
    assert!(html.contains("Bob Brown"));
    assert!(html.contains("E-mail hidden by your Atlassian privacy settings"));
    assert!(html.contains("https://acme.atlassian.net"));
    assert!(
        !html.contains("https://globex.atlassian.net"),
        "only the granted site"
    );
}

#[tokio::test]
async fn a_person_without_sites_is_told_so() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, CAROL).await;
    let html = app.get(&client, "/dashboard").await.text().await.unwrap();
    // Carol's Atlassian profile is Japanese.
    assert!(html.contains("どのサイトへのアクセスも許可されていません。"));
}

#[tokio::test]
async fn issue_page_statuses_say_what_they_mean() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, BOB).await;
    let cases = [
        (
            format!("/sites/{ACME}/issues/ACME-1"),
            StatusCode::OK,
            "Checkout page",
        ),
        (
            format!("/sites/{ACME}/issues/ACME-999"),
            StatusCode::NOT_FOUND,
            "ACME-999 was not found, or you don",
        ),
        (
            format!("/sites/{ACME}/issues/not%20a%20key"),
            StatusCode::BAD_REQUEST,
            "is not an issue key",
        ),
        (
            format!("/sites/{GLOBEX}/issues/GLX-7"),
            StatusCode::NOT_FOUND,
            "not one of the sites you granted",
        ),
        (
            "/sites/..%2F..%2Fevil/issues/ACME-1".to_owned(),
            StatusCode::NOT_FOUND,
            "Page not found",
        ),
    ];
    for (path, status, text) in cases {
        let response = app.get(&client, &path).await;
        assert_eq!(response.status(), status, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains(text), "{path} says {text}");
    }
}

#[tokio::test]
async fn a_site_segment_that_is_not_a_cloud_id_is_404_before_anything_is_asked() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let calls_before = app.sandbox.api_requests();
    for segment in [
        "acme",
        "11111111-2222-4333-8444-55555555555",
        "..%2Fme",
        "%20",
    ] {
        let path = format!("/sites/{segment}/issues/ACME-1");
        let response = app.get_with_cookie(&cookie, &path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(
            response.text().await.unwrap().contains("Page not found"),
            "{path}"
        );
        // Signed out, the answer is the same: no sign-in is asked for a page that cannot exist.
        let signed_out = app.get(&browser(), &path).await;
        assert_eq!(
            signed_out.status(),
            StatusCode::NOT_FOUND,
            "{path} signed out"
        );
    }
    let bad_argument = app
        .server_fn(&cookie, "issue", "cloud_id=acme&key=ACME-1".to_owned())
        .send()
        .await
        .unwrap();
    assert_eq!(
        bad_argument.status(),
        StatusCode::BAD_REQUEST,
        "a server function's bad argument"
    );
    assert_eq!(
        app.sandbox.api_requests(),
        calls_before,
        "Atlassian was not asked"
    );
}

#[tokio::test]
async fn signed_out_pages_redirect_to_sign_in_and_remember_where() {
    let app = spawn().await;
    let client = browser();
    let response = app
        .get(&client, &format!("/sites/{ACME}/issues/ACME-1"))
        .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(
        location(&response),
        format!("/?return_to=%2Fsites%2F{ACME}%2Fissues%2FACME-1")
    );
}

#[tokio::test]
async fn lookup_goes_to_the_issue_or_back_to_the_form() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    let go = app
        .get(&client, &format!("/lookup?site={GLOBEX}&key=+glx-1+"))
        .await;
    assert_eq!(go.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&go), format!("/sites/{GLOBEX}/issues/GLX-1"));

    let pasted = app
        .get(
            &client,
            &format!(
                "/lookup?site={GLOBEX}&key=https%3A%2F%2Facme.atlassian.net%2Fbrowse%2FACME-3"
            ),
        )
        .await;
    assert_eq!(location(&pasted), format!("/sites/{ACME}/issues/ACME-3"));

    let bad = app
        .get(&client, &format!("/lookup?site={GLOBEX}&key=glx+7"))
        .await;
    assert_eq!(bad.status(), StatusCode::SEE_OTHER);
    let back = location(&bad);
    assert!(back.starts_with("/dashboard?"), "{back}");
    let html = app.get(&client, &back).await.text().await.unwrap();
    assert!(
        html.contains("is not an issue key"),
        "the form explains the problem"
    );
    assert!(html.contains("value=\"glx 7\""), "and keeps what was typed");
}

#[tokio::test]
async fn unknown_pages_answer_404() {
    let app = spawn().await;
    let response = app.get(&browser(), "/no/such/page").await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn hostile_site_names_and_urls_stay_text() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, "70121:8f2d1c3b-hostile").await;
    let html = app.get(&client, "/dashboard").await.text().await.unwrap();
    assert!(
        html.contains("&lt;img src=x onerror=alert(&#x27;site&#x27;)&gt;")
            || html.contains("&lt;img src=x onerror=alert('site')&gt;"),
        "the name is escaped"
    );
    assert!(!html.contains("href=\"javascript:"), "no javascript: link");
    assert!(!html.contains("src=\"javascript:"), "no javascript: image");
    assert!(!html.contains("<img src=x"), "no markup from the data");
    let issue = app
        .get(
            &client,
            "/sites/33333333-4444-4555-8666-777777777777/issues/TPS-1",
        )
        .await;
    assert_eq!(issue.status(), StatusCode::OK);
    let html = issue.text().await.unwrap();
    assert!(
        !html.contains("<script>alert"),
        "the summary is escaped, in the title too"
    );
    assert!(html.contains("&lt;script&gt;alert"));

    let breakout = app
        .get(
            &client,
            "/sites/33333333-4444-4555-8666-777777777777/issues/TPS-11",
        )
        .await;
    let html = breakout.text().await.unwrap();
    assert_eq!(
        html.matches("</title>").count(),
        1,
        "the summary cannot close the title"
    );
    assert!(!html.contains("<script>alert('title')"));
}

#[tokio::test]
async fn the_issue_page_shows_metadata_relations_and_attachments() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    let html = app
        .get(&client, &format!("/sites/{ACME}/issues/ACME-1"))
        .await
        .text()
        .await
        .unwrap();
    for text in [
        "customer-reported, regression",
        "Checkout",
        "2026.11",
        "screenshot.png",
        "PNG · 937 B",
        "database-dump.bin",
        "BIN · 20.0 MB",
        ">blocks<",
        "ACME-3",
        ">Sub-task<",
        "ACME-12",
        "<time datetime=",
        "adf-panel--info",
        "<h3 class=\"adf-heading\">Checkout timeouts",
        "class=\"type-icon type-icon--",
    ] {
        assert!(html.contains(text), "ACME-1 shows {text}");
    }
    let epic_child = app
        .get(&client, &format!("/sites/{ACME}/issues/ACME-2"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        epic_child.contains(">Parent<") && epic_child.contains("ACME-11"),
        "a story shows its epic"
    );
    let epic = app
        .get(&client, &format!("/sites/{ACME}/issues/ACME-11"))
        .await
        .text()
        .await
        .unwrap();
    assert!(epic.contains("class=\"type-icon type-icon--epic\""));
}

#[tokio::test]
async fn code_blocks_are_highlighted_on_the_server_and_stay_text() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    let html = app
        .get(&client, &format!("/sites/{ACME}/issues/ACME-1"))
        .await
        .text()
        .await
        .unwrap();
    for expected in [
        "<span class=\"hl-keyword\">fn</span> <span class=\"hl-function\">main</span>",
        "<span class=\"hl-string\">\"&lt;checkout&gt;\"</span>",
        "<span class=\"hl-comment\">// Retry the payment once the gateway answers.",
        "<span class=\"hl-deleted\">-timeout: 30s",
        "<span class=\"hl-inserted\">+timeout: 60s",
    ] {
        assert!(html.contains(expected), "ACME-1 has {expected}");
    }
    assert!(
        html.contains("<pre><code>TimeoutError at checkout.rs:42"),
        "a block without a language stays plain"
    );
    assert!(
        !html.contains(" style="),
        "colours are classes, never inline styles"
    );
}

/// Alice's profile says en-GB and Berlin, Bob's en-US and New York: both read English, each in
/// their own zone and their own region's way (24-hour British times, 12-hour American ones).
#[tokio::test]
async fn dates_show_in_each_persons_time_zone_and_region_with_how_long_ago() {
    let app = spawn().await;
    let path = format!("/sites/{ACME}/issues/ACME-1");
    for (person, offsets, zones, twelve_hours) in [
        (ALICE, ["+01:00", "+02:00"], [" CET<", " CEST<"], false),
        (BOB, ["-05:00", "-04:00"], [" EST<", " EDT<"], true),
    ] {
        let client = browser();
        app.sign_in(&client, person).await;
        let html = app.get(&client, &path).await.text().await.unwrap();
        let stamps: Vec<&str> = html
            .split("<time datetime=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|stamp| stamp.contains('T'))
            .collect();
        assert!(stamps.len() >= 3, "created, updated and comment times");
        for stamp in &stamps {
            assert!(
                offsets.iter().any(|offset| stamp.ends_with(offset)),
                "{person}: {stamp} is not in their zone"
            );
        }
        assert!(
            zones.iter().any(|zone| html.contains(zone)),
            "{person}: zone named"
        );
        assert_eq!(
            html.contains("\u{202f}AM ") || html.contains("\u{202f}PM "),
            twelve_hours,
            "{person}: their region's clock"
        );
        assert!(html.contains(" days ago<") || html.contains(" months ago<"));
    }
}

/// The rendered list of comments in a page (the hydration data also carries the issue's first
/// page of them).
fn comment_list(html: &str) -> &str {
    let start = html.find("class=\"comment-list\"").expect("a comment list");
    let end = start + html[start..].find("</ol>").expect("the list's end");
    &html[start..end]
}

#[tokio::test]
async fn comments_page_newest_or_oldest_first_without_javascript() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    let path = format!("/sites/{ACME}/issues/ACME-1");
    let html = app.get(&client, &path).await.text().await.unwrap();
    assert!(html.contains("1–10 of 25"), "{html}");
    let newest = html.find("Comment 25 on").expect("the newest comment");
    let older = html.find("Comment 16 on").expect("the tenth newest");
    assert!(newest < older, "newest first by default");
    assert!(!html.contains("Comment 15 on"), "ten per page");
    assert!(
        html.contains("href=\"?comments=newest&amp;start=10\""),
        "a link to older comments"
    );

    let page = app
        .get(&client, &format!("{path}?comments=oldest&start=20"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("21–25 of 25"));
    let shown = comment_list(&page);
    assert!(shown.find("Comment 21 on").unwrap() < shown.find("Comment 25 on").unwrap());
    assert!(!shown.contains("Comment 20 on"));

    let quiet = app
        .get(&client, &format!("/sites/{ACME}/issues/ACME-2"))
        .await
        .text()
        .await
        .unwrap();
    assert!(quiet.contains("Comment 1 on"), "ACME-2 has one comment");
}

#[tokio::test]
async fn an_issue_view_on_a_warm_session_is_one_upstream_call() {
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    let path = format!("/sites/{ACME}/issues/ACME-1");
    app.get(&client, &path).await.text().await.unwrap();

    let before = app.sandbox.api_requests();
    let html = app.get(&client, &path).await.text().await.unwrap();
    assert!(html.contains("1–10 of 25") && html.contains("Comment 25 on"));
    assert_eq!(
        app.sandbox.api_requests() - before,
        1,
        "the issue and its newest comments in one call"
    );

    let before = app.sandbox.api_requests();
    let older = app
        .get(&client, &format!("{path}?comments=newest&start=10"))
        .await
        .text()
        .await
        .unwrap();
    assert!(older.contains("11–20 of 25") && older.contains("Comment 15 on"));
    assert_eq!(
        app.sandbox.api_requests() - before,
        2,
        "another page of comments is a call of its own"
    );
}

#[tokio::test]
async fn all_my_sites_finds_the_site_that_has_the_issue_or_says_none_does() {
    use app::sandbox::faults::Faults;
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;

    let found = app.get(&client, "/lookup?site=all&key=glx-3").await;
    assert_eq!(found.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&found), format!("/sites/{GLOBEX}/issues/GLX-3"));
    let found = app.get(&client, "/lookup?site=all&key=tps-2").await;
    assert!(location(&found).ends_with("/issues/TPS-2"));

    let nowhere = app.get(&client, "/lookup?site=all&key=zzz-1").await;
    let back = location(&nowhere);
    assert!(back.contains("missing=all"), "{back}");
    let html = app.get(&client, &back).await.text().await.unwrap();
    let html = html.replace("don&#x27;t", "don't");
    assert!(html.contains("ZZZ-1 is on none of your sites, or you don't have access to it."));
    assert!(
        html.contains("<option value=\"all\" selected"),
        "All my sites stays chosen"
    );

    app.sandbox.set_faults(Faults {
        status: Some(503),
        path_contains: Some(format!("{GLOBEX}/rest/api/3/issue/")),
        ..Faults::default()
    });
    let partly = app.get(&client, "/lookup?site=all&key=zzz-1").await;
    let back = location(&partly);
    assert!(back.contains("missing=some"), "{back}");
    let html = app.get(&client, &back).await.text().await.unwrap();
    assert!(html.contains("some did not answer"));
    let still_found = app.get(&client, "/lookup?site=all&key=acme-2").await;
    assert_eq!(
        location(&still_found),
        format!("/sites/{ACME}/issues/ACME-2"),
        "one site failing does not stop a hit on another"
    );
}

#[tokio::test]
async fn jira_failures_become_pages_with_the_right_status_and_a_way_forward() {
    use app::sandbox::faults::Faults;
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    let path = format!("/sites/{ACME}/issues/ACME-5");
    let fault = |status: Option<u16>, drop: bool| Faults {
        status,
        drop,
        retry_after: Some(7),
        path_contains: Some("issue/ACME-5".into()),
        ..Faults::default()
    };
    for (faults, status, text) in [
        (
            fault(Some(429), false),
            StatusCode::TOO_MANY_REQUESTS,
            "Try again in 7 s.",
        ),
        (
            fault(Some(403), false),
            StatusCode::FORBIDDEN,
            "Jira says you don&#x27;t have permission",
        ),
        (
            fault(Some(500), false),
            StatusCode::BAD_GATEWAY,
            "Atlassian answered with an error",
        ),
        (
            fault(Some(503), false),
            StatusCode::BAD_GATEWAY,
            "Atlassian answered with an error",
        ),
        (
            fault(None, true),
            StatusCode::BAD_GATEWAY,
            "Atlassian answered with an error",
        ),
    ] {
        app.sandbox.set_faults(faults);
        let response = app.get(&client, &path).await;
        assert_eq!(response.status(), status, "{text}");
        let html = response.text().await.unwrap();
        let html = html.replace("don't", "don&#x27;t");
        assert!(html.contains(text), "{status}: {text}");
        if status != StatusCode::FORBIDDEN {
            assert!(html.contains("Try again"), "{status}: a retry button");
        }
    }
    app.sandbox.set_faults(Faults::default());
    assert_eq!(
        app.get(&client, &path).await.status(),
        StatusCode::OK,
        "recovers at once"
    );
}

#[tokio::test]
async fn an_endless_answer_from_jira_is_cut_off_and_said_plainly() {
    use app::sandbox::faults::Faults;
    let app = spawn().await;
    let client = browser();
    app.sign_in(&client, ALICE).await;
    // Bodies that never say their length: 9 MiB is past the 8 MiB the app reads and is cut
    // off; exactly 8 MiB is read whole (and, not being an issue, is a failed answer, not a cut one).
    for (bytes, cut) in [(9 * 1024 * 1024, true), (8 * 1024 * 1024, false)] {
        app.sandbox.set_faults(Faults {
            oversize_bytes: Some(bytes),
            path_contains: Some("issue/ACME-5".into()),
            ..Faults::default()
        });
        let response = app
            .get(&client, &format!("/sites/{ACME}/issues/ACME-5"))
            .await;
        assert_eq!(response.status(), StatusCode::BAD_GATEWAY, "{bytes}");
        let html = response.text().await.unwrap();
        assert_eq!(
            html.contains("larger than this app accepts"),
            cut,
            "{bytes}"
        );
    }
}

#[tokio::test]
async fn links_to_issues_on_the_persons_sites_show_key_summary_and_status() {
    let app = spawn().await;
    let alice = app.signed_in_cookie(ALICE).await;
    let html = app
        .html_with_cookie(&alice, &format!("/sites/{ACME}/issues/ACME-1"))
        .await;
    for (site, key) in [(ACME, "ACME-2"), (ACME, "ACME-3"), (GLOBEX, "GLX-1")] {
        let card = format!(
            "<a href=\"/sites/{site}/issues/{key}\" class=\"adf-issue-card\"><span class=\"adf-issue-card__key\">{key}</span>"
        );
        assert!(html.contains(&card), "{key} is a card to our own viewer");
    }
    assert!(
        html.contains("href=\"https://acme.atlassian.net/browse/ACME-999\""),
        "a link to an issue that is gone stays a plain link"
    );

    let bob = app.signed_in_cookie(BOB).await;
    let html = app
        .html_with_cookie(&bob, &format!("/sites/{ACME}/issues/ACME-1"))
        .await;
    assert!(html.contains(&format!("href=\"/sites/{ACME}/issues/ACME-2\"")));
    assert!(
        !html.contains(&format!("/sites/{GLOBEX}/issues/GLX-1")),
        "not a card on a site Bob has not granted"
    );
    assert!(html.contains("href=\"https://globex.atlassian.net/browse/GLX-1\""));
}

#[tokio::test]
async fn links_in_comments_on_later_pages_resolve_too() {
    let app = spawn().await;
    let alice = app.signed_in_cookie(ALICE).await;
    let html = app
        .html_with_cookie(
            &alice,
            &format!("/sites/{ACME}/issues/ACME-1?comments=oldest"),
        )
        .await;
    let oldest = &html[html.find("Comment 1 on").expect("the oldest comment first")..];
    assert!(
        oldest.contains(&format!(
            "href=\"/sites/{ACME}/issues/ACME-5\" class=\"adf-issue-card\""
        )),
        "a card in a comment page the issue view did not carry"
    );
}
