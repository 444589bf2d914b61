//! A page's re-reads.

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
