//! Writing the next action plan (issue 19): a coordinator creates Action Plan II as a draft the
//! public never sees, bad periods and numbers are refused with nothing stored, and approving
//! makes it public once; Action Plan I's figures stay as the documents have them.

use serde_json::{Value, json};
use tests::{TestApp, code_of};

use super::entry::count;

const CREATE: &str = "mutation($i: CreateActionPlanInput!) { createActionPlan(input: $i) { id version number name state periodFrom periodTo } }";
const APPROVE: &str = "mutation($i: ApproveActionPlanInput!) { approveActionPlan(input: $i) { number version state approvedOn resolution } }";
/// What the public reads of the plan's action plans and Action Plan I's figures.
const PUBLIC: &str = "query($ap: Int) { plan(actionPlan: $ap) { actionPlan { number } actionPlans { number name state } budget { planned { hellers } allocated { hellers } drawn { hellers } } statusCounts { notImplemented inProgress completed } areas { code budget { planned { hellers } } } } measures(actionPlan: $ap) { code } }";
const COMPARE: &str = "{ actionPlanComparison(earlier: 1, later: 2) { earlier { number } later { number state } goals { goal added { code } ended { measure { code } reason } changed { earlier { code } } unchanged { earlier { code } } } costByArea { area cost { earlier { hellers } later { hellers } } } costBySource { source cost { earlier { hellers } later { hellers } } } costTotal { earlier { hellers } later { hellers } } unimplemented { measure { code name } carriedInto { code } } } }";

/// The error's validation rule, else its code.
pub(super) fn rule(r: &Value) -> String {
    r["errors"][0]["extensions"]["rule"]
        .as_str()
        .map_or_else(|| code_of(r), str::to_owned)
}

pub async fn a_draft_action_plan_is_the_staffs_alone_until_approved(app: TestApp) {
    app.clock.set(shared::Date::new(2026, 3, 1));
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let before = app.data(PUBLIC, json!({})).await;
    assert_eq!(
        before["plan"]["actionPlans"],
        json!([{ "number": 1, "name": "Akční plán I.", "state": "APPROVED" }])
    );

    // Bad input: each refused, nothing stored.
    let plans = count(&app, "action_plan").await;
    let audits = count(&app, "audit_record").await;
    let bad = [
        (2, "Akční plán II.", 2027, 2026, "PERIOD_REVERSED"),
        (2, "Akční plán II.", 2025, 2026, "OVERLAPS"),
        (2, "Akční plán II.", 2026, 2028, "OUT_OF_RANGE"),
        (1, "Akční plán II.", 2026, 2027, "DUPLICATE"),
        (0, "Akční plán II.", 2026, 2027, "OUT_OF_RANGE"),
        (2, " ", 2026, 2027, "REQUIRED"),
        (2, "Akční plán\u{202e} II.", 2026, 2027, "CONTROL_CHARACTER"),
    ];
    for (number, name, from, to, expected) in bad {
        let r = app
            .query_as(
                Some(&coordinator),
                CREATE,
                json!({ "i": { "number": number, "name": name, "periodFrom": from, "periodTo": to } }),
            )
            .await;
        assert_eq!(rule(&r), expected, "{number} {name} {from}–{to}: {r}");
    }
    assert_eq!(count(&app, "action_plan").await, plans, "nothing stored");
    assert_eq!(count(&app, "audit_record").await, audits, "nothing audited");

    // The draft.
    let created = app
        .data_as(
            &coordinator,
            CREATE,
            json!({ "i": { "number": 2, "name": "Akční plán II.", "periodFrom": 2026, "periodTo": 2027 } }),
        )
        .await["createActionPlan"]
        .clone();
    assert_eq!(created["state"], "DRAFT");
    // A third may not share its years either.
    let r = app
        .query_as(
            Some(&coordinator),
            CREATE,
            json!({ "i": { "number": 3, "name": "Akční plán III.", "periodFrom": 2027, "periodTo": 2027 } }),
        )
        .await;
    assert_eq!(rule(&r), "OVERLAPS", "{r}");
    assert!(
        r["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Akční plán II.")),
        "the error names the plan it overlaps: {r}"
    );

    // The public sees nothing of it: the plan, its figures, its calendar and open data, search.
    assert_eq!(app.data(PUBLIC, json!({})).await, before);
    let drafts = app
        .query_as(None, "{ actionPlanDrafts { number } }", json!({}))
        .await;
    assert_eq!(code_of(&drafts), "UNAUTHENTICATED");
    for path in [
        "/kalendar.ics",
        "/data/ostrava/harmonogram.csv",
        "/data/ostrava/rizika.csv",
    ] {
        let body = app.get(path).await.text().await.expect("body");
        assert!(!body.contains("Akční plán II"), "{path} shows the draft");
    }
    let search = app
        .data(
            r#"{ search(text: "Akční plán II") { measures { code } specificGoals { code } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(search["search"]["measures"], json!([]));
    // No report of a draft action plan.
    let report = app
        .query_as(
            Some(&coordinator),
            "mutation($i: CreateReportInput!) { createReport(input: $i) { id } }",
            json!({ "i": { "number": 9, "actionPlan": 2, "periodFrom": "2026-01-01", "periodTo": "2026-12-31", "cutoff": "2027-02-28" } }),
        )
        .await;
    assert_eq!(rule(&report), "UNKNOWN_ID", "{report}");
    // Compared with Action Plan I: the public may not, staff see every measure of Action Plan I
    // as not carried over (nothing is carried yet), its costs beside none, and every measure it
    // left unimplemented.
    let hidden = app.query_as(None, COMPARE, json!({})).await;
    assert_eq!(code_of(&hidden), "NOT_FOUND", "{hidden}");
    let cmp = app.data_as(&coordinator, COMPARE, json!({})).await["actionPlanComparison"].clone();
    assert_eq!(cmp["later"]["state"], "DRAFT");
    let goals = cmp["goals"].as_array().expect("goals");
    let ended: Vec<&str> = goals
        .iter()
        .flat_map(|g| g["ended"].as_array().into_iter().flatten())
        .filter_map(|e| e["measure"]["code"].as_str())
        .collect();
    let measures: Vec<&str> = before["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .filter_map(|m| m["code"].as_str())
        .collect();
    assert_eq!(
        ended, measures,
        "every measure of Action Plan I, in code order"
    );
    for g in goals {
        for kind in ["added", "changed", "unchanged"] {
            assert_eq!(g[kind], json!([]), "{}: {kind}", g["goal"]);
        }
    }
    assert_eq!(
        cmp["costTotal"]["earlier"]["hellers"], before["plan"]["budget"]["planned"]["hellers"],
        "the estimated costs of Action Plan I are the plan's planned money"
    );
    assert_eq!(cmp["costTotal"]["later"]["hellers"], "0");
    for area in before["plan"]["areas"].as_array().expect("areas") {
        let compared = cmp["costByArea"]
            .as_array()
            .and_then(|a| a.iter().find(|c| c["area"] == area["code"]))
            .map(|c| c["cost"]["earlier"]["hellers"].clone())
            .unwrap_or(json!("0"));
        assert_eq!(
            compared, area["budget"]["planned"]["hellers"],
            "area {}",
            area["code"]
        );
    }
    let unimplemented = cmp["unimplemented"].as_array().expect("unimplemented");
    assert_eq!(
        Some(unimplemented.len() as i64),
        before["plan"]["statusCounts"]["notImplemented"].as_i64(),
        "the measures Action Plan I left unimplemented"
    );
    assert!(unimplemented.iter().all(|u| u["carriedInto"].is_null()));
    // The draft's own comparison with the approved plan before it is the same.
    let own = app
        .data_as(
            &coordinator,
            "{ actionPlanDrafts { comparedWithPrevious { earlier { number } costTotal { earlier { hellers } later { hellers } } } } }",
            json!({}),
        )
        .await;
    let own = &own["actionPlanDrafts"][0]["comparedWithPrevious"];
    assert_eq!(own["earlier"]["number"], 1);
    assert_eq!(own["costTotal"], cmp["costTotal"]);

    // Staff see it.
    let staff = app
        .data_as(
            &coordinator,
            "{ actionPlanDrafts { number name periodFrom periodTo state } }",
            json!({}),
        )
        .await;
    assert_eq!(
        staff["actionPlanDrafts"],
        json!([{ "number": 2, "name": "Akční plán II.", "periodFrom": 2026, "periodTo": 2027, "state": "DRAFT" }])
    );

    // Approving: a date after today, a stale version and an unknown number are refused.
    let approve = |number: i64, version: &Value, on: &str| json!({ "i": { "number": number, "version": version, "approvedOn": on, "resolution": "usnesení ZM č. 1234/ZM2226/20" } });
    let v = &created["version"];
    for (vars, expected) in [
        (approve(2, v, "2026-03-02"), "DATE_OUT_OF_RANGE"),
        (approve(2, &json!(99), "2025-10-20"), "CONFLICT"),
        (approve(5, v, "2025-10-20"), "NOT_FOUND"),
        (approve(1, v, "2025-10-20"), "APPROVED"),
    ] {
        let r = app.query_as(Some(&coordinator), APPROVE, vars).await;
        assert_eq!(rule(&r), expected, "{r}");
    }
    let approved = app
        .data_as(&coordinator, APPROVE, approve(2, v, "2025-10-20"))
        .await["approveActionPlan"]
        .clone();
    assert_eq!(approved["state"], "APPROVED");
    assert_eq!(approved["approvedOn"], "2025-10-20");
    let twice = app
        .query_as(
            Some(&coordinator),
            APPROVE,
            approve(2, &approved["version"], "2025-10-21"),
        )
        .await;
    assert_eq!(rule(&twice), "APPROVED", "approving twice: {twice}");

    // Now public, and the one in force this year (2026): the default reading shows its
    // measures — none yet —, `actionPlan: 1` Action Plan I's, unchanged.
    let now = app.data(PUBLIC, json!({})).await;
    assert_eq!(now["plan"]["actionPlan"]["number"], 2);
    assert_eq!(now["measures"], json!([]));
    assert_eq!(now["plan"]["budget"]["planned"]["hellers"], "0");
    let after = app.data(PUBLIC, json!({ "ap": 1 })).await;
    assert_eq!(after["plan"]["actionPlan"]["number"], 1);
    assert_eq!(
        after["plan"]["actionPlans"],
        json!([
            { "number": 1, "name": "Akční plán I.", "state": "APPROVED" },
            { "number": 2, "name": "Akční plán II.", "state": "APPROVED" }
        ])
    );
    assert_eq!(after["plan"]["budget"], before["plan"]["budget"]);
    assert_eq!(
        after["plan"]["statusCounts"],
        before["plan"]["statusCounts"]
    );
    assert_eq!(after["measures"], before["measures"]);
    let drafts = app
        .data_as(&coordinator, "{ actionPlanDrafts { number } }", json!({}))
        .await;
    assert_eq!(drafts["actionPlanDrafts"], json!([]));
    // Two approved action plans compare in public.
    let public = app.data(COMPARE, json!({})).await;
    assert_eq!(public["actionPlanComparison"]["later"]["state"], "APPROVED");
}
