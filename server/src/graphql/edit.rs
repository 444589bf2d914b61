//! Coordinators' and admins' edits of the plan itself: measure cards, indicator targets, yearly
//! summaries, global indicator values, milestones, risks, and resolving data conflicts.
//!
//! Each edit names the record and the version it read; omitted fields stay as they are.

use async_graphql::{Context, InputObject, MaybeUndefined, Object};
use sea_orm::Set;
use shared::code::Level;
use shared::validate::{self, Rule, ValidationError};

use super::area::{ImpactIndicator, Summary};
use super::entry::RecordVersion;
use super::implementation::{GlobalValue, Risk};
use super::measure::Measure;
use super::provenance::Conflict;
use super::{auth, code_at, db, plan_id};
use crate::auth::Need;
use crate::entity::*;
use crate::error::{ApiError, ApiResult};
use crate::store::write::{Action, Write};
use crate::store::{lookup, scope};

fn check<T>(r: Result<T, ValidationError>) -> ApiResult<T> {
    r.map_err(|e| ApiError::from(e).into())
}

/// Changes to a measure card.
#[derive(InputObject)]
pub struct UpdateMeasureInput {
    #[graphql(default_with = "\"ostrava\".to_string()")]
    pub plan: String,
    /// The action plan the measure is of, by number, a draft's included (default: the one in
    /// force today).
    pub action_plan: Option<i32>,
    pub code: String,
    pub version: i32,
    pub name: Option<String>,
    pub description: Option<String>,
    pub target_group: Option<String>,
    pub responsible_body: Option<String>,
    pub schedule_text: Option<String>,
    /// The cost as the card words it ("6,1 mil. Kč (3 roky)").
    pub estimated_cost_text: Option<String>,
    /// The cost in Kč (`6100000`, `6 100 000 Kč`); an empty string clears it.
    pub estimated_cost: Option<String>,
    pub funding_text: Option<String>,
}

/// A new target of an impact indicator; an omitted field stays as it is.
#[derive(InputObject)]
pub struct UpdateTargetInput {
    pub record: RecordVersion,
    /// The number to reach; null for a target without a number.
    pub target_value: MaybeUndefined<f64>,
    /// The target as worded; null or an empty string clears it.
    pub target_text: MaybeUndefined<String>,
}

/// A yearly summary of a specific goal, new or changed.
#[derive(InputObject)]
pub struct SummaryInput {
    #[graphql(default_with = "\"ostrava\".to_string()")]
    pub plan: String,
    pub specific_goal: String,
    /// The summary to change; omitted for a new one.
    pub record: Option<RecordVersion>,
    pub year: i32,
    pub title: String,
    pub text: String,
}

/// A changed value of a global indicator's series.
#[derive(InputObject)]
pub struct GlobalValueInput {
    pub record: RecordVersion,
    pub value: Option<f64>,
    pub region_value: Option<f64>,
    pub source_note: String,
}

/// A changed milestone.
#[derive(InputObject)]
pub struct MilestoneInput {
    pub record: RecordVersion,
    pub period_text: Option<String>,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub text: Option<String>,
}

/// A changed risk: probability and impact on the 1–5 scales; significance is their product.
#[derive(InputObject)]
pub struct RiskInput {
    pub record: RecordVersion,
    pub probability: Option<i32>,
    pub impact: Option<i32>,
    pub mitigation: Option<String>,
}

/// The valid value of a conflict, with the reason.
#[derive(InputObject)]
pub struct ResolveConflictInput {
    pub record: RecordVersion,
    /// The statement whose value is valid; the others stay on record.
    pub statement_id: i32,
    pub reason: String,
}

/// Edits of the plan (coordinators of the plan and admins).
#[derive(Default)]
pub struct EditMutation;

#[Object]
impl EditMutation {
    /// Changes fields of a measure card.
    async fn update_measure(
        &self,
        ctx: &Context<'_>,
        input: UpdateMeasureInput,
    ) -> ApiResult<Measure> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let code = code_at(&input.code, Level::Measure)?;
        let action_plan = super::action_plan::edited(ctx, plan_id, input.action_plan).await?;
        let before = crate::store::action_plan::measure(db, action_plan.id, &code)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| ApiError::not_found(format!("measure `{code}`")))?;
        let mut m = measure::ActiveModel::default();
        if let Some(v) = &input.name {
            m.name = Set(check(validate::line("name", v))?);
        }
        if let Some(v) = &input.description {
            m.description = Set(check(validate::optional_text("description", v))?);
        }
        if let Some(v) = &input.target_group {
            m.target_group = Set(check(validate::optional_text("targetGroup", v))?);
        }
        if let Some(v) = &input.responsible_body {
            m.responsible_body = Set(check(validate::optional_text("responsibleBody", v))?);
        }
        if let Some(v) = &input.schedule_text {
            m.schedule_text = Set(check(validate::optional_line("scheduleText", v))?);
        }
        if let Some(v) = &input.estimated_cost_text {
            m.estimated_cost_text = Set(check(validate::optional_line("estimatedCostText", v))?);
        }
        if let Some(v) = &input.estimated_cost {
            let cost = if v.trim().is_empty() {
                None
            } else {
                Some(check(validate::amount_text("estimatedCost", v))?.hellers())
            };
            m.estimated_cost = Set(cost);
        }
        if let Some(v) = &input.funding_text {
            m.funding_text = Set(check(validate::optional_text("fundingText", v))?);
        }
        let name = input
            .name
            .as_deref()
            .map_or(before.name.as_str(), str::trim);
        let description = input
            .description
            .as_deref()
            .map_or(before.description.as_str(), str::trim);
        let body = input
            .responsible_body
            .as_deref()
            .map_or(before.responsible_body.as_str(), str::trim);
        m.search_text = Set(shared::search::fold(&format!(
            "{name} {description} {body}"
        )));
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        if action_plan.state == crate::entity::action_plan::DRAFT {
            // A draft's measure is the staff's alone.
            w.internal();
        }
        let after = w
            .update_audited::<measure::Entity>("measure", Action::Update, &before, m, input.version)
            .await?;
        w.commit().await?;
        Ok(Measure(after.into()))
    }

    /// Changes the target of an impact indicator.
    async fn update_indicator_target(
        &self,
        ctx: &Context<'_>,
        input: UpdateTargetInput,
    ) -> ApiResult<ImpactIndicator> {
        let (before, plan_id, actor) =
            super::target::editable_indicator(ctx, input.record.id).await?;
        let db = db(ctx);
        let mut fields = impact_indicator::ActiveModel::default();
        match input.target_value {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => fields.target_value = Set(None),
            MaybeUndefined::Value(v) => {
                fields.target_value = Set(Some(check(validate::indicator_value_in(
                    "targetValue",
                    v,
                    &before.unit,
                ))?));
            }
        }
        match &input.target_text {
            MaybeUndefined::Undefined => {}
            MaybeUndefined::Null => fields.target_text = Set(None),
            MaybeUndefined::Value(t) => {
                let t = check(validate::optional_line("targetText", t))?;
                fields.target_text = Set(Some(t).filter(|t| !t.is_empty()));
            }
        }
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let after = w
            .update_audited::<impact_indicator::Entity>(
                "impact_indicator",
                Action::Update,
                &before,
                fields,
                input.record.version,
            )
            .await?;
        w.commit().await?;
        Ok(ImpactIndicator {
            model: after,
            plan_id,
        })
    }

    /// Writes a yearly summary of a specific goal, or changes one.
    async fn save_summary(&self, ctx: &Context<'_>, input: SummaryInput) -> ApiResult<Summary> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let code = code_at(&input.specific_goal, Level::SpecificGoal)?;
        let goal = lookup::specific_goal(db, plan_id, &code)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| ApiError::not_found(format!("specific goal `{code}`")))?;
        check(validate::within("year", i64::from(input.year), 2000, 2100))?;
        let title = check(validate::line("title", &input.title))?;
        let text = check(validate::text("text", &input.text))?;
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let document_id = super::entry::entry_document(&w.txn, plan_id).await?;
        let mut fields = summary::ActiveModel {
            year: Set(input.year),
            title: Set(title),
            text: Set(text),
            document_id: Set(document_id),
            locator: Set("Zadáno v psz-monitor".to_owned()),
            ..Default::default()
        };
        let before = match &input.record {
            Some(r) => {
                let before = w.find::<summary::Entity>(r.id, "summary").await?;
                if before.specific_goal_id != goal.id {
                    return Err(
                        ApiError::from(ValidationError::new("record.id", Rule::UnknownId)).into(),
                    );
                }
                Some((before, r.version))
            }
            None => {
                fields.specific_goal_id = Set(goal.id);
                fields.footnotes = Set(String::new());
                None
            }
        };
        let after = w
            .save_versioned::<summary::Entity>(
                "summary",
                before.as_ref().map(|(b, v)| (b, *v)),
                fields,
            )
            .await?;
        w.commit().await?;
        Ok(Summary(after))
    }

    /// Changes a value of a global indicator's series (city and region).
    async fn update_global_value(
        &self,
        ctx: &Context<'_>,
        input: GlobalValueInput,
    ) -> ApiResult<GlobalValue> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let before =
            lookup::record::<global_indicator_value::Entity, _>(db, input.record.id, "value")
                .await?;
        let plan_id = scope::plan_of_global(db, before.global_indicator_id)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::Internal)?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        for (field, v) in [("value", input.value), ("regionValue", input.region_value)] {
            if let Some(v) = v {
                check(validate::global_value(field, v))?;
            }
        }
        let note = check(validate::line("sourceNote", &input.source_note))?;
        use shared::format::{Lang, number_auto};
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let document_id = super::entry::entry_document(&w.txn, plan_id).await?;
        let after = w
            .update_audited::<global_indicator_value::Entity>(
                "global_indicator_value",
                Action::Update,
                &before,
                global_indicator_value::ActiveModel {
                    value: Set(input.value),
                    value_text: Set(input
                        .value
                        .map(|v| number_auto(v, Lang::Cs))
                        .unwrap_or_default()),
                    region_value: Set(input.region_value),
                    region_value_text: Set(input.region_value.map(|v| number_auto(v, Lang::Cs))),
                    document_id: Set(document_id),
                    locator: Set(note),
                    ..Default::default()
                },
                input.record.version,
            )
            .await?;
        w.commit().await?;
        Ok(GlobalValue(after))
    }

    /// Changes a milestone of the implementation timeline.
    async fn update_milestone(
        &self,
        ctx: &Context<'_>,
        input: MilestoneInput,
    ) -> ApiResult<super::implementation::Milestone> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let before =
            lookup::record::<milestone::Entity, _>(db, input.record.id, "milestone").await?;
        let plan_id = scope::plan_of_action_plan(db, before.action_plan_id)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::Internal)?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let (from, to) = check(validate::period(
            "periodFrom",
            Some(input.period_from.as_deref().unwrap_or(&before.period_from)),
            "periodTo",
            Some(input.period_to.as_deref().unwrap_or(&before.period_to)),
        ))?;
        let mut m = milestone::ActiveModel::default();
        if let (Some(f), Some(t)) = (from, to) {
            m.period_from = Set(f.to_string());
            m.period_to = Set(t.to_string());
        } else {
            return Err(ApiError::from(ValidationError::new("periodFrom", Rule::Required)).into());
        }
        if let Some(v) = &input.period_text {
            m.period_text = Set(check(validate::line("periodText", v))?);
        }
        if let Some(v) = &input.text {
            m.text = Set(check(validate::text("text", v))?);
        }
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let after = w
            .update_audited::<milestone::Entity>(
                "milestone",
                Action::Update,
                &before,
                m,
                input.record.version,
            )
            .await?;
        w.commit().await?;
        Ok(super::implementation::Milestone::new(ctx, after))
    }

    /// Changes a risk's probability, impact or mitigation; significance follows.
    async fn update_risk(&self, ctx: &Context<'_>, input: RiskInput) -> ApiResult<Risk> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let before = lookup::record::<risk::Entity, _>(db, input.record.id, "risk").await?;
        let plan_id = scope::plan_of_action_plan(db, before.action_plan_id)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::Internal)?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let p = input.probability.unwrap_or(before.probability);
        let i = input.impact.unwrap_or(before.impact);
        check(validate::within("probability", i64::from(p), 1, 5))?;
        check(validate::within("impact", i64::from(i), 1, 5))?;
        let significance = shared::timeline::risk_significance(p, i).ok_or(ApiError::Internal)?;
        let mut m = risk::ActiveModel {
            probability: Set(p),
            impact: Set(i),
            significance: Set(significance),
            ..Default::default()
        };
        if let Some(v) = &input.mitigation {
            m.mitigation = Set(check(validate::text("mitigation", v))?);
        }
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let after = w
            .update_audited::<risk::Entity>(
                "risk",
                Action::Update,
                &before,
                m,
                input.record.version,
            )
            .await?;
        w.commit().await?;
        Ok(Risk(after))
    }

    /// Resolves a data conflict: one statement's value is valid, for the given reason; every
    /// other statement stays on record.
    async fn resolve_conflict(
        &self,
        ctx: &Context<'_>,
        input: ResolveConflictInput,
    ) -> ApiResult<Conflict> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let before = lookup::record::<conflict::Entity, _>(db, input.record.id, "conflict").await?;
        let actor = a.require(&Need::EditPlan {
            plan_id: before.plan_id,
        })?;
        let known = lookup::statement_of_conflict(db, &before, input.statement_id)
            .await
            .map_err(ApiError::from)?;
        if !known {
            return Err(
                ApiError::from(ValidationError::new("statementId", Rule::UnknownId)).into(),
            );
        }
        let reason = check(validate::text("reason", &input.reason))?;
        let w = Write::begin(db, super::versions(ctx), actor, Some(before.plan_id)).await?;
        let after = w
            .update_audited::<conflict::Entity>(
                "conflict",
                Action::Resolve,
                &before,
                conflict::ActiveModel {
                    resolved_statement_id: Set(Some(input.statement_id)),
                    resolution_reason: Set(Some(reason)),
                    ..Default::default()
                },
                input.record.version,
            )
            .await?;
        w.commit().await?;
        Ok(Conflict { model: after })
    }
}
