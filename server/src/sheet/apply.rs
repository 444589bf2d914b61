//! Storing a confirmed preview's changes: every row as a draft, in the caller's one [`Write`],
//! each with its audit record. A row with nothing stored at the wave's date yet is a new draft
//! (all of them inserted together, a few statements for thousands of rows); a row revising a
//! stored record goes through `store::proposal::edit_many` (a proposal beside a published
//! record, written together too; a draft changed in place), where a record changed since the
//! preview is a `CONFLICT` and the transaction stores nothing.

use sea_orm::Set;

use super::import::Change;
use super::{Entry, Key, StatusEntry, Target};
use crate::entity::*;
use crate::error::ApiError;
use crate::store::write::Write;
use crate::store::{self, proposal};

/// Stores `changes` of a wave's sheet as drafts; returns how many records were written.
pub async fn apply(
    w: &Write<'_>,
    plan_id: i32,
    target: &Target,
    changes: &[Change],
) -> Result<usize, ApiError> {
    if changes.is_empty() {
        return Ok(0);
    }
    let document_id = store::entry::entry_document(&w.txn, plan_id)
        .await
        .map_err(ApiError::from)?;
    let note = format!("Tabulka vlny „{}“", target.wave.name);
    let date = target.ref_date;
    let value = |v: f64| store::entry::value_columns(v, date, &note, document_id);
    let status = |organisation: Option<i32>, s: &StatusEntry| {
        store::entry::status_columns(
            organisation,
            s.status,
            s.activity,
            date,
            (s.from, s.to),
            document_id,
        )
    };
    let (mut new_values, mut new_statuses) = (Vec::new(), Vec::new());
    let (mut changed_values, mut changed_statuses) = (Vec::new(), Vec::new());
    for c in changes {
        match (c.key, &c.entry, c.revises) {
            (Key::Indicator(indicator), Entry::Value(v), None) => {
                let mut fields = value(*v);
                fields.impact_indicator_id = Set(indicator);
                fields.ref_date = Set(date.to_string());
                fields.parts = Set(None);
                new_values.push(fields);
            }
            (Key::Indicator(_), Entry::Value(v), Some((id, version))) => {
                changed_values.push((id, version, value(*v)));
            }
            (
                Key::Status {
                    measure,
                    organisation,
                },
                Entry::Status(s),
                None,
            ) => {
                let mut fields = status(organisation, s);
                fields.measure_id = Set(measure);
                fields.position = Set(0);
                new_statuses.push(fields);
            }
            (Key::Status { organisation, .. }, Entry::Status(s), Some((id, version))) => {
                changed_statuses.push((id, version, status(organisation, s)));
            }
            // The preview makes a value for an indicator and a status for a measure only.
            _ => return Err(ApiError::Internal),
        }
    }
    proposal::edit_many::<indicator_value::Entity>(w, "indicator_value", changed_values).await?;
    proposal::edit_many::<measure_status::Entity>(w, "measure_status", changed_statuses).await?;
    proposal::create_drafts::<indicator_value::Entity>(w, "indicator_value", new_values).await?;
    proposal::create_drafts::<measure_status::Entity>(w, "measure_status", new_statuses).await?;
    Ok(changes.len())
}
