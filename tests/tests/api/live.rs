//! Live updates (issue 18): subscriptions over WebSocket at `/graphql/ws`. A value published
//! through one instance reaches a subscriber of another (PostgreSQL; on SQLite, one instance);
//! the public never hears of a draft; a forged `Origin` is refused; bad protocol input gets a
//! clear error or a close, and the server keeps serving everybody else.

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tests::live::{Heard, Live, PLAN_CHANGED};
use tests::{Session, TestApp};

const GOAL: &str = "2.1.3";
/// A date no document has a value at.
const DATE: &str = "2026-11-30";
const WAIT: Duration = Duration::from_secs(5);

const RECORD: &str = "mutation($i: MonitoringWaveInput!) { recordIndicatorValues(input: $i) { id version published } }";
const PUBLISH: &str =
    "mutation($v: [RecordVersion!]!) { publishIndicatorValues(values: $v) { id value } }";

async fn first_indicator(app: &TestApp) -> i64 {
    let g = app
        .data(
            "query($c: String!) { specificGoal(code: $c) { impactIndicators { id } } }",
            json!({ "c": GOAL }),
        )
        .await;
    g["specificGoal"]["impactIndicators"][0]["id"]
        .as_i64()
        .expect("an indicator")
}

/// A value of goal 2.1.3's first indicator at [`DATE`], as a draft or published at once.
async fn record(app: &TestApp, who: &Session, indicator: i64, value: f64, publish: bool) -> Value {
    record_at(app, who, indicator, DATE, value, publish).await
}

async fn record_at(
    app: &TestApp,
    who: &Session,
    indicator: i64,
    date: &str,
    value: f64,
    publish: bool,
) -> Value {
    let r = app
        .query_as(
            Some(who),
            RECORD,
            json!({ "i": {
                "specificGoal": GOAL, "refDate": date, "sourceNote": "Kulatý stůl",
                "values": [{ "indicatorId": indicator, "value": value }],
                "publish": publish,
            } }),
        )
        .await;
    r["data"]["recordIndicatorValues"][0].clone()
}

/// The public's values of goal 2.1.3 at [`DATE`].
async fn public_values(app: &TestApp) -> Vec<f64> {
    let g = app
        .data(
            "query($c: String!) { specificGoal(code: $c) { impactIndicators { values { date value } } } }",
            json!({ "c": GOAL }),
        )
        .await;
    g["specificGoal"]["impactIndicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .flat_map(|i| i["values"].as_array().cloned().unwrap_or_default())
        .filter(|v| v["date"] == DATE)
        .filter_map(|v| v["value"].as_f64())
        .collect()
}

fn the_change(event: &Value) -> &Value {
    let changes = event["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1, "one record changed: {event}");
    &changes[0]
}

pub async fn a_published_value_reaches_every_instances_subscribers_and_a_draft_only_staff(
    app: TestApp,
) {
    // Two instances on one PostgreSQL database; SQLite is served by one instance.
    let other = if app.database_url().starts_with("postgres") {
        Some(TestApp::spawn_on(app.database_url()).await)
    } else {
        None
    };
    let b = other.as_ref().unwrap_or(&app);
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "stul@psz.test").await;
    let indicator = first_indicator(&app).await;

    let mut public = Live::connect(&b.url, None).await;
    public.subscribe("p").await;
    let mut staff = Live::connect(&b.url, Some(&coordinator.cookie)).await;
    staff.subscribe("s").await;
    // A subscription is live once the server answered its subscribe; the hub starts with the
    // first one. A ping round-trip orders it after the subscribe.
    for live in [&mut public, &mut staff] {
        live.send(json!({ "type": "ping" })).await;
        match live.next(WAIT).await {
            Some(Heard::Message(m)) if m["type"] == "pong" => {}
            other => panic!("no pong: {other:?}"),
        }
    }

    // A draft, written through instance A: staff on B hear it, the public nothing.
    let draft = record(&app, &coordinator, indicator, 77.0, false).await;
    assert_eq!(draft["published"], false, "{draft}");
    let heard = staff.event(WAIT).await.expect("staff hear the draft");
    let change = the_change(&heard);
    assert_eq!(heard["published"], false, "{heard}");
    assert_eq!(change["published"], false);
    assert_eq!(change["kind"], "INDICATOR_VALUE");
    assert_eq!(change["code"], GOAL);

    // Published through A: the public on B hears it, with what changed, and reads it back.
    let sent = Instant::now();
    let published = app
        .query_as(
            Some(&coordinator),
            PUBLISH,
            json!({ "v": [{ "id": draft["id"], "version": draft["version"] }] }),
        )
        .await;
    assert!(published["errors"].is_null(), "{published}");
    let event = public
        .event(WAIT)
        .await
        .expect("the public hears the published value");
    eprintln!(
        "the published value reached the other instance's subscriber in {:?}",
        sent.elapsed()
    );
    assert_eq!(event["plan"], "ostrava");
    assert_eq!(event["published"], true);
    let change = the_change(&event);
    assert_eq!(
        (
            &change["kind"],
            &change["code"],
            &change["goal"],
            &change["area"],
            &change["published"]
        ),
        (
            &json!("INDICATOR_VALUE"),
            &json!(GOAL),
            &json!(GOAL),
            &json!(2),
            &json!(true)
        ),
        "{event}"
    );
    assert!(
        event["revision"].as_i64() > heard["revision"].as_i64(),
        "{event}"
    );
    assert_eq!(
        public_values(b).await,
        vec![77.0],
        "the other instance's caches follow"
    );
    let staff_heard = staff.event(WAIT).await.expect("staff hear it too");
    assert_eq!(staff_heard["revision"], event["revision"]);

    // The draft's earlier event never reached the public: the first it heard was the publish.
    assert!(
        public.next(Duration::from_millis(300)).await.is_none(),
        "nothing more"
    );
}

pub async fn live_updates_refuse_forged_origins_and_bad_protocol_input(app: TestApp) {
    // A page of another site may not use a reader's session.
    assert_eq!(
        Live::open(&app.url, Some("https://evil.example"), None)
            .await
            .err(),
        Some(403)
    );
    // Not a browser (no Origin): served, anonymously.
    assert!(Live::open(&app.url, Some(""), None).await.is_ok());

    let closed_with = |heard: Option<Heard>| match heard {
        Some(Heard::Closed(code, _)) => code,
        other => panic!("expected a close, heard {other:?}"),
    };
    // Malformed messages close with 4400.
    for bad in [
        "not json",
        r#"{"type":"start","id":"1","payload":{}}"#,
        r#"{"type":"subscribe","id":"1","payload":"x"}"#,
    ] {
        let mut live = Live::connect(&app.url, None).await;
        live.send_text(bad).await;
        assert_eq!(closed_with(live.next(WAIT).await), 4400, "{bad}");
    }
    // A subscription before connection_init: 4401.
    let mut early = Live::open(&app.url, None, None).await.expect("upgraded");
    early.subscribe("1").await;
    assert_eq!(closed_with(early.next(WAIT).await), 4401);

    let mut live = Live::connect(&app.url, None).await;
    let error_of = |heard: Option<Heard>, id: &str| match heard {
        Some(Heard::Message(m)) if m["type"] == "error" && m["id"] == id => {
            m["payload"][0]["extensions"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        }
        other => panic!("expected an error for {id}, heard {other:?}"),
    };
    // Unknown fields, queries, mutations and unparsable documents: an error for that id.
    for (id, query) in [
        ("unknown", "subscription { planChanged { nonsense } }"),
        ("query", "{ plan { name } }"),
        ("mutation", "mutation { logout }"),
        ("parse", "subscription {"),
    ] {
        live.send(json!({ "id": id, "type": "subscribe", "payload": { "query": query } }))
            .await;
        assert_eq!(
            error_of(live.next(WAIT).await, id),
            "BAD_REQUEST",
            "{query}"
        );
    }
    // An unknown plan: an error from the resolver.
    live.send(json!({ "id": "plan", "type": "subscribe", "payload": {
        "query": PLAN_CHANGED, "variables": { "plan": "atlantis" } } }))
        .await;
    assert_eq!(error_of(live.next(WAIT).await, "plan"), "NOT_FOUND");

    // 10,000 subscriptions on one connection: the first 20 live, every other refused.
    let mut sent = String::new();
    for i in 0..10_000 {
        sent.clear();
        sent.push_str(
            &json!({ "id": format!("s{i}"), "type": "subscribe",
                "payload": { "query": PLAN_CHANGED } })
            .to_string(),
        );
        live.send_text(&sent).await;
    }
    let mut refused = 0;
    while refused < 10_000 - 20 {
        match live.next(WAIT).await {
            Some(Heard::Message(m)) if m["type"] == "error" => {
                assert_eq!(
                    m["payload"][0]["extensions"]["code"],
                    "TOO_MANY_SUBSCRIPTIONS"
                );
                refused += 1;
            }
            other => panic!("after {refused} refusals: {other:?}"),
        }
    }
    // The same id twice: 4409.
    live.subscribe("s0").await;
    assert_eq!(closed_with(live.next(WAIT).await), 4409);

    // A client that subscribes and never reads does not hold up writes or other subscribers.
    let mut deaf = Live::connect(&app.url, None).await;
    deaf.subscribe("d").await;
    let mut listening = Live::connect(&app.url, None).await;
    listening.subscribe("l").await;
    listening.send(json!({ "type": "ping" })).await;
    assert!(matches!(listening.next(WAIT).await, Some(Heard::Message(m)) if m["type"] == "pong"));
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "stul2@psz.test").await;
    let indicator = first_indicator(&app).await;
    let started = Instant::now();
    for n in 0..20 {
        let date = format!("2026-10-{:02}", n + 1);
        let value = record_at(&app, &coordinator, indicator, &date, f64::from(n), true).await;
        assert_eq!(value["published"], true, "{value}");
    }
    for n in 0..20 {
        assert!(
            listening.event(WAIT).await.is_some(),
            "event {n} reached the reading subscriber"
        );
    }
    eprintln!(
        "20 published writes beside a deaf subscriber: {:?}",
        started.elapsed()
    );
    // And the server still answers everybody else.
    assert!(
        public_values(&app).await.is_empty(),
        "nothing at {DATE} here"
    );
    // A subscription sent to POST /graphql is refused there with a code.
    let r = app.query(PLAN_CHANGED, json!({})).await;
    assert_eq!(tests::code_of(&r), "BAD_REQUEST", "{r}");
    drop(deaf);
}
