//! The one error type clients see.
//!
//! Every error a client gets carries a stable `code` in its GraphQL `extensions` (and in the JSON
//! body of plain routes): `NOT_FOUND`, `VALIDATION`, `UNAUTHENTICATED`, `FORBIDDEN`, `CONFLICT`,
//! `RATE_LIMITED`, `INTERNAL`. Database errors are logged
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
                ApiError::RateLimited { retry_after_secs } => {
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
