//! Revisions of impact indicators' targets ("revize Plánu"): a coordinator changes a target
//! from a date, with the reason; the plan's own target and every earlier revision stay on
//! record, and what is in force follows `store::target`.

use async_graphql::{Context, InputObject, Object};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use shared::validate::{self, Rule};

use super::area::ImpactIndicator;
use super::entry::{RecordVersion, check, entry_document, invalid};
use super::scalars::Source;
use super::{auth, db, today, versions};
use crate::auth::policy::Need;
use crate::entity::{impact_indicator, plan, target_revision};
use crate::error::{ApiError, ApiResult};
use crate::store::write::Write;
use crate::store::{lookup, scope};

use crate::store::target::LOCATOR;

/// A revised target of an impact indicator.
#[derive(InputObject)]
pub struct ReviseTargetInput {
    /// The indicator, with the version read (the revision raises it).
    pub record: RecordVersion,
    /// The first day the new target is in force (`2026-01-01`): within the plan's years and
    /// not after today.
    pub valid_from: String,
    /// The number to reach; null for a target in words only.
    pub target_value: Option<f64>,
    /// The target as worded.
    pub target_text: Option<String>,
    /// Why the target changes (the decision and its date or resolution).
    pub reason: String,
}

/// A revision of an impact indicator's target.
pub struct TargetRevision(pub target_revision::Model);

#[Object]
impl TargetRevision {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.0.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn indicator_id(&self) -> i32 {
        self.0.impact_indicator_id
    }
    /// The first day this target is in force (ISO 8601); it stays in force until a later
    /// revision's date.
    async fn valid_from(&self) -> &str {
        &self.0.valid_from
    }
    /// The number to reach, if the target has one.
    async fn target(&self) -> Option<f64> {
        self.0.target_value
    }
    async fn target_text(&self) -> Option<&str> {
        self.0.target_text.as_deref()
    }
    /// Why the target changed.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: LOCATOR.to_owned(),
            ref_date: Some(self.0.valid_from.clone()),
        }
    }
}

/// The indicator `id` a coordinator of its plan may edit: the indicator, its plan and the
/// actor (CSRF checked, `NOT_FOUND`, `FORBIDDEN`).
pub(super) async fn editable_indicator<'c>(
    ctx: &Context<'c>,
    id: i32,
) -> ApiResult<(impact_indicator::Model, i32, &'c crate::auth::Actor)> {
    let a = auth(ctx);
    a.check_csrf()?;
    let db = db(ctx);
    let indicator = lookup::record::<impact_indicator::Entity, _>(db, id, "indicator").await?;
    let plan_id = scope::plan_of_goal(db, indicator.specific_goal_id)
        .await
        .map_err(ApiError::from)?
        .ok_or(ApiError::Internal)?;
    let actor = a.require(&Need::EditPlan { plan_id })?;
    Ok((indicator, plan_id, actor))
}

#[derive(Default)]
pub struct TargetMutation;

#[Object]
impl TargetMutation {
    /// Revises an impact indicator's target from a date. The plan's target and the earlier
    /// revisions stay on record; progress counts with the target in force.
    async fn revise_indicator_target(
        &self,
        ctx: &Context<'_>,
        input: ReviseTargetInput,
    ) -> ApiResult<ImpactIndicator> {
        let (before, plan_id, actor) = editable_indicator(ctx, input.record.id).await?;
        let db = db(ctx);
        let plan = plan::Entity::find_by_id(plan_id)
            .one(db)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::Internal)?;
        let from = check(validate::date("validFrom", &input.valid_from))?;
        let today = today(ctx);
        let earliest = shared::Date::new(plan.period_from, 1, 1).ok_or(ApiError::Internal)?;
        if from < earliest || from > today {
            return Err(invalid(
                "validFrom",
                Rule::DateOutOfRange {
                    from: earliest.to_string(),
                    to: today.to_string(),
                },
            ));
        }
        let value = input
            .target_value
            .map(|v| check(validate::indicator_value_in("targetValue", v, &before.unit)))
            .transpose()?;
        let text = input
            .target_text
            .as_deref()
            .map(|t| check(validate::optional_line("targetText", t)))
            .transpose()?
            .filter(|t| !t.is_empty());
        if value.is_none() && text.is_none() {
            return Err(invalid("targetValue", Rule::Required));
        }
        let reason = check(validate::text("reason", &input.reason))?;

        let w = Write::begin(db, versions(ctx), actor, Some(plan_id)).await?;
        let taken = target_revision::Entity::find()
            .filter(target_revision::Column::ImpactIndicatorId.eq(before.id))
            .filter(target_revision::Column::ValidFrom.eq(from.to_string()))
            .one(&w.txn)
            .await
            .map_err(ApiError::from)?;
        if taken.is_some() {
            return Err(invalid("validFrom", Rule::Duplicate));
        }
        // The indicator's version is raised: two coordinators revising at once, or one
        // revising what another just edited, get CONFLICT rather than a silent overlap.
        let after = w
            .update_audited::<impact_indicator::Entity>(
                "impact_indicator",
                crate::store::write::Action::Update,
                &before,
                impact_indicator::ActiveModel::default(),
                input.record.version,
            )
            .await?;
        let document_id = entry_document(&w.txn, plan_id).await?;
        w.create::<target_revision::Entity>(
            "target_revision",
            target_revision::ActiveModel {
                impact_indicator_id: Set(before.id),
                valid_from: Set(from.to_string()),
                target_value: Set(value),
                target_text: Set(text),
                reason: Set(reason),
                document_id: Set(document_id),
                ..Default::default()
            },
        )
        .await?;
        w.commit().await?;
        Ok(ImpactIndicator {
            model: after,
            plan_id,
        })
    }

    /// Withdraws a revision entered by mistake (its record stays in the history); the target
    /// in force is again the one before it.
    async fn withdraw_target_revision(
        &self,
        ctx: &Context<'_>,
        record: RecordVersion,
    ) -> ApiResult<ImpactIndicator> {
        auth(ctx).check_csrf()?;
        let db = db(ctx);
        let revision =
            lookup::record::<target_revision::Entity, _>(db, record.id, "target revision").await?;
        let (indicator, plan_id, actor) =
            editable_indicator(ctx, revision.impact_indicator_id).await?;
        let w = Write::begin(db, versions(ctx), actor, Some(plan_id)).await?;
        // The indicator's version is raised (and audited, so live readers hear which goal's
        // target changed), then the revision goes.
        let after = w
            .update_audited::<impact_indicator::Entity>(
                "impact_indicator",
                crate::store::write::Action::Update,
                &indicator,
                impact_indicator::ActiveModel::default(),
                indicator.version,
            )
            .await?;
        w.delete_audited::<target_revision::Entity>("target_revision", &revision, record.version)
            .await?;
        w.commit().await?;
        Ok(ImpactIndicator {
            model: after,
            plan_id,
        })
    }
}
