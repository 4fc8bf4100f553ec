//! Configuration from the environment (and a `.env` file), loaded once at start-up. Every problem is
//! reported as one line naming the variable, so a bad deployment fails before it serves anything.

use secrecy::SecretSlice;
use std::{fmt, net::SocketAddr};
use url::Url;

/// The scopes requested when `ATLASSIAN_SCOPES` is not set.
pub const DEFAULT_SCOPES: &str = "read:me read:jira-user read:jira-work offline_access";
/// Client id the built-in sandbox registers for this app.
pub const SANDBOX_CLIENT_ID: &str = "sandbox-client-id";
/// Client secret the built-in sandbox registers for this app.
pub const SANDBOX_CLIENT_SECRET: &str = "sandbox-client-secret";
/// Where the built-in sandbox is mounted in sandbox mode.
pub const SANDBOX_MOUNT: &str = "/sandbox";

/// The OAuth client this app is to Atlassian.
#[derive(Clone)]
pub struct Credentials {
    /// `ATLASSIAN_CLIENT_ID`.
    pub client_id: String,
    /// `ATLASSIAN_CLIENT_SECRET`.
    pub client_secret: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[redacted]")
            .finish()
    }
}

/// The whole configuration of one running instance.
#[derive(Debug, Clone)]
pub struct Config {
    /// True when no client id is configured: the app serves the sandbox and talks to it.
    pub sandbox: bool,
    /// Client credentials (the sandbox's own in sandbox mode).
    pub credentials: Credentials,
    /// Authorization server base: `{it}/authorize`, `{it}/oauth/token`.
    pub auth_url: Url,
    /// API gateway base: `{it}/me`, `{it}/oauth/token/accessible-resources`, `{it}/ex/jira/...`.
    pub api_url: Url,
    /// Public base URL of this app.
    pub app_url: Url,
    /// Scopes requested at sign-in.
    pub scopes: Vec<String>,
    /// Key material for cookies and tokens at rest (random per process in sandbox mode).
    pub session_secret: SecretSlice<u8>,
    /// The secret before the last rotation: values sealed with it can still be opened.
    pub session_secret_previous: Option<SecretSlice<u8>>,
    /// The shared store, when `REDIS_URL` is set.
    pub redis: Option<RedisConfig>,
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Whether the client lives within Atlassian's rate limits (`RATE_LIMITS`, on unless set to
    /// `ignore`, which only a benchmark's baseline does: listening on loopback, not on Cloud Run,
    /// against an upstream on this machine).
    pub respect_rate_limits: bool,
    /// Whether the in-process sandbox mounts its control endpoints (faults, token expiry, grant
    /// revocation, stats): only in sandbox mode on loopback, never where others can reach them.
    pub sandbox_controls: bool,
}

/// How to reach the Redis that every instance shares.
#[derive(Clone)]
pub struct RedisConfig {
    /// `REDIS_URL`: `redis://` or `rediss://` (TLS), with the AUTH password if there is one.
    pub url: Url,
    /// `REDIS_CA_CERT`'s PEM certificates, read at start-up; `None`: the system roots.
    pub ca_cert: Option<Vec<u8>>,
}

/// The most certificates `REDIS_CA_CERT` may hold for a Redis at an IP address: Memorystore's
/// own CA, with room for the ones it rotates to.
pub const MAX_PRIVATE_CAS: usize = 4;

impl RedisConfig {
    /// The URL with its user and password hidden, for logs and messages (a password is
    /// sometimes written where the user goes).
    pub fn redacted_url(&self) -> String {
        let mut url = self.url.clone();
        if !url.username().is_empty() {
            let _ = url.set_username("redacted");
        }
        if url.password().is_some() {
            let _ = url.set_password(Some("redacted"));
        }
        url.to_string()
    }

    /// Whether the URL names an IP address rather than a host name (`url` keeps a `rediss://`
    /// host as written, so it is parsed here).
    pub fn names_an_address(&self) -> bool {
        self.url
            .host_str()
            .unwrap_or_default()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok()
    }
}

impl fmt::Debug for RedisConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisConfig")
            .field("url", &self.redacted_url())
            .field("ca_cert", &self.ca_cert.as_ref().map(Vec::len))
            .finish()
    }
}

/// A configuration problem: which variable, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The environment variable at fault.
    pub variable: &'static str,
    /// What is wrong, in a few words.
    pub problem: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "configuration error: {}: {}",
            self.variable, self.problem
        )
    }
}

impl std::error::Error for ConfigError {}

fn problem(variable: &'static str, problem: impl Into<String>) -> ConfigError {
    ConfigError {
        variable,
        problem: problem.into(),
    }
}

impl Config {
    /// Adds the variables of `.env` in the working directory, if there is one, to the process
    /// environment (a variable already set wins). Called first thing at start-up, so that
    /// everything read later, `RUST_LOG` included, sees them.
    pub fn load_dotenv() -> Result<(), ConfigError> {
        match dotenvy::dotenv() {
            Err(error) if !error.not_found() => Err(problem(".env", error.to_string())),
            _ => Ok(()),
        }
    }

    /// Reads the process environment (after [`Config::load_dotenv`]).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Builds the configuration from any variable source (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let app_url = parse_base_url("APP_URL", var("APP_URL"), "http://127.0.0.1:3000")?;
        let listen = listen_address(var("PORT"), var("LEPTOS_SITE_ADDR"))?;
        let scopes_text = var("ATLASSIAN_SCOPES").unwrap_or_else(|| DEFAULT_SCOPES.to_owned());
        if scopes_text.contains(',') {
            return Err(problem(
                "ATLASSIAN_SCOPES",
                "scopes are separated by spaces, not commas",
            ));
        }
        let scopes: Vec<String> = scopes_text.split_whitespace().map(str::to_owned).collect();

        let client_id = var("ATLASSIAN_CLIENT_ID");
        let sandbox = client_id.is_none();
        // Reached from beyond this machine: it listens beyond loopback, or people reach it at an
        // address that is not this machine's (a reverse proxy in front of a loopback listener).
        let beyond = if !listen.ip().is_loopback() {
            Some(format!("the app listens on {listen}"))
        } else if !names_this_machine(&app_url) {
            Some(format!(
                "APP_URL names {}, beyond this machine",
                app_url.host_str().unwrap_or_default()
            ))
        } else {
            None
        };
        if let (true, Some(beyond)) = (sandbox && var("SANDBOX").as_deref() != Some("1"), &beyond) {
            return Err(problem(
                "ATLASSIAN_CLIENT_ID",
                format!(
                    "not set, and {beyond}; set it, or set SANDBOX=1 to serve the sandbox there \
                     on purpose"
                ),
            ));
        }
        if sandbox && var("K_SERVICE").is_some() && var("SANDBOX").as_deref() != Some("1") {
            return Err(problem(
                "ATLASSIAN_CLIENT_ID",
                "not set on Cloud Run; set it, or set SANDBOX=1 to serve the sandbox on purpose",
            ));
        }
        // Beyond this machine cookies must be `__Host-`/Secure and HSTS on, which needs an https
        // APP_URL, and tokens travel only over https (an upstream on this machine aside).
        let require_https = |variable: &'static str, url: &Url| match &beyond {
            Some(beyond)
                if url.scheme() != "https"
                    && (variable == "APP_URL" || !names_this_machine(url)) =>
            {
                Err(problem(
                    variable,
                    format!("must be an https URL when {beyond}"),
                ))
            }
            _ => Ok(()),
        };
        require_https("APP_URL", &app_url)?;

        let (credentials, auth_url, api_url) = match client_id {
            Some(client_id) => {
                let client_secret = var("ATLASSIAN_CLIENT_SECRET").ok_or_else(|| {
                    problem(
                        "ATLASSIAN_CLIENT_SECRET",
                        "required when ATLASSIAN_CLIENT_ID is set",
                    )
                })?;
                (
                    Credentials {
                        client_id,
                        client_secret,
                    },
                    parse_base_url(
                        "ATLASSIAN_AUTH_URL",
                        var("ATLASSIAN_AUTH_URL"),
                        "https://auth.atlassian.com",
                    )?,
                    parse_base_url(
                        "ATLASSIAN_API_URL",
                        var("ATLASSIAN_API_URL"),
                        "https://api.atlassian.com",
                    )?,
                )
            }
            None => (
                Credentials {
                    client_id: SANDBOX_CLIENT_ID.to_owned(),
                    client_secret: SANDBOX_CLIENT_SECRET.to_owned(),
                },
                join_base(&app_url, &format!("{SANDBOX_MOUNT}/auth")),
                join_base(&app_url, &format!("{SANDBOX_MOUNT}/api")),
            ),
        };

        if !sandbox {
            require_https("ATLASSIAN_AUTH_URL", &auth_url)?;
            require_https("ATLASSIAN_API_URL", &api_url)?;
        }

        let session_secret = match var("SESSION_SECRET") {
            Some(secret) if secret.len() < 32 => {
                return Err(problem("SESSION_SECRET", "must be at least 32 bytes long"))
            }
            Some(secret) => secret.into_bytes().into(),
            None if sandbox => {
                let mut bytes = vec![0u8; 32];
                rand::fill(&mut bytes[..]);
                bytes.into()
            }
            None => {
                return Err(problem(
                    "SESSION_SECRET",
                    "required when ATLASSIAN_CLIENT_ID is set (at least 32 bytes)",
                ))
            }
        };

        let session_secret_previous = match var("SESSION_SECRET_PREVIOUS") {
            Some(secret) if secret.len() < 32 => {
                return Err(problem(
                    "SESSION_SECRET_PREVIOUS",
                    "must be at least 32 bytes long",
                ))
            }
            other => other.map(|secret| secret.into_bytes().into()),
        };

        let redis = redis_config(var("REDIS_URL"), var("REDIS_CA_CERT"))?;

        let respect_rate_limits = match var("RATE_LIMITS").as_deref() {
            None | Some("respect") => true,
            Some("ignore")
                if beyond.is_none()
                    && var("K_SERVICE").is_none()
                    && names_this_machine(&api_url) =>
            {
                false
            }
            Some("ignore") => {
                return Err(problem(
                    "RATE_LIMITS",
                    "ignore is a benchmark's baseline: only on this machine, against an \
                         upstream on this machine",
                ))
            }
            Some(other) => {
                return Err(problem(
                    "RATE_LIMITS",
                    format!("{other:?} is neither respect nor ignore"),
                ))
            }
        };

        Ok(Self {
            sandbox,
            credentials,
            auth_url,
            api_url,
            app_url,
            scopes,
            session_secret,
            session_secret_previous,
            redis,
            listen,
            respect_rate_limits,
            sandbox_controls: sandbox && beyond.is_none(),
        })
    }

    /// The redirect URI registered with Atlassian: `{APP_URL}/oauth/callback`.
    pub fn callback_url(&self) -> String {
        join_base(&self.app_url, "/oauth/callback").to_string()
    }

    /// Whether the app is served over https (decides cookie flags).
    pub fn is_https(&self) -> bool {
        self.app_url.scheme() == "https"
    }
}

/// `REDIS_URL` and `REDIS_CA_CERT`, checked: a TLS URL whose certificate checks are on, and a CA
/// file that holds certificates.
fn redis_config(
    url: Option<String>,
    ca_path: Option<String>,
) -> Result<Option<RedisConfig>, ConfigError> {
    let Some(raw) = url else {
        return match ca_path {
            Some(_) => Err(problem("REDIS_CA_CERT", "set, but REDIS_URL is not")),
            None => Ok(None),
        };
    };
    let url = Url::parse(&raw).map_err(|e| problem("REDIS_URL", format!("not a URL ({e})")))?;
    if !matches!(url.scheme(), "redis" | "rediss") {
        return Err(problem(
            "REDIS_URL",
            "must start with redis:// or rediss://",
        ));
    }
    if url.fragment() == Some("insecure") {
        return Err(problem(
            "REDIS_URL",
            "#insecure would turn off the server certificate check; give the server's CA in \
             REDIS_CA_CERT instead",
        ));
    }
    let ca_cert = match ca_path {
        None => None,
        Some(_) if url.scheme() != "rediss" => {
            return Err(problem(
                "REDIS_CA_CERT",
                "set, but REDIS_URL is not a rediss:// (TLS) URL",
            ))
        }
        Some(path) => Some(read_certificates(&path)?),
    };
    let count = ca_cert.as_ref().map_or(0, |(_, count)| *count);
    let config = RedisConfig {
        url,
        ca_cert: ca_cert.map(|(pem, _)| pem),
    };
    if count > MAX_PRIVATE_CAS && config.names_an_address() {
        return Err(problem(
            "REDIS_CA_CERT",
            format!(
                "holds {count} certificates; for a Redis at an IP address it must be that \
                 Redis's own CA (Memorystore's server CA), whose certificates are trusted \
                 without a name check, not a bundle of public roots"
            ),
        ));
    }
    Ok(Some(config))
}

/// The PEM file at `path` and how many certificates it holds, if it can be read and holds at
/// least one and nothing malformed.
fn read_certificates(path: &str) -> Result<(Vec<u8>, usize), ConfigError> {
    use rustls_pki_types::{pem::PemObject, CertificateDer};
    let pem = std::fs::read(path)
        .map_err(|e| problem("REDIS_CA_CERT", format!("cannot read {path}: {e}")))?;
    let mut count = 0;
    for certificate in CertificateDer::pem_slice_iter(&pem) {
        certificate.map_err(|e| {
            problem(
                "REDIS_CA_CERT",
                format!("{path} is not a PEM certificate bundle ({e})"),
            )
        })?;
        count += 1;
    }
    if count == 0 {
        return Err(problem(
            "REDIS_CA_CERT",
            format!("{path} holds no PEM certificate"),
        ));
    }
    Ok((pem, count))
}

/// Whether `url` names this machine: `localhost` or a loopback address.
fn names_this_machine(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Appends a path to a base URL that has no trailing slash.
fn join_base(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let joined = format!("{}{}", base.path().trim_end_matches('/'), path);
    url.set_path(&joined);
    url
}

fn parse_base_url(
    variable: &'static str,
    value: Option<String>,
    default: &str,
) -> Result<Url, ConfigError> {
    let raw = value.unwrap_or_else(|| default.to_owned());
    let mut url = Url::parse(&raw).map_err(|e| problem(variable, format!("not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(problem(
            variable,
            "must be an http:// or https:// URL with a host",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(problem(variable, "must not have a query or fragment"));
    }
    let trimmed = url.path().trim_end_matches('/').to_owned();
    url.set_path(&trimmed);
    Ok(url)
}

fn listen_address(
    port: Option<String>,
    site_addr: Option<String>,
) -> Result<SocketAddr, ConfigError> {
    if let Some(port) = port {
        let port: u16 = port
            .parse()
            .map_err(|_| problem("PORT", format!("not a port number: {port:?}")))?;
        return Ok(SocketAddr::from(([0, 0, 0, 0], port)));
    }
    match site_addr {
        Some(addr) => addr.parse().map_err(|_| {
            problem(
                "LEPTOS_SITE_ADDR",
                format!("not an address like 127.0.0.1:3000: {addr:?}"),
            )
        }),
        None => Ok(SocketAddr::from(([127, 0, 0, 1], 3000))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_to_sandbox_mode_on_loopback() {
        let config = load(&[]).unwrap();
        assert!(config.sandbox);
        assert!(config.respect_rate_limits);
        assert!(
            !load(&[("RATE_LIMITS", "ignore")])
                .unwrap()
                .respect_rate_limits
        );
        assert_eq!(config.listen.to_string(), "127.0.0.1:3000");
        assert_eq!(
            config.auth_url.as_str(),
            "http://127.0.0.1:3000/sandbox/auth"
        );
        assert_eq!(config.api_url.as_str(), "http://127.0.0.1:3000/sandbox/api");
        assert_eq!(
            config.callback_url(),
            "http://127.0.0.1:3000/oauth/callback"
        );
        assert_eq!(
            config.scopes,
            [
                "read:me",
                "read:jira-user",
                "read:jira-work",
                "offline_access"
            ]
        );
    }

    #[test]
    fn production_needs_secret_and_session_secret() {
        let error = load(&[("ATLASSIAN_CLIENT_ID", "id")]).unwrap_err();
        assert_eq!(error.variable, "ATLASSIAN_CLIENT_SECRET");
        let error = load(&[
            ("ATLASSIAN_CLIENT_ID", "id"),
            ("ATLASSIAN_CLIENT_SECRET", "s"),
        ])
        .unwrap_err();
        assert_eq!(error.variable, "SESSION_SECRET");
        let error = load(&[
            ("ATLASSIAN_CLIENT_ID", "id"),
            ("ATLASSIAN_CLIENT_SECRET", "s"),
            ("SESSION_SECRET", "short"),
        ])
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "configuration error: SESSION_SECRET: must be at least 32 bytes long"
        );
    }

    #[test]
    fn production_uses_atlassian_hosts() {
        let config = load(&[
            ("ATLASSIAN_CLIENT_ID", "id"),
            ("ATLASSIAN_CLIENT_SECRET", "s"),
            ("SESSION_SECRET", "0123456789abcdef0123456789abcdef"),
            ("APP_URL", "https://jira.example.com/"),
            ("PORT", "8080"),
        ])
        .unwrap();
        assert!(!config.sandbox);
        assert_eq!(config.auth_url.as_str(), "https://auth.atlassian.com/");
        assert_eq!(config.api_url.as_str(), "https://api.atlassian.com/");
        assert_eq!(
            config.callback_url(),
            "https://jira.example.com/oauth/callback"
        );
        assert_eq!(config.listen.to_string(), "0.0.0.0:8080");
        assert!(config.is_https());
    }

    #[test]
    fn bad_values_name_their_variable() {
        for (pairs, variable) in [
            (vec![("APP_URL", "not a url")], "APP_URL"),
            (vec![("APP_URL", "ftp://x")], "APP_URL"),
            (vec![("PORT", "eighty")], "PORT"),
            (vec![("LEPTOS_SITE_ADDR", "localhost")], "LEPTOS_SITE_ADDR"),
            (
                vec![("ATLASSIAN_SCOPES", "read:me,offline_access")],
                "ATLASSIAN_SCOPES",
            ),
            (vec![("REDIS_URL", "http://x")], "REDIS_URL"),
            (
                vec![("REDIS_URL", "rediss://x:6378/#insecure")],
                "REDIS_URL",
            ),
            (vec![("REDIS_CA_CERT", "/etc/hostname")], "REDIS_CA_CERT"),
            (
                vec![
                    ("REDIS_URL", "redis://x"),
                    ("REDIS_CA_CERT", "/etc/hostname"),
                ],
                "REDIS_CA_CERT",
            ),
            (
                vec![
                    ("REDIS_URL", "rediss://x"),
                    ("REDIS_CA_CERT", "/no/such/ca.pem"),
                ],
                "REDIS_CA_CERT",
            ),
            (
                vec![("REDIS_URL", "rediss://x"), ("REDIS_CA_CERT", "Cargo.toml")],
                "REDIS_CA_CERT",
            ),
            (
                vec![("SESSION_SECRET_PREVIOUS", "short")],
                "SESSION_SECRET_PREVIOUS",
            ),
            (vec![("K_SERVICE", "svc")], "ATLASSIAN_CLIENT_ID"),
            (vec![("RATE_LIMITS", "off")], "RATE_LIMITS"),
            (
                vec![
                    ("RATE_LIMITS", "ignore"),
                    ("K_SERVICE", "svc"),
                    ("SANDBOX", "1"),
                ],
                "RATE_LIMITS",
            ),
            (
                vec![
                    ("ATLASSIAN_CLIENT_ID", "id"),
                    ("ATLASSIAN_CLIENT_SECRET", "secret"),
                    ("SESSION_SECRET", "0123456789abcdef0123456789abcdef"),
                    ("RATE_LIMITS", "ignore"),
                ],
                "RATE_LIMITS",
            ),
        ] {
            assert_eq!(load(&pairs).unwrap_err().variable, variable, "{pairs:?}");
        }
    }

    #[test]
    fn beyond_loopback_the_sandbox_is_served_only_on_purpose_and_never_over_http() {
        let error = load(&[("PORT", "8080")]).unwrap_err();
        assert_eq!(error.variable, "ATLASSIAN_CLIENT_ID");
        assert!(error.problem.contains("0.0.0.0:8080"), "{error}");
        let error = load(&[("PORT", "8080"), ("SANDBOX", "1")]).unwrap_err();
        assert_eq!(error.variable, "APP_URL");
        let config = load(&[
            ("PORT", "8080"),
            ("SANDBOX", "1"),
            ("APP_URL", "https://demo.example.com"),
        ])
        .unwrap();
        assert!(config.sandbox && !config.sandbox_controls);
        assert!(load(&[]).unwrap().sandbox_controls, "on loopback");
    }

    #[test]
    fn beyond_loopback_every_url_is_https() {
        let production = [
            ("ATLASSIAN_CLIENT_ID", "id"),
            ("ATLASSIAN_CLIENT_SECRET", "s"),
            ("SESSION_SECRET", "0123456789abcdef0123456789abcdef"),
            ("APP_URL", "https://jira.example.com"),
            ("LEPTOS_SITE_ADDR", "10.0.0.5:3000"),
        ];
        assert!(load(&production).is_ok());
        for (variable, value) in [
            ("APP_URL", "http://jira.example.com"),
            ("ATLASSIAN_AUTH_URL", "http://auth.example.com"),
            ("ATLASSIAN_API_URL", "http://api.example.com"),
        ] {
            let mut pairs = production.to_vec();
            pairs.retain(|(name, _)| *name != variable);
            pairs.push((variable, value));
            let error = load(&pairs).unwrap_err();
            assert_eq!(error.variable, variable);
            assert_eq!(
                error.problem,
                "must be an https URL when the app listens on 10.0.0.5:3000"
            );
        }
        let on_loopback = [
            ("ATLASSIAN_CLIENT_ID", "id"),
            ("ATLASSIAN_CLIENT_SECRET", "s"),
            ("SESSION_SECRET", "0123456789abcdef0123456789abcdef"),
            ("ATLASSIAN_AUTH_URL", "http://127.0.0.1:4010/auth"),
        ];
        assert!(
            load(&on_loopback).is_ok(),
            "a local upstream for benchmarks"
        );
        // Behind a reverse proxy on this machine: people reach it at APP_URL.
        let proxied = [
            ("ATLASSIAN_CLIENT_ID", "id"),
            ("ATLASSIAN_CLIENT_SECRET", "s"),
            ("SESSION_SECRET", "0123456789abcdef0123456789abcdef"),
            ("APP_URL", "http://jira.example.com"),
        ];
        assert_eq!(
            load(&proxied).unwrap_err().to_string(),
            "configuration error: APP_URL: must be an https URL when APP_URL names \
             jira.example.com, beyond this machine"
        );
        let sandbox = load(&[("APP_URL", "https://demo.example.com")]).unwrap_err();
        assert_eq!(sandbox.variable, "ATLASSIAN_CLIENT_ID");
        let demo = load(&[("APP_URL", "https://demo.example.com"), ("SANDBOX", "1")]).unwrap();
        assert!(
            demo.sandbox && !demo.sandbox_controls,
            "no levers behind a proxy"
        );
        assert!(
            load(&[("APP_URL", "http://localhost:3000")])
                .unwrap()
                .sandbox_controls
        );
    }

    /// A CA certificate, for `REDIS_CA_CERT` files.
    const CA_PEM: &str = "-----BEGIN CERTIFICATE-----
MIIBiDCCAS+gAwIBAgIUYDtcrKTRv7t0wo8p5m9Dp2FeeB0wCgYIKoZIzj0EAwIw
GTEXMBUGA1UEAwwOY29uZmlnIHRlc3QgQ0EwIBcNMjYxMjA2MTQ0NjQzWhgPMjEy
NjExMTIxNDQ2NDNaMBkxFzAVBgNVBAMMDmNvbmZpZyB0ZXN0IENBMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEoLAQJ8YU0tT1iNavlHZHweOA5nktjQx9viKKZ+EL
GWTIuNIQV4qj7U/Iu3mZxp7f28vWukCtkHRULHf5o8NIWKNTMFEwHQYDVR0OBBYE
FHwZzNGfGbWe2CPTnraq6jZep/N5MB8GA1UdIwQYMBaAFHwZzNGfGbWe2CPTnraq
6jZep/N5MA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgUsePPgeG
H/iLU/N+Bz0ASvmeWxhL1FnRqZGAuOKwaQkCIHLqPeeds5lEs1+2wsvEyuG/o/3z
qhjyxRvRmBWFXQYO
-----END CERTIFICATE-----
";

    #[test]
    fn a_bundle_of_roots_is_refused_for_a_redis_at_an_ip_address() {
        let dir = std::env::temp_dir().join(format!("jsa-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (own, bundle) = (dir.join("own.pem"), dir.join("bundle.pem"));
        std::fs::write(&own, CA_PEM.repeat(2)).unwrap();
        std::fs::write(&bundle, CA_PEM.repeat(MAX_PRIVATE_CAS + 1)).unwrap();
        let with = |url: &str, ca: &std::path::Path| {
            load(&[("REDIS_URL", url), ("REDIS_CA_CERT", ca.to_str().unwrap())])
        };
        assert!(with("rediss://10.0.0.3:6378", &own).is_ok());
        let error = with("rediss://10.0.0.3:6378", &bundle).unwrap_err();
        assert_eq!(error.variable, "REDIS_CA_CERT");
        assert!(error.problem.starts_with("holds 5 certificates"), "{error}");
        assert!(
            with("rediss://redis.internal:6378", &bundle).is_ok(),
            "names are checked"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_redis_password_never_prints() {
        let config = load(&[("REDIS_URL", "rediss://:hunter2-secret@10.0.0.3:6378")]).unwrap();
        let redis = config.redis.as_ref().unwrap();
        assert_eq!(redis.url.password(), Some("hunter2-secret"));
        assert!(!format!("{config:?}").contains("hunter2"));
        assert_eq!(redis.redacted_url(), "rediss://:redacted@10.0.0.3:6378");
        let in_the_user_slot = load(&[("REDIS_URL", "rediss://hunter2-secret@10.0.0.3:6378")]);
        let redacted = in_the_user_slot.unwrap().redis.unwrap().redacted_url();
        assert_eq!(redacted, "rediss://redacted@10.0.0.3:6378");
    }

    #[test]
    fn sandbox_on_cloud_run_only_when_asked() {
        assert!(
            load(&[("K_SERVICE", "svc"), ("SANDBOX", "1")])
                .unwrap()
                .sandbox
        );
    }
}
