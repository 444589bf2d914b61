//! The public pages as HTML: every public address of the app is answered with the page already
//! rendered (`frontend::ssr`) and the data it was rendered with, which the app's WebAssembly
//! then takes over. Readable before the WASM arrives, and without JavaScript at all.
//!
//! A page's data come from executing the page's own document (`frontend/queries/*.graphql`)
//! through [`run_graphql`] in-process: anonymous, the same cost checks and the same
//! response cache as `GET /graphql`. The HTML is kept per address and language while the data
//! version and the day are unchanged ([`Pages`]), with its compressed forms and entity tag made
//! once, so a repeated page costs about what a kept query costs.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use frontend::prefetch::{Carried, document_key, script_json};
use frontend::ssr;
use shared::Date;
use shared::format::Lang;
use shared::format::html_escape as escape;
use tokio::sync::Semaphore;

use super::get::Via;
use super::{AppState, run_graphql};
use crate::error::RequestError;
use crate::graphql::{Encoding, Kept};
use crate::lru::Lru;
use crate::store::version::DataVersion;

/// The public addresses the server renders (any other address that is not a file gets the
/// rendered not-found page).
pub const PUBLIC_PATHS: [&str; 14] = [
    "/",
    "/oblast/{code}",
    "/cil/{code}",
    "/opatreni/{code}",
    "/stul/oblast/{code}",
    "/stul/cil/{code}",
    "/indikatory",
    "/rozpocet",
    "/rizika",
    "/srovnani/{earlier}/{later}",
    "/harmonogram",
    "/zpravy",
    "/data",
    "/hledat",
];

/// The longest address rendered; a longer one gets the not-found page, unrendered and unkept.
const LONGEST_PATH: usize = 512;
/// Pages rendered at once; others wait up to [`RENDER_WAIT`] for a place, then `BUSY`.
const RENDERING_AT_ONCE: usize = 2;
const RENDER_WAIT: Duration = Duration::from_secs(2);
/// Pages kept, and the bytes they may hold with their compressed forms.
const KEPT_PAGES: usize = 512;
const KEPT_BYTES: usize = 32 << 20;

/// The rendered pages, and what rendering one needs.
pub struct Pages {
    shell: Option<Shell>,
    /// The site's address as people reach it, for canonical links and the sitemap.
    public_url: String,
    kept: Lru<Arc<KeptPage>>,
    rendering: Semaphore,
}

/// A rendered page kept for its address and language.
struct KeptPage {
    version: DataVersion,
    day: Date,
    status: StatusCode,
    html: Arc<Kept>,
}

impl Pages {
    /// Pages in the shell `index_html` (the bundle's `index.html`; `None` when there is no
    /// bundle, and then no page is rendered), linked as `public_url`.
    pub fn new(index_html: Option<&str>, public_url: &str) -> Pages {
        Pages {
            shell: index_html.and_then(Shell::parse),
            public_url: public_url.trim_end_matches('/').to_owned(),
            kept: Lru::new(KEPT_PAGES, KEPT_BYTES),
            rendering: Semaphore::new(RENDERING_AT_ONCE),
        }
    }

    /// Pages in the shell of the configured bundle (`<static dir>/index.html`, if built).
    pub fn for_config(config: &crate::config::Config) -> Pages {
        let index = std::fs::read_to_string(config.static_dir.join("index.html")).ok();
        let pages = Pages::new(index.as_deref(), &config.public_url());
        if index.is_some() && !pages.renders() {
            tracing::warn!(
                "{} lacks the <!--psz:head--> and <!--psz:body--> markers: public pages are not rendered",
                config.static_dir.join("index.html").display()
            );
        }
        pages
    }

    /// Whether pages are rendered (the bundle is there).
    pub fn renders(&self) -> bool {
        self.shell.is_some()
    }

    pub fn public_url(&self) -> &str {
        &self.public_url
    }
}

/// A public page: kept, or rendered now.
pub(super) async fn page(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let pages = state.pages.clone();
    let Some(shell) = &pages.shell else {
        return RequestError::NotFound.into_response();
    };
    let path = uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
    let lang = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(frontend::lang::from_cookies)
        .find(|l| *l != Lang::Cs)
        .unwrap_or(Lang::Cs);
    let encoding = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .and_then(Encoding::accepted);
    let key = format!("{}|{path}", lang.code());
    let (version, day) = (state.versions.current(), state.clock.today());
    if let Some(kept) = pages
        .kept
        .get(&key)
        .filter(|k| k.version == version && k.day == day)
    {
        return answer(&kept, encoding, &headers);
    }
    let path = if path.len() > LONGEST_PATH {
        "/nenalezeno".to_owned()
    } else {
        path
    };
    let Ok(Ok(_place)) = tokio::time::timeout(RENDER_WAIT, pages.rendering.acquire()).await else {
        return RequestError::Busy {
            retry_after_secs: 1,
        }
        .into_response();
    };
    let rendered = match render(&state, peer, shell, &pages.public_url, &path, lang, day).await {
        Ok(rendered) => rendered,
        Err(refused) => return refused.into_response(),
    };
    let keep = rendered.keep && state.versions.current() == version && state.clock.today() == day;
    let kept = Arc::new(KeptPage {
        version,
        day,
        status: rendered.status,
        html: Kept::new(Bytes::from(rendered.html)),
    });
    if keep {
        pages
            .kept
            .put(&key, kept.clone(), kept.html.held() + key.len());
    }
    answer(&kept, encoding, &headers)
}

/// A page rendered now: its HTML, status, and whether it may be kept.
struct Rendered {
    html: String,
    status: StatusCode,
    keep: bool,
}

/// Renders `path`: once to learn what the page wants, then (if it wants data) with the answer
/// to its document, executed in-process.
async fn render(
    state: &AppState,
    peer: SocketAddr,
    shell: &Shell,
    public_url: &str,
    path: &str,
    lang: Lang,
    today: Date,
) -> Result<Rendered, RequestError> {
    let first = render_off_thread(path, lang, today, public_url, None).await?;
    let (page, carried) = match first.wanted.clone() {
        None => (first, None),
        Some((query, variables)) => {
            let (status, response) = execute(state, peer, query, variables.clone()).await?;
            let carried = Carried {
                document: document_key(query),
                variables,
                status,
                response,
                today,
            };
            let page =
                render_off_thread(path, lang, today, public_url, Some(carried.clone())).await?;
            (page, Some(carried))
        }
    };
    let answered = carried.as_ref().map_or(200, |c| c.status);
    let status = if page.not_found {
        StatusCode::NOT_FOUND
    } else if answered >= 500 {
        // The page says the data could not be read (and offers to try again); so does the status.
        StatusCode::from_u16(answered).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    } else {
        StatusCode::OK
    };
    let canonical = format!("{public_url}{}", canonical_path(path));
    let head = Head {
        title: &page.title,
        description: &ssr::description(&page.kind, &page.title, lang),
        canonical: (!page.not_found).then_some(canonical.as_str()),
        site: public_url,
        lang,
        data: carried.as_ref().map(script_json),
    };
    Ok(Rendered {
        html: shell.fill(&head, &page.body),
        status,
        keep: answered < 500,
    })
}

/// [`ssr::render`] on a blocking thread: rendering a large page takes milliseconds that never
/// yield.
async fn render_off_thread(
    path: &str,
    lang: Lang,
    today: Date,
    site: &str,
    carried: Option<Carried>,
) -> Result<ssr::Page, RequestError> {
    let (path, site) = (path.to_owned(), site.to_owned());
    tokio::task::spawn_blocking(move || {
        let request = ssr::Request {
            path: &path,
            lang,
            today,
            site: &site,
        };
        ssr::render(&request, carried)
    })
    .await
    .map_err(|_| RequestError::Internal)
}

/// Executes `query` as `GET /graphql` would for an anonymous reader (cost checks, response
/// cache, timeout): the answer's HTTP status and JSON body, a refusal included.
async fn execute(
    state: &AppState,
    peer: SocketAddr,
    query: &str,
    variables: Option<serde_json::Value>,
) -> Result<(u16, serde_json::Value), RequestError> {
    let body = serde_json::json!({ "query": query, "variables": variables });
    let body = Bytes::from(serde_json::to_vec(&body).map_err(|_| RequestError::Internal)?);
    let response = match run_graphql(state, peer, &HeaderMap::new(), Ok(body), Via::Get).await {
        Ok(response) => response,
        Err(refused) => refused.into_response(),
    };
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .map_err(|_| RequestError::Internal)?;
    Ok((
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    ))
}

/// The address a page is known by: its path, and the query only where it chooses the content
/// (the search; the action plan read, `?ap=2`).
fn canonical_path(path: &str) -> String {
    if path.starts_with("/hledat") {
        return path.to_owned();
    }
    let (page, query) = path.split_once('?').unwrap_or((path, ""));
    let page = page.split('#').next().unwrap_or("/");
    let action_plan = query
        .split('#')
        .next()
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| pair.strip_prefix("ap="))
        .find_map(|n| n.parse::<u8>().ok().filter(|n| (1..=20).contains(n)));
    match action_plan {
        Some(n) => format!("{page}?ap={n}"),
        None => page.to_owned(),
    }
}

/// A kept or new page as an answer: its entity tag (`304` when the browser has it), compressed
/// as the browser accepts, revalidated on every use.
fn answer(kept: &KeptPage, encoding: Option<Encoding>, headers: &HeaderMap) -> Response {
    let etag = kept.html.etag();
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if fresh && kept.status == StatusCode::OK {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let body = match encoding {
            Some(encoding) => kept.html.compressed(encoding, || kept.html.data.to_vec()),
            None => kept.html.data.clone(),
        };
        let mut response = (kept.status, body).into_response();
        let h = response.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        if let Some(encoding) = encoding {
            h.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.name()),
            );
        }
        response
    };
    let h = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(etag) {
        h.insert(header::ETAG, tag);
    }
    // The language comes from a cookie; a cache must ask again each time (the tag makes that
    // cheap).
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    h.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Encoding"),
    );
    response
}

/// What the page's `<head>` says about it.
struct Head<'a> {
    title: &'a str,
    description: &'a str,
    canonical: Option<&'a str>,
    /// The site's address (`--public-url`), for what the app prints of it
    /// (`frontend::browser::site_address`).
    site: &'a str,
    lang: Lang,
    /// The answer the page was rendered with, as JSON safe inside `<script>`.
    data: Option<String>,
}

/// The bundle's `index.html` cut where a page's head and body go: between `<!--psz:head-->`
/// and `<!--/psz:head-->`, and between `<!--psz:body-->` and `<!--/psz:body-->` (the markers
/// and the defaults between them are replaced, so `<body>` holds exactly the app's HTML).
struct Shell {
    /// Up to `<html lang="`.
    start: String,
    /// From after the language to the head's marker.
    before_head: String,
    /// From after the head's end marker to the body's marker.
    between: String,
    /// From after the body's end marker.
    end: String,
}

impl Shell {
    fn parse(html: &str) -> Option<Shell> {
        let lang_at = html.find("<html lang=\"")? + "<html lang=\"".len();
        let lang_end = lang_at + html[lang_at..].find('"')?;
        let head = html.find("<!--psz:head-->")?;
        let head_end = html.find("<!--/psz:head-->")? + "<!--/psz:head-->".len();
        let body = html.find("<!--psz:body-->")?;
        let body_end = html.find("<!--/psz:body-->")? + "<!--/psz:body-->".len();
        (lang_end < head && head < head_end && head_end <= body && body < body_end).then(|| Shell {
            start: html[..lang_at].to_owned(),
            before_head: html[lang_end..head].to_owned(),
            between: html[head_end..body].to_owned(),
            end: html[body_end..].to_owned(),
        })
    }

    fn fill(&self, head: &Head<'_>, body: &str) -> String {
        let mut html =
            String::with_capacity(body.len() + head.data.as_ref().map_or(0, String::len) + 4096);
        html.push_str(&self.start);
        html.push_str(head.lang.code());
        html.push_str(&self.before_head);
        let (title, description) = (escape(head.title), escape(head.description));
        html.push_str(&format!(
            "<title>{title}</title>\n  <meta name=\"description\" content=\"{description}\">\n"
        ));
        if let Some(canonical) = head.canonical {
            let canonical = escape(canonical);
            html.push_str(&format!(
                "  <link rel=\"canonical\" href=\"{canonical}\">\n  <meta property=\"og:url\" content=\"{canonical}\">\n"
            ));
        }
        html.push_str(&format!(
            "  <meta name=\"{}\" content=\"{}\">\n",
            frontend::browser::SITE_META,
            escape(head.site)
        ));
        let locale = match head.lang {
            Lang::Cs => "cs_CZ",
            Lang::En => "en_GB",
        };
        html.push_str(&format!(
            "  <meta property=\"og:type\" content=\"website\">\n  <meta property=\"og:site_name\" content=\"psz-monitor\">\n  <meta property=\"og:locale\" content=\"{locale}\">\n  <meta property=\"og:title\" content=\"{title}\">\n  <meta property=\"og:description\" content=\"{description}\">"
        ));
        if let Some(data) = &head.data {
            html.push_str(&format!(
                "\n  <script id=\"{}\" type=\"application/json\">{data}</script>",
                frontend::prefetch::SCRIPT_ID
            ));
        }
        html.push_str(&self.between);
        html.push_str(body);
        html.push_str(&self.end);
        html
    }
}

/// `robots.txt`: everything public may be indexed; the API and the staff pages not.
pub(super) async fn robots(State(state): State<AppState>) -> Response {
    let mut text = String::from("User-agent: *\nAllow: /\nDisallow: /graphql\n");
    for path in super::STAFF_PATHS {
        let path = path.split('{').next().unwrap_or(path);
        text.push_str(&format!("Disallow: {path}\n"));
    }
    text.push_str(&format!(
        "\nSitemap: {}/sitemap.xml\n",
        state.pages.public_url()
    ));
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        text,
    )
        .into_response()
}

/// The document the sitemap lists the plan's pages from.
const SITEMAP_QUERY: &str = "{ plan { actionPlans { number } areas { code strategicGoals { code specificGoals { code } } } } measures { code } }";

/// `sitemap.xml`: every public page of the plan (the overview, the lists, every area, goal and
/// measure), from its data through the same in-process path as the pages.
pub(super) async fn sitemap(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
) -> Response {
    let answer = match execute(&state, peer, SITEMAP_QUERY, None).await {
        Ok((200, answer)) => answer,
        Ok(_) => return RequestError::Internal.into_response(),
        Err(refused) => return refused.into_response(),
    };
    let paths = sitemap_paths(&answer["data"]);
    let base = escape(state.pages.public_url());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        xml.push_str(&format!(
            "  <url><loc>{base}{}</loc></url>\n",
            escape(&path)
        ));
    }
    xml.push_str("</urlset>\n");
    (
        [
            (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        xml,
    )
        .into_response()
}

/// Every public path the sitemap names, from [`SITEMAP_QUERY`]'s data.
fn sitemap_paths(data: &serde_json::Value) -> Vec<String> {
    let codes = |value: &serde_json::Value, field: &str| -> Vec<serde_json::Value> {
        value[field].as_array().cloned().unwrap_or_default()
    };
    let code = |value: &serde_json::Value| value["code"].as_str().unwrap_or_default().to_owned();
    let mut paths: Vec<String> = [
        "/",
        "/indikatory",
        "/rozpocet",
        "/rizika",
        "/harmonogram",
        "/zpravy",
        "/data",
    ]
    .map(str::to_owned)
    .to_vec();
    for area in codes(&data["plan"], "areas") {
        paths.push(format!("/oblast/{}", code(&area)));
        paths.push(format!("/stul/oblast/{}", code(&area)));
        for strategic in codes(&area, "strategicGoals") {
            paths.push(format!("/cil/{}", code(&strategic)));
            for specific in codes(&strategic, "specificGoals") {
                paths.push(format!("/cil/{}", code(&specific)));
                paths.push(format!("/stul/cil/{}", code(&specific)));
            }
        }
    }
    for measure in codes(data, "measures") {
        paths.push(format!("/opatreni/{}", code(&measure)));
    }
    // Each approved action plan compared with the one before it.
    let numbers: Vec<i64> = codes(&data["plan"], "actionPlans")
        .iter()
        .filter_map(|a| a["number"].as_i64())
        .collect();
    for pair in numbers.windows(2) {
        paths.push(format!("/srovnani/{}/{}", pair[0], pair[1]));
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html>\n<html lang=\"cs\">\n<head>\n  <!--psz:head--><title>x</title><!--/psz:head-->\n  <script type=\"module\" src=\"/pkg/frontend_start.js\"></script>\n</head>\n<body><!--psz:body--><noscript>js</noscript><!--/psz:body--></body>\n</html>\n";

    #[test]
    fn the_shell_takes_the_pages_head_language_and_body() {
        let shell = Shell::parse(SHELL).expect("markers");
        let head = Head {
            title: "Opatření \"2.1\" <b>",
            description: "a & b",
            canonical: Some("http://example.org/opatreni/2.1.3.4"),
            site: "http://example.org",
            lang: Lang::En,
            data: Some("{\"a\":\"\\u003c/script>\"}".to_owned()),
        };
        let html = shell.fill(&head, "<a href=\"/\">x</a>");
        assert!(html.contains("<html lang=\"en\">"), "{html}");
        assert!(
            html.contains("<title>Opatření &quot;2.1&quot; &lt;b&gt;</title>"),
            "{html}"
        );
        assert!(html.contains("content=\"a &amp; b\""), "{html}");
        assert!(
            html.contains("<meta name=\"psz-site\" content=\"http://example.org\">"),
            "{html}"
        );
        assert!(
            html.contains("<link rel=\"canonical\" href=\"http://example.org/opatreni/2.1.3.4\">")
        );
        assert!(
            html.contains("<body><a href=\"/\">x</a></body>"),
            "the body is the app's alone: {html}"
        );
        assert!(!html.contains("noscript") && !html.contains("<title>x</title>"));
        assert!(html.contains(
            "<script id=\"psz-data\" type=\"application/json\">{\"a\":\"\\u003c/script>\"}</script>"
        ));
    }

    #[test]
    fn a_shell_without_its_markers_renders_nothing() {
        assert!(Shell::parse("<html lang=\"cs\"><body></body></html>").is_none());
        assert!(!Pages::new(Some("<html></html>"), "http://x").renders());
        assert!(Pages::new(Some(SHELL), "http://x").renders());
    }

    #[test]
    fn only_the_search_keeps_its_query_in_the_canonical_address() {
        assert_eq!(canonical_path("/opatreni/2.1.3.4?x=1"), "/opatreni/2.1.3.4");
        assert_eq!(canonical_path("/hledat?q=bydleni"), "/hledat?q=bydleni");
        assert_eq!(canonical_path("/"), "/");
        assert_eq!(canonical_path("/oblast/2?ap=1"), "/oblast/2?ap=1");
        assert_eq!(canonical_path("/oblast/2?x=1&ap=2#cil"), "/oblast/2?ap=2");
        assert_eq!(canonical_path("/oblast/2?ap=99"), "/oblast/2");
        assert_eq!(canonical_path("/oblast/2?ap=<script>"), "/oblast/2");
    }

    #[test]
    fn the_sitemap_names_every_page_of_the_plan() {
        let data = serde_json::json!({
            "plan": { "areas": [ { "code": "2", "strategicGoals": [
                { "code": "2.1", "specificGoals": [ { "code": "2.1.3" } ] } ] } ] },
            "measures": [ { "code": "2.1.3.4" } ]
        });
        let mut two = data.clone();
        two["plan"]["actionPlans"] = serde_json::json!([{ "number": 1 }, { "number": 2 }]);
        assert!(sitemap_paths(&two).iter().any(|p| p == "/srovnani/1/2"));
        assert!(
            !sitemap_paths(&data)
                .iter()
                .any(|p| p.starts_with("/srovnani"))
        );
        let paths = sitemap_paths(&data);
        for want in [
            "/",
            "/rizika",
            "/oblast/2",
            "/cil/2.1",
            "/cil/2.1.3",
            "/opatreni/2.1.3.4",
            "/stul/oblast/2",
            "/stul/cil/2.1.3",
        ] {
            assert!(paths.iter().any(|p| p == want), "{want} in {paths:?}");
        }
    }
}
