//! One write: who, when, to which record, and the record before and after (JSON).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_record")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub plan_id: Option<i32>,
    pub user_id: Option<i32>,
    pub user_email: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// The table, e.g. `indicator_value`.
    pub entity: String,
    pub record_id: i32,
    /// `CREATE`, `UPDATE`, `PUBLISH`, `RESOLVE`, `DELETE`.
    pub action: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub before: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub after: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
