//! Action plans as staff read them, drafts included (the public reads approved ones only,
//! through the read model: `model::InPlan`).

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::action_plan;

/// Every action plan of the plan, drafts included, by number.
pub async fn all<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
) -> Result<Vec<action_plan::Model>, DbErr> {
    action_plan::Entity::find()
        .filter(action_plan::Column::PlanId.eq(plan_id))
        .order_by_asc(action_plan::Column::Number)
        .all(db)
        .await
}
