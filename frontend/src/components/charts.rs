//! Inline SVG charts drawn from [`crate::logic::chart`]: columns for an impact indicator's values
//! at its monitoring dates (the target as a dashed line) and lines for a global indicator's
//! series (Ostrava solid, the region dashed). Each chart is `role="img"` with a label that says
//! what it shows; the numbers themselves are in the table every chart stands beside.

use leptos::prelude::*;
use shared::format::{self, Lang};

use crate::i18n::T;
use crate::logic::chart::{self, Frame, n};

/// One category of a column chart: its label and value.
pub struct ColumnDatum {
    pub label: String,
    pub value: Option<f64>,
}

/// Columns for `data`, with a dashed `target` line; `title` names the chart for screen readers.
pub fn column_chart(
    data: &[ColumnDatum],
    target: Option<f64>,
    title: String,
    lang: Lang,
) -> AnyView {
    let frame = Frame::STANDARD;
    let values: Vec<Option<f64>> = data.iter().map(|d| d.value).collect();
    let layout = chart::columns(&values, target, frame);
    let (left, right) = frame.x_range();
    let base = frame.base_y();
    let axis_top = frame.top;
    let max_label = format::number_auto(layout.max, lang);
    let columns = data
        .iter()
        .zip(&layout.columns)
        .zip(&layout.centres)
        .map(|((datum, column), centre)| {
            let value_label = datum
                .value
                .map(|v| format::number_auto(v, lang))
                .unwrap_or_else(|| T::NotAvailable.get(lang).to_owned());
            let bar = column.map(|c| {
                view! {
                    <rect class="chart-bar" x=n(c.x) y=n(c.y) width=n(c.width) height=n(c.height.max(0.5))></rect>
                }
            });
            let label_y = column.map_or(base - 4.0, |c| c.y - 5.0);
            view! {
                <g>
                    {bar}
                    <text class="chart-value" x=n(*centre) y=n(label_y) text-anchor="middle">{value_label}</text>
                    <text class="chart-label" x=n(*centre) y=n(base + 16.0) text-anchor="middle">{datum.label.clone()}</text>
                </g>
            }
        })
        .map(IntoAny::into_any).collect_view();
    // The target's value labels its line in the left margin; the axis top is labelled only
    // when it is not crowded by the target's label.
    let show_max = layout.target_y.is_none_or(|y| (y - axis_top).abs() >= 12.0);
    let target_line = layout.target_y.zip(target).map(|(y, t)| {
        view! {
            <g>
                <line class="chart-target" x1=n(left) x2=n(right) y1=n(y) y2=n(y)></line>
                <text class="chart-target-label" x=n(left - 4.0) y=n(y + 4.0) text-anchor="end">{format::number_auto(t, lang)}</text>
            </g>
        }
    });
    let legend = target.map(|t| {
        view! {
            <figcaption>
                <ul class="legend">
                    <li class="legend-target"><span class="legend-swatch" aria-hidden="true"></span>
                        {T::Target.get(lang)} " " {format::number_auto(t, lang)}
                    </li>
                </ul>
            </figcaption>
        }
    });
    view! {
        <figure class="chart-figure">
            <svg class="chart" viewBox=format!("0 0 {} {}", frame.width, frame.height) role="img" aria-label=title
                preserveAspectRatio="xMidYMid meet">
                <line class="chart-axis" x1=n(left) x2=n(right) y1=n(base) y2=n(base)></line>
                <line class="chart-grid" x1=n(left) x2=n(right) y1=n(axis_top) y2=n(axis_top)></line>
                {show_max.then(|| view! {
                    <text class="chart-tick" x=n(left - 4.0) y=n(axis_top + 4.0) text-anchor="end">{max_label.clone()}</text>
                })}
                <text class="chart-tick" x=n(left - 4.0) y=n(base + 4.0) text-anchor="end">"0"</text>
                {columns}
                {target_line}
            </svg>
            {legend}
        </figure>
    }
    .into_any()
}

/// A series of a line chart: its name, CSS class and one value per category.
pub struct Series {
    pub name: String,
    pub class: &'static str,
    pub values: Vec<Option<f64>>,
}

/// Lines for `series` over `categories`, with a legend naming each series.
pub fn line_chart(categories: &[String], series: &[Series], title: String, lang: Lang) -> AnyView {
    let frame = Frame::STANDARD;
    let values: Vec<Vec<Option<f64>>> = series.iter().map(|s| s.values.clone()).collect();
    let layout = chart::lines(&values, frame);
    let (left, right) = frame.x_range();
    let base = frame.base_y();
    let top = frame.top;
    let labels = categories
        .iter()
        .zip(&layout.xs)
        .map(|(label, x)| {
            view! { <text class="chart-label" x=n(*x) y=n(base + 16.0) text-anchor="middle">{label.clone()}</text> }
        })
        .map(IntoAny::into_any).collect_view();
    let drawn = series
        .iter()
        .zip(&layout.points)
        .zip(&layout.paths)
        .enumerate()
        .map(|(i, ((s, points), path))| {
            let dots = points
                .iter()
                .zip(&s.values)
                .filter_map(|(p, v)| p.zip(*v))
                .map(|((x, y), v)| {
                    // The first series labels above its points, the others below, so labels of
                    // close values do not overlap.
                    let label_y = if i == 0 { y - 7.0 } else { y + 14.0 };
                    view! {
                        <circle class="chart-dot" cx=n(x) cy=n(y) r="3.5"></circle>
                        <text class="chart-value" x=n(x) y=n(label_y) text-anchor="middle">{format::number_auto(v, lang)}</text>
                    }
                })
                .map(IntoAny::into_any).collect_view();
            view! {
                <g class=s.class>
                    <path class="chart-line" d=path.clone()></path>
                    {dots}
                </g>
            }
        })
        .map(IntoAny::into_any).collect_view();
    let legend = series
        .iter()
        .map(|s| view! { <li class=s.class><span class="legend-swatch" aria-hidden="true"></span>{s.name.clone()}</li> })
        .map(IntoAny::into_any).collect_view();
    view! {
        <figure class="chart-figure">
            <svg class="chart" viewBox=format!("0 0 {} {}", frame.width, frame.height) role="img" aria-label=title
                preserveAspectRatio="xMidYMid meet">
                <line class="chart-axis" x1=n(left) x2=n(right) y1=n(base) y2=n(base)></line>
                <line class="chart-grid" x1=n(left) x2=n(right) y1=n(top) y2=n(top)></line>
                {labels}
                {drawn}
            </svg>
            <figcaption>
                <ul class="legend">{legend}</ul>
            </figcaption>
        </figure>
    }
    .into_any()
}
