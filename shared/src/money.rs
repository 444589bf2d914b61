//! Money as an integer number of hellers (haléře, 1/100 Kč): sums stay exact, never `f64`.
//!
//! Arithmetic is checked: [`Czk`] has no `+`, `-` or `Sum`, only [`Czk::checked_add`],
//! [`Czk::checked_sub`] and [`Czk::checked_sum`]. A sum that would leave the range of `i64`
//! hellers is an [`Overflow`], never a wrapped (negative) figure. Sums of many rows go through
//! [`Total`] (exact in `i128`, an overflow only when read out of range), and the roll-ups of a
//! plan's money through [`Money`].
//!
//! Entered amounts are bounded far below that range (`validate::MAX_AMOUNT_HELLERS`, 10¹² Kč),
//! so only more than ninety thousand amounts at that bound could overflow a sum; the checks
//! are there so that even data written before the bound (or by hand) never shows a wrong
//! figure.

use serde::{Deserialize, Serialize};

/// An amount of Czech crowns, held in hellers.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Czk(i64);

/// A sum of money that would leave the range of [`Czk`] (±92 233 720 368 547 758,07 Kč).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a sum of money leaves the range of an amount")]
pub struct Overflow;

impl Czk {
    pub const ZERO: Czk = Czk(0);

    pub const fn from_hellers(hellers: i64) -> Self {
        Czk(hellers)
    }

    /// Whole crowns, for constants and tests.
    ///
    /// # Panics
    /// When `crowns * 100` leaves the range of `i64` (in every build, never wrapping); use
    /// [`Czk::checked_from_crowns`] for amounts that come from outside.
    pub const fn from_crowns(crowns: i64) -> Self {
        match Czk::checked_from_crowns(crowns) {
            Some(c) => c,
            None => panic!("amount in crowns out of range"),
        }
    }

    /// Whole crowns; `None` when the amount leaves the range of `i64` hellers.
    pub const fn checked_from_crowns(crowns: i64) -> Option<Self> {
        match crowns.checked_mul(100) {
            Some(h) => Some(Czk(h)),
            None => None,
        }
    }

    pub const fn hellers(self) -> i64 {
        self.0
    }

    /// The amount in crowns, for display and ratios only.
    pub fn crowns_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// `self + rhs`, `None` on overflow.
    pub const fn checked_add(self, rhs: Czk) -> Option<Czk> {
        match self.0.checked_add(rhs.0) {
            Some(h) => Some(Czk(h)),
            None => None,
        }
    }

    /// `self - rhs`, `None` on overflow.
    pub const fn checked_sub(self, rhs: Czk) -> Option<Czk> {
        match self.0.checked_sub(rhs.0) {
            Some(h) => Some(Czk(h)),
            None => None,
        }
    }

    /// The exact sum of `amounts`, or [`Overflow`] when it leaves the range of `i64` hellers.
    ///
    /// Summed in `i128` (see [`Total`]), so the order of the amounts never matters: a sum that
    /// fits is exact even when a partial sum would not have.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Czk>) -> Result<Czk, Overflow> {
        Total::of(amounts).get()
    }
}

/// A running sum of amounts, held in `i128`: exact whatever the order of the amounts, and
/// read out ([`Total::get`]) as a [`Czk`] or as [`Overflow`] when the sum does not fit one.
///
/// Adding to a total never fails, so one overflowing figure (a group's drawn money) does not
/// stop the computation of the others; only reading that figure fails. (An `i128` sum of `i64`
/// amounts cannot itself overflow before 2⁶⁴ additions; should it, the total stays an overflow
/// for good.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total(Option<i128>);

impl Total {
    pub const ZERO: Total = Total(Some(0));

    /// The sum of `amounts`.
    pub fn of(amounts: impl IntoIterator<Item = Czk>) -> Total {
        amounts.into_iter().fold(Total::ZERO, Total::plus)
    }

    /// This total plus `amount`.
    #[must_use]
    pub fn plus(self, amount: Czk) -> Total {
        self.plus_total(Total::from(amount))
    }

    /// This total plus another.
    #[must_use]
    pub fn plus_total(self, other: Total) -> Total {
        Total(self.0.zip(other.0).and_then(|(a, b)| a.checked_add(b)))
    }

    /// Adds `amount` in place.
    pub fn add(&mut self, amount: Czk) {
        *self = self.plus(amount);
    }

    /// The sum, or [`Overflow`] when it leaves the range of [`Czk`].
    pub fn get(self) -> Result<Czk, Overflow> {
        self.0
            .and_then(|h| i64::try_from(h).ok())
            .map(Czk)
            .ok_or(Overflow)
    }
}

impl Default for Total {
    fn default() -> Self {
        Total::ZERO
    }
}

impl From<Czk> for Total {
    fn from(amount: Czk) -> Self {
        Total(Some(i128::from(amount.hellers())))
    }
}

/// Money planned, allocated and drawn for a measure or a group of measures (strategic goal,
/// area, plan, funding source, programme), each figure a checked [`Total`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Money {
    /// Sum of the measure cards' estimated costs (measures whose card gives an amount).
    pub planned: Total,
    /// Sum of the KPSV+ allocations of Tabulka 6 (bracketed amounts excluded, as the table's
    /// own total does).
    pub allocated: Total,
    /// Sum of the budgets of funded projects (report annex A).
    pub drawn: Total,
    /// Measures counted in `planned`.
    pub measures_with_cost: usize,
}

impl Money {
    /// One measure's money: its card's estimated cost (if the card gives one), its
    /// allocations counted in totals (not bracketed) and its projects' budgets.
    pub fn of_measure(
        estimated_cost: Option<Czk>,
        allocations: impl IntoIterator<Item = Czk>,
        budgets: impl IntoIterator<Item = Czk>,
    ) -> Money {
        Money {
            planned: Total::of(estimated_cost),
            allocated: Total::of(allocations),
            drawn: Total::of(budgets),
            measures_with_cost: usize::from(estimated_cost.is_some()),
        }
    }

    /// Adds another measure's or group's money to this group's.
    pub fn add(&mut self, other: &Money) {
        self.planned = self.planned.plus_total(other.planned);
        self.allocated = self.allocated.plus_total(other.allocated);
        self.drawn = self.drawn.plus_total(other.drawn);
        self.measures_with_cost = self
            .measures_with_cost
            .saturating_add(other.measures_with_cost);
    }

    /// The roll-up of several measures' or groups' money.
    pub fn sum<'a>(parts: impl IntoIterator<Item = &'a Money>) -> Money {
        parts.into_iter().fold(Money::default(), |mut acc, m| {
            acc.add(m);
            acc
        })
    }

    /// Drawn as a share of planned: `None` when nothing is planned, [`Overflow`] when either
    /// sum overflowed.
    pub fn drawn_share(&self) -> Result<Option<f64>, Overflow> {
        let planned = self.planned.get()?;
        let drawn = self.drawn.get()?;
        Ok((planned.hellers() > 0).then(|| drawn.hellers() as f64 / planned.hellers() as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_exactly() {
        let total = Czk::checked_sum([
            Czk::from_hellers(1_496_499_480),
            Czk::from_hellers(1_499_904_000),
        ]);
        assert_eq!(total.map(Czk::hellers), Ok(2_996_403_480));
        assert_eq!(Czk::from_crowns(25).hellers(), 2_500);
    }

    #[test]
    fn sums_that_leave_the_range_are_errors() {
        // The budget of issue 12: 92 233 720 368 547 758 Kč fits, two of them do not.
        let huge = Czk::checked_from_crowns(92_233_720_368_547_758).unwrap();
        assert_eq!(huge.hellers(), 9_223_372_036_854_775_800);
        assert_eq!(huge.checked_add(Czk::from_crowns(1)), None);
        assert_eq!(Czk::checked_sum([huge, huge]), Err(Overflow));
        assert_eq!(Czk::checked_from_crowns(i64::MAX / 10), None);
        assert_eq!(
            Czk::from_hellers(i64::MIN).checked_sub(Czk::from_hellers(1)),
            None
        );
        // The order does not matter: a sum that fits is exact although a partial sum is not.
        let back = Czk::from_hellers(-huge.hellers());
        assert_eq!(Czk::checked_sum([huge, huge, back]), Ok(huge));
        assert_eq!(Czk::checked_sum([huge, back, huge]), Ok(huge));
    }

    #[test]
    fn money_rolls_up_per_figure() {
        let a = Money::of_measure(
            Some(Czk::from_crowns(100)),
            [Czk::from_crowns(60)],
            [Czk::from_crowns(30), Czk::from_crowns(20)],
        );
        let b = Money::of_measure(None, [], [Czk::from_hellers(i64::MAX)]);
        let sum = Money::sum([&a, &a]);
        assert_eq!(sum.planned.get(), Ok(Czk::from_crowns(200)));
        assert_eq!(sum.allocated.get(), Ok(Czk::from_crowns(120)));
        assert_eq!(sum.drawn.get(), Ok(Czk::from_crowns(100)));
        assert_eq!(sum.measures_with_cost, 2);
        assert_eq!(sum.drawn_share(), Ok(Some(0.5)));
        // Drawn overflows; planned and allocated stay readable.
        let bad = Money::sum([&a, &b]);
        assert_eq!(bad.drawn.get(), Err(Overflow));
        assert_eq!(bad.drawn_share(), Err(Overflow));
        assert_eq!(bad.planned.get(), Ok(Czk::from_crowns(100)));
        assert_eq!(Money::default().drawn_share(), Ok(None));
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn crowns_out_of_range_panic_instead_of_wrapping() {
        let _ = Czk::from_crowns(std::hint::black_box(i64::MAX));
    }
}
