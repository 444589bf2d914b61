//! What progress needs of an indicator's published values, kept by the database itself:
//! `indicator_latest` holds per indicator with a published value the date of its latest published
//! value and the date and number of its latest published value with a number, and its plan (a
//! specific goal never changes plans). A cross-plan
//! aggregate then reads one row per indicator instead of every value of every monitoring date
//! (on 200 synthetic plans, 48,000 rows instead of 576,000).
//!
//! Triggers on `indicator_value` refresh the row of every indicator an insert, update or delete
//! touches, whoever writes (the server, the seed, a bulk load or SQL by hand), so it cannot drift.
//! Among values of one date the one with the greater id counts. Dates are ISO text, so the
//! greatest string is the latest date.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::DatabaseBackend as DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The columns of `indicator_latest`, in the order [`summary`] selects them.
const COLUMNS: &str = "impact_indicator_id, plan_id, latest_date, numeric_date, numeric_value";

/// Selects the summary row of the indicators `filter` (an SQL condition on `i`, an
/// `impact_indicator`) keeps that have a published value.
fn summary(filter: &str) -> String {
    let published = "FROM indicator_value v WHERE v.impact_indicator_id = i.id AND v.published";
    let numeric =
        format!("{published} AND v.value IS NOT NULL ORDER BY v.ref_date DESC, v.id DESC LIMIT 1");
    format!(
        "SELECT i.id, g.plan_id, (SELECT MAX(v.ref_date) {published}), \
         (SELECT v.ref_date {numeric}), (SELECT v.value {numeric}) \
         FROM impact_indicator i JOIN specific_goal g ON g.id = i.specific_goal_id \
         WHERE ({filter}) AND EXISTS (SELECT 1 {published})"
    )
}

/// Brings the summary row of the indicator `id` (an SQL expression) up to date: gone when it has
/// no published value, else inserted or updated in place (an update of a row whose indexed
/// column stays the same, which PostgreSQL can keep on its page).
fn refresh(id: &str) -> String {
    format!(
        "DELETE FROM indicator_latest WHERE impact_indicator_id = {id} AND NOT EXISTS \
         (SELECT 1 FROM indicator_value v WHERE v.impact_indicator_id = {id} AND v.published); \
         INSERT INTO indicator_latest ({COLUMNS}) {} \
         ON CONFLICT (impact_indicator_id) DO UPDATE SET plan_id = excluded.plan_id, \
         latest_date = excluded.latest_date, numeric_date = excluded.numeric_date, \
         numeric_value = excluded.numeric_value;",
        summary(&format!("i.id = {id}"))
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("indicator_latest")
                .col(integer("impact_indicator_id").primary_key())
                .col(integer("plan_id"))
                .col(string("latest_date"))
                .col(string_null("numeric_date"))
                .col(double_null("numeric_value"))
                .foreign_key(
                    ForeignKey::create()
                        .from("indicator_latest", "impact_indicator_id")
                        .to("impact_indicator", "id")
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        crate::m20251123_000001_create_plan::index(m, "indicator_latest", &["plan_id"], false)
            .await?;
        let db = m.get_connection();
        db.execute_unprepared(&format!(
            "INSERT INTO indicator_latest ({COLUMNS}) {}",
            summary("1 = 1")
        ))
        .await?;
        match m.get_database_backend() {
            DbBackend::Postgres => {
                // Writers of one indicator take turns on its row (FOR NO KEY UPDATE does not wait
                // for the key-share locks of the values' foreign keys), and each statement of the
                // function sees what the one before it committed: two concurrent writers cannot
                // leave a summary that misses the other's value.
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION indicator_latest_refresh(x integer) RETURNS void \
                     LANGUAGE plpgsql AS $$ BEGIN \
                     PERFORM 1 FROM impact_indicator WHERE id = x FOR NO KEY UPDATE; {} \
                     END $$",
                    refresh("x")
                ))
                .await?;
                // Only published values count: a draft written or deleted changes nothing.
                db.execute_unprepared(
                    "CREATE FUNCTION indicator_latest_changed() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ BEGIN \
                     IF TG_OP = 'INSERT' THEN \
                       IF NEW.published THEN \
                         PERFORM indicator_latest_refresh(NEW.impact_indicator_id); \
                       END IF; \
                     ELSIF TG_OP = 'DELETE' THEN \
                       IF OLD.published THEN \
                         PERFORM indicator_latest_refresh(OLD.impact_indicator_id); \
                       END IF; \
                     ELSE \
                       IF OLD.published THEN \
                         PERFORM indicator_latest_refresh(OLD.impact_indicator_id); \
                       END IF; \
                       IF NEW.published AND (NOT OLD.published \
                          OR NEW.impact_indicator_id <> OLD.impact_indicator_id) THEN \
                         PERFORM indicator_latest_refresh(NEW.impact_indicator_id); \
                       END IF; \
                     END IF; \
                     RETURN NULL; END $$",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER indicator_latest_changed \
                     AFTER INSERT OR UPDATE OR DELETE ON indicator_value \
                     FOR EACH ROW EXECUTE FUNCTION indicator_latest_changed()",
                )
                .await?;
            }
            _ => {
                // SQLite has one writer at a time. Only published values count.
                for (event, when, ids) in [
                    ("INSERT", "NEW.published", &["NEW"][..]),
                    (
                        "UPDATE",
                        "OLD.published OR NEW.published",
                        &["OLD", "NEW"][..],
                    ),
                    ("DELETE", "OLD.published", &["OLD"][..]),
                ] {
                    let body: String = ids
                        .iter()
                        .map(|row| refresh(&format!("{row}.impact_indicator_id")))
                        .collect();
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER indicator_latest_{} AFTER {event} ON indicator_value \
                         FOR EACH ROW WHEN {when} BEGIN {body} END",
                        event.to_lowercase()
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match m.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "DROP TRIGGER indicator_latest_changed ON indicator_value; \
                     DROP FUNCTION indicator_latest_changed(); \
                     DROP FUNCTION indicator_latest_refresh(integer)",
                )
                .await?;
            }
            _ => {
                for event in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!("DROP TRIGGER indicator_latest_{event}"))
                        .await?;
                }
            }
        }
        m.drop_table(Table::drop().table("indicator_latest").to_owned())
            .await
    }
}
