//! The search form: a GET form to `/hledat` that the router handles without a page load, so it
//! also works as a plain form and its URL can be shared.

use leptos::prelude::*;
use leptos_router::components::Form;
use shared::format::Lang;

use crate::i18n::T;

/// A labelled search box with a button; `id` keeps several forms on a page apart. The header's
/// search landmark is named "search the plan", any other "new search" (landmarks' names are
/// unique). A search from a page reading another action plan than the one in force (`?ap=`)
/// searches that one.
pub fn search_form(
    id: &'static str,
    value: String,
    class: &'static str,
    action_plan: Option<i32>,
    lang: Lang,
) -> AnyView {
    let name = if class == "header-search" {
        T::SearchLabel
    } else {
        T::NewSearch
    };
    view! {
        <Form method="get" action="/hledat" attr:class=class attr:role="search"
            attr:aria-label=name.get(lang)>
            <label for=id class="search-label">{T::SearchLabel.get(lang)}</label>
            <span class="search-row">
                <input id=id type="search" name="q" value=value autocomplete="off"
                    placeholder=T::SearchPlaceholder.get(lang) enterkeyhint="search" />
                <button type="submit" class="button">{T::SearchButton.get(lang)}</button>
            </span>
            {action_plan.map(|n| view! {
                <input type="hidden" name=crate::routes::ACTION_PLAN_PARAM value=n.to_string() />
            })}
        </Form>
    }
    .into_any()
}
