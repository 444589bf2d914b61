//! Loading a plan's transcribed data into the database.
//!
//! On start the server loads the Ostrava plan if the database holds no plan yet
//! ([`load_if_empty`]). `format` reads the TOML files, `build` turns them into rows (pure, no
//! database), and [`insert`] writes all rows of a plan in one transaction: a plan is loaded whole
//! or not at all.

pub mod build;
pub mod format;

use sea_orm::sea_query::{Expr, Func, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, TransactionTrait,
};

pub use build::{IdAlloc, Seed, build};
pub use format::PlanFiles;

use crate::entity::*;

/// Why a plan could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("the data files cannot be read: {0}")]
    Format(String),
    #[error("the data files have {} problem(s):\n{}", .0.len(), .0.join("\n"))]
    Data(Vec<String>),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}

/// Loads the Ostrava plan if the database holds no plan. Returns whether it loaded.
pub async fn load_if_empty(db: &DatabaseConnection) -> Result<bool, SeedError> {
    if plan::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let files = PlanFiles::ostrava().map_err(SeedError::Format)?;
    load(db, &files).await?;
    Ok(true)
}

/// Adds the monitoring waves the documents show to the Ostrava plan of a database loaded before
/// waves existed (one an earlier version made): only when that plan has none, citing the
/// plan's own copy of the documents. Returns how many it added.
pub async fn add_missing_waves(db: &DatabaseConnection) -> Result<usize, SeedError> {
    let files = PlanFiles::ostrava().map_err(SeedError::Format)?;
    let Some(plan) = plan::Entity::find()
        .filter(plan::Column::Slug.eq(&files.plan.plan.slug))
        .one(db)
        .await?
    else {
        return Ok(0);
    };
    let has_waves = monitoring_wave::Entity::find()
        .filter(monitoring_wave::Column::PlanId.eq(plan.id))
        .count(db)
        .await?
        > 0;
    if has_waves {
        return Ok(0);
    }
    let txn = db.begin().await?;
    let mut ids = next_ids(&txn).await?;
    let seed = build(&files, &mut ids).map_err(SeedError::Data)?;
    let documents = document::Entity::find()
        .filter(document::Column::PlanId.eq(plan.id))
        .all(&txn)
        .await?;
    let mut waves = Vec::new();
    for mut w in seed.waves {
        let key = seed.documents.iter().find(|d| d.id == w.document_id);
        let Some(doc) = key.and_then(|k| documents.iter().find(|d| d.key == k.key)) else {
            // The plan was not loaded from these documents: its waves are its coordinators'.
            return Ok(0);
        };
        w.plan_id = plan.id;
        w.document_id = doc.id;
        waves.push(w);
    }
    let added = waves.len();
    if let Err(e) = insert_all(&txn, waves).await {
        // Another instance starting beside this one added them first (the deadlines are
        // unique per plan): nothing left to add.
        drop(txn);
        let now = monitoring_wave::Entity::find()
            .filter(monitoring_wave::Column::PlanId.eq(plan.id))
            .count(db)
            .await?;
        return if now > 0 { Ok(0) } else { Err(e.into()) };
    }
    crate::store::version::raise(&txn, plan.id, &[]).await?;
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared(
            "SELECT setval(pg_get_serial_sequence('monitoring_wave', 'id'), COALESCE((SELECT MAX(id) FROM monitoring_wave), 0) + 1, false)",
        )
        .await?;
    }
    txn.commit().await?;
    Ok(added)
}

/// Builds and inserts one plan next to whatever the database already holds.
pub async fn load(db: &DatabaseConnection, files: &PlanFiles) -> Result<(), SeedError> {
    let txn = db.begin().await?;
    let mut ids = next_ids(&txn).await?;
    let seed = build(files, &mut ids).map_err(SeedError::Data)?;
    insert(&txn, seed).await?;
    txn.commit().await?;
    Ok(())
}

/// Every table a plan writes to, parents first.
pub const TABLES: [&str; 27] = [
    "plan",
    "document",
    "action_plan",
    "area",
    "target_group",
    "strategic_goal",
    "specific_goal",
    "impact_indicator",
    "indicator_value",
    "summary",
    "measure",
    "output_indicator",
    "measure_funding",
    "measure_link",
    "organisation",
    "project",
    "allocation",
    "measure_status",
    "global_indicator",
    "global_indicator_value",
    "context_indicator",
    "milestone",
    "monitoring_wave",
    "risk",
    "statement",
    "conflict",
    "headline",
];

/// The largest id of every table, so new rows continue after them.
pub async fn next_ids(db: &impl ConnectionTrait) -> Result<IdAlloc, sea_orm::DbErr> {
    let mut ids = IdAlloc::default();
    for table in TABLES {
        let stmt = Query::select()
            .expr(Func::max(Expr::col("id")))
            .from(table)
            .to_owned();
        let row = db.query_one(&stmt).await?;
        let max: Option<i32> = match row {
            Some(r) => r.try_get_by_index(0)?,
            None => None,
        };
        ids.0.insert(table, max.unwrap_or(0));
    }
    Ok(ids)
}

/// Rows per INSERT: well below SQLite's limit of bound variables.
const CHUNK: usize = 200;

async fn insert_all<C, M, A>(db: &C, rows: Vec<M>) -> Result<(), sea_orm::DbErr>
where
    C: ConnectionTrait,
    M: IntoActiveModel<A>,
    A: sea_orm::ActiveModelTrait,
{
    let mut rows = rows
        .into_iter()
        .map(IntoActiveModel::into_active_model)
        .peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Writes a built plan. Ids are given explicitly; on PostgreSQL the id sequences are moved past
/// them afterwards so later inserts get fresh ids.
pub async fn insert(db: &impl ConnectionTrait, s: Seed) -> Result<(), sea_orm::DbErr> {
    insert_all(db, s.plan).await?;
    insert_all(db, s.documents).await?;
    insert_all(db, s.action_plans).await?;
    insert_all(db, s.areas).await?;
    insert_all(db, s.target_groups).await?;
    insert_all(db, s.strategic_goals).await?;
    insert_all(db, s.specific_goals).await?;
    insert_all(db, s.indicators).await?;
    insert_all(db, s.indicator_values).await?;
    insert_all(db, s.summaries).await?;
    insert_all(db, s.measures).await?;
    insert_all(db, s.output_indicators).await?;
    insert_all(db, s.fundings).await?;
    insert_all(db, s.links).await?;
    insert_all(db, s.organisations).await?;
    insert_all(db, s.projects).await?;
    insert_all(db, s.allocations).await?;
    insert_all(db, s.statuses).await?;
    insert_all(db, s.global_indicators).await?;
    insert_all(db, s.global_values).await?;
    insert_all(db, s.contexts).await?;
    insert_all(db, s.milestones).await?;
    insert_all(db, s.waves).await?;
    insert_all(db, s.risks).await?;
    insert_all(db, s.statements).await?;
    insert_all(db, s.conflicts).await?;
    insert_all(db, s.headlines).await?;
    if db.get_database_backend() == DatabaseBackend::Postgres {
        for table in TABLES {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)"
            ))
            .await?;
        }
    }
    Ok(())
}
