//! Connecting to the database, migrating it, and counting the statements it runs.
//!
//! SQLite runs in WAL mode with a busy timeout and foreign keys on (sqlx sets none of these by
//! itself); PostgreSQL needs nothing special. Every executed statement increments a counter, so
//! tests can prove that a request's statement count does not grow with the number of rows.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Counts the SQL statements the connection runs.
#[derive(Debug, Default, Clone)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Connects, counts statements, and applies every pending migration.
pub async fn connect(
    url: &str,
    max_connections: u32,
) -> Result<(DatabaseConnection, StatementCounter), DbErr> {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = path.split('?').next().unwrap_or(path);
        if let Some(dir) = std::path::Path::new(file)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
        });
    let mut db = Database::connect(opts).await?;
    let counter = StatementCounter::default();
    let inner = counter.0.clone();
    db.set_metric_callback(move |_| {
        inner.fetch_add(1, Ordering::Relaxed);
    });
    Migrator::up(&db, None).await?;
    Ok((db, counter))
}

/// Writes a consistent copy of the SQLite database to `path` while the server keeps running
/// (`VACUUM INTO`: one read transaction, so no write is half in the copy). The copy is a
/// complete database file: restoring is pointing `--database-url` (or `--data-dir`) at it.
/// PostgreSQL has its own tools for this (`pg_dump`), so it is refused here.
pub async fn backup(db: &DatabaseConnection, path: &std::path::Path) -> Result<(), DbErr> {
    use sea_orm::{ConnectionTrait, DatabaseBackend};
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return Err(DbErr::Custom(
            "backup copies SQLite databases; back up PostgreSQL with pg_dump".to_owned(),
        ));
    }
    if path.exists() {
        return Err(DbErr::Custom(format!(
            "{} exists already; choose a new file",
            path.display()
        )));
    }
    let target = path.to_string_lossy().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{target}'"))
        .await?;
    Ok(())
}
