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

mod dates;
mod money;
mod report;

pub use dates::*;
pub use money::*;
pub use report::*;
