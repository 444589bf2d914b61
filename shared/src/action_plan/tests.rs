use super::*;

fn code(s: &str) -> Code {
    s.parse().expect("code")
}

fn card(name: &str, cost: Option<i64>, funding: &[FundingSource]) -> Card {
    Card {
        name: name.to_owned(),
        description: "Popis".to_owned(),
        estimated_cost: cost.map(Czk::from_crowns),
        funding: funding.iter().copied().collect(),
        ..Card::default()
    }
}

fn total(t: Total) -> i64 {
    t.get().expect("in range").hellers() / 100
}

#[test]
fn a_period_is_ordered_inside_the_plan_and_overlaps_no_other() {
    let plan = Period {
        from: 2022,
        to: 2027,
    };
    let first = [Neighbour {
        name: "Akční plán I.",
        period: Period {
            from: 2023,
            to: 2025,
        },
    }];
    let p = |from, to| Period { from, to };
    assert_eq!(check_period(p(2026, 2027), plan, &first), Ok(()));
    assert_eq!(
        check_period(p(2027, 2026), plan, &first),
        Err(Rule::PeriodReversed)
    );
    assert_eq!(
        check_period(p(2026, 2028), plan, &first),
        Err(Rule::OutOfRange {
            min: 2022,
            max: 2027
        })
    );
    assert_eq!(
        check_period(p(2025, 2026), plan, &first),
        Err(Rule::Overlaps {
            with: "Akční plán I.".to_owned()
        })
    );
    // A single year that another plan covers, and one beside it.
    assert!(check_period(p(2024, 2024), plan, &first).is_err());
    assert_eq!(check_period(p(2022, 2022), plan, &first), Ok(()));
}

#[test]
fn the_action_plan_in_force_covers_the_year_else_the_latest_begun() {
    let p = |from, to| Period { from, to };
    let plans = [(1, p(2023, 2025)), (2, p(2026, 2027))];
    assert_eq!(in_force(&plans, 2024), Some(1));
    assert_eq!(in_force(&plans, 2026), Some(2));
    assert_eq!(in_force(&plans, 2030), Some(2), "after the last, the last");
    assert_eq!(
        in_force(&plans, 2022),
        Some(1),
        "before the first, the first"
    );
    let gap = [(1, p(2022, 2023)), (2, p(2026, 2027))];
    assert_eq!(in_force(&gap, 2024), Some(1), "between two, the one begun");
    assert_eq!(in_force::<i32>(&[], 2024), None);
}

#[test]
fn a_new_measure_gets_the_next_number_any_action_plan_used_under_its_goal() {
    let taken = [
        code("2.1.3.1"),
        code("2.1.3.4"),
        code("2.1.4.9"),
        code("2.1.3"),
        code("3.1.3.7"),
    ];
    assert_eq!(
        next_measure_code(&code("2.1.3"), &taken),
        Ok(code("2.1.3.5"))
    );
    assert_eq!(
        next_measure_code(&code("2.2.1"), &taken),
        Ok(code("2.2.1.1"))
    );
    assert_eq!(
        next_measure_code(&code("2.1"), &taken),
        Err(Rule::UnknownId),
        "only a specific goal has measures"
    );
    let full = [code("2.1.3.999")];
    assert_eq!(
        next_measure_code(&code("2.1.3"), &full),
        Err(Rule::TooMany { max: 999 })
    );
}

#[test]
fn a_chosen_code_lies_under_its_goal_and_was_never_used() {
    let taken = [code("2.1.3.1"), code("2.1.3.4")];
    let goal = code("2.1.3");
    assert_eq!(check_new_code(&goal, &code("2.1.3.7"), &taken), Ok(()));
    assert_eq!(
        check_new_code(&goal, &code("2.1.3.4"), &taken),
        Err(Rule::Duplicate)
    );
    assert_eq!(
        check_new_code(&goal, &code("2.1.4.7"), &taken),
        Err(Rule::UnknownId)
    );
    assert_eq!(
        check_new_code(&goal, &code("2.1.3"), &taken),
        Err(Rule::UnknownId)
    );
}

#[test]
fn the_target_in_force_is_the_latest_revision_on_or_before_the_date() {
    let original = Target {
        value: Some(900.0),
        text: Some("900 osob"),
    };
    let day = |y, m, d| Date::new(y, m, d).expect("date");
    let revisions = [
        TargetRevision {
            from: day(2026, 1, 1),
            target: Target {
                value: Some(1200.0),
                text: None,
            },
        },
        TargetRevision {
            from: day(2025, 7, 1),
            target: Target {
                value: Some(1000.0),
                text: None,
            },
        },
    ];
    let at = |d| target_at(original, &revisions, d).value;
    assert_eq!(at(day(2025, 6, 30)), Some(900.0));
    assert_eq!(at(day(2025, 7, 1)), Some(1000.0), "from its date");
    assert_eq!(at(day(2025, 12, 31)), Some(1000.0));
    assert_eq!(at(day(2027, 1, 1)), Some(1200.0));
    assert_eq!(target_at(original, &[], day(2030, 1, 1)), original);
}

#[test]
fn differences_name_the_fields_that_changed() {
    let before = Card {
        output_indicators: vec!["Počet podpořených osob".to_owned()],
        ..card(
            "Terapie pro rodiny",
            Some(12_000_000),
            &[FundingSource::OpzPlus],
        )
    };
    assert_eq!(differences(&before, &before), []);
    let mut after = before.clone();
    after.name = " Terapie pro rodiny ".to_owned();
    assert_eq!(
        differences(&before, &after),
        [],
        "white space around is no change"
    );
    after.estimated_cost = Some(Czk::from_crowns(14_000_000));
    after.funding.insert(FundingSource::City);
    after.output_indicators.push("Počet rodin".to_owned());
    assert_eq!(
        differences(&before, &after),
        [
            CardField::EstimatedCost,
            CardField::Funding,
            CardField::OutputIndicators
        ]
    );
    assert_eq!(Origin::of(&after, Some(&before)), Origin::Changed);
    assert_eq!(Origin::of(&before, Some(&before)), Origin::Continued);
    assert_eq!(Origin::of(&before, None), Origin::New);
}

#[test]
fn comparing_two_action_plans_sorts_measures_by_what_became_of_them() {
    let a = card("A", Some(1_000_000), &[FundingSource::OpzPlus]);
    let b = card(
        "B",
        Some(2_000_000),
        &[FundingSource::City, FundingSource::Irop],
    );
    let c = card("C", None, &[FundingSource::City]);
    let d = card("D", Some(500_000), &[FundingSource::Ngo]);
    let b2 = Card {
        estimated_cost: Some(Czk::from_crowns(3_000_000)),
        ..b.clone()
    };
    let e = card("E", Some(700_000), &[FundingSource::City]);
    let (c1, c2, c3, c4, c5) = (
        code("2.1.3.1"),
        code("2.1.3.2"),
        code("2.1.4.1"),
        code("3.1.1.1"),
        code("2.1.3.5"),
    );
    let earlier = [
        Entry {
            id: 1,
            code: &c1,
            card: &a,
            origin: None,
            status: Some(StatusKind::InProgress),
        },
        Entry {
            id: 2,
            code: &c2,
            card: &b,
            origin: None,
            status: Some(StatusKind::NotImplemented),
        },
        Entry {
            id: 3,
            code: &c3,
            card: &c,
            origin: None,
            status: Some(StatusKind::NotImplemented),
        },
        Entry {
            id: 4,
            code: &c4,
            card: &d,
            origin: None,
            status: None,
        },
    ];
    let later = [
        Entry {
            id: 11,
            code: &c1,
            card: &a,
            origin: Some(1),
            status: None,
        },
        Entry {
            id: 12,
            code: &c2,
            card: &b2,
            origin: Some(2),
            status: None,
        },
        Entry {
            id: 15,
            code: &c5,
            card: &e,
            origin: None,
            status: None,
        },
    ];
    let endings = [Ending {
        measure: 4,
        reason: "Služba převzata krajem",
    }];
    let cmp = compare(&earlier, &later, &endings).expect("comparable");
    let goals: Vec<String> = cmp.goals.iter().map(|g| g.goal.to_string()).collect();
    assert_eq!(goals, ["2.1.3", "2.1.4", "3.1.1"]);
    let g = &cmp.goals[0];
    assert_eq!(g.added, [15]);
    assert_eq!(g.unchanged, [(1, 11)]);
    assert_eq!(g.changed, [(2, 12, vec![CardField::EstimatedCost])]);
    assert!(g.ended.is_empty());
    assert_eq!(
        cmp.goals[1].ended,
        [(3, None)],
        "not carried over, no reason"
    );
    assert_eq!(
        cmp.goals[2].ended,
        [(4, Some("Služba převzata krajem".to_owned()))]
    );

    // Costs: earlier 1 + 2 + 0.5 mil.; later 1 + 3 + 0.7 mil.
    assert_eq!(total(cmp.cost_total.earlier), 3_500_000);
    assert_eq!(total(cmp.cost_total.later), 4_700_000);
    assert_eq!(total(cmp.cost_by_area[&code("2")].earlier), 3_000_000);
    assert_eq!(total(cmp.cost_by_area[&code("2")].later), 4_700_000);
    assert_eq!(total(cmp.cost_by_area[&code("3")].later), 0);
    // B counts under both its sources; C has no amount.
    assert_eq!(
        total(cmp.cost_by_source[&FundingSource::City].earlier),
        2_000_000
    );
    assert_eq!(
        total(cmp.cost_by_source[&FundingSource::City].later),
        3_700_000
    );
    assert_eq!(
        total(cmp.cost_by_source[&FundingSource::Irop].later),
        3_000_000
    );

    // Unimplemented in the earlier plan: B carried on as 12, C not.
    assert_eq!(cmp.unimplemented, [(2, Some(12)), (3, None)]);
}

#[test]
fn an_origin_outside_the_earlier_plan_or_named_twice_is_refused() {
    let a = card("A", None, &[]);
    let (c1, c2) = (code("1.1.1.1"), code("1.1.1.2"));
    let earlier = [Entry {
        id: 1,
        code: &c1,
        card: &a,
        origin: None,
        status: None,
    }];
    let foreign = [Entry {
        id: 11,
        code: &c1,
        card: &a,
        origin: Some(7),
        status: None,
    }];
    assert_eq!(
        compare(&earlier, &foreign, &[]),
        Err(OriginError::Unknown("1.1.1.1".to_owned()))
    );
    let twice = [
        Entry {
            id: 11,
            code: &c1,
            card: &a,
            origin: Some(1),
            status: None,
        },
        Entry {
            id: 12,
            code: &c2,
            card: &a,
            origin: Some(1),
            status: None,
        },
    ];
    assert_eq!(
        compare(&earlier, &twice, &[]),
        Err(OriginError::Twice(
            "1.1.1.1".to_owned(),
            "1.1.1.2".to_owned()
        ))
    );
}
