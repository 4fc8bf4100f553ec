//! The in-process store, used without `REDIS_URL`: sessions, and values (sealed grants, marks)
//! in caches bounded in bytes that drop each entry when it expires. Nothing a visitor leaves
//! behind outlives its expiry, and the process never grows past the caps however many arrive:
//! past a cap the least recently used entries go first (LRU, so a new session is always
//! admitted; moka's default policy could refuse it, which would look like a random sign-out).
//!
//! moka rather than our own map: a maintained concurrent cache that already does per-entry
//! expiry, size-weighted eviction and atomic insert-if-absent.

use moka::{
    ops::compute::{CompResult, Op},
    policy::EvictionPolicy,
    sync::Cache,
    Expiry,
};
use std::{
    fmt,
    time::{Duration, Instant},
};
use tower_sessions::{
    session::{Id, Record},
    session_store, SessionStore,
};

/// Session records kept at most, in bytes (about 100,000 signed-in sessions).
pub const SESSIONS_CAP_BYTES: u64 = 64 * 1024 * 1024;
/// Values kept at most, in bytes (sealed grants are about 2 KB each).
pub const VALUES_CAP_BYTES: u64 = 64 * 1024 * 1024;
/// Single-use marks kept at most, in bytes: their own cache, so that however many an anonymous
/// client makes, they push out older marks and never a signed-in person's grant.
pub const MARKS_CAP_BYTES: u64 = 8 * 1024 * 1024;
/// What one entry costs beyond its key and value (moka's node, timers, the map's slot): counted
/// in its weight so that the caps bound memory, not only payload.
const ENTRY_OVERHEAD: usize = 256;

/// A cached value and when it expires.
#[derive(Clone)]
pub struct Timed<T> {
    value: T,
    expires: Instant,
}

/// Each entry lives until its own `expires`.
struct UntilExpiry;

impl<K, T> Expiry<K, Timed<T>> for UntilExpiry {
    fn expire_after_create(
        &self,
        _key: &K,
        value: &Timed<T>,
        created_at: Instant,
    ) -> Option<Duration> {
        Some(value.expires.saturating_duration_since(created_at))
    }

    fn expire_after_update(
        &self,
        _key: &K,
        value: &Timed<T>,
        updated_at: Instant,
        _duration_until_expiry: Option<Duration>,
    ) -> Option<Duration> {
        Some(value.expires.saturating_duration_since(updated_at))
    }
}

fn weight(bytes: usize) -> u32 {
    u32::try_from(bytes).unwrap_or(u32::MAX)
}

/// What a session value holds in memory, near enough: each item's own size, and the text of its
/// strings and keys (weighed on every save, without writing the record out).
fn value_bytes(value: &serde_json::Value) -> usize {
    use serde_json::Value;
    const ITEM: usize = std::mem::size_of::<Value>();
    ITEM + match value {
        Value::String(text) => text.len(),
        Value::Array(items) => items.iter().map(value_bytes).sum(),
        Value::Object(map) => map.iter().map(|(key, item)| entry_bytes(key, item)).sum(),
        Value::Null | Value::Bool(_) | Value::Number(_) => 0,
    }
}

/// What a key and its value hold in memory.
fn entry_bytes(key: &str, value: &serde_json::Value) -> usize {
    std::mem::size_of::<String>() + key.len() + value_bytes(value)
}

/// Session records in memory. Cheap to clone (one shared cache).
#[derive(Clone)]
pub struct MemorySessions {
    records: Cache<Id, Timed<Record>>,
}

impl fmt::Debug for MemorySessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemorySessions")
            .field("entries", &self.records.entry_count())
            .finish()
    }
}

impl MemorySessions {
    /// An empty store of at most `cap_bytes` of records.
    pub fn new(cap_bytes: u64) -> Self {
        let records = Cache::builder()
            .max_capacity(cap_bytes)
            .weigher(|_id: &Id, record: &Timed<Record>| {
                let data: usize = record
                    .value
                    .data
                    .iter()
                    .map(|(key, value)| entry_bytes(key, value))
                    .sum();
                weight(data + ENTRY_OVERHEAD)
            })
            .eviction_policy(EvictionPolicy::lru())
            .expire_after(UntilExpiry)
            .build();
        Self { records }
    }

    fn timed(record: &Record) -> Timed<Record> {
        let left = record.expiry_date - time::OffsetDateTime::now_utc();
        let left = Duration::try_from(left).unwrap_or(Duration::ZERO);
        Timed {
            value: record.clone(),
            expires: Instant::now() + left,
        }
    }

    /// Records held now, and their weight in bytes (after pending evictions ran).
    pub fn usage(&self) -> (u64, u64) {
        self.records.run_pending_tasks();
        (self.records.entry_count(), self.records.weighted_size())
    }
}

#[async_trait::async_trait]
impl SessionStore for MemorySessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A new id until it is one no session has: the insert is atomic, so two creations can
        // never share one.
        loop {
            let entry = self
                .records
                .entry(record.id)
                .or_insert_with(|| Self::timed(record));
            if entry.is_fresh() {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Updates a session that still exists; one deleted meanwhile (a sign-out while this
    /// request was in flight) stays deleted.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.records
            .entry(record.id)
            .and_compute_with(|current| match current {
                Some(_) => Op::Put(Self::timed(record)),
                None => Op::Nop,
            });
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let now = time::OffsetDateTime::now_utc();
        Ok(self
            .records
            .get(id)
            .filter(|timed| timed.expires > Instant::now() && timed.value.expiry_date > now)
            .map(|timed| timed.value))
    }

    /// Deletes under the entry's lock, so that a save already computing its update either
    /// finishes first (and is deleted) or finds nothing.
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.records.entry(*id).and_compute_with(|_| Op::Remove);
        Ok(())
    }
}

/// Values with a time to live, in memory.
pub struct MemoryValues {
    values: Cache<String, Timed<String>>,
}

impl MemoryValues {
    /// An empty store of at most `cap_bytes` of keys and values.
    pub fn new(cap_bytes: u64) -> Self {
        let values = Cache::builder()
            .max_capacity(cap_bytes)
            .weigher(|key: &String, value: &Timed<String>| {
                weight(key.len() + value.value.len() + ENTRY_OVERHEAD)
            })
            .eviction_policy(EvictionPolicy::lru())
            .expire_after(UntilExpiry)
            .build();
        Self { values }
    }

    /// The value at `key`, unless absent or expired.
    pub fn get(&self, key: &str) -> Option<String> {
        self.values
            .get(key)
            .filter(|timed| timed.expires > Instant::now())
            .map(|timed| timed.value)
    }

    /// Stores `value` at `key` for `ttl`.
    pub fn put(&self, key: &str, value: &str, ttl: Duration) {
        self.values.insert(
            key.to_owned(),
            Timed {
                value: value.to_owned(),
                expires: Instant::now() + ttl,
            },
        );
    }

    /// Replaces the value at `key` for `ttl` if there is one (atomically: a concurrent delete
    /// either happens first and nothing is written, or after); whether it was replaced.
    pub fn replace(&self, key: &str, value: &str, ttl: Duration) -> bool {
        let result = self
            .values
            .entry(key.to_owned())
            .and_compute_with(|current| match current {
                Some(current) if current.value().expires > Instant::now() => Op::Put(Timed {
                    value: value.to_owned(),
                    expires: Instant::now() + ttl,
                }),
                _ => Op::Nop,
            });
        matches!(result, CompResult::ReplacedWith(_))
    }

    /// Marks `key` for `ttl` unless it is marked already; whether this call marked it.
    pub fn claim(&self, key: &str, ttl: Duration) -> bool {
        self.values
            .entry(key.to_owned())
            .or_insert_with(|| Timed {
                value: String::new(),
                expires: Instant::now() + ttl,
            })
            .is_fresh()
    }

    /// Removes `key`.
    /// Removes `key`, under the entry's lock like [`MemoryValues::replace`], so that a fenced
    /// write and a delete never interleave.
    pub fn delete(&self, key: &str) {
        self.values
            .entry(key.to_owned())
            .and_compute_with(|_| Op::Remove);
    }

    /// Values held now, and their weight in bytes (after pending evictions ran).
    pub fn usage(&self) -> (u64, u64) {
        self.values.run_pending_tasks();
        (self.values.entry_count(), self.values.weighted_size())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn record(seconds: i64, padding: usize) -> Record {
        Record {
            id: Id::default(),
            data: HashMap::from([("pad".to_owned(), serde_json::json!("x".repeat(padding)))]),
            expiry_date: time::OffsetDateTime::now_utc() + time::Duration::seconds(seconds),
        }
    }

    #[tokio::test]
    async fn a_session_is_gone_once_it_expires() {
        let store = MemorySessions::new(SESSIONS_CAP_BYTES);
        let mut short = record(1, 10);
        store.create(&mut short).await.unwrap();
        let mut long = record(3600, 10);
        store.create(&mut long).await.unwrap();
        assert!(store.load(&short.id).await.unwrap().is_some());
        std::thread::sleep(Duration::from_millis(1100));
        assert!(store.load(&short.id).await.unwrap().is_none());
        assert!(store.load(&long.id).await.unwrap().is_some());
        assert_eq!(
            store.usage().0,
            1,
            "the expired record is dropped, not kept"
        );
    }

    #[tokio::test]
    async fn sessions_never_outgrow_the_cap_and_the_newest_is_kept() {
        let cap = 256 * 1024;
        let store = MemorySessions::new(cap);
        let mut last = record(3600, 0);
        for _ in 0..2_000 {
            last = record(3600, 1_000);
            store.create(&mut last).await.unwrap();
        }
        let (entries, bytes) = store.usage();
        assert!(bytes <= cap, "{bytes} bytes held, cap {cap}");
        assert!(entries < 2_000 && entries > 100, "{entries} kept");
        assert!(
            store.load(&last.id).await.unwrap().is_some(),
            "LRU admits the newest"
        );
    }

    #[tokio::test]
    async fn saving_a_deleted_session_does_not_bring_it_back() {
        let store = MemorySessions::new(SESSIONS_CAP_BYTES);
        let mut signed_in = record(3600, 1);
        store.create(&mut signed_in).await.unwrap();
        store.delete(&signed_in.id).await.unwrap();
        store.save(&signed_in).await.unwrap();
        assert!(store.load(&signed_in.id).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn creating_never_reuses_an_id() {
        let store = MemorySessions::new(SESSIONS_CAP_BYTES);
        let mut first = record(3600, 1);
        store.create(&mut first).await.unwrap();
        let mut second = record(3600, 2);
        second.id = first.id;
        store.create(&mut second).await.unwrap();
        assert_ne!(second.id, first.id);
        let kept = store.load(&first.id).await.unwrap().unwrap();
        assert_eq!(kept.data["pad"], "x", "the first session is untouched");
    }

    #[test]
    fn a_fenced_write_never_brings_back_what_was_deleted() {
        let values = MemoryValues::new(VALUES_CAP_BYTES);
        assert!(
            !values.replace("grant", "new", Duration::from_secs(60)),
            "nothing to replace"
        );
        assert!(values.get("grant").is_none());
        values.put("grant", "old", Duration::from_secs(60));
        assert!(values.replace("grant", "new", Duration::from_secs(60)));
        assert_eq!(values.get("grant").as_deref(), Some("new"));
        values.delete("grant");
        assert!(!values.replace("grant", "newer", Duration::from_secs(60)));
        assert!(values.get("grant").is_none());
        // Deletes and fenced writes racing on one key: once a delete has returned, no write
        // that starts after it finds anything.
        let values = std::sync::Arc::new(values);
        for round in 0..200 {
            values.put("grant", "live", Duration::from_secs(60));
            let writer = {
                let values = values.clone();
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        values.replace("grant", "refreshed", Duration::from_secs(60));
                    }
                })
            };
            values.delete("grant");
            writer.join().unwrap();
            values.delete("grant");
            assert!(
                !values.replace("grant", "late", Duration::from_secs(60)),
                "round {round}"
            );
        }
    }

    #[test]
    fn values_expire_are_claimed_once_and_stay_under_the_cap() {
        let values = MemoryValues::new(64 * 1024);
        assert!(values.claim("mark", Duration::from_millis(200)));
        assert!(!values.claim("mark", Duration::from_millis(200)));
        std::thread::sleep(Duration::from_millis(250));
        assert!(values.get("mark").is_none());
        assert!(
            values.claim("mark", Duration::from_secs(60)),
            "free again once expired"
        );
        for index in 0..1_000 {
            values.put(
                &format!("grant:{index}"),
                &"g".repeat(500),
                Duration::from_secs(60),
            );
        }
        let (_, bytes) = values.usage();
        assert!(bytes <= 64 * 1024, "{bytes}");
        assert!(values.get("grant:999").is_some());
    }
}
