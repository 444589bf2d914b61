//! A draft's measures on `/sprava/akcni-plany`: carrying an earlier action plan's measures
//! over (all or one area's), ending one with a reason, adding a new one, editing one's name
//! and estimated cost, and the list of what the draft holds.

use leptos::prelude::*;
use serde::Deserialize;
use serde_json::json;
use shared::FundingSource;

use crate::components::form::{Field, fields};
use crate::components::staff::Saver;
use crate::i18n::{self, T};
use crate::queries;

/// A measure of the draft (`ActionPlan.draftMeasures`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DraftMeasure {
    code: String,
    name: String,
    version: i32,
    estimated_cost_text: String,
    carried_over: bool,
    funding_sources: Vec<FundingSource>,
    output_indicators: Vec<String>,
}

/// An area to carry over (`plan.areas`).
#[derive(Debug, Clone, Deserialize)]
pub(super) struct AreaName {
    code: String,
    name: String,
}

/// The draft `number`'s measures and the forms writing them; `earlier` is the approved action
/// plan they are carried over from (number, name).
pub(super) fn draft_measures(
    number: i32,
    earlier: Option<(i32, String)>,
    measures: &[DraftMeasure],
    areas: &[AreaName],
    saver: Saver,
) -> AnyView {
    let lang = saver.lang();
    let id = format!("draft-{number}-measures");
    let rows = measures
        .iter()
        .map(|m| {
            let origin = if m.carried_over {
                T::CarriedOverTag
            } else {
                T::NewMeasureTag
            };
            view! {
                <tr data-draft-measure=m.code.clone()>
                    <th scope="row">{m.code.clone()}</th>
                    <td lang="cs">{m.name.clone()}</td>
                    <td>{m.estimated_cost_text.clone()}</td>
                    <td><span class="tag" class:tag-key=!m.carried_over>{origin.get(lang)}</span></td>
                </tr>
            }
        })
        .collect_view();
    let table = (!measures.is_empty()).then(|| {
        view! {
            <div class="table-wrap" role="region" tabindex="0" aria-label=T::DraftMeasures.get(lang)>
                <table class="wave-table">
                    <thead><tr>
                        <th scope="col">{T::Code.get(lang)}</th>
                        <th scope="col">{T::Name.get(lang)}</th>
                        <th scope="col">{T::EstimatedCost.get(lang)}</th>
                        <th scope="col">{T::ActionPlanState.get(lang)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let title = format!("{id}-title");
    let labelled_by = title.clone();
    let carry = earlier
        .as_ref()
        .map(|(from, name)| carry_form(number, *from, name, areas, saver));
    let end = earlier.map(|(from, _)| end_form(number, from, saver));
    view! {
        <section aria-labelledby=labelled_by id=id>
            <h2 id=title>{T::DraftMeasures.get(lang)}</h2>
            <p class="hint">{T::DraftMeasuresLead.get(lang)}</p>
            {carry}
            {end}
            {add_form(number, saver)}
            {(!measures.is_empty()).then(|| edit_form(number, measures, saver))}
            {(!measures.is_empty()).then(|| lists_form(number, measures, saver))}
            {table}
        </section>
    }
    .into_any()
}

/// Carrying the measures of action plan `from` into draft `number`, all or one area's.
fn carry_form(
    number: i32,
    from: i32,
    from_name: &str,
    areas: &[AreaName],
    saver: Saver,
) -> AnyView {
    let lang = saver.lang();
    let id = format!("carry-{number}");
    let mut options = vec![(String::new(), T::AllAreas.get(lang).to_owned())];
    options.extend(
        areas
            .iter()
            .map(|a| (a.code.clone(), format!("{} {}", a.code, a.name))),
    );
    let area = saver
        .field(format!("{id}-area"), T::Area.get(lang), "select", "")
        .options(options);
    let value = area.value;
    let form = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let area = value.get_untracked();
        let vars = json!({ "input": {
            "actionPlan": number,
            "from": from,
            "area": (!area.is_empty()).then_some(area),
        }});
        saver.save_form(
            &form,
            queries::CARRY_OVER_MEASURES,
            vars,
            T::CarriedOverDone,
        );
    };
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{T::CarryOver.get(lang)} ": " {from_name.to_owned()}</h3>
            <div class="field-row">{fields(vec![area], lang)}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::CarryOver.get(lang)}</button>
            </div>
        </form>
    }
    .into_any()
}

/// Ending a measure of action plan `from` in draft `number`, with the reason.
fn end_form(number: i32, from: i32, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("end-{number}");
    let code = saver
        .field(format!("{id}-code"), T::Measure.get(lang), "text", "")
        .required();
    let reason = saver
        .field(format!("{id}-reason"), T::EndReason.get(lang), "text", "")
        .required();
    let values = (code.value, reason.value);
    let form = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = json!({ "input": {
            "actionPlan": number,
            "from": from,
            "measure": values.0.get_untracked().trim(),
            "reason": values.1.get_untracked(),
        }});
        saver.save_form(&form, queries::END_MEASURE, vars, T::EndedDone);
    };
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{T::EndMeasure.get(lang)}</h3>
            <p class="hint">{T::EndMeasureHint.get(lang)}</p>
            <div class="field-row">{fields(vec![code, reason], lang)}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::EndMeasure.get(lang)}</button>
            </div>
        </form>
    }
    .into_any()
}

/// A new measure of draft `number` under a specific goal.
fn add_form(number: i32, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("add-{number}");
    let goal = saver
        .field(
            format!("{id}-goal"),
            T::SpecificGoalCode.get(lang),
            "text",
            "",
        )
        .required();
    let name = saver
        .field(format!("{id}-name"), T::Name.get(lang), "text", "")
        .required();
    let values = (goal.value, name.value);
    let form = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = json!({ "input": {
            "actionPlan": number,
            "specificGoal": values.0.get_untracked().trim(),
            "name": values.1.get_untracked(),
        }});
        saver.save_form(&form, queries::ADD_MEASURE, vars, T::AddedDone);
    };
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{T::AddMeasure.get(lang)}</h3>
            <p class="hint">{T::AddMeasureHint.get(lang)}</p>
            <div class="field-row">{fields(vec![goal, name], lang)}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::AddMeasure.get(lang)}</button>
            </div>
        </form>
    }
    .into_any()
}

/// The choice of one of the draft's measures (`{form}-code`), the first chosen.
fn measure_choice(form: &str, measures: &[DraftMeasure], saver: Saver) -> Field {
    let first = measures.first().map(|m| m.code.clone()).unwrap_or_default();
    saver
        .field(
            format!("{form}-code"),
            T::Measure.get(saver.lang()),
            "select",
            &first,
        )
        .options(
            measures
                .iter()
                .map(|m| (m.code.clone(), format!("{} {}", m.code, m.name)))
                .collect(),
        )
}

/// Editing a draft measure's name and estimated cost (`updateMeasure` with the action plan).
fn edit_form(number: i32, measures: &[DraftMeasure], saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("edit-{number}");
    let code = measure_choice(&id, measures, saver);
    let name = saver.field(format!("{id}-name"), T::Name.get(lang), "text", "");
    let cost = saver.field(
        format!("{id}-cost"),
        T::EstimatedCostCzk.get(lang),
        "text",
        "",
    );
    let values = (code.value, name.value, cost.value);
    let versions: Vec<(String, i32)> = measures
        .iter()
        .map(|m| (m.code.clone(), m.version))
        .collect();
    let form = id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = values.0.get_untracked();
        let Some(version) = versions.iter().find(|(c, _)| *c == code).map(|(_, v)| *v) else {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        };
        let (name, cost) = (values.1.get_untracked(), values.2.get_untracked());
        let mut input = json!({ "actionPlan": number, "code": code, "version": version });
        if !name.trim().is_empty() {
            input["name"] = json!(name);
        }
        if !cost.trim().is_empty() {
            input["estimatedCost"] = json!(cost);
        }
        saver.save_form(
            &form,
            queries::UPDATE_MEASURE,
            json!({ "input": input }),
            T::MeasureSavedDone,
        );
    };
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{T::EditDraftMeasure.get(lang)}</h3>
            <div class="field-row">{fields(vec![code, name, cost], lang)}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::Save.get(lang)}</button>
            </div>
        </form>
    }
    .into_any()
}

/// Replacing a draft measure's funding sources and output indicators; the boxes show the
/// chosen measure's lists, so nothing is dropped unseen.
fn lists_form(number: i32, measures: &[DraftMeasure], saver: Saver) -> AnyView {
    let lang = saver.lang();
    let id = format!("lists-{number}");
    let code = measure_choice(&id, measures, saver);
    let chosen = code.value;
    let checked: Vec<(FundingSource, RwSignal<bool>)> = FundingSource::ALL
        .into_iter()
        .map(|s| (s, RwSignal::new(false)))
        .collect();
    let outputs = RwSignal::new(String::new());
    let lists: Vec<(String, i32, Vec<FundingSource>, Vec<String>)> = measures
        .iter()
        .map(|m| {
            (
                m.code.clone(),
                m.version,
                m.funding_sources.clone(),
                m.output_indicators.clone(),
            )
        })
        .collect();
    let lists = StoredValue::new(lists);
    let boxes = checked.clone();
    // The chosen measure's lists in the boxes.
    Effect::new(move |_| {
        let code = chosen.get();
        lists.with_value(|all| {
            if let Some((_, _, sources, names)) = all.iter().find(|(c, ..)| *c == code) {
                for (source, on) in &boxes {
                    on.set(sources.contains(source));
                }
                outputs.set(names.join("\n"));
            }
        });
    });
    let checkboxes = checked
        .iter()
        .map(|(source, on)| {
            let on = *on;
            let box_id = format!("{id}-{}", source.as_str());
            let label_for = box_id.clone();
            view! {
                <label class="check" for=label_for>
                    <input type="checkbox" id=box_id prop:checked=move || on.get()
                        on:change=move |ev| on.set(event_target_checked(&ev)) />
                    {i18n::funding_source(*source, lang)}
                </label>
            }
        })
        .collect_view();
    let form = id.clone();
    let outputs_id = format!("{id}-outputs");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = chosen.get_untracked();
        let Some(version) =
            lists.with_value(|all| all.iter().find(|(c, ..)| *c == code).map(|(_, v, ..)| *v))
        else {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        };
        let sources: Vec<FundingSource> = checked
            .iter()
            .filter(|(_, on)| on.get_untracked())
            .map(|(s, _)| *s)
            .collect();
        let names: Vec<String> = outputs
            .get_untracked()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        let vars = json!({ "input": {
            "actionPlan": number,
            "code": code,
            "version": version,
            "fundingSources": sources,
            "outputIndicators": names,
        }});
        saver.save_form(&form, queries::SET_MEASURE_LISTS, vars, T::MeasureSavedDone);
    };
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{T::MeasureLists.get(lang)}</h3>
            <div class="field-row">{fields(vec![code], lang)}</div>
            <fieldset class="checks">
                <legend>{T::FundingSources.get(lang)}</legend>
                {checkboxes}
            </fieldset>
            <div class="field">
                <label for=outputs_id.clone()>{T::OutputIndicatorsOnePerLine.get(lang)}</label>
                <textarea id=outputs_id rows="4" prop:value=move || outputs.get()
                    on:input=move |ev| outputs.set(event_target_value(&ev))></textarea>
            </div>
            <div class="form-actions">
                <button type="submit" class="button">{T::Save.get(lang)}</button>
            </div>
        </form>
    }
    .into_any()
}
