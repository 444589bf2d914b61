//! Action Plan II written from the first (issue 19): a coordinator carries measures over, ends
//! one, changes one and adds one in a draft the public never sees; bad input is refused with
//! nothing stored; after approval the comparison names exactly those differences, the public
//! reads either action plan (the one in force by default) and Action Plan I's figures stay as
//! the documents have them.

use serde_json::{Value, json};
use tests::{TestApp, code_of};

use super::action_plans::rule;
use super::entry::count;

const CREATE: &str =
    "mutation($i: CreateActionPlanInput!) { createActionPlan(input: $i) { number version } }";
const CARRY: &str = "mutation($i: CarryOverInput!) { carryOverMeasures(input: $i) { actionPlan { number state } carried { code name } } }";
const END: &str =
    "mutation($i: EndMeasureInput!) { endMeasure(input: $i) { measure { code } reason } }";
const ADD: &str = "mutation($i: AddMeasureInput!) { addMeasure(input: $i) { code name } }";
const UPDATE: &str =
    "mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { code name version } }";
const LISTS: &str =
    "mutation($i: MeasureListsInput!) { setMeasureLists(input: $i) { code version } }";
const APPROVE: &str =
    "mutation($i: ApproveActionPlanInput!) { approveActionPlan(input: $i) { number state } }";
const COMPARE: &str = "{ actionPlanComparison(earlier: 1, later: 2) { goals { goal added { code name } ended { measure { code } reason } changed { earlier { code } later { code name } fields } unchanged { earlier { code } } } costTotal { earlier { hellers } later { hellers } } unimplemented { measure { code } carriedInto { code } } } }";
/// What the public reads of one action plan (`$ap`, default: the one in force).
const READ: &str = "query($ap: Int) { plan(actionPlan: $ap) { actionPlan { number } budget { planned { hellers } } statusCounts { notImplemented inProgress completed } } measures(actionPlan: $ap) { code name } }";

fn codes(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["code"].as_str().map(str::to_owned))
        .collect()
}

/// The codes of a comparison's measures of one kind (`added`, `changed`…), every goal's.
fn compared(c: &Value, kind: &str, pick: impl Fn(&Value) -> &Value) -> Vec<String> {
    c["goals"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|g| g[kind].as_array().into_iter().flatten())
        .filter_map(|m| pick(m)["code"].as_str().map(str::to_owned))
        .collect()
}

pub async fn action_plan_two_is_carried_over_changed_approved_and_read_beside_the_first(
    app: TestApp,
) {
    app.clock.set(shared::Date::new(2026, 3, 1));
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let implementer = app
        .implementer(&admin, "realizator@psz.test", json!([1]))
        .await;
    let first = app.data(READ, json!({})).await;
    assert_eq!(first["plan"]["actionPlan"]["number"], 1);
    let ap1 = codes(&first["measures"]);
    assert!(ap1.len() >= 47, "Action Plan I's measures: {}", ap1.len());
    let draft = app
        .data_as(
            &coordinator,
            CREATE,
            json!({ "i": { "number": 2, "name": "Akční plán II.", "periodFrom": 2026, "periodTo": 2027 } }),
        )
        .await["createActionPlan"]
        .clone();

    // Bad input: each refused, nothing stored.
    let (measures, endings, audits) = (
        count(&app, "measure").await,
        count(&app, "measure_ending").await,
        count(&app, "audit_record").await,
    );
    let carry = |i: Value| json!({ "i": i });
    for (who, vars, expected) in [
        (
            &coordinator,
            carry(json!({ "actionPlan": 2, "from": 5 })),
            "NOT_FOUND",
        ),
        (
            &coordinator,
            carry(json!({ "actionPlan": 1, "from": 2 })),
            "APPROVED",
        ),
        (
            &coordinator,
            carry(json!({ "actionPlan": 2, "from": 2 })),
            "NOT_FOUND",
        ),
        (
            &coordinator,
            carry(json!({ "actionPlan": 2, "from": 1, "fromPlan": "brno" })),
            "UNKNOWN_ID",
        ),
        (
            &coordinator,
            carry(json!({ "actionPlan": 2, "from": 1, "area": "2.1" })),
            "VALIDATION",
        ),
        (
            &implementer,
            carry(json!({ "actionPlan": 2, "from": 1 })),
            "FORBIDDEN",
        ),
    ] {
        let r = app.query_as(Some(who), CARRY, vars.clone()).await;
        let got = rule(&r);
        assert!(
            got == expected || (expected == "VALIDATION" && code_of(&r) == "VALIDATION"),
            "{vars}: {r}"
        );
    }
    for (vars, expected) in [
        (
            json!({ "actionPlan": 2, "from": 1, "measure": ap1[0], "reason": " " }),
            "REQUIRED",
        ),
        (
            json!({ "actionPlan": 2, "from": 1, "measure": "9.9.9.9", "reason": "x" }),
            "NOT_FOUND",
        ),
        (
            json!({ "actionPlan": 1, "from": 1, "measure": ap1[0], "reason": "x" }),
            "APPROVED",
        ),
    ] {
        let r = app
            .query_as(Some(&coordinator), END, json!({ "i": vars }))
            .await;
        assert_eq!(rule(&r), expected, "{vars}: {r}");
    }
    for (vars, expected) in [
        (
            json!({ "actionPlan": 2, "specificGoal": "2.1.3", "code": ap1[0], "name": "X" }),
            "UNKNOWN_ID",
        ),
        (
            json!({ "actionPlan": 2, "specificGoal": "2.1.3", "code": "2.1.3.1", "name": "X" }),
            "DUPLICATE",
        ),
        (
            json!({ "actionPlan": 2, "specificGoal": "9.9.9", "name": "X" }),
            "UNKNOWN_ID",
        ),
        (
            json!({ "actionPlan": 2, "specificGoal": "2.1.3", "name": "" }),
            "REQUIRED",
        ),
        (
            json!({ "actionPlan": 1, "specificGoal": "2.1.3", "name": "X" }),
            "APPROVED",
        ),
    ] {
        let r = app
            .query_as(Some(&coordinator), ADD, json!({ "i": vars }))
            .await;
        assert_eq!(rule(&r), expected, "{vars}: {r}");
    }
    assert_eq!(count(&app, "measure").await, measures, "nothing stored");
    assert_eq!(count(&app, "measure_ending").await, endings);
    assert_eq!(count(&app, "audit_record").await, audits, "nothing audited");

    // Area 1, then the rest; again carries nothing.
    let area1 = app
        .data_as(
            &coordinator,
            CARRY,
            carry(json!({ "actionPlan": 2, "from": 1, "area": "1" })),
        )
        .await["carryOverMeasures"]
        .clone();
    let in_area1: Vec<&String> = ap1.iter().filter(|c| c.starts_with("1.")).collect();
    assert_eq!(
        codes(&area1["carried"]).iter().collect::<Vec<_>>(),
        in_area1
    );
    assert_eq!(area1["actionPlan"]["state"], "DRAFT");
    let rest = app
        .data_as(
            &coordinator,
            CARRY,
            carry(json!({ "actionPlan": 2, "from": 1 })),
        )
        .await["carryOverMeasures"]["carried"]
        .clone();
    assert_eq!(codes(&rest).len() + in_area1.len(), ap1.len());
    let again = app
        .data_as(
            &coordinator,
            CARRY,
            carry(json!({ "actionPlan": 2, "from": 1 })),
        )
        .await;
    assert_eq!(again["carryOverMeasures"]["carried"], json!([]));

    // End one, change one, add one.
    let (ended, changed) = (ap1[0].clone(), ap1[1].clone());
    let end = json!({ "i": { "actionPlan": 2, "from": 1, "measure": ended, "reason": "Cíl splněn, opatření se nahrazuje novým." } });
    let e = app.data_as(&coordinator, END, end.clone()).await;
    assert_eq!(e["endMeasure"]["measure"]["code"], ended.as_str());
    let twice = app.query_as(Some(&coordinator), END, end).await;
    assert_eq!(rule(&twice), "DUPLICATE", "{twice}");
    let stale = app
        .query_as(
            Some(&coordinator),
            UPDATE,
            json!({ "i": { "actionPlan": 2, "code": changed, "version": 7, "name": "Nový název" } }),
        )
        .await;
    assert_eq!(code_of(&stale), "CONFLICT", "{stale}");
    let u = app
        .data_as(
            &coordinator,
            UPDATE,
            json!({ "i": { "actionPlan": 2, "code": changed, "version": 1, "name": "Změněné opatření pro AP II", "estimatedCost": "1 000 000" } }),
        )
        .await;
    assert_eq!(u["updateMeasure"]["name"], "Změněné opatření pro AP II");
    // Its funding sources: a source named twice, too many outputs and a stale version are
    // refused with nothing stored; then the city's budget alone.
    let lists = |version: Value, sources: Value, outputs: Value| json!({ "i": { "actionPlan": 2, "code": changed, "version": version, "fundingSources": sources, "outputIndicators": outputs } });
    let version = u["updateMeasure"]["version"].clone();
    let fundings = count(&app, "measure_funding").await;
    let many: Vec<String> = (0..21).map(|i| format!("Výstup {i}")).collect();
    for (vars, expected) in [
        (
            lists(version.clone(), json!(["CITY", "CITY"]), Value::Null),
            "DUPLICATE",
        ),
        (lists(version.clone(), Value::Null, json!(many)), "TOO_MANY"),
        (lists(json!(99), json!(["CITY"]), Value::Null), "CONFLICT"),
    ] {
        let r = app.query_as(Some(&coordinator), LISTS, vars).await;
        assert_eq!(rule(&r), expected, "{r}");
    }
    assert_eq!(
        count(&app, "measure_funding").await,
        fundings,
        "nothing stored"
    );
    let set = app
        .data_as(
            &coordinator,
            LISTS,
            lists(version, json!(["CITY"]), json!(["Počet bytů"])),
        )
        .await;
    assert_eq!(set["setMeasureLists"]["code"], changed.as_str());
    let added = app
        .data_as(
            &coordinator,
            ADD,
            json!({ "i": { "actionPlan": 2, "specificGoal": "2.1.3", "name": "Nové opatření AP II", "description": "Popis" } }),
        )
        .await["addMeasure"]
        .clone();
    let new_code = added["code"].as_str().expect("code").to_owned();
    assert!(new_code.starts_with("2.1.3."), "{new_code}");
    assert!(!ap1.contains(&new_code), "a code Action Plan I never had");

    // The public still reads Action Plan I only: the draft is nowhere.
    let public = app.data(READ, json!({})).await;
    assert_eq!(public, first, "the public reading is unchanged");
    let r = app.query(READ, json!({ "ap": 2 })).await;
    assert_eq!(code_of(&r), "NOT_FOUND", "{r}");
    let found = app
        .data(
            "{ search(text: \"Nové opatření AP II\") { measures { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(found["search"]["measures"], json!([]));
    assert_eq!(
        code_of(&app.query(COMPARE, json!({})).await),
        "NOT_FOUND",
        "the draft's comparison is the staff's"
    );

    // Approval: the comparison names exactly these differences.
    let approve = json!({ "i": { "number": 2, "version": draft["version"], "approvedOn": "2026-02-26", "resolution": "usnesení ZM č. 2345/ZM2226/30" } });
    app.data_as(&coordinator, APPROVE, approve).await;
    let c = app.data(COMPARE, json!({})).await["actionPlanComparison"].clone();
    assert_eq!(compared(&c, "added", |m| m), vec![new_code.clone()]);
    assert_eq!(
        compared(&c, "ended", |m| &m["measure"]),
        vec![ended.clone()]
    );
    assert_eq!(
        compared(&c, "changed", |m| &m["earlier"]),
        vec![changed.clone()]
    );
    assert_eq!(
        compared(&c, "unchanged", |m| &m["earlier"]).len(),
        ap1.len() - 2
    );
    let change = c["goals"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|g| g["changed"].as_array().into_iter().flatten())
        .next()
        .cloned()
        .expect("the changed measure");
    // Action Plan I's card of the changed measure: its sources decide whether FUNDING differs.
    let was = app
        .data(
            &format!("{{ measure(code: \"{changed}\", actionPlan: 1) {{ fundingSources }} }}"),
            json!({}),
        )
        .await;
    let mut fields = vec!["NAME", "ESTIMATED_COST"];
    if was["measure"]["fundingSources"] != json!(["CITY"]) {
        fields.push("FUNDING");
    }
    fields.push("OUTPUT_INDICATORS");
    assert_eq!(change["fields"], json!(fields), "{change}");
    let reason = c["goals"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|g| g["ended"].as_array().into_iter().flatten())
        .next()
        .cloned()
        .expect("the ended measure");
    assert_eq!(reason["reason"], "Cíl splněn, opatření se nahrazuje novým.");

    // Action Plan II is in force in 2026: the default reading; Action Plan I on request,
    // its figures as before.
    let now = app.data(READ, json!({})).await;
    assert_eq!(now["plan"]["actionPlan"]["number"], 2);
    let ap2 = codes(&now["measures"]);
    assert_eq!(ap2.len(), ap1.len());
    assert!(ap2.contains(&new_code) && !ap2.contains(&ended));
    let again_first = app.data(READ, json!({ "ap": 1 })).await;
    assert_eq!(again_first, first, "Action Plan I as the documents have it");
    let one = |code: &str, ap: i64| json!({ "q": format!("{{ measure(code: \"{code}\", actionPlan: {ap}) {{ name }} }}"), "ap": ap });
    for (code, ap, expected) in [
        (new_code.as_str(), 2, Some("Nové opatření AP II")),
        (new_code.as_str(), 1, None),
        (ended.as_str(), 2, None),
        (changed.as_str(), 2, Some("Změněné opatření pro AP II")),
    ] {
        let q = one(code, ap);
        let r = app.query(q["q"].as_str().expect("q"), json!({})).await;
        match expected {
            Some(name) => assert_eq!(r["data"]["measure"]["name"], name, "{code} in {ap}: {r}"),
            None => assert_eq!(code_of(&r), "NOT_FOUND", "{code} in {ap}: {r}"),
        }
    }
    // No statuses reported for Action Plan II yet; Action Plan I's are its own.
    assert_eq!(
        now["plan"]["statusCounts"],
        json!({ "notImplemented": 0, "inProgress": 0, "completed": 0 })
    );
    // One action plan per plan per request.
    let mixed = app
        .query(
            "{ plan(actionPlan: 1) { actionPlan { number } } measures(actionPlan: 2) { code } }",
            json!({}),
        )
        .await;
    assert_eq!(code_of(&mixed), "VALIDATION", "{mixed}");

    // Open data: the action plan in force, another by `akcni_plan` (codes repeat across
    // action plans, so one file holds one action plan's measures).
    for (path, has_new, status) in [
        ("/data/ostrava/opatreni.csv", true, 200),
        ("/data/ostrava/opatreni.csv?akcni_plan=2", true, 200),
        ("/data/ostrava/opatreni.csv?akcni_plan=1", false, 200),
        ("/data/ostrava/opatreni.csv?akcni_plan=3", false, 404),
        ("/data/ostrava/opatreni.csv?akcni_plan=x", false, 400),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status().as_u16(), status, "{path}");
        let csv = r.text().await.expect("body");
        assert_eq!(csv.contains("Nové opatření AP II"), has_new, "{path}");
        if status == 200 {
            // Records start with a measure code (descriptions span lines).
            let rows = csv
                .lines()
                .filter(|l| {
                    l.split(',').next().is_some_and(|c| {
                        c.split('.').count() == 4 && c.split('.').all(|p| p.parse::<u16>().is_ok())
                    })
                })
                .count();
            assert_eq!(rows, ap1.len(), "{path}: one action plan's measures");
        }
    }

    // A report evaluates its own action plan's measures.
    for (ap, number, has_new) in [(2, 4, true), (1, 5, false)] {
        let created = app
            .data_as(
                &coordinator,
                "mutation($i: CreateReportInput!) { createReport(input: $i) { preview } }",
                json!({ "i": { "actionPlan": ap, "number": number, "periodFrom": "2026-01-01", "periodTo": "2026-02-28", "cutoff": "2026-02-28" } }),
            )
            .await;
        let preview = created["createReport"]["preview"]
            .as_str()
            .unwrap_or_default();
        assert_eq!(
            preview.contains("Nové opatření AP II"),
            has_new,
            "the report of action plan {ap}"
        );
        assert_eq!(preview.contains("Změněné opatření pro AP II"), has_new);
    }

    // Server-rendered pages: the comparison, and a measure of either action plan (the
    // address says which, and the canonical address keeps it).
    {
        assert!(
            tests::dist_dir().join("index.html").is_file(),
            "dist/index.html is missing: run `cargo xtask dist` first (scripts/test.sh does)"
        );
        let (status, _, compare) = super::pages::html(&app, "/srovnani/1/2", None).await;
        assert_eq!(status, 200);
        assert!(compare.contains("Srovnání akčních plánů") && compare.contains(&new_code));
        assert!(compare.contains("Cíl splněn, opatření se nahrazuje novým."));
        let (_, _, two) =
            super::pages::html(&app, &format!("/opatreni/{changed}?ap=2"), None).await;
        assert!(
            two.contains("Změněné opatření pro AP II"),
            "Action Plan II's card"
        );
        assert!(
            two.contains(&format!("/opatreni/{changed}?ap=2\"")),
            "canonical keeps the plan"
        );
        let (_, _, one) =
            super::pages::html(&app, &format!("/opatreni/{changed}?ap=1"), None).await;
        assert!(
            !one.contains("Změněné opatření pro AP II"),
            "Action Plan I's card"
        );
        let (status, _, _) = super::pages::html(&app, "/srovnani/1/3", None).await;
        assert_eq!(status, 404);
        let (_, _, area) = super::pages::html(&app, "/oblast/2?ap=1", None).await;
        assert!(area.contains("?ap=1"), "links on the page carry the plan");
        assert!(
            area.contains("name=\"ap\" value=\"1\""),
            "a search from the page searches the same plan"
        );
        let search = "/hledat?q=Nov%C3%A9+opat%C5%99en%C3%AD+AP+II";
        let (_, _, found) = super::pages::html(&app, &format!("{search}&ap=2"), None).await;
        assert!(
            found.contains(&format!("/opatreni/{new_code}?ap=2")),
            "found in AP II"
        );
        let (_, _, found) = super::pages::html(&app, &format!("{search}&ap=1"), None).await;
        assert!(
            !found.contains(&format!("/opatreni/{new_code}")),
            "not in AP I"
        );
    }

    // An approved action plan's origins no longer change.
    for (q, vars) in [
        (CARRY, carry(json!({ "actionPlan": 2, "from": 1 }))),
        (
            END,
            json!({ "i": { "actionPlan": 2, "from": 1, "measure": ap1[2], "reason": "x" } }),
        ),
        (
            ADD,
            json!({ "i": { "actionPlan": 2, "specificGoal": "2.1.3", "name": "X" } }),
        ),
    ] {
        let r = app.query_as(Some(&coordinator), q, vars).await;
        assert_eq!(rule(&r), "APPROVED", "{r}");
    }
}
