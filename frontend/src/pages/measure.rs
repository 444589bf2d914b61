//! A measure (`/opatreni/:code`): its status with the reports it rests on, the implementer and
//! EU projects (or that it is not implemented), estimated cost against money drawn, every field
//! of its card, its links as links, and where each figure comes from with any conflict between
//! the sources.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::Deserialize;
use shared::code::Level;
use shared::format::{self, Lang};
use shared::status::StatusKind;
use shared::{Code, Date, FundingSource, MeasureStatus};

use crate::components::badges::status_chip;
use crate::components::breadcrumbs::breadcrumbs;
use crate::components::conflicts::conflicts_section;
use crate::components::download::download_data;
use crate::components::link::{link, staff_link};
use crate::components::money::money_bars;
use crate::components::page::{PageSpec, Rendered, not_found_article, page_view};
use crate::components::source::{source_note, source_text};
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::logic::text::{Block, blocks};
use crate::model::{Amount, Conflict, Money, Source, Statement, lenient_date};
use crate::queries;
use crate::routes::{Route, code_at};

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    measure: Measure,
}

/// A measure with every field of its card and what the reports say of it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Measure {
    code: Code,
    code_as_written: Option<String>,
    name: String,
    description: String,
    target_group: String,
    responsible_body: String,
    output_indicators: Vec<String>,
    schedule_text: String,
    #[serde(deserialize_with = "lenient_date")]
    schedule_from: Option<Date>,
    #[serde(deserialize_with = "lenient_date")]
    schedule_to: Option<Date>,
    estimated_cost_text: String,
    estimated_cost: Option<Amount>,
    cost_approximate: bool,
    cost_see_measure: Option<String>,
    funding_text: String,
    funding_sources: Vec<FundingSource>,
    links_text: String,
    links: Vec<Link>,
    service_type: Option<String>,
    specific_goal: Option<GoalRef>,
    status: Option<StatusRow>,
    statuses: Vec<StatusRow>,
    projects: Vec<Project>,
    allocations: Vec<Allocation>,
    budget: Money,
    conflicts: Vec<Conflict>,
    provenance: Vec<Statement>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GoalRef {
    code: Code,
    target_text: String,
}

/// A link from the card's "Vazba na další cíle".
#[derive(Debug, Clone, Deserialize)]
struct Link {
    kind: String,
    code: Option<String>,
    text: String,
}

/// An organisation, by name.
#[derive(Debug, Clone, Deserialize)]
struct Organisation {
    name: String,
}

/// A status row of a report.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StatusRow {
    #[serde(deserialize_with = "lenient_date")]
    date: Option<Date>,
    kind: StatusKind,
    text: String,
    reports: Option<u8>,
    reports_of: Option<u8>,
    #[serde(default)]
    activity: Option<String>,
    #[serde(default)]
    service: Option<String>,
    implementer_text: Option<String>,
    implementer: Option<Organisation>,
    period_text: Option<String>,
    #[serde(default)]
    code_as_written: Option<String>,
    #[serde(default)]
    name_as_written: Option<String>,
    #[serde(default)]
    footnote: Option<String>,
    source: Option<Source>,
}

impl StatusRow {
    fn status(&self) -> MeasureStatus {
        crate::model::StatusBrief {
            kind: self.kind,
            reports: self.reports,
            reports_of: self.reports_of,
        }
        .status()
    }

    fn implementer_name(&self) -> Option<String> {
        self.implementer
            .as_ref()
            .map(|o| o.name.clone())
            .or_else(|| self.implementer_text.clone())
            .filter(|n| !n.trim().is_empty())
    }
}

/// An EU project funding the measure.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Project {
    registration_number: String,
    call: String,
    programme: String,
    budget: Amount,
    budget_text: String,
    #[serde(deserialize_with = "lenient_date")]
    period_from: Option<Date>,
    #[serde(deserialize_with = "lenient_date")]
    period_to: Option<Date>,
    implementer: Option<Organisation>,
    source: Option<Source>,
}

/// A KPSV+ allocation of Table 6.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Allocation {
    amount: Amount,
    amount_text: String,
    bracketed: bool,
    programme: String,
    priority: String,
    programme_goal: String,
    source: Option<Source>,
}

/// The measure page; an invalid code is not found without asking the server.
#[component]
pub fn MeasurePage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    move || {
        let segment = params.read().get("code").unwrap_or_default();
        match code_at(&segment, Level::Measure) {
            Some(code) => measure_view(code).into_any(),
            None => not_found_article(
                Some(i18n::missing_record(
                    T::Measure,
                    &segment,
                    lang.get_untracked(),
                )),
                lang.get(),
            ),
        }
    }
}

fn measure_view(code: Code) -> impl IntoView {
    let heading_code = code.clone();
    let spec = PageSpec {
        page: "measure",
        heading: Box::new(move |lang| format!("{} {heading_code}", T::Measure.get(lang))),
        record: Some((T::Measure, code.to_string())),
        query: queries::MEASURE,
        variables: Some(serde_json::json!({ "code": code.to_string() })),
    };
    page_view(spec, render)
}

fn render(data: Data, lang: Lang) -> Rendered {
    let m = data.measure;
    let title = format!("{} {}", T::Measure.get(lang), m.code);
    let mut trail = vec![(
        format!("{} {}", T::Area.get(lang), m.code.area()),
        Route::Area(m.code.area()),
    )];
    if let Some(goal) = &m.specific_goal {
        trail.push((
            format!("{} {}", T::SpecificGoal.get(lang), goal.code),
            Route::Goal(goal.code.clone()),
        ));
    }
    let edit = staff_link(
        &Route::EditMeasure(m.code.clone()),
        T::Edit.get(lang).into_any(),
    );
    let view = view! {
        {breadcrumbs(trail, title.clone(), lang)}
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead doc-text" lang="cs">{m.name.clone()}</p>
        {edit}
        {status_card(&m, lang)}
        {implementation(&m, lang)}
        {money(&m, lang)}
        {card(&m, lang)}
        {status_history(&m, lang)}
        {conflicts(&m, lang)}
        {provenance(&m, lang)}
    }
    .into_any();
    Rendered::ready(title, view)
}

/// The current status in words, with its date and implementer.
fn status_card(m: &Measure, lang: Lang) -> AnyView {
    let status = m.status.as_ref();
    let as_of = status.and_then(|s| s.date).map(|d| i18n::as_of(d, lang));
    let implementer = status.and_then(StatusRow::implementer_name).map(|name| {
        view! { <p>{T::Implementer.get(lang)} ": " <strong class="implementer">{name}</strong></p> }
    });
    let not_implemented = status
        .is_none_or(|s| s.kind == StatusKind::NotImplemented)
        .then(|| view! { <p>{T::NotImplementedNote.get(lang)}</p> });
    view! {
        <section class="card status-card" aria-labelledby="stav" data-live=m.code.to_string() data-live-key="status">
            <h2 id="stav" class="h3">{T::Status.get(lang)}</h2>
            <p class="status-line">
                {status_chip(status.map(StatusRow::status), lang)}
                {as_of.map(|t| view! { " " <span class="hint">{t}</span> })}
            </p>
            {implementer}
            {not_implemented}
        </section>
    }
    .into_any()
}

/// The implementer, kind of activity, period and EU projects.
fn implementation(m: &Measure, lang: Lang) -> AnyView {
    let status = m.status.as_ref();
    let rows = status.map(|s| {
        let activity = s.activity.as_deref().map(|a| match a {
            "NON_PROJECT" => T::NonProjectActivity.get(lang),
            _ => T::ProjectActivity.get(lang),
        });
        view! {
            <dl class="facts" data-live=m.code.to_string() data-live-key="implementation">
                {s.implementer_name().map(|n| view! { <dt>{T::Implementer.get(lang)}</dt><dd lang="cs">{n}</dd> })}
                {activity.map(|a| view! { <dt>{T::Activity.get(lang)}</dt><dd>{a}</dd> })}
                {s.service.clone().map(|v| view! { <dt>{T::Service.get(lang)}</dt><dd lang="cs">{v}</dd> })}
                {s.period_text.clone().map(|p| view! { <dt>{T::Period.get(lang)}</dt><dd lang="cs">{p}</dd> })}
                <dt>{T::Status.get(lang)}</dt>
                <dd><span lang="cs">{s.text.clone()}</span></dd>
            </dl>
            {source_note(s.source.as_ref(), lang)}
        }
    });
    let projects = if m.projects.is_empty() {
        view! { <p class="empty">{T::NoProjects.get(lang)}</p> }.into_any()
    } else {
        m.projects
            .iter()
            .map(|p| project_view(&m.code, p, lang))
            .map(IntoAny::into_any)
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="realizace">
            <h2 id="realizace">{T::Implementation.get(lang)}</h2>
            {rows}
            {status.is_none().then(|| view! { <p class="empty">{T::NotImplementedNote.get(lang)}</p> })}
            <h3>{T::EuProjects.get(lang)}</h3>
            {projects}
            {(!m.projects.is_empty()).then(|| download_data("projekty", Some(("opatreni", &m.code.to_string())), T::EuProjects, lang))}
        </section>
    }
    .into_any()
}

fn project_view(measure: &Code, p: &Project, lang: Lang) -> AnyView {
    let period = match (p.period_from, p.period_to) {
        (Some(from), Some(to)) => Some(format!(
            "{} – {}",
            format::date(from, lang),
            format::date(to, lang)
        )),
        (Some(from), None) => Some(format::date(from, lang)),
        _ => None,
    };
    view! {
        <div class="card project" data-live=measure.to_string() data-live-key=p.registration_number.clone()>
            <dl class="facts">
                {p.implementer.as_ref().map(|o| view! { <dt>{T::Implementer.get(lang)}</dt><dd class="implementer" lang="cs">{o.name.clone()}</dd> })}
                <dt>{T::RegistrationNumber.get(lang)}</dt>
                <dd class="reg-number">{p.registration_number.clone()}</dd>
                <dt>{T::Call.get(lang)}</dt>
                <dd>{p.call.clone()} " (" {p.programme.clone()} ")"</dd>
                <dt>{T::ProjectBudget.get(lang)}</dt>
                <dd class="project-budget" title=p.budget_text.clone()><strong>{format::czk(p.budget.0, lang)}</strong></dd>
                {period.map(|t| view! { <dt>{T::Period.get(lang)}</dt><dd>{t}</dd> })}
            </dl>
            {source_note(p.source.as_ref(), lang)}
        </div>
    }
    .into_any()
}

/// Estimated cost against money allocated and drawn.
fn money(m: &Measure, lang: Lang) -> AnyView {
    let estimated = m.estimated_cost.map(|a| {
        let approx = m
            .cost_approximate
            .then(|| format!("{} ", T::CostApproximate.get(lang)));
        view! {
            <p class="cost">
                {T::EstimatedCost.get(lang)} ": " {approx} <strong>{format::czk(a.0, lang)}</strong>
            </p>
        }
    });
    let see = m
        .cost_see_measure
        .as_deref()
        .and_then(|c| c.parse::<Code>().ok())
        .map(|code| {
            view! {
                <p>
                    {T::CostSeeMeasure.get(lang)} " "
                    {link(&Route::Measure(code.clone()), view! { {code.to_string()} }.into_any())}
                </p>
            }
        });
    let printed = (m.estimated_cost.is_none() && m.cost_see_measure.is_none()).then(|| {
        view! { <p>{T::EstimatedCost.get(lang)} ": " <span lang="cs">{m.estimated_cost_text.clone()}</span></p> }
    });
    let allocated = m.budget.allocated.0;
    let allocations = (!m.allocations.is_empty()).then(|| {
        let items = m
            .allocations
            .iter()
            .map(|a| {
                view! {
                    <li>
                        <strong>{format::czk(a.amount.0, lang)}</strong>
                        " · " {a.programme.clone()} " · " {T::Priority.get(lang)} " " {a.priority.clone()}
                        {(!a.programme_goal.is_empty()).then(|| view! { ", " {T::ProgrammeGoal.get(lang)} " " {a.programme_goal.clone()} })}
                        {a.bracketed.then(|| view! { " (" {T::Bracketed.get(lang)} ")" })}
                        <span class="visually-hidden">" " {a.amount_text.clone()}</span>
                        {source_note(a.source.as_ref(), lang)}
                    </li>
                }
            })
            .map(IntoAny::into_any).collect_view();
        view! {
            <h3>{T::Allocations.get(lang)}</h3>
            <ul class="plain-list">{items}</ul>
        }
    });
    view! {
        <section aria-labelledby="naklady">
            <h2 id="naklady">{T::CostVsDrawn.get(lang)}</h2>
            {estimated}
            {see}
            {printed}
            {money_bars(m.budget.planned.0, (allocated.hellers() > 0).then_some(allocated), m.budget.drawn.0, lang)}
            <p class="hint">
                {T::Planned.get(lang)} ": " {T::PlannedHint.get(lang)} ". "
                {T::Allocated.get(lang)} ": " {T::AllocatedHint.get(lang)} ". "
                {T::Drawn.get(lang)} ": " {T::DrawnHint.get(lang)} "."
            </p>
            {allocations}
        </section>
    }
    .into_any()
}

/// Every field of the measure card, as the action plan prints it.
fn card(m: &Measure, lang: Lang) -> AnyView {
    let description = blocks(&m.description)
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(p) => view! { <p>{p}</p> }.into_any(),
            Block::List(items) => {
                let items = items
                    .into_iter()
                    .map(|i| view! { <li>{i}</li> })
                    .map(IntoAny::into_any)
                    .collect_view();
                view! { <ul>{items}</ul> }.into_any()
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    let outputs = m
        .output_indicators
        .iter()
        .map(|o| view! { <li>{o.clone()}</li> })
        .map(IntoAny::into_any)
        .collect_view();
    let schedule = match (m.schedule_from, m.schedule_to) {
        (Some(from), Some(to)) => format!(
            " ({} – {})",
            format::date(from, lang),
            format::date(to, lang)
        ),
        _ => String::new(),
    };
    let sources = m
        .funding_sources
        .iter()
        .map(|s| view! { <li class="tag">{i18n::funding_source(*s, lang)}</li> })
        .map(IntoAny::into_any)
        .collect_view();
    let links = link_list(&m.links, lang);
    let source_names: Vec<&str> = m
        .funding_sources
        .iter()
        .map(|s| i18n::funding_source(*s, lang))
        .collect();
    let funding_printed = (source_names.join(", ") != m.funding_text.trim()).then(|| {
        view! { <span class="hint">{T::AsPrinted.get(lang)} ": " <span lang="cs">{m.funding_text.clone()}</span></span> }
    });
    let links_printed =
        (m.links.is_empty() || m.links.iter().any(|l| l.code.is_none())).then(|| {
            view! { <span class="hint" lang="cs">{m.links_text.clone()}</span> }
        });
    let goal = m.specific_goal.as_ref().map(|g| {
        view! {
            <dt>{T::OfGoal.get(lang)}</dt>
            <dd>
                {link(&Route::Goal(g.code.clone()), view! { {T::SpecificGoal.get(lang)} " " {g.code.to_string()} }.into_any())}
                ": " <span lang="cs">{g.target_text.clone()}</span>
            </dd>
        }
    });
    let written = m.code_as_written.clone().map(|c| {
        view! { <dt>{T::CodeAsWritten.get(lang)}</dt><dd>{c}</dd> }
    });
    view! {
        <section aria-labelledby="karta">
            <h2 id="karta">{T::Description.get(lang)}</h2>
            <div class="doc-text description" lang="cs">{description}</div>
            <dl class="facts card-fields">
                {goal}
                {written}
                <dt>{T::TargetGroup.get(lang)}</dt>
                <dd lang="cs">{m.target_group.clone()}</dd>
                <dt>{T::ResponsibleBody.get(lang)}</dt>
                <dd lang="cs">{m.responsible_body.clone()}</dd>
                <dt>{T::OutputIndicators.get(lang)}</dt>
                <dd><ul class="plain-list" lang="cs">{outputs}</ul></dd>
                <dt>{T::Schedule.get(lang)}</dt>
                <dd><span lang="cs">{m.schedule_text.clone()}</span>{schedule}</dd>
                <dt>{T::EstimatedCost.get(lang)}</dt>
                <dd lang="cs">{m.estimated_cost_text.clone()}</dd>
                <dt>{T::FundingSources.get(lang)}</dt>
                <dd>
                    <ul class="tags">{sources}</ul>
                    {funding_printed}
                </dd>
                <dt>{T::Links.get(lang)}</dt>
                <dd>{links} {links_printed}</dd>
                {m.service_type.clone().map(|s| view! { <dt>{T::ServiceType.get(lang)}</dt><dd lang="cs">{s}</dd> })}
            </dl>
        </section>
    }
    .into_any()
}

/// The card's links to goals and measures, as links where they name a code.
fn link_list(links: &[Link], lang: Lang) -> AnyView {
    let items = links
        .iter()
        .map(|l| {
            let route = l
                .code
                .as_deref()
                .and_then(|c| c.parse::<Code>().ok())
                .map(|code| match l.kind.as_str() {
                    "MEASURE" => Route::Measure(code),
                    "GOAL" => Route::Goal(code),
                    _ => Route::for_code(&code),
                });
            match route {
                Some(route) => {
                    let kind = match &route {
                        Route::Measure(_) => T::Measure,
                        Route::Goal(code) if code.level() == Level::StrategicGoal => {
                            T::StrategicGoal
                        }
                        Route::Goal(_) => T::SpecificGoal,
                        _ => T::Area,
                    };
                    let text = match &route {
                        Route::Measure(code) | Route::Goal(code) | Route::Area(code) => {
                            format!("{} {code}", kind.get(lang))
                        }
                        _ => l.text.clone(),
                    };
                    view! { <li>{link(&route, view! { {text} }.into_any())}</li> }.into_any()
                }
                None => view! { <li lang="cs">{l.text.clone()}</li> }.into_any(),
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    view! { <ul class="link-list inline">{items}</ul> }.into_any()
}

/// Every status row the reports print, newest first.
fn status_history(m: &Measure, lang: Lang) -> AnyView {
    if m.statuses.is_empty() {
        return ().into_any();
    }
    let mut rows: Vec<&StatusRow> = m.statuses.iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.date));
    let rows = rows
        .into_iter()
        .map(|s| {
            let date = s.date.map(|d| format::date(d, lang)).unwrap_or_default();
            let notes: Vec<String> = [
                s.code_as_written.clone(),
                s.name_as_written.clone(),
                s.footnote.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            let key = format!(
                "status@{}",
                s.date.map(|d| d.to_string()).unwrap_or_default()
            );
            view! {
                <tr data-live=m.code.to_string() data-live-key=key>
                    <th scope="row">{date}</th>
                    <td>{status_chip(Some(s.status()), lang)}</td>
                    <td lang="cs">{s.implementer_name().unwrap_or_default()}</td>
                    <td lang="cs">{s.period_text.clone().unwrap_or_default()}</td>
                    <td class="source-cell" lang="cs">
                        {s.source.as_ref().map(|src| source_text(src, lang)).unwrap_or_default()}
                        {(!notes.is_empty()).then(|| view! { <br/> {notes.join("; ")} })}
                    </td>
                </tr>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    view! {
        <section aria-labelledby="historie">
            <h2 id="historie">{T::StatusHistory.get(lang)}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-label=i18n::table_region(T::StatusHistory, lang)>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{T::MonitoringDate.get(lang)}</th>
                            <th scope="col">{T::Status.get(lang)}</th>
                            <th scope="col">{T::Implementer.get(lang)}</th>
                            <th scope="col">{T::Period.get(lang)}</th>
                            <th scope="col">{T::Source.get(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {download_data("stavy-opatreni", Some(("opatreni", &m.code.to_string())), T::StatusHistory, lang)}
        </section>
    }
    .into_any()
}

/// Where the sources disagree about the measure.
fn conflicts(m: &Measure, lang: Lang) -> AnyView {
    conflicts_section(&m.conflicts, T::NoConflicts, lang)
}

/// Every sourced value of the measure's figures.
fn provenance(m: &Measure, lang: Lang) -> AnyView {
    if m.provenance.is_empty() {
        return ().into_any();
    }
    let rows = m
        .provenance
        .iter()
        .map(|s| {
            view! {
                <tr>
                    <th scope="row">{i18n::field(&s.field, lang)}</th>
                    <td lang="cs">{s.value.clone()}</td>
                    <td lang="cs">{source_text(&s.source, lang)}</td>
                </tr>
            }
        })
        .map(IntoAny::into_any)
        .collect_view();
    view! {
        <section aria-labelledby="puvod">
            <h2 id="puvod">{T::Provenance.get(lang)}</h2>
            <p>{T::ProvenanceLead.get(lang)}</p>
            <div class="table-wrap" role="region" tabindex="0" aria-label=i18n::table_region(T::Provenance, lang)>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{T::Field.get(lang)}</th>
                            <th scope="col">{T::Value.get(lang)}</th>
                            <th scope="col">{T::Source.get(lang)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
