//! A subject and field on which sources disagree.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "conflict")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub subject_type: String,
    pub subject_code: String,
    pub field: String,
    pub severity: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub resolved_statement_id: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub resolution_reason: Option<String>,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
