//! Open data: every dataset downloads as CSV and JSON from the real server, read back with two
//! independent readers (the `csv` crate and Python's `csv` module), its figures checked against
//! the documents; a draft is in no file; a repeated download is a `304` until the data change.

use serde_json::{Value, json};
use tests::TestApp;

/// The file at `path`, checked to be a download of `content_type`.
async fn download(app: &TestApp, path: &str, content_type: &str) -> (String, Vec<u8>) {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    assert_eq!(r.headers()["content-type"], content_type, "{path}");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .is_ok_and(|d| d.starts_with("attachment; filename=\"ostrava-")),
        "{path}"
    );
    let etag = r.headers()["etag"].to_str().expect("etag").to_owned();
    (etag, r.bytes().await.expect("body").to_vec())
}

/// The CSV's rows as Python's `csv` module reads them (`utf-8-sig` drops the byte order mark),
/// each a map of header to cell.
fn python_rows(csv: &[u8]) -> Vec<Value> {
    const READ: &str = "import csv, io, json, sys\nprint(json.dumps(list(csv.DictReader(io.StringIO(sys.stdin.buffer.read().decode('utf-8-sig'), newline='')))))";
    let out = tests::pipe("python3", &["-c", READ], csv);
    serde_json::from_slice::<Vec<Value>>(&out).expect("JSON")
}

/// The same rows as the `csv` crate reads them.
fn crate_rows(bytes: &[u8]) -> Vec<Value> {
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a byte order mark");
    let mut reader = csv::Reader::from_reader(body);
    let headers = reader.headers().expect("headers").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed record");
            assert_eq!(r.len(), headers.len(), "every row has every field");
            Value::Object(
                headers
                    .iter()
                    .zip(r.iter())
                    .map(|(h, c)| (h.to_owned(), Value::String(c.to_owned())))
                    .collect(),
            )
        })
        .collect()
}

/// Measure 2.1.3.4's project, its budget and the OPZ+ rows of annex A, in both readers; the
/// measures as JSON with typed values.
pub async fn open_data_carries_the_documents_figures(app: TestApp) {
    let (_, projects) = download(
        &app,
        "/data/ostrava/projekty.csv",
        "text/csv; charset=utf-8",
    )
    .await;
    let rows = python_rows(&projects);
    assert_eq!(rows, crate_rows(&projects), "both readers read the same");
    // Annex A's 23 rows list two projects twice (under 2.1.3.1 and 2.1.3.3): 21 projects.
    assert_eq!(rows.len(), 21, "annex A's projects");
    let project = rows
        .iter()
        .find(|r| r["registracni_cislo"] == "CZ.03.02.01/00/22_018/0001333")
        .expect("measure 2.1.3.4's project");
    assert_eq!(project["opatreni"], "2.1.3.4");
    assert_eq!(project["rozpocet"], "12170133.36");
    assert_eq!(project["realizator"], "Slezská diakonie");
    assert!(
        project["dokument"]
            .as_str()
            .is_some_and(|d| d.contains("Zpráva")),
        "with its source: {project}"
    );
    // The OPZ+ rows add up to 149 348 386,16 Kč (the annex prints 4 hellers more: a recorded
    // source conflict).
    let opz: i64 = rows
        .iter()
        .filter(|r| r["program"] == "OPZ+")
        .map(|r| {
            let (crowns, hellers) = r["rozpocet"]
                .as_str()
                .and_then(|b| b.split_once('.'))
                .expect("two decimals");
            crowns.parse::<i64>().expect("crowns") * 100 + hellers.parse::<i64>().expect("hellers")
        })
        .sum();
    assert_eq!(opz, 14_934_838_616);

    let (_, measures) = download(&app, "/data/ostrava/opatreni.json", "application/json").await;
    let measures: Vec<Value> = serde_json::from_slice(&measures).expect("JSON");
    assert_eq!(measures.len(), 47, "the Action Plan's 47 measures");
    let m = measures
        .iter()
        .find(|m| m["kod"] == "2.1.3.4")
        .expect("2.1.3.4");
    assert_eq!(m["specificky_cil"], "2.1.3");
    assert!(m["socialni_sluzba"].is_boolean(), "{m}");
    assert!(
        m["predpokladane_naklady"].is_number() || m["predpokladane_naklady"].is_null(),
        "{m}"
    );
    // Every dataset the schema lists downloads in both formats, with the listed fields in the
    // listed order, typed in JSON as the schema says.
    let listed = app
        .data(
            "{ plan { datasets { slug csvUrl jsonUrl key fields { name type } } } }",
            json!({}),
        )
        .await["plan"]["datasets"]
        .clone();
    let listed = listed.as_array().expect("datasets");
    assert_eq!(listed.len(), 8);
    for d in listed {
        let slug = d["slug"].as_str().expect("slug");
        let names: Vec<&str> = d["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| f["name"].as_str().expect("name"))
            .collect();
        let (_, csv) = download(
            &app,
            d["csvUrl"].as_str().expect("url"),
            "text/csv; charset=utf-8",
        )
        .await;
        let header = String::from_utf8_lossy(&csv)
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches('\u{feff}')
            .to_owned();
        assert_eq!(
            header,
            names.join(","),
            "{slug}: the header is the listed fields"
        );
        let rows = python_rows(&csv);
        assert_eq!(rows, crate_rows(&csv), "{slug}");
        assert!(!rows.is_empty(), "{slug} has rows");
        let (_, json) = download(
            &app,
            d["jsonUrl"].as_str().expect("url"),
            "application/json",
        )
        .await;
        let objects: Vec<Value> = serde_json::from_slice(&json).expect("JSON");
        assert_eq!(objects.len(), rows.len(), "{slug}: the same rows in JSON");
        for (field, kind) in d["fields"].as_array().expect("fields").iter().map(|f| {
            (
                f["name"].as_str().unwrap_or_default(),
                f["type"].as_str().unwrap_or_default(),
            )
        }) {
            for o in &objects {
                let v = &o[field];
                let typed = match kind {
                    "INTEGER" | "NUMBER" | "MONEY" => v.is_number(),
                    "BOOLEAN" => v.is_boolean(),
                    _ => v.is_string(),
                };
                assert!(typed || v.is_null(), "{slug}.{field} ({kind}): {v}");
            }
        }
    }
    let (_, areas) = download(&app, "/data/ostrava/oblasti.csv", "text/csv; charset=utf-8").await;
    let areas = python_rows(&areas);
    assert_eq!(areas.len(), 6);
    assert_eq!(areas[0]["nazev"], "Bydlení");
}

/// A draft value is in no file; the tag changes with the data; unknown addresses are the app's
/// `404`.
pub async fn open_data_has_no_draft_and_answers_304_until_the_data_change(app: TestApp) {
    const PATH: &str = "/data/ostrava/hodnoty-indikatoru.csv";
    let (etag, before) = download(&app, PATH, "text/csv; charset=utf-8").await;
    let again = app.get_with(PATH, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status(), 304);

    let admin = app.admin().await;
    let (indicator_id, _) = super::entry::indicator(&app).await;
    let draft = app
        .data_as(
            &admin,
            super::entry::WAVE,
            json!({ "i": { "specificGoal": "2.1.3", "refDate": "2026-06-30", "sourceNote": "Dotazník realizátora", "publish": false, "values": [{ "indicatorId": indicator_id, "value": 4242 }] } }),
        )
        .await;
    assert_eq!(draft["recordIndicatorValues"][0]["published"], false);
    let (changed, after) = download(&app, PATH, "text/csv; charset=utf-8").await;
    assert_ne!(changed, etag, "a write changes the tag");
    assert_eq!(after, before, "the draft is in no file");
    assert!(!String::from_utf8_lossy(&after).contains("4242"));

    for path in [
        "/data/ostrava/neni.csv",
        "/data/ostrava/opatreni.xml",
        "/data/ostrava/opatreni",
        "/data/neni/opatreni.csv",
        "/data/..%2F..%2Fetc/opatreni.csv",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        let body: Value = r.json().await.expect("the app's error JSON");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "NOT_FOUND",
            "{path}"
        );
    }
}
