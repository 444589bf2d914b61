//! The trail from the overview to the current page, as links.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::format::Lang;

use crate::i18n::T;
use crate::routes::Route;

/// Links to `trail` (label, route) after "Přehled", then the current page's `here` label.
pub fn breadcrumbs(trail: Vec<(String, Route)>, here: String, lang: Lang) -> AnyView {
    let links = trail
        .into_iter()
        .map(|(label, route)| view! { <li><A href=crate::routes::carry(route.href())>{label}</A></li> })
        .map(IntoAny::into_any)
        .collect_view();
    view! {
        <nav class="breadcrumbs" aria-label=T::Breadcrumbs.get(lang)>
            <ol>
                <li><A href=crate::routes::carry(Route::Overview.href())>{T::NavOverview.get(lang)}</A></li>
                {links}
                <li aria-current="page">{here}</li>
            </ol>
        </nav>
    }
    .into_any()
}
