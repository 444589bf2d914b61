//! Test support: the real server on a free port against a fresh SQLite file or PostgreSQL
//! database, and a client that posts GraphQL to it.

pub mod synthetic;

use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use server::config::Config;
use server::db::StatementCounter;
use server::http::{AppState, serve};

/// Which database a test runs against.
#[derive(Debug, Clone, Copy)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// PostgreSQL server of the tests (trust auth); override with `PSZ_TEST_POSTGRES`.
fn postgres_admin_url() -> String {
    std::env::var("PSZ_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned())
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    format!(
        "psz_test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The frontend bundle `cargo xtask dist` writes, at the workspace root.
pub fn dist_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist")
}

/// A running server with its own database.
pub struct TestApp {
    pub url: String,
    pub statements: StatementCounter,
    /// The server's own connection, to write test data (e.g. [`synthetic`] plans) next to it.
    pub db: DatabaseConnection,
    client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl TestApp {
    /// Starts the server on `127.0.0.1:0` with a new, empty database (the plan loads on start).
    pub async fn spawn(db: Db) -> TestApp {
        let url = match db {
            Db::Sqlite => {
                let dir = std::env::temp_dir().join(unique_name());
                std::fs::create_dir_all(&dir).expect("temp dir");
                format!("sqlite://{}?mode=rwc", dir.join("test.db").display())
            }
            Db::Postgres => {
                let name = unique_name();
                let admin = Database::connect(format!("{}/postgres", postgres_admin_url()))
                    .await
                    .expect("PostgreSQL reachable");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("create database");
                format!("{}/{name}", postgres_admin_url())
            }
        };
        let mut config = Config::for_database(url);
        // The app's bundle, when `cargo xtask dist` has built it (the browser tests need it).
        config.static_dir = dist_dir();
        let state = AppState::build(config).await.expect("server state");
        let statements = state.statements.clone();
        let db = state.db.clone();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("address");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = serve(listener, state, async move {
                let _ = rx.await;
            })
            .await;
        });
        TestApp {
            url: format!("http://{addr}"),
            statements,
            db,
            client: reqwest::Client::new(),
            _shutdown: tx,
        }
    }

    /// Posts a query and returns the whole JSON response.
    pub async fn query(&self, query: &str, variables: Value) -> Value {
        self.client
            .post(format!("{}/graphql", self.url))
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("JSON response")
    }

    /// Posts a query that must succeed and returns its `data`.
    pub async fn data(&self, query: &str, variables: Value) -> Value {
        let r = self.query(query, variables).await;
        assert!(r.get("errors").is_none(), "errors: {r:#}");
        r["data"].clone()
    }

    /// The first error's `extensions.code`.
    pub async fn error_code(&self, query: &str, variables: Value) -> String {
        let r = self.query(query, variables).await;
        r["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("no error code in {r:#}"))
            .to_owned()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .expect("request")
    }

    /// Posts a raw body. The server may close the connection before reading an oversized body,
    /// so the transport error is returned rather than unwrapped.
    pub async fn post_raw(
        &self,
        path: &str,
        body: impl Into<reqwest::Body>,
    ) -> Result<reqwest::Response, reqwest::Error> {
        self.client
            .post(format!("{}{path}", self.url))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
    }
}
