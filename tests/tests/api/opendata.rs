//! Open data: every dataset downloads as CSV, JSON and XLSX from the real server, read back with
//! independent readers (the `csv` crate and Python's `csv` module; openpyxl for the workbooks),
//! its figures checked against the documents; a selection is the rows a page shows; a draft is in
//! no public file but in the staff's export; a repeated download is a `304` until the data
//! change. The whole plan's files: `opendata_files.rs`.

use serde_json::{Value, json};
use tests::TestApp;

use super::opendata_files::openpyxl;

/// The file at `path`, checked to be a download of `content_type`.
pub(crate) async fn download(app: &TestApp, path: &str, content_type: &str) -> (String, Vec<u8>) {
    let r = app.get(path).await;
    assert_eq!(r.status(), 200, "{path}");
    assert_eq!(r.headers()["content-type"], content_type, "{path}");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .is_ok_and(|d| d.starts_with("attachment; filename=\"ostrava")),
        "{path}"
    );
    let etag = r.headers()["etag"].to_str().expect("etag").to_owned();
    (etag, r.bytes().await.expect("body").to_vec())
}

/// The CSV's rows as Python's `csv` module reads them (`utf-8-sig` drops the byte order mark),
/// each a map of header to cell.
pub(crate) fn python_rows(csv: &[u8]) -> Vec<Value> {
    python_rows_separated(csv, ',')
}

fn python_rows_separated(csv: &[u8], delimiter: char) -> Vec<Value> {
    const READ: &str = "import csv, io, json, sys\nprint(json.dumps(list(csv.DictReader(io.StringIO(sys.stdin.buffer.read().decode('utf-8-sig'), newline=''), delimiter=sys.argv[1]))))";
    let out = tests::pipe("python3", &["-c", READ, &delimiter.to_string()], csv);
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

    // The rows a page's table shows: one measure's projects, with a file name that says so.
    let path = "/data/ostrava/projekty.csv?opatreni=2.1.3.4";
    let r = app.get(path).await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-disposition"],
        "attachment; filename=\"ostrava-projekty-opatreni-2.1.3.4.csv\""
    );
    let selected = python_rows(&r.bytes().await.expect("body"));
    let expected: Vec<&Value> = rows.iter().filter(|r| r["opatreni"] == "2.1.3.4").collect();
    assert_eq!(selected.iter().collect::<Vec<_>>(), expected);
    assert!(
        selected
            .iter()
            .any(|r| r["registracni_cislo"] == "CZ.03.02.01/00/22_018/0001333")
    );
    // A search's rows are the search's results, in their order.
    for (slug, kind, words) in [
        ("opatreni", "measures", "bydlení"),
        ("specificke-cile", "specificGoals", "bydleni"),
        ("oblasti", "areas", "zdravi"),
        ("strategicke-cile", "strategicGoals", "exekuci"),
    ] {
        let found = app
            .data(
                &format!("query($t: String!) {{ search(text: $t) {{ {kind} {{ code }} }} }}"),
                json!({ "t": words }),
            )
            .await;
        let expected: Vec<&Value> = found["search"][kind]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| &r["code"])
            .collect();
        assert!(!expected.is_empty(), "{words} finds {kind}");
        let path = format!(
            "/data/ostrava/{slug}.json?hledat={}",
            words.replace('í', "%C3%AD")
        );
        let r = app.get(&path).await;
        assert_eq!(r.status(), 200, "{path}");
        let rows: Vec<Value> = r.json().await.expect("JSON");
        let got: Vec<&Value> = rows.iter().map(|r| &r["kod"]).collect();
        assert_eq!(got, expected, "{path}: the search's results");
    }
    let r = app.get("/data/ostrava/projekty.csv?hledat=x").await;
    assert_eq!(r.status(), 400, "projects are not searched");
    // Percent-encoded Czech values select too.
    let by_name = app
        .get("/data/ostrava/projekty.json?realizator=Slezsk%C3%A1+diakonie")
        .await;
    let by_name: Vec<Value> = by_name.json().await.expect("JSON");
    assert!(
        !by_name.is_empty()
            && by_name
                .iter()
                .all(|r| r["realizator"] == "Slezská diakonie")
    );
    let unknown = app.get("/data/ostrava/projekty.csv?nepole=1").await;
    assert_eq!(unknown.status(), 400);
    let unknown: Value = unknown.json().await.expect("the app's error JSON");
    assert!(
        unknown["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("nepole") && m.contains("registracni_cislo")),
        "the error names the dataset's fields: {unknown}"
    );

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
    // A revision of a target, so that every dataset has rows (the documents revise none).
    let admin = app.admin().await;
    let (id, version) = super::entry::indicator(&app).await;
    app.data_as(
        &admin,
        "mutation($i: ReviseTargetInput!) { reviseIndicatorTarget(input: $i) { id } }",
        json!({ "i": { "record": { "id": id, "version": version }, "validFrom": "2026-01-01", "targetValue": 1000, "reason": "Revize Plánu" } }),
    )
    .await;
    // Every dataset the schema lists downloads in every format, with the listed fields in the
    // listed order, typed in JSON as the schema says.
    let listed = app
        .data(
            "{ plan { openData { datasets { slug csvUrl csvSemicolonUrl jsonUrl key fields { name type } } } } }",
            json!({}),
        )
        .await["plan"]["openData"]["datasets"]
        .clone();
    let listed = listed.as_array().expect("datasets");
    assert_eq!(listed.len(), 21);
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
        let (_, semicolons) = download(
            &app,
            d["csvSemicolonUrl"].as_str().expect("url"),
            "text/csv; charset=utf-8",
        )
        .await;
        assert_eq!(
            python_rows_separated(&semicolons, ';'),
            rows,
            "{slug}: the same rows separated by semicolons"
        );
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
    // The overview's and the budget page's figures, exactly as the API computes them.
    let api = app
        .data(
            "{ plan { budget { planned { hellers } drawn { hellers } } budgetByProgramme { programme money { allocated { hellers } drawn { hellers } } } areas { code conflictCount progress { goals achieved onTrack behind attainment } statusCounts { notImplemented inProgress completed } budget { planned { hellers } allocated { hellers } drawn { hellers } } } } }",
            json!({}),
        )
        .await["plan"]
        .clone();
    let (_, summary) = download(
        &app,
        "/data/ostrava/souhrn-oblasti.json",
        "application/json",
    )
    .await;
    let summary: Vec<Value> = serde_json::from_slice(&summary).expect("JSON");
    let hellers = |v: &Value| -> i64 {
        // A money cell is CZK with two decimals; the API gives hellers as a string.
        let text = v.to_string();
        let (crowns, fraction) = text.split_once('.').unwrap_or((&text, "0"));
        crowns.parse::<i64>().expect("crowns") * 100
            + format!("{fraction:0<2}").parse::<i64>().expect("hellers")
    };
    let api_hellers = |v: &Value| -> i64 {
        v["hellers"]
            .as_str()
            .and_then(|h| h.parse().ok())
            .expect("hellers")
    };
    assert_eq!(summary.len(), 6);
    for (row, area) in summary.iter().zip(api["areas"].as_array().expect("areas")) {
        assert_eq!(row["oblast"], area["code"]);
        assert_eq!(row["cile"], area["progress"]["goals"], "{row}");
        assert_eq!(row["cile_splnene"], area["progress"]["achieved"], "{row}");
        assert_eq!(row["cile_pozadu"], area["progress"]["behind"], "{row}");
        assert_eq!(
            row["opatreni_v_realizaci"], area["statusCounts"]["inProgress"],
            "{row}"
        );
        assert_eq!(
            row["opatreni_dokoncena"], area["statusCounts"]["completed"],
            "{row}"
        );
        assert_eq!(row["rozpory"], area["conflictCount"], "{row}");
        assert_eq!(
            hellers(&row["planovano"]),
            api_hellers(&area["budget"]["planned"]),
            "{row}"
        );
        assert_eq!(
            hellers(&row["alokovano"]),
            api_hellers(&area["budget"]["allocated"]),
            "{row}"
        );
        assert_eq!(
            hellers(&row["cerpano"]),
            api_hellers(&area["budget"]["drawn"]),
            "{row}"
        );
    }
    let planned: i64 = summary.iter().map(|r| hellers(&r["planovano"])).sum();
    assert_eq!(
        planned,
        api_hellers(&api["budget"]["planned"]),
        "the areas add up to the plan"
    );
    let (_, programmes) = download(
        &app,
        "/data/ostrava/rozpocet-programy.csv",
        "text/csv; charset=utf-8",
    )
    .await;
    let programmes = python_rows(&programmes);
    let opz = programmes
        .iter()
        .find(|r| r["program"] == "OPZ+")
        .expect("OPZ+");
    assert_eq!(
        opz["cerpano"], "149348386.16",
        "annex A's OPZ+ rows as they add up"
    );
    let (_, by_measure) = download(
        &app,
        "/data/ostrava/rozpocet-opatreni.csv",
        "text/csv; charset=utf-8",
    )
    .await;
    let by_measure = python_rows(&by_measure);
    assert_eq!(by_measure.len(), 47);
    let m = by_measure
        .iter()
        .find(|r| r["opatreni"] == "2.1.3.4")
        .expect("2.1.3.4");
    assert_eq!(m["cerpano"], "12170133.36");

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

    // The plan's staff export it with the drafts, marked; nobody else finds the address.
    const STAFF: &str = "/data/ostrava/koncepty/hodnoty-indikatoru.csv?specificky_cil=2.1.3";
    let staff = app.get_with(STAFF, &[("cookie", &admin.cookie)]).await;
    assert_eq!(staff.status(), 200);
    assert_eq!(staff.headers()["cache-control"], "private, no-store");
    assert!(staff.headers().get("etag").is_none());
    assert_eq!(
        staff.headers()["content-disposition"],
        "attachment; filename=\"ostrava-hodnoty-indikatoru-specificky_cil-2.1.3-koncepty.csv\""
    );
    let rows = python_rows(&staff.bytes().await.expect("body"));
    let drafts: Vec<&Value> = rows.iter().filter(|r| r["zverejneno"] == "false").collect();
    assert_eq!(drafts.len(), 1, "the one draft, marked: {rows:?}");
    assert_eq!(drafts[0]["hodnota"], "4242");
    assert!(
        rows.iter().filter(|r| r["zverejneno"] == "true").count() > 0,
        "and the published values"
    );
    let org = super::entry::implementer_org(&app).await;
    let implementer = app
        .implementer(&admin, "export@psz.test", json!([org]))
        .await;
    for cookie in [None, Some(implementer.cookie.as_str())] {
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("cookie", c)).into_iter().collect();
        let r = app.get_with(STAFF, &headers).await;
        assert_eq!(r.status(), 404, "only the plan's staff: {cookie:?}");
    }
    // And the internal notes, which no public address serves.
    let note = app
        .data_as(
            &admin,
            include_str!("../../../frontend/queries/add_note.graphql"),
            json!({ "input": { "subject": "MEASURE", "code": "2.1.3.4", "text": "Ověřit čerpání; \"interní\"" } }),
        )
        .await;
    assert!(note["addInternalNote"]["id"].is_number(), "{note}");
    let notes = app
        .get_with(
            "/data/ostrava/koncepty/interni-poznamky.csv",
            &[("cookie", &admin.cookie)],
        )
        .await;
    assert_eq!(notes.status(), 200);
    let notes = python_rows(&notes.bytes().await.expect("body"));
    assert!(
        notes
            .iter()
            .any(|n| n["kod"] == "2.1.3.4" && n["text"] == "Ověřit čerpání; \"interní\""),
        "{notes:?}"
    );
    for path in [
        "/data/ostrava/interni-poznamky.csv",
        "/data/ostrava/koncepty/interni-poznamky.csv",
    ] {
        assert_eq!(app.get(path).await.status(), 404, "{path}");
    }
    let r = app
        .get_with(
            "/data/ostrava/koncepty/oblasti.csv",
            &[("cookie", &admin.cookie)],
        )
        .await;
    assert_eq!(
        r.status(),
        404,
        "a dataset without drafts has no staff export"
    );

    // Nor in the workbooks (read by openpyxl) or the package's files (unpacked by Python).
    for path in [
        "/data/ostrava.xlsx",
        "/data/ostrava/hodnoty-indikatoru.xlsx",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        let sheets = openpyxl(&r.bytes().await.expect("body"));
        let values = sheets
            .as_array()
            .and_then(|s| s.iter().find(|s| s["name"] == "Hodnoty indikátorů dopadu"))
            .expect("the values' sheet");
        assert!(values["rows"].as_array().is_some_and(|r| !r.is_empty()));
        assert!(!values.to_string().contains("4242"), "{path}: no draft");
    }
    let r = app.get("/data/ostrava.zip").await;
    const UNPACK: &str = "import io, sys, zipfile\nz = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))\nsys.stdout.buffer.write(z.read('hodnoty-indikatoru.csv'))";
    let unpacked = tests::pipe("python3", &["-c", UNPACK], &r.bytes().await.expect("body"));
    assert_eq!(
        unpacked, after,
        "the package's file is the dataset's, without the draft"
    );
    for (path, code, status) in [
        (
            "/data/ostrava/opatreni.csv?oddelovac=tab",
            "BAD_REQUEST",
            400,
        ),
        (
            "/data/ostrava/opatreni.json?oddelovac=strednik",
            "BAD_REQUEST",
            400,
        ),
        ("/data/ostrava.zip?x=1", "BAD_REQUEST", 400),
        ("/data/ostrava/opatreni.csv?kod=1&kod=2", "BAD_REQUEST", 400),
        ("/data/ostrava/opatreni.csv?kod=%FF%FE", "BAD_REQUEST", 400),
        (
            &format!("/data/ostrava/opatreni.csv?{}", "a".repeat(5000)),
            "BAD_REQUEST",
            400,
        ),
        ("/data/ostrava.pdf", "NOT_FOUND", 404),
        ("/data/neni.xlsx", "NOT_FOUND", 404),
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), status, "{path}");
        let body: Value = r.json().await.expect("the app's error JSON");
        assert_eq!(body["errors"][0]["extensions"]["code"], code, "{path}");
    }
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
