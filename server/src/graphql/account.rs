//! Signing in and out, the signed-in user (`me`), and account management for admins.

use async_graphql::{Context, Enum, InputObject, Object};
use sea_orm::Set;
use shared::role::Role;
use shared::validate::{self, Rule, ValidationError};

use super::measure::Organisation;
use super::{auth, db};
use crate::auth::{Actor, Need, limit, password, session};
use crate::entity::user_account;
use crate::error::{ApiError, ApiResult};
use crate::store::account;
use crate::store::write::{Action, Write};

// `remote`: the conversions to and from `shared::role::Role` are derived.
/// A role of an account.
#[derive(Enum, Copy, Clone, Eq, PartialEq, Debug)]
#[graphql(name = "Role", remote = "shared::role::Role")]
pub enum RoleEnum {
    /// Manages users; may change everything.
    Admin,
    /// Changes everything in the plans they coordinate; publishes drafts.
    Coordinator,
    /// Enters data of the measures their organisations implement.
    Implementer,
    /// Reads internal notes and drafts.
    Viewer,
}

/// The signed-in user.
pub struct Me {
    actor: Actor,
    csrf_token: String,
}

#[Object]
impl Me {
    async fn id(&self) -> i32 {
        self.actor.user_id
    }
    async fn email(&self) -> &str {
        &self.actor.email
    }
    async fn name(&self) -> &str {
        &self.actor.name
    }
    async fn role(&self) -> RoleEnum {
        self.actor.role.into()
    }
    /// Send this in the `X-PSZ-CSRF` header of every mutation.
    async fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
    /// Slugs of the plans a coordinator coordinates.
    async fn plans(&self, ctx: &Context<'_>) -> ApiResult<Vec<String>> {
        plan_slugs(ctx, &self.actor.plans).await
    }
    /// The organisations an implementer reports for.
    async fn organisations(&self, ctx: &Context<'_>) -> ApiResult<Vec<Organisation>> {
        organisations(ctx, &self.actor.organisations).await
    }
}

/// An account, as admins see it.
pub struct User {
    model: user_account::Model,
    plans: Vec<i32>,
    organisations: Vec<i32>,
}

#[Object]
impl User {
    async fn id(&self) -> i32 {
        self.model.id
    }
    async fn version(&self) -> i32 {
        self.model.version
    }
    async fn email(&self) -> &str {
        &self.model.email
    }
    async fn name(&self) -> &str {
        &self.model.name
    }
    async fn role(&self) -> Option<RoleEnum> {
        Role::from_db(&self.model.role).map(RoleEnum::from)
    }
    /// A deactivated account cannot sign in.
    async fn active(&self) -> bool {
        self.model.active
    }
    async fn created_at(&self) -> &str {
        &self.model.created_at
    }
    async fn plans(&self, ctx: &Context<'_>) -> ApiResult<Vec<String>> {
        plan_slugs(ctx, &self.plans).await
    }
    async fn organisations(&self, ctx: &Context<'_>) -> ApiResult<Vec<Organisation>> {
        organisations(ctx, &self.organisations).await
    }
}

async fn plan_slugs(ctx: &Context<'_>, ids: &[i32]) -> ApiResult<Vec<String>> {
    Ok(account::plan_slugs(db(ctx), ids)
        .await
        .map_err(ApiError::from)?)
}

async fn organisations(ctx: &Context<'_>, ids: &[i32]) -> ApiResult<Vec<Organisation>> {
    let mut out = Vec::new();
    for id in ids {
        if let Some(o) = super::one(&super::loaders(ctx).organisations, *id).await? {
            out.push(Organisation(o));
        }
    }
    Ok(out)
}

/// Reads of accounts.
#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The signed-in user, or null for an anonymous visitor.
    async fn me(&self, ctx: &Context<'_>) -> Option<Me> {
        let a = auth(ctx);
        match (&a.actor, &a.session) {
            (Some(actor), Some(s)) => Some(Me {
                actor: actor.clone(),
                csrf_token: s.csrf_token.clone(),
            }),
            _ => None,
        }
    }

    /// Every account (admins only).
    async fn users(&self, ctx: &Context<'_>) -> ApiResult<Vec<User>> {
        auth(ctx).require(&Need::ManageUsers)?;
        Ok(account::all(db(ctx))
            .await
            .map_err(ApiError::from)?
            .into_iter()
            .map(|a| User {
                model: a.model,
                plans: a.plans,
                organisations: a.organisations,
            })
            .collect())
    }
}

/// A new account.
#[derive(InputObject)]
pub struct CreateUserInput {
    pub email: String,
    pub name: String,
    /// At least 12 characters.
    pub password: String,
    pub role: RoleEnum,
    /// Slugs of the plans a coordinator coordinates.
    #[graphql(default)]
    pub plans: Vec<String>,
    /// Ids of the organisations an implementer reports for.
    #[graphql(default)]
    pub organisations: Vec<i32>,
}

/// Changes to an account; omitted fields stay as they are.
#[derive(InputObject)]
pub struct UpdateUserInput {
    pub id: i32,
    /// The version read; a stale one gets `CONFLICT`.
    pub version: i32,
    pub name: Option<String>,
    pub role: Option<RoleEnum>,
    /// Deactivating ends the account's sessions.
    pub active: Option<bool>,
    /// A new password; ends the account's sessions.
    pub password: Option<String>,
    pub plans: Option<Vec<String>>,
    pub organisations: Option<Vec<i32>>,
}

/// Signing in and out; accounts (admins only).
#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Signs in: a new session in an `HttpOnly` cookie (any session the request had ends).
    /// Attempts are limited per e-mail and client address (5), per client address (30) and per
    /// e-mail from every address (50) within an hour; beyond that each attempt waits 30 s,
    /// doubling up to 15 minutes (`RATE_LIMITED` with `retryAfterSecs`). `BUSY` when too many
    /// passwords are being checked at once.
    async fn login(&self, ctx: &Context<'_>, email: String, password: String) -> ApiResult<Me> {
        let a = auth(ctx);
        a.check_csrf()?;
        let db = db(ctx);
        let email = validate::email("email", &email).map_err(ApiError::from)?;
        let ip = a.client_ip.as_deref();
        let claim = limit::claim(db, &email, ip).await?;
        let user = account::by_email(db, &email)
            .await
            .map_err(ApiError::from)?;
        let phc = user.as_ref().map(|u| u.password_hash.clone());
        let matches = match password::verify(password, phc).await {
            Ok(matches) => matches,
            Err(busy) => {
                limit::release(db, claim).await?;
                return Err(busy.into());
            }
        };
        // A failed attempt stays claimed: it counts.
        let Some(user) = user.filter(|u| matches && u.active) else {
            return Err(ApiError::LoginFailed.into());
        };
        limit::succeed(db, claim, &email, ip).await?;
        // The language the person uses the app in is the one their e-mails are written in.
        if let Some(lang) = a.lang
            && user.lang != lang.code()
        {
            account::set_lang(db, user.id, lang)
                .await
                .map_err(ApiError::from)?;
        }
        if let Some(old) = &a.token {
            session::end(db, old).await.map_err(ApiError::from)?;
            super::versions(ctx).accounts_changed();
        }
        let settings = super::session_settings(ctx);
        let (token, row) = session::start(db, user.id, &settings)
            .await
            .map_err(ApiError::from)?;
        let actor = session::actor(db, user.id)
            .await
            .map_err(ApiError::from)?
            .ok_or(ApiError::LoginFailed)?;
        ctx.append_http_header("set-cookie", session::set_cookie(&token, &settings));
        ctx.append_http_header("set-cookie", session::hint_cookie(true, &settings));
        tracing::info!(user = actor.user_id, "signed in");
        Ok(Me {
            actor,
            csrf_token: row.csrf_token,
        })
    }

    /// Signs out: the session ends and its cookie is removed.
    async fn logout(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let a = auth(ctx);
        a.check_csrf()?;
        if let Some(token) = &a.token {
            session::end(db(ctx), token).await.map_err(ApiError::from)?;
        }
        super::versions(ctx).accounts_changed();
        ctx.append_http_header(
            "set-cookie",
            session::clear_session_cookie(&super::session_settings(ctx)),
        );
        ctx.append_http_header(
            "set-cookie",
            session::hint_cookie(false, &super::session_settings(ctx)),
        );
        Ok(true)
    }

    /// Forgets the failed logins of an e-mail address from every client address, so its
    /// account can sign in at once (admins only).
    async fn unlock_login(&self, ctx: &Context<'_>, email: String) -> ApiResult<bool> {
        let a = auth(ctx);
        a.check_csrf()?;
        let actor = a.require(&Need::ManageUsers)?;
        let db = db(ctx);
        let email = validate::email("email", &email).map_err(ApiError::from)?;
        let found = account::by_email(db, &email)
            .await
            .map_err(ApiError::from)?;
        let w = Write::begin(db, super::versions(ctx), actor, None).await?;
        let forgotten = limit::unlock(&w.txn, &email).await?;
        let record = serde_json::json!({ "email": email, "failedLogins": forgotten });
        w.audit(
            "login_failure",
            found.map_or(0, |u| u.id),
            Action::Unlock,
            Some(&record),
            None,
        )
        .await?;
        w.commit().await?;
        tracing::info!(by = actor.user_id, forgotten, "login unlocked");
        Ok(true)
    }

    /// Creates an account (admins only).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> ApiResult<User> {
        let a = auth(ctx);
        a.check_csrf()?;
        let actor = a.require(&Need::ManageUsers)?;
        let db = db(ctx);
        let email = validate::email("email", &input.email).map_err(ApiError::from)?;
        let name = validate::line("name", &input.name).map_err(ApiError::from)?;
        validate::password("password", &input.password).map_err(ApiError::from)?;
        let plans = account::plan_ids(db, &input.plans).await?;
        let orgs = account::organisation_ids(db, &input.organisations).await?;
        let taken = account::by_email(db, &email)
            .await
            .map_err(ApiError::from)?;
        if taken.is_some() {
            return Err(ApiError::from(ValidationError::new("email", Rule::Duplicate)).into());
        }
        let hash = password::hash(input.password).await?;
        let w = Write::begin(db, super::versions(ctx), actor, None).await?;
        let user = w
            .insert(user_account::ActiveModel {
                email: Set(email),
                name: Set(name),
                password_hash: Set(hash),
                role: Set(Role::from(input.role).as_str().to_owned()),
                active: Set(true),
                version: Set(1),
                created_at: Set(crate::store::write::timestamp()),
                ..Default::default()
            })
            .await?;
        account::link(&w, user.id, &plans, &orgs).await?;
        w.audit("user_account", user.id, Action::Create, None, Some(&user))
            .await?;
        w.commit().await?;
        Ok(User {
            model: user,
            plans,
            organisations: orgs,
        })
    }

    /// Changes an account (admins only).
    async fn update_user(&self, ctx: &Context<'_>, input: UpdateUserInput) -> ApiResult<User> {
        let a = auth(ctx);
        a.check_csrf()?;
        let actor = a.require(&Need::ManageUsers)?;
        let db = db(ctx);
        let mut active = user_account::ActiveModel::default();
        if let Some(name) = &input.name {
            active.name = Set(validate::line("name", name).map_err(ApiError::from)?);
        }
        if let Some(role) = input.role {
            active.role = Set(Role::from(role).as_str().to_owned());
        }
        if let Some(on) = input.active {
            active.active = Set(on);
        }
        let ends_sessions = input.password.is_some() || input.active == Some(false);
        if let Some(pw) = input.password {
            validate::password("password", &pw).map_err(ApiError::from)?;
            active.password_hash = Set(password::hash(pw).await?);
        }
        let plans = match &input.plans {
            Some(slugs) => Some(account::plan_ids(db, slugs).await?),
            None => None,
        };
        let orgs = match &input.organisations {
            Some(ids) => Some(account::organisation_ids(db, ids).await?),
            None => None,
        };
        let w = Write::begin(db, super::versions(ctx), actor, None).await?;
        let before = w.find::<user_account::Entity>(input.id, "user").await?;
        let after = w
            .update::<user_account::Entity>(active, input.id, input.version)
            .await?;
        account::relink(&w, input.id, plans.as_deref(), orgs.as_deref()).await?;
        if ends_sessions {
            session::end_all(&w.txn, input.id)
                .await
                .map_err(ApiError::from)?;
        }
        w.audit(
            "user_account",
            input.id,
            Action::Update,
            Some(&before),
            Some(&after),
        )
        .await?;
        let links = session::actor(&w.txn, input.id)
            .await
            .map_err(ApiError::from)?;
        w.commit().await?;
        let (plans, organisations) = links
            .map(|l| (l.plans, l.organisations))
            .unwrap_or_default();
        Ok(User {
            model: after,
            plans,
            organisations,
        })
    }
}
