//! Live updates: two readers on a goal's page see a value a coordinator publishes through the
//! API without reloading — the new row in place, highlighted, the live line saying it, the
//! reader's scroll position kept — and never see a draft.
//!
//! Goal 3.1.1's first indicator at 31. 3. 2026 is this test's own: no other test writes it.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{READY_TIMEOUT, env, page};
use crate::cdp::Tab;

const GOAL: &str = "3.1.1";
const DATE: &str = "2026-03-31";
const DATE_SHOWN: &str = "31. 3. 2026";
const VALUE: &str = "83";

/// Records, in the page, whatever the live update does: elements given the highlight class,
/// and a marker a reload would lose.
const WATCH: &str = "(() => {
    window.__pszLive = { flashed: new Set(), kept: true };
    new MutationObserver((records) => {
        for (const r of records) {
            if (r.target.classList && r.target.classList.contains('live-changed')) {
                window.__pszLive.flashed.add(r.target);
            }
        }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] });
    return true;
})()";

/// What a tab shows of this test's value and of the live update.
const STATE: &str = "(() => {
    const rows = [...document.querySelectorAll('article.page[data-page=\"goal\"] tr[data-live=\"3.1.1\"]')]
        .map(r => r.innerText.replace(/\\u00a0/g, ' '));
    const line = document.getElementById('live-line');
    return {
        row: rows.find(t => t.includes('31. 3. 2026')) || null,
        line: line ? line.textContent.trim() : null,
        lineShown: !!line && line.classList.contains('live-line-shown'),
        kept: !!(window.__pszLive && window.__pszLive.kept),
        flashed: window.__pszLive ? [...window.__pszLive.flashed].map(e => e.innerText.replace(/\\u00a0/g, ' ')) : [],
        reads: performance.getEntriesByType('resource').filter(e => e.name.endsWith('/graphql')).length,
        state: (document.querySelector('article.page') || {}).dataset?.state || null,
    };
})()";

fn eval(tab: &Tab, js: &str) -> Value {
    tab.evaluate(js).expect("evaluate")
}

fn state(tab: &Tab) -> Value {
    eval(tab, STATE)
}

/// Waits until `selector` matches in `tab`.
fn wait_for(tab: &Tab, selector: &str, what: &str) {
    let deadline = Instant::now() + READY_TIMEOUT;
    while !tab.exists(selector).unwrap_or(false) {
        assert!(
            Instant::now() < deadline,
            "{what}: no {selector}; errors: {}; {}",
            eval(tab, "JSON.stringify(window.__pszErrors || [])"),
            eval(
                tab,
                "JSON.stringify({ app: document.documentElement.dataset, state: (document.querySelector('article.page') || {}).outerHTML?.slice(0, 300), res: performance.getEntriesByType('resource').map(e => e.name + ' ' + e.responseStatus), url: location.href })"
            )
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Opens the goal's page in `tab`, waits until the app runs and its subscription is open, and
/// starts watching.
fn open(tab: &Tab, base: &str) {
    tab.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "window.__pszErrors = []; { const original = console.error.bind(console); console.error = (...args) => { window.__pszErrors.push(args.map(String).join(' ')); original(...args); }; } addEventListener('error', (e) => window.__pszErrors.push(String(e.message)));" }),
    )
    .expect("record errors");
    tab.navigate_to(&format!("{base}/cil/{GOAL}"))
        .expect("navigate");
    wait_for(
        tab,
        "html[data-app='ready'] article.page[data-page='goal'][data-state='ready']",
        "the goal page",
    );
    wait_for(
        tab,
        "html[data-live-socket='open']",
        "the live subscription",
    );
    assert_eq!(eval(tab, WATCH), Value::Bool(true));
}

#[test]
fn two_readers_see_a_published_value_in_place_and_never_a_draft() {
    super::staff::staff_accounts();
    let env = env();
    let p = page();
    let other = env.browser.new_window().expect("a second window");
    other.set_default_timeout(READY_TIMEOUT);
    other
        .call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false }),
        )
        .expect("desktop viewport");
    open(&p.tab, &p.base);
    open(&other, &p.base);
    let tabs = [&p.tab, &other];

    // The live line is in the server's page from the start, empty and polite.
    for tab in tabs {
        let line = eval(
            tab,
            "(() => { const l = document.getElementById('live-line'); return l && [l.getAttribute('aria-live'), l.textContent.trim(), !!l.closest('header')]; })()",
        );
        assert_eq!(line, json!(["polite", "", true]));
        assert_eq!(
            state(tab)["row"],
            Value::Null,
            "the value is this test's own"
        );
    }
    // The desktop reader has scrolled down to the goal's measures, below the indicators.
    let measures_top =
        "document.querySelector('article.page .measures').getBoundingClientRect().top";
    eval(
        &other,
        "(() => { const m = document.querySelector('article.page .measures'); window.scrollTo(0, m.getBoundingClientRect().top + window.scrollY - 120); return true; })()",
    );
    std::thread::sleep(Duration::from_millis(200));
    let top_before = eval(&other, measures_top).as_f64().expect("top");
    let scrolled = eval(&other, "window.scrollY").as_f64().expect("scrollY");
    assert!(scrolled > 500.0, "the reader is down the page: {scrolled}");

    let (coordinator, indicator) = env._runtime.block_on(async {
        let app = &env._app;
        let coordinator = app
            .login("koordinator@psz.test", tests::TEST_PASSWORD)
            .await
            .expect("the coordinator signs in");
        let goal = app
            .data(
                "query($c: String!) { specificGoal(code: $c) { impactIndicators { id values { date } } } }",
                json!({ "c": GOAL }),
            )
            .await;
        let first = goal["specificGoal"]["impactIndicators"][0].clone();
        assert!(
            !first["values"]
                .as_array()
                .expect("values")
                .iter()
                .any(|v| v["date"] == DATE),
            "{first}"
        );
        (coordinator, first["id"].clone())
    });
    let reads_before: Vec<Value> = tabs.iter().map(|t| state(t)["reads"].clone()).collect();

    // A draft: the public pages neither change nor say anything, nor even re-read.
    let draft = env._runtime.block_on(env._app.data_as(
        &coordinator,
        "mutation($i: MonitoringWaveInput!) { recordIndicatorValues(input: $i) { id version published } }",
        json!({ "i": { "specificGoal": GOAL, "refDate": DATE, "sourceNote": "Živý test: koncept", "values": [{ "indicatorId": indicator, "value": 83 }] } }),
    ));
    let draft = draft["recordIndicatorValues"][0].clone();
    assert_eq!(draft["published"], Value::Bool(false), "{draft}");
    let quiet_until = Instant::now() + Duration::from_secs(2);
    while Instant::now() < quiet_until {
        for (tab, reads) in tabs.iter().zip(&reads_before) {
            let s = state(tab);
            assert_eq!(s["row"], Value::Null, "a draft is public: {s}");
            assert_eq!(s["line"], json!(""), "a draft was announced: {s}");
            assert_eq!(s["flashed"], json!([]), "a draft was highlighted: {s}");
            assert_eq!(
                &s["reads"], reads,
                "a draft made the public page re-read: {s}"
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }

    // The coordinator publishes it.
    env._runtime.block_on(env._app.data_as(
        &coordinator,
        "mutation($p: String!, $v: [RecordVersion!]!) { publishIndicatorValues(plan: $p, values: $v) { id } }",
        json!({ "p": "ostrava", "v": [{ "id": draft["id"], "version": draft["version"] }] }),
    ));
    let published = Instant::now();
    for tab in tabs {
        let deadline = Instant::now() + Duration::from_secs(10);
        let s = loop {
            let s = state(tab);
            if s["row"].is_string() && s["line"].as_str().is_some_and(|l| !l.is_empty()) {
                break s;
            }
            assert!(
                Instant::now() < deadline,
                "the published value did not arrive within 10 s: {s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let row = s["row"].as_str().unwrap_or_default();
        assert!(row.contains(DATE_SHOWN) && row.contains(VALUE), "{s}");
        assert_eq!(s["kept"], Value::Bool(true), "the page was reloaded: {s}");
        assert_eq!(s["state"], json!("ready"), "{s}");
        let line = s["line"].as_str().unwrap_or_default();
        assert!(
            line.starts_with("Aktualizováno v")
                && line.ends_with(&format!(": nová hodnota indikátoru cíle {GOAL}.")),
            "{s}"
        );
        assert_eq!(s["lineShown"], Value::Bool(true), "{s}");
        let flashed = s["flashed"].as_array().cloned().unwrap_or_default();
        assert!(
            flashed
                .iter()
                .any(|t| t.as_str().is_some_and(|t| t.contains(DATE_SHOWN))),
            "the new row was not highlighted: {s}"
        );
        // Only what changed: the new row, the indicator's progress and the goal's, not the
        // other rows and indicators.
        assert_eq!(
            flashed.len(),
            3,
            "not only what changed was highlighted: {s}"
        );
    }
    eprintln!(
        "live update: both tabs showed the value {} ms after publishing",
        published.elapsed().as_millis()
    );
    p.screenshot("live-update");
    let top_after = eval(&other, measures_top).as_f64().expect("top");
    assert!(
        (top_after - top_before).abs() < 2.0,
        "what the reader looked at moved from {top_before} to {top_after} px"
    );
    // The highlight is brief.
    std::thread::sleep(Duration::from_millis(3_600));
    for tab in tabs {
        assert_eq!(
            eval(tab, "document.querySelectorAll('.live-changed').length"),
            json!(0)
        );
    }
}
