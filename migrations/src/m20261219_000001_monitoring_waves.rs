//! Monitoring waves: the half-yearly collections of the plan's data ("Sběr … vlny dat
//! monitoringu", Tabulka 4 of Action Plan I). A wave has a name, the date its values refer to
//! (when stated), the day collection opens and its deadline; each wave collects the values dated
//! after the previous wave's deadline up to its own. Waves are versioned and cite where they come
//! from (the plan's documents, or the entry document for waves created in the app).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::m20251123_000001_create_plan::{create, fk, index, table_auto_plain};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = table_auto_plain("monitoring_wave");
        fk(&mut t, "plan_id", "plan", false);
        t.col(string("name"))
            .col(string_null("as_of"))
            .col(string("opens_on"))
            .col(string("deadline"));
        fk(&mut t, "document_id", "document", false);
        t.col(string("locator")).col(integer("version").default(1));
        create(m, t).await?;
        // Waves are told apart by their deadlines: each collects up to its own.
        index(m, "monitoring_wave", &["plan_id", "deadline"], true).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("monitoring_wave").to_owned())
            .await
    }
}
