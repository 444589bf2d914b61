//! Reading the Czech texts printed in the source documents into values.
//!
//! The data files keep every figure verbatim, as the plan and the report print it ("1 190",
//! "6,1 mil. Kč (3 roky)", "01/2023–12/2025", "V realizaci (4/6)"). The loader keeps that text
//! for display and uses these parsers to get the value behind it, so a typo in a transcription is
//! refused at load time instead of showing up as a wrong number in a dashboard.
//!
//! The documents are PDFs: numbers are grouped by normal, no-break (U+00A0) or narrow no-break
//! (U+202F) spaces, and ranges use `-`, `–` (en dash) or `—` (em dash). Every parser trims its
//! input and accepts all of these. Money is read with integer arithmetic only, never `f64`.

use crate::code::Level;
use crate::{ActivityKind, Code, Czk, Date, FundingSource, MeasureStatus};

/// Why a printed text could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("cannot read {what} from `{text}`")]
pub struct ParseError {
    /// What was expected ("a number", "an amount in Kč", …).
    pub what: &'static str,
    /// The text as given.
    pub text: String,
}

impl ParseError {
    fn new(what: &'static str, text: &str) -> ParseError {
        ParseError {
            what,
            text: text.to_owned(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// Whether `c` is one of the dashes the documents use for ranges and empty cells.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '−')
}

/// Whether the whole (trimmed) text is a single dash, the documents' "nothing here".
fn is_lone_dash(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_dash(c))
}

/// The text trimmed, with every run of whitespace (including U+00A0, U+202F, U+2009) turned
/// into one normal space.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}')) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `text` without `prefix`, compared case-insensitively, or `None` if it does not start so.
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut rest = text.char_indices();
    for p in prefix.chars() {
        let (_, t) = rest.next()?;
        if !t.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(rest.next().map_or("", |(i, _)| &text[i..]))
}

/// `text` without `suffix`, compared case-insensitively, or `None` if it does not end so.
fn strip_suffix_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let mut rest = text.char_indices().rev();
    let mut cut = text.len();
    for s in suffix.chars().rev() {
        let (i, t) = rest.next()?;
        if !t.to_lowercase().eq(s.to_lowercase()) {
            return None;
        }
        cut = i;
    }
    Some(&text[..cut])
}

/// Splits `a–b` at its single range dash, trimming both sides; `None` without exactly one dash
/// or with an empty side.
fn split_range(s: &str) -> Option<(&str, &str)> {
    let mut dashes = s.char_indices().filter(|(_, c)| is_dash(*c));
    let (at, dash) = dashes.next()?;
    if dashes.next().is_some() {
        return None;
    }
    let (from, to) = (s[..at].trim(), s[at + dash.len_utf8()..].trim());
    (!from.is_empty() && !to.is_empty()).then_some((from, to))
}

/// Splits on any of `separators` outside parentheses, trimming the pieces and dropping empty
/// ones.
fn split_top_level<'a>(text: &'a str, separators: &[char]) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut depth = 0_u32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 && separators.contains(&c) => {
                pieces.push(text[start..i].trim());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(text[start..].trim());
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// Parses a run of ASCII digits of an allowed length.
fn digits<T: std::str::FromStr>(s: &str, lengths: std::ops::RangeInclusive<usize>) -> Option<T> {
    (lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A printed decimal number split into its parts, digits only.
#[derive(Debug)]
struct Decimal {
    negative: bool,
    int: String,
    frac: String,
}

/// Reads `-1 234,5` from normalized text: an optional minus, digits grouped by single spaces
/// in threes (or not grouped at all), an optional decimal comma with digits.
fn decimal(s: &str) -> Option<Decimal> {
    let (negative, s) = match s.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int_part, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int_part.split(' ').collect();
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !groups.iter().all(|g| all_digits(g)) {
        return None;
    }
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let frac = match frac {
        Some(f) if all_digits(f) => f.to_owned(),
        Some(_) => return None,
        None => String::new(),
    };
    Some(Decimal {
        negative,
        int: groups.concat(),
        frac,
    })
}

impl Decimal {
    fn to_f64(&self) -> Option<f64> {
        let sign = if self.negative { "-" } else { "" };
        let frac = if self.frac.is_empty() {
            "0"
        } else {
            &self.frac
        };
        format!("{sign}{}.{frac}", self.int).parse().ok()
    }

    /// The value times `10^exp`, exactly; `None` if that is not a whole number or overflows.
    fn scaled(&self, exp: u32) -> Option<i64> {
        let places = u32::try_from(self.frac.len()).ok().filter(|p| *p <= exp)?;
        let int: i64 = self.int.parse().ok()?;
        let frac: i64 = if self.frac.is_empty() {
            0
        } else {
            self.frac.parse().ok()?
        };
        let value = int
            .checked_mul(10_i64.checked_pow(exp)?)?
            .checked_add(frac.checked_mul(10_i64.checked_pow(exp - places)?)?)?;
        Some(if self.negative { -value } else { value })
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers and money
// ---------------------------------------------------------------------------------------------

/// A number as printed: `1 190`, `6,1`, `3,01 %`, `cca 3 100`, `-12,5`.
///
/// A leading "cca" and a trailing "%" are dropped (the value of `3,01 %` is `3.01`). Thousands
/// are grouped by spaces in threes; the decimal separator is a comma.
pub fn number(text: &str) -> Result<f64, ParseError> {
    let err = || ParseError::new("a number", text);
    let s = normalize(text);
    let s = strip_prefix_ci(&s, "cca").map_or(s.as_str(), |rest| rest.trim_start_matches('.'));
    let s = s.trim();
    let s = s.strip_suffix('%').unwrap_or(s).trim_end();
    decimal(s).and_then(|d| d.to_f64()).ok_or_else(err)
}

/// The value of an impact indicator in the report.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorReading {
    /// A single figure ("39", "1 631").
    Value(f64),
    /// Several figures printed in one cell ("12/12/4/22"), in order.
    Parts(Vec<f64>),
    /// No figure ("-", "–", "n. a.").
    Missing,
}

/// An indicator value cell of the report: `39`, `1 631`, `12/12/4/22`, `-`, `n. a.`.
pub fn indicator_value(text: &str) -> Result<IndicatorReading, ParseError> {
    let err = || ParseError::new("an indicator value", text);
    let s = normalize(text);
    let compact: String = s
        .chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .to_lowercase();
    if is_lone_dash(&s) || matches!(compact.as_str(), "n.a." | "n.a" | "n/a") {
        return Ok(IndicatorReading::Missing);
    }
    if s.contains('/') {
        let parts: Option<Vec<f64>> = s.split('/').map(|p| number(p).ok()).collect();
        return match parts {
            Some(parts) if parts.len() >= 2 => Ok(IndicatorReading::Parts(parts)),
            _ => Err(err()),
        };
    }
    number(&s).map(IndicatorReading::Value).map_err(|_| err())
}

/// An exact amount: `14 964 994,80 Kč`, `4 144 700,00 Kč`, `25 000 Kč`, `1 000,- Kč`, with or
/// without `Kč`; at most two decimal places.
pub fn czk(text: &str) -> Result<Czk, ParseError> {
    let err = || ParseError::new("an amount in Kč", text);
    let s = normalize(text);
    let s = strip_suffix_ci(&s, "Kč").unwrap_or(&s).trim_end();
    let s = s
        .strip_suffix(",-")
        .or_else(|| s.strip_suffix(",–"))
        .unwrap_or(s);
    decimal(s)
        .and_then(|d| d.scaled(2))
        .map(Czk::from_hellers)
        .ok_or_else(err)
}

/// An amount with an optional unit: `25 mil. Kč`, `175 mil`, `30 tis.`, `1,2 mld. Kč`,
/// `500 Kč`. `s` is normalized.
fn scaled_amount(s: &str) -> Option<Czk> {
    // Units in hellers, as powers of ten.
    const UNITS: [(&str, u32); 6] = [
        ("mld.", 11),
        ("mld", 11),
        ("mil.", 8),
        ("mil", 8),
        ("tis.", 5),
        ("tis", 5),
    ];
    let s = strip_suffix_ci(s, "Kč").unwrap_or(s).trim_end();
    let (number, exp) = UNITS
        .iter()
        .find_map(|(unit, exp)| s.strip_suffix(unit).map(|n| (n.trim_end(), *exp)))
        .unwrap_or((s, 2));
    decimal(number)?.scaled(exp).map(Czk::from_hellers)
}

/// An estimated cost as printed in a measure card or in Tabulka 5/6.
#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    /// The amount, `None` for "-" and for references to another measure.
    pub amount: Option<Czk>,
    /// "Přibližně …" (or "cca …").
    pub approximate: bool,
    /// "Viz opatření 1.1.1.1": the cost is given at that measure.
    pub see_measure: Option<Code>,
    /// The period the amount covers, from a trailing parenthesis: "3 roky", "jednorázově".
    pub period: Option<String>,
    /// The whole amount is in parentheses, "(100 mil.)": the plan's way of saying it probably
    /// comes from another call.
    pub bracketed: bool,
    /// A second amount in parentheses beside the main one, verbatim: "+100 mil." in
    /// "175 mil (+100 mil.) Kč*".
    pub extra: Option<String>,
}

/// A cost: `25 mil. Kč`, `6,1 mil. Kč`, `30 tis. Kč (jednorázově)`, `Přibližně 100 mil. Kč`,
/// `(100 mil.)`, `Viz opatření 1.1.1.1`, `175 mil (+100 mil.) Kč*`, `-`.
///
/// A trailing `*` (a footnote mark) is dropped. A parenthesis holding an amount is `extra` (or,
/// when nothing stands outside it, the bracketed amount itself); any other parenthesis is the
/// `period`.
pub fn cost(text: &str) -> Result<Cost, ParseError> {
    let err = || ParseError::new("a cost", text);
    let mut cost = Cost {
        amount: None,
        approximate: false,
        see_measure: None,
        period: None,
        bracketed: false,
        extra: None,
    };
    let s = normalize(text);
    let s = s.trim_end_matches('*').trim_end();
    if s.is_empty() || is_lone_dash(s) {
        return Ok(cost);
    }

    if let Some(rest) = strip_prefix_ci(s, "viz") {
        let rest = rest.trim_start();
        let rest = strip_prefix_ci(rest, "opatření").unwrap_or(rest);
        let code: Code = rest.parse().map_err(|_| err())?;
        if code.level() != Level::Measure {
            return Err(err());
        }
        cost.see_measure = Some(code);
        return Ok(cost);
    }

    let s = match strip_prefix_ci(s, "přibližně").or_else(|| strip_prefix_ci(s, "cca")) {
        Some(rest) => {
            cost.approximate = true;
            rest.trim_start_matches('.').trim_start()
        }
        None => s,
    };

    // Split into the text outside parentheses and the parenthesised groups.
    let mut outside = String::new();
    let mut groups = Vec::new();
    let mut group: Option<String> = None;
    for c in s.chars() {
        match (c, &mut group) {
            ('(', None) => group = Some(String::new()),
            (')', Some(g)) => {
                groups.push(g.trim().to_owned());
                group = None;
            }
            ('(' | ')', _) => return Err(err()),
            (c, Some(g)) => g.push(c),
            (c, None) => outside.push(c),
        }
    }
    if group.is_some() {
        return Err(err());
    }

    let mut amounts = Vec::new();
    for g in groups {
        let as_amount = scaled_amount(g.strip_prefix('+').unwrap_or(&g).trim_start());
        match as_amount {
            Some(amount) => amounts.push((amount, g)),
            None if cost.period.is_none() && !g.is_empty() => cost.period = Some(g),
            None => return Err(err()),
        }
    }

    let outside = normalize(&outside);
    let outside = strip_suffix_ci(&outside, "Kč").unwrap_or(&outside).trim();
    if outside.is_empty() {
        let [(amount, _)] = amounts.as_slice() else {
            return Err(err());
        };
        cost.amount = Some(*amount);
        cost.bracketed = true;
    } else {
        cost.amount = Some(scaled_amount(outside).ok_or_else(err)?);
        match amounts.len() {
            0 => {}
            1 => cost.extra = amounts.pop().map(|(_, text)| text),
            _ => return Err(err()),
        }
    }
    Ok(cost)
}

// ---------------------------------------------------------------------------------------------
// Dates, schedules and periods
// ---------------------------------------------------------------------------------------------

/// A four-digit year.
fn year(s: &str) -> Option<i32> {
    digits(s, 4..=4)
}

/// `M/YYYY` or `MM/YYYY` as (year, month).
fn month_year(s: &str) -> Option<(i32, u8)> {
    let (m, y) = s.split_once('/')?;
    let month: u8 = digits(m.trim(), 1..=2)?;
    (1..=12).contains(&month).then_some(())?;
    Some((year(y.trim())?, month))
}

/// The first and last day of `YYYY` or `MM/YYYY`.
fn schedule_bounds(s: &str) -> Option<(Date, Date)> {
    if let Some(y) = year(s) {
        return Some((Date::new(y, 1, 1)?, Date::new(y, 12, 31)?));
    }
    let (y, m) = month_year(s)?;
    Some((Date::first_of_month(y, m)?, Date::last_of_month(y, m)?))
}

/// The "Harmonogram" of a measure card.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The first day.
    pub from: Option<Date>,
    /// The last day, `None` when only the start is known.
    pub to: Option<Date>,
    /// "Zahájení v roce 2024": only the start is given.
    pub start_only: bool,
}

/// A schedule: `2022–2025`, `01/2023–12/2025`, `4/2023–4/2026`, `2023`, `Zahájení v roce 2024`.
///
/// Years stand for their first and last day, months likewise (`03/2023—02/2026` is
/// 2023-03-01 to 2026-02-28).
pub fn schedule(text: &str) -> Result<Schedule, ParseError> {
    let err = || ParseError::new("a schedule", text);
    let s = normalize(text);
    if let Some(rest) = strip_prefix_ci(&s, "zahájení v roce") {
        let y = year(rest.trim()).ok_or_else(err)?;
        let from = Date::new(y, 1, 1).ok_or_else(err)?;
        return Ok(Schedule {
            from: Some(from),
            to: None,
            start_only: true,
        });
    }
    let (from, to) = match split_range(&s) {
        Some((a, b)) => {
            let (from, _) = schedule_bounds(a).ok_or_else(err)?;
            let (_, to) = schedule_bounds(b).ok_or_else(err)?;
            (from, to)
        }
        None => schedule_bounds(&s).ok_or_else(err)?,
    };
    if to < from {
        return Err(err());
    }
    Ok(Schedule {
        from: Some(from),
        to: Some(to),
        start_only: false,
    })
}

/// The period of a project in the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Period {
    /// "1. 11. 2022–31. 10. 2025".
    Range { from: Date, to: Date },
    /// "Průběžně": continuous work without an end.
    Ongoing,
    /// "2023".
    Year(i32),
}

/// A project period: `1. 11. 2022–31. 10. 2025`, `Průběžně`, `2023`.
pub fn period(text: &str) -> Result<Period, ParseError> {
    let err = || ParseError::new("a period", text);
    let s = normalize(text);
    if s.to_lowercase() == "průběžně" {
        return Ok(Period::Ongoing);
    }
    if let Some(y) = year(&s) {
        return Ok(Period::Year(y));
    }
    let (a, b) = split_range(&s).ok_or_else(err)?;
    let from = date_cz(a).map_err(|_| err())?;
    let to = date_cz(b).map_err(|_| err())?;
    if to < from {
        return Err(err());
    }
    Ok(Period::Range { from, to })
}

/// A Czech date: `30. 4. 2024`, `1.7.2025`, `01.07.2024`, also as a report column header
/// `Data k 30. 4. 2024` / `Stav k 31. 12. 2023`.
pub fn date_cz(text: &str) -> Result<Date, ParseError> {
    let err = || ParseError::new("a date", text);
    let s = normalize(text);
    let s = ["data k ", "stav k "]
        .iter()
        .find_map(|p| strip_prefix_ci(&s, p))
        .unwrap_or(&s);
    let mut parts = s.split('.').map(str::trim);
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(err());
    };
    let day = digits(d, 1..=2).ok_or_else(err)?;
    let month = digits(m, 1..=2).ok_or_else(err)?;
    let year = year(y).ok_or_else(err)?;
    Date::new(year, month, day).ok_or_else(err)
}

// ---------------------------------------------------------------------------------------------
// Report cells
// ---------------------------------------------------------------------------------------------

/// A measure's status in the report: `Nerealizováno`, `V realizaci`, `V realizaci (4/6)`,
/// `Dokončeno`; case-insensitive.
pub fn status(text: &str) -> Result<MeasureStatus, ParseError> {
    let err = || ParseError::new("a measure status", text);
    let s = normalize(text);
    if s.to_lowercase() == "nerealizováno" {
        return Ok(MeasureStatus::NotImplemented);
    }
    if s.to_lowercase() == "dokončeno" {
        return Ok(MeasureStatus::Completed);
    }
    let rest = strip_prefix_ci(&s, "v realizaci").ok_or_else(err)?.trim();
    if rest.is_empty() {
        return Ok(MeasureStatus::InProgress {
            reports: None,
            of: None,
        });
    }
    let inner = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .ok_or_else(err)?;
    let (n, of) = inner.split_once('/').ok_or_else(err)?;
    let n: u8 = digits(n.trim(), 1..=3).ok_or_else(err)?;
    let of: u8 = digits(of.trim(), 1..=3).ok_or_else(err)?;
    if of == 0 || n > of {
        return Err(err());
    }
    Ok(MeasureStatus::InProgress {
        reports: Some(n),
        of: Some(of),
    })
}

/// The activity column: `Projektová aktivita`, `Projektová aktivita (SAS)`,
/// `Neprojektová aktivita`; the parenthesis (usually the social service) is returned as is.
pub fn activity(text: &str) -> Result<(ActivityKind, Option<String>), ParseError> {
    let err = || ParseError::new("an activity kind", text);
    let s = normalize(text);
    let (kind, rest) = if let Some(rest) = strip_prefix_ci(&s, "projektová aktivita") {
        (ActivityKind::Project, rest)
    } else if let Some(rest) = strip_prefix_ci(&s, "neprojektová aktivita") {
        (ActivityKind::NonProject, rest)
    } else {
        return Err(err());
    };
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok((kind, None));
    }
    let detail = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.contains(['(', ')']))
        .ok_or_else(err)?;
    Ok((kind, Some(detail.to_owned())))
}

// ---------------------------------------------------------------------------------------------
// Funding sources and links
// ---------------------------------------------------------------------------------------------

/// The funding source one comma-separated piece names, if any.
fn funding_source(piece: &str) -> Option<FundingSource> {
    let p = normalize(piece).to_lowercase();
    let is_word = |prefix: &str| {
        p.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '(']))
    };
    if is_word("opz+") || is_word("opz") || p.contains("zaměstnanost") {
        Some(FundingSource::OpzPlus)
    } else if is_word("irop") {
        Some(FundingSource::Irop)
    } else if p.contains("operační program") && p.contains("jiný") {
        Some(FundingSource::OtherProgramme)
    } else if is_word("rozpočet města") || is_word("rozpočty města") {
        Some(FundingSource::City)
    } else if (p.starts_with("rozpočet městsk") || p.starts_with("rozpočty městsk"))
        && p.contains(" obvod")
    {
        Some(FundingSource::District)
    } else if is_word("rozpočet nno") || is_word("rozpočty nno") {
        Some(FundingSource::Ngo)
    } else if is_word("rozpočet organizace") || is_word("rozpočty organizací") {
        Some(FundingSource::Organisation)
    } else if is_word("rozpočet agentury") {
        Some(FundingSource::Agency)
    } else if is_word("externí zdroje") || is_word("externí zdroj") {
        Some(FundingSource::External)
    } else {
        None
    }
}

/// The pieces of a "Zdroje financování" cell, without "-" placeholders.
fn funding_pieces(text: &str) -> Vec<&str> {
    split_top_level(text, &[','])
        .into_iter()
        .filter(|p| !is_lone_dash(p))
        .collect()
}

/// The funding sources of a "Zdroje financování" cell: `OPZ+, rozpočet města`,
/// `IROP (pravděpodobně mimo KPSV+), případně jiný vhodný operační program, rozpočet NNO`.
///
/// First-seen order, without duplicates; pieces naming no known source are skipped (see
/// [`funding_unknown`]); `-` is no source.
pub fn funding(text: &str) -> Vec<FundingSource> {
    let mut sources = Vec::new();
    for source in funding_pieces(text).into_iter().filter_map(funding_source) {
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    sources
}

/// The pieces of a "Zdroje financování" cell that name no known source, trimmed, so the loader
/// can refuse them.
pub fn funding_unknown(text: &str) -> Vec<String> {
    funding_pieces(text)
        .into_iter()
        .filter(|p| funding_source(p).is_none())
        .map(normalize)
        .collect()
}

/// One item of a "Vazba na další cíle" cell.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A strategic or specific goal ("Strategický cíl 5.2", "Specifický cíl 4.1.2").
    Goal(Code),
    /// A measure ("Opatření 1.1.1.1").
    Measure(Code),
    /// Anything else, verbatim ("Osoby bez přístřeší").
    Other(String),
}

/// One link: a named goal or measure, a bare code, or anything else as text.
fn link(piece: &str) -> LinkTarget {
    const GOALS: [&str; 4] = [
        "strategický cíl",
        "strategické cíle",
        "specifický cíl",
        "specifické cíle",
    ];
    let code = |rest: &str| rest.trim().parse::<Code>().ok();
    if let Some(code) = GOALS
        .iter()
        .find_map(|p| strip_prefix_ci(piece, p))
        .and_then(code)
    {
        return LinkTarget::Goal(code);
    }
    if let Some(code) = strip_prefix_ci(piece, "opatření").and_then(code) {
        return LinkTarget::Measure(code);
    }
    match code(piece).map(|c| (c.level(), c)) {
        Some((Level::Measure, c)) => LinkTarget::Measure(c),
        Some((Level::StrategicGoal | Level::SpecificGoal, c)) => LinkTarget::Goal(c),
        _ => LinkTarget::Other(piece.to_owned()),
    }
}

/// The "Vazba na další cíle" cell: `Strategický cíl 5.2`, `Opatření 1.1.1.1`, several separated
/// by `,` or `;`; `""` and `-` are no links. A bare code is a measure (four parts) or a goal.
pub fn links(text: &str) -> Vec<LinkTarget> {
    let s = normalize(text);
    split_top_level(&s, &[',', ';'])
        .into_iter()
        .filter(|p| !is_lone_dash(p))
        .map(link)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Registration numbers
// ---------------------------------------------------------------------------------------------

/// The registration number of an EU project, `CZ.03.02.01/00/22_018/0001145`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationNumber(String);

/// The shape of a registration number: `9` is an ASCII digit, anything else itself.
const REGISTRATION_PATTERN: &str = "CZ.99.99.99/99/99_999/9999999";

/// Where the call number sits in a registration number.
const CALL_DIGITS: std::ops::Range<usize> = 18..21;

impl RegistrationNumber {
    /// The number as printed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number of the call the project was funded from (`18` for `…/22_018/…`).
    pub fn call(&self) -> u16 {
        // The constructor checked these are three ASCII digits.
        self.0.as_bytes()[CALL_DIGITS]
            .iter()
            .fold(0, |n, b| n * 10 + u16::from(b - b'0'))
    }
}

impl std::fmt::Display for RegistrationNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A registration number `CZ.dd.dd.dd/dd/dd_ddd/ddddddd`; anything else is refused.
pub fn registration_number(text: &str) -> Result<RegistrationNumber, ParseError> {
    let s = text.trim();
    let matches = s.len() == REGISTRATION_PATTERN.len()
        && s.bytes()
            .zip(REGISTRATION_PATTERN.bytes())
            .all(|(c, p)| match p {
                b'9' => c.is_ascii_digit(),
                p => c == p,
            });
    if matches {
        Ok(RegistrationNumber(s.to_owned()))
    } else {
        Err(ParseError::new("a registration number", text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Code {
        s.parse().unwrap()
    }

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn mil(crowns: i64) -> Option<Czk> {
        Some(Czk::from_crowns(crowns))
    }

    #[test]
    fn reads_numbers() {
        let cases = [
            ("1 190", 1190.0),
            ("1\u{a0}190", 1190.0),
            ("1\u{202f}190", 1190.0),
            ("6,1", 6.1),
            ("54", 54.0),
            ("3,01 %", 3.01),
            ("3,01%", 3.01),
            ("cca 3 100", 3100.0),
            ("174,1", 174.1),
            ("-12,5", -12.5),
            ("  1 234 567,89 ", 1_234_567.89),
            ("1190", 1190.0),
            ("0", 0.0),
        ];
        for (text, expected) in cases {
            assert_eq!(number(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "",
            "abc",
            "1,2,3",
            "1 19",
            "12 34 567",
            "1.5",
            "6,",
            ",5",
            "- 1",
            "1 290+",
            "%",
        ] {
            let e = number(bad).unwrap_err();
            assert_eq!(
                e,
                ParseError {
                    what: "a number",
                    text: bad.to_owned()
                },
                "{bad}"
            );
        }
        assert_eq!(
            number("abc").unwrap_err().to_string(),
            "cannot read a number from `abc`"
        );
    }

    #[test]
    fn reads_indicator_values() {
        use IndicatorReading::*;
        let cases = [
            ("39", Value(39.0)),
            ("1 631", Value(1631.0)),
            ("12/12/4/22", Parts(vec![12.0, 12.0, 4.0, 22.0])),
            ("-", Missing),
            ("–", Missing),
            ("—", Missing),
            ("n. a.", Missing),
            ("n.a.", Missing),
            ("N. A.", Missing),
            (" 0 ", Value(0.0)),
        ];
        for (text, expected) in cases {
            assert_eq!(indicator_value(text), Ok(expected), "{text}");
        }
        for bad in ["", "abc", "12/", "/4", "12//4", "--", "n. b."] {
            assert!(indicator_value(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_exact_amounts() {
        let cases = [
            ("14 964 994,80 Kč", 1_496_499_480),
            ("12 170 133,36 Kč", 1_217_013_336),
            ("4 144 700,00 Kč", 414_470_000),
            ("30 969 331,66 Kč", 3_096_933_166),
            ("149 348 386,20 Kč", 14_934_838_620),
            ("149 348 386,20", 14_934_838_620),
            ("14\u{a0}964\u{a0}994,80\u{a0}Kč", 1_496_499_480),
            ("25 000 Kč", 2_500_000),
            ("1 000,- Kč", 100_000),
            ("0,5 Kč", 50),
            ("-1 000,25 Kč", -100_025),
        ];
        for (text, hellers) in cases {
            assert_eq!(czk(text), Ok(Czk::from_hellers(hellers)), "{text}");
        }
        for bad in [
            "",
            "Kč",
            "abc",
            "1,234 Kč",
            "1 23,00 Kč",
            "12.5 Kč",
            "25 mil. Kč",
            "1,2,3",
        ] {
            assert!(czk(bad).is_err(), "{bad}");
        }
    }

    fn plain(amount: Option<Czk>) -> Cost {
        Cost {
            amount,
            approximate: false,
            see_measure: None,
            period: None,
            bracketed: false,
            extra: None,
        }
    }

    #[test]
    fn reads_costs() {
        let cases = [
            ("25 mil. Kč", plain(mil(25_000_000))),
            ("6,1 mil. Kč", plain(mil(6_100_000))),
            ("2,7 mil. Kč", plain(mil(2_700_000))),
            ("4,8 mil. Kč", plain(mil(4_800_000))),
            ("222,9 mil. Kč", plain(mil(222_900_000))),
            ("30 tis. Kč", plain(mil(30_000))),
            ("10 mil.", plain(mil(10_000_000))),
            ("175 mil", plain(mil(175_000_000))),
            ("1,25 mld. Kč", plain(mil(1_250_000_000))),
            ("500 Kč", plain(mil(500))),
            (
                "Přibližně 100 mil. Kč",
                Cost {
                    approximate: true,
                    ..plain(mil(100_000_000))
                },
            ),
            (
                "Přibližně 30 tis. Kč",
                Cost {
                    approximate: true,
                    ..plain(mil(30_000))
                },
            ),
            (
                "15 mil. Kč (3 roky)",
                Cost {
                    period: Some("3 roky".into()),
                    ..plain(mil(15_000_000))
                },
            ),
            (
                "30 tis. Kč (jednorázově)",
                Cost {
                    period: Some("jednorázově".into()),
                    ..plain(mil(30_000))
                },
            ),
            (
                "(100 mil.)",
                Cost {
                    bracketed: true,
                    ..plain(mil(100_000_000))
                },
            ),
            (
                "Viz opatření 1.1.1.1",
                Cost {
                    see_measure: Some(code("1.1.1.1")),
                    ..plain(None)
                },
            ),
            (
                "Viz 1.1.1.1",
                Cost {
                    see_measure: Some(code("1.1.1.1")),
                    ..plain(None)
                },
            ),
            ("-", plain(None)),
            ("–", plain(None)),
            ("", plain(None)),
            (
                "175 mil (+100 mil.) Kč*",
                Cost {
                    extra: Some("+100 mil.".into()),
                    ..plain(mil(175_000_000))
                },
            ),
            (
                "397,9 mil. (100 mil.) Kč*",
                Cost {
                    extra: Some("100 mil.".into()),
                    ..plain(mil(397_900_000))
                },
            ),
            ("6\u{a0}mil.\u{a0}Kč", plain(mil(6_000_000))),
        ];
        for (text, expected) in cases {
            assert_eq!(cost(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn reads_costs_exactly() {
        let c = cost("6,1 mil.").unwrap();
        assert_eq!(c.amount.map(Czk::hellers), Some(610_000_000));
        let c = cost("397,9 mil. (100 mil.) Kč*").unwrap();
        assert_eq!(c.amount.map(Czk::hellers), Some(39_790_000_000));
    }

    #[test]
    fn refuses_what_is_not_a_cost() {
        for bad in [
            "abc",
            "mil. Kč",
            "(3 roky)",
            "25 mil. Kč (3 roky) (2 roky)",
            "25 mil. Kč (",
            "25 mil. Kč)",
            "25 mil. ((3 roky))",
            "10 mil. (1 mil.) (2 mil.)",
            "Viz opatření x",
            "Viz opatření 1.1.1",
            "6,123456789 mil.",
            "1,2,3 mil.",
            "25 mio. Kč",
            "(100 mil.) (200 mil.)",
        ] {
            let e = cost(bad).unwrap_err();
            assert_eq!(e.what, "a cost", "{bad}");
        }
    }

    #[test]
    fn reads_schedules() {
        let range = |from, to| Schedule {
            from: Some(from),
            to: Some(to),
            start_only: false,
        };
        let cases = [
            ("2022–2025", range(date(2022, 1, 1), date(2025, 12, 31))),
            (
                "01/2023–12/2025",
                range(date(2023, 1, 1), date(2025, 12, 31)),
            ),
            (
                "03/2023—02/2026",
                range(date(2023, 3, 1), date(2026, 2, 28)),
            ),
            ("4/2023–4/2026", range(date(2023, 4, 1), date(2026, 4, 30))),
            (
                "03/2023-02/2026",
                range(date(2023, 3, 1), date(2026, 2, 28)),
            ),
            (
                "1/2023–12/2025",
                range(date(2023, 1, 1), date(2025, 12, 31)),
            ),
            ("2023–2025", range(date(2023, 1, 1), date(2025, 12, 31))),
            ("2023 – 2025", range(date(2023, 1, 1), date(2025, 12, 31))),
            ("2023", range(date(2023, 1, 1), date(2023, 12, 31))),
            ("02/2024", range(date(2024, 2, 1), date(2024, 2, 29))),
            (
                "Zahájení v roce 2024",
                Schedule {
                    from: Some(date(2024, 1, 1)),
                    to: None,
                    start_only: true,
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(schedule(text), Ok(expected), "{text}");
        }
        for bad in [
            "x",
            "",
            "-",
            "13/2023–12/2025",
            "0/2023–12/2025",
            "2025–2022",
            "12/2025–01/2025",
            "2023–",
            "2022–2023–2024",
            "23–25",
            "Zahájení v roce",
            "Zahájení v roce 24",
        ] {
            assert!(schedule(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_periods() {
        let cases = [
            (
                "1. 11. 2022–31. 10. 2025",
                Period::Range {
                    from: date(2022, 11, 1),
                    to: date(2025, 10, 31),
                },
            ),
            (
                "1. 7. 2023–30. 6. 2026",
                Period::Range {
                    from: date(2023, 7, 1),
                    to: date(2026, 6, 30),
                },
            ),
            (
                "1. 1. 2024 - 31. 12. 2024",
                Period::Range {
                    from: date(2024, 1, 1),
                    to: date(2024, 12, 31),
                },
            ),
            ("Průběžně", Period::Ongoing),
            ("průběžně", Period::Ongoing),
            ("2023", Period::Year(2023)),
        ];
        for (text, expected) in cases {
            assert_eq!(period(text), Ok(expected), "{text}");
        }
        for bad in [
            "",
            "-",
            "Podzim 2025",
            "1. pol. 2023",
            "31. 10. 2025–1. 11. 2022",
            "1. 11. 2022–31. 11. 2025",
            "1. 11. 2022",
            "23",
        ] {
            assert!(period(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_czech_dates() {
        let cases = [
            ("30. 4. 2024", date(2024, 4, 30)),
            ("28. 2. 2025", date(2025, 2, 28)),
            ("1.7.2025", date(2025, 7, 1)),
            ("01.07.2024", date(2024, 7, 1)),
            ("1.\u{a0}7.\u{a0}2025", date(2025, 7, 1)),
            ("Data k 30. 4. 2024", date(2024, 4, 30)),
            ("Stav k 31. 12. 2023", date(2023, 12, 31)),
            ("29. 2. 2024", date(2024, 2, 29)),
        ];
        for (text, expected) in cases {
            assert_eq!(date_cz(text), Ok(expected), "{text}");
        }
        for bad in [
            "31. 2. 2025",
            "29. 2. 2025",
            "",
            "30. 4.",
            "30. 4. 24",
            "30. 4. 2024.",
            "2024-04-30",
            "Data 30. 4. 2024",
            "a. 4. 2024",
            "130. 4. 2024",
        ] {
            assert!(date_cz(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_statuses() {
        let cases = [
            ("Nerealizováno", MeasureStatus::NotImplemented),
            ("NEREALIZOVÁNO", MeasureStatus::NotImplemented),
            (
                "V realizaci (4/6)",
                MeasureStatus::InProgress {
                    reports: Some(4),
                    of: Some(6),
                },
            ),
            (
                "V realizaci (0/6)",
                MeasureStatus::InProgress {
                    reports: Some(0),
                    of: Some(6),
                },
            ),
            (
                "v realizaci ( 6 / 6 )",
                MeasureStatus::InProgress {
                    reports: Some(6),
                    of: Some(6),
                },
            ),
            (
                "V realizaci",
                MeasureStatus::InProgress {
                    reports: None,
                    of: None,
                },
            ),
            (
                "v realizaci",
                MeasureStatus::InProgress {
                    reports: None,
                    of: None,
                },
            ),
            ("Dokončeno", MeasureStatus::Completed),
            ("dokončeno", MeasureStatus::Completed),
        ];
        for (text, expected) in cases {
            assert_eq!(status(text), Ok(expected), "{text}");
        }
        for bad in [
            "",
            "Hotovo",
            "V realizaci (7/6)",
            "V realizaci (1/0)",
            "V realizaci (4)",
            "V realizaci (a/6)",
            "V realizaci 4/6",
            "V realizaci (4/6",
            "V realizacix",
        ] {
            assert!(status(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_activities() {
        let cases = [
            ("Projektová aktivita", (ActivityKind::Project, None)),
            (
                "Projektová aktivita (SAS)",
                (ActivityKind::Project, Some("SAS".to_owned())),
            ),
            (
                "Projektová aktivita (Krizová pomoc)",
                (ActivityKind::Project, Some("Krizová pomoc".to_owned())),
            ),
            ("Neprojektová aktivita", (ActivityKind::NonProject, None)),
            ("neprojektová aktivita", (ActivityKind::NonProject, None)),
        ];
        for (text, expected) in cases {
            assert_eq!(activity(text), Ok(expected), "{text}");
        }
        for bad in [
            "",
            "Aktivita",
            "Projektová aktivita SAS",
            "Projektová aktivita ()",
            "Projektová aktivita (SAS",
            "Projektová aktivitax",
        ] {
            assert!(activity(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_funding_sources() {
        use FundingSource::*;
        let cases: [(&str, &[FundingSource]); 13] = [
            ("OPZ+", &[OpzPlus]),
            ("OPZ+, rozpočet města", &[OpzPlus, City]),
            ("IROP, rozpočet NNO", &[Irop, Ngo]),
            (
                "IROP (pravděpodobně mimo KPSV+), případně jiný vhodný operační program, rozpočet NNO",
                &[Irop, OtherProgramme, Ngo],
            ),
            ("OPZ+, rozpočet městského obvodu", &[OpzPlus, District]),
            ("OPZ+, rozpočet organizace", &[OpzPlus, Organisation]),
            ("Rozpočet Agentury", &[Agency]),
            ("Rozpočet města, rozpočet Agentury", &[City, Agency]),
            (
                "Rozpočet města Ostravy, rozpočty městských obvodů, externí zdroje",
                &[City, District, External],
            ),
            (
                "opz+, OPZ+, rozpočet města, Rozpočet města Ostravy",
                &[OpzPlus, City],
            ),
            ("OPZ+, neznámý zdroj", &[OpzPlus]),
            ("-", &[]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(funding(text), expected, "{text}");
        }
    }

    #[test]
    fn lists_unknown_funding_pieces() {
        let cases: [(&str, &[&str]); 6] = [
            ("OPZ+, rozpočet města", &[]),
            ("-", &[]),
            ("OPZ+, neznámý zdroj", &["neznámý zdroj"]),
            ("sponzoři, OPZ, dary", &["sponzoři", "dary"]),
            ("rozpočet městečka", &["rozpočet městečka"]),
            ("IROPX", &["IROPX"]),
        ];
        for (text, expected) in cases {
            assert_eq!(funding_unknown(text), expected, "{text}");
        }
    }

    #[test]
    fn reads_links() {
        use LinkTarget::*;
        let cases: [(&str, Vec<LinkTarget>); 9] = [
            ("Strategický cíl 5.2", vec![Goal(code("5.2"))]),
            ("Specifický cíl 4.1.2", vec![Goal(code("4.1.2"))]),
            ("Opatření 1.1.1.1", vec![Measure(code("1.1.1.1"))]),
            ("", vec![]),
            ("-", vec![]),
            (
                "Osoby bez přístřeší",
                vec![Other("Osoby bez přístřeší".into())],
            ),
            (
                "Strategický cíl 5.2, Opatření 1.1.1.1; Specifický cíl 3.2.1",
                vec![
                    Goal(code("5.2")),
                    Measure(code("1.1.1.1")),
                    Goal(code("3.2.1")),
                ],
            ),
            (
                "Specifické cíle 3.2.1, 3.2.2",
                vec![Goal(code("3.2.1")), Goal(code("3.2.2"))],
            ),
            ("Strategický cíl x", vec![Other("Strategický cíl x".into())]),
        ];
        for (text, expected) in cases {
            assert_eq!(links(text), expected, "{text}");
        }
    }

    #[test]
    fn reads_registration_numbers() {
        let cases = [
            ("CZ.03.02.01/00/22_018/0001145", 18),
            ("CZ.06.04.02/00/22_014/0002527", 14),
            ("CZ.03.02.01/00/24_065/0004876", 65),
            (" CZ.03.02.01/00/22_018/0000328 ", 18),
        ];
        for (text, call) in cases {
            let number = registration_number(text).unwrap();
            assert_eq!(number.as_str(), text.trim());
            assert_eq!(number.to_string(), text.trim());
            assert_eq!(number.call(), call, "{text}");
        }
        for bad in [
            "",
            "CZ.03.02.01/00/22_018/000114",
            "CZ.03.02.01/00/22_018/00011450",
            "CZ.3.02.01/00/22_018/0001145",
            "CZ.03.02.01/00/22_18/0001145",
            "CZ.03.02.01/00/22-018/0001145",
            "CZ.03.02.01/00/22_018/000114a",
            "cz.03.02.01/00/22_018/0001145",
            "SK.03.02.01/00/22_018/0001145",
            "CZ.03.02.01/00/22_018 /0001145",
            "CZ.03.02.01/00/22_018/0001145/1",
            "CZ.03.02.01/00/22_0١8/0001145",
        ] {
            assert!(registration_number(bad).is_err(), "{bad}");
        }
    }
}

/// A milestone's period of Tabulka 4 ("Září 2022", "1. pol. 2023", "Podzim 2024") as the first
/// and last day it covers. Autumn ("Podzim") is taken as September to November.
pub fn milestone_period(text: &str) -> Result<(Date, Date), ParseError> {
    let err = || ParseError { what: "milestone period", text: text.to_owned() };
    let folded = crate::search::fold(text);
    let words: Vec<&str> = folded.split(' ').collect();
    let year: i32 = words.last().and_then(|y| y.parse().ok()).ok_or_else(err)?;
    let months: (u8, u8) = match words.first().copied().ok_or_else(err)? {
        "leden" => (1, 1),
        "unor" => (2, 2),
        "brezen" => (3, 3),
        "duben" => (4, 4),
        "kveten" => (5, 5),
        "cerven" => (6, 6),
        "cervenec" => (7, 7),
        "srpen" => (8, 8),
        "zari" => (9, 9),
        "rijen" => (10, 10),
        "listopad" => (11, 11),
        "prosinec" => (12, 12),
        "jaro" => (3, 5),
        "leto" => (6, 8),
        "podzim" => (9, 11),
        "zima" => (12, 12),
        "1." if words.get(1) == Some(&"pol.") => (1, 6),
        "2." if words.get(1) == Some(&"pol.") => (7, 12),
        _ => return Err(err()),
    };
    let from = Date::first_of_month(year, months.0).ok_or_else(err)?;
    let to = Date::last_of_month(year, months.1).ok_or_else(err)?;
    Ok((from, to))
}

#[cfg(test)]
mod milestone_tests {
    use super::*;

    #[test]
    fn reads_milestone_periods() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(milestone_period("Září 2022").unwrap(), (d("2022-09-01"), d("2022-09-30")));
        assert_eq!(milestone_period("Říjen 2022").unwrap(), (d("2022-10-01"), d("2022-10-31")));
        assert_eq!(milestone_period("1. pol. 2023").unwrap(), (d("2023-01-01"), d("2023-06-30")));
        assert_eq!(milestone_period("Podzim 2026").unwrap(), (d("2026-09-01"), d("2026-11-30")));
        assert!(milestone_period("Někdy").is_err());
        assert!(milestone_period("3. pol. 2023").is_err());
    }
}
