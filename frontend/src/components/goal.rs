//! A specific goal as the area and goal pages show it: the target, the key indicator's progress
//! bar, every impact indicator with its values over the monitoring dates (chart and table), the
//! yearly summary and the goal's measures.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Code;
use shared::format::{self, Lang};
use shared::progress::{GoalState, TargetKind};

use crate::components::badges::{goal_state_chip, status_chip};
use crate::components::charts::{ColumnDatum, column_chart};
use crate::components::link::link;
use crate::components::progress_bar::progress_bar;
use crate::components::source::source_text;
use crate::i18n::{self, T};
use crate::model::{ImpactIndicator, MeasureBrief, SpecificGoal, Summary};
use crate::routes::{Route, goal_anchor};

/// A heading of the given level (2–4), so blocks keep the page's heading order.
pub fn heading(level: u8, id: Option<String>, content: AnyView) -> AnyView {
    match level {
        2 => view! { <h2 id=id>{content}</h2> }.into_any(),
        3 => view! { <h3 id=id>{content}</h3> }.into_any(),
        _ => view! { <h4 id=id>{content}</h4> }.into_any(),
    }
}

/// How a goal block is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalBlockOptions {
    /// The level of the goal's heading; its parts use the next one.
    pub level: u8,
    /// Whether the heading links to the goal's own page (on the area page).
    pub link: bool,
    /// Whether the yearly summary starts open.
    pub summary_open: bool,
}

/// The goal's progress bar with its figure in words.
pub fn goal_progress(goal: &SpecificGoal, lang: Lang) -> AnyView {
    let progress = goal.progress;
    let ratio = progress.and_then(|p| p.ratio);
    let key_with_progress = goal
        .impact_indicators
        .iter()
        .filter(|i| i.is_key && i.progress.is_some())
        .count();
    let text = match (
        goal.headline_indicator().and_then(|i| i.progress),
        key_with_progress,
    ) {
        (Some(p), 0 | 1) => i18n::value_of_target(p.latest, p.target, p.date, lang),
        _ => progress
            .and_then(|p| p.as_of)
            .map(|d| i18n::as_of(d, lang))
            .unwrap_or_default(),
    };
    let label = format!("{} {}", T::ProgressOfGoal.get(lang), goal.code);
    let expected = match goal.target_kind {
        TargetKind::CountBy => progress.and_then(|p| p.expected),
        TargetKind::PerYear => None,
    };
    progress_bar(ratio, expected, label, text, lang)
}

/// The goal's state chip and its deadline (`do 31. 12. 2025` / `ročně`).
pub fn goal_meta(goal: &SpecificGoal, lang: Lang) -> AnyView {
    let state = goal.progress.map_or(GoalState::NoData, |p| p.state);
    let due = match (goal.target_kind, goal.due) {
        (TargetKind::PerYear, _) => Some(T::PerYearTarget.get(lang).to_owned()),
        (TargetKind::CountBy, Some(due)) => Some(i18n::due_by(due, lang)),
        (TargetKind::CountBy, None) => None,
    };
    view! {
        <p class="goal-meta">
            {goal_state_chip(state, lang)}
            {due.map(|d| view! { <span class="goal-due">{d}</span> })}
        </p>
    }
    .into_any()
}

/// A whole specific goal.
pub fn goal_block(goal: SpecificGoal, options: GoalBlockOptions, lang: Lang) -> AnyView {
    let anchor = goal_anchor(&goal.code);
    let heading_id = format!("{anchor}-nadpis");
    let labelled_by = heading_id.clone();
    let title = format!("{} {}", T::SpecificGoal.get(lang), goal.code);
    let heading_content = if options.link {
        view! { <A href=crate::routes::carry(Route::Goal(goal.code.clone()).href())>{title}</A> }
            .into_any()
    } else {
        view! { <span>{title}</span> }.into_any()
    };
    let part = options.level + 1;
    let indicators = indicators_section(&goal.code, &goal.impact_indicators, part, lang);
    let summaries = summaries_section(&goal.summaries, part, options.summary_open, lang);
    let measures =
        (!goal.measures.is_empty()).then(|| measures_section(&goal.measures, part, lang));
    view! {
        <section class="goal card" id=anchor tabindex="-1" aria-labelledby=labelled_by>
            {heading(options.level, Some(heading_id), heading_content)}
            <p class="goal-target doc-text" lang="cs">{goal.target_text.clone()}</p>
            {goal_meta(&goal, lang)}
            {goal_progress(&goal, lang)}
            {indicators}
            {summaries}
            {measures}
        </section>
    }
    .into_any()
}

/// Every impact indicator of the goal `goal`.
pub fn indicators_section(
    goal: &Code,
    indicators: &[ImpactIndicator],
    level: u8,
    lang: Lang,
) -> AnyView {
    let body = if indicators.is_empty() {
        view! { <p class="empty">{T::NoIndicators.get(lang)}</p> }.into_any()
    } else {
        indicators
            .iter()
            .map(|i| indicator_view(goal, i, level + 1, lang))
            .map(IntoAny::into_any)
            .collect_view()
            .into_any()
    };
    view! {
        <div class="indicators">
            {heading(level, None, view! { {T::ImpactIndicators.get(lang)} }.into_any())}
            {body}
        </div>
    }
    .into_any()
}

/// One impact indicator: its name, target, a column chart and the table of its values. Its
/// rows and its progress are marked with the goal's code (`data-live`) and a key of their own,
/// so a live update highlights the ones that changed.
fn indicator_view(goal: &Code, indicator: &ImpactIndicator, level: u8, lang: Lang) -> AnyView {
    let live = goal.to_string();
    let data: Vec<ColumnDatum> = indicator
        .values
        .iter()
        .map(|v| ColumnDatum {
            label: v
                .date
                .map(|d| format::date(d, lang))
                .unwrap_or_else(|| v.label.clone()),
            value: v.value,
        })
        .collect();
    let chart_title = format!("{}: {}", T::ValuesOverTime.get(lang), indicator.name);
    let chart =
        (!data.is_empty()).then(|| column_chart(&data, indicator.target, chart_title, lang));
    let has_sources = indicator.values.iter().any(|v| v.source.is_some());
    let rows = indicator
        .values
        .iter()
        .zip(&data)
        .map(|(v, d)| {
            let locator = v.source.as_ref().map(|s| s.locator.clone()).unwrap_or_default();
            let key = format!(
                "{}@{}",
                indicator.name,
                v.date.map_or_else(|| v.label.clone(), |d| d.to_string())
            );
            view! {
                <tr data-live=live.clone() data-live-key=key>
                    <th scope="row">{d.label.clone()}</th>
                    <td class="num">{v.text.clone()}</td>
                    {has_sources.then(|| view! { <td class="source-cell" lang="cs">{locator}</td> })}
                </tr>
            }
        })
        .map(IntoAny::into_any).collect_view();
    let target = indicator.target.map(|t| {
        view! {
            <span class="indicator-target">
                {T::Target.get(lang)} ": " <strong>{format::number_auto(t, lang)}</strong>
                {(!indicator.unit.is_empty()).then(|| view! { " " <span lang="cs">{indicator.unit.clone()}</span> })}
            </span>
        }
    });
    let progress = indicator.progress.map(|p| {
        view! {
            <span class="indicator-progress">
                {i18n::value_of_target(p.latest, p.target, p.date, lang)} " (" {format::percent(p.ratio, lang)} ")"
            </span>
        }
    });
    let mut sources: Vec<String> = indicator
        .values
        .iter()
        .filter_map(|v| {
            v.source
                .as_ref()?
                .document
                .as_ref()
                .map(|d| d.title.clone())
        })
        .collect();
    sources.dedup();
    let sources = (!sources.is_empty()).then(|| {
        view! {
            <p class="source">
                <span class="source-label">{T::Sources.get(lang)} ": "</span>
                <span lang="cs">{sources.join("; ")}</span>
            </p>
        }
    });
    let table = if indicator.values.is_empty() {
        view! { <p class="empty">{T::NothingYet.get(lang)}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" role="region" tabindex="0" aria-label=indicator.name.clone()>
                <table class="values">
                    <caption class="visually-hidden">{indicator.name.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{T::MonitoringDate.get(lang)}</th>
                            <th scope="col" class="num">{T::Value.get(lang)}</th>
                            {has_sources.then(|| view! { <th scope="col">{T::Source.get(lang)}</th> })}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <div class="indicator">
            {heading(level, None, view! { <span lang="cs">{indicator.name.clone()}</span> }.into_any())}
            <p class="indicator-meta" data-live=live data-live-key=format!("{}@meta", indicator.name)>
                {indicator.is_key.then(|| view! { <span class="tag tag-key">{T::KeyIndicator.get(lang)}</span> })}
                {(!indicator.in_plan).then(|| view! { <span class="tag">{T::NotInPlan.get(lang)}</span> })}
                {target}
                {progress}
                {indicator.stale.then(|| view! { <span class="stale-mark">{T::StaleMark.get(lang)}</span> })}
            </p>
            {indicator.note.clone().map(|n| view! { <p class="indicator-note doc-text" lang="cs">{n}</p> })}
            {target_history(indicator, lang)}
            <div class="indicator-data">
                {chart}
                {table}
            </div>
            {sources}
        </div>
    }
    .into_any()
}

/// A revised target's history: the plan's own, then each revision from its date with the
/// reason, the one in force marked; nothing for a target never revised.
fn target_history(indicator: &ImpactIndicator, lang: Lang) -> Option<AnyView> {
    let steps = crate::logic::target::history(indicator.plan_target, &indicator.target_revisions);
    if steps.is_empty() {
        return None;
    }
    let items = steps
        .into_iter()
        .map(|s| {
            let when = s.from.map_or_else(
                || T::PlanTarget.get(lang).to_owned(),
                |d| i18n::in_force_from(d, lang),
            );
            view! {
                <li class:in-force=s.in_force>
                    {when} ": " <strong>{i18n::target_value(s.value, &indicator.unit, lang)}</strong>
                    {s.in_force.then(|| view! { " " <span class="tag">{T::InForce.get(lang)}</span> })}
                    {s.reason.map(|r| view! { <span class="revision-reason doc-text" lang="cs">{r}</span> })}
                </li>
            }
        })
        .collect_view();
    Some(revisions_list(items.into_any(), lang))
}

/// The frame of a target's revisions (the goal page's history, the edit page's list).
pub fn revisions_list(items: AnyView, lang: Lang) -> AnyView {
    view! {
        <div class="target-history">
            <p class="target-history-title">{T::TargetRevisions.get(lang)}</p>
            <ol>{items}</ol>
        </div>
    }
    .into_any()
}

/// The yearly summaries of a goal, each a disclosure with its paragraphs and footnotes.
pub fn summaries_section(summaries: &[Summary], level: u8, open: bool, lang: Lang) -> AnyView {
    if summaries.is_empty() {
        return view! {
            <div class="summaries">
                {heading(level, None, view! { {T::YearlySummary.get(lang)} }.into_any())}
                <p class="empty">{T::NoSummary.get(lang)}</p>
            </div>
        }
        .into_any();
    }
    let items = summaries
        .iter()
        .map(|s| {
            let paragraphs = s
                .text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| view! { <p>{l.to_owned()}</p> })
                .map(IntoAny::into_any).collect_view();
            let footnotes = (!s.footnotes.is_empty()).then(|| {
                let notes = s
                    .footnotes
                    .iter()
                    .map(|f| view! { <li>{f.clone()}</li> })
                    .map(IntoAny::into_any).collect_view();
                view! {
                    <p class="footnotes-label">{T::Footnotes.get(lang)}</p>
                    <ul class="footnotes">{notes}</ul>
                }
            });
            let source = s.source.as_ref().map(|src| source_text(src, lang)).filter(|t| !t.is_empty());
            view! {
                <details class="summary" open=open>
                    <summary lang="cs">{s.title.clone()}</summary>
                    <div class="doc-text" lang="cs">{paragraphs} {footnotes}</div>
                    {source.map(|t| view! {
                        <p class="source"><span class="source-label">{T::Source.get(lang)} ": "</span><span lang="cs">{t}</span></p>
                    })}
                </details>
            }
        })
        .map(IntoAny::into_any).collect_view();
    view! {
        <div class="summaries">
            {heading(level, None, view! { {T::YearlySummary.get(lang)} }.into_any())}
            {items}
        </div>
    }
    .into_any()
}

/// A list of measures with their status chips.
pub fn measures_section(measures: &[MeasureBrief], level: u8, lang: Lang) -> AnyView {
    view! {
        <div class="measures">
            {heading(level, None, view! { {T::Measures.get(lang)} }.into_any())}
            {measure_list(measures, lang)}
        </div>
    }
    .into_any()
}

/// Measures as a list of links with status chips.
pub fn measure_list(measures: &[MeasureBrief], lang: Lang) -> AnyView {
    if measures.is_empty() {
        return view! { <p class="empty">{T::NoMeasures.get(lang)}</p> }.into_any();
    }
    let items = measures
        .iter()
        .map(|m| {
            let status = m.status.map(|s| s.status());
            view! {
                <li data-live=m.code.to_string() data-live-key="brief">
                    {link(&Route::Measure(m.code.clone()), view! {
                        <span class="code">{m.code.to_string()}</span>
                        " "
                        <span lang="cs">{m.name.clone()}</span>
                    }.into_any())}
                    " "
                    {status_chip(status, lang)}
                </li>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    view! { <ul class="measure-list">{items}</ul> }.into_any()
}
