//! The reads that editing monitoring waves needs.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::monitoring_wave;

/// The plan's waves by deadline.
pub async fn of_plan<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
) -> Result<Vec<monitoring_wave::Model>, DbErr> {
    monitoring_wave::Entity::find()
        .filter(monitoring_wave::Column::PlanId.eq(plan_id))
        .order_by_asc(monitoring_wave::Column::Deadline)
        .all(db)
        .await
}
