//! The rules entered data must keep, as plain functions the server enforces and the app checks
//! inline before it sends anything.
//!
//! Every broken rule is a [`ValidationError`]: the input field it concerns and a [`Rule`] with a
//! stable code (`TOO_LONG`, `NEGATIVE`, …) and a message in Czech and English.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::format::Lang;

/// Longest one-line text (names, call names, labels).
pub const MAX_LINE: usize = 500;
/// Longest multi-line text (descriptions, summaries, notes, mitigations).
pub const MAX_TEXT: usize = 20_000;
/// Shortest password.
pub const MIN_PASSWORD: usize = 12;
/// Largest number of reports a project promises ("n of 6" is the usual).
pub const MAX_REPORTS: i32 = 24;
/// Largest entered amount of money, in hellers: 10¹² Kč (a thousand billion crowns, a
/// hundred times the city's yearly budget). Far inside the range of [`crate::Czk`]: more than
/// ninety thousand such amounts would have to be summed before a total could overflow.
pub const MAX_AMOUNT_HELLERS: i64 = 100_000_000_000_000;
/// Largest count of whole things (persons, families, households, flats, meetings…): 10⁷, more
/// than the population of any area a plan of social inclusion covers.
pub const MAX_COUNT: f64 = 10_000_000.0;
/// Largest percentage.
pub const MAX_PERCENT: f64 = 100.0;
/// Largest value of a global indicator (counts, indices, rates, shares): 10⁷.
pub const MAX_GLOBAL_VALUE: f64 = 10_000_000.0;
/// The earliest and latest dates any entered value may refer to.
pub const EARLIEST: (i32, u8, u8) = (2000, 1, 1);
/// Most monitoring waves a plan may have: twice a year for 25 years. Every wave's counts are
/// computed over the plan on request, so their number bounds what one query costs.
pub const MAX_WAVES: usize = 50;
pub const LATEST: (i32, u8, u8) = (2100, 12, 31);

/// Which rule a value breaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Rule {
    /// Empty where a value is needed.
    Required,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// Not a date `YYYY-MM-DD`.
    NotADate,
    /// A date outside `from..=to`.
    DateOutOfRange { from: String, to: String },
    /// A period that ends before it starts.
    PeriodReversed,
    /// Below zero where only counts make sense.
    Negative,
    /// A fraction where the unit counts whole things (persons, flats, families…).
    NotWhole,
    /// Not a finite number.
    NotANumber,
    /// Outside `min..=max` (risk scales, reports of a project).
    OutOfRange { min: i64, max: i64 },
    /// Larger than `max`, in the field's own unit (crowns for amounts, the indicator's unit
    /// for values): see [`MAX_AMOUNT_HELLERS`], [`MAX_COUNT`], [`MAX_PERCENT`],
    /// [`MAX_GLOBAL_VALUE`].
    TooLarge { max: f64 },
    /// Not `CZ.dd.dd.dd/dd/dd_ddd/ddddddd`.
    RegistrationNumber,
    /// Not an e-mail address.
    Email,
    /// A password shorter than [`MIN_PASSWORD`].
    WeakPassword,
    /// No such record (of the given kind) in the plan.
    UnknownId,
    /// A value given twice where each may appear once.
    Duplicate,
    /// The record is issued (a report): it can no longer change.
    Issued,
    /// A control character or an invisible format character that can disguise text (bidi
    /// overrides and isolates, zero-width spaces…), or a line break in a one-line text;
    /// `code_point` names the first one (`U+202E`). See [`refused_char`].
    ControlCharacter { code_point: String },
    /// A period sharing days with another record's (`with` names it): monitoring waves.
    Overlaps { with: String },
    /// More records of a kind than a plan may have (`max`): monitoring waves.
    TooMany { max: usize },
    /// The record is approved (an action plan): approving it again, or changing what only a
    /// draft may change, is refused.
    Approved,
}

impl Rule {
    /// The stable code clients can match on.
    pub fn code(&self) -> &'static str {
        match self {
            Rule::Required => "REQUIRED",
            Rule::TooLong { .. } => "TOO_LONG",
            Rule::NotADate => "NOT_A_DATE",
            Rule::DateOutOfRange { .. } => "DATE_OUT_OF_RANGE",
            Rule::PeriodReversed => "PERIOD_REVERSED",
            Rule::Negative => "NEGATIVE",
            Rule::NotWhole => "NOT_WHOLE",
            Rule::NotANumber => "NOT_A_NUMBER",
            Rule::OutOfRange { .. } => "OUT_OF_RANGE",
            Rule::TooLarge { .. } => "TOO_LARGE",
            Rule::RegistrationNumber => "REGISTRATION_NUMBER",
            Rule::Email => "EMAIL",
            Rule::WeakPassword => "WEAK_PASSWORD",
            Rule::UnknownId => "UNKNOWN_ID",
            Rule::Duplicate => "DUPLICATE",
            Rule::Issued => "ISSUED",
            Rule::ControlCharacter { .. } => "CONTROL_CHARACTER",
            Rule::Overlaps { .. } => "OVERLAPS",
            Rule::TooMany { .. } => "TOO_MANY",
            Rule::Approved => "APPROVED",
        }
    }

    /// What is wrong, for people.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Rule::Required, Lang::Cs) => "Vyplňte tento údaj.".into(),
            (Rule::Required, Lang::En) => "This value is required.".into(),
            (Rule::TooLong { max }, Lang::Cs) => format!("Text je delší než {max} znaků."),
            (Rule::TooLong { max }, Lang::En) => {
                format!("The text is longer than {max} characters.")
            }
            (Rule::NotADate, Lang::Cs) => "Zadejte datum ve tvaru RRRR-MM-DD.".into(),
            (Rule::NotADate, Lang::En) => "Enter a date as YYYY-MM-DD.".into(),
            (Rule::DateOutOfRange { from, to }, Lang::Cs) => {
                format!("Datum musí ležet mezi {from} a {to}.")
            }
            (Rule::DateOutOfRange { from, to }, Lang::En) => {
                format!("The date must lie between {from} and {to}.")
            }
            (Rule::PeriodReversed, Lang::Cs) => "Konec období je před jeho začátkem.".into(),
            (Rule::PeriodReversed, Lang::En) => "The period ends before it starts.".into(),
            (Rule::Negative, Lang::Cs) => "Hodnota nesmí být záporná.".into(),
            (Rule::Negative, Lang::En) => "The value must not be negative.".into(),
            (Rule::NotWhole, Lang::Cs) => "Jednotka se počítá v celých číslech.".into(),
            (Rule::NotWhole, Lang::En) => "The unit counts whole numbers.".into(),
            (Rule::NotANumber, Lang::Cs) => "Zadejte číslo.".into(),
            (Rule::NotANumber, Lang::En) => "Enter a number.".into(),
            (Rule::OutOfRange { min, max }, Lang::Cs) => {
                format!("Hodnota musí ležet mezi {min} a {max}.")
            }
            (Rule::OutOfRange { min, max }, Lang::En) => {
                format!("The value must lie between {min} and {max}.")
            }
            (Rule::TooLarge { max }, Lang::Cs) => format!(
                "Hodnota je příliš velká, nejvýše {}.",
                crate::format::number_auto(*max, Lang::Cs)
            ),
            (Rule::TooLarge { max }, Lang::En) => format!(
                "The value is too large; at most {}.",
                crate::format::number_auto(*max, Lang::En)
            ),
            (Rule::RegistrationNumber, Lang::Cs) => {
                "Registrační číslo má tvar CZ.03.02.01/00/22_018/0001145.".into()
            }
            (Rule::RegistrationNumber, Lang::En) => {
                "A registration number looks like CZ.03.02.01/00/22_018/0001145.".into()
            }
            (Rule::Email, Lang::Cs) => "Zadejte e-mailovou adresu.".into(),
            (Rule::Email, Lang::En) => "Enter an e-mail address.".into(),
            (Rule::WeakPassword, Lang::Cs) => {
                format!("Heslo musí mít alespoň {MIN_PASSWORD} znaků.")
            }
            (Rule::WeakPassword, Lang::En) => {
                format!("The password needs at least {MIN_PASSWORD} characters.")
            }
            (Rule::UnknownId, Lang::Cs) => "Takový záznam neexistuje.".into(),
            (Rule::UnknownId, Lang::En) => "There is no such record.".into(),
            (Rule::Duplicate, Lang::Cs) => "Hodnota je uvedena vícekrát.".into(),
            (Rule::Duplicate, Lang::En) => "The value is given more than once.".into(),
            (Rule::Issued, Lang::Cs) => "Zpráva už byla vydána; vydanou zprávu nelze měnit.".into(),
            (Rule::Issued, Lang::En) => {
                "The report has been issued; an issued report cannot change.".into()
            }
            (Rule::ControlCharacter { code_point }, Lang::Cs) => format!(
                "Text obsahuje nepovolený řídicí nebo neviditelný znak ({code_point}), \
                 v jednořádkovém poli i zalomení řádku."
            ),
            (Rule::Overlaps { with }, Lang::Cs) => {
                format!("Období se překrývá s obdobím „{with}“.")
            }
            (Rule::Overlaps { with }, Lang::En) => {
                format!("The period overlaps that of “{with}”.")
            }
            (Rule::TooMany { max }, Lang::Cs) => format!("Plán jich může mít nejvýše {max}."),
            (Rule::TooMany { max }, Lang::En) => format!("A plan may have at most {max}."),
            (Rule::Approved, Lang::Cs) => "Akční plán už je schválen; to lze jen u návrhu.".into(),
            (Rule::Approved, Lang::En) => {
                "The action plan is already approved; only a draft allows this.".into()
            }
            (Rule::ControlCharacter { code_point }, Lang::En) => format!(
                "The text contains a control or invisible character that is not allowed \
                 ({code_point}), or a line break in a one-line field."
            ),
        }
    }
}

/// A broken rule and the input field it concerns (`values.0.value`, `refDate`…).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{field}: {}", rule.message(Lang::En))]
pub struct ValidationError {
    pub field: String,
    pub rule: Rule,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, rule: Rule) -> ValidationError {
        ValidationError {
            field: field.into(),
            rule,
        }
    }
}

type Check<T> = Result<T, ValidationError>;

fn range_text() -> (String, String) {
    let d = |(y, m, day): (i32, u8, u8)| Date::new(y, m, day).map(|d| d.to_string());
    (
        d(EARLIEST).unwrap_or_default(),
        d(LATEST).unwrap_or_default(),
    )
}

mod date;
mod id;
mod number;
mod text;

pub use date::*;
pub use id::*;
pub use number::*;
pub use text::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn rule<T: std::fmt::Debug>(r: Check<T>) -> Rule {
        r.expect_err("must be refused").rule
    }

    #[test]
    fn texts_are_trimmed_required_and_bounded() {
        assert_eq!(line("name", "  Byty  ").unwrap(), "Byty");
        assert_eq!(rule(line("name", "   ")), Rule::Required);
        assert_eq!(optional_line("name", "").unwrap(), "");
        let long = "ž".repeat(MAX_LINE + 1);
        assert_eq!(rule(line("name", &long)), Rule::TooLong { max: MAX_LINE });
        assert!(text("t", &"ž".repeat(MAX_LINE + 1)).is_ok());
        assert_eq!(
            rule(text("t", &"a".repeat(MAX_TEXT + 1))),
            Rule::TooLong { max: MAX_TEXT }
        );
    }

    fn control(r: Check<String>) -> String {
        match rule(r) {
            Rule::ControlCharacter { code_point } => code_point,
            other => panic!("expected CONTROL_CHARACTER, got {other:?}"),
        }
    }

    #[test]
    fn texts_refuse_control_and_disguising_characters() {
        // NUL, escape, DEL and a C1 control, in both kinds of text.
        for (bad, code) in [
            ("a\0b", "U+0000"),
            ("a\u{1b}[31mb", "U+001B"),
            ("a\u{7f}b", "U+007F"),
            ("a\u{85}b", "U+0085"),
        ] {
            assert_eq!(control(line("name", bad)), code, "{bad:?}");
            assert_eq!(control(text("note", bad)), code, "{bad:?}");
        }
        // The right-to-left override and the other bidi controls; hidden characters.
        for c in [
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{200E}',
            '\u{200F}',
            '\u{200B}',
            '\u{2060}',
            '\u{FEFF}',
            '\u{2028}',
            '\u{E0041}',
        ] {
            let t = format!("Byty{c}exe.txt");
            assert_eq!(
                control(optional_text("note", &t)),
                format!("U+{:04X}", u32::from(c))
            );
            assert_eq!(
                control(optional_line("name", &t)),
                format!("U+{:04X}", u32::from(c))
            );
        }
        assert_eq!(rule(text("note", "a\u{202E}b")).code(), "CONTROL_CHARACTER");
    }

    #[test]
    fn texts_keep_tabs_newlines_and_joiners() {
        assert_eq!(
            text("note", "První řádek\n\tdruhý").unwrap(),
            "První řádek\n\tdruhý"
        );
        assert_eq!(line("name", "a\tb").unwrap(), "a\tb");
        // One-line texts refuse line breaks; surrounding ones are trimmed away first.
        assert_eq!(control(line("name", "a\nb")), "U+000A");
        assert_eq!(control(line("name", "a\r\nb")), "U+000D");
        assert_eq!(line("name", "Byty\n").unwrap(), "Byty");
        // Windows line ends become `\n`; a lone carriage return is refused.
        assert_eq!(text("note", "a\r\nb").unwrap(), "a\nb");
        assert_eq!(control(text("note", "a\rb")), "U+000D");
        // Joiners (emoji, some scripts), soft hyphens and no-break spaces stay.
        for ok in [
            "👩\u{200D}💻",
            "می\u{200C}خواهم",
            "pro\u{00AD}gram",
            "6\u{00A0}100 Kč",
        ] {
            assert_eq!(line("name", ok).unwrap(), ok);
        }
        // E-mail addresses go through the one-line rule too.
        assert_eq!(
            rule(email("e", "jana\0@ostrava.cz")).code(),
            "CONTROL_CHARACTER"
        );
    }

    #[test]
    fn dates_must_parse_and_lie_in_range() {
        assert_eq!(date("d", "2025-06-30").unwrap().to_string(), "2025-06-30");
        assert_eq!(rule(date("d", "30. 6. 2025")), Rule::NotADate);
        assert_eq!(rule(date("d", "2025-02-30")), Rule::NotADate);
        assert!(matches!(
            rule(date("d", "1999-12-31")),
            Rule::DateOutOfRange { .. }
        ));
        assert!(matches!(
            rule(date("d", "2101-01-01")),
            Rule::DateOutOfRange { .. }
        ));
    }

    #[test]
    fn periods_keep_their_order() {
        assert!(period("f", Some("2023-01-01"), "t", Some("2025-12-31")).is_ok());
        assert_eq!(
            period("f", None, "t", None).unwrap(),
            (None, None),
            "both ends may be open"
        );
        let e = period("f", Some("2025-01-01"), "t", Some("2024-12-31")).unwrap_err();
        assert_eq!((e.field.as_str(), e.rule), ("t", Rule::PeriodReversed));
    }

    #[test]
    fn indicator_values_count_whole_things() {
        assert_eq!(indicator_value("v", 12.0).unwrap(), 12.0);
        assert_eq!(indicator_value("v", 0.0).unwrap(), 0.0);
        assert!(indicator_value("v", -0.0).unwrap().is_sign_positive());
        assert_eq!(rule(indicator_value("v", -1.0)), Rule::Negative);
        assert_eq!(rule(indicator_value("v", 2.5)), Rule::NotWhole);
        assert_eq!(rule(indicator_value("v", f64::NAN)), Rule::NotANumber);
        assert_eq!(rule(indicator_value("v", f64::INFINITY)), Rule::NotANumber);
    }

    #[test]
    fn indicator_values_are_bounded_by_their_unit() {
        let too_large = Rule::TooLarge { max: MAX_COUNT };
        assert_eq!(indicator_value("v", MAX_COUNT).unwrap(), MAX_COUNT);
        assert_eq!(rule(indicator_value("v", MAX_COUNT + 1.0)), too_large);
        // The figures of issue 12: 1e308 and 2⁶³ were stored.
        assert_eq!(rule(indicator_value("v", 1e308)), too_large);
        assert_eq!(
            rule(indicator_value("v", 9_223_372_036_854_775_808.0)),
            too_large
        );
        assert_eq!(rule(indicator_value("v", f64::MAX)), too_large);
        for unit in ["osoby", "rodiny", "byty", "setkání", "Osoby ", "neznámá"] {
            assert_eq!(UnitKind::of(unit), UnitKind::Count, "{unit}");
            assert_eq!(rule(indicator_value_in("v", 0.5, unit)), Rule::NotWhole);
            assert_eq!(rule(indicator_value_in("v", 1e8, unit)), too_large);
            assert_eq!(rule(indicator_value_in("v", -3.0, unit)), Rule::Negative);
        }
        for unit in ["%", "procenta", "Procent"] {
            assert_eq!(UnitKind::of(unit), UnitKind::Percent, "{unit}");
            assert_eq!(indicator_value_in("v", 37.5, unit).unwrap(), 37.5);
            assert_eq!(indicator_value_in("v", 100.0, unit).unwrap(), 100.0);
            assert_eq!(
                rule(indicator_value_in("v", 100.5, unit)),
                Rule::TooLarge { max: MAX_PERCENT }
            );
        }
        assert_eq!(global_value("v", 174.1).unwrap(), 174.1);
        assert_eq!(
            rule(global_value("v", 1e308)),
            Rule::TooLarge {
                max: MAX_GLOBAL_VALUE
            }
        );
        assert_eq!(rule(global_value("v", f64::NEG_INFINITY)), Rule::NotANumber);
        assert_eq!(rule(global_value("v", -0.5)), Rule::Negative);
    }

    #[test]
    fn amounts_are_bounded() {
        let too_large = Rule::TooLarge {
            max: 1_000_000_000_000.0,
        };
        assert_eq!(amount("b", MAX_AMOUNT_HELLERS), Ok(MAX_AMOUNT_HELLERS));
        assert_eq!(rule(amount("b", MAX_AMOUNT_HELLERS + 1)), too_large);
        assert_eq!(rule(amount("b", i64::MAX)), too_large);
        assert_eq!(
            amount_text("b", "12 170 133,36 Kč").map(crate::Czk::hellers),
            Ok(1_217_013_336)
        );
        assert_eq!(
            amount_text("b", "1 000 000 000 000").map(crate::Czk::hellers),
            Ok(MAX_AMOUNT_HELLERS)
        );
        // The budget of issue 12 fits an i64 in hellers, and is refused by the bound.
        assert_eq!(rule(amount_text("b", "92 233 720 368 547 758")), too_large);
        assert_eq!(rule(amount_text("b", "1 000 000 000 000,01")), too_large);
        // Too large even for an i64: still TOO_LARGE, not NOT_A_NUMBER.
        assert_eq!(
            rule(amount_text("b", "92 233 720 368 547 759 Kč")),
            too_large
        );
        assert_eq!(rule(amount_text("b", "99999999999999999999999")), too_large);
        assert_eq!(
            rule(amount_text("b", "-99999999999999999999999")),
            Rule::Negative
        );
        assert_eq!(rule(amount_text("b", "-5 Kč")), Rule::Negative);
        assert_eq!(
            amount_text("b", " 12170133.36 ").map(crate::Czk::hellers),
            Ok(1_217_013_336)
        );
        assert_eq!(amount_text("b", "0.5").map(crate::Czk::hellers), Ok(50));
        assert_eq!(rule(amount_text("b", "-0.5")), Rule::Negative);
        assert_eq!(rule(amount_text("b", "1.234")), Rule::NotANumber);
        assert_eq!(rule(amount_text("b", "1 000.5")), Rule::NotANumber);
        assert_eq!(rule(amount_text("b", "hodně")), Rule::NotANumber);
        assert_eq!(rule(amount_text("b", "1,234")), Rule::NotANumber);
        assert!(
            too_large
                .message(Lang::Cs)
                .contains("1\u{a0}000\u{a0}000\u{a0}000\u{a0}000")
        );
    }

    #[test]
    fn numbers_and_reports_stay_in_range() {
        assert_eq!(rule(amount("budget", -1)), Rule::Negative);
        assert!(within("p", 5, 1, 5).is_ok());
        assert_eq!(
            rule(within("p", 6, 1, 5)),
            Rule::OutOfRange { min: 1, max: 5 }
        );
        assert!(reports("reports", 3, 6).is_ok());
        assert_eq!(
            reports("reports", 7, 6).unwrap_err().field,
            "reports",
            "more reports than promised"
        );
        assert_eq!(reports("reports", 0, 0).unwrap_err().field, "reportsOf");
    }

    #[test]
    fn an_entered_status_carries_its_reports_only_in_progress() {
        use crate::status::{MeasureStatus, StatusKind};
        let in_progress = |reports, of| MeasureStatus::InProgress { reports, of };
        assert_eq!(
            status("reports", StatusKind::InProgress, Some(2), Some(6)),
            Ok(in_progress(Some(2), Some(6)))
        );
        assert_eq!(
            status("reports", StatusKind::InProgress, None, None),
            Ok(in_progress(None, None))
        );
        assert_eq!(
            status("reports", StatusKind::Completed, Some(9), None),
            Ok(MeasureStatus::Completed)
        );
        let field = |r: Result<MeasureStatus, ValidationError>| r.unwrap_err().field;
        assert_eq!(
            field(status("reports", StatusKind::InProgress, Some(7), Some(6))),
            "reports"
        );
        assert_eq!(
            field(status("reports", StatusKind::InProgress, Some(1), None)),
            "reportsOf"
        );
    }

    #[test]
    fn registration_numbers_emails_and_passwords() {
        assert!(registration_number("r", "CZ.03.02.01/00/22_018/0001145").is_ok());
        assert_eq!(
            rule(registration_number("r", "CZ.03.02.01/00/22_018/000114")),
            Rule::RegistrationNumber
        );
        assert_eq!(email("e", " Jana@Ostrava.CZ ").unwrap(), "jana@ostrava.cz");
        for bad in [
            "jana",
            "jana@",
            "@ostrava.cz",
            "jana@ostrava",
            "ja na@o.cz",
            "a@b@c.cz",
        ] {
            assert_eq!(rule(email("e", bad)), Rule::Email, "{bad}");
        }
        assert!(password("p", "dlouhé heslo 1").is_ok());
        assert_eq!(rule(password("p", "krátké")), Rule::WeakPassword);
    }

    #[test]
    fn a_wave_opens_before_its_deadline_and_apart_from_the_others() {
        let d = |t: &str| t.parse::<Date>().expect("a date");
        let ok = wave_dates(Some("2026-04-30"), "2026-01-01", "2026-06-30").expect("valid");
        assert_eq!(
            ok,
            (Some(d("2026-04-30")), d("2026-01-01"), d("2026-06-30"))
        );
        assert_eq!(
            wave_dates(Some(" "), "2026-01-01", "2026-01-01")
                .expect("valid")
                .0,
            None
        );
        let e = wave_dates(None, "2026-07-01", "2026-06-30").expect_err("reversed");
        assert_eq!(
            (e.field.as_str(), e.rule),
            ("deadline", Rule::PeriodReversed)
        );
        let e = wave_dates(Some("2026-07-01"), "2026-01-01", "2026-06-30").expect_err("late");
        assert_eq!(e.field, "asOf");
        assert_eq!(
            rule(wave_dates(None, "1. 1. 2026", "2026-06-30")),
            Rule::NotADate
        );
        let others = [
            ("1. vlna", d("2024-01-01"), d("2024-06-30")),
            ("2. vlna", d("2025-01-01"), d("2025-06-30")),
        ];
        assert!(wave_apart((d("2026-01-01"), d("2026-06-30")), others, true).is_ok());
        let e = wave_apart((d("2025-06-30"), d("2025-12-31")), others, true).expect_err("overlap");
        assert_eq!(
            e.rule,
            Rule::Overlaps {
                with: "2. vlna".into()
            }
        );
        assert_eq!(e.field, "opensOn");
        // A plan's waves are bounded; changing one of a full plan is still allowed.
        let full: Vec<(&str, Date, Date)> = (0..MAX_WAVES as i32)
            .map(|y| {
                (
                    "w",
                    Date::new(2040 + y, 1, 1).expect("d"),
                    Date::new(2040 + y, 1, 1).expect("d"),
                )
            })
            .collect();
        let spring = (d("2030-01-01"), d("2030-06-30"));
        assert_eq!(
            rule(wave_apart(spring, full.iter().copied(), true)),
            Rule::TooMany { max: MAX_WAVES }
        );
        assert!(wave_apart(spring, full.iter().copied(), false).is_ok());
    }

    #[test]
    fn every_rule_speaks_both_languages() {
        let rules = [
            Rule::Required,
            Rule::TooLong { max: 5 },
            Rule::NotADate,
            Rule::DateOutOfRange {
                from: "a".into(),
                to: "b".into(),
            },
            Rule::PeriodReversed,
            Rule::Negative,
            Rule::NotWhole,
            Rule::NotANumber,
            Rule::OutOfRange { min: 1, max: 5 },
            Rule::TooLarge { max: MAX_COUNT },
            Rule::RegistrationNumber,
            Rule::Email,
            Rule::WeakPassword,
            Rule::UnknownId,
            Rule::Duplicate,
            Rule::Issued,
            Rule::ControlCharacter {
                code_point: "U+202E".into(),
            },
            Rule::Overlaps {
                with: "1. vlna".into(),
            },
        ];
        for r in rules {
            assert_ne!(r.message(Lang::Cs), r.message(Lang::En), "{}", r.code());
            assert!(!r.code().is_empty());
        }
    }
}
