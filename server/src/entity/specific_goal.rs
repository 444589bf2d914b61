//! A specific goal with its target (1.1.1).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "specific_goal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub action_plan_id: i32,
    pub area_id: i32,
    pub strategic_goal_id: i32,
    pub code: String,
    pub sort_key: String,
    #[sea_orm(column_type = "Text")]
    pub target_text: String,
    #[sea_orm(column_type = "Text")]
    pub expected_impact: String,
    pub target_kind: String,
    pub due: Option<String>,
    pub declared_measures: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
