//! GraphQL answers travel compressed when the client accepts it (a phone on a slow network
//! downloads the overview's JSON in a fraction), but never a signed-in caller's: those are
//! private, uncached and uncompressed, so their size says nothing of the CSRF token or drafts
//! beside reflected input.

use std::io::Read;

use serde_json::{Value, json};
use tests::TestApp;

const OVERVIEW: &str = include_str!("../../../frontend/queries/overview.graphql");

/// Posts `query` with `Accept-Encoding: encoding` (and a session cookie if given); the answer's
/// `Content-Encoding`, `Cache-Control` and raw body.
async fn post(
    app: &TestApp,
    encoding: &str,
    cookie: Option<&str>,
    query: &str,
) -> (Option<String>, Option<String>, Vec<u8>) {
    let client = reqwest::Client::new();
    let mut request = client
        .post(format!("{}/graphql", app.url))
        .header("content-type", "application/json")
        .header("accept-encoding", encoding)
        .body(json!({ "query": query }).to_string());
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("answer");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (encoding, cache) = (header("content-encoding"), header("cache-control"));
    let body = response.bytes().await.expect("body").to_vec();
    (encoding, cache, body)
}

pub async fn public_answers_are_compressed_private_ones_not(app: TestApp) {
    let plain = app.query(OVERVIEW, json!({})).await;
    assert!(plain.get("errors").is_none(), "{plain}");

    // gzip: decoded, it is the same answer, in a fraction of the bytes.
    let (encoding, cache, body) = post(&app, "gzip", None, OVERVIEW).await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    assert_eq!(cache, None, "a public answer is not private");
    let mut json = String::new();
    flate2::read::GzDecoder::new(body.as_slice())
        .read_to_string(&mut json)
        .expect("gzip");
    let decoded: Value = serde_json::from_str(&json).expect("json");
    assert_eq!(decoded["data"], plain["data"]);
    assert!(
        body.len() * 3 < json.len(),
        "{} bytes compressed of {}",
        body.len(),
        json.len()
    );
    // Brotli is preferred when both are accepted.
    let (encoding, ..) = post(&app, "gzip, br", None, OVERVIEW).await;
    assert_eq!(encoding.as_deref(), Some("br"));
    // Without Accept-Encoding, plain JSON.
    let (encoding, _, body) = post(&app, "identity", None, OVERVIEW).await;
    assert_eq!(encoding, None);
    assert!(serde_json::from_slice::<Value>(&body).is_ok());

    // A signed-in caller's answer: private, not compressed.
    let admin = app.admin().await;
    let (encoding, cache, body) = post(
        &app,
        "gzip, br",
        Some(&admin.cookie),
        "{ me { email csrfToken } }",
    )
    .await;
    assert_eq!(encoding, None, "a private answer is compressed");
    assert_eq!(cache.as_deref(), Some("private, no-store"));
    let me: Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(me["data"]["me"]["email"], tests::ADMIN_EMAIL, "{me}");
}
