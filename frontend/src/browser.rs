//! The few browser facts pages need beyond rendering: today's date, the tab's title, and where
//! the view and the keyboard focus go once a page's content has rendered.
//!
//! Focus: after a client-side navigation the link that was followed is gone, so the browser would
//! leave focus on `<body>` and a screen reader would say nothing. [`page_settled`] remembers the
//! path and query of the last page that rendered; when the next one renders at another path or
//! query, it moves focus to its `<h1 tabindex="-1">` (or to the `#fragment`'s target). The first
//! load has nothing to compare with and keeps the browser's focus; a language switch or a retry
//! re-renders at the same address, so focus stays where the user is.
//!
//! On the server (feature `ssr`) there is no browser: the title and whether the page is a
//! not-found page go to the [`Head`] the server reads, today is the server's, and the rest does
//! nothing.

use std::cell::RefCell;

use leptos::prelude::*;
use shared::Date;
use wasm_bindgen::JsCast;

thread_local! {
    /// The path and query of the page that last rendered its content (`None` before the first).
    static SETTLED_AT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The server's date, when the page was rendered there: the app keeps to it, so the
    /// server's HTML and the app agree on what is current.
    static SERVER_TODAY: std::cell::Cell<Option<Date>> = const { std::cell::Cell::new(None) };
}

/// What a page rendered on the server says about itself beyond its HTML: the tab's title, and
/// whether it is the not-found page (answered with status 404).
#[derive(Clone, Default)]
pub struct Head(std::sync::Arc<std::sync::Mutex<HeadFacts>>);

/// The facts a [`Head`] collects.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeadFacts {
    pub title: String,
    pub not_found: bool,
}

impl Head {
    /// What the page said.
    pub fn facts(&self) -> HeadFacts {
        self.0.lock().map(|f| f.clone()).unwrap_or_default()
    }

    #[cfg(feature = "ssr")]
    fn with(f: impl FnOnce(&mut HeadFacts)) {
        if let Some(head) = use_context::<Head>()
            && let Ok(mut facts) = head.0.lock()
        {
            f(&mut facts);
        }
    }
}

/// Keeps to the server's date from now on (the page was rendered on `date`).
pub fn use_server_today(date: Date) {
    SERVER_TODAY.set(Some(date));
}

/// Today's date: the server's when the page came rendered from it, else the browser's (in its
/// time zone).
pub fn today() -> Date {
    if let Some(date) = SERVER_TODAY.get() {
        return date;
    }
    #[cfg(feature = "ssr")]
    if let Some(date) = use_context::<Date>() {
        return date;
    }
    browser_today()
}

/// Today in the browser's time zone.
fn browser_today() -> Date {
    let now = js_sys::Date::new_0();
    let year = now.get_full_year() as i32;
    // `getMonth` is 0-based; both values are small and fit a u8.
    let month = (now.get_month() + 1) as u8;
    let day = now.get_date() as u8;
    Date::new(year, month, day).unwrap_or(Date::from_days_since_epoch(0))
}

/// Whether someone signed in in this browser, as a signal the app provides ([`watch_staff`]):
/// `false` while the page is rendered on the server and taken over, then the hint cookie's
/// answer. Only decides which links to offer; the server decides what a request may do.
pub fn staff_here() -> bool {
    use_context::<StaffHint>().is_some_and(|hint| hint.0.get())
}

/// Whether someone signed in in this browser (see [`staff_here`]).
#[derive(Clone, Copy)]
pub struct StaffHint(RwSignal<bool>);

/// Provides [`StaffHint`]: the server renders every public page alike for everybody, so the
/// hint cookie is read only once the page runs in the browser (an effect).
pub fn watch_staff() {
    let hint = RwSignal::new(false);
    provide_context(StaffHint(hint));
    Effect::new(move |_| hint.set(staff_cookie()));
}

/// The server's `psz_staff=1` hint cookie (the session cookie itself is `HttpOnly`).
fn staff_cookie() -> bool {
    document()
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()
        .and_then(|d| d.cookie().ok())
        .is_some_and(|c| c.split(';').any(|p| p.trim() == "psz_staff=1"))
}

/// The site's address as people reach it (`https://psz.example.org`), which the server renders
/// pages for ([`crate::ssr::Request::site`]).
#[derive(Debug, Clone)]
pub struct SiteAddress(pub String);

/// The site's address: on the server its configured public address, in the browser the page's
/// origin (the same, where the site is configured right).
#[cfg(feature = "ssr")]
pub fn site_address() -> String {
    use_context::<SiteAddress>()
        .map(|s| s.0)
        .unwrap_or_default()
}

/// The site's address: on the server its configured public address, in the browser the one the
/// server wrote into the page it rendered (`<meta name="psz-site">`), else the page's origin.
#[cfg(not(feature = "ssr"))]
pub fn site_address() -> String {
    document()
        .query_selector(&format!("meta[name='{SITE_META}']"))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|site| !site.is_empty())
        .unwrap_or_else(|| window().location().origin().unwrap_or_default())
}

/// The name of the `<meta>` the server writes the site's address into.
pub const SITE_META: &str = "psz-site";

/// Sets the browser tab's title (on the server, the page's `<title>`).
pub fn set_title(title: &str) {
    #[cfg(feature = "ssr")]
    Head::with(|facts| facts.title = title.to_owned());
    #[cfg(not(feature = "ssr"))]
    document().set_title(title);
}

/// Says the page is the not-found page: on the server its answer gets status 404.
pub fn not_found() {
    #[cfg(feature = "ssr")]
    Head::with(|facts| facts.not_found = true);
}

/// Called when a page has rendered its content (or its error or not-found state). After the next
/// frame, scrolls the element the URL's `#fragment` names into view (content loaded after
/// navigation is not there when the browser first looks for it), and when the page is at another
/// address than the last one that rendered (a client-side navigation) moves focus to that
/// element or else to the page's `<h1>`.
pub fn page_settled() {
    #[cfg(not(feature = "ssr"))]
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
#[cfg(not(feature = "ssr"))]
fn fragment_target() -> Option<web_sys::Element> {
    let hash = window().location().hash().ok()?;
    let id = hash.trim_start_matches('#');
    if id.is_empty() {
        return None;
    }
    document().get_element_by_id(id)
}
