//! The write path: every change runs in one transaction that also writes its audit record and
//! raises the plan's revision, and every update of an edited record checks the version the
//! client read (optimistic concurrency).
//!
//! ```text
//! let w = Write::begin(db, versions, actor, Some(plan_id)).await?;
//! let after = w.update::<measure::Entity>(active, id, version).await?;
//! w.audit("measure", id, Action::Update, Some(&before), Some(&after)).await?;
//! w.commit().await?;
//! ```
//! Dropping a `Write` without `commit` rolls everything back, so a rejected write stores
//! nothing.
//!
//! Writes take turns ([`crate::db::begin_write`]): a `Write` holds the writer's turn from
//! `begin` until it is committed or dropped, so concurrent writers queue instead of failing
//! with "database is locked", and the loser of a race reads the winner's version and gets
//! `CONFLICT`. Database errors of a write are mapped by [`crate::db::write_error`]
//! (contention `BUSY`, a unique index `VALIDATION`), never `INTERNAL` for contention.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};
use serde::Serialize;

use crate::auth::Actor;
use crate::db::{WRITE_LOCK, WriteTxn, WriterTurn, begin_write, write_error};
use crate::entity::audit_record;
use crate::error::ApiError;
use crate::store::version::{self, Changed, Versions};

/// What a write did to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Publish,
    Resolve,
    Delete,
    /// Failed logins of an account forgotten by an admin.
    Unlock,
    /// A change to a published record, recorded as a draft beside it (`store::proposal`).
    Propose,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "CREATE",
            Action::Update => "UPDATE",
            Action::Publish => "PUBLISH",
            Action::Resolve => "RESOLVE",
            Action::Delete => "DELETE",
            Action::Unlock => "UNLOCK",
            Action::Propose => "PROPOSE",
        }
    }
}

/// An entity whose rows carry `id` and `version` columns.
pub trait Versioned: EntityTrait {
    const ID: Self::Column;
    const VERSION: Self::Column;
    fn version_of(model: &Self::Model) -> i32;
    fn id_of(model: &Self::Model) -> i32;
}

macro_rules! versioned {
    ($($entity:ident),* $(,)?) => {$(
        impl Versioned for crate::entity::$entity::Entity {
            const ID: Self::Column = crate::entity::$entity::Column::Id;
            const VERSION: Self::Column = crate::entity::$entity::Column::Version;
            fn version_of(model: &Self::Model) -> i32 {
                model.version
            }
            fn id_of(model: &Self::Model) -> i32 {
                model.id
            }
        }
    )*};
}

versioned!(
    action_plan,
    measure_ending,
    measure,
    specific_goal,
    impact_indicator,
    target_revision,
    indicator_value,
    summary,
    measure_status,
    project,
    global_indicator,
    global_indicator_value,
    milestone,
    monitoring_wave,
    risk,
    conflict,
    user_account,
    internal_note,
    report,
    report_narrative,
);

/// RFC 3339 time of now, UTC, to the second.
pub fn timestamp() -> String {
    let secs = crate::auth::session::now();
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// One write in progress.
pub struct Write<'a> {
    pub txn: DatabaseTransaction,
    actor: &'a Actor,
    plan_id: Option<i32>,
    versions: &'a Versions,
    at: String,
    /// The records this write changed, as its audit records name them (for the live updates:
    /// `store::version::Revised`).
    changes: std::sync::Mutex<Vec<Changed>>,
    /// Whether every change is the staff's alone (writing a draft action plan).
    internal: std::sync::atomic::AtomicBool,
    /// Declared after `txn`: dropped (the turn passed on) only after the rollback is queued.
    _turn: WriterTurn,
}

impl<'a> Write<'a> {
    /// Opens the transaction of a write by `actor` to `plan_id` (none for accounts).
    pub async fn begin(
        db: &DatabaseConnection,
        versions: &'a Versions,
        actor: &'a Actor,
        plan_id: Option<i32>,
    ) -> Result<Write<'a>, ApiError> {
        let WriteTxn { txn, turn } = begin_write(db, WRITE_LOCK).await?;
        Ok(Write {
            txn,
            actor,
            plan_id,
            versions,
            at: timestamp(),
            changes: std::sync::Mutex::default(),
            internal: std::sync::atomic::AtomicBool::new(false),
            _turn: turn,
        })
    }

    /// Marks every change of this write as the staff's alone, whatever [`is_public`] says of
    /// it: rows of a draft action plan (the public is not told of them, not even that
    /// something changed).
    pub fn internal(&self) {
        self.internal
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// The row `id` of `E`, or `NOT_FOUND`.
    pub async fn find<E: Versioned>(&self, id: i32, what: &str) -> Result<E::Model, ApiError> {
        E::find()
            .filter(E::ID.eq(id))
            .one(&self.txn)
            .await
            .map_err(write_error)?
            .ok_or_else(|| ApiError::not_found(format!("{what} {id}")))
    }

    /// Writes the `Set` fields of `active` to row `id` if its version is still `version`, and
    /// raises the version; `CONFLICT` (with the current version) when someone else wrote first.
    pub async fn update<E>(
        &self,
        active: E::ActiveModel,
        id: i32,
        version: i32,
    ) -> Result<E::Model, ApiError>
    where
        E: Versioned,
        E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
    {
        let done = E::update_many()
            .set(active)
            .col_expr(E::VERSION, Expr::col(E::VERSION).add(1))
            .filter(E::ID.eq(id))
            .filter(E::VERSION.eq(version))
            .exec(&self.txn)
            .await
            .map_err(write_error)?;
        let now = E::find()
            .filter(E::ID.eq(id))
            .one(&self.txn)
            .await
            .map_err(write_error)?;
        match now {
            Some(row) if done.rows_affected == 1 => Ok(row),
            Some(row) => Err(ApiError::Conflict {
                current_version: E::version_of(&row),
            }),
            None => Err(ApiError::not_found(format!("record {id}"))),
        }
    }

    /// [`Write::update`] of the row `before` and its audit record (`action`, before → after)
    /// in one step: what every edit of a versioned record does.
    pub async fn update_audited<E>(
        &self,
        table: &str,
        action: Action,
        before: &E::Model,
        active: E::ActiveModel,
        version: i32,
    ) -> Result<E::Model, ApiError>
    where
        E: Versioned,
        E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
        E::Model: Serialize,
    {
        self.update_audited_as::<E>(table, action, E::id_of(before), before, active, version)
            .await
    }

    /// [`Write::update_audited`] with the audit record filed under `record` (a proposal's
    /// revisions go into the history of the published record it would change).
    pub async fn update_audited_as<E>(
        &self,
        table: &str,
        action: Action,
        record: i32,
        before: &E::Model,
        active: E::ActiveModel,
        version: i32,
    ) -> Result<E::Model, ApiError>
    where
        E: Versioned,
        E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
        E::Model: Serialize,
    {
        let after = self.update::<E>(active, E::id_of(before), version).await?;
        self.audit(table, record, action, Some(before), Some(&after))
            .await?;
        Ok(after)
    }

    /// Inserts a new versioned record at version 1 and its audit record (`CREATE`).
    pub async fn create<E>(
        &self,
        table: &str,
        mut active: E::ActiveModel,
    ) -> Result<E::Model, ApiError>
    where
        E: Versioned,
        E::ActiveModel: ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior + Send,
        E::Model: IntoActiveModel<E::ActiveModel> + Serialize,
    {
        active.set(E::VERSION, 1.into());
        let after = self.insert(active).await?;
        self.audit(table, E::id_of(&after), Action::Create, None, Some(&after))
            .await?;
        Ok(after)
    }

    /// Creates many records at version 1 with their audit records, in a few statements
    /// ([`Write::insert_many`]): a spreadsheet's thousands of new values do not cost a round
    /// trip each. Every model must set the same columns.
    pub async fn create_many<E>(
        &self,
        table: &str,
        actives: Vec<E::ActiveModel>,
    ) -> Result<Vec<E::Model>, ApiError>
    where
        E: Versioned,
        E::ActiveModel: ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior + Send,
        E::Model: IntoActiveModel<E::ActiveModel> + Serialize,
    {
        let actives = actives
            .into_iter()
            .map(|mut a| {
                a.set(E::VERSION, 1.into());
                a
            })
            .collect();
        let created = self.insert_many::<E>(actives).await?;
        let audits = created
            .iter()
            .map(|after| self.audit_row(table, E::id_of(after), Action::Create, None, Some(after)))
            .collect::<Result<Vec<_>, _>>()?;
        self.audit_many(audits).await?;
        Ok(created)
    }

    /// Inserts many rows, [`Write::CHUNK`] per statement, and returns them (in no promised
    /// order). Every model must set the same columns.
    pub async fn insert_many<E>(
        &self,
        actives: Vec<E::ActiveModel>,
    ) -> Result<Vec<E::Model>, ApiError>
    where
        E: EntityTrait,
        E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
        E::Model: IntoActiveModel<E::ActiveModel>,
    {
        let mut out = Vec::with_capacity(actives.len());
        let mut actives = actives.into_iter().peekable();
        while actives.peek().is_some() {
            let chunk: Vec<E::ActiveModel> = actives.by_ref().take(Self::CHUNK).collect();
            out.extend(
                E::insert_many(chunk)
                    .exec_with_returning(&self.txn)
                    .await
                    .map_err(write_error)?,
            );
        }
        Ok(out)
    }

    /// Writes many audit records, [`Write::CHUNK`] per statement.
    pub async fn audit_many(&self, rows: Vec<audit_record::ActiveModel>) -> Result<(), ApiError> {
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let chunk: Vec<audit_record::ActiveModel> = rows.by_ref().take(Self::CHUNK).collect();
            audit_record::Entity::insert_many(chunk)
                .exec_without_returning(&self.txn)
                .await
                .map_err(write_error)?;
        }
        Ok(())
    }

    /// Rows per statement of [`Write::insert_many`]: a record of up to 30 columns is 30,000
    /// bound values (PostgreSQL allows 65,535, SQLite 32,766). Each statement costs ~10 ms on
    /// PostgreSQL whatever its size (`benches/sheet.rs`), so few large ones.
    pub const CHUNK: usize = 1000;

    /// Saves a versioned record: `existing` (the record read and the version the client sent)
    /// is updated ([`Write::update_audited`]), none is created ([`Write::create`]); either way
    /// with its audit record.
    pub async fn save_versioned<E>(
        &self,
        table: &str,
        existing: Option<(&E::Model, i32)>,
        active: E::ActiveModel,
    ) -> Result<E::Model, ApiError>
    where
        E: Versioned,
        E::ActiveModel: ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior + Send,
        E::Model: IntoActiveModel<E::ActiveModel> + Serialize,
    {
        match existing {
            Some((before, version)) => {
                self.update_audited::<E>(table, Action::Update, before, active, version)
                    .await
            }
            None => self.create::<E>(table, active).await,
        }
    }

    /// Deletes the row `before` if its version is still `version`, with its audit record
    /// (`DELETE`, before → nothing); `CONFLICT` (with the current version) when someone else
    /// wrote first.
    pub async fn delete_audited<E>(
        &self,
        table: &str,
        before: &E::Model,
        version: i32,
    ) -> Result<(), ApiError>
    where
        E: Versioned,
        E::Model: Serialize,
    {
        let id = E::id_of(before);
        let done = E::delete_many()
            .filter(E::ID.eq(id))
            .filter(E::VERSION.eq(version))
            .exec(&self.txn)
            .await
            .map_err(write_error)?;
        if done.rows_affected != 1 {
            let now = self.find::<E>(id, table).await?;
            return Err(ApiError::Conflict {
                current_version: E::version_of(&now),
            });
        }
        self.audit(table, id, Action::Delete, Some(before), None::<&E::Model>)
            .await
    }

    /// Inserts a new row.
    pub async fn insert<A>(&self, active: A) -> Result<<A::Entity as EntityTrait>::Model, ApiError>
    where
        A: ActiveModelTrait + sea_orm::ActiveModelBehavior + Send,
        <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    {
        active.insert(&self.txn).await.map_err(write_error)
    }

    /// Records who did what to which record, with the record before and after.
    pub async fn audit<T: Serialize>(
        &self,
        entity: &str,
        record_id: i32,
        action: Action,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<(), ApiError> {
        self.audit_row(entity, record_id, action, before, after)?
            .insert(&self.txn)
            .await
            .map_err(write_error)?;
        Ok(())
    }

    /// The audit record of an action, not yet written.
    pub fn audit_row<T: Serialize>(
        &self,
        entity: &str,
        record_id: i32,
        action: Action,
        before: Option<&T>,
        after: Option<&T>,
    ) -> Result<audit_record::ActiveModel, ApiError> {
        let value = |v: Option<&T>| -> Result<Option<serde_json::Value>, ApiError> {
            v.map(|v| {
                serde_json::to_value(v).map_err(|e| {
                    tracing::error!(error = %e, "cannot serialise an audit record");
                    ApiError::Internal
                })
            })
            .transpose()
        };
        let (before, after) = (value(before)?, value(after)?);
        self.changes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(Changed {
                entity: entity.to_owned(),
                id: record_id,
                public: !self.internal.load(std::sync::atomic::Ordering::Relaxed)
                    && is_public(entity, action, before.as_ref(), after.as_ref()),
            });
        let json = |v: Option<serde_json::Value>| v.map(|v| v.to_string());
        Ok(audit_record::ActiveModel {
            plan_id: Set(self.plan_id),
            user_id: Set(Some(self.actor.user_id)),
            user_email: Set(self.actor.email.clone()),
            at: Set(self.at.clone()),
            entity: Set(entity.to_owned()),
            record_id: Set(record_id),
            action: Set(action.as_str().to_owned()),
            before: Set(json(before)),
            after: Set(json(after)),
            ..Default::default()
        })
    }

    /// Raises the plan's revision (so cached figures and responses go stale) and commits.
    /// This process's caches learn the new revision as the commit returns; other instances
    /// hear it from the database (`store::version`).
    pub async fn commit(self) -> Result<(), ApiError> {
        let changes = Changed::capped(std::mem::take(
            &mut *self
                .changes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        ));
        let raised = match self.plan_id {
            Some(plan_id) => Some((
                plan_id,
                version::raise(&self.txn, plan_id, &changes)
                    .await
                    .map_err(write_error)?,
            )),
            None => None,
        };
        self.txn.commit().await.map_err(write_error)?;
        match raised {
            Some((plan_id, revision)) => {
                self.versions
                    .committed_with(plan_id, revision, Some(changes));
            }
            None => self.versions.accounts_changed(),
        }
        Ok(())
    }
}

/// Tables whose rows the public never sees.
const INTERNAL: [&str; 4] = [
    "internal_note",
    "user_account",
    "session",
    "report_narrative",
];

/// Whether an audited change is to data the public sees: not an internal table, not a
/// proposal beside a published record, no draft before or after (publishing a draft is seen:
/// the published record's audit shows it published after), a report only once issued, an
/// action plan only once approved.
/// When in doubt, not public: a change the public misses is re-read with the next one, a
/// draft announced to the public would leak.
pub fn is_public(
    entity: &str,
    action: Action,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> bool {
    let draft = |v: Option<&serde_json::Value>| {
        v.and_then(|v| v.get("published"))
            .is_some_and(|p| p == &serde_json::Value::Bool(false))
    };
    let issued = |v: Option<&serde_json::Value>| {
        v.and_then(|v| v.get("state"))
            .and_then(serde_json::Value::as_str)
            == Some(crate::store::report::ISSUED)
    };
    if INTERNAL.contains(&entity) || action == Action::Propose || action == Action::Unlock {
        return false;
    }
    if entity == "report" {
        return issued(after);
    }
    // An action plan is the public's once approved (approving it is seen).
    if entity == "action_plan" {
        return after
            .and_then(|v| v.get("state"))
            .and_then(serde_json::Value::as_str)
            == Some(crate::entity::action_plan::APPROVED);
    }
    match action {
        // A published record's content written into it from its draft.
        Action::Publish => !draft(after),
        _ => !draft(before) && !draft(after) && (before.is_some() || after.is_some()),
    }
}

#[cfg(test)]
mod public_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_action_plan_is_public_once_approved() {
        let draft = json!({"id": 2, "state": "DRAFT", "number": 2});
        let approved = json!({"id": 2, "state": "APPROVED", "number": 2});
        assert!(!is_public(
            "action_plan",
            Action::Create,
            None,
            Some(&draft)
        ));
        assert!(!is_public(
            "action_plan",
            Action::Update,
            Some(&draft),
            Some(&draft)
        ));
        assert!(is_public(
            "action_plan",
            Action::Update,
            Some(&draft),
            Some(&approved)
        ));
    }

    #[test]
    fn drafts_proposals_notes_and_unissued_reports_are_not_public() {
        let published = json!({"id": 1, "published": true, "value": 3});
        let draft = json!({"id": 2, "published": false, "value": 4});
        let plain = json!({"id": 3, "name": "x"});
        let yes = |e, a, b: Option<&serde_json::Value>, c: Option<&serde_json::Value>| {
            is_public(e, a, b, c)
        };
        assert!(yes(
            "indicator_value",
            Action::Update,
            Some(&published),
            Some(&published)
        ));
        assert!(yes(
            "indicator_value",
            Action::Create,
            None,
            Some(&published)
        ));
        assert!(!yes("indicator_value", Action::Create, None, Some(&draft)));
        assert!(!yes(
            "indicator_value",
            Action::Update,
            Some(&draft),
            Some(&draft)
        ));
        assert!(!yes("indicator_value", Action::Delete, Some(&draft), None));
        assert!(!yes(
            "indicator_value",
            Action::Propose,
            Some(&published),
            Some(&draft)
        ));
        assert!(yes(
            "indicator_value",
            Action::Publish,
            Some(&draft),
            Some(&published)
        ));
        assert!(yes("measure", Action::Update, Some(&plain), Some(&plain)));
        assert!(yes("risk", Action::Delete, Some(&plain), None));
        assert!(!yes("internal_note", Action::Create, None, Some(&plain)));
        assert!(!yes(
            "report_narrative",
            Action::Update,
            Some(&plain),
            Some(&plain)
        ));
        let (drafted, issued) = (json!({"state": "DRAFT"}), json!({"state": "ISSUED"}));
        assert!(!yes("report", Action::Create, None, Some(&drafted)));
        assert!(yes("report", Action::Update, Some(&drafted), Some(&issued)));
    }
}
