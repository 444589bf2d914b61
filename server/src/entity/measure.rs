//! A measure (1.1.1.1) with every field of its card.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "measure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub action_plan_id: i32,
    pub area_id: i32,
    pub strategic_goal_id: i32,
    pub specific_goal_id: i32,
    pub code: String,
    pub sort_key: String,
    pub code_as_written: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    #[sea_orm(column_type = "Text")]
    pub target_group: String,
    #[sea_orm(column_type = "Text")]
    pub responsible_body: String,
    pub schedule_text: String,
    pub schedule_from: Option<String>,
    pub schedule_to: Option<String>,
    pub estimated_cost_text: String,
    pub estimated_cost: Option<i64>,
    pub cost_approximate: bool,
    pub cost_see_measure: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub funding_text: String,
    #[sea_orm(column_type = "Text")]
    pub links_text: String,
    pub service_type: Option<String>,
    pub is_social_service: bool,
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
    /// The measure of an earlier action plan this one carries on; `None` for a new measure.
    pub origin_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
