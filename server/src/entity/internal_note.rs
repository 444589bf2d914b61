//! A note on an area, goal or measure for signed-in staff only; never public.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "internal_note")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    /// `AREA`, `STRATEGIC_GOAL`, `SPECIFIC_GOAL` or `MEASURE`.
    pub subject_type: String,
    pub subject_code: String,
    #[sea_orm(column_type = "Text")]
    pub text: String,
    pub author_id: Option<i32>,
    pub author_name: String,
    pub created_at: String,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
