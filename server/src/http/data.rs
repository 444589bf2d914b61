//! Open-data downloads (`/data/ostrava/opatreni.csv`, `….json`): a dataset of a plan's published
//! figures, made from the plan's read model (no statement when it is in memory), tagged with the
//! plan's revision so a repeated download is a `304`. An unknown plan, dataset or format is the
//! app's `404`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::error::RequestError;
use crate::opendata;

/// The formats a file name's extension asks for: its content type and the CSV delimiter.
fn format_of(ext: &str) -> Option<(&'static str, Option<u8>)> {
    match ext {
        "csv" => Some(("text/csv; charset=utf-8", Some(b','))),
        "json" => Some(("application/json", None)),
        _ => None,
    }
}

/// `GET /data/{plan}/{dataset}.{csv|json}`.
pub async fn dataset_file(
    State(state): State<AppState>,
    Path((plan, file)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match answer(&state, &plan, &file, &headers).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn answer(
    state: &AppState,
    plan: &str,
    file: &str,
    headers: &HeaderMap,
) -> Result<Response, RequestError> {
    let (slug, ext) = file.rsplit_once('.').ok_or(RequestError::NotFound)?;
    let dataset = opendata::find(slug).ok_or(RequestError::NotFound)?;
    let (content_type, delimiter) = format_of(ext).ok_or(RequestError::NotFound)?;
    // A slug is short ASCII; anything else is no plan (and is not looked up).
    if plan.len() > 64 || !plan.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(RequestError::NotFound);
    }
    let internal = |e: sea_orm::DbErr| {
        tracing::error!(error = %e, "reading a plan for open data");
        RequestError::Internal
    };
    let plan_id = state
        .read
        .plan_id(plan)
        .await
        .map_err(internal)?
        .ok_or(RequestError::NotFound)?;
    let model = state
        .read
        .plan(plan_id)
        .await
        .map_err(internal)?
        .ok_or(RequestError::NotFound)?;
    // The plan's revision names its data; the crate's version, how they are written.
    let etag = format!(
        "\"{}-{}-{}.{ext}\"",
        env!("CARGO_PKG_VERSION"),
        model.revision,
        dataset.slug
    );
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let rows = dataset.rows(&model);
        let body = match delimiter {
            Some(d) => opendata::csv(dataset, &rows, d).map_err(|e| {
                tracing::error!(error = %e, "writing a dataset as CSV");
                RequestError::Internal
            })?,
            None => opendata::json(dataset, &rows),
        };
        let file_name = format!("{plan}-{}.{ext}", dataset.slug);
        (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
                        .map_err(|_| RequestError::Internal)?,
                ),
            ],
            body,
        )
            .into_response()
    };
    let h = response.headers_mut();
    h.insert(
        header::ETAG,
        HeaderValue::from_str(&etag).map_err(|_| RequestError::Internal)?,
    );
    // The data change with any publication: always ask again, cheaply (a `304` on the tag).
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}
