//! A failed (or not yet finished) login, by `pair:…`, `ip:…` and `email:…` key, for rate
//! limiting across server instances.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_failure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub key: String,
    /// Unix seconds.
    pub at: i64,
    /// The e-mail address the attempt was for (none on rows of a client address).
    pub email: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
