//! Properties of money: sums never wrap (a checked sum is the exact `i128` sum when that fits
//! an amount, else an error), roll-ups are the sums of their parts whatever the grouping, and
//! amounts within the bound survive formatting and parsing unchanged.

use proptest::prelude::*;
use shared::format::{self, Lang};
use shared::money::{Money, Overflow, Total};
use shared::validate::{self, MAX_AMOUNT_HELLERS, Rule};
use shared::{Czk, parse};

/// Amounts anywhere in the range, with the extremes (where wrapping happens) well represented.
fn any_hellers() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        (i64::MAX - 1_000..=i64::MAX),
        (i64::MIN..=i64::MIN + 1_000),
        (-MAX_AMOUNT_HELLERS..=MAX_AMOUNT_HELLERS),
        Just(0),
    ]
}

/// The exact sum as an amount, or `Overflow` when it does not fit one.
fn exact(hellers: &[i64]) -> Result<Czk, Overflow> {
    let sum: i128 = hellers.iter().map(|h| i128::from(*h)).sum();
    i64::try_from(sum)
        .map(Czk::from_hellers)
        .map_err(|_| Overflow)
}

/// One measure's rows: an estimated cost, allocations, project budgets.
type MeasureRows = (Option<i64>, Vec<i64>, Vec<i64>);

fn measure(rows: &MeasureRows) -> Money {
    let czk = |v: &Vec<i64>| v.iter().copied().map(Czk::from_hellers).collect::<Vec<_>>();
    Money::of_measure(rows.0.map(Czk::from_hellers), czk(&rows.1), czk(&rows.2))
}

fn measures() -> impl Strategy<Value = Vec<MeasureRows>> {
    prop::collection::vec(
        (
            prop::option::of(any_hellers()),
            prop::collection::vec(any_hellers(), 0..4),
            prop::collection::vec(any_hellers(), 0..4),
        ),
        0..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn checked_sums_are_exact_or_errors(hellers in prop::collection::vec(any_hellers(), 0..20)) {
        let amounts: Vec<Czk> = hellers.iter().copied().map(Czk::from_hellers).collect();
        prop_assert_eq!(Czk::checked_sum(amounts.iter().copied()), exact(&hellers));
        prop_assert_eq!(Total::of(amounts.iter().copied()).get(), exact(&hellers));
        // The order does not matter.
        prop_assert_eq!(
            Czk::checked_sum(amounts.iter().rev().copied()),
            exact(&hellers)
        );
    }

    #[test]
    fn checked_add_is_the_exact_sum_or_none(a in any_hellers(), b in any_hellers()) {
        let (x, y) = (Czk::from_hellers(a), Czk::from_hellers(b));
        prop_assert_eq!(x.checked_add(y), exact(&[a, b]).ok());
        let diff = i64::try_from(i128::from(a) - i128::from(b)).ok();
        prop_assert_eq!(x.checked_sub(y).map(Czk::hellers), diff);
    }

    #[test]
    fn roll_ups_are_exact_sums_whatever_the_grouping(rows in measures(), split in 0usize..12) {
        let money: Vec<Money> = rows.iter().map(measure).collect();
        let all = Money::sum(&money);
        // Every figure of the roll-up is the exact sum of its rows, or an overflow.
        let planned: Vec<i64> = rows.iter().filter_map(|r| r.0).collect();
        let allocated: Vec<i64> = rows.iter().flat_map(|r| r.1.iter().copied()).collect();
        let drawn: Vec<i64> = rows.iter().flat_map(|r| r.2.iter().copied()).collect();
        prop_assert_eq!(all.planned.get(), exact(&planned));
        prop_assert_eq!(all.allocated.get(), exact(&allocated));
        prop_assert_eq!(all.drawn.get(), exact(&drawn));
        prop_assert_eq!(all.measures_with_cost, planned.len());
        // Rolling up groups (strategic goals, then the plan) gives the same figures.
        let (left, right) = money.split_at(split.min(money.len()));
        let grouped = Money::sum([&Money::sum(left), &Money::sum(right)]);
        prop_assert_eq!(grouped, all);
        // The share is computed only from figures that fit.
        match (exact(&planned), exact(&drawn)) {
            (Ok(p), Ok(d)) => prop_assert_eq!(
                all.drawn_share(),
                Ok((p.hellers() > 0).then(|| d.hellers() as f64 / p.hellers() as f64))
            ),
            _ => prop_assert_eq!(all.drawn_share(), Err(Overflow)),
        }
    }

    #[test]
    fn bounded_amounts_never_overflow_a_plan(
        hellers in prop::collection::vec(0..=MAX_AMOUNT_HELLERS, 0..200),
        copies in 1usize..=90_000,
    ) {
        // 90 000 rows at the bound still fit: the bound keeps every real sum exact.
        let biggest = hellers.iter().copied().max().unwrap_or(0);
        let many = std::iter::repeat_n(Czk::from_hellers(biggest), copies);
        prop_assert!(Czk::checked_sum(many).is_ok());
        let amounts = hellers.iter().copied().map(Czk::from_hellers);
        prop_assert_eq!(Czk::checked_sum(amounts), exact(&hellers));
    }

    #[test]
    fn amounts_round_trip_through_text(h in -MAX_AMOUNT_HELLERS..=MAX_AMOUNT_HELLERS) {
        let czk = Czk::from_hellers(h);
        let text = format::czk(czk, Lang::Cs);
        prop_assert_eq!(parse::czk(&text), Ok(czk), "{}", text);
        let entered = validate::amount_text("budget", &text);
        if h >= 0 {
            prop_assert_eq!(entered.clone(), Ok(czk));
            // As stored (`budget_text`) and read back, it is the same amount again.
            let again = format::czk(entered.unwrap_or_default(), Lang::Cs);
            prop_assert_eq!(again, text);
        } else {
            prop_assert_eq!(entered.map_err(|e| e.rule), Err(Rule::Negative));
        }
    }

    #[test]
    fn amounts_beyond_the_bound_are_refused(h in MAX_AMOUNT_HELLERS + 1..=i64::MAX) {
        let text = format::czk(Czk::from_hellers(h), Lang::Cs);
        prop_assert_eq!(parse::czk(&text), Ok(Czk::from_hellers(h)));
        let rule = validate::amount_text("budget", &text).map_err(|e| e.rule.code());
        prop_assert_eq!(rule, Err("TOO_LARGE"));
    }

    #[test]
    fn indicator_values_are_finite_and_bounded(v in any::<f64>(), unit in "osoby|byty|%|setkání") {
        match validate::indicator_value_in("value", v, &unit) {
            Ok(ok) => {
                prop_assert!(ok.is_finite() && ok >= 0.0);
                prop_assert!(ok <= validate::UnitKind::of(&unit).max());
            }
            Err(e) => {
                let known = ["NOT_A_NUMBER", "NEGATIVE", "NOT_WHOLE", "TOO_LARGE"];
                prop_assert!(known.contains(&e.rule.code()), "{:?}", e.rule);
            }
        }
    }
}
