//! What tells a cache that data changed: every write raises its plan's `revision` in its
//! transaction (`store::write`), so these reads see any instance's writes.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
    Statement,
};

use crate::entity::plan;

/// The state of all plans' data: (plans, sum of revisions, largest plan id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataVersion(pub(crate) i64, pub(crate) i64, pub(crate) i64);

impl DataVersion {
    /// Reads the current data version.
    pub async fn read(db: &DatabaseConnection) -> Result<DataVersion, DbErr> {
        let sql = "SELECT CAST(COUNT(*) AS BIGINT), CAST(COALESCE(SUM(revision), 0) AS BIGINT), \
                   CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM plan";
        let row = db
            .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
            .await?
            .ok_or_else(|| DbErr::RecordNotFound("data version".to_owned()))?;
        Ok(DataVersion(
            row.try_get_by_index(0)?,
            row.try_get_by_index(1)?,
            row.try_get_by_index(2)?,
        ))
    }
}

/// The current revisions of `plan_ids`, in one statement.
pub async fn revisions(
    db: &DatabaseConnection,
    plan_ids: &[i32],
) -> Result<HashMap<i32, i64>, sea_orm::DbErr> {
    let rows: Vec<(i32, i64)> = plan::Entity::find()
        .select_only()
        .column(plan::Column::Id)
        .column(plan::Column::Revision)
        .filter(plan::Column::Id.is_in(plan_ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}
