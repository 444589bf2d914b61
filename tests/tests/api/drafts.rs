//! Drafts never leak (issue 12, finding 3): which organisation implements a measure is read from
//! published status rows only, in every public list, filter and search and in the policy; the
//! status filter follows the status that counts (the latest published). And time in kept
//! responses (finding 4): milestones' `done` changes at midnight, also when the answer was kept.

use serde_json::{Value, json};
use shared::Date;
use tests::{Session, TestApp, code_of};

/// The measure the scenario drafts on (its published status names Slezská diakonie).
const MEASURE: &str = "2.1.3.4";

const SET_STATUS: &str =
    "mutation($i: MeasureStatusInput!) { setMeasureStatus(input: $i) { id version published } }";

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|l| {
            l.iter()
                .filter_map(|m| m["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// A status of `measure` naming organisation `org`, as `session` enters it.
async fn set_status(
    app: &TestApp,
    session: &Session,
    measure: &str,
    org: Option<i64>,
    ref_date: &str,
    status: &str,
    publish: bool,
) -> Value {
    app.query_as(
        Some(session),
        SET_STATUS,
        json!({ "i": {
            "measure": measure, "refDate": ref_date, "status": status, "activity": "PROJECT",
            "organisationId": org, "publish": publish,
        } }),
    )
    .await
}

/// Everything the public is told about which measures organisation `org` (named `name`)
/// implements: its `measures` in the plan's list and in a search, the implementer filter, and
/// the organisations the measure's statuses name.
async fn public_view(app: &TestApp, org: i64, name: &str) -> [bool; 4] {
    let org_lists = |d: &Value| -> bool {
        d.as_array()
            .expect("organisations")
            .iter()
            .filter(|o| o["id"].as_i64() == Some(org))
            .any(|o| codes(&o["measures"]).iter().any(|c| c == MEASURE))
    };
    let plan = app
        .data(
            "{ plan { organisations { id measures { code } } } }",
            json!({}),
        )
        .await;
    let search = app
        .data(
            "query($t: String!) { search(text: $t) { organisations { id measures { code } } } }",
            json!({ "t": name }),
        )
        .await;
    let filtered = app
        .data(
            "query($n: String!) { measures(filter: { implementer: $n }) { code } }",
            json!({ "n": name }),
        )
        .await;
    let measure = app
        .data(
            "query($c: String!) { measure(code: $c) { status { implementer { id } } statuses { implementer { id } } } }",
            json!({ "c": MEASURE }),
        )
        .await;
    let named = measure["measure"]["statuses"]
        .as_array()
        .expect("statuses")
        .iter()
        .chain([&measure["measure"]["status"]])
        .any(|s| s["implementer"]["id"].as_i64() == Some(org));
    [
        org_lists(&plan["plan"]["organisations"]),
        org_lists(&search["search"]["organisations"]),
        codes(&filtered["measures"]).iter().any(|c| c == MEASURE),
        named,
    ]
}

/// Whether `session` (an implementer of organisation `org` only) may write to `MEASURE`, and
/// whether it is among the measures they report for.
async fn may_write(app: &TestApp, session: &Session, org: i64) -> (String, bool) {
    let r = set_status(
        app,
        session,
        MEASURE,
        Some(org),
        "2026-12-31",
        "IN_PROGRESS",
        false,
    )
    .await;
    let reporting = app
        .data_as(session, "{ reporting { code } }", json!({}))
        .await;
    (
        code_of(&r),
        codes(&reporting["reporting"]).iter().any(|c| c == MEASURE),
    )
}

pub async fn a_draft_naming_an_organisation_shows_and_grants_nothing_until_published(app: TestApp) {
    let admin = app.admin().await;
    let m = app
        .data(
            "query($c: String!) { measure(code: $c) { status { implementer { id } } projects { implementer { id } } } }",
            json!({ "c": MEASURE }),
        )
        .await;
    let a = m["measure"]["status"]["implementer"]["id"]
        .as_i64()
        .expect("the measure's implementer");
    let mut runs_a_project: Vec<i64> = m["measure"]["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter_map(|p| p["implementer"]["id"].as_i64())
        .collect();
    runs_a_project.push(a);
    // Another organisation of the plan, which the public does not see implementing the measure
    // in any way (its name matches no implementer of the measure either).
    let orgs = app
        .data("{ plan { organisations { id name } } }", json!({}))
        .await;
    let mut other = None;
    for o in orgs["plan"]["organisations"].as_array().expect("orgs") {
        let (id, name) = (
            o["id"].as_i64().expect("id"),
            o["name"].as_str().expect("name").to_owned(),
        );
        if runs_a_project.contains(&id) || shared::search::terms(&name).is_empty() {
            continue;
        }
        if public_view(&app, id, &name).await == [false; 4] {
            other = Some((id, name));
            break;
        }
    }
    let (b, b_name) = other.expect("an organisation not implementing the measure");

    // An implementer of both organisations enters a draft naming the other one.
    let both = app.implementer(&admin, "oba@psz.test", json!([a, b])).await;
    let only_b = app.implementer(&admin, "jen-b@psz.test", json!([b])).await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    assert_eq!(
        may_write(&app, &only_b, b).await,
        ("FORBIDDEN".to_owned(), false)
    );
    let status_before = app
        .data(
            "query($c: String!) { measure(code: $c) { status { id kind date } } }",
            json!({ "c": MEASURE }),
        )
        .await;
    let draft = set_status(
        &app,
        &both,
        MEASURE,
        Some(b),
        "2026-06-30",
        "COMPLETED",
        false,
    )
    .await;
    assert_eq!(code_of(&draft), "OK", "{draft:#}");
    let draft = &draft["data"]["setMeasureStatus"];
    assert_eq!(draft["published"], false);

    assert_eq!(
        public_view(&app, b, &b_name).await,
        [false; 4],
        "no public list, search or filter names the draft's organisation"
    );
    assert_eq!(
        app.data(
            "query($c: String!) { measure(code: $c) { status { id kind date } } }",
            json!({ "c": MEASURE }),
        )
        .await,
        status_before,
        "the status that counts is unchanged"
    );
    let completed = app
        .data(
            "{ measures(filter: { status: COMPLETED }) { code } }",
            json!({}),
        )
        .await;
    assert!(
        !codes(&completed["measures"]).contains(&MEASURE.to_owned()),
        "the draft's status does not count in the filter"
    );
    assert_eq!(
        may_write(&app, &only_b, b).await,
        ("FORBIDDEN".to_owned(), false),
        "a draft gives no rights"
    );

    // A coordinator publishes it: now the organisation implements the measure, for all.
    let published = app
        .data_as(
            &coordinator,
            "mutation($s: [RecordVersion!]!) { publishMeasureStatuses(statuses: $s) { id published } }",
            json!({ "s": [{ "id": draft["id"], "version": draft["version"] }] }),
        )
        .await;
    assert_eq!(published["publishMeasureStatuses"][0]["published"], true);
    assert_eq!(public_view(&app, b, &b_name).await, [true; 4]);
    assert_eq!(
        may_write(&app, &only_b, b).await,
        ("OK".to_owned(), true),
        "the published status gives the organisation's implementers the measure"
    );
}

/// The measures each status filter lists, and the kind each measure's `status` says.
async fn by_filter(app: &TestApp) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for kind in ["NOT_IMPLEMENTED", "IN_PROGRESS", "COMPLETED"] {
        let d = app
            .data(
                &format!("{{ measures(filter: {{ status: {kind} }}) {{ code }} }}"),
                json!({}),
            )
            .await;
        out.push((kind.to_owned(), codes(&d["measures"])));
    }
    out
}

async fn kind_of(app: &TestApp, code: &str) -> String {
    let d = app
        .data(
            "query($c: String!) { measure(code: $c) { status { kind } } }",
            json!({ "c": code }),
        )
        .await;
    d["measure"]["status"]["kind"]
        .as_str()
        .expect("a status")
        .to_owned()
}

/// The filter and the measure's own `status` agree for every measure.
async fn filter_matches_status(app: &TestApp) {
    let all = app
        .data("{ measures { code status { kind } } }", json!({}))
        .await;
    let filters = by_filter(app).await;
    for m in all["measures"].as_array().expect("measures") {
        let code = m["code"].as_str().expect("code").to_owned();
        for (kind, listed) in &filters {
            assert_eq!(
                listed.contains(&code),
                m["status"]["kind"].as_str() == Some(kind.as_str()),
                "{code} in the {kind} filter: {m}"
            );
        }
    }
}

pub async fn the_status_filter_follows_the_latest_published_status(app: TestApp) {
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    filter_matches_status(&app).await;
    let code = "2.1.3.4";
    let first = kind_of(&app, code).await;
    let kinds = ["NOT_IMPLEMENTED", "IN_PROGRESS", "COMPLETED"];
    let others: Vec<&str> = kinds.into_iter().filter(|k| *k != first).collect();
    let in_filter = |filters: &[(String, Vec<String>)], kind: &str| {
        filters
            .iter()
            .any(|(k, l)| k == kind && l.iter().any(|c| c == code))
    };

    // A newer published status moves the measure from one filter to the other.
    let r = set_status(
        &app,
        &coordinator,
        code,
        None,
        "2026-06-30",
        others[0],
        true,
    )
    .await;
    assert_eq!(code_of(&r), "OK", "{r:#}");
    let f = by_filter(&app).await;
    assert!(in_filter(&f, others[0]) && !in_filter(&f, &first), "{f:?}");
    assert_eq!(kind_of(&app, code).await, others[0]);

    // An older published status (an earlier report entered late) moves nothing, nor does a newer
    // draft.
    let r = set_status(
        &app,
        &coordinator,
        code,
        None,
        "2020-06-30",
        others[1],
        true,
    )
    .await;
    assert_eq!(code_of(&r), "OK", "{r:#}");
    let r = set_status(
        &app,
        &coordinator,
        code,
        None,
        "2026-12-31",
        others[1],
        false,
    )
    .await;
    assert_eq!(code_of(&r), "OK", "{r:#}");
    assert_eq!(r["data"]["setMeasureStatus"]["published"], false);
    let f = by_filter(&app).await;
    assert!(
        in_filter(&f, others[0]) && !in_filter(&f, others[1]) && !in_filter(&f, &first),
        "{f:?}"
    );
    filter_matches_status(&app).await;
}

pub async fn milestones_turn_done_at_midnight_also_when_kept(app: TestApp) {
    const Q: &str = "{ plan { actionPlans { milestones { periodTo done } } } }";
    let all = app.data(Q, json!({})).await;
    let day: Date = all["plan"]["actionPlans"][0]["milestones"][0]["periodTo"]
        .as_str()
        .expect("periodTo")
        .parse()
        .expect("a date");
    let next = Date::from_days_since_epoch(day.days_since_epoch() + 1);
    // Whether each milestone ending on `day` is done.
    let ending_on_day = |d: &Value| -> Vec<bool> {
        d["plan"]["actionPlans"]
            .as_array()
            .expect("action plans")
            .iter()
            .flat_map(|a| a["milestones"].as_array().expect("milestones").iter())
            .filter(|m| m["periodTo"].as_str() == Some(day.to_string().as_str()))
            .map(|m| m["done"].as_bool().expect("done"))
            .collect()
    };
    let ask = || async {
        let before = app.statements.get();
        let d = app.data(Q, json!({})).await;
        (d, app.statements.get() - before)
    };

    app.clock.set(Some(day));
    let (on_day, _) = ask().await;
    let (kept, statements) = ask().await;
    assert_eq!(kept, on_day);
    assert_eq!(statements, 0, "the second answer on the day is a kept one");
    let done = ending_on_day(&on_day);
    assert!(!done.is_empty() && done.iter().all(|d| !d), "{done:?}");

    app.clock.set(Some(next));
    // Computed again: the plan's model answers it without a statement, the content shows it.
    let (after_midnight, _) = ask().await;
    let done = ending_on_day(&after_midnight);
    assert!(!done.is_empty() && done.iter().all(|d| *d), "{done:?}");
    assert_ne!(after_midnight, on_day);
    let (again, statements) = ask().await;
    assert_eq!(
        (again, statements),
        (after_midnight, 0),
        "kept for the new day"
    );
}
