//! Failed logins name the e-mail address they were for, so an admin can forget every failure
//! of one account (`unlockLogin`) whatever client address it came from.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::m20251123_000001_create_plan::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("login_failure")
                .add_column(string_null("email"))
                .to_owned(),
        )
        .await?;
        index(m, "login_failure", &["email"], false).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_login_failure_email")
                .table("login_failure")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("login_failure")
                .drop_column("email")
                .to_owned(),
        )
        .await
    }
}
