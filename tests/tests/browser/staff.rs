//! The staff pages in the browser: signing in, entering a wave, publishing it, a save over a
//! newer version, plan management, and editing a measure and a goal. They share the server and its accounts with the other
//! browser tests.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use super::{READY_TIMEOUT, Session, env, page};

impl Session {
    /// Types `value` into the input with id `id` as a person would (the app listens to `input`),
    /// then lets the app render what that changed (a person is never faster than a frame).
    pub(super) fn fill(&self, id: &str, value: &str) {
        let done = self.eval(&format!(
            "(async () => {{ const el = document.getElementById({id}); if (!el) return false; el.value = {value}; el.dispatchEvent(new Event('input', {{ bubbles: true }})); await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))); return true; }})()",
            id = serde_json::to_string(id).expect("json"),
            value = serde_json::to_string(value).expect("json"),
        ));
        assert_eq!(
            done,
            serde_json::Value::Bool(true),
            "no input #{id} on {}",
            self.tab.get_url()
        );
    }

    /// Submits the form with id `id` (as its submit button would).
    pub(super) fn submit(&self, id: &str) {
        let done = self.eval(&format!(
            "(() => {{ const f = document.getElementById({id}); if (!f) return false; f.requestSubmit(); return true; }})()",
            id = serde_json::to_string(id).expect("json"),
        ));
        assert_eq!(
            done,
            serde_json::Value::Bool(true),
            "no form #{id} on {}",
            self.tab.get_url()
        );
    }

    /// Waits until the page's text contains `wanted`.
    pub(super) fn wait_text(&self, wanted: &str) {
        let deadline = Instant::now() + READY_TIMEOUT;
        while !self.text().contains(wanted) {
            assert!(
                Instant::now() < deadline,
                "{wanted:?} never appeared on {}:\n{}",
                self.tab.get_url(),
                self.text()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Signs in on the login page and waits for the data-entry page.
    pub(super) fn sign_in(&self, email: &str) {
        self.open("/prihlaseni", "login");
        self.fill("login-email", email);
        self.fill("login-password", tests::TEST_PASSWORD);
        let form = self.eval_string("document.querySelector('article form') ? 'ok' : ''");
        assert_eq!(form, "ok");
        self.eval("document.querySelector('article form').requestSubmit()");
        self.wait_ready("entry");
        assert_eq!(self.path(), "/zadavani");
    }
}

/// Accounts on the shared server: an implementer of Slezská diakonie (measure 2.1.3.4) and a
/// coordinator of the plan.
pub(super) fn staff_accounts() {
    static MADE: OnceLock<()> = OnceLock::new();
    MADE.get_or_init(|| {
        let env = env();
        env._runtime.block_on(async {
            let app = &env._app;
            let admin = app.admin().await;
            let org = app
                .data(
                    r#"{ measure(code: "2.1.3.4") { status { implementer { id } } } }"#,
                    serde_json::json!({}),
                )
                .await["measure"]["status"]["implementer"]["id"]
                .clone();
            app.user(
                &admin,
                "realizator@psz.test",
                "IMPLEMENTER",
                serde_json::json!({ "organisations": [org] }),
            )
            .await;
            app.user(
                &admin,
                "koordinator@psz.test",
                "COORDINATOR",
                serde_json::json!({ "plans": ["ostrava"] }),
            )
            .await;
        });
    });
}

#[test]
fn an_implementer_enters_a_wave_a_coordinator_publishes_it_and_the_goal_page_shows_it() {
    staff_accounts();
    let p = page();
    p.sign_in("realizator@psz.test");
    p.assert_text(&["2.1.3.4", "Monitorovací vlna"]);
    p.screenshot("entry-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the entry page scrolls sideways at 390 px"
    );
    let input = p.eval_string("document.querySelector('[id^=\"wave-2.1.3-i\"]').id");
    // Inline validation: a fraction is refused before anything is sent.
    p.fill(&input, "2,5");
    p.wait_text("Jednotka se počítá v celých číslech.");
    // A date no other test enters: their coordinators publish every draft there is, so a
    // shared date (a wave's deadline) may already be public when this test looks.
    p.fill("wave-2.1.3-date", "2026-05-29");
    p.fill("wave-2.1.3-note", "Dotazník realizátora za 1. pol. 2026");
    p.fill(&input, "41");
    p.submit("wave-2.1.3");
    p.wait_text("Uloženo jako koncept.");
    // The measure's status with its project period, as a draft too.
    p.fill("status-2.1.3.4-from", "2024-01-01");
    p.fill("status-2.1.3.4-to", "2026-12-31");
    p.submit("status-2.1.3.4");
    let deadline = Instant::now() + READY_TIMEOUT;
    while p.eval_json("[...document.querySelectorAll('#drafts-title ~ * tr')].some(r => r.innerText.includes('2.1.3.4'))")
        != serde_json::Value::Bool(true)
    {
        assert!(Instant::now() < deadline, "the status draft never appeared");
        std::thread::sleep(Duration::from_millis(50));
    }
    // The implementer's measure page: projects and notes, not the card.
    p.click_link("form.status a", "Projekty a poznámky");
    p.wait_ready("edit-measure");
    assert_eq!(
        p.eval("document.getElementById('card') === null"),
        serde_json::Value::Bool(true),
        "an implementer edits no measure card"
    );
    p.fill("note-new", "Čerpání podle plánu.");
    p.submit("note");
    p.wait_text("Poznámka přidána.");
    p.wait_text("Čerpání podle plánu.");
    // The public does not see the draft.
    p.open("/cil/2.1.3", "goal");
    assert!(!p.text().contains("29. 5. 2026"), "a draft is public");
    // The public pages link back to data entry, where one signs out.
    p.click_link(".account a", "Zadávání");
    p.wait_ready("entry");
    p.eval("document.getElementById('logout').click()");
    p.wait_ready("overview");

    p.sign_in("koordinator@psz.test");
    p.wait_text("Koncepty ke zveřejnění");
    p.assert_text(&["41", "29. 5. 2026"]);
    p.eval("document.getElementById('publish-all').click()");
    p.wait_text("Zveřejněno.");
    p.open("/cil/2.1.3", "goal");
    p.assert_text(&["29. 5. 2026", "41"]);
    p.open("/opatreni/2.1.3.4", "measure");
    p.assert_text(&["1. 1. 2024 – 31. 12. 2026", "Slezská diakonie"]);
}

#[test]
fn a_wave_saved_over_a_newer_version_gets_the_current_data_and_saves_on_retry() {
    staff_accounts();
    let p = page();
    p.sign_in("realizator@psz.test");
    let input = p.eval_string("document.querySelector('[id^=\"wave-2.1.3-i\"]').id");
    let indicator: i64 = input
        .rsplit('i')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("indicator id");
    p.fill("wave-2.1.3-date", "2026-09-30");
    p.fill("wave-2.1.3-note", "Dotazník za 3. čtvrtletí");
    p.fill(&input, "10");
    p.submit("wave-2.1.3");
    p.wait_text("Uloženo jako koncept.");

    // Someone else replaces the draft while this page still holds its first version.
    let env = env();
    env._runtime.block_on(async {
        let app = &env._app;
        let admin = app.admin().await;
        let drafts = app.data_as(&admin, "{ drafts { indicatorValues { id version date indicatorId } } }", serde_json::json!({})).await;
        let draft = drafts["drafts"]["indicatorValues"]
            .as_array()
            .and_then(|d| d.iter().find(|v| v["date"] == "2026-09-30" && v["indicatorId"] == indicator))
            .cloned()
            .expect("the draft");
        app.data_as(
            &admin,
            "mutation($i: MonitoringWaveInput!) { recordIndicatorValues(input: $i) { version } }",
            serde_json::json!({ "i": { "specificGoal": "2.1.3", "refDate": "2026-09-30", "sourceNote": "Oprava koordinátora", "values": [{ "indicatorId": indicator, "value": 11, "version": draft["version"] }] } }),
        )
        .await;
    });

    p.fill("wave-2.1.3-date", "2026-09-30");
    p.fill("wave-2.1.3-note", "Dotazník za 3. čtvrtletí");
    p.fill(&input, "12");
    p.submit("wave-2.1.3");
    p.wait_text("Údaje mezitím změnil někdo jiný.");
    // The current data came anew; what was typed stayed, and saving again replaces the value.
    p.wait_ready("entry");
    assert_eq!(
        p.eval_string(&format!("document.getElementById('{input}').value")),
        "12"
    );
    p.submit("wave-2.1.3");
    p.wait_text("Uloženo jako koncept.");
    let value = env._runtime.block_on(async {
        let app = &env._app;
        let admin = app
            .login(tests::ADMIN_EMAIL, tests::TEST_PASSWORD)
            .await
            .expect("admin");
        let drafts = app
            .data_as(
                &admin,
                "{ drafts { indicatorValues { date indicatorId value } } }",
                serde_json::json!({}),
            )
            .await;
        drafts["drafts"]["indicatorValues"]
            .as_array()
            .and_then(|d| {
                d.iter()
                    .find(|v| v["date"] == "2026-09-30" && v["indicatorId"] == indicator)
            })
            .map(|v| v["value"].clone())
    });
    assert_eq!(value, Some(serde_json::json!(12.0)));
}

/// An implementer's change to a published value is a proposal: the goal page keeps the
/// published 157 (goal 2.1.3 at 31. 1. 2025, the report's table) until a coordinator publishes
/// it from the drafts, where it is marked as a change to a published value.
#[test]
fn an_implementers_change_to_a_published_value_waits_for_a_coordinator() {
    staff_accounts();
    let indicator = env()._runtime.block_on(async {
        let d = env()
            ._app
            .data(
                r#"{ specificGoal(code: "2.1.3") { impactIndicators { id values { date value } } } }"#,
                serde_json::json!({}),
            )
            .await;
        d["specificGoal"]["impactIndicators"]
            .as_array()
            .expect("indicators")
            .iter()
            .find(|i| {
                i["values"].as_array().is_some_and(|v| {
                    v.iter()
                        .any(|v| v["date"] == "2025-01-31" && v["value"].as_f64() == Some(157.0))
                })
            })
            .and_then(|i| i["id"].as_i64())
            .expect("the published 157")
    });
    let p = page();
    p.sign_in("realizator@psz.test");
    p.assert_text(&["Monitorovací vlna"]);
    p.fill("wave-2.1.3-date", "2025-01-31");
    p.fill("wave-2.1.3-note", "Oprava podle dotazníku");
    p.fill(&format!("wave-2.1.3-i{indicator}"), "158");
    p.submit("wave-2.1.3");
    p.wait_text("Uloženo jako koncept.");
    p.wait_text("návrh změny zveřejněného");
    p.open("/cil/2.1.3", "goal");
    let text = p.text();
    assert!(
        text.contains("157") && !text.contains("158"),
        "the public sees the published value until it is published"
    );
    p.click_link(".account a", "Zadávání");
    p.wait_ready("entry");
    p.eval("document.getElementById('logout').click()");
    p.wait_ready("overview");

    p.sign_in("koordinator@psz.test");
    p.wait_text("návrh změny zveřejněného");
    p.eval("document.getElementById('publish-all').click()");
    p.wait_text("Zveřejněno.");
    p.open("/cil/2.1.3", "goal");
    p.assert_text(&["158"]);
}

#[test]
fn a_coordinator_resolves_a_conflict_and_edits_a_risk() {
    staff_accounts();
    let p = page();
    p.sign_in("koordinator@psz.test");
    p.click_link(".account a", "Správa plánu");
    p.wait_ready("manage");
    p.screenshot("manage-phone");
    // A work list: titled in words, grouped by area with the plan-wide ones last, figures first
    // in each group, filterable by kind, with the number open.
    let total = p
        .eval("document.querySelectorAll('form[id^=\"conflict-\"]').length")
        .as_u64()
        .expect("conflicts");
    assert_eq!(
        p.eval_string("document.querySelector('.work-filter .count').textContent"),
        format!("Otevřených rozporů: {total}")
    );
    let groups =
        p.eval_json("[...document.querySelectorAll('.work-group > h3')].map(h => h.textContent)");
    let groups: Vec<&str> = groups
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g.as_str())
        .collect();
    assert!(
        groups.first().is_some_and(|g| g.starts_with("Oblast 1 ")),
        "{groups:?}"
    );
    assert_eq!(groups.last(), Some(&"Celý plán"), "{groups:?}");
    let titles = p.eval_json(
        "[...document.querySelectorAll('form[id^=\"conflict-\"] h4')].map(h => h.textContent)",
    );
    for t in titles.as_array().expect("titles") {
        let t = t.as_str().unwrap_or_default();
        assert!(
            t.contains(": ") && !t.starts_with(|c: char| c.is_ascii_digit()),
            "a title in words: {t}"
        );
    }
    let per_group = p.eval_json("[...document.querySelectorAll('.work-group')].map(g => [...g.querySelectorAll('.chip')].map(c => c.textContent))");
    let rank = |k: &str| match k {
        "Liší se čísla" => 0,
        "Liší se označení" => 1,
        "Chybí protějšek" => 2,
        "Liší se znění" => 3,
        other => panic!("unknown kind {other}"),
    };
    for group in per_group.as_array().expect("groups") {
        let ranks: Vec<i32> = group
            .as_array()
            .expect("chips")
            .iter()
            .map(|k| rank(k.as_str().unwrap_or_default()))
            .collect();
        assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "figures first: {group}"
        );
    }
    p.eval("(() => { const s = document.getElementById('conflict-kind'); s.value = 'FIGURE'; s.dispatchEvent(new Event('change', { bubbles: true })); })()");
    p.wait_text("Zobrazeno");
    let visible = "[...document.querySelectorAll('form[id^=\"conflict-\"]')].filter(f => !f.closest('[hidden]'))";
    let shown = p
        .eval(&format!("{visible}.length"))
        .as_u64()
        .expect("shown");
    assert!(shown > 0 && shown < total, "{shown} of {total}");
    assert_eq!(
        p.eval_string("document.querySelector('.work-filter .count').textContent"),
        format!("Zobrazeno {shown} z {total} otevřených rozporů")
    );
    let kinds = p.eval_json(&format!(
        "{visible}.map(f => f.querySelector('.chip').textContent)"
    ));
    assert!(
        kinds
            .as_array()
            .expect("kinds")
            .iter()
            .all(|k| k == "Liší se čísla"),
        "{kinds}"
    );
    p.eval("(() => { const s = document.getElementById('conflict-kind'); s.value = ''; s.dispatchEvent(new Event('change', { bubbles: true })); })()");
    let form = p.eval_string("document.querySelector('form[id^=\"conflict-\"]').id");
    let conflicts = p.eval("document.querySelectorAll('form[id^=\"conflict-\"]').length");
    p.fill(&format!("{form}-reason"), "Ověřeno u realizátora");
    p.submit(&form);
    p.wait_text("Rozpor vyřešen");
    p.wait_ready("manage");
    assert_eq!(
        p.eval("document.querySelectorAll('form[id^=\"conflict-\"]').length")
            .as_i64()
            .map(|n| n + 1),
        conflicts.as_i64(),
        "the resolved conflict leaves the list"
    );
    let risk = p.eval_string("document.querySelector('form[id^=\"risk-\"]').id");
    p.eval(&format!(
        "(() => {{ const s = document.getElementById('{risk}-p'); s.value = '5'; s.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()"
    ));
    p.submit(&risk);
    p.wait_text("Změna uložena.");
    p.open("/rizika", "risks");
}

#[test]
fn a_coordinator_edits_a_measure_and_a_goal_and_the_public_pages_show_it() {
    staff_accounts();
    let p = page();
    p.sign_in("koordinator@psz.test");
    // Staff reach the edit page from the public measure page.
    p.open("/opatreni/4.1.1.1", "measure");
    p.click_link("a.staff-link", "Upravit");
    p.wait_ready("edit-measure");
    assert_eq!(p.path(), "/sprava/opatreni/4.1.1.1");
    p.screenshot("edit-measure-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the edit page scrolls sideways at 390 px"
    );

    p.fill("card-scheduleText", "06/2023–12/2027");
    p.submit("card");
    p.wait_text("Změna uložena.");
    p.wait_ready("edit-measure");

    // A registration number in the wrong form is marked before anything is sent.
    p.fill("project-new-number", "CZ.03/18");
    p.wait_text("Registrační číslo má tvar");
    p.fill("project-new-number", "CZ.03.02.01/00/22_018/0007777");
    p.fill("project-new-call", "018 OPZ+");
    p.fill("project-new-programme", "OPZ+");
    p.fill("project-new-budget", "2 500 000 Kč");
    p.fill("project-new-from", "2024-01-01");
    p.fill("project-new-to", "2026-06-30");
    p.submit("project-new");
    p.wait_text("Změna uložena.");
    p.wait_text("CZ.03.02.01/00/22_018/0007777");

    p.fill("note-new", "Ověřit harmonogram s realizátorem.");
    p.submit("note");
    p.wait_text("Poznámka přidána.");
    p.wait_text("Ověřit harmonogram s realizátorem.");

    // The card's history names the change.
    p.click_link(".page-links a", "Historie");
    p.wait_ready("history");
    p.assert_text(&["koordinator@psz.test", "06/2023–12/2027"]);

    // The public page shows the new schedule and project, never the note.
    p.open("/opatreni/4.1.1.1", "measure");
    p.assert_text(&["06/2023–12/2027", "CZ.03.02.01/00/22_018/0007777"]);
    assert!(
        !p.text().contains("Ověřit harmonogram"),
        "an internal note is public"
    );

    p.open("/sprava/cil/4.1.1", "edit-goal");
    p.screenshot("edit-goal-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the goal edit page scrolls sideways"
    );
    let target = p.eval_string("document.querySelector('form[id^=\"target-\"]').id");
    p.fill(&format!("{target}-value"), "2,5");
    p.wait_text("Jednotka se počítá v celých číslech.");
    p.fill(&format!("{target}-value"), "1234");
    p.submit(&target);
    p.wait_text("Změna uložena.");
    p.fill("summary-new-year", "2026");
    p.fill("summary-new-title", "Shrnutí za rok 2026");
    p.fill("summary-new-text", "Cíl se daří naplňovat.");
    p.submit("summary-new");
    p.wait_text("Změna uložena.");
    // A revision of the same target from a date, with its reason.
    let revise = target.replacen("target-", "revise-", 1);
    p.fill(&format!("{revise}-from"), "2026-01-01");
    p.fill(&format!("{revise}-value"), "1500");
    p.fill(
        &format!("{revise}-reason"),
        "Revize Plánu po zprávě za rok 2025",
    );
    p.submit(&revise);
    p.wait_text("Cílová hodnota revidována.");
    p.wait_text("Odvolat revizi");
    p.open("/cil/4.1.1", "goal");
    p.assert_text(&[
        "Shrnutí za rok 2026",
        "Cíl se daří naplňovat.",
        "Revize cílové hodnoty",
        "Podle plánu: 1 234",
        "od 1. 1. 2026: 1 500",
        "Revize Plánu po zprávě za rok 2025",
    ]);
    p.eval("document.querySelector('.target-history').scrollIntoView()");
    p.screenshot("goal-revised-target-phone");
}

#[test]
fn a_card_edit_over_a_newer_version_shows_what_changed_and_saves_on_retry() {
    staff_accounts();
    let p = page();
    p.sign_in("koordinator@psz.test");
    p.open("/sprava/opatreni/5.1.1.1", "edit-measure");

    // Someone else changes the schedule while this page holds the card's first version.
    let env = env();
    env._runtime.block_on(async {
        let app = &env._app;
        let admin = app
            .login(tests::ADMIN_EMAIL, tests::TEST_PASSWORD)
            .await
            .expect("admin");
        let read = app
            .data(r#"{ measure(code: "5.1.1.1") { version } }"#, serde_json::json!({}))
            .await;
        app.data_as(
            &admin,
            "mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { version } }",
            serde_json::json!({ "i": { "code": "5.1.1.1", "version": read["measure"]["version"], "scheduleText": "2024–2026 (správce)" } }),
        )
        .await;
    });

    p.fill("card-scheduleText", "2024–2027 (koordinátor)");
    p.submit("card");
    p.wait_text("Údaje mezitím změnil někdo jiný.");
    p.wait_ready("edit-measure");
    // What was typed stays, and the field names the value saved meanwhile.
    assert_eq!(
        p.eval_string("document.getElementById('card-scheduleText').value"),
        "2024–2027 (koordinátor)"
    );
    p.wait_text("Nyní uloženo: 2024–2026 (správce)");
    p.submit("card");
    p.wait_text("Změna uložena.");
    p.open("/opatreni/5.1.1.1", "measure");
    p.assert_text(&["2024–2027 (koordinátor)"]);
}

#[test]
fn an_admin_creates_an_account_changes_its_role_and_deactivates_it() {
    staff_accounts();
    let p = page();
    p.sign_in(tests::ADMIN_EMAIL);
    p.click_link(".account a", "Uživatelé");
    p.wait_ready("users");
    p.screenshot("users-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the users page scrolls sideways"
    );
    p.fill("nu-email", "ctenar@psz.test");
    p.fill("nu-name", "Nová čtenářka");
    p.fill("nu-password", "krátké");
    p.wait_text("Heslo musí mít alespoň");
    p.fill("nu-password", "heslo pro prohlížení 2026");
    p.submit("new-user");
    p.wait_text("Účet vytvořen.");
    p.wait_text("ctenar@psz.test");
    let form = p.eval_string(
        "[...document.querySelectorAll('form[id^=\"user-\"]')].find(f => f.innerText.includes('ctenar@psz.test')).id",
    );
    p.eval(&format!(
        "(() => {{ for (const [id, v] of [['{form}-role', 'VIEWER'], ['{form}-active', 'false']]) {{ const s = document.getElementById(id); s.value = v; s.dispatchEvent(new Event('change', {{ bubbles: true }})); }} }})()"
    ));
    p.submit(&form);
    p.wait_text("Změna uložena.");
    p.wait_ready("users");
    let env = env();
    let user = env._runtime.block_on(async {
        let app = &env._app;
        let admin = app
            .login(tests::ADMIN_EMAIL, tests::TEST_PASSWORD)
            .await
            .expect("admin");
        let users = app
            .data_as(
                &admin,
                "{ users { email role active } }",
                serde_json::json!({}),
            )
            .await;
        users["users"]
            .as_array()
            .and_then(|u| u.iter().find(|u| u["email"] == "ctenar@psz.test"))
            .cloned()
    });
    assert_eq!(
        user,
        Some(serde_json::json!({ "email": "ctenar@psz.test", "role": "VIEWER", "active": false }))
    );
    let signed_in = env._runtime.block_on(async {
        env._app
            .login("ctenar@psz.test", "heslo pro prohlížení 2026")
            .await
            .is_ok()
    });
    assert!(!signed_in, "a deactivated account signs in");
}

#[test]
fn an_implementers_project_change_waits_on_the_edit_page_and_a_coordinator_publishes_it() {
    staff_accounts();
    let (id, published) = first_project_of_2134();
    let p = page();
    p.sign_in("realizator@psz.test");
    p.open("/sprava/opatreni/2.1.3.4", "edit-measure");
    p.fill(&format!("project-{id}-budget"), "13 000 000 Kč");
    p.submit(&format!("project-{id}"));
    p.wait_text("Uloženo jako koncept.");
    // The form now revises the proposal, marked, not the published project.
    p.wait_text("Návrh změny čeká na koordinátora");
    let form = p.eval_string(
        "document.querySelector('form[id^=\"project-\"] .proposal').closest('form').id",
    );
    assert_ne!(
        form,
        format!("project-{id}"),
        "the proposal is its own record"
    );
    assert_eq!(
        p.eval_string(&format!(
            "document.getElementById('{form}-budget').value.replace(/\\s/g, '')"
        )),
        "13000000Kč"
    );
    // Revising it again is no conflict.
    p.fill(&format!("{form}-budget"), "13 100 000 Kč");
    p.submit(&form);
    p.wait_text("Uloženo jako koncept.");
    assert!(!p.text().contains("mezitím"), "a conflict: {}", p.text());
    assert_eq!(
        first_project_of_2134(),
        (id, published.clone()),
        "the public still sees the published budget"
    );
    p.click_link(".account a", "Zadávání");
    p.wait_ready("entry");
    p.eval("document.getElementById('logout').click()");
    p.wait_ready("overview");

    // The coordinator sees the proposal on the same page and publishes it by saving it.
    p.sign_in("koordinator@psz.test");
    p.open("/sprava/opatreni/2.1.3.4", "edit-measure");
    p.wait_text("Návrh změny čeká na koordinátora");
    p.submit(&form);
    p.wait_text("Změna uložena.");
    assert_eq!(
        first_project_of_2134(),
        (id, "1310000000".to_owned()),
        "published into the same project"
    );
    // The published project's history tells the whole change: proposed, revised, published.
    let env = env();
    let history = env._runtime.block_on(async {
        let coordinator = env
            ._app
            .login("koordinator@psz.test", tests::TEST_PASSWORD)
            .await
            .expect("the coordinator signs in");
        env._app
            .data_as(
                &coordinator,
                "query($id: Int!) { history(entity: \"project\", id: $id) { action userEmail } }",
                serde_json::json!({ "id": id }),
            )
            .await
    });
    let actions: Vec<(String, String)> = history["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|h| {
            (
                h["action"].as_str().unwrap_or_default().to_owned(),
                h["userEmail"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    for wanted in [
        ("PROPOSE", "realizator@psz.test"),
        ("UPDATE", "realizator@psz.test"),
        ("PUBLISH", "koordinator@psz.test"),
    ] {
        assert!(
            actions.contains(&(wanted.0.to_owned(), wanted.1.to_owned())),
            "{wanted:?} missing from {actions:?}"
        );
    }
}

/// The first published project of 2.1.3.4 as the public API shows it: id and budget in hellers.
fn first_project_of_2134() -> (i64, String) {
    let env = env();
    let d = env._runtime.block_on(env._app.data(
        r#"{ measure(code: "2.1.3.4") { projects { id budget { hellers } } } }"#,
        serde_json::json!({}),
    ));
    let first = &d["measure"]["projects"][0];
    (
        first["id"]
            .as_i64()
            .expect("a published project of 2.1.3.4"),
        first["budget"]["hellers"]
            .as_str()
            .expect("budget")
            .to_owned(),
    )
}
