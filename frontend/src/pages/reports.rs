//! The issued implementation reports (`/zpravy`): each with its period, data cut-off, issue
//! date and its files (PDF for reading, DOCX for editing), newest first.

use leptos::prelude::*;
use serde::Deserialize;
use shared::Date;
use shared::format::{self, Lang};

use crate::components::page::{PageSpec, Rendered, page_view};
use crate::i18n::T;
use crate::model::lenient_date;
use crate::queries;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    reports: Vec<Report>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    number: i32,
    title: String,
    lang: String,
    #[serde(deserialize_with = "lenient_date")]
    period_from: Option<Date>,
    #[serde(deserialize_with = "lenient_date")]
    period_to: Option<Date>,
    #[serde(deserialize_with = "lenient_date")]
    cutoff: Option<Date>,
    issued_at: Option<String>,
    downloads: Vec<Download>,
}

/// A file of an issued report.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Download {
    pub format: String,
    pub url: String,
    pub size: i64,
}

/// The reports page.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let spec = PageSpec {
        page: "reports",
        heading: Box::new(|lang| T::ReportsTitle.get(lang).to_owned()),
        record: None,
        query: queries::REPORTS,
        variables: None,
    };
    page_view(spec, render)
}

/// A file size in kilobytes: `860 kB`.
pub(crate) fn kilobytes(bytes: i64, lang: Lang) -> String {
    let kb = (bytes.max(0) as f64 / 1024.0).ceil();
    format!("{}\u{a0}kB", format::number(kb, 0, lang))
}

fn render(data: Data, lang: Lang) -> Rendered {
    let title = T::ReportsTitle.get(lang).to_owned();
    let date = |d: Option<Date>| d.map(|d| format::date(d, lang)).unwrap_or_default();
    let body = if data.reports.is_empty() {
        view! { <p class="notice">{T::NoReports.get(lang)}</p> }.into_any()
    } else {
        let items = data
            .reports
            .iter()
            .map(|r| {
                let issued = r
                    .issued_at
                    .as_deref()
                    .and_then(|t| t.get(..10))
                    .and_then(|t| t.parse::<Date>().ok());
                let files = downloads(&r.downloads, lang);
                view! {
                    <li class="report-item" data-report=r.number.to_string()>
                        <h2 lang=r.lang.clone()>{r.title.clone()}</h2>
                        <p>
                            {T::ReportPeriod.get(lang)} ": " {date(r.period_from)} " – "
                            {date(r.period_to)} ". " {T::ReportCutoff.get(lang)} " "
                            {date(r.cutoff)} ". " {T::ReportIssued.get(lang)} " "
                            {date(issued)} "."
                        </p>
                        {files}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="reports">{items}</ul> }.into_any()
    };
    let view = view! {
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead">{T::ReportsLead.get(lang)}</p>
        {body}
    }
    .into_any();
    Rendered::ready(title, view)
}

/// A report's files as links to download, with their formats and sizes.
pub(crate) fn downloads(files: &[Download], lang: Lang) -> AnyView {
    let items = files
        .iter()
        .map(|d| {
            let what = if d.format == "PDF" {
                T::ReportPdf.get(lang)
            } else {
                T::ReportDocx.get(lang)
            };
            view! {
                <li>
                    <a href=d.url.clone() download="">{what}</a>
                    " (" {d.format.clone()} ", " {kilobytes(d.size, lang)} ")"
                </li>
            }
        })
        .collect_view();
    view! { <ul class="downloads">{items}</ul> }.into_any()
}
