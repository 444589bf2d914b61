//! The frame of the staff pages that edit the plan: who may see the page, the one request that
//! loads its data (signed in, so internal data come along), and the [`Saver`] every form of the
//! page saves through.
//!
//! A save clears the last outcome, reloads the data and shows its outcome above the forms once
//! the forms are rebuilt on the reloaded data (so nothing typed after the message is lost to a
//! rebuild still on its way). After a `CONFLICT` the forms
//! are rebuilt on the current data but keep what the user typed, and each field whose saved
//! value changed meanwhile names that value, so the user sees what changed and saves again.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use shared::format::Lang;

use crate::api::ClientError;
use crate::browser;
use crate::components::form::{Field, field, notice};
use crate::components::page::{loading_article, not_found_article};
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::routes::Route;
use crate::session::{Me, SessionState, mutate_as, use_session};

/// What a staff page is, who may open it and what it loads.
pub struct StaffSpec {
    /// The `data-page` name.
    pub page: &'static str,
    /// The page's heading in every state.
    pub heading: Box<dyn Fn(Lang) -> String + Send + Sync>,
    /// Whether the signed-in user may open the page.
    pub allowed: fn(&Me) -> bool,
    /// What the page says to a signed-in user who may not.
    pub denied: T,
    /// For pages of one record: what kind it is and its code, for the not-found page.
    pub record: Option<(T, String)>,
    /// The GraphQL document the page sends, signed in.
    pub query: &'static str,
    pub variables: serde_json::Value,
}

impl StaffSpec {
    /// The page of one record named by the route's `:code` (`/sprava/cil/2.1.3`): headed
    /// "`heading` 2.1.3", sending `query` with `{"code": …}`, for whom `allowed` says.
    pub fn of_code(
        page: &'static str,
        heading: T,
        kind: T,
        allowed: fn(&Me) -> bool,
        query: &'static str,
    ) -> StaffSpec {
        let code = leptos_router::hooks::use_params_map()
            .read_untracked()
            .get("code")
            .unwrap_or_default();
        let shown = code.clone();
        StaffSpec {
            page,
            heading: Box::new(move |lang| format!("{} {shown}", heading.get(lang))),
            allowed,
            denied: T::PublishersOnly,
            record: Some((kind, code.clone())),
            query,
            variables: serde_json::json!({ "code": code }),
        }
    }
}

/// The outcome of a save that reloads a page's data, held until the data of that reload are on
/// screen: a message shown at once would invite typing into forms that the reload is about to
/// rebuild.
#[derive(Clone, Copy)]
pub struct AfterReload(StoredValue<Option<(u32, Result<String, String>)>>);

impl AfterReload {
    pub fn new() -> AfterReload {
        AfterReload(StoredValue::new(None))
    }

    /// Starts the next reload of `reload` and keeps `outcome` for its data.
    pub fn reload_then(self, reload: RwSignal<u32>, outcome: Result<String, String>) {
        let next = reload.get_untracked().wrapping_add(1);
        self.0.set_value(Some((next, outcome)));
        reload.set(next);
    }

    /// Shows in `message` the outcome kept for the data of reload `number`, now on screen.
    pub fn loaded(self, number: Option<u32>, message: RwSignal<Option<Result<String, String>>>) {
        if let Some((_, outcome)) = self
            .0
            .try_update_value(|a| a.take_if(|(n, _)| Some(*n) == number))
            .flatten()
        {
            message.set(Some(outcome));
        }
    }
}

impl Default for AfterReload {
    fn default() -> AfterReload {
        AfterReload::new()
    }
}

/// Saves the page's forms: remembers what was typed, shows the outcome and reloads the data.
#[derive(Clone, Copy)]
pub struct Saver {
    session: RwSignal<SessionState>,
    message: RwSignal<Option<Result<String, String>>>,
    reload: RwSignal<u32>,
    after_reload: AfterReload,
    /// What the user typed into each field (by input id) before a conflict reload.
    typed: StoredValue<HashMap<String, String>>,
    /// What the user typed into the other forms of the page when one of them was saved
    /// ([`Saver::save_form`]): kept through the reload, without a hint.
    kept: StoredValue<HashMap<String, String>>,
    /// The fields of the forms on screen now.
    fields: StoredValue<Vec<(String, RwSignal<String>)>>,
    lang: Lang,
}

impl Saver {
    /// A field holding `saved`, or what the user typed before a conflict reload; then its
    /// hint names the value saved now.
    pub fn field(self, id: String, label: &str, kind: &'static str, saved: &str) -> Field {
        let typed = self.typed.with_value(|t| t.get(&id).cloned());
        let kept = self.kept.with_value(|k| k.get(&id).cloned());
        let value = RwSignal::new(typed.clone().or(kept).unwrap_or_else(|| saved.to_owned()));
        self.fields.update_value(|f| f.push((id.clone(), value)));
        let field = Field::new(id, label, kind, value);
        match typed {
            Some(t) if t != saved => {
                let shown = if saved.is_empty() { "—" } else { saved };
                field.hint(format!("{} {shown}", T::SavedNow.get(self.lang)))
            }
            _ => field,
        }
    }

    /// Sends `query` with `variables` and says `ok` when it succeeds.
    pub fn save(self, query: &'static str, variables: serde_json::Value, ok: T) {
        self.send(None, query, variables, ok);
    }

    /// [`Saver::save`] for one form of a page of many (its fields' ids start with `form`):
    /// what was typed into the other forms and not saved yet stays after the reload.
    pub fn save_form(self, form: &str, query: &'static str, variables: serde_json::Value, ok: T) {
        self.send(Some(form.to_owned()), query, variables, ok);
    }

    fn send(self, form: Option<String>, query: &'static str, variables: serde_json::Value, ok: T) {
        self.message.set(None);
        let typed: HashMap<String, String> = self.fields.with_value(|f| {
            f.iter()
                .filter_map(|(id, v)| v.try_get_untracked().map(|v| (id.clone(), v)))
                .collect()
        });
        spawn_local(async move {
            let result = mutate_as(self.session, query, variables).await;
            let lang = self.lang;
            match result {
                Ok(_) => {
                    self.typed.set_value(HashMap::new());
                    let others = match &form {
                        Some(form) => typed
                            .iter()
                            .filter(|(id, _)| !id.starts_with(form.as_str()))
                            .map(|(id, v)| (id.clone(), v.clone()))
                            .collect(),
                        None => HashMap::new(),
                    };
                    self.kept.set_value(others);
                    self.reload_then(Ok(ok.get(lang).to_owned()));
                }
                Err(ClientError::Conflict(_)) => {
                    self.typed.set_value(typed);
                    self.reload_then(Err(T::ConflictReloaded.get(lang).to_owned()));
                }
                Err(e) => self.message.set(Some(Err(i18n::error_message(&e, lang)))),
            }
        });
    }

    /// Reloads the page's data and says `outcome` when they are on screen.
    fn reload_then(self, outcome: Result<String, String>) {
        self.after_reload.reload_then(self.reload, outcome);
    }

    /// Says `problem` without sending anything (a form the app can tell is wrong).
    pub fn refuse(self, problem: String) {
        self.message.set(Some(Err(problem)));
    }

    pub fn lang(self) -> Lang {
        self.lang
    }
}

/// A staff page: the session decides between sign-in, refusal and the page; the page loads
/// `spec.query` signed in, decodes it as `D` and `render` builds the forms under the heading.
pub fn staff_view<D, R>(spec: StaffSpec, render: R) -> impl IntoView
where
    D: DeserializeOwned + 'static,
    R: Fn(D, &Me, Saver) -> AnyView + Send + Sync + 'static,
{
    let lang = use_lang();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let message = RwSignal::new(None::<Result<String, String>>);
    let typed = StoredValue::new(HashMap::new());
    let kept = StoredValue::new(HashMap::new());
    let fields = StoredValue::new(Vec::new());
    let (query, variables, allowed) = (spec.query, spec.variables.clone(), spec.allowed);
    let after_reload = AfterReload::new();
    // Each answer carries the number of the reload it answers; none is asked for before the
    // session says the user may (an answer of then is no answer once the user may).
    let resource = LocalResource::new(move || {
        let number = reload.get();
        let may = session.with(|s| s.me().is_some_and(allowed));
        let variables = variables.clone();
        async move {
            let answer = if may {
                Some(mutate_as(session, query, variables).await)
            } else {
                None
            };
            (number, answer)
        }
    });
    move || {
        let l = lang.get();
        let heading = (spec.heading)(l);
        let me = match session.get() {
            SessionState::Unknown => return loading_article(spec.page, heading, l),
            SessionState::Anonymous => return sign_in_first(spec.page, heading, l),
            SessionState::SignedIn(me) => me,
        };
        browser::set_title(&i18n::document_title(&heading));
        if !allowed(&me) {
            browser::page_settled();
            return view! {
                <article class="page" data-page=spec.page data-state="ready">
                    <h1 tabindex="-1">{heading}</h1>
                    <p class="notice">{spec.denied.get(l)}</p>
                </article>
            }
            .into_any();
        }
        let loaded = resource.get();
        let number = loaded.as_ref().map(|(n, _)| *n);
        let decoded = loaded.and_then(|(_, answer)| answer).map(|answer| {
            answer.and_then(|v| {
                serde_json::from_value::<D>(v).map_err(|e| ClientError::Decode(e.to_string()))
            })
        });
        match decoded {
            None => loading_article(spec.page, heading, l),
            Some(Err(ClientError::NotFound(_))) if spec.record.is_some() => {
                let (kind, code) = spec.record.clone().unwrap_or((T::Measure, String::new()));
                not_found_article(Some(i18n::missing_record(kind, &code, l)), l)
            }
            Some(Err(e)) => {
                browser::page_settled();
                view! {
                    <article class="page" data-page=spec.page data-state="error">
                        <h1 tabindex="-1">{heading}</h1>
                        <p class="notice notice-error" role="alert">{i18n::error_message(&e, l)}</p>
                    </article>
                }
                .into_any()
            }
            Some(Ok(data)) => {
                fields.set_value(Vec::new());
                let saver = Saver {
                    session,
                    message,
                    reload,
                    after_reload,
                    typed,
                    kept,
                    fields,
                    lang: l,
                };
                let body = render(data, &me, saver);
                // The outcome of the save that asked for these data, now that they are here.
                after_reload.loaded(number, message);
                browser::page_settled();
                view! {
                    <article class="page" data-page=spec.page data-state="ready">
                        <h1 tabindex="-1">{heading}</h1>
                        <div class="flash" aria-live="polite">{move || message.get().map(notice)}</div>
                        {body}
                    </article>
                }
                .into_any()
            }
        }
    }
}

/// The page's article for a visitor who has not signed in: a link to sign in.
pub fn sign_in_first(page: &'static str, heading: String, lang: Lang) -> AnyView {
    browser::set_title(&i18n::document_title(&heading));
    browser::page_settled();
    view! {
        <article class="page" data-page=page data-state="ready">
            <h1 tabindex="-1">{heading}</h1>
            <p class="notice">{T::SignInFirst.get(lang)}</p>
            <p>{crate::components::link::link(&Route::Login, T::NavLogin.get(lang).into_any())}</p>
        </article>
    }
    .into_any()
}

/// A link to a record's history page.
pub fn history_link(entity: &'static str, id: i32, lang: Lang) -> AnyView {
    crate::components::link::link(&Route::History(entity, id), T::History.get(lang).into_any())
}

/// An organisation as the staff forms offer it.
#[derive(Debug, Clone, Deserialize)]
pub struct Organisation {
    pub id: i32,
    pub name: String,
}

/// The organisations of `me` or of `plan` in a response.
#[derive(Debug, Clone, Deserialize)]
pub struct Organisations {
    pub organisations: Vec<Organisation>,
}

/// The organisations a form offers as `(id, name)`: `own` where given (an implementer's, whose
/// role reports for its own organisations only), else all of the plan's; first a "none" choice
/// where `none` gives its text.
pub fn organisation_choices(
    own: Option<Organisations>,
    plan: Organisations,
    none: Option<&str>,
) -> Vec<(String, String)> {
    let own = own.map(|m| m.organisations).unwrap_or_default();
    let choices = if own.is_empty() {
        plan.organisations
    } else {
        own
    };
    none.map(|n| (String::new(), n.to_owned()))
        .into_iter()
        .chain(choices.into_iter().map(|o| (o.id.to_string(), o.name)))
        .collect()
}

/// An internal note as the staff pages list it.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Note {
    pub text: String,
    pub author_name: String,
    pub created_at: String,
}

/// The internal notes of a record (`subject` `MEASURE`, `SPECIFIC_GOAL` …), oldest first, and
/// a form to add one where `may_add`.
pub fn notes_section(
    subject: &'static str,
    code: &str,
    notes: Vec<Note>,
    may_add: bool,
    saver: Saver,
) -> AnyView {
    let lang = saver.lang();
    let list = if notes.is_empty() {
        view! { <p class="notice">{T::NoNotes.get(lang)}</p> }.into_any()
    } else {
        let items = notes
            .into_iter()
            .map(|n| {
                let at = n.created_at.replace('T', " ");
                let at = at.trim_end_matches('Z').get(..16).unwrap_or(&at).to_owned();
                view! {
                    <li>
                        <p class="note-meta">{n.author_name}", "<time>{at}</time></p>
                        <p class="note-text">{n.text}</p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="notes">{items}</ul> }.into_any()
    };
    let form = may_add.then(|| {
        let text = saver
            .field("note-new".to_owned(), T::NewNote.get(lang), "textarea", "")
            .required();
        let value = text.value;
        let code = code.to_owned();
        let submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let vars = serde_json::json!({ "input": {
                "subject": subject,
                "code": code,
                "text": value.get_untracked(),
            }});
            saver.save(crate::queries::ADD_NOTE, vars, T::NoteAdded);
        };
        view! {
            <form class="form" id="note" on:submit=submit>
                {field(text, lang)}
                <button type="submit" class="button">{T::AddNote.get(lang)}</button>
            </form>
        }
    });
    view! {
        <section aria-labelledby="notes-title">
            <h2 id="notes-title">{T::InternalNotes.get(lang)}</h2>
            <p class="hint">{T::InternalNotesLead.get(lang)}</p>
            {list}
            {form}
        </section>
    }
    .into_any()
}
