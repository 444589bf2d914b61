//! Every mutation against every role (incl. anonymous): allowed calls succeed and leave an
//! audit record of their table and caller, refused ones are refused with the right code and
//! write nothing.

use serde_json::json;
use tests::{Session, TEST_PASSWORD, TestApp, code_of};

use sea_orm::{ConnectionTrait, Statement};
use serde_json::Value;

use super::entry::{WAVE, count, implementer_org, indicator};

/// Everyone the matrix runs as.
struct Cast {
    admin: Session,
    coordinator: Session,
    implementer: Session,
    viewer: Session,
    /// An account for `updateUser` to change.
    spare_user: i64,
    org: i64,
}

async fn cast(app: &TestApp) -> Cast {
    let admin = app.admin().await;
    let org = implementer_org(app).await;
    let coordinator = app.coordinator(&admin, "koordinator@psz.test").await;
    let implementer = app
        .implementer(&admin, "realizator@psz.test", json!([org]))
        .await;
    let viewer = app
        .user(&admin, "ctenar@psz.test", "VIEWER", json!({}))
        .await;
    let r = app
        .data_as(
            &admin,
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            json!({ "i": { "email": "spare@psz.test", "name": "Spare", "password": TEST_PASSWORD, "role": "VIEWER" } }),
        )
        .await;
    Cast {
        spare_user: r["createUser"]["id"].as_i64().expect("id"),
        admin,
        coordinator,
        implementer,
        viewer,
        org,
    }
}

/// A draft value made by the admin, for the publishing cases.
async fn draft_value(app: &TestApp, c: &Cast, date: &str) -> Value {
    let (id, _) = indicator(app).await;
    let d = app
        .data_as(
            &c.admin,
            WAVE,
            json!({ "i": { "specificGoal": "2.1.3", "refDate": date, "sourceNote": "Dotazník", "values": [{ "indicatorId": id, "value": 3 }] } }),
        )
        .await;
    d["recordIndicatorValues"][0].clone()
}

/// A report draft made by the admin, numbered after attempt `n`.
async fn draft_report(app: &TestApp, c: &Cast, n: usize) -> Value {
    let d = app
        .data_as(
            &c.admin,
            "mutation($i: CreateReportInput!) { createReport(input: $i) { id version } }",
            json!({ "i": { "number": 500 + n, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-02-28" } }),
        )
        .await;
    d["createReport"].clone()
}

/// The next free number of an action plan, and a year of the plan (2022–2027) no action plan
/// covers yet.
async fn free_action_plan(app: &TestApp, c: &Cast) -> (i64, i64) {
    let d = app
        .data_as(
            &c.admin,
            "{ plan { actionPlans { number periodFrom periodTo } } actionPlanDrafts { number periodFrom periodTo } }",
            json!({}),
        )
        .await;
    let all: Vec<&Value> = d["plan"]["actionPlans"]
        .as_array()
        .into_iter()
        .chain(d["actionPlanDrafts"].as_array())
        .flatten()
        .collect();
    let number = all
        .iter()
        .filter_map(|a| a["number"].as_i64())
        .max()
        .unwrap_or(0)
        + 1;
    let year = (2022..=2027)
        .find(|y| {
            !all.iter().any(|a| {
                a["periodFrom"].as_i64().is_some_and(|f| f <= *y)
                    && a["periodTo"].as_i64().is_some_and(|t| *y <= t)
            })
        })
        .expect("a free year");
    (number, year)
}

/// A draft action plan: the first there is, else one made by the admin.
async fn action_plan_draft(app: &TestApp, c: &Cast) -> Value {
    let d = app
        .data_as(
            &c.admin,
            "{ actionPlanDrafts { number version } }",
            json!({}),
        )
        .await;
    if let Some(first) = d["actionPlanDrafts"].get(0) {
        return first.clone();
    }
    let (number, year) = free_action_plan(app, c).await;
    let d = app
        .data_as(
            &c.admin,
            "mutation($i: CreateActionPlanInput!) { createActionPlan(input: $i) { number version } }",
            json!({ "i": { "number": number, "name": format!("Akční plán {number}"), "periodFrom": year, "periodTo": year } }),
        )
        .await;
    d["createActionPlan"].clone()
}

/// A distinct date for every attempt `n` of a year.
fn day(year: i32, n: usize) -> String {
    format!("{year}-{:02}-{:02}", 1 + n / 28, 1 + n % 28)
}

/// Runs mutation `name` as `who` with fresh, valid input; the resulting code (`OK` or the
/// error's).
async fn attempt(app: &TestApp, c: &Cast, who: Option<&Session>, name: &str, n: usize) -> String {
    let (q, vars) = match name {
        "createUser" => (
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            json!({ "i": { "email": format!("new{n}@psz.test"), "name": "Nový", "password": TEST_PASSWORD, "role": "VIEWER" } }),
        ),
        "updateUser" => {
            let users = app
                .data_as(&c.admin, "{ users { id version } }", json!({}))
                .await;
            let version = users["users"]
                .as_array()
                .and_then(|u| u.iter().find(|u| u["id"].as_i64() == Some(c.spare_user)))
                .map(|u| u["version"].clone())
                .expect("spare user");
            (
                "mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }",
                json!({ "i": { "id": c.spare_user, "version": version, "name": format!("Jméno {n}") } }),
            )
        }
        "unlockLogin" => (
            "mutation($e: String!) { unlockLogin(email: $e) }",
            json!({ "e": c.viewer.email }),
        ),
        "recordIndicatorValues" => {
            let (id, _) = indicator(app).await;
            (
                WAVE,
                json!({ "i": { "specificGoal": "2.1.3", "refDate": day(2026, n), "sourceNote": "Dotazník realizátora", "values": [{ "indicatorId": id, "value": 7 }] } }),
            )
        }
        "publishIndicatorValues" => {
            let v = draft_value(app, c, &day(2027, n)).await;
            (
                "mutation($v: [RecordVersion!]!) { publishIndicatorValues(values: $v) { id } }",
                json!({ "v": [{ "id": v["id"], "version": v["version"] }] }),
            )
        }
        "setMeasureStatus" => (
            "mutation($i: MeasureStatusInput!) { setMeasureStatus(input: $i) { id } }",
            json!({ "i": { "measure": "2.1.3.4", "refDate": day(2028, n), "status": "IN_PROGRESS", "reports": 4, "reportsOf": 6, "activity": "PROJECT", "organisationId": c.org } }),
        ),
        "publishMeasureStatuses" => {
            let d = app
                .data_as(
                    &c.admin,
                    "mutation($i: MeasureStatusInput!) { setMeasureStatus(input: $i) { id version } }",
                    json!({ "i": { "measure": "2.1.3.4", "refDate": day(2029, n), "status": "COMPLETED", "activity": "PROJECT" } }),
                )
                .await;
            (
                "mutation($s: [RecordVersion!]!) { publishMeasureStatuses(statuses: $s) { id } }",
                json!({ "s": [{ "id": d["setMeasureStatus"]["id"], "version": d["setMeasureStatus"]["version"] }] }),
            )
        }
        "saveProject" => (
            "mutation($i: ProjectInput!) { saveProject(input: $i) { id } }",
            json!({ "i": { "measure": "2.1.3.4", "registrationNumber": format!("CZ.03.02.01/00/22_018/00099{n:02}"), "call": "Výzva 018", "programme": "OPZ+", "budget": "1 000 000,50 Kč", "periodFrom": "2024-01-01", "periodTo": "2026-12-31", "organisationId": c.org } }),
        ),
        "publishProjects" => {
            let d = app
                .data_as(
                    &c.admin,
                    "mutation($i: ProjectInput!) { saveProject(input: $i) { id version } }",
                    json!({ "i": { "measure": "2.1.3.4", "registrationNumber": format!("CZ.03.02.01/00/22_018/00098{n:02}"), "call": "Výzva 018", "programme": "OPZ+", "budget": "2 000 000 Kč", "organisationId": c.org } }),
                )
                .await;
            (
                "mutation($p: [RecordVersion!]!) { publishProjects(projects: $p) { id } }",
                json!({ "p": [{ "id": d["saveProject"]["id"], "version": d["saveProject"]["version"] }] }),
            )
        }
        "addInternalNote" => (
            "mutation($i: InternalNoteInput!) { addInternalNote(input: $i) { id } }",
            json!({ "i": { "subject": "MEASURE", "code": "2.1.3.4", "text": format!("Poznámka {n}") } }),
        ),
        "updateMeasure" => {
            let d = app
                .data(r#"{ measure(code: "2.1.3.4") { version } }"#, json!({}))
                .await;
            (
                "mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { version } }",
                json!({ "i": { "code": "2.1.3.4", "version": d["measure"]["version"], "scheduleText": format!("2023–2026 ({n})") } }),
            )
        }
        "setMeasureLists" => {
            let d = app
                .data(
                    r#"{ measure(code: "2.1.3.4", actionPlan: 1) { version } }"#,
                    json!({}),
                )
                .await;
            (
                "mutation($i: MeasureListsInput!) { setMeasureLists(input: $i) { version } }",
                json!({ "i": { "actionPlan": 1, "code": "2.1.3.4", "version": d["measure"]["version"], "outputIndicators": [format!("Počet podpořených osob ({n})")] } }),
            )
        }
        "updateIndicatorTarget" => {
            let (id, version) = indicator(app).await;
            (
                "mutation($i: UpdateTargetInput!) { updateIndicatorTarget(input: $i) { id } }",
                json!({ "i": { "record": { "id": id, "version": version }, "targetValue": 100 + n } }),
            )
        }
        "reviseIndicatorTarget" => {
            let (id, version) = indicator(app).await;
            (
                "mutation($i: ReviseTargetInput!) { reviseIndicatorTarget(input: $i) { id } }",
                json!({ "i": { "record": { "id": id, "version": version }, "validFrom": day(2024, n), "targetValue": 200 + n, "reason": "Revize po zprávě" } }),
            )
        }
        "withdrawTargetRevision" => {
            let (id, version) = indicator(app).await;
            let d = app
                .data_as(
                    &c.admin,
                    "mutation($i: ReviseTargetInput!) { reviseIndicatorTarget(input: $i) { targetRevisions { id version validFrom } } }",
                    json!({ "i": { "record": { "id": id, "version": version }, "validFrom": day(2023, n), "targetValue": 300 + n, "reason": "K odvolání" } }),
                )
                .await;
            let revision = d["reviseIndicatorTarget"]["targetRevisions"]
                .as_array()
                .and_then(|r| r.iter().find(|r| r["validFrom"] == day(2023, n)))
                .cloned()
                .expect("the revision");
            (
                "mutation($r: RecordVersion!) { withdrawTargetRevision(record: $r) { id } }",
                json!({ "r": { "id": revision["id"], "version": revision["version"] } }),
            )
        }
        "createActionPlan" => {
            let (number, year) = free_action_plan(app, c).await;
            (
                "mutation($i: CreateActionPlanInput!) { createActionPlan(input: $i) { id } }",
                json!({ "i": { "number": number, "name": format!("Akční plán {number}"), "periodFrom": year, "periodTo": year } }),
            )
        }
        "carryOverMeasures" => {
            let draft = action_plan_draft(app, c).await;
            (
                "mutation($i: CarryOverInput!) { carryOverMeasures(input: $i) { carried { code } } }",
                json!({ "i": { "actionPlan": draft["number"], "from": 1, "area": (n % 6 + 1).to_string() } }),
            )
        }
        "endMeasure" => {
            let draft = action_plan_draft(app, c).await;
            let measures = app
                .data("{ measures(actionPlan: 1) { code } }", json!({}))
                .await;
            let code = measures["measures"][n % 40]["code"].clone();
            (
                "mutation($i: EndMeasureInput!) { endMeasure(input: $i) { reason } }",
                json!({ "i": { "actionPlan": draft["number"], "from": 1, "measure": code, "reason": format!("Splněno ({n})") } }),
            )
        }
        "addMeasure" => {
            let draft = action_plan_draft(app, c).await;
            (
                "mutation($i: AddMeasureInput!) { addMeasure(input: $i) { code } }",
                json!({ "i": { "actionPlan": draft["number"], "specificGoal": "2.1.3", "name": format!("Nové opatření {n}") } }),
            )
        }
        "approveActionPlan" => {
            let draft = action_plan_draft(app, c).await;
            (
                "mutation($i: ApproveActionPlanInput!) { approveActionPlan(input: $i) { id } }",
                json!({ "i": { "number": draft["number"], "version": draft["version"], "approvedOn": "2025-10-20", "resolution": format!("usnesení ZM č. {n}/ZM2226/20") } }),
            )
        }
        "saveSummary" => (
            "mutation($i: SummaryInput!) { saveSummary(input: $i) { id } }",
            json!({ "i": { "specificGoal": "2.1.3", "year": 2026, "title": "Shrnutí", "text": format!("Text {n}") } }),
        ),
        "updateGlobalValue" => {
            let d = app
                .data(
                    "{ plan { globalIndicators { values { id version } } } }",
                    json!({}),
                )
                .await;
            let v = &d["plan"]["globalIndicators"][0]["values"][0];
            (
                "mutation($i: GlobalValueInput!) { updateGlobalValue(input: $i) { id } }",
                json!({ "i": { "record": { "id": v["id"], "version": v["version"] }, "value": 10 + n, "sourceNote": "ČSÚ" } }),
            )
        }
        "updateMilestone" => {
            let d = app
                .data(
                    "{ plan { actionPlans { milestones { id version } } } }",
                    json!({}),
                )
                .await;
            let m = &d["plan"]["actionPlans"][0]["milestones"][0];
            (
                "mutation($i: MilestoneInput!) { updateMilestone(input: $i) { id } }",
                json!({ "i": { "record": { "id": m["id"], "version": m["version"] }, "text": format!("Milník {n}") } }),
            )
        }
        "saveMonitoringWave" => (
            "mutation($i: MonitoringWaveEdit!) { saveMonitoringWave(input: $i) { id } }",
            // A wave of its own for every call, years apart: waves may not overlap.
            json!({ "i": { "name": format!("Vlna {n}"), "opensOn": format!("{}-01-01", 2040 + n % 50), "deadline": format!("{}-06-30", 2040 + n % 50) } }),
        ),
        "updateRisk" => {
            let d = app
                .data(
                    "{ plan { actionPlans { risks { id version } } } }",
                    json!({}),
                )
                .await;
            let r = &d["plan"]["actionPlans"][0]["risks"][0];
            (
                "mutation($i: RiskInput!) { updateRisk(input: $i) { significance } }",
                json!({ "i": { "record": { "id": r["id"], "version": r["version"] }, "probability": 1 + (n % 5), "impact": 2 } }),
            )
        }
        "resolveConflict" => {
            let d = app
                .data("{ conflicts { id version statements { id } } }", json!({}))
                .await;
            let c0 = &d["conflicts"][0];
            (
                "mutation($i: ResolveConflictInput!) { resolveConflict(input: $i) { id } }",
                json!({ "i": { "record": { "id": c0["id"], "version": c0["version"] }, "statementId": c0["statements"][0]["id"], "reason": "Ověřeno u realizátora" } }),
            )
        }
        "createReport" => (
            "mutation($i: CreateReportInput!) { createReport(input: $i) { id } }",
            json!({ "i": { "number": n + 1, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-02-28" } }),
        ),
        "saveReportNarrative" => {
            let r = draft_report(app, c, n).await;
            (
                "mutation($i: ReportNarrativeInput!) { saveReportNarrative(input: $i) { version } }",
                json!({ "i": { "reportId": r["id"], "reportVersion": r["version"], "section": "summary", "text": format!("Shrnutí {n}") } }),
            )
        }
        "issueReport" => {
            let r = draft_report(app, c, n).await;
            (
                "mutation($i: IssueReportInput!) { issueReport(input: $i) { state } }",
                json!({ "i": { "reportId": r["id"], "version": r["version"] } }),
            )
        }
        other => panic!("no case for {other}"),
    };
    let before = count(app, "audit_record").await;
    let code = code_of(&app.query_as(who, q, vars).await);
    let written = count(app, "audit_record").await - before;
    if code == "OK" {
        assert!(written >= 1, "{name}: no audit record");
        let last = last_audit(app).await;
        assert_eq!(
            last.0,
            audited_table(name),
            "{name}: audit record of the wrong table"
        );
        let email = who.map(|s| s.email.clone()).unwrap_or_default();
        assert_eq!(last.1, email, "{name}: audit record of the wrong user");
    } else {
        assert_eq!(
            written, 0,
            "{name} was refused ({code}) but wrote an audit record"
        );
    }
    code
}

/// The table a mutation's audit record names.
fn audited_table(mutation: &str) -> &'static str {
    match mutation {
        "createUser" | "updateUser" => "user_account",
        "unlockLogin" => "login_failure",
        "recordIndicatorValues" | "publishIndicatorValues" => "indicator_value",
        "setMeasureStatus" | "publishMeasureStatuses" => "measure_status",
        "saveProject" | "publishProjects" => "project",
        "addInternalNote" => "internal_note",
        "updateMeasure" | "setMeasureLists" => "measure",
        "updateIndicatorTarget" => "impact_indicator",
        "reviseIndicatorTarget" | "withdrawTargetRevision" => "target_revision",
        "createActionPlan" | "approveActionPlan" => "action_plan",
        "carryOverMeasures" | "addMeasure" => "measure",
        "endMeasure" => "measure_ending",
        "saveSummary" => "summary",
        "updateGlobalValue" => "global_indicator_value",
        "updateMilestone" => "milestone",
        "saveMonitoringWave" => "monitoring_wave",
        "updateRisk" => "risk",
        "resolveConflict" => "conflict",
        "createReport" | "issueReport" => "report",
        "saveReportNarrative" => "report_narrative",
        other => panic!("no audited table for {other}"),
    }
}

/// The table and user of the newest audit record.
async fn last_audit(app: &TestApp) -> (String, String) {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT entity, user_email FROM audit_record ORDER BY id DESC LIMIT 1".to_owned(),
        ))
        .await
        .expect("audit")
        .expect("a row");
    (
        row.try_get_by_index(0).expect("entity"),
        row.try_get_by_index(1).expect("email"),
    )
}

/// Every mutation except login and logout (tested on their own), with the roles allowed.
const MATRIX: [(&str, [bool; 4]); 29] = [
    //                          admin  coord  impl   viewer
    ("createUser", [true, false, false, false]),
    ("updateUser", [true, false, false, false]),
    ("unlockLogin", [true, false, false, false]),
    ("recordIndicatorValues", [true, true, true, false]),
    ("publishIndicatorValues", [true, true, false, false]),
    ("setMeasureStatus", [true, true, true, false]),
    ("publishMeasureStatuses", [true, true, false, false]),
    ("saveProject", [true, true, true, false]),
    ("publishProjects", [true, true, false, false]),
    ("addInternalNote", [true, true, true, false]),
    ("updateMeasure", [true, true, false, false]),
    ("setMeasureLists", [true, true, false, false]),
    ("updateIndicatorTarget", [true, true, false, false]),
    ("reviseIndicatorTarget", [true, true, false, false]),
    ("withdrawTargetRevision", [true, true, false, false]),
    ("createActionPlan", [true, true, false, false]),
    ("carryOverMeasures", [true, true, false, false]),
    ("endMeasure", [true, true, false, false]),
    ("addMeasure", [true, true, false, false]),
    ("approveActionPlan", [true, true, false, false]),
    ("saveSummary", [true, true, false, false]),
    ("updateGlobalValue", [true, true, false, false]),
    ("updateMilestone", [true, true, false, false]),
    ("saveMonitoringWave", [true, true, false, false]),
    ("updateRisk", [true, true, false, false]),
    ("resolveConflict", [true, true, false, false]),
    ("createReport", [true, true, false, false]),
    ("saveReportNarrative", [true, true, false, false]),
    ("issueReport", [true, true, false, false]),
];

/// Every mutation against every role: allowed ones succeed and leave an audit record of their
/// table and user, refused ones write none.
pub async fn every_mutation_is_allowed_exactly_to_its_roles(app: TestApp) {
    let c = cast(&app).await;
    let schema = app
        .data(
            "{ __schema { mutationType { fields { name } } } }",
            json!({}),
        )
        .await;
    let mut in_schema: Vec<&str> = schema["__schema"]["mutationType"]["fields"]
        .as_array()
        .expect("mutations")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .filter(|n| *n != "login" && *n != "logout")
        .collect();
    in_schema.sort_unstable();
    let mut tested: Vec<&str> = MATRIX.iter().map(|(m, _)| *m).collect();
    tested.sort_unstable();
    assert_eq!(in_schema, tested, "the matrix covers every mutation");

    let mut n = 0;
    for (name, allowed) in MATRIX {
        let roles: [(&str, Option<&Session>, Option<bool>); 5] = [
            ("anonymous", None, None),
            ("admin", Some(&c.admin), Some(allowed[0])),
            ("coordinator", Some(&c.coordinator), Some(allowed[1])),
            ("implementer", Some(&c.implementer), Some(allowed[2])),
            ("viewer", Some(&c.viewer), Some(allowed[3])),
        ];
        for (role, who, allowed) in roles {
            n += 1;
            let got = attempt(&app, &c, who, name, n).await;
            let expected = match allowed {
                None => "UNAUTHENTICATED",
                Some(true) => "OK",
                Some(false) => "FORBIDDEN",
            };
            assert_eq!(got, expected, "{name} as {role}");
        }
    }
}
