//! A monitoring wave of a plan: a collection of the plan's data with an opening day and a
//! deadline, collecting the values dated after the previous wave's deadline up to its own.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "monitoring_wave")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub name: String,
    /// The date the values refer to, when stated ("Data k 30. 4. 2024").
    pub as_of: Option<String>,
    pub opens_on: String,
    pub deadline: String,
    pub document_id: i32,
    pub locator: String,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
