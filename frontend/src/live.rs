//! Live updates of the published plan in the browser.
//!
//! One WebSocket per tab ([`provide_live`], opened by an effect, so after the page was taken
//! over and never on the server) speaks `graphql-transport-ws` to `/graphql/ws` and subscribes to
//! `planChanged` of the default plan. What it hears goes into the [`LiveContext`]: a short log of
//! numbered news (an event, or "reconnected: events may have been lost").
//!
//! Each page ([`crate::components::page::page_view`] calls [`follow`]) reads the news, keeps
//! those that concern it ([`Scope`]) and re-reads its document in place: the current content
//! stays until the new answer replaces it, and Leptos patches the same DOM (same view types), so
//! nothing is reloaded, focus and open disclosures stay, and the browser's scroll anchoring keeps
//! what the reader looks at where it was. Once rendered, the marked elements (`data-live`) whose
//! text changed get the class `live-changed` (a fading background, or a brief outline with
//! reduced motion) and the live line (`aria-live="polite"`, [`live_line`]) says what changed.
//!
//! The socket reconnects with backoff ([`crate::logic::live::backoff_ms`]), and after a
//! reconnection every page re-reads once. It closes when the page goes into the browser's
//! back-forward cache and opens again when it comes back. On the server all of this does nothing.
//! The rules and texts are plain functions: [`crate::logic::live`], [`crate::i18n::live_sentence`].

use std::collections::VecDeque;

use leptos::prelude::*;
use serde_json::Value;
use shared::format::Lang;

use crate::api::ClientError;
use crate::i18n;
use crate::logic::live::{PlanEvent, Said, Summary};

/// How many news the log keeps: a page reads them within a frame, so a few are plenty.
#[cfg(not(feature = "ssr"))]
const KEPT: usize = 32;
/// How long the live line shows on screen (it stays readable to screen readers after).
#[cfg(not(feature = "ssr"))]
const SHOWN_MS: u64 = 8_000;
/// How long a changed element stays highlighted.
#[cfg(not(feature = "ssr"))]
const HIGHLIGHT_MS: u64 = 3_200;
/// The class of a changed element.
pub const CHANGED_CLASS: &str = "live-changed";

/// Something the tab heard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    /// The plan changed.
    Changed(PlanEvent),
    /// The socket is back after it was lost: events may have been missed, pages re-read.
    Reconnected,
}

/// The news heard lately, numbered from 1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Heard {
    /// The number of the latest news (0: none yet).
    pub last: u64,
    recent: VecDeque<(u64, News)>,
}

impl Heard {
    #[cfg(not(feature = "ssr"))]
    fn push(&mut self, news: News) {
        self.last += 1;
        self.recent.push_back((self.last, news));
        while self.recent.len() > KEPT {
            self.recent.pop_front();
        }
    }

    /// The news after number `seen`, oldest first.
    pub fn since(&self, seen: u64) -> impl Iterator<Item = &News> {
        self.recent
            .iter()
            .filter(move |(n, _)| *n > seen)
            .map(|(_, news)| news)
    }

    /// The latest event heard.
    pub fn last_event(&self) -> Option<&PlanEvent> {
        self.recent.iter().rev().find_map(|(_, news)| match news {
            News::Changed(event) => Some(event),
            News::Reconnected => None,
        })
    }
}

/// Live updates of the tab, provided by the layout.
#[derive(Clone, Copy)]
pub struct LiveContext {
    /// What the socket heard (the latest event and a counter, [`Heard`]).
    pub heard: RwSignal<Heard>,
    /// What the live line says.
    pub said: RwSignal<Option<Said>>,
    /// Whether the live line shows on screen.
    shown: RwSignal<bool>,
}

impl LiveContext {
    /// Says `summary` on the live line, with the local time of `at` (RFC 3339) or else now.
    pub fn say(&self, summary: Summary, at: Option<&str>) {
        let (hour, minute) = local_time(at);
        let serial = self
            .said
            .with_untracked(|s| s.as_ref().map_or(0, |s| s.serial))
            + 1;
        self.said.set(Some(Said {
            summary,
            hour,
            minute,
            serial,
        }));
        self.shown.set(true);
        #[cfg(not(feature = "ssr"))]
        {
            let (said, shown) = (self.said, self.shown);
            set_timeout(
                move || {
                    let current = said
                        .try_with_untracked(|s| s.as_ref().map(|s| s.serial))
                        .flatten();
                    if current == Some(serial) {
                        let _ = shown.try_set(false);
                    }
                },
                std::time::Duration::from_millis(SHOWN_MS),
            );
        }
    }
}

/// The hour and minute of `at` in the browser's time zone, or of now.
fn local_time(at: Option<&str>) -> (u8, u8) {
    #[cfg(not(feature = "ssr"))]
    {
        let date = at.map_or_else(js_sys::Date::new_0, |at| {
            js_sys::Date::new(&wasm_bindgen::JsValue::from_str(at))
        });
        let date = if date.get_time().is_nan() {
            js_sys::Date::new_0()
        } else {
            date
        };
        // Both fit a u8 (0–23, 0–59).
        (date.get_hours() as u8, date.get_minutes() as u8)
    }
    #[cfg(feature = "ssr")]
    {
        at.and_then(crate::logic::live::hour_minute)
            .unwrap_or((0, 0))
    }
}

/// Provides the tab's [`LiveContext`] and, in the browser, opens its socket once the app runs.
pub fn provide_live() -> LiveContext {
    let live = LiveContext {
        heard: RwSignal::new(Heard::default()),
        said: RwSignal::new(None),
        shown: RwSignal::new(false),
    };
    provide_context(live);
    #[cfg(not(feature = "ssr"))]
    Effect::new(move |_| socket::start(live));
    live
}

/// The tab's live updates, if the layout provided them.
pub fn use_live() -> Option<LiveContext> {
    use_context::<LiveContext>()
}

/// The live line: a polite live region, in the server's HTML from the start (empty) and the same
/// element in both languages, that says what changed on the page; on screen a small note at the
/// foot of the window for a few seconds, which moves nothing.
pub fn live_line(lang: RwSignal<Lang>) -> impl IntoView {
    let live = use_live();
    let text = move || {
        live.and_then(|l| l.said.get())
            .map(|said| i18n::live_sentence(&said, lang.get()))
            .unwrap_or_default()
    };
    let shown = move || live.is_some_and(|l| l.shown.get());
    view! {
        <p id="live-line" class="live-line" class:live-line-shown=shown role="status"
            aria-live="polite" aria-atomic="true">{text}</p>
    }
}

/// A page's answer: none while loading, else the data or the error.
pub type Answer = RwSignal<Option<Result<Value, ClientError>>>;

/// Whether the page's next render is a live update in place (then it keeps focus and scroll
/// where they are instead of settling as a newly opened page does).
#[derive(Clone, Copy)]
pub struct InPlace(StoredValue<bool>);

impl InPlace {
    /// Whether this render is a live update (asked once per render).
    pub fn take(self) -> bool {
        self.0.try_update_value(std::mem::take).unwrap_or(false)
    }
}

/// Makes the page `page`, which shows the answer to `query` with `variables` in `answer`, follow
/// live updates: re-read in place when news concern it, then highlight and say what changed.
pub fn follow(
    page: &'static str,
    query: &'static str,
    variables: Option<Value>,
    answer: Answer,
) -> InPlace {
    let in_place = InPlace(StoredValue::new(false));
    #[cfg(not(feature = "ssr"))]
    if let Some(live) = use_live() {
        refresh::watch(live, page, query, variables, answer, in_place);
    }
    #[cfg(feature = "ssr")]
    let _ = (page, query, variables, answer);
    in_place
}

/// A page's re-reads.
#[cfg(not(feature = "ssr"))]
mod refresh;

/// The tab's one socket.
#[cfg(not(feature = "ssr"))]
mod socket;
