//! Statement counts, error codes and request limits.

use serde_json::json;
use tests::{TestApp, synthetic};

/// Statements for a list of 1 measure and a list of 500 (one synthetic plan): the count follows
/// the query's shape, never the number of rows.
pub async fn statement_count_does_not_grow_with_rows(app: TestApp) {
    const LIST: &str = "query($p: String!, $f: MeasureFilterInput) { measures(plan: $p, filter: $f) { code name \
        status { text implementer { name } } statuses { date kind } \
        projects { registrationNumber budget { hellers } implementer { name } } allocations { amount { hellers } } \
        fundingSources outputIndicators links { code } specificGoal { code impactIndicators { name } } \
        budget { planned { hellers } drawn { hellers } } } }";
    let shape = synthetic::Shape {
        measures_per_plan: 500,
        ..synthetic::Shape::SMALL
    };
    synthetic::generate(&app.db, &shape)
        .await
        .expect("synthetic plan");
    app.wrote_around().await;
    let plan = synthetic::slug(shape.first);
    let count = |filter: serde_json::Value| {
        let (app, plan) = (&app, &plan);
        async move {
            let before = app.statements.get();
            let d = app.data(LIST, json!({ "p": plan, "f": filter })).await;
            (
                app.statements.get() - before,
                d["measures"].as_array().unwrap().clone(),
            )
        }
    };
    let (small, one) = count(json!({ "text": synthetic::measure_token(shape.first, 1) })).await;
    let (large, all) = count(serde_json::Value::Null).await;
    assert_eq!((one.len(), all.len()), (1, 500));
    // Every nested list is populated, in the small list too, so each of its loaders runs.
    let m = &one[0];
    assert_eq!(m["code"], "1.1.1.1");
    assert!(m["status"]["implementer"]["name"].is_string(), "{m:#}");
    assert_eq!(m["projects"].as_array().unwrap().len(), 1, "{m:#}");
    assert!(m["projects"][0]["implementer"]["name"].is_string(), "{m:#}");
    assert_eq!(m["allocations"].as_array().unwrap().len(), 1, "{m:#}");
    assert_eq!(m["statuses"].as_array().unwrap().len(), 2, "{m:#}");
    assert!(
        !m["specificGoal"]["impactIndicators"]
            .as_array()
            .unwrap()
            .is_empty(),
        "{m:#}"
    );
    assert!(
        !m["links"].as_array().unwrap().is_empty()
            && !m["fundingSources"].as_array().unwrap().is_empty(),
        "{m:#}"
    );
    let with_projects = all
        .iter()
        .filter(|m| !m["projects"].as_array().unwrap().is_empty())
        .count();
    assert!(
        with_projects > 100,
        "{with_projects} of 500 measures have projects"
    );
    // The same statements for 1 row as for 500: the plan, the list, the plan's facts, and one
    // batch per child relation and nesting level. The margin allows a batch to split once;
    // batches that split with the list's length (a timer window, or a fetch started while the
    // list's resolvers are still registering keys) fail here, as one statement per row would.
    assert!(
        large <= small + 3 && large < 50,
        "1 measure: {small} statements, 500 measures: {large}"
    );
}

pub async fn bad_codes_get_stable_error_codes(app: TestApp) {
    assert_eq!(
        app.error_code("{ measure(code: \"9.9.9.9\") { name } }", json!({}))
            .await,
        "NOT_FOUND"
    );
    assert_eq!(
        app.error_code("{ measure(code: \"2.1\") { name } }", json!({}))
            .await,
        "VALIDATION"
    );
    assert_eq!(
        app.error_code(
            "{ measure(code: \"x'; DROP TABLE measure; --\") { name } }",
            json!({})
        )
        .await,
        "VALIDATION"
    );
    assert_eq!(
        app.error_code("{ plan(slug: \"brno\") { name } }", json!({}))
            .await,
        "NOT_FOUND"
    );
    assert_eq!(
        app.error_code("{ search(text: \"   \") { areas { name } } }", json!({}))
            .await,
        "VALIDATION"
    );
    // The data is untouched afterwards.
    let d = app.data("{ measures { code } }", json!({})).await;
    assert_eq!(d["measures"].as_array().unwrap().len(), 47);
}

pub async fn limits_reject_deep_and_oversized_requests(app: TestApp) {
    let deep = format!(
        "{{ plan {{ areas {{ {}code{} }} }} }}",
        "measures { specificGoal { ".repeat(10),
        " } }".repeat(10)
    );
    let r = app.query(&deep, json!({})).await;
    let message = r["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    assert!(
        message.contains("deep") || message.contains("depth") || message.contains("complex"),
        "{r:#}"
    );
    let big = "x".repeat(200_000);
    // On a connection of its own: the server closes it after refusing the body, and a pooled
    // connection could be handed to the next request before the client notices.
    let oversized = reqwest::Client::new()
        .post(format!("{}/graphql", app.url))
        .header("content-type", "application/json")
        .body(format!("{{\"query\": \"{big}\"}}"))
        .send()
        .await;
    match oversized {
        Ok(resp) => assert_eq!(resp.status().as_u16(), 413),
        // Refused before the whole body was sent: also not processed.
        Err(e) => assert!(e.is_request(), "{e}"),
    }
    let resp = app
        .post_raw("/graphql", "{not json")
        .await
        .expect("response");
    assert!(resp.status().is_client_error());
    let resp = app.get("/health").await;
    assert_eq!(resp.status().as_u16(), 200);
    let resp = app.get("/graphql").await;
    assert!(resp.text().await.unwrap().contains("graphiql"));
}

/// A repeated read is answered from the response cache without a statement (the server knows
/// every plan's revision); a write through the API makes the kept response stale at once, and a
/// write around the server (another process) within the periodic re-read of the revisions.
pub async fn kept_responses_follow_every_write(app: TestApp) {
    use sea_orm::ConnectionTrait;
    let q = "{ plan { name statusCounts { completed } areas { code } } measure(code: \"2.1.3.4\") { scheduleText } }";
    let first = app.data(q, json!({})).await;
    let before = app.statements.get();
    let second = app.data(q, json!({})).await;
    assert_eq!(first, second);
    assert_eq!(
        app.statements.get() - before,
        0,
        "a kept response costs no statement"
    );
    let admin = app.admin().await;
    app.set_schedule_text(&admin, "2.1.3.4", "Nově 2026").await;
    let third = app.data(q, json!({})).await;
    assert_eq!(
        third["measure"]["scheduleText"], "Nově 2026",
        "read your writes"
    );
    // Another process writes the data and the revision in one statement.
    app.db
        .execute_unprepared("UPDATE plan SET name = 'Plán po změně', revision = revision + 1 WHERE slug = 'ostrava'")
        .await
        .expect("update");
    let wait = server::store::version::FALLBACK * 3;
    let start = std::time::Instant::now();
    let fourth = loop {
        let d = app.data(q, json!({})).await;
        if d["plan"]["name"] == "Plán po změně" || start.elapsed() > wait {
            break d;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(
        fourth["plan"]["name"], "Plán po změně",
        "seen within {wait:?}"
    );
    assert_eq!(
        fourth["plan"]["statusCounts"],
        first["plan"]["statusCounts"]
    );
}

/// Two instances on one PostgreSQL database (on SQLite, one instance holds the file): a write
/// through one is seen through the other on its next request once the database's notice
/// arrived, and neither asks the database per request whether data changed (a repeated read
/// costs no statement on either).
pub async fn a_write_on_one_instance_is_seen_on_another(a: TestApp) {
    use sea_orm::DatabaseBackend;
    if a.db.get_database_backend() != DatabaseBackend::Postgres {
        return;
    }
    let b = tests::TestApp::spawn_on(a.database_url()).await;
    let q = r#"{ measure(code: "2.1.3.4") { scheduleText } plan { statusCounts { completed } } }"#;
    let before_write = b.data(q, json!({})).await;
    let n = b.statements.get();
    assert_eq!(b.data(q, json!({})).await, before_write);
    assert_eq!(
        b.statements.get() - n,
        0,
        "a kept answer: no statement on B"
    );
    let admin = a.admin().await;
    let revision = a.versions.current();
    a.set_schedule_text(&admin, "2.1.3.4", "Z instance A").await;
    assert_ne!(
        a.versions.current(),
        revision,
        "A knows its own write at once"
    );
    // The notice travels through PostgreSQL; B's periodic re-read is far slower than this.
    let start = std::time::Instant::now();
    while b.versions.current() != a.versions.current() {
        assert!(
            start.elapsed() < server::store::version::FALLBACK / 2,
            "B heard no notice in {:?}",
            start.elapsed()
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let heard = start.elapsed();
    let after = b.data(q, json!({})).await;
    assert_eq!(
        after["measure"]["scheduleText"], "Z instance A",
        "B heard in {heard:?}"
    );
    let n = b.statements.get();
    assert_eq!(b.data(q, json!({})).await, after);
    assert_eq!(b.statements.get() - n, 0, "kept again on B: no statement");
}

/// Once a plan's read model is built, public queries are answered from memory: the plan tree,
/// one measure and the app's overview run no SQL statement even when computed anew (each
/// request's text differs by a comment, so no kept answer serves it).
pub async fn warm_public_queries_run_no_statement(app: TestApp) {
    let overview = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../frontend/queries/overview.graphql"),
    )
    .expect("overview document");
    let queries = [
        r#"{ plan(slug: "ostrava") { areas { code name strategicGoals { code name specificGoals { code targetText measures { code name estimatedCost { hellers } projects { registrationNumber budget { hellers } } } } } } } }"#.to_owned(),
        r#"{ measure(code: "2.1.3.4") { code name estimatedCost { hellers } projects { registrationNumber call budget { hellers } periodFrom periodTo } statuses { date kind text reports reportsOf periodText implementerText } } }"#.to_owned(),
        overview,
    ];
    for (n, q) in queries.iter().enumerate() {
        let first = app.data(&format!("# cold {n}\n{q}"), json!({})).await;
        for round in 0..3 {
            let before = app.statements.get();
            let again = app
                .data(&format!("# warm {n} {round}\n{q}"), json!({}))
                .await;
            assert_eq!(
                app.statements.get() - before,
                0,
                "query {n}, computed anew from the read model"
            );
            assert_eq!(again, first);
        }
    }
    // A write builds the plan's next model once; then it is warm again.
    let admin = app.admin().await;
    app.set_schedule_text(&admin, "2.1.3.4", "Po zápisu").await;
    let q = r#"{ measure(code: "2.1.3.4") { scheduleText } }"#;
    assert_eq!(
        app.data(&format!("# after\n{q}"), json!({})).await["measure"]["scheduleText"],
        "Po zápisu"
    );
    let before = app.statements.get();
    app.data(&format!("# after, warm\n{q}"), json!({})).await;
    assert_eq!(app.statements.get() - before, 0);
}

/// A signed-in reader's session is remembered for a moment: a repeated read asks the database
/// nothing, not even who is asking. Signing out, or an admin deactivating the account, takes
/// effect on the very next request all the same.
pub async fn a_remembered_session_is_forgotten_when_accounts_change(app: TestApp) {
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "pamet@example.org").await;
    let q = r#"{ me { email role } measure(code: "2.1.3.4") { code } }"#;
    let first = app.data_as(&coordinator, q, json!({})).await;
    assert_eq!(first["me"]["email"], "pamet@example.org");
    let before = app.statements.get();
    let again = app
        .data_as(&coordinator, &format!("# again\n{q}"), json!({}))
        .await;
    assert_eq!(again, first);
    assert_eq!(
        app.statements.get() - before,
        0,
        "session remembered, plan in memory"
    );
    let user = app
        .data_as(&admin, "{ users { id version email } }", json!({}))
        .await["users"]
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["email"] == "pamet@example.org")
        .cloned()
        .expect("the coordinator");
    app.data_as(
        &admin,
        "mutation($i: UpdateUserInput!) { updateUser(input: $i) { id } }",
        json!({ "i": { "id": user["id"], "version": user["version"], "active": false } }),
    )
    .await;
    let after = app.query_as(Some(&coordinator), q, json!({})).await;
    assert!(
        after["data"]["me"].is_null(),
        "deactivated at once: {after:#}"
    );
    // Signing out forgets the admin's remembered session too.
    app.data_as(&admin, "{ me { email } }", json!({})).await;
    app.data_as(&admin, "mutation { logout }", json!({})).await;
    let out = app
        .query_as(Some(&admin), "{ me { email } }", json!({}))
        .await;
    assert!(out["data"]["me"].is_null(), "signed out at once: {out:#}");
}

/// A cross-plan aggregate loads the facts of every plan in one batch: the same statements for
/// 1 plan as for 21 (no query per plan).
pub async fn cross_plan_aggregates_do_not_query_per_plan(app: TestApp) {
    const PLANS: &str = "{ plans { slug statusCounts { notImplemented inProgress completed } \
        budget { planned { hellers } drawn { hellers } } progress { attainment } } }";
    let count = || async {
        let before = app.statements.get();
        let d = app.data(PLANS, json!({})).await;
        (
            app.statements.get() - before,
            d["plans"].as_array().map_or(0, Vec::len),
        )
    };
    let (one, n1) = count().await;
    let shape = synthetic::Shape {
        plans: 20,
        ..synthetic::Shape::SMALL
    };
    synthetic::generate(&app.db, &shape)
        .await
        .expect("synthetic plans");
    app.wrote_around().await;
    let (many, n21) = count().await;
    assert_eq!((n1, n21), (1, 21));
    assert!(
        many <= one + 2 && many < 20,
        "1 plan: {one} statements, 21 plans: {many}"
    );
}

/// A backup taken while the server runs holds every acknowledged write, and a server started
/// on the copy serves it (SQLite; PostgreSQL is backed up with `pg_dump` and refused here).
pub async fn a_backup_of_a_running_server_restores(app: TestApp) {
    use sea_orm::DatabaseBackend;
    let dir = std::env::temp_dir().join(format!(
        "psz_backup_{}_{}",
        std::process::id(),
        app.url.rsplit(':').next().unwrap_or("0")
    ));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("copy.db");
    let admin = app.admin().await;
    let q = "mutation($i: UpdateMeasureInput!) { updateMeasure(input: $i) { version } }";
    let v = app
        .data(r#"{ measure(code: "2.1.3.4") { version } }"#, json!({}))
        .await;
    app.data_as(&admin, q, json!({ "i": { "code": "2.1.3.4", "version": v["measure"]["version"], "scheduleText": "Záloha 2026" } }))
        .await;
    let result = server::db::backup(&app.db, &file).await;
    if app.db.get_database_backend() != DatabaseBackend::Sqlite {
        assert!(result.is_err(), "PostgreSQL backups are pg_dump's job");
        return;
    }
    result.expect("backup while running");
    assert!(
        server::db::backup(&app.db, &file).await.is_err(),
        "an existing file is not overwritten"
    );
    let restored = tests::TestApp::spawn_on(format!("sqlite://{}?mode=rw", file.display())).await;
    let d = restored
        .data(
            r#"{ measure(code: "2.1.3.4") { scheduleText } plan { statusCounts { completed } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(d["measure"]["scheduleText"], "Záloha 2026");
    assert!(
        restored
            .login(tests::ADMIN_EMAIL, tests::TEST_PASSWORD)
            .await
            .is_ok(),
        "accounts come back too"
    );
    drop(restored);
    let _ = std::fs::remove_dir_all(&dir);
}
