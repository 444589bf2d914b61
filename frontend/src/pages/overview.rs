//! The overview (`/`): the plan in figures, the implementation report's headline positive
//! changes with their source, then the six areas as cards, each with its specific goals'
//! progress against their targets, its measures by status, money planned and drawn, and the
//! number of places where the sources disagree.

use leptos::prelude::*;
use leptos_router::components::A;
use serde::Deserialize;
use shared::format::{self, Lang};
use shared::progress::GoalState;
use shared::{Code, Date};

use crate::components::action_plan_switch::{Choice, action_plan_switch, current_path};
use crate::components::badges::{goal_state_chip, status_counts};
use crate::components::download::download_data;
use crate::components::link::{link, link_with_class};
use crate::components::money::planned_vs_drawn;
use crate::components::page::{PageSpec, Rendered, page_view};
use crate::components::progress_bar::progress_bar;
use crate::components::source::origin_text;
use crate::i18n::{self, Noun, T};
use crate::logic::progress::{aria_percent, bar_width, width_class};
use crate::model::{GoalProgress, Money, Rollup, Source, StatusCounts, lenient_date, localized};
use crate::queries;
use crate::routes::Route;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    plan: Plan,
    /// The plan's reports, newest first (drafts too for staff: those have no files).
    reports: Vec<ReportLink>,
    /// The monitoring wave pages show first, with how much of it is published.
    monitoring: Monitoring,
}

#[derive(Debug, Clone, Deserialize)]
struct Monitoring {
    current: Option<CurrentWave>,
}

#[derive(Debug, Clone, Deserialize)]
struct CurrentWave {
    name: String,
    #[serde(deserialize_with = "lenient_date")]
    deadline: Option<Date>,
    phase: String,
    completeness: Completeness,
}

#[derive(Debug, Clone, Copy, Deserialize)]
struct Completeness {
    expected: u32,
    published: u32,
}

/// A report with its files, for the link to the latest one.
#[derive(Debug, Clone, Deserialize)]
struct ReportLink {
    title: String,
    lang: String,
    downloads: Vec<crate::pages::reports::Download>,
}

/// The plan with its figures and areas.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    /// The action plan read and the others to choose.
    #[serde(flatten)]
    choice: Choice,
    name: String,
    #[serde(deserialize_with = "lenient_date")]
    latest_monitoring_date: Option<Date>,
    progress: Option<Rollup>,
    status_counts: StatusCounts,
    budget: Money,
    conflict_count: u32,
    #[serde(default)]
    headlines: Vec<Headline>,
    areas: Vec<AreaCard>,
}

/// One of the report's headline positive changes: a Czech sentence and where it is printed.
#[derive(Debug, Clone, Deserialize)]
struct Headline {
    position: u32,
    text: String,
    source: Source,
}

/// An area as its card shows it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AreaCard {
    code: Code,
    name: String,
    name_en: String,
    progress: Option<Rollup>,
    status_counts: StatusCounts,
    budget: Money,
    conflict_count: u32,
    strategic_goals: Vec<StrategicGoalGoals>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StrategicGoalGoals {
    specific_goals: Vec<GoalBrief>,
}

/// A specific goal on an area card: its code and progress.
#[derive(Debug, Clone, Deserialize)]
struct GoalBrief {
    code: Code,
    progress: Option<GoalProgress>,
}

/// The overview page.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let spec = PageSpec {
        page: "overview",
        heading: Box::new(|lang| T::BrandTitle.get(lang).to_owned()),
        record: None,
        query: queries::OVERVIEW,
        variables: None,
    };
    page_view(spec, render)
}

fn render(data: Data, lang: Lang) -> Rendered {
    let mut plan = data.plan;
    plan.areas.sort_by(|a, b| a.code.cmp(&b.code));
    plan.headlines.sort_by_key(|h| h.position);
    let headlines = headlines_section(&plan.headlines, lang);
    let title = localized(&plan.name, T::BrandTitle.get(Lang::En), lang).to_owned();
    let latest = plan.latest_monitoring_date.map(|d| {
        view! {
            <p class="as-of">
                {T::LatestMonitoring.get(lang)} ": "
                <time datetime=d.to_string()>{format::date(d, lang)}</time>
            </p>
        }
    });
    // How complete the current wave is: published figures only, never who is late.
    let wave = data.monitoring.current.map(|w| {
        let deadline = w
            .deadline
            .map(|d| format!(" – {}", i18n::wave_deadline(d, &w.phase, lang)))
            .unwrap_or_default();
        view! {
            <p class="wave-line">
                {T::WaveCompleteness.get(lang)} ": " {w.name} {deadline} ": "
                {i18n::wave_public(w.completeness.published, w.completeness.expected, lang)}
            </p>
        }
    });
    let report = data
        .reports
        .iter()
        .find_map(|r| {
            let pdf = r.downloads.iter().find(|d| d.format == "PDF")?;
            Some((r, pdf))
        })
        .map(|(r, pdf)| {
            view! {
                <p class="latest-report">
                    {T::LatestReport.get(lang)} ": "
                    <a href=pdf.url.clone() download="" lang=r.lang.clone()>{r.title.clone()}</a>
                    " (PDF, " {crate::pages::reports::kilobytes(pdf.size, lang)} ") · "
                    {link(&Route::Reports, T::AllReports.get(lang).into_any())}
                </p>
            }
        });
    let areas = plan
        .areas
        .iter()
        .map(|area| area_card(area, lang))
        .map(IntoAny::into_any)
        .collect_view();
    let view = view! {
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead">{T::OverviewLead.get(lang)}</p>
        {action_plan_switch(&plan.choice, &current_path(), lang)}
        {latest}
        {wave}
        {report}
        {plan_figures(&plan, lang)}
        {headlines}
        <section aria-labelledby="oblasti">
            <h2 id="oblasti">{T::Areas.get(lang)}</h2>
            <ul class="card-grid area-grid">{areas}</ul>
            <p class="method-note">{T::HowProgress.get(lang)}</p>
            {download_data("souhrn-oblasti", None, T::Areas, lang)}
        </section>
    }
    .into_any();
    Rendered::ready(title, view)
}

/// The plan's totals: goals' progress, measures by status, money, conflicts.
fn plan_figures(plan: &Plan, lang: Lang) -> AnyView {
    let progress = rollup_bar(plan.progress, T::GoalsProgress.get(lang).to_owned(), lang);
    view! {
        <section aria-labelledby="plan-v-cislech" class="figures">
            <h2 id="plan-v-cislech">{T::PlanAtAGlance.get(lang)}</h2>
            <div class="card-grid figure-grid">
                <div class="card figure">
                    <h3>{T::GoalsProgress.get(lang)}</h3>
                    {progress}
                </div>
                <div class="card figure">
                    <h3>{T::MeasureStatuses.get(lang)}</h3>
                    {status_counts(plan.status_counts, lang)}
                </div>
                <div class="card figure">
                    <h3>{T::BudgetPlannedDrawn.get(lang)}</h3>
                    {planned_vs_drawn(plan.budget.planned.0, plan.budget.drawn.0, lang)}
                    <p class="hint">
                        <A href=crate::routes::carry(Route::Budget.href())>{T::NavBudget.get(lang)}</A>
                    </p>
                </div>
                <div class="card figure">
                    <h3>{T::Conflicts.get(lang)}</h3>
                    <p class="big-number">{plan.conflict_count.to_string()}</p>
                    <p class="hint">{T::ConflictsLead.get(lang)}</p>
                </div>
            </div>
        </section>
    }
    .into_any()
}

/// The report's headline positive changes, one list item each with the date its figures refer
/// to, and below the list the place they are printed (the report's "Manažerské shrnutí"), named
/// once.
fn headlines_section(headlines: &[Headline], lang: Lang) -> Option<AnyView> {
    if headlines.is_empty() {
        return None;
    }
    let items = headlines
        .iter()
        .map(|h| {
            let date = h.source.ref_date.map(|d| {
                view! {
                    " "
                    <span class="source headline-date">
                        "(" <time datetime=d.to_string()>{i18n::data_as_of(d, lang)}</time> ")"
                    </span>
                }
            });
            view! { <li><span lang="cs">{h.text.clone()}</span>{date}</li> }
        })
        .map(IntoAny::into_any)
        .collect_view();
    Some(
        view! {
            <section aria-labelledby="hlavni-zmeny" class="headlines">
                <h2 id="hlavni-zmeny">{T::HeadlineChanges.get(lang)}</h2>
                <ul class="headline-list">{items}</ul>
                <p class="source">
                    <span class="source-label">{T::Source.get(lang)} ": "</span>
                    <span lang="cs">{origins(headlines)}</span>
                </p>
            </section>
        }
        .into_any(),
    )
}

/// Where the headlines are printed: each distinct document and place once, in order.
fn origins(headlines: &[Headline]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for origin in headlines.iter().map(|h| origin_text(&h.source)) {
        if !origin.is_empty() && !seen.contains(&origin) {
            seen.push(origin);
        }
    }
    seen.join("; ")
}

/// A group's progress bar with the goals with data and their states in words.
pub fn rollup_bar(rollup: Option<Rollup>, label: String, lang: Lang) -> AnyView {
    let text = rollup
        .map(|r| i18n::goals_with_data(r.goals_with_data, r.goals, lang))
        .unwrap_or_default();
    let states = rollup.map(|r| {
        view! { <p class="states">{i18n::goal_state_counts(r.achieved, r.on_track, r.behind, lang)}</p> }
    });
    view! {
        {progress_bar(rollup.and_then(|r| r.attainment), None, label, text, lang)}
        {states}
    }
    .into_any()
}

/// One area's card.
fn area_card(area: &AreaCard, lang: Lang) -> AnyView {
    let name = localized(&area.name, &area.name_en, lang).to_owned();
    let heading_id = format!("oblast-{}", area.code);
    let labelled_by = heading_id.clone();
    let label = format!(
        "{} – {} {}",
        T::GoalsProgress.get(lang),
        T::Area.get(lang),
        area.code
    );
    let goals = area
        .strategic_goals
        .iter()
        .flat_map(|s| s.specific_goals.iter())
        .map(|g| goal_row(g, lang))
        .map(IntoAny::into_any)
        .collect_view();
    let conflicts = i18n::count(area.conflict_count as usize, Noun::Conflict, lang);
    view! {
        <li class="card area-card">
            <article aria-labelledby=labelled_by>
                <h3 id=heading_id>
                    {link(&Route::Area(area.code.clone()), view! {
                        <span class="area-code">{area.code.to_string()}</span>
                        " "
                        {name}
                    }.into_any())}
                </h3>
                {(lang == Lang::En).then(|| view! { <p class="doc-name" lang="cs">{area.name.clone()}</p> })}
                <h4>{T::GoalsProgress.get(lang)}</h4>
                {rollup_bar(area.progress, label, lang)}
                <ul class="goal-bars">{goals}</ul>
                <h4>{T::MeasureStatuses.get(lang)}</h4>
                {status_counts(area.status_counts, lang)}
                <h4>{T::BudgetPlannedDrawn.get(lang)}</h4>
                {planned_vs_drawn(area.budget.planned.0, area.budget.drawn.0, lang)}
                <p class="conflicts">
                    {T::Conflicts.get(lang)} ": " <strong>{conflicts}</strong>
                </p>
            </article>
        </li>
    }
    .into_any()
}

/// A specific goal on an area card: code (a link), a thin bar, the percentage and the state.
fn goal_row(goal: &GoalBrief, lang: Lang) -> AnyView {
    let ratio = goal.progress.and_then(|p| p.ratio);
    let state = goal.progress.map_or(GoalState::NoData, |p| p.state);
    let percent = ratio.map_or_else(
        || T::Dash.get(lang).to_owned(),
        |r| format::percent(r, lang),
    );
    let label = format!("{} {}", T::SpecificGoal.get(lang), goal.code);
    let value_text = ratio.map_or_else(
        || T::NoData.get(lang).to_owned(),
        |r| format::percent(r, lang),
    );
    view! {
        <li>
            {link_with_class(&Route::Goal(goal.code.clone()), "goal-code", view! { {goal.code.to_string()} }.into_any())}
            <span class="mini-bar" role="progressbar" aria-label=label aria-valuemin="0"
                aria-valuemax=ratio.map_or(100, |r| aria_percent(r).max(100)).to_string()
                aria-valuenow=ratio.map(|r| aria_percent(r).to_string())
                aria-valuetext=value_text>
                <span class=format!("bar-fill {}", width_class(ratio.map_or(0.0, bar_width)))></span>
            </span>
            <span class="goal-percent">{percent}</span>
            {goal_state_chip(state, lang)}
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headline(position: u32, locator: &str, date: &str) -> Headline {
        serde_json::from_value(serde_json::json!({
            "position": position,
            "text": "Věta.",
            "source": {"locator": locator, "refDate": date, "document": {"title": "Zpráva"}},
        }))
        .unwrap()
    }

    #[test]
    fn headlines_name_each_place_once() {
        let same = [
            headline(1, "Manažerské shrnutí", "2025-02-28"),
            headline(2, "Manažerské shrnutí", "2025-01-31"),
        ];
        assert_eq!(origins(&same), "Zpráva, Manažerské shrnutí");
        let mixed = [
            same[0].clone(),
            headline(3, "příloha B", "2025-01-31"),
            same[1].clone(),
        ];
        assert_eq!(
            origins(&mixed),
            "Zpráva, Manažerské shrnutí; Zpráva, příloha B"
        );
        assert_eq!(origins(&[]), "");
    }
}
