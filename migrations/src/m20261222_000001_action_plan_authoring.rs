//! Authoring the next action plan ("Zahájení tvorby Akčního plánu II", Tabulka 4 of Action
//! Plan I): an action plan is a `DRAFT` until a coordinator approves it (`APPROVED`, with the
//! day and the council's resolution as text); the plans loaded from the documents are approved.
//! Action plans are versioned like every record people edit.
//!
//! A measure may carry on a measure of an earlier action plan (`origin_id`); a measure code is
//! therefore unique within its action plan, not within the plan (Action Plan II continues
//! 2.1.3.4 under the same code). A measure an action plan ends instead of carrying on is a row
//! of `measure_ending` with the reason.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::m20251123_000001_create_plan::{create, fk, index, table_auto_plain};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Adds one column (SQLite alters one column per statement).
async fn add(m: &SchemaManager<'_>, table: &'static str, column: ColumnDef) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(table).add_column(column).to_owned())
        .await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add(m, "action_plan", string("state").default("APPROVED").take()).await?;
        add(m, "action_plan", string_null("approved_on").take()).await?;
        add(m, "action_plan", string_null("resolution").take()).await?;
        add(m, "action_plan", integer("version").default(1).take()).await?;
        add(m, "measure", integer_null("origin_id").take()).await?;
        // Plain SQL: the same statement on SQLite and PostgreSQL.
        m.get_connection()
            .execute_unprepared("DROP INDEX ix_measure_plan_id_code")
            .await?;
        index(m, "measure", &["action_plan_id", "code"], true).await?;
        // Codes are still looked up per plan; under a new name (SQLite's other pooled
        // connections may still see the dropped one).
        m.get_connection()
            .execute_unprepared("CREATE INDEX ix_measure_plan_code ON measure (plan_id, code)")
            .await?;
        index(m, "measure", &["origin_id"], false).await?;

        let mut t = table_auto_plain("measure_ending");
        fk(&mut t, "action_plan_id", "action_plan", false);
        fk(&mut t, "measure_id", "measure", false);
        t.col(text("reason")).col(integer("version").default(1));
        create(m, t).await?;
        index(m, "measure_ending", &["action_plan_id", "measure_id"], true).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("measure_ending").to_owned())
            .await
    }
}
