//! What the policy needs to know about a record before a write: which plan it belongs to and
//! which organisations implement it.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};

use crate::entity::*;

/// Organisations implementing any of `measure_ids`: those named on their status rows and
/// those running their projects.
pub async fn implementers<C: ConnectionTrait>(
    db: &C,
    measure_ids: Vec<i32>,
) -> Result<Vec<i32>, DbErr> {
    let mut orgs: Vec<i32> = measure_status::Entity::find()
        .select_only()
        .column(measure_status::Column::OrganisationId)
        .filter(measure_status::Column::MeasureId.is_in(measure_ids.clone()))
        .filter(measure_status::Column::OrganisationId.is_not_null())
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

/// Ids of the measures of `plan_id` that the organisations implement.
pub async fn measures_of<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    organisations: &[i32],
) -> Result<Vec<i32>, DbErr> {
    let mut ids: Vec<i32> = measure_status::Entity::find()
        .select_only()
        .column(measure_status::Column::MeasureId)
        .filter(measure_status::Column::OrganisationId.is_in(organisations.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    ids.extend(
        project::Entity::find()
            .select_only()
            .column(project::Column::MeasureId)
            .filter(project::Column::OrganisationId.is_in(organisations.iter().copied()))
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
