//! "Stáhnout data" in the browser: the control under a table downloads a file (a real download,
//! clicked with the mouse) whose rows are the ones the table shows; and the open-data page lists
//! every dataset with its files.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;

use super::{Session, page};

/// Clicks the link `selector` and returns the file the browser saved as `name`, in a fresh
/// directory.
fn download(p: &Session, selector: &str, name: &str) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/browser-downloads")
        .join(format!("{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the download directory");
    // Chromium leaves a download unfinished in a directory named with `..`.
    let dir = dir.canonicalize().expect("the download directory");
    p.tab
        .call(
            "Page.setDownloadBehavior",
            json!({ "behavior": "allow", "downloadPath": dir.to_string_lossy() }),
        )
        .expect("downloads allowed");
    p.tab.click(selector).expect("click the link");
    let file = dir.join(name);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !complete(&dir, &file) {
        assert!(
            Instant::now() < deadline,
            "{name} was not downloaded from {} ({}); the directory holds {:?}",
            p.tab.get_url(),
            p.eval_string(&format!("document.querySelector({selector:?})?.outerHTML")),
            std::fs::read_dir(&dir).map(|d| d.flatten().map(|e| e.file_name()).collect::<Vec<_>>())
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read(&file).expect("the downloaded file")
}

/// Whether `file` is in `dir` and no download is still being written there.
fn complete(dir: &Path, file: &Path) -> bool {
    file.is_file()
        && std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .all(|e| !e.file_name().to_string_lossy().ends_with(".crdownload"))
        })
}

/// A CSV file's column `field`, read with the csv crate.
fn csv_column(bytes: &[u8], field: &str) -> Vec<String> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte order mark");
    let mut reader = csv::Reader::from_reader(body);
    let col = reader
        .headers()
        .expect("a header")
        .iter()
        .position(|h| h == field)
        .expect("the field");
    reader
        .records()
        .map(|r| r.expect("a record").get(col).unwrap_or_default().to_owned())
        .collect()
}

fn strings(value: serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn the_download_control_gives_the_rows_the_table_shows() {
    let p = page();
    // Measure 2.1.3.4's status history, as CSV.
    p.open("/opatreni/2.1.3.4", "measure");
    let mut shown = strings(p.eval_json(
        "[...document.querySelectorAll('section[aria-labelledby=historie] tbody tr')].map(r => r.cells[2].innerText.trim())",
    ));
    let csv = download(
        &p,
        ".download-data[data-dataset='stavy-opatreni'] a[data-format='CSV']",
        "ostrava-stavy-opatreni-opatreni-2.1.3.4.csv",
    );
    let mut downloaded = csv_column(&csv, "realizator");
    assert!(!shown.is_empty(), "the table has rows");
    shown.sort();
    downloaded.sort();
    assert_eq!(downloaded, shown, "the file's rows are the table's");
    assert!(
        csv_column(&csv, "opatreni").iter().all(|c| c == "2.1.3.4"),
        "only the measure's rows"
    );

    // The risks, as XLSX read by openpyxl.
    p.open("/rizika", "risks");
    let shown = strings(p.eval_json(
        "[...document.querySelectorAll('.risk-list li h3 span[lang=cs]')].map(s => s.innerText.trim())",
    ));
    let xlsx = download(
        &p,
        ".download-data[data-dataset='rizika'] a[data-format='XLSX']",
        "ostrava-rizika.xlsx",
    );
    const READ: &str = "import io, json, sys, openpyxl\nws = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read())).active\nrows = list(ws.iter_rows(values_only=True))\ncol = rows[0].index('riziko')\nprint(json.dumps([r[col] for r in rows[1:]]))";
    let read = tests::pipe(&tests::tool_python(), &["-c", READ], &xlsx);
    let mut downloaded: Vec<String> = serde_json::from_slice(&read).expect("JSON");
    let mut shown_sorted = shown.clone();
    shown_sorted.sort();
    downloaded.sort();
    assert!(!shown.is_empty(), "the page lists risks");
    assert_eq!(
        downloaded, shown_sorted,
        "the workbook's rows are the list's"
    );

    // The open-data page lists every dataset with its four files, and the whole plan's.
    p.open("/data", "open-data");
    p.assert_text(&["Otevřená data", "Projekty EU", "Licence: CC-BY-4.0"]);
    let datasets = p.eval("document.querySelectorAll('section.dataset').length");
    assert_eq!(datasets, json!(21));
    let links =
        p.eval("document.querySelectorAll('section.dataset .downloads a[download]').length");
    assert_eq!(links, json!(84));
    let zip = download(&p, "a[href='/data/ostrava.zip']", "ostrava.zip");
    assert!(zip.starts_with(b"PK\x03\x04"), "a ZIP");
}

#[test]
fn a_coordinator_downloads_the_values_with_their_drafts_marked() {
    crate::staff::staff_accounts();
    let p = page();
    p.sign_in("koordinator@psz.test");
    p.open("/sprava", "manage");
    let csv = download(
        &p,
        "a[href='/data/ostrava/koncepty/hodnoty-indikatoru.csv']",
        "ostrava-hodnoty-indikatoru-koncepty.csv",
    );
    let marks = csv_column(&csv, "zverejneno");
    assert!(!marks.is_empty(), "the values");
    assert!(
        marks.iter().all(|m| m == "true" || m == "false"),
        "each row marked: {marks:?}"
    );
}
