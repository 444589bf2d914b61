//! Accounts: finding one by e-mail, every account with its plans and organisations, checking the
//! plans and organisations an admin names, and linking an account to them.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::validate::{Rule, ValidationError};

use super::write::Write;
use crate::entity::{organisation, plan, user_account, user_organisation, user_plan};
use crate::error::ApiError;

/// An account with the ids of the plans it coordinates and the organisations it reports for.
pub struct Account {
    pub model: user_account::Model,
    pub plans: Vec<i32>,
    pub organisations: Vec<i32>,
}

/// The account with this (already normalised) e-mail address.
pub async fn by_email<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> Result<Option<user_account::Model>, DbErr> {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(db)
        .await
}

/// Every account, by e-mail, with its links: three queries whatever their number.
/// Records the language of an account's e-mails (`user_account.lang`).
pub async fn set_lang<C: ConnectionTrait>(
    db: &C,
    id: i32,
    lang: shared::format::Lang,
) -> Result<(), DbErr> {
    user_account::Entity::update_many()
        .col_expr(
            user_account::Column::Lang,
            sea_orm::sea_query::Expr::value(lang.code()),
        )
        .filter(user_account::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn all<C: ConnectionTrait>(db: &C) -> Result<Vec<Account>, DbErr> {
    let users = user_account::Entity::find()
        .order_by_asc(user_account::Column::Email)
        .all(db)
        .await?;
    let ids: Vec<i32> = users.iter().map(|u| u.id).collect();
    let mut plans: HashMap<i32, Vec<i32>> = HashMap::new();
    for row in user_plan::Entity::find()
        .filter(user_plan::Column::UserId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        plans.entry(row.user_id).or_default().push(row.plan_id);
    }
    let mut orgs: HashMap<i32, Vec<i32>> = HashMap::new();
    for row in user_organisation::Entity::find()
        .filter(user_organisation::Column::UserId.is_in(ids))
        .all(db)
        .await?
    {
        orgs.entry(row.user_id)
            .or_default()
            .push(row.organisation_id);
    }
    Ok(users
        .into_iter()
        .map(|model| Account {
            plans: plans.remove(&model.id).unwrap_or_default(),
            organisations: orgs.remove(&model.id).unwrap_or_default(),
            model,
        })
        .collect())
}

/// The slugs of the plans `ids`, in slug order.
pub async fn plan_slugs<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<Vec<String>, DbErr> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(plan::Entity::find()
        .filter(plan::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(plan::Column::Slug)
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.slug)
        .collect())
}

/// Plan ids of slugs, each once; an unknown slug is a validation error naming its place
/// (`plans.1`).
pub async fn plan_ids<C: ConnectionTrait>(db: &C, slugs: &[String]) -> Result<Vec<i32>, ApiError> {
    let found = plan::Entity::find()
        .filter(plan::Column::Slug.is_in(slugs.iter().cloned()))
        .all(db)
        .await?;
    let found: Vec<(&str, i32)> = found.iter().map(|p| (p.slug.as_str(), p.id)).collect();
    known_ids(slugs, "plans", |slug| {
        found.iter().find(|(s, _)| s == slug).map(|(_, id)| *id)
    })
}

/// Organisation ids that exist, each once; an unknown one is a validation error naming its
/// place (`organisations.0`).
pub async fn organisation_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> Result<Vec<i32>, ApiError> {
    let found: Vec<i32> = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    known_ids(ids, "organisations", |id| found.contains(id).then_some(*id))
}

/// The ids that `lookup` finds for `names`, without repeats, or the first unknown one as a
/// validation error of `field.<index>`.
fn known_ids<T>(
    names: &[T],
    field: &str,
    lookup: impl Fn(&T) -> Option<i32>,
) -> Result<Vec<i32>, ApiError> {
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let id = lookup(name)
            .ok_or_else(|| ValidationError::new(format!("{field}.{i}"), Rule::UnknownId))?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Links a new account to its plans and organisations.
pub async fn link(
    w: &Write<'_>,
    user_id: i32,
    plans: &[i32],
    orgs: &[i32],
) -> Result<(), ApiError> {
    for plan_id in plans {
        w.insert(user_plan::ActiveModel {
            user_id: Set(user_id),
            plan_id: Set(*plan_id),
            ..Default::default()
        })
        .await?;
    }
    for organisation_id in orgs {
        w.insert(user_organisation::ActiveModel {
            user_id: Set(user_id),
            organisation_id: Set(*organisation_id),
            ..Default::default()
        })
        .await?;
    }
    Ok(())
}

/// Replaces an account's plans and/or organisations (`None` leaves them as they are).
pub async fn relink(
    w: &Write<'_>,
    user_id: i32,
    plans: Option<&[i32]>,
    orgs: Option<&[i32]>,
) -> Result<(), ApiError> {
    if let Some(plans) = plans {
        user_plan::Entity::delete_many()
            .filter(user_plan::Column::UserId.eq(user_id))
            .exec(&w.txn)
            .await?;
        link(w, user_id, plans, &[]).await?;
    }
    if let Some(orgs) = orgs {
        user_organisation::Entity::delete_many()
            .filter(user_organisation::Column::UserId.eq(user_id))
            .exec(&w.txn)
            .await?;
        link(w, user_id, &[], orgs).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ids_drop_repeats_and_name_the_first_unknown() {
        let lookup = |n: &&str| match *n {
            "a" => Some(1),
            "b" => Some(2),
            _ => None,
        };
        assert_eq!(
            known_ids(&["a", "b", "a"], "plans", lookup).unwrap(),
            vec![1, 2]
        );
        let err = known_ids(&["a", "x", "y"], "plans", lookup).unwrap_err();
        match err {
            ApiError::Invalid(v) => assert_eq!(v.field, "plans.1"),
            other => panic!("unexpected {other:?}"),
        }
    }
}
