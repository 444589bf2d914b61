//! Accounts and what entering data needs: users with a role, the plans a coordinator
//! coordinates and the organisations an implementer reports for, sessions stored server-side,
//! failed logins (for rate limiting), the audit trail, internal notes, and a `version` on every
//! record that can be edited (optimistic concurrency).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::m20251123_000001_create_plan::{create, fk, index, table_auto_plain};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Tables whose rows can be edited through the API, each gaining `version`.
const VERSIONED: [&str; 12] = [
    "measure",
    "specific_goal",
    "impact_indicator",
    "indicator_value",
    "summary",
    "measure_status",
    "project",
    "global_indicator",
    "global_indicator_value",
    "milestone",
    "risk",
    "conflict",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        create(
            m,
            table_auto_plain("user_account")
                .col(string_uniq("email"))
                .col(string("name"))
                .col(string("password_hash"))
                .col(string("role"))
                .col(boolean("active"))
                .col(integer("version").default(1))
                .col(string("created_at"))
                .to_owned(),
        )
        .await?;

        let mut t = table_auto_plain("user_plan");
        fk(&mut t, "user_id", "user_account", false);
        fk(&mut t, "plan_id", "plan", false);
        create(m, t).await?;
        index(m, "user_plan", &["user_id", "plan_id"], true).await?;

        let mut t = table_auto_plain("user_organisation");
        fk(&mut t, "user_id", "user_account", false);
        fk(&mut t, "organisation_id", "organisation", false);
        create(m, t).await?;
        index(
            m,
            "user_organisation",
            &["user_id", "organisation_id"],
            true,
        )
        .await?;

        // A session is known by the SHA-256 of its token; the token itself is only in the cookie.
        let mut t = table_auto_plain("session");
        t.col(string_uniq("token_hash"));
        fk(&mut t, "user_id", "user_account", false);
        t.col(string("csrf_token"))
            .col(big_integer("created_at"))
            .col(big_integer("last_seen"))
            .col(big_integer("expires_at"));
        create(m, t).await?;
        index(m, "session", &["user_id"], false).await?;

        create(
            m,
            table_auto_plain("login_failure")
                .col(string("key"))
                .col(big_integer("at"))
                .to_owned(),
        )
        .await?;
        index(m, "login_failure", &["key", "at"], false).await?;

        // Who changed what: kept when the user or the plan goes (their ids become NULL).
        let mut t = table_auto_plain("audit_record");
        fk(&mut t, "plan_id", "plan", true);
        fk(&mut t, "user_id", "user_account", true);
        t.col(string("user_email"))
            .col(string("at"))
            .col(string("entity"))
            .col(integer("record_id"))
            .col(string("action"))
            .col(text_null("before"))
            .col(text_null("after"));
        create(m, t).await?;
        index(m, "audit_record", &["entity", "record_id"], false).await?;
        index(m, "audit_record", &["plan_id"], false).await?;

        let mut t = table_auto_plain("internal_note");
        fk(&mut t, "plan_id", "plan", false);
        t.col(string("subject_type"))
            .col(string("subject_code"))
            .col(text("text"));
        fk(&mut t, "author_id", "user_account", true);
        t.col(string("author_name"))
            .col(string("created_at"))
            .col(integer("version").default(1));
        create(m, t).await?;
        index(
            m,
            "internal_note",
            &["plan_id", "subject_type", "subject_code"],
            false,
        )
        .await?;

        // SQLite alters one column per statement.
        for table in VERSIONED {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .add_column(integer("version").default(1))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in VERSIONED {
            m.alter_table(
                Table::alter()
                    .table(table)
                    .drop_column("version")
                    .to_owned(),
            )
            .await?;
        }
        for table in [
            "internal_note",
            "audit_record",
            "login_failure",
            "session",
            "user_organisation",
            "user_plan",
            "user_account",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
