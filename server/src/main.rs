//! psz-monitor: reads the configuration, starts logging, and serves until Ctrl-C or SIGTERM.

use clap::Parser;
use server::config::{Command, Config};
use server::http::{AppState, serve};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = Config::parse();
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    if config.log_format == "json" {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .json()
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    match run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "psz-monitor stopped");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(config: Config) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if let Some(Command::CreateAdmin { email, name }) = &config.command {
        let password = match std::env::var("PSZ_ADMIN_PASSWORD") {
            Ok(p) => p,
            Err(_) => {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line)?;
                line.trim_end_matches(['\r', '\n']).to_owned()
            }
        };
        let (db, _) = server::db::connect(&config.database_url(), 1).await?;
        server::seed::load_if_empty(&db).await?;
        let user = server::auth::admin::create_admin(&db, email, name, &password).await?;
        tracing::info!(user = user.id, email = %user.email, "admin account ready");
        return Ok(());
    }
    if let Some(Command::Backup { to }) = &config.command {
        let (db, _) = server::db::connect(&config.database_url(), 1).await?;
        server::db::backup(&db, to).await?;
        tracing::info!(file = %to.display(), "backup written");
        return Ok(());
    }
    let listen = config.listen;
    let state = AppState::build(config).await?;
    let listener = tokio::net::TcpListener::bind(listen).await?;
    tracing::info!(address = %listener.local_addr()?, "listening; GraphiQL at /graphql");
    serve(listener, state, shutdown_signal()).await?;
    tracing::info!("shut down");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
