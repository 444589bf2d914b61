//! The public bundle's stand-in for the staff pages: it asks the server for the page anew, and
//! the server answers those paths with the staff bundle (`staff.html`). Should the answer be the
//! public bundle again (a server without the staff bundle), it stops and offers a link instead
//! of reloading forever.

use leptos::prelude::*;

use crate::i18n::T;
use crate::lang::use_lang;

/// The `sessionStorage` key remembering which path was last reloaded.
const RELOADED: &str = "psz-full-load";

/// Loads the current address as a new page, once.
#[component]
pub fn FullLoad() -> impl IntoView {
    let lang = use_lang();
    let location = window().location();
    let here = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
    let storage = window().session_storage().ok().flatten();
    let already = storage
        .as_ref()
        .and_then(|s| s.get_item(RELOADED).ok().flatten())
        .is_some_and(|p| p == here);
    if !already {
        if let Some(s) = &storage {
            let _ = s.set_item(RELOADED, &here);
        }
        let _ = location.reload();
    } else if let Some(s) = &storage {
        let _ = s.remove_item(RELOADED);
    }
    view! {
        <article class="page" data-page="full-load" data-state="loading">
            <h1 tabindex="-1">{move || T::Loading.get(lang.get())}</h1>
            <p><a href=here.clone() rel="external">{move || T::NavLogin.get(lang.get())}</a></p>
        </article>
    }
}
