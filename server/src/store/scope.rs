//! What the policy needs to know about a record before a write: which plan it belongs to and
//! which organisations implement it. Which organisation implements a measure is read from
//! published rows only, here as in every public list and filter.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::entity::*;

/// Organisations implementing any of `measure_ids`: those named on their *published* status
/// rows and those running their published projects. A draft naming an organisation gives it no rights
/// until a coordinator publishes it.
pub async fn implementers<C: ConnectionTrait>(
    db: &C,
    measure_ids: Vec<i32>,
) -> Result<Vec<i32>, DbErr> {
    let mut orgs: Vec<i32> = measure_status::Entity::find()
        .select_only()
        .column(measure_status::Column::OrganisationId)
        .filter(measure_status::Column::MeasureId.is_in(measure_ids.clone()))
        .filter(measure_status::Column::OrganisationId.is_not_null())
        .filter(measure_status::Column::Published.eq(true))
        .into_tuple::<Option<i32>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    orgs.extend(
        project::Entity::find()
            .select_only()
            .column(project::Column::OrganisationId)
            .filter(project::Column::MeasureId.is_in(measure_ids))
            .filter(project::Column::Published.eq(true))
            .into_tuple::<i32>()
            .all(db)
            .await?,
    );
    orgs.sort_unstable();
    orgs.dedup();
    Ok(orgs)
}

/// Organisations implementing a measure of the specific goal.
pub async fn goal_implementers<C: ConnectionTrait>(
    db: &C,
    specific_goal_id: i32,
) -> Result<Vec<i32>, DbErr> {
    let measures: Vec<i32> = measure::Entity::find()
        .select_only()
        .column(measure::Column::Id)
        .filter(measure::Column::SpecificGoalId.eq(specific_goal_id))
        .into_tuple()
        .all(db)
        .await?;
    implementers(db, measures).await
}

/// Ids of the measures of `plan_id` that the organisations implement (as [`implementers`]
/// reads it: published status rows and published projects).
pub async fn measures_of<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    organisations: &[i32],
) -> Result<Vec<i32>, DbErr> {
    let mut ids: Vec<i32> = measure_status::Entity::find()
        .select_only()
        .column(measure_status::Column::MeasureId)
        .filter(measure_status::Column::OrganisationId.is_in(organisations.iter().copied()))
        .filter(measure_status::Column::Published.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    ids.extend(
        project::Entity::find()
            .select_only()
            .column(project::Column::MeasureId)
            .filter(project::Column::OrganisationId.is_in(organisations.iter().copied()))
            .filter(project::Column::Published.eq(true))
            .into_tuple::<i32>()
            .all(db)
            .await?,
    );
    ids.sort_unstable();
    ids.dedup();
    let in_plan: Vec<i32> = measure::Entity::find()
        .select_only()
        .column(measure::Column::Id)
        .filter(measure::Column::PlanId.eq(plan_id))
        .filter(measure::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    Ok(in_plan)
}

/// The plan of an action plan.
pub async fn plan_of_action_plan<C: ConnectionTrait>(
    db: &C,
    action_plan_id: i32,
) -> Result<Option<i32>, DbErr> {
    Ok(action_plan::Entity::find_by_id(action_plan_id)
        .one(db)
        .await?
        .map(|a| a.plan_id))
}

/// The plan of a specific goal.
pub async fn plan_of_goal<C: ConnectionTrait>(
    db: &C,
    specific_goal_id: i32,
) -> Result<Option<i32>, DbErr> {
    Ok(specific_goal::Entity::find_by_id(specific_goal_id)
        .one(db)
        .await?
        .map(|g| g.plan_id))
}

/// The plan of a global indicator.
pub async fn plan_of_global<C: ConnectionTrait>(
    db: &C,
    global_indicator_id: i32,
) -> Result<Option<i32>, DbErr> {
    Ok(global_indicator::Entity::find_by_id(global_indicator_id)
        .one(db)
        .await?
        .map(|g| g.plan_id))
}

/// Which of the indicator values `ids` belong to the plan.
pub async fn values_in_plan<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    ids: Vec<i32>,
) -> Result<Vec<i32>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let values = indicator_value::Entity::find()
        .filter(indicator_value::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let indicators: Vec<i32> = values.iter().map(|v| v.impact_indicator_id).collect();
    let goals: Vec<(i32, i32)> = impact_indicator::Entity::find()
        .select_only()
        .column(impact_indicator::Column::Id)
        .column(impact_indicator::Column::SpecificGoalId)
        .filter(impact_indicator::Column::Id.is_in(indicators))
        .into_tuple()
        .all(db)
        .await?;
    let goal_ids: Vec<i32> = goals.iter().map(|(_, g)| *g).collect();
    let in_plan: Vec<i32> = specific_goal::Entity::find()
        .select_only()
        .column(specific_goal::Column::Id)
        .filter(specific_goal::Column::Id.is_in(goal_ids))
        .filter(specific_goal::Column::PlanId.eq(plan_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(values
        .into_iter()
        .filter(|v| {
            goals
                .iter()
                .any(|(i, g)| *i == v.impact_indicator_id && in_plan.contains(g))
        })
        .map(|v| v.id)
        .collect())
}

/// Which of the status rows `ids` belong to the plan.
pub async fn statuses_in_plan<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    ids: Vec<i32>,
) -> Result<Vec<i32>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i32, i32)> = measure_status::Entity::find()
        .select_only()
        .column(measure_status::Column::Id)
        .column(measure_status::Column::MeasureId)
        .filter(measure_status::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    of_measures_in_plan(db, plan_id, rows).await
}

/// Which of the projects `ids` belong to the plan.
pub async fn projects_in_plan<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    ids: Vec<i32>,
) -> Result<Vec<i32>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(i32, i32)> = project::Entity::find()
        .select_only()
        .column(project::Column::Id)
        .column(project::Column::MeasureId)
        .filter(project::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    of_measures_in_plan(db, plan_id, rows).await
}

/// Of `rows` (a record's id and its measure's), the ids whose measure is in the plan.
async fn of_measures_in_plan<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    rows: Vec<(i32, i32)>,
) -> Result<Vec<i32>, DbErr> {
    let measures: Vec<i32> = rows.iter().map(|(_, m)| *m).collect();
    let in_plan: Vec<i32> = measure::Entity::find()
        .select_only()
        .column(measure::Column::Id)
        .filter(measure::Column::Id.is_in(measures))
        .filter(measure::Column::PlanId.eq(plan_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, m)| in_plan.contains(m))
        .map(|(id, _)| id)
        .collect())
}
