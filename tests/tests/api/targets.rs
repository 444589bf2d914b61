//! Revisions of a specific goal's targets (issue 19): the plan's target stays on record, the
//! revised one is in force from its date, progress counts against it, and bad revisions are
//! refused without a trace.

use serde_json::{Value, json};
use tests::{TestApp, code_of};

use super::entry::{count, implementer_org};

const GOAL: &str = r#"{ specificGoal(code: "2.1.3") { progress { ratio } impactIndicators { id version target planTarget targetText targetRevisions { id version validFrom target reason source { locator refDate } } progress { latest target ratio } } } }"#;

const REVISE: &str =
    "mutation($i: ReviseTargetInput!) { reviseIndicatorTarget(input: $i) { id version target } }";

/// The first indicator of goal 2.1.3 with a target and a value, and the goal's progress.
async fn goal(app: &TestApp) -> (Value, f64) {
    let d = app.data(GOAL, json!({})).await;
    let goal = &d["specificGoal"];
    let indicator = goal["impactIndicators"]
        .as_array()
        .and_then(|i| {
            i.iter()
                .find(|i| i["target"].is_number() && i["progress"].is_object())
        })
        .cloned()
        .expect("an indicator with a target and a value");
    (
        indicator,
        goal["progress"]["ratio"].as_f64().expect("goal progress"),
    )
}

pub async fn a_revised_target_is_in_force_from_its_date_and_progress_counts_against_it(
    app: TestApp,
) {
    app.clock.set(shared::Date::new(2026, 3, 1));
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let (before, goal_before) = goal(&app).await;
    let id = before["id"].clone();
    let plan_target = before["target"].as_f64().expect("target");
    let latest = before["progress"]["latest"].as_f64().expect("latest");
    assert_eq!(before["planTarget"], before["target"]);
    assert_eq!(before["targetRevisions"], json!([]));

    // Refused, each changing nothing.
    let revisions = count(&app, "target_revision").await;
    let audits = count(&app, "audit_record").await;
    let record = json!({ "id": id, "version": before["version"] });
    let bad = [
        (
            json!({ "validFrom": "2026-03-02" }),
            "DATE_OUT_OF_RANGE",
            "after today",
        ),
        (
            json!({ "validFrom": "2021-12-31" }),
            "DATE_OUT_OF_RANGE",
            "before the plan",
        ),
        (
            json!({ "validFrom": "2026-02-30" }),
            "VALIDATION",
            "no such day",
        ),
        (json!({ "targetValue": -5 }), "VALIDATION", "negative"),
        (
            json!({ "targetValue": null }),
            "VALIDATION",
            "no target at all",
        ),
        (json!({ "reason": "  " }), "VALIDATION", "no reason"),
        (
            json!({ "record": { "id": id, "version": 999 } }),
            "CONFLICT",
            "a stale version",
        ),
        (
            json!({ "record": { "id": 999_999, "version": 1 } }),
            "NOT_FOUND",
            "no such indicator",
        ),
    ];
    for (change, expected, what) in bad {
        let mut input = json!({ "record": record, "validFrom": "2026-01-01", "targetValue": plan_target * 2.0, "reason": "Revize Plánu" });
        for (k, v) in change.as_object().expect("object") {
            input[k] = v.clone();
        }
        let r = app
            .query_as(Some(&coordinator), REVISE, json!({ "i": input }))
            .await;
        let code = code_of(&r);
        let rule = r["errors"][0]["extensions"]["rule"]
            .as_str()
            .unwrap_or_default();
        assert!(
            code == expected || rule == expected,
            "{what}: {code} {rule} ({r})"
        );
    }
    assert_eq!(
        count(&app, "target_revision").await,
        revisions,
        "nothing stored"
    );
    assert_eq!(count(&app, "audit_record").await, audits, "nothing audited");

    // Revised from 1. 1. 2026 to twice the plan's target.
    let reason = "Revize Plánu po Zprávě o naplňování (usnesení RM č. 1234/RM2226/20)";
    let r = app
        .data_as(
            &coordinator,
            REVISE,
            json!({ "i": { "record": record, "validFrom": "2026-01-01", "targetValue": plan_target * 2.0, "targetText": "dvojnásobek", "reason": reason } }),
        )
        .await;
    assert_eq!(
        r["reviseIndicatorTarget"]["target"].as_f64(),
        Some(plan_target * 2.0)
    );
    assert_eq!(
        r["reviseIndicatorTarget"]["version"].as_i64(),
        before["version"].as_i64().map(|v| v + 1),
        "the indicator's version is raised"
    );

    // The public sees the revised target in force, the plan's on record, progress against it.
    let (after, goal_after) = goal(&app).await;
    assert_eq!(after["target"].as_f64(), Some(plan_target * 2.0));
    assert_eq!(after["targetText"], "dvojnásobek");
    assert_eq!(after["planTarget"].as_f64(), Some(plan_target));
    let revision = &after["targetRevisions"][0];
    assert_eq!(revision["validFrom"], "2026-01-01");
    assert_eq!(revision["reason"], reason);
    assert_eq!(revision["source"]["refDate"], "2026-01-01");
    assert_eq!(
        after["progress"]["target"].as_f64(),
        Some(plan_target * 2.0)
    );
    let ratio = after["progress"]["ratio"].as_f64().expect("ratio");
    assert!(
        (ratio - latest / (plan_target * 2.0)).abs() < 1e-9,
        "progress counts against the target in force: {ratio}"
    );
    assert!(goal_after < goal_before, "{goal_after} < {goal_before}");
    // In the open data: the indicator's target in force, and the revision with its reason.
    let csv = app
        .get("/data/ostrava/revize-cilu.csv?specificky_cil=2.1.3")
        .await
        .text()
        .await
        .expect("csv");
    assert!(csv.contains("2026-01-01") && csv.contains(reason), "{csv}");

    // The same day twice is refused; an earlier revision may be added (it is not in force).
    let record = json!({ "id": id, "version": r["reviseIndicatorTarget"]["version"] });
    let twice = app
        .query_as(
            Some(&coordinator),
            REVISE,
            json!({ "i": { "record": record, "validFrom": "2026-01-01", "targetValue": 1, "reason": "Znovu" } }),
        )
        .await;
    assert_eq!(
        twice["errors"][0]["extensions"]["rule"], "DUPLICATE",
        "{twice}"
    );
    let earlier = app
        .data_as(
            &coordinator,
            REVISE,
            json!({ "i": { "record": record, "validFrom": "2025-07-01", "targetValue": plan_target * 1.5, "reason": "Dřívější revize" } }),
        )
        .await;
    assert_eq!(
        earlier["reviseIndicatorTarget"]["target"].as_f64(),
        Some(plan_target * 2.0),
        "the latest revision stays in force"
    );
    let (both, _) = goal(&app).await;
    let dates: Vec<&str> = both["targetRevisions"]
        .as_array()
        .expect("revisions")
        .iter()
        .filter_map(|r| r["validFrom"].as_str())
        .collect();
    assert_eq!(dates, ["2025-07-01", "2026-01-01"], "oldest first");

    // An implementer may not revise.
    let org = implementer_org(&app).await;
    let implementer = app
        .implementer(&admin, "realizator@psz.test", json!([org]))
        .await;
    let refused = app
        .query_as(
            Some(&implementer),
            REVISE,
            json!({ "i": { "record": { "id": id, "version": both["version"] }, "validFrom": "2026-02-01", "targetValue": 1, "reason": "Ne" } }),
        )
        .await;
    assert_eq!(code_of(&refused), "FORBIDDEN");

    // Withdrawing both: the plan's target is in force again.
    for r in both["targetRevisions"].as_array().expect("revisions") {
        app.data_as(
            &coordinator,
            "mutation($r: RecordVersion!) { withdrawTargetRevision(record: $r) { id } }",
            json!({ "r": { "id": r["id"], "version": r["version"] } }),
        )
        .await;
    }
    let (withdrawn, goal_again) = goal(&app).await;
    assert_eq!(withdrawn["target"].as_f64(), Some(plan_target));
    assert_eq!(withdrawn["targetRevisions"], json!([]));
    let csv = app
        .get("/data/ostrava/revize-cilu.csv")
        .await
        .text()
        .await
        .expect("csv");
    assert!(
        !csv.contains(reason),
        "a withdrawn revision stays in the open data: {csv}"
    );
    assert!((goal_again - goal_before).abs() < 1e-9);
    // Their history stays.
    let history = app
        .data_as(
            &admin,
            "query($id: Int!) { history(entity: \"target_revision\", id: $id) { action } }",
            json!({ "id": revision["id"] }),
        )
        .await;
    let actions: Vec<&str> = history["history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|h| h["action"].as_str())
        .collect();
    assert!(
        actions.contains(&"CREATE") && actions.contains(&"DELETE"),
        "{actions:?}"
    );
}
