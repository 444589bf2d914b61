//! The few browser facts pages need beyond rendering: today's date, the tab's title, and where
//! the view and the keyboard focus go once a page's content has rendered.
//!
//! Focus: after a client-side navigation the link that was followed is gone, so the browser would
//! leave focus on `<body>` and a screen reader would say nothing. [`page_settled`] remembers the
//! path and query of the last page that rendered; when the next one renders at another path or
//! query, it moves focus to its `<h1 tabindex="-1">` (or to the `#fragment`'s target). The first
//! load has nothing to compare with and keeps the browser's focus; a language switch or a retry
//! re-renders at the same address, so focus stays where the user is.

use std::cell::RefCell;

use leptos::prelude::*;
use shared::Date;
use wasm_bindgen::JsCast;

thread_local! {
    /// The path and query of the page that last rendered its content (`None` before the first).
    static SETTLED_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Today's date in the browser's time zone.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let year = now.get_full_year() as i32;
    // `getMonth` is 0-based; both values are small and fit a u8.
    let month = (now.get_month() + 1) as u8;
    let day = now.get_date() as u8;
    Date::new(year, month, day).unwrap_or(Date::from_days_since_epoch(0))
}

/// Whether someone signed in in this browser: the server's `psz_staff=1` hint cookie (the
/// session cookie itself is `HttpOnly`). Only decides which links to offer; the server decides
/// what a request may do.
pub fn staff_here() -> bool {
    document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.cookie().ok())
        .is_some_and(|c| c.split(';').any(|p| p.trim() == "psz_staff=1"))
}

/// Sets the browser tab's title.
pub fn set_title(title: &str) {
    document().set_title(title);
}

/// Called when a page has rendered its content (or its error or not-found state). After the next
/// frame, scrolls the element the URL's `#fragment` names into view (content loaded after
/// navigation is not there when the browser first looks for it), and when the page is at another
/// address than the last one that rendered (a client-side navigation) moves focus to that
/// element or else to the page's `<h1>`.
pub fn page_settled() {
    request_animation_frame(|| {
        let location = window().location();
        let here = format!(
            "{}?{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let focus = SETTLED_AT.with_borrow_mut(|last| {
            let moved = last.as_ref().is_some_and(|l| *l != here);
            *last = Some(here);
            moved
        });
        let target = fragment_target();
        if let Some(element) = &target {
            element.scroll_into_view();
        }
        if !focus {
            return;
        }
        let element = target.or_else(|| document().query_selector("main h1").ok().flatten());
        if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            // Focusing cannot fail in a way the page could act on.
            let _ = element.focus_with_options(&options);
        }
    });
}

/// The element the URL's `#fragment` names, if it is on the page.
fn fragment_target() -> Option<web_sys::Element> {
    let hash = window().location().hash().ok()?;
    let id = hash.trim_start_matches('#');
    if id.is_empty() {
        return None;
    }
    document().get_element_by_id(id)
}
