//! Writing the next action plan: a coordinator creates it as a draft (number, name, years) and
//! approves it (the day and the council's resolution). A draft is the staff's alone: the
//! public's reads never hold it (`store::model::InPlan`), staff list it with
//! `actionPlanDrafts`.

use std::collections::HashMap;

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};
use sea_orm::{EntityTrait, Set};
use shared::action_plan::{Ending, Entry, Neighbour, Period, check_period, compare};
use shared::validate::{self, Rule};

use super::entry::{check, entry_document, invalid};
use super::measure::FundingSourceEnum;
use super::plan::ActionPlan;
use super::scalars::Amount;
use super::{auth, db, plan_id, today, versions};
use crate::auth::policy::Need;
use crate::entity::{action_plan, plan};
use crate::error::{ApiError, ApiResult};
use crate::store::write::{Action, Write};

/// The most action plans a plan may have (a number is 1 to this).
const MAX_NUMBER: i64 = 20;

/// A new action plan, as a draft.
#[derive(InputObject)]
pub struct CreateActionPlanInput {
    #[graphql(default = "ostrava")]
    pub plan: String,
    /// Its number (2 for "Akční plán II."), not yet used in the plan.
    pub number: i32,
    /// Its name ("Akční plán II.").
    pub name: String,
    /// The first and last year it covers (2026–2027): within the plan's years, sharing none
    /// with another action plan.
    pub period_from: i32,
    pub period_to: i32,
}

/// Approving a draft action plan.
#[derive(InputObject)]
pub struct ApproveActionPlanInput {
    #[graphql(default = "ostrava")]
    pub plan: String,
    pub number: i32,
    /// The version read.
    pub version: i32,
    /// The day it was approved (ISO 8601), not after today.
    pub approved_on: String,
    /// The council's resolution, as text ("usnesení ZM č. 1234/ZM2226/20").
    pub resolution: String,
}

/// A measure as the comparison names it.
#[derive(SimpleObject, Clone)]
pub struct MeasureRef {
    pub code: String,
    pub name: String,
}

/// A field of a measure's card.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "CardField", remote = "shared::action_plan::CardField")]
pub enum CardFieldEnum {
    Name,
    Description,
    TargetGroup,
    ResponsibleBody,
    Schedule,
    EstimatedCostText,
    EstimatedCost,
    Funding,
    FundingText,
    Links,
    ServiceType,
    OutputIndicators,
}

/// A measure of the earlier action plan no measure of the later one carries on.
#[derive(SimpleObject)]
pub struct EndedMeasure {
    pub measure: MeasureRef,
    /// Why it ended, when the later action plan says (else it was simply not carried over).
    pub reason: Option<String>,
}

/// A measure carried over with changes: the fields of its card that differ.
#[derive(SimpleObject)]
pub struct ChangedMeasure {
    pub earlier: MeasureRef,
    pub later: MeasureRef,
    pub fields: Vec<CardFieldEnum>,
}

/// A measure carried over unchanged.
#[derive(SimpleObject)]
pub struct CarriedMeasure {
    pub earlier: MeasureRef,
    pub later: MeasureRef,
}

/// What became of the measures under one specific goal.
#[derive(SimpleObject)]
pub struct GoalComparison {
    /// The specific goal's code.
    pub goal: String,
    pub added: Vec<MeasureRef>,
    pub ended: Vec<EndedMeasure>,
    pub changed: Vec<ChangedMeasure>,
    pub unchanged: Vec<CarriedMeasure>,
}

/// Estimated costs of the cards, the earlier action plan's beside the later one's.
#[derive(SimpleObject)]
pub struct CostPair {
    pub earlier: Amount,
    pub later: Amount,
}

#[derive(SimpleObject)]
pub struct AreaCost {
    /// The area's code.
    pub area: String,
    pub cost: CostPair,
}

/// Costs of the cards naming a funding source (a card naming two counts under both).
#[derive(SimpleObject)]
pub struct SourceCost {
    pub source: FundingSourceEnum,
    pub cost: CostPair,
}

/// A measure the earlier action plan left unimplemented ("Nerealizováno"), and the later
/// measure that carries it on, if any.
#[derive(SimpleObject)]
pub struct UnimplementedMeasure {
    pub measure: MeasureRef,
    pub carried_into: Option<MeasureRef>,
}

/// A later action plan compared with an earlier one (`shared::action_plan::compare`).
#[derive(SimpleObject)]
pub struct ActionPlanComparison {
    pub earlier: ActionPlan,
    pub later: ActionPlan,
    /// Per specific goal with a measure in either, in code order.
    pub goals: Vec<GoalComparison>,
    pub cost_by_area: Vec<AreaCost>,
    pub cost_by_source: Vec<SourceCost>,
    pub cost_total: CostPair,
    pub unimplemented: Vec<UnimplementedMeasure>,
}

/// The action plan a staff edit of a measure addresses: number `number` (a draft's
/// included), else the one in force today; `NOT_FOUND` when the plan has none such.
pub(super) async fn edited(
    ctx: &Context<'_>,
    plan_id: i32,
    number: Option<i32>,
) -> ApiResult<action_plan::Model> {
    let id = match number {
        None => super::query::action_plan_read(ctx, plan_id).await?,
        Some(_) => None,
    };
    let found = crate::store::action_plan::all(db(ctx), plan_id)
        .await
        .map_err(ApiError::from)?
        .into_iter()
        .find(|a| match number {
            Some(n) => a.number == n,
            None => Some(a.id) == id,
        });
    Ok(found.ok_or_else(|| {
        ApiError::not_found(match number {
            Some(n) => format!("action plan {n}"),
            None => "an approved action plan".to_owned(),
        })
    })?)
}

fn pair(p: shared::action_plan::Pair) -> ApiResult<CostPair> {
    let amount = |t: shared::money::Total| t.get().map(Amount).map_err(|_| ApiError::Internal);
    Ok(CostPair {
        earlier: amount(p.earlier)?,
        later: amount(p.later)?,
    })
}

#[derive(Default)]
pub struct ActionPlanQuery;

#[Object]
impl ActionPlanQuery {
    /// Action plan `later` compared with action plan `earlier` (usually the one it was carried
    /// over from): per specific goal the measures added, ended, changed (which fields of the
    /// card) and unchanged; estimated costs by area and funding source side by side; what the
    /// earlier one left unimplemented and whether the later one carries it on. Public for two
    /// approved action plans; a draft's comparison is its plan's staff's.
    async fn action_plan_comparison(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        earlier: i32,
        later: i32,
    ) -> ApiResult<ActionPlanComparison> {
        let plan_id = plan_id(ctx, &plan).await?;
        let db = db(ctx);
        let all = crate::store::action_plan::all(db, plan_id)
            .await
            .map_err(ApiError::from)?;
        let find = |number: i32| {
            all.iter()
                .find(|a| a.number == number)
                .cloned()
                .ok_or_else(|| ApiError::not_found(format!("action plan {number}")))
        };
        let (earlier, later) = (find(earlier)?, find(later)?);
        if earlier.state != action_plan::APPROVED || later.state != action_plan::APPROVED {
            // A draft is not the public's: the same answer as for no such action plan.
            if auth(ctx).require(&Need::ReadInternal { plan_id }).is_err() {
                let draft = if earlier.state == action_plan::APPROVED {
                    &later
                } else {
                    &earlier
                };
                return Err(ApiError::not_found(format!("action plan {}", draft.number)).into());
            }
        }
        compare_action_plans(db, earlier, later).await
    }

    /// The plan's action plans being written (drafts), for its staff.
    async fn action_plan_drafts(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
    ) -> ApiResult<Vec<ActionPlan>> {
        let plan_id = plan_id(ctx, &plan).await?;
        auth(ctx).require(&Need::ReadInternal { plan_id })?;
        Ok(crate::store::action_plan::all(db(ctx), plan_id)
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .filter(|a| a.state == action_plan::DRAFT)
            .map(ActionPlan)
            .collect())
    }
}

#[derive(Default)]
pub struct ActionPlanMutation;

#[Object]
impl ActionPlanMutation {
    /// Creates an action plan as a draft, which only the plan's staff see until it is
    /// approved.
    async fn create_action_plan(
        &self,
        ctx: &Context<'_>,
        input: CreateActionPlanInput,
    ) -> ApiResult<ActionPlan> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        check(validate::within(
            "number",
            i64::from(input.number),
            1,
            MAX_NUMBER,
        ))?;
        let name = check(validate::line("name", &input.name))?;
        let w = Write::begin(db, versions(ctx), actor, Some(plan_id)).await?;
        let plan = plan_row(&w, plan_id).await?;
        let others = crate::store::action_plan::all(&w.txn, plan_id)
            .await
            .map_err(ApiError::from)?;
        if others.iter().any(|o| o.number == input.number) {
            return Err(invalid("number", Rule::Duplicate));
        }
        let neighbours: Vec<Neighbour<'_>> = others
            .iter()
            .map(|o| Neighbour {
                name: &o.name,
                period: Period {
                    from: o.period_from,
                    to: o.period_to,
                },
            })
            .collect();
        let period = Period {
            from: input.period_from,
            to: input.period_to,
        };
        let plan_years = Period {
            from: plan.period_from,
            to: plan.period_to,
        };
        check_period(period, plan_years, &neighbours)
            .map_err(|rule| invalid("periodFrom", rule))?;
        let document_id = entry_document(&w.txn, plan_id).await?;
        let created = w
            .create::<action_plan::Entity>(
                "action_plan",
                action_plan::ActiveModel {
                    plan_id: Set(plan_id),
                    number: Set(input.number),
                    name: Set(name),
                    period_from: Set(period.from),
                    period_to: Set(period.to),
                    document_id: Set(document_id),
                    state: Set(action_plan::DRAFT.to_owned()),
                    approved_on: Set(None),
                    resolution: Set(None),
                    ..Default::default()
                },
            )
            .await?;
        w.commit().await?;
        Ok(ActionPlan(created))
    }

    /// Approves a draft action plan: from now on it is public and monitored like the first.
    async fn approve_action_plan(
        &self,
        ctx: &Context<'_>,
        input: ApproveActionPlanInput,
    ) -> ApiResult<ActionPlan> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &input.plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let approved_on = check(validate::date("approvedOn", &input.approved_on))?;
        let resolution = check(validate::line("resolution", &input.resolution))?;
        let w = Write::begin(db, versions(ctx), actor, Some(plan_id)).await?;
        let plan = plan_row(&w, plan_id).await?;
        let earliest = shared::Date::new(plan.period_from, 1, 1).ok_or(ApiError::Internal)?;
        let today = today(ctx);
        if approved_on < earliest || approved_on > today {
            return Err(invalid(
                "approvedOn",
                Rule::DateOutOfRange {
                    from: earliest.to_string(),
                    to: today.to_string(),
                },
            ));
        }
        let before = crate::store::action_plan::all(&w.txn, plan_id)
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .find(|p| p.number == input.number)
            .ok_or_else(|| ApiError::not_found(format!("action plan {}", input.number)))?;
        if before.state != action_plan::DRAFT {
            return Err(invalid("number", Rule::Approved));
        }
        let after = w
            .update_audited::<action_plan::Entity>(
                "action_plan",
                Action::Update,
                &before,
                action_plan::ActiveModel {
                    state: Set(action_plan::APPROVED.to_owned()),
                    approved_on: Set(Some(approved_on.to_string())),
                    resolution: Set(Some(resolution)),
                    ..Default::default()
                },
                input.version,
            )
            .await?;
        w.commit().await?;
        Ok(ActionPlan(after))
    }
}

/// The plan's row, read in the write's transaction.
async fn plan_row(w: &Write<'_>, plan_id: i32) -> ApiResult<plan::Model> {
    Ok(plan::Entity::find_by_id(plan_id)
        .one(&w.txn)
        .await
        .map_err(ApiError::from)?
        .ok_or(ApiError::Internal)?)
}

/// Action plan `later` compared with `earlier` (whoever may read both asked).
pub(super) async fn compare_action_plans(
    db: &sea_orm::DatabaseConnection,
    earlier: action_plan::Model,
    later: action_plan::Model,
) -> ApiResult<ActionPlanComparison> {
    if earlier.id == later.id {
        return Err(invalid("later", Rule::Duplicate));
    }
    let store = crate::store::action_plan::compared;
    let (before, after, endings) = tokio::try_join!(
        store(db, earlier.id),
        store(db, later.id),
        crate::store::action_plan::endings(db, later.id),
    )
    .map_err(ApiError::from)?;
    fn entries(rows: &[crate::store::action_plan::Compared]) -> Vec<Entry<'_, i32>> {
        rows.iter()
            .map(|c| Entry {
                id: c.measure.id,
                code: &c.code,
                card: &c.card,
                origin: c.measure.origin_id,
                status: c.status,
            })
            .collect()
    }
    let reasons: Vec<Ending<'_, i32>> = endings
        .iter()
        .map(|e| Ending {
            measure: e.measure_id,
            reason: &e.reason,
        })
        .collect();
    let result = compare(&entries(&before), &entries(&after), &reasons).map_err(|e| {
        tracing::error!(error = %e, "action plans that cannot be compared");
        ApiError::Internal
    })?;
    let names: HashMap<i32, MeasureRef> = before
        .iter()
        .chain(&after)
        .map(|c| {
            (
                c.measure.id,
                MeasureRef {
                    code: c.measure.code.clone(),
                    name: c.measure.name.clone(),
                },
            )
        })
        .collect();
    let named = |id: &i32| names.get(id).cloned().ok_or(ApiError::Internal);
    let mut goals = Vec::new();
    for g in result.goals {
        goals.push(GoalComparison {
            goal: g.goal.to_string(),
            added: g.added.iter().map(named).collect::<Result<_, _>>()?,
            ended: g
                .ended
                .iter()
                .map(|(id, reason)| {
                    Ok(EndedMeasure {
                        measure: named(id)?,
                        reason: reason.clone(),
                    })
                })
                .collect::<Result<_, ApiError>>()?,
            changed: g
                .changed
                .iter()
                .map(|(e, l, fields)| {
                    Ok(ChangedMeasure {
                        earlier: named(e)?,
                        later: named(l)?,
                        fields: fields.iter().copied().map(Into::into).collect(),
                    })
                })
                .collect::<Result<_, ApiError>>()?,
            unchanged: g
                .unchanged
                .iter()
                .map(|(e, l)| {
                    Ok(CarriedMeasure {
                        earlier: named(e)?,
                        later: named(l)?,
                    })
                })
                .collect::<Result<_, ApiError>>()?,
        });
    }
    Ok(ActionPlanComparison {
        earlier: ActionPlan(earlier),
        later: ActionPlan(later),
        goals,
        cost_by_area: result
            .cost_by_area
            .into_iter()
            .map(|(area, p)| {
                Ok(AreaCost {
                    area: area.to_string(),
                    cost: pair(p)?,
                })
            })
            .collect::<ApiResult<_>>()?,
        cost_by_source: result
            .cost_by_source
            .into_iter()
            .map(|(source, p)| {
                Ok(SourceCost {
                    source: source.into(),
                    cost: pair(p)?,
                })
            })
            .collect::<ApiResult<_>>()?,
        cost_total: pair(result.cost_total)?,
        unimplemented: result
            .unimplemented
            .iter()
            .map(|(id, carried)| {
                Ok(UnimplementedMeasure {
                    measure: named(id)?,
                    carried_into: carried.as_ref().map(named).transpose()?,
                })
            })
            .collect::<Result<_, ApiError>>()?,
    })
}
