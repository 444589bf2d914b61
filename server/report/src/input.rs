//! The answer of `snapshot.graphql`: the published data a report freezes, as the API gives it.
//!
//! Field names follow the schema (camelCase); enumerations stay strings, read by
//! [`crate::assemble`], so a value the schema adds later is shown as it is, never a panic.

use serde::{Deserialize, Serialize};

/// `{ "plan": … }`, the data of the snapshot document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub plan: Plan,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub slug: String,
    pub city: String,
    pub name: String,
    pub period_from: i32,
    pub period_to: i32,
    pub action_plans: Vec<ActionPlan>,
    pub documents: Vec<Document>,
    pub status_counts: StatusCounts,
    pub global_indicators: Vec<GlobalIndicator>,
    pub conflicts: Vec<Conflict>,
    pub areas: Vec<Area>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionPlan {
    pub number: i32,
    pub name: String,
    pub period_from: i32,
    pub period_to: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub key: String,
    pub title: String,
    pub issued: String,
    pub kind: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    pub not_implemented: i64,
    pub in_progress: i64,
    pub completed: i64,
    pub unknown: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GlobalIndicator {
    pub name: String,
    pub note: Option<String>,
    pub expected_text: String,
    pub verdict: String,
    pub values: Vec<GlobalValue>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GlobalValue {
    pub column: String,
    pub is_baseline: bool,
    pub period: Option<String>,
    pub year: Option<i32>,
    pub value: Option<f64>,
    pub text: String,
    pub region_value: Option<f64>,
    pub region_text: Option<String>,
    pub rank: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    pub document: Option<DocumentTitle>,
    pub locator: String,
    #[serde(default)]
    pub ref_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentTitle {
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub subject_code: String,
    pub field: String,
    pub severity: String,
    pub title: String,
    pub title_en: String,
    pub description: String,
    pub resolved_statement_id: Option<i32>,
    pub resolution_reason: Option<String>,
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub id: i32,
    pub value: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Area {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub status_counts: StatusCounts,
    pub strategic_goals: Vec<StrategicGoal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StrategicGoal {
    pub code: String,
    pub name: String,
    pub specific_goals: Vec<SpecificGoal>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpecificGoal {
    pub code: String,
    pub target_text: String,
    pub progress: Option<GoalProgress>,
    pub impact_indicators: Vec<ImpactIndicator>,
    pub summaries: Vec<Summary>,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalProgress {
    pub ratio: Option<f64>,
    pub attainment: Option<f64>,
    pub expected: Option<f64>,
    pub state: String,
    pub as_of: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImpactIndicator {
    pub name: String,
    pub report_name: Option<String>,
    pub is_key: bool,
    pub unit: String,
    pub target: Option<f64>,
    pub values: Vec<IndicatorValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorValue {
    pub date: String,
    pub label: String,
    pub value: Option<f64>,
    pub text: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub year: i32,
    pub title: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub code: String,
    pub name: String,
    pub status: Option<MeasureStatus>,
    pub projects: Vec<Project>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasureStatus {
    pub date: String,
    pub kind: String,
    pub text: String,
    pub reports: Option<i32>,
    pub reports_of: Option<i32>,
    pub activity: String,
    pub implementer_text: Option<String>,
    pub implementer: Option<Named>,
    pub period_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    pub registration_number: String,
    pub call: String,
    pub programme: String,
    pub budget: Hellers,
    pub implementer: Option<Named>,
}

/// `Amount { hellers }`: the exact amount as a decimal string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hellers {
    pub hellers: String,
}
