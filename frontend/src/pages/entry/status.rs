//! A measure's status at a date: its group, the reports submitted out of those expected, the
//! activity, the implementer and the period, saved as a draft for a coordinator.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::{Value, json};
use shared::format::Lang;

use super::{Flash, Measure, Status, date_text, measure_link, saved, status_text};
use crate::browser;
use crate::components::form::{Field, field, notice};
use crate::components::link::link;
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::queries;
use crate::routes::Route;
use crate::session::{mutate_as, use_session};

/// What the form holds while the user types, starting from the measure's current status.
#[derive(Clone, Copy)]
struct Inputs {
    date: RwSignal<String>,
    kind: RwSignal<String>,
    reports: RwSignal<String>,
    reports_of: RwSignal<String>,
    activity: RwSignal<String>,
    organisation: RwSignal<String>,
    period_from: RwSignal<String>,
    period_to: RwSignal<String>,
}

impl Inputs {
    fn new(current: Option<&Status>) -> Inputs {
        let from = |f: fn(&Status) -> Option<String>, default: &str| {
            RwSignal::new(current.and_then(f).unwrap_or_else(|| default.to_owned()))
        };
        Inputs {
            date: RwSignal::new(browser::today().to_string()),
            kind: from(|s| Some(s.kind.clone()), "IN_PROGRESS"),
            reports: from(|s| s.reports.map(|n| n.to_string()), ""),
            reports_of: from(|s| s.reports_of.map(|n| n.to_string()), ""),
            activity: from(|s| Some(s.activity.clone()), "NON_PROJECT"),
            organisation: from(|s| s.implementer.as_ref().map(|i| i.id.to_string()), ""),
            period_from: from(|s| s.period_from.clone(), ""),
            period_to: from(|s| s.period_to.clone(), ""),
        }
    }

    /// The `setMeasureStatus` input for measure `code`; empty numbers and dates are null.
    fn variables(&self, code: &str) -> Value {
        let number = |s: RwSignal<String>| s.get_untracked().trim().parse::<i32>().ok();
        let optional = |s: RwSignal<String>| Some(s.get_untracked()).filter(|s| !s.is_empty());
        json!({ "input": {
            "measure": code,
            "refDate": self.date.get_untracked(),
            "status": self.kind.get_untracked(),
            "reports": number(self.reports),
            "reportsOf": number(self.reports_of),
            "activity": self.activity.get_untracked(),
            "organisationId": number(self.organisation),
            "periodFrom": optional(self.period_from),
            "periodTo": optional(self.period_to),
            "publish": false,
        }})
    }

    fn fields(&self, id: &str, organisations: Vec<(String, String)>, l: Lang) -> Vec<Field> {
        let kinds = shared::status::StatusKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_owned(), i18n::status_kind(k, l).to_owned()))
            .collect();
        let activities = vec![
            ("PROJECT".to_owned(), T::ProjectActivity.get(l).to_owned()),
            (
                "NON_PROJECT".to_owned(),
                T::NonProjectActivity.get(l).to_owned(),
            ),
        ];
        let input = |suffix: &str, label: T, kind: &'static str, value| {
            Field::new(format!("{id}-{suffix}"), label.get(l), kind, value)
        };
        vec![
            input("date", T::Date, "date", self.date).required(),
            input("kind", T::StatusFormTitle, "select", self.kind).options(kinds),
            input("n", T::ReportsDone, "number", self.reports),
            input("of", T::ReportsOf, "number", self.reports_of),
            input("activity", T::Activity, "select", self.activity).options(activities),
            input("org", T::Implementer, "select", self.organisation).options(organisations),
            input("from", T::ProjectFrom, "date", self.period_from),
            input("to", T::ProjectTo, "date", self.period_to),
        ]
    }
}

#[component]
pub(super) fn StatusForm(
    measure: Measure,
    organisations: Vec<(String, String)>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let flash = use_context::<Flash>();
    let inputs = Inputs::new(measure.status.as_ref());
    let message = RwSignal::new(None::<Result<String, String>>);
    let code = measure.code.clone();
    let id = format!("status-{}", measure.code);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let vars = inputs.variables(&code);
        spawn_local(async move {
            Flash::clear(flash);
            match mutate_as(session, queries::SET_STATUS, vars).await {
                Ok(_) => saved(flash, T::Saved.get(l).to_owned(), reload),
                Err(e) => message.set(Some(Err(i18n::error_message(&e, l)))),
            }
        });
    };
    let l = lang.get_untracked();
    let current_text = measure.status.as_ref().map(|s| {
        format!(
            "{} ({})",
            status_text(&s.kind, s.reports, s.reports_of, l),
            date_text(&s.date, l)
        )
    });
    let fields = inputs
        .fields(&id, organisations, l)
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
