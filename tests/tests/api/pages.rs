//! The public pages as HTML, read the way a search engine, a messenger's link preview or a
//! browser without JavaScript reads them: a plain HTTP client and the text of the answer.

use serde_json::json;
use tests::TestApp;

use super::entry::{WAVE, implementer_org, indicator};

/// A public address and texts its HTML must hold.
const PAGES: [(&str, &[&str]); 15] = [
    (
        "/",
        &[
            "Bydlení",
            "Prevence kriminality",
            "Zaměstnanost a dluhová problematika",
            "Rodina",
            "Participace",
            "Zdraví",
        ],
    ),
    ("/oblast/2", &["Prevence kriminality", "2.1.3"]),
    ("/cil/2.1", &["2.1"]),
    ("/cil/2.1.3", &["2.1.3", "2.1.3.4"]),
    (
        "/stul/oblast/2",
        &["Režim pro jednání", "2.1.3", "/qr.svg?cesta="],
    ),
    (
        "/stul/cil/2.1.3",
        &["Režim pro jednání", "2.1.3.4", "/qr.svg?cesta="],
    ),
    (
        "/opatreni/2.1.3.4",
        &[
            "2.1.3.4",
            "Slezská diakonie",
            "CZ.03.02.01/00/22_018/0001333",
            "12 170 133,36 Kč",
            "V realizaci (2/6)",
        ],
    ),
    ("/indikatory", &["Indikátory"]),
    ("/rozpocet", &["Rozpočet", "184 133 708"]),
    ("/rizika", &["Rizika"]),
    ("/harmonogram", &["Harmonogram"]),
    (
        "/zpravy",
        &[
            "Zprávy o naplňování Plánu",
            "Zatím nebyla vydána žádná zpráva.",
        ],
    ),
    (
        "/data",
        &[
            "Otevřená data",
            "Projekty EU",
            "href=\"/data/ostrava/projekty.csv\"",
            "href=\"/data/ostrava.zip\"",
            "CC-BY-4.0",
        ],
    ),
    ("/hledat?q=bydleni", &["Bydlení", "value=\"bydleni\""]),
    ("/hledat", &["Hledat"]),
];

/// A client with no cookies and no JavaScript.
fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The page's HTML with non-breaking spaces as plain ones.
pub(super) async fn html(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
) -> (u16, reqwest::header::HeaderMap, String) {
    let mut request = plain_client().get(format!("{}{path}", app.url));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body");
    (status, headers, text.replace(['\u{a0}', '\u{202f}'], " "))
}

pub async fn public_pages_are_readable_without_javascript(app: TestApp) {
    if !tests::dist_dir().join("index.html").is_file() {
        panic!("dist/index.html is missing: run `cargo xtask dist` first (scripts/test.sh does)");
    }
    // A draft nobody published yet: no page may show it, not even in the data it carries.
    let admin = app.admin().await;
    let org = implementer_org(&app).await;
    let implementer = app.implementer(&admin, "ssr@psz.test", json!([org])).await;
    let (id, _) = indicator(&app).await;
    let draft = app
        .data_as(
            &implementer,
            WAVE,
            json!({ "i": { "specificGoal": "2.1.3", "refDate": "2026-06-30", "sourceNote": "Koncept", "values": [{ "indicatorId": id, "value": 4321 }] } }),
        )
        .await;
    assert_eq!(draft["recordIndicatorValues"][0]["published"], false);

    for (path, wanted) in PAGES {
        let (status, headers, page) = html(&app, path, None).await;
        assert_eq!(status, 200, "{path}: {page}");
        assert_eq!(
            headers["content-type"], "text/html; charset=utf-8",
            "{path}"
        );
        assert!(page.contains("<html lang=\"cs\">"), "{path}");
        assert!(
            page.contains("data-state=\"ready\"") || page.contains("data-state=\"empty\""),
            "{path} is rendered with its data: {page}"
        );
        assert!(page.contains("<h1"), "{path} has its heading");
        for text in wanted {
            assert!(
                page.contains(text),
                "{text:?} not in the HTML of {path}:\n{page}"
            );
        }
        for secret in ["4321", "4 321"] {
            assert!(
                !page.contains(secret),
                "the draft value is in the HTML of {path}"
            );
        }
        assert!(
            page.contains("<meta name=\"description\" content=\""),
            "{path}"
        );
        assert!(page.contains("<meta property=\"og:title\""), "{path}");
        assert!(
            page.contains("<link rel=\"canonical\" href=\"http"),
            "{path}"
        );
        let body = page.split("<body>").nth(1).expect("a body");
        assert!(
            body.starts_with("<a href=\"#obsah\" class=\"skip-link\">"),
            "the body is the app's HTML alone: {body:.200}"
        );
    }

    // The kept page answers a revalidation with 304, and follows a write.
    let (_, headers, before) = html(&app, "/cil/2.1.3", None).await;
    let etag = headers["etag"].to_str().expect("etag").to_owned();
    assert_eq!(headers["cache-control"], "no-cache");
    let again = plain_client()
        .get(format!("{}/cil/2.1.3", app.url))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("request");
    assert_eq!(again.status().as_u16(), 304);
    let coordinator = app.coordinator(&admin, "ssr-k@psz.test").await;
    let value = &draft["recordIndicatorValues"][0];
    app.data_as(
        &coordinator,
        "mutation($v: [RecordVersion!]!) { publishIndicatorValues(values: $v) { id } }",
        json!({ "v": [{ "id": value["id"], "version": value["version"] }] }),
    )
    .await;
    let (_, headers, after) = html(&app, "/cil/2.1.3", None).await;
    assert_ne!(
        headers["etag"].to_str().expect("etag"),
        etag,
        "a write changes the page"
    );
    assert!(
        !before.contains("4 321") && after.contains("4 321"),
        "the published value shows"
    );

    // English when the language cookie says so; the data stay the documents' Czech.
    let (_, _, english) = html(&app, "/", Some("psz_lang=en")).await;
    assert!(english.contains("<html lang=\"en\">"), "{english:.300}");
    assert!(english.contains("Overview") && english.contains("Bydlení"));

    // A wrong address and a wrong code: the not-found page, with status 404.
    for path in ["/nic/takoveho", "/opatreni/9.9.9.9"] {
        let (status, _, page) = html(&app, path, None).await;
        assert_eq!(status, 404, "{path}");
        assert!(page.contains("data-page=\"not-found\""), "{path}: {page}");
    }

    // Whatever the address carries is text, never markup.
    let (status, _, page) = html(
        &app,
        "/hledat?q=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert!(!page.contains("<script>alert(1)"), "{page}");
    assert!(!page.contains("</script><script>"), "{page}");

    // The bundle's files are named with their version in the page, and kept a year under it.
    let (_, _, home) = html(&app, "/", None).await;
    let start = home
        .split("<script type=\"module\" src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the start script");
    assert!(start.starts_with("/pkg/frontend_start.js?v="), "{start}");
    let (status, headers, _) = html(&app, start, None).await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let (_, headers, _) = html(&app, "/pkg/frontend_start.js", None).await;
    assert_eq!(
        headers["cache-control"], "no-cache",
        "unversioned: revalidated"
    );

    // For search engines: robots.txt and the sitemap of every public page.
    let (status, headers, robots) = html(&app, "/robots.txt", None).await;
    assert_eq!(status, 200);
    assert!(
        headers["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/plain")
    );
    assert!(
        robots.contains("Disallow: /graphql") && robots.contains("Sitemap: http"),
        "{robots}"
    );
    let (status, _, sitemap) = html(&app, "/sitemap.xml", None).await;
    assert_eq!(status, 200);
    for path in [
        "/</loc>",
        "/oblast/6</loc>",
        "/cil/2.1.3</loc>",
        "/opatreni/2.1.3.4</loc>",
        "/rizika</loc>",
    ] {
        assert!(sitemap.contains(path), "{path} in {sitemap}");
    }
    assert_eq!(
        sitemap.matches("<loc>").count(),
        sitemap.matches("</url>").count()
    );
}
