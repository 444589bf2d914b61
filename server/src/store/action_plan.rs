//! Action plans as staff read them, drafts included (the public reads approved ones only,
//! through the read model: `model::InPlan`).

use std::collections::{BTreeSet, HashMap};

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use shared::action_plan::Card;
use shared::status::StatusKind;
use shared::{Code, Czk, FundingSource};

use crate::entity::{
    action_plan, measure, measure_ending, measure_funding, measure_status, output_indicator,
};

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

/// The measure `code` of action plan `action_plan_id`, a draft's included (staff edits).
pub async fn measure<C: ConnectionTrait>(
    db: &C,
    action_plan_id: i32,
    code: &Code,
) -> Result<Option<measure::Model>, DbErr> {
    measure::Entity::find()
        .filter(measure::Column::ActionPlanId.eq(action_plan_id))
        .filter(measure::Column::Code.eq(code.to_string()))
        .one(db)
        .await
}

/// The approved action plans of plan `plan_id` (of every plan: `None`), with their plans'
/// ids, by number.
pub async fn approved<C: ConnectionTrait>(
    db: &C,
    plan_id: Option<i32>,
) -> Result<Vec<(i32, super::model::Approved)>, DbErr> {
    let mut find = action_plan::Entity::find()
        .filter(action_plan::Column::State.eq(action_plan::APPROVED))
        .order_by_asc(action_plan::Column::Number);
    if let Some(id) = plan_id {
        find = find.filter(action_plan::Column::PlanId.eq(id));
    }
    Ok(find
        .all(db)
        .await?
        .iter()
        .map(|a| (a.plan_id, a.into()))
        .collect())
}

/// A measure of an action plan as the comparison reads it: the row, its card, the status
/// that counts today (published statuses only).
pub struct Compared {
    pub measure: measure::Model,
    pub code: Code,
    pub card: Card,
    pub status: Option<StatusKind>,
}

/// Every measure of action plan `action_plan_id` (approved or draft) with its card and
/// status, in code order: four statements, whatever the number of measures.
pub async fn compared<C: ConnectionTrait>(
    db: &C,
    action_plan_id: i32,
) -> Result<Vec<Compared>, DbErr> {
    let measures = measure::Entity::find()
        .filter(measure::Column::ActionPlanId.eq(action_plan_id))
        .order_by_asc(measure::Column::SortKey)
        .all(db)
        .await?;
    // The action plan's measures, as a sub-select (no list of ids, however many).
    let ids = || {
        Query::select()
            .column(measure::Column::Id)
            .from(measure::Entity)
            .and_where(measure::Column::ActionPlanId.eq(action_plan_id))
            .to_owned()
    };
    let fundings = measure_funding::Entity::find()
        .filter(measure_funding::Column::MeasureId.in_subquery(ids()))
        .order_by_asc(measure_funding::Column::Position)
        .all(db)
        .await?;
    let outputs = output_indicator::Entity::find()
        .filter(output_indicator::Column::MeasureId.in_subquery(ids()))
        .order_by_asc(output_indicator::Column::Position)
        .all(db)
        .await?;
    let statuses = measure_status::Entity::find()
        .filter(measure_status::Column::MeasureId.in_subquery(ids()))
        .filter(measure_status::Column::Published.eq(true))
        .all(db)
        .await?;
    let latest = shared::status::latest(statuses, |s| s.measure_id, super::facts::status_row);
    let mut funding: HashMap<i32, BTreeSet<FundingSource>> = HashMap::new();
    for f in fundings {
        if let Some(source) = FundingSource::from_db(&f.source) {
            funding.entry(f.measure_id).or_default().insert(source);
        }
    }
    let mut output_names: HashMap<i32, Vec<String>> = HashMap::new();
    for o in outputs {
        output_names.entry(o.measure_id).or_default().push(o.name);
    }
    Ok(measures
        .into_iter()
        .filter_map(|m| {
            let code: Code = m.code.parse().ok()?;
            let card = Card {
                name: m.name.clone(),
                description: m.description.clone(),
                target_group: m.target_group.clone(),
                responsible_body: m.responsible_body.clone(),
                schedule_text: m.schedule_text.clone(),
                estimated_cost_text: m.estimated_cost_text.clone(),
                estimated_cost: m.estimated_cost.map(Czk::from_hellers),
                funding: funding.remove(&m.id).unwrap_or_default(),
                funding_text: m.funding_text.clone(),
                links_text: m.links_text.clone(),
                service_type: m.service_type.clone(),
                output_indicators: output_names.remove(&m.id).unwrap_or_default(),
            };
            let status = latest
                .get(&m.id)
                .and_then(|s| StatusKind::from_db(&s.status));
            Some(Compared {
                measure: m,
                code,
                card,
                status,
            })
        })
        .collect())
}

/// The measures action plan `action_plan_id` ends, with the reasons.
pub async fn endings<C: ConnectionTrait>(
    db: &C,
    action_plan_id: i32,
) -> Result<Vec<measure_ending::Model>, DbErr> {
    measure_ending::Entity::find()
        .filter(measure_ending::Column::ActionPlanId.eq(action_plan_id))
        .all(db)
        .await
}
