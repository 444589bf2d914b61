//! The monitoring cycle: the waves the documents show, the matrix of what each organisation owes
//! (checked against an independent count from the public API), who sees which rows, drafts
//! hidden from the public counts, stale figures, and the coordinators' edits of waves.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use tests::{TestApp, code_of};

use super::entry::{WAVE, count, implementer_org, indicator};

const MONITORING: &str = r#"{ monitoring {
    waves { id version name asOf opensOn deadline phase collectsAfter source { locator }
            completeness { expected published drafts due late missing } }
    current { name } lastClosed { name } staleOnOrBefore } }"#;

const MATRIX: &str = r#"query($id: Int!) { monitoring { wave(id: $id) { matrix {
    counts { expected published drafts due late missing }
    rows { organisationId organisationName counts { expected missing }
           items { kind state recordId goalCode areaCode indicatorId name measureCode entryPath } } } } } }"#;

/// The waves' ids by name.
async fn waves(app: &TestApp) -> Vec<Value> {
    app.data(MONITORING, json!({}))
        .await
        .pointer("/monitoring/waves")
        .and_then(Value::as_array)
        .cloned()
        .expect("waves")
}

/// What the public API shows of the plan, counted by the rule the product states: a value or
/// status belongs to a wave when dated after the previous wave's deadline up to its own; an
/// organisation owes its measures' statuses and their goals' indicators; the rest falls to the
/// row without an organisation. Returns (expected, published) per wave deadline.
async fn independent_counts(app: &TestApp, deadlines: &[&str]) -> Vec<(u32, u32)> {
    let d = app
        .data(
            r#"{ plan { areas { strategicGoals { specificGoals { code
                impactIndicators { id values { date published } }
                measures { code statuses { date published implementer { id } } } } } } } }"#,
            json!({}),
        )
        .await;
    let window = |i: usize, date: &str| date <= deadlines[i] && (i == 0 || date > deadlines[i - 1]);
    let mut out = Vec::new();
    for i in 0..deadlines.len() {
        let (mut expected, mut published) = (0, 0);
        for area in d["plan"]["areas"].as_array().expect("areas") {
            for sg in area["strategicGoals"].as_array().expect("sg") {
                for goal in sg["specificGoals"].as_array().expect("goals") {
                    // Every indicator is someone's: an organisation's or the coordinators'.
                    for ind in goal["impactIndicators"].as_array().expect("indicators") {
                        expected += 1;
                        let values = ind["values"].as_array().expect("values");
                        if values
                            .iter()
                            .any(|v| window(i, v["date"].as_str().expect("date")))
                        {
                            published += 1;
                        }
                    }
                    for m in goal["measures"].as_array().expect("measures") {
                        let statuses = m["statuses"].as_array().expect("statuses");
                        let orgs: BTreeSet<i64> = statuses
                            .iter()
                            .filter_map(|s| s["implementer"]["id"].as_i64())
                            .collect();
                        let owners: Vec<Option<i64>> = if orgs.is_empty() {
                            vec![None]
                        } else {
                            orgs.iter().map(|o| Some(*o)).collect()
                        };
                        for owner in owners {
                            expected += 1;
                            let delivered = statuses.iter().any(|s| {
                                let by = s["implementer"]["id"].as_i64();
                                window(i, s["date"].as_str().expect("date"))
                                    && (owner.is_none() || by.is_none() || by == owner)
                            });
                            if delivered {
                                published += 1;
                            }
                        }
                    }
                }
            }
        }
        out.push((expected, published));
    }
    out
}

pub async fn waves_come_from_the_documents_and_count_what_was_delivered(app: TestApp) {
    app.clock.set(shared::Date::new(2026, 12, 4));
    let w = waves(&app).await;
    let names: Vec<(&str, &str, &str, Option<&str>, &str)> = w
        .iter()
        .map(|w| {
            (
                w["name"].as_str().expect("name"),
                w["opensOn"].as_str().expect("opens"),
                w["deadline"].as_str().expect("deadline"),
                w["asOf"].as_str(),
                w["phase"].as_str().expect("phase"),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            (
                "1. vlna, 1. pol. 2024",
                "2024-01-01",
                "2024-06-30",
                Some("2024-04-30"),
                "CLOSED"
            ),
            (
                "2. vlna, 1. pol. 2025",
                "2025-01-01",
                "2025-06-30",
                Some("2025-01-31"),
                "CLOSED"
            ),
            (
                "3. vlna, 1. pol. 2026",
                "2026-01-01",
                "2026-06-30",
                None,
                "CLOSED"
            ),
        ]
    );
    assert!(w.iter().all(|w| {
        w["source"]["locator"]
            .as_str()
            .expect("locator")
            .starts_with("Tabulka 4")
    }));
    assert_eq!(w[1]["collectsAfter"], "2024-06-30");
    let m = app.data(MONITORING, json!({})).await;
    assert_eq!(m["monitoring"]["current"]["name"], "3. vlna, 1. pol. 2026");
    assert_eq!(
        m["monitoring"]["lastClosed"]["name"],
        "3. vlna, 1. pol. 2026"
    );
    // A wave without an id is the current one.
    let d = app
        .data("{ monitoring { wave { name } } }", json!({}))
        .await;
    assert_eq!(d["monitoring"]["wave"]["name"], "3. vlna, 1. pol. 2026");
    // The third wave has closed: the report's values (up to 2025) are older than it.
    assert_eq!(m["monitoring"]["staleOnOrBefore"], "2025-06-30");

    // The public counts equal an independent count from the public API.
    let deadlines: Vec<&str> = w
        .iter()
        .map(|w| w["deadline"].as_str().expect("d"))
        .collect();
    let expected = independent_counts(&app, &deadlines).await;
    for (wave, (exp, published)) in w.iter().zip(&expected) {
        let c = &wave["completeness"];
        assert_eq!(c["expected"], *exp, "{}", wave["name"]);
        assert_eq!(c["published"], *published, "{}", wave["name"]);
        assert_eq!(c["drafts"], 0);
        assert_eq!(c["late"], exp - published, "closed: the rest is late");
    }
    // The documents' figures: the report's values fill the first two waves' indicators, its
    // statuses (as of 24. 3. 2025) only the second; nothing is in the third yet.
    assert!(expected[0].1 > 0 && expected[1].1 > expected[0].1);
    assert_eq!(expected[2].1, 0);

    // The matrix is staff's: anonymous callers are told to sign in.
    let anon = app.query(MATRIX, json!({ "id": w[1]["id"] })).await;
    assert_eq!(code_of(&anon), "UNAUTHENTICATED");

    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let all = app
        .data_as(&coordinator, MATRIX, json!({ "id": w[1]["id"] }))
        .await;
    let matrix = &all["monitoring"]["wave"]["matrix"];
    assert_eq!(matrix["counts"]["expected"], expected[1].0);
    assert_eq!(matrix["counts"]["published"], expected[1].1);
    let rows = matrix["rows"].as_array().expect("rows");
    let org = implementer_org(&app).await;
    let diakonie = rows
        .iter()
        .find(|r| r["organisationId"] == org)
        .expect("Slezská diakonie's row");
    assert_eq!(diakonie["organisationName"], "Slezská diakonie");
    let items = diakonie["items"].as_array().expect("items");
    let status = items
        .iter()
        .find(|i| i["measureCode"] == "2.1.3.4")
        .expect("2.1.3.4's status is owed");
    assert_eq!(
        (
            &status["kind"],
            &status["state"],
            &status["goalCode"],
            &status["areaCode"]
        ),
        (
            &json!("STATUS"),
            &json!("PUBLISHED"),
            &json!("2.1.3"),
            &json!("2")
        )
    );
    assert!(status["recordId"].is_i64());
    assert_eq!(
        status["entryPath"],
        format!("/zadavani?vlna={}&cil=2.1.3", w[1]["id"])
    );
    let (indicator_id, _) = indicator(&app).await;
    let ind = items
        .iter()
        .find(|i| i["indicatorId"] == indicator_id)
        .expect("2.1.3's first indicator is owed");
    assert_eq!(
        (&ind["kind"], &ind["state"]),
        (&json!("INDICATOR"), &json!("PUBLISHED"))
    );
    // The row without an organisation is last, and holds what no organisation implements.
    let last = rows.last().expect("a row");
    assert!(last["organisationId"].is_null(), "{last}");
    assert!(
        rows[..rows.len() - 1]
            .iter()
            .all(|r| r["organisationId"].is_i64())
    );
    // Organisations by name.
    let names: Vec<&str> = rows[..rows.len() - 1]
        .iter()
        .map(|r| r["organisationName"].as_str().expect("name"))
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);

    // An implementer sees their organisation's row only; its counts are its own.
    let implementer = app
        .implementer(&admin, "realizator@psz.test", json!([org]))
        .await;
    let w3 = w[2]["id"].clone();
    let own = app.data_as(&implementer, MATRIX, json!({ "id": w3 })).await;
    let own_rows = own["monitoring"]["wave"]["matrix"]["rows"]
        .as_array()
        .expect("rows");
    assert_eq!(own_rows.len(), 1);
    assert_eq!(own_rows[0]["organisationId"], org);
    let owed = own_rows[0]["counts"]["expected"]
        .as_i64()
        .expect("expected");
    assert_eq!(
        own["monitoring"]["wave"]["matrix"]["counts"]["expected"],
        owed
    );
    assert_eq!(
        own_rows[0]["counts"]["missing"], owed,
        "the third wave: nothing delivered"
    );

    // The implementer delivers 2.1.3's first indicator for the third wave as a draft.
    let before_public = waves(&app).await[2]["completeness"].clone();
    let saved = app
        .data_as(
            &implementer,
            WAVE,
            json!({ "i": { "specificGoal": "2.1.3", "refDate": "2026-04-30", "sourceNote": "Dotazník 1. pol. 2026", "values": [{ "indicatorId": indicator_id, "value": 40 }] } }),
        )
        .await;
    let value = &saved["recordIndicatorValues"][0];
    let own = app.data_as(&implementer, MATRIX, json!({ "id": w3 })).await;
    let item = own["monitoring"]["wave"]["matrix"]["rows"][0]["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["indicatorId"] == indicator_id)
        .cloned()
        .expect("the indicator");
    assert_eq!(item["state"], "DRAFT");
    assert_eq!(item["recordId"], value["id"]);
    // The public counts do not tell a draft apart: still late.
    assert_eq!(waves(&app).await[2]["completeness"], before_public);
    // Published by the coordinator: the public count moves, and nothing else does.
    app.data_as(
        &coordinator,
        "mutation($v: [RecordVersion!]!) { publishIndicatorValues(values: $v) { id } }",
        json!({ "v": [{ "id": value["id"], "version": value["version"] }] }),
    )
    .await;
    let after = waves(&app).await[2]["completeness"].clone();
    assert_eq!(
        after["published"],
        before_public["published"].as_i64().expect("n") + 1
    );
    assert_eq!(
        after["late"],
        before_public["late"].as_i64().expect("n") - 1
    );
    assert_eq!(after["expected"], before_public["expected"]);
    // A 2026 value is not stale; the indicator's other figures of 2.1.3 still are.
    let m = app.data(MONITORING, json!({})).await;
    assert_eq!(m["monitoring"]["staleOnOrBefore"], "2025-06-30");

    // Someone who reports for no organisation of the plan sees no row and no count.
    let other = app.implementer(&admin, "jiny@psz.test", json!([])).await;
    let r = app.data_as(&other, MATRIX, json!({ "id": w3 })).await;
    assert_eq!(r["monitoring"]["wave"]["matrix"]["rows"], json!([]));
    assert_eq!(r["monitoring"]["wave"]["matrix"]["counts"]["expected"], 0);
}

pub async fn coordinators_plan_waves_and_bad_waves_change_nothing(app: TestApp) {
    app.clock.set(shared::Date::new(2026, 12, 4));
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    const SAVE: &str = "mutation($i: MonitoringWaveEdit!) { saveMonitoringWave(input: $i) { id version name asOf opensOn deadline } }";
    let (waves_before, audit_before) = (
        count(&app, "monitoring_wave").await,
        count(&app, "audit_record").await,
    );
    let refused = [
        // Overlapping the third wave.
        (
            json!({ "name": "4. vlna", "opensOn": "2026-06-01", "deadline": "2026-12-31" }),
            "OVERLAPS",
            "opensOn",
        ),
        (
            json!({ "name": "4. vlna", "opensOn": "2027-07-01", "deadline": "2027-06-30" }),
            "PERIOD_REVERSED",
            "deadline",
        ),
        (
            json!({ "name": "4. vlna", "asOf": "2027-07-01", "opensOn": "2027-01-01", "deadline": "2027-06-30" }),
            "DATE_OUT_OF_RANGE",
            "asOf",
        ),
        (
            json!({ "name": "4. vlna", "opensOn": "1. 1. 2027", "deadline": "2027-06-30" }),
            "NOT_A_DATE",
            "opensOn",
        ),
        (
            json!({ "name": " ", "opensOn": "2027-01-01", "deadline": "2027-06-30" }),
            "REQUIRED",
            "name",
        ),
        (
            json!({ "name": "4. vlna\u{202e}", "opensOn": "2027-01-01", "deadline": "2027-06-30" }),
            "CONTROL_CHARACTER",
            "name",
        ),
        (
            json!({ "record": { "id": 999_999, "version": 1 }, "name": "4. vlna", "opensOn": "2027-01-01", "deadline": "2027-06-30" }),
            "NOT_FOUND",
            "",
        ),
    ];
    for (input, code, field) in refused {
        let r = app
            .query_as(Some(&coordinator), SAVE, json!({ "i": input }))
            .await;
        if field.is_empty() {
            assert_eq!(code_of(&r), code, "{input}: {r}");
        } else {
            assert_eq!(r["errors"][0]["extensions"]["rule"], code, "{input}: {r}");
            assert_eq!(r["errors"][0]["extensions"]["field"], field, "{r}");
            assert!(r["errors"][0]["extensions"]["messageCs"].is_string(), "{r}");
        }
    }
    assert_eq!(count(&app, "monitoring_wave").await, waves_before);
    assert_eq!(count(&app, "audit_record").await, audit_before);

    // The fourth wave, planned; then renamed with the version read.
    let made = app
        .data_as(
            &coordinator,
            SAVE,
            json!({ "i": { "name": "4. vlna, 1. pol. 2027", "asOf": "2027-04-30", "opensOn": "2027-01-01", "deadline": "2027-06-30" } }),
        )
        .await["saveMonitoringWave"]
        .clone();
    assert_eq!(made["version"], 1);
    let m = app.data(MONITORING, json!({})).await;
    let fourth = &m["monitoring"]["waves"][3];
    assert_eq!(
        (&fourth["name"], &fourth["phase"]),
        (&json!("4. vlna, 1. pol. 2027"), &json!("UPCOMING"))
    );
    assert_eq!(fourth["collectsAfter"], "2026-06-30");
    // A wave made in the app cites the app, not the documents.
    assert!(
        !fourth["source"]["locator"]
            .as_str()
            .expect("l")
            .starts_with("Tabulka")
    );
    // Its own period again is no overlap with itself.
    let edit = json!({ "record": { "id": made["id"], "version": 1 }, "name": "4. vlna (1. pol. 2027)", "opensOn": "2027-01-01", "deadline": "2027-06-30" });
    let renamed = app.data_as(&coordinator, SAVE, json!({ "i": edit })).await;
    assert_eq!(renamed["saveMonitoringWave"]["version"], 2);
    assert!(
        renamed["saveMonitoringWave"]["asOf"].is_null(),
        "asOf left out is cleared"
    );
    // The same edit again names a version that is no longer current.
    let stale = app
        .query_as(Some(&coordinator), SAVE, json!({ "i": edit }))
        .await;
    assert_eq!(code_of(&stale), "CONFLICT");
    assert_eq!(stale["errors"][0]["extensions"]["currentVersion"], 2);
    // Two audit records: the creation and the rename.
    assert_eq!(count(&app, "audit_record").await, audit_before + 2);
    let history = app
        .data_as(
            &coordinator,
            "query($id: Int!) { history(entity: \"monitoring_wave\", id: $id) { action } }",
            json!({ "id": made["id"] }),
        )
        .await;
    let actions: Vec<&str> = history["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|h| h["action"].as_str())
        .collect();
    assert_eq!(actions.len(), 2, "{actions:?}");
    // The current wave is still the third (closed most recently; the fourth is not open).
    assert_eq!(m["monitoring"]["current"]["name"], "3. vlna, 1. pol. 2026");
    app.clock.set(shared::Date::new(2027, 2, 1));
    let m = app.data(MONITORING, json!({})).await;
    assert_eq!(m["monitoring"]["current"]["name"], "4. vlna (1. pol. 2027)");
    assert_eq!(m["monitoring"]["waves"][3]["phase"], "OPEN");

    // A plan has at most 50 waves (each one's counts are computed on request): one more is
    // refused and stores nothing; changing one of a full plan still works.
    let mut year = 2030;
    while count(&app, "monitoring_wave").await < 50 {
        app.data_as(
            &coordinator,
            SAVE,
            json!({ "i": { "name": format!("Vlna {year}"), "opensOn": format!("{year}-01-01"), "deadline": format!("{year}-06-30") } }),
        )
        .await;
        year += 1;
    }
    let audit = count(&app, "audit_record").await;
    let r = app
        .query_as(
            Some(&coordinator),
            SAVE,
            json!({ "i": { "name": "Navíc", "opensOn": "2099-01-01", "deadline": "2099-06-30" } }),
        )
        .await;
    assert_eq!(r["errors"][0]["extensions"]["rule"], "TOO_MANY", "{r}");
    assert_eq!(count(&app, "monitoring_wave").await, 50);
    assert_eq!(count(&app, "audit_record").await, audit);
    let again = json!({ "record": { "id": made["id"], "version": 2 }, "name": "4. vlna", "opensOn": "2027-01-01", "deadline": "2027-06-30" });
    let changed = app.data_as(&coordinator, SAVE, json!({ "i": again })).await;
    assert_eq!(changed["saveMonitoringWave"]["version"], 3);
}

/// Reads an iCalendar file with Python's `icalendar` and prints each event as JSON.
const READ_ICS: &str = r#"
import sys, json, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = {"name": str(cal.get("X-WR-CALNAME")), "events": []}
for ev in cal.walk("VEVENT"):
    alarms = [str(a.get("TRIGGER").to_ical(), "ascii") for a in ev.walk("VALARM")]
    out["events"].append({
        "uid": str(ev.get("UID")),
        "summary": str(ev.get("SUMMARY")),
        "start": ev.decoded("DTSTART").isoformat(),
        "end": ev.decoded("DTEND").isoformat(),
        "url": str(ev.get("URL")) if ev.get("URL") else None,
        "alarms": alarms,
    })
print(json.dumps(out))
"#;

pub async fn the_calendar_feed_lists_waves_and_milestones(app: TestApp) {
    app.clock.set(shared::Date::new(2026, 12, 4));
    let r = app.get("/kalendar.ics").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/calendar; charset=utf-8");
    let etag = r.headers()["etag"].to_str().expect("etag").to_owned();
    let body = r.bytes().await.expect("body");
    let read: Value = serde_json::from_slice(&tests::pipe(
        &tests::tool_python(),
        &["-c", READ_ICS],
        &body,
    ))
    .expect("json");
    let events = read["events"].as_array().expect("events");
    // Per wave its collection and its deadline, then the 13 milestones of Tabulka 4.
    assert_eq!(events.len(), 3 * 2 + 13, "{read}");
    let deadline = events
        .iter()
        .find(|e| e["summary"] == "Uzávěrka sběru dat: 3. vlna, 1. pol. 2026")
        .expect("the third wave's deadline");
    assert_eq!(
        (&deadline["start"], &deadline["end"]),
        (&json!("2026-06-30"), &json!("2026-07-01"))
    );
    assert_eq!(deadline["alarms"], json!(["-P7D"]));
    assert!(
        deadline["url"]
            .as_str()
            .expect("url")
            .contains("/zadavani?vlna=")
    );
    let collection = events
        .iter()
        .find(|e| e["summary"] == "Sběr dat monitoringu: 1. vlna, 1. pol. 2024")
        .expect("the first wave");
    assert_eq!(
        (&collection["start"], &collection["end"]),
        (&json!("2024-01-01"), &json!("2024-07-01"))
    );
    let approval = events
        .iter()
        .find(|e| e["summary"] == "Schválení Akčního plánu II.")
        .expect("a milestone");
    assert_eq!(
        (&approval["start"], &approval["end"]),
        (&json!("2025-09-01"), &json!("2025-12-01"))
    );
    let uids: BTreeSet<&str> = events.iter().filter_map(|e| e["uid"].as_str()).collect();
    assert_eq!(uids.len(), events.len(), "every event has its own UID");

    // Unchanged data: a 304; the plan's own address; unknown plans and queries refused.
    let again = app
        .get_with("/kalendar.ics", &[("if-none-match", &etag)])
        .await;
    assert_eq!(again.status(), 304);
    assert_eq!(app.get("/kalendar/ostrava.ics").await.status(), 200);
    assert_eq!(app.get("/kalendar/neni.ics").await.status(), 404);
    assert_eq!(app.get("/kalendar/ostrava.txt").await.status(), 404);
    assert_eq!(app.get("/kalendar.ics?x=1").await.status(), 400);
    // A new wave is in the feed at once, under a new tag.
    let admin = app.admin().await;
    app.data_as(
        &admin,
        "mutation($i: MonitoringWaveEdit!) { saveMonitoringWave(input: $i) { id } }",
        json!({ "i": { "name": "4. vlna; 1. pol. 2027", "opensOn": "2027-01-01", "deadline": "2027-06-30" } }),
    )
    .await;
    let r = app
        .get_with("/kalendar.ics", &[("if-none-match", &etag)])
        .await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.expect("text");
    assert!(
        text.contains("SUMMARY:Uzávěrka sběru dat: 4. vlna\\; 1. pol. 2027\r\n"),
        "{text}"
    );
}

/// A database an earlier version loaded (no waves yet) gets the documents' waves when a server
/// of this version starts on it; a second start adds nothing.
pub async fn a_database_from_before_waves_gets_the_documents_waves(app: TestApp) {
    use sea_orm::ConnectionTrait;
    app.db
        .execute_unprepared("DELETE FROM monitoring_wave")
        .await
        .expect("delete");
    let upgraded = TestApp::spawn_on(app.database_url()).await;
    let w = waves(&upgraded).await;
    let names: Vec<&str> = w.iter().filter_map(|w| w["name"].as_str()).collect();
    assert_eq!(
        names,
        [
            "1. vlna, 1. pol. 2024",
            "2. vlna, 1. pol. 2025",
            "3. vlna, 1. pol. 2026"
        ]
    );
    let again = TestApp::spawn_on(app.database_url()).await;
    assert_eq!(waves(&again).await.len(), 3);
    assert_eq!(count(&again, "monitoring_wave").await, 3);
}
