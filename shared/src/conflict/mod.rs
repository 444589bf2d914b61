//! Finding figures on which the sources disagree.
//!
//! Every sourced figure is a statement: a subject (`measure:1.1.1.1`), a field
//! (`estimated_cost`), the value as printed and a comparison key (the parsed value, normalised,
//! so "Viz opatření 1.1.1.1" and "Viz 1.1.1.1" agree). A conflict is a subject and field whose
//! statements carry more than one key. Nothing is picked: every value stays with its source.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod gap;
mod place;

pub use gap::*;
pub use place::*;

/// How much a disagreement matters to someone reading the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    /// Numbers differ: costs, counts, targets, totals.
    Figure,
    /// The same thing is numbered differently.
    Identity,
    /// Only wording differs.
    Text,
    /// One source has what the other lacks: a measure without its report row, an indicator
    /// without a value in the report, or one only the report has.
    Gap,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Figure => "FIGURE",
            Severity::Identity => "IDENTITY",
            Severity::Text => "TEXT",
            Severity::Gap => "GAP",
        }
    }

    pub fn from_db(s: &str) -> Option<Severity> {
        [
            Severity::Figure,
            Severity::Identity,
            Severity::Text,
            Severity::Gap,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// One sourced value of one field of one subject.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement<'a> {
    pub id: i64,
    pub subject_type: &'a str,
    pub subject_code: &'a str,
    pub field: &'a str,
    pub value_key: &'a str,
    pub value_text: &'a str,
}

/// A subject and field whose statements disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub subject_type: String,
    pub subject_code: String,
    pub field: String,
    pub severity: Severity,
    /// The disagreeing statements, in the order given.
    pub statement_ids: Vec<i64>,
}

/// The comparison key of a text: whitespace collapsed, dashes unified, trailing full stop and
/// comma dropped. Case and diacritics are kept: they are part of what a document says.
pub fn text_key(text: &str) -> String {
    let unified: String = text
        .chars()
        .map(|c| match c {
            '–' | '—' | '‐' | '‑' => '-',
            '\u{a0}' | '\u{202f}' => ' ',
            other => other,
        })
        .collect();
    let collapsed = unified.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed.trim_end_matches(['.', ',']).to_owned()
}

/// The numbers that occur in a text, in order: "Do roku 2025 … 120 osob" → ["2025", "120"].
pub fn numbers_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Finds every subject and field with more than one distinct value key.
///
/// Severity: `code` fields are [`Severity::Identity`]; wording fields (`name`, `target_text`,
/// `indicator_name`, `implementer`) are [`Severity::Text`] unless the numbers in the texts
/// differ, then [`Severity::Figure`]; everything else is a figure.
pub fn detect(statements: &[Statement<'_>]) -> Vec<Conflict> {
    let mut groups: BTreeMap<(&str, &str, &str), Vec<&Statement<'_>>> = BTreeMap::new();
    for s in statements {
        groups
            .entry((s.subject_type, s.subject_code, s.field))
            .or_default()
            .push(s);
    }
    groups
        .into_iter()
        .filter_map(|((subject_type, subject_code, field), group)| {
            let first = group[0].value_key;
            if group.iter().all(|s| s.value_key == first) {
                return None;
            }
            let severity = match field {
                "code" => Severity::Identity,
                "name" | "target_text" | "indicator_name" | "implementer" => {
                    let numbers = numbers_in(group[0].value_text);
                    if group.iter().all(|s| numbers_in(s.value_text) == numbers) {
                        Severity::Text
                    } else {
                        Severity::Figure
                    }
                }
                _ => Severity::Figure,
            };
            Some(Conflict {
                subject_type: subject_type.to_owned(),
                subject_code: subject_code.to_owned(),
                field: field.to_owned(),
                severity,
                statement_ids: group.iter().map(|s| s.id).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st<'a>(
        id: i64,
        code: &'a str,
        field: &'a str,
        key: &'a str,
        text: &'a str,
    ) -> Statement<'a> {
        Statement {
            id,
            subject_type: "measure",
            subject_code: code,
            field,
            value_key: key,
            value_text: text,
        }
    }

    #[test]
    fn finds_disagreeing_costs_and_keeps_every_source() {
        let statements = [
            st(1, "1.1.1.1", "estimated_cost", "2500000000", "25 mil. Kč"),
            st(
                2,
                "1.1.1.1",
                "estimated_cost",
                "1500000000",
                "15 mil. Kč (3 roky)",
            ),
            st(3, "2.1.3.4", "estimated_cost", "1200000000", "12 mil. Kč"),
            st(
                4,
                "2.1.3.4",
                "estimated_cost",
                "1200000000",
                "12 mil. Kč (3 roky)",
            ),
        ];
        let conflicts = detect(&statements);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].subject_code, "1.1.1.1");
        assert_eq!(conflicts[0].severity, Severity::Figure);
        assert_eq!(conflicts[0].statement_ids, [1, 2]);
    }

    #[test]
    fn grades_wording_codes_and_numbers_in_text() {
        let statements = [
            st(1, "2.1.2.1", "code", "2.1.2.1", "2.1.2.1"),
            st(2, "2.1.2.1", "code", "3.2.1.1", "3.2.1.1"),
            st(
                3,
                "1.2.1.1",
                "name",
                "Posílení prevence ztráty bydlení",
                "Posílení prevence ztráty bydlení",
            ),
            st(
                4,
                "1.2.1.1",
                "name",
                "Prevence ztráty bydlení",
                "Prevence ztráty bydlení",
            ),
            st(
                5,
                "6.2.3",
                "target_text",
                "a 120 osob",
                "Do roku 2025 dojde u 120 osob",
            ),
            st(
                6,
                "6.2.3",
                "target_text",
                "b 220 osob",
                "Do roku 2025 si 220 osob zvýší",
            ),
        ];
        let severities: Vec<(String, Severity)> = detect(&statements)
            .into_iter()
            .map(|c| (c.subject_code, c.severity))
            .collect();
        assert!(severities.contains(&("2.1.2.1".into(), Severity::Identity)));
        assert!(severities.contains(&("1.2.1.1".into(), Severity::Text)));
        assert!(severities.contains(&("6.2.3".into(), Severity::Figure)));
    }

    #[test]
    fn normalises_text_keys() {
        assert_eq!(
            text_key("Do roku 2025  bude\u{a0}vyčleněno."),
            "Do roku 2025 bude vyčleněno"
        );
        assert_eq!(text_key("03/2023—02/2026"), text_key("03/2023–02/2026"));
        assert_ne!(text_key("Recovery House"), text_key("Recovery house"));
        assert_eq!(numbers_in("Do roku 2025 u 120 osob"), ["2025", "120"]);
    }
}
