//! Editing a specific goal (`/sprava/cil/2.1.3`, coordinators and admins): the targets of its
//! impact indicators (the plan's own, corrected in place, and revisions from a date with their
//! reason, each withdrawable), its yearly summaries and internal notes, each with a link to its
//! history.

use leptos::prelude::*;
use serde::Deserialize;
use serde_json::{Value, json};
use shared::format::{self, Lang};

use crate::components::form::field;
use crate::components::goal::revisions_list;
use crate::components::link::link;
use crate::components::staff::{Note, Saver, StaffSpec, history_link, notes_section, staff_view};
use crate::i18n::{self, T};
use crate::logic::entry::{count_problem, indicator_value};
use crate::queries;
use crate::routes::Route;
use crate::session::Me;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Data {
    specific_goal: Goal,
    internal_notes: Vec<Note>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Goal {
    code: String,
    target_text: String,
    impact_indicators: Vec<Indicator>,
    summaries: Vec<Summary>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Indicator {
    id: i32,
    version: i32,
    name: String,
    unit: String,
    plan_target: Option<f64>,
    plan_target_text: Option<String>,
    target_revisions: Vec<Revision>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Revision {
    id: i32,
    version: i32,
    valid_from: String,
    target: Option<f64>,
    reason: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Summary {
    id: i32,
    version: i32,
    year: i32,
    title: String,
    text: String,
}

/// The goal-editing page.
#[component]
pub fn EditGoalPage() -> impl IntoView {
    let spec = StaffSpec::of_code(
        "edit-goal",
        T::EditGoal,
        T::SpecificGoal,
        Me::publishes,
        queries::EDIT_GOAL,
    );
    staff_view(spec, render)
}

fn render(data: Data, _: &Me, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let goal = data.specific_goal;
    let public = goal
        .code
        .parse()
        .ok()
        .map(|c| link(&Route::Goal(c), T::PublicPage.get(lang).into_any()));
    let targets = goal
        .impact_indicators
        .into_iter()
        .map(|i| {
            view! {
                <div class="indicator-targets">
                    {target_form(&i, saver)}
                    {revisions(&i, saver)}
                    {revise_form(&i, saver)}
                </div>
            }
        })
        .collect_view();
    let summaries = goal
        .summaries
        .iter()
        .map(|s| summary_form(&goal.code, Some(s), saver))
        .collect_view();
    let new_summary = summary_form(&goal.code, None, saver);
    let notes = notes_section(
        "SPECIFIC_GOAL",
        &goal.code,
        data.internal_notes,
        true,
        saver,
    );
    view! {
        <p class="lead doc-text" lang="cs">{goal.target_text}</p>
        <p class="page-links">{public}</p>
        <section aria-labelledby="targets-title">
            <h2 id="targets-title">{T::TargetsTitle.get(lang)}</h2>
            {targets}
        </section>
        <section aria-labelledby="summaries-title">
            <h2 id="summaries-title">{T::SummariesTitle.get(lang)}</h2>
            {summaries}
            {new_summary}
        </section>
        {notes}
    }
    .into_any()
}

/// The plan's own target, corrected in place (a transcription error); a change of the target
/// itself is a revision ([`revise_form`]).
fn target_form(i: &Indicator, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("target-{}", i.id);
    let saved_value = i
        .plan_target
        .map(|v| format::number_auto(v, Lang::Cs))
        .unwrap_or_default();
    let saved_text = i.plan_target_text.clone().unwrap_or_default();
    let value = saver
        .field(
            format!("{id}-value"),
            T::Target.get(lang),
            "text",
            &saved_value,
        )
        .check(count_problem)
        .hint(i.unit.clone());
    let text = saver.field(
        format!("{id}-text"),
        T::TargetWording.get(lang),
        "text",
        &saved_text,
    );
    let (value_s, text_s) = (value.value, text.value);
    let record = json!({ "id": i.id, "version": i.version });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(number) = indicator_value(&value_s.get_untracked()) else {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        };
        let mut input = json!({ "record": record, "targetValue": number });
        let typed = text_s.get_untracked();
        if typed.trim() != saved_text.trim() {
            input["targetText"] = Value::String(typed);
        }
        saver.save(
            queries::UPDATE_TARGET,
            json!({ "input": input }),
            T::Changed,
        );
    };
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{i.name.clone()}</h3>
            <p class="hint">{T::PlanTargetTitle.get(lang)}</p>
            <div class="field-row">{field(value, lang)}{field(text, lang)}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::Save.get(lang)}</button>
                {history_link("impact_indicator", i.id, lang)}
            </div>
        </form>
    }
    .into_any()
}

/// The indicator's revisions, each with a button that withdraws it.
fn revisions(i: &Indicator, saver: Saver) -> Option<AnyView> {
    let lang = saver.lang();
    if i.target_revisions.is_empty() {
        return None;
    }
    let items = i
        .target_revisions
        .iter()
        .map(|r| {
            let record = json!({ "id": r.id, "version": r.version });
            let withdraw = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                saver.save(
                    queries::WITHDRAW_REVISION,
                    json!({ "record": record }),
                    T::RevisionWithdrawn,
                );
            };
            let when = r
                .valid_from
                .parse()
                .map_or_else(|_| r.valid_from.clone(), |d| i18n::in_force_from(d, lang));
            let value = i18n::target_value(r.target, &i.unit, lang);
            view! {
                <li>
                    <form class="revision" id=format!("revision-{}", r.id) on:submit=withdraw>
                        {when} ": " <strong>{value}</strong> " "
                        <span class="doc-text" lang="cs">{r.reason.clone()}</span> " "
                        <button type="submit" class="button">{T::WithdrawRevision.get(lang)}</button>
                        {history_link("target_revision", r.id, lang)}
                    </form>
                </li>
            }
        })
        .collect_view();
    Some(revisions_list(items.into_any(), lang))
}

/// A new revision of the indicator's target: from a date, the number and wording, the reason.
fn revise_form(i: &Indicator, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("revise-{}", i.id);
    let from = saver
        .field(format!("{id}-from"), T::ValidFrom.get(lang), "date", "")
        .required();
    let value = saver
        .field(format!("{id}-value"), T::Target.get(lang), "text", "")
        .check(count_problem)
        .hint(i.unit.clone());
    let text = saver.field(format!("{id}-text"), T::TargetWording.get(lang), "text", "");
    let reason = saver
        .field(
            format!("{id}-reason"),
            T::RevisionReason.get(lang),
            "textarea",
            "",
        )
        .required();
    let values = [from.value, value.value, text.value, reason.value];
    let record = json!({ "id": i.id, "version": i.version });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let [from, value, text, reason] = values.map(|v| v.get_untracked());
        let Ok(number) = indicator_value(&value) else {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        };
        let text = Some(text).filter(|t| !t.trim().is_empty());
        let vars = json!({ "input": {
            "record": record,
            "validFrom": from,
            "targetValue": number,
            "targetText": text,
            "reason": reason,
        }});
        saver.save(queries::REVISE_TARGET, vars, T::Revised);
    };
    view! {
        <form class="form" id=id on:submit=submit>
            <h4>{T::ReviseTarget.get(lang)}</h4>
            <p class="hint">{T::ReviseTargetLead.get(lang)}</p>
            <div class="field-row">{field(from, lang)}{field(value, lang)}</div>
            {field(text, lang)}
            {field(reason, lang)}
            <div class="form-actions">
                <button type="submit" class="button">{T::ReviseTarget.get(lang)}</button>
            </div>
        </form>
    }
    .into_any()
}

fn summary_form(goal: &str, s: Option<&Summary>, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = s.map_or_else(|| "summary-new".to_owned(), |s| format!("summary-{}", s.id));
    let year = saver
        .field(
            format!("{id}-year"),
            T::Year.get(lang),
            "number",
            &s.map(|s| s.year.to_string()).unwrap_or_default(),
        )
        .required();
    let title = saver
        .field(
            format!("{id}-title"),
            T::TitleLabel.get(lang),
            "text",
            &s.map(|s| s.title.clone()).unwrap_or_default(),
        )
        .required();
    let text = saver
        .field(
            format!("{id}-text"),
            T::TextLabel.get(lang),
            "textarea",
            &s.map(|s| s.text.clone()).unwrap_or_default(),
        )
        .required();
    let values = [year.value, title.value, text.value];
    let record = s.map(|s| json!({ "id": s.id, "version": s.version }));
    let goal = goal.to_owned();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let [year, title, text] = values.map(|v| v.get_untracked());
        let Ok(year) = year.trim().parse::<i32>() else {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        };
        let vars = json!({ "input": {
            "specificGoal": goal,
            "record": record,
            "year": year,
            "title": title,
            "text": text,
        }});
        saver.save(queries::SAVE_SUMMARY, vars, T::Changed);
    };
    let heading = s.map_or_else(
        || T::NewSummary.get(lang).to_owned(),
        |s| s.year.to_string(),
    );
    let history = s.map(|s| history_link("summary", s.id, lang));
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{heading}</h3>
            {field(year, lang)}
            {field(title, lang)}
            {field(text, lang)}
            <div class="form-actions">
                <button type="submit" class="button">{T::Save.get(lang)}</button>
                {history}
            </div>
        </form>
    }
    .into_any()
}
