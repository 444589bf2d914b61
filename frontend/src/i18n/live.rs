//! What the live line says when a page updated in place: `Aktualizováno ve 14:05: nová hodnota
//! indikátoru cíle 2.1.3.` / `Updated at 14:05: a new value of an indicator of goal 2.1.3.`

use shared::format::{self, Lang};

use crate::logic::live::{ChangeKind, Item, LISTED, Said, Summary};

/// The live line's sentence.
pub fn live_sentence(said: &Said, lang: Lang) -> String {
    let when = updated_at(said.hour, said.minute, lang);
    let what = match &said.summary {
        Summary::Unknown => return format!("{when}."),
        Summary::Items(items) => {
            let named: Vec<String> = items.iter().take(LISTED).map(|i| item(i, lang)).collect();
            join(&named, lang)
        }
        Summary::Many { kind, count } => many(*kind, *count, lang),
        Summary::Mixed { count } => match lang {
            Lang::Cs => format!(
                "{count} {}",
                format::plural_cs(*count as u64, "změna", "změny", "změn")
            ),
            Lang::En => format!("{count} changes"),
        },
    };
    format!("{when}: {what}.")
}

/// `Aktualizováno ve 14:05` / `Updated at 14:05`: Czech says "ve" before the hours whose names
/// begin with two consonants (dvě, tři, čtyři, dvanáct, třináct, čtrnáct, dvacet…).
fn updated_at(hour: u8, minute: u8, lang: Lang) -> String {
    match lang {
        Lang::Cs => {
            let preposition = if matches!(hour, 2..=4 | 12..=14 | 20..=23) {
                "ve"
            } else {
                "v"
            };
            format!("Aktualizováno {preposition} {hour}:{minute:02}")
        }
        Lang::En => format!("Updated at {hour}:{minute:02}"),
    }
}

/// `A`, `A a B`, `A, B a C` / `A and B`, `A, B and C`.
fn join(parts: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::Cs => " a ",
        Lang::En => " and ",
    };
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
    }
}

/// One change in words: with its code where the pages show it under one.
fn item(item: &Item, lang: Lang) -> String {
    // (Czech before a code, Czech alone, English before a code, English alone); no text before
    // a code: said without it (a conflict's id means nothing to a reader).
    let (cs_coded, cs, en_coded, en) = match item.kind {
        ChangeKind::IndicatorValue => (
            Some("nová hodnota indikátoru cíle"),
            "nová hodnota indikátoru",
            Some("a new value of an indicator of goal"),
            "a new value of an indicator",
        ),
        ChangeKind::Goal => (
            Some("změna cíle"),
            "změna cíle",
            Some("a change to goal"),
            "a change to a goal",
        ),
        ChangeKind::Summary => (
            Some("nové shrnutí cíle"),
            "nové shrnutí cíle",
            Some("a new summary of goal"),
            "a new summary of a goal",
        ),
        ChangeKind::Measure => (
            Some("změna opatření"),
            "změna opatření",
            Some("a change to measure"),
            "a change to a measure",
        ),
        ChangeKind::Status => (
            Some("nový stav opatření"),
            "nový stav opatření",
            Some("a new status of measure"),
            "a new status of a measure",
        ),
        ChangeKind::Project => (
            Some("změna projektu opatření"),
            "změna projektu",
            Some("a change to a project of measure"),
            "a change to a project",
        ),
        ChangeKind::Risk => (
            Some("změna rizika"),
            "změna rizika",
            Some("a change to risk"),
            "a change to a risk",
        ),
        ChangeKind::Milestone => (
            Some("změna milníku"),
            "změna milníku",
            Some("a change to milestone"),
            "a change to a milestone",
        ),
        ChangeKind::Conflict => (
            None,
            "změna rozporu mezi zdroji",
            None,
            "a change to a conflict between sources",
        ),
        ChangeKind::GlobalIndicator => (
            None,
            "nová hodnota globálního indikátoru",
            None,
            "a new value of a global indicator",
        ),
        ChangeKind::Wave => (
            None,
            "změna monitorovací vlny",
            None,
            "a change to a monitoring wave",
        ),
        ChangeKind::Report => (
            None,
            "nová zpráva o naplňování",
            None,
            "a new implementation report",
        ),
        ChangeKind::Plan => (None, "změna plánu", None, "a change to the plan"),
        ChangeKind::Other => (None, "změna údajů", None, "a change to the data"),
    };
    let (coded, alone) = match lang {
        Lang::Cs => (cs_coded, cs),
        Lang::En => (en_coded, en),
    };
    match (coded, item.code.as_deref()) {
        (Some(coded), Some(code)) => format!("{coded} {code}"),
        _ => alone.to_owned(),
    }
}

/// Many changes of one kind: `nové hodnoty indikátorů 5 cílů` / `new values of indicators of
/// 5 goals` (after a number Czech takes the genitive plural, whatever the number).
fn many(kind: ChangeKind, count: usize, lang: Lang) -> String {
    let (cs, en) = match kind {
        ChangeKind::IndicatorValue => (
            "nové hodnoty indikátorů {} cílů",
            "new values of indicators of {} goals",
        ),
        ChangeKind::Goal => ("změny {} cílů", "changes to {} goals"),
        ChangeKind::Summary => ("nová shrnutí {} cílů", "new summaries of {} goals"),
        ChangeKind::Measure => ("změny {} opatření", "changes to {} measures"),
        ChangeKind::Status => ("nové stavy {} opatření", "new statuses of {} measures"),
        ChangeKind::Project => (
            "změny projektů {} opatření",
            "changes to projects of {} measures",
        ),
        ChangeKind::Risk => ("změny {} rizik", "changes to {} risks"),
        ChangeKind::Milestone => ("změny {} milníků", "changes to {} milestones"),
        ChangeKind::Conflict => (
            "změny {} rozporů mezi zdroji",
            "changes to {} conflicts between sources",
        ),
        ChangeKind::GlobalIndicator => (
            "nové hodnoty {} globálních indikátorů",
            "new values of {} global indicators",
        ),
        ChangeKind::Wave => (
            "změny {} monitorovacích vln",
            "changes to {} monitoring waves",
        ),
        ChangeKind::Report => (
            "{} nových zpráv o naplňování",
            "{} new implementation reports",
        ),
        ChangeKind::Plan | ChangeKind::Other => ("{} změn", "{} changes"),
    };
    let text = match lang {
        Lang::Cs => cs,
        Lang::En => en,
    };
    text.replace("{}", &count.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(summary: Summary, hour: u8, minute: u8) -> Said {
        Said {
            summary,
            hour,
            minute,
            serial: 1,
        }
    }

    fn item(kind: ChangeKind, code: Option<&str>) -> Item {
        Item {
            kind,
            code: code.map(str::to_owned),
        }
    }

    #[test]
    fn one_change_is_named_with_its_code_and_time() {
        let one = said(
            Summary::Items(vec![item(ChangeKind::IndicatorValue, Some("2.1.3"))]),
            14,
            5,
        );
        assert_eq!(
            live_sentence(&one, Lang::Cs),
            "Aktualizováno ve 14:05: nová hodnota indikátoru cíle 2.1.3."
        );
        assert_eq!(
            live_sentence(&one, Lang::En),
            "Updated at 14:05: a new value of an indicator of goal 2.1.3."
        );
        let status = said(
            Summary::Items(vec![item(ChangeKind::Status, Some("2.1.3.4"))]),
            9,
            30,
        );
        assert_eq!(
            live_sentence(&status, Lang::Cs),
            "Aktualizováno v 9:30: nový stav opatření 2.1.3.4."
        );
        let conflict = said(
            Summary::Items(vec![item(ChangeKind::Conflict, Some("17"))]),
            16,
            0,
        );
        assert_eq!(
            live_sentence(&conflict, Lang::En),
            "Updated at 16:00: a change to a conflict between sources."
        );
        let uncoded = said(Summary::Items(vec![item(ChangeKind::Goal, None)]), 16, 0);
        assert_eq!(
            live_sentence(&uncoded, Lang::En),
            "Updated at 16:00: a change to a goal."
        );
        assert_eq!(
            live_sentence(&uncoded, Lang::Cs),
            "Aktualizováno v 16:00: změna cíle."
        );
    }

    #[test]
    fn czech_says_ve_before_two_consonants() {
        let at = |h| live_sentence(&said(Summary::Unknown, h, 7), Lang::Cs);
        assert_eq!(at(0), "Aktualizováno v 0:07.");
        assert_eq!(at(2), "Aktualizováno ve 2:07.");
        assert_eq!(at(4), "Aktualizováno ve 4:07.");
        assert_eq!(at(5), "Aktualizováno v 5:07.");
        assert_eq!(at(11), "Aktualizováno v 11:07.");
        assert_eq!(at(12), "Aktualizováno ve 12:07.");
        assert_eq!(at(15), "Aktualizováno v 15:07.");
        assert_eq!(at(21), "Aktualizováno ve 21:07.");
        assert_eq!(
            live_sentence(&said(Summary::Unknown, 8, 0), Lang::En),
            "Updated at 8:00."
        );
    }

    #[test]
    fn a_few_are_joined_and_many_counted() {
        let three = said(
            Summary::Items(vec![
                item(ChangeKind::IndicatorValue, Some("2.1.3")),
                item(ChangeKind::Status, Some("2.1.3.4")),
                item(ChangeKind::Project, Some("2.1.3.4")),
            ]),
            14,
            5,
        );
        assert_eq!(
            live_sentence(&three, Lang::Cs),
            "Aktualizováno ve 14:05: nová hodnota indikátoru cíle 2.1.3, nový stav opatření 2.1.3.4 a změna projektu opatření 2.1.3.4."
        );
        assert_eq!(
            live_sentence(&three, Lang::En),
            "Updated at 14:05: a new value of an indicator of goal 2.1.3, a new status of measure 2.1.3.4 and a change to a project of measure 2.1.3.4."
        );
        let many = said(
            Summary::Many {
                kind: ChangeKind::IndicatorValue,
                count: 50,
            },
            14,
            5,
        );
        assert_eq!(
            live_sentence(&many, Lang::Cs),
            "Aktualizováno ve 14:05: nové hodnoty indikátorů 50 cílů."
        );
        assert_eq!(
            live_sentence(&many, Lang::En),
            "Updated at 14:05: new values of indicators of 50 goals."
        );
        let mixed = |n| live_sentence(&said(Summary::Mixed { count: n }, 14, 5), Lang::Cs);
        assert_eq!(mixed(4), "Aktualizováno ve 14:05: 4 změny.");
        assert_eq!(mixed(12), "Aktualizováno ve 14:05: 12 změn.");
        assert_eq!(
            live_sentence(&said(Summary::Mixed { count: 12 }, 14, 5), Lang::En),
            "Updated at 14:05: 12 changes."
        );
    }
}
