//! An impact indicator of a specific goal (key or secondary).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "impact_indicator")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub specific_goal_id: i32,
    pub position: i32,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub report_name: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub is_key: bool,
    pub in_plan: bool,
    pub unit: String,
    pub target_value: Option<f64>,
    #[sea_orm(column_type = "Text", nullable)]
    pub target_text: Option<String>,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
