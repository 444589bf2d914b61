//! Plan management (`/sprava`, coordinators and admins): resolving conflicts between sources
//! (the valid statement and a reason; the others stay on record), and editing risks and
//! milestones. Every edit names the version it read; a `CONFLICT` reloads the current data.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use shared::format::Lang;

use crate::api::ClientError;
use crate::browser;
use crate::components::form::{Field, field, notice};
use crate::components::page::loading_article;
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::pages::entry::sign_in_first;
use crate::queries;
use crate::session::{SessionState, mutate_as, use_session};

#[derive(Debug, Clone, Deserialize)]
struct Data {
    conflicts: Vec<Conflict>,
    plan: Plan,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Plan {
    action_plans: Vec<ActionPlan>,
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
    subject_code: String,
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
    let lang = use_lang();
    let session = use_session();
    move || {
        let l = lang.get();
        match session.get() {
            SessionState::Unknown => loading_article("manage", T::ManageTitle.get(l).to_owned(), l),
            SessionState::SignedIn(me) if me.publishes() => view! { <Manage /> }.into_any(),
            SessionState::SignedIn(_) => {
                browser::page_settled();
                view! {
                    <article class="page" data-page="manage" data-state="ready">
                        <h1 tabindex="-1">{T::ManageTitle.get(l)}</h1>
                        <p class="notice">{T::PublishersOnly.get(l)}</p>
                    </article>
                }
                .into_any()
            }
            SessionState::Anonymous => sign_in_first("manage", T::ManageTitle, l),
        }
    }
}

/// What a save said, kept above the forms a reload rebuilds.
#[derive(Clone, Copy)]
struct Outcome(RwSignal<Option<Result<String, String>>>, RwSignal<u32>);

impl Outcome {
    /// Shows the result of a write and reloads the data (after a success or a `CONFLICT`).
    fn show(self, result: Result<serde_json::Value, ClientError>, ok: T, lang: Lang) {
        let Outcome(message, reload) = self;
        match result {
            Ok(_) => {
                message.set(Some(Ok(ok.get(lang).to_owned())));
                reload.update(|n| *n += 1);
            }
            Err(e @ ClientError::Conflict(_)) => {
                message.set(Some(Err(i18n::error_message(&e, lang))));
                reload.update(|n| *n += 1);
            }
            Err(e) => message.set(Some(Err(i18n::error_message(&e, lang)))),
        }
    }
}

#[component]
fn Manage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let outcome = Outcome(RwSignal::new(None), reload);
    let resource = LocalResource::new(move || {
        reload.track();
        mutate_as(
            session,
            queries::MANAGE,
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
            None => loading_article("manage", T::ManageTitle.get(l).to_owned(), l),
            Some(Err(e)) => view! {
                <article class="page" data-page="manage" data-state="error">
                    <h1 tabindex="-1">{T::ManageTitle.get(l)}</h1>
                    <p class="notice notice-error" role="alert">{i18n::error_message(&e, l)}</p>
                </article>
            }
            .into_any(),
            Some(Ok(data)) => {
                browser::set_title(&i18n::document_title(T::ManageTitle.get(l)));
                browser::page_settled();
                render(data, l, outcome)
            }
        }
    }
}

fn render(data: Data, lang: Lang, outcome: Outcome) -> AnyView {
    let conflicts = data
        .conflicts
        .into_iter()
        .map(|c| conflict_form(c, lang, outcome))
        .collect_view();
    let plans = data.plan.action_plans;
    let risks = plans
        .iter()
        .flat_map(|p| p.risks.iter().cloned())
        .map(|r| risk_form(r, lang, outcome))
        .collect_view();
    let milestones = plans
        .iter()
        .flat_map(|p| p.milestones.iter().cloned())
        .map(|m| milestone_form(m, lang, outcome))
        .collect_view();
    let message = outcome.0;
    view! {
        <article class="page" data-page="manage" data-state="ready">
            <h1 tabindex="-1">{T::ManageTitle.get(lang)}</h1>
            <p class="lead">{T::ManageLead.get(lang)}</p>
            <div class="flash" aria-live="polite">{move || message.get().map(notice)}</div>
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
        </article>
    }
    .into_any()
}

fn conflict_form(c: Conflict, lang: Lang, outcome: Outcome) -> AnyView {
    let session = use_session();
    let id = format!("conflict-{}", c.id);
    let chosen = RwSignal::new(
        c.statements
            .first()
            .map(|s| s.id.to_string())
            .unwrap_or_default(),
    );
    let reason = RwSignal::new(String::new());
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
    let record = serde_json::json!({ "id": c.id, "version": c.version });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = serde_json::json!({ "input": {
            "record": record,
            "statementId": chosen.get_untracked().parse::<i32>().unwrap_or(0),
            "reason": reason.get_untracked(),
        }});
        spawn_local(async move {
            outcome.show(
                mutate_as(session, queries::RESOLVE_CONFLICT, vars).await,
                T::Resolved,
                lang,
            );
        });
    };
    view! {
        <form class="form" id=id.clone() on:submit=submit>
            <h3>{c.subject_code}</h3>
            <p class="hint">{c.description}</p>
            {field(Field::new(format!("{id}-value"), T::ValidValue.get(lang), "select", chosen).options(options), lang)}
            {field(Field::new(format!("{id}-reason"), T::Reason.get(lang), "text", reason).required(), lang)}
            <button type="submit" class="button">{T::Resolve.get(lang)}</button>
        </form>
    }
    .into_any()
}

fn scale() -> Vec<(String, String)> {
    (1..=5).map(|n| (n.to_string(), n.to_string())).collect()
}

fn risk_form(r: Risk, lang: Lang, outcome: Outcome) -> AnyView {
    let session = use_session();
    let id = format!("risk-{}", r.id);
    let probability = RwSignal::new(r.probability.to_string());
    let impact = RwSignal::new(r.impact.to_string());
    let mitigation = RwSignal::new(r.mitigation.clone());
    let record = serde_json::json!({ "id": r.id, "version": r.version });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = serde_json::json!({ "input": {
            "record": record,
            "probability": probability.get_untracked().parse::<i32>().unwrap_or(0),
            "impact": impact.get_untracked().parse::<i32>().unwrap_or(0),
            "mitigation": mitigation.get_untracked(),
        }});
        spawn_local(async move {
            outcome.show(
                mutate_as(session, queries::UPDATE_RISK, vars).await,
                T::Saved,
                lang,
            );
        });
    };
    let fields = [
        Field::new(
            format!("{id}-p"),
            T::Probability.get(lang),
            "select",
            probability,
        )
        .options(scale()),
        Field::new(format!("{id}-i"), T::Impact.get(lang), "select", impact).options(scale()),
        Field::new(
            format!("{id}-m"),
            T::Mitigation.get(lang),
            "text",
            mitigation,
        )
        .required(),
    ]
    .into_iter()
    .map(|f| field(f, lang))
    .collect_view();
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{r.name}</h3>
            {fields}
            <button type="submit" class="button">{T::Save.get(lang)}</button>
        </form>
    }
    .into_any()
}

fn milestone_form(m: Milestone, lang: Lang, outcome: Outcome) -> AnyView {
    let session = use_session();
    let id = format!("milestone-{}", m.id);
    let period = RwSignal::new(m.period.clone());
    let from = RwSignal::new(m.period_from.clone());
    let to = RwSignal::new(m.period_to.clone());
    let text = RwSignal::new(m.text.clone());
    let record = serde_json::json!({ "id": m.id, "version": m.version });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let vars = serde_json::json!({ "input": {
            "record": record,
            "periodText": period.get_untracked(),
            "periodFrom": from.get_untracked(),
            "periodTo": to.get_untracked(),
            "text": text.get_untracked(),
        }});
        spawn_local(async move {
            outcome.show(
                mutate_as(session, queries::UPDATE_MILESTONE, vars).await,
                T::Saved,
                lang,
            );
        });
    };
    let fields = [
        Field::new(
            format!("{id}-period"),
            T::PeriodText.get(lang),
            "text",
            period,
        )
        .required(),
        Field::new(format!("{id}-from"), T::PeriodFrom.get(lang), "date", from).required(),
        Field::new(format!("{id}-to"), T::PeriodTo.get(lang), "date", to).required(),
        Field::new(format!("{id}-text"), T::TextLabel.get(lang), "text", text).required(),
    ]
    .into_iter()
    .map(|f| field(f, lang))
    .collect_view();
    view! {
        <form class="form" id=id on:submit=submit>
            <div class="field-row">{fields}</div>
            <button type="submit" class="button">{T::Save.get(lang)}</button>
        </form>
    }
    .into_any()
}
