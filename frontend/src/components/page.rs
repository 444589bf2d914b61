//! The frame of every page: `<article class="page" data-page=… data-state=…>` and the loading,
//! error, not-found and ready states of the one request a page makes.
//!
//! The whole article is rebuilt when the state (or the language) changes, so `data-state="ready"`
//! arrives in the same DOM insertion as the content it promises; browser tests wait for it. Every
//! state but loading sets the tab's title and calls [`browser::page_settled`], which moves focus to
//! the page's `<h1 tabindex="-1">` after a client-side navigation.
//!
//! A page follows live updates ([`crate::live::follow`]): when the published plan changes in a
//! way that concerns it, it re-reads its document and the new answer replaces the old in place
//! (no loading state; the same view types, so Leptos patches the DOM it has), without settling
//! as a newly opened page would.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use shared::format::Lang;

use crate::api::ClientError;
use crate::browser;
use crate::components::error_view::error_notice;
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::pages::not_found::not_found_body;
use crate::prefetch;

/// What a page's data turned out to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Data to show.
    Ready,
    /// Nothing to show (an empty search result).
    Empty,
}

impl Outcome {
    fn state(self) -> &'static str {
        match self {
            Outcome::Ready => "ready",
            Outcome::Empty => "empty",
        }
    }
}

/// A page's rendered data: its outcome, the tab title and the view.
pub struct Rendered {
    pub outcome: Outcome,
    pub title: String,
    pub view: AnyView,
}

impl Rendered {
    /// A page with data.
    pub fn ready(title: String, view: AnyView) -> Rendered {
        Rendered {
            outcome: Outcome::Ready,
            title,
            view,
        }
    }
}

/// What a page is and what it says while it has no data yet.
pub struct PageSpec {
    /// The `data-page` name (`overview`, `area` …).
    pub page: &'static str,
    /// The page's heading while loading or failing (`Opatření 2.1.3.4`).
    pub heading: Box<dyn Fn(Lang) -> String + Send + Sync>,
    /// For pages of one record: what kind it is and the code asked for, so a `NOT_FOUND` answer
    /// becomes the not-found page naming them.
    pub record: Option<(T, String)>,
    /// The GraphQL document the page sends (from [`crate::queries`]).
    pub query: &'static str,
    /// Its variables.
    pub variables: Option<serde_json::Value>,
}

/// A document's variables with `actionPlan` set to the action plan the page's address names,
/// when the document takes one (`$actionPlan`): the page reads that action plan's measures.
pub fn reading_action_plan(
    query: &str,
    variables: Option<serde_json::Value>,
    chosen: Option<i32>,
) -> Option<serde_json::Value> {
    let Some(number) = chosen.filter(|_| query.contains("$actionPlan")) else {
        return variables;
    };
    let mut variables = variables.unwrap_or_else(|| serde_json::json!({}));
    if let Some(object) = variables.as_object_mut() {
        object.insert("actionPlan".to_owned(), number.into());
    }
    Some(variables)
}

/// The article of a page: it sends the spec's query, decodes `data` as `D` and `render` turns
/// that into the view.
///
/// A page the server rendered starts from the answer it carries ([`prefetch::take`]), so its
/// first render is the server's HTML, taken over as it is; any other page asks the server.
/// Every page loads through the same non-generic call and decodes when it renders, so the
/// bundle holds one loader rather than one per response type.
pub fn page_view<D, R>(spec: PageSpec, render: R) -> impl IntoView
where
    D: DeserializeOwned + 'static,
    R: Fn(D, Lang) -> Rendered + Send + Sync + 'static,
{
    let lang_signal = use_lang();
    let (query, variables) = (
        spec.query,
        reading_action_plan(
            spec.query,
            spec.variables.clone(),
            crate::routes::chosen_action_plan(),
        ),
    );
    let carried = prefetch::take(query, variables.as_ref());
    let answer = RwSignal::new(None::<Result<serde_json::Value, ClientError>>);
    match carried {
        Some(carried) => answer.set(Some(carried)),
        None => load(answer, query, variables.clone()),
    }
    let in_place = crate::live::follow(spec.page, query, variables.clone(), answer);
    move || {
        let lang = lang_signal.get();
        let decoded = answer.get().map(|answer| {
            answer.and_then(|value| {
                serde_json::from_value::<D>(value).map_err(|e| ClientError::Decode(e.to_string()))
            })
        });
        match decoded {
            None => {
                browser::set_title(&i18n::document_title(&(spec.heading)(lang)));
                loading_article(spec.page, (spec.heading)(lang), lang)
            }
            Some(Ok(data)) => {
                let rendered = render(data, lang);
                browser::set_title(&i18n::document_title(&rendered.title));
                if !in_place.take() {
                    browser::page_settled();
                }
                view! {
                    <article class="page" data-page=spec.page data-state=rendered.outcome.state()>
                        {rendered.view}
                    </article>
                }
                .into_any()
            }
            Some(Err(ClientError::NotFound(_))) if spec.record.is_some() => {
                let (kind, code) = spec.record.clone().unwrap_or((T::Measure, String::new()));
                not_found_article(Some(i18n::missing_record(kind, &code, lang)), lang)
            }
            Some(Err(error)) => {
                browser::set_title(&i18n::document_title(&(spec.heading)(lang)));
                browser::page_settled();
                let variables = variables.clone();
                let retry = move || load(answer, query, variables.clone());
                view! {
                    <article class="page" data-page=spec.page data-state="error">
                        <h1 tabindex="-1">{(spec.heading)(lang)}</h1>
                        {error_notice(&error, lang, retry)}
                    </article>
                }
                .into_any()
            }
        }
    }
}

/// Asks the server for `query` with `variables` and puts the answer into `answer` (emptied
/// meanwhile, so the page says it is loading). On the server, records what the page wants
/// instead: the server executes it and renders the page again with the answer.
fn load(
    answer: RwSignal<Option<Result<serde_json::Value, ClientError>>>,
    query: &'static str,
    variables: Option<serde_json::Value>,
) {
    if answer.with_untracked(Option::is_some) {
        answer.set(None);
    }
    #[cfg(feature = "ssr")]
    prefetch::want(query, variables);
    #[cfg(not(feature = "ssr"))]
    leptos::task::spawn_local(async move {
        let got = crate::api::post_graphql_value(query, variables).await;
        // The page may be gone by now (the reader moved on); then nobody wants the answer.
        let _ = answer.try_set(Some(got));
    });
}

/// The article shown while a page's data loads.
pub fn loading_article(page: &'static str, heading: String, lang: Lang) -> AnyView {
    view! {
        <article class="page" data-page=page data-state="loading" aria-busy="true">
            <h1 tabindex="-1">{heading}</h1>
            <p class="notice" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                {T::Loading.get(lang)}
            </p>
        </article>
    }
    .into_any()
}

/// The not-found article, optionally saying which record is missing.
pub fn not_found_article(detail: Option<String>, lang: Lang) -> AnyView {
    browser::set_title(&i18n::document_title(T::NotFoundTitle.get(lang)));
    browser::not_found();
    browser::page_settled();
    view! {
        <article class="page" data-page="not-found" data-state="ready">
            {not_found_body(detail, lang)}
        </article>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::reading_action_plan;
    use serde_json::json;

    #[test]
    fn a_document_taking_an_action_plan_reads_the_one_the_address_names() {
        let q = "query Area($code: String!, $actionPlan: Int) { area(code: $code, actionPlan: $actionPlan) { code } }";
        assert_eq!(
            reading_action_plan(q, Some(json!({ "code": "2" })), Some(1)),
            Some(json!({ "code": "2", "actionPlan": 1 }))
        );
        assert_eq!(
            reading_action_plan(
                "query Overview($actionPlan: Int) { plan { name } }",
                None,
                Some(2)
            ),
            Some(json!({ "actionPlan": 2 }))
        );
        // None named: the one in force (no variable); a document without one: unchanged.
        assert_eq!(reading_action_plan(q, None, None), None);
        assert_eq!(
            reading_action_plan("query Risks { plan { name } }", None, Some(2)),
            None
        );
    }
}
