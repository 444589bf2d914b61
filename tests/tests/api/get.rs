//! Public queries over `GET`, with entity tags and automatic persisted queries: what lets a
//! reverse proxy or CDN in front of several instances serve repeats.

use serde_json::{Value, json};
use tests::TestApp;

/// A GET of `/graphql` with these URL parameters (and headers); status, headers, body.
async fn get(
    app: &TestApp,
    params: &[(&str, String)],
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, String) {
    let url =
        reqwest::Url::parse_with_params(&format!("{}/graphql", app.url), params).expect("url");
    let mut request = reqwest::Client::new().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("answer");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.text().await.expect("body"))
}

fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

fn persisted(hash: &str) -> String {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } }).to_string()
}

pub async fn public_queries_over_get_carry_etags_and_may_be_persisted(app: TestApp) {
    let q = r#"query($c: String!) { measure(code: $c) { code scheduleText } }"#;
    let vars = json!({ "c": "2.1.3.4" }).to_string();
    let params = [("query", q.to_owned()), ("variables", vars.clone())];
    let (status, headers, body) = get(&app, &params, &[]).await;
    assert_eq!(status, 200, "{body}");
    let data: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(data["data"]["measure"]["code"], "2.1.3.4");
    let etag = header(&headers, "etag").to_owned();
    assert!(etag.starts_with("W/\""), "{etag}");
    let cache = header(&headers, "cache-control");
    assert!(
        cache.contains("public") && cache.contains("s-maxage"),
        "{cache}"
    );

    // A client or proxy holding the answer revalidates it for nothing.
    let (status, again, body) = get(&app, &params, &[("if-none-match", &etag)]).await;
    assert_eq!((status, body.as_str()), (304, ""));
    assert_eq!(header(&again, "etag"), etag);

    // A GET is the public's: a session cookie is not read.
    let admin = app.admin().await;
    let me = [("query", "{ me { email } }".to_owned())];
    let (_, _, body) = get(&app, &me, &[("cookie", &admin.cookie)]).await;
    assert_eq!(
        serde_json::from_str::<Value>(&body).expect("JSON")["data"]["me"],
        Value::Null
    );

    // Mutations only over POST; nothing changes.
    let mutation = "mutation { logout }";
    let (status, headers, body) = get(&app, &[("query", mutation.to_owned())], &[]).await;
    assert_eq!(status, 405, "{body}");
    assert_eq!(header(&headers, "cache-control"), "no-store");
    assert!(body.contains("METHOD_NOT_ALLOWED"), "{body}");

    // A persisted query: the hash alone is unknown at first, then hash and text teach it.
    let hash = server::persisted::hash(q);
    let by_hash = [
        ("extensions", persisted(&hash)),
        ("variables", vars.clone()),
    ];
    let (status, headers, body) = get(&app, &by_hash, &[]).await;
    assert_eq!(status, 200);
    assert!(body.contains("PERSISTED_QUERY_NOT_FOUND"), "{body}");
    assert_eq!(header(&headers, "cache-control"), "no-store");
    let wrong = [
        ("query", "{ __typename }".to_owned()),
        ("extensions", persisted(&hash)),
    ];
    let (status, _, body) = get(&app, &wrong, &[]).await;
    assert_eq!(status, 400, "a text that is not the hash's: {body}");
    let taught = [
        ("query", q.to_owned()),
        ("extensions", persisted(&hash)),
        ("variables", vars.clone()),
    ];
    let (status, _, _) = get(&app, &taught, &[]).await;
    assert_eq!(status, 200);
    let (status, headers, body) = get(&app, &by_hash, &[]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        header(&headers, "etag"),
        etag,
        "the same data, the same tag"
    );

    // A write changes the data, so the tag.
    app.set_schedule_text(&admin, "2.1.3.4", "Přes GET").await;
    let (status, headers, body) = get(&app, &by_hash, &[("if-none-match", &etag)]).await;
    assert_eq!(status, 200);
    assert_ne!(header(&headers, "etag"), etag);
    assert!(body.contains("Přes GET"), "{body}");

    // Without a query the address is GraphiQL's page, as before.
    let (status, headers, _) = get(&app, &[], &[]).await;
    assert_eq!(status, 200);
    assert!(header(&headers, "content-type").starts_with("text/html"));
}
