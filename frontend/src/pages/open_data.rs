//! Open data (`/data`): the licence, the whole plan as one workbook or a data package, and every
//! dataset with its description, download links (CSV, CSV for Czech Excel, XLSX, JSON) and its
//! fields with their types.

use leptos::prelude::*;
use serde::Deserialize;
use shared::format::Lang;

use crate::components::page::{PageSpec, Rendered, page_view};
use crate::i18n::T;
use crate::queries;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    plan: Plan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    open_data: OpenData,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct OpenData {
    licence: String,
    licence_url: Option<String>,
    workbook_url: String,
    package_url: String,
    datasets: Vec<Dataset>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Dataset {
    slug: String,
    title: String,
    title_en: String,
    description: String,
    key: Vec<String>,
    fields: Vec<Field>,
    csv_url: String,
    csv_semicolon_url: String,
    json_url: String,
    xlsx_url: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Field {
    name: String,
    #[serde(rename = "type")]
    kind: String,
    title: String,
}

/// The open-data page.
#[component]
pub fn OpenDataPage() -> impl IntoView {
    let spec = PageSpec {
        page: "open-data",
        heading: Box::new(|lang| T::OpenDataTitle.get(lang).to_owned()),
        record: None,
        query: queries::OPEN_DATA,
        variables: None,
    };
    page_view(spec, render)
}

/// A field type in words.
fn kind(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "INTEGER" => T::KindInteger,
        "NUMBER" => T::KindNumber,
        "DATE" => T::KindDate,
        "MONEY" => T::KindMoney,
        "BOOLEAN" => T::KindBoolean,
        _ => T::KindText,
    }
    .get(lang)
}

fn render(data: Data, lang: Lang) -> Rendered {
    let title = T::OpenDataTitle.get(lang).to_owned();
    let open = data.plan.open_data;
    let licence = match open.licence_url {
        Some(url) => view! { <a href=url rel="license">{open.licence.clone()}</a> }.into_any(),
        None => view! { <span>{open.licence.clone()}</span> }.into_any(),
    };
    let datasets = open
        .datasets
        .into_iter()
        .map(|d| dataset(d, lang))
        .collect_view();
    let view = view! {
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead">{T::OpenDataLead.get(lang)}</p>
        <p>{T::OpenDataChanges.get(lang)}</p>
        <p>{T::OpenDataLicence.get(lang)} ": " {licence}</p>
        <section aria-labelledby="whole-plan">
            <h2 id="whole-plan">{T::OpenDataWhole.get(lang)}</h2>
            <ul class="downloads">
                <li>
                    <a href=open.workbook_url download="">{T::OpenDataWorkbook.get(lang)}</a>
                    " (XLSX)"
                </li>
                <li>
                    <a href=open.package_url download="">{T::OpenDataPackage.get(lang)}</a>
                    " (ZIP)"
                </li>
            </ul>
        </section>
        <h2>{T::OpenDataSets.get(lang)}</h2>
        {datasets}
    }
    .into_any();
    Rendered::ready(title, view)
}

/// One dataset: what it is, its files and its fields.
fn dataset(d: Dataset, lang: Lang) -> AnyView {
    let heading_id = format!("sada-{}", d.slug);
    let name = match lang {
        Lang::Cs => d.title.clone(),
        Lang::En => d.title_en.clone(),
    };
    let caption = format!("{}: {}", T::OpenDataFields.get(lang), name);
    let (labelled_by, region_label) = (heading_id.clone(), caption.clone());
    let fields_count = d.fields.len();
    let rows = d
        .fields
        .into_iter()
        .map(|f| {
            let key = d.key.contains(&f.name);
            view! {
                <tr>
                    <th scope="row"><code>{f.name}</code></th>
                    <td>{kind(&f.kind, lang)} {key.then(|| format!(", {}", T::OpenDataKey.get(lang)))}</td>
                    <td lang="cs">{f.title}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="dataset" id=d.slug.clone() aria-labelledby=labelled_by>
            <h3 id=heading_id>{name}</h3>
            <p lang="cs">{d.description}</p>
            <ul class="downloads formats">
                <li><a href=d.csv_url download="">"CSV"</a></li>
                <li>
                    <a href=d.csv_semicolon_url download="">
                        {T::OpenDataCsvSemicolon.get(lang)}
                    </a>
                </li>
                <li><a href=d.xlsx_url download="">"XLSX"</a></li>
                <li><a href=d.json_url download="">"JSON"</a></li>
            </ul>
            <details>
                <summary>{format!("{} ({fields_count})", T::OpenDataFields.get(lang))}</summary>
                <div class="table-wrap" role="region" tabindex="0" aria-label=region_label>
                    <table>
                        <caption class="visually-hidden">{caption}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{T::OpenDataField.get(lang)}</th>
                                <th scope="col">{T::OpenDataType.get(lang)}</th>
                                <th scope="col">{T::OpenDataMeaning.get(lang)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </section>
    }
    .into_any()
}
