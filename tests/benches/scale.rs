//! Benchmark: the scale budget on `PostgreSQL` — 200 synthetic plans × 50 measures × 10 indicators
//! (of every specific goal) × 12 monitoring dates next to the real plan; one plan's overview
//! ≤ 10 ms median, a cross-plan aggregate ≤ 200 ms median.
//!
//! `cargo bench -p tests --bench scale` creates a fresh database `psz_bench_<pid>` on the server
//! of `PSZ_BENCH_POSTGRES` (default `postgres://postgres@127.0.0.1:5432`), lets the server
//! migrate it and load the real plan, writes the synthetic plans (`tests::synthetic`), runs
//! `VACUUM ANALYZE`, and times the queries through the real schema in-process, warm (the server's facts
//! cache filled) and cold (a new schema, so an empty cache). It prints the row counts, the
//! generation time, the minimum, median and p90 of every query with the SQL statements it sends,
//! a breakdown of the cold path, and the statements of a list of 1 and of 500 measures. The database is dropped at the end unless `PSZ_BENCH_KEEP` is set (to `EXPLAIN`
//! things afterwards). Timings are reported, never asserted: the machines are noisy.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]

use std::time::{Duration, Instant};

use async_graphql::{Request, Variables};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection, EntityTrait,
    QueryFilter, Statement,
};
use serde_json::json;
use server::config::Config;
use server::entity::{impact_indicator, indicator_value, plan, specific_goal};
use server::graphql::ApiSchema;
use server::http::AppState;
use server::store::facts::PlanFacts;
use tests::synthetic::{self, Shape};

/// What every organisation owes in a plan's current wave (the staff's matrix of `/sprava/vlny`).
const WAVE_MATRIX: &str = "query($slug: String!) { monitoring(plan: $slug) { wave { name matrix { counts { expected missing } rows { organisationId counts { missing } items { kind state goalCode name measureCode } } } } } }";

/// The README's overview of the six areas, for any plan.
const OVERVIEW: &str = r#"query($slug: String!) {
  plan(slug: $slug) {
    name
    latestMonitoringDate
    statusCounts { notImplemented inProgress completed }
    budget { planned { short } drawn { short } }
    areas {
      code name
      progress { attainment goalsWithData goals }
      statusCounts { notImplemented inProgress completed }
      budget { planned { short } drawn { short } }
      conflictCount
    }
  }
}"#;

/// Status counts, money and progress of every plan.
const CROSS_PLAN: &str = "{ plans { slug statusCounts { notImplemented inProgress completed } budget { planned { hellers } drawn { hellers } } progress { attainment } } }";

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let server = std::env::var("PSZ_BENCH_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
    let name = format!("psz_bench_{}", std::process::id());
    let admin = Database::connect(format!("{server}/postgres"))
        .await
        .expect("PostgreSQL reachable (set PSZ_BENCH_POSTGRES)");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create database");
    let url = format!("{server}/{name}");
    // Run in a task so that a panic still drops the database.
    let outcome = tokio::spawn(bench(url)).await;
    if std::env::var_os("PSZ_BENCH_KEEP").is_some() {
        println!("\nkept database {name} (PSZ_BENCH_KEEP)");
    } else if let Err(e) = admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
    {
        println!("could not drop database {name}: {e}");
    }
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn bench(url: String) {
    let t = Instant::now();
    let state = AppState::build(Config::for_database(url))
        .await
        .expect("server state");
    let loaded = t.elapsed();
    let version: String = scalar(&state, "SELECT version()").await;

    let shape = Shape::BUDGET;
    let generated = synthetic::generate(&state.db, &shape)
        .await
        .expect("synthetic plans");
    state.versions.refresh(&state.db).await.expect("revisions");
    let t = Instant::now();
    state
        .db
        .execute_unprepared("VACUUM ANALYZE")
        .await
        .expect("vacuum analyze");
    let analyzed = t.elapsed();

    println!("scale benchmark: PostgreSQL, release build, the real schema in-process");
    println!("{}", version.split(" on ").next().unwrap_or(&version));
    println!(
        "shape: {} synthetic plans × {} areas × {} strategic goals × {} specific goals, {} measures, {} indicators per specific goal, {} monitoring dates",
        shape.plans,
        shape.areas_per_plan,
        shape.strategic_goals_per_area,
        shape.specific_goals_per_strategic_goal,
        shape.measures_per_plan,
        shape.indicators_per_goal,
        shape.dates,
    );
    println!();
    println!("{:<24} {:>12} {:>12}", "table", "synthetic", "in database");
    let mut total_db = 0;
    for (table, rows) in generated.rows {
        let in_db: i64 = scalar(&state, &format!("SELECT COUNT(*) FROM \"{table}\"")).await;
        total_db += in_db;
        println!("{table:<24} {rows:>12} {in_db:>12}");
    }
    println!(
        "{:<24} {:>12} {:>12}",
        "total",
        generated.total_rows(),
        total_db
    );
    println!();
    println!("migrations + real plan:  {}", secs(loaded));
    println!(
        "synthetic generation:    {} ({:.0} rows/s, one transaction per 10 plans)",
        secs(generated.elapsed),
        generated.total_rows() as f64 / generated.elapsed.as_secs_f64()
    );
    println!(
        "VACUUM ANALYZE:          {} (as autovacuum would after the bulk load)",
        secs(analyzed)
    );

    // The data answers as expected before anything is timed.
    let probe = execute(&state, CROSS_PLAN, json!({})).await;
    let plans = probe["plans"].as_array().expect("plans");
    assert_eq!(
        plans.len(),
        shape.plans + 1,
        "the real plan and the synthetic ones"
    );
    let middle = plans
        .iter()
        .find(|p| p["slug"] == synthetic::slug(100))
        .expect("synth-0100");
    assert!(middle["progress"]["attainment"].is_number(), "{middle}");
    assert_ne!(middle["budget"]["drawn"]["hellers"], "0", "{middle}");
    let probe = execute(&state, OVERVIEW, json!({ "slug": synthetic::slug(100) })).await;
    assert_eq!(
        probe["plan"]["areas"].as_array().map(Vec::len),
        Some(6),
        "{probe}"
    );

    println!();
    println!(
        "warm: the server's facts cache holds the plans (as after the first request); cold: a new schema, so an empty cache"
    );
    println!("(as after a start, or for a plan written since)");
    println!(
        "{:<40} {:>5} {:>11} {:>11} {:>11} {:>11} {:>9}  within",
        "query", "runs", "statements", "min", "median", "p90", "budget"
    );
    let cases = [
        (
            "overview synth-0100, warm",
            OVERVIEW,
            json!({ "slug": synthetic::slug(100) }),
            200,
            10.0,
            false,
        ),
        (
            "overview synth-0100, cold",
            OVERVIEW,
            json!({ "slug": synthetic::slug(100) }),
            50,
            10.0,
            true,
        ),
        (
            "overview ostrava, warm",
            OVERVIEW,
            json!({ "slug": "ostrava" }),
            200,
            10.0,
            false,
        ),
        (
            "overview ostrava, cold",
            OVERVIEW,
            json!({ "slug": "ostrava" }),
            50,
            10.0,
            true,
        ),
        (
            "cross-plan aggregate (201 plans), warm",
            CROSS_PLAN,
            json!({}),
            20,
            200.0,
            false,
        ),
        (
            "cross-plan aggregate (201 plans), cold",
            CROSS_PLAN,
            json!({}),
            10,
            200.0,
            true,
        ),
        (
            "wave matrix synth-0100 (latest wave), warm",
            WAVE_MATRIX,
            json!({ "slug": synthetic::slug(100) }),
            100,
            200.0,
            false,
        ),
        (
            "wave matrix synth-0100 (latest wave), cold",
            WAVE_MATRIX,
            json!({ "slug": synthetic::slug(100) }),
            20,
            200.0,
            true,
        ),
        (
            "wave matrix ostrava (3rd wave), warm",
            WAVE_MATRIX,
            json!({ "slug": "ostrava" }),
            100,
            200.0,
            false,
        ),
    ];
    for (label, query, vars, runs, budget_ms, cold) in cases {
        let caller = || {
            if query == WAVE_MATRIX {
                admin()
            } else {
                Default::default()
            }
        };
        for _ in 0..(runs / 10).max(2) {
            execute_as(&state.schema, &state.db, query, vars.clone(), caller()).await;
        }
        let mut statements = 0;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let schema = if cold {
                server::graphql::schema(
                    state.db.clone(),
                    state.versions.clone(),
                    state.config.sessions(),
                    state.clock.clone(),
                )
            } else {
                state.schema.clone()
            };
            let before = state.statements.get();
            let t = Instant::now();
            let response = execute_as(&schema, &state.db, query, vars.clone(), caller()).await;
            times.push(t.elapsed());
            statements += state.statements.get() - before;
            std::hint::black_box(response);
        }
        let statements = statements as f64 / runs as f64;
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "{label:<40} {runs:>5} {statements:>11.1} {:>11} {:>11} {:>11} {:>9}  {}",
            ms(times[0]),
            ms(median),
            ms(times[(times.len() * 9).div_ceil(10) - 1]),
            format!("{budget_ms} ms"),
            if median.as_secs_f64() * 1e3 <= budget_ms {
                "yes"
            } else {
                "NO"
            },
        );
    }
    breakdown(&state).await;
    model_build(&state).await;
    list_statements(&state, shape.first + shape.plans).await;
}

/// How long building the in-memory read model of a plan takes (every plan in turn, each from
/// the database). Its memory is measured on the real server (`scripts/bench-http.sh`): this
/// process's resident size says little after generating 700,000 rows.
async fn model_build(state: &AppState) {
    use server::store::model::ReadModel;
    let ids: Vec<i32> = plan::Entity::find()
        .all(&state.db)
        .await
        .expect("plans")
        .into_iter()
        .map(|p| p.id)
        .collect();
    let read = ReadModel::new(state.db.clone(), state.versions.clone(), ids.len());
    let mut times = Vec::with_capacity(ids.len());
    for id in &ids {
        let t = Instant::now();
        let model = read.plan(*id, None).await.expect("build").expect("plan");
        times.push(t.elapsed());
        std::hint::black_box(model);
    }
    times.sort();
    println!();
    println!(
        "building the read model of a plan ({} plans in turn): median {}, max {}",
        ids.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
    );
}

/// Where the time of the cold queries goes: the per-plan facts (`PlanFacts::load`, ten
/// statements in sequence), their largest statement, one round trip, and reading every plan's
/// indicator values as a cold cross-plan aggregate does in total.
async fn breakdown(state: &AppState) {
    let db = &state.db;
    let plan_id = |slug: String| async move {
        plan::Entity::find()
            .filter(plan::Column::Slug.eq(slug))
            .one(db)
            .await
            .expect("plan")
            .expect("plan exists")
            .id
    };
    let synth = plan_id(synthetic::slug(100)).await;
    let ostrava = plan_id("ostrava".to_owned()).await;
    let synth_indicators: Vec<i32> = impact_indicator::Entity::find()
        .filter(
            impact_indicator::Column::SpecificGoalId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(specific_goal::Column::Id)
                    .from(specific_goal::Entity)
                    .and_where(specific_goal::Column::PlanId.eq(synth))
                    .to_owned(),
            ),
        )
        .all(db)
        .await
        .expect("indicators")
        .into_iter()
        .map(|i| i.id)
        .collect();
    println!();
    println!("breakdown (in-process, sea-orm):");
    let line = |label: &str, times: &mut Vec<Duration>, rows: usize| {
        times.sort();
        println!(
            "  {label:<58} median {:>10}  min {:>10}  ({rows} rows)",
            ms(times[times.len() / 2]),
            ms(times[0])
        );
    };
    for (label, id) in [
        ("PlanFacts::load synth-0100 (10 statements)", synth),
        ("PlanFacts::load ostrava (10 statements)", ostrava),
    ] {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..50 {
            let t = Instant::now();
            let f = PlanFacts::load(db, id, None).await.expect("facts");
            times.push(t.elapsed());
            rows = f.indicator_progress.len();
        }
        line(label, &mut times, rows);
    }
    // Every plan with every approved action plan's measures.
    let every: Vec<(i32, Option<i32>)> = plan::Entity::find()
        .all(db)
        .await
        .expect("plans")
        .into_iter()
        .map(|p| (p.id, None))
        .collect();
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..10 {
        let t = Instant::now();
        let f = PlanFacts::load_many(db, &every).await.expect("facts");
        times.push(t.elapsed());
        rows = f.len();
    }
    line(
        "PlanFacts::load_many, every plan (10 statements)",
        &mut times,
        rows,
    );
    let mut times = Vec::new();
    for _ in 0..10 {
        let schema = server::graphql::schema(
            state.db.clone(),
            state.versions.clone(),
            state.config.sessions(),
            state.clock.clone(),
        );
        let t = Instant::now();
        std::hint::black_box(execute_on(&schema, db, "{ plans { slug } }", json!({})).await);
        times.push(t.elapsed());
    }
    line(
        "{ plans { slug } } on a new schema",
        &mut times,
        every.len(),
    );
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..50 {
        let t = Instant::now();
        let v = indicator_value::Entity::find()
            .filter(indicator_value::Column::ImpactIndicatorId.is_in(synth_indicators.clone()))
            .filter(indicator_value::Column::Published.eq(true))
            .all(db)
            .await
            .expect("values");
        times.push(t.elapsed());
        rows = v.len();
    }
    line(
        "its indicator values of synth-0100 (1 statement)",
        &mut times,
        rows,
    );
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        db.execute_unprepared("SELECT 1").await.expect("round trip");
        times.push(t.elapsed());
    }
    line("one round trip (SELECT 1)", &mut times, 1);
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let v = indicator_value::Entity::find()
            .filter(indicator_value::Column::Published.eq(true))
            .all(db)
            .await
            .expect("values");
        times.push(t.elapsed());
        rows = v.len();
    }
    line(
        "every plan's indicator values (1 statement)",
        &mut times,
        rows,
    );
    let latest = "SELECT DISTINCT ON (impact_indicator_id) impact_indicator_id, ref_date, value FROM indicator_value \
        WHERE published AND value IS NOT NULL ORDER BY impact_indicator_id, ref_date DESC";
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let v = db
            .query_all_raw(Statement::from_string(DatabaseBackend::Postgres, latest))
            .await
            .expect("latest values");
        times.push(t.elapsed());
        rows = v.len();
    }
    line(
        "latest numeric value per indicator, every plan (DISTINCT ON)",
        &mut times,
        rows,
    );
}

/// The rich measure list of the statement-count test (`tests/api/limits.rs`).
const LIST: &str = "query($p: String!, $f: MeasureFilterInput) { measures(plan: $p, filter: $f) { code name \
    status { text implementer { name } } statuses { date kind } \
    projects { registrationNumber budget { hellers } implementer { name } } allocations { amount { hellers } } \
    fundingSources outputIndicators links { code } specificGoal { code impactIndicators { name } } \
    budget { planned { hellers } drawn { hellers } } } }";

/// Statements of the rich measure list for 1 and for 500 measures, in a release build (the API
/// test checks the same in a debug build). Writes one more synthetic plan, with 500 measures.
async fn list_statements(state: &AppState, first: usize) {
    let shape = Shape {
        first,
        measures_per_plan: 500,
        ..Shape::SMALL
    };
    synthetic::generate(&state.db, &shape)
        .await
        .expect("plan with 500 measures");
    state.versions.refresh(&state.db).await.expect("revisions");
    let plan = synthetic::slug(first);
    println!();
    println!("measure list (statement-count test's query), plan {plan} with 500 measures:");
    for (label, filter) in [
        (
            "1 measure",
            json!({ "text": synthetic::measure_token(first, 1) }),
        ),
        ("500 measures", json!(null)),
    ] {
        let mut counts = Vec::new();
        let mut times = Vec::new();
        for _ in 0..20 {
            let before = state.statements.get();
            let t = Instant::now();
            let data = execute(state, LIST, json!({ "p": plan, "f": filter })).await;
            times.push(t.elapsed());
            counts.push(state.statements.get() - before);
            std::hint::black_box(data);
        }
        counts.sort_unstable();
        times.sort();
        println!(
            "  {label:<14} statements min {} median {} max {}; time median {}",
            counts[0],
            counts[counts.len() / 2],
            counts[counts.len() - 1],
            ms(times[times.len() / 2])
        );
    }
}

/// Runs a query as the HTTP handler does (`server::graphql::execute`: fresh loaders per request);
/// panics on errors.
async fn execute(state: &AppState, query: &str, variables: serde_json::Value) -> serde_json::Value {
    execute_on(&state.schema, &state.db, query, variables).await
}

async fn execute_on(
    schema: &ApiSchema,
    db: &DatabaseConnection,
    query: &str,
    variables: serde_json::Value,
) -> serde_json::Value {
    execute_as(schema, db, query, variables, Default::default()).await
}

/// An admin, for the staff's queries (the wave matrix).
fn admin() -> server::auth::RequestAuth {
    server::auth::RequestAuth {
        actor: Some(server::auth::Actor {
            user_id: 1,
            email: "admin@psz.test".into(),
            name: "Admin".into(),
            role: shared::role::Role::Admin,
            plans: Vec::new(),
            organisations: Vec::new(),
        }),
        ..Default::default()
    }
}

async fn execute_as(
    schema: &ApiSchema,
    db: &DatabaseConnection,
    query: &str,
    variables: serde_json::Value,
    caller: server::auth::RequestAuth,
) -> serde_json::Value {
    let request = Request::new(query).variables(Variables::from_json(variables));
    let response = server::graphql::execute(schema, db, caller, request).await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    response.data.into_json().expect("JSON data")
}

async fn scalar<T: sea_orm::TryGetable>(state: &AppState, sql: &str) -> T {
    let row = state
        .db
        .query_one_raw(Statement::from_string(DatabaseBackend::Postgres, sql))
        .await
        .expect(sql)
        .expect("a row");
    row.try_get_by_index(0).expect(sql)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}
