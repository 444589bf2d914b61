//! Connecting to the database, migrating it, and counting the statements it runs.
//!
//! SQLite runs in WAL mode with a busy timeout and foreign keys on (sqlx sets none of these by
//! itself); PostgreSQL needs nothing special. Every executed statement increments a counter, so
//! tests can prove that a request's statement count does not grow with the number of rows.
//!
//! Writers take turns ([`begin_write`]): on SQLite one process-wide queue plus `BEGIN
//! IMMEDIATE` (so a transaction never has to upgrade a read lock, which SQLite refuses with
//! "database is locked" however long the busy timeout), on PostgreSQL an advisory lock held
//! until the transaction ends. A writer that waits too long gets `BUSY`, never `INTERNAL`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, DbErr, RuntimeErr, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait,
};

use crate::error::ApiError;

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
/// Whether the database answers (the health check).
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    db.execute_unprepared("SELECT 1").await.map(|_| ())
}

pub async fn backup(db: &DatabaseConnection, path: &std::path::Path) -> Result<(), DbErr> {
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

/// The advisory lock (PostgreSQL) of the write path: one `Write` at a time.
pub const WRITE_LOCK: i64 = 0x7073_7a5f_7772_6974;
/// The advisory lock (PostgreSQL) of login attempts: one claim at a time.
pub const LOGIN_LOCK: i64 = 0x7073_7a5f_6c6f_6769;

/// How long a writer waits for its turn before it is answered `BUSY`.
pub const WRITER_WAIT: Duration = Duration::from_secs(10);
/// The `retryAfterSecs` of a writer that did not get its turn.
const RETRY_AFTER_SECS: i64 = 2;

/// The one writer queue of this process on SQLite. One for every database the process opens
/// (tests open several): writes are short, so sharing the queue costs little.
static SQLITE_WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A writer's turn: on SQLite the process-wide writer lock, released when dropped. Keep it
/// until the transaction is committed or dropped (declare it after the transaction, so the
/// transaction is dropped first).
pub struct WriterTurn {
    _guard: Option<tokio::sync::MutexGuard<'static, ()>>,
}

/// A write transaction and its writer's turn; dropping it rolls back, then passes the turn on.
pub struct WriteTxn {
    /// Declared first: dropped (its rollback queued) before the turn.
    pub txn: DatabaseTransaction,
    pub turn: WriterTurn,
}

impl WriteTxn {
    /// Commits, then passes the turn on.
    pub async fn commit(self) -> Result<(), ApiError> {
        self.txn.commit().await.map_err(write_error)
    }
}

/// Begins a write transaction that no other writer interleaves with: on SQLite after the
/// process's writer queue and with `BEGIN IMMEDIATE` (other processes wait in the busy
/// timeout); on PostgreSQL holding the advisory lock `lock` until it ends, waiting at most
/// [`WRITER_WAIT`] for it.
pub async fn begin_write(db: &DatabaseConnection, lock: i64) -> Result<WriteTxn, ApiError> {
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            let guard = tokio::time::timeout(WRITER_WAIT, SQLITE_WRITER.lock())
                .await
                .map_err(|_| busy())?;
            let txn = db
                .begin_with_options(TransactionOptions {
                    sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                    ..Default::default()
                })
                .await
                .map_err(write_error)?;
            Ok(WriteTxn {
                txn,
                turn: WriterTurn {
                    _guard: Some(guard),
                },
            })
        }
        backend => {
            let txn = db.begin().await.map_err(write_error)?;
            if backend == DatabaseBackend::Postgres {
                let wait = format!("{}ms", WRITER_WAIT.as_millis());
                txn.execute_raw(Statement::from_sql_and_values(
                    backend,
                    "SELECT set_config('lock_timeout', $1, true), pg_advisory_xact_lock($2)",
                    [wait.into(), lock.into()],
                ))
                .await
                .map_err(write_error)?;
            }
            Ok(WriteTxn {
                txn,
                turn: WriterTurn { _guard: None },
            })
        }
    }
}

fn busy() -> ApiError {
    ApiError::Busy {
        retry_after_secs: RETRY_AFTER_SECS,
    }
}

/// A database error of a write as the client sees it: contention (a lock not granted in time,
/// a deadlock, a serialisation failure) is `BUSY`, a unique index a `CONFLICT`-like
/// `VALIDATION` (`Duplicate`), anything else `INTERNAL` (logged).
pub fn write_error(e: DbErr) -> ApiError {
    if contention(&e) {
        tracing::warn!(error = %e, "write contention");
        return busy();
    }
    if let Some(sea_orm::SqlErr::UniqueConstraintViolation(detail)) = e.sql_err() {
        tracing::warn!(%detail, "unique index refused a write");
        return ApiError::Invalid(shared::validate::ValidationError::new(
            "input",
            shared::validate::Rule::Duplicate,
        ));
    }
    ApiError::from(e)
}

/// Whether `e` says another writer held a lock too long (SQLite `BUSY`/`LOCKED`; PostgreSQL
/// lock timeout, deadlock, serialisation failure).
pub fn contention(e: &DbErr) -> bool {
    let (DbErr::Conn(RuntimeErr::SqlxError(inner))
    | DbErr::Exec(RuntimeErr::SqlxError(inner))
    | DbErr::Query(RuntimeErr::SqlxError(inner))) = e
    else {
        return false;
    };
    let sea_orm::sqlx::Error::Database(d) = inner.as_ref() else {
        return false;
    };
    d.code().is_some_and(|c| contention_code(&c))
}

/// Whether a database's error code means contention: SQLite's primary codes 5 (`BUSY`) and 6
/// (`LOCKED`) under any extended code (decimal, at most 4 digits), PostgreSQL's SQLSTATEs
/// (5 characters) `55P03`, `40P01` and `40001`.
fn contention_code(code: &str) -> bool {
    if code.len() == 5 {
        return matches!(code, "55P03" | "40P01" | "40001");
    }
    code.parse::<i64>().is_ok_and(|n| matches!(n & 0xff, 5 | 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contention_codes() {
        for code in ["5", "517", "261", "6", "262", "55P03", "40P01", "40001"] {
            assert!(contention_code(code), "{code}");
        }
        for code in ["19", "2067", "23505", "42P01", ""] {
            assert!(!contention_code(code), "{code}");
        }
    }
}
