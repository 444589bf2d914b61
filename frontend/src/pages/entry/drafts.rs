//! The drafts awaiting a coordinator on the entry page: new values, statuses and projects and
//! proposed changes to published ones, with "Zveřejnit vše" for those who publish.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use shared::format::{self, Lang};

use super::{Flash, date_text, saved, status_text};
use crate::components::form::notice;
use crate::components::link::link;
use crate::i18n::{self, T};
use crate::queries;
use crate::routes::Route;
use crate::session::{mutate_as, use_session};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Drafts {
    pub(super) indicator_values: Vec<DraftValue>,
    statuses: Vec<DraftStatus>,
    projects: Vec<DraftProject>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DraftProject {
    id: i32,
    version: i32,
    measure_id: i32,
    registration_number: String,
    budget_text: String,
    period_from: Option<String>,
    replaces_id: Option<i32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DraftValue {
    pub(super) id: i32,
    pub(super) version: i32,
    pub(super) indicator_id: i32,
    pub(super) date: String,
    pub(super) value: Option<f64>,
    replaces_id: Option<i32>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DraftStatus {
    id: i32,
    version: i32,
    measure_id: i32,
    date: String,
    kind: String,
    reports: Option<i32>,
    reports_of: Option<i32>,
    replaces_id: Option<i32>,
}

pub(super) fn drafts_section(
    drafts: Drafts,
    indicator_names: &HashMap<i32, String>,
    measure_codes: &HashMap<i32, String>,
    publishes: bool,
    lang: Lang,
    reload: RwSignal<u32>,
) -> AnyView {
    let session = use_session();
    let flash = use_context::<Flash>();
    let message = RwSignal::new(None::<Result<String, String>>);
    let empty = drafts.indicator_values.is_empty()
        && drafts.statuses.is_empty()
        && drafts.projects.is_empty();
    let vars = publish_variables(&drafts);
    let publish = move |_| {
        let vars = vars.clone();
        spawn_local(async move {
            Flash::clear(flash);
            match mutate_as(session, queries::PUBLISH, vars).await {
                Ok(_) => saved(flash, T::Published.get(lang).to_owned(), reload),
                Err(e) => message.set(Some(Err(i18n::error_message(&e, lang)))),
            }
        });
    };
    let rows = value_rows(&drafts.indicator_values, indicator_names, lang);
    let status_rows = status_rows(&drafts.statuses, measure_codes, lang);
    let project_rows = project_rows(&drafts.projects, measure_codes, lang);
    view! {
        <section class="drafts" aria-labelledby="drafts-title">
            <h2 id="drafts-title">{T::DraftsTitle.get(lang)}</h2>
            {if empty {
                view! { <p class="empty">{T::NoDrafts.get(lang)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap">
                        <table class="values">
                            <thead><tr>
                                <th scope="col">{T::Indicator.get(lang)}</th>
                                <th scope="col">{T::Date.get(lang)}</th>
                                <th scope="col" class="num">{T::Value.get(lang)}</th>
                                <th scope="col">{T::History.get(lang)}</th>
                            </tr></thead>
                            <tbody>{rows}{status_rows}{project_rows}</tbody>
                        </table>
                    </div>
                    {publishes.then(|| view! {
                        <button type="button" id="publish-all" class="button" on:click=publish>
                            {T::PublishAll.get(lang)}
                        </button>
                    })}
                }
                .into_any()
            }}
            {move || message.get().map(notice)}
        </section>
    }
    .into_any()
}

/// A `publishDrafts` call publishing every draft listed, at the version read.
fn publish_variables(drafts: &Drafts) -> serde_json::Value {
    let record = |id: i32, version: i32| serde_json::json!({ "id": id, "version": version });
    serde_json::json!({
        "plan": "ostrava",
        "values": drafts.indicator_values.iter().map(|v| record(v.id, v.version)).collect::<Vec<_>>(),
        "statuses": drafts.statuses.iter().map(|s| record(s.id, s.version)).collect::<Vec<_>>(),
        "projects": drafts.projects.iter().map(|p| record(p.id, p.version)).collect::<Vec<_>>(),
    })
}

fn value_rows(
    items: &[DraftValue],
    indicator_names: &HashMap<i32, String>,
    lang: Lang,
) -> impl IntoView {
    items
        .iter()
        .map(|v| {
            let name = indicator_names
                .get(&v.indicator_id)
                .cloned()
                .unwrap_or_else(|| v.indicator_id.to_string());
            view! {
                <tr>
                    <td>{name}{proposal_mark(v.replaces_id, lang)}</td>
                    <td>{date_text(&v.date, lang)}</td>
                    <td class="num">{v.value.map(|x| format::number_auto(x, lang)).unwrap_or_default()}</td>
                    <td>{link(&Route::History("indicator_value", v.replaces_id.unwrap_or(v.id)), T::History.get(lang).into_any())}</td>
                </tr>
            }
        })
        .collect_view()
}

fn status_rows(
    items: &[DraftStatus],
    measure_codes: &HashMap<i32, String>,
    lang: Lang,
) -> impl IntoView {
    items
        .iter()
        .map(|s| {
            let code = measure_codes.get(&s.measure_id).cloned().unwrap_or_default();
            view! {
                <tr>
                    <td>{code}{proposal_mark(s.replaces_id, lang)}</td>
                    <td>{date_text(&s.date, lang)}</td>
                    <td>{status_text(&s.kind, s.reports, s.reports_of, lang)}</td>
                    <td>{link(&Route::History("measure_status", s.replaces_id.unwrap_or(s.id)), T::History.get(lang).into_any())}</td>
                </tr>
            }
        })
        .collect_view()
}

fn project_rows(
    items: &[DraftProject],
    measure_codes: &HashMap<i32, String>,
    lang: Lang,
) -> impl IntoView {
    items
        .iter()
        .map(|p| {
            let code = measure_codes.get(&p.measure_id).cloned().unwrap_or_default();
            let history = p.replaces_id.unwrap_or(p.id);
            view! {
                <tr>
                    <td>{format!("{code} {}", p.registration_number)}{proposal_mark(p.replaces_id, lang)}</td>
                    <td>{p.period_from.as_deref().map(|d| date_text(d, lang)).unwrap_or_default()}</td>
                    <td class="num">{p.budget_text.clone()}</td>
                    <td>{link(&Route::History("project", history), T::History.get(lang).into_any())}</td>
                </tr>
            }
        })
        .collect_view()
}

/// Marks a draft that would change a published record (which the public sees until then).
fn proposal_mark(replaces: Option<i32>, lang: Lang) -> Option<AnyView> {
    replaces.map(|_| {
        view! { " " <span class="tag tag-key proposal">{T::ProposedChange.get(lang)}</span> }
            .into_any()
    })
}
