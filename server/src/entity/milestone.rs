//! A milestone of an action plan's implementation timeline.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "milestone")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub action_plan_id: i32,
    pub position: i32,
    pub period_text: String,
    pub period_from: String,
    pub period_to: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub document_id: i32,
    pub locator: String,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
