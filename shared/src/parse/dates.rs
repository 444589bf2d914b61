//! Dates, card schedules, project periods and milestone periods.

use super::*;

/// A four-digit year.
fn year(s: &str) -> Option<i32> {
    digits(s, 4..=4)
}

/// `M/YYYY` or `MM/YYYY` as (year, month).
fn month_year(s: &str) -> Option<(i32, u8)> {
    let (m, y) = s.split_once('/')?;
    let month: u8 = digits(m.trim(), 1..=2)?;
    (1..=12).contains(&month).then_some(())?;
    Some((year(y.trim())?, month))
}

/// The first and last day of `YYYY` or `MM/YYYY`.
fn schedule_bounds(s: &str) -> Option<(Date, Date)> {
    if let Some(y) = year(s) {
        return Some((Date::new(y, 1, 1)?, Date::new(y, 12, 31)?));
    }
    let (y, m) = month_year(s)?;
    Some((Date::first_of_month(y, m)?, Date::last_of_month(y, m)?))
}

/// The "Harmonogram" of a measure card.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// The first day.
    pub from: Option<Date>,
    /// The last day, `None` when only the start is known.
    pub to: Option<Date>,
    /// "Zahájení v roce 2024": only the start is given.
    pub start_only: bool,
}

/// A schedule: `2022–2025`, `01/2023–12/2025`, `4/2023–4/2026`, `2023`, `Zahájení v roce 2024`.
///
/// Years stand for their first and last day, months likewise (`03/2023—02/2026` is
/// 2023-03-01 to 2026-02-28).
pub fn schedule(text: &str) -> Result<Schedule, ParseError> {
    let err = || ParseError::new("a schedule", text);
    let s = normalize(text);
    if let Some(rest) = strip_prefix_ci(&s, "zahájení v roce") {
        let y = year(rest.trim()).ok_or_else(err)?;
        let from = Date::new(y, 1, 1).ok_or_else(err)?;
        return Ok(Schedule {
            from: Some(from),
            to: None,
            start_only: true,
        });
    }
    let (from, to) = match split_range(&s) {
        Some((a, b)) => {
            let (from, _) = schedule_bounds(a).ok_or_else(err)?;
            let (_, to) = schedule_bounds(b).ok_or_else(err)?;
            (from, to)
        }
        None => schedule_bounds(&s).ok_or_else(err)?,
    };
    if to < from {
        return Err(err());
    }
    Ok(Schedule {
        from: Some(from),
        to: Some(to),
        start_only: false,
    })
}

/// The period of a project in the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Period {
    /// "1. 11. 2022–31. 10. 2025".
    Range { from: Date, to: Date },
    /// "Průběžně": continuous work without an end.
    Ongoing,
    /// "2023".
    Year(i32),
}

/// A project period: `1. 11. 2022–31. 10. 2025`, `Průběžně`, `2023`.
pub fn period(text: &str) -> Result<Period, ParseError> {
    let err = || ParseError::new("a period", text);
    let s = normalize(text);
    if s.to_lowercase() == "průběžně" {
        return Ok(Period::Ongoing);
    }
    if let Some(y) = year(&s) {
        return Ok(Period::Year(y));
    }
    let (a, b) = split_range(&s).ok_or_else(err)?;
    let from = date_cz(a).map_err(|_| err())?;
    let to = date_cz(b).map_err(|_| err())?;
    if to < from {
        return Err(err());
    }
    Ok(Period::Range { from, to })
}

/// A Czech date: `30. 4. 2024`, `1.7.2025`, `01.07.2024`, also as a report column header
/// `Data k 30. 4. 2024` / `Stav k 31. 12. 2023`.
pub fn date_cz(text: &str) -> Result<Date, ParseError> {
    let err = || ParseError::new("a date", text);
    let s = normalize(text);
    let s = ["data k ", "stav k "]
        .iter()
        .find_map(|p| strip_prefix_ci(&s, p))
        .unwrap_or(&s);
    let mut parts = s.split('.').map(str::trim);
    let (Some(d), Some(m), Some(y), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(err());
    };
    let day = digits(d, 1..=2).ok_or_else(err)?;
    let month = digits(m, 1..=2).ok_or_else(err)?;
    let year = year(y).ok_or_else(err)?;
    Date::new(year, month, day).ok_or_else(err)
}

/// A milestone's period of Tabulka 4 ("Září 2022", "1. pol. 2023", "Podzim 2024") as the first
/// and last day it covers. Autumn ("Podzim") is taken as September to November.
pub fn milestone_period(text: &str) -> Result<(Date, Date), ParseError> {
    let err = || ParseError {
        what: "milestone period",
        text: text.to_owned(),
    };
    let folded = crate::search::fold(text);
    let words: Vec<&str> = folded.split(' ').collect();
    let year: i32 = words.last().and_then(|y| y.parse().ok()).ok_or_else(err)?;
    let months: (u8, u8) = match words.first().copied().ok_or_else(err)? {
        "leden" => (1, 1),
        "unor" => (2, 2),
        "brezen" => (3, 3),
        "duben" => (4, 4),
        "kveten" => (5, 5),
        "cerven" => (6, 6),
        "cervenec" => (7, 7),
        "srpen" => (8, 8),
        "zari" => (9, 9),
        "rijen" => (10, 10),
        "listopad" => (11, 11),
        "prosinec" => (12, 12),
        "jaro" => (3, 5),
        "leto" => (6, 8),
        "podzim" => (9, 11),
        "zima" => (12, 12),
        "1." if words.get(1) == Some(&"pol.") => (1, 6),
        "2." if words.get(1) == Some(&"pol.") => (7, 12),
        _ => return Err(err()),
    };
    let from = Date::first_of_month(year, months.0).ok_or_else(err)?;
    let to = Date::last_of_month(year, months.1).ok_or_else(err)?;
    Ok((from, to))
}

/// The last calendar year a period text names: its last four-digit year, where a school year
/// names the year it ends in, whether printed `2020/21` or `2024/2025` (2021, 2025). "12/2021"
/// → 2021, "1. pol. 2025" → 2025, "Průběžně" → none.
pub fn last_year(text: &str) -> Option<i32> {
    let mut last = None;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        if run.len() != 4 {
            continue;
        }
        let Ok(y) = run.parse::<i32>() else { continue };
        last = Some(y);
        // `YYYY/YY`: a school year ending in the next year.
        if chars.get(i) == Some(&'/') {
            let end: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .collect();
            if end.len() == 2
                && let Ok(yy) = end.parse::<i32>()
            {
                let century = y - y % 100;
                let mut e = century + yy;
                if e < y {
                    e += 100;
                }
                last = Some(e);
                i += 1 + end.len();
            }
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn reads_schedules() {
        let range = |from, to| Schedule {
            from: Some(from),
            to: Some(to),
            start_only: false,
        };
        let cases = [
            ("2022–2025", range(date(2022, 1, 1), date(2025, 12, 31))),
            (
                "01/2023–12/2025",
                range(date(2023, 1, 1), date(2025, 12, 31)),
            ),
            (
                "03/2023—02/2026",
                range(date(2023, 3, 1), date(2026, 2, 28)),
            ),
            ("4/2023–4/2026", range(date(2023, 4, 1), date(2026, 4, 30))),
            (
                "03/2023-02/2026",
                range(date(2023, 3, 1), date(2026, 2, 28)),
            ),
            (
                "1/2023–12/2025",
                range(date(2023, 1, 1), date(2025, 12, 31)),
            ),
            ("2023–2025", range(date(2023, 1, 1), date(2025, 12, 31))),
            ("2023 – 2025", range(date(2023, 1, 1), date(2025, 12, 31))),
            ("2023", range(date(2023, 1, 1), date(2023, 12, 31))),
            ("02/2024", range(date(2024, 2, 1), date(2024, 2, 29))),
            (
                "Zahájení v roce 2024",
                Schedule {
                    from: Some(date(2024, 1, 1)),
                    to: None,
                    start_only: true,
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(schedule(text), Ok(expected), "{text}");
        }
        for bad in [
            "x",
            "",
            "-",
            "13/2023–12/2025",
            "0/2023–12/2025",
            "2025–2022",
            "12/2025–01/2025",
            "2023–",
            "2022–2023–2024",
            "23–25",
            "Zahájení v roce",
            "Zahájení v roce 24",
        ] {
            assert!(schedule(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_periods() {
        let cases = [
            (
                "1. 11. 2022–31. 10. 2025",
                Period::Range {
                    from: date(2022, 11, 1),
                    to: date(2025, 10, 31),
                },
            ),
            (
                "1. 7. 2023–30. 6. 2026",
                Period::Range {
                    from: date(2023, 7, 1),
                    to: date(2026, 6, 30),
                },
            ),
            (
                "1. 1. 2024 - 31. 12. 2024",
                Period::Range {
                    from: date(2024, 1, 1),
                    to: date(2024, 12, 31),
                },
            ),
            ("Průběžně", Period::Ongoing),
            ("průběžně", Period::Ongoing),
            ("2023", Period::Year(2023)),
        ];
        for (text, expected) in cases {
            assert_eq!(period(text), Ok(expected), "{text}");
        }
        for bad in [
            "",
            "-",
            "Podzim 2025",
            "1. pol. 2023",
            "31. 10. 2025–1. 11. 2022",
            "1. 11. 2022–31. 11. 2025",
            "1. 11. 2022",
            "23",
        ] {
            assert!(period(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_czech_dates() {
        let cases = [
            ("30. 4. 2024", date(2024, 4, 30)),
            ("28. 2. 2025", date(2025, 2, 28)),
            ("1.7.2025", date(2025, 7, 1)),
            ("01.07.2024", date(2024, 7, 1)),
            ("1.\u{a0}7.\u{a0}2025", date(2025, 7, 1)),
            ("Data k 30. 4. 2024", date(2024, 4, 30)),
            ("Stav k 31. 12. 2023", date(2023, 12, 31)),
            ("29. 2. 2024", date(2024, 2, 29)),
        ];
        for (text, expected) in cases {
            assert_eq!(date_cz(text), Ok(expected), "{text}");
        }
        for bad in [
            "31. 2. 2025",
            "29. 2. 2025",
            "",
            "30. 4.",
            "30. 4. 24",
            "30. 4. 2024.",
            "2024-04-30",
            "Data 30. 4. 2024",
            "a. 4. 2024",
            "130. 4. 2024",
        ] {
            assert!(date_cz(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_milestone_periods() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(
            milestone_period("Září 2022").unwrap(),
            (d("2022-09-01"), d("2022-09-30"))
        );
        assert_eq!(
            milestone_period("Říjen 2022").unwrap(),
            (d("2022-10-01"), d("2022-10-31"))
        );
        assert_eq!(
            milestone_period("1. pol. 2023").unwrap(),
            (d("2023-01-01"), d("2023-06-30"))
        );
        assert_eq!(
            milestone_period("Podzim 2026").unwrap(),
            (d("2026-09-01"), d("2026-11-30"))
        );
        assert!(milestone_period("Někdy").is_err());
        assert!(milestone_period("3. pol. 2023").is_err());
    }

    #[test]
    fn a_school_year_names_the_year_it_ends_in_however_printed() {
        assert_eq!(last_year("školní rok 2020/21"), Some(2021));
        assert_eq!(last_year("školní rok 2022/23"), Some(2023));
        assert_eq!(last_year("školní rok 2024/2025"), Some(2025));
        assert_eq!(last_year("školní rok 1999/00"), Some(2000));
    }

    #[test]
    fn the_last_year_of_other_periods() {
        assert_eq!(last_year("2024"), Some(2024));
        assert_eq!(last_year("12/2021"), Some(2021));
        assert_eq!(last_year("1. pol. 2025"), Some(2025));
        assert_eq!(last_year("1. 7. 2023–30. 6. 2026"), Some(2026));
        assert_eq!(last_year("Průběžně"), None);
        assert_eq!(last_year("12/21"), None);
    }
}
