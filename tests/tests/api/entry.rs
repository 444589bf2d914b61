//! Accounts, sessions and entering data: CSRF, rate limiting, optimistic concurrency,
//! validation that stores nothing, the audit trail, and drafts that the public sees only once
//! published. The role matrix is in `roles.rs`.

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use tests::{TEST_PASSWORD, TestApp, code_of};

/// The organisation implementing measure 2.1.3.4 (Slezská diakonie).
pub(crate) async fn implementer_org(app: &TestApp) -> i64 {
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
pub(crate) async fn indicator(app: &TestApp) -> (i64, i64) {
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

pub(crate) async fn count(app: &TestApp, table: &str) -> i64 {
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

/// The wave mutation the tests send.
pub(crate) const WAVE: &str = "mutation($i: MonitoringWaveInput!) { recordIndicatorValues(input: $i) { id version published value } }";

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

    // Wrong passwords are refused alike; after 5 for one e-mail from one address, the next
    // attempt waits 30 s (even with the right password), and says how long.
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
    let wait = locked["errors"][0]["extensions"]["retryAfterSecs"]
        .as_i64()
        .expect("retryAfterSecs");
    assert!((1..=30).contains(&wait), "the first delay is 30 s: {wait}");
    // Another account from the same address is not held up by the admin's failures.
    let other = app
        .login("nikdo@psz.test", "whatever password")
        .await
        .expect_err("refused");
    assert_eq!(code_of(&other), "UNAUTHENTICATED");
}

pub async fn two_stale_writes_one_wins_one_conflicts(app: TestApp) {
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "k2@psz.test").await;
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
    let implementer = app.implementer(&admin, "r@psz.test", json!([org])).await;
    let coordinator = app.coordinator(&admin, "k@psz.test").await;
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

pub async fn a_target_edit_changes_only_the_fields_it_names(app: TestApp) {
    let admin = app.admin().await;
    let read =
        r#"{ specificGoal(code: "1.1.1") { impactIndicators { id version target targetText } } }"#;
    let before = app.data(read, json!({})).await;
    let first = before["specificGoal"]["impactIndicators"][0].clone();
    let worded = first["targetText"].as_str().map(str::to_owned);
    assert!(
        worded.is_some(),
        "1.1.1's first indicator has a worded target: {first:#}"
    );
    let q = "mutation($i: UpdateTargetInput!) { updateIndicatorTarget(input: $i) { version target targetText } }";
    let changed = app
        .data_as(
            &admin,
            q,
            json!({ "i": { "record": { "id": first["id"], "version": first["version"] }, "targetValue": 45 } }),
        )
        .await;
    let changed = &changed["updateIndicatorTarget"];
    assert_eq!(changed["target"].as_f64(), Some(45.0));
    assert_eq!(
        changed["targetText"].as_str().map(str::to_owned),
        worded,
        "an omitted text stays"
    );
    let cleared = app
        .data_as(
            &admin,
            q,
            json!({ "i": { "record": { "id": first["id"], "version": changed["version"] }, "targetValue": null, "targetText": "" } }),
        )
        .await;
    let cleared = &cleared["updateIndicatorTarget"];
    assert!(
        cleared["target"].is_null() && cleared["targetText"].is_null(),
        "{cleared:#}"
    );
    let stale = app
        .query_as(
            Some(&admin),
            q,
            json!({ "i": { "record": { "id": first["id"], "version": first["version"] }, "targetValue": 50 } }),
        )
        .await;
    assert_eq!(code_of(&stale), "CONFLICT");
    let fractional = app
        .query_as(
            Some(&admin),
            q,
            json!({ "i": { "record": { "id": first["id"], "version": cleared["version"] }, "targetValue": 2.5 } }),
        )
        .await;
    assert_eq!(code_of(&fractional), "VALIDATION");
    let history = app
        .data_as(
            &admin,
            "query($id: Int!) { history(entity: \"impact_indicator\", id: $id) { action } }",
            json!({ "id": first["id"] }),
        )
        .await;
    assert_eq!(
        history["history"].as_array().map(Vec::len),
        Some(2),
        "two edits, two records; the rejected ones none"
    );
}
