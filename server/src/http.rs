//! The HTTP surface: `/graphql` (POST queries, GET GraphiQL from the binary), `/health`, and the frontend's
//! files with a fallback to `index.html` for the app's own routes.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use sea_orm::DatabaseConnection;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

use crate::analysed::{Analyses, Analysis};
use crate::auth::{RequestAuth, session};
use crate::config::Config;
use crate::db::StatementCounter;
use crate::error::RequestError;
use crate::graphql::cost::{self, CostModel, Refusal};
use crate::graphql::{Answer, ApiSchema, Clock, Encoding, ResponseCache, Versions};
use crate::persisted::{self, Named, Persisted};
use crate::store::model::ReadModel;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub schema: ApiSchema,
    /// The plans' read model the schema reads, shared with the open-data downloads.
    pub read: Arc<ReadModel>,
    /// Open-data files made lately, while their plan's revision holds.
    pub exports: Arc<data::Exports>,
    pub statements: StatementCounter,
    /// Every plan's revision as this process knows it, kept current by its own writes, the
    /// database's notices and a periodic re-read.
    pub versions: Versions,
    /// Signed-in readers' sessions resolved in the last seconds.
    pub sessions: Arc<session::SessionCache>,
    pub config: Arc<Config>,
    /// Responses of read queries, kept while the data and the date are unchanged.
    pub responses: Arc<ResponseCache>,
    /// Today for the schema and the response cache (tests fix it).
    pub clock: Clock,
    /// What each field of the schema costs, to refuse a query before it runs.
    pub costs: Arc<CostModel>,
    /// Places for expensive queries running at once.
    pub expensive: Arc<Semaphore>,
    /// The one place where a large request is decoded, parsed and measured.
    pub analysis: Arc<Semaphore>,
    /// Persisted queries' texts by hash.
    pub persisted: Arc<Persisted>,
    /// Query texts already parsed and costed.
    pub analysed: Arc<Analyses>,
    /// The public pages rendered to HTML, kept per address and language.
    pub pages: Arc<Pages>,
    /// E-mail reminders of the monitoring cycle, when an SMTP host is configured; [`serve`]
    /// runs their periodic check.
    pub reminders: Option<Arc<crate::reminders::Reminders>>,
    /// The live-update connections open now (`/graphql/ws`).
    pub live: Arc<ws::Connections>,
}

impl AppState {
    /// Connects, migrates, loads the plan into an empty database, and builds the schema.
    pub async fn build(
        config: Config,
    ) -> Result<AppState, Box<dyn std::error::Error + Send + Sync>> {
        let (db, statements) =
            crate::db::connect(&config.database_url(), config.db_connections).await?;
        if crate::seed::load_if_empty(&db).await? {
            tracing::info!("loaded the plan's data into the new database");
        } else {
            let added = crate::seed::add_missing_waves(&db).await?;
            if added > 0 {
                tracing::info!(added, "added the monitoring waves the documents show");
            }
        }
        let clock = Clock::system();
        let versions = Versions::load(&db).await?;
        versions.follow(db.clone());
        let read = Arc::new(ReadModel::new(
            db.clone(),
            versions.clone(),
            ReadModel::CAPACITY,
        ));
        let schema = crate::graphql::schema_over(
            db.clone(),
            versions.clone(),
            config.sessions(),
            clock.clone(),
            read.clone(),
            crate::graphql::opendata::Licence(config.data_licence.clone()),
        );
        let reminders = crate::reminders::Reminders::from_config(
            &config,
            db.clone(),
            read.clone(),
            clock.clone(),
        )?
        .map(Arc::new);
        Ok(AppState {
            reminders,
            db,
            schema,
            read,
            exports: Arc::default(),
            statements,
            versions,
            sessions: Arc::default(),
            responses: Arc::new(ResponseCache::new(config.response_cache, clock.clone())),
            clock,
            costs: Arc::new(CostModel::from_sdl(&crate::graphql::plain_sdl())),
            expensive: Arc::new(Semaphore::new(cost::EXPENSIVE_AT_ONCE)),
            analysis: Arc::new(Semaphore::new(1)),
            persisted: Arc::default(),
            analysed: Arc::default(),
            pages: Arc::new(Pages::for_config(&config)),
            live: Arc::default(),
            config: Arc::new(config),
        })
    }
}

/// The app's pages for signed-in staff, answered with `staff.html` (the bundle that has them).
const STAFF_PATHS: [&str; 6] = [
    "/prihlaseni",
    "/zadavani",
    "/uzivatele",
    "/sprava",
    "/sprava/{*page}",
    "/historie/{*record}",
];

/// The router with every route and limit.
pub fn app(state: AppState) -> Router {
    let static_dir: PathBuf = state.config.static_dir.clone();
    let timeout = state.config.request_timeout();
    let body_limit = state.config.max_body_bytes;
    let mut router = Router::new()
        .route(
            "/graphql",
            post(graphql).get(graphql_get).layer(compression()),
        )
        .route("/graphql/ws", get(ws::upgrade))
        .route("/health", get(health))
        .merge(crate::graphiql::routes());
    let staff = static_dir.join("staff.html");
    if staff.is_file() {
        // The staff pages come with the bundle that has them (`frontend` feature `staff`).
        for path in STAFF_PATHS {
            router = router.route_service(
                path,
                ServeFile::new(&staff)
                    .precompressed_br()
                    .precompressed_gzip(),
            );
        }
    }
    router = router
        .route("/robots.txt", get(page::robots))
        .route("/sitemap.xml", get(page::sitemap))
        .route("/zpravy/{file}", get(download::report_file))
        .route("/data/{plan}/{file}", get(data::dataset_file))
        .route(
            "/data/{plan}/koncepty/{file}",
            get(data::staff_dataset_file),
        )
        .route("/data/{file}", get(data::plan_file))
        .route("/kalendar.ics", get(calendar::default_plan))
        .route("/qr.svg", get(qr::qr_svg))
        .route("/kalendar/{file}", get(calendar::of_plan));
    router = if state.pages.renders() {
        // The public pages rendered on the server; the shell itself is not a page.
        for path in page::PUBLIC_PATHS {
            router = router.route(path, get(page::page));
        }
        router = router.route(
            "/index.html",
            get(|| async { axum::response::Redirect::permanent("/") }),
        );
        // Any other address that is not a file: the rendered not-found page (404).
        router.fallback_service(
            ServeDir::new(&static_dir)
                .precompressed_br()
                .precompressed_gzip()
                .append_index_html_on_directories(false)
                .fallback(get(page::page).with_state(state.clone())),
        )
    } else {
        router.fallback(not_found)
    };
    // The guard's timeout is a little longer than the one the GraphQL handler applies itself,
    // so a slow query gets the handler's GraphQL answer and only other routes the guard's.
    let outer_timeout = timeout + Duration::from_secs(1);
    // A wave's filled spreadsheet may be larger than any other request: its route has its own
    // limit (`sheet::read::MAX_FILE_BYTES`), the rest the configured one.
    let sheets = Router::new()
        .route("/zadavani/sablona.xlsx", get(sheet::template))
        .route(
            "/zadavani/import",
            post(sheet::upload).layer(RequestBodyLimitLayer::new(
                crate::sheet::read::MAX_FILE_BYTES,
            )),
        );
    router
        .layer(middleware::from_fn(asset_cache))
        .layer(RequestBodyLimitLayer::new(body_limit))
        .merge(sheets)
        .layer(middleware::from_fn_with_state(outer_timeout, guard))
        .layer(CatchPanicLayer::custom(panicked))
        // Outermost, so every answer carries them, refusals and panics too.
        .layer(middleware::from_fn(crate::security::headers))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Cache lifetimes of the bundle's files: an address naming its version (`?v=…`, as the pages
/// name every file of the bundle) never changes content, so browsers keep it a year; the same
/// file without a version, and the staff pages' shell, are revalidated on every use. So are the
/// service worker and the web app manifest (a new build is a new worker, found at once); the
/// home-screen icons are kept a day.
async fn asset_cache(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let asset = path.starts_with("/pkg/") || path == "/style.css";
    let installable = path == "/sw.js" || path == "/manifest.webmanifest";
    let icon = path.starts_with("/icons/");
    let staff_shell = STAFF_PATHS.iter().any(|p| {
        path == *p
            || p.split_once('{')
                .is_some_and(|(prefix, _)| path.starts_with(prefix))
    });
    let versioned = request
        .uri()
        .query()
        .is_some_and(|q| q.split('&').any(|pair| pair.starts_with("v=")));
    let mut response = next.run(request).await;
    if (asset || staff_shell || installable || icon) && response.status().is_success() {
        let value = if asset && versioned {
            "public, max-age=31536000, immutable"
        } else if icon {
            "public, max-age=86400"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// Runs a GraphQL request: decodes the body, parses the query and measures its cost (refusing
/// it before anything runs when it is too costly or deep), waits for a place among the
/// expensive queries if it is one, and executes it within the request timeout. Anonymous reads
/// may be answered from the response cache; signed-in callers and mutations never are.
async fn graphql(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match run_graphql(&state, peer, &headers, body, Via::Post).await {
        Ok(response) => response,
        Err(refused) => refused.into_response(),
    }
}

mod answer;
mod calendar;
mod data;
mod download;
mod get;
mod page;
mod qr;
mod sheet;
pub mod ws;

pub use page::Pages;

use answer::{PRIVATE_ANSWER, busy, compression, data_answer, finish};
use get::{Via, graphql_get};

async fn run_graphql(
    state: &AppState,
    peer: SocketAddr,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    via: Via,
) -> Result<Response, RequestError> {
    let body = body.map_err(|rejection| {
        RequestError::from_status(rejection.status())
            .unwrap_or_else(|| RequestError::BadRequest(rejection.body_text()))
    })?;
    let Analysed {
        request,
        cost,
        mutation,
    } = if body.len() <= LARGE_REQUEST {
        analyse(&state.costs, &state.persisted, &state.analysed, &body)?
    } else {
        // Parsing a large query takes milliseconds that never yield: done one at a time, off
        // the async workers, so a flood of them leaves a core for everyone else.
        let _place = tokio::time::timeout(EXPENSIVE_WAIT, state.analysis.clone().acquire_owned())
            .await
            .map_err(|_| RequestError::Busy {
                retry_after_secs: 1,
            })?
            .map_err(|_| RequestError::Internal)?;
        let (costs, persisted, analysed) = (
            state.costs.clone(),
            state.persisted.clone(),
            state.analysed.clone(),
        );
        tokio::task::spawn_blocking(move || analyse(&costs, &persisted, &analysed, &body))
            .await
            .map_err(|_| RequestError::Internal)??
    };
    if via == Via::Get && mutation {
        return Err(RequestError::MethodNotAllowed);
    }
    // A GET is the public's: its cookies are not read.
    let anonymous;
    let headers = if via == Via::Get {
        let mut without = headers.clone();
        without.remove(header::COOKIE);
        anonymous = without;
        &anonymous
    } else {
        headers
    };
    let caller = caller(state, headers, peer, mutation).await.map_err(|e| {
        tracing::error!(error = %e, "cannot read the session");
        RequestError::Internal
    })?;
    let (schema, db) = (&state.schema, &state.db);
    let signed_in = caller.actor.is_some();
    // Private answers (below) are never compressed.
    let encoding = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .and_then(Encoding::accepted)
        .filter(|_| !signed_in && !mutation);
    // An expensive query takes a place before it executes (a kept answer needs none).
    let execute = |request| async move {
        let _place = if cost > cost::EXPENSIVE_COST {
            match tokio::time::timeout(EXPENSIVE_WAIT, state.expensive.acquire()).await {
                Ok(Ok(place)) => Some(place),
                _ => return busy(),
            }
        } else {
            None
        };
        crate::graphql::execute(schema, db, caller, request).await
    };
    let run = async {
        if signed_in || mutation {
            Answer::Response(execute(request).await)
        } else {
            state
                .responses
                .answer(&state.versions, request, execute)
                .await
        }
    };
    let response = tokio::time::timeout(state.config.request_timeout(), run)
        .await
        .map_err(|_| RequestError::Timeout)?;
    let mut answer = match (response, via) {
        (Answer::Data(kept), Via::Get) => get::public_answer(&kept, cost, encoding, headers)?,
        (Answer::Data(kept), Via::Post) => data_answer(&kept, cost, encoding),
        (Answer::Response(response), via) => {
            let mut http = finish(response, cost);
            if via == Via::Get {
                http.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            }
            http
        }
    };
    if signed_in || mutation {
        // A signed-in caller's answer (drafts, notes, the CSRF token) is nobody else's: no
        // cache keeps it, and it is never compressed, so its size tells nothing of a secret
        // beside reflected input (BREACH).
        answer.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PRIVATE_ANSWER),
        );
    }
    Ok(answer)
}

/// A request body longer than this is analysed off the async workers, one at a time; the app's
/// largest query has under 2 KB.
const LARGE_REQUEST: usize = 4 << 10;

/// A request ready to run.
struct Analysed {
    request: async_graphql::Request,
    cost: u64,
    mutation: bool,
}

/// Decodes a request body, parses its query and measures its cost, refusing it when it is not a
/// GraphQL request or too costly or deep.
///
/// A request naming a persisted query by its hash gets the text kept under it (or
/// `PERSISTED_QUERY_NOT_FOUND`); one sending hash and text is checked, and its text kept once it
/// passed every check here. A text analysed before is neither parsed nor costed again
/// (`analysed`).
fn analyse(
    costs: &CostModel,
    persisted: &Persisted,
    analysed: &Analyses,
    body: &[u8],
) -> Result<Analysed, RequestError> {
    let mut request: async_graphql::Request = serde_json::from_slice(body).map_err(|e| {
        RequestError::BadRequest(format!("the body is not a GraphQL request in JSON: {e}"))
    })?;
    let named = Named::of(&request.extensions).map_err(|refusal| match refusal {
        persisted::Refusal::Malformed(why) => RequestError::BadRequest(why.to_owned()),
        persisted::Refusal::Mismatch => RequestError::BadRequest(
            "persistedQuery.sha256Hash is not the SHA-256 of the query".to_owned(),
        ),
    })?;
    let mut remember = None;
    if let Some(named) = named {
        if request.query.is_empty() {
            request.query = persisted
                .get(&named.hash)
                .ok_or(RequestError::PersistedQueryNotFound)?;
        } else {
            named.check(&request.query).map_err(|_| {
                RequestError::BadRequest(
                    "persistedQuery.sha256Hash is not the SHA-256 of the query".to_owned(),
                )
            })?;
            remember = Some(named.hash);
        }
    }
    let (cost, mutation) = match analysed.get(&request.query) {
        Some(known) => {
            request.set_parsed_query(known.doc.clone());
            (known.cost, known.mutation)
        }
        None => {
            let doc = request.parsed_query().map_err(|e| {
                RequestError::BadRequest(format!("the query does not parse: {}", e.message))
            })?;
            let cost = costs
                .measure(doc)
                .map_err(|refusal| RequestError::QueryTooComplex {
                    message: refusal.message(),
                    cost: match refusal {
                        Refusal::TooCostly { cost } => Some(cost),
                        _ => None,
                    },
                })?;
            let mutation = doc
                .operations
                .iter()
                .any(|(_, op)| op.node.ty == async_graphql::parser::types::OperationType::Mutation);
            let analysis = Analysis {
                doc: doc.clone(),
                cost,
                mutation,
            };
            analysed.put(&request.query, analysis);
            (cost, mutation)
        }
    };
    if let Some(hash) = remember {
        persisted.put(hash, &request.query);
    }
    Ok(Analysed {
        request,
        cost,
        mutation,
    })
}

/// How long an expensive query waits for a place before it is answered `BUSY`.
pub(crate) const EXPENSIVE_WAIT: Duration = Duration::from_secs(2);

/// Every answer's guard: cuts off a request that runs longer than the timeout, answers a panic
/// as `INTERNAL` (logged) instead of dropping the connection, and turns the plain-text error
/// answers of lower layers (a body over the limit, an unknown method) into JSON with a code.
async fn guard(State(timeout): State<Duration>, request: Request, next: Next) -> Response {
    let response = match tokio::time::timeout(timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => return RequestError::Timeout.into_response(),
    };
    // JSON answers are already coded, and a rendered page (the not-found page) is for people.
    let coded_or_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.contains("json") || t.starts_with("text/html"));
    match RequestError::from_status(response.status()) {
        Some(error) if !coded_or_page => {
            let mut replaced = error.into_response();
            *replaced.status_mut() = response.status();
            replaced
        }
        _ => response,
    }
}

/// The answer to a panic: `INTERNAL`, with the panic in the log.
fn panicked(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %what, "a request panicked");
    RequestError::Internal.into_response()
}

/// Who sent the request: the session of its cookie, its CSRF header, and whether it may come
/// from another site.
/// A mutation's caller is always read from the database; a read's may be one resolved in the
/// last seconds (`session::SessionCache`).
pub(crate) async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    peer: SocketAddr,
    mutation: bool,
) -> Result<RequestAuth, sea_orm::DbErr> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let token = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| session::session_token(h, &state.config.sessions()))
        .map(str::to_owned);
    let resolved = match &token {
        Some(t) if mutation => session::resolve(&state.db, t, &state.config.sessions()).await?,
        Some(t) => {
            state
                .sessions
                .resolve(
                    &state.db,
                    t,
                    &state.config.sessions(),
                    state.versions.accounts(),
                )
                .await?
        }
        None => None,
    };
    let (session, actor) = resolved.map_or((None, None), |(s, a)| (Some(s), Some(a)));
    let lang = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|h| h.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == frontend::lang::COOKIE).then_some(value)
        })
        .and_then(shared::format::Lang::from_code);
    Ok(RequestAuth {
        lang,
        actor,
        session,
        token,
        csrf_header: text(crate::auth::CSRF_HEADER).map(str::to_owned),
        cross_site: crate::auth::is_cross_site(
            text("host"),
            text("origin"),
            text("sec-fetch-site"),
        ),
        client_ip: Some(peer.ip().to_string()),
    })
}

async fn health(State(state): State<AppState>) -> Response {
    match crate::db::ping(&state.db).await {
        Ok(_) => Json(json!({ "status": "ok" })).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "code": "INTERNAL" })),
            )
                .into_response()
        }
    }
}

async fn not_found() -> Response {
    RequestError::NotFound.into_response()
}

/// Serves the app on a bound listener until `shutdown` completes, then drains open requests.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    // The reminders' periodic check runs while the server serves.
    let reminders = state
        .reminders
        .clone()
        .map(crate::reminders::Reminders::spawn);
    let served = axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    if let Some(task) = reminders {
        task.abort();
    }
    served
}
