//! The budget (`/rozpocet`): money planned against money drawn, in total, by area, by funding
//! source, by operational programme and by measure, full amounts in tables beside the bars.

use crate::components::action_plan_switch::{Choice, action_plan_switch, current_path};
use leptos::prelude::*;
use serde::Deserialize;
use shared::format::{self, Lang};
use shared::{Code, Czk, FundingSource};

use crate::components::download::download_data;
use crate::components::link::link;
use crate::components::page::{PageSpec, Rendered, page_view};
use crate::i18n::{self, T};
use crate::logic::budget::{max_of, scale, share};
use crate::logic::progress::width_class;
use crate::model::{Money, localized};
use crate::queries;
use crate::routes::Route;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    plan: Plan,
    measures: Vec<MeasureMoney>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    /// The action plan read and the others to choose.
    #[serde(flatten)]
    choice: Choice,
    budget: Money,
    areas: Vec<AreaMoney>,
    budget_by_source: Vec<SourceMoney>,
    budget_by_programme: Vec<ProgrammeMoney>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AreaMoney {
    code: Code,
    name: String,
    name_en: String,
    budget: Money,
}

#[derive(Debug, Clone, Deserialize)]
struct SourceMoney {
    source: FundingSource,
    money: Money,
}

#[derive(Debug, Clone, Deserialize)]
struct ProgrammeMoney {
    programme: String,
    money: Money,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct MeasureMoney {
    code: Code,
    name: String,
    estimated_cost_text: String,
    budget: Money,
}

/// The budget page.
#[component]
pub fn BudgetPage() -> impl IntoView {
    let spec = PageSpec {
        page: "budget",
        heading: Box::new(|lang| T::BudgetTitle.get(lang).to_owned()),
        record: None,
        query: queries::BUDGET,
        variables: None,
    };
    page_view(spec, render)
}

fn render(mut data: Data, lang: Lang) -> Rendered {
    data.plan.areas.sort_by(|a, b| a.code.cmp(&b.code));
    data.measures.sort_by(|a, b| a.code.cmp(&b.code));
    let title = T::BudgetTitle.get(lang).to_owned();
    let total = data.plan.budget;
    let view = view! {
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead">{T::BudgetLead.get(lang)}</p>
        {action_plan_switch(&data.plan.choice, &current_path(), lang)}
        {totals(total, lang)}
        {by_area(&data.plan.areas, total, lang)}
        {by_source(&data.plan.budget_by_source, lang)}
        {by_programme(&data.plan.budget_by_programme, lang)}
        {by_measure(&data.measures, lang)}
    }
    .into_any();
    Rendered::ready(title, view)
}

/// A full amount for a table cell.
fn cell(amount: Czk, lang: Lang) -> AnyView {
    view! { <td class="num">{format::czk(amount, lang)}</td> }.into_any()
}

/// Drawn as a share of planned, or a dash.
fn share_cell(money: Money, lang: Lang) -> AnyView {
    let text = share(money.drawn.0, money.planned.0).map_or_else(
        || T::Dash.get(lang).to_owned(),
        |s| format::percent(s, lang),
    );
    view! { <td class="num">{text}</td> }.into_any()
}

/// Two thin bars (planned, drawn) on the group's scale; decoration beside the numbers.
fn bars(money: Money, max: Czk) -> AnyView {
    view! {
        <td class="bars" aria-hidden="true">
            <span class="money-track"><span class=format!("money-fill fill-planned {}", width_class(scale(money.planned.0, max)))></span></span>
            <span class="money-track"><span class=format!("money-fill fill-drawn {}", width_class(scale(money.drawn.0, max)))></span></span>
        </td>
    }
    .into_any()
}

fn totals(total: Money, lang: Lang) -> AnyView {
    let drawn_share = share(total.drawn.0, total.planned.0).map(|s| {
        view! { <p class="hint">{format::percent(s, lang)} " " {T::DrawnShare.get(lang)}</p> }
    });
    let with_cost = total.measures_with_cost.map(|n| {
        view! { <p class="hint">{T::MeasuresWithCost.get(lang)} ": " {n.to_string()}</p> }
    });
    view! {
        <section aria-labelledby="celkem">
            <h2 id="celkem">{T::Total.get(lang)}</h2>
            <div class="card-grid figure-grid">
                <div class="card figure">
                    <h3>{T::Planned.get(lang)}</h3>
                    <p class="big-number">{format::czk_short(total.planned.0, lang)}</p>
                    <p class="num-full">{format::czk(total.planned.0, lang)}</p>
                    <p class="hint">{T::PlannedHint.get(lang)}</p>
                    {with_cost}
                </div>
                <div class="card figure">
                    <h3>{T::Allocated.get(lang)}</h3>
                    <p class="big-number">{format::czk_short(total.allocated.0, lang)}</p>
                    <p class="num-full">{format::czk(total.allocated.0, lang)}</p>
                    <p class="hint">{T::AllocatedHint.get(lang)}</p>
                </div>
                <div class="card figure">
                    <h3>{T::Drawn.get(lang)}</h3>
                    <p class="big-number">{format::czk_short(total.drawn.0, lang)}</p>
                    <p class="num-full">{format::czk(total.drawn.0, lang)}</p>
                    <p class="hint">{T::DrawnHint.get(lang)}</p>
                    {drawn_share}
                </div>
            </div>
        </section>
    }
    .into_any()
}

fn legend(lang: Lang) -> AnyView {
    view! {
        <ul class="legend" aria-hidden="true">
            <li class="legend-planned"><span class="legend-swatch"></span>{T::Planned.get(lang)}</li>
            <li class="legend-drawn"><span class="legend-swatch"></span>{T::Drawn.get(lang)}</li>
        </ul>
    }
    .into_any()
}

fn by_area(areas: &[AreaMoney], total: Money, lang: Lang) -> AnyView {
    let max = max_of(
        areas
            .iter()
            .flat_map(|a| [a.budget.planned.0, a.budget.drawn.0]),
    );
    let rows = areas
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <th scope="row">
                        {link(&Route::Area(a.code.clone()), view! {
                            {a.code.to_string()} " " {localized(&a.name, &a.name_en, lang).to_owned()}
                        }.into_any())}
                    </th>
                    {cell(a.budget.planned.0, lang)}
                    {cell(a.budget.drawn.0, lang)}
                    {share_cell(a.budget, lang)}
                    {bars(a.budget, max)}
                </tr>
            }
        })
        .map(IntoAny::into_any).collect_view();
    view! {
        <section aria-labelledby="podle-oblasti">
            <h2 id="podle-oblasti">{T::ByArea.get(lang)}</h2>
            {legend(lang)}
            <div class="table-wrap" role="region" tabindex="0" aria-label=i18n::table_region(T::ByArea, lang)>
                <table class="money-table">
                    <thead>
                        <tr>
                            <th scope="col">{T::Area.get(lang)}</th>
                            <th scope="col" class="num">{T::Planned.get(lang)}</th>
                            <th scope="col" class="num">{T::Drawn.get(lang)}</th>
                            <th scope="col" class="num">"%"</th>
                            <td class="bars"></td>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{T::Total.get(lang)}</th>
                            {cell(total.planned.0, lang)}
                            {cell(total.drawn.0, lang)}
                            {share_cell(total, lang)}
                            <td class="bars"></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            {download_data("souhrn-oblasti", None, T::ByArea, lang)}
        </section>
    }
    .into_any()
}

fn by_source(sources: &[SourceMoney], lang: Lang) -> AnyView {
    let max = max_of(
        sources
            .iter()
            .flat_map(|s| [s.money.planned.0, s.money.drawn.0]),
    );
    let rows = sources
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{i18n::funding_source(s.source, lang)}</th>
                    {cell(s.money.planned.0, lang)}
                    {cell(s.money.drawn.0, lang)}
                    <td class="num">{s.money.measures_with_cost.map(|n| n.to_string()).unwrap_or_default()}</td>
                    {bars(s.money, max)}
                </tr>
            }
        })
        .map(IntoAny::into_any).collect_view();
    view! {
        <section aria-labelledby="podle-zdroju">
            <h2 id="podle-zdroju">{T::BySource.get(lang)}</h2>
            <p class="hint">{T::BySourceNote.get(lang)}</p>
            {legend(lang)}
            <div class="table-wrap" role="region" tabindex="0" aria-label=i18n::table_region(T::BySource, lang)>
                <table class="money-table">
                    <thead>
                        <tr>
                            <th scope="col">{T::FundingSource.get(lang)}</th>
                            <th scope="col" class="num">{T::Planned.get(lang)}</th>
                            <th scope="col" class="num">{T::Drawn.get(lang)}</th>
                            <th scope="col" class="num">{T::MeasuresWithCost.get(lang)}</th>
                            <td class="bars"></td>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {download_data("rozpocet-zdroje", None, T::BySource, lang)}
        </section>
    }
    .into_any()
}

fn by_programme(programmes: &[ProgrammeMoney], lang: Lang) -> AnyView {
    if programmes.is_empty() {
        return ().into_any();
    }
    let rows = programmes
        .iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.programme.clone()}</th>
                    {cell(p.money.allocated.0, lang)}
                    {cell(p.money.drawn.0, lang)}
                </tr>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    view! {
        <section aria-labelledby="podle-programu">
            <h2 id="podle-programu">{T::ByProgramme.get(lang)}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-label=i18n::table_region(T::ByProgramme, lang)>
                <table class="money-table">
                    <thead>
                        <tr>
                            <th scope="col">{T::Programme.get(lang)}</th>
                            <th scope="col" class="num">{T::Allocated.get(lang)}</th>
                            <th scope="col" class="num">{T::Drawn.get(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {download_data("rozpocet-programy", None, T::ByProgramme, lang)}
        </section>
    }
    .into_any()
}

fn by_measure(measures: &[MeasureMoney], lang: Lang) -> AnyView {
    if measures.is_empty() {
        return view! { <p class="notice">{T::NoBudget.get(lang)}</p> }.into_any();
    }
    let rows = measures
        .iter()
        .map(|m| {
            let planned = if m.budget.planned.0 == Czk::ZERO && !m.estimated_cost_text.trim().is_empty() {
                view! { <td class="num" lang="cs">{m.estimated_cost_text.clone()}</td> }.into_any()
            } else {
                cell(m.budget.planned.0, lang)
            };
            view! {
                <tr>
                    <th scope="row">
                        {link(&Route::Measure(m.code.clone()), view! { {m.code.to_string()} }.into_any())}
                    </th>
                    <td class="measure-name" lang="cs">{m.name.clone()}</td>
                    {planned}
                    {cell(m.budget.allocated.0, lang)}
                    {cell(m.budget.drawn.0, lang)}
                </tr>
            }
        })
        .map(IntoAny::into_any).collect_view();
    view! {
        <section aria-labelledby="podle-opatreni">
            <h2 id="podle-opatreni">{T::ByMeasure.get(lang)}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-label=i18n::table_region(T::ByMeasure, lang)>
                <table class="money-table measures-table">
                    <thead>
                        <tr>
                            <th scope="col">{T::Code.get(lang)}</th>
                            <th scope="col">{T::Name.get(lang)}</th>
                            <th scope="col" class="num">{T::Planned.get(lang)}</th>
                            <th scope="col" class="num">{T::Allocated.get(lang)}</th>
                            <th scope="col" class="num">{T::Drawn.get(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {download_data("rozpocet-opatreni", None, T::ByMeasure, lang)}
        </section>
    }
    .into_any()
}
