//! A revision of an impact indicator's target: in force from `valid_from` until a later
//! revision's date; the plan's own target stays on the indicator.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "target_revision")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub impact_indicator_id: i32,
    /// The first day the revised target is in force (`2026-01-01`).
    pub valid_from: String,
    pub target_value: Option<f64>,
    #[sea_orm(nullable)]
    pub target_text: Option<String>,
    /// Why the target changed (the decision, as the coordinator words it).
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub document_id: i32,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
