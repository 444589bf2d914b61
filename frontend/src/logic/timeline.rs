//! The implementation timeline relative to a day: what is done, under way and upcoming.

use shared::Date;

/// Where a milestone's period stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The period ended before the day.
    Done,
    /// The day lies within the period.
    Current,
    /// The period starts after the day.
    Upcoming,
}

/// The phase of a period `from`–`to` (both inclusive) on `today`. A period without dates counts
/// as upcoming, so nothing unknown looks finished.
pub fn phase(from: Option<Date>, to: Option<Date>, today: Date) -> Phase {
    match (from, to) {
        (_, Some(to)) if to < today => Phase::Done,
        (Some(from), _) if from > today => Phase::Upcoming,
        (Some(_), Some(_)) => Phase::Current,
        _ => Phase::Upcoming,
    }
}

/// Splits items into done, current and upcoming on `today`, keeping their order. `period` gives
/// an item's first and last day.
pub fn split<I: Clone>(
    items: &[I],
    period: impl Fn(&I) -> (Option<Date>, Option<Date>),
    today: Date,
) -> (Vec<I>, Vec<I>, Vec<I>) {
    let mut done = Vec::new();
    let mut current = Vec::new();
    let mut upcoming = Vec::new();
    for item in items {
        let (from, to) = period(item);
        match phase(from, to, today) {
            Phase::Done => done.push(item.clone()),
            Phase::Current => current.push(item.clone()),
            Phase::Upcoming => upcoming.push(item.clone()),
        }
    }
    (done, current, upcoming)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_period_is_done_current_or_upcoming() {
        let today = d("2025-06-30");
        let cases = [
            (Some("2024-01-01"), Some("2024-06-30"), Phase::Done),
            (Some("2025-01-01"), Some("2025-06-29"), Phase::Done),
            (Some("2025-01-01"), Some("2025-06-30"), Phase::Current),
            (Some("2025-06-30"), Some("2025-12-31"), Phase::Current),
            (Some("2025-09-01"), Some("2025-11-30"), Phase::Upcoming),
            (None, None, Phase::Upcoming),
            (None, Some("2020-01-01"), Phase::Done),
        ];
        for (from, to, expected) in cases {
            assert_eq!(
                phase(from.map(d), to.map(d), today),
                expected,
                "{from:?}–{to:?}"
            );
        }
    }

    #[test]
    fn splitting_keeps_the_order() {
        let items = [
            ("2022-09-01", "2022-09-30", "approval"),
            ("2025-01-01", "2025-06-30", "second wave"),
            ("2024-09-01", "2024-11-30", "first report"),
            ("2026-01-01", "2026-06-30", "third wave"),
        ];
        let (done, current, upcoming) =
            split(&items, |i| (Some(d(i.0)), Some(d(i.1))), d("2025-03-01"));
        fn names(v: Vec<(&'static str, &'static str, &'static str)>) -> Vec<&'static str> {
            v.into_iter().map(|i| i.2).collect()
        }
        assert_eq!(names(done), ["approval", "first report"]);
        assert_eq!(names(current), ["second wave"]);
        assert_eq!(names(upcoming), ["third wave"]);
    }
}
