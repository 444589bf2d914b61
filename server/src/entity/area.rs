//! A thematic area of a plan (1 Bydlení …).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "area")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub code: String,
    pub sort_key: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    pub name_en: String,
    #[sea_orm(column_type = "Text")]
    pub search_text: String,
    #[sea_orm(column_type = "Text")]
    pub target_group_intro: String,
    #[sea_orm(column_type = "Text")]
    pub target_group_outro: String,
    #[sea_orm(column_type = "Text")]
    pub structure_note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
