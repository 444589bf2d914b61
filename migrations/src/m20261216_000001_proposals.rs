//! Changes to published figures are proposals: a draft row *beside* the published one names it
//! in `replaces_id` and takes its place only when a coordinator publishes it. Projects get the
//! draft/publish life that values and statuses have (every project recorded so far is
//! published). A project's registration number stays unique among the records that stand on
//! their own; a proposal repeats the number of the project it would change.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::m20251123_000001_create_plan::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose published rows an implementer may propose to change.
const TABLES: [&str; 3] = ["indicator_value", "measure_status", "project"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(integer_null("replaces_id"))
                    .to_owned(),
            )
            .await?;
            index(m, table, &["replaces_id"], false).await?;
        }
        m.alter_table(
            Table::alter()
                .table("project")
                .add_column(boolean("published").default(true))
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("ix_project_registration_number")
                .table("project")
                .to_owned(),
        )
        .await?;
        // Partial unique index: the same statement on SQLite and PostgreSQL.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_project_registration_number \
                 ON project (registration_number) WHERE replaces_id IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared("DELETE FROM project WHERE replaces_id IS NOT NULL")
            .await?;
        m.drop_index(
            Index::drop()
                .name("ux_project_registration_number")
                .table("project")
                .to_owned(),
        )
        .await?;
        index(m, "project", &["registration_number"], true).await?;
        m.alter_table(
            Table::alter()
                .table("project")
                .drop_column("published")
                .to_owned(),
        )
        .await?;
        for table in TABLES {
            m.drop_index(
                Index::drop()
                    .name(format!("ix_{table}_replaces_id"))
                    .table(table)
                    .to_owned(),
            )
            .await?;
            m.get_connection()
                .execute_unprepared(&format!(
                    "DELETE FROM {table} WHERE replaces_id IS NOT NULL"
                ))
                .await?;
            m.alter_table(
                Table::alter()
                    .table(table)
                    .drop_column("replaces_id")
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
