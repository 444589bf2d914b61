//! Areas, strategic goals, specific goals and their impact indicators.

use async_graphql::{Context, Enum, Object};

use super::measure::Measure;
use super::provenance::Conflict;
use super::scalars::{GoalProgress, MoneyObj, Rollup, Source, StatusCounts};
use super::target::TargetRevision;
use super::{children, facts, loaders, shared_children};
use crate::entity::{
    area, impact_indicator, indicator_value, specific_goal, strategic_goal, summary, target_group,
};
use crate::error::ApiResult;
use crate::store::model::Row;

/// A thematic area (1 Bydlení … 6 Zdraví).
pub struct Area(pub area::Model);

#[Object]
impl Area {
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// Czech name, as in the plan.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// English name for the interface.
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }
    /// Text before the target-group list.
    async fn target_group_intro(&self) -> &str {
        &self.0.target_group_intro
    }
    /// Text after the target-group lists.
    async fn target_group_outro(&self) -> &str {
        &self.0.target_group_outro
    }
    /// Note on where the area's goals come from.
    async fn structure_note(&self) -> &str {
        &self.0.structure_note
    }
    /// The people the area is for, and the actors it works with.
    async fn target_groups(&self, ctx: &Context<'_>) -> ApiResult<Vec<TargetGroup>> {
        Ok(children(&loaders(ctx).target_groups_by_area, self.0.id)
            .await?
            .into_iter()
            .map(TargetGroup)
            .collect())
    }
    async fn strategic_goals(&self, ctx: &Context<'_>) -> ApiResult<Vec<StrategicGoal>> {
        Ok(children(&loaders(ctx).strategic_goals_by_area, self.0.id)
            .await?
            .into_iter()
            .map(StrategicGoal)
            .collect())
    }
    /// The area's measures in code order.
    async fn measures(&self, ctx: &Context<'_>) -> ApiResult<Vec<Measure>> {
        Ok(
            Row::all(shared_children(&loaders(ctx).measures_by_area, self.0.id).await?)
                .map(Measure)
                .collect(),
        )
    }
    /// Mean attainment of the area's specific goals with data.
    async fn progress(&self, ctx: &Context<'_>) -> ApiResult<Option<Rollup>> {
        Ok(facts(ctx, self.0.plan_id)
            .await?
            .areas
            .get(&self.0.id)
            .and_then(|g| g.progress)
            .map(Into::into))
    }
    async fn status_counts(&self, ctx: &Context<'_>) -> ApiResult<StatusCounts> {
        Ok(facts(ctx, self.0.plan_id)
            .await?
            .areas
            .get(&self.0.id)
            .map(|g| g.statuses)
            .unwrap_or_default()
            .into())
    }
    async fn budget(&self, ctx: &Context<'_>) -> ApiResult<MoneyObj> {
        Ok(MoneyObj(
            facts(ctx, self.0.plan_id)
                .await?
                .areas
                .get(&self.0.id)
                .map(|g| g.money)
                .unwrap_or_default(),
        ))
    }
    /// Unresolved conflicts about the area's goals, indicators and measures.
    async fn conflict_count(&self, ctx: &Context<'_>) -> ApiResult<usize> {
        Ok(facts(ctx, self.0.plan_id)
            .await?
            .areas
            .get(&self.0.id)
            .map(|g| g.conflicts)
            .unwrap_or_default())
    }
}

/// Whether a target-group bullet names people or actors (institutions, professionals).
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum TargetGroupKind {
    People,
    Actors,
}

/// One bullet of an area's target group.
pub struct TargetGroup(pub target_group::Model);

#[Object]
impl TargetGroup {
    async fn text(&self) -> &str {
        &self.0.text
    }
    async fn kind(&self) -> TargetGroupKind {
        if self.0.kind == "ACTORS" {
            TargetGroupKind::Actors
        } else {
            TargetGroupKind::People
        }
    }
}

/// A strategic goal (1.1).
pub struct StrategicGoal(pub strategic_goal::Model);

#[Object]
impl StrategicGoal {
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The area the goal belongs to.
    async fn area(&self, ctx: &Context<'_>) -> ApiResult<Option<Area>> {
        Ok(super::one(&loaders(ctx).areas, self.0.area_id)
            .await?
            .map(Area))
    }
    async fn specific_goals(&self, ctx: &Context<'_>) -> ApiResult<Vec<SpecificGoal>> {
        Ok(Row::all(
            shared_children(&loaders(ctx).specific_goals_by_strategic_goal, self.0.id).await?,
        )
        .map(SpecificGoal)
        .collect())
    }
    async fn progress(&self, ctx: &Context<'_>) -> ApiResult<Option<Rollup>> {
        Ok(facts(ctx, self.0.plan_id)
            .await?
            .strategic_goals
            .get(&self.0.id)
            .and_then(|g| g.progress)
            .map(Into::into))
    }
    async fn status_counts(&self, ctx: &Context<'_>) -> ApiResult<StatusCounts> {
        Ok(facts(ctx, self.0.plan_id)
            .await?
            .strategic_goals
            .get(&self.0.id)
            .map(|g| g.statuses)
            .unwrap_or_default()
            .into())
    }
    async fn budget(&self, ctx: &Context<'_>) -> ApiResult<MoneyObj> {
        Ok(MoneyObj(
            facts(ctx, self.0.plan_id)
                .await?
                .strategic_goals
                .get(&self.0.id)
                .map(|g| g.money)
                .unwrap_or_default(),
        ))
    }
}

/// The kind of target a specific goal sets.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "shared::progress::TargetKind")]
pub enum TargetKind {
    /// Reach a number by the due date.
    CountBy,
    /// At least a number every year.
    PerYear,
}

/// A specific goal (1.1.1) with its measurable target.
pub struct SpecificGoal(pub Row<specific_goal::Model>);

#[Object]
impl SpecificGoal {
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// The target statement, as the action plan's heading prints it.
    async fn target_text(&self) -> &str {
        &self.0.target_text
    }
    /// "Očekávaný dopad".
    async fn expected_impact(&self) -> &str {
        &self.0.expected_impact
    }
    async fn target_kind(&self) -> TargetKind {
        shared::progress::TargetKind::from_db(&self.0.target_kind)
            .unwrap_or(shared::progress::TargetKind::CountBy)
            .into()
    }
    /// By when (ISO 8601), for `COUNT_BY` targets.
    async fn due(&self) -> Option<&str> {
        self.0.due.as_deref()
    }
    /// Number of measures Tabulka 2 says the goal has.
    async fn declared_measures(&self) -> Option<i32> {
        self.0.declared_measures
    }
    async fn impact_indicators(&self, ctx: &Context<'_>) -> ApiResult<Vec<ImpactIndicator>> {
        Ok(children(&loaders(ctx).indicators_by_goal, self.0.id)
            .await?
            .into_iter()
            .map(|m| ImpactIndicator {
                model: m,
                plan_id: self.0.plan_id,
            })
            .collect())
    }
    async fn measures(&self, ctx: &Context<'_>) -> ApiResult<Vec<Measure>> {
        Ok(
            Row::all(shared_children(&loaders(ctx).measures_by_goal, self.0.id).await?)
                .map(Measure)
                .collect(),
        )
    }
    /// Yearly summaries ("Shrnutí za rok 2024 a příležitosti v roce 2025").
    async fn summaries(&self, ctx: &Context<'_>) -> ApiResult<Vec<Summary>> {
        Ok(children(&loaders(ctx).summaries_by_goal, self.0.id)
            .await?
            .into_iter()
            .map(Summary)
            .collect())
    }
    /// The key indicators' latest values against their targets.
    async fn progress(&self, ctx: &Context<'_>) -> ApiResult<Option<GoalProgress>> {
        Ok(facts(ctx, self.0.plan_id)
            .await?
            .goal_progress
            .get(&self.0.id)
            .copied()
            .map(Into::into))
    }
    /// The strategic goal the specific goal serves.
    async fn strategic_goal(&self, ctx: &Context<'_>) -> ApiResult<Option<StrategicGoal>> {
        Ok(
            super::one(&loaders(ctx).strategic_goals, self.0.strategic_goal_id)
                .await?
                .map(StrategicGoal),
        )
    }
    /// Where the sources disagree about the goal or one of its impact indicators
    /// (`subjectCode` `2.1.3` or `2.1.3#1`).
    async fn conflicts(&self, ctx: &Context<'_>) -> ApiResult<Vec<Conflict>> {
        let code = &self.0.code;
        let indicator_prefix = format!("{code}#");
        Ok(super::provenance::plan_conflicts(ctx, self.0.plan_id, None)
            .await?
            .into_iter()
            .filter(|c| {
                let m = &c.model;
                (m.subject_type == "specific_goal" && &m.subject_code == code)
                    || (m.subject_type == "indicator"
                        && m.subject_code.starts_with(&indicator_prefix))
            })
            .collect())
    }
}

/// A yearly narrative summary of a specific goal.
pub struct Summary(pub summary::Model);

#[Object]
impl Summary {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.0.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    async fn text(&self) -> &str {
        &self.0.text
    }
    /// Footnotes the report attaches to the goal's table.
    async fn footnotes(&self) -> Vec<&str> {
        self.0.footnotes.lines().filter(|l| !l.is_empty()).collect()
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: None,
        }
    }
}

/// An impact indicator of a specific goal.
pub struct ImpactIndicator {
    pub(crate) model: impact_indicator::Model,
    pub(crate) plan_id: i32,
}

#[Object]
impl ImpactIndicator {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.model.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.model.version
    }
    /// 1-based position in the goal's list.
    async fn position(&self) -> i32 {
        self.model.position
    }
    /// The action plan's wording (or the report's, for indicators only in the report).
    async fn name(&self) -> &str {
        &self.model.name
    }
    /// The report's wording, where it differs.
    async fn report_name(&self) -> Option<&str> {
        self.model.report_name.as_deref()
    }
    async fn note(&self) -> Option<&str> {
        self.model.note.as_deref()
    }
    /// Bold in the action plan: a key indicator.
    async fn is_key(&self) -> bool {
        self.model.is_key
    }
    /// False for indicators that only the report introduces.
    async fn in_plan(&self) -> bool {
        self.model.in_plan
    }
    /// What is counted ("domácnosti", "osoby" …).
    async fn unit(&self) -> &str {
        &self.model.unit
    }
    /// The number the goal's target sets for this indicator, as in force today: the latest
    /// revision's (`targetRevisions`), else the plan's own (`planTarget`).
    async fn target(&self, ctx: &Context<'_>) -> ApiResult<Option<f64>> {
        let revisions = children(&loaders(ctx).revisions_by_indicator, self.model.id).await?;
        Ok(crate::store::target::in_force(&self.model, &revisions).value)
    }
    /// The target in force as worded (the revision's, else the plan's own words), where the
    /// indicator has its own.
    async fn target_text(&self, ctx: &Context<'_>) -> ApiResult<Option<String>> {
        let revisions = children(&loaders(ctx).revisions_by_indicator, self.model.id).await?;
        Ok(crate::store::target::in_force(&self.model, &revisions)
            .text
            .map(str::to_owned))
    }
    /// The plan's own target for this indicator, before any revision.
    async fn plan_target(&self) -> Option<f64> {
        self.model.target_value
    }
    /// The plan's own wording of the target, before any revision.
    async fn plan_target_text(&self) -> Option<&str> {
        self.model.target_text.as_deref()
    }
    /// Revisions of the target, oldest first: each in force from its date until the next's.
    async fn target_revisions(&self, ctx: &Context<'_>) -> ApiResult<Vec<TargetRevision>> {
        Ok(
            children(&loaders(ctx).revisions_by_indicator, self.model.id)
                .await?
                .into_iter()
                .map(TargetRevision)
                .collect(),
        )
    }
    /// Values over the monitoring dates, oldest first.
    async fn values(&self, ctx: &Context<'_>) -> ApiResult<Vec<IndicatorValue>> {
        Ok(children(&loaders(ctx).values_by_indicator, self.model.id)
            .await?
            .into_iter()
            .filter(|v| v.published)
            .map(IndicatorValue)
            .collect())
    }
    /// Whether the latest published value is older than the last closed monitoring wave (dated
    /// on or before the deadline of the wave before it): the figure is stale. False without a
    /// value, and while no wave but the first has closed.
    async fn stale(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let waves = children(&loaders(ctx).waves_by_plan, self.plan_id).await?;
        let dates: Vec<(shared::Date, shared::Date)> = waves
            .iter()
            .filter_map(|w| Some((w.opens_on.parse().ok()?, w.deadline.parse().ok()?)))
            .collect();
        let Some(rule) = shared::wave::StaleRule::on(&dates, super::today(ctx)) else {
            return Ok(false);
        };
        let values = children(&loaders(ctx).values_by_indicator, self.model.id).await?;
        let latest = values
            .iter()
            .filter(|v| v.published)
            .filter_map(|v| v.ref_date.parse::<shared::Date>().ok())
            .max();
        Ok(latest.is_some_and(|d| rule.is_stale(d)))
    }
    /// The latest value against the target.
    async fn progress(&self, ctx: &Context<'_>) -> ApiResult<Option<IndicatorProgress>> {
        Ok(facts(ctx, self.plan_id)
            .await?
            .indicator_progress
            .get(&self.model.id)
            .map(|p| IndicatorProgress(*p)))
    }
}

/// An indicator's latest value against its target.
pub struct IndicatorProgress(shared::progress::IndicatorProgress);

#[Object]
impl IndicatorProgress {
    async fn latest(&self) -> f64 {
        self.0.latest
    }
    /// Date of the latest value (ISO 8601).
    async fn date(&self) -> String {
        self.0.date.to_string()
    }
    async fn target(&self) -> f64 {
        self.0.target
    }
    /// latest / target, not capped.
    async fn ratio(&self) -> f64 {
        self.0.ratio
    }
}

/// A value of an impact indicator at a monitoring date.
pub struct IndicatorValue(pub indicator_value::Model);

#[Object]
impl IndicatorValue {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.0.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The impact indicator this value belongs to.
    async fn indicator_id(&self) -> i32 {
        self.0.impact_indicator_id
    }
    /// False for a draft, which only signed-in staff see until a coordinator publishes it.
    async fn published(&self) -> bool {
        self.0.published
    }
    /// For a draft proposing a change: the published value it would change.
    async fn replaces_id(&self) -> Option<i32> {
        self.0.replaces_id
    }
    /// The monitoring date (ISO 8601).
    async fn date(&self) -> &str {
        &self.0.ref_date
    }
    /// The column header as printed ("Data k 28. 2. 2025").
    async fn label(&self) -> &str {
        &self.0.ref_label
    }
    /// The number, when the document prints a single number.
    async fn value(&self) -> Option<f64> {
        self.0.value
    }
    /// The parts of a compound value such as "12/12/4/22".
    async fn parts(&self) -> Vec<f64> {
        self.0
            .parts
            .as_deref()
            .map(|p| p.split(';').filter_map(|x| x.parse().ok()).collect())
            .unwrap_or_default()
    }
    /// The value as printed.
    async fn text(&self) -> &str {
        &self.0.value_text
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: Some(self.0.ref_date.clone()),
        }
    }
}
