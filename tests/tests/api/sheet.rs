//! The spreadsheet round-trip of a monitoring wave: the template downloaded by the people allowed
//! to, filled by an independent writer (Python's openpyxl) and as a hand-made CSV, uploaded,
//! previewed, confirmed as drafts, published, and shown to the public; and every bad file or
//! row refused with its error while nothing is stored.

use serde_json::{Value, json};
use tests::{Session, TestApp};

use super::entry::{count, implementer_org};

/// Fills a template as a person would in Excel: every indicator row gets a value (12, 13 …),
/// every status row "V realizaci (4/6)", a project; reads the workbook on standard input and
/// writes the filled one to standard output.
const FILL: &str = r#"
import io, sys, openpyxl
book = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
ws = book["Hlášení"]
header = next(r for r in ws.iter_rows(min_row=1, max_row=10) if r[0].value == "ID")[0].row
cols = {c.value: c.column for c in ws[header]}
n = 12
for row in ws.iter_rows(min_row=header + 1):
    kind = row[cols["Druh"] - 1].value
    if kind == "Ukazatel":
        ws.cell(row=row[0].row, column=cols["Nová hodnota"], value=n)
        n += 1
    elif kind == "Stav opatření":
        ws.cell(row=row[0].row, column=cols["Stav"], value="V realizaci")
        ws.cell(row=row[0].row, column=cols["Zpráv"], value=4)
        ws.cell(row=row[0].row, column=cols["Zpráv celkem"], value=6)
        ws.cell(row=row[0].row, column=cols["Činnost"], value="Projektová aktivita")
if len(sys.argv) > 1:
    # One bad cell: text in the first indicator's number column.
    first = next(r for r in ws.iter_rows(min_row=header + 1) if r[cols["Druh"] - 1].value == "Ukazatel")
    ws.cell(row=first[0].row, column=cols["Nová hodnota"], value=sys.argv[1])
out = io.BytesIO()
book.save(out)
sys.stdout.buffer.write(out.getvalue())
"#;

/// What openpyxl reads of a template: the data sheet's title and header, whether the hidden
/// sheet is hidden and the data sheet protected, and the validations' columns.
const INSPECT: &str = r#"
import io, json, sys, openpyxl
book = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))
ws = book["Hlášení"]
header = [c.value for c in ws[5]]
print(json.dumps({
    "sheets": book.sheetnames,
    "hidden": book["psz"].sheet_state,
    "protected": bool(ws.protection.sheet),
    "header": header,
    "rows": ws.max_row - 5,
    "validations": sorted(str(v.sqref) for v in ws.data_validations.dataValidation),
    "locked_id": ws["A6"].protection.locked,
    "open_value": ws["I6"].protection.locked,
}))
"#;

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// `GET /zadavani/sablona.xlsx?{query}` as `session`: the status and the body.
async fn template(app: &TestApp, session: Option<&Session>, query: &str) -> (u16, Vec<u8>) {
    let mut r = client().get(format!("{}/zadavani/sablona.xlsx?{query}", app.url));
    if let Some(s) = session {
        r = r.header("cookie", &s.cookie);
    }
    let r = r.send().await.expect("request");
    let status = r.status().as_u16();
    if status == 200 {
        assert_eq!(
            r.headers()["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        );
        assert_eq!(r.headers()["cache-control"], "private, no-store");
    }
    (status, r.bytes().await.expect("body").to_vec())
}

/// `POST /zadavani/import?{query}` with `body` as `session` (with its CSRF header): the status
/// and the JSON answer.
async fn upload(
    app: &TestApp,
    session: Option<&Session>,
    query: &str,
    body: Vec<u8>,
) -> (u16, Value) {
    let mut r = client()
        .post(format!("{}/zadavani/import?{query}", app.url))
        .body(body);
    if let Some(s) = session {
        r = r.header("cookie", &s.cookie).header("x-psz-csrf", &s.csrf);
    }
    let r = r.send().await.expect("request");
    let status = r.status().as_u16();
    (status, r.json().await.expect("JSON answer"))
}

/// The `ID` column of a template's data sheet, read by openpyxl.
fn ids_of(xlsx: &[u8]) -> Vec<String> {
    const IDS: &str = r#"
import io, json, sys, openpyxl
ws = openpyxl.load_workbook(io.BytesIO(sys.stdin.buffer.read()))["Hlášení"]
print(json.dumps([r[0].value for r in ws.iter_rows(min_row=6) if r[0].value]))
"#;
    serde_json::from_slice(&tests::pipe(&tests::tool_python(), &["-c", IDS], xlsx)).expect("JSON")
}

fn code(answer: &Value) -> &str {
    answer["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("OK")
}

/// The rows and audit records a refused upload must leave as they were.
async fn stored(app: &TestApp) -> [i64; 3] {
    [
        count(app, "indicator_value").await,
        count(app, "measure_status").await,
        count(app, "audit_record").await,
    ]
}

async fn wave_ids(app: &TestApp) -> Vec<i64> {
    app.data("{ monitoring { waves { id } } }", json!({}))
        .await
        .pointer("/monitoring/waves")
        .and_then(Value::as_array)
        .expect("waves")
        .iter()
        .map(|w| w["id"].as_i64().expect("id"))
        .collect()
}

/// Another organisation of the plan than `not`.
async fn other_org(app: &TestApp, not: i64) -> i64 {
    app.data("{ plan { organisations { id } } }", json!({}))
        .await
        .pointer("/plan/organisations")
        .and_then(Value::as_array)
        .expect("organisations")
        .iter()
        .filter_map(|o| o["id"].as_i64())
        .find(|id| *id != not)
        .expect("another organisation")
}

pub async fn a_wave_round_trips_through_a_spreadsheet(app: TestApp) {
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let org = implementer_org(&app).await;
    let implementer = app
        .implementer(&admin, "realizator@psz.test", json!([org]))
        .await;
    let w3 = wave_ids(&app).await[2];
    let mine = format!("vlna={w3}&org={org}");

    // Only the people who report for the organisation get its template.
    assert_eq!(template(&app, None, &mine).await.0, 401);
    let other = other_org(&app, org).await;
    assert_eq!(
        template(&app, Some(&implementer), &format!("vlna={w3}&org={other}"))
            .await
            .0,
        403
    );
    assert_eq!(
        template(&app, Some(&implementer), &format!("vlna={w3}"))
            .await
            .0,
        403,
        "every row is the coordinators'"
    );
    assert_eq!(
        template(&app, Some(&implementer), "vlna=9999&org=1")
            .await
            .0,
        403
    );
    assert_eq!(template(&app, Some(&coordinator), "vlna=9999").await.0, 404);

    let (status, xlsx) = template(&app, Some(&implementer), &mine).await;
    assert_eq!(status, 200);
    let shape: Value =
        serde_json::from_slice(&tests::pipe(&tests::tool_python(), &["-c", INSPECT], &xlsx))
            .expect("JSON");
    assert_eq!(shape["sheets"], json!(["Hlášení", "psz"]));
    assert_eq!(shape["hidden"], "hidden");
    assert_eq!(shape["protected"], true);
    assert_eq!(shape["header"][0], "ID");
    assert_eq!(shape["header"][8], "Nová hodnota");
    assert_eq!(
        (shape["locked_id"].clone(), shape["open_value"].clone()),
        (json!(true), json!(false))
    );
    assert!(
        shape["validations"].as_array().expect("v").len() >= 5,
        "{shape}"
    );
    // Slezská diakonie owes its measures' statuses and their goals' indicators.
    let rows = shape["rows"].as_u64().expect("rows");
    assert!(rows >= 2, "{shape}");

    let filled = tests::pipe(&tests::tool_python(), &["-c", FILL], &xlsx);
    let before = stored(&app).await;
    let (status, preview) = upload(&app, Some(&implementer), &mine, filled.clone()).await;
    assert_eq!(status, 200, "{preview:#}");
    assert_eq!(preview["errors"], json!([]));
    assert_eq!(preview["storable"], true);
    assert_eq!(preview["stored"], Value::Null);
    assert_eq!(
        preview["summary"]["new"].as_u64(),
        Some(rows),
        "{preview:#}"
    );
    let first = &preview["rows"][0];
    assert_eq!(
        (first["state"].as_str(), first["new"].as_str()),
        (Some("NEW"), Some("12"))
    );
    assert_eq!(stored(&app).await, before, "a preview stores nothing");

    // Confirming stores every row as a draft, each with its audit record, in one go.
    let digest = preview["digest"].as_str().expect("digest");
    let (status, done) = upload(
        &app,
        Some(&implementer),
        &format!("{mine}&potvrdit={digest}"),
        filled.clone(),
    )
    .await;
    assert_eq!(status, 200, "{done:#}");
    assert_eq!(done["stored"].as_u64(), Some(rows));
    let after = stored(&app).await;
    assert_eq!(after[0] + after[1] - before[0] - before[1], rows as i64);
    assert_eq!(
        after[2] - before[2],
        rows as i64,
        "one audit record per row"
    );

    // The same file again changes nothing.
    let (_, again) = upload(&app, Some(&implementer), &mine, filled.clone()).await;
    assert_eq!(
        again["summary"]["unchanged"].as_u64(),
        Some(rows),
        "{again:#}"
    );
    let digest = again["digest"].as_str().expect("digest");
    let (status, none) = upload(
        &app,
        Some(&implementer),
        &format!("{mine}&potvrdit={digest}"),
        filled,
    )
    .await;
    assert_eq!((status, none["stored"].as_u64()), (200, Some(0)));
    assert_eq!(stored(&app).await, after);

    // The public sees none of it until a coordinator publishes.
    let goal = r#"{ specificGoal(code: "2.1.3") { impactIndicators { values { date value } } } }"#;
    let shows_12 = |d: &Value| {
        d["specificGoal"]["impactIndicators"][0]["values"]
            .as_array()
            .expect("values")
            .iter()
            .any(|v| v["date"] == "2026-06-30" && v["value"] == 12.0)
    };
    assert!(!shows_12(&app.data(goal, json!({})).await));
    let page = app.get("/cil/2.1.3").await.text().await.expect("page");
    assert!(
        !page.contains("30.\u{a0}6.\u{a0}2026"),
        "a draft is on the public page"
    );
    let drafts = app
        .data_as(
            &coordinator,
            "{ drafts { indicatorValues { id version } statuses { id version } } }",
            json!({}),
        )
        .await;
    app.data_as(
        &coordinator,
        "mutation($v: [RecordVersion!]!) { publishIndicatorValues(values: $v) { id } }",
        json!({ "v": drafts["drafts"]["indicatorValues"] }),
    )
    .await;
    app.data_as(
        &coordinator,
        "mutation($v: [RecordVersion!]!) { publishMeasureStatuses(statuses: $v) { id } }",
        json!({ "v": drafts["drafts"]["statuses"] }),
    )
    .await;
    assert!(shows_12(&app.data(goal, json!({})).await));
    // The goal page as the server renders it for the public shows the wave's value.
    let page = app.get("/cil/2.1.3").await.text().await.expect("page");
    assert!(
        page.contains("30.\u{a0}6.\u{a0}2026"),
        "the goal page lacks the new value's date"
    );
    let status = app
        .data(
            r#"{ measure(code: "2.1.3.4") { status { text date } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(status["measure"]["status"]["text"], "V realizaci (4/6)");
    assert_eq!(status["measure"]["status"]["date"], "2026-06-30");

    // A coordinator's CSV of every row (Czech Excel's: semicolons, decimal commas): only the
    // rows filled in count, the published value changes as a proposal beside it.
    let (_, all) = template(&app, Some(&coordinator), &format!("vlna={w3}")).await;
    assert!(!all.is_empty());
    let indicator_row = preview["rows"][0]["id"].as_str().expect("id").to_owned();
    let csv = format!(
        "Vlna monitoringu;;;\n\
         ID;Druh;Kód;Název;Organizace;Jednotka;Poslední zveřejněno;K datu;Nová hodnota;Stav;Zpráv;Zpráv celkem;Činnost;Období od;Období do\n\
         {indicator_row};Ukazatel;2.1.3;;;;;;14,0;;;;;;\n\
         ;;;;;;;;;;;;;;\n"
    );
    let all_rows = format!("vlna={w3}");
    let (status, p) = upload(
        &app,
        Some(&coordinator),
        &all_rows,
        csv.clone().into_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{p:#}");
    assert_eq!(p["summary"]["changed"], 1, "{p:#}");
    assert_eq!(p["rows"][0]["old"], "12");
    assert_eq!(p["rows"][0]["new"], "14");
    let digest = p["digest"].as_str().expect("digest");
    let (status, done) = upload(
        &app,
        Some(&coordinator),
        &format!("{all_rows}&potvrdit={digest}"),
        csv.into_bytes(),
    )
    .await;
    assert_eq!(
        (status, done["stored"].as_u64()),
        (200, Some(1)),
        "{done:#}"
    );
    // Still 12 for the public: the change waits beside the published value.
    assert!(shows_12(&app.data(goal, json!({})).await));
}

pub async fn bad_spreadsheets_get_their_errors_and_store_nothing(app: TestApp) {
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let org = implementer_org(&app).await;
    let implementer = app
        .implementer(&admin, "realizator@psz.test", json!([org]))
        .await;
    let waves = wave_ids(&app).await;
    let mine = format!("vlna={}&org={org}", waves[2]);
    let (_, xlsx) = template(&app, Some(&implementer), &mine).await;
    let before = stored(&app).await;

    // Whole files that are not this wave's template.
    let zip_bomb = tests::pipe(
        "python3",
        &[
            "-c",
            "import io,sys,zipfile\nb=io.BytesIO()\nz=zipfile.ZipFile(b,'w',zipfile.ZIP_DEFLATED)\nz.writestr('xl/worksheets/sheet1.xml', b'0'*(60*1024*1024))\nz.close()\nsys.stdout.buffer.write(b.getvalue())",
        ],
        b"",
    );
    let (_, wave2) = template(
        &app,
        Some(&implementer),
        &format!("vlna={}&org={org}", waves[1]),
    )
    .await;
    let other = other_org(&app, org).await;
    let (_, others) = template(
        &app,
        Some(&coordinator),
        &format!("vlna={}&org={other}", waves[2]),
    )
    .await;
    let bad_number = tests::pipe(&tests::tool_python(), &["-c", FILL, "dvanáct"], &xlsx);
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("empty", vec![], 422, "EMPTY_FILE"),
        (
            "a PNG",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            422,
            "NOT_A_SPREADSHEET",
        ),
        (
            "an old .xls",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            422,
            "OLD_EXCEL",
        ),
        (
            "Windows-1250 CSV",
            b"ID;Nov\xe1 hodnota\n".to_vec(),
            422,
            "NOT_UTF8",
        ),
        (
            "a damaged ZIP",
            b"PK\x03\x04 not really".to_vec(),
            422,
            "UNREADABLE",
        ),
        ("a zip bomb", zip_bomb, 422, "UNPACKS_TOO_LARGE"),
        ("wave 2's template", wave2, 422, "OTHER_WAVE"),
        (
            "another organisation's template",
            others.clone(),
            422,
            "OTHER_ORGANISATION",
        ),
        (
            "a CSV without the columns",
            b"ID;Hodnota\nU1;3\n".to_vec(),
            422,
            "MISSING_COLUMNS",
        ),
    ];
    for (what, body, status, expect) in cases {
        let (s, answer) = upload(&app, Some(&implementer), &mine, body).await;
        assert_eq!((s, code(&answer)), (status, expect), "{what}: {answer}");
        assert!(
            answer["errors"][0]["extensions"]["messageCs"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{what}"
        );
    }

    // Over 5 MB: refused before it is read (the server may close the connection first).
    let big = client()
        .post(format!("{}/zadavani/import?{mine}", app.url))
        .header("cookie", &implementer.cookie)
        .header("x-psz-csrf", &implementer.csrf)
        .body(vec![b'x'; 5 * 1024 * 1024 + 1])
        .send()
        .await;
    match big {
        Ok(r) => assert_eq!(r.status().as_u16(), 413),
        Err(e) => assert!(e.is_request(), "{e}"),
    }
    assert_eq!(stored(&app).await, before, "a refused file stores nothing");

    // Who may upload, and from where.
    assert_eq!(upload(&app, None, &mine, xlsx.clone()).await.0, 401);
    let no_csrf = client()
        .post(format!("{}/zadavani/import?{mine}", app.url))
        .header("cookie", &implementer.cookie)
        .body(xlsx.clone())
        .send()
        .await
        .expect("request");
    assert_eq!(no_csrf.status().as_u16(), 403);
    let (s, _) = upload(
        &app,
        Some(&implementer),
        &format!("vlna={}&org={other}", waves[2]),
        xlsx.clone(),
    )
    .await;
    assert_eq!(s, 403);

    // A bad cell: named by sheet, row and column with the Czech rule; confirming stores nothing.
    let (s, p) = upload(&app, Some(&implementer), &mine, bad_number.clone()).await;
    assert_eq!(s, 200);
    let e = &p["errors"][0];
    assert_eq!(
        (
            e["sheet"].as_str(),
            e["row"].as_u64(),
            e["column"].as_str(),
            e["code"].as_str()
        ),
        (Some("Hlášení"), Some(6), Some("I"), Some("NOT_A_NUMBER")),
        "{p:#}"
    );
    assert_eq!(e["messageCs"], "Zadejte číslo.");
    assert_eq!(p["storable"], false);
    let digest = p["digest"].as_str().expect("digest");
    let (s, refused) = upload(
        &app,
        Some(&implementer),
        &format!("{mine}&potvrdit={digest}"),
        bad_number,
    )
    .await;
    assert_eq!((s, code(&refused)), (422, "NOT_STORABLE"));

    // A column the template does not have would be lost: the file is refused.
    let header = "ID;Druh;Kód;Název;Organizace;Jednotka;Poslední zveřejněno;K datu;Nová hodnota;Stav;Zpráv;Zpráv celkem;Činnost;Období od;Období do";
    let csv = format!("{header};Poznámka\nU1;;;;;;;;3;;;;;;;navíc\n");
    let (s, p) = upload(&app, Some(&implementer), &mine, csv.into_bytes()).await;
    assert_eq!((s, code(&p)), (422, "UNKNOWN_COLUMNS"), "{p:#}");
    // Another organisation's row, a made-up row and a row without its ID are each that row's
    // error, at column A.
    let theirs = ids_of(&others)
        .into_iter()
        .find(|id| id.starts_with('S'))
        .expect("a status row of the other organisation");
    let csv = format!(
        "{header}\n{theirs};;;;;;;;;Dokončeno;;;;;\nU999999;;;;;;;;3;;;;;;\n;;2.1.3;;;;;;3;;;;;;\n"
    );
    let (s, p) = upload(&app, Some(&implementer), &mine, csv.into_bytes()).await;
    assert_eq!(s, 200);
    let codes: Vec<(u64, &str, &str)> = p["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| {
            (
                e["row"].as_u64().expect("row"),
                e["column"].as_str().expect("column"),
                e["code"].as_str().expect("code"),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            (2, "A", "OTHER_ORGANISATION"),
            (3, "A", "UNKNOWN_ROW"),
            (4, "A", "NO_ID")
        ],
        "{p:#}"
    );

    assert_eq!(
        stored(&app).await,
        before,
        "nothing of a file with errors is stored"
    );

    // A value entered meanwhile by someone else is a conflict, not an overwrite.
    let filled = tests::pipe(&tests::tool_python(), &["-c", FILL], &xlsx);
    let (_, p) = upload(&app, Some(&implementer), &mine, filled.clone()).await;
    let digest = p["digest"].as_str().expect("digest").to_owned();
    let (indicator_id, _) = super::entry::indicator(&app).await;
    app.data_as(
        &coordinator,
        super::entry::WAVE,
        json!({ "i": { "specificGoal": "2.1.3", "refDate": "2026-06-30", "sourceNote": "Dotazník", "values": [{ "indicatorId": indicator_id, "value": 99 }], "publish": true } }),
    )
    .await;
    let before = stored(&app).await;
    let (s, stale) = upload(
        &app,
        Some(&implementer),
        &format!("{mine}&potvrdit={digest}"),
        filled.clone(),
    )
    .await;
    assert_eq!((s, code(&stale)), (409, "PREVIEW_CHANGED"), "{stale:#}");
    let fresh = &stale["errors"][0]["extensions"]["preview"];
    assert_eq!(fresh["summary"]["conflicts"], 1, "{fresh:#}");
    let conflict = fresh["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["state"] == "CONFLICT")
        .expect("a conflict row");
    assert_eq!(conflict["old"], "99");
    let digest = fresh["digest"].as_str().expect("digest");
    let (s, refused) = upload(
        &app,
        Some(&implementer),
        &format!("{mine}&potvrdit={digest}"),
        filled,
    )
    .await;
    assert_eq!((s, code(&refused)), (422, "NOT_STORABLE"));
    assert_eq!(
        stored(&app).await,
        before,
        "nothing of a refused file is stored"
    );
}
