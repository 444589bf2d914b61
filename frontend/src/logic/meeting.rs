//! The meeting view's logic (`/stul/oblast/2`, `/stul/cil/2.1.3`): the latest changes in a
//! scope, a goal's status counts and money from its measures, the source of an indicator's
//! latest value, and the QR code's address. Plain functions over the API's data, so every
//! figure the view shows is one the data hold.

use serde::Deserialize;
use shared::money::Total;
use shared::status::StatusKind;
use shared::{Code, Czk, Date, MeasureStatus};

use crate::model::{
    ImpactIndicator, Money, Source, SpecificGoal, StatusBrief, StatusCounts, lenient_date,
};
use crate::routes::encode_query;

/// How many changes the view lists.
pub const CHANGES_SHOWN: usize = 5;

/// A measure as the meeting view reads it: its status that counts, every status row with its
/// date (for the latest changes) and its money (a goal's view sums them).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MeetingMeasure {
    pub code: Code,
    pub name: String,
    #[serde(default)]
    pub status: Option<StatusBrief>,
    #[serde(default)]
    pub statuses: Vec<StatusRow>,
    #[serde(default)]
    pub budget: Option<Money>,
}

/// One status row a report prints for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusRow {
    #[serde(deserialize_with = "lenient_date")]
    pub date: Option<Date>,
    pub kind: StatusKind,
    #[serde(default)]
    pub reports: Option<u8>,
    #[serde(default)]
    pub reports_of: Option<u8>,
}

impl StatusRow {
    /// The row's status as the shared domain type.
    pub fn status(self) -> MeasureStatus {
        StatusBrief {
            kind: self.kind,
            reports: self.reports,
            reports_of: self.reports_of,
        }
        .status()
    }
}

/// A dated change in the scope: a published value of an impact indicator, or a measure's status.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub date: Date,
    pub what: What,
}

/// What changed.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// A value of a goal's impact indicator, as printed, with the indicator's unit.
    Value {
        goal: Code,
        indicator: String,
        text: String,
        unit: String,
    },
    /// A measure's status at the date.
    Status {
        measure: Code,
        name: String,
        status: MeasureStatus,
    },
}

impl Change {
    /// The code the live updates name the change's record by (`data-live`): the goal's for a
    /// value, the measure's for a status.
    pub fn live_code(&self) -> String {
        match &self.what {
            What::Value { goal, .. } => goal.to_string(),
            What::Status { measure, .. } => measure.to_string(),
        }
    }
}

/// The `shown` latest changes among the goals' indicator values and the measures' status rows,
/// newest first. Undated rows are left out; a measure's several rows at one date (one per
/// implementer) are one change, the first row (the one that counts). Equal dates list values
/// before statuses, each in code order, so the list is the same on every render.
pub fn latest_changes(
    goals: &[&SpecificGoal],
    measures: &[&MeetingMeasure],
    shown: usize,
) -> Vec<Change> {
    let mut changes: Vec<Change> = Vec::new();
    for goal in goals {
        for indicator in &goal.impact_indicators {
            for value in &indicator.values {
                let Some(date) = value.date else { continue };
                if value.text.trim().is_empty() {
                    continue;
                }
                changes.push(Change {
                    date,
                    what: What::Value {
                        goal: goal.code.clone(),
                        indicator: indicator.name.clone(),
                        text: value.text.clone(),
                        unit: indicator.unit.clone(),
                    },
                });
            }
        }
    }
    for measure in measures {
        let mut dates: Vec<Date> = Vec::new();
        for row in &measure.statuses {
            let Some(date) = row.date else { continue };
            if dates.contains(&date) {
                continue;
            }
            dates.push(date);
            changes.push(Change {
                date,
                what: What::Status {
                    measure: measure.code.clone(),
                    name: measure.name.clone(),
                    status: row.status(),
                },
            });
        }
    }
    changes.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| rank(&a.what).cmp(&rank(&b.what)))
            .then_with(|| order_key(&a.what).cmp(&order_key(&b.what)))
    });
    changes.truncate(shown);
    changes
}

fn rank(what: &What) -> u8 {
    match what {
        What::Value { .. } => 0,
        What::Status { .. } => 1,
    }
}

fn order_key(what: &What) -> (Vec<u16>, &str) {
    match what {
        What::Value {
            goal, indicator, ..
        } => (code_parts(goal), indicator.as_str()),
        What::Status { measure, .. } => (code_parts(measure), ""),
    }
}

/// A code's numbers, so `2.1.10` sorts after `2.1.9`.
fn code_parts(code: &Code) -> Vec<u16> {
    code.to_string()
        .split('.')
        .map(|p| p.parse().unwrap_or(u16::MAX))
        .collect()
}

/// The measures counted by the status that counts (none reported: `unknown`).
pub fn status_counts(measures: &[MeetingMeasure]) -> StatusCounts {
    let mut counts = StatusCounts::default();
    for measure in measures {
        match measure.status.map(|s| s.kind) {
            Some(StatusKind::NotImplemented) => counts.not_implemented += 1,
            Some(StatusKind::InProgress) => counts.in_progress += 1,
            Some(StatusKind::Completed) => counts.completed += 1,
            None => counts.unknown += 1,
        }
    }
    counts
}

/// Money planned and drawn summed over the measures, when any measure gives an amount; `None`
/// when none does (or the sum would overflow, which is no figure).
pub fn money_of(measures: &[MeetingMeasure]) -> Option<(Czk, Czk)> {
    let budgets: Vec<Money> = measures.iter().filter_map(|m| m.budget).collect();
    if budgets
        .iter()
        .all(|b| b.planned.0 == Czk::ZERO && b.drawn.0 == Czk::ZERO)
    {
        return None;
    }
    let planned = Total::of(budgets.iter().map(|b| b.planned.0)).get().ok()?;
    let drawn = Total::of(budgets.iter().map(|b| b.drawn.0)).get().ok()?;
    Some((planned, drawn))
}

/// The source of the value an indicator's progress counts (its latest, at the progress's
/// date).
pub fn latest_source(indicator: &ImpactIndicator) -> Option<&Source> {
    let date = indicator.progress?.date;
    indicator
        .values
        .iter()
        .rev()
        .find(|v| v.date == Some(date) && v.value.is_some())
        .and_then(|v| v.source.as_ref())
}

/// The address of the QR code of the page at `path` (`/qr.svg?cesta=%2Fstul%2Fcil%2F2.1.3`).
pub fn qr_src(path: &str) -> String {
    format!("/qr.svg?cesta={}", encode_query(path))
}

/// The address printed under the QR code: the site's address and the page's path.
pub fn printed_address(site: &str, path: &str) -> String {
    format!("{}{path}", site.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goal(json: &str) -> SpecificGoal {
        serde_json::from_str(json).expect("goal")
    }

    fn measure(json: &str) -> MeetingMeasure {
        serde_json::from_str(json).expect("measure")
    }

    fn date(s: &str) -> Date {
        s.parse().expect("date")
    }

    const GOAL: &str = r#"{"code":"2.1.3","targetText":"t","targetKind":"COUNT_BY","progress":null,
        "impactIndicators":[
          {"name":"Počet bytů","isKey":true,"unit":"byty","target":40,"values":[
             {"date":"2024-02-29","label":"a","value":12,"text":"12",
              "source":{"document":{"title":"Zpráva 2024"},"locator":"příloha B"}},
             {"date":"2025-02-28","label":"b","value":20,"text":"20",
              "source":{"document":{"title":"Zpráva 2025"},"locator":"příloha B"}},
             {"date":null,"label":"po 2024","value":null,"text":"n. a."}],
           "progress":{"latest":20,"date":"2025-02-28","target":40,"ratio":0.5}}]}"#;

    #[test]
    fn the_latest_changes_come_newest_first_from_values_and_statuses() {
        let g = goal(GOAL);
        let m = measure(
            r#"{"code":"2.1.3.10","name":"Bydlení","statuses":[
                {"date":"2025-02-28","kind":"IN_PROGRESS","reports":4,"reportsOf":6},
                {"date":"2025-02-28","kind":"COMPLETED"},
                {"date":"2023-12-31","kind":"NOT_IMPLEMENTED"}]}"#,
        );
        let n = measure(
            r#"{"code":"2.1.3.9","name":"Jiné","statuses":[
                {"date":"2025-03-31","kind":"COMPLETED"}]}"#,
        );
        let changes = latest_changes(&[&g], &[&m, &n], 10);
        let seen: Vec<(Date, String)> = changes.iter().map(|c| (c.date, c.live_code())).collect();
        assert_eq!(
            seen,
            vec![
                (date("2025-03-31"), "2.1.3.9".to_owned()),
                (date("2025-02-28"), "2.1.3".to_owned()),
                (date("2025-02-28"), "2.1.3.10".to_owned()),
                (date("2024-02-29"), "2.1.3".to_owned()),
                (date("2023-12-31"), "2.1.3.10".to_owned()),
            ],
            "the undated value is left out, one status per measure and date"
        );
        assert_eq!(
            changes[2].what,
            What::Status {
                measure: "2.1.3.10".parse().unwrap(),
                name: "Bydlení".to_owned(),
                status: MeasureStatus::InProgress {
                    reports: Some(4),
                    of: Some(6)
                },
            },
            "the first row at a date is the one that counts"
        );
        assert_eq!(latest_changes(&[&g], &[&m, &n], 2).len(), 2);
        assert!(latest_changes(&[], &[], 5).is_empty());
    }

    #[test]
    fn codes_sort_by_their_numbers() {
        let a = measure(
            r#"{"code":"2.1.3.10","name":"a","statuses":[{"date":"2025-01-01","kind":"COMPLETED"}]}"#,
        );
        let b = measure(
            r#"{"code":"2.1.3.9","name":"b","statuses":[{"date":"2025-01-01","kind":"COMPLETED"}]}"#,
        );
        let changes = latest_changes(&[], &[&a, &b], 5);
        assert_eq!(changes[0].live_code(), "2.1.3.9");
        assert_eq!(changes[1].live_code(), "2.1.3.10");
    }

    #[test]
    fn a_goals_measures_are_counted_by_the_status_that_counts() {
        let measures = [
            measure(r#"{"code":"2.1.3.1","name":"a","status":{"kind":"COMPLETED"}}"#),
            measure(r#"{"code":"2.1.3.2","name":"b","status":{"kind":"IN_PROGRESS"}}"#),
            measure(r#"{"code":"2.1.3.3","name":"c","status":{"kind":"IN_PROGRESS"}}"#),
            measure(r#"{"code":"2.1.3.4","name":"d","status":null}"#),
        ];
        assert_eq!(
            status_counts(&measures),
            StatusCounts {
                not_implemented: 0,
                in_progress: 2,
                completed: 1,
                unknown: 1
            }
        );
    }

    #[test]
    fn money_is_summed_only_when_the_data_have_it() {
        let with = |planned: &str, drawn: &str| {
            measure(&format!(
                r#"{{"code":"2.1.3.1","name":"a","budget":{{"planned":{{"hellers":"{planned}"}},"drawn":{{"hellers":"{drawn}"}}}}}}"#
            ))
        };
        assert_eq!(
            money_of(&[with("100", "0"), with("250", "50")]),
            Some((Czk::from_hellers(350), Czk::from_hellers(50)))
        );
        assert_eq!(money_of(&[with("0", "0")]), None);
        assert_eq!(
            money_of(&[measure(r#"{"code":"2.1.3.1","name":"a"}"#)]),
            None
        );
        let huge = i64::MAX.to_string();
        assert_eq!(money_of(&[with(&huge, "0"), with(&huge, "0")]), None);
    }

    #[test]
    fn the_latest_values_source_is_the_one_at_the_progress_date() {
        let g = goal(GOAL);
        let source = latest_source(&g.impact_indicators[0]).expect("source");
        assert_eq!(source.document.as_ref().unwrap().title, "Zpráva 2025");
        let mut without = g.impact_indicators[0].clone();
        without.progress = None;
        assert!(latest_source(&without).is_none());
    }

    #[test]
    fn the_qr_code_names_the_page_and_the_address_is_absolute() {
        assert_eq!(
            qr_src("/stul/cil/2.1.3"),
            "/qr.svg?cesta=%2Fstul%2Fcil%2F2.1.3"
        );
        assert_eq!(
            printed_address("https://psz.example.org/", "/stul/oblast/2"),
            "https://psz.example.org/stul/oblast/2"
        );
    }
}
