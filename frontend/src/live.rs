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
mod refresh {
    use leptos::prelude::*;
    use serde_json::Value;
    use wasm_bindgen::JsCast;

    use super::{Answer, CHANGED_CLASS, HIGHLIGHT_MS, InPlace, LiveContext, News};
    use crate::logic::live::{Marked, Pending, Scope, backoff_ms, changed};

    /// How often a failed re-read is tried again before the page waits for the next news.
    const TRIES: u32 = 3;

    /// What a following page keeps.
    #[derive(Default)]
    struct State {
        /// The number of the last news read.
        seen: u64,
        /// The changes heard and not yet re-read.
        pending: Pending,
        /// A re-read is under way.
        running: bool,
        /// Failed re-reads in a row.
        failures: u32,
    }

    /// One following page.
    #[derive(Clone, Copy)]
    struct Follower {
        live: LiveContext,
        page: &'static str,
        query: &'static str,
        variables: StoredValue<Option<Value>>,
        answer: Answer,
        in_place: InPlace,
        state: StoredValue<State>,
    }

    pub(super) fn watch(
        live: LiveContext,
        page: &'static str,
        query: &'static str,
        variables: Option<Value>,
        answer: Answer,
        in_place: InPlace,
    ) {
        let scope = Scope::of(page, variables.as_ref());
        if scope == Scope::Nothing {
            return;
        }
        let seen = live.heard.with_untracked(|h| h.last);
        let f = Follower {
            live,
            page,
            query,
            variables: StoredValue::new(variables),
            answer,
            in_place,
            state: StoredValue::new(State {
                seen,
                ..State::default()
            }),
        };
        Effect::new(move |_| {
            let due = live.heard.with(|heard| {
                f.state
                    .try_update_value(|s| {
                        for news in heard.since(s.seen) {
                            match news {
                                News::Changed(event) => {
                                    if let Some(changes) = scope.concerning(event) {
                                        s.pending.add(&changes, &event.at);
                                    }
                                }
                                News::Reconnected => s.pending.resync(),
                            }
                        }
                        s.seen = heard.last;
                        s.pending.is_due()
                    })
                    .unwrap_or(false)
            });
            if due {
                run(f);
            }
        });
    }

    /// Re-reads the page's document if news are pending and no re-read is under way.
    fn run(f: Follower) {
        // A page still loading gets the current data anyway.
        if f.answer.try_with_untracked(Option::is_none).unwrap_or(true) {
            let _ = f.state.try_update_value(|s| s.pending = Pending::default());
            return;
        }
        let taken = f
            .state
            .try_update_value(|s| {
                (!s.running && s.pending.is_due()).then(|| {
                    s.running = true;
                    std::mem::take(&mut s.pending)
                })
            })
            .flatten();
        let Some(taken) = taken else {
            return;
        };
        let before: Vec<Marked> = marks(f.page).into_iter().map(|(_, m)| m).collect();
        let variables = f.variables.try_get_value().flatten();
        leptos::task::spawn_local(async move {
            let got = crate::api::post_graphql_value(f.query, variables).await;
            let value = match got {
                Ok(value) => value,
                Err(_) => return failed(f, taken),
            };
            let differs = f
                .answer
                .try_with_untracked(|a| !matches!(a, Some(Ok(shown)) if *shown == value));
            match differs {
                // The page is gone.
                None => {}
                Some(false) => done(f),
                Some(true) => {
                    let _ = f.in_place.0.try_set_value(true);
                    let _ = f.answer.try_set(Some(Ok(value)));
                    // Leptos renders in a microtask; the next frame sees the new content.
                    request_animation_frame(move || {
                        highlight(f.page, &before);
                        f.live.say(taken.summary(), taken.at());
                        done(f);
                    });
                }
            }
        });
    }

    /// The re-read succeeded: the next pending news, if any.
    fn done(f: Follower) {
        let more = f
            .state
            .try_update_value(|s| {
                s.running = false;
                s.failures = 0;
                s.pending.is_due()
            })
            .unwrap_or(false);
        if more {
            run(f);
        }
    }

    /// The re-read failed (the page keeps what it shows): tried again a few times, backing off.
    fn failed(f: Follower, taken: Pending) {
        let failures = f
            .state
            .try_update_value(|s| {
                s.running = false;
                s.failures += 1;
                let mut again = taken;
                again.merge(std::mem::take(&mut s.pending));
                s.pending = again;
                s.failures
            })
            .unwrap_or(TRIES);
        if failures < TRIES {
            let delay = backoff_ms(failures, js_sys::Math::random());
            set_timeout(
                move || run(f),
                std::time::Duration::from_millis(u64::from(delay)),
            );
        }
    }

    /// The marked elements of the page `page`, with what they show.
    fn marks(page: &str) -> Vec<(web_sys::Element, Marked)> {
        let selector = format!("article.page[data-page=\"{page}\"] [data-live]");
        let Ok(list) = document().query_selector_all(&selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
            .map(|el| {
                let marked = Marked {
                    code: el.get_attribute("data-live").unwrap_or_default(),
                    key: el.get_attribute("data-live-key").unwrap_or_default(),
                    text: el.text_content().unwrap_or_default(),
                };
                (el, marked)
            })
            .collect()
    }

    /// Highlights the marked elements that are new or changed since `before`.
    fn highlight(page: &str, before: &[Marked]) {
        let now = marks(page);
        let texts: Vec<Marked> = now.iter().map(|(_, m)| m.clone()).collect();
        for i in changed(before, &texts) {
            if let Some((el, _)) = now.get(i) {
                flash(el);
            }
        }
    }

    /// Gives `el` the highlight class for a while (anew, when it already has it).
    fn flash(el: &web_sys::Element) {
        let classes = el.class_list();
        let _ = classes.remove_1(CHANGED_CLASS);
        // Reading the layout restarts the animation when the class comes back.
        let _ = el.get_bounding_client_rect();
        let _ = classes.add_1(CHANGED_CLASS);
        let stamp = js_sys::Date::now().to_string();
        let _ = el.set_attribute("data-live-at", &stamp);
        let el = el.clone();
        set_timeout(
            move || {
                if el.get_attribute("data-live-at").as_deref() == Some(stamp.as_str()) {
                    let _ = el.class_list().remove_1(CHANGED_CLASS);
                    let _ = el.remove_attribute("data-live-at");
                }
            },
            std::time::Duration::from_millis(HIGHLIGHT_MS),
        );
    }
}

/// The tab's one socket.
#[cfg(not(feature = "ssr"))]
mod socket {
    use std::cell::RefCell;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{CloseEvent, MessageEvent, WebSocket};

    use super::{LiveContext, News};
    use crate::logic::live::{
        PATH, PROTOCOL, Reply, STEADY_MS, backoff_ms, connection_init, ping, reply,
    };

    /// The socket's state.
    struct Socket {
        live: LiveContext,
        ws: Option<WebSocket>,
        /// Reconnection attempts since the last steady connection.
        attempt: u32,
        /// When the current connection's subscription went live (ms since the epoch).
        acked_at: Option<f64>,
        /// A subscription went live before: the next one going live means a reconnection.
        connected_before: bool,
        retry: Option<TimeoutHandle>,
        /// The page is in the back-forward cache.
        paused: bool,
        handlers: Handlers,
    }

    /// The socket's event handlers, made once and set on every new socket.
    struct Handlers {
        open: Closure<dyn FnMut()>,
        message: Closure<dyn FnMut(MessageEvent)>,
        close: Closure<dyn FnMut(CloseEvent)>,
    }

    thread_local! {
        static SOCKET: RefCell<Option<Socket>> = const { RefCell::new(None) };
    }

    /// Opens the tab's socket (once).
    pub(super) fn start(live: LiveContext) {
        let started = SOCKET.with_borrow(Option::is_some);
        if started {
            return;
        }
        let handlers = Handlers {
            open: Closure::new(opened),
            message: Closure::new(received),
            close: Closure::new(|_: CloseEvent| lost()),
        };
        SOCKET.set(Some(Socket {
            live,
            ws: None,
            attempt: 0,
            acked_at: None,
            connected_before: false,
            retry: None,
            paused: false,
            handlers,
        }));
        // The back-forward cache keeps no page with an open socket: close it on the way in,
        // open it on the way back (and re-read, as after any reconnection).
        let _ = window_event_listener_untyped("pagehide", |_| pause());
        let _ = window_event_listener_untyped("pageshow", |_| resume());
        // Back online: no need to wait out the backoff.
        let _ = window_event_listener_untyped("online", |_| connect_now());
        connect();
    }

    /// The socket's address on this page's origin.
    fn address() -> Option<String> {
        let location = window().location();
        let scheme = match location.protocol().ok()?.as_str() {
            "https:" => "wss:",
            _ => "ws:",
        };
        Some(format!("{scheme}//{}{PATH}", location.host().ok()?))
    }

    /// Opens a socket unless one is open or the page is paused.
    fn connect() {
        let Some(url) = address() else {
            return;
        };
        let failed = SOCKET.with_borrow_mut(|s| {
            let s = s.as_mut()?;
            if s.paused || s.ws.is_some() {
                return Some(false);
            }
            if let Some(retry) = s.retry.take() {
                retry.clear();
            }
            match WebSocket::new_with_str(&url, PROTOCOL) {
                Ok(ws) => {
                    ws.set_onopen(Some(s.handlers.open.as_ref().unchecked_ref()));
                    ws.set_onmessage(Some(s.handlers.message.as_ref().unchecked_ref()));
                    ws.set_onclose(Some(s.handlers.close.as_ref().unchecked_ref()));
                    s.ws = Some(ws);
                    s.acked_at = None;
                    Some(false)
                }
                Err(_) => Some(true),
            }
        });
        if failed == Some(true) {
            retry_later();
        }
    }

    /// Reconnects now if a reconnection is waiting.
    fn connect_now() {
        let waiting = SOCKET.with_borrow(|s| s.as_ref().is_some_and(|s| s.retry.is_some()));
        if waiting {
            connect();
        }
    }

    fn send(text: &str) {
        SOCKET.with_borrow(|s| {
            if let Some(ws) = s.as_ref().and_then(|s| s.ws.as_ref()) {
                // A send on a closing socket fails; its close event follows.
                let _ = ws.send_with_str(text);
            }
        });
    }

    fn opened() {
        send(&connection_init());
    }

    fn received(event: MessageEvent) {
        let Some(text) = event.data().as_string() else {
            return;
        };
        match reply(&text, None) {
            Reply::Nothing => {}
            Reply::Send(answer) => send(&answer),
            Reply::Acked(subscribe) => {
                send(&subscribe);
                send(&ping());
            }
            Reply::Pong => {
                // The subscription is live: after a reconnection, pages re-read what they may
                // have missed meanwhile.
                let (live, again) = SOCKET
                    .with_borrow_mut(|s| {
                        let s = s.as_mut()?;
                        if s.acked_at.is_some() {
                            return None;
                        }
                        s.acked_at = Some(js_sys::Date::now());
                        let again = std::mem::replace(&mut s.connected_before, true);
                        Some((s.live, again))
                    })
                    .unzip();
                if live.is_some() {
                    mark_open(true);
                }
                if again == Some(true)
                    && let Some(live) = live
                {
                    live.heard.update(|h| h.push(News::Reconnected));
                }
            }
            Reply::Heard(event) => {
                let live = SOCKET.with_borrow(|s| s.as_ref().map(|s| s.live));
                if let Some(live) = live {
                    live.heard.update(|h| h.push(News::Changed(event)));
                }
            }
            Reply::Restart => {
                close();
                retry_later();
            }
        }
    }

    /// The server closed the socket (or it never opened).
    fn lost() {
        close();
        retry_later();
    }

    /// Lets go of the current socket (closing it if open); a connection that was steady
    /// resets the backoff.
    fn close() {
        let ws = SOCKET.with_borrow_mut(|s| {
            let s = s.as_mut()?;
            let steady = s
                .acked_at
                .take()
                .is_some_and(|at| js_sys::Date::now() - at >= STEADY_MS);
            if steady {
                s.attempt = 0;
            }
            s.ws.take()
        });
        mark_open(false);
        if let Some(ws) = ws {
            ws.set_onopen(None);
            ws.set_onmessage(None);
            ws.set_onclose(None);
            // Closing a socket that is already closing does nothing.
            let _ = ws.close_with_code(1000);
        }
    }

    /// Waits the backoff, then connects again.
    fn retry_later() {
        let delay = SOCKET.with_borrow_mut(|s| {
            let s = s.as_mut()?;
            if s.paused || s.retry.is_some() {
                return None;
            }
            let delay = backoff_ms(s.attempt, js_sys::Math::random());
            s.attempt = s.attempt.saturating_add(1);
            Some(delay)
        });
        let Some(delay) = delay else {
            return;
        };
        let handle = set_timeout_with_handle(
            || {
                SOCKET.with_borrow_mut(|s| {
                    if let Some(s) = s.as_mut() {
                        s.retry = None;
                    }
                });
                connect();
            },
            std::time::Duration::from_millis(u64::from(delay)),
        );
        if let Ok(handle) = handle {
            SOCKET.with_borrow_mut(|s| {
                if let Some(s) = s.as_mut() {
                    s.retry = Some(handle);
                }
            });
        }
    }

    /// The page leaves (perhaps into the back-forward cache).
    fn pause() {
        close();
        SOCKET.with_borrow_mut(|s| {
            if let Some(s) = s.as_mut() {
                s.paused = true;
                if let Some(retry) = s.retry.take() {
                    retry.clear();
                }
            }
        });
    }

    /// The page shows again after [`pause`].
    fn resume() {
        let paused = SOCKET.with_borrow_mut(|s| {
            s.as_mut()
                .is_some_and(|s| std::mem::replace(&mut s.paused, false))
        });
        if paused {
            connect();
        }
    }

    /// `<html data-live-socket="open">` while the subscription is live (tests wait for it).
    fn mark_open(open: bool) {
        if let Some(root) = document().document_element() {
            let _ = if open {
                root.set_attribute("data-live-socket", "open")
            } else {
                root.remove_attribute("data-live-socket")
            };
        }
    }
}
