//! The query root: entry points by plan and code, filtered lists, search, provenance.

use async_graphql::{Context, InputObject, Object};
use sea_orm::DatabaseConnection;
use shared::Code;
use shared::code::Level;

use super::area::{Area, SpecificGoal, StrategicGoal};
use super::measure::{FundingSourceEnum, Measure, Organisation, StatusKind};
use super::plan::Plan;
use super::provenance::{Conflict, Severity, Statement};
use crate::error::{ApiError, ApiResult};
use crate::store::lookup::{self, MeasureFilter};
use crate::store::model::{PlanModel, ReadModel, Row};
use std::future::Future;
use std::sync::Arc;

/// The root of every query. Every entry point takes the plan's slug (default `ostrava`).
#[derive(Default)]
pub struct QueryRoot;

/// Most results of one kind a search returns.
const SEARCH_LIMIT: u64 = crate::opendata::SEARCH_LIMIT as u64;

pub(crate) fn db<'a>(ctx: &Context<'a>) -> &'a DatabaseConnection {
    ctx.data_unchecked::<DatabaseConnection>()
}

pub(crate) async fn plan_id(ctx: &Context<'_>, slug: &str) -> ApiResult<i32> {
    let id = match ctx.data_opt::<Arc<ReadModel>>() {
        Some(read) => read.plan_id(slug).await?,
        None => lookup::plan_by_slug(db(ctx), slug).await?.map(|p| p.id),
    };
    Ok(id.ok_or_else(|| ApiError::not_found(format!("plan `{slug}`")))?)
}

/// The id of plan `slug`, the request reading its action plan `action_plan` when the entry
/// point names one (else the one in force today; one per plan per request).
pub(crate) async fn plan_reading(
    ctx: &Context<'_>,
    slug: &str,
    action_plan: Option<i32>,
) -> ApiResult<i32> {
    let id = plan_id(ctx, slug).await?;
    if let Some(number) = action_plan {
        super::loaders(ctx).view().choose(id, number).await?;
    }
    Ok(id)
}

/// The action plan the request reads of plan `plan_id` (see [`plan_reading`]).
pub(crate) async fn action_plan_read(ctx: &Context<'_>, plan_id: i32) -> ApiResult<Option<i32>> {
    Ok(super::loaders(ctx)
        .view()
        .action_plan(plan_id)
        .await
        .map_err(ApiError::from)?)
}

/// A row of plan `plan_id` found in its read model by `in_model`, or (no read model) in the
/// database by `in_db`.
async fn find<T, Fut>(
    ctx: &Context<'_>,
    plan_id: i32,
    in_model: impl FnOnce(&PlanModel) -> Option<T>,
    in_db: impl FnOnce() -> Fut,
) -> ApiResult<Option<T>>
where
    Fut: Future<Output = Result<Option<T>, sea_orm::DbErr>>,
{
    match super::plan_model(ctx, plan_id).await? {
        Some(model) => Ok(in_model(&model)),
        None => Ok(in_db().await?),
    }
}

pub(crate) fn code_at(text: &str, level: Level) -> Result<Code, ApiError> {
    let code: Code = text
        .parse()
        .map_err(|e: shared::code::CodeError| ApiError::validation("code", e.to_string()))?;
    if code.level() != level {
        let expected = match level {
            Level::Area => "an area code like 2",
            Level::StrategicGoal => "a strategic goal code like 2.1",
            Level::SpecificGoal => "a specific goal code like 2.1.3",
            Level::Measure => "a measure code like 2.1.3.4",
        };
        return Err(ApiError::validation(
            "code",
            format!("`{text}` is not {expected}"),
        ));
    }
    Ok(code)
}

/// What a list of measures may be narrowed by; every given criterion must hold.
#[derive(InputObject, Default)]
pub struct MeasureFilterInput {
    /// An area code ("2").
    pub area: Option<String>,
    /// The status at the latest report.
    pub status: Option<StatusKind>,
    /// A funding source named on the card.
    pub funding_source: Option<FundingSourceEnum>,
    /// Part of the implementer's name (case and diacritics ignored).
    pub implementer: Option<String>,
    /// Part of the responsible body (case and diacritics ignored).
    pub responsible_body: Option<String>,
    /// Words that must all occur in the name, description or responsible body.
    pub text: Option<String>,
}

/// What a search found.
#[derive(async_graphql::SimpleObject)]
pub struct SearchResult {
    pub areas: Vec<Area>,
    pub strategic_goals: Vec<StrategicGoal>,
    pub specific_goals: Vec<SpecificGoal>,
    pub measures: Vec<Measure>,
    pub organisations: Vec<Organisation>,
}

#[Object]
impl QueryRoot {
    /// Every plan in the database.
    async fn plans(&self, ctx: &Context<'_>) -> ApiResult<Vec<Plan>> {
        let rows = lookup::plans(db(ctx)).await.map_err(ApiError::from)?;
        Ok(rows.into_iter().map(Plan).collect())
    }

    /// One plan by its slug.
    async fn plan(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] slug: String,
        #[graphql(
            desc = "Which action plan's measures to read, by number (default: the one in force today)."
        )]
        action_plan: Option<i32>,
    ) -> ApiResult<Plan> {
        let id = plan_reading(ctx, &slug, action_plan).await?;
        let row = find(
            ctx,
            id,
            |m| m.plan().cloned(),
            || lookup::plan_by_slug(db(ctx), &slug),
        )
        .await?;
        Ok(Plan(row.ok_or_else(|| {
            ApiError::not_found(format!("plan `{slug}`"))
        })?))
    }

    /// One thematic area by its code ("2").
    async fn area(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        #[graphql(
            desc = "Which action plan's measures to read, by number (default: the one in force today)."
        )]
        action_plan: Option<i32>,
        code: String,
    ) -> ApiResult<Area> {
        let code = code_at(&code, Level::Area)?;
        let id = plan_reading(ctx, &plan, action_plan).await?;
        let row = find(
            ctx,
            id,
            |m| m.area(&code),
            || lookup::area(db(ctx), id, &code),
        )
        .await?;
        Ok(Area(row.ok_or_else(|| {
            ApiError::not_found(format!("area {code}"))
        })?))
    }

    /// One strategic goal by its code ("2.1").
    async fn strategic_goal(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        #[graphql(
            desc = "Which action plan's measures to read, by number (default: the one in force today)."
        )]
        action_plan: Option<i32>,
        code: String,
    ) -> ApiResult<StrategicGoal> {
        let code = code_at(&code, Level::StrategicGoal)?;
        let id = plan_reading(ctx, &plan, action_plan).await?;
        let row = find(
            ctx,
            id,
            |m| m.strategic_goal(&code),
            || lookup::strategic_goal(db(ctx), id, &code),
        )
        .await?;
        Ok(StrategicGoal(row.ok_or_else(|| {
            ApiError::not_found(format!("strategic goal {code}"))
        })?))
    }

    /// One specific goal by its code ("2.1.3").
    async fn specific_goal(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        #[graphql(
            desc = "Which action plan's measures to read, by number (default: the one in force today)."
        )]
        action_plan: Option<i32>,
        code: String,
    ) -> ApiResult<SpecificGoal> {
        let code = code_at(&code, Level::SpecificGoal)?;
        let id = plan_reading(ctx, &plan, action_plan).await?;
        let row = find(
            ctx,
            id,
            |m| m.specific_goal(&code),
            || async {
                Ok(lookup::specific_goal(db(ctx), id, &code)
                    .await?
                    .map(Row::from))
            },
        )
        .await?;
        Ok(SpecificGoal(row.ok_or_else(|| {
            ApiError::not_found(format!("specific goal {code}"))
        })?))
    }

    /// One measure by its code ("2.1.3.4").
    async fn measure(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        #[graphql(
            desc = "Which action plan's measures to read, by number (default: the one in force today)."
        )]
        action_plan: Option<i32>,
        code: String,
    ) -> ApiResult<Measure> {
        let code = code_at(&code, Level::Measure)?;
        let id = plan_reading(ctx, &plan, action_plan).await?;
        let reading = action_plan_read(ctx, id).await?;
        let row = find(
            ctx,
            id,
            |m| m.measure(&code),
            || async {
                Ok(lookup::measure(db(ctx), id, reading, &code)
                    .await?
                    .map(Row::from))
            },
        )
        .await?;
        Ok(Measure(row.ok_or_else(|| {
            ApiError::not_found(format!("measure {code}"))
        })?))
    }

    /// Measures of a plan, narrowed by a filter, in code order.
    async fn measures(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        #[graphql(
            desc = "Which action plan's measures to read, by number (default: the one in force today)."
        )]
        action_plan: Option<i32>,
        filter: Option<MeasureFilterInput>,
    ) -> ApiResult<Vec<Measure>> {
        let f = filter.unwrap_or_default();
        let area = match &f.area {
            Some(a) => Some(code_at(a, Level::Area)?),
            None => None,
        };
        let text_field = |t: &Option<String>| {
            t.as_deref()
                .map(shared::search::fold)
                .filter(|s| !s.is_empty())
        };
        let filter = MeasureFilter {
            action_plan: None,
            area,
            status: f.status.map(Into::into),
            funding_source: f.funding_source.map(Into::into),
            implementer: text_field(&f.implementer),
            responsible_body: text_field(&f.responsible_body),
            terms: f
                .text
                .as_deref()
                .map(shared::search::terms)
                .unwrap_or_default(),
        };
        let id = plan_reading(ctx, &plan, action_plan).await?;
        let filter = MeasureFilter {
            action_plan: action_plan_read(ctx, id).await?,
            ..filter
        };
        let rows = lookup::measures(db(ctx), id, &filter)
            .await
            .map_err(ApiError::from)?;
        Ok(rows.into_iter().map(|m| Measure(m.into())).collect())
    }

    /// Areas, goals, measures and implementers whose names or descriptions contain every word of
    /// `text`, ignoring case and Czech diacritics (`bydleni` finds `Bydlení`).
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        #[graphql(
            desc = "Which action plan's measures to read, by number (default: the one in force today)."
        )]
        action_plan: Option<i32>,
        text: String,
    ) -> ApiResult<SearchResult> {
        if text.chars().count() > 200 {
            return Err(ApiError::validation("text", "at most 200 characters").into());
        }
        let terms = shared::search::terms(&text);
        if terms.is_empty() {
            return Err(ApiError::validation("text", "give at least one word").into());
        }
        let id = plan_reading(ctx, &plan, action_plan).await?;
        let d = db(ctx);
        let filter = MeasureFilter {
            action_plan: action_plan_read(ctx, id).await?,
            terms: terms.clone(),
            ..MeasureFilter::default()
        };
        Ok(SearchResult {
            areas: lookup::search_areas(d, id, &terms, SEARCH_LIMIT)
                .await
                .map_err(ApiError::from)?
                .into_iter()
                .map(Area)
                .collect(),
            strategic_goals: lookup::search_strategic_goals(d, id, &terms, SEARCH_LIMIT)
                .await
                .map_err(ApiError::from)?
                .into_iter()
                .map(StrategicGoal)
                .collect(),
            specific_goals: lookup::search_specific_goals(d, id, &terms, SEARCH_LIMIT)
                .await
                .map_err(ApiError::from)?
                .into_iter()
                .map(|m| SpecificGoal(m.into()))
                .collect(),
            measures: lookup::measures(d, id, &filter)
                .await
                .map_err(ApiError::from)?
                .into_iter()
                .take(SEARCH_LIMIT as usize)
                .map(|m| Measure(m.into()))
                .collect(),
            organisations: lookup::search_organisations(d, id, &terms, SEARCH_LIMIT)
                .await
                .map_err(ApiError::from)?
                .into_iter()
                .map(Organisation)
                .collect(),
        })
    }

    /// Where the sources disagree, figures first.
    async fn conflicts(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        severity: Option<Severity>,
    ) -> ApiResult<Vec<Conflict>> {
        let id = plan_id(ctx, &plan).await?;
        super::provenance::plan_conflicts(ctx, id, severity).await
    }

    /// Every sourced value of a subject's figures ("where does 54 come from?"). `subjectType`:
    /// `measure`, `specific_goal`, `indicator` (code `1.1.1#1`), `action_plan`, `risk` …
    async fn provenance(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        subject_type: String,
        subject_code: String,
        field: Option<String>,
    ) -> ApiResult<Vec<Statement>> {
        let id = plan_id(ctx, &plan).await?;
        super::provenance::statements(ctx, id, &subject_type, &subject_code, field.as_deref()).await
    }
}
