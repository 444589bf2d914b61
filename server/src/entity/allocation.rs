//! A KPSV+ allocation planned for a measure (Tabulka 6).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "allocation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub measure_id: i32,
    pub amount: i64,
    pub amount_text: String,
    pub bracketed: bool,
    pub programme: String,
    pub priority: String,
    pub programme_goal: String,
    pub document_id: i32,
    pub locator: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
