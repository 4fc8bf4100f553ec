//! Where sessions, sealed tokens and refresh locks live: in process memory, or in Redis shared by
//! every instance (`REDIS_URL`). Redis being down is an error callers turn into a 503; the client
//! keeps reconnecting in the background, so the app recovers without a restart.

use super::{
    memory::{MemorySessions, MemoryValues, MARKS_CAP_BYTES, SESSIONS_CAP_BYTES, VALUES_CAP_BYTES},
    redis::{Redis, RedisSessions, Refusal, Unavailable},
    vault::{KeyedHash, Vault},
};
use crate::config::RedisConfig;
use async_trait::async_trait;
use redis::Script;
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};
use tower_sessions::{
    session::{Id, Record},
    session_store, SessionStore,
};

/// How long one Redis command may take before it counts as "Redis is down".
pub const STORE_TIMEOUT: Duration = Duration::from_secs(2);
/// How often a waiting instance checks whether a lock was released.
const LOCK_POLL: Duration = Duration::from_millis(20);
/// Sets KEYS[2] to ARGV[2] for ARGV[3] ms only while KEYS[1] (a lock) holds our token ARGV[1]
/// and KEYS[2] exists; 1 if written, 0 if not.
const FENCED_SET_SCRIPT: &str = "if redis.call('get', KEYS[1]) == ARGV[1] then \
     if redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3], 'XX') then return 1 end end return 0";
/// Deletes a lock only if it still holds our token (it may have expired and been re-taken).
const UNLOCK_SCRIPT: &str =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/// The scripts, hashed once (they run as EVALSHA).
struct Scripts {
    fenced_set: Script,
    unlock: Script,
}

impl Default for Scripts {
    fn default() -> Self {
        Self {
            fenced_set: Script::new(FENCED_SET_SCRIPT),
            unlock: Script::new(UNLOCK_SCRIPT),
        }
    }
}

/// The store could not be reached or did not answer in time.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// Redis failed.
    #[error("store unavailable: {0}")]
    Unavailable(String),
    /// The lock stayed taken for the whole wait.
    #[error("lock {0} still held after waiting")]
    LockTimeout(String),
}

impl From<Unavailable> for StoreError {
    fn from(error: Unavailable) -> Self {
        Self::Unavailable(error.to_string())
    }
}

/// The backing store. Cheap to clone.
#[derive(Clone)]
pub enum Backend {
    /// One process: sessions and tokens die with it.
    Memory(Arc<MemoryBackend>),
    /// Redis, shared by every instance.
    Redis(Arc<RedisBackend>),
}

/// The Redis store: the connection, the scripts, and how session records are named and sealed.
pub struct RedisBackend {
    redis: Redis,
    scripts: Scripts,
    session_names: Arc<KeyedHash>,
    session_vault: Arc<Vault>,
}

/// The in-process store: bounded caches that drop what expires, and the locks held now.
pub struct MemoryBackend {
    sessions: MemorySessions,
    values: MemoryValues,
    marks: MemoryValues,
    locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

impl Default for MemoryBackend {
    fn default() -> Self {
        Self {
            sessions: MemorySessions::new(SESSIONS_CAP_BYTES),
            values: MemoryValues::new(VALUES_CAP_BYTES),
            marks: MemoryValues::new(MARKS_CAP_BYTES),
            locks: Mutex::default(),
        }
    }
}

impl MemoryBackend {
    /// Entries and bytes held: (sessions, their bytes, values, their bytes).
    pub fn usage(&self) -> (u64, u64, u64, u64) {
        let (sessions, session_bytes) = self.sessions.usage();
        let (values, value_bytes) = self.values.usage();
        (sessions, session_bytes, values, value_bytes)
    }
}

/// The session store handed to `SessionManagerLayer`, over the same backend.
#[derive(Debug, Clone)]
pub enum SessionBackend {
    /// In process memory.
    Memory(MemorySessions),
    /// In Redis.
    Redis(RedisSessions),
}

#[async_trait]
impl SessionStore for SessionBackend {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Self::Memory(store) => store.create(record).await,
            Self::Redis(store) => store.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Self::Memory(store) => store.save(record).await,
            Self::Redis(store) => store.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Self::Memory(store) => store.load(id).await,
            Self::Redis(store) => store.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Self::Memory(store) => store.delete(id).await,
            Self::Redis(store) => store.delete(id).await,
        }
    }
}

/// A held lock; release it when done (dropping it releases it too, in the background).
pub struct LockGuard {
    held: Option<Held>,
}

enum Held {
    Memory {
        backend: Arc<MemoryBackend>,
        key: String,
        guard: tokio::sync::OwnedMutexGuard<()>,
    },
    Redis {
        backend: Arc<RedisBackend>,
        key: String,
        token: String,
    },
}

impl Held {
    async fn release(self) {
        match self {
            Self::Memory {
                backend,
                key,
                guard,
            } => {
                drop(guard);
                let mut locks = backend.locks.lock().unwrap_or_else(PoisonError::into_inner);
                if locks.get(&key).is_some_and(|m| Arc::strong_count(m) == 1) {
                    locks.remove(&key);
                }
            }
            Self::Redis {
                backend,
                key,
                token,
            } => {
                let result: Result<i64, _> = backend
                    .redis
                    .script(&backend.scripts.unlock, &[&key], &[&token])
                    .await;
                if let Err(error) = result {
                    tracing::warn!(%error, "could not release a lock; it expires by itself");
                }
            }
        }
    }
}

impl LockGuard {
    /// Releases the lock.
    pub async fn release(mut self) {
        if let Some(held) = self.held.take() {
            held.release().await;
        }
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if let Some(held) = self.held.take() {
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(held.release());
            }
        }
    }
}

impl Backend {
    /// Memory, or a Redis client that connects (and reconnects) in the background, so that the
    /// app starts and answers `/health-check` even while Redis is down. Session records in Redis
    /// are named by `session_names` and sealed by `session_vault`.
    pub fn connect(
        redis: Option<&RedisConfig>,
        session_names: KeyedHash,
        session_vault: Vault,
    ) -> Result<Self, StoreError> {
        let Some(config) = redis else {
            return Ok(Self::Memory(Arc::default()));
        };
        Ok(Self::Redis(Arc::new(RedisBackend {
            redis: Redis::connect(config, STORE_TIMEOUT)?,
            scripts: Scripts::default(),
            session_names: Arc::new(session_names),
            session_vault: Arc::new(session_vault),
        })))
    }

    /// At start-up: whether Redis refused us (TLS, certificate, password). Merely down is fine:
    /// requests fail with 503 until it is back.
    pub async fn first_contact(&self) -> Result<(), Refusal> {
        match self {
            Self::Memory(_) => Ok(()),
            Self::Redis(backend) => backend.redis.first_contact().await,
        }
    }

    /// Where instances share spent rate-limit quotas: Redis, or nothing for one process.
    pub fn shared_spent(&self) -> Option<Arc<dyn crate::atlassian::quota::SharedSpent>> {
        match self {
            Self::Memory(_) => None,
            Self::Redis(backend) => Some(Arc::new(SpentInRedis(backend.redis.clone()))),
        }
    }

    /// The session store over this backend.
    pub fn sessions(&self) -> SessionBackend {
        match self {
            Self::Memory(memory) => SessionBackend::Memory(memory.sessions.clone()),
            Self::Redis(backend) => SessionBackend::Redis(RedisSessions::new(
                backend.redis.clone(),
                backend.session_names.clone(),
                backend.session_vault.clone(),
            )),
        }
    }

    /// The value at `key`, if any and not expired.
    pub async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self {
            Self::Memory(memory) => Ok(memory.values.get(key)),
            Self::Redis(backend) => Ok(backend.redis.get(key).await?),
        }
    }

    /// Stores `value` at `key` for `ttl`.
    pub async fn put(&self, key: &str, value: &str, ttl: Duration) -> Result<(), StoreError> {
        match self {
            Self::Memory(memory) => {
                memory.values.put(key, value, ttl);
                Ok(())
            }
            Self::Redis(backend) => {
                backend.redis.set(key, value, ttl, None).await?;
                Ok(())
            }
        }
    }

    /// Stores `value` at `key` for `ttl` only if `key` holds a value and `lock` is still held
    /// (in Redis: it has not expired and been taken by another); whether it was written.
    pub async fn put_fenced(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
        lock: &LockGuard,
    ) -> Result<bool, StoreError> {
        match (self, &lock.held) {
            (Self::Memory(memory), _) => Ok(memory.values.replace(key, value, ttl)),
            (
                Self::Redis(backend),
                Some(Held::Redis {
                    key: lock_key,
                    token,
                    ..
                }),
            ) => {
                let ttl_ms = ttl.as_millis().to_string();
                let written: i64 = backend
                    .redis
                    .script(
                        &backend.scripts.fenced_set,
                        &[lock_key, key],
                        &[token, value, &ttl_ms],
                    )
                    .await?;
                Ok(written == 1)
            }
            (Self::Redis(_), _) => Ok(false),
        }
    }

    /// Marks `key` as taken for `ttl`; `true` for the one caller (across every instance) that
    /// took it, `false` for everyone after it while the mark lasts.
    pub async fn claim(&self, key: &str, ttl: Duration) -> Result<bool, StoreError> {
        match self {
            Self::Memory(memory) => Ok(memory.marks.claim(key, ttl)),
            Self::Redis(backend) => Ok(backend.redis.set(key, "1", ttl, Some("NX")).await?),
        }
    }

    /// Removes `key`.
    pub async fn delete(&self, key: &str) -> Result<(), StoreError> {
        match self {
            Self::Memory(memory) => {
                memory.values.delete(key);
                Ok(())
            }
            Self::Redis(backend) => Ok(backend.redis.delete(&[key]).await?),
        }
    }

    /// Takes the lock `key`, waiting at most `wait`. A Redis lock expires after `ttl` even if its
    /// holder dies, so no instance can block the others for longer.
    pub async fn lock(
        &self,
        key: &str,
        ttl: Duration,
        wait: Duration,
    ) -> Result<LockGuard, StoreError> {
        match self {
            Self::Memory(memory) => {
                let mutex = {
                    let mut locks = memory.locks.lock().unwrap_or_else(PoisonError::into_inner);
                    locks.entry(key.to_owned()).or_default().clone()
                };
                let guard = tokio::time::timeout(wait, mutex.lock_owned())
                    .await
                    .map_err(|_| StoreError::LockTimeout(key.to_owned()))?;
                Ok(LockGuard {
                    held: Some(Held::Memory {
                        backend: memory.clone(),
                        key: key.to_owned(),
                        guard,
                    }),
                })
            }
            Self::Redis(backend) => {
                let token = super::session::random_token();
                let deadline = Instant::now() + wait;
                loop {
                    if backend.redis.set(key, &token, ttl, Some("NX")).await? {
                        return Ok(LockGuard {
                            held: Some(Held::Redis {
                                backend: backend.clone(),
                                key: key.to_owned(),
                                token,
                            }),
                        });
                    }
                    if Instant::now() >= deadline {
                        return Err(StoreError::LockTimeout(key.to_owned()));
                    }
                    tokio::time::sleep(LOCK_POLL).await;
                }
            }
        }
    }
}

/// Spent quotas in Redis: `jsa:quota:spent:{cloud id}` holds the Unix time it resets and
/// expires then. Nothing of a person: a site's id and a time.
struct SpentInRedis(Redis);

fn spent_key(site: uuid::Uuid) -> String {
    format!("jsa:quota:spent:{site}")
}

#[async_trait]
impl crate::atlassian::quota::SharedSpent for SpentInRedis {
    async fn spent_until(&self, site: uuid::Uuid) -> Result<Option<u64>, ()> {
        match self.0.get(&spent_key(site)).await {
            Ok(value) => Ok(value.and_then(|until| until.parse().ok())),
            Err(error) => {
                tracing::warn!(%error, "could not read a shared quota from Redis");
                Err(())
            }
        }
    }

    async fn tell(&self, site: uuid::Uuid, until: Option<u64>) {
        let key = spent_key(site);
        let told = match until {
            Some(until) => {
                let ttl = Duration::from_secs(until.saturating_sub(crate::clock::now()).max(1));
                self.0
                    .set(&key, &until.to_string(), ttl, None)
                    .await
                    .map(|_| ())
            }
            None => self.0.delete(&[&key]).await,
        };
        if let Err(error) = told {
            tracing::warn!(%error, "could not share a quota through Redis");
        }
    }

    async fn claim_probe(&self, site: uuid::Uuid) -> bool {
        let key = format!("jsa:quota:probe:{site}");
        let window = Duration::from_secs(crate::atlassian::quota::PROBE_AFTER_SECS);
        self.0
            .set(&key, "1", window, Some("NX"))
            .await
            .unwrap_or(true)
    }
}
