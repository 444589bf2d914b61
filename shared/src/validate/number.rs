//! Numbers: indicator values by unit, money, ranges and report counts.

use super::*;

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

/// An entered status: its group and, for one in progress, the reports submitted out of those
/// expected (both or neither; `field` names the number submitted, `{field}Of` the other).
pub fn status(
    field: &str,
    kind: crate::status::StatusKind,
    reports: Option<i32>,
    of: Option<i32>,
) -> Check<crate::status::MeasureStatus> {
    use crate::status::{MeasureStatus, StatusKind};
    Ok(match (kind, reports, of) {
        (StatusKind::NotImplemented, ..) => MeasureStatus::NotImplemented,
        (StatusKind::Completed, ..) => MeasureStatus::Completed,
        (StatusKind::InProgress, None, None) => MeasureStatus::InProgress {
            reports: None,
            of: None,
        },
        (StatusKind::InProgress, n, of) => {
            let (n, of) = self::reports(field, n.unwrap_or(0), of.unwrap_or(0))?;
            MeasureStatus::InProgress {
                reports: u8::try_from(n).ok(),
                of: u8::try_from(of).ok(),
            }
        }
    })
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
