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
use shared::search::fold;
use shared::status::StatusKind;
use shared::{Code, Date, FundingSource};

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
}

/// The tables [`Rows`] writes, in insertion order.
pub const TABLES: [&str; 18] = [
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
];

impl Rows {
    /// Number of rows per table, in the order of [`TABLES`].
    pub fn counts(&self) -> [(&'static str, usize); 18] {
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
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone)]
pub struct Generated {
    pub plans: usize,
    /// Rows per table, in the order of [`TABLES`].
    pub rows: [(&'static str, usize); 18],
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

/// A well-mixed number from a few small ones (splitmix64 of their combination).
fn mix(parts: &[u64]) -> u64 {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for p in parts {
        x = x.wrapping_add(*p).wrapping_add(0x9E37_79B9_7F4A_7C15);
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
    }
    x
}

/// The `k`-th monitoring date (0-based): quarter ends from 31. 3. 2023.
pub fn monitoring_date(k: usize) -> Date {
    let quarter = k as i32;
    let year = 2023 + quarter / 4;
    let month = (3 * (quarter % 4) + 3) as u8;
    Date::last_of_month(year, month).unwrap_or_else(|| unreachable!("months 3, 6, 9, 12 exist"))
}

fn czech_date(d: Date) -> String {
    format!("{}. {}. {}", d.day(), d.month(), d.year())
}

/// Hellers of a whole number of crowns, printed the Czech way (`12 500 000 Kč`).
fn crowns_text(crowns: i64) -> String {
    let digits = crowns.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    format!("{out} Kč")
}

const AREA_NAMES: [(&str, &str); 6] = [
    ("Bydlení", "Housing"),
    ("Prevence kriminality", "Crime prevention"),
    ("Zaměstnanost a dluhová problematika", "Employment and debt"),
    ("Rodina", "Family"),
    ("Participace", "Participation"),
    ("Zdraví", "Health"),
];

const PROGRAMMES: [&str; 2] = ["OPZ+", "IROP"];

/// The status reports of every measure: two half-year dates.
const STATUS_DATES: [&str; 2] = ["2024-06-30", "2024-12-31"];

/// Builds the rows of synthetic plan `number`, taking ids from `ids`.
pub fn build(shape: &Shape, number: usize, ids: &mut Ids) -> Rows {
    let n = number as u64;
    let mut r = Rows::default();
    let slug = slug(number);
    let plan_id = ids.next("plan");
    let city = format!("Syntetice {number}");
    r.plans.push(plan::Model {
        id: plan_id,
        slug: slug.clone(),
        city: city.clone(),
        name: format!("Plán sociálního začleňování {city} 2022–2027"),
        period_from: 2022,
        period_to: 2027,
        description: format!("Syntetický plán č. {number} pro měření výkonu; data jsou vymyšlená."),
        revision: 0,
    });
    let document_id = ids.next("document");
    r.documents.push(document::Model {
        id: document_id,
        plan_id,
        key: "ap1".to_owned(),
        title: format!("Akční plán I. – {city}"),
        issued: "2022".to_owned(),
        kind: "ACTION_PLAN".to_owned(),
        description: "Syntetický dokument.".to_owned(),
    });
    let action_plan_id = ids.next("action_plan");
    r.action_plans.push(action_plan::Model {
        id: action_plan_id,
        plan_id,
        number: 1,
        name: "Akční plán I.".to_owned(),
        period_from: 2022,
        period_to: 2025,
        document_id,
    });
    let locator = |what: &str| format!("synteticky, {what}");

    // The tree: areas > strategic goals > specific goals, with indicators and their values.
    struct Goal {
        id: i32,
        area_id: i32,
        strategic_goal_id: i32,
        code: Code,
        measures: usize,
    }
    let mut goals: Vec<Goal> = Vec::with_capacity(shape.specific_goals_per_plan());
    for a in 1..=shape.areas_per_plan {
        let (name, name_en) = AREA_NAMES[(a - 1) % AREA_NAMES.len()];
        let name = if a <= AREA_NAMES.len() {
            name.to_owned()
        } else {
            format!("{name} {a}")
        };
        let code: Code = a
            .to_string()
            .parse()
            .unwrap_or_else(|e| panic!("area code {a}: {e}"));
        let area_id = ids.next("area");
        r.areas.push(area::Model {
            id: area_id,
            plan_id,
            code: code.to_string(),
            sort_key: code.sort_key(),
            search_text: fold(&name),
            name,
            name_en: name_en.to_owned(),
            target_group_intro: String::new(),
            target_group_outro: String::new(),
            structure_note: String::new(),
        });
        for s in 1..=shape.strategic_goals_per_area {
            let code: Code = format!("{a}.{s}")
                .parse()
                .unwrap_or_else(|e| panic!("strategic goal code: {e}"));
            let strategic_goal_id = ids.next("strategic_goal");
            let name = format!("Strategický cíl {code} plánu {city}");
            r.strategic_goals.push(strategic_goal::Model {
                id: strategic_goal_id,
                plan_id,
                area_id,
                code: code.to_string(),
                sort_key: code.sort_key(),
                search_text: fold(&name),
                name,
            });
            for g in 1..=shape.specific_goals_per_strategic_goal {
                let code: Code = format!("{a}.{s}.{g}")
                    .parse()
                    .unwrap_or_else(|e| panic!("specific goal code: {e}"));
                let id = ids.next("specific_goal");
                goals.push(Goal {
                    id,
                    area_id,
                    strategic_goal_id,
                    code,
                    measures: 0,
                });
            }
        }
    }
    let n_goals = goals.len();
    for i in 0..shape.measures_per_plan {
        goals[i % n_goals].measures += 1;
    }
    let dates: Vec<Date> = (0..shape.dates).map(monitoring_date).collect();
    for (gi, goal) in goals.iter().enumerate() {
        let per_year = mix(&[n, gi as u64, 1]).is_multiple_of(8);
        let target_text = format!(
            "Do roku 2025 podpořit {} osob v rámci cíle {}",
            20 + gi,
            goal.code
        );
        r.specific_goals.push(specific_goal::Model {
            id: goal.id,
            plan_id,
            action_plan_id,
            area_id: goal.area_id,
            strategic_goal_id: goal.strategic_goal_id,
            code: goal.code.to_string(),
            sort_key: goal.code.sort_key(),
            search_text: fold(&target_text),
            target_text,
            expected_impact: "Zlepšení situace cílové skupiny.".to_owned(),
            target_kind: if per_year { "PER_YEAR" } else { "COUNT_BY" }.to_owned(),
            due: (!per_year).then(|| "2025-12-31".to_owned()),
            declared_measures: Some(goal.measures as i32),
        });
        for p in 1..=shape.indicators_per_goal {
            let h = mix(&[n, gi as u64, p as u64, 2]);
            let target = (10 + h % 190) as f64;
            // Where the indicator ends, as a share of its target: 30 % to 130 %.
            let end_share = 0.3 + ((h >> 8) % 101) as f64 / 100.0;
            let indicator_id = ids.next("impact_indicator");
            r.indicators.push(impact_indicator::Model {
                id: indicator_id,
                specific_goal_id: goal.id,
                position: p as i32,
                name: format!("Počet podpořených osob ({}, ukazatel {p})", goal.code),
                report_name: None,
                note: None,
                is_key: p <= 2,
                in_plan: true,
                unit: "osob".to_owned(),
                target_value: Some(target),
                target_text: Some(format!("{target}")),
            });
            for (k, date) in dates.iter().enumerate() {
                // Every seventh reading is printed as "-" (no number).
                let missing = mix(&[n, gi as u64, p as u64, k as u64, 3]).is_multiple_of(7);
                let value = (!missing)
                    .then(|| (target * end_share * (k + 1) as f64 / dates.len() as f64).round());
                r.indicator_values.push(indicator_value::Model {
                    id: ids.next("indicator_value"),
                    impact_indicator_id: indicator_id,
                    ref_date: date.to_string(),
                    ref_label: czech_date(*date),
                    value,
                    parts: None,
                    value_text: value.map_or_else(|| "-".to_owned(), |v| format!("{v}")),
                    published: true,
                    document_id,
                    locator: locator(&format!("SC {}", goal.code)),
                });
            }
        }
    }

    // Implementers.
    let organisations: Vec<i32> = (1..=shape.organisations_per_plan)
        .map(|o| {
            let id = ids.next("organisation");
            let name = format!("Syntetická organizace {o} ({city})");
            r.organisations.push(organisation::Model {
                id,
                plan_id,
                search_text: fold(&name),
                name,
            });
            id
        })
        .collect();

    // Measures: the i-th measure belongs to goal i mod goals, numbered within its goal.
    let mut within = vec![0usize; n_goals];
    for i in 0..shape.measures_per_plan {
        let index = i + 1;
        let gi = i % n_goals;
        within[gi] += 1;
        let goal = &goals[gi];
        let code: Code = format!("{}.{}", goal.code, within[gi])
            .parse()
            .unwrap_or_else(|e| panic!("measure code: {e}"));
        let h = mix(&[n, i as u64, 4]);
        let id = ids.next("measure");
        let crowns = ((1 + h % 50) * 1_000_000) as i64;
        let has_cost = i % 5 != 4;
        let sources: Vec<FundingSource> = if (h >> 12) & 1 == 0 {
            vec![FundingSource::ALL[(h >> 16) as usize % FundingSource::ALL.len()]]
        } else {
            vec![FundingSource::OpzPlus, FundingSource::City]
        };
        let name = format!(
            "Opatření {code} {} plánu {city}",
            measure_token(number, index)
        );
        let responsible_body = format!("Odbor sociálních věcí, oddělení {}", 1 + h % 4);
        let description =
            "Synteticky vytvořené opatření: poradenství, doprovázení a podpora cílové skupiny."
                .to_owned();
        r.measures.push(measure::Model {
            id,
            plan_id,
            action_plan_id,
            area_id: goal.area_id,
            strategic_goal_id: goal.strategic_goal_id,
            specific_goal_id: goal.id,
            code: code.to_string(),
            sort_key: code.sort_key(),
            code_as_written: None,
            search_text: fold(&format!("{name} {description} {responsible_body}")),
            name,
            description,
            target_group: "Osoby ohrožené sociálním vyloučením".to_owned(),
            responsible_body,
            schedule_text: "2023–2025".to_owned(),
            schedule_from: Some("2023-01-01".to_owned()),
            schedule_to: Some("2025-12-31".to_owned()),
            estimated_cost_text: if has_cost {
                crowns_text(crowns)
            } else {
                "neuvedeno".to_owned()
            },
            estimated_cost: has_cost.then_some(crowns * 100),
            cost_approximate: (h >> 20) & 1 == 1,
            cost_see_measure: None,
            funding_text: sources
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            links_text: format!("Specifický cíl {}", goal.code),
            service_type: None,
            is_social_service: false,
        });
        for p in 1..=2 {
            r.output_indicators.push(output_indicator::Model {
                id: ids.next("output_indicator"),
                measure_id: id,
                position: p,
                name: format!("Počet podpořených osob (výstup {p} opatření {code})"),
            });
        }
        for (p, source) in sources.iter().enumerate() {
            r.fundings.push(measure_funding::Model {
                id: ids.next("measure_funding"),
                measure_id: id,
                position: p as i32 + 1,
                source: source.as_str().to_owned(),
            });
        }
        r.links.push(measure_link::Model {
            id: ids.next("measure_link"),
            measure_id: id,
            position: 1,
            target_kind: "GOAL".to_owned(),
            target_code: Some(goal.code.to_string()),
            text: format!("SC {}", goal.code),
        });
        let organisation_id = organisations[(h >> 24) as usize % organisations.len()];
        let programme = PROGRAMMES[(h >> 28) as usize % PROGRAMMES.len()];
        if i.is_multiple_of(3) {
            let budget = ((2 + (h >> 32) % 18) * 1_000_000) as i64;
            r.projects.push(project::Model {
                id: ids.next("project"),
                measure_id: id,
                organisation_id,
                registration_number: format!("SYN.{number:04}/{index:04}"),
                call: format!("018 {programme}"),
                call_number: 18,
                programme: programme.to_owned(),
                budget: budget * 100,
                budget_text: crowns_text(budget),
                period_from: Some("2023-01-01".to_owned()),
                period_to: Some("2025-12-31".to_owned()),
                document_id,
                locator: locator("příloha A"),
            });
        }
        if i.is_multiple_of(4) {
            let amount = ((1 + (h >> 40) % 15) * 1_000_000) as i64;
            r.allocations.push(allocation::Model {
                id: ids.next("allocation"),
                measure_id: id,
                amount: amount * 100,
                amount_text: crowns_text(amount),
                bracketed: i % 12 == 8,
                programme: programme.to_owned(),
                priority: "2.1".to_owned(),
                programme_goal: "ESO4.11".to_owned(),
                document_id,
                locator: locator("tabulka 6"),
            });
        }
        // Two reports; the later one counts. 20 % not implemented, 60 % in progress, 20 % done.
        let latest = match (h >> 44) % 10 {
            0 | 1 => StatusKind::NotImplemented,
            2..=7 => StatusKind::InProgress,
            _ => StatusKind::Completed,
        };
        let earlier = if latest == StatusKind::Completed {
            StatusKind::InProgress
        } else {
            latest
        };
        for (k, (date, kind)) in STATUS_DATES.iter().zip([earlier, latest]).enumerate() {
            let reports = (k as i32 + 1) * 2;
            let (text, reports) = match kind {
                StatusKind::NotImplemented => ("Nerealizováno".to_owned(), None),
                StatusKind::InProgress => (format!("V realizaci ({reports}/6)"), Some(reports)),
                StatusKind::Completed => ("Dokončeno".to_owned(), Some(6)),
            };
            r.statuses.push(measure_status::Model {
                id: ids.next("measure_status"),
                measure_id: id,
                organisation_id: Some(organisation_id),
                ref_date: (*date).to_owned(),
                position: 1,
                status: kind.as_str().to_owned(),
                status_text: text,
                reports,
                reports_of: reports.map(|_| 6),
                activity: if i.is_multiple_of(3) {
                    "PROJECT"
                } else {
                    "NON_PROJECT"
                }
                .to_owned(),
                service: None,
                implementer_text: None,
                period_text: Some("1. 1. 2023–31. 12. 2025".to_owned()),
                period_from: Some("2023-01-01".to_owned()),
                period_to: Some("2025-12-31".to_owned()),
                code_as_written: None,
                name_as_written: None,
                footnote: None,
                published: true,
                document_id,
                locator: locator(&format!("příloha B, {date}")),
            });
        }
        // Every tenth measure's cost disagrees between two sources.
        if i % 10 == 5 {
            for (k, value) in [crowns, crowns + 500_000].into_iter().enumerate() {
                r.statements.push(statement::Model {
                    id: ids.next("statement"),
                    plan_id,
                    subject_type: "measure".to_owned(),
                    subject_code: code.to_string(),
                    field: "estimated_cost".to_owned(),
                    value_text: crowns_text(value),
                    value_key: (value * 100).to_string(),
                    ref_date: None,
                    document_id,
                    locator: locator(if k == 0 {
                        "karta opatření"
                    } else {
                        "tabulka 5"
                    }),
                });
            }
            r.conflicts.push(conflict::Model {
                id: ids.next("conflict"),
                plan_id,
                subject_type: "measure".to_owned(),
                subject_code: code.to_string(),
                field: "estimated_cost".to_owned(),
                severity: "FIGURE".to_owned(),
                description: format!("Karta opatření {code} a tabulka 5 uvádějí různé náklady."),
                resolved_statement_id: None,
                resolution_reason: None,
            });
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use server::store::facts::{Inputs, compute};
    use shared::code::Level;

    use super::*;

    fn one(shape: &Shape, number: usize) -> Rows {
        build(shape, number, &mut Ids::default())
    }

    #[test]
    fn the_budget_shape_is_valid_and_sized_as_the_quality_bar_says() {
        let s = Shape::BUDGET;
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(Shape::SMALL.validate(), Ok(()));
        let r = one(&s, 1);
        assert_eq!(r.plans.len(), 1);
        assert_eq!(r.areas.len(), 6);
        assert_eq!(r.strategic_goals.len(), 12);
        assert_eq!(r.specific_goals.len(), 24);
        assert_eq!(r.measures.len(), 50);
        assert_eq!(r.indicators.len(), 24 * 10);
        assert_eq!(r.indicator_values.len(), 24 * 10 * 12);
        assert_eq!(r.statuses.len(), 100);
        assert_eq!(r.organisations.len(), 10);
        assert!(!r.projects.is_empty() && !r.allocations.is_empty() && !r.conflicts.is_empty());
        assert_eq!(r.total(), r.counts().iter().map(|(_, n)| n).sum::<usize>());
    }

    #[test]
    fn validate_rejects_codes_that_do_not_fit() {
        assert!(
            Shape {
                measures_per_plan: 24 * 999 + 1,
                ..Shape::BUDGET
            }
            .validate()
            .is_err()
        );
        assert!(
            Shape {
                areas_per_plan: 1000,
                ..Shape::BUDGET
            }
            .validate()
            .is_err()
        );
        assert!(
            Shape {
                plans: 0,
                ..Shape::BUDGET
            }
            .validate()
            .is_err()
        );
        assert!(
            Shape {
                first: 9_999,
                plans: 2,
                ..Shape::BUDGET
            }
            .validate()
            .is_err()
        );
        assert!(
            Shape {
                dates: 0,
                ..Shape::BUDGET
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn codes_parse_at_their_level_and_are_unique() {
        let r = one(
            &Shape {
                measures_per_plan: 500,
                ..Shape::SMALL
            },
            7,
        );
        let check = |codes: Vec<&str>, level: Level| {
            let mut seen = HashSet::new();
            for c in codes {
                let code: Code = c.parse().unwrap_or_else(|e| panic!("{c}: {e}"));
                assert_eq!(code.level(), level, "{c}");
                assert_eq!(code.to_string(), c);
                assert!(seen.insert(c), "duplicate code {c}");
            }
        };
        check(
            r.areas.iter().map(|a| a.code.as_str()).collect(),
            Level::Area,
        );
        check(
            r.strategic_goals.iter().map(|a| a.code.as_str()).collect(),
            Level::StrategicGoal,
        );
        check(
            r.specific_goals.iter().map(|a| a.code.as_str()).collect(),
            Level::SpecificGoal,
        );
        check(
            r.measures.iter().map(|a| a.code.as_str()).collect(),
            Level::Measure,
        );
        for m in &r.measures {
            assert_eq!(m.sort_key, m.code.parse::<Code>().unwrap().sort_key());
        }
    }

    #[test]
    fn every_reference_points_at_a_row_of_the_same_plan() {
        let r = one(&Shape::SMALL, 3);
        let ids = |v: Vec<i32>| v.into_iter().collect::<HashSet<i32>>();
        let plan = r.plans[0].id;
        let areas = ids(r.areas.iter().map(|x| x.id).collect());
        let sgs: HashMap<i32, &strategic_goal::Model> =
            r.strategic_goals.iter().map(|x| (x.id, x)).collect();
        let goals: HashMap<i32, &specific_goal::Model> =
            r.specific_goals.iter().map(|x| (x.id, x)).collect();
        let indicators = ids(r.indicators.iter().map(|x| x.id).collect());
        let measures = ids(r.measures.iter().map(|x| x.id).collect());
        let orgs = ids(r.organisations.iter().map(|x| x.id).collect());
        let docs = ids(r.documents.iter().map(|x| x.id).collect());
        assert!(r.areas.iter().all(|a| a.plan_id == plan));
        for s in &r.strategic_goals {
            assert!(s.plan_id == plan && areas.contains(&s.area_id));
        }
        for g in &r.specific_goals {
            let sg = sgs[&g.strategic_goal_id];
            assert!(
                g.plan_id == plan
                    && g.area_id == sg.area_id
                    && g.action_plan_id == r.action_plans[0].id
            );
            assert!(g.code.starts_with(&format!("{}.", sg.code)));
        }
        for m in &r.measures {
            let g = goals[&m.specific_goal_id];
            assert!(
                m.plan_id == plan
                    && m.area_id == g.area_id
                    && m.strategic_goal_id == g.strategic_goal_id
            );
            assert!(m.code.starts_with(&format!("{}.", g.code)));
        }
        assert!(
            r.indicators
                .iter()
                .all(|i| goals.contains_key(&i.specific_goal_id))
        );
        assert!(
            r.indicator_values
                .iter()
                .all(|v| indicators.contains(&v.impact_indicator_id)
                    && docs.contains(&v.document_id))
        );
        assert!(
            r.output_indicators
                .iter()
                .all(|x| measures.contains(&x.measure_id))
        );
        assert!(r.fundings.iter().all(|x| measures.contains(&x.measure_id)));
        assert!(r.links.iter().all(|x| measures.contains(&x.measure_id)));
        assert!(
            r.projects
                .iter()
                .all(|x| measures.contains(&x.measure_id) && orgs.contains(&x.organisation_id))
        );
        assert!(
            r.allocations
                .iter()
                .all(|x| measures.contains(&x.measure_id))
        );
        assert!(r.statuses.iter().all(|x| measures.contains(&x.measure_id)
            && x.organisation_id.is_some_and(|o| orgs.contains(&o))));
        assert!(
            r.conflicts
                .iter()
                .all(|c| c.plan_id == plan && r.measures.iter().any(|m| m.code == c.subject_code))
        );
        assert!(
            r.fundings
                .iter()
                .all(|f| FundingSource::from_db(&f.source).is_some())
        );
        assert!(
            r.statuses
                .iter()
                .all(|s| StatusKind::from_db(&s.status).is_some())
        );
        assert!(
            r.indicator_values
                .iter()
                .all(|v| v.ref_date.parse::<Date>().is_ok())
        );
    }

    #[test]
    fn ids_continue_above_existing_ones_and_plans_differ() {
        let mut ids = Ids::above(&[("plan", 1), ("measure", 47), ("indicator_value", 1000)]);
        let a = build(&Shape::SMALL, 1, &mut ids);
        let b = build(&Shape::SMALL, 2, &mut ids);
        assert_eq!(a.plans[0].id, 2);
        assert_eq!(b.plans[0].id, 3);
        assert_eq!(a.measures[0].id, 48);
        assert_eq!(b.measures[0].id, 48 + 50);
        assert_eq!(a.indicator_values[0].id, 1001);
        assert_eq!(
            (a.plans[0].slug.as_str(), b.plans[0].slug.as_str()),
            ("synth-0001", "synth-0002")
        );
        let registrations: HashSet<&str> = a
            .projects
            .iter()
            .chain(&b.projects)
            .map(|p| p.registration_number.as_str())
            .collect();
        assert_eq!(registrations.len(), a.projects.len() + b.projects.len());
        let mut both = a.clone();
        both.append(b.clone());
        let measure_ids: HashSet<i32> = both.measures.iter().map(|m| m.id).collect();
        assert_eq!(measure_ids.len(), 100);
    }

    #[test]
    fn the_same_number_builds_the_same_plan() {
        assert_eq!(one(&Shape::BUDGET, 100), one(&Shape::BUDGET, 100));
        assert_ne!(
            one(&Shape::BUDGET, 100).indicator_values,
            one(&Shape::BUDGET, 101).indicator_values
        );
    }

    #[test]
    fn the_measure_token_finds_exactly_one_measure() {
        let r = one(
            &Shape {
                measures_per_plan: 500,
                ..Shape::SMALL
            },
            1,
        );
        for index in [1, 10, 100, 500] {
            let token = measure_token(1, index);
            let hits = r
                .measures
                .iter()
                .filter(|m| m.search_text.contains(&token))
                .count();
            assert_eq!(hits, 1, "{token}");
        }
    }

    #[test]
    fn the_overview_figures_are_computed_and_not_zero() {
        let r = one(&Shape::BUDGET, 100);
        let f = compute(&Inputs {
            goals: r.specific_goals.clone(),
            indicators: r.indicators.clone(),
            values: r.indicator_values.clone(),
            measures: r.measures.clone(),
            statuses: r.statuses.clone(),
            fundings: r.fundings.clone(),
            projects: r.projects.clone(),
            allocations: r.allocations.clone(),
            conflicts: r.conflicts.clone(),
            action_plans: r.action_plans.clone(),
        });
        let progress = f.plan.progress.expect("plan progress");
        assert_eq!(progress.goals, 24);
        assert_eq!(progress.goals_with_data, 24);
        assert!(
            progress.attainment.is_some_and(|a| a > 0.0 && a <= 1.0),
            "{progress:?}"
        );
        assert!(
            progress.achieved > 0 && progress.achieved < 24,
            "{progress:?}"
        );
        let s = f.plan.statuses;
        assert_eq!(s.total(), 50);
        assert_eq!(s.unknown, 0);
        assert!(
            s.not_implemented > 0 && s.in_progress > 0 && s.completed > 0,
            "{s:?}"
        );
        let m = f.plan.money;
        assert!(
            m.planned.hellers() > 0 && m.allocated.hellers() > 0 && m.drawn.hellers() > 0,
            "{m:?}"
        );
        assert_eq!(m.measures_with_cost, 40);
        assert_eq!(f.plan.conflicts, 5);
        assert_eq!(f.areas.len(), 6);
        assert!(
            f.areas
                .values()
                .all(|a| a.progress.is_some() && a.statuses.total() > 0)
        );
        assert_eq!(f.latest_monitoring, Some(monitoring_date(11)));
    }

    #[test]
    fn statements_stay_below_the_bind_limits() {
        for backend in [DatabaseBackend::Postgres, DatabaseBackend::Sqlite] {
            for columns in [1, 4, 10, 23, 26, 30] {
                let rows = rows_per_statement(backend, columns);
                let limit = if backend == DatabaseBackend::Postgres {
                    65_535
                } else {
                    32_766
                };
                assert!(
                    rows >= 1 && rows * columns <= limit,
                    "{backend:?} {columns}: {rows}"
                );
            }
        }
        let measure_columns = <measure::Column as Iterable>::iter().count();
        assert!(measure_columns > 20, "{measure_columns}");
        assert!(
            rows_per_statement(DatabaseBackend::Postgres, measure_columns) * measure_columns
                <= 65_535
        );
        assert!(rows_per_statement(DatabaseBackend::Sqlite, measure_columns) > 1_000);
    }

    #[test]
    fn monitoring_dates_are_quarter_ends() {
        assert_eq!(monitoring_date(0).to_string(), "2023-03-31");
        assert_eq!(monitoring_date(1).to_string(), "2023-06-30");
        assert_eq!(monitoring_date(3).to_string(), "2023-12-31");
        assert_eq!(monitoring_date(11).to_string(), "2025-12-31");
        assert_eq!(crowns_text(12_500_000), "12 500 000 Kč");
        assert_eq!(crowns_text(999), "999 Kč");
    }
}
