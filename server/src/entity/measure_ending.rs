//! A measure of an earlier action plan that a later one ends instead of carrying on, and why.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "measure_ending")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The later action plan.
    pub action_plan_id: i32,
    /// The earlier action plan's measure it ends.
    pub measure_id: i32,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
