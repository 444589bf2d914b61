//! The monitoring cycle's spreadsheet round-trip: an organisation's (or all of a coordinator's)
//! expected items of a wave as an XLSX template to fill (`template`), and the filled file — XLSX
//! or CSV — read back (`read`), checked cell by cell into a preview (`import`) and, once the
//! user confirms it, stored as drafts in one transaction (`apply`).
//!
//! A row of the template is one expected item ([`crate::monitoring`]): an impact indicator's
//! value or a measure's status. Its `ID` column ([`Key`]) says which; the hidden sheet holds,
//! per row, the record an entry revises and the version it had when the template was made, so
//! a value changed meanwhile by someone else is a conflict, not an overwrite.

pub mod apply;
pub mod cells;
pub mod import;
pub mod read;
pub mod template;

use std::collections::BTreeSet;

use shared::Date;
use shared::format::{self, Lang};
use shared::status::{ActivityKind, MeasureStatus, StatusKind};
use shared::wave::{Phase, Window};

use crate::entity as e;
use crate::monitoring::{self, ItemKind};
use crate::store::model::PlanModel;

/// Which expected item a row is: the value of an indicator, or the status of a measure as one
/// organisation (or, with none, the coordinators) reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Indicator(i32),
    Status {
        measure: i32,
        organisation: Option<i32>,
    },
}

impl Key {
    /// The text of the `ID` column: `U12` (indicator 12), `S34` (measure 34), `S34-5` (measure
    /// 34 as organisation 5 reports it).
    pub fn text(self) -> String {
        match self {
            Key::Indicator(id) => format!("U{id}"),
            Key::Status {
                measure,
                organisation: None,
            } => format!("S{measure}"),
            Key::Status {
                measure,
                organisation: Some(o),
            } => format!("S{measure}-{o}"),
        }
    }

    /// The key an `ID` cell names, if it is one.
    pub fn parse(text: &str) -> Option<Key> {
        let t = text.trim();
        let id = |s: &str| s.parse::<i32>().ok().filter(|n| *n > 0);
        if let Some(rest) = t.strip_prefix('U') {
            return id(rest).map(Key::Indicator);
        }
        let rest = t.strip_prefix('S')?;
        Some(match rest.split_once('-') {
            Some((m, o)) => Key::Status {
                measure: id(m)?,
                organisation: Some(id(o)?),
            },
            None => Key::Status {
                measure: id(rest)?,
                organisation: None,
            },
        })
    }
}

/// A status as entered: what a row of the template sets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StatusEntry {
    pub status: MeasureStatus,
    pub activity: ActivityKind,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl StatusEntry {
    /// The entry a stored status row holds (`None` for a row the database should not hold).
    pub fn of(s: &e::measure_status::Model) -> Option<StatusEntry> {
        let kind = StatusKind::from_db(&s.status)?;
        let status = match kind {
            StatusKind::NotImplemented => MeasureStatus::NotImplemented,
            StatusKind::Completed => MeasureStatus::Completed,
            StatusKind::InProgress => MeasureStatus::InProgress {
                reports: s.reports.and_then(|n| u8::try_from(n).ok()),
                of: s.reports_of.and_then(|n| u8::try_from(n).ok()),
            },
        };
        Some(StatusEntry {
            status,
            activity: ActivityKind::from_db(&s.activity)?,
            from: s.period_from.as_deref().and_then(|d| d.parse().ok()),
            to: s.period_to.as_deref().and_then(|d| d.parse().ok()),
        })
    }

    /// The entry in words ("V realizaci (3/6), 1. 1. 2024 – 31. 12. 2026").
    pub fn text(&self) -> String {
        let period = format::period(self.from, self.to, Lang::Cs);
        match period {
            Some(p) => format!("{}, {p}", self.status.report_text()),
            None => self.status.report_text(),
        }
    }
}

/// What a row's new value is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Entry {
    Value(f64),
    Status(StatusEntry),
}

impl Entry {
    pub fn text(&self) -> String {
        match self {
            Entry::Value(v) => format::number_auto(*v, Lang::Cs),
            Entry::Status(s) => s.text(),
        }
    }
}

/// The record at the wave's date an entry of a row revises: a pending draft first (a proposal
/// or a new value), else the published one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Current {
    pub id: i32,
    pub version: i32,
    pub published: bool,
    /// What it holds (none for a stored value without a number).
    pub entry: Option<Entry>,
}

/// The last published figure of a row, whatever its date.
#[derive(Clone, Debug, PartialEq)]
pub struct Last {
    pub text: String,
    pub date: Option<Date>,
}

/// One expected item of the wave, with what the template shows of it.
#[derive(Clone, Debug)]
pub struct Expected {
    pub key: Key,
    /// The specific goal's code for an indicator, the measure's for a status.
    pub code: String,
    pub name: String,
    pub organisation: Option<String>,
    /// The indicator's unit.
    pub unit: Option<String>,
    pub last: Option<Last>,
    pub current: Option<Current>,
}

/// Whose items: one organisation's, or (coordinators) every row of the wave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Organisation(i32),
    All,
}

/// The wave a sheet is for, and the date its entries refer to: the wave's stated date, else
/// its deadline (the last day of its window).
#[derive(Clone, Debug)]
pub struct Target {
    pub plan: String,
    pub wave: e::monitoring_wave::Model,
    pub scope: Scope,
    pub ref_date: Date,
}

impl Target {
    /// The wave `wave_id` of the plan and its window (`None`: no such wave).
    pub fn of(m: &PlanModel, plan: &str, wave_id: i32, scope: Scope) -> Option<(Target, Window)> {
        // Which items a wave expects does not depend on its phase, only their states do.
        let any_day = Date::new(2000, 1, 1)?;
        let (wave, window, _) = monitoring::waves(m, any_day)
            .into_iter()
            .find(|(w, ..)| w.id == wave_id)?;
        let ref_date = wave
            .as_of
            .as_deref()
            .and_then(|d| d.parse().ok())
            .or_else(|| wave.deadline.parse().ok())?;
        Some((
            Target {
                plan: plan.to_owned(),
                wave,
                scope,
                ref_date,
            },
            window,
        ))
    }
}

fn under<M>(index: &std::collections::HashMap<i32, std::sync::Arc<[M]>>, key: i32) -> &[M] {
    index.get(&key).map_or(&[], |rows| rows)
}

/// The expected items of `target` in template order (the matrix's: per organisation, per
/// goal its indicators then its measures' statuses); an indicator several organisations owe
/// appears once, in the first organisation's rows.
pub fn expected(m: &PlanModel, target: &Target, window: Window) -> Vec<Expected> {
    let matrix = monitoring::matrix(m, window, Phase::Open);
    let ref_date = target.ref_date.to_string();
    let indicators = indicator_index(m);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for row in &matrix.rows {
        let wanted = match target.scope {
            Scope::All => true,
            Scope::Organisation(o) => row.organisation_id == Some(o),
        };
        if !wanted {
            continue;
        }
        for item in &row.items {
            let key = match item.kind {
                ItemKind::Indicator { indicator_id } => Key::Indicator(indicator_id),
                ItemKind::Status { measure_id } => Key::Status {
                    measure: measure_id,
                    organisation: row.organisation_id,
                },
            };
            if !seen.insert(key) {
                continue;
            }
            if let Some(e) = describe(m, &indicators, key, &ref_date) {
                out.push(e);
            }
        }
    }
    out
}

/// Every key the wave expects of anyone (to tell another organisation's row from a made-up one).
pub fn all_keys(m: &PlanModel, window: Window) -> BTreeSet<Key> {
    let matrix = monitoring::matrix(m, window, Phase::Open);
    matrix
        .rows
        .iter()
        .flat_map(|row| {
            row.items.iter().map(move |item| match item.kind {
                ItemKind::Indicator { indicator_id } => Key::Indicator(indicator_id),
                ItemKind::Status { measure_id } => Key::Status {
                    measure: measure_id,
                    organisation: row.organisation_id,
                },
            })
        })
        .collect()
}

/// Each impact indicator of the plan by id, with its specific goal.
type Indicators<'a> =
    std::collections::HashMap<i32, (&'a e::specific_goal::Model, &'a e::impact_indicator::Model)>;

fn indicator_index(m: &PlanModel) -> Indicators<'_> {
    m.specific_goals
        .values()
        .flat_map(|g| g.iter())
        .flat_map(|g| {
            under(&m.indicators_by_goal, g.id)
                .iter()
                .map(move |i| (i.id, (g, i)))
        })
        .collect()
}

/// The row of `key`: its names, its last published figure and the record at `ref_date`.
fn describe(
    m: &PlanModel,
    indicators: &Indicators<'_>,
    key: Key,
    ref_date: &str,
) -> Option<Expected> {
    match key {
        Key::Indicator(id) => {
            let values = under(&m.values_by_indicator, id);
            let (goal, indicator) = *indicators.get(&id)?;
            let last = values
                .iter()
                .filter(|v| v.published)
                .max_by(|a, b| a.ref_date.cmp(&b.ref_date))
                .map(|v| Last {
                    text: v.value_text.clone(),
                    date: v.ref_date.parse().ok(),
                });
            let current = pick(values.iter().filter(|v| v.ref_date == ref_date), |v| {
                (v.id, v.version, v.published, v.value.map(Entry::Value))
            });
            Some(Expected {
                key,
                code: goal.code.clone(),
                name: indicator.name.clone(),
                organisation: None,
                unit: Some(indicator.unit.clone()),
                last,
                current,
            })
        }
        Key::Status {
            measure,
            organisation,
        } => {
            let ms = m.measures.get(&measure)?.first()?;
            let rows = under(&m.statuses_by_measure, measure);
            let mine = |s: &&e::measure_status::Model| {
                organisation.is_none()
                    || s.organisation_id.is_none()
                    || s.organisation_id == organisation
            };
            let last = rows
                .iter()
                .filter(|s| s.published)
                .filter(mine)
                .max_by(|a, b| a.ref_date.cmp(&b.ref_date))
                .map(|s| Last {
                    text: StatusEntry::of(s).map_or_else(|| s.status_text.clone(), |e| e.text()),
                    date: s.ref_date.parse().ok(),
                });
            let current = pick(
                rows.iter()
                    .filter(|s| s.ref_date == ref_date && s.organisation_id == organisation),
                |s| {
                    (
                        s.id,
                        s.version,
                        s.published,
                        StatusEntry::of(s).map(Entry::Status),
                    )
                },
            );
            let org_name = organisation.and_then(|o| {
                m.organisations
                    .get(&o)
                    .and_then(|r| r.first())
                    .map(|r| r.name.clone())
            });
            Some(Expected {
                key,
                code: ms.code.clone(),
                name: ms.name.clone(),
                organisation: org_name,
                unit: None,
                last,
                current,
            })
        }
    }
}

/// The record an entry revises among `rows` (those at the wave's date): a draft first.
fn pick<'a, T: 'a>(
    rows: impl Iterator<Item = &'a T>,
    of: impl Fn(&T) -> (i32, i32, bool, Option<Entry>),
) -> Option<Current> {
    let mut found: Option<Current> = None;
    for r in rows {
        let (id, version, published, entry) = of(r);
        let better = match &found {
            None => true,
            Some(f) => f.published && !published,
        };
        if better {
            found = Some(Current {
                id,
                version,
                published,
                entry,
            });
        }
    }
    found
}

/// The activity a status row carries when the file leaves it empty: the current record's, else
/// the last published status's of the measure.
pub fn default_activity(
    m: &PlanModel,
    key: Key,
    current: Option<&Current>,
) -> Option<ActivityKind> {
    if let Some(Current {
        entry: Some(Entry::Status(s)),
        ..
    }) = current
    {
        return Some(s.activity);
    }
    let Key::Status { measure, .. } = key else {
        return None;
    };
    under(&m.statuses_by_measure, measure)
        .iter()
        .filter(|s| s.published)
        .max_by(|a, b| a.ref_date.cmp(&b.ref_date))
        .and_then(|s| ActivityKind::from_db(&s.activity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_refuse_other_text() {
        for k in [
            Key::Indicator(12),
            Key::Status {
                measure: 34,
                organisation: None,
            },
            Key::Status {
                measure: 34,
                organisation: Some(5),
            },
        ] {
            assert_eq!(Key::parse(&k.text()), Some(k));
        }
        for bad in [
            "", "U", "U0", "U-1", "X12", "S12-", "S-3", "S1-2-3", "u12", "U1.5",
        ] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
        assert_eq!(Key::parse(" U7 "), Some(Key::Indicator(7)));
    }

    #[test]
    fn a_draft_is_revised_before_the_published_record() {
        let rows = [(1, 3, true), (2, 1, false)];
        let c = pick(rows.iter(), |r| (r.0, r.1, r.2, None)).unwrap();
        assert_eq!((c.id, c.version, c.published), (2, 1, false));
        let only = [(1, 3, true)];
        assert_eq!(pick(only.iter(), |r| (r.0, r.1, r.2, None)).unwrap().id, 1);
    }
}
