//! The psz-monitor app: Leptos. The public pages are rendered to HTML on the server ([`ssr`],
//! feature `ssr`) and taken over in the browser from WebAssembly (feature `hydrate`); the staff
//! pages are rendered in the browser (features `staff` and `csr`).
//!
//! `cargo xtask dist` builds this crate for `wasm32-unknown-unknown` twice, runs wasm-bindgen on
//! it and writes the bundles to `dist/`. The page imports `/pkg/frontend_start.js`, which calls
//! the bundle's `init()`, which runs [`start`].

// The server renders deeply nested views (`ssr`), whose types need deeper queries to lay out.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
#[cfg(not(target_arch = "wasm32"))]
pub mod contract;
pub mod i18n;
pub mod lang;
pub mod live;
pub mod logic;
pub mod model;
pub mod pages;
pub mod prefetch;
pub mod queries;
pub mod routes;
#[cfg(feature = "staff")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod ssr;

/// Entry point run by wasm-bindgen once the module is instantiated. The public bundle takes over
/// the page the server rendered (with the answer it carries, [`prefetch`]); the staff bundle
/// renders into an empty `<body>`. Either way `<html data-app="ready">` then says the app runs.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    // Each step its own task, so none holds the main thread long: this one follows the
    // module's instantiation, then the answer the page carries is read, then the page is
    // taken over.
    #[cfg(feature = "hydrate")]
    next_task(|| {
        let carried = prefetch::from_page();
        if let Some(carried) = &carried {
            browser::use_server_today(carried.today);
        }
        let slot = prefetch::Slot::new(carried);
        next_task(move || {
            leptos::mount::hydrate_body(move || {
                leptos::prelude::provide_context(slot);
                app::App()
            });
            running();
        });
    });
    #[cfg(not(feature = "hydrate"))]
    {
        leptos::mount::mount_to_body(app::App);
        running();
    }
}

/// Runs `step` in a task of its own (after whatever the browser has waiting).
#[cfg(all(target_arch = "wasm32", feature = "hydrate"))]
fn next_task(step: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(step, std::time::Duration::ZERO);
}

/// Says the app runs: `<html data-app="ready">` (only tests and people reading the page's
/// markup look at it).
#[cfg(target_arch = "wasm32")]
fn running() {
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-app", "ready");
    }
}
