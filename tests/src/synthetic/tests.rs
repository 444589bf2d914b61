//! Unit tests of the synthetic plans: shape, codes, keys, limits and computed figures.

use std::collections::HashSet;

use server::store::facts::{IndicatorRow, Inputs, MeasureRow, StatusFact, ValueRow, compute};
use shared::code::Level;

use super::build::crowns_text;
use super::*;
use shared::status::StatusKind;
use shared::{Code, Date, FundingSource};

fn one(shape: &Shape, number: usize) -> Rows {
    build(shape, number, &mut Ids::default())
}

#[test]
fn the_budget_shape_is_valid_and_sized_as_the_quality_bar_says() {
    let s = Shape::BUDGET;
    assert_eq!(s.validate(), Ok(()));
    assert_eq!(Shape::SMALL.validate(), Ok(()));
    let r = one(&s, 1);
    assert_eq!(r.plans.len(), 1);
    assert_eq!(r.areas.len(), 6);
    assert_eq!(r.strategic_goals.len(), 12);
    assert_eq!(r.specific_goals.len(), 24);
    assert_eq!(r.measures.len(), 50);
    assert_eq!(r.indicators.len(), 24 * 10);
    assert_eq!(r.indicator_values.len(), 24 * 10 * 12);
    assert_eq!(r.statuses.len(), 100);
    assert_eq!(r.organisations.len(), 10);
    assert!(!r.projects.is_empty() && !r.allocations.is_empty() && !r.conflicts.is_empty());
    assert_eq!(r.total(), r.counts().iter().map(|(_, n)| n).sum::<usize>());
}

#[test]
fn validate_rejects_codes_that_do_not_fit() {
    assert!(
        Shape {
            measures_per_plan: 24 * 999 + 1,
            ..Shape::BUDGET
        }
        .validate()
        .is_err()
    );
    assert!(
        Shape {
            areas_per_plan: 1000,
            ..Shape::BUDGET
        }
        .validate()
        .is_err()
    );
    assert!(
        Shape {
            plans: 0,
            ..Shape::BUDGET
        }
        .validate()
        .is_err()
    );
    assert!(
        Shape {
            first: 9_999,
            plans: 2,
            ..Shape::BUDGET
        }
        .validate()
        .is_err()
    );
    assert!(
        Shape {
            dates: 0,
            ..Shape::BUDGET
        }
        .validate()
        .is_err()
    );
}

#[test]
fn codes_parse_at_their_level_and_are_unique() {
    let r = one(
        &Shape {
            measures_per_plan: 500,
            ..Shape::SMALL
        },
        7,
    );
    let check = |codes: Vec<&str>, level: Level| {
        let mut seen = HashSet::new();
        for c in codes {
            let code: Code = c.parse().unwrap_or_else(|e| panic!("{c}: {e}"));
            assert_eq!(code.level(), level, "{c}");
            assert_eq!(code.to_string(), c);
            assert!(seen.insert(c), "duplicate code {c}");
        }
    };
    check(
        r.areas.iter().map(|a| a.code.as_str()).collect(),
        Level::Area,
    );
    check(
        r.strategic_goals.iter().map(|a| a.code.as_str()).collect(),
        Level::StrategicGoal,
    );
    check(
        r.specific_goals.iter().map(|a| a.code.as_str()).collect(),
        Level::SpecificGoal,
    );
    check(
        r.measures.iter().map(|a| a.code.as_str()).collect(),
        Level::Measure,
    );
    for m in &r.measures {
        assert_eq!(m.sort_key, m.code.parse::<Code>().unwrap().sort_key());
    }
}

#[test]
fn every_reference_points_at_a_row_of_the_same_plan() {
    let r = one(&Shape::SMALL, 3);
    let ids = |v: Vec<i32>| v.into_iter().collect::<HashSet<i32>>();
    let plan = r.plans[0].id;
    let areas = ids(r.areas.iter().map(|x| x.id).collect());
    let sgs: HashMap<i32, &strategic_goal::Model> =
        r.strategic_goals.iter().map(|x| (x.id, x)).collect();
    let goals: HashMap<i32, &specific_goal::Model> =
        r.specific_goals.iter().map(|x| (x.id, x)).collect();
    let indicators = ids(r.indicators.iter().map(|x| x.id).collect());
    let measures = ids(r.measures.iter().map(|x| x.id).collect());
    let orgs = ids(r.organisations.iter().map(|x| x.id).collect());
    let docs = ids(r.documents.iter().map(|x| x.id).collect());
    assert!(r.areas.iter().all(|a| a.plan_id == plan));
    for s in &r.strategic_goals {
        assert!(s.plan_id == plan && areas.contains(&s.area_id));
    }
    for g in &r.specific_goals {
        let sg = sgs[&g.strategic_goal_id];
        assert!(
            g.plan_id == plan
                && g.area_id == sg.area_id
                && g.action_plan_id == r.action_plans[0].id
        );
        assert!(g.code.starts_with(&format!("{}.", sg.code)));
    }
    for m in &r.measures {
        let g = goals[&m.specific_goal_id];
        assert!(
            m.plan_id == plan
                && m.area_id == g.area_id
                && m.strategic_goal_id == g.strategic_goal_id
        );
        assert!(m.code.starts_with(&format!("{}.", g.code)));
    }
    assert!(
        r.indicators
            .iter()
            .all(|i| goals.contains_key(&i.specific_goal_id))
    );
    assert!(
        r.indicator_values
            .iter()
            .all(|v| indicators.contains(&v.impact_indicator_id) && docs.contains(&v.document_id))
    );
    assert!(
        r.output_indicators
            .iter()
            .all(|x| measures.contains(&x.measure_id))
    );
    assert!(r.fundings.iter().all(|x| measures.contains(&x.measure_id)));
    assert!(r.links.iter().all(|x| measures.contains(&x.measure_id)));
    assert!(
        r.projects
            .iter()
            .all(|x| measures.contains(&x.measure_id) && orgs.contains(&x.organisation_id))
    );
    assert!(
        r.allocations
            .iter()
            .all(|x| measures.contains(&x.measure_id))
    );
    assert!(r.statuses.iter().all(|x| measures.contains(&x.measure_id)
        && x.organisation_id.is_some_and(|o| orgs.contains(&o))));
    assert!(
        r.conflicts
            .iter()
            .all(|c| c.plan_id == plan && r.measures.iter().any(|m| m.code == c.subject_code))
    );
    assert!(
        r.fundings
            .iter()
            .all(|f| FundingSource::from_db(&f.source).is_some())
    );
    assert!(
        r.statuses
            .iter()
            .all(|s| StatusKind::from_db(&s.status).is_some())
    );
    assert!(
        r.indicator_values
            .iter()
            .all(|v| v.ref_date.parse::<Date>().is_ok())
    );
}

#[test]
fn ids_continue_above_existing_ones_and_plans_differ() {
    let mut ids = Ids::above(&[("plan", 1), ("measure", 47), ("indicator_value", 1000)]);
    let a = build(&Shape::SMALL, 1, &mut ids);
    let b = build(&Shape::SMALL, 2, &mut ids);
    assert_eq!(a.plans[0].id, 2);
    assert_eq!(b.plans[0].id, 3);
    assert_eq!(a.measures[0].id, 48);
    assert_eq!(b.measures[0].id, 48 + 50);
    assert_eq!(a.indicator_values[0].id, 1001);
    assert_eq!(
        (a.plans[0].slug.as_str(), b.plans[0].slug.as_str()),
        ("synth-0001", "synth-0002")
    );
    let registrations: HashSet<&str> = a
        .projects
        .iter()
        .chain(&b.projects)
        .map(|p| p.registration_number.as_str())
        .collect();
    assert_eq!(registrations.len(), a.projects.len() + b.projects.len());
    let mut both = a.clone();
    both.append(b.clone());
    let measure_ids: HashSet<i32> = both.measures.iter().map(|m| m.id).collect();
    assert_eq!(measure_ids.len(), 100);
}

#[test]
fn the_same_number_builds_the_same_plan() {
    assert_eq!(one(&Shape::BUDGET, 100), one(&Shape::BUDGET, 100));
    assert_ne!(
        one(&Shape::BUDGET, 100).indicator_values,
        one(&Shape::BUDGET, 101).indicator_values
    );
}

#[test]
fn the_measure_token_finds_exactly_one_measure() {
    let r = one(
        &Shape {
            measures_per_plan: 500,
            ..Shape::SMALL
        },
        1,
    );
    for index in [1, 10, 100, 500] {
        let token = measure_token(1, index);
        let hits = r
            .measures
            .iter()
            .filter(|m| m.search_text.contains(&token))
            .count();
        assert_eq!(hits, 1, "{token}");
    }
}

#[test]
fn the_overview_figures_are_computed_and_not_zero() {
    let r = one(&Shape::BUDGET, 100);
    let f = compute(&Inputs {
        goals: r.specific_goals.clone(),
        indicators: r.indicators.iter().map(IndicatorRow::from).collect(),
        values: r.indicator_values.iter().map(ValueRow::from).collect(),
        measures: r.measures.iter().map(MeasureRow::from).collect(),
        statuses: r
            .statuses
            .iter()
            .filter(|s| s.published)
            .map(StatusFact::from)
            .collect(),
        fundings: r.fundings.clone(),
        projects: r.projects.clone(),
        allocations: r.allocations.clone(),
        conflicts: r.conflicts.clone(),
        action_plans: r.action_plans.clone(),
    });
    let progress = f.plan.progress.expect("plan progress");
    assert_eq!(progress.goals, 24);
    assert_eq!(progress.goals_with_data, 24);
    assert!(
        progress.attainment.is_some_and(|a| a > 0.0 && a <= 1.0),
        "{progress:?}"
    );
    assert!(
        progress.achieved > 0 && progress.achieved < 24,
        "{progress:?}"
    );
    let s = f.plan.statuses;
    assert_eq!(s.total(), 50);
    assert_eq!(s.unknown, 0);
    assert!(
        s.not_implemented > 0 && s.in_progress > 0 && s.completed > 0,
        "{s:?}"
    );
    let m = f.plan.money;
    assert!(
        [m.planned, m.allocated, m.drawn]
            .iter()
            .all(|t| t.get().is_ok_and(|c| c.hellers() > 0)),
        "{m:?}"
    );
    assert_eq!(m.measures_with_cost, 40);
    assert_eq!(f.plan.conflicts, 5);
    assert_eq!(f.areas.len(), 6);
    assert!(
        f.areas
            .values()
            .all(|a| a.progress.is_some() && a.statuses.total() > 0)
    );
    assert_eq!(f.latest_monitoring, Some(monitoring_date(11)));
}

#[test]
fn statements_stay_below_the_bind_limits() {
    for backend in [DatabaseBackend::Postgres, DatabaseBackend::Sqlite] {
        for columns in [1, 4, 10, 23, 26, 30] {
            let rows = rows_per_statement(backend, columns);
            let limit = if backend == DatabaseBackend::Postgres {
                65_535
            } else {
                32_766
            };
            assert!(
                rows >= 1 && rows * columns <= limit,
                "{backend:?} {columns}: {rows}"
            );
        }
    }
    let measure_columns = <measure::Column as Iterable>::iter().count();
    assert!(measure_columns > 20, "{measure_columns}");
    assert!(
        rows_per_statement(DatabaseBackend::Postgres, measure_columns) * measure_columns <= 65_535
    );
    assert!(rows_per_statement(DatabaseBackend::Sqlite, measure_columns) > 1_000);
}

#[test]
fn monitoring_dates_are_quarter_ends() {
    assert_eq!(monitoring_date(0).to_string(), "2023-03-31");
    assert_eq!(monitoring_date(1).to_string(), "2023-06-30");
    assert_eq!(monitoring_date(3).to_string(), "2023-12-31");
    assert_eq!(monitoring_date(11).to_string(), "2025-12-31");
    assert_eq!(crowns_text(12_500_000), "12 500 000 Kč");
    assert_eq!(crowns_text(999), "999 Kč");
}
