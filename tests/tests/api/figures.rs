//! The figures the API serves, checked against the source documents.

use serde_json::{Value, json};
use tests::TestApp;

pub async fn counts_match_the_documents(app: TestApp) {
    let d = app
        .data(
            "{ plan { areas { code name strategicGoals { code specificGoals { code measures { code } impactIndicators { name } } } } actionPlans { risks { name } milestones(asOf: \"2025-06-30\") { done } } globalIndicators { name } contextIndicators { label } documents { key } headlines { position text source { locator refDate document { key } } } } }",
            json!({}),
        )
        .await;
    let areas = d["plan"]["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 6);
    let names: Vec<&str> = areas.iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Bydlení",
            "Prevence kriminality",
            "Zaměstnanost a dluhová problematika",
            "Rodina",
            "Participace",
            "Zdraví"
        ]
    );
    let sgs: usize = areas
        .iter()
        .map(|a| a["strategicGoals"].as_array().unwrap().len())
        .sum();
    assert_eq!(sgs, 12);
    let goals: Vec<&serde_json::Value> = areas
        .iter()
        .flat_map(|a| a["strategicGoals"].as_array().unwrap())
        .flat_map(|s| s["specificGoals"].as_array().unwrap())
        .collect();
    assert_eq!(goals.len(), 23);
    let measures: usize = goals
        .iter()
        .map(|g| g["measures"].as_array().unwrap().len())
        .sum();
    assert_eq!(measures, 47);
    let ap = &d["plan"]["actionPlans"][0];
    assert_eq!(ap["risks"].as_array().unwrap().len(), 6);
    let milestones = ap["milestones"].as_array().unwrap();
    assert_eq!(milestones.len(), 13);
    assert_eq!(
        milestones.iter().filter(|m| m["done"] == true).count(),
        7,
        "on 30. 6. 2025 the first half of 2025 has not ended yet"
    );
    assert_eq!(d["plan"]["globalIndicators"].as_array().unwrap().len(), 11);
    assert_eq!(d["plan"]["documents"].as_array().unwrap().len(), 3);
    let headlines = d["plan"]["headlines"].as_array().unwrap();
    assert_eq!(headlines.len(), 5);
    assert!(
        headlines[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("54 domácností v bytové nouzi našlo stabilní bydlení")
    );
    assert!(
        headlines[4]["text"]
            .as_str()
            .unwrap()
            .contains("34 lidí našlo stomatologa")
    );
    assert_eq!(headlines[2]["source"]["locator"], "Manažerské shrnutí");
    assert_eq!(headlines[2]["source"]["document"]["key"], "zprava");
    // 82 insolvency petitions: indicator 2 of goal 3.2.1, whose data are as of 31. 1. 2025.
    assert_eq!(headlines[2]["source"]["refDate"], "2025-01-31");
}

pub async fn measure_2_1_3_4_shows_its_project(app: TestApp) {
    let d = app
        .data(
            "{ measure(code: \"2.1.3.4\") { name estimatedCostText estimatedCost { hellers } fundingSources status { kind text reports reportsOf service implementer { name } periodFrom periodTo } projects { registrationNumber call programme budget { hellers formatted } implementer { name } } links { kind code } } }",
            json!({}),
        )
        .await;
    let m = &d["measure"];
    assert_eq!(
        m["name"],
        "Vznik odpovídající služby pro rodiny ohrožené závislostí"
    );
    assert_eq!(m["estimatedCostText"], "12 mil. Kč");
    assert_eq!(m["estimatedCost"]["hellers"], "1200000000");
    assert_eq!(m["fundingSources"], json!(["OPZ_PLUS"]));
    assert_eq!(m["status"]["kind"], "IN_PROGRESS");
    assert_eq!(m["status"]["text"], "V realizaci (2/6)");
    assert_eq!(m["status"]["reports"], 2);
    assert_eq!(m["status"]["reportsOf"], 6);
    assert_eq!(m["status"]["service"], "SAS");
    assert_eq!(m["status"]["implementer"]["name"], "Slezská diakonie");
    assert_eq!(m["status"]["periodFrom"], "2023-10-01");
    assert_eq!(m["status"]["periodTo"], "2026-09-30");
    let p = &m["projects"][0];
    assert_eq!(p["registrationNumber"], "CZ.03.02.01/00/22_018/0001333");
    assert_eq!(p["call"], "018 OPZ+");
    assert_eq!(p["budget"]["hellers"], "1217013336");
    assert_eq!(p["budget"]["formatted"], "12\u{a0}170\u{a0}133,36\u{a0}Kč");
    assert_eq!(p["implementer"]["name"], "Slezská diakonie");
    assert_eq!(m["links"], json!([{ "kind": "GOAL", "code": "4.1.2" }]));
}

pub async fn report_totals_match_annex_a(app: TestApp) {
    let d = app
        .data(
            "{ plan { budget { drawn { hellers } } budgetByProgramme { programme money { drawn { hellers } allocated { hellers } } } } provenance(subjectType: \"project_table\", subjectCode: \"zprava\") { field value source { locator } } }",
            json!({}),
        )
        .await;
    // The report's printed totals are on record with their source.
    let printed = |field: &str| -> String {
        d["provenance"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["field"] == field && s["source"]["locator"] == "příloha A, řádek Celkem")
            .map(|s| s["value"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(printed("total:OPZ+"), "149 348 386,20 Kč");
    assert_eq!(printed("total:IROP"), "34 785 322,35 Kč");
    assert_eq!(printed("total"), "184 133 708,55 Kč");
    // The rows themselves: IROP matches; OPZ+ rows sum to 4 hellers less than printed.
    let programme = |p: &str| {
        d["plan"]["budgetByProgramme"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["programme"] == p)
            .unwrap()["money"]
            .clone()
    };
    assert_eq!(programme("IROP")["drawn"]["hellers"], "3478532235");
    assert_eq!(programme("OPZ+")["drawn"]["hellers"], "14934838616");
    assert_eq!(d["plan"]["budget"]["drawn"]["hellers"], "18413370851");
    // Tabulka 6: 222,9 mil. OPZ+ and 175 mil. IROP (the bracketed 100 mil. left out).
    assert_eq!(programme("OPZ+")["allocated"]["hellers"], "22290000000");
    assert_eq!(programme("IROP")["allocated"]["hellers"], "17500000000");
}

pub async fn goal_progress_follows_the_indicator_values(app: TestApp) {
    let d = app
        .data(
            "{ g: specificGoal(code: \"1.1.1\") { targetKind due progress { ratio attainment state asOf } impactIndicators { name isKey target values { date text value source { locator document { key } } } progress { latest ratio } } }
               d: specificGoal(code: \"3.2.1\") { progress { ratio state } }
               r: specificGoal(code: \"6.2.1\") { impactIndicators { values { text parts } } } }",
            json!({}),
        )
        .await;
    let g = &d["g"];
    assert_eq!(g["targetKind"], "COUNT_BY");
    assert_eq!(g["due"], "2025-12-31");
    assert_eq!(g["progress"]["ratio"], 1.35, "54 of 40 households");
    assert_eq!(g["progress"]["attainment"], 1.0);
    assert_eq!(g["progress"]["state"], "ACHIEVED");
    assert_eq!(g["progress"]["asOf"], "2025-02-28");
    let key = &g["impactIndicators"][0];
    assert_eq!(key["isKey"], true);
    assert_eq!(key["target"], 40.0);
    assert_eq!(key["values"][0]["text"], "39");
    assert_eq!(key["values"][1]["value"], 54.0);
    assert_eq!(key["values"][1]["source"]["document"]["key"], "zprava");
    assert_eq!(
        key["values"][1]["source"]["locator"],
        "příloha B, SC 1.1.1, Data k 28. 2. 2025"
    );
    let ratio = d["d"]["progress"]["ratio"].as_f64().unwrap();
    assert!((ratio - (98.0 / 300.0 + 82.0 / 200.0) / 2.0).abs() < 1e-9);
    assert_eq!(d["d"]["progress"]["state"], "BEHIND");
    let registrations = &d["r"]["impactIndicators"][1]["values"][1];
    assert_eq!(registrations["text"], "26/25/10/34");
    assert_eq!(registrations["parts"], json!([26.0, 25.0, 10.0, 34.0]));
}

pub async fn known_conflicts_are_exposed_with_sources(app: TestApp) {
    let d = app
        .data(
            "{ conflicts { subjectType subjectCode field severity description statements { value source { locator document { key } } } } measure(code: \"1.1.1.1\") { conflicts { field } provenance(field: \"estimated_cost\") { value source { locator } } } }",
            json!({}),
        )
        .await;
    let conflicts = d["conflicts"].as_array().unwrap();
    let has = |t: &str, c: &str, f: &str| {
        conflicts
            .iter()
            .any(|x| x["subjectType"] == t && x["subjectCode"] == c && x["field"] == f)
    };
    assert!(has("measure", "1.1.1.1", "estimated_cost"));
    assert!(has("measure", "2.1.1.3", "estimated_cost"));
    assert!(has("action_plan", "1", "measure_count"));
    assert!(has("specific_goal", "1.1.1", "measure_count"));
    assert!(has("measure", "2.1.2.1", "code"));
    assert!(has("measure", "5.2.2.1", "name"));
    assert!(has("specific_goal", "6.2.3", "target_text"));
    assert!(has("measure", "2.1.3.3", "status"));
    assert!(has("measure", "6.1.1.1", "code"));
    let first = &conflicts[0];
    assert_eq!(first["severity"], "FIGURE", "figures first");
    let cost = conflicts
        .iter()
        .find(|x| x["subjectCode"] == "1.1.1.1" && x["field"] == "estimated_cost")
        .unwrap();
    let values: Vec<&str> = cost["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["value"].as_str().unwrap())
        .collect();
    assert!(
        values.contains(&"25 mil. Kč") && values.contains(&"15 mil. Kč (3 roky)"),
        "{values:?}"
    );
    let provenance = d["measure"]["provenance"].as_array().unwrap();
    assert!(
        provenance
            .iter()
            .any(|s| s["value"] == "25 mil. Kč"
                && s["source"]["locator"] == "karta opatření 1.1.1.1")
    );
    assert!(
        provenance
            .iter()
            .any(|s| s["value"] == "15 mil. Kč (3 roky)" && s["source"]["locator"] == "Tabulka 5")
    );
}

pub async fn search_ignores_case_and_diacritics(app: TestApp) {
    let d = app
        .data(
            "{ search(text: \"bydleni\") { areas { name } measures { code } } }",
            json!({}),
        )
        .await;
    assert_eq!(d["search"]["areas"][0]["name"], "Bydlení");
    assert!(!d["search"]["measures"].as_array().unwrap().is_empty());
    let d = app
        .data(
            "{ search(text: \"SLEZSKA diakonie\") { organisations { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(d["search"]["organisations"][0]["name"], "Slezská diakonie");
    let d = app
        .data(
            "{ search(text: \"zadne-takove-slovo\") { areas { name } measures { code } } }",
            json!({}),
        )
        .await;
    assert!(d["search"]["measures"].as_array().unwrap().is_empty());
}

pub async fn filters_narrow_measures(app: TestApp) {
    let codes = |d: &serde_json::Value| -> Vec<String> {
        d["measures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let d = app
        .data("{ measures(filter: { area: \"5\" }) { code } }", json!({}))
        .await;
    assert_eq!(codes(&d), ["5.1.1.1", "5.2.1.1", "5.2.2.1"]);
    let d = app
        .data(
            "{ measures(filter: { status: COMPLETED }) { code } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&d), ["4.2.1.4", "6.1.1.1", "6.1.1.2"]);
    let d = app
        .data(
            "{ measures(filter: { fundingSource: IROP }) { code } }",
            json!({}),
        )
        .await;
    assert_eq!(
        codes(&d),
        [
            "1.3.1.1", "1.3.1.2", "4.2.1.1", "4.2.1.2", "4.2.1.3", "4.2.1.4"
        ]
    );
    let d = app
        .data(
            "{ measures(filter: { implementer: \"renarkon\" }) { code } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&d), ["2.1.3.1", "2.1.3.3"]);
    let d = app
        .data(
            "{ measures(filter: { responsibleBody: \"mestska policie\" }) { code } }",
            json!({}),
        )
        .await;
    assert_eq!(codes(&d), ["2.1.2.1"]);
}

/// The facts keep, of every indicator, the progress of its latest numeric published reading and
/// the plan's latest monitoring date, as computed from every value: also when the latest
/// reading has no number (it still dates the monitoring) or a later one is only a draft.
pub async fn facts_keep_the_latest_reading_of_every_indicator(app: TestApp) {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    use server::entity::{impact_indicator, indicator_value, plan};
    use server::store::facts::PlanFacts;

    let db = &app.db;
    let sample = indicator_value::Entity::find()
        .filter(indicator_value::Column::Published.eq(true))
        .filter(indicator_value::Column::Value.is_not_null())
        .one(db)
        .await
        .expect("read")
        .expect("a published value");
    for (date, value, published) in [
        ("2027-03-31", None, true),
        ("2027-06-30", Some(999.0), false),
    ] {
        indicator_value::ActiveModel {
            impact_indicator_id: Set(sample.impact_indicator_id),
            ref_date: Set(date.to_owned()),
            ref_label: Set(date.to_owned()),
            value: Set(value),
            parts: Set(None),
            value_text: Set(String::new()),
            published: Set(published),
            document_id: Set(sample.document_id),
            locator: Set("test".to_owned()),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("insert");
    }
    let plan_id = plan::Entity::find()
        .one(db)
        .await
        .expect("read")
        .expect("plan")
        .id;
    let facts = PlanFacts::load(db, plan_id, None).await.expect("facts");
    let values = indicator_value::Entity::find()
        .filter(indicator_value::Column::Published.eq(true))
        .all(db)
        .await
        .expect("values");
    let indicators = impact_indicator::Entity::find()
        .all(db)
        .await
        .expect("indicators");
    let mut with_progress = 0;
    for ind in &indicators {
        // Computed here, not by `shared::progress`: the published value with a number at the
        // latest date (ISO dates order as text), against a positive target.
        let latest = values
            .iter()
            .filter(|v| v.impact_indicator_id == ind.id)
            .filter_map(|v| v.value.map(|x| (v.ref_date.as_str(), x)))
            .max_by(|a, b| a.0.cmp(b.0));
        let expected = match (ind.target_value.filter(|t| *t > 0.0), latest) {
            (Some(target), Some((date, value))) => Some((date.to_owned(), value, value / target)),
            _ => None,
        };
        let got = facts
            .indicator_progress
            .get(&ind.id)
            .map(|p| (p.date.to_string(), p.latest, p.ratio));
        with_progress += usize::from(expected.is_some());
        assert_eq!(got, expected, "indicator {}", ind.id);
    }
    assert!(
        with_progress > 20,
        "only {with_progress} indicators with progress"
    );
    assert_eq!(
        facts.latest_monitoring,
        Some("2027-03-31".parse().expect("date")),
        "a published reading without a number dates the monitoring; a draft does not"
    );
}

/// Missing counterparts between the Action Plan and the report are findings like conflicts
/// (issue 12): the plan describes measure 2.1.3.5 (its card, Akční plán I.) but annex B of the
/// report has no row for it (it lists 2.1.3.3 twice instead). Each gap shows the statements of
/// the source that has the subject, and a coordinator resolves it with a reason like any
/// conflict.
pub async fn gaps_between_the_sources_are_findings_a_coordinator_resolves(app: TestApp) {
    let q = "{ conflicts { id version subjectType subjectCode field severity title description statements { id value source { document { key } } } } }";
    let d = app.data(q, json!({})).await;
    let gaps: Vec<&Value> = d["conflicts"]
        .as_array()
        .expect("conflicts")
        .iter()
        .filter(|c| c["severity"] == "GAP")
        .collect();
    let row = gaps
        .iter()
        .find(|c| c["subjectCode"] == "2.1.3.5")
        .unwrap_or_else(|| panic!("measure 2.1.3.5 has no report row: {gaps:?}"));
    assert_eq!(row["field"], "report_row");
    assert_eq!(row["title"], "Opatření 2.1.3.5: řádek v příloze B zprávy");
    // The report prints 2.1.2's measure as 3.2.1.1 and 5.2.2.1 under the name of 5.2.1.1
    // (the seeds' README): each row may belong to the other measure.
    for (code, field, other) in [
        ("2.1.2.1", "report_row_number", "3.2.1.1"),
        ("5.2.2.1", "report_row_name", "5.2.1.1"),
    ] {
        let g = gaps
            .iter()
            .find(|c| c["subjectCode"] == code && c["field"] == field)
            .unwrap_or_else(|| panic!("no {field} finding on {code}: {gaps:?}"));
        let description = g["description"].as_str().expect("description");
        assert!(
            description.contains(&format!("opatření {other}")),
            "{description}"
        );
        // Both sources' statements of the number or name, with their locators.
        let documents: Vec<&Value> = g["statements"]
            .as_array()
            .expect("statements")
            .iter()
            .map(|s| &s["source"]["document"]["key"])
            .collect();
        assert!(
            documents.contains(&&json!("ap1")) && documents.contains(&&json!("zprava")),
            "{g}"
        );
    }
    for g in &gaps {
        // The statements are those of the side that has the subject, none of the other's.
        let has = match g["field"].as_str() {
            Some("report_row" | "report_value") => "ap1",
            Some("plan_indicator") => "zprava",
            Some("report_row_number" | "report_row_name") => continue,
            other => panic!("unknown gap {other:?}: {g}"),
        };
        let statements = g["statements"].as_array().expect("statements");
        assert!(!statements.is_empty(), "{g}");
        assert!(
            statements
                .iter()
                .all(|s| s["source"]["document"]["key"] == has),
            "{g}"
        );
    }
    // A coordinator resolves the gap: it leaves the open list.
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let r = app
        .query_as(
            Some(&coordinator),
            "mutation($i: ResolveConflictInput!) { resolveConflict(input: $i) { id } }",
            json!({ "i": {
                "record": { "id": row["id"], "version": row["version"] },
                "statementId": row["statements"][0]["id"],
                "reason": "Opatření se dosud nerealizuje; zpráva ho proto neuvádí.",
            } }),
        )
        .await;
    assert!(r["errors"].is_null(), "{r}");
    let after = app.data(q, json!({})).await;
    assert!(
        !after["conflicts"]
            .as_array()
            .expect("conflicts")
            .iter()
            .any(|c| c["id"] == row["id"]),
        "the resolved gap leaves the list"
    );
}

/// The facts a plan's read model gives are the facts its rows in the database give: every
/// count, amount, status and progress (roll-ups of means to 9 decimal places, as the order of
/// a sum may differ).
pub async fn facts_from_the_read_model_match_the_database(app: TestApp) {
    use server::store::facts::{GroupFacts, PlanFacts};
    use server::store::model::ReadModel;
    use server::store::version::Versions;
    let versions = Versions::load(&app.db).await.expect("revisions");
    let read = ReadModel::new(app.db.clone(), versions, 4);
    let plan_id = server::store::lookup::plan_by_slug(&app.db, "ostrava")
        .await
        .expect("read")
        .expect("plan")
        .id;
    let model = read
        .plan(plan_id, None)
        .await
        .expect("build")
        .expect("model");
    let a = PlanFacts::of_model(&model);
    let b = PlanFacts::load(&app.db, plan_id, None)
        .await
        .expect("facts");
    assert!(!a.measure_status.is_empty() && !a.goal_progress.is_empty());
    assert_eq!(a.indicator_progress, b.indicator_progress);
    assert_eq!(a.goal_progress, b.goal_progress);
    assert_eq!(a.measure_status, b.measure_status);
    assert_eq!(a.measure_money, b.measure_money);
    assert_eq!(a.by_source, b.by_source);
    assert_eq!(a.by_programme, b.by_programme);
    assert_eq!(a.latest_monitoring, b.latest_monitoring);
    let same = |x: &GroupFacts, y: &GroupFacts| {
        assert_eq!(
            (x.statuses, x.money, x.conflicts),
            (y.statuses, y.money, y.conflicts)
        );
        assert_eq!(format!("{:.9?}", x.progress), format!("{:.9?}", y.progress));
    };
    same(&a.plan, &b.plan);
    assert_eq!(a.areas.len(), b.areas.len());
    for (id, x) in &a.areas {
        same(x, &b.areas[id]);
    }
    assert_eq!(a.strategic_goals.len(), b.strategic_goals.len());
    for (id, x) in &a.strategic_goals {
        same(x, &b.strategic_goals[id]);
    }
}

/// `indicator_latest`, which the database keeps for the facts, follows every insert, update
/// (publishing, a moved date, another indicator) and delete of a value, whoever writes: after
/// each change it equals what the values themselves say, and so do the facts of the read model.
pub async fn the_latest_value_summary_follows_every_change(app: TestApp) {
    use sea_orm::{
        ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, Statement,
    };
    use server::entity::indicator_value;
    use std::collections::BTreeMap;

    type Summary = BTreeMap<i32, (String, Option<(String, f64)>)>;
    let db = &app.db;
    // What the summary should hold, from every value: the latest published date, and the latest
    // published number (the greater id among one date's).
    let expected = || async {
        let mut rows = indicator_value::Entity::find()
            .filter(indicator_value::Column::Published.eq(true))
            .all(db)
            .await
            .expect("values");
        rows.sort_by(|a, b| (&a.ref_date, a.id).cmp(&(&b.ref_date, b.id)));
        let mut s = Summary::new();
        for v in rows {
            let e = s
                .entry(v.impact_indicator_id)
                .or_insert((String::new(), None));
            e.0 = v.ref_date.clone();
            if let Some(n) = v.value {
                e.1 = Some((v.ref_date, n));
            }
        }
        s
    };
    let stored = || async {
        let backend = db.get_database_backend();
        db.query_all_raw(Statement::from_string(
            backend,
            "SELECT impact_indicator_id, latest_date, numeric_date, numeric_value FROM indicator_latest",
        ))
        .await
        .expect("summary")
        .into_iter()
        .map(|r| {
            let id: i32 = r.try_get_by_index(0).expect("id");
            let latest: String = r.try_get_by_index(1).expect("latest");
            let date: Option<String> = r.try_get_by_index(2).expect("date");
            let value: Option<f64> = r.try_get_by_index(3).expect("value");
            (id, (latest, date.zip(value)))
        })
        .collect::<Summary>()
    };
    let check = |step: &'static str| async move {
        let (want, have) = (expected().await, stored().await);
        assert!(!want.is_empty());
        assert_eq!(have, want, "after {step}");
    };
    check("the seed").await;

    let sample = indicator_value::Entity::find()
        .filter(indicator_value::Column::Published.eq(true))
        .filter(indicator_value::Column::Value.is_not_null())
        .one(db)
        .await
        .expect("read")
        .expect("a published value");
    let other = indicator_value::Entity::find()
        .filter(indicator_value::Column::ImpactIndicatorId.ne(sample.impact_indicator_id))
        .one(db)
        .await
        .expect("read")
        .expect("a value of another indicator")
        .impact_indicator_id;
    let insert = |date: &str, value: Option<f64>, published: bool| indicator_value::ActiveModel {
        impact_indicator_id: Set(sample.impact_indicator_id),
        ref_date: Set(date.to_owned()),
        ref_label: Set(date.to_owned()),
        value: Set(value),
        parts: Set(None),
        value_text: Set(String::new()),
        published: Set(published),
        document_id: Set(sample.document_id),
        locator: Set("test".to_owned()),
        version: Set(1),
        ..Default::default()
    };
    let newer = insert("2027-06-30", Some(12.5), false)
        .insert(db)
        .await
        .expect("insert");
    check("a draft").await;
    let mut publish: indicator_value::ActiveModel = newer.clone().into();
    publish.published = Set(true);
    let newer = publish.update(db).await.expect("publish");
    check("publishing it").await;
    let blank = insert("2027-12-31", None, true)
        .insert(db)
        .await
        .expect("insert");
    check("a newer reading without a number").await;
    let mut moved: indicator_value::ActiveModel = newer.clone().into();
    moved.ref_date = Set("2020-01-01".to_owned());
    let newer = moved.update(db).await.expect("move");
    check("moving a date back").await;
    let mut elsewhere: indicator_value::ActiveModel = newer.clone().into();
    elsewhere.impact_indicator_id = Set(other);
    elsewhere
        .update(db)
        .await
        .expect("move to another indicator");
    check("moving a value to another indicator").await;
    indicator_value::Entity::delete_by_id(blank.id)
        .exec(db)
        .await
        .expect("delete");
    indicator_value::Entity::delete_by_id(newer.id)
        .exec(db)
        .await
        .expect("delete");
    check("deleting both").await;
    app.wrote_around().await;
    facts_from_the_read_model_match_the_database(app).await;
}
