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
/// The earliest and latest dates any entered value may refer to.
pub const EARLIEST: (i32, u8, u8) = (2000, 1, 1);
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
            Rule::RegistrationNumber => "REGISTRATION_NUMBER",
            Rule::Email => "EMAIL",
            Rule::WeakPassword => "WEAK_PASSWORD",
            Rule::UnknownId => "UNKNOWN_ID",
            Rule::Duplicate => "DUPLICATE",
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

/// A one-line text that must not be empty: trimmed, at most [`MAX_LINE`] characters.
pub fn line(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_LINE, true)
}

/// A one-line text that may be empty.
pub fn optional_line(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_LINE, false)
}

/// A multi-line text that must not be empty: trimmed, at most [`MAX_TEXT`] characters.
pub fn text(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_TEXT, true)
}

/// A multi-line text that may be empty.
pub fn optional_text(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_TEXT, false)
}

fn bounded(field: &str, text: &str, max: usize, required: bool) -> Check<String> {
    let t = text.trim();
    if required && t.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    if t.chars().count() > max {
        return Err(ValidationError::new(field, Rule::TooLong { max }));
    }
    Ok(t.to_owned())
}

/// A date `YYYY-MM-DD` between [`EARLIEST`] and [`LATEST`].
pub fn date(field: &str, text: &str) -> Check<Date> {
    let d: Date = text
        .trim()
        .parse()
        .map_err(|_| ValidationError::new(field, Rule::NotADate))?;
    let (from, to) = range_text();
    let (ey, em, ed) = EARLIEST;
    let (ly, lm, ld) = LATEST;
    let in_range = Date::new(ey, em, ed).is_some_and(|e| d >= e)
        && Date::new(ly, lm, ld).is_some_and(|l| d <= l);
    if in_range {
        Ok(d)
    } else {
        Err(ValidationError::new(
            field,
            Rule::DateOutOfRange { from, to },
        ))
    }
}

/// An optional period; both ends are dates and the end is not before the start.
pub fn period(
    from_field: &str,
    from: Option<&str>,
    to_field: &str,
    to: Option<&str>,
) -> Check<(Option<Date>, Option<Date>)> {
    let from = from
        .filter(|s| !s.trim().is_empty())
        .map(|s| date(from_field, s))
        .transpose()?;
    let to = to
        .filter(|s| !s.trim().is_empty())
        .map(|s| date(to_field, s))
        .transpose()?;
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(ValidationError::new(to_field, Rule::PeriodReversed));
    }
    Ok((from, to))
}

/// A value of an impact indicator: finite, not negative, and whole (every unit of the plan's
/// indicators counts things: persons, families, flats, meetings…).
pub fn indicator_value(field: &str, value: f64) -> Check<f64> {
    if !value.is_finite() {
        return Err(ValidationError::new(field, Rule::NotANumber));
    }
    if value < 0.0 {
        return Err(ValidationError::new(field, Rule::Negative));
    }
    if value.fract() != 0.0 {
        return Err(ValidationError::new(field, Rule::NotWhole));
    }
    Ok(value)
}

/// A non-negative amount of money in hellers.
pub fn amount(field: &str, hellers: i64) -> Check<i64> {
    if hellers < 0 {
        Err(ValidationError::new(field, Rule::Negative))
    } else {
        Ok(hellers)
    }
}

/// A whole number within `min..=max`.
pub fn within(field: &str, value: i64, min: i64, max: i64) -> Check<i64> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(ValidationError::new(field, Rule::OutOfRange { min, max }))
    }
}

/// "n of m" reports: `1 ≤ m ≤ MAX_REPORTS`, `0 ≤ n ≤ m`.
pub fn reports(field: &str, n: i32, of: i32) -> Check<(i32, i32)> {
    within(
        &format!("{field}Of"),
        i64::from(of),
        1,
        i64::from(MAX_REPORTS),
    )?;
    within(field, i64::from(n), 0, i64::from(of))?;
    Ok((n, of))
}

/// An EU project's registration number, `CZ.03.02.01/00/22_018/0001145`.
pub fn registration_number(field: &str, text: &str) -> Check<crate::parse::RegistrationNumber> {
    crate::parse::registration_number(text)
        .map_err(|_| ValidationError::new(field, Rule::RegistrationNumber))
}

/// An e-mail address, lower-cased: one `@` with text on both sides and a dot in the domain.
pub fn email(field: &str, text: &str) -> Check<String> {
    let t = line(field, text)?.to_lowercase();
    let ok = match t.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !t.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(t)
    } else {
        Err(ValidationError::new(field, Rule::Email))
    }
}

/// A new password: at least [`MIN_PASSWORD`] characters, at most [`MAX_LINE`].
pub fn password(field: &str, text: &str) -> Check<()> {
    let n = text.chars().count();
    if n < MIN_PASSWORD {
        Err(ValidationError::new(field, Rule::WeakPassword))
    } else if n > MAX_LINE {
        Err(ValidationError::new(field, Rule::TooLong { max: MAX_LINE }))
    } else {
        Ok(())
    }
}

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
        assert_eq!(rule(indicator_value("v", -1.0)), Rule::Negative);
        assert_eq!(rule(indicator_value("v", 2.5)), Rule::NotWhole);
        assert_eq!(rule(indicator_value("v", f64::NAN)), Rule::NotANumber);
        assert_eq!(rule(indicator_value("v", f64::INFINITY)), Rule::NotANumber);
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
            Rule::RegistrationNumber,
            Rule::Email,
            Rule::WeakPassword,
            Rule::UnknownId,
            Rule::Duplicate,
        ];
        for r in rules {
            assert_ne!(r.message(Lang::Cs), r.message(Lang::En), "{}", r.code());
            assert!(!r.code().is_empty());
        }
    }
}
