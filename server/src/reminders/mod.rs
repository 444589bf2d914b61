//! E-mail reminders of the monitoring cycle (issue 17): the decisions, as plain functions.
//!
//! - A wave's own reminders go to the implementer accounts of every organisation with anything
//!   missing in it (nothing delivered, not even a draft), listing what is missing with a link to
//!   data entry narrowed to the wave and the organisation. On a day at most one kind is due
//!   ([`due`]): [`Kind::Opened`] from the opening day until `days_before` days before the
//!   deadline, then [`Kind::DueSoon`] until the deadline, then [`Kind::Overdue`] for
//!   [`Rules::overdue_for`] days after it (so a server started late, or reminders turned on
//!   for an old plan, never mails about waves long gone).
//! - Coordinators of a plan get a weekly digest of its current wave ([`shared::wave::current`]):
//!   the counts per organisation, while the wave is open and for [`Rules::digest_for`] days
//!   after its deadline; one per ISO week ([`iso_week`]).
//! - Each reminder is one [`Outgoing`] with a key (account, wave, kind, period) that the sending
//!   side (`send.rs`) claims in the database before it sends, so none goes twice.
//!
//! Texts are Czech, English for accounts whose language is `en` (`text.rs`).

pub mod send;
mod text;

use serde::Serialize;
use shared::Date;
use shared::format::Lang;
use shared::role::Role;
use shared::wave::{Counts, Phase};

pub use send::Reminders;

/// What a reminder is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// The wave has opened.
    Opened,
    /// The deadline is near.
    DueSoon,
    /// The deadline has passed.
    Overdue,
    /// Coordinators' weekly digest.
    Digest,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Opened, Kind::DueSoon, Kind::Overdue, Kind::Digest];

    /// The stable name stored in `reminder.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Opened => "OPENED",
            Kind::DueSoon => "DUE_SOON",
            Kind::Overdue => "OVERDUE",
            Kind::Digest => "DIGEST",
        }
    }

    pub fn from_db(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// When reminders are due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rules {
    /// Days before the deadline from which [`Kind::DueSoon`] is due (`PSZ_REMIND_DAYS_BEFORE`).
    pub days_before: i64,
    /// Days after the deadline during which [`Kind::Overdue`] is still sent.
    pub overdue_for: i64,
    /// Days after the deadline during which coordinators still get the wave's digest.
    pub digest_for: i64,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            days_before: 7,
            overdue_for: 14,
            digest_for: 28,
        }
    }
}

/// Which of a wave's own reminders is due on `today` (at most one), for a wave opening on
/// `opens` with `deadline`.
pub fn due(opens: Date, deadline: Date, today: Date, rules: &Rules) -> Option<Kind> {
    if today < opens {
        return None;
    }
    let left = today.days_until(deadline);
    if left >= 0 {
        Some(if left <= rules.days_before {
            Kind::DueSoon
        } else {
            Kind::Opened
        })
    } else if -left <= rules.overdue_for {
        Some(Kind::Overdue)
    } else {
        None
    }
}

/// Whether the coordinators' digest of a wave is due in the week of `today`: while it is open
/// and for [`Rules::digest_for`] days after its deadline.
pub fn digest_due(opens: Date, deadline: Date, today: Date, rules: &Rules) -> bool {
    today >= opens && deadline.days_until(today) <= rules.digest_for
}

/// The ISO 8601 week of a day, `2026-W51` (weeks start on Monday; week 1 holds the year's
/// first Thursday): the period of a digest.
pub fn iso_week(d: Date) -> String {
    let days = d.days_since_epoch();
    // 1970-01-01 was a Thursday: weekday 0 = Monday.
    let weekday = (days + 3).rem_euclid(7);
    let thursday = Date::from_days_since_epoch(days - weekday + 3);
    let year = thursday.year();
    let jan1 = Date::new(year, 1, 1).map_or(days, Date::days_since_epoch);
    let week = (thursday.days_since_epoch() - jan1) / 7 + 1;
    format!("{year}-W{week:02}")
}

/// A wave as the texts name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wave {
    pub id: i32,
    pub name: String,
    pub opens: Date,
    pub deadline: Date,
}

/// What is expected and missing: an indicator's value or a measure's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ItemKind {
    Indicator,
    Status,
}

/// One missing item: the goal's code and the indicator's name, or the measure's code and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub kind: ItemKind,
    pub code: String,
    pub name: String,
}

/// An organisation's missing items in a wave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OrgMissing {
    pub organisation_id: i32,
    pub organisation: String,
    pub items: Vec<Missing>,
}

/// An organisation's (or, with none, the coordinators') counts in a wave: a digest's line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgCounts {
    pub organisation: Option<String>,
    pub counts: Counts,
}

/// A wave's counts for a digest: per organisation (the matrix's rows) and in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub rows: Vec<OrgCounts>,
    pub total: Counts,
}

/// An account that may be mailed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Option<Role>,
    pub active: bool,
    pub lang: Lang,
    /// The plans it coordinates.
    pub plans: Vec<i32>,
    /// The organisations it reports for.
    pub organisations: Vec<i32>,
}

/// One reminder to send: its claim key (account, wave, kind, period) and what it says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub account_id: i32,
    pub email: String,
    pub wave_id: i32,
    pub kind: Kind,
    /// The ISO week of a digest, else empty.
    pub period: String,
    pub subject: String,
    pub body: String,
    /// The items listed, as JSON (kept with the record of what was sent).
    pub items: String,
}

/// A wave's own reminder of `kind` on `today` to every active implementer account of an
/// organisation in `missing` (organisations with nothing missing are not in it): one mail per
/// account, listing each of its organisations' missing items, in `missing`'s order.
pub fn implementer_reminders(
    wave: &Wave,
    kind: Kind,
    today: Date,
    missing: &[OrgMissing],
    accounts: &[Recipient],
    public_url: &str,
) -> Vec<Outgoing> {
    let mut out = Vec::new();
    for a in accounts {
        if !a.active || a.role != Some(Role::Implementer) {
            continue;
        }
        let mine: Vec<&OrgMissing> = missing
            .iter()
            .filter(|o| !o.items.is_empty() && a.organisations.contains(&o.organisation_id))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let (subject, body) = text::implementer(a.lang, kind, wave, today, &mine, public_url);
        out.push(Outgoing {
            account_id: a.id,
            email: a.email.clone(),
            wave_id: wave.id,
            kind,
            period: String::new(),
            subject,
            body,
            items: serde_json::to_string(&mine).unwrap_or_default(),
        });
    }
    out
}

/// The weekly digest of `wave` (in `phase`) for every active coordinator of `plan_id`: the
/// counts of every organisation and of the whole wave (`tally`).
pub fn digests(
    plan_id: i32,
    wave: &Wave,
    phase: Phase,
    today: Date,
    tally: &Tally,
    accounts: &[Recipient],
    public_url: &str,
) -> Vec<Outgoing> {
    let items = serde_json::to_string(
        &tally
            .rows
            .iter()
            .map(|r| {
                serde_json::json!({
                    "organisation": r.organisation,
                    "expected": r.counts.expected,
                    "published": r.counts.published,
                    "drafts": r.counts.drafts,
                    "missing": r.counts.missing(),
                })
            })
            .collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    accounts
        .iter()
        .filter(|a| a.active && a.role == Some(Role::Coordinator) && a.plans.contains(&plan_id))
        .map(|a| {
            let (subject, body) = text::digest(a.lang, wave, phase, today, tally, public_url);
            Outgoing {
                account_id: a.id,
                email: a.email.clone(),
                wave_id: wave.id,
                kind: Kind::Digest,
                period: iso_week(today),
                subject,
                body,
                items: items.clone(),
            }
        })
        .collect()
}

/// A line fit for a header or a list: control characters (line breaks above all) become
/// spaces, and runs of spaces one. Names come from validated fields already; this is the
/// second lock.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control() || c == ' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
