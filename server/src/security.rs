//! The security headers of every response: a strict Content-Security-Policy, no framing, no
//! MIME sniffing, a short referrer, an own browsing-context group, and no powerful features.
//!
//! Wire [`headers`] as the outermost layer (`axum::middleware::from_fn(security::headers)`),
//! so error answers of the other layers carry them too. A handler that needs another policy sets
//! its own `Content-Security-Policy`; a header already on the response is kept.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The policy of every page and answer.
///
/// - Scripts only from this origin, plus `'wasm-unsafe-eval'`, which compiling the app's
///   WebAssembly needs (it allows no JavaScript `eval`). No inline script: the app starts from
///   `pkg/*_start.js`, GraphiQL from `start.js`.
/// - Styles only from this origin: no `<style>` elements or `style="…"` attributes (the app
///   sets its bar widths through the CSSOM, which the policy does not govern).
/// - Images and fonts from this origin and `data:` URLs (the empty favicon `data:,`,
///   GraphiQL's embedded fonts and icons).
/// - `connect-src 'self'`: the app and GraphiQL talk only to this server's `/graphql`.
/// - `worker-src 'self'` and `manifest-src 'self'`: the service worker (`/sw.js`) and the web
///   app manifest come only from here (said outright, not left to `default-src`).
/// - No plugins, no `<base>`, forms post only here, and no page may frame ours
///   (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for older browsers).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; \
     script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; \
     img-src 'self' data:; \
     font-src 'self' data:; \
     connect-src 'self'; \
     worker-src 'self'; \
     manifest-src 'self'; \
     object-src 'none'; \
     base-uri 'none'; \
     form-action 'self'; \
     frame-ancestors 'none'";

/// Powerful browser features nothing here uses, turned off for this origin and any frame.
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=()";

/// Every header this module sets, with its value.
pub fn header_values() -> [(HeaderName, HeaderValue); 7] {
    [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static(PERMISSIONS_POLICY),
        ),
    ]
}

/// Adds the security headers a response does not already have.
pub fn apply(headers: &mut HeaderMap) {
    for (name, value) in header_values() {
        headers.entry(name).or_insert(value);
    }
}

/// The middleware: runs the request, then adds the headers (`axum::middleware::from_fn`).
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    apply(response.headers_mut());
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::Router;
    use axum::body::Body;
    use axum::http::StatusCode;
    use axum::routing::get;
    use tower::Service;

    fn directive<'a>(policy: &'a str, name: &str) -> Option<&'a str> {
        policy
            .split(';')
            .map(str::trim)
            .find_map(|d| d.strip_prefix(name)?.strip_prefix(' '))
    }

    #[test]
    fn the_policy_is_strict() {
        let p = CONTENT_SECURITY_POLICY;
        assert_eq!(directive(p, "default-src"), Some("'self'"));
        assert_eq!(
            directive(p, "script-src"),
            Some("'self' 'wasm-unsafe-eval'")
        );
        assert_eq!(directive(p, "style-src"), Some("'self'"));
        assert_eq!(directive(p, "frame-ancestors"), Some("'none'"));
        assert_eq!(directive(p, "base-uri"), Some("'none'"));
        assert_eq!(directive(p, "object-src"), Some("'none'"));
        assert_eq!(directive(p, "form-action"), Some("'self'"));
        assert_eq!(directive(p, "worker-src"), Some("'self'"));
        assert_eq!(directive(p, "manifest-src"), Some("'self'"));
        assert!(!p.contains("'unsafe-inline'") && !p.contains("'unsafe-eval'"));
        assert!(!p.contains("http:") && !p.contains("https:") && !p.contains('*'));
        // Every value is a valid header value (no line breaks from the source's layout).
        for (_, v) in header_values() {
            assert!(v.to_str().is_ok_and(|s| !s.contains("  ")), "{v:?}");
        }
    }

    #[tokio::test]
    async fn every_response_gets_the_headers_and_own_policies_stay() {
        let mut app: Router = Router::new()
            .route("/", get(|| async { "page" }))
            .route(
                "/own",
                get(|| async {
                    (
                        [(header::CONTENT_SECURITY_POLICY, "default-src 'none'")],
                        "x",
                    )
                }),
            )
            .layer(axum::middleware::from_fn(headers));
        for (uri, status) in [("/", StatusCode::OK), ("/missing", StatusCode::NOT_FOUND)] {
            let r = app
                .call(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(r.status(), status);
            let h = r.headers();
            assert_eq!(h[header::CONTENT_SECURITY_POLICY], CONTENT_SECURITY_POLICY);
            assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            assert_eq!(h[header::X_FRAME_OPTIONS], "DENY");
            assert_eq!(
                h[header::REFERRER_POLICY],
                "strict-origin-when-cross-origin"
            );
            assert_eq!(h["cross-origin-opener-policy"], "same-origin");
            assert!(h.contains_key("permissions-policy"));
        }
        let own = app
            .call(Request::get("/own").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(
            own.headers()[header::CONTENT_SECURITY_POLICY],
            "default-src 'none'"
        );
        assert_eq!(own.headers()[header::X_FRAME_OPTIONS], "DENY");
    }
}
