//! Queries and batch loads: the only place that builds SQL.
//!
//! Child rows are loaded with [`ByColumn`], a DataLoader that fetches the children of every
//! parent asked for in one `WHERE parent_id IN (…)` query; [`facts`] loads what the dashboards
//! aggregate (progress, status counts, money) for a whole plan in a fixed number of queries.

pub mod account;
pub mod action_plan;
pub mod carry_over;
pub mod entry;
pub mod facts;
pub mod lookup;
pub mod model;
pub mod proposal;
pub mod report;
pub mod scope;
pub mod staff;
pub mod target;
pub mod version;
pub mod wave;
pub mod write;

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, ModelTrait, QueryFilter,
    QueryOrder, Value,
};

/// Loads the rows of `E` whose `column` is one of the keys, grouped by that column, ordered by
/// `order`.
pub struct ByColumn<E: EntityTrait> {
    db: DatabaseConnection,
    column: E::Column,
    order: E::Column,
    /// What every row must also meet (the public's rows only: `model::InPlan::published`).
    only: Condition,
    _entity: PhantomData<fn() -> E>,
}

impl<E: EntityTrait> ByColumn<E> {
    /// Rows meeting `only` (`Condition::all()` for every row).
    pub fn new(
        db: DatabaseConnection,
        column: E::Column,
        order: E::Column,
        only: Condition,
    ) -> Self {
        ByColumn {
            db,
            column,
            order,
            only,
            _entity: PhantomData,
        }
    }
}

/// The integer a model holds in an id column.
pub fn int_of<M: ModelTrait>(model: &M, column: <M::Entity as EntityTrait>::Column) -> Option<i32> {
    match model.get(column) {
        Value::Int(v) => v,
        Value::BigInt(v) => v.and_then(|v| i32::try_from(v).ok()),
        _ => None,
    }
}

impl<E> Loader<i32> for ByColumn<E>
where
    E: EntityTrait + Send + Sync,
    E::Model: Clone + Send + Sync + 'static,
    E::Column: Send + Sync + 'static,
{
    /// Shared: the request's cache hands out the same rows to every resolver asking (a plan's
    /// hundreds of statements are not copied for each measure that looks through them).
    type Value = Arc<[E::Model]>;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[i32]) -> Result<HashMap<i32, Self::Value>, Self::Error> {
        let rows = E::find()
            .filter(self.column.is_in(keys.iter().copied()))
            .filter(self.only.clone())
            .order_by_asc(self.order)
            .all(&self.db)
            .await
            .map_err(Arc::new)?;
        // Every key gets an entry, an empty one when it has no rows, so the request's cache
        // answers a repeated key without another statement.
        let mut out: HashMap<i32, Vec<E::Model>> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for row in rows {
            if let Some(key) = int_of(&row, self.column) {
                out.entry(key).or_default().push(row);
            }
        }
        Ok(out.into_iter().map(|(k, rows)| (k, rows.into())).collect())
    }
}
