//! Writing a draft action plan's measures: carrying them over from an earlier action plan,
//! ending one with a reason, adding a new one (`store::carry_over`). Coordinators only; a
//! draft's rows are the staff's alone until it is approved, and an approved action plan's
//! measures and their origins no longer change here.

use async_graphql::{Context, InputObject, Object, SimpleObject};
use shared::Code;
use shared::code::Level;
use shared::validate::{self, Rule};

use super::action_plan::{EndedMeasure, MeasureRef};
use super::entry::{check, invalid};
use super::plan::ActionPlan;
use super::{auth, code_at, db, plan_id, versions};
use crate::auth::policy::Need;
use crate::entity::{action_plan, measure};
use crate::error::{ApiError, ApiResult};
use crate::store::carry_over;
use crate::store::write::Write;

/// Carrying measures of an earlier action plan into a draft.
#[derive(InputObject)]
pub struct CarryOverInput {
    #[graphql(default = "ostrava")]
    pub plan: String,
    /// The draft's number.
    pub action_plan: i32,
    /// The number of the approved action plan the measures come from.
    pub from: i32,
    /// The plan the measures come from, when named: it must be `plan` (measures never move
    /// between plans).
    pub from_plan: Option<String>,
    /// Only the measures of this area ("2"); all when not given.
    pub area: Option<String>,
}

/// What carrying over did.
#[derive(SimpleObject)]
pub struct CarriedOver {
    pub action_plan: ActionPlan,
    /// The measures carried over now, in code order (none when all were already there).
    pub carried: Vec<MeasureRef>,
}

/// Ending a measure of an earlier action plan in a draft.
#[derive(InputObject)]
pub struct EndMeasureInput {
    #[graphql(default = "ostrava")]
    pub plan: String,
    /// The draft's number.
    pub action_plan: i32,
    /// The number of the action plan the measure is of.
    pub from: i32,
    /// The measure's code there.
    pub measure: String,
    /// Why it does not go on.
    pub reason: String,
}

/// A new measure of a draft.
#[derive(InputObject)]
pub struct AddMeasureInput {
    #[graphql(default = "ostrava")]
    pub plan: String,
    /// The draft's number.
    pub action_plan: i32,
    /// The specific goal it serves ("2.1.3").
    pub specific_goal: String,
    /// Its code, when chosen; by default the next number under the goal no measure of the
    /// plan has had.
    pub code: Option<String>,
    pub name: String,
    pub description: Option<String>,
}

/// A measure card's lists, replaced: each list given replaces the card's.
#[derive(InputObject)]
pub struct MeasureListsInput {
    #[graphql(default = "ostrava")]
    pub plan: String,
    /// The action plan the measure is of, by number, a draft's included (default: the one in
    /// force today).
    pub action_plan: Option<i32>,
    pub code: String,
    /// The measure's version read.
    pub version: i32,
    /// The funding sources the card names, in order, each once.
    pub funding_sources: Option<Vec<super::measure::FundingSourceEnum>>,
    /// The output indicators, in order (at most 20).
    pub output_indicators: Option<Vec<String>>,
}

/// The most output indicators a card lists.
const MAX_OUTPUTS: usize = 20;

/// A measure of a draft action plan, as its staff write it.
#[derive(SimpleObject)]
pub struct DraftMeasure {
    pub code: String,
    pub name: String,
    /// The version read: an edit (`updateMeasure` with `actionPlan`) sends it back.
    pub version: i32,
    pub estimated_cost_text: String,
    pub estimated_cost: Option<super::scalars::Amount>,
    /// Carried over from an earlier action plan (else new).
    pub carried_over: bool,
    pub funding_sources: Vec<super::measure::FundingSourceEnum>,
    pub output_indicators: Vec<String>,
}

/// The measures of draft `a` in code order, for the plan's staff (`ActionPlan.draftMeasures`);
/// none for an approved action plan, whose measures everyone reads through `measures`.
pub(super) async fn draft_measures(
    ctx: &Context<'_>,
    a: &action_plan::Model,
) -> ApiResult<Vec<DraftMeasure>> {
    if a.state != action_plan::DRAFT {
        return Ok(Vec::new());
    }
    auth(ctx).require(&Need::ReadInternal { plan_id: a.plan_id })?;
    let mut rows = crate::store::action_plan::compared(db(ctx), a.id)
        .await
        .map_err(ApiError::from)?;
    rows.sort_by(|x, y| x.code.cmp(&y.code));
    Ok(rows
        .into_iter()
        .map(|c| {
            let sources = c
                .card
                .funding
                .iter()
                .map(|s| s.as_str().to_owned())
                .collect();
            draft_measure(c.measure, sources, c.card.output_indicators)
        })
        .collect())
}

fn draft_measure(m: measure::Model, sources: Vec<String>, outputs: Vec<String>) -> DraftMeasure {
    DraftMeasure {
        funding_sources: sources
            .iter()
            .filter_map(|s| shared::FundingSource::from_db(s).map(Into::into))
            .collect(),
        output_indicators: outputs,
        code: m.code,
        name: m.name,
        version: m.version,
        estimated_cost_text: m.estimated_cost_text,
        estimated_cost: m
            .estimated_cost
            .map(|h| super::scalars::Amount(shared::Czk::from_hellers(h))),
        carried_over: m.origin_id.is_some(),
    }
}

#[derive(Default)]
pub struct CarryOverMutation;

/// Action plan `number` of the plan, read in the write's transaction, if it is a draft:
/// `NOT_FOUND` for no such, rule `APPROVED` for an approved one (`field` names the input).
async fn draft(
    w: &Write<'_>,
    plan_id: i32,
    number: i32,
    field: &str,
) -> ApiResult<action_plan::Model> {
    let found = find(w, plan_id, number).await?;
    if found.state != action_plan::DRAFT {
        return Err(invalid(field, Rule::Approved));
    }
    Ok(found)
}

/// Action plan `number` of the plan, or `NOT_FOUND`.
async fn find(w: &Write<'_>, plan_id: i32, number: i32) -> ApiResult<action_plan::Model> {
    crate::store::action_plan::all(&w.txn, plan_id)
        .await
        .map_err(ApiError::from)?
        .into_iter()
        .find(|a| a.number == number)
        .ok_or_else(|| ApiError::not_found(format!("action plan {number}")).into())
}

/// The approved action plan measures come from: `NOT_FOUND` for none such (a draft is not
/// a source), `UNKNOWN_ID` when it is the draft itself.
async fn source(
    w: &Write<'_>,
    plan_id: i32,
    number: i32,
    into: &action_plan::Model,
) -> ApiResult<action_plan::Model> {
    let from = find(w, plan_id, number).await?;
    if from.state != action_plan::APPROVED {
        return Err(ApiError::not_found(format!("action plan {number}")).into());
    }
    if from.id == into.id {
        return Err(invalid("from", Rule::UnknownId));
    }
    Ok(from)
}

fn reference(m: &measure::Model) -> MeasureRef {
    MeasureRef {
        code: m.code.clone(),
        name: m.name.clone(),
    }
}

#[Object]
impl CarryOverMutation {
    /// Carries the measures of an earlier (approved) action plan into a draft, all or one
    /// area's: each a copy of its card, funding sources, output indicators and links under
    /// the same code, remembering where it came from. Measures already carried over or ended
    /// are left alone, so it can be repeated.
    async fn carry_over_measures(
        &self,
        ctx: &Context<'_>,
        input: CarryOverInput,
    ) -> ApiResult<CarriedOver> {
        let a = auth(ctx);
        a.check_csrf()?;
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        if input.from_plan.as_ref().is_some_and(|p| p != &input.plan) {
            return Err(invalid("fromPlan", Rule::UnknownId));
        }
        let area = match &input.area {
            Some(a) => Some(code_at(a, Level::Area)?),
            None => None,
        };
        let w = Write::begin(db(ctx), versions(ctx), actor, Some(plan_id)).await?;
        w.internal();
        let into = draft(&w, plan_id, input.action_plan, "actionPlan").await?;
        let from = source(&w, plan_id, input.from, &into).await?;
        let carried = carry_over::carry_over(&w, &from, &into, area.as_ref()).await?;
        w.commit().await?;
        Ok(CarriedOver {
            action_plan: ActionPlan(into),
            carried: carried.iter().map(reference).collect(),
        })
    }

    /// Ends a measure of an earlier action plan in a draft, with the reason: the draft's copy
    /// of it (if carried over) goes, and the comparison names it ended.
    async fn end_measure(
        &self,
        ctx: &Context<'_>,
        input: EndMeasureInput,
    ) -> ApiResult<EndedMeasure> {
        let a = auth(ctx);
        a.check_csrf()?;
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let code = code_at(&input.measure, Level::Measure)?;
        let reason = check(validate::text("reason", &input.reason))?;
        let w = Write::begin(db(ctx), versions(ctx), actor, Some(plan_id)).await?;
        w.internal();
        let into = draft(&w, plan_id, input.action_plan, "actionPlan").await?;
        let from = source(&w, plan_id, input.from, &into).await?;
        let earlier = crate::store::action_plan::measure(&w.txn, from.id, &code)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| ApiError::not_found(format!("measure {code}")))?;
        if carry_over::end(&w, &into, &earlier, reason.clone())
            .await?
            .is_none()
        {
            return Err(invalid("measure", Rule::Duplicate));
        }
        w.commit().await?;
        Ok(EndedMeasure {
            measure: reference(&earlier),
            reason: Some(reason),
        })
    }

    /// Replaces a measure card's funding sources and/or output indicators (a draft's measure
    /// or an approved one's, audited; the measure's version is raised).
    async fn set_measure_lists(
        &self,
        ctx: &Context<'_>,
        input: MeasureListsInput,
    ) -> ApiResult<DraftMeasure> {
        let a = auth(ctx);
        a.check_csrf()?;
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let code = code_at(&input.code, Level::Measure)?;
        let sources = match &input.funding_sources {
            Some(list) => {
                let mut seen = std::collections::BTreeSet::new();
                let mut out = Vec::with_capacity(list.len());
                for s in list {
                    let source: shared::FundingSource = (*s).into();
                    if !seen.insert(source) {
                        return Err(invalid("fundingSources", Rule::Duplicate));
                    }
                    out.push(source.as_str().to_owned());
                }
                Some(out)
            }
            None => None,
        };
        let outputs = match &input.output_indicators {
            Some(list) if list.len() > MAX_OUTPUTS => {
                return Err(invalid(
                    "outputIndicators",
                    Rule::TooMany { max: MAX_OUTPUTS },
                ));
            }
            Some(list) => Some(
                list.iter()
                    .map(|o| check(validate::line("outputIndicators", o)))
                    .collect::<ApiResult<Vec<String>>>()?,
            ),
            None => None,
        };
        let action_plan = super::action_plan::edited(ctx, plan_id, input.action_plan).await?;
        let w = Write::begin(db(ctx), versions(ctx), actor, Some(plan_id)).await?;
        if action_plan.state == action_plan::DRAFT {
            w.internal();
        }
        let m = crate::store::action_plan::measure(&w.txn, action_plan.id, &code)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| ApiError::not_found(format!("measure {code}")))?;
        let after = carry_over::replace_lists(&w, &m, input.version, sources, outputs).await?;
        let (sources, outputs) = carry_over::lists(&w.txn, after.id)
            .await
            .map_err(ApiError::from)?;
        w.commit().await?;
        Ok(draft_measure(after, sources, outputs))
    }

    /// Adds a new measure to a draft under a specific goal, with the next free code (or one
    /// chosen that no measure of the plan has had).
    async fn add_measure(
        &self,
        ctx: &Context<'_>,
        input: AddMeasureInput,
    ) -> ApiResult<MeasureRef> {
        let a = auth(ctx);
        a.check_csrf()?;
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let goal_code = code_at(&input.specific_goal, Level::SpecificGoal)?;
        let chosen: Option<Code> = match &input.code {
            Some(c) => Some(code_at(c, Level::Measure)?),
            None => None,
        };
        let name = check(validate::line("name", &input.name))?;
        let description = match &input.description {
            Some(d) if !d.trim().is_empty() => check(validate::text("description", d))?,
            _ => String::new(),
        };
        let w = Write::begin(db(ctx), versions(ctx), actor, Some(plan_id)).await?;
        w.internal();
        let into = draft(&w, plan_id, input.action_plan, "actionPlan").await?;
        let goal = crate::store::lookup::specific_goal(&w.txn, plan_id, &goal_code)
            .await
            .map_err(ApiError::from)?
            .ok_or_else(|| invalid("specificGoal", Rule::UnknownId))?;
        let taken = carry_over::taken_codes(&w.txn, plan_id)
            .await
            .map_err(ApiError::from)?;
        let code = match chosen {
            Some(code) => {
                shared::action_plan::check_new_code(&goal_code, &code, &taken)
                    .map_err(|rule| invalid("code", rule))?;
                code
            }
            None => shared::action_plan::next_measure_code(&goal_code, &taken)
                .map_err(|rule| invalid("specificGoal", rule))?,
        };
        let added = carry_over::add(&w, &into, &goal, &code, name, description).await?;
        w.commit().await?;
        Ok(reference(&added))
    }
}
