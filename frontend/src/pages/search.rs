//! Search (`/hledat?q=…`): areas, goals, measures and implementers matching every word, with
//! case and diacritics ignored by the API. An empty query or result is the `empty` state.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::Deserialize;
use shared::Code;
use shared::format::Lang;

use crate::browser;
use crate::components::download::download_data;
use crate::components::goal::measure_list;
use crate::components::link::link;
use crate::components::page::{Outcome, PageSpec, Rendered, page_view};
use crate::components::search_form::search_form;
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::model::{MeasureBrief, localized};
use crate::queries;
use crate::routes::Route;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    search: Found,
}

/// What a search found.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Found {
    areas: Vec<AreaHit>,
    strategic_goals: Vec<StrategicGoalHit>,
    specific_goals: Vec<SpecificGoalHit>,
    measures: Vec<MeasureBrief>,
    organisations: Vec<OrganisationHit>,
}

impl Found {
    fn count(&self) -> usize {
        self.areas.len()
            + self.strategic_goals.len()
            + self.specific_goals.len()
            + self.measures.len()
            + self.organisations.len()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AreaHit {
    code: Code,
    name: String,
    name_en: String,
}

#[derive(Debug, Clone, Deserialize)]
struct StrategicGoalHit {
    code: Code,
    name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpecificGoalHit {
    code: Code,
    target_text: String,
}

/// An implementer and the measures it implements.
#[derive(Debug, Clone, Deserialize)]
struct OrganisationHit {
    name: String,
    measures: Vec<MeasureBrief>,
}

/// The search page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let lang = use_lang();
    move || {
        let q = query.read().get("q").unwrap_or_default().trim().to_owned();
        if q.is_empty() {
            empty_query(lang.get()).into_any()
        } else {
            results_view(q).into_any()
        }
    }
}

/// The page without a query: the form and a hint.
fn empty_query(lang: Lang) -> AnyView {
    browser::set_title(&i18n::document_title(T::SearchTitle.get(lang)));
    browser::page_settled();
    view! {
        <article class="page" data-page="search" data-state="empty">
            <h1 tabindex="-1">{T::SearchTitle.get(lang)}</h1>
            <p class="lead">{T::SearchLead.get(lang)}</p>
            {search_form("search-page-q", String::new(), "search-form", crate::routes::chosen_action_plan(), lang)}
            <p class="notice">{T::SearchEmptyQuery.get(lang)}</p>
        </article>
    }
    .into_any()
}

fn results_view(q: String) -> impl IntoView {
    let spec = PageSpec {
        page: "search",
        heading: Box::new(|lang| T::SearchTitle.get(lang).to_owned()),
        record: None,
        query: queries::SEARCH,
        variables: Some(serde_json::json!({ "text": q.clone() })),
    };
    page_view(spec, move |data: Data, lang| render(&q, data.search, lang))
}

fn render(q: &str, found: Found, lang: Lang) -> Rendered {
    let title = format!("{} – {q}", T::SearchTitle.get(lang));
    let total = found.count();
    let outcome = if total == 0 {
        Outcome::Empty
    } else {
        Outcome::Ready
    };
    let body = if total == 0 {
        view! { <p class="notice">{T::SearchNoResults.get(lang)}</p> }.into_any()
    } else {
        results(q, &found, lang)
    };
    let view = view! {
        <h1 tabindex="-1">{T::SearchTitle.get(lang)}</h1>
        <p class="lead">{T::SearchLead.get(lang)}</p>
        {search_form("search-page-q", q.to_owned(), "search-form", crate::routes::chosen_action_plan(), lang)}
        <p class="result-count" role="status">{i18n::search_summary(q, total, lang)}</p>
        {body}
    }
    .into_any();
    Rendered {
        outcome,
        title,
        view,
    }
}

/// A kind of results under its heading; with `dataset`, the "Stáhnout data" line of the same
/// search's rows of that dataset.
fn section(
    id: &'static str,
    heading: T,
    items: AnyView,
    dataset: Option<(&str, &str)>,
    lang: Lang,
) -> AnyView {
    let download = dataset.map(|(slug, q)| download_data(slug, Some(("hledat", q)), heading, lang));
    view! {
        <section aria-labelledby=id class="results">
            <h2 id=id>{heading.get(lang)}</h2>
            {items}
            {download}
        </section>
    }
    .into_any()
}

fn results(q: &str, found: &Found, lang: Lang) -> AnyView {
    let areas = (!found.areas.is_empty()).then(|| {
        let items = found
            .areas
            .iter()
            .map(|a| {
                view! {
                    <li>{link(&Route::Area(a.code.clone()), view! {
                        {T::Area.get(lang)} " " {a.code.to_string()} ": " {localized(&a.name, &a.name_en, lang).to_owned()}
                    }.into_any())}</li>
                }
            })
            .map(IntoAny::into_any).collect_view();
        section("nalezene-oblasti", T::FoundAreas, view! { <ul class="link-list">{items}</ul> }.into_any(), Some(("oblasti", q)), lang)
    });
    let strategic = (!found.strategic_goals.is_empty()).then(|| {
        let items = found
            .strategic_goals
            .iter()
            .map(|g| {
                view! {
                    <li>{link(&Route::Goal(g.code.clone()), view! {
                        <span class="code">{g.code.to_string()}</span> " " <span lang="cs">{g.name.clone()}</span>
                    }.into_any())}</li>
                }
            })
            .map(IntoAny::into_any).collect_view();
        section("nalezene-strategicke-cile", T::FoundStrategicGoals, view! { <ul class="link-list">{items}</ul> }.into_any(), Some(("strategicke-cile", q)), lang)
    });
    let specific = (!found.specific_goals.is_empty()).then(|| {
        let items = found
            .specific_goals
            .iter()
            .map(|g| {
                view! {
                    <li>{link(&Route::Goal(g.code.clone()), view! {
                        <span class="code">{g.code.to_string()}</span> " " <span lang="cs">{g.target_text.clone()}</span>
                    }.into_any())}</li>
                }
            })
            .map(IntoAny::into_any).collect_view();
        section("nalezene-specificke-cile", T::FoundSpecificGoals, view! { <ul class="link-list">{items}</ul> }.into_any(), Some(("specificke-cile", q)), lang)
    });
    let measures = (!found.measures.is_empty()).then(|| {
        section(
            "nalezena-opatreni",
            T::FoundMeasures,
            measure_list(&found.measures, lang),
            Some(("opatreni", q)),
            lang,
        )
    });
    let organisations = (!found.organisations.is_empty()).then(|| {
        let items = found
            .organisations
            .iter()
            .map(|o| {
                view! {
                    <li class="card">
                        <h3 lang="cs" class="implementer">{o.name.clone()}</h3>
                        {measure_list(&o.measures, lang)}
                    </li>
                }
            })
            .map(IntoAny::into_any)
            .collect_view();
        section(
            "nalezeni-realizatori",
            T::FoundImplementers,
            view! { <ul class="plain-list">{items}</ul> }.into_any(),
            None,
            lang,
        )
    });
    view! { {areas} {strategic} {specific} {measures} {organisations} }.into_any()
}
