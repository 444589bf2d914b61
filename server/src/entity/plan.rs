//! A social inclusion plan of one city.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "plan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    pub city: String,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    pub period_from: i32,
    pub period_to: i32,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    /// Raised by every write to the plan's data, in the write's transaction: computed figures
    /// cached for an older revision are stale.
    pub revision: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
