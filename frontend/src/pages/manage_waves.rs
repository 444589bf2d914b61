//! Monitoring waves (`/sprava/vlny`, coordinators and admins): every wave with its dates and
//! where it is stated, a form to change each and one for a new wave (the server refuses
//! overlapping periods), and for the chosen wave (`?vlna=3`, else the current one) what each
//! implementer owes and delivered: per organisation its items with their state in words, each
//! linking to the form where it is entered.

use leptos::prelude::*;
use serde::Deserialize;
use shared::format::Lang;

use crate::components::form::fields;
use crate::components::staff::{Saver, StaffSpec, history_link, staff_view};
use crate::i18n::{self, T};
use crate::logic::monitoring::Counts;
use crate::queries;
use crate::session::Me;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    monitoring: Monitoring,
}

#[derive(Debug, Clone, Deserialize)]
struct Monitoring {
    waves: Vec<Wave>,
    /// The wave of the address, else the current one.
    chosen: Option<Chosen>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wave {
    id: i32,
    version: i32,
    name: String,
    as_of: Option<String>,
    opens_on: String,
    deadline: String,
    phase: String,
    source: Source,
}

#[derive(Debug, Clone, Deserialize)]
struct Source {
    locator: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Chosen {
    id: i32,
    name: String,
    deadline: String,
    phase: String,
    matrix: Matrix,
}

#[derive(Debug, Clone, Deserialize)]
struct Matrix {
    counts: Counts,
    rows: Vec<Row>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    organisation_id: Option<i32>,
    organisation_name: Option<String>,
    counts: Counts,
    items: Vec<Item>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item {
    kind: String,
    state: String,
    goal_code: String,
    name: String,
    measure_code: Option<String>,
    entry_path: String,
}

/// The wave the address names (`?vlna=3`), read once: the wave links load the page anew.
fn wave_in_address() -> Option<i32> {
    leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("vlna"))
        .and_then(|v| v.trim().parse().ok())
}

/// The waves page.
#[component]
pub fn ManageWavesPage() -> impl IntoView {
    let spec = StaffSpec {
        page: "waves",
        heading: Box::new(|lang| T::WavesTitle.get(lang).to_owned()),
        allowed: Me::publishes,
        denied: T::PublishersOnly,
        record: None,
        query: queries::WAVES,
        variables: serde_json::json!({ "plan": "ostrava", "wave": wave_in_address() }),
    };
    staff_view(spec, render)
}

fn counts_text(c: &Counts, lang: Lang) -> String {
    i18n::wave_counts(c.published, c.expected, c.drafts, c.missing, c.late, lang)
}

fn render(data: Data, _: &Me, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let Monitoring { waves, chosen } = data.monitoring;
    let chosen_id = chosen.as_ref().map(|c| c.id);
    let list = waves
        .iter()
        .map(|w| {
            let current = Some(w.id) == chosen_id;
            let href = format!("/sprava/vlny?vlna={}", w.id);
            view! {
                <tr class:current=current>
                    <th scope="row">
                        // A new load: the page reads the wave from the address once.
                        <a href=href rel="external" aria-current=current.then_some("true")>{w.name.clone()}</a>
                    </th>
                    <td>{i18n::date_text(&w.opens_on, lang)}</td>
                    <td>{i18n::date_text(&w.deadline, lang)}</td>
                    <td>{w.as_of.as_deref().map(|d| i18n::date_text(d, lang)).unwrap_or_else(|| "—".to_owned())}</td>
                    <td>{i18n::wave_phase(&w.phase, lang)}</td>
                    <td class="source-cell">{w.source.locator.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let forms = waves
        .into_iter()
        .map(|w| {
            let title = w.name.clone();
            view! { <details class="form-group"><summary>{title}</summary>{wave_form(Some(w), saver)}</details> }
        })
        .collect_view();
    let matrix = chosen.map(|c| matrix_section(c, lang));
    view! {
        <p class="lead">{T::WavesLead.get(lang)}</p>
        <p class="page-links"><a href="/kalendar.ics">{T::WaveCalendar.get(lang)}</a></p>
        <section aria-labelledby="waves-list-title">
            <h2 id="waves-list-title">{T::WavesTitle.get(lang)}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-label=T::WavesTitle.get(lang)>
                <table class="wave-table">
                    <thead><tr>
                        <th scope="col">{T::WaveName.get(lang)}</th>
                        <th scope="col">{T::WaveOpens.get(lang)}</th>
                        <th scope="col">{T::WaveDeadline.get(lang)}</th>
                        <th scope="col">{T::WaveAsOf.get(lang)}</th>
                        <th scope="col">{T::WavePhase.get(lang)}</th>
                        <th scope="col">{T::Source.get(lang)}</th>
                    </tr></thead>
                    <tbody>{list}</tbody>
                </table>
            </div>
            {forms}
            <details class="form-group"><summary>{T::WaveNew.get(lang)}</summary>{wave_form(None, saver)}</details>
        </section>
        {matrix}
    }
    .into_any()
}

/// A wave's form: changing `wave`, or a new one.
fn wave_form(wave: Option<Wave>, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = wave
        .as_ref()
        .map_or_else(|| "wave-new".to_owned(), |w| format!("wave-{}", w.id));
    let text = |f: fn(&Wave) -> String| wave.as_ref().map(f).unwrap_or_default();
    let name = saver
        .field(
            format!("{id}-name"),
            T::WaveName.get(lang),
            "text",
            &text(|w| w.name.clone()),
        )
        .required();
    let opens = saver
        .field(
            format!("{id}-opens"),
            T::WaveOpens.get(lang),
            "date",
            &text(|w| w.opens_on.clone()),
        )
        .required();
    let deadline = saver
        .field(
            format!("{id}-deadline"),
            T::WaveDeadline.get(lang),
            "date",
            &text(|w| w.deadline.clone()),
        )
        .required();
    let as_of = saver
        .field(
            format!("{id}-asof"),
            T::WaveAsOf.get(lang),
            "date",
            &text(|w| w.as_of.clone().unwrap_or_default()),
        )
        .hint(T::WaveAsOfHint.get(lang).to_owned());
    let values = (name.value, opens.value, deadline.value, as_of.value);
    let record = wave
        .as_ref()
        .map(|w| serde_json::json!({ "id": w.id, "version": w.version }));
    let form = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let as_of = values.3.get_untracked();
        let vars = serde_json::json!({ "input": {
            "record": record,
            "name": values.0.get_untracked(),
            "opensOn": values.1.get_untracked(),
            "deadline": values.2.get_untracked(),
            "asOf": if as_of.trim().is_empty() { None } else { Some(as_of) },
        }});
        saver.save_form(&form, queries::SAVE_WAVE, vars, T::WaveSaved);
    };
    let history = wave
        .as_ref()
        .map(|w| history_link("monitoring_wave", w.id, lang));
    view! {
        <form class="form" id=id on:submit=submit>
            <div class="field-row">{fields(vec![name, opens, deadline, as_of], lang)}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::WaveSave.get(lang)}</button>
                {history}
            </div>
        </form>
    }
    .into_any()
}

/// Who delivered what in the chosen wave: the plan's counts, then a table per organisation.
fn matrix_section(c: Chosen, lang: Lang) -> AnyView {
    let deadline = c
        .deadline
        .parse()
        .map(|d| i18n::wave_deadline(d, &c.phase, lang))
        .unwrap_or_default();
    let rows = c
        .matrix
        .rows
        .into_iter()
        .map(|r| organisation_table(r, lang))
        .collect_view();
    view! {
        <section aria-labelledby="matrix-title" data-wave=c.id>
            <h2 id="matrix-title">{T::WaveMatrixTitle.get(lang)} ": " {c.name} " – " {deadline}</h2>
            <p class="matrix-counts">{counts_text(&c.matrix.counts, lang)}</p>
            {rows}
        </section>
    }
    .into_any()
}

fn organisation_table(r: Row, lang: Lang) -> AnyView {
    let name = r
        .organisation_name
        .clone()
        .unwrap_or_else(|| T::NoImplementerRow.get(lang).to_owned());
    let heading_id = format!("org-{}", r.organisation_id.unwrap_or(0));
    let items = r
        .items
        .into_iter()
        .map(|i| {
            let kind = if i.kind == "STATUS" {
                T::ItemStatus.get(lang)
            } else {
                T::ItemIndicator.get(lang)
            };
            let what = match &i.measure_code {
                Some(code) => format!("{code} {}", i.name),
                None => i.name.clone(),
            };
            let state = i18n::wave_item_state(&i.state, lang);
            view! {
                <tr>
                    <td>{kind}</td>
                    <td><a href=i.entry_path.clone()>{i.goal_code.clone()}</a></td>
                    <td>{what}</td>
                    <td><span class=format!("wave-state state-{}", i.state.to_lowercase())>{state}</span></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="matrix-row" aria-labelledby=heading_id.clone() data-organisation=r.organisation_id>
            <h3 id=heading_id.clone()>{name.clone()}</h3>
            <p>{counts_text(&r.counts, lang)}</p>
            <div class="table-wrap" role="region" tabindex="0" aria-label=name>
                <table class="wave-table">
                    <thead><tr>
                        <th scope="col">{T::WaveItem.get(lang)}</th>
                        <th scope="col">{T::SpecificGoal.get(lang)}</th>
                        <th scope="col">{T::Name.get(lang)}</th>
                        <th scope="col">{T::WaveState.get(lang)}</th>
                    </tr></thead>
                    <tbody>{items}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
