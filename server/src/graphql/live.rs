//! `Subscription`: live updates of a plan (`crate::live`), served over WebSocket at
//! `/graphql/ws` (`http::ws`).

use async_graphql::{Context, Object, Subscription as SubscriptionObject};
use futures_util::{Stream, stream};
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;

use super::plan_id;
use crate::auth::RequestAuth;
use crate::error::{ApiError, ApiResult};
use crate::live::{Change, ChangeKind, Hub, PlanEvent};

#[derive(Default)]
pub struct Subscription;

#[SubscriptionObject]
impl Subscription {
    /// The data of a plan changed. The public hears changes to published data only; staff who
    /// may read the plan's internal data also hear drafts, proposals and notes. Each event says
    /// what changed; read the pages' data again through `POST /graphql` to see it. A
    /// subscriber that falls too far behind gets the error `BUSY` and the subscription ends:
    /// read again and subscribe anew.
    async fn plan_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The plan's slug; none: `ostrava`.")] plan: Option<String>,
    ) -> Result<impl Stream<Item = ApiResult<PlanChange>> + use<>, async_graphql::Error> {
        let plan_id = plan_id(ctx, plan.as_deref().unwrap_or("ostrava")).await?;
        let internal = ctx
            .data_opt::<RequestAuth>()
            .is_some_and(|a| a.reads_internal(plan_id));
        let hub = ctx.data::<Hub>().map_err(|_| ApiError::Internal)?;
        let events = hub.subscribe();
        Ok(stream::unfold(Some(events), move |events| async move {
            let mut events = events?;
            loop {
                match events.recv().await {
                    Ok(event) if event.plan_id == plan_id => {
                        if let Some(heard) = event.for_reader(internal) {
                            return Some((Ok(PlanChange(Arc::new(heard))), Some(events)));
                        }
                    }
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => {
                        return Some((
                            Err(ApiError::Busy {
                                retry_after_secs: 1,
                            }
                            .into()),
                            None,
                        ));
                    }
                    Err(RecvError::Closed) => return None,
                }
            }
        }))
    }
}

/// A plan's data changed.
pub struct PlanChange(Arc<PlanEvent>);

#[Object]
impl PlanChange {
    /// The plan's slug.
    async fn plan(&self) -> &str {
        &self.0.plan
    }
    /// The plan's data revision after the change.
    async fn revision(&self) -> i64 {
        self.0.revision
    }
    /// When the change was heard (RFC 3339, UTC).
    async fn at(&self) -> &str {
        &self.0.at
    }
    /// Whether published data changed (always, for the public).
    async fn published(&self) -> bool {
        self.0.published()
    }
    /// The changed records; empty when it is not known what changed (something did).
    async fn changes(&self) -> Vec<ChangeObject> {
        self.0
            .changes
            .iter()
            .flatten()
            .cloned()
            .map(ChangeObject)
            .collect()
    }
}

/// One changed record, by where the pages show it.
pub struct ChangeObject(Change);

#[Object(name = "Change")]
impl ChangeObject {
    async fn kind(&self) -> ChangeKind {
        self.0.kind
    }
    /// What the public page shows it under: a specific goal's code (goals, indicator values,
    /// summaries), a measure's (measures, statuses, projects), a risk's, milestone's,
    /// conflict's or report's id.
    async fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }
    /// The specific goal it belongs to.
    async fn goal(&self) -> Option<&str> {
        self.0.goal.as_deref()
    }
    /// The measure it belongs to.
    async fn measure(&self) -> Option<&str> {
        self.0.measure.as_deref()
    }
    /// The number of the thematic area it belongs to.
    async fn area(&self) -> Option<i32> {
        self.0.area
    }
    /// A change to published data (not a draft, proposal or internal note).
    async fn published(&self) -> bool {
        self.0.published
    }
}
