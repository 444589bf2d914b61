//! The meeting view at a round table: on a phone (390×844) and on a projector (1920×1080) its
//! figures are visible, nothing scrolls sideways, the QR code loads, axe-core finds no
//! violation; a screenshot of each goes to `target/screenshots/`. The area and goal pages
//! lead to it and it leads back.

use std::time::{Duration, Instant};

use super::{PHONE, page};

/// The meeting views and the goal whose figures each must show.
const VIEWS: [(&str, &str, &str); 2] = [
    ("/stul/oblast/2", "oblast-2", "2.1.3"),
    ("/stul/cil/2.1.3", "cil-2.1.3", "2.1.3"),
];

fn axe() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: npm install --prefix target/axe axe-core@4.14.1 (scripts/test.sh does)",
            path.display()
        )
    })
}

#[test]
fn the_meeting_view_reads_on_a_phone_and_on_a_projector() {
    let axe = axe();
    let p = page();
    let mut violations = Vec::new();
    for (width, height, screen) in [(PHONE.0, PHONE.1, "telefon"), (1920, 1080, "projektor")] {
        p.viewport(width, height);
        for (path, name, goal) in VIEWS {
            p.open(path, "meeting");
            // The goal's block is there and visible, with its progress figure.
            let visible = p.eval(&format!(
                "(() => {{ const el = document.querySelector(\"[data-live='{goal}'] [role='progressbar']\"); if (!el) return false; const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; }})()"
            ));
            assert_eq!(
                visible,
                serde_json::Value::Bool(true),
                "{path} at {width}: the goal's progress bar"
            );
            p.assert_text(&["Stav opatření", "Poslední změny", "%"]);
            assert_eq!(
                p.horizontal_overflow(),
                0,
                "{path} scrolls sideways at {width}×{height}"
            );
            // The QR code loads (an image with its own size) and says what it is for.
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                let loaded = p.eval(
                    "(() => { const img = document.querySelector('.meeting-qr img'); return !!img && img.complete && img.naturalWidth > 0; })()",
                );
                if loaded == serde_json::Value::Bool(true) {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "{path}: the QR code did not load"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
            assert_eq!(
                p.eval_string("document.querySelector('.meeting-qr img').alt"),
                "Otevřít na telefonu"
            );
            // On the projector the type is large; on the phone still readable.
            let size = p
                .eval("parseFloat(getComputedStyle(document.querySelector('.meeting')).fontSize)")
                .as_f64()
                .unwrap_or(0.0);
            let (least, screen_name) = if width >= 1920 {
                (24.0, "projector")
            } else {
                (16.0, "phone")
            };
            assert!(size >= least, "{path}: {size}px type on the {screen_name}");
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
                violations.push(format!("{path} at {width}: {violation}"));
            }
            p.screenshot(&format!("stul-{name}-{screen}"));
        }
    }
    p.viewport(PHONE.0, PHONE.1);
    assert!(
        violations.is_empty(),
        "axe-core violations: {violations:#?}"
    );
}

impl super::Session {
    /// Waits until the address is `path`, then until its page of kind `kind` is ready.
    fn arrive(&self, path: &str, kind: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.path() != path {
            assert!(
                Instant::now() < deadline,
                "{path} not reached: {}",
                self.path()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        self.wait_ready(kind);
    }
}

#[test]
fn the_goal_page_leads_to_its_meeting_view_and_back() {
    let p = page();
    p.open("/cil/2.1.3", "goal");
    p.click_link("a[href='/stul/cil/2.1.3']", "Režim pro jednání");
    p.arrive("/stul/cil/2.1.3", "meeting");
    p.click_link("a[href='/cil/2.1.3']", "Zpět");
    p.arrive("/cil/2.1.3", "goal");
    p.open("/oblast/2", "area");
    p.click_link("a[href='/stul/oblast/2']", "Režim pro jednání");
    p.arrive("/stul/oblast/2", "meeting");
    p.click_link("a[href='/stul/cil/2.1.3']", "2.1.3");
    p.arrive("/stul/cil/2.1.3", "meeting");
}
