//! The monitoring cycle as the staff pages show it: the focus of `/zadavani` (wave, area, goal,
//! organisation, kept in the URL), what is missing per area, goal and organisation, the goals
//! whose forms a focus shows, and what an implementer still owes.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

/// A wave as the pages list it.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Wave {
    pub id: i32,
    pub version: i32,
    pub name: String,
    pub as_of: Option<String>,
    pub opens_on: String,
    pub deadline: String,
    /// `UPCOMING`, `OPEN` or `CLOSED`.
    pub phase: String,
}

/// How many items are in each state.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub expected: u32,
    pub published: u32,
    pub drafts: u32,
    pub due: u32,
    pub late: u32,
    pub missing: u32,
}

/// One expected item of an organisation.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    /// `INDICATOR` or `STATUS`.
    pub kind: String,
    /// `PUBLISHED`, `DRAFT`, `DUE` or `LATE`.
    pub state: String,
    pub goal_code: String,
    pub area_code: String,
    pub indicator_id: Option<i32>,
    pub name: String,
    pub measure_code: Option<String>,
}

impl Item {
    /// Nothing delivered yet (due or late).
    pub fn missing(&self) -> bool {
        self.state == "DUE" || self.state == "LATE"
    }

    /// What tells the item apart across rows: an indicator is one item whoever owes it.
    fn key(&self, organisation: Option<i32>) -> (String, Option<i32>, Option<String>, Option<i32>) {
        match self.indicator_id {
            Some(id) => (self.kind.clone(), Some(id), None, None),
            None => (
                self.kind.clone(),
                None,
                self.measure_code.clone(),
                organisation,
            ),
        }
    }
}

/// An organisation's items (none: the coordinators').
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    pub organisation_id: Option<i32>,
    pub organisation_name: Option<String>,
    pub counts: Counts,
    pub items: Vec<Item>,
}

/// What every organisation owes in a wave (an implementer's own rows only).
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Matrix {
    pub counts: Counts,
    pub rows: Vec<Row>,
}

/// A wave with its matrix.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct WaveMatrix {
    pub id: i32,
    pub name: String,
    pub as_of: Option<String>,
    pub deadline: String,
    pub phase: String,
    pub matrix: Matrix,
}

/// What `/zadavani` shows: a wave and, within it, an area, a goal or an organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Focus {
    pub wave: Option<i32>,
    pub area: Option<String>,
    pub goal: Option<String>,
    pub organisation: Option<i32>,
}

impl Focus {
    /// The focus of the URL's query (`vlna`, `oblast`, `cil`, `org`); a value that is not one
    /// is left out.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Focus {
        let number = |k: &str| get(k).and_then(|v| v.trim().parse::<i32>().ok());
        let code = |k: &str, dots: usize| {
            get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| v.parse::<shared::Code>().is_ok() && v.matches('.').count() == dots)
        };
        Focus {
            wave: number("vlna"),
            area: code("oblast", 0),
            goal: code("cil", 2),
            organisation: number("org"),
        }
    }

    /// The address of the focus.
    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        if let Some(w) = self.wave {
            parts.push(format!("vlna={w}"));
        }
        if let Some(a) = &self.area {
            parts.push(format!("oblast={a}"));
        }
        if let Some(g) = &self.goal {
            parts.push(format!("cil={g}"));
        }
        if let Some(o) = self.organisation {
            parts.push(format!("org={o}"));
        }
        if parts.is_empty() {
            "/zadavani".to_owned()
        } else {
            format!("/zadavani?{}", parts.join("&"))
        }
    }

    /// This focus in another wave, everything else kept.
    pub fn in_wave(&self, wave: i32) -> Focus {
        Focus {
            wave: Some(wave),
            ..self.clone()
        }
    }

    /// The wave's whole plan, nothing narrower.
    pub fn whole(&self) -> Focus {
        Focus {
            wave: self.wave,
            ..Focus::default()
        }
    }

    /// Whether anything narrower than the wave is chosen.
    pub fn is_narrowed(&self) -> bool {
        self.area.is_some() || self.goal.is_some() || self.organisation.is_some()
    }

    fn admits(&self, row: &Row, item: &Item) -> bool {
        self.organisation
            .is_none_or(|o| row.organisation_id == Some(o))
            && self.area.as_ref().is_none_or(|a| &item.area_code == a)
            && self.goal.as_ref().is_none_or(|g| &item.goal_code == g)
    }
}

/// Missing items (each counted once) by a key of the item and its row, in key order; a key
/// with nothing missing is there with 0.
pub fn missing_by<K: Ord + Clone>(
    rows: &[Row],
    key: impl Fn(&Row, &Item) -> K,
) -> BTreeMap<K, u32> {
    let mut seen = BTreeSet::new();
    let mut out = BTreeMap::new();
    for r in rows {
        for i in &r.items {
            let k = key(r, i);
            let n = out.entry(k.clone()).or_insert(0);
            if i.missing() && seen.insert((i.key(r.organisation_id), k)) {
                *n += 1;
            }
        }
    }
    out
}

/// The specific goals whose forms a focus shows, in plan order: those of the focus's items;
/// none while the focus is the whole wave and `everything_when_whole` is false (a coordinator
/// chooses first; an implementer sees their few goals at once).
pub fn goals_in_focus(rows: &[Row], focus: &Focus, everything_when_whole: bool) -> Vec<String> {
    if !focus.is_narrowed() && !everything_when_whole {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for r in rows {
        for i in &r.items {
            if focus.admits(r, i) && !out.contains(&i.goal_code) {
                out.push(i.goal_code.clone());
            }
        }
    }
    out.sort_by_key(|g| code_order(g));
    out
}

/// A code's numbers, so `2.1.10` sorts after `2.1.9`.
fn code_order(code: &str) -> Vec<u32> {
    code.split('.').filter_map(|p| p.parse().ok()).collect()
}

/// What is still missing in the rows (an implementer's own), each item once, in plan order.
pub fn owed(rows: &[Row]) -> Vec<Item> {
    let mut seen = BTreeSet::new();
    let mut out: Vec<Item> = Vec::new();
    for r in rows {
        for i in r.items.iter().filter(|i| i.missing()) {
            if seen.insert(i.key(r.organisation_id)) {
                out.push(i.clone());
            }
        }
    }
    out.sort_by_key(|i| code_order(&i.goal_code));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: &str, state: &str, goal: &str, id: Option<i32>, measure: Option<&str>) -> Item {
        Item {
            kind: kind.into(),
            state: state.into(),
            goal_code: goal.into(),
            area_code: goal.split('.').next().unwrap_or_default().into(),
            indicator_id: id,
            name: "x".into(),
            measure_code: measure.map(Into::into),
        }
    }

    fn rows() -> Vec<Row> {
        vec![
            Row {
                organisation_id: Some(1),
                organisation_name: Some("A".into()),
                counts: Counts::default(),
                items: vec![
                    item("INDICATOR", "LATE", "2.1.3", Some(10), None),
                    item("STATUS", "PUBLISHED", "2.1.3", None, Some("2.1.3.4")),
                    item("STATUS", "LATE", "2.1.10", None, Some("2.1.10.1")),
                ],
            },
            Row {
                organisation_id: Some(2),
                organisation_name: Some("B".into()),
                counts: Counts::default(),
                items: vec![
                    // The same indicator, owed by both: one missing item.
                    item("INDICATOR", "LATE", "2.1.3", Some(10), None),
                    item("STATUS", "DRAFT", "2.1.3", None, Some("2.1.3.1")),
                    item("INDICATOR", "DUE", "4.1.1", Some(20), None),
                ],
            },
        ]
    }

    #[test]
    fn the_focus_round_trips_through_the_address() {
        let q = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let f = Focus::from_query(q(&[("vlna", "3"), ("cil", "2.1.3"), ("org", "7")]));
        assert_eq!(f.href(), "/zadavani?vlna=3&cil=2.1.3&org=7");
        assert_eq!(f.in_wave(4).href(), "/zadavani?vlna=4&cil=2.1.3&org=7");
        assert_eq!(f.whole().href(), "/zadavani?vlna=3");
        assert_eq!(Focus::default().href(), "/zadavani");
        // Values that are not what they name are left out.
        let bad = Focus::from_query(q(&[
            ("vlna", "x"),
            ("oblast", "2.1"),
            ("cil", "2.1"),
            ("org", ""),
        ]));
        assert_eq!(bad, Focus::default());
        let area = Focus::from_query(q(&[("oblast", "2")]));
        assert_eq!(area.area.as_deref(), Some("2"));
    }

    #[test]
    fn missing_items_are_counted_once_per_key() {
        let r = rows();
        let by_area = missing_by(&r, |_, i| i.area_code.clone());
        // Area 2: the shared indicator once, and 2.1.10.1's status; area 4: one due indicator.
        assert_eq!(by_area.get("2"), Some(&2));
        assert_eq!(by_area.get("4"), Some(&1));
        let by_org = missing_by(&r, |row, _| row.organisation_id);
        // Per organisation its own: the shared indicator counts for each.
        assert_eq!(by_org.get(&Some(1)), Some(&2));
        assert_eq!(by_org.get(&Some(2)), Some(&2));
        let by_goal = missing_by(&r, |_, i| i.goal_code.clone());
        assert_eq!(
            by_goal.get("2.1.3"),
            Some(&1),
            "the published and the draft are not missing"
        );
        assert_eq!(by_goal.get("2.1.10"), Some(&1));
    }

    #[test]
    fn a_focus_shows_the_goals_of_its_items_in_plan_order() {
        let r = rows();
        let whole = Focus::default();
        assert!(
            goals_in_focus(&r, &whole, false).is_empty(),
            "a coordinator chooses first"
        );
        assert_eq!(
            goals_in_focus(&r, &whole, true),
            ["2.1.3", "2.1.10", "4.1.1"]
        );
        let org = Focus {
            organisation: Some(2),
            ..Focus::default()
        };
        assert_eq!(goals_in_focus(&r, &org, false), ["2.1.3", "4.1.1"]);
        let area = Focus {
            area: Some("2".into()),
            ..Focus::default()
        };
        assert_eq!(goals_in_focus(&r, &area, false), ["2.1.3", "2.1.10"]);
        let goal = Focus {
            goal: Some("4.1.1".into()),
            ..Focus::default()
        };
        assert_eq!(goals_in_focus(&r, &goal, false), ["4.1.1"]);
    }

    #[test]
    fn what_is_owed_is_each_missing_item_once() {
        let owed = owed(&rows());
        let names: Vec<(Option<i32>, Option<&str>)> = owed
            .iter()
            .map(|i| (i.indicator_id, i.measure_code.as_deref()))
            .collect();
        assert_eq!(
            names,
            [(Some(10), None), (None, Some("2.1.10.1")), (Some(20), None)]
        );
    }
}
