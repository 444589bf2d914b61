//! Accounts (`/uzivatele`, admins only): every account as a form (name, role, organisation,
//! active, a new password) with its history, and a form for a new account.

use leptos::prelude::*;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use shared::format::Lang;
use shared::role::Role;
use shared::validate;

use crate::components::form::{Field, field};
use crate::components::staff::{
    Organisation, Organisations, Saver, StaffSpec, history_link, organisation_choices, staff_view,
};
use crate::i18n::{self, T};
use crate::queries;
use crate::session::Me;
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Data {
    users: Vec<User>,
    plan: Organisations,
}

#[derive(Debug, Clone, Deserialize)]
struct User {
    id: i32,
    version: i32,
    email: String,
    name: String,
    role: Option<String>,
    active: bool,
    organisations: Vec<Organisation>,
}

/// The users page.
#[component]
pub fn UsersPage() -> impl IntoView {
    let spec = StaffSpec {
        page: "users",
        heading: Box::new(|lang| T::UsersTitle.get(lang).to_owned()),
        allowed: Me::manages_users,
        denied: T::AdminsOnly,
        record: None,
        query: queries::USERS,
        variables: json!({}),
    };
    staff_view(spec, render)
}

fn render(data: Data, _: &Me, saver: Saver) -> AnyView {
    let lang = saver.lang();
    let roles: Vec<(String, String)> = Role::ALL
        .into_iter()
        .map(|r| (r.as_str().to_owned(), i18n::role(r, lang).to_owned()))
        .collect();
    let organisations = organisation_choices(None, data.plan, Some(T::NoOrganisation.get(lang)));
    let users = data
        .users
        .into_iter()
        .map(|u| user_form(u, &roles, &organisations, saver))
        .collect_view();
    view! {
        <section aria-labelledby="accounts-title">
            <h2 id="accounts-title">{T::Accounts.get(lang)}</h2>
            {users}
        </section>
        {new_user_form(roles, organisations, saver)}
    }
    .into_any()
}

/// The plans a role (by its API name, the form's value) binds to: a role bound to plans (a
/// coordinator) the plan, other roles none.
fn plans_of(role: &str) -> Vec<&'static str> {
    if Role::from_db(role).is_some_and(Role::bound_to_plans) {
        vec!["ostrava"]
    } else {
        vec![]
    }
}

/// An account's editable fields as the form holds them (select values as text).
#[derive(Debug, Clone, PartialEq)]
struct AccountForm {
    name: String,
    role: String,
    organisation: String,
    active: String,
}

/// The `updateUser` fields that differ between what was saved and what the form holds now,
/// with a new password if one is typed: a new role brings the plans it is bound to, an
/// organisation the list of one. Nothing changed is an empty map.
fn changes(saved: &AccountForm, now: &AccountForm, password: &str) -> Map<String, Value> {
    let mut input = Map::new();
    if now.name.trim() != saved.name.trim() {
        input.insert("name".into(), json!(now.name));
    }
    if now.role != saved.role {
        input.insert("role".into(), json!(now.role));
        input.insert("plans".into(), json!(plans_of(&now.role)));
    }
    if now.organisation != saved.organisation {
        let orgs: Vec<i32> = now.organisation.parse().ok().into_iter().collect();
        input.insert("organisations".into(), json!(orgs));
    }
    if now.active != saved.active {
        input.insert("active".into(), json!(now.active == "true"));
    }
    if !password.is_empty() {
        input.insert("password".into(), json!(password));
    }
    input
}

fn user_form(
    u: User,
    roles: &[(String, String)],
    organisations: &[(String, String)],
    saver: Saver,
) -> AnyView {
    let lang = saver.lang();
    let id = format!("user-{}", u.id);
    let saved = AccountForm {
        name: u.name.clone(),
        role: u.role.clone().unwrap_or_default(),
        organisation: u
            .organisations
            .first()
            .map(|o| o.id.to_string())
            .unwrap_or_default(),
        active: u.active.to_string(),
    };
    let [name, role, organisation, active] =
        account_fields(&id, &saved, roles, organisations, saver);
    // Never kept over a reload: a password is typed anew.
    let password = RwSignal::new(String::new());
    let password_field = Field::new(
        format!("{id}-password"),
        T::NewPassword.get(lang),
        "password",
        password,
    )
    .check(password_check)
    .autocomplete("new-password")
    .hint(T::NewPasswordHint.get(lang).to_owned());
    let values = (name.value, role.value, organisation.value, active.value);
    let record = (u.id, u.version);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = AccountForm {
            name: values.0.get_untracked(),
            role: values.1.get_untracked(),
            organisation: values.2.get_untracked(),
            active: values.3.get_untracked(),
        };
        let new_password = password.get_untracked();
        if password_check(&new_password, lang).is_some() {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        }
        let mut input = changes(&saved, &now, &new_password);
        if input.is_empty() {
            saver.refuse(T::NoChange.get(lang).to_owned());
            return;
        }
        input.insert("id".into(), json!(record.0));
        input.insert("version".into(), json!(record.1));
        saver.save(
            queries::UPDATE_USER,
            json!({ "input": Value::Object(input) }),
            T::Changed,
        );
    };
    let fields = [name, role, organisation, active, password_field]
        .into_iter()
        .map(|f| field(f, lang))
        .collect_view();
    view! {
        <form class="form" id=id on:submit=submit>
            <h3>{u.email}</h3>
            <div class="field-row">{fields}</div>
            <div class="form-actions">
                <button type="submit" class="button">{T::Save.get(lang)}</button>
                {history_link("user_account", u.id, lang)}
            </div>
        </form>
    }
    .into_any()
}

/// The inputs of an account's saved fields: name, role, organisation, state.
fn account_fields(
    id: &str,
    saved: &AccountForm,
    roles: &[(String, String)],
    organisations: &[(String, String)],
    saver: Saver,
) -> [Field; 4] {
    let lang = saver.lang();
    let name = saver
        .field(
            format!("{id}-name"),
            T::PersonName.get(lang),
            "text",
            &saved.name,
        )
        .required();
    let role = saver
        .field(
            format!("{id}-role"),
            T::RoleLabel.get(lang),
            "select",
            &saved.role,
        )
        .options(roles.to_vec());
    let organisation = saver
        .field(
            format!("{id}-org"),
            T::OrganisationLabel.get(lang),
            "select",
            &saved.organisation,
        )
        .options(organisations.to_vec());
    let active = saver
        .field(
            format!("{id}-active"),
            T::AccountState.get(lang),
            "select",
            &saved.active,
        )
        .options(vec![
            ("true".to_owned(), T::Active.get(lang).to_owned()),
            ("false".to_owned(), T::Inactive.get(lang).to_owned()),
        ]);
    [name, role, organisation, active]
}

fn new_user_form(
    roles: Vec<(String, String)>,
    organisations: Vec<(String, String)>,
    saver: Saver,
) -> AnyView {
    let lang = saver.lang();
    let email = saver
        .field("nu-email".into(), T::Email.get(lang), "email", "")
        .check(email_check)
        .required();
    let name = saver
        .field("nu-name".into(), T::PersonName.get(lang), "text", "")
        .required();
    let role = saver
        .field(
            "nu-role".into(),
            T::RoleLabel.get(lang),
            "select",
            Role::Implementer.as_str(),
        )
        .options(roles);
    let organisation = saver
        .field(
            "nu-org".into(),
            T::OrganisationLabel.get(lang),
            "select",
            "",
        )
        .options(organisations);
    let password = RwSignal::new(String::new());
    let password_field = Field::new(
        "nu-password".into(),
        T::Password.get(lang),
        "password",
        password,
    )
    .check(password_check)
    .autocomplete("new-password")
    .required();
    let values = (email.value, name.value, role.value, organisation.value);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (email, name, role, org) = (
            values.0.get_untracked(),
            values.1.get_untracked(),
            values.2.get_untracked(),
            values.3.get_untracked(),
        );
        let password = password.get_untracked();
        if email_check(&email, lang).is_some() || password_check(&password, lang).is_some() {
            saver.refuse(T::FixErrors.get(lang).to_owned());
            return;
        }
        let orgs: Vec<i32> = org.parse().ok().into_iter().collect();
        let vars = json!({ "input": {
            "email": email, "name": name, "password": password, "role": role,
            "plans": plans_of(&role), "organisations": orgs,
        }});
        saver.save(queries::CREATE_USER, vars, T::Created);
    };
    let fields = [email, name, password_field, role, organisation]
        .into_iter()
        .map(|f| field(f, lang))
        .collect_view();
    view! {
        <form class="form" id="new-user" on:submit=submit>
            <h2>{T::NewUser.get(lang)}</h2>
            {fields}
            <button type="submit" class="button">{T::CreateUser.get(lang)}</button>
        </form>
    }
    .into_any()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_edit_sends_only_what_changed() {
        let saved = AccountForm {
            name: "Jana Nováková".to_owned(),
            role: "IMPLEMENTER".to_owned(),
            organisation: "16".to_owned(),
            active: "true".to_owned(),
        };
        assert!(changes(&saved, &saved.clone(), "").is_empty());
        let renamed = AccountForm {
            name: " Jana Nováková ".to_owned(),
            ..saved.clone()
        };
        assert!(
            changes(&saved, &renamed, "").is_empty(),
            "spaces are no change"
        );
        let now = AccountForm {
            role: "COORDINATOR".to_owned(),
            organisation: "3".to_owned(),
            active: "false".to_owned(),
            ..saved.clone()
        };
        assert_eq!(
            Value::Object(changes(&saved, &now, "nové heslo 2026")),
            json!({
                "role": "COORDINATOR",
                "plans": ["ostrava"],
                "organisations": [3],
                "active": false,
                "password": "nové heslo 2026",
            })
        );
    }
}
