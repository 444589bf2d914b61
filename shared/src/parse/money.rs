//! Numbers, exact amounts of money and estimated costs as the documents print them.

use super::*;

/// A number as printed: `1 190`, `6,1`, `3,01 %`, `cca 3 100`, `-12,5`.
///
/// A leading "cca" and a trailing "%" are dropped (the value of `3,01 %` is `3.01`). Thousands
/// are grouped by spaces in threes; the decimal separator is a comma.
pub fn number(text: &str) -> Result<f64, ParseError> {
    let err = || ParseError::new("a number", text);
    let s = normalize(text);
    let s = strip_prefix_ci(&s, "cca").map_or(s.as_str(), |rest| rest.trim_start_matches('.'));
    let s = s.trim();
    let s = s.strip_suffix('%').unwrap_or(s).trim_end();
    decimal(s).and_then(|d| d.to_f64()).ok_or_else(err)
}

/// The value of an impact indicator in the report.
#[derive(Debug, Clone, PartialEq)]
pub enum IndicatorReading {
    /// A single figure ("39", "1 631").
    Value(f64),
    /// Several figures printed in one cell ("12/12/4/22"), in order.
    Parts(Vec<f64>),
    /// No figure ("-", "–", "n. a.").
    Missing,
}

/// An indicator value cell of the report: `39`, `1 631`, `12/12/4/22`, `-`, `n. a.`.
pub fn indicator_value(text: &str) -> Result<IndicatorReading, ParseError> {
    let err = || ParseError::new("an indicator value", text);
    let s = normalize(text);
    let compact: String = s
        .chars()
        .filter(|c| *c != ' ')
        .collect::<String>()
        .to_lowercase();
    if is_lone_dash(&s) || matches!(compact.as_str(), "n.a." | "n.a" | "n/a") {
        return Ok(IndicatorReading::Missing);
    }
    if s.contains('/') {
        let parts: Option<Vec<f64>> = s.split('/').map(|p| number(p).ok()).collect();
        return match parts {
            Some(parts) if parts.len() >= 2 => Ok(IndicatorReading::Parts(parts)),
            _ => Err(err()),
        };
    }
    number(&s).map(IndicatorReading::Value).map_err(|_| err())
}

/// An exact amount: `14 964 994,80 Kč`, `4 144 700,00 Kč`, `25 000 Kč`, `1 000,- Kč`, with or
/// without `Kč`; at most two decimal places.
pub fn czk(text: &str) -> Result<Czk, ParseError> {
    let err = || ParseError::new("an amount in Kč", text);
    let s = normalize(text);
    let s = strip_suffix_ci(&s, "Kč").unwrap_or(&s).trim_end();
    let s = s
        .strip_suffix(",-")
        .or_else(|| s.strip_suffix(",–"))
        .unwrap_or(s);
    decimal(s)
        .and_then(|d| d.scaled(2))
        .map(Czk::from_hellers)
        .ok_or_else(err)
}

/// An amount with an optional unit: `25 mil. Kč`, `175 mil`, `30 tis.`, `1,2 mld. Kč`,
/// `500 Kč`. `s` is normalized.
fn scaled_amount(s: &str) -> Option<Czk> {
    // Units in hellers, as powers of ten.
    const UNITS: [(&str, u32); 6] = [
        ("mld.", 11),
        ("mld", 11),
        ("mil.", 8),
        ("mil", 8),
        ("tis.", 5),
        ("tis", 5),
    ];
    let s = strip_suffix_ci(s, "Kč").unwrap_or(s).trim_end();
    let (number, exp) = UNITS
        .iter()
        .find_map(|(unit, exp)| s.strip_suffix(unit).map(|n| (n.trim_end(), *exp)))
        .unwrap_or((s, 2));
    decimal(number)?.scaled(exp).map(Czk::from_hellers)
}

/// An estimated cost as printed in a measure card or in Tabulka 5/6.
#[derive(Debug, Clone, PartialEq)]
pub struct Cost {
    /// The amount, `None` for "-" and for references to another measure.
    pub amount: Option<Czk>,
    /// "Přibližně …" (or "cca …").
    pub approximate: bool,
    /// "Viz opatření 1.1.1.1": the cost is given at that measure.
    pub see_measure: Option<Code>,
    /// The period the amount covers, from a trailing parenthesis: "3 roky", "jednorázově".
    pub period: Option<String>,
    /// The whole amount is in parentheses, "(100 mil.)": the plan's way of saying it probably
    /// comes from another call.
    pub bracketed: bool,
    /// A second amount in parentheses beside the main one, verbatim: "+100 mil." in
    /// "175 mil (+100 mil.) Kč*".
    pub extra: Option<String>,
}

/// A cost: `25 mil. Kč`, `6,1 mil. Kč`, `30 tis. Kč (jednorázově)`, `Přibližně 100 mil. Kč`,
/// `(100 mil.)`, `Viz opatření 1.1.1.1`, `175 mil (+100 mil.) Kč*`, `-`.
///
/// A trailing `*` (a footnote mark) is dropped. A parenthesis holding an amount is `extra` (or,
/// when nothing stands outside it, the bracketed amount itself); any other parenthesis is the
/// `period`.
pub fn cost(text: &str) -> Result<Cost, ParseError> {
    let err = || ParseError::new("a cost", text);
    let mut cost = Cost {
        amount: None,
        approximate: false,
        see_measure: None,
        period: None,
        bracketed: false,
        extra: None,
    };
    let s = normalize(text);
    let s = s.trim_end_matches('*').trim_end();
    if s.is_empty() || is_lone_dash(s) {
        return Ok(cost);
    }

    if let Some(rest) = strip_prefix_ci(s, "viz") {
        let rest = rest.trim_start();
        let rest = strip_prefix_ci(rest, "opatření").unwrap_or(rest);
        let code: Code = rest.parse().map_err(|_| err())?;
        if code.level() != Level::Measure {
            return Err(err());
        }
        cost.see_measure = Some(code);
        return Ok(cost);
    }

    let s = match strip_prefix_ci(s, "přibližně").or_else(|| strip_prefix_ci(s, "cca")) {
        Some(rest) => {
            cost.approximate = true;
            rest.trim_start_matches('.').trim_start()
        }
        None => s,
    };

    // Split into the text outside parentheses and the parenthesised groups.
    let mut outside = String::new();
    let mut groups = Vec::new();
    let mut group: Option<String> = None;
    for c in s.chars() {
        match (c, &mut group) {
            ('(', None) => group = Some(String::new()),
            (')', Some(g)) => {
                groups.push(g.trim().to_owned());
                group = None;
            }
            ('(' | ')', _) => return Err(err()),
            (c, Some(g)) => g.push(c),
            (c, None) => outside.push(c),
        }
    }
    if group.is_some() {
        return Err(err());
    }

    let mut amounts = Vec::new();
    for g in groups {
        let as_amount = scaled_amount(g.strip_prefix('+').unwrap_or(&g).trim_start());
        match as_amount {
            Some(amount) => amounts.push((amount, g)),
            None if cost.period.is_none() && !g.is_empty() => cost.period = Some(g),
            None => return Err(err()),
        }
    }

    let outside = normalize(&outside);
    let outside = strip_suffix_ci(&outside, "Kč").unwrap_or(&outside).trim();
    if outside.is_empty() {
        let [(amount, _)] = amounts.as_slice() else {
            return Err(err());
        };
        cost.amount = Some(*amount);
        cost.bracketed = true;
    } else {
        cost.amount = Some(scaled_amount(outside).ok_or_else(err)?);
        match amounts.len() {
            0 => {}
            1 => cost.extra = amounts.pop().map(|(_, text)| text),
            _ => return Err(err()),
        }
    }
    Ok(cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Code {
        s.parse().unwrap()
    }

    fn mil(crowns: i64) -> Option<Czk> {
        Some(Czk::from_crowns(crowns))
    }

    fn plain(amount: Option<Czk>) -> Cost {
        Cost {
            amount,
            approximate: false,
            see_measure: None,
            period: None,
            bracketed: false,
            extra: None,
        }
    }

    #[test]
    fn reads_numbers() {
        let cases = [
            ("1 190", 1190.0),
            ("1\u{a0}190", 1190.0),
            ("1\u{202f}190", 1190.0),
            ("6,1", 6.1),
            ("54", 54.0),
            ("3,01 %", 3.01),
            ("3,01%", 3.01),
            ("cca 3 100", 3100.0),
            ("174,1", 174.1),
            ("-12,5", -12.5),
            ("  1 234 567,89 ", 1_234_567.89),
            ("1190", 1190.0),
            ("0", 0.0),
        ];
        for (text, expected) in cases {
            assert_eq!(number(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "",
            "abc",
            "1,2,3",
            "1 19",
            "12 34 567",
            "1.5",
            "6,",
            ",5",
            "- 1",
            "1 290+",
            "%",
        ] {
            let e = number(bad).unwrap_err();
            assert_eq!(
                e,
                ParseError {
                    what: "a number",
                    text: bad.to_owned()
                },
                "{bad}"
            );
        }
        assert_eq!(
            number("abc").unwrap_err().to_string(),
            "cannot read a number from `abc`"
        );
    }

    #[test]
    fn reads_indicator_values() {
        use IndicatorReading::*;
        let cases = [
            ("39", Value(39.0)),
            ("1 631", Value(1631.0)),
            ("12/12/4/22", Parts(vec![12.0, 12.0, 4.0, 22.0])),
            ("-", Missing),
            ("–", Missing),
            ("—", Missing),
            ("n. a.", Missing),
            ("n.a.", Missing),
            ("N. A.", Missing),
            (" 0 ", Value(0.0)),
        ];
        for (text, expected) in cases {
            assert_eq!(indicator_value(text), Ok(expected), "{text}");
        }
        for bad in ["", "abc", "12/", "/4", "12//4", "--", "n. b."] {
            assert!(indicator_value(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_exact_amounts() {
        let cases = [
            ("14 964 994,80 Kč", 1_496_499_480),
            ("12 170 133,36 Kč", 1_217_013_336),
            ("4 144 700,00 Kč", 414_470_000),
            ("30 969 331,66 Kč", 3_096_933_166),
            ("149 348 386,20 Kč", 14_934_838_620),
            ("149 348 386,20", 14_934_838_620),
            ("14\u{a0}964\u{a0}994,80\u{a0}Kč", 1_496_499_480),
            ("25 000 Kč", 2_500_000),
            ("1 000,- Kč", 100_000),
            ("0,5 Kč", 50),
            ("-1 000,25 Kč", -100_025),
        ];
        for (text, hellers) in cases {
            assert_eq!(czk(text), Ok(Czk::from_hellers(hellers)), "{text}");
        }
        for bad in [
            "",
            "Kč",
            "abc",
            "1,234 Kč",
            "1 23,00 Kč",
            "12.5 Kč",
            "25 mil. Kč",
            "1,2,3",
        ] {
            assert!(czk(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_costs() {
        let cases = [
            ("25 mil. Kč", plain(mil(25_000_000))),
            ("6,1 mil. Kč", plain(mil(6_100_000))),
            ("2,7 mil. Kč", plain(mil(2_700_000))),
            ("4,8 mil. Kč", plain(mil(4_800_000))),
            ("222,9 mil. Kč", plain(mil(222_900_000))),
            ("30 tis. Kč", plain(mil(30_000))),
            ("10 mil.", plain(mil(10_000_000))),
            ("175 mil", plain(mil(175_000_000))),
            ("1,25 mld. Kč", plain(mil(1_250_000_000))),
            ("500 Kč", plain(mil(500))),
            (
                "Přibližně 100 mil. Kč",
                Cost {
                    approximate: true,
                    ..plain(mil(100_000_000))
                },
            ),
            (
                "Přibližně 30 tis. Kč",
                Cost {
                    approximate: true,
                    ..plain(mil(30_000))
                },
            ),
            (
                "15 mil. Kč (3 roky)",
                Cost {
                    period: Some("3 roky".into()),
                    ..plain(mil(15_000_000))
                },
            ),
            (
                "30 tis. Kč (jednorázově)",
                Cost {
                    period: Some("jednorázově".into()),
                    ..plain(mil(30_000))
                },
            ),
            (
                "(100 mil.)",
                Cost {
                    bracketed: true,
                    ..plain(mil(100_000_000))
                },
            ),
            (
                "Viz opatření 1.1.1.1",
                Cost {
                    see_measure: Some(code("1.1.1.1")),
                    ..plain(None)
                },
            ),
            (
                "Viz 1.1.1.1",
                Cost {
                    see_measure: Some(code("1.1.1.1")),
                    ..plain(None)
                },
            ),
            ("-", plain(None)),
            ("–", plain(None)),
            ("", plain(None)),
            (
                "175 mil (+100 mil.) Kč*",
                Cost {
                    extra: Some("+100 mil.".into()),
                    ..plain(mil(175_000_000))
                },
            ),
            (
                "397,9 mil. (100 mil.) Kč*",
                Cost {
                    extra: Some("100 mil.".into()),
                    ..plain(mil(397_900_000))
                },
            ),
            ("6\u{a0}mil.\u{a0}Kč", plain(mil(6_000_000))),
        ];
        for (text, expected) in cases {
            assert_eq!(cost(text), Ok(expected), "{text}");
        }
    }

    #[test]
    fn reads_costs_exactly() {
        let c = cost("6,1 mil.").unwrap();
        assert_eq!(c.amount.map(Czk::hellers), Some(610_000_000));
        let c = cost("397,9 mil. (100 mil.) Kč*").unwrap();
        assert_eq!(c.amount.map(Czk::hellers), Some(39_790_000_000));
    }

    #[test]
    fn refuses_what_is_not_a_cost() {
        for bad in [
            "abc",
            "mil. Kč",
            "(3 roky)",
            "25 mil. Kč (3 roky) (2 roky)",
            "25 mil. Kč (",
            "25 mil. Kč)",
            "25 mil. ((3 roky))",
            "10 mil. (1 mil.) (2 mil.)",
            "Viz opatření x",
            "Viz opatření 1.1.1",
            "6,123456789 mil.",
            "1,2,3 mil.",
            "25 mio. Kč",
            "(100 mil.) (200 mil.)",
        ] {
            let e = cost(bad).unwrap_err();
            assert_eq!(e.what, "a cost", "{bad}");
        }
    }
}
