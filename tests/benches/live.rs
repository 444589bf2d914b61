//! Benchmark: live updates to 2,000 subscribers of one instance (budget: p99 ≤ 1 s from a
//! publish's commit to the last subscriber's event).
//!
//! `cargo bench -p tests --bench live` starts the real server on a fresh SQLite file (the
//! embedded default; `PSZ_BENCH_DB=postgres` for a fresh PostgreSQL database), opens
//! `SUBSCRIBERS` WebSocket connections from this process, each subscribed anonymously to
//! `planChanged`, and publishes `ROUNDS` values through `POST /graphql` as a coordinator. For
//! every publish it takes the time from the mutation's answer (the commit is done) to each
//! subscriber's event: p50, p99 and the last. It reports the resident memory the connections
//! added (both ends: the clients live in this process too, so the server's share is less) and
//! the overview query's latency without subscribers, with them idle, and while events go out.
//! Reported, never asserted.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;
use tests::live::Live;
use tests::{Db, TestApp};
use tokio::sync::{Barrier, mpsc};

const SUBSCRIBERS: usize = 2_000;
const ROUNDS: usize = 10;
const GOAL: &str = "2.1.3";
/// The overview page's own document.
const OVERVIEW: &str = include_str!("../../frontend/queries/overview.graphql");

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at.min(sorted.len() - 1)]
}

/// Median latency of `n` overview queries (the public's first page), the kept answer as the
/// public gets it.
async fn overview_latency(app: &TestApp, n: usize) -> Duration {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let started = Instant::now();
        let answer = app.query(OVERVIEW, json!({})).await;
        times.push(started.elapsed());
        assert!(answer["errors"].is_null(), "{answer}");
    }
    times.sort();
    percentile(&times, 0.5)
}

async fn run() {
    let db = match std::env::var("PSZ_BENCH_DB").as_deref() {
        Ok("postgres") => Db::Postgres,
        _ => Db::Sqlite,
    };
    let app = TestApp::spawn_with(db, |c| {
        c.live_per_client = SUBSCRIBERS + 10;
        c.live_max = SUBSCRIBERS + 10;
    })
    .await;
    let admin = app.admin().await;
    let coordinator = app.coordinator(&admin, "bench@psz.test").await;
    let indicator = app
        .data(
            "query($c: String!) { specificGoal(code: $c) { impactIndicators { id } } }",
            json!({ "c": GOAL }),
        )
        .await["specificGoal"]["impactIndicators"][0]["id"]
        .as_i64()
        .expect("indicator");
    let quiet = overview_latency(&app, 200).await;

    let before = resident_kib();
    let opened = Instant::now();
    let (heard, mut events) = mpsc::unbounded_channel::<(usize, Instant)>();
    let ready = Arc::new(Barrier::new(SUBSCRIBERS + 1));
    for n in 0..SUBSCRIBERS {
        let url = app.url.clone();
        let heard = heard.clone();
        let ready = ready.clone();
        tokio::spawn(async move {
            let mut live = Live::connect(&url, None).await;
            live.subscribe("1").await;
            live.send(json!({ "type": "ping" })).await;
            let _pong = live.next(Duration::from_secs(60)).await;
            ready.wait().await;
            for round in 0..ROUNDS {
                if live.event(Duration::from_secs(30)).await.is_none() {
                    eprintln!("subscriber {n} missed round {round}");
                    return;
                }
                let _ = heard.send((round, Instant::now()));
            }
        });
    }
    drop(heard);
    ready.wait().await;
    let connected = opened.elapsed();
    let after = resident_kib();
    let idle = overview_latency(&app, 200).await;

    let mut latencies: Vec<Duration> = Vec::with_capacity(SUBSCRIBERS * ROUNDS);
    let mut lasts = Vec::new();
    let mut busy = Vec::new();
    for round in 0..ROUNDS {
        let date = format!("2026-09-{:02}", round + 1);
        let published = app
            .query_as(
                Some(&coordinator),
                "mutation($i: MonitoringWaveInput!) { recordIndicatorValues(input: $i) { id } }",
                json!({ "i": {
                    "specificGoal": GOAL, "refDate": date, "sourceNote": "Benchmark",
                    "values": [{ "indicatorId": indicator, "value": round as f64 }],
                    "publish": true,
                } }),
            )
            .await;
        let committed = Instant::now();
        assert!(published["errors"].is_null(), "{published}");
        // An ordinary query while the events go out.
        let started = Instant::now();
        let _ = app.query(OVERVIEW, json!({})).await;
        busy.push(started.elapsed());
        let mut got = 0;
        let mut last = Duration::ZERO;
        while got < SUBSCRIBERS {
            let Some((r, at)) = events.recv().await else {
                break;
            };
            assert_eq!(r, round, "events arrive in order");
            let took = at.saturating_duration_since(committed);
            latencies.push(took);
            last = last.max(took);
            got += 1;
        }
        lasts.push(last);
    }
    latencies.sort();
    busy.sort();
    lasts.sort();
    println!(
        "live updates, {} ({SUBSCRIBERS} subscribers, {ROUNDS} publishes):",
        match db {
            Db::Sqlite => "SQLite",
            Db::Postgres => "PostgreSQL",
        }
    );
    println!("  connected and subscribed in {connected:?}");
    println!(
        "  commit → event: p50 {:?}, p99 {:?}, max {:?}; last subscriber per publish: median {:?}, worst {:?}",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or_default(),
        percentile(&lasts, 0.5),
        lasts.last().copied().unwrap_or_default(),
    );
    println!(
        "  resident memory: +{} KiB for {SUBSCRIBERS} connections = {:.1} KiB per connection (both ends)",
        after.saturating_sub(before),
        after.saturating_sub(before) as f64 / SUBSCRIBERS as f64
    );
    println!(
        "  overview query median: {quiet:?} without subscribers, {idle:?} with them idle, {:?} while events go out",
        percentile(&busy, 0.5)
    );
}
