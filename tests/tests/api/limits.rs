//! Statement counts, error codes and request limits.

use serde_json::json;
use tests::TestApp;

const LIST: &str = "query($f: MeasureFilterInput) { measures(filter: $f) { code status { text implementer { name } } projects { budget { hellers } implementer { name } } fundingSources outputIndicators links { code } specificGoal { code } budget { planned { hellers } } } }";

pub async fn statement_count_does_not_grow_with_rows(app: TestApp) {
    let count = |vars: serde_json::Value| {
        let app = &app;
        async move {
            let before = app.statements.get();
            let d = app.data(LIST, vars).await;
            (app.statements.get() - before, d["measures"].as_array().unwrap().len())
        }
    };
    let (small, n_small) = count(json!({ "f": { "area": "5" } })).await;
    let (large, n_large) = count(json!({})).await;
    assert_eq!((n_small, n_large), (3, 47));
    // Batches may split across DataLoader windows under load, so the count is bounded by the
    // query's shape, not exactly equal; one statement per row would give 47 or more.
    assert!(large <= 2 * small && large < 47, "3 measures: {small} statements, 47 measures: {large}");
}

pub async fn bad_codes_get_stable_error_codes(app: TestApp) {
    assert_eq!(app.error_code("{ measure(code: \"9.9.9.9\") { name } }", json!({})).await, "NOT_FOUND");
    assert_eq!(app.error_code("{ measure(code: \"2.1\") { name } }", json!({})).await, "VALIDATION");
    assert_eq!(app.error_code("{ measure(code: \"x'; DROP TABLE measure; --\") { name } }", json!({})).await, "VALIDATION");
    assert_eq!(app.error_code("{ plan(slug: \"brno\") { name } }", json!({})).await, "NOT_FOUND");
    assert_eq!(app.error_code("{ search(text: \"   \") { areas { name } } }", json!({})).await, "VALIDATION");
    // The data is untouched afterwards.
    let d = app.data("{ measures { code } }", json!({})).await;
    assert_eq!(d["measures"].as_array().unwrap().len(), 47);
}

pub async fn limits_reject_deep_and_oversized_requests(app: TestApp) {
    let deep = format!("{{ plan {{ areas {{ {}code{} }} }} }}", "measures { specificGoal { ".repeat(10), " } }".repeat(10));
    let r = app.query(&deep, json!({})).await;
    let message = r["errors"][0]["message"].as_str().unwrap_or_default().to_lowercase();
    assert!(message.contains("deep") || message.contains("depth") || message.contains("complex"), "{r:#}");
    let big = "x".repeat(200_000);
    match app.post_raw("/graphql", format!("{{\"query\": \"{big}\"}}")).await {
        Ok(resp) => assert_eq!(resp.status().as_u16(), 413),
        // Refused before the whole body was sent: also not processed.
        Err(e) => assert!(e.is_request(), "{e}"),
    }
    let resp = app.post_raw("/graphql", "{not json").await.expect("response");
    assert!(resp.status().is_client_error());
    let resp = app.get("/health").await;
    assert_eq!(resp.status().as_u16(), 200);
    let resp = app.get("/graphql").await;
    assert!(resp.text().await.unwrap().contains("graphiql"));
}
