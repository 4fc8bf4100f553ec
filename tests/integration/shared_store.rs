//! The Redis that instances share, as Cloud Run offers it (Memorystore: TLS under a CA of its
//! own, an AUTH password), and what a copy of it gives away: no cookie, nothing in the clear.

use crate::common::*;
use app::{
    auth::{
        store::{Backend, SessionBackend},
        vault::{KeyedHash, Purpose, Vault},
    },
    config::RedisConfig,
};
use reqwest::StatusCode;
use tower_sessions::{
    cookie::time::{Duration, OffsetDateTime},
    session::{Id, Record},
    SessionStore,
};

/// Two instances on one TLS Redis: a session made on one is read on the other.
async fn signed_in_across_instances(tls: &std::sync::Arc<RedisTls>) -> Redis {
    let redis = Redis::start_tls(tls, "a-long-redis-auth-string");
    let (upstream, mut listeners) = upstream_for(2).await;
    let ca = tls.ca();
    let vars = [
        ("REDIS_URL", redis.url()),
        ("REDIS_CA_CERT", ca.to_str().unwrap().to_owned()),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let first = instance(&upstream, listeners.remove(0), &vars).await;
    let cookie = first.signed_in_cookie(BOB).await;
    let second = instance(&upstream, listeners.remove(0), &vars).await;
    let page = second.get_with_cookie(&cookie, "/dashboard").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Bob Brown"));
    redis
}

#[tokio::test]
async fn over_tls_with_a_password_people_sign_in_on_one_instance_and_stay_on_another() {
    let tls = RedisTls::generate(Some("IP:127.0.0.1"));
    let redis = signed_in_across_instances(&tls).await;
    assert!(!redis.keys().is_empty(), "the session lives in Redis");
}

#[tokio::test]
async fn a_certificate_that_names_its_address_only_in_the_common_name_is_accepted_from_its_own_ca()
{
    // As Memorystore's have been seen to: rustls reads names only from subjectAltName.
    let tls = RedisTls::generate(None);
    signed_in_across_instances(&tls).await;
}

#[tokio::test]
async fn a_copy_of_redis_holds_no_cookie_and_nothing_of_the_person_in_the_clear() {
    let (redis, _upstream, app) = one_instance_with_redis().await;
    let cookie = app.signed_in_cookie(ALICE).await;
    let dashboard = app.html_with_cookie(&cookie, "/dashboard").await;
    assert!(dashboard.contains("Alice Adams") && dashboard.contains("acme"));

    let session_ids: Vec<&str> = cookie
        .split("; ")
        .filter_map(|pair| pair.split_once('=').map(|(_, value)| value))
        .collect();
    assert!(!session_ids.is_empty());
    let keys = redis.keys();
    assert!(
        keys.iter().any(|key| key.starts_with("jsa:session:")),
        "{keys:?}"
    );
    for key in &keys {
        for id in &session_ids {
            assert!(!key.contains(id), "the cookie {id} names a key: {key}");
        }
    }
    let stored = redis.dump();
    for value in &stored {
        for id in &session_ids {
            assert!(!value.contains(id), "the cookie {id} at rest: {value}");
        }
        for clear in [
            "Alice Adams",
            "alice@example.com",
            "acme.atlassian.net",
            ACME,
            "Europe/Berlin",
        ] {
            assert!(!value.contains(clear), "{clear} in the clear: {value}");
        }
    }
}

/// The session store over `redis`, its records named and sealed under `secret` (and `previous`).
fn redis_sessions(redis: &Redis, secret: &[u8], previous: Option<&[u8]>) -> SessionBackend {
    let config = RedisConfig {
        url: redis.url().parse().unwrap(),
        ca_cert: None,
    };
    Backend::connect(
        Some(&config),
        KeyedHash::for_purpose(secret, previous, Purpose::SessionIds),
        Vault::for_purpose(secret, previous, Purpose::SessionRecords),
    )
    .unwrap()
    .sessions()
}

fn record() -> Record {
    Record {
        id: Id::default(),
        data: [("atlassian.connection".to_owned(), "a grant's id".into())].into(),
        expiry_date: OffsetDateTime::now_utc() + Duration::hours(1),
    }
}

#[tokio::test]
async fn a_session_saved_after_it_was_deleted_stays_deleted_in_redis() {
    let redis = Redis::start();
    let store = redis_sessions(&redis, SECRET.as_bytes(), None);
    let mut record = record();
    store.create(&mut record).await.unwrap();
    assert_eq!(
        store.load(&record.id).await.unwrap().map(|r| r.data),
        Some(record.data.clone())
    );
    store.delete(&record.id).await.unwrap();
    store.save(&record).await.unwrap();
    assert!(store.load(&record.id).await.unwrap().is_none());
    assert!(redis.keys().is_empty(), "{:?}", redis.keys());
}

#[tokio::test]
async fn after_a_secret_rotation_a_session_is_found_and_moved_under_its_new_name() {
    let redis = Redis::start();
    let old = b"the secret before the rotation, 32+ bytes";
    let new = b"the secret after the rotation, also 32+ bytes";
    let mut record = record();
    redis_sessions(&redis, old, None)
        .create(&mut record)
        .await
        .unwrap();
    let before = redis.keys();

    assert!(redis_sessions(&redis, new, None)
        .load(&record.id)
        .await
        .unwrap()
        .is_none());
    let rotating = redis_sessions(&redis, new, Some(old));
    assert!(rotating.load(&record.id).await.unwrap().is_some());
    let after = redis.keys();
    assert_eq!(after.len(), 1);
    assert_ne!(after, before, "moved under the new secret's name");
    assert!(redis_sessions(&redis, new, None)
        .load(&record.id)
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn a_record_copied_under_another_sessions_name_does_not_open() {
    let redis = Redis::start();
    let store = redis_sessions(&redis, SECRET.as_bytes(), None);
    let mut mallory = record();
    store.create(&mut mallory).await.unwrap();
    let mallorys_key = redis.keys().remove(0);
    let mut alice = record();
    store.create(&mut alice).await.unwrap();
    let alices_key = redis
        .keys()
        .into_iter()
        .find(|key| *key != mallorys_key)
        .unwrap();

    let copied = redis.cli(&[
        "EVAL",
        "return redis.call('set', KEYS[2], redis.call('get', KEYS[1]))",
        "2",
        &mallorys_key,
        &alices_key,
    ]);
    assert_eq!(copied.trim(), "OK");
    assert!(store.load(&alice.id).await.unwrap().is_none());
}

#[tokio::test]
async fn after_redis_turned_the_password_away_for_a_while_the_app_recovers_without_a_restart() {
    let mut redis = Redis::start_with_password("the-first-auth-string");
    let (upstream, mut listeners) = upstream_for(1).await;
    let url = redis.url();
    let app = instance(&upstream, listeners.remove(0), &[("REDIS_URL", &url)]).await;
    let cookie = app.signed_in_cookie(BOB).await;
    assert_eq!(
        app.get_with_cookie(&cookie, "/dashboard").await.status(),
        StatusCode::OK
    );

    // The password changes under the app and its connection is dropped: it reconnects with
    // the old one and is refused.
    redis.cli(&["CONFIG", "SET", "requirepass", "a-second-auth-string"]);
    redis.use_password("a-second-auth-string");
    redis.cli(&["CLIENT", "KILL", "TYPE", "normal"]);
    for _ in 0..3 {
        let page = app.get_with_cookie(&cookie, "/dashboard").await;
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    // Back to the password the app has: it must find its way back by itself.
    redis.cli(&["CONFIG", "SET", "requirepass", "the-first-auth-string"]);
    redis.use_password("the-first-auth-string");
    let mut status = StatusCode::SERVICE_UNAVAILABLE;
    for _ in 0..50 {
        status = app.get_with_cookie(&cookie, "/dashboard").await.status();
        if status == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, StatusCode::OK, "recovers without a restart");
}
