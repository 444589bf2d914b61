//! An e-mail reminder of the monitoring cycle, written before it is sent: the unique key
//! (account, wave, kind, period) is the claim that lets one server instance alone send it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminder")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub account_id: i32,
    pub wave_id: i32,
    /// `reminders::Kind` by its stable name (`OPENED`, `DUE_SOON`, `OVERDUE`, `DIGEST`).
    pub kind: String,
    /// The ISO week of a digest (`2026-W51`); empty for a wave's own reminders.
    pub period: String,
    /// The address it went to, its subject and plain text, as sent.
    pub email: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// The items listed (JSON).
    #[sea_orm(column_type = "Text")]
    pub items: String,
    /// `SENDING` (claimed), `SENT`, `FAILED`.
    pub status: String,
    pub attempts: i32,
    pub created_at: String,
    pub updated_at: String,
    pub sent_at: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
