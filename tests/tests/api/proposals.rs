//! Published figures change only through a coordinator (issue 12, finding 1). An implementer's
//! edit of a published indicator value, status or project is a proposal beside it: the public
//! keeps seeing the published figure (and the progress computed from it) until a coordinator
//! publishes the proposal, which then changes the published record in place, and its history
//! names who proposed and who published. A coordinator's edit published at once changes the
//! record directly.

use serde_json::{Value, json};
use tests::{Session, TestApp, code_of};

const GOAL: &str = "2.1.3";
const MEASURE: &str = "2.1.3.4";
/// The published value the finding hid: goal 2.1.3's indicator at 31. 1. 2025, 157 (the
/// implementation report for 2024, table 5).
const DATE: &str = "2025-01-31";
const VALUE: f64 = 157.0;

const WAVE: &str = "mutation($i: MonitoringWaveInput!) { recordIndicatorValues(input: $i) { id version value published replacesId } }";
const STATUS: &str = "mutation($i: MeasureStatusInput!) { setMeasureStatus(input: $i) { id version kind published replacesId } }";
const PROJECT: &str = "mutation($i: ProjectInput!) { saveProject(input: $i) { id version published replacesId budget { hellers } } }";
const DRAFTS: &str = "{ drafts { indicatorValues { id version replacesId } statuses { id version replacesId } projects { id version replacesId } } }";
const PUBLISH: &str =
    "mutation($v: [RecordVersion!]!, $s: [RecordVersion!]!, $p: [RecordVersion!]!) {
  publishIndicatorValues(values: $v) { id value }
  publishMeasureStatuses(statuses: $s) { id kind }
  publishProjects(projects: $p) { id budget { hellers } }
}";

/// What the public sees of the three figures.
#[derive(Debug, Clone, PartialEq)]
struct Public {
    /// The value at `DATE` and the goal's progress ratio.
    value: Value,
    ratio: Value,
    /// The measure's statuses (kind, date).
    statuses: Value,
    /// The measure's projects (registration number, budget in hellers).
    projects: Value,
    /// The plan's money drawn from projects.
    budget: Value,
}

async fn public(app: &TestApp, indicator: i64) -> Public {
    let g = app
        .data(
            "query($c: String!) { specificGoal(code: $c) { progress { ratio } impactIndicators { id values { date value } } } }",
            json!({ "c": GOAL }),
        )
        .await;
    let value = g["specificGoal"]["impactIndicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["id"].as_i64() == Some(indicator))
        .and_then(|i| {
            i["values"]
                .as_array()?
                .iter()
                .find(|v| v["date"] == DATE)
                .map(|v| v["value"].clone())
        })
        .unwrap_or(Value::Null);
    let m = app
        .data(
            "query($c: String!) { measure(code: $c) { statuses { kind date } projects { registrationNumber budget { hellers } } } plan { budget { drawn { hellers } } } }",
            json!({ "c": MEASURE }),
        )
        .await;
    Public {
        value,
        ratio: g["specificGoal"]["progress"]["ratio"].clone(),
        statuses: m["measure"]["statuses"].clone(),
        projects: m["measure"]["projects"].clone(),
        budget: m["plan"]["budget"].clone(),
    }
}

/// Goal 2.1.3's indicator that has the published `value` at `DATE`, and that value's id and
/// version.
async fn the_value(app: &TestApp, session: &Session, value: f64) -> (i64, Value) {
    let g = app
        .data_as(
            session,
            "query($c: String!) { specificGoal(code: $c) { impactIndicators { id values { id date value version } } } }",
            json!({ "c": GOAL }),
        )
        .await;
    for i in g["specificGoal"]["impactIndicators"]
        .as_array()
        .expect("indicators")
    {
        for v in i["values"].as_array().expect("values") {
            if v["date"] == DATE && v["value"].as_f64() == Some(value) {
                return (
                    i["id"].as_i64().expect("id"),
                    json!({ "id": v["id"], "version": v["version"] }),
                );
            }
        }
    }
    panic!("goal {GOAL} has no published {value} at {DATE}");
}

/// A wave changing the value `read` (its id and version).
fn wave(indicator: i64, value: f64, read: &Value, publish: bool) -> Value {
    json!({ "i": {
        "specificGoal": GOAL, "refDate": DATE, "sourceNote": "Dotazník realizátora",
        "values": [{ "indicatorId": indicator, "value": value, "id": read["id"], "version": read["version"] }],
        "publish": publish,
    } })
}

fn history_actions(h: &Value) -> Vec<(String, String)> {
    h["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|r| {
            (
                r["action"].as_str().unwrap_or_default().to_owned(),
                r["userEmail"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

pub async fn an_implementers_change_to_published_data_waits_for_a_coordinator(app: TestApp) {
    let admin = app.admin().await;
    let m = app
        .data(
            "query($c: String!) { measure(code: $c) { status { id version kind date implementer { id } } projects { id version registrationNumber call programme budget { hellers } periodFrom periodTo implementer { id } } } }",
            json!({ "c": MEASURE }),
        )
        .await;
    let status = m["measure"]["status"].clone();
    let org = status["implementer"]["id"].as_i64().expect("implementer");
    let project = m["measure"]["projects"][0].clone();
    let project_org = project["implementer"]["id"]
        .as_i64()
        .expect("project implementer");
    let implementer = app
        .implementer(&admin, "realizator@psz.test", json!([org, project_org]))
        .await;
    let rival = app
        .implementer(&admin, "druhy@psz.test", json!([org]))
        .await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let (indicator, version) = the_value(&app, &implementer, VALUE).await;
    let before = public(&app, indicator).await;
    assert_eq!(before.value.as_f64(), Some(VALUE), "{before:?}");

    // The three edits of the finding, by the implementer, none published.
    let v = app
        .query_as(
            Some(&implementer),
            WAVE,
            wave(indicator, 1.0, &version, false),
        )
        .await;
    let proposal = &v["data"]["recordIndicatorValues"][0];
    assert_eq!(proposal["published"], false, "{v}");
    assert!(proposal["replacesId"].as_i64().is_some(), "{v}");
    let s = app
        .query_as(
            Some(&implementer),
            STATUS,
            json!({ "i": {
                "measure": MEASURE, "record": { "id": status["id"], "version": status["version"] },
                "refDate": status["date"], "status": "NOT_IMPLEMENTED", "activity": "PROJECT",
                "organisationId": org,
            } }),
        )
        .await;
    assert_eq!(s["data"]["setMeasureStatus"]["published"], false, "{s}");
    let project_input = |budget: &str, record: &Value, publish: bool| {
        json!({ "i": {
            "measure": MEASURE, "record": { "id": record["id"], "version": record["version"] },
            "registrationNumber": project["registrationNumber"], "call": project["call"],
            "programme": project["programme"], "budget": budget,
            "periodFrom": project["periodFrom"], "periodTo": project["periodTo"],
            "organisationId": project_org, "publish": publish,
        } })
    };
    let p = app
        .query_as(
            Some(&implementer),
            PROJECT,
            project_input("1 Kč", &project, false),
        )
        .await;
    assert_eq!(p["data"]["saveProject"]["published"], false, "{p}");
    assert_eq!(p["data"]["saveProject"]["replacesId"], project["id"], "{p}");
    // An implementer may not publish at once.
    let forbidden = app
        .query_as(
            Some(&implementer),
            PROJECT,
            project_input("1 Kč", &project, true),
        )
        .await;
    assert_eq!(code_of(&forbidden), "FORBIDDEN", "{forbidden}");

    // The public sees nothing of it: the value, the goal's progress, the statuses, the project
    // and the money drawn are as before.
    assert_eq!(public(&app, indicator).await, before);

    // A second proposal for the same published records is a conflict, not an overwrite.
    let again = app
        .query_as(Some(&rival), WAVE, wave(indicator, 2.0, &version, false))
        .await;
    assert_eq!(code_of(&again), "CONFLICT", "{again}");
    let again = app
        .query_as(
            Some(&rival),
            STATUS,
            json!({ "i": {
                "measure": MEASURE, "record": { "id": status["id"], "version": status["version"] },
                "refDate": status["date"], "status": "COMPLETED", "activity": "PROJECT",
                "organisationId": org,
            } }),
        )
        .await;
    assert_eq!(code_of(&again), "CONFLICT", "{again}");
    // So is a coordinator's direct change of the published value (publishing the proposal
    // later would undo it without anyone noticing).
    let direct = app
        .query_as(
            Some(&coordinator),
            WAVE,
            wave(indicator, 4.0, &version, true),
        )
        .await;
    assert_eq!(code_of(&direct), "CONFLICT", "{direct}");
    // The proposer revises their own proposal (naming the draft's version, as the app does).
    let revised = app
        .query_as(
            Some(&implementer),
            WAVE,
            wave(indicator, 3.0, proposal, false),
        )
        .await;
    assert_eq!(
        revised["data"]["recordIndicatorValues"][0]["id"], proposal["id"],
        "{revised}"
    );
    assert_eq!(public(&app, indicator).await, before);

    // The coordinator publishes everything pending.
    let drafts = app.data_as(&coordinator, DRAFTS, json!({})).await;
    let pick = |list: &str| -> Value {
        json!(
            drafts["drafts"][list]
                .as_array()
                .expect("drafts")
                .iter()
                .map(|d| json!({ "id": d["id"], "version": d["version"] }))
                .collect::<Vec<_>>()
        )
    };
    for list in ["indicatorValues", "statuses", "projects"] {
        assert!(
            drafts["drafts"][list]
                .as_array()
                .is_some_and(
                    |l| l.iter().all(|d| d["replacesId"].as_i64().is_some()) && !l.is_empty()
                ),
            "{list}: {drafts}"
        );
    }
    let published = app
        .query_as(
            Some(&coordinator),
            PUBLISH,
            json!({ "v": pick("indicatorValues"), "s": pick("statuses"), "p": pick("projects") }),
        )
        .await;
    assert!(published["errors"].is_null(), "{published}");
    // The published records changed in place: the same ids, the proposals gone.
    assert_eq!(
        published["data"]["publishProjects"][0]["id"], project["id"],
        "{published}"
    );
    assert_eq!(
        published["data"]["publishMeasureStatuses"][0]["id"], status["id"],
        "{published}"
    );
    let after = public(&app, indicator).await;
    assert_eq!(after.value.as_f64(), Some(3.0), "{after:?}");
    assert_ne!(after.ratio, before.ratio);
    assert!(
        after
            .statuses
            .as_array()
            .expect("statuses")
            .iter()
            .any(|s| s["kind"] == "NOT_IMPLEMENTED"),
        "{after:?}"
    );
    let budgets: Vec<&str> = after
        .projects
        .as_array()
        .expect("projects")
        .iter()
        .filter(|p| p["registrationNumber"] == project["registrationNumber"])
        .filter_map(|p| p["budget"]["hellers"].as_str())
        .collect();
    assert_eq!(budgets, vec!["100"], "one project, now 1 Kč: {after:?}");
    let none = app.data_as(&coordinator, DRAFTS, json!({})).await;
    for list in ["indicatorValues", "statuses", "projects"] {
        assert_eq!(none["drafts"][list], json!([]), "{none}");
    }
    // The history of each published record names the proposer and the publisher.
    for (entity, id) in [
        (
            "indicator_value",
            published["data"]["publishIndicatorValues"][0]["id"].clone(),
        ),
        ("measure_status", status["id"].clone()),
        ("project", project["id"].clone()),
    ] {
        let h = app
            .data_as(
                &coordinator,
                "query($e: String!, $id: Int!) { history(entity: $e, id: $id) { action userEmail } }",
                json!({ "e": entity, "id": id }),
            )
            .await;
        let actions = history_actions(&h);
        assert!(
            actions.contains(&("PROPOSE".to_owned(), "realizator@psz.test".to_owned())),
            "{entity}: {actions:?}"
        );
        assert!(
            actions.contains(&("PUBLISH".to_owned(), "koordinator@psz.test".to_owned())),
            "{entity}: {actions:?}"
        );
    }

    // A coordinator's edit published at once changes the published record directly.
    let (_, version) = the_value(&app, &coordinator, 3.0).await;
    let direct = app
        .query_as(
            Some(&coordinator),
            WAVE,
            wave(indicator, VALUE, &version, true),
        )
        .await;
    assert_eq!(
        direct["data"]["recordIndicatorValues"][0]["published"], true,
        "{direct}"
    );
    assert_eq!(public(&app, indicator).await.value.as_f64(), Some(VALUE));
}
