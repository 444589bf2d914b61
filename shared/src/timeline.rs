//! Rules of the implementation part of an action plan: when a milestone of the timeline is done,
//! and how significant a risk of the register is.

use std::ops::RangeInclusive;

use crate::Date;

/// Whether a milestone is done as of a day: its period ended before that day. A milestone whose
/// period ends on `as_of` is still running.
pub fn milestone_done(period_to: Date, as_of: Date) -> bool {
    period_to < as_of
}

/// The scale of a risk's probability and of its impact: 1 (least) to 5.
pub const RISK_SCALE: RangeInclusive<i32> = 1..=5;

/// A risk's significance: probability × impact, each on the 1–5 scale ([`RISK_SCALE`]), so 1 to
/// 25. `None` when either is outside the scale: such a risk has no significance.
pub fn risk_significance(probability: i32, impact: i32) -> Option<i32> {
    (RISK_SCALE.contains(&probability) && RISK_SCALE.contains(&impact))
        .then(|| probability * impact)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().expect("a valid date")
    }

    #[test]
    fn a_milestone_is_done_once_its_period_has_ended() {
        let end = date("2024-06-30");
        assert!(!milestone_done(end, date("2024-01-01")));
        assert!(!milestone_done(end, end), "still running on its last day");
        assert!(milestone_done(end, date("2024-07-01")));
        assert!(milestone_done(end, date("2026-12-02")));
    }

    #[test]
    fn significance_is_probability_times_impact() {
        assert_eq!(risk_significance(1, 1), Some(1));
        assert_eq!(risk_significance(3, 4), Some(12));
        assert_eq!(risk_significance(4, 3), Some(12));
        assert_eq!(risk_significance(5, 5), Some(25));
    }

    #[test]
    fn significance_refuses_values_off_the_scale() {
        for (p, i) in [
            (0, 3),
            (3, 0),
            (6, 1),
            (1, 6),
            (-1, -1),
            (i32::MAX, i32::MAX),
        ] {
            assert_eq!(risk_significance(p, i), None, "{p} × {i}");
        }
    }
}
