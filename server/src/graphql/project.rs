//! Recording a measure's EU project: registration number (validated), call, programme, budget,
//! period and implementer.

use async_graphql::{Context, InputObject, Object};
use sea_orm::Set;
use shared::format::{self, Lang};
use shared::validate::{self, Rule};

use super::entry::{
    RecordVersion, check, entry_document, invalid, measure_by_code, organisation_in_plan,
    own_organisation, publish, revised_of_measure,
};
use super::measure::Project;
use super::{auth, db, plan_id};
use crate::auth::Need;
use crate::entity::*;
use crate::error::{ApiError, ApiResult};
use crate::store::write::Write;
use crate::store::{proposal, scope};

/// A project of a measure.
#[derive(InputObject)]
pub struct ProjectInput {
    #[graphql(default_with = "\"ostrava\".to_string()")]
    pub plan: String,
    pub measure: String,
    /// The project to change; omitted for a new one.
    pub record: Option<RecordVersion>,
    /// `CZ.03.02.01/00/22_018/0001145`.
    pub registration_number: String,
    /// The call's name.
    pub call: String,
    /// The operational programme ("OPZ+", "IROP").
    pub programme: String,
    /// The budget in Kč: `12170133.36`, `12 170 133,36 Kč`.
    pub budget: String,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub organisation_id: i32,
    /// Publish at once (coordinators and admins); otherwise a new project, or a change to a
    /// published one, is a draft awaiting a coordinator.
    #[graphql(default)]
    pub publish: bool,
}

/// Projects of measures.
#[derive(Default)]
pub struct ProjectMutation;

#[Object]
impl ProjectMutation {
    /// Records a project of a measure, or changes a recorded one.
    async fn save_project(&self, ctx: &Context<'_>, input: ProjectInput) -> ApiResult<Project> {
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
        own_organisation(actor, Some(input.organisation_id))?;
        let number = check(validate::registration_number(
            "registrationNumber",
            &input.registration_number,
        ))?;
        let call = check(validate::line("call", &input.call))?;
        let programme = check(validate::line("programme", &input.programme))?;
        let budget = check(validate::amount_text("budget", &input.budget))?;
        let (from, to) = check(validate::period(
            "periodFrom",
            input.period_from.as_deref(),
            "periodTo",
            input.period_to.as_deref(),
        ))?;
        organisation_in_plan(ctx, plan_id, input.organisation_id, "organisationId").await?;
        let taken = crate::store::entry::registration_number_taken(
            db,
            number.as_str(),
            input.record.as_ref().map(|r| r.id),
        )
        .await
        .map_err(ApiError::from)?;
        if taken {
            return Err(invalid("registrationNumber", Rule::Duplicate));
        }
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let document_id = entry_document(&w.txn, plan_id).await?;
        let mut fields = project::ActiveModel {
            organisation_id: Set(input.organisation_id),
            registration_number: Set(number.as_str().to_owned()),
            call: Set(call),
            call_number: Set(i32::from(number.call())),
            programme: Set(programme),
            budget: Set(budget.hellers()),
            budget_text: Set(format::czk(budget, Lang::Cs)),
            period_from: Set(from.map(|d| d.to_string())),
            period_to: Set(to.map(|d| d.to_string())),
            document_id: Set(document_id),
            locator: Set("Zadáno v psz-monitor".to_owned()),
            ..Default::default()
        };
        let before = revised_of_measure::<project::Entity>(
            &w,
            input.record.as_ref(),
            "project",
            |p| p.measure_id,
            measure.id,
        )
        .await?;
        if before.is_none() {
            fields.measure_id = Set(measure.id);
        }
        let after = proposal::save::<project::Entity>(
            &w,
            "project",
            before.as_ref().map(|(b, v)| (b, *v)),
            fields,
            input.publish,
        )
        .await?;
        w.commit().await?;
        Ok(Project(after.into()))
    }

    /// Publishes draft projects of the plan (coordinators and admins): a new project, or a
    /// proposed change written into the published project; an empty list publishes nothing.
    async fn publish_projects(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        projects: Vec<RecordVersion>,
    ) -> ApiResult<Vec<Project>> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &plan).await?;
        let actor = a.require(&Need::EditPlan { plan_id })?;
        let ids: Vec<i32> = projects.iter().map(|r| r.id).collect();
        let in_plan = scope::projects_in_plan(db, plan_id, ids)
            .await
            .map_err(ApiError::from)?;
        if let Some(i) = projects.iter().position(|r| !in_plan.contains(&r.id)) {
            return Err(invalid(format!("projects.{i}.id"), Rule::UnknownId));
        }
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let rows = publish::<project::Entity>(&w, "project", &projects).await?;
        w.commit().await?;
        Ok(rows.into_iter().map(|m| Project(m.into())).collect())
    }
}
