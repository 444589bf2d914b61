//! A monitoring wave of one specific goal: the date, the source and a value per impact
//! indicator, saved as drafts (or published at once by a coordinator). What the user typed
//! survives a reload, so after a `CONFLICT` they check the current data and save again.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};
use shared::format::{self, Lang};
use shared::validate::Rule;

use super::{Flash, Goal, Indicator, Recorded, Typed, date_text, reloaded, saved};
use crate::api::ClientError;
use crate::components::form::{Field, field, notice};
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::logic::entry::{count_problem, indicator_value};
use crate::queries;
use crate::session::{SessionState, mutate_as, use_session};

/// What the form holds while the user types.
#[derive(Clone)]
struct Inputs {
    form_id: String,
    date: RwSignal<String>,
    note: RwSignal<String>,
    /// One text per indicator, by indicator id.
    values: Vec<(i32, RwSignal<String>)>,
}

impl Inputs {
    /// The inputs, with what the user typed before the last reload.
    fn new(goal: &Goal, typed: Option<Typed>, default_date: String) -> Inputs {
        let form_id = format!("wave-{}", goal.code);
        let kept = |id: String, default: String| {
            typed
                .and_then(|Typed(t)| t.with_value(|m| m.get(&id).cloned()))
                .unwrap_or(default)
        };
        Inputs {
            date: RwSignal::new(kept(format!("{form_id}-date"), default_date)),
            note: RwSignal::new(kept(format!("{form_id}-note"), String::new())),
            values: goal
                .impact_indicators
                .iter()
                .map(|i| {
                    let typed = kept(format!("{form_id}-i{}", i.id), String::new());
                    (i.id, RwSignal::new(typed))
                })
                .collect(),
            form_id,
        }
    }

    /// Every input's text by its id, as [`Typed`] keeps them.
    fn typed(&self) -> Vec<(String, String)> {
        let id = &self.form_id;
        let mut all = vec![
            (format!("{id}-date"), self.date.get_untracked()),
            (format!("{id}-note"), self.note.get_untracked()),
        ];
        all.extend(
            self.values
                .iter()
                .map(|(i, text)| (format!("{id}-i{i}"), text.get_untracked())),
        );
        all
    }

    /// The values entered, each naming the value it replaces at the date (`recorded`); an
    /// empty input is no value. `Err` when a typed value breaks its rule.
    fn entered(&self, recorded: &Recorded) -> Result<Vec<Value>, ()> {
        let date = self.date.get_untracked();
        let mut entered = Vec::new();
        for (id, text) in &self.values {
            let read = recorded.get(&(*id, date.clone()));
            match indicator_value(&text.get_untracked()) {
                Ok(Some(v)) => entered.push(json!({
                    "indicatorId": id,
                    "value": v,
                    "id": read.map(|(record, _, _)| record),
                    "version": read.map(|(_, version, _)| version),
                })),
                Ok(None) => {}
                Err(_) => return Err(()),
            }
        }
        Ok(entered)
    }

    fn fields(&self, goal: &Goal, recorded: StoredValue<Recorded>, l: Lang) -> Vec<Field> {
        let id = &self.form_id;
        let mut fields = vec![
            Field::new(format!("{id}-date"), T::RefDate.get(l), "date", self.date).required(),
            Field::new(
                format!("{id}-note"),
                T::SourceNote.get(l),
                "text",
                self.note,
            )
            .hint(T::SourceNoteHint.get(l).to_owned())
            .required(),
        ];
        let date = self.date.get_untracked();
        for (indicator, (i, text)) in goal.impact_indicators.iter().zip(&self.values) {
            let at_date = recorded.with_value(|r| r.get(&(*i, date.clone())).and_then(|r| r.2));
            let f = Field::new(
                format!("{id}-i{i}"),
                &format!("{} ({})", indicator.name, indicator.unit),
                "text",
                *text,
            )
            .check(count_problem);
            fields.push(match value_hint(indicator, at_date, l) {
                Some(hint) => f.hint(hint),
                None => f,
            });
        }
        fields
    }
}

/// What an indicator's input says beside it: the value already recorded at the chosen date,
/// else the latest published one with its date.
fn value_hint(indicator: &Indicator, at_date: Option<f64>, l: Lang) -> Option<String> {
    if let Some(v) = at_date {
        return Some(format!(
            "{}: {}",
            T::RecordedAtDate.get(l),
            format::number_auto(v, l)
        ));
    }
    let (date, v) = indicator
        .values
        .iter()
        .rev()
        .find_map(|r| r.value.map(|v| (&r.date, v)))?;
    Some(format!(
        "{}: {} ({})",
        T::LatestValue.get(l),
        format::number_auto(v, l),
        date_text(date, l)
    ))
}

/// Where a save reports back to.
#[derive(Clone, Copy)]
struct Outcome {
    session: RwSignal<SessionState>,
    flash: Option<Flash>,
    typed: Option<Typed>,
    reload: RwSignal<u32>,
    message: RwSignal<Option<Result<String, String>>>,
}

impl Outcome {
    /// Sends the wave. Saved: the typed values are forgotten and the data reload. `CONFLICT`
    /// (someone recorded or changed a value of this date meanwhile): the data reload with the
    /// typed values kept, and the user saves again.
    async fn send(self, vars: Value, form_id: String, publish: bool, l: Lang) {
        Flash::clear(self.flash);
        match mutate_as(self.session, queries::RECORD_WAVE, vars).await {
            Ok(_) => {
                if let Some(Typed(t)) = self.typed {
                    t.update_value(|m| m.retain(|k, _| !k.starts_with(&format!("{form_id}-"))));
                }
                let text = if publish { T::SavedPublished } else { T::Saved };
                saved(self.flash, text.get(l).to_owned(), self.reload);
            }
            Err(ClientError::Conflict(_)) => reloaded(
                self.flash,
                Err(T::ConflictReloaded.get(l).to_owned()),
                self.reload,
            ),
            Err(e) => self.message.set(Some(Err(i18n::error_message(&e, l)))),
        }
    }
}

#[component]
pub(super) fn WaveForm(
    goal: Goal,
    publishes: bool,
    reload: RwSignal<u32>,
    recorded: StoredValue<Recorded>,
    /// The date the values refer to until the user changes it: the wave's, else today.
    default_date: String,
) -> impl IntoView {
    let l = use_lang().get_untracked();
    let typed = use_context::<Typed>();
    let inputs = Inputs::new(&goal, typed, default_date);
    let publish_now = RwSignal::new(false);
    let outcome = Outcome {
        session: use_session(),
        flash: use_context::<Flash>(),
        typed,
        reload,
        message: RwSignal::new(None),
    };
    let fields = inputs.fields(&goal, recorded, l);
    let form_id = inputs.form_id.clone();
    let goal_code = goal.code.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(Typed(t)) = typed {
            t.update_value(|m| m.extend(inputs.typed()));
        }
        let entered = match recorded.with_value(|r| inputs.entered(r)) {
            Ok(entered) if entered.is_empty() => {
                outcome.message.set(Some(Err(Rule::Required.message(l))));
                return;
            }
            Ok(entered) => entered,
            Err(()) => {
                outcome
                    .message
                    .set(Some(Err(T::FixErrors.get(l).to_owned())));
                return;
            }
        };
        let publish = publishes && publish_now.get_untracked();
        let vars = json!({ "input": {
            "specificGoal": goal_code,
            "refDate": inputs.date.get_untracked(),
            "sourceNote": inputs.note.get_untracked(),
            "values": entered,
            "publish": publish,
        }});
        spawn_local(outcome.send(vars, inputs.form_id.clone(), publish, l));
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
            {move || outcome.message.get().map(notice)}
        </form>
    }
}
