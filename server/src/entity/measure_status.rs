//! A measure's status at a report date, as a report row prints it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "measure_status")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub measure_id: i32,
    pub organisation_id: Option<i32>,
    pub ref_date: String,
    pub position: i32,
    pub status: String,
    pub status_text: String,
    pub reports: Option<i32>,
    pub reports_of: Option<i32>,
    pub activity: String,
    pub service: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub implementer_text: Option<String>,
    pub period_text: Option<String>,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub code_as_written: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub name_as_written: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub footnote: Option<String>,
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
