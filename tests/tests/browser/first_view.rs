//! The first view: public pages arrive rendered by the server and the app takes them over as
//! they are (hydration); on a throttled phone nothing jumps.

use std::time::{Duration, Instant};

use super::{PROFILES, Session, page};

/// Every public page: its address and its `data-page`.
pub(super) const PUBLIC: [(&str, &str); 14] = [
    ("/", "overview"),
    ("/oblast/2", "area"),
    ("/cil/2.1.3", "goal"),
    ("/opatreni/2.1.3.4", "measure"),
    ("/stul/oblast/2", "meeting"),
    ("/stul/cil/2.1.3", "meeting"),
    ("/indikatory", "indicators"),
    ("/rozpocet", "budget"),
    ("/rizika", "risks"),
    ("/harmonogram", "timeline"),
    ("/zpravy", "reports"),
    ("/data", "open-data"),
    ("/hledat?q=bydleni", "search"),
    ("/tohle-neexistuje", "not-found"),
];

/// Records what the page reports to the console as an error (a panic of the app, a failed
/// hydration) and every uncaught exception, in `window.__pszErrors`.
const RECORD_ERRORS: &str = "window.__pszErrors = []; { const original = console.error.bind(console); console.error = (...args) => { window.__pszErrors.push(args.map(String).join(' ')); original(...args); }; } addEventListener('error', (e) => window.__pszErrors.push(String(e.message)));";

/// Records layout shifts, the largest contentful paint and long tasks in `window.__pszPerf`.
const RECORD_PERF: &str = "window.__pszPerf = { cls: 0, lcp: 0, long: [] }; new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__pszPerf.cls += e.value; }).observe({ type: 'layout-shift', buffered: true }); new PerformanceObserver((l) => { const all = l.getEntries(); window.__pszPerf.lcp = all[all.length - 1].startTime; }).observe({ type: 'largest-contentful-paint', buffered: true }); new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__pszPerf.long.push(Math.round(e.duration)); }).observe({ type: 'longtask', buffered: true });";

impl Session {
    pub(super) fn on_every_document(&self, source: &str) {
        self.tab
            .call(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({ "source": source }),
            )
            .expect("script on every document");
    }

    fn scripts(&self, enabled: bool) {
        self.tab
            .call(
                "Emulation.setScriptExecutionDisabled",
                serde_json::json!({ "value": !enabled }),
            )
            .expect("script execution");
    }

    /// The text of the page's `<main>`.
    fn main_text(&self) -> String {
        self.eval_string("document.querySelector('main').innerText")
            .replace(['\u{a0}', '\u{202f}'], " ")
    }
}

/// The server's HTML of every public page is what the app shows once it has taken the page
/// over: the same text, no error on the console (a hydration that fails panics, and the panic
/// hook reports it there), and the app runs (`data-app`). Without JavaScript the page is there
/// in full.
#[test]
fn every_public_page_is_taken_over_as_the_server_rendered_it() {
    let p = page();
    p.on_every_document(RECORD_ERRORS);
    for (path, kind) in PUBLIC {
        p.scripts(false);
        p.tab
            .navigate_to(&format!("{}{path}", p.base))
            .expect("loaded");
        let state = p.eval_string(
            "(() => { const a = document.querySelector('article.page'); return a ? a.dataset.page + ':' + a.dataset.state : 'none'; })()",
        );
        assert!(
            state == format!("{kind}:ready") || state == format!("{kind}:empty"),
            "{path} without JavaScript: {state}"
        );
        assert_eq!(
            p.eval_string("document.documentElement.dataset.app || ''"),
            "",
            "no script ran"
        );
        let server = p.main_text();

        p.scripts(true);
        p.open(path, kind);
        let app = p.main_text();
        assert_eq!(
            server, app,
            "{path}: the app changed the server's page when it took it over"
        );
        let errors = p.eval_json("window.__pszErrors");
        assert_eq!(
            errors,
            serde_json::json!([]),
            "{path}: errors on the console"
        );
        // Taking over keeps the server's text as it is, so a page the app would render
        // differently could hide: switched to English and back, the app renders it anew from
        // the same data, and it must read as the server's.
        p.switch_language("en");
        p.switch_language("cs");
        p.wait_ready(kind);
        assert_eq!(
            server,
            p.main_text(),
            "{path}: the app renders another page than the server"
        );
    }
}

impl Session {
    /// Clicks the language switch and waits until the page is in `lang`.
    fn switch_language(&self, lang: &str) {
        self.tab.click("#lang-switch").expect("the language switch");
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.eval_string("document.documentElement.lang") != lang {
            assert!(Instant::now() < deadline, "lang did not become {lang}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// After taking a page over, the app is the app: a link changes the page without loading a
/// new document, and the language switch re-renders it in place.
#[test]
fn a_page_taken_over_navigates_in_place() {
    let p = page();
    p.open("/opatreni/2.1.3.4", "measure");
    p.eval("window.__pszSameDocument = true");
    p.click_link("a[href='/cil/2.1.3']", "");
    p.wait_ready("goal");
    assert_eq!(p.path(), "/cil/2.1.3");
    assert_eq!(
        p.eval("window.__pszSameDocument === true"),
        serde_json::Value::Bool(true),
        "the link was followed by the app, not by a new page load"
    );
}

/// axe-core finds no accessibility violation on any public page, as the app shows it (after
/// taking the server's page over). `scripts/test.sh` installs axe-core into `target/axe/`.
#[test]
fn public_pages_have_no_accessibility_violations() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/axe/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: npm install --prefix target/axe axe-core@4.14.1 (scripts/test.sh does)",
            path.display()
        )
    });
    let p = page();
    let mut found = Vec::new();
    for (path, kind) in PUBLIC {
        p.open(path, kind);
        p.eval(&axe);
        let result = p.eval_string(
            "axe.run().then((r) => JSON.stringify({ passes: r.passes.length, violations: r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].target}`) }))",
        );
        let result: serde_json::Value = serde_json::from_str(&result)
            .unwrap_or_else(|_| panic!("axe-core did not run on {path}: {result:?}"));
        assert!(
            result["passes"].as_u64().unwrap_or(0) > 10,
            "{path}: axe checked nothing"
        );
        for violation in result["violations"].as_array().into_iter().flatten() {
            found.push(format!("{path}: {violation}"));
        }
    }
    assert!(found.is_empty(), "axe-core violations: {found:#?}");
}

/// A benchmark with one assertion: every public page under Lighthouse's mobile throttling
/// (slow 4G, 4× slower CPU, no cache), its largest contentful paint, layout shift and long
/// tasks printed; only a layout shift over 0.1 fails (the one figure stable enough for a
/// test). `cargo test -p tests --test browser first_view -- --nocapture`.
#[test]
fn public_pages_on_a_throttled_phone_do_not_jump() {
    let p = page();
    p.on_every_document(RECORD_PERF);
    let mut shifted = Vec::new();
    for (path, kind) in PUBLIC {
        p.throttle(Some(&PROFILES[0]));
        p.open(path, kind);
        // Let the last paints and shifts arrive.
        let settle = Instant::now() + Duration::from_millis(800);
        while Instant::now() < settle {
            std::thread::sleep(Duration::from_millis(100));
        }
        let perf = p.eval_json("window.__pszPerf");
        let cls = perf["cls"].as_f64().unwrap_or(f64::NAN);
        let long: Vec<i64> = perf["long"]
            .as_array()
            .map(|a| a.iter().filter_map(serde_json::Value::as_i64).collect())
            .unwrap_or_default();
        let blocking: i64 = long.iter().map(|d| (d - 50).max(0)).sum();
        eprintln!(
            "{path}: LCP {:.0} ms, CLS {cls:.3}, long tasks {long:?} (blocking {blocking} ms)",
            perf["lcp"].as_f64().unwrap_or(f64::NAN)
        );
        if cls.is_nan() || cls > 0.1 {
            shifted.push(format!("{path}: {cls:.3}"));
        }
    }
    p.throttle(None);
    assert!(shifted.is_empty(), "layout shifts over 0.1: {shifted:?}");
}
