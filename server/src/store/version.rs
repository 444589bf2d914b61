//! What tells a cache that data changed: every write raises its plan's `revision` in its
//! transaction (`store::write`), and this process keeps every plan's revision in memory
//! ([`Versions`]), so no request asks the database whether data changed.
//!
//! The revisions in memory follow the database three ways:
//! - a write of this process sets its plan's new revision as it commits (read your writes);
//! - on PostgreSQL every write also sends `NOTIFY psz_revision, 'plan:revision'` in its
//!   transaction, which every instance sharing the database hears (a listener task per process);
//! - a cheap periodic re-read of all revisions ([`FALLBACK`]) catches what a lost notification
//!   or another process on the same SQLite file changed, and a plan this process has never
//!   heard of is looked up at once ([`Versions::revisions_of`]).

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QuerySelect, Statement,
};

use crate::entity::plan;

/// The channel of revision notifications on PostgreSQL.
pub const CHANNEL: &str = "psz_revision";

/// How often every plan's revision is read again, whatever was heard.
pub const FALLBACK: Duration = Duration::from_secs(2);

/// The state of all plans' data: (plans, sum of revisions, largest plan id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DataVersion(pub(crate) i64, pub(crate) i64, pub(crate) i64);

impl DataVersion {
    /// The data version of these revisions (plan id → revision).
    pub fn of(revisions: &HashMap<i32, i64>) -> DataVersion {
        DataVersion(
            revisions.len() as i64,
            revisions.values().sum(),
            revisions.keys().copied().max().map_or(0, i64::from),
        )
    }
}

/// Every plan's revision as this process knows it; cloned cheaply, shared by the schema, the
/// response cache and the write path.
#[derive(Clone, Default)]
pub struct Versions(Arc<RwLock<Known>>);

#[derive(Default)]
struct Known {
    revisions: HashMap<i32, i64>,
    version: DataVersion,
    /// See [`Versions::accounts`].
    accounts: std::sync::atomic::AtomicU64,
}

impl Versions {
    /// Reads every plan's revision.
    pub async fn load(db: &DatabaseConnection) -> Result<Versions, DbErr> {
        let versions = Versions::default();
        versions.refresh(db).await?;
        Ok(versions)
    }

    /// Reads every plan's revision again (one statement).
    pub async fn refresh(&self, db: &DatabaseConnection) -> Result<(), DbErr> {
        let rows: Vec<(i32, i64)> = plan::Entity::find()
            .select_only()
            .column(plan::Column::Id)
            .column(plan::Column::Revision)
            .into_tuple()
            .all(db)
            .await?;
        let revisions: HashMap<i32, i64> = rows.into_iter().collect();
        let mut known = self.0.write().unwrap_or_else(PoisonError::into_inner);
        known.version = DataVersion::of(&revisions);
        known.revisions = revisions;
        Ok(())
    }

    /// The generation of accounts and sessions in this process: raised by every account write,
    /// sign-in and sign-out here (remembered sessions of an older one are resolved anew).
    pub fn accounts(&self) -> u64 {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .accounts
            .load(std::sync::atomic::Ordering::Acquire)
    }

    /// Accounts or sessions changed in this process.
    pub fn accounts_changed(&self) {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .accounts
            .fetch_add(1, std::sync::atomic::Ordering::AcqRel);
    }

    /// The data version as known now: no statement.
    pub fn current(&self) -> DataVersion {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .version
    }

    /// Plan `plan_id` is at `revision` (a write committed it, here or on another instance).
    /// Revisions only grow: a late notification of an older one changes nothing.
    pub fn committed(&self, plan_id: i32, revision: i64) {
        let mut known = self.0.write().unwrap_or_else(PoisonError::into_inner);
        let now = known.revisions.entry(plan_id).or_insert(i64::MIN);
        if *now >= revision {
            return;
        }
        *now = revision;
        known.version = DataVersion::of(&known.revisions);
    }

    /// The revision of `plan_id` as known now, if it is known: no statement.
    pub fn known(&self, plan_id: i32) -> Option<i64> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .revisions
            .get(&plan_id)
            .copied()
    }

    /// The revisions of `plan_ids` from memory; when one of them is unknown here (a plan
    /// written by another process since the last read), all are read again first.
    pub async fn revisions_of(
        &self,
        db: &DatabaseConnection,
        plan_ids: &[i32],
    ) -> Result<HashMap<i32, i64>, DbErr> {
        let known = |v: &Versions| {
            let known = v.0.read().unwrap_or_else(PoisonError::into_inner);
            plan_ids
                .iter()
                .map(|id| known.revisions.get(id).map(|r| (*id, *r)))
                .collect::<Option<HashMap<i32, i64>>>()
        };
        if let Some(all) = known(self) {
            return Ok(all);
        }
        self.refresh(db).await?;
        let known = self.0.read().unwrap_or_else(PoisonError::into_inner);
        Ok(plan_ids
            .iter()
            .filter_map(|id| known.revisions.get(id).map(|r| (*id, *r)))
            .collect())
    }

    /// Keeps these revisions current for as long as the process runs: the PostgreSQL listener
    /// (on PostgreSQL) and the periodic re-read. Call once, inside the runtime.
    /// The tasks end when every clone of these versions is gone (the server stopped).
    pub fn follow(&self, db: DatabaseConnection) {
        let stop = Arc::new(tokio::sync::Notify::new());
        if db.get_database_backend() == DatabaseBackend::Postgres {
            let pool = db.get_postgres_connection_pool().clone();
            let listening = listen(Arc::downgrade(&self.0), pool, db.clone());
            let stop = stop.clone();
            tokio::spawn(async move {
                tokio::select! {
                    () = listening => {}
                    () = stop.notified() => {}
                }
            });
        }
        let weak = Arc::downgrade(&self.0);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(FALLBACK);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            every.tick().await;
            loop {
                every.tick().await;
                let Some(versions) = weak.upgrade().map(Versions) else {
                    // The listener too: its connection goes back.
                    stop.notify_one();
                    return;
                };
                if let Err(e) = versions.refresh(&db).await {
                    tracing::warn!(error = %e, "re-reading the plans' revisions failed");
                }
            }
        });
    }
}

/// Hears every instance's writes on PostgreSQL; after a lost connection, everything is read
/// again (notifications sent meanwhile are gone).
async fn listen(
    versions: std::sync::Weak<RwLock<Known>>,
    pool: sea_orm::sqlx::PgPool,
    db: DatabaseConnection,
) {
    use sea_orm::sqlx::postgres::PgListener;
    let listening = async {
        let mut listener = PgListener::connect_with(&pool).await?;
        listener.listen(CHANNEL).await?;
        Ok::<_, sea_orm::sqlx::Error>(listener)
    };
    let mut listener = match listening.await {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for revisions; re-reading them every {FALLBACK:?}");
            return;
        }
    };
    loop {
        let heard = listener.try_recv().await;
        let Some(versions) = versions.upgrade().map(Versions) else {
            return;
        };
        match heard {
            Ok(Some(n)) => match parse(n.payload()) {
                Some((plan_id, revision)) => versions.committed(plan_id, revision),
                None => tracing::warn!(payload = n.payload(), "a revision notice not understood"),
            },
            Ok(None) => {
                // Reconnected: what was sent meanwhile is lost.
                if let Err(e) = versions.refresh(&db).await {
                    tracing::warn!(error = %e, "re-reading the plans' revisions failed");
                }
            }
            Err(sea_orm::sqlx::Error::PoolClosed) => return,
            Err(e) => {
                tracing::warn!(error = %e, "listening for revisions failed");
                drop(versions);
                tokio::time::sleep(FALLBACK).await;
            }
        }
    }
}

/// A notice's payload `plan:revision`.
fn parse(payload: &str) -> Option<(i32, i64)> {
    let (plan, revision) = payload.split_once(':')?;
    Some((plan.parse().ok()?, revision.parse().ok()?))
}

/// Raises the revision of `plan_id` in the write's transaction and returns the new one; on
/// PostgreSQL, every instance hears it when the transaction commits.
pub async fn raise(txn: &DatabaseTransaction, plan_id: i32) -> Result<i64, DbErr> {
    let backend = txn.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => {
            "UPDATE plan SET revision = revision + 1 WHERE id = $1 RETURNING revision"
        }
        _ => "UPDATE plan SET revision = revision + 1 WHERE id = ? RETURNING revision",
    };
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [plan_id.into()],
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("plan {plan_id}")))?;
    let revision: i64 = row.try_get_by_index(0)?;
    if backend == DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pg_notify($1, $2)",
            [CHANNEL.into(), format!("{plan_id}:{revision}").into()],
        ))
        .await?;
    }
    Ok(revision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_revision_only_grows_and_the_version_follows() {
        let v = Versions::default();
        v.committed(1, 3);
        assert_eq!(v.current(), DataVersion(1, 3, 1));
        v.committed(1, 2);
        assert_eq!(
            v.current(),
            DataVersion(1, 3, 1),
            "a late notice is ignored"
        );
        v.committed(1, 4);
        v.committed(7, 1);
        assert_eq!(v.current(), DataVersion(2, 5, 7));
    }

    #[test]
    fn notices_are_plan_colon_revision() {
        assert_eq!(parse("12:345"), Some((12, 345)));
        assert_eq!(parse("12"), None);
        assert_eq!(parse("x:1"), None);
    }
}
