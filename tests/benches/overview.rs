//! Benchmark: the overview dashboard query through the real schema, in-process, on SQLite with
//! the plan's data (the quality budget: ≤ 2 ms median, release build).
//!
//! `cargo bench -p tests --bench overview` prints cold start (new SQLite file → migrations →
//! plan data → first answered query), then the median, p90 and minimum of the overview query and
//! of a measure drill-down, and the SQL statements each sends. Timings are reported, never
//! asserted: the machines are noisy.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]

use std::time::{Duration, Instant};

use async_graphql::Request;
use server::config::Config;
use server::http::AppState;

/// The overview dashboard: all areas with their goals' progress, status counts, budget sums and
/// conflicts; the same document the app's overview page sends.
const OVERVIEW: &str = include_str!("../../frontend/queries/overview.graphql");

/// A measure drill-down, the heaviest single page.
const MEASURE: &str = r#"{ measure(code: "2.1.3.4") {
  code name description targetGroup responsibleBody estimatedCostText fundingSources
  status { text kind reports reportsOf implementer { name } periodFrom periodTo }
  projects { registrationNumber call programme budget { hellers } implementer { name } }
  outputIndicators links { kind code text } budget { planned { hellers } drawn { hellers } }
  conflicts { field description }
  provenance(field: "estimated_cost") { value source { locator } }
} }"#;

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let dir = std::env::temp_dir().join(format!("psz_bench_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());

    let start = Instant::now();
    let state = AppState::build(Config::for_database(url))
        .await
        .expect("server state");
    let first = execute(&state, OVERVIEW).await;
    let cold = start.elapsed();
    println!(
        "cold start (new SQLite file, migrations, plan data, first overview): {}",
        ms(cold)
    );
    assert!(first.errors.is_empty(), "{:?}", first.errors);

    let cases = [
        ("overview", OVERVIEW, 2_000),
        // What the overview costs is split into: the request itself …
        ("  plan name only", "{ plan { name } }", 2_000),
        // … and the plan's computed figures (progress, status counts, money, conflicts).
        (
            "  plan figures",
            "{ plan { statusCounts { completed } } }",
            2_000,
        ),
        ("measure 2.1.3.4", MEASURE, 2_000),
    ];
    for (name, query, iterations) in cases {
        let check = execute(&state, query).await;
        assert!(check.errors.is_empty(), "{name}: {:?}", check.errors);
        for _ in 0..100 {
            execute(&state, query).await;
        }
        let before = state.statements.get();
        let mut times = Vec::with_capacity(iterations);
        for _ in 0..iterations {
            let t = Instant::now();
            let response = execute(&state, query).await;
            times.push(t.elapsed());
            std::hint::black_box(response);
        }
        let statements = (state.statements.get() - before) as f64 / iterations as f64;
        times.sort();
        println!(
            "{name:<18} median {}  p90 {}  min {}  ({iterations} runs, {statements:.1} SQL statements each)",
            ms(times[times.len() / 2]),
            ms(times[times.len() * 9 / 10]),
            ms(times[0]),
        );
    }
    drop(state);
    let _ = std::fs::remove_dir_all(&dir);
}

async fn execute(state: &AppState, query: &str) -> async_graphql::Response {
    server::graphql::execute(
        &state.schema,
        &state.db,
        Default::default(),
        Request::new(query),
    )
    .await
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}
