//! Test support: the real server on a free port against a fresh SQLite file or PostgreSQL
//! database, and a client that posts GraphQL to it.

pub mod live;
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

/// The e-mail of the admin [`TestApp::admin`] makes.
pub const ADMIN_EMAIL: &str = "admin@psz.test";
/// The password of every account the tests make.
pub const TEST_PASSWORD: &str = "heslo pro testy 2026";

/// A signed-in session: the `Cookie` to send and the CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    /// The account's e-mail.
    pub email: String,
    pub cookie: String,
    /// The whole `Set-Cookie` header of the login.
    pub set_cookie: String,
    pub csrf: String,
}

/// The Python of the test tools' venv (openpyxl, frictionless), which `scripts/test-tools.sh`
/// installs; `scripts/test.sh` runs it first.
pub fn tool_python() -> String {
    let python =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/test-venv/bin/python");
    assert!(
        python.is_file(),
        "{} is missing: run `bash scripts/test-tools.sh` first",
        python.display()
    );
    python.to_string_lossy().into_owned()
}

/// What `program` with `args` writes to its standard output when given `input`: the tests'
/// independent readers (`pdftotext`, Python). Fails the test when it cannot run or fails.
pub fn pipe(program: &str, args: &[&str], input: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .unwrap_or_else(|e| panic!("writing to {program}: {e}"));
    let out = child.wait_with_output().expect("it ran");
    assert!(out.status.success(), "{program} {args:?} failed");
    out.stdout
}

/// The first error's `extensions.code` of a response, or `OK`.
pub fn code_of(response: &Value) -> String {
    match response.get("errors") {
        None => "OK".to_owned(),
        Some(e) => e[0]["extensions"]["code"]
            .as_str()
            .unwrap_or("NO_CODE")
            .to_owned(),
    }
}

/// A running server with its own database.
pub struct TestApp {
    pub url: String,
    /// The database it serves.
    database: String,
    pub statements: StatementCounter,
    /// The server's own connection, to write test data (e.g. [`synthetic`] plans) next to it.
    pub db: DatabaseConnection,
    /// The server's today: `clock.set(Some(date))` fixes it for the schema and kept responses.
    pub clock: server::graphql::Clock,
    /// Every plan's revision as the server knows it.
    pub versions: server::graphql::Versions,
    /// The server's e-mail reminders, when its configuration has an SMTP host
    /// ([`TestApp::spawn_with`]): a test runs `check()` itself instead of waiting for the timer.
    pub reminders: Option<std::sync::Arc<server::reminders::Reminders>>,
    client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
    /// What [`TestApp::spawn`] made for it, removed when it is dropped.
    made: Option<Made>,
}

/// A test database made for one [`TestApp`].
enum Made {
    /// The directory of a SQLite file.
    Dir(std::path::PathBuf),
    /// A PostgreSQL database.
    Postgres(String),
}

impl Drop for TestApp {
    /// Removes the test's database (best effort: a failure only leaves it behind).
    fn drop(&mut self) {
        match self.made.take() {
            Some(Made::Dir(dir)) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Some(Made::Postgres(name)) => {
                // On a thread of its own: the test's runtime may be the one dropping this.
                let _ = std::thread::spawn(move || {
                    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    runtime.block_on(async {
                        if let Ok(admin) =
                            Database::connect(format!("{}/postgres", postgres_admin_url())).await
                        {
                            let _ = admin
                                .execute_unprepared(&format!(
                                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                                ))
                                .await;
                            let _ = admin.close().await;
                        }
                    });
                })
                .join();
            }
            None => {}
        }
    }
}

impl TestApp {
    /// Starts the server on `127.0.0.1:0` with a new, empty database (the plan loads on start).
    pub async fn spawn(db: Db) -> TestApp {
        TestApp::spawn_with(db, |_| {}).await
    }

    /// Like [`TestApp::spawn`], with the configuration changed by `configure` first.
    pub async fn spawn_with(db: Db, configure: impl FnOnce(&mut Config)) -> TestApp {
        let (url, made) = match db {
            Db::Sqlite => {
                let dir = std::env::temp_dir().join(unique_name());
                std::fs::create_dir_all(&dir).expect("temp dir");
                (
                    format!("sqlite://{}?mode=rwc", dir.join("test.db").display()),
                    Made::Dir(dir),
                )
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
                let _ = admin.close().await;
                (
                    format!("{}/{name}", postgres_admin_url()),
                    Made::Postgres(name),
                )
            }
        };
        let mut app = TestApp::spawn_on_with(url, configure).await;
        app.made = Some(made);
        app
    }

    /// Starts the server on `127.0.0.1:0` on the database at `url` (as it is: an existing file
    /// keeps its data).
    pub async fn spawn_on(url: String) -> TestApp {
        TestApp::spawn_on_with(url, |_| {}).await
    }

    /// Like [`TestApp::spawn_on`], with the configuration changed by `configure` first.
    pub async fn spawn_on_with(url: String, configure: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = Config::for_database(url.clone());
        // The app's bundle, when `cargo xtask dist` has built it (the browser tests need it).
        config.static_dir = dist_dir();
        configure(&mut config);
        let state = AppState::build(config).await.expect("server state");
        let reminders = state.reminders.clone();
        let statements = state.statements.clone();
        let db = state.db.clone();
        let clock = state.clock.clone();
        let versions = state.versions.clone();
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
            database: url,
            statements,
            db,
            clock,
            versions,
            reminders,
            client: reqwest::Client::new(),
            _shutdown: tx,
            made: None,
        }
    }

    /// The address of the database it serves (another instance may serve it too).
    pub fn database_url(&self) -> String {
        self.database.clone()
    }

    /// Tells the server that data changed around it (a test wrote to its database directly):
    /// what its periodic re-read of the revisions would find within `store::version::FALLBACK`,
    /// at once.
    pub async fn wrote_around(&self) {
        self.versions.refresh(&self.db).await.expect("revisions");
    }

    /// A published edit as `session`: sets the schedule text of measure `code` (read at its
    /// current version first), the way a coordinator edits the card.
    pub async fn set_schedule_text(&self, session: &Session, code: &str, text: &str) {
        let v = self
            .data_as(
                session,
                "query($c: String!) { measure(code: $c) { version } }",
                json!({ "c": code }),
            )
            .await;
        self.data_as(
            session,
            "mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { version } }",
            json!({ "i": { "code": code, "version": v["measure"]["version"], "scheduleText": text } }),
        )
        .await;
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

    /// Makes an admin account by the same code as `psz-monitor create-admin` and signs in.
    pub async fn admin(&self) -> Session {
        server::auth::admin::create_admin(&self.db, ADMIN_EMAIL, "Admin", TEST_PASSWORD)
            .await
            .expect("admin account");
        self.login(ADMIN_EMAIL, TEST_PASSWORD)
            .await
            .expect("admin signs in")
    }

    /// Makes an account as `admin` (role and bindings as the `createUser` input takes them)
    /// and signs in as it.
    pub async fn user(&self, admin: &Session, email: &str, role: &str, extra: Value) -> Session {
        let mut input =
            json!({ "email": email, "name": email, "password": TEST_PASSWORD, "role": role });
        if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
            input.extend(extra.clone());
        }
        let r = self
            .query_as(
                Some(admin),
                "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
                json!({ "i": input }),
            )
            .await;
        assert!(r.get("errors").is_none(), "createUser: {r:#}");
        self.login(email, TEST_PASSWORD).await.expect("signs in")
    }

    /// A coordinator of the Ostrava plan, signed in.
    pub async fn coordinator(&self, admin: &Session, email: &str) -> Session {
        self.user(admin, email, "COORDINATOR", json!({ "plans": ["ostrava"] }))
            .await
    }

    /// An implementer of `organisations` (a JSON list of ids), signed in.
    pub async fn implementer(&self, admin: &Session, email: &str, organisations: Value) -> Session {
        self.user(
            admin,
            email,
            "IMPLEMENTER",
            json!({ "organisations": organisations }),
        )
        .await
    }

    /// Signs in; the session's cookie and CSRF token, or the whole error response.
    pub async fn login(&self, email: &str, password: &str) -> Result<Session, Value> {
        let response = self
            .client
            .post(format!("{}/graphql", self.url))
            .header("x-psz-csrf", "login")
            .json(&json!({
                "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { csrfToken } }",
                "variables": { "e": email, "p": password },
            }))
            .send()
            .await
            .expect("request");
        let set_cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let body: Value = response.json().await.expect("JSON response");
        match (set_cookie, body["data"]["login"]["csrfToken"].as_str()) {
            (Some(set_cookie), Some(csrf)) => Ok(Session {
                email: email.to_lowercase(),
                cookie: set_cookie.split(';').next().unwrap_or_default().to_owned(),
                set_cookie,
                csrf: csrf.to_owned(),
            }),
            _ => Err(body),
        }
    }

    /// Posts a query as `session` (anonymous with `None`), with the CSRF header the app sends.
    pub async fn query_as(
        &self,
        session: Option<&Session>,
        query: &str,
        variables: Value,
    ) -> Value {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.url))
            .json(&json!({ "query": query, "variables": variables }));
        request = match session {
            Some(s) => request
                .header("cookie", &s.cookie)
                .header("x-psz-csrf", &s.csrf),
            None => request.header("x-psz-csrf", "anonymous"),
        };
        request
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("JSON response")
    }

    /// Like [`TestApp::query_as`], but the query must succeed; its `data`.
    pub async fn data_as(&self, session: &Session, query: &str, variables: Value) -> Value {
        let r = self.query_as(Some(session), query, variables).await;
        assert!(r.get("errors").is_none(), "errors: {r:#}");
        r["data"].clone()
    }

    /// Posts with any headers (for CSRF and cross-site tests).
    pub async fn post_with(
        &self,
        headers: &[(&str, &str)],
        query: &str,
        variables: Value,
    ) -> Value {
        let mut request = self
            .client
            .post(format!("{}/graphql", self.url))
            .json(&json!({ "query": query, "variables": variables }));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        request
            .send()
            .await
            .expect("request")
            .json()
            .await
            .expect("JSON response")
    }

    /// A GET with extra headers (`If-None-Match` …).
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{path}", self.url));
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        request.send().await.expect("request")
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
