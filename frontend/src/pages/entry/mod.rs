//! Data entry (`/zadavani`): for a signed-in implementer exactly their measures, for a
//! coordinator every measure of the plan. At the top what the user still owes in the chosen
//! monitoring wave and the navigation by wave, area, goal and implementer (`?vlna=3&cil=2.1.3`,
//! `focus.rs`); a coordinator sees the forms of what they chose, an implementer all of theirs.
//! Per specific goal a monitoring wave (one value per impact indicator, checked inline by the
//! server's own rules), per measure its status at a date, and the drafts awaiting publication
//! (which coordinators publish here).

use std::collections::HashMap;

use leptos::prelude::*;
use serde::Deserialize;
use shared::format::Lang;

use crate::api::ClientError;
use crate::browser;
use crate::components::form::notice;
use crate::components::link::link;
use crate::components::page::loading_article;
use crate::components::staff::{AfterReload, Organisations, organisation_choices, sign_in_first};
use crate::i18n::{self, T, date_text};
use crate::lang::use_lang;
use crate::logic::monitoring::{Focus, Wave, WaveMatrix, goals_in_focus};
use crate::queries;
use crate::routes::Route;
use crate::session::{Me, SessionState, mutate_as, use_session};

mod drafts;
mod focus;
mod sheet;
mod status;
mod wave;
use drafts::{Drafts, drafts_section};
use status::StatusForm;
use wave::WaveForm;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    reporting: Vec<Measure>,
    drafts: Drafts,
    me: Option<Organisations>,
    plan: Organisations,
}

/// The monitoring waves and the chosen one's matrix (`queries::WAVES`, the document
/// `/sprava/vlny` reads too).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct WavesData {
    monitoring: Monitoring,
}

#[derive(Debug, Clone, Deserialize)]
struct Monitoring {
    waves: Vec<Wave>,
    /// The wave of the address, else the current one.
    chosen: Option<WaveMatrix>,
}

#[derive(Debug, Clone, Deserialize)]
struct Implementer {
    id: i32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Measure {
    id: i32,
    code: String,
    name: String,
    status: Option<Status>,
    specific_goal: Option<Goal>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    kind: String,
    activity: String,
    reports: Option<i32>,
    reports_of: Option<i32>,
    date: String,
    period_from: Option<String>,
    period_to: Option<String>,
    implementer: Option<Implementer>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Goal {
    code: String,
    target_text: String,
    impact_indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, Deserialize)]
struct Indicator {
    id: i32,
    name: String,
    unit: String,
    values: Vec<Reading>,
}

#[derive(Debug, Clone, Deserialize)]
struct Reading {
    id: i32,
    version: i32,
    date: String,
    value: Option<f64>,
}

/// The data-entry page.
#[component]
pub fn EntryPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    move || {
        let l = lang.get();
        match session.get() {
            SessionState::Unknown => loading_article("entry", T::EntryTitle.get(l).to_owned(), l),
            SessionState::Anonymous => sign_in_first("entry", T::EntryTitle.get(l).to_owned(), l),
            SessionState::SignedIn(me) => view! { <EntryForms me /> }.into_any(),
        }
    }
}

#[component]
fn EntryForms(me: Me) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    // What the last save or publication did: kept here, above the forms that a reload rebuilds.
    let flash = RwSignal::new(None::<Result<String, String>>);
    let after_reload = AfterReload::new();
    provide_context(Flash(flash, after_reload));
    provide_context(Typed(StoredValue::new(HashMap::new())));
    let query = leptos_router::hooks::use_query_map();
    let focus = Memo::new(move |_| query.with(|q| Focus::from_query(|k| q.get(k))));
    // Each answer carries the number of the reload it answers.
    let resource = LocalResource::new(move || {
        let number = reload.get();
        let wave = focus.with(|f| f.wave);
        async move {
            let answer = mutate_as(
                session,
                queries::REPORTING,
                serde_json::json!({ "plan": "ostrava" }),
            )
            .await;
            // The wave's matrix is a document of its own: with the measures' values it would
            // cost more than a query may.
            let waves = mutate_as(
                session,
                queries::WAVES,
                serde_json::json!({ "plan": "ostrava", "wave": wave }),
            )
            .await;
            (number, answer.and_then(|a| waves.map(|w| (a, w))))
        }
    });
    move || {
        let l = lang.get();
        let focus = focus.get();
        let loaded = resource.get();
        let number = loaded.as_ref().map(|(n, _)| *n);
        let decoded = loaded.map(|(_, answer)| {
            answer.and_then(|(data, waves)| {
                let decode = |e: serde_json::Error| ClientError::Decode(e.to_string());
                let data = serde_json::from_value::<Data>(data).map_err(decode)?;
                let waves = serde_json::from_value::<WavesData>(waves).map_err(decode)?;
                Ok((data, waves.monitoring))
            })
        });
        match decoded {
            None => loading_article("entry", T::EntryTitle.get(l).to_owned(), l),
            Some(Err(e)) => {
                browser::page_settled();
                view! {
                    <article class="page" data-page="entry" data-state="error">
                        <h1 tabindex="-1">{T::EntryTitle.get(l)}</h1>
                        <p class="notice notice-error" role="alert">{i18n::error_message(&e, l)}</p>
                    </article>
                }
                .into_any()
            }
            Some(Ok((data, monitoring))) => {
                browser::set_title(&i18n::document_title(T::EntryTitle.get(l)));
                let page = render(data, monitoring, &me, &focus, l, reload, flash);
                after_reload.loaded(number, flash);
                browser::page_settled();
                page
            }
        }
    }
}

/// The page's message of the last save, shared with the forms, and the outcome waiting for a
/// reload's data.
#[derive(Clone, Copy)]
struct Flash(RwSignal<Option<Result<String, String>>>, AfterReload);

impl Flash {
    /// Forgets the last outcome as a new save starts.
    fn clear(flash: Option<Flash>) {
        if let Some(Flash(f, _)) = flash {
            f.set(None);
        }
    }
}

/// What the user typed into a wave form (by input id), kept while a reload rebuilds the forms
/// (after a `CONFLICT` the data come anew and the user saves again without retyping).
#[derive(Clone, Copy)]
struct Typed(StoredValue<HashMap<String, String>>);

/// The recorded value of an indicator at a date (a pending draft, else the published one): its
/// id, version and value; a wave replacing it names the id and version.
type Recorded = HashMap<(i32, String), (i32, i32, Option<f64>)>;

/// Reloads the data and shows `outcome` at the top of the page once they are on screen.
fn reloaded(flash: Option<Flash>, outcome: Result<String, String>, reload: RwSignal<u32>) {
    match flash {
        Some(Flash(_, after)) => after.reload_then(reload, outcome),
        None => reload.update(|n| *n += 1),
    }
}

/// Shows `text` as the outcome of a save at the top of the page and reloads the data.
fn saved(flash: Option<Flash>, text: String, reload: RwSignal<u32>) {
    reloaded(flash, Ok(text), reload);
}

fn render(
    data: Data,
    monitoring: Monitoring,
    me: &Me,
    focus: &Focus,
    lang: Lang,
    reload: RwSignal<u32>,
    flash: RwSignal<Option<Result<String, String>>>,
) -> AnyView {
    let Monitoring {
        waves,
        chosen: wave,
    } = monitoring;
    // An implementer's forms are few: all of them until they narrow; a coordinator chooses.
    let own_only = me.role.reports_for_own_organisations_only();
    let shown: Option<Vec<String>> = wave
        .as_ref()
        .map(|w| goals_in_focus(&w.matrix.rows, focus, own_only));
    let org_measures: Option<Vec<String>> = match (&wave, focus.organisation) {
        (Some(w), Some(org)) => Some(
            w.matrix
                .rows
                .iter()
                .filter(|r| r.organisation_id == Some(org))
                .flat_map(|r| r.items.iter().filter_map(|i| i.measure_code.clone()))
                .collect(),
        ),
        _ => None,
    };
    let default_date = wave
        .as_ref()
        .and_then(|w| w.as_of.clone())
        .unwrap_or_else(|| browser::today().to_string());
    let top = wave.as_ref().map(|w| {
        view! {
            {focus::owed_section(w, !own_only, lang)}
            {focus::navigation(&waves, w, focus, lang)}
            {sheet::sheet_section(
                w.id,
                crate::logic::sheet::targets(&w.matrix.rows, focus, own_only),
                reload,
                lang,
            )}
        }
    });
    let choose_first = wave.is_some() && !own_only && !focus.is_narrowed();
    let mut goals: Vec<Goal> = Vec::new();
    for m in &data.reporting {
        if let Some(g) = &m.specific_goal
            && !goals.iter().any(|seen| seen.code == g.code)
        {
            goals.push(g.clone());
        }
    }
    let indicator_names: HashMap<i32, String> = goals
        .iter()
        .flat_map(|g| g.impact_indicators.iter())
        .map(|i| (i.id, i.name.clone()))
        .collect();
    let measure_codes: HashMap<i32, String> = data
        .reporting
        .iter()
        .map(|m| (m.id, m.code.clone()))
        .collect();
    let mut recorded: Recorded = HashMap::new();
    for i in goals.iter().flat_map(|g| g.impact_indicators.iter()) {
        for r in &i.values {
            recorded.insert((i.id, r.date.clone()), (r.id, r.version, r.value));
        }
    }
    for d in &data.drafts.indicator_values {
        recorded.insert((d.indicator_id, d.date.clone()), (d.id, d.version, d.value));
    }
    let recorded = StoredValue::new(recorded);
    let publishes = me.publishes();
    let in_focus = |goal: &str| shown.as_ref().is_none_or(|s| s.iter().any(|g| g == goal));
    let body = if data.reporting.is_empty() {
        view! { <p class="notice">{T::NothingToReport.get(lang)}</p> }.into_any()
    } else if choose_first {
        view! { <p class="notice">{T::EntryChoose.get(lang)}</p> }.into_any()
    } else {
        let waves = goals
            .into_iter()
            .filter(|g| in_focus(&g.code))
            .map(|g| {
                let default_date = default_date.clone();
                view! { <WaveForm goal=g publishes reload recorded default_date /> }
            })
            .collect_view();
        // An implementer names one of their organisations; a coordinator any of the plan's.
        let own = data
            .me
            .filter(|_| me.role.reports_for_own_organisations_only());
        let organisations = organisation_choices(own, data.plan, Some(T::NoOrganisation.get(lang)));
        let statuses = data
            .reporting
            .into_iter()
            .filter(|m| {
                m.specific_goal.as_ref().is_some_and(|g| in_focus(&g.code))
                    && org_measures
                        .as_ref()
                        .is_none_or(|codes| codes.contains(&m.code))
            })
            .map(|m| {
                let organisations = organisations.clone();
                view! { <StatusForm measure=m organisations reload /> }
            })
            .collect_view();
        view! {
            <section aria-labelledby="waves-title">
                <h2 id="waves-title">{T::WaveTitle.get(lang)}</h2>
                {waves}
            </section>
            <section aria-labelledby="statuses-title">
                <h2 id="statuses-title">{T::StatusFormTitle.get(lang)}</h2>
                {statuses}
            </section>
        }
        .into_any()
    };
    view! {
        <article class="page" data-page="entry" data-state="ready">
            <h1 tabindex="-1">{T::EntryTitle.get(lang)}</h1>
            <p class="lead">{T::EntryLead.get(lang)}</p>
            <div class="flash" aria-live="polite">{move || flash.get().map(notice)}</div>
            {top}
            {drafts_section(data.drafts, &indicator_names, &measure_codes, publishes, lang, reload)}
            {body}
        </article>
    }
    .into_any()
}

fn measure_link(code: &str, name: &str) -> AnyView {
    let text = format!("{code} {name}");
    match code.parse::<shared::Code>() {
        Ok(c) => link(&Route::Measure(c), text.into_any()),
        Err(_) => text.into_any(),
    }
}

fn status_text(kind: &str, reports: Option<i32>, of: Option<i32>, lang: Lang) -> String {
    let kind = shared::status::StatusKind::from_db(kind)
        .map(|k| i18n::status_kind(k, lang).to_owned())
        .unwrap_or_default();
    match (reports, of) {
        (Some(n), Some(of)) => format!("{kind} ({n}/{of})"),
        _ => kind,
    }
}
