//! The spreadsheet round-trip in the browser: an implementer downloads the wave's template from
//! `/zadavani`, fills it with openpyxl (one bad cell), uploads it through the page's file input,
//! sees the error at its row and column, uploads the fixed file and confirms.

use base64::Engine;

use super::staff::staff_accounts;
use super::{Session, page};

/// Fills the last indicator row's new value with `value` (nothing else: the other browser tests
/// share the server and enter goal 2.1.3's first indicator themselves).
const FILL: &str = r#"
import io, sys, openpyxl
book = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
ws = book["Hlášení"]
rows = [r for r in ws.iter_rows(min_row=6) if r[1].value == "Ukazatel"]
ws.cell(row=rows[-1][0].row, column=9, value=sys.argv[1] if not sys.argv[1].isdigit() else int(sys.argv[1]))
out = io.BytesIO()
book.save(out)
sys.stdout.buffer.write(out.getvalue())
print(rows[-1][0].row, file=sys.stderr)
"#;

impl Session {
    /// Gives the page's file input `selector` the file at `path`, as choosing it would (the
    /// input's `change` fires).
    fn choose_file(&self, selector: &str, path: &std::path::Path) {
        let found = self
            .tab
            .call(
                "Runtime.evaluate",
                serde_json::json!({ "expression": format!("document.querySelector({})", serde_json::to_string(selector).expect("json")) }),
            )
            .expect("evaluate");
        let object = found["result"]["objectId"]
            .as_str()
            .unwrap_or_else(|| panic!("no {selector} on {}", self.tab.get_url()))
            .to_owned();
        self.tab
            .call(
                "DOM.setFileInputFiles",
                serde_json::json!({ "files": [path.to_string_lossy()], "objectId": object }),
            )
            .expect("files set");
    }
}

#[test]
fn an_implementer_fills_the_template_fixes_a_bad_cell_and_confirms() {
    staff_accounts();
    let p = page();
    p.sign_in("realizator@psz.test");
    p.wait_text("Tabulka za vlnu");
    p.assert_text(&["Slezská diakonie", "Stáhnout šablonu (XLSX)"]);
    // The template, downloaded through the page's link with the page's session.
    let encoded = p.eval_string(
        "fetch(document.querySelector('.sheet-block a[download]').href).then(r => r.ok ? r.arrayBuffer() : Promise.reject(r.status)).then(b => { let s = ''; for (const x of new Uint8Array(b)) s += String.fromCharCode(x); return btoa(s); })",
    );
    let xlsx = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("base64");
    assert!(xlsx.starts_with(b"PK"), "an XLSX");
    let dir = std::env::temp_dir().join(format!("psz_sheet_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let fill = |value: &str, name: &str| {
        let out = std::process::Command::new(tests::tool_python())
            .args(["-c", FILL, value])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().expect("stdin").write_all(&xlsx)?;
                c.wait_with_output()
            })
            .expect("openpyxl runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let row: u32 = String::from_utf8_lossy(&out.stderr)
            .trim()
            .parse()
            .expect("the filled row");
        let path = dir.join(name);
        std::fs::write(&path, out.stdout).expect("written");
        (path, row)
    };
    let (bad, row) = fill("dvanáct", "spatne.xlsx");
    let (good, _) = fill("12", "opravene.xlsx");

    // The file with one bad cell: its row and column and the rule's Czech words; no confirming.
    p.choose_file("input[type=file][id^='sheet-file-']", &bad);
    p.wait_text("Chyby v souboru");
    let place = format!("list Hlášení, řádek {row}, sloupec I (Nová hodnota): Zadejte číslo.");
    p.wait_text(&place);
    assert_eq!(
        p.eval_string("document.querySelector('.sheet-preview').dataset.storable"),
        "false"
    );
    assert_eq!(
        p.eval_string("document.getElementById('sheet-confirm') ? 'yes' : ''"),
        ""
    );
    p.eval("document.querySelector('.sheet-preview').scrollIntoView()");
    p.screenshot("sheet-error-phone");
    assert_eq!(
        p.horizontal_overflow(),
        0,
        "the preview scrolls sideways at 390 px"
    );

    // Fixed: one new value, confirmed, stored as a draft.
    p.choose_file("input[type=file][id^='sheet-file-']", &good);
    p.wait_text("Potvrdit a uložit jako koncepty");
    p.eval("document.getElementById('sheet-confirm').click()");
    p.wait_text("Z tabulky uloženo záznamů: 1.");
    p.wait_text("Koncepty ke zveřejnění");
    let _ = std::fs::remove_dir_all(&dir);
}
