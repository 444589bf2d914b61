//! Changes to published figures go through a coordinator.
//!
//! Indicator values, measure statuses and projects are published or drafts. An edit of a
//! *published* record that is not published at once (an implementer's, or a coordinator's who
//! leaves it for later) does not touch the record: it becomes a draft *beside* it that names it
//! in `replaces_id`, so the public keeps seeing the published figure. Publishing that draft
//! writes its content into the published record, which keeps its id, version line and history,
//! and removes the draft. The history of the published record shows both steps: `PROPOSE` by
//! whoever proposed the change, `PUBLISH` by the coordinator who published it.
//!
//! While a proposal is pending, it is what edits revise: another proposal for the same record,
//! or a coordinator's direct change of it, is a `CONFLICT` naming the pending one's version,
//! never a silent overwrite (publishing the proposal later would undo the direct change).

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, IdenStatic, IntoActiveModel, Iterable,
    ModelTrait, QueryFilter, Value,
};
use serde::Serialize;

use super::write::{Action, Versioned, Write};
use crate::db::write_error;
use crate::error::ApiError;

/// A record with a published state that takes proposals beside it.
pub trait Proposable: Versioned {
    const PUBLISHED: Self::Column;
    const REPLACES: Self::Column;
    fn published(model: &Self::Model) -> bool;
    fn replaces(model: &Self::Model) -> Option<i32>;
}

macro_rules! proposable {
    ($($entity:ident),* $(,)?) => {$(
        impl Proposable for crate::entity::$entity::Entity {
            const PUBLISHED: Self::Column = crate::entity::$entity::Column::Published;
            const REPLACES: Self::Column = crate::entity::$entity::Column::ReplacesId;
            fn published(model: &Self::Model) -> bool {
                model.published
            }
            fn replaces(model: &Self::Model) -> Option<i32> {
                model.replaces_id
            }
        }
    )*};
}

proposable!(indicator_value, measure_status, project);

/// What an edit of a recorded figure does, from whether the record is published and whether
/// the edit publishes at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// The record itself changes: it is a draft, or a coordinator publishes the change at once.
    InPlace,
    /// A draft whose published record waits for it: the change is written into that record.
    PublishProposal,
    /// The published record stays as it is; the change is a draft beside it.
    Propose,
}

/// The rule of [`EditKind`].
pub fn edit_kind(published: bool, replaces: Option<i32>, publish: bool) -> EditKind {
    match (published, replaces, publish) {
        (true, _, false) => EditKind::Propose,
        (false, Some(_), true) => EditKind::PublishProposal,
        _ => EditKind::InPlace,
    }
}

/// Is `column` one of those a proposal does not carry (identity, version, state)?
fn bookkeeping<E: Proposable>(column: E::Column) -> bool {
    [E::ID, E::VERSION, E::PUBLISHED, E::REPLACES]
        .iter()
        .any(|c| c.as_str() == column.as_str())
}

/// The pending proposal for the published record `id`, if any.
pub async fn pending<E: Proposable>(w: &Write<'_>, id: i32) -> Result<Option<E::Model>, ApiError> {
    E::find()
        .filter(E::REPLACES.eq(id))
        .one(&w.txn)
        .await
        .map_err(write_error)
}

/// Saves an edit (`fields`, every changed column set) of the recorded `target`, which the
/// client read at `version`, following [`edit_kind`]. Returns the record as the caller should
/// now see it: the changed record, the published record a proposal was written into, or the
/// new proposal.
pub async fn edit<E>(
    w: &Write<'_>,
    table: &str,
    target: &E::Model,
    version: i32,
    mut fields: E::ActiveModel,
    publish: bool,
) -> Result<E::Model, ApiError>
where
    E: Proposable,
    E::Model: Serialize + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    // While a proposal for a published record is pending, it is what edits revise: an edit of
    // the record itself (another proposal, or a coordinator's direct change that publishing
    // the proposal would silently undo) is a conflict.
    if E::published(target)
        && let Some(open) = pending::<E>(w, E::id_of(target)).await?
    {
        return Err(ApiError::Conflict {
            current_version: E::version_of(&open),
        });
    }
    match edit_kind(E::published(target), E::replaces(target), publish) {
        EditKind::InPlace => {
            fields.set(E::PUBLISHED, Value::from(publish || E::published(target)));
            revise::<E>(w, table, target, fields, version).await
        }
        EditKind::PublishProposal => {
            let id = E::id_of(target);
            let draft = revise::<E>(w, table, target, fields, version).await?;
            publish_draft::<E>(w, table, id, E::version_of(&draft)).await
        }
        EditKind::Propose => {
            let id = E::id_of(target);
            let proposal = w.insert(proposal_of::<E>(target, version, fields)?).await?;
            w.audit(table, id, Action::Propose, Some(target), Some(&proposal))
                .await?;
            Ok(proposal)
        }
    }
}

/// The draft proposing `fields` for the published `target`, which the client read at
/// `version` (else `CONFLICT`): the record's other columns carried over, version 1, naming it.
fn proposal_of<E>(
    target: &E::Model,
    version: i32,
    mut fields: E::ActiveModel,
) -> Result<E::ActiveModel, ApiError>
where
    E: Proposable,
    E::ActiveModel: ActiveModelTrait<Entity = E>,
{
    if version != E::version_of(target) {
        return Err(ApiError::Conflict {
            current_version: E::version_of(target),
        });
    }
    for column in E::Column::iter() {
        if fields.is_not_set(column) && !bookkeeping::<E>(column) {
            fields.set(column, target.get(column));
        }
    }
    fields.not_set(E::ID);
    fields.set(E::VERSION, Value::from(1));
    fields.set(E::PUBLISHED, Value::from(false));
    fields.set(E::REPLACES, Value::from(Some(E::id_of(target))));
    Ok(fields)
}

/// Updates `target` (the client read it at `version`) with its audit record. A proposal's
/// revisions are recorded in the history of the published record it would change, beside its
/// `PROPOSE` and `PUBLISH`, so that one history tells the whole change.
async fn revise<E>(
    w: &Write<'_>,
    table: &str,
    target: &E::Model,
    fields: E::ActiveModel,
    version: i32,
) -> Result<E::Model, ApiError>
where
    E: Proposable,
    E::Model: Serialize,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let record = E::replaces(target).unwrap_or(E::id_of(target));
    w.update_audited_as::<E>(table, Action::Update, record, target, fields, version)
        .await
}

/// Saves a record of a proposable kind: `existing` (the record read and the version the client
/// sent) is edited following [`edit_kind`] ([`edit`]); none is a new record, at version 1,
/// published only if `publish` ([`Write::create`]).
pub async fn save<E>(
    w: &Write<'_>,
    table: &str,
    existing: Option<(&E::Model, i32)>,
    mut fields: E::ActiveModel,
    publish: bool,
) -> Result<E::Model, ApiError>
where
    E: Proposable,
    E::Model: Serialize + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    match existing {
        Some((before, version)) => edit::<E>(w, table, before, version, fields, publish).await,
        None => {
            fields.set(E::PUBLISHED, Value::from(publish));
            fields.set(E::REPLACES, Value::from(None::<i32>));
            w.create::<E>(table, fields).await
        }
    }
}

/// Creates new records as drafts (none replacing a published one), many at once
/// ([`Write::create_many`]).
pub async fn create_drafts<E>(
    w: &Write<'_>,
    table: &str,
    mut fields: Vec<E::ActiveModel>,
) -> Result<Vec<E::Model>, ApiError>
where
    E: Proposable,
    E::Model: Serialize + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    for f in &mut fields {
        f.set(E::PUBLISHED, Value::from(false));
        f.set(E::REPLACES, Value::from(None::<i32>));
    }
    w.create_many::<E>(table, fields).await
}

/// Edits of many recorded figures at once, none publishing (an import's rows): each `(id,
/// version, fields)` follows [`edit`], but the records are read in a few statements and the
/// proposals beside published records — the usual case — are written together with their
/// `PROPOSE` audit records. A pending proposal for any of the records, or a record at another
/// version than the one named, is a `CONFLICT`.
pub async fn edit_many<E>(
    w: &Write<'_>,
    table: &str,
    edits: Vec<(i32, i32, E::ActiveModel)>,
) -> Result<(), ApiError>
where
    E: Proposable,
    E::Model: Serialize + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    let ids: Vec<i32> = edits.iter().map(|e| e.0).collect();
    let mut targets = std::collections::HashMap::new();
    for chunk in ids.chunks(Write::CHUNK) {
        let found = E::find()
            .filter(E::ID.is_in(chunk.to_vec()))
            .all(&w.txn)
            .await
            .map_err(write_error)?;
        targets.extend(found.into_iter().map(|m| (E::id_of(&m), m)));
        let open = E::find()
            .filter(E::REPLACES.is_in(chunk.to_vec()))
            .one(&w.txn)
            .await
            .map_err(write_error)?;
        if let Some(open) = open {
            return Err(ApiError::Conflict {
                current_version: E::version_of(&open),
            });
        }
    }
    let mut proposals = Vec::new();
    for (id, version, fields) in edits {
        let target = targets
            .get(&id)
            .ok_or_else(|| ApiError::not_found(format!("{table} {id}")))?;
        if edit_kind(E::published(target), E::replaces(target), false) != EditKind::Propose {
            edit::<E>(w, table, target, version, fields, false).await?;
            continue;
        }
        proposals.push(proposal_of::<E>(target, version, fields)?);
    }
    let written = w.insert_many::<E>(proposals).await?;
    let mut audits = Vec::with_capacity(written.len());
    for p in &written {
        let record = E::replaces(p).ok_or(ApiError::Internal)?;
        let before = targets.get(&record).ok_or(ApiError::Internal)?;
        audits.push(w.audit_row(table, record, Action::Propose, Some(before), Some(p))?);
    }
    w.audit_many(audits).await
}

/// Publishes the draft `id`, which the client read at `version`. A proposal's content is
/// written into the published record it replaces (which keeps its id and history) and the
/// proposal goes; a new record's draft is published in place. Returns the published record.
pub async fn publish_draft<E>(
    w: &Write<'_>,
    table: &str,
    id: i32,
    version: i32,
) -> Result<E::Model, ApiError>
where
    E: Proposable,
    E::Model: Serialize + IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
{
    let draft = w.find::<E>(id, table).await?;
    let Some(record_id) = E::replaces(&draft) else {
        let before = draft;
        let mut published = E::ActiveModel::default();
        published.set(E::PUBLISHED, Value::from(true));
        let after = w.update::<E>(published, id, version).await?;
        w.audit(table, id, Action::Publish, Some(&before), Some(&after))
            .await?;
        return Ok(after);
    };
    if E::version_of(&draft) != version {
        return Err(ApiError::Conflict {
            current_version: E::version_of(&draft),
        });
    }
    let record = w.find::<E>(record_id, table).await?;
    let mut content = E::ActiveModel::default();
    for column in E::Column::iter() {
        if !bookkeeping::<E>(column) {
            content.set(column, draft.get(column));
        }
    }
    let after = w
        .update::<E>(content, record_id, E::version_of(&record))
        .await?;
    E::delete_many()
        .filter(E::ID.eq(id))
        .exec(&w.txn)
        .await
        .map_err(write_error)?;
    w.audit(
        table,
        record_id,
        Action::Publish,
        Some(&record),
        Some(&after),
    )
    .await?;
    w.audit(table, id, Action::Delete, Some(&draft), None)
        .await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unpublished_edit_of_a_published_record_is_a_proposal() {
        assert_eq!(edit_kind(true, None, false), EditKind::Propose);
    }

    #[test]
    fn a_coordinator_publishing_at_once_changes_the_record() {
        assert_eq!(edit_kind(true, None, true), EditKind::InPlace);
    }

    #[test]
    fn drafts_are_revised_in_place_until_published() {
        assert_eq!(edit_kind(false, None, false), EditKind::InPlace);
        assert_eq!(edit_kind(false, Some(7), false), EditKind::InPlace);
        assert_eq!(edit_kind(false, None, true), EditKind::InPlace);
    }

    #[test]
    fn publishing_a_proposal_writes_it_into_its_record() {
        assert_eq!(edit_kind(false, Some(7), true), EditKind::PublishProposal);
    }
}
