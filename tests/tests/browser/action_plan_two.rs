//! Action Plan II written in the browser (issue 19): a coordinator carries area 1 of Action
//! Plan I over, changes one measure, adds one and approves; the comparison page names exactly
//! those differences; the public switches between the two plans and links keep the choice.
//!
//! On a server of its own: once approved, Action Plan II is the one in force, which the other
//! tests' pages (on the shared server) must not see.

use serde_json::{Value, json};
use tests::{Db, TestApp};

use super::{Session, env, page};

impl Session {
    /// Chooses `value` in the select with id `id`, as a person would.
    fn choose(&self, id: &str, value: &str) {
        let done = self.eval(&format!(
            "(async () => {{ const el = document.getElementById({id}); if (!el) return false; el.value = {value}; el.dispatchEvent(new Event('change', {{ bubbles: true }})); await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))); return el.value === {value}; }})()",
            id = serde_json::to_string(id).expect("json"),
            value = serde_json::to_string(value).expect("json"),
        ));
        assert_eq!(done, Value::Bool(true), "no option {value:?} in #{id}");
    }

    /// The address's query (`?ap=1`).
    fn search(&self) -> String {
        self.eval_string("location.search")
    }

    /// Waits until the address's query is `wanted` (a link that loads a new page).
    fn wait_search(&self, wanted: &str) {
        let deadline = std::time::Instant::now() + super::READY_TIMEOUT;
        while self.search() != wanted {
            assert!(
                std::time::Instant::now() < deadline,
                "the address never became {wanted:?}: {}",
                self.tab.get_url()
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

#[test]
fn a_coordinator_writes_action_plan_two_and_the_public_switches_between_plans() {
    let p = page();
    let env = env();
    let (app, area1) = env._runtime.block_on(async {
        let app = TestApp::spawn(Db::Sqlite).await;
        app.clock.set(shared::Date::new(2026, 3, 1));
        let admin = app.admin().await;
        app.coordinator(&admin, "koordinator@psz.test").await;
        let measures = app
            .data("{ measures(filter: { area: \"1\" }) { code } }", json!({}))
            .await;
        let codes: Vec<String> = measures["measures"]
            .as_array()
            .expect("measures")
            .iter()
            .filter_map(|m| m["code"].as_str().map(str::to_owned))
            .collect();
        (app, codes)
    });
    let all = env._runtime.block_on(async {
        app.data("{ measures { code } }", json!({})).await["measures"]
            .as_array()
            .map_or(0, Vec::len)
    });
    let p = p.on(&app.url);
    p.sign_in("koordinator@psz.test");
    p.open("/sprava/akcni-plany", "action-plans");
    p.fill("action-plan-new-name", "Akční plán II.");
    p.fill("action-plan-new-from", "2026");
    p.fill("action-plan-new-to", "2027");
    p.submit("action-plan-new");
    p.wait_text("Návrh akčního plánu založen.");

    // Carry area 1 over, change one measure, add one.
    p.choose("carry-2-area", "1");
    p.submit("carry-2");
    p.wait_text("Opatření převzata.");
    p.wait_text("převzato");
    let changed = &area1[0];
    // Its output indicators: the boxes show the chosen measure's lists.
    p.choose("lists-2-code", changed);
    let outputs = p.eval_string("document.getElementById('lists-2-outputs').value");
    assert!(
        !outputs.is_empty(),
        "the card's output indicators are shown"
    );
    p.fill("lists-2-outputs", "Počet nových sociálních bytů");
    p.submit("lists-2");
    p.wait_text("Opatření uloženo.");
    p.choose("edit-2-code", changed);
    p.fill("edit-2-name", "Sociální bydlení v AP II");
    p.fill("edit-2-cost", "2 000 000");
    p.submit("edit-2");
    p.wait_text("Sociální bydlení v AP II");
    p.fill("add-2-goal", "2.1.3");
    p.fill("add-2-name", "Nové opatření AP II");
    p.submit("add-2");
    p.wait_text("Opatření přidáno.");
    p.wait_text("Nové opatření AP II");
    p.screenshot("action-plan-two-draft-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the draft's forms scroll sideways"
    );
    let added = p.eval_string(
        "[...document.querySelectorAll('tr[data-draft-measure]')].map(r => r.dataset.draftMeasure).find(c => c.startsWith('2.1.3.')) || ''",
    );
    assert!(!added.is_empty(), "the new measure is listed");

    // Approve; the comparison names exactly these differences.
    p.fill("approve-2-on", "2026-02-26");
    p.fill("approve-2-resolution", "usnesení ZM č. 2345/ZM2226/30");
    p.submit("approve-2");
    p.wait_text("Akční plán schválen.");
    p.tab
        .call("Network.clearBrowserCookies", json!({}))
        .expect("sign out");
    p.open("/srovnani/1/2", "comparison");
    let counts = format!(
        "opatření nová 1, ukončená {}, změněná 1, beze změny {}",
        all - area1.len(),
        area1.len() - 1
    );
    p.assert_text(&[
        "Srovnání akčních plánů",
        counts.as_str(),
        "Nová opatření",
        "Změněná opatření",
    ]);
    let kinds = p.eval_json(
        "({ added: [...document.querySelectorAll('ul[data-kind=added] a')].map(a => a.getAttribute('href')), changed: [...document.querySelectorAll('ul[data-kind=changed] li')].map(li => li.innerText) })",
    );
    assert_eq!(
        kinds["added"],
        json!([format!("/opatreni/{added}?ap=2")]),
        "{kinds}"
    );
    let change = kinds["changed"][0].as_str().unwrap_or_default();
    assert!(
        change.contains(changed.as_str())
            && change.contains("název")
            && change.contains("předpokládané náklady")
            && change.contains("indikátory výstupu"),
        "{change}"
    );
    p.screenshot("comparison-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the comparison scrolls sideways"
    );

    // The public: Action Plan II by default, Action Plan I a click away, and links keep it.
    p.open("/", "overview");
    p.assert_text(&["Akční plán II. (2026–2027)", "Akční plán I. (2023–2025)"]);
    let current = p.eval_string("document.querySelector('.ap-switch [aria-current]').innerText");
    assert_eq!(current, "Akční plán II. (2026–2027)");
    p.click_link(".ap-switch a[data-action-plan]", "Akční plán I.");
    p.wait_search("?ap=1");
    p.wait_ready("overview");
    let current = p.eval_string("document.querySelector('.ap-switch [aria-current]').innerText");
    assert_eq!(current, "Akční plán I. (2023–2025)");
    p.click_link("a[href^='/oblast/1']", "");
    p.wait_ready("area");
    assert_eq!(p.search(), "?ap=1", "the area link carries the action plan");
    p.assert_text(&["Akční plán I. (2023–2025)"]);
    assert!(
        !p.text().contains("Sociální bydlení v AP II"),
        "Action Plan I's own card"
    );
    // The same address read by another reader shows the same plan: server-rendered.
    p.open("/oblast/1?ap=2", "area");
    p.assert_text(&["Sociální bydlení v AP II"]);
    drop(app);
}
