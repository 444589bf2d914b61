//! The audit trail of a record, as staff read it.

use super::{auth, db};
use crate::auth::Need;
use crate::error::{ApiError, ApiResult};
use crate::store::staff;
use async_graphql::{Context, Object, SimpleObject};

/// One write of the audit trail.
#[derive(SimpleObject)]
pub struct AuditEntry {
    pub id: i32,
    /// RFC 3339, UTC.
    pub at: String,
    pub user_email: String,
    /// `CREATE`, `UPDATE`, `PUBLISH`, `RESOLVE`.
    pub action: String,
    pub entity: String,
    pub record_id: i32,
    /// The record before, as JSON; null for a new record.
    pub before: Option<String>,
    /// The record after, as JSON.
    pub after: Option<String>,
}

/// Reading the audit trail.
#[derive(Default)]
pub struct HistoryQuery;

#[Object]
impl HistoryQuery {
    /// Every write to one record, oldest first (`entity` is the table: `indicator_value`,
    /// `measure`, `measure_status`, …). Staff who read internal data see a plan's records;
    /// admins also accounts.
    async fn history(
        &self,
        ctx: &Context<'_>,
        entity: String,
        id: i32,
    ) -> ApiResult<Vec<AuditEntry>> {
        let a = auth(ctx);
        a.signed_in()?;
        let rows = staff::history(db(ctx), &entity, id)
            .await
            .map_err(ApiError::from)?;
        for r in &rows {
            let need = match r.plan_id {
                Some(plan_id) => Need::ReadInternal { plan_id },
                None => Need::ManageUsers,
            };
            a.require(&need)?;
        }
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry {
                id: r.id,
                at: r.at,
                user_email: r.user_email,
                action: r.action,
                entity: r.entity,
                record_id: r.record_id,
                before: r.before,
                after: r.after,
            })
            .collect())
    }
}
