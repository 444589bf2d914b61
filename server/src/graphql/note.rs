//! Internal notes on areas, goals and measures: for signed-in staff only, never public.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject};
use sea_orm::Set;
use shared::code::Level;
use shared::validate::{self};

use super::entry::{check, measure_by_code};
use super::{auth, code_at, db, plan_id};
use crate::auth::Need;
use crate::entity::*;
use crate::error::{ApiError, ApiResult};
use crate::store::write::Write;
use crate::store::{scope, staff};

/// What an internal note is about.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
pub enum SubjectKind {
    Area,
    StrategicGoal,
    SpecificGoal,
    Measure,
}

impl SubjectKind {
    fn as_str(self) -> &'static str {
        match self {
            SubjectKind::Area => "AREA",
            SubjectKind::StrategicGoal => "STRATEGIC_GOAL",
            SubjectKind::SpecificGoal => "SPECIFIC_GOAL",
            SubjectKind::Measure => "MEASURE",
        }
    }

    fn level(self) -> Level {
        match self {
            SubjectKind::Area => Level::Area,
            SubjectKind::StrategicGoal => Level::StrategicGoal,
            SubjectKind::SpecificGoal => Level::SpecificGoal,
            SubjectKind::Measure => Level::Measure,
        }
    }
}

/// What notes on a subject need: a measure's notes are also its implementers'; other
/// subjects need `otherwise`.
async fn need_for(
    ctx: &Context<'_>,
    plan_id: i32,
    subject: SubjectKind,
    code: &shared::Code,
    otherwise: Need,
) -> ApiResult<Need> {
    if subject != SubjectKind::Measure {
        return Ok(otherwise);
    }
    let m = measure_by_code(ctx, plan_id, &code.to_string()).await?;
    Ok(Need::ReportFor {
        plan_id,
        implementers: scope::implementers(db(ctx), vec![m.id])
            .await
            .map_err(ApiError::from)?,
    })
}

/// A new internal note.
#[derive(InputObject)]
pub struct InternalNoteInput {
    #[graphql(default_with = "\"ostrava\".to_string()")]
    pub plan: String,
    pub subject: SubjectKind,
    pub code: String,
    pub text: String,
}

/// A note for signed-in staff only.
#[derive(SimpleObject)]
pub struct InternalNote {
    pub id: i32,
    pub subject_code: String,
    pub text: String,
    pub author_name: String,
    pub created_at: String,
}

impl From<internal_note::Model> for InternalNote {
    fn from(m: internal_note::Model) -> Self {
        InternalNote {
            id: m.id,
            subject_code: m.subject_code,
            text: m.text,
            author_name: m.author_name,
            created_at: m.created_at,
        }
    }
}

/// Writing notes.
#[derive(Default)]
pub struct NoteMutation;

#[Object]
impl NoteMutation {
    /// Adds an internal note to an area, goal or measure (never shown to the public).
    async fn add_internal_note(
        &self,
        ctx: &Context<'_>,
        input: InternalNoteInput,
    ) -> ApiResult<InternalNote> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let plan_id = plan_id(ctx, &input.plan).await?;
        let code = code_at(&input.code, input.subject.level())?;
        let need = need_for(
            ctx,
            plan_id,
            input.subject,
            &code,
            Need::EditPlan { plan_id },
        )
        .await?;
        let actor = a.require(&need)?;
        let text = check(validate::text("text", &input.text))?;
        let w = Write::begin(db, super::versions(ctx), actor, Some(plan_id)).await?;
        let note = w
            .create::<internal_note::Entity>(
                "internal_note",
                internal_note::ActiveModel {
                    plan_id: Set(plan_id),
                    subject_type: Set(input.subject.as_str().to_owned()),
                    subject_code: Set(code.to_string()),
                    text: Set(text),
                    author_id: Set(Some(actor.user_id)),
                    author_name: Set(actor.name.clone()),
                    created_at: Set(crate::store::write::timestamp()),
                    ..Default::default()
                },
            )
            .await?;
        w.commit().await?;
        Ok(note.into())
    }
}

/// Reading notes.
#[derive(Default)]
pub struct NoteQuery;

#[Object]
impl NoteQuery {
    /// Internal notes on an area, goal or measure (staff who read internal data, and the
    /// implementers of a measure for its notes).
    async fn internal_notes(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = "ostrava")] plan: String,
        subject: SubjectKind,
        code: String,
    ) -> ApiResult<Vec<InternalNote>> {
        let a = auth(ctx);
        let db = db(ctx);
        let plan_id = plan_id(ctx, &plan).await?;
        let code = code_at(&code, subject.level())?;
        if !a.reads_internal(plan_id) {
            let need =
                need_for(ctx, plan_id, subject, &code, Need::ReadInternal { plan_id }).await?;
            a.require(&need)?;
        }
        Ok(
            staff::notes(db, plan_id, subject.as_str(), &code.to_string())
                .await
                .map_err(ApiError::from)?
                .into_iter()
                .map(InternalNote::from)
                .collect(),
        )
    }
}
