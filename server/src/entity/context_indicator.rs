//! A context figure of the city's social department.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "context_indicator")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub position: i32,
    pub year: i32,
    pub group_name: String,
    #[sea_orm(column_type = "Text")]
    pub label: String,
    pub value: Option<f64>,
    #[sea_orm(column_type = "Text")]
    pub value_text: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    pub document_id: i32,
    pub locator: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
