use super::*;

fn d(text: &str) -> Date {
    text.parse().expect("a valid date")
}

fn rules() -> Rules {
    Rules {
        days_before: 7,
        overdue_for: 14,
        digest_for: 28,
    }
}

fn wave() -> Wave {
    Wave {
        id: 3,
        name: "3. vlna, 1. pol. 2026".to_owned(),
        opens: d("2026-06-01"),
        deadline: d("2026-06-30"),
    }
}

fn account(id: i32, role: Role, orgs: &[i32], plans: &[i32]) -> Recipient {
    Recipient {
        id,
        email: format!("a{id}@psz.test"),
        name: format!("Účet {id}"),
        role: Some(role),
        active: true,
        lang: Lang::Cs,
        plans: plans.to_vec(),
        organisations: orgs.to_vec(),
    }
}

fn missing() -> Vec<OrgMissing> {
    vec![
        OrgMissing {
            organisation_id: 10,
            organisation: "Charita Ostrava".to_owned(),
            items: vec![
                Missing {
                    kind: ItemKind::Indicator,
                    code: "2.1.3".to_owned(),
                    name: "Počet podpořených osob".to_owned(),
                },
                Missing {
                    kind: ItemKind::Status,
                    code: "2.1.3.4".to_owned(),
                    name: "Terénní práce".to_owned(),
                },
            ],
        },
        OrgMissing {
            organisation_id: 11,
            organisation: "Armáda spásy".to_owned(),
            items: vec![Missing {
                kind: ItemKind::Status,
                code: "1.1.1.1".to_owned(),
                name: "Azylový dům".to_owned(),
            }],
        },
    ]
}

#[test]
fn kinds_round_trip() {
    for k in Kind::ALL {
        assert_eq!(Kind::from_db(k.as_str()), Some(k));
    }
    assert_eq!(Kind::from_db("opened"), None);
}

#[test]
fn one_kind_is_due_per_day() {
    let (o, dl, r) = (d("2026-06-01"), d("2026-06-30"), rules());
    assert_eq!(due(o, dl, d("2026-05-31"), &r), None, "not yet open");
    assert_eq!(due(o, dl, d("2026-06-01"), &r), Some(Kind::Opened));
    assert_eq!(due(o, dl, d("2026-06-22"), &r), Some(Kind::Opened));
    assert_eq!(
        due(o, dl, d("2026-06-23"), &r),
        Some(Kind::DueSoon),
        "7 days before"
    );
    assert_eq!(
        due(o, dl, d("2026-06-30"), &r),
        Some(Kind::DueSoon),
        "the deadline day"
    );
    assert_eq!(due(o, dl, d("2026-07-01"), &r), Some(Kind::Overdue));
    assert_eq!(due(o, dl, d("2026-07-14"), &r), Some(Kind::Overdue));
    assert_eq!(due(o, dl, d("2026-07-15"), &r), None, "long past: nothing");
    // A wave opening within the last days gets no opening mail, only the near deadline.
    assert_eq!(
        due(d("2026-06-27"), dl, d("2026-06-27"), &r),
        Some(Kind::DueSoon)
    );
    let none_before = Rules {
        days_before: 0,
        ..rules()
    };
    assert_eq!(
        due(o, dl, d("2026-06-29"), &none_before),
        Some(Kind::Opened)
    );
    assert_eq!(
        due(o, dl, d("2026-06-30"), &none_before),
        Some(Kind::DueSoon)
    );
}

#[test]
fn digests_while_open_and_four_weeks_after() {
    let (o, dl, r) = (d("2026-06-01"), d("2026-06-30"), rules());
    assert!(!digest_due(o, dl, d("2026-05-31"), &r));
    assert!(digest_due(o, dl, d("2026-06-01"), &r));
    assert!(digest_due(o, dl, d("2026-07-28"), &r));
    assert!(!digest_due(o, dl, d("2026-07-29"), &r));
}

#[test]
fn iso_weeks() {
    assert_eq!(iso_week(d("2026-12-21")), "2026-W52"); // a Monday
    assert_eq!(iso_week(d("2026-12-27")), "2026-W52"); // its Sunday
    assert_eq!(iso_week(d("2026-12-28")), "2026-W53"); // 2026 has 53 weeks
    assert_eq!(iso_week(d("2027-01-03")), "2026-W53");
    assert_eq!(iso_week(d("2027-01-04")), "2027-W01");
    assert_eq!(iso_week(d("2024-12-30")), "2025-W01"); // a Monday in the next ISO year
    assert_eq!(iso_week(d("2021-01-03")), "2020-W53");
    assert_eq!(iso_week(d("2026-01-01")), "2026-W01"); // a Thursday
}

#[test]
fn implementers_get_their_organisations_missing_items_once() {
    let accounts = vec![
        account(1, Role::Implementer, &[10], &[]),
        account(2, Role::Implementer, &[10, 11], &[]),
        account(3, Role::Implementer, &[12], &[]), // nothing missing
        account(4, Role::Coordinator, &[10], &[1]), // not an implementer
        Recipient {
            active: false,
            ..account(5, Role::Implementer, &[10], &[])
        },
    ];
    let out = implementer_reminders(
        &wave(),
        Kind::Opened,
        d("2026-06-01"),
        &missing(),
        &accounts,
        "https://psz.test",
    );
    let to: Vec<i32> = out.iter().map(|o| o.account_id).collect();
    assert_eq!(to, [1, 2]);
    let one = &out[0];
    assert_eq!(
        (one.wave_id, one.kind, one.period.as_str()),
        (3, Kind::Opened, "")
    );
    assert!(
        one.body
            .contains("2.1.3 Počet podpořených osob (indikátor cíle)"),
        "{}",
        one.body
    );
    assert!(one.body.contains("2.1.3.4 Terénní práce (stav opatření)"));
    assert!(one.body.contains("https://psz.test/zadavani?vlna=3&org=10"));
    assert!(
        !one.body.contains("Armáda spásy"),
        "only its own organisations"
    );
    assert!(one.subject.contains("„3. vlna, 1. pol. 2026“"));
    assert!(one.subject.contains("30.\u{a0}6.\u{a0}2026"));
    let two = &out[1];
    assert!(
        two.body.contains("Charita Ostrava – chybí 2 údaje"),
        "{}",
        two.body
    );
    assert!(two.body.contains("Armáda spásy – chybí 1 údaj"));
    assert!(two.body.contains("https://psz.test/zadavani?vlna=3&org=11"));
    let items: serde_json::Value = serde_json::from_str(&two.items).expect("JSON");
    assert_eq!(items[1]["items"][0]["code"], "1.1.1.1");
    assert_eq!(items[0]["items"][0]["kind"], "INDICATOR");
}

#[test]
fn english_accounts_read_english() {
    let en = Recipient {
        lang: Lang::En,
        ..account(1, Role::Implementer, &[11], &[])
    };
    for (kind, today, phrase) in [
        (Kind::Opened, "2026-06-01", "has opened"),
        (Kind::DueSoon, "2026-06-25", "is due in 5 days"),
        (Kind::DueSoon, "2026-06-30", "is due today"),
        (Kind::Overdue, "2026-07-02", "was due on 30 Jun 2026"),
    ] {
        let out = implementer_reminders(
            &wave(),
            kind,
            d(today),
            &missing(),
            std::slice::from_ref(&en),
            "http://x",
        );
        assert!(out[0].body.starts_with("Hello,"), "{}", out[0].body);
        assert!(out[0].body.contains(phrase), "{kind:?}: {}", out[0].body);
        assert!(out[0].body.contains("1.1.1.1 Azylový dům (measure status)"));
        assert!(out[0].subject.contains("“3. vlna, 1. pol. 2026”"));
    }
    let cs = implementer_reminders(
        &wave(),
        Kind::DueSoon,
        d("2026-06-25"),
        &missing(),
        &[account(1, Role::Implementer, &[11], &[])],
        "http://x",
    );
    assert!(cs[0].body.contains("zbývá 5 dní"), "{}", cs[0].body);
}

#[test]
fn names_never_break_a_line_of_the_subject_or_the_list() {
    let mut w = wave();
    w.name = "Vlna\r\nBcc: victim@example.com".to_owned();
    let mut m = missing();
    m[0].organisation = "Org\nX-Injected: 1".to_owned();
    let out = implementer_reminders(
        &w,
        Kind::Overdue,
        d("2026-07-01"),
        &m,
        &[account(1, Role::Implementer, &[10], &[])],
        "http://x",
    );
    assert!(!out[0].subject.contains(['\r', '\n']), "{}", out[0].subject);
    assert!(out[0].body.contains("Org X-Injected: 1 – chybí"));
    assert!(!out[0].body.contains("\nX-Injected"));
    assert_eq!(one_line("  a\u{0}b\tc \n"), "a b c");
}

#[test]
fn coordinators_of_the_plan_get_the_digest_per_week() {
    let accounts = vec![
        account(1, Role::Coordinator, &[], &[1]),
        account(2, Role::Coordinator, &[], &[2]), // another plan
        account(3, Role::Implementer, &[10], &[]),
        account(4, Role::Admin, &[], &[]),
    ];
    let mut c = Counts::default();
    c.add(shared::wave::ItemState::Published);
    c.add(shared::wave::ItemState::Due);
    c.add(shared::wave::ItemState::Draft);
    let rows = vec![
        OrgCounts {
            organisation: Some("Charita Ostrava".to_owned()),
            counts: c,
        },
        OrgCounts {
            organisation: None,
            counts: Counts::default(),
        },
    ];
    let out = digests(
        1,
        &wave(),
        Phase::Open,
        d("2026-06-10"),
        &Tally { rows, total: c },
        &accounts,
        "https://psz.test",
    );
    assert_eq!(out.len(), 1);
    let o = &out[0];
    assert_eq!(
        (o.account_id, o.kind, o.period.as_str()),
        (1, Kind::Digest, "2026-W24")
    );
    assert!(
        o.body
            .contains("Charita Ostrava: chybí 1 z 3 (zveřejněno 1, koncepty 1)"),
        "{}",
        o.body
    );
    assert!(
        o.body
            .contains("Bez organizace (koordinátoři): chybí 0 z 0")
    );
    assert!(o.body.contains("Celkem: chybí 1 z 3"));
    assert!(o.body.contains("https://psz.test/sprava/vlny?vlna=3"));
    let items: serde_json::Value = serde_json::from_str(&o.items).expect("JSON");
    assert_eq!(items[0]["missing"], 1);
}
