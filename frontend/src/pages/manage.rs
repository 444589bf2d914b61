//! Plan management (`/sprava`, coordinators and admins): resolving conflicts between sources
//! (the valid statement and a reason; the others stay on record), and editing risks,
//! milestones and the values of the global indicators. Every edit names the version it read; a
//! `CONFLICT` reloads the current data and keeps what was typed.

use leptos::prelude::*;
use serde::Deserialize;
use shared::format::Lang;

use crate::components::form::{field, fields};
use crate::components::staff::{Saver, StaffSpec, history_link, staff_view};
use crate::i18n::T;
use crate::logic::entry::{decimal, decimal_problem};
use crate::queries;
use crate::session::Me;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    conflicts: Vec<Conflict>,
    plan: Plan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    areas: Vec<Area>,
    action_plans: Vec<ActionPlan>,
    global_indicators: Vec<GlobalIndicator>,
}

#[derive(Debug, Clone, Deserialize)]
struct Area {
    code: String,
    name: String,
}

#[derive(Debug, Clone, Deserialize)]
struct GlobalIndicator {
    name: String,
    values: Vec<GlobalValue>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GlobalValue {
    id: i32,
    version: i32,
    period: Option<String>,
    column: String,
    value: Option<f64>,
    region_value: Option<f64>,
    source: Source,
}

#[derive(Debug, Clone, Deserialize)]
struct ActionPlan {
    milestones: Vec<Milestone>,
    risks: Vec<Risk>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Conflict {
    id: i32,
    version: i32,
    subject_type: String,
    subject_code: String,
    field: String,
    severity: String,
    description: String,
    statements: Vec<Statement>,
}

#[derive(Debug, Clone, Deserialize)]
struct Statement {
    id: i32,
    value: String,
    source: Source,
}

#[derive(Debug, Clone, Deserialize)]
struct Source {
    document: Option<Document>,
    locator: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Document {
    title: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Milestone {
    id: i32,
    version: i32,
    period: String,
    period_from: String,
    period_to: String,
    text: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Risk {
    id: i32,
    version: i32,
    name: String,
    probability: i32,
    impact: i32,
    mitigation: String,
}

/// The plan-management page.
#[component]
pub fn ManagePage() -> impl IntoView {
    let spec = StaffSpec {
        page: "manage",
        heading: Box::new(|lang| T::ManageTitle.get(lang).to_owned()),
        allowed: Me::publishes,
        denied: T::PublishersOnly,
        record: None,
        query: queries::MANAGE,
        variables: serde_json::json!({ "plan": "ostrava" }),
    };
    staff_view(spec, render)
}

fn render(data: Data, _: &Me, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let plan = data.plan;
    let conflicts = work_list(data.conflicts, &plan.areas, saver);
    let risks = plan
        .action_plans
        .iter()
        .flat_map(|p| p.risks.iter().cloned())
        .map(|r| risk_form(r, saver))
        .collect_view();
    let milestones = plan
        .action_plans
        .iter()
        .flat_map(|p| p.milestones.iter().cloned())
        .map(|m| milestone_form(m, saver))
        .collect_view();
    let globals = plan
        .global_indicators
        .into_iter()
        .map(|g| {
            let forms = g
                .values
                .into_iter()
                .map(|v| global_value_form(v, saver))
                .collect_view();
            view! { <details class="form-group"><summary>{g.name}</summary>{forms}</details> }
        })
        .collect_view();
    view! {
        <p class="lead">{T::ManageLead.get(lang)}</p>
        <p class="page-links">
            {crate::components::link::link(&crate::routes::Route::ManageReports, T::ManageReportsLink.get(lang).into_any())}
            " · "
            {crate::components::link::link(&crate::routes::Route::ManageWaves, T::WavesLink.get(lang).into_any())}
            " · "
            {crate::components::link::link(&crate::routes::Route::ActionPlans, T::ActionPlansLink.get(lang).into_any())}
        </p>
        <section aria-labelledby="conflicts-title">
            <h2 id="conflicts-title">{T::Conflicts.get(lang)}</h2>
            {conflicts}
        </section>
        <section aria-labelledby="risks-title">
            <h2 id="risks-title">{T::RisksTitle.get(lang)}</h2>
            {risks}
        </section>
        <section aria-labelledby="milestones-title">
            <h2 id="milestones-title">{T::TimelineTitle.get(lang)}</h2>
            {milestones}
        </section>
        <section aria-labelledby="globals-title">
            <h2 id="globals-title">{T::IndicatorsTitle.get(lang)}</h2>
            {globals}
        </section>
        {staff_exports(lang)}
    }
    .into_any()
}

/// The staff exports: the datasets with their drafts, marked, and the internal notes.
fn staff_exports(lang: Lang) -> AnyView {
    let items = [
        ("hodnoty-indikatoru", T::ImpactIndicators),
        ("stavy-opatreni", T::StatusHistory),
        ("projekty", T::EuProjects),
        ("interni-poznamky", T::InternalNotes),
    ]
    .into_iter()
    .map(|(slug, what)| {
        let url = |ext: &str| format!("/data/{}/koncepty/{slug}.{ext}", crate::routes::PLAN);
        view! {
            <li>
                {what.get(lang)} ": "
                <a href=url("csv") download="">"CSV"</a> " · "
                <a href=url("xlsx") download="">"XLSX"</a>
            </li>
        }
    })
    .collect_view();
    view! {
        <section aria-labelledby="exports-title">
            <h2 id="exports-title">{T::StaffExports.get(lang)}</h2>
            <p class="hint">{T::StaffExportsLead.get(lang)}</p>
            <ul class="downloads">{items}</ul>
        </section>
    }
    .into_any()
}

/// The conflicts as a work list: grouped by the area they count toward (plan-wide ones last),
/// figures first within each group, with a filter by kind and the number still open.
fn work_list(mut conflicts: Vec<Conflict>, areas: &[Area], saver: Saver) -> AnyView {
    use shared::conflict::{Place, place};
    let lang = saver.lang();
    let kind = RwSignal::new(String::new());
    let rank = |s: &str| match s {
        "FIGURE" => 0,
        "IDENTITY" => 1,
        "GAP" => 2,
        _ => 3,
    };
    let area_of = |c: &Conflict| place(&c.subject_type, &c.subject_code).area();
    conflicts.sort_by_key(|c| {
        let area = area_of(c).map_or(u16::MAX, |a| a.parts()[0]);
        (area, rank(&c.severity), c.id)
    });
    let severities: Vec<String> = conflicts.iter().map(|c| c.severity.clone()).collect();
    let total = conflicts.len();
    let shown = move || {
        let k = kind.get();
        severities
            .iter()
            .filter(|s| k.is_empty() || **s == k)
            .count()
    };
    let mut groups: Vec<(Option<shared::Code>, Vec<Conflict>)> = Vec::new();
    for c in conflicts {
        let area = area_of(&c);
        match groups.last_mut() {
            Some((a, list)) if *a == area => list.push(c),
            _ => groups.push((area, vec![c])),
        }
    }
    let groups = groups
        .into_iter()
        .map(|(area, list)| {
            let heading = match &area {
                Some(code) => {
                    let name = areas
                        .iter()
                        .find(|a| a.code == code.to_string())
                        .map(|a| a.name.clone())
                        .unwrap_or_default();
                    format!("{} {code} {name}", T::Area.get(lang))
                }
                None => T::WholePlan.get(lang).to_owned(),
            };
            let kinds: Vec<String> = list.iter().map(|c| c.severity.clone()).collect();
            let any_shown = move || {
                let k = kind.get();
                k.is_empty() || kinds.contains(&k)
            };
            let cards = list
                .into_iter()
                .map(|c| {
                    let severity = c.severity.clone();
                    let visible = move || {
                        let k = kind.get();
                        k.is_empty() || k == severity
                    };
                    let to = match place(&c.subject_type, &c.subject_code) {
                        Place::Code(code) => Some(crate::routes::Route::for_code(&code)),
                        Place::Budget => Some(crate::routes::Route::Budget),
                        Place::Indicators => Some(crate::routes::Route::Indicators),
                        Place::Risks => Some(crate::routes::Route::Risks),
                        Place::Plan => None,
                    };
                    view! { <div hidden=move || !visible()>{conflict_form(c, to, saver)}</div> }
                })
                .collect_view();
            view! {
                <div class="work-group" hidden=move || !any_shown()>
                    <h3>{heading}</h3>
                    {cards}
                </div>
            }
        })
        .collect_view();
    let options = [
        ("", T::AllKinds),
        ("FIGURE", T::SeverityFigure),
        ("IDENTITY", T::SeverityIdentity),
        ("TEXT", T::SeverityText),
        ("GAP", T::SeverityGap),
    ]
    .map(|(value, text)| view! { <option value=value>{text.get(lang)}</option> })
    .collect_view();
    view! {
        <div class="work-filter">
            <label for="conflict-kind">{T::Kind.get(lang)}</label>
            <select id="conflict-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                {options}
            </select>
            <p class="count" aria-live="polite">
                {move || crate::i18n::open_conflicts(shown(), total, lang)}
            </p>
        </div>
        {groups}
    }
    .into_any()
}

fn conflict_form(c: Conflict, to: Option<crate::routes::Route>, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("conflict-{}", c.id);
    let first = c
        .statements
        .first()
        .map(|s| s.id.to_string())
        .unwrap_or_default();
    let options = c
        .statements
        .iter()
        .map(|s| {
            let source = s.source.document.as_ref().map_or_else(
                || s.source.locator.clone(),
                |d| format!("{}, {}", d.title, s.source.locator),
            );
            (s.id.to_string(), format!("{} ({source})", s.value))
        })
        .collect();
    let chosen = saver
        .field(
            format!("{id}-value"),
            T::ValidValue.get(lang),
            "select",
            &first,
        )
        .options(options);
    let reason = saver
        .field(format!("{id}-reason"), T::Reason.get(lang), "text", "")
        .required();
    let (chosen_value, reason_value) = (chosen.value, reason.value);
    let record = serde_json::json!({ "id": c.id, "version": c.version });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = serde_json::json!({ "input": {
            "record": record,
            "statementId": chosen_value.get_untracked().parse::<i32>().unwrap_or(0),
            "reason": reason_value.get_untracked(),
        }});
        saver.save(queries::RESOLVE_CONFLICT, vars, T::Resolved);
    };
    let title = shared::conflict::title(&c.subject_type, &c.subject_code, &c.field, lang);
    let chip = format!("chip chip-{}", c.severity.to_lowercase());
    let shown_at = to.map(|r| crate::components::link::link(&r, T::ShownAt.get(lang).into_any()));
    view! {
        <form class="form" id=id on:submit=submit>
            <h4>{title}" "<span class=chip>{crate::i18n::severity(&c.severity, lang)}</span></h4>
            <p class="hint">{c.description}</p>
            {shown_at.map(|l| view! { <p>{l}</p> })}
            {field(chosen, lang)}
            {field(reason, lang)}
            <div class="form-actions">
                <button type="submit" class="button">{T::Resolve.get(lang)}</button>
                {history_link("conflict", c.id, lang)}
            </div>
        </form>
    }
    .into_any()
}

fn scale() -> Vec<(String, String)> {
    (1..=5).map(|n| (n.to_string(), n.to_string())).collect()
}

fn risk_form(r: Risk, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("risk-{}", r.id);
    let probability = saver
        .field(
            format!("{id}-p"),
            T::Probability.get(lang),
            "select",
            &r.probability.to_string(),
        )
        .options(scale());
    let impact = saver
        .field(
            format!("{id}-i"),
            T::Impact.get(lang),
            "select",
            &r.impact.to_string(),
        )
        .options(scale());
    let mitigation = saver
        .field(
            format!("{id}-m"),
            T::Mitigation.get(lang),
            "text",
            &r.mitigation,
        )
        .required();
    let (p, i, m) = (probability.value, impact.value, mitigation.value);
    let record = serde_json::json!({ "id": r.id, "version": r.version });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = serde_json::json!({ "input": {
            "record": record,
            "probability": p.get_untracked().parse::<i32>().unwrap_or(0),
            "impact": i.get_untracked().parse::<i32>().unwrap_or(0),
            "mitigation": m.get_untracked(),
        }});
        saver.save(queries::UPDATE_RISK, vars, T::Changed);
    };
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{r.name}</h3>
            {fields(vec![probability, impact, mitigation], lang)}
            <div class="form-actions">
                <button type="submit" class="button">{T::Save.get(lang)}</button>
                {history_link("risk", r.id, lang)}
            </div>
        </form>
    }
    .into_any()
}

fn milestone_form(m: Milestone, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("milestone-{}", m.id);
    let period = saver
        .field(
            format!("{id}-period"),
            T::PeriodText.get(lang),
            "text",
            &m.period,
        )
        .required();
    let from = saver
        .field(
            format!("{id}-from"),
            T::PeriodFrom.get(lang),
            "date",
            &m.period_from,
        )
        .required();
    let to = saver
        .field(
            format!("{id}-to"),
            T::PeriodTo.get(lang),
            "date",
            &m.period_to,
        )
        .required();
    let text = saver
        .field(
            format!("{id}-text"),
            T::TextLabel.get(lang),
            "text",
            &m.text,
        )
        .required();
    let values = (period.value, from.value, to.value, text.value);
    let record = serde_json::json!({ "id": m.id, "version": m.version });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = serde_json::json!({ "input": {
            "record": record,
            "periodText": values.0.get_untracked(),
            "periodFrom": values.1.get_untracked(),
            "periodTo": values.2.get_untracked(),
            "text": values.3.get_untracked(),
        }});
        saver.save(queries::UPDATE_MILESTONE, vars, T::Changed);
    };
    view! {
        <form class="form" id=id on:submit=submit>
            <div class="field-row">{fields(vec![period, from, to, text], lang)}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::Save.get(lang)}</button>
                {history_link("milestone", m.id, lang)}
            </div>
        </form>
    }
    .into_any()
}

/// A number as the user types it back: Czech decimals, no grouping.
fn number_text(v: Option<f64>) -> String {
    v.map(|v| v.to_string().replace('.', ","))
        .unwrap_or_default()
}

fn global_value_form(v: GlobalValue, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("global-{}", v.id);
    let value = saver
        .field(
            format!("{id}-value"),
            T::Value.get(lang),
            "text",
            &number_text(v.value),
        )
        .check(decimal_problem);
    let region = saver
        .field(
            format!("{id}-region"),
            T::Region.get(lang),
            "text",
            &number_text(v.region_value),
        )
        .check(decimal_problem);
    let note = saver
        .field(
            format!("{id}-source"),
            T::SourceNote.get(lang),
            "text",
            &v.source.locator,
        )
        .required();
    let (value_s, region_s, note_s) = (value.value, region.value, note.value);
    let record = serde_json::json!({ "id": v.id, "version": v.version });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = [value_s, region_s].map(|s| decimal(&s.get_untracked()));
        let [Ok(value), Ok(region)] = parsed else {
            saver.refuse(T::FixErrors.get(saver.lang()).to_owned());
            return;
        };
        let vars = serde_json::json!({ "input": {
            "record": record,
            "value": value,
            "regionValue": region,
            "sourceNote": note_s.get_untracked(),
        }});
        saver.save(queries::UPDATE_GLOBAL_VALUE, vars, T::Changed);
    };
    let period = v.period.unwrap_or(v.column);
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{period}</h3>
            <div class="field-row">{fields(vec![value, region, note], lang)}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::Save.get(lang)}</button>
                {history_link("global_indicator_value", v.id, lang)}
            </div>
        </form>
    }
    .into_any()
}
