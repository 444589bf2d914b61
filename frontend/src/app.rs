//! The router and the layout every route shares: a skip link, the header (site name, navigation,
//! search, language switch), the page, and a footer on where the figures come from.
//!
//! The server renders the public app (`ssr`) even where the crate is built with `staff` too
//! (the tests build it so): the staff parts are `all(feature = "staff", not(feature = "ssr"))`.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_query_map;
use leptos_router::path;
use shared::format::Lang;

use crate::components::search_form::search_form;
use crate::i18n::T;
use crate::lang::{other, provide_lang, set_lang};
#[cfg(any(not(feature = "staff"), feature = "ssr"))]
use crate::pages::full_load::{
    FullLoad as EntryPage, FullLoad as HistoryPage, FullLoad as LoginPage, FullLoad as ManagePage,
    FullLoad as UsersPage, FullLoad as EditMeasurePage, FullLoad as EditGoalPage,
    FullLoad as ManageReportsPage, FullLoad as EditReportPage, FullLoad as ReportPreviewPage,
    FullLoad as ManageWavesPage, FullLoad as ActionPlansPage,
};
use crate::pages::meeting::{MeetingAreaPage, MeetingGoalPage};
#[cfg(all(feature = "staff", not(feature = "ssr")))]
use crate::pages::{
    ActionPlansPage, EditGoalPage, EditMeasurePage, EditReportPage, EntryPage, HistoryPage,
    LoginPage, ManagePage, ManageReportsPage, ManageWavesPage, ReportPreviewPage, UsersPage,
};
use crate::pages::{
    AreaPage, BudgetPage, ComparisonPage, GoalPage, IndicatorsPage, MeasurePage, NotFoundPage,
    OpenDataPage, OverviewPage, ReportsPage, RisksPage, SearchPage, TimelinePage,
};
use crate::routes::Route as Page;
#[cfg(all(feature = "staff", not(feature = "ssr")))]
use crate::session::{SessionState, provide_session, use_session};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let lang = provide_lang();
    crate::browser::watch_staff();
    crate::live::provide_live();
    #[cfg(all(feature = "staff", not(feature = "ssr")))]
    provide_session();
    view! {
        <Router>
            <a class="skip-link" href="#obsah">{move || T::SkipToContent.get(lang.get())}</a>
            <Header lang />
            <main id="obsah" class="wrap" tabindex="-1">
                {crate::components::offline::offline_note(lang)}
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=OverviewPage />
                    <Route path=path!("/oblast/:code") view=AreaPage />
                    <Route path=path!("/cil/:code") view=GoalPage />
                    <Route path=path!("/opatreni/:code") view=MeasurePage />
                    <Route path=path!("/stul/oblast/:code") view=MeetingAreaPage />
                    <Route path=path!("/stul/cil/:code") view=MeetingGoalPage />
                    <Route path=path!("/indikatory") view=IndicatorsPage />
                    <Route path=path!("/rozpocet") view=BudgetPage />
                    <Route path=path!("/rizika") view=RisksPage />
                    <Route path=path!("/srovnani/:earlier/:later") view=ComparisonPage />
                    <Route path=path!("/harmonogram") view=TimelinePage />
                    <Route path=path!("/zpravy") view=ReportsPage />
                    <Route path=path!("/data") view=OpenDataPage />
                    <Route path=path!("/hledat") view=SearchPage />
                    <Route path=path!("/prihlaseni") view=LoginPage />
                    <Route path=path!("/zadavani") view=EntryPage />
                    <Route path=path!("/uzivatele") view=UsersPage />
                    <Route path=path!("/sprava") view=ManagePage />
                    <Route path=path!("/sprava/opatreni/:code") view=EditMeasurePage />
                    <Route path=path!("/sprava/cil/:code") view=EditGoalPage />
                    <Route path=path!("/sprava/zpravy") view=ManageReportsPage />
                    <Route path=path!("/sprava/vlny") view=ManageWavesPage />
                    <Route path=path!("/sprava/akcni-plany") view=ActionPlansPage />
                    <Route path=path!("/sprava/zpravy/:id") view=EditReportPage />
                    <Route path=path!("/sprava/zpravy/:id/nahled") view=ReportPreviewPage />
                    <Route path=path!("/historie/:entity/:id") view=HistoryPage />
                </Routes>
            </main>
            <footer class="site-footer">
                <div class="wrap">
                    <p>{move || T::FooterSources.get(lang.get())}</p>
                    <p>
                        <A href=Page::Reports.href()>{move || T::FooterReports.get(lang.get())}</A>
                        " · "
                        <A href=Page::OpenData.href()>{move || T::OpenDataTitle.get(lang.get())}</A>
                    </p>
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
    // The header is outside the routes: the action plan from the router's address.
    let carry = move |href: String| {
        let chosen = query
            .read()
            .get(crate::routes::ACTION_PLAN_PARAM)
            .as_deref()
            .and_then(crate::routes::parse_action_plan);
        crate::routes::with_action_plan(href, chosen)
    };
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
        .map(|(text, page)| view! { <li><A href=carry(page.href()) exact=true>{text.get(l)}</A></li> })
        .map(IntoAny::into_any)
        .collect_view()
    };
    let search = move || {
        let q = query.read().get("q").unwrap_or_default();
        let chosen = query
            .read()
            .get(crate::routes::ACTION_PLAN_PARAM)
            .as_deref()
            .and_then(crate::routes::parse_action_plan);
        search_form("header-q", q, "header-search", chosen, lang.get())
    };
    let switch_to = move || other(lang.get());
    let account = move || account(lang.get());
    view! {
        <header class="site-header">
            <div class="wrap header-row">
                <A href=move || carry(Page::Overview.href()) attr:class="brand">
                    <span class="brand-short">{move || T::Brand.get(lang.get())}</span>
                    <span class="brand-long">{move || T::BrandTitle.get(lang.get())}</span>
                </A>
                {account}
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
            {crate::live::live_line(lang)}
        </header>
    }
}

/// The public build's account link: a plain link, so the browser loads the staff bundle; to
/// data entry when the server's hint cookie says someone signed in here, else to sign-in.
#[cfg(any(not(feature = "staff"), feature = "ssr"))]
fn account(lang: Lang) -> AnyView {
    let (page, text) = if crate::browser::staff_here() {
        (Page::Entry, T::NavEntry)
    } else {
        (Page::Login, T::NavLogin)
    };
    view! {
        <div class="account">
            <a href=page.href() rel="external">{text.get(lang)}</a>
        </div>
    }
    .into_any()
}

/// The staff build's account area: data entry, users (admins), the name and sign-out; or the
/// sign-in link.
#[cfg(all(feature = "staff", not(feature = "ssr")))]
fn account(l: Lang) -> AnyView {
    let session = use_session();
    let navigate = leptos_router::hooks::use_navigate();
    match session.get() {
        SessionState::SignedIn(me) => {
            let users = me
                .manages_users()
                .then(|| view! { <A href=Page::Users.href()>{T::NavUsers.get(l)}</A> });
            let manage = me
                .publishes()
                .then(|| view! { <A href=Page::Manage.href()>{T::NavManage.get(l)}</A> });
            view! {
                <div class="account">
                    <A href=Page::Entry.href()>{T::NavEntry.get(l)}</A>
                    {manage}
                    {users}
                    <span class="account-name">
                        <span class="visually-hidden">{T::SignedInAs.get(l)}" "</span>
                        {me.name.clone()}
                    </span>
                    <button id="logout" type="button" class="link-button"
                        on:click=move |_| sign_out(session, navigate.clone())>
                        {T::NavLogout.get(l)}
                    </button>
                </div>
            }
            .into_any()
        }
        SessionState::Anonymous => view! {
            <div class="account"><A href=Page::Login.href()>{T::NavLogin.get(l)}</A></div>
        }
        .into_any(),
        SessionState::Unknown => ().into_any(),
    }
}

#[cfg(all(feature = "staff", not(feature = "ssr")))]
/// Ends the session on the server and in the app, then goes to the overview.
fn sign_out(
    session: RwSignal<SessionState>,
    navigate: impl Fn(&str, leptos_router::NavigateOptions) + 'static,
) {
    leptos::task::spawn_local(async move {
        // Whatever the server says, the app forgets the session; the cookie is the server's.
        let _ =
            crate::session::mutate_as(session, crate::queries::LOGOUT, serde_json::json!({})).await;
        // Nothing read while signed in stays on the device.
        crate::components::offline::forget_stored().await;
        session.set(SessionState::Anonymous);
        navigate(&Page::Overview.href(), Default::default());
    });
}
