//! Queries built to cost far more than they weigh: refused before they run, with a code; and
//! a flood of the costliest allowed queries leaves `/health` answering and memory bounded.

use serde_json::{Value, json};
use tests::{TestApp, code_of};

/// The process's resident memory in KiB (the server runs in this test's process).
pub fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Posts a raw JSON body; the status and the JSON answer.
async fn post(app: &TestApp, body: String, cookie: Option<&str>) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/graphql", app.url))
        .header("content-type", "application/json")
        .body(body);
    if let Some(c) = cookie {
        request = request.header("cookie", c);
    }
    let response = request.send().await.expect("response");
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    (status, json)
}

fn body(query: &str) -> String {
    json!({ "query": query }).to_string()
}

/// `{ plan { ...F25 } }` with every fragment spreading the one below it twice: 1 KB that
/// expands to 2²⁵ fields.
fn fragment_bomb(levels: usize) -> String {
    let mut q = format!("{{ plan {{ ...F{levels} }} }} fragment F0 on Plan {{ name slug }} ");
    for i in 1..=levels {
        q.push_str(&format!(
            "fragment F{i} on Plan {{ ...F{0} ...F{0} }} ",
            i - 1
        ));
    }
    q
}

/// The measures of every area with their sources, `n` times under aliases.
fn alias_bomb(n: usize) -> String {
    let one = "plan { areas { measures { code name description provenance { value source { locator } } } } }";
    let aliased: String = (0..n).map(|i| format!("a{i}: {one} ")).collect();
    format!("{{ {aliased} }}")
}

pub async fn cost_bombs_are_refused_before_they_run(app: TestApp) {
    let (status, r) = post(&app, body(&fragment_bomb(25)), None).await;
    assert_eq!(
        (status, code_of(&r).as_str()),
        (400, "QUERY_TOO_COMPLEX"),
        "{r}"
    );
    let (status, r) = post(&app, body(&alias_bomb(150)), None).await;
    assert_eq!(
        (status, code_of(&r).as_str()),
        (400, "QUERY_TOO_COMPLEX"),
        "{r}"
    );
    let cost = &r["errors"][0]["extensions"]["cost"];
    assert!(cost["requested"].as_u64() > cost["limit"].as_u64(), "{r}");
    let searches: String = (0..660)
        .map(|i| format!("s{i}: search(text: \"a\") {{ measures {{ code }} }} "))
        .collect();
    let (status, r) = post(&app, body(&format!("{{ {searches} }}")), None).await;
    assert_eq!(
        (status, code_of(&r).as_str()),
        (400, "QUERY_TOO_COMPLEX"),
        "{r}"
    );
    // A fragment that spreads itself never reaches the (expanding) validation.
    let cycle = "{ plan { ...A } } fragment A on Plan { ...B } fragment B on Plan { ...A ...A }";
    let (status, r) = post(&app, body(cycle), None).await;
    assert_eq!(
        (status, code_of(&r).as_str()),
        (400, "QUERY_TOO_COMPLEX"),
        "{r}"
    );
    // Two bombs in flight at once, and the server still answers everything else.
    let bombs = futures_join(&app).await;
    assert!(bombs.iter().all(|c| c == "QUERY_TOO_COMPLEX"), "{bombs:?}");
    // An ordinary query says what it cost.
    let (status, r) = post(&app, body("{ plan { name areas { code } } }"), None).await;
    assert_eq!(status, 200, "{r}");
    assert!(r["errors"].is_null(), "{r}");
    assert_eq!(r["extensions"]["cost"]["requested"], 1 + 1 + 1 + 8);
    assert_eq!(r["extensions"]["cost"]["limit"], 50_000);
    // Kept and served again, it still says so, with the same data.
    let (_, again) = post(&app, body("{ plan { name areas { code } } }"), None).await;
    assert_eq!(again, r);
    // A large request (analysed apart from the rest, one at a time) answers the same.
    let padded = format!(
        "{{ plan {{ name areas {{ code }} }} }} #{}",
        "x".repeat(20_000)
    );
    let (status, large) = post(&app, body(&padded), None).await;
    assert_eq!(status, 200, "{large}");
    assert_eq!(large["data"], r["data"]);
}

async fn futures_join(app: &TestApp) -> Vec<String> {
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let (url, q) = (app.url.clone(), body(&fragment_bomb(40)));
        tasks.push(tokio::spawn(async move {
            let r: Value = reqwest::Client::new()
                .post(format!("{url}/graphql"))
                .header("content-type", "application/json")
                .body(q)
                .send()
                .await
                .expect("response")
                .json()
                .await
                .expect("JSON");
            code_of(&r)
        }));
    }
    let health = app.get("/health").await;
    assert_eq!(health.status().as_u16(), 200);
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.expect("task"));
    }
    codes
}

/// Every way a request can be malformed gets JSON with a stable code and the right status.
pub async fn every_refusal_is_json_with_a_code(app: TestApp) {
    let cases: Vec<(String, u16, &str)> = vec![
        ("{not json".to_owned(), 400, "BAD_REQUEST"),
        ("[]".to_owned(), 400, "BAD_REQUEST"),
        (body("{ plan { name "), 400, "BAD_REQUEST"),
        (body("{ plan { noSuchField } }"), 400, "BAD_REQUEST"),
        (
            json!({ "query": "query($c: String!) { measure(code: $c) { name } }", "variables": { "c": 5 } })
                .to_string(),
            400,
            "BAD_REQUEST",
        ),
        (
            body(&format!(
                "{{ plan {{ areas {{ {}code{} }} }} }}",
                "measures { specificGoal { ".repeat(10),
                " } }".repeat(10)
            )),
            400,
            "QUERY_TOO_COMPLEX",
        ),
    ];
    for (b, status, code) in cases {
        let (got, r) = post(&app, b.clone(), None).await;
        assert_eq!((got, code_of(&r).as_str()), (status, code), "{b}: {r}");
    }
    // Over the body limit (64 KiB), on a connection of its own.
    let big = body(&format!("{{ plan {{ name }} }} #{}", "x".repeat(100_000)));
    let response = reqwest::Client::new()
        .post(format!("{}/graphql", app.url))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await;
    if let Ok(response) = response {
        assert_eq!(response.status().as_u16(), 413);
        let r: Value = response.json().await.expect("JSON");
        assert_eq!(code_of(&r), "PAYLOAD_TOO_LARGE", "{r}");
    }
    // A method the route does not take.
    let response = reqwest::Client::new()
        .put(format!("{}/graphql", app.url))
        .send()
        .await
        .expect("response");
    assert_eq!(response.status().as_u16(), 405);
    let r: Value = response.json().await.expect("JSON");
    assert_eq!(code_of(&r), "METHOD_NOT_ALLOWED", "{r}");
    // Nothing was stored or broken meanwhile.
    let d = app.data("{ measures { code } }", json!({})).await;
    assert_eq!(d["measures"].as_array().map(Vec::len), Some(47));
}

/// 32 connections send the costliest queries the limits allow, with made-up session cookies
/// (which must not bypass anything: they are anonymous). Every answer is OK or `BUSY`,
/// `/health` and `{ __typename }` keep answering, and memory stays bounded.
pub async fn a_flood_of_the_costliest_allowed_queries_leaves_the_server_answering(app: TestApp) {
    const CONNECTIONS: usize = 32;
    const EACH: usize = 4;
    // Just under the limit: a few aliases of the bomb's query.
    let (status, r) = post(&app, body(&alias_bomb(5)), None).await;
    assert_eq!(status, 200, "{r}");
    let cost = r["extensions"]["cost"]["requested"].as_u64().unwrap_or(0);
    assert!(
        cost > 30_000,
        "the flood query should cost near the limit: {cost}"
    );
    let before = resident_kib();
    let mut senders = Vec::new();
    for c in 0..CONNECTIONS {
        let url = app.url.clone();
        let q = body(&alias_bomb(5));
        senders.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut codes = Vec::new();
            for i in 0..EACH {
                let response = client
                    .post(format!("{url}/graphql"))
                    .header("content-type", "application/json")
                    .header("cookie", format!("psz_session=bogus{c}x{i}"))
                    .body(q.clone())
                    .send()
                    .await
                    .expect("response");
                let r: Value = response.json().await.expect("JSON");
                codes.push(code_of(&r));
            }
            codes
        }));
    }
    let mut health_ms = Vec::new();
    let mut typename_ms = Vec::new();
    let mut peak = before;
    while senders.iter().any(|s| !s.is_finished()) {
        let started = std::time::Instant::now();
        assert_eq!(app.get("/health").await.status().as_u16(), 200);
        health_ms.push(started.elapsed().as_secs_f64() * 1e3);
        let started = std::time::Instant::now();
        let r = app.query("{ __typename }", json!({})).await;
        assert_eq!(r["data"]["__typename"], "Query", "{r}");
        typename_ms.push(started.elapsed().as_secs_f64() * 1e3);
        peak = peak.max(resident_kib());
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let mut codes = Vec::new();
    for s in senders {
        codes.extend(s.await.expect("sender"));
    }
    assert!(
        codes.iter().all(|c| c == "OK" || c == "BUSY"),
        "{:?}",
        codes.iter().filter(|c| *c != "OK").collect::<Vec<_>>()
    );
    assert!(codes.iter().any(|c| c == "OK"));
    let after = resident_kib();
    let p = |v: &mut Vec<f64>, q: f64| {
        v.sort_by(f64::total_cmp);
        v.get(((v.len() as f64 - 1.0) * q) as usize)
            .copied()
            .unwrap_or(0.0)
    };
    // Figures for the notes (not asserted: timing on a shared machine is noisy).
    eprintln!(
        "flood: {} answers ({} BUSY); /health p50 {:.1} ms p99 {:.1} ms; {{ __typename }} p99 {:.1} ms; \
         resident before {} MiB, peak {} MiB, after {} MiB",
        codes.len(),
        codes.iter().filter(|c| *c == "BUSY").count(),
        p(&mut health_ms, 0.5),
        p(&mut health_ms, 0.99),
        p(&mut typename_ms, 0.99),
        before / 1024,
        peak / 1024,
        after / 1024
    );
    assert!(
        peak.saturating_sub(before) < 150 * 1024,
        "resident memory grew from {} MiB to {} MiB",
        before / 1024,
        peak / 1024
    );
}
