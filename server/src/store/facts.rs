//! What the dashboards aggregate for a plan, loaded in a fixed number of queries.
//!
//! [`PlanFacts::load_many`] reads the plans' goals, indicators and their values, measures, statuses,
//! funding sources, projects, allocations, conflicts and action plans (ten statements, whatever
//! the number or size of the plans) and computes with `shared::progress` the progress of every indicator and goal and the
//! roll-ups, status counts and money per strategic goal, area and plan. Resolvers only look
//! things up in it.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{DatabaseConnection, DbErr};
use shared::money::Total;
use shared::progress::{
    self, GoalProgress, IndicatorInput, IndicatorProgress, Reading, Rollup, TargetKind, Window,
};
use shared::status::StatusKind;
use shared::{Code, Czk, Date};

use crate::entity::*;

/// Counts of measures per status group.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub not_implemented: usize,
    pub in_progress: usize,
    pub completed: usize,
    /// Measures the report gives no status for.
    pub unknown: usize,
}

impl StatusCounts {
    fn add(&mut self, kind: Option<StatusKind>) {
        match kind {
            Some(StatusKind::NotImplemented) => self.not_implemented += 1,
            Some(StatusKind::InProgress) => self.in_progress += 1,
            Some(StatusKind::Completed) => self.completed += 1,
            None => self.unknown += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.not_implemented + self.in_progress + self.completed + self.unknown
    }
}

/// Money planned, allocated and drawn, each figure a checked sum (`shared::money::Total`): a
/// figure whose sum overflows reads as an error, never as a wrapped amount.
pub use shared::money::Money;

/// The facts of one group (strategic goal, area, plan).
#[derive(Debug, Clone, Default)]
pub struct GroupFacts {
    pub progress: Option<Rollup>,
    pub statuses: StatusCounts,
    pub money: Money,
    pub conflicts: usize,
}

/// Everything aggregated for one plan.
#[derive(Debug, Default)]
pub struct PlanFacts {
    pub indicator_progress: HashMap<i32, IndicatorProgress>,
    pub goal_progress: HashMap<i32, GoalProgress>,
    /// The status row that counts for a measure: its latest report date, first row printed.
    pub measure_status: HashMap<i32, StatusFact>,
    pub measure_money: HashMap<i32, Money>,
    pub strategic_goals: HashMap<i32, GroupFacts>,
    pub areas: HashMap<i32, GroupFacts>,
    pub plan: GroupFacts,
    /// Money by funding source of the cards (a measure with two sources counts under both).
    pub by_source: BTreeMap<String, Money>,
    /// Drawn and allocated money by operational programme.
    pub by_programme: BTreeMap<String, Money>,
    /// The latest monitoring date of any published indicator value.
    pub latest_monitoring: Option<Date>,
}

impl PlanFacts {
    /// Loads and computes the facts of a plan with the measures of action plan `action_plan`
    /// (`None`: of every approved one).
    pub async fn load(
        db: &DatabaseConnection,
        plan_id: i32,
        action_plan: Option<i32>,
    ) -> Result<PlanFacts, DbErr> {
        let key = (plan_id, action_plan);
        Ok(PlanFacts::load_many(db, &[key])
            .await?
            .remove(&key)
            .unwrap_or_default())
    }

    /// The facts of a plan computed from its read model, with no statement.
    pub fn of_model(m: &super::model::PlanModel) -> PlanFacts {
        compute(&Inputs::of_model(m))
    }

    /// Loads and computes the facts of several plans (each with one action plan's measures,
    /// as in [`PlanFacts::load`]; one key per plan) in the same ten statements as one plan:
    /// children are selected by subqueries on the plans (no id lists that grow with the rows),
    /// then split by plan.
    pub async fn load_many(
        db: &DatabaseConnection,
        keys: &[(i32, Option<i32>)],
    ) -> Result<HashMap<(i32, Option<i32>), PlanFacts>, DbErr> {
        let rows = Inputs::load(db, keys).await?;
        let plan_ids: Vec<i32> = keys.iter().map(|(p, _)| *p).collect();
        let key_of: HashMap<i32, (i32, Option<i32>)> = keys.iter().map(|k| (k.0, *k)).collect();
        Ok(rows
            .split_by_plan(&plan_ids)
            .into_iter()
            .filter_map(|(id, input)| Some((*key_of.get(&id)?, compute(&input))))
            .collect())
    }
}

mod inputs;

use inputs::fact_row;
pub use inputs::{IndicatorRow, Inputs, MeasureRow, StatusFact, ValueRow, status_row};

/// Computes the facts from a plan's rows: progress, then money and statuses per group, then the
/// open conflicts per group.
pub fn compute(i: &Inputs) -> PlanFacts {
    let mut f = PlanFacts::default();
    compute_progress(i, &mut f);
    f.measure_status =
        shared::status::latest(i.statuses.iter().cloned(), |s| s.measure_id, fact_row);
    f.measure_money = measure_money(i, &mut f);
    group_statuses_and_money(i, &mut f);
    count_conflicts(i, &mut f);
    f
}

/// Progress of every indicator and goal (`shared::progress`), rolled up per strategic goal, area
/// and plan; and the latest monitoring date.
fn compute_progress(i: &Inputs, f: &mut PlanFacts) {
    let readings = readings(&i.values, &mut f.latest_monitoring);
    let mut inputs_by_goal: HashMap<i32, Vec<IndicatorInput>> = HashMap::new();
    for ind in &i.indicators {
        let p = progress::indicator_progress(
            ind.target_value,
            readings.get(&ind.id).map(Vec::as_slice).unwrap_or(&[]),
        );
        if let Some(p) = p {
            f.indicator_progress.insert(ind.id, p);
        }
        inputs_by_goal
            .entry(ind.specific_goal_id)
            .or_default()
            .push(IndicatorInput {
                is_key: ind.is_key,
                progress: p,
            });
    }
    let starts: HashMap<i32, i32> = i
        .action_plans
        .iter()
        .map(|a| (a.id, a.period_from))
        .collect();
    let mut by_strategic: HashMap<i32, Vec<GoalProgress>> = HashMap::new();
    let mut by_area: HashMap<i32, Vec<GoalProgress>> = HashMap::new();
    let mut all = Vec::new();
    for g in &i.goals {
        let p = progress::goal_progress(
            TargetKind::from_db(&g.target_kind).unwrap_or(TargetKind::CountBy),
            window(g, &starts),
            inputs_by_goal.get(&g.id).map(Vec::as_slice).unwrap_or(&[]),
        );
        f.goal_progress.insert(g.id, p);
        by_strategic.entry(g.strategic_goal_id).or_default().push(p);
        by_area.entry(g.area_id).or_default().push(p);
        all.push(p);
    }
    for (id, goals) in &by_strategic {
        f.strategic_goals.entry(*id).or_default().progress = Some(progress::rollup(goals));
    }
    for (id, goals) in &by_area {
        f.areas.entry(*id).or_default().progress = Some(progress::rollup(goals));
    }
    f.plan.progress = Some(progress::rollup(&all));
}

/// The dated readings of every indicator; `latest` becomes the latest date read.
fn readings(values: &[ValueRow], latest: &mut Option<Date>) -> HashMap<i32, Vec<Reading>> {
    let mut readings: HashMap<i32, Vec<Reading>> = HashMap::new();
    for v in values {
        if let Ok(date) = v.ref_date.parse::<Date>() {
            readings
                .entry(v.impact_indicator_id)
                .or_default()
                .push(Reading {
                    date,
                    value: v.value,
                });
            *latest = (*latest).max(Some(date));
        }
    }
    readings
}

/// A goal's window: from the start of its action plan's first year to its due date.
fn window(g: &specific_goal::Model, starts: &HashMap<i32, i32>) -> Option<Window> {
    match (
        starts
            .get(&g.action_plan_id)
            .and_then(|y| Date::new(*y, 1, 1)),
        g.due.as_deref().and_then(|d| d.parse().ok()),
    ) {
        (Some(start), Some(due)) => Some(Window { start, due }),
        _ => None,
    }
}

/// Money per measure (planned on its card, allocated unless bracketed, drawn by its projects);
/// on the way, money per programme and per funding source into `f`.
fn measure_money(i: &Inputs, f: &mut PlanFacts) -> HashMap<i32, Money> {
    let mut money: HashMap<i32, Money> = HashMap::new();
    for m in &i.measures {
        let entry = money.entry(m.id).or_default();
        if let Some(cost) = m.estimated_cost {
            entry.planned = Total::from(Czk::from_hellers(cost));
            entry.measures_with_cost = 1;
        }
    }
    for a in &i.allocations {
        let amount = Czk::from_hellers(a.amount);
        if !a.bracketed {
            let entry = money.entry(a.measure_id).or_default();
            entry.allocated.add(amount);
            let p = f.by_programme.entry(a.programme.clone()).or_default();
            p.allocated.add(amount);
        }
    }
    for p in &i.projects {
        let budget = Czk::from_hellers(p.budget);
        let entry = money.entry(p.measure_id).or_default();
        entry.drawn.add(budget);
        let prog = f.by_programme.entry(p.programme.clone()).or_default();
        prog.drawn.add(budget);
    }
    for fu in &i.fundings {
        if let Some(m) = money.get(&fu.measure_id) {
            f.by_source.entry(fu.source.clone()).or_default().add(m);
        }
    }
    money
}

/// Every measure's status (the one that counts) and money into its strategic goal, area and plan.
fn group_statuses_and_money(i: &Inputs, f: &mut PlanFacts) {
    for m in &i.measures {
        let kind = f
            .measure_status
            .get(&m.id)
            .and_then(|s| StatusKind::from_db(&s.status));
        let mm = f.measure_money.get(&m.id).copied().unwrap_or_default();
        for group in [
            f.strategic_goals.entry(m.strategic_goal_id).or_default(),
            f.areas.entry(m.area_id).or_default(),
        ] {
            group.statuses.add(kind);
            group.money.add(&mm);
        }
        f.plan.statuses.add(kind);
        f.plan.money.add(&mm);
    }
}

/// Open conflicts count toward the plan, and toward the area and strategic goal of the code they
/// are about (`shared::conflict::counts_toward`).
fn count_conflicts(i: &Inputs, f: &mut PlanFacts) {
    let area_ids: HashMap<String, i32> = i
        .goals
        .iter()
        .map(|g| (g.code.split('.').next().unwrap_or("").to_owned(), g.area_id))
        .collect();
    let sg_ids: HashMap<String, i32> = i
        .goals
        .iter()
        .filter_map(|g| {
            g.code
                .parse::<Code>()
                .ok()
                .and_then(|c| c.parent())
                .map(|p| (p.to_string(), g.strategic_goal_id))
        })
        .collect();
    for c in i
        .conflicts
        .iter()
        .filter(|c| c.resolved_statement_id.is_none())
    {
        f.plan.conflicts += 1;
        let toward = shared::conflict::counts_toward(&c.subject_type, &c.subject_code);
        if let Some(id) = toward.area.and_then(|a| area_ids.get(&a.to_string())) {
            f.areas.entry(*id).or_default().conflicts += 1;
        }
        if let Some(id) = toward
            .strategic_goal
            .and_then(|sg| sg_ids.get(&sg.to_string()))
        {
            f.strategic_goals.entry(*id).or_default().conflicts += 1;
        }
    }
}
