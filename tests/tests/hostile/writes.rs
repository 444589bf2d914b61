//! Concurrent writes (issue 11, attack 4): writers take turns, so a race ends in `OK` or
//! `CONFLICT`, never `INTERNAL` ("database is locked").

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::{Value, json};
use tests::{Session, TestApp, code_of};

const WAVE: &str =
    "mutation($i: MonitoringWaveInput!) { recordIndicatorValues(input: $i) { id version } }";
const PUBLISH: &str =
    "mutation($v: [RecordVersion!]!) { publishIndicatorValues(values: $v) { id published } }";
const MEASURE: &str = "mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { version } }";

/// The impact indicators of goal 2.1.3.
async fn indicators(app: &TestApp) -> Vec<i64> {
    let d = app
        .data(
            r#"{ specificGoal(code: "2.1.3") { impactIndicators { id } } }"#,
            json!({}),
        )
        .await;
    d["specificGoal"]["impactIndicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .filter_map(|i| i["id"].as_i64())
        .collect()
}

fn wave(date: &str, indicators: &[i64], value: usize) -> Value {
    let values: Vec<Value> = indicators
        .iter()
        .map(|id| json!({ "indicatorId": id, "value": value }))
        .collect();
    json!({ "i": { "specificGoal": "2.1.3", "refDate": date, "sourceNote": "Dotazník", "values": values } })
}

/// One writer's round `n`: a wave for a date all writers share (one creates it, the others
/// conflict), one for its own date, and a measure card edit over the version it just read.
async fn round(app: &TestApp, who: &Session, writer: usize, n: usize, ids: &[i64]) -> Vec<String> {
    let shared = format!("2030-{:02}-01", 1 + n % 12);
    let own = format!("{}-{:02}-{:02}", 2031 + writer, 1 + n % 12, 1 + n / 12);
    let version = app
        .data(r#"{ measure(code: "2.1.3.4") { version } }"#, json!({}))
        .await["measure"]["version"]
        .clone();
    let edit = json!({ "i": { "code": "2.1.3.4", "version": version, "scheduleText": format!("2023–2026 ({writer}/{n})") } });
    let mut codes = Vec::new();
    for (q, vars) in [
        (WAVE, wave(&shared, ids, n)),
        (WAVE, wave(&own, ids, n)),
        (MEASURE, edit),
    ] {
        codes.push(code_of(&app.query_as(Some(who), q, vars).await));
    }
    codes
}

/// Four writers at once, each recording waves and editing one measure card: every answer is
/// `OK` or `CONFLICT`.
pub async fn four_concurrent_writers_get_ok_or_conflict(app: TestApp) {
    let app = Arc::new(app);
    let admin = app.admin().await;
    let ids = indicators(&app).await;
    let mut writers = vec![admin.clone()];
    for i in 1..4 {
        let who = app
            .user(
                &admin,
                &format!("k{i}@psz.test"),
                "COORDINATOR",
                json!({ "plans": ["ostrava"] }),
            )
            .await;
        writers.push(who);
    }
    let tasks: Vec<_> = writers
        .into_iter()
        .enumerate()
        .map(|(w, who)| {
            let (app, ids) = (Arc::clone(&app), ids.clone());
            tokio::spawn(async move {
                let mut codes = Vec::new();
                for n in 0..8 {
                    codes.extend(round(&app, &who, w, n, &ids).await);
                }
                codes
            })
        })
        .collect();
    let mut codes = BTreeMap::new();
    for t in tasks {
        for code in t.await.expect("writer") {
            *codes.entry(code).or_insert(0) += 1;
        }
    }
    eprintln!("4 writers × 8 rounds × 3 writes: {codes:?}");
    assert!(
        codes.keys().all(|c| c == "OK" || c == "CONFLICT"),
        "{codes:?}"
    );
    assert_eq!(codes.values().sum::<usize>(), 96);
    assert!(
        codes.get("OK").copied().unwrap_or(0) >= 4 * 8 + 8,
        "{codes:?}"
    );
    assert!(
        codes.get("CONFLICT").copied().unwrap_or(0) >= 8 * 3,
        "{codes:?}"
    );
}

/// Two publishes of the same draft at once, ten times: one publishes, the other gets
/// `CONFLICT`.
pub async fn two_publishes_of_one_draft_one_wins(app: TestApp) {
    let app = Arc::new(app);
    let admin = app.admin().await;
    let other = app.coordinator(&admin, "k@psz.test").await;
    let ids = indicators(&app).await;
    for n in 0..10 {
        let d = app
            .data_as(
                &admin,
                WAVE,
                wave(&format!("2040-01-{:02}", n + 1), &ids[..1], n),
            )
            .await;
        let draft = &d["recordIndicatorValues"][0];
        let vars = json!({ "v": [{ "id": draft["id"], "version": draft["version"] }] });
        let tasks: Vec<_> = [admin.clone(), other.clone()]
            .into_iter()
            .map(|who| {
                let (app, vars) = (Arc::clone(&app), vars.clone());
                tokio::spawn(async move { app.query_as(Some(&who), PUBLISH, vars).await })
            })
            .collect();
        let mut codes = Vec::new();
        for t in tasks {
            let r = t.await.expect("publish");
            if code_of(&r) == "CONFLICT" {
                let current = &r["errors"][0]["extensions"]["currentVersion"];
                assert!(current.as_i64().is_some(), "{r:#}");
            }
            codes.push(code_of(&r));
        }
        codes.sort();
        assert_eq!(codes, ["CONFLICT", "OK"], "round {n}");
    }
}
