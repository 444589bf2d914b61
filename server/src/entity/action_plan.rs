//! An action plan: a three-year slice of a plan, a draft until approved.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "action_plan")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub number: i32,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    pub period_from: i32,
    pub period_to: i32,
    pub document_id: i32,
    /// `DRAFT` while it is written (staff only), `APPROVED` once approved.
    pub state: String,
    /// The day it was approved (ISO 8601), when known.
    pub approved_on: Option<String>,
    /// The council's resolution that approved it, as text ("usnesení ZM č. 1234/ZM2226/20").
    pub resolution: Option<String>,
    /// Raised by every edit; an edit must name the version it read.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The state of an action plan being written.
pub const DRAFT: &str = "DRAFT";
/// The state of an approved action plan.
pub const APPROVED: &str = "APPROVED";
