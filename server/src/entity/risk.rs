//! A risk of an action plan with probability, impact and mitigation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "risk")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub action_plan_id: i32,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    pub probability: i32,
    pub impact: i32,
    pub significance: i32,
    #[sea_orm(column_type = "Text")]
    pub mitigation: String,
    pub document_id: i32,
    pub locator: String,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
