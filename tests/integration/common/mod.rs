//! A running app in sandbox mode on a loopback port, and a browser-like client for it.

use app::{
    config::Config,
    sandbox::{Lifetimes, RegisteredApp, Sandbox},
    state::AppState,
    web::router::router,
};
use leptos::config::LeptosOptions;
use reqwest::{
    cookie::CookieStore, cookie::Jar, header, redirect::Policy, Client, RequestBuilder, Response,
    StatusCode,
};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use url::Url;

pub const ALICE: &str = "5b10a2844c20165700ede21g";
pub const BOB: &str = "5d53f3cbc6b9320d9ea5bdc2";
pub const CAROL: &str = "712020:0e4b2c8a-5c1f-4f5e-9a51-7d3c2b1a0f9e";
pub const MALLORY: &str = "70121:8f2d1c3b-hostile";
pub const ACME: &str = "11111111-2222-4333-8444-555555555555";
pub const GLOBEX: &str = "22222222-3333-4444-8555-666666666666";
pub const INITECH: &str = "33333333-4444-4555-8666-777777777777";

/// The app under test, serving on `base`.
pub struct TestApp {
    pub base: String,
    pub sandbox: Sandbox,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("jira-sso-auth")
        .site_root("target/site")
        .build()
}

async fn serve(listener: tokio::net::TcpListener, state: AppState, sandbox: Sandbox) -> TestApp {
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = router(state);
    let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    TestApp {
        base,
        sandbox,
        server,
    }
}

/// Starts the app with its in-process sandbox on a free loopback port.
pub async fn spawn() -> TestApp {
    spawn_with(&[]).await
}

/// Like [`spawn`], with extra configuration variables.
pub async fn spawn_with(vars: &[(&str, &str)]) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    map.insert("APP_URL".into(), base);
    let config = Config::from_lookup(|name| map.get(name).cloned()).unwrap();
    let state = AppState::new(leptos_options(), config).unwrap();
    let sandbox = state.sandbox.clone().unwrap();
    serve(listener, state, sandbox).await
}

/// A sandbox serving on its own port, standing in for Atlassian for several app instances.
pub struct Upstream {
    pub base: String,
    pub sandbox: Sandbox,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Listeners for `count` app instances, then a sandbox that registered all their callbacks.
pub async fn upstream_for(count: usize) -> (Upstream, Vec<tokio::net::TcpListener>) {
    upstream_with_callbacks(count, &[]).await
}

/// As [`upstream_for`], with `extra` callback URLs registered too (an instance's public URL).
pub async fn upstream_with_callbacks(
    count: usize,
    extra: &[&str],
) -> (Upstream, Vec<tokio::net::TcpListener>) {
    let mut listeners = Vec::new();
    for _ in 0..count {
        listeners.push(tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap());
    }
    let callbacks = listeners
        .iter()
        .map(|l| format!("http://{}/oauth/callback", l.local_addr().unwrap()))
        .chain(extra.iter().map(|url| (*url).to_owned()))
        .collect();
    let sandbox_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", sandbox_listener.local_addr().unwrap());
    let sandbox = Sandbox::new(
        RegisteredApp {
            name: "test app".into(),
            client_id: "test-client".into(),
            client_secret: "test-secret".into(),
            callback_urls: callbacks,
        },
        &base,
        Lifetimes::default(),
    );
    let app = sandbox.router(true);
    let server = tokio::spawn(async move { axum::serve(sandbox_listener, app).await.unwrap() });
    (
        Upstream {
            base,
            sandbox,
            server,
        },
        listeners,
    )
}

/// A Redis, a sandbox and one app instance in production mode using both.
pub async fn one_instance_with_redis() -> (Redis, Upstream, TestApp) {
    let redis = Redis::start();
    let (upstream, mut listeners) = upstream_for(1).await;
    let app = instance(
        &upstream,
        listeners.remove(0),
        &[("REDIS_URL", &redis.url())],
    )
    .await;
    (redis, upstream, app)
}

pub const SECRET: &str = "a session secret of at least thirty-two bytes";

/// An app instance in production mode against `upstream`, with extra variables.
pub async fn instance(
    upstream: &Upstream,
    listener: tokio::net::TcpListener,
    vars: &[(&str, &str)],
) -> TestApp {
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut map: HashMap<String, String> = [
        ("APP_URL", base.as_str()),
        ("ATLASSIAN_CLIENT_ID", "test-client"),
        ("ATLASSIAN_CLIENT_SECRET", "test-secret"),
        ("ATLASSIAN_AUTH_URL", &format!("{}/auth", upstream.base)),
        ("ATLASSIAN_API_URL", &format!("{}/api", upstream.base)),
        ("SESSION_SECRET", SECRET),
    ]
    .iter()
    .chain(vars)
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    map.retain(|_, v| !v.is_empty());
    let config = Config::from_lookup(|name| map.get(name).cloned()).unwrap();
    let state = AppState::new(leptos_options(), config).unwrap();
    serve(listener, state, upstream.sandbox.clone()).await
}

/// A private redis-server on a free loopback port, stopped when dropped.
pub struct Redis {
    pub port: u16,
    child: Option<std::process::Child>,
    tls: Option<Arc<RedisTls>>,
    password: Option<String>,
}

impl Redis {
    /// A fresh server on a free port. A port found free can be taken by another test's listener
    /// before redis-server binds it, so the server is only accepted once it answers PING.
    pub fn start() -> Self {
        Self::start_with(None, None)
    }

    /// A plain server that wants `password`.
    pub fn start_with_password(password: &str) -> Self {
        Self::start_with(None, Some(password.to_owned()))
    }

    /// From now on the helpers send `password` (after the test changed it with `CONFIG SET`).
    pub fn use_password(&mut self, password: &str) {
        self.password = Some(password.to_owned());
    }

    /// A server that speaks only TLS with `tls`'s certificate and wants `password`.
    pub fn start_tls(tls: &Arc<RedisTls>, password: &str) -> Self {
        Self::start_with(Some(tls.clone()), Some(password.to_owned()))
    }

    fn start_with(tls: Option<Arc<RedisTls>>, password: Option<String>) -> Self {
        for _ in 0..20 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let mut redis = Self {
                port,
                child: None,
                tls: tls.clone(),
                password: password.clone(),
            };
            if redis.try_start() {
                return redis;
            }
        }
        panic!("could not start redis-server on a free port");
    }

    /// `redis://127.0.0.1:port`, or `rediss://:password@127.0.0.1:port` for a TLS server.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() {
            "rediss"
        } else {
            "redis"
        };
        let auth = self
            .password
            .as_ref()
            .map(|password| format!(":{password}@"))
            .unwrap_or_default();
        format!("{scheme}://{auth}127.0.0.1:{}", self.port)
    }

    /// Starts the server again on the same port and waits until it answers.
    pub fn restart(&mut self) {
        assert!(
            self.try_start(),
            "redis-server did not come back on port {}",
            self.port
        );
    }

    fn try_start(&mut self) -> bool {
        let port = self.port.to_string();
        let mut command = std::process::Command::new("redis-server");
        command.args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        match &self.tls {
            None => command.args(["--port", &port]),
            Some(tls) => command
                .args([
                    "--port",
                    "0",
                    "--tls-port",
                    &port,
                    "--tls-auth-clients",
                    "no",
                ])
                .arg("--tls-cert-file")
                .arg(tls.dir.join("server.pem"))
                .arg("--tls-key-file")
                .arg(tls.dir.join("server.key"))
                .arg("--tls-ca-cert-file")
                .arg(tls.ca()),
        };
        if let Some(password) = &self.password {
            command.args(["--requirepass", password]);
        }
        let mut child = command
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("redis-server is installed (scripts/setup --test installs it)");
        for _ in 0..200 {
            if child.try_wait().ok().flatten().is_some() {
                return false;
            }
            let answers = match (&self.tls, &self.password) {
                (None, None) => ping(self.port),
                _ => self.cli(&["PING"]).trim() == "PONG",
            };
            if answers {
                self.child = Some(child);
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let _ = child.kill();
        let _ = child.wait();
        false
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// What redis-cli prints for `args` (quoted, `--no-raw`).
    pub fn cli(&self, args: &[&str]) -> String {
        let mut command = std::process::Command::new("redis-cli");
        command.args([
            "-p",
            &self.port.to_string(),
            "--no-raw",
            "--no-auth-warning",
        ]);
        if let Some(tls) = &self.tls {
            command.arg("--tls").arg("--cacert").arg(tls.ca());
        }
        if let Some(password) = &self.password {
            command.args(["-a", password]);
        }
        let output = command.args(args).output().expect("redis-cli runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Every key stored.
    pub fn keys(&self) -> Vec<String> {
        self.cli(&["--scan"])
            .lines()
            .filter(|key| !key.is_empty())
            .map(|key| key.trim_matches('"').to_owned())
            .collect()
    }

    /// Every value stored, as text (for checking what lies at rest).
    pub fn dump(&self) -> Vec<String> {
        self.keys()
            .iter()
            .map(|key| self.cli(&["GET", key]))
            .collect()
    }
}

/// A CA made for one test, and a server certificate for 127.0.0.1 that it signed; removed when
/// dropped.
pub struct RedisTls {
    pub dir: std::path::PathBuf,
}

impl RedisTls {
    /// The server certificate names `subject_alt_name` (`IP:127.0.0.1`, `DNS:redis.internal`),
    /// or, when `None`, carries 127.0.0.1 only in its subject's common name.
    pub fn generate(subject_alt_name: Option<&str>) -> Arc<Self> {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let name = format!(
            "jira-sso-auth-redis-tls-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let dir = std::env::temp_dir().join(&name);
        // A subject of its own: a CA that shares another's name makes a wrong one look like the
        // issuer whose signature then fails, rather than an unknown issuer.
        let subject = format!("/CN={name}");
        std::fs::create_dir_all(&dir).unwrap();
        let mut extensions = String::from(
            "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
        );
        if let Some(name) = subject_alt_name {
            extensions.push_str(&format!("subjectAltName={name}\n"));
        }
        std::fs::write(dir.join("server.ext"), extensions).unwrap();
        let openssl = |args: &[&str]| {
            let output = std::process::Command::new("openssl")
                .current_dir(&dir)
                .args(args)
                .output()
                .expect("openssl runs");
            assert!(
                output.status.success(),
                "openssl {args:?}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        };
        let key = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
        ];
        openssl(
            &[
                &["req", "-x509", "-days", "2", "-subj", &subject][..],
                &["-addext", "basicConstraints=critical,CA:TRUE"],
                &["-addext", "keyUsage=critical,keyCertSign,cRLSign"],
                &key,
                &["-keyout", "ca.key", "-out", "ca.pem"],
            ]
            .concat(),
        );
        openssl(
            &[
                &["req", "-subj", "/CN=127.0.0.1"][..],
                &key,
                &["-keyout", "server.key", "-out", "server.csr"],
            ]
            .concat(),
        );
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "server.ext",
            "-out",
            "server.pem",
        ]);
        Arc::new(Self { dir })
    }

    /// The CA's certificate (what `REDIS_CA_CERT` names).
    pub fn ca(&self) -> std::path::PathBuf {
        self.dir.join("ca.pem")
    }
}

impl Drop for RedisTls {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether a Redis server answers PING on `port` (and not some other listener).
fn ping(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(200)));
    let mut reply = [0u8; 7];
    stream.write_all(b"PING\r\n").is_ok()
        && stream.read_exact(&mut reply).is_ok()
        && &reply == b"+PONG\r\n"
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// No request in a test may hang: a stuck server fails the test instead.
pub const REQUEST_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// A client that keeps cookies and does not follow redirects, so every hop can be checked.
pub fn browser() -> Client {
    Client::builder()
        .timeout(REQUEST_TIMEOUT)
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .unwrap()
}

/// The value of query parameter `name` in `url` (an authorize or callback URL).
pub fn query_value(url: &str, name: &str) -> String {
    Url::parse(url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("{name} in {url}"))
        .1
        .into_owned()
}

/// Every server function with arguments it accepts, as the browser posts them.
pub fn server_functions() -> Vec<(&'static str, String)> {
    vec![
        ("viewer", String::new()),
        ("dashboard", "refresh=false".to_owned()),
        ("default_site", format!("cloud_id={GLOBEX}")),
        ("issue", format!("cloud_id={GLOBEX}&key=GLX-1")),
        (
            "comments",
            format!("cloud_id={GLOBEX}&key=GLX-1&start_at=0&newest_first=true"),
        ),
        ("assigned", format!("cloud_id={GLOBEX}")),
        ("begin_search", "words=x&only_words=false".to_owned()),
        ("suggest", format!("site={GLOBEX}&query=report")),
    ]
}

pub fn location(response: &Response) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .expect("a Location header")
        .to_str()
        .unwrap()
        .to_owned()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn token_requests(&self) -> u64 {
        self.sandbox.token_requests()
    }

    /// Signs in as `account_id`; returns the `Cookie` header the browser then sends.
    pub async fn signed_in_cookie(&self, account_id: &str) -> String {
        let jar = Arc::new(Jar::default());
        let client = Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .cookie_provider(jar.clone())
            .redirect(Policy::none())
            .build()
            .unwrap();
        self.sign_in(&client, account_id).await;
        let url: Url = self.base.parse().unwrap();
        jar.cookies(&url)
            .expect("a session cookie")
            .to_str()
            .unwrap()
            .to_owned()
    }

    /// The HTML of `path` with `cookie`.
    pub async fn html_with_cookie(&self, cookie: &str, path: &str) -> String {
        self.get_with_cookie(cookie, path)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("GET {path} body: {e}"))
    }

    /// GET as a browser navigation with the given `Cookie` header.
    pub async fn get_with_cookie(&self, cookie: &str, path: &str) -> Response {
        Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .redirect(Policy::none())
            .build()
            .unwrap()
            .get(self.url(path))
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, cookie)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path} with cookie: {e}"))
    }

    /// GET as a browser navigation would (Accept: text/html).
    pub async fn get(&self, client: &Client, path: &str) -> Response {
        client
            .get(self.url(path))
            .header(header::ACCEPT, "text/html")
            .send()
            .await
            .unwrap()
    }

    /// Starts a sign-in as `client` without following it.
    pub async fn start(&self, client: &Client) -> Started {
        let initiate = client
            .get(self.url("/initiate-oauth"))
            .send()
            .await
            .unwrap();
        let location = location(&initiate);
        Started {
            cookie: cookie_pair_of(&initiate, "jsa-signin-").expect("a pending sign-in cookie"),
            state: query_value(&location, "state"),
            authorize: Url::parse(&location).unwrap(),
        }
    }

    /// Follows `/initiate-oauth` to the sandbox's consent screen; returns the authorize URL.
    pub async fn start_sign_in(&self, client: &Client, initiate_path: &str) -> Url {
        let response = self.get(client, initiate_path).await;
        assert_eq!(response.status(), StatusCode::FOUND);
        let authorize = Url::parse(&location(&response)).unwrap();
        let consent = client.get(authorize.clone()).send().await.unwrap();
        assert_eq!(consent.status(), StatusCode::OK, "consent screen");
        authorize
    }

    /// Answers the consent screen; returns the callback URL the sandbox redirects to.
    pub async fn decide(
        &self,
        client: &Client,
        authorize: &Url,
        account_id: &str,
        decision: &str,
    ) -> String {
        let mut form: Vec<(String, String)> = authorize.query_pairs().into_owned().collect();
        form.push(("account_id".into(), account_id.into()));
        form.push(("decision".into(), decision.into()));
        let mut action = authorize.clone();
        action.set_query(None);
        let response = client.post(action).form(&form).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FOUND);
        location(&response)
    }

    /// Starts a sign-in and accepts on the consent screen as `account_id`; returns the authorize
    /// URL and the callback URL the sandbox sends the browser to (not yet followed).
    pub async fn consent(&self, client: &Client, account_id: &str) -> (Url, String) {
        let authorize = self.start_sign_in(client, "/initiate-oauth").await;
        let callback = self.decide(client, &authorize, account_id, "accept").await;
        (authorize, callback)
    }

    /// A server-function call as the browser posts it, carrying `cookie` (may be empty).
    pub fn server_fn(&self, cookie: &str, function: &str, body: String) -> RequestBuilder {
        Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .redirect(Policy::none())
            .build()
            .unwrap()
            .post(self.url(&format!("/api/{function}")))
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
    }

    /// The whole sign-in as `account_id`; returns where the callback sends the browser.
    pub async fn sign_in_with(
        &self,
        client: &Client,
        account_id: &str,
        initiate_path: &str,
    ) -> String {
        let authorize = self.start_sign_in(client, initiate_path).await;
        let callback = self.decide(client, &authorize, account_id, "accept").await;
        let response = client.get(callback).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "callback");
        location(&response)
    }

    pub async fn sign_in(&self, client: &Client, account_id: &str) {
        assert_eq!(
            self.sign_in_with(client, account_id, "/initiate-oauth")
                .await,
            "/dashboard"
        );
    }
}

/// A sign-in started and not yet finished: its cookie (`name=value`), `state`, and the URL of
/// the consent screen.
pub struct Started {
    pub cookie: String,
    pub state: String,
    pub authorize: Url,
}

/// GET `url` with a `Cookie` header, as `client`.
pub async fn get_with(client: &Client, url: &str, cookie: &str) -> Response {
    client
        .get(url)
        .header(header::COOKIE, cookie)
        .send()
        .await
        .unwrap()
}

/// The whole `Set-Cookie` header of `response` for the cookie whose name contains `name`.
pub fn set_cookie(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.split('=').next().is_some_and(|n| n.contains(name)))
        .map(str::to_owned)
}

/// `name=value` of the cookie `response` sets whose name contains `name`.
pub fn cookie_pair_of(response: &Response, name: &str) -> Option<String> {
    set_cookie(response, name).and_then(|header| header.split(';').next().map(str::to_owned))
}

/// Every log line of this test process, at `debug` (one subscriber for the whole process).
pub fn logs() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = buffer.clone();
        tracing_subscriber::fmt()
            .with_env_filter("debug")
            .with_ansi(false)
            .with_writer(move || LogSink(sink.clone()))
            .init();
        buffer
    })
}

struct LogSink(Arc<Mutex<Vec<u8>>>);

impl Write for LogSink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
