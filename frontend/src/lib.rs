//! The psz-monitor single-page app: Leptos, rendered in the browser from WebAssembly.
//!
//! `cargo xtask dist` builds this crate for `wasm32-unknown-unknown`, runs wasm-bindgen on it and
//! writes the bundle to `dist/`. The page shell (`index.html`) imports `/pkg/frontend.js` and
//! calls its `init()`, which runs [`start`].
//!
//! Code map: [`app`] holds the router and the layout; [`routes`] every URL; [`pages`] one module
//! per route; [`components`] the pieces pages share; [`logic`] view logic as plain, natively
//! tested functions; [`i18n`] every interface text in Czech and English; [`lang`] the chosen
//! language; [`api`] the one GraphQL call; [`queries`] the documents it sends; [`model`] the
//! response types pages share; [`browser`] the few browser facts pages need; [`session`] who is
//! signed in, and the CSRF token mutations carry.
//!
//! Each page renders `<article class="page" data-page=… data-state=…>`; `data-state` becomes
//! `ready` (or `empty`) in the same DOM update as the content.

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
#[cfg(not(target_arch = "wasm32"))]
pub mod contract;
pub mod i18n;
pub mod lang;
pub mod logic;
pub mod model;
pub mod pages;
pub mod queries;
pub mod routes;
#[cfg(feature = "staff")]
pub mod session;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point run by wasm-bindgen once the module is instantiated: mounts [`app::App`] to the
/// `<body>`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
