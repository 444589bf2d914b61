//! Risks (`/rizika`): the 5 × 5 matrix of probability × impact (a table, so it reads cell by
//! cell), then the list of risks with their significance in words and their mitigation.

use leptos::prelude::*;
use serde::Deserialize;
use shared::format::Lang;

use crate::components::download::download_data;
use crate::components::page::{PageSpec, Rendered, page_view};
use crate::components::source::source_note;
use crate::i18n::{self, T};
use crate::logic::risk::{Level, matrix};
use crate::model::Source;
use crate::queries;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    plan: Plan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    action_plans: Vec<ActionPlan>,
}

#[derive(Debug, Clone, Deserialize)]
struct ActionPlan {
    number: i32,
    name: String,
    risks: Vec<Risk>,
}

/// A risk of an action plan.
#[derive(Debug, Clone, Deserialize)]
struct Risk {
    name: String,
    probability: i32,
    impact: i32,
    significance: i32,
    mitigation: String,
    source: Option<Source>,
}

/// The risks page.
#[component]
pub fn RisksPage() -> impl IntoView {
    let spec = PageSpec {
        page: "risks",
        heading: Box::new(|lang| T::RisksTitle.get(lang).to_owned()),
        record: None,
        query: queries::RISKS,
        variables: None,
    };
    page_view(spec, render)
}

fn render(data: Data, lang: Lang) -> Rendered {
    let mut plans = data.plan.action_plans;
    plans.sort_by_key(|p| p.number);
    let title = T::RisksTitle.get(lang).to_owned();
    let several = plans.len() > 1;
    let download = plans
        .iter()
        .any(|p| !p.risks.is_empty())
        .then(|| download_data("rizika", None, T::RiskList, lang));
    let body = if plans.iter().all(|p| p.risks.is_empty()) {
        view! { <p class="notice">{T::NoRisks.get(lang)}</p> }.into_any()
    } else {
        plans
            .iter()
            .filter(|p| !p.risks.is_empty())
            .map(|p| action_plan(p, several, lang))
            .map(IntoAny::into_any)
            .collect_view()
            .into_any()
    };
    let view = view! {
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead">{T::RisksLead.get(lang)}</p>
        {body}
        {download}
    }
    .into_any();
    Rendered::ready(title, view)
}

fn action_plan(plan: &ActionPlan, several: bool, lang: Lang) -> AnyView {
    let prefix = format!("ap{}", plan.number);
    view! {
        {several.then(|| view! { <h2 lang="cs">{plan.name.clone()}</h2> })}
        {risk_matrix(&plan.risks, &prefix, lang)}
        {risk_list(&plan.risks, &prefix, lang)}
    }
    .into_any()
}

/// The matrix: impact 5 at the top, probability 1 to 5 left to right; each cell lists the numbers
/// of its risks and is coloured by the significance of the cell.
fn risk_matrix(risks: &[Risk], prefix: &str, lang: Lang) -> AnyView {
    let cells = matrix(
        &risks
            .iter()
            .map(|r| (r.probability, r.impact))
            .collect::<Vec<_>>(),
    );
    let rows = (1..=5u32)
        .rev()
        .map(|impact| {
            let cols = (1..=5u32)
                .map(|probability| {
                    let level = Level::of(probability * impact);
                    let numbers = &cells[(impact - 1) as usize][(probability - 1) as usize];
                    let links = numbers
                        .iter()
                        .map(|n| view! { <a href=format!("#{prefix}-riziko-{n}") class="risk-ref">{n.to_string()}</a> " " })
                        .map(IntoAny::into_any).collect_view();
                    let label = format!(
                        "{} {probability}, {} {impact}, {} {} ({})",
                        T::Probability.get(lang),
                        T::Impact.get(lang),
                        T::Significance.get(lang).to_lowercase(),
                        probability * impact,
                        i18n::risk_level(level, lang)
                    );
                    view! {
                        <td class=format!("risk-cell {}", level.class()) title=label>
                            {links}
                        </td>
                    }
                })
                .map(IntoAny::into_any).collect_view();
            view! {
                <tr>
                    <th scope="row">{impact.to_string()}</th>
                    {cols}
                </tr>
            }
        })
        .map(IntoAny::into_any).collect_view();
    let heading_id = format!("{prefix}-matice");
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{T::RiskMatrix.get(lang)}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-label=T::RiskMatrixCaption.get(lang)>
                <table class="risk-matrix">
                    <caption>{T::RiskMatrixCaption.get(lang)}</caption>
                    <thead>
                        <tr>
                            <th scope="col" class="corner">
                                {T::Impact.get(lang)} " ↓ / " {T::Probability.get(lang)} " →"
                            </th>
                            {(1..=5).map(|p| view! { <th scope="col">{p.to_string()}</th> }).map(IntoAny::into_any).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint">{T::RiskLegend.get(lang)}</p>
        </section>
    }
    .into_any()
}

/// The risks in list order, each with its figures and mitigation.
fn risk_list(risks: &[Risk], prefix: &str, lang: Lang) -> AnyView {
    let items = risks
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let level = Level::of(u32::try_from(r.significance).unwrap_or(0));
            view! {
                <li class="card risk" id=format!("{prefix}-riziko-{}", i + 1)>
                    <h3>
                        <span class="risk-number">{(i + 1).to_string()} ". "</span>
                        <span lang="cs">{r.name.clone()}</span>
                    </h3>
                    <p class="risk-figures">
                        <span class=format!("chip {}", level.class())>
                            {T::Significance.get(lang)} " " {r.significance.to_string()} " – " {i18n::risk_level(level, lang)}
                        </span>
                        " " {T::Probability.get(lang)} " " <strong>{r.probability.to_string()}</strong>
                        " × " {T::Impact.get(lang)} " " <strong>{r.impact.to_string()}</strong>
                    </p>
                    <h4>{T::Mitigation.get(lang)}</h4>
                    <p class="doc-text" lang="cs">{r.mitigation.clone()}</p>
                    {source_note(r.source.as_ref(), lang)}
                </li>
            }
        })
        .map(IntoAny::into_any).collect_view();
    let heading_id = format!("{prefix}-seznam");
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{T::RiskList.get(lang)}</h2>
            <ol class="plain-list risk-list">{items}</ol>
        </section>
    }
    .into_any()
}
