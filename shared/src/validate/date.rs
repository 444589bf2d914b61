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

/// A monitoring wave's dates: `opensOn` and `deadline` required, the opening not after the
/// deadline; `asOf` (the date the values refer to) optional and not after the deadline.
pub fn wave_dates(
    as_of: Option<&str>,
    opens_on: &str,
    deadline: &str,
) -> Check<(Option<Date>, Date, Date)> {
    let opens = date("opensOn", opens_on)?;
    let until = date("deadline", deadline)?;
    if until < opens {
        return Err(ValidationError::new("deadline", Rule::PeriodReversed));
    }
    let as_of = as_of
        .filter(|s| !s.trim().is_empty())
        .map(|s| date("asOf", s))
        .transpose()?;
    if let Some(a) = as_of
        && a > until
    {
        let (from, _) = range_text();
        return Err(ValidationError::new(
            "asOf",
            Rule::DateOutOfRange {
                from,
                to: until.to_string(),
            },
        ));
    }
    Ok((as_of, opens, until))
}

/// A wave's collection period (`opens..=deadline`) against the plan's other waves (name,
/// opening, deadline): the first sharing a day with it is `OVERLAPS` on `opensOn`.
///
/// A new wave beyond [`MAX_WAVES`] is `TOO_MANY` (on `name`); `new` says whether it is new.
pub fn wave_apart<'a>(
    period: (Date, Date),
    others: impl IntoIterator<Item = (&'a str, Date, Date)>,
    new: bool,
) -> Check<()> {
    let others: Vec<(&str, Date, Date)> = others.into_iter().collect();
    if new && others.len() >= MAX_WAVES {
        return Err(ValidationError::new(
            "name",
            Rule::TooMany { max: MAX_WAVES },
        ));
    }
    match others
        .into_iter()
        .find(|(_, o, d)| crate::wave::overlaps(period, (*o, *d)))
    {
        Some((name, _, _)) => Err(ValidationError::new(
            "opensOn",
            Rule::Overlaps {
                with: name.to_owned(),
            },
        )),
        None => Ok(()),
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
