//! One sourced value of one field of one subject: the provenance of a figure.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "statement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub subject_type: String,
    pub subject_code: String,
    pub field: String,
    #[sea_orm(column_type = "Text")]
    pub value_text: String,
    pub value_key: String,
    pub ref_date: Option<String>,
    pub document_id: i32,
    pub locator: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
