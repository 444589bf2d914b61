//! The yearly report in the browser: a coordinator starts a draft, writes a section beside its
//! figures, looks at the preview and issues it; then anyone downloads the PDF, whose first pages
//! go to `target/screenshots/` as PNG (`pdftoppm`) for people to look at.

use std::path::PathBuf;

use super::{env, page};
use crate::staff::staff_accounts;

/// The project of measure 2.1.3.4 that annex A of `001_…` lists, with its budget.
const PROJECT: &str = "CZ.03.02.01/00/22_018/0001333";
const BUDGET: &str = "12 170 133,36";

#[test]
fn a_coordinator_drafts_previews_and_issues_a_report_and_anyone_downloads_it() {
    staff_accounts();
    let p = page();
    p.sign_in("koordinator@psz.test");
    p.open("/sprava", "manage");
    p.click_link(".page-links a", "Zprávy o naplňování");
    p.wait_ready("manage-reports");
    assert_eq!(p.path(), "/sprava/zpravy");

    // A cut-off in the future is refused with the field named; nothing is created.
    p.fill("report-number", "2");
    p.fill("report-from", "2024-01-01");
    p.fill("report-to", "2024-12-31");
    p.fill("report-cutoff", "2099-01-01");
    p.submit("new-report");
    p.wait_text("Neplatný údaj");
    assert!(
        !p.text().contains("II. zpráva o naplňování Plánu"),
        "a refused draft was listed"
    );
    p.fill("report-cutoff", "2025-02-28");
    p.submit("new-report");
    p.wait_text("Koncept zprávy založen.");
    p.wait_text("II. zpráva o naplňování Plánu");

    p.click_link(".reports a", "II. zpráva o naplňování Plánu");
    p.wait_ready("edit-report");
    assert!(p.path().starts_with("/sprava/zpravy/"), "{}", p.path());
    // Each goal's sections come with its figures: indicators over the monitoring dates and
    // the measures' statuses as the report prints them.
    p.assert_text(&[
        "Manažerské shrnutí",
        "Čísla, o kterých text je",
        "Specifický cíl 2.1.3",
        "2.1.3.4",
        "Vydání zprávy",
    ]);
    p.screenshot("report-editor-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the report editor scrolls sideways at 390 px"
    );

    // Saving one section keeps what was typed into another and not saved yet.
    p.fill(
        "part-summary-text",
        "Plán se daří naplňovat.\n\n- bydlení: nové sociální byty\n- dluhy: <b>poradny</b>",
    );
    p.fill("part-recommendations-text", "Doporučení zatím rozepsané.");
    p.submit("part-summary");
    p.wait_text("Změna uložena.");
    p.wait_ready("edit-report");
    let kept = p.eval_string("document.getElementById('part-recommendations-text').value");
    assert_eq!(kept, "Doporučení zatím rozepsané.");

    // The preview: the report as it would be issued, the narrative as text (its markup
    // escaped), the figures of annex A.
    p.click_link(".page-links a", "Náhled");
    p.wait_ready("report-preview");
    p.assert_text(&[
        "PRACOVNÍ VERZE – NEVYDÁNO",
        "Plán se daří naplňovat.",
        "dluhy: <b>poradny</b>",
        "Příloha A",
        PROJECT,
        BUDGET,
    ]);
    let bold = p.eval("document.querySelectorAll('.report-frame b, .report-frame script').length");
    assert_eq!(bold, serde_json::json!(0), "narrative markup became HTML");
    p.screenshot("report-preview-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the preview scrolls sideways at 390 px"
    );

    // Issuing needs the box ticked; then the files are there and the forms are gone.
    p.click_link(".page-links a", "Zpět k úpravám zprávy");
    p.wait_ready("edit-report");
    p.eval("document.getElementById('issue-confirm').checked = true");
    p.submit("issue-report");
    p.wait_text("Zpráva vydána a zveřejněna.");
    p.wait_text("Zpráva je vydaná");
    assert_eq!(
        p.eval("document.querySelectorAll('form.report-section').length"),
        serde_json::json!(0)
    );
    let pdf_url = p.eval_string("document.querySelector('a[href$=\".pdf\"]').getAttribute('href')");
    assert!(pdf_url.starts_with("/zpravy/"), "{pdf_url}");

    // The public list shows it, and the overview links its PDF.
    p.open("/zpravy", "reports");
    p.assert_text(&["II. zpráva o naplňování Plánu", "PDF", "DOCX"]);
    p.open("/", "overview");
    p.assert_text(&["Poslední zpráva o naplňování Plánu: II. zpráva o naplňování Plánu (PDF"]);

    // An anonymous visitor (no cookie) downloads the PDF.
    let env = env();
    let pdf = env._runtime.block_on(async {
        let response = env._app.get(&pdf_url).await;
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"]
                .to_str()
                .unwrap_or_default(),
            "application/pdf"
        );
        response.bytes().await.expect("the PDF").to_vec()
    });
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    let file = dir.join("report-browser.pdf");
    std::fs::write(&file, &pdf).expect("write the PDF");
    // Its first pages as pictures (cover, contents, the summary written above).
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "50", "-f", "1", "-l", "3"])
        .arg(&file)
        .arg(dir.join("report-page"))
        .status()
        .expect("pdftoppm runs (apt-get install poppler-utils)");
    assert!(status.success());
    let pages = std::fs::read_dir(&dir)
        .expect("screenshots")
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("report-page") && name.ends_with(".png")
        })
        .count();
    assert!(pages >= 3, "{pages} pages rendered");
}
