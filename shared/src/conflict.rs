//! Finding figures on which the sources disagree.
//!
//! Every sourced figure is a statement: a subject (`measure:1.1.1.1`), a field
//! (`estimated_cost`), the value as printed and a comparison key (the parsed value, normalised,
//! so "Viz opatření 1.1.1.1" and "Viz 1.1.1.1" agree). A conflict is a subject and field whose
//! statements carry more than one key. Nothing is picked: every value stays with its source.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Code;
use crate::code::Level;
use crate::format::Lang;

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

/// Where the figure a conflict is about is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A measure, specific goal or impact indicator: the page of its plan code (an indicator's
    /// is its goal's).
    Code(Code),
    /// The plan's money: project and allocation tables.
    Budget,
    /// The global indicators.
    Indicators,
    /// The Action Plan's risks.
    Risks,
    /// The plan as a whole (numbering of its documents, counts of measures).
    Plan,
}

/// Where the subject of a conflict is shown: the conflict counts toward the area of a plan
/// code (see [`Place::area`]), plan-wide subjects toward none.
pub fn place(subject_type: &str, subject_code: &str) -> Place {
    let code = subject_code.split('#').next().unwrap_or_default();
    match subject_type {
        "measure" | "specific_goal" | "indicator" => {
            code.parse::<Code>().map(Place::Code).unwrap_or(Place::Plan)
        }
        "project_table" | "allocation_table" => Place::Budget,
        "global_indicator" => Place::Indicators,
        "risk" => Place::Risks,
        _ => Place::Plan,
    }
}

impl Place {
    /// The area a conflict about this place counts toward.
    pub fn area(&self) -> Option<Code> {
        match self {
            Place::Code(code) => Some(code.area()),
            _ => None,
        }
    }
}

/// The groups of the plan tree a conflict counts toward in the roll-ups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountsToward {
    /// The area of the conflict's plan code.
    pub area: Option<Code>,
    /// The strategic goal of the conflict's plan code (`2.1` for `2.1.3.4`); none for an area's
    /// own code.
    pub strategic_goal: Option<Code>,
}

/// Which area and strategic goal a conflict about a subject counts toward: those of the plan
/// code it is about ([`place`]; an indicator's is its goal's), neither for plan-wide subjects.
pub fn counts_toward(subject_type: &str, subject_code: &str) -> CountsToward {
    let Place::Code(code) = place(subject_type, subject_code) else {
        return CountsToward::default();
    };
    CountsToward {
        area: Some(code.area()),
        strategic_goal: std::iter::successors(Some(code), Code::parent)
            .find(|c| c.level() == Level::StrategicGoal),
    }
}

/// The names of the sources' documents, by key, as a title names them.
fn document_name(key: &str, lang: Lang) -> String {
    match (key, lang) {
        ("ap1", Lang::Cs) => "Akční plán I.".to_owned(),
        ("ap1", Lang::En) => "Action Plan I".to_owned(),
        ("zprava", Lang::Cs) => "Zpráva o naplňování".to_owned(),
        ("zprava", Lang::En) => "Implementation report".to_owned(),
        (other, Lang::Cs) => format!("Dokument {other}"),
        (other, Lang::En) => format!("Document {other}"),
    }
}

/// What a conflict is about, in words: "Opatření 1.1.1.1", "Indikátor dopadu 2 specifického
/// cíle 1.1.1", "Příloha A (čerpání z výzev KPSV+)".
pub fn subject_label(subject_type: &str, code: &str, lang: Lang) -> String {
    let cs = lang == Lang::Cs;
    match subject_type {
        "measure" if cs => format!("Opatření {code}"),
        "measure" => format!("Measure {code}"),
        "specific_goal" if cs => format!("Specifický cíl {code}"),
        "specific_goal" => format!("Specific goal {code}"),
        "indicator" => {
            let (goal, pos) = code.split_once('#').unwrap_or((code, ""));
            if cs {
                format!("Indikátor dopadu {pos} specifického cíle {goal}")
            } else {
                format!("Impact indicator {pos} of specific goal {goal}")
            }
        }
        "action_plan" if cs => format!("Akční plán {code}"),
        "action_plan" => format!("Action Plan {code}"),
        "document" => document_name(code, lang),
        "global_indicator" if cs => format!("Globální indikátor {code}"),
        "global_indicator" => format!("Global indicator {code}"),
        "risk" if cs => format!("Riziko {code}"),
        "risk" => format!("Risk {code}"),
        "project_table" if cs => "Příloha A (čerpání z výzev KPSV+)".to_owned(),
        "project_table" => "Annex A (drawing from KPSV+ calls)".to_owned(),
        "allocation_table" if cs => "Tabulka 6 (alokace KPSV+)".to_owned(),
        "allocation_table" => "Table 6 (KPSV+ allocations)".to_owned(),
        other => format!("{other} {code}"),
    }
}

/// The field a conflict is about, in words: "předpokládané náklady", "hodnota k 2024".
pub fn field_label(field: &str, lang: Lang) -> String {
    let cs = lang == Lang::Cs;
    let pick = |c: &str, e: &str| if cs { c.to_owned() } else { e.to_owned() };
    match field {
        "code" => pick("číslo", "number"),
        "name" => pick("název", "name"),
        "target_text" => pick("znění cíle", "wording of the target"),
        "estimated_cost" => pick("předpokládané náklady", "estimated cost"),
        "funding" => pick("zdroje financování", "funding sources"),
        "status" => pick("stav realizace", "implementation status"),
        "implementer" => pick("realizátor", "implementer"),
        "measure_count" => pick("počet opatření", "number of measures"),
        "indicator_name" => pick("název indikátoru", "indicator name"),
        "significance" => pick("významnost", "significance"),
        "total" => pick("celkem", "total"),
        "report_row" => pick("řádek v příloze B zprávy", "row in the report's annex B"),
        "report_value" => pick("hodnota ve zprávě", "value in the report"),
        "report_row_number" => pick(
            "řádek zprávy s číslem jiného opatření",
            "report row numbered as another measure",
        ),
        "report_row_name" => pick(
            "řádek zprávy s názvem jiného opatření",
            "report row named as another measure",
        ),
        "plan_indicator" => pick("indikátor v akčním plánu", "indicator in the Action Plan"),
        f if f.starts_with("total:") => format!("{} {}", pick("celkem", "total"), &f[6..]),
        f if f.starts_with("value:") => format!("{} {}", pick("hodnota k", "value for"), &f[6..]),
        f if f.starts_with("table_number:") => {
            format!(
                "{} „{}“",
                pick("číslo tabulky", "number of the table"),
                &f[13..]
            )
        }
        other => other.to_owned(),
    }
}

/// A conflict's title in words: its subject and field ("Opatření 1.1.1.1: předpokládané
/// náklady", "Akční plán I.: číslo tabulky „Analýza rizik“").
pub fn title(subject_type: &str, code: &str, field: &str, lang: Lang) -> String {
    format!(
        "{}: {}",
        subject_label(subject_type, code, lang),
        field_label(field, lang)
    )
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

    #[test]
    fn a_conflict_counts_toward_the_area_of_its_code() {
        assert_eq!(place("measure", "2.1.3.4").area(), "2".parse().ok());
        assert_eq!(place("indicator", "6.2.1#3").area(), "6".parse().ok());
        assert_eq!(place("specific_goal", "1.2.1").area(), "1".parse().ok());
        assert_eq!(place("action_plan", "1"), Place::Plan);
        assert_eq!(place("document", "ap1").area(), None);
        assert_eq!(place("project_table", "zprava"), Place::Budget);
        assert_eq!(place("global_indicator", "1"), Place::Indicators);
        assert_eq!(place("measure", "not a code"), Place::Plan);
    }

    #[test]
    fn a_conflict_counts_toward_the_area_and_strategic_goal_of_its_code() {
        let toward = |area: &str, sg: Option<&str>| CountsToward {
            area: area.parse().ok(),
            strategic_goal: sg.and_then(|c| c.parse().ok()),
        };
        assert_eq!(
            counts_toward("measure", "2.1.3.4"),
            toward("2", Some("2.1"))
        );
        assert_eq!(
            counts_toward("specific_goal", "1.2.1"),
            toward("1", Some("1.2"))
        );
        assert_eq!(
            counts_toward("indicator", "6.2.1#3"),
            toward("6", Some("6.2"))
        );
        assert_eq!(
            counts_toward("measure", "3.10.1.2"),
            toward("3", Some("3.10"))
        );
        assert_eq!(
            counts_toward("specific_goal", "4.1"),
            toward("4", Some("4.1"))
        );
        assert_eq!(counts_toward("measure", "5"), toward("5", None));
        for (subject_type, code) in [
            ("action_plan", "1"),
            ("document", "ap1"),
            ("project_table", "zprava"),
            ("allocation_table", "ap1"),
            ("global_indicator", "1"),
            ("risk", "2"),
            ("measure", "not a code"),
        ] {
            assert_eq!(
                counts_toward(subject_type, code),
                CountsToward::default(),
                "{subject_type}:{code}"
            );
        }
    }

    #[test]
    fn titles_name_the_subject_and_field_in_words() {
        assert_eq!(
            title("measure", "1.1.1.1", "estimated_cost", Lang::Cs),
            "Opatření 1.1.1.1: předpokládané náklady"
        );
        assert_eq!(
            title("document", "ap1", "table_number:Analýza rizik", Lang::Cs),
            "Akční plán I.: číslo tabulky „Analýza rizik“"
        );
        assert_eq!(
            title("indicator", "1.1.1#2", "indicator_name", Lang::En),
            "Impact indicator 2 of specific goal 1.1.1: indicator name"
        );
        assert_eq!(
            title("global_indicator", "1", "value:2024", Lang::Cs),
            "Globální indikátor 1: hodnota k 2024"
        );
    }

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
