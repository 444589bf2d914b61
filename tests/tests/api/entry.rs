//! Accounts, sessions and entering data: every mutation against every role, CSRF, rate
//! limiting, optimistic concurrency, validation that stores nothing, the audit trail, and
//! drafts that the public sees only once published.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tests::{Session, TEST_PASSWORD, TestApp, code_of};

/// The organisation implementing measure 2.1.3.4 (Slezská diakonie).
async fn implementer_org(app: &TestApp) -> i64 {
    let d = app
        .data(
            r#"{ measure(code: "2.1.3.4") { status { implementer { id name } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        d["measure"]["status"]["implementer"]["name"],
        "Slezská diakonie"
    );
    d["measure"]["status"]["implementer"]["id"]
        .as_i64()
        .expect("org id")
}

/// The first impact indicator of goal 2.1.3 (the goal of measure 2.1.3.4).
async fn indicator(app: &TestApp) -> (i64, i64) {
    let d = app
        .data(
            r#"{ specificGoal(code: "2.1.3") { impactIndicators { id version } } }"#,
            json!({}),
        )
        .await;
    let i = &d["specificGoal"]["impactIndicators"][0];
    (
        i["id"].as_i64().expect("id"),
        i["version"].as_i64().expect("version"),
    )
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM {table}"),
        ))
        .await
        .expect("count")
        .expect("row");
    row.try_get_by_index(0).expect("n")
}

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
    let coordinator = app
        .user(
            &admin,
            "koordinator@psz.test",
            "COORDINATOR",
            json!({ "plans": ["ostrava"] }),
        )
        .await;
    let implementer = app
        .user(
            &admin,
            "realizator@psz.test",
            "IMPLEMENTER",
            json!({ "organisations": [org] }),
        )
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

const WAVE: &str = "mutation($i: MonitoringWaveInput!) { recordIndicatorValues(input: $i) { id version published value } }";

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
        "updateIndicatorTarget" => {
            let (id, version) = indicator(app).await;
            (
                "mutation($i: UpdateTargetInput!) { updateIndicatorTarget(input: $i) { id } }",
                json!({ "i": { "record": { "id": id, "version": version }, "targetValue": 100 + n } }),
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
        "recordIndicatorValues" | "publishIndicatorValues" => "indicator_value",
        "setMeasureStatus" | "publishMeasureStatuses" => "measure_status",
        "saveProject" => "project",
        "addInternalNote" => "internal_note",
        "updateMeasure" => "measure",
        "updateIndicatorTarget" => "impact_indicator",
        "saveSummary" => "summary",
        "updateGlobalValue" => "global_indicator_value",
        "updateMilestone" => "milestone",
        "updateRisk" => "risk",
        "resolveConflict" => "conflict",
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
const MATRIX: [(&str, [bool; 4]); 15] = [
    //                          admin  coord  impl   viewer
    ("createUser", [true, false, false, false]),
    ("updateUser", [true, false, false, false]),
    ("recordIndicatorValues", [true, true, true, false]),
    ("publishIndicatorValues", [true, true, false, false]),
    ("setMeasureStatus", [true, true, true, false]),
    ("publishMeasureStatuses", [true, true, false, false]),
    ("saveProject", [true, true, true, false]),
    ("addInternalNote", [true, true, true, false]),
    ("updateMeasure", [true, true, false, false]),
    ("updateIndicatorTarget", [true, true, false, false]),
    ("saveSummary", [true, true, false, false]),
    ("updateGlobalValue", [true, true, false, false]),
    ("updateMilestone", [true, true, false, false]),
    ("updateRisk", [true, true, false, false]),
    ("resolveConflict", [true, true, false, false]),
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

pub async fn sessions_are_cookies_with_csrf_and_rate_limited_logins(app: TestApp) {
    let admin = app.admin().await;
    let c = &admin.set_cookie;
    assert!(
        c.contains("HttpOnly") && c.contains("SameSite=Strict"),
        "{c}"
    );
    let me = app
        .data_as(&admin, "{ me { email role } }", json!({}))
        .await;
    assert_eq!(
        me["me"],
        json!({ "email": tests::ADMIN_EMAIL, "role": "ADMIN" })
    );
    assert_eq!(
        app.data("{ me { email } }", json!({})).await["me"],
        Value::Null
    );

    // A mutation needs the CSRF header, the session's token in it, and no foreign Origin.
    let q = "mutation { addInternalNote(input: { subject: MEASURE, code: \"2.1.3.4\", text: \"x\" }) { id } }";
    let no_header = app
        .post_with(&[("cookie", &admin.cookie)], q, json!({}))
        .await;
    assert_eq!(code_of(&no_header), "FORBIDDEN");
    let wrong = app
        .post_with(
            &[("cookie", &admin.cookie), ("x-psz-csrf", "guess")],
            q,
            json!({}),
        )
        .await;
    assert_eq!(code_of(&wrong), "FORBIDDEN");
    let foreign = app
        .post_with(
            &[
                ("cookie", &admin.cookie),
                ("x-psz-csrf", &admin.csrf),
                ("origin", "https://evil.example"),
            ],
            q,
            json!({}),
        )
        .await;
    assert_eq!(code_of(&foreign), "FORBIDDEN");
    assert_eq!(count(&app, "internal_note").await, 0, "nothing was stored");

    // A new login renews the session; logout ends it.
    let again = app
        .login(tests::ADMIN_EMAIL, TEST_PASSWORD)
        .await
        .expect("login");
    assert_ne!(again.cookie, admin.cookie);
    let out = app.data_as(&again, "mutation { logout }", json!({})).await;
    assert_eq!(out["logout"], true);
    let after = app.data_as(&again, "{ me { email } }", json!({})).await;
    assert_eq!(after["me"], Value::Null, "the session ended");

    // Wrong passwords are refused alike, then the address is locked for a while.
    let unknown = app
        .login("nikdo@psz.test", "whatever password")
        .await
        .expect_err("refused");
    assert_eq!(code_of(&unknown), "UNAUTHENTICATED");
    for _ in 0..5 {
        let e = app
            .login(tests::ADMIN_EMAIL, "špatné heslo!!")
            .await
            .expect_err("refused");
        assert_eq!(code_of(&e), "UNAUTHENTICATED");
    }
    let locked = app
        .login(tests::ADMIN_EMAIL, TEST_PASSWORD)
        .await
        .expect_err("locked even with the right password");
    assert_eq!(code_of(&locked), "RATE_LIMITED");
}

pub async fn two_stale_writes_one_wins_one_conflicts(app: TestApp) {
    let admin = app.admin().await;
    let coordinator = app
        .user(
            &admin,
            "k2@psz.test",
            "COORDINATOR",
            json!({ "plans": ["ostrava"] }),
        )
        .await;
    let read = app
        .data(
            r#"{ measure(code: "2.1.3.4") { version scheduleText } }"#,
            json!({}),
        )
        .await;
    let version = read["measure"]["version"].clone();
    let q =
        "mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { version scheduleText } }";
    let (a, b) = tokio::join!(
        app.query_as(
            Some(&admin),
            q,
            json!({ "i": { "code": "2.1.3.4", "version": version, "scheduleText": "A" } })
        ),
        app.query_as(
            Some(&coordinator),
            q,
            json!({ "i": { "code": "2.1.3.4", "version": version, "scheduleText": "B" } })
        ),
    );
    let mut codes = [code_of(&a), code_of(&b)];
    codes.sort();
    assert_eq!(
        codes,
        ["CONFLICT".to_owned(), "OK".to_owned()],
        "{a:#} {b:#}"
    );
    let (winner, loser) = if code_of(&a) == "OK" {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let now = app
        .data(
            r#"{ measure(code: "2.1.3.4") { version scheduleText } }"#,
            json!({}),
        )
        .await;
    assert_eq!(
        now["measure"]["scheduleText"],
        winner["data"]["updateMeasure"]["scheduleText"]
    );
    assert_eq!(
        loser["errors"][0]["extensions"]["currentVersion"], now["measure"]["version"],
        "the conflict tells the version to reload"
    );
}

pub async fn bad_input_gets_its_rule_and_stores_nothing(app: TestApp) {
    let admin = app.admin().await;
    let (id, _) = indicator(&app).await;
    let before = (
        count(&app, "indicator_value").await,
        count(&app, "audit_record").await,
        count(&app, "project").await,
        count(&app, "measure_status").await,
    );
    let wave = |date: &str, note: &str, values: Value| json!({ "i": { "specificGoal": "2.1.3", "refDate": date, "sourceNote": note, "values": values } });
    let cases = [
        (
            "values.0.value",
            "NEGATIVE",
            wave(
                "2026-01-01",
                "n",
                json!([{ "indicatorId": id, "value": -1 }]),
            ),
        ),
        (
            "values.0.value",
            "NOT_WHOLE",
            wave(
                "2026-01-01",
                "n",
                json!([{ "indicatorId": id, "value": 2.5 }]),
            ),
        ),
        (
            "refDate",
            "NOT_A_DATE",
            wave(
                "31. 1. 2026",
                "n",
                json!([{ "indicatorId": id, "value": 1 }]),
            ),
        ),
        (
            "refDate",
            "DATE_OUT_OF_RANGE",
            wave(
                "1999-01-01",
                "n",
                json!([{ "indicatorId": id, "value": 1 }]),
            ),
        ),
        (
            "values.0.indicatorId",
            "UNKNOWN_ID",
            wave(
                "2026-01-01",
                "n",
                json!([{ "indicatorId": 999_999, "value": 1 }]),
            ),
        ),
        (
            "values.1.indicatorId",
            "DUPLICATE",
            wave(
                "2026-01-01",
                "n",
                json!([{ "indicatorId": id, "value": 1 }, { "indicatorId": id, "value": 2 }]),
            ),
        ),
        (
            "sourceNote",
            "REQUIRED",
            wave(
                "2026-01-01",
                "  ",
                json!([{ "indicatorId": id, "value": 1 }]),
            ),
        ),
        (
            "sourceNote",
            "TOO_LONG",
            wave(
                "2026-01-01",
                &"ž".repeat(501),
                json!([{ "indicatorId": id, "value": 1 }]),
            ),
        ),
        ("values", "REQUIRED", wave("2026-01-01", "n", json!([]))),
    ];
    for (field, rule, vars) in cases {
        let r = app.query_as(Some(&admin), WAVE, vars).await;
        let ext = &r["errors"][0]["extensions"];
        assert_eq!(
            (
                ext["code"].as_str(),
                ext["field"].as_str(),
                ext["rule"].as_str()
            ),
            (Some("VALIDATION"), Some(field), Some(rule)),
            "{r:#}"
        );
        assert!(
            ext["messageCs"].as_str().is_some_and(|m| !m.is_empty()),
            "Czech message"
        );
    }
    let others = [
        (
            "mutation($i: ProjectInput!) { saveProject(input: $i) { id } }",
            json!({ "i": { "measure": "2.1.3.4", "registrationNumber": "CZ.03.02/22_018", "call": "c", "programme": "OPZ+", "budget": "100", "organisationId": implementer_org(&app).await } }),
            "REGISTRATION_NUMBER",
        ),
        (
            "mutation($i: MeasureStatusInput!) { setMeasureStatus(input: $i) { id } }",
            json!({ "i": { "measure": "2.1.3.4", "refDate": "2026-01-01", "status": "IN_PROGRESS", "reports": 7, "reportsOf": 6, "activity": "PROJECT" } }),
            "OUT_OF_RANGE",
        ),
        (
            "mutation($i: MeasureStatusInput!) { setMeasureStatus(input: $i) { id } }",
            json!({ "i": { "measure": "2.1.3.4", "refDate": "2026-01-01", "status": "COMPLETED", "activity": "PROJECT", "periodFrom": "2026-01-01", "periodTo": "2025-01-01" } }),
            "PERIOD_REVERSED",
        ),
        (
            "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
            json!({ "i": { "email": "x@psz.test", "name": "X", "password": "krátké", "role": "VIEWER" } }),
            "WEAK_PASSWORD",
        ),
    ];
    for (q, vars, rule) in others {
        let r = app.query_as(Some(&admin), q, vars).await;
        assert_eq!(r["errors"][0]["extensions"]["rule"], rule, "{r:#}");
    }
    let risks = app
        .data(
            "{ plan { actionPlans { risks { id version } } } }",
            json!({}),
        )
        .await;
    let r0 = &risks["plan"]["actionPlans"][0]["risks"][0];
    let r = app
        .query_as(
            Some(&admin),
            "mutation($i: RiskInput!) { updateRisk(input: $i) { id } }",
            json!({ "i": { "record": { "id": r0["id"], "version": r0["version"] }, "probability": 6 } }),
        )
        .await;
    assert_eq!(r["errors"][0]["extensions"]["rule"], "OUT_OF_RANGE");
    let mut unknown_goal = wave(
        "2026-01-01",
        "n",
        json!([{ "indicatorId": id, "value": 1 }]),
    );
    unknown_goal["i"]["specificGoal"] = json!("9.9.9");
    let unknown = app.query_as(Some(&admin), WAVE, unknown_goal).await;
    assert_eq!(code_of(&unknown), "NOT_FOUND");
    let malformed = app
        .post_raw("/graphql", "{ not json")
        .await
        .expect("response");
    assert_eq!(malformed.status(), 400);
    let after = (
        count(&app, "indicator_value").await,
        count(&app, "audit_record").await,
        count(&app, "project").await,
        count(&app, "measure_status").await,
    );
    assert_eq!(after, before, "no rejected write stored anything");
}

pub async fn drafts_stay_internal_until_published_and_leave_an_audit_trail(app: TestApp) {
    let admin = app.admin().await;
    let org = implementer_org(&app).await;
    let implementer = app
        .user(
            &admin,
            "r@psz.test",
            "IMPLEMENTER",
            json!({ "organisations": [org] }),
        )
        .await;
    let coordinator = app
        .user(
            &admin,
            "k@psz.test",
            "COORDINATOR",
            json!({ "plans": ["ostrava"] }),
        )
        .await;
    let mine = app
        .data_as(&implementer, "{ reporting { code } }", json!({}))
        .await;
    let codes: Vec<&str> = mine["reporting"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|m| m["code"].as_str())
        .collect();
    assert!(codes.contains(&"2.1.3.4"), "{codes:?}");

    let (id, _) = indicator(&app).await;
    let values_q =
        r#"{ specificGoal(code: "2.1.3") { impactIndicators { id values { date value } } } }"#;
    let public_before = app.data(values_q, json!({})).await;
    let d = app
        .data_as(
            &implementer,
            WAVE,
            json!({ "i": { "specificGoal": "2.1.3", "refDate": "2026-06-30", "sourceNote": "Dotazník realizátora za 1. pol. 2026", "values": [{ "indicatorId": id, "value": 41 }] } }),
        )
        .await;
    let draft = d["recordIndicatorValues"][0].clone();
    assert_eq!(draft["published"], false);
    assert_eq!(
        app.data(values_q, json!({})).await,
        public_before,
        "the public sees no draft"
    );
    let drafts = app
        .data_as(
            &coordinator,
            "{ drafts { indicatorValues { id value } } }",
            json!({}),
        )
        .await;
    assert_eq!(drafts["drafts"]["indicatorValues"][0]["id"], draft["id"]);
    let publish = app
        .query_as(
            Some(&implementer),
            "mutation($v: [RecordVersion!]!) { publishIndicatorValues(values: $v) { id } }",
            json!({ "v": [{ "id": draft["id"], "version": draft["version"] }] }),
        )
        .await;
    assert_eq!(
        code_of(&publish),
        "FORBIDDEN",
        "implementers do not publish"
    );
    app.data_as(
        &coordinator,
        "mutation($v: [RecordVersion!]!) { publishIndicatorValues(values: $v) { id published } }",
        json!({ "v": [{ "id": draft["id"], "version": draft["version"] }] }),
    )
    .await;
    let public_after = app.data(values_q, json!({})).await;
    let values = &public_after["specificGoal"]["impactIndicators"][0]["values"];
    let last = values.as_array().and_then(|v| v.last()).expect("values");
    assert_eq!(
        (last["date"].as_str(), last["value"].as_f64()),
        (Some("2026-06-30"), Some(41.0))
    );

    let history = app
        .data_as(
            &coordinator,
            "query($id: Int!) { history(entity: \"indicator_value\", id: $id) { action userEmail before after } }",
            json!({ "id": draft["id"] }),
        )
        .await;
    let h = history["history"].as_array().expect("history");
    assert_eq!(h.len(), 2, "{h:#?}");
    assert_eq!(
        (h[0]["action"].as_str(), h[0]["userEmail"].as_str()),
        (Some("CREATE"), Some("r@psz.test"))
    );
    assert!(h[0]["before"].is_null());
    assert_eq!(
        (h[1]["action"].as_str(), h[1]["userEmail"].as_str()),
        (Some("PUBLISH"), Some("k@psz.test"))
    );
    let before: Value =
        serde_json::from_str(h[1]["before"].as_str().expect("before")).expect("JSON");
    let after: Value = serde_json::from_str(h[1]["after"].as_str().expect("after")).expect("JSON");
    assert_eq!(
        (before["published"].as_bool(), after["published"].as_bool()),
        (Some(false), Some(true))
    );
    assert_eq!(after["locator"], "Dotazník realizátora za 1. pol. 2026");
    let anonymous = app
        .query(
            "query($id: Int!) { history(entity: \"indicator_value\", id: $id) { action } }",
            json!({ "id": draft["id"] }),
        )
        .await;
    assert_eq!(code_of(&anonymous), "UNAUTHENTICATED");
}
