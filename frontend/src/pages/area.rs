//! An area (`/oblast/:code`): its target groups, then each strategic goal with its specific
//! goals (target, progress, impact indicators over the monitoring dates, yearly summary) and
//! their measures with status chips. Each specific goal has the anchor `#cil-2.1.3`.

use crate::components::action_plan_switch::{Choice, action_plan_switch, current_path};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;
use shared::Code;
use shared::code::Level;
use shared::format::Lang;

use crate::components::badges::status_counts;
use crate::components::breadcrumbs::breadcrumbs;
use crate::components::download::download_data;
use crate::components::goal::{GoalBlockOptions, goal_block};
use crate::components::link::link;
use crate::components::money::planned_vs_drawn;
use crate::components::page::{PageSpec, Rendered, not_found_article, page_view};
use crate::i18n::{self, Noun, T};
use crate::lang::use_lang;
use crate::model::{Money, Rollup, SpecificGoal, StatusCounts, localized};
use crate::pages::overview::rollup_bar;
use crate::queries;
use crate::routes::{Route, code_at};

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    area: Area,
    /// The action plan read and the others to choose.
    plan: Choice,
}

/// An area with everything its page shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Area {
    code: Code,
    name: String,
    name_en: String,
    target_group_intro: String,
    target_group_outro: String,
    structure_note: String,
    target_groups: Vec<TargetGroup>,
    progress: Option<Rollup>,
    status_counts: StatusCounts,
    budget: Money,
    conflict_count: u32,
    strategic_goals: Vec<StrategicGoal>,
}

/// One bullet of the target group: people or actors.
#[derive(Debug, Clone, Deserialize)]
struct TargetGroup {
    text: String,
    kind: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StrategicGoal {
    code: Code,
    name: String,
    specific_goals: Vec<SpecificGoal>,
}

/// The area page; an invalid code is not found without asking the server.
#[component]
pub fn AreaPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    move || {
        let segment = params.read().get("code").unwrap_or_default();
        match code_at(&segment, Level::Area) {
            Some(code) => area_view(code).into_any(),
            None => not_found_article(
                Some(i18n::missing_record(
                    T::Area,
                    &segment,
                    lang.get_untracked(),
                )),
                lang.get(),
            ),
        }
    }
}

/// The page for one valid area code.
fn area_view(code: Code) -> impl IntoView {
    let heading_code = code.clone();
    let spec = PageSpec {
        page: "area",
        heading: Box::new(move |lang| format!("{} {heading_code}", T::Area.get(lang))),
        record: Some((T::Area, code.to_string())),
        query: queries::AREA,
        variables: Some(serde_json::json!({ "code": code.to_string() })),
    };
    page_view(spec, render)
}

fn render(data: Data, lang: Lang) -> Rendered {
    let area = data.area;
    let name = localized(&area.name, &area.name_en, lang).to_owned();
    let title = format!("{} {} {}", T::Area.get(lang), area.code, name);
    let label = format!(
        "{} – {} {}",
        T::GoalsProgress.get(lang),
        T::Area.get(lang),
        area.code
    );
    let goals = area
        .strategic_goals
        .iter()
        .map(|s| strategic_goal_section(s, lang))
        .map(IntoAny::into_any)
        .collect_view();
    let view = view! {
        {breadcrumbs(Vec::new(), format!("{} {}", T::Area.get(lang), area.code), lang)}
        <h1 tabindex="-1"><span class="area-code">{area.code.to_string()}</span> " " {name}</h1>
        {(lang == Lang::En).then(|| view! { <p class="doc-name" lang="cs">{area.name.clone()}</p> })}
        {action_plan_switch(&data.plan, &current_path(), lang)}
        <p class="meeting-link">
            {link(&Route::MeetingArea(area.code.clone()), view! { {T::MeetingView.get(lang)} }.into_any())}
        </p>
        <div class="card-grid figure-grid">
            <div class="card figure">
                <h2 class="h3">{T::GoalsProgress.get(lang)}</h2>
                {rollup_bar(area.progress, label, lang)}
            </div>
            <div class="card figure">
                <h2 class="h3">{T::MeasureStatuses.get(lang)}</h2>
                {status_counts(area.status_counts, lang)}
            </div>
            <div class="card figure">
                <h2 class="h3">{T::BudgetPlannedDrawn.get(lang)}</h2>
                {planned_vs_drawn(area.budget.planned.0, area.budget.drawn.0, lang)}
            </div>
            <div class="card figure">
                <h2 class="h3">{T::Conflicts.get(lang)}</h2>
                <p class="big-number">{i18n::count(area.conflict_count as usize, Noun::Conflict, lang)}</p>
            </div>
        </div>
        {target_groups(&area, lang)}
        {goals}
        {download_data("specificke-cile", Some(("oblast", &area.code.to_string())), T::SpecificGoals, lang)}
    }
    .into_any();
    Rendered::ready(title, view)
}

/// The area's target groups: people, then actors, with the texts around them.
fn target_groups(area: &Area, lang: Lang) -> AnyView {
    let list = |actors: bool| {
        let items: Vec<_> = area
            .target_groups
            .iter()
            .filter(|g| (g.kind == "ACTORS") == actors)
            .map(|g| view! { <li>{g.text.clone()}</li> })
            .collect();
        (!items.is_empty()).then(|| items.into_iter().map(IntoAny::into_any).collect_view())
    };
    let people = list(false).map(|items| {
        view! {
            <h3>{T::TargetGroupPeople.get(lang)}</h3>
            <ul class="doc-text" lang="cs">{items}</ul>
        }
    });
    let actors = list(true).map(|items| {
        view! {
            <h3>{T::TargetGroupActors.get(lang)}</h3>
            <ul class="doc-text" lang="cs">{items}</ul>
        }
    });
    let para = |text: &str| {
        (!text.trim().is_empty())
            .then(|| view! { <p class="doc-text" lang="cs">{text.to_owned()}</p> })
    };
    view! {
        <section class="target-groups" aria-labelledby="cilove-skupiny">
            <h2 id="cilove-skupiny">{T::TargetGroups.get(lang)}</h2>
            {para(&area.target_group_intro)}
            {people}
            {actors}
            {para(&area.target_group_outro)}
            {para(&area.structure_note)}
        </section>
    }
    .into_any()
}

/// A strategic goal with its specific goals.
fn strategic_goal_section(goal: &StrategicGoal, lang: Lang) -> AnyView {
    let id = format!("cil-{}", goal.code);
    let heading_id = format!("{id}-nadpis");
    let labelled_by = heading_id.clone();
    let options = GoalBlockOptions {
        level: 3,
        link: true,
        summary_open: false,
    };
    let blocks = goal
        .specific_goals
        .iter()
        .cloned()
        .map(|g| goal_block(g, options, lang))
        .map(IntoAny::into_any)
        .collect_view();
    view! {
        <section class="strategic-goal" id=id aria-labelledby=labelled_by>
            <h2 id=heading_id>
                {link(&Route::Goal(goal.code.clone()), view! {
                    {T::StrategicGoal.get(lang)} " " {goal.code.to_string()}
                }.into_any())}
            </h2>
            <p class="goal-name doc-text" lang="cs">{goal.name.clone()}</p>
            {blocks}
        </section>
    }
    .into_any()
}
