//! `GET /qr.svg?cesta=/stul/cil/2.1.3`: a QR code (SVG) of one of the site's public pages at
//! the site's absolute address (`--public-url` + the path), which the meeting view shows so
//! people at a round table open the same view on their phones.
//!
//! Only public page paths are encoded (matched against [`PUBLIC_PATHS`], a plan code where the
//! pattern names one), so the address cannot be made to point anywhere else. The SVG is made by
//! the `qrcode` crate (rectangles only, no script); its content depends only on the address, so
//! it is tagged by a hash of it and kept by browsers for a week.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};
use sha2::{Digest, Sha256};

use super::AppState;
use super::page::PUBLIC_PATHS;
use crate::error::RequestError;

/// The longest path encoded, in bytes.
pub const LONGEST_PATH: usize = 200;

/// `GET /qr.svg?cesta=…`.
pub async fn qr_svg(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let path = match cesta(query.as_deref()) {
        Ok(path) => path,
        Err(refused) => return refused.into_response(),
    };
    let address = format!("{}{path}", state.config.public_url());
    let etag = etag(&address);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        match svg_of(&address) {
            Some(svg) => (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("image/svg+xml"),
                )],
                svg,
            )
                .into_response(),
            None => {
                return RequestError::BadRequest("the address is too long".into()).into_response();
            }
        }
    };
    let h = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, tag);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=604800"),
    );
    response
}

/// The path the query's single `cesta` names, if it is a public page's.
fn cesta(query: Option<&str>) -> Result<String, RequestError> {
    let mut values = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .filter(|(name, _)| name == "cesta")
        .map(|(_, value)| value.into_owned());
    let (Some(path), None) = (values.next(), values.next()) else {
        return Err(RequestError::BadRequest(
            "name one page as `cesta=/stul/cil/2.1.3`".into(),
        ));
    };
    check_path(&path)?;
    Ok(path)
}

/// `Ok` for a public page's path (with an optional query), `BAD_REQUEST` for what is no path
/// of this site at all (too long, a scheme or host, `//`, control or unsafe characters),
/// `NOT_FOUND` for a path that is no public page.
pub fn check_path(path: &str) -> Result<(), RequestError> {
    let bad = |why: &str| Err(RequestError::BadRequest(format!("`cesta` {why}")));
    if path.len() > LONGEST_PATH {
        return bad(&format!("is longer than {LONGEST_PATH} bytes"));
    }
    if !path.starts_with('/') {
        return bad("must be a path of this site, starting with `/`");
    }
    if path.contains("//") {
        return bad("must not contain `//`");
    }
    if let Some(c) = path.chars().find(|c| !url_safe(*c)) {
        return bad(&format!("must not contain {c:?}"));
    }
    let page = path.split('?').next().unwrap_or(path);
    if PUBLIC_PATHS.iter().any(|pattern| matches(pattern, page)) {
        Ok(())
    } else {
        Err(RequestError::NotFound)
    }
}

/// Characters a path and query may hold as they are: printable ASCII but space, quotes, angle
/// brackets, backslash, braces, `|`, `^`, backtick and `#` (a fragment is no page).
fn url_safe(c: char) -> bool {
    c.is_ascii_graphic() && !"\"'<>\\{}|^`#".contains(c)
}

/// Whether `path` is the pattern's (`/cil/{code}` matches `/cil/2.1.3`: a placeholder stands
/// for one plan code in its canonical spelling).
fn matches(pattern: &str, path: &str) -> bool {
    let (mut want, mut got) = (pattern.split('/'), path.split('/'));
    loop {
        match (want.next(), got.next()) {
            (None, None) => return true,
            (Some(w), Some(g)) if w.starts_with('{') => {
                let code = g.parse::<shared::Code>();
                if !code.is_ok_and(|c| c.to_string() == g) {
                    return false;
                }
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return false,
        }
    }
}

/// The QR code of `address` as SVG (error correction M: a phone reads it off a projector's
/// screen from across a room); `None` if it cannot hold it.
pub fn svg_of(address: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(address.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .module_dimensions(8, 8)
            .dark_color(svg::Color("#000"))
            .light_color(svg::Color("#fff"))
            .build(),
    )
}

/// The entity tag of the SVG of `address` (the crate's version too: another renderer may draw
/// it differently).
fn etag(address: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(env!("CARGO_PKG_VERSION").as_bytes());
    hash.update([0]);
    hash.update(address.as_bytes());
    let digest = hash.finalize();
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"qr-{hex}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(path: &str) -> &'static str {
        match check_path(path) {
            Ok(()) => "ok",
            Err(e) => e.code(),
        }
    }

    #[test]
    fn public_pages_are_encoded() {
        for path in [
            "/",
            "/stul/cil/2.1.3",
            "/stul/oblast/2",
            "/cil/2.1",
            "/oblast/6",
            "/opatreni/2.1.3.4",
            "/indikatory",
            "/hledat?q=bydlen%C3%AD",
        ] {
            assert_eq!(refused(path), "ok", "{path}");
        }
    }

    #[test]
    fn other_paths_are_refused() {
        let cases = [
            ("", "BAD_REQUEST"),
            ("stul/cil/2.1.3", "BAD_REQUEST"),
            ("https://evil.example/", "BAD_REQUEST"),
            ("//evil.example/cil/2.1.3", "BAD_REQUEST"),
            ("/cil//2.1.3", "BAD_REQUEST"),
            ("/cil/2.1.3\n", "BAD_REQUEST"),
            ("/cil/2.1.3\u{7f}", "BAD_REQUEST"),
            ("/hledat?q=a b", "BAD_REQUEST"),
            ("/hledat?q=<script>", "BAD_REQUEST"),
            ("/cil/2.1.3#x", "BAD_REQUEST"),
            ("/hledat?q=bydlení", "BAD_REQUEST"),
            ("/graphql", "NOT_FOUND"),
            ("/sprava", "NOT_FOUND"),
            ("/stul/cil/x", "NOT_FOUND"),
            ("/stul/cil/02.1.3", "NOT_FOUND"),
            ("/stul/cil/2.1.3/x", "NOT_FOUND"),
            ("/stul", "NOT_FOUND"),
            ("/qr.svg", "NOT_FOUND"),
        ];
        for (path, code) in cases {
            assert_eq!(refused(path), code, "{path:?}");
        }
        let long = format!("/hledat?q={}", "a".repeat(LONGEST_PATH));
        assert_eq!(refused(&long), "BAD_REQUEST");
    }

    #[test]
    fn the_query_names_one_path() {
        assert!(cesta(None).is_err());
        assert!(cesta(Some("x=1")).is_err());
        assert!(cesta(Some("cesta=/&cesta=/cil/2.1")).is_err());
        assert_eq!(
            cesta(Some("cesta=%2Fstul%2Fcil%2F2.1.3")).ok().as_deref(),
            Some("/stul/cil/2.1.3")
        );
    }

    #[test]
    fn the_svg_is_rectangles_only_and_tagged_by_its_address() {
        let svg = svg_of("https://psz.example.org/stul/cil/2.1.3").expect("fits");
        assert!(svg.contains("<svg") && svg.contains("<path"), "{svg}");
        for unwanted in ["<script", "onload", "href", "style"] {
            assert!(!svg.contains(unwanted), "{unwanted}");
        }
        assert_eq!(etag("a"), etag("a"));
        assert_ne!(etag("a"), etag("b"));
    }
}
