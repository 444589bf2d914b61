//! The history of one record (`/historie/indicator_value/123`): every write with who, when and
//! which fields changed from what to what.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;
use shared::format::Lang;

use crate::components::page::{PageSpec, Rendered, page_view};
use crate::i18n::T;
use crate::logic::entry::changes;
use crate::queries;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    history: Vec<Entry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    at: String,
    user_email: String,
    action: String,
    before: Option<String>,
    after: Option<String>,
}

/// The history page.
#[component]
pub fn HistoryPage() -> impl IntoView {
    let params = use_params_map();
    let entity = params.read_untracked().get("entity").unwrap_or_default();
    let id: i64 = params
        .read_untracked()
        .get("id")
        .and_then(|i| i.parse().ok())
        .unwrap_or(0);
    let spec = PageSpec {
        page: "history",
        heading: Box::new(|lang| T::HistoryTitle.get(lang).to_owned()),
        record: None,
        query: queries::HISTORY,
        variables: Some(serde_json::json!({ "entity": entity, "id": id })),
    };
    page_view(spec, render)
}

fn render(data: Data, lang: Lang) -> Rendered {
    let title = T::HistoryTitle.get(lang).to_owned();
    let body = if data.history.is_empty() {
        view! { <p class="notice">{T::NoHistory.get(lang)}</p> }.into_any()
    } else {
        let rows = data
            .history
            .into_iter()
            .map(|e| {
                let list = changes(e.before.as_deref(), e.after.as_deref())
                    .into_iter()
                    .map(|c| view! { <li><code>{c.field}</code>": " {c.before}" → "{c.after}</li> })
                    .collect_view();
                view! {
                    <tr>
                        <td>{e.at.replace('T', " ").trim_end_matches('Z').to_owned()}</td>
                        <td>{e.user_email}</td>
                        <td>{e.action}</td>
                        <td><ul class="changes">{list}</ul></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="values">
                    <thead><tr>
                        <th scope="col">{T::When.get(lang)}</th>
                        <th scope="col">{T::Who.get(lang)}</th>
                        <th scope="col">{T::ActionLabel.get(lang)}</th>
                        <th scope="col">{T::WhatChanged.get(lang)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let view = view! {
        <h1 tabindex="-1">{title.clone()}</h1>
        {body}
    }
    .into_any();
    Rendered::ready(title, view)
}
