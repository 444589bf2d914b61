//! E-mail reminders of the monitoring cycle. Every reminder is a row of `reminder` written
//! *before* it is sent: the unique key (account, wave, kind, period) lets exactly one server
//! instance claim it (an insert that does nothing when the row exists), so none is sent twice.
//! The row keeps what was sent (address, subject, text, the items listed), its status
//! (`SENDING`, `SENT`, `FAILED`) and how many attempts it took; a failed one is retried a bounded
//! number of times. Accounts get a language for their mail (`cs` unless set to `en`).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::m20251123_000001_create_plan::{create, fk, index, table_auto_plain};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("user_account")
                .add_column(string("lang").default("cs"))
                .to_owned(),
        )
        .await?;
        let mut t = table_auto_plain("reminder");
        fk(&mut t, "account_id", "user_account", false);
        fk(&mut t, "wave_id", "monitoring_wave", false);
        // `OPENED`, `DUE_SOON`, `OVERDUE`, `DIGEST`; the period tells digests apart (the ISO
        // week, `2026-W51`), empty for the wave's own reminders.
        t.col(string("kind"))
            .col(string("period").default(""))
            .col(string("email"))
            .col(string("subject"))
            .col(text("body"))
            // The items listed, as JSON.
            .col(text("items"))
            .col(string("status"))
            .col(integer("attempts").default(1))
            .col(string("created_at"))
            .col(string("updated_at"))
            .col(string_null("sent_at"))
            .col(text_null("error"));
        create(m, t).await?;
        index(
            m,
            "reminder",
            &["account_id", "wave_id", "kind", "period"],
            true,
        )
        .await?;
        index(m, "reminder", &["status"], false).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("reminder").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("user_account")
                .drop_column("lang")
                .to_owned(),
        )
        .await
    }
}
