//! The HTTP surface: `/graphql` (POST queries, GET GraphiQL), `/health`, and the frontend's
//! files with a fallback to `index.html` for the app's own routes.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use async_graphql::ErrorExtensions;
use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::Router;
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Json, Response};
use axum::routing::get;
use axum::serve::ListenerExt;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde_json::json;
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::auth::{RequestAuth, session};
use crate::config::Config;
use crate::db::StatementCounter;
use crate::graphql::{ApiSchema, ResponseCache};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub schema: ApiSchema,
    pub statements: StatementCounter,
    pub config: Arc<Config>,
    /// Responses of read queries, kept while the data are unchanged.
    pub responses: Arc<ResponseCache>,
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
        }
        let schema = crate::graphql::schema(db.clone(), config.sessions());
        Ok(AppState {
            db,
            schema,
            statements,
            responses: Arc::new(ResponseCache::new(config.response_cache)),
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
        .route("/graphql", get(graphiql).post(graphql))
        .route("/health", get(health));
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
    router = if static_dir.join("index.html").is_file() {
        let index = static_dir.join("index.html");
        router.fallback_service(
            ServeDir::new(&static_dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(ServeFile::new(index)),
        )
    } else {
        router.fallback(not_found)
    };
    router
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Runs a GraphQL request. Anonymous reads may be answered from the response cache;
/// signed-in callers and mutations never are.
async fn graphql(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    req: GraphQLRequest,
) -> Response {
    let (schema, db) = (&state.schema, &state.db);
    let caller = match caller(&state, &headers, peer).await {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the session");
            let body = async_graphql::Response::from_errors(vec![
                crate::error::ApiError::Internal
                    .extend()
                    .into_server_error(Default::default()),
            ]);
            return GraphQLResponse::from(body).into_response();
        }
    };
    let mut request = req.into_inner();
    let mutation = request.parsed_query().is_ok_and(|doc| {
        doc.operations
            .iter()
            .any(|(_, op)| op.node.ty == async_graphql::parser::types::OperationType::Mutation)
    });
    let response = if caller.actor.is_some() || caller.token.is_some() || mutation {
        crate::graphql::execute(schema, db, caller, request).await
    } else {
        state
            .responses
            .answer(db, request, |request| {
                crate::graphql::execute(schema, db, caller, request)
            })
            .await
    };
    GraphQLResponse::from(response).into_response()
}

/// Who sent the request: the session of its cookie, its CSRF header, and whether it may come
/// from another site.
async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    peer: SocketAddr,
) -> Result<RequestAuth, sea_orm::DbErr> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let token = headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(session::token_from_cookies)
        .map(str::to_owned);
    let resolved = match &token {
        Some(t) => session::resolve(&state.db, t, &state.config.sessions()).await?,
        None => None,
    };
    let (session, actor) = resolved.map_or((None, None), |(s, a)| (Some(s), Some(a)));
    Ok(RequestAuth {
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

async fn graphiql() -> Html<String> {
    Html(
        GraphiQLSource::build()
            .endpoint("/graphql")
            .title("psz-monitor GraphQL")
            .finish(),
    )
}

async fn health(State(state): State<AppState>) -> Response {
    match state.db.execute_unprepared("SELECT 1").await {
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
    (
        StatusCode::NOT_FOUND,
        Json(json!({ "error": "not found", "code": "NOT_FOUND" })),
    )
        .into_response()
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
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
