//! `GET /kalendar.ics` (the Ostrava plan) and `GET /kalendar/{plan}.ics`: the plan's monitoring
//! waves and milestones as an iCalendar feed people subscribe to (`crate::calendar`). Public:
//! waves and the timeline are published data. Tagged by the plan's revision and the day (the
//! stamp is today's), so a calendar polling it gets `304` until something changes.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use crate::error::RequestError;

/// `GET /kalendar.ics`.
pub async fn default_plan(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    feed(&state, "ostrava", query.as_deref(), &headers)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

/// `GET /kalendar/{plan}.ics`.
pub async fn of_plan(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let Some(plan) = file.strip_suffix(".ics") else {
        return RequestError::NotFound.into_response();
    };
    feed(&state, plan, query.as_deref(), &headers)
        .await
        .unwrap_or_else(IntoResponse::into_response)
}

async fn feed(
    state: &AppState,
    plan: &str,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<Response, RequestError> {
    if query.is_some_and(|q| !q.is_empty()) {
        return Err(RequestError::BadRequest(
            "the calendar takes no query parameters".into(),
        ));
    }
    let plan_id = super::data::plan_by_slug(state, plan, "calendar").await?;
    let model = state
        .read
        .plan(plan_id, None)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "reading a plan for its calendar");
            RequestError::Internal
        })?
        .ok_or(RequestError::NotFound)?;
    let today = state.clock.today();
    let etag = format!(
        "\"{}-{}-{today}-kalendar\"",
        env!("CARGO_PKG_VERSION"),
        model.revision
    );
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let name = model
            .plan()
            .map_or_else(|| plan.to_owned(), |p| format!("{} – monitoring", p.name));
        let events = crate::calendar::events(&model, plan, &state.config.public_url());
        let body = crate::calendar::ics(&name, &events, today);
        (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "inline; filename=\"kalendar.ics\"",
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
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    Ok(response)
}
