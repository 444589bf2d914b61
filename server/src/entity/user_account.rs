//! An account: who may sign in, with which role.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "user_account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Lower-cased; unique.
    pub email: String,
    pub name: String,
    /// argon2id in PHC string format; never leaves the server.
    #[serde(skip)]
    pub password_hash: String,
    /// `shared::role::Role` by its stable name.
    pub role: String,
    pub active: bool,
    /// The language of the account's e-mail (`cs` or `en`; `shared::format::Lang::from_code`).
    pub lang: String,
    pub version: i32,
    pub created_at: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
