//! What the dashboards aggregate for a plan, loaded in a fixed number of queries.
//!
//! [`PlanFacts::load_many`] reads the plans' goals, indicators and their values, measures, statuses,
//! funding sources, projects, allocations, conflicts and action plans (ten statements, whatever
//! the number or size of the plans) and computes with `shared::progress` the progress of every indicator and goal and the
//! roll-ups, status counts and money per strategic goal, area and plan. Resolvers only look
//! things up in it.

use std::collections::{BTreeMap, HashMap};

use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, Statement,
};
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
    /// Loads and computes the facts of a plan.
    pub async fn load(db: &DatabaseConnection, plan_id: i32) -> Result<PlanFacts, DbErr> {
        Ok(PlanFacts::load_many(db, &[plan_id])
            .await?
            .remove(&plan_id)
            .unwrap_or_default())
    }

    /// The facts of a plan computed from its read model, with no statement.
    pub fn of_model(m: &super::model::PlanModel) -> PlanFacts {
        compute(&Inputs::of_model(m))
    }

    /// Loads and computes the facts of several plans in the same ten statements as one plan:
    /// children are selected by subqueries on the plans (no id lists that grow with the rows),
    /// then split by plan.
    pub async fn load_many(
        db: &DatabaseConnection,
        plan_ids: &[i32],
    ) -> Result<HashMap<i32, PlanFacts>, DbErr> {
        let rows = Inputs::load(db, plan_ids).await?;
        Ok(rows
            .split_by_plan(plan_ids)
            .into_iter()
            .map(|(id, input)| (id, compute(&input)))
            .collect())
    }
}

impl Inputs {
    /// The rows of several plans together, in ten statements.
    async fn load(db: &DatabaseConnection, plan_ids: &[i32]) -> Result<Inputs, DbErr> {
        let plans = || plan_ids.iter().copied();
        let goals_of_plans = Query::select()
            .column(specific_goal::Column::Id)
            .from(specific_goal::Entity)
            .and_where(specific_goal::Column::PlanId.is_in(plans()))
            .to_owned();
        let measures_of_plans = Query::select()
            .column(measure::Column::Id)
            .from(measure::Entity)
            .and_where(measure::Column::PlanId.is_in(plans()))
            .to_owned();
        // Independent statements, sent together: they run side by side on the pool's
        // connections (each waits for a free one; none holds one while waiting for another).
        let (
            goals,
            indicators,
            values,
            measures,
            statuses,
            fundings,
            projects,
            allocations,
            conflicts,
            action_plans,
        ) = tokio::try_join!(
            specific_goal::Entity::find()
                .filter(specific_goal::Column::PlanId.is_in(plans()))
                .all(db),
            impact_indicator::Entity::find()
                .select_only()
                .columns([
                    impact_indicator::Column::Id,
                    impact_indicator::Column::SpecificGoalId,
                    impact_indicator::Column::IsKey,
                    impact_indicator::Column::TargetValue,
                ])
                .filter(
                    impact_indicator::Column::SpecificGoalId.in_subquery(goals_of_plans.clone())
                )
                .into_model::<IndicatorRow>()
                .all(db),
            latest_values(db, plan_ids),
            measure::Entity::find()
                .select_only()
                .columns([
                    measure::Column::Id,
                    measure::Column::PlanId,
                    measure::Column::AreaId,
                    measure::Column::StrategicGoalId,
                    measure::Column::EstimatedCost,
                ])
                .filter(measure::Column::PlanId.is_in(plans()))
                .into_model::<MeasureRow>()
                .all(db),
            measure_status::Entity::find()
                .select_only()
                .columns([
                    measure_status::Column::Id,
                    measure_status::Column::MeasureId,
                    measure_status::Column::RefDate,
                    measure_status::Column::Position,
                    measure_status::Column::Status,
                ])
                .filter(measure_status::Column::MeasureId.in_subquery(measures_of_plans.clone()))
                .filter(measure_status::Column::Published.eq(true))
                .order_by_asc(measure_status::Column::Position)
                .into_model::<StatusFact>()
                .all(db),
            measure_funding::Entity::find()
                .filter(measure_funding::Column::MeasureId.in_subquery(measures_of_plans.clone()))
                .all(db),
            project::Entity::find()
                .filter(project::Column::MeasureId.in_subquery(measures_of_plans.clone()))
                .filter(project::Column::Published.eq(true))
                .all(db),
            allocation::Entity::find()
                .filter(allocation::Column::MeasureId.in_subquery(measures_of_plans))
                .all(db),
            conflict::Entity::find()
                .filter(conflict::Column::PlanId.is_in(plans()))
                .all(db),
            action_plan::Entity::find()
                .filter(action_plan::Column::PlanId.is_in(plans()))
                .all(db),
        )?;
        Ok(Inputs {
            goals,
            indicators,
            values,
            measures,
            statuses,
            fundings,
            projects,
            allocations,
            conflicts,
            action_plans,
        })
    }

    /// The rows of one plan as its read model holds them: the same rows [`Inputs::load`] reads,
    /// without a statement (drafts left out as there).
    pub fn of_model(m: &super::model::PlanModel) -> Inputs {
        fn all<M: Clone>(index: &HashMap<i32, std::sync::Arc<[M]>>) -> Vec<M> {
            index
                .values()
                .flat_map(|rows| rows.iter().cloned())
                .collect()
        }
        let mut statuses: Vec<StatusFact> = m
            .statuses_by_measure
            .values()
            .flat_map(|rows| rows.iter().filter(|s| s.published).map(StatusFact::from))
            .collect();
        statuses.sort_by_key(|s| (s.position, s.id));
        Inputs {
            goals: all(&m.specific_goals),
            indicators: m
                .indicators_by_goal
                .values()
                .flat_map(|rows| rows.iter().map(IndicatorRow::from))
                .collect(),
            values: m
                .values_by_indicator
                .values()
                .flat_map(|rows| rows.iter().filter(|v| v.published).map(ValueRow::from))
                .collect(),
            measures: m
                .measures
                .values()
                .flat_map(|rows| rows.iter().map(MeasureRow::from))
                .collect(),
            statuses,
            fundings: all(&m.fundings_by_measure),
            projects: all(&m.projects_by_measure)
                .into_iter()
                .filter(|p| p.published)
                .collect(),
            allocations: all(&m.allocations_by_measure),
            conflicts: all(&m.conflicts_by_plan),
            action_plans: all(&m.action_plans_by_plan),
        }
    }

    /// The rows of several plans, each to the plan it belongs to (through its goal, indicator or
    /// measure); every plan asked for has an entry, rows of others are dropped.
    fn split_by_plan(self, plan_ids: &[i32]) -> HashMap<i32, Inputs> {
        let Inputs {
            goals,
            indicators,
            values,
            measures,
            statuses,
            fundings,
            projects,
            allocations,
            conflicts,
            action_plans,
        } = self;
        let plans = || plan_ids.iter().copied();
        let goal_plan: HashMap<i32, i32> = goals.iter().map(|g| (g.id, g.plan_id)).collect();
        let indicator_plan: HashMap<i32, i32> = indicators
            .iter()
            .filter_map(|i| goal_plan.get(&i.specific_goal_id).map(|p| (i.id, *p)))
            .collect();
        let measure_plan: HashMap<i32, i32> = measures.iter().map(|m| (m.id, m.plan_id)).collect();
        let mut inputs: HashMap<i32, Inputs> = plans().map(|id| (id, Inputs::default())).collect();
        split(goals, &mut inputs, |g| Some(g.plan_id), |i| &mut i.goals);
        split(
            indicators,
            &mut inputs,
            |r| goal_plan.get(&r.specific_goal_id).copied(),
            |i| &mut i.indicators,
        );
        split(
            values,
            &mut inputs,
            |r| indicator_plan.get(&r.impact_indicator_id).copied(),
            |i| &mut i.values,
        );
        split(
            measures,
            &mut inputs,
            |m| Some(m.plan_id),
            |i| &mut i.measures,
        );
        let by_measure = |id: &i32| measure_plan.get(id).copied();
        split(
            statuses,
            &mut inputs,
            |r| by_measure(&r.measure_id),
            |i| &mut i.statuses,
        );
        split(
            fundings,
            &mut inputs,
            |r| by_measure(&r.measure_id),
            |i| &mut i.fundings,
        );
        split(
            projects,
            &mut inputs,
            |r| by_measure(&r.measure_id),
            |i| &mut i.projects,
        );
        split(
            allocations,
            &mut inputs,
            |r| by_measure(&r.measure_id),
            |i| &mut i.allocations,
        );
        split(
            conflicts,
            &mut inputs,
            |c| Some(c.plan_id),
            |i| &mut i.conflicts,
        );
        split(
            action_plans,
            &mut inputs,
            |a| Some(a.plan_id),
            |i| &mut i.action_plans,
        );
        inputs
    }
}

/// What progress needs of the published values of the plans' indicators: per indicator its
/// latest value with a number and the date of its latest value of any kind (a reading without a
/// number still dates the monitoring), as at most two [`ValueRow`]s. [`compute`] gives from them
/// what it gives from every value, since it looks only at those two. The database keeps them in
/// `indicator_latest` (refreshed by triggers on every change of a value), so this reads one row
/// per indicator instead of one per value and monitoring date.
///
/// The plan ids are integers formatted into the text, never user input.
async fn latest_values(db: &DatabaseConnection, plan_ids: &[i32]) -> Result<Vec<ValueRow>, DbErr> {
    if plan_ids.is_empty() {
        return Ok(Vec::new());
    }
    let plans = plan_ids
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "SELECT impact_indicator_id, numeric_date, numeric_value, latest_date \
         FROM indicator_latest WHERE plan_id IN ({plans})"
    );
    let backend = db.get_database_backend();
    let rows = db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    let mut values = Vec::with_capacity(rows.len() * 2);
    for row in rows {
        let impact_indicator_id: i32 = row.try_get_by_index(0)?;
        let ref_date: Option<String> = row.try_get_by_index(1)?;
        let value: Option<f64> = row.try_get_by_index(2)?;
        let latest: String = row.try_get_by_index(3)?;
        if let (Some(ref_date), Some(value)) = (ref_date, value) {
            values.push(ValueRow {
                impact_indicator_id,
                ref_date,
                value: Some(value),
            });
        }
        values.push(ValueRow {
            impact_indicator_id,
            ref_date: latest,
            value: None,
        });
    }
    Ok(values)
}

/// Puts every row into the `field` of the inputs of its plan (`plan_of`); rows of no plan asked
/// for are dropped.
fn split<T>(
    rows: Vec<T>,
    inputs: &mut HashMap<i32, Inputs>,
    plan_of: impl Fn(&T) -> Option<i32>,
    field: fn(&mut Inputs) -> &mut Vec<T>,
) {
    for row in rows {
        if let Some(input) = plan_of(&row).and_then(|p| inputs.get_mut(&p)) {
            field(input).push(row);
        }
    }
}

/// What progress needs of an impact indicator (not its texts: across many plans they would be
/// most of the bytes read).
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct IndicatorRow {
    pub id: i32,
    pub specific_goal_id: i32,
    pub is_key: bool,
    pub target_value: Option<f64>,
}

impl From<&impact_indicator::Model> for IndicatorRow {
    fn from(i: &impact_indicator::Model) -> Self {
        IndicatorRow {
            id: i.id,
            specific_goal_id: i.specific_goal_id,
            is_key: i.is_key,
            target_value: i.target_value,
        }
    }
}

/// What the roll-ups need of a measure (not its card's texts).
#[derive(Debug, Clone, PartialEq, FromQueryResult)]
pub struct MeasureRow {
    pub id: i32,
    pub plan_id: i32,
    pub area_id: i32,
    pub strategic_goal_id: i32,
    pub estimated_cost: Option<i64>,
}

impl From<&measure::Model> for MeasureRow {
    fn from(m: &measure::Model) -> Self {
        MeasureRow {
            id: m.id,
            plan_id: m.plan_id,
            area_id: m.area_id,
            strategic_goal_id: m.strategic_goal_id,
            estimated_cost: m.estimated_cost,
        }
    }
}

/// What progress needs of an indicator value.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueRow {
    pub impact_indicator_id: i32,
    pub ref_date: String,
    pub value: Option<f64>,
}

impl From<&indicator_value::Model> for ValueRow {
    fn from(v: &indicator_value::Model) -> Self {
        ValueRow {
            impact_indicator_id: v.impact_indicator_id,
            ref_date: v.ref_date.clone(),
            value: v.value,
        }
    }
}

/// Where a status row stands for [`shared::status::latest`], the rule of the status that counts.
pub fn status_row(s: &measure_status::Model) -> shared::status::StatusRow<'_> {
    shared::status::StatusRow {
        ref_date: &s.ref_date,
        position: s.position,
        id: s.id,
        published: s.published,
    }
}

/// What the roll-ups need of a published status row (not its texts): which row counts for its
/// measure, and its kind. The row itself is read where it is shown (`Measure.status`).
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct StatusFact {
    pub id: i32,
    pub measure_id: i32,
    pub ref_date: String,
    pub position: i32,
    pub status: String,
}

impl From<&measure_status::Model> for StatusFact {
    fn from(s: &measure_status::Model) -> Self {
        StatusFact {
            id: s.id,
            measure_id: s.measure_id,
            ref_date: s.ref_date.clone(),
            position: s.position,
            status: s.status.clone(),
        }
    }
}

/// Where a published status fact stands for [`shared::status::latest`].
fn fact_row(s: &StatusFact) -> shared::status::StatusRow<'_> {
    shared::status::StatusRow {
        ref_date: &s.ref_date,
        position: s.position,
        id: s.id,
        published: true,
    }
}

/// The rows [`compute`] works on.
#[derive(Default)]
pub struct Inputs {
    pub goals: Vec<specific_goal::Model>,
    pub indicators: Vec<IndicatorRow>,
    pub values: Vec<ValueRow>,
    pub measures: Vec<MeasureRow>,
    /// Published status rows only.
    pub statuses: Vec<StatusFact>,
    pub fundings: Vec<measure_funding::Model>,
    pub projects: Vec<project::Model>,
    pub allocations: Vec<allocation::Model>,
    pub conflicts: Vec<conflict::Model>,
    pub action_plans: Vec<action_plan::Model>,
}

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
