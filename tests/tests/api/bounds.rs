//! Issue 12, finding 2 (overflow): amounts and indicator values beyond their bounds are refused
//! with `VALIDATION` and the rule that says why, and store nothing: the public figures read the
//! same before and after. The bounds are `shared::validate`'s (10¹² Kč per amount, 10⁷ per
//! count, 100 per percentage, 10⁷ per global value).

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tests::{TestApp, code_of};

use super::entry::{count, implementer_org};

/// The budget of the finding: 92 233 720 368 547 758 Kč is 9 223 372 036 854 775 800 hellers,
/// just inside `i64`; one more such sum wrapped to a negative "drawn" figure.
const OVERFLOW_BUDGET: &str = "92 233 720 368 547 758";
/// 2⁶³, the first integer beyond `i64`.
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// Every public money figure of the plan, its areas and measure 2.1.3.4.
const MONEY: &str = r#"{
  plan {
    budget { planned { hellers formatted } allocated { hellers } drawn { hellers formatted short } drawnShare measuresWithCost }
    budgetByProgramme { programme money { planned { hellers } allocated { hellers } drawn { hellers } drawnShare } }
    budgetBySource { money { planned { hellers } drawn { hellers } drawnShare } }
    areas { code budget { planned { hellers } drawn { hellers } drawnShare } }
  }
  measure(code: "2.1.3.4") {
    estimatedCost { hellers }
    budget { planned { hellers } drawn { hellers } drawnShare }
    projects { id version registrationNumber call programme budget { hellers formatted } budgetText }
  }
}"#;

/// Every public figure of indicators: values, targets, progress, global indicators.
const INDICATORS: &str = r#"{
  specificGoal(code: "2.1.3") {
    progress { ratio attainment state }
    impactIndicators { id version unit target targetText values { value text } }
  }
  plan {
    progress { attainment goalsWithData }
    globalIndicators { name values { id version value text regionValue regionText } verdict }
  }
}"#;

const SAVE_PROJECT: &str =
    "mutation($i: ProjectInput!) { saveProject(input: $i) { id budget { hellers } } }";
const UPDATE_MEASURE: &str = "mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { version estimatedCost { hellers } } }";
const WAVE: &str = super::entry::WAVE;
const TARGET: &str =
    "mutation($i: UpdateTargetInput!) { updateIndicatorTarget(input: $i) { version target } }";
const GLOBAL: &str =
    "mutation($i: GlobalValueInput!) { updateGlobalValue(input: $i) { id value regionValue } }";

/// The rows a write would add to or change.
async fn stored(app: &TestApp) -> Vec<i64> {
    let mut n = Vec::new();
    for table in [
        "project",
        "indicator_value",
        "audit_record",
        "measure",
        "impact_indicator",
        "global_indicator_value",
    ] {
        n.push(count(app, table).await);
    }
    n
}

/// Asserts `r` is a `VALIDATION` error of `field` under `rule`, with a Czech message.
fn refused(r: &Value, field: &str, rule: &str) {
    let ext = &r["errors"][0]["extensions"];
    assert_eq!(
        (
            ext["code"].as_str(),
            ext["field"].as_str(),
            ext["rule"].as_str()
        ),
        (Some("VALIDATION"), Some(field), Some(rule)),
        "{r:#}"
    );
    assert!(
        ext["messageCs"].as_str().is_some_and(|m| !m.is_empty()),
        "Czech message: {r:#}"
    );
    assert!(
        r["data"].is_null()
            || r["data"]
                .as_object()
                .is_some_and(|d| d.values().all(Value::is_null)),
        "{r:#}"
    );
}

pub async fn bounds_refuse_overflowing_amounts_and_keep_every_figure(app: TestApp) {
    let admin = app.admin().await;
    let org = implementer_org(&app).await;
    let money_before = app.data(MONEY, json!({})).await;
    let rows_before = stored(&app).await;
    let drawn = money_before["plan"]["budget"]["drawn"]["hellers"]
        .as_str()
        .expect("drawn hellers");
    assert!(!drawn.starts_with('-'), "{money_before:#}");

    let project = |budget: &str| {
        json!({ "i": { "measure": "2.1.3.4", "registrationNumber": "CZ.03.02.01/00/22_018/0009999",
                       "call": "Výzva", "programme": "OPZ+", "budget": budget, "organisationId": org } })
    };
    for (budget, rule) in [
        // The finding's budget: fits an i64 in hellers, far beyond 10¹² Kč.
        (OVERFLOW_BUDGET, "TOO_LARGE"),
        ("92 233 720 368 547 758,07 Kč", "TOO_LARGE"),
        // One heller over the bound.
        ("1 000 000 000 000,01 Kč", "TOO_LARGE"),
        ("1000000000000.01", "TOO_LARGE"),
        // Beyond even i64: still TOO_LARGE, not "not a number".
        ("99 999 999 999 999 999 999 Kč", "TOO_LARGE"),
        ("-5 Kč", "NEGATIVE"),
        ("12.345", "NOT_A_NUMBER"),
    ] {
        let r = app
            .query_as(Some(&admin), SAVE_PROJECT, project(budget))
            .await;
        refused(&r, "budget", rule);
    }

    // Changing a recorded project (the path the finding took) is bounded the same way.
    let p = &money_before["measure"]["projects"][0];
    let edit = json!({ "i": { "measure": "2.1.3.4", "record": { "id": p["id"], "version": p["version"] },
                              "registrationNumber": p["registrationNumber"], "call": p["call"],
                              "programme": p["programme"], "budget": OVERFLOW_BUDGET, "organisationId": org } });
    let r = app.query_as(Some(&admin), SAVE_PROJECT, edit).await;
    refused(&r, "budget", "TOO_LARGE");

    // A measure card's estimated cost too.
    let version = app
        .data(r#"{ measure(code: "2.1.3.4") { version } }"#, json!({}))
        .await["measure"]["version"]
        .clone();
    for (cost, rule) in [
        (OVERFLOW_BUDGET, "TOO_LARGE"),
        ("1 000 000 000 001 Kč", "TOO_LARGE"),
        ("-1", "NEGATIVE"),
    ] {
        let r = app
            .query_as(
                Some(&admin),
                UPDATE_MEASURE,
                json!({ "i": { "code": "2.1.3.4", "version": version, "estimatedCost": cost } }),
            )
            .await;
        refused(&r, "estimatedCost", rule);
    }

    assert_eq!(
        stored(&app).await,
        rows_before,
        "a refused write stores nothing"
    );
    let money_after = app.data(MONEY, json!({})).await;
    assert_eq!(
        money_after, money_before,
        "the public figures are unchanged"
    );

    // The bound itself is allowed, and the sums stay exact with it.
    let r = app
        .data_as(&admin, SAVE_PROJECT, project("1 000 000 000 000 Kč"))
        .await;
    assert_eq!(
        r["saveProject"]["budget"]["hellers"], "100000000000000",
        "{r:#}"
    );

    // A row written around the API (as the finding's was, before the bound) cannot make a sum
    // wrap either: the overflowing figure is an error, the others still answer.
    let backend = app.db.get_database_backend();
    for sql in [
        format!(
            "UPDATE project SET budget = 9223372036854775800 WHERE id = {}",
            p["id"]
        ),
        "UPDATE plan SET revision = revision + 1".to_owned(),
    ] {
        app.db
            .execute_raw(Statement::from_string(backend, sql))
            .await
            .expect("write around the API");
    }
    let r = app
        .query(
            "{ plan { budget { drawn { hellers formatted } } } }",
            json!({}),
        )
        .await;
    assert_eq!(code_of(&r), "INTERNAL", "{r:#}");
    assert!(!r.to_string().contains("\"-"), "no wrapped figure: {r:#}");
    let r = app
        .query("{ plan { budget { drawnShare } } }", json!({}))
        .await;
    assert_eq!(code_of(&r), "INTERNAL", "{r:#}");
    let planned = app
        .data("{ plan { budget { planned { hellers } } } }", json!({}))
        .await;
    assert_eq!(
        planned["plan"]["budget"]["planned"],
        money_before["plan"]["budget"]["planned"]["hellers"]
            .as_str()
            .map(|h| json!({ "hellers": h }))
            .expect("planned"),
        "the planned money is still right"
    );
}

pub async fn bounds_refuse_indicator_values_beyond_their_unit_and_keep_every_figure(app: TestApp) {
    let admin = app.admin().await;
    let before = app.data(INDICATORS, json!({})).await;
    let rows_before = stored(&app).await;
    let indicators = before["specificGoal"]["impactIndicators"]
        .as_array()
        .expect("indicators");
    // An indicator counting persons: whole numbers up to 10⁷.
    let persons = indicators
        .iter()
        .find(|i| i["unit"] == "osoby")
        .unwrap_or_else(|| panic!("2.1.3 counts persons: {before:#}"));
    let id = persons["id"].clone();

    let wave = |value: Value| {
        json!({ "i": { "specificGoal": "2.1.3", "refDate": "2026-01-31", "sourceNote": "Zpráva",
                       "values": [{ "indicatorId": id, "value": value }] } })
    };
    for (value, rule) in [
        (json!(1e308), "TOO_LARGE"),
        (json!(TWO_POW_63), "TOO_LARGE"),
        (json!(f64::MAX), "TOO_LARGE"),
        (json!(10_000_001), "TOO_LARGE"),
        // A fraction of a person.
        (json!(2.5), "NOT_WHOLE"),
        (json!(0.001), "NOT_WHOLE"),
        (json!(-3), "NEGATIVE"),
    ] {
        let r = app.query_as(Some(&admin), WAVE, wave(value.clone())).await;
        refused(&r, "values.0.value", rule);
        let mut published = wave(value);
        published["i"]["publish"] = json!(true);
        let r = app.query_as(Some(&admin), WAVE, published).await;
        refused(&r, "values.0.value", rule);
    }
    // A wave is refused whole: a good value beside a bad one is not stored either.
    let other = indicators
        .iter()
        .find(|i| i["id"] != id)
        .map_or(id.clone(), |i| i["id"].clone());
    let mixed = json!({ "i": { "specificGoal": "2.1.3", "refDate": "2026-01-31", "sourceNote": "Zpráva",
                               "values": [{ "indicatorId": other, "value": 12 }, { "indicatorId": id, "value": 1e308 }] } });
    let r = app.query_as(Some(&admin), WAVE, mixed).await;
    refused(&r, "values.1.value", "TOO_LARGE");

    // Targets follow the unit's rule.
    for (target, rule) in [
        (json!(1e308), "TOO_LARGE"),
        (json!(TWO_POW_63), "TOO_LARGE"),
        (json!(12.5), "NOT_WHOLE"),
        (json!(-1), "NEGATIVE"),
    ] {
        let r = app
            .query_as(
                Some(&admin),
                TARGET,
                json!({ "i": { "record": { "id": id, "version": persons["version"] }, "targetValue": target } }),
            )
            .await;
        refused(&r, "targetValue", rule);
    }

    // Global indicators' values (city and region): finite, not negative, at most 10⁷.
    let g = &before["plan"]["globalIndicators"][0]["values"][0];
    let record = json!({ "id": g["id"], "version": g["version"] });
    for (field, value, rule) in [
        ("value", json!(1e308), "TOO_LARGE"),
        ("value", json!(TWO_POW_63), "TOO_LARGE"),
        ("regionValue", json!(1e308), "TOO_LARGE"),
        ("value", json!(-1), "NEGATIVE"),
    ] {
        let mut input = json!({ "record": record, "sourceNote": "ČSÚ", "value": 10 });
        input[field] = value;
        let r = app
            .query_as(Some(&admin), GLOBAL, json!({ "i": input }))
            .await;
        refused(&r, field, rule);
    }

    assert_eq!(
        stored(&app).await,
        rows_before,
        "a refused write stores nothing"
    );
    let after = app.data(INDICATORS, json!({})).await;
    assert_eq!(after, before, "the public figures are unchanged");

    // The bounds themselves are allowed.
    let r = app.data_as(&admin, WAVE, wave(json!(10_000_000))).await;
    assert_eq!(
        r["recordIndicatorValues"][0]["value"], 10_000_000.0,
        "{r:#}"
    );
    let r = app
        .data_as(
            &admin,
            GLOBAL,
            json!({ "i": { "record": record, "sourceNote": "ČSÚ", "value": 174.1, "regionValue": 10_000_000 } }),
        )
        .await;
    assert_eq!(r["updateGlobalValue"]["value"], 174.1, "{r:#}");
}
