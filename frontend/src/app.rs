//! The router and the layout every route shares: a skip link, the header (site name, navigation,
//! search, language switch), the page, and a footer on where the figures come from.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use shared::format::Lang;

use crate::components::search_form::search_form;
use crate::i18n::T;
use crate::lang::{other, provide_lang, set_lang};
use crate::pages::{
    AreaPage, BudgetPage, GoalPage, IndicatorsPage, MeasurePage, NotFoundPage, OverviewPage,
    RisksPage, SearchPage, TimelinePage,
};
use crate::routes::Route as Page;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = provide_lang();
    view! {
        <Router>
            <a class="skip-link" href="#obsah">{move || T::SkipToContent.get(lang.get())}</a>
            <Header lang />
            <main id="obsah" class="wrap" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=OverviewPage />
                    <Route path=path!("/oblast/:code") view=AreaPage />
                    <Route path=path!("/cil/:code") view=GoalPage />
                    <Route path=path!("/opatreni/:code") view=MeasurePage />
                    <Route path=path!("/indikatory") view=IndicatorsPage />
                    <Route path=path!("/rozpocet") view=BudgetPage />
                    <Route path=path!("/rizika") view=RisksPage />
                    <Route path=path!("/harmonogram") view=TimelinePage />
                    <Route path=path!("/hledat") view=SearchPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <div class="wrap">
                    <p>{move || T::FooterSources.get(lang.get())}</p>
                    <p>{move || T::FooterLanguage.get(lang.get())}</p>
                </div>
            </footer>
        </Router>
    }
}

/// The header: brand, navigation, search and the language switch.
#[component]
fn Header(lang: RwSignal<Lang>) -> impl IntoView {
    let query = use_query_map();
    let nav = move || {
        let l = lang.get();
        [
            (T::NavOverview, Page::Overview),
            (T::NavIndicators, Page::Indicators),
            (T::NavBudget, Page::Budget),
            (T::NavRisks, Page::Risks),
            (T::NavTimeline, Page::Timeline),
        ]
        .into_iter()
        .map(|(text, page)| view! { <li><A href=page.href() exact=true>{text.get(l)}</A></li> })
        .map(IntoAny::into_any)
        .collect_view()
    };
    let search = move || {
        let q = query.read().get("q").unwrap_or_default();
        search_form("header-q", q, "header-search", lang.get())
    };
    let switch_to = move || other(lang.get());
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <A href=Page::Overview.href() attr:class="brand">
                    <span class="brand-short">{move || T::Brand.get(lang.get())}</span>
                    <span class="brand-long">{move || T::BrandTitle.get(lang.get())}</span>
                </A>
                <button id="lang-switch" type="button" class="lang-switch"
                    lang=move || switch_to().code()
                    aria-label=move || T::LangSwitchLabel.get(lang.get())
                    on:click=move |_| set_lang(lang, switch_to())>
                    {move || T::LangSwitchText.get(lang.get())}
                </button>
            </div>
            <div class="wrap header-row">
                <nav aria-label=move || T::MainNav.get(lang.get()) class="main-nav">
                    <ul>{nav}</ul>
                </nav>
                {search}
            </div>
        </header>
    }
}
