//! The monitoring cycle's figures over a plan's read model: per wave, what each implementing
//! organisation is expected to deliver, what it delivered (published or a draft) and what is
//! missing (`shared::wave` holds the rules; this applies them to the plan's rows).
//!
//! An organisation implements a measure when a *published* status row of the measure names it
//! (the same rule that gives rights, `store::scope`). It is expected to deliver, in every wave,
//! a value of each impact indicator (key and secondary) of the specific goals its measures
//! serve, and a status of each of its measures. An indicator's value is the goal's, whoever
//! enters it: once delivered it counts for every organisation of the goal. A status counts for
//! an organisation when it names that organisation or none. What no organisation implements
//! falls to the coordinators: it forms the row without an organisation.

use std::collections::BTreeSet;

use shared::Date;
use shared::wave::{Counts, ItemState, Phase, Window, item_state};

use crate::entity as e;
use crate::store::model::PlanModel;

/// What an expected item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    /// A value of an impact indicator.
    Indicator { indicator_id: i32 },
    /// A status of a measure.
    Status { measure_id: i32 },
}

/// One expected item of an organisation in a wave.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    /// The specific goal it belongs to (the indicator's, or the measure's).
    pub goal_id: i32,
    pub state: ItemState,
    /// The value or status row that delivers it (the published one first).
    pub record_id: Option<i32>,
}

/// An organisation's (or, with none, the coordinators') items of a wave, in plan order: per
/// specific goal its indicators, then the organisation's measures of the goal.
#[derive(Clone, Debug)]
pub struct Row {
    pub organisation_id: Option<i32>,
    pub items: Vec<Item>,
    pub counts: Counts,
}

/// A wave's matrix: rows by organisation name, the row without an organisation last; `counts`
/// counts each indicator once and each status once per organisation.
#[derive(Clone, Debug, Default)]
pub struct Matrix {
    pub rows: Vec<Row>,
    pub counts: Counts,
}

fn under<M>(index: &std::collections::HashMap<i32, std::sync::Arc<[M]>>, key: i32) -> &[M] {
    index.get(&key).map_or(&[], |rows| rows)
}

fn date(text: &str) -> Option<Date> {
    text.parse().ok()
}

/// The record of `rows` in `window` that delivers an item: a published one first, else a
/// draft; and the item's state in a wave in `phase`.
fn delivery<'a, T: 'a>(
    rows: impl Iterator<Item = &'a T>,
    window: Window,
    phase: Phase,
    of: impl Fn(&T) -> (i32, &str, bool),
) -> (ItemState, Option<i32>) {
    let (mut published, mut draft) = (None, None);
    for r in rows {
        let (id, ref_date, is_published) = of(r);
        if !date(ref_date).is_some_and(|d| window.contains(d)) {
            continue;
        }
        let slot = if is_published {
            &mut published
        } else {
            &mut draft
        };
        slot.get_or_insert(id);
    }
    (
        item_state(published.is_some(), draft.is_some(), phase),
        published.or(draft),
    )
}

/// A measure and the organisations implementing it.
type Implemented<'a> = (&'a e::measure::Model, BTreeSet<i32>);

/// The specific goals of the plan in plan order, each with its measures and their implementers.
fn goals(m: &PlanModel) -> Vec<(&e::specific_goal::Model, Vec<Implemented<'_>>)> {
    let mut out = Vec::new();
    for area in under(&m.areas_by_plan, m.plan_id) {
        for sg in under(&m.strategic_goals_by_area, area.id) {
            for goal in under(&m.specific_goals_by_strategic_goal, sg.id) {
                let measures = under(&m.measures_by_goal, goal.id)
                    .iter()
                    .map(|ms| (ms, implementers(m, ms.id)))
                    .collect();
                out.push((goal, measures));
            }
        }
    }
    out
}

/// The organisations implementing `measure`: those its published status rows name.
pub fn implementers(m: &PlanModel, measure_id: i32) -> BTreeSet<i32> {
    under(&m.statuses_by_measure, measure_id)
        .iter()
        .filter(|s| s.published)
        .filter_map(|s| s.organisation_id)
        .collect()
}

/// The matrix of a wave collecting `window`, in `phase`.
pub fn matrix(m: &PlanModel, window: Window, phase: Phase) -> Matrix {
    let goals = goals(m);
    let indicator_item = |goal: &e::specific_goal::Model, i: &e::impact_indicator::Model| {
        let (state, record_id) = delivery(
            under(&m.values_by_indicator, i.id).iter(),
            window,
            phase,
            |v| (v.id, v.ref_date.as_str(), v.published),
        );
        Item {
            kind: ItemKind::Indicator { indicator_id: i.id },
            goal_id: goal.id,
            state,
            record_id,
        }
    };
    let status_item = |measure: &e::measure::Model, org: Option<i32>| {
        let rows = under(&m.statuses_by_measure, measure.id)
            .iter()
            .filter(|s| org.is_none() || s.organisation_id.is_none() || s.organisation_id == org);
        let (state, record_id) = delivery(rows, window, phase, |s| {
            (s.id, s.ref_date.as_str(), s.published)
        });
        Item {
            kind: ItemKind::Status {
                measure_id: measure.id,
            },
            goal_id: measure.specific_goal_id,
            state,
            record_id,
        }
    };
    let row_of = |org: Option<i32>| {
        let mut items = Vec::new();
        for (goal, measures) in &goals {
            let mine: Vec<&e::measure::Model> = measures
                .iter()
                .filter(|(_, by)| match org {
                    Some(o) => by.contains(&o),
                    None => by.is_empty(),
                })
                .map(|(ms, _)| *ms)
                .collect();
            let goal_implemented = measures.iter().any(|(_, by)| !by.is_empty());
            // The coordinators owe a goal's indicators only when no organisation does.
            let owes_indicators = match org {
                Some(_) => !mine.is_empty(),
                None => !goal_implemented,
            };
            if owes_indicators {
                items.extend(
                    under(&m.indicators_by_goal, goal.id)
                        .iter()
                        .map(|i| indicator_item(goal, i)),
                );
            }
            items.extend(mine.into_iter().map(|ms| status_item(ms, org)));
        }
        let mut counts = Counts::default();
        for i in &items {
            counts.add(i.state);
        }
        Row {
            organisation_id: org,
            items,
            counts,
        }
    };
    let mut rows: Vec<Row> = under(&m.organisations_by_plan, m.plan_id)
        .iter()
        .map(|o| row_of(Some(o.id)))
        .chain(std::iter::once(row_of(None)))
        .filter(|r| !r.items.is_empty())
        .collect();
    rows.shrink_to_fit();
    let counts = count(&rows);
    Matrix { rows, counts }
}

/// The counts of `rows`: each indicator once (it is the goal's, whoever owes it), each status
/// once per organisation.
pub fn count(rows: &[Row]) -> Counts {
    let mut counts = Counts::default();
    let mut seen = BTreeSet::new();
    for r in rows {
        for i in &r.items {
            let key = match i.kind {
                ItemKind::Indicator { .. } => (i.kind, None),
                ItemKind::Status { .. } => (i.kind, r.organisation_id),
            };
            if seen.insert(key) {
                counts.add(i.state);
            }
        }
    }
    counts
}

/// The plan's waves in deadline order with their windows and phases on `today`.
pub fn waves(m: &PlanModel, today: Date) -> Vec<(e::monitoring_wave::Model, Window, Phase)> {
    // Stored dates were validated when written; a row that is not one is left out.
    let rows: Vec<(&e::monitoring_wave::Model, (Date, Date))> = under(&m.waves_by_plan, m.plan_id)
        .iter()
        .filter_map(|w| Some((w, (date(&w.opens_on)?, date(&w.deadline)?))))
        .collect();
    let dates: Vec<(Date, Date)> = rows.iter().map(|r| r.1).collect();
    let deadlines: Vec<Date> = dates.iter().map(|d| d.1).collect();
    let windows = shared::wave::windows(&deadlines);
    rows.iter()
        .zip(windows)
        .map(|((w, (opens, deadline)), window)| {
            (
                (*w).clone(),
                window,
                shared::wave::phase(*opens, *deadline, today),
            )
        })
        .collect()
}
