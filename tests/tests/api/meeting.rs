//! The meeting views (`/stul/oblast/2`, `/stul/cil/2.1.3`) read as plain HTML: the figures
//! they show are those the ordinary area and goal pages show, from the public API's answer;
//! their latest changes are the newest dated values and statuses; unknown codes are not found.
//! `GET /qr.svg` is drawn (resvg) and decoded by an independent reader (rqrr) back to the
//! page's absolute address; bad `cesta` values are refused with the JSON error form.

use serde_json::{Value, json};
use shared::format::{self, Lang};
use shared::{Czk, Date};
use tests::TestApp;

/// A client with no cookies and no JavaScript.
fn plain_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// The status and HTML of a page.
async fn html(app: &TestApp, path: &str, cookie: Option<&str>) -> (u16, String) {
    let mut request = plain_client().get(format!("{}{path}", app.url));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

/// The text of `<body>` without tags, entities decoded as far as the figures need, every run
/// of white space (non-breaking spaces too) one space.
fn text_of(html: &str) -> String {
    let body = html.split("<body>").nth(1).unwrap_or(html);
    let mut text = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    squash(&text)
}

fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn date(value: &Value) -> Date {
    value
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a date: {value}"))
}

fn czk(amount: &Value) -> Czk {
    Czk::from_hellers(
        amount["hellers"]
            .as_str()
            .and_then(|h| h.parse().ok())
            .expect("hellers"),
    )
}

/// Every `<time datetime="…">` of the page, in order.
fn times(html: &str) -> Vec<Date> {
    html.split("<time datetime=\"")
        .skip(1)
        .map(|rest| {
            rest.split('"')
                .next()
                .and_then(|d| d.parse().ok())
                .expect("a date in datetime")
        })
        .collect()
}

/// The canonical address the page names for itself.
fn canonical(html: &str) -> String {
    html.split("<link rel=\"canonical\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a canonical link")
        .to_owned()
}

/// The dates of every published indicator value and status row of the answer's goals and
/// measures, for the latest changes.
fn dated(goals: &[&Value], measures: &[&Value]) -> Vec<Date> {
    let mut dates = Vec::new();
    for goal in goals {
        for indicator in goal["impactIndicators"].as_array().expect("indicators") {
            for value in indicator["values"].as_array().expect("values") {
                if let Some(d) = value["date"].as_str().and_then(|d| d.parse::<Date>().ok()) {
                    dates.push(d);
                }
            }
        }
    }
    for measure in measures {
        let mut seen = Vec::new();
        for row in measure["statuses"].as_array().expect("statuses") {
            if let Some(d) = row["date"].as_str().and_then(|d| d.parse::<Date>().ok())
                && !seen.contains(&d)
            {
                seen.push(d);
                dates.push(d);
            }
        }
    }
    dates.sort_unstable_by(|a, b| b.cmp(a));
    dates
}

/// The figures of one specific goal both pages must show: its progress in percent and each
/// indicator's latest value against its target.
fn goal_figures(goal: &Value) -> Vec<String> {
    let mut figures = Vec::new();
    if let Some(ratio) = goal["progress"]["ratio"].as_f64() {
        figures.push(format::percent(ratio, Lang::Cs));
    }
    for indicator in goal["impactIndicators"].as_array().expect("indicators") {
        let p = &indicator["progress"];
        if p.is_null() {
            continue;
        }
        figures.push(frontend::i18n::value_of_target(
            p["latest"].as_f64().expect("latest"),
            p["target"].as_f64().expect("target"),
            date(&p["date"]),
            Lang::Cs,
        ));
    }
    figures.into_iter().map(|f| squash(&f)).collect()
}

pub async fn meeting_views_show_the_figures_of_their_pages(app: TestApp) {
    if !tests::dist_dir().join("index.html").is_file() {
        panic!("dist/index.html is missing: run `cargo xtask dist` first (scripts/test.sh does)");
    }
    // The documents stay well within the cost limit.
    for (query, variables) in [
        (frontend::queries::MEETING_AREA, json!({ "code": "2" })),
        (frontend::queries::MEETING_GOAL, json!({ "code": "2.1.3" })),
    ] {
        let r = app.query(query, variables).await;
        assert!(r.get("errors").is_none(), "{r:#}");
        let cost = r["extensions"]["cost"]["requested"].as_u64().expect("cost");
        assert!(cost <= 25_000, "the meeting view's query costs {cost}");
    }

    // A specific goal: the same figures as its page, from the public API's answer.
    let goal = app
        .data(frontend::queries::SPECIFIC_GOAL, json!({ "code": "2.1.3" }))
        .await["specificGoal"]
        .clone();
    let statuses = app
        .data(
            "query($c: String!) { specificGoal(code: $c) { measures { code status { kind } statuses { date } budget { planned { hellers } drawn { hellers } } } } }",
            json!({ "c": "2.1.3" }),
        )
        .await["specificGoal"]["measures"]
        .clone();
    let (status, page) = html(&app, "/cil/2.1.3", None).await;
    assert_eq!(status, 200);
    let (status, meeting) = html(&app, "/stul/cil/2.1.3", None).await;
    assert_eq!(status, 200, "{meeting}");
    assert!(meeting.contains("data-page=\"meeting\""), "{meeting}");
    assert!(meeting.contains("data-state=\"ready\""));
    let (page_text, meeting_text) = (text_of(&page), text_of(&meeting));
    let figures = goal_figures(&goal);
    assert!(figures.len() >= 2, "the goal has figures: {figures:?}");
    for figure in &figures {
        assert!(
            page_text.contains(figure.as_str()),
            "{figure} on /cil/2.1.3"
        );
        assert!(
            meeting_text.contains(figure.as_str()),
            "{figure} not in the meeting view: {meeting_text}"
        );
    }
    assert!(meeting_text.contains(goal["targetText"].as_str().map(squash).unwrap().as_str()));
    // Measures by the status that counts, each measure with its code.
    let measures = statuses.as_array().expect("measures");
    for (kind, word) in [
        ("NOT_IMPLEMENTED", "Nerealizováno"),
        ("IN_PROGRESS", "V realizaci"),
        ("COMPLETED", "Dokončeno"),
    ] {
        let n = measures
            .iter()
            .filter(|m| m["status"]["kind"] == kind)
            .count();
        assert!(
            meeting_text.contains(&format!("{word} {n}")),
            "{word} {n} in {meeting_text}"
        );
    }
    for measure in measures {
        let code = measure["code"].as_str().expect("code");
        assert!(meeting.contains(&format!("data-live=\"{code}\"")), "{code}");
    }
    assert!(meeting.contains("data-live=\"2.1.3\""));
    // Money summed over the goal's measures, as the area sums them.
    let planned = measures
        .iter()
        .map(|m| czk(&m["budget"]["planned"]).hellers())
        .sum::<i64>();
    if planned > 0 {
        let text = squash(&format::czk_short(Czk::from_hellers(planned), Lang::Cs));
        assert!(meeting_text.contains(&text), "{text} in {meeting_text}");
    }
    // The latest changes: the newest dated values and statuses, newest first.
    let goal_refs = [&goal];
    let measure_refs: Vec<&Value> = measures.iter().collect();
    let want = dated(&goal_refs, &measure_refs);
    let shown = times(&meeting);
    assert_eq!(shown, want[..want.len().min(5)].to_vec(), "{meeting_text}");
    // The QR code of this very view, its address printed under it; the way back.
    let address = canonical(&meeting);
    assert!(address.ends_with("/stul/cil/2.1.3"), "{address}");
    assert!(
        meeting.contains("src=\"/qr.svg?cesta=%2Fstul%2Fcil%2F2.1.3\""),
        "{meeting}"
    );
    assert!(meeting.contains("alt=\"Otevřít na telefonu\""));
    assert!(meeting_text.contains(&address), "{address} printed");
    assert!(meeting.contains("href=\"/cil/2.1.3\""), "back to the goal");
    assert!(
        page.contains("href=\"/stul/cil/2.1.3\""),
        "the goal links its view"
    );

    // The area: its roll-up, statuses, money and every specific goal's figures.
    let area = app
        .data(frontend::queries::AREA, json!({ "code": "2" }))
        .await["area"]
        .clone();
    let area_measures = app
        .data(
            "query($c: String!) { area(code: $c) { measures { code statuses { date } } } }",
            json!({ "c": "2" }),
        )
        .await["area"]["measures"]
        .clone();
    let (_, page) = html(&app, "/oblast/2", None).await;
    let (status, meeting) = html(&app, "/stul/oblast/2", None).await;
    assert_eq!(status, 200, "{meeting}");
    let (page_text, meeting_text) = (text_of(&page), text_of(&meeting));
    let counts = &area["statusCounts"];
    for (field, word) in [
        ("notImplemented", "Nerealizováno"),
        ("inProgress", "V realizaci"),
        ("completed", "Dokončeno"),
    ] {
        let figure = format!("{word} {}", counts[field]);
        assert!(page_text.contains(&figure), "{figure} on /oblast/2");
        assert!(meeting_text.contains(&figure), "{figure} in {meeting_text}");
    }
    for amount in [&area["budget"]["planned"], &area["budget"]["drawn"]] {
        let text = squash(&format::czk_short(czk(amount), Lang::Cs));
        assert!(page_text.contains(&text), "{text} on /oblast/2");
        assert!(meeting_text.contains(&text), "{text} in {meeting_text}");
    }
    if let Some(attainment) = area["progress"]["attainment"].as_f64() {
        let text = squash(&format::percent(attainment, Lang::Cs));
        assert!(page_text.contains(&text), "{text} on /oblast/2");
        assert!(meeting_text.contains(&text), "{text} in {meeting_text}");
    }
    let mut goals = Vec::new();
    for strategic in area["strategicGoals"].as_array().expect("strategic goals") {
        for goal in strategic["specificGoals"].as_array().expect("goals") {
            let code = goal["code"].as_str().expect("code");
            assert!(meeting.contains(&format!("data-live=\"{code}\"")), "{code}");
            assert!(meeting.contains(&format!("href=\"/stul/cil/{code}\"")));
            if let Some(ratio) = goal["progress"]["ratio"].as_f64() {
                let text = squash(&format::percent(ratio, Lang::Cs));
                assert!(page_text.contains(&text), "{text} of {code} on /oblast/2");
                assert!(meeting_text.contains(&text), "{text} of {code}");
            }
            goals.push(goal);
        }
    }
    let measure_refs: Vec<&Value> = area_measures.as_array().expect("measures").iter().collect();
    let want = dated(&goals, &measure_refs);
    assert_eq!(times(&meeting), want[..want.len().min(5)].to_vec());
    assert!(meeting.contains("src=\"/qr.svg?cesta=%2Fstul%2Foblast%2F2\""));
    assert!(
        page.contains("href=\"/stul/oblast/2\""),
        "the area links its view"
    );

    // In English, the image says so.
    let (_, english) = html(&app, "/stul/oblast/2", Some("psz_lang=en")).await;
    assert!(english.contains("alt=\"Open on your phone\""), "{english}");
    assert!(english.contains("Meeting view"));

    // Unknown areas and goals (and a strategic goal, which has no meeting view).
    for path in [
        "/stul/oblast/9",
        "/stul/oblast/x",
        "/stul/cil/9.9.9",
        "/stul/cil/2.1",
        "/stul/cil/2.1.3.4",
    ] {
        let (status, page) = html(&app, path, None).await;
        assert_eq!(status, 404, "{path}");
        assert!(page.contains("data-page=\"not-found\""), "{path}");
    }
}

/// The QR code's SVG drawn and decoded back to its text.
fn decode_qr(svg: &str) -> String {
    let options = resvg::usvg::Options::default();
    let tree = resvg::usvg::Tree::from_str(svg, &options).expect("an SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).expect("a canvas");
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let (w, h) = (pixmap.width() as usize, pixmap.height() as usize);
    let data = pixmap.data();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| data[(y * w + x) * 4]);
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("a readable code").1
}

pub async fn the_qr_code_reads_back_to_the_pages_address(app: TestApp) {
    let (_, meeting) = html(&app, "/stul/cil/2.1.3", None).await;
    let address = if meeting.contains("<link rel=\"canonical\"") {
        canonical(&meeting)
    } else {
        // Without the bundle no page is rendered; the address is the configured one.
        format!("{}/stul/cil/2.1.3", app.url)
    };
    let response = app.get("/qr.svg?cesta=/stul/cil/2.1.3").await;
    assert_eq!(response.status().as_u16(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "image/svg+xml");
    assert!(
        headers["cache-control"]
            .to_str()
            .expect("cache-control")
            .contains("max-age="),
        "kept long"
    );
    let etag = headers["etag"].to_str().expect("etag").to_owned();
    let svg = response.text().await.expect("svg");
    assert!(svg.contains("<svg"), "{svg:.200}");
    for unwanted in ["<script", "onload", "href", "<foreignObject", "style="] {
        assert!(!svg.contains(unwanted), "{unwanted} in {svg:.200}");
    }
    assert_eq!(decode_qr(&svg), address);
    let again = app
        .get_with("/qr.svg?cesta=/stul/cil/2.1.3", &[("if-none-match", &etag)])
        .await;
    assert_eq!(again.status().as_u16(), 304);
    // Another page, another code and tag.
    let other = app.get("/qr.svg?cesta=%2Fstul%2Foblast%2F2").await;
    assert_ne!(other.headers()["etag"].to_str().expect("etag"), etag);
    let other = other.text().await.expect("svg");
    assert!(decode_qr(&other).ends_with("/stul/oblast/2"));

    // What is no public page of this site is refused, as JSON with a code.
    let long = format!("/hledat?q={}", "a".repeat(200));
    for (cesta, status, code) in [
        ("", 400, "BAD_REQUEST"),
        ("cesta=", 400, "BAD_REQUEST"),
        ("cesta=https://evil.example/", 400, "BAD_REQUEST"),
        ("cesta=//evil.example/stul/cil/2.1.3", 400, "BAD_REQUEST"),
        ("cesta=/stul/cil/2.1.3%0A", 400, "BAD_REQUEST"),
        ("cesta=/stul/cil/%3Cscript%3E", 400, "BAD_REQUEST"),
        ("cesta=/stul/cil/2.1.3&cesta=/", 400, "BAD_REQUEST"),
        (&format!("cesta={long}"), 400, "BAD_REQUEST"),
        ("cesta=/graphql", 404, "NOT_FOUND"),
        ("cesta=/sprava", 404, "NOT_FOUND"),
        ("cesta=/stul/cil/x", 404, "NOT_FOUND"),
    ] {
        let response = app.get(&format!("/qr.svg?{cesta}")).await;
        assert_eq!(response.status().as_u16(), status, "{cesta}");
        let body: Value = response.json().await.expect("JSON");
        assert_eq!(tests::code_of(&body), code, "{cesta}: {body}");
    }
}
