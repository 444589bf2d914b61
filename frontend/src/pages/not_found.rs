//! The page shown for any URL that no route matches.

use leptos::prelude::*;
use leptos_router::components::A;

/// "Page not found", with a way back to the overview.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1>"Stránka nenalezena"</h1>
        <p>"Adresa, kterou jste otevřeli, neexistuje nebo byla přesunuta."</p>
        <p>
            <A href="/">"Zpět na přehled"</A>
        </p>
    }
}
