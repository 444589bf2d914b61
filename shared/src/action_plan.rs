//! Action plans beside each other: the years an action plan may cover, the code a new measure
//! gets, the target in force at a date, and the comparison of an action plan with the one it
//! was carried over from (measures added, ended, changed field by field, unchanged; estimated
//! costs by area and by funding source; what the earlier plan left unimplemented and whether
//! the later one carries it).
//!
//! Plain functions over plain values: the server gives them the records of two action plans,
//! the app shows what they return.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::Hash;

use serde::{Deserialize, Serialize};

use crate::code::{Code, Level, MAX_PART};
use crate::date::Date;
use crate::funding::FundingSource;
use crate::money::{Czk, Total};
use crate::status::StatusKind;
use crate::validate::Rule;

/// The years an action plan covers, both included (`2026–2027`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: i32,
    pub to: i32,
}

impl Period {
    /// Whether the two periods share a year.
    pub fn overlaps(self, other: Period) -> bool {
        self.from <= other.to && other.from <= self.to
    }

    /// Whether `year` lies in the period.
    pub fn contains(self, year: i32) -> bool {
        (self.from..=self.to).contains(&year)
    }
}

/// Another action plan of the same plan, as [`check_period`] compares with it.
#[derive(Debug, Clone, Copy)]
pub struct Neighbour<'a> {
    /// How people name it ("Akční plán I.").
    pub name: &'a str,
    pub period: Period,
}

/// Whether an action plan may cover `period`: it starts before it ends
/// ([`Rule::PeriodReversed`]), lies within the plan's years ([`Rule::OutOfRange`]) and shares
/// no year with another action plan of the plan ([`Rule::Overlaps`], naming the first).
pub fn check_period(period: Period, plan: Period, others: &[Neighbour<'_>]) -> Result<(), Rule> {
    if period.from > period.to {
        return Err(Rule::PeriodReversed);
    }
    if !plan.contains(period.from) || !plan.contains(period.to) {
        return Err(Rule::OutOfRange {
            min: i64::from(plan.from),
            max: i64::from(plan.to),
        });
    }
    match others.iter().find(|o| o.period.overlaps(period)) {
        Some(o) => Err(Rule::Overlaps {
            with: o.name.to_owned(),
        }),
        None => Ok(()),
    }
}

/// Which of the approved action plans (`periods`, by any key) is in force in `year`: the one
/// covering it, else the latest one begun before it, else the earliest (a plan read before its
/// first action plan starts). `None` without an approved action plan.
pub fn in_force<K: Copy>(periods: &[(K, Period)], year: i32) -> Option<K> {
    periods
        .iter()
        .find(|(_, p)| p.contains(year))
        .or_else(|| {
            periods
                .iter()
                .filter(|(_, p)| p.from <= year)
                .max_by_key(|(_, p)| p.from)
        })
        .or_else(|| periods.iter().min_by_key(|(_, p)| p.from))
        .map(|(k, _)| *k)
}

/// The code a new measure under `goal` gets: one more than the highest measure number any
/// action plan of the plan has used under that goal (`taken`: every measure code of the plan,
/// of every action plan), so a code never names two different measures over the plan's
/// life. [`Rule::TooMany`] when the goal's numbers are used up.
pub fn next_measure_code<'a>(
    goal: &Code,
    taken: impl IntoIterator<Item = &'a Code>,
) -> Result<Code, Rule> {
    if goal.level() != Level::SpecificGoal {
        return Err(Rule::UnknownId);
    }
    let highest = taken
        .into_iter()
        .filter(|c| c.level() == Level::Measure && c.parent().as_ref() == Some(goal))
        .map(Code::last)
        .max()
        .unwrap_or(0);
    highest
        .checked_add(1)
        .and_then(|n| goal.child(n))
        .ok_or(Rule::TooMany {
            max: usize::from(MAX_PART),
        })
}

/// Whether `code`, chosen by a person for a new measure under `goal`, may be used: a measure
/// code under that goal ([`Rule::UnknownId`] otherwise) that no measure of the plan has had
/// ([`Rule::Duplicate`]).
pub fn check_new_code<'a>(
    goal: &Code,
    code: &Code,
    taken: impl IntoIterator<Item = &'a Code>,
) -> Result<(), Rule> {
    if code.level() != Level::Measure || code.parent().as_ref() != Some(goal) {
        return Err(Rule::UnknownId);
    }
    if taken.into_iter().any(|t| t == code) {
        return Err(Rule::Duplicate);
    }
    Ok(())
}

/// A specific goal's target as set at one time: the number its indicator counts toward and
/// the words of the plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target<'a> {
    pub value: Option<f64>,
    pub text: Option<&'a str>,
}

/// A revision of a target: in force from `from` (included) until a later revision's date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TargetRevision<'a> {
    pub from: Date,
    pub target: Target<'a>,
}

/// The target in force on `date`: the latest revision dated on or before it, else the
/// plan's original target. Revisions may come in any order; of two on one date, the later
/// in the slice counts.
pub fn target_at<'a>(
    original: Target<'a>,
    revisions: &[TargetRevision<'a>],
    date: Date,
) -> Target<'a> {
    revisions
        .iter()
        .enumerate()
        .filter(|(_, r)| r.from <= date)
        .max_by_key(|(i, r)| (r.from, *i))
        .map_or(original, |(_, r)| r.target)
}

/// What a measure's card says, as far as two action plans are compared.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Card {
    pub name: String,
    pub description: String,
    pub target_group: String,
    pub responsible_body: String,
    pub schedule_text: String,
    pub estimated_cost_text: String,
    pub estimated_cost: Option<Czk>,
    pub funding: BTreeSet<FundingSource>,
    pub funding_text: String,
    pub links_text: String,
    pub service_type: Option<String>,
    /// The output indicators' names, in the card's order.
    pub output_indicators: Vec<String>,
}

/// A field of a measure's card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CardField {
    Name,
    Description,
    TargetGroup,
    ResponsibleBody,
    Schedule,
    EstimatedCostText,
    EstimatedCost,
    Funding,
    FundingText,
    Links,
    ServiceType,
    OutputIndicators,
}

impl CardField {
    pub const ALL: [CardField; 12] = [
        CardField::Name,
        CardField::Description,
        CardField::TargetGroup,
        CardField::ResponsibleBody,
        CardField::Schedule,
        CardField::EstimatedCostText,
        CardField::EstimatedCost,
        CardField::Funding,
        CardField::FundingText,
        CardField::Links,
        CardField::ServiceType,
        CardField::OutputIndicators,
    ];
}

/// The fields in which `after` differs from `before`, in the card's order. Texts are compared
/// as written except for surrounding white space.
pub fn differences(before: &Card, after: &Card) -> Vec<CardField> {
    CardField::ALL
        .into_iter()
        .filter(|&field| {
            let text = |a: &str, b: &str| a.trim() != b.trim();
            match field {
                CardField::Name => text(&before.name, &after.name),
                CardField::Description => text(&before.description, &after.description),
                CardField::TargetGroup => text(&before.target_group, &after.target_group),
                CardField::ResponsibleBody => {
                    text(&before.responsible_body, &after.responsible_body)
                }
                CardField::Schedule => text(&before.schedule_text, &after.schedule_text),
                CardField::EstimatedCostText => {
                    text(&before.estimated_cost_text, &after.estimated_cost_text)
                }
                CardField::EstimatedCost => before.estimated_cost != after.estimated_cost,
                CardField::Funding => before.funding != after.funding,
                CardField::FundingText => text(&before.funding_text, &after.funding_text),
                CardField::Links => text(&before.links_text, &after.links_text),
                CardField::ServiceType => {
                    before.service_type.as_deref().map(str::trim)
                        != after.service_type.as_deref().map(str::trim)
                }
                CardField::OutputIndicators => {
                    let names = |c: &Card| {
                        c.output_indicators
                            .iter()
                            .map(|n| n.trim().to_owned())
                            .collect::<Vec<_>>()
                    };
                    names(before) != names(after)
                }
            }
        })
        .collect()
}

/// How a measure of the later action plan came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Origin {
    /// Not in the earlier action plan.
    New,
    /// Carried over with the same card.
    Continued,
    /// Carried over, its card changed.
    Changed,
}

impl Origin {
    /// How a measure with `card` came to be, carrying on the measure with `origin` if any.
    pub fn of(card: &Card, origin: Option<&Card>) -> Origin {
        match origin {
            None => Origin::New,
            Some(o) if differences(o, card).is_empty() => Origin::Continued,
            Some(_) => Origin::Changed,
        }
    }
}

/// One measure of an action plan as [`compare`] sees it; `K` identifies a measure (its id).
#[derive(Debug, Clone)]
pub struct Entry<'a, K> {
    pub id: K,
    pub code: &'a Code,
    pub card: &'a Card,
    /// The measure of the earlier action plan this one carries on (later plan only).
    pub origin: Option<K>,
    /// The status that counts today (earlier plan only; `None` when never reported).
    pub status: Option<StatusKind>,
}

/// A measure of the earlier action plan the later one ends, and why.
#[derive(Debug, Clone)]
pub struct Ending<'a, K> {
    pub measure: K,
    pub reason: &'a str,
}

/// What became of the measures under one specific goal.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalComparison<K> {
    pub goal: Code,
    /// Measures of the later plan with no origin.
    pub added: Vec<K>,
    /// Measures of the earlier plan no later measure carries on, with the reason given when
    /// they were ended (`None`: simply not carried over).
    pub ended: Vec<(K, Option<String>)>,
    /// Carried over with changes: earlier, later, the fields that differ.
    pub changed: Vec<(K, K, Vec<CardField>)>,
    /// Carried over unchanged: earlier, later.
    pub unchanged: Vec<(K, K)>,
}

/// Two sums side by side: the earlier action plan's and the later one's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pair {
    pub earlier: Total,
    pub later: Total,
}

impl Pair {
    /// Adds `amount` to the later plan's sum, or to the earlier's.
    fn add(&mut self, later: bool, amount: Czk) {
        if later {
            self.later.add(amount);
        } else {
            self.earlier.add(amount);
        }
    }
}

/// The comparison of two action plans of one plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison<K> {
    /// Per specific goal that has a measure in either plan, in code order.
    pub goals: Vec<GoalComparison<K>>,
    /// Estimated costs of the cards per area (the area's code).
    pub cost_by_area: BTreeMap<Code, Pair>,
    /// Estimated costs per funding source named on the cards; a measure with two sources
    /// counts under both, as the plan's own money views do, so these do not add up to the
    /// total.
    pub cost_by_source: BTreeMap<FundingSource, Pair>,
    /// Every card's estimated cost.
    pub cost_total: Pair,
    /// The earlier plan's measures whose status says "Nerealizováno", each with the later
    /// measure that carries it on, if any.
    pub unimplemented: Vec<(K, Option<K>)>,
}

/// A later measure names an origin that is not a measure of the earlier plan, or two later
/// measures name the same one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OriginError {
    #[error("measure {0} carries on a measure that is not in the earlier action plan")]
    Unknown(String),
    #[error("measures {0} and {1} carry on the same measure")]
    Twice(String, String),
}

/// Compares the `later` action plan with the `earlier` one it was carried over from.
pub fn compare<K: Copy + Eq + Hash + Ord>(
    earlier: &[Entry<'_, K>],
    later: &[Entry<'_, K>],
    endings: &[Ending<'_, K>],
) -> Result<Comparison<K>, OriginError> {
    let by_id: HashMap<K, &Entry<'_, K>> = earlier.iter().map(|e| (e.id, e)).collect();
    let mut carried: HashMap<K, &Entry<'_, K>> = HashMap::new();
    for l in later {
        if let Some(origin) = l.origin {
            if !by_id.contains_key(&origin) {
                return Err(OriginError::Unknown(l.code.to_string()));
            }
            if let Some(first) = carried.insert(origin, l) {
                return Err(OriginError::Twice(
                    first.code.to_string(),
                    l.code.to_string(),
                ));
            }
        }
    }
    let reasons: HashMap<K, &str> = endings.iter().map(|e| (e.measure, e.reason)).collect();

    let mut goals: BTreeMap<Code, GoalComparison<K>> = BTreeMap::new();
    let mut ordered_later: Vec<&Entry<'_, K>> = later.iter().collect();
    ordered_later.sort_by(|a, b| a.code.cmp(b.code));
    let mut ordered_earlier: Vec<&Entry<'_, K>> = earlier.iter().collect();
    ordered_earlier.sort_by(|a, b| a.code.cmp(b.code));

    for l in &ordered_later {
        let g = group(&mut goals, l.code);
        match l.origin.and_then(|o| by_id.get(&o)) {
            None => g.added.push(l.id),
            Some(e) => {
                let fields = differences(e.card, l.card);
                if fields.is_empty() {
                    g.unchanged.push((e.id, l.id));
                } else {
                    g.changed.push((e.id, l.id, fields));
                }
            }
        }
    }
    for e in &ordered_earlier {
        if !carried.contains_key(&e.id) {
            let reason = reasons.get(&e.id).map(|r| (*r).to_owned());
            group(&mut goals, e.code).ended.push((e.id, reason));
        }
    }

    let mut cost_by_area: BTreeMap<Code, Pair> = BTreeMap::new();
    let mut cost_by_source: BTreeMap<FundingSource, Pair> = BTreeMap::new();
    let mut cost_total = Pair::default();
    for (entries, later_side) in [(earlier, false), (later, true)] {
        for m in entries {
            let Some(cost) = m.card.estimated_cost else {
                continue;
            };
            cost_by_area
                .entry(m.code.area())
                .or_default()
                .add(later_side, cost);
            for source in &m.card.funding {
                cost_by_source
                    .entry(*source)
                    .or_default()
                    .add(later_side, cost);
            }
            cost_total.add(later_side, cost);
        }
    }

    let unimplemented = ordered_earlier
        .iter()
        .filter(|e| e.status == Some(StatusKind::NotImplemented))
        .map(|e| (e.id, carried.get(&e.id).map(|l| l.id)))
        .collect();

    Ok(Comparison {
        goals: goals.into_values().collect(),
        cost_by_area,
        cost_by_source,
        cost_total,
        unimplemented,
    })
}

/// The group of the specific goal `code` (a measure's code) lies under.
fn group<'g, K>(
    goals: &'g mut BTreeMap<Code, GoalComparison<K>>,
    code: &Code,
) -> &'g mut GoalComparison<K> {
    let goal = code.parent().unwrap_or_else(|| code.clone());
    goals.entry(goal.clone()).or_insert_with(|| GoalComparison {
        goal,
        added: Vec::new(),
        ended: Vec::new(),
        changed: Vec::new(),
        unchanged: Vec::new(),
    })
}

#[cfg(test)]
mod tests;
