//! The response types several pages decode GraphQL data into; types only one page uses live
//! beside that page.
//!
//! Shared domain types are used where the API's representation fits: [`Code`] for codes,
//! [`Date`] for ISO dates, [`StatusKind`], [`GoalState`], [`TargetKind`], [`FundingSource`] and
//! [`Verdict`] for the API's enums (their serde names are the GraphQL enum values). Money is read
//! from the exact `hellers` string into [`Czk`] and formatted in the user's language, never from
//! the server's Czech `formatted` text. Fields a page does not ask for default to empty, so one
//! type serves a lean and a full query.

use serde::{Deserialize, Deserializer};
use shared::progress::{GoalState, TargetKind};
use shared::status::StatusKind;
use shared::{Code, Czk, Date, MeasureStatus};

/// An amount of money as the API gives it, read from its exact `hellers`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(try_from = "AmountWire")]
pub struct Amount(pub Czk);

/// The part of the API's `Amount` the app reads.
#[derive(Deserialize)]
struct AmountWire {
    hellers: String,
}

impl TryFrom<AmountWire> for Amount {
    type Error = String;

    fn try_from(wire: AmountWire) -> Result<Self, Self::Error> {
        wire.hellers
            .trim()
            .parse::<i64>()
            .map(|h| Amount(Czk::from_hellers(h)))
            .map_err(|_| format!("`{}` is not an amount in hellers", wire.hellers))
    }
}

/// Money planned, allocated and drawn for a measure or a group of measures.
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    #[serde(default)]
    pub planned: Amount,
    #[serde(default)]
    pub allocated: Amount,
    #[serde(default)]
    pub drawn: Amount,
    #[serde(default)]
    pub measures_with_cost: Option<u32>,
}

/// Measures counted by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusCounts {
    pub not_implemented: u32,
    pub in_progress: u32,
    pub completed: u32,
    #[serde(default)]
    pub unknown: u32,
}

/// Progress of a group of specific goals.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Rollup {
    pub attainment: Option<f64>,
    pub goals: usize,
    pub goals_with_data: usize,
    #[serde(default)]
    pub achieved: usize,
    #[serde(default)]
    pub on_track: usize,
    #[serde(default)]
    pub behind: usize,
}

/// Progress of one specific goal.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GoalProgress {
    pub ratio: Option<f64>,
    pub attainment: Option<f64>,
    #[serde(default)]
    pub expected: Option<f64>,
    #[serde(default, deserialize_with = "lenient_date")]
    pub as_of: Option<Date>,
    pub state: GoalState,
}

/// A measure's current status, as lists show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusBrief {
    pub kind: StatusKind,
    #[serde(default)]
    pub reports: Option<u8>,
    #[serde(default)]
    pub reports_of: Option<u8>,
}

impl StatusBrief {
    /// The status as the shared domain type.
    pub fn status(self) -> MeasureStatus {
        match self.kind {
            StatusKind::NotImplemented => MeasureStatus::NotImplemented,
            StatusKind::InProgress => MeasureStatus::InProgress {
                reports: self.reports,
                of: self.reports_of,
            },
            StatusKind::Completed => MeasureStatus::Completed,
        }
    }
}

/// A measure in a list: code, name and status.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MeasureBrief {
    pub code: Code,
    pub name: String,
    #[serde(default)]
    pub status: Option<StatusBrief>,
}

/// A source document, by its title.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DocumentRef {
    pub title: String,
}

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    #[serde(default)]
    pub document: Option<DocumentRef>,
    #[serde(default)]
    pub locator: String,
    #[serde(default, deserialize_with = "lenient_date")]
    pub ref_date: Option<Date>,
}

/// One sourced value of a figure.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Statement {
    /// The figure (`estimated_cost`, `name` …); not asked for inside a conflict.
    #[serde(default)]
    pub field: String,
    /// The value as the source prints it.
    pub value: String,
    pub source: Source,
}

/// A subject and figure on which the sources disagree, with every value and its source.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    pub field: String,
    /// `FIGURE`, `IDENTITY` or `TEXT`.
    pub severity: String,
    /// A Czech sentence naming every value and its source.
    pub description: String,
    /// Every value with its source (the description names them too).
    #[serde(default)]
    pub statements: Vec<Statement>,
}

/// An impact indicator's latest value against its target.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct IndicatorProgress {
    pub latest: f64,
    pub date: Date,
    pub target: f64,
    pub ratio: f64,
}

/// A value of an impact indicator at a monitoring date.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct IndicatorValue {
    #[serde(deserialize_with = "lenient_date")]
    pub date: Option<Date>,
    /// The column header as printed ("Data k 28. 2. 2025").
    pub label: String,
    pub value: Option<f64>,
    /// The value as printed.
    pub text: String,
    #[serde(default)]
    pub source: Option<Source>,
}

/// An impact indicator of a specific goal with its series.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImpactIndicator {
    pub name: String,
    #[serde(default)]
    pub note: Option<String>,
    pub is_key: bool,
    #[serde(default = "yes")]
    pub in_plan: bool,
    #[serde(default)]
    pub unit: String,
    /// The target in force today.
    pub target: Option<f64>,
    /// The plan's own target, before any revision.
    #[serde(default)]
    pub plan_target: Option<f64>,
    /// Revisions of the target, oldest first.
    #[serde(default)]
    pub target_revisions: Vec<TargetRevision>,
    pub values: Vec<IndicatorValue>,
    #[serde(default)]
    pub progress: Option<IndicatorProgress>,
    /// The latest value is older than the last closed monitoring wave.
    #[serde(default)]
    pub stale: bool,
}

/// A revision of an impact indicator's target: in force from its date until the next's.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetRevision {
    #[serde(default)]
    pub id: i32,
    #[serde(default)]
    pub version: i32,
    pub valid_from: Date,
    pub target: Option<f64>,
    #[serde(default)]
    pub target_text: Option<String>,
    pub reason: String,
}

fn yes() -> bool {
    true
}

/// A yearly narrative summary of a specific goal.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Summary {
    pub year: i32,
    pub title: String,
    pub text: String,
    #[serde(default)]
    pub footnotes: Vec<String>,
    #[serde(default)]
    pub source: Option<Source>,
}

/// A specific goal with its target, progress, indicators and summaries.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SpecificGoal {
    pub code: Code,
    pub target_text: String,
    #[serde(default)]
    pub expected_impact: String,
    pub target_kind: TargetKind,
    #[serde(default, deserialize_with = "lenient_date")]
    pub due: Option<Date>,
    #[serde(default)]
    pub declared_measures: Option<i32>,
    pub progress: Option<GoalProgress>,
    #[serde(default)]
    pub impact_indicators: Vec<ImpactIndicator>,
    #[serde(default)]
    pub summaries: Vec<Summary>,
    #[serde(default)]
    pub measures: Vec<MeasureBrief>,
    /// The strategic goal it serves, with its area (only the goal's own page asks).
    #[serde(default)]
    pub strategic_goal: Option<ParentGoal>,
    /// Where the sources disagree about the goal or its impact indicators (only the goal's own
    /// page asks).
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
}

/// A strategic goal named above one of its specific goals.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ParentGoal {
    pub code: Code,
    pub name: String,
    #[serde(default)]
    pub area: Option<AreaName>,
}

/// An area named above one of its goals.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AreaName {
    pub code: Code,
    pub name: String,
    pub name_en: String,
}

impl SpecificGoal {
    /// The indicator whose progress the goal's bar shows: the first key indicator with progress,
    /// else any indicator with progress.
    pub fn headline_indicator(&self) -> Option<&ImpactIndicator> {
        let with_progress = || {
            self.impact_indicators
                .iter()
                .filter(|i| i.progress.is_some())
        };
        with_progress()
            .find(|i| i.is_key)
            .or_else(|| with_progress().next())
    }
}

/// The Czech text, or the English one when the interface is English and the API gives one.
pub fn localized<'a>(cs: &'a str, en: &'a str, lang: shared::format::Lang) -> &'a str {
    match lang {
        shared::format::Lang::En if !en.trim().is_empty() => en,
        _ => cs,
    }
}

/// An ISO date, or `None` for null or anything that is not one (a malformed date should not
/// hide a whole page).
pub fn lenient_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    let text: Option<String> = Option::deserialize(d)?;
    Ok(text.and_then(|t| t.parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_from_exact_hellers() {
        let money: Money =
            serde_json::from_str(r#"{"planned":{"hellers":"1217013336"},"drawn":{"hellers":"0"}}"#)
                .unwrap();
        assert_eq!(money.planned, Amount(Czk::from_hellers(1_217_013_336)));
        assert_eq!(money.allocated, Amount(Czk::ZERO));
        assert!(serde_json::from_str::<Amount>(r#"{"hellers":"12,5"}"#).is_err());
    }

    #[test]
    fn statuses_become_the_shared_type() {
        let brief: StatusBrief =
            serde_json::from_str(r#"{"kind":"IN_PROGRESS","reports":4,"reportsOf":6}"#).unwrap();
        assert_eq!(
            brief.status(),
            MeasureStatus::InProgress {
                reports: Some(4),
                of: Some(6)
            }
        );
        let done: StatusBrief = serde_json::from_str(r#"{"kind":"COMPLETED"}"#).unwrap();
        assert_eq!(done.status(), MeasureStatus::Completed);
    }

    #[test]
    fn dates_are_lenient_and_enums_match_the_api() {
        let p: GoalProgress = serde_json::from_str(
            r#"{"ratio":1.35,"attainment":1.0,"expected":0.7,"asOf":"2025-02-28","state":"ON_TRACK"}"#,
        )
        .unwrap();
        assert_eq!(p.as_of, Date::new(2025, 2, 28));
        assert_eq!(p.state, GoalState::OnTrack);
        let v: IndicatorValue =
            serde_json::from_str(r#"{"date":"po 2024","label":"x","value":null,"text":"n. a."}"#)
                .unwrap();
        assert_eq!(v.date, None);
    }

    #[test]
    fn a_goals_bar_follows_its_key_indicator() {
        let goal: SpecificGoal = serde_json::from_str(
            r#"{"code":"2.1.1","targetText":"t","targetKind":"COUNT_BY","progress":null,
            "impactIndicators":[
              {"name":"secondary","isKey":false,"target":5,"values":[],
               "progress":{"latest":1,"date":"2025-01-31","target":5,"ratio":0.2}},
              {"name":"key","isKey":true,"target":40,"values":[],
               "progress":{"latest":43,"date":"2025-01-31","target":40,"ratio":1.075}}]}"#,
        )
        .unwrap();
        assert_eq!(goal.headline_indicator().unwrap().name, "key");
    }
}
