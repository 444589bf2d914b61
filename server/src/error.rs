//! The one error type clients see.
//!
//! Every error a client gets carries a stable `code` in its GraphQL `extensions` (and in the JSON
//! body of plain routes): `NOT_FOUND`, `VALIDATION`, `INTERNAL`, … Database errors are logged
//! with their detail and reach the client only as `INTERNAL` with a fixed message: no SQL, no
//! stack trace.

use async_graphql::ErrorExtensions;

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
    /// Something failed inside the server; the detail is in the log only.
    Internal,
}

impl ApiError {
    /// The message clients see.
    pub fn message(&self) -> String {
        match self {
            ApiError::NotFound(what) => format!("{what} not found"),
            ApiError::Validation { field, message } => format!("invalid {field}: {message}"),
            ApiError::Internal => "internal server error".to_owned(),
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::Validation { .. } => "VALIDATION",
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

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.message()).extend_with(|_, e| {
            e.set("code", self.code());
            if let ApiError::Validation { field, .. } = self {
                e.set("field", *field);
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
