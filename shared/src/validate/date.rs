//! Dates and periods within the plan's years.

use super::*;

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
