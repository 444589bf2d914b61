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
//!
//! Every time a plan's revision grows, [`Versions::revised`] hears a [`Revised`]: the plan, its
//! new revision and, when the write was heard in detail (this process's commits and PostgreSQL
//! notices), which records it changed and whether each is published data. The live updates
//! (`crate::live`) are built on it, so they reach subscribers of every instance the same way
//! the caches learn of a change.

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

/// At most this many changed records are named in a notice (PostgreSQL's payload is at most
/// 8,000 bytes); more are summed up as one change of the whole plan.
pub const NAMED_CHANGES: usize = 64;

/// Revisions heard but not yet taken by a slow listener of [`Versions::revised`]; one that
/// falls further behind hears `Lagged` and re-reads.
const REVISED_BACKLOG: usize = 256;

/// One record a write changed: its table, its id, and whether the public can see it (a
/// published record, not an internal note, draft or proposal).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Changed {
    #[serde(rename = "e")]
    pub entity: String,
    #[serde(rename = "i")]
    pub id: i32,
    #[serde(rename = "p")]
    pub public: bool,
}

impl Changed {
    /// The entity standing for "more than [`NAMED_CHANGES`] records of the plan".
    pub const WHOLE_PLAN: &'static str = "plan";

    /// At most [`NAMED_CHANGES`] changes: the rest become one change of the whole plan, public
    /// when any of them is.
    pub fn capped(mut changes: Vec<Changed>) -> Vec<Changed> {
        if changes.len() > NAMED_CHANGES {
            let rest = changes.split_off(NAMED_CHANGES - 1);
            changes.push(Changed {
                entity: Changed::WHOLE_PLAN.to_owned(),
                id: 0,
                public: rest.iter().any(|c| c.public),
            });
        }
        changes
    }
}

/// A plan's revision grew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revised {
    pub plan_id: i32,
    pub revision: i64,
    /// What the write changed, when it was heard in detail; `None` after a re-read (a lost
    /// notice, another process on the SQLite file): something changed, nobody knows what.
    pub changes: Option<Arc<[Changed]>>,
}

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

struct Known {
    revisions: HashMap<i32, i64>,
    version: DataVersion,
    /// See [`Versions::accounts`].
    accounts: std::sync::atomic::AtomicU64,
    /// The revisions announced without detail (by a re-read), which a notice naming the same
    /// revision may still describe.
    undetailed: HashMap<i32, i64>,
    revised: tokio::sync::broadcast::Sender<Revised>,
}

impl Default for Known {
    fn default() -> Known {
        Known {
            revisions: HashMap::new(),
            version: DataVersion::default(),
            accounts: std::sync::atomic::AtomicU64::new(0),
            undetailed: HashMap::new(),
            revised: tokio::sync::broadcast::channel(REVISED_BACKLOG).0,
        }
    }
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
        let grown: Vec<(i32, i64)> = revisions
            .iter()
            .filter(|(id, r)| known.revisions.get(id).is_some_and(|was| was < r))
            .map(|(id, r)| (*id, *r))
            .collect();
        known.version = DataVersion::of(&revisions);
        known.revisions = revisions;
        for (plan_id, revision) in grown {
            known.undetailed.insert(plan_id, revision);
            // Nobody listening is no error.
            let _ = known.revised.send(Revised {
                plan_id,
                revision,
                changes: None,
            });
        }
        Ok(())
    }

    /// Hears every growth of a plan's revision from now on (see [`Revised`]).
    pub fn revised(&self) -> tokio::sync::broadcast::Receiver<Revised> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .revised
            .subscribe()
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
        self.committed_with(plan_id, revision, None);
    }

    /// [`Versions::committed`], with what the write changed when it is known. A notice that
    /// describes a revision a re-read announced first without detail is announced again, with
    /// it (the live updates then say what changed).
    pub fn committed_with(&self, plan_id: i32, revision: i64, changes: Option<Vec<Changed>>) {
        let mut known = self.0.write().unwrap_or_else(PoisonError::into_inner);
        let now = known.revisions.entry(plan_id).or_insert(i64::MIN);
        if *now >= revision {
            let late_detail =
                changes.is_some() && known.undetailed.get(&plan_id) == Some(&revision);
            if late_detail {
                known.undetailed.remove(&plan_id);
                let _ = known.revised.send(Revised {
                    plan_id,
                    revision,
                    changes: changes.map(Arc::from),
                });
            }
            return;
        }
        *now = revision;
        known.version = DataVersion::of(&known.revisions);
        if changes.is_none() {
            known.undetailed.insert(plan_id, revision);
        } else {
            known.undetailed.remove(&plan_id);
        }
        let _ = known.revised.send(Revised {
            plan_id,
            revision,
            changes: changes.map(Arc::from),
        });
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
                Some((plan_id, revision, changes)) => {
                    versions.committed_with(plan_id, revision, changes);
                }
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

/// A notice's payload `plan:revision:changes` (`changes` the JSON of at most
/// [`NAMED_CHANGES`] [`Changed`]), or `plan:revision` when nothing was said of the changes.
fn parse(payload: &str) -> Option<(i32, i64, Option<Vec<Changed>>)> {
    let (plan, rest) = payload.split_once(':')?;
    let (revision, changes) = match rest.split_once(':') {
        Some((revision, changes)) => (revision, Some(serde_json::from_str(changes).ok()?)),
        None => (rest, None),
    };
    Some((plan.parse().ok()?, revision.parse().ok()?, changes))
}

/// The payload [`parse`] reads.
fn payload(plan_id: i32, revision: i64, changes: &[Changed]) -> String {
    let changes = serde_json::to_string(changes).unwrap_or_else(|_| "[]".to_owned());
    format!("{plan_id}:{revision}:{changes}")
}

/// Raises the revision of `plan_id` in the write's transaction and returns the new one; on
/// PostgreSQL, every instance hears it, with `changes` (at most [`NAMED_CHANGES`], see
/// [`Changed::capped`]), when the transaction commits.
pub async fn raise(
    txn: &DatabaseTransaction,
    plan_id: i32,
    changes: &[Changed],
) -> Result<i64, DbErr> {
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
            [CHANNEL.into(), payload(plan_id, revision, changes).into()],
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
    fn notices_are_plan_colon_revision_colon_changes() {
        assert_eq!(parse("12:345"), Some((12, 345, None)));
        assert_eq!(parse("12"), None);
        assert_eq!(parse("x:1"), None);
        assert_eq!(parse("1:2:not json"), None);
        let changes = vec![
            Changed {
                entity: "indicator_value".into(),
                id: 7,
                public: false,
            },
            Changed {
                entity: "risk".into(),
                id: 3,
                public: true,
            },
        ];
        let text = payload(12, 345, &changes);
        assert_eq!(parse(&text), Some((12, 345, Some(changes))));
    }

    #[test]
    fn many_changes_fit_a_notice_as_one_change_of_the_whole_plan() {
        let many: Vec<Changed> = (0..5000)
            .map(|i| Changed {
                entity: "indicator_value".into(),
                id: 1_000_000 + i,
                public: i == 4999,
            })
            .collect();
        let capped = Changed::capped(many);
        assert_eq!(capped.len(), NAMED_CHANGES);
        let last = capped.last().expect("one");
        assert_eq!(
            (last.entity.as_str(), last.public),
            (Changed::WHOLE_PLAN, true)
        );
        assert!(
            payload(i32::MAX, i64::MAX, &capped).len() < 8000,
            "PostgreSQL's limit"
        );
    }

    #[tokio::test]
    async fn growth_is_announced_once_and_a_late_detail_again() {
        let v = Versions::default();
        let mut heard = v.revised();
        v.committed(1, 3);
        assert_eq!(heard.try_recv().expect("heard").changes, None);
        let detail = vec![Changed {
            entity: "risk".into(),
            id: 1,
            public: true,
        }];
        v.committed_with(1, 3, Some(detail.clone()));
        let again = heard
            .try_recv()
            .expect("the detail of a revision heard without it");
        assert_eq!(again.changes.as_deref(), Some(&detail[..]));
        v.committed_with(1, 3, Some(detail.clone()));
        assert!(heard.try_recv().is_err(), "once described, never again");
        v.committed_with(1, 4, Some(detail));
        assert_eq!(heard.try_recv().expect("heard").revision, 4);
        v.committed(1, 2);
        assert!(heard.try_recv().is_err(), "an older revision is not news");
    }
}
