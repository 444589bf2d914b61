//! Live updates: what changed in a plan, told to everybody subscribed to it.
//!
//! Every growth of a plan's revision reaches this process through `store::version`
//! ([`Versions::revised`]): its own commits at once, other instances' through PostgreSQL's
//! `NOTIFY`, anything else through the periodic re-read. The [`Hub`] turns each into one
//! [`PlanEvent`] — the changed records described by the codes the pages show them under, read
//! from the plan's model at the new revision ([`describe`]) — and broadcasts it once to every
//! subscription of this process; each subscription keeps what its reader may see
//! ([`PlanEvent::for_reader`]). Publishing never waits for a subscriber: the broadcast keeps a
//! bounded backlog, and a subscriber that falls behind it is told so and ends.

use std::sync::{Arc, OnceLock, Weak};

use shared::Code;
use tokio::sync::broadcast;

use crate::entity as e;
use crate::store::model::{PlanModel, ReadModel};
use crate::store::version::{Changed, Revised, Versions};

/// Events a subscription may fall behind by before it is ended (it re-reads and subscribes
/// again).
pub const BACKLOG: usize = 64;

/// What kind of record changed, as the pages know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum ChangeKind {
    /// A specific goal: its targets or indicators.
    Goal,
    /// A measure's card.
    Measure,
    /// A value of a specific goal's impact indicator.
    IndicatorValue,
    /// A measure's implementation status.
    Status,
    /// A project of a measure.
    Project,
    Risk,
    Milestone,
    Conflict,
    /// A value of a global indicator.
    GlobalIndicator,
    /// A yearly summary of a specific goal.
    Summary,
    /// A monitoring wave.
    Wave,
    /// A yearly implementation report (issued).
    Report,
    /// The plan as a whole, or more records than an event names.
    Plan,
}

/// One changed record, described by where the pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: ChangeKind,
    /// What the public page shows it under: a specific goal's code (goal, indicator value,
    /// summary), a measure's (measure, status, project), a risk's, milestone's or conflict's id.
    pub code: Option<String>,
    pub goal: Option<String>,
    pub measure: Option<String>,
    /// The thematic area's number.
    pub area: Option<i32>,
    pub published: bool,
}

/// A plan's data changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanEvent {
    pub plan_id: i32,
    pub plan: String,
    pub revision: i64,
    /// RFC 3339, when this process heard it.
    pub at: String,
    /// `None`: something changed, not known what (a re-read found the revision grown).
    pub changes: Option<Vec<Change>>,
}

impl PlanEvent {
    /// What a reader hears of this event: one who reads the plan's internal data everything,
    /// the public only the changes to published data and nothing when there are none (nor when
    /// nobody knows what changed: it may have been a draft).
    pub fn for_reader(&self, internal: bool) -> Option<PlanEvent> {
        if internal {
            return Some(self.clone());
        }
        let public: Vec<Change> = self
            .changes
            .as_ref()?
            .iter()
            .filter(|c| c.published)
            .cloned()
            .collect();
        (!public.is_empty()).then(|| PlanEvent {
            changes: Some(public),
            ..self.clone()
        })
    }

    /// Whether published data changed (as far as known).
    pub fn published(&self) -> bool {
        self.changes
            .as_ref()
            .is_some_and(|c| c.iter().any(|c| c.published))
    }
}

/// Describes a changed record by the model of its plan at (or after) the write's revision.
/// A record the model no longer holds (deleted since) keeps its kind and loses its codes.
pub fn describe(model: &PlanModel, changed: &Changed) -> Change {
    let mut place = Place::default();
    let kind = match changed.entity.as_str() {
        "indicator_value" => {
            if let Some(v) = find(&model.values_by_indicator, changed.id, |v| v.id) {
                place.indicator(model, v.impact_indicator_id);
            }
            ChangeKind::IndicatorValue
        }
        "impact_indicator" => {
            place.indicator(model, changed.id);
            ChangeKind::Goal
        }
        "target_revision" => {
            if let Some(r) = find(&model.revisions_by_indicator, changed.id, |r| r.id) {
                place.indicator(model, r.impact_indicator_id);
            }
            ChangeKind::Goal
        }
        "specific_goal" => {
            place.goal(model, changed.id);
            ChangeKind::Goal
        }
        "summary" => {
            if let Some(s) = find(&model.summaries_by_goal, changed.id, |s| s.id) {
                place.goal(model, s.specific_goal_id);
            }
            ChangeKind::Summary
        }
        "measure" => {
            place.measure(model, changed.id);
            ChangeKind::Measure
        }
        "measure_status" => {
            if let Some(s) = find(&model.statuses_by_measure, changed.id, |s| s.id) {
                place.measure(model, s.measure_id);
            }
            ChangeKind::Status
        }
        "project" => {
            if let Some(p) = find(&model.projects_by_measure, changed.id, |p| p.id) {
                place.measure(model, p.measure_id);
            }
            ChangeKind::Project
        }
        "risk" => ChangeKind::Risk,
        "milestone" => ChangeKind::Milestone,
        "conflict" => {
            if let Some(c) = find(&model.conflicts_by_plan, changed.id, |c| c.id) {
                place.subject(model, &c.subject_code);
            }
            ChangeKind::Conflict
        }
        "global_indicator_value" => ChangeKind::GlobalIndicator,
        "monitoring_wave" => ChangeKind::Wave,
        "report" => ChangeKind::Report,
        _ => ChangeKind::Plan,
    };
    let code = match kind {
        ChangeKind::Goal | ChangeKind::IndicatorValue | ChangeKind::Summary => place.goal.clone(),
        ChangeKind::Measure | ChangeKind::Status | ChangeKind::Project => place.measure.clone(),
        ChangeKind::Risk | ChangeKind::Milestone | ChangeKind::Conflict | ChangeKind::Report => {
            Some(changed.id.to_string())
        }
        ChangeKind::GlobalIndicator | ChangeKind::Wave | ChangeKind::Plan => None,
    };
    Change {
        kind,
        code,
        goal: place.goal,
        measure: place.measure,
        area: place.area,
        published: changed.public,
    }
}

/// The row `id` among every group of an index.
fn find<M>(
    index: &std::collections::HashMap<i32, Arc<[M]>>,
    id: i32,
    id_of: impl Fn(&M) -> i32,
) -> Option<&M> {
    index
        .values()
        .flat_map(|rows| rows.iter())
        .find(|r| id_of(r) == id)
}

/// Where a record sits in the plan's tree.
#[derive(Default)]
struct Place {
    goal: Option<String>,
    measure: Option<String>,
    area: Option<i32>,
}

impl Place {
    fn indicator(&mut self, model: &PlanModel, indicator_id: i32) {
        if let Some(i) = find(&model.indicators_by_goal, indicator_id, |i| i.id) {
            self.goal(model, i.specific_goal_id);
        }
    }

    fn goal(&mut self, model: &PlanModel, goal_id: i32) {
        if let Some(g) = model.specific_goals.get(&goal_id).and_then(|g| g.first()) {
            self.goal = Some(g.code.clone());
            self.area(model, g.area_id);
        }
    }

    fn measure(&mut self, model: &PlanModel, measure_id: i32) {
        if let Some(m) = model.measures.get(&measure_id).and_then(|m| m.first()) {
            self.measure = Some(m.code.clone());
            self.goal(model, m.specific_goal_id);
            self.area(model, m.area_id);
        }
    }

    fn area(&mut self, model: &PlanModel, area_id: i32) {
        self.area = model
            .areas
            .get(&area_id)
            .and_then(|a| a.first())
            .and_then(|a: &e::area::Model| a.code.parse().ok());
    }

    /// A conflict's subject by its code: a measure's (four parts) or a specific goal's (three).
    fn subject(&mut self, model: &PlanModel, code: &str) {
        let Ok(parsed) = code.parse::<Code>() else {
            return;
        };
        if let Some(m) = model.measure(&parsed) {
            self.measure(model, m.id);
        } else if let Some(g) = model.specific_goal(&parsed) {
            self.goal(model, g.id);
        }
    }
}

/// The broadcast of this process's [`PlanEvent`]s. Its task starts with the first subscriber
/// and ends with the server.
#[derive(Clone)]
pub struct Hub(Arc<Inner>);

struct Inner {
    versions: Versions,
    read: Arc<ReadModel>,
    events: broadcast::Sender<Arc<PlanEvent>>,
    started: OnceLock<()>,
}

impl Hub {
    pub fn new(versions: Versions, read: Arc<ReadModel>) -> Hub {
        Hub(Arc::new(Inner {
            versions,
            read,
            events: broadcast::channel(BACKLOG).0,
            started: OnceLock::new(),
        }))
    }

    /// Hears every event from now on; the first call starts the hub's task (inside the runtime).
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<PlanEvent>> {
        let events = self.0.events.subscribe();
        self.0.started.get_or_init(|| {
            let revised = self.0.versions.revised();
            tokio::spawn(run(Arc::downgrade(&self.0), revised));
        });
        events
    }

    /// Subscriptions of this process now.
    pub fn subscribers(&self) -> usize {
        self.0.events.receiver_count()
    }

    /// The plan's model, for the subscription to resolve its slug.
    pub fn read(&self) -> &ReadModel {
        &self.0.read
    }
}

/// Turns revisions into events for as long as the hub exists.
async fn run(hub: Weak<Inner>, mut revised: broadcast::Receiver<Revised>) {
    loop {
        let heard = revised.recv().await;
        let Some(hub) = hub.upgrade() else {
            return;
        };
        let revised = match heard {
            Ok(r) => r,
            Err(broadcast::error::RecvError::Closed) => return,
            Err(broadcast::error::RecvError::Lagged(n)) => {
                tracing::warn!(
                    missed = n,
                    "the live updates fell behind the plans' revisions"
                );
                continue;
            }
        };
        if hub.events.receiver_count() == 0 {
            continue;
        }
        match event(&hub.read, &revised).await {
            Ok(Some(event)) => {
                let _ = hub.events.send(Arc::new(event));
            }
            Ok(None) => {}
            Err(e) => {
                tracing::warn!(error = %e, plan = revised.plan_id, "cannot describe a change")
            }
        }
    }
}

/// The event of a revision: its changes described by the plan's model.
async fn event(read: &ReadModel, revised: &Revised) -> Result<Option<PlanEvent>, sea_orm::DbErr> {
    let Some(model) = read.plan(revised.plan_id, None).await? else {
        return Ok(None);
    };
    let Some(plan) = model.plan() else {
        return Ok(None);
    };
    Ok(Some(PlanEvent {
        plan_id: revised.plan_id,
        plan: plan.slug.clone(),
        revision: revised.revision,
        at: crate::store::write::timestamp(),
        changes: revised
            .changes
            .as_ref()
            .map(|c| c.iter().map(|c| describe(&model, c)).collect()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(kind: ChangeKind, published: bool) -> Change {
        Change {
            kind,
            code: Some("2.1.3".into()),
            goal: Some("2.1.3".into()),
            measure: None,
            area: Some(2),
            published,
        }
    }

    fn event(changes: Option<Vec<Change>>) -> PlanEvent {
        PlanEvent {
            plan_id: 1,
            plan: "ostrava".into(),
            revision: 9,
            at: "2026-12-04T14:05:00Z".into(),
            changes,
        }
    }

    #[test]
    fn the_public_hears_published_changes_only() {
        let mixed = event(Some(vec![
            change(ChangeKind::IndicatorValue, false),
            change(ChangeKind::Status, true),
        ]));
        let public = mixed.for_reader(false).expect("a published change");
        assert_eq!(public.changes.as_ref().map(Vec::len), Some(1));
        assert!(public.published());
        assert_eq!(
            mixed.for_reader(true),
            Some(mixed.clone()),
            "staff hear all"
        );

        let drafts = event(Some(vec![change(ChangeKind::IndicatorValue, false)]));
        assert_eq!(
            drafts.for_reader(false),
            None,
            "a draft is never told to the public"
        );
        assert!(drafts.for_reader(true).is_some());

        let unknown = event(None);
        assert_eq!(unknown.for_reader(false), None, "it may have been a draft");
        assert!(!unknown.published());
        assert!(unknown.for_reader(true).is_some());
    }
}
