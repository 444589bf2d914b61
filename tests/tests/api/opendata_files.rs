//! The whole plan's open-data files: the workbook read back by openpyxl (typed cells, formats,
//! a sheet per dataset) and the data package validated by the frictionless validator.

use serde_json::{Value, json};
use tests::TestApp;

use super::opendata::{download, python_rows};

/// A workbook as openpyxl reads it: per sheet (in order) its frozen panes, autofilter, header and
/// rows, each cell with its value, Python type and number format.
pub(crate) fn openpyxl(bytes: &[u8]) -> Value {
    const READ: &str = r#"
import datetime, io, json, sys, openpyxl
book = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
def cell(c):
    v = c.value
    return {"v": v.isoformat() if isinstance(v, datetime.datetime) else v,
            "t": type(v).__name__, "f": c.number_format}
sheets = []
for ws in book.worksheets:
    rows = list(ws.iter_rows())
    sheets.append({"name": ws.title, "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                   "header": [c.value for c in rows[0]] if rows else [],
                   "rows": [[cell(c) for c in r] for r in rows[1:]]})
print(json.dumps(sheets))
"#;
    let out = tests::pipe(&tests::tool_python(), &["-c", READ], bytes);
    serde_json::from_slice(&out).expect("JSON")
}

/// A sheet's row whose cell under `field` holds `value`, as a map of header to cell.
fn sheet_row(sheet: &Value, field: &str, value: &str) -> serde_json::Map<String, Value> {
    let header: Vec<&str> = sheet["header"]
        .as_array()
        .expect("header")
        .iter()
        .map(|h| h.as_str().unwrap_or_default())
        .collect();
    let col = header.iter().position(|h| *h == field).expect("the field");
    let row = sheet["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r[col]["v"] == value)
        .unwrap_or_else(|| panic!("a row with {field} = {value}"));
    header
        .iter()
        .zip(row.as_array().expect("cells"))
        .map(|(h, c)| ((*h).to_owned(), c.clone()))
        .collect()
}

/// The whole plan's workbook read by openpyxl (typed cells, CZK and date formats, a frozen header
/// with a filter on every sheet, the same rows as the CSV files) and its data package validated
/// by frictionless (types, primary and foreign keys), with the documents' figures in both.
pub async fn the_plans_workbook_and_data_package_read_back_independently(app: TestApp) {
    let open = app
        .data(
            "{ plan { openData { licence licenceUrl workbookUrl packageUrl datasets { slug title csvUrl xlsxUrl fields { name } } } } }",
            json!({}),
        )
        .await["plan"]["openData"]
        .clone();
    assert_eq!(open["licence"], "CC-BY-4.0");
    assert_eq!(open["workbookUrl"], "/data/ostrava.xlsx");
    let datasets = open["datasets"].as_array().expect("datasets").clone();
    let content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let (etag, workbook) = download(&app, "/data/ostrava.xlsx", content_type).await;
    assert_eq!(
        app.get_with("/data/ostrava.xlsx", &[("if-none-match", &etag)])
            .await
            .status(),
        304
    );
    let sheets = openpyxl(&workbook);
    let sheets = sheets.as_array().expect("sheets");
    let names: Vec<&str> = sheets
        .iter()
        .map(|s| s["name"].as_str().unwrap_or_default())
        .collect();
    let mut expected = vec!["O datech"];
    expected.extend(
        datasets
            .iter()
            .map(|d| d["title"].as_str().unwrap_or_default()),
    );
    assert_eq!(
        names, expected,
        "a sheet per dataset, after the description"
    );
    for (sheet, d) in sheets[1..].iter().zip(&datasets) {
        let fields: Vec<&Value> = d["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| &f["name"])
            .collect();
        let header: Vec<&Value> = sheet["header"].as_array().expect("header").iter().collect();
        assert_eq!(
            header, fields,
            "{}: the header is the field names",
            d["slug"]
        );
        assert_eq!(
            sheet["freeze"], "A2",
            "{}: the header row is frozen",
            d["slug"]
        );
        assert!(
            sheet["filter"]
                .as_str()
                .is_some_and(|f| f.starts_with("A1:")),
            "{}: an autofilter over the table",
            d["slug"]
        );
        let (_, csv) = download(
            &app,
            d["csvUrl"].as_str().expect("url"),
            "text/csv; charset=utf-8",
        )
        .await;
        assert_eq!(
            sheet["rows"].as_array().map(Vec::len),
            Some(python_rows(&csv).len()),
            "{}: the CSV's rows",
            d["slug"]
        );
    }
    let projects = &sheets[names
        .iter()
        .position(|n| *n == "Projekty EU")
        .expect("projects")];
    let p = sheet_row(
        projects,
        "registracni_cislo",
        "CZ.03.02.01/00/22_018/0001333",
    );
    assert_eq!(p["opatreni"]["v"], "2.1.3.4");
    assert_eq!(
        p["rozpocet"]["v"], 12_170_133.36,
        "a number: {:?}",
        p["rozpocet"]
    );
    assert_eq!(p["rozpocet"]["t"], "float");
    assert!(
        p["rozpocet"]["f"]
            .as_str()
            .is_some_and(|f| f.contains("Kč") && f.contains("0.00")),
        "a CZK format: {:?}",
        p["rozpocet"]
    );
    assert_eq!(p["od"]["t"], "datetime", "a date: {:?}", p["od"]);
    assert!(
        p["od"]["f"]
            .as_str()
            .is_some_and(|f| f.contains('d') && f.contains("yyyy"))
    );
    let measures = &sheets[names
        .iter()
        .position(|n| *n == "Opatření")
        .expect("measures")];
    let m = sheet_row(measures, "kod", "2.1.3.4");
    assert_eq!(m["socialni_sluzba"]["t"], "bool");
    assert_eq!(m["akcni_plan"]["v"], 1);

    // One dataset alone: a workbook of its sheet.
    let (_, one) = download(&app, "/data/ostrava/projekty.xlsx", content_type).await;
    let one = openpyxl(&one);
    assert_eq!(one[0]["name"], "Projekty EU");
    assert_eq!(one[0]["rows"], projects["rows"]);

    // The data package, validated by frictionless: every file against its table schema, the
    // keys unique, every foreign key found.
    let (_, package) = download(&app, "/data/ostrava.zip", "application/zip").await;
    const VALIDATE: &str = r#"
import io, json, os, sys, tempfile, zipfile
from frictionless import validate
d = tempfile.mkdtemp()
zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())).extractall(d)
descriptor = json.load(open(os.path.join(d, "datapackage.json"), encoding="utf-8"))
report = validate(os.path.join(d, "datapackage.json"))
errors = [e.message for e in report.errors] + [e.message for t in report.tasks for e in t.errors]
print(json.dumps({"valid": report.valid, "errors": errors[:20],
                  "rows": {t.name: t.stats.get("rows") for t in report.tasks},
                  "descriptor": descriptor}))
"#;
    let out = tests::pipe(&tests::tool_python(), &["-c", VALIDATE], &package);
    let report: Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(report["valid"], true, "frictionless: {}", report["errors"]);
    let descriptor = &report["descriptor"];
    assert_eq!(descriptor["licenses"][0]["name"], "CC-BY-4.0");
    assert_eq!(
        descriptor["resources"].as_array().map(Vec::len),
        Some(datasets.len())
    );
    assert_eq!(report["rows"]["projekty"], 21);
    assert_eq!(report["rows"]["opatreni"], 47);
    let values = descriptor["resources"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["name"] == "hodnoty-indikatoru"))
        .expect("indicator values");
    assert_eq!(
        values["schema"]["foreignKeys"][0]["reference"]["resource"],
        "indikatory-dopadu"
    );
}
