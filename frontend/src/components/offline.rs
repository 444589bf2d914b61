//! Offline: the service worker (`/sw.js`, from `frontend/sw.js`) keeps the app shell and the
//! public pages and answers a person opened; this module registers it, says when the page shows
//! what the worker stored ("offline — data z 2. 12. 2026 14:05"), and reloads the page once the
//! network is back.
//!
//! The worker marks what it gives from its store: a page's HTML with
//! `<meta name="psz-offline" content="<ISO time stored>">` in its head, a GraphQL answer with the
//! header `X-PSZ-Offline` ([`crate::api`] hands it to [`answered`]). The note is read in an
//! effect, after the page was taken over, so the server's HTML and the app's first render stay
//! alike (an empty `role="status"` region). While it shows, the app asks `/health` when the
//! browser says it is `online` and every [`RETRY_MS`]; an answer means the network is back, and
//! the page is loaded again (network first: the current data, no note).
//!
//! Signing out ([`forget_stored`]) deletes the stored pages and answers, in the page and in the
//! worker.

use leptos::prelude::*;
use shared::Date;
use shared::format::{self, Lang};

use crate::i18n::T;

/// The header of a GraphQL answer the worker gave from its store: when it was stored.
pub const OFFLINE_HEADER: &str = "X-PSZ-Offline";
/// The `<meta name>` of a page the worker gave from its store; its content is when.
pub const OFFLINE_META: &str = "psz-offline";
/// The message that makes the worker drop its stored pages and answers.
pub const FORGET_MESSAGE: &str = "psz-forget";
/// How often the app asks whether the network is back while the note shows.
pub const RETRY_MS: u64 = 20_000;

/// When the data shown were stored, in the browser's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredAt {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
}

/// The note: `offline — data z 2. 12. 2026 14:05` (Czech), `offline — data from 2 Dec 2026
/// 14:05` (English).
pub fn note(at: StoredAt, lang: Lang) -> String {
    format!(
        "{} {} {}:{:02}",
        T::OfflineData.get(lang),
        format::date(at.date, lang),
        at.hour,
        at.minute
    )
}

/// Whether a cache of this origin holds stored pages or answers (not the app shell): what
/// signing out deletes.
pub fn holds_data(cache_name: &str) -> bool {
    cache_name.starts_with("psz-pages-") || cache_name.starts_with("psz-data-")
}

/// The offline note's place: an empty live region until the page shows stored data.
pub fn offline_note(lang: RwSignal<Lang>) -> impl IntoView {
    let stored = RwSignal::new(None::<StoredAt>);
    // After the page was taken over, once.
    #[cfg(not(feature = "ssr"))]
    Effect::new(move |_| untrack(|| client::start(stored)));
    view! {
        <div class="offline-status" role="status">
            {move || {
                stored
                    .get()
                    .map(|at| view! { <p class="offline-note">{note(at, lang.get())}</p> })
            }}
        </div>
    }
}

/// Called by [`crate::api`] with every GraphQL answer's [`OFFLINE_HEADER`]: the note shows when
/// the page's data came from the worker's store, and goes with the first answer from the network.
pub fn answered(stored_at: Option<&str>) {
    #[cfg(not(feature = "ssr"))]
    client::answered(stored_at);
    #[cfg(feature = "ssr")]
    let _ = stored_at;
}

/// Deletes the stored pages and answers (signing out): tells the worker, and deletes its caches
/// from the page too, so nothing read while signed in outlives the session even without one.
pub async fn forget_stored() {
    #[cfg(not(feature = "ssr"))]
    client::forget_stored().await;
}

#[cfg(not(feature = "ssr"))]
mod client {
    use std::cell::Cell;
    use std::time::Duration;

    use leptos::prelude::*;
    use shared::Date;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;

    use super::{FORGET_MESSAGE, OFFLINE_META, RETRY_MS, StoredAt, holds_data};

    thread_local! {
        /// The note's signal, once the layout has set it up.
        static NOTE: Cell<Option<RwSignal<Option<StoredAt>>>> = const { Cell::new(None) };
        /// Whether a check of the network is under way.
        static PROBING: Cell<bool> = const { Cell::new(false) };
    }

    /// Registers the worker, reads the page's mark, and watches for the network.
    pub(super) fn start(stored: RwSignal<Option<StoredAt>>) {
        NOTE.set(Some(stored));
        register();
        let mark = document()
            .query_selector(&format!("meta[name='{OFFLINE_META}']"))
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"));
        if let Some(at) = mark {
            stored.set(local_time(&at));
        }
        let _ = window_event_listener_untyped("online", move |_| probe());
        set_interval(probe, Duration::from_millis(RETRY_MS));
    }

    pub(super) fn answered(stored_at: Option<&str>) {
        if let Some(note) = NOTE.get() {
            let _ = note.try_set(stored_at.and_then(local_time));
        }
    }

    /// The service worker's container, where the browser has one (a secure context).
    fn container() -> Option<web_sys::ServiceWorkerContainer> {
        let navigator = window().navigator();
        js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
            .map(|_| navigator.service_worker())
    }

    fn register() {
        let Some(container) = container() else {
            return;
        };
        let registering = container.register("/sw.js");
        leptos::task::spawn_local(async move {
            // Without the worker the app works as before, online only.
            let _ = JsFuture::from(registering).await;
        });
    }

    /// While the note shows: whether the server answers; then the page loads again.
    fn probe() {
        let Some(note) = NOTE.get() else {
            return;
        };
        if note.get_untracked().is_none() || PROBING.get() {
            return;
        }
        PROBING.set(true);
        leptos::task::spawn_local(async move {
            let back = gloo_net::http::Request::get("/health")
                .send()
                .await
                .is_ok_and(|r| r.ok());
            PROBING.set(false);
            if back && note.try_get_untracked().flatten().is_some() {
                let _ = window().location().reload();
            }
        });
    }

    /// An ISO 8601 time as the browser's local date and time.
    fn local_time(iso: &str) -> Option<StoredAt> {
        let date = js_sys::Date::new(&JsValue::from_str(iso));
        if date.get_time().is_nan() {
            return None;
        }
        // Calendar fields of a valid date fit their types.
        Some(StoredAt {
            date: Date::new(
                date.get_full_year() as i32,
                (date.get_month() + 1) as u8,
                date.get_date() as u8,
            )?,
            hour: date.get_hours() as u8,
            minute: date.get_minutes() as u8,
        })
    }

    pub(super) async fn forget_stored() {
        if let Some(worker) = container().and_then(|c| c.controller()) {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(
                &message,
                &JsValue::from_str("type"),
                &JsValue::from_str(FORGET_MESSAGE),
            );
            let _ = worker.post_message(&message);
        }
        let Ok(caches) = window().caches() else {
            return;
        };
        let Ok(names) = JsFuture::from(caches.keys()).await else {
            return;
        };
        for name in js_sys::Array::from(&names)
            .iter()
            .filter_map(|n| n.as_string())
        {
            if holds_data(&name) {
                let _ = JsFuture::from(caches.delete(&name)).await;
            }
        }
        if let Some(note) = NOTE.get() {
            let _ = note.try_set(None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_says_when_the_data_were_stored() {
        let at = StoredAt {
            date: Date::new(2026, 12, 2).unwrap(),
            hour: 14,
            minute: 5,
        };
        assert_eq!(
            note(at, Lang::Cs).replace('\u{a0}', " "),
            "offline — data z 2. 12. 2026 14:05"
        );
        assert_eq!(note(at, Lang::En), "offline — data from 2 Dec 2026 14:05");
        let early = StoredAt {
            hour: 9,
            minute: 0,
            ..at
        };
        assert!(note(early, Lang::Cs).ends_with(" 9:00"));
    }

    #[test]
    fn signing_out_deletes_pages_and_answers_but_not_the_shell() {
        assert!(holds_data("psz-pages-0123abcd"));
        assert!(holds_data("psz-data-0123abcd"));
        assert!(!holds_data("psz-shell-0123abcd"));
        assert!(!holds_data("other-app"));
    }

    #[test]
    fn the_worker_and_the_app_name_the_same_marks() {
        let worker = include_str!("../../sw.js");
        for name in [
            OFFLINE_HEADER,
            FORGET_MESSAGE,
            "psz-pages-",
            "psz-data-",
            "psz-shell-",
        ] {
            assert!(worker.contains(name), "{name} in sw.js");
        }
        assert!(worker.contains(&format!("<meta name=\"{OFFLINE_META}\"")));
        assert!(worker.contains(&format!("'{}'", crate::api::PUBLIC_CSRF)));
        assert!(worker.contains(&format!("'{}'", crate::api::STAFF_APP_HEADER)));
    }
}
