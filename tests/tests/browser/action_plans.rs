//! Action plans in the browser: a coordinator drafts the next one, the public never sees it.

use super::page;
use super::staff::staff_accounts;

/// A coordinator drafts Action Plan II: overlapping years are refused before anything is sent,
/// the draft is listed with its approval form, and the public's pages never show it.
#[test]
fn a_coordinator_drafts_the_next_action_plan_and_the_public_does_not_see_it() {
    staff_accounts();
    let p = page();
    p.sign_in("koordinator@psz.test");
    p.open("/sprava", "manage");
    p.click_link("a[href='/sprava/akcni-plany']", "Akční plány");
    p.wait_ready("action-plans");
    p.assert_text(&["Akční plán I.", "2023–2025", "schválen"]);
    p.fill("action-plan-new-name", "Akční plán II.");
    p.fill("action-plan-new-from", "2025");
    p.fill("action-plan-new-to", "2026");
    p.submit("action-plan-new");
    p.wait_text("Období se překrývá s obdobím „Akční plán I.“.");
    p.fill("action-plan-new-from", "2026");
    p.fill("action-plan-new-to", "2027");
    p.submit("action-plan-new");
    p.wait_text("Návrh akčního plánu založen.");
    p.assert_text(&[
        "Akční plán II.",
        "2026–2027",
        "návrh",
        "Schválit: Akční plán II.",
        "Ve srovnání s „Akční plán I.“:",
        "opatření nová 0",
        "beze změny 0",
        "Nerealizovaná opatření, na která návrh nenavazuje:",
    ]);
    p.screenshot("action-plans-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the action plans page scrolls sideways at 390 px"
    );
    for (path, kind) in [("/harmonogram", "timeline"), ("/rizika", "risks")] {
        p.open(path, kind);
        assert!(
            !p.text().contains("Akční plán II"),
            "{path} shows the draft"
        );
    }
}
