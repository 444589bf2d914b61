//! The choice of action plan on the dashboards: which one the page reads (the one in force
//! unless the address names another, `?ap=2`), with a link to each other approved one. A
//! switch loads the page anew (server-rendered), so the address alone says what is shown and
//! a shared link shows the same action plan.

use leptos::prelude::*;
use serde::Deserialize;
use shared::format::Lang;

use crate::i18n::T;

/// What a page reads to offer the choice: `plan(actionPlan: $actionPlan) { actionPlan {
/// number } actionPlans { number name periodFrom periodTo } }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    pub action_plan: Option<Number>,
    pub action_plans: Vec<Item>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
pub struct Number {
    pub number: i32,
}

/// An approved action plan.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub number: i32,
    pub name: String,
    pub period_from: i32,
    pub period_to: i32,
}

/// "Akční plán I. (2022–2025)".
pub fn label(item: &Item) -> String {
    format!("{} ({}–{})", item.name, item.period_from, item.period_to)
}

/// The choice for the page at `path` (no query): the action plan read, and links to the
/// others. Nothing while the plan has a single action plan.
pub fn action_plan_switch(choice: &Choice, path: &str, lang: Lang) -> Option<AnyView> {
    if choice.action_plans.len() < 2 {
        return None;
    }
    let read = choice.action_plan.map(|n| n.number);
    let items = choice
        .action_plans
        .iter()
        .map(|item| {
            let text = label(item);
            if Some(item.number) == read {
                view! { <li><strong aria-current="page">{text}</strong></li> }.into_any()
            } else {
                let href = crate::routes::with_action_plan(path.to_owned(), Some(item.number));
                view! { <li><a href=href rel="external" data-action-plan=item.number>{text}</a></li> }
                    .into_any()
            }
        })
        .collect_view();
    // The two latest approved action plans compared.
    let mut numbers: Vec<i32> = choice.action_plans.iter().map(|a| a.number).collect();
    numbers.sort_unstable();
    let compare = match numbers.as_slice() {
        [.., earlier, later] => Some(crate::routes::Route::Comparison(*earlier, *later).href()),
        _ => None,
    };
    Some(
        view! {
            <nav class="ap-switch" aria-label=T::ActionPlanSwitch.get(lang)>
                <span class="ap-switch-label">{T::ActionPlanSwitch.get(lang)} ": "</span>
                <ul>{items}</ul>
                {compare.map(|href| view! {
                    <a class="ap-compare" href=href>{T::ComparisonLink.get(lang)}</a>
                })}
            </nav>
        }
        .into_any(),
    )
}

/// The current page's path, for [`action_plan_switch`].
pub fn current_path() -> String {
    leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
}
