//! Entering monitoring data: waves of indicator values, measure statuses, projects and internal
//! notes; drafts and their publication; and the reads that entering needs (what the caller
//! reports for, drafts, notes).
//!
//! Every mutation checks the CSRF header, asks the policy, validates everything before it
//! writes, and writes in one [`Write`] (transaction + audit + revision).

use async_graphql::{Context, InputObject, Object, SimpleObject};
use sea_orm::{ConnectionTrait, Set};
use shared::status::ActivityKind as Activity;
use shared::validate::{self, Rule, ValidationError};

use super::area::IndicatorValue;
use super::measure::{ActivityKind, Measure, MeasureStatus, Project, StatusKind};
use super::{auth, code_at, db, plan_id};
use crate::auth::{Actor, Need, policy};
use crate::entity::*;
use crate::error::{ApiError, ApiResult};
use crate::store::write::{Versioned, Write};
use crate::store::{self, proposal, scope};
use shared::code::Level;

/// A record and the version the client read.
#[derive(InputObject, Clone, Copy)]
pub struct RecordVersion {
    pub id: i32,
    pub version: i32,
}

/// One indicator's value in a wave.
#[derive(InputObject)]
pub struct WaveValueInput {
    pub indicator_id: i32,
    /// A whole number, not negative.
    pub value: f64,
    /// The version of the value already recorded for this date, to replace it; without it,
    /// an existing value gets `CONFLICT`.
    pub version: Option<i32>,
    /// The id of that value (the published one, or a draft): which of the two the version
    /// is of. Without it, a pending draft is the one meant.
    pub id: Option<i32>,
}

/// A monitoring wave: values of a specific goal's impact indicators as of a date.
#[derive(InputObject)]
pub struct MonitoringWaveInput {
    #[graphql(default_with = "\"ostrava\".to_string()")]
    pub plan: String,
    /// The specific goal's code ("2.1.3").
    pub specific_goal: String,
    /// The date the values refer to (`2025-06-30`).
    pub ref_date: String,
    /// Where the values come from ("Dotazník realizátora za 1. pol. 2025").
    pub source_note: String,
    pub values: Vec<WaveValueInput>,
    /// Publish at once (coordinators and admins); otherwise the values are a draft.
    #[graphql(default)]
    pub publish: bool,
}

/// A measure's status at a report date.
#[derive(InputObject)]
pub struct MeasureStatusInput {
    #[graphql(default_with = "\"ostrava\".to_string()")]
    pub plan: String,
    /// The measure's code ("2.1.3.4").
    pub measure: String,
    /// The status row to change; omitted for a new report.
    pub record: Option<RecordVersion>,
    pub ref_date: String,
    pub status: StatusKind,
    /// Reports received so far ("n" of "n of 6").
    pub reports: Option<i32>,
    /// Reports the project promises ("6").
    pub reports_of: Option<i32>,
    pub activity: ActivityKind,
    /// The implementing organisation.
    pub organisation_id: Option<i32>,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    #[graphql(default)]
    pub publish: bool,
}

/// Unpublished data awaiting a coordinator.
#[derive(SimpleObject)]
pub struct Drafts {
    pub indicator_values: Vec<IndicatorValue>,
    pub statuses: Vec<MeasureStatus>,
    /// New projects and proposed changes to published ones.
    pub projects: Vec<Project>,
}

/// The record of measure `measure_id` an entry revises (`record`: its id and the version the
/// client read), or none for a new one; a record of another measure is an unknown id.
pub(super) async fn revised_of_measure<E: Versioned>(
    w: &Write<'_>,
    record: Option<&RecordVersion>,
    what: &str,
    measure_of: fn(&E::Model) -> i32,
    measure_id: i32,
) -> ApiResult<Option<(E::Model, i32)>> {
    let Some(r) = record else { return Ok(None) };
    let before = w.find::<E>(r.id, what).await?;
    if measure_of(&before) != measure_id {
        return Err(invalid("record.id", Rule::UnknownId));
    }
    Ok(Some((before, r.version)))
}

/// Checks a wave's values against the goal's indicators: at least one, each of a known
/// indicator, none twice, each in its unit's range. Returns the indicators' ids.
fn check_wave_values(
    values: &[WaveValueInput],
    indicators: &[impact_indicator::Model],
) -> ApiResult<Vec<i32>> {
    if values.is_empty() {
        return Err(invalid("values", Rule::Required));
    }
    let mut seen = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let Some(indicator) = indicators.iter().find(|ind| ind.id == v.indicator_id) else {
            return Err(invalid(format!("values.{i}.indicatorId"), Rule::UnknownId));
        };
        if seen.contains(&v.indicator_id) {
            return Err(invalid(format!("values.{i}.indicatorId"), Rule::Duplicate));
        }
        seen.push(v.indicator_id);
        check(validate::indicator_value_in(
            &format!("values.{i}.value"),
            v.value,
            &indicator.unit,
        ))?;
    }
    Ok(seen)
}

/// The recorded value (of those at the wave's date) that the `i`-th entered value revises: the
/// one it names by id, else a pending draft (a proposal or a new value), else the published one;
/// none for a new value.
fn revised_value<'a>(
    existing: &'a [indicator_value::Model],
    v: &WaveValueInput,
    i: usize,
) -> ApiResult<Option<&'a indicator_value::Model>> {
    let mut recorded: Vec<&indicator_value::Model> = existing
        .iter()
        .filter(|e| e.impact_indicator_id == v.indicator_id)
        .collect();
    recorded.sort_by_key(|e| e.published);
    match v.id {
        Some(id) => recorded
            .into_iter()
            .find(|e| e.id == id)
            .map(Some)
            .ok_or_else(|| invalid(format!("values.{i}.id"), Rule::UnknownId)),
        None => Ok(recorded.first().copied()),
    }
}

pub(super) fn invalid(field: impl Into<String>, rule: Rule) -> async_graphql::Error {
    ApiError::from(ValidationError::new(field, rule)).into()
}

pub(super) fn check<T>(r: Result<T, ValidationError>) -> ApiResult<T> {
    r.map_err(|e| ApiError::from(e).into())
}

/// The document entered figures cite, made on first use.
pub(crate) async fn entry_document<C: ConnectionTrait>(db: &C, plan_id: i32) -> ApiResult<i32> {
    Ok(store::entry::entry_document(db, plan_id)
        .await
        .map_err(ApiError::from)?)
}

/// A measure of the plan by code in the action plan in force today (the one monitored), or
/// `NOT_FOUND`.
pub(super) async fn measure_by_code(
    ctx: &Context<'_>,
    plan_id: i32,
    code: &str,
) -> ApiResult<measure::Model> {
    let code = code_at(code, Level::Measure)?;
    let action_plan = super::query::action_plan_read(ctx, plan_id).await?;
    Ok(
        crate::store::lookup::measure(db(ctx), plan_id, action_plan, &code)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| ApiError::not_found(format!("measure `{code}`")))?,
    )
}

/// The organisation named is one the actor may name ([`policy::may_name_organisation`]: an
/// implementer only their own).
pub(super) fn own_organisation(actor: &Actor, organisation_id: Option<i32>) -> ApiResult<()> {
    match organisation_id {
        Some(org) if !policy::may_name_organisation(actor, org) => {
            Err(ApiError::Forbidden("you report only for your own organisations").into())
        }
        _ => Ok(()),
    }
}

/// The organisation exists in the plan.
pub(super) async fn organisation_in_plan(
    ctx: &Context<'_>,
    plan_id: i32,
    id: i32,
    field: &str,
) -> ApiResult<()> {
    let found = store::entry::organisation_in_plan(db(ctx), plan_id, id)
        .await
        .map_err(ApiError::from)?;
    if found {
        Ok(())
    } else {
        Err(invalid(field, Rule::UnknownId))
    }
}

/// Publishes drafts of `table`, each at the version the client read: a new record in place, a
/// proposal into the published record it changes ([`proposal::publish_draft`]).
pub(super) async fn publish<E>(
    w: &Write<'_>,
    table: &str,
    records: &[RecordVersion],
) -> ApiResult<Vec<E::Model>>
where
    E: proposal::Proposable,
    E::Model: serde::Serialize + sea_orm::IntoActiveModel<E::ActiveModel>,
    E::ActiveModel: sea_orm::ActiveModelTrait<Entity = E> + sea_orm::ActiveModelBehavior + Send,
{
    let mut out = Vec::new();
    for r in records {
        out.push(proposal::publish_draft::<E>(w, table, r.id, r.version).await?);
    }
    Ok(out)
}

/// Entering data.
#[derive(Default)]
pub struct EntryMutation;

#[Object]
impl EntryMutation {
    /// Records a monitoring wave of a specific goal's impact indicators: a draft unless
    /// `publish` is set (which needs a coordinator).
    async fn record_indicator_values(
        &self,
        ctx: &Context<'_>,
        input: MonitoringWaveInput,
    ) -> ApiResult<Vec<IndicatorValue>> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &input.plan).await?;
        let code = code_at(&input.specific_goal, Level::SpecificGoal)?;
        let goal = crate::store::lookup::specific_goal(db, plan_id, &code)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| ApiError::not_found(format!("specific goal `{code}`")))?;
        let implementers = scope::goal_implementers(db, goal.id)
            .await
            .map_err(ApiError::from)?;
        let actor = a.require(&Need::ReportFor {
            plan_id,
            implementers,
        })?;
        if input.publish {
            a.require(&Need::EditPlan { plan_id })?;
        }
        let date = check(validate::date("refDate", &input.ref_date))?;
        let note = check(validate::line("sourceNote", &input.source_note))?;
        let indicators = store::entry::goal_indicators(db, goal.id)
            .await
            .map_err(ApiError::from)?;
        let ids = check_wave_values(&input.values, &indicators)?;
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let document_id = entry_document(&w.txn, plan_id).await?;
        let existing = store::entry::values_at(&w.txn, ids, &date.to_string())
            .await
            .map_err(ApiError::from)?;
        let mut out = Vec::new();
        for (i, v) in input.values.iter().enumerate() {
            let mut fields = store::entry::value_columns(v.value, date, &note, document_id);
            let revised = match revised_value(&existing, v, i)? {
                Some(before) => Some((
                    before,
                    v.version.ok_or(ApiError::Conflict {
                        current_version: before.version,
                    })?,
                )),
                None => {
                    fields.impact_indicator_id = Set(v.indicator_id);
                    fields.ref_date = Set(date.to_string());
                    fields.parts = Set(None);
                    None
                }
            };
            let row = proposal::save::<indicator_value::Entity>(
                &w,
                "indicator_value",
                revised,
                fields,
                input.publish,
            )
            .await?;
            out.push(IndicatorValue(row));
        }
        w.commit().await?;
        Ok(out)
    }

    /// Publishes draft indicator values of the plan (coordinators and admins); an empty list
    /// publishes nothing.
    async fn publish_indicator_values(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        values: Vec<RecordVersion>,
    ) -> ApiResult<Vec<IndicatorValue>> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let ids: Vec<i32> = values.iter().map(|r| r.id).collect();
        let in_plan = scope::values_in_plan(db, plan_id, ids)
            .await
            .map_err(ApiError::from)?;
        if let Some(i) = values.iter().position(|r| !in_plan.contains(&r.id)) {
            return Err(invalid(format!("values.{i}.id"), Rule::UnknownId));
        }
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let rows = publish::<indicator_value::Entity>(&w, "indicator_value", &values).await?;
        w.commit().await?;
        Ok(rows.into_iter().map(IndicatorValue).collect())
    }

    /// Records a measure's status at a report date (a draft unless `publish`), or changes a
    /// recorded one.
    async fn set_measure_status(
        &self,
        ctx: &Context<'_>,
        input: MeasureStatusInput,
    ) -> ApiResult<MeasureStatus> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &input.plan).await?;
        let measure = measure_by_code(ctx, plan_id, &input.measure).await?;
        let implementers = scope::implementers(db, vec![measure.id])
            .await
            .map_err(ApiError::from)?;
        let actor = a.require(&Need::ReportFor {
            plan_id,
            implementers,
        })?;
        if input.publish {
            a.require(&Need::EditPlan { plan_id })?;
        }
        own_organisation(actor, input.organisation_id)?;
        let date = check(validate::date("refDate", &input.ref_date))?;
        let (from, to) = check(validate::period(
            "periodFrom",
            input.period_from.as_deref(),
            "periodTo",
            input.period_to.as_deref(),
        ))?;
        let status = check(validate::status(
            "reports",
            input.status.into(),
            input.reports,
            input.reports_of,
        ))?;
        if let Some(org) = input.organisation_id {
            organisation_in_plan(ctx, plan_id, org, "organisationId").await?;
        }
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let document_id = entry_document(&w.txn, plan_id).await?;
        let mut fields = store::entry::status_columns(
            input.organisation_id,
            status,
            Activity::from(input.activity),
            date,
            (from, to),
            document_id,
        );
        let before = revised_of_measure::<measure_status::Entity>(
            &w,
            input.record.as_ref(),
            "status",
            |s| s.measure_id,
            measure.id,
        )
        .await?;
        if before.is_none() {
            fields.measure_id = Set(measure.id);
            fields.position = Set(0);
        }
        let after = proposal::save::<measure_status::Entity>(
            &w,
            "measure_status",
            before.as_ref().map(|(b, v)| (b, *v)),
            fields,
            input.publish,
        )
        .await?;
        w.commit().await?;
        Ok(MeasureStatus(after))
    }

    /// Publishes draft statuses of the plan (coordinators and admins); an empty list
    /// publishes nothing.
    async fn publish_measure_statuses(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        statuses: Vec<RecordVersion>,
    ) -> ApiResult<Vec<MeasureStatus>> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let ids: Vec<i32> = statuses.iter().map(|r| r.id).collect();
        let in_plan = scope::statuses_in_plan(db, plan_id, ids)
            .await
            .map_err(ApiError::from)?;
        if let Some(i) = statuses.iter().position(|r| !in_plan.contains(&r.id)) {
            return Err(invalid(format!("statuses.{i}.id"), Rule::UnknownId));
        }
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let rows = publish::<measure_status::Entity>(&w, "measure_status", &statuses).await?;
        w.commit().await?;
        Ok(rows.into_iter().map(MeasureStatus).collect())
    }
}

/// The plan's measures in plan order: all of them when `all`, else those the actor's
/// organisations implement (as published).
async fn measures_for(
    ctx: &Context<'_>,
    actor: &Actor,
    plan_id: i32,
    all: bool,
) -> ApiResult<Vec<measure::Model>> {
    let db = db(ctx);
    let only = if all {
        None
    } else {
        Some(
            scope::measures_of(db, plan_id, &actor.organisations)
                .await
                .map_err(ApiError::from)?,
        )
    };
    Ok(store::entry::measures(db, plan_id, only)
        .await
        .map_err(ApiError::from)?)
}

/// Reads for people entering data.
#[derive(Default)]
pub struct EntryQuery;

#[Object]
impl EntryQuery {
    /// The measures the signed-in user may report for: an implementer's own, every measure of
    /// the plan for coordinators and admins.
    async fn reporting(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
    ) -> ApiResult<Vec<Measure>> {
        let a = auth(ctx);
        let actor = a.signed_in()?;
        let plan_id = plan_id(ctx, &plan).await?;
        let all = crate::auth::allows(Some(actor), &Need::EditPlan { plan_id });
        Ok(measures_for(ctx, actor, plan_id, all)
            .await?
            .into_iter()
            .map(|m| Measure(m.into()))
            .collect())
    }

    /// Unpublished indicator values, statuses and projects of the plan (new records and
    /// proposed changes to published ones), awaiting a coordinator: all of
    /// them for staff who read internal data, an implementer's own measures' otherwise.
    async fn drafts(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
    ) -> ApiResult<Drafts> {
        let a = auth(ctx);
        let actor = a.signed_in()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &plan).await?;
        let measures = measures_for(ctx, actor, plan_id, a.reads_internal(plan_id)).await?;
        let drafts = store::entry::drafts(db, &measures)
            .await
            .map_err(ApiError::from)?;
        Ok(Drafts {
            indicator_values: drafts.values.into_iter().map(IndicatorValue).collect(),
            statuses: drafts.statuses.into_iter().map(MeasureStatus).collect(),
            projects: drafts
                .projects
                .into_iter()
                .map(|m| Project(m.into()))
                .collect(),
        })
    }
}
