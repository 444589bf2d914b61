//! The report's headline positive changes ("Manažerské shrnutí"), one row per sentence, with
//! the document and place they come from; and the plan's revision, raised by every write, which
//! tells caches of computed figures that they are stale.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::m20251123_000001_create_plan::{create, fk, index, provenance, table_auto_plain};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = table_auto_plain("headline");
        fk(&mut t, "plan_id", "plan", false);
        t.col(integer("position"))
            .col(text("text"))
            .col(string_null("ref_date"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "headline", &["plan_id"], false).await?;
        m.alter_table(
            Table::alter()
                .table("plan")
                .add_column(big_integer("revision").default(0))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("plan")
                .drop_column("revision")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("headline").to_owned())
            .await
    }
}
