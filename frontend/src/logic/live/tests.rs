//! Unit tests of the live-update logic: messages, scopes, summaries, marks and backoff.

use super::*;

fn change(
    kind: ChangeKind,
    code: Option<&str>,
    goal: Option<&str>,
    measure: Option<&str>,
) -> Change {
    let area = code
        .or(goal)
        .or(measure)
        .and_then(|c| c.split('.').next()?.parse().ok());
    Change {
        kind,
        code: code.map(str::to_owned),
        goal: goal.map(str::to_owned),
        measure: measure.map(str::to_owned),
        area,
        published: true,
    }
}

fn value_of(goal: &str) -> Change {
    change(ChangeKind::IndicatorValue, Some(goal), Some(goal), None)
}

fn status_of(measure: &str) -> Change {
    let goal = measure.rsplit_once('.').map(|(g, _)| g);
    change(ChangeKind::Status, Some(measure), goal, Some(measure))
}

fn event(changes: Vec<Change>) -> PlanEvent {
    PlanEvent {
        plan: "ostrava".to_owned(),
        revision: 7,
        at: "2026-12-04T13:05:09Z".to_owned(),
        published: true,
        changes,
    }
}

#[test]
fn the_client_opens_and_subscribes_as_the_protocol_says() {
    let init: Value = serde_json::from_str(&connection_init()).expect("json");
    assert_eq!(init, json!({ "type": "connection_init" }));
    let Reply::Acked(sub) = reply(r#"{"type":"connection_ack"}"#, None) else {
        panic!("an ack asks to subscribe");
    };
    let sub: Value = serde_json::from_str(&sub).expect("json");
    assert_eq!(sub["type"], "subscribe");
    assert_eq!(sub["id"], SUBSCRIPTION_ID);
    assert_eq!(sub["payload"]["query"], SUBSCRIPTION);
    assert_eq!(sub["payload"]["variables"], json!({ "plan": null }));
    let Reply::Acked(other) = reply(r#"{"type":"connection_ack","payload":{}}"#, Some("brno"))
    else {
        panic!("an ack with a payload too");
    };
    assert!(other.contains(r#""plan":"brno""#), "{other}");
}

#[test]
fn a_ping_gets_a_pong_with_its_payload() {
    assert_eq!(
        reply(r#"{"type":"ping"}"#, None),
        Reply::Send(r#"{"type":"pong"}"#.to_owned())
    );
    let Reply::Send(pong) = reply(r#"{"type":"ping","payload":{"t":1}}"#, None) else {
        panic!("a pong");
    };
    let pong: Value = serde_json::from_str(&pong).expect("json");
    assert_eq!(pong, json!({ "type": "pong", "payload": { "t": 1 } }));
    assert_eq!(reply(r#"{"type":"pong"}"#, None), Reply::Pong);
    assert_eq!(
        serde_json::from_str::<Value>(&ping()).expect("json"),
        json!({ "type": "ping" })
    );
}

#[test]
fn an_event_is_read_into_its_types() {
    let text = r#"{"id":"1","type":"next","payload":{"data":{"planChanged":{"plan":"ostrava","revision":42,"at":"2026-12-04T13:05:09Z","published":true,"changes":[
        {"kind":"INDICATOR_VALUE","code":"2.1.3","goal":"2.1.3","measure":null,"area":2,"published":true},
        {"kind":"SOMETHING_NEW","code":null,"goal":null,"measure":null,"area":null,"published":false}]}}}}"#;
    let Reply::Heard(heard) = reply(text, None) else {
        panic!("an event");
    };
    assert_eq!(heard.revision, 42);
    assert_eq!(heard.changes.len(), 2);
    assert_eq!(heard.changes[0], value_of("2.1.3"));
    assert_eq!(heard.changes[1].kind, ChangeKind::Other);
    assert!(!heard.changes[1].published);
}

#[test]
fn errors_and_endings_restart_and_strangers_are_ignored() {
    let busy = r#"{"id":"1","type":"next","payload":{"data":null,"errors":[{"message":"busy","extensions":{"code":"BUSY"}}]}}"#;
    assert_eq!(reply(busy, None), Reply::Restart);
    assert_eq!(
        reply(r#"{"id":"1","type":"complete"}"#, None),
        Reply::Restart
    );
    assert_eq!(
        reply(
            r#"{"id":"1","type":"error","payload":[{"message":"no"}]}"#,
            None
        ),
        Reply::Restart
    );
    assert_eq!(
        reply(r#"{"id":"9","type":"complete"}"#, None),
        Reply::Nothing
    );
    assert_eq!(reply("not json", None), Reply::Nothing);
    assert_eq!(reply(r#"{"type":"whatever"}"#, None), Reply::Nothing);
    // An event in a shape this client cannot read: re-read rather than miss it.
    assert_eq!(
        reply(
            r#"{"id":"1","type":"next","payload":{"data":{"planChanged":{"plan":1}}}}"#,
            None
        ),
        Reply::Restart
    );
}

#[test]
fn backoff_doubles_to_thirty_seconds_and_jitter_only_shortens() {
    let plain: Vec<u32> = (0..8).map(|a| backoff_ms(a, 0.0)).collect();
    assert_eq!(
        plain,
        [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]
    );
    assert_eq!(backoff_ms(u32::MAX, 0.0), 30_000);
    for attempt in 0..10 {
        let base = backoff_ms(attempt, 0.0);
        for r in [0.0, 0.3, 0.999_999, 1.0, 7.0, -1.0] {
            let d = backoff_ms(attempt, r);
            assert!(d <= base && d >= base - base / 4, "{attempt} {r}: {d}");
        }
    }
    assert_eq!(backoff_ms(0, 0.5), 875);
}

#[test]
fn pages_know_their_scope() {
    let code = |c: &str| json!({ "code": c });
    assert_eq!(
        Scope::of("goal", Some(&code("2.1.3"))),
        Scope::Goal("2.1.3".to_owned())
    );
    assert_eq!(
        Scope::of("measure", Some(&code("2.1.3.4"))),
        Scope::Measure("2.1.3.4".to_owned())
    );
    assert_eq!(Scope::of("area", Some(&code("2"))), Scope::Area(2));
    assert_eq!(Scope::of("history", Some(&code("2"))), Scope::Nothing);
    assert_eq!(
        Scope::of("meeting", Some(&code("2.1.3"))),
        Scope::Goal("2.1.3".to_owned())
    );
    assert_eq!(Scope::of("meeting", Some(&code("2"))), Scope::Area(2));
    for page in [
        "overview",
        "indicators",
        "budget",
        "risks",
        "timeline",
        "meeting",
        "search",
    ] {
        assert_eq!(Scope::of(page, None), Scope::Plan, "{page}");
    }
}

#[test]
fn a_goal_page_hears_its_own_goal_and_what_is_under_it() {
    let page = Scope::Goal("2.1.3".to_owned());
    assert!(page.concerns(&value_of("2.1.3")));
    assert!(page.concerns(&status_of("2.1.3.4")));
    assert!(page.concerns(&change(
        ChangeKind::Summary,
        Some("2.1.3"),
        Some("2.1.3"),
        None
    )));
    assert!(page.concerns(&change(
        ChangeKind::Conflict,
        Some("17"),
        Some("2.1.3"),
        None
    )));
    // Its strategic goal's name is on it; another goal's values are not.
    assert!(page.concerns(&change(ChangeKind::Goal, Some("2.1"), None, None)));
    assert!(!page.concerns(&value_of("2.1.30")));
    assert!(!page.concerns(&value_of("2.1")));
    assert!(!page.concerns(&value_of("2.1.4")));
    assert!(!page.concerns(&status_of("2.1.4.1")));
    // A risk or milestone is not on a goal's page; its code is no goal's.
    assert!(!page.concerns(&change(ChangeKind::Risk, Some("2"), None, None)));
    assert!(!page.concerns(&Change {
        area: None,
        ..change(ChangeKind::Milestone, Some("2.1.3"), None, None)
    }));
    // The plan as a whole, or a monitoring wave (the "stale" marks), may change every page.
    assert!(page.concerns(&change(ChangeKind::Plan, None, None, None)));
    assert!(page.concerns(&change(ChangeKind::Wave, Some("4"), None, None)));
    // Drafts never.
    assert!(!page.concerns(&Change {
        published: false,
        ..value_of("2.1.3")
    }));

    let strategic = Scope::Goal("2.1".to_owned());
    assert!(strategic.concerns(&value_of("2.1.3")));
    assert!(strategic.concerns(&status_of("2.1.3.4")));
    assert!(!strategic.concerns(&value_of("2.2.1")));
}

#[test]
fn a_measure_page_hears_its_measure_and_its_goals_text() {
    let page = Scope::Measure("2.1.3.4".to_owned());
    assert!(page.concerns(&status_of("2.1.3.4")));
    assert!(page.concerns(&change(
        ChangeKind::Project,
        Some("2.1.3.4"),
        Some("2.1.3"),
        Some("2.1.3.4")
    )));
    assert!(page.concerns(&change(
        ChangeKind::Goal,
        Some("2.1.3"),
        Some("2.1.3"),
        None
    )));
    assert!(!page.concerns(&value_of("2.1.3")));
    assert!(!page.concerns(&status_of("2.1.3.5")));
    assert!(!page.concerns(&status_of("2.1.3.45")));
}

#[test]
fn an_area_page_hears_its_area() {
    let page = Scope::Area(2);
    assert!(page.concerns(&value_of("2.1.3")));
    assert!(page.concerns(&status_of("2.4.1.1")));
    assert!(
        page.concerns(
            &Change {
                code: None,
                goal: None,
                ..change(ChangeKind::Goal, None, None, None)
            }
            .with_area(2)
        )
    );
    assert!(!page.concerns(&value_of("3.1.1")));
    assert!(!page.concerns(&change(ChangeKind::Risk, Some("3"), None, None).with_area(3)));
    assert!(page.concerns(&change(ChangeKind::Plan, None, None, None)));
}

impl Change {
    fn with_area(self, area: i32) -> Change {
        Change {
            area: Some(area),
            ..self
        }
    }
}

#[test]
fn plan_pages_hear_every_published_change_and_history_none() {
    let e = event(vec![change(ChangeKind::Risk, Some("7"), None, None)]);
    assert_eq!(Scope::Plan.concerning(&e), Some(e.changes.clone()));
    assert_eq!(Scope::Nothing.concerning(&e), None);
    assert_eq!(Scope::Goal("2.1.3".to_owned()).concerning(&e), None);
    // An event not known in detail concerns everyone who follows.
    assert_eq!(
        Scope::Goal("2.1.3".to_owned()).concerning(&event(vec![])),
        Some(vec![])
    );
    // Only a page's own changes are told on it.
    let mixed = event(vec![value_of("2.1.3"), value_of("3.1.1")]);
    assert_eq!(
        Scope::Area(3).concerning(&mixed),
        Some(vec![value_of("3.1.1")])
    );
    // Staff hear drafts; the public pages do not show them.
    let draft = PlanEvent {
        published: false,
        ..event(vec![Change {
            published: false,
            ..value_of("2.1.3")
        }])
    };
    assert_eq!(Scope::Plan.concerning(&draft), None);
    let drafts_only = event(vec![Change {
        published: false,
        ..value_of("2.1.3")
    }]);
    assert_eq!(Scope::Plan.concerning(&drafts_only), None);
}

fn item(kind: ChangeKind, code: Option<&str>) -> Item {
    Item {
        kind,
        code: code.map(str::to_owned),
    }
}

#[test]
fn a_few_changes_are_named_and_many_counted() {
    let mut p = Pending::default();
    assert!(!p.is_due());
    assert_eq!(p.summary(), Summary::Unknown);
    p.resync();
    assert!(p.is_due());
    assert_eq!(p.summary(), Summary::Unknown);
    assert_eq!(p.at(), None);

    let mut p = Pending::default();
    p.add(&[value_of("2.1.3"), value_of("2.1.3")], "t1");
    p.add(&[value_of("2.1.3")], "t2");
    assert_eq!(
        p.summary(),
        Summary::Items(vec![item(ChangeKind::IndicatorValue, Some("2.1.3"))])
    );
    assert_eq!(p.at(), Some("t2"));
    p.add(
        &[
            status_of("2.1.3.4"),
            change(ChangeKind::Conflict, Some("17"), Some("2.1.3"), None),
        ],
        "t3",
    );
    assert_eq!(
        p.summary(),
        Summary::Items(vec![
            item(ChangeKind::IndicatorValue, Some("2.1.3")),
            item(ChangeKind::Status, Some("2.1.3.4")),
            item(ChangeKind::Conflict, None),
        ])
    );
    p.add(&[value_of("3.1.1")], "t4");
    assert_eq!(p.summary(), Summary::Mixed { count: 4 });

    let mut same = Pending::default();
    let values: Vec<Change> = (1..=50).map(|n| value_of(&format!("1.1.{n}"))).collect();
    same.add(&values, "t");
    assert_eq!(
        same.summary(),
        Summary::Many {
            kind: ChangeKind::IndicatorValue,
            count: 50
        }
    );
    let more: Vec<Change> = (51..=80).map(|n| value_of(&format!("1.1.{n}"))).collect();
    same.add(&more, "t");
    assert_eq!(
        same.summary(),
        Summary::Mixed { count: 80 },
        "past what is kept, only counted"
    );
}

#[test]
fn times_are_read_as_written() {
    assert_eq!(hour_minute("2026-12-04T14:05:09Z"), Some((14, 5)));
    assert_eq!(hour_minute("2026-12-04T09:05:09.123+01:00"), Some((9, 5)));
    assert_eq!(hour_minute("2026-12-04 23:59:00Z"), Some((23, 59)));
    assert_eq!(hour_minute("2026-12-04"), None);
    assert_eq!(hour_minute("2026-12-04T25:00:00Z"), None);
    assert_eq!(hour_minute("2026-12-04T1405"), None);
}

fn marked(code: &str, key: &str, text: &str) -> Marked {
    Marked {
        code: code.to_owned(),
        key: key.to_owned(),
        text: text.to_owned(),
    }
}

#[test]
fn only_new_and_changed_marks_are_highlighted() {
    let before = vec![
        marked("2.1.3", "Počet klientů@2025-01-31", "31. 1. 2025 157"),
        marked("2.1.3", "Počet klientů@meta", "Cíl: 200"),
        marked("2.1.3", "Počet bytů@2025-01-31", "31. 1. 2025 12"),
        marked("2.1.3.4", "brief", "2.1.3.4 V realizaci"),
    ];
    // A new date for the first indicator: its row is new, its progress changed; the rows of the
    // next indicator moved down but did not change.
    let after = vec![
        marked("2.1.3", "Počet klientů@2025-01-31", "31. 1. 2025 157"),
        marked("2.1.3", "Počet klientů@2026-03-31", "31. 3. 2026 163"),
        marked("2.1.3", "Počet klientů@meta", "Cíl: 200 (82 %)"),
        marked("2.1.3", "Počet bytů@2025-01-31", "31. 1. 2025 12"),
        marked("2.1.3.4", "brief", "2.1.3.4 V realizaci"),
    ];
    assert_eq!(changed(&before, &after), vec![1, 2]);
    assert_eq!(changed(&after, &after), Vec::<usize>::new());
    // Two rows with one key keep apart by their order.
    let twice = |a: &str, b: &str| {
        vec![
            marked("2.1.3.4", "status@2025-01-31", a),
            marked("2.1.3.4", "status@2025-01-31", b),
        ]
    };
    assert_eq!(changed(&twice("x", "y"), &twice("x", "z")), vec![1]);
    assert_eq!(changed(&[], &twice("x", "y")), vec![0, 1]);
}

#[test]
fn a_failed_re_read_keeps_its_changes_before_the_later_ones() {
    let mut failed = Pending::default();
    failed.add(&[value_of("2.1.3")], "t1");
    let mut later = Pending::default();
    later.add(&[status_of("2.1.3.4"), value_of("2.1.3")], "t2");
    failed.merge(later);
    assert!(failed.is_due());
    assert_eq!(failed.at(), Some("t2"));
    assert_eq!(
        failed.summary(),
        Summary::Items(vec![
            item(ChangeKind::IndicatorValue, Some("2.1.3")),
            item(ChangeKind::Status, Some("2.1.3.4")),
        ])
    );
    let mut resynced = Pending::default();
    resynced.merge(Pending::default());
    assert!(!resynced.is_due());
    let mut due = Pending::default();
    due.resync();
    resynced.merge(due);
    assert!(resynced.is_due());
}
