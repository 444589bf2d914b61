//! Global indicators: what the plan expects by 2027 and whether the series goes that way.
//!
//! The report states expectations in words ("Pokles", "Méně než 16", "Pokles pod krajskou
//! hodnotu" …). [`Expectation::parse`] turns them into a rule; [`assess`] compares the latest
//! value with the baseline (and with the region where the rule says so).

use serde::{Deserialize, Serialize};

/// The expected 2027 value or trend of a global indicator.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Expectation {
    /// "Pokles": lower than the baseline.
    Decrease,
    /// "Pokles o 500": at least this much below the baseline.
    DecreaseBy(f64),
    /// "Zvýšit o 500": at least this much above the baseline.
    IncreaseBy(f64),
    /// "Méně než 16".
    LessThan(f64),
    /// "Minimálně 700".
    AtLeast(f64),
    /// "Pokles pod krajskou hodnotu": below the regional value.
    BelowRegion,
    /// "Pokles v pořadí krajských měst": a lower rank among regional cities.
    LowerRank,
}

impl Expectation {
    /// Reads the report's wording; `None` for wording it does not know.
    pub fn parse(text: &str) -> Option<Expectation> {
        let t = crate::search::fold(text);
        let number = || {
            t.split(' ')
                .filter_map(|w| w.replace(',', ".").parse::<f64>().ok())
                .next()
        };
        if t.contains("krajskou hodnotu") {
            Some(Expectation::BelowRegion)
        } else if t.contains("poradi") {
            Some(Expectation::LowerRank)
        } else if t.starts_with("pokles o") {
            number().map(Expectation::DecreaseBy)
        } else if t.starts_with("zvysit o") {
            number().map(Expectation::IncreaseBy)
        } else if t.starts_with("mene nez") {
            number().map(Expectation::LessThan)
        } else if t.starts_with("minimalne") {
            number().map(Expectation::AtLeast)
        } else if t == "pokles" {
            Some(Expectation::Decrease)
        } else {
            None
        }
    }

    /// Whether a lower value is the better one.
    pub fn lower_is_better(self) -> bool {
        !matches!(self, Expectation::IncreaseBy(_) | Expectation::AtLeast(_))
    }

    /// The stable name used in the database and the API.
    pub fn kind_str(self) -> &'static str {
        match self {
            Expectation::Decrease => "DECREASE",
            Expectation::DecreaseBy(_) => "DECREASE_BY",
            Expectation::IncreaseBy(_) => "INCREASE_BY",
            Expectation::LessThan(_) => "LESS_THAN",
            Expectation::AtLeast(_) => "AT_LEAST",
            Expectation::BelowRegion => "BELOW_REGION",
            Expectation::LowerRank => "LOWER_RANK",
        }
    }

    /// The number in the rule, if it has one.
    pub fn value(self) -> Option<f64> {
        match self {
            Expectation::DecreaseBy(v)
            | Expectation::IncreaseBy(v)
            | Expectation::LessThan(v)
            | Expectation::AtLeast(v) => Some(v),
            _ => None,
        }
    }

    pub fn from_db(kind: &str, value: Option<f64>) -> Option<Expectation> {
        Some(match kind {
            "DECREASE" => Expectation::Decrease,
            "DECREASE_BY" => Expectation::DecreaseBy(value?),
            "INCREASE_BY" => Expectation::IncreaseBy(value?),
            "LESS_THAN" => Expectation::LessThan(value?),
            "AT_LEAST" => Expectation::AtLeast(value?),
            "BELOW_REGION" => Expectation::BelowRegion,
            "LOWER_RANK" => Expectation::LowerRank,
            _ => return None,
        })
    }
}

/// Whether a global indicator moves as the plan expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Verdict {
    /// The expectation is already met.
    Met,
    /// Not met, but the latest value moved from the baseline in the expected direction.
    RightWay,
    /// The latest value moved the other way.
    WrongWay,
    /// No change.
    Flat,
    /// Not enough numbers to say.
    Unknown,
}

/// A city value (with the regional one, if printed) at one period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub value: f64,
    pub region: Option<f64>,
}

/// Compares the latest point with the baseline under an expectation. `LowerRank` cannot be
/// judged from values and gives `Unknown`.
pub fn assess(expectation: Expectation, baseline: Option<Point>, latest: Option<Point>) -> Verdict {
    let (Some(base), Some(last)) = (baseline, latest) else {
        return Verdict::Unknown;
    };
    let met = match expectation {
        Expectation::Decrease => last.value < base.value,
        Expectation::DecreaseBy(d) => last.value <= base.value - d,
        Expectation::IncreaseBy(d) => last.value >= base.value + d,
        Expectation::LessThan(v) => last.value < v,
        Expectation::AtLeast(v) => last.value >= v,
        Expectation::BelowRegion => match last.region {
            Some(region) => last.value < region,
            None => return Verdict::Unknown,
        },
        Expectation::LowerRank => return Verdict::Unknown,
    };
    if met {
        return Verdict::Met;
    }
    let delta = last.value - base.value;
    if delta == 0.0 {
        Verdict::Flat
    } else if (delta < 0.0) == expectation.lower_is_better() {
        Verdict::RightWay
    } else {
        Verdict::WrongWay
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(value: f64) -> Option<Point> {
        Some(Point {
            value,
            region: None,
        })
    }

    #[test]
    fn parses_the_reports_wording() {
        let cases = [
            ("Méně než 16", Some(Expectation::LessThan(16.0))),
            ("Pokles", Some(Expectation::Decrease)),
            ("Minimálně 700", Some(Expectation::AtLeast(700.0))),
            ("Pokles o 500", Some(Expectation::DecreaseBy(500.0))),
            (
                "Pokles v pořadí krajských měst",
                Some(Expectation::LowerRank),
            ),
            (
                "Pokles pod krajskou hodnotu",
                Some(Expectation::BelowRegion),
            ),
            ("Zvýšit o 500", Some(Expectation::IncreaseBy(500.0))),
            ("Něco jiného", None),
        ];
        for (text, expected) in cases {
            assert_eq!(Expectation::parse(text), expected, "{text}");
        }
    }

    #[test]
    fn assesses_direction() {
        // Index sociálního vyloučení 21 → 19, expected < 16: right way, not met.
        assert_eq!(
            assess(Expectation::LessThan(16.0), p(21.0), p(19.0)),
            Verdict::RightWay
        );
        // Pachatelé mladší 18 let 244 → 337, expected decrease.
        assert_eq!(
            assess(Expectation::Decrease, p(244.0), p(337.0)),
            Verdict::WrongWay
        );
        // Sociální byty 589 → 310, expected at least 700.
        assert_eq!(
            assess(Expectation::AtLeast(700.0), p(589.0), p(310.0)),
            Verdict::WrongWay
        );
        // Osoby v insolvenci 4 667 → 4 167, expected +500.
        assert_eq!(
            assess(Expectation::IncreaseBy(500.0), p(4667.0), p(4167.0)),
            Verdict::WrongWay
        );
        // Domácnosti v bytové nouzi 3 100 → 3 100.
        assert_eq!(
            assess(Expectation::DecreaseBy(500.0), p(3100.0), p(3100.0)),
            Verdict::Flat
        );
        // Děti odebrané z péče 199 → 113.
        assert_eq!(
            assess(Expectation::Decrease, p(199.0), p(113.0)),
            Verdict::Met
        );
        let base = Some(Point {
            value: 13.45,
            region: Some(9.2),
        });
        let last = Some(Point {
            value: 11.83,
            region: Some(8.18),
        });
        assert_eq!(
            assess(Expectation::BelowRegion, base, last),
            Verdict::RightWay
        );
        assert_eq!(
            assess(Expectation::LowerRank, p(174.1), p(250.8)),
            Verdict::Unknown
        );
        assert_eq!(
            assess(Expectation::Decrease, None, p(1.0)),
            Verdict::Unknown
        );
    }
}
