//! Many sessions of several people at once on the multi-threaded runtime production uses, with
//! access tokens expiring and grants being revoked under load: every request is answered, and
//! every page shows its own session's person and nobody else's.

use crate::common::*;
use futures::future::join_all;
use reqwest::StatusCode;
use std::time::Duration;

const PEOPLE: [(&str, &str); 3] = [
    (ALICE, "Alice Adams"),
    (BOB, "Bob Brown"),
    (CAROL, "Carol Chen"),
];

/// Generous: a request still unanswered after this is a hung request, not a slow one.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn under_expiry_and_revocation_every_request_is_answered_with_its_own_person() {
    let app = spawn().await;
    for round in 0..10 {
        let sessions = join_all((0..9).map(|i| {
            let (account, name) = PEOPLE[i % PEOPLE.len()];
            let app = &app;
            async move { (app.signed_in_cookie(account).await, name) }
        }))
        .await;
        app.sandbox.expire_access_tokens();
        if round % 3 == 2 {
            app.sandbox.revoke_grants();
        }
        let requests = (0..36).map(|i| {
            let (cookie, name) = sessions[i % sessions.len()].clone();
            let path = match i % 3 {
                0 => "/dashboard".to_owned(),
                n => format!("/sites/{ACME}/issues/ACME-{}", n + i % 7),
            };
            let app = &app;
            async move {
                let answer = tokio::time::timeout(ANSWER_WITHIN, async {
                    let response = app.get_with_cookie(&cookie, &path).await;
                    let status = response.status();
                    (status, response.text().await.unwrap())
                })
                .await;
                (path, name, answer)
            }
        });
        for (path, name, answer) in join_all(requests).await {
            let (status, body) = answer.unwrap_or_else(|_| panic!("{path} was never answered"));
            assert!(
                [StatusCode::OK, StatusCode::FOUND, StatusCode::NOT_FOUND].contains(&status),
                "{path}: {status}"
            );
            if path == "/dashboard" && status == StatusCode::OK {
                assert!(body.contains(name), "{path} does not show {name}");
                for (_, other) in PEOPLE.iter().filter(|(_, other)| *other != name) {
                    assert!(!body.contains(other), "{name}'s dashboard shows {other}");
                }
            }
        }
    }
}
