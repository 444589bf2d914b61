//! Live updates of the published plan, as plain functions: the `graphql-transport-ws` messages
//! the app sends and reads, which pages an event concerns, what a page tells of the changes it
//! re-read (summarised, never a list of fifty), which marked elements changed, and how long to
//! wait before reconnecting. The socket itself is [`crate::live`]; the words are
//! [`crate::i18n::live_sentence`].

use serde::Deserialize;
use serde_json::{Value, json};

/// Where the server takes the WebSocket, relative to the page's origin.
pub const PATH: &str = "/graphql/ws";
/// The WebSocket subprotocol.
pub const PROTOCOL: &str = "graphql-transport-ws";
/// The id of the one subscription a connection carries.
pub const SUBSCRIPTION_ID: &str = "1";
/// The subscription: every change of the default plan, as the pages know it.
pub const SUBSCRIPTION: &str = "subscription PlanChanged($plan: String) { planChanged(plan: $plan) { plan revision at published changes { kind code goal measure area published } } }";

/// The wait before the first reconnection; it doubles with every failed attempt.
pub const FIRST_DELAY_MS: u32 = 1_000;
/// The longest wait between reconnections.
pub const MAX_DELAY_MS: u32 = 30_000;
/// A connection whose subscription stayed live this long resets the backoff.
pub const STEADY_MS: f64 = 10_000.0;
/// How many changes a live sentence names one by one; more are counted.
pub const LISTED: usize = 3;
/// How many distinct changes a page keeps while it re-reads (more are only counted as "many").
const KEPT: usize = 64;

/// What kind of record changed (the schema's `ChangeKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ChangeKind {
    Goal,
    Measure,
    IndicatorValue,
    Status,
    Project,
    Risk,
    Milestone,
    Conflict,
    GlobalIndicator,
    Summary,
    Wave,
    Report,
    /// The plan as a whole, or more records than the event names.
    Plan,
    /// A kind this app does not know yet.
    #[serde(other)]
    Other,
}

impl ChangeKind {
    /// Whether `code` names a record of the plan's tree (a goal's or measure's code), so a page
    /// of that tree may be its ancestor or descendant. Risks, milestones and conflicts have codes
    /// and ids of their own.
    fn code_is_in_tree(self) -> bool {
        matches!(
            self,
            ChangeKind::Goal
                | ChangeKind::IndicatorValue
                | ChangeKind::Summary
                | ChangeKind::Measure
                | ChangeKind::Status
                | ChangeKind::Project
        )
    }
}

/// One changed record, by where the public pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Change {
    pub kind: ChangeKind,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub goal: Option<String>,
    #[serde(default)]
    pub measure: Option<String>,
    #[serde(default)]
    pub area: Option<i32>,
    pub published: bool,
}

/// A plan's data changed (`planChanged`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PlanEvent {
    pub plan: String,
    pub revision: i64,
    /// RFC 3339, UTC: when the server heard the change.
    pub at: String,
    /// Published data changed.
    pub published: bool,
    /// Empty: something changed, not known what.
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// The message that opens a connection.
pub fn connection_init() -> String {
    json!({ "type": "connection_init" }).to_string()
}

/// The subscription to `planChanged` of `plan` (`None`: the default plan).
pub fn subscribe(plan: Option<&str>) -> String {
    json!({
        "id": SUBSCRIPTION_ID,
        "type": "subscribe",
        "payload": { "query": SUBSCRIPTION, "variables": { "plan": plan } },
    })
    .to_string()
}

/// A `ping` the client sends after subscribing: the server answers in order, so its `pong`
/// says the subscription is live.
pub fn ping() -> String {
    json!({ "type": "ping" }).to_string()
}

/// What the client does with a message from the server.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Nothing (a message this client does not know).
    Nothing,
    /// Answer with this message (a `pong` to a `ping`).
    Send(String),
    /// The server acknowledged the connection: subscribe with this message (then [`ping`]).
    Acked(String),
    /// The server answered the client's `ping`: the subscription sent before it is live.
    Pong,
    /// An event of the subscription.
    Heard(PlanEvent),
    /// The subscription ended or failed (the server's `complete` or `error`, or errors in
    /// `next`, as when it fell behind): close, reconnect and re-read, events may be lost.
    Restart,
}

/// What to do with the server's message `text`.
pub fn reply(text: &str, plan: Option<&str>) -> Reply {
    let Ok(message) = serde_json::from_str::<Value>(text) else {
        return Reply::Nothing;
    };
    let ours = || message.get("id").and_then(Value::as_str) == Some(SUBSCRIPTION_ID);
    match message.get("type").and_then(Value::as_str) {
        Some("connection_ack") => Reply::Acked(subscribe(plan)),
        Some("ping") => {
            let mut pong = json!({ "type": "pong" });
            if let Some(payload) = message.get("payload").filter(|p| !p.is_null()) {
                pong["payload"] = payload.clone();
            }
            Reply::Send(pong.to_string())
        }
        Some("pong") => Reply::Pong,
        Some("next") if ours() => {
            let payload = message.get("payload");
            let has_errors = payload
                .and_then(|p| p.get("errors"))
                .and_then(Value::as_array)
                .is_some_and(|e| !e.is_empty());
            let event = payload
                .and_then(|p| p.pointer("/data/planChanged"))
                .and_then(|e| serde_json::from_value::<PlanEvent>(e.clone()).ok());
            match event {
                Some(event) if !has_errors => Reply::Heard(event),
                _ => Reply::Restart,
            }
        }
        Some("error" | "complete") if ours() => Reply::Restart,
        _ => Reply::Nothing,
    }
}

/// How long to wait before reconnection attempt `attempt` (0 for the first after a
/// connection was lost): 1 s, 2 s, 4 s … at most 30 s, less up to a quarter by `random` (in
/// `[0, 1)`), so the tabs a restarted server lost do not all come back at the same moment.
pub fn backoff_ms(attempt: u32, random: f64) -> u32 {
    let base = FIRST_DELAY_MS
        .saturating_mul(1_u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX))
        .min(MAX_DELAY_MS);
    let cut = (f64::from(base) * random.clamp(0.0, 1.0) / 4.0) as u32;
    base - cut.min(base / 4)
}

/// What a page shows, as far as live updates are concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A page of the whole plan (overview, indicators, budget, risks, timeline, reports, search,
    /// open data, any page this list does not know): every published change may show on it.
    Plan,
    /// A goal's page (`2.1` or `2.1.3`).
    Goal(String),
    /// A measure's page (`2.1.3.4`).
    Measure(String),
    /// An area's page (`2`).
    Area(i32),
    /// A page that does not follow live updates (a record's history, for staff).
    Nothing,
}

impl Scope {
    /// The scope of the page `page` (its `data-page`) asked with `variables`.
    pub fn of(page: &str, variables: Option<&Value>) -> Scope {
        let code = variables
            .and_then(|v| v.get("code"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        match (page, code) {
            ("history", _) => Scope::Nothing,
            ("goal", Some(code)) => Scope::Goal(code),
            ("measure", Some(code)) => Scope::Measure(code),
            ("area", Some(code)) => code.parse().map_or(Scope::Plan, Scope::Area),
            // The meeting view of an area (`2`) or a specific goal (`2.1.3`).
            ("meeting", Some(code)) if !code.contains('.') => {
                code.parse().map_or(Scope::Plan, Scope::Area)
            }
            ("meeting", Some(code)) => Scope::Goal(code),
            _ => Scope::Plan,
        }
    }

    /// Whether `change` may show on the page. Drafts never do: the public pages show published
    /// data only. When in doubt, it does (the page re-reads; a change it does not show is then
    /// not announced).
    pub fn concerns(&self, change: &Change) -> bool {
        if !change.published {
            return false;
        }
        let tree: Vec<&str> = [
            change.goal.as_deref(),
            change.measure.as_deref(),
            change
                .code
                .as_deref()
                .filter(|_| change.kind.code_is_in_tree()),
        ]
        .into_iter()
        .flatten()
        .collect();
        // The plan as a whole, a monitoring wave (the "stale" marks of values) or a kind this app
        // does not know may change any page.
        let anywhere = matches!(
            change.kind,
            ChangeKind::Plan | ChangeKind::Wave | ChangeKind::Other
        );
        // Placed by its area alone.
        let area_only = tree.is_empty().then_some(change.area).flatten();
        match self {
            Scope::Nothing => false,
            Scope::Plan => true,
            Scope::Goal(page) | Scope::Measure(page) => {
                // A goal's page shows its own goal and everything under it (indicators, measures,
                // their statuses), and the names of the goals and the area above it.
                let below = tree.iter().any(|c| within(c, page));
                let above = change.kind == ChangeKind::Goal && tree.iter().any(|c| within(page, c));
                let area = change.kind == ChangeKind::Goal
                    && area_only.is_some()
                    && area_only == area_of(page);
                anywhere || below || above || area
            }
            Scope::Area(area) => {
                // The plan-wide lists (risks, milestones, global indicators, reports) are not on
                // an area's page even when they name it.
                let listed_elsewhere = matches!(
                    change.kind,
                    ChangeKind::Risk
                        | ChangeKind::Milestone
                        | ChangeKind::GlobalIndicator
                        | ChangeKind::Report
                );
                let in_area = tree.iter().any(|c| area_of(c) == Some(*area));
                anywhere || in_area || (!listed_elsewhere && area_only == Some(*area))
            }
        }
    }

    /// The changes of `event` this page shows (`Some(vec![])`: it changed, not known how), or
    /// `None` when the event does not concern it.
    pub fn concerning(&self, event: &PlanEvent) -> Option<Vec<Change>> {
        if *self == Scope::Nothing || !event.published {
            return None;
        }
        if event.changes.is_empty() {
            return Some(Vec::new());
        }
        let mine: Vec<Change> = event
            .changes
            .iter()
            .filter(|c| self.concerns(c))
            .cloned()
            .collect();
        (!mine.is_empty()).then_some(mine)
    }
}

/// Whether the code `code` is `ancestor` or below it (`2.1.3.4` is within `2.1`).
fn within(code: &str, ancestor: &str) -> bool {
    code == ancestor
        || code
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// The area number a plan code starts with.
fn area_of(code: &str) -> Option<i32> {
    code.split('.').next()?.parse().ok()
}

/// One thing a live sentence names: a kind of change and the code it is shown under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub kind: ChangeKind,
    pub code: Option<String>,
}

impl Item {
    fn of(change: &Change) -> Item {
        // A conflict's id means nothing to a reader.
        let code = match change.kind {
            ChangeKind::Conflict | ChangeKind::Plan | ChangeKind::Other => None,
            _ => change.code.clone(),
        };
        Item {
            kind: change.kind,
            code,
        }
    }
}

/// What a page tells of the changes it re-read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Summary {
    /// It changed; not known what.
    Unknown,
    /// Up to [`LISTED`] changes, each named.
    Items(Vec<Item>),
    /// More, all of one kind: how many records.
    Many { kind: ChangeKind, count: usize },
    /// More, of several kinds: how many.
    Mixed { count: usize },
}

/// The changes a page heard of since it last re-read: distinct, in the order heard.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pending {
    items: Vec<Item>,
    /// Distinct changes beyond the [`KEPT`] ones kept.
    more: usize,
    /// Whether anything is pending (a change, or a re-read after a reconnection).
    due: bool,
    /// When the latest change was heard (RFC 3339), if one was.
    at: Option<String>,
}

impl Pending {
    /// Adds the changes of an event heard at `at` (none: not known what changed).
    pub fn add(&mut self, changes: &[Change], at: &str) {
        self.due = true;
        self.at = Some(at.to_owned());
        for item in changes.iter().map(Item::of) {
            self.keep(item);
        }
    }

    /// Keeps `item` unless it is kept already; past [`KEPT`] items, only counts it.
    fn keep(&mut self, item: Item) {
        if self.items.contains(&item) {
            return;
        }
        if self.items.len() < KEPT {
            self.items.push(item);
        } else {
            self.more += 1;
        }
    }

    /// Adds what was heard after these changes (`later`), these first: a re-read that failed
    /// keeps what it was to tell.
    pub fn merge(&mut self, later: Pending) {
        self.due |= later.due;
        self.more += later.more;
        if later.at.is_some() {
            self.at = later.at;
        }
        for item in later.items {
            self.keep(item);
        }
    }

    /// Asks for a re-read without naming a change (after a reconnection events may be lost).
    pub fn resync(&mut self) {
        self.due = true;
    }

    /// Whether a re-read is due.
    pub fn is_due(&self) -> bool {
        self.due
    }

    /// When the latest change was heard, if one was.
    pub fn at(&self) -> Option<&str> {
        self.at.as_deref()
    }

    /// What to say of the pending changes.
    pub fn summary(&self) -> Summary {
        let count = self.items.len() + self.more;
        match self.items.first() {
            None => Summary::Unknown,
            Some(_) if count <= LISTED => Summary::Items(self.items.clone()),
            Some(first) if self.more == 0 && self.items.iter().all(|i| i.kind == first.kind) => {
                Summary::Many {
                    kind: first.kind,
                    count,
                }
            }
            Some(_) => Summary::Mixed { count },
        }
    }
}

/// What the live line says: a summary and the local time it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub summary: Summary,
    pub hour: u8,
    pub minute: u8,
    /// Counts the sentences said, so the same sentence said again is a new one.
    pub serial: u64,
}

/// The hour and minute of an RFC 3339 time (`2026-12-04T14:05:09Z`, `…+01:00`), as written.
/// The app shows the browser's local time; this is what it falls back to.
pub fn hour_minute(at: &str) -> Option<(u8, u8)> {
    let time = at.split(['T', 't', ' ']).nth(1)?;
    let hour = time.get(0..2)?.parse::<u8>().ok().filter(|h| *h < 24)?;
    let minute = time.get(3..5)?.parse::<u8>().ok().filter(|m| *m < 60)?;
    (time.get(2..3) == Some(":")).then_some((hour, minute))
}

/// A marked element of a page (`data-live`): the code it shows, its key among that code's
/// elements (`data-live-key`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub code: String,
    pub key: String,
    pub text: String,
}

/// Each marked element's identity on its page: its code and key, and how many before it had
/// the same (so two rows that share a key stay apart).
fn identities(marked: &[Marked]) -> Vec<(String, String, usize)> {
    let mut seen: std::collections::HashMap<(&str, &str), usize> = Default::default();
    marked
        .iter()
        .map(|m| {
            let n = seen.entry((&m.code, &m.key)).or_default();
            let id = (m.code.clone(), m.key.clone(), *n);
            *n += 1;
            id
        })
        .collect()
}

/// The positions in `after` of the marked elements that are new or whose text changed since
/// `before`.
pub fn changed(before: &[Marked], after: &[Marked]) -> Vec<usize> {
    let old: std::collections::HashMap<(String, String, usize), &str> = identities(before)
        .into_iter()
        .zip(before)
        .map(|(id, m)| (id, m.text.as_str()))
        .collect();
    identities(after)
        .into_iter()
        .zip(after)
        .enumerate()
        .filter(|(_, (id, m))| old.get(id) != Some(&m.text.as_str()))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests;
