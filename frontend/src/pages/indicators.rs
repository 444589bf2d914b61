//! Global indicators (`/indikatory`): each city-level indicator with its series, Ostrava against
//! the region, the baseline, the 2027 expectation and whether the trend goes the right way.

use leptos::prelude::*;
use serde::Deserialize;
use shared::format::Lang;
use shared::trend::Verdict;

use crate::components::badges::verdict_chip;
use crate::components::charts::{Series, line_chart};
use crate::components::download::download_data;
use crate::components::page::{PageSpec, Rendered, page_view};
use crate::components::source::source_note;
use crate::i18n::T;
use crate::model::Source;
use crate::queries;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    plan: Plan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    global_indicators: Vec<GlobalIndicator>,
}

/// A city-level indicator with its series.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlobalIndicator {
    name: String,
    note: Option<String>,
    expected_text: String,
    lower_is_better: bool,
    verdict: Verdict,
    values: Vec<GlobalValue>,
    source: Option<Source>,
}

/// A value of a global indicator: the baseline or a year.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlobalValue {
    column: String,
    is_baseline: bool,
    period: Option<String>,
    year: Option<i32>,
    value: Option<f64>,
    text: String,
    region_value: Option<f64>,
    region_text: Option<String>,
    rank: Option<String>,
}

/// The global indicators page.
#[component]
pub fn IndicatorsPage() -> impl IntoView {
    let spec = PageSpec {
        page: "indicators",
        heading: Box::new(|lang| T::IndicatorsTitle.get(lang).to_owned()),
        record: None,
        query: queries::INDICATORS,
        variables: None,
    };
    page_view(spec, render)
}

fn render(data: Data, lang: Lang) -> Rendered {
    let indicators = data.plan.global_indicators;
    let title = T::IndicatorsTitle.get(lang).to_owned();
    let download = (!indicators.is_empty()).then(|| {
        download_data(
            "hodnoty-globalnich-indikatoru",
            None,
            T::IndicatorsTitle,
            lang,
        )
    });
    let body = if indicators.is_empty() {
        view! { <p class="notice">{T::NoIndicatorsYet.get(lang)}</p> }.into_any()
    } else {
        indicators
            .iter()
            .enumerate()
            .map(|(i, indicator)| indicator_card(i, indicator, lang))
            .map(IntoAny::into_any)
            .collect_view()
            .into_any()
    };
    let view = view! {
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead">{T::IndicatorsLead.get(lang)}</p>
        <div class="card-grid indicator-grid">{body}</div>
        {download}
    }
    .into_any();
    Rendered::ready(title, view)
}

/// The label of a value's period: the baseline says so, the others give their period.
fn period_label(value: &GlobalValue, lang: Lang) -> String {
    let period = value.period.clone().unwrap_or_else(|| value.column.clone());
    if value.is_baseline {
        format!("{} ({period})", T::Baseline.get(lang))
    } else {
        period
    }
}

/// A short label for the chart's axis: the year where known.
fn axis_label(value: &GlobalValue) -> String {
    value
        .year
        .map(|y| y.to_string())
        .or_else(|| value.period.clone())
        .unwrap_or_else(|| value.column.clone())
}

fn indicator_card(index: usize, indicator: &GlobalIndicator, lang: Lang) -> AnyView {
    let heading_id = format!("indikator-{}", index + 1);
    let labelled_by = heading_id.clone();
    let has_region = indicator
        .values
        .iter()
        .any(|v| v.region_text.is_some() || v.region_value.is_some());
    let has_rank = indicator.values.iter().any(|v| v.rank.is_some());
    let categories: Vec<String> = indicator.values.iter().map(axis_label).collect();
    let mut series = vec![Series {
        name: T::City.get(lang).to_owned(),
        class: "series-city",
        values: indicator.values.iter().map(|v| v.value).collect(),
    }];
    if has_region {
        series.push(Series {
            name: T::Region.get(lang).to_owned(),
            class: "series-region",
            values: indicator.values.iter().map(|v| v.region_value).collect(),
        });
    }
    let plotted = series
        .iter()
        .flat_map(|s| s.values.iter())
        .filter(|v| v.is_some())
        .count();
    let chart = (plotted > 0).then(|| {
        line_chart(
            &categories,
            &series,
            format!("{}: {}", T::Trend.get(lang), indicator.name),
            lang,
        )
    });
    let rows = indicator
        .values
        .iter()
        .map(|v| {
            view! {
                <tr>
                    <th scope="row" lang="cs">{period_label(v, lang)}</th>
                    <td class="num" lang="cs">{v.text.clone()}</td>
                    {has_region.then(|| view! { <td class="num" lang="cs">{v.region_text.clone().unwrap_or_else(|| T::Dash.get(lang).to_owned())}</td> })}
                    {has_rank.then(|| view! { <td lang="cs">{v.rank.clone().unwrap_or_default()}</td> })}
                </tr>
            }
        })
        .map(IntoAny::into_any).collect_view();
    let direction = if indicator.lower_is_better {
        T::LowerIsBetter
    } else {
        T::HigherIsBetter
    };
    view! {
        <article class="card global-indicator" aria-labelledby=labelled_by>
            <h2 id=heading_id class="h3" lang="cs">{indicator.name.clone()}</h2>
            <p class="verdict">{verdict_chip(indicator.verdict, lang)}</p>
            <dl class="facts compact">
                <dt>{T::Expected2027.get(lang)}</dt>
                <dd><strong lang="cs">{indicator.expected_text.clone()}</strong> " (" {direction.get(lang)} ")"</dd>
            </dl>
            <div class="indicator-data">
                {chart}
                <div class="table-wrap" role="region" tabindex="0" aria-label=indicator.name.clone()>
                    <table class="values">
                        <caption class="visually-hidden">{indicator.name.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{T::Period.get(lang)}</th>
                                <th scope="col" class="num">{T::City.get(lang)}</th>
                                {has_region.then(|| view! { <th scope="col" class="num"><abbr title=T::Region.get(lang)>"MSK"</abbr></th> })}
                                {has_rank.then(|| view! { <th scope="col">{T::Rank.get(lang)}</th> })}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </div>
            {indicator.note.clone().map(|n| view! { <p class="indicator-note doc-text" lang="cs">{n}</p> })}
            {source_note(indicator.source.as_ref(), lang)}
        </article>
    }
    .into_any()
}
