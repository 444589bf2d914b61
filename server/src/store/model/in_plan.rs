//! Which rows of each entity are a plan's and the public's ([`InPlan`]): every read of the
//! read model and of the loaders goes through it, so a draft action plan and its rows are on
//! no public path.

use sea_orm::sea_query::{Condition, Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait};

use crate::entity as e;
/// The rows of `E` that belong to a plan and that the public reads.
///
/// Every read of the plan's data — the read model and the loaders of plans not in memory —
/// meets [`InPlan::published`]: a draft action plan (`action_plan.state = DRAFT`), its measures
/// and their rows, its milestones and risks are never among them. Staff read a draft through
/// `store::action_plan`.
pub trait InPlan: EntityTrait {
    /// The plan's rows the public reads (meets [`InPlan::published`]).
    fn in_plan(plan_id: i32) -> Condition;
    /// Whether a row is the public's to read, whatever its plan: every row, except those of a
    /// draft action plan.
    fn published() -> Condition {
        Condition::all()
    }
    /// The rows of `E` that belong to the action plans `ids`: a measure-level row (a measure
    /// and its rows) only when its measure is of one of them, every other row always. What a
    /// reader sees of a plan is one action plan's measures (`model::View`).
    fn of_action_plans(_ids: &[i32]) -> Condition {
        Condition::all()
    }
}

/// The ids of the measures of the action plans `ids`, as a sub-select.
fn measures_of(ids: &[i32]) -> SelectStatement {
    Query::select()
        .column(e::measure::Column::Id)
        .from(e::measure::Entity)
        .and_where(e::measure::Column::ActionPlanId.is_in(ids.iter().copied()))
        .to_owned()
}

/// The ids of the approved action plans, as a sub-select.
pub fn approved_action_plans() -> SelectStatement {
    Query::select()
        .column(e::action_plan::Column::Id)
        .from(e::action_plan::Entity)
        .and_where(e::action_plan::Column::State.eq(e::action_plan::APPROVED))
        .to_owned()
}

/// The ids of the measures of approved action plans, as a sub-select.
pub fn published_measures() -> SelectStatement {
    Query::select()
        .column(e::measure::Column::Id)
        .from(e::measure::Entity)
        .and_where(e::measure::Column::ActionPlanId.in_subquery(approved_action_plans()))
        .to_owned()
}

impl InPlan for e::action_plan::Entity {
    fn in_plan(plan_id: i32) -> Condition {
        Condition::all()
            .add(e::action_plan::Column::PlanId.eq(plan_id))
            .add(Self::published())
    }
    fn published() -> Condition {
        Condition::all().add(e::action_plan::Column::State.eq(e::action_plan::APPROVED))
    }
}

impl InPlan for e::measure::Entity {
    fn in_plan(plan_id: i32) -> Condition {
        Condition::all()
            .add(e::measure::Column::PlanId.eq(plan_id))
            .add(Self::published())
    }
    fn published() -> Condition {
        Condition::all().add(e::measure::Column::ActionPlanId.in_subquery(approved_action_plans()))
    }
    fn of_action_plans(ids: &[i32]) -> Condition {
        Condition::all().add(e::measure::Column::ActionPlanId.is_in(ids.iter().copied()))
    }
}

/// The ids of the rows of `P` in plan `plan_id`, as a sub-select.
fn ids_of<P: InPlan + Default>(plan_id: i32) -> SelectStatement {
    Query::select()
        .expr(Expr::col(sea_orm::sea_query::Alias::new("id")))
        .from(P::default())
        .cond_where(P::in_plan(plan_id))
        .to_owned()
}

impl InPlan for e::plan::Entity {
    fn in_plan(plan_id: i32) -> Condition {
        Condition::all().add(e::plan::Column::Id.eq(plan_id))
    }
}

macro_rules! direct {
    ($($entity:ident),* $(,)?) => {$(
        impl InPlan for e::$entity::Entity {
            fn in_plan(plan_id: i32) -> Condition {
                Condition::all().add(e::$entity::Column::PlanId.eq(plan_id))
            }
        }
    )*};
}

macro_rules! through {
    ($($entity:ident . $column:ident -> $parent:ident),* $(,)?) => {$(
        impl InPlan for e::$entity::Entity {
            fn in_plan(plan_id: i32) -> Condition {
                Condition::all()
                    .add(e::$entity::Column::$column.in_subquery(ids_of::<e::$parent::Entity>(plan_id)))
            }
        }
    )*};
    (measure_rows $($entity:ident),* $(,)?) => {$(
        impl InPlan for e::$entity::Entity {
            fn in_plan(plan_id: i32) -> Condition {
                Condition::all().add(
                    e::$entity::Column::MeasureId.in_subquery(ids_of::<e::measure::Entity>(plan_id)),
                )
            }
            fn published() -> Condition {
                Condition::all().add(e::$entity::Column::MeasureId.in_subquery(published_measures()))
            }
            fn of_action_plans(ids: &[i32]) -> Condition {
                Condition::all().add(e::$entity::Column::MeasureId.in_subquery(measures_of(ids)))
            }
        }
    )*};
    (published $($entity:ident . $column:ident -> $parent:ident),* $(,)?) => {$(
        impl InPlan for e::$entity::Entity {
            fn in_plan(plan_id: i32) -> Condition {
                Condition::all()
                    .add(e::$entity::Column::$column.in_subquery(ids_of::<e::$parent::Entity>(plan_id)))
            }
            fn published() -> Condition {
                Condition::all().add(e::$entity::Column::$column.in_subquery(
                    Query::select()
                        .column(e::$parent::Column::Id)
                        .from(e::$parent::Entity)
                        .cond_where(e::$parent::Entity::published())
                        .to_owned(),
                ))
            }
        }
    )*};
}

direct!(
    area,
    document,
    organisation,
    global_indicator,
    context_indicator,
    conflict,
    statement,
    headline,
    specific_goal,
    strategic_goal,
    monitoring_wave,
);
through!(
    target_group.AreaId -> area,
    impact_indicator.SpecificGoalId -> specific_goal,
    indicator_value.ImpactIndicatorId -> impact_indicator,
    target_revision.ImpactIndicatorId -> impact_indicator,
    summary.SpecificGoalId -> specific_goal,
    global_indicator_value.GlobalIndicatorId -> global_indicator,
);
// Rows of a measure or an action plan: a draft action plan's are not the public's, and a
// measure's rows are of its action plan.
through!(
    measure_rows
    output_indicator,
    measure_funding,
    measure_link,
    measure_status,
    project,
    allocation,
);
through!(
    published
    milestone.ActionPlanId -> action_plan,
    risk.ActionPlanId -> action_plan,
);
