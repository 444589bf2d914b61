//! Revisions of specific goals' targets ("Zvážení revize Plánu dle aktuálních potřeb", Tabulka 4
//! of Action Plan I): an impact indicator's target changed from a date, with the reason. The
//! plan's own target stays on the indicator with its source; each revision is a row of its own,
//! in force from its date until a later revision's, citing where it was decided (the entry
//! document and the reason as its locator). Versioned like every record people edit.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::m20251123_000001_create_plan::{create, fk, index, table_auto_plain};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = table_auto_plain("target_revision");
        fk(&mut t, "impact_indicator_id", "impact_indicator", false);
        t.col(string("valid_from"))
            .col(double_null("target_value"))
            .col(string_null("target_text"))
            .col(text("reason"));
        fk(&mut t, "document_id", "document", false);
        t.col(integer("version").default(1));
        create(m, t).await?;
        // One revision of an indicator's target per day: the one in force on a date is never
        // ambiguous.
        index(
            m,
            "target_revision",
            &["impact_indicator_id", "valid_from"],
            true,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("target_revision").to_owned())
            .await
    }
}
