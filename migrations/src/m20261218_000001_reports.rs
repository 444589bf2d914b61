//! Yearly implementation reports ("Zpráva o naplňování Plánu"): a report of a plan and action
//! plan with its period and data cut-off, drafted (narratives per section, versioned) and then
//! issued once. Issuing freezes the snapshot of the published data and stores the rendered files,
//! so an issued report is the same bytes on every download and after every restart.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::m20251123_000001_create_plan::{create, fk, index, table_auto_plain};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = table_auto_plain("report");
        fk(&mut t, "plan_id", "plan", false);
        fk(&mut t, "action_plan_id", "action_plan", false);
        t.col(integer("number"))
            .col(string("title"))
            // `cs` or `en`: the language the report is made in.
            .col(string("lang"))
            .col(string("period_from"))
            .col(string("period_to"))
            .col(string("cutoff"))
            // `DRAFT` or `ISSUED`.
            .col(string("state"))
            .col(string("created_at"))
            .col(string_null("issued_at"))
            .col(string_null("issued_by"))
            // The frozen input of an issued report (JSON: snapshot, narratives, meta).
            .col(text_null("snapshot"))
            .col(integer("version").default(1));
        create(m, t).await?;
        index(m, "report", &["plan_id", "number", "lang"], true).await?;

        let mut t = table_auto_plain("report_narrative");
        fk(&mut t, "report_id", "report", false);
        t.col(string("section"))
            .col(text("text"))
            .col(integer("version").default(1));
        create(m, t).await?;
        index(m, "report_narrative", &["report_id", "section"], true).await?;

        let mut t = table_auto_plain("report_file");
        fk(&mut t, "report_id", "report", false);
        // `PDF` or `DOCX`.
        t.col(string("format"))
            .col(blob("content"))
            .col(string("sha256"))
            .col(big_integer("size"));
        create(m, t).await?;
        index(m, "report_file", &["report_id", "format"], true).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["report_file", "report_narrative", "report"] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
