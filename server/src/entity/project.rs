//! An EU project funding a measure (registration number, call, budget).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "project")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub measure_id: i32,
    pub organisation_id: i32,
    pub registration_number: String,
    pub call: String,
    pub call_number: i32,
    pub programme: String,
    pub budget: i64,
    pub budget_text: String,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub document_id: i32,
    pub locator: String,
    /// Seen by the public; a draft awaits a coordinator.
    pub published: bool,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
    /// A draft proposing a change to this published record; it takes the record's place when
    /// a coordinator publishes it.
    pub replaces_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
