//! The yearly implementation report: drafted, issued and downloaded through the real server;
//! the PDF read back with an independent reader (`pdftotext` of poppler-utils) and checked
//! against figures copied from the report of 2025 (`001_…`), not from the product's output.

use serde_json::{Value, json};
use tests::{Session, TestApp, code_of};

use super::entry::count;

const CREATE: &str = "mutation($i: CreateReportInput!) { createReport(input: $i) { id version state title narratives { section text version } } }";
const SAVE: &str =
    "mutation($i: ReportNarrativeInput!) { saveReportNarrative(input: $i) { id version } }";
const ISSUE: &str = "mutation($i: IssueReportInput!) { issueReport(input: $i) { id version state issuedAt downloads { format url size sha256 } } }";

/// Annex A of `001_…`: every KPSV+ project's registration number and budget as printed.
const ANNEX_A: [(&str, &str); 23] = [
    ("CZ.03.02.01/00/22_018/0001145", "14 964 994,80 Kč"),
    ("CZ.03.02.01/00/22_018/0001346", "14 999 040 Kč"),
    ("CZ.03.02.01/00/22_018/0001212", "14 819 112 Kč"),
    ("CZ.03.02.01/00/22_018/0000328", "12 287 520 Kč"),
    ("CZ.03.02.01/00/22_018/0001316", "4 686 780 Kč"),
    ("CZ.03.02.01/00/24_065/0004876", "5 402 880 Kč"),
    ("CZ.03.02.01/00/22_018/0001333", "12 170 133,36 Kč"),
    ("CZ.03.02.01/00/22_018/0001195", "2 608 704 Kč"),
    ("CZ.03.02.01/00/22_018/0000438", "10 619 055 Kč"),
    ("CZ.03.02.01/00/22_018/0000528", "2 697 408 Kč"),
    ("CZ.03.02.01/00/22_018/0001139", "4 144 700 Kč"),
    ("CZ.03.02.01/00/22_018/0001127", "6 752 088 Kč"),
    ("CZ.03.02.01/00/22_018/0000525", "5 673 024 Kč"),
    ("CZ.03.02.01/00/22_018/0001118", "2 872 800 Kč"),
    ("CZ.06.04.02/00/22_014/0002527", "30 969 331,66 Kč"),
    ("CZ.06.04.02/00/22_014/0002958", "3 815 990,69 Kč"),
    ("CZ.03.02.01/00/22_018/0001156", "5 383 722,40 Kč"),
    ("CZ.03.02.01/00/22_018/0000551", "10 117 926 Kč"),
    ("CZ.03.02.01/00/22_018/0000526", "4 720 464 Kč"),
    ("CZ.03.02.01/00/22_018/0000421", "6 519 240 Kč"),
    ("CZ.03.02.01/00/22_018/0001157", "7 908 794,60 Kč"),
    // Listed under 2.1.3.1 and 2.1.3.3 in the annex; the remaining two rows of the table.
    ("CZ.03.02.01/00/22_018/0001316", "4 686 780 Kč"),
    ("CZ.03.02.01/00/24_065/0004876", "5 402 880 Kč"),
];

/// The annex's totals as printed ("Celkem OPZ+", "Celkem IROP", "Celkem KPSV+"); the report
/// gives them in its conflicts section beside the sums of the rows, which for OPZ+ and KPSV+
/// are 4 hellers less.
const TOTALS: [&str; 3] = ["149 348 386,20 Kč", "34 785 322,35 Kč", "184 133 708,55 Kč"];

/// The PDF's text as `pdftotext` reads it, spaces of every kind made one.
fn pdf_text(pdf: &[u8]) -> String {
    // `pdftotext` is Debian's poppler-utils.
    String::from_utf8(tests::pipe(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", "-", "-"],
        pdf,
    ))
    .expect("UTF-8")
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
}

/// The DOCX read by Python's own `zipfile` and `xml.etree`: one line per paragraph of
/// `word/document.xml`, its style and its text (`Heading1\tGlobální indikátory…`), and
/// `TABLE` for every table.
fn docx_lines(docx: &[u8]) -> Vec<String> {
    const READ: &str = r#"
import io, sys, zipfile, xml.etree.ElementTree as ET
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
body = ET.fromstring(z.read('word/document.xml')).find(W + 'body')
def walk(el):
    for child in el:
        if child.tag == W + 'tbl':
            print('TABLE')
            walk(child)
        elif child.tag == W + 'p':
            style = child.find(W + 'pPr/' + W + 'pStyle')
            name = style.get(W + 'val') if style is not None else ''
            print(name + '\t' + ' '.join(''.join(t.text or '' for t in child.iter(W + 't')).split()))
        else:
            walk(child)
walk(body)
"#;
    let out = tests::pipe("python3", &["-c", READ], docx);
    String::from_utf8(out)
        .expect("UTF-8")
        .lines()
        .map(str::to_owned)
        .collect()
}

async fn create(app: &TestApp, who: &Session, number: i32, cutoff: &str) -> Value {
    app.data_as(
        who,
        CREATE,
        json!({ "i": { "number": number, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": cutoff } }),
    )
    .await["createReport"]
        .clone()
}

async fn download(app: &TestApp, url: &str) -> Vec<u8> {
    let r = app.get(url).await;
    assert_eq!(r.status(), 200, "{url}");
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .starts_with("attachment; filename=\"zprava-o-naplnovani-"),
    );
    r.bytes().await.expect("body").to_vec()
}

/// A coordinator drafts, writes and issues the report of 2024; anyone downloads the PDF, which
/// carries annex A and B as the report of 2025 prints them; the issued report never changes.
pub async fn an_issued_report_carries_the_documents_figures_and_never_changes(app: TestApp) {
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let draft = create(&app, &coordinator, 2, "2025-03-31").await;
    assert_eq!(draft["state"], "DRAFT");
    assert_eq!(draft["title"], "II. zpráva o naplňování Plánu");
    // The yearly summaries in the data are the starting texts.
    let narratives = draft["narratives"].as_array().expect("narratives");
    assert!(
        narratives
            .iter()
            .any(|n| n["section"] == "goal/1.1.1/summary"
                && n["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("Rozvoj sociálního bydlení ve městě Ostrava"))),
        "{narratives:#?}"
    );
    let id = draft["id"].clone();

    // The public sees no draft.
    let public = app.data("{ reports { id } }", json!({})).await;
    assert_eq!(public["reports"], json!([]));
    let r = app
        .query(
            "query($id: Int!) { report(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(code_of(&r), "NOT_FOUND");

    // Writing the management summary; a stale version is a conflict and stores nothing.
    let summary = "Manažerské shrnutí zkušebního roku.\n\n- první zjištění\n- druhé zjištění";
    let saved = app
        .data_as(
            &coordinator,
            SAVE,
            json!({ "i": { "reportId": id, "reportVersion": draft["version"], "section": "summary", "text": summary } }),
        )
        .await["saveReportNarrative"]
        .clone();
    let stale = app
        .query_as(
            Some(&coordinator),
            SAVE,
            json!({ "i": { "reportId": id, "reportVersion": draft["version"], "section": "summary", "text": "přepsáno" } }),
        )
        .await;
    assert_eq!(code_of(&stale), "CONFLICT");

    // The editor's places to write, each with the figures it comments on, and the preview.
    let parts_query = "query($id: Int!) { report(id: $id) { parts { section context figures { label value } narrative { text } } } }";
    let parts = app
        .data_as(&coordinator, parts_query, json!({ "id": id }))
        .await["report"]["parts"]
        .clone();
    let parts = parts.as_array().expect("parts");
    assert_eq!(parts[0]["section"], "summary");
    assert_eq!(parts[0]["narrative"]["text"], summary);
    let strengths = parts
        .iter()
        .find(|p| p["section"] == "goal/1.1.1/strengths")
        .expect("1.1.1's strengths");
    assert!(
        strengths["context"]
            .as_str()
            .is_some_and(|c| c.starts_with("Specifický cíl 1.1.1")),
        "{strengths}"
    );
    let figures = strengths["figures"].to_string().replace('\u{a0}', " ");
    assert!(
        figures.contains("39") && figures.contains("54") && figures.contains("V realizaci (4/6)"),
        "1.1.1's indicator at both dates and its measure's status: {figures}"
    );
    // Seven plan-wide sections, one per area, three per specific goal.
    assert_eq!(parts.len(), 7 + 6 + 3 * 23, "{}", parts.len());
    let preview_query = "query($id: Int!) { report(id: $id) { preview } }";
    let preview = app
        .data_as(&coordinator, preview_query, json!({ "id": id }))
        .await["report"]["preview"]
        .as_str()
        .expect("preview")
        .replace('\u{a0}', " ");
    assert!(preview.starts_with("<article class=\"report-preview\" lang=\"cs\">"));
    for (registration, budget) in ANNEX_A {
        assert!(preview.contains(registration), "preview: {registration}");
        assert!(preview.contains(budget), "preview: {budget}");
    }
    assert!(
        preview.contains("<li>druhé zjištění</li>"),
        "the narrative's list"
    );
    // Neither is for the public while a draft, and a list may not ask for every report's.
    for q in [parts_query, preview_query] {
        assert_eq!(
            code_of(&app.query(q, json!({ "id": id })).await),
            "NOT_FOUND"
        );
    }
    let costly = app
        .query_as(Some(&coordinator), "{ reports { preview } }", json!({}))
        .await;
    assert_eq!(code_of(&costly), "QUERY_TOO_COMPLEX", "{costly}");

    let issued = app
        .data_as(
            &coordinator,
            ISSUE,
            json!({ "i": { "reportId": id, "version": saved["version"] } }),
        )
        .await["issueReport"]
        .clone();
    assert_eq!(issued["state"], "ISSUED");
    let pdf_link = &issued["downloads"][0];
    assert_eq!(pdf_link["format"], "PDF");
    let url = pdf_link["url"].as_str().expect("url").to_owned();
    let first = download(&app, &url).await;
    assert!(first.starts_with(b"%PDF-"), "a PDF");
    assert_eq!(first.len() as i64, pdf_link["size"].as_i64().expect("size"));

    // Kept for people to look at (`pdftoppm -png target/screenshots/report-ii.pdf …`).
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    let _ = std::fs::create_dir_all(&shots);
    let _ = std::fs::write(shots.join("report-ii.pdf"), &first);
    let text = pdf_text(&first);
    for (registration, budget) in ANNEX_A {
        assert!(text.contains(registration), "annex A: {registration}");
        assert!(text.contains(budget), "annex A: {budget} ({registration})");
    }
    for total in TOTALS {
        assert!(text.contains(total), "annex A total {total}");
    }
    for expected in [
        // The cover, and the plan and period on the pages.
        "II. zpráva o naplňování Plánu",
        "Plán sociálního začleňování Ostrava 2022–2027",
        "1. 1. 2024 – 31. 12. 2024",
        // The narrative, paragraphs and list items.
        "Manažerské shrnutí zkušebního roku.",
        "druhé zjištění",
        // Annex B: 1.1.1's indicator at both monitoring dates and its measure's status.
        "Počet domácností v bytové nouzi zabydlených do sociálních bytů 39 54",
        "V realizaci (4/6)",
        "Nerealizováno",
        "Projektová",
        "1. 11. 2022–31. 10. 2025",
        // The global indicators table.
        "Index sociálního vyloučení",
        "Méně než 16",
        // Source conflicts, with both values.
        "Rozpory ve zdrojích",
        "25 mil. Kč",
    ] {
        assert!(text.contains(expected), "the PDF says {expected:?}");
    }

    // The same content for Word: headings in Word's heading styles, tables as tables.
    let docx_link = issued["downloads"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["format"] == "DOCX"))
        .expect("a DOCX download");
    let docx = app.get(docx_link["url"].as_str().expect("url")).await;
    assert_eq!(
        docx.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let lines = docx_lines(&docx.bytes().await.expect("body"));
    let docx_text = lines.join("\n").replace('\u{a0}', " ");
    assert!(
        lines
            .iter()
            .any(|l| l == "Heading1\tGlobální indikátory sociálního začleňování")
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Heading3\tSpecifický cíl 1.1.1: "))
    );
    assert!(
        lines.iter().filter(|l| *l == "TABLE").count() > 40,
        "tables are tables"
    );
    for (registration, budget) in ANNEX_A {
        assert!(
            docx_text.contains(registration),
            "DOCX annex A: {registration}"
        );
        assert!(docx_text.contains(budget), "DOCX annex A: {budget}");
    }
    for total in TOTALS {
        assert!(docx_text.contains(total), "DOCX total {total}");
    }
    for expected in [
        "\tManažerské shrnutí zkušebního roku.",
        "\tdruhé zjištění",
        "\tV realizaci (4/6)",
    ] {
        assert!(docx_text.contains(expected), "the DOCX says {expected:?}");
    }

    // Public: listed, downloadable, the same bytes every time, 304 on its tag.
    let public = app
        .data("{ reports { id state downloads { url } } }", json!({}))
        .await;
    assert_eq!(public["reports"][0]["id"], id);
    assert_eq!(download(&app, &url).await, first);
    // The public page of reports lists it with its files, rendered on the server.
    let page = app.get("/zpravy").await.text().await.expect("html");
    assert!(
        page.contains("II. zpráva o naplňování Plánu"),
        "the reports page lists it"
    );
    // The overview links the latest report's PDF.
    let overview = app.get("/").await.text().await.expect("html");
    assert!(
        overview.contains(&format!("href=\"{url}\"")),
        "the overview links {url}"
    );
    assert!(page.contains(&format!("href=\"{url}\"")), "with its PDF");
    let tag = format!("\"{}\"", pdf_link["sha256"].as_str().expect("sha"));
    let again = app.get_with(&url, &[("if-none-match", &tag)]).await;
    assert_eq!(again.status(), 304);

    // An issued report cannot change or be issued again; nothing is written.
    let audit = count(&app, "audit_record").await;
    let twice = app
        .query_as(
            Some(&coordinator),
            ISSUE,
            json!({ "i": { "reportId": id, "version": issued["version"] } }),
        )
        .await;
    assert_eq!(code_of(&twice), "VALIDATION");
    assert_eq!(twice["errors"][0]["extensions"]["rule"], "ISSUED");
    let edit = app
        .query_as(
            Some(&coordinator),
            SAVE,
            json!({ "i": { "reportId": id, "reportVersion": issued["version"], "section": "summary", "text": "změna" } }),
        )
        .await;
    assert_eq!(edit["errors"][0]["extensions"]["rule"], "ISSUED");
    assert_eq!(count(&app, "audit_record").await, audit);

    // A new wave of data, then the next report: it shows the change; the first is unchanged.
    let (indicator_id, _) = super::entry::indicator(&app).await;
    let wave = app
        .data_as(
            &admin,
            super::entry::WAVE,
            json!({ "i": { "specificGoal": "2.1.3", "refDate": "2025-06-30", "sourceNote": "Dotazník realizátora", "publish": true, "values": [{ "indicatorId": indicator_id, "value": 777 }] } }),
        )
        .await;
    assert!(wave["recordIndicatorValues"][0]["id"].is_number(), "{wave}");
    let next = create(&app, &coordinator, 3, "2025-07-31").await;
    let next = app
        .data_as(
            &coordinator,
            ISSUE,
            json!({ "i": { "reportId": next["id"], "version": next["version"] } }),
        )
        .await["issueReport"]
        .clone();
    let next_text =
        pdf_text(&download(&app, next["downloads"][0]["url"].as_str().expect("url")).await);
    assert!(
        next_text.contains("777"),
        "the new wave's value is in report III"
    );
    assert!(next_text.contains("30. 6. 2025"), "and its date");
    assert!(!text.contains("777"), "report II never had it");
    assert_eq!(
        download(&app, &url).await,
        first,
        "report II is byte for byte the same"
    );
}

/// A report made in English says everything in English, with English number, money and date
/// formats: the same figures as the Czech one, written the English way.
pub async fn an_english_report_is_english_throughout(app: TestApp) {
    let admin = app.admin().await;
    let draft = app
        .data_as(
            &admin,
            CREATE,
            json!({ "i": { "number": 2, "lang": "en", "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-03-31" } }),
        )
        .await["createReport"]
        .clone();
    assert_eq!(draft["title"], "Implementation report 2");
    let parts = app
        .data_as(
            &admin,
            "query($id: Int!) { report(id: $id) { lang parts { section title context } } }",
            json!({ "id": draft["id"] }),
        )
        .await["report"]
        .clone();
    assert_eq!(parts["lang"], "en");
    let strengths = parts["parts"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["section"] == "goal/1.1.1/strengths"))
        .expect("1.1.1's strengths");
    assert!(
        strengths["context"]
            .as_str()
            .is_some_and(|c| c.starts_with("Specific goal 1.1.1")),
        "{strengths}"
    );
    let issued = app
        .data_as(
            &admin,
            ISSUE,
            json!({ "i": { "reportId": draft["id"], "version": draft["version"] } }),
        )
        .await["issueReport"]
        .clone();
    let url = issued["downloads"][0]["url"].as_str().expect("url");
    let text = pdf_text(&download(&app, url).await);
    for expected in [
        "Implementation report 2",
        "1 Jan 2024 – 31 Dec 2024",
        "Global indicators of social inclusion",
        "Annex A: EU projects",
        // Annex A's figures in English formats: a budget, and the totals as its rows add up
        // (the annex prints 4 hellers more for OPZ+: a recorded source conflict, whose both
        // values the conflicts section gives, the document's quoted as printed).
        "CZ.03.02.01/00/22_018/0001145",
        "CZK 14,964,994.80",
        "Total OPZ+ CZK 149,348,386.16",
        "Total CZK 184,133,708.51",
        "Conflicts between the sources",
        "149 348 386,20 Kč",
    ] {
        assert!(text.contains(expected), "the English PDF says {expected:?}");
    }
    for czech in [
        "Příloha A",
        "Celkem OPZ+",
        "Sledované období",
        "Rozpory ve zdrojích",
    ] {
        assert!(
            !text.contains(czech),
            "no Czech {czech:?} in the English PDF"
        );
    }
}

/// Bad input is refused with its rule and stores nothing.
pub async fn bad_report_input_is_refused_and_stores_nothing(app: TestApp) {
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let before = count(&app, "report").await;
    let attempt = |input: Value| {
        let app = &app;
        let coordinator = &coordinator;
        async move {
            app.query_as(Some(coordinator), CREATE, json!({ "i": input }))
                .await
        }
    };
    let unknown_plan = attempt(json!({ "plan": "brno", "number": 1, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-01-31" })).await;
    assert_eq!(code_of(&unknown_plan), "NOT_FOUND");
    for (input, rule) in [
        (
            json!({ "number": 1, "periodFrom": "2024-12-31", "periodTo": "2024-01-01", "cutoff": "2025-01-31" }),
            "PERIOD_REVERSED",
        ),
        (
            json!({ "number": 1, "periodFrom": "", "periodTo": "2024-12-31", "cutoff": "2025-01-31" }),
            "REQUIRED",
        ),
        (
            json!({ "number": 1, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2099-01-31" }),
            "DATE_OUT_OF_RANGE",
        ),
        (
            json!({ "number": 1, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2023-01-31" }),
            "DATE_OUT_OF_RANGE",
        ),
        (
            json!({ "number": 0, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-01-31" }),
            "OUT_OF_RANGE",
        ),
        (
            json!({ "number": 1, "lang": "de", "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-01-31" }),
            "UNKNOWN_ID",
        ),
        (
            json!({ "number": 1, "actionPlan": 9, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-01-31" }),
            "UNKNOWN_ID",
        ),
    ] {
        let r = attempt(input.clone()).await;
        assert_eq!(code_of(&r), "VALIDATION", "{input}: {r}");
        assert_eq!(r["errors"][0]["extensions"]["rule"], rule, "{input}: {r}");
    }
    assert_eq!(count(&app, "report").await, before);

    let draft = create(&app, &coordinator, 4, "2025-01-31").await;
    let twice = attempt(json!({ "number": 4, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-01-31" })).await;
    assert_eq!(
        twice["errors"][0]["extensions"]["rule"], "DUPLICATE",
        "{twice}"
    );
    let narratives = count(&app, "report_narrative").await;
    for (section, text, rule) in [
        ("goal/9.9.9/strengths", "text".to_owned(), "UNKNOWN_ID"),
        ("summary/x", "text".to_owned(), "UNKNOWN_ID"),
        ("summary", "a".repeat(20_001), "TOO_LONG"),
        (
            "summary",
            "skrytý\u{202e}text".to_owned(),
            "CONTROL_CHARACTER",
        ),
    ] {
        let r = app
            .query_as(
                Some(&coordinator),
                SAVE,
                json!({ "i": { "reportId": draft["id"], "reportVersion": draft["version"], "section": section, "text": text } }),
            )
            .await;
        // "goal/9.9.9" is a well-formed key of a goal the plan lacks: refused all the same.
        assert_eq!(r["errors"][0]["extensions"]["rule"], rule, "{section}: {r}");
    }
    // A 10 MB narrative never reaches the schema.
    let huge = app
        .post_raw(
            "/graphql",
            serde_json::to_vec(&json!({ "query": SAVE, "variables": { "i": { "reportId": draft["id"], "reportVersion": draft["version"], "section": "summary", "text": "a".repeat(10 << 20) } } }))
                .expect("json"),
        )
        .await;
    assert!(
        huge.is_err() || huge.is_ok_and(|r| r.status() == 413),
        "a 10 MB body is refused"
    );
    assert_eq!(count(&app, "report_narrative").await, narratives);
    // Anonymous callers and implementers cannot draft.
    let anonymous = app
        .query_as(None, CREATE, json!({ "i": { "number": 5, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-01-31" } }))
        .await;
    assert_eq!(code_of(&anonymous), "UNAUTHENTICATED");
}
