//! What one source has and the other lacks: measures without a report row, indicators without
//! a reported value or only in the report, and report rows that may belong to another measure.

use std::collections::BTreeMap;

use crate::Code;

use super::text_key;

/// One sourced value, as [`gaps`] reads it: which document states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<'a> {
    pub id: i64,
    pub subject_type: &'a str,
    pub subject_code: &'a str,
    pub field: &'a str,
    /// The key of the stating document.
    pub document: &'a str,
    /// The value as the document prints it.
    pub text: &'a str,
}

/// A subject one source has and the other lacks, with the statement that names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    pub subject_type: String,
    pub subject_code: String,
    /// What is missing: `report_row` (a measure the plan describes has no row in the report),
    /// `report_value` (an impact indicator of the plan the report gives no value for),
    /// `plan_indicator` (an indicator only the report has), `report_row_number` and
    /// `report_row_name` (a report row printed with the number or the name of another measure
    /// of the plan: it may belong to that one).
    pub field: &'static str,
    pub statement_id: i64,
    /// The other measure a report row may belong to.
    pub counterpart: Option<String>,
}

/// The missing counterparts between the plan (`plan`, the Action Plan's key) and its report
/// (`report`): measures the plan describes that have no row in the report, impact indicators
/// of the plan that the report never gives a value for, and indicators only the report has.
/// Each names the statement of the side that has it (a measure's or indicator's name).
pub fn gaps(statements: &[Sourced<'_>], plan: &str, report: &str) -> Vec<Gap> {
    let mut named: BTreeMap<(&str, &str, &str), i64> = BTreeMap::new();
    let mut in_report: BTreeMap<(&str, &str), bool> = BTreeMap::new();
    let mut valued: BTreeMap<&str, bool> = BTreeMap::new();
    for s in statements {
        let naming = matches!(s.field, "name" | "indicator_name");
        if naming {
            named
                .entry((s.subject_type, s.subject_code, s.document))
                .or_insert(s.id);
        }
        if s.document == report {
            in_report.insert((s.subject_type, s.subject_code), true);
            if s.subject_type == "indicator" && s.field.starts_with("value:") {
                valued.insert(s.subject_code, true);
            }
        }
    }
    let mut out = Vec::new();
    for (&(subject_type, code, document), &id) in &named {
        let gap = |field| Gap {
            subject_type: subject_type.to_owned(),
            subject_code: code.to_owned(),
            field,
            statement_id: id,
            counterpart: None,
        };
        match (subject_type, document == plan, document == report) {
            ("measure", true, _) if !in_report.contains_key(&(subject_type, code)) => {
                out.push(gap("report_row"));
            }
            ("indicator", true, _) if !valued.contains_key(code) => out.push(gap("report_value")),
            ("indicator", _, true) if !named.contains_key(&(subject_type, code, plan)) => {
                out.push(gap("plan_indicator"));
            }
            _ => {}
        }
    }
    out
}

/// Report rows that may belong to another measure: a row of measure X printed with the number
/// of another measure Y of the plan, or with Y's name (where the plan names X otherwise). Each
/// names the report's statement (its number or name) and Y.
pub fn misplaced_rows(statements: &[Sourced<'_>], plan: &str, report: &str) -> Vec<Gap> {
    let measures = || statements.iter().filter(|s| s.subject_type == "measure");
    let plan_names: Vec<(&str, String)> = measures()
        .filter(|s| s.document == plan && s.field == "name")
        .map(|s| (s.subject_code, text_key(s.text)))
        .collect();
    let named = |code: &str| plan_names.iter().any(|(c, _)| *c == code);
    let mut out: Vec<Gap> = Vec::new();
    for s in measures().filter(|s| s.document == report) {
        let other = match s.field {
            "code" => s
                .text
                .parse::<Code>()
                .ok()
                .map(|c| c.to_string())
                .filter(|c| c != s.subject_code && named(c)),
            "name" => {
                let key = text_key(s.text);
                let own = plan_names.iter().find(|(c, _)| *c == s.subject_code);
                plan_names
                    .iter()
                    .find(|(c, k)| *c != s.subject_code && *k == key)
                    .filter(|_| own.is_some_and(|(_, k)| *k != key))
                    .map(|(c, _)| (*c).to_owned())
            }
            _ => None,
        };
        let Some(other) = other else { continue };
        let field = if s.field == "code" {
            "report_row_number"
        } else {
            "report_row_name"
        };
        if !out
            .iter()
            .any(|g| g.subject_code == s.subject_code && g.field == field)
        {
            out.push(Gap {
                subject_type: "measure".to_owned(),
                subject_code: s.subject_code.to_owned(),
                field,
                statement_id: s.id,
                counterpart: Some(other),
            });
        }
    }
    out
}

/// The field of the statements a conflict about `field` weighs: a gap's are the statements
/// naming its subject (`name`, `indicator_name`), every other conflict's its own field.
pub fn statement_field(field: &str) -> &str {
    match field {
        "report_row" | "report_row_name" => "name",
        "report_row_number" => "code",
        "report_value" | "plan_indicator" => "indicator_name",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_counterparts_one_source_lacks() {
        let st = |id, subject_type, subject_code, field, document| Sourced {
            id,
            subject_type,
            subject_code,
            field,
            document,
            text: "",
        };
        let statements = [
            // A measure both sources name, and one only the plan describes.
            st(1, "measure", "1.1.1.1", "name", "ap1"),
            st(2, "measure", "1.1.1.1", "status", "zprava"),
            st(3, "measure", "2.1.3.5", "name", "ap1"),
            // An indicator with a value in the report, one without, one only the report has.
            st(4, "indicator", "1.1.1#1", "indicator_name", "ap1"),
            st(5, "indicator", "1.1.1#1", "value:2024-04-30", "zprava"),
            st(6, "indicator", "2.1.3#2", "indicator_name", "ap1"),
            st(7, "indicator", "2.1.3#4", "indicator_name", "zprava"),
            st(8, "indicator", "2.1.3#4", "value:2024-04-30", "zprava"),
        ];
        let found = gaps(&statements, "ap1", "zprava");
        let found: Vec<(&str, &str, i64)> = found
            .iter()
            .map(|g| (g.subject_code.as_str(), g.field, g.statement_id))
            .collect();
        assert_eq!(
            found,
            vec![
                ("2.1.3#2", "report_value", 6),
                ("2.1.3#4", "plan_indicator", 7),
                ("2.1.3.5", "report_row", 3),
            ]
        );
    }

    #[test]
    fn a_report_row_with_another_measures_number_or_name_may_belong_to_it() {
        let st = |id, code, field, document, text| Sourced {
            id,
            subject_type: "measure",
            subject_code: code,
            field,
            document,
            text,
        };
        let statements = [
            st(1, "2.1.2.1", "name", "ap1", "Domovník-preventista"),
            st(2, "3.2.1.1", "name", "ap1", "Práce s dluhy"),
            st(3, "5.2.1.1", "name", "ap1", "Organizace kulatých stolů"),
            st(4, "5.2.2.1", "name", "ap1", "Redakční činnost"),
            // The report prints 2.1.2.1's row as 3.2.1.1 …
            st(5, "2.1.2.1", "code", "zprava", "3.2.1.1"),
            // … 5.2.2.1's with 5.2.1.1's name (its own row, too, may repeat it) …
            st(
                6,
                "5.2.2.1",
                "name",
                "zprava",
                "Organizace  kulatých stolů.",
            ),
            st(7, "5.2.2.1", "name", "zprava", "Organizace kulatých stolů"),
            st(8, "5.2.1.1", "name", "zprava", "Organizace kulatých stolů"),
            // … and a number with a trailing dot, an unknown number, another wording: no finding.
            st(9, "3.2.1.1", "code", "zprava", "3.2.1.1."),
            st(10, "2.1.2.1", "code", "ap1", "9.9.9.9"),
            st(11, "4.1.1.1", "code", "zprava", "9.9.9.9"),
            st(12, "3.2.1.1", "name", "zprava", "Práce s dluhy v rodinách"),
        ];
        let found: Vec<(String, &str, i64, Option<String>)> =
            misplaced_rows(&statements, "ap1", "zprava")
                .into_iter()
                .map(|g| (g.subject_code, g.field, g.statement_id, g.counterpart))
                .collect();
        let expect = |code: &str, field, id, other: &str| {
            (code.to_owned(), field, id, Some(other.to_owned()))
        };
        assert_eq!(
            found,
            vec![
                expect("2.1.2.1", "report_row_number", 5, "3.2.1.1"),
                expect("5.2.2.1", "report_row_name", 6, "5.2.1.1"),
            ]
        );
        assert_eq!(statement_field("report_row_number"), "code");
        assert_eq!(statement_field("report_row_name"), "name");
    }
}
