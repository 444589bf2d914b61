//! The assembly's tests, and the small snapshot the other modules' tests share.

use super::*;
use serde_json::json;

/// A plan of one area, one goal with one indicator at two dates, one measure with two
/// projects, one global indicator and one resolved and one open conflict.
pub(crate) fn snapshot() -> Snapshot {
    let source = json!({ "document": { "title": "Zpráva" }, "locator": "příloha B" });
    serde_json::from_value(json!({ "plan": {
        "slug": "ostrava", "city": "Ostrava", "name": "Plán sociálního začleňování Ostrava",
        "periodFrom": 2022, "periodTo": 2027,
        "actionPlans": [{ "number": 1, "name": "Akční plán I", "periodFrom": 2022, "periodTo": 2025 }],
        "documents": [{ "key": "004", "title": "Akční plán I", "issued": "2022-09-01", "kind": "ACTION_PLAN" }],
        "statusCounts": { "notImplemented": 1, "inProgress": 0, "completed": 0, "unknown": 0 },
        "globalIndicators": [{
            "name": "Index sociálního vyloučení", "note": null, "expectedText": "Méně než 16",
            "verdict": "RIGHT_WAY", "source": source,
            "values": [
                { "column": "2023", "isBaseline": false, "period": "2023", "year": 2023, "value": 20.0, "text": "20", "regionValue": null, "regionText": null, "rank": null },
                { "column": "baseline", "isBaseline": true, "period": "2021", "year": 2021, "value": 21.0, "text": "21", "regionValue": null, "regionText": null, "rank": null }
            ]
        }],
        "conflicts": [
            { "subjectCode": "1.1.1.1", "field": "estimated_cost", "severity": "FIGURE", "title": "Opatření 1.1.1.1: náklady", "titleEn": "Measure 1.1.1.1: cost", "description": "",
              "resolvedStatementId": 2, "resolutionReason": "Ověřeno",
              "statements": [{ "id": 1, "value": "25 mil. Kč", "source": source }, { "id": 2, "value": "15 mil. Kč", "source": source }] },
            { "subjectCode": "2.1.1.3", "field": "estimated_cost", "severity": "FIGURE", "title": "Opatření 2.1.1.3: náklady", "titleEn": "", "description": "",
              "resolvedStatementId": null, "resolutionReason": null,
              "statements": [{ "id": 3, "value": "10 mil. Kč", "source": source }] }
        ],
        "areas": [{
            "code": "1", "name": "Bydlení", "nameEn": "Housing",
            "statusCounts": { "notImplemented": 1, "inProgress": 0, "completed": 0, "unknown": 0 },
            "strategicGoals": [{ "code": "1.1", "name": "Podporovat domácnosti", "specificGoals": [{
                "code": "1.1.1", "targetText": "40 bytů",
                "progress": { "ratio": 1.35, "attainment": 1.0, "expected": 0.8, "state": "ACHIEVED", "asOf": "2025-02-28" },
                "impactIndicators": [{ "name": "Počet bytů", "reportName": null, "isKey": true, "unit": "byty", "target": 40.0,
                    "values": [
                        { "date": "2025-02-28", "label": "Data k 28. 2. 2025", "value": 54.0, "text": "54", "source": source },
                        { "date": "2024-04-30", "label": "Data k 30. 4. 2024", "value": 39.0, "text": "39", "source": source }
                    ] }],
                "summaries": [],
                "measures": [{ "code": "1.1.1.1", "name": "Sociální byty",
                    "status": { "date": "2025-02-28", "kind": "IN_PROGRESS", "text": "V realizaci (4/6)", "reports": 4, "reportsOf": 6,
                        "activity": "PROJECT", "implementerText": "SMO", "implementer": { "name": "Statutární město Ostrava" }, "periodText": "1. 11. 2022–31. 10. 2025" },
                    "projects": [
                        { "registrationNumber": "CZ.03.02.01/00/22_018/0001145", "call": "018", "programme": "OPZ+", "budget": { "hellers": "1496499480" }, "implementer": { "name": "SMO" } },
                        { "registrationNumber": "CZ.06.04.02/00/22_014/0002527", "call": "14", "programme": "IROP", "budget": { "hellers": "3096933166" }, "implementer": null }
                    ] }]
            }] }]
        }]
    } }))
    .expect("a snapshot")
}

pub(crate) fn meta(issued: Option<Date>, lang: Lang) -> Meta {
    Meta {
        number: 3,
        title: "III. zpráva o naplňování Plánu".into(),
        action_plan: 1,
        period_from: Date::new(2024, 1, 1).expect("date"),
        period_to: Date::new(2024, 12, 31).expect("date"),
        cutoff: Date::new(2025, 2, 28).expect("date"),
        issued,
        lang,
    }
}

fn plain(s: &str) -> String {
    s.replace('\u{a0}', " ")
}

#[test]
fn figures_are_formatted_and_summed() {
    let r = assemble(
        &snapshot(),
        &meta(Date::new(2025, 10, 1), Lang::Cs),
        &Narratives::new(),
    )
    .expect("assembled");
    assert_eq!(plain(&r.period), "1. 1. 2024 – 31. 12. 2024");
    assert_eq!(plain(&r.issued), "1. 10. 2025");
    // The baseline column first, whatever order the values come in.
    assert_eq!(r.global.columns, ["Počáteční hodnota", "2023"]);
    assert_eq!(r.global.rows[0].cells, ["21 (2021)", "20 (2023)"]);
    let goal = &r.areas[0].strategic_goals[0].goals[0];
    assert_eq!(plain(&goal.dates.join("|")), "30. 4. 2024|28. 2. 2025");
    assert_eq!(goal.indicators[0].values, ["39", "54"]);
    assert_eq!(goal.indicators[0].change, "+15");
    assert_eq!(goal.indicators[0].trend, "roste");
    assert_eq!(goal.measures[0].status, "V realizaci (4/6)");
    assert_eq!(goal.measures[0].implementer, "Statutární město Ostrava");
    assert_eq!(goal.measures[0].activity, "Projektová aktivita");
    assert_eq!(r.areas[0].bars[0].attainment, 1.0);
    assert_eq!(plain(&r.areas[0].bars[0].attainment_text), "135 %");
    let totals: Vec<String> = r
        .annex_a
        .totals
        .iter()
        .map(|t| plain(&format!("{} {}", t.label, t.value)))
        .collect();
    assert_eq!(
        totals,
        [
            "Celkem OPZ+ 14 964 994,80 Kč",
            "Celkem IROP 30 969 331,66 Kč",
            "Celkem 45 934 326,46 Kč"
        ]
    );
    assert_eq!(r.conflicts.resolved[0].chosen, "15 mil. Kč");
    assert_eq!(r.conflicts.open.len(), 1);
    assert_eq!(r.annex_b[0].dates.len(), 2);
}

#[test]
fn an_issued_report_prints_only_what_was_written() {
    let mut narratives = Narratives::new();
    narratives.insert(Section::Summary, "Shrnutí.\n\n- bod".into());
    let code: Code = "1.1.1".parse().expect("code");
    narratives.insert(Section::Strengths(code), "Silné stránky.".into());
    let issued = assemble(
        &snapshot(),
        &meta(Date::new(2025, 10, 1), Lang::Cs),
        &narratives,
    )
    .expect("assembled");
    assert_eq!(issued.opening.len(), 1);
    assert_eq!(
        issued.opening[0].blocks,
        [
            Block::Paragraph("Shrnutí.".into()),
            Block::List(vec!["bod".into()])
        ]
    );
    assert!(issued.closing.is_empty());
    let goal = &issued.areas[0].strategic_goals[0].goals[0];
    assert_eq!(goal.reflection.len(), 1);
    assert!(issued.areas[0].people.blocks.is_empty());
    // A draft shows every place there is to write.
    let draft = assemble(&snapshot(), &meta(None, Lang::Cs), &narratives).expect("draft");
    assert!(draft.draft);
    assert_eq!(draft.opening.len(), 4);
    assert_eq!(draft.closing.len(), 3);
    assert_eq!(
        draft.areas[0].strategic_goals[0].goals[0].reflection.len(),
        3
    );
}

#[test]
fn english_reports_use_english_words_and_formats() {
    let r = assemble(
        &snapshot(),
        &meta(Date::new(2025, 10, 1), Lang::En),
        &Narratives::new(),
    )
    .expect("assembled");
    assert_eq!(r.issued, "1 Oct 2025");
    assert_eq!(r.areas[0].name, "Housing");
    let goal = &r.areas[0].strategic_goals[0].goals[0];
    assert_eq!(goal.measures[0].status, "In progress (4/6)");
    assert_eq!(r.annex_a.totals[2].value, "CZK 45,934,326.46");
}

#[test]
fn an_unknown_action_plan_is_an_error() {
    let mut m = meta(None, Lang::Cs);
    m.action_plan = 2;
    assert_eq!(
        assemble(&snapshot(), &m, &Narratives::new()),
        Err(AssembleError::NoActionPlan(2))
    );
}

#[test]
fn typst_markup_in_a_narrative_is_only_text_and_the_pdf_is_deterministic() {
    let mut narratives = Narratives::new();
    narratives.insert(
        Section::Summary,
        "#panic(\"x\") ]] $x$ *a* _b_ @ref <l> `c` #read(\"/etc/passwd\") \\".into(),
    );
    let date = Date::new(2025, 10, 1).expect("date");
    let r = assemble(&snapshot(), &meta(Some(date), Lang::Cs), &narratives).expect("assembled");
    let a = crate::pdf::render(&r, "test", date).expect("typeset");
    let b = crate::pdf::render(&r, "test", date).expect("typeset");
    assert!(a.starts_with(b"%PDF-"));
    assert_eq!(a, b, "the same input gives the same bytes");
}

#[test]
fn the_word_version_is_a_zip_with_the_document() {
    let date = Date::new(2025, 10, 1).expect("date");
    let r =
        assemble(&snapshot(), &meta(Some(date), Lang::Cs), &Narratives::new()).expect("assembled");
    let docx = crate::docx::render(&r).expect("written");
    assert!(docx.starts_with(b"PK\x03\x04"), "a zip");
    assert!(
        docx.windows(17).any(|w| w == b"word/document.xml"),
        "with word/document.xml"
    );
}
