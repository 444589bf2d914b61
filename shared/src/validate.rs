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
            Rule::TooLarge { .. } => "TOO_LARGE",
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

/// What the unit of an impact indicator measures, which bounds its values and targets.
///
/// | kind | units | values |
/// |---|---|---|
/// | [`UnitKind::Count`] | `osoby`, `rodiny`, `domácnosti`, `byty`, `domy`, `budovy`, `setkání`, `jednání`, `žádosti`, `šetření`, `sdělení`, `pozice`, `aktivity`, and any unit not named below | whole, `0..=`[`MAX_COUNT`] (10⁷) |
/// | [`UnitKind::Percent`] | `%`, `procenta`, `procento`, `procent` | `0..=`[`MAX_PERCENT`] (100), fractions allowed |
///
/// Every unit of the plan's indicators today counts things; an unknown unit is a count, the
/// strictest kind, so a new unit never lets a fraction or a huge figure through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// Whole things: persons, families, households, flats, buildings, meetings, requests…
    Count,
    /// A percentage, 0–100.
    Percent,
}

impl UnitKind {
    /// The kind of an indicator's unit as the plan writes it (`osoby`, `%`).
    pub fn of(unit: &str) -> UnitKind {
        let u = unit.trim().to_lowercase();
        if u == "%" || u.starts_with("procent") {
            UnitKind::Percent
        } else {
            UnitKind::Count
        }
    }

    /// The largest value of the kind.
    pub fn max(self) -> f64 {
        match self {
            UnitKind::Count => MAX_COUNT,
            UnitKind::Percent => MAX_PERCENT,
        }
    }
}

/// A value of an impact indicator counting whole things ([`UnitKind::Count`]): finite, not
/// negative, whole and at most [`MAX_COUNT`]. The rule for every unit of the plan's indicators
/// today; [`indicator_value_in`] picks the rule by the unit.
pub fn indicator_value(field: &str, value: f64) -> Check<f64> {
    bounded_value(field, value, UnitKind::Count.max(), true)
}

/// A value (or target) of an impact indicator in `unit`, under the bounds of its
/// [`UnitKind`]: finite (`NOT_A_NUMBER`), not negative (`NEGATIVE`), whole for counts
/// (`NOT_WHOLE`), at most the kind's maximum (`TOO_LARGE`).
pub fn indicator_value_in(field: &str, value: f64, unit: &str) -> Check<f64> {
    let kind = UnitKind::of(unit);
    bounded_value(field, value, kind.max(), kind == UnitKind::Count)
}

/// A value of a global indicator (city or region): finite, not negative, at most
/// [`MAX_GLOBAL_VALUE`]; fractions allowed (indices such as `174,1`, shares such as `3,01 %`).
pub fn global_value(field: &str, value: f64) -> Check<f64> {
    bounded_value(field, value, MAX_GLOBAL_VALUE, false)
}

fn bounded_value(field: &str, value: f64, max: f64, whole: bool) -> Check<f64> {
    if !value.is_finite() {
        return Err(ValidationError::new(field, Rule::NotANumber));
    }
    if value < 0.0 {
        return Err(ValidationError::new(field, Rule::Negative));
    }
    if value > max {
        return Err(ValidationError::new(field, Rule::TooLarge { max }));
    }
    if whole && value.fract() != 0.0 {
        return Err(ValidationError::new(field, Rule::NotWhole));
    }
    // `-0.0` is stored and shown as `0`.
    Ok(if value == 0.0 { 0.0 } else { value })
}

/// A non-negative amount of money in hellers, at most [`MAX_AMOUNT_HELLERS`] (10¹² Kč).
pub fn amount(field: &str, hellers: i64) -> Check<i64> {
    if hellers < 0 {
        Err(ValidationError::new(field, Rule::Negative))
    } else if hellers > MAX_AMOUNT_HELLERS {
        Err(ValidationError::new(
            field,
            Rule::TooLarge {
                max: (MAX_AMOUNT_HELLERS / 100) as f64,
            },
        ))
    } else {
        Ok(hellers)
    }
}

/// An amount as typed (`12 170 133,36 Kč` as [`crate::parse::czk`] reads it, or plain
/// `12170133.36`: digits, a point and one or two decimals) under the rule of [`amount`]. Text
/// that is not an amount is `NOT_A_NUMBER`, except a number too large to be read as one (more
/// than 92 233 720 368 547 758 Kč), which is `TOO_LARGE` as well.
pub fn amount_text(field: &str, text: &str) -> Check<crate::Czk> {
    let plain = text.trim().split_once('.').filter(|(int, frac)| {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        digits(int.strip_prefix('-').unwrap_or(int)) && digits(frac) && frac.len() <= 2
    });
    let text = match plain {
        Some((int, frac)) => format!("{int},{frac}"),
        None => text.to_owned(),
    };
    let text = text.as_str();
    match crate::parse::czk(text) {
        Ok(czk) => amount(field, czk.hellers()).map(crate::Czk::from_hellers),
        Err(_) => {
            let t = text.trim();
            let t = t.strip_suffix("Kč").unwrap_or(t).trim_end();
            let rule = match crate::parse::number(t) {
                Ok(v) if v < 0.0 => Rule::Negative,
                Ok(v) if v * 100.0 >= i64::MAX as f64 => Rule::TooLarge {
                    max: (MAX_AMOUNT_HELLERS / 100) as f64,
                },
                _ => Rule::NotANumber,
            };
            Err(ValidationError::new(field, rule))
        }
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
            Rule::TooLarge { max: MAX_COUNT },
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
