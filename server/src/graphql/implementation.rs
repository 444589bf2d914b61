//! Global indicators, context figures, the timeline and the risk register.

use async_graphql::{Context, Enum, Object};
use shared::trend::{self, Expectation, Point};
use shared::{Date, timeline};

use super::scalars::Source;
use super::{children, loaders};
use crate::entity::{context_indicator, global_indicator, global_indicator_value, milestone, risk};
use crate::error::ApiResult;

/// Whether a global indicator moves as the plan expects by 2027.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "shared::trend::Verdict")]
pub enum Verdict {
    Met,
    RightWay,
    WrongWay,
    Flat,
    Unknown,
}

/// A city-level indicator of social inclusion with its series.
pub struct GlobalIndicator(pub global_indicator::Model);

#[Object]
impl GlobalIndicator {
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// "Očekávaná hodnota/trend 2027" as printed.
    async fn expected_text(&self) -> &str {
        &self.0.expected_text
    }
    /// The expectation as a rule: `DECREASE`, `LESS_THAN`, `BELOW_REGION` …
    async fn expected_kind(&self) -> &str {
        &self.0.target_kind
    }
    async fn expected_value(&self) -> Option<f64> {
        self.0.target_value
    }
    async fn lower_is_better(&self) -> bool {
        self.0.lower_is_better
    }
    /// Baseline first, then the yearly values.
    async fn values(&self, ctx: &Context<'_>) -> ApiResult<Vec<GlobalValue>> {
        Ok(children(&loaders(ctx).global_values, self.0.id)
            .await?
            .into_iter()
            .map(GlobalValue)
            .collect())
    }
    /// The latest value against the baseline under the expectation.
    async fn verdict(&self, ctx: &Context<'_>) -> ApiResult<Verdict> {
        let values = children(&loaders(ctx).global_values, self.0.id).await?;
        let point = |v: &global_indicator_value::Model| {
            v.value.map(|value| Point {
                value,
                region: v.region_value,
            })
        };
        let baseline = values.iter().find(|v| v.is_baseline).and_then(point);
        let latest = values
            .iter()
            .rev()
            .filter(|v| !v.is_baseline)
            .find_map(point);
        let verdict = match Expectation::from_db(&self.0.target_kind, self.0.target_value) {
            Some(e) => trend::assess(e, baseline, latest),
            None => trend::Verdict::Unknown,
        };
        Ok(verdict.into())
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: None,
        }
    }
}

/// A value of a global indicator.
pub struct GlobalValue(pub global_indicator_value::Model);

#[Object]
impl GlobalValue {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.0.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    /// `baseline`, `2023`, `2024`.
    async fn column(&self) -> &str {
        &self.0.column_label
    }
    async fn is_baseline(&self) -> bool {
        self.0.is_baseline
    }
    /// The period as printed ("2021", "12/2023", "školní rok 2022/23").
    async fn period(&self) -> Option<&str> {
        self.0.period.as_deref()
    }
    /// The last year the period names.
    async fn year(&self) -> Option<i32> {
        self.0.year
    }
    /// Ostrava's value; null when the report prints "n. a.".
    async fn value(&self) -> Option<f64> {
        self.0.value
    }
    async fn text(&self) -> &str {
        &self.0.value_text
    }
    /// The Moravian-Silesian Region's value, where printed.
    async fn region_value(&self) -> Option<f64> {
        self.0.region_value
    }
    async fn region_text(&self) -> Option<&str> {
        self.0.region_value_text.as_deref()
    }
    /// The city's rank, where printed ("2. v ČR").
    async fn rank(&self) -> Option<&str> {
        self.0.rank.as_deref()
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: None,
        }
    }
}

/// A context figure of the city's social department.
pub struct ContextIndicator(pub context_indicator::Model);

#[Object]
impl ContextIndicator {
    async fn year(&self) -> i32 {
        self.0.year
    }
    async fn group(&self) -> &str {
        &self.0.group_name
    }
    async fn label(&self) -> &str {
        &self.0.label
    }
    async fn value(&self) -> Option<f64> {
        self.0.value
    }
    async fn text(&self) -> &str {
        &self.0.value_text
    }
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: None,
        }
    }
}

/// A milestone of the implementation timeline.
pub struct Milestone {
    pub model: milestone::Model,
    pub as_of: Date,
}

impl Milestone {
    /// A milestone judged done or upcoming as of today (the schema's [`super::Clock`]).
    pub fn new(ctx: &async_graphql::Context<'_>, model: milestone::Model) -> Milestone {
        Milestone {
            model,
            as_of: super::today(ctx),
        }
    }
}

#[Object]
impl Milestone {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.model.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.model.version
    }
    /// The period as printed ("1. pol. 2024").
    async fn period(&self) -> &str {
        &self.model.period_text
    }
    async fn period_from(&self) -> &str {
        &self.model.period_from
    }
    async fn period_to(&self) -> &str {
        &self.model.period_to
    }
    async fn text(&self) -> &str {
        &self.model.text
    }
    // The rule: `shared::timeline::milestone_done`.
    /// Its period ended before `asOf`.
    async fn done(&self) -> bool {
        self.model
            .period_to
            .parse::<Date>()
            .is_ok_and(|to| timeline::milestone_done(to, self.as_of))
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.model.document_id,
            locator: self.model.locator.clone(),
            ref_date: None,
        }
    }
}

/// A risk of the action plan.
pub struct Risk(pub risk::Model);

#[Object]
impl Risk {
    /// The record's id, to name it in an edit.
    async fn id(&self) -> i32 {
        self.0.id
    }
    /// The record's version: an edit sends back the version it read.
    async fn version(&self) -> i32 {
        self.0.version
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// 1 (least) to 5.
    async fn probability(&self) -> i32 {
        self.0.probability
    }
    /// 1 (least) to 5.
    async fn impact(&self) -> i32 {
        self.0.impact
    }
    /// Probability × impact, 1 to 25, as printed.
    async fn significance(&self) -> i32 {
        self.0.significance
    }
    async fn mitigation(&self) -> &str {
        &self.0.mitigation
    }
    async fn source(&self) -> Source {
        Source {
            document_id: self.0.document_id,
            locator: self.0.locator.clone(),
            ref_date: None,
        }
    }
}
