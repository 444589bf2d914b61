//! Sign in (`/prihlaseni`): e-mail and password; on success the session is known app-wide and
//! the user goes on to data entry.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde::Deserialize;

use crate::api::ClientError;
use crate::browser;
use crate::components::form::{Field, field, notice};
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::queries;
use crate::routes::Route;
use crate::session::{Me, SessionState, mutate_as, use_session};

#[derive(Deserialize)]
struct LoginData {
    login: Me,
}

/// The sign-in page.
#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        let vars = serde_json::json!({ "email": email.get_untracked(), "password": password.get_untracked() });
        spawn_local(async move {
            let answer = mutate_as(session, queries::LOGIN, vars)
                .await
                .and_then(|v| {
                    serde_json::from_value::<LoginData>(v)
                        .map_err(|e| ClientError::Decode(e.to_string()))
                });
            busy.set(false);
            let l = lang.get_untracked();
            match answer {
                Ok(data) => {
                    password.set(String::new());
                    session.set(SessionState::SignedIn(data.login));
                    navigate(&Route::Entry.href(), Default::default());
                }
                Err(ClientError::Unauthenticated(_)) => {
                    error.set(Some(T::LoginFailed.get(l).to_owned()))
                }
                Err(ClientError::GraphQl { code: Some(c), .. }) if c == "RATE_LIMITED" => {
                    error.set(Some(T::LoginLocked.get(l).to_owned()));
                }
                Err(e) => error.set(Some(i18n::error_message(&e, l))),
            }
        });
    };
    Effect::new(move |_| {
        browser::set_title(&i18n::document_title(T::LoginTitle.get(lang.get())));
        browser::page_settled();
    });
    move || {
        let l = lang.get();
        let submit = submit.clone();
        view! {
            <article class="page" data-page="login" data-state="ready">
                <h1 tabindex="-1">{T::LoginTitle.get(l)}</h1>
                <p class="lead">{T::LoginLead.get(l)}</p>
                <form class="form" on:submit=submit>
                {field(Field::new("login-email".into(), T::Email.get(l), "email", email).autocomplete("username").required(), l)}
                {field(Field::new("login-password".into(), T::Password.get(l), "password", password).autocomplete("current-password").required(), l)}
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                        {T::LoginButton.get(l)}
                    </button>
                    {move || error.get().map(|e| notice(Err(e)))}
                </form>
            </article>
        }
    }
}
