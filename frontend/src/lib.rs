//! The psz-monitor single-page app: Leptos, rendered in the browser from WebAssembly.
//!
//! `cargo xtask dist` builds this crate for `wasm32-unknown-unknown`, runs wasm-bindgen on it and
//! writes the bundle to `dist/`. The page shell (`index.html`) imports `/pkg/frontend.js` and
//! calls its `init()`, which runs [`start`].
//!
//! Code map: [`app`] holds the router and the page layout, [`api`] the one GraphQL call,
//! [`pages`] one module per route, [`components`] the pieces pages share.

pub mod api;
pub mod app;
pub mod components;
pub mod pages;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point run by wasm-bindgen once the module is instantiated: mounts [`app::App`] to the
/// `<body>`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
