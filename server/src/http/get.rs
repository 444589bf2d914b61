//! `GET /graphql`: reads in the URL, always the public's, answered with an entity tag and a
//! `Cache-Control` a shared cache may follow.

use axum::body::Bytes;
use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::net::SocketAddr;

use super::answer::data_answer;
use super::{AppState, run_graphql};
use crate::error::RequestError;
use crate::graphql::{Encoding, Kept};

/// `GET /graphql`: a query in the URL (`query`, `operationName`, `variables`, `extensions` as
/// JSON), or GraphiQL's page when the URL has neither a query nor a persisted query's hash.
///
/// A GET is always anonymous (cookies are not read) and may not be a mutation, so its answer is
/// the public's: with a weak `ETag` (an `If-None-Match` that names it gets `304`) and a
/// `Cache-Control` that lets a shared cache (a reverse proxy or CDN in front of several
/// instances) serve repeats for [`SHARED_MAX_AGE`] seconds.
pub(super) async fn graphql_get(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let body = match get_body(raw.as_deref().unwrap_or(""), state.config.max_body_bytes) {
        Ok(Some(body)) => body,
        Ok(None) => return crate::graphiql::page().await,
        Err(refused) => return refused.into_response(),
    };
    match run_graphql(&state, peer, &headers, Ok(body), Via::Get).await {
        Ok(response) => response,
        Err(refused) => refused.into_response(),
    }
}

/// How long a shared cache may serve a public GET answer before asking again.
pub const SHARED_MAX_AGE: u32 = 5;

/// How a GraphQL request came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Via {
    Post,
    Get,
}

/// The JSON request a GET's URL parameters stand for; none when it names no query.
fn get_body(raw: &str, limit: usize) -> Result<Option<Bytes>, RequestError> {
    #[derive(serde::Deserialize)]
    struct Params {
        query: Option<String>,
        #[serde(rename = "operationName")]
        operation_name: Option<String>,
        variables: Option<String>,
        extensions: Option<String>,
    }
    let uri: axum::http::Uri = format!("/?{raw}")
        .parse()
        .map_err(|_| RequestError::BadRequest("the URL's parameters do not parse".to_owned()))?;
    let axum::extract::Query(p) = axum::extract::Query::<Params>::try_from_uri(&uri)
        .map_err(|e| RequestError::BadRequest(format!("the URL's parameters: {e}")))?;
    if p.query.is_none() && p.extensions.is_none() {
        return Ok(None);
    }
    let json = |name: &str, text: Option<String>| -> Result<Option<Value>, RequestError> {
        text.filter(|t| !t.is_empty())
            .map(|t| {
                serde_json::from_str(&t)
                    .map_err(|e| RequestError::BadRequest(format!("`{name}` is not JSON: {e}")))
            })
            .transpose()
    };
    let body = json!({
        "query": p.query.unwrap_or_default(),
        "operationName": p.operation_name,
        "variables": json("variables", p.variables)?,
        "extensions": json("extensions", p.extensions)?,
    });
    let bytes = serde_json::to_vec(&body).map_err(|_| RequestError::Internal)?;
    if bytes.len() > limit {
        return Err(RequestError::PayloadTooLarge);
    }
    Ok(Some(Bytes::from(bytes)))
}

/// The answer of a GET with data: `304` when `If-None-Match` names its tag, else the data; both
/// with the tag and the public `Cache-Control`.
pub(super) fn public_answer(
    kept: &Kept,
    cost: u64,
    encoding: Option<Encoding>,
    headers: &HeaderMap,
) -> Result<Response, RequestError> {
    let etag = HeaderValue::from_str(kept.etag()).map_err(|_| RequestError::Internal)?;
    let fresh = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.trim_start_matches("W/") == kept.etag().trim_start_matches("W/")
        });
    let mut http = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        data_answer(kept, cost, encoding)
    };
    let h = http.headers_mut();
    h.insert(header::ETAG, etag);
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_str(&format!(
            "public, max-age=0, s-maxage={SHARED_MAX_AGE}, must-revalidate"
        ))
        .map_err(|_| RequestError::Internal)?,
    );
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    Ok(http)
}
