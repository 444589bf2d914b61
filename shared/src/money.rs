//! Money as an integer number of hellers (haléře, 1/100 Kč): sums stay exact, never `f64`.

use std::iter::Sum;
use std::ops::{Add, Sub};

use serde::{Deserialize, Serialize};

/// An amount of Czech crowns, held in hellers.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Czk(i64);

impl Czk {
    pub const ZERO: Czk = Czk(0);

    pub const fn from_hellers(hellers: i64) -> Self {
        Czk(hellers)
    }

    pub const fn from_crowns(crowns: i64) -> Self {
        Czk(crowns * 100)
    }

    pub const fn hellers(self) -> i64 {
        self.0
    }

    /// The amount in crowns, for display and ratios only.
    pub fn crowns_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl Add for Czk {
    type Output = Czk;
    fn add(self, rhs: Czk) -> Czk {
        Czk(self.0 + rhs.0)
    }
}

impl Sub for Czk {
    type Output = Czk;
    fn sub(self, rhs: Czk) -> Czk {
        Czk(self.0 - rhs.0)
    }
}

impl Sum for Czk {
    fn sum<I: Iterator<Item = Czk>>(iter: I) -> Czk {
        iter.fold(Czk::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_exactly() {
        let total: Czk = [
            Czk::from_hellers(1_496_499_480),
            Czk::from_hellers(1_499_904_000),
        ]
        .into_iter()
        .sum();
        assert_eq!(total.hellers(), 2_996_403_480);
        assert_eq!(Czk::from_crowns(25).hellers(), 2_500);
    }
}
