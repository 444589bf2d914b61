//! From a snapshot of the published data, the report's facts and its narratives to the
//! printed report ([`Report`]): pure, every figure formatted for the report's language.

use std::collections::{BTreeMap, BTreeSet};

use shared::format::{self, Lang};
use shared::money::Total;
use shared::report::{Block, PLAN_SECTIONS, Section, blocks};
use shared::status::MeasureStatus;
use shared::{Code, Czk, Date};

use crate::input::{self, Snapshot};
use crate::view::*;

mod labels;
use labels::labels;

/// What a report is, apart from its data.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// The report's number among the plan's reports (`3` for the III. zpráva).
    pub number: i32,
    pub title: String,
    /// The action plan the report evaluates (its number).
    pub action_plan: i32,
    pub period_from: Date,
    pub period_to: Date,
    /// The date the data were taken at.
    pub cutoff: Date,
    /// The issue date; `None` while a draft.
    pub issued: Option<Date>,
    pub lang: Lang,
}

/// The coordinators' texts by section.
pub type Narratives = BTreeMap<Section, String>;

/// Why a snapshot cannot be printed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssembleError {
    #[error("the plan has no action plan number {0}")]
    NoActionPlan(i32),
    #[error("an amount of money is not a whole number of hellers: {0:?}")]
    BadAmount(String),
    #[error("a sum of money leaves the range of an amount")]
    Overflow,
}

/// The printed report.
pub fn assemble(
    snapshot: &Snapshot,
    meta: &Meta,
    narratives: &Narratives,
) -> Result<Report, AssembleError> {
    let plan = &snapshot.plan;
    let lang = meta.lang;
    let draft = meta.issued.is_none();
    let action_plan = plan
        .action_plans
        .iter()
        .find(|a| a.number == meta.action_plan)
        .ok_or(AssembleError::NoActionPlan(meta.action_plan))?;
    let part = |section: Section| -> Part {
        let title = section.title(meta.period_to.year(), lang);
        Part {
            key: section.key(),
            title,
            blocks: narratives
                .get(&section)
                .map(|t| blocks(t))
                .unwrap_or_default(),
        }
    };
    // An issued report prints only what was written; a draft shows every place to write.
    let keep = |p: &Part| draft || !p.blocks.is_empty();
    let opening: Vec<Part> = PLAN_SECTIONS[..4]
        .iter()
        .cloned()
        .map(part)
        .filter(keep)
        .collect();
    let closing: Vec<Part> = PLAN_SECTIONS[4..]
        .iter()
        .cloned()
        .map(part)
        .filter(keep)
        .collect();

    let areas = plan
        .areas
        .iter()
        .map(|a| area_view(a, lang, &part, &keep))
        .collect();
    let annex_b = plan
        .areas
        .iter()
        .flat_map(|a| &a.strategic_goals)
        .flat_map(|s| s.specific_goals.iter().map(move |g| annex_goal(s, g, lang)))
        .collect();

    let period = format!(
        "{} – {}",
        format::date(meta.period_from, lang),
        format::date(meta.period_to, lang)
    );
    Ok(Report {
        lang: lang.code(),
        draft,
        title: meta.title.clone(),
        plan_name: plan.name.clone(),
        city: plan.city.clone(),
        action_plan: format!(
            "{} {}–{}",
            action_plan.name, action_plan.period_from, action_plan.period_to
        ),
        running_head: format!("{} · {} · {period}", plan.name, meta.title),
        period,
        cutoff: format::date(meta.cutoff, lang),
        issued: meta
            .issued
            .map(|d| format::date(d, lang))
            .unwrap_or_default(),
        labels: labels(lang),
        opening,
        plan_facts: plan_facts(plan, lang),
        global: global_table(plan, lang),
        areas,
        closing,
        conflicts: conflicts(plan, lang),
        annex_a: annex_a(plan, lang)?,
        annex_b,
        sources: plan
            .documents
            .iter()
            .map(|d| Fact {
                label: d.title.clone(),
                value: d
                    .issued
                    .parse::<Date>()
                    .map(|i| format::date(i, lang))
                    .unwrap_or_else(|_| d.issued.clone()),
            })
            .collect(),
    })
}

fn pick(lang: Lang, cs: &str, en: &str) -> String {
    match lang {
        Lang::Cs => cs.to_owned(),
        Lang::En => en.to_owned(),
    }
}

fn plan_facts(plan: &input::Plan, lang: Lang) -> Vec<Fact> {
    let strategic: usize = plan.areas.iter().map(|a| a.strategic_goals.len()).sum();
    let specific: Vec<&input::SpecificGoal> = plan
        .areas
        .iter()
        .flat_map(|a| &a.strategic_goals)
        .flat_map(|s| &s.specific_goals)
        .collect();
    let measures: usize = specific.iter().map(|g| g.measures.len()).sum();
    let counts = plan.status_counts;
    let fact = |cs: &str, en: &str, value: String| Fact {
        label: pick(lang, cs, en),
        value,
    };
    vec![
        fact("Plán", "Plan", {
            // The plan's name usually ends with its period already ("… 2022–2027").
            let period = format!("{}–{}", plan.period_from, plan.period_to);
            if plan.name.ends_with(&period) {
                plan.name.clone()
            } else {
                format!("{} {period}", plan.name)
            }
        }),
        fact(
            "Tematické oblasti",
            "Thematic areas",
            plan.areas.len().to_string(),
        ),
        fact("Strategické cíle", "Strategic goals", strategic.to_string()),
        fact(
            "Specifické cíle",
            "Specific goals",
            specific.len().to_string(),
        ),
        fact(
            "Popsaná opatření",
            "Described measures",
            measures.to_string(),
        ),
        fact(
            "Stav opatření",
            "Measures' status",
            status_words(&counts, lang),
        ),
    ]
}

fn status_words(c: &input::StatusCounts, lang: Lang) -> String {
    let mut parts = vec![
        match lang {
            Lang::Cs => format!("{} nerealizováno", c.not_implemented),
            Lang::En => format!("{} not implemented", c.not_implemented),
        },
        match lang {
            Lang::Cs => format!("{} v realizaci", c.in_progress),
            Lang::En => format!("{} in progress", c.in_progress),
        },
        match lang {
            Lang::Cs => format!("{} dokončeno", c.completed),
            Lang::En => format!("{} completed", c.completed),
        },
    ];
    if c.unknown > 0 {
        parts.push(match lang {
            Lang::Cs => format!("{} bez údaje", c.unknown),
            Lang::En => format!("{} without a status", c.unknown),
        });
    }
    parts.join(", ")
}

fn global_table(plan: &input::Plan, lang: Lang) -> GlobalTable {
    let mut columns: Vec<(String, bool)> = Vec::new();
    for v in plan.global_indicators.iter().flat_map(|g| &g.values) {
        if !columns.iter().any(|(c, _)| c == &v.column) {
            columns.push((v.column.clone(), v.is_baseline));
        }
    }
    // The baseline first, then the years in order.
    columns.sort_by_key(|(c, baseline)| (!baseline, c.clone()));
    let rows = plan
        .global_indicators
        .iter()
        .map(|g| GlobalRow {
            name: match &g.note {
                Some(note) => format!("{} {note}", g.name),
                None => g.name.clone(),
            },
            cells: columns
                .iter()
                .map(|(c, _)| {
                    g.values
                        .iter()
                        .find(|v| &v.column == c)
                        .map(global_cell)
                        .unwrap_or_default()
                })
                .collect(),
            expected: g.expected_text.clone(),
            verdict: verdict(&g.verdict, lang),
        })
        .collect();
    GlobalTable {
        columns: columns
            .iter()
            .map(|(c, baseline)| {
                if *baseline {
                    pick(lang, "Počáteční hodnota", "Baseline")
                } else {
                    c.clone()
                }
            })
            .collect(),
        rows,
        notes: plan
            .global_indicators
            .first()
            .map(|g| source_words(&g.source))
            .into_iter()
            .collect(),
    }
}

/// A global value as the report prints it: the city's value, the region's after "vs.", the
/// rank, and the period in brackets.
fn global_cell(v: &input::GlobalValue) -> String {
    let mut cell = v.text.clone();
    if let Some(region) = &v.region_text {
        cell.push_str(" vs. ");
        cell.push_str(region);
    }
    if let Some(rank) = &v.rank {
        cell.push_str(", ");
        cell.push_str(rank);
    }
    if let Some(period) = &v.period {
        cell.push_str(&format!(" ({period})"));
    }
    cell
}

fn verdict(v: &str, lang: Lang) -> String {
    let (cs, en) = match v {
        "MET" => ("splněno", "met"),
        "RIGHT_WAY" => ("vývoj správným směrem", "moving the right way"),
        "WRONG_WAY" => ("vývoj nepříznivým směrem", "moving the wrong way"),
        "FLAT" => ("beze změny", "no change"),
        _ => ("nelze posoudit", "cannot be assessed"),
    };
    pick(lang, cs, en)
}

fn source_words(s: &input::Source) -> String {
    match &s.document {
        Some(d) => format!("{}, {}", d.title, s.locator),
        None => s.locator.clone(),
    }
}

fn area_view(
    a: &input::Area,
    lang: Lang,
    part: &impl Fn(Section) -> Part,
    keep: &impl Fn(&Part) -> bool,
) -> AreaView {
    let goals = a.strategic_goals.iter().flat_map(|s| &s.specific_goals);
    let bars = goals
        .filter_map(|g| {
            let p = g.progress.as_ref()?;
            let attainment = p.attainment?;
            Some(Bar {
                code: g.code.clone(),
                attainment: attainment.clamp(0.0, 1.0),
                attainment_text: format::percent(p.ratio.unwrap_or(attainment), lang),
                expected: p.expected.map(|e| e.clamp(0.0, 1.0)),
                expected_text: p
                    .expected
                    .map(|e| format::percent(e, lang))
                    .unwrap_or_default(),
                state: goal_state(&p.state, lang),
            })
        })
        .collect();
    // Codes come from the API, which prints only valid ones.
    let people = match a.code.parse::<Code>() {
        Ok(code) => part(Section::AreaPeople(code)),
        Err(_) => Part {
            key: String::new(),
            title: String::new(),
            blocks: Vec::new(),
        },
    };
    AreaView {
        code: a.code.clone(),
        name: match lang {
            Lang::Cs => a.name.clone(),
            Lang::En => a.name_en.clone(),
        },
        statuses: status_words(&a.status_counts, lang),
        bars,
        people: if keep(&people) {
            people
        } else {
            Part {
                blocks: Vec::new(),
                ..people
            }
        },
        strategic_goals: a
            .strategic_goals
            .iter()
            .map(|s| StrategicView {
                code: s.code.clone(),
                name: s.name.clone(),
                goals: s
                    .specific_goals
                    .iter()
                    .map(|g| goal_view(g, lang, part, keep))
                    .collect(),
            })
            .collect(),
    }
}

fn goal_state(state: &str, lang: Lang) -> String {
    let (cs, en) = match state {
        "ACHIEVED" => ("splněno", "achieved"),
        "ON_TRACK" => ("podle plánu", "on track"),
        "BEHIND" => ("ve zpoždění", "behind"),
        _ => ("bez dat", "no data"),
    };
    pick(lang, cs, en)
}

/// The goal's monitoring dates, oldest first.
fn goal_dates(g: &input::SpecificGoal) -> Vec<String> {
    g.impact_indicators
        .iter()
        .flat_map(|i| i.values.iter().map(|v| v.date.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn date_words(iso: &str, lang: Lang) -> String {
    iso.parse::<Date>()
        .map(|d| format::date(d, lang))
        .unwrap_or_else(|_| iso.to_owned())
}

fn indicator_row(i: &input::ImpactIndicator, dates: &[String], lang: Lang) -> IndicatorRow {
    let mut dated: Vec<(&str, f64)> = i
        .values
        .iter()
        .filter_map(|v| Some((v.date.as_str(), v.value?)))
        .collect();
    dated.sort_by(|a, b| a.0.cmp(b.0));
    let numbers: Vec<f64> = dated.into_iter().map(|(_, n)| n).collect();
    let (change, trend) = match numbers.as_slice() {
        [.., before, last] => change_words(*last - *before, lang),
        _ => (String::new(), String::new()),
    };
    IndicatorRow {
        name: i.report_name.clone().unwrap_or_else(|| i.name.clone()),
        is_key: i.is_key,
        unit: i.unit.clone(),
        values: dates
            .iter()
            .map(|d| {
                i.values
                    .iter()
                    .find(|v| &v.date == d)
                    .map(|v| match (lang, v.value) {
                        (Lang::En, Some(n)) => format::number_auto(n, lang),
                        _ => v.text.clone(),
                    })
                    .unwrap_or_default()
            })
            .collect(),
        change,
        trend,
        target: i
            .target
            .map(|t| format::number_auto(t, lang))
            .unwrap_or_default(),
    }
}

/// A change between two monitoring dates: signed with a real minus, and its direction.
fn change_words(delta: f64, lang: Lang) -> (String, String) {
    let figure = format::number_auto(delta.abs(), lang);
    if delta > 0.0 {
        (format!("+{figure}"), pick(lang, "roste", "rising"))
    } else if delta < 0.0 {
        (format!("\u{2212}{figure}"), pick(lang, "klesá", "falling"))
    } else {
        ("0".to_owned(), pick(lang, "beze změny", "no change"))
    }
}

fn measure_row(m: &input::Measure, lang: Lang) -> MeasureRow {
    let dash = || "–".to_owned();
    let Some(s) = &m.status else {
        return MeasureRow {
            code: m.code.clone(),
            name: m.name.clone(),
            status: pick(lang, "bez údaje", "no status"),
            implementer: dash(),
            activity: dash(),
            period: dash(),
        };
    };
    let reports = |n: Option<i32>| n.and_then(|n| u8::try_from(n).ok());
    let status = match s.kind.as_str() {
        "NOT_IMPLEMENTED" => MeasureStatus::NotImplemented,
        "COMPLETED" => MeasureStatus::Completed,
        _ => MeasureStatus::InProgress {
            reports: reports(s.reports),
            of: reports(s.reports_of),
        },
    };
    MeasureRow {
        code: m.code.clone(),
        name: m.name.clone(),
        status: match lang {
            Lang::Cs => status.report_text(),
            Lang::En => match status.reports() {
                _ if status == MeasureStatus::NotImplemented => "Not implemented".to_owned(),
                _ if status == MeasureStatus::Completed => "Completed".to_owned(),
                Some((n, of)) => format!("In progress ({n}/{of})"),
                None => "In progress".to_owned(),
            },
        },
        implementer: s
            .implementer
            .as_ref()
            .map(|o| o.name.clone())
            .or_else(|| s.implementer_text.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(dash),
        activity: match s.activity.as_str() {
            "PROJECT" => pick(lang, "Projektová aktivita", "Project"),
            _ => pick(lang, "Neprojektová aktivita", "Non-project activity"),
        },
        period: s
            .period_text
            .clone()
            .filter(|t| !t.is_empty())
            .unwrap_or_else(dash),
    }
}

fn goal_view(
    g: &input::SpecificGoal,
    lang: Lang,
    part: &impl Fn(Section) -> Part,
    keep: &impl Fn(&Part) -> bool,
) -> GoalView {
    let dates = goal_dates(g);
    let progress = g
        .progress
        .as_ref()
        .and_then(|p| {
            let ratio = p.ratio?;
            Some(match lang {
                Lang::Cs => format!(
                    "{} cílové hodnoty ({})",
                    format::percent(ratio, lang),
                    goal_state(&p.state, lang)
                ),
                Lang::En => format!(
                    "{} of the target ({})",
                    format::percent(ratio, lang),
                    goal_state(&p.state, lang)
                ),
            })
        })
        .unwrap_or_default();
    GoalView {
        code: g.code.clone(),
        target_text: g.target_text.clone(),
        progress,
        indicators: g
            .impact_indicators
            .iter()
            .map(|i| indicator_row(i, &dates, lang))
            .collect(),
        dates: dates.iter().map(|d| date_words(d, lang)).collect(),
        measures: g.measures.iter().map(|m| measure_row(m, lang)).collect(),
        reflection: match g.code.parse::<Code>() {
            Ok(code) => [
                Section::Strengths(code.clone()),
                Section::Weaknesses(code.clone()),
                Section::YearSummary(code),
            ]
            .into_iter()
            .map(part)
            .filter(keep)
            .collect(),
            Err(_) => Vec::new(),
        },
    }
}

fn annex_goal(s: &input::StrategicGoal, g: &input::SpecificGoal, lang: Lang) -> AnnexGoal {
    let all = goal_dates(g);
    let dates: Vec<String> = all[all.len().saturating_sub(2)..].to_vec();
    AnnexGoal {
        code: g.code.clone(),
        strategic: format!("{}: {}", s.code, s.name),
        target_text: g.target_text.clone(),
        indicators: g
            .impact_indicators
            .iter()
            .map(|i| indicator_row(i, &dates, lang))
            .collect(),
        dates: dates.iter().map(|d| date_words(d, lang)).collect(),
        measures: g.measures.iter().map(|m| measure_row(m, lang)).collect(),
    }
}

fn conflicts(plan: &input::Plan, lang: Lang) -> Conflicts {
    let view = |c: &input::Conflict| ConflictView {
        title: match lang {
            Lang::Cs => c.title.clone(),
            Lang::En => c.title_en.clone(),
        },
        statements: c
            .statements
            .iter()
            .map(|s| Fact {
                label: source_words(&s.source),
                value: s.value.clone(),
            })
            .collect(),
        chosen: c
            .resolved_statement_id
            .and_then(|id| c.statements.iter().find(|s| s.id == id))
            .map(|s| s.value.clone())
            .unwrap_or_default(),
        reason: c.resolution_reason.clone().unwrap_or_default(),
    };
    let (resolved, open): (Vec<_>, Vec<_>) = plan
        .conflicts
        .iter()
        .partition(|c| c.resolved_statement_id.is_some());
    Conflicts {
        open: open.into_iter().map(view).collect(),
        resolved: resolved.into_iter().map(view).collect(),
    }
}

fn annex_a(plan: &input::Plan, lang: Lang) -> Result<AnnexA, AssembleError> {
    let mut rows = Vec::new();
    let mut by_programme: Vec<(String, Total)> = Vec::new();
    let mut all = Total::default();
    for a in &plan.areas {
        let area = match lang {
            Lang::Cs => format!("{} {}", a.code, a.name),
            Lang::En => format!("{} {}", a.code, a.name_en),
        };
        let measures = a
            .strategic_goals
            .iter()
            .flat_map(|s| &s.specific_goals)
            .flat_map(|g| &g.measures);
        for m in measures {
            for p in &m.projects {
                let hellers: i64 = p
                    .budget
                    .hellers
                    .parse()
                    .map_err(|_| AssembleError::BadAmount(p.budget.hellers.clone()))?;
                let amount = Czk::from_hellers(hellers);
                all.add(amount);
                match by_programme
                    .iter_mut()
                    .find(|(name, _)| name == &p.programme)
                {
                    Some((_, total)) => total.add(amount),
                    None => by_programme.push((p.programme.clone(), Total::of([amount]))),
                }
                rows.push(ProjectRow {
                    area: area.clone(),
                    measure: format!("{} {}", m.code, m.name),
                    implementer: p
                        .implementer
                        .as_ref()
                        .map(|o| o.name.clone())
                        .unwrap_or_default(),
                    registration: p.registration_number.clone(),
                    budget: format::czk(amount, lang),
                    call: format!("{} {}", p.call, p.programme),
                });
            }
        }
    }
    let total_label = pick(lang, "Celkem", "Total");
    let mut totals = Vec::new();
    for (programme, total) in by_programme {
        totals.push(Fact {
            label: format!("{total_label} {programme}"),
            value: format::czk(total.get().map_err(|_| AssembleError::Overflow)?, lang),
        });
    }
    totals.push(Fact {
        label: total_label,
        value: format::czk(all.get().map_err(|_| AssembleError::Overflow)?, lang),
    });
    Ok(AnnexA { rows, totals })
}

/// Whether any block of a part has text (for the HTML preview's placeholders).
pub fn is_written(part: &Part) -> bool {
    part.blocks.iter().any(|b| match b {
        Block::Paragraph(p) => !p.is_empty(),
        Block::List(items) => !items.is_empty(),
    })
}

#[cfg(test)]
pub(crate) mod tests;
