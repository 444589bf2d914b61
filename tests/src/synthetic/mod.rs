//! Synthetic plans: many plans shaped like the real one, for scale benchmarks and statement-count
//! tests.
//!
//! [`generate`] writes [`Shape::plans`] plans (slugs `synth-0001`, `synth-0002` …) through the
//! server's entities into any database that already holds the schema (and usually the real
//! plan). Every plan has areas, strategic and specific goals, impact indicators with values over
//! [`Shape::dates`] monitoring dates (so progress is computed), measures with two status reports,
//! funding sources, output indicators, links, organisations, projects, allocations and a few
//! conflicts with their statements: everything the overview and the measure lists read.
//!
//! The data is deterministic (seeded arithmetic, no randomness) and built in memory by [`build`]
//! (pure, unit-tested); [`generate`] inserts it in bulk, one transaction per batch of plans, in
//! statements that stay below the backends' limits of bound parameters. Ids are allocated above
//! the largest id of every table, like `server::seed` does; on `PostgreSQL` the id sequences are
//! moved past them afterwards. Nothing else may write to the database while it runs.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, Iterable, TransactionTrait,
};
use server::entity::*;

mod build;
#[cfg(test)]
mod tests;

pub use build::{build, monitoring_date};

/// How many plans, and how big each one is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Number of plans to write.
    pub plans: usize,
    /// Number of the first plan: its slug is `synth-{first:04}`, the next ones count up.
    pub first: usize,
    pub areas_per_plan: usize,
    pub strategic_goals_per_area: usize,
    pub specific_goals_per_strategic_goal: usize,
    /// Measures of a plan, spread over its specific goals in turn.
    pub measures_per_plan: usize,
    /// Impact indicators of every specific goal.
    pub indicators_per_goal: usize,
    /// Monitoring dates (quarter ends from 31. 3. 2023) with a value of every indicator.
    pub dates: usize,
    pub organisations_per_plan: usize,
}

impl Shape {
    /// The scale of the quality bar: 200 plans × 50 measures × 10 indicators (of every specific
    /// goal; 24 goals a plan) × 12 monitoring dates.
    pub const BUDGET: Shape = Shape {
        plans: 200,
        first: 1,
        areas_per_plan: 6,
        strategic_goals_per_area: 2,
        specific_goals_per_strategic_goal: 2,
        measures_per_plan: 50,
        indicators_per_goal: 10,
        dates: 12,
        organisations_per_plan: 10,
    };

    /// One plan of the real plan's size with few indicator values: quick to write in a test.
    pub const SMALL: Shape = Shape {
        plans: 1,
        first: 1,
        areas_per_plan: 6,
        strategic_goals_per_area: 2,
        specific_goals_per_strategic_goal: 2,
        measures_per_plan: 50,
        indicators_per_goal: 2,
        dates: 4,
        organisations_per_plan: 5,
    };

    pub fn strategic_goals_per_plan(&self) -> usize {
        self.areas_per_plan * self.strategic_goals_per_area
    }

    pub fn specific_goals_per_plan(&self) -> usize {
        self.strategic_goals_per_plan() * self.specific_goals_per_strategic_goal
    }

    /// Whether every code fits `shared::Code` (parts 1–999) and every plan has what the queries
    /// need.
    pub fn validate(&self) -> Result<(), String> {
        let goals = self.specific_goals_per_plan();
        let checks = [
            (self.plans >= 1, "at least one plan"),
            (
                self.first >= 1 && self.first + self.plans <= 10_000,
                "plan numbers between 1 and 9999",
            ),
            ((1..=999).contains(&self.areas_per_plan), "1–999 areas"),
            (
                (1..=999).contains(&self.strategic_goals_per_area),
                "1–999 strategic goals per area",
            ),
            (
                (1..=999).contains(&self.specific_goals_per_strategic_goal),
                "1–999 specific goals per strategic goal",
            ),
            (
                self.measures_per_plan >= 1 && self.measures_per_plan <= 9_999,
                "1–9999 measures per plan",
            ),
            (
                goals > 0 && self.measures_per_plan.div_ceil(goals) <= 999,
                "at most 999 measures per specific goal",
            ),
            (
                self.indicators_per_goal >= 1,
                "at least one indicator per goal",
            ),
            ((1..=200).contains(&self.dates), "1–200 monitoring dates"),
            (
                self.organisations_per_plan >= 1,
                "at least one organisation",
            ),
        ];
        match checks.iter().find(|(ok, _)| !ok) {
            Some((_, what)) => Err(format!("synthetic shape needs {what}: {self:?}")),
            None => Ok(()),
        }
    }
}

/// The slug of synthetic plan `number` (`synth-0001`).
pub fn slug(number: usize) -> String {
    format!("synth-{number:04}")
}

/// A word only measure `measure` (1-based) of plan `number` has in its name, for text filters
/// that must find exactly one measure (`syn0001m0001`).
pub fn measure_token(number: usize, measure: usize) -> String {
    format!("syn{number:04}m{measure:04}")
}

/// The next free id of every table.
#[derive(Debug, Clone, Default)]
pub struct Ids(HashMap<&'static str, i32>);

impl Ids {
    /// Ids continuing after the largest of every table.
    pub async fn above_existing(db: &impl ConnectionTrait) -> Result<Ids, DbErr> {
        Ok(Ids(server::seed::next_ids(db).await?.0))
    }

    /// Ids continuing after the given largest ids (tables not named start at 1).
    pub fn above(max: &[(&'static str, i32)]) -> Ids {
        Ids(max.iter().copied().collect())
    }

    fn next(&mut self, table: &'static str) -> i32 {
        let id = self.0.entry(table).or_insert(0);
        *id += 1;
        *id
    }
}

/// The rows of one or more synthetic plans, parents before children.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Rows {
    pub plans: Vec<plan::Model>,
    pub documents: Vec<document::Model>,
    pub action_plans: Vec<action_plan::Model>,
    pub areas: Vec<area::Model>,
    pub strategic_goals: Vec<strategic_goal::Model>,
    pub specific_goals: Vec<specific_goal::Model>,
    pub indicators: Vec<impact_indicator::Model>,
    pub indicator_values: Vec<indicator_value::Model>,
    pub measures: Vec<measure::Model>,
    pub output_indicators: Vec<output_indicator::Model>,
    pub fundings: Vec<measure_funding::Model>,
    pub links: Vec<measure_link::Model>,
    pub organisations: Vec<organisation::Model>,
    pub projects: Vec<project::Model>,
    pub allocations: Vec<allocation::Model>,
    pub statuses: Vec<measure_status::Model>,
    pub statements: Vec<statement::Model>,
    pub conflicts: Vec<conflict::Model>,
    pub waves: Vec<monitoring_wave::Model>,
}

/// The tables [`Rows`] writes, in insertion order.
pub const TABLES: [&str; 19] = [
    "plan",
    "document",
    "action_plan",
    "area",
    "strategic_goal",
    "specific_goal",
    "impact_indicator",
    "indicator_value",
    "measure",
    "output_indicator",
    "measure_funding",
    "measure_link",
    "organisation",
    "project",
    "allocation",
    "measure_status",
    "statement",
    "conflict",
    "monitoring_wave",
];

impl Rows {
    /// Number of rows per table, in the order of [`TABLES`].
    pub fn counts(&self) -> [(&'static str, usize); 19] {
        let n = [
            self.plans.len(),
            self.documents.len(),
            self.action_plans.len(),
            self.areas.len(),
            self.strategic_goals.len(),
            self.specific_goals.len(),
            self.indicators.len(),
            self.indicator_values.len(),
            self.measures.len(),
            self.output_indicators.len(),
            self.fundings.len(),
            self.links.len(),
            self.organisations.len(),
            self.projects.len(),
            self.allocations.len(),
            self.statuses.len(),
            self.statements.len(),
            self.conflicts.len(),
            self.waves.len(),
        ];
        std::array::from_fn(|i| (TABLES[i], n[i]))
    }

    pub fn total(&self) -> usize {
        self.counts().iter().map(|(_, n)| n).sum()
    }

    /// Moves the rows of `other` behind these.
    pub fn append(&mut self, mut other: Rows) {
        self.plans.append(&mut other.plans);
        self.documents.append(&mut other.documents);
        self.action_plans.append(&mut other.action_plans);
        self.areas.append(&mut other.areas);
        self.strategic_goals.append(&mut other.strategic_goals);
        self.specific_goals.append(&mut other.specific_goals);
        self.indicators.append(&mut other.indicators);
        self.indicator_values.append(&mut other.indicator_values);
        self.measures.append(&mut other.measures);
        self.output_indicators.append(&mut other.output_indicators);
        self.fundings.append(&mut other.fundings);
        self.links.append(&mut other.links);
        self.organisations.append(&mut other.organisations);
        self.projects.append(&mut other.projects);
        self.allocations.append(&mut other.allocations);
        self.statuses.append(&mut other.statuses);
        self.statements.append(&mut other.statements);
        self.conflicts.append(&mut other.conflicts);
        self.waves.append(&mut other.waves);
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone)]
pub struct Generated {
    pub plans: usize,
    /// Rows per table, in the order of [`TABLES`].
    pub rows: [(&'static str, usize); 19],
    pub elapsed: Duration,
}

impl Generated {
    pub fn total_rows(&self) -> usize {
        self.rows.iter().map(|(_, n)| n).sum()
    }
}

/// Plans written per transaction.
const PLANS_PER_TRANSACTION: usize = 10;

/// Writes `shape.plans` synthetic plans into a database that holds the schema.
pub async fn generate(db: &DatabaseConnection, shape: &Shape) -> Result<Generated, DbErr> {
    shape.validate().map_err(DbErr::Custom)?;
    let started = Instant::now();
    let mut ids = Ids::above_existing(db).await?;
    let mut rows = Rows::default().counts();
    let mut start = 0;
    while start < shape.plans {
        let end = (start + PLANS_PER_TRANSACTION).min(shape.plans);
        let mut batch = Rows::default();
        for i in start..end {
            batch.append(build(shape, shape.first + i, &mut ids));
        }
        for (sum, (_, n)) in rows.iter_mut().zip(batch.counts()) {
            sum.1 += n;
        }
        let txn = db.begin().await?;
        insert(&txn, batch).await?;
        txn.commit().await?;
        start = end;
    }
    if db.get_database_backend() == DatabaseBackend::Postgres {
        for table in TABLES {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)"
            ))
            .await?;
        }
    }
    Ok(Generated {
        plans: shape.plans,
        rows,
        elapsed: started.elapsed(),
    })
}

/// Writes built rows, parents first.
pub async fn insert(db: &impl ConnectionTrait, r: Rows) -> Result<(), DbErr> {
    insert_rows(db, r.plans).await?;
    insert_rows(db, r.documents).await?;
    insert_rows(db, r.action_plans).await?;
    insert_rows(db, r.areas).await?;
    insert_rows(db, r.strategic_goals).await?;
    insert_rows(db, r.specific_goals).await?;
    insert_rows(db, r.indicators).await?;
    insert_rows(db, r.indicator_values).await?;
    insert_rows(db, r.measures).await?;
    insert_rows(db, r.output_indicators).await?;
    insert_rows(db, r.fundings).await?;
    insert_rows(db, r.links).await?;
    insert_rows(db, r.organisations).await?;
    insert_rows(db, r.projects).await?;
    insert_rows(db, r.allocations).await?;
    insert_rows(db, r.statuses).await?;
    insert_rows(db, r.statements).await?;
    insert_rows(db, r.conflicts).await?;
    insert_rows(db, r.waves).await?;
    Ok(())
}

/// Rows per `INSERT` so that rows × columns bound parameters stay within the backend's limit
/// (`PostgreSQL` 65 535, `SQLite` 32 766), and statements stay of a reasonable size.
pub fn rows_per_statement(backend: DatabaseBackend, columns: usize) -> usize {
    let limit = match backend {
        DatabaseBackend::Postgres => 65_535,
        _ => 32_766,
    };
    (limit / columns.max(1)).clamp(1, 5_000)
}

async fn insert_rows<C, M, A>(db: &C, rows: Vec<M>) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    M: IntoActiveModel<A>,
    A: ActiveModelTrait,
{
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter().count();
    let per = rows_per_statement(db.get_database_backend(), columns);
    let mut rows = rows
        .into_iter()
        .map(IntoActiveModel::into_active_model)
        .peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(per).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
