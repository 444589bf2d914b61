//! A rendered file of an issued report, stored so every download is the same bytes.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_file")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub report_id: i32,
    /// `PDF` or `DOCX`.
    pub format: String,
    #[sea_orm(column_type = "Blob")]
    pub content: Vec<u8>,
    /// Hex SHA-256 of `content`: the download's entity tag.
    pub sha256: String,
    pub size: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
