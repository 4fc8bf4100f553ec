//! The jira-sso-auth server: load configuration, build the router, serve until SIGTERM.

/// mimalloc instead of the system allocator: page rendering allocates heavily, and under load
/// glibc's malloc and free took about a quarter of the server's CPU (see BENCHMARKS.md). The
/// image sets `MIMALLOC_ARENA_EAGER_COMMIT=0`, which keeps idle memory at the system allocator's.
#[cfg(feature = "ssr")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    use app::{
        config::Config,
        state::AppState,
        web::{logging, router::router},
    };
    use leptos::config::get_configuration;

    if let Err(error) = Config::load_dotenv() {
        eprintln!("{error}");
        std::process::exit(2);
    }
    let cloud_run = std::env::var_os("K_SERVICE").is_some();
    logging::init(cloud_run, std::env::var("GOOGLE_CLOUD_PROJECT").ok());
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("sandbox") {
        return standalone_sandbox(&args[1..]).await;
    }

    let config = Config::from_env().unwrap_or_else(|error| {
        eprintln!("{error}");
        std::process::exit(2);
    });
    let mut leptos_options = get_configuration(None)
        .unwrap_or_else(|error| {
            eprintln!("configuration error: LEPTOS_*: {error}");
            std::process::exit(2);
        })
        .leptos_options;
    if leptos_options.output_name.is_empty() {
        leptos_options.output_name = env!("CARGO_PKG_NAME").into();
    }
    // cargo-leptos writes the asset hashes next to the binary when it hashes file names; a run
    // that says LEPTOS_HASH_FILES itself (scripts/run's live-reload build does not hash) wins.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        leptos_options.hash_files = app::web::bundle::hash_file_path(&leptos_options).exists();
    }
    leptos_options.site_addr = config.listen;
    if config.sandbox {
        tracing::warn!(
            "sandbox mode: no ATLASSIAN_CLIENT_ID set, serving the built-in Atlassian sandbox at {}/sandbox",
            config.app_url.as_str().trim_end_matches('/')
        );
    }
    if !config.respect_rate_limits {
        tracing::warn!(
            "RATE_LIMITS=ignore: Atlassian's rate limits are not respected (a benchmark's baseline)"
        );
    }
    if cloud_run && config.redis.is_none() {
        tracing::warn!(
            "REDIS_URL is not set: sessions and sign-ins live in this instance's memory only, \
             but Cloud Run may run several instances and a person sent to another is signed out; \
             set REDIS_URL (Memorystore) to share them"
        );
    }
    let addr = config.listen;
    let state = AppState::new(leptos_options, config).unwrap_or_else(|error| {
        eprintln!("configuration error: {error}");
        std::process::exit(2);
    });
    if let Err(refusal) = state.backend.first_contact().await {
        eprintln!(
            "configuration error: {}: {}",
            refusal.variable, refusal.problem
        );
        std::process::exit(2);
    }
    // On blocking threads: the grammar set at once (no page view waits for it), the common
    // languages' patterns after the first requests of a cold start (Cloud Run scales from zero).
    tokio::spawn({
        let highlighter = state.highlighter.clone();
        async move {
            let loader = highlighter.clone();
            let _ = tokio::task::spawn_blocking(move || loader.load()).await;
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            let _ = tokio::task::spawn_blocking(move || highlighter.warm()).await;
        }
    });
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .unwrap_or_else(|error| {
            eprintln!("cannot listen on {addr}: {error}");
            std::process::exit(1);
        });
    tracing::info!("listening on http://{addr}");
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .expect("the server runs");
}

/// `jira-sso-auth sandbox [--port N] [--client-id ID] [--client-secret S] [--callback URL]...
/// [--access-token-secs N] [--bulk-issues N]`: the Atlassian sandbox alone, as an upstream for
/// benchmarks and tests (`--bulk-issues`: up to 1,000 more issues as rich as ACME-1, ACME-101
/// onwards). Point the app at it with `ATLASSIAN_AUTH_URL=http://127.0.0.1:N/auth` and
/// `ATLASSIAN_API_URL=http://127.0.0.1:N/api`.
#[cfg(feature = "ssr")]
async fn standalone_sandbox(args: &[String]) {
    use app::sandbox::{Lifetimes, RegisteredApp, Sandbox};

    let usage = || -> ! {
        eprintln!(
            "usage: jira-sso-auth sandbox [--port N] [--client-id ID] [--client-secret SECRET] \
             [--callback URL]... [--access-token-secs N] [--bulk-issues N (up to 1000)]"
        );
        std::process::exit(2);
    };
    let mut port: u16 = 4010;
    let mut app = RegisteredApp {
        name: "jira-sso-auth (standalone sandbox)".to_owned(),
        client_id: app::config::SANDBOX_CLIENT_ID.to_owned(),
        client_secret: app::config::SANDBOX_CLIENT_SECRET.to_owned(),
        callback_urls: Vec::new(),
    };
    let mut lifetimes = Lifetimes::default();
    let mut bulk_issues = 0;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let Some(value) = rest.next() else { usage() };
        match flag.as_str() {
            "--port" => port = value.parse().unwrap_or_else(|_| usage()),
            "--client-id" => app.client_id = value.clone(),
            "--client-secret" => app.client_secret = value.clone(),
            "--callback" => app.callback_urls.push(value.clone()),
            "--access-token-secs" => {
                lifetimes.access_token_secs = value.parse().unwrap_or_else(|_| usage())
            }
            "--bulk-issues" => {
                bulk_issues = value
                    .parse()
                    .ok()
                    .filter(|n| *n <= app::sandbox::MAX_BULK_ISSUES)
                    .unwrap_or_else(|| usage())
            }
            _ => usage(),
        }
    }
    if app.callback_urls.is_empty() {
        app.callback_urls
            .push("http://127.0.0.1:3000/oauth/callback".to_owned());
    }
    let public_url = format!("http://127.0.0.1:{port}");
    let sandbox = Sandbox::with_bulk_issues(app, &public_url, lifetimes, bulk_issues);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .unwrap_or_else(|error| {
            eprintln!("cannot listen on 127.0.0.1:{port}: {error}");
            std::process::exit(1);
        });
    tracing::info!(
        "Atlassian sandbox on {public_url} (auth: {public_url}/auth, api: {public_url}/api)"
    );
    axum::serve(listener, sandbox.router(true))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .expect("the sandbox runs");
}

/// Resolves on SIGTERM (what Cloud Run sends) or Ctrl-C; in-flight requests then finish.
#[cfg(feature = "ssr")]
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}

#[cfg(not(feature = "ssr"))]
fn main() {}
