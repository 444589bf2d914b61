//! Provenance of figures and the conflicts between sources.

use async_graphql::{Context, Enum, Object};
use shared::format::Lang;

use super::scalars::Source;
use super::{loaders, shared_children};
use crate::entity::{conflict, statement};
use crate::error::ApiResult;

/// How much a disagreement matters.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "shared::conflict::Severity")]
pub enum Severity {
    /// Numbers differ.
    Figure,
    /// The same thing is numbered differently.
    Identity,
    /// Only wording differs.
    Text,
    /// One source has what the other lacks.
    Gap,
}

impl Severity {
    fn as_str(self) -> &'static str {
        shared::conflict::Severity::from(self).as_str()
    }
}

/// A subject and field on which the sources disagree. Every value stays on record with its source.
pub struct Conflict {
    pub(crate) model: conflict::Model,
}

#[Object]
impl Conflict {
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.model.version
    }
    async fn id(&self) -> i32 {
        self.model.id
    }
    /// `measure`, `specific_goal`, `indicator`, `action_plan`, `document` …
    async fn subject_type(&self) -> &str {
        &self.model.subject_type
    }
    /// The code of the subject (`1.1.1.1`; `1.1.1#2` for a goal's second indicator).
    async fn subject_code(&self) -> &str {
        &self.model.subject_code
    }
    async fn field(&self) -> &str {
        &self.model.field
    }
    async fn severity(&self) -> Severity {
        shared::conflict::Severity::from_db(&self.model.severity)
            .unwrap_or(shared::conflict::Severity::Figure)
            .into()
    }
    /// The subject and field in words ("Opatření 1.1.1.1: předpokládané náklady").
    async fn title(&self) -> String {
        let m = &self.model;
        shared::conflict::title(&m.subject_type, &m.subject_code, &m.field, Lang::Cs)
    }
    /// The title in English.
    async fn title_en(&self) -> String {
        let m = &self.model;
        shared::conflict::title(&m.subject_type, &m.subject_code, &m.field, Lang::En)
    }
    /// The area the conflict counts toward (`2`); null for plan-wide subjects (documents,
    /// tables, global indicators).
    async fn area_code(&self) -> Option<String> {
        shared::conflict::place(&self.model.subject_type, &self.model.subject_code)
            .area()
            .map(|c| c.to_string())
    }
    /// A Czech sentence naming every value and its source.
    async fn description(&self) -> &str {
        &self.model.description
    }
    /// The statement a coordinator chose as valid; null while unresolved.
    async fn resolved_statement_id(&self) -> Option<i32> {
        self.model.resolved_statement_id
    }
    /// Why that value is valid.
    async fn resolution_reason(&self) -> Option<&str> {
        self.model.resolution_reason.as_deref()
    }
    /// The disagreeing values with their sources.
    async fn statements(&self, ctx: &Context<'_>) -> ApiResult<Vec<Statement>> {
        statements(
            ctx,
            self.model.plan_id,
            &self.model.subject_type,
            &self.model.subject_code,
            Some(shared::conflict::statement_field(&self.model.field)),
        )
        .await
    }
}

/// One sourced value of a figure.
pub struct Statement(pub statement::Model);

#[Object]
impl Statement {
    /// The statement's id, to name it as the valid value when resolving a conflict.
    async fn id(&self) -> i32 {
        self.0.id
    }
    async fn subject_type(&self) -> &str {
        &self.0.subject_type
    }
    async fn subject_code(&self) -> &str {
        &self.0.subject_code
    }
    async fn field(&self) -> &str {
        &self.0.field
    }
    /// The value as the source prints it.
    async fn value(&self) -> &str {
        &self.0.value_text
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: self.0.ref_date.clone(),
        }
    }
}

/// A plan's unresolved conflicts, optionally of one severity, figures first.
pub async fn plan_conflicts(
    ctx: &Context<'_>,
    plan_id: i32,
    severity: Option<Severity>,
) -> ApiResult<Vec<Conflict>> {
    open_conflicts(ctx, plan_id, |c| {
        severity.is_none_or(|s| c.severity == s.as_str())
    })
    .await
}

/// A plan's unresolved conflicts that `keep` accepts, figures first; only those are copied.
async fn open_conflicts(
    ctx: &Context<'_>,
    plan_id: i32,
    keep: impl Fn(&conflict::Model) -> bool,
) -> ApiResult<Vec<Conflict>> {
    let all = shared_children(&loaders(ctx).conflicts_by_plan, plan_id).await?;
    let mut rows: Vec<conflict::Model> = all
        .iter()
        .filter(|c| c.resolved_statement_id.is_none() && keep(c))
        .cloned()
        .collect();
    rows.sort_by_key(|c| (severity_rank(&c.severity), c.id));
    Ok(rows.into_iter().map(|model| Conflict { model }).collect())
}

fn severity_rank(s: &str) -> u8 {
    match s {
        "FIGURE" => 0,
        "IDENTITY" => 1,
        "GAP" => 2,
        _ => 3,
    }
}

/// The unresolved conflicts about one subject.
pub async fn subject_conflicts(
    ctx: &Context<'_>,
    plan_id: i32,
    subject_type: &str,
    code: &str,
) -> ApiResult<Vec<Conflict>> {
    open_conflicts(ctx, plan_id, |c| {
        c.subject_type == subject_type && c.subject_code == code
    })
    .await
}

/// The statements about one subject, optionally of one field.
pub async fn statements(
    ctx: &Context<'_>,
    plan_id: i32,
    subject_type: &str,
    code: &str,
    field: Option<&str>,
) -> ApiResult<Vec<Statement>> {
    let all = shared_children(&loaders(ctx).statements_by_plan, plan_id).await?;
    Ok(all
        .iter()
        .filter(|s| {
            s.subject_type == subject_type
                && s.subject_code == code
                && field.is_none_or(|f| s.field == f)
        })
        .cloned()
        .map(Statement)
        .collect())
}
