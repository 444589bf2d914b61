//! Money on a bar: shares and the common scale of a group of bars.

use shared::Czk;

/// `part` as a share of `whole` (0.5 = half); `None` when the whole is zero or less.
pub fn share(part: Czk, whole: Czk) -> Option<f64> {
    (whole.hellers() > 0).then(|| part.hellers() as f64 / whole.hellers() as f64)
}

/// The width, in percent, of a bar for `value` when the longest bar of its group shows `max`.
pub fn scale(value: Czk, max: Czk) -> f64 {
    share(value, max).map_or(0.0, |s| (s * 100.0).clamp(0.0, 100.0))
}

/// The largest amount of a group (zero for an empty one).
pub fn max_of(amounts: impl IntoIterator<Item = Czk>) -> Czk {
    amounts
        .into_iter()
        .max()
        .unwrap_or(Czk::ZERO)
        .max(Czk::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_need_a_positive_whole() {
        let c = Czk::from_crowns;
        assert_eq!(share(c(50), c(200)), Some(0.25));
        assert_eq!(share(c(50), Czk::ZERO), None);
        assert_eq!(share(c(300), c(200)), Some(1.5));
    }

    #[test]
    fn bars_scale_to_the_largest_of_their_group() {
        let c = Czk::from_crowns;
        let max = max_of([c(10), c(40), c(20)]);
        assert_eq!(max, c(40));
        assert_eq!(scale(c(10), max), 25.0);
        assert_eq!(scale(c(40), max), 100.0);
        assert_eq!(scale(c(10), Czk::ZERO), 0.0);
        assert_eq!(max_of([]), Czk::ZERO);
        assert_eq!(max_of([c(-5)]), Czk::ZERO);
    }
}
