//! Cells of a filled sheet read into values, with the same rules as the forms
//! (`shared::validate`): Czech numbers (`1 234,5`), Excel's date serials and date cells, Czech
//! dates (`30. 4. 2024`) and ISO dates, the statuses and activities by their Czech names.

use shared::Date;
use shared::format::Lang;
use shared::status::{ActivityKind, StatusKind};
use shared::validate::{self, Rule};

/// A cell as read from XLSX or CSV.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell formatted as a date (its day; any time of day is dropped).
    Date(Date),
    Bool(bool),
    /// A formula's error (`#DIV/0!`, `#REF!`…).
    Error(String),
}

impl Cell {
    /// Empty, or only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the preview shows what was in it.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) => shared::format::number_auto(*n, Lang::Cs),
            Cell::Date(d) => shared::format::date(*d, Lang::Cs),
            Cell::Bool(b) => if *b { "PRAVDA" } else { "NEPRAVDA" }.to_owned(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// What is wrong with a cell or a row: a rule of `shared::validate`, or one of the sheet's own.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    Rule(Rule),
    /// Not one of the allowed texts of a list column.
    NotAChoice {
        allowed: &'static [&'static str],
    },
    /// A formula's error value.
    FormulaError,
    /// A filled row without an `ID`: rows cannot be added to the template.
    NoId,
    /// An `ID` that is no item of this wave.
    UnknownRow,
    /// An item of this wave that another organisation reports.
    OtherOrganisation,
    /// A cell this kind of row does not take (a status in an indicator's row…).
    NotForThisRow,
}

impl Problem {
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Rule(r) => r.code(),
            Problem::NotAChoice { .. } => "NOT_A_CHOICE",
            Problem::FormulaError => "FORMULA_ERROR",
            Problem::NoId => "NO_ID",
            Problem::UnknownRow => "UNKNOWN_ROW",
            Problem::OtherOrganisation => "OTHER_ORGANISATION",
            Problem::NotForThisRow => "NOT_FOR_THIS_ROW",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::Rule(r), _) => r.message(lang),
            (Problem::NotAChoice { allowed }, Lang::Cs) => {
                format!("Zvolte jednu z možností: {}.", allowed.join(", "))
            }
            (Problem::NotAChoice { allowed }, Lang::En) => {
                format!("Choose one of: {}.", allowed.join(", "))
            }
            (Problem::FormulaError, Lang::Cs) => "Vzorec v buňce skončil chybou.".into(),
            (Problem::FormulaError, Lang::En) => "The cell's formula ends in an error.".into(),
            (Problem::NoId, Lang::Cs) => {
                "Řádek nemá ID. Do šablony nelze přidávat řádky; vyplňte řádky, které obsahuje."
                    .into()
            }
            (Problem::NoId, Lang::En) => {
                "The row has no ID. Rows cannot be added to the template; fill in those it has."
                    .into()
            }
            (Problem::UnknownRow, Lang::Cs) => {
                "Řádek nepatří k této vlně monitoringu. Stáhněte si šablonu této vlny.".into()
            }
            (Problem::UnknownRow, Lang::En) => {
                "The row is not part of this monitoring wave. Download this wave's template.".into()
            }
            (Problem::OtherOrganisation, Lang::Cs) => {
                "Řádek patří jiné organizaci; za ni údaje nahrát nemůžete.".into()
            }
            (Problem::OtherOrganisation, Lang::En) => {
                "The row belongs to another organisation; you cannot upload its data.".into()
            }
            (Problem::NotForThisRow, Lang::Cs) => {
                "Tento sloupec se u tohoto druhu řádku nevyplňuje.".into()
            }
            (Problem::NotForThisRow, Lang::En) => {
                "This column is not filled in for this kind of row.".into()
            }
        }
    }
}

impl From<validate::ValidationError> for Problem {
    fn from(e: validate::ValidationError) -> Problem {
        Problem::Rule(e.rule)
    }
}

/// The statuses as the template lists them.
pub const STATUSES: &[&str] = &["Nerealizováno", "V realizaci", "Dokončeno"];
/// The activities as the template lists them.
pub const ACTIVITIES: &[&str] = &["Projektová aktivita", "Neprojektová aktivita"];

fn text_of(cell: &Cell) -> Option<&str> {
    match cell {
        Cell::Text(t) if !t.trim().is_empty() => Some(t.trim()),
        _ => None,
    }
}

/// A number: a number cell, or a text the way Czech (`1 234,5`) or English (`1234.5`) writes
/// one. `None` for a blank cell.
pub fn number(cell: &Cell) -> Result<Option<f64>, Problem> {
    let v = match cell {
        c if c.is_blank() => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(t) => parse_number(t).ok_or(Problem::Rule(Rule::NotANumber))?,
        Cell::Error(_) => return Err(Problem::FormulaError),
        _ => return Err(Problem::Rule(Rule::NotANumber)),
    };
    if v.is_finite() {
        Ok(Some(v))
    } else {
        Err(Problem::Rule(Rule::NotANumber))
    }
}

fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    if t.contains('%') || t.to_lowercase().starts_with("cca") {
        // An approximate or a percentage sign is not an entered figure.
        return None;
    }
    if let Ok(v) = shared::parse::number(t) {
        return Some(v);
    }
    // A decimal point where nothing else could be meant (`1234.5`, no grouping, no comma).
    if !t.contains(',') && t.matches('.').count() == 1 && !t.contains(char::is_whitespace) {
        return t.parse::<f64>().ok();
    }
    None
}

/// A whole number (reports of a project). `None` for a blank cell.
pub fn whole(cell: &Cell) -> Result<Option<i32>, Problem> {
    let Some(v) = number(cell)? else {
        return Ok(None);
    };
    if v.fract() != 0.0 {
        return Err(Problem::Rule(Rule::NotWhole));
    }
    if !(0.0..=f64::from(i32::MAX)).contains(&v) {
        return Err(Problem::Rule(Rule::OutOfRange {
            min: 0,
            max: i64::from(validate::MAX_REPORTS),
        }));
    }
    Ok(Some(v as i32))
}

/// The first day Excel's serials (1900 system) count from, as days since 1970-01-01: serial
/// 25569 is 1970-01-01. Serial 60 is Excel's made-up 29 February 1900, so only serials after it
/// are counted (every date the plan may name is far later).
const EXCEL_1970: i64 = 25_569;

/// The date of an Excel serial (whole days), if it is one after 1 March 1900.
pub fn excel_serial(serial: f64) -> Option<Date> {
    if !serial.is_finite() || serial.fract() != 0.0 || !(61.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    Some(Date::from_days_since_epoch(serial as i64 - EXCEL_1970))
}

/// A date: a date cell, an Excel serial, or a text `30. 4. 2024` or `2024-04-30`; within the
/// years entered data may name. `None` for a blank cell.
pub fn date(cell: &Cell) -> Result<Option<Date>, Problem> {
    let d = match cell {
        c if c.is_blank() => return Ok(None),
        Cell::Date(d) => *d,
        Cell::Number(n) => excel_serial(*n).ok_or(Problem::Rule(Rule::NotADate))?,
        Cell::Text(t) => {
            let t = t.trim();
            t.parse::<Date>()
                .ok()
                .or_else(|| shared::parse::date_cz(t).ok())
                .ok_or(Problem::Rule(Rule::NotADate))?
        }
        Cell::Error(_) => return Err(Problem::FormulaError),
        Cell::Bool(_) | Cell::Empty => return Err(Problem::Rule(Rule::NotADate)),
    };
    // The same range as every entered date.
    validate::date("date", &d.to_string())?;
    Ok(Some(d))
}

/// One of `allowed` (ignoring case and surrounding spaces), by its index. `None` for blank.
fn choice(cell: &Cell, allowed: &'static [&'static str]) -> Result<Option<usize>, Problem> {
    if cell.is_blank() {
        return Ok(None);
    }
    if let Cell::Error(_) = cell {
        return Err(Problem::FormulaError);
    }
    let t = text_of(cell).ok_or(Problem::NotAChoice { allowed })?;
    let folded = t.to_lowercase();
    allowed
        .iter()
        .position(|a| a.to_lowercase() == folded)
        .map(Some)
        .ok_or(Problem::NotAChoice { allowed })
}

/// A status group by its Czech name.
pub fn status(cell: &Cell) -> Result<Option<StatusKind>, Problem> {
    Ok(choice(cell, STATUSES)?.map(|i| {
        [
            StatusKind::NotImplemented,
            StatusKind::InProgress,
            StatusKind::Completed,
        ][i]
    }))
}

/// An activity by its Czech name.
pub fn activity(cell: &Cell) -> Result<Option<ActivityKind>, Problem> {
    Ok(choice(cell, ACTIVITIES)?.map(|i| [ActivityKind::Project, ActivityKind::NonProject][i]))
}

/// The Czech name of a status group, as the template lists it.
pub fn status_name(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::NotImplemented => STATUSES[0],
        StatusKind::InProgress => STATUSES[1],
        StatusKind::Completed => STATUSES[2],
    }
}

/// The Czech name of an activity, as the template lists it.
pub fn activity_name(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Project => ACTIVITIES[0],
        ActivityKind::NonProject => ACTIVITIES[1],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    #[test]
    fn numbers_as_czech_and_english_write_them() {
        assert_eq!(number(&Cell::Number(12.0)), Ok(Some(12.0)));
        assert_eq!(number(&t("1 234,5")), Ok(Some(1234.5)));
        assert_eq!(number(&t("1\u{a0}234")), Ok(Some(1234.0)));
        assert_eq!(number(&t("1234.5")), Ok(Some(1234.5)));
        assert_eq!(number(&t("  ")), Ok(None));
        assert_eq!(number(&Cell::Empty), Ok(None));
        for bad in [
            "dvanáct", "12 osob", "1,2,3", "cca 30", "40 %", "1.234.5", "NaN", "inf",
        ] {
            assert_eq!(
                number(&t(bad)),
                Err(Problem::Rule(Rule::NotANumber)),
                "{bad}"
            );
        }
        assert_eq!(
            number(&Cell::Error("#DIV/0!".into())),
            Err(Problem::FormulaError)
        );
        assert_eq!(
            number(&Cell::Bool(true)),
            Err(Problem::Rule(Rule::NotANumber))
        );
    }

    #[test]
    fn whole_numbers_only() {
        assert_eq!(whole(&t("3")), Ok(Some(3)));
        assert_eq!(whole(&t("2,5")), Err(Problem::Rule(Rule::NotWhole)));
        assert!(whole(&Cell::Number(-1.0)).is_err());
    }

    #[test]
    fn dates_from_serials_cells_and_texts() {
        let d = Date::new(2024, 4, 30).unwrap();
        assert_eq!(excel_serial(45_412.0), Some(d));
        assert_eq!(excel_serial(25_569.0), Date::new(1970, 1, 1));
        assert_eq!(excel_serial(45_412.5), None);
        assert_eq!(excel_serial(60.0), None);
        assert_eq!(date(&Cell::Number(45_412.0)), Ok(Some(d)));
        assert_eq!(date(&Cell::Date(d)), Ok(Some(d)));
        assert_eq!(date(&t("30. 4. 2024")), Ok(Some(d)));
        assert_eq!(date(&t("2024-04-30")), Ok(Some(d)));
        assert_eq!(date(&Cell::Empty), Ok(None));
        assert_eq!(date(&t("31. 4. 2024")), Err(Problem::Rule(Rule::NotADate)));
        assert_eq!(date(&t("zítra")), Err(Problem::Rule(Rule::NotADate)));
        // Within the years entered data may name.
        assert!(matches!(
            date(&t("1. 1. 1990")),
            Err(Problem::Rule(Rule::DateOutOfRange { .. }))
        ));
    }

    #[test]
    fn statuses_and_activities_by_their_czech_names() {
        assert_eq!(status(&t("v realizaci ")), Ok(Some(StatusKind::InProgress)));
        assert_eq!(status(&t("Dokončeno")), Ok(Some(StatusKind::Completed)));
        assert_eq!(status(&Cell::Empty), Ok(None));
        assert!(matches!(
            status(&t("Hotovo")),
            Err(Problem::NotAChoice { .. })
        ));
        assert!(matches!(
            status(&Cell::Number(1.0)),
            Err(Problem::NotAChoice { .. })
        ));
        assert_eq!(
            activity(&t("Neprojektová aktivita")),
            Ok(Some(ActivityKind::NonProject))
        );
        for k in StatusKind::ALL {
            assert_eq!(status(&t(status_name(k))), Ok(Some(k)));
        }
    }

    #[test]
    fn every_problem_has_both_messages() {
        for p in [
            Problem::NotAChoice { allowed: STATUSES },
            Problem::FormulaError,
            Problem::NoId,
            Problem::UnknownRow,
            Problem::OtherOrganisation,
            Problem::NotForThisRow,
            Problem::Rule(Rule::NotANumber),
        ] {
            assert!(!p.message(Lang::Cs).is_empty() && !p.message(Lang::En).is_empty());
            assert_ne!(p.message(Lang::Cs), p.message(Lang::En));
        }
    }
}
