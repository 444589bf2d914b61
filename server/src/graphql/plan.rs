//! The plan and its action plans: the entry points of the tree and of every aggregate.

use async_graphql::{Context, Object};
use shared::Date;

use super::area::Area;
use super::implementation::{ContextIndicator, GlobalIndicator, Milestone, Risk};
use super::measure::FundingSourceEnum;
use super::provenance::Conflict;
use super::scalars::{Document, MoneyObj, Rollup, Source, StatusCounts};
use super::{children, facts, loaders};
use crate::entity::{action_plan, plan};
use crate::error::{ApiError, ApiResult};

/// A social inclusion plan of one city.
pub struct Plan(pub plan::Model);

#[Object]
impl Plan {
    /// URL key of the plan (`ostrava`).
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn city(&self) -> &str {
        &self.0.city
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn period_from(&self) -> i32 {
        self.0.period_from
    }
    async fn period_to(&self) -> i32 {
        self.0.period_to
    }
    async fn description(&self) -> &str {
        &self.0.description
    }

    /// The plan's published figures as open data: the licence, the whole plan's files, and
    /// every dataset with its fields and download addresses.
    async fn open_data(&self, ctx: &Context<'_>) -> super::opendata::OpenData {
        let licence = ctx
            .data_opt::<super::opendata::Licence>()
            .map_or(crate::opendata::DEFAULT_LICENCE, |l| l.0.as_str());
        super::opendata::open_data(&self.0.slug, licence)
    }

    /// The documents the plan's figures come from.
    async fn documents(&self, ctx: &Context<'_>) -> ApiResult<Vec<Document>> {
        Ok(children(&loaders(ctx).documents_by_plan, self.0.id)
            .await?
            .into_iter()
            .map(Document)
            .collect())
    }

    async fn action_plans(&self, ctx: &Context<'_>) -> ApiResult<Vec<ActionPlan>> {
        Ok(children(&loaders(ctx).action_plans_by_plan, self.0.id)
            .await?
            .into_iter()
            .map(ActionPlan)
            .collect())
    }

    /// The action plan whose measures this request reads (the one an entry point's
    /// `actionPlan` names, else the one in force today: covering this year, else the latest
    /// begun); none while the plan has no approved action plan.
    async fn action_plan(&self, ctx: &Context<'_>) -> ApiResult<Option<ActionPlan>> {
        let Some(id) = super::query::action_plan_read(ctx, self.0.id).await? else {
            return Ok(None);
        };
        Ok(children(&loaders(ctx).action_plans_by_plan, self.0.id)
            .await?
            .into_iter()
            .find(|a| a.id == id)
            .map(ActionPlan))
    }

    /// The thematic areas in code order.
    async fn areas(&self, ctx: &Context<'_>) -> ApiResult<Vec<Area>> {
        Ok(children(&loaders(ctx).areas_by_plan, self.0.id)
            .await?
            .into_iter()
            .map(Area)
            .collect())
    }

    /// Progress of all specific goals of the plan, rolled up.
    async fn progress(&self, ctx: &Context<'_>) -> ApiResult<Option<Rollup>> {
        Ok(facts(ctx, self.0.id).await?.plan.progress.map(Into::into))
    }

    /// Measures by status at the latest report.
    async fn status_counts(&self, ctx: &Context<'_>) -> ApiResult<StatusCounts> {
        Ok(facts(ctx, self.0.id).await?.plan.statuses.into())
    }

    /// Money planned, allocated and drawn over all measures.
    async fn budget(&self, ctx: &Context<'_>) -> ApiResult<MoneyObj> {
        Ok(MoneyObj(facts(ctx, self.0.id).await?.plan.money))
    }

    /// Money by the funding sources named on the measure cards. A measure naming two sources
    /// counts under both, so these do not add up to the plan's total.
    async fn budget_by_source(&self, ctx: &Context<'_>) -> ApiResult<Vec<SourceMoney>> {
        let f = facts(ctx, self.0.id).await?;
        Ok(f.by_source
            .iter()
            .filter_map(|(k, m)| {
                shared::FundingSource::from_db(k).map(|s| SourceMoney {
                    source: s.into(),
                    money: *m,
                })
            })
            .collect())
    }

    /// Money allocated (Tabulka 6) and drawn (annex A) by operational programme.
    async fn budget_by_programme(&self, ctx: &Context<'_>) -> ApiResult<Vec<ProgrammeMoney>> {
        let f = facts(ctx, self.0.id).await?;
        Ok(f.by_programme
            .iter()
            .map(|(k, m)| ProgrammeMoney {
                programme: k.clone(),
                money: *m,
            })
            .collect())
    }

    /// The most recent monitoring date of any indicator value (ISO 8601).
    async fn latest_monitoring_date(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        Ok(facts(ctx, self.0.id)
            .await?
            .latest_monitoring
            .map(|d| d.to_string()))
    }

    /// Unresolved conflicts between sources.
    async fn conflict_count(&self, ctx: &Context<'_>) -> ApiResult<usize> {
        Ok(facts(ctx, self.0.id).await?.plan.conflicts)
    }

    /// Every place where the sources disagree, optionally only of one severity.
    async fn conflicts(
        &self,
        ctx: &Context<'_>,
        severity: Option<super::provenance::Severity>,
    ) -> ApiResult<Vec<Conflict>> {
        super::provenance::plan_conflicts(ctx, self.0.id, severity).await
    }

    /// City-level indicators with their series.
    /// The organisations that implement the plan's measures, by name.
    async fn organisations(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Vec<super::measure::Organisation>> {
        Ok(
            super::children(&super::loaders(ctx).organisations_by_plan, self.0.id)
                .await?
                .into_iter()
                .map(super::measure::Organisation)
                .collect(),
        )
    }
    async fn global_indicators(&self, ctx: &Context<'_>) -> ApiResult<Vec<GlobalIndicator>> {
        Ok(children(&loaders(ctx).global_by_plan, self.0.id)
            .await?
            .into_iter()
            .map(GlobalIndicator)
            .collect())
    }

    /// The implementation report's headline positive changes, in the report's order.
    async fn headlines(&self, ctx: &Context<'_>) -> ApiResult<Vec<Headline>> {
        Ok(children(&loaders(ctx).headlines_by_plan, self.0.id)
            .await?
            .into_iter()
            .map(Headline)
            .collect())
    }

    /// Context figures of the city's social department (Sociopoint 2025).
    async fn context_indicators(&self, ctx: &Context<'_>) -> ApiResult<Vec<ContextIndicator>> {
        Ok(children(&loaders(ctx).context_by_plan, self.0.id)
            .await?
            .into_iter()
            .map(ContextIndicator)
            .collect())
    }
}

/// Money of one funding source.
pub struct SourceMoney {
    source: FundingSourceEnum,
    money: crate::store::facts::Money,
}

#[Object]
impl SourceMoney {
    async fn source(&self) -> FundingSourceEnum {
        self.source
    }
    async fn money(&self) -> MoneyObj {
        MoneyObj(self.money)
    }
}

/// Money of one operational programme (`OPZ+`, `IROP`).
pub struct ProgrammeMoney {
    programme: String,
    money: crate::store::facts::Money,
}

#[Object]
impl ProgrammeMoney {
    async fn programme(&self) -> &str {
        &self.programme
    }
    async fn money(&self) -> MoneyObj {
        MoneyObj(self.money)
    }
}

/// An action plan: a three-year slice of the plan with its timeline and risks; a draft while
/// it is written (only the plan's staff see it), approved after.
pub struct ActionPlan(pub action_plan::Model);

/// Where an action plan stands.
#[derive(async_graphql::Enum, Clone, Copy, PartialEq, Eq)]
pub enum ActionPlanState {
    /// Being written: only the plan's staff see it.
    Draft,
    /// Approved: public and monitored.
    Approved,
}

#[Object]
impl ActionPlan {
    /// The record's id.
    async fn id(&self) -> i32 {
        self.0.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn number(&self) -> i32 {
        self.0.number
    }
    async fn state(&self) -> ActionPlanState {
        if self.0.state == action_plan::APPROVED {
            ActionPlanState::Approved
        } else {
            ActionPlanState::Draft
        }
    }
    /// The day it was approved (ISO 8601), when known.
    async fn approved_on(&self) -> Option<&str> {
        self.0.approved_on.as_deref()
    }
    /// The council's resolution that approved it, when known.
    async fn resolution(&self) -> Option<&str> {
        self.0.resolution.as_deref()
    }
    /// This action plan compared with the approved one numbered before it (none for the
    /// first): what it adds, ends and changes (`Query.actionPlanComparison`).
    async fn compared_with_previous(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Option<super::action_plan::ActionPlanComparison>> {
        let db = super::db(ctx);
        let previous = crate::store::action_plan::all(db, self.0.plan_id)
            .await
            .map_err(crate::error::ApiError::from)?
            .into_iter()
            .filter(|a| a.number < self.0.number && a.state == action_plan::APPROVED)
            .max_by_key(|a| a.number);
        match previous {
            Some(p) => Ok(Some(
                super::action_plan::compare_action_plans(db, p, self.0.clone()).await?,
            )),
            None => Ok(None),
        }
    }
    /// A draft's measures as its staff write them, in code order (for the plan's staff;
    /// none for an approved action plan: `measures(actionPlan:)` lists those).
    async fn draft_measures(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Vec<super::carry_over::DraftMeasure>> {
        super::carry_over::draft_measures(ctx, &self.0).await
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn period_from(&self) -> i32 {
        self.0.period_from
    }
    async fn period_to(&self) -> i32 {
        self.0.period_to
    }

    /// The implementation timeline. With `asOf` (ISO date, default today) each milestone says
    /// whether it is done (its period has ended) or upcoming.
    async fn milestones(
        &self,
        ctx: &Context<'_>,
        as_of: Option<String>,
    ) -> ApiResult<Vec<Milestone>> {
        let as_of = parse_as_of(as_of, || super::today(ctx))?;
        Ok(children(&loaders(ctx).milestones_by_action_plan, self.0.id)
            .await?
            .into_iter()
            .map(|m| Milestone { model: m, as_of })
            .collect())
    }

    /// The risk register, most significant first (ties in the document's order).
    async fn risks(&self, ctx: &Context<'_>) -> ApiResult<Vec<Risk>> {
        let mut risks = children(&loaders(ctx).risks_by_action_plan, self.0.id).await?;
        risks.sort_by_key(|r| (std::cmp::Reverse(r.significance), r.position));
        Ok(risks.into_iter().map(Risk).collect())
    }
}

/// The given ISO date, or `today` (the schema's [`super::Clock`]).
pub fn parse_as_of(as_of: Option<String>, today: impl FnOnce() -> Date) -> Result<Date, ApiError> {
    match as_of {
        Some(s) => s.parse().map_err(|_| {
            ApiError::validation("asOf", format!("`{s}` is not a date like 2025-02-28"))
        }),
        None => Ok(today()),
    }
}

/// A headline positive change of the implementation report's executive summary.
pub struct Headline(pub crate::entity::headline::Model);

#[Object]
impl Headline {
    /// 1-based position in the report.
    async fn position(&self) -> i32 {
        self.0.position
    }

    /// The sentence as the report prints it (Czech).
    async fn text(&self) -> &str {
        &self.0.text
    }

    /// Where the sentence comes from; `refDate` is the monitoring date its figures refer to.
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: self.0.ref_date.clone(),
        }
    }
}
