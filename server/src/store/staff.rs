//! What only signed-in staff read: internal notes on a subject and the audit trail of a record.

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use crate::entity::{audit_record, internal_note};

/// The notes on one subject (`subject_type` as stored: `AREA`, `MEASURE`, …), oldest first.
pub async fn notes<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    subject_type: &str,
    subject_code: &str,
) -> Result<Vec<internal_note::Model>, DbErr> {
    internal_note::Entity::find()
        .filter(internal_note::Column::PlanId.eq(plan_id))
        .filter(internal_note::Column::SubjectType.eq(subject_type))
        .filter(internal_note::Column::SubjectCode.eq(subject_code))
        .order_by_asc(internal_note::Column::Id)
        .all(db)
        .await
}

/// Every internal note of a plan, by subject and then as written (the staff export).
pub async fn all_notes<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
) -> Result<Vec<internal_note::Model>, DbErr> {
    internal_note::Entity::find()
        .filter(internal_note::Column::PlanId.eq(plan_id))
        .order_by_asc(internal_note::Column::SubjectType)
        .order_by_asc(internal_note::Column::SubjectCode)
        .order_by_asc(internal_note::Column::Id)
        .all(db)
        .await
}

/// Every write to record `id` of table `entity`, oldest first.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    entity: &str,
    id: i32,
) -> Result<Vec<audit_record::Model>, DbErr> {
    audit_record::Entity::find()
        .filter(audit_record::Column::Entity.eq(entity))
        .filter(audit_record::Column::RecordId.eq(id))
        .order_by_asc(audit_record::Column::Id)
        .all(db)
        .await
}
