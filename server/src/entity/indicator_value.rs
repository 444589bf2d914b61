//! A value of an impact indicator at a monitoring date, with its source.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "indicator_value")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub impact_indicator_id: i32,
    pub ref_date: String,
    pub ref_label: String,
    pub value: Option<f64>,
    pub parts: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub value_text: String,
    pub published: bool,
    pub document_id: i32,
    pub locator: String,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
    /// A draft proposing a change to this published record; it takes the record's place when
    /// a coordinator publishes it.
    pub replaces_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
