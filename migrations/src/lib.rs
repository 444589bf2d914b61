//! The database schema of psz-monitor, one migration per step, for SQLite and PostgreSQL.
//!
//! Tables are named by string, never by entity, so this crate imports no server code and an old
//! migration keeps meaning what it meant when it was written. Dates are ISO 8601 text
//! (`2025-02-28`), money is an integer number of hellers, enumerations are stable upper-case
//! names (`IN_PROGRESS`, `OPZ_PLUS`).

pub use sea_orm_migration::prelude::*;

mod m20251123_000001_create_plan;
mod m20251124_000001_create_headline;
mod m20261201_000001_create_accounts;
mod m20261215_000001_login_failure_email;
mod m20261216_000001_proposals;
mod m20261217_000001_indicator_latest;
mod m20261218_000001_reports;
mod m20261219_000001_monitoring_waves;
mod m20261220_000001_reminders;
mod m20261221_000001_target_revisions;
mod m20261222_000001_action_plan_authoring;

/// Applies every migration of the schema in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20251123_000001_create_plan::Migration),
            Box::new(m20251124_000001_create_headline::Migration),
            Box::new(m20261201_000001_create_accounts::Migration),
            Box::new(m20261215_000001_login_failure_email::Migration),
            Box::new(m20261216_000001_proposals::Migration),
            Box::new(m20261217_000001_indicator_latest::Migration),
            Box::new(m20261218_000001_reports::Migration),
            Box::new(m20261219_000001_monitoring_waves::Migration),
            Box::new(m20261220_000001_reminders::Migration),
            Box::new(m20261221_000001_target_revisions::Migration),
            Box::new(m20261222_000001_action_plan_authoring::Migration),
        ]
    }
}
