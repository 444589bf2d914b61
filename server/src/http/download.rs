//! Downloads of issued reports (`/zpravy/3.pdf`): the stored bytes, the same on every
//! download, with their SHA-256 as the entity tag. A draft or an unknown report is `404`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::{EntityTrait, QuerySelect};

use super::AppState;
use crate::entity::report;
use crate::error::RequestError;
use crate::store::report::{self as store, ISSUED};

/// The format a file name's extension asks for, and its content type.
fn format_of(ext: &str) -> Option<(&'static str, &'static str)> {
    match ext {
        "pdf" => Some(("PDF", "application/pdf")),
        "docx" => Some((
            "DOCX",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )),
        _ => None,
    }
}

/// `GET /zpravy/{id}.{pdf|docx}`.
pub async fn report_file(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    match answer(&state, &name, &headers).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn answer(
    state: &AppState,
    name: &str,
    headers: &HeaderMap,
) -> Result<Response, RequestError> {
    let (id, ext) = name.rsplit_once('.').ok_or(RequestError::NotFound)?;
    let (format, content_type) = format_of(ext).ok_or(RequestError::NotFound)?;
    let id: i32 = id.parse().map_err(|_| RequestError::NotFound)?;
    let found: Option<(String, i32, String)> = report::Entity::find_by_id(id)
        .select_only()
        .columns([
            report::Column::State,
            report::Column::Number,
            report::Column::Lang,
        ])
        .into_tuple()
        .one(&state.db)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading a report");
            RequestError::Internal
        })?;
    let Some((report_state, number, lang)) = found.filter(|(s, _, _)| s == ISSUED) else {
        return Err(RequestError::NotFound);
    };
    let file = store::file(&state.db, id, format)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading a report's file");
            RequestError::Internal
        })?
        .ok_or(RequestError::NotFound)?;
    debug_assert_eq!(report_state, ISSUED);
    let etag = format!("\"{}\"", file.sha256);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let suffix = if lang == "cs" {
        String::new()
    } else {
        format!("-{lang}")
    };
    let file_name = format!("zprava-o-naplnovani-{number}{suffix}.{ext}");
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
                        .map_err(|_| RequestError::Internal)?,
                ),
            ],
            file.content,
        )
            .into_response()
    };
    let h = response.headers_mut();
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(|_| RequestError::Internal)?,
    );
    // An issued report's file never changes under its address.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
