//! Data entry (`/zadavani`): for a signed-in implementer exactly their measures, for a
//! coordinator every measure of the plan. Per specific goal a monitoring wave (one value per
//! impact indicator, checked inline by the server's own rules), per measure its status at a
//! date, and the drafts awaiting publication (which coordinators publish here).

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use shared::format::{self, Lang};
use shared::validate::Rule;

use crate::api::ClientError;
use crate::browser;
use crate::components::form::{Field, field, notice};
use crate::components::link::link;
use crate::components::page::loading_article;
use crate::components::staff::{Organisations, organisation_choices, sign_in_first};
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::logic::entry::{count_problem, indicator_value};
use crate::queries;
use crate::routes::Route;
use crate::session::{Me, SessionState, mutate_as, use_session};

mod drafts;
use drafts::{Drafts, drafts_section};

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    reporting: Vec<Measure>,
    drafts: Drafts,
    me: Option<Organisations>,
    plan: Organisations,
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
    provide_context(Flash(flash));
    provide_context(Typed(StoredValue::new(HashMap::new())));
    let resource = LocalResource::new(move || {
        reload.track();
        mutate_as(
            session,
            queries::REPORTING,
            serde_json::json!({ "plan": "ostrava" }),
        )
    });
    move || {
        let l = lang.get();
        let decoded = resource.get().map(|answer| {
            answer.and_then(|v| {
                serde_json::from_value::<Data>(v).map_err(|e| ClientError::Decode(e.to_string()))
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
            Some(Ok(data)) => {
                browser::set_title(&i18n::document_title(T::EntryTitle.get(l)));
                browser::page_settled();
                render(data, &me, l, reload, flash)
            }
        }
    }
}

/// The page's message of the last save, shared with the forms.
#[derive(Clone, Copy)]
struct Flash(RwSignal<Option<Result<String, String>>>);

/// What the user typed into a wave form (by input id), kept while a reload rebuilds the forms
/// (after a `CONFLICT` the data come anew and the user saves again without retyping).
#[derive(Clone, Copy)]
struct Typed(StoredValue<HashMap<String, String>>);

/// The recorded value of an indicator at a date (a pending draft, else the published one): its
/// id, version and value; a wave replacing it names the id and version.
type Recorded = HashMap<(i32, String), (i32, i32, Option<f64>)>;

/// Shows `text` as the outcome of a save at the top of the page and reloads the data.
fn saved(flash: Option<Flash>, text: String, reload: RwSignal<u32>) {
    if let Some(Flash(f)) = flash {
        f.set(Some(Ok(text)));
    }
    reload.update(|n| *n += 1);
}

fn render(
    data: Data,
    me: &Me,
    lang: Lang,
    reload: RwSignal<u32>,
    flash: RwSignal<Option<Result<String, String>>>,
) -> AnyView {
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
    let body = if data.reporting.is_empty() {
        view! { <p class="notice">{T::NothingToReport.get(lang)}</p> }.into_any()
    } else {
        let waves = goals
            .into_iter()
            .map(|g| view! { <WaveForm goal=g publishes reload recorded /> })
            .collect_view();
        // An implementer names one of their organisations; a coordinator any of the plan's.
        let own = data
            .me
            .filter(|_| me.role.reports_for_own_organisations_only());
        let organisations = organisation_choices(own, data.plan, Some(T::NoOrganisation.get(lang)));
        let statuses = data
            .reporting
            .into_iter()
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

fn date_text(iso: &str, lang: Lang) -> String {
    iso.parse::<shared::Date>()
        .map(|d| format::date(d, lang))
        .unwrap_or_else(|_| iso.to_owned())
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

/// The message of the rule a typed indicator value breaks.
#[component]
fn WaveForm(
    goal: Goal,
    publishes: bool,
    reload: RwSignal<u32>,
    recorded: StoredValue<Recorded>,
) -> impl IntoView {
    let lang = use_lang();
    let l = lang.get_untracked();
    let session = use_session();
    let flash = use_context::<Flash>();
    let typed = use_context::<Typed>();
    let form_id = format!("wave-{}", goal.code);
    let kept = |id: &str, default: String| {
        typed
            .and_then(|Typed(t)| t.with_value(|m| m.get(id).cloned()))
            .unwrap_or(default)
    };
    let date = RwSignal::new(kept(
        &format!("{form_id}-date"),
        browser::today().to_string(),
    ));
    let note = RwSignal::new(kept(&format!("{form_id}-note"), String::new()));
    let publish_now = RwSignal::new(false);
    let message = RwSignal::new(None::<Result<String, String>>);
    let values: Vec<(i32, RwSignal<String>)> = goal
        .impact_indicators
        .iter()
        .map(|i| {
            (
                i.id,
                RwSignal::new(kept(&format!("{form_id}-i{}", i.id), String::new())),
            )
        })
        .collect();
    let mut fields = vec![
        Field::new(format!("{form_id}-date"), T::RefDate.get(l), "date", date).required(),
        Field::new(
            format!("{form_id}-note"),
            T::SourceNote.get(l),
            "text",
            note,
        )
        .hint(T::SourceNoteHint.get(l).to_owned())
        .required(),
    ];
    for (i, (id, text)) in goal.impact_indicators.iter().zip(values.iter()) {
        let latest = i
            .values
            .iter()
            .rev()
            .find_map(|r| r.value.map(|v| (r.date.clone(), v)));
        let mut f = Field::new(
            format!("{form_id}-i{id}"),
            &format!("{} ({})", i.name, i.unit),
            "text",
            *text,
        )
        .check(count_problem);
        let at_date = recorded.with_value(|r| r.get(&(*id, date.get_untracked())).copied());
        if let Some((_, _, Some(v))) = at_date {
            f = f.hint(format!(
                "{}: {}",
                T::RecordedAtDate.get(l),
                format::number_auto(v, l)
            ));
        } else if let Some((d, v)) = latest {
            f = f.hint(format!(
                "{}: {} ({})",
                T::LatestValue.get(l),
                format::number_auto(v, l),
                date_text(&d, l)
            ));
        }
        fields.push(f);
    }
    let goal_code = goal.code.clone();
    let submit_form = form_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form_id = submit_form.clone();
        let ref_date = date.get_untracked();
        if let Some(Typed(t)) = typed {
            t.update_value(|m| {
                m.insert(format!("{form_id}-date"), ref_date.clone());
                m.insert(format!("{form_id}-note"), note.get_untracked());
                for (id, text) in &values {
                    m.insert(format!("{form_id}-i{id}"), text.get_untracked());
                }
            });
        }
        let mut entered = Vec::new();
        for (id, text) in &values {
            let read = recorded.with_value(|r| r.get(&(*id, ref_date.clone())).copied());
            let (record, version) = (read.map(|(r, _, _)| r), read.map(|(_, v, _)| v));
            match indicator_value(&text.get_untracked()) {
                Ok(Some(v)) => entered.push(serde_json::json!({
                    "indicatorId": id, "value": v, "id": record, "version": version,
                })),
                Ok(None) => {}
                Err(_) => {
                    message.set(Some(Err(T::FixErrors.get(l).to_owned())));
                    return;
                }
            }
        }
        if entered.is_empty() {
            message.set(Some(Err(Rule::Required.message(l))));
            return;
        }
        let publish = publishes && publish_now.get_untracked();
        let vars = serde_json::json!({ "input": {
            "specificGoal": goal_code,
            "refDate": ref_date,
            "sourceNote": note.get_untracked(),
            "values": entered,
            "publish": publish,
        }});
        spawn_local(async move {
            match mutate_as(session, queries::RECORD_WAVE, vars).await {
                Ok(_) => {
                    if let Some(Typed(t)) = typed {
                        t.update_value(|m| m.retain(|k, _| !k.starts_with(&format!("{form_id}-"))));
                    }
                    let text = if publish { T::SavedPublished } else { T::Saved };
                    saved(flash, text.get(l).to_owned(), reload);
                }
                Err(ClientError::Conflict(_)) => {
                    // Someone recorded or changed a value of this date meanwhile: show the
                    // data as they are now (the typed values stay) and let the user save again.
                    if let Some(Flash(f)) = flash {
                        f.set(Some(Err(T::ConflictReloaded.get(l).to_owned())));
                    }
                    reload.update(|n| *n += 1);
                }
                Err(e) => message.set(Some(Err(i18n::error_message(&e, l)))),
            }
        });
    };
    let fields = fields.into_iter().map(|f| field(f, l)).collect_view();
    view! {
        <form class="form wave" id=form_id on:submit=submit>
            <h3>{format!("{} {}", T::SpecificGoal.get(l), goal.code)}</h3>
            <p class="hint">{goal.target_text.clone()}</p>
            {fields}
            {publishes.then(|| view! {
                <label class="check">
                    <input type="checkbox" name="publish"
                        on:change=move |ev| publish_now.set(event_target_checked(&ev)) />
                    {T::SaveAndPublish.get(l)}
                </label>
            })}
            <button type="submit" class="button">{T::SaveDraft.get(l)}</button>
            {move || message.get().map(notice)}
        </form>
    }
}

#[component]
fn StatusForm(
    measure: Measure,
    organisations: Vec<(String, String)>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let flash = use_context::<Flash>();
    let current = measure.status.clone();
    let kind = RwSignal::new(
        current
            .as_ref()
            .map_or("IN_PROGRESS".to_owned(), |s| s.kind.clone()),
    );
    let reports = RwSignal::new(
        current
            .as_ref()
            .and_then(|s| s.reports)
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let reports_of = RwSignal::new(
        current
            .as_ref()
            .and_then(|s| s.reports_of)
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let date = RwSignal::new(browser::today().to_string());
    let message = RwSignal::new(None::<Result<String, String>>);
    let activity = RwSignal::new(
        current
            .as_ref()
            .map_or("NON_PROJECT".to_owned(), |s| s.activity.clone()),
    );
    let organisation = RwSignal::new(
        current
            .as_ref()
            .and_then(|s| s.implementer.as_ref())
            .map(|i| i.id.to_string())
            .unwrap_or_default(),
    );
    let period = |f: fn(&Status) -> Option<String>| {
        RwSignal::new(current.as_ref().and_then(f).unwrap_or_default())
    };
    let period_from = period(|s| s.period_from.clone());
    let period_to = period(|s| s.period_to.clone());
    let code = measure.code.clone();
    let id = format!("status-{}", measure.code);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let number = |s: String| s.trim().parse::<i32>().ok();
        let optional = |s: String| (!s.is_empty()).then_some(s);
        let vars = serde_json::json!({ "input": {
            "measure": code,
            "refDate": date.get_untracked(),
            "status": kind.get_untracked(),
            "reports": number(reports.get_untracked()),
            "reportsOf": number(reports_of.get_untracked()),
            "activity": activity.get_untracked(),
            "organisationId": number(organisation.get_untracked()),
            "periodFrom": optional(period_from.get_untracked()),
            "periodTo": optional(period_to.get_untracked()),
            "publish": false,
        }});
        spawn_local(async move {
            match mutate_as(session, queries::SET_STATUS, vars).await {
                Ok(_) => saved(flash, T::Saved.get(l).to_owned(), reload),
                Err(e) => message.set(Some(Err(i18n::error_message(&e, l)))),
            }
        });
    };
    let l = lang.get_untracked();
    let activities = vec![
        ("PROJECT".to_owned(), T::ProjectActivity.get(l).to_owned()),
        (
            "NON_PROJECT".to_owned(),
            T::NonProjectActivity.get(l).to_owned(),
        ),
    ];
    let options = shared::status::StatusKind::ALL
        .into_iter()
        .map(|k| (k.as_str().to_owned(), i18n::status_kind(k, l).to_owned()))
        .collect();
    let current_text = current.map(|s| {
        format!(
            "{} ({})",
            status_text(&s.kind, s.reports, s.reports_of, l),
            date_text(&s.date, l)
        )
    });
    let fields = [
        Field::new(format!("{id}-date"), T::Date.get(l), "date", date).required(),
        Field::new(
            format!("{id}-kind"),
            T::StatusFormTitle.get(l),
            "select",
            kind,
        )
        .options(options),
        Field::new(format!("{id}-n"), T::ReportsDone.get(l), "number", reports),
        Field::new(
            format!("{id}-of"),
            T::ReportsOf.get(l),
            "number",
            reports_of,
        ),
        Field::new(
            format!("{id}-activity"),
            T::Activity.get(l),
            "select",
            activity,
        )
        .options(activities),
        Field::new(
            format!("{id}-org"),
            T::Implementer.get(l),
            "select",
            organisation,
        )
        .options(organisations),
        Field::new(
            format!("{id}-from"),
            T::ProjectFrom.get(l),
            "date",
            period_from,
        ),
        Field::new(format!("{id}-to"), T::ProjectTo.get(l), "date", period_to),
    ]
    .into_iter()
    .map(|f| field(f, l))
    .collect_view();
    // Projects and notes of the measure are entered on its edit page.
    let edit_link = measure.code.parse::<shared::Code>().ok().map(|c| {
        link(
            &Route::EditMeasure(c),
            T::ProjectsAndNotes.get(l).into_any(),
        )
    });
    view! {
        <form class="form status" id=id on:submit=submit>
            <h3>{measure_link(&measure.code, &measure.name)}</h3>
            {current_text.map(|t| view! { <p class="hint">{t}</p> })}
            <div class="field-row">{fields}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::SaveStatus.get(l)}</button>
                {edit_link}
            </div>
            {move || message.get().map(notice)}
        </form>
    }
}
