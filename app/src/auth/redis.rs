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
use std::{error::Error as _, fmt, future::Future, sync::Arc, time::Duration};
use tower_sessions::{
    session::{Id, Record},
    session_store, SessionStore,
};

/// How long start-up waits for a first answer before it goes on without one.
const FIRST_CONTACT: Duration = Duration::from_secs(5);
/// Prefix of the keys of session records.
const SESSION_PREFIX: &str = "session:";

/// Redis did not answer, or not in time.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct Unavailable(String);

/// A connection to Redis, shared by every request. Cheap to clone.
#[derive(Clone)]
pub struct Redis {
    connection: ConnectionManager,
    timeout: Duration,
    target: Arc<str>,
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
        let connection =
            ConnectionManager::new_lazy_with_config(client, manager).map_err(unavailable)?;
        Ok(Self {
            connection,
            timeout,
            target: config.redacted_url().into(),
        })
    }

    /// Asks Redis once, at start-up: `Err` if it refused us (TLS, certificate, password), which
    /// no retry mends; `Ok` if it answered or is merely unreachable for now.
    pub async fn first_contact(&self) -> Result<(), Refusal> {
        let ping = redis::cmd("PING");
        let outcome = tokio::time::timeout(
            FIRST_CONTACT,
            ping.query_async::<String>(&mut self.connection.clone()),
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
        let mut connection = self.connection.clone();
        self.within(command.query_async(&mut connection)).await
    }

    /// `future` within the deadline, its error as [`Unavailable`].
    async fn within<T>(
        &self,
        future: impl Future<Output = Result<T, RedisError>>,
    ) -> Result<T, Unavailable> {
        tokio::time::timeout(self.timeout, future)
            .await
            .map_err(|_| Unavailable("no answer in time".to_owned()))?
            .map_err(unavailable)
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
        let mut connection = self.connection.clone();
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
/// else. A host name is checked as always.
fn private_ca_client(config: &RedisConfig, pem: &[u8]) -> Result<Client, RedisError> {
    let client = Client::build_with_tls(
        config.url.as_str(),
        TlsCertificates {
            client_tls: None,
            root_cert: Some(pem.to_vec()),
        },
    )?;
    // `url` keeps a `rediss://` host as written (an opaque host), so parse the address here.
    let host = config.url.host_str().unwrap_or_default();
    let is_address = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse::<std::net::IpAddr>()
        .is_ok();
    if !is_address {
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

/// Whether `error` means Redis turned us away for good: a failed TLS handshake or certificate
/// check (the variable to fix is `REDIS_CA_CERT`, or the URL's scheme), or a refused password.
fn refusal(error: &RedisError) -> Option<Refusal> {
    if error.kind() == ErrorKind::AuthenticationFailed
        || matches!(error.code(), Some("NOAUTH" | "WRONGPASS"))
    {
        return Some(Refusal {
            variable: "REDIS_URL",
            problem: format!("Redis refused the password ({error})"),
        });
    }
    // redis-rs keeps an I/O error behind an `Arc`; rustls reports a failed handshake or
    // certificate check as `InvalidData`.
    let io = error.source().and_then(|source| {
        source.downcast_ref::<std::io::Error>().or_else(|| {
            source
                .downcast_ref::<Arc<dyn std::error::Error + Send + Sync>>()
                .and_then(|inner| inner.downcast_ref::<std::io::Error>())
        })
    });
    if let Some(io) = io.filter(|io| io.kind() == std::io::ErrorKind::InvalidData) {
        return Some(Refusal {
            variable: "REDIS_CA_CERT",
            problem: format!(
                "the TLS handshake with Redis failed ({io}); check that REDIS_URL is rediss:// \
                 only for a TLS port and that REDIS_CA_CERT holds the CA that signed the \
                 server's certificate"
            ),
        });
    }
    None
}

/// Session records in Redis, named by a keyed hash of their id and sealed.
#[derive(Clone)]
pub struct RedisSessions {
    redis: Redis,
    names: Arc<KeyedHash>,
    vault: Arc<Vault>,
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

    /// Writes `record` under `condition` (`NX`: only a new one, `XX`: only an existing one),
    /// expiring when the session does; whether it was written.
    async fn write(&self, record: &Record, condition: &str) -> session_store::Result<bool> {
        let (key, _) = self.keys(&record.id);
        let expires_at = record.expiry_date.unix_timestamp();
        if expires_at <= time::OffsetDateTime::now_utc().unix_timestamp() {
            self.redis.delete(&[&key]).await.map_err(backend)?;
            return Ok(false);
        }
        let plain = serde_json::to_vec(record).map_err(backend)?;
        let sealed = self.vault.seal(&plain);
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
        Ok(written.is_some())
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
        while !self.write(record, "NX").await? {
            record.id = Id::default();
        }
        Ok(())
    }

    /// Updates a session that still exists; one deleted meanwhile (a sign-out while this
    /// request was in flight) stays deleted.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.write(record, "XX").await.map(|_| ())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let (key, previous) = self.keys(id);
        if let Some(sealed) = self.redis.get(&key).await.map_err(backend)? {
            return Ok(self.open(id, &sealed));
        }
        let Some(previous) = previous else {
            return Ok(None);
        };
        let Some(record) = self
            .redis
            .get(&previous)
            .await
            .map_err(backend)?
            .and_then(|sealed| self.open(id, &sealed))
        else {
            return Ok(None);
        };
        // Named under the secret before a rotation: move it under the current name.
        self.write(&record, "NX").await?;
        self.redis.delete(&[&previous]).await.map_err(backend)?;
        Ok(Some(record))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let (key, previous) = self.keys(id);
        let keys: Vec<&str> = std::iter::once(key.as_str())
            .chain(previous.as_deref())
            .collect();
        self.redis.delete(&keys).await.map_err(backend)
    }
}
