//! Rate limiting of logins: failed attempts are stored (so every instance sees them) and
//! counted over a sliding window, per e-mail address and per client address.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, Set,
};

use super::session::now;
use crate::entity::login_failure;
use crate::error::ApiError;

/// The window failures are counted over.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Failures of one e-mail address within the window before logins for it are refused.
pub const PER_EMAIL: u64 = 5;
/// Failures from one client address within the window before its logins are refused.
pub const PER_CLIENT: u64 = 30;

fn keys(email: &str, ip: Option<&str>) -> Vec<(String, u64)> {
    let mut keys = vec![(format!("email:{email}"), PER_EMAIL)];
    if let Some(ip) = ip {
        keys.push((format!("ip:{ip}"), PER_CLIENT));
    }
    keys
}

/// `RATE_LIMITED` when either key has too many recent failures.
pub async fn check<C: ConnectionTrait>(
    db: &C,
    email: &str,
    ip: Option<&str>,
) -> Result<(), ApiError> {
    let since = now() - WINDOW_SECS;
    for (key, max) in keys(email, ip) {
        let n = login_failure::Entity::find()
            .filter(login_failure::Column::Key.eq(key))
            .filter(login_failure::Column::At.gt(since))
            .count(db)
            .await?;
        if n >= max {
            return Err(ApiError::RateLimited {
                retry_after_secs: WINDOW_SECS,
            });
        }
    }
    Ok(())
}

/// Records a failed attempt, and forgets failures older than the window.
pub async fn fail<C: ConnectionTrait>(db: &C, email: &str, ip: Option<&str>) -> Result<(), DbErr> {
    let at = now();
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lte(at - WINDOW_SECS))
        .exec(db)
        .await?;
    for (key, _) in keys(email, ip) {
        login_failure::ActiveModel {
            key: Set(key),
            at: Set(at),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Forgets the failures of an e-mail address after a successful login.
pub async fn succeed<C: ConnectionTrait>(db: &C, email: &str) -> Result<(), DbErr> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Key.eq(format!("email:{email}")))
        .exec(db)
        .await?;
    Ok(())
}
