//! Offline and installable (issue 18): the service worker (`frontend/sw.js`) keeps the pages
//! and answers a person opened; with the network off a reload shows the last data with the
//! offline note, and the note goes once the network is back. Signed-in answers are never
//! stored, and signing out forgets what was.
//!
//! A page's network emulation does not cover its service worker's own requests, so the tests
//! switch the worker's network off too (its own `DevTools` target). The browser profile is every
//! test's: the worker asks the network first, so the other tests see what the server says.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::cdp::Other;
use super::{Session, page};

/// How long the worker may take to install (it stores the app shell first) and take the page.
const WORKER_TIMEOUT: Duration = Duration::from_secs(30);
/// How long the note may take to go once the network is back: the `online` event, else the
/// next retry (every 20 s).
const BACK_TIMEOUT: Duration = Duration::from_secs(45);

/// The stored pages and answers: cache, path, when stored.
const STORED: &str = "(async () => { const out = []; for (const name of await caches.keys()) { if (!/^psz-(pages|data)-/.test(name)) continue; const cache = await caches.open(name); for (const request of await cache.keys()) { const hit = await cache.match(request); out.push([name, new URL(request.url).pathname + new URL(request.url).search, hit ? hit.headers.get('X-PSZ-Stored') : null]); } } return out; })()";
/// Every address in any cache of this origin.
const EVERY_CACHED: &str = "(async () => { const out = []; for (const name of await caches.keys()) { const cache = await caches.open(name); for (const request of await cache.keys()) out.push(name + ' ' + new URL(request.url).pathname + new URL(request.url).search); } return out; })()";

impl Session {
    /// Waits until `js` is `true`.
    fn wait_js(&self, js: &str, what: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            // A page reloading cannot answer yet: that is "not yet".
            if let Ok(Value::Bool(true)) = self.tab.evaluate(js) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{what}: not so after {timeout:?} at {}:\n{}",
                self.tab.get_url(),
                self.text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the service worker controls the page.
    fn wait_for_worker(&self) {
        self.wait_js(
            "!!(navigator.serviceWorker && navigator.serviceWorker.controller)",
            "the service worker controls the page",
            WORKER_TIMEOUT,
        );
    }

    fn stored(&self) -> Vec<(String, String, Option<String>)> {
        serde_json::from_value(self.eval(STORED)).expect("stored entries")
    }

    /// Switches the network of the page and of its service worker off or on.
    fn network(&self, worker: &Other, online: bool) {
        let conditions = json!({ "offline": !online, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 });
        self.tab.call("Network.enable", json!({})).expect("network");
        self.tab
            .call("Network.emulateNetworkConditions", conditions.clone())
            .expect("the page's network");
        worker.call("Network.enable", json!({})).expect("network");
        worker
            .call("Network.emulateNetworkConditions", conditions)
            .expect("the worker's network");
    }

    /// The offline note's text, if the page shows one.
    fn offline_note(&self) -> Option<String> {
        let note = self.eval_string(
            "(() => { const n = document.querySelector('[role=status] > .offline-note'); return n ? n.innerText : ''; })()",
        );
        (!note.is_empty()).then(|| note.replace(['\u{a0}', '\u{202f}'], " "))
    }

    /// Today in the browser, as the Czech note writes it (`4. 12. 2026`).
    fn browser_today(&self) -> String {
        self.eval_string(
            "(() => { const d = new Date(); return `${d.getDate()}. ${d.getMonth() + 1}. ${d.getFullYear()}`; })()",
        )
    }
}

#[test]
fn opened_pages_stay_readable_offline_with_a_note_that_goes_when_the_network_returns() {
    let p = page();
    p.open("/cil/2.1.3", "goal");
    p.wait_for_worker();
    // The measure through the app (its answer stored), then the area loaded whole (its HTML).
    p.click_link("a[href='/opatreni/2.1.3.4']", "");
    p.wait_ready("measure");
    p.wait_js(
        &format!("{STORED}.then(s => s.some(([c]) => c.startsWith('psz-data-')))"),
        "the measure's answer is stored",
        Duration::from_secs(10),
    );
    p.open("/oblast/2", "area");
    p.wait_js(
        &format!("{STORED}.then(s => s.some(([c, path]) => c.startsWith('psz-pages-') && path === '/oblast/2'))"),
        "the area's page is stored",
        Duration::from_secs(10),
    );
    assert_eq!(p.offline_note(), None, "online, no note");

    let worker = p
        .tab
        .attach_other("service_worker", &format!("{}/sw.js", p.base))
        .expect("the service worker's target");
    p.network(&worker, false);
    assert_eq!(p.eval("navigator.onLine"), Value::Bool(false));

    // A reload without a network: the stored page, its data, the note.
    p.tab.reload_normally().expect("reload offline");
    p.wait_ready("area");
    p.assert_text(&["Prevence kriminality", "2.1.3"]);
    p.wait_js(
        "!!document.querySelector('.offline-note')",
        "the offline note",
        Duration::from_secs(10),
    );
    let today = p.browser_today();
    let note = p.offline_note().expect("the note");
    assert!(
        note.starts_with(&format!("offline — data z {today} ")),
        "{note:?} (today {today})"
    );
    assert!(
        note.rsplit(' ')
            .next()
            .is_some_and(|t| t.len() >= 4 && t.contains(':')),
        "{note:?} ends with the time"
    );
    p.screenshot("offline-area");

    // Through the app to the measure: its stored answer, and the note again.
    p.click_link("a[href='/opatreni/2.1.3.4']", "");
    p.wait_ready("measure");
    p.assert_text(&["Slezská diakonie"]);
    assert!(
        p.offline_note()
            .is_some_and(|n| n.starts_with("offline — data z ")),
        "the stored answer is marked: {}",
        p.text()
    );

    // The network returns: the page reads its data again and the note goes.
    p.eval("window.__pszOfflineMark = performance.now()");
    p.network(&worker, true);
    p.wait_js(
        "!document.querySelector('.offline-note') && document.querySelector(\"article.page[data-page='measure'][data-state='ready']\") !== null",
        "the note goes once the network is back",
        BACK_TIMEOUT,
    );
    // Either the page loaded again, or it read its data again in place.
    p.wait_js(
        "window.__pszOfflineMark === undefined || performance.getEntriesByType('resource').some(e => e.name.endsWith('/graphql') && e.startTime > window.__pszOfflineMark)",
        "the data were read again",
        Duration::from_secs(10),
    );
    p.wait_ready("measure");
    p.assert_text(&["Slezská diakonie"]);
    drop(worker);
}

#[test]
fn a_never_opened_address_offline_gets_the_workers_page() {
    let p = page();
    p.open("/rizika", "risks");
    p.wait_for_worker();
    let worker = p
        .tab
        .attach_other("service_worker", &format!("{}/sw.js", p.base))
        .expect("the service worker's target");
    p.network(&worker, false);
    // A search nobody ran on this device.
    let never = format!("{}/hledat?q=offline-{}", p.base, std::process::id());
    p.tab.navigate_to(&never).expect("navigate offline");
    p.wait_js(
        "document.querySelector(\"article[data-page='offline']\") !== null",
        "the worker's offline page",
        Duration::from_secs(10),
    );
    p.assert_text(&["Jste offline", "You are offline"]);
    p.network(&worker, true);
}

#[test]
fn signed_in_answers_are_never_stored_and_signing_out_forgets_the_stored_ones() {
    super::staff::staff_accounts();
    let p = page();
    p.open("/cil/2.1.3", "goal");
    p.wait_for_worker();
    p.click_link("a[href='/opatreni/2.1.3.4']", "");
    p.wait_ready("measure");
    p.open("/oblast/2", "area");
    p.wait_js(
        &format!("{STORED}.then(s => s.some(([c]) => c.startsWith('psz-data-')) && s.some(([c]) => c.startsWith('psz-pages-')))"),
        "public pages and answers are stored",
        Duration::from_secs(10),
    );

    let signing_in = p.eval_string("new Date().toISOString()");
    p.sign_in("koordinator@psz.test");
    p.wait_for_worker();
    // Signed in: a staff page, and a public page through the staff app (a signed-in answer).
    p.click_link("a.brand", "");
    p.wait_ready("overview");
    p.click_link("a[href='/oblast/2']", "");
    p.wait_ready("area");
    let signing_out = p.eval_string("new Date().toISOString()");
    // Let a store under way finish before looking.
    std::thread::sleep(Duration::from_millis(500));
    let while_signed_in: Vec<_> = p
        .stored()
        .into_iter()
        .filter(|(_, _, at)| {
            at.as_deref()
                .is_some_and(|at| at >= signing_in.as_str() && at <= signing_out.as_str())
        })
        .collect();
    assert!(
        while_signed_in.is_empty(),
        "stored while signed in: {while_signed_in:?}"
    );
    let every: Vec<String> = serde_json::from_value(p.eval(EVERY_CACHED)).expect("cached");
    assert!(
        every.iter().all(|entry| ![
            "staff",
            "/prihlaseni",
            "/zadavani",
            "/sprava",
            "/uzivatele",
            "/historie"
        ]
        .iter()
        .any(|s| entry.contains(s))),
        "staff files or pages stored: {every:?}"
    );

    p.eval("document.getElementById('logout').click()");
    // Everything stored is gone, and the overview the staff app then shows is not stored.
    p.wait_js(
        &format!("{STORED}.then(s => s.length === 0)"),
        "signing out forgets the stored pages and answers",
        Duration::from_secs(10),
    );
    p.wait_ready("overview");
    p.wait_js(
        "!document.getElementById('logout')",
        "signed out",
        Duration::from_secs(10),
    );
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(p.stored(), Vec::new(), "stored after signing out");
}
