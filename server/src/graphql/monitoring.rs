//! The monitoring cycle: a plan's waves (public), how complete each is (public counts, drafts
//! not told apart), the matrix of what each organisation owes (staff: coordinators and
//! viewers every row, an implementer their organisations'), and the coordinators' edits of
//! waves. `Query.monitoring` is an entry point by plan slug: it reads the plan's model once and
//! everything under it answers from that model (`crate::monitoring`).

use std::sync::Arc;

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};
use sea_orm::Set;
use shared::Date;
use shared::validate::{self, Rule};
use shared::wave::{Counts, Phase, StaleRule, Window};

use super::entry::{check, invalid};
use super::scalars::Source;
use super::{auth, db, plan_id, plan_model};
use crate::auth::{Need, policy};
use crate::entity::monitoring_wave;
use crate::error::{ApiError, ApiResult};
use crate::monitoring::{self as mon, ItemKind};
use crate::store::model::PlanModel;
use crate::store::write::Write;

/// Where a wave stands today.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "shared::wave::Phase")]
pub enum WavePhase {
    Upcoming,
    Open,
    Closed,
}

/// Whether an expected item is delivered in a wave.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "shared::wave::ItemState")]
pub enum WaveItemState {
    Published,
    Draft,
    Due,
    Late,
}

/// What an expected item is.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum WaveItemKind {
    /// A value of an impact indicator.
    Indicator,
    /// A status of a measure.
    Status,
}

/// How many expected items are in each state.
#[derive(SimpleObject, Clone, Copy)]
pub struct WaveCounts {
    pub expected: u32,
    pub published: u32,
    /// Drafts awaiting a coordinator (always 0 in the public counts).
    pub drafts: u32,
    /// Nothing delivered yet, deadline ahead.
    pub due: u32,
    /// Nothing delivered, deadline passed.
    pub late: u32,
    /// `due + late`.
    pub missing: u32,
    /// Percent of expected items published, rounded down.
    pub published_percent: u32,
}

impl From<Counts> for WaveCounts {
    fn from(c: Counts) -> WaveCounts {
        WaveCounts {
            expected: c.expected,
            published: c.published,
            drafts: c.drafts,
            due: c.due,
            late: c.late,
            missing: c.missing(),
            published_percent: c.published_percent(),
        }
    }
}

/// The monitoring cycle of a plan on the schema's today.
pub struct Monitoring {
    model: Arc<PlanModel>,
    waves: Arc<[WaveAt]>,
    today: Date,
}

/// A wave with its window and phase today.
#[derive(Clone)]
struct WaveAt {
    row: monitoring_wave::Model,
    opens: Date,
    window: Window,
    phase: Phase,
}

impl Monitoring {
    fn wave_at(&self, i: usize) -> MonitoringWave {
        MonitoringWave {
            model: self.model.clone(),
            at: self.waves[i].clone(),
        }
    }

    fn dates(&self) -> Vec<(Date, Date)> {
        self.waves
            .iter()
            .map(|w| (w.opens, w.window.until))
            .collect()
    }
}

#[Object]
impl Monitoring {
    /// Every wave of the plan, by deadline.
    async fn waves(&self) -> Vec<MonitoringWave> {
        (0..self.waves.len()).map(|i| self.wave_at(i)).collect()
    }
    /// The wave pages show first: the open one, else the one closed most recently, else the
    /// next to open.
    async fn current(&self) -> Option<MonitoringWave> {
        shared::wave::current(&self.dates(), self.today).map(|i| self.wave_at(i))
    }
    /// The wave of this id, if it is the plan's; without an id (or with 0) the current one.
    async fn wave(&self, id: Option<i32>) -> Option<MonitoringWave> {
        match id.filter(|id| *id != 0) {
            Some(id) => self
                .waves
                .iter()
                .position(|w| w.row.id == id)
                .map(|i| self.wave_at(i)),
            None => shared::wave::current(&self.dates(), self.today).map(|i| self.wave_at(i)),
        }
    }
    /// The wave whose deadline passed most recently.
    async fn last_closed(&self) -> Option<MonitoringWave> {
        self.waves
            .iter()
            .rposition(|w| w.phase == Phase::Closed)
            .map(|i| self.wave_at(i))
    }
    /// Figures whose latest value is dated on or before this day are older than the last
    /// closed wave (stale); none while no wave but the first has closed.
    async fn stale_on_or_before(&self) -> Option<String> {
        StaleRule::on(&self.dates(), self.today).map(|r| r.on_or_before.to_string())
    }
}

/// A monitoring wave: a collection of the plan's data with an opening day and a deadline.
pub struct MonitoringWave {
    model: Arc<PlanModel>,
    at: WaveAt,
}

impl MonitoringWave {
    fn compute(&self) -> mon::Matrix {
        mon::matrix(&self.model, self.at.window, self.at.phase)
    }
}

#[Object]
impl MonitoringWave {
    async fn id(&self) -> i32 {
        self.at.row.id
    }
    /// Raised by every edit; an edit names the version it read.
    async fn version(&self) -> i32 {
        self.at.row.version
    }
    /// "3. vlna, 1. pol. 2026".
    async fn name(&self) -> &str {
        &self.at.row.name
    }
    /// The date the values refer to, when stated.
    async fn as_of(&self) -> Option<&str> {
        self.at.row.as_of.as_deref()
    }
    /// The day collection opens.
    async fn opens_on(&self) -> &str {
        &self.at.row.opens_on
    }
    /// The last day to deliver.
    async fn deadline(&self) -> &str {
        &self.at.row.deadline
    }
    async fn phase(&self) -> WavePhase {
        self.at.phase.into()
    }
    /// The wave collects values dated after this day (the previous wave's deadline; none for
    /// the first) up to its deadline.
    async fn collects_after(&self) -> Option<String> {
        self.at.window.after.map(|d| d.to_string())
    }
    /// Where the wave is stated: the plan's documents, or the app (created by a coordinator).
    async fn source(&self) -> Source {
        Source {
            document_id: self.at.row.document_id,
            locator: self.at.row.locator.clone(),
            ref_date: None,
        }
    }
    /// How complete the wave is, as the public may know it: published items only (a draft
    /// counts as not yet delivered), never who owes what.
    async fn completeness(&self) -> WaveCounts {
        self.compute().counts.public(self.at.phase).into()
    }
    /// What each organisation owes in the wave and what it delivered: every row for those who
    /// read the plan's internal data, an implementer's own organisations' rows for them (none
    /// for someone who reports for no organisation of the plan); anonymous callers are
    /// `UNAUTHENTICATED`.
    async fn matrix(&self, ctx: &Context<'_>) -> ApiResult<WaveMatrix> {
        let a = auth(ctx);
        let actor = a.signed_in()?;
        let plan_id = self.model.plan_id;
        let all = policy::allows(Some(actor), &Need::ReadInternal { plan_id });
        let sees = |org: Option<i32>| {
            all || org.is_some_and(|o| {
                policy::allows(
                    Some(actor),
                    &Need::ReportFor {
                        plan_id,
                        implementers: vec![o],
                    },
                )
            })
        };
        let matrix = self.compute();
        let rows: Vec<mon::Row> = matrix
            .rows
            .into_iter()
            .filter(|r| sees(r.organisation_id))
            .collect();
        let counts = if all {
            matrix.counts
        } else {
            mon::count(&rows)
        };
        Ok(WaveMatrix {
            counts: counts.into(),
            rows: rows
                .into_iter()
                .map(|row| WaveRow {
                    model: self.model.clone(),
                    row,
                    wave_id: self.at.row.id,
                })
                .collect(),
        })
    }
}

/// What each organisation owes in a wave.
#[derive(SimpleObject)]
pub struct WaveMatrix {
    /// Each indicator counted once, each status once per organisation.
    pub counts: WaveCounts,
    /// By organisation name; the row of what no organisation implements last.
    pub rows: Vec<WaveRow>,
}

/// An organisation's items in a wave.
pub struct WaveRow {
    model: Arc<PlanModel>,
    row: mon::Row,
    wave_id: i32,
}

#[Object]
impl WaveRow {
    /// None for the row of what no organisation implements (the coordinators').
    async fn organisation_id(&self) -> Option<i32> {
        self.row.organisation_id
    }
    async fn organisation_name(&self) -> Option<String> {
        let id = self.row.organisation_id?;
        self.model
            .organisations
            .get(&id)
            .and_then(|o| o.first())
            .map(|o| o.name.clone())
    }
    async fn counts(&self) -> WaveCounts {
        self.row.counts.into()
    }
    /// In plan order: per specific goal its indicators, then the organisation's measures.
    async fn items(&self) -> Vec<WaveItem> {
        self.row
            .items
            .iter()
            .map(|i| WaveItem {
                model: self.model.clone(),
                item: i.clone(),
                wave_id: self.wave_id,
            })
            .collect()
    }
}

/// One expected item: an indicator's value or a measure's status.
pub struct WaveItem {
    model: Arc<PlanModel>,
    item: mon::Item,
    wave_id: i32,
}

impl WaveItem {
    fn goal(&self) -> Option<&crate::entity::specific_goal::Model> {
        self.model
            .specific_goals
            .get(&self.item.goal_id)
            .and_then(|g| g.first())
    }
    fn indicator(&self) -> Option<&crate::entity::impact_indicator::Model> {
        let ItemKind::Indicator { indicator_id } = self.item.kind else {
            return None;
        };
        self.model
            .indicators_by_goal
            .get(&self.item.goal_id)?
            .iter()
            .find(|i| i.id == indicator_id)
    }
    fn measure(&self) -> Option<&crate::entity::measure::Model> {
        let ItemKind::Status { measure_id } = self.item.kind else {
            return None;
        };
        self.model.measures.get(&measure_id).and_then(|m| m.first())
    }
}

#[Object]
impl WaveItem {
    async fn kind(&self) -> WaveItemKind {
        match self.item.kind {
            ItemKind::Indicator { .. } => WaveItemKind::Indicator,
            ItemKind::Status { .. } => WaveItemKind::Status,
        }
    }
    async fn state(&self) -> WaveItemState {
        self.item.state.into()
    }
    /// The value or status row that delivers it (the published one first).
    async fn record_id(&self) -> Option<i32> {
        self.item.record_id
    }
    /// The specific goal's code ("2.1.3").
    async fn goal_code(&self) -> String {
        self.goal().map(|g| g.code.clone()).unwrap_or_default()
    }
    /// The area's number ("2").
    async fn area_code(&self) -> String {
        let code = self.goal().map(|g| g.code.as_str()).unwrap_or_default();
        code.split('.').next().unwrap_or_default().to_owned()
    }
    async fn indicator_id(&self) -> Option<i32> {
        self.indicator().map(|i| i.id)
    }
    /// The indicator's name or the measure's.
    async fn name(&self) -> String {
        match (self.indicator(), self.measure()) {
            (Some(i), _) => i.name.clone(),
            (_, Some(m)) => m.name.clone(),
            _ => String::new(),
        }
    }
    /// The indicator's unit.
    async fn unit(&self) -> Option<&str> {
        self.indicator().map(|i| i.unit.as_str())
    }
    /// Whether the indicator is the goal's key indicator.
    async fn is_key(&self) -> bool {
        self.indicator().is_some_and(|i| i.is_key)
    }
    /// The measure's code ("2.1.3.4").
    async fn measure_code(&self) -> Option<&str> {
        self.measure().map(|m| m.code.as_str())
    }
    /// Where it is entered: the data-entry page at the wave and the goal.
    async fn entry_path(&self) -> String {
        let goal = self.goal().map(|g| g.code.as_str()).unwrap_or_default();
        format!("/zadavani?vlna={}&cil={goal}", self.wave_id)
    }
}

#[derive(Default)]
pub struct MonitoringQuery;

#[Object]
impl MonitoringQuery {
    /// The plan's monitoring cycle: its waves, the current one, and which figures are stale.
    async fn monitoring(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
    ) -> ApiResult<Monitoring> {
        let plan_id = plan_id(ctx, &plan).await?;
        let model = plan_model(ctx, plan_id)
            .await?
            .ok_or_else(|| ApiError::not_found(format!("plan `{plan}`")))?;
        let today = super::today(ctx);
        let waves = mon::waves(&model, today)
            .into_iter()
            .map(|(row, window, phase)| WaveAt {
                opens: row.opens_on.parse().unwrap_or(window.until),
                row,
                window,
                phase,
            })
            .collect();
        Ok(Monitoring {
            model,
            waves,
            today,
        })
    }
}

/// A monitoring wave to create or change.
#[derive(InputObject)]
pub struct MonitoringWaveEdit {
    #[graphql(default_with = "\"ostrava\".to_string()")]
    pub plan: String,
    /// The wave to change and the version read; omitted to create one.
    pub record: Option<super::entry::RecordVersion>,
    /// "3. vlna, 1. pol. 2026".
    pub name: String,
    /// The date the values refer to (optional), not after the deadline.
    pub as_of: Option<String>,
    pub opens_on: String,
    pub deadline: String,
}

#[derive(Default)]
pub struct MonitoringMutation;

#[Object]
impl MonitoringMutation {
    /// Creates a monitoring wave (no `record`) or changes one (coordinators and admins). Its
    /// collection period may not share a day with another wave's; a plan has at most 50 waves.
    async fn save_monitoring_wave(
        &self,
        ctx: &Context<'_>,
        input: MonitoringWaveEdit,
    ) -> ApiResult<MonitoringWaveSaved> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let name = check(validate::line("name", &input.name))?;
        let (as_of, opens, deadline) = check(validate::wave_dates(
            input.as_of.as_deref(),
            &input.opens_on,
            &input.deadline,
        ))?;
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let before = match &input.record {
            Some(r) => {
                let row = w.find::<monitoring_wave::Entity>(r.id, "wave").await?;
                if row.plan_id != plan_id {
                    return Err(invalid("record.id", Rule::UnknownId));
                }
                Some((row, r.version))
            }
            None => None,
        };
        let others = crate::store::wave::of_plan(&w.txn, plan_id)
            .await
            .map_err(ApiError::from)?;
        let others: Vec<(String, Date, Date)> = others
            .into_iter()
            .filter(|o| before.as_ref().is_none_or(|(b, _)| b.id != o.id))
            .filter_map(|o| Some((o.name, o.opens_on.parse().ok()?, o.deadline.parse().ok()?)))
            .collect();
        check(validate::wave_apart(
            (opens, deadline),
            others.iter().map(|(n, o, d)| (n.as_str(), *o, *d)),
            before.is_none(),
        ))?;
        let mut fields = monitoring_wave::ActiveModel {
            name: Set(name),
            as_of: Set(as_of.map(|d| d.to_string())),
            opens_on: Set(opens.to_string()),
            deadline: Set(deadline.to_string()),
            ..Default::default()
        };
        if before.is_none() {
            fields.plan_id = Set(plan_id);
            fields.document_id = Set(super::entry::entry_document(&w.txn, plan_id).await?);
            fields.locator = Set("Vlna založená v psz-monitor".to_owned());
        }
        let row = w
            .save_versioned::<monitoring_wave::Entity>(
                "monitoring_wave",
                before.as_ref().map(|(b, v)| (b, *v)),
                fields,
            )
            .await?;
        w.commit().await?;
        Ok(MonitoringWaveSaved {
            id: row.id,
            version: row.version,
            name: row.name,
            as_of: row.as_of,
            opens_on: row.opens_on,
            deadline: row.deadline,
        })
    }
}

/// A wave as saved.
#[derive(SimpleObject)]
pub struct MonitoringWaveSaved {
    pub id: i32,
    pub version: i32,
    pub name: String,
    pub as_of: Option<String>,
    pub opens_on: String,
    pub deadline: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::wave::ItemState;

    #[test]
    fn counts_carry_missing_and_percent() {
        let mut c = Counts::default();
        for s in [ItemState::Published, ItemState::Late, ItemState::Due] {
            c.add(s);
        }
        let w = WaveCounts::from(c);
        assert_eq!((w.expected, w.missing, w.published_percent), (3, 2, 33));
    }
}
