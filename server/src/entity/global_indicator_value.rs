//! A value of a global indicator for a period, city and region.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "global_indicator_value")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub global_indicator_id: i32,
    pub position: i32,
    pub column_label: String,
    pub is_baseline: bool,
    pub period: Option<String>,
    pub area_text: Option<String>,
    pub year: Option<i32>,
    pub value: Option<f64>,
    #[sea_orm(column_type = "Text")]
    pub value_text: String,
    pub region_value: Option<f64>,
    pub region_value_text: Option<String>,
    pub rank: Option<String>,
    pub document_id: i32,
    pub locator: String,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
