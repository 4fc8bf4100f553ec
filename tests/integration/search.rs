//! The search page and suggestions: words over every site (one group per site, in the order the
//! sites answer), filters as a shareable URL, advanced JQL with Jira's errors in plain words by
//! the box, a failing or slow site on its own, hostile input kept inside its quotes, and the issue
//! picker's suggestions. Server-rendered HTML, as a browser without JavaScript gets it.

use crate::common::*;
use app::sandbox::faults::Faults;
use reqwest::StatusCode;
use serde_json::Value;

fn q(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn page(app: &TestApp, cookie: &str, query: &str) -> (StatusCode, String) {
    let response = app
        .get_with_cookie(cookie, &format!("/search?{query}"))
        .await;
    let status = response.status();
    (status, response.text().await.unwrap())
}

/// The sites' names in their group headings (without the markup around them), in page order.
fn groups(html: &str) -> Vec<String> {
    html.match_indices("class=\"result-group\"")
        .map(|(at, _)| {
            let rest = &html[at..];
            let heading = &rest[rest.find("<h2").unwrap()..];
            let inner = &heading
                [heading.find('>').unwrap() + 1..heading.find("<span class=\"count\"").unwrap()];
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.trim().to_owned()
        })
        .collect()
}

#[tokio::test]
async fn words_search_every_site_and_each_answers_in_its_own_group() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let (status, html) = page(&app, &cookie, "q=upgrade").await;
    assert_eq!(status, StatusCode::OK);
    let mut names = groups(&html);
    names.sort();
    assert_eq!(names, ["acme", "globex", "initech"], "{html}");
    assert!(html.contains("Upgrade the payment SDK to v5"), "{html}");
    assert!(html.contains("Upgrade Redis to 7.2"));
    assert!(html.contains(&format!("href=\"/sites/{ACME}/issues/ACME-3\"")));
    assert!(html.contains("Nothing on initech matches this search."));
    assert!(
        html.contains("value=\"upgrade\""),
        "the box keeps the words"
    );

    // Stemming and stop words, as Jira's text search: "checkouts" finds "Checkout".
    let (_, html) = page(&app, &cookie, "q=the+checkouts").await;
    assert!(html.contains("Checkout page times out"), "{html}");
}

#[tokio::test]
async fn filters_are_part_of_the_url_and_narrow_the_search() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let (status, html) = page(
        &app,
        &cookie,
        "q=&project=ACME&status=done&who=me&updated=month",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<option value=\"done\" selected"), "{html}");
    assert!(html.contains("value=\"ACME\""));
    assert!(!html.contains("lozenge--todo") && !html.contains("lozenge--progress"));
    assert!(!html.contains("/issues/WEB-"), "only the ACME project");
    assert!(
        html.contains(
            "The value &#x27;ACME&#x27; does not exist for the field &#x27;project&#x27;."
        ) || html.contains("The value 'ACME' does not exist for the field 'project'."),
        "Jira's word for a site without the project, as a plain line: {html}"
    );
}

#[tokio::test]
async fn hostile_words_stay_words() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    for words in [
        "\") OR project = WEB OR summary ~ \"",
        "\\\" OR key = ACME-1",
        "order by key",
        "AND OR NOT",
        "\u{0}\u{1}\"\"\\\\",
        "<script>alert(1)</script> [x] {y} a:b /re/",
    ] {
        let (status, html) = page(&app, &cookie, &format!("q={}", q(words))).await;
        assert_eq!(status, StatusCode::OK, "{words:?}");
        assert!(!html.contains("Jira could not run"), "{words:?}: {html}");
        assert!(
            !html.contains("/issues/WEB-"),
            "{words:?} widened the search"
        );
        assert!(!html.contains("<script>alert(1)"), "reflected as text");
    }
    // The longest search there may be (1,000 characters, 9 KB percent-encoded) is sent in a
    // POST body; one character more is refused here, without asking Jira.
    let long = "山田 ".repeat(333) + "x";
    let (status, html) = page(&app, &cookie, &format!("q={}", q(&long))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Nothing on acme matches this search."),
        "{html}"
    );
    let (_, html) = page(&app, &cookie, &format!("q={}", q(&(long + "y")))).await;
    assert!(
        html.contains("That is longer than a search can be"),
        "{html}"
    );
    // The project filter is one JQL string: Jira (the sandbox) looks for a project of that name.
    let (status, html) = page(
        &app,
        &cookie,
        &format!("q=&project={}", q("ACME\" OR project = \"WEB")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !html.contains("/issues/WEB-") && !html.contains("/issues/ACME-"),
        "{html}"
    );
    assert!(html.contains("does not exist for the field"), "{html}");
}

#[tokio::test]
async fn advanced_jql_and_jiras_errors_by_the_box() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let (status, html) = page(
        &app,
        &cookie,
        &format!("mode=jql&jql={}", q("project = WEB ORDER BY key")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("/issues/WEB-1\""), "{html}");
    assert!(!html.contains("/issues/ACME-"));

    let (_, html) = page(
        &app,
        &cookie,
        &format!("mode=jql&jql={}", q("order by key desc")),
    )
    .await;
    let error_line = &html[html.find("id=\"search-refusal\"").unwrap()..];
    assert!(
        error_line[..400].contains("Unbounded JQL queries are not allowed here.")
            && error_line[..400].contains("On "),
        "Jira's words next to the box: {html}"
    );
    let (_, html) = page(
        &app,
        &cookie,
        &format!("mode=jql&jql={}", q("summary ~ \"\\[x\\]\"")),
    )
    .await;
    assert!(html.contains("illegal JQL escape sequence"), "{html}");
    // A site whose allowance is spent answers first (nothing is sent): Jira's refusal from the
    // next site is still the one by the box.
    app.sandbox.set_remaining(Some(ACME.parse().unwrap()), 0);
    app.html_with_cookie(&cookie, &format!("/sites/{ACME}/issues/ACME-1"))
        .await;
    let (_, html) = page(
        &app,
        &cookie,
        &format!("mode=jql&jql={}", q("order by key desc")),
    )
    .await;
    let error_line = &html[html.find("id=\"search-refusal\"").unwrap()..];
    assert!(
        error_line[..400].contains("Unbounded JQL queries are not allowed here."),
        "{html}"
    );
    assert!(!html.contains("Something went wrong"));
}

#[tokio::test]
async fn a_key_or_browse_link_goes_to_the_issue_and_signed_out_people_sign_in() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let response = app.get_with_cookie(&cookie, "/search?q=acme-1").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(location(&response), format!("/sites/{ACME}/issues/ACME-1"));
    let link = q("https://globex.atlassian.net/browse/GLX-2");
    let response = app
        .get_with_cookie(&cookie, &format!("/search?q={link}"))
        .await;
    assert_eq!(location(&response), format!("/sites/{GLOBEX}/issues/GLX-2"));

    // Words that look like a key but name no issue are searched as words.
    let (status, html) = page(&app, &cookie, "q=redis-7").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("REDIS-7 is on none of your sites"), "{html}");
    assert!(html.contains("Upgrade Redis to 7.2"), "{html}");
    app.sandbox.set_faults(Faults {
        status: Some(503),
        path_contains: Some(INITECH.to_owned()),
        ..Faults::default()
    });
    let (_, html) = page(&app, &cookie, "q=redis-7").await;
    app.sandbox.set_faults(Faults::default());
    assert!(
        html.contains("REDIS-7 was not found on the sites that answered, and some did not answer"),
        "{html}"
    );

    let response = app.get_with_cookie("", "/search?q=upgrade").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location(&response).starts_with("/?return_to=%2Fsearch%3Fq%3Dupgrade"));
}

#[tokio::test]
async fn a_failing_site_says_so_and_a_slow_one_comes_last() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    app.sandbox.set_faults(Faults {
        status: Some(503),
        path_contains: Some(INITECH.to_owned()),
        ..Faults::default()
    });
    let (status, html) = page(&app, &cookie, "q=upgrade").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Atlassian answered with an error."), "{html}");
    assert!(
        html.contains("Upgrade Redis to 7.2"),
        "the others still show"
    );

    // A site whose hourly allowance is spent says so in its group.
    app.sandbox.set_faults(Faults::default());
    app.sandbox.set_remaining(Some(INITECH.parse().unwrap()), 0);
    let (_, html) = page(&app, &cookie, "q=upgrade").await;
    assert!(
        html.contains("hourly allowance for this app on initech is used up"),
        "{html}"
    );
    assert!(html.contains("Upgrade the payment SDK to v5"));

    app.sandbox.set_faults(Faults {
        latency_ms: 1_500,
        path_contains: Some(format!("{ACME}/rest/api/3/search")),
        ..Faults::default()
    });
    let (_, html) = page(&app, &cookie, "q=upgrade").await;
    assert_eq!(
        groups(&html).last().map(String::as_str),
        Some("acme"),
        "{html}"
    );
    app.sandbox.set_faults(Faults::default());
}

#[tokio::test]
async fn more_pages_one_site_from_jiras_token() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let (_, html) = page(&app, &cookie, "q=&project=ACME").await;
    let more = html
        .find("More from acme")
        .unwrap_or_else(|| panic!("ten of twelve, then more: {html}"));
    let href_at = html[..more].rfind("href=\"").unwrap() + 6;
    let href = html[href_at..href_at + html[href_at..].find('"').unwrap()].replace("&amp;", "&");
    assert!(
        href.contains(&format!("site={ACME}")) && href.contains("next="),
        "{href}"
    );
    let (status, next) = page(&app, &cookie, href.trim_start_matches("/search?")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(groups(&next), ["acme"]);
    assert!(next.contains("Back to all your sites"));
}

#[tokio::test]
async fn suggestions_come_from_the_issue_picker() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let suggest = |body: String| {
        let request = app.server_fn(&cookie, "suggest", body);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            (status, response.json::<Value>().await.unwrap())
        }
    };
    let (status, found) = suggest("site=all&query=dark+mo".to_owned()).await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found[0]["key"], "ACME-2");
    assert_eq!(found[0]["summary"], "Add dark mode to the customer portal");
    assert_eq!(found[0]["site_name"], "acme");
    let (_, short) = suggest("site=all&query=d".to_owned()).await;
    assert_eq!(short, Value::Array(Vec::new()), "nothing for one character");
    let (status, _) = suggest(format!("site={}&query=dark", uuid::Uuid::nil())).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "only granted sites");

    // A script asking in a loop is refused on the server, Jira not asked.
    let mut refused = 0;
    for _ in 0..45 {
        let (status, _) = suggest(format!("site={ACME}&query=dark")).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            refused += 1;
        }
    }
    assert!(refused >= 5, "forty a minute, then refused: {refused}");
    let before = app.sandbox.api_requests();
    let (status, _) = suggest(format!("site={ACME}&query=dark")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.sandbox.api_requests(), before, "nothing asked of Jira");
}

#[tokio::test]
async fn merged_results_are_newest_first_across_sites() {
    let app = spawn().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let (_, grouped) = page(&app, &cookie, "q=&who=me").await;
    assert!(
        grouped.contains("Newest first across your sites</a>"),
        "{grouped}"
    );
    let (status, html) = page(&app, &cookie, "q=&who=me&order=updated").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(groups(&html), ["All your sites"], "{html}");
    assert!(
        html.contains("name=\"order\" value=\"updated\""),
        "the form keeps the order"
    );
    let list = &html[html.find("id=\"results-all\"").unwrap()..];
    let times: Vec<i64> = list
        .match_indices("datetime=\"")
        .map(|(at, marker)| {
            let start = at + marker.len();
            let end = start + list[start..].find('"').unwrap();
            app::clock::Clock::jira_secs(&list[start..end]).unwrap()
        })
        .collect();
    assert!(times.len() > 10, "{list}");
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
    for site in ["acme", "globex"] {
        assert!(
            list.contains(&format!("result-site\">{site}<")),
            "{site} rows merged in"
        );
    }
    assert!(
        list.contains("More from "),
        "each site's next page is still there"
    );
}
