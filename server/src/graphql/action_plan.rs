//! Writing the next action plan: a coordinator creates it as a draft (number, name, years) and
//! approves it (the day and the council's resolution). A draft is the staff's alone: the
//! public's reads never hold it (`store::model::InPlan`), staff list it with
//! `actionPlanDrafts`.

use async_graphql::{Context, InputObject, Object};
use sea_orm::{EntityTrait, Set};
use shared::action_plan::{Neighbour, Period, check_period};
use shared::validate::{self, Rule};

use super::entry::{check, entry_document, invalid};
use super::plan::ActionPlan;
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

#[derive(Default)]
pub struct ActionPlanQuery;

#[Object]
impl ActionPlanQuery {
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
