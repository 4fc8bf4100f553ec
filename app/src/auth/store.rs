//! Where sessions, sealed tokens and refresh locks live: in process memory, or in Redis shared by
//! every instance (`REDIS_URL`). Redis being down is an error callers turn into a 503; the client
//! keeps reconnecting in the background, so the app recovers without a restart.

use super::memory::{
    MemorySessions, MemoryValues, MARKS_CAP_BYTES, SESSIONS_CAP_BYTES, VALUES_CAP_BYTES,
};
use async_trait::async_trait;
use fred::prelude::{
    Builder, Config as RedisConfig, Expiration, KeysInterface, LuaInterface, Pool, ReconnectPolicy,
    SetOptions,
};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
    time::{Duration, Instant},
};
use tower_sessions::{
    session::{Id, Record},
    session_store, SessionStore,
};
use tower_sessions_redis_store::RedisStore;
use url::Url;

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

impl From<fred::error::Error> for StoreError {
    fn from(error: fred::error::Error) -> Self {
        Self::Unavailable(error.to_string())
    }
}

/// The backing store. Cheap to clone.
#[derive(Clone)]
pub enum Backend {
    /// One process: sessions and tokens die with it.
    Memory(Arc<MemoryBackend>),
    /// Redis, shared by every instance.
    Redis(Pool),
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
    Redis(RedisStore<Pool>),
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
        pool: Pool,
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
            Self::Redis { pool, key, token } => {
                let result: Result<i64, _> = pool.eval(UNLOCK_SCRIPT, vec![key], vec![token]).await;
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
    /// Memory, or a Redis pool that connects (and reconnects) in the background, so that the app
    /// starts and answers `/health-check` even while Redis is down.
    pub fn connect(redis_url: Option<&Url>) -> Result<Self, StoreError> {
        let Some(url) = redis_url else {
            return Ok(Self::Memory(Arc::default()));
        };
        let config = RedisConfig::from_url(url.as_str())?;
        let pool = Builder::from_config(config)
            .with_connection_config(|connection| {
                connection.connection_timeout = STORE_TIMEOUT;
                connection.internal_command_timeout = STORE_TIMEOUT;
            })
            .with_performance_config(|performance| {
                performance.default_command_timeout = STORE_TIMEOUT;
            })
            .set_policy(ReconnectPolicy::new_exponential(0, 100, 2_000, 2))
            .build_pool(4)?;
        let _handles = pool.connect_pool();
        Ok(Self::Redis(pool))
    }

    /// The session store over this backend.
    pub fn sessions(&self) -> SessionBackend {
        match self {
            Self::Memory(memory) => SessionBackend::Memory(memory.sessions.clone()),
            Self::Redis(pool) => SessionBackend::Redis(RedisStore::new(pool.clone())),
        }
    }

    /// The value at `key`, if any and not expired.
    pub async fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        match self {
            Self::Memory(memory) => Ok(memory.values.get(key)),
            Self::Redis(pool) => Ok(pool.get(key).await?),
        }
    }

    /// Stores `value` at `key` for `ttl`.
    pub async fn put(&self, key: &str, value: &str, ttl: Duration) -> Result<(), StoreError> {
        match self {
            Self::Memory(memory) => {
                memory.values.put(key, value, ttl);
                Ok(())
            }
            Self::Redis(pool) => {
                let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
                let () = pool
                    .set(key, value, Some(Expiration::PX(ttl_ms)), None, false)
                    .await?;
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
                Self::Redis(pool),
                Some(Held::Redis {
                    key: lock_key,
                    token,
                    ..
                }),
            ) => {
                let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
                let written: i64 = pool
                    .eval(
                        FENCED_SET_SCRIPT,
                        vec![lock_key.as_str(), key],
                        vec![token.clone(), value.to_owned(), ttl_ms.to_string()],
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
            Self::Redis(pool) => {
                let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
                let taken: Option<String> = pool
                    .set(
                        key,
                        "1",
                        Some(Expiration::PX(ttl_ms)),
                        Some(SetOptions::NX),
                        false,
                    )
                    .await?;
                Ok(taken.is_some())
            }
        }
    }

    /// Removes `key`.
    pub async fn delete(&self, key: &str) -> Result<(), StoreError> {
        match self {
            Self::Memory(memory) => {
                memory.values.delete(key);
                Ok(())
            }
            Self::Redis(pool) => {
                let _removed: i64 = pool.del(key).await?;
                Ok(())
            }
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
            Self::Redis(pool) => {
                let token = super::session::random_token();
                let ttl_ms = i64::try_from(ttl.as_millis()).unwrap_or(i64::MAX);
                let deadline = Instant::now() + wait;
                loop {
                    let taken: Option<String> = pool
                        .set(
                            key,
                            token.as_str(),
                            Some(Expiration::PX(ttl_ms)),
                            Some(SetOptions::NX),
                            false,
                        )
                        .await?;
                    if taken.is_some() {
                        return Ok(LockGuard {
                            held: Some(Held::Redis {
                                pool: pool.clone(),
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
