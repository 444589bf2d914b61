//! The implementation timeline (`/harmonogram`): the milestones split into done, under way and
//! upcoming relative to today.

use leptos::prelude::*;
use serde::Deserialize;
use shared::Date;
use shared::format::{self, Lang};

use crate::browser;
use crate::components::download::download_data;
use crate::components::page::{PageSpec, Rendered, page_view};
use crate::components::source::source_text;
use crate::i18n::T;
use crate::logic::timeline::split;
use crate::model::{Source, lenient_date};
use crate::queries;

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    plan: Plan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    #[serde(deserialize_with = "lenient_date")]
    latest_monitoring_date: Option<Date>,
    action_plans: Vec<ActionPlan>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActionPlan {
    number: i32,
    name: String,
    period_from: i32,
    period_to: i32,
    milestones: Vec<Milestone>,
}

/// A milestone with its period as printed and as dates.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Milestone {
    period: String,
    #[serde(deserialize_with = "lenient_date")]
    period_from: Option<Date>,
    #[serde(deserialize_with = "lenient_date")]
    period_to: Option<Date>,
    text: String,
    source: Option<Source>,
}

/// The timeline page.
#[component]
pub fn TimelinePage() -> impl IntoView {
    let spec = PageSpec {
        page: "timeline",
        heading: Box::new(|lang| T::TimelineTitle.get(lang).to_owned()),
        record: None,
        query: queries::TIMELINE,
        variables: None,
    };
    page_view(spec, render)
}

fn render(data: Data, lang: Lang) -> Rendered {
    let mut plan = data.plan;
    plan.action_plans.sort_by_key(|p| p.number);
    let title = T::TimelineTitle.get(lang).to_owned();
    let today = browser::today();
    let milestones: Vec<Milestone> = plan
        .action_plans
        .iter()
        .flat_map(|p| p.milestones.iter().cloned())
        .collect();
    let (done, current, upcoming) = split(&milestones, |m| (m.period_from, m.period_to), today);
    let plans = plan
        .action_plans
        .iter()
        .map(|p| {
            view! { <li lang="cs">{p.name.clone()} " (" {p.period_from.to_string()} "–" {p.period_to.to_string()} ")"</li> }
        })
        .map(IntoAny::into_any).collect_view();
    let download = (!milestones.is_empty())
        .then(|| download_data("harmonogram", None, T::TimelineTitle, lang));
    let body = if milestones.is_empty() {
        view! { <p class="notice">{T::NoMilestones.get(lang)}</p> }.into_any()
    } else {
        view! {
            {group("probiha", T::CurrentHeading, "phase-current", T::Current, &current, lang)}
            {group("nadchazejici", T::UpcomingHeading, "phase-upcoming", T::Upcoming, &upcoming, lang)}
            {group("probehlo", T::DoneHeading, "phase-done", T::Done, &done, lang)}
        }
        .into_any()
    };
    let view = view! {
        <h1 tabindex="-1">{title.clone()}</h1>
        <p class="lead">{T::TimelineLead.get(lang)}</p>
        <ul class="plain-list hint">{plans}</ul>
        <p class="as-of">
            {T::Today.get(lang)} ": " <time datetime=today.to_string()>{format::date(today, lang)}</time>
            {plan.latest_monitoring_date.map(|d| view! {
                " · " {T::LatestMonitoring.get(lang)} ": " <time datetime=d.to_string()>{format::date(d, lang)}</time>
            })}
        </p>
        {body}
        {download}
    }
    .into_any();
    Rendered::ready(title, view)
}

/// One group of milestones under its heading, each with its phase in words.
fn group(
    id: &'static str,
    heading: T,
    class: &'static str,
    phase: T,
    items: &[Milestone],
    lang: Lang,
) -> AnyView {
    if items.is_empty() {
        return ().into_any();
    }
    let items = items
        .iter()
        .map(|m| {
            let source = m.source.as_ref().map(|s| source_text(s, lang)).filter(|t| !t.is_empty());
            view! {
                <li class=format!("milestone {class}")>
                    <p class="milestone-head">
                        <span class=format!("chip chip-{class}")>{phase.get(lang)}</span>
                        " "
                        <strong lang="cs">{m.period.clone()}</strong>
                        {m.period_from.zip(m.period_to).map(|(from, to)| view! {
                            " " <span class="hint">"(" {format::date(from, lang)} " – " {format::date(to, lang)} ")"</span>
                        })}
                    </p>
                    <p class="doc-text" lang="cs">{m.text.clone()}</p>
                    {source.map(|t| view! { <p class="source"><span class="source-label">{T::Source.get(lang)} ": "</span><span lang="cs">{t}</span></p> })}
                </li>
            }
        })
        .map(IntoAny::into_any).collect_view();
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{heading.get(lang)}</h2>
            <ol class="timeline">{items}</ol>
        </section>
    }
    .into_any()
}
