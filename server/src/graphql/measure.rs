//! Measures with every field of their card, their statuses, projects and money.

use async_graphql::{Context, Enum, Object};
use shared::FundingSource;

use super::area::SpecificGoal;
use super::provenance::{Conflict, Statement};
use super::scalars::{Amount, MoneyObj, Source};
use super::{children, facts, loaders, one, shared_children};
use crate::entity::{allocation, measure, measure_link, measure_status, organisation, project};
use crate::error::ApiResult;
use crate::store::model::Row;

/// A funding source named on a measure card.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(name = "FundingSource", remote = "FundingSource")]
pub enum FundingSourceEnum {
    /// Operační program Zaměstnanost plus.
    OpzPlus,
    /// Integrovaný regionální operační program.
    Irop,
    /// Another operational programme.
    OtherProgramme,
    /// The city's budget.
    City,
    /// A city district's budget.
    District,
    /// The implementing NGO's budget.
    Ngo,
    /// The implementing organisation's budget.
    Organisation,
    /// The Agency for Social Inclusion.
    Agency,
    /// External sources.
    External,
}

/// A measure's implementation status group.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "shared::status::StatusKind")]
pub enum StatusKind {
    /// "Nerealizováno".
    NotImplemented,
    /// "V realizaci".
    InProgress,
    /// "Dokončeno".
    Completed,
}

/// A measure (1.1.1.1): every field of its card, and what the reports say of it.
pub struct Measure(pub Row<measure::Model>);

#[Object]
impl Measure {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.0.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn code(&self) -> &str {
        &self.0.code
    }
    /// The number the card prints, where it differs from `code` ("6.1.1").
    async fn code_as_written(&self) -> Option<&str> {
        self.0.code_as_written.as_deref()
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// "Popis opatření": paragraphs as lines, bullets as lines starting "- ".
    async fn description(&self) -> &str {
        &self.0.description
    }
    /// "Cílová skupina".
    async fn target_group(&self) -> &str {
        &self.0.target_group
    }
    /// "Odpovědný subjekt".
    async fn responsible_body(&self) -> &str {
        &self.0.responsible_body
    }
    /// "Indikátory výstupu".
    async fn output_indicators(&self, ctx: &Context<'_>) -> ApiResult<Vec<String>> {
        Ok(children(&loaders(ctx).outputs_by_measure, self.0.id)
            .await?
            .into_iter()
            .map(|o| o.name)
            .collect())
    }
    /// "Harmonogram" as printed.
    async fn schedule_text(&self) -> &str {
        &self.0.schedule_text
    }
    /// First day of the schedule (ISO 8601).
    async fn schedule_from(&self) -> Option<&str> {
        self.0.schedule_from.as_deref()
    }
    /// Last day of the schedule (ISO 8601); null for "Zahájení v roce 2024".
    async fn schedule_to(&self) -> Option<&str> {
        self.0.schedule_to.as_deref()
    }
    /// "Předpokládané náklady" as the card prints them.
    async fn estimated_cost_text(&self) -> &str {
        &self.0.estimated_cost_text
    }
    /// The card's estimated cost, when it gives an amount.
    async fn estimated_cost(&self) -> Option<Amount> {
        self.0
            .estimated_cost
            .map(|h| Amount(shared::Czk::from_hellers(h)))
    }
    /// "Přibližně …".
    async fn cost_approximate(&self) -> bool {
        self.0.cost_approximate
    }
    /// The measure whose cost includes this one ("Viz opatření 1.1.1.1").
    async fn cost_see_measure(&self) -> Option<&str> {
        self.0.cost_see_measure.as_deref()
    }
    /// "Zdroje financování" as printed.
    async fn funding_text(&self) -> &str {
        &self.0.funding_text
    }
    async fn funding_sources(&self, ctx: &Context<'_>) -> ApiResult<Vec<FundingSourceEnum>> {
        Ok(children(&loaders(ctx).fundings_by_measure, self.0.id)
            .await?
            .into_iter()
            .filter_map(|f| FundingSource::from_db(&f.source).map(Into::into))
            .collect())
    }
    /// "Vazba na další cíle" as printed.
    async fn links_text(&self) -> &str {
        &self.0.links_text
    }
    async fn links(&self, ctx: &Context<'_>) -> ApiResult<Vec<Link>> {
        Ok(children(&loaders(ctx).links_by_measure, self.0.id)
            .await?
            .into_iter()
            .map(Link)
            .collect())
    }
    /// Social-service type or "Aktivita" (Tabulka 5).
    async fn service_type(&self) -> Option<&str> {
        self.0.service_type.as_deref()
    }
    /// Whether Tabulka 5 names a social service rather than an activity.
    async fn is_social_service(&self) -> bool {
        self.0.is_social_service
    }
    async fn specific_goal(&self, ctx: &Context<'_>) -> ApiResult<Option<SpecificGoal>> {
        Ok(one(&loaders(ctx).specific_goals, self.0.specific_goal_id)
            .await?
            .map(|m| SpecificGoal(m.into())))
    }
    /// The status that counts: the latest report's first row for the measure.
    async fn status(&self, ctx: &Context<'_>) -> ApiResult<Option<MeasureStatus>> {
        let Some(id) = facts(ctx, self.0.plan_id)
            .await?
            .measure_status
            .get(&self.0.id)
            .map(|s| s.id)
        else {
            return Ok(None);
        };
        Ok(children(&loaders(ctx).statuses_by_measure, self.0.id)
            .await?
            .into_iter()
            .find(|s| s.id == id && s.published)
            .map(MeasureStatus))
    }
    /// Every status row the reports print for the measure.
    async fn statuses(&self, ctx: &Context<'_>) -> ApiResult<Vec<MeasureStatus>> {
        Ok(children(&loaders(ctx).statuses_by_measure, self.0.id)
            .await?
            .into_iter()
            .filter(|s| s.published)
            .map(MeasureStatus)
            .collect())
    }
    /// EU projects funding the measure (report annex A).
    async fn projects(&self, ctx: &Context<'_>) -> ApiResult<Vec<Project>> {
        Ok(
            Row::all(shared_children(&loaders(ctx).projects_by_measure, self.0.id).await?)
                .filter(|p| p.published)
                .map(Project)
                .collect(),
        )
    }
    /// KPSV+ allocations planned for the measure (Tabulka 6).
    async fn allocations(&self, ctx: &Context<'_>) -> ApiResult<Vec<Allocation>> {
        Ok(children(&loaders(ctx).allocations_by_measure, self.0.id)
            .await?
            .into_iter()
            .map(Allocation)
            .collect())
    }
    /// Planned vs allocated vs drawn.
    async fn budget(&self, ctx: &Context<'_>) -> ApiResult<MoneyObj> {
        Ok(MoneyObj(
            facts(ctx, self.0.plan_id)
                .await?
                .measure_money
                .get(&self.0.id)
                .copied()
                .unwrap_or_default(),
        ))
    }
    /// Where the sources disagree about this measure.
    async fn conflicts(&self, ctx: &Context<'_>) -> ApiResult<Vec<Conflict>> {
        super::provenance::subject_conflicts(ctx, self.0.plan_id, "measure", &self.0.code).await
    }
    /// Every sourced value of the measure's figures, optionally of one field
    /// (`estimated_cost`, `name`, `code`, `funding`, `status`, `implementer`).
    async fn provenance(
        &self,
        ctx: &Context<'_>,
        field: Option<String>,
    ) -> ApiResult<Vec<Statement>> {
        super::provenance::statements(
            ctx,
            self.0.plan_id,
            "measure",
            &self.0.code,
            field.as_deref(),
        )
        .await
    }
}

/// A link from a measure to a goal or another measure.
pub struct Link(pub measure_link::Model);

/// What a link points to.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
pub enum LinkKind {
    /// A strategic or specific goal.
    Goal,
    Measure,
    /// Text that names no goal or measure.
    Other,
}

#[Object]
impl Link {
    async fn kind(&self) -> LinkKind {
        match self.0.target_kind.as_str() {
            "GOAL" => LinkKind::Goal,
            "MEASURE" => LinkKind::Measure,
            _ => LinkKind::Other,
        }
    }
    /// The code linked to.
    async fn code(&self) -> Option<&str> {
        self.0.target_code.as_deref()
    }
    async fn text(&self) -> &str {
        &self.0.text
    }
}

/// Project (EU-funded) or non-project activity.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "shared::status::ActivityKind")]
pub enum ActivityKind {
    Project,
    NonProject,
}

/// A measure's status at a report date, as the report prints it.
pub struct MeasureStatus(pub measure_status::Model);

#[Object]
impl MeasureStatus {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.0.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// False for a draft, which only signed-in staff see until a coordinator publishes it.
    async fn published(&self) -> bool {
        self.0.published
    }
    /// For a draft proposing a change: the published status row it would change.
    async fn replaces_id(&self) -> Option<i32> {
        self.0.replaces_id
    }
    /// The measure this status belongs to.
    async fn measure_id(&self) -> i32 {
        self.0.measure_id
    }
    /// The date the status refers to (ISO 8601).
    async fn date(&self) -> &str {
        &self.0.ref_date
    }
    async fn kind(&self) -> StatusKind {
        shared::status::StatusKind::from_db(&self.0.status)
            .unwrap_or(shared::status::StatusKind::NotImplemented)
            .into()
    }
    /// As printed: "V realizaci (4/6)".
    async fn text(&self) -> &str {
        &self.0.status_text
    }
    /// Semi-annual project reports received.
    async fn reports(&self) -> Option<i32> {
        self.0.reports
    }
    /// Semi-annual project reports expected.
    async fn reports_of(&self) -> Option<i32> {
        self.0.reports_of
    }
    async fn activity(&self) -> ActivityKind {
        shared::status::ActivityKind::from_db(&self.0.activity)
            .unwrap_or(shared::status::ActivityKind::Project)
            .into()
    }
    /// Social-service abbreviation the report adds ("SAS", "OSP", "TP" …).
    async fn service(&self) -> Option<&str> {
        self.0.service.as_deref()
    }
    /// The implementer as printed.
    async fn implementer_text(&self) -> Option<&str> {
        self.0.implementer_text.as_deref()
    }
    async fn implementer(&self, ctx: &Context<'_>) -> ApiResult<Option<Organisation>> {
        match self.0.organisation_id {
            Some(id) => Ok(one(&loaders(ctx).organisations, id)
                .await?
                .map(Organisation)),
            None => Ok(None),
        }
    }
    /// The project period as printed ("1. 11. 2022–31. 10. 2025", "Průběžně").
    async fn period_text(&self) -> Option<&str> {
        self.0.period_text.as_deref()
    }
    async fn period_from(&self) -> Option<&str> {
        self.0.period_from.as_deref()
    }
    async fn period_to(&self) -> Option<&str> {
        self.0.period_to.as_deref()
    }
    /// The number the report prints, where it differs from the measure's.
    async fn code_as_written(&self) -> Option<&str> {
        self.0.code_as_written.as_deref()
    }
    /// The name the report prints, where it differs from the card's.
    async fn name_as_written(&self) -> Option<&str> {
        self.0.name_as_written.as_deref()
    }
    async fn footnote(&self) -> Option<&str> {
        self.0.footnote.as_deref()
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: Some(self.0.ref_date.clone()),
        }
    }
}

/// An EU project funding a measure.
pub struct Project(pub Row<project::Model>);

#[Object]
impl Project {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.0.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// The measure's id.
    async fn measure_id(&self) -> i32 {
        self.0.measure_id
    }
    /// Seen by the public; a draft awaits a coordinator.
    async fn published(&self) -> bool {
        self.0.published
    }
    /// For a draft proposing a change: the published project it would change.
    async fn replaces_id(&self) -> Option<i32> {
        self.0.replaces_id
    }
    /// The registration number, e.g. `CZ.03.02.01/00/22_018/0001145`.
    async fn registration_number(&self) -> &str {
        &self.0.registration_number
    }
    /// The call as printed ("018 OPZ+").
    async fn call(&self) -> &str {
        &self.0.call
    }
    async fn call_number(&self) -> i32 {
        self.0.call_number
    }
    /// `OPZ+` or `IROP`.
    async fn programme(&self) -> &str {
        &self.0.programme
    }
    async fn budget(&self) -> Amount {
        Amount(shared::Czk::from_hellers(self.0.budget))
    }
    /// The budget as printed.
    async fn budget_text(&self) -> &str {
        &self.0.budget_text
    }
    async fn period_from(&self) -> Option<&str> {
        self.0.period_from.as_deref()
    }
    async fn period_to(&self) -> Option<&str> {
        self.0.period_to.as_deref()
    }
    async fn implementer(&self, ctx: &Context<'_>) -> ApiResult<Option<Organisation>> {
        Ok(one(&loaders(ctx).organisations, self.0.organisation_id)
            .await?
            .map(Organisation))
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: None,
        }
    }
}

/// A KPSV+ allocation planned for a measure.
pub struct Allocation(pub allocation::Model);

#[Object]
impl Allocation {
    async fn amount(&self) -> Amount {
        Amount(shared::Czk::from_hellers(self.0.amount))
    }
    async fn amount_text(&self) -> &str {
        &self.0.amount_text
    }
    /// Printed in brackets: probably funded from another call, left out of the table's total.
    async fn bracketed(&self) -> bool {
        self.0.bracketed
    }
    async fn programme(&self) -> &str {
        &self.0.programme
    }
    async fn priority(&self) -> &str {
        &self.0.priority
    }
    async fn programme_goal(&self) -> &str {
        &self.0.programme_goal
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: None,
        }
    }
}

/// An implementing organisation.
pub struct Organisation(pub organisation::Model);

#[Object]
impl Organisation {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The measures the published reports name it as implementer of (drafts do not count).
    async fn measures(&self, ctx: &Context<'_>) -> ApiResult<Vec<Measure>> {
        let statuses = children(&loaders(ctx).statuses_by_organisation, self.0.id).await?;
        let mut ids: Vec<i32> = statuses
            .iter()
            .filter(|s| s.published)
            .map(|s| s.measure_id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let found = loaders(ctx).measures.get_many(ids).await?;
        let mut measures: Vec<measure::Model> = found
            .values()
            .flat_map(|rows| rows.iter().cloned())
            .collect();
        measures.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
        Ok(measures.into_iter().map(|m| Measure(m.into())).collect())
    }
}
