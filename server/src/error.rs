//! The one error type clients see.
//!
//! Every error a client gets carries a stable `code` in its GraphQL `extensions` (and in the JSON
//! body of plain routes): `NOT_FOUND`, `VALIDATION`, `UNAUTHENTICATED`, `FORBIDDEN`, `CONFLICT`,
//! `RATE_LIMITED`, `BUSY`, `INTERNAL`; and for requests refused before they run (see
//! [`RequestError`]) `BAD_REQUEST`, `PAYLOAD_TOO_LARGE`, `QUERY_TOO_COMPLEX`, `TIMEOUT`. Database errors are logged
//! with their detail and reach the client only as `INTERNAL` with a fixed message: no SQL, no
//! stack trace.

use async_graphql::ErrorExtensions;
use shared::format::Lang;

/// An error of the API, with a stable code.
///
/// It deliberately does not implement `Display`: async-graphql turns any `Display` error into a
/// message without a code, so the only way out is [`From<ApiError> for async_graphql::Error`],
/// which always sets `extensions.code`.
#[derive(Debug)]
pub enum ApiError {
    /// Nothing has this code or id. Shown as 404 on plain routes.
    NotFound(String),
    /// The input breaks a rule; `field` names the argument.
    Validation {
        field: &'static str,
        message: String,
    },
    /// Entered data break a rule of `shared::validate`; carries the field, the rule's code and
    /// a Czech and an English message.
    Invalid(shared::validate::ValidationError),
    /// The operation needs a signed-in user.
    Unauthenticated,
    /// Wrong e-mail or password (which one is not said).
    LoginFailed,
    /// The signed-in user's role does not allow it, or the request may be cross-site.
    Forbidden(&'static str),
    /// The record changed since the client read it; `current_version` is its version now.
    Conflict { current_version: i32 },
    /// Too many failed logins; try again after this many seconds.
    RateLimited { retry_after_secs: i64 },
    /// Too much expensive work at once (password checks, large queries); try again after this
    /// many seconds.
    Busy { retry_after_secs: i64 },
    /// Something failed inside the server; the detail is in the log only.
    Internal,
}

impl ApiError {
    /// The message clients see.
    pub fn message(&self) -> String {
        match self {
            ApiError::NotFound(what) => format!("{what} not found"),
            ApiError::Validation { field, message } => format!("invalid {field}: {message}"),
            ApiError::Invalid(e) => format!("invalid {}: {}", e.field, e.rule.message(Lang::En)),
            ApiError::Unauthenticated => "sign in first".to_owned(),
            ApiError::LoginFailed => "wrong e-mail or password".to_owned(),
            ApiError::Forbidden(why) => format!("forbidden: {why}"),
            ApiError::Conflict { current_version } => format!(
                "the record changed since you read it (it is at version {current_version} now); reload and try again"
            ),
            ApiError::RateLimited { retry_after_secs } => format!(
                "too many failed logins; try again in {} minutes",
                (retry_after_secs + 59) / 60
            ),
            ApiError::Busy { retry_after_secs } => {
                format!("the server is busy; try again in {retry_after_secs} seconds")
            }
            ApiError::Internal => "internal server error".to_owned(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::Validation { .. } | ApiError::Invalid(_) => "VALIDATION",
            ApiError::Unauthenticated | ApiError::LoginFailed => "UNAUTHENTICATED",
            ApiError::Forbidden(_) => "FORBIDDEN",
            ApiError::Conflict { .. } => "CONFLICT",
            ApiError::RateLimited { .. } => "RATE_LIMITED",
            ApiError::Busy { .. } => "BUSY",
            ApiError::Internal => "INTERNAL",
        }
    }

    pub fn not_found(what: impl Into<String>) -> ApiError {
        ApiError::NotFound(what.into())
    }

    pub fn validation(field: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::Validation {
            field,
            message: message.into(),
        }
    }
}

impl From<sea_orm::DbErr> for ApiError {
    fn from(e: sea_orm::DbErr) -> Self {
        tracing::error!(error = %e, "database error");
        ApiError::Internal
    }
}

impl From<std::sync::Arc<sea_orm::DbErr>> for ApiError {
    fn from(e: std::sync::Arc<sea_orm::DbErr>) -> Self {
        tracing::error!(error = %e, "database error");
        ApiError::Internal
    }
}

impl From<shared::validate::ValidationError> for ApiError {
    fn from(e: shared::validate::ValidationError) -> Self {
        ApiError::Invalid(e)
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.message()).extend_with(|_, e| {
            e.set("code", self.code());
            match self {
                ApiError::Validation { field, .. } => e.set("field", *field),
                ApiError::Invalid(v) => {
                    e.set("field", v.field.as_str());
                    e.set("rule", v.rule.code());
                    e.set("messageCs", v.rule.message(Lang::Cs));
                }
                ApiError::Conflict { current_version } => {
                    e.set("currentVersion", *current_version);
                }
                ApiError::RateLimited { retry_after_secs }
                | ApiError::Busy { retry_after_secs } => {
                    e.set("retryAfterSecs", *retry_after_secs);
                }
                _ => {}
            }
        })
    }
}

impl From<ApiError> for async_graphql::Error {
    fn from(e: ApiError) -> Self {
        e.extend()
    }
}

/// The result of a resolver.
pub type ApiResult<T> = Result<T, async_graphql::Error>;

/// A request refused before it reaches the schema, or cut off while it runs: answered as a
/// GraphQL error (`{"errors": [{"message", "extensions": {"code"}}]}`) with its HTTP status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// The body is not a GraphQL request in JSON, or the query does not parse.
    BadRequest(String),
    /// The body is larger than `--max-body-bytes`.
    PayloadTooLarge,
    /// The query costs or nests more than the limits (see `graphql::cost`).
    QueryTooComplex { message: String, cost: Option<u64> },
    /// The request ran longer than `--request-timeout-secs`.
    Timeout,
    /// Too much expensive work at once; try again after this many seconds.
    Busy { retry_after_secs: i64 },
    /// No such route.
    NotFound,
    /// The route exists but not with this method.
    MethodNotAllowed,
    /// A persisted query's hash that this server does not know: send the query text with it.
    PersistedQueryNotFound,
    /// Something failed inside the server; the detail is in the log only.
    Internal,
}

impl RequestError {
    pub fn code(&self) -> &'static str {
        match self {
            RequestError::BadRequest(_) => "BAD_REQUEST",
            RequestError::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            RequestError::QueryTooComplex { .. } => "QUERY_TOO_COMPLEX",
            RequestError::Timeout => "TIMEOUT",
            RequestError::Busy { .. } => "BUSY",
            RequestError::NotFound => "NOT_FOUND",
            RequestError::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            RequestError::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
            RequestError::Internal => "INTERNAL",
        }
    }

    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode as S;
        match self {
            RequestError::BadRequest(_) | RequestError::QueryTooComplex { .. } => S::BAD_REQUEST,
            RequestError::PayloadTooLarge => S::PAYLOAD_TOO_LARGE,
            RequestError::Timeout => S::GATEWAY_TIMEOUT,
            RequestError::Busy { .. } => S::SERVICE_UNAVAILABLE,
            RequestError::NotFound => S::NOT_FOUND,
            RequestError::MethodNotAllowed => S::METHOD_NOT_ALLOWED,
            // Apollo's clients expect it with 200, then send the text.
            RequestError::PersistedQueryNotFound => S::OK,
            RequestError::Internal => S::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message(&self) -> String {
        match self {
            RequestError::BadRequest(why) => why.clone(),
            RequestError::PayloadTooLarge => "the request body is too large".to_owned(),
            RequestError::QueryTooComplex { message, .. } => message.clone(),
            RequestError::Timeout => "the request took too long and was stopped".to_owned(),
            RequestError::Busy { retry_after_secs } => {
                format!("the server is busy; try again in {retry_after_secs} seconds")
            }
            RequestError::NotFound => "not found".to_owned(),
            RequestError::MethodNotAllowed => "method not allowed".to_owned(),
            // The message Apollo's clients look for.
            RequestError::PersistedQueryNotFound => "PersistedQueryNotFound".to_owned(),
            RequestError::Internal => "internal server error".to_owned(),
        }
    }

    /// The error a plain HTTP status stands for, when a layer answered with one.
    pub fn from_status(status: axum::http::StatusCode) -> Option<RequestError> {
        use axum::http::StatusCode as S;
        Some(match status {
            S::PAYLOAD_TOO_LARGE => RequestError::PayloadTooLarge,
            S::REQUEST_TIMEOUT | S::GATEWAY_TIMEOUT => RequestError::Timeout,
            S::NOT_FOUND => RequestError::NotFound,
            S::METHOD_NOT_ALLOWED => RequestError::MethodNotAllowed,
            S::SERVICE_UNAVAILABLE => RequestError::Busy {
                retry_after_secs: 1,
            },
            s if s.is_server_error() => RequestError::Internal,
            s if s.is_client_error() => {
                RequestError::BadRequest(s.canonical_reason().unwrap_or("bad request").to_owned())
            }
            _ => return None,
        })
    }

    /// The JSON body: one GraphQL error with the code (and the cost, or when to retry).
    pub fn body(&self) -> serde_json::Value {
        let mut extensions = serde_json::json!({ "code": self.code() });
        match self {
            RequestError::QueryTooComplex {
                cost: Some(cost), ..
            } => {
                extensions["cost"] = serde_json::json!({
                    "requested": cost,
                    "limit": crate::graphql::cost::MAX_COST,
                });
            }
            RequestError::Busy { retry_after_secs } => {
                extensions["retryAfterSecs"] = serde_json::json!(retry_after_secs);
            }
            _ => {}
        }
        serde_json::json!({ "errors": [{ "message": self.message(), "extensions": extensions }] })
    }
}

impl axum::response::IntoResponse for RequestError {
    fn into_response(self) -> axum::response::Response {
        let mut response = (
            self.status(),
            [(axum::http::header::CACHE_CONTROL, "no-store")],
            axum::Json(self.body()),
        )
            .into_response();
        if let RequestError::Busy { retry_after_secs } = self
            && let Ok(v) = axum::http::HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, v);
        }
        response
    }
}
