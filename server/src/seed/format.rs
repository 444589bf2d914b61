//! The shape of the data files under `data/<plan>/` (see `data/README.md`).
//!
//! Texts are kept as the documents print them; `build` parses them with `shared::parse`.
//! Unknown keys are rejected so a typo in a data file fails loudly instead of losing a figure.

use serde::Deserialize;
use shared::Date;

/// Every file of one plan, parsed.
#[derive(Debug)]
pub struct PlanFiles {
    pub plan: PlanFile,
    pub areas: Vec<AreaFile>,
    pub financing: FinancingFile,
    pub implementation: ImplementationFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub plan: PlanHead,
    pub document: Vec<DocumentRec>,
    pub action_plan: Vec<ActionPlanRec>,
    pub report: ReportRec,
    #[serde(default)]
    pub headline: Vec<HeadlineRec>,
    #[serde(default)]
    pub statement: Vec<StatementRec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanHead {
    pub slug: String,
    pub city: String,
    pub name: String,
    pub period_from: i32,
    pub period_to: i32,
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRec {
    pub key: String,
    pub title: String,
    pub issued: String,
    pub kind: String,
    pub description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanRec {
    pub number: i32,
    pub name: String,
    pub period_from: i32,
    pub period_to: i32,
    pub document: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRec {
    pub document: String,
    pub status_date: TomlDate,
    pub summary_year: i32,
    pub summary_title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadlineRec {
    pub text: String,
    pub checks: Vec<HeadlineCheck>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadlineCheck {
    pub goal: String,
    pub indicator: usize,
    #[serde(default)]
    pub part: Option<usize>,
    pub value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementRec {
    pub subject: String,
    pub field: String,
    pub value: String,
    pub doc: String,
    pub locator: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaFile {
    pub area: AreaHead,
    pub target_group: Vec<TargetGroupRec>,
    pub strategic_goal: Vec<StrategicGoalRec>,
    pub specific_goal: Vec<SpecificGoalRec>,
    pub indicator: Vec<IndicatorRec>,
    pub measure: Vec<MeasureRec>,
    pub measure_report: Vec<MeasureReportRec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AreaHead {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub target_group_intro: String,
    pub target_group_outro: String,
    pub structure_note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetGroupRec {
    pub text: String,
    pub kind: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategicGoalRec {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecificGoalRec {
    pub code: String,
    pub target_text: String,
    #[serde(default)]
    pub summary_text: Option<String>,
    pub declared_measures: i32,
    #[serde(default)]
    pub report_target_text: Option<String>,
    pub expected_impact: String,
    pub target_kind: String,
    #[serde(default)]
    pub due: Option<TomlDate>,
    pub report_dates: Vec<String>,
    pub report_summary: String,
    #[serde(default)]
    pub report_footnotes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRec {
    pub goal: String,
    pub name: String,
    #[serde(default)]
    pub note: Option<String>,
    pub key: bool,
    #[serde(default)]
    pub target: Option<String>,
    pub unit: String,
    #[serde(default)]
    pub report_name: Option<String>,
    pub in_plan: bool,
    pub values: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureRec {
    pub code: String,
    #[serde(default)]
    pub code_as_written: Option<String>,
    pub name: String,
    pub description: String,
    pub target_group: String,
    pub output_indicators: Vec<String>,
    pub responsible_body: String,
    pub schedule: String,
    pub estimated_cost: String,
    pub funding: String,
    pub links: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureReportRec {
    pub goal: String,
    pub code: String,
    #[serde(default)]
    pub code_as_written: Option<String>,
    #[serde(default)]
    pub name_as_written: Option<String>,
    pub status: String,
    #[serde(default)]
    pub implementer: Option<String>,
    pub activity: String,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub footnote: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinancingFile {
    pub financing: Vec<FinancingRec>,
    pub allocation: Vec<AllocationRec>,
    pub allocation_totals: AllocationTotals,
    pub project: Vec<ProjectRec>,
    pub project_totals: ProjectTotals,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FinancingRec {
    pub measure: String,
    pub name: String,
    pub service: String,
    pub cost: String,
    pub funding: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationRec {
    pub measure: String,
    pub amount: String,
    pub programme: String,
    pub priority: String,
    pub programme_goal: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationTotals {
    pub opz: String,
    pub irop: String,
    pub total: String,
    pub footnote: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectRec {
    pub measure: String,
    pub implementer: String,
    pub registration: String,
    pub budget: String,
    pub call: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectTotals {
    pub opz: String,
    pub irop: String,
    pub kpsv: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImplementationFile {
    pub milestone: Vec<MilestoneRec>,
    pub wave: Vec<WaveRec>,
    pub risk: Vec<RiskRec>,
    pub global_indicator: Vec<GlobalIndicatorRec>,
    pub global_indicator_notes: GlobalNotes,
    pub context: Vec<ContextRec>,
    pub context_notes: ContextNotes,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneRec {
    pub period: String,
    pub text: String,
}

/// A monitoring wave the documents show: its half-year (the collection period), the date its
/// values refer to as the report prints it (none when it prints none) and where both are said.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaveRec {
    pub name: String,
    pub period: String,
    #[serde(default)]
    pub as_of: Option<String>,
    pub locator: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskRec {
    pub name: String,
    pub probability: i32,
    pub impact: i32,
    pub significance: i32,
    pub mitigation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlobalIndicatorRec {
    pub name: String,
    #[serde(default)]
    pub note: Option<String>,
    pub expected: String,
    pub values: Vec<GlobalValueRec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlobalValueRec {
    pub column: String,
    pub value: String,
    #[serde(default)]
    pub region_value: Option<String>,
    #[serde(default)]
    pub rank: Option<String>,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlobalNotes {
    pub footnotes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextRec {
    pub group: String,
    pub label: String,
    pub value: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextNotes {
    pub omitted: Vec<String>,
}

/// A TOML date (`2025-12-31`), read into a [`Date`].
#[derive(Debug, Clone, Copy)]
pub struct TomlDate(pub Date);

impl<'de> Deserialize<'de> for TomlDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let dt = toml::value::Datetime::deserialize(d)?;
        let date = dt
            .date
            .ok_or_else(|| serde::de::Error::custom("expected a date"))?;
        Date::new(i32::from(date.year), date.month, date.day)
            .map(TomlDate)
            .ok_or_else(|| serde::de::Error::custom("not a valid date"))
    }
}

impl PlanFiles {
    /// Parses a plan's files from their texts; `areas` in area order.
    pub fn parse(
        plan: &str,
        areas: &[&str],
        financing: &str,
        implementation: &str,
    ) -> Result<PlanFiles, String> {
        fn read<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, String> {
            toml::from_str(text).map_err(|e| format!("{name}: {e}"))
        }
        Ok(PlanFiles {
            plan: read("plan.toml", plan)?,
            areas: areas
                .iter()
                .enumerate()
                .map(|(i, text)| read(&format!("area-{}.toml", i + 1), text))
                .collect::<Result<_, _>>()?,
            financing: read("financing.toml", financing)?,
            implementation: read("implementation.toml", implementation)?,
        })
    }

    /// The Ostrava plan as transcribed in `data/ostrava/`, compiled into the binary.
    pub fn ostrava() -> Result<PlanFiles, String> {
        PlanFiles::parse(
            include_str!("../../../data/ostrava/plan.toml"),
            &[
                include_str!("../../../data/ostrava/area-1.toml"),
                include_str!("../../../data/ostrava/area-2.toml"),
                include_str!("../../../data/ostrava/area-3.toml"),
                include_str!("../../../data/ostrava/area-4.toml"),
                include_str!("../../../data/ostrava/area-5.toml"),
                include_str!("../../../data/ostrava/area-6.toml"),
            ],
            include_str!("../../../data/ostrava/financing.toml"),
            include_str!("../../../data/ostrava/implementation.toml"),
        )
    }
}
