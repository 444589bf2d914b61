//! The reads and the one lazily made record that entering data needs: the measures a caller
//! reports for, the drafts awaiting a coordinator, a goal's indicators and the values already
//! recorded at a date, and the document entered figures cite.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::entity::*;
use crate::store::model::InPlan;

/// The columns an entered status sets, whether new or revising one (the form and the
/// spreadsheet import alike).
pub fn status_columns(
    organisation_id: Option<i32>,
    status: shared::status::MeasureStatus,
    activity: shared::status::ActivityKind,
    date: shared::Date,
    (from, to): (Option<shared::Date>, Option<shared::Date>),
    document_id: i32,
) -> measure_status::ActiveModel {
    use shared::format::{self, Lang};
    let (n, of) = status.reports().map_or((None, None), |(n, of)| {
        (Some(i32::from(n)), Some(i32::from(of)))
    });
    measure_status::ActiveModel {
        organisation_id: Set(organisation_id),
        ref_date: Set(date.to_string()),
        status: Set(status.kind().as_str().to_owned()),
        status_text: Set(status.report_text()),
        reports: Set(n),
        reports_of: Set(of),
        activity: Set(activity.as_str().to_owned()),
        period_text: Set(format::period(from, to, Lang::Cs)),
        period_from: Set(from.map(|d| d.to_string())),
        period_to: Set(to.map(|d| d.to_string())),
        document_id: Set(document_id),
        locator: Set("Zadáno v psz-monitor".to_owned()),
        ..Default::default()
    }
}

/// The columns an entered indicator value sets, whether new or revising one.
pub fn value_columns(
    value: f64,
    date: shared::Date,
    note: &str,
    document_id: i32,
) -> indicator_value::ActiveModel {
    use shared::format::{self, Lang};
    indicator_value::ActiveModel {
        value: Set(Some(value)),
        value_text: Set(format::number_auto(value, Lang::Cs)),
        document_id: Set(document_id),
        locator: Set(note.to_owned()),
        ref_label: Set(format!("Data k {}", format::date(date, Lang::Cs))),
        ..Default::default()
    }
}

/// The key of the per-plan document that entered figures cite as their source.
pub const ENTRY_DOCUMENT: &str = "psz-monitor";

/// The id of the document entered figures cite, made on first use.
pub async fn entry_document<C: ConnectionTrait>(db: &C, plan_id: i32) -> Result<i32, DbErr> {
    let found = document::Entity::find()
        .filter(document::Column::PlanId.eq(plan_id))
        .filter(document::Column::Key.eq(ENTRY_DOCUMENT))
        .one(db)
        .await?;
    if let Some(d) = found {
        return Ok(d.id);
    }
    let d = document::ActiveModel {
        plan_id: Set(plan_id),
        key: Set(ENTRY_DOCUMENT.to_owned()),
        title: Set("Údaje zadané v psz-monitor".to_owned()),
        issued: Set(super::write::timestamp()[..10].to_owned()),
        kind: Set("ENTRY".to_owned()),
        description: Set(
            "Monitorovací údaje zadané realizátory a koordinátory; zdroj uvádí každý záznam."
                .to_owned(),
        ),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(d.id)
}

/// Whether organisation `id` is one of the plan's.
pub async fn organisation_in_plan<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    id: i32,
) -> Result<bool, DbErr> {
    Ok(organisation::Entity::find_by_id(id)
        .filter(organisation::Column::PlanId.eq(plan_id))
        .one(db)
        .await?
        .is_some())
}

/// The impact indicators of a specific goal.
pub async fn goal_indicators<C: ConnectionTrait>(
    db: &C,
    specific_goal_id: i32,
) -> Result<Vec<impact_indicator::Model>, DbErr> {
    impact_indicator::Entity::find()
        .filter(impact_indicator::Column::SpecificGoalId.eq(specific_goal_id))
        .all(db)
        .await
}

/// The values of `indicators` recorded for `date`, published and drafts.
pub async fn values_at<C: ConnectionTrait>(
    db: &C,
    indicators: Vec<i32>,
    date: &str,
) -> Result<Vec<indicator_value::Model>, DbErr> {
    indicator_value::Entity::find()
        .filter(indicator_value::Column::ImpactIndicatorId.is_in(indicators))
        .filter(indicator_value::Column::RefDate.eq(date))
        .all(db)
        .await
}

/// The plan's measures in plan order: all of them, or only those of `only`.
pub async fn measures<C: ConnectionTrait>(
    db: &C,
    plan_id: i32,
    only: Option<Vec<i32>>,
) -> Result<Vec<measure::Model>, DbErr> {
    let mut q = measure::Entity::find().filter(measure::Entity::in_plan(plan_id));
    if let Some(ids) = only {
        q = q.filter(measure::Column::Id.is_in(ids));
    }
    q.order_by_asc(measure::Column::SortKey).all(db).await
}

/// Unpublished records awaiting a coordinator.
pub struct Drafts {
    pub values: Vec<indicator_value::Model>,
    pub statuses: Vec<measure_status::Model>,
    pub projects: Vec<project::Model>,
}

/// The drafts of `measures`: their statuses and projects, and the values of their specific
/// goals' indicators, oldest first.
pub async fn drafts<C: ConnectionTrait>(
    db: &C,
    measures: &[measure::Model],
) -> Result<Drafts, DbErr> {
    let measure_ids: Vec<i32> = measures.iter().map(|m| m.id).collect();
    let mut goal_ids: Vec<i32> = measures.iter().map(|m| m.specific_goal_id).collect();
    goal_ids.sort_unstable();
    goal_ids.dedup();
    let indicator_ids: Vec<i32> = impact_indicator::Entity::find()
        .filter(impact_indicator::Column::SpecificGoalId.is_in(goal_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    let values = indicator_value::Entity::find()
        .filter(indicator_value::Column::ImpactIndicatorId.is_in(indicator_ids))
        .filter(indicator_value::Column::Published.eq(false))
        .order_by_asc(indicator_value::Column::Id)
        .all(db)
        .await?;
    let statuses = measure_status::Entity::find()
        .filter(measure_status::Column::MeasureId.is_in(measure_ids.clone()))
        .filter(measure_status::Column::Published.eq(false))
        .order_by_asc(measure_status::Column::Id)
        .all(db)
        .await?;
    let projects = project::Entity::find()
        .filter(project::Column::MeasureId.is_in(measure_ids))
        .filter(project::Column::Published.eq(false))
        .order_by_asc(project::Column::Id)
        .all(db)
        .await?;
    Ok(Drafts {
        values,
        statuses,
        projects,
    })
}

/// Whether another project has the registration number: a record standing on its own (not a
/// proposal to change one) other than `record` (the project being changed, or the published
/// project a proposal `record` changes).
pub async fn registration_number_taken<C: ConnectionTrait>(
    db: &C,
    number: &str,
    record: Option<i32>,
) -> Result<bool, DbErr> {
    let this = match record {
        Some(id) => project::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|p| p.replaces_id.unwrap_or(p.id)),
        None => None,
    };
    let same_number = project::Entity::find()
        .filter(project::Column::RegistrationNumber.eq(number))
        .filter(project::Column::ReplacesId.is_null())
        .all(db)
        .await?;
    Ok(same_number.iter().any(|p| Some(p.id) != this))
}
