//! The meeting view (`/stul/oblast/:code`, `/stul/cil/:code`): an area or a specific goal for
//! a round table, on a projector or a phone. Large figures — each goal's (or indicator's)
//! progress toward its target with the latest value, its date and source, the measures'
//! statuses and money where the data have them —, the latest dated changes, and a QR code that
//! opens the same view on a phone. Every block showing a goal's or measure's figures carries
//! `data-live="<code>"`, the code live updates name a change by.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;
use shared::Code;
use shared::code::Level;
use shared::format::{self, Lang};

use crate::components::badges::{status_chip, status_counts};
use crate::components::goal::{goal_meta, goal_progress};
use crate::components::link::link;
use crate::components::money::planned_vs_drawn;
use crate::components::page::{PageSpec, Rendered, not_found_article, page_view};
use crate::components::progress_bar::progress_bar;
use crate::components::source::source_note;
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::logic::meeting::{
    CHANGES_SHOWN, Change, MeetingMeasure, What, latest_changes, latest_source, money_of,
    printed_address, qr_src,
};
use crate::model::{
    AreaName, ImpactIndicator, Money, ParentGoal, Rollup, SpecificGoal, StatusCounts, localized,
};
use crate::pages::overview::rollup_bar;
use crate::queries;
use crate::routes::{Route, code_at};

/// `/stul/oblast/:code`'s data.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct AreaData {
    area: Area,
}

/// An area with the figures its meeting view shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Area {
    code: Code,
    name: String,
    name_en: String,
    progress: Option<Rollup>,
    status_counts: StatusCounts,
    budget: Money,
    strategic_goals: Vec<StrategicGoal>,
    measures: Vec<MeetingMeasure>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StrategicGoal {
    specific_goals: Vec<SpecificGoal>,
}

/// `/stul/cil/:code`'s data.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GoalData {
    specific_goal: MeetingGoal,
}

/// A specific goal with the figures its meeting view shows.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MeetingGoal {
    #[serde(flatten)]
    goal: SpecificGoal,
    #[serde(default, rename = "measures")]
    meeting_measures: Vec<MeetingMeasure>,
    #[serde(default, rename = "strategicGoal")]
    parent: Option<ParentGoal>,
}

/// The area's meeting view; a code that is no area's is not found without asking the server.
#[component]
pub fn MeetingAreaPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    move || {
        let segment = params.read().get("code").unwrap_or_default();
        match code_at(&segment, Level::Area) {
            Some(code) => {
                let heading_code = code.clone();
                let spec = PageSpec {
                    page: "meeting",
                    heading: Box::new(move |lang| format!("{} {heading_code}", T::Area.get(lang))),
                    record: Some((T::Area, code.to_string())),
                    query: queries::MEETING_AREA,
                    variables: Some(serde_json::json!({ "code": code.to_string() })),
                };
                page_view(spec, render_area).into_any()
            }
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

/// A specific goal's meeting view.
#[component]
pub fn MeetingGoalPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    move || {
        let segment = params.read().get("code").unwrap_or_default();
        match code_at(&segment, Level::SpecificGoal) {
            Some(code) => {
                let heading_code = code.clone();
                let spec = PageSpec {
                    page: "meeting",
                    heading: Box::new(move |lang| {
                        format!("{} {heading_code}", T::SpecificGoal.get(lang))
                    }),
                    record: Some((T::SpecificGoal, code.to_string())),
                    query: queries::MEETING_GOAL,
                    variables: Some(serde_json::json!({ "code": code.to_string() })),
                };
                page_view(spec, render_goal).into_any()
            }
            None => not_found_article(
                Some(i18n::missing_record(
                    T::SpecificGoal,
                    &segment,
                    lang.get_untracked(),
                )),
                lang.get(),
            ),
        }
    }
}

fn render_area(data: AreaData, lang: Lang) -> Rendered {
    let area = data.area;
    let name = localized(&area.name, &area.name_en, lang).to_owned();
    let title = format!("{} {} {}", T::Area.get(lang), area.code, name);
    let goals: Vec<&SpecificGoal> = area
        .strategic_goals
        .iter()
        .flat_map(|s| &s.specific_goals)
        .collect();
    let measures: Vec<&MeetingMeasure> = area.measures.iter().collect();
    let changes = latest_changes(&goals, &measures, CHANGES_SHOWN);
    let goal_cards = goals.iter().map(|g| goal_card(g, lang)).collect_view();
    let rollup_label = format!(
        "{} – {} {}",
        T::GoalsProgress.get(lang),
        T::Area.get(lang),
        area.code
    );
    let here = Route::MeetingArea(area.code.clone());
    let back = Route::Area(area.code.clone());
    let view = view! {
        <div class="meeting">
            <header class="meeting-head">
                <p class="meeting-kicker">{T::MeetingView.get(lang)}</p>
                <h1 tabindex="-1">
                    <span class="area-code">{area.code.to_string()}</span> " " {name}
                </h1>
                {back_link(&back, lang)}
            </header>
            <div class="meeting-top">
                <div class="meeting-figures">
                    <div class="card meeting-figure">
                        <h2>{T::GoalsProgress.get(lang)}</h2>
                        {rollup_bar(area.progress, rollup_label, lang)}
                    </div>
                    <div class="card meeting-figure">
                        <h2>{T::MeasureStatuses.get(lang)}</h2>
                        {status_counts(area.status_counts, lang)}
                    </div>
                    {money_figure(area.budget.planned.0, area.budget.drawn.0, T::BudgetPlannedDrawn, lang)}
                </div>
                {qr_block(&here, lang)}
            </div>
            <section class="meeting-section" aria-labelledby="stul-cile">
                <h2 id="stul-cile">{T::MeetingTargets.get(lang)}</h2>
                <ul class="meeting-goals">{goal_cards}</ul>
            </section>
            {changes_section(&changes, lang)}
        </div>
    }
    .into_any();
    Rendered::ready(format!("{} – {title}", T::MeetingView.get(lang)), view)
}

fn render_goal(data: GoalData, lang: Lang) -> Rendered {
    let MeetingGoal {
        goal,
        meeting_measures,
        parent,
    } = data.specific_goal;
    let title = format!("{} {}", T::SpecificGoal.get(lang), goal.code);
    let here = Route::MeetingGoal(goal.code.clone());
    let back = Route::Goal(goal.code.clone());
    let area: Option<&AreaName> = parent.as_ref().and_then(|p| p.area.as_ref());
    let area_link = area.map(|a| {
        let text = format!(
            "{} {} {}",
            T::Area.get(lang),
            a.code,
            localized(&a.name, &a.name_en, lang)
        );
        view! {
            <p class="meeting-area">
                {link(&Route::MeetingArea(a.code.clone()), view! { {text} }.into_any())}
            </p>
        }
    });
    let measures: Vec<&MeetingMeasure> = meeting_measures.iter().collect();
    let changes = latest_changes(&[&goal], &measures, CHANGES_SHOWN);
    let indicators = if goal.impact_indicators.is_empty() {
        view! { <p class="empty">{T::NoIndicators.get(lang)}</p> }.into_any()
    } else {
        let cards = goal
            .impact_indicators
            .iter()
            .enumerate()
            .map(|(i, indicator)| indicator_card(&goal, i, indicator, lang))
            .collect_view();
        view! { <ul class="meeting-indicators">{cards}</ul> }.into_any()
    };
    let money = money_of(&meeting_measures)
        .map(|(planned, drawn)| money_figure(planned, drawn, T::MeetingMoneyOfMeasures, lang));
    let counts = crate::logic::meeting::status_counts(&meeting_measures);
    let measure_items = meeting_measures
        .iter()
        .map(|m| {
            let code = m.code.to_string();
            let live = code.clone();
            view! {
                <li class="meeting-measure" data-live=live>
                    {link(&Route::Measure(m.code.clone()), view! { {code} }.into_any())}
                    " "
                    <span lang="cs">{m.name.clone()}</span>
                    " "
                    {status_chip(m.status.map(|s| s.status()), lang)}
                </li>
            }
        })
        .collect_view();
    let code = goal.code.to_string();
    let section_code = code.clone();
    let view = view! {
        <div class="meeting">
            <header class="meeting-head">
                <p class="meeting-kicker">{T::MeetingView.get(lang)}</p>
                <h1 tabindex="-1">{title.clone()}</h1>
                <p class="meeting-target" lang="cs">{goal.target_text.clone()}</p>
                {area_link}
                {back_link(&back, lang)}
            </header>
            <div class="meeting-top">
                <div class="meeting-figures">
                    <div class="card meeting-figure meeting-goal" data-live=code>
                        <h2>{T::ProgressOfGoal.get(lang)}</h2>
                        {goal_meta(&goal, lang)}
                        {goal_progress(&goal, lang)}
                    </div>
                    <div class="card meeting-figure">
                        <h2>{T::MeasureStatuses.get(lang)}</h2>
                        {status_counts(counts, lang)}
                    </div>
                    {money}
                </div>
                {qr_block(&here, lang)}
            </div>
            <section class="meeting-section" aria-labelledby="stul-indikatory" data-live=section_code>
                <h2 id="stul-indikatory">{T::ImpactIndicators.get(lang)}</h2>
                {indicators}
            </section>
            {(!meeting_measures.is_empty()).then(|| view! {
                <section class="meeting-section" aria-labelledby="stul-opatreni">
                    <h2 id="stul-opatreni">{T::Measures.get(lang)}</h2>
                    <ul class="meeting-measures">{measure_items}</ul>
                </section>
            })}
            {changes_section(&changes, lang)}
        </div>
    }
    .into_any();
    Rendered::ready(format!("{} – {title}", T::MeetingView.get(lang)), view)
}

/// The link back to the full page of the area or goal.
fn back_link(route: &Route, lang: Lang) -> AnyView {
    view! {
        <p class="meeting-back">
            {link(route, view! { <span aria-hidden="true">"← "</span> {T::MeetingBack.get(lang)} }.into_any())}
        </p>
    }
    .into_any()
}

/// One specific goal of an area: its target, state, progress bar with the latest value against
/// the target, and that value's source.
fn goal_card(goal: &SpecificGoal, lang: Lang) -> AnyView {
    let heading = format!("{} {}", T::SpecificGoal.get(lang), goal.code);
    let source = goal.headline_indicator().and_then(latest_source);
    view! {
        <li class="card meeting-goal" data-live=goal.code.to_string()>
            <h3>{link(&Route::MeetingGoal(goal.code.clone()), view! { {heading} }.into_any())}</h3>
            <p class="meeting-goal-target" lang="cs">{goal.target_text.clone()}</p>
            {goal_meta(goal, lang)}
            {goal_progress(goal, lang)}
            {source_note(source, lang)}
        </li>
    }
    .into_any()
}

/// One impact indicator of a goal: its latest value against its target as a bar, with the
/// value's date and source; without a target, its latest value and date.
fn indicator_card(
    goal: &SpecificGoal,
    index: usize,
    indicator: &ImpactIndicator,
    lang: Lang,
) -> AnyView {
    let label = format!(
        "{} {} – {}",
        T::ProgressOfGoal.get(lang),
        goal.code,
        index + 1
    );
    let figure = match indicator.progress {
        Some(p) => progress_bar(
            Some(p.ratio),
            None,
            label,
            i18n::value_of_target(p.latest, p.target, p.date, lang),
            lang,
        ),
        None => match indicator
            .values
            .iter()
            .rev()
            .find_map(|v| v.date.map(|d| (d, v.text.clone())))
        {
            Some((date, text)) => view! {
                <p class="meeting-latest">
                    <strong>{text}</strong> " " {i18n::as_of(date, lang)}
                </p>
            }
            .into_any(),
            None => progress_bar(None, None, label, String::new(), lang),
        },
    };
    let source = latest_source(indicator).or_else(|| {
        indicator
            .values
            .iter()
            .rev()
            .find(|v| v.date.is_some())
            .and_then(|v| v.source.as_ref())
    });
    let target = indicator.target.map(|t| {
        view! {
            <p class="meeting-indicator-target">
                {T::Target.get(lang)} ": " <strong>{format::number_auto(t, lang)}</strong>
                {(!indicator.unit.is_empty()).then(|| view! { " " <span lang="cs">{indicator.unit.clone()}</span> })}
            </p>
        }
    });
    view! {
        <li class="card meeting-indicator">
            <h3 lang="cs">{indicator.name.clone()}</h3>
            {indicator.is_key.then(|| view! { <p class="tag tag-key">{T::KeyIndicator.get(lang)}</p> })}
            {target}
            {figure}
            {source_note(source, lang)}
        </li>
    }
    .into_any()
}

/// Money planned and drawn, when there is any.
fn money_figure(
    planned: shared::Czk,
    drawn: shared::Czk,
    heading: T,
    lang: Lang,
) -> Option<AnyView> {
    (planned != shared::Czk::ZERO || drawn != shared::Czk::ZERO).then(|| {
        view! {
            <div class="card meeting-figure">
                <h2>{heading.get(lang)}</h2>
                {planned_vs_drawn(planned, drawn, lang)}
            </div>
        }
        .into_any()
    })
}

/// The latest changes, newest first, each with its date.
fn changes_section(changes: &[Change], lang: Lang) -> AnyView {
    let body = if changes.is_empty() {
        view! { <p class="empty">{T::NoChanges.get(lang)}</p> }.into_any()
    } else {
        let items = changes
            .iter()
            .map(|change| {
                let what = match &change.what {
                    What::Value {
                        goal,
                        indicator,
                        text,
                        unit,
                    } => view! {
                        <span class="meeting-change-what">
                            {T::SpecificGoal.get(lang)} " " {goal.to_string()} ": "
                            <span lang="cs">{indicator.clone()}</span>
                        </span>
                        " "
                        <strong class="meeting-change-value">
                            {text.clone()}
                            {(!unit.is_empty()).then(|| view! { " " <span lang="cs">{unit.clone()}</span> })}
                        </strong>
                    }
                    .into_any(),
                    What::Status {
                        measure,
                        name,
                        status,
                    } => view! {
                        <span class="meeting-change-what">
                            {T::Measure.get(lang)} " " {measure.to_string()} ": "
                            <span lang="cs">{name.clone()}</span>
                        </span>
                        " "
                        {status_chip(Some(*status), lang)}
                    }
                    .into_any(),
                };
                view! {
                    <li class="meeting-change" data-live=change.live_code()>
                        <time datetime=change.date.to_string()>{format::date(change.date, lang)}</time>
                        " "
                        {what}
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="meeting-changes">{items}</ol> }.into_any()
    };
    view! {
        <section class="meeting-section" aria-labelledby="stul-zmeny">
            <h2 id="stul-zmeny">{T::LatestChanges.get(lang)}</h2>
            {body}
        </section>
    }
    .into_any()
}

/// The QR code of this view's address, with the address printed under it.
fn qr_block(here: &Route, lang: Lang) -> AnyView {
    let path = here.href();
    let address = printed_address(&crate::browser::site_address(), &path);
    view! {
        <figure class="card meeting-qr">
            <img src=qr_src(&path) alt=T::OpenOnPhone.get(lang) width="296" height="296" />
            <figcaption>
                <span class="meeting-qr-label">{T::OpenOnPhone.get(lang)}</span>
                <span class="meeting-address">{address}</span>
            </figcaption>
        </figure>
    }
    .into_any()
}
