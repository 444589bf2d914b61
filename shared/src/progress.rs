//! Progress of specific goals against their targets, and how it rolls up.
//!
//! **Indicator.** An impact indicator with a numeric target has progress = its latest value /
//! its target (54 of 40 households = 135 %). "Latest" is the value at the most recent monitoring
//! date that has a number; values printed as "-" or "n. a." are skipped. For a `PerYear` target
//! the latest value is the latest year's count, compared with the yearly minimum.
//!
//! **Specific goal.** The mean of the ratios of its key indicators that have a target and a
//! value; if no key indicator has a target, every indicator with a target counts. A goal's
//! *attainment* is that ratio capped at 100 %, so over-achieving one goal cannot hide another
//! that lags.
//!
//! **Strategic goal, area, plan.** The unweighted mean of the attainment of their specific goals
//! that have progress, together with how many goals have data and how many are achieved. Goals
//! without data are counted, never treated as zero.
//!
//! **On track.** For a `CountBy` goal the expected share at a date is the elapsed share of the
//! action plan's period (start → due); a goal is on track when its ratio is at least that.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// The kind of target a specific goal sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TargetKind {
    /// Reach a number by a due date ("Do roku 2025 … 40 domácností").
    CountBy,
    /// At least a number every year ("Minimálně dvakrát ročně").
    PerYear,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::CountBy => "COUNT_BY",
            TargetKind::PerYear => "PER_YEAR",
        }
    }

    pub fn from_db(s: &str) -> Option<TargetKind> {
        match s {
            "COUNT_BY" | "count_by" => Some(TargetKind::CountBy),
            "PER_YEAR" | "per_year" => Some(TargetKind::PerYear),
            _ => None,
        }
    }
}

/// A value of an indicator at a monitoring date (`None` when the document prints no number).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    pub date: Date,
    pub value: Option<f64>,
}

/// An indicator's latest value against its target.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IndicatorProgress {
    pub latest: f64,
    pub date: Date,
    pub target: f64,
    /// latest / target, not capped (1.35 = 135 %).
    pub ratio: f64,
}

/// The latest numeric reading compared with the target; `None` without a positive target or
/// without any numeric reading.
pub fn indicator_progress(target: Option<f64>, readings: &[Reading]) -> Option<IndicatorProgress> {
    let target = target.filter(|t| *t > 0.0)?;
    let (date, latest) = readings
        .iter()
        .filter_map(|r| r.value.map(|v| (r.date, v)))
        .max_by_key(|(date, _)| *date)?;
    Some(IndicatorProgress {
        latest,
        date,
        target,
        ratio: latest / target,
    })
}

/// What an indicator contributes to its goal's progress.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IndicatorInput {
    pub is_key: bool,
    pub progress: Option<IndicatorProgress>,
}

/// Where a goal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum GoalState {
    /// 100 % or more.
    Achieved,
    /// Below 100 %, at or above the expected share for the date of the latest value.
    OnTrack,
    /// Below the expected share.
    Behind,
    /// No indicator with a target has a value.
    NoData,
}

/// A specific goal's progress.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GoalProgress {
    /// Mean ratio of the counted indicators, not capped; `None` without data.
    pub ratio: Option<f64>,
    /// `ratio` capped at 1.0.
    pub attainment: Option<f64>,
    /// The share expected by the date of the latest value (`CountBy` only).
    pub expected: Option<f64>,
    /// The most recent monitoring date among the counted indicators.
    pub as_of: Option<Date>,
    pub state: GoalState,
}

/// The period over which a `CountBy` goal is expected to progress linearly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub start: Date,
    pub due: Date,
}

/// The share of a window elapsed at a date, between 0 and 1.
pub fn expected_share(window: Window, at: Date) -> f64 {
    let total = window.start.days_until(window.due);
    if total <= 0 {
        return 1.0;
    }
    (window.start.days_until(at) as f64 / total as f64).clamp(0.0, 1.0)
}

/// A goal's progress from its indicators (see the module docs for the rule).
pub fn goal_progress(
    kind: TargetKind,
    window: Option<Window>,
    indicators: &[IndicatorInput],
) -> GoalProgress {
    let key: Vec<IndicatorProgress> = indicators
        .iter()
        .filter(|i| i.is_key)
        .filter_map(|i| i.progress)
        .collect();
    let key_with_target = indicators.iter().any(|i| i.is_key && i.progress.is_some());
    let counted: Vec<IndicatorProgress> = if key_with_target {
        key
    } else {
        indicators.iter().filter_map(|i| i.progress).collect()
    };
    if counted.is_empty() {
        return GoalProgress {
            ratio: None,
            attainment: None,
            expected: None,
            as_of: None,
            state: GoalState::NoData,
        };
    }
    let ratio = counted.iter().map(|p| p.ratio).sum::<f64>() / counted.len() as f64;
    let as_of = counted.iter().map(|p| p.date).max();
    let expected = match (kind, window, as_of) {
        (TargetKind::CountBy, Some(window), Some(at)) => Some(expected_share(window, at)),
        (TargetKind::PerYear, _, _) => Some(1.0),
        _ => None,
    };
    let state = if ratio >= 1.0 {
        GoalState::Achieved
    } else if expected.is_some_and(|e| ratio >= e) {
        GoalState::OnTrack
    } else {
        GoalState::Behind
    };
    GoalProgress {
        ratio: Some(ratio),
        attainment: Some(ratio.min(1.0)),
        expected,
        as_of,
        state,
    }
}

/// Progress of a group of goals (a strategic goal, an area, a plan).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    /// Mean attainment of the goals with data; `None` if none has data.
    pub attainment: Option<f64>,
    pub goals: usize,
    pub goals_with_data: usize,
    pub achieved: usize,
    pub on_track: usize,
    pub behind: usize,
}

/// Rolls goals up (see the module docs for the rule).
pub fn rollup<'a>(goals: impl IntoIterator<Item = &'a GoalProgress>) -> Rollup {
    let mut r = Rollup {
        attainment: None,
        goals: 0,
        goals_with_data: 0,
        achieved: 0,
        on_track: 0,
        behind: 0,
    };
    let mut sum = 0.0;
    for g in goals {
        r.goals += 1;
        match g.state {
            GoalState::Achieved => r.achieved += 1,
            GoalState::OnTrack => r.on_track += 1,
            GoalState::Behind => r.behind += 1,
            GoalState::NoData => {}
        }
        if let Some(a) = g.attainment {
            r.goals_with_data += 1;
            sum += a;
        }
    }
    if r.goals_with_data > 0 {
        r.attainment = Some(sum / r.goals_with_data as f64);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn readings(values: &[(&str, Option<f64>)]) -> Vec<Reading> {
        values
            .iter()
            .map(|(date, value)| Reading {
                date: d(date),
                value: *value,
            })
            .collect()
    }

    const WINDOW: Window = Window {
        start: date(2023, 1, 1),
        due: date(2025, 12, 31),
    };

    const fn date(y: i32, m: u8, day: u8) -> Date {
        match Date::new_const(y, m, day) {
            Some(d) => d,
            None => panic!("bad date"),
        }
    }

    #[test]
    fn indicator_uses_latest_numeric_value() {
        let p = indicator_progress(
            Some(40.0),
            &readings(&[("2024-04-30", Some(39.0)), ("2025-02-28", Some(54.0))]),
        )
        .unwrap();
        assert_eq!(p.latest, 54.0);
        assert!((p.ratio - 1.35).abs() < 1e-9);
        // A later "-" does not replace a number.
        let p = indicator_progress(
            Some(40.0),
            &readings(&[("2024-04-30", Some(10.0)), ("2025-02-28", None)]),
        )
        .unwrap();
        assert_eq!(p.latest, 10.0);
        assert!(indicator_progress(None, &readings(&[("2024-04-30", Some(1.0))])).is_none());
        assert!(indicator_progress(Some(0.0), &readings(&[("2024-04-30", Some(1.0))])).is_none());
        assert!(indicator_progress(Some(5.0), &readings(&[("2024-04-30", None)])).is_none());
    }

    #[test]
    fn goal_averages_key_indicators_and_grades_state() {
        let debt = indicator_progress(Some(300.0), &readings(&[("2025-01-31", Some(98.0))]));
        let insolvency = indicator_progress(Some(200.0), &readings(&[("2025-01-31", Some(82.0))]));
        let mapped = indicator_progress(Some(1.0), &readings(&[("2025-01-31", Some(247.0))]));
        let g = goal_progress(
            TargetKind::CountBy,
            Some(WINDOW),
            &[
                IndicatorInput {
                    is_key: true,
                    progress: debt,
                },
                IndicatorInput {
                    is_key: true,
                    progress: insolvency,
                },
                IndicatorInput {
                    is_key: false,
                    progress: mapped,
                },
            ],
        );
        let ratio = g.ratio.unwrap();
        assert!((ratio - (98.0 / 300.0 + 82.0 / 200.0) / 2.0).abs() < 1e-9);
        assert_eq!(
            g.state,
            GoalState::Behind,
            "36.8 % at 2025-01-31 is behind the ~70 % expected"
        );

        let households = indicator_progress(Some(40.0), &readings(&[("2025-02-28", Some(54.0))]));
        let g = goal_progress(
            TargetKind::CountBy,
            Some(WINDOW),
            &[IndicatorInput {
                is_key: true,
                progress: households,
            }],
        );
        assert_eq!(g.state, GoalState::Achieved);
        assert_eq!(g.attainment, Some(1.0));
    }

    #[test]
    fn goal_falls_back_to_any_indicator_with_a_target() {
        let positions = indicator_progress(Some(30.0), &readings(&[("2024-12-31", Some(50.0))]));
        let g = goal_progress(
            TargetKind::CountBy,
            Some(WINDOW),
            &[IndicatorInput {
                is_key: false,
                progress: positions,
            }],
        );
        assert_eq!(g.state, GoalState::Achieved);
        let none = goal_progress(
            TargetKind::CountBy,
            Some(WINDOW),
            &[IndicatorInput {
                is_key: true,
                progress: None,
            }],
        );
        assert_eq!(none.state, GoalState::NoData);
    }

    #[test]
    fn expected_share_is_linear_and_clamped() {
        assert_eq!(expected_share(WINDOW, d("2022-06-01")), 0.0);
        assert_eq!(expected_share(WINDOW, d("2026-06-01")), 1.0);
        let mid = expected_share(WINDOW, d("2024-07-01"));
        assert!((mid - 0.5).abs() < 0.01);
    }

    #[test]
    fn rollup_averages_attainment_and_counts_goals_without_data() {
        let goals = [
            GoalProgress {
                ratio: Some(1.35),
                attainment: Some(1.0),
                expected: None,
                as_of: None,
                state: GoalState::Achieved,
            },
            GoalProgress {
                ratio: Some(0.5),
                attainment: Some(0.5),
                expected: None,
                as_of: None,
                state: GoalState::Behind,
            },
            GoalProgress {
                ratio: None,
                attainment: None,
                expected: None,
                as_of: None,
                state: GoalState::NoData,
            },
        ];
        let r = rollup(&goals);
        assert_eq!(r.goals, 3);
        assert_eq!(r.goals_with_data, 2);
        assert_eq!(r.achieved, 1);
        assert_eq!(r.behind, 1);
        assert_eq!(r.attainment, Some(0.75));
        assert_eq!(rollup(&[]).attainment, None);
    }
}
