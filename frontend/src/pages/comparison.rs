//! Two action plans compared (`/srovnani/1/2`): per specific goal the measures the later one
//! adds, ends (with the reason), changes (which fields of the card) and carries on unchanged;
//! the estimated costs by area and by funding source side by side; and what the earlier one
//! left unimplemented and whether the later one carries it on. Each measure links to its page
//! in its own action plan.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;
use shared::format::{self, Lang};
use shared::{Code, FundingSource};

use crate::components::breadcrumbs::breadcrumbs;
use crate::components::link::link;
use crate::components::page::{PageSpec, Rendered, not_found_article, page_view};
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::model::Amount;
use crate::queries;
use crate::routes::{Route, parse_action_plan, with_action_plan};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Data {
    action_plan_comparison: Comparison,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Comparison {
    earlier: Plan,
    later: Plan,
    goals: Vec<Goal>,
    cost_by_area: Vec<AreaCost>,
    cost_by_source: Vec<SourceCost>,
    cost_total: Pair,
    unimplemented: Vec<Unimplemented>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    number: i32,
    name: String,
    period_from: i32,
    period_to: i32,
}

#[derive(Debug, Clone, Deserialize)]
struct Brief {
    code: Code,
    #[serde(default)]
    name: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Goal {
    goal: Code,
    added: Vec<Brief>,
    ended: Vec<Ended>,
    changed: Vec<Changed>,
    unchanged: Vec<Carried>,
}

#[derive(Debug, Clone, Deserialize)]
struct Ended {
    measure: Brief,
    reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Changed {
    earlier: Brief,
    later: Brief,
    fields: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Carried {
    later: Brief,
}

#[derive(Debug, Clone, Deserialize)]
struct Pair {
    earlier: Amount,
    later: Amount,
}

#[derive(Debug, Clone, Deserialize)]
struct AreaCost {
    area: String,
    cost: Pair,
}

#[derive(Debug, Clone, Deserialize)]
struct SourceCost {
    source: FundingSource,
    cost: Pair,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Unimplemented {
    measure: Brief,
    carried_into: Option<Brief>,
}

/// The comparison page; numbers that are not action plan numbers are not found without
/// asking the server.
#[component]
pub fn ComparisonPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    move || {
        let number = |key: &str| {
            params
                .read()
                .get(key)
                .as_deref()
                .and_then(parse_action_plan)
        };
        match (number("earlier"), number("later")) {
            (Some(earlier), Some(later)) if earlier != later => {
                comparison_view(earlier, later).into_any()
            }
            _ => not_found_article(None, lang.get()),
        }
    }
}

fn comparison_view(earlier: i32, later: i32) -> impl IntoView {
    let spec = PageSpec {
        page: "comparison",
        heading: Box::new(|lang| T::ComparisonTitle.get(lang).to_owned()),
        record: Some((T::ActionPlanSwitch, format!("{earlier}, {later}"))),
        query: queries::COMPARISON,
        variables: Some(serde_json::json!({ "earlier": earlier, "later": later })),
    };
    page_view(spec, render)
}

/// `Akční plán I. (2022–2025)`.
fn label(p: &Plan) -> String {
    format!("{} ({}–{})", p.name, p.period_from, p.period_to)
}

/// A link to measure `m` in action plan `number`.
fn measure_link(m: &Brief, number: i32) -> AnyView {
    let text = if m.name.is_empty() {
        m.code.to_string()
    } else {
        format!("{} {}", m.code, m.name)
    };
    let href = with_action_plan(Route::Measure(m.code.clone()).href(), Some(number));
    view! { <a href=href rel="external" lang="cs">{text}</a> }.into_any()
}

fn render(data: Data, lang: Lang) -> Rendered {
    let c = data.action_plan_comparison;
    let (e, l) = (c.earlier.number, c.later.number);
    let title = format!(
        "{}: {} – {}",
        T::ComparisonTitle.get(lang),
        c.earlier.name,
        c.later.name
    );
    let count = |f: fn(&Goal) -> usize| c.goals.iter().map(f).sum::<usize>();
    let counts = i18n::comparison_counts(
        count(|g| g.added.len()),
        count(|g| g.ended.len()),
        count(|g| g.changed.len()),
        count(|g| g.unchanged.len()),
        lang,
    );
    let money = |a: &Amount| format::czk(a.0, lang);
    let cost_row = |name: String, pair: &Pair| {
        view! {
            <tr>
                <th scope="row">{name}</th>
                <td class="num">{money(&pair.earlier)}</td>
                <td class="num">{money(&pair.later)}</td>
            </tr>
        }
    };
    let by_area = c
        .cost_by_area
        .iter()
        .map(|a| cost_row(format!("{} {}", T::Area.get(lang), a.area), &a.cost))
        .collect_view();
    let by_source = c
        .cost_by_source
        .iter()
        .map(|s| cost_row(i18n::funding_source(s.source, lang).to_owned(), &s.cost))
        .collect_view();
    let costs_head = |first: T, earlier: String, later: String| {
        view! {
            <thead><tr>
                <th scope="col">{first.get(lang)}</th>
                <th scope="col">{earlier}</th>
                <th scope="col">{later}</th>
            </tr></thead>
        }
    };
    let head_area = costs_head(T::Area, c.earlier.name.clone(), c.later.name.clone());
    let head_source = costs_head(
        T::FundingSources,
        c.earlier.name.clone(),
        c.later.name.clone(),
    );
    let total = cost_row(T::Total.get(lang).to_owned(), &c.cost_total);
    let goals = c
        .goals
        .iter()
        .filter(|g| !g.added.is_empty() || !g.ended.is_empty() || !g.changed.is_empty())
        .map(|g| goal_section(g, e, l, lang))
        .collect_view();
    let unimplemented = c
        .unimplemented
        .iter()
        .map(|u| {
            let into = match &u.carried_into {
                Some(m) => view! { " → " {measure_link(m, l)} }.into_any(),
                None => view! { " — " {T::NotCarriedOver.get(lang)} }.into_any(),
            };
            view! { <li data-unimplemented=u.measure.code.to_string()>{measure_link(&u.measure, e)} {into}</li> }
        })
        .collect_view();
    let view = view! {
        {breadcrumbs(Vec::new(), T::ComparisonTitle.get(lang).to_owned(), lang)}
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead">{label(&c.earlier)} " · " {label(&c.later)}</p>
        <p class="comparison-counts">{counts}</p>
        <p>
            {link(&Route::Overview, view! { {T::NavOverview.get(lang)} ": " {c.later.name.clone()} }.into_any())}
        </p>
        <section aria-labelledby="srovnani-naklady">
            <h2 id="srovnani-naklady">{T::EstimatedCost.get(lang)}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-label=T::CostByArea.get(lang)>
                <table class="data-table">
                    <caption>{T::CostByArea.get(lang)}</caption>
                    {head_area}
                    <tbody>{by_area}</tbody>
                    <tfoot>{total}</tfoot>
                </table>
            </div>
            <div class="table-wrap" role="region" tabindex="0" aria-label=T::CostBySource.get(lang)>
                <table class="data-table">
                    <caption>{T::CostBySource.get(lang)}</caption>
                    {head_source}
                    <tbody>{by_source}</tbody>
                </table>
            </div>
            <p class="method-note">{T::CostBySourceNote.get(lang)}</p>
        </section>
        <section aria-labelledby="srovnani-cile">
            <h2 id="srovnani-cile">{T::ComparisonGoals.get(lang)}</h2>
            {goals}
        </section>
        <section aria-labelledby="srovnani-nerealizovano">
            <h2 id="srovnani-nerealizovano">{T::ComparisonUnimplemented.get(lang)}</h2>
            <ul class="link-list">{unimplemented}</ul>
        </section>
    }
    .into_any();
    Rendered::ready(title, view)
}

/// What became of one specific goal's measures (goals where nothing changed are left out).
fn goal_section(g: &Goal, earlier: i32, later: i32, lang: Lang) -> AnyView {
    let list = |items: Vec<AnyView>, heading: T, kind: &'static str| {
        (!items.is_empty()).then(|| {
            view! {
                <h4>{heading.get(lang)}</h4>
                <ul class="link-list" data-kind=kind>{items}</ul>
            }
        })
    };
    let added = g
        .added
        .iter()
        .map(|m| view! { <li>{measure_link(m, later)}</li> }.into_any())
        .collect();
    let ended = g
        .ended
        .iter()
        .map(|m| {
            let reason = m
                .reason
                .clone()
                .unwrap_or_else(|| T::NotCarriedOver.get(lang).to_owned());
            view! { <li>{measure_link(&m.measure, earlier)} " — " <span lang="cs">{reason}</span></li> }
                .into_any()
        })
        .collect();
    let changed = g
        .changed
        .iter()
        .map(|m| {
            let fields = m
                .fields
                .iter()
                .map(|f| i18n::card_field(f, lang))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <li>
                    {measure_link(&m.later, later)} " ("
                    {measure_link(&m.earlier, earlier)} "): " {fields}
                </li>
            }
            .into_any()
        })
        .collect();
    let unchanged = (!g.unchanged.is_empty()).then(|| {
        let codes = g
            .unchanged
            .iter()
            .map(|m| m.later.code.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        view! { <p class="hint">{T::MeasuresUnchanged.get(lang)} ": " {codes}</p> }
    });
    let id = format!("srovnani-{}", g.goal);
    let labelled_by = id.clone();
    view! {
        <section class="card comparison-goal" aria-labelledby=labelled_by data-goal=g.goal.to_string()>
            <h3 id=id>{T::SpecificGoal.get(lang)} " " {g.goal.to_string()}</h3>
            {list(added, T::MeasuresAdded, "added")}
            {list(ended, T::MeasuresEnded, "ended")}
            {list(changed, T::MeasuresChanged, "changed")}
            {unchanged}
        </section>
    }
    .into_any()
}
