//! A yearly implementation report: a draft while coordinators write it, then issued once with
//! its snapshot frozen.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: i32,
    pub action_plan_id: i32,
    pub number: i32,
    pub title: String,
    /// `cs` or `en`.
    pub lang: String,
    pub period_from: String,
    pub period_to: String,
    pub cutoff: String,
    /// `DRAFT` or `ISSUED`.
    pub state: String,
    pub created_at: String,
    pub issued_at: Option<String>,
    pub issued_by: Option<String>,
    /// The frozen input of an issued report (JSON); never sent in audit records.
    #[sea_orm(column_type = "Text")]
    #[serde(skip)]
    pub snapshot: Option<String>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
