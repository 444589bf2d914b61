//! The monitoring cycle in the browser: a coordinator narrows data entry by area and goal
//! (links that keep the choice in the address), sees the waves and who delivered what on
//! `/sprava/vlny` and plans a new wave there; an implementer sees what they still owe.

use std::time::{Duration, Instant};

use super::staff::staff_accounts;
use super::{READY_TIMEOUT, page};

impl super::Session {
    /// Waits until `js` is true on the page; a page still navigating (a link that loads the
    /// page anew) is "not yet", as in `wait_ready`.
    fn wait_until(&self, js: &str, what: &str) {
        let deadline = Instant::now() + READY_TIMEOUT;
        let holds = || match self.tab.evaluate(&format!("Boolean({js})")) {
            Ok(v) => v == serde_json::Value::Bool(true),
            Err(e) if e.to_string().contains("navigated or closed") => false,
            Err(e) => panic!("evaluate: {e}"),
        };
        while !holds() {
            assert!(
                Instant::now() < deadline,
                "{what} never happened on {}:\n{}",
                self.tab.get_url(),
                self.text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The ids of the wave forms on the page.
    fn wave_forms(&self) -> Vec<String> {
        serde_json::from_value(
            self.eval_json("[...document.querySelectorAll('form[id^=\"wave-\"]')].map(f => f.id)"),
        )
        .unwrap_or_default()
    }

    fn page_height(&self) -> i64 {
        self.eval("document.documentElement.scrollHeight")
            .as_i64()
            .unwrap_or_default()
    }
}

#[test]
fn a_coordinator_narrows_data_entry_and_plans_a_wave() {
    staff_accounts();
    let p = page();
    p.sign_in("koordinator@psz.test");
    // What the plan owes in the current wave, and the navigation; no form until one chooses.
    p.wait_text("Co zbývá předat: 3. vlna, 1. pol. 2026 – uzávěrka 30. 6. 2026 (uzavřená)");
    p.assert_text(&[
        "Za celý plán",
        "Oblasti",
        "Specifické cíle",
        "Realizátoři",
        "Slezská diakonie",
    ]);
    p.assert_text(&["Vyberte oblast, specifický cíl nebo realizátora"]);
    assert!(p.wave_forms().is_empty(), "{:?}", p.wave_forms());
    let whole = p.page_height();
    // An area: only its goals' forms; the choice is in the address.
    p.click_link(".entry-nav a", "Oblast 2");
    p.wait_until(
        "location.search.includes('oblast=2')",
        "the area in the address",
    );
    p.wait_until(
        "document.querySelectorAll('form[id^=\"wave-\"]').length > 0",
        "the area's forms",
    );
    let forms = p.wave_forms();
    assert!(forms.iter().all(|f| f.starts_with("wave-2.")), "{forms:?}");
    // A goal: its one wave form and its measures' statuses; the missing counts stay beside.
    p.click_link(".entry-nav a", "2.1.3");
    p.wait_until(
        "location.search.includes('cil=2.1.3')",
        "the goal in the address",
    );
    p.wait_until(
        "document.querySelectorAll('form[id^=\"wave-\"]').length === 1",
        "one goal's form",
    );
    assert_eq!(p.wave_forms(), ["wave-2.1.3"]);
    // The chosen goal is marked current for screen readers.
    p.wait_until(
        "[...document.querySelectorAll('.entry-nav a[aria-current=\"true\"]')].some(a => a.innerText === '2.1.3')",
        "the goal marked current",
    );
    p.assert_text(&["2.1.3.4", "chybí"]);
    let goal = p.page_height();
    eprintln!(
        "/zadavani at 390 px for a coordinator: {whole} px with no choice, {goal} px for goal 2.1.3"
    );
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the entry page scrolls sideways at 390 px"
    );
    p.screenshot("entry-coordinator-goal");
    // The address alone brings the same choice back (a shared link).
    let here = p.path();
    p.open(&here, "entry");
    p.wait_until(
        "document.querySelectorAll('form[id^=\"wave-\"]').length === 1",
        "the goal's form again",
    );
    assert_eq!(p.wave_forms(), ["wave-2.1.3"]);

    // The waves and who delivered what.
    p.open("/sprava", "manage");
    p.click_link(".page-links a", "Monitorovací vlny");
    p.wait_ready("waves");
    p.assert_text(&[
        "1. vlna, 1. pol. 2024",
        "2. vlna, 1. pol. 2025",
        "3. vlna, 1. pol. 2026",
        "Co kdo předal: 3. vlna, 1. pol. 2026",
        "Slezská diakonie",
        "po termínu",
    ]);
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "/sprava/vlny scrolls sideways at 390 px"
    );
    p.screenshot("waves-phone");
    // An earlier wave by its link (a new load): the report's statuses are published there.
    p.click_link(".wave-table a", "2. vlna");
    p.wait_until(
        "location.search.startsWith('?vlna=')",
        "the chosen wave in the address",
    );
    p.wait_ready("waves");
    p.wait_text("Co kdo předal: 2. vlna, 1. pol. 2025");
    p.assert_text(&["zveřejněno"]);
    // A new wave: an overlapping period is refused with the rule's words, then a good one saved.
    p.eval("document.querySelectorAll('details.form-group')[3].open = true");
    p.fill("wave-new-name", "4. vlna, 1. pol. 2027");
    p.fill("wave-new-opens", "2026-06-01");
    p.fill("wave-new-deadline", "2027-06-30");
    p.submit("wave-new");
    p.wait_text("Období se překrývá s obdobím „3. vlna, 1. pol. 2026“.");
    p.fill("wave-new-opens", "2027-01-01");
    p.submit("wave-new");
    p.wait_text("Vlna je uložena.");
    p.wait_until(
        "[...document.querySelectorAll('.wave-table th a')].some(a => a.innerText.includes('4. vlna'))",
        "the new wave in the list",
    );
    p.assert_text(&["připravovaná"]);
}

#[test]
fn an_implementer_sees_what_they_still_owe() {
    staff_accounts();
    let p = page();
    p.sign_in("realizator@psz.test");
    p.wait_text("Co zbývá předat: 3. vlna, 1. pol. 2026 – uzávěrka 30. 6. 2026 (uzavřená)");
    let owed: Vec<String> = serde_json::from_value(
        p.eval_json("[...document.querySelectorAll('.owed-list li')].map(li => li.innerText)"),
    )
    .unwrap_or_default();
    assert!(!owed.is_empty(), "nothing owed in the closed third wave");
    assert!(owed.iter().all(|o| o.contains("po termínu")), "{owed:?}");
    assert!(
        owed.iter().any(|o| o.contains("2.1.3.4")),
        "the measure's status is owed: {owed:?}"
    );
    // Only their own organisation: no choice of implementers, their forms at once.
    assert_eq!(
        p.eval_string("document.querySelector('.entry-nav-orgs') ? 'yes' : ''"),
        ""
    );
    assert!(p.wave_forms().contains(&"wave-2.1.3".to_owned()));
}
