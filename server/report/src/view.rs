//! The report as it is printed: every text and figure already formatted for the report's
//! language, in the order of the document. [`crate::assemble`] makes it from a snapshot; the PDF
//! template, the DOCX writer and the HTML preview only lay it out, so the three say the same.

use serde::Serialize;
use shared::report::Block;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// `cs` or `en`.
    pub lang: &'static str,
    /// A draft's preview: every page says so.
    pub draft: bool,
    pub title: String,
    pub plan_name: String,
    pub city: String,
    pub action_plan: String,
    /// The reporting period in words (`1. 1. 2024 – 31. 12. 2024`).
    pub period: String,
    pub cutoff: String,
    /// The issue date; empty for a draft.
    pub issued: String,
    /// The line at the top of every page: the plan and the period.
    pub running_head: String,
    pub labels: Labels,
    /// Management summary first; then the monitoring's presentation, setting and link to the
    /// plan.
    pub opening: Vec<Part>,
    /// The plan's structure and where its measures stand (the link to the plan, in figures).
    pub plan_facts: Vec<Fact>,
    pub global: GlobalTable,
    pub areas: Vec<AreaView>,
    /// Social services, sustainability, recommendations.
    pub closing: Vec<Part>,
    pub conflicts: Conflicts,
    pub annex_a: AnnexA,
    pub annex_b: Vec<AnnexGoal>,
    /// The documents the figures come from.
    pub sources: Vec<Fact>,
}

impl Report {
    /// The cover's facts: the period, the cut-off and, once issued, the issue date.
    pub fn cover_facts(&self) -> Vec<Fact> {
        let l = &self.labels;
        let mut facts = vec![
            Fact {
                label: l.period.clone(),
                value: self.period.clone(),
            },
            Fact {
                label: l.cutoff.clone(),
                value: self.cutoff.clone(),
            },
        ];
        if !self.issued.is_empty() {
            facts.push(Fact {
                label: l.issued.clone(),
                value: self.issued.clone(),
            });
        }
        facts
    }
}

/// The fixed words of the report in its language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Labels {
    pub contents: String,
    pub page: String,
    pub draft: String,
    pub period: String,
    pub cutoff: String,
    pub issued: String,
    pub global_title: String,
    pub global_intro: String,
    pub indicator: String,
    pub baseline: String,
    pub expected: String,
    pub city_vs_region: String,
    pub area: String,
    pub goals_progress: String,
    pub goal: String,
    pub progress: String,
    pub expected_by_now: String,
    pub state: String,
    pub impact_indicators: String,
    pub unit: String,
    pub change: String,
    pub trend: String,
    pub target: String,
    pub measures: String,
    pub measure: String,
    pub status: String,
    pub implementer: String,
    pub activity: String,
    pub project_period: String,
    pub no_measures: String,
    pub no_values: String,
    pub conflicts_title: String,
    pub conflicts_intro: String,
    pub open_conflicts: String,
    pub resolved_conflicts: String,
    pub none_open: String,
    pub none_resolved: String,
    pub chosen: String,
    pub reason: String,
    pub annexes: String,
    pub annex_a_title: String,
    pub annex_a_intro: String,
    pub annex_b_title: String,
    pub registration: String,
    pub budget: String,
    pub call: String,
    pub total: String,
    pub sources_title: String,
    pub not_written: String,
    pub strategic_goal: String,
    pub specific_goal: String,
}

/// A narrative section: its heading and text (empty when nobody wrote it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// The section's key (`summary`, `goal/2.1.3/strengths`).
    pub key: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A label and its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlobalTable {
    /// The value columns' headings (`Počáteční hodnota`, `2023`, `2024`).
    pub columns: Vec<String>,
    pub rows: Vec<GlobalRow>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlobalRow {
    pub name: String,
    /// One cell per column: the value, and the period and place as the report prints them.
    pub cells: Vec<String>,
    pub expected: String,
    /// Where the indicator stands against its expectation, in words.
    pub verdict: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaView {
    pub code: String,
    pub name: String,
    /// Measures by status in words (`3 nerealizováno, 12 v realizaci, 1 dokončeno`).
    pub statuses: String,
    /// One bar per specific goal with a target and data.
    pub bars: Vec<Bar>,
    pub people: Part,
    pub strategic_goals: Vec<StrategicView>,
}

/// A specific goal's progress: `attainment` and `expected` as shares 0–1 for drawing, and in
/// words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    pub code: String,
    pub attainment: f64,
    pub attainment_text: String,
    pub expected: Option<f64>,
    pub expected_text: String,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategicView {
    pub code: String,
    pub name: String,
    pub goals: Vec<GoalView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalView {
    pub code: String,
    pub target_text: String,
    /// Progress against the target in words; empty without data.
    pub progress: String,
    /// The monitoring dates (column headings, oldest first).
    pub dates: Vec<String>,
    pub indicators: Vec<IndicatorRow>,
    pub measures: Vec<MeasureRow>,
    pub reflection: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorRow {
    pub name: String,
    pub is_key: bool,
    pub unit: String,
    /// One cell per date of the goal (empty where the indicator has no value then).
    pub values: Vec<String>,
    /// Between the last two monitoring dates, signed (`+15`, `−39`); empty with fewer than two.
    pub change: String,
    pub trend: String,
    pub target: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureRow {
    pub code: String,
    pub name: String,
    pub status: String,
    pub implementer: String,
    pub activity: String,
    pub period: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflicts {
    pub open: Vec<ConflictView>,
    pub resolved: Vec<ConflictView>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictView {
    pub title: String,
    pub statements: Vec<Fact>,
    /// The value chosen as valid; empty while open.
    pub chosen: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnexA {
    pub rows: Vec<ProjectRow>,
    /// Per programme in the order first met, then the whole.
    pub totals: Vec<Fact>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectRow {
    pub area: String,
    pub measure: String,
    pub implementer: String,
    pub registration: String,
    pub budget: String,
    pub call: String,
}

/// Annex B: a specific goal as `001_…` prints it, the latest two monitoring dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnexGoal {
    pub code: String,
    pub strategic: String,
    pub target_text: String,
    pub dates: Vec<String>,
    pub indicators: Vec<IndicatorRow>,
    pub measures: Vec<MeasureRow>,
}
