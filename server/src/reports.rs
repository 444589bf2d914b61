//! Making a report's files: the snapshot of the published data (the `report` crate's document
//! run anonymously on a query-only schema, so it can only ever see what the public sees) and
//! the typesetting, off the async workers and one report at a time.

use std::collections::BTreeMap;
use std::sync::Arc;

use async_graphql::{EmptyMutation, EmptySubscription, Schema, Variables};
use sea_orm::{DatabaseConnection, EntityTrait};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::Date;
use shared::format::Lang;
use shared::report::Section;
use tokio::sync::Semaphore;

use crate::auth::RequestAuth;
use crate::entity::{action_plan, plan, report as report_row};
use crate::error::ApiError;
use crate::graphql::Query;

/// The read-only schema snapshots are taken through.
pub type ReaderSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// What an issued report froze: the snapshot document's data and the narratives by key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Frozen {
    pub data: serde_json::Value,
    pub narratives: BTreeMap<String, String>,
}

/// A rendered file.
pub struct File {
    /// `PDF` or `DOCX`.
    pub format: &'static str,
    pub bytes: Vec<u8>,
    /// Hex SHA-256 of `bytes`.
    pub sha256: String,
}

/// Takes snapshots and renders reports.
#[derive(Clone)]
pub struct Reports {
    reader: ReaderSchema,
    /// One report typeset at a time: it takes a core and tens of megabytes for a second.
    render: Arc<Semaphore>,
}

impl Reports {
    pub fn new(reader: ReaderSchema) -> Reports {
        Reports {
            reader,
            render: Arc::new(Semaphore::new(1)),
        }
    }

    /// The published data report `r` evaluates now — its plan, with the measures of its action
    /// plan — as the snapshot document reads them anonymously.
    pub async fn snapshot(
        &self,
        db: &DatabaseConnection,
        r: &report_row::Model,
    ) -> Result<serde_json::Value, ApiError> {
        let plan_id = r.plan_id;
        let slug = plan::Entity::find_by_id(plan_id)
            .one(db)
            .await?
            .ok_or_else(|| ApiError::not_found(format!("plan {plan_id}")))?
            .slug;
        let action_plan = action_plan_number(db, r).await?;
        let request = async_graphql::Request::new(report::SNAPSHOT_QUERY).variables(
            Variables::from_json(serde_json::json!({ "plan": slug, "actionPlan": action_plan })),
        );
        let response =
            crate::graphql::execute(&self.reader, db, RequestAuth::default(), request).await;
        if !response.errors.is_empty() {
            tracing::error!(errors = ?response.errors, "the report snapshot query failed");
            return Err(ApiError::Internal);
        }
        response.data.into_json().map_err(|e| {
            tracing::error!(error = %e, "the report snapshot is not JSON");
            ApiError::Internal
        })
    }

    /// Renders report `r` from `frozen`; `issued` is the issue date (`None`: a draft's preview).
    pub async fn render(
        &self,
        r: &report_row::Model,
        action_plan: i32,
        frozen: &Frozen,
        issued: Option<Date>,
    ) -> Result<Vec<File>, ApiError> {
        let (snapshot, meta, narratives) = inputs(r, action_plan, frozen, issued)?;
        let ident = format!("psz-report-{}", r.id);
        let date = issued.unwrap_or(meta.cutoff);
        let _turn = self
            .render
            .acquire()
            .await
            .map_err(|_| ApiError::Internal)?;
        tokio::task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            let view = report::assemble(&snapshot, &meta, &narratives).map_err(|e| {
                tracing::error!(error = %e, "a report cannot be assembled");
                ApiError::Internal
            })?;
            let assembled = started.elapsed();
            let pdf = report::pdf::render(&view, &ident, date).map_err(|e| {
                tracing::error!(error = %e, "a report cannot be typeset");
                ApiError::Internal
            })?;
            let typeset = started.elapsed();
            let docx = report::docx::render(&view).map_err(|e| {
                tracing::error!(error = %e, "a report cannot be written as DOCX");
                ApiError::Internal
            })?;
            let written = started.elapsed();
            // Each part's time, in the log (and for benchmarks).
            tracing::info!(
                report = %ident,
                assemble_ms = assembled.as_millis() as u64,
                pdf_ms = (typeset - assembled).as_millis() as u64,
                docx_ms = (written - typeset).as_millis() as u64,
                pdf_bytes = pdf.len(),
                docx_bytes = docx.len(),
                "report rendered"
            );
            Ok(vec![file("PDF", pdf), file("DOCX", docx)])
        })
        .await
        .map_err(|_| ApiError::Internal)?
    }

    /// The report as it prints now, for the app's preview and editor: a draft from the
    /// published data now and its narratives as saved (`saved` when the caller already read
    /// them), an issued report from what it froze.
    pub async fn view(
        &self,
        db: &DatabaseConnection,
        r: &report_row::Model,
        saved: Option<&[crate::entity::report_narrative::Model]>,
    ) -> Result<report::view::Report, ApiError> {
        let issued = r
            .issued_at
            .as_deref()
            .and_then(|t| t.get(..10))
            .and_then(|t| t.parse::<Date>().ok());
        let frozen = match (&r.snapshot, issued) {
            (Some(stored), Some(_)) => serde_json::from_str::<Frozen>(stored).map_err(|e| {
                tracing::error!(report = r.id, error = %e, "a stored report snapshot is not readable");
                ApiError::Internal
            })?,
            _ => Frozen {
                data: self.snapshot(db, r).await?,
                narratives: match saved {
                    Some(saved) => saved
                        .iter()
                        .map(|n| (n.section.clone(), n.text.clone()))
                        .collect(),
                    None => crate::store::report::narratives(db, r.id)
                        .await?
                        .into_iter()
                        .map(|n| (n.section, n.text))
                        .collect(),
                },
            },
        };
        let action_plan = action_plan_number(db, r).await?;
        let (snapshot, meta, narratives) = inputs(r, action_plan, &frozen, issued)?;
        report::assemble(&snapshot, &meta, &narratives).map_err(|e| {
            tracing::error!(report = r.id, error = %e, "a report cannot be assembled");
            ApiError::Internal
        })
    }
}

fn file(format: &'static str, bytes: Vec<u8>) -> File {
    let sha256 = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    File {
        format,
        bytes,
        sha256,
    }
}

/// The report crate's inputs from a report row and what it froze.
fn inputs(
    r: &report_row::Model,
    action_plan: i32,
    frozen: &Frozen,
    issued: Option<Date>,
) -> Result<(report::input::Snapshot, report::Meta, report::Narratives), ApiError> {
    let bad = |what: &str| {
        tracing::error!(report = r.id, what, "a stored report is not readable");
        ApiError::Internal
    };
    let snapshot: report::input::Snapshot =
        serde_json::from_value(frozen.data.clone()).map_err(|e| {
            tracing::error!(error = %e, "the report snapshot does not fit report::input");
            ApiError::Internal
        })?;
    let meta = report::Meta {
        number: r.number,
        title: r.title.clone(),
        action_plan,
        period_from: r.period_from.parse().map_err(|_| bad("period_from"))?,
        period_to: r.period_to.parse().map_err(|_| bad("period_to"))?,
        cutoff: r.cutoff.parse().map_err(|_| bad("cutoff"))?,
        issued,
        lang: Lang::from_code(&r.lang).unwrap_or_default(),
    };
    let narratives = frozen
        .narratives
        .iter()
        .filter_map(|(k, v)| Some((k.parse::<Section>().ok()?, v.clone())))
        .collect();
    Ok((snapshot, meta, narratives))
}

/// The action plan number of a report row (for `Meta`), read from the database.
pub async fn action_plan_number(
    db: &DatabaseConnection,
    r: &report_row::Model,
) -> Result<i32, ApiError> {
    Ok(action_plan::Entity::find_by_id(r.action_plan_id)
        .one(db)
        .await?
        .map(|a| a.number)
        .unwrap_or(1))
}
