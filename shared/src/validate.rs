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
    /// A control character or an invisible format character that can disguise text (bidi
    /// overrides and isolates, zero-width spaces…), or a line break in a one-line text;
    /// `code_point` names the first one (`U+202E`). See [`refused_char`].
    ControlCharacter { code_point: String },
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
            Rule::ControlCharacter { .. } => "CONTROL_CHARACTER",
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
            (Rule::ControlCharacter { code_point }, Lang::Cs) => format!(
                "Text obsahuje nepovolený řídicí nebo neviditelný znak ({code_point}), \
                 v jednořádkovém poli i zalomení řádku."
            ),
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

/// A one-line text that must not be empty: trimmed, at most [`MAX_LINE`] characters, no line
/// break, no character [`refused_char`] names.
pub fn line(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_LINE, true, false)
}

/// A one-line text that may be empty.
pub fn optional_line(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_LINE, false, false)
}

/// A multi-line text that must not be empty: trimmed, at most [`MAX_TEXT`] characters, line
/// ends as `\n`, no character [`refused_char`] names (tabs and newlines are fine).
pub fn text(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_TEXT, true, true)
}

/// A multi-line text that may be empty.
pub fn optional_text(field: &str, text: &str) -> Check<String> {
    bounded(field, text, MAX_TEXT, false, true)
}

fn bounded(field: &str, text: &str, max: usize, required: bool, multiline: bool) -> Check<String> {
    let t = text.trim();
    // Line ends as Windows clients send them become `\n`; a lone `\r` stays and is refused.
    let t = if multiline && t.contains("\r\n") {
        t.replace("\r\n", "\n")
    } else {
        t.to_owned()
    };
    if required && t.is_empty() {
        return Err(ValidationError::new(field, Rule::Required));
    }
    if t.chars().count() > max {
        return Err(ValidationError::new(field, Rule::TooLong { max }));
    }
    plain(field, &t, multiline)?;
    Ok(t)
}

/// Refuses the first character of `text` that [`refused_char`] names.
pub fn plain(field: &str, text: &str, multiline: bool) -> Check<()> {
    match text.chars().find(|&c| refused_char(c, multiline)) {
        Some(c) => Err(ValidationError::new(
            field,
            Rule::ControlCharacter {
                code_point: format!("U+{:04X}", u32::from(c)),
            },
        )),
        None => Ok(()),
    }
}

/// Whether entered text may not hold `c`.
///
/// Refused: every control character (C0, DEL, C1) except tab, and except a newline in
/// multi-line texts (`\r` too: line ends are normalised to `\n` before); the line and paragraph
/// separators (U+2028, U+2029); the bidi embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069) and the direction marks (U+200E, U+200F, U+061C), which reorder what a reader
/// sees ("Trojan Source"); the invisible characters that make two equal-looking texts differ or
/// smuggle hidden text: zero-width space (U+200B), word joiner and invisible operators
/// (U+2060–U+2064), the deprecated format characters (U+206A–U+206F), the byte-order mark
/// (U+FEFF), the Mongolian vowel separator (U+180E), interlinear annotations (U+FFF9–U+FFFB)
/// and the tag characters (U+E0000–U+E007F).
///
/// Kept on purpose: the zero-width joiner and non-joiner (U+200D, U+200C), which some scripts
/// and emoji sequences need; variation selectors (emoji presentation); the soft hyphen (U+00AD)
/// and no-break spaces, which text pasted from the plan's PDF documents carries. The plan's
/// texts are Czech, so refusing the direction marks costs nothing here.
pub fn refused_char(c: char, multiline: bool) -> bool {
    match c {
        '\t' => false,
        '\n' => !multiline,
        c if c.is_control() => true,
        '\u{2028}' | '\u{2029}' => true,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        '\u{200E}' | '\u{200F}' | '\u{061C}' => true,
        '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{206A}'..='\u{206F}' => true,
        '\u{FEFF}' | '\u{180E}' | '\u{FFF9}'..='\u{FFFB}' => true,
        '\u{E0000}'..='\u{E007F}' => true,
        _ => false,
    }
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
            Rule::ControlCharacter {
                code_point: "U+202E".into(),
            },
        ];
        for r in rules {
            assert_ne!(r.message(Lang::Cs), r.message(Lang::En), "{}", r.code());
            assert!(!r.code().is_empty());
        }
    }
}
