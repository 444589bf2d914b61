//! Where a conflict is shown and counted (the area and strategic goal of its plan code), and
//! its title in words for the coordinator's work list.

use crate::Code;
use crate::code::Level;
use crate::format::Lang;

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
}
