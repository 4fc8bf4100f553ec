//! The Redis that every instance shares (`REDIS_URL`; TLS with `rediss://`, the server's CA from
//! `REDIS_CA_CERT`, the AUTH password from the URL): one multiplexed connection that reconnects
//! in the background, the few commands the store needs, and the session records.
//!
//! A session record is stored under a keyed hash of its id and sealed, so a copy of the database
//! (a dump, a replica, a backup) holds no cookie that signs anyone in and nothing of what the
//! record says (profile, sites, the link to the grant).
//!
//! redis-rs rather than fred: its releases are regular (fred's last was early 2025), its TLS
//! takes a custom CA with rustls, and owning the session store lets tower-sessions move on
//! (tower-sessions-redis-store kept us on 0.14).

use super::vault::{KeyedHash, Vault};
use crate::config::RedisConfig;
use redis::{
    aio::{ConnectionManager, ConnectionManagerConfig},
    Client, ErrorKind, FromRedisValue, RedisError, Script, TlsCertificates,
};
use std::{
    error::Error as _,
    fmt,
    future::Future,
    sync::{Arc, PoisonError, RwLock},
    time::{Duration, Instant},
};
use tower_sessions::{
    session::{Id, Record},
    session_store, SessionStore,
};

/// How long start-up waits for a first answer before it goes on without one.
const FIRST_CONTACT: Duration = Duration::from_secs(5);
/// Prefix of the keys of session records.
const SESSION_PREFIX: &str = "jsa:session:";

/// Redis did not answer, or not in time.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct Unavailable(String);

/// How often at most a connection that Redis turned away is replaced by a new one.
const RENEW_EVERY: Duration = Duration::from_secs(1);

/// A connection to Redis, shared by every request. Cheap to clone.
#[derive(Clone)]
pub struct Redis {
    shared: Arc<Shared>,
    timeout: Duration,
    target: Arc<str>,
}

/// The connection, and what it takes to make a new one.
struct Shared {
    client: Client,
    settings: ConnectionManagerConfig,
    /// The connection in use, and when it was made.
    current: RwLock<(ConnectionManager, Instant)>,
}

impl fmt::Debug for Redis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Redis")
            .field("target", &self.target)
            .finish()
    }
}

/// Why Redis refused us (as opposed to not answering): it will not change by retrying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The variable to fix.
    pub variable: &'static str,
    /// What happened, in a few words.
    pub problem: String,
}

impl Redis {
    /// A client for `config` that connects on first use and again after every failure, so the
    /// app starts and serves `/health-check` while Redis is down. A connection attempt and each
    /// command take at most `timeout`.
    pub fn connect(config: &RedisConfig, timeout: Duration) -> Result<Self, Unavailable> {
        let client = match &config.ca_cert {
            Some(pem) => private_ca_client(config, pem),
            None => Client::open(config.url.as_str()),
        }
        .map_err(unavailable)?;
        let manager = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeout))
            .set_response_timeout(Some(timeout))
            .set_number_of_retries(1)
            .set_max_delay(Duration::from_millis(500));
        let connection = ConnectionManager::new_lazy_with_config(client.clone(), manager.clone())
            .map_err(unavailable)?;
        Ok(Self {
            shared: Arc::new(Shared {
                client,
                settings: manager,
                current: RwLock::new((connection, Instant::now())),
            }),
            timeout,
            target: config.redacted_url().into(),
        })
    }

    /// The connection in use (a handle to it).
    fn connection(&self) -> ConnectionManager {
        let current = self
            .shared
            .current
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        current.0.clone()
    }

    /// After `error`, a connection that will never work again is replaced (at most once per
    /// [`RENEW_EVERY`]). redis-rs reconnects by itself only after I/O errors; one whose
    /// reconnection was answered with an error (a refused password while it is being rotated,
    /// "max number of clients reached") keeps returning that error for good.
    fn renew_after(&self, error: &RedisError) {
        if error.kind() != ErrorKind::AuthenticationFailed {
            return;
        }
        let mut current = self
            .shared
            .current
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        if current.1.elapsed() < RENEW_EVERY {
            return;
        }
        tracing::warn!(
            redis = %self.target, %error,
            "Redis turned the connection away; trying a new one"
        );
        match ConnectionManager::new_lazy_with_config(
            self.shared.client.clone(),
            self.shared.settings.clone(),
        ) {
            Ok(connection) => *current = (connection, Instant::now()),
            Err(error) => tracing::warn!(%error, "could not make a new Redis connection"),
        }
    }

    /// Asks Redis once, at start-up: `Err` if it refused us (TLS, certificate, password), which
    /// no retry mends; `Ok` if it answered or is merely unreachable for now.
    pub async fn first_contact(&self) -> Result<(), Refusal> {
        let ping = redis::cmd("PING");
        let outcome = tokio::time::timeout(
            FIRST_CONTACT,
            ping.query_async::<String>(&mut self.connection()),
        )
        .await;
        match outcome {
            Ok(Ok(_)) => {
                tracing::info!(redis = %self.target, "connected to Redis");
                Ok(())
            }
            Ok(Err(error)) => match refusal(&error) {
                Some(refusal) => Err(refusal),
                None => {
                    tracing::warn!(
                        redis = %self.target, %error,
                        "Redis does not answer yet; sign-ins fail with 503 until it does"
                    );
                    Ok(())
                }
            },
            Err(_) => {
                tracing::warn!(
                    redis = %self.target,
                    "Redis did not answer within {FIRST_CONTACT:?}; sign-ins fail with 503 until it does"
                );
                Ok(())
            }
        }
    }

    /// Runs one command with the store's deadline.
    async fn run<T: FromRedisValue>(&self, command: &redis::Cmd) -> Result<T, Unavailable> {
        let mut connection = self.connection();
        self.within(command.query_async(&mut connection)).await
    }

    /// `future` within the deadline, its error as [`Unavailable`].
    async fn within<T>(
        &self,
        future: impl Future<Output = Result<T, RedisError>>,
    ) -> Result<T, Unavailable> {
        let outcome = tokio::time::timeout(self.timeout, future)
            .await
            .map_err(|_| Unavailable("no answer in time".to_owned()))?;
        outcome.map_err(|error| {
            self.renew_after(&error);
            unavailable(error)
        })
    }

    /// Runs a script with the store's deadline.
    async fn eval<T: FromRedisValue>(
        &self,
        script: &Script,
        keys: &[&str],
        args: &[&str],
    ) -> Result<T, Unavailable> {
        let mut invocation = script.prepare_invoke();
        for key in keys {
            invocation.key(*key);
        }
        for arg in args {
            invocation.arg(*arg);
        }
        let mut connection = self.connection();
        self.within(invocation.invoke_async(&mut connection)).await
    }

    /// The value at `key`.
    pub async fn get(&self, key: &str) -> Result<Option<String>, Unavailable> {
        self.run(redis::cmd("GET").arg(key)).await
    }

    /// Sets `key` for `ttl`, under `condition` (`NX`, `XX`) if any; whether it was written.
    pub async fn set(
        &self,
        key: &str,
        value: &str,
        ttl: Duration,
        condition: Option<&str>,
    ) -> Result<bool, Unavailable> {
        let mut command = redis::cmd("SET");
        command.arg(key).arg(value).arg("PX").arg(millis(ttl));
        if let Some(condition) = condition {
            command.arg(condition);
        }
        let written: Option<String> = self.run(&command).await?;
        Ok(written.is_some())
    }

    /// Removes `keys`.
    pub async fn delete(&self, keys: &[&str]) -> Result<(), Unavailable> {
        let _removed: i64 = self.run(redis::cmd("DEL").arg(keys)).await?;
        Ok(())
    }

    /// Runs `script` (a Lua script; EVALSHA, loading it first if Redis lacks it).
    pub async fn script<T: FromRedisValue>(
        &self,
        script: &Script,
        keys: &[&str],
        args: &[&str],
    ) -> Result<T, Unavailable> {
        self.eval(script, keys, args).await
    }
}

/// A TLS client that trusts only the CA in `REDIS_CA_CERT`.
///
/// Memorystore gives each instance its own CA and is reached at a private IP address, and its
/// server certificate has been seen to carry that address only in the subject's common name,
/// which rustls (rightly, for the public web) does not read. So for an IP address, and only with
/// a CA of its own, the chain to that CA is checked but not the name: the CA signs for nothing
/// else (the configuration refuses a bundle of more than a few CAs there). A host name is
/// checked as always.
fn private_ca_client(config: &RedisConfig, pem: &[u8]) -> Result<Client, RedisError> {
    let client = Client::build_with_tls(
        config.url.as_str(),
        TlsCertificates {
            client_tls: None,
            root_cert: Some(pem.to_vec()),
        },
    )?;
    if !config.names_an_address() {
        return Ok(client);
    }
    let info = client.get_connection_info().clone();
    let mut addr = info.addr().clone();
    addr.set_danger_accept_invalid_hostnames(true);
    Client::open(info.set_addr(addr))
}

/// `ttl` in milliseconds, for `PX`.
fn millis(ttl: Duration) -> u64 {
    u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX)
}

fn unavailable(error: RedisError) -> Unavailable {
    Unavailable(error.to_string())
}

/// Whether `error` means Redis turned us away for good: a refused password (the variable to fix
/// is `REDIS_URL`), a certificate that does not check out (`REDIS_CA_CERT`), or no TLS at a
/// `rediss://` address (`REDIS_URL`). Anything else (no answer, a TLS alert, "max number of
/// clients reached") may pass, and only delays the first sign-in.
fn refusal(error: &RedisError) -> Option<Refusal> {
    // redis-rs reports any error answer to AUTH this way, without Redis's words; at start-up,
    // on a connection of our own, that is the password.
    if matches!(error.code(), Some("NOAUTH" | "WRONGPASS"))
        || error.kind() == ErrorKind::AuthenticationFailed
    {
        return Some(Refusal {
            variable: "REDIS_URL",
            problem: format!("Redis refused the password ({error})"),
        });
    }
    // redis-rs keeps an I/O error behind an `Arc`; rustls's error is inside it.
    let tls = error
        .source()
        .and_then(|source| {
            source.downcast_ref::<std::io::Error>().or_else(|| {
                source
                    .downcast_ref::<Arc<dyn std::error::Error + Send + Sync>>()
                    .and_then(|inner| inner.downcast_ref::<std::io::Error>())
            })
        })
        .and_then(std::io::Error::get_ref)
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())?;
    match tls {
        rustls::Error::InvalidCertificate(_) => Some(Refusal {
            variable: "REDIS_CA_CERT",
            problem: format!(
                "the TLS handshake with Redis failed ({tls}); REDIS_CA_CERT must hold the CA \
                 that signed the server's certificate"
            ),
        }),
        rustls::Error::InvalidMessage(_) => Some(Refusal {
            variable: "REDIS_URL",
            problem: format!(
                "the TLS handshake with Redis failed ({tls}); is the port a TLS port? \
                 rediss:// is for TLS only"
            ),
        }),
        _ => None,
    }
}

/// Writes KEYS[1] = ARGV[1] (expiring at Unix time ARGV[2], unless it exists) and deletes
/// KEYS[2], only while KEYS[2] exists; 1 if it did, 0 if not.
const RENAME_SCRIPT: &str = "if redis.call('exists', KEYS[2]) == 1 then \
     redis.call('set', KEYS[1], ARGV[1], 'EXAT', ARGV[2], 'NX') \
     redis.call('del', KEYS[2]) return 1 end return 0";

/// What a write of a session record did.
enum Written {
    /// Written.
    Yes,
    /// Not written: its condition (`NX`, `XX`) did not hold.
    Refused,
    /// Not written: the session has ended (any stored copy is deleted).
    Expired,
}

/// Session records in Redis, named by a keyed hash of their id and sealed.
#[derive(Clone)]
pub struct RedisSessions {
    redis: Redis,
    names: Arc<KeyedHash>,
    vault: Arc<Vault>,
    rename: Arc<Script>,
}

impl fmt::Debug for RedisSessions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisSessions")
            .field("redis", &self.redis)
            .finish_non_exhaustive()
    }
}

fn backend(error: impl fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

impl RedisSessions {
    /// The session store over `redis`; `names` names records, `vault` seals them.
    pub fn new(redis: Redis, names: Arc<KeyedHash>, vault: Arc<Vault>) -> Self {
        Self {
            redis,
            names,
            vault,
            rename: Arc::new(Script::new(RENAME_SCRIPT)),
        }
    }

    /// The key of `id`'s record, and its key under the previous secret during a rotation.
    fn keys(&self, id: &Id) -> (String, Option<String>) {
        let id = id.to_string();
        (
            format!("{SESSION_PREFIX}{}", self.names.current(id.as_bytes())),
            self.names
                .previous(id.as_bytes())
                .map(|name| format!("{SESSION_PREFIX}{name}")),
        )
    }

    /// `record` sealed, and the Unix time its session ends; `None` when that has passed.
    fn sealed(&self, record: &Record) -> session_store::Result<Option<(String, i64)>> {
        let expires_at = record.expiry_date.unix_timestamp();
        if expires_at <= time::OffsetDateTime::now_utc().unix_timestamp() {
            return Ok(None);
        }
        let plain = serde_json::to_vec(record).map_err(backend)?;
        Ok(Some((self.vault.seal(&plain), expires_at)))
    }

    /// Writes `record` under `condition` (`NX`: only a new one, `XX`: only an existing one),
    /// expiring when the session does.
    async fn write(&self, record: &Record, condition: &str) -> session_store::Result<Written> {
        let (key, _) = self.keys(&record.id);
        let Some((sealed, expires_at)) = self.sealed(record)? else {
            self.redis.delete(&[&key]).await.map_err(backend)?;
            return Ok(Written::Expired);
        };
        let written: Option<String> = self
            .redis
            .run(
                redis::cmd("SET")
                    .arg(&key)
                    .arg(&sealed)
                    .arg("EXAT")
                    .arg(expires_at)
                    .arg(condition),
            )
            .await
            .map_err(backend)?;
        Ok(if written.is_some() {
            Written::Yes
        } else {
            Written::Refused
        })
    }

    /// The record under `key`, if there is one and it opens for `id`.
    async fn read(&self, id: &Id, key: &str) -> session_store::Result<Option<Record>> {
        let sealed = self.redis.get(key).await.map_err(backend)?;
        Ok(sealed.and_then(|sealed| self.open(id, &sealed)))
    }

    /// The record sealed in `sealed`, if it opens and is `id`'s (a record copied under another
    /// key is not).
    fn open(&self, id: &Id, sealed: &str) -> Option<Record> {
        let plain = self.vault.open(sealed).ok()?;
        let record: Record = serde_json::from_slice(&plain).ok()?;
        (record.id == *id).then_some(record)
    }
}

#[async_trait::async_trait]
impl SessionStore for RedisSessions {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        loop {
            match self.write(record, "NX").await? {
                Written::Yes => return Ok(()),
                Written::Refused => record.id = Id::default(),
                Written::Expired => return Err(backend("the session has already expired")),
            }
        }
    }

    /// Updates a session that still exists; one deleted meanwhile (a sign-out while this
    /// request was in flight) stays deleted.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.write(record, "XX").await.map(drop)
    }

    /// The record under its current name; during a rotation, one still under its previous name
    /// is moved (in one script, and only while it is still there: a sign-out meanwhile wins).
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let (key, previous) = self.keys(id);
        if let Some(record) = self.read(id, &key).await? {
            return Ok(Some(record));
        }
        let Some(previous) = previous else {
            return Ok(None);
        };
        let Some(record) = self.read(id, &previous).await? else {
            // Another request may have just moved it.
            return self.read(id, &key).await;
        };
        let Some((sealed, expires_at)) = self.sealed(&record)? else {
            return Ok(None);
        };
        let expires_at = expires_at.to_string();
        let moved: i64 = self
            .redis
            .script(&self.rename, &[&key, &previous], &[&sealed, &expires_at])
            .await
            .map_err(backend)?;
        if moved == 1 {
            Ok(Some(record))
        } else {
            self.read(id, &key).await
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let (key, previous) = self.keys(id);
        let keys: Vec<&str> = std::iter::once(key.as_str())
            .chain(previous.as_deref())
            .collect();
        self.redis.delete(&keys).await.map_err(backend)
    }
}
