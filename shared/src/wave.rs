//! Monitoring waves: the half-yearly collections of a plan's data ("Sběr … vlny dat
//! monitoringu", Tabulka 4 of Action Plan I).
//!
//! A wave opens on a day and has a deadline. It collects the values dated after the previous
//! wave's deadline up to and including its own (its [`Window`]); the first wave collects
//! everything up to its deadline. Whether an expected item is delivered in a wave is
//! [`item_state`]: published, a draft, still due, or late once the deadline has passed. A
//! figure is *stale* when its latest value is older than the window of the last closed wave
//! ([`StaleRule`]).

use serde::{Deserialize, Serialize};

use crate::Date;

/// Where a wave stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Phase {
    /// Collection has not opened yet.
    Upcoming,
    /// Open: values may be delivered until the deadline (inclusive).
    Open,
    /// The deadline has passed.
    Closed,
}

/// The phase of a wave opening on `opens` with `deadline`, on `today`. The deadline day itself
/// is still open.
pub fn phase(opens: Date, deadline: Date, today: Date) -> Phase {
    if today < opens {
        Phase::Upcoming
    } else if today <= deadline {
        Phase::Open
    } else {
        Phase::Closed
    }
}

/// The dates whose values a wave collects: after `after` (the previous wave's deadline; none
/// for the first wave) up to and including `until` (its own deadline).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub after: Option<Date>,
    pub until: Date,
}

impl Window {
    /// Whether a value dated `date` belongs to the wave.
    pub fn contains(&self, date: Date) -> bool {
        date <= self.until && self.after.is_none_or(|a| date > a)
    }
}

/// The window of each wave, given the deadlines of all the plan's waves (in any order; the
/// result is in the same order). Deadlines are distinct within a plan.
pub fn windows(deadlines: &[Date]) -> Vec<Window> {
    deadlines
        .iter()
        .map(|&until| Window {
            after: deadlines.iter().copied().filter(|&d| d < until).max(),
            until,
        })
        .collect()
}

/// Whether an expected item is delivered in a wave.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ItemState {
    /// A published value or status in the wave's window.
    Published,
    /// Only a draft awaiting a coordinator.
    Draft,
    /// Nothing yet, and the deadline has not passed.
    Due,
    /// Nothing, and the deadline has passed.
    Late,
}

impl ItemState {
    /// Whether anything was delivered (a draft counts: the implementer has done their part).
    pub fn delivered(self) -> bool {
        matches!(self, ItemState::Published | ItemState::Draft)
    }
}

/// The state of an item with (`published`) a published record in the wave's window, (`draft`)
/// a draft there, in a wave in `phase`.
pub fn item_state(published: bool, draft: bool, phase: Phase) -> ItemState {
    match (published, draft, phase) {
        (true, _, _) => ItemState::Published,
        (false, true, _) => ItemState::Draft,
        (false, false, Phase::Closed) => ItemState::Late,
        (false, false, _) => ItemState::Due,
    }
}

/// How many expected items of a wave are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub expected: u32,
    pub published: u32,
    pub drafts: u32,
    pub due: u32,
    pub late: u32,
}

impl Counts {
    pub fn add(&mut self, state: ItemState) {
        self.expected += 1;
        match state {
            ItemState::Published => self.published += 1,
            ItemState::Draft => self.drafts += 1,
            ItemState::Due => self.due += 1,
            ItemState::Late => self.late += 1,
        }
    }

    /// Items with nothing delivered, due or late.
    pub fn missing(&self) -> u32 {
        self.due + self.late
    }

    /// The counts as the public may see them: a draft is not yet delivered, so it counts as
    /// due or late by the wave's phase (the public never learns that a draft exists).
    pub fn public(&self, phase: Phase) -> Counts {
        let mut c = *self;
        match phase {
            Phase::Closed => c.late += c.drafts,
            _ => c.due += c.drafts,
        }
        c.drafts = 0;
        c
    }

    /// Percent of expected items published (0 when none is expected).
    pub fn published_percent(&self) -> u32 {
        (self.published * 100)
            .checked_div(self.expected)
            .unwrap_or(0)
    }
}

/// The rule telling stale figures on a day: a value dated on or before `on_or_before` is older
/// than the window of the last closed wave (`wave`, its index in the list given).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StaleRule {
    pub wave: usize,
    pub on_or_before: Date,
}

impl StaleRule {
    /// The rule on `today` for waves given as `(opens, deadline)`: none while no wave has closed,
    /// or when the last closed one is the first (everything before it is its own).
    pub fn on(waves: &[(Date, Date)], today: Date) -> Option<StaleRule> {
        let deadlines: Vec<Date> = waves.iter().map(|w| w.1).collect();
        let (wave, window) = windows(&deadlines)
            .into_iter()
            .enumerate()
            .filter(|(i, _)| phase(waves[*i].0, waves[*i].1, today) == Phase::Closed)
            .max_by_key(|(_, w)| w.until)?;
        Some(StaleRule {
            wave,
            on_or_before: window.after?,
        })
    }

    /// Whether a figure whose latest value is dated `latest` is stale.
    pub fn is_stale(&self, latest: Date) -> bool {
        latest <= self.on_or_before
    }
}

/// The wave a page shows first, of waves given as `(opens, deadline)`: the open one with the
/// earliest deadline, else the one closed most recently, else the next to open.
pub fn current(waves: &[(Date, Date)], today: Date) -> Option<usize> {
    let by = |p: Phase| {
        waves
            .iter()
            .enumerate()
            .filter(move |(_, w)| phase(w.0, w.1, today) == p)
    };
    by(Phase::Open)
        .min_by_key(|(_, w)| w.1)
        .or_else(|| by(Phase::Closed).max_by_key(|(_, w)| w.1))
        .or_else(|| by(Phase::Upcoming).min_by_key(|(_, w)| w.0))
        .map(|(i, _)| i)
}

/// Whether two waves' collection periods (`opens..=deadline`) share a day.
pub fn overlaps(a: (Date, Date), b: (Date, Date)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        text.parse().expect("a valid date")
    }

    /// The three waves of Tabulka 4: the first halves of 2024, 2025 and 2026.
    fn ostrava() -> Vec<(Date, Date)> {
        vec![
            (d("2024-01-01"), d("2024-06-30")),
            (d("2025-01-01"), d("2025-06-30")),
            (d("2026-01-01"), d("2026-06-30")),
        ]
    }

    #[test]
    fn a_wave_is_open_from_its_first_day_to_its_deadline() {
        let (o, dl) = (d("2026-01-01"), d("2026-06-30"));
        assert_eq!(phase(o, dl, d("2025-12-31")), Phase::Upcoming);
        assert_eq!(phase(o, dl, o), Phase::Open);
        assert_eq!(
            phase(o, dl, dl),
            Phase::Open,
            "the deadline day is still open"
        );
        assert_eq!(phase(o, dl, d("2026-07-01")), Phase::Closed);
    }

    #[test]
    fn each_wave_collects_after_the_previous_deadline_up_to_its_own() {
        // Given out of order, answered in the order given.
        let deadlines = [d("2025-06-30"), d("2024-06-30"), d("2026-06-30")];
        let w = windows(&deadlines);
        assert_eq!(
            w[1].after, None,
            "the first wave collects everything before it"
        );
        assert_eq!(w[0].after, Some(d("2024-06-30")));
        assert_eq!(w[2].after, Some(d("2025-06-30")));
        // The report's dates: "Stav k 31. 12. 2023" and "Data k 30. 4. 2024" are the first
        // wave's, "Stav k 31. 12. 2024" and "Data k 31. 1. 2025" the second's.
        assert!(w[1].contains(d("2023-12-31")) && w[1].contains(d("2024-04-30")));
        assert!(w[0].contains(d("2024-12-31")) && w[0].contains(d("2025-03-24")));
        assert!(
            !w[0].contains(d("2024-06-30")),
            "the previous deadline is the previous wave's"
        );
        assert!(
            w[0].contains(d("2025-06-30")),
            "its own deadline is its own"
        );
        assert!(!w[2].contains(d("2026-07-01")));
    }

    #[test]
    fn an_item_is_published_drafted_due_or_late() {
        assert_eq!(item_state(true, true, Phase::Closed), ItemState::Published);
        assert_eq!(item_state(false, true, Phase::Closed), ItemState::Draft);
        assert_eq!(item_state(false, false, Phase::Open), ItemState::Due);
        assert_eq!(item_state(false, false, Phase::Upcoming), ItemState::Due);
        assert_eq!(item_state(false, false, Phase::Closed), ItemState::Late);
        assert!(ItemState::Draft.delivered() && !ItemState::Late.delivered());
    }

    #[test]
    fn the_public_counts_hide_drafts() {
        let mut c = Counts::default();
        for s in [
            ItemState::Published,
            ItemState::Draft,
            ItemState::Late,
            ItemState::Late,
        ] {
            c.add(s);
        }
        assert_eq!((c.expected, c.published, c.drafts, c.late), (4, 1, 1, 2));
        assert_eq!(c.missing(), 2);
        let p = c.public(Phase::Closed);
        assert_eq!(
            (p.expected, p.published, p.drafts, p.late, p.due),
            (4, 1, 0, 3, 0)
        );
        let p = c.public(Phase::Open);
        assert_eq!((p.drafts, p.due, p.late), (0, 1, 2));
        assert_eq!(c.published_percent(), 25);
        assert_eq!(Counts::default().published_percent(), 0);
    }

    #[test]
    fn figures_older_than_the_last_closed_wave_are_stale() {
        let w = ostrava();
        // Before any wave closed, and while only the first has, nothing is stale.
        assert_eq!(StaleRule::on(&w, d("2024-05-01")), None);
        assert_eq!(StaleRule::on(&w, d("2025-03-01")), None);
        // After the second wave's deadline: values from the first wave's window are stale.
        let r = StaleRule::on(&w, d("2025-07-01")).expect("a rule");
        assert_eq!(r.wave, 1);
        assert!(r.is_stale(d("2024-04-30")));
        assert!(!r.is_stale(d("2025-01-31")));
        // Today (December 2026) the third wave has closed: the report's values are stale.
        let r = StaleRule::on(&w, d("2026-12-04")).expect("a rule");
        assert_eq!(r.wave, 2);
        assert!(r.is_stale(d("2025-03-24")) && r.is_stale(d("2025-06-30")));
        assert!(!r.is_stale(d("2026-04-30")));
    }

    #[test]
    fn the_current_wave_is_the_open_one_else_the_last_closed_else_the_next() {
        let w = ostrava();
        assert_eq!(
            current(&w, d("2023-06-01")),
            Some(0),
            "none closed: the next"
        );
        assert_eq!(current(&w, d("2025-02-01")), Some(1), "open");
        assert_eq!(
            current(&w, d("2025-09-01")),
            Some(1),
            "closed most recently"
        );
        assert_eq!(current(&w, d("2026-12-04")), Some(2));
        assert_eq!(current(&[], d("2026-12-04")), None);
    }

    #[test]
    fn periods_sharing_a_day_overlap() {
        let a = (d("2026-01-01"), d("2026-06-30"));
        assert!(overlaps(a, (d("2026-06-30"), d("2026-12-31"))));
        assert!(overlaps(a, (d("2025-01-01"), d("2027-01-01"))));
        assert!(!overlaps(a, (d("2026-07-01"), d("2026-12-31"))));
        assert!(!overlaps(a, (d("2025-01-01"), d("2025-12-31"))));
    }
}
