//! The jira-sso-auth server: load configuration, build the router, serve until SIGTERM.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    use app::{config::Config, logging, router::router, state::AppState};
    use leptos::config::get_configuration;

    let cloud_run = std::env::var_os("K_SERVICE").is_some();
    logging::init(cloud_run, std::env::var("GOOGLE_CLOUD_PROJECT").ok());

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
    // cargo-leptos writes the asset hashes next to the binary when it hashes file names.
    leptos_options.hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.join(leptos_options.hash_file.as_ref())))
        .is_some_and(|hashes| hashes.exists());
    leptos_options.site_addr = config.listen;
    if config.sandbox {
        tracing::warn!(
            "sandbox mode: no ATLASSIAN_CLIENT_ID set, serving the built-in Atlassian sandbox at {}/sandbox",
            config.app_url.as_str().trim_end_matches('/')
        );
    }
    let addr = config.listen;
    let state = AppState::new(leptos_options, config).unwrap_or_else(|error| {
        eprintln!("configuration error: {error}");
        std::process::exit(2);
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
