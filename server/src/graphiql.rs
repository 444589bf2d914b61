//! GraphiQL served from the binary: `GET /graphql` answers a page that loads GraphiQL 3.9.0 and
//! React 18.3.1 (vendored in `server/assets/graphiql/`, see its README) from
//! `/graphql/assets/…`, so it works with no internet, never runs scripts from a CDN on this
//! origin, and keeps to the Content-Security-Policy of [`crate::security`]: no inline script
//! (the page's own code is `start.js`) and no inline style.
//!
//! The vendored files carry their version in their name and are cached for a year
//! (`immutable`); the page and its own two small files are revalidated. Large assets are
//! gzipped once, on their first request, when the client accepts it.

use std::sync::OnceLock;

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Where the page is served.
pub const PAGE: &str = "/graphql";
/// Where its files are served (`/graphql/assets/<name>`).
pub const ASSETS: &str = "/graphql/assets";

/// One file of the page.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
    /// Versioned in its name, so cached for good.
    immutable: bool,
    /// Its gzip form, made on the first request that accepts it.
    gzip: OnceLock<Vec<u8>>,
}

macro_rules! asset {
    ($name:literal, $type:expr, $immutable:literal) => {
        Asset {
            name: $name,
            content_type: $type,
            bytes: include_bytes!(concat!("../assets/graphiql/", $name)),
            immutable: $immutable,
            gzip: OnceLock::new(),
        }
    };
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

static FILES: [Asset; 6] = [
    asset!("react-18.3.1.production.min.js", JS, true),
    asset!("react-dom-18.3.1.production.min.js", JS, true),
    asset!("graphiql-3.9.0.min.js", JS, true),
    asset!("graphiql-3.9.0.min.css", CSS, true),
    asset!("start.js", JS, false),
    asset!("page.css", CSS, false),
];

/// The page: the stylesheets, then the scripts in order (`defer` keeps it), `start.js` last.
const HTML: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>psz-monitor GraphQL</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/graphql/assets/graphiql-3.9.0.min.css">
  <link rel="stylesheet" href="/graphql/assets/page.css">
  <script defer src="/graphql/assets/react-18.3.1.production.min.js"></script>
  <script defer src="/graphql/assets/react-dom-18.3.1.production.min.js"></script>
  <script defer src="/graphql/assets/graphiql-3.9.0.min.js"></script>
  <script defer src="/graphql/assets/start.js"></script>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <noscript>GraphiQL needs JavaScript; the API itself answers POST /graphql.</noscript>
</body>
</html>
"#;

/// Smaller files are not worth compressing.
const GZIP_FROM: usize = 4096;

/// `GET /graphql/assets/{name}`. The page itself ([`page`]) is what `GET /graphql` answers
/// when its URL names no query (`http::graphql_get`).
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route(&format!("{ASSETS}/{{name}}"), get(asset))
}

/// The GraphiQL page.
pub async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        HTML,
    )
        .into_response()
}

/// One of the page's files, or `404`.
pub async fn asset(Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some(file) = FILES.iter().find(|f| f.name == name) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let cache = if file.immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mut response_headers = HeaderMap::new();
    response_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.content_type),
    );
    response_headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response_headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if file.bytes.len() >= GZIP_FROM && accepts_gzip(&headers) {
        let gzipped = match file.gzip.get() {
            Some(g) => g,
            None => {
                let bytes = file.bytes;
                let made = tokio::task::spawn_blocking(move || gzip(bytes))
                    .await
                    .unwrap_or_default();
                file.gzip.get_or_init(|| made)
            }
        };
        if !gzipped.is_empty() {
            response_headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            return (response_headers, gzipped.as_slice()).into_response();
        }
    }
    (response_headers, file.bytes).into_response()
}

/// Whether `Accept-Encoding` names gzip with a quality above zero.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// The gzip form of `bytes`; empty if compressing failed (the raw file is served then).
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    match encoder.write_all(bytes).and_then(|()| encoder.finish()) {
        Ok(out) => out,
        Err(e) => {
            tracing::error!(error = %e, "gzip of a GraphiQL asset failed");
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::Service;

    async fn get_with(router: &mut Router, uri: &str, gzip: bool) -> Response {
        let mut request = Request::get(uri);
        if gzip {
            request = request.header("accept-encoding", "gzip, br");
        }
        router
            .call(request.body(Body::empty()).unwrap())
            .await
            .unwrap()
    }

    async fn body(r: Response) -> Vec<u8> {
        axum::body::to_bytes(r.into_body(), usize::MAX)
            .await
            .unwrap()
            .to_vec()
    }

    fn router() -> Router {
        Router::new()
            .route(PAGE, get(page).post(|| async { "graphql" }))
            .merge(routes())
    }

    #[tokio::test]
    async fn the_page_loads_only_local_files_and_no_inline_code() {
        let mut r = router();
        let page = get_with(&mut r, "/graphql", false).await;
        assert_eq!(page.status(), StatusCode::OK);
        let html = String::from_utf8(body(page).await).unwrap();
        assert!(!html.contains("http://") && !html.contains("https://"));
        assert!(!html.contains("<script>") && !html.contains("<style") && !html.contains("style="));
        // Every file the page names is served, with its type.
        for name in html
            .split('"')
            .filter_map(|s| s.strip_prefix("/graphql/assets/"))
        {
            let res = get_with(&mut r, &format!("{ASSETS}/{name}"), false).await;
            assert_eq!(res.status(), StatusCode::OK, "{name}");
            let t = res.headers()[header::CONTENT_TYPE].to_str().unwrap();
            assert!(t == JS || t == CSS, "{name}: {t}");
        }
        // POST /graphql still reaches the API.
        let api = r
            .call(Request::post("/graphql").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(body(api).await, b"graphql");
    }

    #[tokio::test]
    async fn vendored_files_are_cached_for_good_and_gzipped() {
        let mut r = router();
        let raw = get_with(&mut r, "/graphql/assets/graphiql-3.9.0.min.js", false).await;
        assert!(
            raw.headers()[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        assert!(raw.headers().get(header::CONTENT_ENCODING).is_none());
        let raw = body(raw).await;
        let zipped = get_with(&mut r, "/graphql/assets/graphiql-3.9.0.min.js", true).await;
        assert_eq!(zipped.headers()[header::CONTENT_ENCODING], "gzip");
        let zipped = body(zipped).await;
        assert!(zipped.len() < raw.len() / 2);
        let mut unzipped = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(zipped.as_slice()),
            &mut unzipped,
        )
        .unwrap();
        assert_eq!(unzipped, raw);
        let start = get_with(&mut r, "/graphql/assets/start.js", true).await;
        assert_eq!(start.headers()[header::CACHE_CONTROL], "no-cache");
        let missing = get_with(&mut r, "/graphql/assets/..%2Fmain.rs", false).await;
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    }

    #[test]
    fn gzip_acceptance_follows_the_header() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            m
        };
        assert!(accepts_gzip(&h("gzip, deflate, br")));
        assert!(accepts_gzip(&h("br;q=1.0, GZIP;q=0.5")));
        assert!(!accepts_gzip(&h("gzip;q=0, br")));
        assert!(!accepts_gzip(&h("identity")));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
