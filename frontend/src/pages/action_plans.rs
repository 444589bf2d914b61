//! The plan's action plans (`/sprava/akcni-plany`, coordinators and admins): the approved ones
//! and the drafts being written, a form for the next action plan (its years checked here as
//! the server checks them, `shared::action_plan::check_period`) and, for each draft, the
//! approval with the day and the council's resolution.

use leptos::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};
use shared::action_plan::{Neighbour, Period, check_period};
use shared::format::Lang;

use crate::components::form::fields;
use crate::components::staff::{Saver, StaffSpec, history_link, staff_view};
use crate::i18n::{self, T};
use crate::model::Amount;
use crate::queries;
use crate::session::Me;

mod draft;
use draft::{AreaName, DraftMeasure, draft_measures};

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Data {
    plan: Plan,
    action_plan_drafts: Vec<ActionPlan>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    period_from: i32,
    period_to: i32,
    areas: Vec<AreaName>,
    action_plans: Vec<ActionPlan>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ActionPlan {
    id: i32,
    version: i32,
    number: i32,
    name: String,
    period_from: i32,
    period_to: i32,
    state: String,
    #[serde(default)]
    approved_on: Option<String>,
    #[serde(default)]
    resolution: Option<String>,
    /// A draft compared with the approved action plan before it.
    #[serde(default)]
    compared_with_previous: Option<Comparison>,
    /// A draft's measures.
    #[serde(default)]
    draft_measures: Vec<DraftMeasure>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Comparison {
    earlier: Named,
    cost_total: CostPair,
    goals: Vec<GoalCounts>,
    unimplemented: Vec<Unimplemented>,
}

#[derive(Debug, Clone, Deserialize)]
struct Named {
    name: String,
}

#[derive(Debug, Clone, Deserialize)]
struct CostPair {
    earlier: Amount,
    later: Amount,
}

#[derive(Debug, Clone, Deserialize)]
struct GoalCounts {
    added: Vec<Value>,
    ended: Vec<Value>,
    changed: Vec<Value>,
    unchanged: Vec<Value>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Unimplemented {
    measure: Brief,
    carried_into: Option<Value>,
}

#[derive(Debug, Clone, Deserialize)]
struct Brief {
    code: String,
    name: String,
}

/// The action plans page.
#[component]
pub fn ActionPlansPage() -> impl IntoView {
    let spec = StaffSpec {
        page: "action-plans",
        heading: Box::new(|lang| T::ActionPlansTitle.get(lang).to_owned()),
        allowed: Me::publishes,
        denied: T::PublishersOnly,
        record: None,
        query: queries::ACTION_PLANS,
        variables: json!({ "plan": "ostrava" }),
    };
    staff_view(spec, render)
}

fn render(data: Data, _: &Me, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let mut all: Vec<ActionPlan> = data
        .plan
        .action_plans
        .into_iter()
        .chain(data.action_plan_drafts)
        .collect();
    all.sort_by_key(|a| a.number);
    let rows = all
        .iter()
        .map(|a| {
            let approved = a.state == "APPROVED";
            let state = if approved {
                T::ActionPlanApproved
            } else {
                T::ActionPlanDraft
            };
            let approval = match (&a.approved_on, &a.resolution) {
                (Some(on), Some(r)) => format!("{} ({r})", i18n::date_text(on, lang)),
                (Some(on), None) => i18n::date_text(on, lang),
                _ => "—".to_owned(),
            };
            view! {
                <tr>
                    <th scope="row">{a.name.clone()}</th>
                    <td>{format!("{}–{}", a.period_from, a.period_to)}</td>
                    <td><span class="tag" class:tag-key=!approved>{state.get(lang)}</span></td>
                    <td>{approval}</td>
                    <td>{history_link("action_plan", a.id, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    let approvals = all
        .iter()
        .filter(|a| a.state != "APPROVED")
        .map(|a| {
            // The approved action plan before the draft: where its measures come from.
            let earlier = all
                .iter()
                .filter(|e| e.state == "APPROVED" && e.number < a.number)
                .max_by_key(|e| e.number)
                .map(|e| (e.number, e.name.clone()));
            view! {
                {draft_measures(a.number, earlier, &a.draft_measures, &data.plan.areas, saver)}
                {approve_form(a, saver)}
            }
        })
        .collect_view();
    let plan_years = Period {
        from: data.plan.period_from,
        to: data.plan.period_to,
    };
    let existing: Vec<(String, Period, i32)> = all
        .iter()
        .map(|a| {
            (
                a.name.clone(),
                Period {
                    from: a.period_from,
                    to: a.period_to,
                },
                a.number,
            )
        })
        .collect();
    view! {
        <p class="lead">{T::ActionPlansLead.get(lang)}</p>
        <section aria-labelledby="action-plans-list">
            <h2 id="action-plans-list">{T::ActionPlansTitle.get(lang)}</h2>
            <div class="table-wrap" role="region" tabindex="0" aria-label=T::ActionPlansTitle.get(lang)>
                <table class="wave-table">
                    <thead><tr>
                        <th scope="col">{T::Name.get(lang)}</th>
                        <th scope="col">{T::ActionPlanYears.get(lang)}</th>
                        <th scope="col">{T::ActionPlanState.get(lang)}</th>
                        <th scope="col">{T::ActionPlanApproval.get(lang)}</th>
                        <th scope="col">{T::History.get(lang)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
        {approvals}
        {create_form(plan_years, existing, saver)}
    }
    .into_any()
}

/// The next action plan, as a draft.
fn create_form(plan: Period, existing: Vec<(String, Period, i32)>, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = "action-plan-new";
    let next = existing.iter().map(|(_, _, n)| *n).max().unwrap_or(0) + 1;
    let number = saver
        .field(
            format!("{id}-number"),
            T::ActionPlanNumber.get(lang),
            "number",
            &next.to_string(),
        )
        .required();
    let name = saver
        .field(format!("{id}-name"), T::Name.get(lang), "text", "")
        .required();
    let from = saver
        .field(
            format!("{id}-from"),
            T::ActionPlanFrom.get(lang),
            "number",
            "",
        )
        .required();
    let to = saver
        .field(format!("{id}-to"), T::ActionPlanTo.get(lang), "number", "")
        .required();
    let values = (number.value, name.value, from.value, to.value);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let year = |s: String| s.trim().parse::<i32>().ok();
        let (Some(number), Some(from), Some(to)) = (
            year(values.0.get_untracked()),
            year(values.2.get_untracked()),
            year(values.3.get_untracked()),
        ) else {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        };
        let neighbours: Vec<Neighbour<'_>> = existing
            .iter()
            .map(|(name, period, _)| Neighbour {
                name,
                period: *period,
            })
            .collect();
        if let Err(rule) = check_period(Period { from, to }, plan, &neighbours) {
            saver.refuse(i18n::rule(&rule, lang));
            return;
        }
        let vars = json!({ "input": {
            "number": number,
            "name": values.1.get_untracked(),
            "periodFrom": from,
            "periodTo": to,
        }});
        saver.save_form(id, queries::CREATE_ACTION_PLAN, vars, T::ActionPlanCreated);
    };
    view! {
        <section aria-labelledby="action-plan-new-title">
            <h2 id="action-plan-new-title">{T::ActionPlanNew.get(lang)}</h2>
            <p class="hint">{T::ActionPlanNewHint.get(lang)}</p>
            <form class="form" id=id on:submit=submit>
                <div class="field-row">{fields(vec![number, name, from, to], lang)}</div>
                <div class="form-actions">
                    <button type="submit" class="button">{T::ActionPlanCreate.get(lang)}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// What the draft `a` changes against the approved action plan before it: counts of measures
/// added, ended, changed and unchanged, the estimated costs, and the earlier plan's
/// unimplemented measures it does not carry on.
fn comparison(a: &ActionPlan, lang: Lang) -> Option<AnyView> {
    let c = a.compared_with_previous.as_ref()?;
    let count = |f: fn(&GoalCounts) -> usize| c.goals.iter().map(f).sum::<usize>();
    let counts = i18n::comparison_counts(
        count(|g| g.added.len()),
        count(|g| g.ended.len()),
        count(|g| g.changed.len()),
        count(|g| g.unchanged.len()),
        lang,
    );
    let costs = format!(
        "{}: {} → {}",
        T::EstimatedCost.get(lang),
        shared::format::czk(c.cost_total.earlier.0, lang),
        shared::format::czk(c.cost_total.later.0, lang)
    );
    let left: Vec<&Brief> = c
        .unimplemented
        .iter()
        .filter(|u| u.carried_into.is_none())
        .map(|u| &u.measure)
        .collect();
    let left = (!left.is_empty()).then(|| {
        let items = left
            .iter()
            .map(|m| view! { <li><span>{m.code.clone()}</span> " " <span lang="cs">{m.name.clone()}</span></li> })
            .collect_view();
        view! {
            <p>{T::UnimplementedNotCarried.get(lang)}</p>
            <ul>{items}</ul>
        }
    });
    Some(
        view! {
            <div class="comparison-summary" data-comparison=a.number>
                <p><strong>{i18n::compared_with(&c.earlier.name, lang)}</strong> {counts}</p>
                <p>{costs}</p>
                {left}
            </div>
        }
        .into_any(),
    )
}

/// Approving the draft `a`.
fn approve_form(a: &ActionPlan, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("approve-{}", a.number);
    let on = saver
        .field(
            format!("{id}-on"),
            T::ActionPlanApprovedOn.get(lang),
            "date",
            "",
        )
        .required();
    let resolution = saver
        .field(
            format!("{id}-resolution"),
            T::ActionPlanResolution.get(lang),
            "text",
            "",
        )
        .required();
    let values = (on.value, resolution.value);
    let (number, version) = (a.number, a.version);
    let form = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = json!({ "input": {
            "number": number,
            "version": version,
            "approvedOn": values.0.get_untracked(),
            "resolution": values.1.get_untracked(),
        }});
        saver.save_form(
            &form,
            queries::APPROVE_ACTION_PLAN,
            vars,
            T::ActionPlanApprovedDone,
        );
    };
    let title = format!("{id}-title");
    let labelled_by = title.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=title>{T::ActionPlanApprove.get(lang)} ": " {a.name.clone()}</h2>
            {comparison(a, lang)}
            <form class="form" id=id on:submit=submit>
                <div class="field-row">{fields(vec![on, resolution], lang)}</div>
                <div class="form-actions">
                    <button type="submit" class="button">{T::ActionPlanApprove.get(lang)}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}
