//! Writing a draft action plan's measures: carrying measures over from an earlier action plan
//! (each remembers its origin), ending one with a reason, adding a new one. Each runs in the
//! caller's [`Write`], audited; the caller checks who may and that the action plan is a draft.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::Code;

use super::action_plan::endings;
use super::write::{Action, Write};
use crate::entity::{
    action_plan, measure, measure_ending, measure_funding, measure_link, output_indicator,
    specific_goal,
};
use crate::error::ApiError;

/// Every measure code the plan has used, in any action plan (drafts included): a new measure
/// gets none of them (`shared::action_plan::next_measure_code`).
pub async fn taken_codes<C: ConnectionTrait>(db: &C, plan_id: i32) -> Result<Vec<Code>, DbErr> {
    Ok(measure::Entity::find()
        .filter(measure::Column::PlanId.eq(plan_id))
        .all(db)
        .await?
        .iter()
        .filter_map(|m| m.code.parse().ok())
        .collect())
}

/// The measures of action plan `action_plan_id`, in code order.
async fn measures_of<C: ConnectionTrait>(
    db: &C,
    action_plan_id: i32,
) -> Result<Vec<measure::Model>, DbErr> {
    measure::Entity::find()
        .filter(measure::Column::ActionPlanId.eq(action_plan_id))
        .order_by_asc(measure::Column::SortKey)
        .all(db)
        .await
}

/// Carries the measures of `from` (those of `area` only, when given) into the draft `into`:
/// each a copy of its card, funding sources, output indicators and links, under the same code,
/// remembering its origin. A measure already carried over, one whose code the draft uses, and
/// one the draft ended are left alone, so carrying over twice carries nothing more. Returns
/// the new measures.
pub async fn carry_over(
    w: &Write<'_>,
    from: &action_plan::Model,
    into: &action_plan::Model,
    area: Option<&Code>,
) -> Result<Vec<measure::Model>, ApiError> {
    let present = measures_of(&w.txn, into.id).await?;
    let carried: HashSet<i32> = present.iter().filter_map(|m| m.origin_id).collect();
    let codes: HashSet<&str> = present.iter().map(|m| m.code.as_str()).collect();
    let ended: HashSet<i32> = endings(&w.txn, into.id)
        .await?
        .iter()
        .map(|e| e.measure_id)
        .collect();
    let in_area = |m: &measure::Model| {
        area.is_none_or(|a| m.code.parse::<Code>().is_ok_and(|c| c.is_within(a)))
    };
    let sources: Vec<measure::Model> = measures_of(&w.txn, from.id)
        .await?
        .into_iter()
        .filter(|m| {
            in_area(m)
                && !carried.contains(&m.id)
                && !codes.contains(m.code.as_str())
                && !ended.contains(&m.id)
        })
        .collect();
    if sources.is_empty() {
        return Ok(Vec::new());
    }
    let copies = sources
        .iter()
        .map(|m| measure::ActiveModel {
            plan_id: Set(m.plan_id),
            action_plan_id: Set(into.id),
            area_id: Set(m.area_id),
            strategic_goal_id: Set(m.strategic_goal_id),
            specific_goal_id: Set(m.specific_goal_id),
            code: Set(m.code.clone()),
            sort_key: Set(m.sort_key.clone()),
            code_as_written: Set(m.code_as_written.clone()),
            name: Set(m.name.clone()),
            description: Set(m.description.clone()),
            target_group: Set(m.target_group.clone()),
            responsible_body: Set(m.responsible_body.clone()),
            schedule_text: Set(m.schedule_text.clone()),
            schedule_from: Set(m.schedule_from.clone()),
            schedule_to: Set(m.schedule_to.clone()),
            estimated_cost_text: Set(m.estimated_cost_text.clone()),
            estimated_cost: Set(m.estimated_cost),
            cost_approximate: Set(m.cost_approximate),
            cost_see_measure: Set(m.cost_see_measure.clone()),
            funding_text: Set(m.funding_text.clone()),
            links_text: Set(m.links_text.clone()),
            service_type: Set(m.service_type.clone()),
            is_social_service: Set(m.is_social_service),
            search_text: Set(m.search_text.clone()),
            origin_id: Set(Some(m.id)),
            version: Set(1),
            ..Default::default()
        })
        .collect();
    let mut created = w.insert_many::<measure::Entity>(copies).await?;
    created.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
    let copy_of: HashMap<i32, i32> = created
        .iter()
        .filter_map(|m| Some((m.origin_id?, m.id)))
        .collect();
    copy_rows(w, &copy_of).await?;
    // The measures' own audit records last: the newest record names what was carried.
    let audits = created
        .iter()
        .map(|m| w.audit_row("measure", m.id, Action::Create, None, Some(m)))
        .collect::<Result<Vec<_>, _>>()?;
    w.audit_many(audits).await?;
    Ok(created)
}

/// Copies the funding sources, output indicators and links of the measures `copy_of` names
/// (earlier id → its copy's id) to their copies, audited.
async fn copy_rows(w: &Write<'_>, copy_of: &HashMap<i32, i32>) -> Result<(), ApiError> {
    let ids: Vec<i32> = copy_of.keys().copied().collect();
    // The sources, as a sub-select of the earlier measures' ids (bounded by one action plan).
    let of = || {
        Query::select()
            .column(measure::Column::Id)
            .from(measure::Entity)
            .and_where(measure::Column::Id.is_in(ids.iter().copied()))
            .to_owned()
    };
    let fundings = measure_funding::Entity::find()
        .filter(measure_funding::Column::MeasureId.in_subquery(of()))
        .all(&w.txn)
        .await?;
    let outputs = output_indicator::Entity::find()
        .filter(output_indicator::Column::MeasureId.in_subquery(of()))
        .all(&w.txn)
        .await?;
    let links = measure_link::Entity::find()
        .filter(measure_link::Column::MeasureId.in_subquery(of()))
        .all(&w.txn)
        .await?;
    let to = |id: i32| copy_of.get(&id).copied().unwrap_or(id);
    let fundings = w
        .insert_many::<measure_funding::Entity>(
            fundings
                .into_iter()
                .map(|f| measure_funding::ActiveModel {
                    measure_id: Set(to(f.measure_id)),
                    position: Set(f.position),
                    source: Set(f.source),
                    ..Default::default()
                })
                .collect(),
        )
        .await?;
    let outputs = w
        .insert_many::<output_indicator::Entity>(
            outputs
                .into_iter()
                .map(|o| output_indicator::ActiveModel {
                    measure_id: Set(to(o.measure_id)),
                    position: Set(o.position),
                    name: Set(o.name),
                    ..Default::default()
                })
                .collect(),
        )
        .await?;
    let links = w
        .insert_many::<measure_link::Entity>(
            links
                .into_iter()
                .map(|l| measure_link::ActiveModel {
                    measure_id: Set(to(l.measure_id)),
                    position: Set(l.position),
                    target_kind: Set(l.target_kind),
                    target_code: Set(l.target_code),
                    text: Set(l.text),
                    ..Default::default()
                })
                .collect(),
        )
        .await?;
    let mut audits = Vec::new();
    for f in &fundings {
        audits.push(w.audit_row("measure_funding", f.id, Action::Create, None, Some(f))?);
    }
    for o in &outputs {
        audits.push(w.audit_row("output_indicator", o.id, Action::Create, None, Some(o))?);
    }
    for l in &links {
        audits.push(w.audit_row("measure_link", l.id, Action::Create, None, Some(l))?);
    }
    w.audit_many(audits).await
}

/// Measure `measure_id`'s funding sources (as stored) and output indicators, in the card's
/// order.
pub async fn lists<C: ConnectionTrait>(
    db: &C,
    measure_id: i32,
) -> Result<(Vec<String>, Vec<String>), DbErr> {
    let sources = measure_funding::Entity::find()
        .filter(measure_funding::Column::MeasureId.eq(measure_id))
        .order_by_asc(measure_funding::Column::Position)
        .all(db)
        .await?;
    let outputs = output_indicator::Entity::find()
        .filter(output_indicator::Column::MeasureId.eq(measure_id))
        .order_by_asc(output_indicator::Column::Position)
        .all(db)
        .await?;
    Ok((
        sources.into_iter().map(|f| f.source).collect(),
        outputs.into_iter().map(|o| o.name).collect(),
    ))
}

/// Replaces the funding sources (`sources`, as stored) and/or the output indicators
/// (`outputs`) of measure `m`, each list given replacing the card's, audited; the measure's
/// version is raised (so two people replacing lists at once conflict) with its own audit
/// record last.
pub async fn replace_lists(
    w: &Write<'_>,
    m: &measure::Model,
    version: i32,
    sources: Option<Vec<String>>,
    outputs: Option<Vec<String>>,
) -> Result<measure::Model, ApiError> {
    let mut audits = Vec::new();
    if let Some(sources) = sources {
        let old = measure_funding::Entity::find()
            .filter(measure_funding::Column::MeasureId.eq(m.id))
            .all(&w.txn)
            .await?;
        for f in &old {
            audits.push(w.audit_row("measure_funding", f.id, Action::Delete, Some(f), None)?);
        }
        measure_funding::Entity::delete_many()
            .filter(measure_funding::Column::MeasureId.eq(m.id))
            .exec(&w.txn)
            .await?;
        let new = w
            .insert_many::<measure_funding::Entity>(
                (1..)
                    .zip(sources)
                    .map(|(position, source)| measure_funding::ActiveModel {
                        measure_id: Set(m.id),
                        position: Set(position),
                        source: Set(source),
                        ..Default::default()
                    })
                    .collect(),
            )
            .await?;
        for f in &new {
            audits.push(w.audit_row("measure_funding", f.id, Action::Create, None, Some(f))?);
        }
    }
    if let Some(outputs) = outputs {
        let old = output_indicator::Entity::find()
            .filter(output_indicator::Column::MeasureId.eq(m.id))
            .all(&w.txn)
            .await?;
        for o in &old {
            audits.push(w.audit_row("output_indicator", o.id, Action::Delete, Some(o), None)?);
        }
        output_indicator::Entity::delete_many()
            .filter(output_indicator::Column::MeasureId.eq(m.id))
            .exec(&w.txn)
            .await?;
        let new = w
            .insert_many::<output_indicator::Entity>(
                (1..)
                    .zip(outputs)
                    .map(|(position, name)| output_indicator::ActiveModel {
                        measure_id: Set(m.id),
                        position: Set(position),
                        name: Set(name),
                        ..Default::default()
                    })
                    .collect(),
            )
            .await?;
        for o in &new {
            audits.push(w.audit_row("output_indicator", o.id, Action::Create, None, Some(o))?);
        }
    }
    w.audit_many(audits).await?;
    w.update_audited::<measure::Entity>(
        "measure",
        Action::Update,
        m,
        measure::ActiveModel::default(),
        version,
    )
    .await
}

/// Deletes a draft's measure with its funding sources, output indicators and links, audited.
async fn remove(w: &Write<'_>, m: &measure::Model) -> Result<(), ApiError> {
    let fundings = measure_funding::Entity::find()
        .filter(measure_funding::Column::MeasureId.eq(m.id))
        .all(&w.txn)
        .await?;
    let outputs = output_indicator::Entity::find()
        .filter(output_indicator::Column::MeasureId.eq(m.id))
        .all(&w.txn)
        .await?;
    let links = measure_link::Entity::find()
        .filter(measure_link::Column::MeasureId.eq(m.id))
        .all(&w.txn)
        .await?;
    let mut audits = Vec::new();
    for f in &fundings {
        audits.push(w.audit_row("measure_funding", f.id, Action::Delete, Some(f), None)?);
    }
    for o in &outputs {
        audits.push(w.audit_row("output_indicator", o.id, Action::Delete, Some(o), None)?);
    }
    for l in &links {
        audits.push(w.audit_row("measure_link", l.id, Action::Delete, Some(l), None)?);
    }
    measure_funding::Entity::delete_many()
        .filter(measure_funding::Column::MeasureId.eq(m.id))
        .exec(&w.txn)
        .await?;
    output_indicator::Entity::delete_many()
        .filter(output_indicator::Column::MeasureId.eq(m.id))
        .exec(&w.txn)
        .await?;
    measure_link::Entity::delete_many()
        .filter(measure_link::Column::MeasureId.eq(m.id))
        .exec(&w.txn)
        .await?;
    w.audit_many(audits).await?;
    w.delete_audited::<measure::Entity>("measure", m, m.version)
        .await
}

/// Ends `earlier` (a measure of an earlier action plan) in the draft `into` with `reason`: its
/// copy in the draft, if carried over, is deleted, and the ending is recorded. `None` when the
/// draft has already ended it.
pub async fn end(
    w: &Write<'_>,
    into: &action_plan::Model,
    earlier: &measure::Model,
    reason: String,
) -> Result<Option<measure_ending::Model>, ApiError> {
    if endings(&w.txn, into.id)
        .await?
        .iter()
        .any(|e| e.measure_id == earlier.id)
    {
        return Ok(None);
    }
    for copy in measures_of(&w.txn, into.id)
        .await?
        .iter()
        .filter(|m| m.origin_id == Some(earlier.id))
    {
        remove(w, copy).await?;
    }
    let ending = w
        .create::<measure_ending::Entity>(
            "measure_ending",
            measure_ending::ActiveModel {
                action_plan_id: Set(into.id),
                measure_id: Set(earlier.id),
                reason: Set(reason),
                ..Default::default()
            },
        )
        .await?;
    Ok(Some(ending))
}

/// Adds a new measure `code` under `goal` to the draft `into`, with its name and description
/// (the rest of the card is written through the ordinary edit).
pub async fn add(
    w: &Write<'_>,
    into: &action_plan::Model,
    goal: &specific_goal::Model,
    code: &Code,
    name: String,
    description: String,
) -> Result<measure::Model, ApiError> {
    let search_text = shared::search::fold(&format!("{name} {description}"));
    w.create::<measure::Entity>(
        "measure",
        measure::ActiveModel {
            plan_id: Set(into.plan_id),
            action_plan_id: Set(into.id),
            area_id: Set(goal.area_id),
            strategic_goal_id: Set(goal.strategic_goal_id),
            specific_goal_id: Set(goal.id),
            code: Set(code.to_string()),
            sort_key: Set(code.sort_key()),
            code_as_written: Set(None),
            name: Set(name),
            description: Set(description),
            target_group: Set(String::new()),
            responsible_body: Set(String::new()),
            schedule_text: Set(String::new()),
            schedule_from: Set(None),
            schedule_to: Set(None),
            estimated_cost_text: Set(String::new()),
            estimated_cost: Set(None),
            cost_approximate: Set(false),
            cost_see_measure: Set(None),
            funding_text: Set(String::new()),
            links_text: Set(String::new()),
            service_type: Set(None),
            is_social_service: Set(false),
            search_text: Set(search_text),
            origin_id: Set(None),
            ..Default::default()
        },
    )
    .await
}
