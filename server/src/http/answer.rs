//! The forms of a GraphQL answer: kept data sent as it is (or compressed once), an executed
//! response with every error coded, the refusal of an expensive query without a place, and the
//! compression of public answers.

use async_graphql_axum::GraphQLResponse;
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};

use crate::graphql::cost;
use crate::graphql::{Encoding, Kept};

/// The `Cache-Control` of answers for one caller only.
pub(super) const PRIVATE_ANSWER: &str = "private, no-store";

/// GraphQL answers go out compressed (brotli, else gzip) when the client accepts it, except
/// the private ones (`PRIVATE_ANSWER`) and those too small to gain.
pub(super) fn compression() -> CompressionLayer<impl tower_http::compression::Predicate> {
    let public =
        |_: StatusCode, _: axum::http::Version, headers: &HeaderMap, _: &axum::http::Extensions| {
            headers
                .get(header::CACHE_CONTROL)
                .is_none_or(|v| v.as_bytes() != PRIVATE_ANSWER.as_bytes())
        };
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .compress_when(DefaultPredicate::new().and(public))
}

/// The HTTP answer of `data` without errors, given as JSON: its bytes are sent as they are
/// (shared with the response cache, not copied), between the envelope and the cost; or, when
/// the client accepts it, the whole answer compressed, made once per kept answer.
pub(super) fn data_answer(kept: &Kept, cost: u64, encoding: Option<Encoding>) -> Response {
    let tail = format!(
        r#","extensions":{{"cost":{{"requested":{cost},"limit":{}}}}}}}"#,
        cost::MAX_COST
    );
    let head = Bytes::from_static(br#"{"data":"#);
    let mut http = match encoding {
        Some(encoding) => {
            let body = kept.compressed(encoding, || {
                [&head[..], &kept.data, tail.as_bytes()].concat()
            });
            let length = body.len();
            let mut http = Response::new(axum::body::Body::from(body));
            let headers = http.headers_mut();
            headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.name()),
            );
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            http
        }
        None => {
            let length = head.len() + kept.data.len() + tail.len();
            let parts =
                [head, kept.data.clone(), Bytes::from(tail)].map(Ok::<_, std::convert::Infallible>);
            let mut http = Response::new(axum::body::Body::from_stream(
                futures_util::stream::iter(parts),
            ));
            http.headers_mut()
                .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
            http
        }
    };
    let headers = http.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/graphql-response+json"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    http
}

/// The answer to an expensive query that found no place.
pub(super) fn busy() -> async_graphql::Response {
    use async_graphql::ErrorExtensions;
    let error = crate::error::ApiError::Busy {
        retry_after_secs: 1,
    }
    .extend()
    .into_server_error(Default::default());
    async_graphql::Response::from_errors(vec![error])
}

/// The HTTP answer of an executed request: every error with a code, the cost in
/// `extensions.cost`, and the status and `Retry-After` of a request-level refusal.
pub(super) fn finish(mut response: async_graphql::Response, cost: u64) -> Response {
    for error in &mut response.errors {
        ensure_code(error);
    }
    response.extensions.insert(
        "cost".to_owned(),
        async_graphql::value!({ "requested": cost, "limit": cost::MAX_COST }),
    );
    let refused = (response.data == async_graphql::Value::Null)
        .then(|| response.errors.first())
        .flatten()
        .and_then(|e| {
            let ext = e.extensions.as_ref()?;
            let code = match ext.get("code")? {
                async_graphql::Value::String(code) => code.clone(),
                _ => return None,
            };
            let retry = match ext.get("retryAfterSecs") {
                Some(async_graphql::Value::Number(n)) => n.as_i64(),
                _ => None,
            };
            Some((code, retry))
        });
    let mut http = GraphQLResponse::from(response).into_response();
    if let Some((code, retry)) = refused {
        let status = match code.as_str() {
            "BAD_REQUEST" | "QUERY_TOO_COMPLEX" => StatusCode::BAD_REQUEST,
            "RATE_LIMITED" => StatusCode::TOO_MANY_REQUESTS,
            "BUSY" => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::OK,
        };
        *http.status_mut() = status;
        if let Some(v) = retry.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
            http.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    http
}

/// Gives an error raised by async-graphql itself (validation, a variable of the wrong type, an
/// unknown operation, its depth limit) the code it lacks.
pub(super) fn ensure_code(error: &mut async_graphql::ServerError) {
    let has_code = error
        .extensions
        .as_ref()
        .is_some_and(|ext| ext.get("code").is_some());
    if has_code {
        return;
    }
    let message = error.message.to_lowercase();
    let code = if message.contains("too deep")
        || message.contains("too complex")
        || message.contains("recursion depth")
        || message.contains("directives")
    {
        "QUERY_TOO_COMPLEX"
    } else {
        "BAD_REQUEST"
    };
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code);
}
