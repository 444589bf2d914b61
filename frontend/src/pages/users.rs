//! Accounts (`/uzivatele`, admins only): the list with roles and bindings, a form for a new
//! account, and (de)activation.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use shared::format::Lang;
use shared::role::Role;
use shared::validate;

use crate::api::ClientError;
use crate::browser;
use crate::components::form::{Field, field, notice};
use crate::components::page::loading_article;
use crate::components::staff::sign_in_first;
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::queries;
use crate::session::{SessionState, mutate_as, use_session};

#[derive(Debug, Clone, Deserialize)]
struct Data {
    users: Vec<User>,
    plan: Plan,
}

#[derive(Debug, Clone, Deserialize)]
struct Plan {
    organisations: Vec<Organisation>,
}

#[derive(Debug, Clone, Deserialize)]
struct Organisation {
    id: i32,
    name: String,
}

#[derive(Debug, Clone, Deserialize)]
struct User {
    id: i32,
    version: i32,
    email: String,
    name: String,
    role: Option<String>,
    active: bool,
    plans: Vec<String>,
    organisations: Vec<Organisation>,
}

/// The users page.
#[component]
pub fn UsersPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    move || {
        let l = lang.get();
        match session.get() {
            SessionState::Unknown => loading_article("users", T::UsersTitle.get(l).to_owned(), l),
            SessionState::SignedIn(me) if me.is_admin() => view! { <UserAdmin /> }.into_any(),
            SessionState::SignedIn(_) => {
                browser::page_settled();
                view! {
                    <article class="page" data-page="users" data-state="ready">
                        <h1 tabindex="-1">{T::UsersTitle.get(l)}</h1>
                        <p class="notice">{T::AdminsOnly.get(l)}</p>
                    </article>
                }
                .into_any()
            }
            SessionState::Anonymous => sign_in_first("users", T::UsersTitle.get(l).to_owned(), l),
        }
    }
}

#[component]
fn UserAdmin() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let resource = LocalResource::new(move || {
        reload.track();
        mutate_as(session, queries::USERS, serde_json::json!({}))
    });
    move || {
        let l = lang.get();
        let decoded = resource.get().map(|answer| {
            answer.and_then(|v| {
                serde_json::from_value::<Data>(v).map_err(|e| ClientError::Decode(e.to_string()))
            })
        });
        match decoded {
            None => loading_article("users", T::UsersTitle.get(l).to_owned(), l),
            Some(Err(e)) => view! {
                <article class="page" data-page="users" data-state="error">
                    <h1 tabindex="-1">{T::UsersTitle.get(l)}</h1>
                    <p class="notice notice-error" role="alert">{i18n::error_message(&e, l)}</p>
                </article>
            }
            .into_any(),
            Some(Ok(data)) => {
                browser::set_title(&i18n::document_title(T::UsersTitle.get(l)));
                browser::page_settled();
                render(data, l, reload)
            }
        }
    }
}

fn render(data: Data, lang: Lang, reload: RwSignal<u32>) -> AnyView {
    let session = use_session();
    let rows = data
        .users
        .into_iter()
        .map(|u| {
            let toggle = move |_| {
                let vars = serde_json::json!({ "input": { "id": u.id, "version": u.version, "active": !u.active } });
                spawn_local(async move {
                    if mutate_as(session, queries::UPDATE_USER, vars).await.is_ok() {
                        reload.update(|n| *n += 1);
                    }
                });
            };
            let bound: Vec<String> = u
                .plans
                .iter()
                .cloned()
                .chain(u.organisations.iter().map(|o| o.name.clone()))
                .collect();
            view! {
                <tr>
                    <td>{u.name.clone()}<br/><span class="hint">{u.email.clone()}</span></td>
                    <td>{u.role.as_deref().map(|r| i18n::role(r, lang)).unwrap_or_default()}</td>
                    <td>{bound.join(", ")}</td>
                    <td>{if u.active { T::Active.get(lang) } else { T::Inactive.get(lang) }}</td>
                    <td>
                        <button type="button" class="button button-small" on:click=toggle>
                            {if u.active { T::Deactivate.get(lang) } else { T::Activate.get(lang) }}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <article class="page" data-page="users" data-state="ready">
            <h1 tabindex="-1">{T::UsersTitle.get(lang)}</h1>
            <div class="table-wrap">
                <table class="values">
                    <thead><tr>
                        <th scope="col">{T::PersonName.get(lang)}</th>
                        <th scope="col">{T::RoleLabel.get(lang)}</th>
                        <th scope="col">{T::OrganisationLabel.get(lang)}</th>
                        <th scope="col">{T::Active.get(lang)}</th>
                        <th scope="col"><span class="visually-hidden">{T::Deactivate.get(lang)}</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <NewUserForm organisations=data.plan.organisations reload />
        </article>
    }
    .into_any()
}

#[component]
fn NewUserForm(organisations: Vec<Organisation>, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Implementer.as_str().to_owned());
    let organisation = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        if email_check(&email.get_untracked(), l).is_some()
            || password_check(&password.get_untracked(), l).is_some()
        {
            message.set(Some(Err(T::FixErrors.get(l).to_owned())));
            return;
        }
        let role_now = role.get_untracked();
        let orgs: Vec<i32> = organisation
            .get_untracked()
            .parse()
            .ok()
            .into_iter()
            .collect();
        let plans: Vec<&str> = if role_now == Role::Coordinator.as_str() {
            vec!["ostrava"]
        } else {
            vec![]
        };
        let vars = serde_json::json!({ "input": {
            "email": email.get_untracked(), "name": name.get_untracked(),
            "password": password.get_untracked(), "role": role_now,
            "plans": plans, "organisations": orgs,
        }});
        spawn_local(async move {
            match mutate_as(session, queries::CREATE_USER, vars).await {
                Ok(_) => {
                    message.set(Some(Ok(T::Created.get(l).to_owned())));
                    password.set(String::new());
                    reload.update(|n| *n += 1);
                }
                Err(e) => message.set(Some(Err(i18n::error_message(&e, l)))),
            }
        });
    };
    let l = lang.get_untracked();
    let roles = Role::ALL
        .into_iter()
        .map(|r| (r.as_str().to_owned(), i18n::role(r.as_str(), l).to_owned()))
        .collect();
    let orgs = std::iter::once((String::new(), T::NoOrganisation.get(l).to_owned()))
        .chain(
            organisations
                .into_iter()
                .map(|o| (o.id.to_string(), o.name)),
        )
        .collect();
    let fields = [
        Field::new("nu-email".into(), T::Email.get(l), "email", email)
            .check(email_check)
            .required(),
        Field::new("nu-name".into(), T::PersonName.get(l), "text", name).required(),
        Field::new(
            "nu-password".into(),
            T::Password.get(l),
            "password",
            password,
        )
        .check(password_check)
        .autocomplete("new-password")
        .required(),
        Field::new("nu-role".into(), T::RoleLabel.get(l), "select", role).options(roles),
        Field::new(
            "nu-org".into(),
            T::OrganisationLabel.get(l),
            "select",
            organisation,
        )
        .options(orgs),
    ]
    .into_iter()
    .map(|f| field(f, l))
    .collect_view();
    view! {
        <form class="form" id="new-user" on:submit=submit>
            <h2>{T::NewUser.get(l)}</h2>
            {fields}
            <button type="submit" class="button">{T::CreateUser.get(l)}</button>
            {move || message.get().map(notice)}
        </form>
    }
}

fn email_check(text: &str, lang: Lang) -> Option<String> {
    (!text.is_empty())
        .then(|| validate::email("email", text).err())
        .flatten()
        .map(|e| e.rule.message(lang))
}

fn password_check(text: &str, lang: Lang) -> Option<String> {
    (!text.is_empty())
        .then(|| validate::password("password", text).err())
        .flatten()
        .map(|e| e.rule.message(lang))
}
