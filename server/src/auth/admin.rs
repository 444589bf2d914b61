//! The first admin, made by `psz-monitor create-admin` (no default password exists anywhere).

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    Set, TransactionTrait,
};
use shared::role::Role;
use shared::validate;

use crate::entity::{audit_record, user_account};
use crate::error::ApiError;

/// Why an admin could not be made.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0}")]
    Invalid(#[from] validate::ValidationError),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("cannot hash the password")]
    Hash,
}

/// Creates an active admin `email`, or turns an existing account into an active admin with
/// the new password (ending its sessions). Writes an audit record either way.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    password: &str,
) -> Result<user_account::Model, AdminError> {
    let email = validate::email("email", email)?;
    let name = validate::line("name", name)?;
    validate::password("password", password)?;
    let hash = super::password::hash_now(password).map_err(|_: ApiError| AdminError::Hash)?;
    let txn = db.begin().await?;
    let existing = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(&txn)
        .await?;
    let (user, action, before) = match existing {
        Some(u) => {
            let before = serde_json::to_string(&u).ok();
            let mut a = u.clone().into_active_model();
            a.role = Set(Role::Admin.as_str().to_owned());
            a.active = Set(true);
            a.password_hash = Set(hash);
            a.version = Set(u.version + 1);
            let user = a.update(&txn).await?;
            super::session::end_all(&txn, user.id).await?;
            (user, "UPDATE", before)
        }
        None => {
            let user = user_account::ActiveModel {
                email: Set(email.clone()),
                name: Set(name),
                password_hash: Set(hash),
                role: Set(Role::Admin.as_str().to_owned()),
                active: Set(true),
                version: Set(1),
                created_at: Set(crate::store::write::timestamp()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (user, "CREATE", None)
        }
    };
    audit_record::ActiveModel {
        plan_id: Set(None),
        user_id: Set(None),
        user_email: Set("create-admin (command line)".to_owned()),
        at: Set(crate::store::write::timestamp()),
        entity: Set("user_account".to_owned()),
        record_id: Set(user.id),
        action: Set(action.to_owned()),
        before: Set(before),
        after: Set(serde_json::to_string(&user).ok()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(user)
}
