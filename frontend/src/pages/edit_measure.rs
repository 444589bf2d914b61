//! Editing a measure (`/sprava/opatreni/2.1.3.4`): the card's fields (coordinators and
//! admins), its EU projects and internal notes (also the measure's implementers), each with a
//! link to its history.

use leptos::prelude::*;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use shared::format::{self, Lang};

use crate::components::form::{Field, field};
use crate::components::link::link;
use crate::components::staff::{
    Note, Organisation, Organisations, Saver, StaffSpec, history_link, notes_section,
    organisation_choices, staff_view,
};
use crate::i18n::T;
use crate::logic::entry::{Pending, amount, amount_problem, registration_problem, with_pending};
use crate::queries;
use crate::routes::Route;
use crate::session::Me;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Data {
    me: Option<Organisations>,
    plan: Organisations,
    measure: Measure,
    internal_notes: Vec<Note>,
    drafts: Drafts,
}

/// The plan's draft projects the caller may see: new ones and proposed changes.
#[derive(Debug, Clone, Deserialize)]
struct Drafts {
    projects: Vec<Project>,
}

#[derive(Debug, Clone, Deserialize)]
struct Amount {
    hellers: String,
}

impl Amount {
    /// The amount as the forms show it (`6 100 000 Kč`), which the server reads back.
    fn text(&self) -> String {
        self.hellers
            .parse::<i64>()
            .map(|h| format::czk(shared::Czk::from_hellers(h), Lang::Cs))
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Measure {
    id: i32,
    version: i32,
    code: String,
    name: String,
    description: String,
    target_group: String,
    responsible_body: String,
    schedule_text: String,
    estimated_cost_text: String,
    estimated_cost: Option<Amount>,
    funding_text: String,
    projects: Vec<Project>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Project {
    id: i32,
    version: i32,
    registration_number: String,
    call: String,
    programme: String,
    budget: Amount,
    period_from: Option<String>,
    period_to: Option<String>,
    implementer: Option<Organisation>,
    /// Drafts only: the measure, and the published project a proposal would change.
    #[serde(default)]
    measure_id: Option<i32>,
    #[serde(default)]
    replaces_id: Option<i32>,
}

/// The measure-editing page.
#[component]
pub fn EditMeasurePage() -> impl IntoView {
    let spec = StaffSpec::of_code(
        "edit-measure",
        T::EditMeasure,
        T::Measure,
        |_| true,
        queries::EDIT_MEASURE,
    );
    staff_view(spec, render)
}

fn render(data: Data, me: &Me, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let m = data.measure;
    let code = m.code.clone();
    // An implementer records projects of their own organisations; others choose any.
    let own = data
        .me
        .filter(|_| me.role.reports_for_own_organisations_only());
    let organisations = organisation_choices(own, data.plan, None);
    let history = me
        .reads_internal()
        .then(|| history_link("measure", m.id, lang));
    let card = me.publishes().then(|| card_form(&m, saver));
    let drafts = data
        .drafts
        .projects
        .into_iter()
        .filter(|d| d.measure_id == Some(m.id))
        .collect();
    let projects = with_pending(m.projects.clone(), drafts, |p| p.id, |p| p.replaces_id)
        .into_iter()
        .map(|(p, pending)| project_form(&code, Some((&p, pending)), &organisations, me, saver))
        .collect_view();
    let new_project =
        (!me.changes_nothing()).then(|| project_form(&code, None, &organisations, me, saver));
    let notes = notes_section(
        "MEASURE",
        &code,
        data.internal_notes,
        !me.changes_nothing(),
        saver,
    );
    let public = code
        .parse()
        .ok()
        .map(|c| link(&Route::Measure(c), T::PublicPage.get(lang).into_any()));
    view! {
        <p class="page-links">{public}" "{history}</p>
        {card}
        <section aria-labelledby="projects-title">
            <h2 id="projects-title">{T::EuProjects.get(lang)}</h2>
            {projects}
            {new_project}
        </section>
        {notes}
    }
    .into_any()
}

/// The card's text fields: input name in the API, label, kind, saved text.
fn card_fields(m: &Measure) -> [(&'static str, T, &'static str, String); 8] {
    [
        ("name", T::Name, "text", m.name.clone()),
        (
            "description",
            T::Description,
            "textarea",
            m.description.clone(),
        ),
        (
            "targetGroup",
            T::TargetGroup,
            "textarea",
            m.target_group.clone(),
        ),
        (
            "responsibleBody",
            T::ResponsibleBody,
            "text",
            m.responsible_body.clone(),
        ),
        ("scheduleText", T::Schedule, "text", m.schedule_text.clone()),
        (
            "estimatedCostText",
            T::CostAsWorded,
            "text",
            m.estimated_cost_text.clone(),
        ),
        (
            "estimatedCost",
            T::CostInCzk,
            "text",
            m.estimated_cost
                .as_ref()
                .map(Amount::text)
                .unwrap_or_default(),
        ),
        (
            "fundingText",
            T::FundingText,
            "textarea",
            m.funding_text.clone(),
        ),
    ]
}

fn card_form(m: &Measure, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let mut signals = Vec::new();
    let fields = card_fields(m)
        .into_iter()
        .map(|(name, label, kind, saved)| {
            let mut f = saver.field(format!("card-{name}"), label.get(lang), kind, &saved);
            if name == "estimatedCost" {
                f = f
                    .check(amount_problem)
                    .hint(T::CostInCzkHint.get(lang).to_owned());
            } else if name == "name" {
                f = f.required();
            }
            signals.push((name, saved, f.value));
            field(f, lang)
        })
        .collect_view();
    let (code, version) = (m.code.clone(), m.version);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = Map::new();
        for (name, saved, value) in &signals {
            let now = value.get_untracked();
            if now.trim() != saved.trim() {
                input.insert((*name).to_owned(), Value::String(now));
            }
        }
        if input.is_empty() {
            saver.refuse(T::NoChange.get(lang).to_owned());
            return;
        }
        if input
            .get("estimatedCost")
            .and_then(Value::as_str)
            .is_some_and(|c| amount(c).is_err())
        {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        }
        input.insert("code".to_owned(), json!(code));
        input.insert("version".to_owned(), json!(version));
        saver.save(
            queries::UPDATE_MEASURE,
            json!({ "input": input }),
            T::Changed,
        );
    };
    view! {
        <section aria-labelledby="card-title">
            <h2 id="card-title">{T::MeasureCard.get(lang)}</h2>
            <form class="form" id="card" on:submit=submit>
                {fields}
                <button type="submit" class="button">{T::Save.get(lang)}</button>
            </form>
        </section>
    }
    .into_any()
}

fn project_form(
    measure: &str,
    p: Option<(&Project, Pending)>,
    organisations: &[(String, String)],
    me: &Me,
    saver: Saver,
) -> AnyView {
    let lang = saver.lang();
    let pending = p.map_or(Pending::No, |(_, pending)| pending);
    let p = p.map(|(p, _)| p);
    let id = p.map_or_else(|| "project-new".to_owned(), |p| format!("project-{}", p.id));
    let fields = project_fields(&id, p, organisations, saver);
    let values = fields.each_ref().map(|f| f.value);
    let record = p.map(|p| json!({ "id": p.id, "version": p.version }));
    let measure = measure.to_owned();
    let publishes = me.publishes();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let [number, call, programme, budget, from, to, organisation] =
            values.map(|v| v.get_untracked());
        let optional = |d: String| (!d.is_empty()).then_some(d);
        let vars = json!({ "input": {
            "measure": measure,
            "record": record,
            "registrationNumber": number,
            "call": call,
            "programme": programme,
            "budget": budget,
            "periodFrom": optional(from),
            "periodTo": optional(to),
            "organisationId": organisation.parse::<i32>().unwrap_or(0),
            "publish": publishes,
        }});
        // Coordinators publish at once; an implementer's project or change is a draft.
        saver.save(
            queries::SAVE_PROJECT,
            vars,
            if publishes { T::Changed } else { T::Saved },
        );
    };
    let heading = p.map_or_else(
        || T::NewProject.get(lang).to_owned(),
        |p| p.registration_number.clone(),
    );
    // A proposal's history is its published project's.
    let history = p
        .filter(|_| me.reads_internal())
        .map(|p| history_link("project", p.replaces_id.unwrap_or(p.id), lang));
    let (mark, waits) = pending_notes(pending, lang);
    let editable = !me.changes_nothing();
    let fields = fields
        .into_iter()
        .map(|f: Field| field(f, lang))
        .collect_view();
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{heading}{mark}</h3>
            {waits}
            <fieldset disabled=!editable>
                <div class="field-row">{fields}</div>
            </fieldset>
            <div class="form-actions">
                {editable.then(|| view! { <button type="submit" class="button">{T::Save.get(lang)}</button> })}
                {history}
            </div>
        </form>
    }
    .into_any()
}

/// A project's inputs, in the order the form shows them and the save reads them: registration
/// number, call, programme, budget, period from and to, implementer.
fn project_fields(
    id: &str,
    p: Option<&Project>,
    organisations: &[(String, String)],
    saver: Saver,
) -> [Field; 7] {
    let lang = saver.lang();
    let saved = |f: fn(&Project) -> String| p.map(f).unwrap_or_default();
    let number = saver
        .field(
            format!("{id}-number"),
            T::RegistrationNumber.get(lang),
            "text",
            &saved(|p| p.registration_number.clone()),
        )
        .required()
        .check(registration_problem)
        .hint(T::RegistrationHint.get(lang).to_owned());
    let call = saver
        .field(
            format!("{id}-call"),
            T::Call.get(lang),
            "text",
            &saved(|p| p.call.clone()),
        )
        .required();
    let programme = saver
        .field(
            format!("{id}-programme"),
            T::Programme.get(lang),
            "text",
            &saved(|p| p.programme.clone()),
        )
        .required()
        .hint(T::ProgrammeHint.get(lang).to_owned());
    let budget = saver
        .field(
            format!("{id}-budget"),
            T::ProjectBudget.get(lang),
            "text",
            &saved(|p| p.budget.text()),
        )
        .required()
        .check(amount_problem)
        .hint(T::AmountHint.get(lang).to_owned());
    let from = saver.field(
        format!("{id}-from"),
        T::PeriodFrom.get(lang),
        "date",
        &saved(|p| p.period_from.clone().unwrap_or_default()),
    );
    let to = saver.field(
        format!("{id}-to"),
        T::PeriodTo.get(lang),
        "date",
        &saved(|p| p.period_to.clone().unwrap_or_default()),
    );
    let first = organisations
        .first()
        .map(|o| o.0.clone())
        .unwrap_or_default();
    let organisation = saver
        .field(
            format!("{id}-organisation"),
            T::Implementer.get(lang),
            "select",
            &p.and_then(|p| p.implementer.as_ref())
                .map_or(first, |o| o.id.to_string()),
        )
        .options(organisations.to_vec());
    [number, call, programme, budget, from, to, organisation]
}

/// The mark beside a draft's heading and the line saying what waits for whom.
fn pending_notes(pending: Pending, lang: Lang) -> (Option<AnyView>, Option<AnyView>) {
    let (mark, waits) = match pending {
        Pending::No => return (None, None),
        Pending::Proposal => (T::ProposedChange, T::ProposalWaits),
        Pending::New => (T::UnpublishedDraft, T::DraftWaits),
    };
    (
        Some(view! { " " <span class="tag tag-key proposal">{mark.get(lang)}</span> }.into_any()),
        Some(view! { <p class="hint" role="note">{waits.get(lang)}</p> }.into_any()),
    )
}
