//! Load and faults against the release build: two app instances sharing Redis (append-only, so a
//! killed Redis keeps its sessions), the standalone sandbox behind a loopback proxy that can
//! play dead, 200 signed-in sessions of four people, each session's requests alternating between
//! the instances. Run by the README's test command after the release build:
//!
//! ```text
//! cargo test --features ssr --test soak -- --ignored --nocapture
//! SOAK_SECONDS=600 cargo test ...        (the long variant; default 60 s of steady load)
//! ```
//!
//! It asserts: in steady load 0 responses with another session's identity or data and 0 5xx;
//! during each fault (upstream slow, answering 5xx, 429, dead; Redis killed; an instance killed)
//! only the statuses that fault should give, each page saying what happened, and still no other
//! person's data and no session lost; after each, recovery without a restart and nobody signed
//! out; and when one person's access tokens expire under load, exactly one refresh per session
//! across both instances and 0 `invalid_grant`.

use reqwest::{header, redirect::Policy, Client, StatusCode};
use std::collections::BTreeMap;
use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::task::JoinSet;

const ACME: &str = "11111111-2222-4333-8444-555555555555";
const GLOBEX: &str = "22222222-3333-4444-8555-666666666666";
const CLIENT_ID: &str = "soak-client";
const CLIENT_SECRET: &str = "soak-client-secret";
const SESSION_SECRET: &str = "a soak-test session secret of at least 32 bytes";
const SESSIONS_DEFAULT: usize = 200;

/// A person, a page only they can open, and one they must never get.
struct Person {
    account_id: &'static str,
    name: &'static str,
    own_issue: Option<(&'static str, &'static str)>,
    forbidden_issue: (&'static str, &'static str),
}

const PEOPLE: [Person; 4] = [
    Person {
        account_id: "5b10a2844c20165700ede21g",
        name: "Alice Adams",
        own_issue: Some((GLOBEX, "GLX-1")),
        forbidden_issue: ("33333333-0000-4000-8000-000000000000", "TPS-1"),
    },
    Person {
        account_id: "5d53f3cbc6b9320d9ea5bdc2",
        name: "Bob Brown",
        own_issue: Some((ACME, "ACME-2")),
        forbidden_issue: (GLOBEX, "GLX-1"),
    },
    Person {
        account_id: "63f1a2b3c4d5e6f708192a3b",
        name: "Dana Díaz",
        own_issue: Some((ACME, "WEB-1")),
        forbidden_issue: (GLOBEX, "GLX-2"),
    },
    Person {
        account_id: "712020:0e4b2c8a-5c1f-4f5e-9a51-7d3c2b1a0f9e",
        name: "Carol Chen",
        own_issue: None,
        forbidden_issue: (ACME, "ACME-1"),
    },
];

/// Dana's tokens expire mid-load in the refresh-race phase.
const RACER: usize = 2;

fn binary() -> PathBuf {
    std::env::var_os("SOAK_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/release/jira-sso-auth"))
}

/// `N` distinct free ports: every listener is held until all are chosen, so that two never
/// get the same port.
fn free_ports<const N: usize>() -> [u16; N] {
    let listeners: [StdListener; N] =
        std::array::from_fn(|_| StdListener::bind("127.0.0.1:0").unwrap());
    listeners.map(|listener| listener.local_addr().unwrap().port())
}

/// A child process, killed when dropped.
struct Process(Child);

impl Process {
    fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

fn log_file(dir: &std::path::Path, name: &str) -> Stdio {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(name))
        .unwrap()
        .into()
}

fn start_redis(dir: &std::path::Path, port: u16) -> Process {
    let child = Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .args([
            "--appendonly",
            "yes",
            "--appendfsync",
            "always",
            "--save",
            "",
        ])
        .arg("--dir")
        .arg(dir)
        .stdout(log_file(dir, "redis.log"))
        .spawn()
        .expect("redis-server is installed (scripts/setup --test)");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "redis-server did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    Process(child)
}

fn start_sandbox(dir: &std::path::Path, port: u16, apps: &[u16]) -> Process {
    let mut command = Command::new(binary());
    command.args(["sandbox", "--port", &port.to_string()]);
    command.args(["--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET]);
    for app in apps {
        command.args([
            "--callback",
            &format!("http://127.0.0.1:{app}/oauth/callback"),
        ]);
    }
    let child = command
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log_file(dir, "sandbox.log"))
        .spawn()
        .expect("the release binary is built (cargo leptos build --release)");
    Process(child)
}

fn start_app(dir: &std::path::Path, port: u16, upstream: u16, redis: u16) -> Process {
    let child = Command::new(binary())
        .env("APP_URL", format!("http://127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("LEPTOS_OUTPUT_NAME", "jira-sso-auth")
        .env("LEPTOS_ENV", "PROD")
        .env("ATLASSIAN_CLIENT_ID", CLIENT_ID)
        .env("ATLASSIAN_CLIENT_SECRET", CLIENT_SECRET)
        .env(
            "ATLASSIAN_AUTH_URL",
            format!("http://127.0.0.1:{upstream}/auth"),
        )
        .env(
            "ATLASSIAN_API_URL",
            format!("http://127.0.0.1:{upstream}/api"),
        )
        .env("SESSION_SECRET", SESSION_SECRET)
        .env("REDIS_URL", format!("redis://127.0.0.1:{redis}"))
        .env("RUST_LOG", "warn")
        .stdout(log_file(dir, &format!("app-{port}.log")))
        .stderr(log_file(dir, &format!("app-{port}.log")))
        .spawn()
        .expect("the release binary is built (cargo leptos build --release)");
    Process(child)
}

async fn wait_until_up(client: &Client, url: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(response) = client.get(url).send().await {
            if response.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{url} did not come up");
}

/// A loopback TCP proxy in front of the sandbox; `stop` closes its port (connection refused)
/// and drops every open connection, `start` opens it again.
struct Proxy {
    port: u16,
    target: u16,
    tasks: JoinSet<()>,
}

impl Proxy {
    async fn start(port: u16, target: u16) -> Self {
        let mut proxy = Self {
            port,
            target,
            tasks: JoinSet::new(),
        };
        proxy.open().await;
        proxy
    }

    async fn open(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        let target = self.target;
        self.tasks.spawn(async move {
            // Owned by the accepting task: aborting it drops every open connection too.
            let mut connections = JoinSet::new();
            while let Ok((mut inbound, _)) = listener.accept().await {
                connections.spawn(async move {
                    if let Ok(mut outbound) =
                        tokio::net::TcpStream::connect(("127.0.0.1", target)).await
                    {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                while connections.try_join_next().is_some() {}
            }
        });
    }

    fn stop(&mut self) {
        self.tasks.abort_all();
    }
}

/// One signed-in session.
struct Session {
    person: usize,
    cookie: String,
}

/// `name=value` of the cookie `response` sets whose name starts with `prefix`.
fn cookie_of(response: &reqwest::Response, prefix: &str) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(prefix))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
}

async fn sign_in(client: &Client, app: u16, person: usize) -> Session {
    let initiate = client
        .get(format!("http://127.0.0.1:{app}/initiate-oauth"))
        .send()
        .await
        .unwrap();
    let cookie = cookie_of(&initiate, "jsa-signin-").unwrap_or_else(|| {
        panic!(
            "the pending sign-in's cookie from /initiate-oauth ({})",
            initiate.status()
        )
    });
    let authorize =
        url::Url::parse(initiate.headers()[header::LOCATION].to_str().unwrap()).unwrap();
    let mut form: Vec<(String, String)> = authorize.query_pairs().into_owned().collect();
    form.push(("account_id".into(), PEOPLE[person].account_id.into()));
    form.push(("decision".into(), "accept".into()));
    let mut action = authorize.clone();
    action.set_query(None);
    let decided = client.post(action).form(&form).send().await.unwrap();
    let callback = decided.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let signed_in = client
        .get(callback)
        .header(header::COOKIE, cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER, "sign-in");
    Session {
        person,
        cookie: cookie_of(&signed_in, "jsa-session=").expect("a session cookie at sign-in"),
    }
}

/// What one phase saw.
#[derive(Default, Debug, Clone)]
struct Tally {
    requests: usize,
    statuses: BTreeMap<u16, usize>,
    /// A page with another person's identity, or a page the person must never get.
    foreign: usize,
    /// Sent to sign in: the session was lost.
    signed_out: usize,
    /// An error page without the words its status should carry.
    unclear: usize,
    /// No HTTP answer (connection refused or reset, timeout).
    unreachable: usize,
    samples: Vec<String>,
}

impl Tally {
    fn server_errors(&self) -> usize {
        self.statuses
            .iter()
            .filter(|(status, _)| **status >= 500)
            .map(|(_, n)| n)
            .sum()
    }

    fn only(&self, allowed: &[u16]) -> Vec<u16> {
        self.statuses
            .keys()
            .copied()
            .filter(|s| !allowed.contains(s))
            .collect()
    }

    fn sample(&mut self, text: String) {
        if self.samples.len() < 5 {
            self.samples.push(text);
        }
    }
}

/// The words an error page of `status` carries (HTML-escaped apostrophes avoided).
fn expected_words(status: u16) -> &'static [&'static str] {
    match status {
        429 => &["limiting requests"],
        502 => &["answered with an error"],
        503 => &["be reached", "temporarily unavailable"],
        504 => &["took too long"],
        _ => &[],
    }
}

#[derive(Clone, Copy)]
enum Page {
    Dashboard,
    OwnIssue,
    ForbiddenIssue,
}

struct Load {
    phase: Mutex<String>,
    tallies: Mutex<BTreeMap<String, Tally>>,
    stop: AtomicBool,
    instances: [u16; 2],
    requests: AtomicUsize,
}

async fn visit(client: &Client, load: &Load, session: &Session, round: usize) {
    let person = &PEOPLE[session.person];
    let page = [Page::Dashboard, Page::OwnIssue, Page::ForbiddenIssue][round % 3];
    let path = match (page, person.own_issue) {
        (Page::OwnIssue, Some((site, key))) => format!("/sites/{site}/issues/{key}"),
        (Page::ForbiddenIssue, _) => {
            let (site, key) = person.forbidden_issue;
            format!("/sites/{site}/issues/{key}")
        }
        _ => "/dashboard".to_owned(),
    };
    let instance = load.instances[(round + session.person) % 2];
    let phase = load.phase.lock().unwrap().clone();
    let result = client
        .get(format!("http://127.0.0.1:{instance}{path}"))
        .header(header::COOKIE, &session.cookie)
        .header(header::ACCEPT, "text/html")
        .send()
        .await;
    let (status, location, body) = match result {
        Ok(response) => {
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            (
                Some(status),
                location,
                response.text().await.unwrap_or_default(),
            )
        }
        Err(error) => (
            None,
            String::new(),
            format!("{} {path} on {instance}: {error:?}", person.name),
        ),
    };
    load.requests.fetch_add(1, Ordering::Relaxed);
    // A request that straddles a phase change belongs to neither phase.
    let ended = load.phase.lock().unwrap().clone();
    let phase = if ended == phase {
        phase
    } else {
        "between phases".to_owned()
    };
    let mut tallies = load.tallies.lock().unwrap();
    let tally = tallies.entry(phase).or_default();
    tally.requests += 1;
    let Some(status) = status else {
        tally.unreachable += 1;
        tally.sample(body);
        return;
    };
    *tally.statuses.entry(status).or_default() += 1;
    let others_named = PEOPLE
        .iter()
        .filter(|p| p.name != person.name)
        .any(|p| body.contains(p.name));
    match (status, page) {
        (302 | 303, _) => {
            tally.signed_out += 1;
            tally.sample(format!("{path} → {location}"));
        }
        (200, Page::Dashboard) if !body.contains(person.name) || others_named => {
            tally.foreign += 1;
            tally.sample(format!("{} got a dashboard of someone else", person.name));
        }
        (200, Page::ForbiddenIssue) => {
            tally.foreign += 1;
            tally.sample(format!("{} opened {path}", person.name));
        }
        (200, Page::OwnIssue) if !body.contains(person.own_issue.map_or("", |(_, k)| k)) => {
            tally.foreign += 1;
            tally.sample(format!("{} got another page for {path}", person.name));
        }
        (status, _) if status >= 400 && status != 404 => {
            let words = expected_words(status);
            if words.is_empty() || !words.iter().any(|w| body.contains(w)) {
                tally.unclear += 1;
                tally.sample(format!(
                    "{status} on {path}: {}",
                    &body[..body.len().min(200)]
                ));
            }
        }
        _ => {}
    }
}

fn set_phase(load: &Load, phase: &str) {
    *load.phase.lock().unwrap() = phase.to_owned();
    eprintln!("soak: {phase}");
}

fn tally(load: &Load, phase: &str) -> Tally {
    load.tallies
        .lock()
        .unwrap()
        .get(phase)
        .cloned()
        .unwrap_or_default()
}

/// Waits until every session gets its own pages again on both instances (bounded).
async fn recovered(load: &Load, sessions: &[Session], phase: &str) {
    set_phase(load, phase);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let before = tally(load, phase);
        tokio::time::sleep(Duration::from_secs(2)).await;
        let after = tally(load, phase);
        let window_ok = after.requests > before.requests + sessions.len()
            && after.server_errors() == before.server_errors()
            && after.unreachable == before.unreachable
            && after.statuses.get(&429) == before.statuses.get(&429);
        if window_ok {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{phase}: no recovery within 60 s: {after:?}"
        );
    }
}

async fn put_faults(client: &Client, sandbox: u16, faults: serde_json::Value) {
    let response = client
        .put(format!("http://127.0.0.1:{sandbox}/control/faults"))
        .json(&faults)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "faults set");
}

async fn clear_faults(client: &Client, sandbox: u16) {
    client
        .delete(format!("http://127.0.0.1:{sandbox}/control/faults"))
        .send()
        .await
        .unwrap();
}

async fn stats(client: &Client, sandbox: u16) -> serde_json::Value {
    client
        .get(format!("http://127.0.0.1:{sandbox}/control/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

fn assert_clean(name: &str, tally: &Tally, allowed: &[u16], unreachable_ok: bool) {
    eprintln!("soak: {name}: {tally:?}");
    assert!(tally.requests > 0, "{name}: no requests made");
    assert_eq!(
        tally.foreign, 0,
        "{name}: another person's data: {:?}",
        tally.samples
    );
    assert_eq!(
        tally.signed_out, 0,
        "{name}: sessions lost: {:?}",
        tally.samples
    );
    assert_eq!(
        tally.unclear, 0,
        "{name}: unclear error pages: {:?}",
        tally.samples
    );
    assert!(
        tally.only(allowed).is_empty(),
        "{name}: statuses {:?} beyond {allowed:?}: {:?}",
        tally.statuses,
        tally.samples
    );
    if !unreachable_ok {
        assert_eq!(tally.unreachable, 0, "{name}: requests without an answer");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the release build; scripts/test runs it after `cargo leptos build --release`"]
async fn two_hundred_sessions_under_load_and_faults() {
    let steady_secs: u64 = std::env::var("SOAK_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let fault_secs = 5;
    let sessions_wanted: usize = std::env::var("SOAK_SESSIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SESSIONS_DEFAULT);
    let dir = std::env::temp_dir().join(format!("jsa-soak-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    eprintln!("soak: logs in {}", dir.display());

    let [redis_port, sandbox_port, proxy_port, first, second] = free_ports();
    let instances = [first, second];
    let mut redis = start_redis(&dir, redis_port);
    let _sandbox = start_sandbox(&dir, sandbox_port, &instances);
    let mut proxy = Proxy::start(proxy_port, sandbox_port).await;
    let mut apps: Vec<Process> = instances
        .iter()
        .map(|port| start_app(&dir, *port, proxy_port, redis_port))
        .collect();
    let client = Client::builder()
        .redirect(Policy::none())
        .timeout(Duration::from_secs(20))
        .pool_max_idle_per_host(256)
        .build()
        .unwrap();
    wait_until_up(
        &client,
        &format!("http://127.0.0.1:{sandbox_port}/control/stats"),
    )
    .await;
    for port in instances {
        wait_until_up(&client, &format!("http://127.0.0.1:{port}/health-check")).await;
    }
    let unlimited = client
        .put(format!("http://127.0.0.1:{sandbox_port}/control/quota"))
        .json(&serde_json::json!({ "enabled": false }))
        .send()
        .await
        .unwrap();
    assert!(
        unlimited.status().is_success(),
        "200 people soak the app, not Atlassian's rate limits"
    );

    let mut sessions = Vec::new();
    for n in 0..sessions_wanted {
        sessions.push(sign_in(&client, instances[n % 2], n % PEOPLE.len()).await);
    }
    let sessions = Arc::new(sessions);
    let load = Arc::new(Load {
        phase: Mutex::new("warm-up".to_owned()),
        tallies: Mutex::new(BTreeMap::new()),
        stop: AtomicBool::new(false),
        instances,
        requests: AtomicUsize::new(0),
    });
    let mut workers = JoinSet::new();
    for n in 0..sessions_wanted {
        let (client, load, sessions) = (client.clone(), load.clone(), sessions.clone());
        workers.spawn(async move {
            let mut round = n;
            while !load.stop.load(Ordering::Relaxed) {
                visit(&client, &load, &sessions[n], round).await;
                round += 1;
            }
        });
    }
    tokio::time::sleep(Duration::from_secs(2)).await;

    set_phase(&load, "steady");
    let started = Instant::now();
    let counted = load.requests.load(Ordering::Relaxed);
    tokio::time::sleep(Duration::from_secs(steady_secs)).await;
    let rate =
        (load.requests.load(Ordering::Relaxed) - counted) as f64 / started.elapsed().as_secs_f64();
    eprintln!("soak: steady load {rate:.0} requests/s over {sessions_wanted} sessions");

    // Refresh race: the racer's access tokens expire while both instances serve their sessions.
    set_phase(&load, "refresh race");
    let before = stats(&client, sandbox_port).await;
    let racer_sessions = sessions.iter().filter(|s| s.person == RACER).count();
    let expired = client
        .post(format!(
            "http://127.0.0.1:{sandbox_port}/control/expire-access-tokens?account_id={}",
            PEOPLE[RACER].account_id
        ))
        .send()
        .await
        .unwrap();
    assert!(expired.status().is_success());
    tokio::time::sleep(Duration::from_secs(10)).await;
    let after = stats(&client, sandbox_port).await;
    let refreshes =
        after["refresh_requests"].as_u64().unwrap() - before["refresh_requests"].as_u64().unwrap();
    let invalid = after["invalid_grants"].as_u64().unwrap();

    type Fault = (&'static str, &'static [u16]);
    let faults: [Fault; 6] = [
        ("upstream slow (2 s)", &[200, 404]),
        ("upstream answers 500", &[200, 404, 502]),
        ("upstream answers 429", &[200, 404, 429]),
        // Connections cut mid-request when the port closes are 502 (as the sandbox's "drop").
        ("upstream dead", &[200, 404, 502, 503]),
        ("redis killed", &[200, 404, 503]),
        ("an instance killed", &[200, 404]),
    ];
    for (name, _) in &faults {
        set_phase(&load, &format!("during: {name}"));
        match *name {
            "upstream slow (2 s)" => {
                put_faults(
                    &client,
                    sandbox_port,
                    serde_json::json!({ "latency_ms": 2000 }),
                )
                .await
            }
            "upstream answers 500" => {
                put_faults(&client, sandbox_port, serde_json::json!({ "status": 500 })).await
            }
            "upstream answers 429" => {
                put_faults(
                    &client,
                    sandbox_port,
                    serde_json::json!({ "status": 429, "retry_after": 7 }),
                )
                .await
            }
            "upstream dead" => proxy.stop(),
            "redis killed" => {
                redis.kill();
                let health = client
                    .get(format!("http://127.0.0.1:{}/health-check", instances[0]))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(
                    health.status(),
                    StatusCode::OK,
                    "health-check without Redis"
                );
            }
            _ => apps[0].kill(),
        }
        tokio::time::sleep(Duration::from_secs(fault_secs)).await;
        match *name {
            "upstream dead" => proxy.open().await,
            "redis killed" => redis = start_redis(&dir, redis_port),
            "an instance killed" => {
                apps[0] = start_app(&dir, instances[0], proxy_port, redis_port);
                wait_until_up(
                    &client,
                    &format!("http://127.0.0.1:{}/health-check", instances[0]),
                )
                .await;
            }
            _ => clear_faults(&client, sandbox_port).await,
        }
        recovered(&load, &sessions, &format!("recovering: {name}")).await;
        set_phase(&load, &format!("after: {name}"));
        tokio::time::sleep(Duration::from_secs(3)).await;
    }
    load.stop.store(true, Ordering::Relaxed);
    while workers.join_next().await.is_some() {}
    drop(apps);

    assert_clean("steady", &tally(&load, "steady"), &[200, 404], false);
    eprintln!(
        "soak: refresh race: {racer_sessions} sessions of one person, {refreshes} refreshes, \
         {invalid} invalid_grant"
    );
    assert_clean(
        "refresh race",
        &tally(&load, "refresh race"),
        &[200, 404],
        false,
    );
    assert_eq!(
        refreshes as usize, racer_sessions,
        "exactly one refresh per session"
    );
    assert_eq!(invalid, 0, "no invalid_grant");
    for (name, allowed) in faults {
        let during = tally(&load, &format!("during: {name}"));
        assert_clean(
            &format!("during: {name}"),
            &during,
            allowed,
            name == "an instance killed",
        );
        if let Some(expected) = allowed.iter().rev().find(|s| **s >= 429) {
            assert!(
                during.statuses.contains_key(expected),
                "during {name}: the fault showed ({:?})",
                during.statuses
            );
        }
        assert_clean(
            &format!("after: {name}"),
            &tally(&load, &format!("after: {name}")),
            &[200, 404],
            false,
        );
    }
    let killed = tally(&load, "during: an instance killed");
    assert!(killed.unreachable > 0, "the instance was down for a while");
    let _ = std::fs::remove_dir_all(&dir);
}
