//! Storing a confirmed preview's changes: every row as a draft (a new record, or a proposal
//! beside a published one — `store::proposal::save`), in the caller's one [`Write`], each with
//! its audit record. A record changed since the preview is a `CONFLICT` and the transaction
//! stores nothing.

use sea_orm::Set;

use super::import::Change;
use super::{Entry, Key, Target};
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
    for c in changes {
        match (c.key, c.entry) {
            (Key::Indicator(indicator), Entry::Value(v)) => {
                let mut fields = store::entry::value_columns(v, date, &note, document_id);
                let before = match c.revises {
                    Some((id, version)) => Some((
                        w.find::<indicator_value::Entity>(id, "indicator value")
                            .await?,
                        version,
                    )),
                    None => {
                        fields.impact_indicator_id = Set(indicator);
                        fields.ref_date = Set(date.to_string());
                        fields.parts = Set(None);
                        None
                    }
                };
                proposal::save::<indicator_value::Entity>(
                    w,
                    "indicator_value",
                    before.as_ref().map(|(b, v)| (b, *v)),
                    fields,
                    false,
                )
                .await?;
            }
            (
                Key::Status {
                    measure,
                    organisation,
                },
                Entry::Status(s),
            ) => {
                let mut fields = store::entry::status_columns(
                    organisation,
                    s.status,
                    s.activity,
                    date,
                    (s.from, s.to),
                    document_id,
                );
                let before = match c.revises {
                    Some((id, version)) => Some((
                        w.find::<measure_status::Entity>(id, "status").await?,
                        version,
                    )),
                    None => {
                        fields.measure_id = Set(measure);
                        fields.position = Set(0);
                        None
                    }
                };
                proposal::save::<measure_status::Entity>(
                    w,
                    "measure_status",
                    before.as_ref().map(|(b, v)| (b, *v)),
                    fields,
                    false,
                )
                .await?;
            }
            // The preview makes a value for an indicator and a status for a measure only.
            _ => return Err(ApiError::Internal),
        }
    }
    Ok(changes.len())
}
