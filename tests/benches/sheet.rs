//! Benchmark: importing a filled wave spreadsheet of about 2,000 rows (budget ≤ 1 s from the
//! bytes to the committed drafts).
//!
//! `cargo bench -p tests --bench sheet` makes a synthetic plan of 96 specific goals × 20
//! indicators and 100 measures (`tests::synthetic`) next to the real plan, in a fresh SQLite
//! file (the embedded default) or, with `PSZ_BENCH_POSTGRES=postgres://…`, a fresh PostgreSQL
//! database. It takes the coordinator's template of the plan's latest wave (every row), fills
//! every indicator row with a value as XLSX (written by `rust_xlsxwriter`, as a person's Excel
//! would save it) and as CSV, and times what the upload does in-process: reading and checking
//! the file into a preview, and confirming it (checking again, then storing every row as a
//! draft with its audit record in one transaction). Reported, never asserted.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, Database};
use server::config::Config;
use server::http::AppState;
use server::sheet::import::{COLUMNS, Context, NEW_VALUE};
use server::sheet::{self, Key, Scope, Target};
use server::store::write::Write;
use tests::synthetic::{self, Shape};

const SHAPE: Shape = Shape {
    plans: 1,
    first: 9000,
    areas_per_plan: 6,
    strategic_goals_per_area: 4,
    specific_goals_per_strategic_goal: 4,
    measures_per_plan: 100,
    indicators_per_goal: 20,
    dates: 2,
    organisations_per_plan: 10,
};

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    match std::env::var("PSZ_BENCH_POSTGRES") {
        Ok(server) => {
            let name = format!("psz_bench_sheet_{}", std::process::id());
            let admin = Database::connect(format!("{server}/postgres"))
                .await
                .expect("PostgreSQL reachable");
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .expect("create database");
            let outcome = tokio::spawn(bench(format!("{server}/{name}"), "PostgreSQL")).await;
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
            if let Err(e) = outcome {
                std::panic::resume_unwind(e.into_panic());
            }
        }
        Err(_) => {
            let dir = std::env::temp_dir().join(format!("psz_bench_sheet_{}", std::process::id()));
            std::fs::create_dir_all(&dir).expect("dir");
            let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
            let outcome = tokio::spawn(bench(url, "SQLite")).await;
            let _ = std::fs::remove_dir_all(&dir);
            if let Err(e) = outcome {
                std::panic::resume_unwind(e.into_panic());
            }
        }
    }
}

/// The filled file: the template's header, then per expected row its ID and, for an
/// indicator, a value (Czech decimal comma in the CSV).
fn filled(keys: &[Key]) -> (Vec<u8>, Vec<u8>) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet::read::DATA_SHEET).expect("name");
    let mut csv = COLUMNS.join(";");
    csv.push('\n');
    for (c, name) in COLUMNS.iter().enumerate() {
        ws.write_string(0, c as u16, *name).expect("header");
    }
    for (i, key) in keys.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, key.text()).expect("id");
        let mut line = vec![String::new(); COLUMNS.len()];
        line[0] = key.text();
        if let Key::Indicator(_) = key {
            // Far from any stored value: every row is a change.
            let v = 1_000_000.0 + i as f64;
            ws.write_number(row, NEW_VALUE as u16, v).expect("value");
            line[NEW_VALUE] = format!("{v},0");
        }
        csv.push_str(&line.join(";"));
        csv.push('\n');
    }
    (book.save_to_buffer().expect("xlsx"), csv.into_bytes())
}

async fn bench(url: String, backend: &str) {
    let state = AppState::build(Config::for_database(url))
        .await
        .expect("server state");
    synthetic::generate(&state.db, &SHAPE)
        .await
        .expect("the synthetic plan");
    state.versions.refresh(&state.db).await.expect("revisions");
    let slug = synthetic::slug(SHAPE.first);
    let plan_id = state
        .read
        .plan_id(&slug)
        .await
        .expect("read")
        .expect("the plan");
    let model = state
        .read
        .plan_in_force(plan_id, 2026)
        .await
        .expect("model")
        .expect("model");
    let waves = server::monitoring::waves(&model, shared::Date::new(2026, 12, 4).expect("date"));
    let wave_id = waves.last().expect("a wave").0.id;
    let (target, window) = Target::of(&model, &slug, wave_id, Scope::All).expect("the wave");
    let t = Instant::now();
    let expected = sheet::expected(&model, &target, window);
    let template = sheet::template::workbook(&target, None, &expected).expect("template");
    let made = t.elapsed();
    let keys: Vec<Key> = expected.iter().map(|e| e.key).collect();
    let indicators = keys
        .iter()
        .filter(|k| matches!(k, Key::Indicator(_)))
        .count();
    let (xlsx, csv) = filled(&keys);
    println!("sheet import benchmark: {backend}, release build, in-process");
    println!(
        "plan {slug}: wave \"{}\", {} rows ({indicators} indicator values to store); template {} KB made in {}",
        target.wave.name,
        keys.len(),
        template.len() / 1024,
        ms(made)
    );
    println!(
        "filled XLSX {} KB, CSV {} KB",
        xlsx.len() / 1024,
        csv.len() / 1024
    );
    let all_keys = sheet::all_keys(&model, window);
    let wave_name_of = |_: i32| None;
    let default_activity =
        |key: Key, current: Option<&sheet::Current>| sheet::default_activity(&model, key, current);
    let check = |bytes: &[u8]| {
        let upload = sheet::read::read(bytes).expect("readable");
        let expected = sheet::expected(&model, &target, window);
        sheet::import::preview(
            &upload,
            &Context {
                target: &target,
                wave_name_of: &wave_name_of,
                expected: &expected,
                all_keys: &all_keys,
                default_activity: &default_activity,
            },
        )
        .expect("a preview")
    };
    println!();
    println!(
        "{:<44} {:>5} {:>11} {:>11}",
        "what", "runs", "min", "median"
    );
    for (label, bytes) in [
        ("preview of the XLSX (read, check)", &xlsx),
        ("preview of the CSV (read, check)", &csv),
    ] {
        let mut times = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            let p = check(bytes);
            times.push(t.elapsed());
            assert_eq!(p.changes.len(), indicators, "{:?}", p.errors.first());
        }
        times.sort();
        println!(
            "{label:<44} {:>5} {:>11} {:>11}",
            times.len(),
            ms(times[0]),
            ms(times[times.len() / 2])
        );
    }
    // Confirming: the file checked again, then every row stored as a draft in one transaction.
    let account = server::auth::admin::create_admin(
        &state.db,
        "koordinator@psz.test",
        "Koordinátor",
        "heslo pro benchmark 2026",
    )
    .await
    .expect("an account");
    let actor = server::auth::Actor {
        user_id: account.id,
        email: "koordinator@psz.test".into(),
        name: "Koordinátor".into(),
        role: shared::role::Role::Admin,
        plans: Vec::new(),
        organisations: Vec::new(),
    };
    let t = Instant::now();
    let preview = check(&xlsx);
    let checked = t.elapsed();
    let w = Write::begin(&state.db, &state.versions, &actor, Some(plan_id))
        .await
        .expect("a write");
    let began = t.elapsed();
    let statements = state.statements.get();
    let stored = sheet::apply::apply(&w, plan_id, &target, &preview.changes)
        .await
        .expect("stored");
    let applied = t.elapsed();
    let revising = preview
        .changes
        .iter()
        .filter(|c| c.revises.is_some())
        .count();
    w.commit().await.expect("committed");
    let total = t.elapsed();
    println!(
        "(a write began after {}, stored before the commit after {} in {} statements, the commit {})",
        ms(began),
        ms(applied),
        state.statements.get() - statements,
        ms(total - applied)
    );
    println!(
        "{:<44} {:>5} {:>11} {:>11}   (checked {}, stored {stored} drafts, {revising} of them proposals beside published values, {})",
        "confirm of the XLSX (check, store, commit)",
        1,
        ms(total),
        ms(total),
        ms(checked),
        ms(total - checked),
    );
    println!(
        "budget: ≤ 1 s for the confirmation of a 2,000-row file: {}",
        if total <= Duration::from_secs(1) {
            "yes"
        } else {
            "NO"
        }
    );
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}
