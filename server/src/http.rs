//! The HTTP surface: `/graphql` (POST queries, GET GraphiQL), `/health`, and the frontend's
//! files with a fallback to `index.html` for the app's own routes.

use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;

use async_graphql::http::GraphiQLSource;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::Router;
use axum::extract::State;
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
        let schema = crate::graphql::schema(db.clone());
        Ok(AppState {
            db,
            schema,
            statements,
            responses: Arc::new(ResponseCache::new(config.response_cache)),
            config: Arc::new(config),
        })
    }
}

/// The router with every route and limit.
pub fn app(state: AppState) -> Router {
    let static_dir: PathBuf = state.config.static_dir.clone();
    let timeout = state.config.request_timeout();
    let body_limit = state.config.max_body_bytes;
    let mut router = Router::new()
        .route("/graphql", get(graphiql).post(graphql))
        .route("/health", get(health));
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

async fn graphql(State(state): State<AppState>, req: GraphQLRequest) -> GraphQLResponse {
    let (schema, db) = (&state.schema, &state.db);
    state
        .responses
        .answer(db, req.into_inner(), |request| {
            crate::graphql::execute(schema, db, request)
        })
        .await
        .into()
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
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
