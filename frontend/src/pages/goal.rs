//! A goal's own page (`/cil/:code`): a strategic goal (`2.1`) with its specific goals, or a
//! specific goal (`2.1.3`) with its target, expected impact, progress, every impact indicator with
//! its values and sources, the yearly summary and its measures.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;
use shared::Code;
use shared::code::Level;
use shared::format::Lang;

use crate::components::badges::status_counts;
use crate::components::breadcrumbs::breadcrumbs;
use crate::components::conflicts::conflicts_section;
use crate::components::download::download_data;
use crate::components::goal::{
    goal_meta, goal_progress, indicators_section, measures_section, summaries_section,
};
use crate::components::link::{link, staff_link};
use crate::components::money::planned_vs_drawn;
use crate::components::page::{PageSpec, Rendered, not_found_article, page_view};
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::model::{AreaName, Money, ParentGoal, Rollup, SpecificGoal, StatusCounts, localized};
use crate::pages::overview::rollup_bar;
use crate::queries;
use crate::routes::{Route, goal_anchor, goal_code};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SpecificData {
    /// With its strategic goal, area and conflicts.
    specific_goal: SpecificGoal,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StrategicData {
    strategic_goal: StrategicGoal,
}

/// A strategic goal with its specific goals.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StrategicGoal {
    code: Code,
    name: String,
    #[serde(default)]
    area: Option<AreaName>,
    progress: Option<Rollup>,
    status_counts: StatusCounts,
    budget: Money,
    specific_goals: Vec<SpecificGoal>,
}

/// The goal page: which view depends on the code's level.
#[component]
pub fn GoalPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    move || {
        let segment = params.read().get("code").unwrap_or_default();
        match goal_code(&segment) {
            Some(code) if code.level() == Level::StrategicGoal => strategic_view(code).into_any(),
            Some(code) => specific_view(code).into_any(),
            None => not_found_article(
                Some(i18n::missing_record(
                    T::Goal,
                    &segment,
                    lang.get_untracked(),
                )),
                lang.get(),
            ),
        }
    }
}

fn spec(kind: T, code: &Code, query: &'static str, variables: serde_json::Value) -> PageSpec {
    let heading_code = code.clone();
    PageSpec {
        page: "goal",
        heading: Box::new(move |lang| format!("{} {heading_code}", kind.get(lang))),
        record: Some((kind, code.to_string())),
        query,
        variables: Some(variables),
    }
}

fn specific_view(code: Code) -> impl IntoView {
    let variables = serde_json::json!({ "code": code.to_string() });
    page_view(
        spec(T::SpecificGoal, &code, queries::SPECIFIC_GOAL, variables),
        render_specific,
    )
}

fn strategic_view(code: Code) -> impl IntoView {
    let variables = serde_json::json!({ "code": code.to_string() });
    page_view(
        spec(T::StrategicGoal, &code, queries::STRATEGIC_GOAL, variables),
        render_strategic,
    )
}

/// The trail above a goal: its area (and its strategic goal), as far as the API names them.
fn trail(
    area: Option<&AreaName>,
    strategic: Option<&ParentGoal>,
    lang: Lang,
) -> Vec<(String, Route)> {
    let mut trail = Vec::new();
    if let Some(area) = area {
        let area_name = localized(&area.name, &area.name_en, lang);
        trail.push((
            format!("{} {} {}", T::Area.get(lang), area.code, area_name),
            Route::Area(area.code.clone()),
        ));
    }
    if let Some(goal) = strategic {
        trail.push((
            format!("{} {}", T::StrategicGoal.get(lang), goal.code),
            Route::Goal(goal.code.clone()),
        ));
    }
    trail
}

fn render_specific(data: SpecificData, lang: Lang) -> Rendered {
    let goal = data.specific_goal;
    let title = format!("{} {}", T::SpecificGoal.get(lang), goal.code);
    let expected_impact = (!goal.expected_impact.trim().is_empty()).then(|| {
        let paragraphs = goal
            .expected_impact
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| view! { <p>{l.to_owned()}</p> })
            .map(IntoAny::into_any)
            .collect_view();
        view! {
            <section aria-labelledby="ocekavany-dopad">
                <h2 id="ocekavany-dopad">{T::ExpectedImpact.get(lang)}</h2>
                <div class="doc-text" lang="cs">{paragraphs}</div>
            </section>
        }
    });
    let parent = goal.strategic_goal.as_ref();
    let area = parent.and_then(|p| p.area.as_ref());
    let parent_name = parent.map(|p| {
        view! {
            <p class="hint">
                {T::StrategicGoal.get(lang)} " " {p.code.to_string()} ": "
                <span lang="cs">{p.name.clone()}</span>
            </p>
        }
    });
    let declared = goal.declared_measures.map(|n| {
        view! { <p class="hint">{T::DeclaredMeasures.get(lang)} ": " {n.to_string()}</p> }
    });
    let edit = staff_link(
        &Route::EditGoal(goal.code.clone()),
        T::Edit.get(lang).into_any(),
    );
    let view = view! {
        {breadcrumbs(trail(area, parent, lang), title.clone(), lang)}
        <h1 tabindex="-1" id=goal_anchor(&goal.code)>{title.clone()}</h1>
        <p class="goal-target lead doc-text" lang="cs">{goal.target_text.clone()}</p>
        {edit}
        <p class="meeting-link">
            {link(&Route::MeetingGoal(goal.code.clone()), view! { {T::MeetingView.get(lang)} }.into_any())}
        </p>
        {parent_name}
        <div class="card goal-status" data-live=goal.code.to_string() data-live-key="progress">
            {goal_meta(&goal, lang)}
            {goal_progress(&goal, lang)}
        </div>
        {expected_impact}
        {indicators_section(&goal.code, &goal.impact_indicators, 2, lang)}
        {download_data("hodnoty-indikatoru", Some(("specificky_cil", &goal.code.to_string())), T::ImpactIndicators, lang)}
        {summaries_section(&goal.summaries, 2, true, lang)}
        {measures_section(&goal.measures, 2, lang)}
        {download_data("opatreni", Some(("specificky_cil", &goal.code.to_string())), T::Measures, lang)}
        {declared}
        {conflicts_section(&goal.conflicts, T::NoGoalConflicts, lang)}
    }
    .into_any();
    Rendered::ready(title, view)
}

fn render_strategic(data: StrategicData, lang: Lang) -> Rendered {
    let goal = data.strategic_goal;
    let title = format!("{} {}", T::StrategicGoal.get(lang), goal.code);
    let label = format!("{} – {title}", T::GoalsProgress.get(lang));
    let goals = goal
        .specific_goals
        .iter()
        .map(|g| {
            let heading = format!("{} {}", T::SpecificGoal.get(lang), g.code);
            view! {
                <li class="card goal">
                    <h3>{link(&Route::Goal(g.code.clone()), view! { {heading} }.into_any())}</h3>
                    <p class="goal-target doc-text" lang="cs">{g.target_text.clone()}</p>
                    {goal_meta(g, lang)}
                    {goal_progress(g, lang)}
                    {measures_section(&g.measures, 4, lang)}
                </li>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    let view = view! {
        {breadcrumbs(trail(goal.area.as_ref(), None, lang), title.clone(), lang)}
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead doc-text" lang="cs">{goal.name.clone()}</p>
        <div class="card-grid figure-grid">
            <div class="card figure">
                <h2 class="h3">{T::GoalsProgress.get(lang)}</h2>
                {rollup_bar(goal.progress, label, lang)}
            </div>
            <div class="card figure">
                <h2 class="h3">{T::MeasureStatuses.get(lang)}</h2>
                {status_counts(goal.status_counts, lang)}
            </div>
            <div class="card figure">
                <h2 class="h3">{T::BudgetPlannedDrawn.get(lang)}</h2>
                {planned_vs_drawn(goal.budget.planned.0, goal.budget.drawn.0, lang)}
            </div>
        </div>
        <section aria-labelledby="specificke-cile">
            <h2 id="specificke-cile">{T::GoalsOfStrategic.get(lang)}</h2>
            <ul class="card-grid goal-grid">{goals}</ul>
            {download_data("specificke-cile", Some(("strategicky_cil", &goal.code.to_string())), T::GoalsOfStrategic, lang)}
        </section>
    }
    .into_any();
    Rendered::ready(title, view)
}
