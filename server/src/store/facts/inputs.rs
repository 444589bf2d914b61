//! The rows the facts are computed from ([`Inputs`]) and how they are read: from the database
//! for any number of plans in ten statements sent together, or from a plan's read model with
//! none. Only the columns the roll-ups use are read.

use std::collections::HashMap;

use sea_orm::sea_query::{Condition, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect, Statement,
};

use crate::entity::*;
use crate::store::model::InPlan;

impl Inputs {
    /// The rows of several plans together, each with one action plan's measures (`None`:
    /// every approved one's), in ten statements.
    pub(super) async fn load(
        db: &DatabaseConnection,
        keys: &[(i32, Option<i32>)],
    ) -> Result<Inputs, DbErr> {
        let plan_ids: Vec<i32> = keys.iter().map(|(p, _)| *p).collect();
        let plans = || plan_ids.iter().copied();
        // Each plan's measures: those of its action plan.
        let of_action_plans =
            keys.iter().fold(
                Condition::any(),
                |c, (plan, action_plan)| match action_plan {
                    Some(id) => c.add(measure::Column::ActionPlanId.eq(*id)),
                    None => c.add(measure::Column::PlanId.eq(*plan)),
                },
            );
        let goals_of_plans = Query::select()
            .column(specific_goal::Column::Id)
            .from(specific_goal::Entity)
            .and_where(specific_goal::Column::PlanId.is_in(plans()))
            .to_owned();
        let measures_of_plans = Query::select()
            .column(measure::Column::Id)
            .from(measure::Entity)
            .and_where(measure::Column::PlanId.is_in(plans()))
            .cond_where(measure::Entity::published())
            .cond_where(of_action_plans.clone())
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
                ])
                // The target in force (a revision's, else the plan's): `store::target`.
                .column_as(crate::store::target::value_in_force_sql(), "target_value")
                .filter(
                    impact_indicator::Column::SpecificGoalId.in_subquery(goals_of_plans.clone())
                )
                .into_model::<IndicatorRow>()
                .all(db),
            latest_values(db, &plan_ids),
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
                .filter(measure::Entity::published())
                .filter(of_action_plans)
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
                .filter(action_plan::Entity::published())
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
    pub fn of_model(m: &crate::store::model::PlanModel) -> Inputs {
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
                .flat_map(|rows| rows.iter())
                .map(|i| {
                    let revisions = m.revisions_by_indicator.get(&i.id);
                    IndicatorRow {
                        target_value: crate::store::target::in_force(
                            i,
                            revisions.map_or(&[], |r| &r[..]),
                        )
                        .value,
                        ..IndicatorRow::from(i)
                    }
                })
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
    pub(super) fn split_by_plan(self, plan_ids: &[i32]) -> HashMap<i32, Inputs> {
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
/// most of the bytes read); `target_value` is the target in force (`store::target`).
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
pub(super) fn fact_row(s: &StatusFact) -> shared::status::StatusRow<'_> {
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
