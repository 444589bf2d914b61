//! The not-found page: for any URL no route matches, and for a code the plan does not have.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::format::Lang;

use crate::components::page::not_found_article;
use crate::components::search_form::search_form;
use crate::i18n::T;
use crate::lang::use_lang;
use crate::routes::Route;

/// The page for a URL that no route matches.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let lang = use_lang();
    move || not_found_article(None, lang.get())
}

/// What the not-found page says, `detail` naming the missing record, with ways back.
pub fn not_found_body(detail: Option<String>, lang: Lang) -> AnyView {
    let links = [
        (T::BackToOverview, Route::Overview),
        (T::NavIndicators, Route::Indicators),
        (T::NavBudget, Route::Budget),
        (T::NavRisks, Route::Risks),
        (T::NavTimeline, Route::Timeline),
    ]
    .into_iter()
    .map(|(text, route)| view! { <li><A href=route.href()>{text.get(lang)}</A></li> })
    .map(IntoAny::into_any)
    .collect_view();
    view! {
        <h1 tabindex="-1">{T::NotFoundTitle.get(lang)}</h1>
        <p class="lead">{detail.unwrap_or_else(|| T::NotFoundText.get(lang).to_owned())}</p>
        <section class="notice" aria-labelledby="kam-dal">
            <h2 id="kam-dal">{T::NotFoundWhere.get(lang)}</h2>
            <ul class="link-list">{links}</ul>
            <p>{T::NotFoundSearchHint.get(lang)}</p>
            {search_form("not-found-q", String::new(), "search-form", None, lang)}
        </section>
    }
    .into_any()
}
